"""Citations as lawyers write them: an instrument, or a pin cite of one provision, in OSCOLA, the Bluebook or plain.

Each style is built from the record's own fields — the English title, the parties, the signature date, the
``publication`` where one is recorded, the entry into force as :func:`legalgen.analysis.lives` decides it
(the one status rule) and the short title. Nothing is guessed: where a style asks for something the record
does not hold (a treaty-series reference, an entry into force), the citation leaves it out and a **note** says
so, for the lawyer to add from the source they used.

The rules followed, by style:

* **OSCOLA** (4th ed., §4.1, treaties): title; for a bilateral treaty the parties in parentheses, separated by
  an en dash; ``(signed DATE, entered into force DATE)``; the treaty series, or failing one the publication
  where the treaty is found; the informal title in parentheses; the pinpoint ``art 14`` with no full stop
  (OSCOLA uses no full stops in abbreviations). An instrument published in the Official Journal of the EU is cited
  in OSCOLA's form for EU treaties and legislation (§2.6): title, ``[1992] OJ C191/1``, ``art 8``.
* **Bluebook** (21st ed., R21.4, treaties): name; for three or fewer parties their names abbreviated (T10)
  and hyphenated, in alphabetical order; the subdivision ``art. 14, ¶ 7``; the date of signing (months as T12
  abbreviates them); the source. An Official Journal source is written ``1992 O.J. (C 191) 1`` (R21.8.2).
* **plain**: legalgen's own forms — the short-title pin cite ``Union State Treaty (1999), art. 14`` and, for a
  whole instrument, the full citation of the reports' table of authorities.

    >>> from legalgen.analysis import lives
    >>> union_state = corpus.instrument("1999-union-state")
    >>> print(cite_instrument(union_state, lives(corpus)[union_state.id], "oscola", "art-14").text)
    Treaty on the establishment of a Union State (Russia–Belarus) (signed 8 December 1999, entered into force 26 January 2000) UN General Assembly document A/54/666, annex (Union State Treaty) art 14
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from legalgen.analysis import Life, lives
from legalgen.errors import LegalgenError, UnknownName
from legalgen.ids import INSTRUMENT_ID_RE, ProvisionRef, article_label, parse_provision_id
from legalgen.records import Corpus, Instrument
from legalgen.views.words.common import long_date
from legalgen.views.words.life import citation


class CitationStyle(StrEnum):
    """The house styles a citation can be written in."""

    oscola = "oscola"
    bluebook = "bluebook"
    plain = "plain"


STYLES = tuple(s.value for s in CitationStyle)


@dataclass(frozen=True)
class StyledCitation:
    """A citation in one style, and what the record could not give it (``notes``, one sentence each)."""

    ref: str
    style: CitationStyle
    text: str
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- names of the parties

#: The short English name (OSCOLA) and the Bluebook's T10 abbreviation of the parties the corpora hold.
#: A party not listed here is written as its record writes it, and a note says so.
PARTY_NAMES: dict[str, tuple[str, str]] = {
    "Russian Federation": ("Russia", "Russ."),
    "Republic of Belarus": ("Belarus", "Belr."),
}

_GOVERNMENT = re.compile(r"^Government of (?:the )?")

#: The Bluebook's month abbreviations (T12): four months are written in full, September as ``Sept.``.
BLUEBOOK_MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def bluebook_date(day: dt.date) -> str:
    """``Dec. 8, 1999``: a date as the Bluebook writes it (T12)."""
    return f"{BLUEBOOK_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _party(name: str) -> tuple[str, str] | None:
    """The (short name, T10 abbreviation) of a State party; a government is named by its State."""
    state = _GOVERNMENT.sub("", name)
    for full, names in PARTY_NAMES.items():
        if state in (full, full.removeprefix("Republic of ")):
            return names
    return None


# --------------------------------------------------------------------------- publications


@dataclass(frozen=True)
class _Publication:
    """The first recorded publication: its reference as cited, as the record writes it, and an OJ reference."""

    cited: str
    recorded: str
    oj: tuple[int, str, str, str | None] | None  # (year, series, issue, first page)


# An Official Journal reference as the records write it: "Official Journal [of the European Communities] C 191,
# 29.7.1992, p. 1" — the page is optional (some records give only the issue).
_OJ = re.compile(
    r"^Official Journal(?: of the European (?:Communities|Union))? (?P<series>[LC]) (?P<issue>\d+), "
    r"\d{1,2}\.\d{1,2}\.(?P<year>\d{4})(?:, p\. (?P<page>\d+)(?: ff\.)?)?$"
)


def publication_reference(recorded: str) -> str:
    """A recorded publication as a citation gives it: cut at its first parenthetical remark, a note for the
    reader rather than part of the reference.

    >>> publication_reference("Rossiyskaya Gazeta 1996 No. 88 (cited as «РГ 96-88»; reading unverified)")
    'Rossiyskaya Gazeta 1996 No. 88'
    """
    return recorded.partition(" (")[0].rstrip(" ,;")


def _publication(inst: Instrument) -> _Publication | None:
    """The first publication the record holds, cut at its first parenthetical remark (which is a note, not
    part of the reference): ``Rossiyskaya Gazeta 1996 No. 88 (reading unverified)`` → ``Rossiyskaya Gazeta
    1996 No. 88``."""
    if not inst.publication:
        return None
    text = inst.publication[0]
    head = publication_reference(text)
    m = _OJ.match(head)
    oj = (int(m["year"]), m["series"], m["issue"], m["page"]) if m else None
    return _Publication(head, text, oj)


# --------------------------------------------------------------------------- pinpoints


def _oscola_pin(article: str, paragraph: str | None) -> str:
    """``art 14(7)``: OSCOLA writes its abbreviations without full stops."""
    if article == "preamble":
        return "preamble"
    head = f"art {article}"
    return f"{head}({paragraph})" if paragraph else head


def _bluebook_pin(article: str, paragraph: str | None) -> str:
    """``art. 14, ¶ 7``: a subdivision as the Bluebook writes it (R3.3, R21.4)."""
    if article == "preamble":
        return "pmbl."
    head = f"art. {article}"
    return f"{head}, ¶ {paragraph}" if paragraph else head


def _informal_title(inst: Instrument) -> str:
    """The short title without its trailing year: ``Union State Treaty (1999)`` → ``Union State Treaty``."""
    return re.sub(r"\s*\(\d{4}\)$", "", inst.short_title)


# --------------------------------------------------------------------------- the styles


def _dates(inst: Instrument, life: Life, as_of: dt.date | None, notes: list[str]) -> tuple[dt.date | None, str]:
    """The signature date and OSCOLA's bracket words ``signed …, entered into force …`` as of ``as_of``."""
    signed = life.signed.date if life.signed else inst.dated
    parts = []
    if signed is not None:
        parts.append(f"signed {long_date(signed)}")
    else:
        notes.append("No date of signature or adoption is recorded.")
    if not life.enters_into_force:
        notes.append(f"A {inst.kind.value} does not enter into force; none is cited.")
    elif life.in_force is None:
        notes.append("No entry into force is recorded; the citation gives none (check the source you cite).")
    elif as_of is not None and life.in_force.date > as_of:
        parts.append("not yet in force")
        notes.append(
            f"On {long_date(as_of)} it was not yet in force; it entered into force on {long_date(life.in_force.date)}."
        )
    else:
        parts.append(f"entered into force {long_date(life.in_force.date)}")
        if life.in_force.derived_from:
            notes.append(f"The entry into force is derived from the record of {life.in_force.derived_from}.")
        if not life.in_force.verified:
            notes.append("The entry into force is not verified by a source.")
    if life.terminated is not None and (as_of is None or life.terminated.date <= as_of):
        notes.append(f"It ceased to have effect on {long_date(life.terminated.date)}.")
    return signed, ", ".join(parts)


