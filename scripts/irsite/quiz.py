"""Self-check questions: "Check your understanding" at the end of each topic page, and the same
questions as banks for teachers (Moodle XML and GIFT) and as Anki flashcards.

On the page each question is a form (a fieldset and legend, its options, a Check button that
``quiz.js`` shows, and a live region for the feedback). The answers, with the feedback on every
option and the explanation, come after the last question in collapsible boxes: readers without
JavaScript open them, the script copies the relevant feedback into the live region, and print shows
them as an answer key. The whole section is left out of the search index (its wrong options would
match searches).
"""

from __future__ import annotations

import hashlib
import re
from html import escape as _escape
from xml.etree import ElementTree as ET

from . import exports, markup, render  # (they import this module too; names are looked up when called)
from .model import Option, Page, Question
from .pages.doc import Box, Heading, Item, ItemList, Para, Raw, Strong

SECTION = "Check your understanding"
HINTS = {"single": "Choose one answer.", "multiple": "Choose all that apply.", "truefalse": "True or false?"}
CATEGORY = "Insulin resistance"


def escape(text: str) -> str:
    return _escape(text, quote=False)


def form_id(q: Question) -> str:
    return f"q-{q.id}"


def quiz_blocks(r: "render.Renderer", page: Page, cite: "render.Citations") -> list:
    """The page's questions, then their answers (feedback on each option and the explanation)."""
    if not page.quiz:
        return []
    blocks: list = [Heading(2, SECTION, "check-your-understanding", exclude=True),
                    Para([f"{len(page.quiz)} questions on this page. Choose your answers and check each one; "
                          "the answers and explanations are also at the end of this section. "
                          "Nothing you choose leaves this page."])]
    blocks += [Raw(_form(r, q, n, len(page.quiz))) for n, q in enumerate(page.quiz, start=1)]
    blocks += [Raw('<p class="irq-score" role="status" hidden></p>'), Para([Strong("Answers")])]
    for n, q in enumerate(page.quiz, start=1):
        items = [Item([Strong(_text(r, o.text)), " (right)" if o.correct else " (wrong)", ": ", *r.prose(o.feedback, cite)])
                 for o in shown(q)]
        blocks.append(Box("info irq-answer", f"Answer to question {n}", [ItemList(items), Para([r.prose(q.explanation, cite)])],
                          folded=True))
    return blocks


def shown(q: Question) -> list[Option]:
    """The options in the order the page shows them: authors tend to write the right answer first,
    so the page mixes them, the same way at every build (true/false stays True, False)."""
    if q.kind == "truefalse":
        return q.options
    return sorted(q.options, key=lambda o: hashlib.sha256(f"{q.id}\n{o.text}".encode()).hexdigest())


def _text(r: "render.Renderer", text: str) -> str:
    return markup.plain_text(text, r.names, r.lower_first)


_ALL_THAT_APPLY = re.compile(r"\s*Choose all that apply\.?\s*$", re.IGNORECASE)


def prompt_and_hint(q: Question) -> tuple[str, str]:
    """The question as the page and the Anki deck show it, and the hint shown after it in italics. An
    author's "Choose all that apply." at the end becomes that hint, as the other kinds' hints are;
    it stayed plain text in the question before."""
    prompt = _ALL_THAT_APPLY.sub("", q.prompt)
    return prompt, "" if "all that apply" in prompt.lower() else HINTS[q.kind]


