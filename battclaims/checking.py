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
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from typing import Any

from . import collector
from .errors import InputError
from .formatting import number
from .matching import (
    AGREE,
    RATIO_CLASSES,
    TARGET_RELATIONS,
    Bound,
    Evidence,
    Matcher,
    Profile,
    ValueSlices,
    _sigmoid,
    compare_times,
    compare_values,
    evidence_dict,
    family,
    profile,
)
from .model import Claim, Extraction, TimeSpan
from .records import record
from .settings import DEFAULT_SEVERITY, LEVELS, VERDICTS, Settings
from .store import Database, Reference

__all__ = ["DEFAULT_SEVERITY", "LEVELS", "VERDICTS", "Checker", "DocumentReport", "Finding",
           "Report", "Settings", "duplicates", "judge", "judge_event"]


@record
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


@record
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


@record(frozen=False)
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


@record
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
    return _chosen(claim, weigh_all(claim, candidates, matcher), current_of)


Row = tuple[float, str, Any, Evidence]
"""A candidate weighed: confidence, verdict, reference, evidence."""


def weigh_all(claim: Any, candidates: Sequence[Any], matcher: Matcher) -> list[Row]:
    """The candidates that state, or may state, the claim's fact, weighed."""
    weighed = []
    for reference in candidates:
        if getattr(reference, "vague", False):
            continue
        ev = matcher.weigh(claim, reference)
        verdict = matcher.verdict(ev)
        if verdict is not None:
            weighed.append((ev.confidence, verdict, reference, ev))
    return weighed


DISAGREE = ("conflict", "time-conflict", "possible-conflict")


def _chosen(claim: Any, weighed: list[Row], current_of: Mapping[str, Any] | None
            ) -> Judgement:
    """The verdict from the weighed candidates (see :func:`judge`)."""
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
    disagreeing = [row for row in weighed if row[1] in DISAGREE and _status(row[2]) in LIVE]
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
    (``current_of`` as for :func:`judge`: the current reference of an outdated one): the
    first reference whose time may be the claim's confirms it (or says it is outdated);
    failing that, the first whose date contradicts it is a time-conflict."""
    return EventBlock([c for c in candidates if c.subject == claim.subject
                       and c.metric == claim.metric]).judge(claim, current_of)


class EventBlock:
    """The reference events of one subject and metric, in order, indexed by date so that
    :meth:`judge` finds the first whose time may be a claim's (:func:`compare_times`:
    no date on either side, or one date the start of the other) without reading the others:
    its cost grows with the dates that may match, not with the database."""

    def __init__(self, references: Sequence[Any]) -> None:
        self.references = references
        self.undated: int | None = None
        """The first reference with no time or no date: any time may be its."""
        self.first_of: dict[str, int] = {}
        """The first reference of each date."""
        self.firm: int | None = None
        """The first reference with a time that is not a target ("by 2027"): when no
        reference's time may be the claim's, the first that contradicts it."""
        for n, reference in enumerate(references):
            time = reference.time
            if time is None or time.date is None:
                if self.undated is None:
                    self.undated = n
            else:
                self.first_of.setdefault(time.date, n)
            if time is not None and time.relation not in TARGET_RELATIONS and self.firm is None:
                self.firm = n
        self.dates = sorted(self.first_of)

    def compatible(self, time: TimeSpan | None) -> int | None:
        """The first reference whose time may be ``time``, or None."""
        if not self.references:
            return None
        if time is None or time.date is None:
            return 0
        date = time.date
        found = [self.undated] if self.undated is not None else []
        # its date's start ("2025" for "2025-03"), or a date that starts with it
        found += [self.first_of[date[:k]] for k in range(len(date) + 1)
                  if date[:k] in self.first_of]
        k = bisect.bisect_left(self.dates, date)
        while k < len(self.dates) and self.dates[k].startswith(date):
            found.append(self.first_of[self.dates[k]])
            k += 1
        return min(found, default=None)

    def judge(self, claim: Any, current_of: Mapping[str, Any] | None = None) -> Judgement:
        """:func:`judge_event`, for a claim of this block's subject and metric."""
        if claim.subject is None or claim.metric is None:
            return Judgement("unverified", None, "an event with no subject or metric")
        n = self.compatible(claim.time)
        if n is not None:
            reference = self.references[n]
            times = compare_times(claim.time, reference.time)
            if _status(reference) in LIVE:
                return Judgement("confirmed", reference,
                                 f"confirmed by {_name(reference)}: {times.text}")
            current = (current_of or {}).get(reference.id)
            now = f"; current: {_name(current)}" if current is not None else ""
            return Judgement("outdated", reference, f"matches {_name(reference)}, which is "
                             f"{_status(reference)}{now}: {times.text}", current)
        if self.firm is not None and claim.time.relation not in TARGET_RELATIONS:
            # no reference's time may be the claim's: each has another date
            reference = self.references[self.firm]
            times = compare_times(claim.time, reference.time)
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

    return float(fuzz.token_set_ratio(_wording(a), _wording(b)))


