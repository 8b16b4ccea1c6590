"""Build benchmark of the irsite MkDocs plugin: figures and ratios measured side by side in one run.

    .venv/bin/python benchmarks/bench.py [--sizes 400 2000] [--repeat 5] [--baseline REV | --skip-baseline]
                                         [--keep DIR] [--on-disk] [--profile]

1. Real site vs a baseline: today's data (glossary.yaml, content/, docs/, overrides/, mkdocs.yml,
   copied) built with the plugin of ``--baseline`` (default 1473e8e, the last old build code that
   reads today's data; ``git archive`` of its scripts/ and pyproject.toml installed into a venv of
   its own, every other package pinned to this venv's version) and with the current plugin.
   Target: CPU time current / baseline ≤ 1.2. Skipped, saying why, when it cannot be installed.
2. Growth: copies with 0 and N synthetic but valid terms added, each N beside a bare MkDocs +
   Material site with as many pages (the project's theme and Markdown extensions, search, no irsite,
   all pages but the home page out of the nav). Targets: CPU time build / bare ≤ 1.5 at the largest
   N; CPU per added term, (build(N) − build(0)) / N, at the largest N ≤ 1.2 × at the smallest.
3. Package size: lines of scripts/irsite/**/*.py ≤ 3,300, of its largest module ≤ 600.
4. Peak RSS of the largest-N build (the process and its children) ≤ 1 GiB.

Each ``mkdocs build`` runs in a fresh process, timed by wall clock and by CPU time (user + system,
children included). The machine is noisy, so the sides of each ratio are built in alternating turns
(``--repeat``); ratios are given from the best times and turn by turn, with their median. The work
folder is in /dev/shm (memory) when it has room, so disk stalls stay out of the timings (``--on-disk``:
the system's temporary folder; ``--keep DIR``: a kept folder, where the next run reuses the baseline's
venv). Copies are built with GIT_CEILING_DIRECTORIES set, so no enclosing checkout is read.
``--profile`` adds a cProfile of one largest-N build. The output ends with a verdict table; the exit
status is 0 whether targets are met or not, 1 when a build fails.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from irsite import markup, render
from irsite.load import GLOSSARY, RESERVED_TERM_IDS, load_project
from irsite.model import Project

ROOT = Path(__file__).resolve().parent.parent   # the project folder (holding mkdocs.yml)
PROJECT_ITEMS = ("glossary.yaml", "content", "docs", "overrides", "mkdocs.yml")

# Targets. GiB = 2**30 bytes.
TARGET_BASELINE_RATIO = 1.2     # CPU time, current / baseline, real site
TARGET_BARE_RATIO = 1.5         # CPU time, build / bare site, largest N
TARGET_LINEAR = 1.2             # CPU cost per added term, largest N / smallest N
TARGET_PACKAGE_LINES = 3300
TARGET_MODULE_LINES = 600
TARGET_PEAK_BYTES = 2 ** 30


# ---------------------------------------------------------------------------------------------
# Synthetic terms

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
           "br", "dr", "gr", "kl", "pl", "tr", "st", "th", "ch", "sk", "fl", "cr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "x", "th"]
_TISSUES = ["skeletal muscle", "the liver", "adipose tissue", "pancreatic β-cells", "the kidney",
            "the small intestine", "the hypothalamus", "vascular endothelium"]
_EFFECTS = ["lowers insulin-stimulated glucose uptake", "raises fasting glucose output",
            "restrains lipolysis after meals", "changes how fat is stored between organs",
            "dampens signalling downstream of the insulin receptor",
            "increases the insulin needed to keep glucose normal"]
_CONDITIONS = ["obesity", "type 2 diabetes", "prediabetes", "fatty liver disease",
               "polycystic ovary syndrome", "lipodystrophy", "metabolic syndrome"]
_TRIGGERS = ["after a high-fat meal", "during prolonged fasting", "with weight gain",
             "in low-grade inflammation", "during physical inactivity", "with ageing"]
_RELIEFS = ["weight loss", "regular exercise", "a thiazolidinedione", "bariatric surgery", "calorie restriction"]

# (suffix added to the stem, noun, abbreviation tail, first-sentence templates)
_KINDS = [
    ("in", "protein", "", ["A protein made mainly in {tissue} that binds [[{a}]] and so {effect}.",
     "A small signalling protein released by {tissue}; in mice it {effect}, and it acts together with [[{a}]]."]),
    ("ase", "enzyme", "ASE", ["An enzyme of {tissue} that modifies [[{a}]]; when it is overactive it {effect}.",
     "An enzyme that removes phosphate from [[{a}|{a_name}]] in {tissue}, a step that {effect}."]),
    (" receptor", "receptor", "R", ["A cell-surface receptor on {tissue} that responds to [[{a}]] and {effect}.",
     "A receptor found mainly in {tissue}; its activation by [[{a}|{a_name}]] {effect}."]),
    (" index", "index", "I", ["A measure calculated from fasting glucose and insulin that estimates how [[{a}]] {effect}.",
     "A research index of insulin action in {tissue}, derived from [[{a}|{a_name}]] readings."]),
    (" syndrome", "syndrome", "S", ["A rare condition in which a variant of [[{a}]] {effect}, often from childhood.",
     "An inherited disorder of {tissue} in which loss of [[{a}|{a_name}]] {effect}."]),
    (" kinase", "kinase", "K", ["A kinase active in {tissue} that phosphorylates [[{a}]] and thereby {effect}.",
     "A stress-activated kinase of {tissue}; its action on [[{a}|{a_name}]] {effect}."]),
]
_GREEK_TAILS = [("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("ε", "epsilon")]
_SECOND = ["It is studied together with [[{b}]] in people with {condition}.",
           "Its levels rise {trigger} and fall again after {relief} [@{src}].",
           "Blood levels are higher in {condition}, but whether this is cause or consequence is unclear.",
           "It links [[{b}|{b_name}]] to the wider picture of {condition} [@{src}]."]
_THIRD = ["Most of the evidence comes from mice, so its role in humans is still uncertain [@{src}].",
          "No treatment targets it directly yet.",
          "Measurements are not standardised between laboratories, so values differ between studies."]
_DETAILS = ["In {tissue} its effect depends on [[{c}]], and it is reduced by {relief} [@{src}]. "
            "Studies in people with {condition} found a weaker link than animal work suggested.",
            "The pathway involving [[{c}|{c_name}]] was mapped in cultured cells; in humans the evidence "
            "is mostly observational [@{src}]. It is not used to diagnose {condition}."]


def synthetic_terms_yaml(project: Project, n: int, seed: int = 2024) -> str:
    """YAML text for ``n`` synthetic terms that validate against ``project`` (append under terms:).

    Ids, names and aliases collide with nothing in the project or with one another; definitions are
    2–3 sentences with term links to other synthetic terms and citations of real sources.
    """
    if n <= 0:
        return ""
    if n < 8:
        raise ValueError("at least 8 synthetic terms are needed (each links to and relates to others)")
    rng = random.Random(seed)
    fold = markup.fold_name
    taken_names = {fold(name) for t in project.terms for name in t.names}
    taken_ids = set(project.term_by_id) | set(project.retired) | RESERVED_TERM_IDS
    taken_words = {w for name in taken_names for w in re.findall(r"[a-z]+", name)}
    reliable = sorted(sid for sid, s in project.sources.items() if not s.note.lower().startswith("low reliability"))
    excerpts = sorted(f"{sid}#{eid}" for sid, s in project.sources.items() for eid in s.excerpts)
    sections = [s.id for s in project.sections]

    drafts: dict[str, tuple[str, list[str], list[str]]] = {}   # id -> (name, aliases, templates)
    while len(drafts) < n:
        suffix, noun, abbrev_tail, first = rng.choice(_KINDS)
        stem = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                       for _ in range(rng.choice((2, 2, 3))))
        if len(stem) < 4 or stem in taken_words:
            continue
        name = stem.capitalize() + suffix
        greek = rng.random() < 0.15
        if greek:
            symbol, spelled = rng.choice(_GREEK_TAILS)
            name += f" {symbol}"
        tid = re.sub(r"[^a-z0-9]+", "-", markup.sort_key(name)).strip("-")
        if fold(name) in taken_names or tid in taken_ids or not markup.ID_RE.match(tid):
            continue
        letters = re.sub(r"[^a-z]", "", stem)[:3].upper()
        candidates = [f"{letters}{abbrev_tail}{rng.randint(1, 9)}", f"{stem} {noun} {rng.randint(1, 9)}"]
        if greek:
            candidates.append(name.replace(symbol, spelled))
        if rng.random() < 0.5:
            candidates.append(f"{stem.capitalize()}-like {noun}")
        aliases = []
        for alias in candidates[: rng.randint(1, len(candidates))]:
            if fold(alias) not in taken_names and fold(alias) != fold(name):
                aliases.append(alias)
                taken_names.add(fold(alias))
        taken_names.add(fold(name))
        taken_words.add(stem)
        taken_ids.add(tid)
        drafts[tid] = (name, aliases, first)

    ids = list(drafts)
    out: list[str] = ["", "  # ---- synthetic terms added by benchmarks/bench.py ----", ""]
    for tid, (name, aliases, first) in drafts.items():
        others = [o for o in rng.sample(ids, 8) if o != tid][:7]
        a, b, c = others[:3]
        related = others[3:3 + rng.randint(2, 4)]
        section = rng.choice(sections)
        sources = rng.sample(reliable, rng.randint(1, 3))
        if excerpts and rng.random() < 0.15:
            sources.append(rng.choice(excerpts))
        words = {"tissue": rng.choice(_TISSUES), "effect": rng.choice(_EFFECTS),
                 "condition": rng.choice(_CONDITIONS), "trigger": rng.choice(_TRIGGERS),
                 "relief": rng.choice(_RELIEFS), "src": sources[0], "a": a, "b": b, "c": c,
                 **{f"{k}_name": drafts[v][0].lower() for k, v in (("a", a), ("b", b), ("c", c))}}
        sentences = [rng.choice(first), rng.choice(_SECOND)]
        if rng.random() < 0.6:
            sentences.append(rng.choice(_THIRD))
        definition = " ".join(s.format(**words) for s in sentences)
        details = rng.choice(_DETAILS).format(**words) if rng.random() < 0.5 else ""
        out += [f"  - id: {tid}", f"    term: {json.dumps(name, ensure_ascii=False)}"]
        if aliases:
            out.append(f"    aliases: [{', '.join(json.dumps(x, ensure_ascii=False) for x in aliases)}]")
        out += [f"    section: {section}", *_folded("definition", definition)]
        if details:
            out += _folded("details", details)
        out += [f"    related: [{', '.join(related)}]", f"    sources: [{', '.join(json.dumps(s) for s in sources)}]"]
        if rng.random() < 0.3:
            out.append(f"    external: {{mesh: D{rng.randint(0, 999999):06d}}}")
        out.append("")
    return "\n".join(out)


def _folded(key: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, width=96, break_long_words=False, break_on_hyphens=False)
    return [f"    {key}: >-", *(f"      {line}" for line in lines)]


def copy_project(src: Path, dest: Path) -> Path:
    """Copy the project's sources (never a built site) to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_ITEMS:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store"))
        elif path.is_file():
            shutil.copy2(path, dest / name)
    return dest


