"""Clause genealogy: which provision carries a line of thought from one instrument to the next.

A *clause link* joins an earlier provision to a later one that carries it forward — each state "retains
its sovereignty" in the Union Treaty (1997), art. 1 and again, with powers transferred, in the Union State
Treaty (1999), art. 6; the Community's bodies of 1996 arts. 9–10 become the Union's in the 1997 Charter,
art. 39. Links come from two places, and each link says which:

* **recorded** — the later provision's ``continues:`` in its record names the earlier one. This is the
  editors' statement and is shown whatever the wording.
* **inferred** — suggested, never asserted: the two provisions share a topic and their wording is similar.

Two provisions' wording is compared with the measure ``legalgen diff`` also uses
(:mod:`legalgen.analysis.wording`): the token Jaccard index of their normalised, stemmed words, texts in
the same language only; verbatim against verbatim when both provisions have verbatim text in a shared
language, otherwise any same-language texts (then the link says a paraphrase was compared). A link is
suggested when the score reaches :data:`~legalgen.analysis.wording.THRESHOLD`, keeping for each later
provision only the best match in each earlier instrument.

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> links = clause_genealogy(corpus, topic="sovereignty")
    >>> [(str(l.earlier.ref), str(l.later.ref), l.recorded) for l in links][:2]
    [('1996-community/art-9', '1997-charter/art-39', True), ('1996-community/art-10', '1997-charter/art-39', True)]
"""

from __future__ import annotations

from dataclasses import dataclass

from legalgen.analysis.citations import Citation, cite
from legalgen.analysis.positions import topic_of
from legalgen.analysis.wording import THRESHOLD, compare
from legalgen.ids import ProvisionRef
from legalgen.records import Corpus, Instrument, Provision


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

    Sorted by the later provision, then the earlier (instruments in corpus order, provisions in record order). An unknown ``topic`` raises
    :class:`~legalgen.errors.UnknownName`.

    >>> from pathlib import Path
    >>> from legalgen import load_corpus
    >>> links = clause_genealogy(load_corpus([Path("treaties")]), "citizenship")
    >>> [(link.earlier.pin_cite, link.later.pin_cite, link.recorded) for link in links]
    [('Charter of the Union (1997), art. 2', 'Union State Treaty (1999), art. 14', True)]
    """
    if topic is not None:
        topic_of(corpus, topic)
    order = {inst.id: n for n, inst in enumerate(corpus.instruments)}
    place = {
        f"{inst.id}/{p.id}": (order[inst.id], n) for inst in corpus.instruments for n, p in enumerate(inst.provisions_in_order)
    }
    links: list[ClauseLink] = []
    for later in corpus.instruments:
        for q in later.provisions:
            recorded_from: set[str] = set()
            for ref_text in q.continues:
                ref = ProvisionRef.parse(ref_text)
                earlier = corpus.instrument(ref.instrument)
                p = earlier.provision(ref.provision)
                if p is None:  # the corpus check makes this unreachable
                    continue
                recorded_from.add(earlier.id)
                links.append(_link(earlier, p, later, q, recorded=True))
            links.extend(_inferred(corpus, later, q, recorded_from, threshold))
    if topic is not None:
        links = [link for link in links if topic in _topics_of(corpus, link)]
    links.sort(key=lambda k: (place[k.later.ref], place[k.earlier.ref]))
    return tuple(links)


def _inferred(corpus: Corpus, later: Instrument, q: Provision, skip: set[str], threshold: float) -> list[ClauseLink]:
    found = []
    signed = later.dated
    for earlier in corpus.instruments:
        if earlier.id in skip or earlier.id == later.id:
            continue
        e_signed = earlier.dated
        if signed is None or e_signed is None or not e_signed < signed:
            continue
        best: tuple[float, ClauseLink] | None = None
        for p in earlier.provisions:
            if not set(p.topics) & set(q.topics):
                continue
            link = _link(earlier, p, later, q, recorded=False)
            if link.score is not None and link.score >= threshold and (best is None or link.score > best[0]):
                best = (link.score, link)
        if best is not None:
            found.append(best[1])
    return found


def _link(earlier: Instrument, p: Provision, later: Instrument, q: Provision, recorded: bool) -> ClauseLink:
    compared = compare(p, q)
    shared = sorted(set(p.topics) & set(q.topics)) or sorted(set(p.topics) | set(q.topics))
    return ClauseLink(
        earlier=cite(earlier, p.id),
        later=cite(later, q.id),
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


__all__ = ["THRESHOLD", "ClauseLink", "clause_genealogy"]
