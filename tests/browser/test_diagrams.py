"""The SVG diagrams (docs/assets/javascripts/diagrams.js): enlarge, read on a phone, download.

Each diagram image in the content gets buttons under it ("Enlarge", "Download SVG", "Download PNG").
"Enlarge", or a click or tap on the image, opens a full-screen modal <dialog> with focus on its Close
button; Esc or Close shuts it and focus goes back to "Enlarge". On a phone the enlarged diagram is wider
than the screen and scrolls sideways, so that its smallest label is drawn at 12 px or more.
"""

from __future__ import annotations

import re

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

DIAGRAMS = {  # page -> the diagram it shows
    "/topics/insulin-signalling/": "insulin-signalling",
    "/topics/tissues/": "inter-organ",
}
SIGNALLING = "/topics/insulin-signalling/"
MIN_LABEL_PX = 12
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TOOLS = ".diagram-tools"
ENLARGE = ".diagram-tools button:text-is('Enlarge')"
DIALOG = "dialog.diagram-dialog"

IS_OPEN = "() => { const d = document.querySelector('dialog.diagram-dialog'); return !!d && d.open; }"
# The dialog's "close" event, which moves focus back, comes a task after `open` turns false.
FOCUS_BACK = "() => !!document.activeElement && !document.activeElement.closest('dialog')"
ACTIVE = """() => { const a = document.activeElement;
    return a ? {text: a.textContent.trim(), inTools: !!a.closest('.diagram-tools'),
                inDialog: !!a.closest('dialog')} : null; }"""


def svg_geometry(site_dir, name: str) -> tuple[float, float]:
    """(viewBox width, smallest font size) of a diagram, read from the built file."""
    text = (site_dir / "assets" / "diagrams" / f"{name}.svg").read_text(encoding="utf-8")
    box = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+[\d.]+', text)
    sizes = [float(s) for s in re.findall(r'font-size\s*(?:=\s*"|:)\s*([\d.]+)', text)]
    assert box and sizes, f"{name}.svg has no viewBox or no font sizes"
    return float(box.group(1)), min(sizes)


def open_diagram_page(open_page, path: str, **options):
    probe = open_page(**options)
    probe.goto(path)
    probe.page.wait_for_selector(TOOLS)
    return probe


def assert_clean(probe) -> None:
    assert not probe.console_errors, probe.console_errors
    assert not probe.external_requests, f"requests that left the site: {probe.external_requests}"


@pytest.mark.parametrize("key", ["Enter", " "])
def test_keyboard_tab_to_enlarge_opens_dialog_and_escape_returns_focus(open_page, key):
    probe = open_diagram_page(open_page, SIGNALLING, viewport=DESKTOP)
    page = probe.page
    # Focus the last focusable element before the diagram, then Tab: the next stop is "Enlarge".
    page.evaluate(
        """() => {
            const tools = document.querySelector('.diagram-tools');
            const before = [...document.querySelectorAll('a[href], button, [tabindex="0"]')].filter((e) =>
                tools.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING && e.offsetParent !== null);
            before[before.length - 1].focus();
        }"""
    )
    page.keyboard.press("Tab")
    active = page.evaluate(ACTIVE)
    assert active == {"text": "Enlarge", "inTools": True, "inDialog": False}, f"Tab reached {active}"

    page.keyboard.press(key)
    page.wait_for_function(IS_OPEN, timeout=15_000)
    dialog = page.locator(DIALOG)
    assert dialog.evaluate("d => d.matches(':modal')"), "the diagram view is not a modal dialog"
    name_id = dialog.get_attribute("aria-labelledby")
    assert page.locator(f"[id='{name_id}']").inner_text().strip(), "the dialog has no accessible name"
    assert page.evaluate(ACTIVE) == {"text": "Close", "inTools": False, "inDialog": True}
    view = page.locator(f"{DIALOG} img")
    assert view.get_attribute("alt"), "the enlarged image has no text alternative"
    # The enlarged picture loads after the dialog opens; on a loaded machine that can take a moment.
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=view.element_handle(), timeout=15_000)

    page.keyboard.press("Escape")
    page.wait_for_function(f"!({IS_OPEN})()", timeout=15_000)
    page.wait_for_function(FOCUS_BACK, timeout=15_000)
    active = page.evaluate(ACTIVE)
    assert active == {"text": "Enlarge", "inTools": True, "inDialog": False}, f"focus went to {active}"
    assert_clean(probe)


