"""The Moodle glossary export parses and holds every term with its aliases, category and link."""

from __future__ import annotations

import sys
from pathlib import Path
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
        assert [a.findtext("NAME") for a in entry.findall("./ALIASES/ALIAS")] == term.aliases + term.ru
        assert entry.findtext("./CATEGORIES/CATEGORY/NAME") == renderer.p.section_by_id[term.section].title
        assert f'href="https://example.org/ir/glossary/{term.id}/"' in entry.findtext("DEFINITION")
