"""The spans stage: from the figures the recogniser found in one sentence to the
figures of its claims, with their bounds and times.

- two figures joined as a range ("entre 8 et 10 GWh", "8-10 GWh", "deux ou trois
  usines") become one; a change ("passe de 5 000 à 4 000 euros") stays two, the first
  taking the second's unit;
- a bare number takes the unit of the figure it shares one with;
- a duration after "d'ici", "within", "dans"... is a time, not a figure;
- hedges ("près de", "up to") set the qualifier and the bounds; a currency conversion
  takes its figure's;
- a figure whose value or a bound would be no finite float is skipped
  (:meth:`SentenceSpans.finite_only`);
- the sentence's clauses are cut, and each figure takes the nearest time of its own
  clause that may be its own.

The bounds rules (documented in the README): a range spans its two ends; a hedge scales
the value by its factors from the language file; a plain figure is rounded to its last
significant written digit (trailing zeros of an integer are not significant, nor is a
scale word), half a unit either way, capped at 5 % of the value; a plain integer with no
trailing zero is exact. Bounds are always in order, low <= value <= high, negative
figures included: "about -5 GWh" is -5.5 to -4.5 (:func:`ordered`).
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

from .. import times, units
from ..lexicon import Hedge, Lexicon
from ..model import TimeSpan
from ..records import record
from ..text import Token, TokenWindow
from .sentence import Found

ROUNDING_CAP = Decimal("0.05")
"""A rounded figure's implied precision is at most this share of its value."""
_CLAUSE_MARKS = frozenset(";:()[]")
_OPENING_BRACKETS = frozenset("([")
_RANGE_DASHES = frozenset("-‐‑–—")
_CLOSING_BRACKETS = frozenset(")]")
MEASURE_WINDOW = 6
"""How far before a bare number a noun may say what it counts."""
SHARED_SIZE = 10
"""A bare number shares the unit of a figure at most this factor larger or smaller."""


@record(frozen=False)
class Item:
    """A quantity on its way to becoming a claim."""

    found: Found
    first: int
    next: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str | None = None
    time: TimeSpan | None = None
    baseline: bool = False
    """The start of a change ("de 13 GWh à 40 GWh d'ici 2030"): the change's time is
    its end's, not the start's."""


