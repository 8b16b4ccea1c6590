"""Generated pages come out the same whether MkDocs converts their Markdown or the plugin hands it
the HTML written from the same description (irsite.pages.doc).

Each test builds a project twice, with the plugin's ``html`` option on (the default) and off, and
compares every output file byte for byte: pages, search index, sitemap, exports.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

from irsite import render
from irsite.load import load_project
from irsite.pages import doc

from .conftest import MINI, ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402  (the benchmark's synthetic glossary)


def _build(project: Path, site: Path, html: bool) -> str:
    """Build ``project`` into ``site``; returns MkDocs' verbose log."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not html:
        text, n = re.subn(r"(?m)^  - irsite:?[ \t]*$", "  - irsite:\n      html: false", text)
        assert n == 1
    variant = project / f"mkdocs-{'on' if html else 'off'}.yml"
    variant.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(variant),
                             "-d", str(site)], cwd=project, capture_output=True, text=True, env=env, timeout=300)
    variant.unlink()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def _assert_same_site(on: Path, off: Path) -> None:
    on_files = sorted(p.relative_to(on).as_posix() for p in on.rglob("*") if p.is_file())
    off_files = sorted(p.relative_to(off).as_posix() for p in off.rglob("*") if p.is_file())
    assert on_files == off_files
    for rel in on_files:
        a, b = (on / rel).read_bytes(), (off / rel).read_bytes()
        if a != b:
            if rel.endswith(".gz"):
                continue  # compressed copies differ only in their timestamps; the .xml is compared
            diff = difflib.unified_diff(b.decode(errors="replace").splitlines(), a.decode(errors="replace").splitlines(),
                                        "Markdown converted by MkDocs", "HTML from the plugin", lineterm="", n=1)
            pytest.fail(f"{rel} differs between the two paths:\n" + "\n".join(list(diff)[:40]))


def _html_count(log: str) -> tuple[int, int]:
    match = re.search(r"irsite: (\d+) of (\d+) generated pages handed over as HTML", log)
    assert match, "the build did not report how many pages it handed over as HTML"
    return int(match.group(1)), int(match.group(2))


AWKWARD_TERMS = """
  - id: sources
    term: Sources
    section: signalling
    definition: >-
      A term whose page heading would collide with the page's own "Sources" heading.
    sources: [review-2006]
  - id: randle-cycle
    term: 'The "Randle" cycle & co'
    aliases: [glucose_fatty acid cycle*, "R&R"]
    section: signalling
    definition: >-
      [[irs-1|The *docking* protein]] and [[tnf-alpha]] meet here; see also [[nf-kappa-b|NF-κB & co]] (in rodents) [@trial-1996; @review-2006].
    details: >-
      Quoted in a weak source [@seed#cytokines], with 50% & more.
    related: [irs-1, obesity]
    sources: [seed#cytokines, odd-doi, review-2006, seed#cytokines-2, trial-1996]
  - id: italic-term
    term: PPAR-γ
    section: signalling
    definition: >-
      A nuclear receptor, the target of *thiazolidinediones*.
    sources: [review-2006]
  - id: numbered
    term: Step two
    section: inflammation
    definition: >-
      2. A definition that starts like a numbered list.
    sources: [review-2006]
  - id: obesity
    term: Obesity
    section: inflammation
    definition: >-
      Excess body fat; obesity often comes with [[irs-1]] changes. Compare [[obesity]] with [[randle-cycle]].
    details: >-
      In obesity, [[tnf-alpha]] rises.
    sources: [odd-doi]
    external: {mesh: D009765}
"""

ODD_SOURCE = """id: odd-doi
kind: article
title: A study with [brackets] & a DOI with parentheses
authors: [Example A, Second B]
year: 2009
container: The Lancet
volume: "373"
issue: "9682"
pages: 2215–2221
doi: 10.1016/S0140-6736(09)60619-X
pmid: "19515410"
"""


@pytest.fixture(scope="module")
def awkward_project(tmp_path_factory) -> Path:
    """The mini project plus terms and a source chosen to trip up a hand-written HTML renderer."""
    project = copy_project(MINI, tmp_path_factory.mktemp("awkward") / "project")
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + "\n" + AWKWARD_TERMS, encoding="utf-8")
    (project / "content" / "sources" / "odd-doi.yaml").write_text(ODD_SOURCE, encoding="utf-8")
    seed = project / "content" / "sources" / "seed.yaml"
    seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n"
                    "  - id: cytokines-2\n"
                    "    quote: \"Adipocytes release cytokines that impair insulin signaling.\"\n"
                    "    locator: Results, paragraph 1 (again)\n", encoding="utf-8")
    load_project(project)  # valid data
    return project


