"""Consolidated text: a provision's wording as in force on a date, each amended passage marked.

EUR-Lex and legislation.gov.uk answer *what did art. 1 say on 1 November 2025?* with point-in-time text
that marks each amended passage with the act that amended it. :func:`consolidate` does the same from the
records: it starts from each provision as recorded (its wording as concluded) and applies, in the order
they take effect, the operations that amending instruments record on it (``operations:`` of an ``amends``
relation, :class:`~legalgen.records.AmendingOperation`) — insert, replace, repeal, renumber — up to and
including the date asked for.

**Every amended passage says who made it** (:class:`Maker`): the amending instrument and its provision,
the operation and the date it took effect (the amended instrument's ``amendment`` event). **Where the
amending words are not known** — the operation has only a paraphrase, or no text in the language of the
wording being consolidated — the passage has no words (``words is None``): the consolidated text says so
at that very spot and never passes the older wording off as the whole text in force
(:attr:`ConsolidatedText.complete` is false). A passage whose place the records do not give (the words an
operation names are not in that language's text) is kept with ``placed`` false, at the end.

**The algebra.** A record's operation is resolved against the text as it stands into :class:`Step` s —
replace passages ``lo:hi`` of one text (``splice``), add or remove a provision, renumber one — each with
an exact inverse (:func:`inverse`), so that applying steps and then their inverses in reverse order gives
back the document (a property the tests check with hypothesis).

    >>> c = consolidate(corpus, "1998-equal-rights", dt.date(2025, 11, 1))
    >>> art1 = c.provision("art-1")
    >>> [p.made_by.instrument if p.made_by else None for p in art1.texts[0].passages]
    [None, '2025-equal-rights-protocol']
    >>> art1.texts[0].complete, art1.changes[0].effective
    (False, datetime.date(2025, 10, 29))
    >>> consolidate(corpus, "1998-equal-rights", dt.date(2025, 1, 1)).provision("art-1").changes
    ()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from legalgen.analysis.citations import Grade, provision_grade, text_grade, weakest_grade
from legalgen.errors import UnknownName
from legalgen.ids import parse_provision_id, provision_order
from legalgen.records import (
    AmendingOperation,
    Corpus,
    Instrument,
    OperationKind,
    Paraphrase,
    Provision,
    ScheduledOperation,
    Verbatim,
    operations_on,
)

Text = Verbatim | Paraphrase


@dataclass(frozen=True)
class Maker:
    """Who made an amended passage: the amending instrument and provision, the operation, and its date.

    ``pin_cite`` is the amending provision's (``Equal Rights Protocol (2025), article not identified``), or
    the instrument's short title when the record names no provision. ``words_seen`` says whether a source
    shows the new words; ``texts`` are the operation's texts (verbatim or paraphrase) and ``grade`` the
    strongest evidence among them.
    """

    instrument: str
    short_title: str
    via: str | None
    pin_cite: str
    op: OperationKind
    provision: str
    effective: dt.date
    words_seen: bool
    texts: tuple[Text, ...]
    grade: Grade | None
    position: str = "end"
    words: str | None = None
    new_number: str | None = None
    note: str | None = None

    @property
    def description(self) -> Paraphrase | None:
        """The operation's paraphrase, in English if there is one: what a reader is told where no words were seen."""
        paraphrases = [t for t in self.texts if isinstance(t, Paraphrase)]
        return next((t for t in paraphrases if t.language == "en"), paraphrases[0] if paraphrases else None)


@dataclass(frozen=True)
class Passage:
    """A run of a consolidated text: the provision's own words (``made_by`` is ``None``) or an amendment's.

    ``words`` is ``None`` where the amending words were not seen (in this language); ``""`` where words
    were repealed. ``text`` is the recorded text the words come from. ``placed`` is false when the records do
    not say where in the provision the amendment stands (the passage is then kept at the end).
    """

    words: str | None
    made_by: Maker | None = None
    text: Text | None = None
    placed: bool = True

    @property
    def known(self) -> bool:
        return self.words is not None


@dataclass(frozen=True)
class ConsolidatedText:
    """One recorded text of a provision (a language, a version) as in force on the date, passage by passage."""

    language: str
    base: Text
    passages: tuple[Passage, ...]
    #: how strong the evidence of the base text's wording is (a draft's words are only an account)
    grade: Grade | None = None

    @property
    def verbatim(self) -> bool:
        return isinstance(self.base, Verbatim)

    @property
    def complete(self) -> bool:
        """Whether every word in force is known: no passage whose words were not seen."""
        return all(p.known for p in self.passages)

    @property
    def amended(self) -> bool:
        return any(p.made_by is not None for p in self.passages)

    @property
    def plain(self) -> str:
        """The known words, joined by single spaces (a passage not seen leaves nothing)."""
        return " ".join(p.words for p in self.passages if p.words)

    @property
    def makers(self) -> tuple[Maker, ...]:
        return tuple(dict.fromkeys(p.made_by for p in self.passages if p.made_by is not None))


