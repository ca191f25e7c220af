"""A cache of validated records, so that a record read once is not read and validated again.

Reading a record (parsing its YAML, checking its events) and validating it (Pydantic) is most of the time
of every command that loads a corpus: 20 s of 23 for 1,000 instruments of 50 provisions. A record that has
not changed gives the same validated :class:`~legalgen.records.models.Instrument` every time, so
:func:`~legalgen.records.load_corpus` keeps each one it validated **without a problem** in a cache
folder, under the content hash of the file's bytes, and next time restores it from there instead of
reading and validating it again. A record with a problem is never kept: it is read and its one-line,
located error given exactly as without the cache.

**What an entry is keyed by.** An entry's name is the SHA-256 of the record file's bytes (and of what it
is: an instrument or a topic catalogue); it lives in a subfolder named by a hash of everything else that
decides what the bytes validate to (:func:`version_key`): legalgen's version, the source of
``legalgen/records/`` and of the modules it stands on (``legalgen/ids.py``, ``legalgen/errors.py``), so
editing a model or a rule invalidates every entry, the versions of Python, Pydantic, pydantic-core and
PyYAML, and whether libyaml is used. Each entry also starts with a header naming that key and the entry's
own hash, checked before anything else is read. The topic catalogue is not part of an instrument's key:
an instrument validates alone; what depends on the topics and on the other records (the cross-record
rules of :mod:`legalgen.records.rules`) is checked on every load, cached records or not.

**Where.** ``$LEGALGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/legalgen``, else ``~/.cache/legalgen``
(:func:`cache_folder`), as black keeps its cache; ``LEGALGEN_NO_CACHE=1`` (or ``legalgen --no-cache``)
turns it off. Never inside a records folder: a folder of records is an input and is never written, so a
cache folder named inside one is not used. The folder can be deleted at any time.

**Trust.** Entries are pickles, and unpickling runs code the pickle names, so the cache is only as
trustworthy as the folder it lives in: the user's own cache folder, created with mode 0700. The cache
is not used when that folder (or the version subfolder) is not owned by the user or can be written by
anyone else; an entry is read only from a file whose name is the content hash being looked up, whose
header names this exact version key and whose body hashes to what the header says; nothing is ever
read from a records folder. Whoever can write into the user's own cache folder can already run code as
the user (through ``~/.bashrc`` and the like), so this adds no way in.

**Never an error.** A cache folder that cannot be created or written (a read-only or missing home, a
full disk), an entry that is corrupt, truncated, of another version or unreadable: each means only that
the record is read and validated as without a cache (and its entry written again, where it can be).
The first entry written by a new version removes the folders of other versions that legalgen made and
nobody wrote into for 30 days (never a folder it did not make).
Entries are written atomically (a temporary file in the same folder, then :func:`os.replace`), so a
reader sees a whole entry or none.

    >>> import tempfile
    >>> cache = RecordCache(Path(tempfile.mkdtemp()) / "legalgen")
    >>> cache.get("instrument", b"id: x\\n") is None
    True
    >>> cache.put("instrument", b"id: x\\n", ("any", "picklable", "value"))
    >>> cache.get("instrument", b"id: x\\n")
    ('any', 'picklable', 'value')
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
import sys
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

#: Starts every entry; the version key and the SHA-256 of the body follow, one line.
MAGIC = b"legalgen-record-cache/1 "

#: The name of a version's folder (:func:`version_key`).
VERSION_FOLDER = re.compile(r"^[0-9a-f]{32}$")
#: The file legalgen puts in each version folder it makes: only such folders are ever removed.
MARKER = ".legalgen-record-cache"
#: A version folder no entry was written into for this many days is removed by a newer version.
STALE_DAYS = 30

#: The modules whose source decides what a record's bytes validate to, besides ``legalgen/records/``.
_ALSO_HASHED = ("ids.py", "errors.py", "__init__.py")


def cache_folder(environ: Mapping[str, str]) -> Path | None:
    """Where the cache lives, from the environment given (the caller's, e.g. ``os.environ``); ``None``
    when it is turned off (``LEGALGEN_NO_CACHE`` set to anything but ``""`` or ``0``) or there is no home.

    >>> cache_folder({"LEGALGEN_CACHE_DIR": "/tmp/lg"}), cache_folder({"XDG_CACHE_HOME": "/c", "HOME": "/h"})
    (PosixPath('/tmp/lg'), PosixPath('/c/legalgen'))
    >>> cache_folder({"HOME": "/h"}), cache_folder({"HOME": "/h", "LEGALGEN_NO_CACHE": "1"})
    (PosixPath('/h/.cache/legalgen'), None)
    """
    if environ.get("LEGALGEN_NO_CACHE", "") not in ("", "0"):
        return None
    if environ.get("LEGALGEN_CACHE_DIR"):
        return Path(environ["LEGALGEN_CACHE_DIR"]).expanduser()
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the XDG specification: a relative path is to be ignored
        return Path(xdg) / "legalgen"
    home = environ.get("HOME")
    if home:
        return Path(home) / ".cache" / "legalgen"
    try:
        return Path.home() / ".cache" / "legalgen"
    except (RuntimeError, KeyError):
        return None


@cache
def version_key() -> str:
    """A hash of everything besides a file's bytes that decides what it validates to (see the module's
    docstring); entries of another key are in another folder and never read."""
    import pydantic
    import pydantic_core

    from legalgen import __version__

    digest = hashlib.sha256()
    for part in (__version__, sys.version, pydantic.VERSION, pydantic_core.__version__, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode() + b"\0")
    digest.update(_yaml_fingerprint())
    for module in _CONSTRAINT_MODULES:
        digest.update(_module_fingerprint(module))
    here = Path(__file__).resolve().parent
    sources = sorted(here.glob("*.py")) + [here.parent / name for name in _ALSO_HASHED]
    for path in sources:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:  # no source to hash (a frozen install): the version alone
            digest.update(b"?")
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _yaml_fingerprint() -> bytes:
    """PyYAML's version and whether it has libyaml, without importing it (a warm run reads no YAML): the
    bytes of its ``__init__.py`` (which states ``__version__``) and the names of its compiled parts."""
    import importlib.util

    spec = importlib.util.find_spec("yaml")
    if spec is None or spec.origin is None:
        return b"no yaml"
    origin = Path(spec.origin)
    try:
        return origin.read_bytes() + "\0".join(sorted(p.name for p in origin.parent.glob("_yaml*"))).encode()
    except OSError:
        return b"yaml?"


#: Modules Pydantic enforces field constraints with: their source is part of the version key too.
_CONSTRAINT_MODULES = ("annotated_types", "typing_extensions")


def _module_fingerprint(name: str) -> bytes:
    """The bytes of module ``name``'s source file, found without importing it (``b"no NAME"`` if absent)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"no {name}".encode()
    try:
        return name.encode() + b"\0" + Path(spec.origin).read_bytes()
    except OSError:
        return f"{name}?".encode()


