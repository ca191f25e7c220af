"""Plain-text and Markdown renderings for the terminal and for ``reports/corpus-summary.md``.

Verbatim text is printed inside quotation marks with its source; a paraphrase is never quoted and always
carries the label ``[paraphrase]`` and its basis. Incomplete quotes end with ``[…]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from legalgen.analysis import (
    AsOf,
    Caveat,
    CaveatKind,
    Citation,
    ClauseLink,
    Direction,
    InstrumentStatus,
    RightsMatrix,
    Status,
    Support,
    TopicPosition,
    TopicThread,
)
from legalgen.ids import article_label
from legalgen.records import (
    Amendment,
    Corpus,
    EntryIntoForce,
    Event,
    Instrument,
    Paraphrase,
    Ratification,
    Signature,
    Termination,
    TopicCatalogue,
    Verbatim,
)


def describe_event(event: Event) -> str:
    """One line for one event, e.g. ``1999-12-08 signature, Moscow (B. Yeltsin; A. Lukashenka)``."""
    flag = " [unverified]" if not event.verified else ""
    if isinstance(event, Signature):
        extra = f", {event.place}" + ("" if event.place_verified else " [place unverified]") if event.place else ""
        names = "; ".join(s.name for s in event.signatories)
        if names:
            extra += f" ({names})" + ("" if event.signatories_verified else " [signatories unverified]")
        return f"{event.date} signed{extra}{flag}"
    if isinstance(event, Ratification):
        step = f" {event.step}" if event.step else " ratification"
        act = f": {event.act}" if event.act else ""
        return f"{event.date} {event.party}:{step}{act}{flag}"
    if isinstance(event, EntryIntoForce):
        party = f" for {event.party}" if event.party else ""
        return f"{event.date} entered into force{party}{flag}"
    if isinstance(event, Amendment):
        what = f" ({', '.join(event.provisions)})" if event.provisions else ""
        return f"{event.date} amended by {event.by}{what}{flag}"
    assert isinstance(event, Termination)
    by = f" by {event.by}" + (f" {event.by_provision}" if event.by_provision else "") if event.by else ""
    return f"{event.date} ceased to have effect{by}{flag}"


def text_label(text: Verbatim | Paraphrase, inst: Instrument) -> str:
    if isinstance(text, Paraphrase):
        return f"[paraphrase, {text.language}] basis: {text.basis}"
    source = inst.source(text.source)
    where = source.title if source else text.source
    kind = text.basis_label()
    cut = (
        f", cut off at the {text.cut}"
        if text.incomplete and text.cut != "both"
        else ", excerpt"
        if text.incomplete
        else ""
    )
    return f"[{kind}, {text.language}{cut}] {text.source} ({where}), {text.locator}"


def quote(text: Verbatim | Paraphrase) -> str:
    if isinstance(text, Verbatim):
        return f"“{text.marked_text}”"
    return text.text


def instrument_list(corpus: Corpus) -> str:
    rows = [("ID", "KIND", "SIGNED", "TITLE")]
    for inst in corpus.instruments:
        sig = inst.signature
        rows.append((inst.id, inst.kind.value, str(sig.date) if sig else "—", inst.short_title))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows)


def instrument_detail(inst: Instrument, topics: TopicCatalogue) -> str:
    out = [inst.title, "=" * min(len(inst.title), 100)]
    for lang, title in sorted(inst.titles.items()):
        out.append(f"{lang}: {title}")
    out.append(f"id: {inst.id}   kind: {inst.kind.value}   parties: {'; '.join(inst.parties)}")
    if inst.summary:
        out += ["", inst.summary]
    if inst.events:
        out += ["", "Life"] + [f"  {describe_event(e)}" for e in sorted(inst.events, key=lambda e: e.date)]
    if inst.relations:
        out += ["", "Relations"]
        for rel in inst.relations:
            target = rel.target + (f" {rel.provision}" if rel.provision else "")
            via = f" (by {rel.via})" if rel.via else ""
            out.append(f"  {rel.type.value.replace('_', ' ')} {target}{via}")
    if inst.assessments:
        out += ["", "Positions"]
        for a in inst.assessments:
            topic = topics.topic(a.topic)
            label = topic.position(a.position).label if topic and topic.position(a.position) else a.position  # type: ignore[union-attr]
            cites = ", ".join(article_label(*_split(pid)) for pid in a.provisions)
            out.append(f"  {a.topic}: {label} — {a.summary}" + (f" ({cites})" if cites else ""))
    if inst.provisions:
        out += ["", "Provisions"]
        for prov in inst.provisions:
            head = article_label(prov.article, prov.paragraph) + (f" — {prov.heading}" if prov.heading else "")
            out.append(f"  {head}" + (f"  [{', '.join(prov.topics)}]" if prov.topics else ""))
            for text in prov.texts:
                out.append(f"    {text_label(text, inst)}")
                out.extend(f"      {line}" for line in quote(text).splitlines())
    if inst.misreadings:
        out += ["", "Where popular accounts differ"]
        for m in inst.misreadings:
            out += [f"  Claim: {m.claim}", f"  Law: {m.law}"]
    if inst.open_questions:
        out += ["", "Unverified / open"] + [f"  - {q}" for q in inst.open_questions]
    return "\n".join(out)


def _split(pid: str) -> tuple[str, str | None]:
    from legalgen.ids import parse_provision_id

    return parse_provision_id(pid)


def corpus_summary_markdown(corpus: Corpus) -> str:
    """The corpus at a glance: instruments, life events, positions, and what is still unverified."""
    out = ["# Corpus summary", ""]
    n_verbatim = sum(len(p.verbatim) for i in corpus.instruments for p in i.provisions)
    n_para = sum(len(p.paraphrases) for i in corpus.instruments for p in i.provisions)
    out.append(
        f"{len(corpus.instruments)} instruments, {sum(len(i.provisions) for i in corpus.instruments)} provisions; "
        f"{n_verbatim} verbatim texts (seen in a named source) and {n_para} paraphrases (never quoted)."
    )
    out += ["", "| Instrument | Kind | Signed | " + " | ".join(t.title for t in corpus.topics.topics) + " |"]
    out.append("|" + "---|" * (3 + len(corpus.topics.topics)))
    for inst in corpus.instruments:
        sig = inst.signature
        cells = []
        for topic in corpus.topics.topics:
            a = next((a for a in inst.assessments if a.topic == topic.id), None)
            pos = topic.position(a.position) if a else None
            cells.append(pos.label if pos else "—")
        out.append(
            f"| {md_escape(inst.short_title)} (`{inst.id}`) | {inst.kind.value} | {sig.date if sig else '—'} | "
            + " | ".join(md_escape(c) for c in cells)
            + " |"
        )
    for inst in corpus.instruments:
        out += ["", f"## {md_escape(inst.short_title)}", "", f"*{md_escape(inst.title)}*", ""]
        out += [f"- {md_escape(describe_event(e))}" for e in sorted(inst.events, key=lambda e: e.date)]
        for a in inst.assessments:
            out.append(f"- **{md_escape(a.topic)}**: {md_escape(a.summary)}")
        for q in inst.open_questions:
            out.append(f"- *Unverified:* {md_escape(q)}")
    return "\n".join(out) + "\n"


def md_escape(text: str, newline: str = " ") -> str:
    """Escape Markdown and HTML specials so record text is shown, never interpreted.

    ``newline`` replaces line breaks: a space inside a table cell, ``"  \\n"`` for a hard break.
    """
    for ch in "\\`*_[]<>|#~":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", newline)


# --------------------------------------------------------------------------- analysis across time

_STATUS_WORDS = {
    "not-yet-signed": "not yet signed",
    "signed-not-in-force": "signed, not in force",
    "entry-into-force-not-recorded": "signed; entry into force not recorded",
    "in-force": "in force",
    "terminated": "terminated",
    "not-yet-in-force": "not yet in force",
    "no-dates-recorded": "no dates recorded",
}

_START_WORDS = {
    "entry-into-force": "in force since {date}",
    "signature": "signed {date}; entry into force not recorded",
    "amendment": "amendment in effect since {date}",
    "ratified-instrument": "applies with the instrument it ratifies, since {date}",
}

_CAUSE_WORDS = {
    ("start", "entry-into-force"): "entered into force",
    ("start", "signature"): "signed (entry into force not recorded)",
    ("start", "amendment"): "amendment took effect",
    ("start", "ratified-instrument"): "ratified instrument took effect",
    ("end", "termination"): "ceased to have effect",
    ("end", "parent-terminated"): "ceased with the instrument it depends on",
}


def basis_tag(citation: Citation) -> str:
    """``[verbatim]``, ``[verbatim, incomplete]``, ``[translation only]`` or ``[paraphrase only]``."""
    word = {"verbatim": "verbatim", "translation": "translation only", "paraphrase": "paraphrase only"}
    cut = ", incomplete" if citation.incomplete else ""
    return f"[{word[citation.basis.value]}{cut}]"


def describe_caveat(caveat: Caveat) -> str:
    """One line for one caveat, e.g. ``1995-friendship: entry into force not recorded; …``."""
    when = f" ({caveat.date})" if caveat.date else ""
    kind = caveat.kind
    where = caveat.provision or caveat.instrument
    if kind is CaveatKind.entry_into_force_not_recorded and caveat.event == "signature":
        text = f"entry into force not recorded; this position is counted from the signature{when}"
    elif kind is CaveatKind.entry_into_force_not_recorded:
        text = "entry into force not recorded"
    elif kind is CaveatKind.partial_entry_into_force:
        text = f"entry into force recorded only for {caveat.text}{when}"
    elif kind is CaveatKind.unverified_event:
        event = (caveat.event or "event").replace("_", " ").replace("-", " ")
        of = f" of {caveat.other}" if caveat.other else ""
        text = f"{event}{of}{when} is marked unverified" + (f": {caveat.text}" if caveat.text else "")
    elif kind is CaveatKind.derived_date:
        event = (caveat.event or "date").replace("_", " ").replace("-", " ")
        text = f"{event}{when} is not recorded on this instrument; derived from {caveat.other}"
    elif kind is CaveatKind.paraphrase_only:
        text = "wording not seen, paraphrase only"
    elif kind is CaveatKind.translation_only:
        text = "wording seen only in translation"
    elif kind is CaveatKind.incomplete_text:
        text = "wording seen only in part"
    elif kind is CaveatKind.termination_date_unknown:
        text = f"{caveat.other} ends it, but the entry into force of {caveat.other} is not recorded"
    else:
        text = f"open question: {caveat.text}"
    return f"{where}: {text}"


def _life_line(s: InstrumentStatus) -> str:
    life = s.life
    status = s.status
    parts: list[str] = []
    if status is Status.not_yet_signed and life.signed:
        parts.append(f"not yet signed (signed {life.signed.date})")
    elif status is Status.signed_not_in_force and life.signed and life.in_force:
        parts.append(f"signed {life.signed.date}, not in force until {life.in_force.date}")
    elif status is Status.entry_into_force_not_recorded and life.signed:
        parts.append(f"signed {life.signed.date}; entry into force not recorded")
    elif status is Status.in_force and life.in_force:
        parts.append(f"in force since {life.in_force.date}" + (" [derived]" if life.in_force.derived_from else ""))
    elif status is Status.terminated and life.terminated:
        end = life.terminated
        by = ""
        if end.by:
            by = f" by {end.by}" + (f", {_label(end.by_provision)}" if end.by_provision else "")
            by += f" ({end.relation.replace('_', ' ')})" if end.relation and end.derived_from else ""
        parts.append(f"terminated {end.date}{by}" + (" [derived]" if end.derived_from else ""))
    elif status is Status.not_yet_in_force and life.in_force:
        parts.append(f"not yet in force (from {life.in_force.date})")
    else:
        parts.append(_STATUS_WORDS[status.value])
    for a in s.amendments_in_effect:
        parts.append(f"amended by {a.by} from {a.date}")
    for a in s.amendments_pending:
        parts.append(f"amendment by {a.by} signed, takes effect {a.date}")
    if status is Status.entry_into_force_not_recorded and s.relied_on_by:
        relied = ", ".join(f"{r.instrument} ({r.relation.replace('_', ' ')})" for r in s.relied_on_by)
        parts.append(f"relied on by {relied}")
    return "; ".join(parts)


def _label(pid: str) -> str:
    return article_label(*_split(pid))


def _support_lines(s: Support, indent: str) -> list[str]:
    when = _START_WORDS.get(s.start or "", "applies from {date}").format(date=s.applies_from)
    until = f", until {s.applies_until}" if s.applies_until else ""
    out = [f"{indent}{s.short_title} [{s.instrument}], {when}{until}"]
    for c in s.citations:
        out.append(f"{indent}  {c.pin_cite} {basis_tag(c)}")
    if not s.citations:
        out.append(f"{indent}  (the assessment cites no provision)")
    return out


def _position_lines(p: TopicPosition) -> list[str]:
    if p.position is None:
        return [f"{p.title}: no position (no instrument that applies on {p.date} assesses this topic)"]
    out = [f"{p.title}: {p.label}"]
    for s in p.established_by:
        out += _support_lines(s, "    ")
    for s in p.also_stated:
        out.append(f"    also stated: {s.label} — {s.short_title} [{s.instrument}]")
    return out


def as_of_text(state: AsOf) -> str:
    """The legal position on a date, for the terminal: instruments, positions with pin cites, caveats."""
    out = [f"Legal position on {state.date}"]
    if state.before_records:
        out.append(
            f"Note: {state.date} is before the first instrument of the corpus (signed {state.first_signature}); "
            "nothing had been signed yet."
        )
    if state.in_future:
        out.append(
            f"Note: {state.date} is in the future (today is {state.today}); shown is what the records give, "
            f"assuming nothing changes after the last recorded event ({state.last_event})."
        )
    elif state.after_records:
        out.append(
            f"Note: {state.date} is after the last recorded event ({state.last_event}); "
            "later changes are not in the records."
        )
    out += ["", "Instruments"]
    width = max((len(s.instrument) for s in state.instruments), default=0)
    for s in state.instruments:
        out.append(f"  {s.instrument:<{width}}  {_life_line(s)}")
    out += ["", "Positions"]
    for p in state.positions:
        out += ["  " + line if i == 0 else line for i, line in enumerate(_position_lines(p))]
    caveats = _as_of_caveats(state)
    if caveats:
        out += ["", "Flags (unverified, derived or not seen verbatim)"]
        out += [f"  ! {line}" for line in caveats]
    return "\n".join(out)


def _as_of_caveats(state: AsOf) -> list[str]:
    """The flags that matter on the date, one line each: of instruments signed by then and of the positions.

    Open questions are counted, not listed (``legalgen show ID`` lists them; the JSON carries them all).
    """
    seen: list[Caveat] = []
    questions: dict[str, int] = {}
    for s in state.instruments:
        if s.status in (Status.not_yet_signed, Status.no_dates_recorded):
            continue
        for c in s.life.caveats:
            if c.kind is CaveatKind.open_question:
                questions[c.instrument] = questions.get(c.instrument, 0) + 1
            elif c not in seen:
                seen.append(c)
    for p in state.positions:
        for sup in p.established_by:
            seen += [c for c in sup.caveats if c not in seen]
    lines = [describe_caveat(c) for c in seen]
    for iid, n in questions.items():
        lines.append(f"{iid}: {n} open question{'s' if n != 1 else ''} (see: legalgen show {iid})")
    return lines


def thread_text(thread: TopicThread) -> str:
    """One topic across time: each change with its date, direction, cause and supporting provisions."""
    out = [
        f"{thread.title} ({thread.topic})",
        "Scale, least to most: " + " < ".join(label for _, label in thread.scale),
    ]
    if not thread.steps:
        return "\n".join([*out, "", "No instrument assesses this topic."])
    labels = dict(thread.scale)
    for step in thread.steps:
        p = step.position
        label = p.label or "no position"
        if step.direction is Direction.first:
            move = "first position"
        elif step.direction is Direction.same:
            move = "same position; the instruments establishing it changed"
        else:
            previous = labels.get(step.previous or "", "no position")
            move = f"{step.direction.value} from {previous}"
        until = f" until {step.until}" if step.until else ""
        out += ["", f"{step.since}{until}: {label} ({move})"]
        for cause in step.causes:
            out.append(f"  {cause.short_title} {_CAUSE_WORDS.get((cause.edge, cause.kind), cause.kind)}")
        for s in p.established_by:
            for c in s.citations:
                out.append(f"    {c.pin_cite} {basis_tag(c)}")
            flagged = [describe_caveat(k) for k in s.caveats if k.kind is not CaveatKind.open_question]
            out += [f"    ! {line}" for line in flagged]
    return "\n".join(out)


def matrix_text(matrix: RightsMatrix) -> str:
    """The rights matrix for the terminal: one row per instrument or year, one column per topic."""
    head = "INSTRUMENT" if matrix.by == "instrument" else "YEAR (31 DEC)"
    rows = [(head, *(title.upper() for _, title in matrix.topics))]
    for ci, col in enumerate(matrix.columns):
        cells = [row[ci] for row in matrix.rows]
        rows.append((col.key, *((c.label or "—") for c in cells)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    title = (
        "What each instrument states on each topic"
        if matrix.by == "instrument"
        else "The position in force at the end of each year"
    )
    out = [title, ""]
    out += ["  ".join(f"{v:<{widths[i]}}" for i, v in enumerate(r)).rstrip() for r in rows]
    out += ["", "Citations" + (" (where they change)" if matrix.by == "year" else "")]
    for ci, col in enumerate(matrix.columns):
        for row in matrix.rows:
            cell = row[ci]
            cites = [f"{c.pin_cite} {basis_tag(c)}" for s in cell.supports for c in s.citations]
            before = [c.ref for s in row[ci - 1].supports for c in s.citations] if ci else None
            if cites and (matrix.by == "instrument" or before != [c.ref for s in cell.supports for c in s.citations]):
                out.append(f"  {col.key} {cell.topic}: " + "; ".join(cites))
    return "\n".join(out)


def genealogy_text(links: Sequence[ClauseLink]) -> str:
    """Clause links, later provision first: recorded ones as stated, inferred ones with their score."""
    if not links:
        return "No clause links."
    out = ["Clause genealogy (recorded in the records, or suggested by shared topic and wording)"]
    for link in links:
        how = "recorded" if link.recorded else "suggested"
        score = (
            f"similarity {link.score:.2f} ({link.language}, {link.compared})"
            if link.score is not None
            else "no text in a common language"
        )
        out += [
            "",
            f"  {link.earlier.pin_cite} {basis_tag(link.earlier)}",
            f"  → {link.later.pin_cite} {basis_tag(link.later)}",
            f"    {how}; topics: {', '.join(link.topics) or '—'}; {score}",
        ]
    return "\n".join(out)
