"""Positions: which assessments count on a date, the position on each topic, and the legal position as a whole.

An instrument's *assessment* places it on a topic's scale (``topics.yaml``, least to most), citing the
provisions that say so. :func:`status_as_of` answers *what was the legal position on this date?* — which
instruments were signed, in force, amended or terminated (their :mod:`~legalgen.analysis.life`), and for
each topic the position then in force with the provisions that establish it.

**Which assessments count on a date.** An instrument's assessment of a topic applies from the start of its
*effect window* to its end (a :class:`Support`):

* start: its entry into force; or, when none is recorded, its signature — then the position counts as
  "stated by a signed instrument" and carries the caveat ``entry-into-force-not-recorded``. This is the
  simplest rule that neither drops the Friendship Treaty's position on citizenship nor claims a date of
  entry into force the records do not give.
* an instrument that ``amends`` another applies from its own entry into force, and never before the date
  the amended instrument records the amendment as taking effect (the 2025 Protocol: from 29 October 2025,
  not from its signature on 13 March 2025);
* an instrument that ``ratifies`` another (a ratification law) applies no earlier than the ratified
  instrument, because the rights flow from the treaty;
* end: its termination; and for ``amends``, ``ratifies`` and ``integral_part_of``, the termination of the
  instrument it depends on.

The **position on a topic** at *d* is the highest position on the topic's scale among the assessments that
apply at *d*. It can go down: when the instrument establishing it terminates, the next highest takes over,
or none.

Every statement carries what it rests on: the provisions, how their wording is known
(:class:`~legalgen.analysis.citations.Basis`), the sources, and :class:`~legalgen.analysis.life.Caveat`
flags for anything the records mark as unverified or could not establish.

    >>> from pathlib import Path
    >>> from legalgen.records.corpus import load_corpus
    >>> corpus = load_corpus([Path("treaties")])                      # doctest: +SKIP
    >>> state = status_as_of(corpus, dt.date(1997, 6, 11))            # doctest: +SKIP
    >>> state.position("citizenship").position                        # doctest: +SKIP
    'union-citizenship'
    >>> state.position("citizenship").established_by[0].citations[0].pin_cite   # doctest: +SKIP
    'Charter of the Union (1997), art. 2'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from legalgen.analysis.citations import Basis, Citation, cite, weakest
from legalgen.analysis.life import Caveat, CaveatKind, DatedFact, EventType, Life, Status, lives, record_bounds
from legalgen.errors import UnknownName
from legalgen.records import Assessment, Corpus, Instrument, RelationType, Topic


class WindowStart(StrEnum):
    """What opened an assessment's effect window (see the module docstring)."""

    entry_into_force = "entry-into-force"
    #: no entry into force is recorded: the position counts from the signature
    signature = "signature"
    #: the amended instrument records the amendment as taking effect
    amendment = "amendment"
    #: a ratification law applies with the instrument it ratifies
    ratified_instrument = "ratified-instrument"


class WindowEnd(StrEnum):
    """What closed an assessment's effect window."""

    termination = "termination"
    #: the instrument it amends, ratifies or is an integral part of terminated
    parent_terminated = "parent-terminated"


# The record event a caveat on a window's start or end names.
_EVENT_OF: dict[WindowStart | WindowEnd, EventType] = {
    WindowStart.entry_into_force: "entry_into_force",
    WindowStart.signature: "signature",
    WindowStart.amendment: "amendment",
    WindowStart.ratified_instrument: "entry_into_force",
    WindowEnd.termination: "termination",
    WindowEnd.parent_terminated: "termination",
}

# Relations by which a later instrument relies on an earlier one whose entry into force is not recorded.
_RELIED_ON = {
    RelationType.amends,
    RelationType.builds_on,
    RelationType.implements,
    RelationType.ratifies,
    RelationType.integral_part_of,
}


