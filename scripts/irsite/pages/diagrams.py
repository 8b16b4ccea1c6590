"""What the build tells diagrams.js about each diagram in a topic page: its size, smallest font size
and title, read from docs/assets/diagrams/NAME.svg and written on the image, so that the enlarged
view keeps labels readable. (The script fetches the SVG only to draw the PNG, which a copy opened
from disk, file://, cannot do.)
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

# ![description](../assets/diagrams/NAME.svg), not yet followed by attributes
_DIAGRAM = re.compile(r"(!\[[^\]]*\]\((?:\.\./)*assets/diagrams/([\w-]+)\.svg\))(?!\{)")
_VIEW_BOX = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"')
_FONT_SIZE = re.compile(r'font-size\s*(?:=\s*"|:)\s*([\d.]+)')
_TITLE = re.compile(r"<title[^>]*>([^<]+)</title>")


def attributes(svg: str) -> str:
    """``{ data-diagram="width height smallest-font" data-title="..." }`` for an SVG's text."""
    box = _VIEW_BOX.search(svg)
    if not box:
        return ""
    fonts = [float(f) for f in _FONT_SIZE.findall(svg)]
    attrs = f'data-diagram="{box[1]} {box[2]} {min(fonts, default=16):g}"'
    title = _TITLE.search(svg)
    if title:
        attrs += ' data-title="' + escape(" ".join(title[1].split()), quote=True) + '"'
    return "{ " + attrs + " }"


def with_sizes(markdown: str, root: str) -> str:
    """A topic page's Markdown with each diagram image given its attributes (attr_list)."""
    def add(m: re.Match) -> str:
        try:
            svg = (Path(root) / "docs" / "assets" / "diagrams" / f"{m.group(2)}.svg").read_text(encoding="utf-8")
        except OSError:
            return m.group(1)
        return m.group(1) + attributes(svg)
    return _DIAGRAM.sub(add, markdown)
