"""Compare two instruments: which provisions correspond, what changed in their words, how positions moved.

:func:`diff_instruments` is the one verb. The two instruments are usually *different* treaties (the 1997
Treaty on the Union and the 1999 Union State Treaty), not two versions of one, so the comparison first
works out which provision of B answers to which provision of A, and says why:

1. **recorded link** — a provision of one ``continues`` the other (the clause genealogy in the records), or
   one instrument ``consolidates`` the other and its ``renumbering`` maps the one to the other; then a
   **chain** of recorded links through provisions of other instruments (**genealogy**, score 1);
2. **topic + similarity** — both are tagged with a shared topic and their wording is similar (score:
   0.35 × topic overlap + 0.65 × similarity); or, untagged, their wording alone is close (**text
   similarity**). Wording is measured as ``legalgen genealogy`` measures it (:mod:`legalgen.analysis.wording`:
   Jaccard index of stemmed words, verbatim against verbatim where a language allows), with the same
   threshold, so the two commands agree on which clauses carry forward. A chain through other instruments
   that rests on an inferred link (:func:`~legalgen.analysis.genealogy.clause_genealogy`) competes here,
   scored by its weakest inferred link as a pair sharing its topic would be (0.35 + 0.65 × similarity);
3. **same article number** — what is left, paired by number (score 0.25 + 0.5 × similarity: never
   confident unless the words agree), except provisions tagged with no topic in common.

**No pair below** :data:`PAIR_THRESHOLD` **(0.375)**: that is what two provisions of the same number score
when their wording reaches the genealogy's threshold (0.25 + 0.5 × 0.25), so a number alone, or a shared
topic with barely any shared words, pairs nothing. A provision left unpaired names its **nearest
candidate** (:class:`Candidate`): the best pair it was offered, below the threshold or taken by a better
one. Measured on ``treaties/`` (every pair of instruments): every same-number pair scores 0.25–0.33 and
none is a real counterpart (Charter art. 1 and 1999 art. 1 score 0.28); every real counterpart found by
wording scores 0.52 or more; on the synthetic pair of ``bench/diff_bench.py`` the lowest true pair scores
0.44 and alignment stays 100% right. Between two versions of one instrument (the same id) a provision's
number is its identity, so there the same number pairs whatever the score.

A provision found on one side only, whose genealogy reaches a provision of an instrument the other side is
recorded as an **integral part** of (or holds as one), shows that chain: the 1999 Treaty's art. 6 has no
counterpart in the 1997 Charter, but carries forward art. 1 of the 1997 Union Treaty, of which the Charter
is an integral part. Each link of a chain says whether the records state it or it is inferred.

Within each tier the pairing is **greedy by evidence and score, one to one**: candidate pairs are sorted
with pairs whose wording was compared verbatim against verbatim first (a paraphrase measures the editors'
words), then by score (ties: same provision id first, then the pair nearest the start of both
instruments), and accepted unless either provision is already taken. The tie-break only compares pairs
that compete for a provision, so comparing B with A gives exactly the mirror image of comparing A with B.

Inside each pair, texts in the same language are compared word by word, **verbatim against verbatim
only**: a paraphrase is editors' wording, so a pair where either side is a paraphrase shows both texts
labelled "paraphrase — not redlined" and no operations. Tokens are words (hyphenated words stay whole)
and single punctuation marks; whitespace is not compared. **Typography is not wording**: dashes and minus
signs compare as a hyphen, every quotation mark as ``"`` or ``'``, non-breaking spaces as spaces, and soft
hyphens not at all, so a pair whose words differ only so is ``typographic`` ("typographic only"), not
changed. Short unchanged runs between two changes are folded into one replacement, so a redline reads as
phrases, not as alternating single words.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> union_1997, union_state_1999 = corpus.instrument("1997-union"), corpus.instrument("1999-union-state")
    >>> d = diff_instruments(union_1997, union_state_1999, corpus.topics)
    >>> [(p.a_ref, p.b_ref, p.reason) for p in d.rows if p.a and p.b]
    [('1997-union/art-1', '1999-union-state/art-6', 'recorded-link')]
    >>> art_3 = next(p for p in d.rows if p.a_ref == "1997-union/art-3")
    >>> art_3.status, art_3.nearest.cite, art_3.nearest.reason, art_3.nearest.score
    ('only-in-a', 'Union State Treaty (1999), art. 3', 'same-article-number', 0.26)

The result is frozen; renderers (``legalgen.render.diff``) only format it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, NamedTuple

from legalgen.analysis.citations import Basis, Citation, Grade, provision_basis, provision_grade, weakest_grade
from legalgen.analysis.genealogy import ClauseLink, clause_genealogy
from legalgen.analysis.life import Life, lives
from legalgen.analysis.life import Status as LifeStatus
from legalgen.analysis.wording import THRESHOLD, Tokens, Weights, normalise, tokenize
from legalgen.errors import UnknownName
from legalgen.ids import ProvisionRef, article_label, parse_provision_id
from legalgen.records import (
    Assessment,
    Code,
    Corpus,
    Dimension,
    EntryIntoForce,
    Instrument,
    Paraphrase,
    Provision,
    RelationType,
    Termination,
    TopicCatalogue,
    Verbatim,
)

Reason = Literal["recorded-link", "genealogy", "topic-similarity", "text-similarity", "same-article-number"]
Status = Literal[
    "identical", "typographic", "moved", "changed", "paraphrase", "no-common-language", "only-in-a", "only-in-b"
]
OpTag = Literal["equal", "delete", "insert", "replace"]

#: Unchanged runs of at most this many tokens between two changes are folded into the change.
JOIN_EQUAL = 2
#: Provisions sharing a topic pair only when their wording is at least this similar: the threshold at which
#: ``legalgen genealogy`` suggests a clause link, measured the same way (see docs/json.md).
TOPIC_THRESHOLD = THRESHOLD
#: Untagged provisions pair on wording alone only when this similar (same measure).
TEXT_THRESHOLD = 0.5
#: No pair is made below this score (recorded links score 1): a provision whose best candidate scores less
#: is reported unpaired, its nearest candidate named. 0.375 is what two provisions of the same number score
#: when their wording reaches :data:`TOPIC_THRESHOLD` (0.25 + 0.5 × 0.25): the same number is no evidence
#: on its own. Measured in docs/json.md ("How provisions are paired"): every same-number pair of the corpus
#: scores 0.25–0.33 and none is a real counterpart; every real one scores 0.44 or more.
PAIR_THRESHOLD = 0.25 + 0.5 * THRESHOLD
#: A counterpart through the genealogy goes through at most this many clause links.
CHAIN_LINKS = 3
#: In large instruments, a word found in more than this share of all provisions (and in more than 50)
#: proposes no candidate pair on its own; links, article numbers and identical texts always do.
COMMON_WORD_SHARE = 0.05

#: Typographic variants, which are not changes of wording: every dash and minus sign is a hyphen-minus,
#: every double quotation mark ``"`` and every single one (and apostrophe) ``'``.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("«»“”„‟″〝〞＂", '"'),
        **dict.fromkeys("‹›‘’‚‛′＇", "'"),
    }
)
#: Before a text is cut into words: soft hyphens and zero-width spaces go (they are invisible), and the
#: non-breaking, narrow and figure spaces are spaces.
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\u00a0": " ", "\u202f": " ", "\u2007": " "})


@lru_cache(maxsize=8192)  # a text is compared for matching, for redlining and for its status: once
def words_of(text: str) -> Tokens:
    """The tokens of a text as the diff compares them: soft hyphens dropped, non-breaking spaces spaces.

    >>> words_of("обяза\u00adтельств\u00a0Союза").words
    ('обязательств', 'Союза')
    """
    return tokenize(text.translate(_INVISIBLE))


@lru_cache(maxsize=8192)
def plain_words(text: str) -> tuple[str, ...]:
    """The tokens of ``text`` with their typography made plain: what "the same words" compares."""
    return _keys(words_of(text))


def typographic_key(word: str) -> str:
    """A token with its typography made plain: ``typographic_key("«—»") == '"-"'``."""
    return word.translate(_TYPOGRAPHY)


def _keys(tokens: Tokens) -> tuple[str, ...]:
    return tuple(typographic_key(w) for w in tokens.words)


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class Operation:
    """One step of turning A's tokens into B's: tokens ``a_start:a_end`` of A become ``b_start:b_end`` of B.

    ``a_text`` / ``b_text`` are the same tokens as written; ``space_before`` is the whitespace that
    precedes the run on either side (a line break wins over a space), for display only.
    """

    tag: OpTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    space_before: str

    @property
    def mirrored(self) -> Operation:
        tag: OpTag = {"delete": "insert", "insert": "delete"}.get(self.tag, self.tag)  # type: ignore[assignment]
        return Operation(
            tag, self.b_start, self.b_end, self.a_start, self.a_end, self.b_text, self.a_text, self.space_before
        )


def word_operations(a: Tokens, b: Tokens, join_equal: int = JOIN_EQUAL) -> tuple[Operation, ...]:
    """The word-level operations turning ``a`` into ``b``, in readable runs.

    ``difflib.SequenceMatcher`` (``autojunk=False``) over the tokens with their typography made plain
    (:func:`typographic_key`: a dash against a hyphen is no change, and an ``equal`` run keeps each side's
    marks in ``a_text`` / ``b_text``); always run in one canonical order of the two sequences, so swapping A
    and B yields the mirror image. Unchanged runs of at most ``join_equal`` tokens between two changes are
    folded into one ``replace``.
    """
    ka, kb = _keys(a), _keys(b)
    flip = (kb, b.words) < (ka, a.words)
    x, y, kx, ky = (b, a, kb, ka) if flip else (a, b, ka, kb)
    ops = [_operation(run, x, y) for run in _runs(kx, ky, join_equal)]
    return tuple(op.mirrored for op in ops) if flip else tuple(ops)


class _Run(NamedTuple):
    """Tokens ``i1:i2`` of one text and ``j1:j2`` of the other: unchanged, or a change."""

    change: bool
    i1: int
    i2: int
    j1: int
    j2: int


def _runs(x: Sequence[str], y: Sequence[str], join_equal: int) -> list[_Run]:
    """difflib's opcodes, with short unchanged runs between two changes folded into one change."""
    codes = difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
    runs: list[_Run] = []
    for k, (code, i1, i2, j1, j2) in enumerate(codes):
        change = code != "equal" or (
            0 < k < len(codes) - 1
            and i2 - i1 <= join_equal
            and codes[k - 1][0] != "equal"
            and codes[k + 1][0] != "equal"
        )
        if change and runs and runs[-1].change:
            runs[-1] = runs[-1]._replace(i2=i2, j2=j2)
        else:
            runs.append(_Run(change, i1, i2, j1, j2))
    return runs


