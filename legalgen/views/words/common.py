"""The plain words of the domain: dates, counts, languages, kinds, provisions and positions as a reader meets them.

Every format writes these the same way; nothing here knows about markup.

    >>> long_date(dt.date(1997, 4, 2))
    '2 April 1997'
    >>> plural(3, "instrument")
    '3 instruments'
    >>> provision_label("art-14/para-7")
    'art. 14(7)'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from babel import Locale

from legalgen.analysis import Grade
from legalgen.ids import ProvisionRef, article_label, parse_provision_id
from legalgen.records import Reliability, Topic, Verbatim
from legalgen.views.words.cldr_quotes import QUOTES, ROOT

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """``2 April 1997``: the form a court document uses, independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def long_dates(text: str) -> str:
    """``1998-12-25`` → ``25 December 1998`` in text a reader sees (JSON keeps the ISO dates)."""
    return ISO_DATE.sub(lambda m: long_date(dt.date(int(m[1]), int(m[2]), int(m[3]))), text)


@dataclass(frozen=True)
class Naming:
    """How a phrase names the dates and the other instruments it mentions.

    A document (report, brief, Markdown summary) writes long dates and names an instrument by its short
    title; the terminal writes ISO dates and ids, the words a user types back. The phrase itself — which
    verb, which order — is the same in both.

    >>> Naming.terminal().instrument("1999-union-state"), Naming.terminal().date(dt.date(2000, 1, 26))
    ('1999-union-state', '2000-01-26')
    >>> prose = Naming.prose({"1999-union-state": "Union State Treaty (1999)"})
    >>> prose.instrument("1999-union-state"), prose.date(dt.date(2000, 1, 26))
    ('the Union State Treaty (1999)', '26 January 2000')
    """

    titles: Mapping[str, str] | None = None  # id → short title; None names instruments by id
    iso: bool = False

    @classmethod
    def prose(cls, titles: Mapping[str, str]) -> Naming:
        return cls(titles, iso=False)

    @classmethod
    def terminal(cls) -> Naming:
        return cls(None, iso=True)

    def date(self, day: dt.date) -> str:
        return day.isoformat() if self.iso else long_date(day)

    def instrument(self, iid: str) -> str:
        """``the Union State Treaty (1999)`` in prose, never the bare id; the id where no title is known."""
        if self.titles is not None and iid in self.titles:
            return f"the {self.titles[iid]}"
        return iid


def plural(count: int, noun: str) -> str:
    """``1 instrument``, ``2 instruments``: a count and its noun, in agreement."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def sentence_case(text: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower-case "Minsk")."""
    return text[:1].upper() + text[1:]


def full_stop(text: str) -> str:
    """End ``text`` with one full stop, whether or not it already has one."""
    return text if text.endswith((".", "!", "?")) else text + "."


#: The language legalgen writes its own words in: every label, heading and sentence of a document. The
#: texts it quotes keep their own language, and each carries it (``lang``) wherever it is printed.
DOCUMENT_LANGUAGE = "en"


@functools.cache
def language_name(code: str, in_language: str = DOCUMENT_LANGUAGE) -> str:
    """A language as the document names it, from CLDR (through Babel): ``fr`` → ``French``.

    The name is in the document's language (``in_language``), never in the language named: an English
    document says "German", not "Deutsch". A code CLDR does not know stays as it is.

    >>> language_name("fr"), language_name("de"), language_name("ro"), language_name("de", "fr")
    ('French', 'German', 'Romanian', 'allemand')
    >>> language_name("xx")
    'xx'
    """
    name = Locale.parse(in_language).languages.get(code)
    return str(name) if name else code


