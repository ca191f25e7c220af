"""The standard set of reports that ``legalgen build`` (and ``make reports``) produces.

Everything is rendered into memory first; :func:`legalgen.output.write_outputs` then publishes it all
or nothing.
"""

from __future__ import annotations

import datetime as dt

from .corpus import Corpus
from .render_text import corpus_summary_markdown


def build_reports(corpus: Corpus, generated: dt.date | None) -> dict[str, bytes]:
    """Render every standard report of ``corpus``: file name → bytes."""
    summary = corpus_summary_markdown(corpus)
    if generated is not None:
        summary += f"\n_Generated {generated.isoformat()} by legalgen._\n"
    return {"corpus-summary.md": summary.encode("utf-8")}
