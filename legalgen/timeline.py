"""Across time: the life of each instrument, the legal position on a date, and how it changed.

Three questions a lawyer asks of a corpus of instruments, each answered by one function:

* :func:`status_as_of` — *what was the legal position on this date?* Which instruments were signed, in
  force, amended or terminated, and for each topic the position then in force with the provisions that
  establish it.
* :func:`topic_threads` — *how did the position on a topic change, and why?* The ordered periods of one
  position each, with the date of every change, its direction and the instrument that caused it.
* :func:`rights_matrix` — *who says what?* Topic × instrument (or topic × year) with the position and its
  citation in each cell.

Clause genealogy (which provision carries a clause forward) is in :mod:`legalgen.genealogy`.

Everything returned is a frozen dataclass built from the records; nothing here formats text for display
(except the pin cite a lawyer writes, ``Charter of the Union (1997), art. 2``), reads the clock or imports
a renderer. Every statement carries what it rests on: the provisions, how their wording is known
(:class:`Basis`: verbatim, translation or paraphrase only), the sources, and :class:`Caveat` flags for
anything the records mark as unverified or could not establish.

**The life of an instrument** (:class:`Life`) comes from its events and from what other instruments say
about it:

* *signed* — the signature event.
* *in force* — the earliest entry-into-force event for all parties (an event without ``party``, or, failing
  that, the latest of per-party events once every party has one). An instrument that is an
  ``integral_part_of`` another and records no entry into force of its own shares the other's (the date is
  marked *derived*).
* *terminated* — the earliest termination event. Failing one, the entry into force of an instrument whose
  relation ``terminates`` or ``supersedes`` it (derived); failing that, the termination of the instrument
  it is an integral part of (derived).
* *amended* — amendment events: amended by ``by`` with effect from ``date``.

**Status on a date** (:class:`Status`), for a date *d*:

* ``not-yet-signed`` — *d* is before the signature;
* ``signed-not-in-force`` — signed, and *d* is before the recorded entry into force;
* ``entry-into-force-not-recorded`` — signed, and the records give no entry into force. We do **not** claim
  it is not in force: the Friendship Treaty (1995) and the Equal Rights Treaty (1998) are in this state,
  yet later instruments build on or amend them. Later instruments that rely on it (``amends``,
  ``builds_on``, ``implements``, ``ratifies``, ``integral_part_of``) are listed as ``relied_on_by``;
* ``in-force`` — entry into force ≤ *d* < termination (in force on the very day of entry into force);
* ``terminated`` — *d* ≥ the date it ceased to have effect, with what ended it;
* ``not-yet-in-force`` / ``no-dates-recorded`` — for records without a signature event.

**Which assessments count on a date.** An instrument's assessment of a topic applies from the start of its
*effect window* to its end:

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

The **position on a topic** at *d* is the highest position on the topic's scale (``topics.yaml``, least to
most) among the assessments that apply at *d*. It can go down: when the instrument establishing it
terminates, the next highest takes over, or none.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> state = status_as_of(corpus, dt.date(1997, 6, 11))
    >>> state.position("citizenship").position
    'union-citizenship'
    >>> state.position("citizenship").established_by[0].citations[0].pin_cite
    'Charter of the Union (1997), art. 2'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from .corpus import Corpus
from .errors import UnknownName
from .ids import article_label, parse_provision_id
from .models import (
    Amendment,
    Assessment,
    EntryIntoForce,
    Instrument,
    Paraphrase,
    Provision,
    RelationType,
    Rendering,
    Signature,
    Termination,
    Topic,
    Verbatim,
)

# --------------------------------------------------------------------------- vocabulary


class Status(StrEnum):
    """Where an instrument stands on a date (see the module docstring for the rules)."""

    not_yet_signed = "not-yet-signed"
    signed_not_in_force = "signed-not-in-force"
    entry_into_force_not_recorded = "entry-into-force-not-recorded"
    in_force = "in-force"
    terminated = "terminated"
    not_yet_in_force = "not-yet-in-force"
    no_dates_recorded = "no-dates-recorded"


class Basis(StrEnum):
    """How the wording behind a statement is known, strongest first.

    ``verbatim``: the original-language wording was seen in a named source. ``translation``: only a
    translation's wording was seen (official or not). ``paraphrase``: no wording was seen, only a summary.
    """

    verbatim = "verbatim"
    translation = "translation"
    paraphrase = "paraphrase"


class CaveatKind(StrEnum):
    """Why a statement must not be read as established fact without qualification."""

    #: the records give no entry into force; the position counts as stated by a signed instrument
    entry_into_force_not_recorded = "entry-into-force-not-recorded"
    #: only some parties have a recorded entry into force
    partial_entry_into_force = "partial-entry-into-force"
    #: an event the statement rests on is marked ``verified: false``
    unverified_event = "unverified-event"
    #: a date derived from another instrument (relation or integral part), not recorded on this one
    derived_date = "derived-date"
    #: a cited provision's wording is known only as a paraphrase
    paraphrase_only = "paraphrase-only"
    #: a cited provision's wording is known only in translation
    translation_only = "translation-only"
    #: a cited provision's wording was seen only in part
    incomplete_text = "incomplete-text"
    #: another instrument terminates or supersedes this one, but its own entry into force is not recorded
    termination_date_unknown = "termination-date-unknown"
    #: an open question recorded on the instrument
    open_question = "open-question"


class Direction(StrEnum):
    """How a change moved a topic's position on its scale."""

    first = "first"
    up = "up"
    down = "down"
    same = "same"  # the position is unchanged but the instruments establishing it changed


