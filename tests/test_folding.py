"""ascii_fold's quick answer for ASCII words is its full definition's; the hashes taken
without OpenSSL are hashlib's."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from battclaims.lexicon import _UNDECOMPOSED, ascii_fold


def plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word).translate(_UNDECOMPOSED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.text(max_size=12) | st.sampled_from(
    ["véhicule", "Wrocław", "Tromsø", "GWh", "ﬁn", "½", "Œuvre", "l’usine", "2030"]))
def test_folding_as_defined(word: str) -> None:
    assert ascii_fold(word) == plain(word)


@given(st.binary(max_size=200))
def test_hashes_without_openssl_give_hashlib_digests(data: bytes) -> None:
    """Fingerprints are output: the SHA-256 used is SHA-256 (and BLAKE2b is BLAKE2b)."""
    import hashlib

    from battclaims.hashes import blake2b, sha256

    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert blake2b(data, digest_size=16).hexdigest() == hashlib.blake2b(
        data, digest_size=16).hexdigest()
