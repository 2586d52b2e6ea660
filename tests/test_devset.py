"""The dev set of real French and English news (../shared/dev), scored by its own scorer.

The floors sit a little under the figures reached (the README and CHANGELOG give them), so
that CI catches a regression; the test is skipped when the folder is not beside the project.
It runs the installed ``battclaims`` command, as the scorer does (about two minutes: one
process per labelled pair)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
MARGIN = 0.03

FLOORS = {
    # claims: subject named in the sentence, and known only from the page
    ("fr", "subject"): 0.92, ("en", "subject"): 0.95,
    ("fr", "context-subject"): 0.66, ("en", "context-subject"): 0.87,
    # the recognition issue's figures (value+unit, claim F1, time and qualifier right)
    ("fr", "value+unit F1"): 0.925, ("en", "value+unit F1"): 0.921,
    ("fr", "claim F1"): 0.810, ("en", "claim F1"): 0.765,
    ("fr", "time"): 0.88, ("en", "time"): 0.83,
    ("fr", "qualifier"): 0.96, ("en", "qualifier"): 0.97,
    ("pairs", "accuracy"): 0.763,
    ("articles", "accuracy"): 0.969,
}


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], float]:
    if not (DEV / "score.py").is_file():
        pytest.skip(f"{DEV} not present: the dev set lives beside the project")
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                                 os.environ.get("PATH", "")]))
    done = subprocess.run([sys.executable, str(DEV / "score.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    out = done.stdout
    print(out)
    found: dict[tuple[str, str], float] = {}
    for lang in ("fr", "en"):
        part = re.search(rf"\b{lang}: (.*?)(?:\|\||$)", out, re.M)
        assert part, out + done.stderr
        for name, value in re.findall(r"([\w+\- ]+?)[= ]([01]\.\d+)", part.group(1)):
            found[(lang, name.strip())] = float(value)
    for part_name in ("pairs", "articles"):
        match = re.search(rf"{part_name} accuracy ([01]\.\d+)", out)
        assert match, out + done.stderr
        found[(part_name, "accuracy")] = float(match.group(1))
    return found


@pytest.mark.parametrize("key", sorted(FLOORS), ids=[" ".join(k) for k in sorted(FLOORS)])
def test_devset_floor(scores: dict[tuple[str, str], float], key: tuple[str, str]) -> None:
    assert key in scores, scores
    assert scores[key] >= FLOORS[key] - MARGIN, (key, scores[key], FLOORS[key])