def make_synthetic_project(src: Path, dest: Path, n: int, seed: int = 2024) -> Path:
    """Copy the project at ``src`` to ``dest`` and append ``n`` synthetic terms to its glossary."""
    project = load_project(src)
    copy_project(src, dest)
    if n > 0:
        glossary = dest / GLOSSARY
        text = glossary.read_text(encoding="utf-8")
        top_keys = re.findall(r"(?m)^([A-Za-z_][\w-]*):", text)
        if not top_keys or top_keys[-1] != "terms":
            raise RuntimeError("glossary.yaml must end with its 'terms:' list to append terms to it")
        glossary.write_text(text.rstrip("\n") + "\n" + synthetic_terms_yaml(project, n, seed) + "\n", encoding="utf-8")
    return dest


def rendered_page_count(root: Path) -> int:
    """Pages a build of ``root`` renders: the generated ones plus docs/**/*.md."""
    generated = render.Renderer(load_project(root)).docs()
    return len(generated) + sum(1 for _ in (root / "docs").rglob("*.md"))


# ---------------------------------------------------------------------------------------------
# The bare MkDocs + Material site

_WORDS = ("insulin glucose muscle liver fat signal receptor kinase protein cell tissue uptake "
          "release storage measure response pathway blood meal fasting level change effect").split()


