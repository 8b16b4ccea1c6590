"""Make Material's built-in search find the term a learner means, however it is typed.

Material's search worker (lunr) splits text with the configured separator, lower-cases it, and turns
every query word into a prefix query (``word*``) OR-ed with the others; a word typed with a hyphen
becomes an exact term followed by a prefix term ("HOMA-IR" -> ``homa ir*``). A page ranks by its best
document, and each document's score adds up every index token its query words expand to. There is no
Greek-letter, spelling or typo folding. We therefore add, at build time, one small hidden document per
distinct name of each term, located on the term's page, holding the forms learners type:

* ``keys``: the name's words as written (full weight);
* ``alt``: their other forms: Greek letters as symbols, names and one-letter Latin stand-ins
  (κ / kappa / k), British and American spellings (-aemia/-emia, tumour/tumor, haem-/hem-,
  -ise/-ize), inflections of ordinary words (plurals, resistance/resistant), letter/digit splits
  (IRS1 / IRS 1); in a Russian name of up to three words, a doubled letter written once («сменая»),
  among the written forms of the term that owns the word's slips and the case forms of the others;
* ``parts`` and ``joined``: prefix splits (pre-diabetes) and short names without separators
  (TNFalpha, NFkB), weighted low;
* ``ex``: a short piece that hyphenated queries search as an exact term and that starts with another
  name word (the "irs" of IRS-1), lighter than ``keys``;
* ``fuzzy``: common single typing slips (:mod:`.slips`) in words of six or more letters of the term's
  name and of its first Russian name, attached once, to the most specific term whose name contains
  the word, weighted lowest;
* ``kd``: words saying what kind of thing a name is (drug, hormone, pathway), the same on every name
  of one or two words.

A document's boost shrinks with the number of words in its name, so an exact name beats a longer one
containing the query. Name tokens carry a "_" suffix so that their rarity is counted among names,
not skewed by page text; the pieces that hyphenated queries search as exact terms are also indexed
bare. All of this is weighted far above page text, so term pages outrank pages that merely mention a
term, while words that name no term still find the topic pages. A letter standing alone in a name
(type A, protein kinase B) also goes in a heavy field of its own (:func:`lone_tokens`).

Field values are space-separated strings (cheaper to download than lists). Topic pages and
questions: :mod:`irsite.search.questions`.
"""


from __future__ import annotations

import re
from collections import Counter

from .. import markup
from ..model import Project
from .forms import (CYRILLIC, GREEK, RU_ADJECTIVE, STOP, exact_pieces, inflections, lone_tokens, name_keys, prefix_minimal,
                    spelled_out, spelling_forms, spelt_in_russian, stand_in_letters, strip_accents, words)
from .slips import doubled_once, genitive_slips, typo_forms


def _typo_owners(project: Project) -> dict[str, dict[str, tuple[bool, str]]]:
    """Give each long word of a preferred name to one term: the one with the shortest such name.

    A word's typo forms are indexed once, on the most specific term (insulin resistance, not every
    longer name containing "resistance"); the other words of a longer query still lead to longer names.
    The first Russian name counts as a preferred name. So does a one-word alias (metaflammation,
    semaglutide, Ozempic), whose word gets the commoner slips only (``typo_forms(light=True)``), and a
    one-word Russian name after the first (адипоцитокины, инсулиночувствительность: with one slip,
    2 of 66 found their term, most nothing at all; all 66 with them, 3.3 KB gzipped), or a one-word
    hidden spelling in Russian (гидрохлоротиазид, Форсига: 0 of 92 slips found, all with them; 5.4 KB).
    Returns {term id: {word: (light, the name it was taken from)}}: the slips of a Russian name's word
    go on that name's document, beside its other words ("гестационый сахарный диабет").
    """
    owner: dict[str, tuple[bool, int, int, str, str]] = {}
    for order, term in enumerate(project.terms):
        one_word = [a for a in [*term.aliases, *term.ru[1:], *(s for s in term.spellings if CYRILLIC.search(s))] if len([w for w in words(a) if w not in STOP]) == 1]
        for k, name in enumerate([term.term, *term.ru[:1], *one_word]):
            ws = [w for w in words(name) if w not in STOP]
            for w in ws:
                w = strip_accents(w) if w.isascii() else w
                if w.isalpha() and len(w) >= 6:
                    light = k > len(term.ru[:1])     # a preferred name's word is never an alias's
                    rank = (light, len(ws), order)
                    if w not in owner or rank < owner[w][:3]:
                        owner[w] = (light, len(ws), order, term.id, name)
    out: dict[str, dict[str, tuple[bool, str]]] = {}
    for w, (light, _, _, tid, name) in owner.items():
        out.setdefault(tid, {})[w] = (light, name)
    return out


