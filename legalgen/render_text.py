"""Plain-text and Markdown renderings for the terminal and for ``reports/corpus-summary.md``.

Verbatim text is printed inside quotation marks with its source; a paraphrase is never quoted and always
carries the label ``[paraphrase]`` and its basis. Incomplete quotes end with ``[…]``.
"""

from __future__ import annotations

from .corpus import Corpus
from .ids import article_label
from .models import (
    Amendment,
    EntryIntoForce,
    Event,
    Instrument,
    Paraphrase,
    Provision,
    Ratification,
    Rendering,
    Signature,
    Termination,
    TopicCatalogue,
    Verbatim,
)


def describe_event(event: Event) -> str:
    """One line for one event, e.g. ``1999-12-08 signature, Moscow (B. Yeltsin; A. Lukashenka)``."""
    flag = " [unverified]" if not event.verified else ""
    if isinstance(event, Signature):
        extra = f", {event.place}" + ("" if event.place_verified else " [place unverified]") if event.place else ""
        names = "; ".join(s.name for s in event.signatories)
        if names:
            extra += f" ({names})" + ("" if event.signatories_verified else " [signatories unverified]")
        return f"{event.date} signed{extra}{flag}"
    if isinstance(event, Ratification):
        step = f" {event.step}" if event.step else " ratification"
        act = f": {event.act}" if event.act else ""
        return f"{event.date} {event.party}:{step}{act}{flag}"
    if isinstance(event, EntryIntoForce):
        party = f" for {event.party}" if event.party else ""
        return f"{event.date} entered into force{party}{flag}"
    if isinstance(event, Amendment):
        what = f" ({', '.join(event.provisions)})" if event.provisions else ""
        return f"{event.date} amended by {event.by}{what}{flag}"
    assert isinstance(event, Termination)
    by = f" by {event.by}" + (f" {event.by_provision}" if event.by_provision else "") if event.by else ""
    return f"{event.date} ceased to have effect{by}{flag}"


def text_label(text: Verbatim | Paraphrase, inst: Instrument) -> str:
    if isinstance(text, Paraphrase):
        return f"[paraphrase, {text.language}] basis: {text.basis}"
    source = inst.source(text.source)
    where = source.title if source else text.source
    kind = (
        "verbatim"
        if text.rendering is Rendering.original
        else f"{text.rendering.value.replace('_', ' ')} by {text.translator}"
    )
    cut = (
        f", cut off at the {text.cut}"
        if text.incomplete and text.cut != "both"
        else ", excerpt"
        if text.incomplete
        else ""
    )
    return f"[{kind}, {text.language}{cut}] {text.source} ({where}), {text.locator}"


def quote(text: Verbatim | Paraphrase) -> str:
    if isinstance(text, Verbatim):
        return f"“{text.marked_text}”"
    return text.text


def pin_cite(inst: Instrument, prov: Provision) -> str:
    return f"{inst.short_title}, {article_label(prov.article, prov.paragraph)}"


def instrument_list(corpus: Corpus) -> str:
    rows = [("ID", "KIND", "SIGNED", "TITLE")]
    for inst in corpus.instruments:
        sig = inst.signature
        rows.append((inst.id, inst.kind.value, str(sig.date) if sig else "—", inst.short_title))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows)


def instrument_detail(inst: Instrument, topics: TopicCatalogue) -> str:
    out = [inst.title, "=" * min(len(inst.title), 100)]
    for lang, title in sorted(inst.titles.items()):
        out.append(f"{lang}: {title}")
    out.append(f"id: {inst.id}   kind: {inst.kind.value}   parties: {'; '.join(inst.parties)}")
    if inst.summary:
        out += ["", inst.summary]
    if inst.events:
        out += ["", "Life"] + [f"  {describe_event(e)}" for e in sorted(inst.events, key=lambda e: e.date)]
    if inst.relations:
        out += ["", "Relations"]
        for rel in inst.relations:
            target = rel.target + (f" {rel.provision}" if rel.provision else "")
            via = f" (by {rel.via})" if rel.via else ""
            out.append(f"  {rel.type.value.replace('_', ' ')} {target}{via}")
    if inst.assessments:
        out += ["", "Positions"]
        for a in inst.assessments:
            topic = topics.topic(a.topic)
            label = topic.position(a.position).label if topic and topic.position(a.position) else a.position  # type: ignore[union-attr]
            cites = ", ".join(article_label(*_split(pid)) for pid in a.provisions)
            out.append(f"  {a.topic}: {label} — {a.summary}" + (f" ({cites})" if cites else ""))
    if inst.provisions:
        out += ["", "Provisions"]
        for prov in inst.provisions:
            head = article_label(prov.article, prov.paragraph) + (f" — {prov.heading}" if prov.heading else "")
            out.append(f"  {head}" + (f"  [{', '.join(prov.topics)}]" if prov.topics else ""))
            for text in prov.texts:
                out.append(f"    {text_label(text, inst)}")
                out.extend(f"      {line}" for line in quote(text).splitlines())
    if inst.misreadings:
        out += ["", "Where popular accounts differ"]
        for m in inst.misreadings:
            out += [f"  Claim: {m.claim}", f"  Law: {m.law}"]
    if inst.open_questions:
        out += ["", "Unverified / open"] + [f"  - {q}" for q in inst.open_questions]
    return "\n".join(out)


def _split(pid: str) -> tuple[str, str | None]:
    from .ids import parse_provision_id

    return parse_provision_id(pid)


def corpus_summary_markdown(corpus: Corpus) -> str:
    """The corpus at a glance: instruments, life events, positions, and what is still unverified."""
    out = ["# Corpus summary", ""]
    n_verbatim = sum(len(p.verbatim) for i in corpus.instruments for p in i.provisions)
    n_para = sum(len(p.paraphrases) for i in corpus.instruments for p in i.provisions)
    out.append(
        f"{len(corpus.instruments)} instruments, {sum(len(i.provisions) for i in corpus.instruments)} provisions; "
        f"{n_verbatim} verbatim texts (seen in a named source) and {n_para} paraphrases (never quoted)."
    )
    out += ["", "| Instrument | Kind | Signed | " + " | ".join(t.title for t in corpus.topics.topics) + " |"]
    out.append("|" + "---|" * (3 + len(corpus.topics.topics)))
    for inst in corpus.instruments:
        sig = inst.signature
        cells = []
        for topic in corpus.topics.topics:
            a = next((a for a in inst.assessments if a.topic == topic.id), None)
            pos = topic.position(a.position) if a else None
            cells.append(pos.label if pos else "—")
        out.append(
            f"| {_md(inst.short_title)} (`{inst.id}`) | {inst.kind.value} | {sig.date if sig else '—'} | "
            + " | ".join(_md(c) for c in cells)
            + " |"
        )
    for inst in corpus.instruments:
        out += ["", f"## {_md(inst.short_title)}", "", f"*{_md(inst.title)}*", ""]
        out += [f"- {_md(describe_event(e))}" for e in sorted(inst.events, key=lambda e: e.date)]
        for a in inst.assessments:
            out.append(f"- **{_md(a.topic)}**: {_md(a.summary)}")
        for q in inst.open_questions:
            out.append(f"- *Unverified:* {_md(q)}")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Escape Markdown and HTML specials so record text is shown, never interpreted."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")
