"""The wording measure: how alike two texts are, and the tokens a redline is made of.

``legalgen genealogy`` (which clause carries which forward) and ``legalgen diff`` (which provision of B
answers to which of A) must agree on when two clauses say the same thing, so both measure wording here.

**Words** (:func:`normalise`): the words of a text, lower-case (``ё`` → ``е``), each reduced to its stem
by the Snowball stemmer of the text's language (snowballstemmer: Russian, English, French, German,
Spanish, Italian, Romanian and two dozen more; a language it does not know keeps whole words), so that
case endings and suffixes do not hide a shared word: "суверенитет" / "суверенитета", "citoyenneté" /
"citoyennetés". Nothing is dropped by a word list in any language.

**Similarity** (:func:`similarity`, :meth:`Weights.similarity`) is the *weighted* Jaccard index of the
two sets of stems: the weight of the stems both texts share over the weight of all their stems. A stem's
weight is its inverse document frequency in a collection of texts of the same language (the corpus's
provisions): a word found in nearly every provision ("the", "и", "de", "der") weighs almost nothing and
a rare one a lot, so function words of any language stop counting without anybody listing them. With no
collection every stem weighs 1 (the plain Jaccard index). Only texts in the same language are compared.
Two clauses are alike enough to suggest a link at :data:`THRESHOLD`.

    >>> similarity("Каждое государство сохраняет суверенитет", "каждое государство сохраняет суверенитета", "ru")
    1.0

**Evidence.** A comparison of verbatim with verbatim text is evidence of the law's own words; one that
involves a paraphrase measures the editors' words as much. :class:`Comparison` says which, and ranks
verbatim evidence above any paraphrase score (:attr:`Comparison.rank`).

**Tokens** are what a redline compares: words (hyphenated words stay whole) and single punctuation
marks, each remembering the whitespace before it for display.

    >>> tokenize("Союз, 1999.").words
    ('Союз', ',', '1999', '.')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Literal, NamedTuple

import snowballstemmer

from legalgen.analysis.defaults import THRESHOLD
from legalgen.records import Paraphrase, Provision, Verbatim

#: ISO 639-1 codes → the Snowball algorithm for the language (every language snowballstemmer has).
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

TOKEN_RE = re.compile(r"\w+(?:[-‐‑'’]\w+)*|[^\w\s]")
_WORD_RE = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------- words


@lru_cache(maxsize=64)
def _stemmer(language: str) -> snowballstemmer.Stemmer | None:
    algorithm = SNOWBALL.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=65536)  # a corpus has a few thousand distinct words; each is stemmed once
def _stem(language: str, word: str) -> str:
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer is not None else word


def normalise(text: str, language: str) -> tuple[str, ...]:
    """The comparable words of ``text`` in ``language``: lower-case, ``ё`` → ``е``, stemmed.

    >>> normalise("Каждое государство - участник Союза сохраняет суверенитет", "ru")
    ('кажд', 'государств', 'участник', 'союз', 'сохраня', 'суверенитет')
    >>> normalise("Les citoyennetés nationales", "fr"), normalise("Die Staatsangehörigkeiten", "de")
    (('le', 'citoyennet', 'national'), ('die', 'staatsangehor'))
    """
    words = _WORD_RE.findall(text.lower().replace("ё", "е"))
    return tuple(_stem(language, w) for w in words)


def jaccard(a: Set[str], b: Set[str], weight: Mapping[str, float] | None = None) -> float:
    """Weight of the shared stems over the weight of all stems of two sets (each stem 1 by default); 0.0
    when either is empty (unrounded).

    >>> jaccard({"сувер", "госуд"}, {"сувер", "союза"})
    0.3333333333333333
    >>> jaccard({"the", "sovereign"}, {"the", "currenc"}, {"the": 0.1, "sovereign": 2.0, "currenc": 2.0})
    0.02439024390243903
    """
    if not a or not b:
        return 0.0
    if weight is None:
        return len(a & b) / len(a | b)
    union = sum(weight.get(w, 1.0) for w in a | b)
    return sum(weight.get(w, 1.0) for w in a & b) / union if union else 0.0


@dataclass
class Weights:
    """Inverse document frequency of each stem, per language, over a collection of texts.

    Each text is one document; a stem in ``df`` of ``n`` documents weighs ``log(1 + (n - df + ½) / (df + ½))``
    (the smoothed idf of Robertson and Spärck Jones): near 0 for a stem found everywhere, highest for a stem
    found once. A stem the collection has not seen weighs as one found once.

    >>> w = Weights.of([("ru", "и союз"), ("ru", "и договор"), ("ru", "и граница")])
    >>> round(w.weight("ru", "и"), 2), round(w.weight("ru", "союз"), 2)
    (0.13, 0.98)
    """

    df: dict[str, Counter[str]] = field(default_factory=dict)
    n: Counter[str] = field(default_factory=Counter)
    _cache: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, texts: Iterable[tuple[str, str]]) -> Weights:
        """Weights over ``(language, text)`` documents."""
        weights = cls()
        for language, text in texts:
            weights.add(language, set(normalise(text, language)))
        return weights

    @classmethod
    def of_provisions(cls, provisions: Iterable[Provision]) -> Weights:
        """Weights over provisions: each provision is one document per language it has text in."""
        weights = cls()
        for prov in provisions:
            stems: dict[str, set[str]] = {}
            for t in prov.texts:
                stems.setdefault(t.language, set()).update(normalise(t.text, t.language))
            for language, words in stems.items():
                weights.add(language, words)
        return weights

    def add(self, language: str, stems: Set[str]) -> None:
        self.df.setdefault(language, Counter()).update(stems)
        self.n[language] += 1
        self._cache.clear()

    def weight(self, language: str, stem: str) -> float:
        key = (language, stem)
        if (found := self._cache.get(key)) is not None:
            return found
        n = self.n[language]
        df = self.df.get(language, Counter())[stem] or 1
        self._cache[key] = w = math.log(1 + (max(n, df) - df + 0.5) / (df + 0.5))
        return w

    def similarity(self, a: Set[str], b: Set[str], language: str) -> float:
        """Weighted Jaccard index of two sets of stems in ``language`` (unrounded)."""
        if not a or not b:
            return 0.0
        union = sum(self.weight(language, w) for w in a | b)
        return sum(self.weight(language, w) for w in a & b) / union if union else 0.0


def similarity(a: str, b: str, language: str, weights: Weights | None = None) -> float:
    """Weighted Jaccard index of the stems of ``a`` and ``b`` in ``language`` (0.0 to 1.0, rounded to 3 places).

    Without ``weights`` every stem weighs 1: two texts alone say nothing about which words are common.
    """
    x, y = set(normalise(a, language)), set(normalise(b, language))
    score = weights.similarity(x, y, language) if weights is not None else jaccard(x, y)
    return round(score, 3)


class Comparison(NamedTuple):
    """The best comparison of two provisions' texts: its score, the language compared and what was compared.

    ``compared`` is ``verbatim`` (wording against wording) or ``paraphrase`` (at least one side only a
    summary, so the score measures the editors' words as much as the law's).
    """

    score: float
    language: str
    compared: Literal["verbatim", "paraphrase"]

    @property
    def rank(self) -> tuple[bool, float]:
        """Evidence first, then score: any verbatim comparison outranks any paraphrase one."""
        return (self.compared == "verbatim", self.score)


def stems_of(text: Verbatim | Paraphrase) -> frozenset[str]:
    """The set of stems a provision's text is compared by: :func:`normalise` of its text in its language."""
    return frozenset(normalise(text.text, text.language))


