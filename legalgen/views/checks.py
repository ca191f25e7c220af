"""What is still unverified or derived about an instrument: Appendix B of the report, "Not verified" in a brief.

One sentence per point, so a reader can check each against the sources:

    >>> checks(corpus.instrument("1997-charter"))                     # doctest: +SKIP
    ('The place of signature (Moscow) is not verified.', …)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from legalgen import analysis as tl
from legalgen.ids import article_label
from legalgen.records import Instrument, Provision, Rendering, Signature, Topic
from legalgen.views.words import full_stop, life_checks, long_date, sentence_case, unconfirmed


def checks(
    inst: Instrument,
    topics: Sequence[Topic] | None = None,
    life: tl.Life | None = None,
    names: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Everything about ``inst`` that is still unverified or derived, one sentence each.

    ``topics`` limits the positions checked to those topics; ``life`` adds what the analysis derived about
    the instrument's dates (other instruments named by their short titles in ``names``).
    """
    items: list[str] = life_checks(life, names or {}) if life is not None else []
    items += _event_checks(inst)
    wanted = {t.id for t in topics} if topics is not None else None
    for a in inst.assessments:
        if wanted is not None and a.topic not in wanted:
            continue
        provs = [p for pid in a.provisions if (p := inst.provision(pid)) is not None]
        if provs and not any(p.verbatim for p in provs):
            cited = ", ".join(article_label(p.article, p.paragraph) for p in provs)
            items.append(
                f"The position on {a.topic.replace('-', ' ')} rests on paraphrase only ({cited}): "
                "no verbatim text was seen."
            )
    for prov in inst.provisions_in_order:
        if prov.verbatim and not any(v.rendering is Rendering.original for v in prov.verbatim):
            items.append(f"{_provision_name(prov)} is known only from a translation; the original text was not seen.")
        elif not prov.verbatim:
            items.append(f"{_provision_name(prov)} is known only from a paraphrase; no verbatim text was seen.")
    items.extend(inst.open_questions)
    return tuple(items)


def _event_checks(inst: Instrument) -> list[str]:
    """Events no source confirmed, and a signature's unverified place or signatories."""
    items = []
    for event in sorted(inst.events, key=lambda e: e.date):
        if not event.verified:
            items.append(full_stop(sentence_case(unconfirmed(event.type, long_date(event.date)))))
        if isinstance(event, Signature):
            if event.place and not event.place_verified:
                items.append(f"The place of signature ({event.place}) is not verified.")
            if event.signatories and not event.signatories_verified:
                who = "; ".join(s.name for s in event.signatories)
                items.append(f"The signatories ({who}) are not verified.")
    return items


def _provision_name(prov: Provision) -> str:
    """The subject of a sentence about a provision: 'Art. 14(7)', or what an unnumbered one is about."""
    if prov.article == "unidentified":
        about = f" headed {prov.heading}" if prov.heading else ""  # the heading as written: data, never re-cased
        return f"The provision{about} (article number not identified)"
    return sentence_case(article_label(prov.article, prov.paragraph))