@dataclass(frozen=True)
class QuoteMarks:
    """A language's quotation marks, from CLDR's ``<delimiters>``: the usual pair and the alternate one.

    >>> quote_marks("de")
    QuoteMarks(open='„', close='“', alt_open='‚', alt_close='‘')
    >>> quote_marks("fr").pair, quote_marks("ru").pair, quote_marks("en").pair
    ('«…»', '«…»', '“…”')
    """

    open: str
    close: str
    alt_open: str
    alt_close: str

    @property
    def pair(self) -> str:
        """``«…»``: the marks around an ellipsis, as a legend shows them."""
        return f"{self.open}…{self.close}"


def quote_marks(code: str) -> QuoteMarks:
    """The quotation marks of a language (CLDR's root marks, “…”, for a language CLDR does not know)."""
    return QuoteMarks(*QUOTES.get(code, ROOT))


@dataclass(frozen=True)
class QuotePiece:
    """A run of a quotation as printed: the source's words between their marks, a restoration, or a cut.

    ``kind`` is ``words`` (the source's words; ``open``/``close`` hold the quotation marks and any ``[…]``
    that stand with them), ``restored`` (the editors' words, printed in square brackets outside the marks)
    or ``cut`` (a ``[…]`` that stands outside the marks, after a restoration). ``space``: a space before it.
    """

    text: str
    kind: str = "words"
    open: str = ""
    close: str = ""
    space: bool = False


CUT = "[…]"


def quote_pieces(text: Verbatim) -> tuple[tuple[QuotePiece, ...], ...]:
    """A verbatim text as printed, paragraph by paragraph: the source's words inside the marks of its language,
    closed before and reopened after each restoration, ``[…]`` where the source cut it.

    >>> from legalgen.records import Restoration
    >>> v = Verbatim(kind="verbatim", language="ru", text="нормах международ", source="S1", locator="art. 3",
    ...              incomplete=True, restorations=(Restoration(text="ного права", after="международ", joined=True),))
    >>> quoted(v)
    '«нормах международ»[ного права] […]'
    """
    marks = quote_marks(text.language)
    flat: list[QuotePiece | None] = []  # None: a paragraph break
    for part in text.parts():
        if part.restored:
            flat.append(QuotePiece(part.text, "restored", space=part.space))
            continue
        for n, line in enumerate(part.text.split("\n")):
            if n:
                flat.append(None)
            if line.strip():
                flat.append(QuotePiece(line.strip(), space=part.space and not n))
    pieces = [p for p in flat if p is not None]
    if text.incomplete and text.cut in ("end", "both") and pieces and pieces[-1].kind == "restored":
        flat.append(QuotePiece(CUT, "cut", space=True))
    head = f"{CUT} " if text.incomplete and text.cut in ("start", "both") else ""
    tail = f" {CUT}" if text.incomplete and text.cut in ("end", "both") else ""
    out: list[list[QuotePiece]] = [[]]
    for i, piece in enumerate(flat):
        if piece is None:
            out.append([])
            continue
        if piece.kind == "words":
            before = next((p for p in reversed(flat[:i]) if p is not None), None)
            after = next((p for p in flat[i + 1 :] if p is not None), None)
            opening = before is None or before.kind != "words"
            closing = after is None or after.kind != "words"
            piece = QuotePiece(
                piece.text,
                open=(marks.open + (head if before is None else "")) if opening else "",
                close=((tail if after is None else "") + marks.close) if closing else "",
                space=piece.space,
            )
        elif piece.kind == "restored" and i == 0 and head:
            out[-1].append(QuotePiece(CUT, "cut"))
            piece = QuotePiece(piece.text, "restored", space=True)
        out[-1].append(piece)
    return tuple(tuple(p) for p in out if p)


def quoted(text: Verbatim) -> str:
    """A verbatim text as one string, as the terminal and Markdown print it (paragraphs on their own lines)."""
    return "\n".join(
        "".join(
            (" " if p.space else "") + (f"[{p.text}]" if p.kind == "restored" else p.open + p.text + p.close)
            for p in para
        )
        for para in quote_pieces(text)
    )


KIND_LABELS = {
    "treaty": "Treaty",
    "agreement": "Agreement",
    "charter": "Charter",
    "declaration": "Declaration",
    "protocol": "Protocol",
    "law": "Law",
}

