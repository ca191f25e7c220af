"""Clause genealogy: which provision carries a line of thought from one instrument to the next.

A *clause link* joins an earlier provision to a later one that carries it forward — each state "retains
its sovereignty" in the Union Treaty (1997), art. 1 and again, with powers transferred, in the Union State
Treaty (1999), art. 6; the Community's bodies of 1996 arts. 9–10 become the Union's in the 1997 Charter,
art. 39. Links come from two places, and each link says which:

* **recorded** — the later provision's ``continues:`` in its record names the earlier one. This is the
  editors' statement and is shown whatever the wording.
* **inferred** — suggested, never asserted: the two provisions share a topic and their wording is similar.

**Similarity** is a plain, explainable measure: the token Jaccard index of the two texts after
normalisation — lower-case, ``ё`` → ``е``, words of three or more letters, common function words dropped,
each word cut to its first :data:`STEM` letters (a crude stem, so that Russian case endings and English
suffixes do not hide a shared word: "суверенитет" / "суверенитета" → "сувер"). Only texts in the same
language are compared; verbatim against verbatim when both provisions have verbatim text in a shared
language, otherwise any same-language texts (then the link says a paraphrase was compared). A link is
suggested when the score reaches :data:`THRESHOLD`, keeping for each later provision only the best match
in each earlier instrument.

    >>> similarity("Каждое государство сохраняет суверенитет", "каждое государство сохраняет суверенитета")
    1.0

In the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.

    >>> links = clause_genealogy(corpus, topic="sovereignty")
    >>> [(str(l.earlier.ref), str(l.later.ref), l.recorded) for l in links][:2]
    [('1996-community/art-9', '1997-charter/art-39', True), ('1996-community/art-10', '1997-charter/art-39', True)]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import product

from .corpus import Corpus
from .ids import ProvisionRef
from .models import Instrument, Paraphrase, Provision, Verbatim
from .timeline import Citation, cite, topic_of

#: letters kept of each word: a crude stem that survives Russian case endings and English suffixes
STEM = 5
#: the lowest similarity at which a link is suggested (chosen on the real corpus: see docs/json.md)
THRESHOLD = 0.25

# Function words of both languages; words under three letters are dropped anyway.
_STOP = frozenset(
    """
    the and for with that this those these its their from into which shall such other any all are was were
    been has have each not but may also per upon between
    что это как так или его она они при без для над под через между также этого этой этих который которые
    которая которое могут может быть является настоящего настоящей настоящий
    """.split()  # noqa: SIM905 - a word list reads better as text
)


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


def normalise(text: str) -> tuple[str, ...]:
    """The comparable words of ``text``: lower-case, ``ё`` → ``е``, no short or function words, stemmed.

    >>> normalise("Каждое государство - участник Союза сохраняет государственный суверенитет")
    ('каждо', 'госуд', 'участ', 'союза', 'сохра', 'госуд', 'сувер')
    """
    words = re.findall(r"[^\W\d_]+", text.lower().replace("ё", "е"))
    return tuple(w[:STEM] for w in words if len(w) >= 3 and w not in _STOP)


def similarity(a: str, b: str) -> float:
    """Token Jaccard index of the normalised words of ``a`` and ``b`` (0.0 to 1.0, rounded to 3 places)."""
    sa, sb = set(normalise(a)), set(normalise(b))
    if not sa or not sb:
        return 0.0
    return round(len(sa & sb) / len(sa | sb), 3)


def compare(p: Provision, q: Provision) -> tuple[float, str, str] | None:
    """The best ``(score, language, compared)`` over same-language texts of two provisions, or ``None``.

    Verbatim pairs are preferred: paraphrases are compared only when no verbatim pair shares a language.
    """
    pairs = [(s, t) for s, t in product(p.texts, q.texts) if s.language == t.language]
    if not pairs:
        return None
    verbatim = [(s, t) for s, t in pairs if isinstance(s, Verbatim) and isinstance(t, Verbatim)]
    pool: list[tuple[Verbatim | Paraphrase, Verbatim | Paraphrase]] = list(verbatim or pairs)
    best = max(pool, key=lambda st: (similarity(st[0].text, st[1].text), st[0].language))
    kind = "verbatim" if verbatim else "paraphrase"
    return similarity(best[0].text, best[1].text), best[0].language, kind


def clause_genealogy(corpus: Corpus, topic: str | None = None, threshold: float = THRESHOLD) -> tuple[ClauseLink, ...]:
    """Every clause link of ``corpus`` (recorded and inferred), optionally only those touching ``topic``.

    Sorted by the later provision, then the earlier (instruments in corpus order, provisions in record order). An unknown ``topic`` raises
    :class:`~legalgen.errors.UnknownName`.
    """
    if topic is not None:
        topic_of(corpus, topic)
    order = {inst.id: n for n, inst in enumerate(corpus.instruments)}
    place = {
        f"{inst.id}/{p.id}": (order[inst.id], n) for inst in corpus.instruments for n, p in enumerate(inst.provisions)
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
    signed = _signed(later)
    for earlier in corpus.instruments:
        if earlier.id in skip or earlier.id == later.id:
            continue
        e_signed = _signed(earlier)
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
        score=compared[0] if compared else None,
        language=compared[1] if compared else None,
        compared=compared[2] if compared else None,
        topics=tuple(shared),
    )


def _topics_of(corpus: Corpus, link: ClauseLink) -> set[str]:
    topics = set(link.topics)
    for c in (link.earlier, link.later):
        prov = corpus.instrument(c.instrument).provision(c.provision)
        if prov is not None:
            topics.update(prov.topics)
    return topics


def _signed(inst: Instrument) -> dt.date | None:
    sig = inst.signature
    return sig.date if sig else min((e.date for e in inst.events), default=None)


__all__ = ["STEM", "THRESHOLD", "ClauseLink", "clause_genealogy", "compare", "normalise", "similarity"]
