"""One line per finding (or per claim, for ``extract``), as compilers and linters print:
``path:line:col: severity verdict: message``. Readable at any width, and by editors
and terminals that turn ``path:line:col`` into a link. No rich: a pipe does not need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..formatting import time_words, value_words
from . import Output
from .annotations import Annotation, Summary
from .lint import Linter

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Extraction

_STYLE = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[2m"}
_RESET = "\033[0m"


class Concise(Linter):
    """Warnings and errors (and failing info findings), one line each; the rest counted
    in the summary line."""

    def annotations(self, path: str, items: Sequence[Annotation]) -> None:
        colored = self.output.colored
        for item in items:
            label = f"{item.severity} {item.verdict}"
            if colored:
                label = f"{_STYLE[item.severity]}{label}{_RESET}"
            message = " ".join(item.message.split())
            self.stream.write(f"{item.path}:{item.line}:{item.column}: {label}: {message}\n")

    def finish(self, summary: Summary) -> None:
        if not self.output.quiet:
            self.stream.write(summary.line() + "\n")


def _claim_line(extraction: Extraction) -> list[str]:
    path = extraction.path or "<text>"
    lines = []
    for claim in extraction.claims:
        what = " ".join(p for p in (value_words(claim), claim.unit or "",
                                    time_words(claim.time)) if p) or claim.kind
        about = "/".join(p or "?" for p in (claim.subject, claim.metric))
        lines.append(f"{path}:{claim.line}:{claim.column}: {what} [{about}] “{claim.text}”\n")
    return lines


class ConciseExtract:
    """``extract``: one line per claim, its value, unit, time, subject and metric."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream

    def begin(self) -> None:
        pass

    def document(self, extraction: Extraction) -> None:
        self.stream.writelines(_claim_line(extraction))

    def end(self) -> None:
        pass
