"""Self-check questions in a real browser: answered by keyboard, feedback announced in a live region,
a score, the no-JavaScript fallback, print with the answers, and axe on the answered page."""

from __future__ import annotations

import pytest

from .conftest import PHONE
from .test_privacy_a11y import BLOCKING_IMPACTS, _format_violations, run_axe

PAGE = "/topics/inflammation/"


def _first(page, kind: str):
    return page.locator(f'form.irq[data-kind="{kind}"]').first


def _correct_index(form) -> int:
    return form.locator("input").evaluate_all("els => els.findIndex(e => e.hasAttribute('data-correct'))")


def test_single_answer_question_by_keyboard(open_page):
    page = open_page(PAGE).page
    form = _first(page, "single")
    inputs = form.locator("input")
    right = _correct_index(form)
    wrong = 0 if right else 1
    # A wrong answer first: focus the first option, move with the arrow keys, check with Enter.
    inputs.nth(0).focus()
    page.keyboard.press("Space")
    for _ in range(wrong):
        page.keyboard.press("ArrowDown")
    assert inputs.nth(wrong).is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    feedback = form.locator(".irq-feedback")
    assert feedback.get_attribute("role") == "status"
    assert "Not quite" in feedback.inner_text()
    assert "(wrong)" in feedback.inner_text()
    assert "✗ wrong" in form.locator("label").nth(wrong).inner_text()
    # Then the right one.
    inputs.nth(wrong).focus()
    for _ in range(abs(right - wrong)):
        page.keyboard.press("ArrowDown" if right > wrong else "ArrowUp")
    assert inputs.nth(right).is_checked()
    page.keyboard.press("Enter")            # Enter in a form field submits the form
    text = feedback.inner_text()
    assert text.startswith("Right.") and "(right)" in text
    assert text.count("Right.") == 1, text   # the option's own "Right." is not repeated under the verdict
    score = page.locator(".irq-score")
    assert score.is_visible() and "1 right of" in score.inner_text() and "(1 checked)" in score.inner_text()
    assert not page.locator("details.irq-answer[open]").count(), "checking must not open the answer key"


def test_multiple_answer_question_needs_every_right_choice(open_page):
    page = open_page(PAGE).page
    form = _first(page, "multiple")
    boxes = form.locator("input")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    form.get_by_role("button", name="Check").click()
    assert "Not quite" in form.locator(".irq-feedback").inner_text()
    for i in range(boxes.count()):
        if boxes.nth(i).get_attribute("data-correct") is None:
            boxes.nth(i).uncheck()
    form.get_by_role("button", name="Check").click()
    assert form.locator(".irq-feedback").inner_text().startswith("Right.")


def test_nothing_chosen_asks_for_a_choice(open_page):
    page = open_page(PAGE).page
    form = _first(page, "truefalse")
    form.get_by_role("button", name="Check").click()
    assert form.locator(".irq-feedback").inner_text() == "Choose an answer first."


def test_without_javascript_the_answers_are_behind_a_disclosure(open_page):
    page = open_page(PAGE, java_script_enabled=False).page
    form = _first(page, "single")
    assert not form.get_by_role("button", name="Check").is_visible()
    answer = page.locator("details.irq-answer").first
    assert not answer.locator("li").first.is_visible()
    answer.locator("summary").click()
    assert answer.locator("li").first.is_visible()
    assert "(right)" in answer.inner_text()


def test_without_javascript_enter_keeps_the_page_and_the_choice(open_page):
    """Enter on an option did submit the form and reload the page at the top, every choice cleared."""
    page = open_page(PAGE, java_script_enabled=False).page
    url = page.url
    option = _first(page, "single").locator("input").nth(1)
    option.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == url and option.is_checked()


def test_a_changed_choice_clears_the_last_checks_marks(open_page):
    page = open_page(PAGE).page
    form = _first(page, "truefalse")
    inputs = form.locator("input")
    inputs.nth(0).check()
    form.get_by_role("button", name="Check").click()
    assert form.locator(".irq-mark").count() == 1 and form.locator(".irq-feedback").inner_text()
    inputs.nth(1).check()
    assert form.locator(".irq-mark").count() == 0 and not form.locator(".irq-feedback").inner_text()


def test_print_shows_the_answer_key(open_page):
    page = open_page(PAGE).page
    page.emulate_media(media="print")
    assert page.locator("details.irq-answer li").first.is_visible()
    assert not page.locator(".irq-actions").first.is_visible()


def test_questions_fit_a_phone(open_page):
    page = open_page(PAGE, viewport=PHONE).page
    form = _first(page, "single")
    form.scroll_into_view_if_needed()
    box = form.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    form.locator("label").first.click()
    assert form.locator("input").first.is_checked()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_questions_pass_axe(open_page, scheme):
    probe = open_page(color_scheme=scheme)
    probe.goto(PAGE)
    page = probe.page
    for kind in ("single", "multiple"):
        form = _first(page, kind)
        form.locator("input").first.check()
        form.get_by_role("button", name="Check").click()
    page.locator("details.irq-answer summary").first.click()
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not violations, _format_violations(violations)
    assert not probe.console_errors
