"""Snapshots of what a user sees, taken through the command line only.

A safety net for reorganising the package: every output is produced by ``legalgen.cli:cli`` (the entry
point, which does not move) and compared byte for byte with a reviewed file under
``__snapshots__/test_snapshots/``, one file per output, named with the suffix an editor and ``git diff``
understand (``.txt``, ``.json``, ``.csv``, ``.diff``, ``.md``, ``.html``). Nothing here imports a module
of ``legalgen`` other than the CLI, so moving modules cannot break these tests, only changing an output can.

The real corpus (``treaties/``) is used, named relative to the project root, with every date fixed:
``--as-of`` where a command takes it and ``SOURCE_DATE_EPOCH`` for the generation date. The bad-record
messages are kept as one table in ``__snapshots__/test_snapshots.ambr``.

After an intended change of an output: ``pytest tests/test_snapshots.py --snapshot-update``, then read the
diff of the snapshot files before committing them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from legalgen.cli import cli

from .conftest import ROOT, TOPICS, dump_yaml
from .test_validate import BAD_RECORDS, BASE, edit

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: the generation date printed on documents and diff pages
AS_OF = "2026-01-01"


class OutputSnapshot(SingleFileSnapshotExtension):
    """One output per file, as UTF-8 text: a failure shows the lines that changed, and the file reads as
    what the user gets (an HTML page opens in a browser). Text mode would read a CR LF back as LF, so an
    output with a CR could never match its snapshot: it fails, it does not pass unnoticed."""

    _write_mode = WriteMode.TEXT


SUFFIXES = ("txt", "json", "csv", "diff", "md", "html")
EXTENSIONS: dict[str, type[OutputSnapshot]] = {
    suffix: type(f"{suffix.capitalize()}Snapshot", (OutputSnapshot,), {"file_extension": suffix}) for suffix in SUFFIXES
}


def invoke(*args: str) -> Result:
    """Run ``legalgen ARGS`` as a user would from the project root, with the generation date fixed."""
    result = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}).invoke(
        cli, list(args), catch_exceptions=False
    )
    assert str(ROOT) not in result.output, "an output names a path of this machine"
    return result


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# --------------------------------------------------------------------------- the analysis commands

# (snapshot name, arguments, suffix); every one exits 0 with nothing on stderr
COMMANDS = [
    ("list", ["list"], "txt"),
    ("list-json", ["list", "--json"], "json"),
    ("show", ["show", "1999-union-state"], "txt"),
    ("show-json", ["show", "1999-union-state", "--json"], "json"),
    ("as-of", ["as-of", AS_OF], "txt"),
    ("as-of-json", ["as-of", AS_OF, "--json"], "json"),
    ("thread-citizenship", ["thread", "citizenship"], "txt"),
    ("thread-citizenship-json", ["thread", "citizenship", "--json"], "json"),
    ("thread-electoral-rights", ["thread", "electoral-rights"], "txt"),
    ("matrix", ["matrix"], "txt"),
    ("matrix-csv", ["matrix", "--format", "csv"], "csv"),
    ("matrix-json", ["matrix", "--format", "json"], "json"),
    ("matrix-by-year", ["matrix", "--by", "year"], "txt"),
    ("matrix-by-year-csv", ["matrix", "--by", "year", "--format", "csv"], "csv"),
    ("matrix-by-year-json", ["matrix", "--by", "year", "--format", "json"], "json"),
    ("genealogy", ["genealogy"], "txt"),
    ("genealogy-json", ["genealogy", "--json"], "json"),
]


@pytest.mark.slow
@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize(("args", "suffix"), [pytest.param(args, suffix, id=name) for name, args, suffix in COMMANDS])
def test_command(snapshot: SnapshotAssertion, args: list[str], suffix: str) -> None:
    result = invoke(*args, "--corpus", "treaties")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == snapshot(extension_class=EXTENSIONS[suffix])


# --------------------------------------------------------------------------- diff

PAIRS = [
    ("1997-charter", "1999-union-state"),
    ("1998-equal-rights", "2025-equal-rights-protocol"),
    ("1996-community", "1997-union"),
]
# (format, extra arguments, suffix)
DIFF_FORMATS = [
    ("text", ["--color", "never"], "txt"),
    ("unified", ["--format", "unified"], "diff"),
    ("json", ["--format", "json"], "json"),
    ("md", ["--format", "md"], "md"),
    ("html", ["--format", "html"], "html"),
    ("stat", ["--stat"], "txt"),
    ("stat-json", ["--stat", "--format", "json"], "json"),
]


@pytest.mark.slow
@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize(("fmt", "extra", "suffix"), DIFF_FORMATS, ids=[f[0] for f in DIFF_FORMATS])
@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_diff(snapshot: SnapshotAssertion, a: str, b: str, fmt: str, extra: list[str], suffix: str) -> None:
    result = invoke("diff", a, b, *extra, "--corpus", "treaties")
    assert (result.exit_code, result.stderr) == (1, ""), "these pairs differ: diff exits 1"
    assert result.stdout == snapshot(extension_class=EXTENSIONS[suffix])


# --------------------------------------------------------------------------- documents as HTML

DOCUMENTS = [
    ("brief-1999-union-state", ["brief", "1999-union-state"]),
    ("brief-citizenship", ["brief", "citizenship"]),
    ("report", ["report"]),
]


@pytest.mark.slow
@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize("embed", [False, True], ids=["page", "embed"])
@pytest.mark.parametrize(("name", "args"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_document_html(snapshot: SnapshotAssertion, tmp_path: Path, name: str, args: list[str], embed: bool) -> None:
    out = tmp_path / f"{name}.html"
    options = ["--corpus", "treaties", "--as-of", AS_OF, "--format", "html", *(["--embed"] if embed else [])]
    result = invoke(*args, *options, "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote {out}\n", "")
    assert out.read_text(encoding="utf-8") == snapshot(extension_class=EXTENSIONS["html"])


# --------------------------------------------------------------------------- the bad-record messages

Setup = Callable[[Path], object]


def write(name: str, content: str | bytes) -> Setup:
    """Write one file (under the working directory) before the command runs."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return lambda root: (root / name).write_bytes(data)


