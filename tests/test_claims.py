"""Claims: time, hedges, ranges, subject and metric, on text written for these tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import battclaims
from battclaims.recognise.spans import rounding

# The same facts, stated in French and in English.
PAIRS = [
    ("L'usine d'ACC équipera 500 000 véhicules par an à partir de 2030.",
     "ACC's plant will equip 500,000 vehicles a year from 2030."),
    ("La France vise près de 2 millions de véhicules électriques produits d'ici 2030.",
     "France aims to produce nearly 2 million electric vehicles by 2030."),
    ("Verkor fournira 12 GWh par an au groupe Renault dès 2025.",
     "Verkor will supply 12 GWh a year to Renault Group from 2025."),
    ("Renault détient 20 % du capital de Verkor depuis 2021.",
     "Renault has held a 20% stake in Verkor since 2021."),
    ("L'État a accordé 150 millions d'euros de subventions en 2023.",
     "The French government granted €150 million in subsidies in 2023."),
    ("Stellantis produira douze nouveaux modèles électriques en France.",
     "Stellantis will produce twelve new electric models in France."),
    ("Envision AESC emploiera entre 2 000 et 2 500 salariés à Douai en 2026.",
     "Envision AESC will employ between 2,000 and 2,500 workers in Douai in 2026."),
    ("CATL investira jusqu'à 7,3 milliards d'euros en Hongrie.",
     "CATL will invest up to €7.3 billion in Hungary."),
    ("Tesla a vendu 1,8 million de voitures en 2023.",
     "Tesla sold 1.8 million cars in 2023."),
    ("Rosatom créera des milliers d'emplois dans sa deuxième gigafactory.",
     "Rosatom will create thousands of jobs at its second gigafactory."),
]


def _facts(text: str, lang: str) -> list[tuple[Any, ...]]:
    claims = battclaims.extract(text, lang=lang).quantities
    return [(c.subject, c.metric, c.value, c.unit, c.low, c.high, c.qualifier,
             (c.time.relation, c.time.date) if c.time else None) for c in claims]


@pytest.mark.parametrize("french,english", PAIRS)
def test_same_fact_in_two_languages(french: str, english: str) -> None:
    fr, en = _facts(french, "fr"), _facts(english, "en")
    assert fr, french
    assert fr == en


def test_relative_times_resolve_against_publication_not_today() -> None:
    text = "Northvolt embauchera 3 000 personnes d'ici trois ans et ouvrira un site l'an prochain."
    published = battclaims.extract(text, lang="fr", published="2024-03-12").claims
    unknown = battclaims.extract(text, lang="fr").claims
    hire, event = published
    assert (hire.time.relation, hire.time.date, hire.time.relative) == ("by", "2027", "P3Y")
    assert (event.kind, event.time.date, event.time.relative) == ("event", "2025", "P1Y")
    assert [c.time.date for c in unknown] == [None, None]
    assert [c.time.relative for c in unknown] == ["P3Y", "P1Y"]
    # "in" no date nobody can place: the offset stays, the relation goes; a bound stays
    assert [c.time.relation for c in unknown] == ["by", None]


@pytest.mark.parametrize("number,scale,value,expected", [
    ("12", 1, "12", "0"),                 # a plain integer is exact
    ("500000", 1, "500000", "25000"),     # half of 100 000, capped at 5 %
    ("1200", 1, "1200", "50"),            # half of 100
    ("1.5", 1e9, "1.5e9", "5e7"),         # half of 0.1 billion
    ("37.2", 1, "37.2", "0.05"),
    ("2", 1e6, "2e6", "1e5"),             # "2 millions": capped at 5 %
])
def test_rounding_rule(number: str, scale: float, value: str, expected: str) -> None:
    got = rounding(Decimal(number), Decimal(str(scale)), Decimal(value))
    assert got == Decimal(expected)


CLAIM_CASES = sorted((Path(__file__).parent / "claim_cases").glob("*.yaml"))


def _check(claim: battclaims.Claim, want: dict[str, Any]) -> list[str]:
    problems = []
    for key, expected in want.items():
        if key == "time":
            got = claim.time
            have = None if got is None else {"relation": got.relation, "date": got.date,
                                             "relative": got.relative}
            if expected is not None:
                expected = {k: expected.get(k) for k in ("relation", "date", "relative")}
        else:
            have = getattr(claim, key)
        if isinstance(expected, (int, float)) and not isinstance(expected, bool) and (
            isinstance(have, float)
        ):
            ok = abs(have - expected) <= 1e-6 * max(1.0, abs(expected))
        else:
            ok = have == expected
        if not ok:
            problems.append(f"{key}: want {expected!r}, got {have!r}")
    return problems


CLAIM_CASE_LIST = [(path, index, case) for path in CLAIM_CASES
                   for index, case in enumerate(yaml.safe_load(path.read_text("utf-8")))]


@pytest.mark.parametrize(("path", "index", "case"), CLAIM_CASE_LIST,
                         ids=[f"{p.stem}-{i:03d}" for p, i, _ in CLAIM_CASE_LIST])
def test_claim_case(path: Path, index: int, case: dict[str, Any]) -> None:
    """One golden sentence of tests/claim_cases (``pytest -k claims_fr-012``)."""
    doc = battclaims.extract(case["text"], lang=case["lang"], published=case.get("published"))
    got = list(doc.claims)
    want = case["claims"]
    texts = [c.text for c in got]
    assert texts == [w["text"] for w in want], (
        f"{path.name}[{index}] {case['text']!r}\n    want {[w['text'] for w in want]}\n"
        f"    got  {texts}")
    failures = [f"[{w['text']}]: " + "; ".join(problems)
                for claim, w in zip(got, want, strict=True) if (problems := _check(claim, w))]
    assert not failures, f"{path.name}[{index}] {case['text']!r}\n" + "\n".join(failures)