def _top_level_block(config_text: str, key: str) -> str:
    """The text of one top-level key of a YAML file, up to the next top-level key ("" if none)."""
    found = re.search(rf"(?ms)^{key}:.*?(?=^[^\s#]|\Z)", config_text)
    return found.group(0).rstrip() + "\n" if found else ""


def make_bare_site(dest: Path, pages: int, project_config: Path | None = None, seed: int = 7) -> Path:
    """A MkDocs + Material site with ``pages`` pages: a home page in the nav and one-paragraph
    pages kept out of it. Theme and Markdown extensions are those of the project (minus its
    template overrides; by default the project's mkdocs.yml); plugins: search only."""
    text = (project_config or ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theme = "\n".join(line for line in _top_level_block(text, "theme").splitlines() if "custom_dir:" not in line)
    extensions = _top_level_block(text, "markdown_extensions")
    docs = dest / "docs"
    (docs / "p").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    (docs / "index.md").write_text("# Bare benchmark site\n\nA home page; every other page is out of the nav.\n",
                                   encoding="utf-8")
    for i in range(1, pages):
        paragraph = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(45, 75))).capitalize() + "."
        (docs / "p" / f"page-{i:05d}.md").write_text(f"# Page {i}\n\n{paragraph}\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text("\n".join([
        "site_name: Bare benchmark site", "site_url: https://example.org/", "use_directory_urls: true",
        "strict: true", theme, "plugins:\n  - search\n", extensions, "not_in_nav: |\n  /p/\n",
        "nav:\n  - Home: index.md\n"]), encoding="utf-8")
    return dest


