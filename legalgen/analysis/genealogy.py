"""Clause genealogy: which provision carries a line of thought from one instrument to the next.

A *clause link* joins an earlier provision to a later one that carries it forward — each state "retains
its sovereignty" in the Union Treaty (1997), art. 1 and again, with powers transferred, in the Union State
Treaty (1999), art. 6; the Community's bodies of 1996 arts. 9–10 become the Union's in the 1997 Charter,
art. 39. Links come from two places, and each link says which:

* **recorded** — the later provision's ``continues:`` in its record names the earlier one, or the later
  instrument ``consolidates`` the earlier and its ``renumbering`` maps the one to the other. This is the
  editors' statement and is shown whatever the wording.
* **inferred** — suggested, never asserted: the two provisions share a topic and their wording is similar.

Two provisions' wording is compared with the measure ``legalgen diff`` also uses
(:mod:`legalgen.analysis.wording`): the weighted Jaccard index of their stemmed words (Snowball stemmer of
the text's language, each stem weighted by its inverse document frequency over the corpus's provisions),
texts in the same language only; verbatim against verbatim when both provisions have verbatim text in a
shared language, otherwise any same-language texts (then the link says a paraphrase was compared). A link
is suggested when the score reaches :data:`~legalgen.analysis.wording.THRESHOLD`, keeping for each later
provision only the best match in each earlier instrument — best by evidence first (a verbatim comparison
beats any paraphrase one), then by score.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> links = clause_genealogy(corpus, topic="sovereignty")
    >>> [(str(l.earlier.ref), str(l.later.ref), l.recorded) for l in links][:2]
    [('1996-community/art-9', '1997-charter/art-39', True), ('1996-community/art-10', '1997-charter/art-39', True)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from legalgen.analysis.citations import Citation, cite
from legalgen.analysis.positions import topic_of
from legalgen.analysis.wording import THRESHOLD, Comparison, Weights, compare
from legalgen.ids import ProvisionRef
from legalgen.records import Corpus, Instrument, Paraphrase, Provision, RelationType, Verbatim


@dataclass(frozen=True)
class ClauseLink:
    """An earlier provision carried forward by a later one.

    ``recorded`` is true when the later provision's record says so (``continues``); otherwise the link is a
    suggestion from shared ``topics`` and wording. ``score`` is the similarity of the texts compared
    (``None`` when the two provisions have no text in a common language), ``language`` the language compared
    and ``compared`` what was compared: ``verbatim`` (wording against wording) or ``paraphrase`` (at least
    one side only a summary, so the score measures the editors' words as much as the law's).
    """

    earlier: Citation
    later: Citation
    recorded: bool
    score: float | None
    language: str | None
    compared: str | None
    topics: tuple[str, ...]


def clause_genealogy(corpus: Corpus, topic: str | None = None, threshold: float = THRESHOLD) -> tuple[ClauseLink, ...]:
    """Every clause link of ``corpus`` (recorded and inferred), optionally only those touching ``topic``.

    Sorted by the later provision, then the earlier (instruments in corpus order, provisions in the natural
    order of their articles). An unknown ``topic`` raises
    :class:`~legalgen.errors.UnknownName`.

    >>> from pathlib import Path
    >>> from legalgen import load_corpus
    >>> links = clause_genealogy(load_corpus([Path("treaties")]), "citizenship")
    >>> [(link.earlier.pin_cite, link.later.pin_cite, link.recorded) for link in links]
    [('Charter of the Union (1997), art. 2', 'Union State Treaty (1999), art. 14', True)]
    """
    if topic is not None:
        topic_of(corpus, topic)
    finder = _Finder(corpus, threshold)
    # instruments in corpus order, provisions in their natural order: the number of each in the finder
    place = {f"{inst.id}/{p.id}": key for key, (inst, p) in enumerate(finder.entries)}
    links: list[ClauseLink] = []
    for later in corpus.instruments:
        renumbered = _renumbered(later)
        for q in later.provisions:
            recorded_from: set[str] = set()
            for ref_text in dict.fromkeys([*q.continues, *renumbered.get(q.id, ())]):
                ref = ProvisionRef.parse(ref_text)
                earlier = corpus.instrument(ref.instrument)
                p = earlier.provision(ref.provision)
                if p is None:  # the corpus check makes this unreachable
                    continue
                recorded_from.add(earlier.id)
                compared = compare(p, q, finder.weights, finder.stems)
                links.append(_link(earlier, p, later, q, compared, recorded=True, cited=finder.cite))
            links.extend(_inferred(finder, later, q, recorded_from, threshold))
    if topic is not None:
        links = [link for link in links if topic in _topics_of(corpus, link)]
    links.sort(key=lambda k: (place[k.later.ref], place[k.earlier.ref]))
    return tuple(links)


def _renumbered(inst: Instrument) -> dict[str, list[str]]:
    """Each provision of ``inst`` that a consolidation renumbered → the references of its old numbers."""
    out: dict[str, list[str]] = {}
    for rel in inst.relations:
        if rel.type is RelationType.consolidates:
            for old, new in rel.renumbering.items():
                out.setdefault(new, []).append(f"{rel.target}/{old}")
    return out


def corpus_weights(corpus: Corpus) -> Weights:
    """Stem weights over every provision of the corpus: what ``genealogy`` and ``diff`` measure wording with."""
    return Weights.of_provisions(p for inst in corpus.instruments for p in inst.provisions)


class _Finder:
    """Every provision of the corpus, its texts cut into stems once, and the pairs alike enough to score.

    A provision is known by its number in corpus order (instruments in the corpus's order, provisions in
    their natural order), so that candidates sorted by number come in the order the links are chosen in.
    Its :class:`~legalgen.analysis.genealogy_pairs.Texts` cut every text into stems once; they give the
    corpus's weights (those of :func:`corpus_weights`) and name, for each later provision, the earlier ones
    that could reach the threshold.
    """

    def __init__(self, corpus: Corpus, threshold: float) -> None:
        from legalgen.analysis.genealogy_pairs import Texts  # NumPy: loaded only when needed

        self.entries: list[tuple[Instrument, Provision]] = []
        self.number: dict[int, int] = {}
        self.dated: dict[str, dt.date | None] = {}
        self.texts = Texts()
        self._text_number: dict[int, int] = {}
        self._stems: dict[int, frozenset[str]] = {}
        self._cited: dict[tuple[str, str], Citation] = {}
        for inst in corpus.instruments:
            dated = self.dated[inst.id] = inst.dated
            date = dated.toordinal() if dated is not None else None
            for p in inst.provisions_in_order:
                key = self.number[id(p)] = len(self.entries)
                self.entries.append((inst, p))
                verbatim = frozenset(t.language for t in p.texts if isinstance(t, Verbatim))
                for t in p.texts:
                    number = self.texts.add(key, t.language, isinstance(t, Verbatim), t.text, verbatim, date)
                    self._text_number[id(t)] = number
        self.weights = self.texts.weights()
        self.pairs = self.texts.alike_pairs(self.weights, threshold)

    def stems(self, text: Verbatim | Paraphrase) -> frozenset[str]:
        """:func:`~legalgen.analysis.wording.stems_of` of one of the corpus's texts, cut once."""
        found = self._stems.get(id(text))
        if found is None:
            found = self._stems[id(text)] = self.texts.stems(self._text_number[id(text)])
        return found

    def cite(self, inst: Instrument, provision: str) -> Citation:
        """:func:`~legalgen.analysis.citations.cite`, once per provision (a provision is in many links)."""
        found = self._cited.get((inst.id, provision))
        if found is None:
            found = self._cited[inst.id, provision] = cite(inst, provision)
        return found

    def candidates(self, q: Provision) -> list[tuple[Instrument, Provision]]:
        """The provisions whose wording could be alike enough to ``q``'s, in corpus order."""
        number = self.number[id(q)]
        if self.pairs is None:  # a threshold so low that every pair counts
            return [entry for key, entry in enumerate(self.entries) if key != number]
        return [self.entries[k] for k in sorted(self.pairs.get(number, ()))]


