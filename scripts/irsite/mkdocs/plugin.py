"""MkDocs plugin: hands the generated pages to MkDocs. All the work is done by MkDocs-free modules.

* ``on_config``: load and validate all data (before MkDocs cleans its output folder), describe every
  generated page, watch the data for ``mkdocs serve``, list the topic and section pages in the
  navigation, and stage ``mkdocs build`` in a temporary folder so a failed build leaves ``site/``;
* ``on_files``: add the generated pages and exports as files (never written into ``docs/``);
* ``on_page_content``: the HTML of a generated page, written from its description;
* ``on_post_build``: add the term-name documents to the search index, then publish the staged site.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import dates, render, search
from ..load import GLOSSARY, load_project
from ..pages import doc
from ..problems import DataError
from .config import IRSiteConfig

log = logging.getLogger("mkdocs.plugins.irsite")

_UNSAFE_HTML = re.compile(r"(?i)<script\b|<iframe\b|<object\b|<embed\b|\son[a-z]+\s*=|javascript:")


class _WarningCount(logging.Handler):
    """Counts the warnings of one build, as strict mode will (a standard logging handler)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class IRSitePlugin(BasePlugin[IRSiteConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.markdown: dict[str, str] = {}     # docs path -> Markdown (or a stub, where html has the page)
        self.html: dict[str, doc.Html] = {}    # docs path -> the page's HTML and search entries
        self.meta: dict[str, dict] = {}        # docs path -> front matter of a page given as HTML
        self.pages: list[tuple[str, str]] = [] # (URL, docs path) of every page, in build order
        self.static: dict[str, str | bytes] = {}   # exports, redirect pages and the offline copy
        self.offline = b""
        self.unsearched: set[str] = set()      # generated pages kept out of search by their front matter
        self.staging: str | None = None
        self.final_site: str | None = None
        self.warnings = _WarningCount()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(50)
    def on_config(self, config: Any) -> Any:
        root = Path(self.config.root or os.path.dirname(config.config_file_path or ".")).resolve()
        for path in (root / GLOSSARY, root / "content"):
            if str(path) not in config.watch and path.exists():
                config.watch.append(str(path))
        try:
            self.project = load_project(root)
        except DataError as exc:
            raise PluginError(exc.report()) from None
        self.offline = self._offline_copy(config, root) if self.config.offline_copy and self.command == "build" else b""
        site = render.Site(url=config.site_url or "https://example.org/", name=config.site_name,
                           term_dates=dates.term_dates(self.project), page_dates=dates.page_dates(self.project),
                           directory_urls=config.use_directory_urls, offline_zip=len(self.offline))
        self.renderer = render.Renderer(self.project, site)
        self._describe_pages(config)
        if isinstance(config.nav, list):
            config.nav = render.expand_nav(config.nav, self.project)
        self.pages = []

        self.warnings.count = 0
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self.final_site = self.staging = None
        if self.command == "build" and self.config.stage:
            self.final_site = config.site_dir
            self.staging = config.site_dir.rstrip("/\\") + ".staging"
            shutil.rmtree(self.staging, ignore_errors=True)
            config.site_dir = self.staging
        return config

    def _offline_copy(self, config: Any, root: Path) -> bytes:
        """The site built again for reading from the disk, zipped. A second MkDocs build, through its
        command line, of the same mkdocs.yml (INHERIT) with Material's offline plugin, which turns
        directory URLs off and inlines the search index; a local copy of its file:// worker shim stands
        in for the one it would fetch from a CDN."""
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "site"
            settings = {"INHERIT": str(Path(config.config_file_path).resolve()), "site_dir": str(out),
                        "docs_dir": str(Path(config.docs_dir).resolve()), "use_directory_urls": False,
                        "plugins": [{"irsite": {"root": str(root), "offline_copy": False, "stage": False}}, "search", "offline"],
                        "extra": {"polyfills": ["assets/javascripts/vendor/iframe-worker-shim.js"]}}
            # Without instant navigation, which Material cannot do from file:// (its pages' scripts
            # would never be told that the page is ready).
            settings["theme"] = {"features": [f for f in config.theme.get("features", []) if not f.startswith("navigation.instant")]}
            if config.theme.custom_dir:
                settings["theme"]["custom_dir"] = str(Path(config.theme.custom_dir).resolve())
            yml = Path(tmp) / "offline.yml"
            yml.write_text(json.dumps(settings), encoding="utf-8")     # JSON is YAML
            log.info("irsite: building the offline copy")
            done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(yml)], cwd=root,
                                  capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            if done.returncode != 0:
                raise PluginError(f"the offline copy of the site failed to build:\n{done.stderr.strip()}")
            buffer = io.BytesIO()    # the same files give the same zip: sorted, with a fixed date
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
                for path in sorted(p for p in out.rglob("*") if p.is_file()):
                    info = zipfile.ZipInfo(f"insulin-resistance-reference/{path.relative_to(out).as_posix()}",
                                           date_time=(2026, 1, 1, 0, 0, 0))
                    zf.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            return buffer.getvalue()

    def _describe_pages(self, config: Any) -> None:
        opts = self._html_options(config)
        self.markdown, self.html, self.meta, self.unsearched = {}, {}, {}, set()
        for uri, describe in self.renderer.docs().items():
            page = describe()
            if opts is not None:
                try:
                    self.html[uri] = doc.to_html(page, opts)
                    if page.meta.get("search", {}).get("exclude"):
                        self.unsearched.add(uri)
                    # The stub's front matter is given in on_page_markdown (no YAML to parse).
                    self.meta[uri] = {**page.meta, "search": {"exclude": True}}
                    self.markdown[uri] = doc.stub_markdown(page)
                    continue
                except doc.NeedsMarkdown:
                    pass
            self.markdown[uri] = doc.to_markdown(page)
        self.static = {**render.exports.exports(self.renderer), **self.renderer.redirects()}
        if self.offline:
            self.static[f"downloads/{render.OFFLINE_ZIP}"] = self.offline
        log.debug("irsite: %d of %d generated pages handed over as HTML", len(self.html), len(self.markdown))

    def _html_options(self, config: Any) -> doc.HtmlOptions | None:
        """The HTML writer's settings, or None where its HTML would differ from MkDocs' conversion."""
        toc = config.mdx_configs.get("toc", {})
        if not self.config.html or not config.use_directory_urls or toc.get("permalink") is not True \
                or not callable(toc.get("slugify")):
            return None
        return doc.HtmlOptions(slugify=toc["slugify"], permalink_title=toc.get("permalink_title", "Permanent link"))

    def on_files(self, files: Files, *, config: Any) -> Files:
        in_nav = set(render.nav_pages(self.project))
        for src_uri, content in {**self.markdown, **self.static}.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None and not existing.generated_by:
                raise PluginError(
                    f"docs/{src_uri}: this hand-written file sits where a generated page goes "
                    f"— rename or remove docs/{src_uri}; generated pages never replace hand-written ones")
            generated = File.generated(config, src_uri, content=content)
            if src_uri.endswith(".md") and src_uri not in in_nav:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        page.meta.update(self.meta.get(page.file.src_uri, ()))
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        uri = page.file.src_uri
        if uri in self.html:
            return self.html[uri].html
        if uri in self.markdown and _UNSAFE_HTML.search(html):
            raise PluginError(f"{uri}: generated HTML contains script or an event handler; "
                              "the content must be plain Markdown (this should have been caught earlier)")
        if uri.startswith(render.TOPICS_DIR + "/"):
            # The "Key points" box repeats what the page says; the page text itself is indexed. The
            # summary in Russian is searched through the page's q field; its box's title is no text.
            html = html.replace('<div class="admonition abstract">', '<div class="admonition abstract" data-search-exclude>', 1)
            html = html.replace('<details class="abstract">', '<details class="abstract" data-search-exclude>', 1)
        return html

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        self.pages.append((page.url, page.file.src_uri))
        return context

    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if index_path.exists():
            index = json.loads(index_path.read_text(encoding="utf-8"))
            index["docs"] = self._search_docs(index["docs"])
            urls = {uri: url for url, uri in self.pages}     # each page's URL as MkDocs made it
            documents = search.term_documents(self.project, lambda tid: urls[render.term_uri(tid)], self.config.search_typos)
            topics = search.topic_fields(self.project, lambda slug: urls[render.topic_uri(slug)])
            index_path.write_text(json.dumps(search.enrich_index(index, documents, topics), ensure_ascii=False,
                                             separators=(",", ":")), encoding="utf-8")
        self.pages = []
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staging and not (config.strict and self.warnings.count):
            self._publish()
        elif self.staging:   # strict mode is about to abort the build
            self._discard()

    def _search_docs(self, material: list[dict]) -> list[dict]:
        """Material's entries, with those of the pages handed over as HTML (whose stubs ask search to
        skip them) put in their place: the same entries Material would make, in build order."""
        by_page: dict[str, list[dict]] = {}
        for entry in material:
            by_page.setdefault(entry["location"].partition("#")[0], []).append(entry)
        docs = []
        for url, uri in self.pages:
            if uri in self.html and uri not in self.unsearched:
                docs += [{"location": url + (f"#{hid}" if hid else ""), "title": title, "text": text}
                         for hid, title, text in self.html[uri].search]
            else:
                docs += by_page.pop(url, [])
        return docs + [e for entries in by_page.values() for e in entries]

    def _publish(self) -> None:
        final, staging = Path(self.final_site), Path(self.staging)
        old = final.with_name(final.name + ".previous")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        staging.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        log.info("Published the new site to %s", final)
        self.staging = None

    def _discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        log.error("Build failed: the previous site in %s was left as it was.", self.final_site)
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staging:
            self._discard()
