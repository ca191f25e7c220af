"""The record format: legal instruments as Pydantic models, shaped like the law.

One YAML file in ``treaties/`` holds one :class:`Instrument`. A separate ``topics.yaml`` holds the
:class:`TopicCatalogue` — the topics the corpus tracks and the dimensions each is coded on —
because other corpora bring other topics.

The one rule that matters most: **text is either verbatim or a paraphrase**, and these are two types.

* :class:`Verbatim` is wording seen in a named source (``source`` + ``locator``); it may be an
  original text or a translation (``rendering``) and may be ``incomplete`` where the source cut it off.
* :class:`Paraphrase` is anybody's summary or working translation; it states its ``basis``.

Templates quote only ``Verbatim``; nothing downstream can put a paraphrase inside quotation marks.

A small record::

    id: 1998-equal-rights
    kind: treaty
    titles: {ru: "Договор … о равных правах граждан", en: "Treaty … on Equal Rights of Citizens"}
    short_title: Equal Rights Treaty (1998)
    parties: [Russian Federation, Republic of Belarus]
    sources:
      - {id: S5, title: "businesspravo.ru text", url: "http://businesspravo.ru/…", reliability: legal_database}
    events:
      - {type: signature, date: 1998-12-25, sources: [S5]}
    provisions:
      - article: "1"
        topics: [electoral-rights]
        texts:
          - {kind: verbatim, language: ru, text: "Граждане России и Беларуси …", source: S5, locator: "art. 1"}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import Enum, StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from legalgen.ids import (
    INSTRUMENT_ID_RE,
    PARAGRAPH_RE,
    ProvisionRef,
    article_label,
    is_designation,
    parse_provision_id,
    provision_id,
    provision_order,
    suggest_designation,
)


class Record(BaseModel):
    """Strict, closed and immutable: a typo is an error, never a silently dropped clause.

    A model's validator is built when it is first used (``defer_build``), not when this module is
    imported: a command whose records all come from the cache of validated records
    (:mod:`legalgen.records.cache`) never builds one. A record pickles as its class, its values and the
    names of the fields its file set, and is restored from them without validation (:func:`_restore`):
    it was validated before it was pickled.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)

    def __reduce__(self) -> tuple[Any, ...]:
        assert not self.__pydantic_private__ and not self.__pydantic_extra__  # a record has neither
        return _restore, (
            type(self),
            self.__dict__,
            _FIELDS_SET.setdefault(frozenset(self.model_fields_set), set(self.model_fields_set)),
        )


#: One set of set-field names per distinct set, shared by the records pickled with it: a frozen model
#: never changes its own (Pydantic copies it for ``model_copy``), and 160,000 models of 1,000 instruments
#: otherwise hold 160,000 sets.
_FIELDS_SET: dict[frozenset[str], set[str]] = {}


