"""Benchmark of PDF layout: how many layouts each document takes, and the report against bare WeasyPrint.

Not a timed test: the figure is a ratio against a baseline measured in the same run, with the seconds
beside it. The baseline is bare WeasyPrint on the same HTML (the report of ``treaties/`` rendered in
``pdf`` mode) with the same stylesheet and options: one ``HTML(...).render(...)`` and ``write_pdf``.
``legalgen`` adds its checks (footnotes on their page, clipped quotations, fonts), hides the page
references the table of authorities repeats ("3, 3, 5") between WeasyPrint's own layout passes, and lays
the document out again only when a footnote went astray. Counted for every PDF ``legalgen build`` writes
(the report and each brief): layouts (calls of ``weasyprint.HTML.render``) and, for the report, pages
laid out (calls of WeasyPrint's ``remake_page``: a page WeasyPrint makes again to print page numbers
counts again) against bare WeasyPrint, and the seconds legalgen's own steps take inside ``html_to_pdf``.

Run: ``.venv/bin/python bench/layout_bench.py [--write]``.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import weasyprint
import weasyprint.document
import weasyprint.layout.page

import legalgen.render.pdf as pdf
from bench._harness import ROOT, cli, interleaved, measured_on, publish
from legalgen.records import load_corpus
from legalgen.render.html import render_html, static_text
from legalgen.views import brief_view, report_view

DAY = dt.date(2026, 1, 1)
RUNS = 5


def bare(html: str) -> bytes:
    fetcher = pdf.AllowlistFetcher()
    fonts = weasyprint.text.fonts.FontConfiguration()
    sheet = weasyprint.CSS(string=static_text(pdf.PRINT_STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        font_config=fonts, stylesheets=[sheet], **pdf.RENDER_OPTIONS
    )
    data: bytes = doc.write_pdf(**pdf.RENDER_OPTIONS)
    return data


@contextmanager
def counting(owner: Any, name: str, calls: list[float]) -> Iterator[None]:
    """Append the seconds of each call of ``owner.name`` to ``calls`` while inside."""
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            calls.append(time.perf_counter() - start)

    setattr(owner, name, counted)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextmanager
def patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


#: legalgen's own steps inside html_to_pdf (the rest is WeasyPrint's parsing, layout and writing).
OWN_STEPS = ["_astray_footnotes", "_clipped_quotes", "_foreign_fonts", "_anchor_pages", "_pagerefs"]


def count_layouts(html: str) -> tuple[int, int]:
    """(layouts legalgen made, page references it hid) for one document."""
    calls: list[float] = []
    hidden = []
    original_after = pdf._PageRefHider.after_pass

    def after(self: Any, context: Any, root_box: Any, pages: Any) -> None:
        original_after(self, context, root_box, pages)
        hidden.append(len(self.hidden))

    with counting(weasyprint.HTML, "render", calls), patched(pdf._PageRefHider, "after_pass", after):
        pdf.html_to_pdf(html)
    return len(calls), (hidden[-1] if hidden else 0)


def pages_laid_out(func: Callable[[], object]) -> int:
    """How many pages WeasyPrint laid out (``remake_page`` calls) while ``func`` ran."""
    calls: list[float] = []
    with counting(weasyprint.layout.page, "remake_page", calls):
        func()
    return len(calls)


def own_seconds(html: str) -> tuple[float, float, dict[str, float]]:
    """(seconds of html_to_pdf, of WeasyPrint's write_pdf, legalgen's own steps by name) for one run."""
    steps: dict[str, list[float]] = {name: [] for name in [*OWN_STEPS, "after_pass"]}
    written: list[float] = []
    with ExitStack() as stack:
        for name in OWN_STEPS:
            stack.enter_context(counting(pdf, name, steps[name]))
        stack.enter_context(counting(pdf._PageRefHider, "after_pass", steps["after_pass"]))
        stack.enter_context(counting(weasyprint.document.Document, "write_pdf", written))
        start = time.perf_counter()
        pdf.html_to_pdf(html)
        total = time.perf_counter() - start
    return total, sum(written), {name: sum(times) for name, times in steps.items()}


def run() -> str:
    corpus = load_corpus([ROOT / "treaties"])
    documents = {"report": render_html("report.html", report_view(corpus, as_of=DAY, generated=DAY), mode="pdf")}
    for target in [t.id for t in corpus.topics.topics] + list(corpus.ids):
        view = brief_view(corpus, target, as_of=DAY, generated=DAY)
        documents[f"brief {target}"] = render_html("brief.html", view, mode="pdf")
    counts = {name: count_layouts(html) for name, html in documents.items()}
    report = documents["report"]
    # CPU time is what the ratio is taken on (the machine is shared: wall time also counts the time other
    # processes held the core); none pays for collecting the boxes the one before left behind
    (w_bare, t_bare), (w_legalgen, t_legalgen) = interleaved(
        RUNS, [lambda: bare(report), lambda: pdf.html_to_pdf(report)], before=gc.collect
    )
    pages_bare, pages_legalgen = pages_laid_out(lambda: bare(report)), pages_laid_out(lambda: pdf.html_to_pdf(report))
    total, written, own = own_seconds(report)
    more = [name for name, (n, _) in counts.items() if n > 1]
    lines = [
        f"### `legalgen report` (treaties/) against bare WeasyPrint on the same HTML (best of {RUNS}, taken in turn)",
        "",
        "| rendering | CPU s | × baseline | wall s |",
        "| --- | ---: | ---: | ---: |",
        f"| bare WeasyPrint: one layout + write_pdf (baseline) | {t_bare:.2f} | 1.00× | {w_bare:.2f} |",
        f"| legalgen html_to_pdf | {t_legalgen:.2f} | {t_legalgen / t_bare:.3f}× | {w_legalgen:.2f} |",
        "",
        f"Layouts per PDF of `legalgen build` ({len(counts)} PDFs): "
        + ", ".join(f"{name} {n} ({h} refs hidden)" for name, (n, h) in counts.items() if n > 1 or h)
        + f"; the other {len(counts) - len(more)} took one layout.",
        "",
        f"Pages laid out for the report (WeasyPrint's `remake_page` calls, re-makes to print page numbers "
        f"included): bare WeasyPrint {pages_bare}, legalgen {pages_legalgen}.",
        "",
        f"Where one `html_to_pdf` of the report goes ({total:.2f} s): WeasyPrint's `write_pdf` {written:.2f} s; "
        f"legalgen's own steps {sum(own.values()):.3f} s ({sum(own.values()) / total:.1%}: "
        + ", ".join(f"`{name}` {seconds * 1000:.0f} ms" for name, seconds in own.items())
        + "); the rest is WeasyPrint's parsing, styles and layout.",
        "",
        measured_on(f"WeasyPrint {weasyprint.__version__}"),
    ]
    return "\n".join(lines)


def main() -> None:
    args = cli(__doc__).parse_args()
    publish(run(), "layout_bench", "PDF layout", args.write)


if __name__ == "__main__":
    main()
