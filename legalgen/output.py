"""Write outputs atomically: every file or none, never a half-written report, never an input.

:func:`write_outputs` renders nothing itself: callers pass finished bytes, so a failure while rendering
leaves the folder untouched. Writing then goes in three steps, all inside the target folder (so every
move is a rename on one file system):

1. **Refuse.** A target that is one of the inputs — a record file, ``topics.yaml``, anything inside the
   corpus folder or the corpus folder itself, also through a symbolic or hard link — is refused with
   :class:`~legalgen.errors.RefusedError` (exit 3), whatever the flags. An existing file is replaced only
   when the caller says so (``overwrite``: ``--force``, or ``legalgen build`` writing its standard set
   into its own folder); otherwise it is refused, exit 3, before anything is written.
2. **Stage.** Every file is written into one hidden folder, ``.legalgen-tmp-<pid>-<random>/``, and
   flushed to disk. A failure here (a read-only folder, a full disk) removes that folder: nothing changed.
3. **Publish.** Each staged file is moved into place with :func:`os.replace` (or, when nothing may be
   replaced, linked into place with :func:`os.link`, which refuses atomically if a file appeared in the
   meantime), so a reader sees either the old file or the new one. The old file is first kept under a
   second name in the staging folder (a hard link), so if the k-th move fails — a folder in the way, a
   disk error, Ctrl-C — the k-1 files already moved are put back: old files restored, new ones removed.

With ``manifest``, the set is published with a manifest (``legalgen-manifest.json``: every file with its
size and SHA-256) written last, and files the previous manifest listed that are no longer part of the set
are removed — only if they still have the content legalgen wrote (a file you changed is never removed).
The staging folder of a run that was killed (its process is gone) is removed by the next run, and so are
the hidden ``.<name>.XXXXXXXX.tmp`` files of older legalgen versions.

Every failure leaves the folder's names, contents and modification times as they were, no temporary file
behind, and raises :class:`~legalgen.errors.RenderError` (exit 4) with one line naming the file and cause.

    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_outputs(folder, {"summary.md": b"# Corpus", "matrix.csv": b"topic"})]
    ['summary.md', 'matrix.csv']
    >>> (folder / "summary.md").read_bytes()
    b'# Corpus'
    >>> write_outputs(folder, {"summary.md": b"# Another"})
    Traceback (most recent call last):
    legalgen.errors.RefusedError: ...summary.md: exists; fix: add --force to replace it, or choose another name
    >>> shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from legalgen.errors import RefusedError, RenderError

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")

#: The staging folder of one run: ``.legalgen-tmp-<pid>-<random>``.
STAGING = re.compile(r"^\.legalgen-tmp-(\d+)-[0-9a-f]{12}$")
#: A temporary file of legalgen before 0.2 (``.<name>.<mkstemp's 8 characters>.tmp``).
LEGACY_TMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")

#: The manifest ``legalgen build`` publishes with its set.
MANIFEST = "legalgen-manifest.json"
MANIFEST_SCHEMA = "legalgen.manifest/1"

#: What ``os.link`` fails with on a file system without hard links (FAT, some network shares).
NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}

#: What to do about the usual causes of a failed write, by ``errno``.
FIXES = {
    errno.EISDIR: "move the folder that is in the way, or choose another output name",
    errno.EACCES: "make the folder writable, or choose another output folder",
    errno.EPERM: "make the folder writable, or choose another output folder",
    errno.EROFS: "choose an output folder on a writable disk",
    errno.ENOSPC: "free some disk space and run the command again",
    errno.EDQUOT: "free some disk space and run the command again",
    errno.ENOTDIR: "a file is in the way of the output folder; choose another output path",
    errno.EEXIST: "a file is in the way of the output folder; choose another output path",
    errno.ENAMETOOLONG: "choose a shorter output path",
}


def safe_output_path(folder: Path, name: str) -> Path:
    """``folder/name``, refusing names that could escape the folder or are not plain file names."""
    if not SAFE_NAME.match(name) or ".." in name:
        raise RefusedError(f"{name!r} is not a safe output file name; fix: use letters, digits, '.', '_' and '-'")
    target = folder / name
    if not target.resolve().is_relative_to(folder.resolve()):
        raise RefusedError(f"{target}: resolves outside {folder}; fix: choose another output folder")
    return target


def refuse_inputs(targets: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Refuse (exit 3) any target that is an input: the same file (through any link), the corpus folder,
    or anything inside a folder of inputs.

    >>> refuse_inputs([Path("treaties/1997-charter.yaml")], [Path("treaties")])
    Traceback (most recent call last):
    legalgen.errors.RefusedError: treaties/1997-charter.yaml: is inside the corpus folder treaties, an input; refused whatever the flags; fix: write the output elsewhere, e.g. into reports/
    """
    folders: list[tuple[Path, Path, os.stat_result]] = []
    files: list[tuple[Path, Path, os.stat_result]] = []
    for path in inputs:
        with contextlib.suppress(OSError):
            (folders if path.is_dir() else files).append((path, path.resolve(), os.stat(path)))
    for target in targets:
        resolved = target.resolve()
        for path, where, _ in folders:
            if resolved == where or resolved.is_relative_to(where):
                what = "is the corpus folder" if resolved == where else "is inside the corpus folder"
                raise RefusedError(
                    f"{target}: {what} {path}, an input; refused whatever the flags; "
                    "fix: write the output elsewhere, e.g. into reports/"
                )
        try:
            st = os.stat(target)
        except OSError:
            continue
        for path, _, known in files:
            if (st.st_dev, st.st_ino) == (known.st_dev, known.st_ino):
                raise RefusedError(
                    f"{target}: is the input {path}; refused whatever the flags; fix: choose another output name"
                )