class SentenceSpans(TokenWindow):
    """The spans of one sentence's figures — ranges, shared units, durations that are
    times, hedges, each step a method run by :meth:`build` in the order of
    :attr:`STAGES` — then its clauses (:meth:`clauses`) and the time each figure takes
    (:meth:`assign_times`), which the claims stage calls with the subjects between."""

    def __init__(self, tokens: list[Token], view: str, found: list[Found],
                 mentions: list[times.Mention], lex: Lexicon, published: str | None) -> None:
        super().__init__(tokens, lex.max_phrase)
        self.view = view
        self.lex = lex
        self.published = published
        self.items = [self.item(f) for f in found]
        self.times = mentions
        self.relative_commas: dict[int, int] = {}
        self.relative_clauses: set[int] = set()

    # --- quantities -------------------------------------------------------------------------

    def item(self, found: Found) -> Item:
        if found.vague is not None:  # "des milliers", "plusieurs milliards" (times a scale)
            vague = self.lex.vague[found.vague]
            return Item(found, found.first, found.next, None,
                        Decimal(str(vague.low)) * found.scale,
                        Decimal(str(vague.high)) * found.scale)
        if found.value is None:  # pragma: no cover - a found figure has a value
            return Item(found, found.first, found.next, None, None, None)
        if found.rank:  # "its second gigafactory": at least two
            return Item(found, found.first, found.next, found.value, found.value, None, "rank")
        counted = found.denominator is None and units.is_counted(found.numerator)
        precision = rounding(found.number, found.scale, found.value, exact_integers=counted)
        return Item(found, found.first, found.next, found.value,
                    found.value - precision, found.value + precision)

    STAGES = ("merge_ranges", "share_units", "finite_only", "durations_to_times", "hedges",
              "conversions_hedged", "finite_only")
    """The span steps, in their order (each a method of no argument)."""

    def build(self) -> None:
        for stage in self.STAGES:
            getattr(self, stage)()

    def finite_only(self) -> None:
        """A figure too large to hold — its value or a bound would be an infinite float
        ("10^300 billion euros", "about 1.7e308") — is skipped: no claim, no time."""
        self.items = [item for item in self.items
                      if all(math.isfinite(v) for v in (item.value, item.low, item.high)
                             if v is not None)]

    def hedges(self) -> None:
        """Each figure's hedge (times that are figures' own tokens dropped first)."""
        taken = {k for item in self.items for k in range(item.first, item.next)}
        self.times = [m for m in self.times if m.core not in taken]
        for item in self.items:
            if item.value is not None and item.qualifier is None:
                self.hedge(item)

    def conversions_hedged(self) -> None:
        """A currency conversion in brackets takes the hedge of the figure it converts:
        "up to €4.1bn (US$4.3bn)" is up to US$4.3bn (RULES.md)."""
        for before, item in zip(self.items, self.items[1:], strict=False):
            currencies = [f.numerator for f in (before.found, item.found)]
            if (item.qualifier is None and before.qualifier in ("approx", "lower", "upper")
                    and item.value is not None and before.value
                    and all(c is not None and units.is_currency(c) for c in currencies)
                    and currencies[0] != currencies[1]
                    and self.opens_bracket_after(before.next, item.first)):
                ratio = item.value / before.value
                item.qualifier = before.qualifier
                item.low, item.high = ordered(
                    item.value, before.low * ratio if before.low is not None else None,
                    before.high * ratio if before.high is not None else None)

    def merge_ranges(self) -> None:
        """"entre 8 et 10 GWh", "de 8 à 10", "8-10 GWh", "8 to 10 GWh": one claim."""
        lex = self.lex
        merged: list[Item] = []
        k = 0
        while k < len(self.items):
            a = self.items[k]
            b = self.items[k + 1] if k + 1 < len(self.items) else None
            if b is None or a.found.vague or b.found.vague or b.first != a.next + 1:
                merged.append(a)
                k += 1
                continue
            joiner = self.low(a.next)
            opener = self.low(a.first - 1)
            paired = lex.range_openers.get(opener) == joiner
            a_value, b_value = a.found.value, b.found.value
            alternatives = (joiner in lex.number_alternatives and a_value is not None
                            and b_value is not None and a_value * b.found.scale < b_value)
            if not (paired or joiner in lex.range_joiners or alternatives):
                merged.append(a)  # (but "€2,000 or €3,000", "deux ou trois": a range)
                k += 1
                continue
            a_found, b_found = a.found, b.found
            if (a_found.numerator in (None, b_found.numerator) and b_found.denominator is None
                    and a_found.denominator is not None):  # "a monthly rate of €100-€150"
                b_found = replace(b_found, denominator=a_found.denominator)
            same_unit = a_found.numerator is None or (
                (a_found.numerator, a_found.denominator)
                == (b_found.numerator, b_found.denominator)
            )
            if not same_unit or a_found.value is None or b_found.value is None:
                merged.append(a)
                k += 1
                continue
            low = a_found.value
            if a_found.scale == 1:  # "entre 2 et 3 millions", "between €3 and €5 billion"
                low = a_found.value * b_found.scale
            change = joiner not in _RANGE_DASHES and any(  # "to 24-30 GWh": a range
                lex.is_change_word(self.low(m)) for m in range(a.first - 3, a.first))
            if change or low > b_found.value:
                shared = replace(a_found, value=low, numerator=b_found.numerator,
                                 denominator=b_found.denominator, scale=b_found.scale)
                merged.append(replace(self.item(shared), baseline=True))
                merged.append(b)
                k += 2
                continue
            first = a.first - 1 if paired else a.first
            span = replace(b_found, first=first, start=self.t[first].start)
            mid = (low + b_found.value) / 2
            merged.append(Item(span, first, b.next, mid, low, b_found.value, "range"))
            k += 2
        self.items = merged

    def share_units(self) -> None:
        """A bare number takes the unit of the figure it is coordinated with ("9 et 4,5
        GWh"), else of the first figure before it in its sentence of a like size (within
        a factor :data:`SHARED_SIZE`; not a percentage) — the sentence's head figure, not a
        complement on the way: "16 GWh en 2025, voire 24 en 2027", "500 000 véhicules par
        an, puis 1 million", "1 150 bornes sur 86 sites, puis 3 500"."""
        for n, item in enumerate(self.items):
            found = item.found
            if (found.numerator is not None and not found.adjectival) or (
                    found.vague or found.rank or not found.value):
                continue
            value = found.value
            after = next((b for b in self.items[n + 1:n + 2] if b.found.numerator is not None
                          and not b.found.adjectival
                          and b.first - item.next == 1
                          and self.lex.joins_numbers(self.low(item.next))), None)
            before = (b for b in self.items[:n] if b.found.numerator is not None
                      and not b.found.adjectival
                      and not b.found.rank and b.found.numerator != units.PERCENT
                      and b.found.value and 1 / SHARED_SIZE <= b.found.value / value
                      <= SHARED_SIZE)
            source = after or next(before, None)
            if source is not None:
                shared = replace(found, numerator=source.found.numerator,
                                 denominator=source.found.denominator)
                self.items[n] = (replace(item, found=shared) if item.qualifier == "range"
                                 else replace(self.item(shared), baseline=item.baseline))
                continue
            if found.numerator is not None:
                continue  # (an adjective's unit, for want of a better one)
            noun = self.measure_noun(item.first)
            if noun is not None:  # "ACC expects headcount to reach 2,000"
                self.items[n] = self.item(replace(found, numerator=noun))

    def measure_noun(self, first: int) -> str | None:
        """What a noun shortly before a bare number says it counts ("un effectif de
        2 000"), within :data:`MEASURE_WINDOW` tokens and no other number between."""
        for k in range(first - 1, max(first - MEASURE_WINDOW, 0) - 1, -1):
            token = self.t[k]
            if token.kind == "num" or token.text in ".;:":
                return None
            if token.low in self.lex.measure_nouns:
                return self.lex.measure_nouns[token.low]
        return None

    def durations_to_times(self) -> None:
        """"d'ici trois ans", "within three years", "il y a deux ans": times, not claims."""
        lex = self.lex
        kept: list[Item] = []
        for item in self.items:
            found = item.found
            before = self.phrase_before(item.first, lex.relative_prepositions)
            if self.phrase_after(item.next, lex.event_relative) is not None:
                before = None  # "dans les 6 mois suivant l'achat": a condition, no date
            ago = self.low(item.next) in lex.ago
            if (
                found.value is None
                or found.denominator is not None
                or found.numerator not in times.DURATION_UNITS
                or (before is None and not ago)
            ):
                kept.append(item)
                continue
            relation = lex.relative_prepositions[before[1]] if before else "ago"
            past = relation in ("ago", "since")
            relative = times.duration(found.value, found.numerator, past)
            first = before[0] if before else item.first
            end = item.next + (1 if ago else 0)
            words = " ".join(self.view[self.t[first].start : self.t[end - 1].end].split())
            try:
                date = times.resolve(self.published, relative)
            except (OverflowError, ValueError):  # "within 5000000 days": past any calendar
                date = None
            relation = "in" if relation == "ago" else relation
            span = TimeSpan(None if relation == "in" and date is None else relation,
                            date, relative, words)  # ("il y a trois ans", undated: no relation)
            self.times.append(times.Mention(first, end, item.first, span))
        self.items = kept
        self.times.sort(key=lambda m: m.first)

    def hedge(self, item: Item) -> None:
        lex = self.lex
        hedge: Hedge | None = None
        before = self.phrase_before(item.first, lex.hedges_before)
        if before is not None and not (len(before[1]) == 1
                                       and self.low(before[0] - 1) in lex.particle_verbs):
            hedge = lex.hedges_before[before[1]]  # (not "handed over 1.7 million")
        else:
            after = self.phrase_after(item.next, lex.hedges_after)
            if after is not None:
                hedge = lex.hedges_after[after[1]]
        if hedge is None and item.found.approx:
            hedge = lex.approximate  # "une quarantaine de salariés": about 40
        if hedge is None or item.value is None:
            return
        item.qualifier = hedge.qualifier
        item.low, item.high = ordered(
            item.value,
            item.value * Decimal(str(hedge.low)) if hedge.low is not None else None,
            item.value * Decimal(str(hedge.high)) if hedge.high is not None else None)

    # --- clauses and times ----------------------------------------------------------------------

    def clauses(self) -> list[int]:
        """A clause number for each token.

        Clauses end at ``; :`` and at a dash that opens no aside (a pair of dashes
        encloses an aside, which belongs to the clause around it: "300,000 packs – at
        full capacity – by 2028"); brackets hold a clause of their own, after which the
        clause they interrupt goes on; a comma ends one
        when a clause opener follows it (", qui", ", which") or when it closes
        a sentence-initial subordinate clause ("Depuis que …,") or participle
        phrase ("Prévue pour …,", "Unveiled in 2022,") or a relative
        clause (", which was founded in 2020,"). The comma before a relative pronoun
        is kept in :attr:`relative_commas`, for the clause's antecedent.
        """
        lex = self.lex
        ids = [0] * self.n
        clause = 0
        closing = (self.phrase_after(0, lex.subordinators) is not None and not (
            self.times and self.times[0].first <= 2
        )) or self.fronted_participle()
        self.relative_commas = {}
        self.relative_clauses = set()
        brackets: list[int] = []  # the clause each open bracket interrupts
        asides, breaks = self.dashes()
        last = 0
        for k in range(self.n):
            text = self.t[k].text
            if k in asides:
                ids[k] = clause
                continue
            if text in _OPENING_BRACKETS:
                brackets.append(clause)
                last += 1
                clause = last
                closing = False
            elif text in _CLOSING_BRACKETS and brackets:
                ids[k] = clause
                clause = brackets.pop()  # "1 100 $/kWh (990 €/kWh) en 2010": one clause
                continue
            elif text in _CLAUSE_MARKS or k in breaks:
                last += 1
                clause = last
                closing = False
            elif text == ",":
                opener = self.phrase_after(k + 1, lex.clause_openers)
                if (closing and opener is None and self.listing(k)):
                    pass  # "…, which supplies Volkswagen, Renault and Tesla, …": a list
                elif closing or opener is not None:
                    last += 1
                    clause = last
                    closing = opener is not None  # a relative clause ends at the next comma
                    if opener is not None and self.words(k + 1, opener[0]) in (
                        lex.relative_pronouns
                    ):
                        self.relative_commas[clause] = k
                    if opener is not None and (self.words(k + 1, opener[0]) in (
                            lex.relative_pronouns) or opener[1] in lex.relative_openers):
                        self.relative_clauses.add(clause)
            elif (k + 1 < self.n and self.t[k + 1].kind == "word"
                  and self.t[k + 1].text[:1].isupper() and text.lower() in lex.number_joiners
                  and any(item.next <= k for item in self.items)):
                last += 1
                clause = last  # "… 45 percent owned by Stellantis and Mercedes holds 30 %"
                closing = False
            elif (k > 0 and self.t[k - 1].kind == "word"
                  and self.t[k].low in lex.relative_opener_starts
                  and self.phrase_after(k, lex.relative_openers) is not None):
                last += 1
                clause = last  # "the venture in which Samsung SDI holds 51 %", "dont Renault…"
                closing = True
                self.relative_clauses.add(clause)
            ids[k] = clause
        return ids

    def fronted_participle(self) -> bool:
        """The sentence opens with a participle phrase ("Prévue pour entrer en service fin
        2026, l'usine…", "Unveiled in 2022, the project…"), which ends at its first comma."""
        if self.n < 4 or self.t[0].kind != "word" or not self.t[0].text[:1].isupper():
            return False
        after = self.t[1]
        return (after.kind == "word" and after.text[:1].islower()
                and self.lex.is_participle(self.t[0].low)
                and any(token.text == "," for token in self.t[2:]))

    def listing(self, k: int) -> bool:
        """The comma at k parts the names of a list ("Volkswagen, Renault and Tesla"): a
        capitalised word follows, and then "and" and another before any comma."""
        after = self.t[k + 1] if k + 1 < self.n else None
        if after is None or after.kind != "word" or not after.text[:1].isupper():
            return False
        for j in range(k + 2, min(k + 6, self.n - 1)):
            if self.t[j].text in ",;:":
                return False
            if self.t[j].low in self.lex.number_joiners:
                return self.t[j + 1].text[:1].isupper()
        return False

    def dashes(self) -> tuple[set[int], set[int]]:
        """The dashes that may part clauses ("—", and "–" or "-" with spaces around; not
        one between two years: "in 2025 – 2030" is a period), as those that enclose an
        aside, in pairs ("X – an aside – Y": one clause), and the one left, which ends
        a clause."""
        dashes = [k for k in range(self.n) if (self.t[k].text == "—" or (
            self.t[k].text in "–-" and self.spaced(k))) and not (
            0 < k < self.n - 1 and times.year_of(self.t[k - 1]) and times.year_of(self.t[k + 1]))]
        paired = len(dashes) - len(dashes) % 2
        return set(dashes[:paired]), set(dashes[paired:])

    def spaced(self, k: int) -> bool:
        return (0 < k < self.n - 1 and self.t[k].start > self.t[k - 1].end
                and self.t[k + 1].start > self.t[k].end)

    def assign_times(self, clause_of: list[int]) -> list[times.Mention]:
        """Give each quantity the nearest time of its clause that may be its own
        (:meth:`may_take`); return the times left, less baselines ("par rapport à 2021")."""
        used: set[int] = set()
        if not self.times:
            return []
        starts = self.lex.baseline_starts
        markers = [(k, found[0]) for k in range(self.n) if self.t[k].low in starts
                   and (found := self.phrase_after(k, self.lex.baseline_markers)) is not None]
        baselines = {index for index, mention in enumerate(self.times)
                     if any(end == mention.first for _, end in markers)}
        for item in self.items:
            best: tuple[int, int] | None = None
            for index, mention in enumerate(self.times):
                if index in baselines or not self.may_take(item, mention, clause_of, markers):
                    continue
                distance = (mention.first - item.next if mention.first >= item.next
                            else item.first - mention.next)
                if best is None or abs(distance) < best[0]:
                    best = (abs(distance), index)
            if best is not None:
                item.time = self.times[best[1]].span
                used.add(best[1])
        if self.opens_with_time():  # "En 2024, selon le gouvernement, les ventes…"
            breaks = self.dashes()[1]
            stop = next((k for k in range(self.n)
                         if self.t[k].text in (";", ":") or k in breaks), self.n)
            for item in self.items:
                if item.time is None and not item.baseline and item.first < stop and (
                        clause_of[min(item.first, self.n - 1)] not in self.relative_clauses):
                    item.time = self.times[0].span
                    used.add(0)
        return [m for index, m in enumerate(self.times) if index not in used | baselines]

    def opens_with_time(self) -> bool:
        """The sentence's first time opens it before a comma ("En 2024, …", "In March
        2025, …"): it dates the sentence's figures that have no time of their own, up to
        the first semicolon, colon or dash (not those of a relative clause)."""
        first = self.times[0]
        return first.first == 0 and self.low(first.next) == ","

    def may_take(self, item: Item, mention: times.Mention, clause_of: list[int],
                 markers: list[tuple[int, int]]) -> bool:
        """Whether a time of the sentence may be the figure's: in its clause; for a
        change's start, only a time right after it ("from 13 GWh in 2024 to 40 GWh by
        2030"); not past a baseline ("0.9 %, compared to 0.59 % in 2014"), nor past
        another figure and a comma ("2 milliards d'euros, 1 000 emplois d'ici 2024"), nor
        past "and" when a figure follows the time ("a £3.8bn plant and last year gained
        £100m"), nor a start's time for a figure after it ("will start in 2025, with a
        final capacity of 160 GWh")."""
        if clause_of[mention.core] != clause_of[min(item.first, self.n - 1)]:
            return False
        if item.baseline:
            return mention.first == item.next
        if mention.first >= item.next:  # the time after the figure
            if any(item.next <= start and end <= mention.first for start, end in markers):
                return False
            between = [other for other in self.items
                       if item.next <= other.first and other.next <= mention.first]
            if between and any(self.t[k].text == "," for k in range(item.next, between[0].first)):
                return False
            joined = any(self.low(k) in self.lex.number_joiners
                         for k in range(item.next, mention.first))
            return not (joined and any(  # "… plans for a £3.8bn plant and last year
                other.first >= mention.next and clause_of[other.first] == clause_of[item.first]
                for other in self.items))  # gained £100m": the later figure's time
        starts = self.lex.start_events
        return not any(self.phrase_before(k, starts) is not None
                       for k in range(max(mention.first - 3, 0), mention.first + 1))


