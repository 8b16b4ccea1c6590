"""What a reader does with the site: keyboard, mouse, touch, a phone, skip link and colour toggle.

Term links (links to a glossary term page) show the term's definition as a tooltip: Material's
``content.tooltips`` renders it as ``<div class="md-tooltip2 ..." role="tooltip">`` and points the
link's ``aria-describedby`` at it. On touch screens docs/assets/javascripts/term-tooltips.js makes
the first tap show the definition and the second tap open the term page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

PlaywrightTimeoutError = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").TimeoutError

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser

TOPIC = "/topics/inflammation/"
MAX_TABS = 150

# Marks, and returns the path of, the first term link in the content that satisfies `filter`.
# A term link is an <a> in the text of .md-typeset (not a node of a concept map's SVG) that leads to a
# term page /glossary/<id>/ other than this page.
FIND_TERM_LINK = """([nth, requireGlossaryInHref]) => {
    const here = location.pathname;
    const links = [...document.querySelectorAll('.md-typeset a[href]')].filter((a) => {
        if (a.classList.contains('headerlink') || a.closest('svg')) return false;
        if (requireGlossaryInHref && !a.getAttribute('href').includes('/glossary/')) return false;
        const path = new URL(a.href).pathname;
        return /^\\/glossary\\/[^/]+\\/$/.test(path) && !/^\\/glossary\\/(print|sections)\\//.test(path)
            && path !== here;
    });
    const a = links[nth];
    if (!a) return null;
    document.querySelectorAll('[data-test-term]').forEach((e) => e.removeAttribute('data-test-term'));
    a.setAttribute('data-test-term', '');
    return new URL(a.href).pathname;
}"""


def term_id(path: str) -> str:
    return [p for p in urlsplit(path).path.split("/") if p][1]


def definition_start(glossary, path: str, n: int = 50) -> str:
    definition = " ".join(glossary[term_id(path)]["definition"].split())
    return definition[:n]


def visible_tooltip_text(page, link) -> str:
    """Text of the tooltip the link describes itself with, once it is shown; fails if it is not shown."""
    page.wait_for_function(
        """(a) => {
            const id = a.getAttribute('aria-describedby');
            const tip = id && document.getElementById(id);
            if (!tip) return false;
            const s = getComputedStyle(tip), r = tip.getBoundingClientRect();
            return s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0.9
                && r.width > 20 && r.height > 10 && r.bottom > 0 && r.top < innerHeight
                && r.right > 0 && r.left < innerWidth && tip.innerText.trim().length > 0;
        }""",
        arg=link.element_handle(),
        timeout=15_000,
    )
    tip_id = link.get_attribute("aria-describedby")
    tip = page.locator(f"[id='{tip_id}']")
    assert tip.get_attribute("role") == "tooltip"
    return " ".join(tip.inner_text().split())


TOOLTIP_SHOWN = """(a) => {
    const id = a.getAttribute('aria-describedby');
    const tip = id && document.getElementById(id);
    if (!tip) return false;
    const s = getComputedStyle(tip);
    return s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0.1;
}"""


def tooltip_shown_for(page, link) -> bool:
    return page.evaluate(TOOLTIP_SHOWN, link.element_handle())


def tooltip_hides(page, link, timeout: float = 15.0) -> bool:
    """Whether the link's tooltip is hidden within ``timeout`` seconds (it returns as soon as it is:
    a fixed pause would fail on a loaded machine, where the fade-out takes longer)."""
    try:
        page.wait_for_function(f"(a) => !({TOOLTIP_SHOWN})(a)", arg=link.element_handle(), timeout=timeout * 1000)
        return True
    except PlaywrightTimeoutError:
        return False


# ------------------------------------------------------------------------------ (a) keyboard focus


def test_keyboard_focus_on_term_link_shows_definition(open_page, glossary):
    probe = open_page(TOPIC)
    page = probe.page
    focused = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const a = document.activeElement;
                if (!a || a.tagName !== 'A' || !a.closest('.md-typeset')) return null;
                const href = a.getAttribute('href') || '';
                if (!href.includes('/glossary/')) return null;
                a.setAttribute('data-test-term', '');
                return new URL(a.href).pathname;
            }"""
        )
        if focused:
            break
    assert focused, f"no glossary term link in the content received focus within {MAX_TABS} Tab presses"
    link = page.locator("[data-test-term]")
    text = visible_tooltip_text(page, link)
    expected = definition_start(glossary, focused)
    assert expected in text, f"tooltip of focused link to {focused} shows {text[:120]!r}, expected it to contain {expected!r}"

    # Moving focus on hides it again.
    page.keyboard.press("Tab")
    assert tooltip_hides(page, link), "tooltip stayed visible after focus left the term link"


# ------------------------------------------------------------------------------ (b) mouse hover


