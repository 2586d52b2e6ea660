"""Sentences are compared by their words as Python splits them: rapidfuzz splits words
itself, but a no-break space is a space to it only in strings that do not fit in
Latin-1, so the same sentence compared differently next to a "’" or a "€"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

import battclaims
from battclaims.checking import Settings, _similarity, duplicates

WORDS = ["Le", "marché", "atteindra", "500\u00a0000", "véhicules", "par", "an", "en",
         "2030", "selon", "l'étude", "l’étude", "du", "cabinet", "12\u00a0GWh", "€", "Verkor"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_a_no_break_space_separates_words_in_every_sentence(a: list[str], b: list[str]) -> None:
    first, second = " ".join(a), " ".join(b)
    spaced = fuzz.token_set_ratio(first.replace("\u00a0", " ").lower(),
                                  second.replace("\u00a0", " ").lower())
    assert _similarity(first, second) == spaced


def test_a_restated_figure_is_a_repetition_whatever_its_apostrophe() -> None:
    """The second sentence says the first again (one clause more); the first writes its
    apostrophe "’", which made rapidfuzz read "500 000" as one word in one sentence and
    two in the other (84.6 < 85: no repetition)."""
    text = ("Le marché atteindra 500\u00a0000 véhicules par an en 2030 selon l’étude du "
            "cabinet.\n\nLe marché atteindra 500\u00a0000 véhicules par an en 2030 selon "
            "l'étude du cabinet, qui reste prudent.\n")
    claims = battclaims.extract(text).claims
    assert [c.subject for c in claims] == [None, None]
    assert duplicates(claims, Settings()) == [None, claims[0]]