@dataclass(frozen=True)
class ConsolidatedProvision:
    """One provision as in force on ``date``: its number then, its texts, and every change applied.

    ``original`` is its number as recorded (``provision`` differs after a renumbering). ``changes`` are the
    operations applied up to the date, in order; ``pending`` those of instruments signed by the date that
    take effect later. ``added`` marks a provision an amendment inserted.
    """

    instrument: str
    provision: str
    original: str
    pin_cite: str
    heading: str | None
    topics: tuple[str, ...]
    date: dt.date
    texts: tuple[ConsolidatedText, ...]
    changes: tuple[Maker, ...] = ()
    pending: tuple[Maker, ...] = ()
    added: bool = False
    #: the weakest of the provision's own evidence and each change's: the consolidated text is no firmer
    grade: Grade | None = None

    @property
    def amended(self) -> bool:
        return bool(self.changes)

    @property
    def complete(self) -> bool:
        """Whether the wording in force is known in every text (no amended passage left unseen)."""
        return all(t.complete for t in self.texts)


@dataclass(frozen=True)
class Repealed:
    """A provision repealed by the date: its number, who repealed it and from when."""

    provision: str
    pin_cite: str
    made_by: Maker


@dataclass(frozen=True)
class Consolidation:
    """An instrument's provisions as in force on ``date``: consolidated, in the instrument's order."""

    instrument: str
    short_title: str
    title: str
    date: dt.date
    provisions: tuple[ConsolidatedProvision, ...]
    repealed: tuple[Repealed, ...] = ()

    def provision(self, pid: str) -> ConsolidatedProvision:
        """The provision numbered ``pid`` on the date, or as recorded (before a renumbering)."""
        for p in self.provisions:
            if pid in (p.provision, p.original):
                return p
        raise UnknownName("provision", pid, (p.provision for p in self.provisions))

    @property
    def amended(self) -> tuple[ConsolidatedProvision, ...]:
        return tuple(p for p in self.provisions if p.amended)


# --------------------------------------------------------------------------- the algebra


@dataclass(frozen=True)
class Entry:
    """A provision in the document being consolidated: its number, texts (as passages) and what changed it."""

    number: str
    original: str
    texts: tuple[tuple[Passage, ...], ...]
    bases: tuple[Text, ...] = ()
    changes: tuple[Maker, ...] = ()
    added: bool = False


Document = tuple[Entry, ...]


@dataclass(frozen=True)
class Step:
    """One reversible change of a :data:`Document`.

    ``splice``: passages ``lo:hi`` of text ``text`` of provision ``number`` become ``new``; ``add``: ``entry``
    is inserted at index ``lo``; ``remove``: the provision ``number`` (at index ``lo``) goes; ``renumber``:
    provision ``number`` becomes ``new_number``.
    """

    kind: Literal["splice", "add", "remove", "renumber"]
    number: str
    text: int = 0
    lo: int = 0
    hi: int = 0
    new: tuple[Passage, ...] = ()
    entry: Entry | None = None
    new_number: str | None = None
    maker: Maker | None = field(default=None, compare=False)


def _index(doc: Document, number: str) -> int:
    for i, e in enumerate(doc):
        if e.number == number:
            return i
    raise KeyError(number)


def apply(doc: Document, step: Step) -> Document:
    """``doc`` with ``step`` applied (a :exc:`KeyError` if it names a provision ``doc`` does not have)."""
    if step.kind == "add":
        assert step.entry is not None
        return (*doc[: step.lo], step.entry, *doc[step.lo :])
    i = _index(doc, step.number)
    entry = doc[i]
    if step.kind == "remove":
        return (*doc[:i], *doc[i + 1 :])
    if step.kind == "renumber":
        assert step.new_number is not None
        changed = replace(entry, number=step.new_number)
    else:
        texts = list(entry.texts)
        old = texts[step.text]
        texts[step.text] = (*old[: step.lo], *step.new, *old[step.hi :])
        changed = replace(entry, texts=tuple(texts))
    if step.maker is not None and step.maker not in changed.changes:
        changed = replace(changed, changes=(*changed.changes, step.maker))
    return (*doc[:i], changed, *doc[i + 1 :])


