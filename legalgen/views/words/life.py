"""The life of an instrument in words: its signature, events, status on a date, and what changed a position.

Each fact has one phrase here, for every format. How the phrase names dates and other instruments is the
reader's :class:`~legalgen.views.words.common.Naming` (long dates and short titles in a document, ISO dates
and ids in the terminal); the words themselves do not change with the format.

    >>> from legalgen.analysis import Cause
    >>> cause_text(Cause("1997-charter", "Charter of the Union (1997)", "end", "termination"))
    'the Charter of the Union (1997) ceased to have effect'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from legalgen import analysis as tl
from legalgen.records import (
    Amendment,
    ConditionalApplication,
    EntryIntoForce,
    Event,
    Instrument,
    Ratification,
    RelationType,
    Signature,
    StatusNotEstablished,
    Termination,
)
from legalgen.views.words.common import (
    Naming,
    by_its,
    evidence,
    full_stop,
    long_date,
    provision_label,
    sentence_case,
)

# --------------------------------------------------------------------------- signature and events


def signature_phrase(inst: Instrument) -> str:
    """``signed at Moscow on 8 December 1999``, flagging a place or date no source confirmed."""
    sig = inst.signature
    if sig is None:
        d = inst.dated
        return f"dated {long_date(d)}" if d else "date not recorded"
    place = ""
    if sig.place:
        place = f" at {sig.place}" + ("" if sig.place_verified else " (place not verified)")
    return f"signed{place} on {long_date(sig.date)}" + ("" if sig.verified else " (not verified)")


def signed_fact(inst: Instrument) -> str:
    """``21 February 1995, Minsk (place not verified)`` for a brief's header."""
    sig = inst.signature
    if sig is None:
        return "—"
    text = long_date(sig.date) + ("" if sig.verified else " (not verified)")
    if sig.place:
        text += f", {sig.place}" + ("" if sig.place_verified else " (place not verified)")
    return text


def citation(inst: Instrument) -> str:
    """The full citation: title, signature, publication (``Treaty on …, signed at Moscow on 8 December 1999.``)."""
    out = f"{inst.title}, {signature_phrase(inst)}"
    if inst.publication:
        out += "; published in " + "; ".join(inst.publication)
    return out + "."


def _unverified(verified: bool) -> str:
    return "" if verified else " (not verified by a source)"


def describe_event(event: Event, inst: Instrument, names: Mapping[str, str] | None = None) -> str:
    """One event in a sentence, flagging what no source confirmed; other instruments by their short titles.

    ``8 December 1999: entry into force.``, ``26 January 2000: ceased to have effect by art. 70(1) of the
    Union State Treaty (1999).``
    """
    naming = Naming.prose(names or {})
    when = long_date(event.date)
    if isinstance(event, Signature):
        text = sentence_case(signature_phrase(inst))
        if event.signatories:
            signed = "; ".join(s.name + (f" ({s.for_party})" if s.for_party else "") for s in event.signatories)
            text += f", by {signed}" + ("" if event.signatories_verified else " (signatories not verified)")
        return text + "."
    if isinstance(event, Amendment):
        what = ", ".join(provision_label(p) for p in event.provisions)
        text = f"{when}: " + (f"{what} amended" if what else "amended") + f" by {naming.instrument(event.by)}"
        text += _unverified(event.verified)
        return text + f" — {full_stop(event.summary)}" if event.summary else text + "."
    if isinstance(event, Ratification):
        act = f": {event.act}" if event.act else ""
        text = f"{when}: {event.party}, {event.step or 'ratification'}{act}"
    elif isinstance(event, EntryIntoForce):
        text = f"{when}: entry into force" + (f" ({event.party})" if event.party else "")
    elif isinstance(event, StatusNotEstablished):
        after = f" after {naming.instrument(event.after)}" if event.after else ""
        text = f"{when}: status not established{after} — {event.reason.rstrip('.')}"
    elif isinstance(event, ConditionalApplication):
        text = f"{when}: from this date it {event.condition.rstrip('.')}"
    else:
        assert isinstance(event, Termination)
        text = f"{when}: ceased to have effect{_ended_by(event.by, event.by_provision, naming)}"
    return text + _unverified(event.verified) + "."