def _operation(run: _Run, x: Tokens, y: Tokens) -> Operation:
    change, i1, i2, j1, j2 = run
    tag: OpTag
    if not change:
        tag = "equal"
    elif i1 == i2:
        tag = "insert"
    elif j1 == j2:
        tag = "delete"
    else:
        tag = "replace"
    space = _wider(x.gap(i1) if i2 > i1 else "", y.gap(j1) if j2 > j1 else "")
    return Operation(tag, i1, i2, j1, j2, x.chunk(i1, i2), y.chunk(j1, j2), space)


def _wider(*gaps: str) -> str:
    """The whitespace to show before a run: a line break if either side has one, else a space if either does."""
    return "\n" if "\n" in gaps else (" " if " " in gaps else "")


def apply_operations(a_words: Sequence[str], ops: Iterable[Operation], b_words: Sequence[str]) -> list[str]:
    """Replay ``ops`` on A's tokens (taking inserted tokens from B): the result is B's tokens.

    An ``equal`` run is A's tokens with B's typography (they differ at most in dashes and quotation marks),
    so the run is taken as B writes it.
    """
    out: list[str] = []
    for op in ops:
        if op.tag == "equal":
            assert [typographic_key(w) for w in a_words[op.a_start : op.a_end]] == [
                typographic_key(w) for w in b_words[op.b_start : op.b_end]
            ]
            out.extend(b_words[op.b_start : op.b_end])
        elif op.tag in ("insert", "replace"):
            out.extend(b_words[op.b_start : op.b_end])
    return out


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TextComparison:
    """The two texts of a pair in one language, and the redline when both are verbatim.

    ``a`` or ``b`` is None when only one side has a text in ``language``.
    """

    language: str
    a: Verbatim | Paraphrase | None
    b: Verbatim | Paraphrase | None
    operations: tuple[Operation, ...] = ()

    @property
    def redlined(self) -> bool:
        return isinstance(self.a, Verbatim) and isinstance(self.b, Verbatim)

    @property
    def paraphrase(self) -> bool:
        """Both sides have a text and at least one is a paraphrase: shown side by side, never redlined."""
        return self.a is not None and self.b is not None and not self.redlined

    @property
    def same(self) -> bool:
        """Both sides are verbatim and word for word the same, typography aside (dashes, quotation marks,
        spaces, soft hyphens: :func:`words_of`, :func:`typographic_key`). Two identical paraphrases are not
        "the same text": they are the editors' words, and nobody saw that the law's words agree."""
        if not isinstance(self.a, Verbatim) or not isinstance(self.b, Verbatim):
            return False
        return plain_words(self.a.text) == plain_words(self.b.text)

    @property
    def typographic(self) -> int:
        """How many tokens the redline keeps that differ only in typography (``—`` against ``-``)."""
        if not isinstance(self.a, Verbatim) or not isinstance(self.b, Verbatim):
            return 0
        wa, wb = words_of(self.a.text).words, words_of(self.b.text).words
        return sum(
            wa[i] != wb[j]
            for op in self.operations
            if op.tag == "equal"
            for i, j in zip(range(op.a_start, op.a_end), range(op.b_start, op.b_end), strict=True)
        )

    @property
    def similarity(self) -> float:
        """Share of tokens left unchanged (0..1), from the operations; 0 when not redlined."""
        if not self.redlined or not self.operations:
            return 1.0 if self.same else 0.0
        kept = sum(op.a_end - op.a_start for op in self.operations if op.tag == "equal")
        total = self.operations[-1].a_end + self.operations[-1].b_end
        return round(2 * kept / total, 3) if total else 1.0

    @property
    def cautions(self) -> tuple[str, ...]:
        """What a reader of the redline must know: quotes cut off by their source, translations."""
        out = []
        for side, text in (("A", self.a), ("B", self.b)):
            if not isinstance(text, Verbatim):
                continue
            if text.incomplete and self.redlined:  # elsewhere the [...] of the quote says it
                where = {"start": "at the start", "end": "at the end", "both": "at both ends"}[text.cut]
                out.append(
                    f"{side}'s quote is cut off {where} by its source; a difference there may be the cut, not a change"
                )
            if text.rendering.value != "original":
                out.append(f"{side} is an {text.rendering.value.replace('_', ' ')} ({text.translator})")
        return tuple(out)

    @property
    def deleted(self) -> int:
        return sum(op.a_end - op.a_start for op in self.operations if op.tag in ("delete", "replace"))

    @property
    def inserted(self) -> int:
        return sum(op.b_end - op.b_start for op in self.operations if op.tag in ("insert", "replace"))


