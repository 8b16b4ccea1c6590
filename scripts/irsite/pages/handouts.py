"""Pages for taking the reference along: the printable glossary, the whole reference on one page,
the downloads page and the concept map page. Each is described as a :class:`~irsite.pages.doc.Doc`."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path

from .. import conceptmap, render  # (render imports this module too; names are looked up when called)
from .doc import Anchor, DefList, Doc, Em, Heading, ItemList, Link, MdBlock, Para, Raw, Strong, page_url


_MD_PAGE_LINK = re.compile(r"\]\((?!https?:|#)([^)#\s]+\.md)(#[^)\s]*)?\)")
_HEADING = re.compile(r"^(#{2,5}) ", re.M)


def glossary_print(r: "render.Renderer") -> Doc:
    blocks = [Para([f"{r.site.name} · {r.site.absolute(render.GLOSSARY_DIR + '/')} · printed from the version of {r.site.today}"]),
              _glossary_rows(r, lambda t: [Link(Strong(t.term), render.term_uri(t.id))])]
    return Doc(f"{render.GLOSSARY_DIR}/print.md", "Glossary of insulin resistance (A–Z)", {
        "title": "Printable glossary", "description": "The whole glossary as one printable A–Z handout.",
        "search": {"exclude": True}}, blocks)


def _glossary_rows(r: "render.Renderer", name) -> DefList:
    rows = []
    for term in r.alphabetical:
        definition: list = [r.plain_def[term.id]]
        if term.aliases:
            definition += [" ", Em("Also:"), f" {', '.join(term.aliases)}."]
        rows.append((name(term), definition))
    return DefList(rows)


def reference_print(r: "render.Renderer") -> Doc:
    """Every topic page and the glossary on one page, for printing or saving as PDF: a contents list,
    each topic on a new page with its references, term links leading to the glossary at the end, and
    links to other pages given as full addresses (print shows them after the link text)."""
    uri = render.PRINT_PAGE

    def in_page(spans: list) -> list:
        return [dataclasses.replace(s, to="#g-" + posixpath.basename(s.to)[:-3], title="")
                if isinstance(s, Link) and s.cls == "term" else s for s in spans]

    def absolute(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), m.group(1)))
        return "](" + r.site.absolute(page_url(target)) + (m.group(2) or "") + ")"

    blocks: list = [
        Para([f"{r.site.name} · {r.site.absolute('')} · printed from the version of {r.site.today}. "
              "Content CC BY 4.0. Each topic starts on a new page, with its own references; the terms are "
              "explained in the glossary at the end."]),
        Heading(2, "Contents", "contents"),
        ItemList([[Link(p.title, f"#{p.slug}")] for p in r.p.pages] + [[Link("Glossary", "#glossary")]], ordered=True)]
    for page in r.p.pages:
        cite = render.Citations(r, prefix=f"{page.slug}-")
        body = r.topic_body(page, cite, uri, in_page)
        body = _HEADING.sub(lambda m: "#" + m.group(1) + " ", _MD_PAGE_LINK.sub(absolute, body))
        blocks += [Raw('<div class="irprint-break"></div>'), Heading(2, page.title, page.slug),
                   Para([Em(r.site.absolute(render.topic_url(page.slug)))]), MdBlock(body)]
        if cite.order:
            blocks += [Heading(3, "References", f"{page.slug}-references"),
                       ItemList([r.reference(r.p.sources[sid], r.site.absolute(page_url(render.source_uri(sid))), f"ref-{page.slug}-{n}")
                                 for n, sid in enumerate(cite.order, start=1)], ordered=True)]
    blocks += [Raw('<div class="irprint-break"></div>'), Heading(2, "Glossary", "glossary"),
               _glossary_rows(r, lambda t: [Anchor(f"g-{t.id}"), Strong(t.term)])]
    return Doc(uri, "The whole reference, for printing", {
        "title": "The whole reference, for printing",
        "description": "Every topic page and the glossary on one page, for printing or saving as PDF.",
        "search": {"exclude": True}}, blocks)


def map_page(r: "render.Renderer") -> Doc:
    n = len(r.p.terms)
    return Doc("map.md", "Concept map", {
        "title": "Concept map", "description": f"How the {n} terms of the glossary connect: a map by section."}, [
        Para([f"All {n} terms of the glossary, grouped by section and joined where one lists the other as "
              "related. Select a term to open its page; every term page also has a small map of its "
              "neighbours. Drag to move and use the buttons to zoom; the same links are given as a list "
              "under the map."]),
        Para([["Each section's own map, with every name readable at full size, is on its page: "]
              + [x for i, s in enumerate(s for s in r.p.sections if len(r.section_terms[s.id]) > 1)
                 for x in [" · "][:i] + [Link(s.title, render.section_uri(s.id))]]]),
        Raw(conceptmap.whole_map(r.p, lambda t: r.href("map.md", render.term_uri(t))))])


def downloads_page(r: "render.Renderer") -> Doc:
    """Every download in one place, with the size of the large one."""

    def item(text: str, path: str, what: str) -> list:
        return [Link(text, path, download=path.rsplit("/", 1)[-1]), f": {what}"]
    size = r.site.offline_zip
    offline = ([item(f"The whole site for reading offline (zip, {size / 1e6:.1f} MB)", f"downloads/{render.OFFLINE_ZIP}",
                     "unzip it anywhere and open index.html in the folder it makes; navigation and search "
                     "work without a connection")] if size else
               ["No offline copy of the whole site was made with this build of it."])
    return Doc("downloads/index.md", "Downloads", {
        "title": "Downloads", "description": "The glossary, the self-check questions and the whole site, to download."}, [
        Heading(2, "To read offline and to print"), ItemList(offline + [
            [Link("The whole reference on one page", render.PRINT_PAGE), ": every topic page and the glossary, "
             "for printing or saving as PDF"],
            [Link("The glossary on one page", f"{render.GLOSSARY_DIR}/print.md"), ": an A–Z handout"]]),
        Heading(2, "The glossary"), ItemList([
            item("Anki deck", "downloads/glossary-anki.txt", "flashcards that import with nothing to set up"),
            item("Moodle glossary", "downloads/glossary-moodle.xml", "for a Moodle Glossary activity"),
            item("Spreadsheet (CSV)", "downloads/glossary.csv", "opens in Excel, LibreOffice and Google Sheets"),
            item("JSON", "glossary.json", "for scripts")]),
        Heading(2, "The self-check questions"), ItemList([
            item("Moodle question XML", "downloads/questions-moodle.xml", "for a Moodle question bank"),
            item("GIFT", "downloads/questions.gift", "for Moodle and other platforms"),
            item("Anki deck", "downloads/questions-anki.txt", "flashcards, each question on the front and its answer "
                 "and explanations on the back")]),
        Para([["How to import each of them into Moodle, Anki or a spreadsheet: see ",
               Link("For teachers", "teachers.md") if Path(r.p.root, "docs", "teachers.md").is_file()
               else "For teachers, in the menu", "."]])])
