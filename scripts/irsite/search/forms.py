"""How a name's words are written, spelt and inflected: the word forms behind the search documents
of :mod:`.names` and the topic pages' fields of :mod:`.questions`.

Names are split into words as Material's search splits queries (:data:`SEPARATOR`), lower-cased and
folded (look-alike letters, accents); each word then has its Greek-letter forms (κ / kappa / k), its
British and American spellings, its English inflections and Russian case forms (:func:`inflections`),
and the pieces that a query typed with a hyphen searches as exact terms (:func:`exact_pieces`).
:func:`name_keys` gathers them for one name; :func:`lone_tokens` gives the letters standing alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable

from .. import markup

def _cached(fn):
    """Memoise a pure helper of hashable arguments; its result is returned read-only."""
    @functools.lru_cache(maxsize=None)
    @functools.wraps(fn)
    def wrapper(*args):
        result = fn(*args)
        return frozenset(result) if isinstance(result, set) else tuple(result) if isinstance(result, list) else result
    return wrapper


# Greek letters: their names, and the one-letter Latin stand-ins in established use (NF-kB, TNFa,
# IL-1b, PPARg, PKCe); letters without such a stand-in map to their name only.
GREEK = {
    "α": ("alpha", "a"), "β": ("beta", "b"), "γ": ("gamma", "g"), "δ": ("delta", "d"),
    "ε": ("epsilon", "e"), "ζ": ("zeta", "z"), "η": ("eta", ""), "θ": ("theta", ""),
    "ι": ("iota", ""), "κ": ("kappa", "k"), "λ": ("lambda", "l"), "μ": ("mu", "u"),
    "ν": ("nu", ""), "ξ": ("xi", ""), "π": ("pi", ""), "ρ": ("rho", ""), "σ": ("sigma", ""),
    "τ": ("tau", ""), "φ": ("phi", ""), "χ": ("chi", ""), "ψ": ("psi", ""), "ω": ("omega", ""),
}
_GREEK_NAME_TO_SYMBOL = {name: sym for sym, (name, _) in GREEK.items()}
# Greek letters' names as learners misspell them ("tnf alfa", "pkc thetta", "ppar gama").
_GREEK_SLIPS = {"alpha": ["alfa"], "beta": ["betta"], "gamma": ["gama"], "kappa": ["kapa"],
                "theta": ["thetta", "teta", "thita"], "lambda": ["lamda"], "epsilon": ["epsillon"],
                "zeta": ["zetta"]}
_LOOKALIKES = str.maketrans({"ß": "β", "µ": "μ", "ϐ": "β", "ϵ": "ε", "ϑ": "θ", "ϰ": "κ"})

# Where names are split into words. Material's search splits queries at white space and hyphens
# only (its default separator, kept: a wider one made its lunr index fail on queries such as "4"
# with today's data); each piece is indexed, and "joined" forms cover names typed without spaces.
SEPARATOR = r"[\s\-‐‑‒–—―/,;:!?=+()\[\]{}\"'“”‘’«»]+|\.(?!\d)"
_SPLIT = re.compile(SEPARATOR)

# British <-> American spelling rules: (pattern, replacement) pairs applied to whole words.
_SPELLING_RAW = [
    (r"aem", "em"), (r"oe(?=[a-z])", "e"), (r"haem", "hem"), (r"tumour", "tumor"),
    (r"our$", "or"), (r"is(e|ed|es|ing|er|ers|ation|ations)$", r"iz\1"), (r"ys(e|ed|es|ing)$", r"yz\1"),
    (r"tre$", "ter"), (r"ae", "e"), (r"ogue$", "og"),
    # signalling/signaling, labelled/labeled (not compelling or controlled, doubled in both)
    (r"([aeiou][^aeiou]+a|mode|labe|trave|fue|cance|channe|tunne)ll(ing|ed)$", r"\1l\2"),
]
_SPELLING_BACK_RAW = [
    (r"(?<![ae])emia", "aemia"), (r"(?<![ae])emic", "aemic"), (r"^hem(?=[aoi])", "haem"),
    (r"tumor", "tumour"), (r"iz(e|ed|es|ing|er|ers|ation|ations)$", r"is\1"), (r"^glycem", "glycaem"),
    (r"^esophag", "oesophag"), (r"^estr", "oestr"), (r"ter$", "tre"),
    (r"([aeiou][^aeiou]+a|mode|labe|trave|fue|cance|channe|tunne)l(ing|ed)$", r"\1ll\2"),
]
# Prefixes that learners write both joined and hyphenated (pre-diabetes, prediabetes).
_SPELLING = [(re.compile(p), r) for p, r in _SPELLING_RAW]
_SPELLING_BACK = [(re.compile(p), r) for p, r in _SPELLING_BACK_RAW]
_ANY_SPELLING = re.compile("|".join(p for p, _ in _SPELLING_RAW + _SPELLING_BACK_RAW))   # most words: none
_NUMBER_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four"}   # "type two diabetes"
_PREFIXES = ("pre", "post", "non", "anti", "inter", "intra", "multi", "hyper", "hypo")
_INFLECT = [(r"ance$", ["ant"]), (r"ence$", ["ent"]), (r"ivity$", ["ive"]), (r"(?<!iv)ity$", ["e"]),
            (r"sis$", ["tic", "ses"]), (r"ia$", ["ic"]), (r"y$", ["ies"]), (r"ion$", ["ed", "e"]),
            (r"ism$", ["ic"]), (r"ide$", ["ides"])]
# Russian case endings: a name's word in the nominative -> the endings of its other cases, so that
# a name is found in the case a sentence puts it in ("рецептора инсулина", "при гиперинсулинемии",
# "лечение инсулинорезистентности"). Nouns and adjectives both; the longest ending that fits applies;
# "" is a word ending in a consonant. Queries are prefix queries, so a longer form serves its stems.
CYRILLIC = markup.CYRILLIC
_VOWELS_RU = "аеёиоуыэюяй"
# The instrumental plural (-ами, which a prefix query also finds for the dative -ам) last, so that
# ``ru_cases`` keeps the genitive: «с бета-адреноблокаторами» found its term third, the page on
# medicines and the β-cell first; «статинами» found nothing; 7 KB gzipped (irsite/search/README.md).
_RU_CASES = {
    "ость": "ости остью", "ия": "ии ию ией ий", "ие": "ия ии ием их ими", "ая": "ой ую ые ых",
    "яя": "ей юю ие их", "ый": "ого ом ым ые ых", "ой": "ого ом ым ые ых", "ое": "ого ом ым ые ых",
    "ий": "его ем им ие их", "ые": "ых ыми", "а": "ы и е у ой ами", "я": "и е ю ей",
    "о": "а ом е", "ь": "я и е ем ью ей", "ы": "ов ах ами", "и": "ей ов ах ях ами", "": "а е у ом ы ов ах ами",
}
# After г, к or х: эктопического, not эктопическего; макрофагов before the rarer -ей.
_RU_CASES_AFTER_GKH = {"ий": "ого ом им ие их", "и": "ов ей ах ами"}
RU_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
STOP = {"a", "an", "and", "of", "the", "in", "to", "for", "by", "on", "or", "with", "as",
         "и", "в", "во", "к", "с", "со", "о", "об", "на", "по", "при", "для", "из", "у"}


@_cached
def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).lower()


@_cached
def strip_accents(word: str) -> str:
    """Without accents (café: cafe; ё: е), but й stays a letter of its own."""
    out = "".join(ch for ch in unicodedata.normalize("NFD", word.replace("й", "\0")) if not unicodedata.combining(ch))
    out = out.replace("\0", "й")
    return unicodedata.normalize("NFC", out) if any(c in GREEK for c in word) else out


@_cached
def words(name: str) -> list[str]:
    return [w for w in _SPLIT.split(normalise(name)) if w]


@_cached
def _greek_forms(word: str) -> set[str]:
    """'nfκb' -> {'nfκb', 'nfkappab', 'nfkb'}; 'alpha' -> {'alpha', 'α', 'a'}."""
    forms = {word}
    if any(ch in GREEK for ch in word):
        forms.add("".join(GREEK[ch][0] if ch in GREEK else ch for ch in word))
        if all(GREEK[ch][1] for ch in word if ch in GREEK):
            forms.add("".join(GREEK[ch][1] if ch in GREEK else ch for ch in word))
    if word in _GREEK_NAME_TO_SYMBOL:
        symbol = _GREEK_NAME_TO_SYMBOL[word]
        forms.add(symbol)
        if GREEK[symbol][1]:
            forms.add(GREEK[symbol][1])
    return forms


@_cached
def spelling_forms(word: str) -> set[str]:
    forms = {word}
    if not _ANY_SPELLING.search(word):   # no rule changes it (a back rule only follows a change)
        return forms
    for rules in (_SPELLING, _SPELLING_BACK):
        for pattern, repl in rules:
            for w in list(forms):
                changed = pattern.sub(repl, w)
                if changed != w and len(changed) > 2:
                    forms.add(changed)
    return forms


@_cached
def inflections(word: str, ru_cases: int | None = None) -> set[str]:
    """English plurals and verb forms; Russian case forms (:data:`_RU_CASES`; the first
    ``ru_cases`` of them, if given)."""
    forms = {word}
    if len(word) < (3 if CYRILLIC.fullmatch(word) else 4) or not word.isalpha():   # жир: жира
        return forms
    if CYRILLIC.fullmatch(word):
        ending = next((e for e in _RU_CASES if word.endswith(e)), "")
        stem = word[:len(word) - len(ending)]
        if not stem or stem[-1] in _VOWELS_RU:
            return forms
        endings = (_RU_CASES_AFTER_GKH if stem[-1] in "гкх" and ending in _RU_CASES_AFTER_GKH else _RU_CASES)[ending].split(" ")
        if stem[-1] in "гкхжшчщ":    # и, never ы, after these letters: оценки, нагрузки
            endings = [e.replace("ы", "и") for e in endings]
        if not ending and stem[-1] in "гкхжшчщц":    # врачи, врачей, товарищем (the genitive stays first)
            endings += ["и", "ей", "ем"]
        if ending in ("ы", "и"):    # a plural's bare stem too: жирных кислот, besides цитокинов
            forms.add(stem)
        return forms | {stem + e for e in endings[:ru_cases]}
    if not word.isascii():
        return forms
    for pattern, endings in _INFLECT:
        if re.search(pattern, word):
            stem = re.sub(pattern, "", word)
            forms.update(stem + e for e in endings)
    if re.search(r"[^aeiou]y$", word):
        forms.add(word[:-1] + "ies")
    elif not word.endswith("s"):
        forms.add(word + ("es" if word.endswith(("sh", "ch", "x", "z")) else "s"))
    elif word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        forms.add(word[:-1])
    return forms


@_cached
def _split_forms(word: str) -> set[str]:
    """Boundaries learners type with or without a space: IRS1/IRS 1, GLUT4/GLUT 4, PPARγ/PPAR γ."""
    parts = re.findall(r"[a-z]+|[0-9]+|[\u0370-\u03ff]+", word)
    return set(parts) if len(parts) > 1 else set()


@_cached
def _prefix_forms(word: str) -> set[str]:
    """prediabetes -> pre + diabetes (weighted low: 'diabetes' alone should not find prediabetes)."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4 and word.isalpha():
            return {prefix, word[len(prefix):]}
    return set()


