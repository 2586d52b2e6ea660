"""Recognising times: years, months and dates, with their relation to a claim.

A :class:`Mention` is a time found in a sentence's tokens: "d'ici 2027" (by),
"à partir de 2030" (from), "en mars 2025" (in), "depuis 2021" (since),
"jusqu'en 2030" (until), "l'an prochain" (in, one year after publication).
The relation words come from the language's data file. Dates with a day or a
month go through dateparser; relative times are resolved against the
document's publication date, never against today's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import replace
from decimal import Decimal
from typing import Any

from . import patterns
from .lexicon import SUPPORTED, Lexicon, lexicon
from .model import TimeSpan
from .records import record
from .text import HYPHENS, Token, TokenWindow, kinds, lows, positions

_ISO_DATE = patterns.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
_NUMERIC_DATE = patterns.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\Z")
_MIN_YEAR, _MAX_YEAR = 1800, 2100


@record
class Mention:
    """A time in a sentence, with the tokens it spans."""

    first: int
    """Index of its first token (the relation word, if any)."""
    next: int
    """Index of the token after it."""
    core: int
    """Index of the token that carries the date (the year, usually)."""
    span: TimeSpan
    """What it says."""


_BOUNDING = frozenset({"from", "by", "until", "since"})
"""Relations that make a month without its year a claim's time."""


def year_of(token: Token) -> int | None:
    """The year a token writes, if it is a plain 4-digit year."""
    if token.kind == "num" and len(token.text) == 4 and token.text.isdigit():
        year = int(token.text)
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return year
    return None


_DATE_KINDS = frozenset({"num", "mask"})
"""The tokens a date may start at, besides the words of relative times and the months: a
year, a masked numeric date."""


