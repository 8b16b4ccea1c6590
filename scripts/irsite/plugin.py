"""MkDocs plugin: wires the loader, renderer and search enrichment into the build.

All logic lives in MkDocs-free modules; this file only handles build events:

* ``on_config``: load and validate all data (before MkDocs cleans its output folder), watch the data
  for ``mkdocs serve``, expand the navigation, and stage the output of ``mkdocs build`` in a
  temporary folder so a failed build leaves the previous ``site/`` untouched;
* ``on_files``: add the generated pages and exports as virtual files (never written into ``docs/``);
* ``on_env``: reuse the theme's template parts that come out the same on many pages (:mod:`irsite.tplmemo`);
* ``on_pre_page``: pages whose HTML :mod:`irsite.prerender` wrote directly skip the Markdown step;
* ``on_page_content``: splice in pre-rendered lists, and refuse any script that reached a generated page;
* ``on_post_build``: add the term-name documents (made meanwhile by :mod:`irsite.namedocs`) to the
  search index, then publish the staged site.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import shutil
import types
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import dates, namedocs, prerender, render, search, speed, tplmemo
from .loader import GLOSSARY, load_project
from .problems import DataError

log = logging.getLogger("mkdocs.plugins.irsite")

_UNSAFE_HTML = re.compile(r"(?i)<script\b|<iframe\b|<object\b|<embed\b|\son[a-z]+\s*=|javascript:")


class IRSiteConfig(Config):
    root = opt.Type(str, default="")
    """Folder holding glossary.yaml and content/ (default: the folder of mkdocs.yml)."""
    search_typos = opt.Type(bool, default=True)
    """Index common single typing mistakes of term names."""
    stage = opt.Type(bool, default=True)
    """Build into a temporary folder and replace site/ only when the build succeeds."""
    prerender = opt.Type(bool, default=True)
    """Write the HTML of term, index and section pages directly (same output, much faster builds)."""
    reuse_template_parts = opt.Type(bool, default=True)
    """Render the theme's nav sidebar, settings block, search box and colour switch once, not once
    per page, where they come out the same (same output, faster builds; see irsite.tplmemo)."""


class IRSitePlugin(BasePlugin[IRSiteConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.generated: dict[str, str] = {}
        self.static: dict[str, str] = {}
        self.staging: str | None = None
        self.final_site: str | None = None
        self.prerendered: dict[str, prerender.Prerendered] = {}
        self.splices: dict[str, tuple[str, str]] = {}
        self.hidden: dict[str, str] = {}
        self.name_documents: namedocs.NameDocuments | None = None
        self.template_memo: tplmemo.TemplateMemo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(50)
    def on_config(self, config: Any) -> Any:
        mkdocs_log = logging.getLogger("mkdocs")
        if config.strict and mkdocs_log.getEffectiveLevel() > logging.WARNING:
            # `--quiet` would drop warnings before strict mode counts them, so a build with broken
            # links would pass and replace site/; keep warnings so strict mode still fails.
            mkdocs_log.setLevel(logging.WARNING)
        root = Path(self.config.root or os.path.dirname(config.config_file_path or ".")).resolve()
        for path in (root / GLOSSARY, root / "content"):
            if str(path) not in config.watch and path.exists():
                config.watch.append(str(path))
        with speed.paused_gc():
            self._generate(root, config)
        config.nav = self._expand_nav(config.nav)

        if "irsite/restore-content" not in config.plugins:
            config.plugins["irsite/restore-content"] = _RestoreContent(self)

        searcher = config.plugins.get("material/search") or config.plugins.get("search")
        if searcher is not None and hasattr(searcher.config, "separator"):
            searcher.config.separator = search.SEPARATOR
        # The term-name search documents are needed only when the build ends: on a machine with a
        # second CPU they are made there while MkDocs renders the pages (see irsite.namedocs).
        self._stop_name_documents()
        if searcher is not None:
            self.name_documents = namedocs.NameDocuments(root, self.project, self.config.search_typos)

        # The model and the pre-rendered pages live until the build ends; freezing them keeps
        # Python's cyclic garbage collector from re-scanning them on every full collection while
        # MkDocs renders the pages (a 2,000-term build was faster in each of 4 paired runs).
        # on_post_build (or on_shutdown after a failed build) lets go again.
        gc.freeze()

        self.final_site = self.staging = None
        if self.command == "build" and self.config.stage:
            self.final_site = config.site_dir
            self.staging = config.site_dir.rstrip("/\\") + ".staging"
            shutil.rmtree(self.staging, ignore_errors=True)
            config.site_dir = self.staging
        return config

    def _generate(self, root: Path, config: Any) -> None:
        """Load, validate and render everything (the plugin's whole share of the build's work)."""
        try:
            self.project = load_project(root)
        except DataError as exc:
            raise PluginError(exc.report()) from None
        site = render.Site(url=config.site_url or "https://example.org/", name=config.site_name,
                           term_dates=dates.term_dates(self.project), page_dates=dates.page_dates(self.project))
        self.renderer = render.Renderer(self.project, site)
        reason = _prerender_unsupported(config) if self.config.prerender else "turned off"
        opts = None
        if reason is None:
            toc = config.mdx_configs.get("toc", {})
            opts = prerender.Options(slugify=toc["slugify"], separator=toc.get("separator", "-"),
                                     permalink_title=toc.get("permalink_title", "Permanent link"))
        output = prerender.generate(self.renderer, opts)
        files, self.prerendered, self.splices = output.files, output.prerendered, output.splices
        if reason is None:
            log.debug("irsite: %d of %d generated pages written as HTML directly",
                      len(self.prerendered), sum(uri.endswith(".md") for uri in files))
        else:
            log.debug("irsite: pages rendered from Markdown only (%s)", reason)
        self.generated = {uri: text for uri, text in files.items() if uri.endswith(".md")}
        self.static = {uri: text for uri, text in files.items() if not uri.endswith(".md")}

    def _expand_nav(self, nav: Any) -> Any:
        """Turn the nav entries for the generated index pages into sections listing their pages."""
        if not isinstance(nav, list):
            return nav
        expansions = {
            "topics/index.md": ["topics/index.md"] + [{p.title: render.topic_uri(p.slug)} for p in self.project.pages],
            "glossary/index.md": ["glossary/index.md"] + [{s.title: render.section_uri(s.id)} for s in self.project.sections],
        }
        out = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1:
                (title, target), = item.items()
                if isinstance(target, str) and target in expansions:
                    out.append({title: expansions[target]})
                    continue
            out.append(item)
        return out

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        self.template_memo = None
        if self.config.reuse_template_parts:
            self.template_memo = tplmemo.TemplateMemo(f.dest_uri for f in files)
            self.template_memo.install(env, config.theme.name, config.theme.custom_dir)
        return env

    def on_files(self, files: Files, *, config: Any) -> Files:
        in_nav = {"topics/index.md", "glossary/index.md", "sources/index.md"}
        in_nav |= {render.topic_uri(p.slug) for p in self.project.pages}
        in_nav |= {render.section_uri(s.id) for s in self.project.sections}
        for src_uri, content in {**self.generated, **self.static}.items():
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

    def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
        pre = self.prerendered.get(page.file.src_uri)
        if pre is not None:
            page.read_source = types.MethodType(_read_prerendered(pre), page)
            page.render = types.MethodType(_render_prerendered(pre), page)
        return page

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        splice = self.splices.get(page.file.src_uri)
        if splice is not None:
            marker, paragraph = splice
            if html.count(marker) != 1:
                raise PluginError(f"{page.file.src_uri}: the list of citing terms could not be placed")
            html = html.replace(marker, paragraph)
        # Pre-rendered pages are escaped as they are built; the others come from Markdown.
        if (page.file.src_uri in self.generated and page.file.src_uri not in self.prerendered
                and _UNSAFE_HTML.search(html)):
            raise PluginError(f"{page.file.src_uri}: generated HTML contains script or an event handler; "
                              "the content must be plain Markdown (this should have been caught earlier)")
        if page.file.src_uri.startswith("topics/"):
            # The "Key points" box repeats what the page says; the page text itself is indexed.
            html = html.replace('<div class="admonition abstract">', '<div class="admonition abstract" data-search-exclude>', 1)
        return html

    @event_priority(100)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        """Before search indexes a pre-rendered page, show it only the part it would index."""
        pre = self.prerendered.get(page.file.src_uri)
        if pre is not None and page.content == pre.html:
            page.content = pre.search_html
            self.hidden[page.file.src_uri] = pre.html
        return context

    def _stop_name_documents(self) -> None:
        if self.name_documents is not None:
            self.name_documents.close()
            self.name_documents = None

    def on_shutdown(self) -> None:
        gc.unfreeze()
        self._stop_name_documents()

    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        gc.unfreeze()
        memo = self.template_memo
        if memo is not None:
            log.debug("irsite: template parts reused %d times, rendered %d times (%s)",
                      memo.reused, memo.renders, ", ".join(memo.wrapped) or "none reusable")
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        names = self.name_documents   # started in on_config whenever a search plugin is configured
        if index_path.exists() and names is not None:
            index = json.loads(index_path.read_text(encoding="utf-8"))
            enriched = search.enrich_index(index, names.result())
            log.debug("irsite: term-name search documents made %s", names.how)
            index_path.write_text(json.dumps(enriched, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self._stop_name_documents()
        if self.staging and not _warnings_logged():
            self._publish()

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

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_name_documents()
        if self.staging:
            shutil.rmtree(self.staging, ignore_errors=True)
            log.error("Build failed: the previous site in %s was left as it was.", self.final_site)
            self.staging = None


_PRERENDER_EXTENSIONS = {"toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list",
                         "pymdownx.highlight", "pymdownx.superfences"}


def _prerender_unsupported(config: Any) -> str | None:
    """Why the pre-rendered HTML would differ from what MkDocs makes of the Markdown, or None."""
    if not config.use_directory_urls:
        return "use_directory_urls is off"
    extra = set(config.markdown_extensions) - _PRERENDER_EXTENSIONS
    if extra:
        return f"Markdown extensions it does not model: {', '.join(sorted(extra))}"
    toc = config.mdx_configs.get("toc", {})
    if toc.get("permalink") is not True or not callable(toc.get("slugify")):
        return "toc needs permalink: true and a slugify function"
    if set(toc) - {"permalink", "permalink_title", "slugify", "separator"}:
        return "toc options it does not model"
    if config.mdx_configs.get("pymdownx.highlight") != {"use_pygments": False}:
        return "pymdownx.highlight options other than use_pygments: false"
    if config.mdx_configs.get("pymdownx.superfences"):
        return "pymdownx.superfences options"
    return None


def _read_prerendered(pre: prerender.Prerendered):
    def read_source(page: Any, config: Any) -> None:
        page.markdown = f"# {pre.title}\n"
        page.meta = dict(pre.meta)
    return read_source


def _render_prerendered(pre: prerender.Prerendered):
    """Stands in for Page.render: sets what MkDocs' Markdown pass would have set."""
    def render_page(page: Any, config: Any, files: Any) -> None:
        page.content = pre.html
        page.toc = get_toc(pre.toc_tokens)
        page._title_from_render = pre.title
        page.present_anchor_ids = set(pre.anchors)
        links: dict[Any, dict[str, str]] = {}
        for uri, anchor in pre.links_to_anchors:
            target = files.get_file_from_path(uri)
            if target is None:
                log.warning("Doc file '%s' links to '%s', which is not found.", page.file.src_uri, uri)
                continue
            links.setdefault(target, {}).setdefault(anchor, f"{uri}#{anchor}")
        page.links_to_anchors = links
    return render_page


class _RestoreContent(BasePlugin):
    """Puts back the full HTML that IRSitePlugin.on_page_context set aside while search ran.

    A separate plugin object because the restore must run after the search plugin's handler of the
    same event, and one plugin has one priority per event.
    """

    def __init__(self, owner: IRSitePlugin) -> None:
        self.owner = owner

    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        full = self.owner.hidden.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context


def _warnings_logged() -> bool:
    """True when strict mode counted warnings, i.e. MkDocs is about to abort the build."""
    for handler in logging.getLogger("mkdocs").handlers:
        counts = getattr(handler, "counts", None)
        if counts and any(level >= logging.WARNING for level in counts):
            return True
    return False
