"""The records a document was made from, as data that travels with it (attached to a PDF/A-3).

>>> json.loads(records_json(corpus, ["1997-union"]))["instruments"][0]["id"]
'1997-union'
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from legalgen import __version__
from legalgen.records import Corpus


def records_json(corpus: Corpus, instrument_ids: Sequence[str] | None = None) -> bytes:
    """The records (and topic catalogue) as one JSON document, for attaching to a PDF/A-3."""
    ids = list(instrument_ids) if instrument_ids is not None else list(corpus.ids)
    data = {
        "generator": f"legalgen {__version__}",
        "topics": json.loads(corpus.topics.model_dump_json()),
        "instruments": [json.loads(corpus.instrument(i).model_dump_json()) for i in ids],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
