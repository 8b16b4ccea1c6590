"""The term-name search documents, computed in a second process while MkDocs renders the pages.

:func:`irsite.search.term_documents` works out every name form (Greek letters, spellings,
inflections, typing slips) of every term: about 0.3 ms per term, and nothing else in the build
needs it until the search index is written at the very end. On a machine with more than one CPU
the plugin starts ``python -m irsite.namedocs`` on its second CPU as soon as the data is loaded,
and collects the documents when MkDocs has rendered the pages.

The second process loads the data itself and returns, with the documents, a fingerprint of what
they were made from (every term's id, name and aliases, in order). The build uses them only if the
fingerprint matches its own data; if it does not (a file saved during the build), or the second
process fails for any reason, or the machine has one CPU, or the glossary is small (starting a
process then costs more than it saves), the documents are computed in the build's own process.
Either way they are the same documents (a test compares them). No MkDocs import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

from . import render, search, speed
from .loader import load_project
from .model import Project

# Below this many terms the documents take less time than starting a second Python process.
MIN_TERMS = 500
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


def fingerprint(project: Project) -> int:
    """A checksum of everything the documents depend on: each term's id and names, in order."""
    return zlib.crc32("\x1e".join("\x1f".join((t.id, *t.names)) for t in project.terms).encode("utf-8"))


class NameDocuments:
    """Started once the data is loaded; :meth:`result` gives the documents."""

    def __init__(self, root: Path, project: Project, typos: bool = True, min_terms: int = MIN_TERMS) -> None:
        self.project = project
        self.typos = typos
        self.proc: subprocess.Popen | None = None
        self.how = "in this process"
        if len(project.terms) < min_terms or (os.cpu_count() or 1) < 2:
            return
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH")) if p)
        cmd = [sys.executable, "-m", "irsite.namedocs", str(root)] + ([] if typos else ["--no-typos"])
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, env=env)
        except OSError:
            self.proc = None

    def result(self, timeout: float = 300) -> list[dict]:
        proc, self.proc = self.proc, None
        if proc is not None:
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                self.how = "in this process (the second process timed out)"
            else:
                if proc.returncode == 0:
                    try:
                        made_from, docs = json.loads(out)
                    except ValueError:
                        self.how = "in this process (the second process gave no valid result)"
                    else:
                        if made_from == fingerprint(self.project):
                            self.how = "in a second process"
                            return docs
                        self.how = "in this process (the glossary changed during the build)"
                else:
                    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
                    self.how = f"in this process (the second process failed: {last[0]})"
        return search.term_documents(self.project, render.term_url, self.typos)

    def close(self) -> None:
        """Stop the second process (a build that failed or was interrupted)."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.communicate()


def main(argv: list[str]) -> int:
    root, *flags = argv
    with speed.paused_gc():
        project = load_project(Path(root))
        docs = search.term_documents(project, render.term_url, "--no-typos" not in flags)
    out = json.dumps([fingerprint(project), docs], ensure_ascii=False, separators=(",", ":"))
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
