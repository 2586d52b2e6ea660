"""`claims add` loses nothing: runs at once on one database are serialised by a lock on
the folder and each plans its files again on the database as the other left it; the
files of one add are replaced all or none (a journal completes, at the next run, a
commit a crash interrupted), so that re-running the add never duplicates a claim."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from battclaims import adding, writer
from battclaims.cli import main
from battclaims.consistency import contradictions
from battclaims.errors import BattclaimsError
from battclaims.store import load


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BATTCLAIMS_CLAIMS", raising=False)


SOURCES = """sources:
  - {id: s1, title: A trade paper, lang: en, published: 2025-03}
  - {id: s2, title: A regional daily, lang: en, published: 2025-04}
"""

ENTITIES = """entities:
  - id: voltenor
    name: Voltenor
    kind: company
    aliases: {any: [Voltenor]}
  - id: kestrel
    name: Kestrel Motors
    kind: company
    aliases: {any: [Kestrel Motors, Kestrel]}
"""

VOLTENOR = """# Voltenor: kept byte for byte.
claims:
  - id: voltenor-capacity-2027
    subject: voltenor
    metric: cell_capacity
    value: 40
    unit: gigawatt_hour / year
    time: {relation: from, date: "2027"}
    statement: Voltenor's plant will produce 40 GWh of cells a year from 2027.
    sources: [{source: s1, where: paragraph 1}]
    reviewed: 2026-11-20
