"""What the matcher reads once instead of once per pair, and the event blocks of ``check``
indexed by date: each must give exactly what the plain way gives (the plain way is written
out here as it was), with work that does not grow with the other side."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from battclaims import matching
from battclaims.checking import Checker, EventBlock, Judgement, _name, _status, judge_event
from battclaims.matching import (
    Matcher,
    _concepts_compared,
    _wording,
    compare_times,
    matcher_config,
)
from battclaims.model import Claim, TimeSpan
from battclaims.store import Citation, Database, Reference

CONCEPTS = ("direct", "indirect", "cell", "pack", "initial", "final", "subsidy", "investment",
            "capacity", "supply", "share", "growth", "current", "target", "construction",
            "plant", "jobs")
DATES = ("2025", "2025-03", "2025-03-14", "2025-06", "2026", "2026-01", "2027", "2028")
RELATIONS = ("in", "from", "by", "until", "since", None)


# --- the concepts compared ----------------------------------------------------------------

@given(st.frozensets(st.sampled_from(CONCEPTS)), st.frozensets(st.sampled_from(CONCEPTS)))
def test_wording_is_rapidfuzz_indel_of_the_sorted_concepts(a: frozenset[str],
                                                         b: frozenset[str]) -> None:
    expected = 0.5 if not a or not b else float(
        Indel.normalized_similarity(sorted(a), sorted(b)))
    assert _wording(a, b, len(a & b)) == expected


@given(st.frozensets(st.sampled_from(CONCEPTS)), st.frozensets(st.sampled_from(CONCEPTS)))
def test_contrasts_are_the_concepts_each_side_has_alone(a: frozenset[str],
                                                        b: frozenset[str]) -> None:
    config = matcher_config()
    plain = tuple(f"{x} / {y}" for x, y in config.contrasts
                  if (x in a and y in b and y not in a and x not in b)
                  or (y in a and x in b and x not in a and y not in b)) if a and b else ()
    shared, _, contrasts = _concepts_compared(a, b, config)
    assert contrasts == plain
    assert shared == tuple(sorted(a & b))


def test_direct_and_indirect_jobs_contrast() -> None:
    _, _, contrasts = _concepts_compared(frozenset({"direct", "plant"}),
                                         frozenset({"indirect", "plant"}), matcher_config())
    assert contrasts == ("direct / indirect",)


# --- the matcher ----------------------------------------------------------------------------

def figure(n: int, value: float, terms: tuple[str, ...] = ("jobs",)) -> Claim:
    return Claim(text=f"{value:g} emplois", start=n, end=n + 1, line=n + 1, column=1,
                 sentence=f"La gigafactory créera {value:g} emplois directs d'ici 2030.",
                 kind="quantity", metric="jobs", unit="job", value=value, low=value,
                 high=value, terms=terms)


def test_each_figure_is_read_once_and_kept_by_identity() -> None:
    matcher = Matcher()
    one = figure(0, 1200)
    assert matcher.figure(one) is matcher.figure(one)
    twin = figure(0, 1200)  # equal, but another claim: read on its own
    assert matcher.figure(twin) is not matcher.figure(one)
    assert matcher.figure(twin).claim is twin


def test_figures_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Matcher, "FIGURES_KEPT", 10)
    matcher = Matcher()
    claims = [figure(n, 100 + n) for n in range(35)]
    for claim in claims:
        assert matcher.figure(claim).claim is claim
    assert len(matcher._figures) <= 10


def test_evidence_is_built_for_the_matches_kept_only(weighings: list[int]) -> None:
    """Four figures on each side, each a candidate of the others: every pair is weighed,
    but an Evidence is built only for the two pairs and the look-alike returned."""
    a = [figure(0, 1200), figure(1, 350, ("jobs", "indirect")), figure(2, 5000)]
    b = [figure(0, 1200), figure(1, 360, ("jobs", "indirect")), figure(2, 90)]
    pairs, related = Matcher().pair(a, b)
    assert [(m.a, m.b, m.verdict) for m in pairs] == [(0, 0, "agree"), (1, 1, "conflict")]
    assert weighings[0] == len(pairs) + len(related)
    assert pairs[0].evidence.text().startswith("no subject on either side, same metric (jobs)")


def test_subject_text_is_told_when_shown() -> None:
    matcher = Matcher()
    a, b = figure(0, 1200), figure(1, 1200)
    ev = matcher.weigh(a, b)
    assert ev.subject.verdict == "unknown"
    assert ev.subject.text == "no subject on either side"


@st.composite
def figures(draw: st.DrawFn) -> Claim:
    """A figure as the matcher reads it: any metric, unit, value, hedge, time and concepts."""
    metric, unit = draw(st.sampled_from((("jobs", "job"), ("investment", "EUR"),
                                         ("cell_capacity", "gigawatt_hour / year"),
                                         ("cell_capacity", "gigawatt_hour"), (None, None),
                                         ("plant_opening", None))))
    event = metric == "plant_opening"
    value = None if event else draw(st.sampled_from((12.0, 16.0, 350.0, 1200.0, 1250.0, 4e9)))
    qualifier = None if event else draw(st.sampled_from((None, "approx", "lower", "upper")))
    time = draw(st.sampled_from((None, *(TimeSpan(r, d, None, f"en {d}")
                                         for r in ("in", "by") for d in DATES[:4]))))
    return Claim(text="x", start=0, end=1, line=1, column=1, sentence="x.",
                 kind="event" if event else "quantity", metric=metric, unit=unit,
                 value=value, qualifier=qualifier, time=time,
                 terms=tuple(draw(st.frozensets(st.sampled_from(CONCEPTS), max_size=4))),
                 facility=draw(st.sampled_from((None, "Dunkerque", "Douvrin"))),
                 scope=draw(st.sampled_from((None, "plant", "company"))))


@settings(max_examples=200, deadline=None)
@given(figures(), figures())
def test_the_score_is_the_weights_of_the_features_observed_added_in_order(a: Claim,
                                                                        b: Claim) -> None:
    """Weighing adds each weight as it observes its feature: the same float as adding the
    features' weights afterwards, in the order they are listed; times and contrasts are the
    plain comparisons of the two figures."""
    config = matcher_config()
    ev = Matcher().weigh(a, b)
    plain = 0.0
    for name, x in ev.features.items():
        plain += config.flat.get(name, 0.0) * x
    assert ev.score == plain
    assert ev.times == compare_times(a.time, b.time)
    ta = matching._terms(a.terms, a.unit, config)
    tb = matching._terms(b.terms, b.unit, config)
    assert ev.features["contrast"] == len(_concepts_compared(ta, tb, config)[2])


def test_equal_times_are_one_object_compared_once() -> None:
    matcher = Matcher()
    one = replace(figure(0, 1200), time=TimeSpan("in", "2027", None, "en 2027"))
    two = replace(figure(1, 1200), time=TimeSpan("in", "2027", None, "en 2027"))
    assert one.time is not two.time
    assert matcher.figure(one).time is matcher.figure(two).time
    assert matcher.weigh(one, two).times == compare_times(one.time, two.time)
    time = matcher.figure(one).time
    kept = matching._TIME_PAIRS[id(time), id(time)]
    assert kept[0] is time and kept[1] is time  # (held: their ids are no other's meanwhile)


def test_times_interned_and_compared_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "_KEPT", 8)
    matcher = Matcher()
    claims = [replace(figure(n, 1200), time=TimeSpan("in", str(2000 + n), None, ""))
              for n in range(30)]
    for x in claims:
        assert matcher.weigh(x, claims[0]).times == compare_times(x.time, claims[0].time)
    assert len(matching._TIMES) <= 8
    assert len(matching._TIME_PAIRS) <= 8


# --- the event blocks of check ----------------------------------------------------------------

def plain_judge_event(claim: Any, candidates: list[Any],
                      current_of: dict[str, Any]) -> Judgement:
    """``judge_event`` as it was: every reference event read in order."""
    if claim.subject is None or claim.metric is None:
        return Judgement("unverified", None, "an event with no subject or metric")
    best_conflict = None
    for reference in candidates:
        if reference.subject != claim.subject or reference.metric != claim.metric:
            continue
        times = compare_times(claim.time, reference.time)
        if times.same or times.compatible:
            if _status(reference) in ("current", "disputed"):
                return Judgement("confirmed", reference,
                                 f"confirmed by {_name(reference)}: {times.text}")
            current = current_of.get(reference.id)
            now = f"; current: {_name(current)}" if current is not None else ""
            return Judgement("outdated", reference, f"matches {_name(reference)}, which is "
                             f"{_status(reference)}{now}: {times.text}", current)
        if times.conflict and best_conflict is None:
            best_conflict = (reference, times)
    if best_conflict is not None:
        reference, times = best_conflict
        return Judgement("time-conflict", reference, f"{_name(reference)} says otherwise: "
                                                     f"{times.text}")
    return Judgement("unverified", None, f"no reference event about {claim.subject} / "
                                         f"{claim.metric}")


def a_time(rng: random.Random) -> TimeSpan | None:
    if rng.random() < 0.15:
        return None
    if rng.random() < 0.1:
        return TimeSpan(rng.choice(RELATIONS), None, "P2Y", "dans deux ans")
    date = rng.choice(DATES)
    return TimeSpan(rng.choice(RELATIONS), date, None, f"en {date}")


def reference_events(count: int, rng: random.Random) -> list[Reference]:
    return [Reference(id=f"e{n:04}", subject=rng.choice(("s-1", "s-2")),
                      metric=rng.choice(("construction_start", "plant_opening")),
                      statement="Construction starts.", sources=(Citation("src"),),
                      reviewed="2026-01-01", kind="event", time=a_time(rng),
                      status=rng.choice(("current", "current", "superseded", "disputed")))
            for n in range(count)]


def event(n: int, rng: random.Random) -> Claim:
    return Claim(text="démarrage", start=n, end=n + 1, line=n + 1, column=1,
                 sentence="Le chantier de l'usine démarrera l'an prochain, selon le groupe.",
                 kind="event", metric=rng.choice(("construction_start", "plant_opening", None)),
                 subject=rng.choice(("s-1", "s-2", None)), time=a_time(rng))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 30))
def test_event_blocks_judge_as_every_reference_read(seed: int, count: int) -> None:
    rng = random.Random(seed)
    refs = reference_events(count, rng)
    current_of = {r.id: refs[0] for r in refs if r.status == "superseded"}
    checker = Checker(Database(root=None, claims=refs, entities={}))
    checker.current_of = current_of
    for n in range(25):
        claim = event(n, rng)
        plain = plain_judge_event(claim, refs, current_of)
        assert judge_event(claim, refs, current_of) == plain
        found = checker.finding(claim, None)
        assert (found.verdict, found.explanation, found.reference) == (
            plain.verdict, plain.explanation, plain.reference)


def test_a_block_reads_only_the_dates_that_may_match() -> None:
    """Thousands of reference events of other years: the claim's is found by its date."""
    refs = [Reference(id=f"e{n:05}", subject="s-1", metric="plant_opening",
                      statement="The plant opens.", sources=(Citation("src"),),
                      reviewed="2026-01-01", kind="event",
                      time=TimeSpan("in", str(1000 + n), None, str(1000 + n)))
            for n in range(3000)]
    block = EventBlock(refs)
    assert block.compatible(TimeSpan("in", "2027-05", None, "en mai 2027")) == 1027
    assert block.compatible(TimeSpan("in", "4500", None, "en 4500")) is None
    assert block.compatible(None) == 0


def test_pairing_pauses_the_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    observe = matching._observe

    def spied(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return observe(*args)

    monkeypatch.setattr(matching, "_observe", spied)
    a, b = [figure(0, 1200), figure(1, 80)], [figure(0, 1200), figure(1, 85)]
    assert gc.isenabled()
    Matcher().pair(a, b)
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:
        Matcher().pair(a, b)
        assert not gc.isenabled()  # left as the caller set it
    finally:
        gc.enable()
