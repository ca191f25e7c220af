"""Positions: which codes count on a date, and the position on a topic as a composition of them.

A topic is coded on several *dimensions* (``topics.yaml``); an instrument's assessment of a topic *codes*
only the dimensions it addresses, each code citing the provisions that say so. :func:`status_as_of`
answers *what was the legal position on this date?* — which instruments were signed, in force, amended or
terminated (their :mod:`~legalgen.analysis.life`), and for each topic and dimension the value then in
force, the instrument and provisions it rests on and how strong that evidence is.

**Which codes count on a date.** An instrument's codes apply from the start of its *effect window* to its
end (a :class:`Support`):

* start: its entry into force; for a kind that does not enter into force (a political declaration), its
  adoption; or, when no entry into force is recorded, its signature — then the code counts as "stated by a
  signed instrument" and carries the caveat ``entry-into-force-not-recorded``. This is the simplest rule
  that neither drops the Friendship Treaty's codes nor claims a date of entry into force the records do not
  give.
* an instrument that ``amends`` another applies from its own entry into force, and never before the date
  the amended instrument records the amendment as taking effect (the 2025 Protocol: from 29 October 2025,
  not from its signature on 13 March 2025);
* an instrument that ``ratifies`` another (a ratification law) applies no earlier than the ratified
  instrument, because the rights flow from the treaty;
* end: its termination; and for ``amends``, ``ratifies`` and ``integral_part_of``, the termination of the
  instrument it depends on.

**The position on a topic is a composition** (:class:`TopicPosition`). On a date *d*, every code that
applies on *d* is a candidate for its dimension; the code of the instrument whose window opened last (then
the later-dated instrument) *governs* the dimension (:attr:`DimensionPosition.rests_on`): a later
instrument replaces only what it addresses. A code counted only from a signature (no entry into force
recorded) or from a declaration's adoption never displaces one whose instrument is recorded in force: it
governs only where no such code applies. Two instruments of the same day (the Maastricht TEU and the EC
Treaty it amended) that give an ordinal dimension different values: the higher governs, since both apply
at once and the one that states more is the operative one; the other is shown as also applying. The other codes of that dimension that still apply are kept
(:attr:`DimensionPosition.also_applying`), so a reader sees every instrument that speaks to it. A dimension
no applying instrument codes is *not addressed* on *d* — never a change of position.

Every statement carries what it rests on: the provisions, how their wording is known
(:class:`~legalgen.analysis.citations.Basis`), the grade of the evidence
(:class:`~legalgen.analysis.citations.Grade`, computed from the texts and their sources), the sources, and
:class:`~legalgen.analysis.life.Caveat` flags for anything the records mark as unverified or could not
establish.

    >>> state = status_as_of(corpus, dt.date(2026, 1, 1))
    >>> [(d.dimension, d.value, d.rests_on.instrument) for d in state.position("sovereignty").addressed]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('statehood', 'retained-in-union', '1999-union-state'),
     ('competences-transferred', 'transferred', '1999-union-state'),
     ('mutual-defence', 'assistance-on-attack', '2024-security-guarantees'),
     ('military-presence', 'by-separate-agreement', '2024-security-guarantees'),
     ('withdrawal', 'by-referendum', '1999-union-state')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from legalgen.analysis.citations import Basis, Citation, Grade, cite, weakest, weakest_grade
from legalgen.analysis.life import (
    Caveat,
    CaveatKind,
    DatedFact,
    EventType,
    Life,
    Status,
    lives,
    per_corpus,
    record_bounds,
)
from legalgen.errors import UnknownName
from legalgen.records import Assessment, Code, Corpus, Dimension, Instrument, Measure, RelationType, Topic


class WindowStart(StrEnum):
    """What opened a code's effect window (see the module docstring)."""

    entry_into_force = "entry-into-force"
    #: no entry into force is recorded: the code counts from the signature
    signature = "signature"
    #: a kind that does not enter into force (a political declaration) counts from its adoption
    adoption = "adoption"
    #: the amended instrument records the amendment as taking effect
    amendment = "amendment"
    #: a ratification law applies with the instrument it ratifies
    ratified_instrument = "ratified-instrument"


