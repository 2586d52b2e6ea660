"""The score bound of ``check``'s search and the value slices of a large block: a
candidate's bound read from its :class:`~battclaims.matching.Profile` (read once), each
plant, unit and time compared once per claim, never below the score :func:`evidence`
gives; and a block's figures sliced by the span of their range, finding every figure
that may agree or lie within a ring (each compared with every figure, the plain way)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from battclaims.matching import (
    AGREE,
    RATIO_CLASSES,
    Bound,
    Subjects,
    ValueSlices,
    _factor,
    _ratio,
    compare_values,
    evidence,
    matcher_config,
    profile,
)
from battclaims.model import Claim, TimeSpan
from battclaims.store import Citation, Reference

CONCEPTS = ("plant", "cell", "capacity", "direct", "indirect", "initial", "final", "target",
            "construction", "jobs", "subsidy", "investment")
PLACES = ("Dunkerque", "Douvrin", "Grenoble", "Kaiserslautern", "Dunkirk (Dunkerque)", None)
TIMES = (None, TimeSpan("in", "2026", None, "en 2026"), TimeSpan("by", "2026", None, "d'ici 2026"),
         TimeSpan("from", "2027", None, "dès 2027"), TimeSpan("in", "2026-05", None, "en mai"),
         TimeSpan("by", "2030", None, "d'ici 2030"), TimeSpan(None, None, "P2Y", "dans deux ans"),
         TimeSpan("in", "2026", None, "cette année-là"))
UNITS = (("job", "jobs"), ("gigawatt_hour / year", "cell_capacity"),
         ("gigawatt_hour", "cell_capacity"), ("EUR", "investment"), (None, None))


FAMILIES = ((("job", "jobs"),), (("gigawatt_hour / year", "cell_capacity"),
                                 ("gigawatt_hour", "cell_capacity")), (("EUR", "investment"),
                                                                   ("EUR", "public_subsidy")))
"""Units of one family each: a block's, or a claim's candidates'."""


def draft(rng: random.Random, n: int = 0, units: tuple[tuple[str | None, str | None], ...] = UNITS
          ) -> Claim:
    unit, metric = rng.choice(units)
    value = rng.choice((40.0, 1200.0, 1250.0, 16.0, 3.5e8, 2000.0, 2200.0))
    qualifier = rng.choice((None, None, "approx", "lower", "upper", "range"))
    low, high = value, value
    if qualifier == "approx":
        low, high = value * 0.9, value * 1.1
    elif qualifier == "lower":
        high = None
    elif qualifier == "upper":
        low = None
    elif qualifier == "range":
        low, high = value * 0.8, value * 1.3
    subject = rng.choice((None, "verkor", "acc"))
    return Claim(text=f"{value:g}", start=n, end=n + 1, line=n + 1, column=1,
                 sentence="L'usine de batteries annonce ses chiffres pour la région.",
                 kind="quantity", metric=metric, unit=unit, value=value, low=low, high=high,
                 qualifier=qualifier, time=rng.choice(TIMES), facility=rng.choice(PLACES),
                 scope=rng.choice((None, "plant", "company")), subject=subject,
                 subject_name=subject, subject_kind="company" if subject else None,
                 terms=tuple(rng.sample(CONCEPTS, rng.randrange(4))))


def reference(rng: random.Random, n: int, units: tuple[tuple[str | None, str | None], ...] = UNITS
              ) -> Reference:
    claim = draft(rng, n, units)
    return Reference(id=f"r{n}", subject=claim.subject or "verkor", metric=claim.metric or "jobs",
                     statement="Le groupe confirme ses chiffres.", sources=(Citation("src"),),
                     reviewed="2026-01-01", value=claim.value, unit=claim.unit, low=claim.low,
                     high=claim.high, qualifier=claim.qualifier, time=claim.time,
                     facility=claim.facility, scope=claim.scope, terms=claim.terms)


def value_feature(score_features: dict[str, float]) -> str:
    return next(name for name in (AGREE, *(n for _, n in RATIO_CLASSES))
                if name in score_features)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_bound_is_never_below_the_score(seed: int) -> None:
    rng = random.Random(seed)
    config = matcher_config()
    subjects = Subjects()
    for n in range(10):
        units = rng.choice(FAMILIES)
        claim = draft(rng, n, (*units, (None, None)))
        bound = Bound(claim, config)
        for k in range(30):  # the bound keeps what it compared: each claim against many
            ref = reference(rng, k, units)
            ev = evidence(claim, ref, subjects, config)
            feature = value_feature(dict(ev.features))
            assert ev.score <= bound.score(feature, profile(ref, config)) <= bound.score(
                feature)


def jobs(value: float, metric: str = "jobs") -> Claim:
    return Claim(text=f"{value:g}", start=0, end=5, line=1, column=1,
                 sentence="L'usine emploiera du monde.", kind="quantity", metric=metric,
                 unit="job", value=value, low=value, high=value, terms=("jobs",))