# ---------------------------------------------------------------------------------------------
# Builds


@dataclass
class Run:
    wall: float     # seconds
    cpu: float      # seconds of user + system time of the build process and its children
    rss: int        # bytes, the largest resident set in that process tree


@dataclass
class Side:
    """One site built with one Python (so one venv, so one irsite), and its runs."""

    name: str
    python: str
    config: Path
    site: Path
    runs: list[Run] = field(default_factory=list)

    def best(self, attr: str = "cpu") -> float:
        return min(getattr(r, attr) for r in self.runs)

    def peak(self) -> int:
        return max(r.rss for r in self.runs)


class BuildFailed(RuntimeError):
    def __init__(self, side: Side, text: str):
        super().__init__(text)
        self.side = side


def build(side: Side, ceiling: Path, profile: Path | None = None) -> None:
    """One ``mkdocs build`` of ``side`` in a fresh process (under cProfile, writing to ``profile``,
    if given); its resource use comes from wait4."""
    shutil.rmtree(side.site, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # The offline copy (a second, separate build of the site) is left out: it is measured on its own.
    env.update(NO_MKDOCS_2_WARNING="1", GIT_OPTIONAL_LOCKS="0", GIT_CEILING_DIRECTORIES=str(ceiling),
               IRSITE_OFFLINE_COPY="false")
    cmd = [side.python, *(["-m", "cProfile", "-o", str(profile)] if profile else []),
           "-m", "mkdocs", "build", "-q", "-f", str(side.config), "-d", str(side.site)]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=side.config.parent, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode or not (side.site / "index.html").is_file():
            log.seek(0)
            raise BuildFailed(side, f"{side.name}: mkdocs build of {side.config} failed (exit {proc.returncode}):\n"
                              + log.read().decode(errors="replace")[-4000:])
    side.runs.append(Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024))  # Linux: KiB


