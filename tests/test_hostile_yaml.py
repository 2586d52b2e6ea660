"""Hostile YAML: alias bombs, huge numbers, deep nesting and huge texts, in front
matter, claims files and configuration files. Each is a one-line error naming the
file and the line (or, in front matter, a number out of bounds is kept as text),
fast, and the other files are still processed."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from battclaims import safeyaml, store
from battclaims.cli import main

ROOT = Path(__file__).resolve().parent.parent
FR = "Verkor prévoit 1 200 emplois à Dunkerque d'ici 2030.\n"
EN = "ACC plans 2,000 jobs at its Billy-Berclau plant by 2030.\n"
DIGITS = "7" * 5000
LOADERS = [safeyaml.SafeLoader, safeyaml.PureSafeLoader]


def laughs() -> str:
    """A billion laughs (9 levels of 9 aliases: 387 million strings), some 390
    bytes; the first alias is on its second line."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_the_bomb_is_the_issue_s_size() -> None:
    assert len(laughs().encode()) < 400


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(cache))
    monkeypatch.setenv("BATTCLAIMS_CLAIMS", str(ROOT / "claims"))
    return cache


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return str(path)


def draft(front_matter: str, body: str = FR) -> str:
    return f"---\n{front_matter}---\n{body}"


# -- the loader itself, libyaml's and pure Python's ------------------------------------------


def problem(text: str, loader: type) -> tuple[str, int]:
    with pytest.raises(safeyaml.LimitError) as info:
        safeyaml.load(text, loader)
    assert info.value.problem_mark is not None
    return str(info.value.problem), info.value.problem_mark.line + 1


@pytest.mark.parametrize("loader", LOADERS)
def test_aliases_are_refused_at_their_line(loader: type) -> None:
    assert problem("title: Gigafactory\n" + laughs(), loader) == (
        "aliases are not allowed (*a)", 3)
    merge = "base: &base {unit: GWh}\nclaim:\n  <<: *base\n  value: 16\n"
    assert problem(merge, loader) == ("aliases are not allowed (*base)", 3)
    assert problem("name: &n Verkor\nalso: *n\n", loader)[1] == 2


@pytest.mark.parametrize("loader", LOADERS)
def test_anchors_alone_and_stars_in_text_are_fine(loader: type) -> None:
    text = ("note: &n La capacité passe de 8 * 2 GWh à 16 GWh\n"
            "quote: '*ACC* investit 2 milliards'\nlist: [a*b, 5 * 3]\n")
    assert safeyaml.load(text, loader) == {
        "note": "La capacité passe de 8 * 2 GWh à 16 GWh",
        "quote": "*ACC* investit 2 milliards", "list": ["a*b", "5 * 3"]}


@pytest.mark.parametrize("loader", LOADERS)
def test_depth_is_capped(loader: type) -> None:
    ok = "tags: " + "[" * 49 + "x" + "]" * 49 + "\n"  # 50 levels with the top mapping
    assert safeyaml.load(ok, loader)["tags"]
    assert problem("title: Usine\ntags: " + "[" * 50 + "]" * 50 + "\n", loader) == (
        "nested more than 50 levels deep", 2)
    block = "tags:\n" + "".join(" " * i + "- \n" for i in range(60)) + " " * 60 + "x\n"
    message, line = problem(block, loader)
    assert message == "nested more than 50 levels deep"
    assert 50 <= line <= 52


