"""How matching grows, on realistic synthetic claims: ``check`` of N draft claims against
10·N references, ``diff`` of two documents of N claims none of which has a known subject,
and the duplicate check inside one document of N claims without a subject — each at N and
2N, to show that doubling the input about doubles the time.

    python benchmarks/matching.py              # N = 10 000 (check: × 100 000 references), then 2N
    python benchmarks/matching.py --quick      # N = 1 000
    python benchmarks/matching.py --big        # check 20 000 × 200 000 (then 40 000 × 400 000)
    python benchmarks/matching.py --only diff  # one measurement (check, diff, duplicates)
    python benchmarks/matching.py --only diff --repeat 3   # N, 2N, N, 2N…: medians

The claims are built in memory, like the ones extraction gives: the metric mix of real
articles (jobs first, then capacities, investments in four currencies, grants, areas,
lines, plant counts, vehicles, shares, prices, dated events with no figure, bare counts),
round values more often than precise ones, hedges, ranges and open bounds, a year on
two claims in five, a plant on a third, the concepts around the figure, and varied
sentences of about 160 characters. The database has 40 subjects, so a subject's block
holds thousands of references; three draft claims in four have no known subject, so
their candidates come from the value index alone; a draft claim copies a reference half
of the time (a third of those with another value). The two documents of a diff are two
versions of one text (most claims kept, some values changed, some claims new); the
duplicate check reads a document where one claim in twelve restates an earlier one.

With ``--repeat K`` each size is measured K times, the sizes alternating, and the ratio
is that of the medians (the doubling of one run varies by ±0.3 on a loaded 2-core
machine). ``check`` and ``diff`` also print the work done per claim (bounds, weighings,
events bounded one by one), which does not depend on the machine's load.

The benchmark only uses the public modules, so it runs against another checkout too:
``PYTHONPATH=/other/checkout python benchmarks/matching.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from battclaims.checking import Checker, Settings, duplicates
from battclaims.entities import Entity
from battclaims.matching import Matcher
from battclaims.model import Claim, TimeSpan
from battclaims.store import Citation, Database, Reference

try:
    from battclaims.collector import paused as collector_paused
except ImportError:  # an install from before battclaims.collector
    from battclaims.matching import collector_paused  # type: ignore[attr-defined,no-redef]

SUBJECTS = 40
SENTENCE = 160
SUBJECTLESS = 0.75
"""Share of the draft claims whose sentence names no subject."""

# (metric, unit, share of claims in real articles, value range, its concepts)
MIX: list[tuple[str | None, str | None, float, tuple[float, float], tuple[str, ...]]] = [
    ("jobs", "job", 30, (50, 5000), ("jobs",)),
    ("cell_capacity", "gigawatt_hour / year", 8, (2, 120), ("capacity", "cell")),
    ("cell_capacity", "gigawatt_hour", 4, (2, 120), ("capacity",)),
    ("investment", "EUR", 8, (1e7, 6e9), ("investment",)),
    ("investment", "USD", 3, (1e7, 6e9), ("investment",)),
    ("investment", "GBP", 2, (1e7, 2e9), ("investment",)),
    ("investment", "HUF", 1, (1e10, 3e12), ("investment",)),
    ("public_subsidy", "EUR", 3, (1e6, 2e9), ("subsidy",)),
    ("site_area", "hectare", 4, (5, 300), ("area",)),
    ("site_area", "square_meter", 1, (1e4, 5e5), ("area",)),
    ("production_lines", "production_line", 2, (1, 12), ("block",)),
    ("factory_count", "factory", 2, (1, 8), ("plant",)),
    ("vehicles_equipped", "vehicle / year", 2, (1e4, 1e6), ("vehicle",)),
    ("vehicle_production", "vehicle", 2, (1e4, 2e6), ("production", "vehicle")),
    ("shareholding", "percent", 2, (1, 80), ("share",)),
    ("battery_price", "USD / kilowatt_hour", 1, (60, 250), ("price", "battery")),
    (None, "percent", 1, (1, 60), ("growth",)),
    (None, "cell / day", 1, (1e3, 1e5), ("cell",)),
    (None, None, 3, (1, 500), ()),
    ("construction_start", None, 4, (0, 0), ("construction",)),
    ("supply_start", None, 3, (0, 0), ("supply",)),
    ("plant_opening", None, 3, (0, 0), ("plant",)),
    (None, None, 5, (0, 0), ()),  # an event with no metric
]
EVENTS = {"construction_start", "supply_start", "plant_opening"}
CONCEPTS = ("plant", "battery", "production", "initial", "target", "new", "direct", "supply",
            "total", "loss", "indirect", "cell", "final", "construction", "sales", "demand",
            "year", "growth", "world")
PLACES = ("Dunkerque", "Douvrin", "Billy-Berclau", "Grenoble", "Kaiserslautern", "Termoli",
          "Salzgitter", "Debrecen", "Sunderland", "Valence", "Hagondange", "Béthune", "Erfurt",
          "Nyíregyháza", "Sagunto")
WORDS = ("usine", "projet", "site", "gigafactory", "batteries", "cellules", "véhicules",
         "électriques", "production", "capacité", "annuelle", "investissement", "emplois",
         "directs", "indirects", "région", "annonce", "communiqué", "groupe", "ministre",
         "préfecture", "syndicats", "chantier", "terrain", "hectares", "ligne", "premières",
         "livraisons", "clients", "constructeur", "automobile", "plant", "factory", "cells",
         "capacity", "jobs", "investors", "statement", "officials", "according", "regional",
         "council", "grant", "subsidy", "public", "funding", "expected", "target", "initial",
         "plan", "phase", "second", "first", "third", "announced", "confirmed", "said",
         "selon", "d'après", "environ", "près", "plus", "moins", "total", "nouvelle",
         "nouveau", "européenne", "française", "britannique", "hongroise", "allemande",
         "italienne", "espagnole", "lithium", "cathodes", "recyclage", "modules", "packs",
         "pôle", "vallée", "bassin", "emploi", "formation", "ouvriers", "ingénieurs",
         "financement", "banque", "prêt", "dette", "subvention", "État", "Europe",
         "Commission", "accord", "contrat", "fournisseur", "partenaire", "coentreprise")
ROUND = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 7.5, 8, 10, 12, 15, 16, 20, 24, 25, 30, 40, 50,
         60, 75, 80)


def _mix_weights() -> list[float]:
    return [row[2] for row in MIX]


def _value(rng: random.Random, low: float, high: float) -> float:
    """A value as articles write them: round most of the time, else 3 significant digits."""
    while True:
        if rng.random() < 0.7:
            scale = 10.0 ** rng.randrange(-1, 13)
            value = rng.choice(ROUND) * scale
        else:
            value = float(f"{10 ** rng.uniform(0, 13):.3g}")
        if low <= value <= high:
            return value


def _bounds(rng: random.Random, value: float) -> tuple[float | None, float | None, str | None]:
    roll = rng.random()
    if roll < 0.75:
        return value, value, None
    if roll < 0.83:
        return value * 0.95, value * 1.05, "approx"
    if roll < 0.91:
        return value, None, "lower"
    if roll < 0.96:
        return None, value, "upper"
    return value * 0.8, value * 1.2, "range"


def _time(rng: random.Random) -> TimeSpan | None:
    if rng.random() < 0.6:
        return None
    year = str(rng.randrange(2020, 2036))
    relation = rng.choice(("by", "in", "in", "from", None))
    if rng.random() < 0.1:
        year += f"-{rng.randrange(1, 13):02}"
    return TimeSpan(relation, year, None, f"en {year}")


def _sentence(rng: random.Random, head: str) -> str:
    words = [head]
    while sum(len(w) + 1 for w in words) < SENTENCE:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:SENTENCE].rstrip() + "."


def entities() -> dict[str, Entity]:
    """40 subjects: companies, a few governments and regions, two joint ventures."""
    out = {}
    for n in range(SUBJECTS):
        kind = "government" if n % 13 == 5 else "region" if n % 13 == 9 else "company"
        relations: dict[str, Any] = {}
        if n in (10, 20):
            relations["joint_venture_of"] = [f"subject-{n + 1}", f"subject-{n + 2}"]
        out[f"subject-{n}"] = Entity(f"subject-{n}", f"Subject{n:02} Group", kind,
                                     {"any": (f"Subject{n:02} Group",)}, relations)
    return out


def _figure(rng: random.Random) -> dict[str, Any]:
    """What a claim states: its metric, unit, value, bounds, time, plant and concepts."""
    metric, unit, _share, (low, high), concepts = rng.choices(MIX, _mix_weights())[0]
    event = metric in EVENTS or (metric is None and high == 0)
    figure: dict[str, Any] = {"metric": metric, "unit": unit, "time": _time(rng),
                              "kind": "event" if event else "quantity"}
    if event:
        figure.update(value=None, low=None, high=None, qualifier=None)
        figure["time"] = figure["time"] or TimeSpan("in", str(rng.randrange(2020, 2036)),
                                                    None, "")
    else:
        value = _value(rng, low, high)
        lo, hi, qualifier = _bounds(rng, value)
        figure.update(value=value, low=lo, high=hi, qualifier=qualifier)
    if rng.random() < 0.33:
        figure["facility"] = rng.choice(PLACES)
        figure["scope"] = "plant"
    extra = rng.sample(CONCEPTS, rng.choice((0, 1, 1, 2, 2, 3, 4, 5)))
    figure["terms"] = tuple(dict.fromkeys((*concepts, *extra)))
    return figure


def references(count: int, rng: random.Random) -> list[Reference]:
    """``count`` reference claims over the 40 subjects (blocks of ``count`` / 40)."""
    subjects = entities()
    ids = sorted(subjects)
    out = []
    for n in range(count):
        figure = _figure(rng)
        subject = subjects[ids[rng.randrange(len(ids))]]
        out.append(Reference(
            id=f"ref-{n}", subject=subject.id, statement=_sentence(rng, subject.name),
            sources=(Citation("src"),), reviewed="2026-11-23", subject_name=subject.name,
            subject_kind=subject.kind, **{**figure, "metric": figure["metric"] or "other"},
        ))
    return out


def _claim(n: int, rng: random.Random, figure: dict[str, Any], subject: Any = None) -> Claim:
    text = "en 2025" if figure["kind"] == "event" else f"{figure['value']:g}"
    head = subject.name if subject is not None else rng.choice(WORDS).capitalize()
    sentence = _sentence(rng, head)
    start = rng.randrange(20, SENTENCE - 20)
    return Claim(
        text=text, start=n * 200 + start, end=n * 200 + start + len(text), line=n + 1,
        column=start + 1, sentence=sentence, highlight=(start, start + len(text)),
        subject=getattr(subject, "id", None), subject_name=getattr(subject, "name", None),
        subject_kind=getattr(subject, "kind", None),
        subject_source="text" if subject is not None else None, **figure)


def drafts(count: int, refs: list[Reference], rng: random.Random,
           subjectless: float = SUBJECTLESS) -> list[Claim]:
    """Draft claims: half copy a reference (a third of those with another value), half
    are new; ``subjectless`` of them name no subject."""
    subjects = entities()
    out = []
    for n in range(count):
        if rng.random() < 0.5 and refs:
            ref = refs[rng.randrange(len(refs))]
            figure = {key: getattr(ref, key) for key in (
                "metric", "unit", "time", "kind", "value", "low", "high", "qualifier",
                "facility", "scope", "terms")}
            if ref.value is not None and rng.random() < 1 / 3:
                factor = rng.choice((0.5, 0.8, 0.9, 1.1, 1.5, 2.0))
                figure.update(value=ref.value * factor, low=None if ref.low is None else
                              ref.low * factor, high=None if ref.high is None else
                              ref.high * factor)
            subject = subjects[ref.subject]
        else:
            figure = _figure(rng)
            subject = subjects[f"subject-{rng.randrange(SUBJECTS)}"]
        out.append(_claim(n, rng, figure, None if rng.random() < subjectless else subject))
    return out


def document(count: int, rng: random.Random, restated: float = 1 / 12) -> list[Claim]:
    """A document of ``count`` claims with no known subject; ``restated`` of them say an
    earlier figure again, in a sentence that reads almost the same."""
    out: list[Claim] = []
    for n in range(count):
        if out and rng.random() < restated:
            first = out[rng.randrange(len(out))]
            words = first.sentence.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            start = first.highlight[0]
            out.append(replace(first, sentence=" ".join(words), line=n + 1,
                               start=n * 200 + start, end=n * 200 + start + len(first.text)))
            continue
        out.append(_claim(n, rng, _figure(rng)))
    return out


def revised(claims: list[Claim], rng: random.Random) -> list[Claim]:
    """Another version of a document: most claims kept (one in five with another value),
    one in ten dropped, one in five new."""
    out: list[Claim] = []
    for claim in claims:
        if rng.random() < 0.1:
            continue
        if claim.value is not None and rng.random() < 0.2:
            factor = rng.choice((0.5, 0.9, 1.1, 1.25, 2.0))
            claim = replace(claim, value=claim.value * factor,
                            low=None if claim.low is None else claim.low * factor,
                            high=None if claim.high is None else claim.high * factor)
        out.append(replace(claim, line=len(out) + 1))
        if rng.random() < 0.2:
            out.append(_claim(len(out), rng, _figure(rng)))
    return out


SAMPLE = 2000
"""Claims whose work is counted (after the timing): the first of each size's drafts."""