def in_turns(sides: list[Side], repeat: int, ceiling: Path) -> None:
    for turn in range(1, repeat + 1):
        say(f"turn {turn} of {repeat}: {', '.join(s.name for s in sides)}")
        for side in sides:
            build(side, ceiling)


def per_turn(a: Side, b: Side, attr: str = "cpu") -> list[float]:
    return [getattr(x, attr) / getattr(y, attr) for x, y in zip(a.runs, b.runs)]


def install_baseline(rev: str, work: Path) -> tuple[str | None, str]:
    """(Python of a venv in ``work`` holding the irsite of ``rev``, what it is) or (None, why not).
    Made once per work folder; every other package is pinned to its version in this venv."""
    git = ["git", "-C", str(ROOT)]
    found = subprocess.run([*git, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                           capture_output=True, text=True)
    if found.returncode:
        return None, f"cannot install the baseline: git knows no commit {rev!r} in {ROOT}"
    sha = found.stdout.strip()
    home = work / f"baseline-{sha[:10]}"
    python = home / "venv" / "bin" / "python"
    if (home / "installed").is_file() and python.is_file():
        return str(python), f"commit {sha[:10]}, venv reused from {home}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    paths = [p for p in ("scripts", "pyproject.toml", "README.md")   # README.md: pyproject's readme
             if subprocess.run([*git, "cat-file", "-e", f"{sha}:{p}"], capture_output=True).returncode == 0]
    if paths[:2] != ["scripts", "pyproject.toml"]:
        return None, f"cannot install the baseline: {rev} has no scripts/ or no pyproject.toml"
    pins = {f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
            if d.metadata["Name"] and d.metadata["Name"].lower() != "irsite"}
    (home / "pins.txt").write_text("\n".join(sorted(pins)) + "\n", encoding="utf-8")
    say(f"installing irsite {sha[:10]} into {home / 'venv'} ...")
    for cmd in ([*git, "archive", "-o", str(home / "code.tar"), sha, *paths],
                [sys.executable, "-m", "venv", str(home / "venv")],
                [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                 "-c", str(home / "pins.txt"), str(home / "code")]):
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode:
            output = _tail(result.stderr or result.stdout)
            return None, f"cannot install the baseline: `{' '.join(cmd[:5])} ...` failed:\n{output}"
        if cmd[0] == "git":
            shutil.unpack_archive(home / "code.tar", home / "code")
    (home / "installed").write_text(sha + "\n", encoding="utf-8")
    return str(python), f"commit {sha[:10]}, installed into {home / 'venv'}"


def package_lines() -> dict[str, int]:
    """Lines of each module of scripts/irsite (**/*.py), by path inside the package."""
    pkg = ROOT / "scripts" / "irsite"
    return {p.relative_to(pkg).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
            for p in sorted(pkg.rglob("*.py")) if "__pycache__" not in p.parts}


def profile_build(side: Side, ceiling: Path) -> str:
    """One more build of ``side`` under cProfile: its top functions."""
    out = side.config.parent / "build.prof"
    build(Side(f"{side.name}, profiled", side.python, side.config, side.site), ceiling, profile=out)
    parts, package = [], r"irsite[/\\][\w/\\]*\.py:"   # irsite's modules, not a work folder named irsite-*
    for title, sort, restrict in (("irsite functions by cumulative time", "cumulative", [package, 15]),
                                  ("all functions by own time", "tottime", [20])):
        buf = io.StringIO()
        pstats.Stats(str(out), stream=buf).sort_stats(sort).print_stats(*restrict)
        text = buf.getvalue()
        parts.append(f"  {title}:\n" + text[max(text.find("   ncalls"), 0):].rstrip())
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Report