def _restore(cls: type[Record], values: dict[str, Any], fields_set: set[str]) -> Record:
    """A record as pickled by :meth:`Record.__reduce__`: the state Pydantic's own ``__setstate__`` sets,
    set directly (a million models make its generality cost a third of restoring them)."""
    record = cls.__new__(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", fields_set)
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


_set = object.__setattr__


def _instrument_id(value: str) -> str:
    if not INSTRUMENT_ID_RE.match(value):
        raise ValueError(
            f"{value!r} is not an instrument id; fix: use lower-case letters, digits and single hyphens, "
            "e.g. '1999-union-state'"
        )
    return value


def _provision_id(value: str) -> str:
    parse_provision_id(value)
    return value


def _provision_ref(value: str) -> str:
    ProvisionRef.parse(value)
    return value


def _web_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise ValueError(f"{value!r} is not an http(s) URL; fix: give the full address starting with https://")
    return value


def _language(value: str) -> str:
    if not re.match(r"^[a-z]{2,3}$", value):
        raise ValueError(f"{value!r} is not a language code; fix: use an ISO 639 code such as 'ru', 'en', 'be'")
    return value


def _no_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty; fix: write the text or remove the field")
    return value.strip() if "\n" not in value else value.rstrip()


InstrumentId = Annotated[str, AfterValidator(_instrument_id)]
ProvisionId = Annotated[str, AfterValidator(_provision_id)]
ProvisionRefStr = Annotated[str, AfterValidator(_provision_ref)]
WebUrl = Annotated[str, AfterValidator(_web_url)]
Language = Annotated[str, AfterValidator(_language)]
Text = Annotated[str, AfterValidator(_no_blank)]
SourceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
# YAML gives dates unquoted; a quoted ISO date is accepted too, any other string is an error.
Date = Annotated[dt.date, Strict(False)]


# --------------------------------------------------------------------------- sources


class Reliability(StrEnum):
    """What kind of source a source is, which bounds how far it can be trusted for the text it gives.

    Only ``official_publication`` gives the text as enacted. A legal database or a reprint reproduces it;
    an official body's statement, a news item, a commentary or a draft only gives an account of it, even
    when the body is official or the account quotes the text.
    """

    #: the text as enacted or concluded, published by a party, a depositary or an official gazette/portal
    official_publication = "official_publication"
    #: a legal information system that reproduces the text (ConsultantPlus, Garant, EUR-Lex's database …)
    legal_database = "legal_database"
    #: a reprint of the text in a book, a collection or a website that is not its official publisher
    reprint = "reprint"
    #: a statement by an official body about the instrument (a press release, a government web page)
    official_statement = "official_statement"
    #: a news agency or newspaper report, state-owned or not
    news = "news"
    #: scholarship, an expert's article, teaching notes, a forum post: someone's account of the law
    commentary = "commentary"
    #: a draft of the text, before signature or adoption
    draft = "draft"
    #: a translation published by someone other than the parties
    unofficial_translation = "unofficial_translation"

    @property
    def gives_text(self) -> bool:
        """Whether a source of this kind reproduces the instrument's text (not only an account of it)."""
        return self in _TEXT_BEARING


_TEXT_BEARING = frozenset(
    {
        Reliability.official_publication,
        Reliability.legal_database,
        Reliability.reprint,
        Reliability.unofficial_translation,
    }
)

_OLD_RELIABILITY = {
    "official": "official_publication for the text as enacted, or official_statement for an official body's "
    "statement about it",
    "secondary": "commentary for scholarship or an expert's account, or reprint for a reprint of the text",
}


def _reliability(value: object) -> object:
    if isinstance(value, str) and value in _OLD_RELIABILITY:
        raise ValueError(f"reliability {value!r} is no longer a class; fix: write {_OLD_RELIABILITY[value]}")
    return value


class Source(Record):
    """Where a fact or a wording was seen: a web page (``url``) or a publication; it needs one of the two."""

    id: SourceId
    title: Text
    url: WebUrl | None = None
    publication: Text | None = None
    reliability: Annotated[Reliability, BeforeValidator(_reliability)]
    language: Language | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _where(self) -> Source:
        if self.url is None and self.publication is None:
            raise ValueError("a source needs a url or a publication; fix: add `url:` or `publication:`")
        return self


# --------------------------------------------------------------------------- text


class Rendering(StrEnum):
    """Whose words a verbatim text is."""

    original = "original"
    official_translation = "official_translation"
    unofficial_translation = "unofficial_translation"


class Restoration(Record):
    """Words the editors restore where the source's text is defective: never the source's own words.

    It stands ``after`` (or ``before``) words of the verbatim text, which must occur there exactly once.
    ``joined: true`` prints it with no space, where it completes a word the source cut
    (``международ[ного права]``); otherwise it stands as words of its own (``the peoples of [Russia] and``).
    Documents print it in square brackets, outside the quotation marks around the source's words.
    """

    text: Text
    after: Text | None = None
    before: Text | None = None
    joined: bool = False

    @model_validator(mode="after")
    def _anchored(self) -> Restoration:
        if (self.after is None) == (self.before is None):
            raise ValueError(
                "a restoration needs one anchor; fix: give `after:` (the seen words it follows) or `before:`, not both"
            )
        return self


class TextPart(NamedTuple):
    """A run of a verbatim text as printed: the source's words, or (``restored``) the editors' restoration.

    ``space`` says whether a space stands before it: the text's own spacing, and always one around a
    restoration that stands as words of its own (not ``joined``).
    """

    text: str
    restored: bool
    space: bool = False


class Verbatim(Record):
    """Wording seen, character for character, in ``source`` at ``locator``.

    ``text`` holds exactly the characters the source shows. ``incomplete`` marks a quote the source cut
    off, and ``cut`` says where (``end`` by default, ``start`` or ``both``); reports add ``[…]`` there and
    say so. Words the editors supply where the source is defective are ``restorations``, never part of
    ``text``: documents print them in square brackets outside the quotation marks. ``rendering`` says
    whose words these are: an ``original`` (authentic) text — a provision may have several, one per
    authentic language — or an official or unofficial translation, which names its ``translator``.

    >>> quote = corpus.instrument("1997-charter").provision("art-2").verbatim[0]
    >>> quote.language, quote.source, quote.locator, quote.basis_label()
    ('ru', 'S1', 'art. 2', 'verbatim')
    >>> quote.text[:33]
    'Устанавливается гражданство Союза'
    """

    kind: Literal["verbatim"]
    language: Language
    text: Text
    source: SourceId
    locator: Text
    rendering: Rendering = Rendering.original
    translator: Text | None = None
    incomplete: bool = False
    cut: Literal["start", "end", "both"] = "end"
    restorations: tuple[Restoration, ...] = ()
    note: Text | None = None

    def basis_label(self, translator: bool = True) -> str:
        """What a citation calls this text: ``verbatim`` for the original only, else the translation's kind.

        The one place this label is decided: ``verbatim``, ``official translation`` or ``unofficial
        translation``, with ``by <translator>`` when ``translator`` is true and there is room for it.
        """
        if self.rendering is Rendering.original:
            return "verbatim"
        kind = self.rendering.value.replace("_", " ")
        return f"{kind} by {self.translator}" if translator and self.translator else kind

    @property
    def complete(self) -> bool:
        """The whole provision, as its source shows it: not cut off and nothing restored."""
        return not self.incomplete and not self.restorations

    def parts(self) -> tuple[TextPart, ...]:
        """The source's words and the editors' restorations, in reading order, each with its spacing.

        >>> v = Verbatim(kind="verbatim", language="en", text="the peoples of and Byelorussia", source="S1",
        ...              locator="preamble", restorations=(Restoration(text="Russia", after="peoples of"),))
        >>> [(p.text, p.restored, p.space) for p in v.parts()]
        [('the peoples of', False, False), ('Russia', True, True), ('and Byelorussia', False, True)]
        >>> v.marked_text
        'the peoples of [Russia] and Byelorussia'
        """
        if not self.restorations:
            return (TextPart(self.text, False),)
        points = sorted((self._index(r), n) for n, r in enumerate(self.restorations))
        cuts = [0, *(i for i, _ in points), len(self.text)]
        seen = [self.text[a:b] for a, b in pairwise(cuts)]
        parts: list[TextPart] = []
        for k, words in enumerate(seen):
            before = self.restorations[points[k - 1][1]] if k else None
            after = self.restorations[points[k][1]] if k < len(points) else None
            if words.strip():
                space = bool(parts) and (words[:1].isspace() or not (before and before.joined))
                parts.append(TextPart(words.strip(), False, space))
            if after is not None:
                space = bool(parts) and (words[-1:].isspace() or not after.joined)
                parts.append(TextPart(after.text, True, space))
        return tuple(parts)

    def _index(self, r: Restoration) -> int:
        """Where a restoration stands in ``text``: after (or before) its anchor."""
        anchor = r.after if r.after is not None else r.before
        assert anchor is not None
        found = self.text.find(anchor)
        return found + len(anchor) if r.after is not None else found

    @property
    def marked_text(self) -> str:
        """The text as a quotation shows it: ``[…]`` where the source cut it off, restorations in brackets."""
        text = "".join((" " if p.space else "") + (f"[{p.text}]" if p.restored else p.text) for p in self.parts())
        if not self.incomplete:
            return text
        head = "[…] " if self.cut in ("start", "both") else ""
        tail = " […]" if self.cut in ("end", "both") else ""
        return f"{head}{text}{tail}"

    @model_validator(mode="after")
    def _consistent(self) -> Verbatim:
        if self.cut != "end" and not self.incomplete:
            raise ValueError(
                "`cut` is given but the quote is not marked incomplete; fix: add `incomplete: true` or remove `cut`"
            )
        if "[…]" in self.text or "[...]" in self.text:
            raise ValueError(
                "a verbatim text holds an ellipsis mark '[…]'; fix: remove it from `text` and set `incomplete: true`"
            )
        if "[" in self.text or "]" in self.text:
            raise ValueError(
                "a verbatim text holds square brackets, which would print the editors' words as the source's; "
                "fix: keep in `text` only the words seen and give the restored words as `restorations: "
                "[{after: <the seen words before them>, text: <the restored words>}]`"
            )
        for r in self.restorations:
            anchor = r.after if r.after is not None else r.before
            if anchor is not None and self.text.count(anchor) != 1:
                where = "does not occur" if anchor not in self.text else "occurs more than once"
                raise ValueError(
                    f"restoration {r.text!r}: its anchor {anchor!r} {where} in `text`; fix: quote as `after:` or "
                    "`before:` seen words that occur exactly once in the text"
                )
        if self.rendering is not Rendering.original and self.translator is None:
            raise ValueError("a translation must say whose it is; fix: add `translator:` (e.g. 'UN Secretariat')")
        return self


QUOTATION_MARKS = frozenset('"“”„«»')


class Paraphrase(Record):
    """A summary or working translation, never to be quoted as the instrument's words.

    ``basis`` says what it rests on (e.g. 'three secondary sources that agree'); ``sources`` name them.
    ``translates`` names the language of the provision's verbatim text that this paraphrase renders
    passage for passage (a working translation); without it, a paraphrase is a summary. Only a working
    translation is printed beside the text it translates.

    >>> summary = corpus.instrument("1997-charter").provision("art-2").paraphrases[0]
    >>> summary.language, summary.sources, summary.basis[:40]
    ('en', ('S1',), 'Working translation by the legalgen edit')
    """

    kind: Literal["paraphrase"]
    language: Language
    text: Text
    basis: Text
    sources: tuple[SourceId, ...] = ()
    translates: Language | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _unquoted(self) -> Paraphrase:
        marks = sorted({ch for ch in self.text if ch in QUOTATION_MARKS})
        if marks:
            raise ValueError(
                f"a paraphrase holds quotation marks ({' '.join(marks)}), which would read as the instrument's "
                "words; fix: drop them, or record the wording as `kind: verbatim` with its source"
            )
        return self


ProvisionText = Annotated[Verbatim | Paraphrase, Field(discriminator="kind")]


# --------------------------------------------------------------------------- provisions


class Provision(Record):
    """An article (or paragraph of one), the unit a lawyer pin-cites.

    ``article`` is the designation as the treaty writes it, always a quoted string: ``"14"``, ``"8b"``,
    ``"8 bis"``, ``"F"``, ``"IV"``, ``"II-3"``, ``"preamble"``, or ``"unidentified"`` when sources describe
    the provision without giving its article. Its id is ``art-14``, ``art-8b``, ``art-8-bis``, ``art-f``,
    ``art-iv``, ``art-ii-3`` (``/para-N`` added for a paragraph); other records refer to it as
    ``instrument-id/art-8b/para-1``. ``continues`` names provisions of earlier instruments that this one
    carries forward: the recorded clause genealogy. ``recorded: partial`` with ``extent`` says that only
    part of the provision was recorded.

    >>> art2 = corpus.instrument("1997-charter").provision("art-2")
    >>> art2.id, art2.topics, [text.kind for text in art2.texts]
    ('art-2', ('citizenship',), ['verbatim', 'paraphrase'])
    """

    article: str = Field(
        description="The article as the treaty writes it, quoted: '14', '8b', '8 bis', 'F', 'IV', 'II-3', "
        "'preamble', or 'unidentified' when no source gives it. Its id is art-14, art-8b, art-8-bis, art-f, "
        "art-iv, art-ii-3."
    )
    paragraph: str | None = Field(
        default=None,
        description="The paragraph (or point) within the article, lower case: '1', '2a', 'b'. Id: art-14/para-1.",
    )
    heading: Text | None = None
    topics: tuple[Slug, ...] = Field(default=(), description="The topics of topics.yaml this provision bears on.")
    texts: tuple[ProvisionText, ...] = Field(min_length=1)
    continues: tuple[ProvisionRefStr, ...] = Field(
        default=(),
        description="Provisions of earlier instruments this one carries forward (the recorded clause genealogy), "
        "as references: 1997-charter/art-2, 1992-teu/art-f/para-1.",
    )
    recorded: Literal["whole", "partial"] = Field(
        default="whole",
        description="'partial' when only part of the provision is recorded (say which part in `extent`); the "
        "texts then stand for that part only.",
    )
    extent: Text | None = Field(
        default=None,
        description="With `recorded: partial`: which part was recorded, e.g. 'only the first sentence', "
        "'paragraph 1, first indent'.",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _designation(self) -> Provision:
        if not is_designation(self.article):
            guess = suggest_designation(self.article)
            if guess and guess[1]:
                fix = f"write `article: {guess[0]!r}` and `paragraph: {guess[1]!r}`"
            elif guess:
                fix = f"write {guess[0]!r}"
            else:
                fix = "write it as the treaty does, quoted: '14', '8b', '8 bis', 'F', 'IV', 'II-3', or 'preamble' / 'unidentified'"
            raise ValueError(f"article {self.article!r} is not an article designation; fix: {fix}")
        if self.paragraph is not None and not PARAGRAPH_RE.match(self.paragraph):
            raise ValueError(f"paragraph {self.paragraph!r} is not a paragraph designation; fix: write e.g. '2' or 'b'")
        if self.recorded == "partial" and self.extent is None:
            raise ValueError(
                "`recorded: partial` does not say what was recorded; fix: add `extent:` (e.g. 'only the first sentence')"
            )
        if self.extent is not None and self.recorded != "partial":
            raise ValueError("`extent` is given but the provision is recorded whole; fix: add `recorded: partial`")
        return self

    @model_validator(mode="after")
    def _translated(self) -> Provision:
        verbatim = {t.language for t in self.verbatim}
        for t in self.paraphrases:
            if t.translates is not None and (t.translates == t.language or t.translates not in verbatim):
                raise ValueError(
                    f"a paraphrase says it translates the {t.translates!r} text, but the provision has no verbatim "
                    f"text in {t.translates!r} other than itself; fix: name the language of a verbatim text of this "
                    "provision, or remove `translates` (the paraphrase is then a summary)"
                )
        return self

    @property
    def id(self) -> str:
        return provision_id(self.article, self.paragraph)

    @property
    def verbatim(self) -> tuple[Verbatim, ...]:
        return tuple(t for t in self.texts if isinstance(t, Verbatim))

    @property
    def paraphrases(self) -> tuple[Paraphrase, ...]:
        return tuple(t for t in self.texts if isinstance(t, Paraphrase))

    def text_in(self, language: str) -> Verbatim | Paraphrase | None:
        """The best text in ``language``: an original, then a translation, then a paraphrase."""
        ranked = sorted(
            (t for t in self.texts if t.language == language),
            key=lambda t: (0, list(Rendering).index(t.rendering)) if isinstance(t, Verbatim) else (1, 0),
        )
        return ranked[0] if ranked else None


def in_natural_order(provisions: Iterable[Provision]) -> tuple[Provision, ...]:
    """``provisions`` of one instrument in the order of its articles (:func:`legalgen.ids.provision_order`)."""
    items = list(provisions)
    key = provision_order((p.article, p.paragraph) for p in items)
    return tuple(sorted(items, key=lambda p: key(p.article, p.paragraph)))


# --------------------------------------------------------------------------- events


class Signatory(Record):
    name: Text
    for_party: Text | None = None


class EventBase(Record):
    """Something that happened to an instrument on a date, seen in ``sources``.

    ``verified: false`` marks a fact no source confirmed; reports flag it and never state it as fact.
    """

    date: Date
    sources: tuple[SourceId, ...] = ()
    verified: bool = True
    note: Text | None = None

    @model_validator(mode="after")
    def _sourced(self) -> EventBase:
        if self.verified and not self.sources:
            raise ValueError("a verified event names no source; fix: add `sources: [S…]` or set `verified: false`")
        return self


class Signature(EventBase):
    type: Literal["signature"]
    place: Text | None = None
    place_verified: bool = True
    signatories: tuple[Signatory, ...] = ()
    signatories_verified: bool = True


class Ratification(EventBase):
    """One step of a party's ratification: the act (law) and, where known, the body and its number."""

    type: Literal["ratification"]
    party: Text
    step: Text | None = None
    act: Text | None = None


class EntryIntoForce(EventBase):
    type: Literal["entry_into_force"]
    party: Text | None = None


class Amendment(EventBase):
    """The instrument was amended by another (``by``) with effect from ``date``.

    The amending instrument records the other side: a relation ``{type: amends, target: <this id>}``.
    """

    type: Literal["amendment"]
    by: InstrumentId
    provisions: tuple[ProvisionId, ...] = ()
    summary: Text | None = None


class Termination(EventBase):
    """The instrument ceased to have effect on ``date``, by another instrument (and provision) where known."""

    type: Literal["termination"]
    by: InstrumentId | None = None
    by_provision: ProvisionId | None = None


class StatusNotEstablished(EventBase):
    """From ``date`` on, whether the instrument is still in force was not established, and ``reason`` says why.

    For an instrument that a later one transformed or built on without saying what became of it (the 1996
    Community Treaty after the 1997 Union Treaty): reports then say "status not established", never "in
    force". ``after`` names the instrument that raised the question, where there is one.
    """

    type: Literal["status_not_established"]
    reason: Text
    after: InstrumentId | None = None


class ConditionalApplication(EventBase):
    """From ``date`` on, the instrument applies only on a ``condition`` (e.g. "insofar as it does not
    contradict the Treaty on the Eurasian Economic Union"), stated in the words of the source."""

    type: Literal["conditional_application"]
    condition: Text


Event = Annotated[
    Signature | Ratification | EntryIntoForce | Amendment | Termination | StatusNotEstablished | ConditionalApplication,
    Field(discriminator="type"),
]


# --------------------------------------------------------------------------- relations


class RelationType(StrEnum):
    """How one instrument acts on another.

    ``amends`` (the target records an ``amendment`` event by this one), ``supersedes`` and ``terminates``
    (the target ends), ``ratifies``, ``implements``, ``builds_on``, ``integral_part_of`` (shares the
    target's life), and ``consolidates``: this instrument carries the target's provisions forward under new
    numbers (``renumbering``) while the target stays in force where it is — not a termination.
    """

    amends = "amends"
    supersedes = "supersedes"
    terminates = "terminates"
    ratifies = "ratifies"
    implements = "implements"
    builds_on = "builds_on"
    integral_part_of = "integral_part_of"
    consolidates = "consolidates"


class OperationKind(Enum):
    """What an amending instrument does to a provision of the instrument it amends.

    (An :class:`~enum.Enum`, not a ``StrEnum``: ``replace`` would shadow :meth:`str.replace`.)
    """

    #: adds words to a provision (at its ``start``, its ``end`` or ``after`` seen words), or a new provision
    insert = "insert"
    #: puts new words in place of the whole provision, or of the ``words`` named
    replace = "replace"
    #: removes the whole provision, or the ``words`` named
    repeal = "repeal"
    #: gives the provision a ``new_number``
    renumber = "renumber"


class AmendingOperation(Record):
    """One thing an amending instrument does to one provision of the instrument it amends, as the law says it.

    ``provision`` is the amended instrument's provision (``art-1``); ``via`` the amending instrument's own
    provision that does it. ``texts`` are the new words: a :class:`Verbatim` text where a source shows them,
    else a :class:`Paraphrase` that says on what ``basis`` it describes them (a consolidated text then says
    that the words were not seen). ``position`` places an insert: at the ``end`` (default) or ``start`` of
    the provision, ``after`` seen words of it, or ``new``: a new provision numbered ``provision``. ``words``
    names the seen words a ``replace`` or ``repeal`` acts on (the whole provision without it).

        >>> op = AmendingOperation.model_validate_json('''{"op": "insert", "provision": "art-1", "texts": [
        ...     {"kind": "paraphrase", "language": "en", "text": "A right in local elections.", "basis": "News."}]}''')
        >>> op.op.value, op.position, op.words_seen
        ('insert', 'end', False)
    """

    op: OperationKind
    provision: ProvisionId = Field(description="The amended instrument's provision acted on, e.g. art-1.")
    via: ProvisionId | None = Field(default=None, description="This instrument's provision that does it.")
    position: Literal["start", "end", "after", "new"] = Field(
        default="end",
        description="With `op: insert`: at the end (default) or start of the provision, after the seen `words`, "
        "or `new`: a new provision numbered `provision`.",
    )
    words: Text | None = Field(
        default=None,
        description="The seen words of the amended provision that an insert follows (position: after), or that "
        "a replace or repeal acts on; without it a replace or repeal acts on the whole provision.",
    )
    new_number: ProvisionId | None = Field(default=None, description="With `op: renumber`: the provision's new id.")
    texts: tuple[ProvisionText, ...] = Field(
        default=(),
        description="The new words of an insert or replace: verbatim where a source shows them, else a "
        "paraphrase with its basis.",
    )
    note: Text | None = None

    @property
    def words_seen(self) -> bool:
        """Whether a source shows the new words (a verbatim text is recorded for them)."""
        return any(isinstance(t, Verbatim) for t in self.texts)

    @model_validator(mode="after")
    def _complete(self) -> AmendingOperation:
        adds = self.op in (OperationKind.insert, OperationKind.replace)
        if adds and not self.texts:
            raise ValueError(
                f"an {self.op.value} gives no new words; fix: add `texts:` — verbatim with its source where a "
                "source shows them, else a paraphrase with its basis"
            )
        if not adds and self.texts:
            raise ValueError(f"a {self.op.value} adds no words; fix: remove `texts:`")
        if (self.op is OperationKind.renumber) != (self.new_number is not None):
            raise ValueError(
                "a renumber needs `new_number:` (and only a renumber has one); fix: add or remove `new_number`"
            )
        if self.op is not OperationKind.insert and self.position != "end":
            raise ValueError("`position` places an insert; fix: remove it or use `op: insert`")
        if self.op is OperationKind.insert and (self.position == "after") != (self.words is not None):
            raise ValueError(
                "an insert `position: after` needs `words:` (the seen words it follows), and only it; fix: add "
                "`words:` or `position: after`"
            )
        if self.op is OperationKind.renumber and self.words is not None:
            raise ValueError("a renumber acts on the whole provision; fix: remove `words`")
        return self


class Relation(Record):
    """How this instrument acts on another: ``target`` (and its ``provision``), done by this one's ``via``.

    ``type: amends`` needs the target to record an ``amendment`` event ``by`` this instrument.
    ``type: consolidates`` takes a ``renumbering`` of the target's provisions to this one's
    (``{art-8: art-20, art-8b/para-1: art-22/para-1}``), each pair seen in a source the relation cites.
    ``type: amends`` may list its ``operations`` (:class:`AmendingOperation`): what it does to which
    provision, taking effect on the date of the target's ``amendment`` event by this instrument.
    """

    type: RelationType
    target: InstrumentId
    provision: ProvisionId | None = Field(default=None, description="The target's provision acted on, e.g. art-14.")
    via: ProvisionId | None = Field(default=None, description="This instrument's provision that does it, e.g. art-70.")
    renumbering: dict[ProvisionId, ProvisionId] = Field(
        default_factory=dict,
        description="With `type: consolidates`: the target's provision ids (old numbers) → this instrument's "
        "(new numbers), e.g. {art-8: art-20}. Only correspondences a cited source shows.",
    )
    operations: tuple[AmendingOperation, ...] = Field(
        default=(),
        description="With `type: amends`: what this instrument does to which provision of the target (insert, "
        "replace, repeal, renumber), with the new words where a source shows them.",
    )
    sources: tuple[SourceId, ...] = ()
    note: Text | None = None

    @model_validator(mode="after")
    def _renumbering(self) -> Relation:
        if self.operations and self.type is not RelationType.amends:
            raise ValueError(
                "`operations` are given on a relation that does not amend; fix: use `type: amends` or remove them"
            )
        if self.renumbering and self.type is not RelationType.consolidates:
            raise ValueError(
                "`renumbering` is given on a relation that does not consolidate; fix: use `type: consolidates` "
                "or remove `renumbering`"
            )
        return self


# --------------------------------------------------------------------------- analysis in the record


class Code(Record):
    """The value an instrument gives one dimension of a topic, and the provisions that say so.

    An instrument codes only the dimensions it addresses; a dimension it does not code is left as the
    instruments before it left it.
    """

    dimension: Slug
    value: Slug
    provisions: tuple[ProvisionId, ...] = Field(min_length=1)
    note: Text | None = None


class Assessment(Record):
    """What an instrument says on one topic: a sentence, and its codes on the topic's dimensions."""

    topic: Slug
    summary: Text
    codes: tuple[Code, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_code_per_dimension(self) -> Assessment:
        seen: set[str] = set()
        for code in self.codes:
            if code.dimension in seen:
                raise ValueError(
                    f"dimension {code.dimension!r} is coded twice; fix: keep one code per dimension and list all "
                    "its provisions there"
                )
            seen.add(code.dimension)
        return self

    @property
    def provisions(self) -> tuple[str, ...]:
        """Every provision the codes cite, once, in the order first cited."""
        return tuple(dict.fromkeys(pid for code in self.codes for pid in code.provisions))


class Misreading(Record):
    """A common account that the law contradicts, and what the law says instead."""

    claim: Text
    law: Text
    provisions: tuple[ProvisionRefStr, ...] = ()
    sources: tuple[SourceId, ...] = ()


class InstrumentKind(StrEnum):
    treaty = "treaty"
    agreement = "agreement"
    charter = "charter"
    declaration = "declaration"
    protocol = "protocol"
    law = "law"

    @property
    def enters_into_force(self) -> bool:
        """Whether an instrument of this kind enters into force: a political declaration is adopted, not."""
        return self is not InstrumentKind.declaration


class Instrument(Record):
    """A legal instrument: a treaty, agreement, charter, declaration, protocol or law, and its life.

    >>> union_state = corpus.instrument("1999-union-state")
    >>> union_state.kind.value, union_state.dated, union_state.pin_cite("art-14")
    ('treaty', datetime.date(1999, 12, 8), 'Union State Treaty (1999), art. 14')
    """

    id: InstrumentId
    kind: InstrumentKind
    titles: dict[Language, Text]
    short_title: Text
    parties: tuple[Text, ...] = Field(min_length=1)
    publication: tuple[Text, ...] = ()
    summary: Text | None = None
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    provisions: tuple[Provision, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    misreadings: tuple[Misreading, ...] = ()
    open_questions: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _titles(self) -> Instrument:
        if "en" not in self.titles:
            raise ValueError("titles has no English title; fix: add `en:` under `titles:`")
        return self

    @property
    def title(self) -> str:
        return self.titles["en"]

    def provision(self, pid: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == pid), None)

    @property
    def provisions_in_order(self) -> tuple[Provision, ...]:
        """The provisions in the instrument's own order, whatever the record's: preamble, articles (8, 8 bis,
        8a, 8b, 9 …; letters A, B …; roman numerals by value), each before its paragraphs, unidentified last."""
        return in_natural_order(self.provisions)

    def source(self, sid: str) -> Source | None:
        return next((s for s in self.sources if s.id == sid), None)

    def amended_on(self, by: str, provision: str | None = None) -> dt.date | None:
        """The date from which an amendment ``by`` another instrument takes effect here, as this record says.

        The ``amendment`` event by ``by`` that lists ``provision``, else the earliest event by ``by``;
        ``None`` when this record records no amendment by it.
        """
        events = [e for e in self.events if isinstance(e, Amendment) and e.by == by]
        listing = [e for e in events if provision is not None and provision in e.provisions]
        return min((e.date for e in listing or events), default=None)

    @property
    def signature(self) -> Signature | None:
        return next((e for e in self.events if isinstance(e, Signature)), None)

    @property
    def dated(self) -> dt.date | None:
        """The date the instrument is known by: its signature, else its earliest recorded event.

        A law or a declaration may have no signature; it is then dated by its adoption, entry into force
        or whatever event came first. ``None`` only for a record with no events at all.
        """
        sig = self.signature
        return sig.date if sig else min((e.date for e in self.events), default=None)

    def pin_cite(self, provision: str) -> str:
        """The pin cite a lawyer writes for one provision: short title, then the article.

        >>> inst = Instrument.model_validate_json(
        ...     '{"id": "1997-union", "kind": "treaty", "titles": {"en": "Treaty on the Union"},'
        ...     ' "short_title": "Union Treaty (1997)", "parties": ["A", "B"]}')
        >>> inst.pin_cite("art-14/para-7")
        'Union Treaty (1997), art. 14(7)'
        """
        return f"{self.short_title}, {article_label(*parse_provision_id(provision))}"


# --------------------------------------------------------------------------- topics


class DimensionValue(Record):
    """One value a dimension can take, as the law states it."""

    id: Slug
    label: Text
    description: Text | None = None


class Measure(StrEnum):
    """Whether a dimension's values are ordered (``ordinal``: one is more than another) or not (``nominal``)."""

    ordinal = "ordinal"
    nominal = "nominal"


class Dimension(Record):
    """One thing the law can say on a topic, coded separately (e.g. the right to stand in local elections).

    An ``ordinal`` dimension lists its values from least to most, so a change is up or down; a
    ``nominal`` one has no order, so a change is only a change.
    """

    id: Slug
    label: Text
    description: Text | None = None
    measure: Measure
    values: tuple[DimensionValue, ...] = Field(min_length=1)

    def value(self, vid: str) -> DimensionValue | None:
        return next((v for v in self.values if v.id == vid), None)

    def rank(self, vid: str) -> int | None:
        """The place of ``vid`` on an ordinal dimension (0 = least); ``None`` on a nominal one."""
        if self.measure is Measure.nominal:
            return None
        return [v.id for v in self.values].index(vid)


class Topic(Record):
    """A thread the corpus tracks across time, coded on several dimensions."""

    id: Slug
    title: Text
    description: Text | None = None
    dimensions: tuple[Dimension, ...] = Field(min_length=1)

    def dimension(self, did: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == did), None)


class TopicCatalogue(Record):
    """The ``topics.yaml`` file of a corpus."""

    topics: tuple[Topic, ...] = Field(min_length=1)

    def topic(self, tid: str) -> Topic | None:
        return next((t for t in self.topics if t.id == tid), None)


# --------------------------------------------------------------------------- amendments in time


class ScheduledOperation(NamedTuple):
    """An :class:`AmendingOperation` on ``target`` with the date it takes effect and who makes it."""

    date: dt.date
    amender: Instrument
    relation: Relation
    op: AmendingOperation


def operations_on(target: Instrument, instruments: Iterable[Instrument]) -> tuple[ScheduledOperation, ...]:
    """Every operation of ``instruments`` on ``target``, in the order they take effect.

    An operation takes effect on the date of ``target``'s ``amendment`` event by its instrument
    (:meth:`Instrument.amended_on`); one without such an event is left out (the corpus check reports it).
    Operations taking effect on one day apply in the order of their instruments' dates, then as recorded.
    """
    found: list[tuple[tuple[dt.date, dt.date, str, int], ScheduledOperation]] = []
    for inst in instruments:
        n = 0
        for rel in inst.relations:
            if rel.type is not RelationType.amends or rel.target != target.id:
                continue
            for op in rel.operations:
                n += 1
                day = target.amended_on(inst.id, op.provision)
                if day is not None:
                    key = (day, inst.dated or day, inst.id, n)
                    found.append((key, ScheduledOperation(day, inst, rel, op)))
    return tuple(item for _, item in sorted(found, key=lambda pair: pair[0]))
