"""HTML for the generated pages whose number grows with the glossary, without a Markdown round trip.

Python-Markdown spends about 3 ms on a term page, which made the build 3–4× slower than a bare
MkDocs site with as many pages. These pages have a fixed structure built from validated data, so the
HTML that MkDocs would produce from their Markdown can be written directly: the same elements,
attributes, heading ids, permalinks and relative URLs, byte for byte (the build test renders every
page both ways and compares the output). The Markdown renderer (:mod:`irsite.render`) stays the
source for ``irsite export`` and for any page this module declines.

It declines (returns ``None``) whenever the data contains anything whose Markdown meaning it does not
model: Markdown syntax in author text (emphasis, links, code, line breaks), braces, backslashes or
angle brackets in names, a heading id that would need de-duplication rules, and so on. Those pages
are rendered by MkDocs from Markdown as before; only speed differs.

Pages rendered here:

* term pages;
* the A–Z index, the printable A–Z and the section pages;
* and, on source pages, the one paragraph that lists every citing term (spliced into the HTML that
  MkDocs renders from the rest of the page's Markdown).

No MkDocs import: the plugin passes in what it needs (the toc slugify function and permalink
settings) and hands the results to MkDocs.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from typing import Callable

from . import markup
from .model import Term
from .render import (EXTERNAL_LINKS, GLOSSARY_DIR, _INLINE, Renderer, _title_attr, author_short, identifiers,
                     section_uri, source_uri, term_uri, topic_uri, yaml_front_matter)

# Python-Markdown's serializer escapes '&' only when it does not start an entity.
_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.I)

# Characters whose Markdown meaning in data text (names, titles, quotes) this module does not model.
_UNSAFE_DATA_CHAR = re.compile(r"[\\`{}<\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f]")


def _unsafe_data(s: str) -> bool:
    """Any of those characters, white space at either end, or two spaces in a row.

    (One regex with the three alternatives tried them at every character, 30,000 times a build.)
    """
    return bool(_UNSAFE_DATA_CHAR.search(s) or "  " in s or s[:1].isspace() or s[-1:].isspace())


# In author text (definitions, details), where the generated Markdown passes them on unescaped.
_UNSAFE_PROSE = re.compile(r"[\\`{}<>\[\]*_!\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f]|&#")
# Term links and citations in author text, or anything else it may not contain (one scan for both).
_PROSE = re.compile(_INLINE.pattern + "|(?P<bad>" + _UNSAFE_PROSE.pattern + ")")
# Text at the start of a block that Markdown could read as a list, heading, quote, rule, etc.
_BLOCK_START = re.compile(r"^(?:[-+*>#:=|~]|\d+[.)](?:\s|$))")


@functools.lru_cache(maxsize=65536)
def _text(s: str) -> str:
    if "&" in s:
        s = _AMP.sub("&amp;", s)
    return s.replace("<", "&lt;").replace(">", "&gt;")


def _prose_text(s: str) -> str:
    """Author text between links, already checked against _UNSAFE_PROSE (so no '<' or '>')."""
    return _AMP.sub("&amp;", s) if "&" in s else s


def _attr(s: str) -> str:
    return _text(s).replace('"', "&quot;")


def _code(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page_url(src_uri: str) -> str:
    """URL of a page with ``use_directory_urls``: ``glossary/x.md`` -> ``glossary/x/``."""
    path = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[:-5]
    return path + "/" if src_uri.endswith(".md") else path


def relative_url(to_url: str, from_url: str) -> str:
    """``to_url`` relative to the page at ``from_url`` (as MkDocs' get_relative_url)."""
    parent, _, last = from_url.rstrip("/").rpartition("/")
    if last and "." not in last and from_url.endswith("/") and not (to_url + "/").startswith(from_url):
        # A page's URL is a folder; a link to anything outside it goes up one level first.
        return _relative_to_folder(to_url, parent + "/" if parent else "")
    return _relative_url(to_url, from_url)


@functools.lru_cache(maxsize=65536)
def _relative_to_folder(to_url: str, folder: str) -> str:
    rel = _relative_url(to_url, folder)
    return {".": "..", "./": "../"}.get(rel, "../" + rel)


def _relative_url(to_url: str, from_url: str) -> str:
    dirname, _, basename = from_url.rpartition("/")
    if "." in basename:
        from_url = dirname
    src = [p for p in from_url.split("/") if p]
    dst = [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(src, dst):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(src) - common) + dst[common:]) or "."
    return rel + "/" if to_url.endswith("/") else rel


