"""Smoke test of the build benchmark's data generator (no timings are asserted)."""

from __future__ import annotations

from pathlib import Path

import sys

from irsite import exports, markup, render, search
from irsite.load import load_project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402


def test_synthetic_project_loads_and_validates(tmp_path: Path) -> None:
    real = load_project(ROOT)
    copy = bench.make_synthetic_project(ROOT, tmp_path / "copy", 20)

    assert not (copy / "site").exists()
    project = load_project(copy)  # raises DataError on any problem
    assert len(project.terms) == len(real.terms) + 20

    added = [t for t in project.terms if t.id not in real.term_by_id]
    assert len(added) == 20
    added_ids = {t.id for t in added}
    real_names = {markup.fold_name(n) for t in real.terms for n in t.names}
    for term in added:
        assert term.aliases
        assert 2 <= len(term.related) <= 4 and set(term.related) <= added_ids
        assert term.sources and all(s.partition("#")[0] in real.sources for s in term.sources)
        assert term.section in real.section_by_id
        assert 2 <= term.definition.count(". ") + 1 <= 4
        links = {m.group(1) for m in markup.TERM_LINK.finditer(term.definition)}
        assert links and links <= added_ids - {term.id}
        assert not {markup.fold_name(n) for n in term.names} & real_names

    renderer = render.Renderer(project)
    pages = renderer.pages()
    assert all(render.term_uri(t.id) in pages for t in added)
    assert exports.exports(renderer)
    docs = search.term_documents(project, render.term_url)
    assert {d["location"].split("#")[0] for d in docs} >= {render.term_url(t.id) for t in added}


def test_synthetic_terms_are_deterministic() -> None:
    real = load_project(ROOT)
    assert bench.synthetic_terms_yaml(real, 20, seed=1) == bench.synthetic_terms_yaml(real, 20, seed=1)
    assert bench.synthetic_terms_yaml(real, 20, seed=1) != bench.synthetic_terms_yaml(real, 20, seed=2)


def test_bare_site_layout(tmp_path: Path) -> None:
    bare = bench.make_bare_site(tmp_path / "bare", 5, ROOT / "mkdocs.yml")
    config = (bare / "mkdocs.yml").read_text(encoding="utf-8")
    assert "name: material" in config and "custom_dir" not in config and "irsite" not in config
    assert "not_in_nav" in config
    assert len(list((bare / "docs").rglob("*.md"))) == 5