_SAID_IN_RUSSIAN = dict(zip("abcdefghijklmnopqrstuvwxyz", "а б к д е ф г х и дж к л м н о п к р с т у в в кс и з".split()))
_CYRILLIC_TWIN = str.maketrans("abcehkmoptxy", "авсенкмортху")
_LATIN_TWIN = {cyrillic: latin for latin, cyrillic in _CYRILLIC_TWIN.items()}
_STAND_IN = {latin: greek for greek, (_, latin) in GREEK.items() if latin}


def stand_in_letters(name_words: tuple[str, ...], written: set[tuple]) -> set[str]:
    """The Greek letter (symbol and name) that a Latin letter stands for in a name (the a of TNF-a),
    where another name of the same term writes the Greek letter in its place (TNF-α); so that
    "tnf alpha" matches that name in full, not only its "tnf"."""
    out: set[str] = set()
    for i, w in enumerate(name_words):
        greek = _STAND_IN.get(w)
        if greek and i and any(name_words[:i] + (g,) + name_words[i + 1:] in written
                               for g in (greek, GREEK[greek][0])):
            out |= {greek, GREEK[greek][0]}
    return out


def _is_word(written: str) -> bool:
    """An ordinary word (insulin, Resistance), not an abbreviation or symbol (TNF, PKCε, GLUT4)."""
    return written.isalpha() and (written.islower() or (written[0].isupper() and written[1:].islower()))


