"""Derive battclaims/data/units.general.yaml: the general units of news (lengths,
volumes, masses, power, temperatures) from pint's own default registry — their
definitions in the project's base units, their symbols, and their English names and
plurals — so that "60 litres", "510 hp", "-18 °C", "14 inches" are read without a
hand-written list. Run by hand when pint or the list below changes:

    python tools/derive_units.py > battclaims/data/units.general.yaml

Only the units named in GENERAL are taken (pint knows thousands; most are obscure and
some are ordinary words: "in", "a", "are"). Symbols of one letter, and names that are
ordinary words of the language or already read otherwise ("pound" is money, "cup"),
are left out. French names are added by hand in the language file.
"""

from __future__ import annotations

import sys

import pint
import yaml

# name in pint -> the project's registry unit of the same dimension it is defined from
GENERAL = {
    "inch": "meter", "foot": "meter", "yard": "meter",
    "liter": "cubic_meter", "gallon": "cubic_meter", "imperial_gallon": "cubic_meter",
    "ounce": "gram",
    "horsepower": "watt", "metric_horsepower": "watt",
    "degree_Celsius": None, "degree_Fahrenheit": None,
}
PREFIXES = {"milli": "m"}
"""Prefixed forms of the litre the registry reads ("ml")."""
NOT_WORDS = {"in", "l", "L", "ft", "cup", "pound", "pounds", "barrels", "barrel"}
"""Symbols and names never read as units (a word of the language, or another unit)."""


def main() -> None:
    ureg = pint.UnitRegistry()
    definitions, symbols, names = [], {}, {}
    for name, reference in GENERAL.items():
        unit = ureg._units[name]
        if reference is None:  # an offset unit: its own dimension and offset
            scale, offset = unit.converter.scale, unit.converter.offset
            definitions.append(f"{name} = {scale:.12g} * kelvin; offset: {offset:.12g}")
        else:
            factor = ureg.Quantity(1, name).to(_pint_name(reference)).magnitude
            definitions.append(f"{name} = {factor:.12g} * {reference}")
        forms = [unit.symbol, *unit.aliases]
        for form in forms:  # marks: "hp", "gal", "°C" (not "UK_gallon", not "l")
            if form and form not in NOT_WORDS and "_" not in form and (
                    (form.isalpha() and 1 < len(form) <= 3) or not form.isalpha()):
                symbols.setdefault(form, name)
        plain = name.replace("_", " ").lower()
        words = {plain, plain + "s" if " " not in plain and not plain.endswith(
            ("s", "power")) else plain}
        words |= {a.replace("_", " ") for a in unit.aliases
                  if a.isascii() and len(a) > 4 and a.replace("_", "").isalpha() and a.islower()}
        words |= {w.replace("liter", "litre") for w in words}
        for word in words:
            if word not in NOT_WORDS:
                names.setdefault(word, name)
    for prefix, letter in PREFIXES.items():  # "ml", "millilitres" (the registry's prefixes)
        symbols.setdefault(letter + "l", prefix + "liter")
        for form in (prefix + "liter", prefix + "litre"):
            names[form], names[form + "s"] = prefix + "liter", prefix + "liter"
    names.update({"inches": "inch", "feet": "foot", "degrees celsius": "degree_Celsius",
                  "degrees fahrenheit": "degree_Fahrenheit", "litres": "liter"})
    names.pop("foots", None)
    names.pop("inchs", None)
    out = {"definitions": definitions, "symbols": dict(sorted(symbols.items())),
           "names": {"en": dict(sorted(names.items()))}}
    sys.stdout.write(f"# Derived by tools/derive_units.py from pint {pint.__version__}'s "
                     "default registry; do not edit by hand.\n")
    yaml.safe_dump(out, sys.stdout, allow_unicode=True, sort_keys=False, width=100)


def _pint_name(reference: str) -> str:
    return {"cubic_meter": "meter ** 3"}.get(reference, reference)


if __name__ == "__main__":
    main()
