"""The claims database: loading, every validation error, discovery, the packaged
default, and `claims add` leaving existing files intact."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import battclaims
from battclaims.cli import main
from battclaims.consistency import contradictions
from battclaims.store import discover, load, packaged_root

REPO_CLAIMS = Path(__file__).resolve().parents[1] / "claims"

SOURCES = """sources:
  - id: s1
    title: A test source
    lang: fr
    published: 2024-08
"""

GOOD_CLAIM = """claims:
  - id: acc-jobs
    subject: acc
    metric: jobs
    value: 2000
    unit: job
    time: {relation: by, date: "2030"}
    statement: ACC will employ 2,000 people by 2030.
    sources:
      - {source: s1, where: paragraph 2}
    reviewed: 2026-11-23
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BATTCLAIMS_CLAIMS", raising=False)


def database(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "claims"
    root.mkdir()
    (root / "sources.yaml").write_text(SOURCES, "utf-8")
    for name, text in files.items():
        (root / f"{name}.yaml").write_text(text, "utf-8")
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in load(root).problems]


def test_shipped_database_is_valid_and_complete() -> None:
    db = load(REPO_CLAIMS)
    assert db.problems == []
    ids = {c.id for c in db.claims}
    assert len(db.sources) == 5
    assert {s.file for s in db.sources.values()} >= {"000_1514d8504062cfd5.txt",
                                                    "004_d7364e05e37abb28.txt"}
    assert {"france-ev-production-2027", "acc-vehicles-equipped-2030",
            "verkor-renault-supply-2025", "renault-verkor-stake"} <= ids
    assert db.entities["acc"].relations["joint_venture_of"] == [
        "stellantis", "totalenergies", "mercedes-benz"]
    assert all(c.sources for c in db.claims)


def test_good_database_loads(tmp_path: Path) -> None:
    root = database(tmp_path, acc=GOOD_CLAIM)
    db = load(root)
    assert db.problems == []
    (claim,) = db.claims
    assert (claim.value, claim.unit, claim.time.relation, claim.time.date) == (
        2000.0, "job", "by", "2030")
    assert (claim.path, claim.line) == (str(root / "acc.yaml"), 2)


