"""Fit the matcher's weights (battclaims/data/matching.yaml) on a labelled set of figure pairs.

The matcher scores a candidate pair of figures as the sum of its features' weights (see
battclaims.matching.evidence); this fits those weights by L2-regularised logistic regression
on labelled pairs, so that the confidence is a calibrated probability that two figures state
one fact. Labelled pairs come from a folder laid out like ../shared/dev (match.jsonl with
extract.jsonl, and articles/ with expect.json):

    pip install numpy
    python tools/calibrate_matcher.py ../shared/dev            # prints the weights
    python tools/calibrate_matcher.py ../shared/dev --write    # writes them to matching.yaml
    python tools/calibrate_matcher.py ../shared/dev --heldout tests/heldout tests/heldout/v6

Examples: each labelled claim pair (same fact: 1, different facts: 0); and, for article
pairs, every other candidate of a figure whose counterpart is labelled (0: a figure states
one fact, and its counterpart is known). Features that are a group's baseline (subject
unknown, facility unknown, same scope, metric unknown, value far) keep weight 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

import battclaims
from battclaims.checking import duplicates
from battclaims.matching import FEATURES, Matcher
from battclaims.settings import Settings
from battclaims.store import discover, load

BASELINES = {"subject.unknown", "facility.unknown", "scope.same", "metric.unknown", "value.far"}
FREE = [f for f in FEATURES if f not in BASELINES]
L2 = 2.0
"""How strongly the weights are held to their documented prior (per unit of weight)."""
MATCHING = Path(__file__).resolve().parent.parent / "battclaims" / "data" / "matching.yaml"


def _close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def _holds(claim: battclaims.Claim, value: float) -> bool:
    return claim.kind == "quantity" and any(_close(x, value) for x in (claim.value, claim.low,
                                                                          claim.high))


def pair_examples(folder: Path, database, matcher: Matcher) -> list[tuple[dict, int]]:
    gold = {}
    for line in (folder / "extract.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        gold[record["id"]] = record

    def document(side: dict) -> list[battclaims.Claim]:
        record = gold[side["extract_id"]]
        head = f"---\npublished: {side['published']}\n---\n" if side.get("published") else ""
        title = record.get("source_title") if record.get("title_from") == "page" else None
        text = f"{head}# {title}\n\n{side['text']}\n" if title else f"{head}{side['text']}\n"
        return list(battclaims.extract(text, path="x.md", database=database).claims)

    out = []
    for line in (folder / "match.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        wanted = [gold[row[s]["extract_id"]]["claims"][row[s]["claim_index"]]["value"]
                  for s in ("a", "b")]
        found = [next((c for c in document(row[s]) if _holds(c, v)), None)
                 for s, v in zip(("a", "b"), wanted, strict=True)]
        if None in found:
            continue
        ev = matcher.weigh(found[0], found[1])
        out.append((dict(ev.features), 0 if row["label"] == "different" else 1))
    return out


def _body_offset(content: str) -> int:
    start = content.index("\n---", 3) + 4 if content.startswith("---") else 0
    title = re.compile(r"^# .*$", re.M).search(content, start)
    end = title.end() + 1 if title else start
    while content[end] == "\n":
        end += 1
    return end


def article_examples(folder: Path, database, matcher: Matcher) -> list[tuple[dict, int]]:
    expect = json.loads((folder / "expect.json").read_text("utf-8"))
    out = []
    for pair in expect["pairs"]:
        sides = []
        for key in ("a", "b"):
            path = folder / pair[key]
            content = path.read_text("utf-8")
            doc = battclaims.extract(content, path=str(path), database=database)
            claims = [c for c, first in zip(doc.claims, duplicates(doc.claims, Settings()),
                                            strict=True) if first is None]
            sides.append((claims, _body_offset(content)))
        (a_claims, a_off), (b_claims, b_off) = sides

        def at(claims, start, length):
            return next((c for c in claims if c.start < start + length and start < c.end), None)

        for figure in pair["figures"]:
            a = at(a_claims, a_off + figure["a_start"], len(figure["a"]))
            b = at(b_claims, b_off + figure["b_start"], len(figure["b"]))
            if a is None or b is None:
                continue
            same = figure["label"] != "different"
            out.append((dict(matcher.weigh(a, b).features), int(same)))
            if not same:
                continue
            index = matcher.index(b_claims)
            for n in index.candidates(a):
                if b_claims[n] is not b:
                    out.append((dict(matcher.weigh(a, b_claims[n]).features), 0))
    return out


def heldout_examples(folder: Path, matcher: Matcher) -> list[tuple[dict, int]]:
    """Examples from a held-out set of tests/heldout/: its claim pairs (pairs.yaml) and its
    article pairs (article_pairs.yaml, with the other candidates of a figure whose
    counterpart is labelled, as for the dev set's articles)."""
    import yaml

    def doc(side: dict, body_key: str) -> tuple[list[battclaims.Claim], int]:
        head = f"---\npublished: {side['published']}\n---\n" if side.get("published") else ""
        head += f"# {side['title']}\n\n" if side.get("title") else ""
        text = head + side[body_key] + ("\n" if body_key == "text" else "")
        claims = battclaims.extract(text, lang=side["lang"], path="x.md").claims
        return [c for c in claims if c.kind == "quantity"], len(head)

    def at(claims: list[battclaims.Claim], start: int, length: int) -> battclaims.Claim | None:
        return next((c for c in claims if c.start < start + length and start < c.end), None)

    out = []
    pairs = folder / "pairs.yaml"
    for case in (yaml.safe_load(pairs.read_text("utf-8")) if pairs.exists() else []):
        found = []
        for key in ("a", "b"):
            claims, offset = doc(case[key], "text")
            found.append(at(claims, offset + case[key]["text"].index(case[key]["surface"]),
                            len(case[key]["surface"])))
        if None not in found:
            out.append((dict(matcher.weigh(found[0], found[1]).features),
                        int(case["label"] != "different")))
    articles = folder / "article_pairs.yaml"
    for case in (yaml.safe_load(articles.read_text("utf-8")) if articles.exists() else []):
        (a_claims, a_off), (b_claims, b_off) = doc(case["a"], "body"), doc(case["b"], "body")
        for figure in case["figures"]:
            a = at(a_claims, a_off + case["a"]["body"].index(figure["a"]), len(figure["a"]))
            b = at(b_claims, b_off + case["b"]["body"].index(figure["b"]), len(figure["b"]))
            if a is None or b is None:
                continue
            same = figure["label"] != "different"
            out.append((dict(matcher.weigh(a, b).features), int(same)))
            if same:
                index = matcher.index(b_claims)
                out += [(dict(matcher.weigh(a, b_claims[n]).features), 0)
                        for n in index.candidates(a) if b_claims[n] is not b]
    return out


def fit(examples: list[tuple[dict, int]], prior: dict[str, float],
        strength: float = L2) -> dict[str, float]:
    """Maximum a posteriori logistic regression: the weights stay near ``prior`` (the
    documented hand-set weights) unless the examples say otherwise."""
    x = np.array([[f.get(name, 0.0) for name in FREE] for f, _ in examples])
    y = np.array([label for _, label in examples], dtype=float)
    w0 = np.array([prior.get(name, 0.0) for name in FREE])
    w = w0.copy()
    penalty = np.full(len(FREE), strength)
    for _ in range(50):  # Newton's method
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * (w - w0)
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {name: round(float(v), 2) for name, v in zip(FREE, w, strict=True)}


def write(weights: dict[str, float]) -> None:
    text = MATCHING.read_text("utf-8")
    for name, value in weights.items():
        group, _, key = name.partition(".")
        if key:
            pattern = re.compile(rf"(\n  {re.escape(group)}:[^\n]*\n(?:    [^\n]*\n)*?    "
                                 rf"{re.escape(key)}: )-?[0-9.]+")
        else:
            pattern = re.compile(rf"(\n  {re.escape(group)}: )-?[0-9.]+")
        text, count = pattern.subn(lambda m, v=value: m.group(1) + f"{v}", text, count=1)
        if not count:
            sys.exit(f"no place for {name} in {MATCHING}")
    MATCHING.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--heldout", type=Path, nargs="*", default=[],
                        help="held-out sets (tests/heldout/v…) to learn from as well")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--strength", type=float, default=L2)
    args = parser.parse_args()
    database = load(discover(None)[0])
    matcher = Matcher(database.entities)
    examples = pair_examples(args.folder, database, matcher)
    examples += article_examples(args.folder / "articles", database, matcher)
    for folder in args.heldout:
        examples += heldout_examples(folder, matcher)
    prior = {name: matcher.config.weight_of(name) for name in FREE}
    weights = fit(examples, prior, args.strength)
    positives = sum(label for _, label in examples)
    print(f"{len(examples)} examples ({positives} same fact)", file=sys.stderr)
    for name, value in weights.items():
        print(f"{name}: {value}")
    if args.write:
        write(weights)


if __name__ == "__main__":
    os.environ.setdefault("BATTCLAIMS_CACHE", "off")
    main()
