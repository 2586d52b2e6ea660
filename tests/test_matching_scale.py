"""Matching without quadratic paths: ``check`` weighs of a subject's large block only the
figures that may change a verdict, and the duplicate check scores a block's sentences at
once. Each is compared with the plain way (every candidate weighed, every earlier claim
compared) on random claims made for these tests, and the figures weighed are counted."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from battclaims.checking import Checker, Settings, block_key, duplicates, judge, judge_event
from battclaims.entities import Entity
from battclaims.matching import ValueSlices, compare_values
from battclaims.model import Claim, TimeSpan
from battclaims.store import Citation, Database, Reference

SUBJECTS = 6
FIGURES = [("jobs", "job", (50, 5000), ("jobs",)),
           ("cell_capacity", "gigawatt_hour / year", (2, 120), ("capacity",)),
           ("cell_capacity", "gigawatt_hour", (2, 120), ("capacity",)),
           ("investment", "EUR", (1e7, 6e9), ("investment",)),
           ("public_subsidy", "EUR", (1e6, 2e9), ("subsidy",)),
           ("site_area", "hectare", (5, 300), ("area",)),
           ("shareholding", "percent", (1, 80), ("share",))]
CONCEPTS = ("plant", "battery", "initial", "target", "new", "direct", "indirect", "total",
            "cell", "final", "construction", "revised")
PLACES = ("Dunkerque", "Douvrin", "Grenoble", "Kaiserslautern", "Termoli")
WORDS = ("usine", "projet", "site", "batteries", "cellules", "capacité", "emplois",
         "région", "annonce", "groupe", "plant", "factory", "jobs", "grant", "selon")


def entities() -> dict[str, Entity]:
    out = {}
    for n in range(SUBJECTS):
        kind = "government" if n == 3 else "company"
        relations = {"joint_venture_of": ["s-1", "s-2"]} if n == 0 else {}
        out[f"s-{n}"] = Entity(f"s-{n}", f"Subject{n} Group", kind,
                               {"any": (f"Subject{n} Group",)}, relations)
    return out


def figure(rng: random.Random) -> dict[str, Any]:
    metric, unit, (low, high), concepts = rng.choice(FIGURES)
    value = float(f"{rng.uniform(low, high):.{rng.choice((1, 1, 2, 3))}g}")
    roll = rng.random()
    bounds: dict[str, Any] = {"low": value, "high": value, "qualifier": None}
    if roll < 0.1:
        bounds = {"low": value * 0.9, "high": value * 1.1, "qualifier": "approx"}
    elif roll < 0.2:
        bounds = {"low": value, "high": None, "qualifier": "lower"}
    elif roll < 0.25:
        bounds = {"low": None, "high": value, "qualifier": "upper"}
    elif roll < 0.3:
        bounds = {"low": value * 0.5, "high": value * 3, "qualifier": "range"}
    time = None if rng.random() < 0.5 else TimeSpan(
        rng.choice(("by", "in", "from")), str(rng.randrange(2024, 2030)), None, "")
    place = rng.choice(PLACES) if rng.random() < 0.3 else None
    return {"metric": metric, "unit": unit, "value": value, **bounds, "time": time,
            "facility": place, "scope": "plant" if place else None,
            "terms": tuple(dict.fromkeys((*concepts, *rng.sample(CONCEPTS, rng.randrange(4)))))}


def references(count: int, rng: random.Random) -> list[Reference]:
    subjects = entities()
    out = []
    for n in range(count):
        subject = subjects[f"s-{rng.randrange(SUBJECTS)}"]
        out.append(Reference(
            id=f"r{n:05}", subject=subject.id, statement="A statement.",
            sources=(Citation("src"),), reviewed="2026-01-01", subject_name=subject.name,
            subject_kind=subject.kind, status=rng.choice(("current",) * 8 + (
                "superseded", "disputed")), **figure(rng)))
    return out


def drafts(count: int, refs: list[Reference], rng: random.Random) -> list[Claim]:
    subjects = entities()
    out = []
    for n in range(count):
        if rng.random() < 0.6:
            ref = rng.choice(refs)
            data = {key: getattr(ref, key) for key in (
                "metric", "unit", "value", "low", "high", "qualifier", "time", "facility",
                "scope", "terms")}
            if rng.random() < 0.4:
                factor = rng.choice((0.5, 0.95, 1.2, 2.0, 4.0))
                data.update(value=ref.value * factor,
                            low=None if ref.low is None else ref.low * factor,
                            high=None if ref.high is None else ref.high * factor)
            subject = subjects[ref.subject]
        else:
            data = figure(rng)
            subject = subjects[f"s-{rng.randrange(SUBJECTS)}"]
        known = rng.random() < 0.6
        out.append(Claim(text="1", start=n, end=n + 1, line=n + 1, column=1,
                         sentence=" ".join(rng.choices(WORDS, k=12)),
                         subject=subject.id if known else None,
                         subject_name=subject.name if known else None,
                         subject_kind=subject.kind if known else None, **data))
    return out


def plainly(checker: Checker, claim: Claim) -> Any:
    """The verdict with every candidate weighed (the way before large blocks were searched)."""
    candidates = [checker.references[n] for n in checker.index.candidates(claim)]
    if claim.kind == "event":
        return judge_event(claim, candidates, checker.current_of)
    return judge(claim, candidates, checker.matcher, checker.current_of)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from((0.0, 0.02, 0.1)))
def test_searched_blocks_judge_as_every_candidate_weighed(seed: int, tolerance: float) -> None:
    rng = random.Random(seed)
    refs = references(1500, rng)  # blocks of about 250 figures: searched by value
    checker = Checker(Database(root=None, claims=refs, entities=entities()),
                      Settings(tolerance=tolerance))
    for claim in drafts(60, refs, rng):
        found = checker.finding(claim, None)
        plain = plainly(checker, claim)
        assert (found.verdict, found.explanation, found.reference) == (
            plain.verdict, plain.explanation, plain.reference)


def test_value_slices_find_every_figure_that_may_agree() -> None:
    rng = random.Random(5)
    refs = references(800, rng)
    for tolerance in (0.0, 0.05):
        slices = ValueSlices(refs, range(len(refs)), tolerance)
        for claim in drafts(200, refs, rng):
            agreeable = slices.agreeable(claim, tolerance)
            if agreeable is None:
                continue
            found = set(agreeable)
            for n, ref in enumerate(refs):
                if compare_values(claim, ref, tolerance, open_factor=1.25).agree:
                    assert n in found, (claim, ref)


def weighed_count(n_drafts: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many pairs ``check`` weighs for ``n_drafts`` draft claims against ten times as
    many references, over six subjects (blocks grow with the database)."""
    rng = random.Random(3)
    refs = references(10 * n_drafts, rng)
    claims = drafts(n_drafts, refs, rng)
    checker = Checker(Database(root=None, claims=refs, entities=entities()), Settings())
    calls = 0
    weigh = checker.matcher.weigh

    def counted(a: Any, b: Any) -> Any:
        nonlocal calls
        calls += 1
        return weigh(a, b)

    monkeypatch.setattr(checker.matcher, "weigh", counted)
    for claim in claims:
        checker.finding(claim, None)
    return calls