@contextlib.contextmanager
def counting(counts: Counter[str], *targets: tuple[Any, str, str]) -> Iterator[None]:
    """For the block, each target ``(owner, attribute, key)`` — a module's function, a
    class's method, an object's bound method — counts its calls under ``key`` in
    ``counts`` (one another install does not have is left alone)."""
    saved = []
    for owner, name, key in targets:
        found = getattr(owner, name, None) if owner is not None else None
        if found is None:
            continue

        def counted(*args: Any, _found: Any = found, _key: str = key) -> Any:
            counts[_key] += 1
            return _found(*args)

        saved.append((owner, name, vars(owner).get(name)))
        setattr(owner, name, counted)
    try:
        yield
    finally:
        for owner, name, own in reversed(saved):
            if own is None:  # (a bound method: the class's again)
                delattr(owner, name)
            else:
                setattr(owner, name, own)


def work_per_claim(checker: Checker, claims: list[Claim]) -> str:
    """Score bounds and weighings per claim over the first :data:`SAMPLE` claims, checked
    again with both counted: a figure that does not depend on the machine's load."""
    from battclaims import matching

    counts: Counter[str] = Counter()
    sample = claims[:SAMPLE]
    with counting(counts, (checker.matcher, "weigh", "weighings"),
                  (getattr(matching, "Bound", None), "score", "bounds")), collector_paused():
        for claim in sample:
            checker.finding(claim, None)
    return ", ".join(f"{counts[k] / len(sample):.1f} {k}" for k in ("bounds", "weighings"))


