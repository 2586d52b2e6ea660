"""The cache of the loaded claims database (``database-*.pickle``): a warm load gives what
a cold one gives without parsing or validating a file again; any change to what the
database is made of (a file's bytes, its name, the package) loads it afresh; a corrupt,
foreign or untrusted entry is loaded afresh; a database with problems, a change being
checked (``overrides``) and a process that learned counted nouns do not use it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from battclaims import caching, store, units
from battclaims.store import Database, load

SOURCES = """sources:
  - id: ouest-2025
    title: La gigafactory de l'estuaire recrute
    outlet: Ouest Industrie
    lang: fr
    published: 2025-03
"""

ENTITIES = """entities:
  - id: voltaria
    name: Voltaria
    kind: company
    aliases: {any: [Voltaria, Voltaria Cells]}
"""

CLAIMS = """claims:
  - id: voltaria-jobs-2028
    subject: voltaria
    metric: jobs
    value: 1400
    unit: job
    time: {relation: by, date: "2028"}
    statement: Voltaria emploiera 1 400 personnes sur son site de l'estuaire d'ici 2028.
    sources:
      - {source: ouest-2025, where: paragraphe 3}
    reviewed: 2026-02-10
  - id: voltaria-capacity-2030
    subject: voltaria
    metric: cell_capacity
    value: 24
    unit: gigawatt_hour / year
    qualifier: approx
    time: {relation: by, date: "2030"}
    statement: L'usine produira environ 24 GWh de cellules par an à l'horizon 2030.
    sources:
      - {source: ouest-2025}
    reviewed: 2026-02-10
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(cache))
    monkeypatch.setattr(units, "learned", lambda: False)  # (other tests teach nouns)
    return cache


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the reader parses (none when the database comes whole from
    its cache)."""
    names: list[str] = []
    real = store.parse_file

    def parse_file(path: Path, data: bytes | None = None) -> Any:
        names.append(path.name)
        return real(path, data)

    monkeypatch.setattr(store, "parse_file", parse_file)
    return names


def database(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "claims"
    root.mkdir(parents=True)
    for name, text in {"sources": SOURCES, "entities": ENTITIES, "voltaria": CLAIMS,
                       **files}.items():
        (root / f"{name}.yaml").write_text(text, "utf-8")
    return root


def content(loaded: Database) -> tuple[Any, ...]:
    return (loaded.entities, loaded.metrics, loaded.event_metrics, loaded.sources,
            loaded.claims, loaded.problems)


def entry(cache: Path) -> Path:
    [found] = cache.glob("database-*.pickle")
    return found


def test_a_warm_load_gives_what_a_cold_one_gives_without_reading_a_file_again(
        tmp_path: Path, private_cache: Path, parsed: list[str]) -> None:
    root = database(tmp_path)
    cold = load(root)
    assert not cold.problems and len(cold.claims) == 2
    assert sorted(parsed) == ["entities.yaml", "sources.yaml", "voltaria.yaml"]
    parsed.clear()
    warm = load(root, strict=True)
    assert parsed == []  # neither parsed nor validated: restored whole
    assert content(warm) == content(cold)
    assert list(warm.entities) == list(cold.entities)  # the same order, defaults first
    assert warm.root == root
    assert warm.entity_index("fr").named("Voltaria Cells") == cold.entities["voltaria"]
    assert entry(private_cache).stat().st_size > 0


def test_a_changed_file_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    root = database(tmp_path)
    assert load(root).claims[0].value == 1400
    (root / "voltaria.yaml").write_text(CLAIMS.replace("1400", "1450"), "utf-8")
    assert load(root).claims[0].value == 1450
    parsed.clear()
    assert load(root).claims[0].value == 1450 and parsed == []  # the new entry


def test_the_same_bytes_under_another_name_are_read_again(tmp_path: Path) -> None:
    root = database(tmp_path)
    assert {c.path for c in load(root).claims} == {str(root / "voltaria.yaml")}
    (root / "voltaria.yaml").rename(root / "estuaire.yaml")
    assert {c.path for c in load(root).claims} == {str(root / "estuaire.yaml")}
    (root / "autre.yaml").write_text("claims: []\n", "utf-8")  # a file more, same claims
    assert [c.id for c in load(root).claims] == ["voltaria-jobs-2028", "voltaria-capacity-2030"]


def test_another_package_loads_it_afresh(tmp_path: Path, parsed: list[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = database(tmp_path)
    load(root)
    monkeypatch.setattr(caching, "package_key", lambda: "another version of the package")
    parsed.clear()
    load(root)
    assert len(parsed) == 3


@pytest.mark.parametrize("written", [b"", b"garbage\n", b"0" * 33 + b"not a pickle"])
def test_a_corrupt_entry_is_loaded_afresh_and_replaced(tmp_path: Path, private_cache: Path,
                                                        parsed: list[str],
                                                        written: bytes) -> None:
    root = database(tmp_path)
    cold = load(root)
    entry(private_cache).write_bytes(written)
    parsed.clear()
    assert content(load(root)) == content(cold) and len(parsed) == 3
    parsed.clear()
    assert content(load(root)) == content(cold) and parsed == []  # written again


def test_an_entry_with_the_right_key_but_a_broken_pickle_is_loaded_afresh(
        tmp_path: Path, private_cache: Path, parsed: list[str]) -> None:
    root = database(tmp_path)
    cold = load(root)
    data = entry(private_cache).read_bytes()
    key = data[:data.index(b"\n") + 1]
    entry(private_cache).write_bytes(key + data[len(key):len(key) + 40])  # cut short
    parsed.clear()
    assert content(load(root)) == content(cold) and len(parsed) == 3


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_may_write_is_not_loaded(tmp_path: Path, private_cache: Path,
                                                 parsed: list[str]) -> None:
    root = database(tmp_path)
    load(root)
    entry(private_cache).chmod(0o666)
    parsed.clear()
    load(root)
    assert len(parsed) == 3
    assert caching.trusted(entry(private_cache))  # written again as the user's own


def test_a_database_with_problems_is_not_kept(tmp_path: Path, private_cache: Path,
                                              parsed: list[str]) -> None:
    root = database(tmp_path, voltaria=CLAIMS.replace("unit: job", "unit: brouettes"))
    cold = [str(p) for p in load(root).problems]
    assert cold == [f"{root / 'voltaria.yaml'}:2: claim 'voltaria-jobs-2028': unit "
                    "'brouettes' is not a unit pint knows"]
    assert not list(private_cache.glob("database-*"))
    parsed.clear()
    assert [str(p) for p in load(root).problems] == cold and len(parsed) == 3
    with pytest.raises(store.BattclaimsError):
        load(root, strict=True)


def test_a_change_being_checked_does_not_use_the_cache(tmp_path: Path, private_cache: Path,
                                                       parsed: list[str]) -> None:
    root = database(tmp_path)
    load(root)
    before = entry(private_cache).read_bytes()
    changed = {root / "voltaria.yaml": CLAIMS.replace("1400", "1500").encode()}
    parsed.clear()
    assert load(root, overrides=changed).claims[0].value == 1500 and len(parsed) == 3
    assert entry(private_cache).read_bytes() == before  # nor writes it
    assert load(root).claims[0].value == 1400


def test_a_process_that_learned_nouns_does_not_use_the_cache(
        tmp_path: Path, private_cache: Path, parsed: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A counted noun learned from a text makes a unit of it: the database is then
    validated as it reads in this process, and its entry neither read nor written."""
    root = database(tmp_path)
    monkeypatch.setattr(units, "learned", lambda: True)
    load(root)
    assert not list(private_cache.glob("database-*"))
    monkeypatch.setattr(units, "learned", lambda: False)
    load(root)
    monkeypatch.setattr(units, "learned", lambda: True)
    parsed.clear()
    load(root)
    assert len(parsed) == 3


