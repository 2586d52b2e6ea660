"""The user cache that spares repeated work: parsed claims files and the loaded database
(:mod:`.store`), built vocabularies (:mod:`.lexicon`), what is derived from the package's
data files (:func:`derived`: the unit table, the schema's types), compiled patterns and
records' code (:class:`Marshalled`). One folder, ``$BATTCLAIMS_CACHE`` (``off``: no
cache), else ``$XDG_CACHE_HOME/battclaims`` or ``~/.cache/battclaims``; every entry is
keyed on what it was made from, written atomically, and anything wrong with one (missing,
corrupt, from another version) means doing the work again."""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import marshal
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .hashes import blake2b


def cache_dir() -> Path | None:
    """Where cached work is kept (None when ``BATTCLAIMS_CACHE=off``)."""
    if os.environ.get("BATTCLAIMS_CACHE") == "off":
        return None
    base = os.environ.get("BATTCLAIMS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "battclaims",
    )
    return Path(base)


def write(path: Path, data: bytes) -> None:
    """Write an entry atomically (a temporary file renamed), creating the folder; a
    failure leaves no entry (raises :class:`OSError`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def trusted(path: Path) -> bool:
    """Whether an entry may be loaded as code-bearing data (a pickle): the user's own
    file, which no one else may write (raises :class:`OSError` when missing)."""
    status = path.stat()
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def digest(*parts: bytes) -> str:
    """A key for what ``parts`` hold (32 hexadecimal digits; BLAKE2b of 128 bits)."""
    key = blake2b(digest_size=16)
    for part in parts:
        key.update(part)
    return key.hexdigest()


def stamps(paths: Iterable[str]) -> bytes:
    """Files as Python's bytecode cache judges one changed: each one's path, size and time
    of change (stating a file is a small part of reading it; raises :class:`OSError` for a
    missing one)."""
    found = []
    for path in paths:
        status = os.stat(path)
        found.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0")
    return "".join(found).encode("utf-8", "surrogateescape")


@functools.cache
def package_key() -> str:
    """A :func:`digest` of what an entry made by the package's code from its data depends
    on: the Python version and every file of the package, code and data, as :func:`stamps`
    (a new version's install writes new files). Once a run."""
    return digest(sys.version.encode(), b"\0", stamps(sorted(_files(os.path.dirname(__file__)))))


def _files(folder: str) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":  # (written by Python as it runs)
                    yield from _files(entry.path)
            else:
                yield entry.path


def installed_entry(kind: str, suffix: str, of: bytes = b"") -> Path | None:
    """The path of an entry that each installation of the package (and Python) keeps one
    of, replaced when what it was made of changed: two installations run in turn (side by
    side in a benchmark) do not replace each other's. With ``of``, one per installation
    and ``of`` (a database's files: :func:`keep_recent` bounds how many). None when there
    is no cache."""
    folder = cache_dir()
    if folder is None:
        return None
    place = digest(os.fsencode(os.path.dirname(__file__)), b"\0",
                   sys.implementation.cache_tag.encode())
    name = f"{kind}-{place[:16]}" + (f"-{digest(of)[:16]}" if of else "")
    return folder / f"{name}.{suffix}"


def keep_recent(entry: Path, count: int) -> None:
    """Remove all but the ``count`` most recently used entries of the kind and installation
    of ``entry`` (an :func:`installed_entry` with ``of``; a use is marked by
    :func:`used`)."""
    stem = entry.name.rsplit("-", 1)[0]
    with contextlib.suppress(OSError):
        found = sorted(entry.parent.glob(f"{stem}-*{entry.suffix}"),
                       key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in found[count:]:
            old.unlink(missing_ok=True)


def used(entry: Path) -> None:
    """Mark an entry as used now (:func:`keep_recent` keeps the most recently used)."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def derived(name: str, source: Path, make: Callable[[bytes], Any]) -> Any:
    """What ``make`` derives from the bytes of ``source``, a data file of the package, kept
    in :mod:`marshal`'s format (which reads several times faster than JSON and gives back
    what ``make`` returned, type for type: tuples, keys that are numbers) in one
    :func:`installed_entry` per ``name``, keyed on the :func:`package_key`. Only
    the user's own entry is read (:func:`trusted`: marshal's reader does not guard against
    crafted data); a missing or corrupt one means deriving again, and content marshal
    cannot hold is not kept."""
    path = installed_entry(f"data-{name}", "marshal")
    key = None
    if path is not None:
        with contextlib.suppress(Exception):  # missing, corrupt, another's: derived again
            key = package_key()
            if trusted(path):
                stored, value = marshal.loads(path.read_bytes())
                if stored == key:
                    return value
    value = make(source.read_bytes())
    if path is not None and key is not None:
        with contextlib.suppress(OSError, ValueError):
            write(path, marshal.dumps((key, value)))
    return value


def as_json(kind: bytes, data: bytes, parse: Callable[[], Any], limit: int | None = None,
            *, exact: bool = False) -> Any:
    """What ``parse()`` makes of ``data`` (a YAML or TOML file's bytes), kept as JSON keyed on
    ``kind`` and the bytes: JSON reads some ten times faster than YAML. What the cache
    gives back is returned cold too (keys as text…), so that both read alike — or, with
    ``exact``, content that JSON changes is returned as parsed and not kept. Content that
    JSON cannot hold, or whose JSON is over ``limit`` characters, is not kept."""
    folder = cache_dir()
    path = folder / f"yaml-{digest(kind, data)}.json" if folder else None
    if path is not None:
        try:
            if limit is None or path.stat().st_size <= limit:
                return json.loads(path.read_text("utf-8"))
            path.unlink()  # not one this version writes
        except (OSError, ValueError, RecursionError):
            pass
    content = parse()
    try:
        text: str | None = json.dumps(content)
        stored = json.loads(text or "null")
        if exact and stored != content:
            return content  # (a number as a key)
        content = stored
    except (TypeError, ValueError, RecursionError):
        text = None  # not JSON (a !!set, !!binary): the caller's validation says so
    if path is not None and text is not None and (limit is None or len(text) <= limit):
        with contextlib.suppress(OSError):  # ASCII: as many bytes as characters
            write(path, text.encode("utf-8"))
    return content


class Marshalled:
    """What Python makes the same way in every process — a pattern's matching program, a
    record's compiled ``__init__`` — kept in one cache file per kind and Python version,
    in :mod:`marshal`'s format (which holds code and reads fast). The file is read when
    the store is made and written back when the process ends if anything was added.
    Values are code or become code: only the user's own file is read (:func:`trusted`),
    and a missing, corrupt or foreign file is an empty store."""

    LIMIT = 2_000
    """Entries kept at most (values made from data vary; the file stays small)."""

    def __init__(self, kind: str, version: str = "") -> None:
        folder = cache_dir()
        self.path = folder / f"{kind}-{sys.implementation.cache_tag}{version}.marshal" \
            if folder else None
        self.values: dict[Any, Any] = {}
        self.added = 0
        if self.path is not None:
            with contextlib.suppress(Exception):  # missing, corrupt, another's: empty
                if trusted(self.path):
                    loaded = marshal.loads(self.path.read_bytes())
                    if isinstance(loaded, dict):
                        self.values = loaded

    def get(self, key: Any) -> Any:
        return self.values.get(key)

    def add(self, key: Any, value: Any) -> None:
        if self.path is None or len(self.values) >= self.LIMIT:
            return
        if not self.added:
            atexit.register(self.save)
        self.values[key] = value
        self.added += 1

    def save(self) -> None:
        if self.path is not None and self.added:
            with contextlib.suppress(OSError, ValueError):
                write(self.path, marshal.dumps(self.values))
            self.added = 0
