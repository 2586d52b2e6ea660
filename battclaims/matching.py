"""Whether two figures state one fact, and whether they agree: the one matcher of
``check`` and ``diff``.

Values are compared through their bounds (the range their wording implies: a hedge, a
range, a rounded figure), converted to a common unit, widened by a relative tolerance:
they agree when the two ranges overlap (ranges that only touch do not). Times agree
when their dates are the same at the coarser precision ("2025" and "2025-03").

Whether two figures are one fact is weighed by :func:`evidence` (subject, plant, scope,
metric, the concepts around them, values, times; weights in ``data/matching.yaml``)
into a confidence; :class:`CandidateIndex` finds the candidates worth weighing and
:class:`Matcher` pairs two documents one to one. Two figures of one fact with the same
value at different dates are a time-conflict; with another value at another date they
are two milestones, two facts.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import Any, NamedTuple

from . import collector, units
from .entities import FACILITY_PLACES, PLACES
from .formatting import number, time_words
from .lexicon import REVISED
from .model import TimeSpan
from .names import country_of, fold_name, place_kind, same_name
from .records import record
from .subjects import WEAK

TARGET_RELATIONS = frozenset({"by", "until"})
"""Relations whose different dates make different claims, not a conflict."""
ANY_COUNT = "unit"
"""The generic counted unit ("800 000 unités"): it compares with any counted thing."""


@record
class ValueComparison:
    """Whether two claims' values agree, and the numbers compared."""

    agree: bool
    a: Any
    b: Any
    factor: float

    @property
    def text(self) -> str:
        """The numbers compared, in the second claim's unit (built only when shown; each in
        its own when they are of different dimensions); empty for events."""
        if self.a.value is None or self.b.value is None:
            return ""
        unit = f" {self.b.unit}" if self.b.unit else ""
        if math.isnan(self.factor):
            own = f" {self.a.unit}" if self.a.unit else ""
            return f"{_range(self.a, 1.0)}{own} vs {_range(self.b, 1.0)}{unit}"
        return f"{_range(self.a, self.factor)} vs {_range(self.b, 1.0)}{unit}"


@record
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


def compare_values(a: Any, b: Any, tolerance: float = 0.0,
                   open_factor: float | None = None) -> ValueComparison:
    """Compare ``a``'s value with ``b``'s, in ``b``'s unit.

    With ``open_factor``, an open bound is closed at that factor: "more than X" reads as
    X to ``open_factor``·X, "up to X" as X / ``open_factor`` to X."""
    factor = _factor(a.unit, b.unit) if a.unit and b.unit else 1.0
    agree = _agree(a, b, factor, _bounds(a, factor, tolerance, open_factor),
                   _bounds(b, 1.0, tolerance, open_factor))
    return ValueComparison(agree, a, b, factor)


DIRECTIONS = ("lower", "upper")
"""The qualifiers of an open bound ("more than", "up to"): two of one direction are
compared as plain values (:func:`_agree`)."""

Span = tuple[float | None, float | None]
"""A figure's bounds before any unit or tolerance (:func:`_span`)."""


def _agree(a: Any, b: Any, factor: float, a_bounds: tuple[float, float],
           b_bounds: tuple[float, float]) -> bool:
    """:func:`compare_values`'s verdict, given the factor from ``a``'s unit to ``b``'s and
    their bounds in ``b``'s unit (:func:`_bounds`; the matcher keeps each figure's in its
    own unit, :class:`_Figure`)."""
    if math.isnan(factor):
        return False  # values of different dimensions ("jobs" and "EUR")
    a_low, a_high = a_bounds
    b_low, b_high = b_bounds
    low, high = max(a_low, b_low), min(a_high, b_high)
    # Ranges that only touch do not agree ("11" and "12 GWh", rounded to 10.5-11.5 and
    # 11.5-12.5), unless one side is an exact point.
    agree = low < high or (low == high and (a_low == a_high or b_low == b_high))
    if a.qualifier == b.qualifier and a.qualifier in DIRECTIONS and None not in (
            a.value, b.value):
        # two bounds of one direction are compared as plain values ("more than $55 billion"
        # and "plus de 50 milliards de dollars" differ)
        agree = _same_when_rounded(a.value * factor, b.value)
    elif agree and a.qualifier == b.qualifier == "approx" and None not in (a.value, b.value):
        # two hedged figures agree when one stands within the other's hedge ("près de
        # 5 000" and "roughly 6,000" do not), not whenever both hedges overlap
        a_value = a.value * factor
        agree = b_low <= a_value <= b_high or a_low <= b.value <= a_high
    return agree


def _same_when_rounded(x: float, y: float) -> bool:
    """Two written values agree when the more precise, rounded to the other's last
    significant digit, is the other, and they differ by at most 10 % ("€404m" and
    "€400m"; not "55" and "50", nor "2.6" and "2.5")."""
    if x == y:
        return True
    if x <= 0 or y <= 0 or abs(x - y) > 0.1 * max(x, y):
        return False
    coarse, fine = (x, y) if _digits(x) <= _digits(y) else (y, x)
    step = 10.0 ** (math.floor(math.log10(coarse)) - _digits(coarse) + 1)
    return math.isclose(round(fine / step) * step, coarse, rel_tol=1e-9)


def compare_times(a: TimeSpan | None, b: TimeSpan | None) -> TimeComparison:
    """Compare two times (see the module's rules)."""
    return _compare_times(a, b)


@functools.lru_cache(maxsize=65536)
def _compare_times(a: TimeSpan | None, b: TimeSpan | None) -> TimeComparison:
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


def _bounds(claim: Any, factor: float, tolerance: float,
            open_factor: float | None = None) -> tuple[float, float]:
    """The claim's range in the target unit, widened by the tolerance; a missing
    bound is the value, except the open side of "lower", "upper" and "rank" (closed
    at ``open_factor`` when given)."""
    return _scaled(_span(claim, open_factor), factor, tolerance)


def _span(claim: Any, open_factor: float | None = None) -> Span:
    """The claim's bounds in its unit (:func:`_bounds`), None for an open side."""
    low, high = claim.low, claim.high
    if low is None and claim.qualifier != "upper":
        low = claim.value
    if high is None and claim.qualifier not in ("lower", "rank"):
        high = claim.value
    if open_factor is not None and claim.value is not None:
        if high is None and claim.qualifier == "lower":
            high = (low if low is not None else claim.value) * open_factor
        if low is None and claim.qualifier == "upper":
            low = (high if high is not None else claim.value) / open_factor
    return low, high


def _scaled(span: Span, factor: float, tolerance: float) -> tuple[float, float]:
    """A span in the target unit, widened by the tolerance (:func:`_bounds`)."""
    low, high = span
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
    """What multiplies a value in ``source`` units to express it in ``target`` units
    ("16 GWh" against "16 GWh per year": the quantities themselves; a bare count or the
    generic "unit" against any count: 1)."""
    if source == target or ANY_COUNT in (source, target):
        return 1.0
    try:
        found = units.factor(source, target)
    except Exception:  # pint: not a unit it knows
        found = None
    if found is None:  # other dimensions
        base_source, base_target = _yearly_base(source), _yearly_base(target)
        if (base_source, base_target) == (source, target):
            return 1.0 if units.is_counted(source) and units.is_counted(target) else math.nan
        return _factor(base_source, base_target)
    return found


# --- the scored matcher -----------------------------------------------------------------------
#
# One place decides whether two figures state the same fact, for ``check`` (a draft
# against the reference database) and ``diff`` (two texts) alike:
#
# 1. candidates: only figures of the same unit family (a figure and the same figure per
#    year are one family; currencies are never converted) and, among them, those of the
#    same subject (or related, or unknown) in the same year or of a close value — never
#    every pair (:class:`CandidateIndex`);
# 2. evidence: subject, facility and scope, metric, the concepts of the words around the
#    figures, values, times (:func:`evidence`), each weighted by ``data/matching.yaml``;
# 3. the confidence decides: a pair (then agree / conflict / time-conflict from values
#    and times), a look-alike (related), or nothing.


@record(eq=False)
class MatcherConfig:
    """Weights and thresholds of the matcher (``data/matching.yaml``)."""

    weights: dict[str, Any]
    pair: float
    related: float
    conflict: float
    contrasts: tuple[tuple[str, str], ...]
    unit_concepts: Mapping[str, str]
    metric_concepts: Mapping[str, str] = field(default_factory=dict)

    def weight_of(self, feature: str) -> float:
        """The weight of a feature: ``"wording"``, ``"subject.same"``… (0 when unset)."""
        return self.flat.get(feature, 0.0)

    @functools.cached_property
    def flat(self) -> dict[str, float]:
        """Every weight by feature name."""
        out: dict[str, float] = {}
        for group, value in self.weights.items():
            if isinstance(value, dict):
                out.update({f"{group}.{key}": float(v) for key, v in value.items()})
            else:
                out[group] = float(value)
        return out


@functools.cache
def matcher_config() -> MatcherConfig:
    """The shipped weights and thresholds."""
    from .lexicon import load_data

    data = load_data("matching.yaml")
    thresholds = data["thresholds"]
    return MatcherConfig(
        weights=data["weights"], pair=float(thresholds["pair"]),
        related=float(thresholds["related"]), conflict=float(thresholds["conflict"]),
        contrasts=tuple((a, b) for a, b in data.get("contrasts", ())),
        unit_concepts=dict(data.get("unit_concepts", {})),
        metric_concepts=dict(data.get("metric_concepts", {})),
    )


BARE = "bare"
"""The family of a figure with no unit ("nous en aurons 2 000")."""
_RATE_STRIPPED = " / year"


@functools.lru_cache(maxsize=4096)
def family(unit: str | None) -> str:
    """What two figures' units must share to be compared: the unit's dimension, with a
    yearly rate of a quantity that accumulates read as the quantity ("16 GWh" and "16 GWh
    per year", "400 000 vehicles" and "400 000 vehicles a year"). Each currency is its own
    family; a bare number is ``bare``; the generic "unit" is ``[unit]`` (any count)."""
    if unit is None:
        return BARE
    base = _yearly_base(unit)
    return units.dimension(base)


