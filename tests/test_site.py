"""End to end: `mkdocs build --strict` of the mini fixture, checked as a reader would see the HTML."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree as ET


def html(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_term_page_shows_everything_a_reader_needs(mini_site):
    page = html(mini_site, "glossary/tnf-alpha/index.html")
    assert re.search(r"<h1[^>]*>TNF-α", page)
    assert "A cytokine that can weaken" in page
    # every alias is listed visibly
    for alias in ("TNF-alpha", "TNFa", "tumour necrosis factor alpha"):
        assert alias in page
    assert 'href="../sections/inflammation/"' in page
    # term links in the text carry the definition as a tooltip; related terms show its first sentence
    assert re.search(r'<a class="term" href="../irs-1/" title="IRS-1: The docking protein[^"]*">insulin signalling</a>', page)
    assert re.search(r'<a class="term" href="../nf-kappa-b/">NF-κB</a>: A transcription factor', page)
    # sources with DOI links, and the quoted excerpt with its locator
    assert 'href="https://doi.org/10.1038/nature05485"' in page
    assert "<blockquote>" in page and "Adipocytes release cytokines that impair insulin signaling." in page
    assert "Results, paragraph 1" in page
    # used in: the topic page that mentions it; identifiers linked out
    assert 'href="../../topics/inflammation/"' in page
    assert "https://meshb.nlm.nih.gov/record/ui?ui=D014409" in page
    assert "https://www.uniprot.org/uniprotkb/P01375/entry" in page
    # canonical link, meta description, link preview
    assert '<link rel="canonical" href="https://mini.example.org/glossary/tnf-alpha/">' in page
    assert '<meta name="description" content="A cytokine that can weaken insulin signalling in rodents.">' in page


def test_cite_block_has_canonical_url_and_bibtex(mini_site):
    page = html(mini_site, "glossary/tnf-alpha/index.html")
    assert "Cite this page" in page
    assert page.count("https://mini.example.org/glossary/tnf-alpha/") >= 3  # canonical, plain text, BibTeX
    assert "@misc{irref-tnf-alpha," in page
    assert re.search(r"Last changed: \d{4}-\d{2}-\d{2}", page)


def test_topic_page_links_terms_with_tooltips_and_numbers_citations(mini_site):
    page = html(mini_site, "topics/inflammation/index.html")
    assert re.search(r'<a class="term" href="../../glossary/tnf-alpha/" title="TNF-α: A cytokine[^"]*">TNF</a>', page)
    # numbered citations in reading order, pointing at the reference list, which links the sources
    numbers = re.findall(r'<a href="#ref-(\d+)"', page)
    assert numbers[:3] == ["1", "1", "2"]
    assert re.search(r'<a href="../../sources/review-2006/" id="ref-1">', page)
    # the quote is shown as a quotation, with attribution
    assert re.search(r"<blockquote>\s*<p>Adipocytes release cytokines", page)
    assert "Example Author n.d., Results, paragraph 1" in page


def test_glossary_index_has_anchor_per_term_and_letters(mini_site):
    page = html(mini_site, "glossary/index.html")
    for term_id in ("tnf-alpha", "nf-kappa-b", "irs-1"):
        assert f'id="{term_id}"' in page
    assert 'href="#letter-t"' in page and 'id="letter-t"' in page
    # NF-κB sorts under N, IRS-1 under I; the first sentence of each definition is shown
    assert page.index('id="irs-1"') < page.index('id="nf-kappa-b"') < page.index('id="tnf-alpha"')
    assert "The docking protein that passes the signal on from the insulin receptor." in page


def test_section_and_source_pages(mini_site):
    section = html(mini_site, "glossary/sections/inflammation/index.html")
    assert "Inflammatory signals and insulin action." in section
    listed = section.split('id="map-of-this-section"')[0]     # the section's terms, before its map
    assert 'href="../../tnf-alpha/"' in listed and 'href="../../irs-1/"' not in listed
    # Its map draws its own terms; the list under it also names related terms of other sections.
    drawn = re.search(r"<svg[^>]*irmap-section.*?</svg>", section, re.S).group(0)
    assert 'href="../../tnf-alpha/"' in drawn and 'href="../../irs-1/"' not in drawn
    source = html(mini_site, "sources/seed/index.html")
    assert "Low reliability" in source
    assert 'id="cytokines"' in source
    assert 'href="../../topics/inflammation/"' in source  # cited by
    index = html(mini_site, "sources/index.html")
    assert 'href="review-2006/"' in index


def test_glossary_json_lists_every_term(mini_site):
    data = json.loads(html(mini_site, "glossary.json"))
    assert [t["id"] for t in data] == ["tnf-alpha", "nf-kappa-b", "irs-1"]
    tnf = data[0]
    assert tnf == {"id": "tnf-alpha", "term": "TNF-α", "aliases": ["TNF-alpha", "TNFa", "tumour necrosis factor alpha"],
                   "section": "inflammation", "definition": "A cytokine that can weaken insulin signalling in rodents.",
                   "url": "glossary/tnf-alpha/"}
    for t in data:
        assert (mini_site / t["url"] / "index.html").exists()


def test_csv_export_parses_with_one_row_per_term(mini_site):
    raw = (mini_site / "downloads" / "glossary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfterm,")       # UTF-8 byte-order mark: Excel keeps α and β
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["term", "definition", "aliases", "section", "url", "russian"]
    assert [r["term"] for r in rows] == ["TNF-α", "NF-κB", "IRS-1"]
    assert rows[1]["aliases"] == "NF-kB; NFkB" and rows[1]["section"] == "Inflammation"
    assert rows[0]["url"] == "https://mini.example.org/glossary/tnf-alpha/"


def test_download_links_save_the_files_under_their_names(mini_site):
    index = html(mini_site, "glossary/index.html")
    for name in ("glossary-moodle.xml", "glossary.csv", "glossary-anki.txt"):
        assert re.search(rf'<a download="{re.escape(name)}" href="../downloads/{re.escape(name)}">', index) \
            or re.search(rf'<a href="../downloads/{re.escape(name)}" download="{re.escape(name)}">', index), name


def test_moodle_export_matches_the_import_structure(mini_site):
    root = ET.fromstring((mini_site / "downloads" / "glossary-moodle.xml").read_bytes())
    assert root.tag == "GLOSSARY"
    entries = root.findall("./INFO/ENTRIES/ENTRY")
    assert len(entries) == 3
    first = entries[0]
    assert first.findtext("CONCEPT") == "TNF-α"
    assert "A cytokine that can weaken" in first.findtext("DEFINITION")
    assert first.findtext("FORMAT") == "1" and first.findtext("USEDYNALINK") == "1"
    assert [a.text for a in first.findall("./ALIASES/ALIAS/NAME")] == ["TNF-alpha", "TNFa", "tumour necrosis factor alpha"]
    assert first.findtext("./CATEGORIES/CATEGORY/NAME") == "Inflammation"


def test_print_view_is_an_a_to_z_handout(mini_site):
    page = html(mini_site, "glossary/print/index.html")
    assert "<dl>" in page and "<dt>" in page
    assert "Also:" in page
    css = next((mini_site / "assets" / "stylesheets").glob("site.css"), None) if (mini_site / "assets" / "stylesheets").exists() else None
    # the mini fixture has no custom CSS; the real site's print rules are checked in the browser tests
    assert css is None or "@media print" in css.read_text()


def test_generated_pages_are_not_in_the_navigation_but_indexes_are(mini_site):
    home = html(mini_site, "index.html")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    assert 'href="glossary/"' in nav
    assert 'href="glossary/tnf-alpha/"' not in nav


def test_search_index_holds_name_documents_for_terms(mini_site):
    index = json.loads(html(mini_site, "search/search_index.json"))
    names = [d for d in index["docs"] if d["location"].startswith("glossary/tnf-alpha/#")]
    joined = " ".join(" ".join(str(d.get(f, "")) for f in ("keys", "alt", "joined")) for d in names)
    tokens = joined.split()
    for query_word in ("tnf", "alpha", "tnfa", "tnfalpha", "tumour", "tumor", "necrosis"):
        # search matches by prefix, so a query word is found if some indexed token starts with it
        assert any(t.startswith(query_word) for t in tokens), query_word
    assert index["config"]["fields"]["keys"]["boost"] > index["config"]["fields"]["title"]["boost"]


def test_robots_txt_points_at_the_sitemap(mini_site):
    robots = html(mini_site, "robots.txt")
    assert robots.startswith("User-agent: *\nAllow: /")
    assert "Sitemap: https://mini.example.org/sitemap.xml" in robots
    assert (mini_site / "sitemap.xml").exists()
