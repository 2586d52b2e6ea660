"""Output of ``battclaims diff``: a table per section, or the versioned JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .check import COLOURS
from .table import format_time, format_value

if TYPE_CHECKING:  # pragma: no cover
    from ..diffing import DiffReport, Located, Pair


def _cell(item: Located) -> Text:
    claim = item.claim
    text = Text(f"{item.path or '<text>'}:{claim.line}:{claim.column}\n", style="dim")
    text.append(claim.text, style="bold")
    value = format_value(claim)
    details = " ".join(p for p in (value, claim.unit or "", format_time(claim.time)) if p)
    if details:
        text.append(f"\n{details}")
    return text


def _pairs(console: Console, title: str, pairs: Iterable[Pair]) -> None:
    rows = list(pairs)
    if not rows:
        return
    grid = Table(title=title, title_justify="left", title_style="bold")
    grid.add_column("A", ratio=1)
    grid.add_column("B", ratio=1)
    grid.add_column("verdict", no_wrap=True)
    grid.add_column("explanation", ratio=1)
    for pair in rows:
        verdict = pair.verdict
        grid.add_row(_cell(pair.a), _cell(pair.b),
                     Text(verdict, style=COLOURS.get(verdict, "dim")), pair.explanation)
    console.print(grid)


def _singles(console: Console, title: str, items: Iterable[Located]) -> None:
    rows = list(items)
    if not rows:
        return
    grid = Table(title=title, title_justify="left", title_style="bold")
    grid.add_column("claim")
    grid.add_column("subject")
    grid.add_column("metric")
    for item in rows:
        grid.add_row(_cell(item), item.claim.subject or "", item.claim.metric or "")
    console.print(grid)


def table(report: DiffReport, stream: TextIO) -> None:
    """Conflicts first (side by side), then agreements, look-alikes, one-sided claims,
    duplicates, and a summary line."""
    console = Console(file=stream, highlight=False, soft_wrap=False)
    changed = [p for p in report.pairs if p.verdict != "agree"]
    _pairs(console, "Conflicting claims", changed)
    _pairs(console, "Agreeing claims", [p for p in report.pairs if p.verdict == "agree"])
    _pairs(console, "Different facts that look alike", report.related)
    _singles(console, f"Only in {report.a}", report.only_a)
    _singles(console, f"Only in {report.b}", report.only_b)
    for duplicate in report.duplicates:
        claim, first = duplicate["claim"], duplicate["first"]
        console.print(f"duplicate in {duplicate['path']}:{claim['line']}:{claim['column']} "
                      f"“{claim['text']}” repeats line {first['line']}:{first['column']}")
    agree = len(report.pairs) - len(changed)
    console.print(f"{agree} agree, {len(changed)} conflict, {len(report.related)} look-alike, "
                  f"{len(report.only_a)} only in A, {len(report.only_b)} only in B, "
                  f"{len(report.duplicates)} duplicate", style="bold")


def as_json(report: DiffReport, stream: TextIO) -> None:
    stream.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
