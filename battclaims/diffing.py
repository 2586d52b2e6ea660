"""``battclaims diff A B``: pair the claims of two texts (or two folders of texts).

Claims are paired by the matcher that ``check`` uses
(:class:`~battclaims.matching.Matcher`): candidates of the same unit family and
subject (or an unknown one) in the same year or of a close value, weighed on
subject, metric, the concepts of their words, values and times. Each claim of B
pairs with at most one claim of A, best confidence first. A pair is ``agree``,
``conflict`` (a changed figure, between two versions) or ``time-conflict``; two
claims that look alike but are different facts ("by 2027" vs "by 2030" targets)
are listed as ``related``; the rest are only in A or only in B. Repeated claims
inside either side are listed as duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from typing import Any

from .checking import Settings, duplicates
from .matching import Evidence, Match, Matcher, compare_values, evidence_dict
from .model import Claim, Extraction
from .records import record

MAX_REPEATS = 8
"""At most this many repeated occurrences listed with a pair."""


@record
class Located:
    """A claim and the document it comes from."""

    path: str | None
    claim: Claim

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, **self.claim.to_dict()}


@record
class Repeat:
    """A claim that one side states again: listed once, paired at its first statement."""

    side: str
    """``a`` or ``b``."""
    path: str | None
    claim: Claim
    first: Claim

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "path": self.path, "claim": self.claim.to_dict(),
                "first": {"line": self.first.line, "column": self.first.column,
                          "text": self.first.text}}


@record
class Pair:
    """A claim of A and its counterpart in B."""

    a: Located
    b: Located
    verdict: str
    """``agree``, ``conflict``, ``possible-conflict``, ``time-conflict`` (or ``related``
    for look-alikes)."""
    explanation: str
    evidence: Evidence | None = None
    repeats: tuple[tuple[Located, Located], ...] = ()
    """The same two figures where either side repeats them: an editor fixes them all."""

    @property
    def confidence(self) -> float | None:
        return self.evidence.confidence if self.evidence is not None else None

    def to_dict(self) -> dict[str, Any]:
        confidence = round(self.confidence, 3) if self.confidence is not None else None
        out: dict[str, Any] = {"a": self.a.to_dict(), "b": self.b.to_dict(),
                               "verdict": self.verdict, "confidence": confidence,
                               "explanation": self.explanation}
        if self.evidence is not None:
            out["evidence"] = evidence_dict(self.evidence)
        if self.repeats:
            out["repeats"] = [{"a": a.to_dict(), "b": b.to_dict(), "verdict": self.verdict}
                              for a, b in self.repeats]
        return out


@record(frozen=False)
class DiffReport:
    """What two texts say alike and differently; it owns the exit code."""

    a: str
    b: str
    settings: Settings
    pairs: list[Pair] = field(default_factory=list)
    related: list[Pair] = field(default_factory=list)
    only_a: list[Located] = field(default_factory=list)
    only_b: list[Located] = field(default_factory=list)
    duplicates: list[Repeat] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)

    def failing(self) -> list[Pair | Repeat]:
        """Pairs and repeats whose verdict reaches the failing severity (``--fail-on``)."""
        fails = self.settings.fails
        repeats = self.duplicates if fails(self.settings.level("duplicate")) else []
        return [*(p for p in self.pairs
                  if p.verdict != "agree" and fails(self.settings.level(p.verdict))), *repeats]

    @property
    def return_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failing() else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1, "a": self.a, "b": self.b,
            "pairs": [p.to_dict() for p in self.pairs],
            "related": [p.to_dict() for p in self.related],
            "only_a": [c.to_dict() for c in self.only_a],
            "only_b": [c.to_dict() for c in self.only_b],
            "duplicates": [d.to_dict() for d in self.duplicates],
        }


def located(extractions: Iterable[Extraction]) -> list[Located]:
    """Every claim of the documents, with its document's path."""
    return [Located(e.path, c) for e in extractions for c in e.claims]


def diff(a_name: str, a: Sequence[Extraction], b_name: str, b: Sequence[Extraction],
         settings: Settings | None = None, matcher: Matcher | None = None) -> DiffReport:
    """Pair the claims of ``a`` and ``b`` (lists of extracted documents) one to one with the
    scored matcher (:class:`~battclaims.matching.Matcher`)."""
    settings = settings or Settings()
    matcher = matcher or Matcher(tolerance=settings.tolerance)
    report = DiffReport(a_name, b_name, settings)
    sides: dict[str, list[Located]] = {"a": [], "b": []}
    repeated: dict[int, list[Located]] = {}  # id of a first claim -> its repeats
    for side, documents in (("a", a), ("b", b)):
        for document in documents:  # a repeated claim is listed once, paired at its first
            firsts = duplicates(document.claims, settings)
            firsts = [first or _restated(claim, document.claims, settings)
                      for claim, first in zip(document.claims, firsts, strict=True)]
            for claim, first in zip(document.claims, firsts, strict=True):
                if first is None:
                    sides[side].append(Located(document.path, claim))
                    continue
                repeated.setdefault(id(first), []).append(Located(document.path, claim))
                report.duplicates.append(Repeat(side, document.path, claim, first))
    pairs, related = matcher.pair([item.claim for item in sides["a"]],
                                  [item.claim for item in sides["b"]])
    for match in pairs:
        pair = _pair(sides["a"][match.a], sides["b"][match.b], match)
        a_all = [pair.a, *repeated.get(id(pair.a.claim), ())]
        b_all = [pair.b, *repeated.get(id(pair.b.claim), ())]
        repeats = tuple((x, y) for x in a_all for y in b_all if (x, y) != (pair.a, pair.b))
        report.pairs.append(replace(pair, repeats=repeats[:MAX_REPEATS]))
    for match in related:
        report.related.append(_pair(sides["a"][match.a], sides["b"][match.b], match))
    paired_a = {m.a for m in pairs}
    paired_b = {m.b for m in pairs}
    report.only_a = [item for n, item in enumerate(sides["a"]) if n not in paired_a]
    report.only_b = [item for n, item in enumerate(sides["b"]) if n not in paired_b]
    shown = settings.shown  # a verdict set to "off" is not reported
    report.pairs = [p for p in report.pairs if shown(p.verdict)]
    report.related = [p for p in report.related if shown(p.verdict)]
    report.duplicates = [d for d in report.duplicates if shown("duplicate")]
    return report


def _restated(claim: Claim, claims: Sequence[Claim], settings: Settings) -> Claim | None:
    """The claim of the article that states a headline's figure again ("Cellvia lève 320
    M€" … "une levée de fonds de 320 millions d'euros"): the article's is the one paired."""
    if not claim.headline or claim.kind != "quantity":
        return None
    return next((c for c in claims if not c.headline and c.kind == "quantity"
                 and c.unit == claim.unit and c.subject in (claim.subject, None)
                 and compare_values(claim, c, settings.tolerance).agree), None)


_OPENING = {"agree": "", "conflict": "changed: ", "possible-conflict": "possibly changed: ",
            "time-conflict": "another date: ", "related": "different facts: "}


def _pair(a: Located, b: Located, match: Match) -> Pair:
    ev = match.evidence
    explanation = (f"{_OPENING.get(match.verdict, '')}{ev.text()} "
                   f"(confidence {ev.confidence:.2f}; {_where(a)} vs {_where(b)})")
    return Pair(a, b, match.verdict, explanation, ev)


def _where(item: Located) -> str:
    return f"{item.path or '<text>'}:{item.claim.line}:{item.claim.column}"
