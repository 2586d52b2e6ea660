"""Labelled pairs of claims (tests/matching/pairs.yaml, written for this project):
precision and recall of `conflict` and `confirmed`, with a floor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import battclaims
from battclaims.checking import judge, judge_event
from battclaims.matching import Matcher, compare_times
from battclaims.model import TimeSpan

PAIRS = yaml.safe_load((Path(__file__).parent / "matching" / "pairs.yaml").read_text("utf-8"))
EXPECTED = {"agree": "confirmed", "conflict": "conflict", "time-conflict": "time-conflict",
            "different": "unverified"}


def first_claim(side: dict[str, Any]) -> battclaims.Claim | None:
    claims = battclaims.extract(side["text"], lang=side["lang"],
                                published=side.get("published")).claims
    quantities = [c for c in claims if c.kind == "quantity"]
    return (quantities or list(claims) or [None])[0]


def verdict(pair: dict[str, Any]) -> str:
    a, b = first_claim(pair["a"]), first_claim(pair["b"])
    if a is None or b is None:
        return "no claim found"
    matcher = Matcher()
    candidates = [[b][n] for n in matcher.index([b]).candidates(a)]
    if a.kind == "event":
        return judge_event(a, candidates).verdict
    return judge(a, candidates, matcher).verdict


def test_pairs_precision_and_recall() -> None:
    assert len(PAIRS) >= 80
    predicted = [(EXPECTED[p["label"]], verdict(p), p) for p in PAIRS]
    lines = []
    scores = {}
    for label in ("conflict", "confirmed", "time-conflict"):
        tp = sum(1 for want, got, _ in predicted if want == got == label)
        fp = sum(1 for want, got, _ in predicted if got == label and want != label)
        fn = sum(1 for want, got, _ in predicted if want == label and got != label)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        scores[label] = (precision, recall)
        lines.append(f"{label}: precision {precision:.2f} recall {recall:.2f} "
                     f"(tp {tp}, fp {fp}, fn {fn})")
    misses = [f"want {want}, got {got}: {p['a']['text']} | {p['b']['text']}"
              for want, got, p in predicted if want != got]
    report = "\n".join(lines + misses)
    print(report)
    assert scores["conflict"][0] >= 0.9 and scores["conflict"][1] >= 0.8, report
    assert scores["confirmed"][0] >= 0.9 and scores["confirmed"][1] >= 0.8, report


@pytest.mark.parametrize("a,b,same,conflict", [
    (("by", "2027"), ("by", "2030"), False, False),      # two targets, not a conflict
    (("from", "2025"), ("from", "2027"), False, True),   # one start, two dates: a conflict
    (("in", "2025"), ("in", "2025-03"), True, False),    # the same at the coarser precision
    (("since", "2021"), ("since", "2019"), False, True),
])
def test_time_rules(a: tuple[str, str], b: tuple[str, str], same: bool, conflict: bool) -> None:
    result = compare_times(TimeSpan(a[0], a[1], None, ""), TimeSpan(b[0], b[1], None, ""))
    assert (result.same, result.conflict) == (same, conflict)
