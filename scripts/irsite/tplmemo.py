"""Reuse the parts of Material's page template that come out the same on many pages.

MkDocs renders the theme's whole page template once per page. On this site most pages (term,
source and section pages) sit outside the navigation, and several parts of the template come out
byte for byte the same on thousands of them:

* ``partials/nav.html``, the navigation sidebar: on a page outside the nav no item is active and
  the page itself is not listed, so the sidebar depends only on the folder its relative links are
  read from. Pages that are siblings (``glossary/a/``, ``glossary/b/``) share one rendering.
* the ``config`` block of ``base.html`` (the JSON settings of Material's JavaScript): it depends
  only on the site's configuration and, through relative links, on the page's folder as above.
* ``partials/search.html`` and ``partials/palette.html``, the search box and the colour switch:
  they depend on the site's configuration alone, so they are rendered once per build.

This is build speed only: every page comes out exactly as without it. ``tests/test_prerender.py``
builds sites with and without it and compares every file. To stay exact it steps in only where
that follows from the templates themselves:

* The nav is reused only while ``partials/nav.html`` and ``partials/nav-item.html`` are Material's
  own files (an override in ``custom_dir`` may use the page in ways this module cannot know), and
  only while those use the page just to compare it with nav items and for the active item's table
  of contents, as Material 9 does.
  It is reused only for pages that are not in the nav, while no nav item is active.
* A relative link reads the same from sibling folders unless it points at the page itself or into
  its folder (MkDocs' ``get_relative_url``). So sharing by folder is limited to pages whose own
  folder holds no other file of the site and is not the target of any nav link.
* A "constant" partial is reused only if its Jinja code mentions neither the page, the nav, nor a
  URL; the ``config`` block only while ``base.html`` is Material's own and the block's code
  mentions neither the page nor the nav.

Jinja's ``{% include %}`` calls the included template's ``root_render_func``, and ``base.html``
calls its blocks through ``Template.blocks``; this module wraps those functions on the template
objects of one build's Jinja environment. Nothing else changes. A builder that does not run this
plugin (Zensical) renders every part, as before.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

NAV = "partials/nav.html"
NAV_ITEM = "partials/nav-item.html"
BASE = "base.html"
CONSTANT = ("partials/search.html", "partials/palette.html")

# How Material's nav templates may mention the page for the nav to be shared by pages outside it:
# only to compare it with nav items (``page in nav_item.pages``, ``nav_item == page``), and for the
# table of contents of the one active item. Any other use (a future ``page.meta`` test, say) turns
# reuse off.
_NAV_PAGE_USES = {"page", "page.toc"}

# What a partial's Jinja code must not mention to count as the same on every page, and what a part
# shared by the pages of a folder must not mention (it may use relative URLs).
_PAGE_DEPENDENT = re.compile(r"\b(?:page|nav|nav_item|base_url|url|toc|meta)\b")
_FOLDER_DEPENDENT = re.compile(r"\b(?:page|nav|nav_item|toc|meta)\b")


class TemplateMemo:
    """One build's memo of rendered template parts, with counts of what it reused."""

    def __init__(self, file_urls: Iterable[str] = ()) -> None:
        self.parts: dict[tuple, str] = {}
        self.renders = 0     # parts rendered and kept for reuse
        self.reused = 0      # parts served from the memo
        self.wrapped: list[str] = []
        # Folders (URL paths without a trailing slash) that hold a file of the site other than
        # their own index page.
        self._occupied = _occupied_folders(file_urls)
        self._nav_id: int | None = None
        self._nav_pages: set[int] = set()
        self._nav_items: list[Any] = []
        self._nav_urls: tuple[str, ...] = ()
        self._places: dict[str, tuple | None] = {}
        self._nav_places: dict[str, tuple | None] = {}

    # -- installing -----------------------------------------------------------------------------

    def install(self, env: Any, theme: str | None, custom_dir: str | Path | None) -> list[str]:
        """Wrap the reusable parts of ``env``, the Jinja environment of a build with ``theme``
        overridden from ``custom_dir``; returns the names wrapped."""
        override = Path(custom_dir).resolve() if custom_dir else None
        if theme == "material":
            if not any(_from_dir(env, name, override) for name in (NAV, NAV_ITEM)) and _nav_uses_of_page(env):
                self._wrap(env, NAV, None, self._nav_key)
            config_block = _block(_source(env, BASE) or "", "config")
            if not _from_dir(env, BASE, override) and config_block is not None and not any(
                    _FOLDER_DEPENDENT.search(code) for code in _jinja_code(config_block)):
                self._wrap(env, BASE, "config", self._folder_key)
        for name in CONSTANT:
            source = _source(env, name)
            if source is not None and not any(_PAGE_DEPENDENT.search(code) for code in _jinja_code(source)):
                self._wrap(env, name, None, lambda context: ())
        return self.wrapped

    def _wrap(self, env: Any, name: str, block: str | None,
              key_of: Callable[[Any], tuple | None]) -> None:
        try:
            template = env.get_template(name)
            render = template.blocks[block] if block else template.root_render_func
        except Exception:  # noqa: BLE001 - no such template or block: it renders as usual
            return
        memo, label = self, f"{name}#{block}" if block else name

        def render_once(context: Any) -> Iterator[str]:
            key = key_of(context)
            if key is None:
                yield from render(context)
                return
            key = (label,) + key
            text = memo.parts.get(key)
            if text is None:
                text = "".join(render(context))
                memo.parts[key] = text
                memo.renders += 1
            else:
                memo.reused += 1
            yield text

        if block:
            template.blocks[block] = render_once
        else:
            template.root_render_func = render_once
        self.wrapped.append(label)

    # -- keys -----------------------------------------------------------------------------------

    def _folder_key(self, context: Any) -> tuple | None:
        """The place this page's relative links are read from, shared with its siblings, or None."""
        page = context.get("page")
        url = getattr(page, "url", None)
        if not isinstance(url, str):
            return None
        if url not in self._places:
            self._places[url] = self._place(url)
        place = self._places[url]
        return None if place is None else place + (context.get("base_url"),)

    def _place(self, url: str) -> tuple | None:
        if not url or url.startswith(("/", "http:", "https:")) or "#" in url or "?" in url:
            return None
        if "." in posixpath.split(url)[1]:     # a file name: links are read from its folder
            return ("file", posixpath.dirname(url), url)   # (the url too: a link to the page differs)
        inside = url.rstrip("/")                # a folder: links are read from inside it
        if inside in self._occupied:
            return None
        return ("folder", posixpath.dirname(inside))

    def _nav_key(self, context: Any) -> tuple | None:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None:
            return None
        if id(nav) != self._nav_id:
            self._learn_nav(nav)
        if id(page) in self._nav_pages or any(getattr(item, "active", False) for item in self._nav_items):
            return None
        key = self._folder_key(context)
        if key is None:
            return None
        url = page.url
        if url not in self._nav_places:
            self._nav_places[url] = self._nav_place(url, key)
        place = self._nav_places[url]
        return None if place is None else (id(nav),) + place

    def _nav_place(self, url: str, key: tuple) -> tuple | None:
        if key[0] == "file":
            if url in self._nav_urls:
                return None
            return key[:2] + key[3:]   # siblings share the nav as long as it does not link to them
        inside = url.rstrip("/")
        if any(u.rstrip("/") == inside or u.startswith(inside + "/") for u in self._nav_urls):
            return None
        return key

    def _learn_nav(self, nav: Any) -> None:
        self._nav_id = id(nav)
        self._nav_items = list(_walk(getattr(nav, "items", ()) or ()))
        self._nav_pages = {id(p) for p in getattr(nav, "pages", ()) or ()}
        urls = [item.url for item in self._nav_items if isinstance(getattr(item, "url", None), str)]
        homepage = getattr(nav, "homepage", None)
        if homepage is not None and isinstance(getattr(homepage, "url", None), str):
            urls.append(homepage.url)
        self._nav_urls = tuple(urls)
        self._nav_places = {}


