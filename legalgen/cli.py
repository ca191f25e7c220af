"""The ``legalgen`` command line: parse options, call one stage, print or write, translate errors.

No logic lives here. Heavy renderers (WeasyPrint) are imported inside the commands that need them, so
``legalgen validate``, ``list``, ``show`` and ``diff`` start quickly.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from legalgen import __version__
from legalgen.analysis.genealogy import THRESHOLD as GENEALOGY_THRESHOLD
from legalgen.errors import EXIT_INPUT, LegalgenError, RecordError
from legalgen.records import load_corpus
from legalgen.render.style import Role

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="legalgen")
@click.option("--debug", is_flag=True, help="Show a traceback instead of a one-line error.")
def cli(debug: bool) -> None:
    """Compare legal instruments across time: validated YAML records in, reports out.

    \b
    Example:
      legalgen validate treaties/
      legalgen show 1997-charter
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@handle_errors
def validate(paths: Sequence[Path]) -> None:
    """Check every record and the corpus as a whole; print every problem, one line each.

    PATHS are record files or folders (default: treaties/). Exit status 0 when clean, 2 otherwise.

    \b
    Example:
      legalgen validate treaties/ && echo clean
    """
    corpus = load_corpus(list(paths) or [DEFAULT_CORPUS])
    n = len(corpus.instruments)
    click.echo(f"ok: {n} instrument{'s' if n != 1 else ''}, {len(corpus.topics.topics)} topics, no problems")


@cli.command("list")
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@handle_errors
def list_(corpus_dir: Path, as_json: bool) -> None:
    """List the instruments of the corpus in order of signature.

    \b
    Example:
      legalgen list --json | jq '.[].id'
    """
    from legalgen.render.text import instrument_list

    corpus = load_corpus([corpus_dir])
    if as_json:
        rows = [
            {
                "id": i.id,
                "kind": i.kind.value,
                "signed": str(i.signature.date) if i.signature else None,
                "title": i.title,
                "short_title": i.short_title,
            }
            for i in corpus.instruments
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(instrument_list(corpus))


@cli.command()
@click.argument("instrument_id")
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="The record as JSON (validates against `legalgen schema`).")
@handle_errors
def show(instrument_id: str, corpus_dir: Path, as_json: bool) -> None:
    """Show one instrument: titles, life, relations, positions, provisions with their sources.

    \b
    Example:
      legalgen show 1997-charter
    """
    from legalgen.render.text import instrument_detail

    corpus = load_corpus([corpus_dir])
    inst = corpus.instrument(instrument_id)
    if as_json:
        click.echo(inst.model_dump_json(indent=2, exclude_defaults=False))
    else:
        click.echo(instrument_detail(inst, corpus.topics))


@cli.command()
@click.option("--topics", "what", flag_value="topics", help="Schema of topics.yaml instead.")
@click.option(
    "--instrument", "what", flag_value="instrument", default=True, help="Schema of an instrument record (default)."
)
def schema(what: str) -> None:
    """Print the JSON Schema of a record, for editors that validate as you type.

    \b
    Example:
      legalgen schema > schema/instrument.schema.json
    """
    from legalgen.records import json_schema

    click.echo(json_schema(what), nl=False)


@cli.command()
@corpus_option
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT, show_default=True
)
@handle_errors
def build(corpus_dir: Path, out_dir: Path) -> None:
    """Validate the corpus and write the standard set of reports, all or nothing.

    \b
    Example:
      legalgen build --out reports/
    """
    from legalgen.build import build_reports
    from legalgen.output import write_outputs

    corpus = load_corpus([corpus_dir])
    files = build_reports(corpus, generated=generation_date())
    for path in write_outputs(out_dir, files):
        click.echo(f"wrote {path}")


# --- analysis across time ---


def date_argument(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Parse a YYYY-MM-DD date, or stop with a usage error (exit 2) that says how to write it."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; fix: write it as YYYY-MM-DD, e.g. 1999-12-08", ctx=ctx, param=param
        ) from None


