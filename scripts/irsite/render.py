"""Render the validated :class:`Project` to Markdown pages and export files (strings only).

Everything here is computed in one pass per build: names, tooltips, backlinks and citations are
indexed once, then each page is rendered with a single substitution pass over its text.
The Markdown uses only Python-Markdown extensions that other MkDocs-compatible builders understand
(admonition, attr_list, def_list, tables, fenced code): no raw HTML.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Mapping
from html import escape

from . import markup
from .model import Page, Project, Source, Term

GLOSSARY_DIR = "glossary"
SECTIONS_DIR = "glossary/sections"
SOURCES_DIR = "sources"
TOPICS_DIR = "topics"

KIND_LABELS = {
    "article": "Research article", "review": "Review", "web-passage": "Web passages",
    "guideline": "Guideline or consensus statement", "book-chapter": "Book chapter",
    "database": "Database entry",
}


def term_uri(term_id: str) -> str:
    return f"{GLOSSARY_DIR}/{term_id}.md"


def term_url(term_id: str) -> str:
    return f"{GLOSSARY_DIR}/{term_id}/"


def section_uri(section_id: str) -> str:
    return f"{SECTIONS_DIR}/{section_id}.md"


def source_uri(source_id: str) -> str:
    return f"{SOURCES_DIR}/{source_id}.md"


def topic_uri(slug: str) -> str:
    return f"{TOPICS_DIR}/{slug}.md"


def topic_url(slug: str) -> str:
    return f"{TOPICS_DIR}/{slug}/"


def rel(from_uri: str, to_uri: str) -> str:
    """Relative link from one docs file to another (MkDocs checks and rewrites these).

    Both are plain paths inside the docs tree (no '..'), so the common folders are simply dropped.
    """
    path, hash_, anchor = to_uri.partition("#")
    if not path:
        return hash_ + anchor
    to_dir, _, name = path.rpartition("/")
    if to_dir == from_uri.rpartition("/")[0]:
        return name + hash_ + anchor     # the common case: a page in the same folder
    src = from_uri.split("/")[:-1]
    dst = path.split("/")
    i = 0
    while i < len(src) and i < len(dst) - 1 and src[i] == dst[i]:
        i += 1
    return "/".join([".."] * (len(src) - i) + dst[i:]) + hash_ + anchor


_QUOTED = re.compile(r'"([^"]*)"')
# '<' has no backslash escape in Markdown ("\\<" would show the backslash): it becomes an entity.
_MD_SPECIAL = str.maketrans({**{c: "\\" + c for c in "[]*_`>"}, "<": "&lt;"})


def _title_attr(text: str) -> str:
    """Text for a Markdown link title: straight quotes become typographic ones (they end titles)."""
    text = text.replace("\\", "")
    if '"' in text:
        text = _QUOTED.sub("\u201c\\1\u201d", text)
    return text.replace('"', "\u201d").replace("'", "\u2019").replace("\n", " ")


_MD_SPECIAL_CHAR = re.compile(r"[\[\]*_`<>]")


def _md_escape(text: str) -> str:
    # Most names and titles contain none of these characters, and str.translate with a table of
    # multi-character replacements costs a dictionary lookup per distinct character of every text.
    return text.translate(_MD_SPECIAL) if _MD_SPECIAL_CHAR.search(text) else text


# json.dumps(value, ensure_ascii=False) makes a new encoder on every call; this one is reused.
_JSON = json.JSONEncoder(ensure_ascii=False)


def yaml_front_matter(meta: dict[str, str]) -> str:
    lines = ["---"]
    for key, value in meta.items():
        lines.append(f"{key}: {_JSON.encode(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


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
    where = container
    if source.year:
        where += f". {source.year}"
    if source.volume:
        where += f";{source.volume}"
        if source.issue:
            where += f"({source.issue})"
    if source.pages:
        where += f":{source.pages}"
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


def identifier_links(source: Source) -> list[str]:
    return [f"[{text}]({url})" for text, url in identifiers(source)]


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

    def absolute(self, path: str) -> str:
        return self.url.rstrip("/") + "/" + path.lstrip("/")


# Links, citations and quote lines: not prose whose words show how a name is written.
_NOT_PROSE = re.compile(r"\[\[[^\]]*\]\]|\[@[^\]]*\]|\]\([^)]*\)|^\s*!quote .*$", re.M)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+")
_FIRST_WORD_END = re.compile(r"[\s\-/]")


class Renderer:
    def __init__(self, project: Project, site: Site | None = None):
        self.p = project
        self.site = site or Site()
        self.names = {t.id: t.term for t in project.terms}
        for old, new in project.retired.items():
            self.names[old] = self.names[new]
        # Names that are ordinary words ("Obesity", "Insulin resistance") are lower-cased inside a
        # sentence; abbreviations and eponyms ("TNF-α", "Akt", "Donohue syndrome") are not. A name
        # counts as an ordinary word when its first word is written in lower case somewhere in the data.
        texts = [p.body for p in project.pages]
        texts += [" ".join([*t.aliases, t.definition, t.details]) for t in project.terms]
        prose = _NOT_PROSE.sub(" ", " ".join(texts))
        # A word never spans white space, so the words of the distinct space-separated pieces are
        # the words of the whole text (with far fewer strings to make).
        lower_words = set(_LOWER_WORD.findall(" ".join(set(prose.split()))))
        self.lower_first = set()
        for t in project.terms:
            first = _FIRST_WORD_END.split(t.term, maxsplit=1)[0]
            if len(first) > 1 and first.isalpha() and first[0].isupper() and first[1:].islower() \
                    and first.lower() in lower_words:
                self.lower_first.add(t.id)
        self.plain_def = {t.id: markup.plain_text(t.definition, self.names, self.lower_first) for t in project.terms}
        self.first = {tid: markup.first_sentence(d) for tid, d in self.plain_def.items()}
        self.tooltip = {t.id: _title_attr(f"{t.term}: {self.plain_def[t.id]}") for t in project.terms}
        # The A–Z order, sorted once: the index, the printable A–Z, the sections and the source
        # pages all list terms in it (a sort is stable, so a subset keeps the same order).
        self.alphabetical = sorted(project.terms, key=lambda t: markup.sort_key(t.term))
        self._rank = {t.id: i for i, t in enumerate(self.alphabetical)}
        self.section_terms: dict[str, list[Term]] = {s.id: [] for s in project.sections}
        for t in self.alphabetical:
            self.section_terms.setdefault(t.section, []).append(t)
        self.cite_plain = {sid: citation_text(src, False) for sid, src in project.sources.items()}
        self.short = {sid: author_short(src) for sid, src in project.sources.items()}

        # Backlinks, computed once: term -> pages mentioning it; source -> terms and pages citing it.
        self.used_in: dict[str, list[Page]] = {t.id: [] for t in project.terms}
        self.cited_by_terms: dict[str, list[Term]] = {s: [] for s in project.sources}
        self.cited_by_pages: dict[str, list[Page]] = {s: [] for s in project.sources}
        for page in project.pages:
            seen_terms: set[str] = set()
            for m in markup.TERM_LINK.finditer(page.body):
                term = project.resolve_term(m.group(1))
                if term and term.id not in seen_terms:
                    seen_terms.add(term.id)
                    self.used_in[term.id].append(page)
            seen_sources: set[str] = set()
            for key in self._page_source_keys(page.body):
                sid = key.partition("#")[0]
                if sid not in seen_sources:
                    seen_sources.add(sid)
                    self.cited_by_pages[sid].append(page)
        for term in project.terms:
            cited = {k.partition("#")[0] for k in term.sources}
            for text in (term.definition, term.details):
                for m in markup.CITATION.finditer(text):
                    cited.update(k.partition("#")[0] for k in markup.citation_keys(m.group(1)))
            for sid in sorted(cited):
                self.cited_by_terms[sid].append(term)

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

    # -- inline conversions -------------------------------------------------------------------

    def term_link(self, from_uri: str, term_id: str, text: str | None = None,
                  mid_sentence: Callable[[], bool] | None = None) -> str:
        """A term link; ``mid_sentence`` says whether the link is inside a sentence (asked only
        when it matters: the term's name is an ordinary word, lower-cased there)."""
        term = self.p.resolve_term(term_id)
        assert term is not None, term_id
        name = term.term
        if text is None and mid_sentence is not None and term.id in self.lower_first and mid_sentence():
            name = name[0].lower() + name[1:]
        shown = _md_escape(text or name)
        return f'[{shown}]({rel(from_uri, term_uri(term.id))} "{self.tooltip[term.id]}"){{ .term }}'

    def inline(self, text: str, from_uri: str, cite: "Citations | None" = None) -> str:
        """Resolve [[term]] links and [@source] citations in one pass over ``text``."""
        def replace(m: re.Match) -> str:
            if m.group("term") is not None:
                return self.term_link(from_uri, m.group("term").strip(), m.group("shown"),
                                      mid_sentence=lambda: not markup.starts_sentence(m.string, m.start()))
            keys = markup.citation_keys(m.group("cite"))
            if cite is not None:
                return cite.mark(keys, from_uri)
            return "(" + "; ".join(self._author_year_link(k, from_uri) for k in keys) + ")"

        return _INLINE.sub(replace, text)

    def _author_year_link(self, key: str, from_uri: str) -> str:
        sid, _, eid = key.partition("#")
        target = source_uri(sid) + (f"#{eid}" if eid else "")
        return f'[{_md_escape(self.short[sid])}]({rel(from_uri, target)} "{_title_attr(self.cite_plain[sid])}")'

    # -- citation blocks ----------------------------------------------------------------------

    def cite_texts(self, title: str, url_path: str, changed: str, kind: str, key: str) -> tuple[str, str, str]:
        """A page's permanent URL and its citation as plain text and as BibTeX."""
        url = self.site.absolute(url_path)
        plain = (f"{self.site.name}. {title}. {kind}. {url} "
                 f"(last changed {changed}; accessed <date>).")
        year = changed[:4]
        bib_title = title.replace("{", "").replace("}", "")
        bibtex = "\n".join([
            f"@misc{{{key},",
            f"  title        = {{{bib_title}}},",
            f"  author       = {{{{{self.site.name}}}}},",
            f"  howpublished = {{{self.site.name}}},",
            f"  year         = {{{year}}},",
            f"  date         = {{{changed}}},",
            f"  url          = {{{url}}},",
            f"  note         = {{Last changed {changed}}}",
            "}",
        ])
        return url, plain, bibtex

    def cite_block(self, title: str, url_path: str, changed: str, kind: str, key: str) -> str:
        url, plain, bibtex = self.cite_texts(title, url_path, changed, kind, key)
        return "\n".join([
            "## Cite this page { data-search-exclude }",
            "",
            f"Permanent link: <{url}>  ",
            f"Last changed: {changed}",
            "",
            "As text:",
            "",
            "```text",
            plain,
            "```",
            "",
            "As BibTeX:",
            "",
            "```bibtex",
            bibtex,
            "```",
            "",
        ])

    # -- pages ----------------------------------------------------------------------------------

    def term_page(self, term: Term) -> str:
        uri = term_uri(term.id)
        section = self.p.section_by_id[term.section]
        out = [yaml_front_matter({"title": term.term, "description": self.plain_def[term.id]})]
        out.append(f"# {_md_escape(term.term)}\n")
        out.append(self.inline(term.definition, uri) + "\n")
        # The names are indexed for search as separate documents (search.py), not as page text.
        if term.aliases:
            out.append("**Also known as:** " + " · ".join(_md_escape(a) for a in term.aliases) + "  ")
        out.append(f"**Section:** [{_md_escape(section.title)}]({rel(uri, section_uri(section.id))})")
        out.append("{ data-search-exclude }\n")
        if term.details:
            out.append("## More detail\n")
            out.append(self.inline(term.details, uri) + "\n")
        if term.related:
            out.append("## Related terms { data-search-exclude }\n")
            for ref in term.related:
                other = self.p.resolve_term(ref)
                assert other is not None
                link = f"[{_md_escape(other.term)}]({rel(uri, term_uri(other.id))}){{ .term }}"
                out.append(f"- {link}: {_md_escape(self.first[other.id])}")
            out.append("")
        out.append("## Sources { data-search-exclude }\n")
        for n, key in enumerate(term.sources, start=1):
            sid, _, eid = key.partition("#")
            source = self.p.sources[sid]
            target = source_uri(sid) + (f"#{eid}" if eid else "")
            line = f"{n}. [{_md_escape(citation_text(source, False))}]({rel(uri, target)})"
            ids = identifier_links(source)
            if ids:
                line += " " + " · ".join(ids)
            out.append(line)
            if eid:
                ex = source.excerpts[eid]
                out.append("")
                out.append(f"    > {_md_escape(ex.quote)}")
                out.append("    >")
                out.append(f"    > — {_md_escape(author_short(source))}, {_md_escape(ex.locator)}")
                out.append("")
        out.append("")
        pages = self.used_in[term.id]
        if pages:
            out.append("## Used in { data-search-exclude }\n")
            for page in pages:
                out.append(f"- [{_md_escape(page.title)}]({rel(uri, topic_uri(page.slug))})")
            out.append("")
        if term.external:
            out.append("## Identifiers { data-search-exclude }\n")
            for key, values in term.external.items():
                label, pattern = EXTERNAL_LINKS[key]
                links = ", ".join(f"[{v}]({pattern.format(v)})" for v in values)
                out.append(f"- {label}: {links}")
            out.append("")
        changed = self.site.term_dates.get(term.id, self.site.today)
        out.append(self.cite_block(term.term, term_url(term.id), changed, "Glossary entry", f"irref-{term.id}"))
        return "\n".join(out)

    def glossary_index(self) -> str:
        uri = f"{GLOSSARY_DIR}/index.md"
        groups: dict[str, list[Term]] = {}
        for term in self.alphabetical:
            key = markup.sort_key(term.term)[:1].upper()
            letter = key if key.isalpha() else "0–9"
            groups.setdefault(letter, []).append(term)
        out = [yaml_front_matter({
            "title": "Glossary",
            "description": f"All {len(self.p.terms)} terms of the insulin-resistance reference, A to Z, with short definitions.",
        })]
        out.append("# Glossary\n")
        out.append(f"{len(self.p.terms)} terms from A to Z. Each links to its own page with every other name for it, "
                   "related terms, sources and the topic pages that use it.\n")
        out.append("**Browse by section:** " + " · ".join(
            f"[{_md_escape(s.title)}]({rel(uri, section_uri(s.id))})" for s in self.p.sections) + "\n")
        out.append("**Download:** [CSV (spreadsheets, Anki)](../downloads/glossary.csv) · "
                   "[Moodle glossary XML](../downloads/glossary-moodle.xml) · "
                   "[JSON](../glossary.json) · [Printable A–Z](print.md)\n")
        out.append("**Jump to letter:** " + " ".join(f"[{letter}](#letter-{self._letter_id(letter)})" for letter in groups) + "\n")
        for letter, terms in groups.items():
            out.append(f"## {letter} {{#letter-{self._letter_id(letter)} data-search-exclude}}\n")
            for term in terms:
                out.append(f"- [**{_md_escape(term.term)}**]({rel(uri, term_uri(term.id))}){{#{term.id}}}: "
                           f"{_md_escape(self.first[term.id])}")
            out.append("")
        return "\n".join(out)

    @staticmethod
    def _letter_id(letter: str) -> str:
        return letter.lower() if letter.isalpha() else "0-9"

    def print_page(self) -> str:
        uri = f"{GLOSSARY_DIR}/print.md"
        out = [yaml_front_matter({
            "title": "Printable glossary",
            "description": "The whole glossary as one printable A–Z handout.",
        }) .replace("---\n\n", "search:\n  exclude: true\n---\n\n")]
        out.append("# Glossary of insulin resistance (A–Z)\n")
        out.append(f"{self.site.name} · {self.site.absolute(GLOSSARY_DIR + '/')} · printed from the version of {self.site.today}\n")
        for term in self.alphabetical:
            out.append(f"[**{_md_escape(term.term)}**]({rel(uri, term_uri(term.id))})")
            line = f":   {_md_escape(self.plain_def[term.id])}"
            if term.aliases:
                line += f" *Also:* {_md_escape(', '.join(term.aliases))}."
            out.append(line + "\n")
        return "\n".join(out)

    def section_page(self, section_id: str) -> str:
        section = self.p.section_by_id[section_id]
        uri = section_uri(section_id)
        out = [yaml_front_matter({"title": section.title, "description": markup.plain_text(section.summary)})]
        out.append(f"# {_md_escape(section.title)}\n")
        out.append(self.inline(section.summary, uri) + "\n")
        terms = self.section_terms[section_id]
        out.append(f"## Terms in this section ({len(terms)}) {{ data-search-exclude }}\n")
        for term in terms:
            out.append(f"- {self.term_link(uri, term.id)}: {_md_escape(self.first[term.id])}")
        out.append("")
        others = [s for s in self.p.sections if s.id != section_id]
        out.append("## Other sections { data-search-exclude }\n")
        out.append(" · ".join(f"[{_md_escape(s.title)}]({rel(uri, section_uri(s.id))})" for s in others))
        out.append(f"\n[Whole glossary, A–Z]({rel(uri, GLOSSARY_DIR + '/index.md')})\n")
        return "\n".join(out)

    def source_page(self, source: Source, cited_by_terms: str | None = None) -> str:
        """``cited_by_terms``: a placeholder paragraph to stand for the list of citing terms."""
        uri = source_uri(source.id)
        out = [yaml_front_matter({
            "title": source.title,
            "description": f"{author_short(source)}: {source.title}. {KIND_LABELS.get(source.kind, source.kind)} "
                           f"cited in the insulin-resistance reference.",
        })]
        out.append(f"# {_md_escape(source.title)}\n")
        out.append(citation_text(source) + "\n{ data-search-exclude }\n")
        rows = [("Authors", ", ".join(source.authors)), ("Year", source.year),
                ("Published in", source.container), ("Type", KIND_LABELS.get(source.kind, source.kind))]
        if source.volume:
            rows.append(("Volume (issue), pages", f"{source.volume}" + (f" ({source.issue})" if source.issue else "")
                         + (f", {source.pages}" if source.pages else "")))
        ids = identifier_links(source)
        if ids:
            rows.append(("Links", " · ".join(ids)))
        for label, value in rows:
            out.append(label)
            out.append(f":   {value if label == 'Links' else _md_escape(value)}\n")
        if source.note:
            out.append('!!! warning "About this source"\n')
            out.append("    " + self.inline(source.note, uri) + "\n")
        if source.excerpts:
            out.append("## Excerpts\n")
            out.append("Verbatim quotations, checked against the source text we hold.\n")
            for ex in source.excerpts.values():
                opening = " ".join(ex.quote.split()[:6]).rstrip(".,;:")
                out.append(f"### {_md_escape(ex.locator)}: “{_md_escape(opening)}…” {{#{ex.id}}}\n")
                out.append(f"> {_md_escape(ex.quote)}\n")
        terms = self.cited_by_terms[source.id]
        pages = self.cited_by_pages[source.id]
        out.append("## Cited by { data-search-exclude }\n")
        if pages:
            out.append("Topic pages: " + " · ".join(f"[{_md_escape(p.title)}]({rel(uri, topic_uri(p.slug))})" for p in pages) + "\n")
        if terms and cited_by_terms:
            out.append(cited_by_terms + "\n")
        elif terms:
            out.append("Glossary terms: " + " · ".join(self.term_link(uri, t.id) for t in
                                                      self.a_to_z(terms)) + "\n")
        if not pages and not terms:
            out.append("Not cited yet.\n")
        return "\n".join(out)

    def sources_index(self) -> str:
        uri = f"{SOURCES_DIR}/index.md"
        out = [yaml_front_matter({
            "title": "Sources",
            "description": "Every reference the insulin-resistance reference cites, with DOI and PubMed links.",
        })]
        out.append("# Sources\n")
        out.append(f"{len(self.p.sources)} sources. Peer-reviewed references are cited; the two source documents "
                   "the site started from are quoted only where we correct or discuss them.\n")
        by_kind: dict[str, list[Source]] = {}
        for s in sorted(self.p.sources.values(), key=lambda s: (markup.sort_key(author_short(s)), s.year)):
            by_kind.setdefault(s.kind, []).append(s)
        for kind in ("review", "article", "guideline", "book-chapter", "database", "web-passage"):
            if kind not in by_kind:
                continue
            heading = KIND_LABELS[kind] if KIND_LABELS[kind].endswith("s") else KIND_LABELS[kind] + "s"
            out.append(f"## {heading} {{ data-search-exclude }}\n")
            for s in by_kind[kind]:
                out.append(f"- [{_md_escape(author_short(s))}: {_md_escape(s.title)}]({rel(uri, source_uri(s.id))})")
            out.append("")
        return "\n".join(out)

    def topic_page(self, page: Page) -> str:
        uri = topic_uri(page.slug)
        cite = Citations(self)
        for key in self._page_source_keys(page.body):  # number sources in reading order
            cite.number(key.partition("#")[0])
        body = markup.QUOTE_LINE.sub(lambda m: self._quote_block(m, uri, cite), page.body)
        body = self.inline(body, uri, cite)
        out = [yaml_front_matter({"title": page.title, "description": markup.plain_text(page.summary)})]
        out.append(f"# {_md_escape(page.title)}\n")
        out.append(body.strip() + "\n")
        if cite.order:
            out.append("## References { data-search-exclude }\n")
            for n, key in enumerate(cite.order, start=1):
                source = self.p.sources[key]
                ids = identifier_links(source)
                line = f"{n}. [{_md_escape(citation_text(source, False))}]({rel(uri, source_uri(key))}){{#ref-{n}}}"
                out.append(line + (" " + " · ".join(ids) if ids else ""))
            out.append("")
        changed = self.site.page_dates.get(page.slug, self.site.today)
        out.append(self.cite_block(page.title, topic_url(page.slug), changed, "Topic page", f"irref-{page.slug}"))
        return "\n".join(out)

    def _quote_block(self, m: re.Match, from_uri: str, cite: "Citations") -> str:
        indent, key = m.group(1), m.group(2)
        sid, _, eid = key.partition("#")
        source = self.p.sources[sid]
        ex = source.excerpts[eid]
        mark = cite.mark((key,), from_uri)
        return (f"{indent}> {_md_escape(ex.quote)}\n{indent}>\n"
                f"{indent}> — {_md_escape(author_short(source))}, {_md_escape(ex.locator)} {mark}")

    def topics_index(self) -> str:
        uri = f"{TOPICS_DIR}/index.md"
        out = [yaml_front_matter({
            "title": "Topics",
            "description": "A reading path through the mechanisms of insulin resistance, from the basics to open questions.",
        }).replace("---\n\n", "search:\n  exclude: true\n---\n\n")]  # the topic pages themselves are indexed
        out.append("# Topics: a reading path\n")
        out.append("Read these in order for a course-like path from what insulin resistance is to what is still debated; "
                   "each page also stands on its own.\n")
        for n, page in enumerate(self.p.pages, start=1):
            out.append(f"{n}. **[{_md_escape(page.title)}]({rel(uri, topic_uri(page.slug))})**: "
                       f"{self.inline(page.summary, uri)}")
        out.append("")
        return "\n".join(out)

    # -- everything -----------------------------------------------------------------------------

    def pages(self, instead: Mapping[str, str] | None = None, placeholders: dict[str, str] | None = None) -> dict[str, str]:
        """All generated Markdown pages, keyed by their path in the docs tree.

        ``instead``: path -> text to use rather than rendering that page (the plugin has its HTML
        already); ``placeholders``: source id -> a placeholder paragraph standing for that source
        page's list of citing terms.
        """
        instead = instead or {}
        placeholders = placeholders or {}
        makers: dict[str, Callable[[], str]] = {f"{GLOSSARY_DIR}/index.md": self.glossary_index,
                                                f"{GLOSSARY_DIR}/print.md": self.print_page,
                                                f"{SOURCES_DIR}/index.md": self.sources_index,
                                                f"{TOPICS_DIR}/index.md": self.topics_index}
        for term in self.p.terms:
            makers[term_uri(term.id)] = functools.partial(self.term_page, term)
        for section in self.p.sections:
            makers[section_uri(section.id)] = functools.partial(self.section_page, section.id)
        for source in self.p.sources.values():
            makers[source_uri(source.id)] = functools.partial(self.source_page, source, placeholders.get(source.id))
        for page in self.p.pages:
            makers[topic_uri(page.slug)] = functools.partial(self.topic_page, page)
        return {uri: instead[uri] if uri in instead else make() for uri, make in makers.items()}

    def files(self, instead: Mapping[str, str] | None = None, placeholders: dict[str, str] | None = None) -> dict[str, str]:
        """Everything the data generates: Markdown pages, exports and redirect pages, by path."""
        return {**self.pages(instead, placeholders), **self.exports(), **self.redirects()}

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

    # -- exports --------------------------------------------------------------------------------

    def glossary_records(self) -> list[dict]:
        return [{"id": t.id, "term": t.term, "aliases": list(t.aliases), "section": t.section,
                 "definition": self.plain_def[t.id], "url": term_url(t.id)} for t in self.p.terms]

    def glossary_json(self) -> str:
        # One record per line: readable, diff-friendly, and written by the C encoder.
        records = self.glossary_records()
        return "[\n" + ",\n".join(_JSON.encode(r) for r in records) + "\n]\n" if records else "[]\n"

    def glossary_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["term", "definition", "aliases", "section", "url"])
        for t in self.p.terms:
            writer.writerow([t.term, self.plain_def[t.id], "; ".join(t.aliases),
                             self.p.section_by_id[t.section].title, self.site.absolute(term_url(t.id))])
        return buf.getvalue()

    def glossary_moodle(self) -> str:
        """Moodle glossary XML (the format of Moodle's glossary export/import), written directly:
        ElementTree took half of all export time for large glossaries. Same bytes as
        ElementTree with ``ET.indent`` (tests compare the two and parse every entry)."""
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<GLOSSARY>\n  <INFO>']
        info = [("NAME", f"{self.site.name}: glossary"),
                ("INTRO", f"Terms of the insulin-resistance reference. Each entry links to "
                          f"{self.site.absolute(GLOSSARY_DIR + '/')}."),
                ("INTROFORMAT", "1"), ("ALLOWDUPLICATEDENTRIES", "0"), ("DISPLAYFORMAT", "dictionary"),
                ("SHOWSPECIAL", "1"), ("SHOWALPHABET", "1"), ("SHOWALL", "1"), ("ALLOWCOMMENTS", "0"),
                ("USEDYNALINK", "1"), ("DEFAULTAPPROVAL", "1"), ("GLOBALGLOSSARY", "0"), ("ENTBYPAGE", "20")]
        out.extend(f"    <{tag}>{_xml(value)}</{tag}>" for tag, value in info)
        out.append("    <ENTRIES>" if self.p.terms else "    <ENTRIES />")
        for t in self.p.terms:
            url = escape(self.site.absolute(term_url(t.id)))
            definition = f"<p>{escape(self.plain_def[t.id])}</p><p><a href=\"{url}\">{url}</a></p>"
            out.append("      <ENTRY>")
            out.append(f"        <CONCEPT>{_xml(t.term)}</CONCEPT>")
            out.append(f"        <DEFINITION>{_xml(definition)}</DEFINITION>")
            out.append("        <FORMAT>1</FORMAT>\n        <USEDYNALINK>1</USEDYNALINK>\n"
                       "        <CASESENSITIVE>0</CASESENSITIVE>\n        <FULLMATCH>1</FULLMATCH>\n"
                       "        <TEACHERENTRY>1</TEACHERENTRY>")
            if t.aliases:
                out.append("        <ALIASES>")
                for alias in t.aliases:
                    out.append(f"          <ALIAS>\n            <NAME>{_xml(alias)}</NAME>\n          </ALIAS>")
                out.append("        </ALIASES>")
            else:
                out.append("        <ALIASES />")
            out.append("        <CATEGORIES>\n          <CATEGORY>\n"
                       f"            <NAME>{_xml(self.p.section_by_id[t.section].title)}</NAME>\n"
                       "            <USEDYNALINK>0</USEDYNALINK>\n          </CATEGORY>\n        </CATEGORIES>")
            out.append("      </ENTRY>")
        if self.p.terms:
            out.append("    </ENTRIES>")
        out.append("  </INFO>\n</GLOSSARY>\n")
        return "\n".join(out)

    def robots_txt(self) -> str:
        return f"User-agent: *\nAllow: /\n\nSitemap: {self.site.absolute('sitemap.xml')}\n"

    def exports(self) -> dict[str, str]:
        return {"robots.txt": self.robots_txt(),
                "glossary.json": self.glossary_json(),
                "downloads/glossary.csv": self.glossary_csv(),
                "downloads/glossary-moodle.xml": self.glossary_moodle()}


def _xml(text: str) -> str:
    """XML character data, escaped as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Citations:
    """Numbers the sources of one page in order of first citation."""

    def __init__(self, renderer: Renderer):
        self.r = renderer
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def mark(self, keys: tuple[str, ...], from_uri: str) -> str:
        links = []
        for key in keys:
            sid = key.partition("#")[0]
            n = self.number(sid)
            tip = _title_attr(self.r.cite_plain[sid])
            links.append(f'[{n}](#ref-{n} "{tip}")')
        return "\\[" + ", ".join(links) + "\\]"


_INLINE = re.compile(r"\[\[\s*(?P<term>[^\]|]+?)\s*(?:\|\s*(?P<shown>[^\]]+?)\s*)?\]\]|\[@(?P<cite>[^\]]+)\]")


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
