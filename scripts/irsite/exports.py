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


def anki_file(deck: str, notes) -> str:
    """An Anki text file whose header lines do the mapping, so that it imports with nothing to set
    up: Basic notes given as (guid, front, back, tag), in HTML. A stable guid makes importing a newer
    copy update the cards instead of adding new ones."""
    buf = io.StringIO()
    buf.write("#separator:tab\n#html:true\n#notetype:Basic\n"
              f"#deck:{deck}\n#guid column:1\n#tags column:4\n#columns:GUID\tFront\tBack\tTags\n")
    csv.writer(buf, delimiter="\t", lineterminator="\n").writerows(notes)
    return buf.getvalue()


def glossary_anki(r: "Renderer") -> str:
    """The glossary as Anki notes (:func:`anki_file`): front the name; back the definition, other
    names and a link; guid the term id; tag the section id."""
    notes = []
    for t in r.p.terms:
        url = escape(r.site.absolute(render.term_url(t.id)))
        back = escape(r.plain_def[t.id])
        for label, names in (("Also", t.aliases), ("Russian", t.ru)):
            back += f"<br><br><i>{label}:</i> {escape(', '.join(names))}" if names else ""
        # A renamed term keeps its first id (formerly: oldest first), so its cards are updated, not doubled.
        notes.append([f"ir-reference/{(t.formerly or [t.id])[0]}", escape(t.term), back + f"<br><br><a href='{url}'>{url}</a>", t.section])
    return anki_file(r.site.name, notes)


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
        names = [*t.aliases, *t.ru]           # Russian names link Russian course texts too
        linked = moodle_keywords(t)
        also = f"<p>Also: {escape(', '.join(names))}</p>" if names else ""
        fields = [("CONCEPT", t.term), ("DEFINITION", f"<p>{escape(r.plain_def[t.id])}</p>{also}<p><a href=\"{url}\">{url}</a></p>"),
                  ("FORMAT", "1"), ("USEDYNALINK", "1"), ("CASESENSITIVE", "0" if autolink_safe(t.term, "") else "1"),
                  ("FULLMATCH", "1"), ("TEACHERENTRY", "1")]
        for tag, value in fields:
            ET.SubElement(entry, tag).text = value
        aliases = ET.SubElement(entry, "ALIASES")
        for alias in linked:
            ET.SubElement(ET.SubElement(aliases, "ALIAS"), "NAME").text = alias
        category = ET.SubElement(ET.SubElement(entry, "CATEGORIES"), "CATEGORY")
        ET.SubElement(category, "NAME").text = r.p.section_by_id[t.section].title
        ET.SubElement(category, "USEDYNALINK").text = "0"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def moodle_keywords(t) -> list[str]:
    """The names besides its own that link a Moodle course text to a term's entry: its other names,
    Russian names and the spellings search knows (TNF-alpha, TNFa), each once whatever its case,
    where :func:`autolink_safe` allows."""
    seen = {t.term.casefold()}
    out = []
    for name in [*t.aliases, *t.ru, *t.spellings]:
        if autolink_safe(name, t.term) and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def autolink_safe(name: str, full_name: str) -> bool:
    """Whether Moodle may link ``name`` wherever a course text has it as a word, ignoring case.

    Not for names of three characters or fewer ("IS", "AN", "PC" would link every "is", "an" and
    "pc"), nor for a lower-case alias that is just one word of the term's longer name ("diabetes" of
    diabetes mellitus, "exercise" of exercise training), which course texts use in its everyday sense.
    Such an alias is left out of the entry's keywords (the definition still lists it); an entry whose
    own name is that short is exported case-sensitive.
    """
    if len(name.strip()) <= 3:
        return False
    words = {w.casefold() for w in full_name.replace("-", " ").split()}
    return not (name.islower() and " " not in name and name.casefold() in words and len(words) > 1)


def robots_txt(r: "Renderer") -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {r.site.absolute('sitemap.xml')}\n"


def exports(r: "Renderer") -> dict[str, str]:
    return {"robots.txt": robots_txt(r),
            "glossary.json": glossary_json(r),
            "downloads/glossary.csv": glossary_csv(r),
            "downloads/glossary-anki.txt": glossary_anki(r),
            "downloads/glossary-moodle.xml": glossary_moodle(r), **quiz.banks(r)}
