"""The ``legalgen`` command line: parse options, call one stage, print or write, translate errors.

No logic lives here. Every command that prints a document offers ``--format`` with the formats the
registry (:data:`legalgen.render.OUTPUTS`) lists for it and lets the registry build and render it
(``--json`` stays as a hidden alias of ``--format json``). Renderers are imported by the registry only
when used, so ``legalgen validate``, ``list``, ``show`` and ``diff`` never load WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from legalgen import __version__
from legalgen.analysis.defaults import THRESHOLD as GENEALOGY_THRESHOLD
from legalgen.errors import EXIT_INPUT, LegalgenError, RecordError, RefusedError
from legalgen.render import OUTPUTS, Format, Rendered, json_schemas
from legalgen.render.style import Role

if TYPE_CHECKING:
    from legalgen.records import Corpus
    from legalgen.records.cache import RecordCache


def load_corpus(paths: Sequence[Path], *, strict_text: bool = False) -> Corpus:
    """:func:`legalgen.records.load_corpus`, imported when a command first reads records: ``legalgen
    --help`` and a mistyped option then never load the records' models (Pydantic). A command reads a
    large corpus on every core and keeps it out of the garbage collector's sight until it exits
    (``workers``, ``freeze``), which a library call does not do unasked."""
    from legalgen.records import load_corpus as load
    from legalgen.records.corpus import cores

    return load(paths, strict_text=strict_text, cache=record_cache(), workers=cores(), freeze=True)


def record_cache() -> RecordCache | None:
    """The cache of validated records (:mod:`legalgen.records.cache`) where the environment puts it, unless
    ``--no-cache`` or ``LEGALGEN_NO_CACHE=1`` turns it off. A folder that cannot be used is no error: it
    is then not used."""
    from legalgen.records.cache import RecordCache, cache_folder

    ctx = click.get_current_context(silent=True)
    folder = cache_folder(os.environ)
    if folder is None or (ctx is not None and ctx.find_root().params.get("no_cache")):
        return None
    return RecordCache(folder)


F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_CORPUS = Path("treaties")
DEFAULT_OUT = Path("reports")


def handle_errors(func: F) -> F:
    """Translate :class:`LegalgenError` into its one-line message(s) and exit code, once, for every command."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return func(*args, **kwargs)
        except LegalgenError as exc:
            if ctx.find_root().params.get("debug"):
                raise
            for line in str(exc).splitlines():
                click.echo(f"error: {line}" if not isinstance(exc, RecordError) else line, err=True)
            if isinstance(exc, RecordError):
                n = len(exc.problems)
                click.echo(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.", err=True)
            ctx.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def corpus_option(func: F) -> F:
    return click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=DEFAULT_CORPUS,
        show_default=True,
        help="Folder of instrument records (with topics.yaml).",
    )(func)


def generation_date() -> dt.date | None:
    """The date printed on outputs: from SOURCE_DATE_EPOCH when set, else today (read only here)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except ValueError:
            raise click.BadParameter(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
    return dt.datetime.now(tz=dt.UTC).date()


def date_argument(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Parse a YYYY-MM-DD date, or stop with a usage error (exit 2) that says how to write it.

    The one date parser of every command (``as-of DATE``, ``--until``, ``--as-of``).
    """
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; fix: write it as YYYY-MM-DD, e.g. 1999-12-08", ctx=ctx, param=param
        ) from None


def format_option(output: str, *, json_alias: bool = True) -> Callable[[F], F]:
    """``--format`` with the formats the registry lists for ``output`` (the first is the default), and
    ``--json``, a hidden alias of ``--format json`` kept for the commands that had it."""
    names = OUTPUTS[output].names
    schema = next((f.schema for f in OUTPUTS[output].formats if f.schema), None)
    about = f" (json: schema in `legalgen schema {schema}`)" if schema and schema != "instrument" else ""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, as_json: bool = False, **kwargs: Any) -> Any:
            if as_json:
                ctx = click.get_current_context()
                if (
                    ctx.get_parameter_source("fmt") is click.core.ParameterSource.COMMANDLINE
                    and kwargs["fmt"] != "json"
                ):
                    raise click.UsageError(f"--json means --format json; drop --json or --format {kwargs['fmt']}")
                kwargs["fmt"] = "json"
            return func(*args, **kwargs)

        option = click.option(
            "--format",
            "fmt",
            type=click.Choice(names),
            default=names[0],
            show_default=True,
            help=f"Output format{about}.",
        )
        decorated = option(wrapper)
        if json_alias:
            decorated = click.option("--json", "as_json", is_flag=True, hidden=True, help="--format json")(decorated)
        return decorated  # type: ignore[return-value]

    return decorate


def echo_rendered(rendered: Rendered) -> None:
    """Print a rendered document as it is: bytes to the binary stream, nothing added or stripped."""
    click.echo(rendered.data, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="legalgen")
@click.option("--debug", is_flag=True, help="Show a traceback instead of a one-line error.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and validate every record, without the cache of validated records (also LEGALGEN_NO_CACHE=1).",
)
def cli(debug: bool, no_cache: bool) -> None:
    """Compare legal instruments across time: validated YAML records in, reports out.

    \b
    Example:
      legalgen validate treaties/
      legalgen show 1997-charter
    """


