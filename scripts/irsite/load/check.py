"""Cross-checks over the whole model (ids, names, links, citations) and :func:`load_project`."""

from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path
from typing import Callable

from .. import markup
from ..model import Page, Project, Source
from ..problems import DataError, Problem
from .fields import GLOSSARY, PAGES_DIR, REDIRECTS, SOURCES_DIR
from .files import read_glossary, read_page, read_redirects, read_russian_words, read_source
from .quiz import QUIZ_DIR, Texts, read_quiz

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
                                                                   "glossary/print.md", "sources/index.md", "map.md",
                                                                   "topics/print.md", "downloads/index.md"}
    generated |= {f"glossary/{t}.md" for t in project.term_by_id} | {f"glossary/{t}.md" for t in project.retired}
    generated |= {f"glossary/sections/{s}.md" for s in project.section_by_id}
    generated |= {f"sources/{s}.md" for s in project.sources}
    generated |= {"glossary.json", "downloads/glossary.csv", "downloads/glossary-moodle.xml", "downloads/glossary-anki.txt",
                  "downloads/questions-moodle.xml", "downloads/questions.gift", "downloads/questions-anki.txt"}
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


def _unique(records: list, what: str, fix: str, problems: list[Problem]) -> dict[str, int]:
    """Report repeated ids; returns each id's first line."""
    first: dict[str, int] = {}
    for r in records:
        if r.id in first:
            problems.append(Problem(GLOSSARY, r.line, f"duplicate {what} id '{r.id}' (also on line {first[r.id]})", fix))
        first.setdefault(r.id, r.line)
    return first


def _cross_check(project: Project, problems: list[Problem], root: Path | None = None,
                 quiz_texts: dict[str, Texts] | None = None) -> None:
    _unique(project.sections, "section", "give each section its own id", problems)
    first_line = _unique(project.terms, "term", "term ids are permanent URLs and must be unique; rename one", problems)

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
        lines = t.lines  # type: ignore[attr-defined]
        named = [(t.term, "name", t.line)] + [(a, "alias", lines.get("aliases", t.line)) for a in t.aliases]
        named += [(n, "Russian name", lines.get("names", t.line)) for n in t.ru]
        named += [(n, "spelling", lines.get("spellings", t.line)) for n in t.spellings]
        own = set()
        for name, kind, line in named:
            key = markup.fold_name(name)
            if not key:
                continue
            if key in own:
                problems.append(Problem(GLOSSARY, line, f"term '{t.id}' lists '{name}' twice (names are compared ignoring case)",
                                        f"remove the repeated {kind}"))
                continue
            own.add(key)
            if key in owner and owner[key][0] != t.id:
                other, oline, okind = owner[key]
                problems.append(Problem(GLOSSARY, line,
                    f"{kind} '{name}' of term '{t.id}' is also the {okind} of term '{other}' (line {oline})",
                    "a name must lead to one term; remove it from one of them or make it more specific"))
            else:
                owner.setdefault(key, (t.id, line, kind))

    section_ids = set(project.section_by_id)
    unreliable = {sid for sid, s in project.sources.items() if s.low_reliability}
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
        for ex in src.excerpts.values():
            _check_links(ex.verdict, src.path, ex.verdict_line, f"verdict of excerpt '{ex.id}'", project, problems)

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
    for shown, texts in (quiz_texts or {}).items():
        for what, text, line in texts:
            _check_links(text, shown, line, what, project, problems)


# ---------------------------------------------------------------------------------------------


def load_project(root: str | Path = ".") -> Project:
    """Read and validate everything; raise :class:`DataError` listing every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    unreadable: set[str] = set()  # files that could not be parsed
    sections, terms = read_glossary(root, problems, unreadable)

    sources: dict[str, Source] = {}
    src_dir = root / SOURCES_DIR
    for path in sorted(src_dir.glob("*.yaml")) if src_dir.is_dir() else []:
        source = read_source(root, path, problems, unreadable)
        if source is not None:
            sources.setdefault(source.id, source)
    for path in sorted(src_dir.glob("*.yml")) if src_dir.is_dir() else []:
        problems.append(Problem(path.relative_to(root).as_posix(), 0, "source files must end in .yaml",
                                f"rename it to {path.stem}.yaml"))

    pages: list[Page] = []
    page_dir = root / PAGES_DIR
    for path in sorted(page_dir.glob("*.md")) if page_dir.is_dir() else []:
        page = read_page(root, path, problems)
        if page is not None:
            pages.append(page)
    pages.sort(key=lambda p: (p.order, p.slug))

    redirects = read_redirects(root, problems)
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

    quiz_texts: dict[str, Texts] = {}
    quiz_dir = root / QUIZ_DIR
    for path in sorted(quiz_dir.iterdir()) if quiz_dir.is_dir() else []:
        shown = path.relative_to(root).as_posix()
        page = next((p for p in pages if p.slug == path.stem), None)
        if path.suffix != ".yaml":
            problems.append(Problem(shown, 0, "question files must end in .yaml", f"rename it to {path.stem}.yaml"))
        elif page is None:
            moved = next((p.slug for p in pages if path.stem in p.formerly), None)
            problems.append(Problem(shown, 0, f"no topic page {PAGES_DIR}/{path.stem}.md for these questions",
                                    f"the page moved: rename this file to {QUIZ_DIR}/{moved}.yaml" if moved else
                                    f"name the file after the page's slug: {QUIZ_DIR}/<page-slug>.yaml"))
        else:
            read = read_quiz(root, path, problems)
            page.quiz = [q for q, _ in read]
            quiz_texts[shown] = [t for _, texts in read for t in texts]

    project = Project(sections, terms, sources, pages, root=str(root), russian_words=read_russian_words(root, problems))
    cross: list[Problem] = []
    _cross_check(project, cross, root, quiz_texts)
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
    for term in terms:   # a work cited in a term's text is among its sources, listed or not
        listed = {key.partition("#")[0] for key in term.sources}
        for text in (term.definition, term.details or ""):
            for m in markup.CITATION.finditer(text):
                for sid in (key.partition("#")[0] for key in markup.citation_keys(m.group(1))):
                    if sid not in listed:
                        listed.add(sid)
                        term.sources.append(sid)
    return project