def measure_check(n_drafts: int, n_refs: int) -> tuple[float, float, Counter[str], str]:
    rng = random.Random(42)
    refs = references(n_refs, rng)
    claims = drafts(n_drafts, refs, rng)
    database = Database(root=None, claims=refs, entities=entities())
    start = time.perf_counter()
    checker = Checker(database, Settings())
    built = time.perf_counter() - start
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    with collector_paused():  # as Checker.check weighs a document's claims
        for claim in claims:
            counts[checker.finding(claim, None).verdict] += 1
    took = time.perf_counter() - start
    return built, took, counts, work_per_claim(checker, claims)


def measure_diff(n: int) -> tuple[float, str]:
    rng = random.Random(7)
    a = document(n, rng, restated=0)
    b = revised(a, rng)
    start = time.perf_counter()
    pairs, related = Matcher(entities()).pair(a, b)
    took = time.perf_counter() - start
    return took, (f"{len(a)} × {len(b)} claims, {len(pairs)} pairs, {len(related)} related; "
                  f"per claim: {diff_work(a, b)}")


def diff_work(a: list[Claim], b: list[Claim]) -> str:
    """Pairs of figures weighed per claim of ``a`` (events included), and events bounded
    one by one per event of ``a``, counted in a second pairing of the same documents."""
    from battclaims import matching

    counts: Counter[str] = Counter()
    with counting(counts, (matching, "_observe", "weighings"),
                  (getattr(matching, "_Stream", None), "_leaf", "events bounded")):
        Matcher(entities()).pair(a, b)
    events = sum(1 for claim in a if claim.kind == "event")
    return (f"{counts['weighings'] / max(1, len(a)):.1f} weighings, "
            f"{counts['events bounded'] / max(1, events):.1f} events bounded per event")


