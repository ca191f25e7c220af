"""Which provisions of a corpus could be alike enough to link: every pair found at once, with NumPy.

:func:`~legalgen.analysis.genealogy.clause_genealogy` scores a later provision against the provisions of
earlier instruments; scoring every such pair is quadratic. This module names, for each later provision,
the earlier provisions whose wording *could* reach the threshold — every provision that does, and a few
that the caller scores and drops — so that only those are scored. It is a filter, never a judge: the
links, scores and their order come from the caller's exact comparison.

**How.** The weighted Jaccard index of two sets of stems is ``S / (Tx + Ty - S)``: ``S`` the weight of the
stems they share, ``T`` the weight of each (:class:`~legalgen.analysis.wording.Weights`). The stems of a
language are put in one order, heaviest (rarest) first; a text's *prefix* is its stems in that order up to
the point where the stems left weigh less than ``cutoff × T`` (Bayardo, Ma and Srikant's *All-Pairs*).
Two texts whose index reaches the cutoff share a stem in both prefixes. The prefixes are joined on their
stems as sorted arrays (for each stem of a later text, the block of earlier texts with that stem), which
gives every pair that shares a prefix stem together with ``A``, the weight of the prefix stems they share.
Whatever else they share lies past the prefix of the text whose prefix ends first in the order, so
``S ≤ A + R`` (``R`` that text's weight past its prefix): a pair is kept when that bound can reach the
cutoff. Only texts that :func:`~legalgen.analysis.wording.compare` would compare are paired — verbatim
with verbatim, or any texts of two provisions with no verbatim language in common — and only a later text
with an earlier one (strictly earlier date).

Floating-point sums here are added in another order than the exact comparison adds them; the cutoff lies
:data:`~legalgen.analysis.wording.ROUNDING_MARGIN` below the threshold, far more than that difference, and
every test here leaves a further relative slack of :data:`SLACK` on the side of keeping a pair.

    >>> from legalgen.analysis.wording import Weights, stems_of_text
    >>> texts = ["the union treaty", "the court", "a treaty of the union"]
    >>> weights = Weights.of(("en", t) for t in texts)
    >>> rows = [Text(n, "en", True, stems_of_text(t, "en"), frozenset({"en"}), n) for n, t in enumerate(texts)]
    >>> alike_pairs(rows, weights, 0.25)
    {2: {0}}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from legalgen.analysis.wording import ROUNDING_MARGIN, Weights

#: relative slack left, on the side of keeping a pair, in every comparison of floating-point sums
SLACK = 1e-7
#: how many (later text, earlier text, stem) meetings are expanded at once: bounds the memory (~50 bytes each)
CHUNK = 500_000

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


class Text(NamedTuple):
    """One text of a provision, as the filter sees it.

    ``key`` names the provision (several texts may share it), ``verbatim`` says whether the text is the
    law's wording, ``stems`` are the stems it is compared by, ``verbatim_languages`` are the languages in
    which its provision has verbatim text, and ``date`` orders instruments (``None``: never linked).
    """

    key: int
    language: str
    verbatim: bool
    stems: frozenset[str]
    verbatim_languages: frozenset[str]
    date: int | None


def alike_pairs(texts: Sequence[Text], weights: Weights, threshold: float) -> dict[int, set[int]] | None:
    """For each later provision, the earlier provisions (strictly earlier ``date``) that could be alike enough.

    ``None`` when the threshold is so low (at or below the rounding margin) that every pair counts.
    """
    cutoff = threshold - ROUNDING_MARGIN
    if cutoff <= 0:
        return None
    found: dict[int, set[int]] = {}
    if threshold > 1:  # no index rounds above 1.0
        return found
    by_language: dict[str, list[Text]] = {}
    for text in texts:
        if text.stems and text.date is not None:
            by_language.setdefault(text.language, []).append(text)
    for language, rows in by_language.items():
        side = _Side.of(rows, weights, language, cutoff)
        for later, earlier in _blocks(rows):
            for q, p in side.join(later, earlier, cutoff):
                found.setdefault(q, set()).add(p)
    return found


def _blocks(rows: Sequence[Text]) -> Iterator[tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]]:
    """Which later texts to pair with which earlier ones: the pairs :func:`compare` would score.

    Verbatim with verbatim; and any texts of two provisions that have no verbatim language in common (then
    :func:`~legalgen.analysis.wording.compare` falls back on paraphrases).
    """
    verbatim = np.array([t.verbatim for t in rows], dtype=bool)
    if verbatim.any():
        yield verbatim, verbatim
    classes = sorted({t.verbatim_languages for t in rows}, key=sorted)
    member = {c: np.array([t.verbatim_languages == c for t in rows], dtype=bool) for c in classes}
    for a in classes:
        for b in classes:
            if not a & b:
                yield member[a], member[b]


class _Numbers(dict[str, int]):
    """Each stem → a number, given in the order the stems are first asked for."""

    def __missing__(self, stem: str) -> int:
        found = self[stem] = len(self)
        return found


class _Side:
    """The texts of one language as arrays: their prefixes sorted by stem, and what the bound needs."""

    def __init__(
        self,
        key: Ints,
        date: Ints,
        total: Floats,
        rest: Floats,
        boundary: Ints,
        entry_text: Ints,
        entry_stem: Ints,
        entry_weight: Floats,
    ) -> None:
        self.key, self.date, self.total, self.rest, self.boundary = key, date, total, rest, boundary
        self.entry_text, self.entry_stem, self.entry_weight = entry_text, entry_stem, entry_weight

    @classmethod
    def of(cls, rows: Sequence[Text], weights: Weights, language: str, cutoff: float) -> _Side:
        ids = _Numbers()
        stem_id = np.fromiter(
            map(ids.__getitem__, chain.from_iterable(t.stems for t in rows)),
            dtype=np.int64,
            count=sum(len(t.stems) for t in rows),
        )
        stems = list(ids)
        # Weights.weight for every stem at once (a filter: the last bits of the logarithm do not matter)
        n = weights.n[language]
        df = weights.df.get(language, Counter())
        found = np.maximum(np.array([df[s] for s in stems], dtype=np.float64), 1.0)
        weight = np.log(1 + (np.maximum(n, found) - found + 0.5) / (found + 0.5))
        by_name = np.empty(len(stems), dtype=np.int64)
        by_name[sorted(range(len(stems)), key=stems.__getitem__)] = np.arange(len(stems))
        # the one order of the language's stems: heaviest first, then by the stem itself
        order = np.lexsort((by_name, -weight))
        rank_of = np.empty(len(stems), dtype=np.int64)
        rank_of[order] = np.arange(len(stems))
        rank_weight = weight[order]
        lengths = np.array([len(t.stems) for t in rows], dtype=np.int64)
        text = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        rank = rank_of[stem_id]
        sort = np.lexsort((rank, text))
        text, rank = text[sort], rank[sort]
        w = rank_weight[rank]
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        total = np.add.reduceat(w, starts)
        # the weight of each text's stems from this one on: its total less the stems before it
        before = np.cumsum(w) - w
        rest_from = total[text] - (before - before[starts][text])
        in_prefix = rest_from >= cutoff * total[text] * (1 - SLACK)
        # the first stem past the prefix; a prefix never ends before the text's first stem (cutoff ≤ 1)
        prefix_len = np.add.reduceat(in_prefix.astype(np.int64), starts)
        last = starts + prefix_len - 1
        boundary = rank[last]
        past = np.where(prefix_len < lengths, starts + prefix_len, 0)
        rest = np.where(prefix_len < lengths, rest_from[past], 0.0)
        dates = np.array([t.date for t in rows], dtype=np.int64)
        keys = np.array([t.key for t in rows], dtype=np.int64)
        return cls(keys, dates, total, rest, boundary, text[in_prefix], rank[in_prefix], w[in_prefix])

    def join(
        self, later: npt.NDArray[np.bool_], earlier: npt.NDArray[np.bool_], cutoff: float
    ) -> Iterator[tuple[int, int]]:
        """``(later key, earlier key)`` of every pair of texts (later from ``later``, earlier from ``earlier``,
        strictly earlier date) that share a prefix stem and whose bound reaches the cutoff."""
        date_rank = np.unique(self.date, return_inverse=True)[1].astype(np.int64)
        span = int(date_rank.max()) + 2
        e = earlier[self.entry_text]
        e_text, e_stem = self.entry_text[e], self.entry_stem[e]
        e_key = e_stem * span + date_rank[e_text]
        sort = np.argsort(e_key, kind="stable")
        e_text, e_key = e_text[sort], e_key[sort]
        l_mask = later[self.entry_text]
        l_text, l_stem, l_weight = self.entry_text[l_mask], self.entry_stem[l_mask], self.entry_weight[l_mask]
        # the earlier texts with the same stem and an earlier date: one block of the sorted entries
        lo = np.searchsorted(e_key, l_stem * span)
        hi = np.searchsorted(e_key, l_stem * span + date_rank[l_text])
        count = hi - lo
        ends = np.cumsum(count)
        start = 0
        while start < len(count):
            # whole later texts per chunk, so that each pair's shared weight is summed in one chunk
            stop = int(np.searchsorted(ends, (ends[start - 1] if start else 0) + CHUNK, side="right"))
            stop = max(stop, start + 1)
            while stop < len(count) and l_text[stop] == l_text[stop - 1]:
                stop += 1
            yield from self._pairs(
                l_text[start:stop], l_weight[start:stop], lo[start:stop], count[start:stop], e_text, cutoff
            )
            start = stop

    def _pairs(
        self, l_text: Ints, l_weight: Floats, lo: Ints, count: Ints, e_text: Ints, cutoff: float
    ) -> Iterator[tuple[int, int]]:
        n = int(count.sum())
        if n == 0:
            return
        offsets = np.cumsum(count) - count
        position = np.repeat(lo - offsets, count) + np.arange(n, dtype=np.int64)
        x = np.repeat(l_text, count)
        y = e_text[position]
        code = x * len(self.key) + y
        sort = np.argsort(code)
        code = code[sort]
        first = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1])))
        pair = code[first]
        shared = np.add.reduceat(np.repeat(l_weight, count)[sort], first)
        x, y = pair // len(self.key), pair % len(self.key)
        bx, by = self.boundary[x], self.boundary[y]
        rx, ry = self.rest[x], self.rest[y]
        past = np.where(bx < by, rx, np.where(bx > by, ry, np.minimum(rx, ry)))
        most = shared + past
        keep = most * (1 + cutoff) * (1 + SLACK) >= cutoff * (self.total[x] + self.total[y])
        yield from zip(self.key[x[keep]].tolist(), self.key[y[keep]].tolist(), strict=True)


__all__ = ["SLACK", "Text", "alike_pairs"]
