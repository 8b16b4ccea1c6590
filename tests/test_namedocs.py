"""The term-name search documents made in a second process are exactly those made in the build's own
process, and anything unexpected about the second process falls back to making them in-process."""

from __future__ import annotations

import os

import pytest

from irsite import namedocs, render, search
from irsite.loader import load_project

from .conftest import ROOT, copy_project

needs_two_cpus = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the second process is used only with 2+ CPUs")


@needs_two_cpus
def test_second_process_gives_the_same_documents():
    project = load_project(ROOT)
    for typos in (True, False):
        names = namedocs.NameDocuments(ROOT, project, typos=typos, min_terms=0)
        assert names.proc is not None
        docs = names.result()
        assert names.how == "in a second process"
        assert docs == search.term_documents(project, render.term_url, typos)
        assert any(d["title"] == "TNF-α" for d in docs)


def test_small_glossary_stays_in_process():
    project = load_project(ROOT)
    names = namedocs.NameDocuments(ROOT, project)   # 95 terms: below MIN_TERMS
    assert names.proc is None and len(project.terms) < namedocs.MIN_TERMS
    assert names.result() == search.term_documents(project, render.term_url)
    assert names.how == "in this process"


@needs_two_cpus
def test_documents_of_other_data_are_not_used(tmp_path):
    """A glossary saved while the build runs: the second process reads different names."""
    root = copy_project(ROOT, tmp_path / "project")
    project = load_project(root)
    glossary = root / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("term: Insulin resistance\n",
                                                                     "term: Insulin resistance (edited)\n", 1),
                        encoding="utf-8")
    names = namedocs.NameDocuments(root, project, min_terms=0)
    docs = names.result()
    assert names.how == "in this process (the glossary changed during the build)"
    assert docs == search.term_documents(project, render.term_url)
    assert "Insulin resistance (edited)" not in {d["title"] for d in docs}


@needs_two_cpus
def test_failing_second_process_falls_back(tmp_path):
    root = copy_project(ROOT, tmp_path / "project")
    project = load_project(root)
    (root / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")   # unreadable for the second process
    names = namedocs.NameDocuments(root, project, min_terms=0)
    docs = names.result()
    assert names.how.startswith("in this process (the second process failed: ")
    assert docs == search.term_documents(project, render.term_url)


@needs_two_cpus
def test_close_stops_the_second_process():
    project = load_project(ROOT)
    names = namedocs.NameDocuments(ROOT, project, min_terms=0)
    proc = names.proc
    names.close()
    assert proc.poll() is not None and names.proc is None
    assert names.result() == search.term_documents(project, render.term_url)
