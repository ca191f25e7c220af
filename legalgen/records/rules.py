"""The rules a corpus keeps that no single record can check alone, one small function per rule.

A record that validates against :mod:`legalgen.records.models` is well formed; these rules make the
records agree with each other and with themselves: every source cited is declared, every instrument and
provision named exists, events happen in a possible order, an amendment is recorded on both sides, and
every assessment codes a declared topic's dimensions with their values, citing the provisions that say so.

Each rule takes a :class:`Subject` — one instrument, its parsed file, the corpus it belongs to — and
yields a located :class:`~legalgen.errors.Problem` for each breach, worded for the person who edits the
record; :func:`check_corpus` runs every rule of :data:`INSTRUMENT_RULES` over every instrument. The
order in which problems are found does not matter: :class:`~legalgen.errors.RecordError` sorts them by
file, line and column. A new rule is one function here plus one line in :data:`INSTRUMENT_RULES`.

    >>> [rule.__name__ for rule in INSTRUMENT_RULES][:3]
    ['sources_declared_once', 'cited_sources_declared', 'named_instruments_exist']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from legalgen.errors import Problem, close_matches
from legalgen.ids import ProvisionRef
from legalgen.records.models import (
    Amendment,
    Assessment,
    EntryIntoForce,
    Instrument,
    OperationKind,
    Paraphrase,
    Ratification,
    RelationType,
    Signature,
    Termination,
    Topic,
    TopicCatalogue,
    Verbatim,
    operations_on,
)
from legalgen.records.read import Loc, RawRecord


@dataclass(frozen=True)
class Subject:
    """One instrument under check: its record, the file it was read from, and the corpus around it."""

    raw: RawRecord
    inst: Instrument
    by_id: Mapping[str, Instrument]
    topics: TopicCatalogue | None
    #: Ids of records that failed to load: a reference to one is not called unknown (its own errors say why).
    unreadable: Collection[str] = frozenset()

    def problem(self, loc: Loc, message: str, fix: str) -> Problem:
        return self.raw.problem(loc, message, fix)


@dataclass(frozen=True)
class Reference:
    """A place in a record that names another instrument and perhaps one of its provisions.

    ``continues: [1997-charter/art-2]`` is ``Reference(loc, "1997-charter", "art-2", loc)``; a termination
    ``by: 1999-union-state`` with ``by_provision: art-70`` names the instrument at ``by`` and the
    provision at ``by_provision``.
    """

    loc: Loc
    instrument: str
    provision: str | None = None
    provision_loc: Loc = ()


Rule = Callable[[Subject], Iterator[Problem]]


# --------------------------------------------------------------------------- what a record cites


def cited_sources(inst: Instrument) -> Iterator[tuple[Loc, str]]:
    """Every source id the record cites, where it cites it: texts, events, relations, misreadings."""
    for pi, prov in enumerate(inst.provisions):
        for ti, text in enumerate(prov.texts):
            if isinstance(text, Verbatim):
                yield ("provisions", pi, "texts", ti, "source"), text.source
            elif isinstance(text, Paraphrase):
                for si, sid in enumerate(text.sources):
                    yield ("provisions", pi, "texts", ti, "sources", si), sid
    for name, items in (("events", inst.events), ("relations", inst.relations), ("misreadings", inst.misreadings)):
        for i, item in enumerate(items):
            for si, sid in enumerate(item.sources):
                yield (name, i, "sources", si), sid
    for ri, rel in enumerate(inst.relations):
        for oi, op in enumerate(rel.operations):
            for ti, text in enumerate(op.texts):
                loc: Loc = ("relations", ri, "operations", oi, "texts", ti)
                if isinstance(text, Verbatim):
                    yield (*loc, "source"), text.source
                else:
                    for si, sid in enumerate(text.sources):
                        yield (*loc, "sources", si), sid


def references(inst: Instrument) -> Iterator[Reference]:
    """Every instrument (and provision) the record names, except itself: continuations, the instrument
    that terminated or amended it, relation targets, the provisions a misreading rests on.

        >>> protocol = Instrument.model_validate_json('''{
        ...     "id": "2025-protocol", "kind": "protocol", "titles": {"en": "Protocol"}, "short_title": "Protocol",
        ...     "parties": ["Russian Federation", "Republic of Belarus"],
        ...     "relations": [{"type": "amends", "target": "1999-union-state", "provision": "art-14"}]}''')
        >>> [(ref.instrument, ref.provision) for ref in references(protocol)]
        [('1999-union-state', 'art-14')]
    """
    for pi, prov in enumerate(inst.provisions):
        for ci, text in enumerate(prov.continues):
            ref = ProvisionRef.parse(text)
            if ref.instrument != inst.id:  # its own instrument is a rule of its own
                loc: Loc = ("provisions", pi, "continues", ci)
                yield Reference(loc, ref.instrument, ref.provision, loc)
    for ei, event in enumerate(inst.events):
        if isinstance(event, Termination) and event.by:
            yield Reference(("events", ei, "by"), event.by, event.by_provision, ("events", ei, "by_provision"))
        elif isinstance(event, Amendment):
            yield Reference(("events", ei, "by"), event.by)
    for ri, rel in enumerate(inst.relations):
        if rel.target != inst.id:  # a relation to itself is a rule of its own
            yield Reference(("relations", ri, "target"), rel.target, rel.provision, ("relations", ri, "provision"))
            for old in rel.renumbering:
                yield Reference(("relations", ri, "target"), rel.target, old, ("relations", ri, "renumbering", old))
    for mi, mis in enumerate(inst.misreadings):
        for vi, text in enumerate(mis.provisions):
            ref = ProvisionRef.parse(text)
            loc = ("misreadings", mi, "provisions", vi)
            yield Reference(loc, ref.instrument, ref.provision, loc)


def own_provisions(inst: Instrument) -> Iterator[tuple[Loc, str]]:
    """Every provision of its own that the record names: amended, acting for a relation, the new number of a
    renumbering, assessed."""
    for ei, event in enumerate(inst.events):
        if isinstance(event, Amendment):
            for ai, pid in enumerate(event.provisions):
                yield ("events", ei, "provisions", ai), pid
    for ri, rel in enumerate(inst.relations):
        if rel.via and rel.target != inst.id:
            yield ("relations", ri, "via"), rel.via
        for old, new in rel.renumbering.items():
            yield ("relations", ri, "renumbering", old), new
        for oi, op in enumerate(rel.operations):
            if op.via and rel.target != inst.id:
                yield ("relations", ri, "operations", oi, "via"), op.via
    for ai, assessment in enumerate(inst.assessments):
        for ci, code in enumerate(assessment.codes):
            for vi, pid in enumerate(code.provisions):
                yield ("assessments", ai, "codes", ci, "provisions", vi), pid


def _duplicates(items: Iterable[str]) -> list[str]:
    return [k for k, n in Counter(items).items() if n > 1]


def _second(items: list[str], dup: str) -> int:
    """Where ``dup`` appears the second time: the duplicate is reported there, not at the original."""
    return items.index(dup, items.index(dup) + 1)


def nearest_provisions(pid: str, inst: Instrument, n: int = 3) -> list[str]:
    """The ids of ``inst`` a mistyped ``pid`` most likely meant: the same article first, then look-alikes.

    >>> teu = Instrument.model_validate_json('''{"id": "1992-teu", "kind": "treaty", "titles": {"en": "TEU"},
    ...     "short_title": "TEU", "parties": ["A"], "provisions": [
    ...     {"article": "B", "texts": [{"kind": "paraphrase", "language": "en", "text": "x", "basis": "y"}]},
    ...     {"article": "F", "paragraph": "1", "texts": [{"kind": "paraphrase", "language": "en", "text": "x", "basis": "y"}]}]}''')
    >>> nearest_provisions("art-f", teu), nearest_provisions("art-b/para-2", teu)
    (['art-f/para-1'], ['art-b'])
    """
    known = [p.id for p in inst.provisions_in_order]
    article = pid.split("/", 1)[0]
    same = [k for k in known if k.split("/", 1)[0] == article and k != pid]
    return (same or close_matches(pid, known))[:n]


def _no_provision(s: Subject, loc: Loc, target: Instrument, pid: str) -> Problem:
    near = nearest_provisions(pid, target)
    if near:
        fix = f"did you mean {' or '.join(repr(x) for x in near)}? else add it to {target.id}.yaml"
    else:
        known = [x.id for x in target.provisions_in_order] or ["(none recorded)"]
        fix = f"add it to {target.id}.yaml or use one of {known[:8]}"
    return s.problem(loc, f"{target.id} has no provision {pid}", fix)


def _unknown_topic(s: Subject, loc: Loc, tid: str, topics: TopicCatalogue) -> Problem:
    return s.problem(
        loc, f"topic {tid!r} is not declared in topics.yaml", f"use one of {[t.id for t in topics.topics]}"
    )


# --------------------------------------------------------------------------- sources and names


def sources_declared_once(s: Subject) -> Iterator[Problem]:
    """A source id is declared once: a citation "S3" must lead to one document, not two."""
    ids = [x.id for x in s.inst.sources]
    for dup in _duplicates(ids):
        yield s.problem(("sources", ids.index(dup), "id"), f"source {dup!r} is declared twice", "keep one entry")


def cited_sources_declared(s: Subject) -> Iterator[Problem]:
    """Every source a text, event, relation or misreading cites is declared in the same record, so a
    reader can follow each statement to the document it rests on."""
    ids = [x.id for x in s.inst.sources]
    for loc, sid in cited_sources(s.inst):
        if sid not in ids:
            yield s.problem(
                loc, f"source {sid!r} is not declared in this record", f"add it under `sources:` or use one of {ids}"
            )


def named_instruments_exist(s: Subject) -> Iterator[Problem]:
    """Every instrument a record names is in the corpus: a report cannot cite, date or describe an
    instrument it has no record of."""
    for ref in references(s.inst):
        if ref.instrument not in s.by_id and ref.instrument not in s.unreadable:
            near = close_matches(ref.instrument, list(s.by_id))
            hint = f"did you mean {near[0]!r}?" if near else "add a record for it"
            yield s.problem(ref.loc, f"instrument {ref.instrument!r} is not in the corpus", hint)


def named_provisions_exist(s: Subject) -> Iterator[Problem]:
    """Every provision of another instrument that a record names (``instrument-id/art-8b/para-1``) is
    recorded there: a pin cite must lead to text, and a clause can only be continued, terminated by,
    targeted or renumbered if it exists."""
    for ref in references(s.inst):
        target = s.by_id.get(ref.instrument)
        if target is not None and ref.provision and target.provision(ref.provision) is None:
            yield _no_provision(s, ref.provision_loc, target, ref.provision)


def own_provisions_exist(s: Subject) -> Iterator[Problem]:
    """Every provision of its own that a record names — amended, acting for a relation, the new number in a
    renumbering, resting an assessment — is one of its recorded provisions."""
    for loc, pid in own_provisions(s.inst):
        if s.inst.provision(pid) is None:
            yield _no_provision(s, loc, s.inst, pid)


# --------------------------------------------------------------------------- provisions


def provisions_recorded_once(s: Subject) -> Iterator[Problem]:
    """An article (or paragraph) is recorded once: two entries would make "art. 14" mean two texts."""
    ids = [p.id for p in s.inst.provisions]
    for dup in _duplicates(ids):
        yield s.problem(
            ("provisions", ids.index(dup)),
            f"provision {dup} appears twice",
            "merge the two entries or fix the article/paragraph",
        )


def continues_another_instrument(s: Subject) -> Iterator[Problem]:
    """``continues`` carries a clause over from an earlier instrument; a provision cannot carry over
    its own instrument's clause (genealogy would loop)."""
    for pi, prov in enumerate(s.inst.provisions):
        for ci, text in enumerate(prov.continues):
            if ProvisionRef.parse(text).instrument == s.inst.id:
                yield s.problem(
                    ("provisions", pi, "continues", ci),
                    "a provision cannot continue its own instrument",
                    "name a provision of an earlier instrument",
                )