@functools.lru_cache(maxsize=65536)
def _target_url(path: str) -> str:
    return page_url(path) if path.endswith(".md") else path


class Declined(Exception):
    """The data holds something this module does not model; MkDocs renders the Markdown instead."""


def _declinable(render_page: Callable[..., "Prerendered"]) -> Callable[..., "Prerendered | None"]:
    """A page renderer that returns None instead of raising Declined."""
    @functools.wraps(render_page)
    def wrapper(*args, **kwargs):
        try:
            return render_page(*args, **kwargs)
        except Declined:
            return None
    return wrapper


class Heading:
    """A heading as Python-Markdown's toc records it (a plain class: thousands are made per build)."""

    __slots__ = ("level", "id", "name", "children")

    def __init__(self, level: int, id: str, name: str) -> None:
        self.level = level
        self.id = id
        self.name = name                    # inner HTML text, as Python-Markdown's toc records it
        self.children: list[Heading] = []

    def token(self) -> dict:
        """A Python-Markdown toc token (what MkDocs' get_toc reads)."""
        return {"level": self.level, "id": self.id, "name": self.name, "html": self.name,
                "data-toc-label": "", "children": [c.token() for c in self.children]}


@dataclass
class Prerendered:
    """One page's HTML body and what MkDocs learns while rendering it."""

    src_uri: str
    meta: dict[str, str]
    html: str
    headings: list[Heading]                   # nested, as a toc
    anchors: set[str]                         # every id on the page
    links_to_anchors: list[tuple[str, str]]   # (target src_uri, anchor) of links to other pages
    title: str
    search_end: int                           # where the trailing search-excluded sections begin

    @property
    def toc_tokens(self) -> list[dict]:
        return [h.token() for h in self.headings]

    @property
    def search_html(self) -> str:
        """What Material's search needs to see of the page to index it exactly as the full HTML.

        Its parser indexes nothing of a section whose heading has ``data-search-exclude``, nor of a
        paragraph with it, and takes only the text of links: so the page up to its trailing excluded
        sections, without excluded paragraphs and without link tags (their text stays), gives the
        same index entries with half the parsing. The build test compares the search index with
        and without pre-rendering.
        """
        return _NOT_INDEXED.sub("", self.html[:self.search_end])


@dataclass
class Options:
    slugify: Callable[[str, str], str]
    separator: str = "-"
    permalink: str = "&para;"
    permalink_class: str = "headerlink"
    permalink_title: str = "Link to this section"
    # (level, name, explicit id, attributes) -> (inner HTML, id, heading element): most headings
    # ("Sources", "Related terms", ...) recur on thousands of pages.
    _made_headings: dict[tuple, tuple[str, str, str]] = field(default_factory=dict, repr=False)

    def heading(self, level: int, name: str, explicit: str, attrs: str) -> tuple[str, str, str]:
        """(inner HTML, id before de-duplication, heading element) of a heading with plain-text ``name``."""
        key = (level, name, explicit, attrs)
        parts = self._made_headings.get(key)
        if parts is None:
            inner = _data(name)
            hid = explicit or self.slug(inner)
            parts = self._made_headings[key] = (inner, hid, self.heading_html(level, attrs, hid, inner))
        return parts

    def heading_html(self, level: int, attrs: str, hid: str, inner: str) -> str:
        """A heading element with its permalink, as the toc extension writes it."""
        link = (f'<a class="{self.permalink_class}" href="#{hid}" '
                f'title="{_attr(self.permalink_title)}">{self.permalink}</a>')
        return f'<h{level}{attrs} id="{hid}">{inner}{link}</h{level}>'

    def slug(self, inner_html: str) -> str:
        """The toc extension's id for a heading with this inner HTML (before de-duplication)."""
        return self.slugify(html.unescape(inner_html), self.separator)