def strict_text_option(func: F) -> F:
    return click.option(
        "--strict-text",
        is_flag=True,
        help="Make invisible characters in records (bidi controls, zero-width characters) errors, not warnings.",
    )(func)


def warn_records(corpus: Corpus) -> None:
    """What the records hold that a reader cannot see, one located line each on stderr."""
    for problem in corpus.warnings:
        click.echo(f"warning: {problem}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=f"Folder of instrument records (with topics.yaml), as for every command  [default: {DEFAULT_CORPUS}]",
)
@strict_text_option
@handle_errors
def validate(paths: Sequence[Path], corpus_dir: Path | None, strict_text: bool) -> None:
    """Check every record and the corpus as a whole; print every problem, one line each.

    PATHS are record files or folders; with --corpus, they are checked together with that corpus (its
    topics.yaml). Without either, treaties/ is checked. Exit status 0 when clean, 2 otherwise.

    \b
    Example:
      legalgen validate --corpus examples/eu-citizenship && echo clean
    """
    from legalgen.records.cache import checked_before

    named = [corpus_dir] if corpus_dir is not None else []
    targets = [*named, *paths] or [DEFAULT_CORPUS]
    counts = checked_before(targets, record_cache())  # these very files, checked before: no models loaded
    if counts is None:
        corpus = load_corpus(targets, strict_text=strict_text)
        warn_records(corpus)
        counts = len(corpus.instruments), len(corpus.topics.topics)
    n, topics = counts
    click.echo(f"ok: {n} instrument{'s' if n != 1 else ''}, {topics} topics, no problems")


@cli.command("list")
@corpus_option
@format_option("list")
@handle_errors
def list_(corpus_dir: Path, fmt: str) -> None:
    """List the instruments of the corpus in order of signature.

    \b
    Example:
      legalgen list --format json | jq '.instruments[].id'
    """
    corpus = load_corpus([corpus_dir])
    echo_rendered(OUTPUTS["list"].render(fmt, corpus))


@cli.command()
@click.argument("instrument_id")
@corpus_option
@click.option(
    "--as-of",
    "as_of",
    callback=date_argument,
    metavar="DATE",
    help="Show the provisions as in force on DATE (YYYY-MM-DD), amended passages marked (json: `legalgen schema "
    "consolidated`).",
)
@format_option("show")
@handle_errors
def show(instrument_id: str, corpus_dir: Path, as_of: dt.date | None, fmt: str) -> None:
    """Show one instrument: titles, life, relations, positions, provisions with their sources.

    With --format json, the record itself, valid against `legalgen schema` (it can be read back as a record).
    With --as-of, the provisions as in force on that date: each amended passage marked with the provision
    that amended it and the date it took effect, and where the amending words were not seen, said so there.

    \b
    Example:
      legalgen show 1997-charter
      legalgen show 1998-equal-rights --as-of 2025-11-01
    """
    corpus = load_corpus([corpus_dir])
    if as_of is not None:
        consolidated = OUTPUTS["show-as-of"]
        echo_rendered(consolidated.produce(fmt, corpus=corpus, instrument=instrument_id, date=as_of))
        return
    echo_rendered(OUTPUTS["show"].render(fmt, corpus.instrument(instrument_id), topics=corpus.topics))


@cli.command()
@click.argument("instrument_id")
@click.argument("provision", metavar="ART")
@corpus_option
@click.option(
    "--as-of",
    "as_of",
    callback=date_argument,
    metavar="DATE",
    help="The date the wording is in force on, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH).",
)
@format_option("text", json_alias=False)
@handle_errors
def text(instrument_id: str, provision: str, corpus_dir: Path, as_of: dt.date | None, fmt: str) -> None:
    """Print one provision's wording as in force on a date: each amended passage marked with the provision
    that amended it and the date it took effect; where the amending words were not seen, it says so there.

    ART is the provision's id (art-1, art-14/para-2), by its number on the date or as recorded.

    \b
    Example:
      legalgen text 1998-equal-rights art-1 --as-of 2025-11-01
      legalgen text 1998-equal-rights art-1 --as-of 2025-11-01 --format json | jq '.provisions[0].complete'
    """
    corpus = load_corpus([corpus_dir])
    day = _as_of(as_of, generation_date())
    rendered = OUTPUTS["text"].produce(fmt, corpus=corpus, instrument=instrument_id, provision=provision, date=day)
    echo_rendered(rendered)


@cli.command()
@click.argument("document", required=False, metavar="[DOCUMENT]", type=click.Choice(json_schemas()))
@click.option("--topics", "what", flag_value="topics", help="Schema of topics.yaml instead.")
@click.option(
    "--instrument", "what", flag_value="instrument", default=True, help="Schema of an instrument record (default)."
)
def schema(document: str | None, what: str) -> None:
    """Print the JSON Schema of a record, for editors that validate as you type, or of a JSON DOCUMENT
    legalgen prints (as-of, threads, matrix, genealogy, list, diff).

    \b
    Example:
      legalgen schema > schema/instrument.schema.json
      legalgen schema as-of > schema/as-of.schema.json
    """
    name = document or what
    if name in ("instrument", "topics"):
        from legalgen.records import json_schema

        click.echo(json_schema(name), nl=False)
    else:
        from legalgen.render.schemas import document_schema

        click.echo(document_schema(name), nl=False)


