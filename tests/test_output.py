"""Outputs are written all or nothing: every failure leaves the folder as it was, says why in one line, exit 4.

Failures are injected at the k-th file for every k and every write step — making the staging folder,
creating, writing and flushing the staged file, moving it into place, linking it into place — and a real
folder is put in the way. Each time the output folder's names, sizes, hashes and modification times must
be what they were before. An input is never written (exit 3, whatever the flags), an existing file only
when the caller allows it (``--force``).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.errors import RefusedError, RenderError
from legalgen.output import MANIFEST, remove_stale_temporaries, write_outputs

from .conftest import rich_records

OLD = {"a.pdf": b"the previous report", "b.html": b"<p>the previous page</p>"}
NEW = {"a.pdf": b"%PDF- a new report", "c.csv": b"topic,1997\n", "b.html": b"<p>a new page</p>"}
NOTHING = "nothing was written"


def snapshot(folder: Path) -> dict[str, tuple[str, int, str, int]]:
    """Every entry under ``folder``, hidden ones included: name → (kind, size, sha256, mtime in ns)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        mtime = path.lstat().st_mtime_ns
        if path.is_dir():
            found[str(path.relative_to(folder))] = ("dir", 0, "", mtime)
        else:
            data = path.read_bytes()
            found[str(path.relative_to(folder))] = ("file", len(data), hashlib.sha256(data).hexdigest(), mtime)
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
    assert write_outputs(folder, NEW, overwrite=True) == [folder / name for name in NEW]
    assert {name: (folder / name).read_bytes() for name in NEW} == NEW
    assert sorted(p.name for p in folder.iterdir()) == ["a.pdf", "b.html", "c.csv"]  # no temporary, no backup


def test_a_new_folder_is_made(tmp_path: Path) -> None:
    write_outputs(tmp_path / "new" / "reports", {"c.csv": b"x"})
    assert (tmp_path / "new" / "reports" / "c.csv").read_bytes() == b"x"


FIX_DISK = "fix: check the output folder and the disk, then run the command again"

FULL = f"(No space left on device); {NOTHING}; fix: free some disk space and run the command again"

# (case, where the failure is injected, errno, the cause and fix the message gives): every write step
FAULTS = [
    (
        "read-only disk while creating",
        (os, "open"),
        errno.EROFS,
        f"(Read-only file system); {NOTHING}; fix: choose an output folder on a writable disk",
    ),
    ("disk full while writing", (os, "write"), errno.ENOSPC, FULL),
    ("disk full while flushing", (os, "fsync"), errno.ENOSPC, FULL),
    ("disk error while moving into place", (os, "replace"), errno.EIO, f"(Input/output error); {NOTHING}; {FIX_DISK}"),
    (
        "permission lost while moving into place",
        (os, "replace"),
        errno.EACCES,
        f"(Permission denied); {NOTHING}; fix: make the folder writable, or choose another output folder",
    ),
]


def fails_leaving_all_as_it_was(folder: Path, message: str, *, overwrite: bool = True, code: int = 4) -> None:
    """Writing NEW into ``folder`` raises an error (exit ``code``) with ``message``, and changes nothing."""
    before = snapshot(folder)
    with pytest.raises((RenderError, RefusedError)) as caught:
        write_outputs(folder, NEW, overwrite=overwrite)
    assert (str(caught.value), caught.value.exit_code) == (message, code)
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


