"""The project's units: what pint says of them, served from a table.

The registry is defined in ``data/units.txt`` and, for the general units of news
(litres, inches, horsepower, degrees), ``data/units.general.yaml``, derived from pint's
default registry by ``tools/derive_units.py``. What a run needs from it — each name's
unit, the prefixes, each unit's dimension and factor to the root units — is
precomputed by ``tools/unit_table.py`` into ``data/units.table.json`` (a test checks it
is current), and this module composes expressions from it ("GWh" per "year":
``gigawatt_hour / year``, its dimension, conversion factors) as pint would: pint
(148 ms to import, 26 ms to build the registry) is loaded only for what the table does
not hold (an expression in another syntax, a temperature's offset).

Counted nouns outside the vocabulary ("two patents") get a dimension of their own the
first time they are seen. What a noun is never depends on the nouns learned before
it, so that a document gives the same claims whatever else the process read: only the
vocabulary decides whether a noun reads as a prefixed unit ("megaproject":
mega-project), and a learned noun never combines with a prefix ("karts" stays ``kart``
after "arts": not kilo-art; "marts" not milli-art; "megacities" not mega-city).
"""

from __future__ import annotations

import _thread  # (a lock is all it takes: threading's import would cost more)
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from . import caching, patterns
from .package_data import DATA

if TYPE_CHECKING:  # pragma: no cover
    import pint

_lock = _thread.allocate_lock()
"""Held while the registry is built or taught a noun (never taken twice by one thread)."""
_NAME = patterns.compile(r"[a-z][a-z_]*[a-z]")
_learned: set[str] = set()
"""The counted nouns :func:`counted` defined (not of the vocabulary)."""
_ureg: pint.UnitRegistry[Any] | None = None


PERCENT = "percent"
"""The unit of a share ("45 %", "45 per cent")."""

RATIO = "ratio"
"""A multiplicative factor ("12 times higher", "multiplié par 2,5", "quadrupled")."""

UNIT = "unit"
"""Units of a product ("5,000 Model Ys"): vehicles where a metric says so."""


