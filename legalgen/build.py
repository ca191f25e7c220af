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

import contextlib
import ctypes
import datetime as dt
import importlib
import multiprocessing
import os
import re
import resource
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Literal

from legalgen.errors import LegalgenError, RenderError
from legalgen.provenance import Provenance, renderer_version
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


@dataclass(frozen=True)
class Planned:
    """A document ready to render: its file name, and the render itself (run here or in a worker)."""

    name: str
    render: Callable[[], Document]


def _plan(
    document: str,
    view: ReportView | BriefView,
    corpus: Corpus,
    ids: Sequence[str],
    *,
    fmt: str,
    embed: bool,
    pdf_a: bool,
    when: dt.datetime,
    pdf_ua: bool = False,
) -> Planned:
    """``view`` in the registry's format ``fmt`` of ``document`` (``report`` or ``brief``), with its file name
    and its provenance: the versions and the hashes of the records ``ids`` and the topics it was made from."""
    slug = view.meta.slug
    fmt = "html" if embed else fmt
    suffix = OUTPUTS[document].format(fmt).suffix
    name = f"{slug}.embed{suffix}" if embed else f"{slug}{suffix}"
    source = Provenance.of(corpus, ids, renderer=renderer_version("WeasyPrint" if fmt == "pdf" else "Jinja2"))

    def render() -> Document:
        attachments = []
        if pdf_a and fmt == "pdf":
            from legalgen.render.pdf import PdfAttachment

            attachments.append(
                PdfAttachment(
                    name=f"{slug}-records.json",
                    data=records_json(corpus, ids),
                    description="The validated legalgen records this document was generated from (JSON).",
                    when=when,
                )
            )
        done = OUTPUTS[document].render(
            fmt,
            view,
            mode="embed" if embed else "page",
            pdf_a=pdf_a,
            pdf_ua=pdf_ua,
            attachments=attachments,
            provenance=source.text(),
        )
        return Document(name, done.data, done.warnings)

    return Planned(name, render)


def plan_report(
    corpus: Corpus,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    topic: str | None = None,
    fmt: str = "pdf",
    embed: bool = False,
    pdf_a: bool = False,
    citation_style: str = "plain",
    pdf_ua: bool = False,
) -> Planned:
    """The timeline report, planned: :func:`report_document` without the render."""
    view: ReportView = OUTPUTS["report"].build(
        corpus=corpus, as_of=as_of, generated=generated, topic=topic, citation_style=citation_style
    )
    when = _attachment_time(generated, as_of)
    return _plan(
        "report", view, corpus, view.instrument_ids, fmt=fmt, embed=embed, pdf_a=pdf_a, when=when, pdf_ua=pdf_ua
    )


def plan_brief(
    corpus: Corpus,
    target: str,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    fmt: str = "pdf",
    embed: bool = False,
    pdf_a: bool = False,
    citation_style: str = "plain",
    pdf_ua: bool = False,
) -> Planned:
    """A brief, planned: :func:`brief_document` without the render."""
    view: BriefView = OUTPUTS["brief"].build(
        corpus=corpus, target=target, as_of=as_of, generated=generated, citation_style=citation_style
    )
    if target in corpus.ids:
        ids = [target]
    else:
        ids = [i.id for i in corpus.instruments if any(a.topic == target for a in i.assessments)]
    when = _attachment_time(generated, as_of)
    return _plan("brief", view, corpus, ids, fmt=fmt, embed=embed, pdf_a=pdf_a, when=when, pdf_ua=pdf_ua)


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
    return plan_report(
        corpus, as_of=as_of, generated=generated, topic=topic, fmt=fmt, embed=embed, pdf_a=pdf_a
    ).render()


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
    return plan_brief(corpus, target, as_of=as_of, generated=generated, fmt=fmt, embed=embed, pdf_a=pdf_a).render()


# --------------------------------------------------------------------------- renders under limits


