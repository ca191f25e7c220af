"""Analysis: what the corpus says across time, decided once for every output.

The questions a lawyer asks of a corpus of instruments, each answered by one function:

* :func:`status_as_of` — *what was the legal position on this date?* Which instruments were signed, in
  force, amended, terminated or of unestablished status, and for each topic and dimension the value then in
  force, the instrument and provisions it rests on and the grade of that evidence.
* :func:`topic_threads` — *how did the position on a topic change, and why?* The ordered periods of one
  position each, with the date of every change, its direction and the instrument that caused it.
* :func:`rights_matrix` — *who says what?* Topic × instrument (or topic × year) with each dimension's
  value and its citations in each cell.
* :func:`clause_genealogy` — *which provision carries a clause forward?*
* :func:`diff_instruments` — *what changed from one instrument to another?*

One module per job, each deciding its facts once: :mod:`~legalgen.analysis.citations` (pin cites and how
wording is known), :mod:`~legalgen.analysis.wording` (the wording measure and tokens),
:mod:`~legalgen.analysis.life` (dates and status — the rules are in its docstring),
:mod:`~legalgen.analysis.positions` (which assessments count on a date — the rules are in its docstring),
:mod:`~legalgen.analysis.threads`, :mod:`~legalgen.analysis.matrix`, :mod:`~legalgen.analysis.genealogy`
and :mod:`~legalgen.analysis.diff`.

Every function takes a :class:`~legalgen.records.Corpus` (or instruments) and returns frozen dataclasses;
nothing here reads the clock, imports a renderer or formats words for a reader (that is
:mod:`legalgen.views`), except the pin cite a lawyer writes, ``Charter of the Union (1997), art. 2``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legalgen.lazy import attribute

if TYPE_CHECKING:  # what mypy and editors see; at run time __getattr__ imports each module on first use
    from legalgen.analysis.citations import (
        Basis,
        Citation,
        Grade,
        SourceRef,
        cite,
        provision_basis,
        provision_grade,
        text_grade,
        weakest,
        weakest_grade,
    )
    from legalgen.analysis.diff import (
        InstrumentDiff,
        MetadataField,
        Operation,
        PositionChange,
        PositionSide,
        ProvisionPair,
        TextComparison,
        diff_instruments,
    )
    from legalgen.analysis.genealogy import ClauseLink, clause_genealogy
    from legalgen.analysis.life import Caveat, CaveatKind, DatedFact, EventType, Life, Qualification, Status, lives
    from legalgen.analysis.matrix import MatrixCell, MatrixColumn, RightsMatrix, rights_matrix
    from legalgen.analysis.positions import (
        AsOf,
        DimensionPosition,
        InstrumentStatus,
        Reliance,
        Support,
        TopicPosition,
        WindowEnd,
        WindowStart,
        position_on,
        status_as_of,
        supports,
        topic_of,
    )
    from legalgen.analysis.threads import (
        Cause,
        DimensionChange,
        Direction,
        ThreadDimension,
        ThreadStep,
        TopicThread,
        topic_thread,
        topic_threads,
    )

# Each name is imported from its module when first asked for, so that ``from legalgen.analysis.wording import
# THRESHOLD`` or ``legalgen genealogy`` does not load the diff, nor ``legalgen --help`` the whole analysis.
_HOMES = {
    "Basis": "legalgen.analysis.citations",
    "Citation": "legalgen.analysis.citations",
    "Grade": "legalgen.analysis.citations",
    "SourceRef": "legalgen.analysis.citations",
    "cite": "legalgen.analysis.citations",
    "provision_basis": "legalgen.analysis.citations",
    "provision_grade": "legalgen.analysis.citations",
    "text_grade": "legalgen.analysis.citations",
    "weakest": "legalgen.analysis.citations",
    "weakest_grade": "legalgen.analysis.citations",
    "InstrumentDiff": "legalgen.analysis.diff",
    "MetadataField": "legalgen.analysis.diff",
    "Operation": "legalgen.analysis.diff",
    "PositionChange": "legalgen.analysis.diff",
    "PositionSide": "legalgen.analysis.diff",
    "ProvisionPair": "legalgen.analysis.diff",
    "TextComparison": "legalgen.analysis.diff",
    "diff_instruments": "legalgen.analysis.diff",
    "ClauseLink": "legalgen.analysis.genealogy",
    "clause_genealogy": "legalgen.analysis.genealogy",
    "Caveat": "legalgen.analysis.life",
    "CaveatKind": "legalgen.analysis.life",
    "DatedFact": "legalgen.analysis.life",
    "EventType": "legalgen.analysis.life",
    "Life": "legalgen.analysis.life",
    "Qualification": "legalgen.analysis.life",
    "Status": "legalgen.analysis.life",
    "lives": "legalgen.analysis.life",
    "MatrixCell": "legalgen.analysis.matrix",
    "MatrixColumn": "legalgen.analysis.matrix",
    "RightsMatrix": "legalgen.analysis.matrix",
    "rights_matrix": "legalgen.analysis.matrix",
    "AsOf": "legalgen.analysis.positions",
    "DimensionPosition": "legalgen.analysis.positions",
    "InstrumentStatus": "legalgen.analysis.positions",
    "Reliance": "legalgen.analysis.positions",
    "Support": "legalgen.analysis.positions",
    "TopicPosition": "legalgen.analysis.positions",
    "WindowEnd": "legalgen.analysis.positions",
    "WindowStart": "legalgen.analysis.positions",
    "position_on": "legalgen.analysis.positions",
    "status_as_of": "legalgen.analysis.positions",
    "supports": "legalgen.analysis.positions",
    "topic_of": "legalgen.analysis.positions",
    "Cause": "legalgen.analysis.threads",
    "DimensionChange": "legalgen.analysis.threads",
    "Direction": "legalgen.analysis.threads",
    "ThreadDimension": "legalgen.analysis.threads",
    "ThreadStep": "legalgen.analysis.threads",
    "TopicThread": "legalgen.analysis.threads",
    "topic_thread": "legalgen.analysis.threads",
    "topic_threads": "legalgen.analysis.threads",
}


def __getattr__(name: str) -> Any:
    return attribute(__name__, _HOMES, globals(), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "AsOf",
    "Basis",
    "Cause",
    "Caveat",
    "CaveatKind",
    "Citation",
    "ClauseLink",
    "DatedFact",
    "DimensionChange",
    "DimensionPosition",
    "Direction",
    "EventType",
    "Grade",
    "InstrumentDiff",
    "InstrumentStatus",
    "Life",
    "MatrixCell",
    "MatrixColumn",
    "MetadataField",
    "Operation",
    "PositionChange",
    "PositionSide",
    "ProvisionPair",
    "Qualification",
    "Reliance",
    "RightsMatrix",
    "SourceRef",
    "Status",
    "Support",
    "TextComparison",
    "ThreadDimension",
    "ThreadStep",
    "TopicPosition",
    "TopicThread",
    "WindowEnd",
    "WindowStart",
    "cite",
    "clause_genealogy",
    "diff_instruments",
    "lives",
    "position_on",
    "provision_basis",
    "provision_grade",
    "rights_matrix",
    "status_as_of",
    "supports",
    "text_grade",
    "topic_of",
    "topic_thread",
    "topic_threads",
    "weakest",
    "weakest_grade",
]
