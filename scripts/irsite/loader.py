"""Load ``glossary.yaml`` and ``content/`` into a :class:`Project`, validating everything first.

Every problem is collected (not just the first) and reported as ``path:line: what — fix``.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable

from . import markup
from .model import Excerpt, Page, Project, Section, Source, Term
from .problems import DataError, Problem
from .yamlio import LineDict, LineList, load_yaml_file, parse_yaml, read_text

GLOSSARY = "glossary.yaml"
SOURCES_DIR = "content/sources"
TEXTS_DIR = "content/sources/text"
PAGES_DIR = "content/pages"
REDIRECTS = "content/redirects.yaml"

SOURCE_KINDS = ("article", "review", "web-passage", "guideline", "book-chapter", "database")
EXTERNAL_KEYS = ("mesh", "hgnc", "uniprot")
# Ids that would clash with generated pages under glossary/ and topics/.
RESERVED_TERM_IDS = {"sections", "print", "index", "search", "assets"}

TERM_KEYS = {
    "id": True, "term": True, "aliases": False, "section": True, "definition": True,
    "details": False, "related": False, "sources": True, "external": False, "formerly": False,
    "names": False, "spellings": False,
}
LANGUAGES = {"ru": "Russian"}
SECTION_KEYS = {"id": True, "title": True, "summary": True}
SOURCE_KEYS = {
    "id": True, "kind": True, "title": True, "authors": False, "year": True, "container": True,
    "volume": False, "issue": False, "pages": False, "doi": False, "pmid": False, "pmcid": False,
    "url": False, "note": False, "text": False, "excerpts": False,
}
EXCERPT_KEYS = {"id": True, "quote": True, "locator": True}
PAGE_KEYS = {"title": True, "order": True, "summary": True, "questions": False}

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


class _Checker:
    """Collects problems while reading one file's mappings."""

    def __init__(self, shown: str, problems: list[Problem]):
        self.shown = shown
        self.problems = problems

    def add(self, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.shown, line, message, fix))

    def mapping(self, value: Any, line: int, what: str) -> LineDict | None:
        if not isinstance(value, LineDict):
            self.add(getattr(value, "line", line), f"{what} must be a mapping of 'key: value' lines",
                     "indent its fields under it as 'key: value'")
            return None
        return value

    def keys(self, data: LineDict, allowed: dict[str, bool], what: str) -> None:
        if allowed.keys() >= data.keys() and all(key in data for key, required in allowed.items() if required):
            return  # the common case: nothing unknown, nothing missing
        misspelt = set()
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                self.add(data.line_of(key), f"unknown key '{key}' in {what}", fix)
                misspelt.update(close)
        for key, required in allowed.items():
            if required and key not in data and key not in misspelt:
                self.add(data.line, f"{what} has no '{key}'", f"add '{key}:' to it")

    def text(self, data: LineDict, key: str, what: str, required: bool = True) -> str:
        if key not in data:
            return ""
        value = data[key]
        if isinstance(value, (LineDict, LineList)):
            self.add(data.line_of(key), f"'{key}' of {what} must be text, not a list or mapping",
                     "write it as one line of text (quote it if it contains ': ')")
            return ""
        value = "" if value is None else str(value).strip()
        if required and not value:
            self.add(data.line_of(key), f"'{key}' of {what} is empty", f"write the {key}")
        return value

    def text_list(self, data: LineDict, key: str, what: str) -> list[str]:
        if key not in data or data[key] in ("", None):
            return []
        value = data[key]
        if isinstance(value, str):
            self.add(data.line_of(key), f"'{key}' of {what} must be a list",
                     f"write it as [a, b] or as '- a' lines under '{key}:'")
            return []
        if not isinstance(value, LineList):
            self.add(data.line_of(key), f"'{key}' of {what} must be a list", "write it as [a, b]")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (LineDict, LineList)) or item is None or not str(item).strip():
                self.add(value.line_of(i), f"item {i + 1} of '{key}' in {what} must be non-empty text",
                         "write plain text items")
                continue
            out.append(str(item).strip())
        return out

    def items(self, data: LineDict, key: str, what: str, example: str):
        """Yield (index, mapping) for each entry of the list ``data[key]``, reporting non-mappings."""
        raw = data.get(key)
        if raw is not None and not isinstance(raw, LineList):
            self.add(data.line_of(key), f"'{key}' must be a list", f"write each {what} as '{example}'")
            return
        for i, entry in enumerate(raw or []):
            item = self.mapping(entry, raw.line_of(i), f"{what} {i + 1}")
            if item is not None:
                yield i, item

    def ident(self, value: str, line: int, what: str) -> bool:
        if value and not markup.ID_RE.match(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", markup.sort_key(value)).strip("-")
            self.add(line, f"{what} '{value}' is not a valid id",
                     f"use lower-case ASCII letters, digits and single hyphens, e.g. '{suggestion}'")
            return False
        return bool(value)

    def safe(self, value: str, line: int, what: str) -> None:
        for issue in markup.unsafe_markup(value):
            self.add(line, f"{what}: {issue}", markup.SAFETY_FIX)


# ---------------------------------------------------------------------------------------------
# Reading each kind of file


def _read_glossary(root: Path, problems: list[Problem], unreadable: set[str]) -> tuple[list[Section], list[Term]]:
    check = _Checker(GLOSSARY, problems)
    data = load_yaml_file(root / GLOSSARY, GLOSSARY, problems)
    if data is None:
        unreadable.add(GLOSSARY)
        return [], []
    data = check.mapping(data, 1, "the glossary file")
    if data is None:
        return [], []
    check.keys(data, {"sections": True, "terms": True}, "the glossary file")

    sections: list[Section] = []
    for i, item in check.items(data, "sections", "section", "- id: …"):
        what = f"section '{item.get('id', i + 1)}'"
        check.keys(item, SECTION_KEYS, what)
        sid = check.text(item, "id", what)
        check.ident(sid, item.line_of("id"), "section id")
        title = check.text(item, "title", what)
        summary = check.text(item, "summary", what)
        check.safe(summary, item.line_of("summary"), f"summary of {what}")
        section = Section(sid, title, summary, item.line)
        section.summary_line = item.line_of("summary")  # type: ignore[attr-defined]
        sections.append(section)

    terms: list[Term] = []
    for i, item in check.items(data, "terms", "term", "- id: …"):
        what = f"term '{item.get('id', i + 1)}'"
        check.keys(item, TERM_KEYS, what)
        tid = check.text(item, "id", what)
        check.ident(tid, item.line_of("id"), "term id")
        if tid in RESERVED_TERM_IDS:
            check.add(item.line_of("id"), f"term id '{tid}' is reserved for a generated page",
                      "choose another id")
        term = Term(
            id=tid,
            term=check.text(item, "term", what),
            aliases=check.text_list(item, "aliases", what),
            section=check.text(item, "section", what),
            definition=check.text(item, "definition", what),
            details=check.text(item, "details", what, required=False),
            related=check.text_list(item, "related", what),
            sources=check.text_list(item, "sources", what),
            formerly=check.text_list(item, "formerly", what),
            spellings=check.text_list(item, "spellings", what),
            line=item.line,
        )
        if "names" in item:
            term.translations = _read_names(check, item, what)
        term.lines = dict.fromkeys(TERM_KEYS, item.line)  # type: ignore[attr-defined]
        term.lines.update((k, n) for k, n in item.lines.items() if k in TERM_KEYS)  # type: ignore[attr-defined]
        for key in ("term", "definition", "details"):
            check.safe(getattr(term, key), item.line_of(key), f"'{key}' of {what}")
        for key in ("aliases", "spellings"):
            for alias in getattr(term, key):
                check.safe(alias, item.line_of(key), f"{key[:-1]} of {what}")
        if "sources" in item and not term.sources and not (isinstance(item["sources"], str) and item["sources"].strip()):
            check.add(item.line_of("sources"), f"{what} cites no source",
                      "add at least one source id to 'sources'")
        for old in term.formerly:
            check.ident(old, item.line_of("formerly"), "retired id")
        if "external" in item:
            term.external = _read_external(check, item, what)
        terms.append(term)
    return sections, terms


def _read_names(check: _Checker, item: LineDict, what: str) -> dict[str, list[str]]:
    names = check.mapping(item["names"], item.line_of("names"), f"'names' of {what}")
    if names is None:
        return {}
    out: dict[str, list[str]] = {}
    for lang in names:
        if lang not in LANGUAGES:
            check.add(names.line_of(lang), f"unknown language '{lang}' in 'names' of {what}",
                      f"use a language code from: {', '.join(LANGUAGES)}")
            continue
        out[lang] = check.text_list(names, lang, f"'names' of {what}")
        for name in out[lang]:
            check.safe(name, names.line_of(lang), f"{LANGUAGES[lang]} name of {what}")
    return out


def _read_external(check: _Checker, item: LineDict, what: str) -> dict[str, list[str]]:
    ext = item["external"]
    line = item.line_of("external")
    if not isinstance(ext, LineDict):
        check.add(line, f"'external' of {what} must be a mapping", "e.g. {mesh: D014409, hgnc: TNF}")
        return {}
    check.keys(ext, dict.fromkeys(EXTERNAL_KEYS, False), f"'external' of {what}")
    out: dict[str, list[str]] = {}
    patterns = {
        "mesh": (re.compile(r"^D\d{6,9}$"), "MeSH descriptor ids look like D014409"),
        "hgnc": (re.compile(r"^[A-Z0-9][A-Za-z0-9-]*$"), "HGNC symbols look like TNF or PIK3CA"),
        "uniprot": (re.compile(r"^[A-Z0-9]{6,10}$"), "UniProt accessions look like P01375"),
    }
    for key in EXTERNAL_KEYS:
        if key not in ext:
            continue
        value = ext[key]
        values = [str(v).strip() for v in value] if isinstance(value, LineList) else [str(value).strip()]
        pattern, hint = patterns[key]
        for v in values:
            if not pattern.match(v):
                check.add(ext.line_of(key), f"'{v}' is not a valid {key} identifier in {what}", hint)
        out[key] = [v for v in values if v]
    return out


def _read_source(root: Path, path: Path, problems: list[Problem], unreadable: set[str]) -> Source | None:
    shown = path.relative_to(root).as_posix()
    check = _Checker(shown, problems)
    data = load_yaml_file(path, shown, problems)
    if data is None:
        unreadable.add(shown)
        return None
    data = check.mapping(data, 1, "a source file")
    if data is None:
        unreadable.add(shown)
        return None
    sid = check.text(data, "id", "the source")
    what = f"source '{sid or path.stem}'"
    check.keys(data, SOURCE_KEYS, what)
    if check.ident(sid, data.line_of("id"), "source id") and sid != path.stem:
        check.add(data.line_of("id"), f"source id '{sid}' does not match its file name '{path.name}'",
                  f"rename the file to {sid}.yaml or set 'id: {path.stem}'")
    kind = check.text(data, "kind", what)
    if kind and kind not in SOURCE_KINDS:
        check.add(data.line_of("kind"), f"unknown kind '{kind}' in {what}", f"use one of: {', '.join(SOURCE_KINDS)}")
    authors = check.text_list(data, "authors", what)
    if "authors" in data and not authors and not isinstance(data["authors"], str):
        check.add(data.line_of("authors"), f"{what} lists no authors", "add at least one author")
    year = check.text(data, "year", what)
    if year and not (re.fullmatch(r"\d{4}", year) or year == "n.d."):
        check.add(data.line_of("year"), f"year '{year}' of {what} is not a year", "write four digits, or n.d. when unknown")
    source = Source(
        id=sid or path.stem, kind=kind, title=check.text(data, "title", what), authors=authors,
        year=year, container=check.text(data, "container", what), path=shown,
        volume=check.text(data, "volume", what, False), issue=check.text(data, "issue", what, False),
        pages=check.text(data, "pages", what, False), doi=check.text(data, "doi", what, False),
        pmid=check.text(data, "pmid", what, False), pmcid=check.text(data, "pmcid", what, False),
        url=check.text(data, "url", what, False), note=check.text(data, "note", what, False),
        text=check.text(data, "text", what, False),
    )
    source.line = data.line  # type: ignore[attr-defined]
    source.note_line = data.line_of("note")  # type: ignore[attr-defined]
    if source.doi and not _DOI.match(source.doi):
        check.add(data.line_of("doi"), f"'{source.doi}' is not a DOI", "write it as 10.xxxx/…, without https://doi.org/")
    if source.pmid and not source.pmid.isdigit():
        check.add(data.line_of("pmid"), f"PMID '{source.pmid}' must be digits only", "e.g. pmid: \"30067154\"")
    if source.pmcid and not re.fullmatch(r"PMC\d+", source.pmcid):
        check.add(data.line_of("pmcid"), f"'{source.pmcid}' is not a PMCID", "e.g. PMC6170977")
    if source.url and not re.match(r"^https?://[^\s<>\"]+$", source.url):
        check.add(data.line_of("url"), f"'{source.url}' is not a web address", "use an https:// address")
    for key in ("title", "container", "note"):
        check.safe(getattr(source, key), data.line_of(key), f"'{key}' of {what}")

    text_body = None
    if source.text:
        text_path = (root / TEXTS_DIR / source.text).resolve()
        base = (root / TEXTS_DIR).resolve()
        if base not in text_path.parents:
            check.add(data.line_of("text"), f"text file '{source.text}' is outside {TEXTS_DIR}/",
                      f"put the source text under {TEXTS_DIR}/ and give its file name")
        elif not text_path.is_file():
            check.add(data.line_of("text"), f"text file '{source.text}' of {what} was not found in {TEXTS_DIR}/",
                      f"put the source text at {TEXTS_DIR}/{source.text} or correct the file name")
        else:
            text_body = read_text(text_path, f"{TEXTS_DIR}/{source.text}", problems)

    if data.get("excerpts") and not source.text:
        check.add(data.line_of("excerpts"), f"{what} has excerpts but no 'text' to check them against",
                  f"add 'text: <file>' naming the source text under {TEXTS_DIR}/, or cite it without quoting")
    normal_text = _squeeze(text_body) if text_body is not None else None
    if data.get("excerpts") == "":
        data.pop("excerpts")
    for i, item in check.items(data, "excerpts", "excerpt", "- id: …"):
        ewhat = f"excerpt '{item.get('id', i + 1)}' of {what}"
        check.keys(item, EXCERPT_KEYS, ewhat)
        eid = check.text(item, "id", ewhat)
        check.ident(eid, item.line_of("id"), "excerpt id")
        quote = check.text(item, "quote", ewhat)
        locator = check.text(item, "locator", ewhat)
        check.safe(quote, item.line_of("quote"), ewhat)
        if eid in source.excerpts:
            check.add(item.line_of("id"), f"duplicate excerpt id '{eid}' in {what}", "give each excerpt its own id")
        if quote and normal_text is not None and _squeeze(quote) not in normal_text:
            check.add(item.line_of("quote"), f"the quote of {ewhat} is not found verbatim in {TEXTS_DIR}/{source.text}",
                      "copy the words exactly from the source text (only spacing may differ)")
        source.excerpts[eid] = Excerpt(eid, quote, locator, item.line_of("id"))
    return source


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return "", "", 0  # opened but never closed


def _read_page(root: Path, path: Path, problems: list[Problem]) -> Page | None:
    shown = path.relative_to(root).as_posix()
    check = _Checker(shown, problems)
    text = read_text(path, shown, problems)
    if text is None:
        return None
    slug = path.stem
    if not markup.ID_RE.match(slug):
        check.add(0, f"page file name '{path.name}' is not a valid slug",
                  "rename it with lower-case ASCII letters, digits and hyphens, e.g. my-topic.md")
        return None
    front, body, body_line = _split_front_matter(text)
    if front is None:
        check.add(1, "page has no front matter", "start the file with '---', then title:, order:, summary:, then '---'")
        return None
    if body_line == 0:
        check.add(1, "front matter is not closed", "add a line '---' after the summary")
        return None
    local: list[Problem] = []
    meta = parse_yaml(front, shown, local) if front.strip() else None
    if local:
        for p in local:  # front matter lines are offset by the opening '---'
            problems.append(Problem(p.path, p.line + 1 if p.line else 1, p.message.replace("file is empty", "front matter is empty"), p.fix))
        return None
    if not isinstance(meta, LineDict):
        check.add(1, "front matter must be 'key: value' lines", "give title:, order: and summary:")
        return None
    for key in list(meta.lines):
        meta.lines[key] += 1
    meta.line += 1
    check.keys(meta, PAGE_KEYS, "the front matter")
    order_text = check.text(meta, "order", "the front matter")
    order = 0
    if order_text:
        if re.fullmatch(r"\d+", order_text):
            order = int(order_text)
        else:
            check.add(meta.line_of("order"), f"order '{order_text}' is not a whole number", "e.g. order: 3")
    page = Page(slug=slug, title=check.text(meta, "title", "the front matter"), order=order,
                summary=check.text(meta, "summary", "the front matter"), body=body, path=shown,
                body_line=body_line, questions=check.text_list(meta, "questions", "the front matter"))
    for question in page.questions:
        check.safe(question, meta.line_of("questions"), "question")
    page.summary_line = meta.line_of("summary")  # type: ignore[attr-defined]
    check.safe(page.title, meta.line_of("title"), "title")
    check.safe(page.summary, meta.line_of("summary"), "summary")
    for n, line in enumerate(body.split("\n"), start=body_line):
        for issue in markup.unsafe_markup(line):
            check.add(n, issue, markup.SAFETY_FIX)
        if re.match(r"^#\s", line):
            check.add(n, "a level-1 heading in the page body", "the title is the page's heading; use '## ' for sections")
    return page


def _read_redirects(root: Path, problems: list[Problem]) -> dict[str, list[tuple[str, int]]]:
    """content/redirects.yaml: ``pages: {old-slug: new-slug}``. Returns new -> [(old, line)]."""
    path = root / REDIRECTS
    if not path.exists():
        return {}
    check = _Checker(REDIRECTS, problems)
    data = load_yaml_file(path, REDIRECTS, problems)
    if data is None:
        return {}
    data = check.mapping(data, 1, "the redirects file")
    if data is None:
        return {}
    check.keys(data, {"pages": False}, "the redirects file")
    pages = data.get("pages") or LineDict()
    if not isinstance(pages, LineDict):
        check.add(data.line_of("pages"), "'pages' must map old slugs to new slugs", "e.g. old-topic: new-topic")
        return {}
    out: dict[str, list[tuple[str, int]]] = {}
    for old, new in pages.items():
        line = pages.line_of(old)
        if isinstance(new, (LineDict, LineList)) or not str(new).strip():
            check.add(line, f"redirect '{old}' needs one new slug", "e.g. old-topic: new-topic")
            continue
        if check.ident(old, line, "old slug") and check.ident(str(new), line, "new slug"):
            out.setdefault(str(new).strip(), []).append((old, line))
    return out


# ---------------------------------------------------------------------------------------------
# Cross-checks


def _check_links(text: str, shown: str, line: int, what: str, project: Project,
                 problems: list[Problem], line_of: Callable[[int], int] | None = None) -> None:
    """Term links and citations in ``text`` must point at existing terms, sources and excerpts."""
    def at(pos: int) -> int:
        return line_of(text.count("\n", 0, pos)) if line_of else line

    if "[" not in text and "!quote" not in text:
        return  # no term link, citation or quote line (the common case for short texts)
    for m in markup.TERM_LINK.finditer(text) if "[[" in text else ():
        ref = m.group(1)
        if project.resolve_term(ref) is None:
            close = difflib.get_close_matches(ref, list(project.term_by_id), n=1)
            fix = f"did you mean [[{close[0]}]]?" if close else "use the id of an existing term (see glossary.yaml)"
            problems.append(Problem(shown, at(m.start()), f"{what}: unknown term [[{ref}]]", fix))
    for m in markup.CITATION.finditer(text) if "[@" in text else ():
        for key in markup.citation_keys(m.group(1)):
            _check_source_ref(key, shown, at(m.start()), what, project, problems)
    for m in markup.QUOTE_LINE.finditer(text) if "!quote" in text else ():
        key = m.group(2)
        if "#" not in key:
            problems.append(Problem(shown, at(m.start()), f"{what}: '!quote {key}' names no excerpt",
                                    "write '!quote source-id#excerpt-id'"))
        else:
            _check_source_ref(key, shown, at(m.start()), what, project, problems)


def _check_source_ref(key: str, shown: str, line: int, what: str, project: Project,
                      problems: list[Problem]) -> None:
    sid, _, eid = key.partition("#")
    source = project.sources.get(sid)
    if source is None:
        close = difflib.get_close_matches(sid, list(project.sources), n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"add {SOURCES_DIR}/{sid}.yaml or correct the id"
        problems.append(Problem(shown, line, f"{what}: unknown source '{sid}'", fix))
    elif eid and eid not in source.excerpts:
        known = ", ".join(source.excerpts) or "none"
        problems.append(Problem(shown, line, f"{what}: source '{sid}' has no excerpt '{eid}'",
                                f"its excerpts are: {known}"))


_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _generated_paths(project: Project) -> set[str]:
    """The docs paths of every page and file the build generates."""
    generated = {f"topics/{p.slug}.md" for p in project.pages} | {"topics/index.md", "glossary/index.md",
                                                                   "glossary/print.md", "sources/index.md"}
    generated |= {f"glossary/{t}.md" for t in project.term_by_id} | {f"glossary/{t}.md" for t in project.retired}
    generated |= {f"glossary/sections/{s}.md" for s in project.section_by_id}
    generated |= {f"sources/{s}.md" for s in project.sources}
    generated |= {"glossary.json", "downloads/glossary.csv", "downloads/glossary-moodle.xml"}
    return generated


def _check_page_links(project: Project, page, root: Path, problems: list[Problem], generated: set[str]) -> None:
    """Relative links in a topic page must reach another page, a generated page or a docs/ file."""
    for pattern, kind in ((_MD_LINK, "link"), (_IMAGE, "image")):
        for m in pattern.finditer(page.body):
            target = m.group(1)
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^mailto:", target, re.I):
                continue
            path = target.split("#", 1)[0]
            if not path:
                continue
            resolved = posixpath.normpath(posixpath.join("topics", path))
            if resolved in generated or (root / "docs" / resolved).exists():
                continue
            line = page.body_line + page.body.count("\n", 0, m.start())
            fix = ("link another topic page as [text](other-slug.md), a term as [[term-id]], "
                   "a source with [@source-id]; images live under docs/assets/ (../assets/…)")
            problems.append(Problem(page.path, line, f"{kind} target '{target}' does not exist", fix))


def _cross_check(project: Project, problems: list[Problem], root: Path | None = None,
                 skip: set[str] | None = None) -> None:
    seen: dict[str, int] = {}
    for s in project.sections:
        if s.id in seen:
            problems.append(Problem(GLOSSARY, s.line, f"duplicate section id '{s.id}' (also on line {seen[s.id]})",
                                    "give each section its own id"))
        seen.setdefault(s.id, s.line)

    first_line: dict[str, int] = {}
    for t in project.terms:
        if t.id in first_line:
            problems.append(Problem(GLOSSARY, t.line, f"duplicate term id '{t.id}' (also on line {first_line[t.id]})",
                                    "term ids are permanent URLs and must be unique; rename one"))
        first_line.setdefault(t.id, t.line)

    # Retired ids: never reused, never shared.
    retired_at: dict[str, tuple[str, int]] = {}
    for t in project.terms:
        for old in t.formerly:
            line = t.lines.get("formerly", t.line)  # type: ignore[attr-defined]
            if old in project.term_by_id:
                problems.append(Problem(GLOSSARY, line,
                    f"retired id '{old}' of term '{t.id}' is used again by term '{old}' (line {first_line.get(old, 0)})",
                    "a retired id keeps redirecting to its term forever; give the other term a new id"))
            elif old in retired_at and retired_at[old][0] != t.id:
                problems.append(Problem(GLOSSARY, line,
                    f"retired id '{old}' is claimed by both '{retired_at[old][0]}' (line {retired_at[old][1]}) and '{t.id}'",
                    "a retired id can redirect to one term only; remove it from one of them"))
            retired_at.setdefault(old, (t.id, line))
    project.retired = {old: tid for old, (tid, _) in retired_at.items() if old not in project.term_by_id}

    # Names and aliases: no name may point at two terms.
    owner: dict[str, tuple[str, int, str]] = {}
    for t in project.terms:
        line = t.lines.get("aliases", t.line)  # type: ignore[attr-defined]
        own = set()
        for i, name in enumerate(t.all_names):
            key = markup.fold_name(name)
            if not key:
                continue
            kind = "name" if i == 0 else "alias" if i < len(t.names) else "other name"
            if key in own:
                problems.append(Problem(GLOSSARY, line, f"term '{t.id}' lists '{name}' twice (names are compared ignoring case)",
                                        "remove the repeated alias"))
                continue
            own.add(key)
            if key in owner and owner[key][0] != t.id:
                other, oline, okind = owner[key]
                problems.append(Problem(GLOSSARY, line if kind == "alias" else t.line,
                    f"{kind} '{name}' of term '{t.id}' is also the {okind} of term '{other}' (line {oline})",
                    "a name must lead to one term; remove it from one of them or make it more specific"))
            else:
                owner.setdefault(key, (t.id, line if kind == "alias" else t.line, kind))

    section_ids = set(project.section_by_id)
    unreliable = _unreliable_sources(project)
    for t in project.terms:
        lines = t.lines  # type: ignore[attr-defined]
        if t.section and t.section not in section_ids:
            close = difflib.get_close_matches(t.section, list(section_ids), n=1)
            problems.append(Problem(GLOSSARY, lines.get("section", t.line), f"term '{t.id}': unknown section '{t.section}'",
                                    f"did you mean '{close[0]}'?" if close else "add the section under 'sections:' or correct it"))
        for ref in t.related:
            target = project.resolve_term(ref)
            if target is None:
                close = difflib.get_close_matches(ref, list(project.term_by_id), n=1)
                problems.append(Problem(GLOSSARY, lines.get("related", t.line), f"term '{t.id}': unknown related term '{ref}'",
                                        f"did you mean '{close[0]}'?" if close else "use the id of an existing term"))
            elif target.id == t.id:
                problems.append(Problem(GLOSSARY, lines.get("related", t.line), f"term '{t.id}' lists itself as related",
                                        "remove it from 'related'"))
        for key in t.sources:
            _check_source_ref(key, GLOSSARY, lines.get("sources", t.line), f"term '{t.id}'", project, problems)
        if t.sources and all(k.partition("#")[0] in unreliable for k in t.sources):
            problems.append(Problem(GLOSSARY, lines.get("sources", t.line),
                f"term '{t.id}' is supported only by low-reliability sources ({', '.join(t.sources)})",
                "add a peer-reviewed reference from content/sources/"))
        for field_name in ("definition", "details"):
            _check_links(getattr(t, field_name), GLOSSARY, lines.get(field_name, t.line),
                         f"{field_name} of term '{t.id}'", project, problems)

    for s in project.sections:
        _check_links(s.summary, GLOSSARY, getattr(s, "summary_line", s.line), f"summary of section '{s.id}'",
                     project, problems)
    for src in project.sources.values():
        _check_links(src.note, src.path, getattr(src, "note_line", 1), f"note of source '{src.id}'", project, problems)

    slugs: dict[str, str] = {}
    generated = _generated_paths(project) if root is not None and project.pages else set()
    for p in project.pages:
        if p.slug in slugs:
            problems.append(Problem(p.path, 1, f"duplicate page slug '{p.slug}' (also {slugs[p.slug]})", "rename one file"))
        slugs.setdefault(p.slug, p.path)
        _check_links(p.summary, p.path, getattr(p, "summary_line", 2), "summary", project, problems)
        _check_links(p.body, p.path, p.body_line, "page", project, problems,
                     line_of=lambda n, base=p.body_line: base + n)
        if root is not None:
            _check_page_links(project, p, root, problems, generated)


def _unreliable_sources(project: Project) -> set[str]:
    """Sources whose note marks them as low reliability (may be quoted, never sole support)."""
    return {sid for sid, s in project.sources.items() if s.note.lower().startswith("low reliability")}


# ---------------------------------------------------------------------------------------------


def load_project(root: str | Path = ".") -> Project:
    """Read and validate everything; raise :class:`DataError` listing every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    unreadable: set[str] = set()  # files that could not be parsed
    sections, terms = _read_glossary(root, problems, unreadable)

    sources: dict[str, Source] = {}
    src_dir = root / SOURCES_DIR
    for path in sorted(src_dir.glob("*.yaml")) if src_dir.is_dir() else []:
        source = _read_source(root, path, problems, unreadable)
        if source is not None:
            sources.setdefault(source.id, source)
    for path in sorted(src_dir.glob("*.yml")) if src_dir.is_dir() else []:
        problems.append(Problem(path.relative_to(root).as_posix(), 0, "source files must end in .yaml",
                                f"rename it to {path.stem}.yaml"))

    pages: list[Page] = []
    page_dir = root / PAGES_DIR
    for path in sorted(page_dir.glob("*.md")) if page_dir.is_dir() else []:
        page = _read_page(root, path, problems)
        if page is not None:
            pages.append(page)
    pages.sort(key=lambda p: (p.order, p.slug))

    redirects = _read_redirects(root, problems)
    page_slugs = {p.slug for p in pages}
    for new, olds in redirects.items():
        for old, line in olds:
            if new not in page_slugs:
                problems.append(Problem(REDIRECTS, line, f"redirect target '{new}' is not a page in {PAGES_DIR}/",
                                        "point it at an existing page slug"))
            elif old in page_slugs:
                problems.append(Problem(REDIRECTS, line, f"old slug '{old}' is still a page ({PAGES_DIR}/{old}.md)",
                                        "a moved page's old slug cannot be reused; remove the redirect or rename the page"))
            else:
                next(p for p in pages if p.slug == new).formerly.append(old)

    project = Project(sections, terms, sources, pages, root=str(root))
    cross: list[Problem] = []
    _cross_check(project, cross, root)
    # A file that could not be read makes every reference to its contents look unknown; report the
    # cause, not the knock-on effects.
    glossary_failed = GLOSSARY in unreadable
    failed_sources = {Path(p).stem for p in unreadable if p.startswith(SOURCES_DIR + "/")}
    for p in cross:
        if glossary_failed and ("unknown term" in p.message or "unknown related" in p.message or "unknown section" in p.message):
            continue
        if any(f"unknown source '{sid}'" in p.message for sid in failed_sources):
            continue
        problems.append(p)
    if problems:
        raise DataError(problems)
    return project
