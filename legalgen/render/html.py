"""Turn a view model into HTML: the only module that imports Jinja2.

One :class:`jinja2.Environment` serves every template (reports, briefs, and the diff pages):

* ``autoescape=True`` for **every** template, whatever its file name ends with: a clause that holds
  ``<img src="file:///etc/passwd">`` is printed as text, never interpreted (``select_autoescape`` would
  leave ``*.html.j2`` unescaped);
* ``StrictUndefined``: a misspelt field raises instead of printing an empty clause;
* filters are registered in one place (:data:`FILTERS`); templates whose names start with ``_`` are
  partials and macros, never rendered on their own.

Templates display, Python decides: a view model (see :mod:`legalgen.views`) arrives sorted and formatted.

Three output modes share the templates (:class:`Mode`):

``pdf``
    a whole HTML document for :func:`legalgen.render.pdf.render_pdf`; no ``<style>`` (the print
    stylesheet is handed to WeasyPrint separately), footnotes as ``float: footnote`` elements.
``page``
    a standalone HTML page with its stylesheet inline: no scripts, no external requests.
``embed``
    one root element a host site can paste into its own page: the stylesheet is scoped under the root,
    resets what the host's CSS would otherwise restyle, and every ``id`` is prefixed so it cannot clash.

Example (any template, any view model; in the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.)::

    >>> import datetime as dt
    >>> from legalgen.views import report_view
    >>> view = report_view(corpus, as_of=dt.date(2026, 1, 1), generated=dt.date(2026, 1, 1))
    >>> html = render_html("report.html", view, mode="page")
    >>> html.startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from legalgen.errors import RenderError

MODES = ("pdf", "page", "embed")
ModeName = Literal["pdf", "page", "embed"]

TEMPLATE_PACKAGE = "legalgen"
TEMPLATE_FOLDER = "templates"


@dataclass(frozen=True)
class Mode:
    """How a document is being rendered; templates read it as ``mode``.

    ``id_prefix`` is put in front of every element id (through the ``anchor`` filter) so two embedded
    documents, or a document and its host page, never share an id.
    """

    name: ModeName
    id_prefix: str = ""

    @property
    def pdf(self) -> bool:
        return self.name == "pdf"

    @property
    def embed(self) -> bool:
        return self.name == "embed"


def _anchor(context: Any, name: str) -> str:
    """``{{ "art-1"|anchor }}``: the element id for ``name`` in the current mode."""
    mode: Mode = context["mode"]
    return f"{mode.id_prefix}{name}"


def _paragraphs(text: str) -> list[str]:
    """Split a text on its line breaks into paragraphs (blank ones dropped)."""
    return [p.strip() for p in text.split("\n") if p.strip()]


@cache
def _css(name: str) -> Markup:
    """A packaged stylesheet (never record data) for a ``<style>`` element, comments removed.

    It is checked to make no request of its own (no ``@import``, no ``url()`` other than ``data:``) and
    not to close the element, then marked safe: autoescaping would otherwise turn ``>`` into ``&gt;``.
    """
    text = re.sub(r"/\*.*?\*/", "", static_text(name), flags=re.DOTALL)
    text = "\n".join(line for line in text.splitlines() if line.strip()) + "\n"
    if re.search(r"</style|@import|url\(\s*['\"]?(?!data:)", text, re.IGNORECASE):
        raise ValueError(f"{name} may not close <style>, @import or load a url(); fix the stylesheet")
    return Markup(text)  # our packaged CSS, checked above


#: Every filter the templates may use, registered once.
FILTERS: dict[str, Callable[..., Any]] = {
    "anchor": jinja2.pass_context(_anchor),
    "paragraphs": _paragraphs,
}


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of legalgen (templates shipped in the package)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def static_text(name: str) -> str:
    """The text of one packaged static file (``legalgen/static/<name>``)."""
    return resources.files(TEMPLATE_PACKAGE).joinpath("static", name).read_text(encoding="utf-8")


def missing_file(exc: OSError) -> str:
    """The packaged file an OSError names, as ``legalgen/static/print.css``."""
    path = str(exc.filename or "a packaged file")
    return "legalgen/" + path.split("/legalgen/", 1)[1] if "/legalgen/" in path else path


def template_names() -> list[str]:
    """The templates that can be rendered on their own (partials start with ``_``)."""
    return sorted(n for n in environment().list_templates() if not n.split("/")[-1].startswith("_"))


def render_html(template: str, view: Any, *, mode: ModeName = "page", id_prefix: str = "", provenance: str = "") -> str:
    """Render ``template`` with the view model ``view`` (available as ``doc``) into an HTML string.

    ``mode`` is ``"pdf"``, ``"page"`` or ``"embed"`` (see the module docstring). In ``embed`` mode every
    id is prefixed with ``id_prefix`` (default: the view's ``meta.slug`` plus ``--``). ``provenance`` (see
    :mod:`legalgen.provenance`) goes into ``<meta name="legalgen-provenance">``, or the root element's
    ``data-legalgen-provenance`` in ``embed`` mode.

    A template that uses a name the view does not have, or a packaged file that is missing, fails with
    :class:`~legalgen.errors.RenderError` (exit 4) naming the template, never with an empty clause.

    >>> view = legalgen.brief_view(corpus, "citizenship", as_of=dt.date(2025, 1, 1), generated=dt.date(2025, 1, 1))
    >>> render_html("brief.html", view, mode="embed").partition(" lang=")[0]
    '<div class="legalgen legalgen-brief" id="brief-citizenship--root"'
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {MODES}")
    if template.split("/")[-1].startswith("_"):
        raise ValueError(f"{template!r} is a partial; render the document that includes it")
    if mode == "embed" and not id_prefix:
        id_prefix = f"{view.meta.slug}--"
    try:
        context = {
            "doc": view,
            "mode": Mode(mode, id_prefix if mode == "embed" else ""),
            "screen_css": _css("screen.css") if mode != "pdf" else Markup(""),
            "provenance": provenance,
        }
        return environment().get_template(template).render(context)
    except jinja2.UndefinedError as exc:
        raise RenderError(
            f"template {template}: {exc.message}; nothing was written; fix: correct the name in the template"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"template {exc.name} is missing from the installed legalgen; fix: reinstall legalgen"
        ) from None
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise RenderError(
            f"{missing_file(exc)} is missing from the installed legalgen; nothing was written; fix: reinstall legalgen"
        ) from None


__all__ = ["FILTERS", "MODES", "Mode", "environment", "missing_file", "render_html", "static_text", "template_names"]