@functools.lru_cache(maxsize=4096)
def _yearly_base(unit: str) -> str:
    """``gigawatt_hour / year`` -> ``gigawatt_hour``; a quantity for each counted thing
    as the quantity (``kilowatt_hour / vehicle`` -> ``kilowatt_hour``: "738 kWh per
    truck" is each truck's "738 kWh battery"; "€15,400 per person"); other units
    unchanged."""
    if unit.count(" / ") != 1:
        return unit
    numerator, denominator = unit.split(" / ")
    if unit.endswith(_RATE_STRIPPED):
        if units.is_counted(numerator) or (units.dimension(numerator)
                                           == units.dimension("watt_hour")):
            return numerator
    elif units.is_counted(denominator) and not units.is_counted(numerator):
        return numerator
    return unit


@functools.lru_cache(maxsize=4096)
def noun_concepts(unit: str | None) -> frozenset[str]:
    """The concepts of a counted noun in any language ("foyer" and "household":
    household; "demande" and "application": application): counted nouns that share one
    are one unit for the matcher, whatever the language they were written in."""
    if unit is None or not units.is_counted(_yearly_base(unit)):
        return frozenset()
    from .lexicon import SUPPORTED, lexicon

    words = _yearly_base(unit).replace("_", " ").split()
    found: set[str] = set()
    for code in SUPPORTED:
        concepts = lexicon(code).concepts
        if concepts is not None:
            found.update(concepts.concepts(words))
    return frozenset(found)


def _keys(unit: str | None) -> list[str]:
    """The index keys of a figure: its family, and for a counted noun its concepts."""
    return [family(unit), *(f"~{c}" for c in sorted(noun_concepts(unit)))]


COUNTED_FAMILIES = ("[unit]", BARE)
"""Families that compare with any counted family."""


def _families_to_search(unit: str | None) -> list[str]:
    own = family(unit)
    if own in COUNTED_FAMILIES:
        return [own]  # and, in the index, every counted family
    if unit is not None and units.is_counted(_yearly_base(unit)):
        return [own, *COUNTED_FAMILIES]
    return [own]


class SubjectComparison:
    """Whether two figures' subjects are one: the verdict, and the words that say why
    (built from the verdict and the two figures only when shown: a figure is weighed
    against dozens of candidates, and few comparisons are ever shown)."""

    __slots__ = ("_a", "_b", "_text", "verdict")

    def __init__(self, verdict: str, a: Any, b: Any) -> None:
        self.verdict = verdict
        """``same``, ``related``, ``unknown`` or ``different``."""
        self._a, self._b = a, b
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = _subject_text(self.verdict, self._a, self._b)
        return self._text

    def __repr__(self) -> str:
        return f"SubjectComparison({self.verdict!r}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, SubjectComparison) and other.verdict == self.verdict
                and other.text == self.text)

    def __hash__(self) -> int:
        return hash((self.verdict, self.text))


def _subject_text(verdict: str, a: Any, b: Any) -> str:
    """Why :meth:`Subjects.of_figures` gave ``verdict``: its branch, told again."""
    a_name, b_name = _name(a), _name(b)
    if verdict == "same":
        return f"same subject ({_subject_words(a)})"
    if verdict == "related":
        return f"related subjects ({a_name} / {b_name})"
    if verdict == "different":
        return f"different subjects ({a_name} / {b_name})"
    if a.subject is None or b.subject is None:
        known = a_name or b_name
        return f"subject known on one side only ({known})" if known else (
            "no subject on either side")
    if _place_or_organisation(a, b):
        return f"a place and an organisation ({a_name} / {b_name})"
    if _is_public(a) != _is_public(b):
        return f"a grant: its giver and its receiver ({a_name} / {b_name})"
    return f"a grant from public bodies ({a_name} / {b_name})"


class Subjects:
    """Tells whether two subjects are one entity, related entities or different ones.

    The same id, or names that are one another's acronym ("ACC" / "Automotive Cells
    Company"), one name the start of the other ("Freyr" / "Freyr Battery"), or spellings
    within rapidfuzz's ratio 90, are the same. Entities linked by a relation of the
    entity list (a joint venture and its owners, a subsidiary and its parent) are related.
    """

    def __init__(self, entities: Mapping[str, Any] | None = None) -> None:
        self.related_ids: dict[str, set[str]] = {}
        for entity in (entities or {}).values():
            for targets in getattr(entity, "relations", {}).values():
                for target in targets if isinstance(targets, list) else [targets]:
                    if isinstance(target, str):
                        self.related_ids.setdefault(entity.id, set()).add(target)
                        self.related_ids.setdefault(target, set()).add(entity.id)

    def compare(self, a: Any, b: Any) -> SubjectComparison:
        return SubjectComparison(self.verdict(a, b), a, b)

    def verdict(self, a: Any, b: Any) -> str:
        """:meth:`compare`'s verdict alone."""
        a_id, b_id = a.subject, b.subject
        if a_id is None or b_id is None:
            return "unknown"
        if a_id == b_id or same_name(_name(a) or a_id, _name(b) or b_id):
            return "same"
        a_with, b_with = set(getattr(a, "partners", ())), set(getattr(b, "partners", ()))
        if b_id in self.related_ids.get(a_id, ()) or b_id in a_with or a_id in b_with or (
                a_with & b_with):
            return "related"
        if _place_or_organisation(a, b):
            return "unknown"
        return "different"

    def of_figures(self, a: Any, b: Any) -> SubjectComparison:
        """:meth:`compare` for two figures: a grant's different subjects may be its giver
        and its receiver, or two public bodies that pay or clear it."""
        return SubjectComparison(self.verdict_of_figures(a, b), a, b)

    def verdict_of_figures(self, a: Any, b: Any) -> str:
        """:meth:`of_figures`'s verdict alone."""
        verdict = self.verdict(a, b)
        if verdict == "different" and _grant(a, b) and (_is_public(a) or _is_public(b)):
            return "unknown"
        return verdict

    def related(self, subject: str) -> set[str]:
        return self.related_ids.get(subject, set())


GRANT_METRIC = "public_subsidy"
INVESTMENT_METRIC = "investment"
GRANT_CONCEPT = "subsidy"


def _grant(a: Any, b: Any) -> bool:
    """Both figures may be a grant: its metric or its concept on each side."""
    return all(c.metric == GRANT_METRIC or GRANT_CONCEPT in getattr(c, "terms", ())
               for c in (a, b))


def _is_public(claim: Any) -> bool:
    """The figure's subject is a public body: a country, a region, a government, or a
    city (its council, or the government its capital stands for: "Brussels cleared")."""
    return _kind(claim) in ("country", "region", "government", "city")


def _name(claim: Any) -> str | None:
    name = getattr(claim, "subject_name", None) or claim.subject
    return str(name) if name is not None else None


def _kind(claim: Any) -> str | None:
    return getattr(claim, "subject_kind", None)


def _is_place(claim: Any) -> bool:
    return _kind(claim) in PLACES


def _place_or_organisation(a: Any, b: Any) -> bool:
    """A place only because no organisation was named, or a town acting in its sentence
    ("Madrid approved…"), against an organisation: the company's plant may be there."""
    return _is_place(a) != _is_place(b) and bool(
        WEAK & {getattr(a, "subject_via", None), getattr(b, "subject_via", None)}
        or {_kind(a), _kind(b)} & FACILITY_PLACES)


def _subject_words(claim: Any) -> str:
    name = _name(claim)
    source = getattr(claim, "subject_source", None)
    via = getattr(claim, "subject_via", None)
    if source == "context" and via:
        return f"{name}, {via}"
    return str(name)


@record
class Evidence:
    """Why two figures are (or are not) the same fact, and how sure the matcher is."""

    subject: SubjectComparison
    facility: str
    """``same``, ``unknown`` or ``different``."""
    scope: str
    metric: str
    wording: float
    """How alike the concepts around the two figures are, 0 to 1."""
    shared: tuple[str, ...]
    """The concepts both sides share."""
    contrasts: tuple[str, ...]
    values: ValueComparison
    times: TimeComparison
    score: float
    confidence: float
    """0 to 1: how sure the matcher is that the two figures state one fact."""

    def text(self) -> str:
        """"same subject (Verkor, from the title), same metric (capacity), 16 vs 16
        gigawatt_hour / year, both 2025"."""
        parts = [self.subject.text]
        a_metric, b_metric = self.metrics
        if self.metric == "same":
            parts.append(f"same metric ({a_metric})")
        elif self.metric == "different":
            parts.append(f"different metrics ({a_metric} / {b_metric})")
        if self.facility != "unknown":
            parts.append(f"{self.facility} plant ({self.facilities[0]} / {self.facilities[1]})"
                         if self.facility == "different" else f"same plant ({self.facilities[0]})")
        if self.scope == "different":
            parts.append("a plant figure against a company total")
        if self.shared:
            parts.append(f"both about {', '.join(self.shared[:4])}")
        if self.contrasts:
            parts.append(f"but {', '.join(self.contrasts)}")
        if self.features.get("revision"):
            parts.append("one side says its figure was revised: an old and a new plan")
        if self.values.text:
            parts.append(self.values.text)
        parts.append(self.times.text)
        return ", ".join(parts)

    metrics: tuple[str | None, str | None] = (None, None)
    facilities: tuple[str | None, str | None] = (None, None)
    features: Mapping[str, float] = field(default_factory=dict)
    """What was observed, by feature name (see :data:`FEATURES`)."""


def evidence_dict(ev: Evidence) -> dict[str, Any]:
    """The evidence as the JSON output gives it."""
    return {
        "subject": ev.subject.verdict, "facility": ev.facility, "scope": ev.scope,
        "metric": ev.metric, "wording": round(ev.wording, 3), "shared_terms": list(ev.shared),
        "contrasts": list(ev.contrasts), "values": "agree" if ev.values.agree else "differ",
        "compared": ev.values.text, "times": ev.times.text, "score": round(ev.score, 3),
    }


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score))


