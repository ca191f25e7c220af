"""Renderers: view and analysis objects in, text, JSON, Markdown, HTML or PDF out; and the registry of formats.

Only :mod:`legalgen.render.html` imports jinja2 and only :mod:`legalgen.render.pdf` imports
weasyprint, so this package's ``__init__`` imports neither.

**The registry.** Every output legalgen writes is an :class:`Output` in :data:`OUTPUTS`: what builds its
subject from a command's arguments (``as-of``: :func:`~legalgen.analysis.status_as_of`) and the formats it
offers, each a :class:`Format`: its name, the view that turns the subject into a view model if it needs
one, the renderer, the file suffix and the media type. ``legalgen`` offers exactly these names to
``--format`` and ``legalgen build`` names its files with these suffixes. Functions are named as
``"module:function"`` and imported on first use, so the registry costs nothing to import and a text
format never loads WeasyPrint.

Arguments go by name: each function is given the options whose names are among its parameters, and the
subject fills the first parameter left over. ``status_as_of(corpus, date, today)`` is called with the
command's ``corpus``, ``date`` and ``today``; ``render_html(template, view, mode)`` with the output's
``template``, the view as ``view`` and the command's ``mode``.

    >>> OUTPUTS["matrix"].names
    ('text', 'csv', 'json')
    >>> OUTPUTS["report"].format("pdf").suffix, OUTPUTS["report"].format("pdf").media_type
    ('.pdf', 'application/pdf')
    >>> OUTPUTS["as-of"].produce("json", corpus=corpus, date=day)[:12]  # doctest: +SKIP
    b'{\\n  "after_r'

Adding a format to an output is one renderer (a function of the subject returning ``str`` or ``bytes``)
and one :class:`Format` line in its entry below.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from legalgen.errors import UnknownName


def resolve(name: str) -> Callable[..., Any]:
    """The function ``name`` (``"legalgen.render.data:as_of_json"``) names, imported now."""
    module, _, attr = name.partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return func


def call(name: str, options: Mapping[str, Any], *subject: Any) -> Any:
    """Call the function ``name`` with the ``options`` it names as parameters; ``subject`` fills the first
    parameter left over."""
    func = resolve(name)
    params = inspect.signature(func).parameters
    kwargs = {key: value for key, value in options.items() if key in params}
    rest = [p for p in params if p not in kwargs]
    if len(subject) > len(rest):
        raise TypeError(f"{name}: the options take every parameter; none is left for the subject")
    return func(**dict(zip(rest, subject, strict=False)), **kwargs)


@dataclass(frozen=True)
class Format:
    """One way to write an output: ``Format("csv", ".csv", "text/csv", "legalgen.render.data:matrix_csv")``.

    ``view`` turns the subject into a view model first (the HTML and PDF of a diff); ``end`` is added after
    the renderer's text (the final newline a terminal listing leaves to the printer); ``also`` are other
    suffixes that mean this format when a file name is given (``.htm``).
    """

    name: str
    suffix: str
    media_type: str
    renderer: str
    view: str | None = None
    end: str = ""
    also: tuple[str, ...] = ()
    schema: str | None = None  # the JSON Schema its documents follow: schema/<schema>.schema.json

    @property
    def binary(self) -> bool:
        """Bytes that are not text (a PDF): not for a terminal."""
        return not (self.media_type.startswith("text/") or self.media_type.endswith("json"))

    def render(self, subject: Any, options: Mapping[str, Any]) -> Rendered:
        """The finished bytes of ``subject`` in this format, with what the renderer warned about."""
        if self.view is not None:
            subject = call(self.view, options, subject)
        out = call(self.renderer, options, subject)
        if isinstance(out, str):
            return Rendered((out + self.end).encode("utf-8"))
        if isinstance(out, bytes):
            return Rendered(out)
        return Rendered(out.data, tuple(out.warnings))  # a renderer that reports warnings (the PDF's)


@dataclass(frozen=True)
class Rendered:
    """A finished output: its exact bytes, and the renderer's warnings (a PDF's layout warnings), each once."""

    data: bytes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Output:
    """Something legalgen writes (``as-of``, ``report``, …): what builds it and the formats it offers.

    ``builder`` makes the subject from the command's arguments (``None``: the caller passes the subject,
    e.g. the two instruments of a diff, which may be files of the user's own); ``given`` are options this
    output always passes (the ``template`` of its HTML and PDF).
    """

    name: str
    formats: tuple[Format, ...]
    builder: str | None = None
    given: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.formats)

    def format(self, name: str) -> Format:
        """The format ``name``; an unknown one raises :class:`~legalgen.errors.UnknownName`."""
        for f in self.formats:
            if f.name == name:
                return f
        raise UnknownName(f"format of {self.name}", name, self.names)

    def for_suffix(self, suffix: str) -> Format | None:
        """The format a file name ending in ``suffix`` (``.html``, ``.PDF``) asks for, if any."""
        suffix = suffix.lower()
        return next((f for f in self.formats if suffix in (f.suffix, *f.also)), None)

    def build(self, **options: Any) -> Any:
        """The subject of this output: the analysis or view object its formats render."""
        if self.builder is None:
            raise TypeError(f"{self.name}: the caller builds the subject; use render()")
        return call(self.builder, options)

    def render(self, fmt: str, subject: Any, **options: Any) -> Rendered:
        """``subject`` rendered in the format ``fmt``: the exact bytes to print or write."""
        return self.format(fmt).render(subject, {**options, **self.given})

    def produce(self, fmt: str, **options: Any) -> Rendered:
        """Build the subject from ``options`` and render it: ``OUTPUTS["matrix"].produce("csv", corpus=c)``."""
        return self.render(fmt, self.build(**options), **options)


def _text(renderer: str) -> Format:
    """Plain text for a terminal (the renderer leaves the final newline to the printer)."""
    return Format("text", ".txt", "text/plain", renderer, end="\n")


def _json(renderer: str, schema: str) -> Format:
    return Format("json", ".json", "application/json", renderer, schema=schema)


def _page(view: str | None = None) -> tuple[Format, Format]:
    """The HTML page (``mode="embed"``: a fragment) and the PDF of a document with a template."""
    html = Format("html", ".html", "text/html", "legalgen.render.html:render_html", view=view, also=(".htm",))
    return html, Format("pdf", ".pdf", "application/pdf", "legalgen.render.pdf:render_pdf", view=view)


_DIFF = "legalgen.render.diff"
_HTML, _PDF = _page()
_DIFF_HTML, _DIFF_PDF = _page(view="legalgen.views:diff_view")
_LAW_HTML, _LAW_PDF = _page(view="legalgen.views.lawdiff:law_diff_view")

#: Every output by name. The order of its formats is the order ``--help`` lists them in.
OUTPUTS: dict[str, Output] = {
    o.name: o
    for o in (
        Output(
            "list",
            (_text("legalgen.render.text:instrument_list"), _json("legalgen.render.data:list_json", "list")),
        ),
        Output(
            "show",
            (
                _text("legalgen.render.text:instrument_detail"),
                _json("legalgen.render.data:instrument_json", "instrument"),
            ),
        ),
        Output(
            "show-as-of",  # legalgen show ID --as-of DATE: the provisions consolidated
            (
                _text("legalgen.render.consolidation:consolidated_detail"),
                _json("legalgen.render.consolidation:consolidated_json", "consolidated"),
            ),
            builder="legalgen.analysis.consolidation:consolidate",
        ),
        Output(
            "text",  # legalgen text ID ART --as-of DATE: one provision consolidated
            (
                _text("legalgen.render.consolidation:provision_text"),
                _json("legalgen.render.consolidation:consolidated_json", "consolidated"),
            ),
            builder="legalgen.analysis.consolidation:consolidated_provision",
        ),
        Output(
            "as-of",
            (_text("legalgen.render.text:as_of_text"), _json("legalgen.render.data:as_of_json", "as-of")),
            builder="legalgen.analysis:status_as_of",
        ),
        Output(
            "thread",
            (_text("legalgen.render.text:thread_text"), _json("legalgen.render.data:thread_json", "threads")),
            builder="legalgen.analysis:topic_thread",
        ),
        Output(
            "matrix",
            (
                _text("legalgen.render.text:matrix_text"),
                Format("csv", ".csv", "text/csv", "legalgen.render.data:matrix_csv"),
                _json("legalgen.render.data:matrix_json", "matrix"),
            ),
            builder="legalgen.analysis:rights_matrix",
        ),
        Output(
            "genealogy",
            (
                _text("legalgen.render.text:genealogy_text"),
                _json("legalgen.render.data:genealogy_json", "genealogy"),
            ),
            builder="legalgen.analysis:clause_genealogy",
        ),
        Output(
            "diff",
            (
                Format("text", ".txt", "text/plain", f"{_DIFF}:render_terminal"),
                Format("unified", ".diff", "text/x-diff", f"{_DIFF}:render_unified"),
                _json(f"{_DIFF}:render_json", "diff"),
                Format("md", ".md", "text/markdown", f"{_DIFF}:render_markdown"),
                _DIFF_HTML,
                _DIFF_PDF,
            ),
            given={"template": "diff.html"},
        ),
        Output(
            "lawdiff",  # legalgen diff --as-of D1 --as-of D2: the law between two dates
            (
                Format("text", ".txt", "text/plain", "legalgen.render.lawdiff:law_diff_text", end="\n"),
                Format("unified", ".diff", "text/x-diff", "legalgen.render.lawdiff:law_diff_unified"),
                _json("legalgen.render.lawdiff:law_diff_json", "lawdiff"),
                Format("md", ".md", "text/markdown", "legalgen.render.lawdiff:law_diff_markdown"),
                _LAW_HTML,
                _LAW_PDF,
            ),
            builder="legalgen.analysis.lawdiff:diff_law",
            given={"template": "brief.html"},
        ),
        Output(
            "diff-stat",  # legalgen diff --stat: the counts only
            (_text("legalgen.views.words:stat_line"), _json(f"{_DIFF}:render_json", "diff")),
            given={"stat_only": True},
        ),
        Output(
            "export",  # for reference managers: every instrument as a CSL-JSON item or a BibTeX entry
            (
                Format(
                    "csl-json",
                    ".json",
                    "application/vnd.citationstyles.csl+json",
                    "legalgen.render.references:csl_json",
                ),
                Format("bibtex", ".bib", "text/x-bibtex", "legalgen.render.references:bibtex"),
            ),
            builder="legalgen.views.references:references",
        ),
        Output(
            "akn",  # legalgen export akn ID|--all: one Akoma Ntoso 3.0 document per instrument
            (Format("akn", ".xml", "application/akn+xml", "legalgen.render.akn:akn_xml"),),
        ),
        Output("report", (_PDF, _HTML), builder="legalgen.views:report_view", given={"template": "report.html"}),
        Output("brief", (_PDF, _HTML), builder="legalgen.views:brief_view", given={"template": "brief.html"}),
    )
}


def json_schemas() -> tuple[str, ...]:
    """The names of the JSON Schemas the JSON documents follow (``schema/<name>.schema.json``)."""
    return tuple(sorted({f.schema for o in OUTPUTS.values() for f in o.formats if f.schema}))


__all__ = ["OUTPUTS", "Format", "Output", "Rendered", "call", "json_schemas", "resolve"]
