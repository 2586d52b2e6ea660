"""Checking claims against the reference database, and against each other.

Each claim of a draft gets one verdict, with an explanation that names the
reference claim, its source and the numbers and dates compared:

=================  ===========================================================
``conflict``       same subject, metric and time as a reference; the values do
                   not overlap (beyond the bounds the wording implies, plus the
                   tolerance)
``time-conflict``  same subject, metric and value; a different date ("from
                   2025" vs "from 2027"). Two "by" targets with different
                   years are different claims, not a conflict.
``outdated``       agrees with a reference that was superseded (or retracted):
                   the current one is shown
``confirmed``      agrees with a current reference
``duplicate``      the same claim said earlier in the same document
``unverified``     no reference claim about it
``vague``          a vague magnitude: shown, never checked
=================  ===========================================================

Candidates are found by blocking on subject, metric and the dimension of the
unit (never every pair); among them the best is chosen by how well the times
agree, the reference's status, and the fuzzy similarity (rapidfuzz) of the
words around the number with the reference's statement.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import units
from .errors import InputError
from .formatting import number
from .matching import ANY_COUNT, compare_times, compare_values, value_bounds
from .model import Claim, Extraction
from .store import Database, Reference

VERDICTS = ("conflict", "time-conflict", "outdated", "duplicate", "confirmed", "unverified",
            "vague")
LEVELS = ("info", "warning", "error")
DEFAULT_SEVERITY: Mapping[str, str] = {
    "conflict": "error", "time-conflict": "error", "outdated": "warning",
    "duplicate": "warning", "confirmed": "info", "unverified": "info", "vague": "info",
}


@dataclass(frozen=True)
class Settings:
    """Tolerances, thresholds and severities, with their documented defaults."""

    tolerance: float = 0.0
    """Relative tolerance added to every value's bounds before comparing (0.02 = 2 %).
    The bounds already allow for hedges and rounding."""
    duplicate_similarity: float = 85.0
    """rapidfuzz ratio (0-100) of two sentences above which two claims with no
    subject or metric but the same figure are the same claim said again."""
    severity: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    """Severity of each verdict: ``info``, ``warning`` or ``error``."""
    fail_on: str = "error"
    """The lowest severity that makes the exit code 1."""

    def level(self, verdict: str) -> str:
        return self.severity.get(verdict, DEFAULT_SEVERITY[verdict])

    def fails(self, severity: str) -> bool:
        """Whether a finding of this severity makes the exit code 1."""
        return self.fail_on in LEVELS and LEVELS.index(severity) >= LEVELS.index(self.fail_on)


@dataclass(frozen=True)
class Finding:
    """A claim's verdict, with what it was compared with and why."""

    claim: Claim
    verdict: str
    severity: str
    explanation: str
    reference: Reference | None = None
    """The reference claim it was judged against."""
    current: Reference | None = None
    """For ``outdated``: the reference that replaces it."""
    first: Claim | None = None
    """For ``duplicate``: the first time the document said it."""

    def to_dict(self) -> dict[str, Any]:
        """The claim as ``extract`` gives it, plus the verdict fields."""
        out = self.claim.to_dict()
        out.update(
            verdict=self.verdict,
            severity=self.severity,
            reference=_reference_dict(self.reference, self.current),
            duplicate_of=({"line": self.first.line, "column": self.first.column,
                           "text": self.first.text} if self.first else None),
            explanation=self.explanation,
        )
        return out


@dataclass(frozen=True)
class DocumentReport:
    """The findings of one document."""

    extraction: Extraction
    findings: tuple[Finding, ...]

    def counts(self) -> dict[str, int]:
        """Number of findings per verdict, every verdict listed."""
        counts = dict.fromkeys(VERDICTS, 0)
        for finding in self.findings:
            counts[finding.verdict] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        out = self.extraction.to_dict()
        out["claims"] = [f.to_dict() for f in self.findings]
        out["counts"] = self.counts()
        return out


@dataclass
class Report:
    """What ``check`` found in every document; it owns the exit code."""

    settings: Settings
    documents: list[DocumentReport] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def failing(self) -> list[Finding]:
        """Findings at or above the failing severity (none when it is ``none``)."""
        return [f for d in self.documents for f in d.findings if self.settings.fails(f.severity)]

    @property
    def return_code(self) -> int:
        """2 when a document could not be read, else 1 when a finding reaches the
        failing severity, else 0."""
        if self.errors:
            return 2
        return 1 if self.failing() else 0


