"""Make learners' questions find the topic page that answers them, and write the final index.

Topic pages get fields of their own (:func:`topic_fields`): their lead words (title, summary, the
questions they answer, headings, key points) and the words of their whole text. The search box
drops a question's own words, "what", "is", "a", "in" (:func:`query_separator`). Nothing here
imports MkDocs; the plugin calls :func:`enrich_index` on the index Material wrote.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter

from .. import markup
from ..model import Project
from .slips import doubled_once
from .forms import (CYRILLIC, STOP, exact_pieces, in_cyrillic, inflections, name_keys, spelling_forms, prefix_minimal,
                    strip_accents, words)
from .names import FIELDS, one_word_russian_names


# Words of a learner's question that say nothing about its subject. Typed in lower case as words of
# their own, the search box drops them (:func:`query_separator`); topic-page fields leave them out.
QUESTION_WORDS = frozenset(
    "what whats why how does do did is are was were can could should would will the a an of in into to "
    "and or for with on by at as be but if it its this that these those which who whom when where than "
    "then there their they doesnt dont cant vs versus between my me i you your we our us get so not no "
    "from has have had work works difference differences step steps like likely "
    "что как почему зачем ли такое это какой какая какие где когда чем не или можно "
    "от до за без про под над через между а же бы правда верно действительно true "
    # Russian words that qualify a question but name no subject: dropped too, since left in they
    # lowered the share of the query a page matches (irsite/search/README.md); pronouns and «но», «чтобы»,
    # whose prefix queries match longer words («но»: «новичков», «норма»).
    "нет очень если уже ещё даже много почти просто насчет насчёт сколько будет вообще тоже после влияние роль "
    "объясните объясни расскажите но чтобы всё все так там тут этот эта эти этом этого его её их он она они оно надо нужно".split()) | STOP


MATERIAL_SEPARATOR = r"[\s\-]+"   # Material's default, used when its index names none


def query_separator(separator: str = MATERIAL_SEPARATOR) -> str:
    r"""Material's ``separator`` with the question words and punctuation added, so its search box
    drops them.

    Material turns every query word into a prefix query, so "in" also searches insulin,
    inflammation and every other word starting with "in", and "a" every word starting with "a": the
    longest pages came first for most questions. The added alternative matches only a whole word as
    a question starts or goes on ("is", "Is"; the pronoun "I"), not in capitals ("IS", "AN" and the
    "A" of "type A" are names), and only where Material splits a query into words and text into
    tokens (the query lexer keeps lunr's own separator).
    """
    typed = {"I"} | QUESTION_WORDS | {w.capitalize() for w in QUESTION_WORDS if len(w) > 1}
    # Punctuation too: "resistance?" searched for a word ending in a question mark, and found none;
    # brackets and quotation marks ("does epinephrine (adrenaline) stop insulin", «...»: 40th);
    # and dashes other than the hyphen: "Rabson–Mendenhall", pasted from a paper, found its term 4th.
    # A question word with punctuation after it ("in," "it?") is dropped as well: left as "in", it
    # was a prefix query for every word starting with "in".
    punct = "[?!,;:()\\[\\]\"\u201c\u201d\u00ab\u00bb\u2010-\u2015]"
    return (separator + "|" + punct + "+|^(?:" + "|".join(sorted(typed, key=lambda w: (-len(w), w)))
            + ")(?=" + punct + "*$)")


# Words a learner types for what the pages call otherwise ("meds" for medicines, "snoring" for sleep
# apnoea, "kidney" for renal; in Russian, «лечение» for treatment, «пожилых» for elderly). Where a
# topic page's lead (see :func:`topic_fields`) uses one word of a group, its ``q`` field holds the
# others too. Measured on the learners' question sets (irsite/search/README.md): top-3 rose from
# 203 to 208 of 236, names unchanged, 0.7 KB more gzipped; in the body field as well it gained
# nothing more.
LAY_SYNONYMS = [g.split() for g in (
    "medicine medication drug meds pill tablet лекарство лекарства препарат препараты таблетки таблеток",
    "sedentary inactivity inactive sitting couch walking steps сидячий малоподвижный малоподвижность гиподинамия ходить ходьба пешком шагов",
    "apnoea apnea snoring snore",
    "introduction basics beginner overview primer guide начинающих первокурсника первокурсников студентов азы основы",
    "controversy controversial debate debated disputed unresolved unanswered uncertain",
    "children child kids childhood paediatric pediatric дети детей",
    "pregnancy pregnant беременность беременных",
    "elderly ageing aging пожилые пожилых пожилом старение старости возрасте",
    "exercise workout gym упражнения тренировки спорт",
    "kidney renal почки почек",
    "heart cardiac сердце сердца",
    "liver hepatic",
    "brain cerebral мозг мозга мозгу",
    "inherited hereditary heritable familial наследственность наследственная наследуется",
    "tiredness fatigue tired",
    "thirst thirsty",
    "carbohydrate carbs",
    "belly abdominal visceral waist",
    "ethnicity ethnic ancestry",
    "asian asians indian indians индийцы индийцев индийские индийских индийский азиаты азиатов",
    "baby babies infant newborn",
    "mouse mice rodent murine",
    "smoking smoker cigarette tobacco",
    "bariatric bypass бариатрическая бариатрической шунтирование",
    "injection injectable jab shot",
    "diet dieting",
    "steroid glucocorticoid corticosteroid",
    "gut intestine intestinal bowel кишечник кишечные кишечная",
    "bacteria bacterial microbes microbiota microbiome бактерии",
    "cancer tumour malignancy рак раком онкология опухоли опухолей",
    "puberty adolescence adolescent teenager teen",
    "treatment therapy cure remedy лечение лечить лечат вылечить терапия",
    "disease illness disorder sickness болезнь болезни заболевание заболевания",
    "definition define meaning",
    "variation vary differ heterogeneity heterogeneous",
    "graded continuum continuous spectrum scale",
    "glucose sugar сахар",
    "lean thin slim skinny",
    "severe extreme extremely",
    "congenital inborn born",
    "endocrine gland",
    "pancreas pancreatic поджелудочная поджелудочной",
    "hypertension pressure давление гипертония",
    "symptoms признаки симптомы",
    "cytokine cytokines цитокины цитокинов",
    "prevention профилактика",
    "diagnosis diagnostic criteria criterion диагностика диагноз критерии критериев",
    "measuring measurement измерить измеряют измерение оценка оценить оценивают определить анализ анализы проверить тест",
    "sleep сон недосып недосыпание",
    "gout подагра подагры",
    "clearance rid",
    "ldl лпнп",
    "hdl лпвп",
    "простыми простому понятно понятным понятными",
)]


def _word_forms(word: str) -> set[str]:
    """A word's inflected forms in British and American spelling; a Russian word's genitive (the
    case in which a question most often names a subject: «при беременности», «лечение
    инсулинорезистентности»)."""
    return {s for form in inflections(word, 1) for s in spelling_forms(form)}


def _with_synonyms(counts: Counter, leave_out: frozenset) -> Counter:
    """The counted words with the other words of each synonym group they use, counted as often; of
    the groups' inflected forms, none that is ``leave_out`` (another case of a term's Russian name:
    «кишечной» put the signals page before the term for «кишечной микробиоты»)."""
    out = Counter(counts)
    for group in LAY_SYNONYMS:
        forms = {f for w in group for f in _word_forms(w) if f == w or f not in leave_out}
        # An English word with a doubled letter also written once ("blood presure": four blind
        # questions from 4th-10th to first or second, 50 bytes gzipped; of six letters too, "skinny"
        # written "skiny" put a page on lean people before one on dark "skin" patches).
        forms |= {s for f in forms if f.isascii() and len(f) >= 7 for s in doubled_once(f)}
        n = max((counts[f] for f in forms if f in counts), default=0)
        for f in forms if n else ():
            out[f] = max(out[f], n)
    return out


_KEY_POINTS = re.compile(r'^!!! abstract "Key points"\n((?:[ \t]+.*\n|[ \t]*\n)+)', re.M)
_HEADINGS = re.compile(r"^#{2,3} (.*)$", re.M)


def _forms(text: str, min_len: int = 2, inflect: bool = True, as_written: frozenset = frozenset(), digits: bool = False) -> Counter:
    """The subject words of a text with their British/American (and inflected, except those
    ``as_written``) forms, counted."""
    tokens: Counter = Counter()
    for written in words(markup.plain_text(text)):
        for w in (written,) if written.isascii() else {written, strip_accents(written)}:   # тяжёлой, typed тяжелой
            if digits and w.isdigit() and len(w) <= 2:   # the 2 of "type 2", the 1 of "IGF-1"
                tokens[w] += 1
            # Other words need a letter: "2.6%" in a text made every "type 2" query find that page.
            elif len(w) >= min_len and w not in QUESTION_WORDS and re.search(r"[^\W\d_]", w):
                tokens.update(_word_forms(w) if inflect and w not in as_written else spelling_forms(w))
    return tokens


def _with_single_letters(counts: Counter) -> Counter:
    """The counted words, and the Russian ones of six letters or more with a doubled letter also as
    often written once («почему при беремености…» found the pregnancy page 22nd; with them, first).
    Measured on the Russian question sets: 839 of 946 in the first three, 836 before, none lost;
    0.3 KB gzipped. Added to ``c`` as well, they found none more for 1.3 KB."""
    out = Counter(counts)
    for w, n in counts.items():
        for slip in doubled_once(w) if len(w) >= 6 and not w.isascii() else ():
            out[slip] = max(out[slip], n)
    return out


def _repeated(counts: Counter, suffix: str, most: int = 3) -> str:
    """Each word's longest form (see :func:`prefix_minimal`), written as many times as the text
    uses that form, up to ``most``: lunr counts repeats, with diminishing effect, so the page that
    is about a word outranks one that mentions it once (learners' questions in
    tests/search_questions*.tsv: 157 of 182 find their page in the first three with repeats, 146
    without; 4 KB more gzipped)."""
    return " ".join(" ".join([t + suffix] * min(most, counts[t])) for t in prefix_minimal(counts))


@functools.lru_cache(maxsize=None)
def _in_russian_letters(name: str) -> frozenset[str]:
    """A Latin name as typed in Russian letters (HOMA: «хома», «нома»), once per name."""
    return frozenset(a for a in name_keys(name)[1] if not a.isascii())


def _linked(project: Project, page) -> Counter:
    """The ids of the terms a page links to, each with the number of its links."""
    return Counter(t.id for m in markup.TERM_LINK.finditer(page.body) if (t := project.resolve_term(m.group(1))))


def _linked_russian(project: Project, linked: Counter, whole_names: frozenset) -> Counter:
    """The words of the Russian names of the terms a page links to, each counted as often as the
    page links the term (up to three), with its genitive: the page's text is English, and a question
    asked in Russian names its subject in those words («как жир в печени нарушает действие
    инсулина»). A word that is a whole Russian name (лептин) stays as written: with its other cases,
    «уровень лептина» found the adipokines page before the leptin term. Also the Russian spellings
    (brand names: «оземпик») and the Russian letters a Latin name is typed in («хома» for HOMA)."""
    out: Counter = Counter()
    for term_id, n in linked.items():
        term = project.term_by_id[term_id]
        said = {a for name in term.all_names if name.isascii() for a in _in_russian_letters(name)}
        for w in {w for name in [*term.ru, *term.spellings] for w in words(name)} | said:
            if not w.isascii() and len(w) > 2 and w not in QUESTION_WORDS:
                for form in {w} if w in whole_names else inflections(w, 1):
                    out[form] = max(out[form], min(n, 3))
    return out


def _hyphen_pieces(project: Project, page, linked: Counter) -> set[str]:
    """The Russian words that a query typed with a hyphen searches as exact terms («фетуин-А»:
    «фетуин» exactly, then «а» as a prefix), from the page's Russian text and the Russian names of
    the terms it links to. The other fields hold suffixed tokens, which only prefix queries match."""
    terms = [project.term_by_id[term_id] for term_id in linked]
    texts = [*page.ru, page.ru_summary, *markup.by_language(page.questions)[1],
             *(n for t in terms for n in [*t.ru, *t.spellings])]
    return {p for text in texts for p in exact_pieces(text) if len(p) > 1 and not p.isascii()}


# A Russian verb, kept as written: the case endings of :func:`inflections` are a noun's.
_RU_VERB = re.compile(r"(?:ть|ет|ит|ут|ют|ят|ся)$")


def topic_fields(project: Project, url_of) -> dict[str, dict[str, str]]:
    """Fields for each topic page's own search entry, so that a learner's question finds the page
    that answers it:

    * ``q``: the words of its title, summary, the questions it answers (those of its questions in
      Russian and of its Russian summary as typed) and its Russian names (front matter), its headings and key points, twice where they use a word more than once, and
      their lay synonyms (:data:`LAY_SYNONYMS`); one- and two-digit numbers too;
    * ``b``: the words of its whole text (four letters or more), up to three times each as often as
      the page uses them, weighted lower. Material indexes a page's sections apart, and weights
      their text far below names, so without this a question using the page's words finds only
      term pages;
    * ``r``: the Russian names of the terms it links to (:func:`_linked_russian`), weighted lower still;
    * ``c``: every case form of the words of its Russian summary, Russian questions and Russian
      names, but the genitive of a term's Russian name, weighted so low that it barely adds to a
      score. What it adds is the share of the query's words the page matches, by which Material
      multiplies a result's score (up to 5 times for a page that matches them all): a question asked
      in Russian puts the page's words in other cases («при ожирении», the summary's «ожирение»);
    * ``t``: the learned words of its whole text as Russian writes them (:func:`in_cyrillic`: myriocin,
      «мириоцин»), every case, but those of the terms' Russian names, weighted below ``r``: a Russian
      question about a drug, a test or a study that the page names only in English («от преднизолона
      поднялся сахар», «мириоцин блокада синтеза церамидов») found the page only through its other
      words;
    * ``w``: the Russian words for the English words its text uses twice or more
      (``content/russian-words.yaml``: lupus, «волчанка»; adolescents, «подросток»), every case, but
      those of ``c``, ``t`` and the terms' Russian names, weighted as ``c``: it too counts mostly for
      the share of a Russian question's words that the page matches («ир типа а у девочек
      подростков»);
    * ``x``: the Russian words that queries typed with a hyphen search exactly (:func:`_hyphen_pieces`),
      weighted as ``b``: «гепатокины фетуин-А» matched only half its words on the page about
      hepatokines;
    * ``asks``: its English and Russian titles without their question words, which
      :func:`enrich_index` reads to give the page the names its title asks about.

    Both hold British/American forms, ``q`` inflected forms too. Their weights stay below a name's, so
    names still find their term first (measured on tests/search_questions.tsv and the name sets by
    tests/test_content.py and benchmarks/search_compare.py; see irsite/search/README.md)."""
    lead, body, cases, learned, everyday = {}, {}, {}, {}, {}
    # The words of the terms' Russian names go in as written: with their case forms, a page's
    # Russian name outweighed the term's own in that case («уровень лептина», «при гиперинсулинемии»).
    named = frozenset(v for t in project.terms for n in t.ru for w in words(n) if not w.isascii() for v in (w, strip_accents(w)))
    # The questions a page answers in Russian: their words as typed (a sentence has inflected them),
    # except the other cases of the terms' Russian names, which must find the term («уровень лептина»).
    named_cases = frozenset({f for w in named for f in inflections(w)} - named)
    named_genitives = {f for w in named for f in inflections(w, 1)} - named
    whole_names = one_word_russian_names(project)
    # A term's Russian abbreviations (ИР, СД2, ОГТТ, НАЖБП) go in the lead of every page that writes
    # the term's first Russian name in full, each word in any case: questions write «ИР» far more
    # often than the pages do, and a page then matched fewer of their words than the names ИР,
    # HOMA-IR and IRS-2, which came first (irsite/search/README.md). A word's stem, not
    # :func:`inflections`, which misses adjectives' cases («сахарным диабетом»: one page fewer).
    abbreviations = [([w[:max(4, len(w) - 2)] for w in words(t.ru[0]) if len(w) > 2], short) for t in project.terms if t.ru and (
        short := [n.lower() for n in [*t.ru, *t.spellings] if CYRILLIC.search(n) and len(words(n)) == 1 and n.isupper() and len(n) <= 6])]
    for page in project.pages:
        key_points = _KEY_POINTS.search(page.body + "\n")
        english, russian = markup.by_language(page.questions)
        # The genitive of a term's name stays out of ``c``: with it, «уровень лептина при ожирении»
        # found the adipokines page before the leptin term.
        russian_words = [w for w in _forms(" ".join([*russian, page.ru_summary, *page.ru]), inflect=False) if not w.isascii() and len(w) > 2]
        cases[page.slug] = {f for w in russian_words for f in inflections(w)} - named_genitives
        asked = Counter({w: n for w, n in _forms(" ".join([*russian, page.ru_summary]), inflect=False).items() if w not in named_cases})
        lead[page.slug] = _with_synonyms(_forms(" ".join([page.title, page.summary, *page.ru, *_HEADINGS.findall(page.body),
                                                          *english,
                                                          key_points.group(1) if key_points else ""]), as_written=named, digits=True) + asked, named_cases)
        for stems, short in abbreviations:
            if stems and all(any(w.startswith(st) for w in lead[page.slug]) for st in stems):
                lead[page.slug].update(short)
        body[page.slug] = _forms(page.body, min_len=4, inflect=False)
        text_words = Counter(words(markup.plain_text(page.body)))
        said = {r for w in text_words if (r := in_cyrillic(w))} - named
        learned[page.slug] = {f for r in said for f in inflections(r)} - named_genitives - cases[page.slug]
        told = {v for w, n in text_words.items() if n > 1 for r in project.russian_words.get(w, ())
                for v in (r, strip_accents(r))} - named     # (ё or е, as the query is typed)
        everyday[page.slug] = {f for r in told for f in ({r} if _RU_VERB.search(r) else inflections(r))} \
            - named_genitives - cases[page.slug] - learned[page.slug]
    out = {}
    for page in project.pages:
        linked = _linked(project, page)
        # Suffixed tokens only match prefix queries: a word's longest form serves its shorter ones.
        out[url_of(page.slug)] = {"q": _repeated(_with_single_letters(lead[page.slug]), "_q", most=2),
                                  "b": _repeated(body[page.slug], "_b"),
                                  "r": _repeated(_linked_russian(project, linked, whole_names), "_r"),
                                  "c": " ".join(t + "_c" for t in prefix_minimal(cases[page.slug])),
                                  "t": " ".join(t + "_t" for t in prefix_minimal(learned[page.slug])),
                                  "w": " ".join(t + "_w" for t in prefix_minimal(everyday[page.slug])),
                                  "x": " ".join(sorted(_hyphen_pieces(project, page, linked))),
                                  "summary": html.escape(markup.plain_text(page.summary), quote=False),
                                  "asks": "|".join(" ".join(w for w in words(t) if w not in QUESTION_WORDS) for t in [page.title, *page.ru[:1]])}
    return out


def _with_topic_fields(doc: dict, fields: dict[str, str]) -> dict:
    """A topic page's own entry with its search fields; where the page has no text before its first
    heading, its summary is the text, so a result found by a question shows what the page covers."""
    out = {**doc, **{k: v for k, v in fields.items() if k not in ("summary", "asks")}}
    if not doc.get("text", "").strip():
        out["text"] = f"<p>{fields['summary']}</p>"
    return out


# DOIs, PMIDs and PMCIDs in the text of source pages and reference lists: no learner searches for
# them, and their digits set off a fault of lunr's prefix search (its word tree confuses a digit with
# a node number and invents words), after which a query such as "1" or "IL-1 beta" found nothing at
# all. Left out of the index, they take away 508 of its 1,576 distinct words with digits (4.7 KB gzipped).
_IDENTIFIERS = re.compile(r"\bdoi:\s*10\.\S+|\bPMID\s*\d+|\bPMC\d+")


def enrich_index(index: dict, documents: list[dict], topics: dict[str, dict[str, str]] | None = None) -> dict:
    """Return Material's ``search_index.json`` data with the term-name documents (those of
    :func:`term_documents`) added, each term's definition moved to its first name document, and
    the topic pages' fields (:func:`topic_fields`) put in their own entries, and the names a topic
    page's title asks about (:func:`_asked_names`)."""
    config = dict(index.get("config", {}))
    config["separator"] = query_separator(config.get("separator", MATERIAL_SEPARATOR))
    fields = dict(config.get("fields", {}))
    for name, boost in FIELDS.items():
        fields[name] = {"boost": boost}
    config["fields"] = fields
    # A term's page entry gives its text (the definition) to the term's first name entry, which is
    # the result a name query finds: Material shows the text of the best entry only, so the result
    # said "Metformin / Metformin" and nothing more. Its paragraphs become one, since Material shows
    # only those that hold a query word where any does: "HOMA-IR" showed the Russian names' line
    # («индекс HOMA-IR») without the definition.
    first_names = {d["location"][:-len("#names")]: d for d in documents if d["location"].endswith("#names")}
    docs, definitions = [], {}
    for d in index.get("docs", []):
        if _IDENTIFIERS.search(d.get("text", "")):
            d = {**d, "text": _IDENTIFIERS.sub("", d["text"])}
        if topics and d["location"] in topics:
            d = _with_topic_fields(d, topics[d["location"]])
        elif d["location"] in first_names and d.get("text"):
            definitions[d["location"] + "#names"] = re.sub(r"</p>\s*<p>", "<br>", d["text"])
            d = {**d, "text": ""}
        docs.append(d)
    docs += [{**d, "text": definitions[d["location"]]} if d["location"] in definitions else d for d in documents]
    titles = {d["location"]: d["title"] for d in docs if topics and d["location"] in topics}
    return {**index, "config": config, "docs": docs + _asked_names(documents, topics or {}, titles)}


