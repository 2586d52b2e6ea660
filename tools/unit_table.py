"""Derive battclaims/data/units.table.json: what a run needs from pint, precomputed from
the project's registry (``data/units.txt`` and ``data/units.general.yaml``), so that a
typical run never imports pint (148 ms) nor builds the registry (26 ms).

For every unit name, symbol and alias of the registry, the unit it names; its prefixes
and suffixes (to read "GWh" as giga- "Wh" as pint does); and for every unit, prefixed
ones included, its dimension and the scales pint multiplies to reach the root units.
``battclaims.units`` composes these for expressions ("gigawatt_hour / year") and asks
pint only for what the table does not hold. Run by hand when ``data/units.txt``,
``data/units.general.yaml`` or pint changes (a test checks the table is current):

    python tools/unit_table.py > battclaims/data/units.table.json
"""

from __future__ import annotations

import json
import sys
from typing import Any


def scales(ureg: Any, reference: dict[str, Any], power: int = 1) -> list[list[float]]:
    """The scales (with their exponents) that pint multiplies to bring ``reference`` to
    the root units, in the order it meets them (``_get_root_units_recurse``): the
    conversion factors composed from them are pint's to the last bit."""
    out: list[list[float]] = []
    for key, exponent in reference.items():
        below = power * exponent
        definition = ureg._units[ureg.get_name(key)]
        if definition.is_base:
            continue
        out.append([float(definition.converter.scale), below])
        if definition.reference is not None:
            out += scales(ureg, dict(definition.reference), below)
    return out


def table() -> dict[str, Any]:
    """The table, from a registry fresh from the data files."""
    import pint

    from battclaims import units

    ureg = units.build_registry()
    names = {key: unit.name for key, unit in ureg._units.items()}
    # prefixes and suffixes in the registry's order: pint tries them in this order
    prefixes = [[key, prefix.name, float(prefix.converter.scale)]
                for key, prefix in ureg._prefixes.items()]
    facts: dict[str, Any] = {}
    for name in sorted(set(names.values())):
        multiplicative = ureg._units[name].is_multiplicative
        spelled = [name] + ([p + name for _, p, _ in prefixes if p] if multiplicative else [])
        for full in spelled:
            unit = ureg.Unit(full)
            facts[full] = {
                "dimension": dict(ureg._get_dimensionality(unit._units)),
                "scales": scales(ureg, {full: 1}) if multiplicative else None,
            }
    return {
        "pint": pint.__version__,
        "units": dict(sorted(names.items())),
        "prefixes": prefixes,
        "suffixes": [[key, value] for key, value in ureg._suffixes.items()],
        "facts": facts,
    }


def main() -> None:
    json.dump(table(), sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
