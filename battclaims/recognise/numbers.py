"""Stage 1 of the recogniser: numbers — in digits (separators by the language, signs,
currency marks before them), in words ("deux milliards", "twelve"), fractions ("les deux
tiers", "one in five"), ranks ("sa deuxième usine") and vague magnitudes ("des
milliers"). Each number is handed to :func:`.measures.complete` for what it measures.

Reading numbers never fails, whatever the text: digits that make no number ("1 234,5 678":
"1 234,5", then "678") are read as far as they make one. A figure too large to hold (more
than :data:`MAX_DIGITS` digits before its decimal mark: a float would be infinite) is
skipped whole, with no claim, and the other figures of its sentence are still read; so is
one whose value, bounds or scale would make it infinite (:mod:`battclaims.claims`)."""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from .. import units
from ..text import HYPHENS, kinds, positions, where
from ..times import year_of
from . import guards, measures
from .sentence import CLAUSE_ENDS, HALF, Found, Sentence

_SIGNS = {"+": 1, "-": -1, "−": -1}
_APOSTROPHE_GROUPS = frozenset("'’")
_PLURAL = Decimal(2)  # a count that asks for a plural noun
MAX_DIGITS = 300
"""A number with more digits than this before its decimal mark is too large to hold (a
float holds up to about 1.8e308, before any scale): it is skipped, no claim."""


def run(s: Sentence) -> Iterator[Found]:
    fractions = s.lex.fractions
    tokens = s.t
    done = 0  # (the tokens before it are read)
    for i in may_start(s):
        if i < done:
            continue
        found = (from_fraction(s, i) if fractions is not None and _may_be_fraction(s, i)
                 else None)
        if found is None and tokens[i].kind == "num":
            oversized = too_large(s, i)
            if oversized is not None:  # a figure too large to hold: skipped whole
                done = oversized
                continue
            found = from_digits(s, i)
        elif found is None:
            found = from_words(s, i)
        if found is not None:
            yield found
            done = found.next


def may_start(s: Sentence) -> list[int]:
    """The tokens a number may start at, in order (a quick look, in one pass): numbers,
    and the words a number in words or a ratio starts with, or whose head does ("demi-"). No
    other word starts a fraction: its numerator is a number word or an article, its half
    word a starter too."""
    lex, lows = s.lex, s.lows
    starters = lex.word_starters
    hyphenated = where(map(operator.contains, lows, itertools.repeat("-")))
    words = {*positions(lows, starters), *positions(lows, lex.ratio_words),
             *(k for k in hyphenated if lows[k].partition("-")[0] in starters)}
    return sorted({*positions(kinds(s.t), _NUMBER)}
                  | {k for k in words if s.t[k].kind == "word"})


_NUMBER = frozenset({"num"})


def _may_be_fraction(s: Sentence, i: int) -> bool:
    """The quick look of :func:`from_fraction`: a half word at i, a denominator after it or
    the words of "N sur M" just after it (False: no fraction starts at i)."""
    fractions = s.lex.fractions
    assert fractions is not None
    if s.t[i].low in fractions.halves or s.low(i + 1) in fractions.denominators:
        return True
    at = bisect.bisect_right(s.out_of_positions, i)
    return at < len(s.out_of_positions) and s.out_of_positions[at] <= i + 4


