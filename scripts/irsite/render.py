"""Describe every generated page once, as a :class:`~irsite.pages.doc.Doc`, from the validated model.

This is where a generated page's look is set (a term page: :meth:`Renderer.term_page`). The
writers in :mod:`irsite.pages.doc` turn each description into Markdown (for ``irsite export`` and
any MkDocs-like builder) or into the same page's HTML (for the MkDocs plugin); the export files
are written by :mod:`irsite.exports`. Names, tooltips and backlinks are indexed once per build.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Callable

from . import conceptmap, exports, markup, quiz
from .model import Excerpt, Page, Project, Source, Term
from .pages import diagrams, doc, handouts
from .pages.doc import (Box, Code, DefList, Doc, Em, Heading, Item, ItemList, Link, Md, MdBlock, Para, Quote,
                        Raw, Strong, md_escape, to_markdown)

OFFLINE_ZIP = "insulin-resistance-reference-offline.zip"
PRINT_PAGE = "topics/print.md"
GLOSSARY_DIR = "glossary"
SECTIONS_DIR = "glossary/sections"
SOURCES_DIR = "sources"
TOPICS_DIR = "topics"

KIND_LABELS = {   # kind -> (one source's type, heading of the kind on the sources page)
    "article": ("Research article", "Research articles"), "review": ("Review", "Reviews"),
    "web-passage": ("Web passages", "Web passages"),
    "guideline": ("Guideline or consensus statement", "Guideline or consensus statements"),
    "book-chapter": ("Book chapter", "Book chapters"), "database": ("Database entry", "Database entries"),
}


def _in(folder: str) -> Callable[[str], str]:
    return lambda key: f"{folder}/{key}.md"


# Where each generated page lives in the docs tree, and its URL.
term_uri, section_uri, source_uri, topic_uri = map(_in, (GLOSSARY_DIR, SECTIONS_DIR, SOURCES_DIR, TOPICS_DIR))


def term_url(term_id: str) -> str:
    return doc.page_url(term_uri(term_id))


def topic_url(slug: str) -> str:
    return doc.page_url(topic_uri(slug))


_QUOTED = re.compile(r'"([^"]*)"')


def _title_attr(text: str) -> str:
    """Text for a link title: straight quotes become typographic ones (they end Markdown titles)."""
    text = text.replace("\\", "")
    if '"' in text:
        text = _QUOTED.sub("\u201c\\1\u201d", text)
    return text.replace('"', "\u201d").replace("'", "\u2019").replace("\n", " ")


# ---------------------------------------------------------------------------------------------
# Bibliography


def author_short(source: Source) -> str:
    """'Petersen & Shulman 2018', 'Perry et al. 2015', 'ADA 2025'."""
    names = [a for a in source.authors if a.lower() not in ("et al.", "et al")]
    surnames = [re.split(r"\s+", a.strip())[0] if re.search(r"\s[A-Z]{1,3}$", a.strip()) else a for a in names]
    if not surnames:
        who = source.container
    elif len(surnames) == 1 and len(names) == len(source.authors):
        who = surnames[0]
    elif len(surnames) == 2 and len(names) == len(source.authors):
        who = f"{surnames[0]} & {surnames[1]}"
    else:
        who = f"{surnames[0]} et al."
    return f"{who} {source.year}".strip()


def citation_text(source: Source, markdown: bool = True) -> str:
    """Vancouver-style reference, in Markdown (italic journal) or plain text."""
    authors = ", ".join(source.authors)
    title = source.title.rstrip(".")
    container = f"*{source.container}*" if markdown else source.container
    where = container + (f". {source.year}" if source.year else "")
    if source.volume:
        where += f";{source.volume}" + (f"({source.issue})" if source.issue else "")
    where += f":{source.pages}" if source.pages else ""
    parts = [authors, title, where]
    return " ".join(p if p.endswith((".", "?", "!")) else p + "." for p in parts if p.strip("."))


def identifiers(source: Source) -> list[tuple[str, str]]:
    """(link text, URL) of a source's DOI, PubMed, PMC and web links."""
    links = []
    if source.doi:
        links.append((f"doi:{source.doi}", f"https://doi.org/{source.doi}"))
    if source.pmid:
        links.append((f"PMID {source.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{source.pmid}/"))
    if source.pmcid:
        links.append((source.pmcid, f"https://www.ncbi.nlm.nih.gov/pmc/articles/{source.pmcid}/"))
    if source.url:
        links.append(("web page", source.url))
    return links


