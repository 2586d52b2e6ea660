"""Human output: a rich table per document."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..formatting import time_words, value_words
from ..model import Claim, Extraction
from . import Output

CONTEXT = 40
"""Characters of the sentence shown on each side of the claim."""
WIDE = 120
"""From this width on, value, unit and time get columns of their own."""



def snippet(claim: Claim) -> Text:
    """The sentence around the claim, the claim highlighted."""
    start, end = claim.highlight
    sentence = claim.sentence
    left = max(0, start - CONTEXT)
    right = min(len(sentence), end + CONTEXT)
    text = Text("…" if left else "", style="dim")
    text.append(sentence[left:start], style="dim")
    text.append(sentence[start:end], style="bold yellow")
    text.append(sentence[end:right], style="dim")
    if right < len(sentence):
        text.append("…", style="dim")
    return text


class TableRenderer:
    """A table per document: where, the claim in its sentence, value, unit, time,
    subject and metric."""

    def __init__(self, output: Output) -> None:
        self.console = output.console()

    def begin(self) -> None:
        pass

    def document(self, extraction: Extraction) -> None:
        count = len(extraction.claims)
        details = [f"lang {extraction.lang}", f"published {extraction.published or 'unknown'}"]
        details.append(f"{count} claim{'' if count == 1 else 's'}")
        title = f"{extraction.path or '<text>'} ({', '.join(details)})"
        if not count:
            self.console.print(title, style="bold")
            return
        wide = self.console.width >= WIDE
        table = Table(title=title, title_justify="left", title_style="bold", expand=False)
        table.add_column("line:col", no_wrap=True, style="dim")
        table.add_column("claim, in its sentence", ratio=1, min_width=24, overflow="fold")
        if wide:
            for name in ("value", "unit", "time"):
                table.add_column(name, justify="right" if name == "value" else "left",
                                 overflow="fold")
        table.add_column("subject" if wide else "subject\nmetric", overflow="fold")
        if wide:
            table.add_column("metric", overflow="fold")
        for claim in extraction.claims:
            subject = claim.subject or ""
            if claim.subject_source == "context":
                subject += " (context)"
            unit = claim.unit or ("event" if claim.kind == "event" else "")
            if wide:
                table.add_row(f"{claim.line}:{claim.column}", snippet(claim),
                              value_words(claim), unit, time_words(claim.time), subject,
                              claim.metric or "")
                continue
            cell = snippet(claim)  # below WIDE columns: the value under the claim
            figure = " ".join(p for p in (value_words(claim), unit, time_words(claim.time)) if p)
            cell.append(f"\n{figure}", style="bold")
            table.add_row(f"{claim.line}:{claim.column}", cell,
                          f"{subject}\n{claim.metric or ''}".strip())
        self.console.print(table)

    def end(self) -> None:
        pass
