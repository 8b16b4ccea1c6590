"""Reading each kind of data file: the glossary, source records, topic pages and redirects."""

from __future__ import annotations

import re
from pathlib import Path

from .. import markup
from ..model import Excerpt, Page, Section, Source, Term
from ..problems import Problem
from .fields import (EXCERPT_KEYS, EXTERNAL_KEYS, GLOSSARY, LANGUAGES, PAGE_KEYS, REDIRECTS, RESERVED_TERM_IDS, RUSSIAN_WORDS,
                     SECTION_KEYS, SOURCE_KEYS, SOURCE_KINDS, TERM_KEYS, TEXTS_DIR, Checker, squeeze, _DOI)
from .read import LineDict, LineList, load_yaml_file, parse_yaml, read_text

# ---------------------------------------------------------------------------------------------
# Reading each kind of file


def read_glossary(root: Path, problems: list[Problem], unreadable: set[str]) -> tuple[list[Section], list[Term]]:
    check = Checker(GLOSSARY, problems)
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
        sid = check.record(item, SECTION_KEYS, what, "section id")
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
            term.translations = read_names(check, item, what)
        term.lines = dict.fromkeys(TERM_KEYS, item.line)  # type: ignore[attr-defined]
        term.lines.update((k, n) for k, n in item.lines.items() if k in TERM_KEYS)  # type: ignore[attr-defined]
        for key in ("term", "definition", "details"):
            check.safe(getattr(term, key), item.line_of(key), f"'{key}' of {what}")
        check.visible(term.term, item.line_of("term"), f"the name of {what}")
        for key, label in (("aliases", "alias"), ("spellings", "spelling")):
            for alias in getattr(term, key):
                check.safe(alias, item.line_of(key), f"{label} of {what}")
                check.visible(alias, item.line_of(key), f"{label} of {what}")
        if "sources" in item and not term.sources and not (isinstance(item["sources"], str) and item["sources"].strip()):
            check.add(item.line_of("sources"), f"{what} cites no source",
                      "add at least one source id to 'sources'")
        for old in term.formerly:
            check.ident(old, item.line_of("formerly"), "retired id")
        if "external" in item:
            term.external = read_external(check, item, what)
        terms.append(term)
    return sections, terms


def read_names(check: Checker, item: LineDict, what: str) -> dict[str, list[str]]:
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
            check.visible(name, names.line_of(lang), f"{LANGUAGES[lang]} name of {what}")
    return out


def read_external(check: Checker, item: LineDict, what: str) -> dict[str, list[str]]:
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


def read_source(root: Path, path: Path, problems: list[Problem], unreadable: set[str]) -> Source | None:
    shown = path.relative_to(root).as_posix()
    check = Checker(shown, problems)
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
    normal_text = squeeze(text_body) if text_body is not None else None
    if data.get("excerpts") == "":
        data.pop("excerpts")
    for i, item in check.items(data, "excerpts", "excerpt", "- id: …"):
        ewhat = f"excerpt '{item.get('id', i + 1)}' of {what}"
        eid = check.record(item, EXCERPT_KEYS, ewhat, "excerpt id")
        quote = check.text(item, "quote", ewhat)
        locator = check.text(item, "locator", ewhat)
        verdict = check.text(item, "verdict", ewhat, False)
        check.safe(quote, item.line_of("quote"), ewhat)
        check.safe(verdict, item.line_of("verdict"), f"'verdict' of {ewhat}")
        if eid in source.excerpts:
            check.add(item.line_of("id"), f"duplicate excerpt id '{eid}' in {what}", "give each excerpt its own id")
        if quote and normal_text is not None and squeeze(quote) not in normal_text:
            check.add(item.line_of("quote"), f"the quote of {ewhat} is not found verbatim in {TEXTS_DIR}/{source.text}",
                      "copy the words exactly from the source text (only spacing may differ)")
        source.excerpts[eid] = Excerpt(eid, quote, locator, item.line_of("id"), verdict, item.line_of("verdict"))
    return source


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return "", "", 0  # opened but never closed