# --- the reference index ---------------------------------------------------------------------


class ReferenceIndex:
    """Reference claims blocked on (kind, subject, metric, dimension of the unit).

    A claim in the generic counted unit ("800 000 unités") is looked up among
    every counted dimension of its subject and metric. Inside a large block,
    only the references that can change the verdict are returned: those of the
    same year, the undated ones, and those whose values overlap (see
    :class:`_Block`), so that checking stays near-linear as the database grows.
    """

    def __init__(self, references: Iterable[Any]) -> None:
        groups: dict[tuple[str, str, str, str], list[Any]] = {}
        self.counted: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
        for reference in references:
            key = block_key(reference)
            if key is not None:
                groups.setdefault(key, []).append(reference)
        self.blocks = {key: _Block(refs) for key, refs in groups.items()}
        for key, block in self.blocks.items():
            if units.is_counted(block.refs[0].unit):
                self.counted.setdefault(key[1:3], []).append(key)

    def candidates(self, claim: Any) -> list[Any]:
        key = block_key(claim)
        if key is None:
            return []
        if claim.unit == ANY_COUNT:  # every counted dimension of this subject and metric
            keys = self.counted.get(key[1:3], [])
        elif units.is_counted(claim.unit):
            keys = [key, (key[0], key[1], key[2], _dimension(ANY_COUNT))]
        else:
            keys = [key]
        found: list[Any] = []
        for each in dict.fromkeys(keys):
            block = self.blocks.get(each)
            if block is not None:
                found += block.candidates(claim)
        return found


class _Block:
    """The references of one block, indexed by year and by value (in log space)."""

    SMALL = 16
    """Blocks up to this size are returned whole."""

    def __init__(self, refs: list[Any]) -> None:
        self.refs = refs
        self.unit = refs[0].unit
        self.by_year: dict[str, list[Any]] = {}
        self.always: list[Any] = []  # undated, unbounded or not positive
        entries: list[tuple[float, float, Any]] = []
        if len(refs) <= self.SMALL or refs[0].kind == "event":
            return
        for ref in refs:
            year = ref.time.date[:4] if ref.time is not None and ref.time.date else None
            if year is None:
                self.always.append(ref)
            else:
                self.by_year.setdefault(year, []).append(ref)
            low, high = _log_bounds(ref, self.unit)
            if low is None or high is None:
                self.always.append(ref)
            else:
                entries.append((low, high, ref))
        entries.sort(key=lambda e: e[0])
        self.lows = [e[0] for e in entries]
        self.entries = entries
        self.width = max((e[1] - e[0] for e in entries), default=0.0)

    def candidates(self, claim: Any) -> list[Any]:
        if len(self.refs) <= self.SMALL or self.refs[0].kind == "event":
            return self.refs
        year = claim.time.date[:4] if claim.time is not None and claim.time.date else None
        if claim.time is None or year is None:  # every time is compatible with no time
            picked = list(self.always)
        else:
            picked = self.by_year.get(year, []) + self.always
        low, high = _log_bounds(claim, self.unit)
        if low is None or high is None:
            return self.refs
        first = bisect.bisect_left(self.lows, low - self.width)
        last = bisect.bisect_right(self.lows, high)
        picked += [e[2] for e in self.entries[first:last] if e[1] >= low]
        return list(dict.fromkeys(picked))


def _log_bounds(claim: Any, unit: str) -> tuple[float | None, float | None]:
    """A claim's bounds in ``unit``, as logarithms; None when unbounded or not positive."""
    low, high = value_bounds(claim, unit)
    if not (0 < low <= high < math.inf):
        return None, None
    return math.log(low), math.log(high)


def block_key(claim: Any) -> tuple[str, str, str, str] | None:
    """What two claims must share to be compared; None when a claim cannot be looked up."""
    if claim.subject is None or claim.metric is None:
        return None
    if claim.kind == "event":
        return ("event", claim.subject, claim.metric, "")
    if claim.unit is None:
        return None
    return ("quantity", claim.subject, claim.metric, _dimension(claim.unit))


