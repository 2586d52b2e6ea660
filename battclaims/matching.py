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
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import units
from .entities import FACILITY_PLACES, PLACES
from .formatting import number, time_words
from .lexicon import REVISED
from .model import TimeSpan
from .names import country_of, fold_name, place_kind, same_name
from .subjects import WEAK

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
        """The numbers compared, in the second claim's unit (built only when shown); empty
        for events."""
        if self.a.value is None or self.b.value is None:
            return ""
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


def compare_values(a: Any, b: Any, tolerance: float = 0.0,
                   open_factor: float | None = None) -> ValueComparison:
    """Compare ``a``'s value with ``b``'s, in ``b``'s unit.

    With ``open_factor``, an open bound is closed at that factor: "more than X" reads as
    X to ``open_factor``·X, "up to X" as X / ``open_factor`` to X."""
    factor = _factor(a.unit, b.unit) if a.unit and b.unit else 1.0
    a_low, a_high = _bounds(a, factor, tolerance, open_factor)
    b_low, b_high = _bounds(b, 1.0, tolerance, open_factor)
    low, high = max(a_low, b_low), min(a_high, b_high)
    # Ranges that only touch do not agree ("11" and "12 GWh", rounded to 10.5-11.5 and
    # 11.5-12.5), unless one side is an exact point.
    agree = low < high or (low == high and (a_low == a_high or b_low == b_high))
    if a.qualifier == b.qualifier and a.qualifier in ("lower", "upper") and None not in (
            a.value, b.value):
        # two bounds of one direction are compared as plain values ("more than $55 billion"
        # and "plus de 50 milliards de dollars" differ)
        agree = _same_when_rounded(a.value * factor, b.value)
    elif agree and a.qualifier == b.qualifier == "approx" and None not in (a.value, b.value):
        # two hedged figures agree when one stands within the other's hedge ("près de
        # 5 000" and "roughly 6,000" do not), not whenever both hedges overlap
        a_value = a.value * factor
        agree = b_low <= a_value <= b_high or a_low <= b.value <= a_high
    return ValueComparison(agree, a, b, factor)


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


