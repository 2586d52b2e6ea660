"""Speed-up of ``battclaims check`` on a folder of 200 articles (the corpus articles in
turn, or the shipped examples when the corpus is not beside the repository) with
``--jobs 1`` against the default (one process per core), run side by side: the runs
alternate (1, default, 1, default…) so that the machine's load falls on both alike.

    python benchmarks/parallel.py                     # the battclaims on PATH
    python benchmarks/parallel.py --repeat 5 --articles 400
    python benchmarks/parallel.py --cli /other/venv/bin/battclaims
    python benchmarks/parallel.py --command extract   # extract --format jsonl instead

Prints each setting's median and minimum times and peak memory (the largest process:
the main one or a worker), and the speed-up (time at --jobs 1 / at the default). On a shared
machine the other users' processes take cores too: the ceiling printed first is the
speed-up that pure Python loops get from as many processes as cores, measured around
the runs (1.0× when the other cores are busy; the core count when they are idle).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from run import command, run, sources  # benchmarks/run.py: the same command and measure


def folder(directory: Path, articles: int) -> None:
    """``articles`` files, each one article (the texts in turn), 50 to a subfolder."""
    pool = [path.read_text("utf-8") for path in sources()]
    for n in range(articles):
        sub = directory / f"{n // 50:02}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{n:03}.md").write_text(pool[n % len(pool)], "utf-8")


def _burn(n: int = 3_000_000) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def ceiling(cores: int) -> float:
    """How much faster ``cores`` busy loops run in as many processes than in one, now."""
    start = time.perf_counter()
    for _ in range(cores):
        _burn()
    alone = time.perf_counter() - start
    start = time.perf_counter()
    processes = [multiprocessing.Process(target=_burn) for _ in range(cores)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return alone / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", help="the battclaims executable (default: the one on PATH)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each setting")
    parser.add_argument("--command", choices=["check", "extract"], default="check")
    options = parser.parse_args()
    cli = [options.cli] if options.cli else command()
    fmt = ["--format", "json" if options.command == "check" else "jsonl"]
    settings = {"--jobs 1": ["--jobs", "1"], "default": []}
    shown = subprocess.run([*cli, options.command, "--help"], capture_output=True, text=True,
                           check=False)
    if "--jobs" not in shown.stdout:
        raise SystemExit(f"{' '.join(cli)} has no --jobs (give another with --cli)")
    with tempfile.TemporaryDirectory() as tmp:
        folder(Path(tmp), options.articles)
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*.md")) / 1000
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
        cores = cores or os.cpu_count() or 1
        print(f"{options.command} of {options.articles} articles ({size:.0f} KB), "
              f"{cores} cores")
        times: dict[str, list[float]] = {name: [] for name in settings}
        peaks: dict[str, list[int]] = {name: [] for name in settings}
        ceilings = [ceiling(cores)]
        for _ in range(options.repeat):
            for name, jobs in settings.items():
                elapsed, peak = run([*cli, options.command, *fmt, *jobs, tmp])
                times[name].append(elapsed)
                peaks[name].append(peak)
            ceilings.append(ceiling(cores))
        print(f"ceiling (busy loops in {cores} processes): "
              f"{', '.join(f'{c:.2f}×' for c in ceilings)}")
        for name in settings:
            print(f"{name:10} median {statistics.median(times[name]):6.2f} s  min "
                  f"{min(times[name]):6.2f} s  (runs: "
                  f"{', '.join(f'{t:.2f}' for t in times[name])})  peak "
                  f"{max(peaks[name]) / 1024:.0f} MiB")
        ratio = statistics.median(times["--jobs 1"]) / statistics.median(times["default"])
        best = min(times["--jobs 1"]) / min(times["default"])
        print(f"speed-up: {ratio:.2f}× (medians), {best:.2f}× (minimums)")


if __name__ == "__main__":
    main()
