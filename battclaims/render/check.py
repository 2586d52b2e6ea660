"""Output of ``battclaims check`` proper to it: the table, the JSON document and JSON
Lines. The linter formats are in :mod:`.lint`, :mod:`.sarif` and :mod:`.concise`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formatting import number, time_words, value_words
from . import SCHEMA_VERSION, Output, dumps
from .annotations import check_summary

if TYPE_CHECKING:  # pragma: no cover
    from ..checking import DocumentReport, Finding, Report

COLOURS = {"conflict": "bold red", "time-conflict": "bold red", "possible-conflict": "yellow",
           "outdated": "yellow",
           "duplicate": "yellow", "confirmed": "green", "unverified": "dim", "vague": "dim"}
WIDE = 120
"""From this width on, the check table gives value and reference columns of their own."""


def reference_cell(finding: Finding, named: bool = True) -> str:
    """The reference's value and time, and (``named``) its id and source."""
    reference = finding.reference
    if finding.first is not None:
        return f"line {finding.first.line}:{finding.first.column}" if named else ""
    if reference is None:
        return ""
    value = "" if reference.value is None else f"{number(reference.value)} "
    when = f" {time_words(reference.time)}" if reference.time else ""
    if not named:
        return f"{value}{reference.unit or ''}{when}".strip()
    source = reference.sources[0].source if reference.sources else ""
    return f"{value}{reference.unit or ''}{when}\n{reference.id}\n({source})".strip()


class TableCheck:
    """A table per document with each claim's verdict, and a summary line. Below
    :data:`WIDE` columns the value goes under the claim and the reference above the
    explanation, so that every column fits and nothing is cropped."""

    def __init__(self, output: Output) -> None:
        self.output = output
        self.console = output.console()

    def begin(self) -> None:
        pass

    def document(self, report: DocumentReport) -> None:
        from rich.table import Table
        from rich.text import Text

        from .table import snippet

        extraction = report.extraction
        title = (f"{extraction.path or '<text>'} (lang {extraction.lang}, published "
                 f"{extraction.published or 'unknown'})")
        findings = [f for f in report.findings
                    if not self.output.quiet or report.settings.fails(f.severity)]
        if not findings:
            if not self.output.quiet:
                what = "failing findings" if report.findings else "claims"
                self.console.print(f"{title}: no {what}", style="bold")
            return
        wide = self.console.width >= WIDE
        grid = Table(title=title, title_justify="left", title_style="bold")
        grid.add_column("line:col" if wide else "line:col\nverdict", no_wrap=True, style="dim")
        grid.add_column("claim, in its sentence", ratio=2 if wide else 1, min_width=20,
                        overflow="fold")
        if wide:
            grid.add_column("value", justify="right", overflow="fold")
            grid.add_column("verdict", no_wrap=True)
            grid.add_column("reference", overflow="fold")
        grid.add_column("explanation", ratio=3 if wide else 1, min_width=20, overflow="fold")
        for finding in findings:
            claim = finding.claim
            value = value_words(claim)
            if claim.unit:
                value += f" {claim.unit}"
            if claim.time:
                value += f"\n{time_words(claim.time)}"
            verdict = Text(finding.verdict, style=COLOURS[finding.verdict])
            reference = reference_cell(finding, named=wide)
            if wide:
                grid.add_row(f"{claim.line}:{claim.column}", snippet(claim), value.strip(),
                             verdict, reference, finding.explanation)
            else:
                cell = snippet(claim)
                cell.append(f"\n{value.strip()}", style="bold")
                explained = Text(finding.explanation)
                if reference:
                    explained.append(f"\nreference: {reference}", style="dim")
                where = Text(f"{claim.line}:{claim.column}\n")
                where.append(verdict)
                grid.add_row(where, cell, explained)
        self.console.print(grid)

    def end(self, report: Report) -> None:
        if not self.output.quiet:
            self.console.print(check_summary(report).line(), style="bold")


class JSONCheck:
    """``{"version": 1, "documents": [...], "summary": {...}}``, the claims as ``extract``
    gives them plus ``verdict``, ``severity``, ``reference`` and ``explanation``."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream
        self.quiet = output.quiet
        self.count = 0

    def begin(self) -> None:
        self.stream.write(f'{{"version": {SCHEMA_VERSION}, "documents": [')

    def document(self, report: DocumentReport) -> None:
        data = report.to_dict()
        if self.quiet:  # only the findings that fail (the summary stays: it is the schema's)
            data["claims"] = [f.to_dict() for f in report.failing()]
        self.stream.write(",\n" if self.count else "\n")
        self.stream.write(dumps(data, indent=2))
        self.count += 1

    def end(self, report: Report) -> None:
        self.stream.write(("\n" if self.count else "") + "], \"summary\": "
                          + dumps(summary_dict(report)) + "}\n")


def summary_dict(report: Report) -> dict[str, object]:
    summary = check_summary(report)
    return {"fail_on": report.fail_on, "failing": summary.failing,
            "counts": dict(summary.counts), "suppressed": dict(summary.suppressed),
            "errors": [str(e) for e in report.errors]}


class JSONLinesCheck:
    """One finding per line (the claim as ``extract`` gives it, its document's path,
    language and date, and the verdict fields), then a summary record."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream
        self.quiet = output.quiet

    def begin(self) -> None:
        pass

    def document(self, report: DocumentReport) -> None:
        extraction = report.extraction
        for finding in report.failing() if self.quiet else report.findings:
            record = {"version": SCHEMA_VERSION, "type": "finding", "path": extraction.path,
                      "lang": extraction.lang, "published": extraction.published,
                      **finding.to_dict()}
            self.stream.write(dumps(record) + "\n")

    def end(self, report: Report) -> None:
        if not self.quiet:
            self.stream.write(dumps({"version": SCHEMA_VERSION, "type": "summary",
                                     **summary_dict(report)}) + "\n")
