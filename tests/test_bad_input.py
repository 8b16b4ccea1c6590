"""Bad input never yields a broken or half-written site.

* A table of defective inputs: each is applied to a copy of the (already built) mini fixture project,
  `mkdocs build --strict` is run again, and the test checks that the build fails, that the message names
  the file and line of the defect with a readable explanation, that nothing was printed as a Python
  traceback, and that the previously built ``site/`` is byte-for-byte as it was (no ``site.staging``
  or ``site.previous`` left behind).
* A misspelt required key is reported once (as the typo), not also as missing; a file that cannot be
  read is reported once, without a knock-on "unknown …" problem for every reference into it.
* Several defects in one run are all reported, each as ``path:line: what — fix``, under a header that
  counts them.
* A broken link in a topic page, built without ``-q``, also fails, names the page's line and keeps the
  previous ``site/``.
* YAML 1.1 look-alikes (``no``, ``3.10``, ``1:20``) stay text: they build, and the page shows them as written.
* A property-based test (Hypothesis): random edits of a valid ``glossary.yaml`` end either in a project
  that loads and renders, or in a :class:`DataError` whose problems each name a file and say what is
  wrong; never in any other exception. It calls the Python API directly (no MkDocs build per example).

A case may be marked as a known bug with ``bug="…"`` (strict xfail): when the bug is fixed the case
starts passing and strict xfail turns that into a failure, so the mark must then be removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from irsite.load import load_project
from irsite.problems import DataError
from irsite import exports
from irsite.render import Renderer

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

GLOSSARY = "glossary.yaml"
PAGE = "content/pages/inflammation.md"
SEED = "content/sources/seed.yaml"
TRIAL = "content/sources/trial-1996.yaml"
REVIEW = "content/sources/review-2006.yaml"
QUIZ = "content/quiz/inflammation.yaml"


# ---------------------------------------------------------------------------------------------
# Building


def mkdocs_build(project: Path, quiet: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")]
    if quiet:
        cmd.insert(5, "-q")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def tree_digest(root: Path) -> str:
    """One hash over the names and bytes of every file and folder under ``root``."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix().encode()
        if path.is_dir():
            digest.update(b"D\0" + rel + b"\0")
        else:
            digest.update(b"F\0" + rel + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory) -> Path:
    """A copy of the mini fixture project with a successfully built ``site/``."""
    project = tmp_path_factory.mktemp("bad-input") / "built"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("site", "site.*", "__pycache__"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "glossary" / "tnf-alpha" / "index.html").is_file()
    return project