def say(text: str) -> None:   # progress, on stderr
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _mib(n: float) -> str:
    return f"{n / 2 ** 20:,.0f} MiB"


def _tail(text: str, lines: int = 10) -> str:
    return textwrap.indent("\n".join(text.strip().splitlines()[-lines:]), "    ")


def _turns(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values) + f" (median {statistics.median(values):.2f})"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]

    def fmt(row: list[str]) -> str:
        return "  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w)
                         for i, (x, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join(["  " + fmt(headers), "  " + "  ".join("-" * w for w in widths), *("  " + fmt(r) for r in rows)])


_MEMORY = Path("/dev/shm")   # tmpfs on Linux


def memory_folder(need: int = 2 << 30) -> str | None:
    """A writable memory-backed folder (tmpfs) with ``need`` bytes free, or None."""
    try:
        stat = os.statvfs(_MEMORY)
    except OSError:
        return None
    ok = os.access(_MEMORY, os.W_OK | os.X_OK) and stat.f_bavail * stat.f_frsize >= need
    return str(_MEMORY) if ok else None


# ---------------------------------------------------------------------------------------------
# Main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000],
                        help="numbers of synthetic terms to add (default: 400 2000; at least 8 each)")
    parser.add_argument("--repeat", type=int, default=5, help="turns of builds (default: 5)")
    parser.add_argument("--baseline", metavar="REV", default="1473e8e",
                        help="revision whose plugin the current one is compared with (default: 1473e8e)")
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the comparison with the baseline")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (copies, sites, the baseline's venv)")
    parser.add_argument("--on-disk", action="store_true", help="work in the system's temporary folder, not /dev/shm")
    parser.add_argument("--profile", action="store_true", help="profile one build of the largest copy (cProfile)")
    args = parser.parse_args(argv)
    args.sizes = sorted(set(args.sizes))
    if args.sizes[0] < 8 or args.repeat < 1:
        parser.error("--sizes needs numbers of at least 8, --repeat at least 1")
    cleanup = None
    if args.keep:
        work = Path(args.keep).resolve()
        if work == ROOT or any(d == work or d in work.parents for d in (ROOT / p for p in PROJECT_ITEMS)):
            parser.error("--keep must not be the project folder or lie in its sources")
        work.mkdir(parents=True, exist_ok=True)
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="irsite-bench-", dir=None if args.on_disk else memory_folder())
        work = Path(cleanup.name)
    try:
        return run(args, work)
    except BuildFailed as exc:
        print(f"\nBENCHMARK ABORTED: {exc}", file=sys.stderr)
        return 1
    finally:
        if cleanup is not None:
            cleanup.cleanup()


def fresh_copy(dest: Path, n: int) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    return make_synthetic_project(ROOT, dest, n) if n else copy_project(ROOT, dest)