@dataclass(frozen=True)
class Candidate:
    """The nearest provision on the other side of an unpaired one, and why it was not made its pair: its
    score is below :data:`PAIR_THRESHOLD`, or a better pair took it (``paired``)."""

    ref: str
    cite: str
    reason: Reason
    score: float
    detail: str
    paired: bool


@dataclass(frozen=True)
class ProvisionPair:
    """One row of the comparison: a provision of A and its counterpart in B, or one side alone.

    ``chain`` are the clause links (recorded or inferred, oldest first) through which the counterpart was
    found: for a pair whose ``reason`` is ``genealogy``, from one side's provision through other instruments'
    to the other's; for a provision found on one side only, to a provision of an instrument the other side
    is recorded as an integral part of (or holds as one) — ``chain_relation`` says which, in a sentence.
    ``nearest`` is the best candidate of an unpaired provision, when one was scored.
    """

    a: Provision | None
    b: Provision | None
    a_ref: str | None
    b_ref: str | None
    status: Status
    reason: Reason | None = None
    score: float = 0.0
    detail: str = ""
    texts: tuple[TextComparison, ...] = ()
    nearest: Candidate | None = None
    chain: tuple[ClauseLink, ...] = ()
    chain_relation: str = ""

    @property
    def differs(self) -> bool:
        return self.status not in ("identical", "typographic")

    @property
    def topics(self) -> tuple[str, ...]:
        seen = [*(self.a.topics if self.a else ()), *(self.b.topics if self.b else ())]
        return tuple(dict.fromkeys(seen))


@dataclass(frozen=True)
class PositionSide:
    """What one instrument codes on one dimension of a topic, and what that rests on."""

    value: str
    label: str
    year: int | None
    summary: str
    provisions: tuple[str, ...]
    #: ``verbatim`` (every cited provision has verbatim text), ``partly-paraphrase``, ``paraphrase``
    #: (no cited provision has verbatim text).
    basis: Literal["verbatim", "partly-paraphrase", "paraphrase"]
    #: the weakest evidence grade among the cited provisions (:class:`~legalgen.analysis.citations.Grade`)
    grade: Grade
    paraphrase_only: tuple[str, ...] = ()
    #: cited provisions whose wording was seen only in a translation (:func:`legalgen.analysis.citations.provision_basis`)
    translation_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class PositionChange:
    """One dimension of one topic: what A codes → what B codes.

    ``direction``: ``up`` / ``down`` an ordinal dimension, ``changed`` (another value of a nominal one),
    ``same``, ``not-addressed-by-a`` (only B codes it) or ``not-addressed-by-b`` (only A). A dimension one
    side does not address is not a change of position, so only ``up``, ``down`` and ``changed`` differ.
    """

    topic: str
    title: str
    dimension: str
    dimension_label: str
    a: PositionSide | None
    b: PositionSide | None
    direction: Literal["same", "up", "down", "changed", "not-addressed-by-a", "not-addressed-by-b"]

    @property
    def differs(self) -> bool:
        return self.direction in ("up", "down", "changed")


@dataclass(frozen=True)
class MetadataField:
    """One fact about both instruments, e.g. ``signed``: ``1997-04-02, Moscow`` → ``1999-12-08, Moscow``."""

    field: str
    a: str | None
    b: str | None

    @property
    def differs(self) -> bool:
        return self.a != self.b


@dataclass(frozen=True)
class InstrumentDiff:
    """Everything the comparison of A with B found. ``rows`` are in reading order (A's order, B's inserted)."""

    a: Instrument
    b: Instrument
    rows: tuple[ProvisionPair, ...]
    positions: tuple[PositionChange, ...]
    metadata: tuple[MetadataField, ...]
    connections: tuple[str, ...]
    topic: str | None = None

    @property
    def pairs(self) -> tuple[ProvisionPair, ...]:
        return tuple(r for r in self.rows if r.a is not None and r.b is not None)

    @property
    def has_differences(self) -> bool:
        """Like diff(1): any provision, position or (when not narrowed to a topic) metadata differs."""
        meta = self.topic is None and any(m.differs for m in self.metadata)
        return meta or any(r.differs for r in self.rows) or any(p.differs for p in self.positions)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def words_deleted(self) -> int:
        return sum(t.deleted for r in self.rows for t in r.texts)

    @property
    def words_inserted(self) -> int:
        return sum(t.inserted for r in self.rows for t in r.texts)

    def narrow(self, topic: str, topics: TopicCatalogue | None = None) -> InstrumentDiff:
        """Only the provisions tagged with ``topic`` (on either side) and that topic's position."""
        known = {t.id for t in topics.topics} if topics else set()
        known |= {t for inst in (self.a, self.b) for p in inst.provisions for t in p.topics}
        known |= {x.topic for inst in (self.a, self.b) for x in inst.assessments}
        if topic not in known:
            raise UnknownName("topic", topic, sorted(known))
        return replace(
            self,
            rows=tuple(r for r in self.rows if topic in r.topics),
            positions=tuple(p for p in self.positions if p.topic == topic),
            topic=topic,
        )


