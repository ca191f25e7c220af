"""Views: frozen view models with every word a reader sees already decided.

A view is built from the analysis (:mod:`legalgen.analysis`) and handed to a renderer
(:mod:`legalgen.render`), which only lays it out. No view imports a renderer.
"""

from __future__ import annotations

from legalgen.views.diff import DiffView, diff_view
from legalgen.views.documents import BriefView, ReportView, brief_view, records_json, report_view

__all__ = ["BriefView", "DiffView", "ReportView", "brief_view", "diff_view", "records_json", "report_view"]
