"""Outputs are written all or nothing: every failure leaves the folder as it was, says why in one line, exit 4.

Failures are injected at the k-th file for every k — while writing, while keeping the old file aside,
while moving the new one into place — and a real folder is put in the way. Each time the output
folder's names, sizes and hashes must be what they were before.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.errors import RenderError
from legalgen.output import write_outputs

from .conftest import rich_records

OLD = {"a.pdf": b"the previous report", "b.html": b"<p>the previous page</p>"}
NEW = {"a.pdf": b"%PDF- a new report", "c.csv": b"topic,1997\n", "b.html": b"<p>a new page</p>"}
NOTHING = "nothing was written"


def snapshot(folder: Path) -> dict[str, tuple[str, int, str]]:
    """Every entry under ``folder``, hidden ones included: name → (kind, size, sha256)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            found[str(path.relative_to(folder))] = ("dir", 0, "")
        else:
            data = path.read_bytes()
            found[str(path.relative_to(folder))] = ("file", len(data), hashlib.sha256(data).hexdigest())
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    out.mkdir()
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    return out


def fail_call(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, k: int, error: BaseException) -> None:
    """Make the k-th call (0-based) of ``owner.name`` raise ``error``; every other call works."""
    real = getattr(owner, name)
    calls = iter(range(10_000))

    def failing(*args: Any, **kwargs: Any) -> Any:
        if next(calls) == k:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


def test_every_file_is_written(folder: Path) -> None:
    assert write_outputs(folder, NEW) == [folder / name for name in NEW]
    assert {name: (folder / name).read_bytes() for name in NEW} == NEW
    assert sorted(p.name for p in folder.iterdir()) == ["a.pdf", "b.html", "c.csv"]  # no temporary, no backup


def test_a_new_folder_is_made(tmp_path: Path) -> None:
    write_outputs(tmp_path / "new" / "reports", {"c.csv": b"x"})
    assert (tmp_path / "new" / "reports" / "c.csv").read_bytes() == b"x"


FIX_DISK = "fix: check the output folder and the disk, then run the command again"

# (case, where the failure is injected, errno, the cause and fix the message gives)
FAULTS = [
    ("disk error while moving into place", (os, "replace"), errno.EIO, f"(Input/output error); {NOTHING}; {FIX_DISK}"),
    (
        "disk full while writing",
        (os, "fsync"),
        errno.ENOSPC,
        f"(No space left on device); {NOTHING}; fix: free some disk space and run the command again",
    ),
    (
        "read-only disk",
        (tempfile, "mkstemp"),
        errno.EROFS,
        f"(Read-only file system); {NOTHING}; fix: choose an output folder on a writable disk",
    ),
]


def fails_leaving_all_as_it_was(folder: Path, message: str) -> None:
    """Writing NEW into ``folder`` raises RenderError (exit 4) with ``message``, and changes nothing."""
    before = snapshot(folder)
    with pytest.raises(RenderError) as caught:
        write_outputs(folder, NEW)
    assert (str(caught.value), caught.value.exit_code) == (message, 4)
    assert snapshot(folder) == before


@pytest.mark.parametrize("k", range(len(NEW)))
@pytest.mark.parametrize(("case", "where", "code", "outcome"), FAULTS, ids=[f[0] for f in FAULTS])
def test_a_failure_at_the_kth_file_leaves_every_file_as_it_was(
    folder: Path, monkeypatch: pytest.MonkeyPatch, case: str, where: tuple[Any, str], code: int, outcome: str, k: int
) -> None:
    """Whatever fails at the k-th file — its temporary file, writing it, moving it into place after k
    files were already replaced — every file is as it was."""
    fail_call(monkeypatch, *where, k, OSError(code, os.strerror(code)))
    fails_leaving_all_as_it_was(folder, f"{folder / list(NEW)[k]}: cannot be written {outcome}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_without_write_permission_writes_nothing(folder: Path) -> None:
    before = snapshot(folder)
    folder.chmod(0o555)
    try:
        with pytest.raises(RenderError, match=r"\(Permission denied\); nothing was written; fix: make the folder"):
            write_outputs(folder, NEW)
    finally:
        folder.chmod(0o755)
    assert snapshot(folder) == before


def test_a_folder_in_the_way_writes_nothing(folder: Path) -> None:
    """The first file is already replaced when the second meets the folder; it is put back."""
    (folder / "b.html").unlink()
    (folder / "b.html").mkdir()
    (folder / "b.html" / "index.html").write_bytes(b"keep me")
    fails_leaving_all_as_it_was(
        folder,
        f"{folder / 'b.html'}: cannot be written (Is a directory); {NOTHING}; "
        "fix: move the folder that is in the way, or choose another output name",
    )


def test_without_hard_links_the_old_files_are_copied_aside(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system without hard links (FAT, some network shares) a failure still restores everything."""

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    fail_call(monkeypatch, os, "replace", len(NEW) - 1, OSError(errno.EIO, os.strerror(errno.EIO)))
    fails_leaving_all_as_it_was(
        folder, f"{folder / 'b.html'}: cannot be written (Input/output error); {NOTHING}; {FIX_DISK}"
    )
    monkeypatch.setattr(os, "replace", os.rename)
    write_outputs(folder, NEW)
    assert {name: (folder / name).read_bytes() for name in NEW} == NEW
    assert len(list(folder.iterdir())) == len(NEW)


def test_an_interrupt_while_publishing_puts_everything_back(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(folder)
    fail_call(monkeypatch, os, "replace", 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_outputs(folder, NEW)
    assert snapshot(folder) == before


def test_a_file_that_cannot_be_put_back_is_named_with_its_backup(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fails again while restoring: the message says which file and where its old version is."""
    fail_call(monkeypatch, os, "replace", 2, OSError(errno.EIO, os.strerror(errno.EIO)))  # publishing b.html
    fail_call(monkeypatch, os, "replace", 2, OSError(errno.EIO, os.strerror(errno.EIO)))  # restoring a.pdf
    with pytest.raises(RenderError) as caught:
        write_outputs(folder, NEW)
    (backup,) = folder.glob(".a.pdf.*.bak")
    assert str(caught.value) == (
        f"{folder / 'b.html'}: cannot be written (Input/output error); could not restore {folder / 'a.pdf'} "
        f"(its previous version is {backup}); {FIX_DISK}"
    )
    assert backup.read_bytes() == OLD["a.pdf"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([backup.name, "a.pdf", "b.html"])


def test_the_cli_exits_4_with_one_line(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`legalgen report` writes reports/timeline-report.html, where a folder of that name is in the way."""
    corpus = make_corpus(*rich_records())
    (tmp_path / "reports" / "timeline-report.html").mkdir(parents=True)
    (tmp_path / "reports" / "corpus-summary.md").write_bytes(b"an earlier summary")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path / "reports")
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(
        cli, ["report", "--corpus", str(corpus), "--format", "html"]
    )
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        "error: reports/timeline-report.html: cannot be written (Is a directory); nothing was written; "
        "fix: move the folder that is in the way, or choose another output name\n"
    )
    assert snapshot(tmp_path / "reports") == before
