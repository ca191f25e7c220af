"""The corpus for reference managers: CSL-JSON and BibTeX, one item per instrument.

**CSL-JSON** (the Citation Style Language's data format, which Zotero, Mendeley and every citeproc read):
type ``treaty`` for treaties, agreements, charters, protocols and declarations, ``legislation`` for laws;
``title``, ``title-short``, ``issued``, ``authority`` (the parties, or for a law the body that made it),
``container-title`` (the publication as a citation gives it), ``URL``, ``language``, and the record's own
wording of the publication in ``note``.

**BibTeX** as biblatex writes legal texts: ``@legislation``, which Zotero's BibTeX import reads as a *Bill*
(its nearest type; Zotero has no treaty type) and classic BibTeX styles treat as ``@misc``. The parties are
the ``author`` (each a corporate name in braces, so no style splits it into first and last names); ``date``
is ISO (biblatex) and ``year`` is kept for BibTeX; the text is UTF-8, with BibTeX's special characters escaped.

    >>> from legalgen.views.references import references
    >>> print(bibtex(references(corpus)[:1]).splitlines()[0])
    @legislation{1995-customs-union,
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from legalgen.views.references import Reference


def csl_item(ref: Reference) -> dict[str, Any]:
    """One instrument as a CSL-JSON item (only the variables the record fills)."""
    item: dict[str, Any] = {"id": ref.id, "type": ref.kind, "title": ref.title, "title-short": ref.short_title}
    if ref.issued is not None:
        item["issued"] = {"date-parts": [[ref.issued.year, ref.issued.month, ref.issued.day]]}
    item["authority"] = "; ".join(ref.parties)
    if ref.publication_cited:
        item["container-title"] = ref.publication_cited
    if ref.url:
        item["URL"] = ref.url
    item["language"] = ref.language
    if ref.publication:
        item["note"] = f"Published in: {ref.publication}"
    return item


def csl_json(refs: Sequence[Reference]) -> str:
    """The items as a CSL-JSON array, UTF-8 as it is, with a final newline."""
    return json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "^": r"\^{}", "~": r"\~{}"}  # fmt: skip


def bibtex_escape(text: str) -> str:
    r"""Text as a BibTeX field holds it: ``Law & Order 50%`` → ``Law \& Order 50\%``."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def bibtex_entry(ref: Reference) -> str:
    """One instrument as a biblatex ``@legislation`` entry, its key the instrument id."""
    fields: list[tuple[str, str]] = [
        ("title", "{" + bibtex_escape(ref.title) + "}"),  # double braces: kept as written, no case change
        ("shorttitle", bibtex_escape(ref.short_title)),
        ("author", " and ".join("{" + bibtex_escape(p) + "}" for p in ref.parties)),
    ]
    if ref.issued is not None:
        fields += [("date", ref.issued.isoformat()), ("year", str(ref.issued.year))]
    if ref.url:
        # biblatex reads `url` verbatim: no TeX escapes there (they would stay in the address); only a brace
        # would end the field, so it is percent-encoded as a browser would.
        fields.append(("url", ref.url.replace("{", "%7B").replace("}", "%7D")))
    fields.append(("langid", ref.language))
    if ref.publication:
        fields.append(("note", "Published in: " + bibtex_escape(ref.publication)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@legislation{{{ref.id},\n{body}\n}}\n"


def bibtex(refs: Sequence[Reference]) -> str:
    """Every instrument as a biblatex entry, separated by a blank line."""
    return "\n".join(bibtex_entry(r) for r in refs)


__all__ = ["bibtex", "bibtex_entry", "bibtex_escape", "csl_item", "csl_json"]
