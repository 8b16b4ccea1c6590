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
