"""Long text with no sentence break (a list of figures, a pasted table): read in bounded
windows, so that work and output grow linearly, and every figure is still read."""

from __future__ import annotations

import json

import battclaims
from battclaims.model import EXCERPT
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


def test_claims_of_a_sentence_share_one_string() -> None:
    text = ", ".join(ITEMS[n % 4] for n in range(40)) + ".\n"
    claims = battclaims.extract(text, lang="fr").quantities
    assert len({id(c.sentence) for c in claims}) <= len(text) // MAX_SENTENCE + 1


def test_json_gives_a_long_sentence_cut_around_its_figure() -> None:
    text = ", ".join(f"Renault vendra {100 + n} 000 voitures" for n in range(60)) + ".\n"
    claims = battclaims.extract(text, lang="fr").quantities
    assert len(claims) == 60
    for claim in claims:
        printed = claim.to_dict()["sentence"]
        assert len(claim.sentence) > EXCERPT
        assert EXCERPT - 40 <= len(printed) <= EXCERPT + 2  # "…" at each cut end
        assert claim.text in printed
        body = printed.strip("…")
        assert body in claim.sentence  # the sentence's own words, whole
        at = claim.sentence.index(body)
        assert at == 0 or claim.sentence[at - 1] == " "
        assert printed.startswith("…") == (at > 0)
    inner = max(claims, key=lambda c: min(c.highlight[0], len(c.sentence) - c.highlight[1]))
    middle = inner.to_dict()["sentence"]
    assert middle.startswith("…") and middle.endswith("…")
    centre = middle.index(inner.text) + len(inner.text) / 2  # each figure is different
    assert abs(centre - len(middle) / 2) < 60  # the figure near the middle


def test_json_output_grows_with_the_text_not_with_claims_times_sentence() -> None:
    text = " ".join(str(n % 10) for n in range(10_000)) + "\n"
    output = battclaims.extract(text, lang="fr")
    printed = json.dumps([c.to_dict() for c in output.claims])
    assert len(output.claims) > 1000
    assert len(printed) < 1200 * len(output.claims)
