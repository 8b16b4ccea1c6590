"""The site outlives Material for MkDocs: ``irsite export`` gives a project that builds without the
plugin (plain MkDocs, Zensical), and the real site builds with ProperDocs.

Each builder's output is checked as a reader meets it: every topic, section and term page reachable
from the navigation, the builder's search index holding the term pages, and the site's address
(SITE_URL) in canonical links, cite blocks, robots.txt and the downloads.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from irsite.load import load_project

from .conftest import EXPORT_URL, ROOT

PROJECT = load_project(ROOT)


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]*)', html))


def _nav(html: str) -> str:
    """The primary navigation of a built page (Material's and Zensical's markup)."""
    start = html.index("md-nav--primary")
    end = html.find("md-sidebar--secondary", start)
    return html[start:end if end > 0 else None]


def test_export_has_no_plugin_and_no_theme_component_override(exported_project):
    config = (exported_project / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^\s*- irsite\b", config)
    assert f"site_url: {EXPORT_URL}" in config
    overrides = exported_project / "overrides"
    replaced = [p.relative_to(overrides).as_posix() for p in overrides.rglob("*.html")] if overrides.exists() else []
    # Only template blocks of main.html are extended; no partial of the theme is replaced.
    assert replaced in ([], ["main.html"]), replaced
    for page in PROJECT.pages:
        assert (exported_project / "docs" / "topics" / f"{page.slug}.md").is_file()
    assert (exported_project / "docs" / "teachers.md").is_file()   # the hand-written pages too


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_every_page_is_reachable_from_the_navigation(builder, request):
    site = request.getfixturevalue("plain_site" if builder == "mkdocs" else "zensical_site")
    topics_nav = _nav((site / "topics" / "index.html").read_text(encoding="utf-8"))
    for page in PROJECT.pages:
        assert f"{page.slug}/" in topics_nav, f"topic page {page.slug} is not in the navigation ({builder})"
    glossary_nav = _nav((site / "glossary" / "index.html").read_text(encoding="utf-8"))
    for section in PROJECT.sections:
        assert f"sections/{section.id}/" in glossary_nav, f"section {section.id} is not in the navigation ({builder})"
        section_page = (site / "glossary" / "sections" / section.id / "index.html").read_text(encoding="utf-8")
        for term in PROJECT.terms_in_section(section.id):
            assert f"../../{term.id}/" in _links(section_page), f"term {term.id} is not linked from its section"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_builders_search_index_holds_every_term_page(builder, request):
    site = request.getfixturevalue("plain_site" if builder == "mkdocs" else "zensical_site")
    if builder == "mkdocs":
        docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    else:
        docs = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    titles = {(d["location"].split("#")[0].strip("/"), re.sub(r"<[^>]+>", "", d["title"])) for d in docs}
    for term in PROJECT.terms:
        assert (f"glossary/{term.id}", term.term) in titles, f"{term.term} is not in {builder}'s search index"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_site_url_is_used_everywhere(builder, request):
    site = request.getfixturevalue("plain_site" if builder == "mkdocs" else "zensical_site")
    page = (site / "glossary" / "tnf-alpha" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{EXPORT_URL}glossary/tnf-alpha/">' in page
    assert f"Permanent link: <a href=\"{EXPORT_URL}glossary/tnf-alpha/\"" in page     # the cite block
    assert "insulin-resistance-reference.org" not in page
    assert f"Sitemap: {EXPORT_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / "glossary.csv").read_text(encoding="utf-8-sig"))))
    assert rows and all(r["url"].startswith(EXPORT_URL + "glossary/") for r in rows)
    moodle = ET.parse(site / "downloads" / "glossary-moodle.xml").getroot()
    assert all(EXPORT_URL in d.text for d in moodle.iter("DEFINITION"))


def test_real_site_builds_with_properdocs(tmp_path):
    """ProperDocs, the maintained fork of MkDocs 1.x, runs the plugin unchanged."""
    pytest.importorskip("properdocs", reason="properdocs is not installed (pip install -e '.[test]')")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = tmp_path / "site"
    page = (site / "glossary" / "tnf-alpha" / "index.html").read_text(encoding="utf-8")
    assert "TNF-α" in page and 'lang="ru"' in page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"] == "glossary/tnf-alpha/#names" for d in index["docs"])   # the plugin's name search
    assert (site / "topics" / "inflammation" / "index.html").is_file()


def test_export_never_replaces_a_folder_it_did_not_write(tmp_path):
    mine = tmp_path / "out" / "docs" / "mine.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my notes", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "irsite", "--root", str(ROOT), "export", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "is not an earlier export" in result.stderr and "Traceback" not in result.stderr
    assert mine.read_text(encoding="utf-8") == "my notes"
    into_docs = subprocess.run([sys.executable, "-m", "irsite", "--root", str(ROOT), "export", str(ROOT / "docs" / "x")],
                               capture_output=True, text=True, timeout=300)
    assert into_docs.returncode == 2 and "refusing to write" in into_docs.stderr
    assert not (ROOT / "docs" / "x").exists()
