"""The linter formats: GitHub annotations, GitLab Code Quality, reviewdog's rdjson and
JUnit XML (SARIF in :mod:`.sarif`, concise in :mod:`.concise`), each a subclass of
:class:`Linter`, which turns ``check`` and ``diff`` results into
:class:`~.annotations.Annotation` so that each format is written once for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar

from .. import patterns
from ..hashes import sha256
from . import Output, dumps
from .annotations import (
    HOMEPAGE,
    RULES,
    Annotation,
    Summary,
    check_annotations,
    check_summary,
    diff_annotations,
    diff_summary,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..checking import DocumentReport, Report
    from ..diffing import DiffReport


class Linter:
    """Turns check and diff results into annotations; subclasses write them."""

    shows_info = False
    """Whether findings of severity info are written (SARIF: as passes)."""

    def __init__(self, output: Output) -> None:
        self.output = output
        self.stream = output.stream

    def shown(self, item: Annotation) -> bool:
        if self.output.quiet:
            return item.failing
        return self.shows_info or item.severity != "info" or item.failing

    # check: streamed
    def begin(self) -> None:
        pass

    def document(self, report: DocumentReport) -> None:
        path = report.extraction.path or "-"
        self.annotations(path, [a for a in check_annotations(report) if self.shown(a)])

    def end(self, report: Report) -> None:
        self.finish(check_summary(report))

    # diff: at once
    def diff(self, report: DiffReport) -> None:
        self.begin()
        ordered = sorted(diff_annotations(report), key=lambda a: (a.path, a.line, a.column))
        for path, items in groupby(ordered, key=lambda a: a.path):
            self.annotations(path, [a for a in items if self.shown(a)])
        self.finish(diff_summary(report))

    # what each format writes
    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        raise NotImplementedError


def _escape(text: str, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GitHub(Linter):
    """GitHub Actions workflow commands: an annotation per warning or error (and per
    failing info finding), then the summary in the log."""

    LEVELS: ClassVar[dict[str, str]] = {"error": "error", "warning": "warning",
                                        "info": "notice"}

    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        for item in items:
            title = f"battclaims {item.verdict}"
            self.stream.write(
                f"::{self.LEVELS[item.severity]} file={_escape(item.path, True)},"
                f"line={item.line},col={item.column},endLine={item.end_line},"
                f"endColumn={item.end_column},title={_escape(title, True)}::"
                f"{_escape(item.message)}\n")

    def finish(self, summary: Summary) -> None:
        for error in summary.errors:
            line = f",line={error.line}" if getattr(error, "line", None) else ""
            self.stream.write(f"::error file={_escape(error.path, True)}{line}::"
                              f"{_escape(error.message)}\n")
        if not self.output.quiet:
            self.stream.write(summary.line() + "\n")


class GitLab(Linter):
    """GitLab's Code Quality report: a JSON array of Code Climate issues."""

    SEVERITIES: ClassVar[dict[str, str]] = {"error": "major", "warning": "minor",
                                            "info": "info"}

    def begin(self) -> None:
        self.issues: list[dict[str, Any]] = []
        self.seen: dict[str, int] = {}

    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        for item in items:
            key = f"{item.path}:{item.fingerprint}"
            occurrence = self.seen[key] = self.seen.get(key, 0) + 1
            unique = sha256(f"{key}:{occurrence}".encode()).hexdigest()[:32]
            self.issues.append({
                "type": "issue", "check_name": f"battclaims/{item.verdict}",
                "description": " ".join(item.message.split()),
                "categories": ["Bug Risk" if item.severity == "error" else "Clarity"],
                "severity": self.SEVERITIES[item.severity],
                "fingerprint": unique,  # GitLab merges issues of one fingerprint
                "location": {"path": item.path,
                             "positions": {"begin": {"line": item.line, "column": item.column},
                                           "end": {"line": item.end_line,
                                                   "column": item.end_column}}},
            })

    def finish(self, summary: Summary) -> None:
        self.stream.write(dumps(self.issues, indent=2) + "\n")


class RDJSON(Linter):
    """reviewdog's Diagnostic Format: ``reviewdog -f=rdjson``."""

    SEVERITIES: ClassVar[dict[str, str]] = {"error": "ERROR", "warning": "WARNING",
                                            "info": "INFO"}

    def begin(self) -> None:
        self.diagnostics: list[dict[str, Any]] = []

    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        for item in items:
            self.diagnostics.append({
                "message": item.message,
                # lines only: rdjson counts columns in UTF-8 bytes, the claims in code points
                "location": {"path": item.path, "range": {
                    "start": {"line": item.line}, "end": {"line": item.end_line}}},
                "severity": self.SEVERITIES[item.severity],
                "code": {"value": item.verdict, "url": RULES[item.verdict].uri},
            })

    def finish(self, summary: Summary) -> None:
        self.stream.write(dumps({"source": {"name": "battclaims", "url": HOMEPAGE},
                                 "diagnostics": self.diagnostics}, indent=2) + "\n")


_NOT_XML = patterns.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, even escaped."""


class JUnit(Linter):
    """JUnit XML: a test suite per file, a test case per finding shown (a failure when
    it reaches ``--fail-on``), a passing case for a file with none."""

    def begin(self) -> None:
        self.suites: list[tuple[str, Sequence[Annotation]]] = []

    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        self.suites.append((path, items))

    def finish(self, summary: Summary) -> None:
        from xml.sax.saxutils import escape as _escape_xml
        from xml.sax.saxutils import quoteattr as _quote

        def escape(text: str) -> str:
            return _escape_xml(_NOT_XML.sub("", text))

        def quoteattr(text: str) -> str:
            return _quote(_NOT_XML.sub("", text))

        tests = sum(max(1, len(items)) for _, items in self.suites) + len(summary.errors)
        failures = sum(item.failing for _, items in self.suites for item in items)
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<testsuites name="battclaims" tests="{tests}" failures="{failures}" '
               f'errors="{len(summary.errors)}">']
        for path, items in self.suites:
            failed = sum(item.failing for item in items)
            out.append(f'  <testsuite name={quoteattr(path)} tests="{max(1, len(items))}" '
                       f'failures="{failed}" errors="0">')
            if not items:
                out.append(f'    <testcase classname={quoteattr(path)} name="no findings"/>')
            for item in items:
                name = quoteattr(f"{item.line}:{item.column} {item.verdict} “{item.text}”")
                out.append(f"    <testcase classname={quoteattr(path)} name={name}>")
                body = escape(f"{item.path}:{item.line}:{item.column}: {item.message}")
                if item.failing:
                    out.append(f"      <failure message={quoteattr(item.message)} "
                               f"type={quoteattr(item.verdict)}>{body}</failure>")
                else:
                    out.append(f"      <system-out>{body}</system-out>")
                out.append("    </testcase>")
            out.append("  </testsuite>")
        if summary.errors:
            out.append(f'  <testsuite name="input errors" tests="{len(summary.errors)}" '
                       f'failures="0" errors="{len(summary.errors)}">')
            for error in summary.errors:
                out.append(f"    <testcase classname={quoteattr(error.path)} name=\"read\">"
                           f"<error message={quoteattr(str(error))}/></testcase>")
            out.append("  </testsuite>")
        out.append("</testsuites>")
        self.stream.write("\n".join(out) + "\n")
