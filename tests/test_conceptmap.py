"""Concept maps (irsite.conceptmap): what a reader of the map and of its text list would notice."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import pytest

from irsite import conceptmap
from irsite.load import load_project
from irsite.model import Project, Section, Term

from .conftest import ROOT


def href(tid: str) -> str:
    return f"../{tid}/"


class Links(HTMLParser):
    """The term ids linked from the svg and from the text list, and the svg's text."""

    def __init__(self, fragment: str):
        super().__init__()
        self.svg: list[str] = []
        self.listed: list[str] = []
        self.where = ""
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "details"):
            self.where = tag
        elif tag == "a":
            # In the svg, xlink:href (see irsite.conceptmap._node); in the text list, href.
            href = dict(attrs)["xlink:href" if self.where == "svg" else "href"]
            (self.svg if self.where == "svg" else self.listed).append(href.strip("./"))

    def handle_endtag(self, tag):
        if tag in ("svg", "details"):
            self.where = ""


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(ROOT)


def related_both_ways(project: Project, tid: str) -> set[str]:
    out = {project.resolve_term(r).id for r in project.term_by_id[tid].related}
    out |= {t.id for t in project.terms if tid in {project.resolve_term(r).id for r in t.related}}
    return out - {tid}


def test_whole_map_links_every_term_in_the_svg_and_in_the_list(project):
    links = Links(conceptmap.whole_map(project, href))
    every = {t.id for t in project.terms}
    assert sorted(links.svg) == sorted(every)          # each term exactly once as a node
    assert set(links.listed) == every
    assert len(every) > 100


def test_whole_map_list_gives_each_term_its_related_terms(project):
    listing = conceptmap.whole_map(project, href).split("<details", 1)[1]
    term = project.term_by_id["insulin-resistance"]
    item = re.search(r'<li><a href="\.\./insulin-resistance/">[^<]*</a>: (.*?)</li>', listing).group(1)
    assert set(re.findall(r'href="\.\./([^/"]+)/"', item)) == {project.resolve_term(r).id for r in term.related}


def test_neighbourhood_has_the_term_its_related_terms_and_nothing_unrelated(project):
    for tid in ("diacylglycerol", "insulin-resistance", "glut4"):
        links = Links(conceptmap.neighbourhood_map(project, tid, href))
        near = related_both_ways(project, tid)
        second = set().union(*(related_both_ways(project, r) for r in near)) - near - {tid}
        assert tid in links.svg and near <= set(links.svg)
        assert set(links.svg) <= {tid} | near | second
        assert len(links.svg) == len(set(links.svg)) <= max(conceptmap.CAP, 1 + len(near))
        assert set(links.listed) >= near and set(links.listed) <= near | second


def test_each_section_has_a_map_of_its_own_terms_readable_without_shrinking(project):
    """The whole map is an overview whose names are unreadable until zoomed (a reader's first
    complaint); a section's own map holds its terms and the lines between them, narrow enough for the
    text column (688 px on a laptop) at its natural size, 12 px labels."""
    for section in project.sections:
        ids = {t.id for t in project.terms if t.section == section.id}
        fragment = conceptmap.section_map(project, section.id, href)
        if len(ids) < 2:
            assert fragment is None
            continue
        links = Links(fragment)
        assert sorted(links.svg) == sorted(ids)                    # each of its terms once, no other
        assert set(links.listed) >= ids
        width = float(re.search(r'<svg [^>]*width="([\d.]+)"', fragment).group(1))
        assert width <= 688, (section.id, width)
        assert 'font-size="12"' in fragment


