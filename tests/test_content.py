"""The real reference, built with --strict: every term and page is there and meets the content bar."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from irsite import markup
from irsite.load import load_project
from irsite.search.forms import inflections, words

from .conftest import ROOT

PROJECT = load_project(ROOT)


def test_glossary_size_and_sources():
    assert len(PROJECT.terms) >= 150
    assert all(t.sources for t in PROJECT.terms)
    assert all(any(not PROJECT.sources[k.partition("#")[0]].low_reliability for k in t.sources) for t in PROJECT.terms)
    assert all(t.ru for t in PROJECT.terms), [t.id for t in PROJECT.terms if not t.ru]
    assert {t.section for t in PROJECT.terms} == {s.id for s in PROJECT.sections}
    assert sum(1 for t in PROJECT.terms if len(t.related) >= 2) >= 0.8 * len(PROJECT.terms)


def test_every_term_has_page_index_anchor_and_json_entry(real_site):
    index = (real_site / "glossary/index.html").read_text()
    entries = {e["id"]: e for e in json.loads((real_site / "glossary.json").read_text())}
    for term in PROJECT.terms:
        page = (real_site / "glossary" / term.id / "index.html").read_text()
        assert re.search(rf"<h1[^>]*>{re.escape(markup.plain_text(term.term).replace('&', '&amp;'))}", page), term.id
        assert f'id="{term.id}"' in index, term.id
        assert entries[term.id]["url"] == f"glossary/{term.id}/"


def test_topic_pages_meet_the_content_bar(real_site):
    assert len(PROJECT.pages) >= 18
    for page in PROJECT.pages:
        words = markup.word_count(page.body)
        sources = {k.partition("#")[0] for m in markup.CITATION.finditer(page.body) for k in markup.citation_keys(m.group(1))}
        reliable = {s for s in sources if not PROJECT.sources[s].low_reliability}
        assert words >= 800, (page.slug, words)
        assert len(reliable) >= 6, (page.slug, sources)
        assert "Key points" in page.body.split("\n## ")[0], page.slug
        assert '!!! note "Evidence note"' in page.body, page.slug
        html = (real_site / "topics" / page.slug / "index.html").read_text()
        assert 'id="references"' in html and "Cite this page" in html


def test_at_least_70_distinct_dois_on_source_pages(real_site):
    dois = set()
    for page in (real_site / "sources").glob("*/index.html"):
        dois.update(re.findall(r'href="https://doi.org/([^"]+)"', page.read_text()))
    assert len(dois) >= 70, len(dois)


SEEDS = ROOT.parent / "shared" / "seeds"


def _runs(text: str, n: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9α-ω]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
def test_no_seven_word_run_is_copied_from_the_seed_documents():
    """Prose, definitions and quiz feedback are our own words; only checked excerpts quote the seeds."""
    seeds = set().union(*(_runs(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    quoted = set().union(*(_runs(ex.quote) for s in PROJECT.sources.values() for ex in s.excerpts.values()))
    ours = {"glossary.yaml": (ROOT / "glossary.yaml").read_text(encoding="utf-8")}
    for folder in ("content/pages", "content/quiz"):
        ours.update({p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / folder).glob("*")})
    copied = {path: sorted(" ".join(r) for r in (_runs(text) & seeds) - quoted) for path, text in ours.items()}
    copied = {path: runs for path, runs in copied.items() if runs}
    assert not copied, copied


def test_low_reliability_sources_are_marked_wherever_they_are_listed(real_site):
    term = (real_site / "glossary" / "tnf-alpha" / "index.html").read_text(encoding="utf-8")
    item = re.search(r'<li>\s*<p><a href="../../sources/irgasheva/[^"]*">.*?</p>', term, re.S).group(0)
    assert "Low reliability:" in item
    topic = (real_site / "topics" / "inflammation" / "index.html").read_text(encoding="utf-8")
    refs = topic[topic.index('id="references"'):]
    assert re.search(r'sources/irgasheva/"[^>]*>[^<]*</a>\s*<strong>Low reliability:</strong>', refs)
    assert "Low reliability:" in (real_site / "sources" / "index.html").read_text(encoding="utf-8")


def test_topic_pages_give_their_subject_in_russian(real_site):
    """A Russian-speaking student sees what the page is called in Russian, as on a term page."""
    page = (real_site / "topics" / "inflammation" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p data-search-exclude lang="ru"><strong>По-русски:</strong> Воспаление и инсулинорезистентность · ', page)
    assert all(p.ru for p in PROJECT.pages)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_topic_pages_summarise_themselves_and_their_key_points_in_russian_in_a_closed_box(real_site, tmp_path):
    """Under the Russian names, a box closed until opened holds what the page explains and its key
    points, in Russian, marked as Russian for a screen reader's voice; the summary's words are in the
    page's search entry, and a Russian question that uses them finds the page."""
    page = (real_site / "topics" / "inflammation" / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<details class="abstract" data-search-exclude>\s*<summary>Summary and key points in Russian</summary>\s*'
                    r'<p data-search-exclude lang="ru">(.*?)</p>(.*?)</details>', page, re.S)
    assert box and "метавоспалении" in box.group(1)
    assert page.index("По-русски:") < box.start() < page.index("Key points")
    assert all(re.search("[а-я]", p.ru_summary) for p in PROJECT.pages)
    # The key points follow in Russian, one for each English one, in a list a screen reader voices
    # in Russian and Material's own search leaves out.
    points = re.findall(r'<li data-search-exclude lang="ru">(.*?)</li>', box.group(2), re.S)
    english = re.search(r'<p class="admonition-title">Key points</p>\s*<ul>(.*?)</ul>', page, re.S).group(1)
    assert len(points) == english.count("<li>") and "метавоспаление" in points[0].lower(), points
    for p in PROJECT.pages:
        key_points = re.search(r'^!!! abstract "Key points"\n((?:[ \t]+.*\n|[ \t]*\n)+)', p.body + "\n", re.M).group(1)
        assert len(p.ru_key_points) == len(re.findall(r"^\s+- ", key_points, re.M)), f"{p.path}: a Russian key point for each English one"
    # Without the summary the first found nothing, the second the page tenth.
    asked = ["салсалат и канакинумаб у людей", "воспалительные сигналы ослабляют сигнал инсулина"]
    got = _first_pages(real_site, tmp_path, [f"{q}\ttopics/inflammation/" for q in asked], n=3)
    assert all("topics/inflammation/" in got[q] for q in asked), got


def test_topic_pages_list_the_questions_they_answer_in_russian_too(real_site):
    """"This page answers" lists the questions in English, then in Russian, each marked as Russian
    (for a screen reader's voice); and a Russian question finds its page."""
    page = (real_site / "topics" / "adipokines" / "index.html").read_text(encoding="utf-8")
    box = page[page.index('<p class="admonition-title">This page answers</p>'):]
    box = box[:box.index("</div>")]
    assert box.index("<li>What are adipokines?</li>") < box.index('<p lang="ru"><strong>По-русски:</strong></p>') \
        < box.index('<li lang="ru">Что такое адипокины?</li>')
    assert all(sum(bool(re.search("[а-я]", q)) for q in p.questions) >= 6 for p in PROJECT.pages)