def compare(
    p: Provision,
    q: Provision,
    weights: Weights | None = None,
    stems: Callable[[Verbatim | Paraphrase], Set[str]] = stems_of,
) -> Comparison | None:
    """The best :class:`Comparison` over same-language texts of two provisions, or ``None``.

    Verbatim pairs are preferred: paraphrases are compared only when no verbatim pair shares a language.
    ``stems`` gives a text's stems (:func:`stems_of`; a caller comparing the same texts many times passes
    one that remembers them).
    """
    pairs = [(s, t) for s, t in product(p.texts, q.texts) if s.language == t.language]
    if not pairs:
        return None
    verbatim = [(s, t) for s, t in pairs if isinstance(s, Verbatim) and isinstance(t, Verbatim)]
    pool: list[tuple[Verbatim | Paraphrase, Verbatim | Paraphrase]] = list(verbatim or pairs)
    scored = [(_score(stems(s), stems(t), s.language, weights), s.language) for s, t in pool]
    score, language = max(scored)
    return Comparison(score, language, "verbatim" if verbatim else "paraphrase")


def _score(x: Set[str], y: Set[str], language: str, weights: Weights | None) -> float:
    """:func:`similarity` of two texts already cut into stems."""
    return round(weights.similarity(x, y, language) if weights is not None else jaccard(x, y), 3)


# --------------------------------------------------------------------------- candidates

#: how far below a threshold an unrounded score may lie and still round up to it (scores are rounded to 3
#: places), with room to spare for the order in which floating-point weights are added
ROUNDING_MARGIN = 0.001


def stems_of_text(text: str, language: str) -> frozenset[str]:
    """The set of stems of ``text`` in ``language``: ``frozenset(normalise(text, language))``."""
    return frozenset(normalise(text, language))


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Tokens:
    """A text cut into words and punctuation marks, remembering the whitespace before each for display."""

    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def chunk(self, start: int, end: int) -> str:
        """Tokens ``start:end`` as written, runs of spaces collapsed (a line break stays a line break)."""
        if start >= end:
            return ""
        return _squeeze(self.text[self.spans[start][0] : self.spans[end - 1][1]])

    def gap(self, index: int) -> str:
        """The whitespace before token ``index``: ``''``, ``' '`` or ``'\\n'``."""
        if index <= 0 or index >= len(self.spans):
            return ""
        between = self.text[self.spans[index - 1][1] : self.spans[index][0]]
        return "\n" if "\n" in between else (" " if between else "")


@lru_cache(maxsize=8192)  # a text is tokenized for matching, for redlining and for display: once
def tokenize(text: str) -> Tokens:
    """``tokenize("Союз, 1999.").words == ('Союз', ',', '1999', '.')``."""
    matches = list(TOKEN_RE.finditer(text))
    return Tokens(text, tuple(m.group() for m in matches), tuple(m.span() for m in matches))


def _squeeze(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]*\n\s*", "\n", re.sub(r"[ \t\r\f\v]+", " ", text))


__all__ = [
    "ROUNDING_MARGIN",
    "SNOWBALL",
    "THRESHOLD",
    "TOKEN_RE",
    "Comparison",
    "Tokens",
    "Weights",
    "compare",
    "jaccard",
    "normalise",
    "similarity",
    "stems_of",
    "stems_of_text",
    "tokenize",
]