BROKEN = {
    "yaml syntax": ("claims:\n  - id: x\n    subject: [acc\n", "acc.yaml:4: invalid YAML"),
    "object tag": ("claims:\n  - !!python/object:os.system {}\n", "acc.yaml:2: invalid YAML"),
    "missing field": (GOOD_CLAIM.replace("    reviewed: 2026-11-23\n", ""),
                      "acc.yaml:2: claim is missing 'reviewed'"),
    "unknown field": (GOOD_CLAIM.replace("    reviewed:", "    colour: red\n    reviewed:"),
                      "acc.yaml:2: unknown field 'colour' in claim 'acc-jobs'"),
    "unknown unit": (GOOD_CLAIM.replace("unit: job", "unit: bananas per fortnight"),
                     "acc.yaml:2: claim 'acc-jobs': unit 'bananas per fortnight' is not a unit"),
    "unit not fitting": (GOOD_CLAIM.replace("unit: job", "unit: EUR"),
                         "acc.yaml:2: claim 'acc-jobs': unit 'EUR' does not fit metric 'jobs'"),
    "unknown entity": (GOOD_CLAIM.replace("subject: acc", "subject: acme"),
                       "acc.yaml:2: claim 'acc-jobs': unknown subject 'acme'"),
    "unknown metric": (GOOD_CLAIM.replace("metric: jobs", "metric: happiness"),
                       "acc.yaml:2: claim 'acc-jobs': unknown metric 'happiness'"),
    "unknown source": (GOOD_CLAIM.replace("source: s1", "source: s9"),
                       "acc.yaml:10: claim 'acc-jobs': unknown source 's9'"),
    "duplicate id": (GOOD_CLAIM + GOOD_CLAIM.replace("claims:\n", ""),
                     "acc.yaml:12: duplicate claim id 'acc-jobs' (first at "),
    "bad date": (GOOD_CLAIM.replace("reviewed: 2026-11-23", "reviewed: 2026-13-45"),
                 "acc.yaml:2: claim 'acc-jobs': reviewed '2026-13-45' is not a date"),
    "bad time date": (GOOD_CLAIM.replace('date: "2030"', 'date: "soon"'),
                      "acc.yaml:2: claim 'acc-jobs': time date 'soon' is not a date"),
    "superseded without successor": (
        GOOD_CLAIM.replace("    reviewed:", "    status: superseded\n    reviewed:"),
        "acc.yaml:2: claim 'acc-jobs': a superseded claim needs superseded_by"),
    "successor unknown": (
        GOOD_CLAIM.replace("    reviewed:", "    status: superseded\n    superseded_by: nope\n"
                           "    reviewed:"),
        "acc.yaml:2: claim 'acc-jobs': superseded_by 'nope' is not a claim id"),
    "supersession cycle": (
        GOOD_CLAIM.replace("    reviewed:", "    status: superseded\n    superseded_by: b\n"
                           "    reviewed:")
        + GOOD_CLAIM.replace("claims:\n", "").replace("id: acc-jobs", "id: b").replace(
            "    reviewed:", "    status: superseded\n    superseded_by: acc-jobs\n    reviewed:"),
        "supersession cycle: acc-jobs -> b -> acc-jobs"),
    "duplicate key": (GOOD_CLAIM.replace("    value: 2000\n", "    value: 2000\n    value: 3\n"),
                      "acc.yaml:6: invalid YAML: duplicate key 'value'"),
    "not a number": (GOOD_CLAIM.replace("value: 2000", "value: lots"),
                     "acc.yaml:2: claim 'acc-jobs': value 'lots' must be a number, not text"),
    "bad status": (GOOD_CLAIM.replace("    reviewed:", "    status: maybe\n    reviewed:"),
                   "acc.yaml:2: claim 'acc-jobs': status 'maybe' must be one of"),
    "unknown section": ("facts:\n  - id: x\n", "acc.yaml:1: unknown section 'facts'"),
    "not utf-8": ("", "acc.yaml:1: not valid UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_every_validation_error(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    root = database(tmp_path)
    if case == "not utf-8":
        (root / "acc.yaml").write_bytes(b"claims:\n  - id: caf\xe9\n")
    else:
        (root / "acc.yaml").write_text(text, "utf-8")
    found = problems(root)
    assert any(p.startswith(str(root / expected.split(":", 1)[0])) and expected.split(":", 1)[1]
               in p.split(":", 1)[1] for p in found) or any(expected in p for p in found), found


def test_validate_command_reports_every_problem_and_exits_2(tmp_path: Path) -> None:
    root = database(tmp_path, acc=GOOD_CLAIM.replace("subject: acc", "subject: acme").replace(
        "unit: job", "unit: EUR"))
    (root / "broken.yaml").write_text("claims: [", "utf-8")
    result = CliRunner().invoke(main, ["claims", "validate", str(root)])
    assert result.exit_code == 2
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert all(line.startswith(str(root)) and ":" in line for line in lines)


def test_validate_clean_exits_0() -> None:
    result = CliRunner().invoke(main, ["claims", "validate", str(REPO_CLAIMS)])
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.stderr


def test_discovery_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nearest = database(tmp_path, acc=GOOD_CLAIM)
    work = tmp_path / "drafts" / "2024"
    work.mkdir(parents=True)
    assert discover(None, work) == (nearest, "nearest claims/ folder")
    configured = tmp_path / "elsewhere"
    configured.mkdir()
    (tmp_path / "drafts" / ".battclaims.yaml").write_text("claims: ../elsewhere\n", "utf-8")
    assert discover(None, work)[0] == configured.resolve()
    monkeypatch.setenv("BATTCLAIMS_CLAIMS", "/from/env")
    assert discover(None, work) == (Path("/from/env"), "$BATTCLAIMS_CLAIMS")
    assert discover("/explicit", work) == (Path("/explicit"), "--claims")


def test_packaged_default_when_nothing_else(tmp_path: Path) -> None:
    root, why = discover(None, tmp_path)
    assert why == "packaged default"
    assert root == packaged_root()
    assert root is not None and load(root).problems == []


def test_cache_is_used_and_follows_changes(tmp_path: Path) -> None:
    root = database(tmp_path, acc=GOOD_CLAIM)
    assert load(root).claims[0].value == 2000
    cache = Path(os.environ["BATTCLAIMS_CACHE"])
    assert any(cache.glob("yaml-*.json"))
    (root / "acc.yaml").write_text(GOOD_CLAIM.replace("2000", "2500"), "utf-8")
    assert load(root).claims[0].value == 2500


def test_database_entities_reach_extraction(tmp_path: Path) -> None:
    root = database(tmp_path, entities="""entities:
  - id: voltenor
    name: Voltenor
    kind: company
    aliases: {any: [Voltenor]}
""")
    db = battclaims.load_claims(str(root))
    text = "Voltenor emploiera 1 200 salariés."
    listed = battclaims.extract(text, lang="fr", database=db).claims[0]
    assert (listed.subject, listed.subject_kind) == ("voltenor", "company")
    # without the database the name is still recognised by its form, of unknown kind
    recognised = battclaims.extract(text, lang="fr").claims[0]
    assert (recognised.subject, recognised.subject_kind) == ("voltenor", "organisation")


def test_documents_of_one_database_share_its_metric_vocabulary() -> None:
    """Built once per database: which metrics fit a unit is worked out once for every
    document read, not again for each."""
    db = load(REPO_CLAIMS)
    metrics = db.metric_vocabulary()
    battclaims.extract("La gigafactory produira 16 GWh par an.", lang="fr", database=db)
    battclaims.extract("The plant will make 40 GWh a year.", lang="en", database=db)
    assert db.metric_vocabulary() is metrics
    assert "gigawatt_hour / year" in metrics._fitting
    assert {m.id for m in metrics.quantities} == {
        m.id for group in db.metrics.values() for m in group}


def test_claims_list_filters_and_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["claims", "list", "--claims", str(REPO_CLAIMS),
                                       "--subject", "verkor", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert {c["subject"] for c in data["claims"]} == {"verkor"}
    table = CliRunner().invoke(main, ["claims", "list", "--claims", str(REPO_CLAIMS),
                                      "--metric", "vehicle_production"], env={"COLUMNS": "200"})
    assert "france-ev-production-2027" in table.stdout and "acc-vehicles" not in table.stdout


ARTICLE = """---
published: 2025-02-10
lang: fr
---
Voltenor produira 40 GWh par an à partir de 2027. L'usine d'ACC emploiera 2 000 salariés d'ici 2030.
"""

EXISTING = """# yaml-language-server: $schema=../battclaims/data/claims.schema.json
# ACC: hand-written comment that must survive.
claims:
  # the first claim
  - id: acc-jobs
    subject: acc
    metric: jobs
    value: 2000
    unit: job
    time: {relation: by, date: "2030"}      # aligned comment
    statement: ACC will employ 2,000 people by 2030.
    sources: [{source: s1, where: paragraph 2}]
    reviewed: 2026-11-23
"""


def test_add_appends_and_keeps_existing_text(tmp_path: Path) -> None:
    root = database(tmp_path, acc=EXISTING, entities="""entities:
  - id: voltenor
    name: Voltenor
    kind: company
    aliases: {any: [Voltenor]}
""")
    article = tmp_path / "article.md"
    article.write_text(ARTICLE + "L'usine d'ACC produira 13 GWh de batteries par an à partir "
                       "de 2026.\n", "utf-8")
    before = (root / "acc.yaml").read_text("utf-8")
    result = CliRunner().invoke(main, ["claims", "add", str(article), "--source", "s1",
                                       "--claims", str(root), "--all", "--reviewed", "2026-11-24"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "duplicate of acc-jobs" in result.stdout
    assert "skipped 1 claim: 2 (duplicate of acc-jobs)" in result.stderr  # --all: not added
    after = (root / "acc.yaml").read_text("utf-8")
    assert after.startswith(before)  # nothing lost or reformatted
    assert "acc-cell-capacity-2026" in after[len(before):]
    assert "acc-jobs-2030" not in after
    voltenor = (root / "voltenor.yaml").read_text("utf-8")
    assert "value: 40" in voltenor and "gigawatt_hour / year" in voltenor
    assert "source: s1" in voltenor
    db = load(root)
    assert db.problems == []
    assert len(db.claims) == 3


def test_add_refuses_what_would_not_validate_and_writes_nothing(tmp_path: Path) -> None:
    root = database(tmp_path, acc=EXISTING)
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, "utf-8")
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    result = CliRunner().invoke(main, ["claims", "add", str(article), "--source", "nope",
                                       "--claims", str(root), "--all"])
    assert result.exit_code == 2
    assert "unknown source 'nope'" in result.stderr
    result = CliRunner().invoke(main, ["claims", "add", str(article), "--source", "s1",
                                       "--claims", str(root), "--select", "1"])
    assert result.exit_code == 2  # Voltenor is no entity here: the claim has no subject
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before


def test_add_is_atomic_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from battclaims import writer

    root = database(tmp_path, acc=EXISTING)
    planned = writer.plan(root, [{"id": "acc-x", "subject": "acc", "metric": "jobs",
                                  "value": 1, "unit": "job", "statement": "x",
                                  "sources": [{"source": "s1"}], "reviewed": "2026-11-23"}])
    before = {p.name: p.read_bytes() for p in root.iterdir()}

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        writer.write(planned)
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before  # no temp file left


def test_add_needs_a_choice_without_a_terminal(tmp_path: Path) -> None:
    root = database(tmp_path, acc=EXISTING)
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, "utf-8")
    result = CliRunner().invoke(main, ["claims", "add", str(article), "--source", "s1",
                                       "--claims", str(root)])
    assert result.exit_code == 2
    assert "--select" in result.stderr


def test_shipped_files_follow_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    from battclaims.store import _plain, parse_file, yaml_files

    schema = json.loads(resources.files("battclaims").joinpath("data/claims.schema.json")
                        .read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in yaml_files(REPO_CLAIMS):
        content = _plain(parse_file(path))
        errors = [e.message for e in validator.iter_errors(content)]
        assert not errors, (path.name, errors[:3])
    broken = {"claims": [{"id": "x", "subject": "acc"}]}
    assert list(validator.iter_errors(broken))


# --- contradictions between the database's own claims --------------------------------------

def claim_text(ident: str, value: float, date: str | None = None, relation: str = "from",
               unit: str = "gigawatt_hour / year", metric: str = "cell_capacity",
               subject: str = "acc", extra: str = "",
               statement: str = "ACC's plant will make cells.") -> str:
    time = f'    time: {{relation: {relation}, date: "{date}"}}\n' if date else ""
    return (f"  - id: {ident}\n    subject: {subject}\n    metric: {metric}\n"
            f"    value: {value}\n    unit: {unit}\n{time}    statement: {statement}\n"
            f"    sources: [{{source: s1}}]\n{extra}    reviewed: 2026-11-23\n")


def test_validate_reports_claims_that_contradict_each_other(tmp_path: Path) -> None:
    root = database(tmp_path, acc="claims:\n" + "".join([
        claim_text("acc-capacity-2030", 40, "2030"),
        claim_text("acc-capacity-2030-b", 48, "2030"),       # other value, same time
        claim_text("acc-jobs-2027", 2000, "2027", unit="job", metric="jobs",
                   statement="ACC will create 2,000 jobs."),
        claim_text("acc-jobs-2029", 2000, "2029", unit="job", metric="jobs",
                   statement="ACC will create 2,000 jobs."),  # same value, another date
    ]))
    result = CliRunner().invoke(main, ["claims", "validate", str(root)])
    assert result.exit_code == 2
    path = root / "acc.yaml"
    first, second = result.stdout.splitlines()
    assert first.startswith(f"{path}:11: claim 'acc-capacity-2030-b' contradicts "
                            f"'acc-capacity-2030' ({path}:2): other values: same subject")
    assert "48 vs 40 gigawatt_hour / year, both from 2030" in first
    assert second.startswith(f"{path}:29: claim 'acc-jobs-2029' contradicts 'acc-jobs-2027' "
                             f"({path}:20): the same value, another date: ")
    assert "from 2029 vs from 2027" in second
    assert result.stderr.strip().endswith("4 claims, 1 source, 2 problems (2 contradictions)")


def test_what_is_not_a_contradiction(tmp_path: Path) -> None:
    superseded = "    status: superseded\n    superseded_by: acc-capacity-2030\n"
    root = database(tmp_path, acc="claims:\n" + "".join([
        claim_text("acc-capacity-2030", 40, "2030"),
        claim_text("acc-capacity-2030-old", 32, "2030", extra=superseded),  # replaced
        claim_text("acc-capacity-2030-disputed", 30, "2030", extra="    status: disputed\n"),
        claim_text("acc-capacity-2030-again", 40, "2030"),   # the same fact twice: agrees
        claim_text("acc-jobs-2027", 2000, "2027", relation="by", unit="job", metric="jobs"),
        claim_text("acc-jobs-2030", 3000, "2030", relation="by", unit="job", metric="jobs"),
        claim_text("acc-jobs-2035", 4000, "2035", relation="by", unit="job", metric="jobs"),
        claim_text("stellantis-capacity-2030", 60, "2030", subject="stellantis"),
        claim_text("acc-capacity-later", 55, None, extra='    time: {relation: by, relative: '
                   'P5Y}\n'),                                 # cannot be dated
    ]) + """  - id: acc-opening-billy
    kind: event
    subject: acc
    metric: plant_opening
    facility: Billy-Berclau
    time: {relation: in, date: "2023"}
    statement: ACC opened its Billy-Berclau plant in 2023.
    sources: [{source: s1}]
    reviewed: 2026-11-23
  - id: acc-opening-kaiserslautern
    kind: event
    subject: acc
    metric: plant_opening
    facility: Kaiserslautern
    time: {relation: in, date: "2025"}
    statement: ACC opens its Kaiserslautern plant in 2025.
    sources: [{source: s1}]
    reviewed: 2026-11-23
""")
    db = load(root)
    assert db.problems == []
    assert contradictions(db) == []
    moved = (root / "acc.yaml").read_text("utf-8").replace("    facility: Kaiserslautern\n", "")
    (root / "acc.yaml").write_text(moved, "utf-8")  # one plant's opening, two dates
    (found,) = contradictions(load(root))
    assert (found.claim.id, found.other.id, found.verdict) == (
        "acc-opening-kaiserslautern", "acc-opening-billy", "time-conflict")
    assert found.explanation == "another date: in 2025 vs in 2023"


def test_shipped_database_has_no_contradiction() -> None:
    assert contradictions(load(REPO_CLAIMS)) == []


def test_blocking_finds_what_weighing_every_pair_finds(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from battclaims import consistency

    draw = random.Random(7)
    items = []
    for n in range(70):
        qualifier = draw.choice(["", "", "    qualifier: approx\n", "    qualifier: lower\n"])
        date = draw.choice(["2025", "2026", "2026-06", "2030", None])
        items.append(claim_text(
            f"c{n}", draw.choice([10, 12, 12.5, 16, 40, 41, 48, 400]), date,
            relation=draw.choice(["from", "in", "by", "since"]),
            unit=draw.choice(["gigawatt_hour / year", "gigawatt_hour", "megawatt_hour / year"]),
            subject=draw.choice(["acc", "verkor"]), extra=qualifier,
            statement=draw.choice(["The plant will make cells.", "Its capacity will grow.",
                                   "It will produce batteries."])))
    db = load(database(tmp_path, acc="claims:\n" + "".join(items)))
    assert db.problems == []
    blocked = contradictions(db)
    monkeypatch.setattr(consistency, "_comparable", lambda block, _tolerance: {
        (i, j) for j in range(len(block)) for i in range(j)})
    assert blocked == contradictions(db)
    assert len(blocked) > 10


def test_contradictions_weigh_few_pairs_in_a_large_database(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from battclaims.matching import Matcher

    # 3 000 claims, 600 a subject and metric: a trajectory of yearly figures, each fact
    # recorded from two sources
    items = [claim_text(f"c{n}-{copy}", 1000 + n, str(1500 + n // 5), relation="in",
                        subject=["acc", "verkor", "renault", "stellantis", "france"][n % 5])
             for n in range(1500) for copy in (1, 2)]
    db = load(database(tmp_path, acc="claims:\n" + "".join(items)))
    assert db.problems == [] and len(db.claims) == 3000
    weighed = []
    real = Matcher.weigh
    monkeypatch.setattr(Matcher, "weigh", lambda self, a, b: weighed.append(1) or real(self, a, b))
    assert contradictions(db) == []
    assert len(weighed) == 0  # agreeing copies and other years are never weighed
    assert contradictions(db, among={"c7-1"}) == []


# --- packaging --------------------------------------------------------------------------------

def test_a_rebuild_never_ships_a_file_deleted_from_claims(tmp_path: Path) -> None:
    import importlib.util

    from setuptools.dist import Distribution

    spec = importlib.util.spec_from_file_location(
        "battclaims_setup", Path(__file__).resolve().parents[1] / "setup.py")
    assert spec is not None and spec.loader is not None
    setup_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup_py)  # defines the command; runs no setup()

    source = database(tmp_path, acc=GOOD_CLAIM, verkor=GOOD_CLAIM.replace("acc", "verkor"))
    (source / ".acc.yaml.tmp123").write_text("half-written", "utf-8")  # an editor's leftover
    build_lib = tmp_path / "build" / "lib"

    def build() -> set[str]:
        command = setup_py.BuildWithClaims(Distribution({"name": "battclaims", "packages": []}))
        command.claims_source = source
        command.build_lib = str(build_lib)
        command.ensure_finalized()
        command.run()
        shipped = build_lib / "battclaims" / "data" / "claims"
        return {str(p.relative_to(shipped)) for p in shipped.rglob("*")}

    assert build() == {"sources.yaml", "acc.yaml", "verkor.yaml"}
    (source / "verkor.yaml").unlink()
    (source / "more").mkdir()
    (source / "more" / "renault.yaml").write_text("claims: []\n", "utf-8")
    assert build() == {"sources.yaml", "acc.yaml", "more", "more/renault.yaml"}
    assert load(build_lib / "battclaims" / "data" / "claims").problems == []


@pytest.mark.parametrize("field, written, said", [
    ("subject", "[acc]", "subject ['acc'] must be text, not a list"),
    ("metric", "{a: 1}", "metric {'a': 1} must be text, not a mapping"),
    ("statement", "{a: 1}", "statement {'a': 1} must be text, not a mapping"),
    ("reviewed", "[2026]", "reviewed [2026] must be text, not a list"),
    ("value", "true", "value True must be a number, not true or false"),
    ("sources", "s1", "sources 's1' must be a list, not text"),
])
def test_wrong_types_are_problems_that_validate_and_check_agree_on(
        tmp_path: Path, field: str, written: str, said: str) -> None:
    text = claim_text("acc-capacity-2030", 40, "2030")
    text = re.sub(rf"(?m)^    {field}: .*$", f"    {field}: {written}", text, count=1)
    root = database(tmp_path, acc="claims:\n" + text)
    draft = tmp_path / "draft.md"
    draft.write_text("ACC produira 40 GWh par an dès 2030.\n", "utf-8")
    validate = CliRunner().invoke(main, ["claims", "validate", str(root)])
    check = CliRunner().invoke(main, ["check", "--claims", str(root), str(draft)])
    assert validate.exit_code == check.exit_code == 2
    expected = f"{root / 'acc.yaml'}:2: claim 'acc-capacity-2030': {said}"
    assert expected in validate.stdout
    assert expected in check.stderr and "internal error" not in check.stderr


def test_problems_read_the_same_from_a_cold_and_a_warm_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = claim_text("acc-capacity-2030", 40, "2030").replace(
        "    subject: acc\n", "    subject: acc\n    1: one\n    2030-01-01: a date\n")
    root = database(tmp_path, acc="claims:\n" + text)
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path / "cache"))
    cold = problems(root)
    warm = problems(root)
    assert cold == warm and any("unknown field '1'" in p for p in cold)


def test_an_unreadable_claims_file_is_a_problem(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from battclaims import store

    root = database(tmp_path, acc="claims:\n" + claim_text("acc-capacity-2030", 40, "2030"))
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "acc.yaml":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setenv("BATTCLAIMS_CACHE", "off")
    assert f"{root / 'acc.yaml'}: cannot be read: Permission denied" in [
        str(p) for p in store.load(root).problems]