def _inferred(finder: _Finder, later: Instrument, q: Provision, skip: set[str], threshold: float) -> list[ClauseLink]:
    """For each instrument signed before ``later`` and not in ``skip``: its provision best alike to ``q``.

    Only the provisions :class:`_Finder` names as candidates are compared; the others cannot reach the
    threshold, so the links are those of comparing ``q`` with every provision of every earlier instrument.
    """
    signed = finder.dated[later.id]
    if signed is None:
        return []
    found: dict[str, tuple[tuple[bool, float], Instrument, Provision, Comparison]] = {}
    q_topics = set(q.topics)
    for earlier, p in finder.candidates(q):
        if earlier.id in skip or earlier.id == later.id:
            continue
        e_signed = finder.dated[earlier.id]
        if e_signed is None or not e_signed < signed:
            continue
        if not set(p.topics) & q_topics:
            continue
        compared = compare(p, q, finder.weights, finder.stems)
        if compared is None or compared.score < threshold:
            continue
        rank = compared.rank  # evidence first: verbatim beats any paraphrase
        best = found.get(earlier.id)
        if best is None or rank > best[0]:
            found[earlier.id] = (rank, earlier, p, compared)
    return [
        _link(earlier, p, later, q, compared, recorded=False, cited=finder.cite)
        for _, earlier, p, compared in found.values()
    ]


def _link(
    earlier: Instrument,
    p: Provision,
    later: Instrument,
    q: Provision,
    compared: Comparison | None,
    recorded: bool,
    cited: Callable[[Instrument, str], Citation] = cite,
) -> ClauseLink:
    shared = sorted(set(p.topics) & set(q.topics)) or sorted(set(p.topics) | set(q.topics))
    return ClauseLink(
        earlier=cited(earlier, p.id),
        later=cited(later, q.id),
        recorded=recorded,
        score=compared.score if compared else None,
        language=compared.language if compared else None,
        compared=compared.compared if compared else None,
        topics=tuple(shared),
    )


def _topics_of(corpus: Corpus, link: ClauseLink) -> set[str]:
    topics = set(link.topics)
    for c in (link.earlier, link.later):
        prov = corpus.instrument(c.instrument).provision(c.provision)
        if prov is not None:
            topics.update(prov.topics)
    return topics


__all__ = ["THRESHOLD", "ClauseLink", "clause_genealogy", "corpus_weights"]