def _publication_notes(inst: Instrument, pub: _Publication | None, notes: list[str]) -> None:
    if pub is None:
        notes.append(
            "No treaty series or other publication is recorded; add the reference of the text you cite."
            if inst.kind.value != "law"
            else "No official publication is recorded; add the reference of the text you cite."
        )
        return
    if pub.oj is None and inst.kind.value != "law":
        notes.append(
            f"No treaty series reference is recorded; the publication is cited as the record gives it: {pub.cited}."
        )
    if pub.oj is not None and pub.oj[3] is None:
        notes.append("The first page in the Official Journal is not recorded.")
    if pub.recorded != pub.cited:
        notes.append(f"The record gives the publication as: {pub.recorded}.")
    if len(inst.publication) > 1:
        notes.append("Also published: " + "; ".join(inst.publication[1:]) + ".")


def _oscola(
    inst: Instrument, life: Life, pin: tuple[str, str | None] | None, as_of: dt.date | None
) -> tuple[str, list[str]]:
    notes: list[str] = []
    pub = _publication(inst)
    _publication_notes(inst, pub, notes)
    pinpoint = _oscola_pin(*pin) if pin else ""
    if pub is not None and pub.oj is not None:
        # OSCOLA 4th ed. §2.6: EU treaties and legislation — title, [year] OJ series issue/page, pinpoint;
        # no dates or parties (the dates are in the title of legislation, and the treaties were amended over time).
        year, series, issue, page = pub.oj
        text = f"{inst.title} [{year}] OJ {series}{issue}" + (f"/{page}" if page else "")
        return text + (f", {pinpoint}" if pinpoint else ""), notes
    _, dates = _dates(inst, life, as_of, notes)
    text = inst.title
    if len(inst.parties) == 2:
        names = [_party(p) for p in inst.parties]
        shown = [n[0] if n else p for n, p in zip(names, inst.parties, strict=True)]
        text += f" ({'–'.join(shown)})"
    if dates:
        text += f" ({dates})"
    if pub is not None:
        text += f" {pub.cited}"
    text += f" ({_informal_title(inst)})"
    return text + (f" {pinpoint}" if pinpoint else ""), notes


