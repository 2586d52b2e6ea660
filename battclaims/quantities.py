"""Recognising quantities: a number with what it counts or measures.

The recogniser reads one sentence at a time as tokens and, at each number
(digits or words), reads on: a sign or currency mark before it, a scale word
("millions", "bn"), a unit (a symbol, a word of the vocabulary, or a counted
noun outside it), and a rate ("par an", "a year", "/kWh"). Looking around the
number, it drops what is not a quantity: years, dates, clock times, ordinals,
references ("article 3"), names ("Model 3", "R5", "COVID-19"), articles ("un
accord"). Every word it knows comes from the language's data file.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from . import units
from .lexicon import Lexicon, ascii_fold
from .text import HYPHENS, Token, TokenWindow

_GROUP_SPACES = frozenset(" \u00a0\u202f\u2009")
_QUOTES = frozenset("\"«»“”„‘’'")
_SIGNS = {"+": 1, "-": -1, "−": -1}
_RANGE_MARKS = frozenset("-‐‑–—/")
_CLAUSE_ENDS = frozenset(".,;:!?()[]{}…")
_HALF = Decimal("0.5")
_PRODUCT_DOTS = frozenset("⋅·∙")
_APOSTROPHE_GROUPS = frozenset("'’")
_SECOND = "second"
_HOUR = "hour"
_DECADES = frozenset(Decimal(d) for d in range(10, 100, 10))
RATE_BEFORE = 3
"""A rate written before its figure ("chaque année environ 8 000 tonnes") is at most this
many tokens long."""
_PLURAL = Decimal(2)  # a count that asks for a plural noun


@dataclass(frozen=True)
class _Unit:
    name: str
    """A registry unit name."""
    known: bool
    """From the vocabulary or a symbol (not guessed from a counted noun)."""
    end: int
    """Index of the token after the unit."""
    factor: Decimal = Decimal(1)
    """What the value is multiplied by ("56 cents" is 0.56 USD)."""


@dataclass(frozen=True)
class Found:
    """A quantity as the recogniser found it in a sentence's tokens."""

    first: int
    """Index of its first token."""
    next: int
    """Index of the token after it."""
    start: int
    """View offset of its first character."""
    end: int
    """View offset just past it."""
    value: Decimal | None
    """The value, scale applied; None when vague."""
    numerator: str | None
    """Registry name of what is counted or measured, or None."""
    denominator: str | None
    """Registry name of the "per" unit of a rate, or None."""
    vague: str | None = None
    """The vague magnitude word, folded (``"milliers"``), or None."""
    number: Decimal = Decimal(0)
    """The number as written, before its scale (``1.5`` in "1,5 milliard")."""
    scale: Decimal = Decimal(1)
    """The scale applied to it (``1e9`` in "1,5 milliard")."""
    rank: bool = False
    """An ordinal before a counted thing ("sa deuxième gigafactory"): at least ``value``."""
    approx: bool = False
    """Written with an approximate collective ("une quarantaine", "a dozen")."""

    @property
    def unit(self) -> str | None:
        """The normalised unit expression."""
        return units.expression(self.numerator, self.denominator)