def _occupied_folders(file_urls: Iterable[str]) -> set[str]:
    """Folders holding a file other than their own ``index.html``, and every folder above those."""
    occupied: set[str] = set()
    for url in file_urls:
        folder, name = posixpath.split(url.lstrip("/"))
        if name == "index.html":
            folder = posixpath.dirname(folder)   # a folder's own index page does not occupy it
        while folder and folder not in occupied:
            occupied.add(folder)
            folder = posixpath.dirname(folder)
    return occupied


def _nav_uses_of_page(env: Any) -> bool:
    """True if the nav templates use the page only in the ways :data:`_NAV_PAGE_USES` allows."""
    uses: set[str] = set()
    for name in (NAV, NAV_ITEM):
        source = _source(env, name)
        if source is None:
            return False
        uses.update(m for code in _jinja_code(source) for m in re.findall(r"\bpage\b(?:\s*\.\s*\w+)*", code))
    return {re.sub(r"\s+", "", u) for u in uses} <= _NAV_PAGE_USES


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        children = getattr(item, "children", None)
        if children:
            yield from _walk(children)


def _source(env: Any, name: str) -> str | None:
    try:
        source, _filename, _uptodate = env.loader.get_source(env, name)
    except Exception:  # noqa: BLE001 - no such template
        return None
    return source


def _from_dir(env: Any, name: str, directory: Path | None) -> bool:
    """True if template ``name`` comes from ``directory``, or cannot be located at all."""
    try:
        _source_text, filename, _uptodate = env.loader.get_source(env, name)
    except Exception:  # noqa: BLE001
        return True
    if filename is None:
        return True
    return directory is not None and directory in Path(filename).resolve().parents


def _block(source: str, name: str) -> str | None:
    """The text of block ``name`` in a template's source (blocks in it are not expected)."""
    match = re.search(r"\{%%-?\s*block\s+%s\s*-?%%\}(.*?)\{%%-?\s*endblock" % re.escape(name), source, re.S)
    return match.group(1) if match else None


_JINJA_CODE = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)


def _jinja_code(source: str) -> list[str]:
    """The expressions and statements of a Jinja template (its HTML text and comments left out)."""
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    return [a or b for a, b in _JINJA_CODE.findall(source)]
