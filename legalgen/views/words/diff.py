"""The words of a comparison (``legalgen diff``): rows, pairings, positions and counts, for every format.

>>> STATUS_LABELS["moved"]
'moved (renumbered, same text)'
"""

from __future__ import annotations

from collections.abc import Sequence

from legalgen.analysis import InstrumentDiff, PositionChange, PositionSide, ProvisionPair, TextComparison
from legalgen.analysis.diff import PAIR_THRESHOLD
from legalgen.analysis.genealogy import ClauseLink
from legalgen.records import Instrument, Paraphrase, Verbatim
from legalgen.views.words.common import evidence, long_dates, plural, provision_label

#: Why two provisions were paired.
REASON_LABELS: dict[str, str] = {
    "recorded-link": "recorded link",
    "genealogy": "through the genealogy",
    "topic-similarity": "topic + similarity",
    "text-similarity": "text similarity",
    "same-article-number": "same article number",
}

#: What a row of the comparison is.
STATUS_LABELS: dict[str, str] = {
    "identical": "identical",
    "typographic": "typographic only",
    "moved": "moved (renumbered, same text)",
    "changed": "changed",
    "paraphrase": "paraphrase — not redlined",  # as not_redlined() says of one text
    "no-common-language": "no text in a common language",
    "only-in-a": "only in A",
    "only-in-b": "only in B",
}

#: How B's code of a dimension stands against A's.
MOVES: dict[str, str] = {
    "up": "up",
    "down": "down",
    "same": "unchanged",
    "changed": "changed",
    "not-addressed-by-a": "not addressed by A",
    "not-addressed-by-b": "not addressed by B",
}


def position_side(side: PositionSide | None, inst: Instrument) -> str:
    """``Established (1999; rests on paraphrase only; evidence: …)``, or ``not addressed (1996)``."""
    when = [str(side.year)] if side and side.year else ([str(inst.signature.date.year)] if inst.signature else [])
    if side is None:
        return "not addressed" + (f" ({when[0]})" if when else "")
    if side.basis == "paraphrase":
        when.append("rests on paraphrase only")
    elif side.basis == "partly-paraphrase":
        when.append("partly on paraphrase: " + ", ".join(provision_label(p) for p in side.paraphrase_only))
    if side.translation_only:
        when.append("only in translation: " + ", ".join(provision_label(p) for p in side.translation_only))
    when.append(evidence(side.grade))
    return f"{side.label} ({'; '.join(when)})"


def position_line(change: PositionChange, d: InstrumentDiff) -> str:
    """``Citizenship — Equal rights in the other state: Equal in stated fields (1998; …) → … [up]``."""
    arrow = f"  [{MOVES[change.direction]}]"
    head = f"{change.title} — {change.dimension_label}"
    return f"{head}: {position_side(change.a, d.a)} → {position_side(change.b, d.b)}{arrow}"


#: The status a comparison's metadata records (``<status> [<date>][: <text>]``), in words.
_STATUS_WORDS = {
    "in-force": "in force since {date}",
    "in-force-conditionally": "in force; since {date} it {text}",
    "terminated": "ceased to have effect ({date})",
    "status-not-established": "status not established since {date}: {text}",
    "signed-not-in-force": "signed; enters into force on {date}",
    "entry-into-force-not-recorded": "signed; entry into force not recorded",
    "adopted": "adopted (a declaration does not enter into force)",
    "not-yet-in-force": "not yet in force",
    "not-yet-signed": "not yet signed",
    "no-dates-recorded": "no events recorded",
}


def metadata_value(field: str, value: str | None) -> str:
    """A compared metadata value as a reader sees it: the ``status`` field in words, dates written out."""
    if value is None:
        return "—"
    if field == "status":
        head, _, text = value.partition(": ")
        status, _, day = head.partition(" ")
        template = _STATUS_WORDS.get(status)
        if template is not None:
            value = template.format(date=day, text=text)
    return long_dates(value)


def row_heading(row: ProvisionPair) -> str:
    """``art. 1 → art. 6``, ``art. 3 (only in A)``."""
    if row.a and row.b:
        a, b = provision_label(row.a.id), provision_label(row.b.id)
        return a if a == b else f"{a} → {b}"
    prov = row.a or row.b
    assert prov is not None
    return provision_label(prov.id)


def row_why(row: ProvisionPair) -> str:
    """``topic + similarity, score 0.62``: why the two provisions of a row were paired."""
    if row.reason is None:
        return ""
    detail = row.detail
    if row.reason == "genealogy":
        through = ", ".join(k.later.pin_cite for k in row.chain[:-1])
        detail = f"carried forward through {through}"
    return f"{REASON_LABELS[row.reason]}, score {row.score:.2f}" + (f": {detail}" if detail else "")


def chain_line(links: Sequence[ClauseLink]) -> str:
    """A chain of clause links, oldest first, each saying whether the records state it or it is inferred:
    ``Union Treaty (1997), art. 1 → (recorded link) Union State Treaty (1999), art. 6``."""
    parts = [links[0].earlier.pin_cite]
    for k in links:
        how = "recorded link" if k.recorded else _inferred(k)
        parts.append(f"→ ({how}) {k.later.pin_cite}")
    return " ".join(parts)


def _inferred(k: ClauseLink) -> str:
    compared = f", {k.compared} compared" if k.compared == "paraphrase" else ""
    return f"inferred from shared topic and wording {k.score or 0:.2f}{compared}"


