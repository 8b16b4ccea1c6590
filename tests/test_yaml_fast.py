"""The fast YAML reader gives exactly what PyYAML gives, or declines and leaves the file to PyYAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irsite import yamlfast, yamlio
from irsite.problems import Problem

from .conftest import MINI, ROOT


def _same(a, b, path="$") -> str | None:
    """None when two read documents are equal, values, types and line numbers alike."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, str):
        return None if a == b else f"{path}: {a!r} vs {b!r}"
    if a.line != b.line or a.lines != b.lines:
        return f"{path}: lines {a.line} {a.lines} vs {b.line} {b.lines}"
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := _same(x, y, f"{path}[{i}]"))), None)
    if list(a) != list(b):
        return f"{path}: keys {list(a)} vs {list(b)}"
    return next((d for k in a if (d := _same(a[k], b[k], f"{path}.{k}"))), None)


def _check(text: str) -> object:
    """Compare the two readers on ``text``; returns the fast reader's result."""
    fast = yamlfast.load(text)
    try:
        slow = yamlio._load_with_pyyaml(text)
    except (yaml.YAMLError, yamlio._DuplicateKey, ValueError, TypeError):
        assert fast is yamlfast.DECLINED, f"fast reader accepted what PyYAML rejects:\n{text}"
        return fast
    if fast is not yamlfast.DECLINED:
        difference = _same(fast, slow)
        assert difference is None, f"{difference}\n--- document ---\n{text}"
    return fast


DATA_FILES = sorted([ROOT / "glossary.yaml", *ROOT.glob("content/**/*.yaml"), *MINI.rglob("*.yaml"),
                     *ROOT.glob("tests/fixtures/**/*.yaml")])


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_project_files_read_the_same(path: Path) -> None:
    _check(path.read_text(encoding="utf-8"))


def test_the_glossary_takes_the_fast_path() -> None:
    assert yamlfast.load((ROOT / "glossary.yaml").read_text(encoding="utf-8")) is not yamlfast.DECLINED


def test_errors_are_still_reported_by_pyyaml_with_lines() -> None:
    problems: list[Problem] = []
    text = "terms:\n  - id: a\n    term: A\n    term: B\n"
    assert yamlio.parse_yaml(text, "glossary.yaml", problems) is None
    assert problems and problems[0].line == 4 and "duplicate key 'term'" in problems[0].message


# -- generated documents ------------------------------------------------------------------------

_CHARS = st.sampled_from(list("abcXYZ09 -_.,:;#[]{}'\"\\&*!|>%@`?()/αβ+=~") + ["  ", ": ", " #", "''", "é"])
_TEXT = st.lists(_CHARS, min_size=0, max_size=8).map("".join)
_WORD = st.text(alphabet="abcdefghij-_", min_size=1, max_size=6).filter(lambda w: w[0].isalpha())


@st.composite
def _scalar(draw, indent: int) -> list[str] | str:
    kind = draw(st.sampled_from(["plain", "plain", "dq", "sq", "flow", "map", "folded", "empty"]))
    text = draw(_TEXT)
    if kind == "plain":
        return text
    if kind == "dq":
        return f'"{text}"'
    if kind == "sq":
        return f"'{text}'"
    if kind == "flow":
        items = draw(st.lists(st.one_of(_TEXT, _TEXT.map(lambda t: f'"{t}"'), _TEXT.map(lambda t: f"[{t}]")), max_size=3))
        return "[" + ", ".join(items) + "]" + draw(st.sampled_from(["", " # c", "x"]))
    if kind == "map":
        pairs = draw(st.lists(st.tuples(_WORD, _TEXT), max_size=3))
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    if kind == "folded":
        header = draw(st.sampled_from([">-", ">", "|", "|-", ">+", ">2"]))
        lines = draw(st.lists(st.one_of(_TEXT, st.just("")), min_size=0, max_size=4))
        extra = draw(st.sampled_from([2, 2, 2, 1, 4]))
        body = [(" " * (indent + extra + draw(st.sampled_from([0, 0, 0, 1]))) + line) if line else "" for line in lines]
        return [header, *body]
    return ""


@st.composite
def _block(draw, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    if draw(st.booleans()) and depth < 3:
        for _ in range(draw(st.integers(1, 3))):
            item = draw(_block(indent + 2, depth + 1)) if draw(st.booleans()) else None
            if item:
                first = item[0].lstrip(" ")
                lines.append(" " * indent + "- " + first)
                lines.extend(item[1:])
            else:
                value = draw(_scalar(indent))
                lines.append(" " * indent + "- " + (value if isinstance(value, str) else value[0]))
                if not isinstance(value, str):
                    lines.extend(value[1:])
        return lines
    keys = draw(st.lists(_WORD, min_size=1, max_size=3))
    for key in keys:
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            lines.append(" " * indent + f"{key}:")
            step = draw(st.sampled_from([2, 2, 0, 1, 4]))
            lines.extend(draw(_block(indent + step, depth + 1)))
            continue
        value = draw(_scalar(indent))
        if isinstance(value, str):
            lines.append(" " * indent + f"{key}: {value}".rstrip() if value else " " * indent + f"{key}:")
        else:
            lines.append(" " * indent + f"{key}: {value[0]}")
            lines.extend(value[1:])
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "# comment", "  # indented comment", "   ", "---"])))
    return lines


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_block(0, 0), st.integers(0, 3), st.data())
def test_generated_documents_read_the_same(lines, mutations, data) -> None:
    for _ in range(mutations):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(st.sampled_from(["indent", "dedent", "char", "drop"]))
        if how == "indent":
            lines[i] = " " + lines[i]
        elif how == "dedent":
            lines[i] = lines[i][1:]
        elif how == "char":
            pos = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + data.draw(_CHARS) + lines[i][pos:]
        else:
            del lines[i]
    _check("\n".join(lines) + "\n")


@pytest.mark.parametrize("text", [
    "a: b\n  c: d\n",                    # continuation / bad indentation
    "a: b: c\n",                         # mapping value in plain text
    "a: [x, [y, z]]\n",                  # nested flow list
    "a: {k: [1, 2], j: v}\n",
    "a: >-\n  one\n  two\n\n  three\n",  # folded with a paragraph break
    "a: |\n  one\n  two\n",
    "a: >-\n  one\n    more\n",         # more-indented line: declined
    "k:\n- a\n- b\nj: c\n",              # indentless sequence
    "a: 'it''s'\n",
    "a: \"say \\\"hi\\\"\"\n",           # escapes: declined
    "a: x #comment\n",
    "a: x#not-comment\n",
    "- a: 1\n  b: 2\n- c: 3\n",
    "a: &x 1\nb: *x\n",                  # anchors: declined
    "a: !!int 3\n",
    'a: ["x, y", "z]", ""]\n',          # commas, brackets and nothing inside quotes
    "a: [a#b, c-, d-e]  # ids\n",
    "a: [a,b , c]\n",
    "a: [a, ]\n",                        # trailing comma: declined
    "a: []\n",
    "a: [a, b]x\n",                      # text after the list: an error
    'a: {k: ["x", "y"], j: [p, q]}\n',
    "a: [a:?]\n",                       # a colon in a plain flow item: PyYAML's to judge
    "a: [http://x.org/a]\n",
])
def test_edge_cases(text: str) -> None:
    _check(text)