def ordered(value: Decimal, low: Decimal | None, high: Decimal | None
            ) -> tuple[Decimal | None, Decimal | None]:
    """Bounds made by scaling a value, put in order around it: a factor scales a negative
    value the other way ("about -5 GWh": low -5.5, high -4.5, not -4.5 and -5.5), and a
    bound on the wrong side of the value is the value ("just under -5": -5 to -4.5)."""
    if low is not None and high is not None and low > high:
        low, high = high, low
    return (min(low, value) if low is not None else None,
            max(high, value) if high is not None else None)


def rounding(number: Decimal, scale: Decimal, value: Decimal,
             exact_integers: bool = True) -> Decimal:
    """Half a unit of the last significant written digit, capped at 5 % of the value.

    ``rounding(500000, 1, ...)`` -> 25 000 (the cap; the digit gives 50 000);
    ``rounding(1.5, 1e9, ...)`` -> 5e7; ``rounding(12, 1, ...)`` -> 0: a count
    written without trailing zero is exact, but a measure (``exact_integers``
    false: "12 GWh", "25 %") is rounded to its last digit, 0.5.
    """
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):
        return Decimal(0)
    if exponent == 0:
        normal = number.normalize().as_tuple().exponent
        exponent = normal if isinstance(normal, int) else 0
        if exponent == 0 and scale == 1 and exact_integers:
            return Decimal(0)
    half = Decimal(5) * Decimal(10) ** (exponent - 1) * scale
    return min(half, abs(value) * ROUNDING_CAP)