@dataclass(frozen=True, eq=False)
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
    (built only when shown)."""

    __slots__ = ("_text", "verdict")

    def __init__(self, verdict: str, text: str | Callable[[], str]) -> None:
        self.verdict = verdict
        """``same``, ``related``, ``unknown`` or ``different``."""
        self._text = text

    @property
    def text(self) -> str:
        if not isinstance(self._text, str):
            self._text = self._text()
        return self._text

    def __repr__(self) -> str:
        return f"SubjectComparison({self.verdict!r}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, SubjectComparison) and other.verdict == self.verdict
                and other.text == self.text)

    def __hash__(self) -> int:
        return hash((self.verdict, self.text))


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
        a_id, b_id = a.subject, b.subject
        a_name, b_name = _name(a), _name(b)
        if a_id is None or b_id is None:
            known = a_name or b_name
            return SubjectComparison("unknown", (lambda: f"subject known on one side only "
                                                         f"({known})")
                                     if known else "no subject on either side")
        if a_id == b_id or same_name(a_name or a_id, b_name or b_id):
            return SubjectComparison("same", lambda: f"same subject ({_subject_words(a)})")
        a_with, b_with = set(getattr(a, "partners", ())), set(getattr(b, "partners", ()))
        if b_id in self.related_ids.get(a_id, ()) or b_id in a_with or a_id in b_with or (
                a_with & b_with):
            return SubjectComparison("related", lambda: f"related subjects ({a_name} / "
                                                        f"{b_name})")
        if _is_place(a) != _is_place(b) and (WEAK & {getattr(a, "subject_via", None),
                                                     getattr(b, "subject_via", None)}
                                             or {_kind(a), _kind(b)} & FACILITY_PLACES):
            # a place only because no organisation was named, or a town acting in its
            # sentence ("Madrid approved…"): the company's plant may be there
            return SubjectComparison("unknown", lambda: f"a place and an organisation "
                                                        f"({a_name} / {b_name})")
        return SubjectComparison("different", lambda: f"different subjects ({a_name} / "
                                                      f"{b_name})")

    def of_figures(self, a: Any, b: Any) -> SubjectComparison:
        """:meth:`compare` for two figures: a grant's different subjects may be its giver
        and its receiver, or two public bodies that pay or clear it."""
        subject = self.compare(a, b)
        if subject.verdict == "different" and _grant(a, b):
            if _is_public(a) != _is_public(b):
                return SubjectComparison("unknown", lambda: f"a grant: its giver and its "
                                                            f"receiver ({_name(a)} / {_name(b)})")
            if _is_public(a):
                return SubjectComparison("unknown", lambda: f"a grant from public bodies "
                                                            f"({_name(a)} / {_name(b)})")
        return subject

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


def _subject_words(claim: Any) -> str:
    name = _name(claim)
    source = getattr(claim, "subject_source", None)
    via = getattr(claim, "subject_via", None)
    if source == "context" and via:
        return f"{name}, {via}"
    return str(name)


@dataclass(frozen=True)
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
    subjects = subjects or Subjects()
    found: dict[str, float] = {"bias": 1.0}
    subject = subjects.of_figures(a, b)
    found["subject." + subject.verdict] = 1.0
    fa, fb = getattr(a, "facility", None), getattr(b, "facility", None)
    facility = "unknown" if fa is None or fb is None else compare_places(fa, fb)
    found["facility." + facility] = 1.0
    sa, sb = getattr(a, "scope", None), getattr(b, "scope", None)
    scope = "different" if {sa, sb} == {"plant", "company"} else "same"
    found["scope." + scope] = 1.0
    ma, mb = a.metric, b.metric
    a_terms, b_terms = getattr(a, "terms", ()), getattr(b, "terms", ())
    ta = _terms(a_terms, a.unit, config)
    tb = _terms(b_terms, b.unit, config)
    metric = "unknown" if ma is None or mb is None else ("same" if ma == mb else "different")
    if metric == "different" and (config.metric_concepts.get(mb) in ta
                                  or config.metric_concepts.get(ma) in tb):
        metric = "unknown"  # each side's words name the other's metric: no evidence
    elif metric == "different" and {ma, mb} == {INVESTMENT_METRIC, GRANT_METRIC} and (
            _is_public(a) or _is_public(b)):
        metric = "unknown"  # a state's money put into a project is its grant too
    found["metric." + metric] = 1.0
    shared, wording, contrasts = _concepts_compared(ta, tb, config)
    found["wording"] = wording - 0.5
    found["contrast"] = float(len(contrasts))
    unit = _unit_feature(a.unit, b.unit)
    if unit is not None:
        found[unit] = 1.0  # unit.same: (or nouns of one concept: "foyers", "households")
    if a.kind == "event" or b.kind == "event":
        values = ValueComparison(a.kind == b.kind, a, b, 1.0)
    else:
        values = compare_values(a, b, tolerance, open_factor=OPEN_FACTOR)
    times = _compare_times(a.time, b.time)
    if values.agree:
        found["value.agree"] = 1.0
        if min(_digits(a.value), _digits(b.value)) >= PRECISE:
            found["value.precise"] = 1.0
    else:
        ratio = _ratio(a, b, values.factor)
        found["value." + ("close" if ratio <= 1.1 else "near" if ratio <= 1.5
                          else "apart" if ratio <= 3 else "far")] = 1.0
        if REVISED in a_terms or REVISED in b_terms:
            # "replacing the initial plan", "au lieu de": an old and a new plan
            found["revision"] = 1.0
    if times.same and a.time is not None and b.time is not None:
        found["time.same"] = 1.0
    elif not times.compatible:
        found["time." + ("date_only" if values.agree else "trajectory")] = 1.0
    weights = config.flat
    score = 0.0  # the features' weights added in the order observed
    for name, x in found.items():
        score += weights.get(name, 0.0) * x
    return Evidence(subject, facility, scope, metric, wording, shared, contrasts, values, times,
                    score, _sigmoid(score), (ma, mb), (fa, fb), found)


@functools.lru_cache(maxsize=65536)
def _concepts_compared(ta: frozenset[str], tb: frozenset[str], config: MatcherConfig
                       ) -> tuple[tuple[str, ...], float, tuple[str, ...]]:
    """The concepts two figures share, how alike their concepts are (:func:`_wording`)
    and the contrasting concepts between them ("direct / indirect")."""
    shared = tuple(sorted(ta & tb))
    contrasts = tuple(f"{x} / {y}" for x, y in config.contrasts
                      if (x in ta and y in tb and y not in ta and x not in tb)
                      or (y in ta and x in tb and x not in ta and y not in tb)
                      ) if ta and tb else ()
    return shared, _wording(ta, tb), contrasts


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


@functools.lru_cache(maxsize=65536)
def _terms(terms: tuple[str, ...], unit: str | None, config: MatcherConfig) -> frozenset[str]:
    """A figure's concepts, less the one that only restates its unit and the mark of a
    revision (weighed on its own)."""
    restated = config.unit_concepts.get(unit.split(" / ")[0]) if unit else None
    return frozenset(t for t in terms if t not in (restated, REVISED))


def _wording(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike the concepts around two figures are, 0 to 1: rapidfuzz's Indel similarity
    of the two sorted concept lists (the Dice coefficient of the sets); 0.5 when a side
    has none: nothing said either way."""
    if not a or not b:
        return 0.5
    return float(_indel().normalized_similarity(sorted(a), sorted(b)))