@_cached
def exact_pieces(name: str) -> set[str]:
    """Pieces that Material may search as exact terms: all but the last piece of a hyphenated or
    compound word ("HOMA-IR" -> homa, "TNF-α" -> tnf, "IL6" -> il), as a query typed with a hyphen
    ("HOMA-IR", "IL-6") becomes an exact term followed by a prefix term ("homa ir*", "il 6*")."""
    out: set[str] = set()
    for chunk in normalise(name).split():
        pieces = [p for p in _SPLIT.split(chunk) if p]
        for i, piece in enumerate(pieces):
            variants = {g for v in {piece, strip_accents(piece)} for g in {v, *_greek_forms(v)}}
            for v in variants:
                parts = re.findall(r"[a-z]+|[0-9]+|[\u0370-\u03ff]+", v)
                # Not a number inside a code (the 66 of CD66a, the 6 of G6Pase): nobody types it
                # apart, and "IL-6" would find it.
                out.update(p for j, p in enumerate(parts[:-1]) if not (j and p.isdigit()))
                if i < len(pieces) - 1:
                    out.add(v)
    # A Russian capital letter that is also a preposition stays (the С of С-пептид: "С-пептида" searches
    # "с" as an exact word; the search box drops the preposition only in lower case).
    capitals = {c.lower() for c in re.findall(r"(?<!\w)[А-ЯЁ](?!\w)", name)}
    return {p for p in out if p and (p not in STOP or p in capitals)}


