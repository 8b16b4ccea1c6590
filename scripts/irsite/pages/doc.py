"""One description of a generated page, and the two writers that turn it into Markdown or HTML.

:mod:`irsite.render` describes each generated page once, as a :class:`Doc`: a title, front matter
and a short list of blocks (headings, paragraphs, lists, quotes, boxes, code) whose text is made of
spans (plain text, links, bold, italics, and author text in inline Markdown). A page's look is
changed there, in one place.

* :func:`to_markdown` writes the Markdown that ``irsite export`` ships and that any MkDocs-like
  builder can convert (Python-Markdown with ``attr_list``, ``def_list``, ``admonition``, ``toc``).
* :func:`to_html` writes the HTML that Python-Markdown would make of it, for the MkDocs plugin to
  hand over in ``on_page_content`` instead of converting thousands of generated pages (about 3 ms
  each). It covers the inline Markdown our data uses (bold, italics, code, links); author text with
  anything else raises :class:`NeedsMarkdown`, and that page is converted by MkDocs as usual.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Union

# -- spans ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link. ``to`` is a docs path (``glossary/x.md``, ``x.md#anchor``, ``#anchor``) or an absolute URL."""

    text: "Spans"
    to: str
    title: str = ""
    cls: str = ""
    id: str = ""
    download: str = ""              # a file name: the browser saves the target instead of opening it


@dataclass(frozen=True)
class Strong:
    text: "Spans"


@dataclass(frozen=True)
class Em:
    text: "Spans"


@dataclass(frozen=True)
class Md:
    """Author text in inline Markdown (term links and citations already turned into Links)."""

    text: str


@dataclass(frozen=True)
class Anchor:
    """An extra anchor (an old id that links must keep reaching)."""

    id: str


Span = Union[str, Link, Strong, Em, Md, Anchor]
Spans = Union[Span, list]           # a span or a list of spans

# -- blocks --------------------------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    text: str                       # plain text
    id: str = ""                    # explicit id; by default the toc extension's slug of the text
    exclude: bool = False           # left out of the search index


@dataclass
class Para:
    lines: list                     # each a Spans; shown with line breaks between them
    exclude: bool = False
    lang: str = ""                  # the paragraph's language, where not English


@dataclass
class Item:
    text: Spans
    blocks: list = field(default_factory=list)   # nested blocks (a quotation under a source)


@dataclass
class ItemList:
    items: list                     # Item or Spans
    ordered: bool = False
    lang: str = ""                  # the items' language, where not English
    exclude: bool = False           # left out of the search index


@dataclass
class DefList:
    items: list                     # (term Spans, definition Spans)


@dataclass
class Quote:
    paras: list                     # each a Spans


@dataclass
class Box:
    """An admonition: ``kind`` is note, warning, abstract..."""

    kind: str
    title: str
    blocks: list
    folded: bool = False            # a collapsible box (pymdownx.details), closed until opened


@dataclass
class Code:
    lang: str
    text: str


@dataclass
class MdBlock:
    """Author Markdown with block structure (a topic page's body): written as it is."""

    text: str


@dataclass
class Raw:
    """Generated HTML with no blank line (a form), written as it is."""

    html: str


@dataclass
class Doc:
    uri: str                        # the page's path in the docs tree (``glossary/x.md``)
    title: str
    meta: dict                      # front matter
    blocks: list

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


class NeedsMarkdown(Exception):
    """Author text uses Markdown that :func:`to_html` does not write; convert the page from Markdown."""


# -- URLs ----------------------------------------------------------------------------------------


def md_path(from_uri: str, to: str) -> str:
    """A link target as written in Markdown: a docs path relative to the page's own file."""
    if to.startswith(("#", "http://", "https://", "mailto:")):
        return to
    path, hash_, anchor = to.partition("#")
    base = posixpath.dirname(from_uri)
    return posixpath.relpath(path, base or ".") + hash_ + anchor


def page_url(uri: str) -> str:
    """The URL of a docs file with directory URLs: ``glossary/x.md`` -> ``glossary/x/``."""
    if not uri.endswith(".md"):
        return uri
    path = uri[:-3]
    if path == "index":
        return ""
    return path[:-5] if path.endswith("/index") else path + "/"


