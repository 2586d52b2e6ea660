"""battclaims as a linter in CI: output formats for check and diff, concise output by
default off a terminal, quiet, output file, colour, suppression comments, the baseline,
exit codes and the internal-error boundary. Drafts are written for these tests."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from format_schemas import validate_gitlab, validate_junit, validate_rdjson, validate_sarif

from battclaims.cli import main
from battclaims.render import FORMATS, names

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
DRAFT = ROOT / "examples" / "drafts" / "brouillon-vallee.md"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

ARTICLE = """\
# Verkor accélère à Dunkerque

Verkor fournira 16 GWh par an au groupe Renault dès 2025.

Renault détient 20 % du capital de la start-up grenobloise.

Tesla produira 2 millions de voitures en Europe l'an prochain.
"""


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # no .battclaims.yaml around


def run(*args: str, columns: int = 150, **env: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns), **env})
    return result.exit_code, result.stdout, result.stderr


def check(*args: str, **kw: str) -> tuple[int, str, str]:
    return run("check", "--claims", str(CLAIMS), *args, **kw)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# --- the registry --------------------------------------------------------------------------


def test_every_format_serves_check_and_diff() -> None:
    expected = {"table", "concise", "json", "jsonl", "github", "gitlab", "sarif", "rdjson",
                "junit"}
    assert set(names("check")) == set(names("diff")) == expected == set(FORMATS)
    assert {"table", "concise", "json", "jsonl"} <= set(names("extract"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_runs_on_check_and_diff(fmt: str, tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", ARTICLE)
    changed = write(tmp_path, "v2.md", ARTICLE.replace("16 GWh", "14 GWh"))
    code, out, err = check("--format", fmt, str(draft))
    assert code == 1 and out.strip() and not err
    code, out, err = run("diff", "--format", fmt, str(draft), str(changed))
    assert code == 1 and out.strip() and not err
    if fmt in ("json", "sarif", "gitlab", "rdjson"):
        json.loads(out)
    if fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())


# --- the formats' own schemas ------------------------------------------------------------------

VALIDATORS = {"sarif": lambda out: validate_sarif(json.loads(out)),
              "gitlab": lambda out: validate_gitlab(json.loads(out)),
              "rdjson": lambda out: validate_rdjson(json.loads(out)),
              "junit": validate_junit}
CONFLICT = "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n"
AWKWARD = "mon brouillon #2 été.md"
"""A file name with a space, a "#" and an accent: SARIF URIs must percent-encode them."""


@pytest.mark.parametrize("fmt", sorted(VALIDATORS))
def test_formats_validate_against_their_schemas(fmt: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, f"drafts/{AWKWARD}", ARTICLE + "\nVerkor fournira 16 GWh par an au "
                                                   "groupe Renault dès 2025.\n")
    write(tmp_path, "drafts/clean.md", "Renault détient 20 % du capital de Verkor.\n")
    write(tmp_path, "drafts/v2.md", ARTICLE.replace("16 GWh", "14 GWh"))
    for args in (("--fail-on", "warning", "drafts", "missing.md"),
                 ("drafts", f"{tmp_path}/drafts/clean.md")):
        code, out, _ = check("--format", fmt, *args)
        VALIDATORS[fmt](out)
    code, out, _ = run("diff", "--format", fmt, f"drafts/{AWKWARD}", "drafts/v2.md")
    assert code == 1
    VALIDATORS[fmt](out)


def test_sarif_for_code_scanning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, f"drafts/{AWKWARD}", ARTICLE)
    _, out, _ = check("--format", "sarif", "drafts", str(DRAFT))
    run_ = json.loads(out)["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    driver = run_["tool"]["driver"]
    assert driver["informationUri"].startswith("https://") and driver["version"]
    for rule in driver["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["helpUri"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"]
                 for r in run_["results"]]
    assert {"uri": "drafts/mon%20brouillon%20%232%20%C3%A9t%C3%A9.md",
            "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": DRAFT.as_uri()} in locations  # outside the root: an absolute file URI
    kinds = {(r["ruleId"], r["kind"], r["level"]) for r in run_["results"]}
    assert ("conflict", "fail", "error") in kinds
    assert ("confirmed", "pass", "none") in kinds
    assert ("unverified", "informational", "none") in kinds
    assert ("vague", "informational", "none") in kinds


def test_sarif_fingerprints_follow_the_claim_not_the_line(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", ARTICLE)

    def fingerprints() -> dict[str, tuple[int, dict[str, str]]]:
        results = json.loads(check("--format", "sarif", str(draft))[1])["runs"][0]["results"]
        return {r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]:
                (r["locations"][0]["physicalLocation"]["region"]["startLine"],
                 r["partialFingerprints"]) for r in results}

    before = fingerprints()
    write(tmp_path, "draft.md", ARTICLE.replace("# Verkor accélère à Dunkerque\n",
                                                "# Verkor accélère à Dunkerque\n\nUn mot.\n"))
    after = fingerprints()
    assert before.keys() == after.keys()
    for text, (line, prints) in before.items():
        assert after[text] == (line + 2, prints)


# --- concise and table ------------------------------------------------------------------------


def test_concise_is_the_default_off_a_terminal() -> None:
    code, out, _ = check(str(DRAFT))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{DRAFT}:11:30: error conflict: “16 GWh par an”: conflicts with")
    assert lines[1].startswith(f"{DRAFT}:13:19: error time-conflict: “en 2022”")
    assert lines[2].startswith(f"{DRAFT}:18:42: warning duplicate: ")
    assert len(lines) == 4  # info findings are only counted
    assert lines[3] == ("1 document; 1 conflict, 1 time-conflict, 1 duplicate, 2 confirmed, "
                        "1 unverified, 1 vague; 2 at or above error")


def test_quiet_shows_only_what_fails() -> None:
    code, out, _ = check("-q", str(DRAFT))
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == [
        "error conflict", "error time-conflict"]
    code, out, _ = check("-q", "--fail-on", "warning", str(DRAFT))
    assert len(out.splitlines()) == 3


def _snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/NAME; BATTCLAIMS_UPDATE_SNAPSHOTS=1 rewrites them."""
    path = SNAPSHOTS / name
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    if os.environ.get("BATTCLAIMS_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), f"{name} changed (BATTCLAIMS_UPDATE_SNAPSHOTS=1)"


@pytest.mark.parametrize("columns", [80, 150])
@pytest.mark.parametrize("fmt", ["table", "concise"])
def test_check_snapshots(fmt: str, columns: int) -> None:
    _, out, _ = _in_root("check", "--claims", "claims", "--format", fmt,
                         "examples/drafts/brouillon-vallee.md", columns=columns)
    if fmt == "table":
        assert max(len(line) for line in out.splitlines()) <= columns
        for number in ("500,000", "16 gigawatt_hour", "12 gigawatt_hour", "2,000,000"):
            assert number in out  # never cropped
    _snapshot(f"check-{fmt}-{columns}.txt", out)


@pytest.mark.parametrize("columns", [80, 150])
@pytest.mark.parametrize("fmt", ["table", "concise"])
def test_diff_snapshots(fmt: str, columns: int) -> None:
    _, out, _ = _in_root("diff", "--format", fmt, "examples/drafts/brouillon-vallee.md",
                         "examples/drafts/battery-valley-update.md", columns=columns)
    if fmt == "table":
        assert max(len(line) for line in out.splitlines()) <= columns
    _snapshot(f"diff-{fmt}-{columns}.txt", out)


def _in_root(*args: str, columns: int) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        return run(*args, columns=columns)
    finally:
        os.chdir(old)


def test_table_at_80_columns_keeps_every_column() -> None:
    _, out, _ = check("--format", "table", str(DRAFT), columns=80)
    assert "16 gigawatt_hour / year" in out and "reference: 12 gigawatt_hour /" in out
    cells = [cell.strip() for line in out.splitlines() for cell in line.split("│")]
    # "…" only where the sentence around a claim is cut, never inside a value or an id
    assert all(not cell.endswith("…") or cell.startswith(("…", "rappelle")) or " " in cell
               for cell in cells if "…" in cell)
    assert not any("-…" in cell or "_…" in cell for cell in cells)


def test_colour_always_never_and_no_color() -> None:
    _, out, _ = check("--color", "always", str(DRAFT))
    assert "\033[1;31merror conflict\033[0m" in out
    _, out, _ = check("--color", "never", str(DRAFT))
    assert "\033[" not in out
    _, out, _ = check("--format", "table", "--color", "always", str(DRAFT))
    assert "\033[" in out
    _, out, _ = check("--format", "table", str(DRAFT), NO_COLOR="1")
    assert "\033[" not in out


def test_output_file_and_its_suffix(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, _ = check("-o", str(target), str(DRAFT))
    assert code == 1 and out == ""
    assert json.loads(target.read_text("utf-8"))["version"] == "2.1.0"
    code, _, err = check("-o", str(tmp_path / "missing" / "x.json"), str(DRAFT))
    assert code == 2 and err.count("\n") == 1 and "x.json" in err


def test_github_fail_on_info_prints_the_failing_notes() -> None:
    clean = ROOT / "examples" / "drafts" / "battery-valley-update.md"
    code, out, _ = check("--format", "github", "--fail-on", "info", str(clean))
    assert code == 1
    assert any(line.startswith("::notice ") and "confirmed" in line for line in out.splitlines())


# --- suppression -------------------------------------------------------------------------------


def test_comments_suppress_and_are_counted(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", """\
# Verkor accélère

<!-- battclaims-disable-next-line -->
Verkor fournira 16 GWh par an au groupe Renault dès 2025.

<!-- battclaims-disable time-conflict -->
Le Losange est entré au capital de Verkor en 2022.
Verkor fournira 16 GWh par an au groupe Renault dès 2025.
<!-- battclaims-enable -->

Renault est entré au capital de Verkor en 2022. <!-- battclaims-disable-line -->
""")
    code, out, _ = check("--format", "json", str(draft))
    document = json.loads(out)["documents"][0]
    # the block silences time-conflicts only: the repeat of line 4 is still shown
    assert [(c["line"], c["verdict"]) for c in document["claims"]] == [(8, "duplicate")]
    assert document["suppressed"] == 3
    assert json.loads(out)["summary"]["suppressed"] == {"comment": 3}
    assert code == 0
    code, out, _ = check(str(draft))
    assert "3 suppressed (3 by comment)" in out


def test_plain_text_comment_form(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.txt", "# battclaims-disable-next-line conflict\n"
                                         "Verkor fournira 16 GWh par an à Renault dès 2025.\n")
    assert check(str(draft))[0] == 0


def test_unknown_verdict_in_a_comment_is_an_input_error(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", "Intro.\n\n<!-- battclaims-disable-next-line conflit -->\n"
                                        "Verkor fournira 16 GWh par an dès 2025.\n")
    other = write(tmp_path, "other.md", "Verkor fournira 16 GWh par an à Renault dès 2025.\n")
    code, out, err = check("--format", "json", str(draft), str(other))
    assert code == 2
    assert err.strip() == (f"battclaims: error: {draft}:3: unknown verdict 'conflit' in a "
                           "battclaims comment (known: conflict, time-conflict, "
                           "possible-conflict, outdated, duplicate, confirmed, unverified, "
                           "vague, agree, related)")
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(other)]


# --- baseline ------------------------------------------------------------------------------


def test_baseline_survives_text_moving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "drafts/verkor.md", ARTICLE)
    code, _, err = check("--write-baseline", "baseline.json", "drafts")
    assert code == 0 and "wrote 1 finding to baseline.json" in err
    stored = json.loads((tmp_path / "baseline.json").read_text("utf-8"))
    assert [(f["path"], f["verdict"], f["text"]) for f in stored["findings"]] == [
        ("drafts/verkor.md", "conflict", "16 GWh par an")]
    # a paragraph inserted above: the accepted finding stays accepted
    write(tmp_path, "drafts/verkor.md", ARTICLE.replace(
        "Verkor fournira", "La gigafactory a été inaugurée hier.\n\nVerkor fournira"))
    code, out, _ = check("--baseline", "baseline.json", "drafts")
    assert code == 0 and "1 suppressed (1 by baseline)" in out
    # a new conflict is not in the baseline
    write(tmp_path, "drafts/verkor.md", ARTICLE + "\nPlus tard, Verkor fournira 18 GWh par an "
                                                  "au groupe Renault dès 2025.\n")
    code, out, _ = check("--baseline", "baseline.json", "drafts")
    assert code == 1 and out.count("error conflict") == 1 and "18 GWh" in out
    # from another folder, paths are still relative to the baseline's
    monkeypatch.chdir(tmp_path / "drafts")
    assert check("--baseline", "../baseline.json", "verkor.md")[1].count("error conflict") == 1


def test_bad_baseline_is_a_one_line_error(tmp_path: Path) -> None:
    bad = write(tmp_path, "baseline.json", "[1, 2]")
    code, _, err = check("--baseline", str(bad), str(DRAFT))
    assert code == 2 and err.count("\n") == 1 and "not a battclaims baseline" in err
    code, _, err = check("--baseline", str(tmp_path / "none.json"), str(DRAFT))
    assert code == 2 and "no such baseline file" in err


# --- exit codes and the boundary -------------------------------------------------------------


def test_an_internal_error_is_one_line_exit_2_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from battclaims import claims as claims_module

    real = claims_module.extract_claims

    def fragile(document, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "boom" in document.text:
            raise ZeroDivisionError("division by zero")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(claims_module, "extract_claims", fragile)
    bad = write(tmp_path, "a.md", "boom: Verkor fournira 16 GWh par an dès 2025.\n")
    good = write(tmp_path, "b.md", "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n")
    code, out, err = check("--format", "json", str(bad), str(good))
    assert code == 2
    assert err == (f"battclaims: error: {bad}: internal error (ZeroDivisionError: division by "
                   "zero); please report it with the file\n")
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(good)]


def test_json_is_strict_even_for_a_huge_number(tmp_path: Path) -> None:
    huge = write(tmp_path, "huge.md", f"Renault vendra 1{'0' * 400} voitures en 2025.\n")
    for fmt in ("json", "jsonl", "sarif"):
        code, out, _ = check("--format", fmt, str(huge))
        assert code in (0, 1) and "Infinity" not in out and "NaN" not in out
    code, out, _ = check("--format", "json", str(huge))
    (claim,) = json.loads(out)["documents"][0]["claims"]
    assert claim["value"] is None  # too large to hold: no value rather than an invalid one
    code, _, err = check("--format", "table", str(huge))
    assert code in (0, 1) and not err


def test_stdin_filename_names_the_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--claims", str(CLAIMS), "--stdin-filename", "drafts/verkor.md", "-"],
        input=ARTICLE)
    assert result.exit_code == 1
    assert result.stdout.startswith("drafts/verkor.md:3:17: error conflict")


# --- cases a review found ----------------------------------------------------------------------


def test_extract_output_file_with_a_suffix_it_has_no_format_for(tmp_path: Path) -> None:
    target = tmp_path / "claims.sarif"
    code, _, err = run("extract", "-o", str(target), str(DRAFT))
    assert code == 0 and not err
    assert target.read_text("utf-8").startswith(f"{DRAFT}:8:50: 500,000 vehicle / year")


def test_summary_gives_the_failing_level_of_the_files(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "desk/.battclaims.yaml", f"claims: {CLAIMS.as_posix()}\nfail-on: warning\n")
    write(tmp_path, "desk/a.md", "Tesla produira 2 millions de voitures en Europe en 2025.\n"
                                 "Tesla produira 2 millions de voitures en Europe en 2025.\n")
    write(tmp_path, "other/b.md", ARTICLE)
    code, out, _ = check("--format", "json", "desk")
    assert json.loads(out)["summary"]["fail_on"] == "warning" and code == 1
    code, out, _ = check("--format", "json", "desk", "other")
    assert json.loads(out)["summary"]["fail_on"] == "per-file"
    assert check("desk")[1].splitlines()[-1].endswith("1 at or above warning")


def test_config_option_ignores_the_configuration_around(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".battclaims.yaml", "fail_onn: warning\n")  # broken, and not the one asked
    chosen = write(tmp_path, "ci/settings.yaml", "fail-on: error\n")
    draft = write(tmp_path, "draft.md", ARTICLE)
    code, out, err = check("--config", str(chosen), str(draft))
    assert code == 1 and not err and "error conflict" in out
    assert check(str(draft))[0] == 2  # without --config, the broken file is found


def test_suppression_comments_in_code_or_across_lines(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", """\
# How to silence battclaims

```markdown
<!-- battclaims-disable -->
```

Writing `<!-- battclaims-disable-next-line -->` above a line silences it.
Verkor fournira 16 GWh par an au groupe Renault dès 2025.

<!--
  battclaims-disable-next-line conflict, duplicate
  (checked with the company on 3 May)
-->
Verkor fournira 16 GWh par an au groupe Renault dès 2025.
""")
    _, out, _ = check("--format", "json", str(draft))
    document = json.loads(out)["documents"][0]
    assert [(c["line"], c["verdict"]) for c in document["claims"]] == [(8, "conflict")]
    assert document["suppressed"] == 1


def test_enabling_one_verdict_keeps_the_others_silenced(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", """\
<!-- battclaims-disable -->
Tesla produira 2 millions de voitures en Europe en 2025.
<!-- battclaims-enable conflict -->
Verkor fournira 16 GWh par an au groupe Renault dès 2025.
Tesla produira 3 millions de voitures en Europe en 2026.
<!-- battclaims-enable -->
Tesla produira 4 millions de voitures en Europe en 2027.
""")
    _, out, _ = check("--format", "json", "--fail-on", "info", str(draft))
    document = json.loads(out)["documents"][0]
    assert [(c["line"], c["verdict"]) for c in document["claims"]] == [
        (4, "conflict"), (7, "unverified")]
    assert document["suppressed"] == 2


def test_gitlab_fingerprints_are_unique_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.md", ARTICLE)
    second = write(tmp_path, "b.md", ARTICLE)
    _, out, _ = check("--format", "gitlab", "--fail-on", "info", str(first), str(second))
    validate_gitlab(json.loads(out))  # which refuses a repeated fingerprint
    assert len(json.loads(out)) == 6  # three findings in each file


def test_junit_one_suite_per_file_and_no_control_characters(tmp_path: Path) -> None:
    old = write(tmp_path, "v1.md", ARTICLE + "\n" + ARTICLE.split("\n\n")[1] + "\n")
    new = write(tmp_path, "v2.md", "\f" + ARTICLE.replace("16 GWh", "14 GWh") + "\n"
                + ARTICLE.split("\n\n")[2] + "\n")
    code, out, _ = run("diff", "--format", "junit", "--fail-on", "warning", str(old), str(new))
    validate_junit(out)
    suites = re.findall(r'<testsuite name="([^"]+)"', out)
    assert len(suites) == len(set(suites)) == 2 and code == 1


def test_end_columns_point_into_the_html_source(tmp_path: Path) -> None:
    page = write(tmp_path, "page.html", "<html lang=fr><body><p>Verkor fournira "
                                        "16&nbsp;GWh <b>par</b> an dès 2025.</p></body></html>\n")
    _, out, _ = check("--format", "sarif", str(page))
    region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "region"]
    source = page.read_text("utf-8")
    start, end = region["startColumn"] - 1, region["endColumn"] - 1
    assert source[start:end] == "16&nbsp;GWh <b>par</b> an"


def test_a_bad_pattern_is_an_error_with_its_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".battclaims.yaml", "fail-on: error\nexclude:\n  - '[z-a].md'\n")
    write(tmp_path, "draft.md", ARTICLE)
    code, _, err = check("draft.md")
    assert code == 2 and err.startswith("battclaims: error: .battclaims.yaml:") and (
        "internal error" not in err)


def test_diff_summary_counts_every_side() -> None:
    _, out, _ = run("diff", "--format", "json", str(DRAFT),
                    str(ROOT / "examples" / "drafts" / "battery-valley-update.md"))
    counts = json.loads(out)["summary"]["counts"]
    assert counts == {"agree": 1, "only_a": 5, "only_b": 2, "duplicate": 1}


def test_a_misspelt_comment_is_an_input_error(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", "<!-- battclaims-disable-nextline -->\n" + CONFLICT)
    code, _, err = check(str(draft))
    assert code == 2 and err == (
        f"battclaims: error: {draft}:1: unknown battclaims comment "
        "'battclaims-disable-nextline' (known: battclaims-disable-next-line, "
        "battclaims-disable-line, battclaims-disable, battclaims-enable)\n")


def test_everything_suppressed_says_so(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", "<!-- battclaims-disable -->\n" + ARTICLE)
    code, out, _ = check(str(draft))
    assert code == 0 and out == "1 document; no findings left; 3 suppressed (3 by comment); " \
                                "0 at or above error\n"


@pytest.mark.parametrize("args", [
    ("extract", "--format", "table", str(DRAFT)),
    ("claims", "list", "--claims", str(CLAIMS), "--subject", "france"),
])
def test_every_table_fits_80_columns_without_cropping(args: tuple[str, ...]) -> None:
    code, out, _ = run(*args, columns=80)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    figures = ("500,000 vehicle / year from 2030", "2,000,000 vehicle in 2025") if (
        args[0] == "extract") else ("150,000,000 EUR", "800,000 vehicle by")
    for figure in figures:
        assert figure in out  # whole: never cropped to "2,000,0…"
