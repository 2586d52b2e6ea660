"""Start-up of ``battclaims check`` on one article (output to a pipe, as in CI), side by
side with ``proselint check`` on the same file and ``python -c pass``: runs alternate
between the commands (A, B, C, A, B, C…) so that the machine's load falls on all alike,
and the ratios to proselint are what to read. Each run's CPU time (user and system, from
the operating system's accounting of the child) is reported beside its wall-clock time:
on a loaded machine it varies less.

    python benchmarks/startup.py                       # the battclaims on PATH
    python benchmarks/startup.py /old/bin/battclaims /new/bin/battclaims
    python benchmarks/startup.py --proselint /other/venv/bin/proselint --cold

proselint is looked for on PATH unless given (``pip install proselint`` in any
environment). ``--cold`` gives every battclaims run an empty parse cache, as on a CI
machine's first run; by default the cache is warm after the first round.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "drafts" / "brouillon-vallee.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executables", nargs="*", help="battclaims executables to compare")
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--proselint", default=shutil.which("proselint"))
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--cold", action="store_true", help="an empty parse cache each run")
    options = parser.parse_args()
    executables = options.executables or [shutil.which("battclaims") or "battclaims"]
    article = str(options.article.resolve())
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    if options.proselint:
        commands["proselint check"] = [options.proselint, "check", article]
    for exe in executables:
        commands[exe] = [exe, "check", article]  # a pipe: concise output
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as folder:
        environment = dict(os.environ)
        for run in range(options.runs + 1):
            for name, command in commands.items():
                if options.cold:
                    environment["BATTCLAIMS_CACHE"] = str(Path(folder) / f"cache-{run}-{name}")
                used = _children_cpu()
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=folder, env=environment, check=False)
                times[name].append(time.perf_counter() - start)
                cpu[name].append(_children_cpu() - used)
    print(f"{options.article.name}, {options.runs} runs each, alternating"
          f"{', cold parse cache' if options.cold else ''}")
    for kind, measured in (("wall", times), ("cpu", cpu)):
        reference = (statistics.median(measured["proselint check"][1:]) if options.proselint
                     else None)
        for name, values in measured.items():
            values = values[1:]  # the first round warms the file-system cache
            median = statistics.median(values)
            ratio = f"  {median / reference:.2f}× proselint's" if reference else ""
            print(f"{kind:4} {name:50} median {median:.4f} s  min {min(values):.4f} s{ratio}")


def _children_cpu() -> float:
    """CPU seconds (user and system) of the children waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
