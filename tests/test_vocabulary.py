"""Every vocabulary entry of the data files works in a sentence, and the
words around it do not make claims of their own."""

from __future__ import annotations

import pytest

import battclaims
from battclaims import units
from battclaims.lexicon import SUPPORTED, lexicon

TEMPLATES = {
    "fr": "Selon le rapport, le groupe compte {number} {unit} dans la région.",
    "en": "According to the report, the group counts {number} {unit} in the region.",
}


def _unit_entries() -> list[tuple[str, str, str]]:
    """Every unit word of the language files, and of the general units derived from pint."""
    general = battclaims.lexicon.load_data("units.general.yaml")["names"]
    out = []
    for code in SUPPORTED:
        data = battclaims.lexicon.load_data(f"lang/{code}.yaml")
        words = {**general.get(code, {}), **data["units"]}
        out += [(code, phrase, name) for phrase, name in words.items()]
    return out


def _reported(code: str, value: float, unit: str) -> tuple[float, str | None]:
    """The value and unit a figure is reported in ("37 TWh" as 37 000 GWh)."""
    shown = lexicon(code).reported_as.get(unit)
    if shown is None:
        return value, units.expression(unit)
    converted = units.registry().Quantity(value, unit).to(shown).magnitude
    return pytest.approx(converted), units.expression(shown)


@pytest.mark.parametrize("code,phrase,name", _unit_entries())
def test_every_unit_word_is_read(code: str, phrase: str, name: str) -> None:
    text = TEMPLATES[code].format(number="37", unit=phrase)
    (quantity,) = battclaims.extract(text, lang=code).quantities
    factor, _, unit = name.partition(" ") if " " in name else ("1", "", name)
    value, shown = _reported(code, 37 * float(factor), unit)
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == shown
    assert quantity.text == f"37 {phrase}"


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_symbol_is_read(code: str) -> None:
    lex = lexicon(code)
    for symbol, name in lex.symbols.items():
        text = TEMPLATES[code].format(number="37", unit=symbol)
        quantities = battclaims.extract(text, lang=code).quantities
        factor, _, unit = name.partition(" ") if name[:1].isdigit() else ("1", "", name)
        value, shown = _reported(code, 37 * float(factor), unit)  # ("MEUR": 1e6 EUR)
        assert [(q.value, q.unit) for q in quantities] == [(value, shown)], symbol


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_rate_is_read(code: str) -> None:
    lex = lexicon(code)
    phrases = [(f"{marker} {word}", unit) for marker in lex.rate_markers - {"/"}
               for word, unit in lex.rate_units.items() if len(word) > 1]
    phrases += [(" ".join(key).replace(" .", ".").replace(". ", "."), unit)
                for key, unit in lex.rate_words.items()]
    for phrase, unit in phrases:
        text = TEMPLATES[code].format(number="37", unit=f"GWh {phrase}")
        (quantity,) = battclaims.extract(text, lang=code).quantities
        assert quantity.unit == units.expression("gigawatt_hour", unit), phrase


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_scale_word_multiplies(code: str) -> None:
    lex = lexicon(code)
    for word, scale in lex.scales.items():
        if word in ("cent", "cents"):
            continue  # "3 cents" reads as a number word run, tested in the golden cases
        currency = "d'euros" if code == "fr" else "dollars"
        text = TEMPLATES[code].format(number=f"3 {word}", unit=currency)
        (quantity,) = battclaims.extract(text, lang=code).quantities
        assert quantity.value == pytest.approx(3 * float(scale.value)), word


@pytest.mark.parametrize("code", SUPPORTED)
def test_stopwords_and_months_are_never_counted_nouns(code: str) -> None:
    lex = lexicon(code)
    for word in sorted(lex.stopwords | set(lex.months)):
        if (word,) in lex.units or word in lex.symbols:
            continue
        text = TEMPLATES[code].format(number="37", unit=word)
        for q in battclaims.extract(text, lang=code).quantities:
            assert q.unit is None or word not in q.text.split()[1:2], (word, q.text, q.unit)


def test_unit_registry_names_every_vocabulary_unit() -> None:
    for code, _phrase, name in _unit_entries():
        assert units.expression(name.rpartition(" ")[2]), (code, name)