def from_fraction(s: Sentence, i: int) -> Found | None:
    """A fraction, as a percent rounded to 0.01: "la moitié des ménages" (50),
    "les deux tiers de" (66.67), "a fifth of", "une voiture neuve sur quatre" (25),
    "one in five" (20); not "the second half of 2024", "a third gigafactory"."""
    fractions = s.lex.fractions
    if fractions is None:
        return None
    low = s.low(i)
    if low in fractions.halves:
        first = i - 1 if s.low(i - 1) in s.lex.determiners else i
        after = s.low(i + 1)
        if s.low(first - 1) in fractions.not_after or not (
                after in s.lex.of or after in s.lex.determiners) or s.low(i + 2) in s.lex.scales:
            return None  # (not "half a million": a scale's half)
        if first >= 2 and s.low(first - 1) in s.lex.number_joiners and (
                measures.vocabulary_at(s, first - 2)):
            return None  # "a year and a half of work": the year's half
        return fraction(s, first, i + 1, Decimal(1), 2)
    denominator = fractions.denominators.get(s.low(i + 1))
    if denominator is None:  # (a quick look first: most numbers are no fraction)
        at = bisect.bisect_right(s.out_of_positions, i)
        if at == len(s.out_of_positions) or s.out_of_positions[at] > i + 4:
            return None
    numerator = small_number(s, i)
    if numerator is None or s.low(i + 1) in s.lex.decimal_words:  # ("one point five")
        return None
    if denominator is not None:  # "deux tiers de", "a quarter of", "un cinquième."
        following = s.t[i + 2] if i + 2 < s.n else None
        if following is not None and following.low not in s.lex.of and (
                following.text not in CLAUSE_ENDS):
            return None  # "a third gigafactory": an ordinal
        first = i - 1 if s.low(i - 1) in s.lex.determiners else i
        if s.low(first - 1) in fractions.not_after:
            return None  # "the first two quarters of 2022": a time
        return fraction(s, first, i + 2, numerator, denominator)
    # "un sur trois", "one in five"; with words between, only after "un", "one":
    # "une voiture neuve sur quatre" (not "3 plants in 5 countries")
    reach = 5 if numerator == 1 and s.t[i].kind == "word" else 2
    for k in range(i + 1, min(i + reach, s.n)):
        out_of = s.phrase_after(k, fractions.out_of)
        if out_of is not None:
            whole = small_number(s, out_of[0])
            if whole is not None and numerator < whole:
                return fraction(s, i, out_of[0] + 1, numerator, int(whole))
            return None
        if s.t[k].kind != "word" or s.t[k].low in s.lex.stopwords:
            return None
    return None


def small_number(s: Sentence, k: int) -> Decimal | None:
    """A count up to 100 at token k, in digits, in words or as an article ("une")."""
    if not 0 <= k < s.n:
        return None
    token = s.t[k]
    if token.kind == "num" and token.text.isdigit() and 0 < int(token.text) <= 100:
        return Decimal(token.text)
    if token.low in s.lex.articles:
        return Decimal(1)
    if token.low in s.lex.number_words:
        value = _text2num(token.low, s.lex.code)
        return value if value is not None and 0 < value <= 100 else None
    return None


def fraction(s: Sentence, first: int, next_: int, numerator: Decimal,
             denominator: int) -> Found:
    value = (numerator * 100 / denominator).quantize(Decimal("0.01"))
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value
    return Found(first, next_, s.t[first].start, s.t[next_ - 1].end, value,
                 units.PERCENT, None, number=value)


def from_digits(s: Sentence, i: int) -> Found | None:
    if guards.glued_left(s, i):
        return None
    parsed = parse_digits(s, i)
    if parsed is None:
        return None
    value, j, plain = parsed
    if is_ordinal_suffix(s, j):  # "la 3e usine": a rank, if a counted thing follows
        return rank(s, i, j + 1, value)
    power = exponent(s, j, value)
    if power is not None:  # "1.5e4", "10^6", "3 × 10⁶"
        value, j, plain = power[0], power[1], False
    if (j + 1 < s.n and s.t[j].text in ("-", ":") and s.attached(j) and s.attached(j + 1)
            and s.t[j + 1].text == s.t[i].text and value == 50):
        return Found(i, j + 2, s.t[i].start, s.t[j + 1].end, value, units.PERCENT, None,
                     number=value)  # "a 50-50 joint venture", "50:50": half each
    if guards.glued_right(s, j):
        return None
    first = i
    if plain and i >= 1 and s.t[i - 1].text == "." and s.attached(i) and not s.attached(i - 1):
        value, first, plain = Decimal("0." + s.t[i].text), i - 1, False  # ".05"
    sign = sign_before(s, first)
    if sign:
        value, first = value * sign, first - 1
    prefix = currency_before(s, first)
    if prefix is not None:
        first = prefix[1]
    elif guards.is_reference(s, i) or guards.is_date_part(s, i, j, value):
        return None
    year_like = plain and year_of(s.t[i]) is not None
    if year_like and guards.in_year_context(s, i, j):
        return None
    return measures.complete(
        s, first, i, j, value,
        currency=prefix[0] if prefix else None,
        year_like=year_like,
        may_be_name=prefix is None and not sign,
    )


def too_large(s: Sentence, i: int) -> int | None:
    """The index after the number at token i when it is too large to hold (more than
    :data:`MAX_DIGITS` digits before its decimal mark), else None."""
    text = s.t[i].text
    if len(text) <= MAX_DIGITS // 2 and not (text.isdigit() and len(text) <= 3):
        return None  # (a short token is too large only as grouped thousands: "999 999 …")
    parsed = parse_digits(s, i)
    if parsed is None:
        whole = text.replace(",", ".").partition(".")[0]
        return i + 1 if len(whole) > MAX_DIGITS else None
    value, j, _ = parsed
    return j if value and value.adjusted() >= MAX_DIGITS else None