# --------------------------------------------------------------------------- the verb


def diff_instruments(
    a: Instrument,
    b: Instrument,
    topics: TopicCatalogue | None = None,
    *,
    corpus: Corpus | None = None,
    join_equal: int = JOIN_EQUAL,
) -> InstrumentDiff:
    """Compare instrument ``a`` with instrument ``b``: aligned provisions, redlines, positions, metadata.

    ``topics`` gives the labels and order of the position scales; without it, position ids are shown.
    ``corpus`` is the corpus the two belong to, when they do: its other instruments can end them (a later
    treaty that ``terminates`` one), so the dates and status in the metadata are those ``as-of`` gives
    (:func:`~legalgen.analysis.life.lives`), and its provisions weigh the words as ``legalgen genealogy``
    weighs them (without it, only the two instruments' provisions do). ``a`` and ``b`` stand in for the
    corpus's records of the same id, so a record of one's own is compared as it is.

    >>> d = diff_instruments(corpus.instrument("1997-union"), corpus.instrument("1999-union-state"), corpus.topics)
    >>> [(row.a_ref, row.b_ref, row.reason) for row in d.rows if row.a and row.b]
    [('1997-union/art-1', '1999-union-state/art-6', 'recorded-link')]
    >>> d = diff_instruments(corpus.instrument("1997-charter"), corpus.instrument("1999-union-state"), corpus=corpus)
    >>> art_6 = next(row for row in d.rows if row.b_ref == "1999-union-state/art-6")
    >>> [(k.earlier.pin_cite, k.later.pin_cite, k.recorded) for k in art_6.chain], art_6.chain_relation
    ([('Union Treaty (1997), art. 1', 'Union State Treaty (1999), art. 6', True)], 'Charter of the Union (1997) is an integral part of Union Treaty (1997)')
    """
    pa, pb = _Side(a), _Side(b)
    others = [
        p for inst in (corpus.instruments if corpus else ()) if inst.id not in (a.id, b.id) for p in inst.provisions
    ]
    weights = Weights.of_provisions([*others, *a.provisions, *b.provisions])
    graph = _Graph.of(clause_genealogy(corpus) if corpus else ())
    found = _align(pa, pb, weights, _chains(pa, pb, graph))
    whole = (_whole_chains(pa, b, graph, _wholes(b, corpus)), _whole_chains(pb, a, graph, _wholes(a, corpus)))
    rows = _rows(pa, pb, found, join_equal, whole)
    return InstrumentDiff(
        a=a,
        b=b,
        rows=rows,
        positions=_positions(a, b, topics),
        metadata=_metadata(a, b, _life(a, b, corpus), _life(b, a, corpus), _names(a, b, corpus)),
        connections=_connections(a, b),
    )


def _life(inst: Instrument, other: Instrument, corpus: Corpus | None) -> Life:
    """The life of ``inst`` among ``other`` and the corpus's instruments, ``inst`` in place of its namesake."""
    known = {i.id: i for i in corpus.instruments} if corpus else {}
    known[other.id] = other
    known[inst.id] = inst
    return lives(known.values())[inst.id]


# --------------------------------------------------------------------------- alignment


class _Side:
    """One instrument's provisions prepared for matching: comparable words per language, exact-text keys."""

    def __init__(self, inst: Instrument) -> None:
        self.inst = inst
        self.provs = inst.provisions_in_order
        self.ids = [p.id for p in self.provs]
        self.refs = [f"{inst.id}/{pid}" for pid in self.ids]
        self.words: list[dict[str, frozenset[str]]] = []
        self.verbatim: list[frozenset[str]] = []
        self.keys: list[tuple[tuple[str, str, tuple[str, ...]], ...]] = []
        for prov in self.provs:
            best = [t for t in (prov.text_in(lang) for lang in sorted({t.language for t in prov.texts})) if t]
            self.words.append({t.language: frozenset(normalise(t.text, t.language)) for t in best})
            self.verbatim.append(frozenset(t.language for t in best if isinstance(t, Verbatim)))
            self.keys.append(tuple((t.language, t.kind, plain_words(t.text)) for t in best))


@dataclass(frozen=True)
class _Match:
    i: int
    j: int
    reason: Reason
    score: float
    detail: str
    #: the wording compared was verbatim on both sides (or the pair rests on a recorded link): evidence of
    #: the law's own words, which outranks any score measured on a paraphrase
    verbatim: bool = True
    #: the clause links from A's provision to B's through other instruments (reason ``genealogy``)
    chain: tuple[ClauseLink, ...] = ()


@dataclass(frozen=True)
class _Chain:
    """Clause links joining a provision of one side to one of the other through third instruments, oldest first."""

    links: tuple[ClauseLink, ...]

    @property
    def recorded(self) -> bool:
        return all(link.recorded for link in self.links)

    @property
    def score(self) -> float:
        """1 when every link is recorded; else the weakest inferred link, scored as a pair sharing a topic."""
        return min((1.0 if k.recorded else 0.35 + 0.65 * (k.score or 0.0)) for k in self.links)

    @property
    def rank(self) -> tuple[bool, int, float]:
        return (not self.recorded, len(self.links), -self.score)


def _chain_match(i: int, j: int, chain: _Chain) -> _Match:
    verbatim = all(k.recorded or k.compared == "verbatim" for k in chain.links)
    return _Match(i, j, "genealogy", round(chain.score, 3), "", verbatim, chain.links)


