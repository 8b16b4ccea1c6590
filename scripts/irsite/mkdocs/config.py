"""Settings of the ``irsite`` plugin in ``mkdocs.yml`` (as Material's plugins keep theirs)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class IRSiteConfig(Config):
    root = opt.Type(str, default="")
    """Folder holding glossary.yaml and content/ (default: the folder of mkdocs.yml)."""
    search_typos = opt.Type(bool, default=True)
    """Index common single typing mistakes of term names."""
    stage = opt.Type(bool, default=True)
    """Build into a temporary folder and replace site/ only when the build succeeds."""
    html = opt.Type(bool, default=True)
    """Hand MkDocs the HTML of generated pages written from the same description as their Markdown,
    instead of having it convert thousands of pages (the same output; see irsite.pages.doc)."""
    offline_copy = opt.Type(bool, default=False)
    """With `mkdocs build`, also build the site for reading from the disk (Material's offline plugin)
    and publish it zipped under downloads/ (about doubles the build time)."""
