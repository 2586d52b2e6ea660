"""The core types: what a document is, and what battclaims finds in it."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from .records import record

EXCERPT = 400
"""Characters of a claim's sentence that the JSON output gives at most: a longer
sentence (a run of figures with no full stop) is cut around the figure."""


@record
class TimeSpan:
    """When a claim holds: a relation to a date, absolute or relative."""

    relation: str | None
    """``by``, ``from``, ``in``, ``since``, ``until``, or None when the text gives none."""
    date: str | None
    """ISO 8601 at the precision given (``"2027"``, ``"2025-03"``, ``"2025-03-12"``),
    or None when it cannot be known (a relative time without publication date)."""
    relative: str | None
    """An ISO 8601 duration from the publication date (``"P3Y"``, ``"-P1Y"``), or None."""
    text: str
    """The words that say it (``"d'ici 2027"``)."""

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "date": self.date, "relative": self.relative,
                "text": self.text}


@record
class Claim:
    """A figure (or a dated event) found in a document, with what it is about."""

    text: str
    """The claim exactly as written (``"150 millions d’euros"``, ``"en 2021"``)."""
    start: int
    """Offset of its first character in the original file, in code points."""
    end: int
    """Offset just past its last character in the original file."""
    line: int
    """1-based line of its first character."""
    column: int
    """1-based column of its first character, in code points."""
    sentence: str
    """The sentence it stands in, with line breaks turned into spaces: one string shared
    by the claims of a sentence (never a copy per claim), at most 1 500 characters
    (a longer run without a sentence break is read in windows)."""
    end_line: int = 0
    """1-based line of its last character (for HTML, in the source)."""
    end_column: int = 0
    """1-based column just past its last character, in code points (in the source)."""
    kind: str = "quantity"
    """``quantity`` (a number with its unit), ``rank`` (an ordinal: "sa deuxième usine",
    value 2, never counted as a quantity) or ``event`` (a date with no number)."""
    value: float | None = None
    """The value with its scale applied (``"1,5 milliard"`` -> 1.5e9); for a range its
    midpoint; None when vague or an event. Always finite: a figure too large for a float
    (its value or a bound) is skipped, no claim; ``low <= value <= high`` when known."""
    unit: str | None = None
    """A pint expression in full names (``"vehicle / year"``); None for a bare count."""
    low: float | None = None
    """Lowest value the text allows (None: unbounded or unknown)."""
    high: float | None = None
    """Highest value the text allows (None: unbounded or unknown)."""
    qualifier: str | None = None
    """``approx``, ``lower``, ``upper``, ``range``, or None for a plain figure."""
    vague: bool = False
    """A vague magnitude (``"des milliers"``, ``"several hectares"``): listed, not checked."""
    time: TimeSpan | None = None
    """When the claim holds, if the text says."""
    subject: str | None = None
    """Entity id of what the claim is about (``"acc"``), or None."""
    subject_name: str | None = None
    """The subject's display name (``"ACC (Automotive Cells Company)"``, ``"ProLogium"``)."""
    subject_kind: str | None = None
    """The subject's kind: company, organisation, government, country, region, city..."""
    subject_source: str | None = None
    """``text`` when the sentence names the subject, ``context`` when it comes from the
    paragraph, the title or an anaphor ("the company"), None when there is none."""
    partners: tuple[str, ...] = ()
    """Ids of organisations acting with the subject ("Stellantis et CATL investiront…")."""
    subject_via: str | None = None
    """How the subject was found ("from the title or lead", "“l'entreprise”")."""
    facility: str | None = None
    """The plant's place when the figure is one plant's ("Dunkirk"), else None."""
    scope: str | None = None
    """``company`` for a company-wide figure ("au total"), ``plant`` for one plant's."""
    metric: str | None = None
    """What is measured (``"vehicle_production"``), or None when unknown."""
    terms: tuple[str, ...] = ()
    """Concepts of the words around the figure (``capacity``, ``jobs``, ``direct``), the
    same ids in every language: what the matcher compares as wording."""
    headline: bool = False
    """It stands in the document's title (a Markdown heading on the first line)."""
    highlight: tuple[int, int] = (0, 0)
    """Where :attr:`text` stands inside :attr:`sentence` (start, end)."""

    def excerpt(self, limit: int = EXCERPT) -> str:
        """The sentence, or when longer than ``limit`` characters the words around the
        claim that fit in it, each cut end marked "…"."""
        sentence = self.sentence
        if len(sentence) <= limit:
            return sentence
        start, end = self.highlight
        room = max(0, limit - (end - start))
        left = max(0, start - room // 2)
        right = min(len(sentence), end + room - (start - left))
        left = max(0, min(left, right - limit))  # the room the right end did not use
        if left:  # whole words only
            space = sentence.find(" ", left, start)
            left = left if space < 0 else space + 1
        if right < len(sentence):
            space = sentence.rfind(" ", end, right)
            right = right if space < 0 else space
        return (("…" if left else "") + sentence[left:right].strip()
                + ("…" if right < len(sentence) else ""))

    def to_dict(self) -> dict[str, Any]:
        """The claim as the versioned JSON output gives it."""
        return {
            "kind": self.kind,
            "text": self.text,
            "sentence": self.excerpt(),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "vague": self.vague,
            "time": self.time.to_dict() if self.time else None,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "subject_kind": self.subject_kind,
            "subject_source": self.subject_source,
            "partners": list(self.partners),
            "facility": self.facility,
            "scope": self.scope,
            "metric": self.metric,
            "headline": self.headline,
            "terms": list(self.terms),
        }


@record
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
    claims: tuple[Claim, ...] = field(default=())
    """The claims, in document order."""

    @property
    def quantities(self) -> tuple[Claim, ...]:
        """The claims that are figures (``kind == "quantity"``)."""
        return tuple(c for c in self.claims if c.kind == "quantity")

    def to_dict(self) -> dict[str, Any]:
        """The document as the versioned JSON output gives it."""
        return {
            "path": self.path,
            "lang": self.lang,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "claims": [c.to_dict() for c in self.claims],
        }
