"""Command line: ``irsite check`` validates the data; ``irsite export DIR`` writes a self-contained project.

``export`` writes a project that builds without this plugin (plain MkDocs, ProperDocs, Zensical):
``DIR/mkdocs.yml`` and ``DIR/docs/`` with the hand-written and generated pages (see irsite.standalone).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import standalone
from .load import load_project
from .problems import DataError


def _load(root: str):
    try:
        return load_project(root)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return None


def cmd_check(args: argparse.Namespace) -> int:
    project = _load(args.root)
    if project is None:
        return 1
    print(f"OK: {len(project.terms)} terms in {len(project.sections)} sections, "
          f"{len(project.sources)} sources, {len(project.pages)} topic pages.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    project = _load(args.root)
    if project is None:
        return 1
    root = Path(args.root)
    url = args.site_url or os.environ.get("SITE_URL") or standalone.configured_url(
        (root / "mkdocs.yml").read_text(encoding="utf-8"))
    try:
        n = standalone.export_project(project, root, Path(args.out), url)
    except standalone.ExportError as exc:
        print(f"irsite: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote a project for {url} to {args.out}: mkdocs.yml and docs/ with {n} generated files. "
          f"Build it with: mkdocs build -f {Path(args.out) / 'mkdocs.yml'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="irsite", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="folder holding glossary.yaml and content/ (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="load and validate all data; report every problem as path:line")
    export = sub.add_parser("export", help="write a self-contained project (mkdocs.yml, docs/) that builds without this plugin")
    export.add_argument("out", help="output folder (outside the project's docs/)")
    export.add_argument("--site-url", help="address the site is published at (default: $SITE_URL, else mkdocs.yml's site_url)")
    args = parser.parse_args(argv)
    return {"check": cmd_check, "export": cmd_export}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
