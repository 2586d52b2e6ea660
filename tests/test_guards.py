"""Every guard of the recogniser (battclaims/recognise/guards.py) with its examples in
tests/guards.yaml: what it rejects and a like figure it keeps, in both languages
where the rule is not one language's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import battclaims
from battclaims.recognise.guards import GUARDS

EXAMPLES: dict[str, dict[str, list[dict[str, str]]]] = yaml.safe_load(
    (Path(__file__).parent / "guards.yaml").read_text("utf-8"))

CASES = [(name, side, index, example) for name, sides in EXAMPLES.items()
         for side in ("rejects", "keeps") for index, example in enumerate(sides[side])]


def _figures(example: dict[str, str]) -> list[str]:
    doc = battclaims.extract(example["text"], lang=example["lang"])
    return [c.text for c in doc.claims if c.kind != "event"]


def test_every_guard_has_examples_of_what_it_rejects_and_keeps() -> None:
    assert {g.name for g in GUARDS} == set(EXAMPLES)
    for name, sides in EXAMPLES.items():
        assert sides["rejects"] and sides["keeps"], name


@pytest.mark.parametrize(("name", "side", "index", "example"), CASES,
                         ids=[f"{n}-{s}-{i}" for n, s, i, _ in CASES])
def test_guard_example(name: str, side: str, index: int, example: dict[str, Any]) -> None:
    assert example["figure"] in example["text"]
    figures = _figures(example)
    if side == "rejects":
        assert not any(example["figure"] in f or f in example["figure"] for f in figures), (
            f"{name}: {example['text']!r} gave {figures}")
    else:
        assert example["figure"] in figures, f"{name}: {example['text']!r} gave {figures}"
