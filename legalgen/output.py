"""Write outputs atomically: everything or nothing, never a half-written report.

Each file is written to a temporary file in its target folder, flushed to disk and moved into place
with :func:`os.replace`, so a reader sees either the old file or the new one. :func:`write_outputs`
renders nothing itself: callers pass finished bytes, so a failure while rendering leaves the folder
untouched, and a failure while writing removes every temporary file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from legalgen.errors import RefusedError, RenderError

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")


def safe_output_path(folder: Path, name: str) -> Path:
    """``folder/name``, refusing names that could escape the folder or are not plain file names."""
    if not SAFE_NAME.match(name) or ".." in name:
        raise RefusedError(f"{name!r} is not a safe output file name; fix: use letters, digits, '.', '_' and '-'")
    target = folder / name
    if not target.resolve().is_relative_to(folder.resolve()):
        raise RefusedError(f"{target}: resolves outside {folder}; fix: choose another output folder")
    return target


def write_outputs(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Publish every ``name → bytes`` in ``folder`` or, on any failure, none of them."""
    targets = {name: safe_output_path(folder, name) for name in files}
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((tmp, targets[name]))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except OSError as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise RenderError(f"{folder}: cannot write outputs ({exc.strerror}); nothing was written") from None
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]