def provision_topics_declared(s: Subject) -> Iterator[Problem]:
    """A provision is filed under topics that ``topics.yaml`` declares, or no report would show it."""
    if s.topics is None:
        return
    for pi, prov in enumerate(s.inst.provisions):
        for ti, tid in enumerate(prov.topics):
            if s.topics.topic(tid) is None:
                yield _unknown_topic(s, ("provisions", pi, "topics", ti), tid, s.topics)


# --------------------------------------------------------------------------- events


def signed_once(s: Subject) -> Iterator[Problem]:
    """An instrument is signed once, on one date; later signatories join that event, not a new one."""
    signatures = [i for i, e in enumerate(s.inst.events) if isinstance(e, Signature)]
    if len(signatures) > 1:
        yield s.problem(
            ("events", signatures[1]),
            "the instrument is signed twice",
            "keep one signature event (add signatories to it)",
        )


def nothing_before_signature(s: Subject) -> Iterator[Problem]:
    """Nothing happens to an instrument before it is signed: not ratification, force, amendment or end."""
    signed = next((e.date for e in s.inst.events if isinstance(e, Signature)), None)
    if signed is None:
        return
    for ei, event in enumerate(s.inst.events):
        if not isinstance(event, Signature) and event.date < signed:
            yield s.problem(
                ("events", ei, "date"),
                f"{event.type.replace('_', ' ')} on {event.date} is before the signature ({signed})",
                "check both dates in the source",
            )