def _form(r: "render.Renderer", q: Question, n: int, count: int) -> str:
    kind = "checkbox" if q.kind == "multiple" else "radio"
    options = "\n".join(
        f'<label class="irq-option"><input type="{kind}" name="{form_id(q)}" value="{i}"'
        f'{" data-correct" if o.correct else ""}> <span>{escape(_text(r, o.text))}</span></label>'
        for i, o in enumerate(shown(q)))
    prompt, hint = prompt_and_hint(q)
    hint = f' <span class="irq-hint">{hint}</span>' if hint else ""
    # method="dialog": without JavaScript, Enter on an option submitted the form and reloaded the page
    # with every choice cleared; a dialog-method form outside a dialog goes nowhere.
    return (f'<form class="irq" id="{form_id(q)}" method="dialog" data-kind="{q.kind}" data-search-exclude>\n'
            f'<fieldset>\n<legend><span class="irq-number">Question {n} of {count}.</span> '
            f'{escape(_text(r, prompt))}{hint}</legend>\n'
            f'{options}\n</fieldset>\n'
            '<p class="irq-actions" hidden><button type="submit" class="md-button md-button--primary">Check</button></p>\n'
            '<div class="irq-feedback" role="status"></div>\n</form>')


# -- question banks -------------------------------------------------------------------------------

# Moodle's grade fractions (question_bank::fraction_options_full): a share of the marks must be one.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)


def _share(count: int) -> str:
    value = min(MOODLE_FRACTIONS, key=lambda f: abs(f - 100 / count))
    return str(value)


def bank_text(r: "render.Renderer", text: str) -> str:
    """A question text for an LMS: plain text, citations as (Author year)."""
    def cited(m) -> str:
        return "(" + "; ".join(r.short[k.partition("#")[0]] for k in markup.citation_keys(m.group(1))) + ")"
    return _text(r, markup.CITATION.sub(cited, text))


def _fractions(q: Question) -> list[str]:
    """Each shown option's grade in percent: multiple-answer questions share the marks between the right
    options and take them away for wrong ones, so that ticking everything earns nothing."""
    right = sum(o.correct for o in q.options)
    if q.kind != "multiple":
        return ["100" if o.correct else "0" for o in shown(q)]
    return [_share(right) if o.correct else "-" + _share(len(q.options) - right) for o in shown(q)]


def _bank(r: "render.Renderer"):
    for page in r.p.pages:
        url = r.site.absolute(render.topic_url(page.slug))
        for q in page.quiz:
            yield page, url, q


def moodle_xml(r: "render.Renderer") -> str:
    """Moodle question XML: a category for each page, multichoice and truefalse questions."""
    quiz = ET.Element("quiz")
    current = None

    def html_field(parent: ET.Element, tag: str, text: str) -> None:
        ET.SubElement(ET.SubElement(parent, tag, format="html"), "text").text = text

    for page, url, q in _bank(r):
        if page is not current:
            current = page
            category = ET.SubElement(quiz, "question", type="category")
            path = f"$course$/top/{CATEGORY}/{page.title.replace('/', '//')}"
            ET.SubElement(ET.SubElement(category, "category"), "text").text = path
        question = ET.SubElement(quiz, "question", type="truefalse" if q.kind == "truefalse" else "multichoice")
        prompt = bank_text(r, q.prompt)
        short = prompt if len(prompt) <= 60 else prompt[:60].rsplit(" ", 1)[0] + " …"   # whole words
        ET.SubElement(ET.SubElement(question, "name"), "text").text = f"{page.title}: {short}"
        html_field(question, "questiontext", f"<p>{escape(bank_text(r, q.prompt))}</p>")
        html_field(question, "generalfeedback", f"<p>{escape(bank_text(r, q.explanation))}</p>"
                                                f'<p>Read more: <a href="{_escape(url)}">{escape(page.title)}</a></p>')
        ET.SubElement(question, "defaultgrade").text = "1"
        ET.SubElement(question, "idnumber").text = f"{page.slug}/{q.id}"
        if q.kind != "truefalse":
            for tag, value in (("single", str(q.kind == "single").lower()), ("shuffleanswers", "true"),
                               ("answernumbering", "abc")):
                ET.SubElement(question, tag).text = value
        for option, fraction in zip(shown(q), _fractions(q)):
            answer = ET.SubElement(question, "answer", fraction=fraction,
                                   format="moodle_auto_format" if q.kind == "truefalse" else "html")
            ET.SubElement(answer, "text").text = option.text.lower() if q.kind == "truefalse" else escape(bank_text(r, option.text))
            html_field(answer, "feedback", f"<p>{escape(bank_text(r, option.feedback))}</p>")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def gift_escape(text: str) -> str:
    """GIFT's special characters ~ = # { } : and the backslash, escaped with a backslash."""
    return "".join("\\" + ch if ch in "~=#{}:\\" else ch for ch in text)


