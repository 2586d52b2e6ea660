"""`claims add` keeps the database trustworthy: duplicates are skipped or refused,
conflicts (with the database, or between two claims of the document) need --force or
a confirmation, a re-run adds nothing, and the candidates' table fits 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from battclaims import adding, cli
from battclaims.cli import main
from battclaims.store import load


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BATTCLAIMS_CLAIMS", raising=False)


SOURCES = """sources:
  - {id: s1, title: Une dépêche, lang: fr, published: 2025-02}
  - {id: s2, title: A trade paper, lang: en, published: 2025-03}
"""

ENTITIES = """entities:
  - id: voltenor
    name: Voltenor
    kind: company
    aliases: {any: [Voltenor]}
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
    sources: [{source: s2, where: paragraph 1}]
    reviewed: 2026-11-20
  - id: voltenor-jobs-2028
    subject: voltenor
    metric: jobs
    value: 1200
    unit: job
    time: {relation: by, date: "2028"}
    statement: Voltenor will employ 1,200 people by 2028.
    sources: [{source: s2, where: paragraph 2}]
    reviewed: 2026-11-20
"""

HEAD = "---\npublished: 2025-02-10\nlang: fr\n---\n"
SAME = "Voltenor produira 40 GWh de cellules par an à partir de 2027 dans son usine du Nord.\n"
NEW_JOBS = "Voltenor emploiera 1 500 salariés d'ici 2030.\n"
OTHER_VALUE = "Voltenor produira 48 GWh de cellules par an à partir de 2027, selon un syndicat.\n"
OTHER_DATE = "Voltenor produira 40 GWh de cellules par an à partir de 2029, affirme la presse.\n"
MONEY = "Voltenor investira 1,5 milliard d'euros en 2025.\n"
MONEY_AGAIN = "L'entreprise investira 1,5 milliard d'euros en 2025 au total, a dit son patron.\n"
OTHER_MONEY = "Voltenor investira 1,9 milliard d'euros en 2025, selon les syndicats.\n"


def database(tmp_path: Path, voltenor: str = VOLTENOR) -> Path:
    root = tmp_path / "claims"
    root.mkdir()
    (root / "sources.yaml").write_text(SOURCES, "utf-8")
    (root / "entities.yaml").write_text(ENTITIES, "utf-8")
    (root / "voltenor.yaml").write_text(voltenor, "utf-8")
    return root


def article(tmp_path: Path, *sentences: str) -> Path:
    path = tmp_path / "article.md"
    path.write_text(HEAD + "".join(sentences), "utf-8")
    return path


def add(root: Path, path: Path, *options: str, columns: int = 200, stdin: str | None = None
        ) -> Result:
    return CliRunner().invoke(main, ["claims", "add", str(path), "--source", "s1", "--claims",
                                     str(root), "--reviewed", "2026-11-24", *options],
                              env={"COLUMNS": str(columns)}, input=stdin)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_relations_of_the_candidates(tmp_path: Path) -> None:
    root = database(tmp_path)
    path = article(tmp_path, SAME, NEW_JOBS, OTHER_VALUE, OTHER_DATE, MONEY, MONEY_AGAIN)
    offered = adding.candidates(load(root), str(path), "s1", "2026-11-24")
    assert [(c.number, c.status, c.reference, c.repeats) for c in offered] == [
        (1, "duplicate", "voltenor-capacity-2027", None),
        (2, "new", None, None),  # "by 2030" and "by 2028": two targets, not a conflict
        (3, "conflict", "voltenor-capacity-2027", None),
        (4, "time-conflict", "voltenor-capacity-2027", None),
        (5, "new", None, None),
        (6, "new", None, 5),
    ]
    assert offered[2].relation == ("conflict with voltenor-capacity-2027: 48 (47.5–48.5) vs 40 "
                                   "gigawatt_hour / year, both from 2027")
    assert offered[3].relation.startswith("time-conflict with voltenor-capacity-2027: from 2029 "
                                          "vs from 2027")
    assert offered[5].relation == "repeats claim 5"


def test_all_adds_the_new_claims_and_skips_the_duplicates(tmp_path: Path) -> None:
    root = database(tmp_path)
    before = (root / "voltenor.yaml").read_text("utf-8")
    result = add(root, article(tmp_path, SAME, NEW_JOBS, MONEY, MONEY_AGAIN), "--all")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "skipped 2 claims: 1 (duplicate of voltenor-capacity-2027), 4 (repeats claim 3)")
    after = (root / "voltenor.yaml").read_text("utf-8")
    assert after.startswith(before)
    db = load(root)
    assert db.problems == []
    assert sorted(c.id for c in db.claims) == ["voltenor-capacity-2027", "voltenor-investment-2025",
                                               "voltenor-jobs-2028", "voltenor-jobs-2030"]


def test_conflicts_are_refused_without_force_and_nothing_is_written(tmp_path: Path) -> None:
    root = database(tmp_path)
    before = snapshot(root)
    result = add(root, article(tmp_path, NEW_JOBS, OTHER_VALUE, OTHER_DATE), "--all")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line == (
        "battclaims: error: not adding claims 2, 3 without --force (nothing written): "
        "claim 2: conflict with voltenor-capacity-2027: 48 (47.5–48.5) vs 40 gigawatt_hour / "
        "year, both from 2027; claim 3: time-conflict with voltenor-capacity-2027: from 2029 vs "
        "from 2027, 40 (38–42) vs 40 gigawatt_hour / year")
    assert snapshot(root) == before
    dry = add(root, article(tmp_path, NEW_JOBS, OTHER_VALUE), "--all", "--dry-run")
    assert dry.exit_code == 2 and "claim 2: conflict with" in dry.stderr  # as the real run


def test_force_adds_a_conflict_and_validate_then_reports_it(tmp_path: Path) -> None:
    root = database(tmp_path)
    result = add(root, article(tmp_path, NEW_JOBS, OTHER_VALUE), "--all", "--force")
    assert result.exit_code == 0, result.output
    assert "added 2 claims to" in result.stderr
    validated = CliRunner().invoke(main, ["claims", "validate", str(root)])
    assert validated.exit_code == 2
    path = root / "voltenor.yaml"
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1)
                if "id: voltenor-cell-capacity-2027" in text)
    (reported,) = validated.stdout.splitlines()
    assert reported.startswith(
        f"{path}:{line}: claim 'voltenor-cell-capacity-2027' contradicts "
        f"'voltenor-capacity-2027' ({path}:3): other values: same subject (Voltenor), same metric "
        "(cell_capacity), ")
    assert "48 vs 40 gigawatt_hour / year, both from 2027 (confidence" in reported
    assert "1 problem (1 contradiction)" in validated.stderr


def test_a_duplicate_picked_by_number_needs_force(tmp_path: Path) -> None:
    root = database(tmp_path)
    path = article(tmp_path, SAME, NEW_JOBS)
    before = snapshot(root)
    refused = add(root, path, "--select", "1,2")
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (
        "battclaims: error: not adding claim 1 without --force (nothing written): claim 1: "
        "duplicate of voltenor-capacity-2027")
    assert snapshot(root) == before
    forced = add(root, path, "--select", "1", "--force")
    assert forced.exit_code == 0, forced.output
    assert "voltenor-cell-capacity-2027" in {c.id for c in load(root).claims}


def test_a_claim_superseded_in_the_database_is_a_duplicate(tmp_path: Path) -> None:
    superseded = VOLTENOR.replace(
        "    reviewed: 2026-11-20\n  - id: voltenor-jobs-2028",
        "    status: superseded\n    superseded_by: voltenor-capacity-2027-revised\n"
        "    reviewed: 2026-11-20\n  - id: voltenor-jobs-2028", 1) + """\
  - id: voltenor-capacity-2027-revised
    subject: voltenor
    metric: cell_capacity
    value: 32
    unit: gigawatt_hour / year
    time: {relation: from, date: "2027"}
    statement: Voltenor cut its plant's 2027 target to 32 GWh of cells a year.
    sources: [{source: s2, where: paragraph 5}]
    reviewed: 2026-11-21