def test_russian_names_are_on_the_term_page_and_in_the_exports(real_site):
    page = (real_site / "glossary" / "insulin-resistance" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p lang="ru"><strong>По-русски:</strong> инсулинорезистентность', page)
    entry = next(e for e in json.loads((real_site / "glossary.json").read_text()) if e["id"] == "insulin-resistance")
    assert "инсулинорезистентность" in entry["ru"]
    csv_text = (real_site / "downloads" / "glossary.csv").read_text(encoding="utf-8")
    assert "инсулинорезистентность" in csv_text.splitlines()[1 + [t.id for t in PROJECT.terms].index("insulin-resistance")]
    assert "<NAME>инсулинорезистентность</NAME>" in (real_site / "downloads" / "glossary-moodle.xml").read_text()


def test_everything_is_within_two_clicks_of_home(real_site):
    home = (real_site / "index.html").read_text()
    first = set(re.findall(r'href="([^"#]+)"', home))
    second = set()
    for link in first:
        target = real_site / link / "index.html" if link.endswith("/") else None
        if target is not None and target.exists():
            second.update(link + l for l in re.findall(r'href="([^"#:]+/)"', target.read_text()) if not l.startswith(".."))
    reachable = {Path(p).as_posix().strip("/") for p in first | second}
    for term in PROJECT.terms:
        assert f"glossary/{term.id}" in reachable, term.id
    for page in PROJECT.pages:
        assert f"topics/{page.slug}" in reachable, page.slug


def test_no_request_outside_the_site_in_html(real_site):
    """No web fonts, CDNs or trackers: nothing in the built HTML loads from another host."""
    for page in real_site.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//(?!insulin-resistance-reference\.org)', text) or \
            not re.search(r'<(?:script|img|iframe)[^>]+src="(?:https?:)?//', text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


PUBLIC_QUERIES = ROOT.parent / "shared" / "search" / "queries-public.tsv"


@pytest.fixture(scope="module")
def query_sets(real_site) -> dict[str, dict]:
    """The results of every query set of tests/ (and of the public one, where ../shared is beside the
    checkout), by file name ("public"), from two runs of Material's search worker side by side, half
    the sets each (CI machines have two cores): the index is loaded twice, not once for each of some
    60 sets (about 90 s of the suite), and the sets take about 30 s instead of 55."""
    files = sorted((ROOT / "tests").glob("search_*.tsv")) + ([PUBLIC_QUERIES] if PUBLIC_QUERIES.exists() else [])
    outputs = [(tempfile.TemporaryFile("w+", encoding="utf-8"), tempfile.TemporaryFile("w+", encoding="utf-8"))
               for _ in range(2)]
    runs = [subprocess.Popen(["node", str(ROOT / "tests/tools/search-check.mjs"), str(real_site), *map(str, files[i::2])],
                             stdout=out, stderr=err, text=True) for i, (out, err) in enumerate(outputs)]
    sets = []
    for run, (out, err) in zip(runs, outputs):
        run.wait(timeout=900)
        out.seek(0), err.seek(0)
        stdout = out.read()
        assert run.returncode == 0, stdout + err.read()
        sets += [json.loads(line) for line in stdout.strip().splitlines()]
    assert len(sets) == len(files)
    return {("public" if Path(r["file"]) == PUBLIC_QUERIES else Path(r["file"]).name): r for r in sets}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
@pytest.mark.parametrize("queries, floor", [("search_queries.tsv", 1.0), ("public", 0.95),
                                            ("search_names_unseen5.tsv", 0.95), ("search_names_unseen6.tsv", 0.95),
                                            ("search_names_unseen7.tsv", 0.95), ("search_names_unseen8.tsv", 0.95),
                                            ("search_names_unseen9_ru.tsv", 0.75), ("search_names_unseen10.tsv", 0.95),
                                            ("search_names_unseen11.tsv", 0.95), ("search_names_unseen12.tsv", 0.95),
                                            ("search_names_unseen13.tsv", 0.95), ("search_names_unseen14.tsv", 0.95),
                                            ("search_names_unseen16.tsv", 0.95), ("search_names_unseen17.tsv", 0.95),
                                            ("search_names_unseen18.tsv", 0.95), ("search_names_unseen19.tsv", 0.95),
                                            ("search_names_unseen20.tsv", 0.95), ("search_names_unseen21.tsv", 0.95),
                                            ("search_names_unseen22.tsv", 0.95), ("search_names_unseen23.tsv", 0.95),
                                            ("search_names_unseen24.tsv", 0.95), ("search_names_unseen25.tsv", 0.95),
                                            ("search_names_unseen26.tsv", 0.95), ("search_names_unseen27.tsv", 0.95),
                                            ("search_names_unseen28.tsv", 0.95),
                                            ("search_names_unseen29.tsv", 0.9), ("search_names_unseen30.tsv", 0.9),
                                            ("search_names_unseen31.tsv", 0.9), ("search_names_unseen32.tsv", 0.9),
                                            ("search_names_unseen33.tsv", 0.9), ("search_names_unseen34.tsv", 0.9),
                                            ("search_names_unseen35.tsv", 0.9), ("search_names_unseen36.tsv", 0.9),
                                            ("search_names_unseen37.tsv", 0.95), ("search_names_unseen38.tsv", 0.95),
                                            ("search_names_unseen39.tsv", 0.95), ("search_names_unseen40.tsv", 0.95),
                                            ("search_names_unseen41.tsv", 0.95), ("search_names_unseen42.tsv", 0.95),
                                            ("search_names_unseen43.tsv", 0.95), ("search_names_unseen44.tsv", 0.95),
                                            ("search_names_unseen45.tsv", 0.95), ("search_names_unseen46.tsv", 0.95),
                                            ("search_names_unseen47.tsv", 0.95), ("search_names_unseen48.tsv", 0.95),
                                            ("search_slips_hyphen.tsv", 0.88), ("search_slips_ru_double.tsv", 0.95)])
def test_search_puts_the_term_page_first(query_sets, queries, floor):
    """Runs Material's own search worker (as the browser does) over the built index. Our own cases
    must all pass; tests/search_names_unseen5.tsv, 60 names written blind, found 58 first before it
    was used (the misses: "insulin reciever" and a slip in the alias "metaflammation");
    tests/search_names_unseen6.tsv, 80 more written blind after that day's changes, found 79;
    tests/search_names_unseen7.tsv, 80 more, 76 before it was used (78 with Greek letters' names
    misspelt and Russian final consonants devoiced, 79 with a vowel added between consonants forgiven,
    "resisitin"); tests/search_names_unseen8.tsv, 80 more, all 80;
    tests/search_names_unseen9_ru.tsv, 40 Russian names typed as a sentence puts them (half of them
    in another case than the glossary's), 21 before the Russian case forms, 31 after, 28 once the
    topic pages' Russian names were searchable too, 30 with each name's genitive weighed as a spelling,
    32 with slips of one-word Russian names after a term's first;
    tests/search_names_unseen10.tsv, 80 more (25 in Russian), 77 before it was used, 78 with е typed
    as э forgiven («гиперинсулинэмия»); tests/search_names_unseen11.tsv, 60 more (15 in Russian), written
    after all of that: 54 before it was used, 58 with a possessive typed without its apostrophe
    ("cushings syndrome"), ph typed for f ("metphormin"), ё written in the glossary's Russian
    names where it belongs («печёночная») and a slip in a plural forgiven ("diglycerids"), 59 with ae typed
    for e ("sarcopaenia"); tests/search_names_unseen12.tsv, 60 more (10 in Russian),
    written after the others: 58 before it was used, 60 with -tion typed for -sion ("hypertention") and
    -ous for -us ("tacrolimous"), which had found nothing; tests/search_names_unseen13.tsv, 60 more
    (10 in Russian), written after all of those changes: 59 before it was used, 60 with a typed for u
    ("canakinamab") forgiven; tests/search_names_unseen14.tsv, 60 more (15 in Russian), written blind
    after those: 53 before it was used, 57 with a -кий adjective's genitive (эктопического), a
    three-letter Russian word's cases (жира), a final b typed p (canakinumap), DM2 as a spelling and a
    one-word Russian name's genitive with a letter left out («инсулинорезистентости»), 58 with any vowel
    typed for another ("tacrolimis"); tests/search_names_unseen16.tsv, 80 more (25 in Russian), written
    after all of those: 77 before it was used, 78 with a Russian capital letter that is also a
    preposition searched as an exact word («С-пептида» found GLP-1 receptor agonists first);
    tests/search_names_unseen17.tsv, 70 more (30 in Russian), written after all of those: 69 before it
    was used (the miss: «кишечной микробиоты» found the page on signals between organs first), 70
    once that page's lay synonyms no longer gave it other cases of a term's Russian name;
    tests/search_names_unseen18.tsv, 60 more (30 in Russian), written after all of those: 59 before
    it was used, 59 after (the same miss), 60 once the lay synonyms of a topic page no longer gave it
    other cases of a term's Russian name («кишечной»); tests/search_names_unseen19.tsv, 60 more (30 in
    Russian), written after all of those: 53 before it was used, 57 with a vowel added between
    consonants ("resisitin"), ae for e ("sarcopaenia") and a confused vowel in a Russian genitive
    («десинхраноза») forgiven; tests/search_names_unseen20.tsv, 60 more (30 in Russian), written after
    all of those: 56 before it was used, 57 once a longer Russian name typed in the genitive has a
    document of its own («чувствительности к инсулину» found two topic pages first), 58 once a short
    Latin name is also indexed as said in Russian letters («индекс хома»). Its misses: a word taken for
    another ("insulin reciever") and a slip in a two-word query («гестационого диабета»; the slip alone
    now finds its term); tests/search_names_unseen21.tsv, 60 more (30 in Russian), written after all of
    those: 58 before it was used, 59 once the drugs that a class's definition names find the class
    ("hydrochlorothiazide"). Its miss: two vowels swapped in a Russian name («гипертериоз»);
    tests/search_names_unseen22.tsv, 60 more (13 in Russian), written after all of those: 59 before it
    was used, 60 once metformin's brand Siofor is also spelt in Latin letters;
    tests/search_names_unseen23.tsv, 60 more (30 in Russian), written after all of those: 60 before
    it was used; tests/search_names_unseen24.tsv, 60 more (10 in Russian), written after all of
    those: 60 before it was used; tests/search_names_unseen25.tsv, 60 more (10 in Russian), written
    after all of those: 55 before it was used, 58 once a hyphen typed elsewhere ("srebp1-c"), a
    number as a word ("type two diabetes") and a hyphenated spelling of a one-word name ("gluco
    lipotoxicity") find their term (irsite/search/README.md); tests/search_names_unseen26.tsv, 60 more (18 in
    Russian), written after all of those: 56 before it was used, 58 once a number followed by letters
    weighs little («ирс 1» found GLP-1RA, PTP1B and IL-1b first) and «ингибиторы СГЛТ2» is a spelling
    of SGLT2 inhibitors; tests/search_names_unseen27.tsv, 60 more (22 in Russian), written after all of
    those: 55 before it was used (54 before that day), 57 once Russian hidden spellings get slips («гидрохлортиазид») and a
    code is also spelt in Russian letters («фгф21»); tests/search_names_unseen28.tsv, 60 more (18 in
    Russian), written after all of those: 58 before it was used, 60 once a code spelt in Russian
    letters that starts with ИР weighs as a slip («ирс1» found nothing) and «лекарственный сахарный
    диабет» is a name of drug-induced diabetes; tests/search_names_unseen29.tsv, 60 more (20 in Russian),
    written after all of those: 55 first (and all 60 in the first three), as before them, 56 once a
    name with the Russian letter А wins the tie when «а» is dropped («при инсулинорезистентности типа а»);
    tests/search_names_unseen30.tsv, 60 more (20 in Russian), written after all of those: 56 first and
    59 in the first three, unchanged by the day's changes (the misses, in irsite/search/README.md);
    tests/search_names_unseen31.tsv, 60 more (20 in Russian), written after all of those: 56 first and
    59 in the first three, unchanged by the next day's changes; tests/search_names_unseen32.tsv, 60 more
    (20 in Russian), written after all of those: 55 first and 59 in the first three (four of the five
    misses a name with a context word: "nfkb pathway", "hpl hormone"), 58 once every name carries the
    kind words (drug, hormone, pathway); tests/search_names_unseen33.tsv, 60 more (20 in Russian),
    written after all of those: 54 first before that change, 56 after ("beta blocker drugs",
    «гормон лептин»), 57 once «гликогенсинтетаза» is a Russian name of glycogen synthase;
    tests/search_names_unseen34.tsv, 60 more (20 in Russian), written after all of those: 58 first and
    59 in the first three before it was used ("quicki index" second, after the measuring page;
    «недосыпание» found the sleep page, not the term), 59 once "QUICKI index" is a spelling of QUICKI;
    tests/search_names_unseen35.tsv, 60 more (20 in Russian), written after all of those: 58 first and
    60 in the first three before it was used ("impaired glucose tolerence" found prediabetes first,
    «обструктивное апноэ сна» the page on consequences), 59 once that name, as the 2024 Russian
    guidelines write it, is a Russian name of obstructive sleep apnoea;
    tests/search_names_unseen36.tsv, 60 more (20 in Russian), written after all of those: 58 first and
    60 in the first three before it was used ("euglycaemic clamp method" found the measuring page
    first, «бета клеток» β-cell mass);
    tests/search_names_unseen37.tsv, 60 more (20 in Russian), written after all of those: all 60 first
    before it was used;
    tests/search_names_unseen38.tsv, 60 more (20 in Russian), written after all of those: all 60 first
    before it was used;
    tests/search_names_unseen39.tsv, 60 more (20 in Russian), written after all of those: 59 first and
    60 in the first three before it was used («хома ир» found insulin resistance first, HOMA-IR second);
    tests/search_names_unseen40.tsv, 60 more (20 in Russian), written after all of those: 59 first and
    60 in the first three before it was used («хома ир» again), 60 first once a short code beside a
    name said as a word is spelt in Russian letters too («ир» of HOMA-IR, «ан» of HAIR-AN);
    tests/search_names_unseen41.tsv, 60 more (20 in Russian), written after all of those: 59 first and
    60 in the first three before it was used («гипотеза экономного фенотипа» found the page on genes
    and early life first, its term second);
    tests/search_names_unseen42.tsv, 60 more (21 in Russian), written after all of those and after the
    changes they led to: all 60 first before it was used;
    tests/search_names_unseen43.tsv, 60 more (20 in Russian), written after those: 59 first and 60 in
    the first three before it was used ("lipodystrophies" found the page on severe syndromes first);
    tests/search_names_unseen44.tsv, 60 more (20 in Russian), written after those and the changes
    they led to: all 60 first before it was used;
    tests/search_names_unseen45.tsv, 60 more (20 in Russian), written after those and the changes
    they led to: 59 first and 60 in the first three before it was used ("protein kinase c epsilon"
    found the page on lipids first, its term second);
    tests/search_names_unseen46.tsv, 60 more (20 in Russian), written after those and the changes
    they led to: all 60 first before it was used;
    tests/search_names_unseen47.tsv, 60 more (21 in Russian), written after those and the changes
    they led to: all 60 first before it was used;
    tests/search_names_unseen48.tsv, 60 more (20 in Russian), written after those and the changes
    they led to: 59 first before it was used («бета адреноблокаторами»: beta-blockers third, after
    the page on medicines and the β-cell);
    tests/search_slips_hyphen.tsv, 240 names with a slip in the word before a hyphen ("fetuine-A",
    «глюкозоо-6-фосфатаза»), generated from the glossary: 208 first before a long word followed by a
    letter had its slips in the heavy field (the four of Fetuin-A found acetyl-CoA first, Fetuin-A
    38th), 212 after; tests/search_slips_ru_double.tsv, 57 Russian names with a doubled letter written
    once («сменая работа»), generated from the glossary: 46 first before those forms weighed as a
    name's own in the word's term and in its other names' cases, 55 after (five blind names more:
    «гестационого диабета» had found its term tenth, «стресовая гипергликемия» second)."""
    if queries == "public" and not PUBLIC_QUERIES.exists():
        pytest.skip("shared/ is not beside the checkout")
    summary = query_sets[queries]
    misses = [c for c in summary["cases"] if c["rank"] != 1]
    assert summary["top1"] >= floor * summary["total"], \
        "\n".join(f"{c['query']!r}: wanted {c['want']}, got {c['got']}" for c in misses)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_the_shared_concept_names_find_their_term(real_site, tmp_path):
    """Every preferred name, abbreviation and synonym of ../shared/research/concepts.yaml (names we did
    not choose) typed into the search: the term that holds one of the concept's names comes first for
    95% of them (430 of 449 on 5 December 2026; 419 before long names, dashes and three spellings).
    Notes in brackets and formulas are left out, as no learner types them."""
    path = ROOT.parent / "shared" / "research" / "concepts.yaml"
    if not path.exists():
        pytest.skip("shared/ is not beside the checkout")
    by_name = {n.lower(): t.id for t in PROJECT.terms for n in [t.id, *t.all_names]}
    rows = []
    for concept in yaml.safe_load(path.read_text(encoding="utf-8")):
        names = [concept["preferred"], *concept.get("abbr", []), *concept.get("synonyms", [])]
        term = next((by_name[n.lower()] for n in [concept["id"], *names] if n.lower() in by_name), None)
        assert term, f"concept {concept['id']} names no term of the glossary"
        for name in names:
            name = re.sub(r"\s*\(.*?\)\s*", "", name).strip()
            if name and "=" not in name and not ("/" in name and len(name) > 12):
                rows.append(f"{name}\t{term}")
    assert len(rows) >= 400
    got = _first_pages(real_site, tmp_path, rows, n=1)
    firsts = sum(1 for row in rows if got[row.split("\t")[0]][:1] == [f"glossary/{row.split(chr(9))[1]}/"])
    assert firsts >= 0.95 * len(rows), f"{firsts} of {len(rows)} first"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
@pytest.mark.parametrize("questions, floor", [("search_questions.tsv", 0.95), ("search_questions_unseen.tsv", 0.75),
                                              ("search_questions_unseen2.tsv", 0.8), ("search_questions_unseen3.tsv", 0.85),
                                              ("search_questions_unseen4.tsv", 0.85), ("search_questions_unseen5.tsv", 0.85),
                                              ("search_questions_unseen6.tsv", 0.85), ("search_questions_unseen7.tsv", 0.85),
                                              ("search_questions_unseen8.tsv", 0.8), ("search_questions_unseen9_ru.tsv", 0.6),
                                              ("search_questions_unseen10.tsv", 0.9), ("search_questions_unseen10_ru.tsv", 0.8),
                                              ("search_questions_unseen11.tsv", 0.9), ("search_questions_unseen11_ru.tsv", 0.8),
                                              ("search_questions_unseen12.tsv", 0.85), ("search_questions_unseen12_ru.tsv", 0.8),
                                              ("search_questions_unseen13.tsv", 0.9), ("search_questions_unseen13_ru.tsv", 0.8),
                                              ("search_questions_unseen14.tsv", 0.9), ("search_questions_unseen14_ru.tsv", 0.9),
                                              ("search_questions_unseen15_ru.tsv", 0.75),
                                              ("search_questions_unseen17.tsv", 0.9), ("search_questions_unseen17_ru.tsv", 0.85),
                                              ("search_questions_unseen18.tsv", 0.9), ("search_questions_unseen18_ru.tsv", 0.78),
                                              ("search_questions_unseen19.tsv", 0.9), ("search_questions_unseen19_ru.tsv", 0.88),
                                              ("search_questions_unseen20.tsv", 0.9), ("search_questions_unseen20_ru.tsv", 0.9),
                                              ("search_questions_unseen21.tsv", 0.9), ("search_questions_unseen21_ru.tsv", 0.84),
                                              ("search_questions_unseen22.tsv", 0.9), ("search_questions_unseen22_ru.tsv", 0.83),
                                              ("search_questions_unseen23.tsv", 0.9), ("search_questions_unseen23_ru.tsv", 0.86),
                                              ("search_questions_unseen24.tsv", 0.9), ("search_questions_unseen24_ru.tsv", 0.85),
                                              ("search_questions_unseen25.tsv", 0.9), ("search_questions_unseen25_ru.tsv", 0.8),
                                              ("search_questions_unseen26.tsv", 0.9), ("search_questions_unseen26_ru.tsv", 0.85),
                                              ("search_questions_unseen27.tsv", 0.9), ("search_questions_unseen27_ru.tsv", 0.8),
                                              ("search_questions_unseen28.tsv", 0.9), ("search_questions_unseen28_ru.tsv", 0.88),
                                              ("search_questions_unseen29.tsv", 0.9), ("search_questions_unseen29_ru.tsv", 0.87),
                                              ("search_questions_unseen30.tsv", 0.9), ("search_questions_unseen30_ru.tsv", 0.85),
                                              ("search_questions_unseen31.tsv", 0.9), ("search_questions_unseen31_ru.tsv", 0.85),
                                              ("search_questions_unseen32.tsv", 0.88), ("search_questions_unseen32_ru.tsv", 0.9),
                                              ("search_questions_unseen33.tsv", 0.9), ("search_questions_unseen33_ru.tsv", 0.68),
                                              ("search_questions_unseen34.tsv", 0.9), ("search_questions_unseen34_ru.tsv", 0.75),
                                              ("search_questions_unseen35.tsv", 0.9), ("search_questions_unseen35_ru.tsv", 0.9),
                                              ("search_questions_unseen36.tsv", 0.9), ("search_questions_unseen36_ru.tsv", 0.85),
                                              ("search_questions_unseen37.tsv", 0.9), ("search_questions_unseen37_ru.tsv", 0.8),
                                              ("search_questions_unseen38.tsv", 0.9), ("search_questions_unseen38_ru.tsv", 0.7),
                                              ("search_questions_unseen39.tsv", 0.9), ("search_questions_unseen39_ru.tsv", 0.85),
                                              ("search_questions_unseen40.tsv", 0.9), ("search_questions_unseen40_ru.tsv", 0.75),
                                              ("search_questions_unseen41.tsv", 0.9), ("search_questions_unseen41_ru.tsv", 0.85),
                                              ("search_questions_unseen42.tsv", 0.9), ("search_questions_unseen42_ru.tsv", 0.85),
                                              ("search_questions_unseen43.tsv", 0.9), ("search_questions_unseen43_ru.tsv", 0.85),
                                              ("search_questions_unseen44.tsv", 0.9), ("search_questions_unseen44_ru.tsv", 0.7),
                                              ("search_questions_unseen45.tsv", 0.95), ("search_questions_unseen45_ru.tsv", 0.95),
                                              ("search_questions_unseen46.tsv", 0.9), ("search_questions_unseen46_ru.tsv", 0.55),
                                              ("search_questions_unseen47.tsv", 0.95), ("search_questions_unseen47_ru.tsv", 0.8),
                                              ("search_questions_unseen48.tsv", 0.9), ("search_questions_unseen48_ru.tsv", 0.85),
                                              ("search_questions_ru_common.tsv", 1.0), ("search_questions_ru_learned.tsv", 1.0),
                                              ("search_questions_ru_everyday.tsv", 1.0),
                                              ("search_questions_head.tsv", 0.88)])
def test_learners_questions_find_topic_pages(query_sets, questions, floor):
    """tests/search_questions.tsv: 110 questions typed as learners type them, each with the topic page
    that answers it. Issue #17's target, 95% in the first three pages, is the floor: Material's search
    reaches 105 of 110 with the topic pages' lead and body fields, the question words dropped and the
    lay words (see irsite/search/README.md); 1 of 110 with no topic fields, 36 with the lead words alone, 71
    with the question words searched as prefixes. tests/search_questions_unseen.tsv, 72 searches
    written apart from the search results, checks the same in general: 62 of 72 (31 with the
    question words searched); tests/search_questions_unseen2.tsv, 54 written blind later: 49 of 54;
    tests/search_questions_unseen3.tsv, 72 written blind on 5 December 2026 (4 a page):
    62 of 72 before that day's lay words, 67 after; tests/search_questions_unseen4.tsv, 54 written
    blind later that day, after those changes: 50 of 54 (52 once three pages listed questions it
    had shown they answer); tests/search_questions_unseen5.tsv, 54 more written blind at the end of
    that day's work: 49 of 54 before it was used; tests/search_questions_unseen6.tsv, 54 written
    blind after that day's search changes: 47 of 54 before it was used (49 with brackets dropped
    and "Indian" as a lay word for Asian); tests/search_questions_unseen7.tsv, 54 written blind
    after those: 48 of 54 before it was used (49 with "gland" as a lay word for endocrine);
    tests/search_questions_unseen8.tsv, 54 written blind on 5 December: 42 of 54, five of the
    twelve missed in Russian, 45 with the topic pages' Russian names in their lead words;
    tests/search_questions_unseen9_ru.tsv, 36 in Russian written blind: 1 of 36 before those, 8 after,
    13 once each topic page listed the questions it answers in Russian too (the eighth set then 46);
    tests/search_questions_unseen10.tsv and _10_ru.tsv, 54 and 36 written blind before those Russian
    questions: 53 of 54 and 10 of 36 before, 24 of 36 after; tests/search_questions_unseen11.tsv and
    _11_ru.tsv, 54 and 36 written blind after them: 52 of 54 and 24 of 36 before they were used;
    tests/search_questions_unseen12.tsv and _12_ru.tsv, 54 and 36 written blind before
    that day's changes: 48 of 54 and 27 of 36 (26 once the pages held their linked terms' Russian
    names, which brought the other three Russian sets 14 -> 18, 24 -> 26 and 24 -> 28);
    tests/search_questions_unseen13.tsv and _13_ru.tsv, written blind after those: 51 of 54 and 26
    of 36 before they were used (30 with Russian lay words, chosen after reading its misses);
    tests/search_questions_unseen14.tsv and _14_ru.tsv, written blind after those: 49 of 54 and 28
    of 36 before they were used (34 with plural genitives, the conjunction а dropped and more Russian
    lay words, chosen after reading its misses; they brought the other Russian sets 20 -> 23,
    28 -> 31, 28 -> 30, 28 -> 31 and 30 -> 30); tests/search_questions_unseen15_ru.tsv, 54 Russian
    questions written blind after those: 36 of 54 at the start of that day's work, 39 before the
    pages' summaries in Russian, 41 after; tests/search_questions_unseen17.tsv and _17_ru.tsv, 36 and
    54 written blind after those: 35 of 36 and 45 of 54 before they were used (48 with Russian drug
    names, Indians, «раком» and «правда ли» as a question's opening, chosen after reading its misses);
    tests/search_questions_unseen18.tsv and _18_ru.tsv, 36 and 72 written blind after those: 34 of 36
    and 55 of 72 before they were used, 57 of 72 with the Russian words of the pages' lead in every
    case (field ``c``), a change chosen on the other sets; tests/search_questions_unseen19.tsv and
    _19_ru.tsv, 36 and 90 written blind after those: 34 of 36 and 80 of 90 before they were used,
    unchanged after; tests/search_questions_unseen20.tsv and _20_ru.tsv, 36 and 90 written blind
    after those: 34 of 36 and 82 of 90 before they were used; tests/search_questions_unseen21.tsv
    and _21_ru.tsv, 36 and 90 written blind after those: 33 of 36 and 76 of 90 before they were
    used, unchanged after (a Russian question that puts its subject in a case the page never uses,
    «к атеросклерозу», still misses); tests/search_questions_unseen22.tsv and _22_ru.tsv, 36 and
    90 written blind after those: 34 of 36 and 76 of 90 before they were used, 77 of 90 with
    «мозг» and «цитокины» as lay words for brain and cytokines, 75 of 90 once the glossary had a
    term for the hyperglycaemic clamp, which shares «клэмп» with «клэмп или HOMA что точнее?»;
    tests/search_questions_unseen23.tsv
    and _23_ru.tsv, 36 and 90 written blind after those: 36 of 36 and 78 of 90 before they were
    used, 80 of 90 with the changes of that day (irsite/search/README.md); tests/search_questions_unseen24.tsv
    and _24_ru.tsv, 36 and 90 written blind after those: 35 of 36 and 78 of 90 before they were
    used, 79 of 90 with «критерии» as a lay word for diagnosis; tests/search_questions_unseen25.tsv
    and _25_ru.tsv, 36 and 90 written blind after those: 36 of 36 and 73 of 90 before they were
    used, 74 of 90 once the clinical page's Russian summary describes acanthosis as a reader would
    («тёмные бархатистые пятна кожи на шее»); tests/search_questions_unseen26.tsv and _26_ru.tsv, 36
    and 90 written blind after those: 34 of 36 and 79 of 90 before they were used, 81 of 90 once four
    topic pages list Russian questions in readers' words (вылечить, неизбежна с возрастом);
    tests/search_questions_unseen27.tsv and _27_ru.tsv, 36 and 90 written blind after those changes:
    34 of 36 and 76 of 90 (75 before that day's changes), unchanged after;
    tests/search_questions_unseen28.tsv and _28_ru.tsv, 36 and 90 written blind after those: 34 of 36
    and 83 of 90 before they were used, 84 once the site's subject words weigh less in names;
    tests/search_questions_unseen29.tsv and _29_ru.tsv, 36 and 90 written blind after those changes:
    35 of 36 and 82 of 90 (35 and 80 on the site before them);
    tests/search_questions_unseen30.tsv and _30_ru.tsv, 36 and 90 written blind after those: 34 of 36
    and 78 of 90, unchanged by the day's changes;
    tests/search_questions_unseen31.tsv and _31_ru.tsv, 36 and 90 written blind after those, half of
    them broad lay questions ("can insulin resistance be reversed"): 34 of 36 and 81 of 90;
    tests/search_questions_unseen32.tsv and _32_ru.tsv, 36 and 90 written blind after those, half of
    them broad: 32 of 36 (89%, under issue #17's 90%: its floor is what the site reaches) and 85 of 90;
    tests/search_questions_unseen33.tsv and _33_ru.tsv, 36 and 90 written blind after those, many
    about a detail of a page's English text asked in Russian: 31 of 36 (86%) and 58 of 90 (64%, far
    under issue #17's 90%: its floor is what the site reaches; the misses, in irsite/search/README.md), 33 of 36
    once three pages list the lay questions they answer ("what hormones does fat tissue make"), and
    62 of 90 once each page lists three more Russian questions about what its English text says;
    tests/search_questions_unseen34.tsv and _34_ru.tsv, 36 and 90 written blind after those: 36 of 36
    and 69 of 90 (77%, under issue #17's 90%: its floor is what the site reaches), unchanged after;
    tests/search_questions_unseen35.tsv and _35_ru.tsv, 36 and 90 written blind after those: 34 of 36
    and 83 of 90 in the first three before they were used, 85 of 90 once «лечат», «измеряют» and
    «оценивают» count among the lay words for treatment and measuring, 86 once the clinical picture
    page lists a question on insulin and androgens in PCOS, 87 with «аутоантитела к рецептору
    инсулина» a hidden spelling of type B insulin resistance (its term first, the page second);
    tests/search_questions_unseen36.tsv and _36_ru.tsv, 36 and 90 written blind after those: 34 of 36
    and 73 of 90 (81%, under issue #17's 90%: its floor is what the site reaches) before they were used,
    78 of 90 once «объясните» is dropped from queries and walking, «подагра», «бариатрической» and
    «опухолей» count among the lay words;
    tests/search_questions_unseen37.tsv and _37_ru.tsv, 36 and 90 written blind after those: 33 of 36
    and 71 of 90 (79%, under issue #17's 90%: its floor is what the site reaches) before they were
    used, 72 once the lay words for a beginner hold Russian ones («для первокурсника»); most Russian
    misses find a term that answers them first (the twin cycle hypothesis, the Matsuda index,
    post-transplant diabetes) and the page after it;
    tests/search_questions_unseen38.tsv and _38_ru.tsv, 36 and 90 written blind after those: 35 of 36
    and 63 of 90 (70%, under issue #17's 90%: its floor is what the site reaches) before they were used;
    tests/search_questions_unseen39.tsv and _39_ru.tsv, 36 and 90 written blind after those: 35 of 36
    and 79 of 90 (88%, under issue #17's 90%: its floor is what the site reaches) before they were used;
    tests/search_questions_unseen40.tsv and _40_ru.tsv, 36 and 90 written blind after those: 35 of 36
    and 70 of 90 (78%, under issue #17's 90%: its floor is what the site reaches) before they were used;
    tests/search_questions_unseen41.tsv and _41_ru.tsv, 36 and 90 written blind after those: 35 of 36
    and 78 of 90 (87%, under issue #17's 90%: its floor is what the site reaches) before they were used;
    tests/search_questions_unseen42.tsv and _42_ru.tsv, 36 and 90 written blind after those and after
    the changes they led to: 34 of 36 and 78 of 90 (87%) before they were used;
    tests/search_questions_unseen43.tsv and _43_ru.tsv, 36 and 90 written blind after those: 33 of 36
    and 77 of 90 (86%) before they were used;
    tests/search_questions_unseen44.tsv and _44_ru.tsv, 36 and 90 written blind after those and the
    changes they led to: 34 of 36 and 62 of 90 (69%, under issue #17's 90%: its floor is what the
    site reaches) before they were used, 64 once the pages that write a term's Russian name in full
    also hold its abbreviation (ИР, СД2, ОГТТ), which these questions use often;
    tests/search_questions_unseen45.tsv and _45_ru.tsv, 36 and 90 written blind after those and the
    changes they led to: all 36 and 87 of 90 (97%) before they were used;
    tests/search_questions_unseen46.tsv and _46_ru.tsv, 36 and 90 written blind after those and the
    changes they led to, asked about a page's details (a trial, a figure, an enzyme) rather than its
    subject: 34 of 36 and 53 of 90 (59%, under issue #17's 90%: its floor is what the site reaches)
    before they were used;
    tests/search_questions_unseen47.tsv and _47_ru.tsv, 36 and 90 written blind after those and the
    changes they led to: all 36 and 77 of 90 (86%) before they were used;
    tests/search_questions_unseen48.tsv and _48_ru.tsv, 36 and 90 written blind after those and the
    changes they led to, the English ones as a student revising in a hurry types them ("x vs y",
    "role of x in y"): 34 of 36 and 80 of 90 (89%) before they were used;
    tests/search_questions_ru_common.tsv, the commonest Russian questions («лечение
    инсулинорезистентности», «признаки…», «как измерить…»), not blind: all must pass;
    tests/search_questions_ru_learned.tsv, 10 Russian questions that name a drug, a disease or a study
    word that the page writes only in English (розувастатин, феохромоцитома, мириоцин), not blind: 8
    of 10 before a page's learned words were indexed as Russian writes them (field ``t``), all 10 after;
    tests/search_questions_ru_everyday.tsv, 14 Russian questions whose everyday words the page says
    only in English (lupus, adolescents: content/russian-words.yaml), not blind: 10 of 14 before a
    page's words were indexed in Russian (field ``w``), all 14 after;
    tests/search_questions_head.tsv, the 26 commonest lay questions in English and Russian ("what
    causes insulin resistance", "insulin resistance diet"), not blind: 17 of 26 on 7 December, 22 once
    the first topic page answered "what causes insulin resistance" in a section of its own and the
    treatment page listed diet among its questions; 21 since 30 Russian names and abbreviations were
    added (7 December, eighth session): "insulin resistance treatment" finds the treatment page fourth,
    after the term, in a tie of three pages within 0.002% of one another that neither half of those
    names tips alone (a page's title words counted once more in its lead field put it first, but lost
    two other questions for it); 23 since the introduction, whose title asks what a term is, carries
    that term's names just above the longer names holding them (7 December, ninth session): "what
    is insulin resistance" and «что такое инсулинорезистентность» find the term first and the
    introduction second (22nd and 10th before); 24 since an English title that begins with a name
    ("Insulin signalling") carries that name just below its term (8 December, thirteenth session):
    "how does insulin work", the name "insulin" once its question words are dropped, finds the
    signalling page third (41st before)."""
    summary = query_sets[questions]
    assert summary["total"] >= (9 if questions.endswith(("_common.tsv", "_head.tsv", "_learned.tsv", "_everyday.tsv")) else 36)
    assert summary["top3"] >= floor * summary["total"], f"{summary['top3']} of {summary['total']} in the first three"
    if questions == "search_questions_head.tsv":   # a title that begins with a name carries that name
        assert next(c for c in summary["cases"] if c["query"] == "how does insulin work")["got"][:3].count("topics/insulin-signalling/") == 1


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_questions_about_homa_ir_do_not_find_irs_proteins(query_sets):
    """Typed after a hyphen, the IR of HOMA-IR is a prefix query («ir*») that also matches the names
    of IRS-1 and IRS-2, which came before the page on measuring: in 23 of the 51 questions about
    HOMA-IR in our sets they were among the first three results, 13 since their bare piece "irs"
    weighs less (irsite.search.names, field ``ex``; the questions' pages in the first three: 29, then 34).
    The thirty-third blind set added five such questions, two of them noisy: 16 of 56; the
    thirty-fifth one, noisy («формула HOMA-IR как посчитать»): 17 of 57; the thirty-sixth two, one of
    them noisy before any change for that set: 18 of 59; the thirty-seventh one, not noisy: 18 of 60;
    the thirty-eighth one, not noisy: 18 of 61; the thirty-ninth one, not noisy: 18 of 62; the
    forty-first three, one of them noisy before any change for that set («формула homa-ir и есть ли
    норма»: IRS-2 third): 19 of 65; the forty-second three, two of them noisy before any change for
    that set («как посчитать индекс HOMA-IR, формула», «почему нет единой нормы HOMA-IR»): 21 of 68; the
    forty-third four, two of them noisy before any change for that set ("how precise is homa-ir for a
    single person", «homa-ir 2.7 это уже…»): 23 of 72; 22 of 72 once the page on measuring asked in
    Russian by what formula HOMA-IR is worked out («формула homa ir как считать»); the forty-fourth
    one, noisy before any change for that set ("sarcopenia and homa-ir"): 23 of 73; the forty-fifth
    two, not noisy: 23 of 75; the forty-sixth two, one of them noisy before any change for that set
    («коэффициент вариации homa-ir 31 процент…»: IRS-2 third): 24 of 77; the forty-seventh four, two
    of them noisy before any change for that set («формула homa-ir делить на 22,5», «ир и атеросклероз
    ибс по homa-ir»): 26 of 81; the forty-eighth four, one of them noisy before any change for that
    set ("homa-ir formula and cut off"): 27 of 85."""
    cases = [c for name, r in query_sets.items() if "question" in name for c in r["cases"] if "homa" in c["query"].lower()]
    noisy = [c["query"] for c in cases if any("/irs-" in g for g in c["got"][:3])]
    assert len(cases) >= 85 and len(noisy) <= 27, noisy


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_greek_letter_after_a_name_does_not_bring_in_other_terms(query_sets):
    """"tnf alpha" listed G6Pase-alpha and Akt ("RAC-alpha serine/threonine-protein kinase") under TNF-α,
    each with "Missing: tnf": a Greek letter after another word of a name weighs less than the name's
    other words (irsite.search.names, field ``gk``). Over the queries of our sets that write a Greek
    letter's name after another word, 48 of 140 showed, among the first three, a term that shares only
    that letter with the query; 45 since (the rest: names that start with the letter, 11β-HSD1,
    alpha2-HS-glycoprotein); 46 of 146 with the thirty-third blind set's six such queries; 48 of 152
    with the thirty-fourth's six ("tnf alpha" shows alpha2-HS-glycoprotein third, "11 beta hsd1" beta
    blockers second, as the same queries did on the site before that set); 51 of 158 with the
    thirty-fifth's six, three of them noisy before any change for that set ("gsk3 beta" and
    "interleukin 1 beta" show 11β-HSD1 among the first three); 53 of 166 with the thirty-sixth's
    eight, two of them noisy before any change for that set; 53 of 169 with the thirty-seventh's three,
    none of them noisy; 55 of 171 with the thirty-eighth's two, both noisy before any change for that
    set ("gsk3 beta" and "il1 beta" show 11β-HSD1 and beta blockers after the term); 56 of 173 with the
    thirty-ninth's two, one of them noisy before any change for that set ("gsk 3 beta": 11β-HSD1 third);
    57 of 179 with the fortieth's six, one of them noisy before any change for that set ("11 beta hsd1":
    beta blockers second); 58 of 183 with the forty-first's four, one of them noisy before any change
    for that set ("gsk3 beta": 11β-HSD1 second); 60 of 187 with the forty-second's four, two of them
    noisy before any change for that set ("gsk 3 beta" and "ikk beta": 11β-HSD1 third); 63 of 193 with
    the forty-third's six, three of them noisy before any change for that set ("tnf alpha": Fetuin-A,
    alias alpha2-HS-glycoprotein, third; "gsk3 beta" and "11 beta hsd1"); 67 of 201 with the
    forty-fourth's eight, four of them noisy before any change for that set ("tnf alpha", "gsk3 beta",
    "interleukin 1 beta" and "11 beta hsd1"); 71 of 210 with the forty-fifth's nine, four of them noisy
    before any change for that set ("ikk beta", "gsk3 beta", "interleukin 1 beta" and "11 beta hsd1");
    73 of 215 with the forty-sixth's five, two of them noisy before any change for that set ("gsk3
    beta" and "11 beta hsd1", as in most sets before it); 73 of 216 with the forty-seventh's one ("does
    salsalate lower glucose through ikk beta or something else"), not noisy; 75 of 226 with the
    forty-eighth's ten, two of them noisy before any change for that set ("interleukin 1 beta" and "11
    beta hsd1", as in most sets before it)."""
    greek = {"alpha", "beta", "gamma", "delta", "epsilon", "theta", "kappa"}
    cases, noisy = [], []
    for c in (c for r in query_sets.values() for c in r["cases"]):
        ws = re.findall(r"\w+", c["query"].lower())
        if len(ws) < 2 or ws[0] in greek or not greek & set(ws[1:]):
            continue
        cases.append(c)
        others = [w for w in ws if w not in greek and not w.isdigit()]
        strays = [got for got in c["got"][:3] if got.startswith("glossary/") and not got.startswith(c["want"])
                  and (term := PROJECT.term_by_id.get(got.split("/")[1]))
                  and not any(w in " ".join(term.all_names).lower() for w in others)]
        noisy += [f"{c['query']} -> {strays[0]}"] if strays else []
    assert len(cases) >= 226 and len(noisy) <= 75, noisy
    # Second after TNF-α, the page about inflammation, not G6Pase-alpha.
    assert all(c["got"][1] == "topics/inflammation/" for c in cases if c["query"].lower() == "tnf alpha")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_question_words_do_not_change_the_results(real_site, tmp_path):
    """Question words ("is", "Is", "a", "in", "how", "does", "work", the pronoun "I" ...), a question mark,
    brackets and quotation marks are dropped by the search box ("(adrenaline)" was searched as a word
    with its brackets, and found nothing): a question finds what its subject words find (before, "a" and "in" searched every word starting
    with them, and the longest pages came first). A capital "A" is still a letter of a name (type A
    insulin resistance). So is a question word with a comma or question mark after it ("in,")."""
    pairs = [("Is obesity a low grade inflammation?", "obesity low grade inflammation"),
             ("can I have insulin resistance with a normal weight", "insulin resistance normal weight"),
             ("how does diacylglycerol in the liver stop insulin working", "diacylglycerol liver stop insulin working"),
             ("what is the role of pi3k in insulin signalling", "role pi3k insulin signalling"),
             ("Что такое инсулинорезистентность?", "инсулинорезистентность"),
             ("how does insulin signalling work", "insulin signalling"),
             ("insulin signalling step by step", "insulin signalling"),
             ("difference between muscle and liver insulin resistance", "muscle liver insulin resistance"),
             ("does epinephrine (adrenaline) stop insulin working", "epinephrine adrenaline stop insulin working"),
             ("«инсулинорезистентность» [обзор]", "инсулинорезистентность обзор"),
             # A question word with punctuation after it: "in," searched every word starting with "in".
             ("how does glucose get in, and what stops it?", "glucose get stops")]
    rows = [f"{q}\ttopics/inflammation/" for pair in pairs for q in pair]
    rows.append("type A insulin resistance\ttype-a-insulin-resistance")
    cases = tmp_path / "q.tsv"
    cases.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = subprocess.run(["node", str(ROOT / "tests/tools/search-check.mjs"), str(real_site), str(cases)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    got = [c["got"] for c in json.loads(out.stdout.strip().splitlines()[-1])["cases"]]
    for i, (question, subject) in enumerate(pairs):
        assert got[2 * i] == got[2 * i + 1] and got[2 * i], (question, got[2 * i], subject, got[2 * i + 1])
    assert got[-1][0] == "glossary/type-a-insulin-resistance/", got[-1]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_every_short_query_runs_without_a_search_error(real_site, tmp_path):
    """Every letter, digit and two-character start a reader may type runs in Material's search worker
    without an error. Lunr's prefix search can fail on some sets of index words that hold digits
    ("Cannot read properties of undefined", and no results at all): body words of three letters made
    the queries "1" and "10" fail, so a change of the index's words or separator is checked here."""
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    queries = [*chars, *(a + b for a in chars for b in chars), *"αβγκабвгдежзиклмнопрстуфхцчшщэюя"]
    cases = tmp_path / "short.tsv"
    cases.write_text("".join(f"{q}\tinsulin\n" for q in queries), encoding="utf-8")
    out = subprocess.run(["node", str(ROOT / "tests/tools/search-check.mjs"), str(real_site), str(cases)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    errors = [line for line in (out.stdout + out.stderr).splitlines() if "Invalid query" in line]
    assert not errors, errors[:10]


def _assert_first(real_site, tmp_path, rows: dict[str, str]) -> None:
    """Each query of ``rows`` (query -> wanted page) finds its page first in Material's worker."""
    got = _first_pages(real_site, tmp_path, [f"{q}\t{page}" for q, page in rows.items()], n=1)
    assert {q: pages[:1] for q, pages in got.items()} == {q: [page] for q, page in rows.items()}, got


def _first_pages(real_site, tmp_path, rows: list[str], n: int = 3) -> dict[str, list[str]]:
    """The first ``n`` result pages for each query of ``rows`` (query<TAB>wanted) in Material's worker."""
    cases = tmp_path / "cases.tsv"
    cases.write_text("".join(f"{row}\n" for row in rows), encoding="utf-8")
    out = subprocess.run(["node", str(ROOT / "tests/tools/search-check.mjs"), str(real_site), str(cases)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    return {c["query"]: c["got"][:n] for c in json.loads(out.stdout.strip().splitlines()[-1])["cases"]}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_one_word_russian_name_in_the_genitive_finds_its_term(real_site, tmp_path):
    """The genitive is the case a Russian question most often puts a name in («уровень инсулина»,
    «лечение инсулинорезистентности»). Typed alone, the genitive of every one-word Russian name finds
    its term first: 79 of 79 on 5 December 2026; 76 before the genitive that longer names write as a
    word («рецептор инсулина») got a document of its own, when «инсулина» found insulinase first and
    «инсулинорезистентности» found insulin resistance 17th."""
    rows = sorted({f"{g}\t{t.id}" for t in PROJECT.terms for n in t.ru if n.islower() and len(ws := words(n)) == 1
                   for g in inflections(ws[0], 1) - {ws[0]}})
    assert len(rows) >= 70
    got = _first_pages(real_site, tmp_path, rows, n=1)
    misses = [row for row in rows if got[row.split("\t")[0]] != [f"glossary/{row.split(chr(9))[1]}/"]]
    assert len(misses) <= 0.02 * len(rows), misses


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_the_sites_subject_in_a_russian_question_does_not_bury_the_page_that_answers_it(real_site, tmp_path):
    """«инсулина» and «инсулинорезистентности» are in nearly every Russian question. The names made of
    them (insulin, insulin resistance in the genitive) and the one-word names that start with them
    (инсулиназа) filled the first three places, before the page that answers the rest of the
    question (each of these three was fourth). Typed alone, each such name still finds its term first."""
    rows = {"какие липиды нарушают передачу сигнала инсулина?": "topics/lipid-induced-insulin-resistance/",
            "почему работающие мышцы забирают глюкозу без инсулина и нужна ли для этого AMPK": "topics/activity-sleep-and-ageing/",
            "кривая доза эффект инсулина сдвиг вправо и снижение максимума": "topics/what-is-insulin-resistance/"}
    got = _first_pages(real_site, tmp_path, [f"{q}\t{page}" for q, page in rows.items()])
    assert all(page in got[q] for q, page in rows.items()), got
    _assert_first(real_site, tmp_path, {
        "инсулин": "glossary/insulin/", "инсулина": "glossary/insulin/", "инсулинорезистентность": "glossary/insulin-resistance/",
        "инсулинорезистентности": "glossary/insulin-resistance/", "инсулиназа": "glossary/insulin-degrading-enzyme/",
        "инсулиночувствительность": "glossary/insulin-sensitivity/", "инсулиносенситайзеры": "glossary/insulin-sensitizer/"})


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_russian_capital_letter_in_a_question_does_not_bury_the_page_that_answers_it(real_site, tmp_path):
    """A Russian capital standing alone in a name (типа А, протеинкиназа В, фетуин-А) weighs less than
    a Latin one: «чем отличается инсулинорезистентность типа А от типа В», a question the page on
    severe syndromes lists, found it 7th, behind every name with an А or a В. Typed with their letter,
    those names still find their term first."""
    q = "чем отличается инсулинорезистентность типа А от типа В"
    got = _first_pages(real_site, tmp_path, [f"{q}\ttopics/severe-and-genetic-syndromes/"])
    assert "topics/severe-and-genetic-syndromes/" in got[q], got
    _assert_first(real_site, tmp_path, {
        "инсулинорезистентность типа А": "glossary/type-a-insulin-resistance/", "протеинкиназа В": "glossary/akt/",
        "инсулинорезистентность типа В": "glossary/type-b-insulin-resistance/", "фетуин-А": "glossary/fetuin-a/",
        "фетуин а": "glossary/fetuin-a/", "ацетил-коэнзим А": "glossary/acetyl-coa/",
        # the lower-case «а» is dropped as the conjunction, as "a" is as the article: type A wins the tie
        "при инсулинорезистентности типа а": "glossary/type-a-insulin-resistance/"})


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_number_inside_a_code_name_is_not_found_by_another_names_number(real_site, tmp_path):
    """"IL-6" is searched as "il" and "6": the 66 of CD66a and the 6 of G6Pase are not words of their
    own, so neither comes before IL-6's neighbours (before, CD66a came second)."""
    got = _first_pages(real_site, tmp_path, ["IL-6\til-6", "GLUT4\tglut4"])
    assert got["IL-6"][0] == "glossary/il-6/" and "glossary/ceacam1/" not in got["IL-6"], got
    assert got["GLUT4"][0] == "glossary/glut4/", got


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_letter_written_for_one_that_sounds_alike_still_finds_the_term(real_site, tmp_path):
    """c, k, s and z written for one another ("resistanse", "adiponektin"): before, the first found
    insulin before insulin resistance, the second nothing at all."""
    firsts = _first_pages(real_site, tmp_path, ["insulin resistanse\tinsulin-resistance",
                                                 "adiponektin\tadiponectin", "glucagone\tglucagon"], n=1)
    assert firsts == {"insulin resistanse": ["glossary/insulin-resistance/"],
                      "adiponektin": ["glossary/adiponectin/"], "glucagone": ["glossary/glucagon/"]}, firsts


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_slip_in_a_russian_name_still_finds_the_term(real_site, tmp_path):
    """A letter left out, an unstressed vowel confused (е for и, а for о), a letter doubled or a
    final voiced consonant written voiceless (глюконеогенес, as it is said) in a Russian name, or a
    confused vowel in its genitive (гиперинсуленемии): before, each found nothing at all. The slip
    counts with the name's other words ("гестационый сахарный диабет" came third, after "сахарный
    диабет")."""
    rows = {"инсулинорезистентость": "glossary/insulin-resistance/", "гиперинсулинимия": "glossary/hyperinsulinemia/",
            "инсуулин": "glossary/insulin/", "глюконеогинез": "glossary/gluconeogenesis/",
            "гестационый сахарный диабет": "glossary/gestational-diabetes/",
            "глюконеогенес": "glossary/gluconeogenesis/", "липолис": "glossary/lipolysis/",
            # a confused vowel in a genitive: each found nothing
            "гиперинсуленемии": "glossary/hyperinsulinemia/", "глюконеогинеза": "glossary/gluconeogenesis/",
            "чувствитильности к инсулину": "glossary/insulin-sensitivity/"}
    _assert_first(real_site, tmp_path, rows)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_doubled_letter_written_once_in_a_russian_question_still_finds_the_page(real_site, tmp_path):
    """«беремености» for «беременности», the commonest Russian misspelling, in questions that the
    pregnancy page answers: they came 22nd and 20th, after pages that matched only their other words."""
    rows = ["почему при беремености развивается инсулинорезистентность\ttopics/physiological-and-hormonal/",
            "инсулинорезистентность во время беремености\ttopics/physiological-and-hormonal/"]
    got = _first_pages(real_site, tmp_path, rows, n=3)
    assert all("topics/physiological-and-hormonal/" in pages for pages in got.values()), got


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_vowel_added_in_a_name_still_finds_the_term(real_site, tmp_path):
    """A vowel added between two consonants ("resisitin", "adiponecitin"), or an a before an e as in
    anaemia ("sarcopaenia"): before, each found nothing at all. With an i added between the two
    consonants nearest the middle of each term's name (``search-check.mjs --typos vowel``), 62 of 96
    found their term first before, 95 after (96 of 97 once the glossary had IGF-1)."""
    rows = {"resisitin": "glossary/resistin/", "sarcopaenia": "glossary/sarcopenia/",
            "adiponecitin": "glossary/adiponectin/"}
    _assert_first(real_site, tmp_path, rows)
    out = subprocess.run(["node", str(ROOT / "tests/tools/search-check.mjs"), str(real_site), "--typos", "vowel"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["total"] >= 90 and summary["top1"] >= 0.95 * summary["total"], summary["top1"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_lay_words_find_the_page_that_uses_the_medical_word(real_site, tmp_path):
    """A learner's everyday word finds the topic page that uses the medical one: "meds" the page on
    medicines (before, the syndromes page came first), "snoring" the page on sleep apnoea, "sugar"
    the page on insulin signalling (before, fourth), "basics for beginners" the introduction (before,
    25th, after every name holding "insulin resistance")."""
    rows = {"meds that cause insulin resistance": "topics/drug-induced-insulin-resistance/",
            "snoring and diabetes": "topics/consequences-beyond-diabetes/",
            "how does insulin make sugar transporters go to the cell membrane": "topics/insulin-signalling/",
            "insulin resistance basics for beginners": "topics/what-is-insulin-resistance/"}
    _assert_first(real_site, tmp_path, rows)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_the_article_a_in_a_question_does_not_pull_in_names_with_the_letter_a(real_site, tmp_path):
    """Questions say "a" ("what happens after a meal"); names such as Fetuin-A, TNF-a or IR-A hold
    it as a letter. A lower-case "a" typed as a word is dropped, and the letter's extra weight goes to
    long names only (type A insulin resistance), so a short name holding it never comes first for a
    question just because of that word."""
    rows = [line for line in (ROOT / "tests" / "search_questions.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#") and " a " in f" {line.split(chr(9))[0]} "]
    assert len(rows) >= 10
    cases = tmp_path / "a.tsv"
    cases.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = subprocess.run(["node", str(ROOT / "tests/tools/search-check.mjs"), str(real_site), str(cases)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    short_a = ("glossary/fetuin-a/", "glossary/tnf-alpha/", "glossary/insulin-receptor/", "glossary/acetyl-coa/")
    firsts = [(c["query"], c["got"][0]) for c in json.loads(out.stdout.strip().splitlines()[-1])["cases"]]
    assert not [f for f in firsts if f[1] in short_a], firsts


def test_search_index_stays_small(real_site):
    """The name fields added for search cost at most 55% of what Material's own index weighs (50%
    before the commoner slips of one-word aliases such as semaglutide and Ozempic, 4 KB gzipped),
    and the Russian names (about 350 of them, two bytes a letter) with the typing slips of each
    term's first one and the case forms of their words at most 50% more (15% without the slips or
    the case forms; 45% without the case forms)."""
    index = json.loads((real_site / "search/search_index.json").read_text())
    size = len((real_site / "search/search_index.json").read_bytes())
    ours = ("keys", "alt", "parts", "joined", "fuzzy")
    base_docs, russian = [], []
    for d in index["docs"]:
        if re.search(r"#(names|n\d+)$", d["location"]):
            if re.search("[\u0400-\u04ff]", d["title"]):
                russian.append(d)
            continue  # a name document we added
        if any(k in d for k in ours):
            d = {k: v for k, v in d.items() if k not in ours and k != "boost"}
        base_docs.append(d)
    base_config = dict(index["config"], fields={k: v for k, v in index["config"]["fields"].items() if k not in ours})
    base_size = len(json.dumps(dict(index, config=base_config, docs=base_docs), ensure_ascii=False,
                               separators=(",", ":")).encode())
    # Slips counted below; the kind words (kd), the same on every short name, are in the gzipped budget.
    russian = [{k: v for k, v in d.items() if k not in ("fuzzy", "kd")} for d in russian]
    russian_size = len(json.dumps(russian, ensure_ascii=False, separators=(",", ":")).encode())
    russian_size += sum(len(t.encode()) + 1 for d in index["docs"] for t in d.get("fuzzy", "").split()
                        if re.search("[\u0400-\u04ff]", t))
    assert russian and russian_size <= 0.50 * base_size, (russian_size, base_size)
    assert size - russian_size <= 1.55 * base_size, (size, russian_size, base_size)
    # What a reader downloads is the gzipped index: 105 KB when the site had 95 terms and 11 topic
    # pages; it now has about 1.8 times as much, the topic pages' lead and body words (about 165 KB,
    # 38 KB gzipped: body words are repeated up to three times, which gzip makes nearly free) that
    # let questions find them, and typing-slip forms (12 KB gzipped), since 5 December 2026 also of
    # each term's first Russian name (26 KB gzipped: a slip in a Russian name found nothing at all),
    # and the case forms of Russian names' words (10 KB gzipped: "при гиперинсулинемии", "роль
    # адипонектина" found nothing; 21 of 40 Russian names typed as a sentence puts them were found
    # first before, 31 after), and the words of the topic pages' questions in Russian (9 KB gzipped: 10
    # of 36 blind Russian questions found their page in the first three before, 24 after), and the
    # Russian names of the terms each topic page links to (13 KB gzipped: of the 108 blind Russian
    # questions, 56 found their page in the first three before, 72 after), and the words of each topic
    # page's summary in Russian (5 KB gzipped: 39 of 54 blind Russian questions found their page in
    # the first three before, 41 after; the six other Russian sets 179 -> 189 of 216), and any vowel
    # typed for any other in a name's long word (4.4 KB gzipped: with one such slip in each term's
    # name, 109 of 138 found their term first before, 135 after), and the topic pages' Russian words
    # in every case, the field ``c`` (33 KB gzipped: the Russian question sets here found their page
    # in the first three 286 times of 334 before, 296 after; with only the first three cases of each
    # word, 19 to 24 KB, 290 or 291), and a vowel added between consonants or ae for e in a name's
    # long word (4.3 KB gzipped: "resisitin", "sarcopaenia" found nothing), and a confused vowel in
    # the genitive of a Russian name's word (4.3 KB gzipped: «десинхраноза» found nothing), and
    # longer Russian names in the genitive as documents of their own (2.2 KB gzipped: «чувствительности
    # к инсулину» found its term fifth), and the medical corrections of 6 December (2 KB of page text).
    topic_fields = sum(len(d.get("q", "")) + len(d.get("b", "")) + len(d.get("r", "")) for d in index["docs"])
    # 2,600 characters of them the pages' Russian names, 10,000 the words of their questions in
    # Russian, 41,000 the linked terms' Russian names, 8,000 the words of their Russian summaries
    # (and 2,000 more after the review of the Russian summaries, whose hedges lengthened them)
    # (and 700 the Russian words of the pages' lead with a doubled letter written once, «беремености»;
    # 700 more the sentences that link the six terms of 6 December's second batch; 1,200 more the
    # introduction's section on what causes insulin resistance, 7 December; 2,200 more three Russian
    # questions on each page about what its English text says, the same day; 300 more the lay words
    # for walking and sitting in Russian and the signals page's link to Selenoprotein P, 7 December;
    # 100 more the Russian lay words for beginners and «индийские», and the measuring page's question
    # on insulin sensitivity, 7 December, second session; 200 more the lay words with a doubled letter
    # written once, "presure", and the signalling page's question on how insulin tells a cell to take
    # in sugar, the same session; 30 more the Russian names of the term adipocyte, which two pages
    # link to, 7 December, third session; 90 more the treatment page's question on rosiglitazone
    # naming Avandia and the EU and the US, the same session; 100 more the Russian spellings of
    # hydrochlorothiazide and of the branched-chain amino acids, which pages link to; 2,400 more the
    # 30 Russian names and abbreviations of 7 December, eighth session, in the linking pages' ``r``;
    # 300 more the terms' Russian abbreviations in the lead of the pages that write their names, and
    # the measuring page's question on HOMA-IR's formula, ninth session; 500 more the Russian names of
    # visceral fat and the insulinogenic index in the three pages that link them, and the β-cell
    # page's sentence on the oral disposition index, tenth session; 120 more ЛПНП and ЛПВП in the lead
    # of the pages that say LDL or HDL, and ГЛЮТ4, ИЛ6 and ИФР1 in the pages that link those terms)
    assert topic_fields <= 269_700, topic_fields
    gzipped = len(gzip.compress((real_site / "search/search_index.json").read_bytes()))
    # 2.8 KB of it (6 December) the linked terms' Russian spellings and readings and the hyphenated
    # pieces, ``x``, with more Russian words dropped from queries: across the Russian question sets 8
    # more in the first three (2 of them in the twenty-third set, unseen) and 16 more first.
    # 1.3 KB more the medical corrections of the same day's review (PCOS criteria and new name, IRS-1
    # Ser307, the liver's direct and indirect control).
    # 1.5 KB more the glossary corrections of a second review the same day (oxidative stress, obesity,
    # HOMA, transplant diabetes, PMOS and the names moved to searchable spellings).
    # 2.9 KB more a review of the pages' Russian text (terms, hedges and grammar) the same day.
    # 1.6 KB more the term athlete's paradox and its three sources (6 December).
    # 8.5 KB more four terms a student meets in lectures (incretin effect, metabolically healthy
    # obesity, portal hypothesis, metabolic inflexibility) and their 19 sources, the same day.
    # 1.3 KB more the term hyperglycaemic clamp.
    # 11 KB more six terms and their 18 sources (Mendelian randomisation, RBP4, 11β-HSD1, the dawn
    # phenomenon, the hexosamine pathway, the twin cycle hypothesis), and 0.3 KB the Russian words
    # of the pages' lead with a doubled letter written once («беремености»).
    # 0.5 KB more four Russian questions in readers' words; 5.4 KB more the common slips of the
    # one-word Russian hidden spellings (drug and brand names: «гидрохлортиазид», 92 of 92 such
    # slips found, none before), and 0.2 KB a code spelt in Russian letters («фгф21»). 0.1 KB
    # more «ирс1» as a slip and «лекарственный сахарный диабет», and 0.1 KB the field of Russian capitals
    # and the weights of names made of the subject words; the built site with its offline copy (as CI
    # builds it) weighs 0.2 KB more than without, its downloads page naming the zip's size.
    # 0.5 KB more the Lancet paper that renamed PCOS as a source, and the sources' notes saying
    # which identifiers could not be seen (6 December, late evening).
    # 1.8 KB more the term HOMA-β (no longer a name of HOMA-IR), the introduction's section on what
    # causes insulin resistance and three more questions the pages answer; 0.1 KB the lighter field
    # of Greek letters after a name's word (7 December). 1.9 KB more the kind words on every name of one or two words
    # (field kd: "metformin drug", «гормон лептин»; 7 blind names more, 7 December). 7.9 KB more
    # three Russian questions on each topic page about what its English text says (54 in all;
    # 17 more Russian questions over all sets in the first three, 13 of them on sets before the 33rd).
    # 1.0 KB more a doubled letter written once in the words of Russian names of up to three words
    # (field alt or cases: «сменая работа»; five blind names more, 7 December). 0.4 KB more the
    # Russian name «обструктивное апноэ сна», the verbs «лечат», «измеряют», «оценивают» among the lay
    # words, the question on insulin and androgens in PCOS (eight Russian questions more) and
    # «аутоантитела к рецептору инсулина» as a spelling of type B insulin resistance.
    # 1.2 KB more the term Selenoprotein P (its names' documents and the signals page's link to it)
    # and the lay words «объясните», «по простому», walking and sitting (four questions more), and
    # «подагра», «бариатрическая» and «опухолей» (three more). 0.9 KB more the term adipocyte (fat
    # cell, «жировая клетка»; 7 December, third session: "fat cell" and «адипоцит» found no term of
    # their own). 0.6 KB more cortisol, adrenaline and catecholamines as spellings of the class terms
    # whose definitions name them («кортизол» found two pages only, «катехоламины» nothing). 0.5 KB
    # more «гидрохлортиазид» and «гипотиазид», the treatment page's question naming Avandia, and
    # leucine, isoleucine and valine as spellings of the branched-chain amino acids (7 December).
    # 0.8 KB more the term hepatocyte (the liver cell; "hepatocyte" found IL-6 first, «гепатоцит»
    # nothing; the same day). 0.1 KB more steroid-induced diabetes and «стероидный сахарный диабет» as
    # spellings of drug-induced diabetes (7 December, eighth session). 3.5 KB more 29 Russian names and
    # abbreviations a terminology review found missing (ГКС, ССЗ, АГ, «гипотеза Баркера»: 10 of 30 found
    # their term first before, 29 after; the same session). 0.3 KB more the introduction's copies of
    # the names of insulin resistance ("what is insulin resistance" found it 22nd, now 2nd) and the
    # measuring page's Russian question naming HOMA-IR's formula (7 December, ninth session). 0.2 KB
    # more the terms' Russian abbreviations (ИР, СД2, ОГТТ) in the lead of the pages that write the
    # term's Russian name in full (20 Russian questions more in the first three, 2 fewer; the same day).
    # 4.1 KB more the terms visceral fat and insulinogenic index with their three sources ("visceral
    # fat" found the portal hypothesis, «висцеральный жир» ectopic fat; 7 December, tenth session).
    # 0.1 KB more ЛПНП, ЛПВП, ГЛЮТ4, ИЛ6 and ИФР1 (six Russian questions more; the same session).
    # 28 KB more the topic pages' learned words as Russian writes them (field ``t``: «мириоцин»,
    # «феохромоцитома», «розувастатин»): 27 Russian questions more in the first three, one fewer, no
    # name lost (7 December, eleventh session). 58 KB more the Russian words for the English words a
    # topic page uses twice or more (field ``w``, content/russian-words.yaml: lupus, «волчанка»): 20
    # blind Russian questions more in the first three (35 won, 15 lost), no name lost (8 December,
    # twelfth session). 0.4 KB more the signalling page's copy of the name insulin, its title
    # beginning with it ("how does insulin work": 41st, now 3rd; 8 December, thirteenth session).
    # 7.1 KB more the instrumental plural of Russian nouns («адреноблокаторами», «статинами»), in
    # every field that holds case forms: a blind name and five Russian questions more, one fewer (the
    # same session).
    assert gzipped <= 591_000, gzipped


def test_link_previews_show_the_term_and_its_definition(real_site):
    """A term link pasted into an LMS or a chat shows the term and its definition."""
    page = (real_site / "glossary/tnf-alpha/index.html").read_text()
    term = PROJECT.term_by_id["tnf-alpha"]
    description = re.search(r'<meta property="og:description" content="([^"]*)">', page).group(1)
    assert '<meta property="og:title" content="TNF-α">' in page
    assert description.startswith(markup.plain_text(term.definition)[:40])
    assert re.search(r'<meta property="og:url" content="https?://[^"]+/glossary/tnf-alpha/">', page)
    topic = (real_site / "topics/inflammation/index.html").read_text()
    assert '<meta property="og:title" content="Inflammation and insulin resistance">' in topic
    assert '<meta name="description" content="' in topic


def test_a_weak_source_quoted_on_a_term_page_comes_with_what_the_evidence_says(real_site):
    """A term page lists the low-reliability sources it quotes (to show what they claim); every such
    quotation is followed by a short verdict, so a student never reads a weak claim as support (a
    reader saw TNF-α's page quote "Adipocytes ... release elevated levels of ... TNF-α" uncorrected)."""
    quoted = 0
    for term in PROJECT.terms:
        page = (real_site / f"glossary/{term.id}/index.html").read_text(encoding="utf-8")
        sources = page.split('id="sources"', 1)[1].split("</ol>", 1)[0]
        for item in re.findall(r"<li>(.*?)</li>", sources, re.S):
            if "Low reliability:" in item and "<blockquote>" in item:
                quoted += 1
                assert re.search(r"</blockquote>\s*<p><strong>What the evidence says:</strong> \S", item), (term.id, item)
    assert quoted >= 10
    page = (real_site / "glossary/tnf-alpha/index.html").read_text(encoding="utf-8")
    assert "What the evidence says:</strong> Misleading." in page


def test_pages_show_their_date_and_carry_citation_tags_for_reference_managers(real_site):
    """Under the title: the same last-updated date as the cite block and the Highwire citation_* tags."""
    for rel in ("glossary/tnf-alpha/index.html", "topics/inflammation/index.html"):
        page = (real_site / rel).read_text(encoding="utf-8")
        shown = re.search(r"</h1>\s*<p data-search-exclude><em>Last updated (\d{4}-\d{2}-\d{2})</em></p>", page)
        assert shown, f"{rel}: no last-updated date under the title"
        day = shown.group(1)
        assert f"Last changed: {day}" in page                                   # the cite block
        tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', page))
        assert tags["citation_date"] == day.replace("-", "/")
        assert tags["citation_author"] == "Insulin Resistance Reference"
        assert re.fullmatch(r"https?://\S+/" + re.escape(rel.removesuffix("index.html")), tags["citation_public_url"])
        assert tags["citation_title"] in ("TNF-α", "Inflammation and insulin resistance")
    assert "citation_title" not in (real_site / "index.html").read_text(encoding="utf-8")


def test_every_work_a_term_cites_is_in_its_sources_list(real_site):
    """A reader who checks a claim on a term page finds the cited work in the page's numbered
    Sources list, whether or not the author also wrote it under ``sources:`` (a review found five
    terms citing works their lists left out)."""
    data = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))
    checked = 0
    for term in data["terms"]:
        cited = {key.partition("#")[0] for text in (term["definition"], term.get("details") or "")
                 for m in markup.CITATION.finditer(text) for key in markup.citation_keys(m.group(1))}
        page = (real_site / "glossary" / term["id"] / "index.html").read_text(encoding="utf-8")
        listed = page.split('id="sources"', 1)[1].split("</ol>", 1)[0]
        for sid in cited:
            assert f'href="../../sources/{sid}/' in listed, (term["id"], sid)
            checked += 1
    assert checked > 300


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_name_that_starts_with_a_number_does_not_take_the_queries_of_names_with_a_digit(real_site, tmp_path):
    """11β-HSD1 is the one name that starts with a number. Each query with a digit in it is a prefix
    query that matched its six forms of "11β", and 13 names of the sets ("IL-1 beta", "IGF-1",
    «ИФР-1», "IRS-1") found it first instead of their own term; it must still be found by its own."""
    rows = {"IL-1 beta": "glossary/il-1-beta/", "IGF-1": "glossary/igf-1/", "ИФР-1": "glossary/igf-1/",
            "IRS-1": "glossary/irs-1/", "FOXO-1": "glossary/foxo1/", "GLP-1 agonists": "glossary/glp-1-receptor-agonists/",
            "11β-HSD1": "glossary/11-beta-hsd1/", "11 beta HSD1": "glossary/11-beta-hsd1/",
            "11β-гидроксистероиддегидрогеназа 1-го типа": "glossary/11-beta-hsd1/"}
    _assert_first(real_site, tmp_path, rows)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_number_in_a_question_does_not_pull_in_names_whose_number_is_followed_by_a_letter(real_site, tmp_path):
    """The 1 of "IGF-1" or «ИЛ-1» is a prefix query, which matched the 1RA of GLP-1RA and the 1B of
    PTP1B and IL-1b: those three came before the page that answers each of these questions (4th to
    6th). A number followed by letters now weighs little; the names' other words identify them."""
    got = _first_pages(real_site, tmp_path, [
        "связь высокого инсулина и IGF-1 с раком\ttopics/consequences-beyond-diabetes/",
        "роль инфламмасомы nlrp3 и ил-1 бета\ttopics/inflammation/"])
    for query, pages in got.items():
        assert not {"glossary/glp-1-receptor-agonists/", "glossary/ptp1b/"} & set(pages), (query, pages)
    assert "topics/consequences-beyond-diabetes/" in got["связь высокого инсулина и IGF-1 с раком"], got
    assert "topics/inflammation/" in got["роль инфламмасомы nlrp3 и ил-1 бета"], got
    _assert_first(real_site, tmp_path, {"GLP-1RA": "glossary/glp-1-receptor-agonists/", "PTP1B": "glossary/ptp1b/",
                                         "IL-1b": "glossary/il-1-beta/", "SREBP-1c": "glossary/srebp-1c/"})


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_drug_typed_in_russian_with_a_slip_or_a_code_spelt_in_russian_letters_finds_the_term(real_site, tmp_path):
    """From the twenty-seventh blind set: a Russian drug name among a term's hidden spellings, typed
    with one slip («гидрохлортиазид», «форсга»), found nothing at all; a code of capitals and a number
    spelt in Russian letters («фгф21», «тлр4») found nothing either. A code that starts with a short
    Russian name («ирс1» starts with ИР, which every question about insulin resistance writes) weighs
    as a slip: found when typed (in the twenty-eighth blind set «ирс1» found nothing), never pulled
    into a question by its «ир»."""
    _assert_first(real_site, tmp_path, {"гидрохлортиазид": "glossary/thiazide-diuretics/",
                                         "форсга": "glossary/sglt2-inhibitors/", "фгф21": "glossary/fgf21/",
                                         "тлр4": "glossary/tlr4/", "ирс 1": "glossary/irs-1/", "ирс1": "glossary/irs-1/",
                                         "ирс-2": "glossary/irs-2/"})
    got = _first_pages(real_site, tmp_path, ["можно ли вылечить ир похудением\ttopics/treatment-and-prevention/",
                                             "метформин при ир\ttopics/treatment-and-prevention/"])
    for query, pages in got.items():   # IRS-1 and IRS-2 may follow the few pages that match, never precede them
        assert "topics/treatment-and-prevention/" in pages, (query, pages)
        before = pages[:pages.index("topics/treatment-and-prevention/")]
        assert not {"glossary/irs-1/", "glossary/irs-2/"} & set(before), (query, pages)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run Material's search worker")
def test_a_name_typed_with_its_parts_split_or_moved_still_finds_the_term(real_site, tmp_path):
    """From the twenty-fifth blind set: a hyphen typed elsewhere ("srebp1-c" found SREBP-1c 440th,
    behind every name with a lone C), a number written as a word ("type two diabetes": 5th), a
    one-word name typed in two ("gluco lipotoxicity": 2nd, behind the β-cell page), and a prefix
    typed apart ("hyper insulinemia" found hyperuricaemia first)."""
    rows = {"srebp1-c": "glossary/srebp-1c/", "ptp1-b": "glossary/ptp1b/", "type two diabetes": "glossary/type-2-diabetes/",
            "gluco lipotoxicity": "glossary/glucolipotoxicity/", "hyper insulinemia": "glossary/hyperinsulinemia/"}
    _assert_first(real_site, tmp_path, rows)