def read_page(root: Path, path: Path, problems: list[Problem]) -> Page | None:
    shown = path.relative_to(root).as_posix()
    check = Checker(shown, problems)
    text = read_text(path, shown, problems)
    if text is None:
        return None
    slug = path.stem
    if not markup.ID_RE.match(slug):
        check.add(0, f"page file name '{path.name}' is not a valid slug",
                  "rename it with lower-case ASCII letters, digits and hyphens, e.g. my-topic.md")
        return None
    if slug in ("print", "index"):
        check.add(0, f"page file name '{path.name}' is reserved for a generated page (topics/{slug}/)",
                  "rename the file, e.g. my-topic.md")
        return None
    front, body, body_line = split_front_matter(text)
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
                body_line=body_line, questions=check.text_list(meta, "questions", "the front matter"),
                ru=check.text_list(meta, "ru", "the front matter"),
                ru_summary=check.text(meta, "ru_summary", "the front matter", required=False),
                ru_key_points=check.text_list(meta, "ru_key_points", "the front matter"))
    for key, items, what in (("questions", page.questions, "question"), ("ru", page.ru, "Russian name"),
                             ("ru_summary", [page.ru_summary] if page.ru_summary else [], "ru_summary"),
                             ("ru_key_points", page.ru_key_points, "Russian key point")):
        for item in items:
            check.safe(item, meta.line_of(key), what)
            check.visible(item, meta.line_of(key), what)
    if page.ru_summary and not markup.CYRILLIC.search(page.ru_summary):
        check.add(meta.line_of("ru_summary"), "ru_summary has no Russian words",
                  "write the page's summary in Russian, or leave ru_summary out")
    for point in page.ru_key_points:
        if not markup.CYRILLIC.search(point):
            check.add(meta.line_of("ru_key_points"), f"a Russian key point has no Russian words: '{point[:60]}'",
                      "write each of ru_key_points in Russian, or leave it out")
    page.summary_line = meta.line_of("summary")  # type: ignore[attr-defined]
    check.safe(page.title, meta.line_of("title"), "title")
    check.safe(page.summary, meta.line_of("summary"), "summary")
    for n, line in enumerate(body.split("\n"), start=body_line):
        for issue in markup.unsafe_markup(line):
            check.add(n, issue, markup.SAFETY_FIX)
        if re.match(r"^#\s", line):
            check.add(n, "a level-1 heading in the page body", "the title is the page's heading; use '## ' for sections")
    return page


def read_redirects(root: Path, problems: list[Problem]) -> dict[str, list[tuple[str, int]]]:
    """content/redirects.yaml: ``pages: {old-slug: new-slug}``. Returns new -> [(old, line)]."""
    path = root / REDIRECTS
    if not path.exists():
        return {}
    check = Checker(REDIRECTS, problems)
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


def read_russian_words(root: Path, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """content/russian-words.yaml: ``english-word: русское слово …`` (search only; optional)."""
    path = root / RUSSIAN_WORDS
    if not path.exists():
        return {}
    check = Checker(RUSSIAN_WORDS, problems)
    data = load_yaml_file(path, RUSSIAN_WORDS, problems)
    data = None if data is None else check.mapping(data, 1, "the Russian word list")
    out: dict[str, tuple[str, ...]] = {}
    for english, russian in (data or {}).items():
        line = data.line_of(english)
        if not re.fullmatch(r"[a-z]+", english) or isinstance(russian, (LineDict, LineList)) \
                or not re.fullmatch(r"[а-яё]+(?: [а-яё]+)*", str(russian or "")):
            check.add(line, f"'{english}' needs one lower-case English word and its Russian words",
                      "write e.g. 'athletes: спортсмен атлет' (lower case, Russian words separated by spaces)")
            continue
        out[english] = tuple(russian.split())
    return out