@functools.cache
def _indel() -> Any:
    from rapidfuzz.distance import Indel

    return Indel


def verdict_of(ev: Evidence, config: MatcherConfig | None = None) -> str | None:
    """``agree``, ``conflict``, ``possible-conflict``, ``time-conflict``, ``related`` or
    None (nothing in common)."""
    config = config or matcher_config()
    if ev.confidence < config.related:
        return None
    if ev.confidence < config.pair:
        return "related"
    values, times = ev.values, ev.times
    if values.agree and times.compatible:
        return "agree"
    if times.compatible:
        return "conflict" if ev.confidence >= config.conflict else "possible-conflict"
    if values.agree:
        return "time-conflict" if ev.confidence >= config.conflict else "possible-conflict"
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
                    compare = self.subjects.of_figures
                    found += [n for n in numbers[first:last]
                              if self.items[n].subject in related
                              or compare(claim, self.items[n]).verdict != "different"]
                else:
                    found += numbers[first:last]
        return found, blocks


class ValueSlices:
    """The figures of a large block (a subject's figures of one family), sorted by the low
    end of their range per unit, so that a search for a figure's match reads only the
    figures whose value may agree with it, then rings of growing value ratio, as far as
    their best possible score may still matter (:meth:`agreeable`, :meth:`ring`).

    A figure's range here is the one :func:`compare_values` compares (its bounds, open
    ones closed at :data:`OPEN_FACTOR`, widened by the tolerance). A figure whose range is
    not within a factor :attr:`SPAN` (an open range, a wide one, a value of zero or less)
    is in :attr:`wide`, always read."""

    SPAN = 1.6
    MARGIN = 1e-9
    """Relative margin on every bound searched: floating-point rounding never excludes a
    figure."""

    def __init__(self, items: Sequence[Any], numbers: Sequence[int], tolerance: float) -> None:
        by_unit: dict[str | None, list[tuple[float, int]]] = {}
        self.wide: list[int] = []
        for n in numbers:
            item = items[n]
            value = item.value
            if item.kind == "event" or value is None:
                self.wide.append(n)
                continue
            low, high = _bounds(item, 1.0, tolerance, OPEN_FACTOR)
            if 0 < low <= value <= high < math.inf and high <= self.SPAN * low:
                by_unit.setdefault(item.unit, []).append((low, n))
            else:
                self.wide.append(n)
        self.units: dict[str | None, tuple[list[float], list[int]]] = {}
        for unit, entries in by_unit.items():
            entries.sort()
            self.units[unit] = ([e[0] for e in entries], [e[1] for e in entries])
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
        for unit, (lows, numbers) in self.units.items():
            x = self._centre(claim, unit)
            if x is None:
                return None
            factor = _factor(claim.unit, unit) if claim.unit and unit else 1.0
            a_low, a_high = _bounds(claim, factor, tolerance, OPEN_FACTOR)
            if not (0 < a_low <= a_high < math.inf):
                return None
            # ranges that overlap: the other's low end within [a_low / SPAN, a_high]; two
            # bounds of one direction: values within 10 % (:func:`_same_when_rounded`)
            first = bisect.bisect_left(lows, min(a_low, 0.9 * x) / self.SPAN * (1 - margin))
            last = bisect.bisect_right(lows, max(a_high, x / 0.9) * (1 + margin))
            out += numbers[first:last]
        return out

    def ring(self, claim: Any, ratio: float) -> list[int] | None:
        """The figures whose value may be within a factor ``ratio`` of ``claim``'s (as
        :func:`_ratio` measures it; ``math.inf``: all), or None when it cannot tell (read
        them all)."""
        out = list(self.wide)
        margin = self.MARGIN
        for _unit, (lows, numbers) in self.units.items():
            if ratio == math.inf:
                out += numbers
                continue
            x = self._centre(claim, _unit)
            if x is None:
                return None
            # a value lies in [low, SPAN · low]: within ``ratio`` of x only when low is
            # within [x / (SPAN · ratio), x · ratio]
            first = bisect.bisect_left(lows, x / (self.SPAN * ratio) * (1 - margin))
            last = bisect.bisect_right(lows, x * ratio * (1 + margin))
            out += numbers[first:last]
        return out