def row_notes(row: ProvisionPair, d: InstrumentDiff) -> tuple[str, ...]:
    """What a reader must know of a row beyond its status: the chain through which a counterpart was found,
    a counterpart outside the other instrument, or the nearest candidate of a provision left unpaired."""
    out = []
    if row.chain and row.reason == "genealogy":
        recorded = all(k.recorded for k in row.chain)
        out.append(
            f"chain ({'every link recorded' if recorded else 'not every link recorded'}): {chain_line(row.chain)}"
        )
    elif row.chain:
        other = d.a if row.b else d.b
        out.append(
            f"counterpart outside {other.short_title}: {chain_line(row.chain)}; {row.chain_relation} (recorded relation)"
        )
    if row.nearest is not None and not (row.a and row.b):
        n = row.nearest
        why = f"{REASON_LABELS[n.reason]}, score {n.score:.2f}" + (f": {n.detail}" if n.detail else "")
        verdict = (
            "is paired with another provision"
            if n.paired and n.score >= PAIR_THRESHOLD
            else f"is below the pairing threshold of {PAIR_THRESHOLD:.3f}"
        )
        out.append(f"not paired: the nearest candidate, {n.cite} ({why}), {verdict}")
    return tuple(out)


#: What every format says of a paraphrase in a comparison: shown beside its counterpart, never redlined.
NEVER_REDLINED = "paraphrases are shown, never redlined"


def text_kind(text: Verbatim | Paraphrase | None) -> str:
    """``verbatim`` (original wording only), ``unofficial translation by …`` or ``paraphrase``."""
    return text.basis_label() if isinstance(text, Verbatim) else "paraphrase"


def not_redlined(text: Verbatim | Paraphrase) -> str:
    """``paraphrase — not redlined``, ``unofficial translation by … — not redlined``."""
    return f"{text_kind(text)} — not redlined"


def text_source(text: Verbatim | Paraphrase, redline: bool = True) -> str:
    """``verbatim — S12, art. 3`` or ``paraphrase — not redlined; basis: …``."""
    if isinstance(text, Paraphrase):
        return (not_redlined(text) if redline else "paraphrase") + f"; basis: {text.basis}"
    return f"{text.basis_label()} — {text.source}, {text.locator}"


def comparison_label(t: TextComparison) -> str:
    """What the comparison of one language found: ``identical``, ``changed: 3 words deleted, …``."""
    if t.a is None:
        return f"only in B ({text_kind(t.b)})"
    if t.b is None:
        return f"only in A ({text_kind(t.a)})"
    if t.paraphrase:
        return STATUS_LABELS["paraphrase"]
    if t.same and t.typographic:
        return f"typographic only: {_typography(t.typographic)}, the same words"
    if t.same:
        return "identical"
    typography = f"; {_typography(t.typographic)} not counted" if t.typographic else ""
    return f"changed: {t.deleted} words deleted, {t.inserted} inserted (similarity {t.similarity:.2f}){typography}"


def _typography(n: int) -> str:
    return f"{plural(n, 'mark')} written differently (dashes, quotation marks)"


def metadata_differ(n: int) -> str:
    """What the terminal says of the metadata without ``--metadata``: that it comes after the law, on request."""
    return f"{plural(n, 'field')} of the records differ (titles, kind, dates, status, relations); --metadata lists them"


def stat_counts(d: InstrumentDiff) -> dict[str, int]:
    """The counts behind ``--stat``, by name."""
    return {
        "pairs": len(d.pairs),
        "identical": d.count("identical"),
        "typographic": d.count("typographic"),
        "moved": d.count("moved"),
        "changed": d.count("changed"),
        "paraphrase": d.count("paraphrase"),
        "no_common_language": d.count("no-common-language"),
        "only_in_a": d.count("only-in-a"),
        "only_in_b": d.count("only-in-b"),
        "words_deleted": d.words_deleted,
        "words_inserted": d.words_inserted,
        "positions_changed": sum(1 for p in d.positions if p.differs),
        "positions_one_side": sum(1 for p in d.positions if p.direction.startswith("not-addressed")),
        "metadata_changed": sum(1 for m in d.metadata if m.differs),
    }


def stat_line(d: InstrumentDiff) -> str:
    """``Union Treaty (1997) → Union State Treaty (1999): 2 paired (…), 1 only in A, 10 only in B; …``."""
    s = stat_counts(d)
    kinds = [
        f"{s[k]} {STATUS_LABELS[k.replace('_', '-')]}"
        for k in ("identical", "typographic", "moved", "changed", "paraphrase", "no_common_language")
        if s[k]
    ]
    scope = f" [topic {d.topic}]" if d.topic else ""
    differ = [plural(s["positions_changed"], "position")]
    if not d.topic:
        differ.append(plural(s["metadata_changed"], "metadata field"))
    one_side = s["positions_one_side"]
    return (
        f"{d.a.short_title} → {d.b.short_title}{scope}: {s['pairs']} paired"
        + (f" ({', '.join(kinds)})" if kinds else "")
        + f", {s['only_in_a']} only in A, {s['only_in_b']} only in B; "
        f"{plural(s['words_deleted'], 'word')} deleted, {s['words_inserted']} inserted; "
        f"{' and '.join(differ)} {'differs' if differ == ['1 position'] else 'differ'}"
        + (f"; {plural(one_side, 'dimension')} addressed by one side only" if one_side else "")
    )