def _bluebook(
    inst: Instrument, life: Life, pin: tuple[str, str | None] | None, as_of: dt.date | None
) -> tuple[str, list[str]]:
    notes: list[str] = []
    pub = _publication(inst)
    _publication_notes(inst, pub, notes)
    signed, _ = _dates(inst, life, as_of, [])
    parts: list[str] = []
    # A treaty has two parties at least: one recorded name stands for many (the Member States of the EU).
    if 2 <= len(inst.parties) <= 3 and inst.kind.value != "law":
        names = [_party(p) for p in inst.parties]
        unknown = [p for n, p in zip(names, inst.parties, strict=True) if n is None]
        if unknown:
            notes.append("No T10 abbreviation is known for " + ", ".join(unknown) + "; the name is given as recorded.")
        parts.append("-".join(sorted(n[1] if n else p for n, p in zip(names, inst.parties, strict=True))))
    if pin:
        parts.append(_bluebook_pin(*pin))
    if signed is not None:
        parts.append(bluebook_date(signed))
    if pub is not None:
        if pub.oj is not None:
            year, series, issue, page = pub.oj
            parts.append(f"{year} O.J. ({series} {issue})" + (f" {page}" if page else ""))
        else:
            parts.append(pub.cited)
    # R21.4: with no parties element the subdivision follows the name without a comma
    # ("Vienna Convention on the Law of Treaties art. 32, opened for signature May 23, 1969, …").
    if parts and pin and parts[0] == _bluebook_pin(*pin):
        text = f"{inst.title} {', '.join(parts)}"
    else:
        text = ", ".join([inst.title, *parts])
    return text, notes


