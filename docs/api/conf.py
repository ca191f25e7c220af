"""Sphinx configuration of the API reference: ``make docs`` builds it into ``site/``.

The reference is generated from the docstrings of the names in ``legalgen.__all__`` (autodoc). The
docstrings are reStructuredText (``literal``, ``:class:`` roles, ``>>>`` examples), which Sphinx reads
as written.
"""

from typing import Any

from pydantic import BaseModel

import legalgen

project = "legalgen"
author = "legalgen"
copyright = "legalgen contributors"
version = release = legalgen.__version__

extensions = ["sphinx.ext.autodoc"]
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
html_theme = "alabaster"
html_theme_options = {"page_width": "1200px", "body_max_width": "none"}  # room for a signature and its example
html_title = f"legalgen {release} — Python API"
html_show_sourcelink = False


def _field_names(
    app: Any, what: str, name: str, obj: Any, options: Any, signature: str | None, ret: str | None
) -> tuple[str, str | None] | None:
    """A record model's signature lists its field names only.

    Pydantic spells every field's type out in full (validators, patterns, discriminators), which buries the
    names a reader looks for; the types are the README's record format and ``legalgen schema``.
    """
    if what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel):
        return "(*, " + ", ".join(obj.model_fields) + ")", ret
    return None


def setup(app: Any) -> None:
    app.connect("autodoc-process-signature", _field_names)