@dataclass(frozen=True)
class Limits:
    """What one document's render may take: wall-clock ``seconds`` and resident memory in MiB.

    The defaults are ten times what the largest real document takes on the reference machine (Debian 12,
    2 cores): the timeline report of ``treaties/`` (12 instruments, 30 pages) took 17.5 s and a peak
    resident set of 211 MiB (``/usr/bin/time -v legalgen report``), so 180 s and 2048 MiB. A document
    over a limit fails with exit 4 and a line naming the limit; the others render as usual.
    """

    seconds: float = 180.0
    memory_mb: int = 2048


DEFAULT_LIMITS = Limits()

_STATUS_RSS = re.compile(rb"^VmRSS:\s+(\d+) kB", re.MULTILINE)
_PR_SET_PDEATHSIG = 1


def _resident_mb(pid: int) -> float:
    """The resident memory of process ``pid`` in MiB (Linux; 0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            match = _STATUS_RSS.search(status.read())
    except OSError:
        return 0.0
    return int(match[1]) / 1024 if match else 0.0


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies, even by SIGKILL (Linux ``PR_SET_PDEATHSIG``)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _worker(planned: Planned, conn: Connection, parent: int, limits: Limits | None) -> None:
    """Render one document in this forked process and send the result (or the error) to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    if limits is not None:
        with contextlib.suppress(ValueError, OSError):
            # A backstop to the parent's watch: address space well above the resident limit.
            cap = limits.memory_mb * 4 * 1024 * 1024 + _address_space()
            resource.setrlimit(resource.RLIMIT_AS, (cap, resource.RLIM_INFINITY))
    message: tuple[Any, ...]
    try:
        message = ("ok", planned.render())
    except LegalgenError as exc:
        message = ("error", str(exc), exc.exit_code)
    except MemoryError:
        message = ("memory",)
    except Exception as exc:
        message = ("crash", f"{type(exc).__name__}: {exc}".splitlines()[0])
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("memory",))
    conn.close()


def _address_space() -> int:
    try:
        with open("/proc/self/status", "rb") as status:
            match = re.search(rb"^VmSize:\s+(\d+) kB", status.read(), re.MULTILINE)
    except OSError:
        return 0
    return int(match[1]) * 1024 if match else 0


def _failure(name: str, message: tuple[Any, ...] | None, process: BaseProcess, limits: Limits | None) -> LegalgenError:
    """The one-line error for a worker that sent ``message`` (or nothing) instead of a document."""
    if message is not None and message[0] == "error":
        error = LegalgenError(message[1])
        error.exit_code = message[2]
        return error
    if message is not None and message[0] == "memory":
        limit = f" of {limits.memory_mb} MiB" if limits else ""
        return RenderError(f"{name}: over the memory limit{limit}; nothing was written; fix: raise --memory-limit")
    if message is not None:
        return RenderError(f"{name}: the render failed ({message[1]}); nothing was written; fix: report this as a bug")
    code = process.exitcode
    how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
    hint = f"; it may have run out of memory (limit {limits.memory_mb} MiB)" if limits else ""
    return RenderError(f"{name}: the render process ended with {how}{hint}; nothing was written")


