"""The rules every data file is checked against: allowed keys, identifiers, safe and visible text.

:class:`Checker` collects each problem as ``path:line: what — fix`` while a file's mappings are read.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from .. import markup
from ..problems import Problem
from .read import LineDict, LineList

GLOSSARY = "glossary.yaml"
SOURCES_DIR = "content/sources"
TEXTS_DIR = "content/sources/text"
PAGES_DIR = "content/pages"
REDIRECTS = "content/redirects.yaml"
RUSSIAN_WORDS = "content/russian-words.yaml"

SOURCE_KINDS = ("article", "review", "web-passage", "guideline", "book-chapter", "database")
EXTERNAL_KEYS = ("mesh", "hgnc", "uniprot")
# Ids that would clash with generated pages under glossary/ and topics/.
RESERVED_TERM_IDS = {"sections", "print", "index", "search", "assets"}

TERM_KEYS = {
    "id": True, "term": True, "aliases": False, "section": True, "definition": True,
    "details": False, "related": False, "sources": True, "external": False, "formerly": False,
    "names": False, "spellings": False,
}
LANGUAGES = {"ru": "Russian"}
SECTION_KEYS = {"id": True, "title": True, "summary": True}
SOURCE_KEYS = {
    "id": True, "kind": True, "title": True, "authors": False, "year": True, "container": True,
    "volume": False, "issue": False, "pages": False, "doi": False, "pmid": False, "pmcid": False,
    "url": False, "note": False, "text": False, "excerpts": False,
}
EXCERPT_KEYS = {"id": True, "quote": True, "locator": True, "verdict": False}
PAGE_KEYS = {"title": True, "order": True, "summary": True, "questions": False, "ru": False, "ru_summary": False, "ru_key_points": False}

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


class Checker:
    """Collects problems while reading one file's mappings."""

    def __init__(self, shown: str, problems: list[Problem]):
        self.shown = shown
        self.problems = problems

    def add(self, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.shown, line, message, fix))

    def mapping(self, value: Any, line: int, what: str) -> LineDict | None:
        if not isinstance(value, LineDict):
            self.add(getattr(value, "line", line), f"{what} must be a mapping of 'key: value' lines",
                     "indent its fields under it as 'key: value'")
            return None
        return value

    def keys(self, data: LineDict, allowed: dict[str, bool], what: str) -> None:
        if allowed.keys() >= data.keys() and all(key in data for key, required in allowed.items() if required):
            return  # the common case: nothing unknown, nothing missing
        misspelt = set()
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                self.add(data.line_of(key), f"unknown key '{key}' in {what}", fix)
                misspelt.update(close)
        for key, required in allowed.items():
            if required and key not in data and key not in misspelt:
                self.add(data.line, f"{what} has no '{key}'", f"add '{key}:' to it")

    def text(self, data: LineDict, key: str, what: str, required: bool = True) -> str:
        if key not in data:
            return ""
        value = data[key]
        if isinstance(value, (LineDict, LineList)):
            self.add(data.line_of(key), f"'{key}' of {what} must be text, not a list or mapping",
                     "write it as one line of text (quote it if it contains ': ')")
            return ""
        value = "" if value is None else str(value).strip()
        if required and not value:
            self.add(data.line_of(key), f"'{key}' of {what} is empty", f"write the {key}")
        return value

    def text_list(self, data: LineDict, key: str, what: str) -> list[str]:
        if key not in data or data[key] in ("", None):
            return []
        value = data[key]
        if isinstance(value, str):
            self.add(data.line_of(key), f"'{key}' of {what} must be a list",
                     f"write it as [a, b] or as '- a' lines under '{key}:'")
            return []
        if not isinstance(value, LineList):
            self.add(data.line_of(key), f"'{key}' of {what} must be a list", "write it as [a, b]")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (LineDict, LineList)) or item is None or not str(item).strip():
                self.add(value.line_of(i), f"item {i + 1} of '{key}' in {what} must be non-empty text",
                         "write plain text items")
                continue
            out.append(str(item).strip())
        return out

    def items(self, data: LineDict, key: str, what: str, example: str):
        """Yield (index, mapping) for each entry of the list ``data[key]``, reporting non-mappings."""
        raw = data.get(key)
        if raw is not None and not isinstance(raw, LineList):
            self.add(data.line_of(key), f"'{key}' must be a list", f"write each {what} as '{example}'")
            return
        for i, entry in enumerate(raw or []):
            item = self.mapping(entry, raw.line_of(i), f"{what} {i + 1}")
            if item is not None:
                yield i, item

    def ident(self, value: str, line: int, what: str) -> bool:
        if value and not markup.ID_RE.match(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", markup.sort_key(value)).strip("-")
            self.add(line, f"{what} '{value}' is not a valid id",
                     f"use lower-case ASCII letters, digits and single hyphens, e.g. '{suggestion}'")
            return False
        return bool(value)

    def safe(self, value: str, line: int, what: str) -> None:
        for issue in markup.unsafe_markup(value):
            self.add(line, f"{what}: {issue}", markup.SAFETY_FIX)


    def record(self, item: LineDict, allowed: dict[str, bool], what: str, id_what: str) -> str:
        """Check a record's keys and its id; returns the id."""
        self.keys(item, allowed, what)
        rid = self.text(item, "id", what)
        self.ident(rid, item.line_of("id"), id_what)
        return rid

    def visible(self, value: str, line: int, what: str) -> None:
        """Names and ids may not hide characters: a zero-width space or a bidi override makes a
        name look like another one while being a different one."""
        bad = invisible_character(value)
        if bad:
            self.add(line, f"{what} '{value.encode('ascii', 'backslashreplace').decode()}' contains the invisible character {bad}",
                     "delete it (retype the name if you cannot see where it is)")
        mixed = mixed_alphabet(value)
        if mixed:
            self.add(line, f"{what} '{value}' mixes Latin and Cyrillic letters in one word: {mixed}",
                     "retype the word in one alphabet (a Cyrillic В, С or Е looks like a Latin B, C or E, "
                     "but search and links treat them as different letters)")


def mixed_alphabet(text: str) -> str:
    """'U+0412 CYRILLIC CAPITAL LETTER VE in "PTP1В"' for the first word of ``text`` that holds both
    Latin and Cyrillic letters (a look-alike letter typed on the other keyboard), or ''."""
    for word in re.findall(r"\w+", text):
        if word.isascii() or re.fullmatch(r"[\u0400-\u04FF\d_]+", word):   # one alphabet: the common case, quickly
            continue
        latin = [ch for ch in word if unicodedata.name(ch, "").startswith("LATIN ")]
        cyrillic = [ch for ch in word if unicodedata.name(ch, "").startswith("CYRILLIC ")]
        if latin and cyrillic:     # name a letter of the smaller share
            odd = min(cyrillic, latin, key=len)[0]
            return f'U+{ord(odd):04X} {unicodedata.name(odd)} in "{word}"'
    return ""


def invisible_character(text: str) -> str:
    """'U+200B ZERO WIDTH SPACE' for the first control, format (zero-width, bidi) or separator
    character in ``text``, or ''."""
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"):
            name = unicodedata.name(ch, "")
            return f"U+{ord(ch):04X}" + (f" {name}" if name else "")
    return ""
