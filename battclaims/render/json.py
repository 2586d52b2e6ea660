"""Versioned JSON output (``--format json``) and JSON Lines (``--format jsonl``).

The schema is documented in the README; changing it is a CHANGELOG entry.
"""

from __future__ import annotations

from ..model import Extraction
from . import SCHEMA_VERSION, Output, dumps


class JSONRenderer:
    """``{"version": 1, "documents": [...]}``, written as documents arrive."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream
        self.count = 0

    def begin(self) -> None:
        self.stream.write(f'{{"version": {SCHEMA_VERSION}, "documents": [')

    def document(self, extraction: Extraction) -> None:
        self.stream.write(",\n" if self.count else "\n")
        self.stream.write(dumps(extraction.to_dict(), indent=2))
        self.count += 1

    def end(self) -> None:
        self.stream.write("\n]}\n" if self.count else "]}\n")


class JSONLinesRenderer:
    """One quantity per line, each with its document's path, language and date."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream

    def begin(self) -> None:
        pass

    def document(self, extraction: Extraction) -> None:
        for quantity in extraction.claims:
            record = {
                "version": SCHEMA_VERSION,
                "path": extraction.path,
                "lang": extraction.lang,
                "published": extraction.published,
                **quantity.to_dict(),
            }
            self.stream.write(dumps(record) + "\n")

    def end(self) -> None:
        pass
