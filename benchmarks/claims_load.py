"""How fast a large claims database loads.

    python benchmarks/claims_load.py [--claims 20000] [--files 20]

Writes a synthetic database of N claims (spread over F subject files, with
its sources and entities) to a temporary folder, then times ``load`` cold
(empty cache: parsed and validated) and warm (the database kept whole, validated, in the
cache: read back, nothing parsed or validated again).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

METRICS = [("jobs", "job", "by"), ("vehicle_production", "vehicle / year", "from"),
           ("investment", "EUR", "in"), ("cell_capacity", "gigawatt_hour / year", "by")]


def write_database(root: Path, claims: int, files: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sources.yaml").write_text(
        "sources:\n" + "".join(
            f"  - {{id: src-{i}, title: Source {i}, lang: fr, published: 2024-0{1 + i % 9}}}\n"
            for i in range(50)), "utf-8")
    (root / "entities.yaml").write_text(
        "entities:\n" + "".join(
            f"  - {{id: company-{i}, name: Company {i}, kind: company, "
            f"aliases: {{any: [Company {i}]}}}}\n" for i in range(files)), "utf-8")
    per_file = claims // files
    for f in range(files):
        lines = ["# yaml-language-server: $schema=../battclaims/data/claims.schema.json\n",
                 "claims:\n"]
        for k in range(per_file):
            n = f * per_file + k
            metric, unit, relation = METRICS[n % len(METRICS)]
            lines.append(
                f"  - id: claim-{n}\n"
                f"    subject: company-{f}\n"
                f"    metric: {metric}\n"
                f"    value: {1000 + n}\n"
                f"    unit: {unit}\n"
                f"    time: {{relation: {relation}, date: \"{2020 + n % 15}\"}}\n"
                f"    statement: Company {f} states figure number {n}.\n"
                f"    sources:\n"
                f"      - {{source: src-{n % 50}, where: paragraph {1 + n % 7}}}\n"
                f"    status: current\n"
                f"    reviewed: 2026-11-23\n")
        (root / f"company-{f}.yaml").write_text("".join(lines), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "claims"
        write_database(root, options.claims, options.files)
        size = sum(p.stat().st_size for p in root.iterdir()) / 1e6
        os.environ["BATTCLAIMS_CACHE"] = str(Path(tmp) / "cache")
        from battclaims.store import load

        start = time.perf_counter()
        database = load(root)
        cold = time.perf_counter() - start
        assert not database.problems, database.problems[:3]
        assert len(database.claims) == options.claims // options.files * options.files
        warm = []
        for _ in range(options.repeat):
            start = time.perf_counter()
            load(root)
            warm.append(time.perf_counter() - start)
        print(f"{len(database.claims)} claims in {options.files} files ({size:.1f} MB of YAML)")
        print(f"cold load (parse and validate):    {cold:.2f} s")
        print(f"warm load (kept whole, read back): {statistics.median(warm):.2f} s "
              f"(median of {options.repeat})")


if __name__ == "__main__":
    main()