@pytest.mark.parametrize("loader", LOADERS)
def test_twenty_thousand_levels_are_an_error_not_a_crash(loader: type) -> None:
    for text in ("k: " + "[" * 20000 + "]" * 20000, "k:\n" + "- " * 20000 + "x\n"):
        with pytest.raises(yaml.MarkedYAMLError):  # libyaml stops at 1 000 levels
            safeyaml.load(text, loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_numbers_are_bounded(loader: type) -> None:
    assert safeyaml.load("v: " + "9" * 30, loader) == {"v": int("9" * 30)}
    assert safeyaml.load("v: 1.5e+3\nw: -0.25\n", loader) == {"v": 1500.0, "w": -0.25}
    assert problem("title: x\nv: " + DIGITS, loader) == (
        "integer of 5000 digits (at most 30)", 2)
    assert problem("v: 1" + "0" * 30, loader)[0] == "integer of more than 30 digits"
    assert problem("v: 0x" + "f" * 40, loader)[0].startswith("integer of")
    assert problem("v: " + ":".join(["59"] * 20), loader)[0].startswith("integer of")  # base 60
    for text in (".nan", ".inf", "-.Inf", "1.0e+999"):
        assert problem(f"v: {text}", loader) == (f"{text} is not a finite number", 1)
    assert problem('v: !!int "quarante"', loader)[0] == "'quarante' is not an integer"


@pytest.mark.parametrize("base", LOADERS)
def test_numbers_out_of_bounds_may_be_kept_as_text(base: type) -> None:
    loader = type("Lenient", (base,), {"numbers": "text"})
    assert safeyaml.load(f"v: {DIGITS}\nw: .nan\nx: 12\n", loader) == {
        "v": DIGITS, "w": ".nan", "x": 12}


def test_size_is_capped() -> None:
    loader = type("Small", (safeyaml.SafeLoader,), {"max_chars": 1024})
    assert problem("note: " + "x" * 2000, loader) == ("too large (2 KB; at most 1 KB)", 1)


# -- front matter, through the command line -------------------------------------------------


def test_alias_bomb_in_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path, "a.md", draft("title: Verkor à Dunkerque\n" + laughs(), FR))
    good = write(tmp_path, "b.md", draft("title: ACC in France\n", EN))
    for command in ("check", "extract"):
        result = runner.invoke(main, [command, "--format", "jsonl", bad, good])
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"battclaims: error: {bad}:4: front matter: aliases are not allowed (*a)"]
        paths = {json.loads(line).get("path") for line in result.stdout.splitlines()}
        assert good in paths and bad not in paths


def test_alias_bomb_in_front_matter_is_fast(tmp_path: Path) -> None:
    """A guard, not a benchmark: before, this took 90 s and 8 GB."""
    bad = write(tmp_path, "brouillon.md", draft("title: Verkor\n" + laughs(), FR))
    done = subprocess.run(
        [sys.executable, "-c", "from battclaims.cli import main; main()", "extract", bad],
        capture_output=True, text=True, timeout=20, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"battclaims: error: {bad}:4: front matter: aliases are not allowed (*a)"]


def test_huge_integer_in_front_matter_is_kept_as_text(runner: CliRunner, tmp_path: Path
                                                      ) -> None:
    path = write(tmp_path, "vues.md", draft(f"title: Zoé\nviews: {DIGITS}\nscore: .nan\n", FR))
    result = runner.invoke(main, ["extract", "--format", "jsonl", path])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "1 200 emplois" in result.stdout


def test_huge_integer_as_a_date_in_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path, "a.md", draft(f"title: Zoé\npublished: {DIGITS}\n", FR))
    good = write(tmp_path, "b.md", EN)
    result = runner.invoke(main, ["extract", "--format", "jsonl", bad, good])
    assert result.exit_code == 2
    [error] = result.stderr.splitlines()
    assert error.startswith(f"battclaims: error: {bad}:3: front matter 'published'")
    assert len(error) < 200
    assert good in result.stdout


@pytest.mark.parametrize("tags", [
    "tags: " + "[" * 20000 + "]" * 20000 + "\n",
    "tags:\n" + "- " * 20000 + "x\n",
])
def test_twenty_thousand_levels_in_front_matter(runner: CliRunner, tmp_path: Path, tags: str
                                                ) -> None:
    bad = write(tmp_path, "a.md", draft("title: Usine ACC\n" + tags, FR))
    good = write(tmp_path, "b.md", EN)
    result = runner.invoke(main, ["extract", "--format", "jsonl", bad, good])
    assert result.exit_code == 2
    [error] = result.stderr.splitlines()
    assert error.startswith(f"battclaims: error: {bad}:")
    assert "front matter: nested more than 50 levels deep" in error
    assert good in result.stdout


