"""Consolidated text for the terminal and as JSON: ``legalgen show ID --as-of DATE`` and ``legalgen text``.

Each amended passage stands on its own line under a ``►`` margin note that names the amending provision
and the date it took effect; where the amending words were not seen, the note says so at that spot and the
operation's paraphrase follows, labelled, never quoted.
"""

from __future__ import annotations

from legalgen.analysis.consolidation import ConsolidatedProvision, ConsolidatedText, Consolidation, Passage
from legalgen.records import Corpus, Paraphrase, Verbatim
from legalgen.render.data import dumps
from legalgen.render.schemas import ConsolidatedDocument, adapter
from legalgen.render.text import TERMINAL, instrument_detail, text_label
from legalgen.views.words import evidence, quoted
from legalgen.views.words.consolidation import (
    in_force_heading,
    incomplete_warning,
    inline,
    passage_note,
    pending_text,
    renumbered_text,
)


def note_lines(notes: list[Passage], corpus: Corpus, indent: str, start: int = 1) -> list[str]:
    """The notes of :func:`inline`: who made each passage and from when; the amending text's source, or its
    paraphrase and basis where the words were not seen."""
    out = []
    for n, p in enumerate(notes, start):
        assert p.made_by is not None
        out.append(f"{indent}[{n}] {passage_note(p, TERMINAL)}")
        if isinstance(p.text, Verbatim) and p.words:
            out.append(f"{indent}    {text_label(p.text, corpus.instrument(p.made_by.instrument))}")
        elif p.words is None and isinstance(p.text, Paraphrase):
            out.append(f"{indent}    [paraphrase, {p.text.language}] {p.text.text}")
            out.append(f"{indent}    basis: {p.text.basis}")
    return out


def _text_lines(text: ConsolidatedText, corpus: Corpus, instrument: str, indent: str) -> list[str]:
    inst = corpus.instrument(instrument)
    out = [f"{indent}{text_label(text.base, inst)}"]
    if not text.amended and isinstance(text.base, Verbatim):
        return out + [f"{indent}  {line}" for line in quoted(text.base).splitlines()]
    line, notes = inline(text)
    return [*out, f"{indent}  {line}", *note_lines(notes, corpus, indent + "  ")]


def provision_lines(prov: ConsolidatedProvision, corpus: Corpus, indent: str = "  ") -> list[str]:
    """One consolidated provision: heading, a warning if the wording in force is not wholly known, its texts."""
    head = in_force_heading(prov, TERMINAL)
    if prov.heading:
        head += f" — {prov.heading}"
    if renumbered := renumbered_text(prov):
        head += f" ({renumbered})"
    out = [f"{indent}{head}" + (f"  [{', '.join(prov.topics)}]" if prov.topics else "")]
    if warning := incomplete_warning(prov):
        out.append(f"{indent}  ! {warning}")
    for text in prov.texts:
        out += _text_lines(text, corpus, prov.instrument, indent + "  ")
    for m in prov.pending:
        out.append(f"{indent}  {pending_text(m, TERMINAL)}")
    if prov.amended:
        out.append(f"{indent}  {evidence(prov.grade)}")
    return out


def consolidated_lines(c: Consolidation, corpus: Corpus) -> list[str]:
    out = [f"Provisions as they stood on {c.date} (consolidated: each amended passage marked ►)"]
    for prov in c.provisions:
        out += provision_lines(prov, corpus)
    for r in c.repealed:
        out.append(f"  {r.pin_cite}: {passage_note(Passage('', r.made_by), TERMINAL)}")
    return out


def consolidated_detail(consolidation: Consolidation, corpus: Corpus) -> str:
    """``legalgen show ID --as-of DATE``: the instrument as ``show`` prints it, its provisions consolidated."""
    inst = corpus.instrument(consolidation.instrument)
    return instrument_detail(inst, corpus.topics, provisions=consolidated_lines(consolidation, corpus))


def provision_text(consolidation: Consolidation, corpus: Corpus) -> str:
    """``legalgen text ID ART --as-of DATE``: one provision as in force on the date."""
    out = [f"{consolidation.short_title} — {consolidation.title}"]
    for prov in consolidation.provisions:
        out += provision_lines(prov, corpus, indent="")
    return "\n".join(out)


def consolidated_json(consolidation: Consolidation) -> str:
    """The consolidation as a ``legalgen.consolidated/1`` document."""
    doc = ConsolidatedDocument.of(consolidation)
    return dumps(adapter(ConsolidatedDocument).dump_python(doc, mode="json"))


__all__ = ["consolidated_detail", "consolidated_json", "provision_lines", "provision_text"]