@dataclass(frozen=True)
class Support:
    """One instrument's assessment of a topic, as it applies in time: the unit behind every position.

    ``applies_from`` / ``applies_until`` bound its effect window (``applies_until`` exclusive, ``None`` for
    open); ``start`` says what opened the window, ``end`` what closed it. ``basis`` is the weakest basis
    among the citations (a statement is only as firm as its weakest provision), ``None`` when the
    assessment cites no provision.
    """

    instrument: str
    short_title: str
    topic: str
    position: str
    label: str
    rank: int
    summary: str
    citations: tuple[Citation, ...]
    basis: Basis | None
    applies_from: dt.date | None
    applies_until: dt.date | None
    start: WindowStart | None
    end: WindowEnd | None
    caveats: tuple[Caveat, ...]

    def applies_on(self, date: dt.date) -> bool:
        if self.applies_from is None or date < self.applies_from:
            return False
        return self.applies_until is None or date < self.applies_until


@dataclass(frozen=True)
class TopicPosition:
    """The position on one topic on one date: the highest position among the assessments that apply.

    ``position`` is ``None`` (rank -1) when no instrument that applies on the date assesses the topic.
    ``established_by`` lists every applying assessment at that highest rank; ``also_stated`` the lower
    positions stated by other applying instruments (e.g. equal rights beside Union citizenship).
    """

    topic: str
    title: str
    date: dt.date
    position: str | None
    label: str | None
    rank: int
    established_by: tuple[Support, ...]
    also_stated: tuple[Support, ...]

    @property
    def instruments(self) -> tuple[str, ...]:
        return tuple(s.instrument for s in self.established_by)


@dataclass(frozen=True)
class Reliance:
    """A later instrument that relies on this one, and how (``amends``, ``builds_on``, ``ratifies`` …)."""

    instrument: str
    relation: RelationType


@dataclass(frozen=True)
class InstrumentStatus:
    """One instrument on one date: its status, its life (with its caveats), amendments in effect or pending.

    ``amendments_in_effect`` are amendments taking effect on or before the date; ``amendments_pending``
    those whose amending instrument is signed by the date but whose effect comes later. ``relied_on_by``
    lists the instruments signed by the date that rely on this one (:class:`Reliance`).
    """

    instrument: str
    short_title: str
    kind: str
    date: dt.date
    status: Status
    life: Life
    amendments_in_effect: tuple[DatedFact, ...]
    amendments_pending: tuple[DatedFact, ...]
    relied_on_by: tuple[Reliance, ...]


@dataclass(frozen=True)
class AsOf:
    """The legal position on one date: every instrument's status and every topic's position.

    ``first_signature`` and ``last_event`` bound what the records cover, so a date before the first
    instrument or after the last recorded event gets a clear answer (see :attr:`before_records` and
    :attr:`after_records`). ``today`` is whatever the caller passed (the core reads no clock); it lets a
    renderer say that a date is in the future.
    """

    date: dt.date
    instruments: tuple[InstrumentStatus, ...]
    positions: tuple[TopicPosition, ...]
    first_signature: dt.date | None
    last_event: dt.date | None
    today: dt.date | None = None

    @property
    def before_records(self) -> bool:
        return self.first_signature is not None and self.date < self.first_signature

    @property
    def after_records(self) -> bool:
        return self.last_event is not None and self.date > self.last_event

    @property
    def in_future(self) -> bool:
        return self.today is not None and self.date > self.today

    def status(self, instrument: str) -> InstrumentStatus:
        for s in self.instruments:
            if s.instrument == instrument:
                return s
        raise UnknownName("instrument", instrument, (s.instrument for s in self.instruments))

    def position(self, topic: str) -> TopicPosition:
        for p in self.positions:
            if p.topic == topic:
                return p
        raise UnknownName("topic", topic, (p.topic for p in self.positions))


# --------------------------------------------------------------------------- effect windows and supports


@dataclass(frozen=True)
class _Window:
    start: DatedFact | None
    start_kind: WindowStart | None
    end: DatedFact | None
    end_kind: WindowEnd | None
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class _Edge:
    """One side of a window being worked out: the fact, what it is, and whose event it is."""

    fact: DatedFact | None
    kind: WindowStart | WindowEnd | None
    of: str  # the instrument whose event it is (another's for ratifications and dependants)