def is_ordinal_suffix(s: Sentence, j: int) -> bool:
    after = s.t[j] if s.attached(j) else None
    return after is not None and after.kind == "word" and (
        after.text in s.lex.ordinal_suffixes or after.low in s.lex.ordinal_suffixes)


def rank(s: Sentence, first: int, k: int, value: Decimal) -> Found | None:
    """"sa DEUXIÈME gigafactory", "its third plant": at least that many."""
    lex = s.lex
    if s.low(k) in lex.noun_phrase_words and s.low(k) not in lex.number_joiners:
        k += 1  # "la troisième grande usine"
    unit = measures.vocabulary_at(s, k)
    if unit is None or unit.name not in lex.rankable:
        return None
    return Found(first, unit.end, s.t[first].start, s.t[unit.end - 1].end, value,
                 unit.name, None, number=value, rank=True)


def parse_digits(s: Sentence, i: int) -> tuple[Decimal, int, bool] | None:
    """The value of the digits at token i, with space-grouped thousands merged.

    Returns (value, index after the number, plain) where plain means digits
    only, no separator (a possible year).
    """
    text = s.t[i].text
    j = i + 1
    if text.isdigit() and len(text) <= 3:
        groups = [text]
        while (j + 1 < s.n and s.t[j].text in _APOSTROPHE_GROUPS and s.attached(j)
               and s.attached(j + 1) and s.t[j + 1].kind == "num"
               and len(s.t[j + 1].text) == 3 and s.t[j + 1].text.isdigit()):
            groups.append(s.t[j + 1].text)  # "1'200": thousands by apostrophes
            j += 2
        if len(groups) > 1:
            return Decimal("".join(groups)), j, False
        while j < s.n and s.t[j].kind == "num" and s.tight(j) and not s.attached(j):
            nxt = s.t[j].text
            if not (len(nxt) >= 3 and nxt[:3].isdigit() and (len(nxt) == 3 or nxt[3] in ".,")):
                break
            if len(nxt) > 3 and not nxt[4:].isdigit():
                break
            groups.append(nxt)
            j += 1
            if len(nxt) > 3:
                break  # "1 234,5 678": the decimals end the number
        if len(groups) > 1:
            tail = groups[-1]
            whole = "".join(groups[:-1]) + tail[:3]
            decimals = tail[4:] if len(tail) > 3 else ""
            return _decimal(whole, decimals), j, False
    value = read_separators(s, text)
    if value is None:
        return None
    return value, j, text.isdigit()


def read_separators(s: Sentence, text: str) -> Decimal | None:
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
    if sep == s.lex.decimal_separator:
        return _decimal(whole, frac)
    if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        return Decimal(whole + frac)
    return _decimal(whole, frac)


def sign_before(s: Sentence, i: int) -> int:
    """The sign written before the number: "-18", "−8 %", "minus 18", "moins 18"."""
    if i >= 1 and not s.attached(i) and s.t[i - 1].kind == "word":
        if s.phrase_before(i, s.lex.hedges_before) is not None or (
                i >= 2 and (s.t[i - 2].kind == "num" or s.t[i - 2].text in ",;")):
            return 0  # "au moins 12 mois", "plus ou moins 3 %": hedges; "10 usines, moins 2"
        return s.lex.sign_words.get(s.t[i - 1].low, 0)
    if not s.attached(i) or s.t[i - 1].text not in _SIGNS:
        return 0
    if i >= 2 and s.attached(i - 1) and s.t[i - 2].text not in "([":
        return 0
    return _SIGNS[s.t[i - 1].text]


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def exponent(s: Sentence, j: int, value: Decimal) -> tuple[Decimal, int] | None:
    """A power of ten after the number ending before token j: "1.5e4", "2.3e-3",
    "10^6", "3 × 10⁶", "3 x 10^6"; (value, index after) or None."""
    def power_at(k: int) -> tuple[int, int] | None:  # "^6", "⁶" at k
        if s.low(k) == "^" and s.attached(k) and s.attached(k + 1) and s.t[k + 1].kind == "num":
            text = s.t[k + 1].text
            return (int(text), k + 2) if text.isdigit() and len(text) <= 2 else None
        written = s.t[k].text.translate(_SUPERSCRIPTS) if k < s.n and s.attached(k) else ""
        digits = written.lstrip("-")
        return (int(written), k + 1) if digits.isdigit() and len(digits) <= 2 else None

    if s.low(j) == "e" and s.attached(j) and s.attached(j + 1):  # "1.5e4", "2.3e-3"
        k, sign = j + 1, 1
        if s.t[k].text in _SIGNS and s.attached(k + 1):
            sign, k = _SIGNS[s.t[k].text], k + 1
        if k < s.n and s.t[k].kind == "num" and s.t[k].text.isdigit() and len(s.t[k].text) <= 2:
            return value * Decimal(10) ** (sign * int(s.t[k].text)), k + 1
        return None
    if value == 10:  # "10^6", "10⁶"
        power = power_at(j)
        return (Decimal(10) ** power[0], power[1]) if power else None
    if s.low(j) in ("×", "x") and s.low(j + 1) == "10":  # "3 × 10⁶"
        power = power_at(j + 2)
        return (value * Decimal(10) ** power[0], power[1]) if power else None
    return None


