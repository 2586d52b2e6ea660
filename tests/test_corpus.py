"""The five real articles of ../shared/corpus: every figure their README lists
is found with the right value and unit, and no year, URL digit or ordinal is
taken for a quantity. Skipped where the corpus is not checked out beside us."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import battclaims

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")

# (file, language, publication date, [(value or None if vague, unit)]) — the
# figures of the corpus README, restated.
EXPECTED = [
    ("000_1514d8504062cfd5.txt", "fr", None, [
        (800000, "vehicle"), (500000, "vehicle / year"), (12, "model"), (150e6, "EUR"),
    ]),
    ("001_26c20332b1d9aabd.txt", "en", None, [(4, "gigafactory"), (2e6, "vehicle")]),
    ("002_24e2b3f631bf64bd.txt", "fr", "2024-08", [(None, "hectare"), (None, "job")]),
    ("003_a9226e6ab3d17201.txt", "fr", None, [(None, "RUB"), (None, "job")]),
    ("004_d7364e05e37abb28.txt", "fr", "2023-04", [
        (12, "gigawatt_hour / year"), (20, "percent"),
    ]),
]


@pytest.mark.parametrize("name,lang,published,figures", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_corpus_figures_found(name: str, lang: str, published: str | None, figures: list) -> None:
    doc = battclaims.extract_file(str(CORPUS / name))
    assert doc.lang == lang
    assert doc.published == published
    found = {(q.value, q.unit) for q in doc.quantities}
    for value, unit in figures:
        assert (value, unit) in found, f"{name}: {value} {unit} not in {sorted(found, key=str)}"
    for q in doc.quantities:
        assert (q.value is None) == q.vague


@pytest.mark.parametrize("name", [e[0] for e in EXPECTED])
def test_corpus_no_years_urls_or_ordinals(name: str) -> None:
    path = CORPUS / name
    text = path.read_text("utf-8")
    doc = battclaims.extract_file(str(path))
    years = {float(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)}
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text
        assert not (q.value in years and q.unit is None), f"bare year taken: {q.text!r}"
        assert "http" not in q.text and "#" not in q.text
        if q.qualifier != "rank":  # "sa DEUXIÈME gigafactory" is a rank claim
            assert not re.search(r"(?i)(?:ième|ème|\bR[45]\b)", q.text), f"ordinal: {q.text!r}"


def test_corpus_repeated_figures_are_all_found() -> None:
    """Article 004 states the 12 GWh yearly supply three times, in three shapes."""
    doc = battclaims.extract_file(str(CORPUS / "004_d7364e05e37abb28.txt"))
    supplies = [q for q in doc.quantities if q.unit == "gigawatt_hour / year"]
    assert [q.value for q in supplies] == [12.0, 12.0, 12.0]
    assert len({q.line for q in supplies}) == 2


# The facts of the corpus README as claims: (file, value, unit, subject, metric,
# time relation, date, relative). "within three years" has no publication date
# to resolve against, so it stays relative.
FACTS = [
    ("000_1514d8504062cfd5.txt", 800000, "vehicle", "france", "vehicle_production", "by", "2027",
     None),
    ("000_1514d8504062cfd5.txt", 500000, "vehicle / year", "acc", "vehicles_equipped", "from",
     "2030", None),
    ("000_1514d8504062cfd5.txt", 12, "model", "stellantis", "model_count", None, None, None),
    ("000_1514d8504062cfd5.txt", 150e6, "EUR", "france", "public_subsidy", None, None, None),
    ("001_26c20332b1d9aabd.txt", 4, "gigafactory", "hauts-de-france", "factory_count", "by",
     None, "P3Y"),
    ("001_26c20332b1d9aabd.txt", 2e6, "vehicle", "france", "vehicle_production", "by", "2030",
     None),
    ("002_24e2b3f631bf64bd.txt", None, "hectare", "verkor", "site_area", None, None, None),
    ("002_24e2b3f631bf64bd.txt", None, "job", "verkor", "jobs", None, None, None),
    ("003_a9226e6ab3d17201.txt", None, "RUB", "rosatom", "investment", None, None, None),
    ("003_a9226e6ab3d17201.txt", None, "job", "rosatom", "jobs", None, None, None),
    ("004_d7364e05e37abb28.txt", 12, "gigawatt_hour / year", "verkor", "battery_supply", None,
     None, None),
]


@pytest.mark.parametrize("fact", FACTS, ids=[f"{f[0][:3]}-{f[2]}-{f[3]}" for f in FACTS])
def test_corpus_facts_as_claims(fact: tuple) -> None:
    name, value, unit, subject, metric, relation, date, relative = fact
    doc = battclaims.extract_file(str(CORPUS / name))
    matches = [c for c in doc.claims if (c.value, c.unit) == (value, unit)]
    assert matches, f"{value} {unit} not in {name}"
    claim = matches[0]
    assert (claim.subject, claim.metric) == (subject, metric)
    time = claim.time
    got = (time.relation, time.date, time.relative) if time else (None, None, None)
    assert got == (relation, date, relative)


def test_corpus_events() -> None:
    """Renault entered Verkor's capital in 2021: an event claim, not a quantity."""
    doc = battclaims.extract_file(str(CORPUS / "004_d7364e05e37abb28.txt"))
    events = [c for c in doc.claims if c.kind == "event"]
    entered = [c for c in events if c.time and c.time.date == "2021"]
    assert len(entered) == 1
    assert (entered[0].subject, entered[0].metric, entered[0].time.relation) == (
        "renault", "stake_acquired", "in")
    assert all(c.value is None and c.unit is None for c in events)