def name_boost(n_words: int) -> float:
    """Shorter names rank first among names that contain all of the query's words. Past five words
    length no longer counts: a long official name typed in full ("frequently sampled intravenous
    glucose tolerance test") must still outrank the topic pages that use its words."""
    return round(1.0 / (1 + 0.3 * (min(n_words, 5) - 1)), 2)


OWN_NAME_WEIGHT = 1.25
DROPPED_LETTER_WEIGHT = 1.05
# A name made only of the site's subject words in Russian (see :func:`subject_words`), or of words
# that start with one: its genitive and the longer words weigh less, its nominative a little less.
SUBJECT_WEIGHT, SUBJECT_NAME_WEIGHT = 0.65, 0.8


def one_word_russian_names(project: Project) -> frozenset[str]:
    """The words of the terms' Russian names that are one word long (инсулин, лептин, ИР)."""
    return frozenset(ws[0] for t in project.terms for n in t.ru if len(ws := words(n)) == 1)


def subject_words(project: Project) -> tuple[str, ...]:
    """The Russian words (four letters or more) that at least half of the topic pages' Russian
    questions and summaries use: the site's subject (инсулина, инсулинорезистентности, диабета).
    Nearly every Russian question writes one, and a name made of them (инсулин, or инсулиназа, which
    «инсулина» matches as a prefix) outweighed the page that answers the rest of the question."""
    used = Counter(w for page in project.pages for w in {
        w for text in [*markup.by_language(page.questions)[1], page.ru_summary] for w in words(text)
        if len(w) > 3 and CYRILLIC.fullmatch(w)})
    return tuple(sorted(w for w, n in used.items() if 2 * n >= len(project.pages)))


# Words that say what kind of thing a name is, typed after or before it ("metformin drug", "hpl
# hormone", "nfkb pathway", «гормон лептин»), as every name's light field ``kd``: the topic page that
# uses both words came first. In one list for every term, the word tells no term from another; a
# term's own kind (its definition's first words) lost four blind names and gained none, and "test",
# "disease" and "protein" lost questions and names ("insulin resistance test", "ob protein").
# On names of one or two words: 7 blind names more, none lost, 1.9 KB gzipped (irsite/search/README.md).
KIND_WORDS = ("drug drugs medicine medication tablet pill pills hormone enzyme gene pathway",
              "препарат препараты лекарство таблетки гормон фермент ген")


# Greek letters' names, in English and in Russian (TNF-alpha, ФНО-альфа, PPAR-гамма).
GREEK_NAMES = {name for name, _ in GREEK.values()} | {"альфа", "бета", "гамма", "дельта", "эпсилон", "тета",
                                                      "каппа"}
# Greek letters and their English names of four letters or more (not pi, mu or eta, which are also
# pieces of names: the PI of PI3K; not the Russian names: «пкс тета» then found a topic page first).
GREEK_QUALIFIERS = {w for w in GREEK_NAMES if len(w) >= 4 and w.isascii()} | GREEK.keys()


