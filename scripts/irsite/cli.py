"""Command line: ``irsite check`` validates the data; ``irsite export DIR`` writes the generated pages.

``export`` writes plain Markdown (and the export files) into a folder, for builders that do not run
MkDocs plugins (for example Zensical): copy ``docs/`` and the exported tree together into one docs folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import dates, render
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
    out = Path(args.out)
    docs = (Path(args.root) / "docs").resolve()
    if out.resolve() == docs or docs in out.resolve().parents:
        print(f"irsite: refusing to write into {docs}: generated files never go into docs/", file=sys.stderr)
        return 2
    site = render.Site(url=args.site_url, term_dates=dates.term_dates(project), page_dates=dates.page_dates(project))
    renderer = render.Renderer(project, site)
    files = renderer.files()
    for rel_path, content in files.items():
        target = out / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"Wrote {len(files)} files to {out}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="irsite", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="folder holding glossary.yaml and content/ (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="load and validate all data; report every problem as path:line")
    export = sub.add_parser("export", help="write the generated Markdown pages and exports to a folder")
    export.add_argument("out", help="output folder (not inside docs/)")
    export.add_argument("--site-url", default="https://insulin-resistance-reference.org/")
    args = parser.parse_args(argv)
    return {"check": cmd_check, "export": cmd_export}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
