"""A corpus: every instrument record of a folder plus its topic catalogue, checked as a whole.

:func:`load_corpus` is the only way in. It reads every record, validates each one, then checks what no
single record can check alone — unique ids, references that resolve, events in a possible order,
assessments citing provisions that exist, topics and positions declared — and reports **all** problems
at once as a :class:`~legalgen.errors.RecordError`. A corpus that loads is internally consistent.

    >>> corpus = load_corpus([Path("treaties")])  # doctest: +SLOW
    >>> corpus.instrument("1997-charter").short_title
    'Charter of the Union (1997)'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, RecordError, UnknownName
from .ids import ProvisionRef, is_instrument_id
from .load import TOPIC_FILES, RawRecord, file_problem, iter_record_paths, read_record, validate_record
from .models import (
    Amendment,
    EntryIntoForce,
    Instrument,
    Paraphrase,
    Ratification,
    RelationType,
    Signature,
    Termination,
    TopicCatalogue,
    Verbatim,
)


@dataclass(frozen=True)
class Corpus:
    """The validated instruments, ordered by signature date, and the topics they are assessed on."""

    instruments: tuple[Instrument, ...]
    topics: TopicCatalogue
    files: dict[str, Path] = field(default_factory=dict, compare=False)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.instruments)

    def instrument(self, iid: str) -> Instrument:
        """The instrument with id ``iid``; an unknown id raises :class:`UnknownName` with suggestions."""
        for inst in self.instruments:
            if inst.id == iid:
                return inst
        raise UnknownName("instrument", iid, self.ids)

    def resolve(self, ref: ProvisionRef) -> tuple[Instrument, object]:
        inst = self.instrument(ref.instrument)
        prov = inst.provision(ref.provision)
        if prov is None:
            raise UnknownName(f"provision of {inst.id}", ref.provision, (p.id for p in inst.provisions))
        return inst, prov


def find_topics_file(paths: Sequence[Path]) -> Path | None:
    """``topics.yaml`` in the first folder named, or beside the first file named."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for name in TOPIC_FILES:
            if (folder / name).is_file():
                return folder / name
    return None


def load_corpus(paths: Sequence[Path], topics_path: Path | None = None) -> Corpus:
    """Load, validate and cross-check the records named by ``paths`` (files or folders)."""
    problems: list[Problem] = []
    records: list[tuple[RawRecord, Instrument]] = []
    record_paths = list(iter_record_paths(paths))
    if not record_paths:
        where = ", ".join(str(p) for p in paths) or "."
        raise RecordError(
            [Problem(where, 0, 0, "", "holds no .yaml records", "name a folder of records such as treaties/")]
        )
    for path in record_paths:
        try:
            raw = read_record(path)
            records.append((raw, validate_record(raw, Instrument)))
        except RecordError as exc:
            problems.extend(exc.problems)

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
            topics = validate_record(raw_topics, TopicCatalogue)
            problems.extend(_check_topics(raw_topics, topics))
        except RecordError as exc:
            problems.extend(exc.problems)

    problems.extend(_check_corpus(records, topics))
    if problems:
        raise RecordError(problems)
    assert topics is not None
    ordered = sorted(records, key=lambda r: (_sort_date(r[1]), r[1].id))
    return Corpus(
        instruments=tuple(inst for _, inst in ordered),
        topics=topics,
        files={inst.id: raw.path for raw, inst in ordered},
    )


def _sort_date(inst: Instrument) -> dt.date:
    sig = inst.signature
    if sig:
        return sig.date
    return min((e.date for e in inst.events), default=dt.date.max)


def _check_topics(raw: RawRecord, catalogue: TopicCatalogue) -> list[Problem]:
    problems = []
    for dup in _duplicates(t.id for t in catalogue.topics):
        i = [t.id for t in catalogue.topics].index(dup)
        problems.append(raw.problem(("topics", i, "id"), f"topic {dup!r} is declared twice", "keep one declaration"))
    for ti, topic in enumerate(catalogue.topics):
        for dup in _duplicates(p.id for p in topic.scale):
            pi = [p.id for p in topic.scale].index(dup)
            problems.append(
                raw.problem(
                    ("topics", ti, "scale", pi, "id"),
                    f"position {dup!r} appears twice on the scale of {topic.id!r}",
                    "keep one",
                )
            )
    return problems


def _duplicates(items: Iterable[str]) -> list[str]:
    return [k for k, n in Counter(items).items() if n > 1]


def _check_corpus(records: list[tuple[RawRecord, Instrument]], topics: TopicCatalogue | None) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Instrument] = {}
    for raw, inst in records:
        if inst.id != raw.path.stem:
            problems.append(
                raw.problem(
                    ("id",),
                    f"id {inst.id!r} differs from the file name {raw.path.name!r}",
                    f"rename the file to {inst.id}.yaml or change the id",
                )
            )
        if inst.id in by_id:
            problems.append(
                raw.problem(("id",), f"id {inst.id!r} is used by another record too", "give each instrument its own id")
            )
        by_id.setdefault(inst.id, inst)
    for raw, inst in records:
        problems.extend(_check_instrument(raw, inst, by_id, topics))
    return problems