def ratified_by_a_party(s: Subject) -> Iterator[Problem]:
    """Only a party to an instrument can ratify it."""
    for ei, event in enumerate(s.inst.events):
        if isinstance(event, Ratification) and event.party not in s.inst.parties:
            yield s.problem(
                ("events", ei, "party"), f"{event.party!r} is not a party", f"use one of {list(s.inst.parties)}"
            )


def nothing_binds_after_termination(s: Subject) -> Iterator[Problem]:
    """A terminated instrument can no longer be ratified or enter into force (the earliest end counts)."""
    ended = min((e.date for e in s.inst.events if isinstance(e, Termination)), default=None)
    if ended is None:
        return
    for ei, event in enumerate(s.inst.events):
        if isinstance(event, Ratification | EntryIntoForce) and event.date > ended:
            yield s.problem(
                ("events", ei, "date"),
                f"{event.type.replace('_', ' ')} on {event.date} is after the termination ({ended})",
                "check both dates in the source",
            )


def terminated_after_entry_into_force(s: Subject) -> Iterator[Problem]:
    """An instrument ends only after it has entered into force (the earliest entry into force counts)."""
    in_force = min((e.date for e in s.inst.events if isinstance(e, EntryIntoForce)), default=None)
    if in_force is None:
        return
    for ei, event in enumerate(s.inst.events):
        if isinstance(event, Termination) and event.date < in_force:
            yield s.problem(
                ("events", ei, "date"),
                f"termination on {event.date} is before entry into force ({in_force})",
                "check both dates in the source",
            )