def render_isolated(
    planned: Sequence[Planned], *, workers: int = 1, limits: Limits | None = DEFAULT_LIMITS
) -> list[Document]:
    """Render each planned document in a forked process of its own, ``workers`` at a time, under ``limits``.

    * **Limits.** The parent kills a render that runs longer than ``limits.seconds`` or whose resident
      memory passes ``limits.memory_mb`` (checked four times a second); it fails with exit 4 and a line
      naming the document and the limit. The other documents are not affected: they render, and every
      failure is reported, one line each.
    * **Workers die with their parent**, on every exit path: the parent kills the ones still running when
      it leaves this function for any reason (an error, Ctrl-C), and the kernel kills them if the parent
      itself is killed (``PR_SET_PDEATHSIG``), so none is left holding the caller's output open.
    * Workers ignore Ctrl-C, which the terminal sends to the whole process group: the parent decides.

    Where processes cannot be forked, documents are rendered one after the other in this process.
    """
    if not planned:
        return []
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not on Linux
        return [p.render() for p in planned]
    if any(p.name.endswith(".pdf") for p in planned):
        importlib.import_module("legalgen.render.pdf")  # import WeasyPrint once, not in every worker
    context = multiprocessing.get_context("fork")
    results: list[Document | None] = [None] * len(planned)
    errors: list[tuple[int, LegalgenError]] = []
    waiting = list(enumerate(planned))
    running: dict[Connection, tuple[int, BaseProcess, float]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < max(1, workers):
                index, job = waiting.pop(0)
                receive, send = context.Pipe(duplex=False)
                process: BaseProcess = context.Process(
                    target=_worker, args=(job, send, os.getpid(), limits), daemon=True
                )
                process.start()
                send.close()
                running[receive] = (index, process, time.monotonic())
            for conn in wait(list(running), timeout=0.25):
                assert isinstance(conn, Connection)
                index, process, _ = running.pop(conn)
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    message = None
                conn.close()
                process.join(5)
                if message is not None and message[0] == "ok":
                    results[index] = message[1]
                else:
                    errors.append((index, _failure(planned[index].name, message, process, limits)))
            if limits is not None:
                for conn, (index, process, started) in list(running.items()):
                    name = planned[index].name
                    if time.monotonic() - started > limits.seconds:
                        over = f"the time limit of {limits.seconds:g} s; nothing was written; fix: raise --time-limit"
                    elif process.pid is not None and _resident_mb(process.pid) > limits.memory_mb:
                        over = f"the memory limit of {limits.memory_mb} MiB; nothing was written; fix: raise --memory-limit"
                    else:
                        continue
                    process.kill()
                    process.join()
                    conn.close()
                    del running[conn]
                    errors.append((index, RenderError(f"{name}: over {over}")))
    finally:
        for _, process, _ in running.values():
            process.kill()
        for conn, (_, process, _) in running.items():
            process.join()
            conn.close()
    if errors:
        errors.sort(key=lambda e: e[0])
        if len(errors) == 1:
            raise errors[0][1]
        raise DocumentErrors([e for _, e in errors])
    return [doc for doc in results if doc is not None]


class DocumentErrors(LegalgenError):
    """Several documents failed: one line each, in the order of the set; the exit code of the first."""

    def __init__(self, errors: Sequence[LegalgenError]) -> None:
        self.errors = tuple(errors)
        self.exit_code = errors[0].exit_code
        super().__init__("\n".join(str(e) for e in errors))


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


def _planned(job: _Job, corpus: Corpus, as_of: dt.date, generated: dt.date | None) -> Planned:
    if job.kind == "report":
        return plan_report(corpus, as_of=as_of, generated=generated, fmt=job.fmt, embed=job.embed, pdf_a=job.pdf_a)
    assert job.target is not None
    return plan_brief(
        corpus, job.target, as_of=as_of, generated=generated, fmt=job.fmt, embed=job.embed, pdf_a=job.pdf_a
    )


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
    limits: Limits | None = DEFAULT_LIMITS,
) -> Build:
    """Render every standard document of ``corpus`` into memory: file name → bytes, and the warnings.

    Each document is laid out in a process of its own under ``limits`` (see :func:`render_isolated`),
    ``workers`` at a time (default: one per CPU, at most four): WeasyPrint's layout is the whole cost and
    runs on one core. The result does not depend on the number of workers.
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
    docs = render_isolated([_planned(job, corpus, as_of, generated) for job in todo], workers=n, limits=limits)
    for doc in docs:
        files[doc.name] = doc.data
    # The warnings come back inside each Document: a worker's own module state never reaches this process.
    return Build(files, {doc.name: doc.warnings for doc in docs if doc.warnings})


__all__ = [
    "DEFAULT_LIMITS",
    "Build",
    "Document",
    "DocumentErrors",
    "Limits",
    "Planned",
    "brief_document",
    "build_reports",
    "matrix_files",
    "plan_brief",
    "plan_report",
    "render_isolated",
    "report_document",
    "standard_jobs",
]