def _check_instrument(
    raw: RawRecord, inst: Instrument, by_id: dict[str, Instrument], topics: TopicCatalogue | None
) -> list[Problem]:
    p: list[Problem] = []
    ids = list(by_id)
    source_ids = [s.id for s in inst.sources]
    for dup in _duplicates(source_ids):
        p.append(
            raw.problem(("sources", source_ids.index(dup), "id"), f"source {dup!r} is declared twice", "keep one entry")
        )
    prov_ids = [pr.id for pr in inst.provisions]
    for dup in _duplicates(prov_ids):
        p.append(
            raw.problem(
                ("provisions", prov_ids.index(dup)),
                f"provision {dup} appears twice",
                "merge the two entries or fix the article/paragraph",
            )
        )

    def need_source(loc: tuple[int | str, ...], sid: str) -> None:
        if sid not in source_ids:
            p.append(
                raw.problem(
                    loc,
                    f"source {sid!r} is not declared in this record",
                    f"add it under `sources:` or use one of {source_ids}",
                )
            )

    def need_instrument(loc: tuple[int | str, ...], iid: str) -> Instrument | None:
        if iid not in by_id:
            from .errors import close_matches

            near = close_matches(iid, ids)
            hint = f"did you mean {near[0]!r}?" if near else "add a record for it"
            p.append(raw.problem(loc, f"instrument {iid!r} is not in the corpus", hint))
            return None
        return by_id[iid]

    def need_provision(loc: tuple[int | str, ...], target: Instrument, pid: str) -> None:
        if target.provision(pid) is None:
            known = [x.id for x in target.provisions] or ["(none recorded)"]
            p.append(
                raw.problem(
                    loc, f"{target.id} has no provision {pid}", f"add it to {target.id}.yaml or use one of {known[:8]}"
                )
            )

    # texts and provisions
    for pi, prov in enumerate(inst.provisions):
        for ti, text in enumerate(prov.texts):
            if isinstance(text, Verbatim):
                need_source(("provisions", pi, "texts", ti, "source"), text.source)
            elif isinstance(text, Paraphrase):
                for si, sid in enumerate(text.sources):
                    need_source(("provisions", pi, "texts", ti, "sources", si), sid)
        for ci, ref_text in enumerate(prov.continues):
            ref = ProvisionRef.parse(ref_text)
            loc = ("provisions", pi, "continues", ci)
            if ref.instrument == inst.id:
                p.append(
                    raw.problem(
                        loc,
                        "a provision cannot continue its own instrument",
                        "name a provision of an earlier instrument",
                    )
                )
            elif target := need_instrument(loc, ref.instrument):
                need_provision(loc, target, ref.provision)
        if topics is not None:
            for ti, tid in enumerate(prov.topics):
                if topics.topic(tid) is None:
                    p.append(_unknown_topic(raw, ("provisions", pi, "topics", ti), tid, topics))

    # events
    signatures = [e for e in inst.events if isinstance(e, Signature)]
    if len(signatures) > 1:
        i = [type(e) for e in inst.events].index(Signature, 1 + [type(e) for e in inst.events].index(Signature))
        p.append(
            raw.problem(
                ("events", i), "the instrument is signed twice", "keep one signature event (add signatories to it)"
            )
        )
    signed = signatures[0].date if signatures else None
    in_force = min((e.date for e in inst.events if isinstance(e, EntryIntoForce)), default=None)
    ended = min((e.date for e in inst.events if isinstance(e, Termination)), default=None)
    for ei, event in enumerate(inst.events):
        for si, sid in enumerate(event.sources):
            need_source(("events", ei, "sources", si), sid)
        date_loc = ("events", ei, "date")
        if signed and not isinstance(event, Signature) and event.date < signed:
            p.append(
                raw.problem(
                    date_loc,
                    f"{event.type.replace('_', ' ')} on {event.date} is before the signature ({signed})",
                    "check both dates in the source",
                )
            )
        if isinstance(event, Ratification) and event.party not in inst.parties:
            p.append(
                raw.problem(
                    ("events", ei, "party"), f"{event.party!r} is not a party", f"use one of {list(inst.parties)}"
                )
            )
        if isinstance(event, Ratification | EntryIntoForce) and ended and event.date > ended:
            p.append(
                raw.problem(
                    date_loc,
                    f"{event.type.replace('_', ' ')} on {event.date} is after the termination ({ended})",
                    "check both dates in the source",
                )
            )
        if isinstance(event, Termination):
            if in_force and event.date < in_force:
                p.append(
                    raw.problem(
                        date_loc,
                        f"termination on {event.date} is before entry into force ({in_force})",
                        "check both dates in the source",
                    )
                )
            if event.by and (target := need_instrument(("events", ei, "by"), event.by)) and event.by_provision:
                need_provision(("events", ei, "by_provision"), target, event.by_provision)
        if isinstance(event, Amendment):
            for ai, pid in enumerate(event.provisions):
                need_provision(("events", ei, "provisions", ai), inst, pid)
            if (amender := need_instrument(("events", ei, "by"), event.by)) and not any(
                r.type is RelationType.amends and r.target == inst.id for r in amender.relations
            ):
                p.append(
                    raw.problem(
                        ("events", ei, "by"),
                        f"{amender.id} records no `amends: {inst.id}` relation",
                        f"add `- {{type: amends, target: {inst.id}}}` to the relations of {amender.id}",
                    )
                )

    # relations
    for ri, rel in enumerate(inst.relations):
        for si, sid in enumerate(rel.sources):
            need_source(("relations", ri, "sources", si), sid)
        if rel.target == inst.id:
            p.append(
                raw.problem(
                    ("relations", ri, "target"), "an instrument cannot relate to itself", "name another instrument"
                )
            )
            continue
        target = need_instrument(("relations", ri, "target"), rel.target)
        if target and rel.provision:
            need_provision(("relations", ri, "provision"), target, rel.provision)
        if rel.via:
            need_provision(("relations", ri, "via"), inst, rel.via)
        if (
            target
            and rel.type is RelationType.amends
            and not any(isinstance(e, Amendment) and e.by == inst.id for e in target.events)
        ):
            p.append(
                raw.problem(
                    ("relations", ri),
                    f"{target.id} records no amendment by {inst.id}",
                    f"add an `amendment` event with `by: {inst.id}` to {target.id}.yaml",
                )
            )

    # assessments
    seen_topics: set[str] = set()
    for ai, assessment in enumerate(inst.assessments):
        aloc: tuple[int | str, ...] = ("assessments", ai)
        if assessment.topic in seen_topics:
            p.append(
                raw.problem(
                    (*aloc, "topic"), f"topic {assessment.topic!r} is assessed twice", "keep one assessment per topic"
                )
            )
        seen_topics.add(assessment.topic)
        for vi, pid in enumerate(assessment.provisions):
            need_provision((*aloc, "provisions", vi), inst, pid)
        if topics is None:
            continue
        topic = topics.topic(assessment.topic)
        if topic is None:
            p.append(_unknown_topic(raw, (*aloc, "topic"), assessment.topic, topics))
            continue
        if topic.position(assessment.position) is None:
            p.append(
                raw.problem(
                    (*aloc, "position"),
                    f"{assessment.position!r} is not a position on the {topic.id!r} scale",
                    f"use one of {[x.id for x in topic.scale]}",
                )
            )
        elif not assessment.provisions and topic.rank(assessment.position) > 0:
            p.append(
                raw.problem(
                    (*aloc, "provisions"),
                    "the assessment cites no provision",
                    "list the provisions that establish this position",
                )
            )

    # misreadings
    for mi, mis in enumerate(inst.misreadings):
        for si, sid in enumerate(mis.sources):
            need_source(("misreadings", mi, "sources", si), sid)
        for vi, ref_text in enumerate(mis.provisions):
            ref = ProvisionRef.parse(ref_text)
            if target := need_instrument(("misreadings", mi, "provisions", vi), ref.instrument):
                need_provision(("misreadings", mi, "provisions", vi), target, ref.provision)
    return p