# --------------------------------------------------------------------------- relations


def amendment_recorded_by_the_amender(s: Subject) -> Iterator[Problem]:
    """An ``amendment`` event ``by: X`` needs X to say ``amends`` this instrument: the change is
    recorded on both sides, so the amended text and the amending protocol tell the same story."""
    for ei, event in enumerate(s.inst.events):
        if not isinstance(event, Amendment) or (amender := s.by_id.get(event.by)) is None:
            continue
        if not any(r.type is RelationType.amends and r.target == s.inst.id for r in amender.relations):
            yield s.problem(
                ("events", ei, "by"),
                f"{amender.id} records no `amends: {s.inst.id}` relation",
                f"add `- {{type: amends, target: {s.inst.id}}}` to the relations of {amender.id}",
            )


def amends_recorded_by_the_amended(s: Subject) -> Iterator[Problem]:
    """An ``amends: X`` relation needs X to record an ``amendment`` event by this instrument, which
    says from when the amended text reads differently."""
    for ri, rel in enumerate(s.inst.relations):
        if rel.type is not RelationType.amends or rel.target == s.inst.id:
            continue
        target = s.by_id.get(rel.target)
        if target and not any(isinstance(e, Amendment) and e.by == s.inst.id for e in target.events):
            yield s.problem(
                ("relations", ri),
                f"{target.id} records no amendment by {s.inst.id}",
                f"add an `amendment` event with `by: {s.inst.id}` to {target.id}.yaml",
            )


def consolidation_cites_its_source(s: Subject) -> Iterator[Problem]:
    """A ``consolidates`` relation cites the source that shows its ``renumbering`` (a table of
    correspondence, an "ex-Article" note): a new number is a statement about the law, not a guess."""
    for ri, rel in enumerate(s.inst.relations):
        if rel.type is RelationType.consolidates and rel.renumbering and not rel.sources:
            yield s.problem(
                ("relations", ri, "renumbering"),
                "a renumbering names no source",
                "add `sources: [S…]` for the table or note that shows the old and new numbers",
            )


