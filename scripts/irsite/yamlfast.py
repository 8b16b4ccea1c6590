"""A fast reader for the plain block-style YAML our data files are written in.

libyaml takes about 0.15 s per megabyte to build the node tree that :mod:`irsite.yamlio` walks; a
5,000-term glossary is 3.5 MB. Our files use a small part of YAML: block mappings and sequences,
one-line flow lists and maps, plain, quoted and folded (``>-``) text, and comments. This module reads
exactly that part, line by line, into the same :class:`LineDict` / :class:`LineList` / ``str`` values
with the same line numbers as the full reader.

It never guesses: on anything outside that part (anchors, tags, multi-line plain or quoted text,
escapes, tabs, more-indented lines in folded text, duplicate keys, syntax errors...) it returns
:data:`DECLINED` and the caller uses PyYAML, which also gives the error messages. Tests compare the
two readers on the real data and on generated documents.
"""

from __future__ import annotations

import re
from typing import Any

from .yamlio import LineDict, LineList

DECLINED = object()

# What PyYAML's reader accepts; anything else is its error to report.
_NON_PRINTABLE = re.compile("[^\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
_BLOCK_HEADER = re.compile(r"([>|])(-?)$")
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
# A flow list of plain ids ([a, b-c, d#e]) or of double-quoted text without escapes (["a", "b c"]).
_SIMPLE_LIST = re.compile(r'\[ *((?:[a-z0-9][a-z0-9#-]*(?: *, *[a-z0-9][a-z0-9#-]*)*)'
                          r'|(?:"[^"\\]*"(?: *, *"[^"\\]*")*)) *\]')
_PLAIN_ITEM = re.compile(r"[a-z0-9][a-z0-9#-]*")
_QUOTED_ITEM = re.compile(r'"([^"\\]*)"')
_FLOW_PLAIN_BAD = re.compile(r"[\[\]{},:]| #|^[-?:#!&*|>'\"%@`]")


class _Decline(Exception):
    pass


def load(text: str) -> Any:
    """The document in ``text`` as LineDict/LineList/str, or DECLINED."""
    if "\t" in text or "\r" in text or _NON_PRINTABLE.search(text):
        return DECLINED
    try:
        reader = _Reader(text.split("\n"))
        value = reader.document()
    except _Decline:
        return DECLINED
    return value


class _Reader:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.i = 0

    # -- lines ------------------------------------------------------------------------------

    def _skip(self) -> None:
        """Skip blank and comment-only lines."""
        lines, i = self.lines, self.i
        while i < len(lines):
            stripped = lines[i].lstrip(" ")
            if stripped and not stripped.startswith("#"):
                break
            i += 1
        self.i = i

    def _indent(self) -> int:
        line = self.lines[self.i]
        return len(line) - len(line.lstrip(" "))

    def document(self) -> Any:
        self._skip()
        if self.i >= len(self.lines):
            return DECLINED  # empty document: parse_yaml reports it
        first = self.lines[self.i]
        if first.startswith(("---", "...", "%")) or self._indent() != 0:
            raise _Decline
        if first.startswith("- ") or first == "-":
            value = self.sequence(0)
        else:
            value = self.mapping(0, self.i, first)
        self._skip()
        if self.i < len(self.lines):
            raise _Decline  # something left over (e.g. a less-indented stray line)
        return value

    # -- block collections ------------------------------------------------------------------

    def mapping(self, indent: int, first_line: int, first: str) -> LineDict:
        """A block mapping whose keys sit at column ``indent``; ``first`` is the text of its first
        key line from that column on (for a mapping opened by '- ', the rest of the dash line)."""
        out = LineDict()
        out.line = first_line + 1
        text = first
        while True:
            m = _KEY.match(text)
            if not m:
                raise _Decline
            key = m.group(1)
            if key in out:
                raise _Decline  # duplicate key: the full reader reports it
            line_no = self.i
            rest = text[m.end():]
            self.i += 1
            out[key] = self.value(rest, indent, line_no)
            out.lines[key] = line_no + 1
            text = self._next_entry(indent)
            if text is None or _is_dash(text):
                return out  # a sequence at the parent's level ends this mapping... or is an error

    def _next_entry(self, indent: int) -> str | None:
        """The next entry line's text from column ``indent`` if it is at that column; None at the
        end of the document or of this block (a less-indented line)."""
        self._skip()
        if self.i >= len(self.lines):
            return None
        ind = self._indent()
        if ind < indent:
            return None
        if ind > indent:
            raise _Decline
        return self.lines[self.i][indent:]

    def sequence(self, indent: int) -> LineList:
        out = LineList()
        out.line = self.i + 1
        while True:
            line = self.lines[self.i]
            text = line[indent:]
            if not _is_dash(text):
                raise _Decline
            item = text[2:]
            stripped = item.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                raise _Decline  # an item on the following lines
            column = indent + 2 + (len(item) - len(stripped))
            line_no = self.i
            if _KEY.match(stripped) and not stripped.startswith(("'", '"')):
                out.append(self.mapping(column, line_no, stripped))
            else:
                self.i += 1
                out.append(self.inline(stripped, line_no))
                self._after_scalar(indent)
            out.lines.append(line_no + 1)
            text = self._next_entry(indent)
            if text is None or not _is_dash(text):
                return out

    def value(self, rest: str, indent: int, line_no: int) -> Any:
        """The value after 'key:' on line ``line_no`` (``self.i`` is already past that line)."""
        stripped = rest.strip(" ")
        if not stripped or stripped.startswith("#"):
            # Nothing on the line: a nested block, a sequence at the same column, or empty text.
            self._skip()
            if self.i >= len(self.lines):
                return ""
            ind = self._indent()
            text = self.lines[self.i][ind:]
            if ind > indent:
                if text.startswith("- ") or text == "-":
                    return self.sequence(ind)
                return self.mapping(ind, self.i, text)
            if ind == indent and (text.startswith("- ") or text == "-"):
                return self.sequence(ind)
            return ""
        header = _BLOCK_HEADER.match(stripped)
        if header:
            return self.block_scalar(indent, header.group(1), header.group(2))
        value = self.inline(stripped, line_no)
        self._after_scalar(indent)
        return value

    def _after_scalar(self, indent: int) -> None:
        """After a one-line value, a more-indented line would continue it (multi-line plain text)."""
        j = self.i
        lines = self.lines
        while j < len(lines):
            s = lines[j].lstrip(" ")
            if s:
                if len(lines[j]) - len(s) > indent and not s.startswith("#"):
                    raise _Decline
                if s.startswith("#") and len(lines[j]) - len(s) > indent:
                    raise _Decline  # a comment where a continuation could be: leave it to PyYAML
                return
            j += 1

    # -- scalars ----------------------------------------------------------------------------

    def block_scalar(self, indent: int, style: str, chomp: str) -> str:
        lines = self.lines
        body: list[str] = []
        content_indent = None
        i = self.i
        while i < len(lines):
            line = lines[i]
            s = line.lstrip(" ")
            if not s:
                if line:
                    raise _Decline  # whitespace-only line: its spaces may be content
                body.append("")
                i += 1
                continue
            ind = len(line) - len(s)
            if ind <= indent:
                break
            if content_indent is None:
                if body:
                    raise _Decline  # leading blank lines
                content_indent = ind
            elif ind != content_indent:
                raise _Decline  # more- or less-indented lines have their own rules
            body.append(line[content_indent:])
            i += 1
        # Trailing blank lines belong to the scalar but are chomped; the caller skips them anyway.
        while body and body[-1] == "":
            body.pop()
        self.i = i
        if not body:
            raise _Decline
        if style == "|":
            text = "\n".join(body)
        else:
            parts: list[str] = []
            blank = 0
            for j, b in enumerate(body):
                if b == "":
                    blank += 1
                    continue
                if j:
                    parts.append("\n" * blank if blank else " ")
                blank = 0
                parts.append(b)
            text = "".join(parts)
        return text if chomp == "-" else text + "\n"

    def inline(self, s: str, line_no: int) -> Any:
        """A value written on one line: quoted or plain text, or a flow list or map."""
        first = s[0]
        if first == '"':
            text, rest = _double_quoted(s)
            _only_comment(rest)
            return text
        if first == "'":
            text, rest = _single_quoted(s)
            _only_comment(rest)
            return text
        if first == "[":
            return self.flow_list(s, line_no)
        if first == "{":
            return self.flow_map(s, line_no)
        return _plain(s)

    def flow_list(self, s: str, line_no: int, nested: bool = False) -> LineList:
        simple = _SIMPLE_LIST.match(s)
        if simple:
            # The common shapes, [id, id] and ["text", "text"], in one step (same values as below).
            rest = s[simple.end():]
            if nested:
                if rest.strip(" "):
                    raise _Decline
            else:
                _only_comment(rest)
            inner = simple.group(1)
            items = _QUOTED_ITEM.findall(inner) if inner.startswith('"') else _PLAIN_ITEM.findall(inner)
            out = LineList(items)
            out.line = line_no + 1
            out.lines = [line_no + 1] * len(items)
            return out
        inner, rest = _bracketed(s, "[", "]")
        if nested:
            if rest.strip(" "):
                raise _Decline
        else:
            _only_comment(rest)
        out = LineList()
        out.line = line_no + 1
        for item in _split_flow(inner):
            if item.startswith("["):
                if nested:
                    raise _Decline
                out.append(self.flow_list(item, line_no, nested=True))
            else:
                out.append(_flow_scalar(item))
            out.lines.append(line_no + 1)
        return out

    def flow_map(self, s: str, line_no: int) -> LineDict:
        inner, rest = _bracketed(s, "{", "}")
        _only_comment(rest)
        out = LineDict()
        out.line = line_no + 1
        for item in _split_flow(inner):
            m = _KEY.match(item)
            if not m or m.end() == len(item) and not item.endswith(": "):
                raise _Decline
            key = m.group(1)
            if key in out:
                raise _Decline
            value = item[m.end():]
            out[key] = self.flow_list(value, line_no, nested=True) if value.startswith("[") else _flow_scalar(value)
            out.lines[key] = line_no + 1
        return out


def _is_dash(text: str) -> bool:
    """A block sequence entry: '- ' or a lone '-'."""
    return text.startswith("- ") or text == "-"


def _plain(s: str) -> str:
    if s[0] in _PLAIN_BAD_START:
        raise _Decline
    cut = s.find(" #")
    if cut >= 0:
        s = s[:cut]
    s = s.rstrip(" ")
    if ": " in s or s.endswith(":"):
        raise _Decline  # PyYAML: "mapping values are not allowed here"
    return s


def _only_comment(rest: str) -> None:
    rest = rest.lstrip(" ")
    if rest and not rest.startswith("#"):
        raise _Decline


def _double_quoted(s: str) -> tuple[str, str]:
    end = s.find('"', 1)
    if end < 0 or "\\" in s[1:end]:
        raise _Decline  # multi-line or escapes
    rest = s[end + 1:]
    if rest and not rest.startswith(" "):
        raise _Decline
    return s[1:end], rest


def _single_quoted(s: str) -> tuple[str, str]:
    i = 1
    out = []
    while True:
        end = s.find("'", i)
        if end < 0:
            raise _Decline
        out.append(s[i:end])
        if s.startswith("''", end):
            out.append("'")
            i = end + 2
            continue
        rest = s[end + 1:]
        if rest and not rest.startswith(" "):
            raise _Decline
        return "".join(out), rest


def _bracketed(s: str, open_: str, close: str) -> tuple[str, str]:
    """``[a, "b"] # c`` -> ('a, "b"', ' # c'); quotes may hold brackets."""
    if "'" not in s and '"' not in s and s.count("[") + s.count("{") == 1:
        end = s.find(close)
        if end < 0 or s.count("]") + s.count("}") != 1:
            raise _Decline
        rest = s[end + 1:]
        if rest and not rest.startswith(" "):
            raise _Decline
        return s[1:end], rest
    depth = 0
    i = 0
    while i < len(s):
        c = s[i]
        if c == '"':
            j = s.find('"', i + 1)
            if j < 0 or "\\" in s[i + 1:j]:
                raise _Decline
            i = j
        elif c == "'":
            j = i + 1
            while True:
                j = s.find("'", j)
                if j < 0:
                    raise _Decline
                if s.startswith("''", j):
                    j += 2
                    continue
                break
            i = j
        elif c in "[{":
            depth += 1
            if depth > 2 or (depth == 2 and c != "["):
                raise _Decline  # deeper nesting, or maps inside flow collections
        elif c in "]}":
            depth -= 1
            if depth == 0 and c != close or depth == 1 and c != "]":
                raise _Decline
            if depth == 0:
                rest = s[i + 1:]
                if rest and not rest.startswith(" "):
                    raise _Decline
                return s[1:i], rest
        i += 1
    raise _Decline


def _split_flow(inner: str) -> list[str]:
    """Items of a one-line flow collection (no trailing or empty items)."""
    if not inner.strip(" "):
        return []
    if "'" not in inner and '"' not in inner and "[" not in inner:
        items = [item.strip(" ") for item in inner.split(",")]
        if not all(items):
            raise _Decline
        return items
    items: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(inner):
        c = inner[i]
        if c == '"':
            j = inner.find('"', i + 1)
            buf.append(inner[i:j + 1])
            i = j + 1
            continue
        if c == "'":
            j = i + 1
            while True:
                j = inner.find("'", j)
                if inner.startswith("''", j):
                    j += 2
                    continue
                break
            buf.append(inner[i:j + 1])
            i = j + 1
            continue
        if c == "[":
            j = inner.find("]", i)
            if j < 0:
                raise _Decline
            buf.append(inner[i:j + 1])
            i = j + 1
            continue
        if c == ",":
            items.append("".join(buf).strip(" "))
            buf = []
        else:
            buf.append(c)
        i += 1
    items.append("".join(buf).strip(" "))
    if any(not item for item in items):
        raise _Decline
    return items


def _flow_scalar(item: str) -> str:
    item = item.strip(" ")
    if not item:
        raise _Decline
    if item[0] == '"':
        text, rest = _double_quoted(item)
    elif item[0] == "'":
        text, rest = _single_quoted(item)
    else:
        if _FLOW_PLAIN_BAD.search(item) or "  " in item:
            raise _Decline
        return item
    if rest.strip(" "):
        raise _Decline
    return text
