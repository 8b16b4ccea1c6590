"""The renderer's Markdown for the mini fixture, compared with golden files.

Regenerate after an intended change with: UPDATE_GOLDENS=1 pytest tests/test_render_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from irsite import render
from irsite.load import load_project

from .conftest import MINI

GOLDEN = Path(__file__).parent / "golden" / "mini"
SITE = render.Site(url="https://mini.example.org/", name="Mini reference", today="2026-01-01")


def rendered() -> dict[str, str]:
    renderer = render.Renderer(load_project(MINI), SITE)
    return renderer.files()


OUTPUTS = rendered()


@pytest.mark.parametrize("path", sorted(OUTPUTS))
def test_matches_golden(path: str) -> None:
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDENS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(OUTPUTS[path], encoding="utf-8")
    assert golden.exists(), f"no golden file for {path}; run with UPDATE_GOLDENS=1"
    assert OUTPUTS[path] == golden.read_text(encoding="utf-8")


def test_no_stray_golden_files() -> None:
    files = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert files == set(OUTPUTS)
