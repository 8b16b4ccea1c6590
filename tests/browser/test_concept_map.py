"""The concept map in a real browser: a node is a keyboard-reachable link to its term page, on the
whole map and on a term page's neighbourhood map; the buttons zoom; a phone can use it."""

from __future__ import annotations

from .conftest import PHONE


def test_map_node_leads_to_its_term_page(open_page, glossary):
    probe = open_page("/map/")
    page = probe.page
    nodes = page.locator("figure.irmap svg a")
    assert nodes.count() == len(glossary)
    # The map's links are xlink:href (see irsite.conceptmap._node); *|href matches it.
    node = page.locator('figure.irmap svg a[*|href$="/tnf-alpha/"]')
    node.focus()
    assert page.evaluate("document.activeElement.getAttribute('xlink:href')").endswith("/tnf-alpha/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/tnf-alpha/")
    assert page.locator("h1").inner_text().startswith(glossary["tnf-alpha"]["term"])
    assert not probe.console_errors and not probe.external_requests


def test_every_term_is_in_the_text_list_too(open_page, glossary):
    page = open_page("/map/").page
    hrefs = page.locator("figure.irmap details a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs} == set(glossary)


def test_term_page_map_shows_its_neighbours(open_page, glossary):
    page = open_page("/glossary/tnf-alpha/").page
    figure = page.locator("figure.irmap-near")
    targets = figure.locator("svg a").evaluate_all("els => els.map(e => e.getAttribute('xlink:href'))")
    related = page.locator("#related-terms + ul a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    # (Instant navigation makes the page's HTML links absolute; compare term ids.)
    def ids(hrefs):
        return {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}
    assert ids(related) <= ids(targets)
    figure.locator('svg a[*|href$="/nf-kappa-b/"]').click()
    page.wait_for_url("**/glossary/nf-kappa-b/")


def test_zoom_buttons_and_phone(open_page):
    page = open_page("/map/", viewport=PHONE).page
    svg = page.locator("figure.irmap svg")
    width = "s => parseFloat(s.getAttribute('viewBox').split(' ')[2])"
    before = svg.evaluate(width)
    page.get_by_role("button", name="Zoom in").first.click()
    assert svg.evaluate(width) < before / 1.4, "Zoom in shows a smaller part of the map"
    page.get_by_role("button", name="Reset the view").first.click()
    assert svg.evaluate(width) == before
    assert svg.bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
