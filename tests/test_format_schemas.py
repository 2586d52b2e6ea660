"""Self-test of tests/format_schemas.py: the validators accept minimal valid documents of
each format, reject broken ones with every violation listed, and use only local schemas."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pytest
from format_schemas import (
    GITLAB_SCHEMA,
    JUNIT_XSD,
    RDJSON_SCHEMA,
    SARIF_SCHEMA,
    _registry,
    validate_gitlab,
    validate_junit,
    validate_rdjson,
    validate_sarif,
)
from referencing.exceptions import NoSuchResource

# The vendored schemas are exact copies of the upstream files (tests/schemas/README.md).
UPSTREAM_SHA256 = {
    SARIF_SCHEMA: "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e",
    RDJSON_SCHEMA: "89b09042bc3f833f76c502ab793ee4fceba4bb75919498563b17f2be68569970",
    JUNIT_XSD: "62ca5a7bd8a6b8268818a64192bd8f94dbf38b63eb85a19c159deba08244f1fd",
}


@pytest.mark.parametrize("path", sorted(UPSTREAM_SHA256), ids=lambda p: p.name)
def test_vendored_schema_is_unmodified(path: Any) -> None:
    assert hashlib.sha256(path.read_bytes()).hexdigest() == UPSTREAM_SHA256[path]


def test_gitlab_schema_file_exists() -> None:
    assert GITLAB_SCHEMA.is_file()


def test_registry_never_fetches() -> None:
    with pytest.raises(NoSuchResource):
        _registry().get_or_retrieve("https://json.schemastore.org/sarif-2.1.0.json")


# ---------------------------------------------------------------------------- SARIF

SARIF: dict[str, Any] = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [
        {
            "tool": {
                "driver": {
                    "name": "battclaims",
                    "semanticVersion": "0.1.0",
                    "informationUri": "https://example.org/battclaims",
                    "rules": [
                        {
                            "id": "BC001",
                            "name": "unsupported-figure",
                            "shortDescription": {"text": "Figure not supported by a source"},
                            "fullDescription": {"text": "A figure in the text has no source."},
                            "help": {"text": "Cite a source.", "markdown": "Cite a *source*."},
                            "helpUri": "https://example.org/battclaims/rules/BC001",
                            "defaultConfiguration": {"level": "warning"},
                            "properties": {"tags": ["figures"], "precision": "high"},
                        }
                    ],
                }
            },
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///work/repo/"}},
            "columnKind": "utf16CodeUnits",
            "results": [
                {
                    "ruleId": "BC001",
                    "ruleIndex": 0,
                    "level": "warning",
                    "message": {"text": "3.2 GWh is not in the cited report."},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": "articles/grid%20storage.md",
                                    "uriBaseId": "%SRCROOT%",
                                },
                                "region": {"startLine": 3, "startColumn": 5, "endColumn": 12},
                            }
                        }
                    ],
                    "partialFingerprints": {"primaryLocationLineHash": "39fa2ee980eb94b0:1"},
                },
                {"ruleId": "BC001", "kind": "pass", "level": "none", "message": {"text": "ok"}},
            ],
        }
    ],
}


def test_sarif_valid() -> None:
    validate_sarif(SARIF)


def test_sarif_result_without_message_is_rejected() -> None:
    doc = copy.deepcopy(SARIF)
    del doc["runs"][0]["results"][0]["message"]
    with pytest.raises(AssertionError) as info:
        validate_sarif(doc)
    text = str(info.value)
    assert "$.runs[0].results[0]: 'message' is a required property" in text


def test_sarif_lists_every_violation() -> None:
    doc = copy.deepcopy(SARIF)
    first, second = doc["runs"][0]["results"]
    del first["message"]
    first["level"] = "fatal"  # not in the enum
    second["level"] = "warning"  # kind 'pass' needs level 'none' (SARIF §3.27.10)
    first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = r"articles\a b.md"
    with pytest.raises(AssertionError) as info:
        validate_sarif(doc)
    text = str(info.value)
    assert "4 violation(s)" in text
    assert "'message' is a required property" in text
    assert "$.runs[0].results[0].level: 'fatal' is not one of" in text
    assert "$.runs[0].results[1].level: level 'warning' with kind 'pass'" in text
    assert "is not a 'uri-reference'" in text


def test_sarif_rejects_unknown_property_and_bad_version() -> None:
    doc = copy.deepcopy(SARIF)
    doc["version"] = "2.0.0"
    doc["runs"][0]["results"][0]["severity"] = "high"  # not a SARIF property
    with pytest.raises(AssertionError) as info:
        validate_sarif(doc)
    text = str(info.value)
    assert "$.version: '2.0.0' is not one of ['2.1.0']" in text
    assert "'severity' was unexpected" in text


# --------------------------------------------------------------------------- rdjson

RDJSON: dict[str, Any] = {
    "source": {"name": "battclaims", "url": "https://example.org/battclaims"},
    "severity": "WARNING",
    "diagnostics": [
        {
            "message": "3.2 GWh is not in the cited report.",
            "location": {
                "path": "articles/grid.md",
                "range": {"start": {"line": 14, "column": 15}, "end": {"line": 14, "column": 18}},
            },
            "severity": "ERROR",
            "code": {"value": "BC001", "url": "https://example.org/battclaims/rules/BC001"},
            "suggestions": [{"range": {"start": {"line": 14, "column": 15}}, "text": "2.3"}],
        },
        {"message": "minimal", "location": {"path": "a.md"}, "severity": 2},
    ],
}


def test_rdjson_valid() -> None:
    validate_rdjson(RDJSON)


def test_rdjson_invalid() -> None:
    doc = copy.deepcopy(RDJSON)
    doc["diagnostics"][0]["severity"] = "FATAL"
    doc["diagnostics"][0]["location"]["range"]["start"]["line"] = "14"
    doc["diagnostics"][1]["message"] = 7
    with pytest.raises(AssertionError) as info:
        validate_rdjson(doc)
    text = str(info.value)
    assert "$.diagnostics[0].severity: 'FATAL' is not one of" in text
    assert "$.diagnostics[0].location.range.start.line: '14' is not of type 'integer'" in text
    assert "$.diagnostics[1].message: 7 is not of type 'string'" in text


# --------------------------------------------------------------------------- GitLab

GITLAB: list[dict[str, Any]] = [
    {
        "description": "'unused' is assigned a value but never used.",
        "check_name": "no-unused-vars",
        "fingerprint": "7815696ecbf1c96e6894b779456d330e",
        "severity": "minor",
        "location": {"path": "lib/index.js", "lines": {"begin": 42}},
    },
    {
        "type": "issue",
        "categories": ["Clarity"],
        "description": "3.2 GWh is not in the cited report.",
        "check_name": "BC001",
        "fingerprint": "a9c1",
        "severity": "major",
        "location": {
            "path": "articles/grid.md",
            "positions": {"begin": {"line": 3, "column": 5}, "end": {"line": 3, "column": 12}},
        },
    },
]


def test_gitlab_valid() -> None:
    validate_gitlab(GITLAB)
    validate_gitlab([])


def test_gitlab_invalid() -> None:
    doc = copy.deepcopy(GITLAB)
    del doc[0]["check_name"]
    doc[0]["severity"] = "high"
    del doc[1]["location"]["positions"]["begin"]["line"]
    with pytest.raises(AssertionError) as info:
        validate_gitlab(doc)
    text = str(info.value)
    assert "$[0]: 'check_name' is a required property" in text
    assert "$[0].severity: 'high' is not one of" in text
    assert "$[1].location:" in text  # neither lines.begin nor positions.begin.line


def test_gitlab_repeated_fingerprint() -> None:
    doc = copy.deepcopy(GITLAB)
    doc[1]["fingerprint"] = doc[0]["fingerprint"]
    with pytest.raises(AssertionError, match=r"\$\[1\]\.fingerprint: .* repeats \$\[0\]"):
        validate_gitlab(doc)
    validate_gitlab(doc, unique_fingerprints=False)


def test_gitlab_report_must_be_an_array() -> None:
    with pytest.raises(AssertionError, match="is not of type 'array'"):
        validate_gitlab({"issues": GITLAB})  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- JUnit

JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="battclaims" tests="2" failures="1" errors="0" time="0.012">
  <testsuite name="articles/grid.md" tests="2" failures="1" errors="0" skipped="0" time="0.012">
    <testcase name="BC001 line 3" classname="articles/grid.md" time="0.001">
      <failure type="BC001" message="3.2 GWh is not in the cited report.">line 3</failure>
    </testcase>
    <testcase name="BC002 line 9" classname="articles/grid.md" time="0.001"/>
    <system-out>checked 2 claims</system-out>
  </testsuite>
</testsuites>
"""


def test_junit_valid() -> None:
    validate_junit(JUNIT)


def test_junit_invalid() -> None:
    broken = JUNIT.replace(' tests="2" failures="1" errors="0" skipped', " skipped").replace(
        "<system-out>checked 2 claims</system-out>", "<stdout/>"
    )
    with pytest.raises(AssertionError) as info:
        validate_junit(broken)
    text = str(info.value)
    assert "missing required attribute 'tests'" in text
    assert "missing required attribute 'failures'" in text
    assert "Unexpected child with tag 'stdout'" in text


def test_junit_not_well_formed() -> None:
    with pytest.raises(AssertionError, match="not well-formed"):
        validate_junit("<testsuites><testsuite name='x'")
    with pytest.raises(AssertionError, match="not an XML document"):
        validate_junit("report.xml")
