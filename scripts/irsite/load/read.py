"""Strict YAML reading for hand-edited data files.

* safe loading only (no Python objects);
* every mapping and sequence remembers the line of each key or item, for error messages;
* duplicate keys are an error (PyYAML silently keeps the last one);
* plain scalars stay text: ``no``, ``on``, ``3.10`` and ``1:20`` are not turned into booleans or
  numbers (YAML 1.1 would); fields that need a number convert and check it themselves;
* tabs in indentation, bad UTF-8, empty files and syntax errors become one clear message each.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem


class LineDict(dict):
    """A mapping that knows the line (1-based) of itself and of each key."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A sequence that knows the line (1-based) of itself and of each item."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


_TAB_INDENT = re.compile(r"^[ ]*\t", re.M)
_LINE_SEPARATOR = re.compile("[\u2028\u2029\u0085]")
# A line with something on it other than a comment. (Not a pattern for the whole of an empty file:
# its nested repeats took exponential time on comment lines, 4 s for twelve at a file's top.)
_DATA_LINE = re.compile(r"^[ \t]*[^\s#]", re.M)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first: int):
        self.key, self.line, self.first = key, line, first


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Read a UTF-8 text file, reporting a missing file or bad encoding as a problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown, 0, "file not found", "create it or correct the path"))
        return None
    except OSError as exc:
        problems.append(Problem(shown, 0, f"cannot be read ({exc.strerror})", "check its permissions"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "is not valid UTF-8 text", "save the file with UTF-8 encoding"))
        return None
    return text.lstrip("\ufeff")


_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe composer (libyaml when PyYAML has it); every value is read as text, so no tag resolving."""

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook
        return _TAGS[kind]


class _Alias(Exception):
    """A repeated anchored value; its one argument is the anchor's line."""


def _build(node: yaml.Node, seen: set[int]) -> Any:
    """Node tree -> LineDict / LineList / str, with duplicate keys refused and scalars kept as text.

    An anchored value repeated with an alias (``&a`` ... ``*a``) is the same node met twice. Aliases
    are refused: nested ones would expand exponentially ("billion laughs"), and our files never
    need them.
    """
    if id(node) in seen:
        raise _Alias(node.start_mark.line + 1)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        out = LineList()
        out.line = node.start_mark.line + 1
        for child in node.value:
            out.append(_build(child, seen))
            out.lines.append(child.start_mark.line + 1)
        return out
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge" or (isinstance(key_node, yaml.ScalarNode)
                                                         and key_node.value == "<<" and key_node.style is None):
            raise yaml.constructor.ConstructorError(None, None, "merge keys (<<) are not supported here",
                                                    key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a single value",
                                                    key_node.start_mark)
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in result:
            raise _DuplicateKey(key, line, result.lines[key])
        result[key] = _build(value_node, seen)
        result.lines[key] = line
    return result


def _load(text: str) -> Any:
    node = yaml.compose(text, Loader=_Composer)  # noqa: S506 - composing nodes runs no code
    return None if node is None else _build(node, set())


def parse_yaml(text: str, shown: str, problems: list[Problem]) -> Any:
    """Parse YAML text strictly; on failure, add one problem and return None."""
    # (Each check first asks whether its character occurs at all: a plain substring test over a
    # large file costs a fraction of a regular-expression scan.)
    tab = _TAB_INDENT.search(text) if "\t" in text else None
    if tab:
        problems.append(Problem(shown, text.count("\n", 0, tab.start()) + 1, "tab character used for indentation",
                                "YAML indentation must use spaces; replace the tab with spaces"))
        return None
    odd = _LINE_SEPARATOR.search(text) if any(c in text for c in "\u2028\u2029\u0085") else None
    if odd:
        # YAML counts these as line breaks, which would shift every later line number.
        problems.append(Problem(shown, text.count("\n", 0, odd.start()) + 1,
                                f"invisible line-separator character U+{ord(odd.group()):04X}",
                                "delete it or replace it with a space"))
        return None
    if not _DATA_LINE.search(text):
        problems.append(Problem(shown, 1, "file is empty", "add the data or delete the file"))
        return None
    try:
        return _load(text)
    except _Alias as alias:
        problems.append(Problem(shown, alias.args[0], "a YAML anchor (&name) is repeated with an alias (*name)",
                                "write the value out in full wherever it is needed; anchors and aliases are not supported"))
    except _DuplicateKey as dup:
        problems.append(Problem(shown, dup.line, f"duplicate key '{dup.key}' (first given on line {dup.first})",
                                "keep one of the two; YAML would silently drop the first"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem or ""):
            mark = exc.context_mark  # e.g. an unclosed quote: point at where it was opened
        line = mark.line + 1 if mark else 0
        col = f", column {mark.column + 1}" if mark else ""
        what = (exc.problem or exc.context or "invalid YAML").strip()
        problems.append(Problem(shown, line, f"YAML syntax error{col}: {what}",
                                "check indentation, colons and quotes on this line or the one before; "
                                "put text containing ': ' or '#' in quotes"))
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.append(Problem(shown, line, f"invisible control character U+{code:04X} is not allowed in YAML",
                                "delete it; it is usually an invisible control character pasted in by accident"))
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, 0, f"YAML error: {exc}", "check the file's syntax"))
    except (ValueError, TypeError) as exc:
        problems.append(Problem(shown, 0, f"a value could not be read ({exc})", "remove explicit YAML tags such as !!int"))
    return None


def load_yaml_file(path: Path, shown: str, problems: list[Problem]) -> Any:
    text = read_text(path, shown, problems)
    if text is None:
        return None
    return parse_yaml(text, shown, problems)