"""

HEAD = "---\npublished: 2025-03-10\nlang: en\n---\n"


def database(tmp_path: Path) -> Path:
    root = tmp_path / "claims"
    root.mkdir()
    (root / "sources.yaml").write_text(SOURCES, "utf-8")
    (root / "entities.yaml").write_text(ENTITIES, "utf-8")
    (root / "voltenor.yaml").write_text(VOLTENOR, "utf-8")
    return root


def first_run(n: int) -> str:
    """Two claims, for two subjects (two files)."""
    return (f"Voltenor will employ {1000 + 10 * n:,} people at its cell plant by 2030.\n\n"
            f"Kestrel Motors will invest €{2 + n} billion in its assembly line in 2026.\n")


def second_run(n: int) -> str:
    """Two other claims, for the same two subjects."""
    return (f"Voltenor will invest €{300 + 10 * n} million in a recycling unit in 2028.\n\n"
            f"Kestrel Motors plans to build {100 + n},000 electric vehicles a year from 2029.\n")


def article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(HEAD + text, "utf-8")
    return path


def command(root: Path, path: Path, source: str) -> list[str]:
    return [sys.executable, "-m", "battclaims.cli", "claims", "add", str(path), "--source",
            source, "--all", "--claims", str(root), "--reviewed", "2026-11-24"]


def add(root: Path, path: Path, source: str = "s1") -> tuple[int, str]:
    result = CliRunner().invoke(main, command(root, path, source)[3:], env={"COLUMNS": "200"})
    return result.exit_code, result.stderr


def statements(root: Path) -> list[str]:
    return sorted(claim.statement for claim in load(root).claims)


def assert_sound(root: Path) -> None:
    """The database validates (no problem, no contradiction); no lock, journal or
    temporary file is left behind."""
    loaded = load(root)
    assert loaded.problems == []
    assert list(contradictions(loaded)) == []
    ids = [claim.id for claim in loaded.claims]
    assert len(ids) == len(set(ids))
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_two_runs_at_once_lose_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    for trial in range(6):  # about 2 s each (two processes of about 1 s, at once)
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        root = database(folder)
        one = article(folder, "one.md", first_run(trial))
        two = article(folder, "two.md", second_run(trial))
        runs = [subprocess.Popen(command(root, path, source), env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
                for path, source in ((one, "s1"), (two, "s2"))]
        outputs = [run.communicate(timeout=60) for run in runs]
        for run, (_, err) in zip(runs, outputs, strict=True):
            assert run.returncode == 0, err
        expected = sorted([
            "Voltenor's plant will produce 40 GWh of cells a year from 2027.",
            *(line for line in (first_run(trial) + second_run(trial)).splitlines() if line)])
        assert statements(root) == expected, f"trial {trial}"
        assert_sound(root)
        assert (root / "voltenor.yaml").read_text("utf-8").startswith(VOLTENOR)


def test_a_run_that_wrote_meanwhile_is_kept(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The other run writes between this run's reading and its writing, every time."""
    root = database(tmp_path)
    one = article(tmp_path, "one.md", first_run(1))
    # The same figure, from another sentence: the same id, no contradiction.
    other = article(tmp_path, "other.md",
                    second_run(1) + "\nVoltenor said it would employ 1,010 people by 2030.\n")
    check = writer.check

    def other_run_first(*args: object) -> object:
        monkeypatch.setattr(adding, "check", check)
        done = subprocess.run(command(root, other, "s2"), capture_output=True, text=True,
                              env={**os.environ, "COLUMNS": "200"}, timeout=60)
        assert done.returncode == 0, done.stderr
        return check(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(adding, "check", other_run_first)
    code, err = add(root, one)
    assert code == 0, err
    loaded = load(root)
    assert len(loaded.claims) == 1 + 2 + 3  # nothing lost
    ids = sorted(claim.id for claim in loaded.claims)
    assert "voltenor-jobs-2030" in ids and "voltenor-jobs-2030-2" in ids  # taken meanwhile
    assert loaded.problems == []
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_a_crash_between_two_renames_is_completed_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = database(tmp_path)
    one = article(tmp_path, "one.md", first_run(3))
    before = statements(root)
    replace = os.replace
    renamed: list[str] = []

    def crash_after_the_first(source: str, target: str) -> None:
        if str(target).endswith(".yaml"):
            if renamed:
                raise OSError("simulated crash")
            renamed.append(str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", crash_after_the_first)
    code, err = add(root, one)
    monkeypatch.setattr(os, "replace", replace)
    assert code == 2 and "the next `battclaims claims add` on it completes" in err
    assert len(renamed) == 1
    assert (root / writer.JOURNAL).exists()  # the commit is under way: one file new, one not
    assert len(statements(root)) == len(before) + 1

    code, err = add(root, one)  # the same add again: completes the first, adds nothing
    assert code == 0, err
    assert "nothing added" in err
    after = statements(root)
    assert len(after) == len(before) + 2 and len(set(after)) == len(after)
    assert_sound(root)
    code, err = add(root, one)
    assert code == 0 and statements(root) == after


def test_a_crash_before_the_journal_leaves_the_files_as_they_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = database(tmp_path)
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    fsync = os.fsync
    calls: list[int] = []

    def crash_on_the_second_file(handle: int) -> None:
        calls.append(handle)
        if len(calls) == 2:
            raise KeyboardInterrupt
        fsync(handle)

    monkeypatch.setattr(os, "fsync", crash_on_the_second_file)
    code, _ = add(root, article(tmp_path, "one.md", first_run(4)))
    assert code == 1  # KeyboardInterrupt: click's abort
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before


def test_a_held_lock_makes_another_writer_wait_then_fail(tmp_path: Path) -> None:
    root = database(tmp_path)
    with writer.locked(root):
        assert (root / writer.LOCK).exists()
        with pytest.raises(BattclaimsError, match="another run is writing"), \
                writer.locked(root, timeout=0.1):
            pass  # pragma: no cover
    assert not (root / writer.LOCK).exists()
    with writer.locked(root, timeout=0.1):
        pass


def test_the_lock_without_fcntl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "fcntl", None)
    root = database(tmp_path)
    with (writer.locked(root), pytest.raises(BattclaimsError, match="delete it"),
          writer.locked(root, timeout=0.1)):
        pass  # pragma: no cover
    assert not (root / writer.LOCK).exists()
    code, err = add(root, article(tmp_path, "one.md", first_run(5)))
    assert code == 0, err
    assert_sound(root)