def run(args: argparse.Namespace, work: Path) -> int:
    import material
    import mkdocs

    project = load_project(ROOT)
    print(f"irsite build benchmark: {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}), Python "
          f"{platform.python_version()}, MkDocs {mkdocs.__version__}, Material {material.__version__}; "
          f"turns of builds: {args.repeat}")
    print(f"Project: {ROOT} ({len(project.terms)} terms, {len(project.sources)} sources, "
          f"{len(project.pages)} topic pages)")
    print(f"Work folder: {work} ({'in memory, tmpfs' if _MEMORY in work.parents else 'on disk'})\n")
    verdicts: list[tuple[str, str, bool | None]] = []   # target, figure, met (None: not measured)

    # 1. Today's data, built with the baseline's plugin and with the current one.
    print(f"1. Real site (today's data, copied): current plugin vs baseline {args.baseline}, in turns")
    python, note = (None, "skipped (--skip-baseline)") if args.skip_baseline else install_baseline(args.baseline, work)
    ratio = None
    if python is None:
        print(f"  NOT MEASURED: {note}")
    else:
        real = fresh_copy(work / "real", 0)
        # The baseline's plugin knows none of today's plugin options, and makes none of the pages that
        # today's hand-written pages link to (downloads, the whole-reference print page): not strict.
        # Nor does it know the excerpts' verdicts or the topic pages' Russian names, summaries and key
        # points (5 and 6 December 2026): its copy of the data goes without.
        old = fresh_copy(work / "real-baseline", 0)
        for path in (old / "content" / "sources").glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^    verdict: >-\n(?:      .*\n)*", "", text), encoding="utf-8")
        for path in (old / "content" / "pages").glob("*.md"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^ru_summary: >-\n(?:  .*\n)*", "", text, count=1)
            text = re.sub(r"(?m)^ru_key_points:\n(?:  - .*\n)*", "", text, count=1)
            path.write_text(re.sub(r"(?m)^ru:\n(?:  - .*\n)*", "", text, count=1), encoding="utf-8")
        baseline_config = old / "mkdocs-baseline.yml"
        text = re.sub(r"(?m)^(  - irsite):\n(?:    .*\n|      .*\n)*", r"\1\n", (old / "mkdocs.yml").read_text(encoding="utf-8"))
        baseline_config.write_text(re.sub(r"(?m)^strict: true$", "strict: false", text), encoding="utf-8")
        base = Side(f"baseline {args.baseline}", python, baseline_config, old / "site-baseline")
        current = Side("current", sys.executable, real / "mkdocs.yml", real / "site-current")
        try:
            in_turns([base, current], args.repeat, work)
        except BuildFailed as exc:
            if exc.side is not base:
                raise
            print(f"  NOT MEASURED: the baseline ({note}) cannot build today's data:\n" + _tail(str(exc)))
        else:
            rows = [[s.name, _s(s.best("wall")), _s(s.best()), _mib(s.peak())] for s in (base, current)]
            rows.append(["current / baseline", *(f"{current.best(a) / base.best(a):.2f}×" for a in ("wall", "cpu")), ""])
            print(f"  baseline: {note}; other packages pinned to this venv's versions")
            print(_table(["plugin", "wall (best)", "CPU (best)", "peak RSS"], rows))
            print(f"  current / baseline in each turn, CPU: {_turns(per_turn(current, base))}")
            print(f"                                  wall: {_turns(per_turn(current, base, 'wall'))}")
            ratio = current.best() / base.best()
    verdicts.append((f"real site, CPU current / baseline ≤ {TARGET_BASELINE_RATIO}",
                     "not measured" if ratio is None else f"{ratio:.2f}×",
                     None if ratio is None else ratio <= TARGET_BASELINE_RATIO))
    print()

    # 2. Growth: copies with 0 and N synthetic terms, each N beside a bare site with as many pages.
    print("2. Growth: copies with N synthetic terms, each beside a bare Material site with as many pages, in turns")
    copies, bares, pages = {}, {}, {}
    for n in [0, *args.sizes]:
        say(f"copy + {n} synthetic terms" + (", and a bare site with as many pages" if n else ""))
        copy = fresh_copy(work / f"copy-{n}", n)
        pages[n] = rendered_page_count(copy)
        copies[n] = Side(f"copy + {n}", sys.executable, copy / "mkdocs.yml", copy / "site")
        if n:
            shutil.rmtree(work / f"bare-{n}", ignore_errors=True)
            bare = make_bare_site(work / f"bare-{n}", pages[n], ROOT / "mkdocs.yml")
            bares[n] = Side(f"bare {pages[n]}", sys.executable, bare / "mkdocs.yml", bare / "site")
    in_turns([copies[0], *(s for n in args.sizes for s in (copies[n], bares[n]))], args.repeat, work)

    def cost(n: int, turn: int | None = None) -> float:   # CPU per added term: best, or in one turn
        if turn is None:
            return (copies[n].best() - copies[0].best()) / n
        return (copies[n].runs[turn].cpu - copies[0].runs[turn].cpu) / n

    rows = [[c.name, str(len(project.terms) + n), str(pages[n]), _s(c.best("wall")), _s(c.best()),
             *([_s(bares[n].best("wall")), _s(bares[n].best()), f"{c.best() / bares[n].best():.2f}×",
                f"{cost(n) * 1000:.2f} ms"] if n else [""] * 4)] for n, c in copies.items()]
    print(_table(["site", "terms", "pages", "wall", "CPU", "bare wall", "bare CPU", "CPU build/bare",
                  "CPU per added term"], rows))
    print("  best of the turns; per added term = (CPU of copy + N − CPU of copy + 0) / N")
    for n in args.sizes:
        print(f"  CPU build / bare in each turn, N = {n}: {_turns(per_turn(copies[n], bares[n]))}")
    small, large = args.sizes[0], args.sizes[-1]
    ratio = copies[large].best() / bares[large].best()
    verdicts.append((f"CPU build / bare at N = {large} ≤ {TARGET_BARE_RATIO}", f"{ratio:.2f}×",
                     ratio <= TARGET_BARE_RATIO))
    if small != large:
        # Undefined where the smaller copy cost no more than copy + 0: N too small for this machine's noise.
        linear = cost(large) / cost(small) if cost(small) > 0 else None
        turns = [cost(large, i) / cost(small, i) for i in range(args.repeat) if cost(small, i) > 0]
        figure = "undefined" if linear is None else f"{linear:.2f}×"
        print(f"  CPU per added term, N = {large} / N = {small}: {cost(large) * 1000:.2f} / {cost(small) * 1000:.2f} "
              f"ms = {figure}; in each turn: {_turns(turns) if turns else 'undefined'}")
        verdicts.append((f"CPU per added term, N = {large} / N = {small} ≤ {TARGET_LINEAR}", figure,
                         None if linear is None else linear <= TARGET_LINEAR))
    print()

    # 3. Package size.
    lines = package_lines()
    total, (biggest, most) = sum(lines.values()), max(lines.items(), key=lambda kv: kv[1])
    print(f"3. Package size: scripts/irsite, {len(lines)} modules, {total:,} lines; the largest modules:")
    print(_table(["module", "lines"], [[m, f"{k:,}"] for m, k in sorted(lines.items(), key=lambda kv: -kv[1])[:5]]))
    verdicts.append((f"scripts/irsite lines ≤ {TARGET_PACKAGE_LINES:,}", f"{total:,}", total <= TARGET_PACKAGE_LINES))
    verdicts.append((f"largest module lines ≤ {TARGET_MODULE_LINES}", f"{most:,} ({biggest})",
                     most <= TARGET_MODULE_LINES))
    print()

    # 4. Peak memory of the largest build.
    peak = copies[large].peak()
    print(f"4. Peak RSS, the largest of {args.repeat} builds: copy + {large} {_mib(peak)} (copy + 0 "
          f"{_mib(copies[0].peak())}, bare site with {pages[large]} pages {_mib(bares[large].peak())})\n")
    verdicts.append((f"peak RSS at N = {large} ≤ 1 GiB", _mib(peak), peak <= TARGET_PEAK_BYTES))

    if args.profile:
        say(f"profiling a build of copy + {large} ...")
        print(f"Profile: one build of copy + {large} under cProfile (profiling inflates times)")
        print(profile_build(copies[large], work) + "\n")

    print("Verdict")
    print(_table(["target", "figure", "verdict"],
                 [[t, f, {True: "PASS", False: "FAIL", None: "NOT MEASURED"}[ok]] for t, f, ok in verdicts]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