# --------------------------------------------------------------------------- facts and citations


@dataclass(frozen=True)
class SourceRef:
    """A source as declared in an instrument record (see :class:`legalgen.models.Source`)."""

    id: str
    title: str
    url: str | None
    reliability: str


@dataclass(frozen=True)
class Caveat:
    """One reason for caution, tied to the instrument (and event, provision, record text) it concerns.

    ``event`` is an event type (``entry_into_force``, ``termination``, …) or what opened or closed an effect
    window; ``provision`` a provision reference; ``other`` the other instrument involved (the one a date was
    derived from); ``text`` the record's own words where there are any (an open question, an event note, a
    party's name).
    """

    kind: CaveatKind
    instrument: str
    event: str | None = None
    date: dt.date | None = None
    provision: str | None = None
    other: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class DatedFact:
    """A date in an instrument's life and what it rests on.

    ``derived_from`` names the other instrument whose event gave the date (with ``relation``, the relation
    that carried it) when the instrument's own record does not state it. ``by`` / ``by_provision`` name the
    instrument and provision that terminated or amended it.
    """

    date: dt.date
    sources: tuple[str, ...]
    verified: bool
    derived_from: str | None = None
    relation: str | None = None
    by: str | None = None
    by_provision: str | None = None


@dataclass(frozen=True)
class Life:
    """The dated life of one instrument: signed, in force, amended, terminated (any may be unknown)."""

    instrument: str
    signed: DatedFact | None
    in_force: DatedFact | None
    terminated: DatedFact | None
    amendments: tuple[DatedFact, ...]
    caveats: tuple[Caveat, ...]

    def status_on(self, date: dt.date) -> Status:
        """The :class:`Status` on ``date``; the day of entry into force is a day in force."""
        if self.terminated is not None and date >= self.terminated.date:
            return Status.terminated
        if self.in_force is not None and date >= self.in_force.date:
            return Status.in_force
        if self.signed is not None:
            if date < self.signed.date:
                return Status.not_yet_signed
            return Status.signed_not_in_force if self.in_force is not None else Status.entry_into_force_not_recorded
        if self.in_force is not None:
            return Status.not_yet_in_force
        return Status.no_dates_recorded


@dataclass(frozen=True)
class Citation:
    """One provision a statement rests on, as a lawyer pin-cites it, and how its wording is known.

    >>> Citation("1997-charter/art-2", "1997-charter", "art-2", "Charter of the Union (1997), art. 2",
    ...          Basis.verbatim, False, ()).pin_cite
    'Charter of the Union (1997), art. 2'
    """

    ref: str
    instrument: str
    provision: str
    pin_cite: str
    basis: Basis
    incomplete: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Support:
    """One instrument's assessment of a topic, as it applies in time: the unit behind every position.

    ``applies_from`` / ``applies_until`` bound its effect window (``applies_until`` exclusive, ``None`` for
    open); ``start`` says what opened the window (``entry-into-force``, ``signature``, ``amendment``,
    ``ratified-instrument``), ``end`` what closed it (``termination``, ``parent-terminated``). ``basis`` is the
    weakest basis among the citations (a statement is only as firm as its weakest provision), ``None``
    when the assessment cites no provision.
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
    start: str | None
    end: str | None
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
    relation: str


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


@dataclass(frozen=True)
class Cause:
    """What happened on the day of a change: an assessment's window opened (``start``) or closed (``end``)."""

    instrument: str
    short_title: str
    edge: str
    kind: str
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


