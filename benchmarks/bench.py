"""Build benchmark: how the site's build cost grows with the glossary, against a bare MkDocs site.

Run from the project folder (the one holding mkdocs.yml)::

    python -m irsite.bench [--sizes 400 2000] [--gen-size 5000] [--repeat 5] [--keep DIR]

What it measures (every figure is printed, then the ratios against the targets):

* **project builds**: copies of the project (glossary.yaml, content/, docs/, overrides/, mkdocs.yml;
  never an old ``site/``) with N synthetic but valid terms appended (unique names and aliases, 2–3
  sentence definitions linking other synthetic terms, related terms, real sources and sections),
  each built with ``mkdocs build`` in a subprocess (wall clock, best of ``--repeat``); a copy with
  N = 0 gives the fixed cost, so the cost *per added term* can be compared between sizes;
* **bare builds**: a bare MkDocs + Material site (same theme settings and Markdown extensions, the
  search plugin, no irsite plugin) with as many one-paragraph pages as the project build renders,
  all but the home page kept out of the nav (``not_in_nav``);
* **generation alone**: load + validate + render pages as Markdown + exports for ``--gen-size``
  added terms (the generation step as the issue names it; the target applies to it), and the same
  as the plugin runs it, with the pages it can write as HTML directly written as HTML (work that
  replaces MkDocs' own Markdown conversion of those pages, so it is also inside the build times);
  best of ``--repeat`` runs each, every run the only one in a fresh subprocess (cold, like a real
  build: no module-level cache of an earlier run), with the search-index enrichment timed
  separately; the largest peak RSS of all those runs is the memory figure (tracemalloc's peak,
  from one more run as the plugin runs it, is shown too);
* **the real site**: built as it is (in place, output to a temporary folder, so ``site/`` is never
  touched), with the size of its term pages and of its search index, with and without the
  term-name documents this project adds.

Everything is built in a temporary work folder. Where the machine has a memory-backed folder
(``/dev/shm``, tmpfs) with room, the work folder is made there: on this shared virtual machine,
writing a site's 2,000 small files to disk took anything from 0.2 to 3.5 s from one build to the
next (the same files, in turns), which drowned the differences the ratios are meant to show; in
memory it is steady and the same for both builds. ``--on-disk`` uses the system's temporary folder
instead, ``--keep DIR`` a folder of your choice.

The copies are built with ``GIT_CEILING_DIRECTORIES`` set, so they never see an enclosing git
checkout (their "last changed" dates fall back to today); the real site reads its dates from git
(read-only, ``GIT_OPTIONAL_LOCKS=0``). The command exits 0 whether targets are met or not; it exits
1 only when a build fails.
"""

from __future__ import annotations

import argparse
import cProfile
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

from irsite import markup, render, search
from irsite.loader import GLOSSARY, RESERVED_TERM_IDS, load_project
from irsite.model import Project

# ---------------------------------------------------------------------------------------------
# Targets (from the issue). KB = 1,000 bytes; GiB = 2**30 bytes.

TARGET_BUILD_RATIO = 1.5        # project build / bare build at the largest size (aim 1.2)
AIM_BUILD_RATIO = 1.2
TARGET_LINEAR = 1.2             # cost per added term, largest size / smallest size
TARGET_REAL_BUILD_S = 3.0
TARGET_GEN_S = 1.0              # generation alone at --gen-size
TARGET_PEAK_BYTES = 2 ** 30
TARGET_TERM_PAGE_BYTES = 40_000
TARGET_SEARCH_INDEX_BYTES = 400_000

PROJECT_ITEMS = ("glossary.yaml", "content", "docs", "overrides", "mkdocs.yml")
NAME_DOC = re.compile(r"#(names|joined)")


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
_RELIEFS = ["weight loss", "regular exercise", "a thiazolidinedione", "bariatric surgery",
            "calorie restriction"]


@dataclass
class _Kind:
    suffix: str          # added to the stem: "in" -> "Bralorin"; " receptor" -> "Bralor receptor"
    noun: str
    first: list[str]     # first-sentence templates
    abbrev_tail: str     # "R" -> "BLR"