def test_mouse_hover_on_term_link_shows_definition(open_page, glossary):
    probe = open_page(TOPIC)
    page = probe.page
    path = page.evaluate(FIND_TERM_LINK, [2, True])
    assert path, f"no term link found on {TOPIC}"
    link = page.locator("[data-test-term]")
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(200)
    assert not tooltip_shown_for(page, link), "tooltip visible before the pointer reached the link"
    link.hover()
    text = visible_tooltip_text(page, link)
    expected = definition_start(glossary, path)
    assert expected in text, f"tooltip on hover over link to {path} shows {text[:120]!r}, expected {expected!r}"

    page.mouse.move(5, 300)
    assert tooltip_hides(page, link), "tooltip stayed visible after the pointer left the term link"


UNDERLINE = """(a) => { const s = getComputedStyle(a);
    return `${s.textDecorationLine} ${s.textDecorationStyle}`; }"""


@pytest.mark.parametrize("path", [TOPIC, "/glossary/tnf-alpha/"])
def test_term_links_stay_marked_as_terms(open_page, path):
    """site.css marks term links with a dotted underline (the cue that a definition is available);
    the mark must be there on every page and must not vanish once the tooltip has been shown."""
    probe = open_page(path)
    page = probe.page
    target = page.evaluate(FIND_TERM_LINK, [0, False])
    assert target, f"no term link on {path}"
    link = page.locator("[data-test-term]")
    before = link.evaluate(UNDERLINE)
    assert before == "underline dotted", f"term link to {target} on {path} is not marked (text-decoration: {before})"
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    link.hover()
    visible_tooltip_text(page, link)
    page.mouse.move(5, 300)
    tooltip_hides(page, link)
    after = link.evaluate(UNDERLINE)
    assert after == "underline dotted", (
        f"term link to {target} on {path} lost its dotted underline after its tooltip was shown "
        f"(text-decoration now: {after})"
    )


# ------------------------------------------------------------------------------ (c) touch