@cli.command("as-of")
@click.argument("date", metavar="DATE", callback=date_argument)
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (schema legalgen.as-of/1).")
@handle_errors
def as_of(date: dt.date, corpus_dir: Path, as_json: bool) -> None:
    """Show the legal position on DATE (YYYY-MM-DD): which instruments were signed, in force, amended or
    terminated, and for each topic the position then in force with the provisions that establish it.

    Positions resting on wording not seen verbatim, dates derived from other instruments and facts the
    records mark unverified are flagged.

    \b
    Example:
      legalgen as-of 2025-10-29
      legalgen as-of 1997-06-11 --json | jq '.positions[] | {topic, position}'
    """
    from legalgen.analysis import status_as_of

    corpus = load_corpus([corpus_dir])
    if as_json:
        from legalgen.render.data import as_of_json

        click.echo(as_of_json(status_as_of(corpus, date)), nl=False)
    else:
        from legalgen.render.text import as_of_text

        click.echo(as_of_text(status_as_of(corpus, date, today=generation_date())))


@cli.command()
@click.argument("topic")
@corpus_option
@click.option("--until", callback=date_argument, metavar="DATE", help="Leave out changes after DATE (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (schema legalgen.threads/1).")
@handle_errors
def thread(topic: str, corpus_dir: Path, until: dt.date | None, as_json: bool) -> None:
    """Show how the position on TOPIC changed across time: each change with its date, direction (up, down),
    the instrument that caused it and the provisions behind the new position.

    \b
    Example:
      legalgen thread citizenship
      legalgen thread electoral-rights --json | jq '.threads[0].steps[-1].position.position'
    """
    from legalgen.analysis import topic_thread

    corpus = load_corpus([corpus_dir])
    result = topic_thread(corpus, topic, until=until)
    if as_json:
        from legalgen.render.data import threads_json

        click.echo(threads_json([result], until=until), nl=False)
    else:
        from legalgen.render.text import thread_text

        click.echo(thread_text(result))


@cli.command()
@corpus_option
@click.option(
    "--by",
    type=click.Choice(["instrument", "year"]),
    default="instrument",
    show_default=True,
    help="Columns: what each instrument states, or the position in force at the end of each year.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@handle_errors
def matrix(corpus_dir: Path, by: str, fmt: str) -> None:
    """Print the rights matrix: topic × instrument (or × year) with the position and its citation in each cell.

    \b
    Example:
      legalgen matrix
      legalgen matrix --by year --format csv > rights.csv
    """
    from legalgen.analysis import rights_matrix

    corpus = load_corpus([corpus_dir])
    result = rights_matrix(corpus, by="year" if by == "year" else "instrument")
    if fmt == "json":
        from legalgen.render.data import matrix_json

        click.echo(matrix_json(result), nl=False)
    elif fmt == "csv":
        from legalgen.render.data import matrix_csv

        click.echo(matrix_csv(result), nl=False)
    else:
        from legalgen.render.text import matrix_text

        click.echo(matrix_text(result))


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
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (schema legalgen.genealogy/1).")
@handle_errors
def genealogy(corpus_dir: Path, topic: str | None, threshold: float, as_json: bool) -> None:
    """Show which provisions carry a clause forward from one instrument to the next: links recorded in the
    records (`continues:`), and links suggested by a shared topic and similar wording, with their score.

    \b
    Example:
      legalgen genealogy --topic sovereignty
      legalgen genealogy --json | jq '.links[] | select(.recorded | not)'
    """
    from legalgen.analysis import clause_genealogy

    corpus = load_corpus([corpus_dir])
    links = clause_genealogy(corpus, topic=topic, threshold=threshold)
    if as_json:
        from legalgen.render.data import genealogy_json

        click.echo(genealogy_json(links, topic=topic, threshold=threshold), nl=False)
    else:
        from legalgen.render.text import genealogy_text

        click.echo(genealogy_text(links))


# --- reports ---


def _date_option(func: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="The date the document speaks as of, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH).",
    )(func)


def _output_options(func: F) -> F:
    func = click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
        help="File to write, or - for standard output (default: reports/<document name>).",
    )(func)
    func = click.option("--pdf-a", "pdf_a", is_flag=True, help="PDF/A-3b with the records attached as JSON.")(func)
    func = click.option(
        "--embed", is_flag=True, help="An HTML fragment to paste into another site (one element, no scripts)."
    )(func)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["pdf", "html"]),
        help="pdf or html (default: from the suffix of -o, else pdf).",
    )(func)