_KINDS = [
    _Kind("in", "protein", [
        "A protein made mainly in {tissue} that binds [[{a}]] and so {effect}.",
        "A small signalling protein released by {tissue}; in mice it {effect}, and it acts together with [[{a}]].",
    ], ""),
    _Kind("ase", "enzyme", [
        "An enzyme of {tissue} that modifies [[{a}]]; when it is overactive it {effect}.",
        "An enzyme that removes phosphate from [[{a}|{a_name}]] in {tissue}, a step that {effect}.",
    ], "ASE"),
    _Kind(" receptor", "receptor", [
        "A cell-surface receptor on {tissue} that responds to [[{a}]] and {effect}.",
        "A receptor found mainly in {tissue}; its activation by [[{a}|{a_name}]] {effect}.",
    ], "R"),
    _Kind(" index", "index", [
        "A measure calculated from fasting glucose and insulin that estimates how [[{a}]] {effect}.",
        "A research index of insulin action in {tissue}, derived from [[{a}|{a_name}]] readings.",
    ], "I"),
    _Kind(" syndrome", "syndrome", [
        "A rare condition in which a variant of [[{a}]] {effect}, often from childhood.",
        "An inherited disorder of {tissue} in which loss of [[{a}|{a_name}]] {effect}.",
    ], "S"),
    _Kind(" kinase", "kinase", [
        "A kinase active in {tissue} that phosphorylates [[{a}]] and thereby {effect}.",
        "A stress-activated kinase of {tissue}; its action on [[{a}|{a_name}]] {effect}.",
    ], "K"),
]
_GREEK_TAILS = [("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("ε", "epsilon")]

_SECOND = [
    "It is studied together with [[{b}]] in people with {condition}.",
    "Its levels rise {trigger} and fall again after {relief} [@{src}].",
    "Blood levels are higher in {condition}, but whether this is cause or consequence is unclear.",
    "It links [[{b}|{b_name}]] to the wider picture of {condition} [@{src}].",
]
_THIRD = [
    "Most of the evidence comes from mice, so its role in humans is still uncertain [@{src}].",
    "No treatment targets it directly yet.",
    "Measurements are not standardised between laboratories, so values differ between studies.",
]
_DETAILS = [
    "In {tissue} its effect depends on [[{c}]], and it is reduced by {relief} [@{src}]. "
    "Studies in people with {condition} found a weaker link than animal work suggested.",
    "The pathway involving [[{c}|{c_name}]] was mapped in cultured cells; in humans the evidence "
    "is mostly observational [@{src}]. It is not used to diagnose {condition}.",
]


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(syllables))


@dataclass
class _Draft:
    id: str
    term: str
    aliases: list[str]
    kind: _Kind
    section: str = ""
    related: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def synthetic_terms_yaml(project: Project, n: int, seed: int = 2024) -> str:
    """YAML text for ``n`` synthetic terms that validate against ``project`` (append under terms:).

    Ids, names and aliases collide with nothing in the project or with one another; definitions are
    2–3 sentences with term links to other synthetic terms and citations of real sources.
    """
    if n <= 0:
        return ""
    if n < 5:
        raise ValueError("at least 5 synthetic terms are needed (each links to others)")
    rng = random.Random(seed)
    taken_names = {markup.fold_name(name) for t in project.terms for name in t.names}
    taken_ids = set(project.term_by_id) | set(project.retired) | RESERVED_TERM_IDS
    taken_words = {w for name in taken_names for w in re.findall(r"[a-z]+", name)}
    reliable = sorted(sid for sid, s in project.sources.items()
                      if not s.note.lower().startswith("low reliability"))
    excerpts = sorted(f"{sid}#{eid}" for sid, s in project.sources.items() for eid in s.excerpts)
    sections = [s.id for s in project.sections]

    def fresh(name: str) -> bool:
        return markup.fold_name(name) not in taken_names

    drafts: list[_Draft] = []
    while len(drafts) < n:
        kind = rng.choice(_KINDS)
        stem = _pseudo_word(rng, rng.choice((2, 2, 3)))
        if len(stem) < 4 or stem in taken_words:
            continue
        name = stem.capitalize() + kind.suffix
        greek = rng.random() < 0.15
        if greek:
            symbol, spelled = rng.choice(_GREEK_TAILS)
            name += f" {symbol}"
        tid = re.sub(r"[^a-z0-9]+", "-", markup.sort_key(name)).strip("-")
        if not fresh(name) or tid in taken_ids or not markup.ID_RE.match(tid):
            continue
        aliases = []
        letters = re.sub(r"[^a-z]", "", stem)[:3].upper()
        abbrev = f"{letters}{kind.abbrev_tail}{rng.randint(1, 9)}"
        candidates = [abbrev, f"{stem} {kind.noun} {rng.randint(1, 9)}"]
        if greek:
            candidates.append(name.replace(symbol, spelled))
        if rng.random() < 0.5:
            candidates.append(f"{stem.capitalize()}-like {kind.noun}")
        for alias in candidates[: rng.randint(1, len(candidates))]:
            key = markup.fold_name(alias)
            if key not in taken_names and key != markup.fold_name(name):
                aliases.append(alias)
                taken_names.add(key)
        taken_names.add(markup.fold_name(name))
        taken_words.add(stem)
        taken_ids.add(tid)
        drafts.append(_Draft(tid, name, aliases, kind))

    ids = [d.id for d in drafts]
    by_id = {d.id: d for d in drafts}
    out: list[str] = ["", "  # ---- synthetic terms added by irsite.bench ----", ""]
    for d in drafts:
        others = rng.sample(ids, 8)
        others = [o for o in others if o != d.id][:7]
        a, b, c = others[:3]
        d.related = others[3:3 + rng.randint(2, 4)]
        d.section = rng.choice(sections)
        d.sources = rng.sample(reliable, rng.randint(1, 3))
        if excerpts and rng.random() < 0.15:
            d.sources.append(rng.choice(excerpts))
        src = d.sources[0]
        words = {
            "tissue": rng.choice(_TISSUES), "effect": rng.choice(_EFFECTS),
            "condition": rng.choice(_CONDITIONS), "trigger": rng.choice(_TRIGGERS),
            "relief": rng.choice(_RELIEFS), "src": src,
            "a": a, "b": b, "c": c,
            "a_name": by_id[a].term.lower(), "b_name": by_id[b].term.lower(),
            "c_name": by_id[c].term.lower(),
        }
        sentences = [rng.choice(d.kind.first), rng.choice(_SECOND)]
        if rng.random() < 0.6:
            sentences.append(rng.choice(_THIRD))
        definition = " ".join(s.format(**words) for s in sentences)
        details = rng.choice(_DETAILS).format(**words) if rng.random() < 0.5 else ""
        out.append(f"  - id: {d.id}")
        out.append(f"    term: {json.dumps(d.term, ensure_ascii=False)}")
        if d.aliases:
            out.append(f"    aliases: [{', '.join(json.dumps(x, ensure_ascii=False) for x in d.aliases)}]")
        out.append(f"    section: {d.section}")
        out.extend(_folded("definition", definition))
        if details:
            out.extend(_folded("details", details))
        out.append(f"    related: [{', '.join(d.related)}]")
        out.append(f"    sources: [{', '.join(json.dumps(s) for s in d.sources)}]")
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
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store")
    for name in PROJECT_ITEMS:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=ignore)
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
        glossary.write_text(text.rstrip("\n") + "\n" + synthetic_terms_yaml(project, n, seed) + "\n",
                            encoding="utf-8")
    return dest


