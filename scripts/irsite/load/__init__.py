"""Reading and checking: ``glossary.yaml`` and ``content/`` become one validated :class:`~irsite.model.Project`.

* :mod:`.read`: strict YAML (PyYAML, with line numbers; no anchors, duplicate keys or tabs);
* :mod:`.fields`: the keys and rules each kind of record follows;
* :mod:`.files`: reading each kind of file;
* :mod:`.check`: cross-checks over the whole model, and :func:`load_project`.

Every problem is collected (not just the first) and reported as ``path:line: what — fix``.
"""

from .check import load_project
from .fields import GLOSSARY, RESERVED_TERM_IDS

__all__ = ["GLOSSARY", "RESERVED_TERM_IDS", "load_project"]