def _window(inst: Instrument, life: Mapping[str, Life]) -> _Window:
    own = life[inst.id]
    start = _own_start(inst.id, own)
    end = _Edge(own.terminated, WindowEnd.termination if own.terminated else None, inst.id)
    eif_known = own.in_force is not None
    for rel in inst.relations:
        target = life.get(rel.target)
        if target is None:
            continue
        if rel.type is RelationType.amends:
            effects = [a for a in target.amendments if a.by == inst.id]
            if effects and (start.fact is None or effects[0].date > start.fact.date or not eif_known):
                start, eif_known = _Edge(effects[0], WindowStart.amendment, rel.target), True
        if rel.type is RelationType.ratifies:
            t_start = target.in_force or target.signed
            if t_start is not None and (start.fact is None or t_start.date > start.fact.date):
                start = _Edge(t_start, WindowStart.ratified_instrument, rel.target)
                eif_known = target.in_force is not None
        if rel.type in (RelationType.amends, RelationType.ratifies, RelationType.integral_part_of):
            t_end = target.terminated
            if t_end is not None and (end.fact is None or t_end.date < end.fact.date):
                end = _Edge(t_end, WindowEnd.parent_terminated, rel.target)
    caveats: list[Caveat] = []
    if start.fact is not None and not eif_known:
        # event="signature": the position is counted from a signature, for want of an entry into force
        other = None if start.of == inst.id else start.of
        caveats.append(
            Caveat(CaveatKind.entry_into_force_not_recorded, inst.id, "signature", start.fact.date, other=other)
        )
    for edge in (start, end):
        caveats += _edge_caveats(inst.id, edge)
    start_kind = start.kind if isinstance(start.kind, WindowStart) else None
    end_kind = end.kind if isinstance(end.kind, WindowEnd) else None
    return _Window(start.fact, start_kind, end.fact, end_kind, tuple(caveats))


def _own_start(iid: str, own: Life) -> _Edge:
    if own.in_force is not None:
        return _Edge(own.in_force, WindowStart.entry_into_force, iid)
    if own.signed is not None:
        return _Edge(own.signed, WindowStart.signature, iid)
    return _Edge(None, None, iid)


def _edge_caveats(iid: str, edge: _Edge) -> list[Caveat]:
    """An unverified or derived date opening or closing a window is flagged on every position it bounds."""
    fact, kind = edge.fact, edge.kind
    if fact is None or kind is None:
        return []
    other = fact.derived_from or (None if edge.of == iid else edge.of)
    out = []
    if not fact.verified:
        out.append(Caveat(CaveatKind.unverified_event, iid, _EVENT_OF[kind], fact.date, other=other))
    if fact.derived_from is not None:
        out.append(Caveat(CaveatKind.derived_date, iid, _EVENT_OF[kind], fact.date, other=other))
    return out


def _support(inst: Instrument, assessment: Assessment, topic: Topic, window: _Window) -> Support:
    citations = tuple(cite(inst, pid) for pid in assessment.provisions)
    caveats = list(window.caveats)
    for c in citations:
        if c.basis is Basis.paraphrase:
            caveats.append(Caveat(CaveatKind.paraphrase_only, inst.id, provision=c.ref))
        elif c.basis is Basis.translation:
            caveats.append(Caveat(CaveatKind.translation_only, inst.id, provision=c.ref))
        if c.incomplete:
            caveats.append(Caveat(CaveatKind.incomplete_text, inst.id, provision=c.ref))
    pos = topic.position(assessment.position)
    return Support(
        instrument=inst.id,
        short_title=inst.short_title,
        topic=topic.id,
        position=assessment.position,
        label=pos.label if pos else assessment.position,
        rank=topic.rank(assessment.position),
        summary=assessment.summary,
        citations=citations,
        basis=weakest(c.basis for c in citations),
        applies_from=window.start.date if window.start else None,
        applies_until=window.end.date if window.end else None,
        start=window.start_kind,
        end=window.end_kind if window.end else None,
        caveats=tuple(caveats),
    )


