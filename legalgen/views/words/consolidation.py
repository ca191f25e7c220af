"""The words of a consolidated text and of a diff of the law between two dates.

A consolidated provision marks each amended passage with the act that made it, as EUR-Lex and
legislation.gov.uk do, and says at that very spot when the amending words were not seen:

    >>> import datetime as dt
    >>> from legalgen.analysis.consolidation import Maker
    >>> from legalgen.records import OperationKind
    >>> m = Maker("2025-p", "Equal Rights Protocol (2025)", "unidentified",
    ...           "Equal Rights Protocol (2025), article not identified", OperationKind.insert, "art-1",
    ...           dt.date(2025, 10, 29), False, (), None)
    >>> made_by_text(m, Naming())
    'supplemented by the Equal Rights Protocol (2025), article not identified, with effect from 29 October 2025'
    >>> not_seen_text(m)
    'the added words were not seen'
"""

from __future__ import annotations

from legalgen.analysis.consolidation import ConsolidatedProvision, Maker, Passage
from legalgen.records import OperationKind
from legalgen.views.words.common import Naming, provision_label

#: What an operation did, as the amended provision's margin says it (whole provision / named words / new).
VERBS: dict[OperationKind, tuple[str, str]] = {
    OperationKind.insert: ("supplemented by", "supplemented by"),
    OperationKind.replace: ("replaced by", "words replaced by"),
    OperationKind.repeal: ("repealed by", "words repealed by"),
    OperationKind.renumber: ("renumbered by", "renumbered by"),
}


def made_by_text(m: Maker, naming: Naming) -> str:
    """``supplemented by the Equal Rights Protocol (2025), art. 2, with effect from 29 October 2025``."""
    if m.op is OperationKind.insert and m.position == "new":
        verb = "inserted by"
    elif m.op is OperationKind.renumber and m.new_number:
        verb = f"renumbered as {provision_label(m.new_number)} by"
    else:
        whole, words = VERBS[m.op]
        verb = words if m.words is not None and m.op is not OperationKind.insert else whole
    return f"{verb} the {m.pin_cite}, with effect from {naming.date(m.effective)}"


def not_seen_text(m: Maker) -> str:
    """What a reader is told where the amending words were not seen."""
    return "the new words were not seen" if m.op is OperationKind.replace else "the added words were not seen"


def passage_note(p: Passage, naming: Naming) -> str:
    """The margin note of one amended passage: who made it, from when, and what is not known about it."""
    assert p.made_by is not None
    out = made_by_text(p.made_by, naming)
    if p.words is None:
        out += f"; {not_seen_text(p.made_by)}"
    if not p.placed:
        out += "; where in the provision they stand was not seen"
    return out


def in_force_heading(prov: ConsolidatedProvision, naming: Naming) -> str:
    """``art. 1, as it stood on 1 November 2025 (as amended)``: not "in force", which the instrument's status says."""
    state = "as amended" if prov.amended else "no amendment recorded"
    if prov.added:
        state = "inserted by amendment"
    return f"{provision_label(prov.provision)}, as it stood on {naming.date(prov.date)} ({state})"


def incomplete_warning(prov: ConsolidatedProvision) -> str:
    """Said once per provision whose wording in force is not wholly known."""
    return (
        "The wording in force is not wholly known: the older wording below is not the whole text in force."
        if not prov.complete
        else ""
    )


def pending_text(m: Maker, naming: Naming) -> str:
    """An amendment signed by the date that takes effect later."""
    return f"pending: {made_by_text(m, naming).replace('with effect from', 'to take effect on')}"


def renumbered_text(prov: ConsolidatedProvision) -> str:
    return f"recorded as {provision_label(prov.original)}" if prov.original != prov.provision else ""


__all__ = [
    "VERBS",
    "in_force_heading",
    "incomplete_warning",
    "made_by_text",
    "not_seen_text",
    "passage_note",
    "pending_text",
    "renumbered_text",
]