def operations_act_on_existing_provisions(s: Subject) -> Iterator[Problem]:
    """Every amending operation names a provision the amended instrument has on the date it takes effect
    (as recorded, with the earlier operations applied): an insert of a `new` provision, or a renumbering's
    `new_number`, one it does not have yet. A repealed or renumbered article cannot be amended again."""
    for ri, rel in enumerate(s.inst.relations):
        target = s.by_id.get(rel.target)
        if target is None or not rel.operations or rel.target == s.inst.id:
            continue
        live = [p.id for p in target.provisions]
        mine = {id(op): oi for oi, op in enumerate(rel.operations)}
        for day, _, relation, op in operations_on(target, s.by_id.values()):
            oi = mine.get(id(op)) if relation is rel else None
            fresh = op.op is OperationKind.insert and op.position == "new"
            if fresh == (op.provision in live) and oi is not None:
                yield s.problem(
                    ("relations", ri, "operations", oi, "provision"),
                    f"{target.id} {'already has' if fresh else 'has no'} provision {op.provision} on {day}",
                    "use `position: end` to add to it, or a number it does not have"
                    if fresh
                    else f"name one of {live[:8]} (provisions recorded, as amended before {day})",
                )
            if op.new_number is not None and op.new_number in live and oi is not None:
                yield s.problem(
                    ("relations", ri, "operations", oi, "new_number"),
                    f"{target.id} already has provision {op.new_number} on {day}",
                    "renumber that one first, or check the new number in the source",
                )
            if fresh and op.provision not in live:
                live.append(op.provision)
            elif op.op is OperationKind.repeal and op.words is None and op.provision in live:
                live.remove(op.provision)
            elif op.new_number is not None and op.provision in live:
                live[live.index(op.provision)] = op.new_number


def relates_to_another(s: Subject) -> Iterator[Problem]:
    """An instrument cannot amend, terminate or build on itself."""
    for ri, rel in enumerate(s.inst.relations):
        if rel.target == s.inst.id:
            yield s.problem(
                ("relations", ri, "target"), "an instrument cannot relate to itself", "name another instrument"
            )


# --------------------------------------------------------------------------- assessments


def assessed_once_per_topic(s: Subject) -> Iterator[Problem]:
    """An instrument has one assessment of a topic, coding each dimension once; two would contradict each other."""
    seen: set[str] = set()
    for ai, assessment in enumerate(s.inst.assessments):
        if assessment.topic in seen:
            yield s.problem(
                ("assessments", ai, "topic"),
                f"topic {assessment.topic!r} is assessed twice",
                "keep one assessment per topic",
            )
        seen.add(assessment.topic)


def _assessments(s: Subject) -> Iterator[tuple[Loc, Assessment, Topic | None]]:
    """Where each assessment is, the assessment, and its topic as declared (``None``: not declared).

    Nothing when the corpus has no topics.yaml: that is reported once, as the corpus's own problem.
    """
    if s.topics is None:
        return
    for ai, assessment in enumerate(s.inst.assessments):
        yield ("assessments", ai), assessment, s.topics.topic(assessment.topic)


def assessed_topics_declared(s: Subject) -> Iterator[Problem]:
    """An assessment codes dimensions of a topic that ``topics.yaml`` declares."""
    for loc, assessment, topic in _assessments(s):
        if topic is None and s.topics is not None:
            yield _unknown_topic(s, (*loc, "topic"), assessment.topic, s.topics)


def codes_on_declared_dimensions(s: Subject) -> Iterator[Problem]:
    """A code names a dimension its topic declares and one of that dimension's values, so instruments
    compare on the same indicator."""
    for loc, assessment, topic in _assessments(s):
        if topic is None:
            continue
        for ci, code in enumerate(assessment.codes):
            dimension = topic.dimension(code.dimension)
            if dimension is None:
                yield s.problem(
                    (*loc, "codes", ci, "dimension"),
                    f"{code.dimension!r} is not a dimension of topic {topic.id!r}",
                    f"use one of {[d.id for d in topic.dimensions]}",
                )
            elif dimension.value(code.value) is None:
                yield s.problem(
                    (*loc, "codes", ci, "value"),
                    f"{code.value!r} is not a value of dimension {dimension.id!r}",
                    f"use one of {[v.id for v in dimension.values]}",
                )


#: Every rule checked on every instrument of a corpus.
INSTRUMENT_RULES: tuple[Rule, ...] = (
    sources_declared_once,
    cited_sources_declared,
    named_instruments_exist,
    named_provisions_exist,
    own_provisions_exist,
    provisions_recorded_once,
    continues_another_instrument,
    provision_topics_declared,
    signed_once,
    nothing_before_signature,
    ratified_by_a_party,
    nothing_binds_after_termination,
    terminated_after_entry_into_force,
    amendment_recorded_by_the_amender,
    amends_recorded_by_the_amended,
    consolidation_cites_its_source,
    operations_act_on_existing_provisions,
    relates_to_another,
    assessed_once_per_topic,
    assessed_topics_declared,
    codes_on_declared_dimensions,
)


