"""Verdicts, severities and the settings of a comparison (``check`` and ``diff``).

A leaf of the package: the settings file reader (:mod:`.config`), the checker and the
differ all import it, and it imports nothing of theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field

from .records import record

VERDICTS = ("conflict", "time-conflict", "possible-conflict", "outdated", "duplicate",
            "confirmed", "unverified", "vague")
LEVELS = ("info", "warning", "error")
OFF = "off"
"""The severity of a verdict that is not reported at all (``severity: {unverified: off}``)."""
SEVERITIES = (*LEVELS, OFF)
"""What a verdict's severity may be set to."""
DEFAULT_SEVERITY: Mapping[str, str] = {
    "conflict": "error", "time-conflict": "error", "possible-conflict": "warning",
    "outdated": "warning", "duplicate": "warning", "confirmed": "info", "unverified": "info",
    "vague": "info", "agree": "info", "related": "info",
}
"""Severity of each verdict of ``check`` (and of ``diff``: agree, related)."""


@record
class Settings:
    """Tolerances, thresholds and severities, with their documented defaults."""

    tolerance: float = 0.0
    """Relative tolerance added to every value's bounds before comparing (0.02 = 2 %).
    The bounds already allow for hedges and rounding."""
    duplicate_similarity: float = 85.0
    """rapidfuzz ratio (0-100) of two sentences above which two claims with no
    subject or metric but the same figure are the same claim said again."""
    severity: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    """Severity of each verdict: ``info``, ``warning``, ``error``, or ``off`` (not shown)."""
    fail_on: str = "error"
    """The lowest severity that makes the exit code 1."""

    def level(self, verdict: str) -> str:
        return self.severity.get(verdict, DEFAULT_SEVERITY.get(verdict, "info"))

    def shown(self, verdict: str) -> bool:
        """Whether findings of this verdict are reported at all (not set to ``off``)."""
        return self.level(verdict) != OFF

    def fails(self, severity: str) -> bool:
        """Whether a finding of this severity makes the exit code 1 (``off`` never does)."""
        return (self.fail_on in LEVELS and severity in LEVELS
                and LEVELS.index(severity) >= LEVELS.index(self.fail_on))
