"""The one identifier grammar of legalgen.

An **instrument id** names one record and is its file stem: lower-case words joined by hyphens,
conventionally starting with the year of signature, e.g. ``1999-union-state``.

An **article designation** is written in a record as the treaty writes it (:data:`DESIGNATION`):

======================  ==================  ==================
written (``article:``)  provision id        pin cite
======================  ==================  ==================
``14``                  ``art-14``          art. 14
``8b``                  ``art-8b``          art. 8b
``8 bis``               ``art-8-bis``       art. 8 bis
``F``                   ``art-f``           art. F
``IV``                  ``art-iv``          art. IV
``II-3``                ``art-ii-3``        art. II-3
``J.1``                 ``art-j.1``         art. J.1
``preamble``            ``preamble``        preamble
``unidentified``        ``unidentified``    article not identified
======================  ==================  ==================

Each designation has one written form, so the id reads back into it: numbers with the letters that follow
them in lower case (``8b``), a Latin ordinal after a space (``8 bis``, ``12 ter``), a letter or roman
numeral in capitals (``F``, ``IV``), parts joined by ``-`` or ``.`` (``II-3``, ``J.1``). ``unidentified``
is for a provision a source describes without giving its article.

A **provision id** names a unit of an instrument: ``preamble``, ``art-14``, ``art-f/para-1``,
``unidentified`` or ``unidentified/para-a``. A **provision reference** joins the two:
``1999-union-state/art-14/para-7``.

The same strings serve as file names, HTML anchors, PDF bookmarks, pin cites and CLI arguments::

    >>> ref = ProvisionRef.parse("1999-union-state/art-14/para-7")
    >>> ref.instrument, ref.article, ref.paragraph
    ('1999-union-state', '14', '7')
    >>> str(ref)
    '1999-union-state/art-14/para-7'
    >>> ref.anchor
    '1999-union-state--art-14--para-7'
    >>> ProvisionRef.parse("1992-teu/art-f/para-1").label
    'art. F(1)'

Provisions are listed in the **natural order** of their designations (:func:`provision_order`): the
preamble first, then the articles — numbers numerically with their Latin ordinals and letters (8, 8 bis, 8a,
8b, 9, 10), letters alphabetically, roman numerals by value — each article before its paragraphs,
paragraphs in order, and ``unidentified`` last.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

INSTRUMENT_ID = r"(?=[a-z0-9-]{1,80}(?:/|$))[a-z0-9]+(?:-[a-z0-9]+)*"
#: Latin ordinals that follow an article number after a space (``8 bis``), in their order.
LATIN_ORDINALS = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
_LATIN = "|".join(LATIN_ORDINALS)
_SEGMENT = rf"(?:[0-9]{{1,4}}[a-z]{{0,2}}(?: (?:{_LATIN}))?|[A-Z]{{1,8}})"
#: An article designation as a treaty writes it: ``14``, ``8b``, ``8 bis``, ``F``, ``IV``, ``II-3``, ``J.1``.
DESIGNATION = rf"{_SEGMENT}(?:[-.]{_SEGMENT}){{0,3}}"
ARTICLE = rf"preamble|unidentified|{DESIGNATION}"
PARAGRAPH = r"[0-9a-z]{1,8}"
_ARTICLE_ID = r"[0-9a-z]{1,8}(?:[-.][0-9a-z]{1,10}){0,5}"

INSTRUMENT_ID_RE = re.compile(rf"^{INSTRUMENT_ID}$")
ARTICLE_RE = re.compile(rf"^(?:{ARTICLE})$")
PARAGRAPH_RE = re.compile(rf"^{PARAGRAPH}$")
PROVISION_ID_RE = re.compile(
    rf"^(?:(?P<special>preamble|unidentified)|art-(?P<art>{_ARTICLE_ID}))(?:/para-(?P<para>{PARAGRAPH}))?$"
)
PROVISION_REF_RE = re.compile(rf"^(?P<instrument>{INSTRUMENT_ID})/(?P<provision>.+)$")
_ROMAN_RE = re.compile(r"^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


def is_instrument_id(text: str) -> bool:
    return bool(INSTRUMENT_ID_RE.match(text))


def is_designation(article: str) -> bool:
    """Whether ``article`` is an article designation in its one written form (so its id reads back into it).

    >>> [is_designation(a) for a in ("8 bis", "F", "II-3", "8B", "f", "Art. F", "8bis")]
    [True, True, True, False, False, False, False]
    """
    if not ARTICLE_RE.match(article):
        return False
    return article in ("preamble", "unidentified") or _designation_of(_article_part(article)) == article


def _article_part(article: str) -> str:
    return article.lower().replace(" ", "-")


def _designation_of(part: str) -> str:
    """``8-bis`` → ``8 bis``, ``ii-3`` → ``II-3``, ``f`` → ``F``, ``8b`` → ``8b``: an id's article, as written."""
    pieces = re.split(r"([-.])", part)
    out = pieces[0] if pieces[0][:1].isdigit() else pieces[0].upper()
    for sep, seg in zip(pieces[1::2], pieces[2::2], strict=True):
        if sep == "-" and seg in LATIN_ORDINALS and re.search(r"[0-9][a-z]*$", out):
            out += f" {seg}"
        else:
            out += sep + (seg if seg[:1].isdigit() else seg.upper())
    return out


