"""Versioned JSON output (``--format json``) and JSON Lines (``--format jsonl``).

The schema is documented in the README; changing it is a CHANGELOG entry.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import patterns
from ..model import Extraction
from . import SCHEMA_VERSION, Output, dumps

_NO_CLAIMS = '"claims": []\n}'
"""How a document with no claims ends: its last key is the claims."""
_INDENT = patterns.compile("^", re.MULTILINE)
"""Each line of a claim, indented to its depth in the document."""


class JSONRenderer:
    """``{"version": 1, "documents": [...]}``, written as documents arrive."""

    def __init__(self, output: Output) -> None:
        self.stream = output.stream
        self.count = 0

    def begin(self) -> None:
        self.stream.write(f'{{"version": {SCHEMA_VERSION}, "documents": [')

    def document(self, extraction: Extraction) -> None:
        """The document as ``dumps(extraction.to_dict(), indent=2)`` writes it, byte for
        byte, one claim at a time (a long document's claims are never one string)."""
        self.stream.write(",\n" if self.count else "\n")
        head = dumps(replace(extraction, claims=()).to_dict(), indent=2)
        if not extraction.claims or not head.endswith(_NO_CLAIMS):
            self.stream.write(dumps(extraction.to_dict(), indent=2))
        else:
            self.stream.write(head[:-len(_NO_CLAIMS)] + '"claims": [\n')
            for n, claim in enumerate(extraction.claims):
                if n:
                    self.stream.write(",\n")
                self.stream.write(_INDENT.sub("    ", dumps(claim.to_dict(), indent=2)))
            self.stream.write("\n  ]\n}")
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