def currency_before(s: Sentence, first: int) -> tuple[str, int] | None:
    """A currency mark before the number: "€150", "$ 3bn", "US$5", "EUR 40"."""
    if not s.tight(first):
        return None
    prefixes = s.lex.currency_prefixes
    before = s.t[first - 1]
    if s.attached(first - 1) and (s.t[first - 2].text + before.text) in prefixes:
        return prefixes[s.t[first - 2].text + before.text], first - 2
    if before.text in prefixes:
        return prefixes[before.text], first - 1
    return None


def is_number_word(s: Sentence, k: int) -> bool:
    if not s.is_word(k):
        return False
    parts = s.t[k].low.split("-")
    lex = s.lex
    return parts[0] in lex.number_words and all(
        p in lex.number_words or p in lex.number_joiners for p in parts
    )


def from_words(s: Sentence, i: int) -> Found | None:
    lex = s.lex
    low = s.t[i].low
    factor = ratio_word(s, i)
    if factor is not None:  # "quadrupled", "to double", "le double"
        return Found(i, i + 1, s.t[i].start, s.t[i].end, Decimal(factor), units.RATIO, None,
                     number=Decimal(factor))
    if low not in lex.word_starters and low.partition("-")[0] not in lex.word_starters:
        return None
    if low in lex.ordinals:
        return rank(s, i, i + 1, Decimal(lex.ordinals[low]))
    half = half_scale(s, i)
    if half is not None:  # "half a million", "un demi-million"
        return measures.complete(s, i, i, half[1], half[0], words=True, scaled=True)
    run = number_run(s, i)
    article = not run and low in lex.articles and s.low(i + 1) in lex.scales
    if article:  # "a billion": text2num reads "billion"; "a dozen": a scale
        run = number_run(s, i + 1)
        if not run:
            return measures.complete(s, i, i, i + 1, Decimal(1), words=True)
    if (not run and low in lex.articles and measures.vocabulary_at(s, i + 1)
            and s.phrase_before(i, lex.hedges_before)):
        return measures.complete(s, i, i, i + 1, Decimal(1), words=True)  # "about a year"
    if not run:
        if low in lex.vague:
            return from_vague(s, i)
        return None
    words = [s.t[k].text for k in run]
    if len(run) == 1 and low in lex.vague and low in lex.scales:
        return from_vague(s, i)  # "des milliards", "MILLIERS"
    value = None
    while run:
        value = _text2num(" ".join(words[: len(run)]), lex.code)
        if value is not None:
            break
        run.pop()
    if value is None or not run:
        return None
    j = run[-1] + 1
    decimals = spoken_decimals(s, j)
    if decimals is not None:  # "two point five", "deux virgule cinq"
        value, j = value + decimals[0], decimals[1]
    def joins(word: str) -> bool:
        return lex.joins_numbers(word) or word in lex.range_joiners
    # ("deux ou trois usines", "entre quatre et cinq": read for the range)
    alone = ((joins(s.low(j)) and is_number_word(s, j + 1))
             or (joins(s.low(i - 1)) and is_number_word(s, i - 2)))
    if len(run) == 1 and not article and decimals is None and not alone:
        if low in lex.articles and s.low(j) not in lex.scales and not (
                measures.vocabulary_at(s, j) and s.phrase_before(i, lex.hedges_before)):
            return None  # "un accord", "une usine"; but "environ une semaine"
        if low in lex.weak_number_words and not (
                measures.symbol_at(s, j) or measures.vocabulary_at(s, j)):
            return None  # "one of", "un véhicule neuf", "zero emission"
    scaled = any(s.t[k].low.split("-")[-1] in lex.scales for k in run)
    last_scale = lex.scales.get(s.t[run[-1]].low)
    and_half = s.phrase_after(j, lex.half_after_scale)
    if and_half is not None:  # "un milliard et demi", "two and a half years"
        value += (last_scale.value if last_scale is not None else 1) * HALF
        j = and_half[0]
    prefix = currency_before(s, i)
    return measures.complete(
        s, prefix[1] if prefix else i, i, j, value,
        currency=prefix[0] if prefix else None,
        words=True, scaled=scaled or decimals is not None, alone=alone,
    )


