"""The shipped vocabularies are consistent: every unit a metric names exists,
every entity alias is found in a sentence, ids are unique."""

from __future__ import annotations

import pytest

import battclaims
from battclaims import units
from battclaims.entities import default_entities, default_index
from battclaims.metrics import ANY_CURRENCY, default_metrics


def test_metric_units_exist() -> None:
    for metric in default_metrics().quantities:
        assert metric.units, metric.id
        for unit in metric.units:
            for part in unit.split(" / "):
                assert part == ANY_CURRENCY or units.expression(part) == part, (metric.id, unit)
    assert all(not m.units for m in default_metrics().events)


def test_metric_keywords_are_folded() -> None:
    metrics = default_metrics()
    for metric in (*metrics.quantities, *metrics.events):
        assert metric.keywords or metric.default, metric.id
        for words in metric.keywords.values():
            for word in words:
                assert word == word.lower() and word.isascii(), (metric.id, word)


def test_entity_ids_unique_and_kinds_known() -> None:
    entities = default_entities()
    ids = [e.id for e in entities]
    assert len(ids) == len(set(ids))
    kinds = {"company", "organisation", "government", "country", "region", "city", "plant",
             "product", "source"}
    assert {e.kind for e in entities} <= kinds


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_alias_is_found_in_a_sentence(lang: str) -> None:
    template = {"fr": "Selon nos informations, {} annonce 3 000 emplois.",
                "en": "According to our sources, {} announces 3,000 jobs."}[lang]
    for entity in default_entities():
        for alias in (*entity.aliases.get("any", ()), *entity.aliases.get(lang, ())):
            (claim,) = battclaims.extract(template.format(alias), lang=lang).claims
            if entity.kind == "source":  # an analyst is cited, never what a figure is about
                assert claim.subject is None, (alias, claim.subject)
            else:
                assert claim.subject == entity.filed_under, (alias, claim.subject)


def test_fuzzy_variants_of_names() -> None:
    index = default_index("en")
    assert index  # built once per language
    claim = battclaims.extract("Envision-AESC will hire 1,000 workers.", lang="en").claims[0]
    assert claim.subject == "envision-aesc"
    claim = battclaims.extract("Northvolts will hire 1,000 workers.", lang="en").claims[0]
    assert claim.subject == "northvolt"
    claim = battclaims.extract("Nothing will hire 1,000 workers.", lang="en").claims[0]
    assert claim.subject is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_derived_vocabularies_are_installed(lang: str) -> None:
    from battclaims.names import common_words, places

    assert len(common_words(lang)) > 10000  # data/lang/<code>.words.txt, from wordfreq
    assert places().get("hongrie") == ("Hungary", "country")  # data/places.txt


def test_place_names_fold_letters_unicode_does_not_decompose() -> None:
    from battclaims.names import country_of, slug

    assert slug("Wrocław") == "wroclaw"
    assert country_of("Wrocław") == "Poland"
    assert country_of("Kaiserslautern") == "Germany"
    assert country_of("Hongrie") == "Hungary"

