"""A long fuzz run of extraction on hostile text-like input, for the invariants the
property tests check in a few seconds (``tests/test_properties.py``): no exception, the
claims' offsets slice back to their text (text and Markdown), values and bounds finite,
low ≤ value ≤ high, strict JSON.

    python benchmarks/fuzz.py --examples 1000000 --seed 1
    python benchmarks/fuzz.py --examples 500000 --seed 2 &   # one process per core
    python benchmarks/fuzz.py --examples 500000 --seed 3

Each example is a random composition of numbers written every way (separators, signs,
scale words, decimals, huge digit runs), units, hedges, years, ranges, words of both
languages, and Markdown and HTML fragments. A failing example is printed with its seed
and index, so that it can be replayed (``--replay N``).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time

import battclaims
from battclaims.errors import InputError

SEPARATORS = [" ", "\u00a0", "\u202f", ",", ".", "'", "", "  "]
SCALES = ["", " millions", " milliard", " milliards", " bn", "k", " million", " billion",
          " M€", " Md€", " mille", " thousand", " %", " pour cent", " points"]
UNITS = ["GWh", "MWh", "kWh", "GW", "%", "€", "euros", "$", "dollars", "voitures",
         "vehicles", "emplois", "jobs", "batteries", "tonnes", "km", "ha", "m²", "GWh/an",
         "GWh par an", "a year", "per cent", "usines", "sites", "°C", "hp", "ch"]
HEDGES = ["", "environ ", "près de ", "about ", "nearly ", "plus de ", "up to ",
          "jusqu'à ", "moins de ", "un peu moins de ", "almost ", "au moins ", "over "]
WORDS = ["Verkor", "Renault", "ACC", "la France", "l'usine", "the plant", "fournira",
         "will produce", "d'ici", "by", "from", "dès", "en", "in", "entre", "et", "to",
         "à", "-", "–", "(", ")", ",", ".", ";", ":", "\n", "\n\n", "des milliers de",
         "thousands of", "une dizaine de", "a dozen", "la moitié des", "one in five"]
MARKUP = ["> ", "```\n", "`", "![", "](", "[", "]", "<!--", "-->", "<b>", "</b>", "<p>",
          "<div hidden>", "</div>", "&nbsp;", "&#8239;", "---\n", "+++\n", "# ", "- ", "1. ",
          "<nav>", "<script>", "</script>", "<![", "|", "***", "http://x.fr/2030"]


def number(draw: random.Random) -> str:
    shape = draw.random()
    if shape < 0.05:  # a huge run of digits
        return "9" * draw.choice([20, 300, 310, 400, 5000])
    digits = str(draw.choice([0, 1, 2, 5, 12, 16, 150, 300, 1234, 2025, 500000, 1999999]))
    if shape < 0.4 and len(digits) > 3:
        separator = draw.choice(SEPARATORS)
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        digits = separator.join([digits, *groups])
    if draw.random() < 0.3:
        digits += draw.choice([",", "."]) + str(draw.randint(0, 999))
    if draw.random() < 0.1:
        digits = draw.choice(["-", "+", "−"]) + digits
    return digits


def figure(draw: random.Random) -> str:
    text = draw.choice(HEDGES) + number(draw) + draw.choice(SCALES)
    if draw.random() < 0.7:
        text += " " + draw.choice(UNITS)
    if draw.random() < 0.2:
        text = f"entre {text} et {number(draw)} {draw.choice(UNITS)}"
    return text


def example(seed: int, index: int) -> tuple[str, bool, str]:
    draw = random.Random(f"{seed}:{index}")
    parts = []
    for _ in range(draw.randint(1, 12)):
        kind = draw.random()
        if kind < 0.45:
            parts.append(figure(draw))
        elif kind < 0.55:
            parts.append(str(draw.randint(1990, 2060)))
        elif kind < 0.85:
            parts.append(draw.choice(WORDS))
        else:
            parts.append(draw.choice(MARKUP))
    text = " ".join(parts)
    return text, draw.random() < 0.15, draw.choice(["fr", "en"])


def check(text: str, html: bool, lang: str) -> None:
    try:
        extraction = battclaims.extract(text, lang=lang, html=html,
                                        path="x.html" if html else "x.md")
    except InputError:
        if text.startswith(("---", "+++", "{")):
            return  # front matter that is not valid: an input error, as documented
        raise
    for claim in extraction.claims:
        if not html:
            assert text[claim.start:claim.end] == claim.text, (claim.start, claim.text)
        for bound in (claim.value, claim.low, claim.high):
            assert bound is None or math.isfinite(bound), bound
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high, (claim.low, claim.high)
            if claim.value is not None:
                assert claim.low <= claim.value <= claim.high, (claim.low, claim.value)
    json.dumps(extraction.to_dict(), allow_nan=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replay", type=int, help="run only this example, and show it")
    options = parser.parse_args()
    if options.replay is not None:
        text, html, lang = example(options.seed, options.replay)
        print(repr(text), html, lang)
        check(text, html, lang)
        return 0
    start = time.perf_counter()
    failures = 0
    for index in range(options.examples):
        text, html, lang = example(options.seed, index)
        try:
            check(text, html, lang)
        except Exception as err:  # a fuzz run reports every failure
            failures += 1
            print(f"FAIL seed {options.seed} example {index}: {type(err).__name__}: {err}: "
                  f"{text[:200]!r}", flush=True)
        if index and index % 50_000 == 0:
            rate = index / (time.perf_counter() - start)
            print(f"{index} examples, {failures} failures, {rate:.0f}/s", flush=True)
    elapsed = time.perf_counter() - start
    print(f"seed {options.seed}: {options.examples} examples in {elapsed:.0f} s "
          f"({options.examples / elapsed:.0f}/s), {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
