"""Machine-readable renderings: the JSON documents of ``list``, ``show``, ``as-of``, ``thread``, ``matrix`` and
``genealogy``, and the rights matrix as CSV.

Each JSON document is an object whose ``"schema"`` names its shape and version — ``legalgen.as-of/2``,
``legalgen.threads/2``, ``legalgen.matrix/2``, ``legalgen.genealogy/1``, ``legalgen.list/1`` — declared as a
typed model in :mod:`legalgen.render.schemas`, which also gives its JSON Schema (``schema/*.schema.json``);
``docs/json.md`` explains the fields. A version changes only when a field is removed or changes meaning;
new fields may be added within a version. (``show`` prints the record itself, whose schema is
``schema/instrument.schema.json``, so that it can be read back as a record.)

Output is deterministic: keys sorted, lists in the analysis's own stable order, dates as ISO strings, no
timestamps and nothing from the clock (``AsOf.today`` is deliberately left out), so the same records
give byte-identical output and think tanks can diff it.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> from legalgen.analysis import status_as_of
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
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from legalgen.analysis import AsOf, RightsMatrix, TopicThread
from legalgen.analysis.genealogy import THRESHOLD, ClauseLink
from legalgen.records import Corpus, Instrument
from legalgen.render.schemas import (
    SCHEMA_AS_OF,
    SCHEMA_GENEALOGY,
    SCHEMA_LIST,
    SCHEMA_MATRIX,
    SCHEMA_THREADS,
    AsOfDocument,
    GenealogyDocument,
    ListDocument,
    ListedInstrument,
    MatrixDocument,
    ThreadEntry,
    ThreadsDocument,
    adapter,
)
from legalgen.views.words import basis_tag, evidence


def dumps(data: Any) -> str:
    """The one JSON style: UTF-8 text (no ``\\u`` escapes for Cyrillic), two-space indent, sorted keys."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def document_json(document: Any) -> str:
    """A typed document (:mod:`legalgen.render.schemas`) in the one JSON style: dates ISO, enums as values."""
    return dumps(adapter(type(document)).dump_python(document, mode="json"))


def as_of_data(state: AsOf) -> dict[str, Any]:
    """The ``legalgen.as-of/2`` document for ``state`` as plain data (what :func:`as_of_json` prints)."""
    data: dict[str, Any] = adapter(AsOfDocument).dump_python(AsOfDocument.of(state), mode="json")
    return data


def as_of_json(state: AsOf) -> str:
    """The ``legalgen.as-of/2`` document for ``state``."""
    return document_json(AsOfDocument.of(state))


def threads_json(threads: Sequence[TopicThread], until: dt.date | None = None) -> str:
    """The ``legalgen.threads/2`` document: one thread per topic, each with its dimensions and steps."""
    return document_json(ThreadsDocument(until, tuple(ThreadEntry.of(t) for t in threads)))


def thread_json(thread: TopicThread, until: dt.date | None = None) -> str:
    """The ``legalgen.threads/2`` document of one topic (``legalgen thread TOPIC --format json``)."""
    return threads_json([thread], until=until)


def matrix_json(matrix: RightsMatrix) -> str:
    """The ``legalgen.matrix/2`` document: topics, columns, and one row of cells per topic."""
    return document_json(MatrixDocument.of(matrix))


def matrix_csv(matrix: RightsMatrix) -> str:
    """The rights matrix as CSV: one row per topic and dimension, one column per instrument or year.

    Each cell reads ``value — pin cite [basis]; … {evidence: grade}`` (``[verbatim]``, ``[translation
    only]`` or ``[paraphrase only]``, with ``, incomplete`` when the wording was seen only in part); in a
    year column the pin cites name the instrument the value rests on. An empty cell means the dimension is
    not addressed.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["topic", "dimension", *(c.key for c in matrix.columns)])
    for (tid, _), row in zip(matrix.topics, matrix.rows, strict=True):
        for di, first in enumerate(row[0].dimensions if row else ()):
            cells = []
            for cell in row:
                d = cell.dimensions[di]
                if d.rests_on is None:
                    cells.append("")
                    continue
                cites = "; ".join(f"{c.pin_cite} {basis_tag(c)}" for c in d.rests_on.citations)
                cells.append(f"{d.value_label} — {cites} {{{evidence(d.grade)}}}")
            writer.writerow([tid, first.dimension, *cells])
    return buf.getvalue()


def genealogy_json(links: Sequence[ClauseLink], topic: str | None = None, threshold: float = THRESHOLD) -> str:
    """The ``legalgen.genealogy/1`` document: the links, and the topic filter and threshold used."""
    return document_json(GenealogyDocument(topic, threshold, tuple(links)))


def list_json(corpus: Corpus) -> str:
    """The ``legalgen.list/1`` document: every instrument's id, kind, signature date and titles."""
    return document_json(ListDocument(tuple(ListedInstrument.of(i) for i in corpus.instruments)))


def instrument_json(inst: Instrument) -> str:
    """The record itself (``legalgen show ID --format json``): valid against ``schema/instrument.schema.json``."""
    return inst.model_dump_json(indent=2, exclude_defaults=False) + "\n"


__all__ = [
    "SCHEMA_AS_OF",
    "SCHEMA_GENEALOGY",
    "SCHEMA_LIST",
    "SCHEMA_MATRIX",
    "SCHEMA_THREADS",
    "as_of_data",
    "as_of_json",
    "document_json",
    "dumps",
    "genealogy_json",
    "instrument_json",
    "list_json",
    "matrix_csv",
    "matrix_json",
    "thread_json",
    "threads_json",
]