def build_registry() -> pint.UnitRegistry[Any]:
    """A pint registry fresh from ``data/units.txt`` and the general units."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(
        str(DATA / "units.txt"), autoconvert_offset_to_baseunit=False)
    for line in general_units()["definitions"]:  # litres, inches, hp, °C (derived from pint)
        ureg.define(line)
    return ureg


def registry() -> pint.UnitRegistry[Any]:
    """The process's pint registry, built on first use, with the counted nouns learned
    so far (:func:`counted`). Only for what :class:`Table` cannot answer."""
    global _ureg
    with _lock:
        if _ureg is None:
            ureg = build_registry()
            for noun in sorted(_learned):
                ureg.define(f"{noun} = [{noun}]")
            _ureg = ureg
        return _ureg


class Table:
    """What pint knows of the registry's units (``data/units.table.json``), and
    expressions composed from it as pint composes them. Each method returns None when
    the table cannot tell (the caller then asks pint)."""

    _TERM = patterns.compile(r"\s*(\*\*|\*|/|[^\s*/()^]+)")

    def __init__(self, names: dict[str, str], prefixes: list[tuple[str, str, float]],
                 suffixes: list[tuple[str, str]],
                 facts: dict[str, tuple[dict[str, int], list[tuple[float, int]] | None]]
                 ) -> None:
        self.names = names
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.facts = facts

    @staticmethod
    def fields(text: bytes) -> tuple[Any, ...]:
        """The table's fields from the JSON file's bytes (kept in the cache as they are)."""
        import json  # (only when the cache misses)

        data = json.loads(text)
        return (data["units"], [tuple(p) for p in data["prefixes"]],
                [tuple(s) for s in data["suffixes"]],
                {name: (fact["dimension"], fact["scales"])
                 for name, fact in data["facts"].items()})

    # -- names, as pint's get_name and parse_unit_name ------------------------------

    def _defined(self, name: str) -> bool:
        return name in self.names or name in _learned

    def triplets(self, word: str) -> list[tuple[str, str, str]]:
        """(prefix, unit, suffix) readings of ``word``, as ``parse_unit_name``."""
        found: dict[tuple[str, str, str], None] = {}
        for suffix, suffix_name in self.suffixes:
            for prefix, prefix_name, _scale in self.prefixes:
                if word.startswith(prefix) and word.endswith(suffix):
                    name = word[len(prefix):]
                    if suffix:
                        name = name[:-len(suffix)]
                        if len(name) == 1:
                            continue
                    if self._defined(name):
                        unit = self.names.get(name, name)
                        found[(prefix_name, unit, suffix_name)] = None
        for prefix, unit, _suffix in list(found):  # ("kilo", "gram") over ("", "kilogram")
            if prefix:
                found.pop(("", prefix + unit, ""), None)
        return list(found)

    def name(self, word: str) -> str | None:
        """The unit ``word`` names ("GWh": ``gigawatt_hour``), "" for "dimensionless"."""
        if word == "dimensionless":
            return ""
        if word in _learned:
            return word
        if word in self.names:
            return self.names[word]
        candidates = self.triplets(word)
        if not candidates:
            return None
        prefix, unit, _suffix = candidates[0]
        return prefix + unit if (prefix + unit) in self.facts else None

    def fact(self, name: str) -> tuple[dict[str, int], list[tuple[float, int]] | None] | None:
        """A unit's dimension and the scales to its root units (None: an offset)."""
        if name in _learned:
            return {f"[{name}]": 1}, []
        return self.facts.get(name)

    # -- expressions --------------------------------------------------------------------

    def parse(self, text: str) -> dict[str, int] | None:
        """The units of an expression ("gigawatt_hour / year", "GWh/yr", "1 / year",
        "m ** 2") with their exponents, or None for any other syntax or name."""
        tokens: list[str] = []
        at = 0
        for match in self._TERM.finditer(text):
            if match.start() != at:
                return None
            tokens.append(match.group(1))
            at = match.end()
        if not tokens or text[at:].strip():
            return None
        units: dict[str, int] = {}
        sign, k = 1, 0
        while True:
            word, k = tokens[k], k + 1
            power = 1
            if k < len(tokens) and tokens[k] == "**":
                if k + 1 == len(tokens) or not tokens[k + 1].isdigit():
                    return None
                power, k = int(tokens[k + 1]), k + 2
            if not (word == "1" and k == 1):  # "1 / year"
                name = None if word in ("*", "/", "**") else self.name(word)
                if name is None:
                    return None
                if name:
                    units[name] = units.get(name, 0) + sign * power
                    if not units[name]:
                        del units[name]
            if k == len(tokens):
                return units
            if tokens[k] not in ("*", "/") or k + 1 == len(tokens):
                return None  # "GWh year", "1 2": pint's other readings
            sign, k = (1 if tokens[k] == "*" else -1), k + 1

    def dimension(self, units: dict[str, int]) -> dict[str, int] | None:
        out: dict[str, int] = {}
        for name, exponent in units.items():
            fact = self.fact(name)
            if fact is None:
                return None
            for dimension, power in fact[0].items():
                out[dimension] = out.get(dimension, 0) + power * exponent
                if not out[dimension]:
                    del out[dimension]
        return out

    def factor(self, units: dict[str, int]) -> float | None:
        """The factor of ``units`` to the root units (None: a unit with an offset),
        computed as pint's ``_get_root_units``: the scales met, those of the numerator
        and the denominator cancelled, then multiplied in order."""
        above: dict[float, int] = {}
        below: dict[float, int] = {}
        for name, exponent in units.items():
            fact = self.fact(name)
            if fact is None or fact[1] is None:
                return None
            for scale, power in fact[1]:
                power *= exponent
                if power < 0:
                    below[scale] = below.get(scale, 0) - power
                else:
                    above[scale] = above.get(scale, 0) + power
        while any(scale in below for scale in above):
            for scale, power in above.items():
                if scale in below and power >= below[scale]:
                    above[scale] -= below.pop(scale)
            for scale, power in below.items():
                if scale in above and power >= above[scale]:
                    below[scale] -= above.pop(scale)
        out: float = 1
        for scale, power in above.items():
            if power:
                out *= scale ** power
        for scale, power in below.items():
            if power:
                out *= scale ** -power
        return float(out)


def spell(units: dict[str, int]) -> str:
    """Units with their exponents as pint writes them: ``gigawatt_hour / year``,
    ``1 / year``, ``[mass] * [length] ** 2``, ``dimensionless``."""
    if not units:
        return "dimensionless"

    def term(name: str, power: int) -> str:
        return name if abs(power) == 1 else f"{name} ** {abs(power)}"

    above = " * ".join(term(n, p) for n, p in sorted(units.items()) if p > 0) or "1"
    below = [term(n, p) for n, p in sorted(units.items()) if p < 0]
    return " / ".join([above, *below])


@functools.cache
def table() -> Table:
    """The shipped table (``data/units.table.json``), read through the user cache
    (:func:`battclaims.caching.derived`: parsing its JSON was 2 % of a check's start)."""
    return Table(*caching.derived("units.table", DATA / "units.table.json", Table.fields))


def _units(expression_: str) -> dict[str, int]:
    """The units of an expression, from the table, else from pint (which raises for a
    name or syntax it does not know)."""
    found = table().parse(expression_)
    if found is not None and table().dimension(found) is not None:
        return found
    return cast(dict[str, int], dict(registry().Unit(expression_)._units))


def _divide(above: dict[str, int], below: dict[str, int]) -> dict[str, int]:
    """``above / below``, in pint's order (``above``'s units first)."""
    out = dict(above)
    for name, power in below.items():
        out[name] = out.get(name, 0) - power
        if not out[name]:
            del out[name]
    return out