def name_keys(name: str) -> tuple[set[str], set[str], set[str], set[str], set[str]]:
    """(keys, alt, parts, joined, cases) for one name.

    keys: each word as written (and without accents); alt: its other forms (Greek letters as names
    or Latin letters, British/American spellings, inflections of ordinary words, letter/digit
    splits); parts: prefix splits (pre + diabetes); joined: short names without separators; cases:
    the Russian case forms of its Russian words, lighter, as a long word's many forms all match a
    query that it starts with (инсулин: инсулиндеградирующего, инсулиндеградирующему…). Derived
    forms sit in their own, lower-weighted field, so a word with many forms does not outscore a
    name that matches more of the query's words.
    """
    original = [w for w in _SPLIT.split(unicodedata.normalize("NFKC", name)) if w]
    ws = words(name)
    keys: set[str] = set()
    alt: set[str] = set()
    splits: set[str] = set()
    parts: set[str] = set()
    spelled: list[set[str]] = []
    cases: set[str] = set()
    for written, w in zip(original, ws):
        if w in _NUMBER_WORDS:   # "type two diabetes"
            alt.add(_NUMBER_WORDS[w])
        plain = {w, strip_accents(w)}
        forms: set[str] = set()
        for b in plain:
            for g in _greek_forms(b):
                forms |= spelling_forms(g) | set(_GREEK_SLIPS.get(g, ()))
        spelled.append(forms)
        keys |= plain
        alt |= forms
        for f in forms:
            splits |= _split_forms(f)
            parts |= _prefix_forms(f)
            if _is_word(written) and f not in _GREEK_NAME_TO_SYMBOL:
                if CYRILLIC.fullmatch(f):    # the genitive weighs as a spelling: «уровень лептина»
                    alt |= inflections(f, 1)
                    cases |= inflections(f)
                elif len(f) >= 4:
                    alt |= inflections(f)
    keys |= {w + "s" for w in re.findall(r"(\w+)['’]s\b", normalise(name))}   # Cushing's typed "cushings"
    # A short Latin name read as a word, typed in Russian letters as it is said: «хома» (HOMA), «мтор»
    # (mTOR). Not of three letters: «ирс» (IRS) outweighed pages for questions that write ИР.
    for written, w in zip(original, ws):
        said_as_word = w.isascii() and w.isalpha() and 4 <= len(w) <= 5 and re.search("[aeiouy]", w)
        if said_as_word and (not _is_word(written) or len(ws) == 1):
            alt.add("".join(_SAID_IN_RUSSIAN.get(c, c) for c in w))
            # ... and the short codes beside it, letter by letter («хома ир»: HOMA-IR).
            alt |= {"".join(_SAID_IN_RUSSIAN[c] for c in v) for o, v in zip(original, ws)
                    if o.isupper() and o.isalpha() and o.isascii() and len(o) <= 3 and v != w}
        # A capitalised Latin name whose letters all have Cyrillic twins, typed or pasted from a Russian
        # text in Cyrillic capitals: «индекс НОМА» (HOMA), «АМРК» (AMPK).
        letters = re.sub(r"\d", "", written)
        if re.fullmatch(r"[ABCEHKMOPTXY]+", letters) and (len(letters) >= 4 or len(letters) == 3 < len(written)):
            alt.add(w.translate(_CYRILLIC_TWIN))
    joined: set[str] = set()
    if 1 < len(ws) <= 3 and len("".join(ws)) <= 12:
        # Compact names typed without separators (TNFalpha, NFkB, betacells); at most a dozen forms.
        combos = [""]
        for i, (written, w) in enumerate(zip(original, ws)):
            main = {w} | {f for f in _greek_forms(w) if f != w}
            if i == len(ws) - 1 and _is_word(written) and len(w) >= 4:
                main |= inflections(w)
            combos = [c + m for c in combos for m in sorted(main)][:12]
        joined.update(combos)
    # A hyphenated word typed without its hyphen (druginduced, glucose6phosphatase, rabsonmendenhall).
    # Not where a longer joined form starts with it (βcell beside βcellmass): it would count twice.
    for chunk in normalise(name).split():
        whole = strip_accents(chunk.replace("-", ""))
        if whole != chunk and whole.isalnum() and not any(j.startswith(whole) for j in joined):
            joined.add(whole)
    # A one-letter word that search drops as a stop word ("type A"), or one written in capitals (the
    # AN of HAIR-AN), is kept as a marked token, so a query containing it still counts as fully
    # matched by this name.
    for written, w in zip(original, ws):
        if (len(w) == 1 or written.isupper()) and w in STOP:
            keys.add(w + "\u00b7")
    # Written forms and split parts stay whole: Material turns a hyphenated query word into an exact
    # term followed by a prefix term ("HOMA-IR" -> "homa ir*"), so "homa" must be indexed as it is.
    # Other derived forms are reduced to the longest of each prefix chain (prefix queries still
    # match them), so one word's forms do not add up.
    keys = {k for k in keys if k and k not in STOP}
    # A lone Latin stand-in for a Greek letter ("b" for β) is too common a prefix to index alone.
    alt = {a for a in alt if len(a) > 1 or a in keys}
    splits = {t for t in splits if t not in STOP and (len(t) > 1 or t.isdigit() or t in GREEK)} - keys
    alt = set(prefix_minimal(a for a in alt - keys - splits if a not in STOP)) | splits
    return keys, alt, parts - keys - alt, joined - keys - alt, set(prefix_minimal(cases - keys - alt))