def refuse_existing(targets: Iterable[Path]) -> None:
    """Refuse (exit 3) a target that exists: it is replaced only with ``--force``."""
    for target in targets:
        if os.path.lexists(target):
            raise RefusedError(f"{target}: exists; fix: add --force to replace it, or choose another name")


@dataclass
class _Slot:
    """One output on its way into place: its staged file, and the previous file kept aside.

    ``staged is None`` means the target is removed (a file of the previous set no longer made).
    """

    target: Path
    staged: Path | None = None
    backup: Path | None = None
    published: bool = False


def write_outputs(
    folder: Path,
    files: Mapping[str, bytes],
    *,
    overwrite: bool = False,
    inputs: Iterable[Path] = (),
    manifest: bool = False,
) -> list[Path]:
    """Publish every ``name → bytes`` in ``folder`` or, on any failure, none of them.

    ``overwrite``: replace existing files (``--force``; ``legalgen build`` in its own folder); otherwise an
    existing file is refused (exit 3). ``inputs``: files and folders no target may be (exit 3).
    ``manifest``: publish the set with a manifest and remove what the previous manifest listed and this
    set no longer has (``legalgen build``).
    """
    targets = [safe_output_path(folder, name) for name in files]
    refuse_inputs([*targets, folder], inputs)
    if not overwrite:
        refuse_existing(targets)
    data = dict(files)
    if manifest:
        data[MANIFEST] = manifest_bytes(files)
        targets.append(folder / MANIFEST)
    slots = [_Slot(t) for t in targets]
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
    except OSError as exc:
        raise _failure(folder, exc) from None
    remove_stale_temporaries(folder)
    if manifest:
        slots[-1:-1] = [_Slot(folder / name) for name in _dropped(folder, files)]
    stage = folder / f".legalgen-tmp-{os.getpid()}-{secrets.token_hex(6)}"
    current: _Slot | Path = folder  # a failure not tied to one file is the folder's
    stuck: list[str] = []
    try:
        os.mkdir(stage)
        for current in slots:
            if current.target.name in data:
                _stage(current, stage, data[current.target.name])
        current = folder
        _fsync_folder(stage)
        for current in slots:
            _publish(current, stage, overwrite)
    except BaseException as exc:
        stuck = _roll_back(slots)
        if created and not stuck:
            _remove(stage)
            with contextlib.suppress(OSError):
                folder.rmdir()  # the output folder was made for these files: nothing was written
        if isinstance(exc, FileExistsError) and not overwrite and isinstance(current, _Slot):
            raise RefusedError(
                f"{current.target}: exists; fix: add --force to replace it, or choose another name"
            ) from None
        if isinstance(exc, OSError):
            raise _failure(current.target if isinstance(current, _Slot) else current, exc, stuck) from None
        raise
    finally:
        if not stuck:
            _remove(stage)  # the backups inside are only litter once every output is in place or restored
    _fsync_folder(folder)
    return [slot.target for slot in slots if slot.staged is not None and slot.target.name in files]


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    """The manifest of a set: every file with its size and SHA-256, sorted by name."""
    entries = [
        {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in sorted(files.items())
    ]
    return (json.dumps({"schema": MANIFEST_SCHEMA, "files": entries}, indent=2) + "\n").encode("utf-8")


def _dropped(folder: Path, files: Mapping[str, bytes]) -> list[str]:
    """Files the previous manifest of ``folder`` listed that this set no longer makes and that still have
    the content legalgen wrote (a file someone changed is kept)."""
    try:
        previous = json.loads((folder / MANIFEST).read_bytes())
        entries = previous["files"] if previous.get("schema") == MANIFEST_SCHEMA else []
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    dropped = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or name in files or name == MANIFEST or not SAFE_NAME.match(name):
            continue
        path = folder / name
        with contextlib.suppress(OSError):
            if (
                not path.is_symlink()
                and path.is_file()
                and hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")
            ):
                dropped.append(name)
    return dropped


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove what killed runs left in ``folder``: staging folders whose process is gone (unless they hold
    the only copy of a file that could not be restored) and older versions' ``.<name>.XXXXXXXX.tmp``."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = STAGING.match(entry.name)
            if match and entry.is_dir(follow_symlinks=False) and not _alive(int(match[1])):
                if not any(p.suffix == ".bak" for p in Path(entry.path).iterdir()):
                    _remove(Path(entry.path))
                    removed.append(entry.name)
            elif LEGACY_TMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _fsync_folder(folder: Path) -> None:
    """Make the new names durable; a file system that cannot sync a folder is left to its own devices."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stage(slot: _Slot, stage: Path, data: bytes) -> None:
    """Write ``data`` to ``stage/<name>``, flushed to disk, with the permissions of an ordinary file."""
    staged = stage / slot.target.name
    umask = os.umask(0)
    os.umask(umask)
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~umask)
    slot.staged = staged
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(slot: _Slot, stage: Path, overwrite: bool) -> None:
    """Move the staged file into place, keeping the previous file aside in ``stage`` (or remove the old)."""
    target = slot.target
    if not overwrite and slot.staged is not None:
        try:
            os.link(slot.staged, target)  # atomic: refuses a file that appeared since the check
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in NO_HARD_LINKS:
                raise
            if os.path.lexists(target):  # pragma: no cover - a race on a file system without hard links
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST)) from None
            os.replace(slot.staged, target)
        slot.published = True
        return
    # A folder in the way is left for os.replace to refuse; a symbolic link is kept like a file.
    if os.path.islink(target) or (os.path.lexists(target) and not target.is_dir()):
        backup = stage / f"{target.name}.{secrets.token_hex(4)}.bak"
        try:
            # A second name for the same file: the target never goes missing, even for a moment.
            os.link(target, backup, follow_symlinks=False)
        except OSError:
            shutil.copy2(target, backup, follow_symlinks=False)  # a file system without hard links
        slot.backup = backup
    if slot.staged is None:
        if slot.backup is not None:
            os.unlink(target)
            slot.published = True
        return
    os.replace(slot.staged, target)
    slot.published = True


def _roll_back(slots: list[_Slot]) -> list[str]:
    """Put every published target back as it was.

    Returns what could not be restored (nothing, unless the disk fails again while restoring); the
    previous version of such a file stays in its backup in the staging folder, and the message says where.
    """
    stuck = []
    for slot in reversed(slots):
        if not slot.published:
            continue
        try:
            if slot.backup is not None:
                os.replace(slot.backup, slot.target)
            else:
                slot.target.unlink()
        except OSError:
            if slot.backup is not None:
                stuck.append(f"{slot.target} (its previous version is {slot.backup})")
            else:
                stuck.append(str(slot.target))
    return stuck


def _failure(path: Path, exc: OSError, stuck: list[str] | None = None) -> RenderError:
    """The one-line error for a failed write of ``path``."""
    cause = exc.strerror or str(exc)
    outcome = f"could not restore {', '.join(stuck)}" if stuck else "nothing was written"
    fix = FIXES.get(exc.errno or 0, "check the output folder and the disk, then run the command again")
    return RenderError(f"{path}: cannot be written ({cause}); {outcome}; fix: {fix}")


__all__ = [
    "MANIFEST",
    "manifest_bytes",
    "refuse_existing",
    "refuse_inputs",
    "remove_stale_temporaries",
    "safe_output_path",
    "write_outputs",
    "write_tree",
]


#: The manifest ``legalgen site`` publishes with the site: what tells a folder it may replace from any other.
SITE_MANIFEST_SCHEMA = "legalgen.site-manifest/1"
SITE_PATH = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,100}/){0,6}[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")


def write_tree(
    folder: Path,
    files: Mapping[str, bytes],
    *,
    overwrite: bool = False,
    inputs: Iterable[Path] = (),
) -> list[Path]:
    """Publish a whole folder tree (``"a/b/index.html" → bytes``) as ``folder``, or nothing.

    The tree is written into a staging folder beside ``folder`` (``.legalgen-tmp-<pid>-<random>``, same
    file system), then renamed into place in one step: a reader sees no half-built tree, and a failure
    leaves ``folder`` as it was. ``folder`` may already exist only with ``overwrite`` and only if it is
    empty or a tree legalgen wrote (its ``legalgen-manifest.json`` says so): another folder is refused
    (exit 3), so ``--force`` never removes files legalgen did not write. ``inputs`` as
    :func:`write_outputs`: no part of the tree may be an input or inside the corpus folder (exit 3).

    Replacing an existing tree takes two renames (old aside, new in place); between them, for an instant,
    the folder is missing, and on a failure of the second the old tree is put back.
    """
    for name in files:
        if not SITE_PATH.match(name) or ".." in name.split("/"):
            raise RefusedError(f"{name!r} is not a safe output path; fix: use letters, digits, '.', '_', '-' and '/'")
    folder = Path(os.path.abspath(folder))
    refuse_inputs([folder, *(folder / n for n in files)], inputs)
    if os.path.lexists(folder):
        if not overwrite:
            raise RefusedError(f"{folder}: exists; fix: add --force to replace it, or choose another folder")
        if folder.is_symlink() or not folder.is_dir():
            raise RefusedError(f"{folder}: is not a folder; fix: choose another output folder")
        if any(folder.iterdir()) and not _is_site(folder):
            raise RefusedError(
                f"{folder}: is not empty and not a site legalgen wrote; refused even with --force; "
                "fix: choose a new or empty folder"
            )
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failure(parent, exc) from None
    remove_stale_temporaries(parent)
    token = f"{os.getpid()}-{secrets.token_hex(6)}"
    stage = parent / f".legalgen-tmp-{token}"
    aside = parent / f".legalgen-tmp-{os.getpid()}-{secrets.token_hex(6)}"
    data = {**files, MANIFEST: _site_manifest(files)}
    try:
        os.mkdir(stage)
        for name, content in sorted(data.items()):
            path = stage / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if os.path.lexists(folder):
            os.rename(folder, aside)
            try:
                os.rename(stage, folder)
            except BaseException:
                os.rename(aside, folder)
                raise
            _remove(aside)
        else:
            os.rename(stage, folder)
    except OSError as exc:
        _remove(stage)
        raise _failure(folder, exc) from None
    except BaseException:
        _remove(stage)
        raise
    _fsync_folder(parent)
    return [folder / name for name in files]


def _site_manifest(files: Mapping[str, bytes]) -> bytes:
    entries = [
        {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in sorted(files.items())
    ]
    return (json.dumps({"schema": SITE_MANIFEST_SCHEMA, "files": entries}, indent=2) + "\n").encode("utf-8")


def _is_site(folder: Path) -> bool:
    try:
        return bool(json.loads((folder / MANIFEST).read_bytes()).get("schema") == SITE_MANIFEST_SCHEMA)
    except (OSError, ValueError, AttributeError):
        return False