def _unknown_topic(raw: RawRecord, loc: tuple[int | str, ...], tid: str, topics: TopicCatalogue) -> Problem:
    return raw.problem(
        loc, f"topic {tid!r} is not declared in topics.yaml", f"use one of {[t.id for t in topics.topics]}"
    )


def load_instruments(names: Sequence[str], corpus_dir: Path) -> tuple[tuple[Instrument, ...], TopicCatalogue | None]:
    """Each name is an instrument id of the corpus in ``corpus_dir`` or the path of a record file of one's own.

    A record file is read and validated on its own (``read_record`` + ``validate_record``); the corpus is
    loaded, and must be valid, only when an id is named. Topics come from the corpus, or — when only files
    are named — from a ``topics.yaml`` beside the first file, else from ``corpus_dir`` if it has one.

        >>> names = ["1997-union", "treaties/1999-union-state.yaml"]
        >>> (a, b), topics = load_instruments(names, Path("treaties"))  # doctest: +SLOW
        >>> a.short_title, b.short_title, [t.id for t in topics.topics]
        ('Union Treaty (1997)', 'Union State Treaty (1999)', ['sovereignty', 'citizenship', 'electoral-rights'])
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
        return tuple(loaded), corpus.topics
    topics_path = find_topics_file(list(files.values())) or find_topics_file([corpus_dir])
    topics = validate_record(read_record(topics_path), TopicCatalogue) if topics_path else None
    return tuple(loaded), topics


__all__ = ["Corpus", "file_problem", "load_corpus", "load_instruments"]
