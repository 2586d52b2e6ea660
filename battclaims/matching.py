"""Comparing two claims: do their values and their times agree?

Values are compared through their bounds (the range their wording implies:
a hedge, a range, a rounded figure), converted to a common unit, widened by a
relative tolerance: they agree when the two ranges overlap.

Times agree when their dates are the same at the coarser precision ("2025"
and "2025-03"). Different dates conflict, except when either is a target
("by 2027" and "by 2030" are two different targets, not one fact twice).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from . import units
from .formatting import number, time_words
from .model import TimeSpan

TARGET_RELATIONS = frozenset({"by", "until"})
"""Relations whose different dates make different claims, not a conflict."""
ANY_COUNT = "unit"
"""The generic counted unit ("800 000 unités"): it compares with any counted thing."""


@dataclass(frozen=True)
class ValueComparison:
    """Whether two claims' values agree, and the numbers compared."""

    agree: bool
    a: Any
    b: Any
    factor: float

    @property
    def text(self) -> str:
        """The numbers compared, in the second claim's unit (built only when shown)."""
        unit = f" {self.b.unit}" if self.b.unit else ""
        return f"{_range(self.a, self.factor)} vs {_range(self.b, 1.0)}{unit}"


@dataclass(frozen=True)
class TimeComparison:
    """How two claims' times relate."""

    same: bool
    """The same time (or no time on either side)."""
    compatible: bool
    """Nothing says they differ (same time, or one is missing or undated)."""
    conflict: bool
    """Different dates for a fact that has one date ("from 2025" vs "from 2027")."""
    rank: int
    """How closely they match, for choosing between candidates (higher is closer)."""
    text: str
    """The times compared, for explanations."""


def compare_values(a: Any, b: Any, tolerance: float = 0.0) -> ValueComparison:
    """Compare ``a``'s value with ``b``'s, in ``b``'s unit."""
    factor = _factor(a.unit, b.unit) if a.unit and b.unit else 1.0
    a_low, a_high = _bounds(a, factor, tolerance)
    b_low, b_high = _bounds(b, 1.0, tolerance)
    return ValueComparison(a_low <= b_high and b_low <= a_high, a, b, factor)


def compare_times(a: TimeSpan | None, b: TimeSpan | None) -> TimeComparison:
    """Compare two times (see the module's rules)."""
    if a is None and b is None:
        return TimeComparison(True, True, False, 2, "no time on either side")
    if a is None or b is None:
        given = (a or b)
        assert given is not None
        return TimeComparison(False, True, False, 1, f"one side has no time ({_time(given)})")
    if a.date is None or b.date is None:
        if a.date is None and b.date is None and a.relative == b.relative:
            return TimeComparison(a.relation == b.relation, True, False, 2,
                                  f"both {_time(a)}")
        return TimeComparison(False, True, False, 1, f"{_time(a)} vs {_time(b)} (undated)")
    relations_agree = a.relation == b.relation or None in (a.relation, b.relation)
    if a.date.startswith(b.date) or b.date.startswith(a.date):
        if relations_agree:
            return TimeComparison(True, True, False, 4, f"both {_time(a)}"
                                  if _time(a) == _time(b) else f"{_time(a)} / {_time(b)}")
        return TimeComparison(False, True, False, 3, f"{_time(a)} / {_time(b)}")
    if a.relation in TARGET_RELATIONS or b.relation in TARGET_RELATIONS:
        return TimeComparison(False, False, False, 0,
                              f"different targets ({_time(a)} vs {_time(b)})")
    return TimeComparison(False, False, True, 0, f"{_time(a)} vs {_time(b)}")


def _time(time: TimeSpan) -> str:
    return time_words(time) or "undated"


def value_bounds(claim: Any, unit: str | None) -> tuple[float, float]:
    """A claim's range expressed in ``unit`` (infinite on an open side)."""
    factor = _factor(claim.unit, unit) if claim.unit and unit else 1.0
    return _bounds(claim, factor, 0.0)


def _bounds(claim: Any, factor: float, tolerance: float) -> tuple[float, float]:
    """The claim's range in the target unit, widened by the tolerance; a missing
    bound is the value, except the open side of "lower", "upper" and "rank"."""
    low, high = claim.low, claim.high
    if low is None and claim.qualifier != "upper":
        low = claim.value
    if high is None and claim.qualifier not in ("lower", "rank"):
        high = claim.value
    low_f = -math.inf if low is None else low * factor
    high_f = math.inf if high is None else high * factor
    if tolerance:
        low_f -= abs(low_f) * tolerance if math.isfinite(low_f) else 0
        high_f += abs(high_f) * tolerance if math.isfinite(high_f) else 0
    return min(low_f, high_f), max(low_f, high_f)


def _range(claim: Any, factor: float) -> str:
    low, high = _bounds(claim, factor, 0.0)
    if low == high:
        return number(low)
    if not math.isfinite(high):
        return f"≥ {number(low)}"
    if not math.isfinite(low):
        return f"≤ {number(high)}"
    value = claim.value * factor if claim.value is not None else None
    if value is not None and claim.qualifier not in ("range",):
        return f"{number(value)} ({number(low)}–{number(high)})"
    return f"{number(low)}–{number(high)}"


@functools.lru_cache(maxsize=4096)
def _factor(source: str, target: str) -> float:
    """What multiplies a value in ``source`` units to express it in ``target`` units."""
    if source == target or ANY_COUNT in (source, target):
        return 1.0
    ureg = units.registry()
    return float((1 * ureg.Unit(source)).to(ureg.Unit(target)).magnitude)
