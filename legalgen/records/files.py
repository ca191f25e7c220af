"""Which files a list of paths names: the record files of folders, and the topic catalogue beside them.

Kept apart from reading and validating so that a caller that only needs the names (the cache of
validated records, :mod:`legalgen.records.cache`) loads neither PyYAML nor Pydantic.

    >>> [p.name for p in record_files([Path("treaties")])][:2]
    ['1995-customs-union.yaml', '1995-friendship.yaml']
    >>> find_topics_file([Path("treaties")])
    PosixPath('treaties/topics.yaml')
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

TOPIC_FILES = ("topics.yaml", "topics.yml")
#: A record file larger than this is refused before it is parsed (2 MiB).
MAX_BYTES = 2 * 1024 * 1024


def iter_record_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """Expand folders to the ``*.yaml`` records inside them (not ``topics.yaml``); keep files as named."""
    for path in paths:
        if path.is_dir() and path.suffix not in (".yaml", ".yml"):
            yield from sorted(p for p in path.glob("*.y*ml") if p.name not in TOPIC_FILES)
        else:
            yield path


def record_files(paths: Sequence[Path]) -> list[Path]:
    """The record files ``paths`` name, in order, each once: a file named beside its own folder
    (``validate --corpus treaties treaties/x.yaml``) is read once."""
    unique: dict[Path, Path] = {}
    for path in iter_record_paths(paths):
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def find_topics_file(paths: Sequence[Path]) -> Path | None:
    """``topics.yaml`` in the first folder named, or beside the first file named."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for name in TOPIC_FILES:
            if (folder / name).is_file():
                return folder / name
    return None


__all__ = ["TOPIC_FILES", "find_topics_file", "iter_record_paths", "record_files"]


def small_file_bytes(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most :data:`MAX_BYTES`, else ``None`` (a
    pipe, a device, a folder, a missing or unreadable file, or one too large): never blocks on a pipe
    and never reads more than the limit. The reader (:func:`legalgen.records.read.read_bytes`) then
    says what is wrong with such a file; this only declines to read it."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a pipe for reading would wait
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
                data = f.read(MAX_BYTES + 1)
                return data if len(data) <= MAX_BYTES else None
    return None