def supports(corpus: Corpus) -> tuple[Support, ...]:
    """Every assessment of ``corpus`` as a :class:`Support` with its effect window, in corpus order."""
    life = lives(corpus)
    out = []
    for inst in corpus.instruments:
        window = _window(inst, life)
        for assessment in inst.assessments:
            topic = corpus.topics.topic(assessment.topic)
            if topic is not None:
                out.append(_support(inst, assessment, topic, window))
    return tuple(out)


# --------------------------------------------------------------------------- positions and state


def topic_of(corpus: Corpus, topic: str) -> Topic:
    """The declared topic ``topic``; an unknown name raises :class:`UnknownName` with suggestions."""
    found = corpus.topics.topic(topic)
    if found is None:
        raise UnknownName("topic", topic, (t.id for t in corpus.topics.topics))
    return found


def position_among(topic: Topic, date: dt.date, all_supports: Sequence[Support]) -> TopicPosition:
    """The :class:`TopicPosition` of ``topic`` on ``date``, from the supports that apply then."""
    applying = [s for s in all_supports if s.topic == topic.id and s.applies_on(date)]
    applying.sort(key=lambda s: (-s.rank, s.applies_from or dt.date.min, s.instrument))
    if not applying:
        return TopicPosition(topic.id, topic.title, date, None, None, -1, (), ())
    top = applying[0].rank
    best = tuple(s for s in applying if s.rank == top)
    rest = tuple(s for s in applying if s.rank < top)
    return TopicPosition(topic.id, topic.title, date, best[0].position, best[0].label, top, best, rest)


def position_on(corpus: Corpus, topic: str, date: dt.date) -> TopicPosition:
    """The :class:`TopicPosition` of one topic on ``date``.

    >>> position_on(corpus, "electoral-rights", dt.date(2025, 10, 29)).position   # doctest: +SKIP
    'local'
    """
    return position_among(topic_of(corpus, topic), date, supports(corpus))


def status_as_of(corpus: Corpus, date: dt.date, today: dt.date | None = None) -> AsOf:
    """The legal position on ``date``: every instrument's :class:`InstrumentStatus` and every topic's position.

    ``today`` is only passed through (the core reads no clock), so a renderer can say a date is in the
    future. A date before the first instrument gives every instrument ``not-yet-signed`` and no positions;
    a date after the last recorded event gives the position the records leave in place.

    >>> state = status_as_of(corpus, dt.date(2000, 1, 26))                  # doctest: +SKIP
    >>> state.status("1997-charter").status, state.status("1997-charter").life.terminated.by  # doctest: +SKIP
    (<Status.terminated: 'terminated'>, '1999-union-state')
    """
    life = lives(corpus)
    statuses = tuple(_instrument_status(corpus, inst, life, date) for inst in corpus.instruments)
    all_supports = supports(corpus)
    positions = tuple(position_among(t, date, all_supports) for t in corpus.topics.topics)
    first, last = record_bounds(corpus)
    return AsOf(date, statuses, positions, first, last, today)


def _instrument_status(corpus: Corpus, inst: Instrument, life: Mapping[str, Life], date: dt.date) -> InstrumentStatus:
    own = life[inst.id]
    status = own.status_on(date)
    in_effect = tuple(a for a in own.amendments if a.date <= date)
    pending = tuple(
        a
        for a in own.amendments
        if a.date > date and a.by is not None and _signed_by(life.get(a.by), date) and status is not Status.terminated
    )
    relied = tuple(
        Reliance(iid, kind)
        for iid, kind in sorted(
            {
                (other.id, rel.type)
                for other in corpus.instruments
                for rel in other.relations
                if rel.target == inst.id and rel.type in _RELIED_ON and _signed_by(life[other.id], date)
            }
        )
    )
    return InstrumentStatus(inst.id, inst.short_title, inst.kind.value, date, status, own, in_effect, pending, relied)


def _signed_by(life: Life | None, date: dt.date) -> bool:
    if life is None:
        return False
    first = life.signed or life.in_force
    return first is not None and first.date <= date


__all__ = [
    "AsOf",
    "InstrumentStatus",
    "Reliance",
    "Support",
    "TopicPosition",
    "WindowEnd",
    "WindowStart",
    "position_among",
    "position_on",
    "status_as_of",
    "supports",
    "topic_of",
]
