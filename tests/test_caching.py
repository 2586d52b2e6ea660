"""The user cache: data files read the same through it, cold and warm; content JSON
would change is not kept; a pickle that someone else may write is not loaded."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from battclaims import caching
from battclaims.lexicon import cached_lexicon, load_data


def test_data_files_read_the_same_through_the_cache(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    for name in ("metrics.yaml", "matching.yaml", "entities.yaml", "lang/fr.yaml"):
        text = resources.files("battclaims").joinpath(f"data/{name}").read_text("utf-8")
        assert load_data(name) == load_data(name) == yaml.safe_load(text)  # cold, warm
    assert len(list(tmp_path.glob("yaml-*.json"))) == 4


def test_content_json_would_change_is_not_kept(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    for _ in range(2):
        assert caching.as_json(b"t", b"2024: a\n", lambda: {2024: "a"}, exact=True) == {
            2024: "a"}
    assert not list(tmp_path.glob("yaml-*.json"))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_pickle_others_may_write_is_not_loaded(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 same_fields: Any) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    built = cached_lexicon("fr")
    (entry,) = tmp_path.glob("lexicon-fr-*.pickle")
    assert caching.trusted(entry)
    entry.chmod(0o666)
    assert not caching.trusted(entry)
    assert same_fields(cached_lexicon("fr"), built)  # built again, not unpickled
    assert caching.trusted(entry)  # and written again as the user's own


# -- data derived from the package's files, kept in marshal's format ---------------------------


SOURCE = Path(caching.__file__).parent / "data" / "units.table.json"
"""A data file of the package, the source of the derived entries below."""


def derive(calls: list[bytes]) -> Any:
    def make(data: bytes) -> Any:
        calls.append(data)
        return {"names": {"GWh": "gigawatt_hour"}, 7: (1.5, None, [True, "kWh"])}
    return make


def derived(calls: list[bytes]) -> Any:
    """The example derived from :data:`SOURCE` (``calls``: the derivations made)."""
    return caching.derived("example", SOURCE, derive(calls))


def derived_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[bytes], Path]:
    """A cache in ``tmp_path`` holding the example: the derivations made, and its entry."""
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    calls: list[bytes] = []
    derived(calls)
    (entry,) = tmp_path.glob("data-example-*.marshal")
    return calls, entry


def test_derived_data_reads_the_same_cold_and_warm(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What marshal gives back is what was made, type for type (tuples, a number as a key),
    and a warm read does not derive again."""
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    source = SOURCE
    calls: list[bytes] = []
    cold = caching.derived("example", source, derive(calls))
    warm = caching.derived("example", source, derive(calls))
    assert cold == warm == derive([])(b"")
    assert isinstance(warm[7], tuple) and calls == [source.read_bytes()]
    entry = caching.installed_entry("data-example", "marshal")
    assert entry is not None and [p.name for p in tmp_path.iterdir()] == [entry.name]


def test_each_installation_keeps_its_own_entry(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Two installations run in turn (an old and a new one compared side by side) each
    find their own entry, not the other's, replaced at every run."""
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    here = caching.installed_entry("database", "pickle")
    assert here is not None and here.parent == tmp_path and here.suffix == ".pickle"
    assert caching.installed_entry("database", "pickle") == here
    monkeypatch.setattr(caching, "__file__", str(tmp_path / "other" / "caching.py"))
    assert caching.installed_entry("database", "pickle") != here
    monkeypatch.setenv("BATTCLAIMS_CACHE", "off")
    assert caching.installed_entry("database", "pickle") is None


@pytest.mark.parametrize("written", [b"", b"\x00garbage", b"\xe9" * 40])
def test_a_corrupt_derived_entry_is_derived_again(tmp_path: Path, written: bytes,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    calls, entry = derived_once(tmp_path, monkeypatch)
    entry.write_bytes(written)
    assert derived(calls) == derive([])(b"")
    assert len(calls) == 2
    assert derived(calls) == derive([])(b"")
    assert len(calls) == 2  # written again


def test_a_derived_entry_of_another_package_is_derived_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls, _ = derived_once(tmp_path, monkeypatch)
    monkeypatch.setattr(caching, "package_key", lambda: "a file of the package changed")
    derived(calls)
    derived(calls)
    assert len(calls) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_derived_entry_others_may_write_is_not_read(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls, entry = derived_once(tmp_path, monkeypatch)
    entry.chmod(0o666)
    derived(calls)
    assert len(calls) == 2 and caching.trusted(entry)


def test_what_marshal_cannot_hold_is_not_kept(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    source = SOURCE
    made = caching.derived("example", source, lambda data: {"path": source})
    assert made == {"path": source} and not list(tmp_path.iterdir())
    monkeypatch.setenv("BATTCLAIMS_CACHE", "off")
    assert caching.derived("example", source, lambda data: len(data)) == source.stat().st_size


def test_the_package_key_follows_every_file_of_the_package(tmp_path: Path) -> None:
    """Code and data alike (the vocabularies, the unit table, the defaults), not Python's
    own bytecode cache."""
    package = Path(caching.__file__).parent
    stamped = caching.stamps([str(package / "units.py")]).decode()
    assert str(package / "units.py") in stamped
    files = set(caching._files(str(package)))
    assert {str(package / "store.py"), str(package / "data" / "units.table.json"),
            str(package / "data" / "lang" / "fr.yaml")} <= files
    assert not any("__pycache__" in name for name in files)


def test_the_unit_table_and_the_schema_types_read_the_same_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from battclaims import store, units

    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path))
    text = (units.DATA / "units.table.json").read_bytes()
    try:
        for _ in range(2):  # cold, warm
            units.table.cache_clear()
            store._schema_types.cache_clear()
            table = units.table()
            assert (table.names, table.prefixes, table.suffixes, table.facts) == \
                units.Table.fields(text)
            assert all(isinstance(p, tuple) for p in (*table.prefixes, *table.suffixes))
            assert units.expression("GWh", "yr") == "gigawatt_hour / year"
            assert store.schema_types("claim")["value"] == "number"
            assert store.schema_types("entity")["aliases"] == "object"  # a $ref
            assert store.schema_types("claim")["status"] == "string"  # an enum
        assert len(list(tmp_path.glob("data-*.marshal"))) == 2
    finally:
        units.table.cache_clear()
        store._schema_types.cache_clear()
