"""Teachers' needs in a real browser: a clean printed glossary and a citation copied by keyboard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
          ".md-top", ".md-code__nav"]


def hidden(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].every((el) => {
            const r = el.getBoundingClientRect();
            return getComputedStyle(el).display === 'none' || r.width === 0 || r.height === 0;
        })""", selector)


def test_printed_glossary_is_a_clean_handout(open_page, glossary):
    probe = open_page("/glossary/print/")
    page = probe.page
    # on screen the chrome is there ...
    assert not hidden(page, ".md-header")
    page.emulate_media(media="print")
    # ... in print it is gone, and every term with its definition is on the page
    for selector in CHROME:
        assert hidden(page, selector), f"{selector} is printed"
    terms = page.locator("article dl dt")
    assert terms.count() == len(glossary)
    assert page.locator("article dl dd").first.is_visible()
    assert "TNF-α" in page.locator("article").inner_text()


def test_printed_term_page_drops_buttons_but_keeps_the_citation(open_page):
    page = open_page("/glossary/tnf-alpha/").page
    page.emulate_media(media="print")
    for selector in CHROME:
        assert hidden(page, selector), f"{selector} is printed"
    assert "Cite this page" in page.locator("article").inner_text()


def test_citation_copy_button_works_from_the_keyboard(open_page, site_url):
    probe = open_page()
    probe.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = probe.page
    probe.goto("/glossary/tnf-alpha/")
    page.wait_for_selector("#cite-this-page ~ pre button[data-md-type=\"copy\"]", state="attached")
    button = page.locator("#cite-this-page ~ pre button[data-md-type=\"copy\"]").first
    for _ in range(400):  # Tab through the page until the copy button has focus
        page.keyboard.press("Tab")
        if page.evaluate("(b) => document.activeElement === b", button.element_handle()):
            break
    else:
        pytest.fail("the citation's copy button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Insulin Resistance Reference. TNF-α. Glossary entry. ")
    assert "/glossary/tnf-alpha/" in copied