@functools.lru_cache(maxsize=4096)
def _dimension(unit: str) -> str:
    return str(units.registry().Unit(unit).dimensionality)


# --- judging ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """How a claim stands against its candidates."""

    verdict: str
    reference: Any
    explanation: str
    current: Any = None


def judge(claim: Any, candidates: Sequence[Any], settings: Settings,
          current_of: Mapping[str, Any] | None = None) -> Judgement:
    """The verdict of one claim against its candidate references.

    ``current_of`` maps a superseded reference's id to the reference that
    replaces it, for ``outdated`` explanations.
    """
    if claim.vague:
        return Judgement("vague", None, f"vague magnitude ({_span(claim)}): cannot be checked")
    if claim.subject is None or claim.metric is None:
        missing = "subject" if claim.subject is None else "metric"
        return Judgement("unverified", None, f"no {missing} found, so no reference to check "
                                             "against")
    if not candidates:
        return Judgement("unverified", None, f"no reference claim about {claim.subject} / "
                                             f"{claim.metric}")
    scored = []
    for reference in candidates:
        if getattr(reference, "vague", False):
            continue
        values = compare_values(claim, reference, settings.tolerance)
        times = compare_times(claim.time, reference.time)
        scored.append((reference, values, times, _score(claim, reference, times)))
    if not scored:
        return Judgement("unverified", None, "only vague references about "
                                             f"{claim.subject} / {claim.metric}")

    def best(rows: list[Any]) -> Any:
        return max(rows, key=lambda row: row[3])

    agreeing = [r for r in scored if r[1].agree and r[2].compatible]
    live = [r for r in agreeing if getattr(r[0], "status", "current") in ("current", "disputed")]
    if live:
        reference, values, times, _ = best(live)
        status = " (a disputed reference)" if getattr(reference, "status", "") == "disputed" else ""
        return Judgement("confirmed", reference,
                         f"agrees with {_name(reference)}{status}: {values.text}; {times.text}")
    if agreeing:
        reference, values, times, _ = best(agreeing)
        current = (current_of or {}).get(reference.id)
        now = (f"; current: {_name(current)}, {_span(current)} {current.unit}"
               if current is not None else "")
        return Judgement("outdated", reference,
                         f"matches {_name(reference)}, which is {reference.status}{now}",
                         current)
    current_rows = [r for r in scored if getattr(r[0], "status", "current") in
                    ("current", "disputed")]
    conflicting = [r for r in current_rows if not r[1].agree and r[2].same]
    if conflicting:
        reference, values, times, _ = best(conflicting)
        return Judgement("conflict", reference,
                         f"conflicts with {_name(reference)}: {values.text}; {times.text}")
    timing = [r for r in current_rows if r[1].agree and r[2].conflict]
    if timing:
        reference, values, times, _ = best(timing)
        return Judgement("time-conflict", reference,
                         f"same figure as {_name(reference)} ({values.text}) but {times.text}")
    reference, values, times, _ = best(scored)
    return Judgement("unverified", None,
                     f"no reference claim on the same fact; nearest: {_name(reference)} "
                     f"({values.text}; {times.text})")


def judge_event(claim: Any, candidates: Sequence[Any]) -> Judgement:
    """An event claim against the reference events of its subject and metric."""
    if claim.subject is None or claim.metric is None:
        return Judgement("unverified", None, "an event with no subject or metric")
    best_conflict = None
    for reference in candidates:
        times = compare_times(claim.time, reference.time)
        if times.same or times.compatible:
            verdict = "confirmed" if reference.status in ("current", "disputed") else "outdated"
            return Judgement(verdict, reference, f"{verdict} by {_name(reference)}: {times.text}")
        if times.conflict and best_conflict is None:
            best_conflict = (reference, times)
    if best_conflict is not None:
        reference, times = best_conflict
        return Judgement("time-conflict", reference, f"{_name(reference)} says otherwise: "
                                                     f"{times.text}")
    return Judgement("unverified", None, f"no reference event about {claim.subject} / "
                                         f"{claim.metric}")


def _score(claim: Any, reference: Any, times: Any) -> tuple[int, int, float]:
    current = 1 if getattr(reference, "status", "current") == "current" else 0
    return (times.rank, current, _similarity(claim.sentence, getattr(reference, "statement",
                                                                     "") or ""))


