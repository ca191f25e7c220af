"""The JSON documents legalgen prints, as typed models, and the JSON Schema of each.

Every JSON document is an object whose ``schema`` field names its shape and version (``legalgen.as-of/2``).
The shapes are declared here once, as frozen dataclasses (and, for the diff, typed dictionaries) over the
analysis's own types; :mod:`legalgen.render.data` builds the documents from them and
:func:`document_schema` turns each into a JSON Schema with pydantic's ``TypeAdapter``. The schemas are
committed as ``schema/<name>.schema.json`` (a test keeps them current and validates the real corpus's
output against them); ``docs/json.md`` explains what each field means.

Every field of every object is always present (an absent value is ``null``), so the schemas mark every
field required. They do not forbid unknown fields: within a version fields may be added, and a reader
should ignore those it does not know.

    >>> import json
    >>> schema = json.loads(document_schema("genealogy"))
    >>> schema["title"], schema["properties"]["schema"]["const"]
    ('legalgen.genealogy/1', 'legalgen.genealogy/1')
    >>> sorted(schema["required"])
    ['links', 'schema', 'threshold', 'topic']
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema
from typing_extensions import TypedDict

from legalgen.analysis import (
    AsOf,
    ClauseLink,
    InstrumentStatus,
    MatrixCell,
    MatrixColumn,
    PositionSide,
    RightsMatrix,
    ThreadDimension,
    ThreadStep,
    TopicPosition,
    TopicThread,
)
from legalgen.analysis.citations import Grade
from legalgen.analysis.consolidation import ConsolidatedProvision, Consolidation, Maker, Repealed
from legalgen.analysis.diff import OpTag, Reason, Status
from legalgen.analysis.lawdiff import LawDiff, Movement, ProvisionDiff
from legalgen.analysis.positions import DimensionPosition
from legalgen.records import Instrument, InstrumentKind, Measure, Paraphrase, Rendering, Verbatim
from legalgen.views.words.common import Naming
from legalgen.views.words.consolidation import law_dimension_line, passage_note

# --------------------------------------------------------------------------- as-of


@dataclass(frozen=True)
class RecordsSpan:
    """What the records cover: the first signature and the last recorded event of the corpus."""

    first_signature: dt.date | None
    last_event: dt.date | None


@dataclass(frozen=True)
class AsOfDocument:
    """``legalgen as-of DATE --format json``: every instrument's status and every topic's position on ``date``.

    ``before_records`` / ``after_records``: the date is before the first signature / after the last
    recorded event. The clock is left out (``AsOf.today``), so the same records give the same bytes.
    """

    date: dt.date
    records: RecordsSpan
    before_records: bool
    after_records: bool
    instruments: tuple[InstrumentStatus, ...]
    positions: tuple[TopicPosition, ...]
    schema: Literal["legalgen.as-of/2"] = "legalgen.as-of/2"

    @classmethod
    def of(cls, state: AsOf) -> AsOfDocument:
        return cls(
            date=state.date,
            records=RecordsSpan(state.first_signature, state.last_event),
            before_records=state.before_records,
            after_records=state.after_records,
            instruments=state.instruments,
            positions=state.positions,
        )


# --------------------------------------------------------------------------- threads


@dataclass(frozen=True)
class ThreadEntry:
    """How the position on one topic changed: its dimensions and one step per period a composed position held."""

    topic: str
    title: str
    dimensions: tuple[ThreadDimension, ...]
    steps: tuple[ThreadStep, ...]

    @classmethod
    def of(cls, thread: TopicThread) -> ThreadEntry:
        return cls(topic=thread.topic, title=thread.title, dimensions=thread.dimensions, steps=thread.steps)


@dataclass(frozen=True)
class ThreadsDocument:
    """``legalgen thread TOPIC --format json``: one thread per topic; changes after ``until`` left out."""

    until: dt.date | None
    threads: tuple[ThreadEntry, ...]
    schema: Literal["legalgen.threads/2"] = "legalgen.threads/2"


# --------------------------------------------------------------------------- matrix


@dataclass(frozen=True)
class TopicEntry:
    """A topic of the corpus: its id and title."""

    id: str
    title: str


@dataclass(frozen=True)
class MatrixRow:
    """The cells of one topic, one per column, in column order."""

    topic: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class MatrixDocument:
    """``legalgen matrix --format json``: topic × instrument (``by`` instrument) or topic × year."""

    by: Literal["instrument", "year"]
    topics: tuple[TopicEntry, ...]
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    schema: Literal["legalgen.matrix/2"] = "legalgen.matrix/2"

    @classmethod
    def of(cls, matrix: RightsMatrix) -> MatrixDocument:
        return cls(
            by=matrix.by,
            topics=tuple(TopicEntry(tid, title) for tid, title in matrix.topics),
            columns=matrix.columns,
            rows=tuple(MatrixRow(tid, row) for (tid, _), row in zip(matrix.topics, matrix.rows, strict=True)),
        )


# --------------------------------------------------------------------------- genealogy


@dataclass(frozen=True)
class GenealogyDocument:
    """``legalgen genealogy --format json``: clause links, with the topic filter and threshold used."""

    topic: str | None
    threshold: float
    links: tuple[ClauseLink, ...]
    schema: Literal["legalgen.genealogy/1"] = "legalgen.genealogy/1"


# --------------------------------------------------------------------------- list (and the diff's two sides)


@dataclass(frozen=True)
class ListedInstrument:
    """An instrument as a list names it: id, kind, date of signature and titles (the English ``title``)."""

    id: str
    kind: InstrumentKind
    signed: dt.date | None
    title: str
    short_title: str

    @classmethod
    def of(cls, inst: Instrument) -> ListedInstrument:
        sig = inst.signature
        return cls(inst.id, inst.kind, sig.date if sig else None, inst.title, inst.short_title)


@dataclass(frozen=True)
class ListDocument:
    """``legalgen list --format json``: the instruments of the corpus in order of signature."""

    instruments: tuple[ListedInstrument, ...]
    schema: Literal["legalgen.list/1"] = "legalgen.list/1"


# --------------------------------------------------------------------------- diff
# The diff's JSON is built by legalgen.render.diff; these are its shape, for the schema and for readers.


class DiffStat(TypedDict):
    """Counts: rows by status, words deleted and inserted, positions and metadata fields that differ."""

    pairs: int
    identical: int
    typographic: int
    moved: int
    changed: int
    paraphrase: int
    no_common_language: int
    only_in_a: int
    only_in_b: int
    words_deleted: int
    words_inserted: int
    positions_changed: int
    positions_one_side: int
    metadata_changed: int


class DiffPosition(TypedDict):
    """How one dimension of a topic differs between A and B, with the same as one line of text."""

    topic: str
    title: str
    dimension: str
    dimension_label: str
    a: PositionSide | None
    b: PositionSide | None
    direction: Literal["same", "up", "down", "changed", "not-addressed-by-a", "not-addressed-by-b"]
    line: str


class DiffMetadata(TypedDict):
    """One compared metadata field (kind, titles, parties, dates, status, relations) of A and B."""

    field: str
    a: str | None
    b: str | None
    differs: bool


class DiffSummary(TypedDict):
    """Positions per topic, every compared metadata field, and how A and B refer to each other."""

    positions: list[DiffPosition]
    metadata: list[DiffMetadata]
    connections: list[str]


class DiffProvision(TypedDict):
    """A provision on one side of a row, with its pin cite (``cite``)."""

    ref: str | None
    provision: str
    cite: str
    heading: str | None
    topics: list[str]


class DiffAlignment(TypedDict):
    """Why two provisions were paired, with a score from 0 to 1 and a sentence."""

    reason: Reason
    score: float
    detail: str


class DiffCandidate(TypedDict):
    """The nearest provision on the other side of an unpaired one: below the threshold, or paired with another."""

    ref: str
    cite: str
    reason: Reason
    score: float
    detail: str
    paired: bool


class DiffLink(TypedDict):
    """One clause link of a chain: recorded in the records, or inferred from shared topic and wording."""

    earlier: str
    earlier_cite: str
    later: str
    later_cite: str
    recorded: bool
    score: float | None
    compared: Literal["verbatim", "paraphrase"] | None


class DiffChain(TypedDict):
    """The clause links, oldest first, through which a counterpart was found in the genealogy."""

    links: list[DiffLink]
    relation: str | None


class DiffVerbatim(TypedDict):
    """Wording seen in a source; ``cut`` says where the source cut it off (null when complete)."""

    kind: Literal["verbatim"]
    text: str
    source: str
    locator: str
    rendering: Rendering
    translator: str | None
    incomplete: bool
    cut: Literal["start", "end", "both"] | None


class DiffParaphrase(TypedDict):
    """A summary or working translation, with its basis: shown, never redlined."""

    kind: Literal["paraphrase"]
    text: str
    basis: str
    sources: list[str]


class DiffOperation(TypedDict):
    """One step turning A's tokens ``a[0]:a[1]`` into B's tokens ``b[0]:b[1]``."""

    op: OpTag
    a: tuple[int, int]
    b: tuple[int, int]
    a_text: str
    b_text: str
    space_before: str


class DiffText(TypedDict):
    """The texts of a row in one language, and the redline when both are verbatim."""

    language: str
    a: DiffVerbatim | DiffParaphrase | None
    b: DiffVerbatim | DiffParaphrase | None
    redlined: bool
    identical: bool
    typographic: int
    similarity: float | None
    cautions: list[str]
    operations: list[DiffOperation]


class DiffPair(TypedDict):
    """One row of the comparison: a pair of provisions, or a provision found on one side only."""

    status: Status
    a: DiffProvision | None
    b: DiffProvision | None
    alignment: DiffAlignment | None
    nearest: DiffCandidate | None
    chain: DiffChain | None
    notes: list[str]
    texts: list[DiffText]


class DiffDocument(TypedDict):
    """``legalgen diff A B --format json``; with ``--stat``, ``summary`` and ``pairs`` are null."""

    schema: Literal["legalgen.diff/3"]
    a: ListedInstrument
    b: ListedInstrument
    topic: str | None
    differences: bool
    stat: DiffStat
    pair_threshold: float
    summary: DiffSummary | None
    pairs: list[DiffPair] | None


# --------------------------------------------------------------------------- consolidated text


@dataclass(frozen=True)
class ConsolidatedPassage:
    """A run of a consolidated text: the provision's own words (``made_by`` null) or an amendment's.

    ``words`` is null where the amending words were not seen, ``""`` where words were repealed; ``note`` is
    the margin note a reader sees (who made it, from when, what was not seen); ``placed`` is false where
    the records do not say where in the provision it stands.
    """

    words: str | None
    made_by: Maker | None
    text: Verbatim | Paraphrase | None
    placed: bool
    note: str | None


@dataclass(frozen=True)
class ConsolidatedTextEntry:
    """One recorded text of a provision (``base``) as in force, passage by passage; ``complete``: every word known."""

    language: str
    base: Verbatim | Paraphrase
    complete: bool
    passages: tuple[ConsolidatedPassage, ...]


@dataclass(frozen=True)
class ConsolidatedProvisionEntry:
    """One provision as in force on the date: its number then (``provision``) and as recorded (``original``)."""

    provision: str
    original: str
    cite: str
    heading: str | None
    topics: tuple[str, ...]
    amended: bool
    added: bool
    complete: bool
    grade: Grade | None
    texts: tuple[ConsolidatedTextEntry, ...]
    changes: tuple[Maker, ...]
    pending: tuple[Maker, ...]

    @classmethod
    def of(cls, p: ConsolidatedProvision) -> ConsolidatedProvisionEntry:
        naming = Naming()
        texts = tuple(
            ConsolidatedTextEntry(
                t.language,
                t.base,
                t.complete,
                tuple(
                    ConsolidatedPassage(
                        x.words, x.made_by, x.text, x.placed, passage_note(x, naming) if x.made_by else None
                    )
                    for x in t.passages
                ),
            )
            for t in p.texts
        )
        return cls(
            p.provision, p.original, p.pin_cite, p.heading, p.topics, p.amended, p.added, p.complete, p.grade,
            texts, p.changes, p.pending,
        )  # fmt: skip


@dataclass(frozen=True)
class ConsolidatedDocument:
    """``legalgen show ID --as-of DATE --format json`` and ``legalgen text ID ART --as-of DATE --format json``:
    provisions as in force on ``date``, each amended passage marked with the amendment that made it."""

    instrument: str
    short_title: str
    date: dt.date
    provisions: tuple[ConsolidatedProvisionEntry, ...]
    repealed: tuple[Repealed, ...]
    schema: Literal["legalgen.consolidated/1"] = "legalgen.consolidated/1"

    @classmethod
    def of(cls, c: Consolidation) -> ConsolidatedDocument:
        return cls(
            c.instrument,
            c.short_title,
            c.date,
            tuple(ConsolidatedProvisionEntry.of(p) for p in c.provisions),
            c.repealed,
        )


# --------------------------------------------------------------------------- the law between two dates


@dataclass(frozen=True)
class LawDimension:
    """One dimension on the two dates: positions, how it moved, the changed provisions cited, and one line."""

    dimension: str
    label: str
    measure: Measure
    movement: Movement
    then: DimensionPosition
    now: DimensionPosition
    provisions: tuple[str, ...]
    line: str


@dataclass(frozen=True)
class LawTopic:
    """One topic on the two dates: each dimension, and the provisions whose consolidated wording changed."""

    topic: str
    title: str
    differs: bool
    dimensions: tuple[LawDimension, ...]
    provisions: tuple[ProvisionDiff, ...]


@dataclass(frozen=True)
class LawDiffDocument:
    """``legalgen diff --as-of D1 --as-of D2 --format json``: the law on two dates, topic by topic."""

    then: dt.date
    now: dt.date
    topic: str | None
    differences: bool
    topics: tuple[LawTopic, ...]
    schema: Literal["legalgen.lawdiff/1"] = "legalgen.lawdiff/1"

    @classmethod
    def of(cls, law: LawDiff) -> LawDiffDocument:
        naming = Naming.terminal()
        topics = tuple(
            LawTopic(
                t.topic,
                t.title,
                t.differs,
                tuple(
                    LawDimension(
                        d.dimension,
                        d.label,
                        d.measure,
                        d.movement,
                        d.then,
                        d.now,
                        d.provisions,
                        law_dimension_line(d, law.then, law.now, naming),
                    )
                    for d in t.dimensions
                ),
                t.provisions,
            )
            for t in law.topics
        )
        return cls(law.then, law.now, law.topic, law.has_differences, topics)


# --------------------------------------------------------------------------- schemas

SCHEMA_AS_OF = AsOfDocument.schema
SCHEMA_THREADS = ThreadsDocument.schema
SCHEMA_MATRIX = MatrixDocument.schema
SCHEMA_GENEALOGY = GenealogyDocument.schema
SCHEMA_LIST = ListDocument.schema

#: Each JSON document by the name of its schema file (``schema/<name>.schema.json``).
DOCUMENTS: dict[str, type[Any]] = {
    "as-of": AsOfDocument,
    "threads": ThreadsDocument,
    "matrix": MatrixDocument,
    "genealogy": GenealogyDocument,
    "list": ListDocument,
    "diff": DiffDocument,
    "consolidated": ConsolidatedDocument,
    "lawdiff": LawDiffDocument,
}


class _EveryFieldPresent(GenerateJsonSchema):
    """Schemas of documents as written: a field with a default is still always there."""

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        return True


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(model: type[Any]) -> TypeAdapter[Any]:
    """The pydantic adapter of a document model (built once: building one takes tens of milliseconds)."""
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


def document_schema(name: str) -> str:
    """The JSON Schema of the document ``name`` (a key of :data:`DOCUMENTS`), as text."""
    model = DOCUMENTS[name]
    schema = adapter(model).json_schema(mode="serialization", schema_generator=_EveryFieldPresent)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = schema["properties"]["schema"]["const"]
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


__all__ = [
    "DOCUMENTS",
    "SCHEMA_AS_OF",
    "SCHEMA_GENEALOGY",
    "SCHEMA_LIST",
    "SCHEMA_MATRIX",
    "SCHEMA_THREADS",
    "AsOfDocument",
    "ConsolidatedDocument",
    "DiffDocument",
    "GenealogyDocument",
    "LawDiffDocument",
    "ListDocument",
    "ListedInstrument",
    "MatrixDocument",
    "ThreadsDocument",
    "adapter",
    "document_schema",
]
