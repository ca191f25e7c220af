"""Views: frozen view models with every word a reader sees already decided.

A view is built from the analysis (:mod:`legalgen.analysis`) and handed to a renderer
(:mod:`legalgen.render`), which only lays it out. No view imports a renderer.

* :mod:`~legalgen.views.words` — the words of the domain, once for every format;
* :mod:`~legalgen.views.blocks` — runs, quotes, paraphrases, provisions, notes: what documents are made of;
* :mod:`~legalgen.views.analysis` — the analysis the report and the briefs share;
* :mod:`~legalgen.views.checks` — what is still unverified about an instrument;
* :mod:`~legalgen.views.chart` — the timeline chart;
* :mod:`~legalgen.views.report`, :mod:`~legalgen.views.brief`, :mod:`~legalgen.views.diff` — the documents;
* :mod:`~legalgen.views.records` — the records that travel with a PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legalgen.lazy import attribute

if TYPE_CHECKING:
    from legalgen.views.blocks import Fact, Meta, Note, Para, Paraphrased, Passage, ProvisionBlock, Quote, Run
    from legalgen.views.brief import BriefSection, BriefView, brief_view
    from legalgen.views.chart import Chart
    from legalgen.views.diff import DiffView, diff_view
    from legalgen.views.records import records_json
    from legalgen.views.report import ReportView, report_view

# Each name is imported from its module when first asked for, as in :mod:`legalgen.analysis`: a terminal
# command that needs only the words (``from legalgen.views.words import …``) does not load the report,
# the briefs, the diff document and the chart.
_HOMES = {
    **dict.fromkeys(
        ("Fact", "Meta", "Note", "Para", "Paraphrased", "Passage", "ProvisionBlock", "Quote", "Run"),
        "legalgen.views.blocks",
    ),
    **dict.fromkeys(("BriefSection", "BriefView", "brief_view"), "legalgen.views.brief"),
    "Chart": "legalgen.views.chart",
    **dict.fromkeys(("DiffView", "diff_view"), "legalgen.views.diff"),
    "records_json": "legalgen.views.records",
    **dict.fromkeys(("ReportView", "report_view"), "legalgen.views.report"),
}


def __getattr__(name: str) -> Any:
    return attribute(__name__, _HOMES, globals(), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "BriefSection",
    "BriefView",
    "Chart",
    "DiffView",
    "Fact",
    "Meta",
    "Note",
    "Para",
    "Paraphrased",
    "Passage",
    "ProvisionBlock",
    "Quote",
    "ReportView",
    "Run",
    "brief_view",
    "diff_view",
    "records_json",
    "report_view",
]