@dataclass(frozen=True)
class MatrixColumn:
    """A column of the rights matrix: an instrument (``key`` = its id) or a year (``key`` = ``"1997"``).

    ``date`` is the instrument's signature or the date a year column is read on (31 December).
    """

    key: str
    label: str
    date: dt.date | None


@dataclass(frozen=True)
class MatrixCell:
    """One topic × column cell: a position, its label and the supports (with citations) behind it."""

    topic: str
    column: str
    position: str | None
    label: str | None
    rank: int
    supports: tuple[Support, ...]


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


# --------------------------------------------------------------------------- lives


_RELIED_ON = {
    RelationType.amends,
    RelationType.builds_on,
    RelationType.implements,
    RelationType.ratifies,
    RelationType.integral_part_of,
}
_ENDS = (RelationType.terminates, RelationType.supersedes)


def lives(corpus: Corpus) -> dict[str, Life]:
    """The :class:`Life` of every instrument of ``corpus``, keyed by id (see the module docstring)."""
    own = {inst.id: _own_life(inst) for inst in corpus.instruments}
    parent = {
        inst.id: rel.target
        for inst in corpus.instruments
        for rel in inst.relations
        if rel.type is RelationType.integral_part_of
    }
    # 1. an integral part without its own entry into force shares its parent's
    for iid, pid in parent.items():
        signed, in_force, ended, amended, caveats = own[iid]
        p_in_force = own[pid][1]
        if in_force is None and p_in_force is not None:
            in_force = _derived(p_in_force, pid, RelationType.integral_part_of.value)
            if signed is not None and signed.date > in_force.date:
                in_force = DatedFact(signed.date, signed.sources, signed.verified, pid, "integral_part_of")
            caveats = (*caveats, Caveat(CaveatKind.derived_date, iid, "entry_into_force", in_force.date, other=pid))
            caveats = tuple(c for c in caveats if c.kind is not CaveatKind.entry_into_force_not_recorded)
            own[iid] = (signed, in_force, ended, amended, caveats)
    # 2. termination by another instrument's relation, from that instrument's entry into force
    for inst in corpus.instruments:
        for rel in inst.relations:
            if rel.type not in _ENDS or rel.target not in own:
                continue
            signed, in_force, ended, amended, caveats = own[rel.target]
            if ended is not None and ended.derived_from is None:
                continue
            ender_in_force = own[inst.id][1]
            if ender_in_force is None:
                caveats = (
                    *caveats,
                    Caveat(CaveatKind.termination_date_unknown, rel.target, "termination", other=inst.id),
                )
                own[rel.target] = (signed, in_force, ended, amended, caveats)
                continue
            candidate = DatedFact(
                ender_in_force.date,
                rel.sources or ender_in_force.sources,
                ender_in_force.verified,
                derived_from=inst.id,
                relation=rel.type.value,
                by=inst.id,
                by_provision=rel.via,
            )
            if ended is None or candidate.date < ended.date:
                caveats = tuple(c for c in caveats if c.kind is not CaveatKind.derived_date or c.event != "termination")
                caveats = (
                    *caveats,
                    Caveat(CaveatKind.derived_date, rel.target, "termination", candidate.date, other=inst.id),
                )
                own[rel.target] = (signed, in_force, candidate, amended, caveats)
    # 3. an integral part without its own termination ends with its parent
    for iid, pid in parent.items():
        signed, in_force, ended, amended, caveats = own[iid]
        p_ended = own[pid][2]
        if ended is None and p_ended is not None:
            ended = DatedFact(p_ended.date, p_ended.sources, p_ended.verified, pid, "integral_part_of", p_ended.by)
            caveats = (*caveats, Caveat(CaveatKind.derived_date, iid, "termination", ended.date, other=pid))
            own[iid] = (signed, in_force, ended, amended, caveats)
    return {iid: Life(iid, *parts) for iid, parts in own.items()}


_LifeParts = tuple[DatedFact | None, DatedFact | None, DatedFact | None, tuple[DatedFact, ...], tuple[Caveat, ...]]