def _limit_options(func: F) -> F:
    """``--time-limit`` and ``--memory-limit``: what one document's render may take (see build.Limits)."""
    func = click.option(
        "--memory-limit",
        type=click.IntRange(16),
        default=2048,
        show_default=True,
        metavar="MIB",
        help="Resident memory one document's render may use.",
    )(func)
    return click.option(
        "--time-limit",
        type=click.FloatRange(0.1),
        default=180.0,
        show_default=True,
        metavar="SECONDS",
        help="Wall-clock time one document's render may take.",
    )(func)


@cli.command()
@corpus_option
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT, show_default=True
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    metavar="N",
    help="Documents rendered at the same time, the longest first.  [default: one per CPU]",
)
@strict_text_option
@_limit_options
@handle_errors
def build(
    corpus_dir: Path, out_dir: Path, jobs: int | None, strict_text: bool, time_limit: float, memory_limit: int
) -> None:
    """Validate the corpus and write the standard set of reports, all or nothing.

    The files of the standard set are replaced without --force: the folder is build's own. Everything is
    rendered first, each document in a process of its own under the limits, then staged in a hidden
    folder inside OUT and published with a manifest (legalgen-manifest.json); any failure, Ctrl-C
    included, leaves the previous set as it was.

    Only what changed is rendered again: each document is kept in OUT/.legalgen-cache/ under a hash of
    everything it is made from (its view of the records, the options, legalgen's files, the installed
    versions, the fonts), and taken from there while that hash is the same. Delete the folder at any
    time; the next build renders everything and writes the same bytes. On a terminal, a progress bar on
    stderr follows the documents being rendered (none in a pipe, a file or a CI log).

    \b
    Example:
      legalgen build --out reports/ --jobs 2
    """
    from legalgen.build import Limits, RenderCache, build_reports
    from legalgen.output import refuse_inputs, write_outputs

    refuse_inputs([out_dir], [corpus_dir])
    corpus = load_corpus([corpus_dir], strict_text=strict_text)
    warn_records(corpus)
    limits = Limits(seconds=time_limit, memory_mb=memory_limit)
    cache = RenderCache.beside(out_dir)
    with render_progress() as progress:
        built = build_reports(
            corpus, generated=generation_date(), limits=limits, workers=jobs, cache=cache, progress=progress
        )
    for name, warnings in built.warnings.items():
        _warn(name, warnings)
    for path in write_outputs(out_dir, built.files, overwrite=True, inputs=[corpus_dir], manifest=True):
        click.echo(f"wrote {path}")
    cache.keep(built)
    if built.reused:
        click.echo(
            f"rendered {len(built.rendered)} of {len(built.keys)} documents; "
            f"{len(built.reused)} unchanged, taken from {cache.folder}",
            err=True,
        )


def progress_wanted(stream: Any, environ: Mapping[str, str]) -> bool:
    """Whether to draw a progress bar on ``stream``: only on a terminal, never into a pipe, a file or a CI
    log (``CI`` set, as CI services do, even where they give the job a terminal) or on a ``TERM=dumb``."""
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or the stream is closed
        tty = False
    return tty and environ.get("TERM") != "dumb" and not environ.get("CI")