class _Sentence(TokenWindow):
    """Recognises the quantities of one tokenized sentence."""

    def __init__(self, tokens: list[Token], chunk: str, base: int, lex: Lexicon) -> None:
        super().__init__(tokens, lex.max_phrase)
        self.chunk = chunk
        self.base = base
        self.lex = lex
        starts = lex.fractions.out_of_starts if lex.fractions else frozenset()
        self.out_of_positions = [k for k, t in enumerate(tokens) if t.low in starts]
        """Where the words of "N sur M", "N in M" stand (a fraction's quick look)."""

    # --- token helpers -------------------------------------------------------------

    def tight(self, k: int) -> bool:
        """Token k touches the token before it or is one space away."""
        if not 0 < k < self.n:
            return False
        gap = self.t[k].start - self.t[k - 1].end
        return gap == 0 or (
            gap == 1 and self.chunk[self.t[k - 1].end - self.base] in _GROUP_SPACES
        )

    def is_word(self, k: int) -> bool:
        return 0 <= k < self.n and self.t[k].kind == "word"

    # --- the scan -------------------------------------------------------------------

    def run(self) -> Iterator[Found]:
        i = 0
        while i < self.n:
            kind = self.t[i].kind
            found = self.from_fraction(i) if kind in ("num", "word") else None
            if found is None and kind == "num":
                found = self.from_digits(i)
            elif found is None and kind == "word":
                found = self.from_words(i)
            if found is not None:
                yield found
                i = max(found.next, i + 1)
            else:
                i += 1

    # --- fractions --------------------------------------------------------------------

    def from_fraction(self, i: int) -> Found | None:
        """A fraction, as a percent rounded to 0.01: "la moitié des ménages" (50),
        "les deux tiers de" (66.67), "a fifth of", "une voiture neuve sur quatre" (25),
        "one in five" (20); not "the second half of 2024", "a third gigafactory"."""
        fractions = self.lex.fractions
        if fractions is None:
            return None
        low = self.low(i)
        if low in fractions.halves:
            first = i - 1 if self.low(i - 1) in self.lex.determiners else i
            after = self.low(i + 1)
            if self.low(first - 1) in fractions.not_after or not (
                    after in self.lex.of or after in self.lex.determiners):
                return None
            return self.fraction(first, i + 1, Decimal(1), 2)
        denominator = fractions.denominators.get(self.low(i + 1))
        if denominator is None:  # (a quick look first: most numbers are no fraction)
            at = bisect.bisect_right(self.out_of_positions, i)
            if at == len(self.out_of_positions) or self.out_of_positions[at] > i + 4:
                return None
        numerator = self.small_number(i)
        if numerator is None:
            return None
        if denominator is not None:  # "deux tiers de", "a quarter of", "un cinquième."
            following = self.t[i + 2] if i + 2 < self.n else None
            if following is not None and following.low not in self.lex.of and (
                    following.text not in _CLAUSE_ENDS):
                return None  # "a third gigafactory": an ordinal
            first = i - 1 if self.low(i - 1) in self.lex.determiners else i
            if self.low(first - 1) in fractions.not_after or self.low(i - 1) in (
                    fractions.not_after):
                return None  # "the first two quarters of 2022": a time
            return self.fraction(first, i + 2, numerator, denominator)
        # "un sur trois", "one in five"; with words between, only after "un", "one":
        # "une voiture neuve sur quatre" (not "3 plants in 5 countries")
        reach = 5 if numerator == 1 and self.t[i].kind == "word" else 2
        for k in range(i + 1, min(i + reach, self.n)):
            out_of = self.phrase_after(k, fractions.out_of)
            if out_of is not None:
                whole = self.small_number(out_of[0])
                if whole is not None and numerator < whole:
                    return self.fraction(i, out_of[0] + 1, numerator, int(whole))
                return None
            if self.t[k].kind != "word" or self.t[k].low in self.lex.stopwords:
                return None
        return None

    def small_number(self, k: int) -> Decimal | None:
        """A count up to 100 at token k, in digits, in words or as an article ("une")."""
        if not 0 <= k < self.n:
            return None
        token = self.t[k]
        if token.kind == "num" and token.text.isdigit() and 0 < int(token.text) <= 100:
            return Decimal(token.text)
        if token.low in self.lex.articles:
            return Decimal(1)
        if token.low in self.lex.number_words:
            value = _text2num(token.low, self.lex.code)
            return value if value is not None and 0 < value <= 100 else None
        return None

    def fraction(self, first: int, next_: int, numerator: Decimal,
                 denominator: int) -> Found:
        value = (numerator * 100 / denominator).quantize(Decimal("0.01"))
        value = value.quantize(Decimal(1)) if value == value.to_integral() else value
        return Found(first, next_, self.t[first].start, self.t[next_ - 1].end, value,
                     units.PERCENT, None, number=value)

    # --- numbers in digits ------------------------------------------------------------

    def from_digits(self, i: int) -> Found | None:
        if self.glued_left(i):
            return None
        parsed = self.parse_digits(i)
        if parsed is None:
            return None
        value, j, plain = parsed
        if self.is_ordinal_suffix(j):  # "la 3e usine": a rank, if a counted thing follows
            return self.rank(i, j + 1, value)
        if self.glued_right(j):
            return None
        first = i
        sign = self.sign(i)
        if sign:
            value, first = value * sign, i - 1
        prefix = self.currency_before(first)
        if prefix is not None:
            first = prefix[1]
        elif self.is_reference(i) or self.is_date_part(i, j, value):
            return None
        year_like = plain and len(self.t[i].text) == 4 and 1800 <= value <= 2100
        if year_like and self.in_year_context(i, j):
            return None
        return self.complete(
            first, i, j, value,
            currency=prefix[0] if prefix else None,
            year_like=year_like,
            may_be_name=prefix is None and not sign,
        )

    def glued_left(self, i: int) -> bool:
        """Digits stuck to what precedes them: R4, CO2, COVID-19, #3, 7j/7."""
        if not self.attached(i):
            return False
        before = self.t[i - 1]
        if before.kind in ("word", "mask"):
            return before.text not in self.lex.currency_prefixes
        if before.text in HYPHENS and self.attached(i - 1):
            glued = self.t[i - 2]  # "COVID-19"; "n° 2023-1234"
            return glued.kind == "word" or (glued.kind == "num" and self.is_reference(i - 2))
        if before.text in "#№°/\\":
            return True
        if before.text in ".,":
            return self.attached(i - 1) and self.t[i - 2].kind in ("num", "word")
        return False

    def is_ordinal_suffix(self, j: int) -> bool:
        after = self.t[j] if self.attached(j) else None
        return after is not None and after.kind == "word" and (
            after.text in self.lex.ordinal_suffixes or after.low in self.lex.ordinal_suffixes)

    def rank(self, first: int, k: int, value: Decimal) -> Found | None:
        """"sa DEUXIÈME gigafactory", "its third plant": at least that many."""
        lex = self.lex
        if self.low(k) in lex.noun_phrase_words and self.low(k) not in lex.number_joiners:
            k += 1  # "la troisième grande usine"
        unit = self.vocabulary_at(k)
        if unit is None or unit.name not in lex.rankable:
            return None
        return Found(first, unit.end, self.t[first].start, self.t[unit.end - 1].end, value,
                     unit.name, None, number=value, rank=True)

    def glued_right(self, j: int) -> bool:
        """Digits stuck to what follows: ordinals (3e, 21st), 5G, 3D, 4x4, 24/7."""
        if not self.attached(j):
            return False
        after = self.t[j]
        lex = self.lex
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
        if after.text == "." and self.attached(j + 1) and self.t[j + 1].kind == "word":
            return True  # "acc2030.fr" leftovers, "1.a"
        if after.text in "/:" and self.t[j + 1 if j + 1 < self.n else j].kind == "num":
            return self.attached(j + 1)
        return after.text in "ᵉᵗʰ"

    def parse_digits(self, i: int) -> tuple[Decimal, int, bool] | None:
        """The value of the digits at token i, with space-grouped thousands merged.

        Returns (value, index after the number, plain) where plain means digits
        only, no separator (a possible year).
        """
        text = self.t[i].text
        j = i + 1
        if text.isdigit() and len(text) <= 3:
            groups = [text]
            while (j + 1 < self.n and self.t[j].text in _APOSTROPHE_GROUPS and self.attached(j)
                   and self.attached(j + 1) and self.t[j + 1].kind == "num"
                   and len(self.t[j + 1].text) == 3 and self.t[j + 1].text.isdigit()):
                groups.append(self.t[j + 1].text)  # "1'200": thousands by apostrophes
                j += 2
            if len(groups) > 1:
                return Decimal("".join(groups)), j, False
            while j < self.n and self.t[j].kind == "num" and self.tight(j) and not self.attached(j):
                nxt = self.t[j].text
                if not (len(nxt) >= 3 and nxt[:3].isdigit() and (len(nxt) == 3 or nxt[3] in ".,")):
                    break
                if len(nxt) > 3 and not nxt[4:].isdigit():
                    break
                groups.append(nxt)
                j += 1
            if len(groups) > 1:
                tail = groups[-1]
                whole = "".join(groups[:-1]) + tail[:3]
                decimals = tail[4:] if len(tail) > 3 else ""
                return _decimal(whole, decimals), j, False
        value = self.read_separators(text)
        if value is None:
            return None
        return value, j, text.isdigit()

    def read_separators(self, text: str) -> Decimal | None:
        """"1.234.567", "1,5", "1,234.5" by the language's conventions; None if malformed."""
        if text.isdigit():
            return Decimal(text)
        seps = [c for c in text if c in ".,"]
        kinds = set(seps)
        if len(kinds) == 2:
            decimal_sep = seps[-1]
            head, _, decimals = text.rpartition(decimal_sep)
            return _grouped(head, "." if decimal_sep == "," else ",", decimals)
        sep = seps[0]
        parts = text.split(sep)
        if len(parts) > 2:
            return _grouped(text, sep, "")
        whole, frac = parts
        if sep == self.lex.decimal_separator:
            return _decimal(whole, frac)
        if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
            return Decimal(whole + frac)
        return _decimal(whole, frac)

    def sign(self, i: int) -> int:
        if not self.attached(i) or self.t[i - 1].text not in _SIGNS:
            return 0
        if i >= 2 and self.attached(i - 1) and self.t[i - 2].text not in "([":
            return 0
        return _SIGNS[self.t[i - 1].text]

    def currency_before(self, first: int) -> tuple[str, int] | None:
        """A currency mark before the number: "€150", "$ 3bn", "US$5", "EUR 40"."""
        if not self.tight(first):
            return None
        prefixes = self.lex.currency_prefixes
        before = self.t[first - 1]
        if self.attached(first - 1) and (self.t[first - 2].text + before.text) in prefixes:
            return prefixes[self.t[first - 2].text + before.text], first - 2
        if before.text in prefixes:
            return prefixes[before.text], first - 1
        return None

    def is_reference(self, i: int) -> bool:
        """"article 3", "n° 3", "Model 3": a reference, not a quantity."""
        if i == 0:
            return False
        before = self.t[i - 1]
        if before.text in "°№" and i >= 2:
            return before.text == "№" or self.t[i - 2].low in self.lex.reference_words
        return before.kind == "word" and before.low in self.lex.reference_words

    def is_date_part(self, i: int, j: int, value: Decimal) -> bool:
        """The day in "12 mars 2025" or "March 12"."""
        if not (1 <= value <= 31 and value == value.to_integral_value()):
            return False
        months = self.lex.months
        if self.is_word(j) and self.t[j].low in months:
            return True
        if i > 1 and self.t[i - 1].text == "." and self.t[i - 1].start == self.t[i - 2].end:
            i -= 1  # "Feb. 6": an abbreviated month
        return i > 0 and self.t[i - 1].kind == "word" and self.t[i - 1].low in months

    def in_year_context(self, i: int, j: int) -> bool:
        """A 4-digit number that reads as a year: "by 2030", "2025-2030", "2020s"."""
        if self.attached(j) and self.t[j].low in self.lex.decade_suffixes:
            return True
        if i > 0:
            before = self.t[i - 1]
            if before.kind == "word" and before.low in self.lex.time_prepositions:
                return True
            if before.text in _RANGE_MARKS and i >= 2 and _is_year(self.t[i - 2]):
                return True
            if before.text == "," and i >= 3 and self.t[i - 3].low in self.lex.months:
                return True
        return (
            j + 1 < self.n and self.t[j].text in _RANGE_MARKS and _is_year(self.t[j + 1])
        )

    def after_name(self, i: int) -> bool:
        """A capitalised word just before the number: "Model 3", "France 2030"."""
        if i == 0 or not self.tight(i) or self.attached(i):
            return False
        before = self.t[i - 1]
        if before.kind != "word" or before.text.islower():
            return False
        low, lex = before.low, self.lex
        return not (
            low in lex.stopwords
            or low in lex.vague
            or low in lex.number_words
            or low in lex.months
            or low in lex.rate_adjectives
            or low in lex.time_prepositions
        )

    # --- numbers in words ------------------------------------------------------------------

    def is_number_word(self, k: int) -> bool:
        if not self.is_word(k):
            return False
        parts = self.t[k].low.split("-")
        lex = self.lex
        return parts[0] in lex.number_words and all(
            p in lex.number_words or p in lex.number_joiners for p in parts
        )

    def from_words(self, i: int) -> Found | None:
        lex = self.lex
        low = self.t[i].low
        if low not in lex.word_starters and low.partition("-")[0] not in lex.word_starters:
            return None
        if low in lex.ordinals:
            return self.rank(i, i + 1, Decimal(lex.ordinals[low]))
        half = self.half_scale(i)
        if half is not None:  # "half a million", "un demi-million"
            return self.complete(i, i, half[1], half[0], words=True, scaled=True)
        run = self.number_run(i)
        article = not run and low in lex.articles and self.low(i + 1) in lex.scales
        if article:  # "a billion": text2num reads "billion"; "a dozen": a scale
            run = self.number_run(i + 1)
            if not run:
                return self.complete(i, i, i + 1, Decimal(1), words=True)
        if (not run and low in lex.articles and self.vocabulary_at(i + 1)
                and self.phrase_before(i, lex.hedges_before)):
            return self.complete(i, i, i + 1, Decimal(1), words=True)  # "about a year"
        if not run:
            if low in lex.vague:
                return self.from_vague(i)
            return None
        words = [self.t[k].text for k in run]
        if len(run) == 1 and low in lex.vague and low in lex.scales:
            return self.from_vague(i)  # "des milliards", "MILLIERS"
        value = None
        while run:
            value = _text2num(" ".join(words[: len(run)]), lex.code)
            if value is not None:
                break
            run.pop()
        if value is None or not run:
            return None
        j = run[-1] + 1
        if len(run) == 1 and not article:
            if low in lex.articles and self.low(j) not in lex.scales and not (
                    self.vocabulary_at(j) and self.phrase_before(i, lex.hedges_before)):
                return None  # "un accord", "une usine"; but "environ une semaine"
            if low in lex.weak_number_words and not (self.symbol_at(j) or self.vocabulary_at(j)):
                return None  # "one of", "un véhicule neuf", "zero emission"
        scaled = any(self.t[k].low.split("-")[-1] in lex.scales for k in run)
        last_scale = lex.scales.get(self.t[run[-1]].low)
        half_end = self.phrase_after(j, lex.half_after_scale) if last_scale else None
        if last_scale is not None and half_end is not None:  # "un milliard et demi"
            value, j = value + last_scale.value * _HALF, half_end[0]
        prefix = self.currency_before(i)
        return self.complete(
            prefix[1] if prefix else i, i, j, value,
            currency=prefix[0] if prefix else None,
            words=True, scaled=scaled,
        )

    def half_scale(self, i: int) -> tuple[Decimal, int] | None:
        """"half a million", "un demi-million" at token i: (value, index after)."""
        lex = self.lex
        for phrase in lex.half_before_scale:
            size = len(phrase)
            words = [self.low(m) for m in range(i, i + size)]
            head, _, glued = words[-1].partition("-")  # "demi-million" is one token
            if words[:-1] != list(phrase[:-1]) or head != phrase[-1]:
                continue
            scale = lex.scales.get(glued) if glued else lex.scales.get(self.low(i + size))
            if scale is not None:
                return scale.value * _HALF, i + size + (0 if glued else 1)
        return None

    def number_run(self, i: int) -> list[int]:
        run: list[int] = []
        k = i
        while k < self.n:
            joiner = run and self.low(k) in self.lex.number_joiners and self.is_number_word(k + 1)
            if self.is_number_word(k) or joiner:
                run.append(k)
            else:
                break
            k += 1
        return run

    def from_vague(self, i: int) -> Found | None:
        """"des milliers de personnes", "several hectares", "MILLIARDS de roubles"."""
        lex = self.lex
        vague = lex.vague[self.t[i].low]
        k = i + 1
        scale = lex.scales.get(self.low(k)) if vague.needs_noun else None
        if scale is not None:  # "plusieurs milliards d'euros", "several billion euros"
            k += 1
            unit = self.vocabulary_after(k)
            if unit is None:
                return None
        elif vague.needs_noun:  # "plusieurs hectares", not "plusieurs fois"
            unit = self.symbol_at(k) or self.noun_phrase(k, _PLURAL)
            if unit is None or (vague.needs_unit and not unit.known):
                return None
        else:
            while self.low(k) in lex.of:  # "dizaines de milliers d'emplois"
                if self.low(k + 1) in lex.vague and not lex.vague[self.low(k + 1)].needs_noun:
                    k += 2
                else:
                    k += 1
                    break
            unit = self.noun_phrase(k, None)
            if unit is None and self.low(k - 1) in lex.of:
                k -= 1
        end = unit.end if unit else k
        denominator, end = self.rate_after(end)
        return Found(i, end, self.t[i].start, self.t[end - 1].end, None,
                     unit.name if unit else None, denominator, vague=self.t[i].low,
                     scale=scale.value if scale is not None else Decimal(1))

    # --- scale, unit, rate ------------------------------------------------------------------

    def complete(
        self, first: int, i: int, j: int, value: Decimal, *,
        currency: str | None = None, year_like: bool = False, may_be_name: bool = False,
        words: bool = False, scaled: bool = False,
    ) -> Found | None:
        """Read the scale, unit and rate after the number ending before token j."""
        k = j
        factor = Decimal(1)
        approx = self.low(k) in self.lex.approximate_scales  # "une quarantaine de salariés"
        scale = None if not words and (self.low(k),) in self.lex.units else (
            self.scale_at(k, currency is not None))  # "50 cents": a unit after digits
        if scale is None and self.low(k) in HYPHENS and self.attached(k) and self.attached(k + 1):
            scale = self.scale_at(k + 1, currency is not None)  # "$4-billion"
        if scale is not None:
            factor, half, k = scale
            value += _HALF if half else 0
            scaled = True
        # After a currency mark ("£4bn gigafactory") what follows is not what is counted.
        unit = (
            self.symbol_at(k) if currency is not None
            else self.unit_at(k, value * factor, scaled)
        )
        if unit is not None and unit.name == _SECOND and self.attached(j) and (
                value in _DECADES):
            return None  # "the 70s and 80s": decades, not seconds
        if unit is not None:
            k = unit.end
            factor *= unit.factor
        known = unit is not None and unit.known
        if year_like and not (known and unit is not None and not units.is_time(unit.name)):
            return None
        if may_be_name and not known and self.after_name(i):
            return None
        if words and unit is None and not scaled:
            return None
        numerator = unit.name if unit else currency
        if numerator is not None and numerator in self.lex.reported_as:  # "2 TWh": 2 000 GWh
            numerator, written = self.lex.reported_as[numerator], numerator
            ratio = units.registry().Quantity(1, written).to(numerator).magnitude
            factor *= Decimal(f"{ratio:.12g}")
        if (
            numerator == "hour"
            and value * factor <= 24
            and i > 0
            and self.t[i - 1].low in self.lex.time_of_day_prepositions
        ):
            return None  # "à 18 heures": a time of day
        denominator, k = self.rate_after(k)
        if denominator is None:
            denominator = self.rate_before(first, adjectives=not (
                numerator is not None and (units.is_currency(numerator)
                                           or numerator == units.PERCENT)))
        if numerator and denominator and units.is_time(numerator) and units.is_time(denominator):
            denominator = None
        return Found(first, k, self.t[first].start, self.t[k - 1].end, value * factor,
                     numerator, denominator, number=value, scale=factor, approx=approx)

    def scale_at(self, k: int, has_currency: bool) -> tuple[Decimal, bool, int] | None:
        if not self.is_word(k):
            return None
        lex = self.lex
        token = self.t[k]
        abbreviation = lex.scale_abbreviations.get(token.text)
        if (
            abbreviation is not None
            and self.tight(k)
            and (
                not abbreviation.currency_only
                or has_currency
                or self.currency_at(k + 1)
                or self.vocabulary_after(k + 1) is not None  # "1.13m vehicles"
            )
        ):
            return abbreviation.value, False, k + 1
        scale = lex.scales.get(token.low)
        if scale is None:
            return None
        half = self.phrase_after(k + 1, lex.half_after_scale)
        if half is not None:
            return scale.value, True, half[0]
        return scale.value, False, k + 1

    def currency_at(self, k: int) -> bool:
        unit = self.symbol_at(k)
        if unit is None and self.is_word(k):
            unit = self.noun_phrase(k, None)
        return unit is not None and units.is_currency(unit.name)

    def symbol_at(self, k: int) -> _Unit | None:
        """A unit symbol right after the number: "GWh", "%", "km/h", "€"."""
        if not (0 <= k < self.n) or not self.tight(k):
            return None
        symbols = self.lex.symbols
        text = ""
        best = None
        m = k
        while m < min(k + 4, self.n):
            if m > k and not self.attached(m):
                break
            if m > k and self.t[m].text in _PRODUCT_DOTS:
                m += 1  # "kW⋅h", "kW·h": the product of two symbols
                continue
            text += self.t[m].text
            if text in symbols:  # ("MEUR": a scale fused to its currency code)
                factor, name = _unit_spec(symbols[text])
                best = _Unit(name, True, m + 1, factor)
            m += 1
        if best is not None and self.is_word(best.end) and self.attached(best.end):
            return None  # "5 GWhx": not this symbol
        after = self.t[best.end].text if best is not None and best.end < self.n else ""
        if best is not None and symbols.get(after) == _HOUR and not self.attached(
                best.end) and self.tight(best.end) and not (
                self.is_word(best.end + 1) and self.attached(best.end + 1)):
            spaced = symbols.get(text + after)  # "160 GW h": the power times hours
            if spaced is not None:
                return _Unit(_unit_spec(spaced)[1], True, best.end + 1)
        return best

    def vocabulary_at(self, k: int) -> _Unit | None:
        """The longest unit word or phrase of the vocabulary starting at token k."""
        units_ = self.lex.units
        for size in range(min(self.lex.max_unit_words, self.n - k), 0, -1):
            key = tuple(self.t[m].low for m in range(k, k + size))
            spec = units_.get(key)
            if spec is not None:
                factor, name = _unit_spec(spec)
                return _Unit(name, True, k + size, factor)
        return None

    def vocabulary_after(self, k: int) -> _Unit | None:
        """A vocabulary unit at k, or after a linking "de"/"of" at k."""
        if self.low(k) in self.lex.of:
            k += 1
        return self.vocabulary_at(k)

    def unit_at(self, k: int, value: Decimal | None, scaled: bool) -> _Unit | None:
        unit = self.symbol_at(k)
        if unit is not None:
            return unit
        if self.low(k) in HYPHENS and self.attached(k) and self.attached(k + 1):
            return self.symbol_at(k + 1) or self.vocabulary_at(k + 1)  # "a 90-hectare site"
        if scaled and self.low(k) in self.lex.of:
            unit = self.symbol_at(k + 1) or self.noun_phrase(k + 1, value)
            if unit is not None:
                return unit
        return self.noun_phrase(k, value)

    def noun_phrase(self, k: int, value: Decimal | None) -> _Unit | None:
        """What the number counts: a unit of the vocabulary, or a counted noun.

        French nouns come first ("douze nouveaux modèles électriques"), English
        ones last ("two battery plants"); adjectives of the language's list may
        stand between, and a stopword or punctuation ends the search.
        """
        lex = self.lex
        head_first = lex.noun_head == "first"
        known: _Unit | None = None
        unknown: int | None = None
        m = k
        while m < self.n and m < k + 7:
            token = self.t[m]
            if token.kind == "sym" and token.text in _QUOTES:
                m += 1
                continue
            if token.kind != "word":
                break
            unit = self.vocabulary_at(m)
            if unit is not None:
                known, unknown = unit, None
                if head_first or lex.is_plural(self.t[unit.end - 1].text) or not (
                        units.is_counted(unit.name)):  # "3 feet tall": a measure ends it
                    break
                m = unit.end
                continue
            low = token.low
            if low in lex.noun_phrase_words:
                m += 1
                continue
            if (
                low in lex.stopwords
                or low in lex.not_nouns
                or low in lex.months
                or low in lex.number_words
                or low in lex.rate_adjectives
                or not token.text.replace("-", "").isalpha()
            ):
                break
            if not token.text.islower():  # a name: "Renault" in "five Renault plants"
                if head_first:
                    break
                m += 1
                continue
            plural = lex.is_plural(token.text)
            if value is not None and value > 1 and not plural:
                if head_first:
                    break
                m += 1
                continue
            unknown = m
            if head_first or plural:
                break
            m += 1
        if unknown is not None and (known is None or unknown > known.end - 1) and not (
                self.lex.is_adjective(self.t[unknown].low)):  # "dont 114 400 électriques"
            name = units.counted(ascii_fold(lex.singular(self.t[unknown].text)).replace("-", "_"))
            if name is not None:
                return _Unit(name, False, unknown + 1)
        return known

    def rate_after(self, k: int) -> tuple[str | None, int]:
        """A rate after the quantity: "par an", "a year", "/kWh", "annuels"."""
        rate = self.rate_at(k)
        if rate is not None:
            return rate
        end = k
        shut = self.bracket_without_number(k)  # "8 gigawatt-hours (GWh) of annual capacity"
        if shut is not None:
            rate = self.rate_at(shut + 1)
            if rate is not None:
                return rate
            k = shut + 1
        if self.low(k) in self.lex.rate_reach:  # "12 GWh de batteries « made in France »
            of = self.low(k) in self.lex.of  # tous les ans"
            for m in range(k + 1, min(k + 9, self.n)):
                token = self.t[m]
                if token.kind == "num" or token.text in _CLAUSE_ENDS:
                    break
                if not of and token.text.istitle():
                    break  # "12 GWh pour Renault chaque année": the client ends it
                if token.low in self.lex.rate_adjectives:  # "100 GWh of annual capacity"
                    if of:  # (not "250 euros pour une capacité annuelle")
                        return self.lex.rate_adjectives[token.low], k
                    continue
                rate = self.rate_at(m)
                if rate is not None:
                    return rate
        for m in range(k, min(k + 2, self.n)):  # "véhicules électriques par an"
            token = self.t[m]
            if token.kind != "word" or not token.text.islower() or token.low in self.lex.stopwords:
                break
            rate = self.rate_at(m + 1)
            if rate is not None:
                return rate
        return None, end

    def converted_rates(self, found: list[Found]) -> list[Found]:
        """A figure and its conversion in brackets share the rate written after them:
        "USD 115 (EUR 109) per kWh", "100 euros ($100) a month"."""
        for index in range(len(found) - 1):
            a, b = found[index], found[index + 1]
            if (a.denominator is None and b.denominator is None and a.numerator is not None
                    and b.numerator is not None and b.first == a.next + 1
                    and self.t[a.next].text == "(" and b.next < self.n
                    and self.t[b.next].text == ")"):
                rate = self.rate_at(b.next + 1)
                if rate is not None:
                    found[index] = replace(a, denominator=rate[0])
                    found[index + 1] = replace(b, denominator=rate[0])
        return found

    def bracket_without_number(self, k: int) -> int | None:
        """The closing bracket of a short aside at k that holds no number ("(GWh)")."""
        if k >= self.n or self.t[k].text != "(":
            return None
        for m in range(k + 1, min(k + 5, self.n)):
            token = self.t[m]
            if token.text == ")":
                return m
            if token.kind == "num" or token.text in _CLAUSE_ENDS:
                return None
        return None

    def rate_at(self, k: int) -> tuple[str, int] | None:
        """A rate at token k: "par an", "/kWh", or an article that makes one ("12 GWh a
        year", "115 dollars le kWh"; not after "de" or "sur": "d'ici la fin de la
        décennie", "sur le mois")."""
        if k >= self.n:
            return None
        lex = self.lex
        low = self.low(k)
        if low in lex.time_rate_markers and (self.low(k - 1) in lex.of
                                             or self.low(k - 1) in lex.stopwords):
            return None  # "sur le mois", "de la décennie": a time
        if low in lex.rate_markers or low in lex.time_rate_markers:
            per = self.low(k + 1)
            if per in lex.rate_units:
                if low in lex.time_rate_markers and self.low(k + 2) in lex.time_adjectives:
                    return None  # "a year ago", "l'année précédente": a time
                return lex.rate_units[per], k + 2
            unit = self.symbol_at(k + 1) or self.vocabulary_at(k + 1)
            if unit is not None and not lex.is_plural(self.t[unit.end - 1].text) and (
                    low not in lex.time_rate_markers or not (  # "115 dollars le kWh", not
                        units.is_counted(unit.name) or units.is_currency(unit.name))):  # "le site"
                return unit.name, unit.end
        for size in range(lex.max_rate_words, 0, -1):
            key = tuple(self.low(m) for m in range(k, k + size))
            if key in lex.rate_words:
                return lex.rate_words[key], k + size
        if low in lex.rate_adjectives:
            return lex.rate_adjectives[low], k + 1
        return None

    def rate_before(self, first: int, adjectives: bool = True) -> str | None:
        """"annual capacity of 12 GWh", "fourniture annuelle de 12 GWh", "traite chaque
        année environ 8 000 tonnes". "Annual" makes no rate of money or a share
        ("annual subsidies of €1.5bn", "une croissance annuelle de 53 %": a year's
        amount, per year only where the text says "per year"); "monthly" does ("un loyer
        mensuel de 100 €", a tariff)."""
        hedge = self.phrase_before(first, self.lex.hedges_before)
        end = hedge[0] if hedge else first
        if end >= 1 and self.low(end - 1) in self.lex.range_openers:
            end -= 1  # "an annual capacity of between 24 and 30 GWh"
        for start in range(max(end - RATE_BEFORE, 0), end):
            rate = self.rate_at(start)
            if rate is not None and rate[1] == end and self.low(start) not in (
                    self.lex.time_rate_markers) and (  # (not "a year" ending a time before it)
                    adjectives or self.lex.rate_adjectives.get(self.low(start)) != "year"):
                return rate[0]
        if end < 2 or self.low(end - 1) not in self.lex.of:
            return None
        for m in range(end - 2, max(-1, end - 5), -1):
            token = self.t[m]
            if token.kind != "word":
                return None
            per = self.lex.rate_adjectives.get(token.low)
            if per is not None:
                return per if adjectives or per != "year" else None
        return None