def html_href(from_uri: str, to: str) -> str:
    """A link target as MkDocs writes it in the built page (directory URLs; its get_relative_url)."""
    if to.startswith(("#", "http://", "https://", "mailto:")):
        return to
    path, hash_, anchor = to.partition("#")
    target = page_url(path)
    base = [p for p in page_url(from_uri).split("/") if p]
    dest = [p for p in target.split("/") if p]
    common = 0
    for a, b in zip(base, dest):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return (rel + "/" if target.endswith("/") else rel) + hash_ + anchor


# -- Markdown writer -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"[\[\]*_`<>\\]")


def md_escape(text: str) -> str:
    """Data text (a name, a title) as Markdown that shows it literally."""
    if not _MD_SPECIAL.search(text):
        return text
    return re.sub(r"([\[\]*_`\\])", r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


def _md_spans(spans: Spans, uri: str, refs: dict | None = None) -> str:
    if isinstance(spans, str):
        return md_escape(spans)
    if isinstance(spans, list):
        return "".join(_md_spans(s, uri, refs) for s in spans)
    if isinstance(spans, Md):
        return spans.text
    if isinstance(spans, Strong):
        return f"**{_md_spans(spans.text, uri, refs)}**"
    if isinstance(spans, Em):
        return f"*{_md_spans(spans.text, uri, refs)}*"
    if isinstance(spans, Anchor):
        return f'<span id="{spans.id}"></span>'
    link = spans
    title = f' "{link.title.replace(chr(34), "&quot;")}"' if link.title else ""
    attrs = " ".join(([f".{link.cls}"] if link.cls else []) + ([f"#{link.id}"] if link.id else [])
                     + ([f'download="{link.download}"'] if link.download else []))
    attrs = f"{{ {attrs} }}" if attrs else ""
    target, text = md_path(uri, link.to), _md_spans(link.text, uri, refs)
    if target.startswith(("http://", "https://")) and not link.title and not attrs and text == target:
        return f"<{target}>"
    if refs is None or re.search(r"[\s\[\]]", target):
        return f"[{text}]({target}{title})" + attrs
    # a reference link: the label is the target and a digest of it and the title, so that bodies
    # written apart (the print page's) share a page without a clash, and targets that differ only in
    # case (Markdown folds a label's case) keep labels of their own
    label = f"{target} {hashlib.blake2b((target + title).encode(), digest_size=4).hexdigest()}"
    refs[label] = f"[{label}]: {target}{title}"
    return f"[{text}][{label}]" + attrs


_BLOCK_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+*>#])(?=\s|$)")


def _md_line(spans: Spans, uri: str) -> str:
    """Spans that start a block: text that Markdown would read as a list, quote or heading marker
    ("2. ...", "- ...") gets a backslash, so it shows as written."""
    text = _md_spans(spans, uri)
    first = spans[0] if isinstance(spans, list) and spans else spans
    if isinstance(first, str):
        text = _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text, 1)
    return text


def spans_markdown(spans: Spans, uri: str, block: bool = False) -> str:
    """Spans as inline Markdown, for a page at docs path ``uri``. As a ``block`` (a topic page's
    body), its links are reference links, defined after it: after each link Python-Markdown 3.11 scans
    its paragraph again to the end, and inline links carry long titles (the terms' definitions). The
    real site's pages took it 2.6 s to convert, 2.1 s with reference links (3.10, slower with those:
    2.2 s against 1.7). The HTML is the same."""
    refs: dict | None = {} if block else None
    text = _md_spans(spans, uri, refs)
    return text.rstrip("\n") + "\n\n" + "\n".join(refs.values()) if refs else text


