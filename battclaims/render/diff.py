"""Output of ``battclaims diff`` proper to it: a table per section, the versioned JSON
and JSON Lines. The linter formats are in :mod:`.lint`, :mod:`.sarif` and :mod:`.concise`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..formatting import time_words, value_words
from . import SCHEMA_VERSION, Output, dumps
from .annotations import diff_summary
from .check import COLOURS

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.text import Text

    from ..diffing import DiffReport, Located, Pair


def _cell(item: Located) -> Text:
    from rich.text import Text

    claim = item.claim
    text = Text(f"{item.path or '<text>'}:{claim.line}:{claim.column}\n", style="dim")
    text.append(claim.text, style="bold")
    value = value_words(claim)
    details = " ".join(p for p in (value, claim.unit or "", time_words(claim.time)) if p)
    if details:
        text.append(f"\n{details}")
    return text


def _pairs(console: Console, title: str, pairs: Iterable[Pair]) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = list(pairs)
    if not rows:
        return
    grid = Table(title=title, title_justify="left", title_style="bold")
    grid.add_column("A", ratio=1, overflow="fold")
    grid.add_column("B", ratio=1, overflow="fold")
    grid.add_column("verdict", no_wrap=True)
    grid.add_column("explanation", ratio=1, overflow="fold")
    for pair in rows:
        verdict = pair.verdict
        grid.add_row(_cell(pair.a), _cell(pair.b),
                     Text(verdict, style=COLOURS.get(verdict, "dim")), pair.explanation)
    console.print(grid)


def _singles(console: Console, title: str, items: Iterable[Located]) -> None:
    from rich.table import Table

    rows = list(items)
    if not rows:
        return
    grid = Table(title=title, title_justify="left", title_style="bold")
    grid.add_column("claim", overflow="fold")
    grid.add_column("subject", overflow="fold")
    grid.add_column("metric", overflow="fold")
    for item in rows:
        grid.add_row(_cell(item), item.claim.subject or "", item.claim.metric or "")
    console.print(grid)


class TableDiff:
    """Conflicts first (side by side), then agreements, look-alikes, one-sided claims,
    duplicates, and a summary line."""

    def __init__(self, output: Output) -> None:
        self.output = output

    def diff(self, report: DiffReport) -> None:
        console = self.output.console()
        quiet = self.output.quiet
        failing = {id(p) for p in report.failing()}
        changed = [p for p in report.pairs if p.verdict != "agree"]
        _pairs(console, "Conflicting claims", [p for p in changed if not quiet or id(p) in failing])
        if not quiet:
            _pairs(console, "Agreeing claims", [p for p in report.pairs if p.verdict == "agree"])
            _pairs(console, "Different facts that look alike", report.related)
            _singles(console, f"Only in {report.a}", report.only_a)
            _singles(console, f"Only in {report.b}", report.only_b)
        for duplicate in report.duplicates:
            if quiet and id(duplicate) not in failing:
                continue
            claim, first = duplicate.claim, duplicate.first
            console.print(f"duplicate in {duplicate.path}:{claim.line}:{claim.column} "
                          f"“{claim.text}” repeats line {first.line}:{first.column}")
        if quiet:
            return
        agree = len(report.pairs) - len(changed)
        console.print(f"{agree} agree, {len(changed)} conflict, {len(report.related)} "
                      f"look-alike, {len(report.only_a)} only in A, {len(report.only_b)} only "
                      f"in B, {len(report.duplicates)} duplicate; "
                      f"{diff_summary(report).failing} at or above {report.settings.fail_on}",
                      style="bold")


class JSONDiff:
    """The versioned JSON document of a diff."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream

    def diff(self, report: DiffReport) -> None:
        self.stream.write(dumps({**report.to_dict(), "summary": summary_dict(report)},
                                indent=2) + "\n")


def summary_dict(report: DiffReport) -> dict[str, Any]:
    """What a diff found: the failing level and count, the verdicts, the input errors."""
    summary = diff_summary(report)
    return {"a": report.a, "b": report.b, "fail_on": report.settings.fail_on,
            "failing": summary.failing, "counts": dict(summary.counts),
            "errors": [str(e) for e in report.errors]}


class JSONLinesDiff:
    """One record per line: each pair, look-alike, one-sided claim and repeat, with its
    ``type``, then a summary record."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream

    def diff(self, report: DiffReport) -> None:
        data = report.to_dict()
        records: list[dict[str, Any]] = []
        for kind, key in (("pair", "pairs"), ("related", "related"), ("only_a", "only_a"),
                          ("only_b", "only_b"), ("duplicate", "duplicates")):
            records += [{"version": SCHEMA_VERSION, "type": kind, **item} for item in data[key]]
        records.append({"version": SCHEMA_VERSION, "type": "summary", **summary_dict(report)})
        self.stream.writelines(dumps(record) + "\n" for record in records)
