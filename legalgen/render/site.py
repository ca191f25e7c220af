"""The static site's files: every page of :func:`legalgen.views.site.site_pages` as HTML, and the search index.

:func:`site_files` renders everything first and returns ``path → bytes``; the CLI hands the result to
:func:`legalgen.output.write_tree`, which publishes the whole tree or nothing. The same corpus gives the same
bytes: no clock, no random ids, JSON with sorted keys.

    >>> files = site_files(corpus)
    >>> "1999-union-state/art-14/index.html" in files, "search-index.js" in files
    (True, True)
"""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from legalgen.records import Corpus
from legalgen.render.html import render_html
from legalgen.views.site import SEARCH_INDEX, SitePage, site_pages, site_search_index

TEMPLATE = "site_page.html"


def script_safe(text: str) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` as JSON escapes, so no
    record text can close the element, then marked safe (autoescaping would turn ``"`` into ``&#34;``)."""
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))  # escaped above


def render_page(page: SitePage) -> str:
    return render_html(TEMPLATE, dataclasses.replace(page, jsonld=script_safe(page.jsonld)), mode="page")


def site_files(corpus: Corpus) -> dict[str, bytes]:
    """Every file of the site of ``corpus``: ``index.html`` of each page's folder and ``search-index.js``."""
    pages = site_pages(corpus)
    files = {page.file: render_page(page).encode("utf-8") for page in pages}
    files[SEARCH_INDEX] = site_search_index(pages).encode("utf-8")
    return dict(sorted(files.items()))


__all__ = ["TEMPLATE", "render_page", "script_safe", "site_files"]
