"""Problems found in the project's data, reported as ``path:line: what is wrong — how to fix it``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" — {self.fix}"
        return text


class DataError(Exception):
    """Raised when the data has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in glossary.yaml and content/ (the site was not built; fix them and build again):"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