@functools.lru_cache(maxsize=256)
def _unit_spec(spec: str) -> tuple[Decimal, str]:
    """A vocabulary unit, ``"USD"`` or with a factor, ``"0.01 USD"`` (cents)."""
    factor, _, name = spec.partition(" ")
    if not name or not factor[:1].isdigit():  # "kilometer / hour": a unit, no factor
        return Decimal(1), spec
    return Decimal(factor), name


def _is_year(token: Token) -> bool:
    return token.kind == "num" and len(token.text) == 4 and token.text.isdigit()


def _decimal(whole: str, frac: str) -> Decimal:
    return Decimal(f"{whole}.{frac}" if frac else whole)


def _grouped(text: str, sep: str, decimals: str) -> Decimal | None:
    parts = text.split(sep)
    if not (1 <= len(parts[0]) <= 3) or any(len(p) != 3 for p in parts[1:]):
        return None
    if not all(p.isdigit() for p in parts):
        return None
    if not decimals.isdigit() and decimals:
        return None
    return _decimal("".join(parts), decimals)


def _text2num(words: str, lang: str) -> Decimal | None:
    from text_to_num import text2num

    try:
        return Decimal(text2num(words, lang))
    except (ValueError, InvalidOperation):
        return None


# --- entry point ----------------------------------------------------------------------------


def recognise(tokens: list[Token], chunk: str, base: int, lex: Lexicon) -> list[Found]:
    """The quantities in one sentence's tokens (``chunk`` is its masked text at ``base``)."""
    sentence = _Sentence(tokens, chunk, base, lex)
    return sentence.converted_rates(list(sentence.run()))
