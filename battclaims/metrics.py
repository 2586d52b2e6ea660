"""Metrics: what a claim measures, from its unit and the words around it.

The vocabulary is ``data/metrics.yaml``: each metric names the units it fits
and its keywords per language (word beginnings). A metric applies when the
claim's unit fits and a keyword stands in the claim's clause; the nearest
keyword wins; a metric marked ``default`` applies only when no keyword metric
does. When nothing fits the metric stays None: unknown, never guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from . import patterns, units
from .lexicon import ascii_fold, load_data
from .records import record

ANY_CURRENCY = "currency"


@record
class Metric:
    """Something a claim can measure."""

    id: str
    """Stable identifier (``"vehicle_production"``)."""
    description: str
    """What it means, for people."""
    units: tuple[str, ...]
    """Units it fits, exactly (``"vehicle / year"``; ``"currency"`` for any currency).
    Empty for events."""
    keywords: Mapping[str, tuple[str, ...]]
    """Word beginnings per language code, folded (no accents, lower case)."""
    default: bool = False
    """Applies on its unit alone, when no keyword metric does."""
    plant: bool = False
    """Measures one plant (its capacity, output, area), never a company's total."""
    reads_as: str | None = None
    """The unit a figure of this metric is counted in ("personnes" employed: jobs)."""
    market: bool = False
    """Measures a market (sales, registrations, market shares): a country's or region's
    unless the sentence names an organisation."""

    def fits(self, unit: str) -> bool:
        """Whether a claim with ``unit`` can measure this."""
        return any(_fits(unit, pattern) for pattern in self.units)


_SPACE = patterns.compile(r"\s")


def fold_text(text: str) -> str:
    """Lower case, no accents, straight apostrophes, one kind of space: how keywords are
    compared. Keeps the length, so offsets stay valid."""
    return ascii_fold(_SPACE.sub(" ", text.lower().replace("’", "'")))


def metric_from(spec: Mapping[str, Any]) -> Metric:
    """A metric from its data-file mapping."""
    return Metric(
        id=str(spec["id"]),
        description=str(spec.get("description", "")),
        units=tuple(spec.get("units", ())),
        keywords={lang: tuple(fold_text(k) for k in words)
                  for lang, words in spec.get("keywords", {}).items()},
        default=bool(spec.get("default", False)),
        plant=bool(spec.get("plant", False)),
        market=bool(spec.get("market", False)),
        reads_as=spec.get("reads_as"),
    )


@record
class Metrics:
    """The metric vocabulary: quantity metrics and event metrics."""

    quantities: tuple[Metric, ...]
    events: tuple[Metric, ...]

    @functools.cached_property
    def plant_metrics(self) -> frozenset[str]:
        """Ids of the metrics that measure one plant."""
        return frozenset(m.id for m in self.quantities if m.plant)

    @functools.cached_property
    def market_metrics(self) -> frozenset[str]:
        """Ids of the metrics that measure a market."""
        return frozenset(m.id for m in self.quantities if m.market)

    def for_quantity(self, unit: str | None, clause: str, span: tuple[int, int],
                     lang: str) -> str | None:
        """The metric of a claim with ``unit`` standing at ``span`` of ``clause``."""
        if unit is None:
            return None
        fitting = self.fitting(unit)
        best = _nearest(fitting, clause, span, lang)
        if best is not None:
            return best
        return next((m.id for m in fitting if m.default), None)

    def fitting(self, unit: str) -> tuple[Metric, ...]:
        """The quantity metrics a claim with ``unit`` can measure, in their order (worked
        out once per unit: a document has few units and many figures)."""
        found = self._fitting.get(unit)
        if found is None:
            if len(self._fitting) > 4096:
                self._fitting.clear()
            found = self._fitting[unit] = tuple(m for m in self.quantities if m.fits(unit))
        return found

    @functools.cached_property
    def _fitting(self) -> dict[str, tuple[Metric, ...]]:
        return {}

    def unit_of(self, metric: str | None, unit: str | None) -> str | None:
        """The unit a figure of ``metric`` written in ``unit`` is counted in, its rate kept."""
        if metric is None or unit is None:
            return unit
        reads_as = next((m.reads_as for m in self.quantities
                         if m.id == metric and m.reads_as and m.fits(unit)), None)
        if reads_as is None:
            return unit
        _, per, rate = unit.partition(" / ")  # "unit / year" read as "vehicle / year"
        return f"{reads_as}{per}{rate}"

    def for_event(self, clause: str, span: tuple[int, int], lang: str) -> str | None:
        """The metric of an event claim whose date stands at ``span`` of ``clause``."""
        return _nearest(self.events, clause, span, lang)


def _nearest(metrics: Iterable[Metric], clause: str, span: tuple[int, int],
             lang: str) -> str | None:
    """The metric with a keyword nearest the span, or inside it ("290,614 electric car
    registrations", "€1.5 billion grant")."""
    text = fold_text(clause)
    start, end = span
    best: tuple[int, int, str] | None = None
    for metric in metrics:
        for keyword in metric.keywords.get(lang, ()):
            if _first_word(keyword) not in text:
                continue  # (a quick look: the keyword's first word is nowhere in the clause)
            for match in _keyword(keyword).finditer(text):
                if match.end() <= start:
                    distance = start - match.end()
                elif match.start() >= end:
                    distance = match.start() - end
                else:
                    distance = 0
                rank = (distance, -len(keyword), metric.id)  # nearest, then most specific
                if best is None or rank < best:
                    best = rank
    return best[2] if best else None


@functools.lru_cache(maxsize=1024)
def _first_word(keyword: str) -> str:
    """A keyword's first word: every match of its pattern holds it."""
    words = keyword.split()
    return words[0] if words else ""


@functools.lru_cache(maxsize=1024)
def _keyword(keyword: str) -> re.Pattern[str]:
    """A keyword's pattern (compiled only for a clause that holds its first word: most
    keywords are never compiled in a run)."""
    return patterns.compile(r"(?<![\w])" + r" +".join(map(re.escape, keyword.split())))


@functools.lru_cache(maxsize=4096)
def _fits(unit: str, pattern: str) -> bool:
    """Whether a claim's unit is a metric's unit, part by part (``currency``: any)."""
    have = unit.split(" / ")
    want = pattern.split(" / ")
    if len(have) != len(want):
        return False
    return all(
        units.is_currency(got) if expected == ANY_CURRENCY else got == expected
        for got, expected in zip(have, want, strict=True)
    )


@functools.cache
def default_metrics() -> Metrics:
    """The metric vocabulary shipped with battclaims."""
    data = load_data("metrics.yaml")
    return Metrics(
        quantities=tuple(metric_from(spec) for spec in data["metrics"]),
        events=tuple(metric_from(spec) for spec in data["events"]),
    )