def spelt_in_russian(name: str) -> str | None:
    """A code of Latin capitals and a number (FGF21, SGLT-2, TLR4) as a Russian student types it,
    spelt out letter by letter («фгф21», «сглт2»)."""
    code = re.fullmatch(r"([A-Z]{3,5})[-\s]?(\d{1,2})", unicodedata.normalize("NFKC", name).strip())
    return "".join(_SAID_IN_RUSSIAN[c] for c in code.group(1).lower()) + code.group(2) if code else None


def spelled_out(name: str) -> tuple[str, ...]:
    """A name's words with each Greek letter written as its name (β-cell: beta cell)."""
    return tuple(GREEK[w][0] if w in GREEK else w for w in words(name))


def prefix_minimal(tokens: Iterable[str]) -> list[str]:
    """Drop tokens that are a prefix of another token: queries are prefix queries, so the longer
    token still matches, and one name form then counts once in the score, not several times."""
    ordered = sorted(set(tokens))
    return [t for i, t in enumerate(ordered) if not (i + 1 < len(ordered) and ordered[i + 1].startswith(t))]


def lone_tokens(name_words: list[str], name: str = "") -> list[str]:
    """Tokens for the heavy ``lone`` field of a name holding a letter as a word of its own (protein
    kinase B, C-reactive protein, NF kappa B). Typed alone, such a letter becomes a prefix query
    that matches every word starting with it, and the topic pages' long fields hold dozens of those;
    the name must outweigh them.

    "a" is also the English article, in most questions ("what happens after a meal"; the search box
    drops it typed in lower case), so it counts as a letter only in names with two other words or
    more (type A IR, acetyl coenzyme A; with three, both came second or lower). A word
    followed by it (Fetuin-A, TNF-a) gets the weight instead, as written: a query typed with a hyphen
    searches that word as an exact term. So does a word followed by a Greek letter (IKK-β, PKC-ε),
    whose Latin stand-in ("ikk b", "pkc-e") is too common a prefix to be indexed alone. Words of
    fewer than three letters are left out (IR-A), as they start too many queries (HOMA-IR).
    """
    others = [w for w in name_words if w != "a"]
    # Not a preposition (Russian к, у, в, с) nor the s of a possessive (DeFronzo's).
    out = [w + "_" for w in others if len(w) == 1 and w.isalpha() and w not in STOP and w != "s"]
    # A Russian capital standing alone is a letter, not a preposition (протеинкиназа В, типа В).
    out += [w.lower() + "_" for w in name.split() if len(w) == 1 and w.isupper() and CYRILLIC.fullmatch(w.lower())]
    # ... and as the Latin letter it looks like, which Russian texts often write («протеинкиназа B»,
    # «фетуин-A», «C-пептид»).
    out += [latin + "_" for w in re.split(r"[\s\-]+", name) if len(w) == 1 and w.isupper()
            and CYRILLIC.fullmatch(w) and (latin := w.lower().translate(_LATIN_TWIN)).isascii()]
    if "a" in name_words:
        if len(others) >= 2:
            out.append("a_")
        elif len(name_words) == 2 and name_words[1] == "a" and len(others[0]) >= 3:
            out.append(others[0])
    if len(name_words) == 2 and name_words[1] in GREEK and len(name_words[0]) >= 3:
        out.append(name_words[0])
    # A name that ends in a number and one letter (SREBP-1c, PTP1B), typed with the hyphen before the
    # letter ("srebp1-c"): what comes before the letter, as for Fetuin-A (not PP2A: "pp2" is too short).
    if re.fullmatch(r"[a-z]{3,6}\d{1,2}[a-z]", "".join(name_words)):
        out.append("".join(name_words)[:-1])
    return sorted(set(out))