RELIABILITY: dict[Reliability, tuple[str, str]] = {
    Reliability.official_publication: (
        "Official publication",
        "The text as enacted or concluded, published by a party, the depositary or an official gazette or portal.",
    ),
    Reliability.legal_database: (
        "Legal database",
        "A legal information system reproducing the text; reliable, but not the official publication.",
    ),
    Reliability.reprint: (
        "Reprint",
        "A copy of the text in a book, a collection or a website that is not its official publisher.",
    ),
    Reliability.unofficial_translation: (
        "Unofficial translation",
        "A translation by a publisher or database, not by the parties; useful for meaning, never binding.",
    ),
    Reliability.official_statement: (
        "Official statement",
        "An official body's statement about the instrument: evidence of what it reports, not of the wording.",
    ),
    Reliability.news: (
        "News report",
        "A news report, from a state or a private agency: evidence that something happened, not of the wording.",
    ),
    Reliability.commentary: (
        "Commentary",
        "Scholarship, an expert's article, teaching notes or an encyclopaedia: context and leads, not authority.",
    ),
    Reliability.draft: (
        "Draft",
        "A draft of the text before signature or adoption: it may differ from the text as concluded.",
    ),
}

#: How strong the evidence for a statement is (:class:`legalgen.analysis.Grade`): a short label and what it means.
GRADES: dict[Grade, tuple[str, str]] = {
    Grade.official_original: ("official text", "The original wording, seen in an official publication."),
    Grade.official_translation: ("official translation", "An official translation's wording, seen in a named source."),
    Grade.legal_database: (
        "text from a legal database",
        "The original wording, seen in a legal database or a reprint, not in the official publication.",
    ),
    Grade.unofficial_translation: (
        "unofficial translation only",
        "Only an unofficial translation's wording was seen.",
    ),
    Grade.paraphrase_of_text: (
        "paraphrase of the text",
        "A paraphrase by someone who saw the text (a source reproducing it is cited); no wording is quoted.",
    ),
    Grade.account: (
        "accounts or a draft only, the text itself not seen",
        "Known only from news, commentary, an official statement or a draft; nobody here saw the text.",
    ),
}


def grade_label(grade: Grade | None) -> str:
    """``text from a legal database``: the evidence grade as a reader sees it beside a statement."""
    return GRADES[grade][0] if grade is not None else "no provision cited"


def evidence(grade: Grade | None) -> str:
    """``evidence: accounts or a draft only, the text itself not seen`` — the tag every statement of the law carries."""
    return f"evidence: {grade_label(grade)}"


def provision_label(pid: str) -> str:
    """``art-14/para-7`` → ``art. 14(7)``."""
    return article_label(*parse_provision_id(pid))


def recorded_in_part(extent: str) -> str:
    """What a provision recorded only in part says with its texts: ``Recorded in part: only the first sentence.``"""
    return f"Recorded in part: {full_stop(extent)}"


def ref_label(ref_text: str, titles: Mapping[str, str]) -> str:
    """``1995-customs-union/art-1`` as a lawyer writes it: ``Customs Union Agreement (1995), art. 1``."""
    ref = ProvisionRef.parse(ref_text)
    return f"{titles.get(ref.instrument, ref.instrument)}, {article_label(ref.article, ref.paragraph)}"


def by_its(pid: str) -> str:
    """``by its art. 70(1)``, or ``by a provision whose article number was not identified``."""
    article, paragraph = parse_provision_id(pid)
    if article == "unidentified":
        return "by a provision whose article number was not identified"
    return f"by its {article_label(article, paragraph)}"


def value_label(topic: Topic, dimension: str, value: str) -> str:
    """A dimension's value in words (``kept-alongside`` → ``Kept alongside union citizenship``)."""
    found = topic.dimension(dimension)
    v = found.value(value) if found else None
    return v.label if v else value