class WindowEnd(StrEnum):
    """What closed a code's effect window."""

    termination = "termination"
    #: the instrument it amends, ratifies or is an integral part of terminated
    parent_terminated = "parent-terminated"


# The record event a caveat on a window's start or end names.
_EVENT_OF: dict[WindowStart | WindowEnd, EventType] = {
    WindowStart.entry_into_force: "entry_into_force",
    WindowStart.signature: "signature",
    WindowStart.adoption: "signature",
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
    """One instrument's code of one dimension, as it applies in time: the unit behind every position.

    ``applies_from`` / ``applies_until`` bound its effect window (``applies_until`` exclusive, ``None`` for
    open); ``start`` says what opened the window, ``end`` what closed it. ``rank`` is the value's place on
    an ordinal dimension (``None`` on a nominal one). ``basis`` and ``grade`` are the weakest among the
    citations: a statement is only as firm as its weakest provision. ``summary`` is the instrument's own
    sentence on the whole topic; ``note`` the code's own note, if any.
    """

    instrument: str
    short_title: str
    topic: str
    dimension: str
    dimension_label: str
    measure: Measure
    value: str
    label: str
    rank: int | None
    summary: str
    citations: tuple[Citation, ...]
    basis: Basis | None
    grade: Grade | None
    applies_from: dt.date | None
    applies_until: dt.date | None
    start: WindowStart | None
    end: WindowEnd | None
    caveats: tuple[Caveat, ...]
    dated: dt.date | None = None
    note: str | None = None

    def applies_on(self, date: dt.date) -> bool:
        if self.applies_from is None or date < self.applies_from:
            return False
        return self.applies_until is None or date < self.applies_until


@dataclass(frozen=True)
class DimensionPosition:
    """One dimension of a topic on one date: the value in force and what it rests on.

    ``value`` is ``None`` when no instrument that applies on the date codes the dimension (*not
    addressed*). ``rests_on`` is the governing code (the latest instrument to address it);
    ``also_applying`` the other applying codes of the same dimension, latest first. In a matrix column of
    one instrument, ``rests_on`` is that instrument's own code and ``also_applying`` is empty.
    """

    topic: str
    dimension: str
    label: str
    measure: Measure
    date: dt.date | None
    rests_on: Support | None
    also_applying: tuple[Support, ...] = ()

    @property
    def value(self) -> str | None:
        return self.rests_on.value if self.rests_on else None

    @property
    def value_label(self) -> str | None:
        return self.rests_on.label if self.rests_on else None

    @property
    def rank(self) -> int | None:
        return self.rests_on.rank if self.rests_on else None

    @property
    def grade(self) -> Grade | None:
        return self.rests_on.grade if self.rests_on else None

    @property
    def addressed(self) -> bool:
        return self.rests_on is not None


class Composed:
    """What a set of dimension positions says as a whole: the position on a topic on a date, or a cell of
    the rights matrix. ``dimensions`` is one :class:`DimensionPosition` per dimension, in catalogue order."""

    dimensions: tuple[DimensionPosition, ...]

    @property
    def addressed(self) -> tuple[DimensionPosition, ...]:
        """The dimensions some applying instrument codes, in catalogue order."""
        return tuple(d for d in self.dimensions if d.addressed)

    @property
    def supports(self) -> tuple[Support, ...]:
        """The governing codes, in catalogue order of their dimensions."""
        return tuple(d.rests_on for d in self.dimensions if d.rests_on is not None)

    @property
    def grade(self) -> Grade | None:
        """The weakest grade among the governing codes: what the whole rests on."""
        return weakest_grade(s.grade for s in self.supports if s.grade is not None)

    def dimension(self, did: str) -> DimensionPosition:
        for d in self.dimensions:
            if d.dimension == did:
                return d
        raise UnknownName("dimension", did, (d.dimension for d in self.dimensions))


@dataclass(frozen=True)
class TopicPosition(Composed):
    """The position on one topic on one date: one :class:`DimensionPosition` per declared dimension.

    The position is a composition: each dimension rests on the latest instrument in force that addresses
    it, so several instruments hold at once (the 1999 Treaty on statehood beside the 2024 Treaty on mutual
    defence). ``dimensions`` follow the catalogue's order.
    """

    topic: str
    title: str
    date: dt.date
    dimensions: tuple[DimensionPosition, ...]

    @property
    def instruments(self) -> tuple[str, ...]:
        """The instruments the position rests on, once each, in catalogue order of the dimensions."""
        return tuple(dict.fromkeys(s.instrument for s in self.supports))


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
    eif_known = own.in_force is not None or not own.enters_into_force
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
    caveats += [
        c for c in own.caveats if c.kind in (CaveatKind.status_not_established, CaveatKind.conditional_application)
    ]
    start_kind = start.kind if isinstance(start.kind, WindowStart) else None
    end_kind = end.kind if isinstance(end.kind, WindowEnd) else None
    return _Window(start.fact, start_kind, end.fact, end_kind, tuple(caveats))


def _own_start(iid: str, own: Life) -> _Edge:
    if own.in_force is not None:
        return _Edge(own.in_force, WindowStart.entry_into_force, iid)
    if own.signed is not None:
        return _Edge(own.signed, WindowStart.signature if own.enters_into_force else WindowStart.adoption, iid)
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


def _support(inst: Instrument, assessment: Assessment, code: Code, dimension: Dimension, window: _Window) -> Support:
    citations = tuple(cite(inst, pid) for pid in code.provisions)
    caveats = list(window.caveats)
    for c in citations:
        if c.basis is Basis.paraphrase:
            caveats.append(Caveat(CaveatKind.paraphrase_only, inst.id, provision=c.ref))
        elif c.basis is Basis.translation:
            caveats.append(Caveat(CaveatKind.translation_only, inst.id, provision=c.ref))
        if c.incomplete:
            caveats.append(Caveat(CaveatKind.incomplete_text, inst.id, provision=c.ref))
    value = dimension.value(code.value)
    return Support(
        instrument=inst.id,
        short_title=inst.short_title,
        topic=assessment.topic,
        dimension=dimension.id,
        dimension_label=dimension.label,
        measure=dimension.measure,
        value=code.value,
        label=value.label if value else code.value,
        rank=dimension.rank(code.value),
        summary=assessment.summary,
        citations=citations,
        basis=weakest(c.basis for c in citations),
        grade=weakest_grade(c.grade for c in citations),
        applies_from=window.start.date if window.start else None,
        applies_until=window.end.date if window.end else None,
        start=window.start_kind,
        end=window.end_kind if window.end else None,
        caveats=tuple(dict.fromkeys(caveats)),
        dated=inst.dated,
        note=code.note,
    )


@per_corpus
def supports(corpus: Corpus) -> tuple[Support, ...]:
    """Every code of ``corpus`` as a :class:`Support` with its effect window, in corpus order (worked out
    once per corpus object: every position, thread and matrix cell reads them)."""
    life = lives(corpus)
    out = []
    for inst in corpus.instruments:
        window = _window(inst, life)
        for assessment in inst.assessments:
            topic = corpus.topics.topic(assessment.topic)
            if topic is None:
                continue
            for code in assessment.codes:
                dimension = topic.dimension(code.dimension)
                if dimension is not None:
                    out.append(_support(inst, assessment, code, dimension, window))
    return tuple(out)


# --------------------------------------------------------------------------- positions and state


def topic_of(corpus: Corpus, topic: str) -> Topic:
    """The declared topic ``topic``; an unknown name raises :class:`UnknownName` with suggestions."""
    found = corpus.topics.topic(topic)
    if found is None:
        raise UnknownName("topic", topic, (t.id for t in corpus.topics.topics))
    return found


#: Windows opened by the instrument's (or its parent's) entry into force: such a code is law in force, so it
#: governs ahead of one counted only from a signature or an adoption.
_IN_FORCE_STARTS = {WindowStart.entry_into_force, WindowStart.amendment, WindowStart.ratified_instrument}


def _governing_first(s: Support) -> tuple[bool, dt.date, dt.date, int, str]:
    """Sort key, greatest governs: in force, then latest in effect, then latest dated, then (instruments of
    one day stating different values of an ordinal dimension) the higher value, then the id."""
    rank = -1 if s.rank is None else s.rank
    return (s.start in _IN_FORCE_STARTS, s.applies_from or dt.date.min, s.dated or dt.date.min, rank, s.instrument)


def dimension_among(
    topic: Topic, dimension: Dimension, date: dt.date, all_supports: Sequence[Support]
) -> DimensionPosition:
    """The :class:`DimensionPosition` of one dimension on ``date``: the latest applying code governs."""
    applying = sorted(
        (s for s in all_supports if s.topic == topic.id and s.dimension == dimension.id and s.applies_on(date)),
        key=_governing_first,
        reverse=True,
    )
    rests_on = applying[0] if applying else None
    return DimensionPosition(
        topic.id, dimension.id, dimension.label, dimension.measure, date, rests_on, tuple(applying[1:])
    )


def position_among(topic: Topic, date: dt.date, all_supports: Sequence[Support]) -> TopicPosition:
    """The :class:`TopicPosition` of ``topic`` on ``date``, composed from the codes that apply then."""
    return TopicPosition(
        topic.id, topic.title, date, tuple(dimension_among(topic, d, date, all_supports) for d in topic.dimensions)
    )


def position_on(corpus: Corpus, topic: str, date: dt.date) -> TopicPosition:
    """The :class:`TopicPosition` of one topic on ``date``.

    >>> local = position_on(corpus, "electoral-rights", dt.date(2025, 10, 29)).dimension("vote-local")
    >>> local.value, local.rests_on.instrument, local.grade.value
    ('permanent-residents', '2025-equal-rights-protocol', 'account')
    """
    return position_among(topic_of(corpus, topic), date, supports(corpus))


def status_as_of(corpus: Corpus, date: dt.date, today: dt.date | None = None) -> AsOf:
    """The legal position on ``date``: every instrument's :class:`InstrumentStatus` and every topic's position.

    ``today`` is only passed through (the core reads no clock), so a renderer can say a date is in the
    future. A date before the first instrument gives every instrument ``not-yet-signed`` and no positions;
    a date after the last recorded event gives the position the records leave in place.

    >>> state = status_as_of(corpus, dt.date(2000, 1, 26))
    >>> state.status("1997-charter").status, state.status("1997-charter").life.terminated.by
    (<Status.terminated: 'terminated'>, '1999-union-state')
    """
    life = lives(corpus)
    relying = _relying(corpus)
    statuses = tuple(_instrument_status(inst, life, relying, date) for inst in corpus.instruments)
    all_supports = supports(corpus)
    positions = tuple(position_among(t, date, all_supports) for t in corpus.topics.topics)
    first, last = record_bounds(corpus)
    return AsOf(date, statuses, positions, first, last, today)


def _relying(corpus: Corpus) -> dict[str, set[tuple[str, RelationType]]]:
    """For each instrument, the (instrument, relation) of every other that relies on it (``_RELIED_ON``)."""
    found: dict[str, set[tuple[str, RelationType]]] = {}
    for other in corpus.instruments:
        for rel in other.relations:
            if rel.type in _RELIED_ON:
                found.setdefault(rel.target, set()).add((other.id, rel.type))
    return found


def _instrument_status(
    inst: Instrument, life: Mapping[str, Life], relying: Mapping[str, set[tuple[str, RelationType]]], date: dt.date
) -> InstrumentStatus:
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
            {(other, kind) for other, kind in relying.get(inst.id, ()) if _signed_by(life[other], date)}
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
    "Composed",
    "DimensionPosition",
    "InstrumentStatus",
    "Reliance",
    "Support",
    "TopicPosition",
    "WindowEnd",
    "WindowStart",
    "dimension_among",
    "position_among",
    "position_on",
    "status_as_of",
    "supports",
    "topic_of",
]