def measure_duplicates(n: int) -> tuple[float, str]:
    rng = random.Random(11)
    claims = document(n, rng)
    start = time.perf_counter()
    firsts = duplicates(claims, Settings())
    took = time.perf_counter() - start
    return took, f"{n} claims, {sum(f is not None for f in firsts)} repeats"


def _doubling(name: str, sizes: tuple[int, int], measure: Callable[[int], tuple[float, str]],
              repeat: int = 1) -> None:
    times: list[list[float]] = [[], []]
    for _ in range(repeat):
        for k, n in enumerate(sizes):
            took, what = measure(n)
            times[k].append(took)
            print(f"{name:10} {n:>7}: {took:7.2f} s  ({what})", flush=True)
    ratio = statistics.median(times[1]) / statistics.median(times[0])
    runs = f" (medians of {repeat} runs)" if repeat > 1 else ""
    print(f"{name:10} doubling multiplies the time by {ratio:.2f}{runs}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10000,
                        help="N: draft claims (10·N references), claims per diff side and "
                             "per duplicate-check document")
    parser.add_argument("--quick", action="store_true", help="N = 1 000")
    parser.add_argument("--big", action="store_true",
                        help="the issue's size for check: 20 000 × 200 000, then doubled")
    parser.add_argument("--only", choices=("check", "diff", "duplicates"), action="append")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure each size this many times, alternating (medians)")
    options = parser.parse_args()
    n = 1000 if options.quick else options.drafts
    only = set(options.only or ("check", "diff", "duplicates"))
    if "check" in only:
        checks: list[list[float]] = [[], []]
        base = 20000 if options.big else n
        for _ in range(options.repeat):
            for k, size in enumerate((base, 2 * base)):
                built, checked, counts, work = measure_check(size, 10 * size)
                checks[k].append(built + checked)
                print(f"check   {size:>7} draft claims vs {10 * size:>8} references: index "
                      f"{built:.2f} s, check {checked:.2f} s ({size / checked:,.0f} claims/s) "
                      f"{dict(sorted(counts.items()))}; per claim: {work}", flush=True)
        ratio = statistics.median(checks[1]) / statistics.median(checks[0])
        runs = f" (medians of {options.repeat} runs)" if options.repeat > 1 else ""
        print(f"check   doubling multiplies the time by {ratio:.2f}{runs}", flush=True)
    if "diff" in only:
        _doubling("diff", (n, 2 * n), measure_diff, options.repeat)
    if "duplicates" in only:
        _doubling("duplicates", (n, 2 * n), measure_duplicates, options.repeat)


if __name__ == "__main__":
    main()