def _wording(sentence: str) -> str:
    """A sentence as :func:`_similarity` compares it: lower case, its words split where
    Python splits them and joined by one space. rapidfuzz splits words itself, but not
    alike in every string: in one whose characters all fit in Latin-1 a no-break space
    (``"500\u00a0000"``, common in French) is not a space, in any other string it is;
    so the same words would compare differently next to a "’" or a "€"."""
    return " ".join(sentence.lower().split())


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
        with collector.paused():  # (an index of the database: many objects, no cycle)
            self.database = database
            self.settings = settings or Settings()
            self.matcher = matcher or Matcher(database.entities, self.settings.tolerance)
            self.references = list(database.claims)
            self.index = self.matcher.index(self.references)
            self.profiles: list[Profile | None] = [None] * len(self.references)
            """What the score bound reads of each reference, read when it is first a candidate
            (:class:`_Search`), then kept."""
            self.slices: dict[int, ValueSlices] = {}
            """The large blocks of the index, searched by value (built when first read)."""
            blocks: dict[tuple[str | None, str | None], list[Reference]] = {}
            for subject, numbers in self.index.events.items():
                for n in numbers:
                    blocks.setdefault((subject, self.references[n].metric), []).append(
                        self.references[n])
            self.events = {key: EventBlock(block) for key, block in blocks.items()}
            """The reference events of each subject and metric, in the index's order."""
            by_id = database.by_id()
            self.current_of: dict[str, Reference] = {}
            for reference in database.claims:
                chain, _ = Database.supersession(reference, by_id)
                if len(chain) > 1:
                    self.current_of[reference.id] = chain[-1]

    def check(self, extraction: Extraction) -> DocumentReport:
        """The findings of one document."""
        findings = []
        with collector.paused():
            for claim, first in zip(extraction.claims,
                                    duplicates(extraction.claims, self.settings), strict=True):
                finding = self.finding(claim, first)
                if self.settings.shown(finding.verdict):  # "off": a verdict not reported
                    findings.append(finding)
        return DocumentReport(extraction, tuple(findings), self.settings)

    def finding(self, claim: Claim, first: Claim | None) -> Finding:
        settings = self.settings
        if first is not None:
            return Finding(claim, "duplicate", settings.level("duplicate"),
                           f"repeats line {first.line}:{first.column} (“{first.text}”)",
                           first=first)
        if claim.kind == "event":
            # only the events of the claim's subject and metric, indexed by date
            block = self.events.get((claim.subject, claim.metric)) or EventBlock(())
            judgement = block.judge(claim, self.current_of)
        else:
            judgement = self.judge(claim)
        return Finding(claim, judgement.verdict, settings.level(judgement.verdict),
                       judgement.explanation, judgement.reference, judgement.current,
                       evidence=judgement.evidence)

    BIG_BLOCK = 64
    """A subject's figures of one family beyond this many are searched by value."""

    def judge(self, claim: Claim) -> Judgement:
        """:func:`judge` against the claim's candidates, weighing only those that may
        change the verdict, best possible first (:class:`~battclaims.matching.Bound`):
        the candidates and, of a large block (a subject's figures), those whose value may
        agree — once a current figure agrees, only a better agreeing one may change the
        verdict (no other figure can agree) —; when none agrees, the block's rings of
        growing value ratio, for as long as their best possible confidence may still
        reach the best disagreeing figure or, when there is none, the nearest
        look-alike."""
        if claim.vague:
            return judge(claim, [], self.matcher, self.current_of)
        numbers, blocks = self.index.parts(claim, self.BIG_BLOCK)
        references, matcher = self.references, self.matcher
        slices = []
        for block in blocks:
            if id(block) not in self.slices:
                self.slices[id(block)] = ValueSlices(references, block,
                                                     self.settings.tolerance)
            slices.append(self.slices[id(block)])
        search = _Search(claim, references, self.profiles, matcher)
        agreeable = list(numbers)
        for block, part in zip(blocks, slices, strict=True):
            found = part.agreeable(claim, self.settings.tolerance)
            agreeable += block if found is None else found
        search.run(AGREE, agreeable, search.may_confirm)
        if search.agreeing:
            return _chosen(claim, search.weighed, self.current_of)
        for ratio, feature in RATIO_CLASSES:
            if not search.may_matter(_sigmoid(search.bound.score(feature))):
                break
            ring: list[int] = []
            for block, part in zip(blocks, slices, strict=True):
                found = part.ring(claim, ratio)
                ring += block if found is None else found
            search.run(feature, ring, search.may_matter)
        return _chosen(claim, search.weighed, self.current_of)


