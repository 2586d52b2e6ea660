"""``diff``'s events when their concepts are many: :class:`EventPairing` reads the events of
one time by shelves (the group's own concepts first, then one shelf per size of concepts,
each bounded by the most concepts of that size may add), so that a group weighs and
bounds the few events that may be its best, however many of that time the other side
holds — and pairs as the plain greedy (every candidate weighed) does."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_diff_scale import outcome, plain_pair

from battclaims import matching
from battclaims.matching import Matcher
from battclaims.model import Claim, TimeSpan

CONCEPTS = ("plant", "battery", "production", "initial", "target", "new", "direct", "supply",
            "total", "loss", "indirect", "cell", "final", "construction", "sales", "demand",
            "year", "growth", "world")
METRICS = ("construction_start", "supply_start", "plant_opening", None)
PLACES = ("Dunkerque", "Douvrin", "Termoli", "Salzgitter")


def event(n: int, rng: random.Random, years: int = 4) -> Claim:
    """An event with no subject: one of few metrics, years (some a month of them, some
    undated or with no time) and places, and up to five concepts of nineteen (most sets of
    concepts are seen once)."""
    year = str(2025 + rng.randrange(years))
    if rng.random() < 0.15:  # a month of the year
        year += f"-{rng.randrange(1, 4):02}"
    relation = rng.choice(("in", "in", "by", "from", None))
    roll = rng.random()
    time: TimeSpan | None = (
        None if roll < 0.08 else TimeSpan(relation, None, rng.choice(("P1Y", "P2Y")),
                                          "l'an prochain") if roll < 0.14
        else TimeSpan(relation, year, None, f"en {year}"))
    place = rng.choice(PLACES) if rng.random() < 0.3 else None
    return Claim(text=f"en {year}", start=n * 100, end=n * 100 + 7, line=n + 1, column=1,
                 sentence=f"Les travaux démarreront en {year}, selon la préfecture.",
                 kind="event", metric=rng.choice(METRICS), time=time, facility=place,
                 scope="plant" if place else None,
                 terms=tuple(rng.sample(CONCEPTS, rng.choice((0, 1, 2, 2, 3, 4, 5)))))


def versions(count: int, rng: random.Random, **options: Any) -> tuple[list[Claim], list[Claim]]:
    """A document and another version of it: most events kept, some moved a year, some
    dropped, some new."""
    a = [event(n, rng, **options) for n in range(count)]
    b: list[Claim] = []
    for item in a:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2 and item.time is not None and item.time.date is not None:
            year = str(int(item.time.date[:4]) + 1) + item.time.date[4:]
            item = replace(item, time=replace(item.time, date=year, text=f"en {year}"))
        b.append(replace(item, line=len(b) + 1))
        if rng.random() < 0.2:
            b.append(event(len(b), rng, **options))
    return a, b


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9), st.integers(5, 80), st.integers(1, 4))
def test_shelves_pair_as_the_plain_greedy(seed: int, size: int, years: int) -> None:
    rng = random.Random(seed)
    a, b = versions(size, rng, years=years)
    matcher = Matcher()
    pairs, related = matcher.pair(a, b)
    plain_pairs, plain_related = plain_pair(matcher, a, b)
    assert outcome(pairs) == outcome(plain_pairs)
    assert outcome(related) == outcome(plain_related)


def bounded(size: int, monkeypatch: pytest.MonkeyPatch) -> float:
    """Events bounded one by one, per event of ``a``."""
    calls = [0]
    leaf = matching._Stream._leaf

    def counted(self: Any, *args: Any) -> float:
        calls[0] += 1
        return leaf(self, *args)

    monkeypatch.setattr(matching._Stream, "_leaf", counted)
    a, b = versions(size, random.Random(5))
    Matcher().pair(a, b)
    return calls[0] / size


def test_a_group_bounds_few_events_of_its_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """2 000 events of four years: an event bounds some twenty others one by one, its own
    concepts' and those of sizes near its own (bounding every event of the times it reads
    at once, as before the shelves, bounded 155 per event; 89 for 1 000 events)."""
    assert bounded(2000, monkeypatch) < 25


def test_a_group_reads_the_times_of_other_dates_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """2 000 events over forty years: a group shelves its own date's times one by one and
    every other date's at once, so the shelves it bounds do not grow with the number of
    years (one shelf per size of concepts for each time, as before, bounded 108 per event;
    81 for 1 000 events)."""
    calls = [0]
    shelf = matching._Stream._shelf

    def counted(self: Any, *args: Any) -> None:
        calls[0] += 1
        shelf(self, *args)

    monkeypatch.setattr(matching._Stream, "_shelf", counted)
    a, b = versions(2000, random.Random(5), years=40)
    pairs, _ = Matcher().pair(a, b)
    assert len(pairs) > 1000
    assert calls[0] / len(a) < 45


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(2, 40))
def test_every_start_of_a_date_is_read_as_its_date(seed: int, size: int) -> None:
    """A date starts another as the time comparison reads it, down to the empty one: the
    times read apart are found at every length (a date given as "" is no real text's, but
    the pairing stays the plain greedy's for any date)."""
    rng = random.Random(seed)
    dates = ("", "2", "202", "2025", "2025-03", "2025-03-14", "2026")

    def dated(claim: Claim) -> Claim:
        if claim.time is None or rng.random() < 0.3:
            return claim
        return replace(claim, time=replace(claim.time, date=rng.choice(dates)))

    a, b = versions(size, rng)
    a, b = [dated(x) for x in a], [dated(x) for x in b]
    matcher = Matcher()
    pairs, related = matcher.pair(a, b)
    plain_pairs, plain_related = plain_pair(matcher, a, b)
    assert outcome(pairs) == outcome(plain_pairs)
    assert outcome(related) == outcome(plain_related)
