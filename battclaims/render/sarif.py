"""SARIF 2.1.0, as code-scanning dashboards (GitHub, Azure DevOps, the SARIF viewers)
accept it: file locations relative to ``%SRCROOT%`` and percent-encoded, columns in
Unicode code points, a rule per verdict with its descriptions and help, fingerprints
that survive moved lines, and the findings that say a figure is right (or cannot be
checked) as ``kind: pass`` / ``informational`` rather than warnings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from . import dumps
from .annotations import HOMEPAGE, RULES, Annotation, Summary
from .lint import Linter

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "battclaimsFinding/v1"
ROOT = "%SRCROOT%"


class SARIF(Linter):
    """Every finding of the run (quiet: only the failing ones), one SARIF run."""

    shows_info = True

    def begin(self) -> None:
        self.results: list[dict[str, Any]] = []
        self.root = self.output.root.resolve()
        self.seen: dict[tuple[str, str], int] = {}

    def artifact(self, path: str) -> dict[str, str]:
        """A file as SARIF wants it: relative to the root and percent-encoded, else an
        absolute ``file://`` URI."""
        if path == "-":
            return {"uri": "-"}
        absolute = Path(path).resolve()
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": ROOT}

    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        rules = list(RULES)
        for item in items:
            kind = item.kind
            result: dict[str, Any] = {
                "ruleId": item.verdict,
                "ruleIndex": rules.index(item.verdict),
                "kind": kind,
                "level": LEVELS[item.severity] if kind == "fail" else "none",
                "message": {"text": item.message},
                "locations": [self.location(item.path, item.line, item.column,
                                            item.end_line, item.end_column, item.text)],
                "partialFingerprints": self.fingerprints(item),
                "properties": {k: v for k, v in item.properties.items() if v is not None},
            }
            if item.related:
                result["relatedLocations"] = [
                    {"id": n, **self.location(where, line, column, None, None, text),
                     "message": {"text": f"“{text}”"}}
                    for n, (where, line, column, text) in enumerate(item.related, 1)]
            self.results.append(result)

    def fingerprints(self, item: Annotation) -> dict[str, str]:
        """Ours, and GitHub's only key, both on the normalised claim rather than the line,
        so that an alert follows its claim when text moves (``hash:occurrence``)."""
        key = (item.path, item.fingerprint)
        occurrence = self.seen[key] = self.seen.get(key, 0) + 1
        return {FINGERPRINT: item.fingerprint,
                "primaryLocationLineHash": f"{item.fingerprint[:16]}:{occurrence}"}

    def location(self, path: str, line: int, column: int, end_line: int | None,
                 end_column: int | None, text: str) -> dict[str, Any]:
        region: dict[str, Any] = {"startLine": line, "startColumn": column}
        if end_line is not None:
            region.update(endLine=end_line, endColumn=end_column, snippet={"text": text})
        return {"physicalLocation": {"artifactLocation": self.artifact(path),
                                     "region": region}}

    def finish(self, summary: Summary) -> None:
        driver = {
            "name": "battclaims", "version": __version__, "informationUri": HOMEPAGE,
            "rules": [{
                "id": verdict, "name": "".join(w.title() for w in verdict.split("-")),
                "shortDescription": {"text": rule.short},
                "fullDescription": {"text": rule.full},
                "help": {"text": rule.help,
                         "markdown": f"{rule.help}\n\n[{verdict}]({rule.uri})"},
                "helpUri": rule.uri,
                "defaultConfiguration": {"level": LEVELS[self._level(verdict)]},
            } for verdict, rule in RULES.items()],
        }
        notifications = [{
            "level": "error", "message": {"text": str(error)},
            "locations": [self.location(error.path, error.line or 1, 1, None, None, "")],
        } for error in summary.errors]
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {ROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "invocations": [{"executionSuccessful": not summary.errors,
                             "toolExecutionNotifications": notifications}],
        }
        document = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                    "version": "2.1.0", "runs": [run]}
        self.stream.write(dumps(document, indent=2) + "\n")

    def _level(self, verdict: str) -> str:
        from ..settings import DEFAULT_SEVERITY

        return DEFAULT_SEVERITY.get(verdict, "info")