EXTERNAL_LINKS = {
    "mesh": ("MeSH", "https://meshb.nlm.nih.gov/record/ui?ui={}"),
    "hgnc": ("HGNC", "https://www.genenames.org/data/gene-symbol-report/#!/symbol/{}"),
    "uniprot": ("UniProt", "https://www.uniprot.org/uniprotkb/{}/entry"),
}


# ---------------------------------------------------------------------------------------------
# Rendering context, computed once per build


@dataclass
class Site:
    """What the renderer needs besides the data: where the site lives and when things changed."""

    url: str = "https://example.org/"
    name: str = "Insulin Resistance Reference"
    term_dates: dict[str, str] = field(default_factory=dict)
    page_dates: dict[str, str] = field(default_factory=dict)
    today: str = field(default_factory=lambda: date.today().isoformat())
    directory_urls: bool = True        # MkDocs' use_directory_urls (the offline copy has it off)
    offline_zip: int = 0               # size in bytes of the offline copy built with the site (0: none)

    def absolute(self, path: str) -> str:
        return self.url.rstrip("/") + "/" + path.lstrip("/")


# Links, citations and quote lines: not prose whose words show how a name is written.
_NOT_PROSE = re.compile(r"\[\[[^\]]*\]\]|\[@[^\]]*\]|\]\([^)]*\)|^\s*!quote .*$", re.M)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+")
_CAPITAL_INSIDE = re.compile(r"[a-z,;] ([A-Z][a-z]+)\b")   # a capitalised word inside a sentence
_FIRST_WORD_END = re.compile(r"[\s\-/]")
_INLINE = re.compile(r"\[\[\s*(?P<term>[^\]|]+?)\s*(?:\|\s*(?P<shown>[^\]]+?)\s*)?\]\]|\[@(?P<cite>[^\]]+)\]")