class _Reader(TokenWindow):
    def __init__(self, tokens: list[Token], view: str, lex: Lexicon, published: str | None):
        super().__init__(tokens, lex.max_phrase)
        self.view = view
        self.lex = lex
        self.published = published

    # --- finding ---------------------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        k = 0
        for start in self.may_start():
            if start < k:  # (inside the time found before)
                continue
            mention = self.relative_at(start) or self.date_at(start) or self.month_at(start)
            if mention is not None:
                if found and self.is_period(found[-1], mention):
                    mention = self.period(found.pop(), mention)
                found.append(mention)
                k = mention.next
        return found

    def may_start(self) -> list[int]:
        """The tokens a time may start at, in order: what :meth:`relative_at`,
        :meth:`date_at` and :meth:`month_at` look at first (a quick look, in one pass)."""
        words = lows(self.t)
        return sorted({*positions(kinds(self.t), _DATE_KINDS),
                       *positions(words, self.lex.relative_starts),
                       *positions(words, self.lex.months)})

    def is_period(self, a: Mention, b: Mention) -> bool:
        """"entre 2025 et 2030", "from 2025 to 2030", "2025-2030", "en 2026 ou 2027": one
        period."""
        if b.first != a.next + 1 or a.span.date is None or b.span.date is None:
            return False
        joiner = self.low(a.next)
        opener = self.low(a.first - 1) if a.first == a.core else ""
        return (self.lex.range_openers.get(opener) == joiner or joiner in self.lex.range_joiners
                or joiner in self.lex.number_alternatives)

    def period(self, a: Mention, b: Mention) -> Mention:
        """A period counts for its later date (RULES.md): "in" it when the period is
        opened ("entre 2024 et 2025": in 2025), else with the first date's relation ("en
        2026-2027": in 2027; "d'ici 2026-2027": by 2027)."""
        first = a.first
        relation = a.span.relation
        if a.first == a.core and self.low(a.first - 1) in self.lex.range_openers:
            first -= 1
            relation = "in"
        return Mention(first, b.next, b.core, TimeSpan(relation or "by", b.span.date, None,
                                                       self.text(first, b.next)))

    def relative_at(self, k: int) -> Mention | None:
        """"l'an prochain", "next year", "cette année"."""
        if self.t[k].low not in self.lex.relative_starts:
            return None
        phrase = self.phrase_after(k, self.lex.relative_times)
        if phrase is None:
            return None
        end, key = phrase
        if end < self.n and (year_of(self.t[end]) or (
                self.low(end) in self.lex.of and end + 1 < self.n and year_of(self.t[end + 1]))):
            return None  # "in Q1 2024", "au premier semestre de 2024": the year's own date
        relation, offset = self.lex.relative_times[key]
        date = resolve(self.published, offset)
        first = self.relation_start(k)
        mention = self.make(first, end, k, relation, date, offset)
        if offset is not None and date is None and mention.span.relation == "in":
            # "cette année" on an undated page: the offset is kept, with no relation to
            # a date nobody can give
            return replace(mention, span=replace(mention.span, relation=None))
        return mention

    def date_at(self, k: int) -> Mention | None:
        token = self.t[k]
        if token.kind == "mask":
            return self.masked_date(k)
        year = year_of(token)
        if year is None or self.is_name(k):
            return None
        if (self.attached(k + 1) and self.low(k + 1) in self.lex.decade_suffixes) or (
                self.low(k - 1) in self.lex.decade_words):
            return None  # "the 2020s", "la fin des années 2030": a decade, no year
        core_start = k
        date: str | None = str(year)
        # "12 mars 2025", "mars 2025", "March 12, 2025", "le 1er janvier 2025"
        month_at = k - 1
        if self.low(month_at) == "," and month_at >= 2 and self.t[month_at - 1].kind == "num":
            month_at -= 2  # "March 12, 2025"
        if (self.low(month_at) == "." and month_at >= 1 and self.attached(month_at)
                and self.low(month_at - 1) in self.lex.months):
            month_at -= 1  # "Dec. 2023"
        if self.low(month_at) in self.lex.months:
            core_start = month_at
            day = self.t[month_at - 1] if month_at >= 1 else None
            if day is not None and day.kind == "num" and len(day.text) <= 2:
                core_start = month_at - 1
            elif month_at >= 2 and self.low(month_at - 1) in self.lex.ordinal_suffixes and (
                self.t[month_at - 2].kind == "num"
            ):
                core_start = month_at - 2  # "1er janvier"
            words = self.view[self.t[core_start].start : token.end]
            date = parse_date(words, self.lex.code) or date
        end = k + 1
        if self.phrase_before(core_start, self.lex.vintage_words) is not None:
            return None  # "ACC's initial 2020 goal": when the plan was made, no figure's time
        first = self.relation_start(core_start)
        relation = self.relation_of(first, core_start)
        end_of = self.phrase_before(core_start, self.lex.year_end_modifiers)
        if date == str(year) and end_of is not None and end_of[0] >= first:
            date = f"{year}-12"  # "fin 2024", "by the end of 2025": December
        if relation is None and first < core_start:
            relation = "in"  # "fin 2024", "début 2024", "mid-2027": in that year
        if relation is None and ((self.low(end),) in self.lex.target_after
                                 or (self.low(core_start - 1),) in self.lex.target_before):
            relation = "by"  # "its 2030 target", "l'objectif 2030": a target for that year
        after = self.phrase_after(end, self.lex.time_relations_after)
        if after is not None:
            end, key = after
            relation = self.lex.time_relations_after[key]
        return Mention(first, end, k, TimeSpan(relation, date, None, self.text(first, end)))

    def month_at(self, k: int) -> Mention | None:
        """A month written without its year after a word that bounds a time ("à partir
        du 1er janvier", "by March"): the occurrence of that month nearest the publication
        date (a page of December 2023 announcing "1er janvier" means January 2024);
        nothing without a publication date. A bare "in October", "on December 10" is
        mostly when something was announced, not the figure's time."""
        token = self.t[k]
        month = self.lex.months.get(token.low)
        if month is None or self.published is None or (
                self.lex.months_capitalised and not token.text[:1].isupper()):  # "may"
            return None
        if year_of(self.t[k + 1]) if k + 1 < self.n else False:
            return None  # "janvier 2025": the year's date
        if k + 2 < self.n and self.low(k + 1) == "," and year_of(self.t[k + 2]):
            return None
        parts = [int(p) for p in self.published.split("-")]
        year = parts[0]
        if len(parts) >= 2:  # the nearest of last year's, this year's and next year's
            year = min((parts[0] - 1, parts[0], parts[0] + 1),
                       key=lambda y: (abs(y * 12 + month - parts[0] * 12 - parts[1]),
                                      y != parts[0]))
        core = k
        day = None
        if k >= 1 and self.t[k - 1].kind == "num" and len(self.t[k - 1].text) <= 2:
            core, day = k - 1, int(self.t[k - 1].text)
        elif k >= 2 and self.low(k - 1) in self.lex.ordinal_suffixes and (
                self.t[k - 2].kind == "num"):
            core, day = k - 2, int(self.t[k - 2].text)  # "1er janvier"
        date = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day and day <= 31 else "")
        first = self.relation_start(core)
        relation = self.relation_of(first, core)
        if relation not in _BOUNDING:
            return None  # "on December 10", "in October": mostly when it was announced
        return Mention(first, k + 1, core, TimeSpan(relation, date, None,
                                                    self.text(first, k + 1)))

    def masked_date(self, k: int) -> Mention | None:
        """"2024-08-12", "12/03/2025": masked for the quantity recogniser."""
        token = self.t[k]
        words = self.view[token.start : token.end]
        iso = _ISO_DATE.match(words)
        date: str | None = None
        if iso:
            date = "-".join(g for g in iso.groups() if g)
        elif _NUMERIC_DATE.match(words):
            date = parse_date(words, self.lex.code)
        if date is None:
            return None
        first = self.relation_start(k)
        relation = self.relation_of(first, k)
        return Mention(first, k + 1, k, TimeSpan(relation, date, None, self.text(first, k + 1)))

    def is_name(self, k: int) -> bool:
        """A year inside a name: "France 2030", "Euro 2024", "e-2008"."""
        if k == 0 or self.attached(k):
            if k >= 2 and self.low(k - 1) in HYPHENS and self.attached(k - 1):
                return (self.t[k - 2].kind == "word"  # "e-2008", not "mi-2027"
                        and (self.low(k - 2),) not in self.lex.time_modifiers)
            return k > 0 and self.t[k - 1].kind == "word"
        before = self.t[k - 1]
        if before.kind != "word" or before.text.islower():
            return False
        low = before.low
        lex = self.lex
        return not (
            low in lex.stopwords
            or low in lex.months
            or (low,) in lex.time_relations
            or (low,) in lex.time_modifiers
            or low in lex.time_prepositions
        )

    def relation_start(self, core: int) -> int:
        """First token of the relation words before a date (or the date itself)."""
        k = core
        while True:  # "d'ici fin 2025", "by the end of 2025", "à partir de mi-2027"
            if self.low(k - 1) in HYPHENS and self.attached(k) and k >= 2 and (
                    self.t[k - 2].kind == "word"):  # (not the dash of "2026-2027")
                k -= 1
            modifier = self.phrase_before(k, self.lex.time_modifiers)
            if modifier is None:
                break
            k = modifier[0]
        relation = self.phrase_before(k, self.lex.time_relations)
        return relation[0] if relation is not None else k

    def relation_of(self, first: int, core: int) -> str | None:
        for end in range(core, first, -1):
            key = tuple(self.t[m].low for m in range(first, end))
            if key in self.lex.time_relations:
                return self.lex.time_relations[key]
        return None

    def text(self, first: int, end: int) -> str:
        return " ".join(self.view[self.t[first].start : self.t[end - 1].end].split())

    def make(self, first: int, end: int, core: int, relation: str | None, date: str | None,
             relative: str | None) -> Mention:
        if first < core:
            key = tuple(self.t[m].low for m in range(first, core))
            relation = self.lex.time_relations.get(key, relation)
        return Mention(first, end, core, TimeSpan(relation, date, relative, self.text(first, end)))


