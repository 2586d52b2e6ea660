"""The core types: what a document is, and what battclaims finds in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts or measures, found in a document."""

    text: str
    """The quantity exactly as written (``"150 millions d’euros"``)."""
    start: int
    """Offset of its first character in the original file, in code points."""
    end: int
    """Offset just past its last character in the original file."""
    line: int
    """1-based line of its first character."""
    column: int
    """1-based column of its first character, in code points."""
    sentence: str
    """The sentence it stands in, with line breaks turned into spaces."""
    value: float | None
    """The value with its scale applied (``"1,5 milliard"`` -> 1.5e9); None when vague."""
    unit: str | None
    """A pint expression in full names (``"vehicle / year"``); None for a bare count."""
    vague: bool = False
    """A vague magnitude (``"des milliers"``, ``"several hectares"``): listed, not checked."""
    highlight: tuple[int, int] = (0, 0)
    """Where :attr:`text` stands inside :attr:`sentence` (start, end)."""

    def to_dict(self) -> dict[str, Any]:
        """The quantity as the versioned JSON output gives it."""
        return {
            "text": self.text,
            "sentence": self.sentence,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "vague": self.vague,
        }


@dataclass(frozen=True)
class Extraction:
    """What :func:`battclaims.extract` found in one document."""

    path: str | None
    """The file it was read from, ``"-"`` for standard input, None for a string."""
    lang: str
    """The document's language: ``fr`` or ``en``."""
    published: str | None
    """Publication date at the precision given (``"2024-08"``), or None when unknown."""
    title: str | None = None
    """Title from the front matter or HTML head."""
    url: str | None = None
    """Source URL from the front matter or HTML head."""
    quantities: tuple[Quantity, ...] = field(default=())
    """The quantities, in document order."""

    def to_dict(self) -> dict[str, Any]:
        """The document as the versioned JSON output gives it."""
        return {
            "path": self.path,
            "lang": self.lang,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "claims": [q.to_dict() for q in self.quantities],
        }