def cite_instrument(
    inst: Instrument,
    life: Life,
    style: CitationStyle | str,
    provision: str | None = None,
    as_of: dt.date | None = None,
) -> StyledCitation:
    """The citation of ``inst`` (or the pin cite of its ``provision``, an id such as ``art-14/para-7``) in ``style``.

    ``life`` is the instrument's :class:`~legalgen.analysis.Life`; with ``as_of``, an entry into force after
    that date is not cited as having happened.
    """
    style = CitationStyle(style)
    pin = parse_provision_id(provision) if provision else None
    ref = f"{inst.id}/{provision}" if provision else inst.id
    if pin is not None and pin[0] == "unidentified":
        raise LegalgenError(
            f"{ref}: a provision whose article is not identified cannot be pin-cited; fix: cite {inst.id}"
        )
    if style is CitationStyle.plain:
        text = inst.pin_cite(provision) if provision else citation(inst)
        return StyledCitation(ref, style, text)
    text, notes = (_oscola if style is CitationStyle.oscola else _bluebook)(inst, life, pin, as_of)
    if style is CitationStyle.bluebook:
        text += "."
    return StyledCitation(ref, style, text, tuple(notes))


def full_citation(inst: Instrument, life: Life, style: CitationStyle | str, as_of: dt.date | None = None) -> str:
    """The full citation of a whole instrument, as a table of authorities lists it: ``plain`` is legalgen's own
    (:func:`legalgen.views.words.citation`), the others as :func:`cite_instrument` writes them."""
    if CitationStyle(style) is CitationStyle.plain:
        return citation(inst)
    return cite_instrument(inst, life, style, as_of=as_of).text


def cite_ref(corpus: Corpus, ref: str, style: CitationStyle | str, as_of: dt.date | None = None) -> StyledCitation:
    """The citation of ``ref`` — an instrument id or a provision reference — in ``style``; an unknown
    instrument or provision raises :class:`~legalgen.errors.UnknownName` with the near names.

    >>> print(cite_ref(corpus, "1999-union-state/art-14", "bluebook").text)
    Treaty on the establishment of a Union State, Belr.-Russ., art. 14, Dec. 8, 1999, UN General Assembly document A/54/666, annex.
    >>> cite_ref(corpus, "1997-charter/art-22", "oscola")
    Traceback (most recent call last):
    legalgen.errors.UnknownName: unknown provision '1997-charter/art-22'; did you mean '1997-charter/art-2', ...?
    """
    if INSTRUMENT_ID_RE.match(ref):
        inst, provision = corpus.instrument(ref), None
    else:
        try:
            parsed = ProvisionRef.parse(ref)
        except ValueError as exc:
            raise LegalgenError(f"{exc}; e.g. 1999-union-state/art-14") from None
        inst, provision = corpus.instrument(parsed.instrument), parsed.provision
        if inst.provision(provision) is None:
            raise UnknownName("provision", ref, [f"{inst.id}/{p.id}" for p in inst.provisions_in_order])
    if as_of is not None and inst.dated is not None and as_of < inst.dated:
        raise LegalgenError(
            f"{inst.id}: not yet signed or adopted on {as_of.isoformat()} (dated {inst.dated.isoformat()}); "
            "fix: give a later --as-of"
        )
    return cite_instrument(inst, lives(corpus)[inst.id], style, provision, as_of)


def pin_label(article: str, paragraph: str | None, style: CitationStyle | str) -> str:
    """A provision's pinpoint in ``style``: ``art 14(7)``, ``art. 14, ¶ 7`` or ``art. 14(7)``."""
    style = CitationStyle(style)
    if style is CitationStyle.oscola:
        return _oscola_pin(article, paragraph)
    if style is CitationStyle.bluebook:
        return _bluebook_pin(article, paragraph)
    return article_label(article, paragraph)


__all__ = [
    "BLUEBOOK_MONTHS",
    "PARTY_NAMES",
    "STYLES",
    "CitationStyle",
    "StyledCitation",
    "bluebook_date",
    "cite_instrument",
    "cite_ref",
    "full_citation",
    "pin_label",
    "publication_reference",
]
