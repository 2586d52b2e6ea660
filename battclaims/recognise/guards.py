"""The guards: the rules that say a number is no quantity, each named in :data:`GUARDS`
with examples of what it rejects and keeps in ``tests/guards.yaml`` (run by
``tests/test_guards.py``, as a linter's rule tests are).

Token guards run while a number is read, on its tokens (a name's digits, a reference, a
date's day, a year, a name's number, a clock time, a decade, a screen's lines, an
article: the readers of :mod:`.numbers` and :mod:`.measures` apply them where they
read); figure guards run on each figure the recogniser
found (:func:`figures`: an age, a framing duration, a reference to named actors, "100 %
électrique"). Their words come from the language's data file.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .. import units
from ..records import record
from ..text import HYPHENS
from ..times import year_of
from .sentence import RANGE_MARKS, Found, Sentence


@record
class Guard:
    """A named rule that says a number is no quantity."""

    name: str
    what: str
    """What it rejects, in a line."""
    figure: Callable[[Sentence, Found], bool] | None = None
    """For a figure guard, the rule itself (token guards are called while reading)."""


# --- token guards -----------------------------------------------------------------------------


def glued_left(s: Sentence, i: int) -> bool:
    """Digits stuck to what precedes them: R4, CO2, COVID-19, #3, 7j/7."""
    if not s.attached(i):
        return False
    before = s.t[i - 1]
    if before.kind in ("word", "mask"):
        return before.text not in s.lex.currency_prefixes
    if before.text in HYPHENS and s.attached(i - 1):
        glued = s.t[i - 2]  # "COVID-19"; "n° 2023-1234"
        return glued.kind == "word" or (glued.kind == "num" and is_reference(s, i - 2))
    if before.text in "#№°/\\":
        return True
    if before.text in ".,":
        return s.attached(i - 1) and s.t[i - 2].kind in ("num", "word")
    return False


def glued_right(s: Sentence, j: int) -> bool:
    """Digits stuck to what follows: ordinals (3e, 21st), 5G, 3D, 4x4, 24/7."""
    if not s.attached(j):
        return False
    after = s.t[j]
    lex = s.lex
    if after.kind == "word":
        if after.text in lex.ordinal_suffixes or after.low in lex.ordinal_suffixes:
            return True
        return not (
            after.text in lex.symbols
            or after.text in lex.scale_abbreviations
            or after.low in lex.scales
            or (after.low,) in lex.units
        )
    if after.kind == "mask" or after.text == "@":
        return True
    if after.text == "." and s.attached(j + 1) and s.t[j + 1].kind == "word":
        return True  # "acc2030.fr" leftovers, "1.a"
    if after.text in "/:" and s.t[j + 1 if j + 1 < s.n else j].kind == "num":
        return s.attached(j + 1)
    return after.text in "ᵉᵗʰ"


def is_reference(s: Sentence, i: int) -> bool:
    """"article 3", "n° 3", "Model 3": a reference, not a quantity."""
    if i == 0:
        return False
    before = s.t[i - 1]
    if before.text in "°№" and i >= 2:
        return before.text == "№" or s.t[i - 2].low in s.lex.reference_words
    if s.lex.joins_numbers(before.low) or before.low in s.lex.range_joiners:
        return i >= 2 and s.t[i - 2].kind == "num" and is_reference(s, i - 2)  # "6 à 10"
    return before.kind == "word" and before.low in s.lex.reference_words


def is_date_part(s: Sentence, i: int, j: int, value: Decimal) -> bool:
    """The day in "12 mars 2025" or "March 12"."""
    if not (1 <= value <= 31 and value == value.to_integral_value()):
        return False
    months = s.lex.months
    if s.is_word(j) and s.t[j].low in months:
        return True
    if i > 1 and s.t[i - 1].text == "." and s.t[i - 1].start == s.t[i - 2].end:
        i -= 1  # "Feb. 6": an abbreviated month
    return i > 0 and s.t[i - 1].kind == "word" and s.t[i - 1].low in months


def in_year_context(s: Sentence, i: int, j: int) -> bool:
    """A 4-digit number that reads as a year: "by 2030", "2025-2030", "2020s"."""
    if s.attached(j) and s.t[j].low in s.lex.decade_suffixes:
        return True
    if i > 0:
        before = s.t[i - 1]
        if before.kind == "word" and before.low in s.lex.time_prepositions:
            return True
        if before.text in RANGE_MARKS and i >= 2 and year_of(s.t[i - 2]):
            return True
        if before.text == "," and i >= 3 and s.t[i - 3].low in s.lex.months:
            return True
    return (
        j + 1 < s.n and s.t[j].text in RANGE_MARKS and year_of(s.t[j + 1]) is not None
    )


def after_name(s: Sentence, i: int) -> bool:
    """A capitalised word just before the number: "Model 3", "France 2030"."""
    if i == 0 or not s.tight(i) or s.attached(i):
        return False
    before = s.t[i - 1]
    if before.kind != "word" or before.text.islower():
        return False
    low, lex = before.low, s.lex
    return not (
        low in lex.stopwords
        or low in lex.vague
        or low in lex.number_words
        or low in lex.months
        or low in lex.rate_adjectives
        or low in lex.time_prepositions
    )


# --- figure guards ----------------------------------------------------------------------------


def is_age(s: Sentence, found: Found) -> bool:
    """A person's age ("a 42-year-old engineer", "âgé de 42 ans")."""
    lex = s.lex
    after = found.next + (1 if s.low(found.next) in HYPHENS else 0)
    return (s.phrase_before(found.first, lex.ages_before) is not None
            or s.phrase_after(after, lex.ages_after) is not None)


