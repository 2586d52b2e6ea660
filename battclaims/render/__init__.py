"""Output formats. Each renderer writes a stream of documents to a text stream.

A renderer is told :meth:`~Renderer.begin`, then :meth:`~Renderer.document`
for each document as soon as it is read (so batch runs stream), then
:meth:`~Renderer.end`. :func:`renderer` picks one by :class:`Format`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Extraction


class Format(str, enum.Enum):
    """The output formats of ``battclaims extract``."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


class CheckFormat(str, enum.Enum):
    """The output formats of ``battclaims check``."""

    TABLE = "table"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


class Renderer(Protocol):
    """Writes documents to a stream, one at a time."""

    def begin(self) -> None:
        """Before the first document."""

    def document(self, extraction: Extraction) -> None:
        """One document's results."""

    def end(self) -> None:
        """After the last document."""


def renderer(fmt: Format, stream: TextIO) -> Renderer:
    """The renderer of ``fmt`` writing to ``stream``."""
    if fmt is Format.TABLE:
        from .table import TableRenderer

        return TableRenderer(stream)
    if fmt is Format.JSON:
        from .json import JSONRenderer

        return JSONRenderer(stream)
    if fmt is Format.JSONL:
        from .json import JSONLinesRenderer

        return JSONLinesRenderer(stream)
    raise AssertionError(f"unhandled format {fmt}")  # pragma: no cover