def _md_block(block, uri: str, indent: str = "") -> list[str]:
    if isinstance(block, Heading):
        attrs = (f" #{block.id}" if block.id else "") + (" data-search-exclude" if block.exclude else "")
        return [f"{'#' * block.level} {md_escape(block.text)}" + (f" {{{attrs} }}" if attrs else ""), ""]
    if isinstance(block, Para):
        text = "  \n".join(_md_line(line, uri) for line in block.lines)
        attrs = (" data-search-exclude" if block.exclude else "") + (f' lang="{block.lang}"' if block.lang else "")
        return [*(text + (f"\n{{{attrs} }}" if attrs else "")).split("\n"), ""]
    if isinstance(block, ItemList):
        out = []
        for n, item in enumerate(block.items, start=1):
            item = item if isinstance(item, Item) else Item(item)
            out.append(f"{n}. " if block.ordered else "- ")
            out[-1] += _md_line(item.text, uri)
            attrs = (f' lang="{block.lang}"' if block.lang else "") + (" data-search-exclude" if block.exclude else "")
            out += [f"  {{{attrs} }}"] if attrs else []
            if item.blocks:
                out.append("")
                for inner in item.blocks:
                    out.extend("    " + line if line else "" for line in _md_block(inner, uri))
        return out + [""]
    if isinstance(block, DefList):
        out = []
        for term, definition in block.items:
            out += [_md_line(term, uri), f":   {_md_line(definition, uri)}", ""]
        return out
    if isinstance(block, Quote):
        lines = []
        for para in block.paras:
            lines += [">"] if lines else []
            lines.append("> " + _md_line(para, uri))
        return lines + [""]
    if isinstance(block, Box):
        out = [f'{"???" if block.folded else "!!!"} {block.kind} "{block.title}"', ""]
        for inner in block.blocks:
            out.extend("    " + line if line else "" for line in _md_block(inner, uri))
        return out
    if isinstance(block, Code):
        return [f"```{block.lang}", block.text, "```", ""]
    if isinstance(block, (MdBlock, Raw)):
        return [block.text.strip("\n") if isinstance(block, MdBlock) else block.html, ""]
    raise TypeError(block)


def _front_matter(meta: dict, indent: str = "") -> str:
    out = []
    for key, value in meta.items():
        if isinstance(value, dict):
            out.append(f"{indent}{key}:\n" + _front_matter(value, indent + "  "))
        else:
            out.append(f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}\n")
    return "".join(out)


def to_markdown(doc: Doc) -> str:
    front = _front_matter(doc.meta)
    lines = [f"---\n{front}---\n", f"# {md_escape(doc.title)}", ""]
    for block in doc.blocks:
        lines.extend(_md_block(block, doc.uri))
    return "\n".join(lines).rstrip("\n") + "\n"


def stub_markdown(doc: Doc) -> str:
    """What MkDocs converts when the plugin hands over the HTML: the title and headings (for the
    table of contents and the anchors other pages may link to); the plugin gives the front matter."""
    headings = [Heading(h.level, h.text, h.id) for h in doc.headings()]
    return to_markdown(Doc(doc.uri, doc.title, {}, headings)).split("---\n", 2)[2]


# -- HTML writer ---------------------------------------------------------------------------------


def _text(s: str) -> str:
    return html.escape(s, quote=False)


def _attr(s: str) -> str:
    return html.escape(s, quote=True).replace("&#x27;", "'")


# The inline Markdown of author text that the HTML writer handles: escapes, code, bold, italics and
# links; anything else with a Markdown meaning (raw HTML, entities, images, line-start markers...)
# is left to Python-Markdown.
_MD_INLINE = re.compile(
    r"\\(?P<esc>[\\`*_{}\[\]()#+\-.!])"
    r"|`(?P<code>[^`\n]+)`"
    r"|\*\*(?P<strong>[^*\n]+?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![\w*])"
    r"|(?<!\w)_(?P<em2>[^_\s](?:[^_\n]*?[^_\s])?)_(?!\w)"
    r"|\[(?P<ltext>[^\[\]\n]+)\]\((?P<href>https?://[^\s()<>\"]+)\)"
    r"|(?P<bad>[<>\[\]*_`\\{}!\n]|&#|^\s*(?:[-+*>#]|\d+[.)])\s)"
)


def md_inline_html(text: str) -> str:
    def replace(m: re.Match) -> str:
        kind = m.lastgroup
        if kind == "bad":
            raise NeedsMarkdown(text[:60])
        value = m.group(kind)
        if kind == "esc":
            return _text(value)
        if kind == "code":
            return f"<code>{_text(value)}</code>"
        if kind == "strong":
            return f"<strong>{md_inline_html(value)}</strong>"
        if kind in ("em", "em2"):
            return f"<em>{md_inline_html(value)}</em>"
        return f'<a href="{_attr(m.group("href"))}">{md_inline_html(value)}</a>'

    out, pos = [], 0
    for m in _MD_INLINE.finditer(text):
        out.append(_plain(text[pos:m.start()]))
        out.append(replace(m))
        pos = m.end()
    out.append(_plain(text[pos:]))
    return "".join(out)