@contextmanager
def render_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for the documents being rendered, where :func:`progress_wanted`; the
    callback (``done``, ``total``) to pass to the renderer, or None. The bar is cleared when it ends."""
    stream = sys.stderr
    if not progress_wanted(stream, os.environ):
        yield None
        return
    bars: list[Any] = []

    def show(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label="rendering", file=stream, show_pos=True, show_eta=True))
            bars[0].render_progress()  # at once: the first document to end may be the long report
        bars[0].update(done - bars[0].pos)

    try:
        yield show
    finally:
        if bars:
            bars[0].render_finish()


def _warn(document: str, warnings: Sequence[str]) -> None:
    """What the renderer warned about while making ``document``, one line each on stderr."""
    for message in warnings:
        click.echo(f"warning: {document}: {message}", err=True)


# --- analysis across time ---


@cli.command("as-of")
@click.argument("date", metavar="DATE", callback=date_argument)
@corpus_option
@format_option("as-of")
@handle_errors
def as_of(date: dt.date, corpus_dir: Path, fmt: str) -> None:
    """Show the legal position on DATE (YYYY-MM-DD): which instruments were signed, in force, amended or
    terminated, and for each topic the position then in force with the provisions that establish it.

    Positions resting on wording not seen verbatim, dates derived from other instruments and facts the
    records mark unverified are flagged.

    \b
    Example:
      legalgen as-of 2025-10-29
      legalgen as-of 1997-06-11 --format json | jq '.positions[] | {topic, position}'
    """
    corpus = load_corpus([corpus_dir])
    echo_rendered(OUTPUTS["as-of"].produce(fmt, corpus=corpus, date=date, today=generation_date()))


@cli.command()
@click.argument("topic")
@corpus_option
@click.option("--until", callback=date_argument, metavar="DATE", help="Leave out changes after DATE (YYYY-MM-DD).")
@format_option("thread")
@handle_errors
def thread(topic: str, corpus_dir: Path, until: dt.date | None, fmt: str) -> None:
    """Show how the position on TOPIC changed across time: each change with its date, direction (up, down),
    the instrument that caused it and the provisions behind the new position.

    \b
    Example:
      legalgen thread citizenship
      legalgen thread electoral-rights --format json | jq '.threads[0].steps[-1].position.position'
    """
    corpus = load_corpus([corpus_dir])
    echo_rendered(OUTPUTS["thread"].produce(fmt, corpus=corpus, topic=topic, until=until))


@cli.command()
@corpus_option
@click.option(
    "--by",
    type=click.Choice(["instrument", "year"]),
    default="instrument",
    show_default=True,
    help="Columns: what each instrument states, or the position in force at the end of each year.",
)
@format_option("matrix", json_alias=False)
@handle_errors
def matrix(corpus_dir: Path, by: str, fmt: str) -> None:
    """Print the rights matrix: topic × instrument (or × year) with the position and its citation in each cell.

    \b
    Example:
      legalgen matrix
      legalgen matrix --by year --format csv > rights.csv
    """
    corpus = load_corpus([corpus_dir])
    echo_rendered(OUTPUTS["matrix"].produce(fmt, corpus=corpus, by=by))


@cli.command()
@corpus_option
@click.option("--topic", help="Only links between provisions on this topic.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=GENEALOGY_THRESHOLD,
    show_default=True,
    help="Lowest wording similarity at which a link is suggested.",
)
@format_option("genealogy")
@handle_errors
def genealogy(corpus_dir: Path, topic: str | None, threshold: float, fmt: str) -> None:
    """Show which provisions carry a clause forward from one instrument to the next: links recorded in the
    records (`continues:`), and links suggested by a shared topic and similar wording, with their score.

    \b
    Example:
      legalgen genealogy --topic sovereignty
      legalgen genealogy --format json | jq '.links[] | select(.recorded | not)'
    """
    corpus = load_corpus([corpus_dir])
    echo_rendered(OUTPUTS["genealogy"].produce(fmt, corpus=corpus, topic=topic, threshold=threshold))


# --- reports ---


def _date_option(func: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        callback=date_argument,
        metavar="DATE",
        help="The date the document speaks as of, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH).",
    )(func)


def _citation_style_option(func: F) -> F:
    return click.option(
        "--citation-style",
        type=click.Choice(["plain", "oscola", "bluebook"]),
        default="plain",
        show_default=True,
        help="House style of the full citations (table of authorities; a brief's opening citation).",
    )(func)


def _force_option(func: F) -> F:
    return click.option(
        "--force", is_flag=True, help="Replace the output file if it exists (never an input: that is refused)."
    )(func)


def _output_options(func: F) -> F:
    func = click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
        help="File to write, or - for standard output (default: reports/<document name>).",
    )(func)
    func = _force_option(func)
    func = _limit_options(func)
    func = click.option("--pdf-a", "pdf_a", is_flag=True, help="PDF/A-3b with the records attached as JSON.")(func)
    func = click.option(
        "--pdf-ua",
        "pdf_ua",
        is_flag=True,
        help="PDF/UA-1, the accessible PDF (tagged, with its language and alternative texts); not with --pdf-a.",
    )(func)
    func = click.option(
        "--embed", is_flag=True, help="An HTML fragment to paste into another site (one element, no scripts)."
    )(func)
    names = OUTPUTS["report"].names
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(names),
        help=f"{' or '.join(names)} (default: from the suffix of -o, else {names[0]}).",
    )(func)


def _document_format(
    document: str, fmt: str | None, embed: bool, pdf_a: bool, output: Path | None, pdf_ua: bool = False
) -> str:
    if pdf_a and pdf_ua:
        raise click.UsageError(
            "--pdf-a and --pdf-ua cannot be combined (WeasyPrint writes one PDF variant); choose one"
        )
    if fmt is None:
        named = OUTPUTS[document].for_suffix(output.suffix) if output is not None else None
        fmt = "html" if embed else named.name if named else OUTPUTS[document].names[0]
    if embed and fmt != "html":
        raise click.UsageError("--embed makes an HTML fragment; drop --format pdf")
    if pdf_a and fmt != "pdf":
        raise click.UsageError("--pdf-a applies to PDF output; drop --format html / --embed")
    if pdf_ua and fmt != "pdf":
        raise click.UsageError("--pdf-ua applies to PDF output; drop --format html / --embed")
    return fmt


def _as_of(as_of: dt.date | None, generated: dt.date | None) -> dt.date:
    day = as_of or generated
    if day is None:  # pragma: no cover - generation_date() always gives a date
        raise click.UsageError("give --as-of YYYY-MM-DD")
    return day


def _target(name: str, output: Path | None) -> Path | None:
    """Where a document goes: ``-o``, else ``reports/<name>``; ``None`` for standard output."""
    if output is not None and str(output) == "-":
        return None
    return output if output is not None else DEFAULT_OUT / name


def _check_target(target: Path | None, force: bool, inputs: Sequence[Path]) -> None:
    """Refuse, before any work, to write an input (always) or an existing file (without --force)."""
    from legalgen.output import refuse_existing, refuse_inputs

    if target is None:
        return
    refuse_inputs([target, target.parent], inputs)
    if not force:
        refuse_existing([target])


def _write_document(name: str, data: bytes, output: Path | None, *, force: bool, inputs: Sequence[Path]) -> None:
    from legalgen.output import write_outputs

    target = _target(name, output)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    for path in write_outputs(target.parent, {target.name: data}, overwrite=force, inputs=inputs):
        click.echo(f"wrote {path}")


def _render_one(planned: Any, time_limit: float, memory_limit: int) -> Any:
    """Render one planned document in a process of its own, under the limits."""
    from legalgen.build import Limits, render_isolated

    (doc,) = render_isolated([planned], workers=1, limits=Limits(seconds=time_limit, memory_mb=memory_limit))
    return doc


@cli.command()
@corpus_option
@click.option("--topic", help="Only this topic (its id in topics.yaml).")
@_date_option
@_citation_style_option
@_output_options
@handle_errors
def report(
    corpus_dir: Path,
    topic: str | None,
    as_of: dt.date | None,
    citation_style: str,
    fmt: str | None,
    embed: bool,
    pdf_a: bool,
    pdf_ua: bool,
    output: Path | None,
    force: bool,
    time_limit: float,
    memory_limit: int,
) -> None:
    """Write the timeline report: summary, positions matrix, timeline chart, one chapter per topic with
    the provisions quoted (original and translation side by side), table of authorities, sources and
    what is still unverified.

    \b
    Example:
      legalgen report -o reports/timeline-report.pdf
      legalgen report --topic citizenship --as-of 2000-01-01 --format html
      legalgen report --embed -o site/timeline.embed.html
      legalgen report --pdf-ua -o reports/timeline-report.pdf
    """
    from legalgen.build import plan_report

    fmt = _document_format("report", fmt, embed, pdf_a, output, pdf_ua)
    generated = generation_date()
    _check_target(_target("", output) if output is not None else None, force, [corpus_dir])
    corpus = load_corpus([corpus_dir])
    planned = plan_report(
        corpus,
        as_of=_as_of(as_of, generated),
        generated=generated,
        topic=topic,
        fmt=fmt,
        embed=embed,
        pdf_a=pdf_a,
        pdf_ua=pdf_ua,
        citation_style=citation_style,
    )
    _check_target(_target(planned.name, output), force, [corpus_dir])
    doc = _render_one(planned, time_limit, memory_limit)
    _warn(doc.name, doc.warnings)
    _write_document(doc.name, doc.data, output, force=force, inputs=[corpus_dir])


@cli.command()
@click.argument("target", metavar="ID|TOPIC")
@corpus_option
@_date_option
@_citation_style_option
@_output_options
@handle_errors
def brief(
    target: str,
    corpus_dir: Path,
    as_of: dt.date | None,
    citation_style: str,
    fmt: str | None,
    embed: bool,
    pdf_a: bool,
    pdf_ua: bool,
    output: Path | None,
    force: bool,
    time_limit: float,
    memory_limit: int,
) -> None:
    """Write a brief on one instrument (ID) or one topic (TOPIC): a short formal document with its
    citations in footnotes, for a lawyer to attach. With --pdf-a the records travel inside the PDF.

    \b
    Example:
      legalgen brief 1999-union-state --pdf-a -o union-state.pdf
      legalgen brief 1999-union-state --pdf-ua -o union-state-accessible.pdf
      legalgen brief citizenship --format html
    """
    from legalgen.build import plan_brief

    fmt = _document_format("brief", fmt, embed, pdf_a, output, pdf_ua)
    generated = generation_date()
    _check_target(_target("", output) if output is not None else None, force, [corpus_dir])
    corpus = load_corpus([corpus_dir])
    planned = plan_brief(
        corpus,
        target,
        as_of=_as_of(as_of, generated),
        generated=generated,
        fmt=fmt,
        embed=embed,
        pdf_a=pdf_a,
        pdf_ua=pdf_ua,
        citation_style=citation_style,
    )
    _check_target(_target(planned.name, output), force, [corpus_dir])
    doc = _render_one(planned, time_limit, memory_limit)
    _warn(doc.name, doc.warnings)
    _write_document(doc.name, doc.data, output, force=force, inputs=[corpus_dir])


# --- diff ---


def want_color(choice: str, to_stdout: bool) -> bool:
    """Colour when asked, or (``auto``) when writing to a terminal and NO_COLOR is not set."""
    if choice != "auto" or not to_stdout:
        return choice == "always" and to_stdout
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


STYLES: dict[Role, dict[str, Any]] = {
    "deleted": {"fg": "red"},
    "inserted": {"fg": "green"},
    "heading": {"bold": True},
    "dim": {"dim": True},
}


def terminal_style(text: str, role: Role) -> str:
    """The colours of ``legalgen diff`` on a terminal: deletions red, insertions green, headings bold."""
    return click.style(text, **STYLES[role])


@cli.command()
@click.argument("first", required=False)
@click.argument("second", required=False)
@corpus_option
@click.option(
    "--as-of",
    "as_of",
    multiple=True,
    metavar="DATE",
    help="Twice, without FIRST and SECOND: the law on the two dates (YYYY-MM-DD), topic by topic (json: "
    "`legalgen schema lawdiff`).",
)
@click.option("--topic", help="Only the provisions tagged with this topic, and its position.")
@click.option("--stat", is_flag=True, help="Counts only (text or json).")
@click.option(
    "--metadata",
    "show_metadata",
    is_flag=True,
    help="Text format: list the metadata fields that differ (titles, dates, status), after the provisions.",
)
@format_option("diff", json_alias=False)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the terminal output (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option("--embed", is_flag=True, help="With --format html: one element to paste into another site.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write to FILE atomically instead of standard output ('-').",
)
@_force_option
@handle_errors
def diff(
    first: str | None,
    second: str | None,
    corpus_dir: Path,
    as_of: tuple[str, ...],
    topic: str | None,
    stat: bool,
    show_metadata: bool,
    fmt: str,
    color: str,
    embed: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Compare two instruments: aligned provisions, word-level redline, change summary.

    FIRST and SECOND are instrument ids of the corpus or record files of your own (a.yaml). Provisions are
    paired by recorded links (also through other instruments' provisions), then by shared topic and wording,
    then by article number; each pair says why and how sure, and a provision whose best candidate scores
    below 0.375 is left unpaired, that candidate named. Only verbatim text is redlined
    ([-deleted-]{+inserted+}), typography (dashes, quotation marks, spaces) aside; paraphrases are shown,
    labelled. Metadata differences come after the law, listed with --metadata.
    --format html (--embed for a fragment) and pdf give the redline side by side, A left and B right.

    With --as-of D1 --as-of D2 instead of FIRST and SECOND: the law on the two dates, for each topic and
    dimension the position then and now, what it rests on and its evidence, and the wording of the provisions
    that changed (text, json or md).

    Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      legalgen diff 1997-union 1999-union-state
      legalgen diff --as-of 1999-01-01 --as-of 2026-01-01 --topic electoral-rights
      legalgen diff 1997-union 1999-union-state --metadata
      legalgen diff 1998-equal-rights 2025-equal-rights-protocol --topic electoral-rights
      legalgen diff old.yaml new.yaml --format json -o changes.json
      legalgen diff 1997-charter 1999-union-state --format pdf -o redline.pdf
    """
    from legalgen.analysis import diff_instruments
    from legalgen.errors import EXIT_DIFFERENCES
    from legalgen.records import load_instruments
    from legalgen.records.corpus import cores

    if as_of or first is None or second is None:
        _law_diff(first, second, as_of, corpus_dir, topic, stat, fmt, color, embed, output, force)
        return
    document = OUTPUTS["diff-stat" if stat else "diff"]
    if fmt not in document.names:
        raise click.UsageError(f"--stat gives counts as {' or '.join(document.names)}, not {fmt}")
    inputs = [corpus_dir, *(Path(arg) for arg in (first, second) if Path(arg).suffix in (".yaml", ".yml"))]
    form, to_stdout = _comparison_target(document.format(fmt), embed, output, force, inputs)
    (a, b), topics, corpus = load_instruments(
        [first, second], corpus_dir, cache=record_cache(), workers=cores(), freeze=True
    )
    result = diff_instruments(a, b, topics, corpus=corpus)
    if topic:
        result = result.narrow(topic, topics)
    rendered = document.render(
        fmt,
        result,
        style=terminal_style if want_color(color, to_stdout) else None,
        metadata=show_metadata,
        generated=generation_date(),
        mode="embed" if embed else "page",
    )
    _warn(f"{a.id}-{b.id}{form.suffix}" if output is None else output.name, rendered.warnings)
    _emit_comparison(rendered.data, output, force, inputs)
    click.get_current_context().exit(EXIT_DIFFERENCES if result.has_differences else 0)


