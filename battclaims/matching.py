"""Comparing two claims: are they about the same thing, and do they agree?

Two claims are *comparable* when they have the same subject and metric and
units of the same dimension. They then *agree* when their times agree and
their value ranges (the bounds their wording implies, in a common unit)
overlap; a value outside the other's bounds is a *conflict*, and the same
value at a different time a *time conflict*.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

from . import units
from .model import TimeSpan


class Comparable(Protocol):
    """What :func:`compare` needs of a claim (an extracted or a reference one)."""

    @property
    def subject(self) -> str | None: ...
    @property
    def metric(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def value(self) -> float | None: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def vague(self) -> bool: ...
    @property
    def time(self) -> TimeSpan | None: ...


@dataclass(frozen=True)
class Comparison:
    """How two comparable claims relate."""

    verdict: str
    """``agree``, ``conflict``, ``time-conflict`` or ``vague`` (cannot be checked)."""
    reason: str
    """Why, with the numbers and dates compared."""


def comparable(a: Comparable, b: Comparable) -> bool:
    """Same subject, metric and dimension of unit."""
    if a.subject is None or a.metric is None or a.unit is None or b.unit is None:
        return False
    return a.subject == b.subject and a.metric == b.metric and _same_dimension(a.unit, b.unit)


def compare(a: Comparable, b: Comparable) -> Comparison:
    """Compare two comparable claims (see :func:`comparable`)."""
    if a.vague or b.vague:
        return Comparison("vague", "a vague magnitude cannot be checked")
    a_low, a_high = _bounds(a, b.unit or "")
    b_low, b_high = _bounds(b, b.unit or "")
    values_agree = a_low <= b_high and b_low <= a_high
    time_agrees, time_reason = _times(a.time, b.time)
    numbers = f"{_range(a_low, a_high)} vs {_range(b_low, b_high)} {b.unit}"
    if values_agree and time_agrees:
        return Comparison("agree", f"{numbers} overlap; {time_reason}")
    if values_agree:
        return Comparison("time-conflict", f"{numbers} agree, but {time_reason}")
    if time_agrees:
        return Comparison("conflict", f"{numbers} do not overlap; {time_reason}")
    return Comparison("different", f"{numbers} and {time_reason}")


def _bounds(claim: Comparable, unit: str) -> tuple[float, float]:
    factor = _factor(claim.unit or unit, unit)
    low = claim.low if claim.low is not None else (claim.value if claim.value is not None
                                                   else float("-inf"))
    high = claim.high if claim.high is not None else (claim.value if claim.value is not None
                                                      else float("inf"))
    if claim.low is None and claim.high is not None:
        low = float("-inf")
    if claim.high is None and claim.low is not None:
        high = float("inf")
    return low * factor, high * factor


def _times(a: TimeSpan | None, b: TimeSpan | None) -> tuple[bool, str]:
    if a is None or b is None or (a.date is None and b.date is None):
        return True, "no time to compare" if a is None or b is None else "times not dated"
    if a.date is None or b.date is None:
        return True, "one time is not dated"
    same_relation = a.relation == b.relation or None in (a.relation, b.relation)
    if same_relation and (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return True, f"same time ({a.relation or ''} {a.date} / {b.relation or ''} {b.date})"
    return False, (f"different times ({a.relation or ''} {a.date} vs "
                   f"{b.relation or ''} {b.date})").replace("( ", "(").replace("vs  ", "vs ")


def _range(low: float, high: float) -> str:
    if low == high:
        return f"{low:g}"
    return f"{low:g}–{high:g}"


@functools.lru_cache(maxsize=4096)
def _same_dimension(a: str, b: str) -> bool:
    return units.same_dimension(a, b)


@functools.lru_cache(maxsize=4096)
def _factor(source: str, target: str) -> float:
    """What multiplies a value in ``source`` units to express it in ``target`` units."""
    if source == target:
        return 1.0
    ureg = units.registry()
    return float((1 * ureg.Unit(source)).to(ureg.Unit(target)).magnitude)
