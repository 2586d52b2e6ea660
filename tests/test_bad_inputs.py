"""The catalogue of bad input that a newsroom's CI meets (issue 11), in one place: for
each case the exit code, one line on standard error naming the file (and line), and the
other files of the run still processed. The deeper tests of each are in
tests/test_hostile_{yaml,numbers,inputs}.py, tests/test_store.py and tests/test_lint.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from battclaims.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
GOOD = "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n"
BOMB = "".join(f'{n}: &{n} [{", ".join([f"*{chr(ord(n) - 1)}"] * 9)}]\n'
               for n in "bcdefghi")  # each level nine times the one before


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))


def front(body: str) -> str:
    return f"---\ntitle: Verkor\n{body}---\n\n{GOOD}"


# case -> (files to write, the paths to check, what the one line on standard error says,
# or None when the input is read without an error). "good.md", checked after them, holds
# a conflict: exit code 2 with an error, else 1.
Case = tuple[dict[str, str | bytes], list[str], str | None]
CASES: dict[str, Case] = {
    "alias bomb in front matter": (
        {"bad.md": front("a: &a [x, x, x, x, x, x, x, x, x]\n" + BOMB)},
        ["bad.md"], "bad.md:4: front matter: aliases are not allowed (*a)"),
    "20 000-deep list in front matter": (
        {"bad.md": front("deep: " + "[" * 20000 + "]" * 20000 + "\n")},
        ["bad.md"], "bad.md:3: front matter: nested more than 50 levels deep"),
    "5 000-digit publication date": (
        {"bad.md": front("published: " + "9" * 5000 + "\n")},
        ["bad.md"], "bad.md:3: front matter 'published' is not a date"),
    "5 000-digit unused key": (
        {"bad.md": front("views: " + "9" * 5000 + "\n")}, ["bad.md"], None),
    "400-digit figure": (
        {"bad.md": f"Renault vendra 1{'0' * 400} voitures et Verkor 16 GWh par an dès 2025.\n"},
        ["bad.md"], None),
    "digits that group wrongly": (
        {"bad.md": "Il y a 1 234,5 678 voitures.\n"}, ["bad.md"], None),
    "NUL byte after 8 KB": (
        {"bad.md": ("Un texte. " * 1000).encode() + b"\x00" + GOOD.encode()},
        ["bad.md"], "bad.md: binary file"),
    "UTF-16 with its byte-order mark": (
        {"bad.md": "\ufeff".encode("utf-16-le") + GOOD.encode("utf-16-le")},
        ["bad.md"], None),
    "a folder with no document": (
        {"empty/notes.json": "{}"}, ["empty"],
        "empty: a folder with no .txt, .md, .markdown, .html or .htm file in it"),
    "bad severity in the settings": (
        {"bad.md": GOOD, ".battclaims.yaml": "severity: [a]\n"}, ["bad.md"],
        ".battclaims.yaml:1: "),
    "alias bomb in the settings": (
        {"bad.md": GOOD, ".battclaims.yaml": "a: &a [x, x]\nb: [*a, *a]\n"},
        ["bad.md"], ".battclaims.yaml:2: "),
    "a misspelt suppression comment": (
        {"bad.md": "<!-- battclaims-disable-nextline -->\n" + GOOD}, ["bad.md"],
        "bad.md:1: unknown battclaims comment"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_input_is_one_line_and_the_run_goes_on(case: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    files, args, said = CASES[case]
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    (tmp_path / "good.md").write_text(GOOD, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--claims", str(CLAIMS),
                                       *args, "good.md"], env={"COLUMNS": "150"})
    errors = result.stderr.splitlines()
    settings_broken = ".battclaims.yaml" in files
    assert result.exit_code == (2 if said else 1), result.stderr
    if said is None:
        assert errors == []
    else:
        assert len(errors) == 1 and said in errors[0] and "internal error" not in errors[0]
    if not settings_broken:  # the other file is still checked (settings stop the run)
        documents = json.loads(result.stdout)["documents"]
        assert "good.md" in [d["path"] for d in documents]
        for document in documents:
            for claim in document["claims"]:
                low, value, high = claim["low"], claim["value"], claim["high"]
                assert None in (low, value, high) or low <= value <= high


@pytest.mark.parametrize("case, claims_yaml, said", [
    ("alias bomb", "claims:\n  - &a {id: x}\n  - *a\n", "acc.yaml:3: invalid YAML: aliases"),
    ("not a number", None, "acc.yaml:7: invalid YAML: .nan is not a finite number"),
    ("wrong type", None, "subject ['acc'] must be text, not a list"),
])
def test_a_bad_claims_file_is_reported_by_validate_and_check_alike(
        case: str, claims_yaml: str | None, said: str, tmp_path: Path) -> None:
    root = tmp_path / "claims"
    shutil.copytree(CLAIMS, root)
    acc = root / "acc.yaml"
    text = acc.read_text("utf-8")
    if claims_yaml is not None:
        text = claims_yaml
    elif case == "not a number":
        text = text.replace("    value: ", "    value: .nan\n    x_value: ", 1)
    else:
        text = text.replace("    subject: acc\n", "    subject: [acc]\n", 1)
    acc.write_text(text, "utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(GOOD, "utf-8")
    validate = CliRunner().invoke(main, ["claims", "validate", str(root)])
    check = CliRunner().invoke(main, ["check", "--claims", str(root), str(draft)])
    assert validate.exit_code == check.exit_code == 2
    assert said in validate.stdout
    assert "internal error" not in check.stderr and check.stderr.strip()
