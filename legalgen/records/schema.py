"""JSON Schema of the record formats, for editors (``# yaml-language-server: $schema=…``) and tools."""

from __future__ import annotations

import json

from legalgen.records.models import Instrument, TopicCatalogue


def json_schema(what: str = "instrument") -> str:
    """The JSON Schema of an instrument record (``what='instrument'``) or of ``topics.yaml``, as text."""
    model = TopicCatalogue if what == "topics" else Instrument
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