@functools.cache
def general_units() -> dict[str, Any]:
    """The general units of news derived from pint's default registry by
    ``tools/derive_units.py`` (``data/units.general.yaml``): definitions, symbols, names."""
    import yaml

    text = (DATA / "units.general.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.lru_cache(maxsize=4096)
def expression(numerator: str | None, denominator: str | None = None) -> str | None:
    """The normalised unit of ``numerator`` per ``denominator``, in pint's full names.

    ``expression("GWh", "year")`` -> ``"gigawatt_hour / year"``;
    ``expression(None, "year")`` -> ``"1 / year"``; ``expression(None)`` -> None.
    """
    if numerator is None and denominator is None:
        return None
    units = _units(numerator or "dimensionless")
    return spell(units if denominator is None else _divide(units, _units(denominator)))


@functools.lru_cache(maxsize=4096)
def dimension(unit: str) -> str:
    """The dimension of a unit expression as pint writes it (``[power] * [time]``)."""
    units = _units(unit)
    found = table().dimension(units)
    if found is None:
        return str(registry().Unit(unit).dimensionality)
    return spell(found)


@functools.lru_cache(maxsize=4096)
def factor(source: str, target: str) -> float | None:
    """What multiplies a value in ``source`` to express it in ``target``; None when
    their dimensions differ."""
    if dimension(source) != dimension(target):
        return None
    found = table().factor(_divide(_units(source), _units(target)))  # as pint converts
    if found is None:  # an offset (°C): pint's conversion
        import pint

        ureg = registry()
        try:
            return float((1 * ureg.Unit(source)).to(ureg.Unit(target)).magnitude)
        except pint.DimensionalityError:  # °C to a temperature difference
            return None
    return found


@functools.lru_cache(maxsize=4096)
def base_factor(unit: str) -> float:
    """What a value of 1 ``unit`` is in the root units (pint's ``to_base_units``)."""
    found = table().factor(_units(unit))
    if found is None:  # an offset (1 °C is 274.15 K)
        return float((1 * registry().Unit(unit)).to_base_units().magnitude)
    return found


@functools.lru_cache(maxsize=4096)
def counted(noun: str) -> str | None:
    """The unit name of a counted noun outside the vocabulary, defined if new.

    ``counted("patent")`` -> ``"patent"``. The noun must already be singular,
    lower case and ASCII (``production_line``). Returns None when the name
    cannot be a unit of its own (it would read as a prefixed unit of the vocabulary).

    The answer depends on the vocabulary only, never on the nouns learned before:
    a reading on a learned noun ("kart" as kilo-"art", once "arts" was seen) is
    ignored, and the noun gets a unit of its own, which pint then prefers (it
    looks an exact name up before trying prefixes).
    """
    if not _NAME.fullmatch(noun):
        return None
    with _lock:
        if noun in _learned:
            return noun
        candidates = [parts for parts in table().triplets(noun) if parts[1] not in _learned]
        if any(parts == ("", noun, "") for parts in candidates):
            return noun
        if candidates:
            return None
        _learned.add(noun)
        if _ureg is not None:
            _ureg.define(f"{noun} = [{noun}]")
    return noun


def learned() -> bool:
    """Whether this process learned counted nouns (:func:`counted`, :func:`learn`): what
    an expression names then depends on them ("kiosque" is a unit once learned)."""
    return bool(_learned)


def learn(units: Iterable[str | None]) -> None:
    """Learn the counted nouns of unit expressions made in another process ("40
    kiosques": a ``kiosque`` unit), so that this one can compare and render them. What
    :func:`counted` answers never depends on what was learned before, so this changes
    no answer of this process."""
    for unit in units:
        for name in _NAME.findall(unit or ""):
            counted(name)


@functools.lru_cache(maxsize=1024)
def is_time(name: str) -> bool:
    """Whether a registry unit measures time (``year``, ``month``...)."""
    return dimension(name) == "[time]"


@functools.lru_cache(maxsize=1024)
def is_currency(name: str) -> bool:
    """Whether a registry unit is a currency (``EUR``, ``USD``...)."""
    return dimension(name).startswith("[currency_")


_MEASURED = frozenset({"[length]", "[mass]", "[time]", "[power]", "[charge]", "[voltage]"})


@functools.lru_cache(maxsize=4096)
def is_counted(unit: str | None) -> bool:
    """Whether a unit expression counts things (``vehicle``, ``job``, ``unit``), rather
    than measuring (``gigawatt_hour``, ``EUR``, ``percent``) or being a rate."""
    if unit is None or " / " in unit:
        return False
    found = dimension(unit)
    return (found.count("[") == 1 and "**" not in found and found not in _MEASURED
            and not found.startswith("[currency") and found != "[percentage_point]")
