"""The Moodle glossary export parses and holds every term with its aliases, category and link."""

from __future__ import annotations

import sys
from pathlib import Path
import re
from html import escape
from xml.etree import ElementTree as ET

import pytest

from irsite import exports, render
from irsite.load import load_project

from .conftest import MINI, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402


@pytest.mark.parametrize("which", ["mini", "real", "synthetic"])
def test_moodle_export_holds_every_term(which, tmp_path: Path) -> None:
    root = {"mini": MINI, "real": ROOT}.get(which) or bench.make_synthetic_project(ROOT, tmp_path / "p", 30)
    renderer = render.Renderer(load_project(root), render.Site(url="https://example.org/ir/"))
    text = exports.glossary_moodle(renderer)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    entries = ET.fromstring(text.split("\n", 1)[1]).findall("./INFO/ENTRIES/ENTRY")
    assert len(entries) == len(renderer.p.terms)
    for entry, term in zip(entries, renderer.p.terms):
        assert entry.findtext("CONCEPT") == term.term
        kept = [a.findtext("NAME") for a in entry.findall("./ALIASES/ALIAS")]
        # The other names, Russian names and search spellings that may auto-link, each once.
        wanted = [n for n in term.aliases + term.ru + term.spellings if exports.autolink_safe(n, term.term)]
        assert {k.casefold() for k in kept} == {n.casefold() for n in wanted} - {term.term.casefold()}
        assert len(kept) == len({k.casefold() for k in kept})
        for name in term.aliases + term.ru:     # every other name is still in the entry's text
            assert escape(name) in entry.findtext("DEFINITION")
        assert entry.findtext("./CATEGORIES/CATEGORY/NAME") == renderer.p.section_by_id[term.section].title
        assert f'href="https://example.org/ir/glossary/{term.id}/"' in entry.findtext("DEFINITION")


def _moodle_links(entries, text: str) -> list[str]:
    """The names Moodle's glossary filter would link in ``text``: whole words, ignoring case
    unless the entry is case-sensitive (USEDYNALINK=1, FULLMATCH=1 on every entry)."""
    found = []
    for entry in entries:
        assert entry.findtext("USEDYNALINK") == "1" and entry.findtext("FULLMATCH") == "1"
        flags = 0 if entry.findtext("CASESENSITIVE") == "1" else re.I
        for name in [entry.findtext("CONCEPT")] + [a.findtext("NAME") for a in entry.findall("./ALIASES/ALIAS")]:
            if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, flags):
                found.append(name)
    return found


def test_moodle_auto_linking_leaves_ordinary_words_alone() -> None:
    """Imported with auto-linking on, the glossary must not link everyday words of a course text."""
    renderer = render.Renderer(load_project(ROOT))
    entries = ET.fromstring(exports.glossary_moodle(renderer).split("\n", 1)[1]).findall("./INFO/ENTRIES/ENTRY")
    everyday = ("This is an easy one: is it a PC, or is it GS? Do you have diabetes? Take exercise "
                "in the islets of the lake. An ad, a gym, the ir and the dm; Ир и сд.")
    assert _moodle_links(entries, everyday) == []
    # The terms themselves still link, abbreviations where they are written in capitals.
    course = "Insulin resistance and diabetes mellitus; exercise training; JNK and Akt signalling."
    assert set(_moodle_links(entries, course)) >= {"Insulin resistance", "Diabetes mellitus", "Exercise training", "JNK", "Akt"}
    # Spellings link too: a course text that writes TNF-alpha or "tumor necrosis factor" (before,
    # only the names shown on the term's page were keywords, so neither linked).
    assert {"TNF-alpha", "tumor necrosis factor"} <= set(_moodle_links(entries, "TNF-alpha, or tumor necrosis factor, in fat."))
    for entry in entries:
        for name in [a.findtext("NAME") for a in entry.findall("./ALIASES/ALIAS")]:
            assert len(name) > 3, f"{entry.findtext('CONCEPT')}: alias {name!r} would link a short everyday word"
