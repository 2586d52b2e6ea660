"""Output of ``battclaims claims add``: the candidates, numbered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table

from .table import format_time, format_value, snippet

if TYPE_CHECKING:  # pragma: no cover
    from ..adding import Candidate


def candidates_table(candidates: Iterable[Candidate], stream: TextIO) -> None:
    """A numbered table of the claims offered, with how each relates to the database."""
    console = Console(file=stream, highlight=False, soft_wrap=False)
    grid = Table(title="Claims found", title_justify="left", title_style="bold")
    grid.add_column("#", justify="right")
    grid.add_column("claim, in its sentence", ratio=1, min_width=30)
    grid.add_column("value", justify="right")
    grid.add_column("unit")
    grid.add_column("time")
    grid.add_column("subject")
    grid.add_column("metric")
    grid.add_column("in the database")
    for candidate in candidates:
        claim = candidate.claim
        grid.add_row(str(candidate.number), snippet(claim), format_value(claim),
                     claim.unit or ("event" if claim.kind == "event" else ""),
                     format_time(claim.time), claim.subject or "", claim.metric or "",
                     candidate.relation)
    console.print(grid)
