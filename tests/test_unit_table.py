"""The unit table (``data/units.table.json``) answers as pint would: every name, every
pair of units (their expression, dimension and conversion factor), the readings of
prefixed and plural words; and it is current with the registry's data files."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path
from typing import Any

import pint
import pytest

from battclaims import units

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ureg() -> pint.UnitRegistry[Any]:
    return units.build_registry()


@pytest.fixture(scope="module")
def names(ureg: pint.UnitRegistry[Any]) -> list[str]:
    """Every unit of the registry, and every prefixed one."""
    base = sorted({unit.name for unit in ureg._units.values()})
    prefixed = [p.name + n for n in base if ureg._units[n].is_multiplicative
                for p in ureg._prefixes.values() if p.name]
    return base + prefixed


def test_the_table_is_current_with_the_data_files() -> None:
    spec = importlib.util.spec_from_file_location("unit_table", ROOT / "tools" / "unit_table.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = json.loads((ROOT / "battclaims" / "data" / "units.table.json").read_text("utf-8"))
    derived = json.loads(json.dumps(tool.table()))
    derived.pop("pint"), shipped.pop("pint")  # the version that wrote it does not matter
    assert derived == shipped, "run: python tools/unit_table.py > battclaims/data/units.table.json"


def test_every_name_symbol_and_alias_names_the_unit_pint_reads(
        ureg: pint.UnitRegistry[Any]) -> None:
    for key in list(ureg._units):
        assert units.expression(key) == str(ureg.Unit(key)), key
        assert units.dimension(key) == str(ureg.Unit(key).dimensionality), key


def test_every_pair_of_units_composes_and_converts_as_pint(
        ureg: pint.UnitRegistry[Any], names: list[str]) -> None:
    compared = 0
    for a, b in itertools.product(names[:60] + names[-40:], repeat=2):
        ratio = ureg.Unit(a) / ureg.Unit(b)
        assert units.expression(a, b) == str(ratio), (a, b)
        assert units.dimension(str(ratio)) == str(ratio.dimensionality), (a, b)
        try:
            expected = float((1 * ureg.Unit(a)).to(ureg.Unit(b)).magnitude)
        except pint.DimensionalityError:
            assert units.factor(a, b) is None, (a, b)
            continue
        assert units.factor(a, b) == expected, (a, b)  # to the last bit
        compared += 1
    assert compared > 300


def test_root_factors_are_pints(ureg: pint.UnitRegistry[Any], names: list[str]) -> None:
    for name in names:
        expected = float((1 * ureg.Unit(name)).to_base_units().magnitude)
        assert units.base_factor(name) == expected, name


@pytest.mark.parametrize("written", [
    "gigawatt_hour / year", "GWh/yr", "GWh / year", "1 / year", "m ** 2", "km**2",
    "EUR / kilowatt_hour", "USD/kWh", "vehicle / year", "kilowatt_hour / vehicle / year",
    "MW * h", "%", "percent", "tonnes", "hectares", "dimensionless", "Wh / Wh",
])
def test_expressions_in_any_spacing(ureg: pint.UnitRegistry[Any], written: str) -> None:
    assert units.expression(written) == str(ureg.Unit(written))
    assert units.dimension(written) == str(ureg.Unit(written).dimensionality)


@pytest.mark.parametrize("written", ["GWh per year", "(GWh / year)", "GWh year", "5 GWh",
                                     "GWh ^ 2", "gigawatts_hour"])
def test_other_syntax_is_pints_to_read(ureg: pint.UnitRegistry[Any], written: str) -> None:
    try:
        expected: str | None = str(ureg.Unit(written))
    except Exception:
        expected = None
    if expected is None:
        with pytest.raises(Exception):  # noqa: B017 - pint's own error, whichever
            units.expression(written)
    else:
        assert units.expression(written) == expected


def test_words_read_as_prefixed_or_plural_units_as_pint_reads_them() -> None:
    ureg = units.registry()  # with the nouns learned so far, as the table
    words = {"megaproject", "kilometres", "Mt", "kt", "tonnes", "months", "ms", "mins",
             "karts", "marts", "megacities", "gigafactory", "patents", "arts", "GWs",
             "Whs", "kWhs", "hectares", "mhs", "ks", "Ms", "hours", "hrs", "days"}
    words |= {p + key for key in list(ureg._units)[:80] for p in ("", "k", "mega", "m")}
    words |= {key + "s" for key in list(ureg._units)}
    for word in sorted(words):
        assert units.table().triplets(word) == list(ureg.parse_unit_name(word)), word