def test_no_cache_no_entry(tmp_path: Path, private_cache: Path, parsed: list[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", "off")
    root = database(tmp_path)
    assert content(load(root)) == content(load(root))
    assert len(parsed) == 6 and not private_cache.exists()


def test_databases_used_in_turn_keep_their_entries(tmp_path: Path, private_cache: Path,
                                                   parsed: list[str]) -> None:
    """Two projects' databases used in turn are each read back whole; of many, the four
    used last are kept."""
    first = database(tmp_path / "a")
    second = database(tmp_path / "b", voltaria=CLAIMS.replace("1400", "1300"))
    for root, value in ((first, 1400), (second, 1300)):
        assert load(root).claims[0].value == value
    parsed.clear()
    for root, value in ((first, 1400), (second, 1300), (first, 1400)):
        assert load(root).claims[0].value == value
    assert parsed == []  # each restored from its own entry
    assert len(list(private_cache.glob("database-*"))) == 2
    others = [database(tmp_path / f"other-{n}", voltaria=CLAIMS.replace("1400", str(n)))
              for n in range(1000, 1004)]
    for root in others:
        load(root)
        load(first)  # used last each time: never the one dropped
    assert len(list(private_cache.glob("database-*"))) == store._Loaded.KEPT
    parsed.clear()
    assert load(first).claims[0].value == 1400 and parsed == []
    assert load(others[-1]).claims[0].value == 1003 and parsed == []
    load(second)
    assert parsed  # dropped long ago: read again


def test_the_packaged_database_reads_the_same_warm(parsed: list[str]) -> None:
    cold = load(store.packaged_root())
    parsed.clear()
    warm = load(store.packaged_root())
    assert parsed == [] and content(warm) == content(cold) and warm.claims


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_files_resolve_as_path_resolve_resolves_them(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader resolves each folder once: the same paths as resolving each file, with
    links to files, to folders, a linked root and a relative one."""
    real = tmp_path / "reel"
    (real / "usines").mkdir(parents=True)
    (real / "a.yaml").write_text("claims: []\n", "utf-8")
    (real / "usines" / "b.yaml").write_text("claims: []\n", "utf-8")
    (real / "lien.yaml").symlink_to(real / "usines" / "b.yaml")
    (real / "dossier").symlink_to(real / "usines", target_is_directory=True)
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "c.yaml").write_text("claims: []\n", "utf-8")
    (real / "externe").symlink_to(outside, target_is_directory=True)
    (tmp_path / "racine").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for root in (real, tmp_path / "racine", Path("racine"), Path("reel")):
        found = store.yaml_files(root, follow_symlinks=True)
        assert len(found) >= 3
        assert store._resolved(found) == {path.resolve(): path for path in found}
