"""Start-up of ``battclaims check`` on one short Markdown draft (output to a pipe, as in
CI), for installs compared side by side: runs alternate between them (A, B, A, B…) so
that the machine's load falls on both alike, and ``python -c pass`` is timed the same way.

    python benchmarks/startup.py /old/venv/bin/battclaims /new/venv/bin/battclaims
    python benchmarks/startup.py            # the battclaims on PATH alone
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRAFT = """---
title: Verkor accélère
published: 2024-10-07
---

# Verkor accélère à Dunkerque

Verkor fournira 16 GWh par an au groupe Renault dès 2025.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executables", nargs="*", help="battclaims executables to compare")
    parser.add_argument("--runs", type=int, default=31)
    options = parser.parse_args()
    executables = options.executables or [shutil.which("battclaims") or "battclaims"]
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.md"
        draft.write_text(DRAFT, "utf-8")
        commands = {"python -c pass": [sys.executable, "-c", "pass"]}
        for exe in executables:
            commands[exe] = [exe, "check", str(draft)]  # a pipe: concise output
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs + 1):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=folder, check=False)
                times[name].append(time.perf_counter() - start)
    for name, values in times.items():
        values = values[1:]  # the first round warms the file-system cache
        print(f"{name:60} median {statistics.median(values):.4f} s  min {min(values):.4f} s")


if __name__ == "__main__":
    main()