class _Graph(NamedTuple):
    """Clause links by their earlier provision (``forward``) and by their later one (``backward``)."""

    forward: dict[str, list[ClauseLink]]
    backward: dict[str, list[ClauseLink]]

    @classmethod
    def of(cls, links: Iterable[ClauseLink]) -> _Graph:
        forward: dict[str, list[ClauseLink]] = defaultdict(list)
        backward: dict[str, list[ClauseLink]] = defaultdict(list)
        for k in links:
            forward[k.earlier.ref].append(k)
            backward[k.later.ref].append(k)
        return cls(forward, backward)

    def walk(self, start: str, through: set[str]) -> Iterator[tuple[Citation, tuple[ClauseLink, ...]]]:
        """Every path of at most :data:`CHAIN_LINKS` links from the provision ``start``, all forward or all
        backward in time, whose inner provisions are in instruments outside ``through``: the provision it
        reaches, and its links oldest first."""
        for graph, ahead in ((self.forward, True), (self.backward, False)):
            frontier: list[tuple[str, tuple[ClauseLink, ...]]] = [(start, ())]
            for _ in range(CHAIN_LINKS):
                grown = []
                for node, path in frontier:
                    for k in graph.get(node, ()):
                        step = (*path, k) if ahead else (k, *path)
                        end = k.later if ahead else k.earlier
                        yield end, step
                        if end.instrument not in through:
                            grown.append((end.ref, step))
                frontier = grown


def _chains(pa: _Side, pb: _Side, graph: _Graph) -> dict[tuple[int, int], _Chain]:
    """The best chain (recorded first, then shortest, then strongest) from each provision of A to each of B
    that goes through at least one provision of another instrument."""
    index_b = {ref: j for j, ref in enumerate(pb.refs)}
    ends = {pa.inst.id, pb.inst.id}
    best: dict[tuple[int, int], _Chain] = {}
    for i, ref in enumerate(pa.refs):
        for far, path in graph.walk(ref, ends):
            j = index_b.get(far.ref)
            if j is None or len(path) < 2:
                continue
            chain = _Chain(path)
            if (i, j) not in best or chain.rank < best[i, j].rank:
                best[i, j] = chain
    return best


def _whole_chains(
    side: _Side, other: Instrument, graph: _Graph, wholes: dict[str, str]
) -> dict[int, tuple[_Chain, str]]:
    """For provisions of ``side``: a chain reaching a provision of an instrument ``other`` is recorded as part
    of (or as holding as a part), with the sentence saying so. The shortest chain, recorded first."""
    ends = {side.inst.id, other.id}
    out: dict[int, tuple[_Chain, str]] = {}
    for k, ref in enumerate(side.refs):
        for far, path in graph.walk(ref, ends | set(wholes)):
            if far.instrument not in wholes:
                continue
            chain = _Chain(path)
            if k not in out or chain.rank < out[k][0].rank:
                out[k] = (chain, wholes[far.instrument])
    return out


def _wholes(inst: Instrument, corpus: Corpus | None) -> dict[str, str]:
    """The instruments ``inst`` is recorded as an integral part of, or that are recorded as integral parts of
    it, each with the sentence saying so: ``Charter of the Union (1997) is an integral part of Union Treaty (1997)``."""
    known = {i.id: i for i in corpus.instruments} if corpus else {}
    out: dict[str, str] = {}
    for r in inst.relations:
        if r.type is RelationType.integral_part_of and r.target in known:
            out[r.target] = f"{inst.short_title} is an integral part of {known[r.target].short_title}"
    for other in known.values():
        if other.id != inst.id and any(
            r.type is RelationType.integral_part_of and r.target == inst.id for r in other.relations
        ):
            out[other.id] = f"{other.short_title} is an integral part of {inst.short_title}"
    return out


class _Wording:
    """Wording similarity of two provisions, as :func:`legalgen.analysis.wording.compare` measures it.

    The weighted Jaccard index (:class:`~legalgen.analysis.wording.Weights`) of the stemmed words, best
    over the languages both provisions have, verbatim against verbatim where some language allows it.
    Also counts in how many provisions of either instrument each word occurs, for proposing candidates.
    """

    def __init__(self, pa: _Side, pb: _Side, weights: Weights) -> None:
        self.weights = weights
        self.df: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for side in (pa, pb):
            for per_lang in side.words:
                for lang, words in per_lang.items():
                    counts = self.df[lang]
                    for w in words:
                        counts[w] += 1
        self.pa, self.pb = pa, pb

    def similarity(self, i: int, j: int) -> float:
        x, y = self.pa.words[i], self.pb.words[j]
        common = x.keys() & y.keys()
        both_verbatim = common & self.pa.verbatim[i] & self.pb.verbatim[j]
        scores = (self.weights.similarity(x[lang], y[lang], lang) for lang in both_verbatim or common)
        return round(max(scores, default=0.0), 3)

    def verbatim(self, i: int, j: int) -> bool:
        """Whether the two provisions have verbatim text in a shared language (what :meth:`similarity` compares)."""
        return bool(self.pa.words[i].keys() & self.pb.words[j].keys() & self.pa.verbatim[i] & self.pb.verbatim[j])


class _Alignment(NamedTuple):
    """The pairs made, and for every provision the best candidate that was not made a pair (its nearest)."""

    matches: list[_Match]
    nearest_a: dict[int, _Match]
    nearest_b: dict[int, _Match]


