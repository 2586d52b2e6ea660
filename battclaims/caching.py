"""The user cache that spares repeated work: parsed claims files (:mod:`.store`) and
built vocabularies (:mod:`.lexicon`). One folder, ``$BATTCLAIMS_CACHE`` (``off``: no
cache), else ``$XDG_CACHE_HOME/battclaims`` or ``~/.cache/battclaims``; every entry is
keyed on what it was made from, written atomically, and anything wrong with one (missing,
corrupt, from another version) means doing the work again."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import marshal
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


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


def as_json(kind: bytes, data: bytes, parse: Callable[[], Any], limit: int | None = None,
            *, exact: bool = False) -> Any:
    """What ``parse()`` makes of ``data`` (a YAML or TOML file's bytes), kept as JSON keyed on
    ``kind`` and the bytes: JSON reads some ten times faster than YAML. What the cache
    gives back is returned cold too (keys as text…), so that both read alike — or, with
    ``exact``, content that JSON changes is returned as parsed and not kept. Content that
    JSON cannot hold, or whose JSON is over ``limit`` characters, is not kept."""
    folder = cache_dir()
    key = hashlib.sha256(kind)
    key.update(data)
    path = folder / f"yaml-{key.hexdigest()[:32]}.json" if folder else None
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
