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
