"""A corpus: every instrument record of a folder plus its topic catalogue, checked as a whole.

:func:`load_corpus` is the only way in. It reads every record, validates each one, then checks what no
single record can check alone — unique ids, references that resolve, events in a possible order,
assessments citing provisions that exist, topics and positions declared (the rules of :mod:`legalgen.records.rules`) — and reports **all**
problems at once as a :class:`~legalgen.errors.RecordError`. A corpus that loads is internally consistent.

    >>> corpus = load_corpus([Path("treaties")])
    >>> corpus.instrument("1997-charter").short_title
    'Charter of the Union (1997)'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from legalgen.errors import Problem, RecordError, UnknownName
from legalgen.ids import is_instrument_id
from legalgen.records.cache import RecordCache, corpus_description, inside
from legalgen.records.chars import shown
from legalgen.records.files import find_topics_file, record_files
from legalgen.records.models import Instrument, TopicCatalogue
from legalgen.records.read import RawRecord, display_path, file_problem, read_bytes, read_record, validate_record
from legalgen.records.rules import check_corpus, check_topics
from legalgen.workers import become_worker, interrupts_held

K = TypeVar("K", Instrument, TopicCatalogue)

#: From this many records not found in the cache, ``load_corpus(..., workers=N)`` reads and validates them
#: in worker processes; from this many records, ``freeze=True`` freezes them.
PARALLEL_FROM = 64


@dataclass(frozen=True)
class Corpus:
    """The validated instruments, ordered by signature date, and the topics they are assessed on.

    >>> corpus.ids[:3]
    ('1995-customs-union', '1995-friendship', '1996-community')
    >>> corpus.instrument("1999-union-stat")
    Traceback (most recent call last):
    legalgen.errors.UnknownName: unknown instrument '1999-union-stat'; did you mean '1999-union-state'?
    """

    instruments: tuple[Instrument, ...]
    topics: TopicCatalogue
    #: What the records hold that a reader cannot see (bidi controls, zero-width characters), one located
    #: line each: shown as warnings; :func:`load_corpus` with ``strict_text`` makes them errors.
    warnings: tuple[Problem, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.instruments)

    def instrument(self, iid: str) -> Instrument:
        """The instrument with id ``iid``; an unknown id raises :class:`UnknownName` with suggestions."""
        for inst in self.instruments:
            if inst.id == iid:
                return inst
        raise UnknownName("instrument", iid, self.ids)


def load_corpus(
    paths: Sequence[Path],
    topics_path: Path | None = None,
    *,
    strict_text: bool = False,
    cache: RecordCache | None = None,
    workers: int = 1,
    freeze: bool = False,
) -> Corpus:
    """Load, validate and cross-check the records named by ``paths`` (files or folders).

    The topics come from ``topics_path``, else from a ``topics.yaml`` in the first folder named. With
    ``strict_text``, an invisible character in a record is an error rather than a warning. A record that
    fails to load gives its own errors only: the others are not told that it is missing.

    With a ``cache`` (:mod:`legalgen.records.cache`; the command line opens one), a record whose bytes
    were validated before is restored from it, not read again; the corpus is cross-checked all the same.
    With ``workers`` above 1 (the command line passes :func:`cores`), from :data:`PARALLEL_FROM` records to
    read, they are read and validated in that many processes (this one and forked workers); by default
    all are read here. The corpus and its errors are the same either way. With ``freeze`` (the command
    line's, which keeps the corpus until it exits), a corpus of :data:`PARALLEL_FROM` records or more is
    then moved out of the garbage collector's sight (:func:`gc.freeze`, for the whole process: a library
    caller decides that itself).

    >>> load_corpus([Path("treaties")]).instrument("1997-charter").short_title
    'Charter of the Union (1997)'
    """
    record_paths = record_files(paths)
    if not record_paths:
        where = ", ".join(str(p) for p in paths) or "."
        raise RecordError(
            [Problem(where, 0, 0, "", "holds no .yaml records", "name a folder of records such as treaties/")]
        )
    if cache is not None and inside(cache.folder, [*paths, *([topics_path] if topics_path else [])]):
        cache = None  # a folder of records is an input: never written, not even a cache inside it
    with _no_cycle_collection(freeze=freeze and len(record_paths) >= PARALLEL_FROM):
        loaded, digests = _load_records(record_paths, cache, workers)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    records: list[tuple[RawRecord, Instrument]] = []
    unreadable: set[str] = set()
    for one in loaded:
        (problems if strict_text else warnings).extend(one.warnings)
        problems.extend(one.problems)
        unreadable.update(one.unreadable)
        if one.instrument is not None and one.raw is not None:
            records.append((one.raw, one.instrument))

    topics_path = topics_path or find_topics_file(paths)
    topics: TopicCatalogue | None = None
    topics_digest = ""
    if topics_path is None:
        problems.append(
            Problem(
                str(paths[0]),
                0,
                0,
                "",
                "no topics.yaml beside the records",
                "add a topics.yaml declaring the topics and their scales",
            )
        )
    else:
        topics, topic_warnings, topic_problems, topics_digest = _load_topics(topics_path, cache)
        (problems if strict_text else warnings).extend(topic_warnings)
        problems.extend(topic_problems)

    problems.extend(check_corpus(records, topics, frozenset(unreadable)))
    if problems:
        raise RecordError(problems)
    assert topics is not None and topics_path is not None
    if cache is not None and not warnings:  # what `legalgen validate` finds again (cache.checked_before)
        # the bytes loaded, not the files again: one edited meanwhile must not pass as checked
        description = corpus_description(list(zip(record_paths, digests, strict=True)), (topics_path, topics_digest))
        verdict = (len(records), len(topics.topics))
        if cache.get("corpus", description) != verdict:  # a warm run writes nothing
            cache.put("corpus", description, verdict)
    ordered = sorted(records, key=lambda r: (r[1].dated or dt.date.max, r[1].id))
    return Corpus(instruments=tuple(inst for _, inst in ordered), topics=topics, warnings=tuple(sorted(warnings)))


@dataclass(frozen=True)
class _Loaded:
    """What reading and validating one record gave: its instrument (and the record, slim), or problems."""

    raw: RawRecord | None = None
    instrument: Instrument | None = None
    warnings: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    unreadable: tuple[str, ...] = field(default=())
    #: the SHA-256 of the file's bytes as read ("" when they could not be read)
    digest: str = ""


def _load_records(paths: list[Path], cache: RecordCache | None, workers: int) -> tuple[list[_Loaded], list[str]]:
    """Each record of ``paths``, in order: from the cache where its bytes are there, else read and
    validated, in worker processes when there are many; and the SHA-256 of each file's bytes as loaded.

    A record not in the cache is read again where it is loaded (from the operating system's cache), so
    that no process holds the bytes of every file at once.
    """
    loaded: list[_Loaded | None] = [None] * len(paths)
    todo: list[tuple[int, Path]] = []
    for i, path in enumerate(paths):
        if cache is None:
            todo.append((i, path))
            continue
        try:
            data = read_bytes(path)
        except RecordError as exc:
            loaded[i] = _Loaded(problems=exc.problems, unreadable=(path.stem,))
            continue
        kept = _kept(cache, "instrument", data, Instrument)
        if kept is not None:
            display = display_path(path)
            raw = RawRecord(path, display, None, None, _relocated(kept[1], display))
            loaded[i] = _Loaded(raw, kept[0], raw.warnings, digest=hashlib.sha256(data).hexdigest())
        else:
            todo.append((i, path))
    if len(todo) >= PARALLEL_FROM and workers > 1:
        results = _load_in_workers([path for _, path in todo], cache, workers)
    else:
        results = [_load_one(path, cache) for _, path in todo]
    for (i, _), one in zip(todo, results, strict=True):
        loaded[i] = one
    done = [one for one in loaded if one is not None]
    return done, [one.digest for one in done]


def _load_one(path: Path, cache: RecordCache | None) -> _Loaded:
    """Read and validate one record; keep it in the cache if it has no problem."""
    raw: RawRecord | None = None
    try:
        data = read_bytes(path)
    except RecordError as exc:
        return _Loaded(problems=exc.problems, unreadable=(path.stem,))
    digest = hashlib.sha256(data).hexdigest()
    try:
        raw = read_record(path, data)
        instrument = validate_record(raw, Instrument)
    except RecordError as exc:
        unreadable = [path.stem]
        if raw is not None and isinstance(raw.data.get("id"), str):
            unreadable.append(raw.data["id"])
        return _Loaded(None, None, raw.warnings if raw is not None else (), exc.problems, tuple(unreadable), digest)
    if cache is not None:
        cache.put("instrument", data, (instrument, raw.warnings))
    return _Loaded(raw.slim(), instrument, raw.warnings, digest=digest)


def _load_batch(batch: list[Path], cache: RecordCache | None) -> list[_Loaded]:
    return [_load_one(path, cache) for path in batch]


def _load_in_workers(todo: list[Path], cache: RecordCache | None, jobs: int) -> list[_Loaded]:
    """:func:`_load_one` for each record of ``todo``, in order, on ``jobs`` cores: ``jobs - 1`` forked
    worker processes and this one.

    The records go in batches of consecutive files, several per core; each process claims the next batch
    (:class:`_Claims`), so a core that is slower (this one also unpickles what the workers send back)
    simply takes fewer. The workers see the batches through the fork and read their own files. Each
    worker sends what it loaded through a pipe of its own, whose only writing end it holds: when it ends,
    normally or killed even in the middle of a message, its pipe reaches end of file once what it sent
    in full is read — and the batches it claimed and did not deliver are then loaded here. A worker's
    unexpected error ends it quietly in the same way (this process meets the error again, as it would
    alone). An interrupt (Ctrl-C, SIGTERM) or any error here kills the workers at once, and a worker dies
    with this process (Linux ``PR_SET_PDEATHSIG``). Where the platform cannot fork, the records are read
    here alone (a spawned worker would import everything again, which costs more than it saves on a
    corpus this size).
    """
    import multiprocessing
    import pickle
    import threading

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_load_one(path, cache) for path in todo]
    jobs = min(jobs, _MOST_JOBS)
    size = max(1, -(-len(todo) // (jobs * 4)))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    results: list[list[_Loaded] | None] = [None] * len(batches)
    context = multiprocessing.get_context("fork")
    claims = _Claims(len(batches))
    workers: list[Any] = []
    readers: list[Any] = []
    received: list[bytes] = []
    listener: threading.Thread | None = None
    try:
        with interrupts_held():  # until each worker ignores Ctrl-C itself
            for _ in range(jobs - 1):
                reader, writer = context.Pipe(duplex=False)
                _widen(writer)
                readers.append(reader)  # the worker closes its copy of every reading end
                worker = context.Process(
                    target=_worker, args=(batches, claims, writer, list(readers), cache, os.getpid()), daemon=True
                )
                worker.start()
                writer.close()  # the worker's alone now: its end of file is the worker's end
                workers.append(worker)
        # the pipes are read while this process loads too: a worker never waits for it to send a batch
        listener = threading.Thread(target=_receive, args=(readers, [w.sentinel for w in workers], received))
        listener.daemon = True
        listener.start()
        while (k := claims.take()) is not None:
            results[k] = _load_batch(batches[k], cache)
        listener.join()  # every worker has ended, and all it sent in full is read
        while received:  # each message's bytes freed as soon as it is unpickled
            k, batch = pickle.loads(received.pop())
            results[k] = batch
        for k in [k for k, r in enumerate(results) if r is None]:  # claimed by a worker that died
            results[k] = _load_batch(batches[k], cache)
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
        if listener is not None:
            listener.join(timeout=1)  # it ends as the killed workers' pipes close
        if listener is None or not listener.is_alive():
            for reader in readers:
                reader.close()
        claims.close()
    return [one for batch in results if batch is not None for one in batch]


def _widen(pipe: Any) -> None:
    """Let ``pipe`` hold 1 MiB rather than 64 KiB where the platform allows (Linux): a batch is megabytes,
    and each time the pipe fills the worker waits for this process's reading thread, which waits for
    the interpreter's lock (up to 5 ms) after every read."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)  # type: ignore[attr-defined,unused-ignore]


_PIPE_SIZE = 1 << 20

#: At most this many processes load records (their batch numbers must fit in a pipe before the fork).
_MOST_JOBS = 256


class _Claims:
    """The batch numbers not yet taken, each taken once by whichever process asks first.

    They are written, 4 bytes each, into a pipe before the workers are forked, and its writing end is
    closed; a read of 4 bytes takes one whole (a pipe's reads are atomic), an empty read means none is
    left. Unlike a shared counter under a lock, nothing is held that a worker killed at the wrong moment
    would keep for ever.
    """

    def __init__(self, count: int) -> None:
        self._read, write = os.pipe()
        try:
            os.write(write, b"".join(struct.pack("=I", k) for k in range(count)))  # 4 KiB at most: fits
        finally:
            os.close(write)

    def take(self) -> int | None:
        data = os.read(self._read, 4)
        return struct.unpack("=I", data)[0] if data else None

    def close(self) -> None:
        os.close(self._read)


def _receive(readers: list[Any], sentinels: list[int], received: list[bytes]) -> None:
    """Read every message the workers send until each one has ended: a worker's pipe at end of file, or
    a message cut short (the worker was killed while sending it), means it sends nothing more. When a
    worker's process has ended, what is already in its pipe is read first."""
    from multiprocessing.connection import wait

    sentinel_of = dict(zip(sentinels, readers, strict=True))
    open_readers = set(readers)
    while open_readers:
        ready = set(wait([*open_readers, *(s for s, r in sentinel_of.items() if r in open_readers)]))
        for sentinel, reader in sentinel_of.items():
            if reader not in open_readers or not ({reader, sentinel} & ready):
                continue
            ended = sentinel in ready
            while not ended or reader.poll(0):
                try:
                    received.append(reader.recv_bytes())
                except (EOFError, OSError):  # end of file, or a message cut short
                    open_readers.discard(reader)
                    break
                if not ended:
                    break
            else:
                open_readers.discard(reader)  # ended, and all it sent is read


def _claim_and_send(batches: list[list[Path]], claims: _Claims, sent: Any, cache: RecordCache | None) -> None:
    while (k := claims.take()) is not None:
        sent.send((k, _load_batch(batches[k], cache)))


def _worker(
    batches: list[list[Path]], claims: _Claims, sent: Any, inherited: list[Any], cache: RecordCache | None, parent: int
) -> None:
    """A forked worker: load batches until none is left, sending each back with its number. Any error
    ends it quietly (no traceback from :mod:`multiprocessing`): the batch it claimed is then loaded by
    the parent, which reports what is wrong as it would alone."""
    become_worker(parent)
    try:
        for reader in inherited:
            reader.close()
        _claim_and_send(batches, claims, sent, cache)
        sent.close()
    except BaseException:  # the parent loads the batch again and meets the error itself
        os._exit(1)


def cores() -> int:
    """The cores this process may run on: how many processes the command line loads records in."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def _no_cycle_collection(freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection while records are built: they hold no cycles, and a pass every few
    hundred thousand new objects (each a dict, a list or a model) costs a third of restoring them.

    With ``freeze`` (the command line, a large corpus), what was built is then moved out of the collector's sight
    (:func:`gc.freeze`): the corpus lives as long as the program uses it, and otherwise every later
    full pass scans all of it again — 1,000 instruments of 50 provisions are a million objects, and
    writing one large JSON document about them took 4× as long. Garbage already waiting is collected
    first (while the heap is still small), so that none is kept for good; the records themselves are
    still freed as usual once no longer used.
    """
    enabled = gc.isenabled()
    if freeze:
        gc.collect()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


def _kept(cache: RecordCache | None, kind: str, data: bytes, model: type[K]) -> tuple[K, tuple[Problem, ...]] | None:
    """The cache's entry for these bytes if it has the shape :func:`load_corpus` writes: (validated
    model, its warnings); else ``None``."""
    kept = cache.get(kind, data) if cache is not None else None
    if (
        isinstance(kept, tuple)
        and len(kept) == 2
        and isinstance(kept[0], model)
        and isinstance(kept[1], tuple)
        and all(isinstance(w, Problem) for w in kept[1])
    ):
        return kept[0], kept[1]
    return None


def _relocated(warnings: tuple[Problem, ...], display: str) -> tuple[Problem, ...]:
    """Warnings kept with a record, named by the path it has now (the same bytes may be elsewhere)."""
    return tuple(replace(w, path=shown(display)) for w in warnings)


def _load_topics(
    path: Path, cache: RecordCache | None
) -> tuple[TopicCatalogue | None, tuple[Problem, ...], tuple[Problem, ...], str]:
    """The topic catalogue of ``path`` (``None`` if it cannot be validated), its warnings, its problems and
    the SHA-256 of its bytes; from the cache if its bytes were checked before without a problem."""
    try:
        data = read_bytes(path)
    except RecordError as exc:
        return None, (), exc.problems, ""
    digest = hashlib.sha256(data).hexdigest()
    kept = _kept(cache, "topics", data, TopicCatalogue)
    if kept is not None:
        return kept[0], _relocated(kept[1], display_path(path)), (), digest
    try:
        raw = read_record(path, data)
    except RecordError as exc:
        return None, (), exc.problems, digest
    try:
        topics = validate_record(raw, TopicCatalogue)
    except RecordError as exc:
        return None, raw.warnings, exc.problems, digest
    problems = tuple(check_topics(raw, topics))
    if cache is not None and not problems:
        cache.put("topics", data, (topics, raw.warnings))
    return topics, raw.warnings, problems, digest


def load_instruments(
    names: Sequence[str],
    corpus_dir: Path,
    *,
    cache: RecordCache | None = None,
    workers: int = 1,
    freeze: bool = False,
) -> tuple[tuple[Instrument, ...], TopicCatalogue | None, Corpus | None]:
    """Each name is an instrument id of the corpus in ``corpus_dir`` or the path of a record file of one's own.

    A record file is read and validated on its own (``read_record`` + ``validate_record``); the corpus is
    loaded, and must be valid, only when an id is named, and is returned then (else ``None``). Topics come
    from the corpus, or — when only files are named — from a ``topics.yaml`` beside the first file, else
    from ``corpus_dir`` if it has one. ``cache``, ``workers`` and ``freeze`` are passed to :func:`load_corpus`.

        >>> (a, b), topics, corpus = load_instruments(["1997-union", "mine.yaml"], Path("treaties"))  # doctest: +SKIP
    """
    files = {name: Path(name) for name in names if not is_instrument_id(name) or Path(name).is_file()}
    corpus = load_corpus([corpus_dir], cache=cache, workers=workers, freeze=freeze) if len(files) < len(names) else None
    loaded = []
    for name in names:
        if name in files:
            loaded.append(validate_record(read_record(files[name]), Instrument))
        else:
            assert corpus is not None
            loaded.append(corpus.instrument(name))
    if corpus is not None:
        return tuple(loaded), corpus.topics, corpus
    topics_path = find_topics_file(list(files.values())) or find_topics_file([corpus_dir])
    topics = validate_record(read_record(topics_path), TopicCatalogue) if topics_path else None
    return tuple(loaded), topics, None


__all__ = ["Corpus", "cores", "file_problem", "find_topics_file", "load_corpus", "load_instruments"]