# An English learned word as Russian writes it (myriocin: мириоцин, hypoxia: гипоксия, autopsy:
# аутопсия, hydrochlorothiazide: гидрохлоротиазид): letters by rule, then the ending. Only words with
# such an ending: an everyday word has no Russian twin of that shape. A wrong guess costs a few bytes.
_TO_CYRILLIC = [("sch", "ш"), ("ch", "х"), ("ph", "ф"), ("th", "т"), ("sh", "ш"), ("qu", "кв"), ("ck", "к"),
                ("ae", "е"), ("oe", "е"), ("ou", "у"), ("ee", "и"), ("glu", "глю"), ("x", "кс"), ("ce", "це"), ("ci", "ци"),
                ("cy", "ци"), ("y", "и"), ("j", "дж"), ("w", "в"), ("h", "г"), ("c", "к"),
                *zip("abdefgiklmnoprstuvz", "абдефгиклмнопрстувз")]
_ENDINGS = sorted([("ysis", "из"), ("osis", "оз"), ("itis", "ит"), ("esis", "ез"), ("ism", "изм"), ("ssion", "ссия"), ("sion", "зия"),
                   ("tion", "ция"), ("phy", "фия"), ("psy", "псия"), ("py", "пия"), ("my", "мия"), ("gy", "гия"), ("ia", "ия"),
                   ("ine", "ин"), ("in", "ин"), ("ase", "аза"), ("ose", "оза"), ("ide", "ид"), ("one", "он"), ("ol", "ол"),
                   ("gen", "ген"), ("uvate", "уват"), ("ctate", "ктат"), ("phate", "фат"), ("amate", "амат"), ("ic", "ический"),
                   ("ical", "ический"), ("thetic", "тический"), ("us", "ус"), ("um", "ум"), ("ema", "ема"), ("oma", "ома"),
                   ("ause", "ауза")], key=lambda e: -len(e[0]))
