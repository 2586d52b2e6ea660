"""Is the output of two battclaims installs identical? For a speed-up that must change
nothing: ``extract``, ``check`` and ``diff`` (JSON) on the dev set's texts and article
pairs (read from ``../shared/dev``, never copied here), the corpus (``../shared/corpus``)
and ``examples/drafts``, each run by both installs and compared.

    python benchmarks/same_output.py /before/venv/bin/battclaims /after/venv/bin/battclaims

Exit code 0 when every output is the same, 1 otherwise (the first differences shown).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def texts(folder: Path) -> Iterator[list[str]]:
    """The commands to compare, the dev set's texts written to ``folder`` first."""
    dev = SHARED / "dev"
    if (dev / "extract.jsonl").is_file():
        by_lang: dict[str, list[str]] = {}
        for line in (dev / "extract.jsonl").read_text("utf-8").splitlines():
            record = json.loads(line)
            by_lang.setdefault(record["lang"], []).append(" ".join(record["text"].split()))
        for lang, items in sorted(by_lang.items()):
            path = folder / f"dev-{lang}.txt"
            path.write_text("\n\n".join(items) + "\n", "utf-8")
            yield ["extract", str(path), "--lang", lang, "--format", "json"]
    if (dev / "match.jsonl").is_file():
        sides = [folder / "pairs-a", folder / "pairs-b"]
        for side in sides:
            side.mkdir()
        for n, line in enumerate((dev / "match.jsonl").read_text("utf-8").splitlines()):
            record = json.loads(line)
            for side, key in zip(sides, "ab", strict=True):
                (side / f"{n:03}.md").write_text(record[key]["text"] + "\n", "utf-8")
        yield ["diff", str(sides[0]), str(sides[1]), "--format", "json"]
    articles = dev / "articles"
    expect = articles / "expect.json"
    if expect.is_file():
        names = sorted(p.name for p in articles.glob("*.md"))
        for a, b in itertools.pairwise(names):
            yield ["diff", str(articles / a), str(articles / b), "--format", "json"]
        yield ["extract", str(articles), "--format", "json"]
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        yield ["extract", str(corpus), "--format", "json"]
        yield ["check", str(corpus), "--format", "json"]
    yield ["check", str(ROOT / "examples" / "drafts"), "--format", "json"]


def run(executable: str, command: list[str]) -> tuple[int, Any]:
    done = subprocess.run([executable, *command], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    try:
        return done.returncode, json.loads(done.stdout)
    except json.JSONDecodeError:
        return done.returncode, done.stdout + done.stderr


def differences(a: Any, b: Any, where: str = "") -> Iterator[str]:
    if type(a) is not type(b):
        yield f"{where}: {a!r:.120} vs {b!r:.120}"
    elif isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            yield from differences(a.get(key), b.get(key), f"{where}.{key}")
    elif isinstance(a, list):
        if len(a) != len(b):
            yield f"{where}: {len(a)} items vs {len(b)}"
        for n, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from differences(x, y, f"{where}[{n}]")
    elif a != b:
        yield f"{where}: {a!r:.120} vs {b!r:.120}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    options = parser.parse_args()
    same = True
    with tempfile.TemporaryDirectory() as tmp:
        for command in texts(Path(tmp)):
            label = " ".join(Path(part).name if "/" in part else part for part in command)
            before, after = run(options.before, command), run(options.after, command)
            found = list(differences(before, after))
            print(f"{'same' if not found else 'DIFFERENT'}  {label}")
            for line in found[:10]:
                print(f"    {line}")
            same = same and not found
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
