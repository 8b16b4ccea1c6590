"""The Anki decks import into Anki itself, with nothing to set up, and a newer copy updates the cards.

Read by Anki's own importer (the ``anki`` package: the library inside the Anki program, with its
text-file import, ``Collection.get_csv_metadata`` and ``import_csv``), into an empty collection, with
the settings the files' header lines give it, as choosing File › Import and pressing Import does.
"""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection
from anki.import_export_pb2 import ImportCsvRequest

from irsite.load import load_project

from .conftest import ROOT


def _import(col: Collection, path: Path):
    meta = col.get_csv_metadata(path=str(path), delimiter=None)   # from the file's header lines
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=meta)).log


def test_decks_import_into_anki(real_site: Path, tmp_path: Path):
    project = load_project(ROOT)
    questions = [(p, q) for p in project.pages for q in p.quiz]
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        glossary = _import(col, real_site / "downloads" / "glossary-anki.txt")
        deck = _import(col, real_site / "downloads" / "questions-anki.txt")
        assert (len(glossary.new), len(deck.new)) == (len(project.terms), len(questions))
        assert {d.name for d in col.decks.all_names_and_ids()} >= {
            "Insulin Resistance Reference", "Insulin Resistance Reference::Self-check questions"}
        assert len(col.find_cards('"deck:Insulin Resistance Reference::Self-check questions"')) == len(questions)
        page, q = questions[0]
        note = col.get_note(col.find_notes(f"tag:{page.slug}")[0])
        assert note.tags == [page.slug] and note.guid.endswith(f"{page.slug}/{q.id}")
        assert note["Back"].startswith("<p><b>Answer")

        # A newer copy, with one explanation edited, updates that card and adds none.
        text = (real_site / "downloads" / "questions-anki.txt").read_text(encoding="utf-8")
        newer = tmp_path / "questions-anki.txt"
        newer.write_text(text.replace("</b></p><p>", "</b></p><p>Edited. ", 1), encoding="utf-8")
        again = _import(col, newer)
        assert (len(again.new), len(again.updated), len(again.duplicate)) == (0, 1, len(questions) - 1)
        assert col.note_count() == len(project.terms) + len(questions)
    finally:
        col.close()
