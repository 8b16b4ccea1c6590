"""The exported project's own search works in a real browser, under plain MkDocs + Material and
under Zensical, and finds term pages by their names (no plugin adds name documents there)."""

from __future__ import annotations

import pytest

from .conftest import _close_all, _probe_factory, serve_directory

NAMES = {"TNF-α": "tnf-alpha", "Adiponectin": "adiponectin", "GLUT4": "glut4", "HOMA-IR": "homa-ir",
         "IKKβ": "ikk-beta", "Metformin": "metformin", "Lipolysis": "lipolysis"}

# Result links in rank order: Material's result list, or Zensical's search dialog (in a shadow root).
RESULTS = """() => {
    const links = [...document.querySelectorAll('.md-search-result__item > a')];
    for (const host of document.querySelectorAll('*')) {
        if (host.shadowRoot) links.push(...host.shadowRoot.querySelectorAll('a[href]'));
    }
    return links.map(a => new URL(a.getAttribute('href'), location.href).pathname);
}"""


def _open_search(page, builder: str) -> None:
    if builder == "zensical":
        page.locator(".md-search__button").click()
    else:
        page.keyboard.press("/")


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_exported_search_initialises_and_finds_terms_by_name(builder, request, chromium):
    site = request.getfixturevalue("plain_site" if builder == "mkdocs" else "zensical_site")
    contexts: list = []
    with serve_directory(site) as url:
        try:
            probe = _probe_factory(chromium, url, contexts)("/")
            page = probe.page
            misses = []
            for name, term in NAMES.items():
                _open_search(page, builder)
                page.keyboard.press("Control+A")
                page.keyboard.press("Backspace")
                page.keyboard.insert_text(name)
                page.keyboard.press("End")       # a key event, which Material's search box listens for
                want = f"/glossary/{term}/"
                try:
                    page.wait_for_function(f"() => ({RESULTS})().slice(0, 3).includes({want!r})", timeout=60_000)
                except Exception:  # noqa: BLE001 - report all names at once
                    misses.append(f"{name!r}: {page.evaluate(RESULTS)[:3]}")
                page.keyboard.press("Escape")
            assert not misses, f"{builder}'s search did not put the term page in its first three results:\n" + "\n".join(misses)
            assert not probe.external_requests, probe.external_requests
        finally:
            _close_all(contexts)
