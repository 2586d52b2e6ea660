"""The JSON outputs of ``extract``, ``check`` and ``diff`` (``--format json`` and every line
of ``--format jsonl``) validate against the JSON Schemas that ship in the package
(``battclaims/data/schemas/``, read as package resources), on the example drafts, the
corpus articles (when ``../shared/corpus`` is present) and short texts written here; and
the schemas reject a record with a field they do not announce or a value of the wrong type.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from battclaims.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
DRAFTS = ROOT / "examples" / "drafts"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("0*.txt")) if CORPUS.is_dir() else []

BASE = "https://github.com/battclaims/battclaims/schemas/"
SCHEMAS = ("common", "extract", "extract-line", "check", "check-line", "diff", "diff-line")

# Texts written for these tests: a range, a vague magnitude, a rank, an event, a relative
# time resolved against the publication date, figures with no subject, a headline, front
# matter with a URL, HTML metadata, a suppression comment, and two versions of a draft.
TEXTS = {
    "chantiers.md": (
        "---\n"
        'title: "Batteries : le point sur les chantiers du Nord"\n'
        "published: 2025-03-14\n"
        "url: https://example.org/batteries-nord\n"
        "lang: fr\n"
        "---\n"
        "# ACC ouvre 2 000 postes dans le Nord\n\n"
        "Le groupe ACC prévoit une capacité comprise entre 20 et 30 GWh par an d'ici 2028.\n"
        "Le chantier mobilisera des centaines d'ouvriers, selon la préfecture.\n"
        "Sa deuxième usine doit employer plus de 1 500 salariés dans trois ans.\n"
        "Renault est entré au capital de Verkor en 2021.\n"
        "Environ 40 millions d'euros d'aides publiques ont été versés depuis 2022.\n"
    ),
    "update.html": (
        '<!doctype html>\n<html lang="en"><head><title>Gigafactory update</title>\n'
        '<meta property="og:url" content="https://example.org/gigafactory-update">\n'
        '<meta property="article:published_time" content="2024-06-03T09:00:00+02:00">\n'
        "</head><body><h1>Gigafactory update</h1>\n"
        "<p>AESC plans to build 9 GWh of cells a year in Douai from 2025, and the site "
        "should employ around 1,000 people by 2030.</p>\n</body></html>\n"
    ),
    "accepted.md": (
        "---\npublished: 2024-11-02\n---\n"
        "Verkor emploiera 1 200 personnes à Dunkerque.\n\n"
        "<!-- battclaims-disable-next-line duplicate -->\n"
        "Verkor emploiera 1 200 personnes à Dunkerque, répète la direction.\n"
    ),
    "v1.md": ("Verkor fournira 12 GWh par an au groupe Renault dès 2025.\n\n"
              "Le projet créera 1 200 emplois. Le projet créera 1 200 emplois.\n"),
    "v2.md": ("Verkor fournira 14 GWh par an au groupe Renault dès 2025.\n\n"
              "Le projet créera 1 200 emplois.\n\nIl coûtera 2 milliards d'euros.\n"),
    "cellules.md": ("Le prix moyen d'une cellule a baissé de 15 % en un an.\n\n"
                    "Un pack de 60 kWh suffit pour la plupart des trajets.\n"),  # no subject
    "objectif-fr.md": "La France vise 800 000 véhicules électriques produits d'ici 2027.\n",
    "target-en.md": "France wants to make nearly 2 million electric vehicles by 2030.\n",
}
STDIN = ("Verkor says it will hire about 1,200 people within two years and produce up to "
         "16 GWh a year by 2026.\nThousands of jobs are expected.\n")

MINE = ["chantiers.md", "-", "update.html", "accepted.md", "cellules.md"]
DOCUMENTS = [*(str(p) for p in sorted(DRAFTS.glob("*.md"))), *MINE,
             *(str(p) for p in CORPUS_FILES)]


def runs() -> Iterator[tuple[str, str, list[str], int]]:
    """(label, schema, arguments, exit code) of every run whose output is validated."""
    claims = ["--claims", str(CLAIMS)]
    for fmt, line in (("json", ""), ("jsonl", "-line")):
        out = ["--format", fmt]
        yield f"extract-{fmt}", f"extract{line}", ["extract", *out, *claims, *DOCUMENTS], 0
        yield (f"extract-missing-{fmt}", f"extract{line}",
               ["extract", *out, *claims, "missing.md"], 2)
        yield f"check-{fmt}", f"check{line}", ["check", *out, *claims, *DOCUMENTS], 1
        yield (f"check-superseded-{fmt}", f"check{line}",
               ["check", *out, "--claims", str(ROOT / "examples" / "claims"),
                str(DRAFTS / "objectifs-2023.md")], 0)
        yield (f"check-missing-{fmt}", f"check{line}",
               ["check", *out, *claims, "accepted.md", "missing.md"], 2)
        yield f"diff-versions-{fmt}", f"diff{line}", ["diff", *out, *claims, "v1.md", "v2.md"], 1
        yield (f"diff-targets-{fmt}", f"diff{line}",
               ["diff", *out, *claims, "objectif-fr.md", "target-en.md"], 0)
        yield f"diff-stdin-{fmt}", f"diff{line}", ["diff", *out, *claims, "-", "v2.md"], 0
        yield (f"diff-missing-{fmt}", f"diff{line}",
               ["diff", *out, *claims, "v1.md", "missing.md"], 2)
        if CORPUS_FILES:
            yield (f"diff-corpus-{fmt}", f"diff{line}",
                   ["diff", *out, *claims, *(str(p) for p in CORPUS_FILES[:2])], 0)


RUNS = {label: (schema, args, code) for label, schema, args, code in runs()}


# --- the schemas, from the installed package ---------------------------------------------------


def schema_files() -> dict[str, Any]:
    """The shipped schemas by file name, read with importlib.resources."""
    folder = resources.files("battclaims").joinpath("data").joinpath("schemas")
    return {entry.name: json.loads(entry.read_text("utf-8")) for entry in folder.iterdir()
            if entry.name.endswith(".schema.json")}


@functools.cache
def registry() -> Registry:
    """Only the shipped schemas: a reference to anything else fails, never fetches."""
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schema_files().values())


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = registry().contents(f"{BASE}{name}.schema.json")
    return Draft202012Validator(schema, registry=registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(name: str, instance: Any) -> list[str]:
    """Every violation, by where it is (an empty list for a valid instance)."""
    return sorted(f"{error.json_path}: {error.message[:300]}"
                  for error in validator(name).iter_errors(instance))


def test_every_schema_ships_and_is_valid_draft_2020_12() -> None:
    files = schema_files()
    assert set(files) == {f"{name}.schema.json" for name in SCHEMAS}
    for file, schema in files.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == BASE + file
        assert schema.get("description")


# --- the outputs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str]]:
    """Every run's (exit code, stdout, stderr), in a folder of its own with its own cache."""
    folder = tmp_path_factory.mktemp("texts")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    runner = CliRunner()
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
        patch.chdir(folder)  # no .battclaims.yaml around
        for label, (_, args, _) in RUNS.items():
            result = runner.invoke(main, args, input=STDIN, env={"COLUMNS": "200"})
            found[label] = (result.exit_code, result.stdout, result.stderr)
    return found


