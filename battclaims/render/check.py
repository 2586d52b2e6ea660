"""Output of ``battclaims check``: table, JSON, GitHub annotations and SARIF.

Each renderer is told :meth:`begin`, :meth:`document` per document as soon as
it is checked, then :meth:`end` with the whole report; :func:`check_renderer`
picks one by :class:`CheckFormat`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..formatting import number
from . import CheckFormat
from .table import format_time, format_value, snippet

if TYPE_CHECKING:  # pragma: no cover
    from ..checking import DocumentReport, Finding, Report

SCHEMA_VERSION = 1
COLOURS = {"conflict": "bold red", "time-conflict": "bold red", "possible-conflict": "yellow",
           "outdated": "yellow",
           "duplicate": "yellow", "confirmed": "green", "unverified": "dim", "vague": "dim"}


class CheckRenderer(Protocol):
    def begin(self) -> None: ...
    def document(self, report: DocumentReport) -> None: ...
    def end(self, report: Report) -> None: ...


def check_renderer(fmt: CheckFormat, stream: TextIO) -> CheckRenderer:
    """The renderer of ``fmt`` writing to ``stream``."""
    if fmt is CheckFormat.TABLE:
        return TableCheck(stream)
    if fmt is CheckFormat.JSON:
        return JSONCheck(stream)
    if fmt is CheckFormat.GITHUB:
        return GitHubCheck(stream)
    if fmt is CheckFormat.SARIF:
        return SARIFCheck(stream)
    raise AssertionError(f"unhandled format {fmt}")  # pragma: no cover


def reference_cell(finding: Finding) -> str:
    reference = finding.reference
    if finding.first is not None:
        return f"line {finding.first.line}:{finding.first.column}"
    if reference is None:
        return ""
    value = "" if reference.value is None else f"{number(reference.value)} "
    when = f" {format_time(reference.time)}" if reference.time else ""
    source = reference.sources[0].source if reference.sources else ""
    return f"{value}{reference.unit or ''}{when}\n{reference.id}\n({source})".strip()


class TableCheck:
    """A table per document with each claim's verdict, and a summary line."""

    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream, highlight=False, soft_wrap=False)

    def begin(self) -> None:
        pass

    def document(self, report: DocumentReport) -> None:
        extraction = report.extraction
        title = (f"{extraction.path or '<text>'} (lang {extraction.lang}, published "
                 f"{extraction.published or 'unknown'})")
        if not report.findings:
            self.console.print(f"{title}: no claims", style="bold")
            return
        grid = Table(title=title, title_justify="left", title_style="bold")
        grid.add_column("line:col", no_wrap=True, style="dim")
        grid.add_column("claim, in its sentence", ratio=2, min_width=24)
        grid.add_column("value", justify="right")
        grid.add_column("verdict", no_wrap=True)
        grid.add_column("reference")
        grid.add_column("explanation", ratio=3, min_width=24)
        for finding in report.findings:
            claim = finding.claim
            value = format_value(claim)
            if claim.unit:
                value += f" {claim.unit}"
            if claim.time:
                value += f"\n{format_time(claim.time)}"
            grid.add_row(f"{claim.line}:{claim.column}", snippet(claim), value,
                         Text(finding.verdict, style=COLOURS[finding.verdict]),
                         reference_cell(finding), finding.explanation)
        self.console.print(grid)
        counts = report.counts()
        self.console.print(", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n))

    def end(self, report: Report) -> None:
        failing = report.failing()
        if len(report.documents) > 1 or failing:
            total = sum(len(d.findings) for d in report.documents)
            self.console.print(f"{len(report.documents)} document(s), {total} claim(s), "
                               f"{len(failing)} at or above {report.settings.fail_on}",
                               style="bold")


class JSONCheck:
    """``{"version": 1, "documents": [...], "summary": {...}}``, the claims as ``extract``
    gives them plus ``verdict``, ``severity``, ``reference`` and ``explanation``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.count = 0

    def begin(self) -> None:
        self.stream.write(f'{{"version": {SCHEMA_VERSION}, "documents": [')

    def document(self, report: DocumentReport) -> None:
        self.stream.write(",\n" if self.count else "\n")
        self.stream.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        self.count += 1

    def end(self, report: Report) -> None:
        summary = {"fail_on": report.settings.fail_on, "failing": len(report.failing()),
                   "errors": [str(e) for e in report.errors]}
        self.stream.write(("\n" if self.count else "") + "], \"summary\": "
                          + json.dumps(summary, ensure_ascii=False) + "}\n")


def _escape(text: str, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


class GitHubCheck:
    """GitHub Actions workflow commands: one annotation per warning or error."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def begin(self) -> None:
        pass

    def document(self, report: DocumentReport) -> None:
        path = report.extraction.path or "-"
        for finding in report.findings:
            if finding.severity == "info":
                continue
            claim = finding.claim
            title = f"battclaims {finding.verdict}"
            self.stream.write(
                f"::{GITHUB_LEVELS[finding.severity]} file={_escape(path, True)},"
                f"line={claim.line},col={claim.column},title={_escape(title, True)}::"
                f"{_escape(f'“{claim.text}”: {finding.explanation}')}\n")

    def end(self, report: Report) -> None:
        for error in report.errors:
            self.stream.write(f"::error file={_escape(error.path, True)}"
                              f"{f',line={error.line}' if error.line else ''}::"
                              f"{_escape(error.message)}\n")


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
RULES = {
    "conflict": "The figure contradicts a current reference claim.",
    "time-conflict": "The figure matches a reference claim but not its date.",
    "possible-conflict": "The figure may contradict a reference claim: the matcher is not "
                         "sure that both state the same fact.",
    "outdated": "The figure matches a reference claim that was superseded.",
    "duplicate": "The same claim is stated earlier in the document.",
    "confirmed": "The figure agrees with a current reference claim.",
    "unverified": "No reference claim is about this figure.",
    "vague": "A vague magnitude, which cannot be checked.",
}


class SARIFCheck:
    """SARIF 2.1.0, for code-scanning dashboards."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.results: list[dict[str, Any]] = []

    def begin(self) -> None:
        pass

    def document(self, report: DocumentReport) -> None:
        path = report.extraction.path or "-"
        for finding in report.findings:
            claim = finding.claim
            self.results.append({
                "ruleId": finding.verdict,
                "level": SARIF_LEVELS[finding.severity],
                "message": {"text": f"“{claim.text}”: {finding.explanation}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": path},
                    "region": {"startLine": claim.line, "startColumn": claim.column,
                               "charOffset": claim.start,
                               "charLength": claim.end - claim.start,
                               "snippet": {"text": claim.text}},
                }}],
                "properties": {"subject": claim.subject, "metric": claim.metric,
                               "reference": finding.reference.id if finding.reference else None},
            })

    def end(self, report: Report) -> None:
        document = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "battclaims", "version": __version__,
                    "rules": [{"id": rule, "shortDescription": {"text": text},
                               "defaultConfiguration": {
                                   "level": SARIF_LEVELS[report.settings.level(rule)]}}
                              for rule, text in RULES.items()],
                }},
                "results": self.results,
                "invocations": [{"executionSuccessful": not report.errors,
                                 "toolExecutionNotifications": [
                                     {"level": "error", "message": {"text": str(e)}}
                                     for e in report.errors]}],
            }],
        }
        self.stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
