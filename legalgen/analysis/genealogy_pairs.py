"""Which provisions of a corpus could be alike enough to link: every pair found at once, with NumPy.

:func:`~legalgen.analysis.genealogy.clause_genealogy` scores a later provision against the provisions of
earlier instruments; scoring every such pair is quadratic. This module names, for each later provision,
the earlier provisions whose wording *could* reach the threshold — every provision that does, and a few
that the caller scores and drops — so that only those are scored. It is a filter, never a judge: the
links, scores and their order come from the caller's exact comparison.

**Texts** (:class:`Texts`) are cut into stems once — the stems of :func:`~legalgen.analysis.wording.stems_of`,
each distinct word stemmed once — and kept as arrays of stem numbers, one set per language; they give the
corpus's :class:`~legalgen.analysis.wording.Weights` (the counts ``Weights.of_provisions`` makes) and each
text's set of stems when the caller compares it.

**Pairs.** The weighted Jaccard index of two sets of stems is ``S / (Tx + Ty - S)``: ``S`` the weight of
the stems they share, ``T`` the weight of each. The stems of a language are put in one order, heaviest
(rarest) first; a text's *prefix* is its stems in that order up to the point where the stems left weigh
less than ``cutoff × T`` (Bayardo, Ma and Srikant's *All-Pairs*). Two texts whose index reaches the cutoff
share a stem in both prefixes. The prefixes are joined on their stems as sorted arrays (for each stem of a
later text, the block of earlier texts with that stem), which gives every pair that shares a prefix stem
together with ``A``, the weight of the prefix stems they share. Whatever else they share lies past the
prefix of the text whose prefix ends first in the order, so ``S ≤ A + R`` (``R`` that text's weight past
its prefix): a pair is kept when that bound can reach the cutoff. Only texts that
:func:`~legalgen.analysis.wording.compare` would compare are paired — verbatim with verbatim, or any texts
of two provisions with no verbatim language in common — and only a later text with an earlier one
(strictly earlier date).

Floating-point sums here are added in another order than the exact comparison adds them; the cutoff lies
:data:`~legalgen.analysis.wording.ROUNDING_MARGIN` below the threshold, far more than that difference, and
every test here leaves a further relative slack of :data:`SLACK` on the side of keeping a pair.

    >>> texts = Texts()
    >>> for n, text in enumerate(["the union treaty", "the court", "a treaty of the union"]):
    ...     _ = texts.add(n, "en", True, text, frozenset({"en"}), date=n)
    >>> sorted(texts.stems(0)), texts.alike_pairs(texts.weights(), 0.25)
    (['the', 'treati', 'union'], {2: {0}})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from legalgen.analysis.wording import _WORD_RE, ROUNDING_MARGIN, Weights, _stem

#: relative slack left, on the side of keeping a pair, in every comparison of floating-point sums
SLACK = 1e-7
#: how many (later text, earlier text, stem) meetings are expanded at once: bounds the memory (~50 bytes each)
CHUNK = 500_000

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


class Texts:
    """The texts of a corpus's provisions, cut into stems once and kept as arrays, one set per language.

    Each text is added with ``key`` (its provision's number: several texts may share it), whether it is
    verbatim, the languages in which its provision has verbatim text, and ``date`` (its instrument's, as an
    ordinal; ``None``: never linked).
    """

    def __init__(self) -> None:
        self._languages: dict[str, _Language] = {}
        self._where: list[tuple[_Language, int]] = []

    def add(
        self, key: int, language: str, verbatim: bool, text: str, verbatim_languages: frozenset[str], date: int | None
    ) -> int:
        """Add one text; its number, for :meth:`stems`."""
        found = self._languages.get(language)
        if found is None:
            found = self._languages[language] = _Language(language)
        self._where.append((found, found.add(key, verbatim, text, verbatim_languages, date)))
        return len(self._where) - 1

    def stems(self, number: int) -> frozenset[str]:
        """The set of stems of text ``number``: :func:`~legalgen.analysis.wording.stems_of` of it."""
        language, index = self._where[number]
        return language.stems(index)

    def weights(self) -> Weights:
        """The stems' weights over the provisions, as ``Weights.of_provisions`` counts them: each provision
        is one document per language it has text in."""
        df: dict[str, Counter[str]] = {}
        n: Counter[str] = Counter()
        for name, language in self._languages.items():
            counts, documents = language.document_frequency()
            df[name] = Counter(dict(zip(language.names, counts.tolist(), strict=True)))
            n[name] = documents
        return Weights(df, n)

    def alike_pairs(self, weights: Weights, threshold: float) -> dict[int, set[int]] | None:
        """For each later provision, the earlier provisions (strictly earlier date) that could be alike enough.

        ``None`` when the threshold is so low (at or below the rounding margin) that every pair counts.
        """
        cutoff = threshold - ROUNDING_MARGIN
        if cutoff <= 0:
            return None
        found: dict[int, set[int]] = {}
        if threshold > 1:  # no index rounds above 1.0
            return found
        for language in self._languages.values():
            side = _Side.of(language, weights, cutoff)
            if side is None:
                continue
            for later, earlier in side.blocks():
                for q, p in side.join(later, earlier, cutoff):
                    found.setdefault(q, set()).add(p)
        return found


class _Stems(dict[str, int]):
    """Each word of a language → the number of its stem, stemmed when first asked for."""

    def __init__(self, language: str, names: list[str]) -> None:
        super().__init__()
        self.language, self.names, self.numbers = language, names, dict[str, int]()

    def __missing__(self, word: str) -> int:
        stem = _stem(self.language, word)
        number = self.numbers.get(stem)
        if number is None:
            number = self.numbers[stem] = len(self.names)
            self.names.append(stem)
        self[word] = number
        return number


class _Language:
    """The texts of one language: who they belong to, and each one's stems as numbers (``names`` the stems)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.names: list[str] = []
        self.words = _Stems(language, self.names)
        self.key: list[int] = []
        self.verbatim: list[bool] = []
        self.verbatim_languages: list[frozenset[str]] = []
        self.date: list[int | None] = []
        self._flat: list[int] = []
        self._lengths: list[int] = []
        self._sets: tuple[Ints, Ints, Ints] | None = None

    def add(self, key: int, verbatim: bool, text: str, verbatim_languages: frozenset[str], date: int | None) -> int:
        # the words of wording.normalise, each stemmed once: the stems of wording.stems_of
        before = len(self._flat)
        self._flat.extend(map(self.words.__getitem__, _WORD_RE.findall(text.lower().replace("ё", "е"))))
        self._lengths.append(len(self._flat) - before)
        self.key.append(key)
        self.verbatim.append(verbatim)
        self.verbatim_languages.append(verbatim_languages)
        self.date.append(date)
        self._sets = None
        return len(self.key) - 1

    def sets(self) -> tuple[Ints, Ints, Ints]:
        """Each text's stems without repeats: ``(text, stem)`` sorted by text then stem, and where each
        text's run starts."""
        if self._sets is None:
            lengths = np.array(self._lengths, dtype=np.int64)
            span = max(len(self.names), 1)
            code = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths) * span
            code += np.array(self._flat, dtype=np.int64)
            code.sort()
            code = code[np.concatenate(([True], code[1:] != code[:-1]))] if len(code) else code
            text, stem = code // span, code % span
            starts = np.searchsorted(text, np.arange(len(lengths) + 1, dtype=np.int64))
            self._sets = (text, stem, starts)
        return self._sets

    def stems(self, index: int) -> frozenset[str]:
        _, stem, starts = self.sets()
        return frozenset(map(self.names.__getitem__, stem[starts[index] : starts[index + 1]].tolist()))

    def document_frequency(self) -> tuple[Ints, int]:
        """In how many provisions each stem is found (a provision's texts in this language are one
        document), and how many provisions have text in this language."""
        text, stem, _ = self.sets()
        span = max(len(self.names), 1)
        code = np.array(self.key, dtype=np.int64)[text] * span + stem
        code.sort()  # (np.unique hashes, and is much slower here than a sort)
        documents = code[np.concatenate(([True], code[1:] != code[:-1]))] % span if len(code) else code
        return np.bincount(documents, minlength=len(self.names)).astype(np.int64), len(set(self.key))


