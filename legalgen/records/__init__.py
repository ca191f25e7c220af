"""Records: read YAML records, validate them against the models, and check the corpus as a whole.

The first stage of the pipeline (``read → validate → check``). Everything after it works on a
:class:`Corpus` of frozen :class:`Instrument` models and never sees YAML.
"""

from __future__ import annotations

from legalgen.records.corpus import Corpus, load_corpus, load_instruments
from legalgen.records.models import (
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
    Paraphrase,
    Provision,
    Ratification,
    RelationType,
    Reliability,
    Rendering,
    Restoration,
    Signature,
    Source,
    StatusNotEstablished,
    Termination,
    TextPart,
    Topic,
    TopicCatalogue,
    Verbatim,
)
from legalgen.records.schema import json_schema

__all__ = [
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
    "Paraphrase",
    "Provision",
    "Ratification",
    "RelationType",
    "Reliability",
    "Rendering",
    "Restoration",
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
]