@pytest.mark.parametrize("which", ["mini", "awkward", "real", "synthetic"])
def test_html_from_the_plugin_gives_the_same_site_as_markdown(which, tmp_path, awkward_project) -> None:
    if which == "mini":
        project = copy_project(MINI, tmp_path / "project")
    elif which == "awkward":
        project = awkward_project
    elif which == "real":
        project = copy_project(ROOT, tmp_path / "project")
    else:
        project = bench.make_synthetic_project(ROOT, tmp_path / "project", 60, seed=11)
    log = _build(project, tmp_path / "on", html=True)
    _build(project, tmp_path / "off", html=False)
    _assert_same_site(tmp_path / "on", tmp_path / "off")

    n_terms = len(load_project(project).terms)
    done, generated = _html_count(log)
    if which == "awkward":
        # the italic definition and the list-like one are converted from Markdown
        assert 0 < done <= generated - 2
    else:
        assert done >= n_terms


def test_awkward_pages_fall_back_to_markdown_only_where_needed(awkward_project) -> None:
    project = load_project(awkward_project)
    renderer = render.Renderer(project)
    opts = doc.HtmlOptions(slugify=lambda s, sep: re.sub(r"\W+", sep, s.lower()).strip(sep))
    pages, declined = {}, set()
    for t in project.terms:
        try:
            pages[t.id] = doc.to_html(renderer.term_page(t), opts).html
        except doc.NeedsMarkdown:
            declined.add(t.id)
    assert declined == {"numbered"}
    randle = pages["randle-cycle"]
    assert '<a class="term" href="../irs-1/" title="' in randle
    assert ">The *docking* protein</a>" in randle             # shown text is literal, not emphasis
    assert "<h1 id=" in randle and "The \"Randle\" cycle &amp; co" in randle
    assert "60619-X" in randle and "(09)" in randle
    assert 'id="sources_1"' in pages["sources"]                  # the toc extension's de-duplication
    assert "<em>thiazolidinediones</em>" in pages["italic-term"]


@pytest.mark.parametrize("page_url", ["index.md", "glossary/index.md", "glossary/x.md", "glossary/sections/y.md",
                                      "sources/z.md"])
@pytest.mark.parametrize("target", ["index.md", "glossary/index.md", "glossary/x.md", "glossary/y.md",
                                    "glossary/x/deeper.md", "glossary/sections/y.md", "sources/z.md",
                                    "downloads/glossary.csv", "glossary.json"])
def test_relative_urls_match_mkdocs(page_url, target) -> None:
    assert doc.html_href(page_url, target) == get_relative_url(doc.page_url(target), doc.page_url(page_url))


def test_turning_html_off_is_an_option(tmp_path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    log = _build(project, tmp_path / "off", html=False)
    assert _html_count(log)[0] == 0
    assert run_build(project, tmp_path / "on").returncode == 0


def test_lists_and_lines_in_another_language_inside_a_box_match_markdown() -> None:
    """A box holding a paragraph of several lines and a list in Russian (a topic page's "This page
    answers"): the HTML writer gives what Python-Markdown makes of the Markdown writer's text, and
    every line and item stays inside the box, marked as Russian."""
    import markdown
    from pymdownx.slugs import slugify

    box = doc.Box("question", "This page answers", [
        doc.ItemList(["What are adipokines?"]),
        doc.Para([doc.Strong("По-русски:"), "Первая строка", "Вторая строка"], lang="ru"),
        doc.ItemList(["Что такое адипокины?", "Зачем они нужны?"], lang="ru")])
    page = doc.Doc("topics/x.md", "X", {}, [box])
    body = doc.to_markdown(page).split("---\n", 2)[2]
    converted = markdown.markdown(body, extensions=["admonition", "attr_list", "toc"],
                                  extension_configs={"toc": {"permalink": True, "permalink_title": "Link to this section",
                                                             "slugify": slugify(case="lower")}})
    written = doc.to_html(page, doc.HtmlOptions(slugify=slugify(case="lower"))).html
    assert written.strip() == converted.strip()
    inside = written[written.index('<div class="admonition question">'):written.rindex("</div>")]
    assert '<li lang="ru">Что такое адипокины?</li>' in inside and "Вторая строка</p>" in inside


def test_a_body_written_with_reference_links_keeps_every_link_its_own_target_and_title() -> None:
    """A topic page's body is written with reference links defined after it (irsite.pages.doc,
    spans_markdown): Python-Markdown folds a label's case, and the print page puts many bodies on one
    page. Targets that differ only in case, one target with and without a title, and two bodies
    written apart must each keep their own link."""
    import markdown

    first = doc.spans_markdown([doc.Link("a", "sources/Ab.md", "", "term"), " and ", doc.Link("b", "sources/ab.md"),
                                " and ", doc.Link("c", "sources/ab.md", "T2")], "topics/x.md", block=True)
    second = doc.spans_markdown([doc.Link("d", "sources/ab.md", "T3")], "topics/x.md", block=True)
    assert "](" not in first + second
    html = markdown.markdown(first + "\n\n" + second, extensions=["attr_list"])
    links = re.findall(r'<a ([^>]*)>(\w)</a>', html)
    assert links == [('class="term" href="../sources/Ab.md"', "a"), ('href="../sources/ab.md"', "b"),
                     ('href="../sources/ab.md" title="T2"', "c"), ('href="../sources/ab.md" title="T3"', "d")]
