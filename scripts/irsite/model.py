"""The in-memory model of the reference: sections, terms, sources with excerpts, curated pages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    id: str
    title: str
    summary: str
    line: int = 0


@dataclass
class Term:
    id: str
    term: str
    aliases: list[str]
    section: str
    definition: str
    details: str = ""
    related: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)   # "source" or "source#excerpt"
    external: dict[str, list[str]] = field(default_factory=dict)
    formerly: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)   # searchable, never shown as names
    translations: dict[str, list[str]] = field(default_factory=dict)   # language -> names ("ru": [...])
    line: int = 0

    @property
    def names(self) -> list[str]:
        """The names a reader sees: the display name and its aliases."""
        return [self.term, *self.aliases]

    @property
    def ru(self) -> list[str]:
        return self.translations.get("ru", [])

    @property
    def all_names(self) -> list[str]:
        """Every name that leads to the term: shown names, other-language names, hidden spellings."""
        return [*self.names, *(n for names in self.translations.values() for n in names), *self.spellings]


@dataclass
class Excerpt:
    id: str
    quote: str
    locator: str
    line: int = 0
    verdict: str = ""        # what the evidence says of the quoted claim (shown beside the quote)
    verdict_line: int = 0


@dataclass
class Source:
    id: str
    kind: str
    title: str
    authors: list[str]
    year: str
    container: str
    path: str
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    note: str = ""
    text: str = ""
    excerpts: dict[str, Excerpt] = field(default_factory=dict)

    @property
    def low_reliability(self) -> bool:
        """Marked by a note that starts "Low reliability": it may be quoted, never be sole support."""
        return self.note.lower().startswith("low reliability")


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str      # why this choice is right or wrong


@dataclass
class Question:
    """A self-check question; a true/false one has the two options "True" and "False"."""

    id: str
    kind: str          # single | multiple | truefalse
    prompt: str
    options: list[Option]
    explanation: str
    line: int = 0


@dataclass
class Page:
    slug: str
    title: str
    order: int
    summary: str
    body: str
    path: str
    body_line: int = 1          # line of the file where the body starts
    formerly: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)   # learners' questions the page answers
    ru: list[str] = field(default_factory=list)          # Russian names of its subject, shown and searched
    ru_summary: str = ""                                  # what it explains, in Russian: shown and searched
    ru_key_points: list[str] = field(default_factory=list)  # its key points in Russian: shown, not searched
    quiz: list[Question] = field(default_factory=list)    # content/quiz/<slug>.yaml


@dataclass
class Project:
    """Everything the site is built from, validated and cross-referenced."""

    sections: list[Section]
    terms: list[Term]
    sources: dict[str, Source]
    pages: list[Page]
    retired: dict[str, str] = field(default_factory=dict)   # old term id -> current id
    root: str = "."
    russian_words: dict[str, tuple[str, ...]] = field(default_factory=dict)   # English word -> Russian, for search

    def __post_init__(self) -> None:
        self.term_by_id = {t.id: t for t in self.terms}
        self.section_by_id = {s.id: s for s in self.sections}
        self.page_by_slug = {p.slug: p for p in self.pages}

    def resolve_term(self, ref: str) -> Term | None:
        term = self.term_by_id.get(ref)
        if term is not None:
            return term     # the common case (a retired id is never a current one)
        ref = ref.strip()
        ref = self.retired.get(ref, ref)
        return self.term_by_id.get(ref)

    def terms_in_section(self, section_id: str) -> list[Term]:
        return [t for t in self.terms if t.section == section_id]
