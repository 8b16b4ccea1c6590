"""The offline copy: the zip under downloads/ works when unzipped and opened from the disk
(file://), with navigation and search, and asks nothing of the network."""

from __future__ import annotations

import os
import zipfile

import pytest

from tests.conftest import ROOT, run_build

ZIP = "downloads/insulin-resistance-reference-offline.zip"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("offline")
    os.environ["IRSITE_OFFLINE_COPY"] = "true"
    try:
        result = run_build(ROOT, tmp / "site")
    finally:
        os.environ["IRSITE_OFFLINE_COPY"] = "false"
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp / "site" / ZIP) as zf:
        assert zf.testzip() is None
        zf.extractall(tmp / "unzipped")
    return tmp


def test_downloads_page_gives_the_size(offline_site):
    html = (offline_site / "site" / "downloads" / "index.html").read_text(encoding="utf-8")
    size = (offline_site / "site" / ZIP).stat().st_size
    assert f"(zip, {size / 1e6:.1f} MB)" in html
    assert 'download="insulin-resistance-reference-offline.zip"' in html


def test_offline_copy_searches_and_navigates_from_disk(chromium, offline_site):
    home = offline_site / "unzipped" / "insulin-resistance-reference" / "index.html"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    try:
        page.goto(home.as_uri())
        page.locator(".md-search__input").click()
        page.keyboard.type("tnf alpha")
        first = page.locator(".md-search-result__item > a").first
        first.wait_for(timeout=15_000)
        assert "glossary/tnf-alpha.html" in first.get_attribute("href")
        first.click()
        page.wait_for_url("**/glossary/tnf-alpha.html*")
        assert page.locator("h1").inner_text().startswith("TNF-α")
        page.locator('.md-nav a[href$="topics/index.html"]').first.click()
        page.wait_for_url("**/topics/index.html")
        assert [u for u in requests if not u.startswith("file:")] == []
    finally:
        context.close()


def test_offline_copy_enlarges_a_diagram_readably_on_a_phone(chromium, offline_site):
    """From disk the page cannot fetch the diagram's file (as it does online for its size): the size,
    smallest font and title written by the build still give a readable enlarged view and its title."""
    page_file = offline_site / "unzipped" / "insulin-resistance-reference" / "topics" / "tissues.html"
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        image = page.locator("img.diagram-image").first
        width, _, font = map(float, image.get_attribute("data-diagram").split())
        image.evaluate("img => img.scrollIntoView({block: 'center'})")
        image.tap()
        view = page.locator("dialog.diagram-dialog img")
        page.wait_for_function("img => img.complete && img.getBoundingClientRect().width > 0", arg=view.element_handle())
        page.wait_for_timeout(200)
        shown = view.evaluate("img => img.getBoundingClientRect().width")
        assert font * shown / width >= 12, f"smallest label {font * shown / width:.1f} px"
        assert page.locator("#diagram-dialog-title").inner_text().startswith("Insulin resistance across organs")
    finally:
        context.close()
