"""The machine-readable exports: glossary.json, the spreadsheet CSV, Moodle XML and robots.txt."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from xml.etree import ElementTree as ET
from typing import TYPE_CHECKING

from . import quiz, render  # (render imports this module too; names are looked up when called)

if TYPE_CHECKING:
    from .render import Renderer


def glossary_records(r: "Renderer") -> list[dict]:
    return [{"id": t.id, "term": t.term, "aliases": list(t.aliases), "section": t.section,
             "definition": r.plain_def[t.id], "url": render.term_url(t.id), **({"ru": list(t.ru)} if t.ru else {})}
            for t in r.p.terms]


def glossary_json(r: "Renderer") -> str:
    # One record per line: readable and diff-friendly.
    records = glossary_records(r)
    return "[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in records) + "\n]\n" if records else "[]\n"


def glossary_csv(r: "Renderer") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["term", "definition", "aliases", "section", "url", "russian"])
    for t in r.p.terms:
        writer.writerow([t.term, r.plain_def[t.id], "; ".join(t.aliases),
                         r.p.section_by_id[t.section].title, r.site.absolute(render.term_url(t.id)), "; ".join(t.ru)])
    return "\ufeff" + buf.getvalue()       # a byte-order mark, so Excel reads UTF-8 (α, β) correctly


def glossary_moodle(r: "Renderer") -> str:
    """Moodle glossary XML (the format of Moodle's glossary export and import)."""
    root = ET.Element("GLOSSARY")
    info = ET.SubElement(root, "INFO")
    settings = [("NAME", f"{r.site.name}: glossary"),
                ("INTRO", f"Terms of the insulin-resistance reference. Each entry links to {r.site.absolute('glossary/')}."),
                ("INTROFORMAT", "1"), ("ALLOWDUPLICATEDENTRIES", "0"), ("DISPLAYFORMAT", "dictionary"),
                ("SHOWSPECIAL", "1"), ("SHOWALPHABET", "1"), ("SHOWALL", "1"), ("ALLOWCOMMENTS", "0"),
                ("USEDYNALINK", "1"), ("DEFAULTAPPROVAL", "1"), ("GLOBALGLOSSARY", "0"), ("ENTBYPAGE", "20")]
    for tag, value in settings:
        ET.SubElement(info, tag).text = value
    entries = ET.SubElement(info, "ENTRIES")
    for t in r.p.terms:
        entry = ET.SubElement(entries, "ENTRY")
        url = escape(r.site.absolute(render.term_url(t.id)))
        fields = [("CONCEPT", t.term), ("DEFINITION", f"<p>{escape(r.plain_def[t.id])}</p><p><a href=\"{url}\">{url}</a></p>"),
                  ("FORMAT", "1"), ("USEDYNALINK", "1"), ("CASESENSITIVE", "0"), ("FULLMATCH", "1"), ("TEACHERENTRY", "1")]
        for tag, value in fields:
            ET.SubElement(entry, tag).text = value
        aliases = ET.SubElement(entry, "ALIASES")
        for alias in [*t.aliases, *t.ru]:     # Russian names link Russian course texts too
            ET.SubElement(ET.SubElement(aliases, "ALIAS"), "NAME").text = alias
        category = ET.SubElement(ET.SubElement(entry, "CATEGORIES"), "CATEGORY")
        ET.SubElement(category, "NAME").text = r.p.section_by_id[t.section].title
        ET.SubElement(category, "USEDYNALINK").text = "0"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def robots_txt(r: "Renderer") -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {r.site.absolute('sitemap.xml')}\n"


def exports(r: "Renderer") -> dict[str, str]:
    return {"robots.txt": robots_txt(r),
            "glossary.json": glossary_json(r),
            "downloads/glossary.csv": glossary_csv(r),
            "downloads/glossary-moodle.xml": glossary_moodle(r), **quiz.banks(r)}