@pytest.mark.parametrize("path", [TOPIC, "/glossary/tnf-alpha/"])
def test_touch_first_tap_shows_definition_second_tap_opens_term(open_page, glossary, path):
    probe = open_page(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = probe.page
    probe.goto(path)
    target = page.evaluate(FIND_TERM_LINK, [0, False])
    assert target, f"no term link found on {path}"
    link = page.locator("[data-test-term]")
    link.evaluate("a => a.scrollIntoView({block: 'center'})")

    link.tap()
    page.wait_for_timeout(700)
    assert probe.url_path() == path, (
        f"first tap on the term link to {target} on {path} navigated to {probe.url_path()} "
        "instead of showing the definition"
    )
    text = visible_tooltip_text(page, link)
    expected = definition_start(glossary, target)
    assert expected in text, f"tooltip after first tap shows {text[:120]!r}, expected {expected!r}"

    with page.expect_navigation(timeout=5000):
        link.tap()
    page.wait_for_load_state("domcontentloaded")
    assert probe.url_path() == target, f"second tap led to {probe.url_path()}, expected the term page {target}"


def test_touch_tap_on_another_term_shows_its_definition(open_page, glossary):
    probe = open_page(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = probe.page
    probe.goto(TOPIC)
    first = page.evaluate(FIND_TERM_LINK, [0, False])
    page.locator("[data-test-term]").evaluate("a => a.scrollIntoView({block: 'center'})")
    page.locator("[data-test-term]").tap()
    page.wait_for_timeout(500)
    # A different term further down the same page.
    second = None
    for nth in range(1, 20):
        second = page.evaluate(FIND_TERM_LINK, [nth, False])
        if second and second != first:
            break
    assert second and second != first, f"{TOPIC} needs two different term links"
    link = page.locator("[data-test-term]")
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    link.tap()
    page.wait_for_timeout(700)
    assert probe.url_path() == TOPIC, f"first tap on a second term link navigated to {probe.url_path()}"
    text = visible_tooltip_text(page, link)
    assert definition_start(glossary, second) in text, f"tooltip shows {text[:120]!r} for {second}"


# ------------------------------------------------------------------------------ (d) phone layout


PHONE_PAGES = ["/", "/topics/open-questions/", "/topics/clinical-picture/", "/glossary/", "/glossary/tnf-alpha/"]

OVERFLOWING = """() => {
    const w = window.innerWidth, out = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= w + 0.5) continue;
        const s = getComputedStyle(el);
        if (s.visibility === 'hidden' || s.display === 'none') continue;
        // Only report the outermost offender in each subtree.
        if (el.parentElement && el.parentElement.getBoundingClientRect().right > w + 0.5) continue;
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
}"""


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_has_no_horizontal_overflow(open_page, path):
    probe = open_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    probe.goto(path)
    page = probe.page
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert inner == PHONE["width"], f"viewport is {inner}px wide, expected {PHONE['width']}"
    assert width <= inner, (
        f"{path} scrolls sideways on a {inner}px phone (scrollWidth {width}); wide elements:\n  "
        + "\n  ".join(page.evaluate(OVERFLOWING))
    )


def test_phone_glossary_letter_navigation_is_visible(open_page):
    probe = open_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    probe.goto("/glossary/")
    page = probe.page
    letters = page.locator('.md-typeset a[href*="#letter-"]')   # (instant navigation makes links absolute)
    count = letters.count()
    assert count >= 15, f"expected a letter navigation on the glossary index, found {count} letter links"
    inner = page.evaluate("window.innerWidth")
    hidden = []
    for i in range(count):
        a = letters.nth(i)
        box = a.bounding_box()
        if not a.is_visible() or box is None or box["x"] < 0 or box["x"] + box["width"] > inner + 0.5:
            hidden.append(f"{a.inner_text()!r} box={box}")
    assert not hidden, f"letter links not fully visible on a {inner}px phone: {hidden}"
    # The letters sit near the top of the page: a reader sees them without a long scroll.
    first = letters.first.bounding_box()
    assert first["y"] < 3 * PHONE["height"], f"letter navigation starts {first['y']}px down the page"
    # And they work: tapping a letter brings its section into view.
    letters.filter(has_text=re.compile(r"^\s*M\s*$")).first.tap()
    page.wait_for_function("location.hash === '#letter-m'")
    # (Instant navigation sets the address, then scrolls: wait for the heading to arrive.)
    arrived = "(h) => { const t = document.getElementById('letter-m').getBoundingClientRect().top; return t >= 0 && t < h; }"
    try:
        page.wait_for_function(arrived, arg=PHONE["height"] / 2, timeout=5000)
    except PlaywrightTimeoutError:
        top = page.evaluate("document.getElementById('letter-m').getBoundingClientRect().top")
        raise AssertionError(f"heading M is at {top}px after tapping its letter") from None


# ------------------------------------------------------------------------------ (e) skip link


def test_skip_link_is_first_tab_stop_and_skips_to_content(open_page):
    probe = open_page(TOPIC)
    page = probe.page
    page.keyboard.press("Tab")
    skip = page.evaluate(
        """() => { const a = document.activeElement;
                   const to = new URL(a.href, location.href);   // (instant navigation makes links absolute)
                   return {tag: a.tagName, text: a.innerText.trim(), href: to.hash,
                           samePage: to.pathname === location.pathname}; }"""
    )
    assert skip["tag"] == "A" and re.search(r"skip", skip["text"], re.I), f"first Tab stop is not a skip link: {skip}"
    assert skip["samePage"] and len(skip["href"]) > 1, f"skip link has no in-page target: {skip}"
    try:   # Material slides it in
        page.wait_for_function(
            """() => { const a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);
                       return r.width > 10 && r.height > 5 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight
                              && r.right <= innerWidth && parseFloat(s.opacity) > 0.9 && s.visibility !== 'hidden'; }""",
            timeout=15_000)
        visible = True
    except PlaywrightTimeoutError:
        visible = False
    assert visible, "the focused skip link is not visible on screen"

    page.keyboard.press("Enter")
    page.wait_for_function("(h) => location.hash === h || decodeURIComponent(location.hash) === h", arg=skip["href"])
    page.keyboard.press("Tab")
    where = page.evaluate(
        """() => { const a = document.activeElement;
                   return {inContent: !!a.closest('.md-content'), html: a.outerHTML.slice(0, 120)}; }"""
    )
    assert where["inContent"], f"after using the skip link, Tab went to {where['html']} instead of the page content"


# ------------------------------------------------------------------------------ (f) colour scheme


def test_colour_scheme_toggle_is_operable_by_keyboard(open_page):
    probe = open_page(color_scheme="dark")
    probe.goto(TOPIC)
    page = probe.page
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "slate", "a dark system preference should give the dark scheme"

    toggle = None
    for _ in range(10):
        page.keyboard.press("Tab")
        toggle = page.evaluate(
            """() => { const a = document.activeElement;
                       return a.closest('[data-md-component="palette"]')
                           ? {name: a.getAttribute('aria-label') || a.getAttribute('title') || a.innerText} : null; }"""
        )
        if toggle:
            break
    assert toggle, "the colour-scheme toggle is not reachable with Tab from the top of the page"
    assert toggle["name"] and re.search(r"mode|scheme|dark|light|system", toggle["name"], re.I), (
        f"the colour-scheme toggle has no meaningful accessible name: {toggle}"
    )

    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=3000)
    assert page.evaluate("!!document.activeElement.closest('[data-md-component=\"palette\"]')"), (
        "focus left the toggle after pressing Enter: it cannot be pressed again"
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=3000)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background, (
        "the page background did not change with the colour scheme"
    )