@functools.lru_cache(maxsize=65536)
def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(a.lower(), b.lower()))


def _name(reference: Any) -> str:
    sources = getattr(reference, "sources", ())
    cited = f", {sources[0].source}" if sources else ""
    return f"{reference.id}{cited}" if hasattr(reference, "id") else "another claim"


def _span(claim: Any) -> str:
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        return f"{number(claim.low)}–{number(claim.high)}"
    return number(claim.value if claim.value is not None else claim.low)


# --- documents ------------------------------------------------------------------------------------


class Checker:
    """Checks documents against a database; build once, check many documents."""

    def __init__(self, database: Database, settings: Settings | None = None) -> None:
        self.database = database
        self.settings = settings or Settings()
        self.index = ReferenceIndex(database.claims)
        by_id = database.by_id()
        self.current_of: dict[str, Reference] = {}
        for reference in database.claims:
            chain, _ = Database.supersession(reference, by_id)
            if len(chain) > 1:
                self.current_of[reference.id] = chain[-1]

    def check(self, extraction: Extraction) -> DocumentReport:
        """The findings of one document."""
        findings = []
        for claim, first in zip(extraction.claims, duplicates(extraction.claims, self.settings),
                                strict=True):
            findings.append(self.finding(claim, first))
        return DocumentReport(extraction, tuple(findings))

    def finding(self, claim: Claim, first: Claim | None) -> Finding:
        settings = self.settings
        if first is not None:
            return Finding(claim, "duplicate", settings.level("duplicate"),
                           f"repeats line {first.line}:{first.column} (“{first.text}”)",
                           first=first)
        candidates = self.index.candidates(claim)
        if claim.kind == "event":
            judgement = judge_event(claim, candidates)
        else:
            judgement = judge(claim, candidates, settings, self.current_of)
        return Finding(claim, judgement.verdict, settings.level(judgement.verdict),
                       judgement.explanation, judgement.reference, judgement.current)


def duplicates(claims: Sequence[Claim], settings: Settings) -> list[Claim | None]:
    """For each claim, the earlier claim of the same document it repeats, or None."""
    seen: dict[Any, list[Claim]] = {}
    firsts: list[Claim | None] = []
    for claim in claims:
        key = block_key(claim) or ("loose", claim.kind, claim.unit, claim.value, claim.qualifier)
        first = None
        for earlier in seen.get(key, ()):
            if same_claim(earlier, claim, settings, loose=key[0] == "loose"):
                first = earlier
                break
        seen.setdefault(key, []).append(claim)
        firsts.append(first)
    return firsts


def same_claim(a: Claim, b: Claim, settings: Settings, loose: bool = False) -> bool:
    """Whether ``b`` says again what ``a`` said."""
    if loose:
        return a.value is not None and _similarity(a.sentence, b.sentence) >= (
            settings.duplicate_similarity)
    times = compare_times(a.time, b.time)
    if not times.same and not (a.time is None and b.time is None):
        return False
    if a.kind == "event":
        return True
    if a.vague or b.vague:
        return a.vague and b.vague
    return compare_values(a, b, settings.tolerance).agree


def check_paths(paths: Iterable[str], database: Database, settings: Settings | None = None, *,
                lang: str | None = None, encoding: str | None = None, stdin: Any = None
                ) -> Iterable[DocumentReport | InputError]:
    """Check documents (files, directories, ``-``), one report or error per file."""
    from .api import extract_paths

    checker = Checker(database, settings)
    for result in extract_paths(paths, lang=lang, encoding=encoding, stdin=stdin,
                                database=database):
        yield result if isinstance(result, InputError) else checker.check(result)


def _reference_dict(reference: Reference | None, current: Reference | None
                    ) -> dict[str, Any] | None:
    if reference is None:
        return None
    out = {
        "id": reference.id, "value": reference.value, "unit": reference.unit,
        "low": reference.low, "high": reference.high, "qualifier": reference.qualifier,
        "time": reference.time.to_dict() if reference.time else None,
        "statement": reference.statement, "status": reference.status,
        "sources": [{"source": c.source, "where": c.where} for c in reference.sources],
        "path": reference.path, "line": reference.line,
    }
    if current is not None:
        out["current"] = {"id": current.id, "value": current.value, "unit": current.unit,
                          "time": current.time.to_dict() if current.time else None}
    return out
