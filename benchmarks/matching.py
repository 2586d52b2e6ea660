"""How matching grows: check N draft claims against 10·N reference claims.

    python benchmarks/matching.py            # 10 000 vs 100 000, then doubled
    python benchmarks/matching.py --drafts 2000

Builds synthetic reference claims and draft claims in memory, then times
building the index and checking every draft claim, for N and 2N. A database
that grows covers more subjects: the references are spread over one subject
per 50 claims, 4 metrics and 15 years, so a block (subject, metric, dimension)
holds about a dozen claims and a year of it about one, whatever the size.
Blocking keeps the work near-linear: doubling both should about double the
time. (With a fixed number of subjects, blocks grow with the database and so
does the work per claim: that is the cost of same-year references to compare.)
"""

from __future__ import annotations

import argparse
import random
import time

from battclaims.checking import Checker, Settings
from battclaims.model import Claim, TimeSpan
from battclaims.store import Citation, Database, Reference

METRICS = [("jobs", "job", "by"), ("vehicle_production", "vehicle / year", "from"),
           ("investment", "EUR", "in"), ("cell_capacity", "gigawatt_hour / year", "by")]
CLAIMS_PER_SUBJECT = 50


def references(count: int, rng: random.Random) -> list[Reference]:
    subjects = max(1, count // CLAIMS_PER_SUBJECT)
    out = []
    for n in range(count):
        subject = n % subjects
        metric, unit, relation = METRICS[(n // subjects) % len(METRICS)]
        year = 2020 + (n // subjects // len(METRICS)) % 15
        value = float(rng.randrange(1, 1000) * 1000)
        out.append(Reference(
            id=f"ref-{n}", subject=f"company-{subject}", metric=metric,
            statement=f"Company {subject} states figure {n}.",
            sources=(Citation("src"),), reviewed="2026-11-23", value=value, unit=unit,
            low=value, high=value, time=TimeSpan(relation, str(year), None, ""),
        ))
    return out


def drafts(count: int, refs: list[Reference], rng: random.Random) -> list[Claim]:
    out = []
    for n in range(count):
        ref = refs[rng.randrange(len(refs))]
        value = ref.value if n % 3 else (ref.value or 0) * 1.5
        out.append(Claim(
            text=f"{value:g}", start=0, end=1, line=n + 1, column=1,
            sentence=f"Company {ref.subject} will reach {value:g}.", value=value,
            unit=ref.unit, low=value, high=value, time=ref.time, subject=ref.subject,
            metric=ref.metric,
        ))
    return out


def measure(n_drafts: int, n_refs: int) -> tuple[float, float, dict[str, int]]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10000)
    options = parser.parse_args()
    results = []
    for factor in (1, 2):
        n = options.drafts * factor
        built, checked, counts = measure(n, 10 * n)
        results.append(built + checked)
        print(f"{n:>7} draft claims vs {10 * n:>8} references: index {built:.2f} s, "
              f"check {checked:.2f} s ({n / checked:,.0f} claims/s) {counts}")
    print(f"doubling both multiplies the time by {results[1] / results[0]:.2f}")


if __name__ == "__main__":
    main()