def _document_format(fmt: str | None, embed: bool, pdf_a: bool, output: Path | None) -> str:
    if fmt is None:
        fmt = "html" if embed or (output is not None and output.suffix.lower() in (".html", ".htm")) else "pdf"
    if embed and fmt != "html":
        raise click.UsageError("--embed makes an HTML fragment; drop --format pdf")
    if pdf_a and fmt != "pdf":
        raise click.UsageError("--pdf-a applies to PDF output; drop --format html / --embed")
    return fmt


def _as_of(as_of: dt.datetime | None, generated: dt.date | None) -> dt.date:
    day = as_of.date() if as_of else generated
    if day is None:  # pragma: no cover - generation_date() always gives a date
        raise click.UsageError("give --as-of YYYY-MM-DD")
    return day


def _write_document(name: str, data: bytes, output: Path | None) -> None:
    from legalgen.output import write_outputs

    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = output if output is not None else DEFAULT_OUT / name
    for path in write_outputs(target.parent, {target.name: data}):
        click.echo(f"wrote {path}")


@cli.command()
@corpus_option
@click.option("--topic", help="Only this topic (its id in topics.yaml).")
@_date_option
@_output_options
@handle_errors
def report(
    corpus_dir: Path,
    topic: str | None,
    as_of: dt.datetime | None,
    fmt: str | None,
    embed: bool,
    pdf_a: bool,
    output: Path | None,
) -> None:
    """Write the timeline report: summary, positions matrix, timeline chart, one chapter per topic with
    the provisions quoted (original and translation side by side), table of authorities, sources and
    what is still unverified.

    \b
    Example:
      legalgen report -o reports/timeline-report.pdf
      legalgen report --topic citizenship --as-of 2000-01-01 --format html
      legalgen report --embed -o site/timeline.embed.html
    """
    from legalgen.build import report_document

    fmt = _document_format(fmt, embed, pdf_a, output)
    generated = generation_date()
    corpus = load_corpus([corpus_dir])
    doc = report_document(
        corpus,
        as_of=_as_of(as_of, generated),
        generated=generated,
        topic=topic,
        fmt="html" if fmt == "html" else "pdf",
        embed=embed,
        pdf_a=pdf_a,
    )
    _write_document(doc.name, doc.data, output)


@cli.command()
@click.argument("target", metavar="ID|TOPIC")
@corpus_option
@_date_option
@_output_options
@handle_errors
def brief(
    target: str,
    corpus_dir: Path,
    as_of: dt.datetime | None,
    fmt: str | None,
    embed: bool,
    pdf_a: bool,
    output: Path | None,
) -> None:
    """Write a brief on one instrument (ID) or one topic (TOPIC): a short formal document with its
    citations in footnotes, for a lawyer to attach. With --pdf-a the records travel inside the PDF.

    \b
    Example:
      legalgen brief 1999-union-state --pdf-a -o union-state.pdf
      legalgen brief citizenship --format html
    """
    from legalgen.build import brief_document

    fmt = _document_format(fmt, embed, pdf_a, output)
    generated = generation_date()
    corpus = load_corpus([corpus_dir])
    doc = brief_document(
        corpus,
        target,
        as_of=_as_of(as_of, generated),
        generated=generated,
        fmt="html" if fmt == "html" else "pdf",
        embed=embed,
        pdf_a=pdf_a,
    )
    _write_document(doc.name, doc.data, output)