def _align(pa: _Side, pb: _Side, weights: Weights, chains: dict[tuple[int, int], _Chain] | None = None) -> _Alignment:
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    chosen: list[_Match] = []
    nearest_a: dict[int, _Match] = {}
    nearest_b: dict[int, _Match] = {}

    def rank(m: _Match) -> tuple[bool, float, bool, int, int, int]:
        return (not m.verbatim, -m.score, pa.ids[m.i] != pb.ids[m.j], m.i + m.j, m.i, m.j)  # module doc

    def consider(m: _Match) -> None:
        """Remember ``m`` as the nearest candidate of its two provisions, should they stay unpaired."""
        for nearest, k in ((nearest_a, m.i), (nearest_b, m.j)):
            if m.score > 0 and (k not in nearest or rank(m) < rank(nearest[k])):
                nearest[k] = m

    def accept(candidates: list[_Match], versions: bool = False) -> None:
        candidates.sort(key=rank)
        for m in candidates:
            if (versions or m.score >= PAIR_THRESHOLD) and m.i not in taken_a and m.j not in taken_b:
                taken_a.add(m.i)
                taken_b.add(m.j)
                chosen.append(m)
            else:
                consider(m)

    # 1. recorded links, in either direction
    index_a = {ref: i for i, ref in enumerate(pa.refs)}
    index_b = {ref: j for j, ref in enumerate(pb.refs)}
    links: list[_Match] = []
    for j, prov in enumerate(pb.provs):
        for ref in prov.continues:
            if (ia := index_a.get(_canonical(ref))) is not None:
                links.append(_Match(ia, j, "recorded-link", 1.0, _carries(pb.inst, pb.provs[j], pa.inst, pa.provs[ia])))
    for i, prov in enumerate(pa.provs):
        for ref in prov.continues:
            if (jb := index_b.get(_canonical(ref))) is not None:
                links.append(_Match(i, jb, "recorded-link", 1.0, _carries(pa.inst, pa.provs[i], pb.inst, pb.provs[jb])))
    # a consolidation's renumbering, in either direction: the record says old art. F(1) is new art. 4(2)
    for new, old, flip in ((pb, pa, False), (pa, pb, True)):
        new_at = {pid: k for k, pid in enumerate(new.ids)}
        old_at = {pid: k for k, pid in enumerate(old.ids)}
        for rel in new.inst.relations:
            if rel.type is not RelationType.consolidates or rel.target != old.inst.id:
                continue
            for old_id, new_id in rel.renumbering.items():
                if (ko := old_at.get(old_id)) is None or (kn := new_at.get(new_id)) is None:
                    continue
                detail = f"{new.inst.pin_cite(new_id)} is {old.inst.pin_cite(old_id)} under a new number"
                links.append(
                    _Match(kn, ko, "recorded-link", 1.0, detail)
                    if flip
                    else _Match(ko, kn, "recorded-link", 1.0, detail)
                )
    accept(links)

    # 1b. a chain of recorded links through provisions of other instruments
    chains = chains or {}
    accept([_chain_match(i, j, c) for (i, j), c in sorted(chains.items()) if c.recorded])

    # 2. a shared topic and similar wording; untagged provisions on wording alone; a chain through the
    # genealogy that rests on an inferred link, scored by its weakest link
    wording = _Wording(pa, pb, weights)
    similar = [_chain_match(i, j, c) for (i, j), c in sorted(chains.items()) if not c.recorded]
    for i, j in sorted(_candidates(pa, pb, wording)):
        if i in taken_a or j in taken_b:
            continue
        ta, tb = set(pa.provs[i].topics), set(pb.provs[j].topics)
        same = pa.keys[i] == pb.keys[j]
        sim = 1.0 if same else wording.similarity(i, j)
        verbatim = wording.verbatim(i, j)
        if ta & tb and sim >= TOPIC_THRESHOLD:
            score = 0.35 * len(ta & tb) / len(ta | tb) + 0.65 * sim
            shared = ", ".join(sorted(ta & tb))
            detail = f"shared topic {shared}; wording {sim:.2f}"
            similar.append(_Match(i, j, "topic-similarity", score, detail, verbatim))
        elif same or (sim >= TEXT_THRESHOLD and not (ta and tb)):
            similar.append(_Match(i, j, "text-similarity", sim, f"wording {sim:.2f}", verbatim))
    accept(similar)

    # 3. same article number, unless both are tagged with no topic in common
    numbered: list[_Match] = []
    index_b_id = {pid: j for j, pid in enumerate(pb.ids)}
    for i, prov in enumerate(pa.provs):
        j_same = index_b_id.get(pa.ids[i])
        if i in taken_a or j_same is None or j_same in taken_b:
            continue
        ta, tb = set(prov.topics), set(pb.provs[j_same].topics)
        if ta and tb and not ta & tb:
            continue
        sim = wording.similarity(i, j_same)
        detail = (
            f"wording {sim:.2f}" if pa.words[i].keys() & pb.words[j_same].keys() else "no text in a common language"
        )
        numbered.append(_Match(i, j_same, "same-article-number", 0.25 + 0.5 * sim, detail, wording.verbatim(i, j_same)))
    # two versions of one instrument (the same id): there a provision's number is its identity
    accept(numbered, versions=pa.inst.id == pb.inst.id)
    return _Alignment(chosen, nearest_a, nearest_b)


def _canonical(ref: str) -> str:
    try:
        return str(ProvisionRef.parse(ref))
    except ValueError:
        return ref


def _candidates(pa: _Side, pb: _Side, wording: _Wording) -> set[tuple[int, int]]:
    """Pairs worth scoring: the same number, identical text, or a shared word not found everywhere.

    A shared topic alone proposes nothing: a pair must also share wording to be paired by topic. In large
    instruments a word found in very many provisions proposes nothing on its own either — it cannot make
    two provisions alike — which keeps the work near-linear in the number of provisions.
    """
    out: set[tuple[int, int]] = set()
    ids_b = {pid: j for j, pid in enumerate(pb.ids)}
    out.update((i, ids_b[pid]) for i, pid in enumerate(pa.ids) if pid in ids_b)
    by_key: dict[object, list[int]] = defaultdict(list)
    for j, key in enumerate(pb.keys):
        by_key[key].append(j)
    for i, key in enumerate(pa.keys):
        out.update((i, j) for j in by_key.get(key, ()))
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, per_lang in enumerate(pb.words):
        for lang, words in per_lang.items():
            for w in words:
                postings[lang, w].append(j)
    limit = max(50, int(COMMON_WORD_SHARE * (len(pa.provs) + len(pb.provs))))
    for i, per_lang in enumerate(pa.words):
        for lang, words in per_lang.items():
            df = wording.df[lang]
            for w in words:
                if df[w] <= limit:
                    out.update((i, j) for j in postings.get((lang, w), ()))
    return out


# --------------------------------------------------------------------------- rows


def _rows(
    pa: _Side,
    pb: _Side,
    found: _Alignment,
    join_equal: int,
    whole: tuple[dict[int, tuple[_Chain, str]], dict[int, tuple[_Chain, str]]] = ({}, {}),
) -> tuple[ProvisionPair, ...]:
    matches = found.matches
    by_i = {m.i: m for m in matches}
    by_j = {m.j: m for m in matches}

    def nearest(m: _Match | None, other: _Side, k: int, taken: dict[int, _Match]) -> Candidate | None:
        if m is None:
            return None
        return Candidate(
            other.refs[k], other.inst.pin_cite(other.ids[k]), m.reason, round(m.score, 3), m.detail, k in taken
        )

    def alone(k: int, side: Literal["a", "b"]) -> ProvisionPair:
        this, other = (pa, pb) if side == "a" else (pb, pa)
        m = (found.nearest_a if side == "a" else found.nearest_b).get(k)
        near = nearest(m, other, (m.j if side == "a" else m.i) if m else 0, by_j if side == "a" else by_i)
        row = replace(_alone(this.provs[k], this.refs[k], side), nearest=near)
        chain = whole[0 if side == "a" else 1].get(k)
        return replace(row, chain=chain[0].links, chain_relation=chain[1]) if chain else row

    keyed: list[tuple[tuple[int, int, int], ProvisionPair]] = []
    for i in range(len(pa.provs)):
        m = by_i.get(i)
        if m is None:
            keyed.append(((i, 0, -1), alone(i, "a")))
        else:
            keyed.append(((i, 0, m.j), _pair(pa, pb, m, join_equal)))
    # A provision only in B goes after the furthest row (in A's order) holding an earlier provision of B;
    # before the first pair it goes just before that pair, after what only A has (as diff(1) puts - before +).
    first = min((m.i for m in matches), default=len(pa.provs))
    anchor: tuple[int, int] = (first, -1)
    for j in range(len(pb.provs)):
        if j in by_j:
            anchor = max(anchor, (by_j[j].i, 1)) if anchor[1] == 1 else (by_j[j].i, 1)
        else:
            keyed.append(((*anchor, j), alone(j, "b")))
    keyed.sort(key=lambda kv: kv[0])
    return tuple(row for _, row in keyed)


