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
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import importlib
import json
import multiprocessing
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal

from legalgen.errors import LegalgenError, RenderError
from legalgen.provenance import Provenance, renderer_version
from legalgen.records import Corpus
from legalgen.render import OUTPUTS
from legalgen.render.text import corpus_summary_markdown
from legalgen.views import BriefView, ReportView, records_json
from legalgen.workers import become_worker, interrupts_held


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
    document the renderer warned about, gathered from the worker processes that rendered them.

    ``rendered`` and ``reused`` name the documents laid out in this run and those taken unchanged from
    the :class:`RenderCache`; ``keys`` gives each document's cache key (see :func:`build_reports`).
    """

    files: dict[str, bytes]
    warnings: dict[str, tuple[str, ...]]
    rendered: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)


def _attachment_time(generated: dt.date | None, as_of: dt.date) -> dt.datetime:
    day = generated or as_of
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# --------------------------------------------------------------------------- what a render depends on

#: The form of a cache key and of a cache entry; a new number leaves every older entry unused.
CACHE_FORMAT = "legalgen-render-cache/1"


def _canonical(value: Any) -> Any:
    """``value`` (a view model: frozen dataclasses of strings, numbers, dates, enums, tuples) as plain JSON
    data that says everything the templates can read from it, in one order whatever the process.

    Every field is kept (a field left out of ``repr`` still reaches the template); a set is sorted, since
    its order changes from one process to the next; a type not listed here is an error rather than a
    guess, so a new kind of view field cannot make two different views hash alike.
    """
    if value is None or (isinstance(value, bool | int | str) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, enum.Enum):
        return ["enum", type(value).__qualname__, _canonical(value.value)]
    if isinstance(value, dt.date):  # datetime is a date too; isoformat tells them apart
        return ["date", value.isoformat()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__, [_canonical(getattr(value, f.name)) for f in dataclasses.fields(value)]]
    if isinstance(value, tuple | list):
        return ["seq", [_canonical(v) for v in value]]
    if isinstance(value, dict):
        return ["map", [[_canonical(k), _canonical(v)] for k, v in value.items()]]
    if isinstance(value, set | frozenset):
        return ["set", sorted(json.dumps(_canonical(v), ensure_ascii=False) for v in value)]
    if hasattr(value, "model_dump"):  # a record (Pydantic model) carried into a view
        return ["model", type(value).__qualname__, value.model_dump(mode="json")]
    raise TypeError(f"cannot fingerprint a {type(value).__qualname__} in a view model")


def _canonical_bytes(value: Any) -> bytes:
    return json.dumps(_canonical(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


#: The shared libraries WeasyPrint lays out and embeds text with: a new version may move a line break.
_LAYOUT_LIBRARIES = (
    "libpango-1.0.so.0",
    "libpangoft2-1.0.so.0",
    "libharfbuzz.so.0",
    "libharfbuzz-subset.so.0",
    "libfontconfig.so.1",
    "libfreetype.so.6",
)


def _run(*command: str) -> str:
    """The output of a system tool, or ``""`` where it is missing or fails (the key then says so)."""
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def _fonts_and_libraries() -> list[str]:
    """Every font fontconfig offers (file, family, style and the file's SHA-256: any of them can be a
    fallback for a glyph) and the layout libraries this process would load, by content."""
    fonts = sorted(set(_run("fc-list", "--format", "%{file}\t%{family}\t%{style}\n").splitlines()))
    lines = [f"font {line}\t{_file_digest(line.split(chr(9))[0])}" for line in fonts] or ["fonts unknown"]
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    found: dict[str, str] = {}
    for line in _run(ldconfig, "-p").splitlines():
        name, _, path = line.strip().partition(" => ")
        soname = name.split(" ", 1)[0]
        if soname in _LAYOUT_LIBRARIES and soname not in found:
            found[soname] = path.strip()
    lines += [f"library {n} {_file_digest(found[n]) if n in found else 'not found'}" for n in _LAYOUT_LIBRARIES]
    return lines


def _installed_distributions() -> list[str]:
    """``name-version.dist-info`` (or ``.egg-info``) of every distribution on ``sys.path``: the names of
    their metadata folders say it, so no metadata file has to be parsed.

    ``sys.path[0]`` is left out unless ``-P`` removed it: it is the folder of the script or, for
    ``python -m``/``-c``, the current folder — how legalgen was started, not what it runs on (run from
    a checkout, the current folder holds ``legalgen.egg-info``, and the same build missed its cache)."""
    found: set[str] = set()
    for entry in sys.path if sys.flags.safe_path else sys.path[1:]:
        with contextlib.suppress(OSError):
            found.update(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


@functools.cache
def _common_fingerprint() -> str:
    from legalgen import __file__ as package_init
    from legalgen import __version__

    h = hashlib.sha256(f"{CACHE_FORMAT}\nlegalgen {__version__}\n{sys.version}\n{platform.machine()}\n".encode())
    package = Path(package_init).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(f"{path.relative_to(package).as_posix()} {_file_digest(str(path))}\n".encode())
    h.update("\n".join(_installed_distributions()).encode())
    return h.hexdigest()


@functools.cache
def software_fingerprint(pdf: bool) -> str:
    """A SHA-256 of the software a render runs on: legalgen's own files (its code, templates and
    stylesheets, by content — a change to a template is a new fingerprint without a new version number),
    Python and every installed distribution's version (Jinja2, WeasyPrint, Babel, pyphen, …), and for a
    PDF the fonts fontconfig offers and the layout libraries, by content.

    No modification time enters it: the same files give the same fingerprint on every machine.
    """
    if not pdf:
        return _common_fingerprint()
    extra = "\n".join(_fonts_and_libraries())
    return hashlib.sha256(f"{_common_fingerprint()}\n{extra}".encode()).hexdigest()


def cache_key(planned: Planned) -> str | None:
    """The key a planned document is kept under: its signature and the software fingerprint together."""
    if planned.signature is None:
        return None
    software = software_fingerprint(planned.name.endswith(".pdf"))
    return hashlib.sha256(f"{planned.signature} {software}".encode("ascii")).hexdigest()


class RenderCache:
    """Rendered documents kept by content, so that ``legalgen build`` lays out only what changed.

    One file per document, ``<key>.doc`` in ``folder`` (``.legalgen-cache/`` inside the output folder):
    a JSON line (name, warnings, SHA-256 of the bytes) then the bytes. The key is a hash of everything the
    render depends on (:func:`cache_key`), never a modification time, so the folder can be deleted at any
    time — the next build renders everything again and writes the same bytes. An entry that cannot be read
    or whose bytes do not match its hash is treated as missing; a cache that cannot be written only makes
    the next build slower.
    """

    FOLDER = ".legalgen-cache"
    SUFFIX = ".doc"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def beside(cls, out: Path) -> RenderCache:
        """The cache of the output folder ``out``."""
        return cls(out / cls.FOLDER)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{self.SUFFIX}"

    def get(self, key: str, name: str) -> Document | None:
        """The document ``name`` kept under ``key``, or ``None``."""
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        head, _, data = raw.partition(b"\n")
        try:
            entry = json.loads(head)
            ok = entry["format"] == CACHE_FORMAT and entry["name"] == name
            ok = ok and entry["sha256"] == hashlib.sha256(data).hexdigest()
            warnings = tuple(str(w) for w in entry["warnings"])
        except (ValueError, KeyError, TypeError):
            return None
        return Document(name, data, warnings) if ok else None

    def put(self, key: str, doc: Document) -> None:
        """Keep ``doc`` under ``key`` (written whole under a temporary name, then renamed)."""
        head = {"format": CACHE_FORMAT, "name": doc.name, "warnings": list(doc.warnings)}
        head["sha256"] = hashlib.sha256(doc.data).hexdigest()
        temporary = self.folder / f".{key}.{secrets.token_hex(4)}.tmp"
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                temporary.write_bytes(json.dumps(head).encode("utf-8") + b"\n" + doc.data)
                os.replace(temporary, self._path(key))
            finally:
                with contextlib.suppress(OSError):
                    temporary.unlink()

    def keep(self, built: Build) -> None:
        """Keep every document of ``built`` and drop the entries it did not use (older versions)."""
        for name, key in built.keys.items():
            if not self._path(key).exists():
                self.put(key, Document(name, built.files[name], built.warnings.get(name, ())))
        wanted = {f"{key}{self.SUFFIX}" for key in built.keys.values()}
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name not in wanted and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


@dataclass(frozen=True)
class Planned:
    """A document ready to render: its file name, and the render itself (run here or in a worker).

    ``signature`` is a SHA-256 of everything the render reads besides the installed software: the view
    model, the format and options, the provenance line and the attachment date (``None``: not known, so
    never taken from a cache). ``cost`` estimates the render's length (the PDF of a big view is the
    longest), so the longest jobs start first.
    """

    name: str
    render: Callable[[], Document]
    signature: str | None = None
    cost: float = 0.0


def _plan(
    document: str,
    view: ReportView | BriefView,
    corpus: Corpus,
    ids: Sequence[str],
    *,
    fmt: str,
    embed: bool,
    pdf_a: bool,
    pdf_ua: bool,
    as_of: dt.date,
    generated: dt.date | None,
) -> Planned:
    """``view`` in the registry's format ``fmt`` of ``document`` (``report`` or ``brief``), with its file name
    and its provenance: the versions and the hashes of the records ``ids`` and the topics it was made from.
    Its signature names everything the bytes depend on: the view, the format and every option."""
    when = _attachment_time(generated, as_of)
    slug = view.meta.slug
    fmt = "html" if embed else fmt
    suffix = OUTPUTS[document].format(fmt).suffix
    name = f"{slug}.embed{suffix}" if embed else f"{slug}{suffix}"
    source = Provenance.of(corpus, ids, renderer=renderer_version("WeasyPrint" if fmt == "pdf" else "Jinja2"))
    mode = "embed" if embed else "page"
    encoded = _canonical_bytes(view)
    options = [CACHE_FORMAT, document, fmt, mode, pdf_a, pdf_ua, when.isoformat(), source.text()]
    signature = hashlib.sha256(_canonical_bytes(options) + b"\n" + encoded).hexdigest()
    # A PDF costs layout, about 40 times its HTML here; the view's size stands for the document's length.
    cost = len(encoded) * (40.0 if fmt == "pdf" else 1.0)

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
            mode=mode,
            pdf_a=pdf_a,
            pdf_ua=pdf_ua,
            attachments=attachments,
            provenance=source.text(),
        )
        return Document(name, done.data, done.warnings)

    return Planned(name, render, signature, cost)


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
    return _plan(
        "report",
        view,
        corpus,
        view.instrument_ids,
        fmt=fmt,
        embed=embed,
        pdf_a=pdf_a,
        pdf_ua=pdf_ua,
        as_of=as_of,
        generated=generated,
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
    return _plan(
        "brief", view, corpus, ids, fmt=fmt, embed=embed, pdf_a=pdf_a, pdf_ua=pdf_ua, as_of=as_of, generated=generated
    )


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


def _resident_mb(pid: int) -> float:
    """The resident memory of process ``pid`` in MiB (Linux; 0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            match = _STATUS_RSS.search(status.read())
    except OSError:
        return 0.0
    return int(match[1]) / 1024 if match else 0.0


def _worker(planned: Planned, conn: Connection, parent: int, limits: Limits | None) -> None:
    """Render one document in this forked process and send the result (or the error) to the parent."""
    become_worker(parent)
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
    planned: Sequence[Planned],
    *,
    workers: int = 1,
    limits: Limits | None = DEFAULT_LIMITS,
    progress: Callable[[int, int], None] | None = None,
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

    * **Longest first.** Documents start in the order of their estimated ``cost`` (the report's PDF first),
      so the longest render is not the last to begin; the result keeps the order of ``planned``.
    * ``progress(done, total)``, if given, is called in this process before the first render (``done`` 0)
      and as each document ends, rendered or failed (for a progress bar).

    Where processes cannot be forked, documents are rendered one after the other in this process.
    """
    if not planned:
        return []
    total = len(planned)
    if progress is not None:
        progress(0, total)
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not on Linux
        docs = []
        for p in planned:
            docs.append(p.render())
            if progress is not None:
                progress(len(docs), total)
        return docs
    if any(p.name.endswith(".pdf") for p in planned):
        importlib.import_module("legalgen.render.pdf")  # import WeasyPrint once, not in every worker
    context = multiprocessing.get_context("fork")
    results: list[Document | None] = [None] * len(planned)
    errors: list[tuple[int, LegalgenError]] = []
    waiting = sorted(enumerate(planned), key=lambda item: -item[1].cost)  # stable: equal costs keep their order
    running: dict[Connection, tuple[int, BaseProcess, float]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < max(1, workers):
                index, job = waiting.pop(0)
                receive, send = context.Pipe(duplex=False)
                process: BaseProcess = context.Process(
                    target=_worker, args=(job, send, os.getpid(), limits), daemon=True
                )
                with interrupts_held():  # until the worker ignores Ctrl-C itself
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
                if progress is not None:
                    progress(total - len(waiting) - len(running), total)
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
                    if progress is not None:
                        progress(total - len(waiting) - len(running), total)
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


def default_workers() -> int:
    """One render worker per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def build_reports(
    corpus: Corpus,
    generated: dt.date | None,
    *,
    as_of: dt.date | None = None,
    workers: int | None = None,
    jobs: Sequence[_Job] | None = None,
    limits: Limits | None = DEFAULT_LIMITS,
    cache: RenderCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Build:
    """Render every standard document of ``corpus`` into memory: file name → bytes, and the warnings.

    Each document is laid out in a process of its own under ``limits`` (see :func:`render_isolated`),
    ``workers`` at a time (default: one per CPU), the longest first: WeasyPrint's layout is the whole cost
    and runs on one core. The result does not depend on the number of workers.

    With a ``cache``, a document whose key (:func:`cache_key`: its view model, format, options, provenance,
    and the software and fonts it is made with) is in the cache is taken from it, not rendered: a build
    with nothing changed lays out nothing, and one changed record re-renders only the documents whose
    view it changes. The caller keeps the result with :meth:`RenderCache.keep` once it is published.

    ``progress(done, total)`` follows the documents being rendered (not those taken from the cache); see
    :func:`render_isolated`.
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
    planned = [_planned(job, corpus, as_of, generated) for job in todo]
    keys = {p.name: key for p in planned if cache is not None and (key := cache_key(p)) is not None}
    found: dict[str, Document] = {}
    if cache is not None:
        for p in planned:
            doc = cache.get(keys[p.name], p.name) if p.name in keys else None
            if doc is not None:
                found[p.name] = doc
    n = workers if workers is not None else default_workers()
    fresh = render_isolated([p for p in planned if p.name not in found], workers=n, limits=limits, progress=progress)
    by_name = {**found, **{doc.name: doc for doc in fresh}}
    docs = [by_name[p.name] for p in planned]
    for doc in docs:
        files[doc.name] = doc.data
    # The warnings come back inside each Document: a worker's own module state never reaches this process.
    return Build(
        files,
        {doc.name: doc.warnings for doc in docs if doc.warnings},
        rendered=tuple(doc.name for doc in fresh),
        reused=tuple(p.name for p in planned if p.name in found),
        keys=keys,
    )


__all__ = [
    "DEFAULT_LIMITS",
    "Build",
    "Document",
    "DocumentErrors",
    "Limits",
    "Planned",
    "RenderCache",
    "brief_document",
    "build_reports",
    "cache_key",
    "default_workers",
    "matrix_files",
    "plan_brief",
    "plan_report",
    "render_isolated",
    "report_document",
    "software_fingerprint",
    "standard_jobs",
]