def content_key(kind: str, data: bytes) -> str:
    """The name of the entry for a file of ``kind`` (``instrument``, ``topics``) whose bytes are ``data``."""
    return hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()


class RecordCache:
    """A cache folder's entries for this version of legalgen (:func:`version_key`); see the module.

    Nothing is created until the first entry is written, and a folder that is not safe (see the module)
    is neither read nor written.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / version_key()
        self._safe: bool | None = None  # not looked at yet

    def _usable(self, create: bool) -> bool:
        """Whether the folders exist, are folders, the user's own and writable by no one else; with
        ``create``, made (mode 0700) where missing. Never raises."""
        if self._safe is not None:
            return self._safe
        try:
            for path in (self.root, self.folder):
                if create:
                    with contextlib.suppress(FileExistsError):
                        path.mkdir(mode=0o700, parents=path is self.root)
                        if path is self.folder:
                            self._drop_other_versions()
                info = path.lstat()
                if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
                    self._safe = False
                    return False
                if hasattr(os, "getuid") and info.st_uid != os.getuid():
                    self._safe = False
                    return False
        except OSError:
            if create:
                self._safe = False  # cannot be made: no cache for this run
            return False
        self._safe = True
        return True

    def _drop_other_versions(self) -> None:
        """Remove the folders of other versions that legalgen made (they hold :data:`MARKER`) and that no
        entry was written into for :data:`STALE_DAYS` days: a folder legalgen did not make is never
        touched (the cache folder may be one the user named), and two versions in use side by side (two
        checkouts) do not remove each other's entries."""
        import shutil
        import time

        with contextlib.suppress(OSError):
            (self.folder / MARKER).touch()
        too_old = time.time() - STALE_DAYS * 86400
        for other in self.root.iterdir():
            if other == self.folder or not VERSION_FOLDER.match(other.name) or other.is_symlink():
                continue
            with contextlib.suppress(OSError):
                if (other / MARKER).is_file() and other.stat().st_mtime < too_old:
                    shutil.rmtree(other, ignore_errors=True)

    def get(self, kind: str, data: bytes) -> Any | None:
        """The value kept for a file of ``kind`` whose bytes are ``data``, or ``None`` (no entry, or one
        that is corrupt, truncated or of another version: it is then as if there were none)."""
        if not self._usable(create=False):
            return None
        try:
            # Not through a link, and only a file of the user's own that no one else can write and that
            # has no other name: an entry planted or linked into the folder is never unpickled.
            fd = os.open(self.folder / content_key(kind, data), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as f:
                info = os.fstat(f.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_mode & 0o022:
                    return None
                if hasattr(os, "getuid") and info.st_uid != os.getuid():
                    return None
                blob = f.read()
        except OSError:
            return None
        header, _, body = blob.partition(b"\n")
        if header != MAGIC + self.folder.name.encode() + b" " + hashlib.sha256(body).hexdigest().encode():
            return None
        try:
            return pickle.loads(body)
        except Exception:  # a body that matches its hash yet will not load: another Python's, say
            return None

    def put(self, kind: str, data: bytes, value: Any) -> None:
        """Keep ``value`` for a file of ``kind`` whose bytes are ``data``: written whole or not at all."""
        if not self._usable(create=True):
            return
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = MAGIC + self.folder.name.encode() + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n"
        import tempfile  # only when writing: a warm run never does

        target = self.folder / content_key(kind, data)
        try:
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header)
                out.write(body)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def inside(folder: Path, paths: Sequence[Path]) -> bool:
    """Whether ``folder`` is one of the folders of ``paths`` (or of their files) or inside one: a cache
    there is neither written nor read (a folder of records is an input, and may come from anyone)."""
    where = folder.resolve()
    for path in paths:
        top = path.resolve()
        top = top if top.is_dir() else top.parent
        if where == top or top in where.parents:
            return True
    return False


def corpus_description(records: Sequence[tuple[Path, bytes | str]], topics: tuple[Path, bytes | str]) -> bytes:
    """What decides a corpus's verdict: each record file's name and content hash, in order, and the topic
    catalogue's (the bytes, or their SHA-256 in hex where already worked out)."""

    def digest(data: bytes | str) -> str:
        return data if isinstance(data, str) else hashlib.sha256(data).hexdigest()

    lines = [f"{path.name}\0{digest(data)}" for path, data in records]
    lines.append(f"topics\0{topics[0].name}\0{digest(topics[1])}")
    return "\n".join(lines).encode()


def checked_before(paths: Sequence[Path], cache: RecordCache | None) -> tuple[int, int] | None:
    """How many instruments and topics the corpus of ``paths`` holds, if these very files (names and bytes)
    were loaded before with no problem and no warning; else ``None`` (then load it: :func:`load_corpus`).

    What ``legalgen validate`` asks of a corpus it has checked before: the verdict depends on nothing
    but the files and legalgen's version, so it is kept (by :func:`~legalgen.records.load_corpus`) under
    their hashes, and found again without importing the models or the reader.
    """
    from legalgen.records.files import find_topics_file, record_files, small_file_bytes

    # Nothing is read where there is no cache to ask, and no file the reader would refuse is read here
    # (a pipe would block, a device or a huge file fill memory): the load then says what is wrong.
    if cache is None or inside(cache.folder, paths) or not cache._usable(create=False):
        return None
    topics = find_topics_file(paths)
    records = record_files(paths)
    if topics is None or not records:
        return None
    read = [(p, small_file_bytes(p)) for p in [*records, topics]]
    if any(data is None for _, data in read):
        return None
    description = corpus_description(
        [(p, data) for p, data in read[:-1] if data is not None], (topics, read[-1][1] or b"")
    )
    kept = cache.get("corpus", description)
    if isinstance(kept, tuple) and len(kept) == 2 and all(type(n) is int for n in kept):
        return kept[0], kept[1]
    return None


__all__ = [
    "RecordCache",
    "cache_folder",
    "checked_before",
    "content_key",
    "corpus_description",
    "inside",
    "version_key",
]