def inverse(doc: Document, step: Step) -> Step:
    """The step that undoes ``step`` applied to ``doc``: ``apply(apply(doc, s), inverse(doc, s))`` is ``doc``
    (as text: the list of changes an entry remembers is not a part of its text)."""
    if step.kind == "add":
        assert step.entry is not None
        return Step("remove", step.entry.number, lo=step.lo)
    i = _index(doc, step.number)
    if step.kind == "remove":
        return Step("add", step.number, lo=i, entry=doc[i])
    if step.kind == "renumber":
        assert step.new_number is not None
        return Step("renumber", step.new_number, new_number=step.number)
    old = doc[i].texts[step.text][step.lo : step.hi]
    return Step("splice", step.number, text=step.text, lo=step.lo, hi=step.lo + len(step.new), new=old)


def words_of(doc: Document) -> tuple[tuple[str, tuple[tuple[str | None, ...], ...]], ...]:
    """The document as text only: each provision's number and the words of its passages (for comparing)."""
    return tuple((e.number, tuple(tuple(p.words for p in t) for t in e.texts)) for e in doc)


# --------------------------------------------------------------------------- resolving a record's operation


def _maker(sched: ScheduledOperation) -> Maker:
    inst, op = sched.amender, sched.op
    via = op.via or sched.relation.via
    grades = [text_grade(inst, t) for t in op.texts]
    best = min(grades, key=list(Grade).index) if grades else None
    return Maker(
        instrument=inst.id,
        short_title=inst.short_title,
        via=via,
        pin_cite=inst.pin_cite(via) if via else inst.short_title,
        op=op.op,
        provision=op.provision,
        effective=sched.date,
        words_seen=op.words_seen,
        texts=op.texts,
        grade=best,
        position=op.position,
        words=op.words,
        new_number=op.new_number,
        note=op.note,
    )


def _new_words(op: AmendingOperation, base: Text) -> Text | None:
    """The operation's text that stands in ``base``'s language and kind: verbatim for a verbatim text (a
    paraphrase is never the law's words), a paraphrase or verbatim for a paraphrase; ``None`` if none."""
    same = [t for t in op.texts if t.language == base.language]
    if isinstance(base, Verbatim):
        return next((t for t in same if isinstance(t, Verbatim)), None)
    return next((t for t in same if isinstance(t, Paraphrase)), None) or next(iter(same), None)


def _passage(op: AmendingOperation, base: Text, maker: Maker) -> Passage:
    words = _new_words(op, base)
    if words is None:
        return Passage(None, maker, maker.description)
    return Passage(words.text, maker, words)


def _split(passages: tuple[Passage, ...], words: str) -> tuple[tuple[Passage, ...], int, int] | None:
    """``passages`` with ``words`` cut out as a passage of its own, and its index range; ``None`` unless the
    words occur exactly once, inside one known passage."""
    hits = [(i, p) for i, p in enumerate(passages) if p.words and p.words.count(words)]
    if len(hits) != 1 or hits[0][1].words is None or hits[0][1].words.count(words) != 1:
        return None
    i, p = hits[0]
    assert p.words is not None
    before, _, after = p.words.partition(words)
    pieces = [replace(p, words=w) for w in (before.rstrip(), words, after.lstrip()) if w]
    at = 1 if before.strip() else 0
    return (*passages[:i], *pieces, *passages[i + 1 :]), i + at, i + at + 1


def resolve(doc: Document, sched: ScheduledOperation) -> tuple[Document, tuple[Step, ...]]:
    """The steps that carry out one scheduled operation on ``doc``, and ``doc`` with the passages the
    operation's ``words`` name cut out (the same words, only split)."""
    op, maker = sched.op, _maker(sched)
    if op.op is OperationKind.insert and op.position == "new":
        if any(e.number == op.provision for e in doc):
            return doc, ()  # the number is taken on that date: `legalgen validate` refuses such a record
        entry = Entry(
            op.provision,
            op.provision,
            tuple((Passage(t.text if isinstance(t, Verbatim) else None, maker, t),) for t in op.texts),
            op.texts,
            (maker,),
            added=True,
        )
        numbers = [*(e.number for e in doc), op.provision]
        key = provision_order(parse_provision_id(n) for n in numbers)
        at = sum(1 for e in doc if key(*parse_provision_id(e.number)) < key(*parse_provision_id(op.provision)))
        return doc, (Step("add", op.provision, lo=at, entry=entry, maker=maker),)
    if not any(e.number == op.provision for e in doc):
        return doc, ()  # not a provision on that date: `legalgen validate` refuses such a record
    i = _index(doc, op.provision)
    if op.op is OperationKind.renumber:
        if any(e.number == op.new_number for e in doc):
            return doc, ()
        return doc, (Step("renumber", op.provision, new_number=op.new_number, maker=maker),)
    if op.op is OperationKind.repeal and op.words is None:
        return doc, (Step("remove", op.provision, maker=maker),)
    entry, steps, texts = doc[i], [], list(doc[i].texts)
    for ti, (base, passages) in enumerate(zip(entry.bases, entry.texts, strict=True)):
        new = (Passage("", maker) if op.op is OperationKind.repeal else _passage(op, base, maker),)
        if op.op is OperationKind.insert and op.position in ("start", "end"):
            at = 0 if op.position == "start" else len(passages)
            steps.append(Step("splice", op.provision, ti, at, at, new, maker=maker))
        elif op.op is OperationKind.replace and op.words is None:
            steps.append(Step("splice", op.provision, ti, 0, len(passages), new, maker=maker))
        else:
            assert op.words is not None
            cut = _split(passages, op.words)
            if cut is None:  # the words are not in this text: the place is not known
                unplaced = (replace(new[0], placed=False),)
                steps.append(Step("splice", op.provision, ti, len(passages), len(passages), unplaced, maker=maker))
                continue
            texts[ti], lo, hi = cut
            if op.op is OperationKind.insert:
                lo = hi
            steps.append(Step("splice", op.provision, ti, lo, hi, new, maker=maker))
    doc = (*doc[:i], replace(entry, texts=tuple(texts)), *doc[i + 1 :])
    return doc, tuple(steps)