def _own_life(inst: Instrument) -> _LifeParts:
    caveats: list[Caveat] = []
    for event in sorted(inst.events, key=lambda e: (e.date, e.type)):
        if not event.verified:
            caveats.append(Caveat(CaveatKind.unverified_event, inst.id, event.type, event.date, text=event.note))
    sig = inst.signature
    signed = _fact(sig) if sig else None
    in_force = None
    eifs = sorted((e for e in inst.events if isinstance(e, EntryIntoForce)), key=lambda e: e.date)
    general = [e for e in eifs if e.party is None]
    if general:
        in_force = _fact(general[0])
    elif eifs:
        parties = {e.party for e in eifs}
        if set(inst.parties) <= parties:
            in_force = _fact(eifs[-1])
        else:
            for e in eifs:
                caveats.append(Caveat(CaveatKind.partial_entry_into_force, inst.id, e.type, e.date, text=e.party))
    if in_force is None and signed is not None:
        caveats.append(Caveat(CaveatKind.entry_into_force_not_recorded, inst.id, "entry_into_force"))
    ends = sorted((e for e in inst.events if isinstance(e, Termination)), key=lambda e: e.date)
    terminated = _fact(ends[0]) if ends else None
    amended = tuple(
        _fact(e) for e in sorted((e for e in inst.events if isinstance(e, Amendment)), key=lambda e: (e.date, e.by))
    )
    for q in inst.open_questions:
        caveats.append(Caveat(CaveatKind.open_question, inst.id, text=q))
    return signed, in_force, terminated, amended, tuple(caveats)


def _fact(event: Signature | EntryIntoForce | Termination | Amendment) -> DatedFact:
    by = event.by if isinstance(event, Termination | Amendment) else None
    by_provision = event.by_provision if isinstance(event, Termination) else None
    return DatedFact(event.date, tuple(event.sources), event.verified, by=by, by_provision=by_provision)


def _derived(fact: DatedFact, other: str, relation: str) -> DatedFact:
    return DatedFact(fact.date, fact.sources, fact.verified, other, relation, fact.by, fact.by_provision)


# --------------------------------------------------------------------------- citations and supports


def provision_basis(prov: Provision) -> tuple[Basis, bool, tuple[Verbatim | Paraphrase, ...]]:
    """How a provision's wording is known: its :class:`Basis`, whether cut off, and the texts behind it.

    An original-language verbatim text makes it ``verbatim``; failing that, a verbatim translation makes it
    ``translation``; otherwise it is ``paraphrase``. ``incomplete`` is true when every verbatim text at that
    basis is cut off in its source.
    """
    originals = tuple(t for t in prov.verbatim if t.rendering is Rendering.original)
    translations = tuple(t for t in prov.verbatim if t.rendering is not Rendering.original)
    if originals:
        return Basis.verbatim, all(t.incomplete for t in originals), originals
    if translations:
        return Basis.translation, all(t.incomplete for t in translations), translations
    return Basis.paraphrase, False, prov.paraphrases


def cite(inst: Instrument, provision: str) -> Citation:
    """The :class:`Citation` of provision ``provision`` (e.g. ``"art-2"``) of ``inst``."""
    prov = inst.provision(provision)
    article, paragraph = parse_provision_id(provision)
    pin = f"{inst.short_title}, {article_label(article, paragraph)}"
    if prov is None:  # the corpus check makes this unreachable for a loaded corpus
        return Citation(f"{inst.id}/{provision}", inst.id, provision, pin, Basis.paraphrase, False, ())
    basis, incomplete, texts = provision_basis(prov)
    source_ids: list[str] = []
    for t in texts:
        for sid in (t.source,) if isinstance(t, Verbatim) else t.sources:
            if sid not in source_ids:
                source_ids.append(sid)
    sources = tuple(_source_ref(inst, sid) for sid in source_ids)
    return Citation(f"{inst.id}/{provision}", inst.id, provision, pin, basis, incomplete, sources)


def _source_ref(inst: Instrument, sid: str) -> SourceRef:
    src = inst.source(sid)
    if src is None:
        return SourceRef(sid, sid, None, "unknown")
    return SourceRef(src.id, src.title, src.url, src.reliability.value)


_BASIS_ORDER = list(Basis)


def weakest(bases: Iterable[Basis]) -> Basis | None:
    """The weakest of ``bases`` (``paraphrase`` < ``translation`` < ``verbatim``), ``None`` if empty."""
    found = list(bases)
    return max(found, key=_BASIS_ORDER.index) if found else None


@dataclass(frozen=True)
class _Window:
    start: DatedFact | None
    start_kind: str | None
    end: DatedFact | None
    end_kind: str | None
    caveats: tuple[Caveat, ...]


# What opened or closed an effect window → the record event type a caveat names.
_EVENT_OF = {
    "entry-into-force": "entry_into_force",
    "signature": "signature",
    "amendment": "amendment",
    "ratified-instrument": "entry_into_force",
    "termination": "termination",
    "parent-terminated": "termination",
}