def _ended_by(by: str | None, provision: str | None, naming: Naming) -> str:
    """`` by art. 70(1) of the Union State Treaty (1999)``, `` by the Union State Treaty (1999)`` or nothing."""
    if by and provision:
        return f" by {provision_label(provision)} of {naming.instrument(by)}"
    return f" by {naming.instrument(by)}" if by else ""


def relation_text(
    kind: RelationType,
    target: str,
    provision: str | None,
    via: str | None,
    naming: Naming,
    renumbering: Mapping[str, str] | None = None,
) -> str:
    """``Terminates the Charter of the Union (1997) by its art. 70(1)``: how this instrument acts on another.

    A consolidation lists its renumbering: ``Consolidates the EC Treaty (1992) under new numbers (art. 8 is
    art. 20 here)``.
    """
    whom = naming.instrument(target)
    if provision:
        whom += f", {provision_label(provision)}" + ("," if via else "")
    text = f"{sentence_case(kind.value.replace('_', ' '))} {whom}" + (f" {by_its(via)}" if via else "")
    if renumbering:
        pairs = "; ".join(f"{provision_label(old)} is {provision_label(new)} here" for old, new in renumbering.items())
        text += f" under new numbers ({pairs})"
    return text


# --------------------------------------------------------------------------- status on a date


def _fact_notes(fact: tl.DatedFact, naming: Naming, by: str = "") -> str:
    """`` (by …; date derived from …; not verified)``: what a status date rests on, in one parenthesis."""
    notes = [by] if by else []
    if fact.derived_from:
        notes.append(f"date derived from {naming.instrument(fact.derived_from)}")
    if not fact.verified:
        notes.append("not verified")
    return f" ({'; '.join(notes)})" if notes else ""


#: How a later instrument relies on one whose entry into force is not recorded (``… builds on it``).
_RELIES = {
    "amends": "amends",
    "builds_on": "builds on",
    "implements": "implements",
    "ratifies": "ratifies",
    "integral_part_of": "is an integral part of",
}


def _status_alone(status: tl.InstrumentStatus, naming: Naming) -> tuple[str, str]:
    """``(text, short)`` for the status itself, before any amendment."""
    life = status.life
    kind = status.status
    signed = f"signed on {naming.date(life.signed.date)}" if life.signed else None
    if kind is tl.Status.terminated and life.terminated is not None:
        end = life.terminated
        by = _ended_by(end.by, end.by_provision, naming).strip()
        text = f"ceased to have effect on {naming.date(end.date)}{_fact_notes(end, naming, by)}"
        return text, text
    qualified = life.qualification_on(status.date)
    if kind is tl.Status.status_not_established and qualified is not None:
        short = f"status not established since {naming.date(qualified.fact.date)}"
        after = f" after {naming.instrument(qualified.other)}" if qualified.other else ""
        text = f"status not established{after} (since {naming.date(qualified.fact.date)}): {qualified.text.rstrip('.')}"
        if life.in_force is not None:
            text = f"in force from {naming.date(life.in_force.date)}{_fact_notes(life.in_force, naming)}; {text}"
        return text, short
    if kind in (tl.Status.in_force, tl.Status.in_force_conditionally) and life.in_force is not None:
        text = f"in force since {naming.date(life.in_force.date)}{_fact_notes(life.in_force, naming)}"
        if kind is tl.Status.in_force_conditionally and qualified is not None:
            unverified = "" if qualified.fact.verified else " (date not confirmed by any source seen)"
            text += f"; since {naming.date(qualified.fact.date)}{unverified} it {qualified.text.rstrip('.')}"
        return text, text
    if kind is tl.Status.adopted and life.signed is not None:
        text = f"adopted on {naming.date(life.signed.date)} (a declaration does not enter into force)"
        return text, text
    if kind in (tl.Status.signed_not_in_force, tl.Status.not_yet_in_force) and life.in_force is not None:
        short = f"enters into force on {naming.date(life.in_force.date)}"
        before = "signed" if kind is tl.Status.signed_not_in_force else "not yet in force"
        return f"{signed or before}; {short}", f"{before}; {short}"
    if kind is tl.Status.not_yet_signed and signed:
        return f"not yet signed ({signed})", "not yet signed"
    if kind is tl.Status.entry_into_force_not_recorded:
        short = "entry into force not recorded"
        text = f"{signed}; {short}" if signed else short
        if status.relied_on_by:
            later = "; ".join(
                f"{naming.instrument(r.instrument)} {_RELIES.get(r.relation, r.relation)} it"
                for r in status.relied_on_by
            )
            text += f" (later instruments rely on it: {later})"
        return text, short
    return "no signature or entry into force recorded", "no signature or entry into force recorded"


