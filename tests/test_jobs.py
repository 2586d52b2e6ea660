"""Folders read on several processes (``--jobs``): the same output, byte for byte, in the
same order, with the same errors and exit codes as in one process; a bad ``--jobs`` is a
usage error; a file's internal error stays one line naming it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from battclaims import api
from battclaims.api import InternalError, _in_order, extract_paths, load_claims
from battclaims.cli import main
from battclaims.errors import BattclaimsError, InputError

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = str(ROOT / "claims")

DRAFTS = {
    "a-verkor.md": "---\ntitle: Verkor à Dunkerque\npublished: 2024-10-07\n---\n\n"
                   "# Verkor à Dunkerque\n\nVerkor fournira 16 GWh par an au groupe Renault "
                   "dès 2025. L'usine emploiera 1 200 personnes d'ici 2030.\n",
    "b-acc.txt": "date 2024-05\n\nACC a inauguré sa gigafactory de Billy-Berclau, qui "
                 "produira 13 GWh de batteries par an. Le projet a coûté environ 2 milliards "
                 "d'euros et emploie 600 salariés.\n",
    "c-empty.md": "   \n",
    "d-prologium.md": "---\nlang: en\ntitle: ProLogium in Dunkirk\n---\n\nProLogium plans a "
                      "48 GWh plant in Dunkirk, a 5.2 billion euro investment creating 3,000 "
                      "jobs by 2030.\n\nThe company said the first cells would ship in 2026.\n",
    "e-bad-front.md": "---\ntitle: Envision\npublished: bientôt\n---\n\nEnvision AESC "
                      "produira 9 GWh à Douai.\n",
    "f-envision.html": "<html lang=\"fr\"><head><title>Envision à Douai</title></head><body>"
                       "<p>Envision AESC investit 1,3 milliard d'euros à Douai pour une "
                       "capacité de 9 GWh en 2025.</p><p>Renault achètera l'essentiel des "
                       "batteries produites.</p></body></html>\n",
    "g-tesla.md": "# Tesla in Berlin\n\nTesla builds about 5,000 Model Y a week in Grünheide, "
                  "where 12,000 people work. The plant cost 5 billion euros.\n",
    "h-repeat.md": "# ACC\n\nACC produira 13 GWh par an. ACC produira 13 GWh par an, "
                   "selon la direction.\n",
}


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BATTCLAIMS_JOBS", raising=False)
    monkeypatch.delenv("BATTCLAIMS_DEBUG", raising=False)


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many worker processes each pool started had (in this process)."""
    started: list[int] = []
    real = api._pooled

    def spy(*args: Any, **kwargs: Any) -> Any:
        started.append(args[3])
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "_pooled", spy)
    return started


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Drafts in French and English, with a binary file, an empty one and bad front matter
    among them, in two folders, and a link outside that is skipped with a warning."""
    root = tmp_path / "drafts"
    (root / "sub").mkdir(parents=True)
    for name, text in DRAFTS.items():
        (root / (f"sub/{name}" if name < "d" else name)).write_text(text, "utf-8")
    (root / "sub" / "b2-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    outside = tmp_path / "outside.md"
    outside.write_text(DRAFTS["g-tesla.md"], "utf-8")
    (root / "e2-link.md").symlink_to(outside)
    return root


def run(args: list[str], jobs: int | None, **kwargs: Any) -> Result:
    more = [] if jobs is None else ["--jobs", str(jobs)]
    return CliRunner().invoke(main, [*args, *more, "--claims", CLAIMS], **kwargs)


def same(args: list[str], **kwargs: Any) -> Result:
    """Run with --jobs 2 and --jobs 1: the same standard output, standard error and exit
    code; the first result. (On two processes first: what this process learns in one,
    such as the unit of a counted noun, is not yet known to it.)"""
    two, one = run(args, 2, **kwargs), run(args, 1, **kwargs)
    assert one.exception is None or isinstance(one.exception, SystemExit), one.exception
    assert (two.stdout, two.stderr, two.exit_code) == (one.stdout, one.stderr, one.exit_code)
    return two


@pytest.mark.parametrize("fmt", ["concise", "json", "jsonl", "sarif", "github", "table"])
def test_check_of_a_folder_is_the_same_on_two_processes(folder: Path, fmt: str,
                                                       pooled: list[int]) -> None:
    result = same(["check", str(folder), "--format", fmt])
    assert pooled == [2]
    assert result.exit_code == 2  # the bad files; the others are still checked
    errors = result.stderr.splitlines()
    assert len(errors) == 4 and all(line.startswith("battclaims: ") for line in errors)
    assert "e2-link.md" in errors[0] and "warning" in errors[0]  # check lists the files first


@pytest.mark.parametrize("fmt", ["json", "jsonl", "table"])
def test_extract_of_a_folder_is_the_same_on_two_processes(folder: Path, fmt: str,
                                                         pooled: list[int]) -> None:
    result = same(["extract", str(folder), "--format", fmt])
    assert pooled == [2] and result.exit_code == 2


def test_results_come_in_the_order_of_the_walk(folder: Path) -> None:
    result = run(["extract", str(folder), "--format", "jsonl"], 2)
    paths = list(dict.fromkeys(json.loads(line)["path"] for line in result.stdout.splitlines()))
    names = [Path(path).relative_to(folder).as_posix() for path in paths]
    assert names == ["d-prologium.md", "f-envision.html", "g-tesla.md", "h-repeat.md",
                     "sub/a-verkor.md", "sub/b-acc.txt"]
    stderr = result.stderr.splitlines()
    assert [line.split(": ")[2].split(":")[0].removeprefix(str(folder) + os.sep)
            for line in stderr] == ["e-bad-front.md", "e2-link.md", "sub/b2-binary.md",
                                    "sub/c-empty.md"]
    assert "'published' is not a date" in stderr[0] and "warning" in stderr[1]
    assert "binary file" in stderr[2] and "empty file" in stderr[3]


@pytest.mark.parametrize("fmt", ["concise", "json", "jsonl"])
def test_diff_of_two_folders_is_the_same_on_two_processes(folder: Path, tmp_path: Path,
                                                         fmt: str, pooled: list[int]) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shades = "# Lyon\n\nLa métropole de Lyon a installé {} ombrières solaires en 2024.\n"
    (folder / "i-lyon.md").write_text(shades.format(40), "utf-8")
    (other / "i-lyon.md").write_text(shades.format(45), "utf-8")
    for name, text in DRAFTS.items():
        (other / name).write_text(text.replace("16 GWh", "12 GWh").replace("600", "650"),
                                  "utf-8")
    result = same(["diff", str(folder), str(other), "--format", fmt])
    assert pooled == [2]
    assert result.exit_code == 2 and "conflict" in result.stdout.lower()
    # a unit learned by a worker ("ombriere", a counted noun) is known where pairs are made
    assert "ombrières" in result.stdout and "internal error" not in result.stderr


def test_standard_input_among_files_is_read_in_order(folder: Path) -> None:
    text = "Verkor livrera 16 GWh par an à Renault dès 2025.\n"
    result = same(["check", "--format", "jsonl", str(folder / "g-tesla.md"), "-",
                   str(folder / "d-prologium.md")], input=text.encode())
    records = [json.loads(line) for line in result.stdout.splitlines()]
    paths = list(dict.fromkeys(r["path"] for r in records if r["type"] == "finding"))
    assert [Path(p).name for p in paths] == ["g-tesla.md", "-", "d-prologium.md"]


def test_per_file_settings_and_baseline_are_the_same_on_two_processes(folder: Path,
                                                                    tmp_path: Path) -> None:
    (folder / ".battclaims.yaml").write_text(
        'fail-on: warning\nper-file:\n  "sub/**": {fail-on: none, lang: fr}\n  "*.md": '
        '{severity: {unverified: warning}}\n', "utf-8")
    baseline = tmp_path / "baseline.json"
    written = run(["check", str(folder), "--write-baseline", str(baseline)], 1)
    assert "wrote" in written.stderr
    draft = str(folder / "h-repeat.md")
    # the same file twice: the baseline accepts each finding once per run, as in one process
    result = same(["check", "--format", "json", "--baseline", str(baseline), str(folder),
                   draft, draft])
    documents = json.loads(result.stdout)["documents"]
    repeats = [d for d in documents if d["path"].endswith("h-repeat.md")]
    assert [d["suppressed"] > 0 for d in repeats] == [True, False, False]
    assert repeats[1]["claims"] == repeats[2]["claims"] != []


def test_one_file_starts_no_pool(folder: Path, pooled: list[int]) -> None:
    result = run(["check", str(folder / "d-prologium.md")], None)
    assert result.exit_code in (0, 1) and pooled == []
    assert run(["extract", str(folder / "sub")], None).exit_code == 2  # 2 of 4 readable
    assert pooled == [2]


def test_no_more_workers_than_files(folder: Path, pooled: list[int]) -> None:
    run(["extract", str(folder / "d-prologium.md"), str(folder / "g-tesla.md")], 8)
    assert pooled == [2]


@pytest.mark.parametrize("value", ["0", "-1", "deux"])
def test_bad_jobs_is_a_usage_error(folder: Path, value: str) -> None:
    for command in (["check", str(folder)], ["extract", str(folder)],
                    ["diff", str(folder), str(folder)]):
        result = CliRunner().invoke(main, [*command, "--jobs", value])
        assert result.exit_code == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and "--jobs" in result.stderr


def test_jobs_from_the_environment(folder: Path, pooled: list[int]) -> None:
    result = CliRunner().invoke(main, ["extract", str(folder)], env={"BATTCLAIMS_JOBS": "1"})
    assert result.exit_code == 2 and pooled == []
    bad = CliRunner().invoke(main, ["extract", str(folder)], env={"BATTCLAIMS_JOBS": "0"})
    assert bad.exit_code == 2 and "BATTCLAIMS_JOBS" in bad.stderr


def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected failure on any document that names Tesla (the worker processes, forked,
    inherit it)."""
    real = api.extract_document

    def failing(document: Any, **kwargs: Any) -> Any:
        if "Tesla" in document.text:
            raise ZeroDivisionError("division by zero")
        return real(document, **kwargs)

    monkeypatch.setattr(api, "extract_document", failing)