def records(label: str, stdout: str) -> list[Any]:
    """The JSON document, or each JSON Lines line on its own."""
    if label.endswith("-jsonl"):
        return [json.loads(line) for line in stdout.splitlines()]
    return [json.loads(stdout)]


@pytest.mark.parametrize("label", list(RUNS))
def test_output_validates(label: str, outputs: dict[str, tuple[int, str, str]]) -> None:
    schema, _, expected = RUNS[label]
    code, stdout, stderr = outputs[label]
    assert code == expected, stderr
    found = records(label, stdout)
    assert found or label == "extract-missing-jsonl"  # no document: no line
    for number, record in enumerate(found, 1):
        assert validator(schema).is_valid(record), (number, problems(schema, record))
    if label.endswith("-jsonl") and not label.startswith("extract"):
        assert [r["type"] for r in found].count("summary") == 1
        assert found[-1]["type"] == "summary"


def everything(outputs: dict[str, tuple[int, str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Every claim, finding, reference, time, pair and record of all runs, by what it is."""
    seen: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "claim", "finding", "reference", "time", "pair", "record", "document", "summary")}

    def claim(item: dict[str, Any]) -> None:
        seen["claim"].append(item)
        if item["time"] is not None:
            seen["time"].append(item["time"])
        if "verdict" in item:
            seen["finding"].append(item)
            if item["reference"] is not None:
                seen["reference"].append(item["reference"])

    def pair(item: dict[str, Any]) -> None:
        seen["pair"].append(item)
        claim(item["a"])
        claim(item["b"])

    for label in RUNS:
        for record in records(label, outputs[label][1]):
            if label.endswith("-jsonl"):
                seen["record"].append(record)
                kind = record.get("type", "claim")
                handle: Callable[[dict[str, Any]], None] = {
                    "claim": claim, "finding": claim, "only_a": claim, "only_b": claim,
                    "pair": pair, "related": pair,
                    "duplicate": lambda r: claim(r["claim"]),
                    "summary": seen["summary"].append}[kind]
                handle(record)
            elif "documents" in record:
                for document in record["documents"]:
                    seen["document"].append(document)
                    for item in document["claims"]:
                        claim(item)
                if "summary" in record:
                    seen["summary"].append(record["summary"])
            else:
                for item in (*record["pairs"], *record["related"]):
                    pair(item)
                for item in (*record["only_a"], *record["only_b"]):
                    claim(item)
                for item in record["duplicates"]:
                    claim(item["claim"])
    return seen


def test_the_texts_reach_every_part_of_the_schemas(
        outputs: dict[str, tuple[int, str, str]]) -> None:
    seen = everything(outputs)
    claims, findings = seen["claim"], seen["finding"]
    assert {c["kind"] for c in claims} == {"quantity", "rank", "event"}
    assert {c["qualifier"] for c in claims} >= {None, "approx", "lower", "upper", "range",
                                                "rank"}
    assert any(c["vague"] for c in claims) and any(c["headline"] for c in claims)
    assert {c["subject_source"] for c in claims} == {"text", "context", None}
    assert any(t["date"] is None and t["relative"] for t in seen["time"])  # undated page
    assert any(t["date"] and t["relative"] for t in seen["time"])  # resolved
    assert {f["verdict"] for f in findings} >= {
        "conflict", "time-conflict", "outdated", "duplicate", "confirmed", "unverified",
        "vague"}
    assert any(r.get("current") for r in seen["reference"])
    assert any(d["url"] and d["title"] for d in seen["document"])
    assert any(d.get("suppressed") for d in seen["document"])
    assert any(s.get("suppressed") for s in seen["summary"])
    assert any(s["errors"] for s in seen["summary"])
    assert {r["type"] for r in seen["record"] if "type" in r} == {
        "finding", "summary", "pair", "related", "only_a", "only_b", "duplicate"}
    assert {p["verdict"] for p in seen["pair"]} >= {"agree", "conflict", "related"}
    assert any(p.get("repeats") for p in seen["pair"])


# --- what the schemas reject -----------------------------------------------------------------


Record = dict[str, Any]


def conflict(data: Record) -> Record:
    """The first conflict of a check (the example draft's "16 GWh par an")."""
    return next(c for d in data["documents"] for c in d["claims"] if c["verdict"] == "conflict")


def first_claim(data: Record) -> Record:
    return data["documents"][0]["claims"][0]  # type: ignore[no-any-return]


def setting(key: str, value: Any) -> Callable[[Record], None]:
    return lambda record: record.__setitem__(key, value)


def dropping(key: str) -> Callable[[Record], None]:
    return lambda record: record.__delitem__(key)


def document(data: Record) -> Record:
    return data["documents"][0]  # type: ignore[no-any-return]


def whole(data: Record) -> Record:
    return data


def timed(rows: list[Record]) -> Record:
    return next(row["time"] for row in rows if row["time"])


Change = tuple[str, Callable[[Any], Record], Callable[[Record], None], str]
BROKEN: dict[str, Change] = {  # what: (run, where, the change, what a problem then says)
    "an unannounced claim field": (
        "check-json", conflict, setting("colour", "red"), "'colour' was unexpected"),
    "an unannounced evidence field": (
        "check-json", lambda d: conflict(d)["evidence"], setting("extra", 1), ".evidence: "),
    "an unannounced reference field": (
        "check-json", lambda d: conflict(d)["reference"], setting("kind", "quantity"),
        "'kind' was unexpected"),
    "an unannounced top-level field": (
        "extract-json", whole, setting("generated", "x"), "'generated' was unexpected"),
    "an unannounced time field": ("extract-jsonl", timed, setting("year", 2030), "$.time: "),
    "a line as a string": (
        "extract-json", first_claim, setting("line", "8"), "'8' is not of type 'integer'"),
    "a value as a string": (
        "check-json", conflict, setting("value", "16"), "'16' is not of type"),
    "terms as a string": (
        "extract-json", first_claim, setting("terms", "jobs"), "'jobs' is not of type 'array'"),
    "an unknown verdict": (
        "check-json", conflict, setting("verdict", "wrong"), "'wrong' is not one of"),
    "an unknown kind": (
        "extract-json", first_claim, setting("kind", "figure"), "'figure' is not one of"),
    "an unknown qualifier": (
        "extract-json", first_claim, setting("qualifier", "about"), "'about' is not one of"),
    "a month 13": (
        "check-json", document, setting("published", "2024-13"), "'2024-13' is not valid"),
    "a day that does not exist": (  # the pattern fits: the format checker says no
        "check-json", document, setting("published", "2024-02-30"),
        "'2024-02-30' is not valid"),
    "a missing severity": (
        "check-json", conflict, dropping("severity"), "'severity' is a required property"),
    "a missing counts": (
        "check-json", document, dropping("counts"), "'counts' is a required property"),
    "a conflict with no reference": (
        "check-json", conflict, setting("reference", None),
        "reference: None is not of type 'object'"),
    "another version": ("diff-versions-json", whole, setting("version", 2), "1 was expected"),
    "a pair verdict of related": (
        "diff-versions-json", lambda d: d["pairs"][0], setting("verdict", "related"),
        "'related' is not one of"),
    "a summary with a finding's field": (
        "check-jsonl", lambda rows: rows[-1], setting("verdict", "conflict"),
        "'verdict' was unexpected"),
    "a finding with no type": (
        "check-jsonl", lambda rows: rows[0], dropping("type"), "'type' is a required property"),
    "an extract line with a type": (
        "extract-jsonl", lambda rows: rows[0], setting("type", "claim"),
        "'type' was unexpected"),
    "a diff record of an unknown type": (
        "diff-versions-jsonl", lambda rows: rows[0], setting("type", "match"),
        "'match' is not one of"),
    "a diff summary without errors": (
        "diff-versions-jsonl", lambda rows: rows[-1], dropping("errors"),
        "'errors' is a required property"),
}


@pytest.mark.parametrize("what", list(BROKEN))
def test_schemas_reject(what: str, outputs: dict[str, tuple[int, str, str]]) -> None:
    label, locate, change, said = BROKEN[what]
    schema = RUNS[label][0]
    found = records(label, outputs[label][1])
    data = copy.deepcopy(found if label.endswith("-jsonl") else found[0])
    change(locate(data))
    if label.endswith("-jsonl"):
        (data,) = [b for a, b in zip(found, data, strict=True) if a != b]
    # (the unchanged output is valid: test_output_validates)
    assert any(said in problem for problem in problems(schema, data)), problems(schema, data)