def _alone(prov: Provision, ref: str, side: Literal["a", "b"]) -> ProvisionPair:
    texts = tuple(
        TextComparison(t.language, t if side == "a" else None, t if side == "b" else None) for t in _best_texts(prov)
    )
    if side == "a":
        return ProvisionPair(prov, None, ref, None, "only-in-a", texts=texts)
    return ProvisionPair(None, prov, None, ref, "only-in-b", texts=texts)


def _best_texts(prov: Provision) -> list[Verbatim | Paraphrase]:
    out = []
    for lang in sorted({t.language for t in prov.texts}):
        text = prov.text_in(lang)
        if text is not None:
            out.append(text)
    return out


def _pair(pa: _Side, pb: _Side, m: _Match, join_equal: int) -> ProvisionPair:
    a, b = pa.provs[m.i], pb.provs[m.j]
    ta = {t.language: t for t in _best_texts(a)}
    tb = {t.language: t for t in _best_texts(b)}
    texts = []
    for lang in sorted(ta.keys() | tb.keys()):
        x, y = ta.get(lang), tb.get(lang)
        ops: tuple[Operation, ...] = ()
        if isinstance(x, Verbatim) and isinstance(y, Verbatim):
            ops = word_operations(words_of(x.text), words_of(y.text), join_equal)
        texts.append(TextComparison(lang, x, y, ops))
    status: Status
    common = [t for t in texts if t.a is not None and t.b is not None]
    redlined = [t for t in common if t.redlined]
    if pa.inst.id == pb.inst.id and a == b:
        # one record compared with itself (or an unchanged copy of it): the same entry, whatever its texts are
        status = "identical"
    elif not common:
        status = "no-common-language"
    elif any(not t.same for t in redlined):
        status = "changed"
    elif redlined or all(t.same for t in common):
        # Verbatim wording decides where there is some; a paraphrase or a language recorded on one side
        # only does not make the instruments' words differ.
        typographic = any(t.typographic for t in redlined)
        status = "moved" if a.id != b.id else ("typographic" if typographic else "identical")
    else:
        status = "paraphrase"
    return ProvisionPair(
        a, b, pa.refs[m.i], pb.refs[m.j], status, m.reason, round(m.score, 3), m.detail, tuple(texts), chain=m.chain
    )


# --------------------------------------------------------------------------- positions


def _positions(a: Instrument, b: Instrument, topics: TopicCatalogue | None) -> tuple[PositionChange, ...]:
    """Every dimension either instrument codes, in catalogue order (undeclared ones after, by id)."""
    coded = {(x.topic, c.dimension): (x, c) for x in a.assessments for c in x.codes}
    coded_b = {(x.topic, c.dimension): (x, c) for x in b.assessments for c in x.codes}
    declared = [(t.id, d.id) for t in topics.topics for d in t.dimensions] if topics else []
    keys = coded.keys() | coded_b.keys()
    order = [k for k in declared if k in keys] + sorted(keys - set(declared))
    out = []
    for tid, did in order:
        topic = topics.topic(tid) if topics else None
        dimension = topic.dimension(did) if topic else None
        sa = _side(a, *coded[(tid, did)], dimension) if (tid, did) in coded else None
        sb = _side(b, *coded_b[(tid, did)], dimension) if (tid, did) in coded_b else None
        out.append(
            PositionChange(
                tid,
                topic.title if topic else tid,
                did,
                dimension.label if dimension else did,
                sa,
                sb,
                _direction(sa, sb, dimension),
            )
        )
    return tuple(out)


def _side(inst: Instrument, x: Assessment, code: Code, dimension: Dimension | None) -> PositionSide:
    value = dimension.value(code.value) if dimension else None
    cited = [(p, provision_basis(p)[0]) for p in map(inst.provision, code.provisions) if p is not None]
    para_only = tuple(p.id for p, basis_of in cited if basis_of is Basis.paraphrase)
    translated = tuple(p.id for p, basis_of in cited if basis_of is Basis.translation)
    basis: Literal["verbatim", "partly-paraphrase", "paraphrase"]
    if not para_only:
        basis = "verbatim"
    elif len(para_only) == len(code.provisions):
        basis = "paraphrase"
    else:
        basis = "partly-paraphrase"
    grade = weakest_grade(provision_grade(inst, p) for p, _ in cited) or Grade.account
    return PositionSide(
        value=code.value,
        label=value.label if value else code.value,
        year=inst.dated.year if inst.dated else None,
        summary=x.summary,
        provisions=code.provisions,
        basis=basis,
        grade=grade,
        paraphrase_only=para_only,
        translation_only=translated,
    )


def _direction(
    sa: PositionSide | None, sb: PositionSide | None, dimension: Dimension | None
) -> Literal["same", "up", "down", "changed", "not-addressed-by-a", "not-addressed-by-b"]:
    if sa is None:
        return "not-addressed-by-a"
    if sb is None:
        return "not-addressed-by-b"
    if sa.value == sb.value:
        return "same"
    ra = dimension.rank(sa.value) if dimension and dimension.value(sa.value) else None
    rb = dimension.rank(sb.value) if dimension and dimension.value(sb.value) else None
    if ra is None or rb is None:
        return "changed"
    return "up" if rb > ra else "down"


# --------------------------------------------------------------------------- metadata


def _carries(x: Instrument, px: Provision, y: Instrument, py: Provision) -> str:
    """``Equal Rights Protocol (2025), article not identified, carries forward Equal Rights Treaty (1998), art. 1``."""
    return f"{x.pin_cite(px.id)}, carries forward {y.pin_cite(py.id)}"


