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


def _words(p: Passage, text: ConsolidatedText) -> str:
    """A passage's words as printed: quoted for a verbatim text (in its language's marks), plain for a paraphrase."""
    assert p.words is not None
    if isinstance(text.base, Verbatim) or isinstance(p.text, Verbatim):
        if p.made_by is None and isinstance(text.base, Verbatim) and p.words == text.base.text:
            return quoted(text.base)  # the whole recorded text: restorations and cuts as recorded
        marks = quote_marks(text.language)
        return f"{marks.open}{p.words}{marks.close}"
    return p.words


def _text_lines(text: ConsolidatedText, corpus: Corpus, instrument: str, indent: str) -> list[str]:
    inst = corpus.instrument(instrument)
    out = [f"{indent}{text_label(text.base, inst)}"]
    for p in text.passages:
        if p.made_by is None:
            out += [f"{indent}  {line}" for line in _words(p, text).splitlines()]
            continue
        out.append(f"{indent}  ► [{passage_note(p, TERMINAL)}]")
        if p.words == "":
            continue
        if p.words is not None:
            out += [f"{indent}    {line}" for line in _words(p, text).splitlines()]
            if isinstance(p.text, Verbatim) and p.text.source:
                amender = corpus.instrument(p.made_by.instrument)
                out.append(f"{indent}    {text_label(p.text, amender)}")
        elif isinstance(p.text, Paraphrase):
            out.append(f"{indent}    [paraphrase, {p.text.language}] {p.text.text}")
            out.append(f"{indent}    basis: {p.text.basis}")
    return out


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
