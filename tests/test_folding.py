"""ascii_fold's quick answer for ASCII words is its full definition's."""

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
