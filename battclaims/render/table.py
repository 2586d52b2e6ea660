"""Human output: a rich table per document."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Claim, Extraction

CONTEXT = 35
"""Characters of the sentence shown on each side of the quantity."""


def format_value(value: float | None) -> str:
    """``1500000000.0`` -> ``"1,500,000,000"``; locale-independent."""
    if value is None:
        return "vague"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def snippet(quantity: Claim) -> Text:
    """The sentence around the quantity, the quantity highlighted."""
    start, end = quantity.highlight
    sentence = quantity.sentence
    left = max(0, start - CONTEXT)
    right = min(len(sentence), end + CONTEXT)
    text = Text("…" if left else "")
    text.append(sentence[left:start])
    text.append(sentence[start:end], style="bold yellow")
    text.append(sentence[end:right])
    if right < len(sentence):
        text.append("…")
    return text


class TableRenderer:
    """A table per document: where, as written, value, unit, and the sentence."""

    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream, highlight=False, soft_wrap=False)

    def begin(self) -> None:
        pass

    def document(self, extraction: Extraction) -> None:
        count = len(extraction.quantities)
        details = [f"lang {extraction.lang}", f"published {extraction.published or 'unknown'}"]
        details.append(f"{count} quantit{'y' if count == 1 else 'ies'}")
        title = f"{extraction.path or '<text>'} ({', '.join(details)})"
        if not count:
            self.console.print(title, style="bold")
            return
        table = Table(title=title, title_justify="left", title_style="bold", expand=False)
        table.add_column("line:col", no_wrap=True, style="dim")
        table.add_column("quantity")
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("unit")
        table.add_column("sentence", ratio=1)
        for q in extraction.quantities:
            value = format_value(q.value)
            table.add_row(f"{q.line}:{q.column}", q.text, value, q.unit or "", snippet(q))
        self.console.print(table)

    def end(self) -> None:
        pass