def ratio_word(s: Sentence, i: int) -> int | None:
    """The factor a word at i says: "quadrupled", "doubler" (4, 2); "double", "triple"
    after "to", "will", "le", "du" (not "a double motor", "double-digit")."""
    ratios = s.lex.ratios
    if ratios is None:
        return None
    low = s.t[i].low
    if low in ratios.words:
        return ratios.words[low]
    if low in ratios.verbs and s.low(i - 1) in ratios.verb_markers and not (
            s.low(i + 1) in HYPHENS and s.attached(i + 1)):
        return ratios.verbs[low]
    return None


def spoken_decimals(s: Sentence, j: int) -> tuple[Decimal, int] | None:
    """The decimals said after a number in words: "two point five" (0.5), "one point two
    five" (0.25), "deux virgule vingt-cinq" (0.25); (decimals, index after) or None."""
    if s.low(j) not in s.lex.decimal_words or not is_number_word(s, j + 1):
        return None
    digits, k = "", j + 1
    while is_number_word(s, k):
        said = _text2num(s.t[k].low, s.lex.code)
        if said is None or (digits and said > 9):
            break
        digits += str(int(said))
        k += 1
    return (Decimal("0." + digits), k) if digits else None


def half_scale(s: Sentence, i: int) -> tuple[Decimal, int] | None:
    """"half a million", "un demi-million" at token i: (value, index after)."""
    lex = s.lex
    low = s.low(i)  # (each phrase starts with the word at i, or with its head: "demi-million")
    if low not in lex.half_scale_starts and low.partition("-")[0] not in lex.half_scale_starts:
        return None
    for phrase in lex.half_before_scale:
        size = len(phrase)
        words = [s.low(m) for m in range(i, i + size)]
        head, _, glued = words[-1].partition("-")  # "demi-million" is one token
        if words[:-1] != list(phrase[:-1]) or head != phrase[-1]:
            continue
        scale = lex.scales.get(glued) if glued else lex.scales.get(s.low(i + size))
        if scale is not None:
            return scale.value * HALF, i + size + (0 if glued else 1)
    return None


def number_run(s: Sentence, i: int) -> list[int]:
    run: list[int] = []
    k = i
    while k < s.n:
        joiner = run and s.low(k) in s.lex.number_joiners and is_number_word(s, k + 1)
        if is_number_word(s, k) or joiner:
            run.append(k)
        else:
            break
        k += 1
    return run


def from_vague(s: Sentence, i: int) -> Found | None:
    """"des milliers de personnes", "several hectares", "MILLIARDS de roubles"."""
    lex = s.lex
    vague = lex.vague[s.t[i].low]
    k = i + 1
    scale = lex.scales.get(s.low(k)) if vague.needs_noun else None
    if scale is not None:  # "plusieurs milliards d'euros", "several billion euros"
        k += 1
        unit = measures.vocabulary_after(s, k)
        if unit is None:
            return None
    elif vague.needs_noun:  # "plusieurs hectares", not "plusieurs fois"
        unit = measures.symbol_at(s, k) or measures.noun_phrase(s, k, _PLURAL)
        if unit is None or (vague.needs_unit and not unit.known):
            return None
    else:
        while s.low(k) in lex.of:  # "dizaines de milliers d'emplois"
            if s.low(k + 1) in lex.vague and not lex.vague[s.low(k + 1)].needs_noun:
                k += 2
            else:
                k += 1
                break
        unit = measures.noun_phrase(s, k, None)
        if unit is None and s.low(k - 1) in lex.of:
            k -= 1
    end = unit.end if unit else k
    denominator, end = measures.rate_after(s, end)
    return Found(i, end, s.t[i].start, s.t[end - 1].end, None,
                 unit.name if unit else None, denominator, vague=s.t[i].low,
                 scale=scale.value if scale is not None else Decimal(1))


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