def find(tokens: list[Token], view: str, lex: Lexicon, published: str | None) -> list[Mention]:
    """The times in one sentence's tokens (``view`` is the document's visible text)."""
    return _Reader(tokens, view, lex, published).mentions()


# --- durations and resolution ----------------------------------------------------------------

_DURATION_LETTER = {"year": "Y", "month": "M", "week": "W", "day": "D"}
DURATION_UNITS = frozenset(_DURATION_LETTER)
"""The units of a duration that may be a relative time ("d'ici trois ans")."""


def duration(value: Decimal, unit: str, past: bool = False) -> str | None:
    """``(3, "year")`` -> ``"P3Y"``; ``past`` -> ``"-P3Y"``; None for other units."""
    letter = _DURATION_LETTER.get(unit)
    if letter is None:
        return None
    number = value.normalize()
    text = f"{number:f}"
    return f"{'-' if past else ''}P{text}{letter}"


_DURATION = patterns.compile(r"(-?)P(\d+(?:\.\d+)?)([YMWD])\Z")


def resolve(published: str | None, offset: str | None) -> str | None:
    """The date ``offset`` after ``published``, at the precision the offset needs.

    ``resolve("2024-08", "P3Y")`` -> ``"2027"``; ``resolve("2024-08", "P6M")`` ->
    ``"2025-02"``; None when the publication date is unknown or too coarse.
    """
    if published is None or offset is None:
        return None
    match = _DURATION.match(offset)
    if not match:
        return None
    sign = -1 if match.group(1) else 1
    amount = float(match.group(2))
    unit = match.group(3)
    parts = [int(p) for p in published.split("-")]
    if unit == "Y" and amount.is_integer():
        return str(parts[0] + sign * int(amount))
    if unit == "M" and amount.is_integer() and len(parts) >= 2:
        months = parts[0] * 12 + parts[1] - 1 + sign * int(amount)
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit in "WD" and len(parts) == 3:
        days = amount * (7 if unit == "W" else 1)
        day = dt.date(*parts) + sign * dt.timedelta(days=days)
        return day.isoformat()
    return None


