"""Numbers and times as people read them, for tables and explanations alike.

Locale-independent, so that output never depends on the machine's settings.
Kept apart from the renderers so that the library can explain its verdicts
without importing rich.
"""

from __future__ import annotations

import math

from .model import Claim, TimeSpan


def number(value: float | None) -> str:
    """``1500000000.0`` -> ``"1,500,000,000"``; ``None`` -> ``"?"``."""
    if value is None:
        return "?"
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def time_words(time: TimeSpan | None) -> str:
    """``by 2027``, ``from 2030``, ``by P3Y after publication`` when it cannot be dated;
    ``""`` for no time."""
    if time is None:
        return ""
    relation = f"{time.relation} " if time.relation else ""
    if time.date is not None:
        return relation + time.date
    return f"{relation}{time.relative} after publication" if time.relative else relation.strip()


def value_words(claim: Claim) -> str:
    """The value with its hedge and bounds: ``≈ 2,000,000 (1,800,000–2,000,000)``."""
    if claim.kind == "event":
        return ""
    if claim.vague:
        return f"vague ({number(claim.low)}–{number(claim.high)})"
    if claim.qualifier == "range":
        return f"{number(claim.low)}–{number(claim.high)}"
    if claim.qualifier == "lower":
        return f"≥ {number(claim.value)}"
    if claim.qualifier == "upper":
        return f"≤ {number(claim.value)}"
    if claim.qualifier == "approx":
        return f"≈ {number(claim.value)} ({number(claim.low)}–{number(claim.high)})"
    return number(claim.value)
