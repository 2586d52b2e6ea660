"""Speed and memory of battclaims, measured as a user would run it.

    python benchmarks/run.py            # all measurements
    python benchmarks/run.py --quick    # fewer repetitions, smaller files
    python benchmarks/run.py --cli /other/venv/bin/battclaims   # another install, to compare

Reports the median wall time of ``battclaims extract`` on one article and of
``battclaims check`` on one short Markdown draft next to ``python -c pass``
(start-up), and the throughput and peak memory of
``battclaims extract --format jsonl`` on files of growing size made by
repeating the corpus articles (or the shipped examples when the corpus is not
beside the repository), to show that time grows linearly with input size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def sources() -> list[Path]:
    if CORPUS.is_dir():
        return sorted(CORPUS.glob("0*.txt"))
    return sorted((ROOT / "examples").glob("*.md"))


def command() -> list[str]:
    exe = shutil.which("battclaims")
    return [exe] if exe else [sys.executable, "-m", "battclaims.cli"]


def run(args: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, rusage = os.wait4(proc.pid, 0)[1:]
    elapsed = time.perf_counter() - start
    if proc.returncode not in (None, 0) and rusage is None:  # pragma: no cover
        raise SystemExit(proc.stderr.read() if proc.stderr else "failed")
    return elapsed, rusage.ru_maxrss


def median_time(args: list[str], repeat: int) -> float:
    run(args)  # warm the file-system cache
    return statistics.median(run(args)[0] for _ in range(repeat))


def big_file(directory: Path, megabytes: float) -> Path:
    texts = [p.read_text("utf-8").replace("date 2024-08", "").replace("date 2023-04", "")
             for p in sources()]
    block = "\n\n".join(texts) + "\n\n"
    target = int(megabytes * 1_000_000)
    path = directory / f"big-{megabytes:g}MB.txt"
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < target:
            out.write(block)
            written += len(block.encode("utf-8"))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cli", help="the battclaims executable (default: the one on PATH)")
    parser.add_argument("--start-up", action="store_true", help="only the start-up figures")
    options = parser.parse_args()
    repeat = 5 if options.quick else 21
    sizes = [0.5, 1, 2] if options.quick else [1, 2, 5, 10]
    article = str(sources()[0])
    cli = [options.cli] if options.cli else command()
    draft_dir = tempfile.mkdtemp()
    draft = Path(draft_dir) / "draft.md"
    draft.write_text("---\ntitle: Verkor\npublished: 2024-10-07\n---\n\n# Verkor accélère\n\n"
                     "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n", "utf-8")
    figures: dict[str, object] = {
        "python -c pass (s)": round(median_time([sys.executable, "-c", "pass"], repeat), 4),
        "battclaims extract article (s)": round(
            median_time([*cli, "extract", "--format", "json", article], repeat), 4
        ),
        "battclaims extract article, table (s)": round(
            median_time([*cli, "extract", "--format", "table", article], repeat), 4
        ),
        "battclaims check short Markdown, concise (s)": round(
            median_time([*cli, "check", str(draft)], repeat), 4
        ),
    }
    shutil.rmtree(draft_dir)
    if options.start_up:
        sizes = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = big_file(Path(tmp), size)
            actual = path.stat().st_size / 1_000_000
            elapsed, peak = run([*cli, "extract", "--format", "jsonl", str(path)])
            figures[f"{actual:.1f} MB"] = {
                "seconds": round(elapsed, 2),
                "MB/s": round(actual / elapsed, 2),
                "peak MiB": round(peak / 1024),
            }
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key:40} {value}")


if __name__ == "__main__":
    main()
