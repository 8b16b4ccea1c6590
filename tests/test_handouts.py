"""Pages for taking the reference along: the whole reference on one page (for print or PDF), the
downloads page, and "Report a mistake" under every page."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from irsite.load import load_project

from .conftest import ROOT, copy_project, run_build


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_print_page_holds_every_topic_and_the_glossary(real_site: Path):
    project = load_project(ROOT)
    html = _html(real_site, "topics/print/index.html")
    article = html[html.index('<article'):html.index('</article>')]
    for page in project.pages:
        assert f'href="#{page.slug}"' in article, f"the contents list lacks {page.slug}"
        assert f'id="{page.slug}"' in article
        assert f'id="{page.slug}-references"' in article, f"{page.slug} has no reference list"
    assert article.count('<div class="irprint-break"></div>') == len(project.pages) + 1   # a page break before each
    for term in project.terms:
        assert f'id="g-{term.id}"' in article
    # Term links lead to the glossary on the same page; every in-page link has its anchor.
    ids = re.findall(r'\sid="([^"]+)"', article)
    assert not [i for i, n in Counter(ids).items() if n > 1], "duplicate ids on the print page"
    targets = set(re.findall(r'href="#([^"]+)"', article))
    assert targets <= set(ids), sorted(targets - set(ids))[:5]
    assert 'href="#g-tnf-alpha"' in article
    # Links to other pages are full addresses, so print can show them.
    assert not re.search(r'href="\.\./(?!assets/)[^"]*"', article)
    # No self-check questions on the print page.
    assert "irq" not in article


def test_print_page_is_linked_from_home_and_teachers(real_site: Path):
    for rel in ("index.html", "teachers/index.html"):
        assert re.search(r'href="(\.\./)?topics/print/"', _html(real_site, rel)), rel


def test_downloads_page_lists_every_download(real_site: Path):
    html = _html(real_site, "downloads/index.html")
    for name in ("glossary-anki.txt", "glossary-moodle.xml", "glossary.csv", "questions-moodle.xml", "questions.gift",
                 "questions-anki.txt"):
        assert f'download="{name}"' in html and (real_site / "downloads" / name).is_file(), name
    # Without the offline copy (tests build without it) the page says so instead of linking nowhere.
    assert "offline.zip" not in html and "No offline copy of the whole site was made" in html
    # How to import them is one click away (the mini fixture, without a teachers' page, names it).
    assert re.search(r'see <a href="\.\./teachers/">For teachers</a>\.', html)


def test_report_a_mistake_link(real_site: Path, tmp_path: Path):
    assert "Report a mistake" not in _html(real_site, "glossary/tnf-alpha/index.html"), "no address: no link"
    project = copy_project(ROOT, tmp_path / "p")
    os.environ["IRSITE_CORRECTIONS"] = "https://github.com/example/ir-reference/issues/new"
    try:
        assert run_build(project, tmp_path / "site").returncode == 0
    finally:
        del os.environ["IRSITE_CORRECTIONS"]
    for rel, title in (("glossary/tnf-alpha/index.html", "TNF-%CE%B1"), ("topics/inflammation/index.html", None),
                       ("index.html", None)):
        html = _html(tmp_path / "site", rel)
        m = re.search(r'<a href="([^"]+)">Report a mistake on this page</a>', html)
        assert m, rel
        href = m.group(1).replace("&amp;", "&")
        assert href.startswith("https://github.com/example/ir-reference/issues/new?title=Mistake%20on%3A%20")
        page_url = "https%3A//insulin-resistance-reference.org/" + rel.removesuffix("index.html")
        assert "&body=Page%3A%20" + page_url in href, href
        if title:
            assert title in href