# In the HTML written here: link tags other than heading permalinks, and paragraphs excluded from search.
_NOT_INDEXED = re.compile(r'<a (?![^>]*class="headerlink")[^>]*>|</a>(?!</h[1-6]>)|<p data-search-exclude>.*?</p>',
                          re.S)

# (folder of a page, target docs path) -> (target URL + "/", relative URL from a page in that folder).
_FOLDER_LINKS: dict[tuple[str, str], tuple[str, str]] = {}


class _Page:
    """Accumulates one page's blocks, headings, ids and cross-page anchor links."""

    def __init__(self, src_uri: str, opts: Options):
        self.src_uri = src_uri
        self.url = page_url(src_uri)
        parent, _, last = self.url.rstrip("/").rpartition("/")
        # Links to anything outside a folder-style page URL go up one level first (cached per folder).
        self.folder = parent + "/" if parent else ""
        self.is_folder = bool(last) and "." not in last and self.url.endswith("/")
        self.opts = opts
        self.blocks: list[str] = []
        self.flat: list[Heading] = []
        self.anchors: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.pending_ids: list[tuple[int, int, str, str, bool]] = []

    def href(self, target_uri: str) -> str:
        """Relative URL of a docs file (``x.md`` or ``x.md#anchor``) from this page."""
        path, _, anchor = target_uri.partition("#")
        if not path:
            return "#" + anchor
        url = self.outside_folder(path)
        if url is None:
            url = relative_url(_target_url(path), self.url)
        if anchor:
            self.links.append((path, anchor))
            return f"{url}#{anchor}"
        return url

    def outside_folder(self, path: str) -> str | None:
        """The relative URL of docs file ``path`` when this page's URL is a folder and the target
        lies outside it (the same for every page in the folder, so it is computed once); else None."""
        if not self.is_folder:
            return None
        cached = _FOLDER_LINKS.get((self.folder, path))
        if cached is None:
            to_url = _target_url(path)
            cached = _FOLDER_LINKS[(self.folder, path)] = (to_url + "/", _relative_to_folder(to_url, self.folder))
        slashed, url = cached
        return None if self.inside(slashed) else url

    def inside(self, slashed_url: str) -> bool:
        """True when a target URL (ending in '/') lies within this page's own URL."""
        return slashed_url.startswith(self.url)

    def heading(self, level: int, name: str, exclude: bool = False, id_: str | None = None) -> None:
        """Add a heading; ``name`` is plain text. Ids are assigned in :meth:`finish`, like toc does."""
        self.pending_ids.append((len(self.blocks), level, name, id_ or "", exclude))
        self.blocks.append("" if not exclude else " data-search-exclude")

    def finish(self, meta: dict[str, str], title: str) -> Prerendered:
        # Python-Markdown's toc: explicit ids are taken first; generated ones must then be unique.
        used = set(self.anchors) | {i for _, _, _, i, _ in self.pending_ids if i}
        # Search indexes nothing of sections whose heading is marked data-search-exclude, so it
        # only needs to parse the page up to the first of the excluded sections that end it.
        searchable = len(self.blocks)
        for index, _, _, _, excluded in reversed(self.pending_ids):
            if not excluded:
                break
            searchable = index
        for index, level, name, explicit, _ in self.pending_ids:
            inner, hid, self.blocks[index] = self.opts.heading(level, name, explicit, self.blocks[index])
            if not explicit:
                if hid in used or not hid:
                    raise Declined(f"heading id {hid!r} would need de-duplication")
                used.add(hid)
            self.anchors.add(hid)
            self.flat.append(Heading(level, hid, inner))
        search_end = sum(map(len, self.blocks[:searchable])) + max(0, searchable - 1)
        return Prerendered(self.src_uri, meta, "\n".join(self.blocks), _nest(self.flat), self.anchors,
                           self.links, title, search_end)


def _nest(flat: list[Heading]) -> list[Heading]:
    """Nest headings by level, as Python-Markdown's toc does."""
    root: list[Heading] = []
    stack: list[Heading] = []
    for h in flat:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        (stack[-1].children if stack else root).append(h)
        stack.append(h)
    return root