# --------------------------------------------------------------------------- the corpus and its topics


def ids_match_file_names(records: Sequence[tuple[RawRecord, Instrument]]) -> Iterator[Problem]:
    """A record lives in ``<id>.yaml``, so the file a person opens is the instrument a report cites."""
    for raw, inst in records:
        if inst.id != raw.path.stem:
            yield raw.problem(
                ("id",),
                f"id {inst.id!r} differs from the file name {raw.path.name!r}",
                f"rename the file to {inst.id}.yaml or change the id",
            )


def ids_unique(records: Sequence[tuple[RawRecord, Instrument]]) -> Iterator[Problem]:
    """Each instrument has its own id; every record after the first with an id is reported."""
    seen: set[str] = set()
    for raw, inst in records:
        if inst.id in seen:
            yield raw.problem(
                ("id",), f"id {inst.id!r} is used by another record too", "give each instrument its own id"
            )
        seen.add(inst.id)


def check_topics(raw: RawRecord, catalogue: TopicCatalogue) -> list[Problem]:
    """A topic is declared once, a dimension once in its topic and a value once in its dimension: a code
    must mean one thing."""
    problems = []
    ids = [t.id for t in catalogue.topics]
    for dup in _duplicates(ids):
        problems.append(
            raw.problem(("topics", ids.index(dup), "id"), f"topic {dup!r} is declared twice", "keep one declaration")
        )
    for ti, topic in enumerate(catalogue.topics):
        dims = [d.id for d in topic.dimensions]
        for dup in _duplicates(dims):
            problems.append(
                raw.problem(
                    ("topics", ti, "dimensions", _second(dims, dup), "id"),
                    f"dimension {dup!r} appears twice in topic {topic.id!r}",
                    "keep one",
                )
            )
        for di, dim in enumerate(topic.dimensions):
            values = [v.id for v in dim.values]
            for dup in _duplicates(values):
                problems.append(
                    raw.problem(
                        ("topics", ti, "dimensions", di, "values", _second(values, dup), "id"),
                        f"value {dup!r} appears twice in dimension {dim.id!r} of {topic.id!r}",
                        "keep one",
                    )
                )
    return problems


#: The rules on the corpus as a whole and its topics, beside :data:`INSTRUMENT_RULES`.
CORPUS_RULES: tuple[Callable[..., object], ...] = (ids_match_file_names, ids_unique, check_topics)


def rules_markdown() -> str:
    """Every rule as a Markdown list item, from its docstring: the README's list of rules is this text.

    >>> rules_markdown().splitlines()[0]
    '- **sources declared once**: A source id is declared once: a citation "S3" must lead to one document, not two.'
    """
    lines = []
    for rule in (*INSTRUMENT_RULES, *CORPUS_RULES):
        doc = " ".join((rule.__doc__ or "").split()).replace("``", "`")
        lines.append(f"- **{rule.__name__.replace('_', ' ')}**: {doc}\n")
    return "".join(lines)


def check_corpus(
    records: Sequence[tuple[RawRecord, Instrument]],
    topics: TopicCatalogue | None,
    unreadable: Collection[str] = frozenset(),
) -> list[Problem]:
    """Every problem of the corpus: ids, then each rule of :data:`INSTRUMENT_RULES` on each instrument.

    Where two records share an id, references to it resolve to the first. ``unreadable`` are the ids of
    records that failed to load: their own errors are reported, and no valid record gets a false one for
    naming them.
    """
    problems = [*ids_match_file_names(records), *ids_unique(records)]
    by_id: dict[str, Instrument] = {}
    for _, inst in records:
        by_id.setdefault(inst.id, inst)
    for raw, inst in records:
        subject = Subject(raw, inst, by_id, topics, unreadable)
        for rule in INSTRUMENT_RULES:
            problems.extend(rule(subject))
    return problems


__all__ = [
    "CORPUS_RULES",
    "INSTRUMENT_RULES",
    "Reference",
    "Rule",
    "Subject",
    "check_corpus",
    "check_topics",
    "nearest_provisions",
    "rules_markdown",
]