def provision_id(article: str, paragraph: str | None = None) -> str:
    """Format the id of a provision: ``provision_id('14', '7') == 'art-14/para-7'``, ``provision_id('8 bis') == 'art-8-bis'``."""
    head = article if article in ("preamble", "unidentified") else f"art-{_article_part(article)}"
    return f"{head}/para-{paragraph}" if paragraph else head


def parse_provision_id(text: str) -> tuple[str, str | None]:
    """Split ``art-14/para-7`` into ``('14', '7')``, ``art-f/para-1`` into ``('F', '1')``; ValueError otherwise.

    >>> parse_provision_id("art-8-bis"), parse_provision_id("art-ii-3/para-2")
    (('8 bis', None), ('II-3', '2'))
    """
    m = PROVISION_ID_RE.match(text)
    article = m["special"] or _designation_of(m["art"]) if m else ""
    if not m or not is_designation(article):
        hint = ""
        if text != text.lower() and PROVISION_ID_RE.match(text.lower()):
            hint = f" (ids are lower case: {text.lower()!r})"
        raise ValueError(
            f"{text!r} is not a provision id{hint}; write it as 'art-14', 'art-8b', 'art-8-bis', 'art-f', "
            "'art-14/para-7', 'preamble' or 'unidentified'"
        )
    return (article, m["para"])


def suggest_designation(text: str) -> tuple[str, str | None] | None:
    """The designation (and paragraph) a newcomer most likely meant, in its written form, or ``None``.

    >>> suggest_designation("Art. F(1)"), suggest_designation("8bis"), suggest_designation("8 B")
    (('F', '1'), ('8 bis', None), ('8b', None))
    """
    s = re.sub(r"^\s*(?:article|artikel|artículo|articolo|art\.?)\s*", "", text.strip(), flags=re.IGNORECASE)
    paragraph = None
    if m := re.match(r"^(.*?)\s*(?:\((\w{1,8})\)|§\s*(\w{1,8}))$", s):
        s, paragraph = m[1], (m[2] or m[3]).lower()
    s = re.sub(rf"([0-9])\s*({_LATIN})\b", r"\1 \2", s, flags=re.IGNORECASE)
    s = re.sub(r"([0-9])\s+([A-Za-z]{1,2})\b", r"\1\2", s)
    s = re.sub(rf"(?i)\b({_LATIN})\b", lambda w: w[1].lower(), s)
    s = re.sub(r"\s*([-.])\s*", r"\1", s)
    pieces = re.split(r"([-. ])", s)
    s = "".join(p if p[:1].isdigit() or p.lower() in LATIN_ORDINALS else p.upper() for p in pieces)
    s = re.sub(r"([0-9])([A-Z]{1,2})(?=$|[-. ])", lambda w: w[1] + w[2].lower(), s)
    if s and is_designation(s) and (paragraph is None or PARAGRAPH_RE.match(paragraph)):
        return s, paragraph
    return None


# --------------------------------------------------------------------------- natural order


SortKey = tuple[object, ...]


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        v = values[ch]
        total += -v if nxt and values[nxt] > v else v
    return total


def _reads_roman(words: Iterable[str]) -> bool:
    """Letters-only parts are roman numerals when every one of them can be (I, II, IV…), else letters (A, B, F…)."""
    found = [w.upper() for w in words]
    return bool(found) and all(_ROMAN_RE.match(w) for w in found)


