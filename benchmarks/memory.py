"""Peak memory of ``battclaims extract --format jsonl`` on a folder of 16 MB (some 1 800
articles of 8 KB made by repeating the corpus articles, or the shipped examples when the
corpus is not beside the repository, and the example drafts): documents are streamed,
each line written as it comes, so the peak must not grow with the folder. Installs given
are run side by side, alternating, on the same folder.

    python benchmarks/memory.py                                   # the battclaims on PATH
    python benchmarks/memory.py /old/venv/bin/battclaims /new/venv/bin/battclaims
    python benchmarks/memory.py --megabytes 4 --jobs 1            # smaller, one process

Two peaks: the largest resident set of one process (the command or one of its worker
processes: what ``wait4`` reports for the tree), and on Linux the largest sum of the
proportional set sizes (PSS, ``/proc/PID/smaps_rollup``) of the command and its workers,
sampled every 50 ms: what the run costs the machine in all, the pages that forked workers
share counted once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from run import ROOT, command, run, sources  # benchmarks/run.py: the same command and measure


def texts() -> list[str]:
    """The articles a folder is made of: the corpus (or examples) and the example drafts."""
    found = [*sources(), *sorted((ROOT / "examples" / "drafts").glob("*.md"))]
    return [path.read_text("utf-8") for path in found]


def folder(directory: Path, megabytes: float, size: int = 8_000) -> int:
    """Write articles of about ``size`` bytes (texts repeated in turn) into ``directory``,
    in subfolders of 100, up to ``megabytes``; the number of files."""
    pool = texts()
    target = int(megabytes * 1_000_000)
    written = count = turn = 0
    while written < target:
        parts: list[str] = []
        length = 0
        while length < size:
            text = pool[turn % len(pool)]
            turn += 1
            parts.append(text)
            length += len(text.encode("utf-8")) + 2
        body = "\n\n".join(parts) + "\n"
        sub = directory / f"{count // 100:03}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{count:05}.md").write_text(body, "utf-8")
        written += len(body.encode("utf-8"))
        count += 1
    return count


def pss(pid: int) -> int:
    """PSS (KiB) of a process and its descendants (0 for those gone)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
                break
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(pss(int(child)) for child in children)


def measured(args: list[str]) -> tuple[float, int, int]:
    """Wall time, peak RSS of one process and peak PSS of the tree (KiB; 0: not known)."""
    highest = [0]
    done = threading.Event()
    mine = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")

    def sample() -> None:
        while not done.is_set():
            started = mine.read_text().split() if mine.exists() else []
            if started:  # the command: this process's only child
                highest[0] = max(highest[0], pss(int(started[-1])))
            time.sleep(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    try:
        elapsed, peak = run(args)
    finally:
        done.set()
        watcher.join()
    return elapsed, peak, highest[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cli", nargs="*", help="battclaims executables (default: on PATH)")
    parser.add_argument("--megabytes", type=float, default=16.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each install")
    parser.add_argument("--jobs", help="pass --jobs N (installs before 0.x have no --jobs)")
    options = parser.parse_args()
    clis = [[exe] for exe in options.cli] or [command()]
    jobs = ["--jobs", options.jobs] if options.jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        count = folder(Path(tmp), options.megabytes)
        total = sum(p.stat().st_size for p in Path(tmp).rglob("*.md")) / 1_000_000
        print(f"folder: {count} articles, {total:.1f} MB")
        runs: list[list[tuple[float, int, int]]] = [[] for _ in clis]
        for _ in range(options.repeat):
            for n, cli in enumerate(clis):  # alternate: the machine's load falls on all
                runs[n].append(measured([*cli, "extract", "--format", "jsonl", *jobs, tmp]))
        for cli, done in zip(clis, runs, strict=True):
            rss = max(peak for _, peak, _ in done) / 1024
            total_pss = max(tree for _, _, tree in done) / 1024
            print(f"{' '.join(cli)} {' '.join(jobs)}: peak RSS of one process {rss:.0f} MiB, "
                  f"peak PSS of all {total_pss:.0f} MiB, median "
                  f"{statistics.median(elapsed for elapsed, _, _ in done):.1f} s")


if __name__ == "__main__":
    main()
