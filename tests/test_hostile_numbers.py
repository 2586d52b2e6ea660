"""Hostile numbers: figures too large to hold, digits that make no number, negative
figures with hedges. Reading never fails, every value is finite, low <= value <= high."""

from __future__ import annotations

import json
import math

import pytest

import battclaims
from battclaims.model import Claim


def figures(text: str, lang: str, **options: object) -> list[Claim]:
    doc = battclaims.extract(text, lang=lang, **options)  # type: ignore[arg-type]
    json.dumps(doc.to_dict(), allow_nan=False)  # no Infinity, no NaN: valid JSON
    for c in doc.quantities:
        assert text[c.start : c.end] == c.text
        assert all(math.isfinite(v) for v in (c.value, c.low, c.high) if v is not None)
    return list(doc.quantities)


def read(text: str, lang: str, **options: object) -> list[tuple[str, float | None]]:
    return [(c.text, c.value) for c in figures(text, lang, **options)]


# --- figures too large to hold: skipped, the others still read --------------------------

@pytest.mark.parametrize("digits", [400, 5000])
@pytest.mark.parametrize(("lang", "template", "others"), [
    ("en", "The plant makes {} GWh and employs 1,200 people.", [("1,200 people", 1200.0)]),
    ("fr", "L'usine produit {} GWh et emploie 1 200 personnes.",
     [("1 200 personnes", 1200.0)]),
    ("fr", "Renault vendra 500 000 voitures, {} batteries et 12 GWh.",
     [("500 000 voitures", 500000.0), ("12 GWh", 12.0)]),
])
def test_a_figure_too_large_to_hold_is_skipped(
        digits: int, lang: str, template: str, others: list[tuple[str, float]]) -> None:
    assert read(template.format("9" * digits), lang) == others


@pytest.mark.parametrize("huge", [
    "9" * 300 + " billion euros",  # finite digits, infinite with its scale
    "1" + "0" * 320 + ",5 GWh",  # decimals after too many digits
    " ".join(["999"] * 120) + " GWh",  # space-grouped thousands: one figure, skipped whole
    "1'" + "'".join(["000"] * 120) + " GWh",
])
def test_a_figure_made_infinite_is_skipped(huge: str) -> None:
    assert read(f"It will cost {huge} and create 300 jobs.", "en") == [("300 jobs", 300.0)]


def test_a_bound_made_infinite_skips_the_figure() -> None:
    huge = "17" + "0" * 199 + "e99 billion GWh"  # 1.7e308: a float still holds it
    assert [c.text for c in figures(f"It stores {huge} and 5 MWh.", "en")] == [
        huge, "5 MWh"]
    # but not its upper bound, 1.87e308: the figure is skipped
    assert [c.text for c in figures(f"It stores about {huge} and 5 MWh.", "en")] == [
        "5 MWh"]


def test_a_huge_figure_in_html_is_skipped() -> None:
    html = f"<html><body><p>{'9' * 5000} GWh et 12&nbsp;GWh</p></body></html>"
    doc = battclaims.extract(html, html=True, lang="fr")
    assert [(c.text, c.value) for c in doc.quantities] == [("12\xa0GWh", 12.0)]
    json.dumps(doc.to_dict(), allow_nan=False)


def test_a_duration_past_any_calendar_is_no_error() -> None:
    for text in ("The plant opens within 5000000 days.",
                 "The plant opens within 9999999999999 weeks."):
        doc = battclaims.extract(text, lang="en", published="2024-08-01")
        assert [c.time.date for c in doc.claims if c.time] == [None]


# --- digits that make no number: read what can be read ----------------------------------

def test_decimals_end_a_grouped_number() -> None:
    assert read("Il y a 1 234,5 678 voitures.", "fr") == [
        ("1 234,5", 1234.5), ("678 voitures", 678.0)]


@pytest.mark.parametrize("text", [
    "Il y a 1 234,5 678,9 012 voitures.",
    "There are 1 234.5 678 cars.",
    "Il y a 1\u202f234,5\u00a0678 voitures.",
    "Il y a 12 345,6,7 voitures et 1.2.3,4,5 GWh.",
    "There are 1'234'5 and 1’234.5’678 cars.",
])
def test_malformed_digits_raise_nothing(text: str) -> None:
    for lang in ("fr", "en"):
        figures(text, lang)


# --- negative figures: low <= value <= high ------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "value", "low", "high"), [
    ("about -5 GWh", "en", -5.0, -5.5, -4.5),
    ("environ -5 GWh", "fr", -5.0, -5.5, -4.5),
    ("près de -5 %", "fr", -5.0, -5.5, -4.5),
    ("nearly -1.5 million euros", "en", -1.5e6, -1.65e6, -1.35e6),
    ("just under -5 GWh", "en", -5.0, -5.0, -4.5),
    ("un peu moins de -1 GWh", "fr", -1.0, -1.0, -0.9),
    ("up to -3 GWh", "en", -3.0, None, -3.0),
    ("plus de -3 GWh", "fr", -3.0, -3.0, None),
    ("Les ventes ont baissé de -5 %.", "fr", -5.0, -5.25, -4.75),
    ("Sales fell -1.5 GWh.", "en", -1.5, -1.55, -1.45),
    ("Le marché recule de −8,5 %.", "fr", -8.5, -8.55, -8.45),
])
def test_negative_figures_have_ordered_bounds(
        text: str, lang: str, value: float, low: float | None, high: float | None) -> None:
    (claim,) = figures(text, lang)
    assert claim.value == pytest.approx(value)
    assert claim.low == (pytest.approx(low) if low is not None else None)
    assert claim.high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize(("text", "lang"), [
    ("entre -12 et -10 GWh", "fr"),
    ("between -12 and -10 GWh", "en"),
    ("-12 à -10 %", "fr"),
    ("-3 à -2 points de pourcentage", "fr"),
    ("down -2 percentage points, about -0.5 points", "en"),
    ("up to -€4.1bn (US$-4.3bn)", "en"),
    ("environ -4,1 Md€ (-4,3 Md$)", "fr"),
])
def test_every_bound_is_ordered_for_negative_figures(text: str, lang: str) -> None:
    claims = figures(text, lang)
    assert claims
    for c in claims:
        assert c.value is not None
        assert c.low is None or c.low <= c.value
        assert c.high is None or c.value <= c.high