def _by(via: str) -> str:
    """``by its art. 70(1)``, or ``by a provision whose article number was not identified``."""
    article, paragraph = parse_provision_id(via)
    if article == "unidentified":
        return "by a provision whose article number was not identified"
    return f"by its {article_label(article, paragraph)}"


def _named(iid: str, names: dict[str, str]) -> str:
    """An instrument by its short title when it is known (in the corpus, or one of the two compared), else
    by its id: a reader names instruments by title, and only an unknown one has nothing else."""
    return names.get(iid, iid)


def _names(a: Instrument, b: Instrument, corpus: Corpus | None) -> dict[str, str]:
    known = {i.id: i.short_title for i in corpus.instruments} if corpus else {}
    return known | {a.id: a.short_title, b.id: b.short_title}


def _metadata(
    a: Instrument, b: Instrument, life_a: Life, life_b: Life, names: dict[str, str]
) -> tuple[MetadataField, ...]:
    fields = [MetadataField("kind", a.kind.value, b.kind.value)]
    for lang in sorted(a.titles.keys() | b.titles.keys(), key=lambda x: (x != "en", x)):
        fields.append(MetadataField(f"title ({lang})", a.titles.get(lang), b.titles.get(lang)))
    fields += [
        MetadataField("short title", a.short_title, b.short_title),
        MetadataField("parties", "; ".join(a.parties), "; ".join(b.parties)),
        MetadataField("signed", _signed(a), _signed(b)),
        MetadataField("entry into force", _in_force(a, life_a, names), _in_force(b, life_b, names)),
        MetadataField("termination", _terminated(life_a, names), _terminated(life_b, names)),
        MetadataField("status", _status(life_a), _status(life_b)),
        MetadataField("relations", _relations(a, names), _relations(b, names)),
    ]
    return tuple(fields)


def _flag(verified: bool) -> str:
    return "" if verified else " [unverified]"


def _signed(inst: Instrument) -> str | None:
    sig = inst.signature
    if sig is None:
        return None
    place = f", {sig.place}" + ("" if sig.place_verified else " [place unverified]") if sig.place else ""
    return f"{sig.date.isoformat()}{place}{_flag(sig.verified)}"


def _in_force(inst: Instrument, life: Life, names: dict[str, str]) -> str | None:
    """Every recorded entry into force (per party where the record says so), else the one the life derives."""
    dates = [
        f"{e.date.isoformat()}" + (f" for {e.party}" if e.party else "") + _flag(e.verified)
        for e in sorted((e for e in inst.events if isinstance(e, EntryIntoForce)), key=lambda e: e.date)
    ]
    derived = life.in_force
    if not dates and derived is not None and derived.derived_from is not None and derived.relation is not None:
        # an integral part shares the entry into force of the whole it belongs to
        whole = f"{derived.relation.replace('_', ' ')} {_named(derived.derived_from, names)}"
        dates.append(f"{derived.date.isoformat()} ({whole}){_flag(derived.verified)}")
    return "; ".join(dates) or None


def _terminated(life: Life, names: dict[str, str]) -> str | None:
    """When it ceased to have effect and by what: its own termination event, or another's ``terminates``."""
    ended = life.terminated
    if ended is None:
        return None
    by = ""
    if ended.by:
        by = f" by {_named(ended.by, names)}" + (
            f", {article_label(*parse_provision_id(ended.by_provision))}" if ended.by_provision else ""
        )
    return f"{ended.date.isoformat()}{by}{_flag(ended.verified)}"


def _status(life: Life) -> str:
    """The status the records leave in place (no clock is read), as :meth:`Life.status_on` decides it — the
    one status rule ``as-of`` uses too — with the date it took effect; the views put it in words."""
    status = life.final_status
    since = {
        LifeStatus.terminated: life.terminated,
        LifeStatus.in_force: life.in_force,
        LifeStatus.signed_not_in_force: life.in_force,
    }.get(status)
    qualified = life.qualification_on(dt.date.max)
    if qualified is not None and status in (LifeStatus.status_not_established, LifeStatus.in_force_conditionally):
        return f"{status.value} {qualified.fact.date.isoformat()}: {qualified.text}"
    return f"{status.value} {since.date.isoformat()}" if since else status.value


def _relations(inst: Instrument, names: dict[str, str]) -> str | None:
    items = sorted(
        f"{r.type.value.replace('_', ' ')} {_named(r.target, names)}"
        + (f", {article_label(*parse_provision_id(r.provision))}" if r.provision else "")
        + (f" ({_by(r.via)})" if r.via else "")
        for r in inst.relations
    )
    return "; ".join(items) or None


def _amends(x: Instrument, y: Instrument, provision: str | None, via: str | None) -> str:
    """What an amendment leaves as it was — said only when the amending text was seen.

    An amending instrument repeats only what it changes, so what is "only in" the amended one is left as
    it was, not deleted; but that is known only from the amending text itself. Whether it was seen is the
    evidence grade (:class:`~legalgen.analysis.citations.Grade`) of the amending provision (``via``), or of
    the best-known provision of ``x`` when the record names none: an ``account`` means nobody here saw it.
    """
    amending = x.provision(via) if via else None
    grades = [provision_grade(x, p) for p in ([amending] if amending else x.provisions)]
    seen = any(g.text_seen for g in grades)
    touched = f" other than {article_label(*parse_provision_id(provision))}" if provision else ""
    if seen:
        return (
            f"{x.short_title} changes only what it states: the provisions of {y.short_title}{touched} are left "
            "as they were; 'only in' here does not mean deleted"
        )
    return (
        f"The text of {x.short_title} was not seen (known from accounts only), so what it leaves unchanged in "
        f"{y.short_title} is not known; 'only in' here does not mean deleted"
    )


def _connections(a: Instrument, b: Instrument) -> tuple[str, ...]:
    """How the two instruments refer to each other: relations and events naming the other one."""
    out: list[str] = []
    for x, y in ((a, b), (b, a)):
        for r in x.relations:
            if r.target == y.id:
                via = f" ({_by(r.via)})" if r.via else ""
                out.append(f"{x.short_title} {r.type.value.replace('_', ' ')} {y.short_title}{via}")
                if r.type.value == "amends":
                    out.append(_amends(x, y, r.provision, r.via))
        for e in x.events:
            if (
                isinstance(e, Termination)
                and e.by == y.id
                and not any(r.target == x.id and r.type.value == "terminates" for r in y.relations)
            ):
                out.append(f"{x.short_title} ceased to have effect by {y.short_title} ({e.date.isoformat()})")
    return tuple(dict.fromkeys(out))
