"""Stage 2 of the recogniser: what a number measures — its scale ("milliards", "bn"),
its unit (a symbol, a word or phrase of the vocabulary, or a counted noun outside it) and
its rate ("par an", "a year", "/kWh", "annual capacity of"), with the guards that reject
a number by what follows it."""

from __future__ import annotations

import functools
from dataclasses import replace
from decimal import Decimal

from .. import units
from ..lexicon import ascii_fold
from ..text import HYPHENS
from . import guards
from .sentence import CLAUSE_ENDS, HALF, QUOTES, Found, Sentence, Unit

_PRODUCT_DOTS = frozenset("⋅·∙")
_SECOND = "second"
_HOUR = "hour"
_DECADES = frozenset(Decimal(d) for d in range(10, 100, 10))
_VIDEO_LINES = frozenset(Decimal(d) for d in (240, 360, 480, 576, 720, 1080, 1440, 2160, 4320))
RATE_BEFORE = 3
"""A rate written before its figure ("chaque année environ 8 000 tonnes") is at most this
many tokens long."""


def complete(
    s: Sentence, first: int, i: int, j: int, value: Decimal, *,
    currency: str | None = None, year_like: bool = False, may_be_name: bool = False,
    words: bool = False, scaled: bool = False, alone: bool = False,
) -> Found | None:
    """Read the scale, unit and rate after the number ending before token j."""
    k = j
    factor = Decimal(1)
    approx = s.low(k) in s.lex.approximate_scales  # "une quarantaine de salariés"
    scale = None if not words and (s.low(k),) in s.lex.units else (
        scale_at(s, k, currency is not None))  # "50 cents": a unit after digits
    if scale is None and s.low(k) in HYPHENS and s.attached(k) and s.attached(k + 1):
        scale = scale_at(s, k + 1, currency is not None)  # "$4-billion"
    if scale is not None:
        factor, half, k = scale
        value += HALF if half else 0
        scaled = True
        while (k + 1 < s.n and s.t[k].kind == "num" and s.t[k].text.isdigit()
               and (next_scale := s.lex.scales.get(s.low(k + 1))) is not None
               and next_scale.value < factor):  # "4 thousand 3 hundred"
            value += Decimal(s.t[k].text) * next_scale.value / factor
            k += 2
    # After a currency mark ("£4bn gigafactory") what follows is not what is counted.
    unit = (
        symbol_at(s, k) if currency is not None
        else unit_at(s, k, value * factor, scaled)
    )
    if unit is not None and unit.name == _SECOND and s.attached(j) and (
            value in _DECADES):
        return None  # "the 70s and 80s": decades, not seconds
    if unit is None and currency is None:
        unit = ratio_at(s, first, k)  # "12 times higher", "multipliée par 2,5"
    if unit is not None and unit.factor < 1 and value in _VIDEO_LINES and s.attached(k):
        return None  # "1080p", "720p": a screen's lines, not pence ("245p" is)
    if unit is not None:
        k = unit.end
        factor *= unit.factor
        smaller = compound_after(s, k, unit.name)
        if smaller is not None:  # "3 dollars 50", "5 ft 2 in"
            value += smaller[0] / unit.factor
            k = smaller[1]
        and_half = s.phrase_after(k, s.lex.half_after_scale) if not scaled else None
        if and_half is not None:  # "a month and a half", "un mois et demi"
            value, k = value + HALF, and_half[0]
    known = unit is not None and unit.known
    if year_like and not (unit is not None and unit.known and not units.is_time(unit.name)):
        return None
    if may_be_name and not known and guards.after_name(s, i):
        return None
    if words and unit is None and not scaled and not alone:
        return None  # ("deux ou trois usines": "deux" is read, for the range)
    numerator = unit.name if unit else currency
    if numerator is not None and numerator in s.lex.reported_as:  # "2 TWh": 2 000 GWh
        numerator, written = s.lex.reported_as[numerator], numerator
        ratio = units.factor(written, numerator)
        factor *= Decimal(f"{ratio:.12g}")
    if (
        numerator == _HOUR
        and value * factor <= 24
        and i > 0
        and s.t[i - 1].low in s.lex.time_of_day_prepositions
    ):
        return None  # "à 18 heures": a time of day
    denominator, k = rate_after(s, k)
    if denominator is None:
        denominator = rate_before(s, first, adjectives=not (
            numerator is not None and (units.is_currency(numerator)
                                       or numerator == units.PERCENT)))
    if numerator and denominator and units.is_time(numerator) and units.is_time(denominator):
        denominator = None
    return Found(first, k, s.t[first].start, s.t[k - 1].end, value * factor,
                 numerator, denominator, number=value, scale=factor, approx=approx,
                 adjectival=unit is not None and unit.adjectival)


