"""The small inline syntax used in definitions and pages, and markup-safety checks.

* ``[[term-id]]`` / ``[[term-id|shown text]]``: a link to a glossary term;
* ``[@source-id]``, ``[@source-id#excerpt-id]``, ``[@a; @b]``: numbered citations;
* a line ``!quote source-id#excerpt-id``: the excerpt shown as a quotation with its attribution.

Content is Markdown without raw HTML; anything that could carry script into the site is refused.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TERM_LINK = re.compile(r"\[\[\s*([^\]|]+?)\s*(?:\|\s*([^\]]+?)\s*)?\]\]")
CITATION = re.compile(r"\[@([^\]]+)\]")
QUOTE_LINE = re.compile(r"^([ \t]*)!quote[ \t]+(\S+)[ \t]*$", re.M)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CYRILLIC = re.compile("[а-яё]+", re.I)   # Russian letters


def by_language(texts: list[str]) -> tuple[list[str], list[str]]:
    """(those in English, those in Russian): a topic page's questions are written in either."""
    return [t for t in texts if not CYRILLIC.search(t)], [t for t in texts if CYRILLIC.search(t)]

_CODE_SPAN = re.compile(r"`[^`\n]*`")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_RAW_HTML = re.compile(r"</?[A-Za-z!?][^>]*>?|&#(?:x[0-9a-fA-F]+|\d+);?")
_BAD_SCHEME = re.compile(
    r"(?i)\b(?:java|vb)\s*script\s*:|(?:\]\(\s*<?|<|\]:\s*)\s*(?:data|file)\s*:")
_ATTR_LIST_EVENT = re.compile(r"(?i)\{[^}\n]*\bon[a-z]+\s*=")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")


@functools.lru_cache(maxsize=65536)
def citation_keys(inner: str) -> tuple[str, ...]:
    """``"@a; @b#x"`` -> ``("a", "b#x")``."""
    keys = []
    for part in _KEY_SEPARATOR.split(inner):
        part = part.strip()
        if part.startswith("@"):
            part = part[1:].strip()
        if part:
            keys.append(part)
    return tuple(keys)


_KEY_SEPARATOR = re.compile(r"[;,]")


def unsafe_markup(text: str) -> list[str]:
    """Describe each kind of unsafe markup found in ``text`` (raw HTML, script links, handlers)."""
    if "<" not in text and "&" not in text and ":" not in text and "{" not in text:
        return []  # none of the patterns below can match (each needs one of these characters)
    found = []
    plain = _CODE_SPAN.sub("", _AUTOLINK.sub("", text))
    match = _RAW_HTML.search(plain)
    if match:
        snippet = match.group(0)[:40]
        found.append(f"raw HTML is not allowed ('{snippet}')")
    if _BAD_SCHEME.search(_CODE_SPAN.sub("", text)):
        found.append("'javascript:', 'vbscript:', 'data:' and 'file:' links are not allowed")
    if _ATTR_LIST_EVENT.search(text):
        found.append("event-handler attributes (onclick=… and the like) are not allowed")
    return found


SAFETY_FIX = "write plain Markdown: **bold**, *italic*, [text](https://…) links, [[term-id]] term links"


_GREEK_NAMES = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "µ": "mu",
    "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}


@functools.lru_cache(maxsize=None)
def sort_key(name: str) -> str:
    """Alphabetical key: Greek letters read as their names, accents and case ignored."""
    if name.isascii():
        return _NOT_ALNUM.sub(" ", name.lower()).strip()   # no Greek letters or accents to read
    text = "".join(_GREEK_NAMES.get(ch, ch) for ch in name.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub(" ", text).strip()


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold_name(name: str) -> str:
    """Key for comparing names and aliases: Unicode-normalised, case-folded, spaces squeezed."""
    if name.isascii():
        # NFKC leaves ASCII as it is, casefold is lower(), and str.split() splits at exactly the
        # characters that \s matches.
        return " ".join(name.lower().split())
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name).casefold()).strip()


_LINE_START = re.compile(r"\s*(?:[-*+>]|\d+[.)])?\s*(?:\*\*|__|\*|_)?")


def starts_sentence(text: str, pos: int) -> bool:
    """True when ``pos`` begins a sentence, a paragraph or a list item in ``text``."""
    line_start = text.rfind("\n", 0, pos) + 1
    if _LINE_START.fullmatch(text, line_start, pos):
        return True
    # The text before ``pos`` without trailing spaces and emphasis marks (no copy of the prefix).
    end = pos
    while end > 0 and text[end - 1] in " *_":
        end -= 1
    return end == 0 or text[end - 1] in ".!?\n"


def plain_text(markdown: str, term_names: dict[str, str] | None = None, lower: set[str] | None = None) -> str:
    """Inline Markdown -> plain text (for tooltips, meta descriptions and exports).

    ``lower``: ids of terms whose names are ordinary words, lower-cased inside a sentence.
    """
    names = term_names or {}
    lower = lower or set()

    def term(m: re.Match) -> str:
        if m.group(2):
            return m.group(2)
        name = names.get(m.group(1), m.group(1))
        if m.group(1) in lower and not starts_sentence(m.string, m.start()):
            name = name[0].lower() + name[1:]
        return name

    text = markdown
    if "[" in text:     # each substitution only where its pattern can match (most texts have no link)
        if "[[" in text:
            text = TERM_LINK.sub(term, text)
        if "[@" in text:
            text = CITATION.sub("", text)
        if "](" in text:
            text = _MD_LINK.sub(lambda m: m.group(1), text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(r"\1", text)
    text = text.replace("`", "")
    # Whitespace runs become one space (str.split() splits exactly where \s matches), then no
    # space before . , ; or : (removing one cannot make another).
    text = " ".join(text.split())
    if " " in text:
        for mark in ".,;:":
            text = text.replace(" " + mark, mark)
    return text


_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])")


def first_sentence(text: str) -> str:
    """The first sentence of a plain-text definition (one line, as plain_text returns it; for the
    A–Z index): up to the first . ! or ? that ends the text or is followed by white space and a
    capital, digit, quote or bracket."""
    end = _SENTENCE_END.search(text, 1)    # the sentence has at least one character
    return text[:end.start() + 1] if end else text


_SENTENCE_END = re.compile(r"[.!?](?:\s+(?=[A-Z0-9\"'(α-ωΑ-Ω])|$)")


def word_count(markdown: str) -> int:
    """Words of prose in a page body, not counting markup."""
    body = QUOTE_LINE.sub("", markdown)
    body = re.sub(r"^\s*!!!.*$", "", body, flags=re.M)
    body = re.sub(r"^#+\s", "", body, flags=re.M)
    return len(re.findall(r"[\w\u0370-\u03ff][\w\u0370-\u03ff'’-]*", plain_text(body)))
