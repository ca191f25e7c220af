"""The law between two dates as a document (``legalgen diff --as-of D1 --as-of D2 --format html|pdf``).

It reads as a brief (the ``brief.html`` template): for each topic, each dimension then and now with what
it rests on and the grade of its evidence, then the provisions whose wording changed, each wording with
its language and grade, redlined where both wordings are verbatim and wholly known. Every phrase comes
from :mod:`legalgen.views.words.consolidation`, as in the terminal.
"""

from __future__ import annotations

import datetime as dt

from legalgen.analysis.consolidation import ConsolidatedText
from legalgen.analysis.lawdiff import LawDiff, ProvisionDiff, Redline
from legalgen.views.blocks import Fact, Para, Run, make_meta, reading_key
from legalgen.views.brief import BriefSection, BriefView
from legalgen.views.words import Naming, evidence, long_date
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


def _wording(day: dt.date, text: ConsolidatedText, naming: Naming) -> Para:
    """``On 1 January 1999: «…» (evidence: …)``, the record's words in their own language."""
    line, notes = inline(text)
    runs = [Run(f"On {naming.date(day)}: "), Run(line, lang=text.language)]
    if text.grade is not None:
        runs.append(Run(f" ({evidence(text.grade)})"))
    for n, p in enumerate(notes, 1):
        if (note := unseen_words_note(n, p)) is not None:
            runs.append(Run(f" {note}"))
    return Para(tuple(runs))


def _redline(r: Redline) -> Para:
    """The two verbatim wordings as one redline: deleted words struck through, inserted ones underlined."""
    runs: list[Run] = [Run("Redline: ")]
    for op in r.operations:
        if op.tag == "equal":
            runs.append(Run(op.then + " ", lang=r.language))
            continue
        if op.then:
            runs.append(Run(op.then, lang=r.language, change="del"))
            runs.append(Run(" "))
        if op.now:
            runs.append(Run(op.now, lang=r.language, change="ins"))
            runs.append(Run(" "))
    return Para(tuple(runs))


def _provision(p: ProvisionDiff, law: LawDiff, naming: Naming) -> list[Para]:
    paras = [Para((Run(p.pin_cite, em=True), Run(f" — {provision_kind_text(p, law.then, law.now, naming)}")))]
    first = p.redlines[0] if p.redlines else None
    if first is not None and first.redlined:
        return [*paras, _redline(first)]
    for day, prov in ((law.then, p.then), (law.now, p.now)):
        text = shown_text(prov)
        if text is not None:
            paras.append(_wording(day, text, naming))
    if first is not None and (reason := REDLINE_REASONS.get(first.reason or "", first.reason or "")):
        paras.append(Para((Run(reason[:1].upper() + reason[1:] + "."),)))
    return paras


def law_diff_view(law: LawDiff, generated: dt.date | None) -> BriefView:
    """Everything the law diff shows in a document, worded as in the terminal with long dates and titles."""
    naming = Naming()
    heading = law_heading(law.then, law.now, None, naming)
    sections = []
    for t in law.topics:
        items = [
            Para((Run(law_dimension_line(d, law.then, law.now, naming)),))
            for d in t.dimensions
            if d.then.addressed or d.now.addressed
        ]
        silent = [d.label for d in t.dimensions if not d.then.addressed and not d.now.addressed]
        if silent:
            items.append(Para((Run(not_addressed_line(silent, law.then, law.now, naming)),)))
        sections.append(BriefSection(f"sec--{t.topic}", t.title, items=tuple(items)))
        paras = [para for p in t.provisions for para in _provision(p, law, naming)]
        if paras:
            sections.append(
                BriefSection(
                    f"sec--{t.topic}--wording",
                    f"{t.title}: the provisions relied on whose wording changed, or that stood on one date only",
                    paras=tuple(paras),
                )
            )
    topics = ", ".join(t.title for t in law.topics)
    meta = make_meta(
        slug=f"law-{law.then.isoformat()}-{law.now.isoformat()}" + (f"-{law.topic}" if law.topic else ""),
        title=heading,
        subtitle=f"The law on {topics}: each dimension on both dates, and the wording that changed",
        description=f"{heading}: {topics}.",
        keywords=(law.then.isoformat(), law.now.isoformat(), *(t.topic for t in law.topics), "legalgen"),
        as_of=law.now,
        generated=generated,
        kind="Comparison of the law",
    )
    facts = (
        Fact("First date", long_date(law.then)),
        Fact("Second date", long_date(law.now)),
        Fact("Topics", topics),
    )
    return BriefView(meta, heading, (), facts, tuple(sections), (), reading_key())


__all__ = ["law_diff_view"]
