"""A document gives the same claims whatever else the process read before it.

The unit registry learns the counted nouns outside the vocabulary as it meets them,
process-wide; a noun learned from one file must not change how a noun of another is
read: "karts" is ``kart``, also after "arts" (not kilo-art), "marts" not milli-art,
"megacities" not mega-city, "gigapresses" not giga-press...
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import battclaims
from battclaims import units


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BATTCLAIMS_CLAIMS", raising=False)


# Each file read first teaches the registry a noun that, with a prefix of the
# vocabulary (k, m, mega, giga), spells the counted noun of the file read after it.
BEFORE = {
    "arts": "The regional council funded three arts centres and 40 arts in public squares "
            "in 2024.\n",
    "more-arts": "The museum lent out five arts to the festival.\n",
    "cities": "The startup's robotaxis now operate in 14 cities.\n",
    "stores": "The brand opened 25 stores across Germany in 2024.\n",
    "castings": "Each rear underbody replaces 70 castings with a single part.\n",
    "presses": "The supplier shipped 9 presses to Mexico in 2023.\n",
    "ships": "The port handled 120 ships carrying vehicles last year.\n",
    "factories": "The group runs 12 factories in Europe.\n",
}
AFTER = {
    "karts": "The club will race 12 electric karts at the new indoor circuit from 2025.\n",
    "marts": "The chain plans to add fast chargers at 30 marts along the motorway by 2026.\n",
    "megacities": "The ride-hailing firm wants to electrify its fleet in 6 megacities by "
                  "2030.\n",
    "megastores": "It will also open 3 megastores in Berlin, Paris and Milan next year.\n",
    "gigacastings": "The plant will make 2 gigacastings per car from 2026.\n",
    "gigapresses": "Tesla installed 6 gigapresses at its Texas plant in 2024.\n",
    "megaships": "Two megaships will carry 9,000 cars each from 2025.\n",
    # Of the vocabulary: "gigafactory" is a factory, whatever came before.
    "gigafactories": "Tesla plans two more Gigafactories in Europe by 2030.\n",
}


def files(folder: Path, texts: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def extract(*paths: Path) -> dict[str, list[dict[str, Any]]]:
    """``battclaims extract --format json PATH...``, in a process of its own: the claims
    of each file, by file name."""
    done = subprocess.run([sys.executable, "-m", "battclaims.cli", "extract", "--format",
                           "json", *map(str, paths)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return {Path(d["path"]).stem: d["claims"] for d in json.loads(done.stdout)["documents"]}


def test_karts_after_arts_on_the_command_line(tmp_path: Path) -> None:
    arts, karts = tmp_path / "arts.txt", tmp_path / "karts.txt"
    arts.write_text(BEFORE["arts"], "utf-8")
    karts.write_text(AFTER["karts"], "utf-8")
    alone = extract(karts)["karts"]
    assert [(c["text"], c["value"], c["unit"]) for c in alone] == [
        ("12 electric karts", 12.0, "kart")]
    assert extract(arts, karts)["karts"] == alone


def test_claims_do_not_depend_on_the_files_read_before(tmp_path: Path) -> None:
    before, after = files(tmp_path, BEFORE), files(tmp_path, AFTER)
    alone = extract(*after)
    units_of = {name: [c["unit"] for c in claims if name in c["text"].lower()]
                for name, claims in alone.items()}
    assert units_of == {
        "karts": ["kart"], "marts": ["mart"], "megacities": ["megacity"],
        "megastores": ["megastore"], "gigacastings": ["gigacasting / vehicle"],
        "gigapresses": ["gigapress"], "megaships": ["megaship"],
        "gigafactories": ["gigafactory"]}
    together = extract(*before, *after)
    for name in AFTER:
        assert together[name] == alone[name], name
    # And in this process, whatever it read before: the files first, then these.
    for path in before:
        battclaims.extract_file(str(path))
    for path in after:
        claims = battclaims.extract_file(str(path)).claims
        assert [(c.text, c.value, c.unit, c.kind) for c in claims] == [
            (c["text"], c["value"], c["unit"], c["kind"]) for c in alone[path.stem]], path.stem


def test_a_learned_noun_never_takes_a_prefix() -> None:
    for noun in ("art", "city", "press"):
        assert units.counted(noun) == noun
    for noun in ("kart", "mart", "megacity", "gigapress"):
        assert units.counted(noun) == noun
        assert units.expression(noun) == noun
        assert units.is_counted(noun)
    assert units.expression("kart", "year") == "kart / year"
    # A prefix on a unit of the vocabulary still reads as one, as before.
    assert units.counted("megaproject") is None
    assert units.counted("gigafactory") is None
