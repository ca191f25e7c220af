"""`legalgen build` (and `make reports`): the whole standard set, written all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen import build
from legalgen.cli import cli
from legalgen.errors import RenderError
from legalgen.records import Corpus, load_corpus
from legalgen.render import pdf as render_pdf

from .conftest import rich_records
from .test_output import snapshot

pytestmark = pytest.mark.slow  # every test renders the standard set of PDFs

DAY = dt.date(2026, 1, 1)


def test_build_writes_the_standard_set(make_corpus: Callable[..., Path], tmp_path: Path) -> None:
    folder = make_corpus(*rich_records())
    out = tmp_path / "reports"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(
        cli, ["build", "--corpus", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    ids = ["1995-friendship", "1997-charter", "1999-union-state", "2025-protocol", "citizenship", "electoral-rights"]
    expected = {
        "corpus-summary.md",
        "legalgen-manifest.json",
        "rights-matrix.csv",
        "rights-matrix.json",
        "rights-matrix-by-year.csv",
        "rights-matrix-by-year.json",
        "timeline-report.pdf",
        "timeline-report.html",
        "timeline-report.embed.html",
        *(f"brief-{i}.{ext}" for i in ids for ext in ("pdf", "html")),
    }
    assert set(names) == {*expected, ".legalgen-cache"}  # the rendered documents, kept to build only what changes
    assert json.loads((out / "rights-matrix.json").read_text(encoding="utf-8"))
    assert (out / "timeline-report.pdf").read_bytes().startswith(b"%PDF-")


def test_the_result_does_not_depend_on_the_number_of_workers(make_corpus: Callable[..., Path]) -> None:
    corpus = load_corpus([make_corpus(*rich_records())])
    jobs = [j for j in build.standard_jobs(corpus) if j.kind == "brief"][:4]
    one = build.build_reports(corpus, DAY, workers=1, jobs=jobs)
    two = build.build_reports(corpus, DAY, workers=2, jobs=jobs)
    assert one == two


def test_a_failure_writes_nothing(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One brief fails in its worker: the other documents render, nothing is published, exit 4, one line."""
    folder = make_corpus(*rich_records())
    out = tmp_path / "reports"
    out.mkdir()
    (out / "timeline-report.pdf").write_bytes(b"the previous report")
    before = snapshot(out)

    real = build.plan_brief

    def failing(corpus, target, **kwargs):  # type: ignore[no-untyped-def]
        planned = real(corpus, target, **kwargs)
        if target != "2025-protocol" or kwargs["fmt"] != "pdf":
            return planned

        def render() -> build.Document:
            raise RenderError("WeasyPrint: simulated failure; nothing was written")

        return build.Planned(planned.name, render)

    monkeypatch.setattr(build, "plan_brief", failing)
    result = CliRunner().invoke(cli, ["build", "--corpus", str(folder), "--out", str(out)])
    assert (result.exit_code, result.stderr) == (4, "error: WeasyPrint: simulated failure; nothing was written\n")
    assert snapshot(out) == before  # no new file, no temporary file, the previous report untouched


BAD_CSS = "p { bogus-property: 1 }\n"
WARNING = "Ignored `bogus-property: 1 ` at 1:5, unknown property."


@pytest.fixture
def css_with_a_typo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The print stylesheet with a property WeasyPrint does not know, so every PDF it lays out warns.

    Worker processes are forked from this one and so render with the same stylesheet.
    """
    real = render_pdf.static_text
    monkeypatch.setattr(render_pdf, "static_text", lambda name: BAD_CSS + real(name))


@pytest.mark.usefixtures("css_with_a_typo")
def test_warnings_raised_in_worker_processes_reach_the_parent(make_corpus: Callable[..., Path]) -> None:
    corpus = load_corpus([make_corpus(*rich_records())])
    jobs = [j for j in build.standard_jobs(corpus) if j.kind == "brief" and j.fmt == "pdf"][:2]
    built = build.build_reports(corpus, DAY, workers=2, jobs=jobs)
    assert built.warnings == {f"brief-{j.target}.pdf": (WARNING,) for j in jobs}


@pytest.mark.usefixtures("css_with_a_typo")
def test_the_cli_prints_each_warning_on_one_line(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_corpus(*rich_records())
    real_jobs = build.standard_jobs
    monkeypatch.setattr(build, "standard_jobs", lambda corpus: real_jobs(corpus)[:1])  # the report as PDF
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: timeline-report.pdf: {WARNING}\n"
    assert (out / "timeline-report.pdf").read_bytes().startswith(b"%PDF-")


def _some_jobs(corpus: Corpus) -> list[build._Job]:
    """The HTML of the set and the PDF of one brief: every kind of dependency, without the long report PDF."""
    return [j for j in REAL_STANDARD_JOBS(corpus) if j.fmt == "html" or j.target == "2025-protocol"]


REAL_STANDARD_JOBS = build.standard_jobs


def test_a_build_with_nothing_changed_renders_nothing_and_deleting_the_cache_changes_no_byte(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_corpus(*rich_records())
    monkeypatch.setattr(build, "standard_jobs", _some_jobs)
    out = tmp_path / "reports"
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"})

    def run(*options: str) -> tuple[str, dict[str, bytes]]:
        result = runner.invoke(cli, ["build", "--corpus", str(folder), "--out", str(out), *options])
        assert result.exit_code == 0, result.output
        return result.stderr, {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    stderr, cold = run("--jobs", "2")
    assert stderr == ""
    assert (out / ".legalgen-cache").is_dir()
    documents = len(_some_jobs(load_corpus([folder])))
    stderr, again = run()
    assert stderr == f"rendered 0 of {documents} documents; {documents} unchanged, taken from {out}/.legalgen-cache\n"
    assert again == cold
    shutil.rmtree(out / ".legalgen-cache")
    stderr, fresh = run("--jobs", "1")
    assert stderr == ""
    assert fresh == cold


def test_one_changed_record_renders_again_only_the_documents_it_changes(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    records = rich_records()
    cache = build.RenderCache(tmp_path / "cache")
    corpus = load_corpus([make_corpus(*records)])
    before = build.build_reports(corpus, DAY, jobs=_some_jobs(corpus), cache=cache)
    cache.keep(before)
    assert before.reused == ()

    protocol = next(r for r in records if r["id"] == "2025-protocol")
    protocol["summary"] = "The Protocol adds a second part to article 14 of the Union State Treaty."
    corpus = load_corpus([make_corpus(*records)])
    after = build.build_reports(corpus, DAY, jobs=_some_jobs(corpus), cache=cache)

    changed = {name for name in after.keys if after.files[name] != before.files[name]}
    assert set(after.rendered) == changed
    assert {"brief-2025-protocol.pdf", "brief-2025-protocol.html", "timeline-report.html"} <= changed
    assert {"brief-1995-friendship.html", "brief-1997-charter.html"} <= set(after.reused)
    cold = build.build_reports(corpus, DAY, jobs=_some_jobs(corpus), workers=1)
    assert cold.files == after.files
    assert cold.rendered == tuple(after.keys)
