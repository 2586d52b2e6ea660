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

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .formatting import number
from .matching import Evidence, Matcher, compare_times, compare_values, evidence_dict, family
from .model import Claim, Extraction
from .settings import DEFAULT_SEVERITY, LEVELS, VERDICTS, Settings
from .store import Database, Reference

__all__ = ["DEFAULT_SEVERITY", "LEVELS", "VERDICTS", "Checker", "DocumentReport", "Finding",
           "Report", "Settings", "duplicates", "judge", "judge_event"]


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
    evidence: Evidence | None = None
    """Why the claim and its reference are (or may be) the same fact."""

    @property
    def confidence(self) -> float | None:
        """How sure the matcher is that claim and reference state one fact (0-1)."""
        return self.evidence.confidence if self.evidence is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The claim as ``extract`` gives it, plus the verdict fields."""
        out = self.claim.to_dict()
        out.update(
            verdict=self.verdict,
            severity=self.severity,
            confidence=(round(self.confidence, 3) if self.confidence is not None else None),
            reference=_reference_dict(self.reference, self.current),
            duplicate_of=({"line": self.first.line, "column": self.first.column,
                           "text": self.first.text} if self.first else None),
            evidence=evidence_dict(self.evidence) if self.evidence is not None else None,
            explanation=self.explanation,
        )
        return out


@dataclass(frozen=True)
class DocumentReport:
    """The findings of one document."""

    extraction: Extraction
    findings: tuple[Finding, ...]
    settings: Settings = field(default_factory=Settings)
    """The settings it was checked with (a file's own, with its per-file overrides)."""
    suppressed: tuple[tuple[Finding, str], ...] = ()
    """Findings accepted by a comment in the document or by the baseline, with which
    (``comment`` or ``baseline``): not shown, never failing, counted."""

    def failing(self) -> list[Finding]:
        """Findings at or above the document's failing severity."""
        return [f for f in self.findings if self.settings.fails(f.severity)]

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
        out["suppressed"] = len(self.suppressed)
        return out


@dataclass
class Report:
    """What ``check`` found in every document; it owns the exit code."""

    settings: Settings
    documents: list[DocumentReport] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def add(self, result: DocumentReport | InputError) -> None:
        """A document's report, or the input error that stopped it."""
        if isinstance(result, InputError):
            self.errors.append(result)
        else:
            self.documents.append(result)

    @property
    def fail_on(self) -> str:
        """The failing level: the documents' own when they share one (a configuration
        applies per file), ``per-file`` when they differ, else the run's."""
        levels = {d.settings.fail_on for d in self.documents}
        if len(levels) > 1:
            return "per-file"
        return levels.pop() if levels else self.settings.fail_on

    def failing(self) -> list[Finding]:
        """Findings at or above the failing severity of their document (none when it is
        ``none``)."""
        return [f for d in self.documents for f in d.failing()]

    def suppressed(self) -> Counter[str]:
        """How many findings were suppressed, by why (``comment``, ``baseline``)."""
        return Counter(why for d in self.documents for _, why in d.suppressed)

    @property
    def return_code(self) -> int:
        """2 when a document could not be read, else 1 when a finding reaches the
        failing severity, else 0."""
        if self.errors:
            return 2
        return 1 if self.failing() else 0


# --- judging ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """How a claim stands against its candidates."""

    verdict: str
    reference: Any
    explanation: str
    current: Any = None
    evidence: Evidence | None = None


LIVE = ("current", "disputed")


def judge(claim: Any, candidates: Sequence[Any], matcher: Matcher,
          current_of: Mapping[str, Any] | None = None) -> Judgement:
    """The verdict of one claim against its candidate references, weighed by the matcher.

    A reference that states the same fact and agrees confirms the claim (``outdated``
    when that reference was superseded or retracted); otherwise the most likely same
    fact that disagrees makes a ``conflict``, ``time-conflict`` or, below the matcher's
    conflict confidence, a ``possible-conflict``; else the claim is ``unverified`` (with
    its nearest look-alike, if any). ``current_of`` maps a superseded reference's id to
    the reference that replaces it.
    """
    if claim.vague:
        return Judgement("vague", None, f"vague magnitude ({_span(claim)}): cannot be checked")
    weighed = []
    for reference in candidates:
        if getattr(reference, "vague", False):
            continue
        ev = matcher.weigh(claim, reference)
        verdict = matcher.verdict(ev)
        if verdict is not None:
            weighed.append((ev.confidence, verdict, reference, ev))
    weighed.sort(key=lambda row: (-row[0], _status_rank(row[2]), getattr(row[2], "id", "")))
    agreeing = [row for row in weighed if row[1] == "agree"]
    live = [row for row in agreeing if _status(row[2]) in LIVE]
    if live:
        _, _, reference, ev = live[0]
        status = " (a disputed reference)" if _status(reference) == "disputed" else ""
        return Judgement("confirmed", reference,
                         f"agrees with {_name(reference)}{status}: {ev.text()} "
                         f"(confidence {ev.confidence:.2f})", evidence=ev)
    if agreeing:
        _, _, reference, ev = agreeing[0]
        current = (current_of or {}).get(reference.id)
        now = (f"; current: {_name(current)}, {_span(current)} {current.unit}"
               if current is not None else "")
        return Judgement("outdated", reference,
                         f"matches {_name(reference)}, which is {reference.status}{now}: "
                         f"{ev.text()}", current, ev)
    disagreeing = [row for row in weighed if row[1] in ("conflict", "time-conflict",
                                                         "possible-conflict")
                   and _status(row[2]) in LIVE]
    if disagreeing:
        _, verdict, reference, ev = disagreeing[0]
        opening = {"conflict": "conflicts with", "time-conflict": "another date than",
                   "possible-conflict": "may conflict with"}[verdict]
        return Judgement(verdict, reference, f"{opening} {_name(reference)}: {ev.text()} "
                                             f"(confidence {ev.confidence:.2f})", evidence=ev)
    if weighed:
        _, _, reference, ev = weighed[0]
        return Judgement("unverified", None, f"no reference claim on the same fact; nearest: "
                                             f"{_name(reference)} ({ev.text()}; confidence "
                                             f"{ev.confidence:.2f})")
    about = claim.subject or "no subject"
    return Judgement("unverified", None, f"no reference claim about {about} / "
                                         f"{claim.metric or 'no metric'}")


def judge_event(claim: Any, candidates: Sequence[Any],
                current_of: Mapping[str, Any] | None = None) -> Judgement:
    """An event claim against the reference events of its subject and metric
    (``current_of`` as for :func:`judge`: the current reference of an outdated one)."""
    if claim.subject is None or claim.metric is None:
        return Judgement("unverified", None, "an event with no subject or metric")
    best_conflict = None
    for reference in candidates:
        if reference.subject != claim.subject or reference.metric != claim.metric:
            continue
        times = compare_times(claim.time, reference.time)
        if times.same or times.compatible:
            if _status(reference) in LIVE:
                return Judgement("confirmed", reference,
                                 f"confirmed by {_name(reference)}: {times.text}")
            current = (current_of or {}).get(reference.id)
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


def _status(reference: Any) -> str:
    return str(getattr(reference, "status", "current"))


def _status_rank(reference: Any) -> int:
    return 0 if _status(reference) == "current" else 1


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

    def __init__(self, database: Database, settings: Settings | None = None,
                 matcher: Matcher | None = None) -> None:
        self.database = database
        self.settings = settings or Settings()
        self.matcher = matcher or Matcher(database.entities, self.settings.tolerance)
        self.references = list(database.claims)
        self.index = self.matcher.index(self.references)
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
            finding = self.finding(claim, first)
            if self.settings.shown(finding.verdict):  # a verdict set to "off" is not reported
                findings.append(finding)
        return DocumentReport(extraction, tuple(findings), self.settings)

    def finding(self, claim: Claim, first: Claim | None) -> Finding:
        settings = self.settings
        if first is not None:
            return Finding(claim, "duplicate", settings.level("duplicate"),
                           f"repeats line {first.line}:{first.column} (“{first.text}”)",
                           first=first)
        candidates = [self.references[n] for n in self.index.candidates(claim)]
        if claim.kind == "event":
            judgement = judge_event(claim, candidates, self.current_of)
        else:
            judgement = judge(claim, candidates, self.matcher, self.current_of)
        return Finding(claim, judgement.verdict, settings.level(judgement.verdict),
                       judgement.explanation, judgement.reference, judgement.current,
                       evidence=judgement.evidence)


def block_key(claim: Any) -> tuple[str, str, str, str] | None:
    """What two claims of one document must share to be one claim said twice."""
    if claim.subject is None or claim.metric is None:
        return None
    if claim.kind == "event":
        return ("event", claim.subject, claim.metric, "")
    if claim.unit is None:
        return None
    return ("quantity", claim.subject, claim.metric, family(claim.unit))


def duplicates(claims: Sequence[Claim], settings: Settings) -> list[Claim | None]:
    """For each claim, the earlier claim of the same document it repeats, or None. A
    headline's figure that the article then states is not a repetition: headlines are
    never the first of a duplicate."""
    seen: dict[Any, list[Claim]] = {}
    firsts: list[Claim | None] = []
    for claim in claims:
        key = block_key(claim) or ("loose", claim.kind, claim.unit, claim.value, claim.qualifier)
        first = None
        for earlier in seen.get(key, ()):
            if same_claim(earlier, claim, settings, loose=key[0] == "loose"):
                first = earlier
                break
        if not getattr(claim, "headline", False):
            seen.setdefault(key, []).append(claim)
        firsts.append(first)
    return firsts


def _sentence_start(claim: Claim) -> int:
    return claim.start - claim.highlight[0] if claim.highlight else claim.start


def same_claim(a: Claim, b: Claim, settings: Settings, loose: bool = False) -> bool:
    """Whether ``b`` says again what ``a`` said (never within one sentence: "£150m of public
    money, and a further £150m of equity" are two figures)."""
    if a.sentence == b.sentence and _sentence_start(a) == _sentence_start(b):
        return False
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


def _reference_dict(reference: Reference | None, current: Reference | None
                    ) -> dict[str, Any] | None:
    if reference is None:
        return None
    out = {
        "id": reference.id, "value": reference.value, "unit": reference.unit,
        "low": reference.low, "high": reference.high, "qualifier": reference.qualifier,
        "time": reference.time.to_dict() if reference.time else None,
        "facility": reference.facility, "scope": reference.scope,
        "statement": reference.statement, "status": reference.status,
        "sources": [{"source": c.source, "where": c.where} for c in reference.sources],
        "path": reference.path, "line": reference.line,
    }
    if current is not None:
        out["current"] = {"id": current.id, "value": current.value, "unit": current.unit,
                          "time": current.time.to_dict() if current.time else None}
    return out
