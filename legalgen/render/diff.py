"""Text renderings of an :class:`~legalgen.analysis.diff.InstrumentDiff`: terminal, unified, Markdown, JSON.

They format what :func:`~legalgen.analysis.diff.diff_instruments` decided and decide nothing themselves. Every
rendering keeps the one rule of the records: only verbatim text is quoted or redlined; a paraphrase is
labelled and shown beside its counterpart, never marked up as if it were the instrument's words.

Insertions and deletions read without colour as ``[-deleted-]{+inserted+}`` (as ``git diff
--word-diff=plain``); colour, when asked for, is added on top by a :data:`~legalgen.render.style.Styler`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from legalgen.analysis import InstrumentDiff, Operation, PositionChange, PositionSide, ProvisionPair
from legalgen.analysis.diff import PAIR_THRESHOLD
from legalgen.analysis.genealogy import ClauseLink
from legalgen.records import Instrument, Paraphrase, Provision, Verbatim
from legalgen.render.style import Styler, no_style
from legalgen.render.text import md_escape, quote
from legalgen.views.words import (
    NEVER_REDLINED,
    STATUS_LABELS,
    comparison_label,
    long_date,
    long_dates,
    metadata_value,
    not_redlined,
    position_line,
    row_heading,
    row_why,
    sentence_case,
    stat_counts,
    stat_line,
    text_source,
)
from legalgen.views.words.diff import metadata_differ, row_notes

SCHEMA = "legalgen.diff/3"


def redline(ops: tuple[Operation, ...], style: Styler = no_style) -> str:
    """The word-level redline of one comparison: ``Союз [-основывается-]{+базируется+} на …``."""
    out = []
    for op in ops:
        out.append(op.space_before)
        if op.tag == "equal":
            out.append(op.b_text)
            continue
        if op.a_text:
            out.append(style(f"[-{op.a_text}-]", "deleted"))
        if op.b_text:
            out.append(style(f"{{+{op.b_text}+}}", "inserted"))
    return "".join(out).lstrip()


def _indent(text: str, prefix: str) -> list[str]:
    return [prefix + line for line in text.splitlines() or [""]]


# --------------------------------------------------------------------------- terminal


def render_terminal(d: InstrumentDiff, style: Styler | None = None, metadata: bool = False) -> str:
    """The default output: a summary first (counts, positions), then every row in detail, then — with
    ``metadata`` (``--metadata``) — the metadata fields that differ; without it, only how many do.

    ``style`` colours it (``None``: plain text).
    """
    paint = style or no_style

    def bold(s: str) -> str:
        return paint(s, "heading")

    def dim(s: str) -> str:
        return paint(s, "dim")

    out = [bold(f"legalgen diff {d.a.id} → {d.b.id}" + (f"  (topic: {d.topic})" if d.topic else ""))]
    for side, inst in (("A", d.a), ("B", d.b)):
        sig = inst.signature
        out.append(f"{side}  {inst.short_title} — {inst.title}" + (f", signed {long_date(sig.date)}" if sig else ""))
    out += [f"   {long_dates(c)}" for c in d.connections]
    out += ["", bold("Summary")]
    if not d.has_differences:
        out.append("  no differences")
    out.append("  " + stat_line(d))
    if d.positions:
        out.append("  Positions")
        out += [f"    {position_line(p, d)}" for p in d.positions]
    out += ["", bold("Provisions"), dim(f"  legend: [-deleted-] {{+inserted+}}; {NEVER_REDLINED}")]
    if not d.rows:
        out.append("  none" + (f" tagged {d.topic}" if d.topic else ""))
    for row in d.rows:
        out += ["", *_terminal_row(d, row, paint)]
    changed = [m for m in d.metadata if m.differs]
    if changed and d.topic is None:
        out += ["", bold("Metadata")]
        if metadata:
            out += [f"  {m.field}: {metadata_value(m.field, m.a)} → {metadata_value(m.field, m.b)}" for m in changed]
        else:
            out.append(f"  {metadata_differ(len(changed))}")
    return "\n".join(out) + "\n"


def _terminal_row(d: InstrumentDiff, row: ProvisionPair, paint: Styler) -> Iterator[str]:
    head = f"  {paint(row_heading(row), 'heading')}   {STATUS_LABELS[row.status]}"
    yield head + (f"   {paint('[' + row_why(row) + ']', 'dim')}" if row.reason else "")
    if row.status == "identical":
        return  # as diff(1): nothing to show where nothing changed
    if row.a and row.b:
        yield f"    A: {d.a.pin_cite(row.a.id)}"
        yield f"    B: {d.b.pin_cite(row.b.id)}"
    for note in row_notes(row, d):
        yield f"    {note}"
    for t in row.texts:
        yield f"    {t.language}  {comparison_label(t)}"
        for caution in t.cautions:
            yield f"        note: {caution}"
        if t.redlined and not t.same:
            yield f"        A: {text_source(t.a)}   B: {text_source(t.b)}"  # type: ignore[arg-type]
            yield from _indent(redline(t.operations, paint), "        ")
        elif t.redlined and t.typographic:  # the same words: both as written, so the reader sees the marks
            for side, text in (("A", t.a), ("B", t.b)):
                yield f"        {side}  {text_source(text)}"  # type: ignore[arg-type]
                yield from _indent(quote(text), "          ")  # type: ignore[arg-type]
        elif t.redlined:
            yield f"        A: {text_source(t.a)}   B: {text_source(t.b)}"  # type: ignore[arg-type]
            yield from _indent(quote(t.b), "        ")  # type: ignore[arg-type]
        else:
            for side, text in (("A", t.a), ("B", t.b)):
                if text is not None:
                    yield f"        {side}  {text_source(text, redline=t.paraphrase)}"
                    yield from _indent(quote(text), "          ")


# --------------------------------------------------------------------------- unified


def render_unified(d: InstrumentDiff) -> str:
    """Familiar to git users: ``---``/``+++`` headers, one ``@@`` hunk per row with its pin cites.

    Verbatim lines are ``-`` (A), ``+`` (B) or `` `` (both); notes and paraphrases, which are not the
    instruments' words, are ``\\`` lines and never ``-``/``+``. Identical rows get no hunk.
    """
    out = [
        f"--- a/{d.a.id}\t{d.a.short_title}",
        f"+++ b/{d.b.id}\t{d.b.short_title}",
    ]
    for row in d.rows:
        if row.status == "identical":
            continue  # as diff -u: no hunk where nothing changed
        a = d.a.pin_cite(row.a.id) if row.a else "(none)"
        b = d.b.pin_cite(row.b.id) if row.b else "(none)"
        why = f"; {row_why(row)}" if row.reason else ""
        out.append(f"@@ {a} → {b} @@ {STATUS_LABELS[row.status]}{why}")
        out += [f"\\ {note}" for note in row_notes(row, d)]
        for t in row.texts:
            out.append(f"\\ {t.language}: {comparison_label(t)}")
            out += [f"\\ note: {c}" for c in t.cautions]
            if t.redlined:
                out += _line_diff(t.a.marked_text, t.b.marked_text)  # type: ignore[union-attr]
                continue
            for side, sign, text in (("A", "-", t.a), ("B", "+", t.b)):
                if isinstance(text, Verbatim) and not t.paraphrase:
                    out += _indent(text.marked_text, sign)
                elif text is not None:
                    out += _indent(text.text, f"\\ {side} ({not_redlined(text)}): ")
    return "\n".join(out) + "\n"


def _line_diff(a: str, b: str) -> list[str]:
    import difflib

    la, lb = a.splitlines(), b.splitlines()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [f" {line}" for line in la[i1:i2]]
        else:
            out += [f"-{line}" for line in la[i1:i2]] + [f"+{line}" for line in lb[j1:j2]]
    return out


# --------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    return md_escape(text, newline="  \n")


def _md_redline(ops: tuple[Operation, ...]) -> str:
    out = []
    for op in ops:
        out.append(op.space_before.replace("\n", "  \n"))
        if op.tag == "equal":
            out.append(_md(op.b_text))
            continue
        if op.a_text:
            out.append(f"~~{_md(op.a_text)}~~")
        if op.b_text:
            out.append(f"**{_md(op.b_text)}**")
    return "".join(out).lstrip()


def render_markdown(d: InstrumentDiff) -> str:
    """A Markdown document: metadata table, summary, then each row; ~~deleted~~ and **inserted**."""
    out = [f"# {_md(d.a.short_title)} → {_md(d.b.short_title)}", ""]
    if d.topic:
        out += [f"Narrowed to the topic *{_md(d.topic)}*.", ""]
    if d.connections:
        out += [f"- {_md(long_dates(c))}" for c in d.connections] + [""]
    out += ["## Summary", "", _md(stat_line(d)) + ("" if d.has_differences else " No differences."), ""]
    out += [f"- {_md(position_line(p, d))}" for p in d.positions]
    out += [
        "",
        "## Provisions",
        "",
        f"Legend: ~~deleted~~ **inserted**. Only verbatim text is redlined; {NEVER_REDLINED}.",
    ]
    for row in d.rows:
        out += ["", f"### {_md(row_heading(row))} — {_md(STATUS_LABELS[row.status])}", ""]
        if row.reason:
            out += [f"*{_md(row_why(row))}*", ""]
        if row.status == "identical":
            continue
        if row.a:
            out.append(f"- A: {_md(d.a.pin_cite(row.a.id))}")
        if row.b:
            out.append(f"- B: {_md(d.b.pin_cite(row.b.id))}")
        out += [f"- {_md(sentence_case(note))}" for note in row_notes(row, d)]
        for t in row.texts:
            out += ["", f"**{t.language}** — {_md(comparison_label(t))}", ""]
            out += [f"> *Note: {_md(c)}*  " for c in t.cautions] + ([""] if t.cautions else [])
            if t.redlined and not t.same:
                out.append(_md_redline(t.operations))
            elif t.redlined:
                out.append(f"> {_md(quote(t.b))}")  # type: ignore[arg-type]
            else:
                for side, text in (("A", t.a), ("B", t.b)):
                    if text is not None:  # a quote in a quotation block; a paraphrase as plain text
                        out += [f"{side} ({_md(text_source(text))}):", ""]
                        out += [f"> {_md(quote(text))}" if isinstance(text, Verbatim) else _md(text.text), ""]
    # the records' facts about the two instruments come after the law they contain
    out += ["", "## Metadata", "", "| | A | B |", "|---|---|---|", f"| id | `{d.a.id}` | `{d.b.id}` |"]
    for m in d.metadata:
        mark = " (differs)" if m.differs else ""
        out.append(
            f"| {_md(m.field)}{mark} | {_md(metadata_value(m.field, m.a))} | {_md(metadata_value(m.field, m.b))} |"
        )
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- JSON


def diff_json(d: InstrumentDiff, stat_only: bool = False) -> dict[str, Any]:
    """The documented ``legalgen.diff/3`` shape (docs/json.md, section "diff")."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "a": _instrument(d.a),
        "b": _instrument(d.b),
        "topic": d.topic,
        "differences": d.has_differences,
        "stat": stat_counts(d),
        "pair_threshold": PAIR_THRESHOLD,
    }
    if stat_only:
        return data | {"summary": None, "pairs": None}
    data["summary"] = {
        "positions": [_position(p, d) for p in d.positions],
        "metadata": [{"field": m.field, "a": m.a, "b": m.b, "differs": m.differs} for m in d.metadata],
        "connections": list(d.connections),
    }
    data["pairs"] = [_row(d, row) for row in d.rows]
    return data