_SINGULAR = {"ines": "ine", "ases": "ase", "oses": "ose", "ides": "ide", "ates": "ate", "ones": "one", "ins": "in",
             "gens": "gen", "ols": "ol", "ias": "ia", "ies": "y", "omas": "oma"}


def in_cyrillic(word: str) -> str | None:
    """A lower-case English word of six letters or more with a learned ending, in Russian letters
    and in the singular; None for other words."""
    if not re.fullmatch(r"[a-z]{6,}", word):
        return None
    plural = next((p for p in _SINGULAR if word.endswith(p)), None)
    word = word[:-len(plural)] + _SINGULAR[plural] if plural else word
    ending = next(((e, r) for e, r in _ENDINGS if word.endswith(e)), None)
    if ending is None:
        return None
    stem, out, i = word[:-len(ending[0])], "", 0
    while i < len(stem):
        if stem[i] == "s" and 0 < i < len(stem) - 1 and stem[i - 1] in "aeiou" and stem[i + 1] in "aeiouy":
            out, i = out + "з", i + 1   # between vowels: rosuvastatin, розувастатин
            continue
        latin, cyrillic = next(pair for pair in [*_TO_CYRILLIC, (stem[i], "")] if stem.startswith(pair[0], i))
        out, i = out + cyrillic, i + len(latin)
    if stem.endswith("c") and ending[1][0] in "еи":
        out = out[:-1] + "ц"             # myrioc-in: мириоцин
    if word.startswith("e"):
        out = "э" + out[1:]              # estrogen: эстроген
    return out + ending[1] if len(out) >= 3 else None
