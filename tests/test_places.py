"""The place names are searched in the sorted file itself: every row is found as a table
built from the file would give it, and no other name is."""

from __future__ import annotations

import random

from battclaims.names import Places, country_of, place_kind, places
from battclaims.package_data import DATA


def test_every_row_and_no_other_name_is_found() -> None:
    text = (DATA / "places.txt").read_text("utf-8")
    rows = {}
    for line in text.splitlines()[1:]:
        name, kind, canonical, *country = line.split("\t")
        rows[name] = (canonical, kind, country[0] if country else None)
    assert list(rows) == sorted(rows)  # what the search relies on
    table = places()
    assert all(table.row(name) == row for name, row in rows.items())
    rng = random.Random(7)
    names = rng.sample(sorted(rows), 3000)
    probes = [n + "e" for n in names] + [n[:-1] for n in names] + ["", "a", "zzzz", "\uffff",
                                                                 "\ud800", "\U0001f600"]
    assert all((probe in table) == (probe in rows) for probe in probes)


def test_look_ups_by_name() -> None:
    assert place_kind("Hongrie") == "country"
    assert country_of("Kaiserslautern") == "Germany"
    assert places().get("dunkirk") == ("Dunkirk", "city")
    assert "hongrie" in places() and "verkor" not in places()


def test_a_small_file_without_final_line_break() -> None:
    table = Places(b"# header\nb\tcity\tB\tX\nd\tregion\tD")
    assert table.row("b") == ("B", "city", "X")
    assert table.row("d") == ("D", "region", None)
    assert table.row("a") is None and table.row("c") is None and table.row("e") is None

