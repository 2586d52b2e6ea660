"""Extraction throughput against a plain regular-expression scan for digits.

    python benchmarks/throughput.py                       # the installed battclaims, 4 MB
    python benchmarks/throughput.py --cli A --cli B       # two installs, side by side
    python benchmarks/throughput.py --megabytes 1 --keep /tmp/bench   # keep the files

About 4 MB of varied news is built at run time, in many files, from the texts beside the
repository (``../shared/corpus/*.txt``, ``../shared/dev/articles/*.md``) and the example
drafts (``examples/drafts/*.md``): their paragraphs shuffled (with a fixed seed) into
files of 5 to 40 paragraphs, so that no file is another's copy. Nothing is copied into
the repository. Then, in one run, alternating so that the machine's load falls on each
alike:

- ``battclaims extract FOLDER --format jsonl`` by each install given (the whole process:
  start-up included, about a tenth of a second over seconds of work);
- a plain scan of the same bytes: read each file, decode it and find every run of
  digits with :mod:`re` (``\\d+``), in this process.

Reported: the median MB/s of each, and each install's throughput as a percentage of the
scan's (issue 12's measure: 1.4 % before, aimed at 5 % or more). With ``--check`` the
outputs of the installs are compared too (identical JSON lines expected).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_DIGITS = re.compile(r"\d+")


def source_texts() -> list[str]:
    """The texts the benchmark is made of, read now (never stored in the repository)."""
    paths = [*sorted((SHARED / "corpus").glob("*.txt")),
             *sorted((SHARED / "dev" / "articles").glob("*.md")),
             *sorted((ROOT / "examples" / "drafts").glob("*.md"))]
    texts = [p.read_text("utf-8") for p in paths]
    if not texts:
        raise SystemExit("no source texts: ../shared/corpus, ../shared/dev/articles and "
                         "examples/drafts are all missing")
    return texts


def build(folder: Path, megabytes: float, seed: int = 12) -> int:
    """Fill ``folder`` with about ``megabytes`` MB of news in many files; the byte count."""
    paragraphs = [p.strip() for text in source_texts() for p in re.split(r"\n\s*\n", text)
                  if p.strip() and not p.lstrip().startswith("---")]
    rng = random.Random(seed)
    target, written, number = int(megabytes * 1_000_000), 0, 0
    while written < target:
        picked = [rng.choice(paragraphs) for _ in range(rng.randint(5, 40))]
        data = ("\n\n".join(picked) + "\n").encode("utf-8")
        (folder / f"news-{number:04}.md").write_bytes(data)
        written += len(data)
        number += 1
    return written


def scan(folder: Path) -> float:
    """Seconds to read, decode and scan every file for runs of digits."""
    start = time.perf_counter()
    found = 0
    for path in sorted(folder.iterdir()):
        found += sum(1 for _ in _DIGITS.finditer(path.read_bytes().decode("utf-8")))
    elapsed = time.perf_counter() - start
    if not found:  # pragma: no cover - the texts hold figures
        raise SystemExit("no digits found")
    return elapsed


def extract(cli: str, folder: Path, output: Path | None) -> float:
    """Seconds ``battclaims extract FOLDER --format jsonl`` takes (whole process)."""
    start = time.perf_counter()
    with open(output or "/dev/null", "wb") as out:
        done = subprocess.run([cli, "extract", str(folder), "--format", "jsonl"],
                              stdout=out, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{cli} failed: {done.stderr.decode(errors='replace')[:2000]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", action="append",
                        help="a battclaims executable (repeat to compare installs; "
                             "default: the one beside this Python, else on PATH)")
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median kept)")
    parser.add_argument("--keep", help="build the text in this folder and keep it")
    parser.add_argument("--check", action="store_true",
                        help="also compare the installs' outputs (must be identical)")
    options = parser.parse_args()
    default = Path(sys.executable).with_name("battclaims")
    clis = options.cli or [str(default) if default.exists() else
                           shutil.which("battclaims") or "battclaims"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(options.keep or temporary) / "news"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        size = build(folder, options.megabytes)
        files = len(list(folder.iterdir()))
        print(f"{size / 1e6:.2f} MB of news in {files} files")
        outputs = [Path(temporary) / f"out-{n}.jsonl" for n in range(len(clis))]
        timings: dict[str, list[float]] = {"scan": [], **{cli: [] for cli in clis}}
        for run in range(options.repeat):
            timings["scan"].append(scan(folder))
            for n, cli in enumerate(clis):
                keep = outputs[n] if options.check and run == 0 else None
                timings[cli].append(extract(cli, folder, keep))
        megabytes = size / 1e6
        scan_rate = megabytes / statistics.median(timings["scan"])
        print(f"{'re scan for digits':40} {scan_rate:9.1f} MB/s")
        rates = {}
        for cli in clis:
            rates[cli] = megabytes / statistics.median(timings[cli])
            print(f"{cli:40} {rates[cli]:9.2f} MB/s  {100 * rates[cli] / scan_rate:6.2f} % "
                  f"of the scan")
        if len(clis) > 1:
            first = rates[clis[0]]
            for cli in clis[1:]:
                print(f"{cli} / {clis[0]}: {rates[cli] / first:.2f}×")
        if options.check and len(clis) > 1:
            reference = outputs[0].read_bytes()
            for cli, out in zip(clis[1:], outputs[1:], strict=True):
                same = out.read_bytes() == reference
                print(f"output of {cli}: {'identical' if same else 'DIFFERENT'}")
                if not same:
                    raise SystemExit(1)


if __name__ == "__main__":
    main()
