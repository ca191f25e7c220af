"""The words of a consolidated text and of a diff of the law between two dates.

A consolidated provision marks each amended passage with the act that made it, as EUR-Lex and
legislation.gov.uk do, and says at that very spot when the amending words were not seen:

    >>> import datetime as dt
    >>> from legalgen.analysis.consolidation import Maker
    >>> from legalgen.records import OperationKind, Verbatim
    >>> m = Maker("2025-p", "Equal Rights Protocol (2025)", "unidentified",
    ...           "Equal Rights Protocol (2025), article not identified", OperationKind.insert, "art-1",
    ...           dt.date(2025, 10, 29), False, (), None)
    >>> made_by_text(m, Naming())
    'supplemented by the Equal Rights Protocol (2025), article not identified, with effect from 29 October 2025'
    >>> not_seen_text(m)
    'the added words were not seen'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from legalgen.analysis.consolidation import ConsolidatedProvision, ConsolidatedText, Maker, Passage
from legalgen.analysis.lawdiff import DimensionDiff, Movement, ProvisionDiff
from legalgen.analysis.positions import DimensionPosition
from legalgen.records import OperationKind, Verbatim
from legalgen.views.words.common import Naming, evidence, provision_label, quote_marks, quoted

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


def amended_notice(prov: ConsolidatedProvision, naming: Naming) -> str:
    """Above a quotation of the wording as recorded: ``As it stood on 1 January 2026: supplemented by …; the
    added words were not seen. The wording below is as recorded, not the whole text in force.``"""
    changes = "; ".join(
        made_by_text(m, naming) + (f"; {not_seen_text(m)}" if m.words is None else "") for m in prov.changes
    )
    tail = (
        " The wording below is as recorded, not the whole text in force."
        if not prov.complete
        else " The wording below is as recorded; `legalgen text` gives it as amended."
    )
    return f"As it stood on {naming.date(prov.date)}: {changes}.{tail}"


def pending_text(m: Maker, naming: Naming) -> str:
    """An amendment signed by the date that takes effect later."""
    return f"pending: {made_by_text(m, naming).replace('with effect from', 'to take effect on')}"


def renumbered_text(prov: ConsolidatedProvision) -> str:
    return f"recorded as {provision_label(prov.original)}" if prov.original != prov.provision else ""


def _join(pieces: list[str]) -> str:
    """Passages joined as words are: a space between, none before a closing punctuation mark."""
    out = ""
    for piece in pieces:
        if out and piece and piece[0] not in ".,;:)»”" and not out.endswith(("(", "«", "“")):
            out += " "
        out += piece
    return out


def inline(text: ConsolidatedText, start: int = 1) -> tuple[str, list[Passage]]:
    """A consolidated text on one line, EUR-Lex style: amended words between ► and ◄ with the number of their
    note (``►всеми правами◄[1]``); where the words were not seen (or were repealed), ``►[1: words not
    seen]◄`` outside the quotation marks, which hold only the law's words; and the amended passages, in the
    order of their notes."""
    notes: list[Passage] = []
    runs: list[tuple[bool, list[str]]] = []  # (words of the law?, pieces)
    if isinstance(text.base, Verbatim) and all(p.made_by is None for p in text.passages):
        # unamended: the quotation exactly as every other document prints it — cut marks and the editors'
        # restorations outside the quotation marks
        return quoted(text.base).replace("\n", " "), notes

    def add(words: bool, piece: str) -> None:
        if runs and runs[-1][0] == words:
            runs[-1][1].append(piece)
        else:
            runs.append((words, [piece]))

    for p in text.passages:
        if p.made_by is None:
            if p.words:
                add(True, p.words)
            continue
        notes.append(p)
        n = start + len(notes) - 1
        if p.words is None:
            add(False, f"►[{n}: words not seen]◄")
        elif p.words == "":
            add(False, f"►[{n}: words repealed]◄")
        else:
            add(True, f"►{p.words}◄[{n}]")
    marks = quote_marks(text.language)
    out = []
    for words, pieces in runs:
        line = _join(pieces)
        out.append(f"{marks.open}{line}{marks.close}" if words and text.verbatim else line)
    return " ".join(out), notes


def shown_text(prov: ConsolidatedProvision | None) -> ConsolidatedText | None:
    """The text of a consolidated provision a comparison shows: its first recorded text, if any."""
    return prov.texts[0] if prov and prov.texts else None


def unseen_words_note(n: int, p: Passage) -> str | None:
    """``[1] what the sources say of the words not seen (paraphrase): …`` for a passage whose words were
    not seen but are described; ``None`` otherwise."""
    if p.words is None and p.text is not None:
        return f"[{n}] what the sources say of the words not seen ({p.text.kind}): {p.text.text}"
    return None


__all__ = [
    "REDLINE_REASONS",
    "VERBS",
    "amended_notice",
    "in_force_heading",
    "incomplete_warning",
    "inline",
    "law_dimension_line",
    "law_heading",
    "made_by_text",
    "not_addressed_line",
    "not_seen_text",
    "passage_note",
    "pending_text",
    "provision_kind_text",
    "renumbered_text",
    "shown_text",
    "unseen_words_note",
]


# --------------------------------------------------------------------------- the law between two dates


def _rests(d: DimensionPosition) -> str:
    """``Union State Treaty (1999), art. 14(7) (evidence: accounts or a draft only, the text itself not seen)``; several provisions of
    one instrument as ``Equal Rights Treaty (1998), art. 2, art. 3``."""
    s = d.rests_on
    if s is None:
        return "not addressed"
    cites = ", ".join(provision_label(c.provision) for c in s.citations)
    return f"{s.short_title}, {cites} ({evidence(s.grade)})" if cites else f"{s.short_title} ({evidence(s.grade)})"


def law_dimension_line(d: DimensionDiff, then: dt.date, now: dt.date, naming: Naming) -> str:
    """One dimension between two dates, as a lawyer would say it.

    ``Vote — local: not addressed on 1999-01-01; permanent residents … since 2025-10-29 (Equal Rights
    Protocol (2025), article not identified; evidence: accounts or a draft only, the text itself not seen)``.
    """
    a, b, label = d.then, d.now, d.label
    if d.movement is Movement.same:
        return f"{label}: {a.value_label} on both dates: {_rests(b)}"
    if d.movement is Movement.rests_elsewhere:
        also = [s.short_title for s in b.also_applying if a.rests_on and s.instrument == a.rests_on.instrument]
        still = ", which still applies" if also else ""
        return f"{label}: {a.value_label} on both dates; now rests on the {_rests(b)}, before on the {_rests(a)}{still}"
    if d.movement is Movement.addressed:
        since = f" since {naming.date(b.rests_on.applies_from)}" if b.rests_on and b.rests_on.applies_from else ""
        return f"{label}: not addressed on {naming.date(then)}; {b.value_label}{since}: {_rests(b)}"
    if d.movement is Movement.lapsed:
        return f"{label}: {a.value_label} on {naming.date(then)}: {_rests(a)}; not addressed on {naming.date(now)}"
    moved = {Movement.up: "up", Movement.down: "down"}.get(d.movement, "changed")
    return f"{label}: {a.value_label} → {b.value_label} ({moved}); then {_rests(a)}; now {_rests(b)}"


def not_addressed_line(labels: Sequence[str], then: dt.date, now: dt.date, naming: Naming) -> str:
    return f"Not addressed on either date: {', '.join(labels)}"


def provision_kind_text(p: ProvisionDiff, then: dt.date, now: dt.date, naming: Naming) -> str:
    """``amended: supplemented by …`` or ``relied on only on 1 January 2026``."""
    if p.kind == "amended":
        notes = [_change_note(m, naming) for m in p.changes]
        return "amended: " + "; and ".join(notes) if notes else "wording differs"
    day = now if p.kind == "now-only" else then
    return f"relied on only on {naming.date(day)}"


def _change_note(m: Maker, naming: Naming) -> str:
    out = made_by_text(m, naming)
    return out if m.words_seen else f"{out}; {not_seen_text(m)}"


def law_heading(then: dt.date, now: dt.date, title: str | None, naming: Naming) -> str:
    about = f": {title}" if title else ""
    return f"The law on {naming.date(then)} and on {naming.date(now)}{about}"


REDLINE_REASONS = {
    "the amending words were not seen": "not redlined: the amending words were not seen",
    "a paraphrase is not redlined": "not redlined: a paraphrase is not the law's wording",
    "the text stood on one date only": "",
}