def _comparison_target(
    form: Format, embed: bool, output: Path | None, force: bool, inputs: Sequence[Path]
) -> tuple[Format, bool]:
    """Check where a comparison goes before any work: ``(form, to_stdout)``; usage errors exit 2, refusals 3."""
    if embed and form.name != "html":
        raise click.UsageError("--embed makes an HTML fragment; add --format html")
    to_stdout = output is None or str(output) == "-"
    if form.binary and to_stdout and sys.stdout.isatty():
        raise RefusedError(
            f"a {form.name.upper()} is not written to a terminal; fix: add -o FILE{form.suffix} or redirect the output"
        )
    if not to_stdout:
        assert output is not None
        _check_target(output, force, inputs)
    return form, to_stdout


def _emit_comparison(data: bytes, output: Path | None, force: bool, inputs: Sequence[Path]) -> None:
    """Print a comparison, or write it all or nothing (never over an input, nor an existing file unforced)."""
    if output is None or str(output) == "-":
        click.echo(data, nl=False)  # bytes go to the binary stream as they are: no colour stripping
        return
    from legalgen.output import write_outputs

    write_outputs(output.parent, {output.name: data}, overwrite=force, inputs=inputs)
    click.echo(f"wrote {output}", err=True)


def _law_diff(
    first: str | None,
    second: str | None,
    as_of: tuple[str, ...],
    corpus_dir: Path,
    topic: str | None,
    stat: bool,
    fmt: str,
    color: str,
    embed: bool,
    output: Path | None,
    force: bool,
) -> None:
    """``legalgen diff --as-of D1 --as-of D2``: the law between two dates (exit 0 same, 1 changed, 2 bad input)."""
    from legalgen.errors import EXIT_DIFFERENCES

    ctx = click.get_current_context()
    if first is not None or second is not None:
        raise click.UsageError("give either two instruments (FIRST SECOND) or two --as-of dates, not both")
    if len(as_of) != 2:
        raise click.UsageError(
            f"--as-of was given {len(as_of)} time{'s' if len(as_of) != 1 else ''}; fix: give two instruments, or "
            "--as-of twice (e.g. --as-of 2000-01-01 --as-of 2026-01-01)"
        )
    param = next(p for p in ctx.command.params if p.name == "as_of")
    then, now = (date_argument(ctx, param, value) for value in as_of)
    document = OUTPUTS["lawdiff"]
    if fmt not in document.names or stat:
        raise click.UsageError(f"the law between two dates is printed as {' or '.join(document.names)}")
    form, to_stdout = _comparison_target(document.format(fmt), embed, output, force, [corpus_dir])
    corpus = load_corpus([corpus_dir])
    law = document.build(corpus=corpus, then=then, now=now, topic=topic)
    rendered = document.render(
        fmt,
        law,
        style=terminal_style if want_color(color, to_stdout) else None,
        generated=generation_date(),
        mode="embed" if embed else "page",
    )
    _warn(f"law{form.suffix}" if output is None else output.name, rendered.warnings)
    _emit_comparison(rendered.data, output, force, [corpus_dir])
    ctx.exit(EXIT_DIFFERENCES if law.has_differences else 0)


