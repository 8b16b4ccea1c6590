"""Self-check questions: on every topic page, out of search, and as question banks that import.

The banks are read back by parsers that follow the formats' rules: Moodle question XML (each
answer's fraction one of Moodle's grade values; one fully right answer for a single-answer question;
the right answers of a multiple-answer question add up to 100%) and GIFT (parsed the way Moodle's
``qformat_gift`` does: escapes, categories, names, ``=``/``~``/``%n%`` answers, ``####`` general
feedback, true/false ``#wrong#right`` feedback).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from irsite.load import load_project
from irsite.quiz import MOODLE_FRACTIONS, bank_text
from irsite.render import Renderer

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


# -- a GIFT reader following Moodle's qformat_gift ------------------------------------------------

_ESCAPES = {"\\:": "\0058", "\\#": "\0035", "\\=": "\0061", "\\{": "\0123", "\\}": "\0125", "\\~": "\0126"}


def _unescape(text: str) -> str:
    for esc, mark in _ESCAPES.items():
        text = text.replace(mark, esc[1])
    return text.replace("\0092", "\\").strip()


def read_gift(text: str) -> list[dict]:
    """Questions of a GIFT file, as Moodle would import them."""
    out, category = [], None
    blocks = re.split(r"\n\s*\n", text)
    for block in blocks:
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        block = "\n".join(lines).strip()
        if not block:
            continue
        block = block.replace("\\\\", "\0092")
        for esc, mark in _ESCAPES.items():
            block = block.replace(esc, mark)
        if block.startswith("$CATEGORY:"):
            category = block[10:].strip()
            continue
        assert block.startswith("::"), block[:80]
        name, _, rest = block[2:].partition("::")
        start, end = rest.index("{"), rest.index("}")
        assert rest.count("{") == 1 and rest.count("}") == 1, f"unescaped brace in {name}"
        answers, _, general = rest[start + 1:end].rpartition("####")
        qtext = rest[:start].strip()
        fmt = re.match(r"^\[(\w+)\]", qtext)
        question = {"name": _unescape(name), "category": category, "format": fmt.group(1) if fmt else "moodle",
                    "text": _unescape(qtext[fmt.end():] if fmt else qtext), "general": _unescape(general)}
        answers = answers.strip()
        if "~" in answers:
            question["type"] = "multichoice"
            question["single"] = "=" in answers
            parts = [p.strip() for p in answers.replace("=", "~=").split("~") if p.strip()]
            question["answers"] = []
            for part in parts:
                weight = 0.0
                if part.startswith("="):
                    weight, part = 100.0, part[1:]
                elif (m := re.match(r"^%(-?[0-9]{1,3}(?:\.[0-9]*)?)%", part)):
                    weight, part = float(m.group(1)), part[m.end():]
                text, _, feedback = part.partition("#")
                question["answers"].append((_unescape(text), weight, _unescape(feedback)))
        else:
            head, wrong, right = (answers.split("#", 2) + ["", ""])[:3]
            assert head.strip() in ("T", "TRUE", "F", "FALSE"), f"{name}: not a true/false answer {head!r}"
            question.update(type="truefalse", answer=head.strip() in ("T", "TRUE"),
                            wrong=_unescape(wrong), right=_unescape(right))
        out.append(question)
    return out


# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Renderer:
    return Renderer(load_project(ROOT))


def _count(project) -> int:
    return sum(len(p.quiz) for p in project.pages)


# -- content ----------------------------------------------------------------------------------------


def test_every_topic_page_has_at_least_six_questions(real: Renderer):
    short = {p.slug: len(p.quiz) for p in real.p.pages if len(p.quiz) < 6}
    assert not short, f"topic pages with fewer than 6 self-check questions: {short}"


def test_questions_do_not_give_the_answer_away_by_position(real: Renderer):
    """Authors tend to put the right answer first; the page must not show it first every time."""
    from irsite.quiz import shown
    singles = [q for p in real.p.pages for q in p.quiz if q.kind == "single"]
    first = sum(shown(q)[0].correct for q in singles)
    assert first <= len(singles) * 0.5, f"the right answer is shown first in {first} of {len(singles)} questions"


# -- the built page ---------------------------------------------------------------------------------


def test_topic_page_shows_its_questions_out_of_search(real_site: Path, real: Renderer):
    page = next(p for p in real.p.pages if p.slug == "inflammation")
    html = (real_site / "topics" / "inflammation" / "index.html").read_text(encoding="utf-8")
    assert 'id="check-your-understanding"' in html
    forms = re.findall(r'<form class="irq" id="q-([a-z0-9-]+)" method="dialog" data-kind="(\w+)" data-search-exclude>', html)
    assert [f[0] for f in forms] == [q.id for q in page.quiz]
    assert html.count('<details class="info irq-answer">') == len(page.quiz)
    assert html.count("<fieldset>") == html.count("<legend>") == len(page.quiz)
    # Nothing of the questions reaches the search index (their wrong options would match searches).
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("topics/inflammation/"))
    for q in page.quiz:
        wrong = next(o for o in q.options if not o.correct)
        probe = bank_text(real, wrong.text)[:40]
        assert probe not in texts, f"a wrong option of {q.id} is in the search index: {probe!r}"
    assert "Check your understanding" not in texts


def test_answers_cite_into_the_page_references(mini_site: Path):
    html = (mini_site / "topics" / "inflammation" / "index.html").read_text(encoding="utf-8")
    answers = html[html.index('<details class="info irq-answer">'):html.index('id="references"')]
    for n in re.findall(r'href="#ref-(\d+)"', answers):
        assert f'id="ref-{n}"' in html
    # A term link in an answer goes to the term page.
    assert 'href="../../glossary/irs-1/"' in answers


# -- Moodle question XML ----------------------------------------------------------------------------


def _moodle(site: Path) -> ET.Element:
    return ET.parse(site / "downloads" / "questions-moodle.xml").getroot()


def test_moodle_bank_follows_the_format_rules(real_site: Path, real: Renderer):
    root = _moodle(real_site)
    assert root.tag == "quiz"
    questions = [q for q in root if q.get("type") != "category"]
    assert len(questions) == _count(real.p)
    categories = [q.find("category/text").text for q in root if q.get("type") == "category"]
    assert categories == [f"$course$/top/Insulin resistance/{p.title}" for p in real.p.pages if p.quiz]
    allowed = {f for v in MOODLE_FRACTIONS for f in (v, -v)}
    ids = set()
    for q in questions:
        idn = q.find("idnumber").text
        assert idn not in ids
        ids.add(idn)
        assert q.find("questiontext").get("format") == "html" and q.find("questiontext/text").text
        assert q.find("generalfeedback/text").text
        answers = q.findall("answer")
        fractions = [float(a.get("fraction")) for a in answers]
        assert all(f in allowed for f in fractions), (idn, fractions)
        assert all(a.find("feedback/text").text for a in answers), idn
        if q.get("type") == "truefalse":
            assert sorted(a.find("text").text for a in answers) == ["false", "true"]
            assert sorted(fractions) == [0, 100]
        elif q.find("single").text == "true":
            assert fractions.count(100) == 1 and fractions.count(0) == len(fractions) - 1, idn
        else:
            assert abs(sum(f for f in fractions if f > 0) - 100) < 0.01, idn
            assert abs(sum(f for f in fractions if f < 0) + 100) < 0.01, idn


# -- GIFT -------------------------------------------------------------------------------------------


def test_gift_bank_holds_every_question(real_site: Path, real: Renderer):
    questions = read_gift((real_site / "downloads" / "questions.gift").read_text(encoding="utf-8"))
    assert len(questions) == _count(real.p)
    by_name = {q["name"]: q for q in questions}
    for page in real.p.pages:
        for item in page.quiz:
            q = by_name[f"{page.slug}/{item.id}"]
            assert q["category"] == f"$course$/top/Insulin resistance/{page.title}"
            assert q["format"] == "plain" and q["text"] == bank_text(real, item.prompt)
            if item.kind == "truefalse":
                assert q["type"] == "truefalse" and q["answer"] == item.options[0].correct
            else:
                assert q["type"] == "multichoice" and q["single"] == (item.kind == "single")
                assert sorted(a[0] for a in q["answers"]) == sorted(bank_text(real, o.text) for o in item.options)
                right = [a for a in q["answers"] if a[1] > 0]
                assert len(right) == sum(o.correct for o in item.options)
                assert abs(sum(a[1] for a in right) - 100) < 0.01


def test_gift_escapes_its_special_characters(mini_site: Path):
    """Text with ~ = # { } : & < survives the round trip unchanged."""
    real = Renderer(load_project(MINI))
    questions = read_gift((mini_site / "downloads" / "questions.gift").read_text(encoding="utf-8"))
    tf = next(q for q in questions if q["name"] == "inflammation/nfkb-marker")
    item = real.p.pages[0].quiz[1]
    assert tf["general"].startswith(bank_text(real, item.explanation))
    assert "{braces} = fine ~ #" in tf["general"]
    assert tf["right"] == bank_text(real, item.options[0].feedback)      # the answer is True
    assert tf["wrong"] == bank_text(real, item.options[1].feedback)


def test_teachers_page_links_both_banks(real_site: Path):
    html = (real_site / "teachers" / "index.html").read_text(encoding="utf-8")
    for name in ("questions-moodle.xml", "questions.gift"):
        assert re.search(rf'<a (?=[^>]*href="../downloads/{re.escape(name)}")(?=[^>]*download="{re.escape(name)}")', html), name
