"""Threads: how the position on a topic changed across time, when, and by which instrument.

A *thread* is one topic's history as ordered periods (:class:`ThreadStep`), each holding one position
(:func:`~legalgen.analysis.positions.position_among`) and saying what began it: the date, the direction on
the topic's scale and the instruments whose effect window opened or closed that day (:class:`Cause`).

    >>> thread = topic_threads(corpus)[1]                                   # doctest: +SKIP
    >>> [(str(s.since), s.position.position, s.direction.value) for s in thread.steps][:2]  # doctest: +SKIP
    [('1995-02-21', 'status-of-nationals', 'first'), ('1997-06-11', 'union-citizenship', 'up')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise
from typing import Literal

from legalgen.analysis.positions import (
    Support,
    TopicPosition,
    WindowEnd,
    WindowStart,
    position_among,
    supports,
    topic_of,
)
from legalgen.records import Corpus, Topic


class Direction(StrEnum):
    """How a change moved a topic's position on its scale."""

    first = "first"
    up = "up"
    down = "down"
    same = "same"  # the position is unchanged but the instruments establishing it changed


@dataclass(frozen=True)
class Cause:
    """What happened on the day of a change: an assessment's window opened (``start``) or closed (``end``)."""

    instrument: str
    short_title: str
    edge: Literal["start", "end"]
    kind: WindowStart | WindowEnd
    position: str


@dataclass(frozen=True)
class ThreadStep:
    """A period during which one position held on a topic, and the change that began it.

    ``until`` is exclusive (the date of the next step), ``None`` for the last step. ``previous`` is the
    position before (``None`` for the first step or after a period with no position).
    """

    topic: str
    since: dt.date
    until: dt.date | None
    position: TopicPosition
    previous: str | None
    previous_label: str | None
    direction: Direction
    causes: tuple[Cause, ...]


@dataclass(frozen=True)
class TopicThread:
    """One topic across time: its scale and the ordered periods (:class:`ThreadStep`) of each position."""

    topic: str
    title: str
    scale: tuple[tuple[str, str], ...]
    steps: tuple[ThreadStep, ...]

    def at(self, date: dt.date) -> ThreadStep | None:
        """The step holding on ``date``, or ``None`` before the first."""
        found = None
        for step in self.steps:
            if step.since <= date:
                found = step
        return found


def topic_threads(corpus: Corpus, until: dt.date | None = None) -> tuple[TopicThread, ...]:
    """Every topic across time, in catalogue order: one :class:`ThreadStep` per change of position or basis.

    A new step begins whenever the position changes (``up`` / ``down``) or the same position comes to rest
    on different instruments (``same``: e.g. Union citizenship passing from the 1997 Charter to the 1999
    Treaty on 26 January 2000). ``until`` drops changes after that date.

    >>> thread = topic_threads(corpus)[1]
    >>> [(str(s.since), s.position.position, s.direction.value) for s in thread.steps][:2]
    [('1995-02-21', 'status-of-nationals', 'first'), ('1997-06-11', 'union-citizenship', 'up')]
    """
    all_supports = supports(corpus)
    return tuple(_thread(t, all_supports, until) for t in corpus.topics.topics)


def topic_thread(corpus: Corpus, topic: str, until: dt.date | None = None) -> TopicThread:
    """The :class:`TopicThread` of one topic; an unknown topic raises :class:`UnknownName`.

    >>> from pathlib import Path
    >>> from legalgen import load_corpus
    >>> thread = topic_thread(load_corpus([Path("treaties")]), "electoral-rights")
    >>> [(str(s.since), s.position.position, s.direction.value) for s in thread.steps]
    [('1998-12-25', 'union-bodies', 'first'), ('2000-01-26', 'union-bodies', 'same'), ('2025-10-29', 'local', 'up')]
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
        if before is not None and (now.position, now.instruments) == (before.position, before.instruments):
            continue
        if before is None and now.position is None:
            continue
        steps.append(
            ThreadStep(
                topic.id,
                date,
                None,
                now,
                before.position if before else None,
                before.label if before else None,
                _direction(before, now),
                _causes(mine, date),
            )
        )
        before = now
    # each step lasts until the next one begins
    closed = tuple(replace(s, until=after.since) for s, after in pairwise(steps))
    return TopicThread(topic.id, topic.title, tuple((p.id, p.label) for p in topic.scale), (*closed, *steps[-1:]))


def _direction(before: TopicPosition | None, now: TopicPosition) -> Direction:
    if before is None:
        return Direction.first
    if now.rank > before.rank:
        return Direction.up
    if now.rank < before.rank:
        return Direction.down
    return Direction.same


def _causes(mine: Sequence[Support], date: dt.date) -> tuple[Cause, ...]:
    """The windows that opened or closed on ``date``: closings first, then by instrument."""
    causes: list[Cause] = []
    for s in mine:
        if s.applies_from == date and s.start is not None:
            causes.append(Cause(s.instrument, s.short_title, "start", s.start, s.position))
        if s.applies_until == date and s.end is not None:
            causes.append(Cause(s.instrument, s.short_title, "end", s.end, s.position))
    return tuple(sorted(causes, key=lambda c: (c.edge != "end", c.instrument)))


__all__ = ["Cause", "Direction", "ThreadStep", "TopicThread", "topic_thread", "topic_threads"]
