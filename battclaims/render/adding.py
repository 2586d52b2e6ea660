"""Output of ``battclaims claims add``: the candidates, numbered.

Five columns, so that the table fits an 80-column terminal with every column
shown: the figure column holds the value, its unit and its time; the next the
subject and the metric. When the table is wider than the terminal, each column
gets a share of the width (none more than it needs) and long cells wrap (ids
fold): nothing is cropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..formatting import time_words, value_words
from .table import snippet

if TYPE_CHECKING:  # pragma: no cover
    from ..adding import Candidate

STYLES = {"new": "green", "duplicate": "yellow", "recorded": "yellow", "conflict": "bold red",
          "time-conflict": "bold red", "unaddable": "dim"}
HEADERS = ("claim, in its sentence", "figure, time", "subject, metric", "in the database")
SHARES = (3, 2, 2, 3)
"""How the width is shared between the columns after ``#`` when it is short."""
NARROWEST = 8
"""No column is made narrower than this."""


def candidates_table(candidates: Iterable[Candidate], stream: TextIO) -> None:
    """A numbered table of the claims offered, with how each relates to the database."""
    console = Console(file=stream, highlight=False, soft_wrap=False)
    grid = Table(title="Claims found", title_justify="left", title_style="bold")
    grid.add_column("#", justify="right", no_wrap=True)
    for header in HEADERS:
        grid.add_column(header, overflow="fold")
    rows = []
    for candidate in candidates:
        claim = candidate.claim
        rows.append((str(candidate.number), snippet(claim), Text(_figure(candidate)),
                     Text(f"{claim.subject or '(no subject)'}\n{claim.metric or '(no metric)'}"),
                     Text(candidate.relation, style=STYLES.get(candidate.status, ""))))
        grid.add_row(*rows[-1])
    if rows:
        numbers = max(len(row[0]) for row in rows)
        room = console.width - numbers - 3 * len(grid.columns) - 1  # borders and padding
        naturals = [max(_longest(row[k]) for row in rows) for k in range(1, len(grid.columns))]
        if sum(naturals) > room:
            for column, width in zip(grid.columns[1:], _share(naturals, room), strict=True):
                column.width = width
    console.print(grid)


def _figure(candidate: Candidate) -> str:
    """``15 gigawatt_hour / year`` and, on the next line, ``from 2025``."""
    claim = candidate.claim
    if claim.kind == "event":
        figure = "event"
    else:
        figure = " ".join(p for p in (value_words(claim), claim.unit) if p)
    time = time_words(claim.time)
    return f"{figure}\n{time}" if time else figure


def _longest(cell: str | Text) -> int:
    """The width of a cell's longest line."""
    text = cell.plain if isinstance(cell, Text) else cell
    return max((len(line) for line in text.splitlines()), default=0)


def _share(naturals: Sequence[int], room: int) -> list[int]:
    """Widths for columns that need ``naturals`` in ``room``: by :data:`SHARES`, a column
    that needs less than its share taking what it needs and leaving the rest to others."""
    widths = [0] * len(naturals)
    active = list(range(len(naturals)))
    left = room
    while active:
        total = sum(SHARES[k] for k in active)
        grants = {k: max(NARROWEST, left * SHARES[k] // total) for k in active}
        satisfied = [k for k in active if naturals[k] <= grants[k]]
        if not satisfied:
            for k in active:
                widths[k] = grants[k]
            widths[active[-1]] += max(0, left - sum(grants.values()))
            break
        for k in satisfied:
            widths[k] = max(naturals[k], 1)
            left -= widths[k]
            active.remove(k)
    return widths