def gift(r: "render.Renderer") -> str:
    """The same questions in GIFT, the plain-text format Moodle and other LMSs import."""
    out, current = [f"// Self-check questions of {r.site.name} ({r.site.absolute('')}), CC BY 4.0.\n"], None
    for page, url, q in _bank(r):
        if page is not current:
            current = page
            out.append(f"$CATEGORY: $course$/top/{CATEGORY}/{page.title.replace('/', '//')}\n")
        general = gift_escape(f"{bank_text(r, q.explanation)} Read more: {url}")
        if q.kind == "truefalse":
            right, wrong = (q.options[0], q.options[1]) if q.options[0].correct else (q.options[1], q.options[0])
            # {TRUE#feedback for a wrong answer#feedback for a right answer}
            answers = (f"{'TRUE' if right.text == 'True' else 'FALSE'}#{gift_escape(bank_text(r, wrong.feedback))}"
                       f"#{gift_escape(bank_text(r, right.feedback))}")
        else:
            marks = _fractions(q)
            answers = " ".join(
                (f"~%{f}%" if q.kind == "multiple" else ("=" if o.correct else "~"))
                + f"{gift_escape(bank_text(r, o.text))}#{gift_escape(bank_text(r, o.feedback))}"
                for o, f in zip(shown(q), marks))
        title = gift_escape(f"{page.slug}/{q.id}")
        # [plain]: the texts are plain text (Moodle applies the question's format to its answers too)
        out.append(f"::{title}::[plain]{gift_escape(bank_text(r, q.prompt))} {{{answers} ####{general}}}\n")
    return "\n".join(out)


def anki(r: "render.Renderer") -> str:
    """The questions as Anki notes (:func:`irsite.exports.anki_file`), in a subdeck: the front a
    question and its lettered options, the back the right answer, the explanation, why each option is
    right or wrong and a link to the page. The guid is the page's first slug and the question id, so
    a newer copy updates the cards even after a page moved; the tag is the page."""
    notes = []
    for page, url, q in _bank(r):
        options, (prompt, hint) = shown(q), prompt_and_hint(q)
        texts = [escape(bank_text(r, o.text)) for o in options]
        # A true/false question's options are named by their text, the others by a letter.
        labels = [o.text for o in options] if q.kind == "truefalse" else [chr(ord("A") + i) for i in range(len(options))]
        front = f"<p>{escape(bank_text(r, prompt))}{f' <i>{hint}</i>' if hint else ''}</p>"
        if q.kind != "truefalse":
            front += "<ol type='A'>" + "".join(f"<li>{t}</li>" for t in texts) + "</ol>"
        right = [k if q.kind == "truefalse" else f"{k} ({t})" for k, t, o in zip(labels, texts, options) if o.correct]
        why = "".join(f"<li><b>{k}</b>, {'right' if o.correct else 'wrong'}: {escape(bank_text(r, o.feedback))}</li>"
                      for k, o in zip(labels, options))
        back = (f"<p><b>{'Answers' if len(right) > 1 else 'Answer'}: {', '.join(right)}</b></p>"
                f"<p>{escape(bank_text(r, q.explanation))}</p><ul>{why}</ul>"
                f"<p>Read more: <a href='{_escape(url)}'>{escape(page.title)}</a></p>")
        notes.append([f"ir-reference/q/{(page.formerly or [page.slug])[0]}/{q.id}", front, back, page.slug])
    return exports.anki_file(f"{r.site.name}::Self-check questions", notes)


def banks(r: "render.Renderer") -> dict[str, str]:
    return {"downloads/questions-moodle.xml": moodle_xml(r), "downloads/questions.gift": gift(r),
            "downloads/questions-anki.txt": anki(r)} if any(p.quiz for p in r.p.pages) else {}