def ratio_at(s: Sentence, first: int, k: int) -> Unit | None:
    """A factor: the number is followed by "times"/"fois" and a comparative ("12 times
    higher", "trois fois plus cher") or follows "multiplied by", "divisé par"."""
    ratios = s.lex.ratios
    if ratios is None:
        return None
    if s.low(k) in ratios.after and s.low(k + 1) in ratios.comparatives:
        return Unit(units.RATIO, True, k + 1)
    if s.phrase_before(s.back_past(first, s.lex.hedges_before), ratios.before) is not None:
        return Unit(units.RATIO, True, k)
    return None


def compound_after(s: Sentence, k: int, unit: str) -> tuple[Decimal, int] | None:
    """A number of a smaller unit right after a figure's unit, in that unit, and the
    index after it: "3 dollars 50" (0.50), "5 ft 2 in" (2/12 ft)."""
    spec = s.lex.compounds.get(unit)
    if spec is None or k >= s.n or s.t[k].kind != "num" or not s.t[k].text.isdigit():
        return None
    number = int(s.t[k].text)
    if number >= spec.below or len(s.t[k].text) > 2:
        return None
    after = s.t[k + 1].text.lower() if k + 1 < s.n else ""
    if after in spec.words:
        return Decimal(number) * spec.factor, k + 2
    if spec.needs_word or (k + 1 < s.n and s.t[k + 1].kind != "sym"
                           and s.t[k + 1].low not in s.lex.stopwords):
        return None  # "30 euros 2 fois par an", "20 dollars 2 million people"
    return Decimal(number) * spec.factor, k + 1  # "3 dollars 50.", "4 dollars 75 and"


def scale_at(s: Sentence, k: int, has_currency: bool) -> tuple[Decimal, bool, int] | None:
    if not s.is_word(k):
        return None
    lex = s.lex
    token = s.t[k]
    abbreviation = lex.scale_abbreviations.get(token.text)
    if (
        abbreviation is not None
        and s.tight(k)
        and (
            not abbreviation.currency_only
            or has_currency
            or currency_at(s, k + 1)
            or vocabulary_after(s, k + 1) is not None  # "1.13m vehicles"
        )
    ):
        return abbreviation.value, False, k + 1
    scale = lex.scales.get(token.low)
    if scale is None:
        return None
    half = s.phrase_after(k + 1, lex.half_after_scale)
    if half is not None:
        return scale.value, True, half[0]
    return scale.value, False, k + 1


def currency_at(s: Sentence, k: int) -> bool:
    unit = symbol_at(s, k)
    if unit is None and s.is_word(k):
        unit = noun_phrase(s, k, None)
    return unit is not None and units.is_currency(unit.name)


def symbol_at(s: Sentence, k: int) -> Unit | None:
    """A unit symbol right after the number: "GWh", "%", "km/h", "€"."""
    if not (0 <= k < s.n) or not s.tight(k):
        return None
    symbols = s.lex.symbols
    text = ""
    best = None
    m = k
    while m < min(k + 4, s.n):
        if m > k and not s.attached(m):
            break
        if m > k and s.t[m].text in _PRODUCT_DOTS:
            m += 1  # "kW⋅h", "kW·h": the product of two symbols
            continue
        text += s.t[m].text
        if text in symbols:  # ("MEUR": a scale fused to its currency code)
            factor, name = _unit_spec(symbols[text])
            best = Unit(name, True, m + 1, factor)
        m += 1
    if best is not None and s.is_word(best.end) and s.attached(best.end):
        return None  # "5 GWhx": not this symbol
    after = s.t[best.end].text if best is not None and best.end < s.n else ""
    if best is not None and symbols.get(after) == _HOUR and not s.attached(
            best.end) and s.tight(best.end) and not (
            s.is_word(best.end + 1) and s.attached(best.end + 1)):
        spaced = symbols.get(text + after)  # "160 GW h": the power times hours
        if spaced is not None:
            return Unit(_unit_spec(spaced)[1], True, best.end + 1)
    return best


def vocabulary_at(s: Sentence, k: int) -> Unit | None:
    """The longest unit word or phrase of the vocabulary starting at token k."""
    words = s.phrase_after(k, s.lex.units, s.lex.max_unit_words)
    if words is None:
        return None
    factor, name = _unit_spec(s.lex.units[words[1]])
    return Unit(name, True, words[0], factor)


def vocabulary_after(s: Sentence, k: int) -> Unit | None:
    """A vocabulary unit at k, or after a linking "de"/"of" at k."""
    if s.low(k) in s.lex.of:
        k += 1
    return vocabulary_at(s, k)