def render_json(d: InstrumentDiff, stat_only: bool = False) -> str:
    return json.dumps(diff_json(d, stat_only), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _instrument(inst: Instrument) -> dict[str, Any]:
    sig = inst.signature
    return {
        "id": inst.id,
        "short_title": inst.short_title,
        "title": inst.title,
        "kind": inst.kind.value,
        "signed": sig.date.isoformat() if sig else None,
    }


def _position(p: PositionChange, d: InstrumentDiff) -> dict[str, Any]:
    def side(s: PositionSide | None) -> dict[str, Any] | None:
        if s is None:
            return None
        return {
            "value": s.value,
            "label": s.label,
            "grade": s.grade.value,
            "year": s.year,
            "summary": s.summary,
            "provisions": list(s.provisions),
            "basis": s.basis,
            "paraphrase_only": list(s.paraphrase_only),
            "translation_only": list(s.translation_only),
        }

    return {
        "topic": p.topic,
        "title": p.title,
        "dimension": p.dimension,
        "dimension_label": p.dimension_label,
        "a": side(p.a),
        "b": side(p.b),
        "direction": p.direction,
        "line": position_line(p, d),
    }


def _provision(inst: Instrument, prov: Provision | None, ref: str | None) -> dict[str, Any] | None:
    if prov is None:
        return None
    return {
        "ref": ref,
        "provision": prov.id,
        "cite": inst.pin_cite(prov.id),
        "heading": prov.heading,
        "topics": list(prov.topics),
    }


def _text(text: Verbatim | Paraphrase | None) -> dict[str, Any] | None:
    if text is None:
        return None
    if isinstance(text, Paraphrase):
        return {"kind": "paraphrase", "text": text.text, "basis": text.basis, "sources": list(text.sources)}
    return {
        "kind": "verbatim",
        "text": text.text,
        "source": text.source,
        "locator": text.locator,
        "rendering": text.rendering.value,
        "translator": text.translator,
        "incomplete": text.incomplete,
        "cut": text.cut if text.incomplete else None,
    }


def _link(k: ClauseLink) -> dict[str, Any]:
    return {
        "earlier": k.earlier.ref,
        "earlier_cite": k.earlier.pin_cite,
        "later": k.later.ref,
        "later_cite": k.later.pin_cite,
        "recorded": k.recorded,
        "score": k.score,
        "compared": k.compared,
    }


def _row(d: InstrumentDiff, row: ProvisionPair) -> dict[str, Any]:
    return {
        "status": row.status,
        "a": _provision(d.a, row.a, row.a_ref),
        "b": _provision(d.b, row.b, row.b_ref),
        "alignment": {"reason": row.reason, "score": row.score, "detail": row.detail} if row.reason else None,
        "nearest": (
            {
                "ref": n.ref,
                "cite": n.cite,
                "reason": n.reason,
                "score": n.score,
                "detail": n.detail,
                "paired": n.paired,
            }
            if (n := row.nearest) is not None
            else None
        ),
        "chain": (
            {"links": [_link(k) for k in row.chain], "relation": row.chain_relation or None} if row.chain else None
        ),
        "notes": list(row_notes(row, d)),
        "texts": [
            {
                "language": t.language,
                "a": _text(t.a),
                "b": _text(t.b),
                "redlined": t.redlined,
                "identical": t.same,
                "typographic": t.typographic,
                "similarity": t.similarity if t.redlined else None,
                "cautions": list(t.cautions),
                "operations": [
                    {
                        "op": op.tag,
                        "a": [op.a_start, op.a_end],
                        "b": [op.b_start, op.b_end],
                        "a_text": op.a_text,
                        "b_text": op.b_text,
                        "space_before": op.space_before,
                    }
                    for op in t.operations
                ],
            }
            for t in row.texts
        ],
    }
