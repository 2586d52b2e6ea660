"""Output of ``battclaims claims list``: the reference claims, grouped by subject."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table

from ..formatting import number, time_words
from ..store import Database, Reference

SCHEMA_VERSION = 1


def format_reference_value(claim: Reference) -> str:
    """The value with its qualifier: ``≈ 2,000,000 (1,800,000–2,000,000)``."""
    if claim.kind == "event":
        return ""
    if claim.vague:
        return "vague"
    if claim.qualifier == "range":
        return f"{number(claim.low)}–{number(claim.high)}"
    symbol = {"lower": "≥ ", "upper": "≤ ", "approx": "≈ "}.get(claim.qualifier or "", "")
    return symbol + number(claim.value)


def table(database: Database, claims: Iterable[Reference], stream: TextIO) -> None:
    """A rich table per subject."""
    console = Console(file=stream, highlight=False, soft_wrap=False)
    count = 0
    for subject, group in groupby(claims, key=lambda c: c.subject):
        entity = database.entities.get(subject)
        title = f"{entity.name if entity else subject} ({subject})"
        wide = console.width >= 120
        grid = Table(title=title, title_justify="left", title_style="bold")
        grid.add_column("id", style="dim", overflow="fold")
        if wide:
            grid.add_column("metric", overflow="fold")
            grid.add_column("value", justify="right")
            grid.add_column("unit", overflow="fold")
            grid.add_column("time")
        else:  # below 120 columns: value, unit and time together, under the metric
            grid.add_column("metric, value", overflow="fold")
        grid.add_column("status", overflow="fold")
        grid.add_column("sources", overflow="fold")
        for claim in group:
            count += 1
            status = claim.status
            if claim.superseded_by:
                status += f" by {claim.superseded_by}"
            unit = claim.unit or ("event" if claim.kind == "event" else "")
            sources = ", ".join(c.source for c in claim.sources)
            if wide:
                grid.add_row(claim.id, claim.metric, format_reference_value(claim), unit,
                             time_words(claim.time), status, sources)
            else:
                figure = " ".join(p for p in (format_reference_value(claim), unit,
                                               time_words(claim.time)) if p)
                grid.add_row(claim.id, f"{claim.metric}\n{figure}", status, sources)
        console.print(grid)
    console.print(f"{count} claim{'' if count == 1 else 's'}")


def as_json(database: Database, claims: Iterable[Reference], stream: TextIO) -> None:
    """``{"version": 1, "root": ..., "claims": [...]}``."""
    document = {"version": SCHEMA_VERSION, "root": str(database.root) if database.root else None,
                "claims": [c.to_dict() for c in claims]}
    stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
