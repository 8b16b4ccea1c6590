"""The typing slips learners make in a word, indexed so that a name typed with one still finds its
term (:func:`irsite.search.names.term_documents`, field ``fuzzy``). Queries are prefix queries, so
every prefix of a slip matches too."""

from __future__ import annotations

import functools

_VOWELS = "aeiouy"
# Keys beside each other on a QWERTY keyboard, in the same row.
_NEIGHBOUR_KEYS = {c: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
                   for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for i, c in enumerate(row)}
# Vowels typed for one another (resistence, sensetivity, insulen, glycemea, tacrolimis): any for any,
# since only the commonest pairs left 29 of 138 such slips in a term's name unfound (4.4 KB gzipped).
_VOWEL_SLIPS = {"a": "eoiu", "e": "aiou", "i": "eyao", "o": "auei", "u": "oaie", "y": "i"}
# Letters written for one another because they sound alike (resistanse, adiponektin, glukose).
_SOUND_SLIPS = {"c": "ks", "k": "c", "s": "cz", "z": "s"}
# Russian vowels most often confused when unstressed (гиперинсулинимия, гипергликимия), and е written
# э where it is said so (гиперинсулинэмия).
_RU_VOWEL_SLIPS = {"о": "а", "а": "о", "е": "иэ", "и": "е"}
# A voiced consonant at the end of a Russian word is said voiceless, and often so written (глюконеогенес).
_RU_DEVOICED = {"б": "п", "в": "ф", "г": "к", "д": "т", "ж": "ш", "з": "с"}
_LATIN_DEVOICED = {"b": "p", "d": "t", "g": "k"}


@functools.lru_cache(maxsize=None)
def typo_forms(word: str, light: bool = False) -> frozenset[str]:
    """Common single typing mistakes of a word of six or more letters.

    A letter left out, two neighbouring letters swapped, one vowel typed for another, a letter typed
    for one that sounds alike (c, k, s, z; f and ph: metphormin), a consonant typed with the key
    beside it, a neighbouring key typed as well, a letter typed twice, a letter added at the end or a
    vowel added between consonants cover most real slips (insulin resistence, insluin,
    hyperinsulinmia, ceramifes, indsulin, inssulin, metformine, resisitin). In Cyrillic: a letter left out, swapped or doubled, an unstressed vowel
    confused (гиперинсулинимия), or a final voiced consonant written voiceless (глюконеогенес).
    Every prefix of a form matches too, because search queries are prefix queries. Measured on every
    term's name with one such slip in a long word (irsite/search/README.md).
    """
    if len(word) < 6 or not word.isalpha():
        return frozenset()
    out = set()
    for i in range(1, len(word)):  # slips in the first letter are rare
        out.add(word[:i] + word[i + 1:])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    if not word.isascii():   # Cyrillic: a letter left out, swapped or doubled, an unstressed vowel
        for i in range(1, len(word)):
            out.add(word[:i] + word[i] + word[i:])
            for v in _RU_VOWEL_SLIPS.get(word[i], ""):
                out.add(word[:i] + v + word[i + 1:])
        if word[-1] in _RU_DEVOICED:
            out.add(word[:-1] + _RU_DEVOICED[word[-1]])
        out.discard(word)
        return frozenset(out)
    for i in range(len(word)):
        for v in _VOWEL_SLIPS.get(word[i], "") + _SOUND_SLIPS.get(word[i], ""):
            out.add(word[:i] + v + word[i + 1:])
    out |= {word.replace("f", "ph"), word.replace("ph", "f")} - {word}   # metphormin, fosfatase
    # Endings that sound alike: -sion/-tion (hypertention), -us/-ous (tacrolimous).
    out |= {word.replace("sion", "tion"), word.replace("tion", "sion")} - {word}
    if word.endswith("us"):
        out.add(word[:-2] + "ous")
    if word[-1] in _LATIN_DEVOICED:   # a final b, d or g said voiceless, as in Russian (canakinumap)
        out.add(word[:-1] + _LATIN_DEVOICED[word[-1]])
    # A letter added at the end, which a prefix query cannot forgive: an "e" as in French, German
    # or Russian spelling (metformine, adiponectine).
    out.add(word + "e")
    # A vowel added between consonants (resisitin), and ae or oe for an e after one, as in anaemia or
    # oedema (sarcopaenia): each found nothing; with an i added between two consonants of each
    # term's name, 62 of 96 found their term first before, 95 after (4.3 KB gzipped).
    out |= {word[:i] + v + word[i:] for i in range(1, len(word)) if word[i - 1] not in _VOWELS
            for v in ("aeiou" if word[i] not in _VOWELS else "ao" if word[i] == "e" else "")}
    if light:   # a third of the forms: no doubled letters, no neighbouring keys
        out.discard(word)
        return frozenset(out)
    # A letter typed twice (insullin, insulinn), a consonant typed with the key beside it (indulin),
    # or a key beside a letter typed with it (indsulin).
    for i in range(1, len(word)):
        out.add(word[:i] + word[i] + word[i:])
        for k in _NEIGHBOUR_KEYS.get(word[i], ""):
            out.add(word[:i] + k + word[i:])
            if word[i] not in _VOWELS:
                out.add(word[:i] + k + word[i + 1:])
    out.discard(word)
    return frozenset(out)


def doubled_once(word: str) -> set[str]:
    """A word with a doubled letter written once: the commonest Russian misspelling («беремености»,
    «гестационого»)."""
    return {word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1]}


def genitive_slips(genitives: set[str], one_word: bool) -> set[str]:
    """A Russian word's genitive, the case a question names it in, with an unstressed vowel
    confused («десинхраноза»; with one in the genitive of each term's first Russian name, 75 of 146
    found their term first before, 132 after, 4.3 KB gzipped), and, for a one-word name, with a
    letter left out («в развитии инсулинорезистентости»); and a doubled consonant written once
    («гестационого диабета»)."""
    out = {g[:i] + v + g[i + 1:] for g in genitives for i in range(1, len(g)) for v in _RU_VOWEL_SLIPS.get(g[i], "")}
    out |= {f for g in genitives for f in doubled_once(g)}
    return out | ({g[:i] + g[i + 1:] for g in genitives for i in range(1, len(g))} if one_word else set())