def is_framing(s: Sentence, found: Found) -> bool:
    """A duration that only places another event in time ("au cours des sept dernières
    années", "18 mois plus tard", "the past five years", "five years since", "pour la
    première fois depuis quatre ans"), the window of a change in percent ("-87 % en 10
    ans") or a duration that qualifies another figure ("a five-year $500 million credit").
    "d'ici trois ans", "in the next eight years", "il y a deux ans" are times (the spans
    stage reads them)."""
    lex = s.lex
    if (found.value is None or found.denominator is not None or found.numerator is None
            or not units.is_time(found.numerator)):
        return False
    if (s.phrase_before(found.first, lex.framing_before) is not None
            or s.phrase_after(found.next, lex.framing_after) is not None):
        return True
    start = s.back_past(found.first, lex.hedges_before)
    if (s.phrase_before(start, lex.framing_windows) is not None
            or s.phrase_before(found.first, lex.framing_windows) is not None) and any(
            s.t[m].text == "%" or lex.units.get((s.low(m),)) == units.PERCENT
            for m in range(max(start - 8, 0), start)):
        return True  # "a chuté de 87 % en moins de 10 ans", "fell 87% over 10 years"
    if s.phrase_before(found.first, lex.relative_prepositions) is not None:
        return False  # "in the next eight years": a time
    before = found.first - 1  # "the past five years", not "will last 18 months"
    adjective_before = (before >= 1 and s.low(before) in lex.framing_adjectives
                        and s.low(before - 1) in lex.determiners)
    modifier = any(s.t[m].text in HYPHENS for m in range(found.first, found.next)) and (
        found.next < s.n and (s.t[found.next].kind == "num"
                              or s.t[found.next].text in lex.currency_prefixes))
    return (adjective_before or modifier
            or any(s.low(k) in lex.framing_adjectives for k in range(found.first, found.next)))


def is_pair_reference(s: Sentence, found: Found) -> bool:
    """"The two companies", "les deux partenaires", "tous deux cofondateurs": actors
    already named, not a count."""
    lex = s.lex
    return (found.numerator in lex.pair_units and found.first >= 1
            and s.low(found.first) in lex.pair_numbers
            and s.low(found.first - 1) in lex.pair_before)


def is_score(s: Sentence, found: Found) -> bool:
    """A match's score ("Lyon won 3-1", "victoire 2 à 0", "a 24-21 defeat"): two bare
    numbers joined by a dash, a colon or "à", after a word of a result."""
    if (found.value is None or not 0 <= found.value <= 200
            or found.numerator == units.PERCENT or found.denominator is not None):
        return False
    def pair(a: int, b: int) -> bool:  # tokens a and b: "3" "-" "1"
        return (a >= 0 and b < s.n and s.t[a].kind == "num" and s.t[b].kind == "num"
                and (s.low(a + 1) in s.lex.range_joiners or s.low(a + 1) == ":") and b == a + 2
                and (b + 1 >= s.n or s.t[b + 1].text not in s.lex.symbols))  # (not "3-4%")
    k = found.first
    if not (pair(k, k + 2) or pair(k - 2, k)):
        return False
    start = min(k, k - 2 if pair(k - 2, k) else k)
    return any(s.phrase_before(m, s.lex.score_words) is not None
               for m in range(max(start - 4, 0), start + 1)) or any(
        s.phrase_after(m, s.lex.score_words) is not None for m in range(k + 1, min(k + 5, s.n)))


def is_whole(s: Sentence, found: Found) -> bool:
    """"100 % électrique", "a 100 per cent electric car": an adjective of kind, no share
    ("filiale à 100 %" is one)."""
    return (found.numerator == units.PERCENT and found.value == 100
            and found.next < s.n and s.t[found.next].kind == "word"
            and s.low(found.next).endswith(s.lex.adjective_endings))  # (not "100 % owned")


GUARDS: tuple[Guard, ...] = (
    Guard("glued", "digits stuck to letters or marks: CO2, COVID-19, 5G, 3e, 24/7"),
    Guard("reference", "a reference's number: article 3, n° 12, chapitre 11"),
    Guard("date-day", "the day of a date: 12 mars, March 12, Feb. 6"),
    Guard("year", "a year: en 2030, by 2030, 2025-2030, the 2020s"),
    Guard("name-number", "a number after a name: Model 3, Renault 5, France 2030"),
    Guard("clock-time", "a time of day: à 18 heures"),
    Guard("decade", "a decade's short form: the 70s and 80s"),
    Guard("video-lines", "a screen's lines, not pence: 1080p, 720p"),
    Guard("article", "un, une, a, one as an article: un accord, one of the plants"),
    Guard("age", "a person's age: a 42-year-old, âgé de 42 ans", is_age),
    Guard("framing-duration", "a duration that frames another event: the past five years, "
          "18 mois plus tard, -87 % en 10 ans, a five-year $500m credit", is_framing),
    Guard("pair-reference", "actors already named: the two companies, les deux partenaires",
          is_pair_reference),
    Guard("whole-adjective", "100 % électrique, 100 per cent electric", is_whole),
    Guard("score", "a match's score: Lyon won 3-1, victoire 2 à 0", is_score),
)
"""Every guard, in the order they apply."""


def figures(s: Sentence, found: list[Found]) -> list[Found]:
    """The recogniser's stage that drops the figures a figure guard rejects."""
    rules = [guard.figure for guard in GUARDS if guard.figure is not None]
    return [f for f in found if not any(rule(s, f) for rule in rules)]
