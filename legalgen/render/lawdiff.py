"""The law between two dates (``legalgen diff --as-of D1 --as-of D2``) as terminal text, Markdown and JSON.

Dimension by dimension, one line each, as a lawyer would say it; the dimensions nobody addresses on either
date in one line; then each provision whose consolidated wording changed, with its wording on each date
(the first recorded text: the original where there is one) and the redline where both are verbatim and
wholly known. ``--format json`` carries every text and passage.
"""

from __future__ import annotations

from collections.abc import Callable

from legalgen.analysis.consolidation import ConsolidatedText
from legalgen.analysis.lawdiff import LawDiff, ProvisionDiff, Redline, TopicDiff
from legalgen.render.data import dumps
from legalgen.render.schemas import LawDiffDocument, adapter
from legalgen.render.style import Role
from legalgen.render.text import md_escape as md_escape_text
from legalgen.views.words import Naming, evidence
from legalgen.views.words.consolidation import (
    REDLINE_REASONS,
    inline,
    law_dimension_line,
    law_heading,
    not_addressed_line,
    provision_kind_text,
    shown_text,
    unseen_words_note,
)

TERMINAL = Naming.terminal()
Style = Callable[[str, Role], str]


def _plain(text: str, role: Role) -> str:
    return text


def _wording(text: ConsolidatedText, naming: Naming) -> str:
    """A consolidated text on one line, its notes after it in brackets (see :func:`~.consolidation.inline`)."""
    line, notes = inline(text)
    if text.grade is not None:
        line += f" ({evidence(text.grade)})"
    for n, p in enumerate(notes, 1):
        if (note := unseen_words_note(n, p)) is not None:
            line += f" {note}"
    return line


def _redline_text(r: Redline, style: Style) -> str:
    out = []
    for op in r.operations:
        if op.tag == "equal":
            out.append(op.then)
            continue
        if op.then:
            out.append(style(f"[-{op.then}-]", "deleted"))
        if op.now:
            out.append(style(f"{{+{op.now}+}}", "inserted"))
    return " ".join(out)


def _provision_lines(p: ProvisionDiff, law: LawDiff, naming: Naming, style: Style) -> list[str]:
    out = [style(f"  {p.pin_cite}", "heading") + f" — {provision_kind_text(p, law.then, law.now, naming)}"]
    first = p.redlines[0] if p.redlines else None
    if first is not None and first.redlined:
        out.append(f"    {_redline_text(first, style)}")
        return out
    for day, prov in ((law.then, p.then), (law.now, p.now)):
        text = shown_text(prov)
        if text is not None:
            out.append(f"    on {naming.date(day)}: {_wording(text, naming)}")
    if first is not None and (reason := REDLINE_REASONS.get(first.reason or "", first.reason or "")):
        out.append(f"    {reason}")
    return out


def _topic_lines(t: TopicDiff, law: LawDiff, naming: Naming, style: Style) -> list[str]:
    out = [style(t.title, "heading")]
    silent = [d.label for d in t.dimensions if not d.then.addressed and not d.now.addressed]
    for d in t.dimensions:
        if d.then.addressed or d.now.addressed:
            out.append(f"  {law_dimension_line(d, law.then, law.now, naming)}")
    if silent:
        out.append(f"  {not_addressed_line(silent, law.then, law.now, naming)}")
    if t.provisions:
        out += ["", style("  Provisions whose wording changed or that stood on one date only", "heading")]
        for p in t.provisions:
            out += _provision_lines(p, law, naming, style)
    return out


def law_diff_text(law: LawDiff, style: Style | None = None) -> str:
    """``legalgen diff --as-of D1 --as-of D2``: per topic, each dimension then and now, then the wording."""
    style = style or _plain
    out = [style(law_heading(law.then, law.now, None, TERMINAL), "heading")]
    if not law.has_differences:
        out.append("No position and no wording relied on changed between the two dates.")
    for t in law.topics:
        out += ["", *_topic_lines(t, law, TERMINAL, style)]
    return "\n".join(out)


def law_diff_markdown(law: LawDiff) -> str:
    """The same in Markdown, with long dates and short titles, record text escaped."""
    naming = Naming()
    out = [f"# {md_escape_text(law_heading(law.then, law.now, None, naming))}"]
    for t in law.topics:
        out += ["", f"## {md_escape_text(t.title)}", ""]
        silent = [d.label for d in t.dimensions if not d.then.addressed and not d.now.addressed]
        out += [
            f"- {md_escape_text(law_dimension_line(d, law.then, law.now, naming))}"
            for d in t.dimensions
            if d.then.addressed or d.now.addressed
        ]
        if silent:
            out.append(f"- {md_escape_text(not_addressed_line(silent, law.then, law.now, naming))}")
        for p in t.provisions:
            out += [
                "",
                f"### {md_escape_text(p.pin_cite)}",
                "",
                md_escape_text(provision_kind_text(p, law.then, law.now, naming)),
            ]
            first = p.redlines[0] if p.redlines else None
            if first is not None and first.redlined:
                red = " ".join(
                    md_escape_text(o.then)
                    if o.tag == "equal"
                    else (f"~~{md_escape_text(o.then)}~~ " if o.then else "")
                    + (f"**{md_escape_text(o.now)}**" if o.now else "")
                    for o in first.operations
                )
                out += ["", f"> {red}"]
                continue
            for day, prov in ((law.then, p.then), (law.now, p.now)):
                text = shown_text(prov)
                if text is not None:
                    out += ["", f"- on {naming.date(day)}: {md_escape_text(_wording(text, naming))}"]
    return "\n".join(out) + "\n"


def law_diff_unified(law: LawDiff) -> str:
    """Familiar to git users: ``---`` the law on the first date, ``+++`` on the second, one ``@@`` hunk per
    provision whose wording changed or that was relied on on one date only. Only verbatim words that are
    wholly known are ``-``/``+`` lines; a change of position, a note and a wording not wholly known (an
    amendment whose words were not seen, a paraphrase) are ``\\`` lines, never ``-``/``+``."""
    naming = TERMINAL
    out = [f"--- the law on {law.then.isoformat()}", f"+++ the law on {law.now.isoformat()}"]
    for t in law.topics:
        for d in t.dimensions:
            if d.then.addressed or d.now.addressed:
                out.append(f"\\ {t.title}: {law_dimension_line(d, law.then, law.now, naming)}")
        for p in t.provisions:
            out.append(f"@@ {p.pin_cite} @@ {provision_kind_text(p, law.then, law.now, naming)}")
            for sign, prov in (("-", p.then), ("+", p.now)):
                text = shown_text(prov)
                if text is None:
                    continue
                if text.verbatim and text.complete and not text.amended:
                    out += [f"{sign}{line}" for line in _wording(text, naming).splitlines()]
                else:
                    out.append(f"\\ {'then' if sign == '-' else 'now'}: {_wording(text, naming)}")
    return "\n".join(out) + "\n"


def law_diff_json(law: LawDiff) -> str:
    """The ``legalgen.lawdiff/1`` document."""
    return dumps(adapter(LawDiffDocument).dump_python(LawDiffDocument.of(law), mode="json"))


__all__ = ["law_diff_json", "law_diff_markdown", "law_diff_text", "law_diff_unified"]