def _window(inst: Instrument, life: dict[str, Life]) -> _Window:
    own = life[inst.id]
    caveats: list[Caveat] = []
    start: DatedFact | None
    start_kind: str | None
    if own.in_force is not None:
        start, start_kind = own.in_force, "entry-into-force"
    elif own.signed is not None:
        start, start_kind = own.signed, "signature"
    else:
        start, start_kind = None, None
    end, end_kind = own.terminated, "termination" if own.terminated else None
    # whose event the start and end are (another instrument's for ratifications and dependants)
    start_of = end_of = inst.id
    eif_known = own.in_force is not None
    for rel in inst.relations:
        target = life.get(rel.target)
        if target is None:
            continue
        if rel.type is RelationType.amends:
            effects = [a for a in target.amendments if a.by == inst.id]
            if effects and (start is None or effects[0].date > start.date or not eif_known):
                start, start_kind, start_of, eif_known = effects[0], "amendment", rel.target, True
        if rel.type is RelationType.ratifies:
            t_start = target.in_force or target.signed
            if t_start is not None and (start is None or t_start.date > start.date):
                start, start_kind, start_of = t_start, "ratified-instrument", rel.target
                eif_known = target.in_force is not None
        if rel.type in (RelationType.amends, RelationType.ratifies, RelationType.integral_part_of):
            t_end = target.terminated
            if t_end is not None and (end is None or t_end.date < end.date):
                end, end_kind, end_of = t_end, "parent-terminated", rel.target
    if start is not None and not eif_known:
        # event="signature": the position is counted from a signature, for want of an entry into force
        other = None if start_of == inst.id else start_of
        caveats.append(Caveat(CaveatKind.entry_into_force_not_recorded, inst.id, "signature", start.date, other=other))
    for fact, kind, of in ((start, start_kind, start_of), (end, end_kind, end_of)):
        if fact is None or kind is None:
            continue
        other = fact.derived_from or (None if of == inst.id else of)
        if not fact.verified:
            caveats.append(Caveat(CaveatKind.unverified_event, inst.id, _EVENT_OF[kind], fact.date, other=other))
        if fact.derived_from is not None:
            caveats.append(Caveat(CaveatKind.derived_date, inst.id, _EVENT_OF[kind], fact.date, other=other))
    return _Window(start, start_kind, end, end_kind, tuple(caveats))


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