def unit_at(s: Sentence, k: int, value: Decimal | None, scaled: bool) -> Unit | None:
    unit = symbol_at(s, k)
    if unit is not None:
        return unit
    if s.low(k) in HYPHENS and s.attached(k) and s.attached(k + 1):
        return symbol_at(s, k + 1) or vocabulary_at(s, k + 1)  # "a 90-hectare site"
    if scaled and s.low(k) in s.lex.of:
        unit = symbol_at(s, k + 1) or noun_phrase(s, k + 1, value)
        if unit is not None:
            return unit
    return noun_phrase(s, k, value)


def noun_phrase(s: Sentence, k: int, value: Decimal | None) -> Unit | None:
    """What the number counts: a unit of the vocabulary, or a counted noun.

    French nouns come first ("douze nouveaux modèles électriques"), English
    ones last ("two battery plants"); adjectives of the language's list may
    stand between, and a stopword or punctuation ends the search.
    """
    lex = s.lex
    product = product_at(s, k)
    if product is not None:  # "5,000 Model Ys per week": units of a product
        after = vocabulary_at(s, product)  # ("12,000 Renault Zoe cars", "40 A350 jets")
        if after is None and s.is_word(product) and s.t[product].text.islower() and (
                lex.is_plural(s.t[product].text)):
            name = _counted(s, product)
            after = Unit(name, False, product + 1) if name is not None else None
        return after or Unit(units.UNIT, False, product)
    head_first = lex.noun_head == "first"
    known: Unit | None = None
    unknown: int | None = None
    m = k
    while m < s.n and m < k + 7:
        token = s.t[m]
        if token.kind == "sym" and token.text in QUOTES:
            m += 1
            continue
        if token.kind != "word":
            break
        unit = vocabulary_at(s, m)
        if unit is not None:
            known, unknown = unit, None
            if head_first or lex.is_plural(s.t[unit.end - 1].text) or not (
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
    if unknown is not None and (known is None or unknown > known.end - 1):
        name = _counted(s, unknown)
        if name is not None:  # ("dont 114 400 électriques": only an adjective)
            word = s.t[unknown].low  # an adjective only after "dont", "of which"
            adjectival = lex.is_participle(word) or (word.endswith(lex.adjective_endings) and any(
                s.phrase_before(b, lex.subsets) for b in range(max(k - 3, 0), k)))
            return Unit(name, False, unknown + 1, adjectival=adjectival)
    return known


def _counted(s: Sentence, k: int) -> str | None:
    """The unit of the counted noun at k, in the singular ("trois laboratoires":
    ``laboratoire``), defined in the registry if new."""
    return units.counted(ascii_fold(s.lex.singular(s.t[k].text)).replace("-", "_"))


def product_at(s: Sentence, k: int) -> int | None:
    """A product's name at k, a capitalised word and a short model mark ("Model Ys",
    "Model 3", "Renault Zoe", "ID.3"): the index after it, or None."""
    if k + 1 >= s.n or s.t[k].kind != "word" or not s.t[k].text.istitle():
        return None
    if s.t[k].low in s.lex.stopwords:
        return None
    mark = s.t[k + 1]
    glued_digits = k + 2 < s.n and s.attached(k + 2) and s.t[k + 2].kind == "num"  # "A350"
    short = len(mark.text) <= 3 and (mark.text[:1].isupper() or mark.kind == "num") and (
        mark.low not in s.lex.stopwords or glued_digits)  # (not "300 Engineers At Dunkirk")
    if not short or (s.attached(k + 1) and mark.kind == "word"):
        return None
    end = k + 2
    while end < s.n and s.attached(end) and (  # "A350", "ID.3", "Model 3s"
            s.t[end].kind == "num" or s.t[end].text in (".", "s", "'s", "’s")):
        end += 1
    return end


def rate_after(s: Sentence, k: int) -> tuple[str | None, int]:
    """A rate after the quantity: "par an", "a year", "/kWh", "annuels"."""
    rate = rate_at(s, k)
    if rate is not None:
        return rate
    end = k
    shut = bracket_without_number(s, k)  # "8 gigawatt-hours (GWh) of annual capacity"
    if shut is not None:
        rate = rate_at(s, shut + 1)
        if rate is not None:
            return rate
        k = shut + 1
    if s.low(k) in s.lex.rate_reach:  # "12 GWh de batteries « made in France »
        of = s.low(k) in s.lex.of  # tous les ans"
        for m in range(k + 1, min(k + 9, s.n)):
            token = s.t[m]
            if token.kind == "num" or token.text in CLAUSE_ENDS:
                break
            if not of and token.text.istitle():
                break  # "12 GWh pour Renault chaque année": the client ends it
            if token.low in s.lex.rate_adjectives:  # "100 GWh of annual capacity"
                if of:  # (not "250 euros pour une capacité annuelle")
                    return s.lex.rate_adjectives[token.low], k
                continue
            rate = rate_at(s, m)
            if rate is not None:
                return rate
    for m in range(k, min(k + 2, s.n)):  # "véhicules électriques par an"
        token = s.t[m]
        if token.kind != "word" or not token.text.islower() or token.low in s.lex.stopwords:
            break
        rate = rate_at(s, m + 1)
        if rate is not None:
            return rate
    return None, end


def converted_rates(s: Sentence, found: list[Found]) -> list[Found]:
    """A figure and its conversion in brackets share the rate written after them:
    "USD 115 (EUR 109) per kWh", "100 euros ($100) a month"."""
    for index in range(len(found) - 1):
        a, b = found[index], found[index + 1]
        if (a.denominator is None and b.denominator is None and a.numerator is not None
                and b.numerator is not None and s.opens_bracket_after(a.next, b.first)
                and s.low(b.next) == ")"):
            rate = rate_at(s, b.next + 1)
            if rate is not None:
                found[index] = replace(a, denominator=rate[0])
                found[index + 1] = replace(b, denominator=rate[0])
    return found


def bracket_without_number(s: Sentence, k: int) -> int | None:
    """The closing bracket of a short aside at k that holds no number ("(GWh)")."""
    if k >= s.n or s.t[k].text != "(":
        return None
    for m in range(k + 1, min(k + 5, s.n)):
        token = s.t[m]
        if token.text == ")":
            return m
        if token.kind == "num" or token.text in CLAUSE_ENDS:
            return None
    return None


def rate_at(s: Sentence, k: int) -> tuple[str, int] | None:
    """A rate at token k: "par an", "/kWh", or an article that makes one ("12 GWh a
    year", "115 dollars le kWh"; not after "de" or "sur": "d'ici la fin de la
    décennie", "sur le mois")."""
    if k >= s.n:
        return None
    lex = s.lex
    low = s.low(k)
    if low in lex.time_rate_markers and (s.low(k - 1) in lex.of
                                         or s.low(k - 1) in lex.stopwords):
        return None  # "sur le mois", "de la décennie": a time
    if low in lex.rate_markers or low in lex.time_rate_markers:
        per = s.low(k + 1)
        if per in lex.rate_units:
            if low in lex.time_rate_markers and s.low(k + 2) in lex.time_adjectives:
                return None  # "a year ago", "l'année précédente": a time
            return lex.rate_units[per], k + 2
        unit = symbol_at(s, k + 1) or vocabulary_at(s, k + 1)
        if unit is not None and not lex.is_plural(s.t[unit.end - 1].text) and (
                low not in lex.time_rate_markers or not (  # "115 dollars le kWh", not
                    units.is_counted(unit.name) or units.is_currency(unit.name))):  # "le site"
            return unit.name, unit.end
    words = s.phrase_after(k, lex.rate_words, lex.max_rate_words)
    if words is not None:
        return lex.rate_words[words[1]], words[0]
    if low in lex.rate_adjectives:
        return lex.rate_adjectives[low], k + 1
    return None


def rate_before(s: Sentence, first: int, adjectives: bool = True) -> str | None:
    """"annual capacity of 12 GWh", "fourniture annuelle de 12 GWh", "traite chaque
    année environ 8 000 tonnes". "Annual" makes no rate of money or a share
    ("annual subsidies of €1.5bn", "une croissance annuelle de 53 %": a year's
    amount, per year only where the text says "per year"); "monthly" does ("un loyer
    mensuel de 100 €", a tariff)."""
    end = s.back_past(first, s.lex.hedges_before)
    if end >= 1 and s.low(end - 1) in s.lex.range_openers:
        end -= 1  # "an annual capacity of between 24 and 30 GWh"
    for start in range(max(end - RATE_BEFORE, 0), end):
        rate = rate_at(s, start)
        if rate is not None and rate[1] == end and s.low(start) not in (
                s.lex.time_rate_markers) and (  # (not "a year" ending a time before it)
                adjectives or s.lex.rate_adjectives.get(s.low(start)) != "year"):
            return rate[0]
    if end < 2 or s.low(end - 1) not in s.lex.of:
        return None
    for m in range(end - 2, max(-1, end - 5), -1):
        token = s.t[m]
        if token.kind != "word":
            return None
        per = s.lex.rate_adjectives.get(token.low)
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
