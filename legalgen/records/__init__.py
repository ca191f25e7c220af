"""Records: read YAML records, validate them against the models, and check the corpus as a whole.

The first stage of the pipeline (``read → validate → check``). Everything after it works on a
:class:`Corpus` of frozen :class:`Instrument` models and never sees YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legalgen.lazy import attribute

if TYPE_CHECKING:  # what mypy and editors see; at run time __getattr__ imports each module on first use
    from legalgen.records.corpus import Corpus, load_corpus, load_instruments
    from legalgen.records.models import (
        AmendingOperation,
        Amendment,
        Assessment,
        Code,
        ConditionalApplication,
        Dimension,
        DimensionValue,
        EntryIntoForce,
        Event,
        Instrument,
        InstrumentKind,
        Measure,
        OperationKind,
        Paraphrase,
        Provision,
        Ratification,
        Relation,
        RelationType,
        Reliability,
        Rendering,
        Restoration,
        ScheduledOperation,
        Signature,
        Source,
        StatusNotEstablished,
        Termination,
        TextPart,
        Topic,
        TopicCatalogue,
        Verbatim,
        operations_on,
    )
    from legalgen.records.schema import json_schema

# Each name's module, imported on first use: the cache of validated records (legalgen.records.cache) and
# the file names (legalgen.records.files) are imported without the models (Pydantic) or the reader (PyYAML).
_HOMES = {
    "AmendingOperation": "legalgen.records.models",
    "Amendment": "legalgen.records.models",
    "Assessment": "legalgen.records.models",
    "Code": "legalgen.records.models",
    "ConditionalApplication": "legalgen.records.models",
    "Dimension": "legalgen.records.models",
    "DimensionValue": "legalgen.records.models",
    "EntryIntoForce": "legalgen.records.models",
    "Event": "legalgen.records.models",
    "Instrument": "legalgen.records.models",
    "InstrumentKind": "legalgen.records.models",
    "Measure": "legalgen.records.models",
    "OperationKind": "legalgen.records.models",
    "Paraphrase": "legalgen.records.models",
    "Provision": "legalgen.records.models",
    "Ratification": "legalgen.records.models",
    "Relation": "legalgen.records.models",
    "RelationType": "legalgen.records.models",
    "Reliability": "legalgen.records.models",
    "Rendering": "legalgen.records.models",
    "Restoration": "legalgen.records.models",
    "ScheduledOperation": "legalgen.records.models",
    "Signature": "legalgen.records.models",
    "Source": "legalgen.records.models",
    "StatusNotEstablished": "legalgen.records.models",
    "Termination": "legalgen.records.models",
    "TextPart": "legalgen.records.models",
    "Topic": "legalgen.records.models",
    "TopicCatalogue": "legalgen.records.models",
    "Verbatim": "legalgen.records.models",
    "operations_on": "legalgen.records.models",
    "Corpus": "legalgen.records.corpus",
    "load_corpus": "legalgen.records.corpus",
    "load_instruments": "legalgen.records.corpus",
    "json_schema": "legalgen.records.schema",
}


def __getattr__(name: str) -> Any:
    return attribute(__name__, _HOMES, globals(), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "AmendingOperation",
    "Amendment",
    "Assessment",
    "Code",
    "ConditionalApplication",
    "Corpus",
    "Dimension",
    "DimensionValue",
    "EntryIntoForce",
    "Event",
    "Instrument",
    "InstrumentKind",
    "Measure",
    "OperationKind",
    "Paraphrase",
    "Provision",
    "Ratification",
    "Relation",
    "RelationType",
    "Reliability",
    "Rendering",
    "Restoration",
    "ScheduledOperation",
    "Signature",
    "Source",
    "StatusNotEstablished",
    "Termination",
    "TextPart",
    "Topic",
    "TopicCatalogue",
    "Verbatim",
    "json_schema",
    "load_corpus",
    "load_instruments",
    "operations_on",
]