def _asked_names(documents: list[dict], topics: dict[str, dict[str, str]], titles: dict[str, str]) -> list[dict]:
    """Name entries for a topic page whose title, without its question words, is a term's name ("What
    is insulin resistance?", «Что такое инсулинорезистентность?»): copies of that name's entries,
    located on the page, weighted just above the best-weighted other name that holds all its words.
    The search drops question words, so "what is insulin resistance" is the name "insulin
    resistance": it found the term first and the introduction only 22nd, after the 20 longer names
    holding those words; now the introduction comes second (irsite/search/README.md).

    Failing that, an English title that begins with a name ("Insulin signalling", "The β-cell side:
    ...") gets one copy of that name's entry, weighted just below it: "how does insulin work" is the
    name "insulin", and found the signalling page 41st; now third."""
    def written(d: dict) -> set[str]:
        return {t for t in d.get("keys", "").split() if t.endswith("_") and not t.endswith("__")}
    named = [(" ".join(words(d["title"])), d) for d in documents if written(d)]
    out = []
    for url, fields in topics.items():
        asked = set(fields["asks"].split("|")) - {""}
        title = fields["asks"].partition("|")[0]
        chosen = [d for name, d in named if name in asked]
        begun = sorted((-len(name), i) for i, (name, d) in enumerate(named) if not chosen and title.startswith(name + " "))
        for d in chosen or [named[i][1] for _, i in begun[:1]]:
            keys = written(d)
            rivals = [o.get("boost", 1) for o in documents if keys <= written(o) and o is not d and " ".join(words(o["title"])) not in asked]
            if not rivals:    # no longer name to come before: the page's own entry is enough
                continue
            boost = min(d.get("boost", 1), round(max(rivals) + 0.01, 2)) if chosen else round(d.get("boost", 1) - 0.05, 2)
            out.append({**{k: v for k, v in d.items() if k not in ("kd", "fuzzy")}, "location": url + "#" + d["location"].partition("#")[2],
                        "title": titles[url], "text": f"<p>{fields['summary']}</p>", "boost": boost})
    return out

