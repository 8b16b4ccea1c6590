"""``irsite export OUT``: a complete, self-contained project that builds without this plugin.

``OUT/docs/`` holds the hand-written pages and assets of ``docs/`` with every generated page and
export beside them (a generated file never replaces a hand-written one); ``OUT/mkdocs.yml`` is the
project's configuration without the ``irsite`` plugin, with the topic and section pages listed in
the navigation and ``site_url`` set to the address the generated pages were written for;
``OUT/overrides/`` is copied when the project has one. It builds with plain MkDocs
(``mkdocs build --strict``), with ProperDocs, and with Zensical, whose own search then indexes it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from . import dates, render
from .model import Project

DEFAULT_URL = "https://example.org/"


def configured_url(config_text: str) -> str:
    """The address in ``site_url:`` (the fallback of ``!ENV [SITE_URL, "..."]``), or a default."""
    m = re.search(r"(?m)^site_url:\s*(?:!ENV\s*\[\s*\w+\s*,\s*)?[\"']?([^\"'\s\]]+)", config_text)
    return m.group(1) if m else DEFAULT_URL


def _without_plugin(config_text: str) -> str:
    """Drop the ``- irsite`` entry (and its options) from the plugins list, and the search
    separator set for its name documents (the builder's own search splits words its own way)."""
    text = re.sub(r"(?m)^([ \t]*)- irsite\b[^\n]*\n(?:\1[ \t]+[^\n]*\n)*", "", config_text)
    return re.sub(r"(?m)^([ \t]*)- search:[ \t]*\n(?:\1[ \t]+[^\n]*\n)*", r"\1- search\n", text)


def _with_nav(config_text: str, project: Project) -> str:
    """The ``nav:`` block with the generated index pages expanded into sections."""
    m = re.search(r"(?ms)^nav:[ \t]*\n(.*?)(?=^\S|\Z)", config_text)
    if m is None:
        return config_text
    out = render.expand_nav(yaml.safe_load(m.group(1)) or [], project)
    block = "nav:\n" + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, default_flow_style=False, indent=2)
    return config_text[:m.start()] + block + config_text[m.end():]


def _with_url(config_text: str, url: str) -> str:
    return re.sub(r"(?m)^site_url:.*$", f"site_url: {url}", config_text, count=1)


class ExportError(Exception):
    pass


def export_project(project: Project, root: Path, out: Path, url: str) -> int:
    """Write the project to ``out``; returns the number of generated files."""
    docs = (root / "docs").resolve()
    out = out.resolve()
    if out == root.resolve() or out == docs or docs in out.parents or out in docs.parents:
        raise ExportError(f"refusing to write into {out}: choose a folder outside the project's docs/")
    site = render.Site(url=url, term_dates=dates.term_dates(project), page_dates=dates.page_dates(project))
    files = render.Renderer(project, site).files()
    clashes = [rel for rel in files if (docs / rel).exists()]
    if clashes:
        raise ExportError(f"docs/{clashes[0]}: this hand-written file sits where a generated page goes "
                          f"— rename or remove it; generated pages never replace hand-written ones")
    marker = out / ".irsite-export"        # an earlier export, which may be replaced
    if (out / "docs").exists() and not marker.exists():
        raise ExportError(f"{out / 'docs'} exists and is not an earlier export: choose an empty or new folder")
    shutil.rmtree(out / "docs", ignore_errors=True)
    shutil.copytree(docs, out / "docs")
    for rel, content in files.items():
        target = out / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if (root / "overrides").is_dir():
        shutil.copytree(root / "overrides", out / "overrides", dirs_exist_ok=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    marker.write_text("Written by irsite export; running it again replaces docs/ and mkdocs.yml.\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(_with_url(_with_nav(_without_plugin(config), project), url), encoding="utf-8")
    return len(files)
