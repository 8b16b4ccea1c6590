"""Links open without reloading the page (Material's navigation.instant), so a visit downloads and
builds the search index once, not on every page. Each page reached that way must still work as if
loaded anew: its questions, diagrams and concept map are set up, and a page whose concept map holds
SVG links must not stop later links from opening (see irsite.conceptmap._node)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def follow(page, selector: str, path: str) -> None:
    """Click a link and wait for the new page's content: the address changes first, then Material
    replaces the page's container with the new one."""
    page.evaluate("document.querySelector('[data-md-component=container]').setAttribute('data-test-left', '')")
    page.locator(selector).first.click()
    page.wait_for_url(f"**{path}")
    page.wait_for_function("!document.querySelector('[data-test-left]')")


def test_a_visit_builds_the_search_index_once_and_every_page_works(open_page):
    probe = open_page("/glossary/tnf-alpha/")       # a term page, with its concept map
    page = probe.page
    page.evaluate("window.__sameDocument = true")    # gone if a link reloads the page
    follow(page, '.md-typeset a[href$="/topics/inflammation/"]', "/topics/inflammation/")
    assert page.locator("h1").first.inner_text().startswith("Inflammation")
    page.locator("form.irq .irq-actions").first.wait_for(state="visible")   # quiz.js ran on this page
    follow(page, '.md-typeset a[href$="/glossary/il-6/"]', "/glossary/il-6/")
    page.locator("figure.irmap-near[data-irmap-ready]").wait_for(state="attached")   # concept-map.js
    follow(page, '.md-typeset a[href$="/topics/tissues/"]', "/topics/tissues/")   # after a page with a map
    page.locator(".diagram-tools button", has_text="Enlarge").first.wait_for()        # diagrams.js
    assert page.evaluate("window.__sameDocument") is True, "a link reloaded the page"
    page.locator(".md-search__input").click()
    page.keyboard.type("leptin")
    page.locator(".md-search-result__item > a").first.wait_for()
    assert sum("/search/search_index.json" in u for u in probe.requests) == 1
    assert not probe.console_errors and not probe.external_requests


def test_a_slow_page_shows_a_progress_bar(open_page):
    """Opened without a reload, a page gets no loading indicator from the browser: on a slow
    connection a tap seemed to do nothing. Material's progress bar shows while it loads."""
    probe = open_page("/topics/inflammation/")
    page = probe.page

    def slow(route):
        page.wait_for_timeout(2500)
        route.continue_()

    page.route("**/glossary/il-6/", slow)
    page.locator('.md-typeset a[href$="/glossary/il-6/"]').first.click(no_wait_after=True)
    page.wait_for_function("parseFloat(getComputedStyle(document.querySelector('.md-progress')).opacity) > 0",
                           timeout=2000)
    page.wait_for_function("document.querySelector('h1').textContent.startsWith('IL-6')", timeout=15_000)
    page.unroute_all(behavior="ignoreErrors")


def test_a_link_within_the_page_leaves_the_page_as_the_reader_left_it(open_page):
    """Material took the first "popstate" after a page was opened (the browser sends one for a link
    within the page) for a new page, fetched the page again and replaced its content: the reader's
    checked answers went, and so did the keyboard's place. Back and Forward within the page keep it
    too, and Back from a page opened without a reload still brings this page back."""
    probe = open_page("/topics/inflammation/")
    page = probe.page
    page.evaluate("window.__sameDocument = true")    # gone if a link reloads the page
    form = page.locator("form.irq").first
    form.locator("input").first.check()
    form.locator("button", has_text="Check").click()
    feedback = form.locator(".irq-feedback")
    assert feedback.inner_text().strip(), "checking an answer showed no feedback"
    page.evaluate("document.querySelector('[data-md-component=container]').setAttribute('data-test-kept', '')")
    fetched = lambda: sum(u.rstrip("/").endswith("/topics/inflammation") for u in probe.requests)  # noqa: E731
    before = fetched()

    page.locator('.md-sidebar--secondary a.md-nav__link[href*="#"]').nth(1).click()
    page.wait_for_function("location.hash.length > 1")
    page.go_back()
    page.wait_for_function("location.hash === ''")
    page.go_forward()
    page.wait_for_function("location.hash.length > 1")
    page.wait_for_load_state("networkidle")         # a fetch would have started at once and ended by now
    assert fetched() == before, "following a link within the page fetched the page again"
    assert page.locator("[data-test-kept]").count() == 1, "the page's content was replaced"
    assert feedback.inner_text().strip(), "the reader's checked answer was lost"

    # Another page opened without a reload, then Back: this page again, still without a reload.
    follow(page, '.md-typeset a[href$="/glossary/il-6/"]', "/glossary/il-6/")
    page.go_back()
    page.wait_for_function("document.querySelector('h1').textContent.startsWith('Inflammation')")
    assert page.evaluate("window.__sameDocument") is True, "Back reloaded the page"
    assert not probe.console_errors and not probe.external_requests