def test_check_weighs_far_fewer_pairs_than_every_candidate(
        monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = weighed_count(300, monkeypatch), weighed_count(600, monkeypatch)
    rng = random.Random(3)
    refs = references(6000, rng)
    checker = Checker(Database(root=None, claims=refs, entities=entities()), Settings())
    plain = sum(len(checker.index.candidates(c)) for c in drafts(600, refs, rng))
    assert large < plain / 5, (large, plain)
    # every candidate weighed: ×3.6 here (each block twice as large, for twice as many
    # claims); the searched blocks: less than ×3
    assert large < 3.0 * small, (small, large)


def plain_duplicates(claims: list[Claim], settings_: Settings) -> list[Claim | None]:
    """Every earlier claim of the block compared in turn (the way before)."""
    from battclaims.checking import same_claim

    seen: dict[Any, list[Claim]] = {}
    firsts: list[Claim | None] = []
    for claim in claims:
        key = block_key(claim) or ("loose", claim.kind, claim.unit, claim.value, claim.qualifier)
        firsts.append(next((e for e in seen.get(key, ())
                            if same_claim(e, claim, settings_, loose=key[0] == "loose")), None))
        if not claim.headline:
            seen.setdefault(key, []).append(claim)
    return firsts


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from((50.0, 85.0, 100.0)))
def test_duplicates_as_every_earlier_claim_compared(seed: int, similarity: float) -> None:
    rng = random.Random(seed)
    claims: list[Claim] = []
    for n in range(150):
        if claims and rng.random() < 0.3:
            first = rng.choice(claims)
            words = first.sentence.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            claims.append(replace(first, sentence=" ".join(words).upper()
                                  if rng.random() < 0.2 else " ".join(words),
                                  start=n * 100, line=n + 1,
                                  headline=rng.random() < 0.1))
            continue
        value = rng.choice((None, 12.0, 40.0, 2000.0))
        claims.append(Claim(
            text="x", start=n * 100, end=n * 100 + 1, line=n + 1, column=1,
            sentence=" ".join(rng.choices(WORDS, k=rng.randrange(1, 10))),
            kind="event" if value is None else "quantity", value=value,
            unit=rng.choice((None, "job")), subject=rng.choice((None, None, "s-1")),
            metric=rng.choice((None, "jobs")), headline=rng.random() < 0.05,
            time=rng.choice((None, TimeSpan("in", "2027", None, "")))))
    options = Settings(duplicate_similarity=similarity)
    assert [id(f) for f in duplicates(claims, options)] == [
        id(f) for f in plain_duplicates(claims, options)]

