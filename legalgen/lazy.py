"""Public names imported from their module on first use (PEP 562), for the packages that re-export them.

``legalgen``, ``legalgen.records``, ``legalgen.analysis`` and ``legalgen.views`` name many things a
command may never use; importing them all would cost every command their imports (Pydantic's models,
the stemmer, the renderers). Each package maps a public name to the module it lives in and answers
``__getattr__`` with :func:`attribute`, which imports that module once and keeps the name in the package.

    >>> import legalgen.analysis
    >>> attribute("legalgen.analysis", {"Grade": "legalgen.analysis.citations"}, {}, "Grade").__name__
    'Grade'
    >>> attribute("legalgen.analysis", {}, {}, "nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'legalgen.analysis' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, MutableMapping
from typing import Any


def attribute(package: str, homes: Mapping[str, str], namespace: MutableMapping[str, Any], name: str) -> Any:
    """``name`` of ``package``, imported from the module ``homes`` names and kept in ``namespace`` (the
    package's ``globals()``), so the next look-up does not come here."""
    home = homes.get(name)
    if home is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    namespace[name] = value
    return value
