"""Golden cases: sentences in tests/cases/*.yaml and the quantities expected in them.

Each file is a list of ``{text, lang, quantities: [{text, value, unit, vague?}]}``.
One test per file reports every sentence that does not come out as expected.
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
    return [(q.text, q.value, q.unit, q.vague) for q in doc.quantities]


def _same(a: tuple, b: tuple) -> bool:
    close = a[1] is not None and b[1] is not None and abs(a[1] - b[1]) <= 1e-9 * abs(b[1])
    return a[0] == b[0] and a[2] == b[2] and a[3] == b[3] and (a[1] == b[1] or close)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_cases(path: Path) -> None:
    cases = load(path)
    assert cases, f"{path.name} has no cases"
    failures = []
    for case in cases:
        want, got = expected(case), actual(case)
        if len(want) != len(got) or not all(_same(g, w) for g, w in zip(got, want, strict=True)):
            failures.append(f"{case['text']!r}\n    want {want}\n    got  {got}")
    assert not failures, f"{len(failures)}/{len(cases)} cases fail:\n" + "\n".join(failures)


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