class Renderer:
    """Describes every generated page as a :class:`~irsite.pages.doc.Doc` (the one place a page's
    look is set) and writes the exports; names, tooltips and backlinks are indexed once."""

    def __init__(self, project: Project, site: Site | None = None):
        self.p = project
        self.site = site or Site()
        self.names = {t.id: t.term for t in project.terms}
        for old, new in project.retired.items():
            self.names[old] = self.names[new]
        # Names that are ordinary words ("Obesity", "Insulin resistance") are lower-cased inside a
        # sentence; abbreviations and eponyms ("TNF-α", "Akt", "Donohue syndrome") are not. A name
        # counts as an ordinary word when its first word is written in lower case somewhere in the
        # data, or never with a capital inside a sentence (Myokines, Hyperuricaemia), as eponyms are.
        texts = [p.body for p in project.pages]
        texts += [" ".join([*t.aliases, t.definition, t.details]) for t in project.terms]
        prose = _NOT_PROSE.sub(" ", " ".join(texts))
        lower_words = set(_LOWER_WORD.findall(prose))
        capital_inside = set(_CAPITAL_INSIDE.findall(prose))
        self.lower_first = set()
        for t in project.terms:
            first = _FIRST_WORD_END.split(t.term, maxsplit=1)[0]
            if len(first) > 1 and first.isalpha() and first[0].isupper() and first[1:].islower() \
                    and (first.lower() in lower_words or first not in capital_inside):
                self.lower_first.add(t.id)
        self.plain_def = {t.id: markup.plain_text(t.definition, self.names, self.lower_first) for t in project.terms}
        self.first = {tid: markup.first_sentence(d) for tid, d in self.plain_def.items()}
        self.tooltip = {t.id: _title_attr(f"{t.term}: {self.plain_def[t.id]}") for t in project.terms}
        # The A–Z order: the index, the printable A–Z, the sections and the source pages use it.
        self.alphabetical = sorted(project.terms, key=lambda t: markup.sort_key(t.term))
        self._rank = {t.id: i for i, t in enumerate(self.alphabetical)}
        self.section_terms: dict[str, list[Term]] = {s.id: [] for s in project.sections}
        for t in self.alphabetical:
            self.section_terms.setdefault(t.section, []).append(t)
        self.cite_plain = {sid: citation_text(src, False) for sid, src in project.sources.items()}
        self.short = {sid: author_short(src) for sid, src in project.sources.items()}

        # Backlinks: term -> pages mentioning it; source -> terms and pages citing it.
        self.used_in: dict[str, list[Page]] = {t.id: [] for t in project.terms}
        self.cited_by_terms: dict[str, list[Term]] = {s: [] for s in project.sources}
        self.cited_by_pages: dict[str, list[Page]] = {s: [] for s in project.sources}
        for page in project.pages:
            for tid in dict.fromkeys(t.id for m in markup.TERM_LINK.finditer(page.body)
                                     if (t := project.resolve_term(m.group(1)))):
                self.used_in[tid].append(page)
            for sid in dict.fromkeys(k.partition("#")[0] for k in self._page_source_keys(page.body)):
                self.cited_by_pages[sid].append(page)
        for term in project.terms:   # the loader has put the works its text cites among its sources
            for sid in sorted({k.partition("#")[0] for k in term.sources}):
                self.cited_by_terms[sid].append(term)

    def href(self, from_uri: str, to_uri: str) -> str:
        """A link written into generated HTML (a map node): MkDocs does not rewrite those."""
        if self.site.directory_urls:
            return doc.html_href(from_uri, to_uri)
        return posixpath.relpath(to_uri[:-3] + ".html", posixpath.dirname(from_uri) or ".")

    def a_to_z(self, terms: list[Term]) -> list[Term]:
        """Some of the glossary's terms, in A–Z order."""
        return sorted(terms, key=lambda t: self._rank[t.id])

    @staticmethod
    def _page_source_keys(body: str) -> list[str]:
        keys: list[tuple[int, str]] = []
        for m in markup.CITATION.finditer(body):
            keys.extend((m.start(), k) for k in markup.citation_keys(m.group(1)))
        for m in markup.QUOTE_LINE.finditer(body):
            keys.append((m.start(), m.group(2)))
        return [k for _, k in sorted(keys)]

    # -- spans --------------------------------------------------------------------------------

    def term_link(self, term_id: str, text: str | None = None, mid_sentence: bool = False,
                  tooltip: bool = True) -> Link:
        term = self.p.resolve_term(term_id)
        assert term is not None, term_id
        name = text or term.term
        if text is None and mid_sentence and term.id in self.lower_first:
            name = name[0].lower() + name[1:]
        return Link(name, term_uri(term.id), self.tooltip[term.id] if tooltip else "", "term")

    def prose(self, text: str, cite: "Citations | None" = None) -> list:
        """Author text as spans: [[term]] links and [@source] citations resolved, the rest Markdown."""
        out: list = []
        pos = 0
        for m in _INLINE.finditer(text):
            if m.start() > pos:
                out.append(Md(text[pos:m.start()]))
            pos = m.end()
            if m.group("term") is not None:
                mid = m.group("shown") is None and not markup.starts_sentence(text, m.start())
                out.append(self.term_link(m.group("term").strip(), m.group("shown"), mid))
                continue
            keys = markup.citation_keys(m.group("cite"))
            if cite is not None:
                out.extend(cite.mark(keys))
            else:
                out.append("(")
                for i, key in enumerate(keys):
                    sid, _, eid = key.partition("#")
                    out += ["; "] if i else []
                    out.append(Link(self.short[sid], source_uri(sid) + (f"#{eid}" if eid else ""),
                                    _title_attr(self.cite_plain[sid])))
                    if self.p.sources[sid].low_reliability:
                        out.append(", a low-reliability source")
                out.append(")")
        if pos < len(text):
            out.append(Md(text[pos:]))
        return out

    def citation(self, source: Source) -> list:
        """A reference with its journal in italics."""
        plain = citation_text(source, False)
        before, found, after = plain.partition(f" {source.container}.")
        return [before, " ", Em(source.container), "." + after] if found and source.container else [plain]

    def reference(self, source: Source, target: str, link_id: str = "") -> list:
        spans: list = [Link(self.cite_plain[source.id], target, id=link_id)]
        for i, (text, url) in enumerate(identifiers(source)):
            spans += [" · " if i else " ", Link(text, url)]
        return spans + self.reliability(source)

    @staticmethod
    def reliability(source: Source) -> list:
        """The warning shown wherever a low-reliability source is listed or quoted."""
        return [" ", Strong("Low reliability:"), " quoted to show what it says, not as evidence."] \
            if source.low_reliability else []

    def verdict(self, ex: Excerpt) -> list:
        """What the evidence says of a quoted claim, shown under the quotation wherever it is listed."""
        return [Para([[Strong("What the evidence says:"), " ", *self.prose(ex.verdict)]])] if ex.verdict else []

    # -- citation blocks ----------------------------------------------------------------------

    def cite_blocks(self, title: str, url_path: str, changed: str, kind: str, key: str) -> list:
        """A page's permanent URL and its citation as plain text and as BibTeX."""
        url = self.site.absolute(url_path)
        plain = f"{self.site.name}. {title}. {kind}. {url} (last changed {changed}; accessed <date>)."
        fields = [("title", title.replace("{", "").replace("}", "")), ("author", f"{{{self.site.name}}}"),
                  ("howpublished", self.site.name), ("year", changed[:4]), ("date", changed), ("url", url),
                  ("note", f"Last changed {changed}")]
        bibtex = f"@misc{{{key},\n" + ",\n".join(f"  {k:<12} = {{{v}}}" for k, v in fields) + "\n}"
        return [Heading(2, "Cite this page", exclude=True),
                Para([["Permanent link: ", Link(url, url)], f"Last changed: {changed}"]),
                Para(["As text:"]), Code("text", plain), Para(["As BibTeX:"]), Code("bibtex", bibtex)]

    # -- pages ----------------------------------------------------------------------------------

    def term_page(self, term: Term) -> Doc:
        section = self.p.section_by_id[term.section]
        changed = self.site.term_dates.get(term.id, self.site.today)
        blocks: list = [_updated(changed), Para([self.prose(term.definition)])]
        names = [[Strong("Also known as:"), " " + " · ".join(term.aliases)]] if term.aliases else []
        names.append([Strong("Section:"), " ", Link(section.title, section_uri(section.id))])
        blocks.append(Para(names, exclude=True))
        blocks += _russian(term.ru)
        if term.details:
            blocks += [Heading(2, "More detail"), Para([self.prose(term.details)])]
        if self.used_in[term.id]:   # the topic pages that explain it, near the top for a reader from search
            blocks.append(Heading(2, "Topic pages that explain it", "used-in", exclude=True))  # old anchor kept
            blocks.append(ItemList([[Link(p.title, topic_uri(p.slug))] for p in self.used_in[term.id]]))
        if term.related:
            blocks.append(Heading(2, "Related terms", exclude=True))
            blocks.append(ItemList([[self.term_link(ref, tooltip=False), ": " + self.first[self.p.resolve_term(ref).id]]
                                    for ref in term.related]))
        near = conceptmap.neighbourhood_map(self.p, term.id, lambda t: self.href(term_uri(term.id), term_uri(t)))
        if near:
            blocks += [Heading(2, "Concept map", exclude=True), Raw(near),
                       Para([Link("The whole concept map", "map.md")], exclude=True)]
        blocks.append(Heading(2, "Sources", exclude=True))
        items = []
        for key in term.sources:
            sid, _, eid = key.partition("#")
            source = self.p.sources[sid]
            item = Item(self.reference(source, source_uri(sid) + (f"#{eid}" if eid else "")))
            if eid:
                ex = source.excerpts[eid]
                item.blocks += [Quote([ex.quote, f"— {author_short(source)}, {ex.locator}"]), *self.verdict(ex)]
            items.append(item)
        blocks.append(ItemList(items, ordered=True))
        if term.external:
            blocks.append(Heading(2, "Identifiers", exclude=True))
            rows = []
            for key, values in term.external.items():
                label, pattern = EXTERNAL_LINKS[key]
                row: list = [f"{label}: "]
                for i, v in enumerate(values):
                    row += [", "] if i else []
                    row.append(Link(v, pattern.format(v)))
                rows.append(row)
            blocks.append(ItemList(rows))
        blocks += self.cite_blocks(term.term, term_url(term.id), changed, "Glossary entry", f"irref-{term.id}")
        return Doc(term_uri(term.id), term.term,
                   {"title": term.term, "description": self.plain_def[term.id], "date": changed}, blocks)

    def glossary_index(self) -> Doc:
        groups: dict[str, list[Term]] = {}
        for term in self.alphabetical:
            key = markup.sort_key(term.term)[:1].upper()
            groups.setdefault(key if key.isalpha() else "0–9", []).append(term)
        n = len(self.p.terms)
        blocks: list = [
            Para([f"{n} terms from A to Z. Each links to its own page with every other name for it, "
                  "related terms, sources and the topic pages that use it."]),
            Para([[Strong("Browse by section:"), " "] + _joined([Link(s.title, section_uri(s.id)) for s in self.p.sections], " · ")]),
            Para([[Strong("Download:"), " ", Link("Anki deck", "downloads/glossary-anki.txt", download="glossary-anki.txt"), " · ",
                   Link("CSV (spreadsheets)", "downloads/glossary.csv", download="glossary.csv"), " · ",
                   Link("Moodle glossary XML", "downloads/glossary-moodle.xml", download="glossary-moodle.xml"), " · ",
                   Link("JSON", "glossary.json", download="glossary.json"),
                   " · ", Link("Printable A–Z", f"{GLOSSARY_DIR}/print.md")]]),
            Para([[Strong("Jump to letter:"), " "] + _joined([Link(letter, f"#letter-{_letter_id(letter)}") for letter in groups], " ")]),
        ]
        for letter, terms in groups.items():
            blocks.append(Heading(2, letter, f"letter-{_letter_id(letter)}", exclude=True))
            # A renamed term keeps its old ids as anchors here, so glossary/#<old-id> still lands on it.
            blocks.append(ItemList([[Link(Strong(t.term), term_uri(t.id), id=t.id), *map(doc.Anchor, t.formerly),
                                     ": " + self.first[t.id]] for t in terms]))
        return Doc(f"{GLOSSARY_DIR}/index.md", "Glossary", {
            "title": "Glossary", "description": f"All {n} terms of the insulin-resistance reference, A to Z, with short definitions."}, blocks)

    def section_page(self, section_id: str) -> Doc:
        section = self.p.section_by_id[section_id]
        terms = self.section_terms[section_id]
        others = [s for s in self.p.sections if s.id != section_id]
        blocks = [Para([self.prose(section.summary)]),
                  Heading(2, f"Terms in this section ({len(terms)})", exclude=True),
                  ItemList([[self.term_link(t.id), ": " + self.first[t.id]] for t in terms])]
        drawn = conceptmap.section_map(self.p, section_id, lambda t: self.href(section_uri(section_id), term_uri(t)))
        if drawn:
            blocks += [Heading(2, "Map of this section", exclude=True), Raw(drawn),
                       Para([Link("The whole concept map", "map.md")], exclude=True)]
        blocks += [Heading(2, "Other sections", exclude=True),
                   Para([_joined([Link(s.title, section_uri(s.id)) for s in others], " · ")]),
                   Para([Link("Whole glossary, A–Z", f"{GLOSSARY_DIR}/index.md")])]
        return Doc(section_uri(section_id), section.title,
                   {"title": section.title, "description": markup.plain_text(section.summary)}, blocks)

    def source_page(self, source: Source) -> Doc:
        kind = KIND_LABELS.get(source.kind, (source.kind,))[0]
        blocks: list = [Para([self.citation(source)], exclude=True)]
        rows = [("Authors", ", ".join(source.authors)), ("Year", source.year), ("Published in", source.container), ("Type", kind)]
        if source.volume:
            rows.append(("Volume (issue), pages", source.volume + (f" ({source.issue})" if source.issue else "")
                         + (f", {source.pages}" if source.pages else "")))
        links = identifiers(source)
        if links:
            rows.append(("Links", _joined([Link(text, url) for text, url in links], " · ")))
        blocks.append(DefList([([label], value if isinstance(value, list) else [value]) for label, value in rows]))
        if source.note:
            blocks.append(Box("warning", "About this source", [Para([self.prose(source.note)])]))
        if source.excerpts:
            blocks += [Heading(2, "Excerpts"), Para(["Verbatim quotations, checked against the source text we hold."])]
            for ex in source.excerpts.values():
                opening = " ".join(ex.quote.split()[:6]).rstrip(".,;:")
                blocks += [Heading(3, f"{ex.locator}: “{opening}…”", ex.id), Quote([ex.quote]), *self.verdict(ex)]
        terms, pages = self.a_to_z(self.cited_by_terms[source.id]), self.cited_by_pages[source.id]
        blocks.append(Heading(2, "Cited by", exclude=True))
        if pages:
            blocks.append(Para([["Topic pages: "] + _joined([Link(p.title, topic_uri(p.slug)) for p in pages], " · ")]))
        if terms:
            blocks.append(Para([["Glossary terms: "] + _joined([self.term_link(t.id) for t in terms], " · ")]))
        if not pages and not terms:
            blocks.append(Para(["Not cited yet."]))
        return Doc(source_uri(source.id), source.title, {
            "title": source.title,
            "description": f"{author_short(source)}: {source.title}. {kind} cited in the insulin-resistance reference."}, blocks)

    def sources_index(self) -> Doc:
        blocks: list = [Para([f"{len(self.p.sources)} sources. Peer-reviewed references are cited; the two source documents "
                              "the site started from are quoted only where we correct or discuss them."])]
        by_kind: dict[str, list[Source]] = {}
        for s in sorted(self.p.sources.values(), key=lambda s: (markup.sort_key(author_short(s)), s.year)):
            by_kind.setdefault(s.kind, []).append(s)
        for kind in ("review", "article", "guideline", "book-chapter", "database", "web-passage"):
            if kind in by_kind:
                blocks.append(Heading(2, KIND_LABELS[kind][1], exclude=True))
                blocks.append(ItemList([[Link(f"{author_short(s)}: {s.title}", source_uri(s.id))] + self.reliability(s)
                                        for s in by_kind[kind]]))
        return Doc(f"{SOURCES_DIR}/index.md", "Sources", {
            "title": "Sources", "description": "Every reference the insulin-resistance reference cites, with DOI and PubMed links."}, blocks)

    def topic_page(self, page: Page) -> Doc:
        uri = topic_uri(page.slug)
        cite = Citations(self)
        body = self.topic_body(page, cite, uri)
        changed = self.site.page_dates.get(page.slug, self.site.today)
        blocks: list = [_updated(changed), *_russian(page.ru, exclude=True)]
        # Closed until opened. The summary's words are searched in the page's fields q and c; the key
        # points' are not (30 KB more gzipped, and no more Russian questions found: irsite/search/README.md).
        ru = [Para([page.ru_summary], exclude=True, lang="ru")] if page.ru_summary else []
        if page.ru_key_points:
            ru += [Para([Strong("Главное")], exclude=True, lang="ru"), ItemList(page.ru_key_points, lang="ru", exclude=True)]
        if ru:
            blocks.append(Box("abstract", "Summary and key points in Russian" if page.ru_key_points else "Summary in Russian",
                              ru, folded=True))
        blocks.append(MdBlock(body))
        asked = [q[0].upper() + q[1:].rstrip("?") + "?" for q in page.questions]
        english, russian = markup.by_language(asked)
        if asked:   # the questions in Russian after those in English
            ru = [Para([Strong("По-русски:")], lang="ru"), ItemList(russian, lang="ru")] if russian else []
            blocks.append(Box("question", "This page answers", ([ItemList(english)] if english else []) + ru))
        blocks += quiz.quiz_blocks(self, page, cite)
        if cite.order:
            blocks.append(Heading(2, "References", exclude=True))
            blocks.append(ItemList([self.reference(self.p.sources[sid], source_uri(sid), f"ref-{n}")
                                    for n, sid in enumerate(cite.order, start=1)], ordered=True))
        blocks += self.cite_blocks(page.title, topic_url(page.slug), changed, "Topic page", f"irref-{page.slug}")
        return Doc(uri, page.title, {"title": page.title, "description": markup.plain_text(page.summary), "date": changed}, blocks)

    def topic_body(self, page: Page, cite: "Citations", uri: str, spans: Callable[[list], list] = list) -> str:
        """A topic page's body as Markdown: citations numbered in reading order, quote lines as
        quotations; ``spans`` may change the resolved links (the print page sends term links to its
        glossary)."""
        for key in self._page_source_keys(page.body):
            cite.number(key.partition("#")[0])
        body = markup.QUOTE_LINE.sub(lambda m: self._quote_block(m, cite, uri), page.body)
        body = diagrams.with_sizes(body, self.p.root)
        return doc.spans_markdown(spans(self.prose(body, cite)), uri, block=True)

    def _quote_block(self, m: re.Match, cite: "Citations", uri: str) -> str:
        indent, key = m.group(1), m.group(2)
        sid, _, eid = key.partition("#")
        source = self.p.sources[sid]
        ex = source.excerpts[eid]
        mark = doc.spans_markdown(cite.mark((key,)) + self.reliability(source), uri)
        return (f"{indent}> {md_escape(ex.quote)}\n{indent}>\n"
                f"{indent}> — {md_escape(author_short(source))}, {md_escape(ex.locator)} {mark}")

    def topics_index(self) -> Doc:
        items = [[Strong(Link(p.title, topic_uri(p.slug))), ": "] + self.prose(p.summary) for p in self.p.pages]
        blocks = [Para(["Read these in order for a course-like path from what insulin resistance is to what is still "
                        "debated; each page also stands on its own."]), ItemList(items, ordered=True)]
        return Doc(f"{TOPICS_DIR}/index.md", "Topics: a reading path", {
            "title": "Topics",
            "description": "A reading path through the mechanisms of insulin resistance, from the basics to open questions.",
            "search": {"exclude": True}}, blocks)  # the topic pages themselves are indexed

    # -- everything -----------------------------------------------------------------------------

    def docs(self) -> dict[str, Callable[[], Doc]]:
        """Every generated page, by its path in the docs tree, as a function that describes it."""
        makers: dict[str, Callable[[], Doc]] = {f"{GLOSSARY_DIR}/index.md": self.glossary_index,
                                                f"{GLOSSARY_DIR}/print.md": functools.partial(handouts.glossary_print, self),
                                                PRINT_PAGE: functools.partial(handouts.reference_print, self),
                                                f"{SOURCES_DIR}/index.md": self.sources_index,
                                                f"{TOPICS_DIR}/index.md": self.topics_index,
                                                "map.md": functools.partial(handouts.map_page, self),
                                                "downloads/index.md": functools.partial(handouts.downloads_page, self)}
        for term in self.p.terms:
            makers[term_uri(term.id)] = functools.partial(self.term_page, term)
        for section in self.p.sections:
            makers[section_uri(section.id)] = functools.partial(self.section_page, section.id)
        for source in self.p.sources.values():
            makers[source_uri(source.id)] = functools.partial(self.source_page, source)
        for page in self.p.pages:
            makers[topic_uri(page.slug)] = functools.partial(self.topic_page, page)
        return makers

    def pages(self) -> dict[str, str]:
        """All generated pages as Markdown, by path."""
        return {uri: to_markdown(make()) for uri, make in self.docs().items()}

    def files(self) -> dict[str, str]:
        """Everything the data generates: Markdown pages, exports and redirect pages, by path."""
        return {**self.pages(), **exports.exports(self), **self.redirects()}

    def redirects(self) -> dict[str, str]:
        """Old URL path (``glossary/old-id/index.html``) -> small HTML redirect page."""
        out = {}
        for old, new in self.p.retired.items():
            out[f"{GLOSSARY_DIR}/{old}/index.html"] = redirect_html(
                self.site.absolute(term_url(new)), f"../{new}/", self.names[new])
        for page in self.p.pages:
            for old in page.formerly:
                out[f"{TOPICS_DIR}/{old}/index.html"] = redirect_html(
                    self.site.absolute(topic_url(page.slug)), f"../{page.slug}/", page.title)
        return out