def _plain(s: str) -> str:
    if "&" in s:
        s = re.sub(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", "&amp;", s, flags=re.I)
    return s


@dataclass
class HtmlOptions:
    """What the writer needs from the site's Markdown settings (the ``toc`` extension's)."""

    slugify: Callable[[str, str], str]
    permalink_title: str = "Link to this section"


# (link, parent of the page's URL) -> the link's HTML. A relative link comes out the same from
# every page whose URL has the same parent, unless it points inside the page's own URL; term links
# recur on hundreds of pages.
_LINKS: dict[tuple, str] = {}


class _HtmlWriter:
    def __init__(self, doc: Doc, opts: HtmlOptions):
        self.uri = doc.uri
        self.url = page_url(doc.uri)
        self.parent = posixpath.dirname(self.url.rstrip("/"))
        self.opts = opts
        # The toc extension keeps explicit ids and makes the others unique ("x", "x_1", ...).
        self.ids = {h.id for h in doc.headings() if h.id}

    def heading_id(self, text: str) -> str:
        hid = self.opts.slugify(text, "-")
        while hid in self.ids or not hid:
            m = re.match(r"^(.*)_([0-9]+)$", hid)
            hid = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{hid}_1"
        self.ids.add(hid)
        return hid

    def spans(self, spans: Spans) -> str:
        if isinstance(spans, str):
            return _text(spans)
        if isinstance(spans, list):
            return "".join(self.spans(s) for s in spans)
        if isinstance(spans, Md):
            return md_inline_html(spans.text)
        if isinstance(spans, Strong):
            return f"<strong>{self.spans(spans.text)}</strong>"
        if isinstance(spans, Em):
            return f"<em>{self.spans(spans.text)}</em>"
        if isinstance(spans, Anchor) or spans.id:
            # MkDocs learns a page's anchors from its own conversion (to check links to them), and
            # the stub only has the headings: a page with other anchors is converted from Markdown.
            raise NeedsMarkdown(f"an anchor on a link (#{spans.id})")
        key = (spans, self.parent)
        # (a link into the page's own folder differs between pages with the same parent)
        shared = isinstance(spans.text, str) and not page_url(spans.to.partition("#")[0]).startswith(self.url or "\0")
        cached = _LINKS.get(key) if shared else None
        if cached is None:
            # Attributes in the order MkDocs writes them (attr_list's download before the rewritten href).
            attrs = f' class="{spans.cls}"' if spans.cls else ""
            attrs += f' download="{_attr(spans.download)}"' if spans.download else ""
            attrs += f' href="{_attr(html_href(self.uri, spans.to))}"'
            attrs += f' title="{_attr(spans.title)}"' if spans.title else ""
            cached = f"<a{attrs}>{self.spans(spans.text)}</a>"
            if shared:
                _LINKS[key] = cached
        return cached

    def heading(self, level: int, text: str, hid: str = "", exclude: bool = False) -> str:
        hid = self.last_id = hid or self.heading_id(text)
        ex = " data-search-exclude" if exclude else ""
        link = f'<a class="headerlink" href="#{hid}" title="{_attr(self.opts.permalink_title)}">&para;</a>'
        return f"<h{level}{ex} id=\"{hid}\">{_text(text)}{link}</h{level}>"

    def block(self, block) -> str:
        if isinstance(block, Heading):
            return self.heading(block.level, block.text, block.id, block.exclude)
        if isinstance(block, Para):
            ex = (" data-search-exclude" if block.exclude else "") + (f' lang="{block.lang}"' if block.lang else "")
            return f"<p{ex}>" + "<br />\n".join(self.spans(line) for line in block.lines) + "</p>"
        if isinstance(block, ItemList):
            tag = "ol" if block.ordered else "ul"
            items, loose = [], False
            lang = (f' lang="{block.lang}"' if block.lang else "") + (" data-search-exclude" if block.exclude else "")
            for item in block.items:
                item = item if isinstance(item, Item) else Item(item)
                # Python-Markdown wraps an item in a paragraph when it holds blocks, or when it
                # follows one that did (a blank line came before it).
                if item.blocks or loose:
                    inner = "\n".join([f"<p>{self.spans(item.text)}</p>"] + [self.block(b) for b in item.blocks])
                    items.append(f"<li{lang}>\n{inner}\n</li>")
                else:
                    items.append(f"<li{lang}>{self.spans(item.text)}</li>")
                loose = bool(item.blocks)
            return f"<{tag}>\n" + "\n".join(items) + f"\n</{tag}>"
        if isinstance(block, DefList):
            rows = "".join(f"<dt>{self.spans(t)}</dt>\n<dd>{self.spans(d)}</dd>\n" for t, d in block.items)
            return f"<dl>\n{rows}</dl>"
        if isinstance(block, Quote):
            return "<blockquote>\n" + "\n".join(f"<p>{self.spans(p)}</p>" for p in block.paras) + "\n</blockquote>"
        if isinstance(block, Box) and not block.folded:
            inner = "\n".join(self.block(b) for b in block.blocks)
            return (f'<div class="admonition {block.kind}">\n<p class="admonition-title">{_text(block.title)}</p>\n'
                    f"{inner}\n</div>")
        if isinstance(block, Code):
            return f'<pre class="highlight"><code class="language-{block.lang}">{_text(block.text)}</code></pre>'
        if isinstance(block, Raw):
            return block.html + "\n"          # Python-Markdown leaves a blank line after a raw block
        if isinstance(block, (MdBlock, Box)):
            raise NeedsMarkdown("a page body in Markdown, or a collapsible box")
        raise TypeError(block)


@dataclass
class Html:
    """A page's HTML, and the entries Material's search would index from it."""

    html: str
    search: list            # (heading id or "" for the page itself, title, text)


def to_html(doc: Doc, opts: HtmlOptions) -> Html:
    """The page's HTML as MkDocs would make it from :func:`to_markdown` (raises NeedsMarkdown)."""
    w = _HtmlWriter(doc, opts)
    parts = [w.heading(1, doc.title)]
    sections = [["", doc.title, False, []]]
    for block in doc.blocks:
        parts.append(w.block(block))
        if isinstance(block, Heading):
            sections.append([w.last_id, block.text, block.exclude, []])
        else:
            sections[-1][3].append(parts[-1])
    search = [(hid, _text(title).strip(), search_text("\n" + "\n".join(blocks) + "\n").strip())
              for hid, title, excluded, blocks in sections if not excluded]
    return Html("\n".join(parts).rstrip("\n"), search)


# What Material's search plugin keeps of a section's HTML (its Parser): the text, re-escaped, and
# these tags; an element marked data-search-exclude is left out with its content; white space
# between elements becomes one space (except in <pre>); a kept element holding only white space is
# dropped. Reproduced here for the pages written above, whose HTML is simple and well formed, so
# that the plugin can give search their entries without its parsing every page (the build tests
# compare the search index with the one Material makes itself).
_KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_VOID = {"br", "hr", "img", "input", "wbr", "meta", "link", "area", "base", "col", "embed", "source", "track"}
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)")