@functools.lru_cache(maxsize=65536)
def same_place(a: str, b: str) -> bool:
    """Whether two plant places are one: any of their names ("Dunkirk (Dunkerque)") a
    spelling of the other's, or its area ("le Dunkerquois": four fifths of "Dunkerque"
    start it)."""
    for x in _names_of(a):
        for y in _names_of(b):
            if same_name(x, y):
                return True
            fx, fy = fold_name(x), fold_name(y)
            shared = next((k for k, (p, q) in enumerate(zip(fx, fy, strict=False)) if p != q),
                          min(len(fx), len(fy)))
            if shared >= max(5, 0.8 * min(len(fx), len(fy))):
                return True
    return False


@functools.lru_cache(maxsize=65536)
def compare_places(a: str, b: str) -> str:
    """``same``, ``different`` or ``unknown``: two plants' places. A plant known only by
    its country ("la gigafactory française") is not one in another country
    (Kaiserslautern), and may be any of its own."""
    if same_place(a, b):
        return "same"
    country_a, country_b = country_of(a), country_of(b)
    if a == country_a or b == country_b or "region" in (place_kind(a), place_kind(b)):
        # one known only by its country, or its region ("Caroline du Nord": Liberty may
        # be there)
        return "different" if None not in (country_a, country_b) and (
            country_a != country_b) else "unknown"
    return "different"


def _names_of(place: str) -> list[str]:
    main, _, rest = place.partition("(")
    return [main, *[n for n in rest.rstrip(")").split(",") if n.strip()]]


PRECISE = 2
"""Significant digits from which two agreeing values are unlikely to agree by chance
("15 400 €" and "€15,400", "13,4 GWh"; not "40 GWh", "2 000 emplois")."""


@functools.lru_cache(maxsize=65536)
def _digits(value: float | None) -> int:
    """The significant digits of a value as written: 15400 -> 3, 4.1e9 -> 2, 40 -> 1."""
    if value is None or not math.isfinite(value) or value == 0:
        return 0
    return len(f"{abs(value):.15g}".replace(".", "").replace("e", " ").split()[0].strip("0"))


def _ratio(a: Any, b: Any, factor: float) -> float:
    """How far apart two values are, as a factor >= 1 (inf when unknown or of opposite sign)."""
    if a.value is None or b.value is None:
        return math.inf
    x, y = float(a.value) * factor, float(b.value)
    if x == y:
        return 1.0
    if x <= 0 or y <= 0:
        return math.inf
    return max(x, y) / min(x, y)


def _closeness(values: ValueComparison) -> float:
    """How far apart the two values compared are, as a factor (0 when they agree)."""
    return 0.0 if values.agree else _ratio(values.a, values.b, values.factor)


def evidence(a: Any, b: Any, subjects: Subjects | None = None,
             config: MatcherConfig | None = None, tolerance: float = 0.0) -> Evidence:
    """Weigh the evidence that ``a`` and ``b`` state one fact: each observation is a
    feature (``subject.same``, ``value.agree``, ``wording``…) and the score is the sum of
    the features' weights (``data/matching.yaml``)."""
    config = config or matcher_config()
    return _evidence(a, b, _Figure(a, config, tolerance), _Figure(b, config, tolerance),
                     subjects or Subjects(), config, tolerance)


class _Figure:
    """What :func:`evidence` reads of one figure alone (its concepts, its span…), read
    once: the matcher weighs a figure against dozens of candidates
    (:meth:`Matcher.figure`)."""

    __slots__ = ("bounds", "claim", "digits", "event", "facility", "revised", "scope", "sides",
                 "span", "terms", "time")

    def __init__(self, claim: Any, config: MatcherConfig, tolerance: float) -> None:
        self.claim = claim
        self.facility: str | None = getattr(claim, "facility", None)
        self.scope: str | None = getattr(claim, "scope", None)
        words = getattr(claim, "terms", ())
        self.terms = _terms(words, claim.unit, config)
        self.revised = REVISED in words
        self.event = claim.kind == "event"
        self.digits = _digits(claim.value)
        self.span = _span(claim, OPEN_FACTOR)
        self.bounds = _scaled(self.span, 1.0, tolerance)
        """Its bounds in its own unit (:func:`_bounds`)."""
        sides = _sides(self.terms, config) if self.terms else None
        self.sides = sides if sides and (sides[0] or sides[1]) else None
        """The sides of contrasts its concepts take (:func:`_sides`), None when none."""
        self.time = _interned(claim.time)


_KEPT = 65536
"""At most this many times interned, and pairs of times compared, are kept (then
forgotten at once)."""
_TIMES: dict[TimeSpan, TimeSpan] = {}
_TIME_PAIRS: dict[tuple[int, int], tuple[Any, Any, TimeComparison]] = {}
"""Pairs of interned times compared (:func:`_observe`), by their ids; an entry holds its two
times, so that no other object takes their ids while it is kept."""


def _interned(time: TimeSpan | None) -> TimeSpan | None:
    """One object for equal times: figures of one time compare theirs by identity."""
    if time is None:
        return None
    found = _TIMES.get(time)
    if found is None:
        if len(_TIMES) >= _KEPT:
            _TIMES.clear()
        found = _TIMES[time] = time
    return found


class _Observed(NamedTuple):
    """What :func:`_observe` saw of two figures: the verdict of each kind of evidence, the
    features observed (by name, in the order observed) and their score."""

    subject: str
    facility: str
    scope: str
    metric: str
    agree: bool
    factor: float
    closeness: float
    """How far apart the values are (:func:`_closeness`)."""
    times: TimeComparison
    found: dict[str, float]
    score: float


SPLIT_SCOPES = frozenset({("plant", "company"), ("company", "plant")})
"""A plant figure against a company total, either way round."""


def _observe(a: Any, b: Any, fa: _Figure, fb: _Figure, subjects: Subjects,
             config: MatcherConfig, tolerance: float) -> _Observed:
    """The one place that weighs two figures (:func:`evidence`, and :meth:`Matcher.pair`
    that builds the :class:`Evidence` of the matches it keeps only). The score adds each
    feature's weight as it is observed, in the order :data:`_Observed.found` keeps."""
    weights = config.flat
    subject = subjects.verdict_of_figures(a, b)
    pa, pb = fa.facility, fb.facility
    facility = "unknown" if pa is None or pb is None else compare_places(pa, pb)
    scope = "different" if (fa.scope, fb.scope) in SPLIT_SCOPES else "same"
    ta, tb = fa.terms, fb.terms
    metric = _metric(a, b, ta, tb, config)
    feature = _NAMED["subject"][subject]
    found: dict[str, float] = {"bias": 1.0, feature: 1.0}
    score = 0.0
    score += weights.get("bias", 0.0)
    score += weights.get(feature, 0.0)
    for feature in (_NAMED["facility"][facility], _NAMED["scope"][scope],
                    _NAMED["metric"][metric]):
        found[feature] = 1.0
        score += weights.get(feature, 0.0)
    wording = found["wording"] = _wording(ta, tb, len(ta & tb)) - 0.5
    score += weights.get("wording", 0.0) * wording
    contrast = found["contrast"] = float(
        len(_crossed(fa.sides, fb.sides)) if fa.sides and fb.sides else 0)
    score += weights.get("contrast", 0.0) * contrast
    unit = _unit_feature(a.unit, b.unit)
    if unit is not None:
        found[unit] = 1.0  # unit.same: (or nouns of one concept: "foyers", "households")
        score += weights.get(unit, 0.0)
    if fa.event or fb.event:
        factor = 1.0
        agree = a.kind == b.kind
    else:
        factor = _factor(a.unit, b.unit) if a.unit and b.unit else 1.0
        agree = _agree(a, b, factor, fa.bounds if factor == 1.0 else _scaled(
            fa.span, factor, tolerance), fb.bounds)
    key = (id(fa.time), id(fb.time))
    seen = _TIME_PAIRS.get(key)
    if seen is None:
        if len(_TIME_PAIRS) >= _KEPT:
            _TIME_PAIRS.clear()
        seen = _TIME_PAIRS[key] = (fa.time, fb.time, _compare_times(fa.time, fb.time))
    times = seen[2]
    closeness = 0.0
    if agree:
        found["value.agree"] = 1.0
        score += weights.get("value.agree", 0.0)
        if fa.digits >= PRECISE and fb.digits >= PRECISE:
            found["value.precise"] = 1.0
            score += weights.get("value.precise", 0.0)
    else:
        closeness = _ratio(a, b, factor)
        feature = ("value.close" if closeness <= 1.1 else "value.near" if closeness <= 1.5
                   else "value.apart" if closeness <= 3 else "value.far")
        found[feature] = 1.0
        score += weights.get(feature, 0.0)
        if fa.revised or fb.revised:
            # "replacing the initial plan", "au lieu de": an old and a new plan
            found["revision"] = 1.0
            score += weights.get("revision", 0.0)
    time = _time_feature(times, a.time, b.time, agree)
    if time is not None:
        found[time] = 1.0
        score += weights.get(time, 0.0)
    return _Observed(subject, facility, scope, metric, agree, factor, closeness, times,
                     found, score)


def _evidence(a: Any, b: Any, fa: _Figure, fb: _Figure, subjects: Subjects,
              config: MatcherConfig, tolerance: float) -> Evidence:
    """:func:`evidence`, given what each figure alone says."""
    seen = _observe(a, b, fa, fb, subjects, config, tolerance)
    shared, wording, contrasts = _concepts_compared(fa.terms, fb.terms, config)
    return Evidence(SubjectComparison(seen.subject, a, b), seen.facility, seen.scope,
                    seen.metric, wording, shared, contrasts,
                    ValueComparison(seen.agree, a, b, seen.factor), seen.times, seen.score,
                    _sigmoid(seen.score), (a.metric, b.metric), (fa.facility, fb.facility),
                    seen.found)