@functools.lru_cache(maxsize=65536)
def _data(s: str) -> str:
    """Escape a data string (a name, title or quote) that the Markdown renderer escapes."""
    if _unsafe_data(s):
        raise Declined(f"data text {s[:40]!r}")
    return _text(s)


def _block_data(s: str) -> str:
    if _BLOCK_START.match(s):
        raise Declined(f"text at a block start {s[:40]!r}")
    return _data(s)


class HtmlPages:
    """Direct HTML for the pages listed in the module docstring, from an existing :class:`Renderer`."""

    def __init__(self, renderer: Renderer, opts: Options):
        self.r = renderer
        self.p = renderer.p
        self.opts = opts
        self._tips: dict[str, str] = {}
        self._fragments: dict[tuple, tuple[str, str]] = {}
        self._cites: dict[str, tuple[str, str]] = {}
        self._identifiers: dict[str, list[str]] = {}

    # -- inline -------------------------------------------------------------------------------

    def _term_link(self, page: _Page, term_id: str, shown: str | None = None,
                   mid_sentence: Callable[[], bool] | None = None, tooltip: bool = True) -> str:
        """A term link; ``mid_sentence`` says whether the link is inside a sentence (asked only
        when it matters: the term's name is an ordinary word, lower-cased there)."""
        term = self.p.resolve_term(term_id)
        assert term is not None, term_id
        name = term.term
        if shown is None and mid_sentence is not None and term.id in self.r.lower_first and mid_sentence():
            name = name[0].lower() + name[1:]
        shown = shown or name
        target = term_uri(term.id)
        return self._per_folder(page, target, ("term", term.id, shown, tooltip), lambda: (
            f'<a class="term" href="{page.href(target)}"'
            + (f' title="{self._tooltip_attr(term.id)}"' if tooltip else "") + f">{_data(shown)}</a>"))

    def _per_folder(self, page: _Page, target: str, key: tuple, make: Callable[[], str]) -> str:
        """HTML whose only page-dependent part is the relative URL of ``target`` (a docs path
        without an anchor; ``key`` identifies the fragment and its target): made once for all pages
        of a folder that link outside that folder."""
        if not page.is_folder:
            return make()
        cache_key = (page.folder, key)
        entry = self._fragments.get(cache_key)
        if entry is None:
            if page.outside_folder(target) is None:
                return make()       # a link into the page's own folder: not shared
            slashed = _FOLDER_LINKS[(page.folder, target)][0]
            entry = self._fragments[cache_key] = (slashed, make())
        elif page.inside(entry[0]):
            return make()
        return entry[1]

    def _tooltip_attr(self, term_id: str) -> str:
        attr = self._tips.get(term_id)
        if attr is None:
            attr = self._tips[term_id] = _attr(self.r.tooltip[term_id])
        return attr

    def _author_year(self, page: _Page, key: str) -> str:
        sid, _, eid = key.partition("#")
        parts = self._cites.get(sid)
        if parts is None:
            parts = self._cites[sid] = (_attr(_title_attr(self.r.cite_plain[sid])), _data(self.r.short[sid]))
        title, short = parts
        if eid:
            return f'<a href="{page.href(f"{source_uri(sid)}#{eid}")}" title="{title}">{short}</a>'
        target = source_uri(sid)
        return self._per_folder(page, target, ("cite", sid),
                                lambda: f'<a href="{page.href(target)}" title="{title}">{short}</a>')

    def _prose(self, page: _Page, text: str) -> str:
        """Author text with [[term]] links and [@source] citations (term-page style), as inline HTML."""
        if text != text.strip() or "  " in text or _BLOCK_START.match(text):
            raise Declined(f"author text {text[:40]!r}")
        out: list[str] = []
        last = 0
        for m in _PROSE.finditer(text):
            start = m.start()
            if m.group("bad") is not None:
                raise Declined(f"Markdown in author text {text[start:start + 40]!r}")
            if last < start:
                out.append(_prose_text(text[last:start]))
            if m.group("term") is not None:
                out.append(self._term_link(page, m.group("term").strip(), m.group("shown"),
                                           mid_sentence=lambda: not markup.starts_sentence(text, start)))
            else:
                keys = markup.citation_keys(m.group("cite"))
                out.append("(" + "; ".join([self._author_year(page, k) for k in keys]) + ")")
            last = m.end()
        out.append(_prose_text(text[last:]))
        return "".join(out)

    # -- pages ----------------------------------------------------------------------------------

    @_declinable
    def term_page(self, term: Term) -> Prerendered:
        r, p = self.r, self.p
        uri = term_uri(term.id)
        page = _Page(uri, self.opts)
        section = p.section_by_id[term.section]
        page.heading(1, term.term)
        page.blocks.append(f"<p>{self._prose(page, term.definition)}</p>")
        facts = ""
        if term.aliases:
            facts = "<strong>Also known as:</strong> " + " · ".join(_data(a) for a in term.aliases) + "<br />\n"
        facts += f'<strong>Section:</strong> <a href="{page.href(section_uri(section.id))}">{_data(section.title)}</a>'
        page.blocks.append(f"<p data-search-exclude>{facts}</p>")
        if term.details:
            page.heading(2, "More detail")
            page.blocks.append(f"<p>{self._prose(page, term.details)}</p>")
        if term.related:
            page.heading(2, "Related terms", exclude=True)
            items = []
            for ref in term.related:
                other = p.resolve_term(ref)
                assert other is not None
                items.append(self._per_folder(page, term_uri(other.id), ("related", other.id), lambda: (
                    f"<li>{self._term_link(page, other.id, other.term, tooltip=False)}: "
                    f"{_data(r.first[other.id])}</li>")))
            page.blocks.append("<ul>\n" + "\n".join(items) + "\n</ul>")
        page.heading(2, "Sources", exclude=True)
        items = []
        loose = False
        for n, key in enumerate(term.sources, start=1):
            sid, _, eid = key.partition("#")
            source = p.sources[sid]
            if eid:
                line = self._source_line(page, source, f"{source_uri(sid)}#{eid}")
            else:
                line = self._per_folder(page, source_uri(sid), ("source", sid),
                                        lambda: self._source_line(page, source, source_uri(sid)))
            if eid:
                ex = source.excerpts[eid]
                quote = (f"<blockquote>\n<p>{_block_data(ex.quote)}</p>\n"
                         f"<p>— {_data(author_short(source))}, {_data(ex.locator)}</p>\n</blockquote>")
                items.append(f"<li>\n<p>{line}</p>\n{quote}\n</li>")
                loose = True      # the item after a blank line is wrapped in <p> too
            elif loose:
                items.append(f"<li>\n<p>{line}</p>\n</li>")
                loose = False
            else:
                items.append(f"<li>{line}</li>")
        page.blocks.append("<ol>\n" + "\n".join(items) + "\n</ol>")
        pages = r.used_in[term.id]
        if pages:
            page.heading(2, "Used in", exclude=True)
            page.blocks.append("<ul>\n" + "\n".join(
                f'<li><a href="{page.href(topic_uri(pg.slug))}">{_data(pg.title)}</a></li>' for pg in pages) + "\n</ul>")
        if term.external:
            page.heading(2, "Identifiers", exclude=True)
            items = []
            for key, values in term.external.items():
                label, pattern = EXTERNAL_LINKS[key]
                links = ", ".join(f'<a href="{_attr(pattern.format(v))}">{_data(v)}</a>' for v in values)
                items.append(f"<li>{label}: {links}</li>")
            page.blocks.append("<ul>\n" + "\n".join(items) + "\n</ul>")
        changed = r.site.term_dates.get(term.id, r.site.today)
        self._cite_block(page, term.term, f"{GLOSSARY_DIR}/{term.id}/", changed, "Glossary entry", f"irref-{term.id}")
        return page.finish({"title": term.term, "description": r.plain_def[term.id]}, term.term)

    def _source_line(self, page: _Page, source, target: str) -> str:
        """A source in a term page's list: its citation, linked, and its identifier links."""
        line = f'<a href="{page.href(target)}">{_data(self.r.cite_plain[source.id])}</a>'
        ids = self._identifier_links(source)
        return line + " " + " · ".join(ids) if ids else line

    def _identifier_links(self, source) -> list[str]:
        """As render.identifier_links, in HTML."""
        out = self._identifiers.get(source.id)
        if out is not None:
            return out
        out = []
        for text, url in identifiers(source):
            if re.search(r"[\s<>\"'`\\]", url) or url.count("(") != url.count(")"):
                raise Declined(f"link {url!r}")
            out.append(f'<a href="{_attr(url)}">{_data(text)}</a>')
        self._identifiers[source.id] = out
        return out

    def _cite_block(self, page: _Page, title: str, url_path: str, changed: str, kind: str, key: str) -> None:
        """The HTML of render.Renderer.cite_block: a paragraph and two fenced code blocks."""
        url, plain, bibtex = self.r.cite_texts(title, url_path, changed, kind, key)
        if "```" in plain or "```" in bibtex:
            raise Declined("a code fence inside the citation")   # the Markdown would end the block early
        if _unsafe_data(url) or '"' in url:
            raise Declined("site URL")
        page.heading(2, "Cite this page", exclude=True)
        page.blocks.append(f'<p>Permanent link: <a href="{_attr(url)}">{_text(url)}</a><br />\nLast changed: {_data(changed)}</p>')
        page.blocks.append("<p>As text:</p>")
        page.blocks.append(f'<pre class="highlight"><code class="language-text">{_code(plain)}</code></pre>')
        page.blocks.append("<p>As BibTeX:</p>")
        page.blocks.append(f'<pre class="highlight"><code class="language-bibtex">{_code(bibtex)}</code></pre>')

    @_declinable
    def glossary_index(self) -> Prerendered:
        r, p = self.r, self.p
        uri = f"{GLOSSARY_DIR}/index.md"
        page = _Page(uri, self.opts)
        groups: dict[str, list[Term]] = {}
        for term in r.alphabetical:
            key = markup.sort_key(term.term)[:1].upper()
            letter = key if key.isalpha() else "0–9"
            groups.setdefault(letter, []).append(term)
        n = len(p.terms)
        page.heading(1, "Glossary")
        page.blocks.append(f"<p>{n} terms from A to Z. Each links to its own page with every other name for it, "
                           "related terms, sources and the topic pages that use it.</p>")
        page.blocks.append("<p><strong>Browse by section:</strong> " + " · ".join(
            f'<a href="{page.href(section_uri(s.id))}">{_data(s.title)}</a>' for s in p.sections) + "</p>")
        page.blocks.append("<p><strong>Download:</strong> "
                           f'<a href="{page.href("downloads/glossary.csv")}">CSV (spreadsheets, Anki)</a> · '
                           f'<a href="{page.href("downloads/glossary-moodle.xml")}">Moodle glossary XML</a> · '
                           f'<a href="{page.href("glossary.json")}">JSON</a> · '
                           f'<a href="{page.href(GLOSSARY_DIR + "/print.md")}">Printable A–Z</a></p>')
        page.blocks.append("<p><strong>Jump to letter:</strong> " + " ".join(
            f'<a href="#letter-{r._letter_id(letter)}">{letter}</a>' for letter in groups) + "</p>")
        for term in p.terms:
            page.anchors.add(term.id)
        for letter, terms in groups.items():
            page.heading(2, letter, exclude=True, id_=f"letter-{r._letter_id(letter)}")
            page.blocks.append("<ul>\n" + "\n".join(
                f'<li><a href="{page.href(term_uri(t.id))}" id="{t.id}"><strong>{_data(t.term)}</strong></a>: '
                f"{_data(r.first[t.id])}</li>" for t in terms) + "\n</ul>")
        description = f"All {n} terms of the insulin-resistance reference, A to Z, with short definitions."
        return page.finish({"title": "Glossary", "description": description}, "Glossary")

    @_declinable
    def print_page(self) -> Prerendered:
        r, p = self.r, self.p
        page = _Page(f"{GLOSSARY_DIR}/print.md", self.opts)
        page.heading(1, "Glossary of insulin resistance (A–Z)")
        page.blocks.append(f"<p>{_data(r.site.name)} · {_data(r.site.absolute(GLOSSARY_DIR + '/'))} · "
                           f"printed from the version of {_data(r.site.today)}</p>")
        items = []
        for term in r.alphabetical:
            items.append(f'<dt><a href="{page.href(term_uri(term.id))}"><strong>{_data(term.term)}</strong></a></dt>')
            line = _block_data(r.plain_def[term.id])
            if term.aliases:
                line += f" <em>Also:</em> {_data(', '.join(term.aliases))}."
            items.append(f"<dd>{line}</dd>")
        page.blocks.append("<dl>\n" + "\n".join(items) + "\n</dl>")
        meta = {"title": "Printable glossary", "description": "The whole glossary as one printable A–Z handout.",
                "search": {"exclude": True}}
        return page.finish(meta, "Glossary of insulin resistance (A–Z)")

    @_declinable
    def section_page(self, section_id: str) -> Prerendered:
        r, p = self.r, self.p
        section = p.section_by_id[section_id]
        uri = section_uri(section_id)
        page = _Page(uri, self.opts)
        page.heading(1, section.title)
        page.blocks.append(f"<p>{self._prose(page, section.summary)}</p>")
        terms = r.section_terms[section_id]
        page.heading(2, f"Terms in this section ({len(terms)})", exclude=True)
        if terms:
            page.blocks.append("<ul>\n" + "\n".join(
                f"<li>{self._term_link(page, t.id)}: {_data(r.first[t.id])}</li>" for t in terms) + "\n</ul>")
        others = [s for s in p.sections if s.id != section_id]
        page.heading(2, "Other sections", exclude=True)
        page.blocks.append("<p>" + " · ".join(
            f'<a href="{page.href(section_uri(s.id))}">{_data(s.title)}</a>' for s in others) + "</p>")
        page.blocks.append(f'<p><a href="{page.href(GLOSSARY_DIR + "/index.md")}">Whole glossary, A–Z</a></p>')
        meta = {"title": section.title, "description": markup.plain_text(section.summary)}
        return page.finish(meta, section.title)

    # -- spliced into source pages ---------------------------------------------------------------

    def cited_by_terms(self, source_id: str) -> str | None:
        """The 'Glossary terms: …' paragraph of a source page, or None to leave it to Markdown."""
        terms = self.r.cited_by_terms[source_id]
        if not terms:
            return None
        page = _Page(source_uri(source_id), self.opts)
        try:
            links = " · ".join(self._term_link(page, t.id) for t in self.r.a_to_z(terms))
        except Declined:
            return None
        return f"<p>Glossary terms: {links}</p>"

    # -- all ----------------------------------------------------------------------------------------

    def pages(self) -> dict[str, Prerendered]:
        out: dict[str, Prerendered | None] = {
            f"{GLOSSARY_DIR}/index.md": self.glossary_index(),
            f"{GLOSSARY_DIR}/print.md": self.print_page(),
        }
        for term in self.p.terms:
            out[term_uri(term.id)] = self.term_page(term)
        for section in self.p.sections:
            out[section_uri(section.id)] = self.section_page(section.id)
        return {uri: page for uri, page in out.items() if page is not None}


