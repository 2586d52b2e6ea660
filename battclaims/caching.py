"""The user cache that spares repeated work: parsed claims files (:mod:`.store`) and
built vocabularies (:mod:`.lexicon`). One folder, ``$BATTCLAIMS_CACHE`` (``off``: no
cache), else ``$XDG_CACHE_HOME/battclaims`` or ``~/.cache/battclaims``; every entry is
keyed on what it was made from, written atomically, and anything wrong with one (missing,
corrupt, from another version) means doing the work again."""

from __future__ import annotations

import os
import stat
from pathlib import Path


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