def test_a_round_figure_or_another_metric_bounds_lower() -> None:
    config = matcher_config()
    w = config.flat
    precise = profile(jobs(2150), config)
    best = Bound(jobs(2150), config).score(AGREE, precise)
    # a figure of one significant digit, either side, never gets value.precise
    assert Bound(jobs(2000), config).score(AGREE, precise) == pytest.approx(
        best - w["value.precise"])
    assert Bound(jobs(2150), config).score(AGREE, profile(jobs(2000), config)) == (
        pytest.approx(best - w["value.precise"]))
    # another metric: at most unknown
    other = profile(jobs(2150, metric="workforce"), config)
    assert Bound(jobs(2150), config).score(AGREE, other) == pytest.approx(
        best - w["metric.same"] + max(w["metric.unknown"], w["metric.different"]))


def test_times_alike_but_for_their_words_share_one_comparison() -> None:
    config = matcher_config()
    claim = Claim(text="1 200", start=0, end=5, line=1, column=1,
                  sentence="L'usine emploiera 1 200 personnes en 2026.", kind="quantity",
                  metric="jobs", unit="job", value=1200.0, low=1200.0, high=1200.0,
                  time=TimeSpan("in", "2026", None, "en 2026"), terms=("jobs",))
    bound = Bound(claim, config)
    one = profile(reference(random.Random(1), 1), config)._replace(
        time=TimeSpan("in", "2026", None, "en 2026"), when=("in", "2026", None))
    other = one._replace(time=TimeSpan("in", "2026", None, "cette année-là"))
    bound.score(AGREE, one)
    bound.score(AGREE, other)
    assert bound.times is not None and list(bound.times) == [("in", "2026", None)]


# --- the value slices -----------------------------------------------------------------------



@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from((0.0, 0.02, 0.1)), st.sampled_from(FAMILIES))
def test_slices_find_every_figure_that_may_agree_or_is_within_a_ring(
        seed: int, tolerance: float, units: tuple[tuple[str, str], ...]) -> None:
    rng = random.Random(seed)
    refs = [reference(rng, n, units) for n in range(300)]
    slices = ValueSlices(refs, range(len(refs)), tolerance)
    for n in range(40):
        claim = draft(rng, n, (*units, (None, None)))
        agreeable = slices.agreeable(claim, tolerance)
        for k, ref in enumerate(refs):
            if compare_values(claim, ref, tolerance, open_factor=1.25).agree:
                assert agreeable is None or k in agreeable, (claim, ref)
        for ratio, _ in RATIO_CLASSES:
            ring = slices.ring(claim, ratio)
            if ring is None:
                continue
            for k, ref in enumerate(refs):
                factor = _factor(claim.unit, ref.unit) if claim.unit and ref.unit else 1.0
                if _ratio(claim, ref, factor) <= ratio:
                    assert k in ring, (claim, ref, ratio)


def points(values: list[float], qualifier: str | None = None) -> list[Reference]:
    return [Reference(id=f"r{n}", subject="verkor", metric="jobs", statement="Des emplois.",
                      sources=(Citation("src"),), reviewed="2026-01-01", value=v, unit="job",
                      low=v, high=None if qualifier == "lower" else v, qualifier=qualifier,
                      terms=("jobs",)) for n, v in enumerate(values)]


def job_claim(value: float, qualifier: str | None = None) -> Claim:
    return Claim(text=f"{value:g}", start=0, end=5, line=1, column=1,
                 sentence="Le site créera des emplois.", kind="quantity", metric="jobs",
                 unit="job", value=value, low=value,
                 high=None if qualifier == "lower" else value, qualifier=qualifier,
                 terms=("jobs",))


def test_a_point_reads_only_the_points_of_its_value() -> None:
    # round figures from 100 to 10 000 jobs: a point of 2 000 may agree with a point of
    # 2 000 only (the 10 % of two bounds of one direction is not a point's)
    values = [float(v) for v in range(100, 10001, 50)]
    refs = points(values)
    slices = ValueSlices(refs, range(len(refs)), 0.0)
    found = sorted(refs[n].value for n in slices.agreeable(job_claim(2000.0), 0.0) or ())
    assert found == [2000.0]


def test_an_open_bound_reads_its_direction_by_value_and_the_others_by_range() -> None:
    # "more than 2 000 jobs" (read as 2 000 to 2 500): the points within that range, and
    # the "more than" figures within 10 % of 2 000 (1 800 to 2 222, read by the low end of
    # their range, 1.25 times as wide: from 1 800 / 1.3), not "more than 2 250"
    values = [float(v) for v in range(100, 10001, 50)]
    refs = [*points(values), *points(values, "lower")]
    slices = ValueSlices(refs, range(len(refs)), 0.0)
    found = [refs[n] for n in slices.agreeable(job_claim(2000.0, "lower"), 0.0) or ()]
    assert sorted(r.value for r in found if r.qualifier is None) == [
        v for v in values if 2000 <= v <= 2500]
    lower = sorted(r.value for r in found if r.qualifier == "lower")
    assert {v for v in values if 1800 <= v <= 2000 / 0.9} <= set(lower)
    assert lower[0] >= 1800 / 1.3 and lower[-1] <= 2000 / 0.9