# --- provenance ---


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@corpus_option
@handle_errors
def verify(file: Path, corpus_dir: Path) -> None:
    """Say whether a PDF or HTML document legalgen made still matches the corpus it was made from.

    Every such document records the SHA-256 of each record and of the topic catalogue it was made from;
    this compares them with the corpus now. Exit status 0: it matches; 1: an input changed (each named,
    one line each); 2: the file cannot be read or carries no legalgen provenance, or the corpus is invalid.

    \b
    Example:
      legalgen verify reports/brief-1997-charter.pdf --corpus treaties
    """
    from legalgen.provenance import read_provenance

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise LegalgenError(f"{file}: cannot be read ({exc.strerror or exc}); fix: check the path") from None
    found = read_provenance(data)
    if found is None:
        raise LegalgenError(
            f"{file}: carries no legalgen provenance (not a PDF or HTML document of legalgen, or changed since); "
            "fix: verify a document made by legalgen build, report or brief"
        )
    changes = found.compare(load_corpus([corpus_dir]))
    made = f"made by legalgen {found.tool} with {found.renderer}"
    if not changes:
        n = len(found.inputs)
        click.echo(f"ok: {file} matches {corpus_dir}: its {n} input{'s' if n != 1 else ''} are unchanged ({made})")
        return
    for change in changes:
        click.echo(f"{file}: does not match {corpus_dir}: {change} since it was {made}")
    click.get_current_context().exit(1)


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM: raised by the signal handler of :func:`main`, past click, which would
    otherwise print "Aborted!" with exit status 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: Any) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
    raise Interrupted(signum)