@dataclass
class Output:
    """Everything one build generates: Markdown and static files by path, pre-rendered pages, splices."""

    files: dict[str, str]
    prerendered: dict[str, Prerendered]
    splices: dict[str, tuple[str, str]]       # source page path -> (placeholder paragraph, its HTML)


def generate(renderer: Renderer, opts: Options | None) -> Output:
    """Render everything the build needs; with ``opts`` None, every page is Markdown."""
    prerendered: dict[str, Prerendered] = {}
    splices: dict[str, tuple[str, str]] = {}
    placeholders: dict[str, str] = {}
    if opts is not None:
        html_pages = HtmlPages(renderer, opts)
        prerendered = html_pages.pages()
        for sid in renderer.p.sources:
            paragraph = html_pages.cited_by_terms(sid)
            if paragraph is not None:
                marker = f"IRSITESPLICE{len(splices)}X"
                placeholders[sid] = marker
                splices[source_uri(sid)] = (f"<p>{marker}</p>", paragraph)
    # The Markdown of a pre-rendered page is never converted; a stub keeps its front matter.
    stubs = {uri: yaml_front_matter(pre.meta) + f"# {pre.title}\n\n(HTML written by irsite.prerender.)\n"
             for uri, pre in prerendered.items()}
    return Output(renderer.files(instead=stubs, placeholders=placeholders), prerendered, splices)