class _Search:
    """The candidates of one claim weighed so far, and the best of each kind."""

    def __init__(self, claim: Claim, references: Sequence[Reference],
                 profiles: list[Profile | None], matcher: Matcher) -> None:
        self.claim, self.references, self.matcher = claim, references, matcher
        self.profiles = profiles
        self.bound = Bound(claim, matcher.config)
        self.seen: set[int] = set()
        self.weighed: list[Row] = []
        self.agreeing = False
        self.live_agree = -1.0
        """The best confidence of a current (or disputed) reference that agrees."""
        self.live_disagree = -1.0
        """The best confidence of a current (or disputed) reference that disagrees."""
        self.nearest = -1.0
        """The best confidence of any reference weighed."""

    def run(self, feature: str, found: list[int], matters: Callable[[float], bool]) -> None:
        """Weigh the figures found not yet weighed, best possible first, while they may
        matter (their value feature being ``feature`` or a worse one)."""
        fresh = [n for n in dict.fromkeys(found) if n not in self.seen]
        bound, profiles, read = self.bound, self.profiles, self._profile
        if not fresh or not matters(_sigmoid(bound.score(feature))):
            return
        self.seen.update(fresh)  # those not weighed cannot matter here nor later
        ranked = sorted([(bound.score(feature, profiles[n] or read(n)), n) for n in fresh],
                        reverse=True)
        for best, n in ranked:
            if not matters(_sigmoid(best)):
                break  # nor any after it: the bar only rises
            for row in weigh_all(self.claim, [self.references[n]], self.matcher):
                self.weighed.append(row)
                live = _status(row[2]) in LIVE
                self.nearest = max(self.nearest, row[0])
                if row[1] == "agree":
                    self.agreeing = True
                    if live:
                        self.live_agree = max(self.live_agree, row[0])
                elif row[1] in DISAGREE and live:
                    self.live_disagree = max(self.live_disagree, row[0])

    def _profile(self, n: int) -> Profile:
        """The profile of the ``n``-th reference, read and kept."""
        found = self.profiles[n] = profile(self.references[n], self.matcher.config)
        return found

    def may_confirm(self, bound: float) -> bool:
        """Whether a figure with at most ``bound`` confidence may change the verdict: until
        a current figure agrees, any may; then only a better one."""
        return self.live_agree < 0 or bound >= self.live_agree

    def may_matter(self, bound: float) -> bool:
        """Whether a figure that does not agree, with at most ``bound`` confidence, may
        change the verdict of a claim no figure agrees with: be a better disagreeing
        figure than the best found, or when none was found one at all, or else a nearer
        look-alike."""
        if self.live_disagree >= 0:
            return bound >= self.live_disagree
        if bound >= self.matcher.config.pair:
            return True
        return bound >= (self.nearest if self.weighed else self.matcher.config.related)


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
    never the first of a duplicate.

    Claims are blocked by :func:`block_key`; claims with no subject or metric by their
    exact value, whose sentences are compared with all the block's earlier ones at once
    (:class:`_LooseBlock`)."""
    seen: dict[Any, list[Claim]] = {}
    loose: dict[Any, _LooseBlock] = {}
    firsts: list[Claim | None] = []
    for claim in claims:
        key = block_key(claim)
        first = None
        if key is None:
            block = loose.setdefault((claim.kind, claim.unit, claim.value, claim.qualifier),
                                     _LooseBlock(settings))
            first = block.first(claim)
            if not getattr(claim, "headline", False):
                block.add(claim)
            firsts.append(first)
            continue
        for earlier in seen.get(key, ()):
            if same_claim(earlier, claim, settings):
                first = earlier
                break
        if not getattr(claim, "headline", False):
            seen.setdefault(key, []).append(claim)
        firsts.append(first)
    return firsts


class _LooseBlock:
    """The earlier claims of one value with no subject or metric: a claim repeats the first
    of them (:func:`same_claim`, ``loose``) whose sentence reads alike, found by scoring
    the block's distinct sentences at once (rapidfuzz's ``process.extract`` with the
    similarity as ``score_cutoff``: a sentence below it is never a repetition)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.claims: list[Claim] = []
        self.by_sentence: dict[str, list[int]] = {}
        """The claims of each distinct sentence (its :func:`_wording`), by their order."""

    def add(self, claim: Claim) -> None:
        self.by_sentence.setdefault(_wording(claim.sentence), []).append(len(self.claims))
        self.claims.append(claim)

    def first(self, claim: Claim) -> Claim | None:
        if not self.claims or claim.value is None:
            return None  # a claim with no value never repeats in a loose block
        from rapidfuzz import fuzz, process

        alike = process.extract(_wording(claim.sentence), list(self.by_sentence),
                                scorer=fuzz.token_set_ratio, limit=None,
                                score_cutoff=self.settings.duplicate_similarity)
        found = sorted(n for sentence, _score, _ in alike for n in self.by_sentence[sentence])
        return next((self.claims[n] for n in found
                     if same_claim(self.claims[n], claim, self.settings, loose=True)), None)


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
