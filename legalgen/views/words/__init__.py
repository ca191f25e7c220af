"""The words of the domain, decided once for every format: dates, plurals, status and event prose, caveats, diff rows.

Renderers of every format (terminal, Markdown, JSON, HTML, PDF) and the view models call these; nothing
here knows about a format's markup. A fact a reader sees in two formats is worded by one function here,
so the report, the brief and the terminal cannot say it differently.

* :mod:`~legalgen.views.words.common` — dates, counts, languages, kinds, provisions, positions, and
  :class:`Naming` (long dates and short titles in documents, ISO dates and ids in the terminal);
* :mod:`~legalgen.views.words.life` — signatures, events, status on a date, causes and directions of
  change, caveats;
* :mod:`~legalgen.views.words.diff` — the rows, pairings, positions and counts of a comparison.

    >>> import datetime as dt
    >>> long_date(dt.date(1999, 12, 8))
    '8 December 1999'
"""

from __future__ import annotations

from legalgen.views.words.common import (
    DOCUMENT_LANGUAGE,
    ISO_DATE,
    KIND_LABELS,
    MONTHS,
    RELIABILITY,
    Naming,
    QuoteMarks,
    QuotePiece,
    by_its,
    full_stop,
    language_name,
    long_date,
    long_dates,
    plural,
    position_label,
    provision_label,
    quote_marks,
    quote_pieces,
    quoted,
    ref_label,
    sentence_case,
)
from legalgen.views.words.diff import (
    MOVES,
    NEVER_REDLINED,
    REASON_LABELS,
    STATUS_LABELS,
    comparison_label,
    not_redlined,
    position_line,
    position_side,
    row_heading,
    row_why,
    stat_counts,
    stat_line,
    text_kind,
    text_source,
)
from legalgen.views.words.life import (
    CAUSES,
    DIRECTIONS,
    FLAGS,
    SINCE,
    basis_tag,
    cause_text,
    caveat_text,
    change_text,
    citation,
    describe_event,
    flags,
    life_checks,
    relation_text,
    signature_phrase,
    signed_fact,
    since_text,
    status_words,
    unconfirmed,
)

__all__ = [
    "CAUSES",
    "DIRECTIONS",
    "DOCUMENT_LANGUAGE",
    "FLAGS",
    "ISO_DATE",
    "KIND_LABELS",
    "MONTHS",
    "MOVES",
    "NEVER_REDLINED",
    "REASON_LABELS",
    "RELIABILITY",
    "SINCE",
    "STATUS_LABELS",
    "Naming",
    "QuoteMarks",
    "QuotePiece",
    "basis_tag",
    "by_its",
    "cause_text",
    "caveat_text",
    "change_text",
    "citation",
    "comparison_label",
    "describe_event",
    "flags",
    "full_stop",
    "language_name",
    "life_checks",
    "long_date",
    "long_dates",
    "not_redlined",
    "plural",
    "position_label",
    "position_line",
    "position_side",
    "provision_label",
    "quote_marks",
    "quote_pieces",
    "quoted",
    "ref_label",
    "relation_text",
    "row_heading",
    "row_why",
    "sentence_case",
    "signature_phrase",
    "signed_fact",
    "since_text",
    "stat_counts",
    "stat_line",
    "status_words",
    "text_kind",
    "text_source",
    "unconfirmed",
]
