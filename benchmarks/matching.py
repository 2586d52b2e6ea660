"""How matching grows: check N draft claims against 10·N reference claims, and diff two
documents of N claims each, mostly without a known subject.

    python benchmarks/matching.py            # 10 000 vs 100 000, then both doubled
    python benchmarks/matching.py --drafts 2000

Synthetic claims are built in memory: references over one subject per 50 claims, the metric
mix of real text (jobs, capacity, investment, production, shares, prices), 15 years; draft
claims copy a reference (a third of them with another value), and 70 % of them lost their
subject (the sentence names none), so the matcher must find candidates by unit family and
value alone. Sentences are 160 characters. The candidate index bounds the work per claim
(same subject, or the nearest values of the family), so doubling both sides should about
double the time.
"""

from __future__ import annotations

import argparse
import random
import time

from battclaims.checking import Checker, Settings
from battclaims.matching import Matcher
from battclaims.model import Claim, TimeSpan
from battclaims.store import Citation, Database, Reference

METRICS = [("jobs", "job", "by", ("jobs", "direct")),
           ("cell_capacity", "gigawatt_hour / year", "by", ("capacity", "production")),
           ("investment", "EUR", "in", ("investment",)),
           ("vehicle_production", "vehicle / year", "from", ("production", "vehicle")),
           ("shareholding", "percent", "in", ("share",)),
           ("battery_price", "USD / kilowatt_hour", "in", ("price", "battery"))]
CLAIMS_PER_SUBJECT = 50
SUBJECTLESS = 0.7
FILLER = "according to the company's latest statement to investors and the regional press"


def references(count: int, rng: random.Random) -> list[Reference]:
    subjects = max(1, count // CLAIMS_PER_SUBJECT)
    out = []
    for n in range(count):
        subject = n % subjects
        metric, unit, relation, terms = METRICS[(n // subjects) % len(METRICS)]
        year = 2020 + (n // subjects // len(METRICS)) % 15
        value = float(rng.randrange(1, 1000) * 10 ** rng.randrange(0, 4))
        out.append(Reference(
            id=f"ref-{n}", subject=f"company-{subject}", metric=metric,
            statement=f"Company {subject} states figure {n}.",
            sources=(Citation("src"),), reviewed="2026-11-23", value=value, unit=unit,
            low=value, high=value, time=TimeSpan(relation, str(year), None, ""),
            subject_name=f"Company {subject}", subject_kind="company", terms=terms,
        ))
    return out


def drafts(count: int, refs: list[Reference], rng: random.Random) -> list[Claim]:
    out = []
    for n in range(count):
        ref = refs[rng.randrange(len(refs))]
        value = ref.value if n % 3 else (ref.value or 0) * 1.5
        known = rng.random() >= SUBJECTLESS
        year = ref.time.date if ref.time else ""
        sentence = f"The plant will reach {value:g} {ref.unit} in {year}, {FILLER}."
        out.append(Claim(
            text=f"{value:g}", start=0, end=1, line=n + 1, column=1,
            sentence=sentence[:160], value=value, unit=ref.unit, low=value, high=value,
            time=ref.time, subject=ref.subject if known else None,
            subject_name=ref.subject_name if known else None, metric=ref.metric,
            terms=ref.terms,
        ))
    return out


def measure_check(n_drafts: int, n_refs: int) -> tuple[float, float, dict[str, int]]:
    rng = random.Random(42)
    refs = references(n_refs, rng)
    claims = drafts(n_drafts, refs, rng)
    database = Database(root=None, claims=refs)
    start = time.perf_counter()
    checker = Checker(database, Settings())
    built = time.perf_counter() - start
    counts: dict[str, int] = {}
    start = time.perf_counter()
    for claim in claims:
        verdict = checker.finding(claim, None).verdict
        counts[verdict] = counts.get(verdict, 0) + 1
    checked = time.perf_counter() - start
    return built, checked, counts


def measure_diff(n: int) -> tuple[float, int]:
    rng = random.Random(7)
    refs = references(n, rng)
    a = drafts(n, refs, rng)
    b = drafts(n, refs, rng)
    start = time.perf_counter()
    pairs, _related = Matcher().pair(a, b)
    return time.perf_counter() - start, len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10000)
    options = parser.parse_args()
    results = []
    for factor in (1, 2):
        n = options.drafts * factor
        built, checked, counts = measure_check(n, 10 * n)
        results.append(built + checked)
        print(f"check {n:>7} draft claims vs {10 * n:>8} references: index {built:.2f} s, "
              f"check {checked:.2f} s ({n / checked:,.0f} claims/s) {counts}")
    print(f"check: doubling both multiplies the time by {results[1] / results[0]:.2f}")
    diffs = []
    for factor in (1, 2):
        n = options.drafts * factor
        took, paired = measure_diff(n)
        diffs.append(took)
        print(f"diff {n:>7} × {n:>7} claims: {took:.2f} s, {paired} pairs")
    print(f"diff: doubling both multiplies the time by {diffs[1] / diffs[0]:.2f}")


if __name__ == "__main__":
    main()
