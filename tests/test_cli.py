"""The command line, through click's runner, on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from battclaims.cli import main

FR = (
    "Le constructeur produira 500 000 véhicules par an à partir de 2030 "
    "et recevra 150 millions d’euros de subventions.\n"
)
EN = "Verkor will supply 12 GWh a year to Renault, which holds 20 % of the start-up.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return str(path)


def test_extract_json_schema(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "draft.md", "---\npublished: 2024-08-12\n---\n" + FR)
    result = runner.invoke(main, ["extract", "--format", "json", path])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    (doc,) = data["documents"]
    assert doc["path"] == path and doc["lang"] == "fr" and doc["published"] == "2024-08-12"
    first, second = doc["claims"]
    assert first["text"] == "500 000 véhicules par an"
    assert (first["value"], first["unit"]) == (500000.0, "vehicle / year")
    assert (first["line"], first["column"]) == (4, 26)
    assert second["value"] == 150000000.0 and second["unit"] == "EUR"
    assert set(first) >= {"text", "sentence", "line", "column", "start", "end", "value", "unit"}


def test_extract_jsonl_one_quantity_per_line(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", FR)
    b = write(tmp_path, "b.txt", EN)
    result = runner.invoke(main, ["extract", "--format", "jsonl", a, b])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["path"], r["unit"]) for r in records] == [
        (a, "vehicle / year"), (a, "EUR"), (b, "gigawatt_hour / year"), (b, "percent"),
    ]


def test_extract_table_shows_quantities(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", EN)
    result = runner.invoke(main, ["extract", "--format", "table", path], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "12 GWh a year" in result.stdout
    assert "gigawatt_hour / year" in result.stdout
    assert "1:20" in result.stdout
    assert "lang en" in result.stdout


def test_bad_files_are_reported_and_others_processed(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", EN)
    binary = write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = write(tmp_path, "latin.txt", b"Une usine de 12 GWh.\nCo\xfbt : 150 euros.")
    empty = write(tmp_path, "empty.md", "  \n\n")
    result = runner.invoke(main, ["extract", "--format", "jsonl", binary, good, latin, empty])
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert errors[0] == (
        f"battclaims: error: {binary}: binary file (it contains NUL bytes), not a text document"
    )
    assert errors[1].startswith(f"battclaims: error: {latin}:2: not valid UTF-8")
    assert "--encoding" in errors[1]
    assert errors[2] == f"battclaims: error: {empty}: empty file: there is nothing to check"
    assert "Traceback" not in result.output
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [good, good]


def test_encoding_option_reads_other_codecs(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "Le projet coûte 150 millions d’euros.".encode("cp1252"))
    result = runner.invoke(main, ["extract", "--format", "jsonl", "--encoding", "cp1252", path])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["value"] == 150e6


def test_stdin_and_lang_option(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["extract", "--format", "jsonl", "--lang", "en", "-"], input="It costs 1,500 euros."
    )
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert (record["path"], record["lang"], record["value"]) == ("-", "en", 1500.0)
    result = runner.invoke(
        main, ["extract", "--format", "jsonl", "--lang", "fr", "-"], input="It costs 1,500 euros."
    )
    assert json.loads(result.stdout)["value"] == 1.5


def test_directory_is_read_recursively(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/b.md", EN)
    write(tmp_path, "a.txt", FR)
    write(tmp_path, "notes.json", '{"x": 12}')
    result = runner.invoke(main, ["extract", "--format", "json", str(tmp_path)])
    assert result.exit_code == 0
    paths = [d["path"] for d in json.loads(result.stdout)["documents"]]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["extract", "--format", "xml", "x"]).exit_code == 2
    assert runner.invoke(main, ["extract", "--lang", "de", "x"]).exit_code == 2
    missing = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr


def test_every_command_has_help_and_is_in_readme(runner: CliRunner) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    for name, command in main.commands.items():
        assert command.help, name
        assert runner.invoke(main, [name, "--help"]).exit_code == 0
        assert f"battclaims {name}" in readme, name


def test_output_does_not_depend_on_time_zone_or_locale(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", FR + EN)
    outputs = set()
    for env in ({"TZ": "UTC", "LC_ALL": "C"}, {"TZ": "Asia/Tokyo", "LC_ALL": "fr_FR.UTF-8"}):
        result = CliRunner().invoke(main, ["extract", "--format", "json", path], env=env)
        outputs.add(result.stdout)
    assert len(outputs) == 1
