"""Which files a list of paths names: the record files of folders, and the topic catalogue beside them.

Kept apart from reading and validating so that a caller that only needs the names (the cache of
validated records, :mod:`legalgen.records.cache`) loads neither PyYAML nor Pydantic.

    >>> [p.name for p in record_files([Path("treaties")])][:2]
    ['1995-customs-union.yaml', '1995-friendship.yaml']
    >>> find_topics_file([Path("treaties")])
    PosixPath('treaties/topics.yaml')
"""

from __future__ import annotations

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


class FileRefused(Exception):
    """Why :func:`read_small_file` did not read a file: ``missing``, ``unreadable`` (``detail``: the
    system's reason), ``directory``, ``special`` (a pipe, a device, a socket) or ``too-large``
    (``size``: its bytes)."""

    def __init__(self, why: str, detail: str = "", size: int = 0) -> None:
        super().__init__(why)
        self.why, self.detail, self.size = why, detail, size


def read_small_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most :data:`MAX_BYTES`; else
    :class:`FileRefused`. Opened without blocking (opening a pipe for reading would wait for a writer),
    checked on the open file (not the name, which could change in between), never read past the limit."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise FileRefused("missing") from None
    except OSError as exc:
        raise FileRefused("unreadable", exc.strerror or "") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("directory")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("special")
        if info.st_size > MAX_BYTES:
            raise FileRefused("too-large", size=info.st_size)
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise FileRefused("unreadable", exc.strerror or "") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # grew since it was looked at
        raise FileRefused("too-large", size=len(data))
    return data


def small_file_bytes(path: Path) -> bytes | None:
    """:func:`read_small_file`, or ``None`` where it refuses: for a caller that only looks (the cache of
    verdicts), leaving the reader (:func:`legalgen.records.read.read_bytes`) to say what is wrong."""
    try:
        return read_small_file(path)
    except FileRefused:
        return None
