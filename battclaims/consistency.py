"""Contradictions inside the reference database: pairs of current claims that state one
fact differently, judged by the matcher ``check`` uses. ``claims validate`` reports them,
and ``claims add`` holds a claim that would make one. After :mod:`.matching` in the
pipeline (the database itself, :mod:`.store`, knows nothing of matching)."""

from __future__ import annotations

from collections.abc import Iterable

from .matching import (
    OPEN_FACTOR,
    Matcher,
    _bounds,
    _to_base,
    compare_places,
    compare_times,
    compare_values,
)
from .records import record
from .store import Database, Reference


@record
class Contradiction:
    """Two current claims of the database that state one fact differently."""

    claim: Reference
    """The later of the two (by file and line), where it is reported."""
    other: Reference
    verdict: str
    """``conflict`` (other values, same time) or ``time-conflict`` (same value, other
    dates), as ``check`` would call them."""
    explanation: str
    compared: str = ""
    """The figures and dates compared, in short (``16 vs 12 GWh / year, both from 2025``)."""

    def __str__(self) -> str:
        other = self.other
        return (f"{self.claim.path}:{self.claim.line}: claim {self.claim.id!r} contradicts "
                f"{other.id!r} ({other.path}:{other.line}): {self.explanation}")


def contradictions(database: Database, among: Iterable[str] | None = None,
                   tolerance: float = 0.0) -> list[Contradiction]:
    """The pairs of current claims that contradict each other, by the matcher ``check``
    uses: the same fact (subject, metric, plant, scope, the words around the figures)
    with values that do not overlap at one time (a conflict), or with the same value at
    other dates (a time-conflict); events of one subject and metric at other dates
    (unless both name their plants, and the plants differ). Superseded, retracted,
    disputed and vague claims are left out, and so are other values at a time the
    database cannot date (a relative time with no publication date) against another
    time: nothing says they are one time.

    Claims are blocked by subject and metric, and within a block only the pairs that
    could contradict are weighed (the same year or an undated side; values that may
    overlap), so a large database stays fast. With ``among`` (claim ids), only the
    pairs involving one of them are looked at (``claims add``)."""
    wanted = set(among) if among is not None else None
    blocks: dict[tuple[str, str, str], list[Reference]] = {}
    for claim in database.claims:
        if claim.status == "current" and not claim.vague:
            blocks.setdefault((claim.kind, claim.subject, claim.metric), []).append(claim)
    matcher = Matcher(database.entities, tolerance)
    found: list[Contradiction] = []
    for (kind, _subject, _metric), block in sorted(blocks.items()):
        if len(block) < 2 or (wanted is not None and not any(c.id in wanted for c in block)):
            continue
        block.sort(key=lambda c: (c.path, c.line, c.id))
        pairs = (((i, j) for j in range(len(block)) for i in range(j)) if kind == "event"
                 else _comparable(block, tolerance))
        for i, j in sorted(pairs):
            earlier, later = block[i], block[j]
            if wanted is not None and earlier.id not in wanted and later.id not in wanted:
                continue
            if kind == "event":
                if (earlier.facility and later.facility
                        and compare_places(later.facility, earlier.facility) == "different"):
                    continue  # two plants' openings
                times = compare_times(later.time, earlier.time)
                if times.conflict:
                    found.append(Contradiction(later, earlier, "time-conflict",
                                               f"another date: {times.text}", times.text))
                continue
            times = compare_times(later.time, earlier.time)
            values = compare_values(later, earlier, tolerance, open_factor=OPEN_FACTOR)
            if values.agree == times.compatible:
                continue  # the same fact agreeing, or two facts: never a contradiction
            evidence = matcher.weigh(later, earlier)
            verdict = matcher.verdict(evidence)
            if verdict == "conflict" and _undated(later, earlier, times.same):
                continue
            if verdict in ("conflict", "time-conflict"):
                what = "other values" if verdict == "conflict" else "the same value, another date"
                compared = [values.text, times.text]
                found.append(Contradiction(
                    later, earlier, str(verdict),
                    f"{what}: {evidence.text()} (confidence {evidence.confidence:.2f})",
                    ", ".join(compared if verdict == "conflict" else compared[::-1])))
    found.sort(key=lambda c: (c.claim.path, c.claim.line, c.other.path, c.other.line))
    return found


def _undated(a: Reference, b: Reference, same_time: bool) -> bool:
    """Whether two claims both have a time that the database cannot compare: one side
    known only relative to an unknown publication date ("within three years") against
    another time. The matcher calls such times compatible, as nothing says they differ,
    but nothing says they are one time either: not a contradiction of the database."""
    return (a.time is not None and b.time is not None and not same_time
            and (a.time.date is None or b.time.date is None))


def _comparable(block: list[Reference], tolerance: float) -> set[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of one block's figures that could contradict: a
    conflict needs compatible times (the same year, or a side with no date), a
    time-conflict values that agree (so bounds that overlap, in base units, with a
    margin). A superset of what the matcher can call a contradiction."""
    pairs: set[tuple[int, int]] = set()
    by_year: dict[str, list[int]] = {}
    undated: list[int] = []
    for n, claim in enumerate(block):
        if claim.time is not None and claim.time.date:
            by_year.setdefault(claim.time.date[:4], []).append(n)
        else:
            undated.append(n)
    for group in by_year.values():
        pairs.update((group[a], group[b]) for b in range(len(group)) for a in range(b))
    for n in undated:
        pairs.update((min(n, m), max(n, m)) for m in range(len(block)) if m != n)
    spans: list[tuple[float, float, int]] = []
    margin = MARGIN * (1 + tolerance)
    for n, claim in enumerate(block):
        if claim.value is None and claim.low is None and claim.high is None:
            continue
        low, high = _bounds(claim, _to_base(claim.unit), 0.0, OPEN_FACTOR)
        spans.append((low / margin if low > 0 else low * margin,
                      high * margin if high > 0 else high / margin, n))
    spans.sort()
    for a, (_, high, n) in enumerate(spans):  # sorted by low bound: a sweep
        b = a + 1
        while b < len(spans) and spans[b][0] <= high:
            m = spans[b][2]
            pairs.add((min(n, m), max(n, m)))
            b += 1
    return pairs


MARGIN = 1.000001
"""How far (a factor) bounds are widened, beyond the tolerance, before looking for
overlaps: room for the rounding errors of unit conversions."""