# --- diff ---

DIFF_FORMATS = ("text", "unified", "json", "md", "html", "pdf")


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
@click.argument("first")
@click.argument("second")
@corpus_option
@click.option("--topic", help="Only the provisions tagged with this topic, and its position.")
@click.option("--stat", is_flag=True, help="Counts only (text or json).")
@click.option(
    "--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True, help="Output format."
)
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
@handle_errors
def diff(
    first: str,
    second: str,
    corpus_dir: Path,
    topic: str | None,
    stat: bool,
    fmt: str,
    color: str,
    embed: bool,
    output: Path | None,
) -> None:
    """Compare two instruments: aligned provisions, word-level redline, change summary.

    FIRST and SECOND are instrument ids of the corpus or record files of your own (a.yaml). Provisions are
    paired by recorded links, then by shared topic and wording, then by article number; each pair says
    why. Only verbatim text is redlined ([-deleted-]{+inserted+}); paraphrases are shown, labelled.
    --format html (--embed for a fragment) and pdf give the redline side by side, A left and B right.

    Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      legalgen diff 1997-union 1999-union-state
      legalgen diff 1998-equal-rights 2025-equal-rights-protocol --topic electoral-rights
      legalgen diff old.yaml new.yaml --format json -o changes.json
      legalgen diff 1997-charter 1999-union-state --format pdf -o redline.pdf
    """
    from legalgen.analysis import diff_instruments
    from legalgen.errors import EXIT_DIFFERENCES, RefusedError
    from legalgen.records import load_instruments

    if stat and fmt not in ("text", "json"):
        raise click.UsageError(f"--stat gives counts as text or json, not {fmt}")
    if embed and fmt != "html":
        raise click.UsageError("--embed makes an HTML fragment; add --format html")
    to_stdout = output is None or str(output) == "-"
    if fmt == "pdf" and to_stdout and sys.stdout.isatty():
        raise RefusedError("a PDF is not written to a terminal; fix: add -o FILE.pdf or redirect the output")
    (a, b), topics = load_instruments([first, second], corpus_dir)
    result = diff_instruments(a, b, topics)
    if topic:
        result = result.narrow(topic, topics)

    data: bytes
    if fmt == "text":
        from legalgen.render.diff import render_terminal
        from legalgen.views.words import stat_line

        text = (
            stat_line(result) + "\n"
            if stat
            else render_terminal(result, terminal_style if want_color(color, to_stdout) else None)
        )
        data = text.encode("utf-8")
    elif fmt == "json":
        from legalgen.render.diff import render_json

        data = render_json(result, stat_only=stat).encode("utf-8")
    elif fmt == "unified":
        from legalgen.render.diff import render_unified

        data = render_unified(result).encode("utf-8")
    elif fmt == "md":
        from legalgen.render.diff import render_markdown

        data = render_markdown(result).encode("utf-8")
    else:
        from legalgen.views import diff_view

        view = diff_view(result, generated=generation_date())
        if fmt == "html":
            from legalgen.render.html import render_html

            data = render_html("diff.html", view, mode="embed" if embed else "page").encode("utf-8")
        else:
            from legalgen.render.pdf import render_pdf

            data = render_pdf("diff.html", view)

    if to_stdout:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are: no colour stripping
    else:
        from legalgen.output import write_outputs

        assert output is not None
        write_outputs(output.parent, {output.name: data})
        click.echo(f"wrote {output}", err=True)
    ctx = click.get_current_context()
    ctx.exit(EXIT_DIFFERENCES if result.has_differences else 0)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``legalgen`` script and of ``python -m legalgen``."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="legalgen", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)


__all__ = ["EXIT_INPUT", "cli", "main"]