def _part_key(part: str, roman: bool) -> SortKey:
    if m := re.match(r"^([0-9]+)([a-z]*)(?: (\w+))?$", part):
        latin = LATIN_ORDINALS.index(m[3]) + 1 if m[3] in LATIN_ORDINALS else 0
        return (0, int(m[1]), m[2], latin)
    if roman and _ROMAN_RE.match(part.upper()):
        return (0, _roman(part.upper()), "", 0)
    return (1, 0, part.lower(), 0)


def _parts(text: str) -> list[str]:
    return re.split(r"[-.]", text)


def provision_order(designations: Iterable[tuple[str, str | None]]) -> Callable[[str, str | None], SortKey]:
    """The natural sort key for the provisions of one instrument, given all their (article, paragraph) pairs.

    Whether ``C`` or ``I`` is a letter or a roman numeral depends on the instrument: the Maastricht Treaty's
    Articles A–S are letters, GATT's Articles I–XXXVIII roman numerals. Letters-only designations are read
    as roman numerals when every one of them is one, else as letters; paragraphs likewise, when at least one
    is a multi-letter numeral (``ii``, ``iv``), since ``(i)`` alone is usually the letter after ``(h)``.

    >>> pairs = [("4", "3"), ("unidentified", None), ("4", None), ("preamble", None), ("10", None),
    ...          ("8 bis", None), ("8b", None), ("4", "2"), ("8", None)]
    >>> key = provision_order(pairs)
    >>> [provision_id(*p) for p in sorted(pairs, key=lambda p: key(*p))]
    ['preamble', 'art-4', 'art-4/para-2', 'art-4/para-3', 'art-8', 'art-8-bis', 'art-8b', 'art-10', 'unidentified']
    """
    pairs = list(designations)
    words = [w for a, _ in pairs if a not in ("preamble", "unidentified") for w in _parts(a) if w.isalpha()]
    roman = _reads_roman(words)
    paras = [p for _, p in pairs if p and p.isalpha()]
    roman_paras = _reads_roman(paras) and any(len(p) > 1 for p in paras)

    def key(article: str, paragraph: str | None) -> SortKey:
        if article == "preamble":
            head: SortKey = (0,)
        elif article == "unidentified":
            head = (2,)
        else:
            head = (1, tuple(_part_key(w, roman) for w in _parts(article)))
        return (head, () if paragraph is None else _part_key(paragraph, roman_paras))

    return key


def sort_provision_ids(ids: Iterable[str]) -> list[str]:
    """Provision ids of one instrument in natural order.

    >>> sort_provision_ids(["art-6/para-1", "unidentified", "art-4/para-3", "art-5", "art-4/para-2", "art-4"])
    ['art-4', 'art-4/para-2', 'art-4/para-3', 'art-5', 'art-6/para-1', 'unidentified']
    """
    parsed = {pid: parse_provision_id(pid) for pid in ids}
    key = provision_order(parsed.values())
    return sorted(parsed, key=lambda pid: key(*parsed[pid]))


# --------------------------------------------------------------------------- references and labels


@dataclass(frozen=True, order=True)
class ProvisionRef:
    """A pointer to one provision of one instrument (``instrument/art-N[/para-M]``)."""

    instrument: str
    article: str
    paragraph: str | None = None

    @classmethod
    def parse(cls, text: str) -> ProvisionRef:
        m = PROVISION_REF_RE.match(text)
        if not m:
            raise ValueError(
                f"{text!r} is not a provision reference; write it as 'instrument-id/art-N' or 'instrument-id/art-N/para-M'"
            )
        article, paragraph = parse_provision_id(m["provision"])
        return cls(m["instrument"], article, paragraph)

    @property
    def provision(self) -> str:
        return provision_id(self.article, self.paragraph)

    @property
    def label(self) -> str:
        return article_label(self.article, self.paragraph)

    @property
    def anchor(self) -> str:
        """A fragment id safe in HTML and PDF: slashes become double hyphens."""
        return f"{self.instrument}/{self.provision}".replace("/", "--")

    def __str__(self) -> str:
        return f"{self.instrument}/{self.provision}"


def article_label(article: str, paragraph: str | None = None) -> str:
    """The pin-cite form a lawyer writes, the designation as written: ``art. 14(7)``, ``art. F(1)``,
    ``art. 8 bis``, ``preamble``, ``article not identified``."""
    if article == "preamble":
        head = "preamble"
    elif article == "unidentified":
        return f"article not identified, item {paragraph}" if paragraph else "article not identified"
    else:
        head = f"art. {article}"
    return f"{head}({paragraph})" if paragraph else head
