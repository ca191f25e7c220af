"""`legalgen report` and `legalgen brief` as a user types them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import rich_records, write_corpus


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written once for the module: the commands only read it."""
    return write_corpus(tmp_path_factory.mktemp("reports") / "corpus", *rich_records())


def run(*args: str) -> tuple[int, str, str, bytes]:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr, result.stdout_bytes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--embed", "--format", "pdf"], "--embed makes an HTML fragment"),
        (["report", "--pdf-a", "--format", "html"], "--pdf-a applies to PDF output"),
        (["report", "--topic", "citizenshp"], "unknown topic 'citizenshp'; did you mean 'citizenship'?"),
        (["brief", "1999-union"], "unknown instrument or topic '1999-union'; did you mean '1999-union-state'?"),
        (["report", "--as-of", "2026-13-01"], "'2026-13-01' is not a date; fix: write it as YYYY-MM-DD"),
    ],
)
def test_bad_invocations_say_what_to_fix(folder: Path, args: list[str], message: str) -> None:
    code, _, err, _ = run(*args, "--corpus", str(folder))
    assert code == 2
    assert message in err


@pytest.mark.slow
def test_output_to_stdout_and_format_from_the_suffix(folder: Path, tmp_path: Path) -> None:
    code, _, _, data = run("brief", "citizenship", "--format", "html", "-o", "-", "--corpus", str(folder))
    assert code == 0 and data.startswith(b"<!DOCTYPE html>")
    target = tmp_path / "site" / "report.html"
    code, out, _, _ = run("report", "-o", str(target), "--corpus", str(folder))
    assert code == 0 and out == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.slow
def test_default_output_goes_to_reports(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _, _ = run("brief", "1995-friendship", "--pdf-a", "--corpus", str(folder))
    assert code == 0 and out == "wrote reports/brief-1995-friendship.pdf\n"
    assert (tmp_path / "reports" / "brief-1995-friendship.pdf").read_bytes().startswith(b"%PDF-")


def test_as_of_and_topic_choose_what_the_report_covers(folder: Path) -> None:
    args = ["report", "--format", "html", "-o", "-", "--corpus", str(folder)]
    _, page, _, _ = run(*args, "--as-of", "1996-01-01")
    assert "Friendship Treaty (1995)" in page and "Charter of the Union (1997)" not in page
    assert "as of 1 January 1996" in page
    _, page, _, _ = run(*args, "--topic", "electoral-rights")
    assert "<h2>Electoral rights</h2>" in page and "<h2>Citizenship</h2>" not in page