def _metric(a: Any, b: Any, ta: frozenset[str], tb: frozenset[str], config: MatcherConfig
            ) -> str:
    """Whether two figures measure one thing: ``same``, ``different`` or ``unknown`` (given
    their concepts ``ta`` and ``tb``)."""
    ma, mb = a.metric, b.metric
    metric = "unknown" if ma is None or mb is None else ("same" if ma == mb else "different")
    if metric == "different" and (config.metric_concepts.get(mb) in ta
                                  or config.metric_concepts.get(ma) in tb):
        metric = "unknown"  # each side's words name the other's metric: no evidence
    elif metric == "different" and {ma, mb} == {INVESTMENT_METRIC, GRANT_METRIC} and (
            _is_public(a) or _is_public(b)):
        metric = "unknown"  # a state's money put into a project is its grant too
    return metric


def _time_feature(times: TimeComparison, a: TimeSpan | None, b: TimeSpan | None,
                  agree: bool) -> str | None:
    """The time feature of two figures: ``time.same`` (one date on both sides),
    ``time.date_only`` (the same value at another date), ``time.trajectory`` (another value
    at another date), or None (nothing says either way)."""
    if times.same and a is not None and b is not None:
        return "time.same"
    if not times.compatible:
        return "time." + ("date_only" if agree else "trajectory")
    return None


@functools.lru_cache(maxsize=65536)
def _concepts_compared(ta: frozenset[str], tb: frozenset[str], config: MatcherConfig
                       ) -> tuple[tuple[str, ...], float, tuple[str, ...]]:
    """The concepts two figures share, how alike their concepts are (:func:`_wording`)
    and the contrasting concepts between them ("direct / indirect")."""
    common = ta & tb
    shared = tuple(sorted(common)) if common else ()
    pairs = (config.contrasts[k] for k in sorted(_contrasts(ta, tb, config)))
    contrasts = tuple(f"{x} / {y}" for x, y in pairs)
    return shared, _wording(ta, tb, len(common)), contrasts


def _contrasted(ta: frozenset[str], tb: frozenset[str], config: MatcherConfig) -> int:
    """How many contrasts :func:`_concepts_compared` finds between two figures' concepts,
    counted without naming them: weighing reads the count of every pair it weighs, the
    names only of those shown (a cache of every pair's names would be read once each)."""
    return len(_contrasts(ta, tb, config))


def _contrasts(ta: frozenset[str], tb: frozenset[str], config: MatcherConfig
               ) -> frozenset[int]:
    """The contrasts (by their number in the config) whose two sides the two figures'
    concepts take, one each."""
    if not ta or not tb:
        return frozenset()
    return _crossed(_sides(ta, config), _sides(tb, config))


def _crossed(a: tuple[frozenset[int], frozenset[int]], b: tuple[frozenset[int], frozenset[int]]
             ) -> frozenset[int]:
    """The contrasts whose opposite sides two figures take, given each one's
    (:func:`_sides`)."""
    return (a[0] & b[1]) | (a[1] & b[0])


@functools.lru_cache(maxsize=65536)
def _sides(terms: frozenset[str], config: MatcherConfig) -> tuple[frozenset[int], frozenset[int]]:
    """Which side of each contrast (by its number in the config) a figure's concepts take:
    those with the first concept and not the second, and the other way round. Two figures
    contrast where they take opposite sides (:func:`_concepts_compared`)."""
    first = frozenset(k for k, (x, y) in enumerate(config.contrasts)
                      if x in terms and y not in terms)
    second = frozenset(k for k, (x, y) in enumerate(config.contrasts)
                       if y in terms and x not in terms)
    return first, second


@functools.lru_cache(maxsize=4096)
def _unit_feature(a: str | None, b: str | None) -> str | None:
    """``unit.bare`` when a side has no unit, ``unit.same`` for one counted noun (or nouns
    of one concept: "foyers", "households"), else None."""
    if a is None or b is None:
        return "unit.bare"
    if (a == b and units.is_counted(_yearly_base(a))) or (noun_concepts(a) & noun_concepts(b)):
        return "unit.same"
    return None


FEATURES = ("bias", "subject.same", "subject.related", "subject.unknown", "subject.different",
            "facility.same", "facility.unknown", "facility.different", "scope.same",
            "scope.different", "metric.same", "metric.unknown", "metric.different", "wording",
            "contrast", "revision", "unit.same", "unit.bare", "value.agree", "value.precise",
            "value.close", "value.near", "value.apart", "value.far", "time.same",
            "time.date_only", "time.trajectory")
"""Every feature :func:`evidence` may observe (the weights' names in matching.yaml)."""

_NAMED = {group: {name.partition(".")[2]: name for name in FEATURES
                  if name.startswith(group + ".")}
          for group in ("subject", "facility", "scope", "metric")}
"""Each feature's name by its group and verdict: ``_NAMED["subject"]["same"]``."""


@functools.lru_cache(maxsize=65536)
def _terms(terms: tuple[str, ...], unit: str | None, config: MatcherConfig) -> frozenset[str]:
    """A figure's concepts, less the one that only restates its unit and the mark of a
    revision (weighed on its own)."""
    restated = config.unit_concepts.get(unit.split(" / ")[0]) if unit else None
    return frozenset(t for t in terms if t not in (restated, REVISED))


def _wording(a: frozenset[str], b: frozenset[str], shared: int) -> float:
    """How alike the concepts around two figures are, 0 to 1: the Dice coefficient of the
    two sets (``shared``: the size of their intersection); 0.5 when a side has none:
    nothing said either way.

    Written as rapidfuzz's Indel normalized similarity of the two sorted concept lists
    computes it (1 - distance / total length; the longest common subsequence of two sorted
    lists of distinct concepts is their intersection), so that the score is that float
    exactly, without the call."""
    if not a or not b:
        return 0.5
    return _dice(len(a), len(b), shared)


def _dice(size_a: int, size_b: int, shared: int) -> float:
    """:func:`_wording` of two non-empty sets of these sizes sharing ``shared``."""
    total = size_a + size_b
    return 1.0 - (total - 2 * shared) / total


def verdict_of(ev: Evidence, config: MatcherConfig | None = None) -> str | None:
    """``agree``, ``conflict``, ``possible-conflict``, ``time-conflict``, ``related`` or
    None (nothing in common)."""
    return _verdict(ev.confidence, ev.values.agree, ev.times, config or matcher_config())


def _verdict(confidence: float, agree: bool, times: TimeComparison, config: MatcherConfig
             ) -> str | None:
    """:func:`verdict_of`, from the confidence and whether the values and times agree."""
    if confidence < config.related:
        return None
    if confidence < config.pair:
        return "related"
    if agree and times.compatible:
        return "agree"
    if times.compatible:
        return "conflict" if confidence >= config.conflict else "possible-conflict"
    if agree:
        return "time-conflict" if confidence >= config.conflict else "possible-conflict"
    return "related"


OPEN_FACTOR = 1.25
"""An open bound read for matching: "more than X" is taken as X to 1.25·X, "up to X" as
0.75·X to X (the dev set's rule: a newsroom does not write "more than 200" for 300)."""


