"""legalgen: compare legal instruments across time — the Python API.

A think tank's script uses the same four verbs as the ``legalgen`` command, one per pipeline stage:

1. **load** — :func:`load_corpus` reads the YAML records of a folder, validates each one and checks them
   against each other; every problem is reported at once as a :class:`RecordError`.
2. **analyse** — what the corpus says on a date and across time: :func:`status_as_of` (every
   instrument's status, every topic's position), :func:`position_on`, :func:`topic_thread` /
   :func:`topic_threads` (how a position changed, when, by which instrument), :func:`rights_matrix`,
   :func:`clause_genealogy` (clauses carried from one instrument to the next) and
   :func:`diff_instruments` (two instruments compared provision by provision).
3. **view** — :func:`report_view`, :func:`brief_view` and :func:`diff_view` decide every word a reader
   sees (dates written out, pin cites, quotations and paraphrases told apart).
4. **render** — :func:`render_html` and :func:`render_pdf` lay a view out with its template:
   ``"report.html"`` for a report view, ``"brief.html"`` for a brief, ``"diff.html"`` for a diff.

Run from the repository root (where ``treaties/`` is), the records of the Russia–Belarus series say that
the 1997 Charter ended when the 1999 Union State Treaty entered into force, and a brief says so in HTML:

>>> import datetime as dt
>>> from pathlib import Path
>>> import legalgen
>>> corpus = legalgen.load_corpus([Path("treaties")])
>>> state = legalgen.status_as_of(corpus, dt.date(2000, 1, 26))
>>> state.status("1997-charter").status.value, state.status("1997-charter").life.terminated.by
('terminated', '1999-union-state')
>>> day = dt.date(2025, 1, 1)
>>> view = legalgen.brief_view(corpus, "citizenship", as_of=day, generated=day)
>>> legalgen.render_html("brief.html", view).startswith("<!DOCTYPE html>")
True

The examples in the docstrings of these names run the same way: from the repository root, with ``dt``,
``Path`` and ``legalgen`` imported and ``corpus`` loaded as above.

Every error meant for a user is a :class:`LegalgenError`: its ``str()`` is one line (location first, fix
last) and its ``exit_code`` is the one the command line exits with.

Importing ``legalgen`` loads none of click, jinja2 or weasyprint: each name is imported from its stage
on first use, so a script that only analyses never starts the HTML or PDF machinery. The names in
``__all__`` and their signatures are the stable API (see the README); everything else, including the
modules of the subpackages, may change in any release.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legalgen.errors import LegalgenError, RecordError, RefusedError, RenderError, UnknownName
from legalgen.lazy import attribute

if TYPE_CHECKING:  # what mypy and editors see; at run time __getattr__ imports each name on first use
    from legalgen.analysis import (
        clause_genealogy,
        diff_instruments,
        position_on,
        rights_matrix,
        status_as_of,
        topic_thread,
        topic_threads,
    )
    from legalgen.records import Corpus, Instrument, Paraphrase, Provision, Verbatim, load_corpus
    from legalgen.render.html import render_html
    from legalgen.render.pdf import render_pdf
    from legalgen.views import brief_view, diff_view, report_view

# The one version number: setuptools reads it from here for the distribution (pyproject.toml).
__version__ = "0.1.0"

# Where each lazily imported name lives: the stage that owns it. A name is imported from its subpackage
# (the stage's public face); the renderers from their own modules, which are the only ones to import
# jinja2 and weasyprint.
_HOMES: dict[str, str] = {
    "load_corpus": "legalgen.records",
    "Corpus": "legalgen.records",
    "Instrument": "legalgen.records",
    "Provision": "legalgen.records",
    "Verbatim": "legalgen.records",
    "Paraphrase": "legalgen.records",
    "status_as_of": "legalgen.analysis",
    "position_on": "legalgen.analysis",
    "topic_thread": "legalgen.analysis",
    "topic_threads": "legalgen.analysis",
    "rights_matrix": "legalgen.analysis",
    "clause_genealogy": "legalgen.analysis",
    "diff_instruments": "legalgen.analysis",
    "report_view": "legalgen.views",
    "brief_view": "legalgen.views",
    "diff_view": "legalgen.views",
    "render_html": "legalgen.render.html",
    "render_pdf": "legalgen.render.pdf",
}

__all__ = [
    "Corpus",
    "Instrument",
    "LegalgenError",
    "Paraphrase",
    "Provision",
    "RecordError",
    "RefusedError",
    "RenderError",
    "UnknownName",
    "Verbatim",
    "brief_view",
    "clause_genealogy",
    "diff_instruments",
    "diff_view",
    "load_corpus",
    "position_on",
    "render_html",
    "render_pdf",
    "report_view",
    "rights_matrix",
    "status_as_of",
    "topic_thread",
    "topic_threads",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its stage the first time it is used (PEP 562), then keep it here."""
    return attribute(__name__, _HOMES, globals(), name)


def __dir__() -> list[str]:
    """Every public name, loaded or not, so ``dir(legalgen)`` and ``help(legalgen)`` show the whole API."""
    return sorted(set(globals()) | set(__all__))
