"""``diff`` without a quadratic path: the events of two documents (each a candidate of every
event of its subject or of none) are paired by :class:`EventPairing`, which must give the
pairs of the plain greedy (every candidate weighed, sorted, taken best first) while
weighing a number of pairs that grows with the documents, not with their square."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from battclaims.entities import Entity
from battclaims.matching import Match, Matcher, _closeness, _sort_key
from battclaims.model import Claim, TimeSpan

METRICS = ("construction_start", "supply_start", "plant_opening", None)
CONCEPTS = ("plant", "battery", "construction", "supply", "initial", "final", "direct",
            "indirect", "cell", "target", "revised", "subsidy")
PLACES = ("Dunkerque", "Douvrin", "Douvrin", "Grenoble", "Termoli")
SENTENCES = ("Les travaux de la gigafactory démarreront en {year}, selon la préfecture.",
             "First deliveries to carmakers are expected in {year}, the company said.",
             "L'usine doit ouvrir ses portes d'ici {year}, a confirmé le ministre.",
             "Production of the first cells will start from {year} on the second line.")
FIGURES = (("jobs", "job", (200, 3000), ("jobs",)),
           ("cell_capacity", "gigawatt_hour / year", (4, 60), ("capacity", "cell")),
           ("investment", "EUR", (1e8, 5e9), ("investment",)))


def entities() -> dict[str, Entity]:
    return {
        "s-0": Entity("s-0", "Verkor", "company", {"any": ("Verkor",)}, {}),
        "s-1": Entity("s-1", "Automotive Cells Company", "company",
                      {"any": ("Automotive Cells Company",)}, {"joint_venture_of": ["s-2"]}),
        "s-2": Entity("s-2", "Stellantis", "company", {"any": ("Stellantis",)}, {}),
    }


def claim(n: int, rng: random.Random, subjects: float = 0.2, events: float = 0.8) -> Claim:
    """An event (a dated plan with no figure) most of the time, else a figure; few fields
    drawn from small sets, so that many claims tie."""
    year = str(rng.randrange(2025, 2029)) + (rng.choice(("", "", "-03")) if rng.random() < 0.3
                                             else "")
    time = TimeSpan(rng.choice(("in", "in", "by", "from", None)), year, None, f"en {year}")
    subject = (entities()[f"s-{rng.randrange(3)}"] if rng.random() < subjects else None)
    place = rng.choice(PLACES) if rng.random() < 0.3 else None
    fields: dict[str, Any] = {
        "kind": "event", "metric": rng.choice(METRICS), "time": time, "facility": place,
        "scope": rng.choice(("plant", "company")) if place or rng.random() < 0.1 else None,
        "terms": tuple(rng.sample(CONCEPTS, rng.choice((0, 1, 1, 2, 3)))),
        "headline": rng.random() < 0.1}
    if rng.random() >= events:
        metric, unit, (low, high), terms = rng.choice(FIGURES)
        value = float(f"{rng.uniform(low, high):.2g}")
        fields.update(kind="quantity", metric=metric, unit=unit, value=value, low=value,
                      high=value, terms=(*terms, *fields["terms"][:1]),
                      time=time if rng.random() < 0.5 else None)
    sentence = rng.choice(SENTENCES).format(year=year)
    return Claim(text=f"en {year}", start=n * 100, end=n * 100 + 7, line=n + 1, column=1,
                 sentence=sentence, subject=getattr(subject, "id", None),
                 subject_name=getattr(subject, "name", None),
                 subject_kind=getattr(subject, "kind", None),
                 subject_source="text" if subject else None, **fields)


def document(count: int, rng: random.Random, **options: Any) -> list[Claim]:
    """Claims, one in four the copy of an earlier one (the same fields: ties)."""
    out: list[Claim] = []
    for n in range(count):
        if out and rng.random() < 0.25:
            out.append(replace(rng.choice(out), line=n + 1, start=n * 100))
        else:
            out.append(claim(n, rng, **options))
    return out


def revised(claims: list[Claim], rng: random.Random, share: bool = False) -> list[Claim]:
    """Another version: most claims kept (``share``: the same objects), some moved to
    another year, some dropped, some new."""
    out: list[Claim] = []
    for n, item in enumerate(claims):
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.3 and item.time is not None:
            year = str(int(item.time.date[:4]) + 1)
            item = replace(item, time=replace(item.time, date=year, text=f"en {year}"))
        elif not share:
            item = replace(item, line=n + 1)
        out.append(item)
        if rng.random() < 0.2:
            out.append(claim(len(out), rng))
    rng.shuffle(out)
    return out


def plain_pair(matcher: Matcher, a: list[Claim], b: list[Claim]
               ) -> tuple[list[Match], list[Match]]:
    """The greedy as it was: every candidate weighed, sorted, taken best first."""
    index = matcher.index(b)
    weighed = []
    for i, item in enumerate(a):
        for j in index.candidates(item):
            if item is not b[j]:
                ev = matcher.weigh(item, b[j])
                verdict = matcher.verdict(ev)
                if verdict is not None:
                    weighed.append(Match(i, j, ev, verdict))
    weighed.sort(key=lambda m: _sort_key(a, b, m.a, m.b, m.evidence.confidence,
                                          _closeness(m.evidence.values)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for match in weighed:
        if match.verdict != "related" and match.a not in used_a and match.b not in used_b:
            used_a.add(match.a)
            used_b.add(match.b)
            pairs.append(match)
    related = []
    for match in weighed:
        if match.a not in used_a and match.verdict == "related":
            used_a.add(match.a)
            related.append(match)
    return sorted(pairs, key=lambda m: (m.a, m.b)), sorted(related, key=lambda m: (m.a, m.b))


def outcome(matches: list[Match]) -> list[tuple[int, int, str, float, str]]:
    return [(m.a, m.b, m.verdict, m.evidence.confidence, m.evidence.text()) for m in matches]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(5, 70), st.sampled_from((0.0, 0.2, 0.6)),
       st.booleans())
def test_pairs_are_those_of_the_plain_greedy(seed: int, size: int, subjects: float,
                                             share: bool) -> None:
    rng = random.Random(seed)
    a = document(size, rng, subjects=subjects)
    b = revised(a, rng, share=share)
    matcher = Matcher(entities())
    pairs, related = matcher.pair(a, b)
    plain_pairs, plain_related = plain_pair(matcher, a, b)
    assert outcome(pairs) == outcome(plain_pairs)
    assert outcome(related) == outcome(plain_related)


def test_a_document_against_itself_pairs_each_event_with_its_twin_only() -> None:
    rng = random.Random(3)
    a = document(40, rng, events=1.0)
    pairs, _ = Matcher(entities()).pair(a, a)
    assert pairs and all(m.a != m.b for m in pairs)
    assert outcome(pairs) == outcome(plain_pair(Matcher(entities()), a, a)[0])


def test_ties_pair_in_the_order_of_the_texts() -> None:
    """Three identical events on each side: the first with the first."""
    rng = random.Random(5)
    event = replace(claim(0, rng, subjects=0.0), kind="event", headline=False)
    a = [replace(event, line=n) for n in range(3)]
    b = [replace(event, line=n) for n in range(3)]
    pairs, _ = Matcher(entities()).pair(a, b)
    assert [(m.a, m.b) for m in pairs] == [(0, 0), (1, 1), (2, 2)]


def weighed(size: int, calls: list[int]) -> int:
    """How many pairs of two documents of ``size`` events with no subject are weighed."""
    rng = random.Random(11)
    a = document(size, rng, subjects=0.0, events=1.0)
    b = revised(a, rng)
    before = calls[0]
    Matcher(entities()).pair(a, b)
    return calls[0] - before


def test_events_without_a_subject_are_not_weighed_pair_by_pair(weighings: list[int]) -> None:
    """Every event of one side is a candidate of every event of the other: the plain way
    weighs 800 × 800 pairs and four times as many for twice the events."""
    small, large = weighed(800, weighings), weighed(1600, weighings)
    assert small < 800 * 20
    assert large < 2.5 * small
