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
from legalgen.views.words import evidence, quote_marks, quoted
from legalgen.views.words.consolidation import (
    in_force_heading,
    incomplete_warning,
    passage_note,
    pending_text,
    renumbered_text,
)


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