def _quiet_unraisable(hook: Callable[[Any], None]) -> Callable[[Any], None]:
    """An interrupt that lands in a finaliser is not a traceback to show; it is acted on once it surfaces."""

    def quiet(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted | KeyboardInterrupt):
            hook(unraisable)

    return quiet


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``legalgen`` script and of ``python -m legalgen``.

    Ctrl-C or SIGTERM ends the command with "interrupted" and exit status 130 (143 for SIGTERM): render
    workers are killed, nothing half-written is published, no temporary file is left behind.
    """
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _interrupt)
    sys.unraisablehook = _quiet_unraisable(sys.unraisablehook)
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="legalgen", standalone_mode=True)
    except Interrupted as exc:
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
        sys.exit(128 + exc.signum)


__all__ = ["EXIT_INPUT", "cli", "main"]


# --- citations ---


@cli.command()
@click.argument("ref", metavar="REF")
@click.option(
    "--style",
    type=click.Choice(["oscola", "bluebook", "plain"]),
    default="plain",
    show_default=True,
    help="House style: OSCOLA (4th ed.), the Bluebook (21st ed.) or legalgen's own short-title form.",
)
@click.option(
    "--as-of",
    "as_of",
    callback=date_argument,
    metavar="DATE",
    help="Cite as of DATE (YYYY-MM-DD): a later entry into force is not cited as having happened.",
)
@corpus_option
@handle_errors
def cite(ref: str, style: str, as_of: dt.date | None, corpus_dir: Path) -> None:
    """Print the citation of an instrument (REF = ID) or the pin cite of a provision (ID/art-14[/para-7]) in the
    house style a lawyer pastes into a brief. What the style asks for and the record does not hold (a treaty
    series reference, an entry into force) is left out and named in a note on standard error.

    \b
    Example:
      legalgen cite 1999-union-state/art-14 --style oscola
      legalgen cite 1994-directive-94-80/art-3 --style bluebook --corpus examples/eu-citizenship
    """
    from legalgen.views.words.citations import cite_ref

    corpus = load_corpus([corpus_dir])
    found = cite_ref(corpus, ref, style, as_of)
    click.echo(found.text)
    for note in found.notes:
        click.echo(f"note: {note}", err=True)


# --- export for reference managers and legislative systems ---


@cli.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice([*OUTPUTS["export"].names, *OUTPUTS["akn"].names]))
@click.argument("instrument_id", metavar="[ID]", required=False)
@click.option("--all", "all_", is_flag=True, help="akn: every instrument, one file each into the folder -o DIR.")
@corpus_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write to FILE atomically instead of standard output ('-'); with akn --all, the folder to write into.",
)
@_force_option
@handle_errors
def export(fmt: str, instrument_id: str | None, all_: bool, corpus_dir: Path, output: Path | None, force: bool) -> None:
    """Export the corpus for other systems. FORMAT csl-json (CSL-JSON items of type treaty or legislation, for
    Zotero, Mendeley or any citeproc) or bibtex (biblatex @legislation entries, which Zotero imports as bills)
    gives every instrument in one file. FORMAT akn gives one Akoma Ntoso 3.0 (OASIS LegalDocML) document per
    instrument: the instrument ID to standard output or -o FILE, or --all into the folder -o DIR (ID.xml each).

    \b
    Example:
      legalgen export csl-json -o treaties.json
      legalgen export bibtex --corpus examples/eu-citizenship > eu.bib
      legalgen export akn 1999-union-state -o union-state.xml
      legalgen export akn --all -o akn/
    """
    to_stdout = output is None or str(output) == "-"
    if fmt not in OUTPUTS["akn"].names:
        if instrument_id is not None or all_:
            raise click.UsageError(f"export {fmt} gives every instrument in one file; drop the ID and --all")
    elif (instrument_id is None) == (not all_):
        raise click.UsageError("export akn needs one instrument ID, or --all (with -o DIR)")
    elif all_ and to_stdout:
        raise click.UsageError("export akn --all writes one file per instrument; give the folder as -o DIR")
    if not to_stdout and not all_:
        assert output is not None
        if output.is_dir():
            raise click.BadParameter(f"{output} is a folder; give a file name", param_hint="'-o' / '--output'")
        _check_target(output, force, [corpus_dir])
    corpus = load_corpus([corpus_dir])
    if fmt in OUTPUTS["akn"].names:
        from legalgen.render.akn import akn_documents, akn_xml

        today = generation_date()
        assert today is not None
        if all_:
            files = akn_documents(corpus, today)
        else:
            assert instrument_id is not None
            files = {f"{instrument_id}.xml": akn_xml(corpus.instrument(instrument_id), corpus, today)}
    else:
        files = {"": OUTPUTS["export"].produce(fmt, corpus=corpus).data}
    from legalgen.output import write_outputs

    if all_:
        assert output is not None
        for path in write_outputs(output, files, overwrite=force, inputs=[corpus_dir]):
            click.echo(f"wrote {path}", err=True)
        return
    (data,) = files.values()
    if to_stdout:
        click.echo(data, nl=False)
        return
    assert output is not None
    write_outputs(output.parent, {output.name: data}, overwrite=force, inputs=[corpus_dir])
    click.echo(f"wrote {output}", err=True)


# --- import from legislative systems ---


@cli.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["akn"]))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write the record to FILE (.yaml) atomically instead of standard output ('-').",
)
@_force_option
@handle_errors
def import_(fmt: str, file: Path, output: Path | None, force: bool) -> None:
    """Read a document back into a record: FORMAT akn reads an Akoma Ntoso 3.0 document that `legalgen export
    akn` wrote and prints the instrument's record as YAML, validated (check it with the rest of a corpus with
    `legalgen validate`). Every problem is one located line; nothing is written then.

    \b
    Example:
      legalgen import akn union-state.xml -o treaties/1999-union-state.yaml --force
    """
    from legalgen.records.akn import read_akn, record_yaml

    data = record_yaml(read_akn(file)).encode("utf-8")
    if output is None or str(output) == "-":
        click.echo(data, nl=False)
        return
    _check_target(output, force, [file])
    from legalgen.output import write_outputs

    write_outputs(output.parent, {output.name: data}, overwrite=force, inputs=[file])
    click.echo(f"wrote {output}", err=True)


# --- the static site ---


@cli.command()
@corpus_option
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="The folder to write the site into (new, empty, or a site legalgen wrote, with --force).",
)
@_force_option
@strict_text_option
@handle_errors
def site(corpus_dir: Path, out_dir: Path, force: bool, strict_text: bool) -> None:
    """Write a static site of the corpus: a page per instrument, provision, topic and date on which the law
    changed, and each provision's wording as it stood on each date it changed, at permanent addresses
    (/1999-union-state/art-14/1999-12-08/), with schema.org Legislation metadata (JSON-LD) and a search that
    needs no server. The pages load nothing from outside the site; open index.html or serve the folder.

    \b
    Example:
      legalgen site --out site/ && python -m http.server -d site/
    """
    from legalgen.output import refuse_inputs, write_tree
    from legalgen.render.site import site_files

    refuse_inputs([out_dir], [corpus_dir])
    corpus = load_corpus([corpus_dir], strict_text=strict_text)
    warn_records(corpus)
    files = site_files(corpus)
    write_tree(out_dir, files, overwrite=force, inputs=[corpus_dir])
    click.echo(f"wrote {len(files)} files into {out_dir}", err=True)
