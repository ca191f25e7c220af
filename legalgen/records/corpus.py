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

import datetime as dt
import gc
import hashlib
import os
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

#: From this many records not found in the cache, they are read and validated in worker processes.
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
    workers: int | None = None,
) -> Corpus:
    """Load, validate and cross-check the records named by ``paths`` (files or folders).

    The topics come from ``topics_path``, else from a ``topics.yaml`` in the first folder named. With
    ``strict_text``, an invisible character in a record is an error rather than a warning. A record that
    fails to load gives its own errors only: the others are not told that it is missing.

    With a ``cache`` (:mod:`legalgen.records.cache`; the command line opens one), a record whose bytes
    were validated before is restored from it, not read again; the corpus is cross-checked all the same.
    From :data:`PARALLEL_FROM` records to read, they are read and validated in ``workers`` processes
    (default: one per core; 1 reads them here): the corpus and its errors are the same either way.

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
    large = len(record_paths) >= PARALLEL_FROM
    with _no_cycle_collection(freeze=large):
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


def _load_records(paths: list[Path], cache: RecordCache | None, workers: int | None) -> tuple[list[_Loaded], list[str]]:
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
    jobs = workers if workers is not None else _cores()
    if len(todo) >= PARALLEL_FROM and jobs > 1:
        results = _load_in_workers([path for _, path in todo], cache, jobs)
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
    from a shared counter, so a core that is slower (this one also unpickles what the workers send back)
    simply takes fewer. The workers see the batches through the fork and read their own files.
    A worker that dies leaves its batch to this process; an interrupt (Ctrl-C, SIGTERM) or any error here
    kills the workers at once, and a worker dies with this process (Linux ``PR_SET_PDEATHSIG``). Where the
    platform cannot fork, the records are read here alone (a spawned worker would import everything
    again, which costs more than it saves on a corpus this size).
    """
    import multiprocessing
    import queue

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_load_one(path, cache) for path in todo]
    size = max(1, -(-len(todo) // (jobs * 4)))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    results: list[list[_Loaded] | None] = [None] * len(batches)
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    sent: Any = context.Queue()
    workers = [
        context.Process(target=_worker, args=(batches, counter, sent, cache, os.getpid()), daemon=True)
        for _ in range(jobs - 1)
    ]
    try:
        with interrupts_held():  # until each worker ignores Ctrl-C itself
            for worker in workers:
                worker.start()
        while (k := _claim(counter)) < len(batches):
            results[k] = _load_batch(batches[k], cache)
        while any(r is None for r in results):
            try:
                k, batch = sent.get(timeout=0.2)
                results[k] = batch
            except queue.Empty:
                if not any(w.is_alive() for w in workers):  # one died (what it sent is in already)
                    for k in [k for k, r in enumerate(results) if r is None]:
                        results[k] = _load_batch(batches[k], cache)
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
        sent.close()
        sent.cancel_join_thread()
    return [one for batch in results if batch is not None for one in batch]


def _claim(counter: Any) -> int:
    """The index of the next batch nobody has taken."""
    with counter.get_lock():
        k: int = counter.value
        counter.value = k + 1
    return k


def _worker(batches: list[list[Path]], counter: Any, sent: Any, cache: RecordCache | None, parent: int) -> None:
    """A forked worker: load batches until none is left, sending each back with its index."""
    become_worker(parent)
    while (k := _claim(counter)) < len(batches):
        sent.put((k, _load_batch(batches[k], cache)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def _no_cycle_collection(freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection while records are built: they hold no cycles, and a pass every few
    hundred thousand new objects (each a dict, a list or a model) costs a third of restoring them.

    With ``freeze`` (a large corpus), what was built is then moved out of the collector's sight
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
    names: Sequence[str], corpus_dir: Path, *, cache: RecordCache | None = None
) -> tuple[tuple[Instrument, ...], TopicCatalogue | None, Corpus | None]:
    """Each name is an instrument id of the corpus in ``corpus_dir`` or the path of a record file of one's own.

    A record file is read and validated on its own (``read_record`` + ``validate_record``); the corpus is
    loaded, and must be valid, only when an id is named, and is returned then (else ``None``). Topics come
    from the corpus, or — when only files are named — from a ``topics.yaml`` beside the first file, else
    from ``corpus_dir`` if it has one. ``cache`` is passed to :func:`load_corpus`.

        >>> (a, b), topics, corpus = load_instruments(["1997-union", "mine.yaml"], Path("treaties"))  # doctest: +SKIP
    """
    files = {name: Path(name) for name in names if not is_instrument_id(name) or Path(name).is_file()}
    corpus = load_corpus([corpus_dir], cache=cache) if len(files) < len(names) else None
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


__all__ = ["Corpus", "file_problem", "find_topics_file", "load_corpus", "load_instruments"]
