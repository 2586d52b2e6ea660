"""Long text with no sentence break (a list of figures, a pasted table): read in bounded
windows, so that work and output grow linearly, and every figure is still read."""

from __future__ import annotations

import battclaims
from battclaims.text import MAX_SENTENCE

ITEMS = ["Verkor fournira 12 GWh par an", "Renault vendra 300 000 voitures",
         "l'État versera 150 millions d'euros", "ACC créera près de 2 000 emplois"]


def test_a_sentence_without_a_break_is_read_in_windows() -> None:
    text = ", ".join(ITEMS[n % 4] for n in range(400)) + ".\n"
    assert len(text) > 8 * MAX_SENTENCE
    claims = battclaims.extract(text, lang="fr").quantities
    assert len(claims) == 400  # every figure, none lost at a window's edge
    assert [c.unit for c in claims[:4]] == [
        "gigawatt_hour / year", "vehicle", "EUR", "job"]
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text
        assert len(claim.sentence) <= MAX_SENTENCE  # no copy of the whole text per claim


def test_short_sentences_are_never_cut() -> None:
    sentence = ("Le groupe, qui emploie 1 200 personnes, investira 2 milliards d'euros, "
                "dont 500 millions de l'État, d'ici 2030.")
    claims = battclaims.extract(sentence, lang="fr").quantities
    assert {c.sentence for c in claims} == {sentence}