def test_no_staging_folder_means_nothing_written(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first os.mkdir is the output folder's (it exists); the second makes the staging folder."""
    fail_call(monkeypatch, os, "mkdir", 1, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    fails_leaving_all_as_it_was(folder, f"{folder}: cannot be written {FULL}")


@pytest.mark.parametrize("k", range(len(NEW)))
def test_linking_the_kth_new_file_into_place_fails(folder: Path, monkeypatch: pytest.MonkeyPatch, k: int) -> None:
    """Without overwrite, new files are linked into place (atomic no-clobber); a failure there puts back too."""
    for name in OLD:
        (folder / name).rename(folder / f"old-{name}")
    fail_call(monkeypatch, os, "link", k, OSError(errno.EIO, os.strerror(errno.EIO)))
    fails_leaving_all_as_it_was(
        folder,
        f"{folder / list(NEW)[k]}: cannot be written (Input/output error); {NOTHING}; {FIX_DISK}",
        overwrite=False,
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_without_write_permission_writes_nothing(folder: Path) -> None:
    before = snapshot(folder)
    folder.chmod(0o555)
    try:
        with pytest.raises(RenderError, match=r"\(Permission denied\); nothing was written; fix: make the folder"):
            write_outputs(folder, NEW, overwrite=True)
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
    write_outputs(folder, NEW, overwrite=True)
    assert {name: (folder / name).read_bytes() for name in NEW} == NEW
    assert len(list(folder.iterdir())) == len(NEW)


def test_an_interrupt_while_publishing_puts_everything_back(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(folder)
    fail_call(monkeypatch, os, "replace", 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_outputs(folder, NEW, overwrite=True)
    assert snapshot(folder) == before


def test_a_file_that_cannot_be_put_back_is_named_with_its_backup(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fails again while restoring: the message says which file and where its old version is."""
    fail_call(monkeypatch, os, "replace", 2, OSError(errno.EIO, os.strerror(errno.EIO)))  # publishing b.html
    fail_call(monkeypatch, os, "replace", 2, OSError(errno.EIO, os.strerror(errno.EIO)))  # restoring a.pdf
    with pytest.raises(RenderError) as caught:
        write_outputs(folder, NEW, overwrite=True)
    (backup,) = folder.glob(".legalgen-tmp-*/a.pdf.*.bak")
    assert str(caught.value) == (
        f"{folder / 'b.html'}: cannot be written (Input/output error); could not restore {folder / 'a.pdf'} "
        f"(its previous version is {backup}); {FIX_DISK}"
    )
    assert backup.read_bytes() == OLD["a.pdf"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([backup.parent.name, "a.pdf", "b.html"])
    remove_stale_temporaries(folder)  # the next run keeps the only copy of the previous a.pdf
    assert backup.read_bytes() == OLD["a.pdf"]


def test_the_cli_exits_4_with_one_line(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`legalgen report --force` writes reports/timeline-report.html, where a folder of that name is in the way
    (without --force it is refused before rendering, exit 3, as any existing name)."""
    corpus = make_corpus(*rich_records())
    (tmp_path / "reports" / "timeline-report.html").mkdir(parents=True)
    (tmp_path / "reports" / "corpus-summary.md").write_bytes(b"an earlier summary")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path / "reports")
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(
        cli, ["report", "--corpus", str(corpus), "--format", "html", "--force"]
    )
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        "error: reports/timeline-report.html: cannot be written (Is a directory); nothing was written; "
        "fix: move the folder that is in the way, or choose another output name\n"
    )
    assert snapshot(tmp_path / "reports") == before


# --------------------------------------------------------------------------- no clobber, never an input

EXISTS = "exists; fix: add --force to replace it, or choose another name"


def test_an_existing_file_is_replaced_only_when_allowed(folder: Path) -> None:
    fails_leaving_all_as_it_was(folder, f"{folder / 'a.pdf'}: {EXISTS}", overwrite=False, code=3)
    write_outputs(folder, NEW, overwrite=True)
    assert (folder / "a.pdf").read_bytes() == NEW["a.pdf"]


def test_a_file_that_appears_while_publishing_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check before writing and the atomic link at publishing: a file made in between is refused too."""
    real = os.link

    def someone_else_writes_first(src: Any, dst: Any, **kwargs: Any) -> None:
        if Path(dst).name == "c.csv" and not Path(dst).exists():
            Path(dst).write_bytes(b"theirs")
        real(src, dst, **kwargs)

    monkeypatch.setattr(os, "link", someone_else_writes_first)
    with pytest.raises(RefusedError) as caught:
        write_outputs(tmp_path, NEW)
    assert (str(caught.value), caught.value.exit_code) == (f"{tmp_path / 'c.csv'}: {EXISTS}", 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]  # a.pdf, linked first, was taken back
    assert (tmp_path / "c.csv").read_bytes() == b"theirs"


@pytest.fixture
def corpus_folder(tmp_path: Path) -> Path:
    corpus = tmp_path / "treaties"
    corpus.mkdir()
    (corpus / "topics.yaml").write_bytes(b"topics: []\n")
    (corpus / "1997-charter.yaml").write_bytes(b"id: 1997-charter\n")
    (tmp_path / "link.yaml").symlink_to(corpus / "1997-charter.yaml")
    os.link(corpus / "1997-charter.yaml", tmp_path / "hard.yaml")
    return corpus


INPUT_SUFFIX = "an input; refused whatever the flags; fix: write the output elsewhere, e.g. into reports/"

# (case, the output path relative to tmp_path, the message after the path)
INPUTS = [
    ("a record", "treaties/1997-charter.yaml", f"is inside the corpus folder {{corpus}}, {INPUT_SUFFIX}"),
    ("the topics file", "treaties/topics.yaml", f"is inside the corpus folder {{corpus}}, {INPUT_SUFFIX}"),
    (
        "a new file in the corpus folder",
        "treaties/report.html",
        f"is inside the corpus folder {{corpus}}, {INPUT_SUFFIX}",
    ),
    ("a record through a symbolic link", "link.yaml", f"is inside the corpus folder {{corpus}}, {INPUT_SUFFIX}"),
    (
        "a record through a hard link",
        "hard.yaml",
        "is the input {record}; refused whatever the flags; fix: choose another output name",
    ),
]


@pytest.mark.parametrize("overwrite", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(("case", "target", "message"), INPUTS, ids=[i[0] for i in INPUTS])
def test_an_input_is_never_written(
    tmp_path: Path, corpus_folder: Path, case: str, target: str, message: str, overwrite: bool
) -> None:
    before = snapshot(tmp_path)
    path = tmp_path / target
    record = corpus_folder / "1997-charter.yaml"
    with pytest.raises(RefusedError) as caught:
        write_outputs(path.parent, {path.name: b"<!DOCTYPE html>"}, overwrite=overwrite, inputs=[corpus_folder, record])
    where = path.parent if case == "a record through a symbolic link" else path
    expected = f"{where if case != 'a record through a symbolic link' else path}: " + message.format(
        corpus=corpus_folder, record=record
    )
    assert (str(caught.value), caught.value.exit_code) == (expected, 3)
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- the manifest and stale files


def test_a_set_is_published_with_its_manifest_and_drops_what_it_no_longer_makes(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    write_outputs(out, {"a.pdf": b"1", "gone.pdf": b"2", "edited.pdf": b"3"}, overwrite=True, manifest=True)
    manifest = json.loads((out / MANIFEST).read_bytes())
    assert manifest == {
        "schema": "legalgen.manifest/1",
        "files": [
            {"name": n, "size": 1, "sha256": hashlib.sha256(d).hexdigest()}
            for n, d in [("a.pdf", b"1"), ("edited.pdf", b"3"), ("gone.pdf", b"2")]
        ],
    }
    (out / "edited.pdf").write_bytes(b"my own notes")  # changed since: not legalgen's any more
    (out / "mine.txt").write_bytes(b"never listed")
    write_outputs(out, {"a.pdf": b"new"}, overwrite=True, manifest=True)
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "edited.pdf", MANIFEST, "mine.txt"]


def test_a_failure_brings_back_the_files_it_would_have_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "reports"
    write_outputs(out, {"a.pdf": b"1", "gone.pdf": b"2"}, overwrite=True, manifest=True)
    before = snapshot(out)
    fail_call(monkeypatch, os, "replace", 1, OSError(errno.EIO, os.strerror(errno.EIO)))  # the manifest
    with pytest.raises(RenderError, match=f"^{out / MANIFEST}: cannot be written"):
        write_outputs(out, {"a.pdf": b"new"}, overwrite=True, manifest=True)
    assert snapshot(out) == before


def test_the_next_run_removes_what_a_killed_run_left(folder: Path) -> None:
    dead = os.fork()
    if dead == 0:  # pragma: no cover - the child only exits
        os._exit(0)
    os.waitpid(dead, 0)
    (folder / f".legalgen-tmp-{dead}-0123456789ab").mkdir()
    (folder / f".legalgen-tmp-{dead}-0123456789ab" / "a.pdf").write_bytes(b"half")
    (folder / ".b.html.k2j4_x9q.tmp").write_bytes(b"from legalgen 0.1")
    kept = folder / f".legalgen-tmp-{os.getppid()}-0123456789ab"  # a run that is still going
    kept.mkdir()
    stuck = folder / f".legalgen-tmp-{dead}-ba9876543210"  # holds the only copy of a previous file
    stuck.mkdir()
    (stuck / "a.pdf.1234abcd.bak").write_bytes(b"previous")
    write_outputs(folder, {"c.csv": b"x"})
    assert sorted(p.name for p in folder.iterdir()) == sorted([*OLD, "c.csv", kept.name, stuck.name])


# --------------------------------------------------------------------------- through the command line


@pytest.fixture
def project(make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a corpus in treaties/ and an earlier summary in reports/; the working folder."""
    corpus = make_corpus(*rich_records())
    if corpus != tmp_path / "treaties":
        os.symlink(corpus, tmp_path / "treaties")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "old.html").write_bytes(b"an earlier page")
    (tmp_path / "somefile").write_bytes(b"a file, not a folder")
    monkeypatch.chdir(tmp_path)
    return tmp_path


FORCE = "exists; fix: add --force to replace it, or choose another name"

# (case, arguments, exit code, the whole of stderr)
PROBES = [
    (
        "brief written over its own record",
        ["brief", "1997-charter", "--format", "html", "-o", "treaties/1997-charter.yaml"],
        3,
        f"error: treaties/1997-charter.yaml: is inside the corpus folder treaties, {INPUT_SUFFIX}\n",
    ),
    (
        "brief written over its own record, with --force",
        ["brief", "1997-charter", "--format", "html", "--force", "-o", "treaties/1997-charter.yaml"],
        3,
        f"error: treaties/1997-charter.yaml: is inside the corpus folder treaties, {INPUT_SUFFIX}\n",
    ),
    (
        "diff written over one of its inputs",
        [
            "diff",
            "treaties/1995-friendship.yaml",
            "treaties/1997-charter.yaml",
            "--force",
            "-o",
            "treaties/1997-charter.yaml",
        ],
        3,
        f"error: treaties/1997-charter.yaml: is inside the corpus folder treaties, {INPUT_SUFFIX}\n",
    ),
    (
        "build into the corpus folder",
        ["build", "--out", "treaties"],
        3,
        f"error: treaties: is the corpus folder treaties, {INPUT_SUFFIX}\n",
    ),
    (
        "an existing file without --force",
        ["report", "--format", "html", "-o", "reports/old.html"],
        3,
        f"error: reports/old.html: {FORCE}\n",
    ),
    (
        "a file where a folder should be",
        ["diff", "1995-friendship", "1997-charter", "-o", "somefile/x.txt"],
        4,
        "error: somefile: cannot be written (File exists); nothing was written; "
        "fix: a file is in the way of the output folder; choose another output path\n",
    ),
]


@pytest.mark.parametrize(("case", "args", "code", "stderr"), PROBES, ids=[p[0] for p in PROBES])
def test_probes_through_the_command_line(project: Path, case: str, args: list[str], code: int, stderr: str) -> None:
    before = snapshot(project)
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(cli, args)
    assert (result.exit_code, result.stderr) == (code, stderr)
    assert snapshot(project) == before


def test_force_replaces_an_existing_file(project: Path) -> None:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(
        cli, ["report", "--format", "html", "--force", "-o", "reports/old.html"]
    )
    assert (result.exit_code, result.stdout) == (0, "wrote reports/old.html\n")
    assert (project / "reports" / "old.html").read_bytes().startswith(b"<!DOCTYPE html>")
