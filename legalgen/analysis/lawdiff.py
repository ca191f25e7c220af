"""The law between two dates: for each topic and dimension, the position then and now, and the wording.

``legalgen diff A B`` compares two documents; a lawyer also asks *what changed in the law on electoral
rights between 2000 and today?* — a question across a series of instruments. :func:`diff_law` answers it
from the composed positions (:func:`~legalgen.analysis.positions.status_as_of`) on the two dates:

* for each topic and dimension, the value then and now, the instrument and provisions each rests on (and
  the others that also apply), the evidence grade of each, and how it moved (:class:`Movement`): up or down
  on an ordinal dimension, changed on a nominal one, newly addressed, no longer addressed, or the same value
  now resting on another instrument. A dimension nobody addresses on either date is "not addressed", never
  a change;
* the provisions those positions rest on (on either date) whose **consolidated wording**
  (:mod:`~legalgen.analysis.consolidation`) differs between the dates — amended in between, or in force on
  one date only — each with its wording then and now, redlined word by word where both wordings are
  verbatim and wholly known (:class:`Redline`). Where the amending words were not seen, no redline is
  made and the reason says so.

    >>> law = diff_law(corpus, dt.date(1999, 1, 1), dt.date(2026, 1, 1), topic="electoral-rights")
    >>> [(d.dimension, d.movement.value) for d in law.topics[0].dimensions if d.differs][:3]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('vote-union', 'same-value-other-instrument'), ('stand-union', 'same-value-other-instrument'),
     ('vote-local', 'addressed')]
    >>> [(p.ref, p.kind) for p in law.topics[0].provisions]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('1998-equal-rights/art-1', 'amended'), ('1999-union-state/art-14/para-7', 'now-only'),
     ('2025-equal-rights-protocol/unidentified', 'now-only')]
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from legalgen.analysis.consolidation import ConsolidatedProvision, ConsolidatedText, Maker, consolidate
from legalgen.analysis.positions import AsOf, DimensionPosition, status_as_of, topic_of
from legalgen.analysis.wording import tokenize
from legalgen.records import Corpus, Measure, Verbatim


class Movement(StrEnum):
    """How one dimension moved between the two dates."""

    same = "same"
    up = "up"
    down = "down"
    changed = "changed"  # another value on a nominal dimension
    addressed = "addressed"  # not addressed on the first date, addressed on the second
    lapsed = "lapsed"  # addressed on the first date, no longer on the second
    rests_elsewhere = "same-value-other-instrument"  # the same value, resting on another instrument
    not_addressed = "not-addressed"  # addressed on neither date


@dataclass(frozen=True)
class DimensionDiff:
    """One dimension on the two dates: the positions (value, what it rests on, grade) and the movement."""

    topic: str
    dimension: str
    label: str
    measure: Measure
    then: DimensionPosition
    now: DimensionPosition
    movement: Movement
    #: the provisions of :attr:`TopicDiff.provisions` cited for this dimension on either date
    provisions: tuple[str, ...] = ()

    @property
    def differs(self) -> bool:
        return self.movement not in (Movement.same, Movement.not_addressed)


@dataclass(frozen=True)
class RedlineOp:
    """One run of a redline: ``equal``, ``delete``, ``insert`` or ``replace``, with the words of each side."""

    tag: Literal["equal", "delete", "insert", "replace"]
    then: str
    now: str


@dataclass(frozen=True)
class Redline:
    """One text of a provision on the two dates (same language and base text) and, where both wordings are
    verbatim and wholly known, the word-level operations from then to now (``redlined``); else ``reason``."""

    language: str
    then: ConsolidatedText | None
    now: ConsolidatedText | None
    redlined: bool
    operations: tuple[RedlineOp, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class ProvisionDiff:
    """A provision a position rests on, whose consolidated wording differs between the dates.

    ``kind``: ``amended`` (in force on both dates, amended in between), ``then-only`` or ``now-only`` (it
    stood on one date only: not yet in force, terminated or repealed on the other). ``changes`` are the
    amendments that took effect between the dates.
    """

    ref: str
    instrument: str
    provision: str
    pin_cite: str
    kind: Literal["amended", "then-only", "now-only"]
    then: ConsolidatedProvision | None
    now: ConsolidatedProvision | None
    changes: tuple[Maker, ...]
    redlines: tuple[Redline, ...]


@dataclass(frozen=True)
class TopicDiff:
    """One topic on the two dates: each dimension, and the provisions behind it whose wording changed."""

    topic: str
    title: str
    dimensions: tuple[DimensionDiff, ...]
    provisions: tuple[ProvisionDiff, ...]

    @property
    def differs(self) -> bool:
        return any(d.differs for d in self.dimensions) or bool(self.provisions)


@dataclass(frozen=True)
class LawDiff:
    """The law on two dates, topic by topic (:func:`diff_law`)."""

    then: dt.date
    now: dt.date
    topic: str | None
    topics: tuple[TopicDiff, ...]

    @property
    def has_differences(self) -> bool:
        return any(t.differs for t in self.topics)


def _movement(then: DimensionPosition, now: DimensionPosition) -> Movement:
    if then.rests_on is None and now.rests_on is None:
        return Movement.not_addressed
    if then.rests_on is None:
        return Movement.addressed
    if now.rests_on is None:
        return Movement.lapsed
    if then.value == now.value:
        return Movement.same if then.rests_on.instrument == now.rests_on.instrument else Movement.rests_elsewhere
    if then.measure is Measure.ordinal and then.rank is not None and now.rank is not None:
        return Movement.up if now.rank > then.rank else Movement.down
    return Movement.changed


def _refs(d: DimensionPosition) -> list[tuple[str, str]]:
    supports = [s for s in (d.rests_on, *d.also_applying) if s is not None]
    return [(c.instrument, c.provision) for s in supports for c in s.citations]


def _redline(language: str, then: ConsolidatedText | None, now: ConsolidatedText | None) -> Redline:
    if then is None or now is None:
        return Redline(language, then, now, False, reason="the text stood on one date only")
    if not (isinstance(then.base, Verbatim) and isinstance(now.base, Verbatim)):
        return Redline(language, then, now, False, reason="a paraphrase is not redlined")
    if not now.complete or not then.complete:
        return Redline(language, then, now, False, reason="the amending words were not seen")
    a, b = tokenize(then.plain), tokenize(now.plain)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a.words, b.words, autojunk=False).get_opcodes():
        ops.append(RedlineOp(tag, a.chunk(i1, i2), b.chunk(j1, j2)))
    return Redline(language, then, now, True, tuple(ops))


def _provision_diff(
    ref: tuple[str, str], then: ConsolidatedProvision | None, now: ConsolidatedProvision | None, pin: str
) -> ProvisionDiff | None:
    iid, pid = ref
    if then is not None and now is not None:
        if then.texts == now.texts and then.provision == now.provision:
            return None
        kind: Literal["amended", "then-only", "now-only"] = "amended"
    else:
        kind = "then-only" if then is not None else "now-only"
    before = set(then.changes) if then else set()
    changes = tuple(m for m in (now.changes if now else ()) if m not in before)
    keys: list[tuple[str, int]] = []
    for side in (then, now):
        for n, t in enumerate(side.texts if side else ()):
            if (t.language, n) not in keys:
                keys.append((t.language, n))
    redlines = tuple(
        _redline(
            language,
            then.texts[n] if then and n < len(then.texts) else None,
            now.texts[n] if now and n < len(now.texts) else None,
        )
        for language, n in keys
    )
    return ProvisionDiff(f"{iid}/{pid}", iid, pid, pin, kind, then, now, changes, redlines)


def _standing(corpus: Corpus, ref: tuple[str, str], date: dt.date, stood: bool) -> ConsolidatedProvision | None:
    """The provision as it stood on ``date``, if it did (``stood``: a position then rested on or applied it)."""
    if not stood:
        return None
    iid, pid = ref
    return next((p for p in consolidate(corpus, iid, date).provisions if pid in (p.provision, p.original)), None)


def diff_law(corpus: Corpus, then: dt.date, now: dt.date, topic: str | None = None) -> LawDiff:
    """The law on ``then`` and on ``now`` (see the module docstring); ``topic`` narrows it to one topic."""
    topics = (topic_of(corpus, topic),) if topic else corpus.topics.topics
    state_then, state_now = status_as_of(corpus, then), status_as_of(corpus, now)
    out = []
    for t in topics:
        pos_then, pos_now = state_then.position(t.id), state_now.position(t.id)
        cited_then = {r for d in pos_then.dimensions for r in _refs(d)}
        cited_now = {r for d in pos_now.dimensions for r in _refs(d)}
        order = list(
            dict.fromkeys(
                r for a, b in zip(pos_then.dimensions, pos_now.dimensions, strict=True) for r in [*_refs(a), *_refs(b)]
            )
        )
        provisions = []
        for ref in order:
            iid, pid = ref
            side_then = _standing(corpus, ref, then, ref in cited_then or _applies(state_then, iid))
            side_now = _standing(corpus, ref, now, ref in cited_now or _applies(state_now, iid))
            found = _provision_diff(ref, side_then, side_now, corpus.instrument(iid).pin_cite(pid))
            if found is not None:
                provisions.append(found)
        changed = {p.ref for p in provisions}
        dims = tuple(
            DimensionDiff(
                t.id,
                a.dimension,
                a.label,
                a.measure,
                a,
                b,
                _movement(a, b),
                tuple(dict.fromkeys(f"{i}/{p}" for i, p in [*_refs(a), *_refs(b)] if f"{i}/{p}" in changed)),
            )
            for a, b in zip(pos_then.dimensions, pos_now.dimensions, strict=True)
        )
        out.append(TopicDiff(t.id, t.title, dims, tuple(provisions)))
    return LawDiff(then, now, topic, tuple(out))


def _applies(state: AsOf, iid: str) -> bool:
    """Whether any position on the date rests on or also applies ``iid``'s codes (it stood then)."""
    return any(
        s.instrument == iid
        for p in state.positions
        for d in p.dimensions
        for s in (d.rests_on, *d.also_applying)
        if s is not None
    )


__all__ = [
    "DimensionDiff",
    "LawDiff",
    "Movement",
    "ProvisionDiff",
    "Redline",
    "RedlineOp",
    "TopicDiff",
    "diff_law",
]