RATIO_CLASSES = ((1.1, "value.close"), (1.5, "value.near"), (3.0, "value.apart"),
                 (math.inf, "value.far"))
"""How :func:`evidence` names two values that do not agree, by their ratio."""


class Bound:
    """The highest score :func:`evidence` can give a figure against others: every feature
    at its best weight, those that the figure alone decides at theirs (no subject:
    ``subject.unknown``; no time: no time feature…), the wording either at its best or,
    per candidate, exact (:meth:`wording`, cheap: the concepts are compared once)."""

    MARGIN = 1e-9
    """Added to every bound: another order of adding the weights never exceeds it."""

    def __init__(self, claim: Any, config: MatcherConfig) -> None:
        w = config.flat

        def best(*names: str, floor: bool = False) -> float:
            found = [w.get(name, 0.0) for name in names]
            return max([*found, 0.0] if floor else found)

        self.claim, self.config = claim, config
        total = w.get("bias", 0.0)
        total += best("subject.unknown") if claim.subject is None else best(
            "subject.same", "subject.related", "subject.unknown", "subject.different")
        total += best("facility.unknown") if getattr(claim, "facility", None) is None else (
            best("facility.same", "facility.unknown", "facility.different"))
        total += best("scope.same", "scope.different")
        total += best("metric.unknown") if claim.metric is None else best(
            "metric.same", "metric.unknown", "metric.different")
        total += max(0.0, w.get("contrast", 0.0) * len(config.contrasts))
        total += best("unit.bare") if claim.unit is None else best("unit.same", "unit.bare",
                                                                  floor=True)
        total += max(0.0, w.get("revision", 0.0))
        self.facility = best("facility.unknown") if getattr(claim, "facility", None) is None \
            else best("facility.same", "facility.unknown", "facility.different")
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
        self.values[AGREE] = max(w.get("value.agree", 0.0) + max(0.0, w.get(
            "value.precise", 0.0)), self.values[names[0]])

    def score(self, value_feature: str, other: Any | None = None) -> float:
        """The best score against any figure (against ``other``, with its exact wording)
        whose value feature is ``value_feature`` or a worse one of :data:`RATIO_CLASSES`
        (:data:`AGREE`: any)."""
        if other is None:
            return self.rest + self.best_wording + self.values[value_feature] + self.MARGIN
        theirs = _terms(getattr(other, "terms", ()), other.unit, self.config)
        wording = self.weight * (_concepts_compared(self.terms, theirs, self.config)[1] - 0.5)
        claim, w = self.claim, self.weights
        exact = 0.0  # the facility and time features, exact, in place of their best
        fa, fb = getattr(claim, "facility", None), getattr(other, "facility", None)
        if fa is not None:
            exact += w.get("facility." + ("unknown" if fb is None else compare_places(fa, fb)),
                           0.0) - self.facility
        if claim.time is not None:
            times = _compare_times(claim.time, other.time)
            if times.same and other.time is not None:
                exact += w.get("time.same", 0.0) - self.time
            elif times.compatible:
                exact -= self.time
            else:
                exact += max(w.get("time.date_only", 0.0), w.get("time.trajectory", 0.0)
                             ) - self.time
        return self.rest + exact + wording + self.values[value_feature] + self.MARGIN


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


