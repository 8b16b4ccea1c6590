"""The Anki deck file imports without manual mapping, and a newer copy updates its cards.

Read by the rules of Anki's text import (docs.ankiweb.net, "Importing text files"): ``#key:value``
header lines before the first note, ``#separator``, ``#html``, ``#notetype``, ``#deck``,
``#guid column``, ``#tags column`` and ``#columns``; the remaining columns fill the note type's
fields in order; tags are separated by spaces.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from irsite import exports, quiz
from irsite.load import load_project
from irsite.render import Renderer

from .conftest import MINI, ROOT, copy_project

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}


def read_anki(text: str) -> tuple[dict[str, str], list[dict]]:
    headers, lines = {}, text.split("\n")
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        headers[key.strip().lower()] = value.strip()
    sep = SEPARATORS.get(headers["separator"].lower(), headers["separator"])
    columns = headers["columns"].split(sep)
    guid, tags = int(headers["guid column"]) - 1, int(headers["tags column"]) - 1
    fields = [i for i in range(len(columns)) if i not in (guid, tags)]
    notes = []
    for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep):
        if not row:
            continue
        assert len(row) == len(columns), row
        notes.append({"guid": row[guid], "tags": row[tags].split(), "fields": [row[i] for i in fields]})
    return headers, notes


def test_anki_file_maps_itself():
    r = Renderer(load_project(ROOT))
    headers, notes = read_anki(exports.glossary_anki(r))
    assert headers["html"] == "true" and headers["notetype"] == "Basic" and headers["deck"]
    assert [n["fields"][0] for n in notes] == [html.escape(t.term) for t in r.p.terms]   # Front, Back: two fields
    assert all(len(n["fields"]) == 2 for n in notes)
    assert len({n["guid"] for n in notes}) == len(notes)
    for note, term in zip(notes, r.p.terms):
        assert note["tags"] == [term.section]
        assert html.unescape(note["fields"][1]).startswith(r.plain_def[term.id])
        assert r.site.absolute(f"glossary/{term.id}/") in note["fields"][1]


def test_renamed_term_keeps_its_card(tmp_path: Path):
    """A new copy of the deck after a rename updates the note (same guid), it does not add one."""
    before = {n["fields"][0]: n["guid"] for n in read_anki(exports.glossary_anki(Renderer(load_project(MINI))))[1]}
    project = copy_project(MINI, tmp_path / "p")
    text = (project / "glossary.yaml").read_text(encoding="utf-8")
    (project / "glossary.yaml").write_text(
        text.replace("  - id: tnf-alpha\n", "  - id: tumour-necrosis-factor\n    formerly: [tnf-alpha]\n", 1), encoding="utf-8")
    after = {n["fields"][0]: n["guid"] for n in read_anki(exports.glossary_anki(Renderer(load_project(project))))[1]}
    assert after == before


def test_csv_opens_in_excel_with_greek_letters(real_site: Path):
    data = (real_site / "downloads" / "glossary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["term", "definition", "aliases", "section", "url", "russian"]
    assert any("α" in row[0] for row in rows[1:])


def test_question_deck_holds_every_question_with_its_answer(real_site: Path):
    """The self-check questions as flashcards: each once, the front showing the question and its
    lettered options, the back naming the right ones and explaining every option, tagged by page."""
    r = Renderer(load_project(ROOT))
    headers, notes = read_anki((real_site / "downloads" / "questions-anki.txt").read_text(encoding="utf-8"))
    assert headers["html"] == "true" and headers["notetype"] == "Basic" and headers["deck"].endswith("::Self-check questions")
    bank = [(p, q) for p in r.p.pages for q in p.quiz]
    assert len(notes) == len(bank) and len({n["guid"] for n in notes}) == len(notes)
    for note, (page, q) in zip(notes, bank):
        front, back = map(html.unescape, note["fields"])
        assert note["tags"] == [page.slug] and note["guid"].endswith(f"/{page.slug}/{q.id}")
        # The question, then its hint in italics ("Choose all that apply.", also where the author
        # wrote it at the end of the question).
        assert front.startswith(f"<p>{quiz.bank_text(r, q.prompt.removesuffix(' Choose all that apply.'))} <i>")
        assert front.count("apply") <= 1, front
        shown = quiz.shown(q)
        if q.kind == "truefalse":
            assert f"Answer: {next(o.text for o in shown if o.correct)}" in back
        else:
            letters = [chr(ord("A") + i) for i, o in enumerate(shown) if o.correct]
            assert front.count("<li>") == len(shown)
            assert all(quiz.bank_text(r, o.text) in front for o in shown)
            assert back.startswith(f"<p><b>Answer{'s' if len(letters) > 1 else ''}: {letters[0]} (")
            assert all(f"<b>{k}</b>, right" in back for k in letters)
        assert all(quiz.bank_text(r, o.feedback) in back for o in shown)
        assert f"/topics/{page.slug}/'>{page.title}</a>" in back


def test_moved_page_keeps_its_question_cards(tmp_path: Path):
    """A topic page moved to a new slug (the old one in content/redirects.yaml) keeps its cards' guids."""
    def guids(root: Path) -> list[str]:
        return [n["guid"] for n in read_anki(quiz.anki(Renderer(load_project(root))))[1]]
    before = guids(MINI)
    assert before
    project = copy_project(MINI, tmp_path / "p")
    (project / "content" / "pages" / "inflammation.md").rename(project / "content" / "pages" / "inflammation-and-ir.md")
    (project / "content" / "quiz" / "inflammation.yaml").rename(project / "content" / "quiz" / "inflammation-and-ir.yaml")
    (project / "content" / "redirects.yaml").write_text("pages:\n  inflammation: inflammation-and-ir\n", encoding="utf-8")
    assert guids(project) == before