def test_closing_the_view_leaves_the_reader_where_they_were(open_page):
    """Opened by a click on the picture, the view gives focus back to "Enlarge" when it closes; that
    button sits under the picture, and moving focus to it scrolled the page to bring it into view
    (by some 500 px when the picture filled the screen), so the reader lost their place."""
    probe = open_diagram_page(open_page, SIGNALLING, viewport=DESKTOP)
    page = probe.page
    image = page.locator("img.diagram-image").first
    # The picture's foot at the foot of the screen, as when looking at it: "Enlarge" is just below.
    image.evaluate("img => window.scrollTo(0, window.scrollY + img.getBoundingClientRect().bottom - window.innerHeight + 4)")
    assert page.locator(ENLARGE).first.evaluate("b => b.getBoundingClientRect().top > window.innerHeight"), \
        "the button should be below the screen for this test"
    before = page.evaluate("window.scrollY")
    image.click()
    page.wait_for_function(IS_OPEN, timeout=15_000)
    page.keyboard.press("Escape")
    page.wait_for_function(f"!({IS_OPEN})()", timeout=15_000)
    page.wait_for_function(FOCUS_BACK, timeout=15_000)
    assert page.evaluate(ACTIVE)["text"] == "Enlarge"
    assert abs(page.evaluate("window.scrollY") - before) <= 1, \
        f"the page moved from {before} to {page.evaluate('window.scrollY')} px"
    assert_clean(probe)


@pytest.mark.parametrize("path", list(DIAGRAMS))
def test_phone_tap_opens_readable_view_and_close_button_closes(open_page, site_dir, path):
    probe = open_diagram_page(open_page, path, viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = probe.page
    image = page.locator("img.diagram-image").first
    image.evaluate("img => img.scrollIntoView({block: 'center'})")
    view_box_width, smallest_font = svg_geometry(site_dir, DIAGRAMS[path])
    inline_scale = image.evaluate("img => img.getBoundingClientRect().width") / view_box_width
    assert smallest_font * inline_scale < MIN_LABEL_PX  # why the enlarged view is needed at all

    image.tap()
    page.wait_for_function(IS_OPEN, timeout=15_000)
    view = page.locator(f"{DIALOG} img")
    page.wait_for_function("img => img.complete && img.getBoundingClientRect().width > 0", arg=view.element_handle())
    page.wait_for_timeout(200)
    geometry = page.evaluate(
        """() => {
            const body = document.querySelector('.diagram-dialog__body');
            const img = body.querySelector('img'), d = document.querySelector('dialog.diagram-dialog').getBoundingClientRect();
            body.scrollLeft = 100;
            return {width: img.getBoundingClientRect().width, scrolled: body.scrollLeft,
                    dialog: [d.left, d.top, d.width, d.height]};
        }"""
    )
    label_px = smallest_font * geometry["width"] / view_box_width
    assert label_px >= MIN_LABEL_PX, f"smallest label in the enlarged view is {label_px:.1f} px"
    assert geometry["scrolled"] > 0, "the enlarged diagram does not scroll sideways"
    assert geometry["dialog"] == [0, 0, PHONE["width"], PHONE["height"]], f"not full screen: {geometry['dialog']}"

    page.locator(f"{DIALOG} button:text-is('Close')").tap()
    page.wait_for_function(f"!({IS_OPEN})()", timeout=15_000)
    page.wait_for_function(FOCUS_BACK, timeout=15_000)
    assert page.evaluate(ACTIVE)["text"] == "Enlarge"
    assert_clean(probe)


@pytest.mark.parametrize("path", list(DIAGRAMS))
def test_svg_download_link_names_the_svg_file(open_page, path):
    probe = open_diagram_page(open_page, path)
    page = probe.page
    name = DIAGRAMS[path]
    link = page.locator(f"{TOOLS} a:text-is('Download SVG')")
    assert link.get_attribute("download") == f"{name}.svg"
    href = link.evaluate("a => new URL(a.href).pathname")
    assert href == f"/assets/diagrams/{name}.svg"
    response = page.request.get(probe.base + href)
    assert response.ok and response.body().lstrip().startswith(b"<svg")
    assert_clean(probe)


@pytest.mark.parametrize("where", ["page", "dialog"])
def test_png_button_downloads_a_png_made_in_the_browser(open_page, site_dir, where):
    probe = open_diagram_page(open_page, SIGNALLING, accept_downloads=True)
    page = probe.page
    scope = TOOLS
    if where == "dialog":
        page.locator(ENLARGE).click()
        page.wait_for_function(IS_OPEN, timeout=15_000)
        scope = DIALOG
    with page.expect_download(timeout=10_000) as info:
        page.locator(f"{scope} button:text-is('Download PNG')").click()
    download = info.value
    assert download.suggested_filename == "insulin-signalling.png"
    data = open(download.path(), "rb").read()
    assert data.startswith(PNG_SIGNATURE), f"not a PNG: {data[:16]!r}"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    view_box_width, _ = svg_geometry(site_dir, "insulin-signalling")
    assert width == round(2 * view_box_width) and height > width, f"PNG is {width}x{height}"
    assert_clean(probe)
