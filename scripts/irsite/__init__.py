"""Glossary-driven reference site: load, validate and render the insulin-resistance reference.

The loader, validator and renderers in this package do not import MkDocs; only ``plugin.py`` does.
"""

__version__ = "0.1.0"