def rendered_page_count(root: Path) -> int:
    """Markdown pages a build of ``root`` renders: the generated ones plus docs/**/*.md."""
    project = load_project(root)
    generated = render.Renderer(project).pages()
    return len(generated) + sum(1 for _ in (root / "docs").rglob("*.md"))


# ---------------------------------------------------------------------------------------------
# The bare MkDocs + Material site

_BARE_THEME = """\
theme:
  name: material
  language: en
  font: false
"""
_BARE_EXTENSIONS = """\
markdown_extensions:
  - toc:
      permalink: true
"""
_WORDS = ("insulin glucose muscle liver fat signal receptor kinase protein cell tissue uptake "
          "release storage measure response pathway blood meal fasting level change effect").split()


def _top_level_block(config_text: str, key: str) -> str | None:
    """The text of one top-level key of a YAML file (up to the next top-level key)."""
    lines = config_text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
                end += 1
            return "\n".join(lines[i:end]).rstrip() + "\n"
    return None


def make_bare_site(dest: Path, pages: int, project_config: Path | None = None, seed: int = 7) -> Path:
    """A MkDocs + Material site with ``pages`` pages: a home page in the nav and one-paragraph
    pages kept out of it. Theme and Markdown extensions are those of the project (minus its
    template overrides); plugins: search only."""
    theme, extensions = _BARE_THEME, _BARE_EXTENSIONS
    if project_config is not None and project_config.is_file():
        text = project_config.read_text(encoding="utf-8")
        theme = _top_level_block(text, "theme") or theme
        theme = "\n".join(l for l in theme.splitlines() if not l.strip().startswith("custom_dir:")) + "\n"
        extensions = _top_level_block(text, "markdown_extensions") or extensions
    docs = dest / "docs"
    (docs / "p").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    (docs / "index.md").write_text("# Bare benchmark site\n\nA home page; every other page is out of the nav.\n",
                                   encoding="utf-8")
    for i in range(1, pages):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(45, 75))]
        paragraph = " ".join(words).capitalize() + "."
        (docs / "p" / f"page-{i:05d}.md").write_text(f"# Page {i}\n\n{paragraph}\n", encoding="utf-8")
    config = "\n".join([
        "site_name: Bare benchmark site",
        "site_url: https://example.org/",
        "use_directory_urls: true",
        "strict: true",
        theme,
        "plugins:\n  - search\n",
        extensions,
        "not_in_nav: |\n  /p/\n",
        "nav:\n  - Home: index.md\n",
    ])
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


# ---------------------------------------------------------------------------------------------
# Running builds


class BuildFailed(RuntimeError):
    pass


def _env(ceiling: Path | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GIT_OPTIONAL_LOCKS="0")
    if ceiling is not None:
        env["GIT_CEILING_DIRECTORIES"] = str(ceiling)
    return env


@dataclass
class Timing:
    wall: float     # seconds, wall clock (best run)
    cpu: float      # seconds of CPU (user + system) of the build process and its children, same run
    walls: list[float] = field(default_factory=list)    # every run's wall clock, in order


def _run_timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float, float]:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, wall, cpu