def status_words(status: tl.InstrumentStatus, naming: Naming) -> tuple[str, str]:
    """An instrument's status on a date in words: ``(text, short)``.

    ``text`` stands alone (a table of authorities, a brief's header, a line of ``legalgen as-of``);
    ``short`` sits beside the instrument's date, so it leaves out the signature. The terminal and the
    documents say the same, only the dates and names differ (:class:`Naming`)::

        ceased to have effect on 26 January 2000 (by art. 70(1) of the Union State Treaty (1999))
        ceased to have effect on 2000-01-26 (by art. 70(1) of 1999-union-state)
    """
    text, short = _status_alone(status, naming)
    more = "".join(
        f"; amended by {naming.instrument(am.by or '')} with effect from {naming.date(am.date)}"
        for am in status.amendments_in_effect
    ) + "".join(
        f"; amendment by {naming.instrument(am.by or '')} to take effect on {naming.date(am.date)}"
        for am in status.amendments_pending
    )
    return text + more, short + more


#: Why a position applies from a date (:attr:`legalgen.analysis.Support.start`), in the words of the status.
SINCE = {
    "entry-into-force": "in force since {}",
    "adoption": "adopted on {}",
    "signature": "signed on {}; entry into force not recorded",
    "amendment": "amendment in effect since {}",
    "ratified-instrument": "applies with the instrument it ratifies, since {}",
}


def since_text(start: str | None, day: str) -> str:
    """``in force since 2000-01-26``: from when, and why, a position applies."""
    return SINCE.get(start or "", "applies from {}").format(day)


# --------------------------------------------------------------------------- what changed a position

CAUSES = {
    ("start", "entry-into-force"): "{} entered into force",
    ("start", "signature"): "{} was signed",
    ("start", "adoption"): "{} was adopted",
    ("start", "amendment"): "the amendment by {} took effect",
    ("start", "ratified-instrument"): "{} applies with the instrument it ratifies",
    ("end", "termination"): "{} ceased to have effect",
    ("end", "parent-terminated"): "{} ended with the instrument it belongs to",
}


def cause_text(cause: tl.Cause, who: str | None = None) -> str:
    """``the Charter of the Union (1997) entered into force``; ``who`` names the instrument otherwise."""
    who = who or f"the {cause.short_title}"
    return CAUSES.get((cause.edge, cause.kind), "{} " + f"({cause.edge} {cause.kind})").format(who)


DIRECTIONS = {
    tl.Direction.first: "{dimension}: {after} (first stated)",
    tl.Direction.up: "{dimension}: {after}, up from {before}",
    tl.Direction.down: "{dimension}: {after}, down from {before}",
    tl.Direction.changed: "{dimension}: {after}, in place of {before}",
    tl.Direction.same: "{dimension}: {after}, now resting on {instrument}",
    tl.Direction.lapsed: "{dimension}: no recorded provision in force addresses it any more (was {before})",
}


def dimension_change_text(change: tl.DimensionChange, naming: Naming | None = None) -> str:
    """``Vote — local elections: Permanent residents from the other party (first stated)``."""
    naming = naming or Naming.terminal()
    after = change.after.rests_on
    return DIRECTIONS[change.direction].format(
        dimension=change.label,
        after=change.after.value_label or "",
        before=change.before.value_label if change.before else "",
        instrument=naming.instrument(after.instrument) if after else "",
    )


def graded_change_text(change: tl.DimensionChange, naming: Naming | None = None) -> str:
    """:func:`dimension_change_text` with the grade of the evidence the new value rests on, in brackets."""
    sup = change.after.rests_on
    return dimension_change_text(change, naming) + (f" ({evidence(sup.grade)})" if sup is not None else "")


# --------------------------------------------------------------------------- caveats

