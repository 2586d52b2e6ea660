"""Time and memory of ``battclaims extract --format jsonl`` on pathological text at 1×, 2×
and 4× its size (25, 50 and 100 KB), to show that both grow linearly: a long sentence of
figures with no period, one figure repeated ("12 GWh, 12 GWh, …"), hedged figures,
thousands of grouped numbers ("1 2 3 …"), unclosed Markdown image and link runs.

    python benchmarks/scaling.py                # every shape
    python benchmarks/scaling.py --shape repeated
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from run import command, run  # benchmarks/run.py: the same command and measure

FIGURES = ["Verkor fournira 12 GWh par an", "Renault vendra 300 000 voitures",
           "l'État versera 150 millions d'euros", "ACC créera près de 2 000 emplois"]

SHAPES: dict[str, Callable[[int], str]] = {
    "long sentence": lambda n: ", ".join(FIGURES[k % 4] for k in range(n // 30)),
    "repeated": lambda n: ", ".join(["12 GWh"] * (n // 8)),
    "hedged": lambda n: " et ".join(["environ 12 GWh, près de 3 %"] * (n // 31)),
    "grouped numbers": lambda n: " ".join(str(k % 10) for k in range(n // 2)),
    "unclosed images": lambda n: "Verkor 12 GWh ![" * (n // 16),
    "unclosed links": lambda n: "Verkor 12 GWh ](" * (n // 16),
}
SIZES = (25_000, 50_000, 100_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    options = parser.parse_args()
    cli = command()
    with tempfile.TemporaryDirectory() as folder:
        for name in options.shape or SHAPES:
            times = []
            for size in SIZES:
                path = Path(folder) / "text.md"
                path.write_text(SHAPES[name](size)[:size] + "\n", "utf-8")
                elapsed, peak = run([*cli, "extract", "--format", "jsonl", str(path)])
                times.append(elapsed)
                print(f"{name:16} {size // 1000:4} KB  {elapsed:6.2f} s  {peak // 1024:5} MiB")
            print(f"{name:16} 4× the text: {times[-1] / times[0]:.1f}× the time")


if __name__ == "__main__":
    main()
