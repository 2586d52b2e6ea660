"""Held-out claims (tests/heldout/v8/extract.jsonl): 150 French and English sentences
labelled by the dev set's rules by a helper who saw neither the code nor the dev set's
texts, scored by the dev set's own claims scorer (../shared/dev/scoring/gold.py). Its
misses are not read: it measures whether what was built on the dev set carries to text
nobody tuned to. Skipped when ../shared is not beside the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "dev" / "scoring" / "gold.py"
SET = ROOT / "tests" / "heldout" / "v8"
MARGIN = 0.03

FLOORS = {  # reached on 2026-12-01 (at the start of that session: FR 0.742/0.559, EN 0.782/0.630)
    ("fr", "value+unit F1"): 0.788, ("en", "value+unit F1"): 0.864,
    ("fr", "claim F1"): 0.646, ("en", "claim F1"): 0.763,
}


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], float]:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} not present: the scorer lives beside the project")
    env = dict(os.environ, EVAL_DATA=str(SET),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    done = subprocess.run([sys.executable, str(SCORER)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    out = done.stdout
    print(out)
    found: dict[tuple[str, str], float] = {}
    for lang in ("fr", "en"):
        part = re.search(rf"\b{lang}: (.*?)(?:\|\||$)", out, re.M)
        assert part, out + done.stderr
        for name, value in re.findall(r"([\w+\- ]+?)[= ]([01]\.\d+)", part.group(1)):
            found[(lang, name.strip())] = float(value)
    return found


@pytest.mark.parametrize("key", sorted(FLOORS), ids=[" ".join(k) for k in sorted(FLOORS)])
def test_heldout_claims_floor(scores: dict[tuple[str, str], float], key: tuple[str, str]) -> None:
    assert key in scores, scores
    assert scores[key] >= FLOORS[key] - MARGIN, (key, scores[key], FLOORS[key])
