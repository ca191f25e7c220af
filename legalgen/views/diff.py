"""The view model of a comparison (``legalgen diff --format html|pdf``): decided and formatted here.

:func:`diff_view` turns an :class:`~legalgen.analysis.diff.InstrumentDiff` into frozen, finished values for the
template ``diff.html``, which only loops and prints (through the one Jinja environment of
:mod:`legalgen.render.html`, and :mod:`legalgen.render.pdf` for the printable redline).

It keeps the rules of :mod:`legalgen.views.blocks`, whose building blocks it reuses: a verbatim text is a
:class:`~legalgen.views.blocks.Quote` (the only thing in quotation marks, ``[…]`` where its source cut it); a
paraphrase is a :class:`~legalgen.views.blocks.Paraphrased`, labelled and never redlined. A redline is a
:class:`RedlineSide` per instrument — A's words with its deletions, B's words with its insertions — each
still a verbatim quote of that instrument, so the two columns can be read side by side.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> from legalgen.analysis import diff_instruments
    >>> a, b = corpus.instrument("1997-union"), corpus.instrument("1999-union-state")
    >>> view = diff_view(diff_instruments(a, b, corpus.topics), generated=dt.date(2026, 1, 1))
    >>> view.meta.slug
    'diff-1997-union-1999-union-state'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from legalgen.analysis import InstrumentDiff, Operation, ProvisionPair, TextComparison
from legalgen.analysis.diff import PAIR_THRESHOLD
from legalgen.ids import ProvisionRef
from legalgen.records import Instrument, Verbatim
from legalgen.views.blocks import Fact, Meta, Passage, Quote, make_meta, passage
from legalgen.views.words import (
    MOVES,
    STATUS_LABELS,
    comparison_label,
    language_name,
    long_dates,
    metadata_value,
    position_side,
    row_heading,
    row_why,
    sentence_case,
    stat_line,
)
from legalgen.views.words.diff import row_notes


@dataclass(frozen=True)
class Segment:
    """A run of a redline: unchanged (``same``), deleted from A (``del``) or inserted in B (``ins``)."""

    text: str
    change: Literal["same", "del", "ins"]


@dataclass(frozen=True)
class RedlineSide:
    """One instrument's verbatim text with its changes marked: a quote, with the quote's marks and source."""

    quote: Quote
    paragraphs: tuple[tuple[Segment, ...], ...]


@dataclass(frozen=True)
class TextRow:
    """One language of one row: a redline (both verbatim) or the two texts shown as they are."""

    language: str
    status: str
    cautions: tuple[str, ...]
    redline: tuple[RedlineSide, RedlineSide] | None
    left: Passage | None
    right: Passage | None
    left_missing: str | None
    right_missing: str | None


@dataclass(frozen=True)
class RowView:
    """One row: a provision of A and its counterpart in B (or one side alone), with why they were paired."""

    id: str
    heading: str
    status: str
    status_class: str
    why: str | None
    a_cite: str | None
    b_cite: str | None
    texts: tuple[TextRow, ...]
    #: the chain through which a counterpart was found, or the nearest candidate of an unpaired provision
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PositionRow:
    topic: str
    a: str
    b: str
    change: str


@dataclass(frozen=True)
class MetaRow:
    field: str
    a: str
    b: str
    differs: bool


@dataclass(frozen=True)
class DiffView:
    meta: Meta
    a_title: str
    b_title: str
    a_id: str
    b_id: str
    topic: str | None
    differences: bool
    stat: str
    connections: tuple[str, ...]
    positions: tuple[PositionRow, ...]
    metadata: tuple[MetaRow, ...]
    legend: tuple[Fact, ...]
    rows: tuple[RowView, ...]
    #: the score below which no pair is made, as printed
    threshold: str = f"{PAIR_THRESHOLD:.3f}"


def legend() -> tuple[Fact, ...]:
    return (
        Fact("A · B", "The two instruments compared: A on the left, B on the right."),
        Fact("Struck through", "Words of A that B does not have (deleted)."),
        Fact("Underlined", "Words of B that A does not have (inserted)."),
        Fact("«…» “…”", "Verbatim: the words as seen in the named source. Only verbatim text is redlined."),
        Fact("[…]", "The source cut the text off here; a difference next to it may be the cut, not a change."),
        Fact("Paraphrase", "A summary or working translation: shown beside its counterpart, never redlined."),
        Fact(
            "Paired by",
            "A recorded link (also through provisions of other instruments), a shared topic with similar wording,"
            f" or the same article number with similar wording; never below a score of {PAIR_THRESHOLD:.3f}.",
        ),
        Fact("Typographic only", "The same words with other dashes, quotation marks or spaces: not a change."),
    )


def diff_view(d: InstrumentDiff, generated: dt.date | None) -> DiffView:
    """Everything ``diff.html`` shows, formatted; ``generated`` (read by the CLI) is the only date used.

    >>> d = legalgen.diff_instruments(corpus.instrument("1997-union"), corpus.instrument("1999-union-state"))
    >>> diff_view(d, generated=dt.date(2025, 1, 1)).meta.title
    'Union Treaty (1997) → Union State Treaty (1999)'
    """
    scope = f", topic {d.topic}" if d.topic else ""
    meta = make_meta(
        slug=f"diff-{d.a.id}-{d.b.id}" + (f"-{d.topic}" if d.topic else ""),
        title=f"{d.a.short_title} → {d.b.short_title}",
        subtitle=f"Comparison of {d.a.title} with {d.b.title}{scope}",
        description=stat_line(d),
        keywords=(d.a.id, d.b.id, *(p.topic for p in d.positions)),
        as_of=None,
        generated=generated,
        kind="Comparison",
    )
    return DiffView(
        meta=meta,
        a_title=d.a.short_title,
        b_title=d.b.short_title,
        a_id=d.a.id,
        b_id=d.b.id,
        topic=d.topic,
        differences=d.has_differences,
        stat=stat_line(d),
        connections=tuple(long_dates(c) for c in d.connections),
        positions=tuple(
            PositionRow(
                f"{p.title} — {p.dimension_label}", position_side(p.a, d.a), position_side(p.b, d.b), MOVES[p.direction]
            )
            for p in d.positions
        ),
        metadata=tuple(
            MetaRow(m.field, metadata_value(m.field, m.a), metadata_value(m.field, m.b), m.differs) for m in d.metadata
        ),
        legend=legend(),
        rows=tuple(_row(d, r) for r in d.rows),
    )


def _row(d: InstrumentDiff, row: ProvisionPair) -> RowView:
    ref = row.a_ref or row.b_ref
    assert ref is not None
    side = "a" if row.a_ref else "b"
    return RowView(
        id=f"row-{side}--{ProvisionRef.parse(ref).anchor}",
        heading=row_heading(row),
        status=STATUS_LABELS[row.status],
        status_class=row.status,
        why=row_why(row) or None,
        a_cite=d.a.pin_cite(row.a.id) if row.a else None,
        b_cite=d.b.pin_cite(row.b.id) if row.b else None,
        texts=tuple(_text(d, row, t) for t in row.texts) if row.status != "identical" else (),
        notes=tuple(sentence_case(n) for n in row_notes(row, d)),
    )


def _text(d: InstrumentDiff, row: ProvisionPair, t: TextComparison) -> TextRow:
    lang = language_name(t.language)
    redline = None
    left = right = None
    if t.redlined and not t.same:
        assert isinstance(t.a, Verbatim) and isinstance(t.b, Verbatim)
        redline = (_side(t.a, d.a, t.operations, "a"), _side(t.b, d.b, t.operations, "b"))
    else:
        left = passage(t.a, d.a) if t.a is not None else None
        right = passage(t.b, d.b) if t.b is not None else None
    return TextRow(
        language=lang,
        status=comparison_label(t),
        cautions=t.cautions,
        redline=redline,
        left=left,
        right=right,
        left_missing=None if t.a is not None or row.a is None else f"No {lang} text of A's provision.",
        right_missing=None if t.b is not None or row.b is None else f"No {lang} text of B's provision.",
    )


def _side(text: Verbatim, inst: Instrument, ops: tuple[Operation, ...], side: Literal["a", "b"]) -> RedlineSide:
    """The words of one side, as written, cut into paragraphs of unchanged and changed runs."""
    quote = passage(text, inst)
    assert isinstance(quote, Quote)
    changed: Literal["del", "ins"] = "del" if side == "a" else "ins"
    paragraphs: list[list[Segment]] = [[]]
    for op in ops:
        words = op.a_text if side == "a" else op.b_text
        if not words:
            continue
        if op.space_before == "\n" and paragraphs[-1]:
            paragraphs.append([])
        elif op.space_before and paragraphs[-1]:
            paragraphs[-1].append(Segment(" ", "same"))
        kind: Literal["same", "del", "ins"] = "same" if op.tag == "equal" else changed
        for n, line in enumerate(words.split("\n")):
            if n:
                paragraphs.append([])
            paragraphs[-1].append(Segment(line, kind))
    return RedlineSide(quote=quote, paragraphs=tuple(tuple(p) for p in paragraphs if p))


__all__ = ["DiffView", "RedlineSide", "RowView", "Segment", "TextRow", "diff_view", "legend"]