@pytest.mark.skipif(api._start_method() != "fork", reason="the workers must inherit the patch")
def test_an_internal_error_in_a_worker_is_one_line(folder: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    broken(monkeypatch)
    for command in ("check", "extract"):
        result = same([command, str(folder), "--format", "jsonl"])
        lines = [line for line in result.stderr.splitlines() if "internal error" in line]
        assert len(lines) == 1 and "g-tesla.md: internal error (ZeroDivisionError" in lines[0]
        assert '"path"' in result.stdout and result.exit_code == 2


@pytest.mark.skipif(api._start_method() != "fork", reason="the workers must inherit the patch")
def test_debug_raises_the_worker_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken(monkeypatch)
    monkeypatch.setenv("BATTCLAIMS_DEBUG", "1")
    result = run(["check", str(folder)], 2)
    assert isinstance(result.exception, ZeroDivisionError)


def test_library_results_are_equal_and_errors_keep_their_fields(folder: Path) -> None:
    database = load_claims(CLAIMS)
    serial = list(extract_paths([str(folder)], database=database))
    pooled = list(extract_paths([str(folder)], database=database, jobs=2))
    assert [type(r) for r in pooled] == [type(r) for r in serial]
    for a, b in zip(serial, pooled, strict=True):
        if isinstance(a, InputError):
            assert isinstance(b, InputError)
            assert (b.path, b.message, b.line, str(b), b.args) == (
                a.path, a.message, a.line, str(a), a.args)
        else:
            assert not isinstance(b, InputError) and b.to_dict() == a.to_dict()


@pytest.mark.skipif(api._start_method() != "fork", reason="the workers must inherit the patch")
def test_library_internal_error_comes_back_as_itself(folder: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    broken(monkeypatch)
    results = list(extract_paths([str(folder)], jobs=2))
    failed = [r for r in results if isinstance(r, InternalError)]
    assert len(failed) == 1 and failed[0].path.endswith("g-tesla.md")
    assert "ZeroDivisionError: division by zero" in str(failed[0])


@pytest.mark.parametrize("jobs", [0, -3, 1.5, True])
def test_library_rejects_bad_jobs(folder: Path, jobs: Any) -> None:
    with pytest.raises(BattclaimsError, match="jobs"):
        extract_paths([str(folder)], jobs=jobs)


def test_results_are_streamed_with_few_files_ahead(tmp_path: Path) -> None:
    for n in range(60):
        (tmp_path / f"{n:02}.md").write_text(f"Verkor fournira {n + 1} GWh en 2025.\n", "utf-8")
    walked: list[str] = []

    def walk(told: Any) -> Iterator[tuple[str, str | None]]:
        for path in sorted(map(str, tmp_path.iterdir())):
            walked.append(path)
            yield path, "fr"

    work = api._Extracting(None, None, None, None)
    ahead = []
    names = []
    for result in _in_order(walk, work, 2):
        assert not isinstance(result, InputError) and result.path
        names.append(Path(result.path).name)
        ahead.append(len(walked) - len(names))
    assert names == [f"{n:02}.md" for n in range(60)]
    assert ahead[0] <= api.WINDOW * 2  # the first files one by one
    assert max(ahead) <= api.WINDOW * 2 * api.BATCH  # never the whole folder at once


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_walk_that_fails_fails_after_the_files_before(tmp_path: Path, jobs: int) -> None:
    for n in range(5):
        (tmp_path / f"{n}.md").write_text(f"Verkor fournira {n + 1} GWh en 2025.\n", "utf-8")
    told: list[str] = []

    def walk(skipped: Any) -> Iterator[tuple[str, str | None]]:
        for n in range(3):
            yield str(tmp_path / f"{n}.md"), "fr"
        skipped(str(tmp_path / "loop"), "symbolic link loop, not read")
        raise BattclaimsError("settings.yaml: unknown setting 'fail_onn'")

    work = api._Extracting(None, None, None, None)
    seen: list[str] = []
    with pytest.raises(BattclaimsError, match="fail_onn"):
        for result in _in_order(walk, work, jobs, lambda path, why: told.append(path)):
            assert not isinstance(result, InputError) and result.path
            seen.append(Path(result.path).name)
    assert seen == ["0.md", "1.md", "2.md"] and told == [str(tmp_path / "loop")]


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_ctrl_c_stops_the_workers_and_says_aborted(tmp_path: Path) -> None:
    import shutil
    import signal
    import subprocess
    import sys

    for n in range(150):
        (tmp_path / f"{n:03}.md").write_text(DRAFTS["a-verkor.md"], "utf-8")
    exe = shutil.which("battclaims", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "battclaims.cli"]
    run = subprocess.Popen([*command, "extract", "--format", "jsonl", "--jobs", "2",
                            "--claims", CLAIMS, str(tmp_path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, start_new_session=True)
    assert run.stdout is not None
    run.stdout.readline()  # under way: the first document is out
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    try:
        _, stderr = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # pragma: no cover - the hang this test is about
        os.killpg(run.pid, signal.SIGKILL)
        raise
    assert run.returncode == 1 and stderr.decode().split() == ["Aborted!"]
    if shutil.which("pgrep"):
        left = subprocess.run(["pgrep", "-g", str(run.pid)], capture_output=True, check=False)
        assert left.stdout == b""  # no worker left behind