# --------------------------------------------------------------------------- consolidating


def _entry(prov: Provision) -> Entry:
    return Entry(prov.id, prov.id, tuple((Passage(t.text, None, t),) for t in prov.texts), prov.texts)


def consolidate_instrument(inst: Instrument, date: dt.date, instruments: Iterable[Instrument]) -> Consolidation:
    """``inst``'s provisions as in force on ``date``, with the operations of ``instruments`` applied."""
    doc: Document = tuple(_entry(p) for p in inst.provisions_in_order)
    repealed: list[Repealed] = []
    pending: dict[str, list[Maker]] = {}
    for sched in operations_on(inst, instruments):
        if sched.date > date:
            signed = sched.amender.dated
            if signed is not None and signed <= date:
                pending.setdefault(sched.op.provision, []).append(_maker(sched))
            continue
        doc, steps = resolve(doc, sched)
        for step in steps:
            if step.kind == "remove" and step.maker is not None:
                repealed.append(Repealed(step.number, inst.pin_cite(step.number), step.maker))
            doc = apply(doc, step)
    own = {p.id: p for p in inst.provisions}
    provisions = []
    for e in doc:
        prov = own.get(e.original)
        grade = provision_grade(inst, prov) if prov is not None else None
        texts = tuple(
            ConsolidatedText(base.language, base, passages, text_grade(inst, base))
            for base, passages in zip(e.bases, e.texts, strict=True)
        )
        changes_grade = weakest_grade([*(g for g in [grade] if g), *(m.grade for m in e.changes if m.grade)])
        provisions.append(
            ConsolidatedProvision(
                instrument=inst.id,
                provision=e.number,
                original=e.original,
                pin_cite=inst.pin_cite(e.number),
                heading=prov.heading if prov else None,
                topics=prov.topics if prov else (),
                date=date,
                texts=texts,
                changes=e.changes,
                pending=tuple(pending.get(e.number, ())),
                added=e.added,
                grade=changes_grade,
            )
        )
    return Consolidation(inst.id, inst.short_title, inst.title, date, tuple(provisions), tuple(repealed))


def consolidate(corpus: Corpus, instrument: str, date: dt.date) -> Consolidation:
    """The provisions of ``instrument`` as in force on ``date``, each amended passage marked (see the module)."""
    return consolidate_instrument(corpus.instrument(instrument), date, corpus.instruments)


def consolidated_provision(corpus: Corpus, instrument: str, provision: str, date: dt.date) -> Consolidation:
    """:func:`consolidate`, narrowed to one provision (by its number on the date or as recorded)."""
    whole = consolidate(corpus, instrument, date)
    return replace(whole, provisions=(whole.provision(provision),), repealed=())


def applied(doc: Document, steps: Sequence[Step]) -> Document:
    """``doc`` with ``steps`` applied in order."""
    for step in steps:
        doc = apply(doc, step)
    return doc


__all__ = [
    "ConsolidatedProvision",
    "ConsolidatedText",
    "Consolidation",
    "Document",
    "Entry",
    "Maker",
    "Passage",
    "Repealed",
    "Step",
    "applied",
    "apply",
    "consolidate",
    "consolidate_instrument",
    "consolidated_provision",
    "inverse",
    "resolve",
    "words_of",
]