def term_documents(project: Project, url_of, typos: bool = True) -> list[dict]:
    """Search documents for every term: one per distinct name, located on the term's page.

    A result page ranks by its best document, so each name competes on its own: an exact name
    beats a longer one that contains the query, and many aliases sharing a prefix do not add up.

    Name tokens carry a "_" suffix, which prefix queries still match. This gives them their own
    vocabulary: a word's weight (its rarity) is counted among names, not distorted by how often it
    occurs in page text. Only the pieces that hyphenated queries search as exact terms are also
    indexed bare. And a word that is the start of a longer name word (receptor, receptoropathy)
    is indexed twice, so the query "receptor" prefers the name in which it is a whole word.
    """
    owners = _typo_owners(project) if typos else {}
    subject = subject_words(project)
    # Short Russian names (ИР): a code spelt in Russian letters that starts with one («ирс1» for IRS1)
    # would be found by every question that writes it, so it weighs as a slip (found typed alone).
    short_ru = tuple(n.lower() for t in project.terms for n in [*t.ru, *t.spellings]
                     if len(n) <= 3 and CYRILLIC.fullmatch(n))
    whole_ru = tuple(one_word_russian_names(project))
    entries: list[tuple[str, int | str, dict]] = []
    for term in project.terms:
        # Names that match the same query words (TNF-α, TNF-alpha, TNF alpha; hyperinsulinaemia,
        # hyperinsulinemia) share one document; their written forms all count as written.
        groups: dict[frozenset, dict] = {}
        written = {tuple(words(n)) for n in term.all_names}
        for name in term.all_names:
            keys, alt, parts, joined, cases = name_keys(name)
            if not keys:
                continue
            alt |= stand_in_letters(words(name), written)
            said = {spelt_in_russian(name)} - {None}
            alt |= {s for s in said if not s.startswith(short_ru)}
            n = max(1, len([w for w in words(name) if w not in STOP or len(w) == 1]))
            sig = frozenset(keys | alt) | {f"#{n}"}
            group = groups.setdefault(sig, {"names": [], "n": n, "keys": set(keys), "alt": set(), "cases": set(),
                                            "parts": set(), "joined": set(), "exact": set()})
            group["names"].append(name)
            group.setdefault("fuzzy", set()).update(said - alt)
            if len(words(name)) <= 3:   # «сменая работа»: a doubled letter written once, as Russians often do
                cases |= {f for v in keys | alt | cases if len(v) >= 6 and CYRILLIC.fullmatch(v) for f in doubled_once(v)}
            # The first name's words are the group's written words; its variants' words (receptoropathies
            # beside receptoropathy) count as derived forms, so one word scores once.
            for field, values in (("alt", alt | keys), ("cases", cases), ("parts", parts), ("joined", joined),
                                  ("exact", exact_pieces(name))):
                group[field] |= values
        first = next(iter(groups.values()), None)
        # The term's own name with its Greek letters written out or its words split or joined
        # otherwise ("beta cell" for β-cell, "gluco-lipotoxicity") weighs as the own name; not split
        # before a number (PTP-1B), whose "1b" every query with a 1 in it matches.
        for group in groups.values():
            if any("".join(spelled_out(n)) == "".join(spelled_out(term.term))
                   and not any(w[0].isdigit() for w in words(n)) for n in group["names"]):
                group["own"] = True
        group_of = {n: g for g in groups.values() for n in g["names"]}
        for w, (light, name) in owners.get(term.id, {}).items():
            # A one-word name's slips stay on the preferred name's document: on the name's own, short
            # one they outweighed a whole name ("insulinase" slips start with "insulin", and
            # "инсуулинорезистентность" with "инсуулин").
            group = group_of.get(name, first) if len(words(name)) > 1 else first
            for variant in spelling_forms(w):
                slips = typo_forms(variant, light)
                # Written with a plural's s where the plural adds one (not after -s, -x, -y, -sh,
                # -ch, -z, nor Latin -a, -o, -um), which a prefix query forgives when it is not typed:
                # "diglycerids" found nothing (plural slips: 90 of 138 first before, 138 after; 0.7 KB).
                if variant.isascii() and not variant.endswith(("s", "x", "y", "sh", "ch", "z", "a", "o", "um")):
                    slips = {f + "s" for f in slips}
                group.setdefault("fuzzy", set()).update(slips)
            if CYRILLIC.fullmatch(w):
                if len(words(name)) <= 3:   # a doubled letter written once weighs as written in the word's own term
                    # (its genitive too, but not in a word that starts with another one-word name: each
                    # form adds to a prefix query's score, and «инсулин» found «инсулиногенный индекс» first)
                    forms = {w} if w.startswith(whole_ru) and w not in whole_ru else {w} | inflections(w, 1)
                    group["alt"] |= {f for v in forms for f in doubled_once(v)}
                # the genitive, in which a question names a subject
                group.setdefault("fuzzy", set()).update(genitive_slips(inflections(w, 1) - {w}, len(words(name)) == 1))
        for i, group in enumerate(groups.values()):
            entries.append((url_of(term.id), i, group))

    written = {k for _, _, g in entries for k in g["keys"]}
    # A Russian name in the genitive, where other names write that genitive as a word, gets a
    # document of its own: typed alone, «инсулина» found insulinase first, «инсулинорезистентности»
    # its term 17th, and «чувствительности к инсулину» the longer names that write it. A one-word
    # name's document weighs as the term's own name.
    for base, i, group in list(entries):
        gen = {g for w in group["keys"] if CYRILLIC.fullmatch(w) for g in inflections(w, 1)} & written - group["keys"]
        if not gen:
            continue
        empty = {f: set() for f, v in group.items() if isinstance(v, set)}   # the group's own fields
        if group["n"] == 1:
            entries.append((base, f"{i}g", {**empty, "names": group["names"], "n": 1, "keys": gen, "own": True}))
            continue
        # The genitive of the head noun and of the adjectives before it (экономного фенотипа, рецептора
        # инсулина, чувствительности к инсулину); the words after it are already in their case.
        ws = [w for w in words(group["names"][0]) if w not in STOP]
        head = next((j for j, w in enumerate(ws) if not w.endswith(RU_ADJECTIVE)), len(ws))
        swap = {v: inflections(v, 1) - {v} for w in ws[:head + 1] for v in {w, strip_accents(w)}}
        declined = {g for forms in swap.values() for g in forms}
        if declined & gen:
            keys = set(group["keys"]) - {v for v, forms in swap.items() if forms} | declined
            entries.append((base, f"{i}g", {**empty, "names": group["names"], "n": group["n"], "keys": keys, "own": i == 0}))
    ordered = sorted(written)
    starts_longer = set()  # words that begin a different, longer name word (receptor: receptoropathy)
    for j, w in enumerate(ordered):
        if len(w) < 2:
            continue
        same_word = inflections(w)
        for k in range(j + 1, len(ordered)):
            if not ordered[k].startswith(w):
                break
            if ordered[k] not in same_word:
                starts_longer.add(w)
                break

    # A word indexed bare as a piece of a hyphenated name (insulin in "Insulin-degrading enzyme")
    # would score an exact match there; where it is a whole word of another name, index it bare
    # there too, so that name is not outranked by the longer one.
    pieces = {p for _, _, g in entries for p in g["exact"]}

    def mark(tokens) -> list[str]:
        return sorted(t + "_" for t in tokens)

    # A word that a name followed by a letter gives the heavy weight (HOMA in HOMA-β, PKC in PKC-θ)
    # weighs as much in the term's other names written with it and another word, which then win on
    # that word: "HOMA-IR" showed HOMA-β, "Missing: ir", as the entry it found. Not in a name whose
    # other word is a Greek letter (PKCθ, TNF-alpha): the letter tells those names apart.
    # Not a word that is a whole name of another term: typed alone, HOMA must find HOMA-IR, whose
    # alias it is, not HOMA-β.
    whole = {ws[0]: base for base, _, g in entries if len(ws := words(g["names"][0])) == 1}
    lones = [[t for t in lone_tokens(words(group["names"][0]), group["names"][0]) if whole.get(t, base) == base]
             for base, _, group in entries]
    heavy: dict[str, set[str]] = {}
    for (base, _, _), lone in zip(entries, lones):
        heavy.setdefault(base, set()).update(t for t in lone if not t.endswith("_"))
    name_words = {k for _, _, g in entries for k in g["keys"]}
    docs = []
    for (base, i, group), lone in zip(entries, lones):
        said = words(group["names"][0])
        # Suffixed tokens only ever match prefix queries, so each word needs only its longest form.
        written = set(prefix_minimal(group["keys"]))
        keys = mark(written) + sorted(t + "__" for t in written & starts_longer)
        bare = group["exact"] | (set(group["keys"]) & pieces)
        # A short bare piece that starts with another name word (the "irs" of IRS-1, after IR) weighs
        # less: typed after a hyphen, that word is a prefix query ("HOMA-IR": «ir*»), which found IRS-1
        # and IRS-2 before the page on measuring for questions about HOMA-IR (irsite/search/README.md).
        short = {t for t in bare if len(t) <= 4 and not t[0].isdigit() and any(t[:k] in name_words for k in range(2, len(t)))}
        keys += sorted(bare - short)
        # A Greek letter after another word (the α of TNF-α, the alpha of G6Pase-alpha) weighs less
        # than the name's other words: matched alone it says nothing, and "tnf alpha" listed
        # G6Pase-alpha and Akt ("RAC-alpha serine/threonine-protein kinase") under TNF-α, "Missing: tnf".
        greek = [t for t in keys if t.rstrip("_") in GREEK_QUALIFIERS] if said and not (
            said[0] in GREEK_NAMES or said[0][0] in GREEK) else []
        greek = greek if len(greek) < len(keys) else []
        doc = {"location": f"{base}#{'names' if i == 0 else f'n{i}'}", "title": group["names"][0],
               "text": "", "keys": " ".join(t for t in keys if t not in greek)}
        if greek:
            doc["gk"] = " ".join(greek)
        if short:
            doc["ex"] = " ".join(sorted(short))
        # A term's own name outranks another term's alias that merely starts with the query
        # ("insulin": Insulin before insulinase).
        boost = name_boost(group["n"]) * (OWN_NAME_WEIGHT if i == 0 or group.get("own") else 1)
        if any(len(w) > 1 and w.isalpha() and not GREEK.keys() & set(w) and w not in GREEK_NAMES | heavy[base]
               for w in said):
            lone = sorted(set(lone) | heavy[base] & (group["exact"] | set(said)))
        if {"a_", "\u0430_"} & set(lone):   # the Latin a and the Russian а, which look alike
            # The search box drops a lower-case "a" as the article, and «а» as the conjunction: "type a
            # insulin resistance" is searched as "type insulin resistance", where type A must win the tie.
            boost *= DROPPED_LETTER_WEIGHT
        if all(k.startswith(subject) for k in group["keys"]):   # typed alone, the nominative stays first
            boost *= SUBJECT_WEIGHT if str(i).endswith("g") or not set(group["keys"]) & set(subject) else SUBJECT_NAME_WEIGHT
        if boost != 1:
            doc["boost"] = round(boost, 2)
        known = set(group["keys"]) | group["exact"]
        for field in ("alt", "cases", "parts", "joined"):
            extra = group[field] - known
            if extra:
                doc[field] = " ".join(mark(extra))
            known |= extra
        if group.get("fuzzy"):
            doc["fuzzy"] = " ".join(mark(prefix_minimal(f for f in group["fuzzy"] if f not in known)))
        # Tokens that start with a number weigh little where a query's number would match them only
        # as a prefix: a number and letters (the 1ra of GLP-1RA, the 1b of IL-1b), and all those of a
        # name that starts with a number (11β-HSD1). Every query with a digit in it (IL-1, IGF-1,
        # type 1) matches them; the name's other words identify it.
        light = re.compile(r"\d" if re.match(r"\d", group["names"][0]) else r"\d+[^\d_]").match
        tokens = {f: doc[f].split() for f in ("keys", "alt", "joined") if f in doc}
        if any(light(t) for ts in tokens.values() for t in ts):
            doc["num"] = " ".join(t for f in tokens for t in tokens[f] if light(t))
            for f, ts in tokens.items():
                doc[f] = " ".join(t for t in ts if not light(t))
                if not doc[f]:
                    del doc[f]
        # A Russian capital standing alone (протеинкиназа В, фетуин-А, типа В) weighs less: questions
        # write «А» and «В» too («чем отличается тип А от типа В»), and the names outweighed the page.
        letters = [t for t in lone if len(t) == 2 and CYRILLIC.fullmatch(t[0])]
        # The slips of a long word followed by a letter (Fetuin-A): typed with the hyphen, the word
        # is an exact term and must outweigh every name the letter starts ("fetuine-A" found acetyl-CoA).
        # Only slips after its third letter: "fatuin" made every "fat" query find Fetuin-A first.
        lone_slips = {f for t in lone if len(t) >= 6 and t.isalpha() for f in typo_forms(t) if f[:3] == t[:3]}
        lone = lone + sorted(lone_slips - set(lone))
        for field, tokens in (("lone", [t for t in lone if t not in letters]), ("lone_ru", letters)):
            if tokens:
                doc[field] = " ".join(tokens)
        if group["n"] <= 2:   # longer names are seldom typed with a kind word; half the bytes
            doc["kd"] = KIND_WORDS[bool(CYRILLIC.search(group["names"][0]))]
        docs.append(doc)
    return docs


