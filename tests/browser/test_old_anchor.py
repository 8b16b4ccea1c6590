"""A renamed term keeps its old anchor on the glossary index: ``glossary/#<old-id>`` lands on the
renamed entry (and ``glossary/<old-id>/`` still redirects to its page)."""

from __future__ import annotations


from tests.conftest import MINI, copy_project, run_build

from .conftest import serve_directory

OLD, NEW = "tnf-alpha", "tumour-necrosis-factor-alpha"


def _in_view(page, element_id: str) -> bool:
    return page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                    return r.top >= 0 && r.bottom <= window.innerHeight; }""", element_id)


def test_old_anchor_lands_on_the_renamed_entry(open_page, tmp_path):
    project = copy_project(MINI, tmp_path / "project")
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace(f"  - id: {OLD}\n", f"  - id: {NEW}\n    formerly: [{OLD}]\n", 1), encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    with serve_directory(project / "site") as base:
        probe = open_page(viewport={"width": 390, "height": 400})
        probe.base = base
        probe.goto("/glossary/")
        assert not _in_view(probe.page, NEW), "the entry must start below the fold for this test to mean anything"
        fresh = open_page(viewport={"width": 390, "height": 400})     # a new tab, as from a link in a handout
        fresh.base = base
        fresh.goto(f"/glossary/#{OLD}")
        assert _in_view(fresh.page, NEW), "glossary/#<old-id> did not land on the renamed entry"
        probe.goto(f"/glossary/{OLD}/")
        probe.page.wait_for_url(f"**/glossary/{NEW}/")