def _position(topic: Topic, date: dt.date, all_supports: Sequence[Support]) -> TopicPosition:
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

    >>> position_on(corpus, "electoral-rights", dt.date(2025, 10, 29)).position
    'local'
    """
    return _position(topic_of(corpus, topic), date, supports(corpus))


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
    all_supports = supports(corpus)
    statuses = []
    for inst in corpus.instruments:
        own = life[inst.id]
        status = own.status_on(date)
        in_effect = tuple(a for a in own.amendments if a.date <= date)
        pending = tuple(
            a
            for a in own.amendments
            if a.date > date
            and a.by is not None
            and _signed_by(life.get(a.by), date)
            and status is not Status.terminated
        )
        relied = tuple(
            Reliance(iid, kind)
            for iid, kind in sorted(
                {
                    (other.id, rel.type.value)
                    for other in corpus.instruments
                    for rel in other.relations
                    if rel.target == inst.id and rel.type in _RELIED_ON and _signed_by(life[other.id], date)
                }
            )
        )
        statuses.append(
            InstrumentStatus(inst.id, inst.short_title, inst.kind.value, date, status, own, in_effect, pending, relied)
        )
    positions = tuple(_position(t, date, all_supports) for t in corpus.topics.topics)
    first, last = _record_bounds(corpus)
    return AsOf(date, tuple(statuses), positions, first, last, today)


def _signed_by(life: Life | None, date: dt.date) -> bool:
    if life is None:
        return False
    first = life.signed or life.in_force
    return first is not None and first.date <= date


def _record_bounds(corpus: Corpus) -> tuple[dt.date | None, dt.date | None]:
    signatures = [i.signature.date for i in corpus.instruments if i.signature]
    events = [e.date for i in corpus.instruments for e in i.events]
    return (min(signatures) if signatures else None, max(events) if events else None)


# --------------------------------------------------------------------------- threads


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
    """The :class:`TopicThread` of one topic; an unknown topic raises :class:`UnknownName`."""
    return _thread(topic_of(corpus, topic), supports(corpus), until)


def _thread(topic: Topic, all_supports: Sequence[Support], until: dt.date | None) -> TopicThread:
    mine = [s for s in all_supports if s.topic == topic.id]
    dates = sorted({d for s in mine for d in (s.applies_from, s.applies_until) if d is not None})
    if until is not None:
        dates = [d for d in dates if d <= until]
    steps: list[ThreadStep] = []
    before: TopicPosition | None = None
    for date in dates:
        now = _position(topic, date, mine)
        if before is not None and (now.position, now.instruments) == (before.position, before.instruments):
            continue
        if before is None and now.position is None:
            continue
        causes = tuple(
            Cause(s.instrument, s.short_title, edge, kind or "", s.position)
            for s in mine
            for edge, day, kind in (("start", s.applies_from, s.start), ("end", s.applies_until, s.end))
            if day == date
        )
        prev_rank = before.rank if before else -1
        if before is None:
            direction = Direction.first
        elif now.rank > prev_rank:
            direction = Direction.up
        elif now.rank < prev_rank:
            direction = Direction.down
        else:
            direction = Direction.same
        steps.append(
            ThreadStep(
                topic.id,
                date,
                None,
                now,
                before.position if before else None,
                before.label if before else None,
                direction,
                tuple(sorted(causes, key=lambda c: (c.edge != "end", c.instrument))),
            )
        )
        before = now
    closed = tuple(
        ThreadStep(
            s.topic, s.since, steps[i + 1].since, s.position, s.previous, s.previous_label, s.direction, s.causes
        )
        if i + 1 < len(steps)
        else s
        for i, s in enumerate(steps)
    )
    return TopicThread(topic.id, topic.title, tuple((p.id, p.label) for p in topic.scale), closed)


# --------------------------------------------------------------------------- matrix


def rights_matrix(corpus: Corpus, by: Literal["instrument", "year"] = "instrument") -> RightsMatrix:
    """The rights matrix of ``corpus``.

    ``by="instrument"``: one column per instrument (in order of signature); each cell is what that
    instrument itself states on the topic (its assessment and citations), empty when it does not assess it.
    ``by="year"``: one column per year from the first signature to the last recorded event; each cell is the
    position in force on 31 December of that year (the position the year ended with).

    >>> m = rights_matrix(corpus, by="year")
    >>> m.cell("electoral-rights", "2025").position
    'local'
    """
    all_supports = supports(corpus)
    topics = corpus.topics.topics
    columns: list[MatrixColumn]
    rows: list[tuple[MatrixCell, ...]] = []
    if by == "instrument":
        columns = [
            MatrixColumn(i.id, i.short_title, i.signature.date if i.signature else None) for i in corpus.instruments
        ]
        for topic in topics:
            row = []
            for col in columns:
                found = next((s for s in all_supports if s.instrument == col.key and s.topic == topic.id), None)
                if found is None:
                    row.append(MatrixCell(topic.id, col.key, None, None, -1, ()))
                else:
                    row.append(MatrixCell(topic.id, col.key, found.position, found.label, found.rank, (found,)))
            rows.append(tuple(row))
    elif by == "year":
        first, last = _record_bounds(corpus)
        years = range(first.year, last.year + 1) if first and last else range(0)
        columns = [MatrixColumn(str(y), str(y), dt.date(y, 12, 31)) for y in years]
        for topic in topics:
            row = []
            for col in columns:
                assert col.date is not None
                pos = _position(topic, col.date, all_supports)
                row.append(MatrixCell(topic.id, col.key, pos.position, pos.label, pos.rank, pos.established_by))
            rows.append(tuple(row))
    else:
        raise ValueError(f"by must be 'instrument' or 'year', not {by!r}")
    return RightsMatrix(by, tuple((t.id, t.title) for t in topics), tuple(columns), tuple(rows))


__all__ = [
    "AsOf",
    "Basis",
    "Cause",
    "Caveat",
    "CaveatKind",
    "Citation",
    "DatedFact",
    "Direction",
    "InstrumentStatus",
    "Life",
    "MatrixCell",
    "MatrixColumn",
    "Reliance",
    "RightsMatrix",
    "SourceRef",
    "Status",
    "Support",
    "ThreadStep",
    "TopicPosition",
    "TopicThread",
    "cite",
    "lives",
    "position_on",
    "provision_basis",
    "rights_matrix",
    "status_as_of",
    "supports",
    "topic_of",
    "topic_thread",
    "topic_threads",
    "weakest",
]