"""
    root = database(tmp_path, superseded)
    assert load(root).problems == []
    path = article(tmp_path, SAME, NEW_JOBS)
    (first, _) = adding.candidates(load(root), str(path), "s1")
    assert (first.status, first.relation) == (
        "duplicate", "duplicate of voltenor-capacity-2027 (superseded by "
                     "voltenor-capacity-2027-revised)")
    result = add(root, path, "--all")
    assert result.exit_code == 0, result.output
    assert "skipped 1 claim: 1 (duplicate of voltenor-capacity-2027" in result.stderr


def test_a_rerun_adds_nothing(tmp_path: Path) -> None:
    root = database(tmp_path)
    path = article(tmp_path, NEW_JOBS, MONEY)
    assert add(root, path, "--all").exit_code == 0
    once = snapshot(root)
    again = add(root, path, "--all")
    assert again.exit_code == 0, again.output
    assert again.stderr.splitlines() == [
        "skipped 2 claims: 1 (already recorded as voltenor-jobs-2030 from this source), "
        "2 (already recorded as voltenor-investment-2025 from this source)", "nothing added"]
    picked = add(root, path, "--select", "2", "--force")  # not even when insisting
    assert picked.exit_code == 0 and "nothing added" in picked.stderr
    assert snapshot(root) == once


def test_the_same_source_sentence_is_a_duplicate_even_when_the_matcher_differs(
        tmp_path: Path) -> None:
    # an editor filed the sentence's figure under the plant's operating company: the
    # matcher sees two subjects, the source says it once
    recorded = VOLTENOR + """\
  - id: cellunord-jobs-2030
    subject: cellunord
    metric: jobs
    value: 1500
    unit: job
    time: {relation: by, date: "2030"}
    statement: Voltenor emploiera 1 500 salariés d'ici 2030.
    sources: [{source: s1, where: line 5}]
    reviewed: 2026-11-22
    note: Cellunord, Voltenor's joint company, is the employer.
