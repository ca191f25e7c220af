"""Plain-text and Markdown renderings for the terminal and for ``reports/corpus-summary.md``.

Verbatim text is printed inside quotation marks with its source; a paraphrase is never quoted and always
carries the label ``[paraphrase]`` and its basis. Incomplete quotes end with ``[…]``.

Every fact is worded by :mod:`legalgen.views.words`, as in the report and the briefs: the terminal only
lays it out, with ISO dates and instrument ids (what a user types back) where the documents write long
dates and short titles; prose sentences (an instrument's life in ``show``, the Markdown summary) keep the
documents' long dates.
"""

from __future__ import annotations

from collections.abc import Sequence

from legalgen.analysis import (
    AsOf,
    Caveat,
    CaveatKind,
    ClauseLink,
    RightsMatrix,
    Status,
    Support,
    TopicPosition,
    TopicThread,
)
from legalgen.records import Corpus, Instrument, Paraphrase, TopicCatalogue, Verbatim
from legalgen.views.words import (
    Naming,
    basis_tag,
    cause_text,
    caveat_text,
    change_text,
    describe_event,
    plural,
    position_label,
    provision_label,
    quoted,
    relation_text,
    sentence_case,
    since_text,
    status_words,
)

#: The terminal names dates and instruments as a user types them: ``2000-01-26``, ``1999-union-state``.
TERMINAL = Naming.terminal()


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
    """A verbatim text in the quotation marks of its language, restorations in brackets outside them."""
    if isinstance(text, Verbatim):
        return quoted(text)
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
        out += ["", "Life"] + [
            f"  {describe_event(e, inst)}" for e in sorted(inst.events, key=lambda e: (e.date, e.type))
        ]
    if inst.relations:
        out += ["", "Relations"]
        out += [f"  {relation_text(r.type, r.target, r.provision, r.via, TERMINAL)}" for r in inst.relations]
    if inst.assessments:
        out += ["", "Positions"]
        for a in inst.assessments:
            topic = topics.topic(a.topic)
            label = position_label(topic, a.position) if topic else a.position
            cites = ", ".join(provision_label(pid) for pid in a.provisions)
            out.append(f"  {a.topic}: {label} — {a.summary}" + (f" ({cites})" if cites else ""))
    if inst.provisions:
        out += ["", "Provisions"]
        for prov in inst.provisions:
            head = provision_label(prov.id) + (f" — {prov.heading}" if prov.heading else "")
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


def corpus_summary_markdown(corpus: Corpus) -> str:
    """The corpus at a glance: instruments, life events, positions, and what is still unverified."""
    out = ["# Corpus summary", ""]
    names = {i.id: i.short_title for i in corpus.instruments}
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
        events = sorted(inst.events, key=lambda e: (e.date, e.type))
        out += [f"- {md_escape(describe_event(e, inst, names))}" for e in events]
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


def describe_caveat(caveat: Caveat) -> str:
    """One line for one caveat, e.g. ``1995-friendship: entry into force not recorded``."""
    return f"{caveat.provision or caveat.instrument}: {caveat_text(caveat, TERMINAL)}"


def _support_lines(s: Support, indent: str) -> list[str]:
    when = since_text(s.start, str(s.applies_from))
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
        out.append(f"  {s.instrument:<{width}}  {status_words(s, TERMINAL)[0]}")  # as the report words it
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
        lines.append(f"{iid}: {plural(n, 'open question')} (see: legalgen show {iid})")
    return lines


def thread_text(thread: TopicThread) -> str:
    """One topic across time: each change with its date, direction, cause and supporting provisions."""
    out = [
        f"{thread.title} ({thread.topic})",
        "Scale, least to most: " + " < ".join(label for _, label in thread.scale),
    ]
    if not thread.steps:
        return "\n".join([*out, "", "No instrument assesses this topic."])
    for step in thread.steps:
        p = step.position
        until = f" until {step.until}" if step.until else ""
        what = f"{p.label} ({change_text(step)})" if p.label else change_text(step)
        out += ["", f"{step.since}{until}: {what}"]
        out += [f"  {sentence_case(cause_text(cause, cause.short_title))}" for cause in step.causes]
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