@pytest.fixture
def project(built_mini: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project (including its site/) for one test to damage."""
    dest = tmp_path / "project"
    shutil.copytree(built_mini, dest)
    return dest


# ---------------------------------------------------------------------------------------------
# Edits

Edit = Callable[[Path], None]


def _lines(root: Path, rel: str) -> list[str]:
    return (root / rel).read_text(encoding="utf-8").split("\n")


def _save(root: Path, rel: str, lines: list[str]) -> None:
    (root / rel).write_text("\n".join(lines), encoding="utf-8", newline="")


def replace(rel: str, n: int, text: str, was: str) -> Edit:
    """Replace line ``n`` (1-based) of ``rel``; ``was`` guards against the fixture drifting."""
    def edit(root: Path) -> None:
        lines = _lines(root, rel)
        assert was in lines[n - 1], f"{rel}:{n} is {lines[n - 1]!r}, expected it to contain {was!r}"
        lines[n - 1] = text
        _save(root, rel, lines)
    return edit


def insert(rel: str, n: int, text: str) -> Edit:
    """Insert ``text`` so that it becomes line ``n``."""
    def edit(root: Path) -> None:
        lines = _lines(root, rel)
        lines.insert(n - 1, text)
        _save(root, rel, lines)
    return edit


def delete(rel: str, n: int, was: str) -> Edit:
    def edit(root: Path) -> None:
        lines = _lines(root, rel)
        assert was in lines[n - 1], f"{rel}:{n} is {lines[n - 1]!r}, expected it to contain {was!r}"
        del lines[n - 1]
        _save(root, rel, lines)
    return edit


def keep_first(rel: str, n: int, was: str, then: str) -> Edit:
    """Keep lines 1..n (line n must contain ``was``) and replace the rest with ``then``."""
    def edit(root: Path) -> None:
        lines = _lines(root, rel)
        assert was in lines[n - 1], f"{rel}:{n} is {lines[n - 1]!r}, expected it to contain {was!r}"
        _save(root, rel, lines[:n] + [then])
    return edit


def write(rel: str, data: str | bytes) -> Edit:
    def edit(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    return edit


def replace_bytes(rel: str, old: bytes, new: bytes) -> Edit:
    def edit(root: Path) -> None:
        path = root / rel
        data = path.read_bytes()
        assert data.count(old) == 1, f"{old!r} should occur once in {rel}"
        path.write_bytes(data.replace(old, new))
    return edit


@dataclass(frozen=True)
class Defect:
    id: str
    edits: tuple[Edit, ...]
    where: str                      # "path:line", or just "path" for a whole-file problem
    words: tuple[str, ...]          # must appear (case-insensitively) on the line naming `where`
    bug: str | None = None          # set => strict xfail, with this reason

    def param(self):
        marks = [pytest.mark.xfail(strict=True, reason=self.bug)] if self.bug else []
        return pytest.param(self, id=self.id, marks=marks)


def D(id, edits, where, *words, bug=None) -> Defect:
    return Defect(id, tuple(edits) if isinstance(edits, (list, tuple)) else (edits,), where, words, bug)


# "Billion laughs": ten levels of ten aliases each would expand to 10^10 strings.
BOMB = "".join(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10 if i else ['"lol"'] * 10) + "]\n" for i in range(10))


# ---------------------------------------------------------------------------------------------
# The table of defects. Line numbers refer to the mini fixture (tests/fixtures/mini/).

DEFECTS = [
    # -- YAML that cannot be read -------------------------------------------------------------
    D("yaml-syntax-error-with-column",
      replace(GLOSSARY, 10, "    term: TNF-α: the cytokine", "term: TNF-α"),
      f"{GLOSSARY}:10", "YAML syntax error", "column 16", "mapping values are not allowed"),
    D("yaml-unclosed-quote-at-its-opening-line",
      replace(GLOSSARY, 10, '    term: "TNF-α', "term: TNF-α"),
      f"{GLOSSARY}:10", "YAML syntax error", "column 11", "quotes"),
    D("yaml-tab-indentation",
      replace(GLOSSARY, 12, "  \t  section: inflammation", "section: inflammation"),
      f"{GLOSSARY}:12", "tab character", "spaces"),
    D("yaml-duplicate-key",
      insert(GLOSSARY, 11, "    term: TNF alpha"),
      f"{GLOSSARY}:11", "duplicate key 'term'", "first given on line 10"),
    D("yaml-empty-file",
      write(GLOSSARY, ""),
      f"{GLOSSARY}:1", "file is empty"),
    D("yaml-only-comments",
      write(GLOSSARY, "# The glossary\n\n# (to be written)\n"),
      f"{GLOSSARY}:1", "file is empty"),
    D("yaml-not-utf8",
      replace_bytes(GLOSSARY, "NF-κB".encode(), b"NF-\xeaB"),
      f"{GLOSSARY}:21", "not valid UTF-8", "save the file with UTF-8"),
    D("yaml-control-character",
      replace_bytes(GLOSSARY, "NF-κB".encode(), b"NF-\x07B"),
      f"{GLOSSARY}:21", "control character U+0007", "delete it"),
    D("yaml-line-separator-character",
      [replace(GLOSSARY, 10, '    term: "TNF-\u2028α"', "term: TNF-α"),
       replace(GLOSSARY, 31, "    section: signaling", "section: signalling")],
      f"{GLOSSARY}:10", "line-separator character U+2028", "delete it"),
    D("yaml-explicit-tag-on-a-list",
      replace(GLOSSARY, 10, "    term: !!int [1, 2]", "term: TNF-α"),
      f"{GLOSSARY}:10", "must be text"),
    D("yaml-syntax-error-in-a-source-file",
      replace(TRIAL, 3, "title: Effects: of an anti-TNF-α antibody", "title: Effects"),
      f"{TRIAL}:3", "YAML syntax error", "column 15"),
    D("yaml-syntax-error-in-front-matter",
      replace(PAGE, 3, "order: 1: first", "order: 1"),
      f"{PAGE}:3", "YAML syntax error", "column 9"),

    D("yaml-alias-expansion-bomb",
      write(GLOSSARY, BOMB + (MINI / GLOSSARY).read_text(encoding="utf-8")),
      f"{GLOSSARY}:1", "anchor (&name) is repeated with an alias", "write the value out in full"),
    D("yaml-alias-in-a-source-file",
      insert(TRIAL, 4, "authors: &people [Ofei F]\ncontainer: *people"),
      f"{TRIAL}:4", "anchor (&name) is repeated with an alias"),

    # -- the glossary's shape -----------------------------------------------------------------
    D("glossary-is-a-list",
      write(GLOSSARY, "- id: tnf-alpha\n  term: TNF-α\n- id: irs-1\n  term: IRS-1\n"),
      f"{GLOSSARY}:1", "the glossary file must be a mapping"),
    D("terms-is-a-mapping",
      keep_first(GLOSSARY, 8, "terms:", "  tnf-alpha: TNF-α\n  irs-1: IRS-1\n"),
      f"{GLOSSARY}:8", "'terms' must be a list", "- id:"),
    D("term-is-a-string",
      insert(GLOSSARY, 20, "  - insulin resistance"),
      f"{GLOSSARY}:20", "term 2 must be a mapping"),
    D("unknown-key-typo",
      replace(GLOSSARY, 13, "    defintion: >-", "definition: >-"),
      f"{GLOSSARY}:13", "unknown key 'defintion'", "did you mean 'definition'"),
    D("missing-required-field",
      delete(GLOSSARY, 12, "section: inflammation"),
      f"{GLOSSARY}:9", "term 'tnf-alpha' has no 'section'", "add 'section:'"),
    D("empty-required-field",
      replace(GLOSSARY, 29, '    term: ""', "term: IRS-1"),
      f"{GLOSSARY}:29", "'term' of term 'irs-1' is empty"),

    # -- ids ----------------------------------------------------------------------------------
    D("id-upper-case",
      replace(GLOSSARY, 20, "  - id: NF-kappa-B", "id: nf-kappa-b"),
      f"{GLOSSARY}:20", "term id 'NF-kappa-B' is not a valid id", "lower-case", "'nf-kappa-b'"),
    D("id-with-spaces",
      replace(GLOSSARY, 20, "  - id: nf kappa b", "id: nf-kappa-b"),
      f"{GLOSSARY}:20", "term id 'nf kappa b' is not a valid id", "'nf-kappa-b'"),
    D("id-like-a-time",
      replace(GLOSSARY, 28, "  - id: 1:20", "id: irs-1"),
      f"{GLOSSARY}:28", "term id '1:20' is not a valid id", "'1-20'"),
    D("id-reserved",
      replace(GLOSSARY, 28, "  - id: print", "id: irs-1"),
      f"{GLOSSARY}:28", "term id 'print' is reserved", "choose another id"),
    D("duplicate-term-id",
      replace(GLOSSARY, 28, "  - id: nf-kappa-b", "id: irs-1"),
      f"{GLOSSARY}:28", "duplicate term id 'nf-kappa-b'", "also on line 20"),
    D("duplicate-section-id",
      replace(GLOSSARY, 5, "  - id: inflammation", "id: signalling"),
      f"{GLOSSARY}:5", "duplicate section id 'inflammation'", "also on line 2"),

    # -- names --------------------------------------------------------------------------------
    D("alias-is-another-terms-name",
      replace(GLOSSARY, 30, "    aliases: [IRS1, nf-κb]", "aliases: [IRS1"),
      f"{GLOSSARY}:30", "alias 'nf-κb' of term 'irs-1'", "name of term 'nf-kappa-b' (line 20)"),
    D("same-alias-twice",
      replace(GLOSSARY, 22, "    aliases: [NF-kB, NFkB, nf-kb]", "aliases: [NF-kB"),
      f"{GLOSSARY}:22", "term 'nf-kappa-b' lists 'nf-kb' twice", "remove the repeated alias"),

    D("zero-width-space-in-a-name",
      replace(GLOSSARY, 29, "    term: IRS\u200b-1", "term: IRS-1"),
      f"{GLOSSARY}:29", "the name of term 'irs-1'", "U+200B ZERO WIDTH SPACE", "delete it"),
    D("bidi-override-in-an-alias",
      replace(GLOSSARY, 22, "    aliases: [NF-kB, \u202eBk-FN]", "aliases: [NF-kB"),
      f"{GLOSSARY}:22", "alias of term 'nf-kappa-b'", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    D("invisible-character-in-a-russian-name",
      insert(GLOSSARY, 12, "    names: {ru: [\"фактор некроза\u00adопухоли\"]}"),
      f"{GLOSSARY}:12", "Russian name of term 'tnf-alpha'", "U+00AD SOFT HYPHEN"),
    D("cyrillic-look-alike-letter-in-a-name",
      replace(GLOSSARY, 22, "    aliases: [NF-kB, NFkВ]", "aliases: [NF-kB"),
      f"{GLOSSARY}:22", "alias of term 'nf-kappa-b'", "mixes Latin and Cyrillic letters",
      'U+0412 CYRILLIC CAPITAL LETTER VE in "NFkВ"', "one alphabet"),
    D("russian-name-shared-by-two-terms",
      [insert(GLOSSARY, 12, "    names: {ru: [ФНО-α]}"), insert(GLOSSARY, 22, "    names: {ru: [фно-α]}")],
      f"{GLOSSARY}:22", "'фно-α' of term 'nf-kappa-b'", "term 'tnf-alpha'"),
    D("unknown-language-in-names",
      insert(GLOSSARY, 12, "    names: {de: [Tumornekrosefaktor]}"),
      f"{GLOSSARY}:12", "unknown language 'de'", "ru"),

    # -- references from the glossary ---------------------------------------------------------
    D("unknown-related",
      replace(GLOSSARY, 26, "    related: [tnf-alfa]", "related: [tnf-alpha]"),
      f"{GLOSSARY}:26", "unknown related term 'tnf-alfa'", "did you mean 'tnf-alpha'"),
    D("related-to-itself",
      replace(GLOSSARY, 26, "    related: [tnf-alpha, nf-kappa-b]", "related: [tnf-alpha]"),
      f"{GLOSSARY}:26", "term 'nf-kappa-b' lists itself as related"),
    D("unknown-section",
      replace(GLOSSARY, 23, "    section: inflamation", "section: inflammation"),
      f"{GLOSSARY}:23", "unknown section 'inflamation'", "did you mean 'inflammation'"),
    D("unknown-source",
      replace(GLOSSARY, 27, "    sources: [review-2007]", "sources: [review-2006]"),
      f"{GLOSSARY}:27", "unknown source 'review-2007'", "did you mean 'review-2006'"),
    D("unknown-excerpt",
      replace(GLOSSARY, 18, "    sources: [review-2006, seed#cytokine]", "sources: [review-2006, seed#cytokines]"),
      f"{GLOSSARY}:18", "source 'seed' has no excerpt 'cytokine'", "cytokines"),
    D("no-sources",
      replace(GLOSSARY, 27, "    sources: []", "sources: [review-2006]"),
      f"{GLOSSARY}:27", "cites no source", "add at least one source"),
    D("sources-left-empty",
      replace(GLOSSARY, 27, "    sources:", "sources: [review-2006]"),
      f"{GLOSSARY}:27", "cites no source"),
    D("only-a-low-reliability-source",
      replace(GLOSSARY, 27, "    sources: [seed#cytokines]", "sources: [review-2006]"),
      f"{GLOSSARY}:27", "only by low-reliability sources", "peer-reviewed"),
    D("unknown-term-link-in-definition",
      replace(GLOSSARY, 25, "      A transcription factor switched on by [[tnf-alfa]].", "[[tnf-alpha]]"),
      f"{GLOSSARY}:24", "unknown term [[tnf-alfa]]", "did you mean [[tnf-alpha]]"),
    D("unknown-term-link-in-section-summary",
      replace(GLOSSARY, 4, "    summary: Inflammatory signals and [[insulin]] action.", "summary: Inflammatory"),
      f"{GLOSSARY}:4", "summary of section 'inflammation'", "unknown term [[insulin]]"),
    D("retired-id-reused",
      insert(GLOSSARY, 10, "    formerly: [irs-1]"),
      f"{GLOSSARY}:10", "retired id 'irs-1' of term 'tnf-alpha' is used again by term 'irs-1'"),
    D("retired-id-claimed-twice",
      [insert(GLOSSARY, 10, "    formerly: [tnf]"), insert(GLOSSARY, 22, "    formerly: [tnf]")],
      f"{GLOSSARY}:22", "retired id 'tnf' is claimed by both 'tnf-alpha' (line 10) and 'nf-kappa-b'"),

    # -- references from pages and sources ----------------------------------------------------
    D("unknown-term-link-in-page-body",
      replace(PAGE, 13, "[[nope]] acts through [[nf-kappa-b]] and on [[irs-1]].", "[[tnf-alpha|TNF]]"),
      f"{PAGE}:13", "unknown term [[nope]]"),
    D("unknown-citation-in-page",
      replace(PAGE, 19, "    Human trials did not confirm this [@trial-1997].", "[@trial-1996]"),
      f"{PAGE}:19", "unknown source 'trial-1997'", "did you mean 'trial-1996'"),
    D("quote-without-excerpt",
      replace(PAGE, 17, "    !quote seed", "!quote seed#cytokines"),
      f"{PAGE}:17", "'!quote seed' names no excerpt", "source-id#excerpt-id"),
    D("quote-with-unknown-excerpt",
      replace(PAGE, 17, "    !quote seed#cytokine", "!quote seed#cytokines"),
      f"{PAGE}:17", "source 'seed' has no excerpt 'cytokine'", "cytokines"),
    D("unknown-term-link-in-page-summary",
      replace(PAGE, 4, "summary: How [[nope]] may weaken insulin action.", "summary:"),
      f"{PAGE}:4", "summary: unknown term [[nope]]"),
    D("unknown-citation-in-source-note",
      replace(SEED, 7, "note: Low reliability; quoted only to correct it [@nope].", "note: Low reliability"),
      f"{SEED}:7", "note of source 'seed'", "unknown source 'nope'"),

    D("unknown-term-in-excerpt-verdict",
      insert(SEED, 13, "    verdict: Wrong, see [[nope]]."),
      f"{SEED}:13", "verdict of excerpt 'cytokines'", "unknown term [[nope]]"),

    # -- sources ------------------------------------------------------------------------------
    D("excerpt-not-in-source-text",
      replace(SEED, 11, '    quote: "Adipocytes release cytokines that impair insulin signalling."', "quote:"),
      f"{SEED}:11", "not found verbatim", "copy the words exactly"),
    D("source-text-file-missing",
      replace(SEED, 8, "text: seed-full.txt", "text: seed.txt"),
      f"{SEED}:8", "text file 'seed-full.txt'", "was not found"),
    D("excerpts-without-text",
      delete(SEED, 8, "text: seed.txt"),
      f"{SEED}:8", "has excerpts but no 'text'"),
    D("source-id-not-file-name",
      replace(REVIEW, 1, "id: review-2007", "id: review-2006"),
      f"{REVIEW}:1", "source id 'review-2007' does not match its file name 'review-2006.yaml'"),
    D("bad-doi",
      replace(TRIAL, 7, "doi: https://doi.org/10.2337/diab.45.7.881", "doi:"),
      f"{TRIAL}:7", "is not a DOI", "without https://doi.org/"),
    D("bad-pmid",
      replace(REVIEW, 10, "pmid: PMID17167474", "pmid:"),
      f"{REVIEW}:10", "PMID 'PMID17167474' must be digits only"),
    D("bad-year",
      replace(TRIAL, 5, "year: 96", "year: 1996"),
      f"{TRIAL}:5", "year '96' of source 'trial-1996' is not a year", "four digits"),
    D("unknown-kind",
      replace(TRIAL, 2, "kind: paper", "kind: article"),
      f"{TRIAL}:2", "unknown kind 'paper'", "article"),
    D("empty-source-file",
      write(TRIAL, "\n"),
      f"{TRIAL}:1", "file is empty"),
    D("source-file-ending-in-yml",
      write("content/sources/extra.yml", "id: extra\nkind: article\n"),
      "content/sources/extra.yml", "must end in .yaml", "extra.yaml"),

    # -- topic pages --------------------------------------------------------------------------
    D("front-matter-not-closed",
      delete(PAGE, 5, "---"),
      f"{PAGE}:1", "front matter is not closed"),
    D("front-matter-not-a-mapping",
      write(PAGE, "---\n- Inflammation\n- 1\n---\n\nText.\n"),
      f"{PAGE}:1", "front matter must be 'key: value' lines"),
    D("front-matter-missing-title",
      delete(PAGE, 2, "title:"),
      f"{PAGE}:2", "the front matter has no 'title'"),
    D("front-matter-order-not-a-number",
      replace(PAGE, 3, "order: first", "order: 1"),
      f"{PAGE}:3", "order 'first' is not a whole number"),
    D("front-matter-russian-names-not-a-list",
      insert(PAGE, 5, "ru: Воспаление и инсулинорезистентность"),
      f"{PAGE}:5", "'ru' of the front matter must be a list", "'- a' lines under 'ru:'"),
    D("front-matter-question-mixes-alphabets",
      insert(PAGE, 5, 'questions:\n  - "Что такое адипoкины?"'),    # a Latin o typed inside a Russian word
      f"{PAGE}:5", "question 'Что такое адипoкины?' mixes Latin and Cyrillic letters in one word",
      "U+006F LATIN SMALL LETTER O", "retype the word in one alphabet"),
    D("front-matter-russian-summary-in-english",
      insert(PAGE, 5, "ru_summary: How inflammation of fat tissue weakens insulin's action."),
      f"{PAGE}:5", "ru_summary has no Russian words", "write the page's summary in Russian"),
    D("front-matter-russian-key-point-in-english",
      insert(PAGE, 5, 'ru_key_points:\n  - "Метавоспаление ослабляет действие инсулина."\n  - "Obesity inflames fat tissue."'),
      f"{PAGE}:5", "a Russian key point has no Russian words: 'Obesity inflames fat tissue.'",
      "write each of ru_key_points in Russian"),
    D("page-without-front-matter",
      delete(PAGE, 1, "---"),
      f"{PAGE}:1", "page has no front matter"),
    D("level-1-heading-in-page-body",
      replace(PAGE, 11, "# TNF-α and IRS-1", "## TNF-α and IRS-1"),
      f"{PAGE}:11", "level-1 heading", "'## '"),

    # -- unsafe markup ------------------------------------------------------------------------
    D("script-in-definition",
      replace(GLOSSARY, 33, "      The docking protein <script>alert(1)</script> behind the insulin receptor.",
              "The docking protein"),
      f"{GLOSSARY}:32", "raw HTML is not allowed", "<script>"),
    D("img-onerror-in-page",
      replace(PAGE, 13, "See <img src=x onerror=alert(1)> here.", "[[tnf-alpha|TNF]]"),
      f"{PAGE}:13", "raw HTML is not allowed", "<img"),
    D("javascript-link-in-page",
      replace(PAGE, 19, "    Human trials [did not](javascript:alert(1)) confirm this [@trial-1996].", "Human trials"),
      f"{PAGE}:19", "'javascript:'", "not allowed"),
    D("attribute-list-event-handler-in-page",
      replace(PAGE, 11, '## TNF-α and IRS-1 { onclick="alert(1)" }', "## TNF-α and IRS-1"),
      f"{PAGE}:11", "event-handler attributes"),

    # -- links and files ----------------------------------------------------------------------
    D("broken-relative-link-in-page",
      replace(PAGE, 13, "See [x](nowhere.md).", "[[tnf-alpha|TNF]]"),
      f"{PAGE}:13", "link target 'nowhere.md' does not exist"),
    D("image-of-a-missing-file",
      replace(PAGE, 13, "![Diagram](../assets/missing.png)", "[[tnf-alpha|TNF]]"),
      f"{PAGE}:13", "image target '../assets/missing.png' does not exist"),
    D("redirect-to-a-missing-page",
      write("content/redirects.yaml", "pages:\n  inflammation-old: no-such-page\n"),
      "content/redirects.yaml:2", "redirect target 'no-such-page' is not a page"),
    D("russian-word-list-with-english-on-the-right",
      write("content/russian-words.yaml", "# search words\nlupus: волчанка\nathletes: athletes\n"),
      "content/russian-words.yaml:3", "'athletes' needs one lower-case English word and its Russian words",
      "athletes: спортсмен атлет"),
    D("russian-word-list-with-two-english-words-on-the-left",
      write("content/russian-words.yaml", "fat tissue: жировая ткань\n"),
      "content/russian-words.yaml:1", "'fat tissue' needs one lower-case English word"),
    D("hand-written-file-where-a-generated-page-goes",
      write("docs/glossary/index.md", "# My glossary\n"),
      "docs/glossary/index.md", "generated", "rename or remove"),

    # -- self-check questions -----------------------------------------------------------------
    D("quiz-single-answer-with-two-correct-options",
      insert(QUIZ, 13, "        correct: true"),
      f"{QUIZ}:7", "single-answer question 'anti-tnf' has 2 correct options", "exactly one"),
    D("quiz-option-without-feedback",
      [delete(QUIZ, 14, "No: that was seen"), replace(QUIZ, 13, '        feedback: ""', "feedback:")],
      f"{QUIZ}:13", "'feedback' of option 2 of question 'anti-tnf' is empty"),
    D("quiz-option-feedback-missing",
      [delete(QUIZ, 14, "No: that was seen"), delete(QUIZ, 13, "feedback:")],
      f"{QUIZ}:12", "option 2 of question 'anti-tnf' has no 'feedback'"),
    D("quiz-citation-of-unknown-source",
      replace(QUIZ, 11, "          Right: the trial saw no change [@trial-1969].", "[@trial-1996]"),
      f"{QUIZ}:10", "unknown source 'trial-1969'", "trial-1996"),
    D("quiz-link-to-unknown-term",
      replace(QUIZ, 6, "      What did blocking [[tnf-alfa]] do?", "[[tnf-alpha]]"),
      f"{QUIZ}:5", "unknown term [[tnf-alfa]]", "tnf-alpha"),
    D("quiz-unknown-type",
      replace(QUIZ, 4, "    type: singel", "type: single"),
      f"{QUIZ}:4", "unknown type 'singel'", "single, multiple"),
    D("quiz-true-false-answer-not-a-boolean",
      replace(QUIZ, 25, "    answer: yes", "answer: true"),
      f"{QUIZ}:25", "must be true or false"),
    D("quiz-true-false-without-feedback-for-false",
      [delete(QUIZ, 29, "It is one"), delete(QUIZ, 28, "if_false")],
      f"{QUIZ}:21", "has no 'if_false'"),
    D("quiz-multiple-answer-all-correct",
      insert(QUIZ, 46, "        correct: true"),
      f"{QUIZ}:36", "3 correct options of 3", "at least one wrong"),
    D("quiz-duplicate-question-id",
      replace(QUIZ, 21, "  - id: anti-tnf", "- id: nfkb-marker"),
      f"{QUIZ}:21", "duplicate question id 'anti-tnf'", "line 3"),
    D("quiz-raw-html-in-feedback",
      replace(QUIZ, 40, "          Right <b>indeed</b> [@review-2006].", "Right [@review-2006]."),
      f"{QUIZ}:39", "raw HTML is not allowed"),
    D("topic-page-named-like-a-generated-page",
      write("content/pages/print.md", "---\ntitle: Print\norder: 9\nsummary: x\n---\n\nText.\n"),
      "content/pages/print.md", "reserved for a generated page", "rename"),
    D("quiz-file-for-a-missing-page",
      write("content/quiz/no-such-page.yaml", "questions: []\n"),
      "content/quiz/no-such-page.yaml", "no topic page", "content/pages/no-such-page.md"),
]


# ---------------------------------------------------------------------------------------------
# Checks


def _assert_failed_cleanly(project: Path, before: str, result: subprocess.CompletedProcess) -> str:
    """The build failed without a traceback and left ``site/`` as it was; returns the output."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output}"
    assert "Traceback" not in output, output
    assert tree_digest(project / "site") == before, f"site/ was changed by a failed build:\n{output}"
    for leftover in ("site.staging", "site.previous"):
        assert not (project / leftover).exists(), f"{leftover} was left behind:\n{output}"
    return output


def _location_line(output: str, where: str) -> str | None:
    """The output line naming exactly ``where`` ("path:line" or "path"), or None.

    ``glossary.yaml:1`` must not match ``glossary.yaml:14``; a bare path matches only ``path: …``.
    """
    tail = r"(?!\d)" if re.search(r":\d+$", where) else r":(?!\d)"
    pattern = re.compile(r"(?<![\w./-])" + re.escape(where) + tail)
    for line in output.splitlines():
        if pattern.search(line):
            assert " — " in line, f"the message has no ' — fix' part: {line!r}"
            return line
    return None


@pytest.mark.parametrize("defect", [d.param() for d in DEFECTS])
def test_defect_fails_cleanly(project: Path, defect: Defect):
    before = tree_digest(project / "site")
    for edit in defect.edits:
        edit(project)
    output = _assert_failed_cleanly(project, before, mkdocs_build(project))
    line = _location_line(output, defect.where)
    assert line is not None, f"no message names {defect.where}:\n{output}"
    for word in defect.words:
        assert word.lower() in line.lower(), f"{word!r} missing from {line!r}"


def test_there_are_enough_defect_cases():
    assert len(DEFECTS) >= 55
    assert len({d.id for d in DEFECTS}) == len(DEFECTS)


def test_misspelt_key_is_not_also_reported_missing(scratch_project: Path):
    """A typo in a required key gives one message (the typo), not a second 'has no' one."""
    text = (MINI / GLOSSARY).read_text(encoding="utf-8")
    (scratch_project / GLOSSARY).write_text(text.replace("    definition: >-\n      A cytokine",
                                                         "    defintion: >-\n      A cytokine", 1),
                                            encoding="utf-8")
    try:
        with pytest.raises(DataError) as info:
            load_project(scratch_project)
    finally:
        (scratch_project / GLOSSARY).write_text(text, encoding="utf-8")
    messages = [str(p) for p in info.value.problems]
    assert any("unknown key 'defintion'" in m and "did you mean 'definition'?" in m for m in messages), messages
    assert not any("has no 'definition'" in m for m in messages), messages


@pytest.mark.parametrize("rel, old, new", [
    pytest.param(GLOSSARY, "    term: IRS-1\n", "    term: IRS-1: x\n", id="glossary-syntax-error"),
    pytest.param(GLOSSARY, "    term: IRS-1\n", "  \t  term: IRS-1\n", id="glossary-tab"),
    pytest.param(TRIAL, "year: 1996\n", "year: [1996\n", id="source-syntax-error"),
    pytest.param(GLOSSARY, "    term: IRS-1\n", "    term: IRS-1\n    term: IRS1\n", id="glossary-duplicate-key"),
    pytest.param(GLOSSARY, "    term: IRS-1\n", "    term: IRS-\udce1\n", id="glossary-not-utf8"),
    pytest.param(TRIAL, "year: 1996\n", "year: 1996\nyear: 1997\n", id="source-duplicate-key"),
])
def test_unreadable_file_reports_only_the_cause(tmp_path: Path, rel: str, old: str, new: str):
    """A file that cannot be read gives one problem, not a knock-on 'unknown …' for each reference."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", "site.*", "__pycache__"))
    text = (root / rel).read_text(encoding="utf-8")
    assert text.count(old) == 1
    (root / rel).write_bytes(text.replace(old, new).encode("utf-8", "surrogateescape"))
    with pytest.raises(DataError) as info:
        load_project(root)
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 1 and problems[0].startswith(rel + ":"), problems


_PROBLEM_LINE = re.compile(r"^\s*\S+:\d+: .+ — .+$")


def test_several_defects_are_all_reported(project: Path):
    before = tree_digest(project / "site")
    defects = [
        (replace(GLOSSARY, 23, "    section: inflamation", "section: inflammation"), f"{GLOSSARY}:23"),
        (replace(GLOSSARY, 27, "    sources: [review-2007]", "sources: [review-2006]"), f"{GLOSSARY}:27"),
        (replace(TRIAL, 5, "year: 96", "year: 1996"), f"{TRIAL}:5"),
        (replace(REVIEW, 10, "pmid: PMID17167474", "pmid:"), f"{REVIEW}:10"),
        (replace(PAGE, 3, "order: first", "order: 1"), f"{PAGE}:3"),
        (replace(PAGE, 13, "[[nope]] acts on [[irs-1]].", "[[tnf-alpha|TNF]]"), f"{PAGE}:13"),
    ]
    for edit, _ in defects:
        edit(project)
    output = _assert_failed_cleanly(project, before, mkdocs_build(project))
    header = re.search(r"(\d+) problems? in glossary.yaml and content/", output)
    assert header, output
    assert int(header.group(1)) == len(defects), output
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if header.group(0) in line)
    listed = lines[start + 1:start + 1 + len(defects)]
    for line in listed:
        assert _PROBLEM_LINE.match(line), line
    for _, where in defects:
        assert _location_line("\n".join(listed), where), f"{where} not reported:\n{output}"


def _break_page_link(project: Path) -> None:
    replace(PAGE, 13, "See [x](nowhere.md).", "[[tnf-alpha|TNF]]")(project)


def test_broken_page_link_keeps_previous_site(project: Path):
    before = tree_digest(project / "site")
    _break_page_link(project)
    _assert_failed_cleanly(project, before, mkdocs_build(project, quiet=False))


def test_broken_page_link_names_source_line(project: Path):
    before = tree_digest(project / "site")
    _break_page_link(project)
    output = _assert_failed_cleanly(project, before, mkdocs_build(project, quiet=False))
    line = _location_line(output, f"{PAGE}:13")
    assert line is not None and "nowhere.md" in line, output


def test_a_long_comment_at_the_top_of_a_data_file_is_read_at_once(project: Path):
    """The check for a file with nothing but comments took exponential time in the comment lines at a
    file's top: twelve took 4 s, fourteen a minute, sixty would never end."""
    path = project / GLOSSARY
    path.write_text("# A note for authors.\n" * 60 + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "irsite", "check"], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_yaml11_scalars_stay_text(project: Path):
    edits = [
        replace(GLOSSARY, 29, "    term: 3.10", "term: IRS-1"),
        replace(GLOSSARY, 30, "    aliases: [on, 1:20, yes]", "aliases: [IRS1"),
        replace(GLOSSARY, 32, "    definition: no", "definition: >-"),
        replace(GLOSSARY, 33, "    details: !!int abc", "The docking protein"),
    ]
    for edit in edits:
        edit(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site" / "glossary" / "irs-1" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>3\.10", html), "the term name 3.10 is not shown as written"
    assert "on · 1:20 · yes" in html
    assert re.search(r"<p>no</p>", html), "the definition 'no' is not shown as written"
    assert re.search(r"<p>abc</p>", html), "the explicitly tagged 'abc' is not shown as written"
    data = (project / "site" / "glossary.json").read_text(encoding="utf-8")
    assert '"3.10"' in data and '"no"' in data


# ---------------------------------------------------------------------------------------------
# Property-based: random edits of glossary.yaml (Python API, no MkDocs build per example)

_index = st.integers(min_value=0, max_value=10_000)
_piece = st.one_of(
    st.sampled_from([
        "no", "yes", "3.10", "1:20", "0x1F", "α", "é", "κ", "—", "\u00a0", "\u2028", "\ufeff", "\x00",
        "\t", ":", ": ", "'", '"', "<", "<script>", "#", "- ", "[[", "]]", "[@", "{", "}", "!!int",
        "&a", "*a", "|", ">-",
    ]),
    st.text(max_size=12),
)


_edit = st.one_of(
    st.tuples(st.just("delete"), _index),
    st.tuples(st.just("duplicate"), _index),
    st.tuples(st.just("swap"), _index, _index),
    st.tuples(st.just("insert"), _index, _index, _piece),
    st.tuples(st.just("truncate"), _index),
)


def apply_edits(text: str, edits: list[tuple]) -> str:
    for op, *args in edits:
        lines = text.split("\n")
        if op == "delete":
            del lines[args[0] % len(lines)]
        elif op == "duplicate":
            i = args[0] % len(lines)
            lines.insert(i, lines[i])
        elif op == "swap":
            i, j = args[0] % len(lines), args[1] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            i = args[0] % len(lines)
            col = args[1] % (len(lines[i]) + 1)
            lines[i] = lines[i][:col] + args[2] + lines[i][col:]
        elif op == "truncate":
            text = text[: args[0] % (len(text) + 1)]
            continue
        text = "\n".join(lines)
    return text


@pytest.fixture(scope="module")
def scratch_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("property") / "project"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", "site.*", "__pycache__"))
    return root


def test_unedited_glossary_loads_and_renders(scratch_project: Path):
    (scratch_project / GLOSSARY).write_bytes((MINI / GLOSSARY).read_bytes())
    pages = Renderer(load_project(scratch_project)).pages()
    assert "glossary/tnf-alpha.md" in pages


@settings(max_examples=60, deadline=None)
@given(edits=st.lists(_edit, min_size=1, max_size=4))
def test_property_random_edits(scratch_project: Path, edits: list[tuple]):
    text = apply_edits((MINI / GLOSSARY).read_text(encoding="utf-8"), edits)
    (scratch_project / GLOSSARY).write_bytes(text.encode("utf-8", "surrogateescape"))
    try:
        project = load_project(scratch_project)
    except DataError as exc:
        event("reported errors")
        assert exc.problems
        for problem in exc.problems:
            assert isinstance(problem.path, str) and problem.path.strip()
            assert isinstance(problem.line, int) and problem.line >= 0
            assert isinstance(problem.message, str) and problem.message.strip()
            assert "Traceback" not in str(problem)
        return
    event("valid build")
    renderer = Renderer(project)
    pages = renderer.pages()
    assert pages and all(isinstance(v, str) for v in pages.values())
    exports.exports(renderer)
    renderer.redirects()