"""
    root = database(tmp_path, recorded)
    with (root / "entities.yaml").open("a", encoding="utf-8") as entities:
        entities.write("  - {id: cellunord, name: Cellunord, kind: company, "
                       "aliases: {any: [Cellunord]}}\n")
    db = load(root)
    assert db.problems == []
    path = article(tmp_path, NEW_JOBS)
    (candidate,) = adding.candidates(db, str(path), "s1")
    assert candidate.claim.subject == "voltenor"
    assert (candidate.status, candidate.reference) == ("recorded", "cellunord-jobs-2030")
    from battclaims.checking import Checker

    assert Checker(db).finding(candidate.claim, None).verdict == "unverified"
    # from another source, the same sentence is a claim of its own
    (elsewhere,) = adding.candidates(db, str(path), "s2")
    assert elsewhere.status == "new"


def test_two_claims_of_the_document_that_contradict_each_other(tmp_path: Path) -> None:
    root = database(tmp_path)
    before = snapshot(root)
    result = add(root, article(tmp_path, MONEY, OTHER_MONEY), "--all")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "battclaims: error: not adding claim 2 without --force (nothing written): claim 2: "
        "conflict with claim 1: 1,900,000,000 vs 1,500,000,000 EUR, both in 2025")
    assert snapshot(root) == before
    alone = add(root, article(tmp_path, MONEY, OTHER_MONEY), "--select", "2")
    assert alone.exit_code == 0, alone.output  # picked alone, it contradicts nothing


def test_a_terminal_asks_for_each_held_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.setattr(cli, "interactive", lambda: True)
    root = database(tmp_path)
    path = article(tmp_path, NEW_JOBS, OTHER_VALUE, OTHER_DATE)
    declined = add(root, path, "--all", stdin="n\nn\n")
    assert declined.exit_code == 0, declined.output
    assert ("Claim 2: conflict with voltenor-capacity-2027: 48 (47.5–48.5) vs 40 gigawatt_hour "
            "/ year, both from 2027. Add it anyway? [y/N]") in declined.stderr
    assert "Claim 3: time-conflict with voltenor-capacity-2027" in declined.stderr
    assert "added 1 claim to" in declined.stderr
    assert {c.id for c in load(root).claims} == {
        "voltenor-capacity-2027", "voltenor-jobs-2028", "voltenor-jobs-2030"}
    accepted = add(root, path, "--select", "2,3", stdin="y\nn\n")
    assert accepted.exit_code == 0, accepted.output
    assert "voltenor-cell-capacity-2027" in {c.id for c in load(root).claims}
    assert "voltenor-cell-capacity-2029" not in {c.id for c in load(root).claims}


def test_the_prompt_chooses_when_no_option_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    monkeypatch.setattr(cli, "interactive", lambda: True)
    root = database(tmp_path)
    result = add(root, article(tmp_path, SAME, NEW_JOBS), stdin="1-2\nn\n")
    assert result.exit_code == 0, result.output
    assert "Claim 1: duplicate of voltenor-capacity-2027. Add it anyway?" in result.stderr
    assert "added 1 claim to" in result.stderr


def _relation_cells(table: str) -> list[str]:
    """The text of the last column of each row of a rendered table, its lines joined."""
    rows: list[str] = []
    for line in table.splitlines():
        if not line.startswith("│"):
            continue
        cells = line.split("│")[1:-1]
        if cells[0].strip():
            rows.append("")
        rows[-1] += cells[-1].strip()
    return rows


@pytest.mark.parametrize("columns", [80, 100, 200])
def test_the_table_fits_the_terminal_with_every_relation(tmp_path: Path, columns: int) -> None:
    root = database(tmp_path)
    path = article(tmp_path, "Une usine ouvrira bientôt, avec 300 emplois.\n", SAME, NEW_JOBS,
                   OTHER_VALUE, OTHER_DATE, MONEY, MONEY_AGAIN)
    result = add(root, path, "--select", "none", columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert all(line.endswith(("┓", "┃", "┩", "│", "┘")) for line in lines[1:])  # not cropped
    for header in ("#", "claim", "figure", "subject", "in the database"):
        assert header in result.stdout
    offered = adding.candidates(load(root), str(path), "s1", "2026-11-24")
    assert len(offered) == 7 and offered[0].status == "unaddable"
    squeezed = ["".join(r.split()) for r in _relation_cells(result.stdout)]
    assert squeezed == ["".join(c.relation.split()) for c in offered]
