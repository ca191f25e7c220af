"""The documents legalgen writes, one function each, and the standard set ``legalgen build`` produces.

:func:`report_document` and :func:`brief_document` turn a corpus into finished bytes (a PDF, a
standalone HTML page, or an embeddable fragment) with their default file name; ``legalgen report``,
``legalgen brief`` and :func:`build_reports` all go through them. Nothing is written here:
:func:`legalgen.output.write_outputs` publishes, all or nothing.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> day = dt.date(2026, 1, 1)
    >>> doc = brief_document(corpus, "1997-charter", as_of=day, generated=day, pdf_a=True)  # doctest: +SLOW
    >>> doc.name, doc.data[:5]
    ('brief-1997-charter.pdf', b'%PDF-')
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from .corpus import Corpus
from .render_text import corpus_summary_markdown
from .views import BriefView, ReportView, brief_view, records_json, report_view

Format = Literal["pdf", "html"]


@dataclass(frozen=True)
class Document:
    """A finished document: its default file name and its bytes."""

    name: str
    data: bytes


def _attachment_time(generated: dt.date | None, as_of: dt.date) -> dt.datetime:
    day = generated or as_of
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _render(
    template: str,
    view: ReportView | BriefView,
    *,
    fmt: Format,
    embed: bool,
    pdf_a: bool,
    records: Callable[[], bytes],
    when: dt.datetime,
) -> Document:
    slug = view.meta.slug
    if fmt == "html" or embed:
        from .render_html import render_html

        mode: Literal["embed", "page"] = "embed" if embed else "page"
        name = f"{slug}.embed.html" if embed else f"{slug}.html"
        return Document(name, render_html(template, view, mode=mode).encode("utf-8"))
    from .render_pdf import PdfAttachment, render_pdf

    attachments = []
    if pdf_a:
        attachments.append(
            PdfAttachment(
                name=f"{slug}-records.json",
                data=records(),
                description="The validated legalgen records this document was generated from (JSON).",
                when=when,
            )
        )
    return Document(f"{slug}.pdf", render_pdf(template, view, pdf_a=pdf_a, attachments=attachments))


def report_document(
    corpus: Corpus,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    topic: str | None = None,
    fmt: Format = "pdf",
    embed: bool = False,
    pdf_a: bool = False,
) -> Document:
    """The timeline report as a PDF (``pdf_a``: PDF/A-3b carrying the records), an HTML page or a fragment."""
    view = report_view(corpus, as_of=as_of, generated=generated, topic=topic)
    ids = view.instrument_ids
    return _render(
        "report.html",
        view,
        fmt=fmt,
        embed=embed,
        pdf_a=pdf_a,
        records=lambda: records_json(corpus, ids),
        when=_attachment_time(generated, as_of),
    )


def brief_document(
    corpus: Corpus,
    target: str,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    fmt: Format = "pdf",
    embed: bool = False,
    pdf_a: bool = False,
) -> Document:
    """A brief on one instrument or one topic (``target``), in the same three forms as the report."""
    view = brief_view(corpus, target, as_of=as_of, generated=generated)
    if target in corpus.ids:
        ids = [target]
    else:
        ids = [i.id for i in corpus.instruments if any(a.topic == target for a in i.assessments)]
    return _render(
        "brief.html",
        view,
        fmt=fmt,
        embed=embed,
        pdf_a=pdf_a,
        records=lambda: records_json(corpus, ids),
        when=_attachment_time(generated, as_of),
    )


# --------------------------------------------------------------------------- the standard set


@dataclass(frozen=True)
class _Job:
    kind: Literal["report", "brief"]
    target: str | None
    fmt: Format
    embed: bool
    pdf_a: bool


def standard_jobs(corpus: Corpus) -> list[_Job]:
    """What ``legalgen build`` writes: the report in three forms, a brief per topic and per instrument."""
    jobs = [
        _Job("report", None, "pdf", False, True),
        _Job("report", None, "html", False, False),
        _Job("report", None, "html", True, False),
    ]
    for target in [t.id for t in corpus.topics.topics] + list(corpus.ids):
        jobs.append(_Job("brief", target, "pdf", False, True))
        jobs.append(_Job("brief", target, "html", False, False))
    return jobs


def _run(job: _Job, corpus: Corpus, as_of: dt.date, generated: dt.date | None) -> Document:
    if job.kind == "report":
        return report_document(corpus, as_of=as_of, generated=generated, fmt=job.fmt, embed=job.embed, pdf_a=job.pdf_a)
    assert job.target is not None
    return brief_document(
        corpus, job.target, as_of=as_of, generated=generated, fmt=job.fmt, embed=job.embed, pdf_a=job.pdf_a
    )


def _run_packed(args: tuple[_Job, Corpus, dt.date, dt.date | None]) -> Document:
    return _run(*args)


def matrix_files(corpus: Corpus) -> dict[str, bytes]:
    """The rights matrix (topic × instrument, and topic × year) as CSV and JSON, for spreadsheets and scripts."""
    from .render_data import matrix_csv, matrix_json
    from .timeline import rights_matrix

    files = {}
    kinds: tuple[tuple[Literal["instrument", "year"], str], ...] = (
        ("instrument", "rights-matrix"),
        ("year", "rights-matrix-by-year"),
    )
    for by, stem in kinds:
        matrix = rights_matrix(corpus, by=by)
        files[f"{stem}.csv"] = matrix_csv(matrix).encode("utf-8")
        files[f"{stem}.json"] = matrix_json(matrix).encode("utf-8")
    return files


def build_reports(
    corpus: Corpus,
    generated: dt.date | None,
    *,
    as_of: dt.date | None = None,
    workers: int | None = None,
    jobs: Sequence[_Job] | None = None,
) -> dict[str, bytes]:
    """Render every standard document of ``corpus`` into memory: file name → bytes.

    PDFs are laid out in ``workers`` processes (default: one per CPU, at most four): WeasyPrint's layout
    is the whole cost and runs on one core. The result does not depend on the number of workers.
    """
    as_of = as_of or generated
    if as_of is None:
        raise ValueError("build_reports needs the generation date or an as_of date")
    summary = corpus_summary_markdown(corpus)
    if generated is not None:
        summary += f"\n_Generated {generated.isoformat()} by legalgen._\n"
    files: dict[str, bytes] = {"corpus-summary.md": summary.encode("utf-8")}
    files.update(matrix_files(corpus))
    todo = list(jobs) if jobs is not None else standard_jobs(corpus)
    n = workers if workers is not None else min(4, os.cpu_count() or 1)
    args: list[Any] = [(job, corpus, as_of, generated) for job in todo]
    if n > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=n) as pool:
            docs = list(pool.map(_run_packed, args, chunksize=1))
    else:
        docs = [_run_packed(a) for a in args]
    for doc in docs:
        files[doc.name] = doc.data
    return files


__all__ = ["Document", "brief_document", "build_reports", "matrix_files", "report_document", "standard_jobs"]