def record(text: str) -> Setup:
    return write("corpus/2000-a.yaml", text)


VALIDATE = ["validate", "corpus"]

# (case, setup, arguments): the cases of test_validate.py and test_load.py that end in a message
MESSAGES: list[tuple[str, Setup, list[str]]] = [
    *((case, record(text), VALIDATE) for case, text, _ in BAD_RECORDS),
    (
        "every problem reported at once",
        record(
            edit("value: union-citizenship", "value: dual")
            .replace("source: S1", "source: S9")
            .replace("date: 2000-06-01", "date: 1999-01-01")
        ),
        VALIDATE,
    ),
    ("missing file", lambda root: None, ["validate", "missing.yaml"]),
    ("directory", lambda root: (root / "missing.yaml").mkdir(), ["validate", "missing.yaml"]),
    ("not UTF-8", write("missing.yaml", b"id: caf\xe9\n"), ["validate", "missing.yaml"]),
    ("fifo", lambda root: os.mkfifo(root / "missing.yaml"), ["validate", "missing.yaml"]),
    ("folder without records", lambda root: None, VALIDATE),
    ("unknown id suggests close matches", record(BASE), ["show", "2000-b", "--corpus", "corpus"]),
    (
        "duplicated provision key",
        record(
            BASE.replace(
                "        text: Устанавливается", "        text: Первый вариант.\n        text: Устанавливается"
            )
        ),
        VALIDATE,
    ),
    (
        "oversized file",
        write("corpus/big.yaml", "id: a\nnote: " + "x" * (3 * 1024 * 1024)),
        ["validate", "corpus/big.yaml"],
    ),
    ("deep nesting", write("corpus/deep.yaml", "a: " + "[" * 40 + "]" * 40 + "\n"), ["validate", "corpus/deep.yaml"]),
    ("a list as a key", write("corpus/x.yaml", "[]:\n"), ["validate", "corpus/x.yaml"]),
    ("a mapping as a key", write("corpus/x.yaml", "id: x\nevents:\n  - {c: d}: 2\n"), ["validate", "corpus/x.yaml"]),
]


@pytest.mark.parametrize(("case", "setup", "args"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_bad_record_message(
    snapshot: SnapshotAssertion,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    setup: Setup,
    args: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    setup(tmp_path)
    result = invoke(*args)
    assert result.stdout == ""
    assert str(tmp_path) not in result.stderr, "messages name paths as the user typed them"
    assert {"exit_code": result.exit_code, "stderr": result.stderr.splitlines()} == snapshot