def search_text(fragment: str) -> str:
    out: list[str] = []
    stack: list[tuple[str, bool]] = []     # open elements: (tag, excluded)
    skipping = 0
    for m in _TOKEN.finditer(fragment):
        close, tag, attrs, data = m.groups()
        if data is not None:
            if skipping:
                continue
            data = html.unescape(data)
            in_pre = any(t == "pre" for t, _ in stack)
            if not in_pre:
                data = " " if data.isspace() else data.replace("\n", " ")
            if data.isspace():
                if not out or not out[-1].isspace() or in_pre:
                    out.append(data)
            else:
                out.append(html.escape(data, quote=False))
            continue
        tag = tag.lower()
        if not close:
            if tag in _VOID:
                continue
            excluded = "data-search-exclude" in attrs
            stack.append((tag, excluded))
            if excluded:
                skipping += 1
            elif not skipping and tag in _KEEP:
                out.append(f"<{tag}>")
            continue
        if not stack or stack[-1][0] != tag:
            continue
        _, excluded = stack.pop()
        if excluded:
            skipping -= 1
        elif not skipping and tag in _KEEP:
            start = out.index(f"<{tag}>")          # (Material looks for the first such tag)
            if all(x.isspace() for x in out[start + 1:]):
                del out[start:]
            else:
                out.append(f"</{tag}>")
    return "".join(out)
