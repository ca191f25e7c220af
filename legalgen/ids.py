"""The one identifier grammar of legalgen.

An **instrument id** names one record and is its file stem: lower-case words joined by hyphens,
conventionally starting with the year of signature, e.g. ``1999-union-state``.

A **provision id** names a unit of an instrument: ``preamble``, ``art-14``, ``art-14/para-7``,
or ``unidentified`` / ``unidentified/para-a`` when a source describes a provision whose article
number no source gives.

A **provision reference** joins the two: ``1999-union-state/art-14/para-7``.

The same strings serve as file names, HTML anchors, PDF bookmarks, pin cites and CLI arguments::

    >>> ref = ProvisionRef.parse("1999-union-state/art-14/para-7")
    >>> ref.instrument, ref.article, ref.paragraph
    ('1999-union-state', '14', '7')
    >>> str(ref)
    '1999-union-state/art-14/para-7'
    >>> ref.anchor
    '1999-union-state--art-14--para-7'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INSTRUMENT_ID = r"(?=[a-z0-9-]{1,80}(?:/|$))[a-z0-9]+(?:-[a-z0-9]+)*"
ARTICLE = r"preamble|unidentified|[0-9]{1,4}[a-z]?"
PARAGRAPH = r"[0-9a-z]{1,8}"

INSTRUMENT_ID_RE = re.compile(rf"^{INSTRUMENT_ID}$")
ARTICLE_RE = re.compile(rf"^(?:{ARTICLE})$")
PARAGRAPH_RE = re.compile(rf"^{PARAGRAPH}$")
PROVISION_ID_RE = re.compile(
    rf"^(?:(?P<special>preamble|unidentified)|art-(?P<art>[0-9]{{1,4}}[a-z]?))(?:/para-(?P<para>{PARAGRAPH}))?$"
)
PROVISION_REF_RE = re.compile(rf"^(?P<instrument>{INSTRUMENT_ID})/(?P<provision>.+)$")


def is_instrument_id(text: str) -> bool:
    return bool(INSTRUMENT_ID_RE.match(text))


def provision_id(article: str, paragraph: str | None = None) -> str:
    """Format the id of a provision: ``provision_id('14', '7') == 'art-14/para-7'``."""
    head = article if article in ("preamble", "unidentified") else f"art-{article}"
    return f"{head}/para-{paragraph}" if paragraph else head


def parse_provision_id(text: str) -> tuple[str, str | None]:
    """Split ``art-14/para-7`` into ``('14', '7')``; raises ValueError on anything else."""
    m = PROVISION_ID_RE.match(text)
    if not m:
        raise ValueError(
            f"{text!r} is not a provision id; write it as 'art-14', 'art-14/para-7', 'preamble' or 'unidentified'"
        )
    return (m["special"] or m["art"], m["para"])


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
    def anchor(self) -> str:
        """A fragment id safe in HTML and PDF: slashes become double hyphens."""
        return f"{self.instrument}/{self.provision}".replace("/", "--")

    def __str__(self) -> str:
        return f"{self.instrument}/{self.provision}"


def article_label(article: str, paragraph: str | None = None) -> str:
    """The pin-cite form a lawyer writes: ``art. 14(7)``, ``preamble``, ``article not identified``."""
    if article == "preamble":
        head = "preamble"
    elif article == "unidentified":
        return f"article not identified, item {paragraph}" if paragraph else "article not identified"
    else:
        head = f"art. {article}"
    return f"{head}({paragraph})" if paragraph else head
