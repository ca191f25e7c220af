"""Threads: how the position on a topic changed across time, dimension by dimension, and why.

A *thread* is one topic's history as ordered periods (:class:`ThreadStep`), each holding one composed
position (:func:`~legalgen.analysis.positions.position_among`) and saying what began it: the date, the
dimensions that changed (:class:`DimensionChange`, with their direction — up or down only on an ordinal
dimension) and the instruments whose effect window opened or closed that day (:class:`Cause`). A day on
which an instrument's window opens without changing any dimension's value or the instrument it rests on
is not a step: an instrument that does not address a dimension never changes it.

    >>> thread = topic_thread(corpus, "citizenship")
    >>> [(str(s.since), [(c.dimension, c.direction.value) for c in s.changes]) for s in thread.steps][:2]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('1995-02-21', [('equal-rights', 'first')]),
     ('1997-06-11', [('union-citizenship', 'first'), ('national-citizenship', 'first')])]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise
from typing import Literal

from legalgen.analysis.positions import (
    DimensionPosition,
    Support,
    TopicPosition,
    WindowEnd,
    WindowStart,
    position_among,
    supports,
    topic_of,
)
from legalgen.records import Corpus, Measure, Topic


class Direction(StrEnum):
    """How a change moved one dimension."""

    first = "first"  # the dimension is addressed for the first time
    up = "up"  # a higher value on an ordinal dimension
    down = "down"  # a lower value on an ordinal dimension
    changed = "changed"  # another value on a nominal dimension
    same = "same"  # the same value, now resting on another instrument
    lapsed = "lapsed"  # no instrument then in force addresses the dimension any more


@dataclass(frozen=True)
class Cause:
    """What happened on the day of a change: a code's window opened (``start``) or closed (``end``)."""

    instrument: str
    short_title: str
    edge: Literal["start", "end"]
    kind: WindowStart | WindowEnd


@dataclass(frozen=True)
class DimensionChange:
    """One dimension that changed on a step's date: before, after and the direction."""

    dimension: str
    label: str
    before: DimensionPosition | None
    after: DimensionPosition
    direction: Direction


@dataclass(frozen=True)
class ThreadStep:
    """A period during which one composed position held on a topic, and the changes that began it.

    ``until`` is exclusive (the date of the next step), ``None`` for the last step.
    """

    topic: str
    since: dt.date
    until: dt.date | None
    position: TopicPosition
    changes: tuple[DimensionChange, ...]
    causes: tuple[Cause, ...]


@dataclass(frozen=True)
class ThreadDimension:
    """A dimension as a thread shows it: id, label, whether ordered, and its values (id, label)."""

    id: str
    label: str
    measure: Measure
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TopicThread:
    """One topic across time: its dimensions and the ordered periods (:class:`ThreadStep`) of each position."""

    topic: str
    title: str
    dimensions: tuple[ThreadDimension, ...]
    steps: tuple[ThreadStep, ...]

    def at(self, date: dt.date) -> ThreadStep | None:
        """The step holding on ``date``, or ``None`` before the first."""
        found = None
        for step in self.steps:
            if step.since <= date:
                found = step
        return found


def topic_threads(corpus: Corpus, until: dt.date | None = None) -> tuple[TopicThread, ...]:
    """Every topic across time, in catalogue order: one :class:`ThreadStep` per change of a dimension.

    A new step begins whenever a dimension's value changes, or the same value comes to rest on a different
    instrument (``same``: Union citizenship passing from the 1997 Charter to the 1999 Treaty on 26 January
    2000). ``until`` drops changes after that date.

    >>> [(t.topic, len(t.steps)) for t in topic_threads(corpus, until=dt.date(2000, 12, 31))]
    [('sovereignty', 3), ('citizenship', 4), ('electoral-rights', 2)]
    """
    all_supports = supports(corpus)
    return tuple(_thread(t, all_supports, until) for t in corpus.topics.topics)


def topic_thread(corpus: Corpus, topic: str, until: dt.date | None = None) -> TopicThread:
    """The :class:`TopicThread` of one topic; an unknown topic raises :class:`UnknownName`.

    >>> thread = topic_thread(corpus, "electoral-rights")
    >>> [(str(s.since), sorted({c.direction.value for c in s.changes})) for s in thread.steps]
    [('1998-12-25', ['first']), ('2000-01-26', ['same']), ('2025-10-29', ['first'])]
    """
    return _thread(topic_of(corpus, topic), supports(corpus), until)


def _thread(topic: Topic, all_supports: Sequence[Support], until: dt.date | None) -> TopicThread:
    mine = [s for s in all_supports if s.topic == topic.id]
    dates = sorted({d for s in mine for d in (s.applies_from, s.applies_until) if d is not None})
    if until is not None:
        dates = [d for d in dates if d <= until]
    steps: list[ThreadStep] = []
    before: TopicPosition | None = None
    for date in dates:
        now = position_among(topic, date, mine)
        if before is None and not now.addressed:
            continue
        changes = _changes(before, now)
        if not changes:
            continue
        steps.append(ThreadStep(topic.id, date, None, now, changes, _causes(mine, date)))
        before = now
    # each step lasts until the next one begins
    closed = tuple(replace(s, until=after.since) for s, after in pairwise(steps))
    dimensions = tuple(
        ThreadDimension(d.id, d.label, d.measure, tuple((v.id, v.label) for v in d.values)) for d in topic.dimensions
    )
    return TopicThread(topic.id, topic.title, dimensions, (*closed, *steps[-1:]))


def _changes(before: TopicPosition | None, now: TopicPosition) -> tuple[DimensionChange, ...]:
    out = []
    for i, after in enumerate(now.dimensions):
        prior = before.dimensions[i] if before is not None else None
        was = (prior.value, prior.rests_on.instrument if prior and prior.rests_on else None) if prior else (None, None)
        is_ = (after.value, after.rests_on.instrument if after.rests_on else None)
        if was == is_:
            continue
        out.append(
            DimensionChange(
                after.dimension,
                after.label,
                prior if prior and prior.addressed else None,
                after,
                _direction(prior, after),
            )
        )
    return tuple(out)


def _direction(before: DimensionPosition | None, now: DimensionPosition) -> Direction:
    if before is None or not before.addressed:
        return Direction.first
    if not now.addressed:
        return Direction.lapsed
    if now.value == before.value:
        return Direction.same
    if now.rank is None or before.rank is None:
        return Direction.changed
    return Direction.up if now.rank > before.rank else Direction.down


def _causes(mine: Sequence[Support], date: dt.date) -> tuple[Cause, ...]:
    """The windows that opened or closed on ``date``: closings first, then by instrument and dimension."""
    causes: list[Cause] = []
    for s in mine:
        if s.applies_from == date and s.start is not None:
            causes.append(Cause(s.instrument, s.short_title, "start", s.start))
        if s.applies_until == date and s.end is not None:
            causes.append(Cause(s.instrument, s.short_title, "end", s.end))
    return tuple(sorted(dict.fromkeys(causes), key=lambda c: (c.edge != "end", c.instrument)))


__all__ = [
    "Cause",
    "DimensionChange",
    "Direction",
    "ThreadDimension",
    "ThreadStep",
    "TopicThread",
    "topic_thread",
    "topic_threads",
]
