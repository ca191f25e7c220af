"""The life of an instrument — signed, in force, amended, terminated — and its status on a date.

This is the one place where an instrument's dates and status are decided; ``as-of``, ``show``, the
reports and ``diff`` all read them from here.

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
* ``adopted`` — signed, for a kind of instrument that does not enter into force (a political
  declaration): it is not "entry into force not recorded", because there is none to record;
* ``in-force`` — entry into force ≤ *d* < termination (in force on the very day of entry into force);
* ``in-force-conditionally`` — in force, and from a ``conditional_application`` event on it applies only
  on the condition the record states (e.g. insofar as it does not contradict a later treaty);
* ``status-not-established`` — from a ``status_not_established`` event on, nobody established whether it is
  still in force; the event's reason says why. Reports never call it in force then;
* ``terminated`` — *d* ≥ the date it ceased to have effect, with what ended it;
* ``not-yet-in-force`` / ``no-dates-recorded`` — for records without a signature event.

    >>> import json
    >>> from legalgen.records import Instrument
    >>> def record(iid, *events, relations=()):
    ...     return Instrument.model_validate_json(json.dumps({"id": iid, "kind": "treaty", "titles": {"en": iid},
    ...         "short_title": iid, "parties": ["A", "B"], "events": events, "relations": relations}))
    >>> old = record("1997-old", {"type": "signature", "date": "1997-04-02", "verified": False},
    ...              {"type": "entry_into_force", "date": "1997-06-11", "verified": False})
    >>> new = record("1999-new", {"type": "entry_into_force", "date": "2000-01-26", "verified": False},
    ...              relations=[{"type": "terminates", "target": "1997-old"}])
    >>> life = lives([old, new])["1997-old"]
    >>> life.status_on(dt.date(1999, 1, 1)).value, life.status_on(dt.date(2000, 1, 26)).value
    ('in-force', 'terminated')
    >>> life.terminated.date, life.terminated.by
    (datetime.date(2000, 1, 26), '1999-new')
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal, TypeVar

from legalgen.records import (
    Amendment,
    ConditionalApplication,
    Corpus,
    EntryIntoForce,
    Instrument,
    RelationType,
    Signature,
    StatusNotEstablished,
    Termination,
)

#: The ``type`` of a record event (:data:`legalgen.records.models.Event`): what a caveat's ``event`` names.
EventType = Literal[
    "signature",
    "ratification",
    "entry_into_force",
    "amendment",
    "termination",
    "status_not_established",
    "conditional_application",
]


class Status(StrEnum):
    """Where an instrument stands on a date (see the module docstring for the rules)."""

    not_yet_signed = "not-yet-signed"
    signed_not_in_force = "signed-not-in-force"
    entry_into_force_not_recorded = "entry-into-force-not-recorded"
    adopted = "adopted"
    in_force = "in-force"
    in_force_conditionally = "in-force-conditionally"
    status_not_established = "status-not-established"
    terminated = "terminated"
    not_yet_in_force = "not-yet-in-force"
    no_dates_recorded = "no-dates-recorded"


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
    #: whether the instrument is still in force was not established (the text holds the reason)
    status_not_established = "status-not-established"
    #: the instrument applies only on a condition (the text holds it)
    conditional_application = "conditional-application"


@dataclass(frozen=True)
class Caveat:
    """One reason for caution, tied to the instrument (and event, provision, record text) it concerns.

    ``event`` is the type of the event concerned (``entry_into_force``, ``termination``, …; for an effect
    window, the event that opened or closed it); ``provision`` a provision reference; ``other`` the other
    instrument involved (the one a date was derived from); ``text`` the record's own words where there are
    any (an open question, an event note, a party's name).
    """

    kind: CaveatKind
    instrument: str
    event: EventType | None = None
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
    relation: RelationType | None = None
    by: str | None = None
    by_provision: str | None = None


@dataclass(frozen=True)
class Qualification:
    """A recorded limit on what can be said of an instrument's status from ``fact.date`` on.

    ``kind`` is ``status_not_established`` (``text`` holds the reason, ``other`` the instrument that raised
    the question) or ``conditional_application`` (``text`` holds the condition).
    """

    kind: Literal["status_not_established", "conditional_application"]
    fact: DatedFact
    text: str
    other: str | None = None


@dataclass(frozen=True)
class Life:
    """The dated life of one instrument: signed, in force, amended, terminated (any may be unknown).

    ``enters_into_force`` is false for a kind that has no entry into force (a political declaration);
    ``qualifications`` hold a status not established, or an application on a condition, from a date on.
    """

    instrument: str
    signed: DatedFact | None
    in_force: DatedFact | None
    terminated: DatedFact | None
    amendments: tuple[DatedFact, ...]
    caveats: tuple[Caveat, ...]
    enters_into_force: bool = True
    qualifications: tuple[Qualification, ...] = ()

    def qualification_on(self, date: dt.date) -> Qualification | None:
        """The latest qualification in effect on ``date`` (``None`` if none)."""
        found = [q for q in self.qualifications if q.fact.date <= date]
        return max(found, key=lambda q: q.fact.date) if found else None

    def status_on(self, date: dt.date) -> Status:
        """The :class:`Status` on ``date``; the day of entry into force is a day in force."""
        if self.terminated is not None and date >= self.terminated.date:
            return Status.terminated
        qualified = self.qualification_on(date)
        if qualified is not None and qualified.kind == "status_not_established":
            return Status.status_not_established
        if self.in_force is not None and date >= self.in_force.date:
            return Status.in_force_conditionally if qualified is not None else Status.in_force
        if self.signed is not None:
            if date < self.signed.date:
                return Status.not_yet_signed
            if not self.enters_into_force:
                return Status.adopted
            return Status.signed_not_in_force if self.in_force is not None else Status.entry_into_force_not_recorded
        if self.in_force is not None:
            return Status.not_yet_in_force
        return Status.no_dates_recorded

    @property
    def final_status(self) -> Status:
        """The status once every recorded event has happened: what the records leave in place, no clock read."""
        return self.status_on(dt.date.max)


# Relations by which a later instrument ends the one it targets.
_ENDS = (RelationType.terminates, RelationType.supersedes)


T = TypeVar("T")


def per_corpus(func: Callable[[Corpus], T]) -> Callable[[Corpus], T]:
    """``func(corpus)`` computed once for each corpus object, for as long as that object lives.

    A :class:`~legalgen.records.Corpus` is immutable (a frozen dataclass of frozen records), so what is
    derived from it alone never changes; a report asks for the lives and supports of one corpus hundreds of
    times. The cache is keyed by the object's identity (hashing a corpus would read every record) and an
    entry goes when its corpus is collected. ``func`` must return something its callers do not change.
    """
    cache: dict[int, tuple[weakref.ref[Corpus], T]] = {}

    @functools.wraps(func)
    def cached(corpus: Corpus) -> T:
        key = id(corpus)
        hit = cache.get(key)
        if hit is not None and hit[0]() is corpus:
            return hit[1]
        value = func(corpus)
        cache[key] = (weakref.ref(corpus, lambda _: cache.pop(key, None)), value)
        return value

    return cached


@per_corpus
def _corpus_lives(corpus: Corpus) -> Mapping[str, Life]:
    return _lives(corpus.instruments)


def lives(corpus: Corpus | Iterable[Instrument]) -> dict[str, Life]:
    """The :class:`Life` of every instrument, keyed by id, in order (see the module docstring).

    ``corpus`` is a :class:`~legalgen.records.Corpus` or any instruments with unique ids (two to compare,
    and the others that may end or date them); a relation to an instrument not among them is ignored.
    The lives of a corpus are worked out once per corpus object; each call gets its own dict.
    """
    if isinstance(corpus, Corpus):
        return dict(_corpus_lives(corpus))
    return _lives(corpus)


def _lives(corpus: Iterable[Instrument]) -> dict[str, Life]:
    instruments = tuple(corpus)
    life = {inst.id: _own_life(inst) for inst in instruments}
    parent = {
        inst.id: rel.target
        for inst in instruments
        for rel in inst.relations
        if rel.type is RelationType.integral_part_of and rel.target in life
    }
    _share_entry_into_force(life, parent)
    _end_by_relations(life, instruments)
    _end_with_parent(life, parent)
    return life


def _share_entry_into_force(life: dict[str, Life], parent: Mapping[str, str]) -> None:
    """An integral part without its own entry into force shares its parent's (never before its signature)."""
    for iid, pid in parent.items():
        own, p_in_force = life[iid], life[pid].in_force
        if own.in_force is not None or p_in_force is None:
            continue
        in_force = _derived(p_in_force, pid, RelationType.integral_part_of)
        signed = own.signed
        if signed is not None and signed.date > in_force.date:
            in_force = DatedFact(signed.date, signed.sources, signed.verified, pid, RelationType.integral_part_of)
        caveats = (*own.caveats, Caveat(CaveatKind.derived_date, iid, "entry_into_force", in_force.date, other=pid))
        caveats = tuple(c for c in caveats if c.kind is not CaveatKind.entry_into_force_not_recorded)
        life[iid] = replace(own, in_force=in_force, caveats=caveats)


def _end_by_relations(life: dict[str, Life], instruments: Iterable[Instrument]) -> None:
    """Termination by another instrument's ``terminates``/``supersedes``, from that instrument's entry into force."""
    for inst in instruments:
        for rel in inst.relations:
            if rel.type not in _ENDS or rel.target not in life:
                continue
            target = life[rel.target]
            ended = target.terminated
            if ended is not None and ended.derived_from is None:
                continue  # the record's own termination event wins
            ender_in_force = life[inst.id].in_force
            if ender_in_force is None:
                unknown = Caveat(CaveatKind.termination_date_unknown, rel.target, "termination", other=inst.id)
                life[rel.target] = replace(target, caveats=(*target.caveats, unknown))
                continue
            candidate = DatedFact(
                ender_in_force.date,
                rel.sources or ender_in_force.sources,
                ender_in_force.verified,
                derived_from=inst.id,
                relation=rel.type,
                by=inst.id,
                by_provision=rel.via,
            )
            if ended is None or candidate.date < ended.date:
                kept = tuple(
                    c for c in target.caveats if c.kind is not CaveatKind.derived_date or c.event != "termination"
                )
                derived = Caveat(CaveatKind.derived_date, rel.target, "termination", candidate.date, other=inst.id)
                life[rel.target] = replace(target, terminated=candidate, caveats=(*kept, derived))


def _end_with_parent(life: dict[str, Life], parent: Mapping[str, str]) -> None:
    """An integral part without its own termination ends with its parent."""
    for iid, pid in parent.items():
        own, p_ended = life[iid], life[pid].terminated
        if own.terminated is not None or p_ended is None:
            continue
        ended = DatedFact(
            p_ended.date, p_ended.sources, p_ended.verified, pid, RelationType.integral_part_of, p_ended.by
        )
        derived = Caveat(CaveatKind.derived_date, iid, "termination", ended.date, other=pid)
        life[iid] = replace(own, terminated=ended, caveats=(*own.caveats, derived))


def _own_life(inst: Instrument) -> Life:
    """The life the instrument's own events give, before what other instruments say about it."""
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
    if in_force is None and signed is not None and inst.kind.enters_into_force:
        caveats.append(Caveat(CaveatKind.entry_into_force_not_recorded, inst.id, "entry_into_force"))
    qualifications = []
    for event in sorted(inst.events, key=lambda e: e.date):
        if isinstance(event, StatusNotEstablished):
            fact = DatedFact(event.date, tuple(event.sources), event.verified)
            qualifications.append(Qualification("status_not_established", fact, event.reason, event.after))
            caveats.append(
                Caveat(
                    CaveatKind.status_not_established,
                    inst.id,
                    event.type,
                    event.date,
                    other=event.after,
                    text=event.reason,
                )
            )
        elif isinstance(event, ConditionalApplication):
            fact = DatedFact(event.date, tuple(event.sources), event.verified)
            qualifications.append(Qualification("conditional_application", fact, event.condition))
            caveats.append(
                Caveat(CaveatKind.conditional_application, inst.id, event.type, event.date, text=event.condition)
            )
    ends = sorted((e for e in inst.events if isinstance(e, Termination)), key=lambda e: e.date)
    terminated = _fact(ends[0]) if ends else None
    amended = tuple(
        _fact(e) for e in sorted((e for e in inst.events if isinstance(e, Amendment)), key=lambda e: (e.date, e.by))
    )
    for q in inst.open_questions:
        caveats.append(Caveat(CaveatKind.open_question, inst.id, text=q))
    return Life(
        inst.id,
        signed,
        in_force,
        terminated,
        amended,
        tuple(caveats),
        inst.kind.enters_into_force,
        tuple(qualifications),
    )


def _fact(event: Signature | EntryIntoForce | Termination | Amendment) -> DatedFact:
    by = event.by if isinstance(event, Termination | Amendment) else None
    by_provision = event.by_provision if isinstance(event, Termination) else None
    return DatedFact(event.date, tuple(event.sources), event.verified, by=by, by_provision=by_provision)


def _derived(fact: DatedFact, other: str, relation: RelationType) -> DatedFact:
    return DatedFact(fact.date, fact.sources, fact.verified, other, relation, fact.by, fact.by_provision)


def record_bounds(corpus: Corpus) -> tuple[dt.date | None, dt.date | None]:
    """What the records cover: the first signature and the last recorded event of ``corpus``."""
    signatures = [i.signature.date for i in corpus.instruments if i.signature]
    events = [e.date for i in corpus.instruments for e in i.events]
    return (min(signatures) if signatures else None, max(events) if events else None)


__all__ = [
    "Caveat",
    "CaveatKind",
    "DatedFact",
    "EventType",
    "Life",
    "Qualification",
    "Status",
    "lives",
    "record_bounds",
]