def test_huge_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    notes = "".join(f"note{i}: La batterie de la Zoé passe à 52 kWh.\n" for i in range(3000))
    bad = write(tmp_path, "a.md", draft(notes, FR))
    good = write(tmp_path, "b.md", EN)
    result = runner.invoke(main, ["check", "--format", "jsonl", bad, good])
    assert result.exit_code == 2
    [error] = result.stderr.splitlines()
    assert error.startswith(f"battclaims: error: {bad}:2: front matter: too large (1")
    assert error.endswith(" KB; at most 64 KB)")
    assert good in result.stdout


# -- claims files -----------------------------------------------------------------------------


def database(tmp_path: Path, extra: dict[str, str]) -> Path:
    """The repository's database, with ``extra`` files."""
    folder = tmp_path / "claims"
    folder.mkdir()
    for path in (ROOT / "claims").glob("*.yaml"):
        (folder / path.name).write_bytes(path.read_bytes())
    for name, text in extra.items():
        write(folder, name, text)
    return folder


def validate(runner: CliRunner, folder: Path) -> tuple[int, list[str]]:
    result = runner.invoke(main, ["claims", "validate", str(folder)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines()


def cache_sizes(cache: Path) -> list[int]:
    return [p.stat().st_size for p in cache.glob("*")]


def test_alias_bomb_in_a_claims_file(runner: CliRunner, tmp_path: Path, private_cache: Path
                                     ) -> None:
    bomb = "# des rires, pas des batteries\n" + laughs()
    folder = database(tmp_path, {"zz-bomb.yaml": bomb})
    for _ in range(2):  # the second run (cache warm) says the same
        code, lines = validate(runner, folder)
        assert code == 2
        assert lines == [f"{folder / 'zz-bomb.yaml'}:3: invalid YAML: aliases are not "
                         "allowed (*a)"]
    largest = max(p.stat().st_size for p in folder.glob("*.yaml"))
    assert 0 < max(cache_sizes(private_cache)) <= store.CACHE_FACTOR * largest
    assert len(cache_sizes(private_cache)) == len(list(folder.glob("*.yaml"))) - 1


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+999"])
def test_non_finite_claim_value(runner: CliRunner, tmp_path: Path, value: str) -> None:
    claim = ("claims:\n"
             "  - id: verkor-jobs-nan\n"
             "    subject: verkor\n"
             "    metric: jobs\n"
             f"    value: {value}\n"
             "    unit: job\n"
             "    statement: Verkor annonce des emplois à Dunkerque.\n"
             "    sources: [{source: verkor-2024, where: paragraph 2}]\n"
             "    reviewed: 2026-11-23\n")
    folder = database(tmp_path, {"zz-nan.yaml": claim})
    code, lines = validate(runner, folder)
    assert code == 2
    assert lines == [f"{folder / 'zz-nan.yaml'}:5: invalid YAML: {value} is not a finite number"]
    loaded = store.load(folder)
    assert loaded.claims  # the other files still load
    assert all(c.path != str(folder / "zz-nan.yaml") for c in loaded.claims)


def test_huge_integer_and_deep_list_in_claims_files(runner: CliRunner, tmp_path: Path) -> None:
    folder = database(tmp_path, {
        "zz-digits.yaml": f"claims:\n  - id: acc-jobs\n    value: {DIGITS}\n",
        "zz-deep.yaml": "claims:\n  - id: acc-deep\n    note: " + "[" * 20000 + "]" * 20000,
    })
    code, lines = validate(runner, folder)
    assert code == 2
    assert lines[0] == f"{folder / 'zz-deep.yaml'}:3: invalid YAML: nested more than 50 levels deep"
    assert lines[1] == (f"{folder / 'zz-digits.yaml'}:3: invalid YAML: integer of 5000 digits "
                        "(at most 30)")
    assert len(lines) == 2


def test_a_claims_file_too_large_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.setattr(store, "MAX_FILE_SIZE", 4096)
    folder = database(tmp_path, {"zz-large.yaml": "sources:\n" + "".join(
        f"  - {{id: src-{i}, title: Source {i}, lang: fr}}\n" for i in range(200))})
    problems = [str(p) for p in store.load(folder).problems]
    assert len(problems) == 1
    assert problems[0].startswith(f"{folder / 'zz-large.yaml'}:1: invalid YAML: too large (")
    assert problems[0].endswith(" KB; at most 4 KB)")


def test_the_cache_never_holds_more_than_its_factor(tmp_path: Path, private_cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(write(tmp_path, "acc.yaml", "entities:\n  - {id: acc, name: ACC, kind: company}\n"))
    data = path.read_bytes()
    content = store.parse_file(path)
    [entry] = private_cache.glob("yaml-*.json")
    assert json.loads(entry.read_text("utf-8")) == content
    assert entry.stat().st_size <= store.CACHE_FACTOR * len(data)
    # an entry over the limit (as the loader that expanded aliases wrote) is not read
    entry.write_text(json.dumps({"entities": ["lol"] * 1000}), "utf-8")
    assert store.parse_file(path) == content
    assert entry.stat().st_size <= store.CACHE_FACTOR * len(data)
    # and what would be over the limit is not written
    entry.unlink()
    monkeypatch.setattr(store, "CACHE_FACTOR", 1)
    assert store.parse_file(path) == content
    assert not list(private_cache.glob("*"))


def test_the_cache_key_changed_with_the_loader(tmp_path: Path, private_cache: Path) -> None:
    """An entry keyed as before (by the bytes alone) is never read."""
    path = Path(write(tmp_path, "renault.yaml", "claims: []\n"))
    old = private_cache / f"yaml-{hashlib.sha256(path.read_bytes()).hexdigest()[:32]}.json"
    old.write_text('{"claims": ["lol", "lol"]}', "utf-8")
    assert store.parse_file(path) == {"claims": [], store.LINE: 1}


# -- configuration files ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "message"), [
    ("fail-on: warning\n" + laughs(), 3, "aliases are not allowed (*a)"),
    (f"fail-on: warning\ntolerance: {DIGITS}\n", 2, "integer of 5000 digits (at most 30)"),
    ("tolerance: .nan\n", 1, ".nan is not a finite number"),
    ("exclude: " + "[" * 20000 + "]" * 20000 + "\n", 1, "nested more than 50 levels deep"),
    ("exclude:\n" + "".join(f"  - brouillons/{i}/\n" for i in range(20000)), 1,
     "too large (419 KB; at most 256 KB)"),
])
def test_hostile_configuration(runner: CliRunner, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch,
                               text: str, line: int, message: str) -> None:
    write(tmp_path, ".battclaims.yaml", text)
    write(tmp_path, "article.md", FR)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", "article.md"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"battclaims: error: .battclaims.yaml:{line}: invalid YAML: {message}"]


def test_toml_and_json_front_matter_that_cannot_be_held() -> None:
    import battclaims
    from battclaims.errors import InputError

    body = "\nVerkor fournira 16 GWh par an dès 2025.\n"
    cases = [f"+++\ntitle = \"Verkor\"\nviews = {'9' * 5000}\n+++\n" + body,
             '{"a": ' + "[" * 20000 + "]" * 20000 + "}\n" + body,
             '{\n"views": ' + "9" * 5000 + "\n}\n" + body]
    for text in cases:
        try:
            document = battclaims.extract(text, path="a.md")
        except InputError as err:
            assert "front matter" in str(err)
        else:  # not taken for front matter: read as text
            assert document.published is None
