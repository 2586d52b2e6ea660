"""`battclaims check` and `battclaims diff` on drafts written for these tests, and
on the corpus articles against the shipped database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import battclaims
from battclaims.checking import Checker, Settings
from battclaims.cli import main
from battclaims.diffing import diff

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
CORPUS = ROOT.parent / "shared" / "corpus"
DRAFT = ROOT / "examples" / "drafts" / "brouillon-vallee.md"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # no .battclaims.yaml around


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def verdicts(path: Path, *options: str) -> list[tuple[str, str]]:
    _, out, _ = run("check", "--format", "json", "--claims", str(CLAIMS), *options, str(path))
    return [(c["verdict"], c["text"]) for d in json.loads(out)["documents"] for c in d["claims"]]


def test_example_draft_shows_each_verdict() -> None:
    assert verdicts(DRAFT) == [
        ("confirmed", "500 000 véhicules par an"),
        ("conflict", "16 GWh par an"),
        ("confirmed", "20 %"),
        ("time-conflict", "en 2022"),
        ("unverified", "2 millions de voitures"),
        ("vague", "milliers d'emplois"),
        ("duplicate", "500 000 véhicules par an"),
    ]


def test_outdated_points_at_the_current_claim() -> None:
    code, out, _ = run("check", "--format", "json", "--claims", str(ROOT / "examples" / "claims"),
                       str(ROOT / "examples" / "drafts" / "objectifs-2023.md"))
    (claim,) = json.loads(out)["documents"][0]["claims"]
    assert claim["verdict"] == "outdated" and claim["severity"] == "warning"
    assert claim["reference"]["id"] == "demo-france-ev-2027-old"
    assert claim["reference"]["current"]["id"] == "demo-france-ev-2027"
    assert "superseded" in claim["explanation"] and "800,000" in claim["explanation"]
    assert code == 0  # warnings do not fail by default
    assert run("check", "--fail-on", "warning", "--claims", str(ROOT / "examples" / "claims"),
               str(ROOT / "examples" / "drafts" / "objectifs-2023.md"))[0] == 1


def test_check_json_has_the_extract_fields_plus_verdicts() -> None:
    code, out, _ = run("check", "--format", "json", "--claims", str(CLAIMS), str(DRAFT))
    assert code == 1  # a conflict is an error
    data = json.loads(out)
    assert data["version"] == 1
    document = data["documents"][0]
    assert document["counts"]["conflict"] == 1
    conflict = document["claims"][1]
    for key in ("text", "line", "column", "start", "end", "value", "unit", "low", "high",
                "qualifier", "time", "subject", "metric", "verdict", "severity", "reference",
                "explanation"):
        assert key in conflict
    assert conflict["reference"]["id"] == "verkor-renault-supply-2025"
    assert conflict["reference"]["sources"][0]["source"] == "corpus-004-verkor-renault"
    assert "16" in conflict["explanation"] and "12" in conflict["explanation"]
    assert "from 2025" in conflict["explanation"]
    assert data["summary"]["failing"] == 2  # the conflict and the time-conflict


def test_exit_codes_and_fail_on() -> None:
    clean = ROOT / "examples" / "drafts" / "battery-valley-update.md"
    assert run("check", "--claims", str(CLAIMS), str(clean))[0] == 0
    assert run("check", "--claims", str(CLAIMS), str(DRAFT))[0] == 1
    assert run("check", "--claims", str(CLAIMS), "--fail-on", "none", str(DRAFT))[0] == 0
    assert run("check", "--claims", str(CLAIMS), "--fail-on", "info", str(clean))[0] == 1
    code, _, err = run("check", "--claims", str(CLAIMS), str(DRAFT), "missing.md")
    assert code == 2 and "missing.md: no such file" in err


def test_github_annotations() -> None:
    _, out, _ = run("check", "--format", "github", "--claims", str(CLAIMS), str(DRAFT))
    lines = out.strip().splitlines()
    assert any(line.startswith(f"::error file={DRAFT},line=11,col=30,endLine=11,endColumn=43,"
                               "title=battclaims conflict::") for line in lines)
    assert any(line.startswith("::warning ") and "duplicate" in line for line in lines)
    assert not any("confirmed" in line for line in lines if line.startswith("::"))  # info: no


def test_sarif() -> None:
    _, out, _ = run("check", "--format", "sarif", "--claims", str(CLAIMS), str(DRAFT))
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} >= {"conflict", "duplicate"}
    conflict = next(r for r in run_["results"] if r["ruleId"] == "conflict")
    assert conflict["level"] == "error"
    region = conflict["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (11, 30)


def test_table_report() -> None:
    _, out, _ = run("check", "--format", "table", "--claims", str(CLAIMS), str(DRAFT))
    assert "conflict" in out and "verkor-renault-supply-2025" in out
    summary = "1 conflict, 1 time-conflict, 1 duplicate, 2 confirmed, 1 unverified, 1 vague"
    assert summary in out.replace("\n", " ")


def test_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".battclaims.yaml").write_text(
        f"claims: {CLAIMS}\nfail_on: warning\nseverity: {{unverified: warning}}\n", "utf-8")
    clean = ROOT / "examples" / "drafts" / "battery-valley-update.md"
    assert run("check", str(clean))[0] == 0
    tesla = tmp_path / "tesla.md"
    tesla.write_text("Tesla produira 2 millions de voitures en Europe.\n", "utf-8")
    code, out, _ = run("check", "--format", "json", str(tesla))
    assert code == 1
    assert json.loads(out)["documents"][0]["claims"][0]["severity"] == "warning"
    (tmp_path / ".battclaims.yaml").write_text("fail_on: sometimes\n", "utf-8")
    code, _, err = run("check", str(tesla))
    assert code == 2 and "fail_on 'sometimes'" in err
    (tmp_path / ".battclaims.yaml").write_text("duplicate_similarity: 150\n", "utf-8")
    code, _, err = run("check", str(tesla))
    assert code == 2 and "duplicate_similarity 150" in err
    (tmp_path / ".battclaims.yaml").write_text("colour: red\n", "utf-8")
    assert "unknown setting 'colour'" in run("check", str(tesla))[2]


def test_tolerance() -> None:
    db = battclaims.load_claims(str(CLAIMS))
    text = "Verkor fournira 12,9 GWh par an au groupe Renault dès 2025."
    claim = battclaims.extract(text, lang="fr", database=db)
    strict = Checker(db).check(claim).findings[0]
    lenient = Checker(db, Settings(tolerance=0.1)).check(claim).findings[0]
    assert (strict.verdict, lenient.verdict) == ("conflict", "confirmed")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("0*.txt"))
                         if CORPUS.is_dir() else [])
def test_corpus_articles_have_no_false_conflict(name: str) -> None:
    found = verdicts(CORPUS / name)
    assert not [v for v in found if v[0] in ("conflict", "time-conflict")], found
    assert any(v[0] == "confirmed" for v in found) or name.startswith("002")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_corpus_repeated_paragraph_is_flagged() -> None:
    _, out, _ = run("check", "--format", "json", "--claims", str(CLAIMS),
                       str(CORPUS / "003_a9226e6ab3d17201.txt"))
    claims = json.loads(out)["documents"][0]["claims"]
    duplicates = [c for c in claims if c["verdict"] == "duplicate"]
    assert 6 in {c["line"] for c in duplicates}  # the repeated opening paragraph
    assert all("repeats line 1:" in c["explanation"] for c in duplicates)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_diff_between_corpus_articles_finds_shared_facts() -> None:
    code, out, _ = run("diff", "--format", "json", str(CORPUS / "000_1514d8504062cfd5.txt"),
                       str(CORPUS / "001_26c20332b1d9aabd.txt"))
    data = json.loads(out)
    (related,) = data["related"]
    assert (related["a"]["subject"], related["b"]["subject"]) == ("france", "france")
    assert "different targets (by 2027 vs by 2030)" in related["explanation"]
    assert data["pairs"] == [] and code == 0


def test_diff_two_versions_of_a_draft(tmp_path: Path) -> None:
    old = tmp_path / "v1.md"
    new = tmp_path / "v2.md"
    old.write_text("Verkor fournira 12 GWh par an au groupe Renault dès 2025.\n\n"
                   "Le projet créera 1 200 emplois. Le projet créera 1 200 emplois.\n", "utf-8")
    new.write_text("Verkor fournira 14 GWh par an au groupe Renault dès 2025.\n\n"
                   "Le projet créera 1 200 emplois.\n\nIl coûtera 2 milliards d'euros.\n", "utf-8")
    code, out, _ = run("diff", "--format", "json", str(old), str(new))
    assert code == 1
    data = json.loads(out)
    assert [(p["verdict"], p["a"]["text"], p["b"]["text"]) for p in data["pairs"]] == [
        ("conflict", "12 GWh par an", "14 GWh par an"),
        ("agree", "1 200 emplois", "1 200 emplois"),
    ]
    assert "changed" in data["pairs"][0]["explanation"]
    assert data["only_a"] == []  # the repeated claim is listed once, as a duplicate
    assert [c["text"] for c in data["only_b"]] == ["2 milliards d'euros"]
    assert [(d["side"], d["claim"]["text"]) for d in data["duplicates"]] == [
        ("a", "1 200 emplois")]
    assert {"a", "b", "pairs", "only_a", "only_b", "duplicates", "version"} <= set(data)
    code, table, _ = run("diff", "--format", "table", str(old), str(new))
    assert "Conflicting claims" in table and "14 GWh par an" in table


def test_diff_across_languages() -> None:
    fr = [battclaims.extract("ACC équipera 500 000 véhicules par an à partir de 2030.",
                             lang="fr", path="fr.md")]
    en = [battclaims.extract("ACC will equip 600,000 vehicles a year from 2030.",
                             lang="en", path="en.md")]
    report = diff("fr.md", fr, "en.md", en)
    (pair,) = report.pairs
    assert pair.verdict == "conflict" and report.return_code == 1


def test_an_outdated_event_names_its_current_reference() -> None:
    from types import SimpleNamespace

    from battclaims.checking import judge_event

    claim = battclaims.extract("Renault est entré au capital de Verkor en 2021.", lang="fr")
    event = next(c for c in claim.claims if c.kind == "event")
    old = SimpleNamespace(id="entry-old", subject=event.subject, metric=event.metric,
                          time=event.time, status="superseded", sources=())
    new = SimpleNamespace(id="entry-new", subject=event.subject, metric=event.metric,
                          time=event.time, status="current", sources=())
    judgement = judge_event(event, [old], {"entry-old": new})
    assert (judgement.verdict, judgement.current) == ("outdated", new)
    assert "current: entry-new" in judgement.explanation
