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
from legalgen.analysis.citations import cite, weakest_grade
from legalgen.records import Corpus, Instrument, Measure, Paraphrase, TopicCatalogue, Verbatim
from legalgen.views.words import (
    Naming,
    basis_tag,
    cause_text,
    caveat_text,
    describe_event,
    dimension_change_text,
    evidence,
    plural,
    provision_label,
    quoted,
    recorded_in_part,
    relation_text,
    sentence_case,
    since_text,
    status_words,
    value_label,
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


def instrument_detail(inst: Instrument, topics: TopicCatalogue, provisions: Sequence[str] | None = None) -> str:
    """``legalgen show ID``; ``provisions`` replace the provisions as recorded (``--as-of``: as consolidated)."""
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
        out += [
            f"  {relation_text(r.type, r.target, r.provision, r.via, TERMINAL, r.renumbering)}" for r in inst.relations
        ]
    if inst.assessments:
        out += ["", "What it states, topic by topic (coded dimensions)"]
        for a in inst.assessments:
            topic = topics.topic(a.topic)
            out.append(f"  {a.topic}: {a.summary}")
            for code in a.codes:
                dim = topic.dimension(code.dimension) if topic else None
                label = value_label(topic, code.dimension, code.value) if topic else code.value
                cites = ", ".join(provision_label(pid) for pid in code.provisions)
                grade = weakest_grade(cite(inst, pid).grade for pid in code.provisions)
                out.append(f"    {dim.label if dim else code.dimension}: {label} ({cites}; {evidence(grade)})")
    if provisions is not None:
        out += ["", *provisions]
    elif inst.provisions:
        out += ["", "Provisions"]
        for prov in inst.provisions_in_order:
            head = provision_label(prov.id) + (f" — {prov.heading}" if prov.heading else "")
            out.append(f"  {head}" + (f"  [{', '.join(prov.topics)}]" if prov.topics else ""))
            if prov.extent:
                out.append(f"    {recorded_in_part(prov.extent)}")
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
            codes = [
                f"{d.label if (d := topic.dimension(c.dimension)) else c.dimension}: "
                f"{value_label(topic, c.dimension, c.value)}"
                for c in (a.codes if a else ())
            ]
            cells.append("; ".join(codes) or "—")
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
    out = [f"{indent}{s.short_title} [{s.instrument}], {when}{until}; {evidence(s.grade)}"]
    for c in s.citations:
        out.append(f"{indent}  {c.pin_cite} {basis_tag(c)}")
    return out


def _position_lines(p: TopicPosition) -> list[str]:
    if not p.addressed:
        return [f"{p.title}: not addressed (no recorded provision that applies on {p.date} addresses this topic)"]
    out = [f"{p.title}"]
    for d in p.dimensions:
        if d.rests_on is None:
            out.append(f"    {d.label}: not addressed by any recorded provision in force")
            continue
        out.append(f"    {d.label}: {d.value_label}")
        out += _support_lines(d.rests_on, "      ")
        for s in d.also_applying:
            out.append(f"      also applying: {s.label} — {s.short_title} [{s.instrument}]; {evidence(s.grade)}")
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
        for sup in p.supports:
            seen += [c for c in sup.caveats if c not in seen]
    lines = [describe_caveat(c) for c in seen]
    for iid, n in questions.items():
        lines.append(f"{iid}: {plural(n, 'open question')} (see: legalgen show {iid})")
    return lines


def thread_text(thread: TopicThread) -> str:
    """One topic across time: each change with its date, the dimensions it moved, its cause and provisions."""
    out = [f"{thread.title} ({thread.topic})", "Dimensions:"]
    for d in thread.dimensions:
        sep = " < " if d.measure is Measure.ordinal else " | "
        kind = "least to most" if d.measure is Measure.ordinal else "unordered"
        out.append(f"  {d.label} ({kind}): " + sep.join(label for _, label in d.values))
    if not thread.steps:
        return "\n".join([*out, "", "No instrument addresses this topic."])
    for step in thread.steps:
        until = f" until {step.until}" if step.until else ""
        out += ["", f"{step.since}{until}:"]
        out += [f"  {sentence_case(cause_text(cause, cause.short_title))}" for cause in step.causes]
        for change in step.changes:
            out.append(f"  {dimension_change_text(change, TERMINAL)}")
            s = change.after.rests_on
            if s is None:
                continue
            out.append(f"    {evidence(s.grade)}")
            for c in s.citations:
                out.append(f"    {c.pin_cite} {basis_tag(c)}")
            flagged = [describe_caveat(k) for k in s.caveats if k.kind is not CaveatKind.open_question]
            out += [f"    ! {line}" for line in flagged]
    return "\n".join(out)


def matrix_text(matrix: RightsMatrix) -> str:
    """The rights matrix for the terminal: per topic and dimension, what each column states or holds."""
    title = (
        "What each instrument states on each topic, dimension by dimension"
        if matrix.by == "instrument"
        else "The value in force on each dimension at the end of each year (changes only)"
    )
    out = [title]
    for ti, (_, topic_title) in enumerate(matrix.topics):
        out += ["", topic_title.upper()]
        row = matrix.rows[ti]
        for di, first in enumerate(row[0].dimensions if row else ()):
            out.append(f"  {first.label}")
            lines = []
            before: tuple[str | None, str | None] | None = None
            for ci, col in enumerate(matrix.columns):
                d = row[ci].dimensions[di]
                key = (d.value, d.rests_on.instrument if d.rests_on else None)
                if matrix.by == "year" and key == before:
                    continue
                before = key
                if d.rests_on is None:
                    if matrix.by == "year":
                        lines.append(f"    {col.key}  not addressed")
                    continue
                cites = ", ".join(provision_label(c.provision) for c in d.rests_on.citations)
                who = f"{d.rests_on.instrument} " if matrix.by == "year" else ""
                lines.append(f"    {col.key}  {d.value_label} ({who}{cites}; {evidence(d.grade)})")
            out += lines or ["    not addressed by any instrument"]
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
