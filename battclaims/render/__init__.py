"""Output formats, behind one registry: :data:`FORMATS`.

Each format names the class that writes it for each command. The linter formats
(concise, github, gitlab, sarif, rdjson, junit) write :mod:`.annotations` and
serve ``check`` and ``diff`` alike; table, json and jsonl have one renderer per
command. A renderer is told ``begin()``, then each result as soon as it is ready
(``document(...)`` for ``extract`` and ``check``, so that batch runs stream;
``diff(report)`` once for ``diff``), then ``end(...)``. Renderer modules are
imported only when their format is used, so that start-up stays small.
"""

from __future__ import annotations

import importlib
import json as _json  # not `json`: the package's json module would shadow it
import math
import os
from dataclasses import field
from pathlib import Path
from typing import Any, TextIO

from ..records import record

SCHEMA_VERSION = 1
"""Version of the JSON outputs (schemas in ``battclaims/data/schemas``); a change to them
is a CHANGELOG entry."""


@record
class Format:
    """An output format: what it is for, and its renderer per command
    (``"module:Class"`` inside this package)."""

    name: str
    help: str
    renderers: dict[str, str]




def _lint(renderer: str) -> dict[str, str]:
    return {"check": renderer, "diff": renderer}


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", "tables for a terminal (the default on one)",
           {"extract": "table:TableRenderer", "check": "check:TableCheck",
            "diff": "diff:TableDiff"}),
    Format("concise", "one line per finding, path:line:col: severity verdict: message "
                      "(the default when output is not a terminal)",
           {"extract": "concise:ConciseExtract", **_lint("concise:Concise")}),
    Format("json", "one versioned JSON document",
           {"extract": "json:JSONRenderer", "check": "check:JSONCheck",
            "diff": "diff:JSONDiff"}),
    Format("jsonl", "JSON Lines: one claim, finding or pair per line, streamed",
           {"extract": "json:JSONLinesRenderer", "check": "check:JSONLinesCheck",
            "diff": "diff:JSONLinesDiff"}),
    Format("github", "GitHub Actions workflow commands (annotations)", _lint("lint:GitHub")),
    Format("gitlab", "GitLab Code Quality report (Code Climate JSON)", _lint("lint:GitLab")),
    Format("sarif", "SARIF 2.1.0 for code-scanning dashboards", _lint("sarif:SARIF")),
    Format("rdjson", "reviewdog Diagnostic Format (rdjson)", _lint("lint:RDJSON")),
    Format("junit", "JUnit XML, one test case per finding", _lint("lint:JUnit")),
)}


def names(command: str) -> list[str]:
    """The formats ``command`` can write, in the registry's order."""
    return [name for name, fmt in FORMATS.items() if command in fmt.renderers]


@record
class Output:
    """Where and how to write: the stream, colour, width, quiet, and the folder that
    paths in reports are relative to (SARIF's ``%SRCROOT%``)."""

    stream: TextIO
    color: bool | None = None
    """True: always; False: never; None: when the stream is a terminal and NO_COLOR is
    not set."""
    quiet: bool = False
    """Only the findings that reach the failing severity; no summary."""
    width: int | None = None
    root: Path = field(default_factory=Path.cwd)

    @property
    def colored(self) -> bool:
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR"):
            return False
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def console(self) -> Any:
        """A rich console on the stream, with the colour and width asked for."""
        from rich.console import Console

        return Console(file=self.stream, highlight=False, soft_wrap=False,
                       force_terminal=self.colored if self.color is not None else None,
                       no_color=not self.colored, width=self.width)


def renderer(command: str, name: str, output: Output) -> Any:
    """The renderer of format ``name`` for ``command``, writing to ``output``."""
    module, _, cls = FORMATS[name].renderers[command].partition(":")
    found = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
    return found(output)


def dumps(value: Any, indent: int | None = None) -> str:
    """Strict JSON (never NaN or Infinity: a non-finite number becomes null)."""
    try:
        return _json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:
        return _json.dumps(_finite(value), ensure_ascii=False, indent=indent, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value