@dataclass(frozen=True)
class Match:
    """Two figures the matcher weighed, and what it concluded."""

    a: int
    b: int
    evidence: Evidence
    verdict: str


class Matcher:
    """The one matcher ``check`` and ``diff`` share."""

    def __init__(self, entities: Mapping[str, Any] | None = None, tolerance: float = 0.0,
                 config: MatcherConfig | None = None) -> None:
        self.subjects = Subjects(entities)
        self.tolerance = tolerance
        self.config = config or matcher_config()

    def weigh(self, a: Any, b: Any) -> Evidence:
        return evidence(a, b, self.subjects, self.config, self.tolerance)

    def verdict(self, ev: Evidence) -> str | None:
        return verdict_of(ev, self.config)

    def index(self, items: Sequence[Any]) -> CandidateIndex:
        return CandidateIndex(items, self.subjects)

    def pair(self, a: Sequence[Any], b: Sequence[Any]) -> tuple[list[Match], list[Match]]:
        """Pair the figures of ``a`` and ``b`` one to one, best confidence first.

        Returns the pairs (agree, conflict, possible-conflict, time-conflict) and, for the
        figures of ``a`` left unpaired, their best look-alike in ``b`` (related)."""
        index = self.index(b)
        weighed: list[Match] = []
        for i, claim in enumerate(a):
            for j in index.candidates(claim):
                if claim is b[j]:
                    continue
                ev = self.weigh(claim, b[j])
                verdict = self.verdict(ev)
                if verdict is not None:
                    weighed.append(Match(i, j, ev, verdict))
        # best first; at equal confidence an article's own figure before its headline's,
        # then the closer values ("295 600" before "303 900" for "290,614")
        weighed.sort(key=lambda m: (-m.evidence.confidence,
                                    getattr(a[m.a], "headline", False),
                                    getattr(b[m.b], "headline", False),
                                    _closeness(m.evidence.values), m.a, m.b))
        used_a: set[int] = set()
        used_b: set[int] = set()
        pairs: list[Match] = []
        for match in weighed:
            if match.verdict == "related" or match.a in used_a or match.b in used_b:
                continue
            used_a.add(match.a)
            used_b.add(match.b)
            pairs.append(match)
        related: list[Match] = []
        for match in weighed:
            if match.a not in used_a and match.verdict == "related":
                used_a.add(match.a)
                related.append(match)
        pairs.sort(key=lambda m: (m.a, m.b))
        related.sort(key=lambda m: (m.a, m.b))
        return pairs, related
