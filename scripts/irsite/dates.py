"""When did each term and page last change? Read from git history, in one call per file.

Used for the "Last changed" line and the citation blocks. Outside a git checkout (or for lines not
yet committed) the date falls back to today.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from .model import Project


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def line_dates(root: Path, rel_path: str) -> list[str]:
    """The commit date (YYYY-MM-DD) of every line of a file, from one ``git blame``."""
    out = _git(root, "blame", "--line-porcelain", "--", rel_path)
    if not out:
        return []
    dates: list[str] = []
    current = None
    today = date.today().isoformat()
    for line in out.splitlines():
        if line.startswith("committer-time "):
            current = datetime.fromtimestamp(int(line.split()[1]), tz=timezone.utc).date().isoformat()
        elif line.startswith("author ") and line == "author Not Committed Yet":
            current = today
        elif line.startswith("\t"):
            dates.append(current or today)
            current = None
    return dates


def term_dates(project: Project, glossary_path: str = "glossary.yaml") -> dict[str, str]:
    """Latest change date of each term's lines in glossary.yaml."""
    root = Path(project.root)
    per_line = line_dates(root, glossary_path)
    if not per_line:
        return {}
    starts = sorted((t.line, t.id) for t in project.terms)
    out: dict[str, str] = {}
    for i, (start, tid) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(per_line)
        span = per_line[max(start - 1, 0):end]
        if span:
            out[tid] = max(span)
    return out


def page_dates(project: Project) -> dict[str, str]:
    """Last commit date of each curated page file (one ``git log`` for all of them)."""
    root = Path(project.root)
    out = _git(root, "log", "--format=@%cs", "--name-only", "--", "content/pages")
    result: dict[str, str] = {}
    if out:
        current = None
        for line in out.splitlines():
            if line.startswith("@"):
                current = line[1:]
            elif line.strip() and current:
                slug = Path(line.strip()).stem
                result.setdefault(slug, current)
    status = _git(root, "status", "--porcelain", "--", "content/pages") or ""
    today = date.today().isoformat()
    for line in status.splitlines():
        result[Path(line[3:].strip()).stem] = today
    return result
