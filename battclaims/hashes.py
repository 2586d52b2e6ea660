"""SHA-256 and BLAKE2b without OpenSSL.

:mod:`hashlib` loads OpenSSL's library when imported, whatever the hash asked for: some
12 M instructions, 3 % of a check of a short draft. CPython builds its own SHA-256 and
BLAKE2 (``_sha256``, ``_sha2`` from 3.12, ``_blake2``), which give the same digests; a
Python without them uses :mod:`hashlib`. Fingerprints are output, so they stay
SHA-256; cache keys use BLAKE2b."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (typed as hashlib's, which they are)
    from hashlib import blake2b, sha256
else:
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - 3.12 and later, or a Python built without it
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

__all__ = ["blake2b", "sha256"]
