"""Machine-readable renderings of the analysis across time: JSON (and CSV for the rights matrix).

Each JSON document is an object whose ``"schema"`` names its shape and version — ``legalgen.as-of/1``,
``legalgen.threads/1``, ``legalgen.matrix/1``, ``legalgen.genealogy/1`` — documented field by field in
``docs/json.md``. A version changes only when a field is removed or changes meaning; new fields may be
added within a version.

Output is deterministic: keys sorted, lists in the analysis's own stable order, dates as ISO strings, no
timestamps and nothing from the clock (``AsOf.today`` is deliberately left out), so the same records
give byte-identical output and think tanks can diff it.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> from legalgen.timeline import status_as_of
    >>> print(as_of_json(status_as_of(corpus, dt.date(1997, 6, 11))))
    {
      "after_records": false,
      "before_records": false,
      "date": "1997-06-11",
      "instruments": [
    ...
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Sequence
from enum import Enum
from typing import Any

from .genealogy import THRESHOLD, ClauseLink
from .render_text import basis_tag
from .timeline import AsOf, RightsMatrix, TopicThread

SCHEMA_AS_OF = "legalgen.as-of/1"
SCHEMA_THREADS = "legalgen.threads/1"
SCHEMA_MATRIX = "legalgen.matrix/1"
SCHEMA_GENEALOGY = "legalgen.genealogy/1"


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses → objects (field names as keys), tuples → lists, dates → ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def dumps(data: Any) -> str:
    """The one JSON style: UTF-8 text (no ``\\u`` escapes for Cyrillic), two-space indent, sorted keys."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def as_of_data(state: AsOf) -> dict[str, Any]:
    return {
        "schema": SCHEMA_AS_OF,
        "date": state.date.isoformat(),
        "records": {"first_signature": plain(state.first_signature), "last_event": plain(state.last_event)},
        "before_records": state.before_records,
        "after_records": state.after_records,
        "instruments": plain(state.instruments),
        "positions": plain(state.positions),
    }


def as_of_json(state: AsOf) -> str:
    """The ``legalgen.as-of/1`` document for ``state``."""
    return dumps(as_of_data(state))


def threads_json(threads: Sequence[TopicThread], until: dt.date | None = None) -> str:
    """The ``legalgen.threads/1`` document: one thread per topic, each with its scale and steps."""
    return dumps(
        {
            "schema": SCHEMA_THREADS,
            "until": plain(until),
            "threads": [
                {
                    "topic": t.topic,
                    "title": t.title,
                    "scale": [{"id": pid, "label": label} for pid, label in t.scale],
                    "steps": plain(t.steps),
                }
                for t in threads
            ],
        }
    )


def matrix_json(matrix: RightsMatrix) -> str:
    """The ``legalgen.matrix/1`` document: topics, columns, and one row of cells per topic."""
    return dumps(
        {
            "schema": SCHEMA_MATRIX,
            "by": matrix.by,
            "topics": [{"id": tid, "title": title} for tid, title in matrix.topics],
            "columns": plain(matrix.columns),
            "rows": [
                {"topic": tid, "cells": plain(row)} for (tid, _), row in zip(matrix.topics, matrix.rows, strict=True)
            ],
        }
    )


def matrix_csv(matrix: RightsMatrix) -> str:
    """The rights matrix as CSV: one row per topic, one column per instrument or year.

    Each cell reads ``label — pin cite [basis]; …`` (``[verbatim]``, ``[translation only]`` or
    ``[paraphrase only]``, with ``, incomplete`` when the wording was seen only in part); an empty cell
    means no position.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["topic", *(c.key for c in matrix.columns)])
    for (tid, _), row in zip(matrix.topics, matrix.rows, strict=True):
        cells = []
        for cell in row:
            if cell.label is None:
                cells.append("")
                continue
            cites = "; ".join(f"{c.pin_cite} {basis_tag(c)}" for s in cell.supports for c in s.citations)
            cells.append(f"{cell.label} — {cites}" if cites else cell.label)
        writer.writerow([tid, *cells])
    return buf.getvalue()


def genealogy_json(links: Sequence[ClauseLink], topic: str | None = None, threshold: float = THRESHOLD) -> str:
    """The ``legalgen.genealogy/1`` document: the links, and the topic filter and threshold used."""
    return dumps({"schema": SCHEMA_GENEALOGY, "topic": topic, "threshold": threshold, "links": plain(links)})


__all__ = [
    "SCHEMA_AS_OF",
    "SCHEMA_GENEALOGY",
    "SCHEMA_MATRIX",
    "SCHEMA_THREADS",
    "as_of_data",
    "as_of_json",
    "dumps",
    "genealogy_json",
    "matrix_csv",
    "matrix_json",
    "plain",
    "threads_json",
]