def _build_once(config: Path, site_dir: Path, ceiling: Path | None) -> Timing:
    shutil.rmtree(site_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    result, wall, cpu = _run_timed(cmd, config.parent, _env(ceiling))
    if result.returncode != 0 or not (site_dir / "index.html").is_file():
        raise BuildFailed(f"mkdocs build of {config} failed (exit {result.returncode}):\n"
                          + (result.stderr or result.stdout)[-4000:])
    return Timing(wall, cpu)


def time_builds(jobs: list[tuple[Path, Path, Path | None]], repeat: int) -> list[Timing]:
    """Best wall-clock time of ``mkdocs build`` (a fresh process each time), with its CPU time, for
    each (config, site folder, ceiling) job. The jobs take turns (A, B, A, B, ...), so a slow spell
    of this shared machine hits the project build and the bare build it is compared with alike."""
    best = [Timing(float("inf"), float("inf")) for _ in jobs]
    walls: list[list[float]] = [[] for _ in jobs]
    for _ in range(max(1, repeat)):
        for i, (config, site_dir, ceiling) in enumerate(jobs):
            timing = _build_once(config, site_dir, ceiling)
            walls[i].append(timing.wall)
            if timing.wall < best[i].wall:
                best[i] = timing
    return [Timing(b.wall, b.cpu, w) for b, w in zip(best, walls)]


def time_build(config: Path, site_dir: Path, repeat: int, ceiling: Path | None) -> Timing:
    return time_builds([(config, site_dir, ceiling)], repeat)[0]


def profile_build(config: Path, profile_to: Path, ceiling: Path | None) -> None:
    """One more build of ``config`` under cProfile, written to ``profile_to``."""
    site_prof = config.parent / "site-profiled"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(profile_to), "-m", "mkdocs", "build", "-q",
           "-f", str(config), "-d", str(site_prof)]
    subprocess.run(cmd, cwd=config.parent, env=_env(ceiling), capture_output=True, text=True, check=False)
    shutil.rmtree(site_prof, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Generation alone (run in a fresh subprocess for a clean peak-memory figure)

_DUMMY_INDEX = {"config": {"lang": ["en"], "separator": search.SEPARATOR, "pipeline": ["stopWordFilter"],
                           "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
                "docs": [{"location": "", "title": "Home", "text": "<p>Home page.</p>"}]}


def _prerender_options() -> prerender.Options:
    """The pre-rendering settings of the project's mkdocs.yml (toc slugify lower-case, permalinks)."""
    from pymdownx.slugs import slugify

    return prerender.Options(slugify=slugify(case="lower"), permalink_title="Link to this section")


def generation_once(root: Path, html: bool = False) -> dict:
    """Load and validate, render every page as Markdown and the exports (the generation step the
    issue names, and all that a builder without this plugin would get); with ``html``, what the
    plugin's on_config does instead: the same, but the pages it can write as HTML directly are
    written as HTML (work MkDocs would otherwise do when it converts their Markdown). Then the
    term-name search documents."""
    clock, cpu = time.perf_counter, time.process_time
    with speed.paused_gc():   # as the plugin does
        t0, c0 = clock(), cpu()
        project = load_project(root)
        t1 = clock()
        renderer = render.Renderer(project, render.Site(url="https://example.org/"))
        output = prerender.generate(renderer, _prerender_options() if html else None)
        t3, c3 = clock(), cpu()
    pages = {uri: text for uri, text in output.files.items() if uri.endswith(".md")}
    static = {uri: text for uri, text in output.files.items() if not uri.endswith(".md")}
    index = search.enrich_index(_DUMMY_INDEX, search.term_documents(project, render.term_url))
    t4, c4 = clock(), cpu()
    return {"terms": len(project.terms), "pages": len(pages),
            "markdown_bytes": sum(len(v.encode()) for v in pages.values()),
            "export_bytes": sum(len(v.encode()) for v in static.values()),
            "name_docs": len(index["docs"]) - len(_DUMMY_INDEX["docs"]),
            "html_bytes": sum(len(p.html.encode()) for p in output.prerendered.values()),
            "prerendered": len(output.prerendered),
            "load": t1 - t0, "render": t3 - t1, "search": t4 - t3,
            "generate": t3 - t0, "total": t4 - t0, "generate_cpu": c3 - c0, "total_cpu": c4 - c0}


def _gen_worker(root: Path, mode: str) -> None:
    """One generation in this fresh interpreter: ``time`` (Markdown) or ``time-html`` (as the
    plugin does it), cold as in a real ``mkdocs build`` (no cache of an earlier run); ``memory``
    (tracemalloc on, as the plugin does it) or ``profile`` (cProfile on, Markdown)."""
    import resource
    import tracemalloc

    if mode == "memory":
        tracemalloc.start()
        generation_once(root, html=True)
        result = {"tracemalloc_peak": tracemalloc.get_traced_memory()[1]}
        tracemalloc.stop()
    elif mode == "profile":
        prof = cProfile.Profile()
        prof.enable()
        generation_once(root)
        prof.disable()
        result = {"profile": _profile_text(pstats.Stats(prof), limit=30)}
    else:
        result = generation_once(root, html=mode == "time-html")
        result["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(json.dumps(result))


def run_generation(root: Path, repeat: int, profile: bool, ceiling: Path) -> dict:
    """Generation alone, as Markdown (the result) and as the plugin does it (under "html"): best of
    ``repeat`` runs each, every run the first and only one in a fresh interpreter (module-level
    caches start empty, as in a real build), the two kinds in turns; peak RSS is the largest of all."""
    def worker(mode: str) -> dict:
        cmd = [sys.executable, "-m", "irsite.bench", "--_gen-worker", str(root), "--_gen-mode", mode]
        result = subprocess.run(cmd, env=_env(ceiling), capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildFailed(f"generation worker failed:\n{result.stderr[-4000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    runs: dict[str, list[dict]] = {"time": [], "time-html": []}
    for _ in range(max(1, repeat)):
        for mode in runs:
            runs[mode].append(worker(mode))
    best = min(runs["time"], key=lambda r: r["total"])
    best["html"] = min(runs["time-html"], key=lambda r: r["total"])
    best["maxrss"] = max(r["maxrss"] for mode_runs in runs.values() for r in mode_runs)
    best.update(worker("memory"))
    if profile:
        best.update(worker("profile"))
    return best


def _profile_text(stats: pstats.Stats, limit: int = 25, sort: str = "tottime",
                  restrict: str | None = None) -> str:
    buf = io.StringIO()
    stats.stream = buf
    if not restrict:
        stats.strip_dirs()
    stats.sort_stats(sort)
    if restrict:
        stats.print_stats(restrict, limit)
    else:
        stats.print_stats(limit)
    text = buf.getvalue()
    start = text.find("   ncalls")
    return text[start:] if start >= 0 else text


# Where a profiled build spends its time: (label, file path ending, function name).
_PHASES = [
    ("whole build (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
    ("irsite on_config: load, validate, dates, render Markdown", "irsite/plugin.py", "on_config"),
    ("irsite on_files: add generated files", "irsite/plugin.py", "on_files"),
    ("irsite on_page_content: script check", "irsite/plugin.py", "on_page_content"),
    ("irsite on_post_build: search names, publish", "irsite/plugin.py", "on_post_build"),
    ("MkDocs: Markdown -> HTML of every page (_populate_page)", "mkdocs/commands/build.py", "_populate_page"),
    ("  of which front matter (YAML) of every page", "mkdocs/utils/meta.py", "get_data"),
    ("MkDocs/Material: write every page (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("  of which Jinja templates (Material's base.html)", "jinja2/environment.py", "render"),
    ("  of which Material's nav (block_site_nav)", "material/templates/base.html", "block_site_nav"),
    ("  of which search plugin: index each page's HTML", "material/plugins/search/plugin.py", "on_page_context"),
    ("Material search: write search_index.json", "material/plugins/search/plugin.py", "on_post_build"),
]


def phase_breakdown(stats: pstats.Stats) -> str:
    """Cumulative time of the main build phases in a cProfile of ``mkdocs build``."""
    table = stats.stats  # type: ignore[attr-defined]
    found: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in table.items():
        path = filename.replace("\\", "/")
        for label, ending, name in _PHASES:
            if func == name and path.endswith(ending):
                found[label] = found.get(label, 0.0) + ct
    total = found.get(_PHASES[0][0]) or 1.0
    rows = [[label, f"{found[label]:.2f} s", f"{found[label] / total * 100:.0f} %"]
            for label, _, _ in _PHASES if label in found]
    return _table(["phase (cProfile, cumulative; profiling inflates times)", "time", "share"], rows)


# ---------------------------------------------------------------------------------------------
# Page weight


def term_page_sizes(site: Path, project: Project) -> list[tuple[int, str]]:
    out = []
    for term in project.terms:
        path = site / render.GLOSSARY_DIR / term.id / "index.html"
        if path.is_file():
            out.append((path.stat().st_size, term.id))
    return sorted(out)


def _is_name_doc(doc: dict) -> bool:
    """A term-name document added by irsite.search (not one of Material's own)."""
    return bool(NAME_DOC.search(doc.get("location", ""))) or "keys" in doc


def search_index_sizes(site: Path) -> tuple[int, int, int, int]:
    """(file bytes, bytes without the term-name documents, all docs, name docs)."""
    path = site / "search" / "search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("docs", [])
    material = [d for d in docs if not _is_name_doc(d)]
    without = json.dumps({**data, "docs": material}, ensure_ascii=False, separators=(",", ":"))
    return path.stat().st_size, len(without.encode()), len(docs), len(docs) - len(material)


# ---------------------------------------------------------------------------------------------
# Report


def _kb(n: float) -> str:
    return f"{n / 1000:,.1f} KB"


def _mib(n: float) -> str:
    return f"{n / 2 ** 20:,.0f} MiB"


def _s(t: float) -> str:
    return f"{t:.2f} s"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]

    def fmt(row: list[str]) -> str:
        return "  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w)
                         for i, (x, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join(["  " + fmt(headers), "  " + "  ".join("-" * w for w in widths),
                      *("  " + fmt(r) for r in rows)])


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


_MEMORY = Path("/dev/shm")   # tmpfs on Linux


def memory_folder(need: int = 2 << 30) -> str | None:
    """A writable memory-backed folder (tmpfs) with ``need`` bytes free, or None."""
    try:
        if not (_MEMORY.is_dir() and os.access(_MEMORY, os.W_OK | os.X_OK)):
            return None
        stat = os.statvfs(_MEMORY)
    except OSError:
        return None
    return str(_MEMORY) if stat.f_bavail * stat.f_frsize >= need else None


def _where(work: Path) -> str:
    if _MEMORY in work.resolve().parents:
        return "in memory (tmpfs), so disk stalls of a shared machine do not reach the timings"
    return "on disk"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m irsite.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000],
                        help="numbers of synthetic terms to add and build (default: 400 2000)")
    parser.add_argument("--gen-size", type=int, default=5000,
                        help="synthetic terms for the generation-alone timing (default: 5000)")
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs (default: 5; the machine is noisy)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the copies and built sites")
    parser.add_argument("--on-disk", action="store_true",
                        help="work in the system's temporary folder even where a memory-backed one (/dev/shm) exists")
    parser.add_argument("--project", metavar="DIR", default=".", help="project folder (default: .)")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the synthetic data (default: 2024)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile generation and the largest build (cProfile) and print the hot spots")
    parser.add_argument("--_gen-worker", dest="gen_worker", help=argparse.SUPPRESS)
    parser.add_argument("--_gen-mode", dest="gen_mode", default="time", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.gen_worker:
        _gen_worker(Path(args.gen_worker), args.gen_mode)
        return 0

    src = Path(args.project).resolve()
    if not (src / "mkdocs.yml").is_file() or not (src / GLOSSARY).is_file():
        parser.error(f"{src} holds no mkdocs.yml and glossary.yaml; run from the project or give --project")
    sizes = sorted(set(n for n in args.sizes if n > 0))
    if not sizes or min(sizes) < 5:
        parser.error("--sizes needs numbers of at least 5")
    if args.gen_size < 5:
        parser.error("--gen-size needs a number of at least 5")

    if args.keep:
        work = Path(args.keep).resolve()
        if work == src or work in (src / "site", src / "docs", src / "content") or any(
                d in work.parents for d in (src / "site", src / "docs", src / "content")):
            parser.error("--keep must not be the project folder or lie in its site/, docs/ or content/")
        work.mkdir(parents=True, exist_ok=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="irsite-bench-",
                                              dir=None if args.on_disk else memory_folder())
        work = Path(cleanup.name)
    try:
        return _run(args, src, sizes, work)
    except BuildFailed as exc:
        print(f"\nBENCHMARK ABORTED: {exc}", file=sys.stderr)
        return 1
    finally:
        if cleanup is not None:
            cleanup.cleanup()


def _run(args: argparse.Namespace, src: Path, sizes: list[int], work: Path) -> int:
    import material
    import mkdocs

    def say(text: str) -> None:  # progress, on stderr
        print(f"[bench] {text}", file=sys.stderr, flush=True)

    cpus = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    base_project = load_project(src)
    n_real = len(base_project.terms)
    print(f"irsite build benchmark: {cpus} CPUs, Python {platform.python_version()}, "
          f"MkDocs {mkdocs.__version__}, Material {getattr(material, '__version__', '?')}, "
          f"best of {args.repeat}, seed {args.seed}")
    print(f"Project: {src} ({n_real} terms, {len(base_project.sources)} sources, "
          f"{len(base_project.pages)} topic pages)")
    print(f"Work folder: {work}, {_where(work)}")
    print()

    # 1. The real site, as it is (dates from git, read-only), output outside the project.
    say("building the real site ...")
    real_site = work / "real-site"
    real = time_build(src / "mkdocs.yml", real_site, args.repeat, ceiling=None)
    term_sizes = term_page_sizes(real_site, base_project)
    idx_bytes, idx_material, idx_docs, idx_name_docs = search_index_sizes(real_site)

    # 2. Copies with 0 and N synthetic terms, and bare sites with the same page counts.
    builds: dict[int, dict] = {}
    profile_file = work / "build-profile.out" if args.profile else None
    for n in [0, *sizes]:
        say(f"copy + {n} synthetic terms: generating, building ...")
        copy = make_synthetic_project(src, work / f"copy-{n}", n, args.seed)
        pages = rendered_page_count(copy)
        site = copy / "site"
        prof = profile_file if (profile_file and n == sizes[-1]) else None
        bare = None
        if n > 0:
            # The copy and a bare site with as many pages, built in turns.
            say(f"bare site with {pages} pages; building it and the copy in turns ...")
            bare_dir = make_bare_site(work / f"bare-{n}", pages, src / "mkdocs.yml")
            timing, bare = time_builds([(copy / "mkdocs.yml", site, work),
                                        (bare_dir / "mkdocs.yml", bare_dir / "site", work)], args.repeat)
        else:
            timing = time_build(copy / "mkdocs.yml", site, args.repeat, ceiling=work)
        if prof is not None:
            profile_build(copy / "mkdocs.yml", prof, ceiling=work)
        project = load_project(copy)
        sizes_n = term_page_sizes(site, project)
        ib, im, _, _ = search_index_sizes(site)
        builds[n] = {"build": timing, "bare": bare, "pages": pages, "terms": len(project.terms),
                     "term_max": sizes_n[-1], "term_median": statistics.median(s for s, _ in sizes_n),
                     "index": ib, "index_material": im}
        if args.keep is None:
            shutil.rmtree(copy, ignore_errors=True)
            shutil.rmtree(work / f"bare-{n}", ignore_errors=True)

    # 3. Generation alone at --gen-size (and for the real project), each in a fresh process.
    say(f"generation alone with {args.gen_size} synthetic terms ...")
    gen_copy = make_synthetic_project(src, work / f"gen-{args.gen_size}", args.gen_size, args.seed)
    gen = run_generation(gen_copy, args.repeat, args.profile, ceiling=work)
    gen0 = run_generation(src, args.repeat, False, ceiling=work)
    if args.keep is None:
        shutil.rmtree(gen_copy, ignore_errors=True)
    load_after = os.getloadavg()[0]

    # ---- figures ----
    base = builds[0]["build"]
    print("Full builds: mkdocs build in a fresh process; wall clock, and CPU time (user + system) of that run,\n"
          "  including the second process that makes the term-name search documents (irsite.namedocs);\n"
          "  each copy and its bare site are built in turns, so a slow spell of the machine hits both")
    rows = [["real site, in place (git dates)", str(n_real), "-", "-", _s(real.wall), _s(real.cpu),
             "-", "-", "-", "-"]]
    for n, b in builds.items():
        t, bare = b["build"], b["bare"]
        rows.append([
            f"copy + {n} synthetic terms", str(b["terms"]), str(b["pages"]), str(n), _s(t.wall), _s(t.cpu),
            f"{(t.wall - base.wall) / n * 1000:.2f} ms" if n else "-",
            _s(bare.wall) if bare else "-",
            f"{t.wall / bare.wall:.2f}×" if bare else "-",
            f"{t.cpu / bare.cpu:.2f}×" if bare else "-",
        ])
    print(_table(["site", "terms", "pages", "added", "build", "CPU", "per added term", "bare site",
                  "build/bare", "CPU ratio"], rows))
    print("  bare site = MkDocs + Material with the project's theme settings and Markdown extensions, the search\n"
          "  plugin and no irsite plugin; as many one-paragraph pages as the project build renders, all but the\n"
          "  home page kept out of the nav. per added term = (build − build of the copy + 0) / added terms.")
    rows = []
    for n, b in builds.items():
        if b["bare"]:
            rows.append([f"{b['pages']} pages", _s(b["bare"].wall), _s(b["bare"].cpu),
                         f"{b['bare'].wall / b['pages'] * 1000:.2f} ms",
                         f"{b['build'].wall / b['pages'] * 1000:.2f} ms"])
    print(_table(["bare site", "build", "CPU", "per page", "project per page"], rows))
    for n, b in builds.items():
        if b["bare"]:
            turns = [x / y for x, y in zip(b["build"].walls, b["bare"].walls)]
            print(f"  N = {n}, build / bare in each turn: " + " ".join(f"{r:.2f}" for r in turns)
                  + f" (median {statistics.median(turns):.2f}); the spread is this machine's noise")
    print()

    print("Generation alone: load + validate + render pages and exports, in a fresh interpreter")
    rows = []
    for label, g in ((f"real project ({gen0['terms']} terms)", gen0),
                     (f"copy + {args.gen_size} ({gen['terms']} terms)", gen)):
        for kind, r in (("Markdown", g), ("+ HTML", g["html"])):
            rows.append([label if kind == "Markdown" else "", kind, f"{r['pages']} ({r['prerendered']})",
                         f"{r['load']:.3f} s", f"{r['render']:.3f} s", f"{r['generate']:.3f} s",
                         f"{r['generate_cpu']:.3f} s", f"{r['search']:.3f} s", f"{r['total']:.3f} s"])
    print(_table(["project", "pages as", "pages (HTML)", "load+valid.", "render+exports", "generation", "CPU",
                  "search names", "total"], rows))
    print(f"  Markdown = the generation step as the issue names it (load, validate, render Markdown) and all\n"
          f"  that a builder without this plugin gets; + HTML = what the plugin's on_config does (minus git\n"
          f"  dates): the same, with the pages it can write as HTML directly written as HTML, which is work\n"
          f"  MkDocs would otherwise do in its page loop (so it is also inside the build times above).\n"
          f"  pages (HTML) = pages, of which written as HTML; search names = search.enrich_index\n"
          f"  ({gen['name_docs']:,} name documents at N = {args.gen_size}). At N = {args.gen_size}: HTML "
          f"{_kb(gen['html']['html_bytes'])}, Markdown {_kb(gen['markdown_bytes'])}, exports "
          f"{_kb(gen['export_bytes'])}.\n"
          f"  Each run is the first in a fresh interpreter (cold), the two kinds in turns; best of {args.repeat}.\n"
          f"  Peak RSS (largest worker process, either kind): {_mib(gen['maxrss'])} at N = {args.gen_size}, "
          f"{_mib(gen0['maxrss'])} real;\n"
          f"  tracemalloc (Python allocations during one + HTML generation): {_mib(gen['tracemalloc_peak'])}, "
          f"{_mib(gen0['tracemalloc_peak'])} real.")
    print()

    print("Page weight: HTML as written by mkdocs build (KB = 1,000 bytes)")
    rows = [["real site", str(len(term_sizes)), f"{_kb(term_sizes[-1][0])} ({term_sizes[-1][1]})",
             _kb(statistics.median(s for s, _ in term_sizes)), _kb(idx_bytes), _kb(idx_material),
             f"{idx_bytes / idx_material:.2f}×"]]
    for n, b in builds.items():
        rows.append([f"copy + {n}", str(b["terms"]), f"{_kb(b['term_max'][0])} ({b['term_max'][1]})",
                     _kb(b["term_median"]), _kb(b["index"]), _kb(b["index_material"]),
                     f"{b['index'] / b['index_material']:.2f}×"])
    print(_table(["site", "term pages", "largest term page", "median", "search index",
                  "without name docs", "ratio"], rows))
    print(f"  real site's index: {idx_docs} documents, {idx_name_docs} of them term-name documents added by\n"
          f"  irsite; 'without name docs' = Material's own documents only, serialised the same way.")
    print()

    # ---- targets ----
    small, large = sizes[0], sizes[-1]
    lb = builds[large]
    checks = []
    ratio, cpu_ratio = lb["build"].wall / lb["bare"].wall, lb["build"].cpu / lb["bare"].cpu
    checks.append((ratio <= TARGET_BUILD_RATIO, cpu_ratio <= TARGET_BUILD_RATIO,
                   f"build / bare site at N = {large}: {ratio:.2f}× (target ≤ {TARGET_BUILD_RATIO}×, aim "
                   f"{AIM_BUILD_RATIO}×{', aim met' if ratio <= AIM_BUILD_RATIO else ''}); CPU {cpu_ratio:.2f}×"))
    if small != large:
        def per_term(n: int, attr: str) -> float:
            return (getattr(builds[n]["build"], attr) - getattr(base, attr)) / n

        lin = per_term(large, "wall") / per_term(small, "wall") if per_term(small, "wall") > 0 else float("inf")
        lin_cpu = per_term(large, "cpu") / per_term(small, "cpu") if per_term(small, "cpu") > 0 else float("inf")
        checks.append((lin <= TARGET_LINEAR, lin_cpu <= TARGET_LINEAR,
                       f"cost per added term, N = {large} vs {small}: {per_term(large, 'wall') * 1000:.2f} / "
                       f"{per_term(small, 'wall') * 1000:.2f} ms = {lin:.2f}× (target ≤ {TARGET_LINEAR}×); "
                       f"CPU {per_term(large, 'cpu') * 1000:.2f} / {per_term(small, 'cpu') * 1000:.2f} ms "
                       f"= {lin_cpu:.2f}×"))
    checks.append((real.wall <= TARGET_REAL_BUILD_S, real.cpu <= TARGET_REAL_BUILD_S,
                   f"real site build: {_s(real.wall)} (target ≤ {TARGET_REAL_BUILD_S:.0f} s); CPU {_s(real.cpu)}"))
    checks.append((gen["generate"] <= TARGET_GEN_S, gen["generate_cpu"] <= TARGET_GEN_S,
                   f"generation alone at N = {args.gen_size} (load, validate, render Markdown): "
                   f"{gen['generate']:.2f} s (target ≤ {TARGET_GEN_S:.0f} s); CPU {gen['generate_cpu']:.2f} s. "
                   f"As the plugin runs it, with {gen['html']['prerendered']:,} pages written as HTML: "
                   f"{gen['html']['generate']:.2f} s"))
    checks.append((gen["maxrss"] <= TARGET_PEAK_BYTES, None,
                   f"peak memory at N = {args.gen_size}: {_mib(gen['maxrss'])} RSS (target ≤ 1 GiB); "
                   f"Python heap peak {_mib(gen['tracemalloc_peak'])}"))
    biggest = max([term_sizes[-1]] + [b["term_max"] for b in builds.values()])
    checks.append((term_sizes[-1][0] <= TARGET_TERM_PAGE_BYTES, None,
                   f"largest term page, real site: {_kb(term_sizes[-1][0])} ({term_sizes[-1][1]}) (target ≤ "
                   f"{_kb(TARGET_TERM_PAGE_BYTES)}); largest in any build {_kb(biggest[0])}"))
    checks.append((idx_bytes <= TARGET_SEARCH_INDEX_BYTES, None,
                   f"search index, real site: {_kb(idx_bytes)} (target ≤ {_kb(TARGET_SEARCH_INDEX_BYTES)}); "
                   f"{idx_bytes / idx_material:.2f}× Material's own {_kb(idx_material)}"))
    print("Targets: the verdict uses wall clock, as the issue defines the targets; the same target applied")
    print("to CPU time (what the build itself costs, whatever else the machine runs) is shown after '|'")
    for ok, ok_cpu, text in checks:
        tag = f"[{_verdict(ok)}]" if ok_cpu is None else f"[{_verdict(ok)} | CPU {_verdict(ok_cpu)}]"
        print(f"  {tag:<17} {text}")
    missed = sum(1 for ok, _, _ in checks if not ok)
    missed_cpu = sum(1 for ok, ok_cpu, _ in checks if not (ok if ok_cpu is None else ok_cpu))
    print(f"  {len(checks) - missed} of {len(checks)} targets met by wall clock, "
          f"{len(checks) - missed_cpu} of {len(checks)} by CPU time.")
    busy = max(load_before, load_after)
    if busy > cpus * 0.75:
        print(f"  Note: the machine was busy (load average {load_before:.1f} before, {load_after:.1f} after, "
              f"{cpus} CPUs):\n  wall-clock figures are inflated by other processes; the CPU figures show "
              f"what the builds themselves cost.")

    if args.profile:
        print()
        print(f"Profile: generation alone, copy + {args.gen_size} terms (cProfile, by own time)")
        print(gen.get("profile", ""))
        if profile_file and profile_file.exists():
            print(f"Profile: mkdocs build of copy + {large} terms, by phase")
            print(phase_breakdown(pstats.Stats(str(profile_file))))
            print()
            print("Same build, irsite functions by cumulative time")
            print(_profile_text(pstats.Stats(str(profile_file)), limit=25, sort="cumulative",
                                restrict="irsite"))
            print("Same build, all functions by own time")
            print(_profile_text(pstats.Stats(str(profile_file)), limit=25))
    return 0


if __name__ == "__main__":
    sys.exit(main())
