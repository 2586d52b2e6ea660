"""The project's pint unit registry, defined in ``data/units.txt`` and, for the general
units of news (litres, inches, horsepower, degrees), in ``data/units.general.yaml``,
derived from pint's default registry by ``tools/derive_units.py``.

pint is imported and the registry built on first use only, so that commands
that never normalise a unit do not pay for it. The registry is small (our own
definitions, not pint's thousand-unit default), so building it takes a few
milliseconds. Counted nouns outside the vocabulary ("two patents") get a
dimension of their own the first time they are seen.

What a noun is never depends on the nouns learned before it, so that a document
gives the same claims whatever else the process read: only the vocabulary decides
whether a noun reads as a prefixed unit ("megaproject": mega-project), and a
learned noun never combines with a prefix ("karts" stays ``kart`` after "arts":
not kilo-art; "marts" not milli-art; "megacities" not mega-city).
"""

from __future__ import annotations

import functools
import re
import threading
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pint

_lock = threading.Lock()
_NAME = re.compile(r"[a-z][a-z_]*[a-z]\Z")
_learned: set[str] = set()
"""The counted nouns :func:`counted` defined in the registry (not of the vocabulary)."""


PERCENT = "percent"
"""The unit of a share ("45 %", "45 per cent")."""

RATIO = "ratio"
"""A multiplicative factor ("12 times higher", "multiplié par 2,5", "quadrupled")."""

UNIT = "unit"
"""Units of a product ("5,000 Model Ys"): vehicles where a metric says so."""


@functools.cache
def registry() -> pint.UnitRegistry[Any]:
    """The unit registry, built once from ``data/units.txt``."""
    import pint

    with resources.as_file(resources.files("battclaims").joinpath("data/units.txt")) as path:
        ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(
            str(path), autoconvert_offset_to_baseunit=False)
    for line in general_units()["definitions"]:  # litres, inches, hp, °C (derived from pint)
        ureg.define(line)
    return ureg


@functools.cache
def general_units() -> dict[str, Any]:
    """The general units of news derived from pint's default registry by
    ``tools/derive_units.py`` (``data/units.general.yaml``): definitions, symbols, names."""
    import yaml

    text = resources.files("battclaims").joinpath("data/units.general.yaml").read_text("utf-8")
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
    ureg = registry()
    unit = ureg.Unit(numerator or "dimensionless")
    if denominator is not None:
        unit = unit / ureg.Unit(denominator)
    return str(unit)


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
    if not _NAME.match(noun):
        return None
    ureg = registry()
    with _lock:
        if noun in _learned:
            return noun
        candidates = [parts for parts in ureg.parse_unit_name(noun) if parts[1] not in _learned]
        if any(parts == ("", noun, "") for parts in candidates):
            return noun
        if candidates:
            return None
        ureg.define(f"{noun} = [{noun}]")
        _learned.add(noun)
    return noun


@functools.lru_cache(maxsize=1024)
def is_time(name: str) -> bool:
    """Whether a registry unit measures time (``year``, ``month``...)."""
    return str(registry().Unit(name).dimensionality) == "[time]"


@functools.lru_cache(maxsize=1024)
def is_currency(name: str) -> bool:
    """Whether a registry unit is a currency (``EUR``, ``USD``...)."""
    return str(registry().Unit(name).dimensionality).startswith("[currency_")


_MEASURED = frozenset({"[length]", "[mass]", "[time]", "[power]", "[charge]", "[voltage]"})


@functools.lru_cache(maxsize=4096)
def is_counted(unit: str | None) -> bool:
    """Whether a unit expression counts things (``vehicle``, ``job``, ``unit``), rather
    than measuring (``gigawatt_hour``, ``EUR``, ``percent``) or being a rate."""
    if unit is None or " / " in unit:
        return False
    dimension = str(registry().Unit(unit).dimensionality)
    return (dimension.count("[") == 1 and "**" not in dimension and dimension not in _MEASURED
            and not dimension.startswith("[currency") and dimension != "[percentage_point]")