# ``c`` (topic pages' Russian words in every case; see irsite.search.questions.topic_fields) counts
# for the share of a query's words a page matches; at 3,000 and more it outranked names. ``x`` (the
# Russian words that hyphenated queries search exactly) weighs as body words do: at 1,000, five
# Russian questions with a hyphenated word («ИФР-1», «ацетил-КоА») found their page fourth, not in
# the first three; no name changes; at 70,000 and more names lost («агонисты гпп-1»). ``t`` (a page's
# learned words as Russian writes them): 27 Russian questions more in the first three, one fewer, no
# name lost; at 15,000, 31 more and a glossary name and a blind one lost («синдром инсулинорезистентности
# типа А»); at 20,000 (as ``r``), 34 and three names; at 50,000, 42 and 22 lost.
# ``w`` (the Russian words for a page's everyday English words) counts, like ``c``, mostly for the
# share of a query's words matched: with every word of a page in it, 3,000 and 5,000 won about the
# same questions as 1,000 but lost four glossary names, 1,000 none (irsite/search/README.md).
FIELDS = {"keys": 1_000_000, "alt": 500_000, "cases": 40_000, "parts": 20_000, "joined": 10_000, "fuzzy": 2_000,
          "lone": 30_000_000, "lone_ru": 9_000_000, "num": 2_000, "q": 140_000, "b": 50_000, "r": 20_000, "t": 10_000, "w": 1_000, "c": 1_000, "x": 50_000,
          "ex": 300_000, "gk": 100_000, "kd": 5_000}
