"""Links that course materials rely on: renamed terms and moved pages keep working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import MINI, copy_project, run_build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(MINI, tmp_path / "project")


def test_renamed_term_keeps_its_old_url_and_references(project, tmp_path):
    glossary = project / "glossary.yaml"
    edit(glossary, "  - id: tnf-alpha\n", "  - id: tnf\n    formerly: [tnf-alpha]\n")
    # references to the old id, in the glossary and in a page, are left as they were
    assert "[[tnf-alpha]]" in glossary.read_text() and "[[tnf-alpha]]" in (project / "content/pages/inflammation.md").read_text()
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "glossary/tnf/index.html").exists()
    redirect = (site / "glossary/tnf-alpha/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../tnf/">' in redirect
    assert '<link rel="canonical" href="https://mini.example.org/glossary/tnf/">' in redirect
    assert re.search(r'<a href="../tnf/">TNF-α</a>', redirect)  # visible link for readers without redirects
    # old references resolve to the new page
    topic = (site / "topics/inflammation/index.html").read_text()
    assert 'href="../../glossary/tnf/"' in topic and "glossary/tnf-alpha/" not in topic
    nfkb = (site / "glossary/nf-kappa-b/index.html").read_text()
    assert 'href="../tnf/"' in nfkb
    # the index anchor follows the new id
    assert 'id="tnf"' in (site / "glossary/index.html").read_text()


def test_reusing_a_retired_id_fails_naming_both_terms(project, tmp_path):
    glossary = project / "glossary.yaml"
    edit(glossary, "  - id: tnf-alpha\n", "  - id: tnf\n    formerly: [tnf-alpha]\n")
    edit(glossary, "  - id: irs-1\n", "  - id: tnf-alpha\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert re.search(r"glossary\.yaml:\d+: retired id 'tnf-alpha' of term 'tnf' is used again by term 'tnf-alpha'", out)


def test_moved_page_keeps_its_old_url(project, tmp_path):
    (project / "content/pages/inflammation.md").rename(project / "content/pages/inflammation-and-ir.md")
    (project / "content/redirects.yaml").write_text("pages:\n  inflammation: inflammation-and-ir\n")
    # Its questions must move with it; the build says so.
    failed = run_build(project, tmp_path / "failed")
    assert failed.returncode != 0
    assert "the page moved: rename this file to content/quiz/inflammation-and-ir.yaml" in failed.stderr
    (project / "content/quiz/inflammation.yaml").rename(project / "content/quiz/inflammation-and-ir.yaml")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    redirect = (site / "topics/inflammation/index.html").read_text()
    assert 'url=../inflammation-and-ir/' in redirect
    assert 'href="https://mini.example.org/topics/inflammation-and-ir/"' in redirect


def test_redirect_to_a_missing_page_is_an_error(project, tmp_path):
    (project / "content/redirects.yaml").write_text("pages:\n  old-page: no-such-page\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/redirects.yaml:2: redirect target 'no-such-page' is not a page" in result.stdout + result.stderr


def test_greek_headings_get_readable_distinct_anchors(project, tmp_path):
    page = project / "content/pages/inflammation.md"
    page.write_text(page.read_text() + "\n## IL-1α\n\nText.\n\n## IL-1β\n\nText.\n\n## NF-κB pathway\n\nText.\n")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    html = (site / "topics/inflammation/index.html").read_text()
    for anchor in ("il-1α", "il-1β", "nf-κb-pathway"):
        assert f'id="{anchor}"' in html