#: A caveat as a short flag beside a position (the report's matrix and periods, a brief, the terminal).
FLAGS = {
    tl.CaveatKind.entry_into_force_not_recorded: "counted from signature: entry into force not recorded",
    tl.CaveatKind.partial_entry_into_force: "in force for some parties only",
    tl.CaveatKind.unverified_event: "rests on an unverified date",
    tl.CaveatKind.derived_date: "date derived from another instrument",
    tl.CaveatKind.paraphrase_only: "wording known only as a paraphrase",
    tl.CaveatKind.translation_only: "wording known only in translation",
    tl.CaveatKind.incomplete_text: "wording seen only in part",
    tl.CaveatKind.termination_date_unknown: "end date unknown",
    tl.CaveatKind.status_not_established: "the instrument's status is not established",
    tl.CaveatKind.conditional_application: "the instrument applies only on a condition",
}


def flags(caveats: Sequence[tl.Caveat]) -> str:
    """The caveats a reader must see beside a position, in words, once each."""
    return "; ".join(dict.fromkeys(FLAGS[c.kind] for c in caveats if c.kind in FLAGS))


def unconfirmed(event: str, day: str, of: str | None = None) -> str:
    """``the entry into force of 10 June 1997 is not confirmed by any source seen``."""
    event = event.replace("_", " ").replace("-", " ")
    what = f"the {event} of {of} ({day})" if of else f"the {event} of {day}"
    return f"{what} is not confirmed by any source seen"


def caveat_text(c: tl.Caveat, naming: Naming) -> str:
    """One caveat in full, with its dates and the other instrument involved (no subject, no full stop).

    ``legalgen as-of`` and ``thread`` print it after what it concerns (``1997-charter: …``); the report's
    Appendix B and a brief's "Not verified" make a sentence of it.
    """
    when = naming.date(c.date) if c.date else None
    event = (c.event or "date").replace("_", " ").replace("-", " ")
    other = naming.instrument(c.other) if c.other else None
    if c.kind is tl.CaveatKind.entry_into_force_not_recorded:
        counted = c.event == "signature"
        return "entry into force not recorded" + (
            f"; this position is counted from the signature ({when})" if counted else ""
        )
    if c.kind is tl.CaveatKind.partial_entry_into_force:
        return f"entry into force is recorded only for {c.text}" + (f" ({when})" if when else "")
    if c.kind is tl.CaveatKind.unverified_event:
        return unconfirmed(event, when or "unknown date", other) + (f": {c.text}" if c.text else "")
    if c.kind is tl.CaveatKind.derived_date:
        return f"the date of {event} ({when}) is not recorded on this instrument; it is derived from {other}"
    if c.kind is tl.CaveatKind.termination_date_unknown:
        return (
            f"{other} ends this instrument, but its own entry into force, and so the end of this one, is not recorded"
        )
    if c.kind is tl.CaveatKind.status_not_established:
        return f"whether it is still in force was not established (from {when}): {(c.text or '').rstrip('.')}"
    if c.kind is tl.CaveatKind.conditional_application:
        return f"from {when} it {(c.text or '').rstrip('.')}"
    if c.kind in FLAGS:
        return FLAGS[c.kind]
    return f"open question: {c.text}"


#: The caveats of an instrument's life that the verification appendix lists (unverified events it lists
#: from the events themselves, with their place and signatories).
_LIFE_CHECKED = (
    tl.CaveatKind.status_not_established,
    tl.CaveatKind.derived_date,
    tl.CaveatKind.termination_date_unknown,
    tl.CaveatKind.partial_entry_into_force,
)


def life_checks(life: tl.Life, names: Mapping[str, str]) -> list[str]:
    """What the analysis had to derive or could not establish about an instrument's dates, one sentence each."""
    naming = Naming.prose(names)
    return [
        full_stop(sentence_case(caveat_text(c, naming)))
        for c in life.caveats
        if c.kind in _LIFE_CHECKED and (c.date or c.kind is tl.CaveatKind.termination_date_unknown)
    ]


def basis_tag(citation: tl.Citation) -> str:
    """``[verbatim]``, ``[verbatim, incomplete]``, ``[translation only]`` or ``[paraphrase only]``."""
    word = {"verbatim": "verbatim", "translation": "translation only", "paraphrase": "paraphrase only"}
    cut = ", incomplete" if citation.incomplete else ""
    return f"[{word[citation.basis.value]}{cut}]"
