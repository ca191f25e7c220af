"""The rights matrix: *who says what?* Topic × instrument (or topic × year), dimension by dimension.

A cell of the by-year matrix holds the composed position in force at the end of that year, each dimension
with the instrument it rests on; a cell of the by-instrument matrix holds what that instrument itself
codes. Several dimensions — resting on several instruments — hold at once in one cell:

    >>> m = rights_matrix(corpus, by="year")
    >>> [(d.dimension, d.value) for d in m.cell("citizenship", "2025").addressed]
    [('union-citizenship', 'established'), ('equal-rights', 'general-unless-provided')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from legalgen.analysis.life import record_bounds
from legalgen.analysis.positions import Composed, DimensionPosition, Support, position_among, supports
from legalgen.errors import UnknownName
from legalgen.records import Corpus, Topic


@dataclass(frozen=True)
class MatrixColumn:
    """A column of the rights matrix: an instrument (``key`` = its id) or a year (``key`` = ``"1997"``).

    ``date`` is the instrument's signature or the date a year column is read on (31 December).
    """

    key: str
    label: str
    date: dt.date | None


@dataclass(frozen=True)
class MatrixCell(Composed):
    """One topic × column cell: one :class:`DimensionPosition` per dimension of the topic.

    For an instrument column a dimension's ``rests_on`` is the instrument's own code (``None``: it does not
    address it); for a year column it is the governing code in force on 31 December.
    """

    topic: str
    column: str
    dimensions: tuple[DimensionPosition, ...]


@dataclass(frozen=True)
class RightsMatrix:
    """Topic × instrument (what each instrument itself states) or topic × year (the position in force).

    ``rows`` follow ``topics`` (catalogue order); each row has one cell per column.
    """

    by: Literal["instrument", "year"]
    topics: tuple[tuple[str, str], ...]
    columns: tuple[MatrixColumn, ...]
    rows: tuple[tuple[MatrixCell, ...], ...]

    def cell(self, topic: str, column: str) -> MatrixCell:
        for row in self.rows:
            for cell in row:
                if cell.topic == topic and cell.column == column:
                    return cell
        raise UnknownName("matrix cell", f"{topic}/{column}", (f"{c.topic}/{c.column}" for r in self.rows for c in r))


def rights_matrix(corpus: Corpus, by: Literal["instrument", "year"] = "instrument") -> RightsMatrix:
    """The rights matrix of ``corpus``.

    ``by="instrument"``: one column per instrument (in order of signature); each cell is what that
    instrument itself states on the topic (its assessment and citations), empty when it does not assess it.
    ``by="year"``: one column per year from the first signature to the last recorded event; each cell is the
    position in force on 31 December of that year (the position the year ended with).

    >>> m = rights_matrix(corpus, by="year")
    >>> [(d.dimension, d.rests_on.instrument) for d in m.cell("electoral-rights", "2025").addressed]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('vote-union', '1999-union-state'), ('stand-union', '1999-union-state'),
     ('vote-local', '2025-equal-rights-protocol'), ('stand-local', '2025-equal-rights-protocol')]
    """
    all_supports = supports(corpus)
    topics = corpus.topics.topics
    if by == "instrument":
        columns = [
            MatrixColumn(i.id, i.short_title, i.signature.date if i.signature else None) for i in corpus.instruments
        ]
        # What each instrument codes on each topic, by dimension (the last code of a dimension counts).
        stated: dict[tuple[str, str], dict[str, Support]] = {}
        for s in all_supports:
            stated.setdefault((s.instrument, s.topic), {})[s.dimension] = s
        rows = [tuple(_stated(topic, col, stated.get((col.key, topic.id), {})) for col in columns) for topic in topics]
    elif by == "year":
        first, last = record_bounds(corpus)
        years = range(first.year, last.year + 1) if first and last else range(0)
        columns = [MatrixColumn(str(y), str(y), dt.date(y, 12, 31)) for y in years]
        rows = [tuple(_in_force(topic, col, all_supports) for col in columns) for topic in topics]
    else:
        raise ValueError(f"by must be 'instrument' or 'year', not {by!r}")
    return RightsMatrix(by, tuple((t.id, t.title) for t in topics), tuple(columns), tuple(rows))


def _stated(topic: Topic, col: MatrixColumn, mine: Mapping[str, Support]) -> MatrixCell:
    """What the instrument of column ``col`` itself codes on ``topic`` (``mine``: its supports by dimension)."""
    dims = tuple(
        DimensionPosition(topic.id, d.id, d.label, d.measure, col.date, mine.get(d.id)) for d in topic.dimensions
    )
    return MatrixCell(topic.id, col.key, dims)


def _in_force(topic: Topic, col: MatrixColumn, all_supports: Sequence[Support]) -> MatrixCell:
    """The position on ``topic`` in force on the date of year column ``col``."""
    assert col.date is not None
    pos = position_among(topic, col.date, all_supports)
    return MatrixCell(topic.id, col.key, pos.dimensions)


__all__ = ["MatrixCell", "MatrixColumn", "RightsMatrix", "rights_matrix"]
