"""Held-out sets, written for this project by helpers who never saw the code or the dev set:
who each figure is about, from where, at which plant; and which figures of two articles
state the same fact. ``v1`` (tests/heldout/) was read after its first run, so its figures
are somewhat optimistic; ``v2`` (tests/heldout/v2/) was written later, and its misses were
not read; ``v3`` (tests/heldout/v3/, article pairs only) was written after v2 and then read
to find what still went wrong, so it guards those fixes rather than measuring them; ``v4``
(tests/heldout/v4/) was written last, and its misses were not read; ``v5`` (article pairs
of other kinds of stories) was read; ``v6`` (pairs of single sentences with their page's
title, as the dev set's claim pairs) was read after its first run; ``v7`` (claim pairs of
wider EV news) was written last and never read. The
floors sit a little under the figures reached; the README gives them. Run with -s to see
the figures and every miss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import battclaims
from battclaims.diffing import diff
from battclaims.matching import same_name
from battclaims.names import slug

HERE = Path(__file__).parent / "heldout"
SETS = {"v1": HERE, "v2": HERE / "v2", "v3": HERE / "v3", "v4": HERE / "v4",
        "v5": HERE / "v5", "v6": HERE / "v6", "v7": HERE / "v7"}
WITH_SUBJECTS = [name for name in SETS if (SETS[name] / "subjects.yaml").exists()]
WITH_ARTICLE_PAIRS = [name for name in SETS if (SETS[name] / "article_pairs.yaml").exists()]


def load(name: str, kind: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((SETS[name] / f"{kind}.yaml").read_text("utf-8"))
    return loaded


def document(side: dict[str, Any], body: str = "body") -> tuple[str, int]:
    """The Markdown of one article (or of one sentence cut out of its page: ``body`` is
    "text"), with its title and date when known, and where its body starts."""
    head = f"---\npublished: {side['published']}\n---\n" if side.get("published") else ""
    head += f"# {side['title']}\n\n" if side.get("title") else ""
    return head + side[body], len(head)


def at(claims: tuple[battclaims.Claim, ...], start: int, length: int) -> battclaims.Claim | None:
    return next((c for c in claims if c.kind == "quantity" and c.start < start + length
                 and start < c.end), None)


def same_subject(claim: battclaims.Claim, expected: str | None) -> bool:
    if expected is None:
        return claim.subject is None
    if claim.subject is None:
        return False
    return claim.subject == slug(expected) or same_name(claim.subject_name or claim.subject,
                                                        expected)


@pytest.mark.parametrize("name", WITH_SUBJECTS)
def test_subjects_of_heldout_articles(name: str) -> None:
    found = subject_ok = source_ok = facility_n = facility_ok = 0
    total = 0
    misses = []
    for case in load(name, "subjects"):
        text, offset = document(case)
        claims = battclaims.extract(text, lang=case["lang"], path=f"{case['id']}.md").claims
        for figure in case["figures"]:
            total += 1
            claim = at(claims, offset + case["body"].index(figure["surface"]),
                       len(figure["surface"]))
            if claim is None:
                misses.append(f"{case['id']} {figure['surface']!r}: not found")
                continue
            found += 1
            right = same_subject(claim, figure["subject"])
            subject_ok += right
            source_ok += right and claim.subject_source == figure["source"]
            if figure.get("facility"):
                facility_n += 1
                facility_ok += bool(claim.facility) and same_name(claim.facility,
                                                                  figure["facility"])
            if not right:
                misses.append(f"{case['id']} {figure['surface']!r}: {claim.subject!r} "
                              f"({claim.subject_via}) for {figure['subject']!r}")
    report = (f"held-out {name} subjects: {found}/{total} figures found; subject right "
              f"{subject_ok / found:.2f}, with its source {source_ok / found:.2f}; facility "
              f"{facility_ok}/{facility_n}")
    print("\n".join([report, *misses]))
    assert subject_ok / found >= FLOORS[name]["subject"], report
    assert facility_ok / max(facility_n, 1) >= FLOORS[name]["facility"], report


LABELS = {"agree": "agree", "conflict": "conflict", "time-conflict": "conflict",
          "possible-conflict": "conflict"}


@pytest.mark.parametrize("name", WITH_ARTICLE_PAIRS)
def test_pairs_of_heldout_articles(name: str) -> None:
    right = total = 0
    by_label: dict[str, list[int]] = {}
    misses = []
    for case in load(name, "article_pairs"):
        sides = []
        for key in ("a", "b"):
            text, offset = document(case[key])
            extraction = battclaims.extract(text, lang=case[key]["lang"],
                                            path=f"{case['id']}-{key}.md")
            sides.append((extraction, offset, case[key]["body"]))
        report = diff("a", [sides[0][0]], "b", [sides[1][0]])
        for figure in case["figures"]:
            spans = []
            for (_, offset, body), key in zip(sides, ("a", "b"), strict=True):
                start = offset + body.index(figure[key])
                spans.append((start, start + len(figure[key])))
            said = "different"
            for pair in report.pairs:
                if all(c.start < end and start < c.end for c, (start, end) in
                       zip((pair.a.claim, pair.b.claim), spans, strict=True)):
                    said = LABELS.get(pair.verdict, "different")
            total += 1
            ok = said == figure["label"]
            right += ok
            by_label.setdefault(figure["label"], [0, 0])
            by_label[figure["label"]][0] += ok
            by_label[figure["label"]][1] += 1
            if not ok:
                misses.append(f"{case['id']} {figure['a']!r} ~ {figure['b']!r}: "
                              f"{figure['label']}, said {said}")
    parts = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_label.items()))
    summary = f"held-out {name} article pairs: {right}/{total} = {right / total:.2f} ({parts})"
    print("\n".join([summary, *misses]))
    assert right / total >= FLOORS[name]["pairs"], summary


WITH_CLAIM_PAIRS = [name for name in SETS if (SETS[name] / "pairs.yaml").exists()]


@pytest.mark.parametrize("name", WITH_CLAIM_PAIRS)
def test_heldout_claim_pairs(name: str) -> None:
    """Two sentences from two pages: paired with an agreeing verdict (same-agree), with a
    conflicting one (same-conflict), or not at all (different)."""
    by_label: dict[str, list[int]] = {}
    misses = []
    for case in load(name, "pairs"):
        sides = []
        for key in ("a", "b"):
            text, offset = document(case[key], "text")
            extraction = battclaims.extract(text, lang=case[key]["lang"],
                                            path=f"{case['id']}-{key}.md")
            start = offset + case[key]["text"].index(case[key]["surface"])
            sides.append((extraction, (start, start + len(case[key]["surface"]))))
        report = diff("a", [sides[0][0]], "b", [sides[1][0]])
        said = "different"
        for pair in report.pairs:
            if all(c.start < end and start < c.end for c, (_, (start, end)) in
                   zip((pair.a.claim, pair.b.claim), sides, strict=True)):
                said = {"agree": "same-agree"}.get(
                    pair.verdict, "same-conflict" if pair.verdict in LABELS else "different")
        counts = by_label.setdefault(case["label"], [0, 0])
        counts[0] += said == case["label"]
        counts[1] += 1
        if said != case["label"]:
            misses.append(f"{case['id']} {case['a']['surface']!r} ~ {case['b']['surface']!r}: "
                          f"{case['label']}, said {said}")
    right = sum(v[0] for v in by_label.values())
    total = sum(v[1] for v in by_label.values())
    parts = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_label.items()))
    summary = f"held-out {name} claim pairs: {right}/{total} = {right / total:.2f} ({parts})"
    print("\n".join([summary, *misses]))
    assert right / total >= FLOORS[name]["claim_pairs"], summary


# v1 reached: subject 0.95, facility 71/90, article pairs 0.90 (first run, before any
# change prompted by these texts: subject 0.58, facility 55/90, pairs 0.80).
# v2, misses unread: subject 0.83, facility 48/59, article pairs 0.70 (first run 0.80,
# 46/59, 0.70; at the start of the session that wrote it: 0.76, 44/59, 0.68).
# v3 (read): article pairs 0.87 (first run 0.765; 0.74 before the session that wrote it).
# v4, misses unread, written at the end of that session: subject 0.80, facility 32/42, article
# pairs 0.67 (the code at the session's start: 0.74, 22/42, 0.65).
# v5 (read, article pairs of stories other than plant announcements): 0.69 (first run 0.67).
# v6 (claim pairs: one sentence of each page with its title and date, as the dev set's
# pairs; read after its first run): 0.73 with the code of the session that wrote it, first
# run 0.75.
# The third matching session (which wrote v6) reached: v1 pairs 0.93, v2 0.75, v3 0.87,
# v4 0.76 (unread), v5 0.80, v6 0.90; v4 subjects 0.85.
# v7 (80 claim pairs of wider EV news: sales, prices, charging, results, materials; written
# blind at the end of that session and never read): 0.74 with the code of its start, 0.76
# after its matching changes, 0.79 after the first recognition changes.
FLOORS = {
    "v1": {"subject": 0.92, "facility": 0.74, "pairs": 0.91},
    "v2": {"subject": 0.80, "facility": 0.78, "pairs": 0.74},
    "v3": {"pairs": 0.84},
    "v4": {"subject": 0.82, "facility": 0.70, "pairs": 0.72},
    "v5": {"pairs": 0.76},
    "v6": {"claim_pairs": 0.87},
    "v7": {"claim_pairs": 0.76},
}


@pytest.mark.parametrize("case", [c for n in WITH_SUBJECTS for c in load(n, "subjects")],
                         ids=lambda c: str(c["id"]))
def test_heldout_surfaces_are_in_their_bodies(case: dict[str, Any]) -> None:
    for figure in case["figures"]:
        assert case["body"].count(figure["surface"]) == 1, figure["surface"]