def test_term_maps_keep_their_labels_readable_in_a_laptop_text_column(project):
    """A term page's map is scaled down to the text column (688 px on a 1280 px laptop). Drawn with
    labels beside the nodes in two rings, most maps were 850–930 px wide, so their 12 px labels
    shrank to 9 px; they must stay at least 11 px, and long names wrap onto up to three lines
    instead of running into the next ring."""
    widths = {}
    for term in project.terms:
        fragment = conceptmap.neighbourhood_map(project, term.id, href)
        if fragment:
            widths[term.id] = float(re.search(r'<svg [^>]*width="([\d.]+)"', fragment).group(1))
            assert 'font-size="12"' in fragment
    assert len(widths) > 150
    smallest = {tid: 12 * min(1, 688 / w) for tid, w in widths.items()}
    assert min(smallest.values()) >= 11, sorted(smallest.items(), key=lambda kv: kv[1])[:5]
    svg = ET.fromstring(re.search(r"<svg.*</svg>", conceptmap.neighbourhood_map(project, "tnf-alpha", href), re.S).group(0))
    labels = [" ".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "IRS serine/threonine phosphorylation" in labels     # three lines, nothing cut


def test_a_term_without_related_terms_has_no_map():
    terms = [Term("lone", "Lone", [], "s", "d"), Term("a", "A", [], "s", "d", related=["b"]), Term("b", "B", [], "s", "d")]
    lone = Project(sections=[Section("s", "S", "")], terms=terms, sources={}, pages=[])
    assert conceptmap.neighbourhood_map(lone, "lone", href) is None
    assert conceptmap.neighbourhood_map(lone, "b", href) is not None    # listed by another term


def test_same_data_gives_byte_identical_maps(project):
    again = load_project(ROOT)      # another object: nothing cached is reused
    assert conceptmap.whole_map(project, href) == conceptmap.whole_map(again, href)
    assert (conceptmap.neighbourhood_map(project, "diacylglycerol", href)
            == conceptmap.neighbourhood_map(again, "diacylglycerol", href))


def test_names_and_links_are_escaped():
    tiny = Project(sections=[Section("s", "Lipids & <fats>", "")], sources={}, pages=[],
                   terms=[Term("a", "A<b>&c", [], "s", "d", related=["b"]), Term("b", 'Quote "q" & more', [], "s", "d")])
    for fragment in (conceptmap.whole_map(tiny, lambda t: f"?t={t}&x=<1>"),
                     conceptmap.neighbourhood_map(tiny, "a", lambda t: f"?t={t}&x=<1>")):
        assert "<b>" not in fragment and "<fats>" not in fragment and "A&lt;b&gt;&amp;c" in fragment
        assert 'href="?t=a&amp;x=&lt;1&gt;"' in fragment
        svg = fragment[fragment.index("<svg"):fragment.index("</svg>") + 6]
        ET.fromstring(svg)      # the svg is well-formed XML


def test_fragments_are_one_raw_html_block_in_markdown(project):
    fragments = [conceptmap.whole_map(project, href), conceptmap.neighbourhood_map(project, "diacylglycerol", href)]
    for fragment in fragments:
        assert fragment.startswith('<figure class="irmap')
        assert fragment.endswith("</figure>")
        assert not re.search(r"\n\s*\n", fragment)
        page = markdown.markdown(f"Before.\n\n{fragment}\n\nAfter *this*.")
        assert fragment in page and page.endswith("<p>After <em>this</em>.</p>")


def test_labels_are_short_and_readable_at_the_natural_size(project):
    fragment = conceptmap.whole_map(project, href)
    svg = re.search(r'<svg [^>]*viewBox="0 0 ([\d.]+) ([\d.]+)" width="([\d.]+)" height="([\d.]+)" font-size="(\d+)"',
                    fragment)
    assert svg.group(1) == svg.group(3) and int(svg.group(5)) >= 11     # 1 unit = 1 px at the natural width
    name = "Frequently sampled intravenous glucose tolerance test"
    lines = re.search(rf"<title>{name}</title>.*?<text[^>]*>([^<]*)<tspan[^>]*>([^<]*)</tspan></text>", fragment)
    assert lines.groups() == ("Frequently sampled", "intravenous glucos…")


def test_a_large_glossary_stays_small_enough():
    rng = random.Random(5)
    sections = [Section(f"s{i}", f"Section {i}", "") for i in range(14)]
    ids = [f"term-{i}" for i in range(2000)]
    terms = [Term(t, f"Synthetic term {t[5:]} receptor kinase", [], rng.choice(sections).id, "d",
                  related=rng.sample(ids, 3)) for t in ids]
    big = Project(sections=sections, terms=terms, sources={}, pages=[])
    fragment = conceptmap.whole_map(big, href)
    assert len(fragment.encode()) < 1_500_000
    assert sorted(Links(fragment).svg) == sorted(ids)
    assert "irmap-alt" in fragment          # sections after the twelfth are told apart by shape


def _clusters_too_close(fragment: str, gap: float) -> list[tuple[str, str]]:
    boxes = [(float(x), float(y), float(w), float(h), title) for x, y, w, h, title in re.findall(
        r'<rect class="irmap-bg" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*/>'
        r'<text class="irmap-title"[^>]*>([^<]*)</text>', fragment)]
    assert len(boxes) > 1
    return [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] - gap < b[0] + b[2] and b[0] - gap < a[0] + a[2] and a[1] - gap < b[1] + b[3] and b[1] - gap < a[1] + a[3]]


def test_whole_map_sections_never_overlap(project):
    """Each section's box keeps clear of every other by most of the 30-unit gap, on the real glossary
    and on one of 2,000 terms whose boxes start piled on each other."""
    assert _clusters_too_close(conceptmap.whole_map(project, href), 28) == []
    rng = random.Random(7)
    sections = [Section(f"s{i}", f"Section {i}", "") for i in range(14)]
    ids = [f"term-{i}" for i in range(2000)]
    terms = [Term(t, f"Synthetic term {t[5:]}", [], rng.choice(sections).id, "d", related=rng.sample(ids, 2))
             for t in ids]
    assert _clusters_too_close(conceptmap.whole_map(Project(sections=sections, terms=terms, sources={}, pages=[]), href), 28) == []


def test_same_data_gives_the_same_map_in_every_process():
    """Python varies its hashing between processes; the map must not vary with it."""
    import os
    import subprocess
    import sys
    code = ("import hashlib; from irsite.load import load_project; from irsite import conceptmap; "
            f"p = load_project({str(ROOT)!r}); "
            "print(hashlib.sha256(conceptmap.whole_map(p, lambda t: t).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1