class CandidateIndex:
    """Figures indexed for finding, in near-constant time, those worth weighing against a
    figure: of its family (its unit's dimension, a yearly rate read as the quantity), every
    figure of the same or a related subject, and the figures of a close value (within a
    factor 3, the :attr:`NEAREST` nearest), whatever their subject. Events are indexed by
    subject."""

    WINDOW = math.log(3.0)
    NEAREST = 24
    """At most this many figures of close value per family (those nearest in value)."""

    def __init__(self, items: Sequence[Any], subjects: Subjects | None = None) -> None:
        self.items = items
        self.subjects = subjects or Subjects()
        self.by_subject: dict[tuple[str, str], list[int]] = {}
        self.by_value: dict[str, tuple[list[float], list[int]]] = {}
        self.loose: dict[str, list[int]] = {}  # no positive value: compared on subject only
        self.events: dict[str | None, list[int]] = {}
        self.counted: list[str] = []
        values: dict[str, list[tuple[float, int]]] = {}
        for n, item in enumerate(items):
            if item.kind == "event":
                self.events.setdefault(item.subject, []).append(n)
                continue
            if getattr(item, "vague", False) or item.value is None:
                continue
            for fam in _keys(item.unit):
                if item.subject is not None:
                    self.by_subject.setdefault((fam, item.subject), []).append(n)
                if item.value > 0:
                    values.setdefault(fam, []).append(
                        (math.log(item.value * _to_base(item.unit)), n))
                else:
                    self.loose.setdefault(fam, []).append(n)
        for fam, entries in values.items():
            entries.sort()
            self.by_value[fam] = ([e[0] for e in entries], [e[1] for e in entries])
        self.counted = [f for f in self.by_value if f not in COUNTED_FAMILIES and f.count("[") == 1
                        and "**" not in f and not f.startswith("[currency")
                        and not f.startswith("~")]

    def candidates(self, claim: Any) -> list[int]:
        """Indexes of the figures worth weighing against ``claim``."""
        numbers, blocks = self.parts(claim)
        for block in blocks:
            numbers += block
        return list(dict.fromkeys(numbers))

    def parts(self, claim: Any, big: int | None = None) -> tuple[list[int], list[list[int]]]:
        """:meth:`candidates` in two parts: indexes, and the lists of a subject's figures
        of one family that hold more than ``big`` figures (never, by default), given
        whole for the caller to search (:class:`ValueSlices`); an index may stand in
        both."""
        if claim.kind == "event":
            events = list(self.events.get(claim.subject, ()))
            if claim.subject is not None:
                events += self.events.get(None, [])
            return events, []
        if getattr(claim, "vague", False) or claim.value is None:
            return [], []
        families = _families_to_search(claim.unit) + _keys(claim.unit)[1:]
        if families[0] in COUNTED_FAMILIES:
            families = [*families, *self.counted, *COUNTED_FAMILIES]
        found: list[int] = []
        blocks: list[list[int]] = []
        related = ({claim.subject} | self.subjects.related(claim.subject)
                   | set(getattr(claim, "partners", ()))
                   if claim.subject is not None else set())
        firm = bool(related)
        for fam in dict.fromkeys(families):
            for subject in related:
                block = self.by_subject.get((fam, subject), ())
                if big is not None and len(block) > big:
                    blocks.append(block)  # type: ignore[arg-type]
                else:
                    found += block
            found += self.loose.get(fam, ())
            if claim.value > 0 and fam in self.by_value:
                logs, numbers = self.by_value[fam]
                centre = math.log(claim.value * _to_base(claim.unit))
                first = bisect.bisect_left(logs, centre - self.WINDOW)
                last = bisect.bisect_right(logs, centre + self.WINDOW)
                if last - first > self.NEAREST:  # the nearest values only: bounded work
                    middle = bisect.bisect_left(logs, centre, first, last)
                    first = max(first, min(middle - self.NEAREST // 2, last - self.NEAREST))
                    last = first + self.NEAREST
                if firm:  # another known subject can never be the same fact
                    compare = self.subjects.verdict_of_figures
                    found += [n for n in numbers[first:last]
                              if self.items[n].subject in related
                              or compare(claim, self.items[n]) != "different"]
                else:
                    found += numbers[first:last]
        return found, blocks


class ValueSlices:
    """The figures of a large block (a subject's figures of one family), sorted by the low
    end of their range per unit and span, so that a search for a figure's match reads only
    the figures whose value may agree with it, then rings of growing value ratio, as far as
    their best possible score may still matter (:meth:`agreeable`, :meth:`ring`).

    A figure's range here is the one :func:`compare_values` compares (its bounds, open
    ones closed at :data:`OPEN_FACTOR`, widened by the tolerance). Its span is the first
    of :attr:`SPANS` its range is within (its high end at most that factor above its low
    end): a figure whose value may be near a claim's has its low end at most that factor
    below, so the narrower the span, the fewer figures read — most figures are a point
    ("1 200 emplois"), whose low end is its value. A figure whose range is not within the
    widest span (an open range, a wide one, a value of zero or less) is in :attr:`wide`,
    always read. A figure with an open bound ("more than 200") is kept apart by its
    direction: against a claim open the same way only its value is compared
    (:func:`_same_when_rounded`), against any other only its range."""

    SPANS = (1.0, 1.1, 1.3, 1.6)
    MARGIN = 1e-9
    """Relative margin on every bound searched: floating-point rounding never excludes a
    figure."""

    def __init__(self, items: Sequence[Any], numbers: Sequence[int], tolerance: float) -> None:
        by_unit: dict[tuple[str | None, float, str | None], list[tuple[float, int]]] = {}
        self.wide: list[int] = []
        for n in numbers:
            item = items[n]
            value = item.value
            if item.kind == "event" or value is None:
                self.wide.append(n)
                continue
            low, high = _bounds(item, 1.0, tolerance, OPEN_FACTOR)
            span = next((s for s in self.SPANS if high <= s * low), None)
            if 0 < low <= value <= high < math.inf and span is not None:
                direction = item.qualifier if item.qualifier in DIRECTIONS else None
                by_unit.setdefault((item.unit, span, direction), []).append((low, n))
            else:
                self.wide.append(n)
        self.units: dict[tuple[str | None, float, str | None], tuple[list[float], list[int]]] = {}
        """The figures of each unit, span and direction, by the low end of their range."""
        for key, entries in by_unit.items():
            entries.sort()
            self.units[key] = ([e[0] for e in entries], [e[1] for e in entries])
        self.size = len(numbers)

    def _centre(self, claim: Any, unit: str | None) -> float | None:
        """The claim's value in ``unit`` (positive and finite), or None."""
        factor = _factor(claim.unit, unit) if claim.unit and unit else 1.0
        value: float | None = claim.value * factor if claim.value is not None else None
        if value is None or not (0 < value < math.inf):
            return None
        return value

    def agreeable(self, claim: Any, tolerance: float) -> list[int] | None:
        """The figures whose value may agree with ``claim``'s (a superset: every figure
        :func:`compare_values` may find agreeing), or None when any may."""
        out = list(self.wide)
        margin = self.MARGIN
        for (unit, span, direction), (lows, numbers) in self.units.items():
            x = self._centre(claim, unit)
            if x is None:
                return None
            if direction is not None and direction == claim.qualifier:
                # two bounds of one direction: values within 10 %
                # (:func:`_same_when_rounded`), its value within its range
                low, high = 0.9 * x, x / 0.9
            else:
                # ranges that overlap: the other's low end within [a_low / span, a_high]
                factor = _factor(claim.unit, unit) if claim.unit and unit else 1.0
                low, high = _bounds(claim, factor, tolerance, OPEN_FACTOR)
                if not (0 < low <= high < math.inf):
                    return None
            first = bisect.bisect_left(lows, low / span * (1 - margin))
            last = bisect.bisect_right(lows, high * (1 + margin))
            out += numbers[first:last]
        return out

    def ring(self, claim: Any, ratio: float) -> list[int] | None:
        """The figures whose value may be within a factor ``ratio`` of ``claim``'s (as
        :func:`_ratio` measures it; ``math.inf``: all), or None when it cannot tell (read
        them all)."""
        out = list(self.wide)
        margin = self.MARGIN
        for (unit, span, _), (lows, numbers) in self.units.items():
            if ratio == math.inf:
                out += numbers
                continue
            x = self._centre(claim, unit)
            if x is None:
                return None
            # a value lies in [low, span · low]: within ``ratio`` of x only when low is
            # within [x / (span · ratio), x · ratio]
            first = bisect.bisect_left(lows, x / (span * ratio) * (1 - margin))
            last = bisect.bisect_right(lows, x * ratio * (1 + margin))
            out += numbers[first:last]
        return out


RATIO_CLASSES = ((1.1, "value.close"), (1.5, "value.near"), (3.0, "value.apart"),
                 (math.inf, "value.far"))
"""How :func:`evidence` names two values that do not agree, by their ratio."""


class Profile(NamedTuple):
    """What :class:`Bound` reads of a candidate figure, read once (:func:`profile`): a
    reference is a candidate of many claims."""

    terms: frozenset[str]
    """Its concepts (:func:`_terms`)."""
    facility: str | None
    scope: str | None
    metric: str | None
    unit: str | None
    precise: bool
    """Whether its value has :data:`PRECISE` significant digits or more."""
    time: TimeSpan | None
    when: tuple[str | None, str | None, str | None] | None
    """Its time's relation, date and relative date: all that tells whether two times are
    the same or compatible (:func:`compare_times`; not the words), hashed faster than
    the time."""


def profile(figure: Any, config: MatcherConfig) -> Profile:
    """What :class:`Bound` reads of ``figure`` as a candidate."""
    time = figure.time
    return Profile(_terms(getattr(figure, "terms", ()), figure.unit, config),
                   getattr(figure, "facility", None), getattr(figure, "scope", None),
                   figure.metric, figure.unit, _digits(figure.value) >= PRECISE, time,
                   None if time is None else (time.relation, time.date, time.relative))


class Bound:
    """The highest score :func:`evidence` can give a figure against others: every feature
    at its best weight, those that the figure alone decides at theirs (no subject:
    ``subject.unknown``; no time: no time feature; a value of one significant digit: no
    ``value.precise``…), and against one candidate (its :class:`Profile`) the wording,
    plant, scope, unit, time and precision exact and the metric nearly (another metric
    may be read as unknown, :func:`_metric`) — cheap: a plant, a unit or a time is
    compared once per distinct one, the concepts' overlap is one intersection."""

    MARGIN = 1e-9
    """Added to every bound of a score: another order of adding the weights never exceeds
    it (:class:`EventPairing`'s bounds too)."""

    def __init__(self, claim: Any, config: MatcherConfig) -> None:
        w = config.flat

        def best(*names: str, floor: bool = False) -> float:
            found = [w.get(name, 0.0) for name in names]
            return max([*found, 0.0] if floor else found)

        self.claim, self.config = claim, config
        facility, scope = getattr(claim, "facility", None), getattr(claim, "scope", None)
        total = w.get("bias", 0.0)
        total += best("subject.unknown") if claim.subject is None else best(
            "subject.same", "subject.related", "subject.unknown", "subject.different")
        self.facility = best("facility.unknown") if facility is None else best(
            "facility.same", "facility.unknown", "facility.different")
        total += self.facility
        self.scope = best("scope.same", "scope.different")
        total += self.scope
        self.metric = best("metric.unknown") if claim.metric is None else best(
            "metric.same", "metric.unknown", "metric.different")
        total += self.metric
        total += max(0.0, w.get("contrast", 0.0) * len(config.contrasts))
        self.unit = best("unit.bare") if claim.unit is None else best(
            "unit.same", "unit.bare", floor=True)
        total += self.unit
        total += max(0.0, w.get("revision", 0.0))
        self.time = best("time.same", "time.date_only", "time.trajectory", floor=True) \
            if claim.time is not None else 0.0
        total += self.time
        self.rest = total
        """Every feature but the wording and the values, at its best."""
        self.weights = w
        self.weight = w.get("wording", 0.0)
        self.terms = _terms(getattr(claim, "terms", ()), claim.unit, config)
        self.best_wording = abs(self.weight) * 0.5 if self.terms else 0.0
        names = [name for _, name in RATIO_CLASSES]
        self.values = {name: best(*names[k:]) for k, name in enumerate(names)}
        plain = max(w.get("value.agree", 0.0), self.values[names[0]])
        self.values[AGREE] = max(w.get("value.agree", 0.0) + max(0.0, w.get(
            "value.precise", 0.0)), plain) if _digits(claim.value) >= PRECISE else plain
        self.imprecise = plain - self.values[AGREE]
        """Against a candidate of fewer significant digits, what an agreeing value loses
        (``value.precise`` needs both sides precise)."""
        self.places: dict[str | None, float] | None = None if facility is None else {}
        """The exact plant feature less its best, by the candidate's plant (when the claim
        has one: else the feature is decided)."""
        self.scopes = scope is not None and any(scope in pair for pair in SPLIT_SCOPES)
        """Whether the candidate's scope may split from the claim's."""
        self.metric_other = max(w.get("metric.unknown", 0.0), w.get(
            "metric.different", 0.0)) - self.metric
        """Against a figure of another metric (or none), the metric feature at most, less
        its best."""
        self.units: dict[str | None, float] | None = None if claim.unit is None else {}
        """The exact unit feature less its best, by the candidate's unit."""
        self.times: dict[Any, float] | None = None if claim.time is None else {}
        """The exact time feature less its best, by the candidate's :attr:`Profile.when`
        (when the claim has a time)."""

    def score(self, value_feature: str, other: Profile | None = None) -> float:
        """The best score against any figure (against the figure ``other`` profiles, with
        its features known exactly) whose value feature is ``value_feature`` or a worse
        one of :data:`RATIO_CLASSES` (:data:`AGREE`: any)."""
        values = self.values[value_feature]
        if other is None:
            return self.rest + self.best_wording + values + self.MARGIN
        exact = 0.0  # each feature the candidate decides, exact, less its best
        if self.places is not None:
            place = self.places.get(other.facility)
            if place is None:
                place = self.places[other.facility] = self._place(other.facility)
            exact += place
        if self.scopes and (self.claim.scope, other.scope) in SPLIT_SCOPES:
            exact += self.weights.get("scope.different", 0.0) - self.scope
        if self.claim.metric is not None and other.metric != self.claim.metric:
            exact += self.metric_other
        if self.units is not None:
            unit = self.units.get(other.unit)
            if unit is None:
                unit = self.units[other.unit] = self._unit(other.unit)
            exact += unit
        if self.times is not None:
            time = self.times.get(other.when)
            if time is None:
                time = self.times[other.when] = self._time(other.time)
            exact += time
        if value_feature == AGREE and not other.precise:
            exact += self.imprecise
        ours, theirs = self.terms, other.terms
        wording = self.weight * (_wording(ours, theirs, len(ours & theirs)) - 0.5)
        return self.rest + exact + wording + values + self.MARGIN

    def _place(self, theirs: str | None) -> float:
        """The plant feature against a candidate's plant, less its best."""
        ours = self.claim.facility
        return self.weights.get("facility." + (
            "unknown" if theirs is None else compare_places(ours, theirs)), 0.0) - self.facility

    def _unit(self, theirs: str | None) -> float:
        """The unit feature against a candidate's unit, less its best."""
        feature = _unit_feature(self.claim.unit, theirs)
        return (0.0 if feature is None else self.weights.get(feature, 0.0)) - self.unit

    def _time(self, theirs: TimeSpan | None) -> float:
        """The time feature against a candidate's time, less its best (the claim has a
        time)."""
        w = self.weights
        times = _compare_times(self.claim.time, theirs)
        if times.same and theirs is not None:
            return w.get("time.same", 0.0) - self.time
        if times.compatible:
            return -self.time
        return max(w.get("time.date_only", 0.0), w.get("time.trajectory", 0.0)) - self.time


AGREE = "value.agree"


@functools.lru_cache(maxsize=4096)
def _to_base(unit: str | None) -> float:
    """Factor to the family's base unit, so that values of one family compare in log space."""
    if unit is None:
        return 1.0
    base = _yearly_base(unit)
    try:
        return units.base_factor(base)
    except Exception:  # pint: a unit with no base conversion
        return 1.0


@record
class Match:
    """Two figures the matcher weighed, and what it concluded."""

    a: int
    b: int
    evidence: Evidence
    verdict: str


class Matcher:
    """The one matcher ``check`` and ``diff`` share."""

    FIGURES_KEPT = 100_000
    """At most this many figures' :class:`_Figure` are kept (then forgotten at once):
    memory stays flat however many documents one matcher reads."""

    def __init__(self, entities: Mapping[str, Any] | None = None, tolerance: float = 0.0,
                 config: MatcherConfig | None = None) -> None:
        self.subjects = Subjects(entities)
        self.tolerance = tolerance
        self.config = config or matcher_config()
        self._figures: dict[int, _Figure] = {}

    def figure(self, claim: Any) -> _Figure:
        """What :func:`evidence` reads of ``claim`` alone, read once. Kept by the claim's
        id: the :class:`_Figure` holds the claim, so no other object gets that id while
        it is kept."""
        found = self._figures.get(id(claim))
        if found is None or found.claim is not claim:
            if len(self._figures) >= self.FIGURES_KEPT:
                self._figures.clear()
            found = self._figures[id(claim)] = _Figure(claim, self.config, self.tolerance)
        return found

    def weigh(self, a: Any, b: Any) -> Evidence:
        return _evidence(a, b, self.figure(a), self.figure(b), self.subjects, self.config,
                         self.tolerance)

    def verdict(self, ev: Evidence) -> str | None:
        return verdict_of(ev, self.config)

    def index(self, items: Sequence[Any]) -> CandidateIndex:
        return CandidateIndex(items, self.subjects)

    def pair(self, a: Sequence[Any], b: Sequence[Any]) -> tuple[list[Match], list[Match]]:
        """Pair the figures of ``a`` and ``b`` one to one, best confidence first.

        Returns the pairs (agree, conflict, possible-conflict, time-conflict) and, for the
        figures of ``a`` left unpaired, their best look-alike in ``b`` (related).

        Candidates are weighed best first: at equal confidence an article's own figure
        before its headline's, then the closer values ("295 600" before "303 900" for
        "290,614"), then the order of the texts (:func:`_sort_key`). An event is a
        candidate of every event of its subject or of none, so the events are paired by
        :class:`EventPairing`, which gives the pairs this greedy would without weighing
        them all; a figure's candidates are few (:class:`CandidateIndex`), each weighed
        by :func:`_observe` alone: the :class:`Evidence` is built for the matches kept."""
        with collector.paused():  # (weighing makes many objects, no garbage)
            return self._pair(a, b)

    def _pair(self, a: Sequence[Any], b: Sequence[Any]) -> tuple[list[Match], list[Match]]:
        index = self.index(b)
        config, subjects, tolerance = self.config, self.subjects, self.tolerance
        theirs = [self.figure(other) for other in b]
        weighed: list[tuple[tuple[float, bool, bool, float, int, int], str]] = []
        for i, claim in enumerate(a):
            if claim.kind == "event":
                continue
            mine = self.figure(claim)
            for j in index.candidates(claim):
                other = b[j]
                if claim is other:
                    continue
                seen = _observe(claim, other, mine, theirs[j], subjects, config, tolerance)
                confidence = _sigmoid(seen.score)
                verdict = _verdict(confidence, seen.agree, seen.times, config)
                if verdict is not None:
                    weighed.append((_sort_key(a, b, i, j, confidence, seen.closeness),
                                    verdict))
        weighed.sort()
        used_a: set[int] = set()
        used_b: set[int] = set()
        pairs: list[Match] = []
        for key, verdict in weighed:
            i, j = key[4], key[5]
            if verdict == "related" or i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            pairs.append(Match(i, j, self.weigh(a[i], b[j]), verdict))
        related: list[Match] = []
        for key, verdict in weighed:
            i, j = key[4], key[5]
            if i not in used_a and verdict == "related":
                used_a.add(i)
                related.append(Match(i, j, self.weigh(a[i], b[j]), verdict))
        events = EventPairing(self, a, b)
        for found, out in ((events.pairs, pairs), (events.related, related)):
            for i, j in found:
                ev = self.weigh(a[i], b[j])
                verdict = self.verdict(ev)
                assert verdict is not None  # the same weighing as when it was chosen
                out.append(Match(i, j, ev, verdict))
        pairs.sort(key=lambda m: (m.a, m.b))
        related.sort(key=lambda m: (m.a, m.b))
        return pairs, related


def _sort_key(a: Sequence[Any], b: Sequence[Any], i: int, j: int, confidence: float,
              closeness: float) -> tuple[float, bool, bool, float, int, int]:
    """The order :meth:`Matcher.pair` weighs candidates in (the smallest first), given a
    pair's confidence and the closeness of its values (:func:`_closeness`)."""
    return (-confidence, getattr(a[i], "headline", False), getattr(b[j], "headline", False),
            closeness, i, j)


class _Members:
    """Events of one side that :func:`evidence` cannot tell apart (each field it reads is
    the same, :func:`_event_fields`): their indexes ascending, and the first not yet
    paired."""

    __slots__ = ("concepts", "headline", "next", "nodes", "numbers", "rep", "stream", "time",
                 "twin")

    def __init__(self, rep: Any, twin: int | None, config: MatcherConfig) -> None:
        self.rep, self.twin = rep, twin
        """``twin``: the id of the figure when both sides hold it (never paired with itself)."""
        self.concepts = _terms(rep.terms, rep.unit, config)
        self.headline = getattr(rep, "headline", False)
        self.numbers: list[int] = []
        self.next = 0
        self.nodes: tuple[_Node, ...] = ()
        self.stream: _Stream | None = None
        self.time = 0
        """Its time's number (:attr:`EventPairing.times`)."""

    def first(self) -> int | None:
        """The first member not yet paired."""
        return self.numbers[self.next] if self.next < len(self.numbers) else None


_Sets = list[tuple["_Node", frozenset[str]]]
"""Sets of concepts, each with the time (:class:`_Node`) whose leaves hold it."""


class _Node:
    """Events of ``b`` that share the fields of a time of :class:`EventPairing`'s tree
    (``rep`` stands for them), and how many of them are not yet paired."""

    __slots__ = ("children", "rep", "shelves", "unused")

    def __init__(self, rep: Any) -> None:
        self.rep = rep
        self.children: dict[Any, Any] = {}
        """Its leaves, by their concepts (a first-level node's: its times)."""
        self.unused = 0
        self.shelves: dict[int, _Sets] = {}
        """Its concepts by their size (:class:`_Shelf`; a first-level node's: those of its
        dated times)."""


class _Top(_Node):
    """A first-level node of :class:`EventPairing`'s tree: its times, and its dated times
    indexed, so that a group reads those whose date may be its own apart from the rest.
    A date starts another as :func:`_compare_times` reads it (``str.startswith``): every
    start of a date, from the empty one, is indexed."""

    __slots__ = ("dated", "extending", "loose", "owned")

    def __init__(self, rep: Any) -> None:
        super().__init__(rep)
        self.owned: dict[frozenset[str], list[_Node]] = {}
        """The dated times by the concepts their leaves hold."""
        self.dated: dict[str, list[_Node]] = {}
        """The dated times by their date."""
        self.extending: dict[str, list[_Node]] = {}
        """The dated times by each shorter start of their date ("2025" for "2025-03")."""
        self.loose: list[_Node] = []
        """The times with no date (none given, or relative to an unknown date)."""

    def add(self, time: int, item: Any) -> _Node:
        """The node of ``item``'s time (numbered ``time``), made on its first event."""
        middle = self.children.get(time)
        if middle is None:
            middle = self.children[time] = _Node(item)
            date = _date(item)
            if date is None:
                self.loose.append(middle)
            else:
                self.dated.setdefault(date, []).append(middle)
                for end in range(len(date)):
                    self.extending.setdefault(date[:end], []).append(middle)
        return middle

    def shelve(self, middle: _Node, concepts: frozenset[str]) -> None:
        """Index a new set of concepts of ``middle``, one of its times."""
        size = len(concepts)
        middle.shelves.setdefault(size, []).append((middle, concepts))
        if _date(middle.rep) is not None:
            self.shelves.setdefault(size, []).append((middle, concepts))
            self.owned.setdefault(concepts, []).append(middle)

    def apart(self, time: TimeSpan | None) -> list[_Node]:
        """The times whose date may be that of ``time`` (one starts the other), and those
        with no date."""
        found = list(self.loose)
        date = time.date if time is not None else None
        if date is not None:
            for end in range(len(date) + 1):
                found += self.dated.get(date[:end], ())
            found += self.extending.get(date, ())
        return found


def _date(item: Any) -> str | None:
    return item.time.date if item.time is not None else None


class _Shelf(NamedTuple):
    """Leaves of :class:`EventPairing`'s tree read at once: those of some sets of concepts
    of one size, but ``skip`` (a group's own concepts, on a shelf of their own), and those
    of the times in ``apart`` (by id: read on their own)."""

    sets: _Sets
    skip: frozenset[str] | None = None
    apart: frozenset[int] = frozenset()


_Tops = list[tuple[float, float, _Top, tuple[float, bool, bool]]]
_Middles = list[tuple[float, list[_Node] | None, frozenset[int]]]
"""Times of one weight, the best first: a list of them, or (None) every dated time but
those apart (by id)."""


class EventPairing:
    """The events of ``a`` and ``b`` paired exactly as :meth:`Matcher.pair` pairs weighed
    candidates (best first by :func:`_sort_key`, each side's figure used once, then the best
    related look-alike of each figure of ``a`` left), without weighing every pair: an event
    is a candidate of every event of its subject or of none, so documents of many undated
    events would weigh a number of pairs that grows with the square of their length.

    The events of ``b`` stand in a tree: by every field :func:`evidence` reads but the time
    and the concepts, then by time, then by concepts (a leaf: events that no evidence tells
    apart, :class:`_Members`; so are the events of ``a``). The dated times of a first-level
    node are also indexed by date and by concepts, so that a group reads the times whose
    date may be its own one by one and all the others (of one weight) at once
    (:meth:`middles`). Each group of ``a`` reads the
    tree best first (:class:`_Stream`): a node's confidence is bounded from above (the
    features its fields decide, exact; the others at their best), so a node that cannot
    beat the leaf found is never opened, and a leaf is weighed only when its bound (exact
    but for a subject or metric its concepts may change) comes first. A heap over the
    groups of ``a`` then pairs as the greedy would: the smallest key of each group's best
    leaf, with its first members."""

    MARGIN = Bound.MARGIN

    def __init__(self, matcher: Matcher, a: Sequence[Any], b: Sequence[Any]) -> None:
        self.matcher, self.config = matcher, matcher.config
        w = self.config.flat
        self.wording, self.contrast = w.get("wording", 0.0), w.get("contrast", 0.0)
        self.best_concepts = abs(self.wording) * 0.5 + max(
            0.0, self.contrast * len(self.config.contrasts))
        """The best the concepts of two figures may add (wording and contrasts)."""
        self.times: dict[TimeSpan | None, int] = {}
        self._tops: dict[Any, _Tops] = {}
        self._middles: dict[tuple[int, int], _Middles] = {}
        on_a = {id(x) for x in a if x.kind == "event"}
        on_b = {id(x) for x in b if x.kind == "event"}
        self.trees: dict[str | None, dict[Any, _Top]] = {}
        leaves: dict[Any, _Members] = {}
        for j, item in enumerate(b):
            if item.kind != "event":
                continue
            fields = _event_fields(item)
            tree = self.trees.setdefault(item.subject, {})
            top = tree.get(fields) or tree.setdefault(fields, _Top(item))
            time = self.times.setdefault(item.time, len(self.times))
            middle = top.add(time, item)
            twin = id(item) if id(item) in on_a else None
            key = (fields, time, frozenset(item.terms), twin)
            leaf = leaves.get(key)
            if leaf is None:
                leaf = leaves[key] = _Members(item, twin, self.config)
                alike: list[_Members] | None = middle.children.get(leaf.concepts)
                if alike is None:
                    alike = middle.children[leaf.concepts] = []
                    top.shelve(middle, leaf.concepts)
                alike.append(leaf)
                leaf.nodes = (top, middle)
            leaf.numbers.append(j)
            top.unused += 1
            middle.unused += 1
        groups: dict[Any, _Members] = {}
        for i, item in enumerate(a):
            if item.kind == "event":
                twin = id(item) if id(item) in on_b else None
                key = (_event_fields(item), item.time, frozenset(item.terms), twin)
                groups.setdefault(key, _Members(item, twin, self.config)).numbers.append(i)
        self.groups = list(groups.values())
        for group in self.groups:
            group.time = self.times.setdefault(group.rep.time, len(self.times))
        self.pairs: list[tuple[int, int]] = []
        self.related: list[tuple[int, int]] = []
        self._pair()

    def _pair(self) -> None:
        heap: list[tuple[Any, ...]] = []

        def push(group: _Members) -> None:
            first = group.first()
            if first is None:
                return
            assert group.stream is not None
            head = group.stream.head()
            if head is not None:
                confidence, headline, closeness, j, _, leaf = head
                heapq.heappush(heap, (confidence, group.headline, headline, closeness, first, j,
                                      group, leaf))

        for group in self.groups:
            group.stream = _Stream(self, group, True)
            push(group)
        while heap:
            *_, i, j, group, leaf = heapq.heappop(heap)
            if leaf.first() != j:  # paired since: the group's next best
                push(group)
                continue
            self.pairs.append((i, j))
            group.next += 1
            leaf.next += 1
            for node in leaf.nodes:
                node.unused -= 1
            push(group)
        for group in self.groups:
            group.stream = None  # (a stream refers to its group: no cycle left behind)
            if group.first() is not None:
                head = _Stream(self, group, False).head()
                if head is not None:
                    self.related += [(i, head[3]) for i in group.numbers[group.next:]]

    def tops(self, group: _Members) -> _Tops:
        """The first level's nodes that ``group`` may pair with, best bound first: (the
        bound's confidence, the score but the time's feature, the node, and what
        :meth:`_fixed` gave the subject and metric that concepts may change)."""
        x = group.rep
        key = (_event_fields(x), bool(group.concepts), x.time is None)
        found = self._tops.get(key)
        if found is None:
            w = self.config.flat
            found = []
            trees = [self.trees.get(x.subject, {})]
            if x.subject is not None:
                trees.append(self.trees.get(None, {}))
            for tree in trees:
                for node in tree.values():
                    ev = self.matcher.weigh(x, node.rep)
                    other = "time.date_only" if ev.values.agree else "time.trajectory"
                    time = 0.0 if x.time is None else max(0.0, w.get("time.same", 0.0),
                                                          w.get(other, 0.0))
                    opens = self.matcher.subjects.verdict(x, node.rep) == "different"
                    rest, opened = self._fixed(ev, bool(group.concepts), opens)
                    found.append((_sigmoid(rest + time + self.MARGIN), rest, node, opened))
            found.sort(key=lambda t: -t[0])
            self._tops[key] = found
        return found

    def middles(self, group: _Members, top: _Top) -> _Middles:
        """The times under ``top`` by what their time feature adds, the best first. Against
        a dated group, a time whose date neither starts nor extends the group's is another
        date (``time.date_only`` or ``time.trajectory``: :func:`_time_feature`); against
        a group with no date, any dated time is compatible: all those are one weight,
        kept whole (read apart from the times weighed one by one)."""
        x = group.rep
        mine = group.time
        found = self._middles.get((id(top), mine))
        if found is None:
            w = self.config.flat
            agree = top.rep.kind == x.kind  # two events agree (see :func:`evidence`)
            apart = top.apart(x.time)

            def weight(node: _Node) -> float:
                time = node.rep.time
                feature = _time_feature(_compare_times(x.time, time), x.time, time, agree)
                return w.get(feature, 0.0) if feature else 0.0

            by_weight: dict[float, list[_Node]] = {}
            for node in apart:
                by_weight.setdefault(weight(node), []).append(node)
            found = [(added, nodes, frozenset()) for added, nodes in by_weight.items()]
            ids = frozenset(id(node) for node in apart)
            other = next((node for nodes in top.dated.values() for node in nodes
                          if id(node) not in ids), None)
            if other is not None:  # the rest: all of one weight, read at once
                found.append((weight(other), None, ids))
            found.sort(key=lambda t: -t[0])
            self._middles[(id(top), mine)] = found
        return found

    def concepts(self, x: frozenset[str], y: frozenset[str]) -> float:
        """What the concepts of two figures add to their score (wording and contrasts)."""
        if not x or not y:
            return 0.0
        return self.wording * (_wording(x, y, len(x & y)) - 0.5) + self.contrast * _contrasted(
            x, y, self.config)

    def _fixed(self, ev: Evidence, terms: bool, subject_open: bool
               ) -> tuple[float, tuple[float, bool, bool]]:
        """The score of ``ev`` with the features the first level does not decide (concepts,
        time, revision; the subject and metric that concepts may turn unknown: different
        subjects of a grant, :meth:`Subjects.of_figures`) at their best, but the time; and
        (what the subject and metric add at best, whether the subject may change, whether
        the metric may)."""
        w = self.config.flat
        total = 0.0
        a_metric, b_metric = ev.metrics
        metric_open = None not in (a_metric, b_metric) and a_metric != b_metric
        for name, x in ev.features.items():
            group = name.partition(".")[0]
            if group in ("wording", "contrast", "revision", "time") or (
                    group == "subject" and subject_open) or (group == "metric" and metric_open):
                continue
            total += w.get(name, 0.0) * x
        best = 0.0
        for group, is_open in (("subject", subject_open), ("metric", metric_open)):
            if is_open:
                best += max(w.get(f"{group}.different", 0.0), w.get(f"{group}.unknown", 0.0))
        total += best
        if terms:
            total += self.best_concepts
        if not ev.values.agree:
            total += max(0.0, w.get("revision", 0.0))
        return total, (best, subject_open, metric_open)


class _Stream:
    """The leaves of :class:`EventPairing`'s tree for one group of ``a``, smallest key first
    (confidence, headline, closeness, the first index): with ``pairing``, the leaves that
    pair (from the pair threshold up, with members not yet paired); else the related ones.

    Its heap holds leaves weighed (their key) and, first at equal confidence, what bounds
    what is not read yet: the rest of a sorted list of nodes, a leaf not weighed."""

    def __init__(self, owner: EventPairing, group: _Members, pairing: bool) -> None:
        self.owner, self.group, self.pairing = owner, group, pairing
        self.floor = owner.config.pair if pairing else owner.config.related
        self.heap: list[tuple[Any, ...]] = []
        self.count = 0
        self.best = owner.best_concepts if group.concepts else 0.0
        self.opened: dict[int, tuple[float, bool, bool]] = {}
        """By first-level node: what concepts may change (:meth:`EventPairing._fixed`)."""
        self._cursor(owner.tops(group), 0, None, 0.0)

    def _cursor(self, nodes: Any, k: int, top: _Node | None, rest: float) -> None:
        """Read ``nodes`` (:meth:`EventPairing.tops`, or with ``top`` its
        :meth:`EventPairing.middles`) from the ``k``-th on: each bounds all that follow."""
        if k < len(nodes):
            bound = nodes[k][0] if top is None else _sigmoid(
                rest + nodes[k][0] + self.owner.MARGIN)
            if bound >= self.floor:
                self.count += 1
                heapq.heappush(self.heap, (-bound, -1, self.count, nodes, k, top, rest))

    def _leaf(self, score: float, opened: tuple[float, bool, bool], leaf: _Members) -> float:
        """The score of ``leaf``, plus the margin (``score``: the bound of its time, less the
        concepts' best; the concepts, subject and metric made exact)."""
        x, y = self.group.rep, leaf.rep
        config, owner = self.owner.config, self.owner
        w = config.flat
        best, subject_open, metric_open = opened
        score += owner.concepts(self.group.concepts, leaf.concepts) - best
        if subject_open:
            score += w.get("subject." + owner.matcher.subjects.verdict_of_figures(x, y), 0.0)
        if metric_open:
            score += w.get("metric." + _metric(x, y, self.group.concepts, leaf.concepts,
                                               config), 0.0)
        return score

    def _pairs(self, bound: float, leaf: _Members) -> bool:
        """Whether a leaf of score ``bound`` (:meth:`_leaf`) pairs for sure, so is never a
        related one: two events agree (see :func:`evidence`)."""
        return (leaf.rep.kind == self.group.rep.kind == "event"
                and _sigmoid(bound - 2 * self.owner.MARGIN) >= self.owner.config.pair)

    def _push(self, bound: float, leaf: _Members) -> None:
        if bound >= self.floor:
            self.count += 1
            heapq.heappush(self.heap, (-bound, -1, self.count, None, 0, leaf, 0.0))

    def head(self) -> tuple[Any, ...] | None:
        """The smallest leaf: (-confidence, headline, closeness, index, count, members)."""
        heap, group, owner = self.heap, self.group, self.owner
        while heap:
            entry = heap[0]
            if entry[1] != -1:  # a leaf weighed
                leaf = entry[5]
                first = leaf.first() if self.pairing else leaf.numbers[0]
                if first == entry[3]:
                    return entry
                heapq.heappop(heap)
                if first is not None:
                    self.count += 1
                    heapq.heappush(heap, (*entry[:3], first, self.count, leaf))
                continue
            heapq.heappop(heap)
            _, _, _, nodes, k, top, rest = entry
            if nodes is None:
                self._weigh(top)
            elif top is None:  # the first level: its times next
                self._cursor(nodes, k + 1, None, 0.0)
                _, rest, node, opened = nodes[k]
                if node.unused or not self.pairing:
                    self._cursor(owner.middles(group, node), 0, node, rest)
                    self.opened[id(node)] = opened
            elif isinstance(nodes, _Shelf):  # leaves, bounded by their concepts
                self._open(nodes, top, rest)
            else:  # times of one weight: their shelves
                self._cursor(nodes, k + 1, top, rest)
                weight, middles, apart = nodes[k]
                score = rest + weight + owner.MARGIN - self.best
                if middles is None:  # every dated time but those apart
                    self._shelve(top.shelves, top.owned.get(group.concepts, ()), apart, top,
                                 score)
                for middle in middles or ():
                    if middle.unused or not self.pairing:
                        owners = (middle,) if group.concepts in middle.children else ()
                        self._shelve(middle.shelves, owners, frozenset(), top, score)
        return None

    def _shelve(self, shelves: dict[int, _Sets], owners: Sequence[_Node],
                apart: frozenset[int], top: _Node, score: float) -> None:
        """The leaves of some times (``shelves``, those of their times in ``owners`` hold the
        group's own concepts; but the times in ``apart``), a shelf for each size of
        concepts, bounded by the best concepts of that size may add; the group's own
        concepts on a shelf of their own, first (the others of their size share one less
        concept at most). ``score``: the bound of the times, less the concepts' best."""
        ours = self.group.concepts
        size = len(ours)
        own = [(middle, ours) for middle in owners if id(middle) not in apart] if ours else []
        if own:
            self._shelf(_Shelf(own), top, score, self._concepts(size, size))
        for length, sets in shelves.items():
            shared = size - 1 if length == size else min(size, length)
            self._shelf(_Shelf(sets, ours if ours else None, apart), top, score,
                        self._concepts(length, shared))

    def _concepts(self, length: int, shared: int) -> float:
        """The most concepts of ``length`` that share at most ``shared`` with the group's
        may add (:meth:`EventPairing.concepts`, as :func:`_wording` reckons)."""
        owner = self.owner
        size = len(self.group.concepts)
        if not size or not length:
            return 0.0
        wording = _dice(size, length, max(shared, 0))
        return max(owner.wording * (wording - 0.5), owner.wording * -0.5) + max(
            0.0, owner.contrast * len(owner.config.contrasts))

    def _shelf(self, shelf: _Shelf, top: _Node, score: float, concepts: float) -> None:
        """Push a shelf (``score``: as for :meth:`_leaf`; ``concepts``: the most its
        concepts may add)."""
        bound = _sigmoid(score + concepts)
        if bound >= self.floor:
            self.count += 1
            heapq.heappush(self.heap, (-bound, -1, self.count, shelf, 0, top, score))

    def _open(self, shelf: _Shelf, top: _Node, score: float) -> None:
        """Bound the leaves of a shelf, each exactly (:meth:`_leaf`)."""
        group, skip, apart = self.group, shelf.skip, shelf.apart
        opened = self.opened[id(top)]
        for middle, concepts in shelf.sets:
            if concepts == skip or (not middle.unused and self.pairing) or (
                    apart and id(middle) in apart):
                continue
            for leaf in middle.children[concepts]:
                if leaf.twin is not None and leaf.twin == group.twin:
                    continue
                bound = self._leaf(score, opened, leaf)
                if self.pairing or not self._pairs(bound, leaf):
                    self._push(_sigmoid(bound), leaf)

    def _weigh(self, leaf: _Members) -> None:
        """Weigh a leaf, and read it in its place if it pairs (or relates)."""
        first = leaf.first() if self.pairing else leaf.numbers[0]
        if first is None:
            return
        ev = self.owner.matcher.weigh(self.group.rep, leaf.rep)
        verdict = verdict_of(ev, self.owner.config)
        if verdict is None or (verdict == "related") == self.pairing:
            return
        self.count += 1
        heapq.heappush(self.heap, (-ev.confidence, leaf.headline, _closeness(ev.values), first,
                                   self.count, leaf))


def _event_fields(claim: Any) -> tuple[Any, ...]:
    """Every field of a figure that :func:`evidence` reads, but its time and concepts."""
    return (claim.kind, claim.subject, getattr(claim, "subject_name", None), _kind(claim),
            tuple(getattr(claim, "partners", ())), getattr(claim, "subject_via", None),
            getattr(claim, "facility", None), getattr(claim, "scope", None), claim.metric,
            claim.unit, claim.value, claim.low, claim.high, claim.qualifier,
            getattr(claim, "headline", False))
