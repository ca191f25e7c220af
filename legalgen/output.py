"""Write outputs atomically: every file or none, never a half-written report.

:func:`write_outputs` renders nothing itself: callers pass finished bytes, so a failure while rendering
leaves the folder untouched. Writing then goes in two steps, both inside the target folder:

1. **Stage.** Each file is written to a hidden temporary file (``.<name>.<random>.tmp``) and flushed to
   disk. A failure here (a read-only folder, a full disk) removes every temporary file: nothing changed.
2. **Publish.** Each temporary file is moved into place with :func:`os.replace`, so a reader sees either
   the old file or the new one. The old file is first kept under a second name (a hard link,
   ``.<name>.<random>.bak``), so if the k-th move fails — a folder in the way, a disk error — the k-1
   files already moved are put back: old files restored from their backups, new ones removed.

Every failure leaves the folder's names and contents as they were, no temporary file behind, and raises
:class:`~legalgen.errors.RenderError` (exit 4) with one line naming the file and the cause.

    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_outputs(folder, {"summary.md": b"# Corpus", "matrix.csv": b"topic"})]
    ['summary.md', 'matrix.csv']
    >>> (folder / "summary.md").read_bytes()
    b'# Corpus'
    >>> shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from legalgen.errors import RefusedError, RenderError

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")

#: What to do about the usual causes of a failed write, by ``errno``.
FIXES = {
    errno.EISDIR: "move the folder that is in the way, or choose another output name",
    errno.EACCES: "make the folder writable, or choose another output folder",
    errno.EPERM: "make the folder writable, or choose another output folder",
    errno.EROFS: "choose an output folder on a writable disk",
    errno.ENOSPC: "free some disk space and run the command again",
    errno.EDQUOT: "free some disk space and run the command again",
}


def safe_output_path(folder: Path, name: str) -> Path:
    """``folder/name``, refusing names that could escape the folder or are not plain file names."""
    if not SAFE_NAME.match(name) or ".." in name:
        raise RefusedError(f"{name!r} is not a safe output file name; fix: use letters, digits, '.', '_' and '-'")
    target = folder / name
    if not target.resolve().is_relative_to(folder.resolve()):
        raise RefusedError(f"{target}: resolves outside {folder}; fix: choose another output folder")
    return target


@dataclass
class _Slot:
    """One output on its way into place: its temporary file, and the previous file kept aside."""

    target: Path
    tmp: Path | None = None
    backup: Path | None = None
    published: bool = False


def write_outputs(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Publish every ``name → bytes`` in ``folder`` or, on any failure, none of them."""
    slots = [_Slot(safe_output_path(folder, name)) for name in files]
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failure(folder, exc) from None
    current = None
    try:
        for current, data in zip(slots, files.values(), strict=True):
            _stage(current, data)
        for current in slots:
            _publish(current)
    except BaseException as exc:
        stuck = _roll_back(slots)
        if created and not stuck:
            with contextlib.suppress(OSError):
                folder.rmdir()  # the output folder was made for these files: nothing was written
        if isinstance(exc, OSError) and current is not None:
            raise _failure(current.target, exc, stuck) from None
        raise
    for slot in slots:
        if slot.backup is not None:
            with contextlib.suppress(OSError):  # every output is in place; an old copy left is only litter
                slot.backup.unlink()
    return [slot.target for slot in slots]


def _stage(slot: _Slot, data: bytes) -> None:
    """Write ``data`` to a new temporary file beside ``slot.target``, flushed to disk."""
    fd, tmp = tempfile.mkstemp(dir=slot.target.parent, prefix=f".{slot.target.name}.", suffix=".tmp")
    slot.tmp = Path(tmp)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; an output is an ordinary file


def _publish(slot: _Slot) -> None:
    """Keep the previous file under a backup name, then move the new one into place."""
    assert slot.tmp is not None
    target = slot.target
    # A folder in the way is left for os.replace to refuse; a symbolic link is kept like a file.
    if os.path.islink(target) or (os.path.lexists(target) and not target.is_dir()):
        backup = target.with_name(f".{target.name}.{secrets.token_hex(6)}.bak")
        try:
            # A second name for the same file: the target never goes missing, even for a moment.
            os.link(target, backup, follow_symlinks=False)
        except OSError:
            shutil.copy2(target, backup, follow_symlinks=False)  # a file system without hard links
        slot.backup = backup
    os.replace(slot.tmp, target)
    slot.published = True


def _roll_back(slots: list[_Slot]) -> list[str]:
    """Put every published target back as it was and remove every temporary and backup file.

    Returns what could not be restored (nothing, unless the disk fails again while restoring); the
    previous version of such a file stays in its backup, and the message says where.
    """
    stuck = []
    for slot in reversed(slots):
        try:
            if slot.published and slot.backup is not None:
                os.replace(slot.backup, slot.target)
            elif slot.published:
                slot.target.unlink()
        except OSError:
            kept = f" (its previous version is {slot.backup})" if slot.backup else ""
            stuck.append(f"{slot.target}{kept}")
            slot.backup = None  # keep it: it is the only copy of the previous file
        for path in (slot.tmp, slot.backup):
            if path is not None:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
    return stuck


def _failure(path: Path, exc: OSError, stuck: list[str] | None = None) -> RenderError:
    """The one-line error for a failed write of ``path``."""
    cause = exc.strerror or str(exc)
    outcome = f"could not restore {', '.join(stuck)}" if stuck else "nothing was written"
    fix = FIXES.get(exc.errno or 0, "check the output folder and the disk, then run the command again")
    return RenderError(f"{path}: cannot be written ({cause}); {outcome}; fix: {fix}")


__all__ = ["safe_output_path", "write_outputs"]
