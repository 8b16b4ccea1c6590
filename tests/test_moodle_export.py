"""The Moodle XML export, written as text for speed, is the document ElementTree would write."""

from __future__ import annotations

from html import escape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from irsite import bench, render
from irsite.loader import load_project
from irsite.render import GLOSSARY_DIR, term_url

from .conftest import MINI, ROOT


def moodle_via_elementtree(renderer: render.Renderer) -> str:
    """The export as it was first written, with ElementTree."""
    root = ET.Element("GLOSSARY")
    info = ET.SubElement(root, "INFO")
    ET.SubElement(info, "NAME").text = f"{renderer.site.name}: glossary"
    ET.SubElement(info, "INTRO").text = (f"Terms of the insulin-resistance reference. Each entry links to "
                                         f"{renderer.site.absolute(GLOSSARY_DIR + '/')}.")
    ET.SubElement(info, "INTROFORMAT").text = "1"
    for key, value in (("ALLOWDUPLICATEDENTRIES", "0"), ("DISPLAYFORMAT", "dictionary"),
                       ("SHOWSPECIAL", "1"), ("SHOWALPHABET", "1"), ("SHOWALL", "1"),
                       ("ALLOWCOMMENTS", "0"), ("USEDYNALINK", "1"), ("DEFAULTAPPROVAL", "1"),
                       ("GLOBALGLOSSARY", "0"), ("ENTBYPAGE", "20")):
        ET.SubElement(info, key).text = value
    entries = ET.SubElement(info, "ENTRIES")
    for t in renderer.p.terms:
        entry = ET.SubElement(entries, "ENTRY")
        ET.SubElement(entry, "CONCEPT").text = t.term
        url = renderer.site.absolute(term_url(t.id))
        ET.SubElement(entry, "DEFINITION").text = (
            f"<p>{escape(renderer.plain_def[t.id])}</p><p><a href=\"{escape(url)}\">{escape(url)}</a></p>")
        ET.SubElement(entry, "FORMAT").text = "1"
        ET.SubElement(entry, "USEDYNALINK").text = "1"
        ET.SubElement(entry, "CASESENSITIVE").text = "0"
        ET.SubElement(entry, "FULLMATCH").text = "1"
        ET.SubElement(entry, "TEACHERENTRY").text = "1"
        aliases = ET.SubElement(entry, "ALIASES")
        for alias in t.aliases:
            ET.SubElement(ET.SubElement(aliases, "ALIAS"), "NAME").text = alias
        categories = ET.SubElement(entry, "CATEGORIES")
        category = ET.SubElement(categories, "CATEGORY")
        ET.SubElement(category, "NAME").text = renderer.p.section_by_id[t.section].title
        ET.SubElement(category, "USEDYNALINK").text = "0"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"



@pytest.mark.parametrize("which", ["mini", "real", "synthetic"])
def test_moodle_export_matches_elementtree(which, tmp_path: Path) -> None:
    root = {"mini": MINI, "real": ROOT}.get(which) or bench.make_synthetic_project(ROOT, tmp_path / "p", 30)
    renderer = render.Renderer(load_project(root))
    text = renderer.glossary_moodle()
    assert text == moodle_via_elementtree(renderer)
    entries = ET.fromstring(text.split("\n", 1)[1]).findall("./INFO/ENTRIES/ENTRY")
    assert len(entries) == len(renderer.p.terms)
