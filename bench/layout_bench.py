"""Benchmark of PDF layout: how many layouts each document takes, and the report against bare WeasyPrint.

Not a timed test: the figure is a ratio against a baseline measured in the same run, with the seconds
beside it. The baseline is bare WeasyPrint on the same HTML (the report of ``treaties/`` rendered in
``pdf`` mode) with the same stylesheet and options: one ``HTML(...).render(...)`` and ``write_pdf``.
``legalgen`` adds its checks (footnotes on their page, clipped quotations, fonts) and lays the document
out again when the first layout leaves something to settle: a footnote astray, or page references the
table of authorities repeats ("3, 3, 5") and hides. The layouts are counted by wrapping
``weasyprint.HTML.render`` for every PDF ``legalgen build`` writes (the report and each brief).

Run: ``.venv/bin/python bench/layout_bench.py [--write]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import weasyprint

import legalgen.render.pdf as pdf
from legalgen.records import load_corpus
from legalgen.render.html import render_html, static_text
from legalgen.views import brief_view, report_view

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
DAY = dt.date(2026, 1, 1)


def best_of(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def bare(html: str) -> bytes:
    fetcher = pdf.AllowlistFetcher()
    fonts = weasyprint.text.fonts.FontConfiguration()
    sheet = weasyprint.CSS(string=static_text(pdf.PRINT_STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        font_config=fonts, stylesheets=[sheet], **pdf.RENDER_OPTIONS
    )
    data: bytes = doc.write_pdf(**pdf.RENDER_OPTIONS)
    return data


def count_layouts(html: str) -> tuple[int, int]:
    """(layouts legalgen made, page references it hid) for one document."""
    calls = []
    original = weasyprint.HTML.render

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(self, *args, **kwargs)

    weasyprint.HTML.render = counted  # type: ignore[method-assign]
    hidden = []
    original_hide = pdf._hide_repeated

    def hide(refs: Any, pages: Any) -> str:
        rules = original_hide(refs, pages)
        hidden.append(rules.count("display:none"))
        return rules

    pdf._hide_repeated = hide
    try:
        pdf.html_to_pdf(html)
    finally:
        weasyprint.HTML.render = original  # type: ignore[method-assign]
        pdf._hide_repeated = original_hide
    return len(calls), (hidden[0] if hidden else 0)


def run() -> str:
    corpus = load_corpus([ROOT / "treaties"])
    documents = {"report": render_html("report.html", report_view(corpus, as_of=DAY, generated=DAY), mode="pdf")}
    for target in [t.id for t in corpus.topics.topics] + list(corpus.ids):
        view = brief_view(corpus, target, as_of=DAY, generated=DAY)
        documents[f"brief {target}"] = render_html("brief.html", view, mode="pdf")
    counts = {name: count_layouts(html) for name, html in documents.items()}
    report = documents["report"]
    t_bare = best_of(3, lambda: bare(report))
    t_legalgen = best_of(3, lambda: pdf.html_to_pdf(report))
    more = [name for name, (n, _) in counts.items() if n > 1]
    lines = [
        "### `legalgen report` (treaties/) against bare WeasyPrint on the same HTML (best of 3)",
        "",
        "| rendering | s | × baseline |",
        "| --- | ---: | ---: |",
        f"| bare WeasyPrint: one layout + write_pdf (baseline) | {t_bare:.2f} | 1.00× |",
        f"| legalgen html_to_pdf | {t_legalgen:.2f} | {t_legalgen / t_bare:.2f}× |",
        "",
        f"Layouts per PDF of `legalgen build` ({len(counts)} PDFs): "
        + ", ".join(f"{name} {n} ({h} refs hidden)" for name, (n, h) in counts.items() if n > 1 or h)
        + f"; the other {len(counts) - len(more)} took one layout.",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores; WeasyPrint "
        f"{weasyprint.__version__}; load average at the end {os.getloadavg()[0]:.1f}.",
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    begin, end = "<!-- layout_bench: begin -->", "<!-- layout_bench: end -->"
    old = RESULTS.read_text(encoding="utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n## PDF layout (`bench/layout_bench.py`)\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    args = parser.parse_args()
    text = run()
    print(text)
    if args.write:
        write_results(text)


if __name__ == "__main__":
    main()
