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

from legalgen.records import Corpus
from legalgen.render import OUTPUTS
from legalgen.render.text import corpus_summary_markdown
from legalgen.views import BriefView, ReportView, records_json


@dataclass(frozen=True)
class Document:
    """A finished document: its default file name, its bytes, and what the renderer warned about.

    ``Document("brief-1997-charter.pdf", b"%PDF-…", ("Ignored `colour: red` at 3:5, unknown property.",))``:
    a warning does not stop the document; the CLI shows it as ``warning: brief-1997-charter.pdf: Ignored …``.
    """

    name: str
    data: bytes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Build:
    """The standard set rendered in memory: file name → bytes, and file name → warnings for each
    document the renderer warned about, gathered from the worker processes that rendered them."""

    files: dict[str, bytes]
    warnings: dict[str, tuple[str, ...]]


def _attachment_time(generated: dt.date | None, as_of: dt.date) -> dt.datetime:
    day = generated or as_of
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _render(
    document: str,
    view: ReportView | BriefView,
    *,
    fmt: str,
    embed: bool,
    pdf_a: bool,
    records: Callable[[], bytes],
    when: dt.datetime,
) -> Document:
    """``view`` in the registry's format ``fmt`` of ``document`` (``report`` or ``brief``), with its file name."""
    slug = view.meta.slug
    fmt = "html" if embed else fmt
    suffix = OUTPUTS[document].format(fmt).suffix
    attachments = []
    if pdf_a and fmt == "pdf":
        from legalgen.render.pdf import PdfAttachment

        attachments.append(
            PdfAttachment(
                name=f"{slug}-records.json",
                data=records(),
                description="The validated legalgen records this document was generated from (JSON).",
                when=when,
            )
        )
    done = OUTPUTS[document].render(fmt, view, mode="embed" if embed else "page", pdf_a=pdf_a, attachments=attachments)
    return Document(f"{slug}.embed{suffix}" if embed else f"{slug}{suffix}", done.data, done.warnings)


def report_document(
    corpus: Corpus,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    topic: str | None = None,
    fmt: str = "pdf",
    embed: bool = False,
    pdf_a: bool = False,
) -> Document:
    """The timeline report as a PDF (``pdf_a``: PDF/A-3b carrying the records), an HTML page or a fragment."""
    view: ReportView = OUTPUTS["report"].build(corpus=corpus, as_of=as_of, generated=generated, topic=topic)
    ids = view.instrument_ids
    return _render(
        "report",
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
    fmt: str = "pdf",
    embed: bool = False,
    pdf_a: bool = False,
) -> Document:
    """A brief on one instrument or one topic (``target``), in the same three forms as the report."""
    view: BriefView = OUTPUTS["brief"].build(corpus=corpus, target=target, as_of=as_of, generated=generated)
    if target in corpus.ids:
        ids = [target]
    else:
        ids = [i.id for i in corpus.instruments if any(a.topic == target for a in i.assessments)]
    return _render(
        "brief",
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
    fmt: str
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
    output = OUTPUTS["matrix"]
    files = {}
    for by, stem in (("instrument", "rights-matrix"), ("year", "rights-matrix-by-year")):
        matrix = output.build(corpus=corpus, by=by)
        for fmt in ("csv", "json"):
            files[f"{stem}{output.format(fmt).suffix}"] = output.render(fmt, matrix).data
    return files


def build_reports(
    corpus: Corpus,
    generated: dt.date | None,
    *,
    as_of: dt.date | None = None,
    workers: int | None = None,
    jobs: Sequence[_Job] | None = None,
) -> Build:
    """Render every standard document of ``corpus`` into memory: file name → bytes, and the warnings.

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
    # The warnings come back inside each Document: a worker's own module state never reaches this process.
    return Build(files, {doc.name: doc.warnings for doc in docs if doc.warnings})


__all__ = ["Build", "Document", "brief_document", "build_reports", "matrix_files", "report_document", "standard_jobs"]