class _Side:
    """The texts of one language that can be linked, as arrays: their prefixes sorted by stem, what the
    bound needs, and what :meth:`blocks` pairs them by."""

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
        self.verbatim: Mask = np.zeros(len(key), dtype=bool)
        self.verbatim_languages: list[frozenset[str]] = []

    @classmethod
    def of(cls, texts: _Language, weights: Weights, cutoff: float) -> _Side | None:
        """The texts of ``texts`` that have stems and a date, or ``None`` if there are none."""
        text, stem, starts = texts.sets()
        lengths = np.diff(starts)
        dated = np.array([d is not None for d in texts.date], dtype=bool)
        chosen = np.flatnonzero(dated & (lengths > 0))
        if not len(chosen):
            return None
        renumber = np.full(len(lengths), -1, dtype=np.int64)
        renumber[chosen] = np.arange(len(chosen), dtype=np.int64)
        keep = renumber[text] >= 0
        text, stem, lengths = renumber[text[keep]], stem[keep], lengths[chosen]
        # Weights.weight for every stem at once (a filter: the last bits of the logarithm do not matter)
        n = weights.n[texts.language]
        df = weights.df.get(texts.language, Counter())
        found = np.maximum(np.array([df[s] for s in texts.names], dtype=np.float64), 1.0)
        weight = np.log(1 + (np.maximum(n, found) - found + 0.5) / (found + 0.5))
        by_name = np.empty(len(texts.names), dtype=np.int64)
        by_name[sorted(range(len(texts.names)), key=texts.names.__getitem__)] = np.arange(len(texts.names))
        # the one order of the language's stems: heaviest first, then by the stem itself
        order = np.lexsort((by_name, -weight))
        rank_of = np.empty(len(texts.names), dtype=np.int64)
        rank_of[order] = np.arange(len(texts.names))
        code = text * len(texts.names) + rank_of[stem]
        code.sort()
        text, rank = code // len(texts.names), code % len(texts.names)
        w = weight[order][rank]
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
        picked = chosen.tolist()
        side = cls(
            np.array([texts.key[i] for i in picked], dtype=np.int64),
            np.array([texts.date[i] for i in picked], dtype=np.int64),
            total,
            rest,
            boundary,
            text[in_prefix],
            rank[in_prefix],
            w[in_prefix],
        )
        side.verbatim = np.array([texts.verbatim[i] for i in picked], dtype=bool)
        side.verbatim_languages = [texts.verbatim_languages[i] for i in picked]
        return side

    def blocks(self) -> Iterator[tuple[Mask, Mask]]:
        """Which later texts to pair with which earlier ones: the pairs ``compare`` would score.

        Verbatim with verbatim; and any texts of two provisions that have no verbatim language in common
        (then :func:`~legalgen.analysis.wording.compare` falls back on paraphrases).
        """
        if self.verbatim.any():
            yield self.verbatim, self.verbatim
        classes = sorted(set(self.verbatim_languages), key=sorted)
        member = {c: np.array([v == c for v in self.verbatim_languages], dtype=bool) for c in classes}
        for a in classes:
            for b in classes:
                if not a & b:
                    yield member[a], member[b]

    def join(
        self, later: npt.NDArray[np.bool_], earlier: npt.NDArray[np.bool_], cutoff: float
    ) -> Iterator[tuple[int, int]]:
        """``(later key, earlier key)`` of every pair of texts (later from ``later``, earlier from ``earlier``,
        strictly earlier date) that share a prefix stem and whose bound reaches the cutoff."""
        dates = np.sort(self.date)
        date_rank = np.searchsorted(dates[np.concatenate(([True], dates[1:] != dates[:-1]))], self.date)
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
        # one number per pair, small enough for 32 bits when it can be (sorting those is faster)
        base, span = int(x[0]), len(self.key)
        code = (x - base) * span + y
        if (int(x[-1]) - base + 1) * span < 2**31:
            code = code.astype(np.int32)
        sort = np.argsort(code)
        code = code[sort]
        first = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1])))
        pair = code[first].astype(np.int64)
        shared = np.add.reduceat(np.repeat(l_weight, count)[sort], first)
        x, y = pair // span + base, pair % span
        bx, by = self.boundary[x], self.boundary[y]
        rx, ry = self.rest[x], self.rest[y]
        past = np.where(bx < by, rx, np.where(bx > by, ry, np.minimum(rx, ry)))
        most = shared + past
        keep = most * (1 + cutoff) * (1 + SLACK) >= cutoff * (self.total[x] + self.total[y])
        yield from zip(self.key[x[keep]].tolist(), self.key[y[keep]].tolist(), strict=True)


__all__ = ["SLACK", "Texts"]