@functools.lru_cache(maxsize=1024)
def parse_date(words: str, lang: str) -> str | None:
    """A date written with a day or a month ("12 mars 2025", "March 2025", "12/03/2025"),
    as ISO 8601 at the precision given. None if it cannot say.

    The usual shapes are read here (:func:`read_date`); any other goes to dateparser,
    which is imported only then (it costs a third of a second to load)."""
    own = read_date(words, lang)
    return own if own is not UNREAD else dateparser_date(words, lang)


UNREAD = "?"
"""What :func:`read_date` returns for a text it leaves to dateparser."""

_WRITTEN_DATE = patterns.compile(
    r"(?:(?P<before>\d{1,2})(?P<suffix>[^\W\d_]*) )?(?P<month>[^\W\d_]+)(?P<dot>\.?)"
    r"(?: (?P<after>\d{1,2}),)? (?P<year>\d{4})")
_NUMBERS_DATE = patterns.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")


def read_date(words: str, lang: str) -> str | None:
    """What dateparser (as :func:`_parser` sets it up) makes of the usual shapes of a date
    with its year, without it: "mars 2025", "12 mars 2025", "1er mars 2025", "March 12,
    2025", "Dec. 2023", "12/03/2025" (day first in French, month first in English), each
    part one space apart and the month as the language file writes it (lower case,
    capitalised or in capitals). :data:`UNREAD` for any other text. A day the month does
    not have ("31 avril 2025") is no date, as for dateparser."""
    if lang not in SUPPORTED:
        return UNREAD
    lex = lexicon(lang)
    numbers = _NUMBERS_DATE.fullmatch(words)
    if numbers is not None:
        a, _, b, year_text = numbers.groups()
        day, month = ((int(a), int(b)) if lex.date_order.index("D") < lex.date_order.index("M")
                      else (int(b), int(a)))
        year = int(year_text)
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
                and _MIN_YEAR <= year <= _MAX_YEAR):
            return UNREAD  # (dateparser may read it the other way round)
        return f"{year:04d}-{month:02d}-{day:02d}"
    match = _WRITTEN_DATE.fullmatch(words)
    if match is None:
        return UNREAD
    before, suffix, written, _, after, year_text = match.groups()
    named = _month_forms(lang).get(written)
    year = int(year_text)
    if (named is None or (before and after) or not _MIN_YEAR <= year <= _MAX_YEAR
            or (suffix and suffix not in lex.day_suffixes)):
        return UNREAD
    day_text = before or after
    if day_text is None:
        return f"{year:04d}-{named:02d}"
    day = int(day_text)
    if day < 1 or day > 31:
        return UNREAD
    if day > calendar.monthrange(year, named)[1]:
        return None
    return f"{year:04d}-{named:02d}-{day:02d}"


@functools.cache
def _month_forms(lang: str) -> dict[str, int]:
    """The language's month names and abbreviations as written: lower case, capitalised
    and in capitals."""
    forms: dict[str, int] = {}
    for word, month in lexicon(lang).months.items():
        for form in (word, word.capitalize(), word.upper()):
            forms.setdefault(form, month)
    return forms


def dateparser_date(words: str, lang: str) -> str | None:
    """A date as dateparser reads it (see :func:`_parser`)."""
    data = _parser(lang).get_date_data(words)
    moment = data.date_obj
    if moment is None:
        return None
    if data.period == "day":
        return str(moment.date().isoformat())
    if data.period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    return f"{moment.year:04d}"


@functools.cache
def _parser(lang: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[lang],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            "DATE_ORDER": lexicon(lang).date_order,
            # Only ever used for text that writes its year: no clock dependence.
            "RELATIVE_BASE": dt.datetime(2000, 1, 1),
            "REQUIRE_PARTS": ["year"],
        },
    )
