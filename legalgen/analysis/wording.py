"""The wording measure: how alike two texts are, and the tokens a redline is made of.

``legalgen genealogy`` (which clause carries which forward) and ``legalgen diff`` (which provision of B
answers to which of A) must agree on when two clauses say the same thing, so both measure wording here.

**Similarity** is a plain, explainable measure: the token Jaccard index of the two texts after
normalisation — lower-case, ``ё`` → ``е``, words of three or more letters, common function words dropped,
each word cut to its first :data:`STEM` letters (a crude stem, so that Russian case endings and English
suffixes do not hide a shared word: "суверенитет" / "суверенитета" → "сувер"). Only texts in the same
language are compared. Two clauses are alike enough to suggest a link at :data:`THRESHOLD`.

    >>> similarity("Каждое государство сохраняет суверенитет", "каждое государство сохраняет суверенитета")
    1.0

**Tokens** are what a redline compares: words (hyphenated words stay whole) and single punctuation
marks, each remembering the whitespace before it for display.

    >>> tokenize("Союз, 1999.").words
    ('Союз', ',', '1999', '.')
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Literal, NamedTuple

from legalgen.records import Paraphrase, Provision, Verbatim

#: letters kept of each word: a crude stem that survives Russian case endings and English suffixes
STEM = 5
#: the lowest similarity at which two clauses count as alike: ``legalgen genealogy`` suggests a link and
#: ``legalgen diff`` pairs provisions that share a topic (chosen on the real corpus: see docs/json.md)
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

TOKEN_RE = re.compile(r"\w+(?:[-‐‑'’]\w+)*|[^\w\s]")


# --------------------------------------------------------------------------- similarity


def normalise(text: str) -> tuple[str, ...]:
    """The comparable words of ``text``: lower-case, ``ё`` → ``е``, no short or function words, stemmed.

    >>> normalise("Каждое государство - участник Союза сохраняет государственный суверенитет")
    ('каждо', 'госуд', 'участ', 'союза', 'сохра', 'госуд', 'сувер')
    """
    words = re.findall(r"[^\W\d_]+", text.lower().replace("ё", "е"))
    return tuple(w[:STEM] for w in words if len(w) >= 3 and w not in _STOP)


def jaccard(a: Set[str], b: Set[str]) -> float:
    """Shared words over all words of two sets of normalised words; 0.0 when either is empty (unrounded).

    >>> jaccard({"сувер", "госуд"}, {"сувер", "союза"})
    0.3333333333333333
    """
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str) -> float:
    """Token Jaccard index of the normalised words of ``a`` and ``b`` (0.0 to 1.0, rounded to 3 places)."""
    return round(jaccard(set(normalise(a)), set(normalise(b))), 3)


class Comparison(NamedTuple):
    """The best comparison of two provisions' texts: its score, the language compared and what was compared.

    ``compared`` is ``verbatim`` (wording against wording) or ``paraphrase`` (at least one side only a
    summary, so the score measures the editors' words as much as the law's).
    """

    score: float
    language: str
    compared: Literal["verbatim", "paraphrase"]


def compare(p: Provision, q: Provision) -> Comparison | None:
    """The best :class:`Comparison` over same-language texts of two provisions, or ``None``.

    Verbatim pairs are preferred: paraphrases are compared only when no verbatim pair shares a language.
    """
    pairs = [(s, t) for s, t in product(p.texts, q.texts) if s.language == t.language]
    if not pairs:
        return None
    verbatim = [(s, t) for s, t in pairs if isinstance(s, Verbatim) and isinstance(t, Verbatim)]
    pool: list[tuple[Verbatim | Paraphrase, Verbatim | Paraphrase]] = list(verbatim or pairs)
    best = max(pool, key=lambda st: (similarity(st[0].text, st[1].text), st[0].language))
    return Comparison(
        similarity(best[0].text, best[1].text), best[0].language, "verbatim" if verbatim else "paraphrase"
    )


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
    "STEM",
    "THRESHOLD",
    "TOKEN_RE",
    "Comparison",
    "Tokens",
    "compare",
    "jaccard",
    "normalise",
    "similarity",
    "tokenize",
]