def expand_nav(nav: list, project: Project) -> list:
    """A navigation (``mkdocs.yml``'s ``nav``) with the entries for the topics and glossary index
    pages turned into sections listing the topic pages and the glossary's sections."""
    sections = {f"{TOPICS_DIR}/index.md": [f"{TOPICS_DIR}/index.md"] + [{p.title: topic_uri(p.slug)} for p in project.pages],
                f"{GLOSSARY_DIR}/index.md": [f"{GLOSSARY_DIR}/index.md"] + [{s.title: section_uri(s.id)} for s in project.sections]}
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            if isinstance(target, str) and target in sections:
                item = {title: sections[target]}
        out.append(item)
    return out


def nav_pages(project: Project) -> list[str]:
    """Generated pages that the navigation lists (the others are reached from them)."""
    return [f"{TOPICS_DIR}/index.md", f"{GLOSSARY_DIR}/index.md", f"{SOURCES_DIR}/index.md",
            *(topic_uri(p.slug) for p in project.pages), *(section_uri(s.id) for s in project.sections)]


def _updated(changed: str) -> Para:
    """The date under a page's title (the same date as its cite block and citation meta tags)."""
    return Para([Em(f"Last updated {changed}")], exclude=True)


def _russian(names: list[str], exclude: bool = False) -> list[Para]:
    """A term's or a topic page's Russian names, under its title or names (a topic page's out of
    its search entry, whose text is then its summary: see irsite.search.questions)."""
    return [Para([[Strong("По-русски:"), " " + " · ".join(names)]], exclude=exclude, lang="ru")] if names else []


def _letter_id(letter: str) -> str:
    return letter.lower() if letter.isalpha() else "0-9"


def _joined(spans: list, sep: str) -> list:
    return [part for i, span in enumerate(spans) for part in ([sep, span] if i else [span])]


class Citations:
    """Numbers the sources of one page in order of first citation."""

    def __init__(self, renderer: Renderer, prefix: str = ""):
        self.r = renderer
        self.prefix = prefix             # of the reference ids (the print page has many lists)
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def mark(self, keys: tuple[str, ...]) -> list:
        out: list = ["["]
        for i, key in enumerate(keys):
            n = self.number(sid := key.partition("#")[0])
            out += ([", "] if i else []) + [Link(str(n), f"#ref-{self.prefix}{n}", _title_attr(self.r.cite_plain[sid]))]
        return out + ["]"]


def redirect_html(absolute_url: str, relative_url: str, title: str) -> str:
    t = escape(title)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Moved: {t}</title>\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={escape(relative_url)}\">\n"
        f"<link rel=\"canonical\" href=\"{escape(absolute_url)}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "</head>\n<body>\n"
        f"<p>This page has moved to <a href=\"{escape(relative_url)}\">{t}</a>.</p>\n"
        "</body>\n</html>\n"
    )
