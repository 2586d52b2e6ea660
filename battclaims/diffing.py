"""``battclaims diff A B``: pair the claims of two texts (or two folders of texts).

Claims are paired on the same blocking as ``check`` (subject, metric,
dimension of the unit), or — for claims with no subject or metric, as when
comparing two versions of one draft — on the same unit dimension in sentences
that read alike (rapidfuzz). Each claim of B pairs with at most one claim of A,
the closest in time and wording. A pair is ``agree``, ``conflict`` (a changed
figure, between two versions) or ``time-conflict``; two claims that look alike
but are different facts ("by 2027" vs "by 2030" targets) are listed as
``related``; the rest are only in A or only in B. Repeated claims inside either
side are listed as duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .checking import ReferenceIndex, Settings, _dimension, _similarity, duplicates
from .matching import compare_times, compare_values
from .model import Claim, Extraction

SAME_SENTENCE = 85.0
"""rapidfuzz ratio of two sentences above which they are one sentence in two versions."""
LOOSE_SIMILARITY = 60.0
"""Claims with no subject or metric pair only in sentences at least this alike."""


@dataclass(frozen=True)
class Located:
    """A claim and the document it comes from."""

    path: str | None
    claim: Claim

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, **self.claim.to_dict()}


@dataclass(frozen=True)
class Pair:
    """A claim of A and its counterpart in B."""

    a: Located
    b: Located
    verdict: str
    """``agree``, ``conflict``, ``time-conflict`` (or ``related`` for look-alikes)."""
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "verdict": self.verdict,
                "explanation": self.explanation}


@dataclass
class DiffReport:
    """What two texts say alike and differently; it owns the exit code."""

    a: str
    b: str
    settings: Settings
    pairs: list[Pair] = field(default_factory=list)
    related: list[Pair] = field(default_factory=list)
    only_a: list[Located] = field(default_factory=list)
    only_b: list[Located] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)

    def failing(self) -> list[Pair]:
        """Pairs whose verdict reaches the failing severity."""
        return [p for p in self.pairs
                if p.verdict != "agree" and self.settings.fails(self.settings.level(p.verdict))]

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
            "duplicates": self.duplicates,
        }


def located(extractions: Iterable[Extraction]) -> list[Located]:
    """Every claim of the documents, with its document's path."""
    return [Located(e.path, c) for e in extractions for c in e.claims]


def diff(a_name: str, a: Sequence[Extraction], b_name: str, b: Sequence[Extraction],
         settings: Settings | None = None) -> DiffReport:
    """Pair the claims of ``a`` and ``b`` (lists of extracted documents)."""
    settings = settings or Settings()
    report = DiffReport(a_name, b_name, settings)
    sides = {}
    for side, documents in (("a", a), ("b", b)):
        sides[side] = located(documents)
        for document in documents:
            firsts = duplicates(document.claims, settings)
            for claim, first in zip(document.claims, firsts, strict=True):
                if first is not None:
                    report.duplicates.append({
                        "side": side, "path": document.path, "claim": claim.to_dict(),
                        "first": {"line": first.line, "column": first.column, "text": first.text},
                    })
    strict = ReferenceIndex(item.claim for item in sides["b"])
    number_of = {id(item.claim): number for number, item in enumerate(sides["b"])}
    loose: dict[Any, list[int]] = {}
    for number, item in enumerate(sides["b"]):
        loose.setdefault(_loose_key(item.claim), []).append(number)
    used: set[int] = set()
    for item in sides["a"]:
        best = None
        candidates = [number_of[id(c)] for c in strict.candidates(item.claim)]
        if not candidates:  # no subject or metric: the same kind of figure, worded alike
            candidates = [n for n in loose.get(_loose_key(item.claim), ())
                          if _similarity(item.claim.sentence,
                                         sides["b"][n].claim.sentence) >= LOOSE_SIMILARITY]
        for number in candidates:
            if number in used:
                continue
            other = sides["b"][number]
            pair = _pair(item, other, settings)
            rank = _rank(pair, item, other)
            if best is None or rank > best[0]:
                best = (rank, number, pair)
        if best is None:
            report.only_a.append(item)
            continue
        _, number, pair = best
        if pair.verdict == "related":
            report.related.append(pair)
            report.only_a.append(item)
            continue
        used.add(number)
        report.pairs.append(pair)
    report.only_b = [item for number, item in enumerate(sides["b"]) if number not in used]
    return report


def _loose_key(claim: Claim) -> Any:
    """What two claims with no subject or metric must share to be paired."""
    if claim.kind == "event":
        return ("event",)
    if claim.unit is None or claim.vague:
        return ("bare", claim.unit)
    return ("quantity", _dimension(claim.unit))


def _pair(a: Located, b: Located, settings: Settings) -> Pair:
    times = compare_times(a.claim.time, b.claim.time)
    where = f"{_where(a)} vs {_where(b)}"
    if a.claim.kind == "event" or b.claim.kind == "event":
        verdict = "agree" if times.compatible else ("time-conflict" if times.conflict
                                                     else "related")
        return Pair(a, b, verdict, f"{times.text} ({where})")
    if a.claim.vague or b.claim.vague:
        return Pair(a, b, "related", f"a vague magnitude cannot be compared ({where})")
    values = compare_values(a.claim, b.claim, settings.tolerance)
    if values.agree and times.compatible:
        return Pair(a, b, "agree", f"{values.text}; {times.text} ({where})")
    if times.compatible:
        return Pair(a, b, "conflict", f"changed: {values.text}; {times.text} ({where})")
    if values.agree and times.conflict:
        return Pair(a, b, "time-conflict", f"{values.text}, but {times.text} ({where})")
    return Pair(a, b, "related", f"different facts: {values.text}; {times.text} ({where})")


def _rank(pair: Pair, a: Located, b: Located) -> tuple[int, int, float]:
    """The same sentence first (two versions of a text), then agreement, then wording."""
    similarity = _similarity(a.claim.sentence, b.claim.sentence)
    same_sentence = 1 if similarity >= SAME_SENTENCE else 0
    order = {"agree": 3, "time-conflict": 2, "conflict": 2, "related": 0}[pair.verdict]
    return same_sentence, order, similarity


def _where(item: Located) -> str:
    return f"{item.path or '<text>'}:{item.claim.line}:{item.claim.column}"
