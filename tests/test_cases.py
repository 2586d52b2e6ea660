"""Golden cases: sentences in tests/cases/*.yaml and the quantities expected in them.

Each file is a list of ``{text, lang, quantities: [{text, value, unit, vague?}]}``.
One test per sentence, with the id ``<file>-<index>`` (``pytest -k quantities_fr-012``).
Ordinal ranks ("the third plant") are listed with the quantities: they come from the same
recogniser, though the claims mark them ``kind: rank``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import battclaims

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def load(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text("utf-8"))


def expected(case: dict[str, Any]) -> list[tuple[str, float | None, str | None, bool]]:
    out = []
    for q in case["quantities"]:
        value = q["value"]
        out.append((q["text"], None if value is None else float(value), q["unit"],
                    bool(q.get("vague", False))))
    return out


def actual(case: dict[str, Any]) -> list[tuple[str, float | None, str | None, bool]]:
    doc = battclaims.extract(case["text"], lang=case["lang"])
    return [(q.text, q.value, q.unit, q.vague) for q in doc.claims if q.kind != "event"]


def _same(a: tuple, b: tuple) -> bool:
    close = a[1] is not None and b[1] is not None and abs(a[1] - b[1]) <= 1e-9 * abs(b[1])
    return a[0] == b[0] and a[2] == b[2] and a[3] == b[3] and (a[1] == b[1] or close)


CASE_LIST = [(path, index, case) for path in CASES for index, case in enumerate(load(path))]


@pytest.mark.parametrize(("path", "index", "case"), CASE_LIST,
                         ids=[f"{p.stem}-{i:03d}" for p, i, _ in CASE_LIST])
def test_golden_case(path: Path, index: int, case: dict[str, Any]) -> None:
    want, got = expected(case), actual(case)
    assert len(want) == len(got) and all(_same(g, w) for g, w in zip(got, want, strict=True)), (
        f"{path.name}[{index}] {case['text']!r}\n    want {want}\n    got  {got}")


def test_cases_are_well_formed() -> None:
    total = 0
    for path in CASES:
        for case in load(path):
            assert set(case) == {"text", "lang", "quantities"}, case
            assert case["lang"] in ("fr", "en")
            for q in case["quantities"]:
                assert q["text"] in case["text"], (case["text"], q["text"])
            total += 1
    assert total >= 150 or not CASES
