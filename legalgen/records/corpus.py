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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from legalgen.errors import Problem, RecordError, UnknownName
from legalgen.ids import is_instrument_id
from legalgen.records.models import Instrument, TopicCatalogue
from legalgen.records.read import TOPIC_FILES, RawRecord, file_problem, iter_record_paths, read_record, validate_record
from legalgen.records.rules import check_corpus, check_topics


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


def find_topics_file(paths: Sequence[Path]) -> Path | None:
    """``topics.yaml`` in the first folder named, or beside the first file named."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for name in TOPIC_FILES:
            if (folder / name).is_file():
                return folder / name
    return None


def load_corpus(paths: Sequence[Path], topics_path: Path | None = None, *, strict_text: bool = False) -> Corpus:
    """Load, validate and cross-check the records named by ``paths`` (files or folders).

    The topics come from ``topics_path``, else from a ``topics.yaml`` in the first folder named. With
    ``strict_text``, an invisible character in a record is an error rather than a warning. A record that
    fails to load gives its own errors only: the others are not told that it is missing.

    >>> load_corpus([Path("treaties")]).instrument("1997-charter").short_title
    'Charter of the Union (1997)'
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    records: list[tuple[RawRecord, Instrument]] = []
    unreadable: set[str] = set()
    # a file named beside its own folder (`validate --corpus treaties treaties/x.yaml`) is read once
    unique: dict[Path, Path] = {}
    for path in iter_record_paths(paths):
        unique.setdefault(path.resolve(), path)
    record_paths = list(unique.values())
    if not record_paths:
        where = ", ".join(str(p) for p in paths) or "."
        raise RecordError(
            [Problem(where, 0, 0, "", "holds no .yaml records", "name a folder of records such as treaties/")]
        )
    for path in record_paths:
        raw: RawRecord | None = None
        try:
            raw = read_record(path)
            (problems if strict_text else warnings).extend(raw.warnings)
            records.append((raw.slim(), validate_record(raw, Instrument)))
        except RecordError as exc:
            problems.extend(exc.problems)
            unreadable.add(path.stem)
            if raw is not None and isinstance(raw.data.get("id"), str):
                unreadable.add(raw.data["id"])

    topics_path = topics_path or find_topics_file(paths)
    topics: TopicCatalogue | None = None
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
        try:
            raw_topics = read_record(topics_path)
            (problems if strict_text else warnings).extend(raw_topics.warnings)
            topics = validate_record(raw_topics, TopicCatalogue)
            problems.extend(check_topics(raw_topics, topics))
        except RecordError as exc:
            problems.extend(exc.problems)

    problems.extend(check_corpus(records, topics, frozenset(unreadable)))
    if problems:
        raise RecordError(problems)
    assert topics is not None
    ordered = sorted(records, key=lambda r: (r[1].dated or dt.date.max, r[1].id))
    return Corpus(instruments=tuple(inst for _, inst in ordered), topics=topics, warnings=tuple(sorted(warnings)))


def load_instruments(
    names: Sequence[str], corpus_dir: Path
) -> tuple[tuple[Instrument, ...], TopicCatalogue | None, Corpus | None]:
    """Each name is an instrument id of the corpus in ``corpus_dir`` or the path of a record file of one's own.

    A record file is read and validated on its own (``read_record`` + ``validate_record``); the corpus is
    loaded, and must be valid, only when an id is named, and is returned then (else ``None``). Topics come
    from the corpus, or — when only files are named — from a ``topics.yaml`` beside the first file, else
    from ``corpus_dir`` if it has one.

        >>> (a, b), topics, corpus = load_instruments(["1997-union", "mine.yaml"], Path("treaties"))  # doctest: +SKIP
    """
    files = {name: Path(name) for name in names if not is_instrument_id(name) or Path(name).is_file()}
    corpus = load_corpus([corpus_dir]) if len(files) < len(names) else None
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


__all__ = ["Corpus", "file_problem", "load_corpus", "load_instruments"]
