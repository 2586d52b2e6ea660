"""Building claims: a quantity with its bounds, time, subject and metric.

For each sentence that may hold one, the quantities and times are found in its
tokens, then:

- two quantities joined as a range ("entre 8 et 10 GWh", "8-10 GWh") become
  one claim; a change ("passe de 5 000 à 4 000 euros") stays two, the first
  taking the second's unit;
- a duration after "d'ici", "within", "dans"... is a time, not a claim;
- hedges ("près de", "up to") set the qualifier and the bounds;
- each claim takes the nearest time of its own clause; a time left over is an
  event claim of its own ("Renault est entré au capital en 2021");
- the subject, its plant and scope come from :mod:`.subjects`, with what the
  document said before (its title, lead and earlier sentences) and the names
  of :mod:`.names` (entities of the list and names recognised by their form);
- the metric comes from the unit and the keywords of the clause; the terms
  (concepts of the figure's own words) from the language's concept vocabulary.

Every sentence is read for its names, even one with no figure, so that the
sentences after it know what the paragraph is about.

The bounds rules (documented in the README): a range spans its two ends; a
hedge scales the value by its factors from the language file; a plain figure
is rounded to its last significant written digit (trailing zeros of an
integer are not significant, nor is a scale word), half a unit either way,
capped at 5 % of the value; a plain integer with no trailing zero is exact.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import recognise, times, units
from .documents import Document
from .entities import Entities, Entity, Mention, default_index
from .lexicon import REVISED, Hedge, Lexicon, ascii_fold
from .metrics import Metrics, default_metrics
from .model import Claim, TimeSpan
from .names import (
    NameFinder,
    capitalised_words,
    compound_of,
    fold_name,
    initials_of,
    organisation_heads,
    place_entity,
    places,
    same_name,
    surnames,
)
from .recognise import Found
from .subjects import About, DocumentContext, SentenceSubjects
from .text import Token, TokenWindow, mask, mask_list_markers, sentences, tokenize

ROUNDING_CAP = Decimal("0.05")
"""A rounded figure's implied precision is at most this share of its value."""
_CLAUSE_MARKS = frozenset(";:()[]—")
_OPENING_BRACKETS = frozenset("([")
_RANGE_DASHES = frozenset("-‐‑–—")
_CLOSING_BRACKETS = frozenset(")]")
MEASURE_WINDOW = 6
"""How far before a bare number a noun may say what it counts."""
SHARED_SIZE = 10
"""A bare number shares the unit of a figure at most this factor larger or smaller."""
_PARAGRAPH = re.compile(r"\n[ \t\r\u00a0]*\n")


@dataclass
class _Item:
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


class _SentenceClaims(TokenWindow):
    """The claims of one sentence."""

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

    def item(self, found: Found) -> _Item:
        if found.vague is not None:  # "des milliers", "plusieurs milliards" (times a scale)
            vague = self.lex.vague[found.vague]
            return _Item(found, found.first, found.next, None,
                         Decimal(str(vague.low)) * found.scale,
                         Decimal(str(vague.high)) * found.scale)
        if found.value is None:  # pragma: no cover - a found figure has a value
            return _Item(found, found.first, found.next, None, None, None)
        if found.rank:  # "its second gigafactory": at least two
            return _Item(found, found.first, found.next, found.value, found.value, None, "rank")
        counted = found.denominator is None and units.is_counted(found.numerator)
        precision = rounding(found.number, found.scale, found.value, exact_integers=counted)
        return _Item(found, found.first, found.next, found.value,
                     found.value - precision, found.value + precision)

    def build(self) -> None:
        self.merge_ranges()
        self.share_units()
        self.durations_to_times()
        taken = {k for item in self.items for k in range(item.first, item.next)}
        self.times = [m for m in self.times if m.core not in taken]
        for item in self.items:
            if item.value is not None and item.qualifier is None:
                self.hedge(item)
        self.conversions_hedged()

    def conversions_hedged(self) -> None:
        """A currency conversion in brackets takes the hedge of the figure it converts:
        "up to €4.1bn (US$4.3bn)" is up to US$4.3bn (RULES.md)."""
        for before, item in zip(self.items, self.items[1:], strict=False):
            currencies = [f.numerator for f in (before.found, item.found)]
            if (item.qualifier is None and before.qualifier in ("approx", "lower", "upper")
                    and item.value is not None and before.value
                    and all(c is not None and units.is_currency(c) for c in currencies)
                    and currencies[0] != currencies[1]
                    and self.low(item.first - 1) == "(" and item.first - 1 == before.next):
                ratio = item.value / before.value
                item.qualifier = before.qualifier
                item.low = before.low * ratio if before.low is not None else None
                item.high = before.high * ratio if before.high is not None else None

    def merge_ranges(self) -> None:
        """"entre 8 et 10 GWh", "de 8 à 10", "8-10 GWh", "8 to 10 GWh": one claim."""
        lex = self.lex
        merged: list[_Item] = []
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
            merged.append(_Item(span, first, b.next, mid, low, b_found.value, "range"))
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
                                 else self.item(shared))  # (a range keeps its bounds)
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
        kept: list[_Item] = []
        for item in self.items:
            found = item.found
            before = self.phrase_before(item.first, lex.relative_prepositions)
            ago = self.low(item.next) in lex.ago
            if (
                found.value is None
                or found.denominator is not None
                or found.numerator not in ("year", "month", "week", "day")
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
            date = times.resolve(self.published, relative)
            relation = "in" if relation == "ago" else relation
            span = TimeSpan(None if relation == "in" and date is None else relation,
                            date, relative, words)  # ("il y a trois ans", undated: no relation)
            self.times.append(times.Mention(first, end, item.first, span))
        self.items = kept
        self.times.sort(key=lambda m: m.first)

    def hedge(self, item: _Item) -> None:
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
        item.low = item.value * Decimal(str(hedge.low)) if hedge.low is not None else None
        item.high = item.value * Decimal(str(hedge.high)) if hedge.high is not None else None

    # --- clauses and times ----------------------------------------------------------------------

    def clauses(self) -> list[int]:
        """A clause number for each token.

        Clauses end at ``; : —`` and spaced dashes; brackets hold a clause of their own,
        after which the clause they interrupt goes on; a comma ends one
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
        last = 0
        for k in range(self.n):
            text = self.t[k].text
            if text in _OPENING_BRACKETS:
                brackets.append(clause)
                last += 1
                clause = last
                closing = False
            elif text in _CLOSING_BRACKETS and brackets:
                ids[k] = clause
                clause = brackets.pop()  # "1 100 $/kWh (990 €/kWh) en 2010": one clause
                continue
            elif text in _CLAUSE_MARKS or (text in "–-" and self.spaced(k)):
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
            elif (text.lower() in lex.number_joiners and k + 1 < self.n
                  and self.t[k + 1].text[:1].isupper() and self.t[k + 1].kind == "word"
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

    def spaced(self, k: int) -> bool:
        return (0 < k < self.n - 1 and self.t[k].start > self.t[k - 1].end
                and self.t[k + 1].start > self.t[k].end)

    def assign_times(self, clause_of: list[int]) -> list[times.Mention]:
        """Give each quantity the nearest time of its clause that may be its own
        (:meth:`may_take`); return the times left, less baselines ("par rapport à 2021")."""
        used: set[int] = set()
        markers = [(k, found[0]) for k in range(self.n)
                   if (found := self.phrase_after(k, self.lex.baseline_markers)) is not None]
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
        opening = self.opening_time(clause_of)
        if opening is not None:  # "En 2024, selon le gouvernement, les ventes…"
            stop = next((k for k in range(self.n) if self.t[k].text in (";", ":", "—")
                         or (self.t[k].text in "–-" and self.spaced(k))), self.n)
            for item in self.items:
                if item.time is None and not item.baseline and item.first < stop and (
                        clause_of[min(item.first, self.n - 1)] not in self.relative_clauses):
                    item.time = self.times[opening].span
                    used.add(opening)
        return [m for index, m in enumerate(self.times) if index not in used | baselines]

    def opening_time(self, clause_of: list[int]) -> int | None:
        """The index of a time that opens the sentence before a comma ("En 2024, …", "In
        March 2025, …"): it dates the sentence's figures that have no time of their own,
        up to the first semicolon, colon or dash (not those of a relative clause)."""
        if not self.times:
            return None
        first = self.times[0]
        if first.first != 0 or first.next >= self.n or self.t[first.next].text != ",":
            return None
        return 0

    def may_take(self, item: _Item, mention: times.Mention, clause_of: list[int],
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


# --- documents ------------------------------------------------------------------------------------


def extract_claims(
    document: Document,
    lex: Lexicon,
    published: str | None,
    entities: Entities | None = None,
    metrics: Metrics | None = None,
) -> list[Claim]:
    """Every claim in ``document``, read with the vocabulary ``lex``."""
    reader = _DocumentReader(document, lex, published, entities or default_index(lex.code),
                             metrics or default_metrics())
    return reader.claims()


OWN_WORDS = 8
"""How many tokens after a figure, or after the figure before it in its clause, say what it
is about (a clause's first figure also has all the words before it)."""
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2})"
    r"(?P<date>,[^\n:;()]{1,30}?)?,?\s*(?P<agency>\([^()\n]{1,30}\)\s*)?(?:--|[:—–-])\s")


def _kicker(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """A headline's kicker ("Bourbourg : la gigafactory Verkor sort de terre"): a name the
    entity list does not know, then a colon, before another organisation, is where the
    story happens, not who acts in it."""
    if len(mentions) < 2 or not mentions[0].entity.recognised:
        return mentions
    first = mentions[0]
    if first.next >= len(tokens) or tokens[first.next].text != ":" or not any(
            m.entity.is_organisation for m in mentions[1:]):
        return mentions
    place = replace(first.entity, kind="place")
    return [Mention(place, first.first, first.next), *mentions[1:]]


def dateline_end(sentence: str) -> int:
    """Where a story's dateline ends (0 when there is none): a place in capitals or with a
    date or an agency, then a colon or a dash ("PARIS (AFP) -", "Beijing, 6 September 2022
    (TDI):"). Who is named there filed the story; the story is not about them."""
    match = _DATELINE.match(sentence)
    if match is None or not match.group("place").split()[0][:1].isupper():
        return 0
    date, agency = match.group("date") or "", match.group("agency")
    if agency or match.group("place").isupper() or any(c.isdigit() for c in date):
        return match.end()
    return 0


_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+\S")


class _DocumentReader:
    """Reads a document sentence by sentence, keeping what later sentences need: the
    title and lead (the topic), and the entities named so far (:mod:`.subjects`)."""

    def __init__(self, document: Document, lex: Lexicon, published: str | None,
                 entities: Entities, metrics: Metrics) -> None:
        self.document = document
        self.lex = lex
        self.published = published
        self.entities = entities
        self.metrics = metrics
        self.view = document.view
        self.scan = mask_list_markers(self.view)
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", document.text))
        self.context = DocumentContext(operators=entities.operators)
        self.aliases: dict[str, Entity] = {}  # a recognised name -> the entity it names
        self.capitals = capitalised_words(self.view)
        self.people = surnames(self.view, lex.code)
        self.heads = organisation_heads(self.view, lex)
        if document.title:
            self.capitals |= capitalised_words(document.title)
            self.people |= surnames(document.title, lex.code)
            self.heads |= organisation_heads(document.title, lex)

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        """The entities of a sentence: those of the list, then names recognised by form;
        a name and its acronym ("Automotive Cells Company (ACC)") are one entity, in this
        sentence and in the rest of the document."""
        known = [m for m in self.entities.mentions(tokens) if not self.inside_place(tokens, m)]
        found = NameFinder(tokens, self.lex, self.capitals, known, self.people,
                           self.entities.operators, self.heads).names()
        mentions = sorted(known + found, key=lambda m: m.first)
        for a, b in itertools.pairwise(mentions):
            if (b.first == a.next + 1 and b.next < len(tokens)
                    and tokens[a.next].text == "(" and tokens[b.next].text == ")"):
                short, long_ = sorted((a, b), key=lambda m: len(m.entity.name))
                if initials_of(short.entity.name, long_.entity.name):
                    listed = [m.entity for m in (a, b) if not m.entity.recognised]
                    entity = listed[0] if listed else long_.entity
                    for name in (a.entity.name, b.entity.name):
                        self.aliases[fold_name(name)] = entity
        return [Mention(self.named(m.entity), m.first, m.next) if m.entity.recognised else m
                for m in mentions]

    def inside_place(self, tokens: list[Token], mention: Mention) -> bool:
        """A listed name that ends a longer place's name ("Nord" in "Caroline du Nord")."""
        k = mention.first
        return (k >= 2 and tokens[k - 1].low in self.lex.of
                and not tokens[k - 2].text.islower()
                and fold_name(" ".join(t.text for t in tokens[k - 2:mention.next])) in places())

    def adjectives(self, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """The places a sentence names by an adjective ("le marché français": France)."""
        taken = {k for m in mentions for k in range(m.first, m.next)}
        found = []
        for k, token in enumerate(tokens):
            place = self.lex.demonyms.get(token.low) if k not in taken else None
            if place is not None:
                entity = self.entities.named(place) or place_entity(place)
                found.append(Mention(entity, k, k + 1))
        return found

    def named(self, entity: Entity) -> Entity:
        """A recognised name as the document names it: "LGES" after "LG Energy Solution"
        (an acronym of an organisation named before), "FREY" after "Freyr" (a spelling or
        a short form of one, :func:`~battclaims.names.same_name`), a name already unified."""
        key = fold_name(entity.name)
        if key not in self.aliases and entity.is_organisation:
            for earlier in reversed(self.context.recent):
                if earlier.is_organisation and earlier.id != entity.id and (
                        (entity.name.isupper() and initials_of(entity.name, earlier.name))
                        or (same_name(entity.name, earlier.name)
                            and not compound_of(entity.name, earlier.name))):
                    self.aliases[key] = earlier
                    break
        return self.aliases.get(key, entity)

    def claims(self) -> list[Claim]:
        trigger = self.lex.claim_trigger
        previous_end = 0
        claims: list[Claim] = []
        paragraphs = 0
        lead: int | None = None  # the first paragraph that is not a heading
        title = self.document.title
        if title and not _HEADING.match(self.scan):  # from front matter or the HTML head
            tokens = tokenize(mask(title), 0, self.lex)
            self.context.add([m.entity for m in self.mentions(tokens)], topical=True)
        for start, end in sentences(self.scan, self.lex):
            if previous_end == 0 or _PARAGRAPH.search(self.scan, previous_end, start):
                paragraphs += 1
                self.context.new_paragraph()
            previous_end = end
            heading = _HEADING.match(self.scan, start) is not None
            if lead is None and not heading:
                lead = paragraphs
            topical = (heading and paragraphs == 1) or paragraphs == lead
            masked = mask(self.scan[start:end])
            tokens = tokenize(masked, start, self.lex)
            mentions = self.mentions(tokens)
            if heading:
                mentions = _kicker(tokens, mentions)
            filed = dateline_end(masked)
            if filed:  # "PARIS (AFP) -": where the story was filed from, not what it is about
                mentions = [m for m in mentions if tokens[m.first].start >= start + filed]
            found: list[Claim] = []
            if trigger.search(self.scan, start, end):
                found, subjects = self.sentence_claims(start, end, masked, tokens, mentions)
                claims.extend(replace(c, headline=True) for c in found) if (
                    heading and paragraphs == 1) else claims.extend(found)
            else:
                subjects = SentenceSubjects(tokens, self.lex, mentions, self.context,
                                            [0] * len(tokens), {},
                                            self.adjectives(tokens, mentions))
            plant = subjects.plant_named() if not found else None
            if plant is not None:  # "ACC inaugure sa gigafactory à Douvrin": "the plant" next
                self.context.last_facility = plant
            self.context.add([m.entity for m in mentions], topical=topical,
                             agent=subjects.agent_of_sentence())
        return claims

    def sentence_claims(self, s_start: int, s_end: int, masked: str, tokens: list[Token],
                        mentions: list[Mention]) -> tuple[list[Claim], SentenceSubjects]:
        """The claims of one sentence, and its subjects (its agent is for the sentences
        after it)."""
        lex, view = self.lex, self.view
        found = recognise.recognise(tokens, masked, s_start, lex)
        dates = times.find(tokens, view, lex, self.published)
        sentence = _SentenceClaims(tokens, view, found, dates, lex, self.published)
        sentence.build()
        clause_of = sentence.clauses()
        events = sentence.assign_times(clause_of)
        spans = [(item.first, item.next) for item in sentence.items]
        subjects = SentenceSubjects(tokens, lex, mentions, self.context, clause_of,
                                    sentence.relative_commas, self.adjectives(tokens, mentions),
                                    sentence.relative_clauses, spans)
        context = view[s_start:s_end].replace("\n", " ").replace("\r", " ").replace("\t", " ")
        made: list[tuple[int, Claim]] = []
        previous: About | None = None
        metrics: list[str | None] = []
        terms: list[tuple[str, ...]] = []
        revised = lex.revision is not None and lex.revision.search(
            ascii_fold(context).lower()) is not None
        for number, item in enumerate(sentence.items):
            clause, span = self.clause(tokens, clause_of, item.first, item.next)
            unit = item.found.unit
            metric = self.metrics.for_quantity(unit, clause, span, lex.code)
            own_terms = self.terms(clause, self.own_words(tokens, clause_of, spans, number))
            # "7,34 milliards d'euros (7,6 milliards de dollars)": the same figure restated
            hedge = sentence.phrase_before(item.first, lex.hedges_before)
            opening = (hedge[0] if hedge else item.first) - 1  # "(environ 7,6 milliards"
            restates = previous is not None and tokens[opening].text == "(" and (
                spans[number - 1][1] == opening)
            # "128 691 voitures, dont 114 400 électriques": a part of the figure before
            part = previous is not None and sentence.items[number - 1].found.unit == unit and (
                sentence.phrase_before(opening + 1, lex.subsets) is not None)
            time = item.time
            if restates or part:
                metric, own_terms = metric or metrics[-1], own_terms or terms[-1]
                time = time or sentence.items[number - 1].time
            elif number and sentence.items[number - 1].found.unit == unit and (
                    sentence.phrase_before(item.first, lex.baseline_markers)):
                metric = metrics[-1]  # "89 % en 2024, contre 82,4 %": the same measure
            if revised and REVISED not in own_terms:
                own_terms = (*own_terms, REVISED)  # a revision marks the sentence's figures
            metrics.append(metric)
            terms.append(own_terms)
            unit = self.metrics.unit_of(metric, unit)  # "emploiera 1 200 personnes": jobs
            if (restates or part) and previous is not None:
                about = previous
            else:
                about = subjects.about(item.first, item.next,
                                       share=item.found.unit == units.PERCENT,
                                       market=metric in self.metrics.market_metrics)
            previous = about
            if about.facility is not None:
                self.context.last_facility = about.facility
            claim = self.locate(tokens, item.first, item.next, s_start, context, about)
            claim = self.plant_of_the_story(claim, metric, mentions)
            made.append((item.first, replace(
                claim, kind="rank" if item.qualifier == "rank" else "quantity",
                value=_float(item.value), unit=unit, low=_float(item.low),
                high=_float(item.high), qualifier=item.qualifier,
                vague=item.found.vague is not None, time=time, metric=metric,
                terms=own_terms,
            )))
        for mention in events:
            about = subjects.about(mention.first, mention.next)
            claim = self.locate(tokens, mention.first, mention.next, s_start, context, about)
            clause, span = self.clause(tokens, clause_of, mention.first, mention.next)
            made.append((mention.first, replace(
                claim, kind="event", time=mention.span,
                metric=self.metrics.for_event(clause, span, lex.code),
                terms=self.terms(clause, None),
            )))
        made.sort(key=lambda pair: pair[0])
        return [claim for _, claim in made], subjects

    def plant_of_the_story(self, claim: Claim, metric: str | None,
                           mentions: list[Mention]) -> Claim:
        """A plant's own measure (its capacity, output, area) in a sentence that names no
        place, no plant and no organisation, in a story about one plant ("La production
        doit démarrer avec une capacité de 150 000 véhicules par an"): that plant's."""
        plant = self.context.last_facility
        if (plant is None or claim.facility is not None or claim.scope is not None
                or metric not in self.metrics.plant_metrics or claim.subject_source != "context"
                or any(m.entity.is_place or m.entity.is_organisation for m in mentions)):
            return claim
        return replace(claim, facility=plant.name, scope="plant")

    def own_words(self, tokens: list[Token], clause_of: list[int],
                  spans: list[tuple[int, int]], number: int) -> str:
        """The words that belong to one figure of a clause (see :meth:`own_span`)."""
        start, end = self.own_span(tokens, clause_of, spans, number)
        return self.view[tokens[start].start : tokens[end - 1].end]

    def own_span(self, tokens: list[Token], clause_of: list[int],
                 spans: list[tuple[int, int]], number: int) -> tuple[int, int]:
        """The tokens that belong to one figure: from the joint after the figure before it
        in its clause ("et", ",") — or from the clause's start for its first figure — to at
        most :data:`OWN_WORDS` tokens after it, short of the next figure. A figure that
        restates the one before ("3 000 milliards de HUF, soit 7,5 milliards d'euros")
        shares its words."""
        first, next_ = spans[number]
        clause = clause_of[first]
        shared = number > 0 and clause_of[spans[number - 1][0]] == clause
        start = spans[number - 1][1] if shared else 0
        end = spans[number + 1][0] if number + 1 < len(spans) else len(tokens)
        if shared:
            between = {tokens[k].low for k in range(start, first)}
            if between & self.lex.restatements or "(" in between:
                start = self.own_span(tokens, clause_of, spans, number - 1)[0]
            else:  # the words after the previous figure are its own up to a joint
                joint = next((k for k in range(start, first) if self.is_joint(tokens[k])),
                             None)
                start = max(joint + 1 if joint is not None else first, first - OWN_WORDS)
        end = min(end, next_ + OWN_WORDS)  # (a clause's first figure has its whole start)
        if number + 1 < len(spans) and clause_of[spans[number + 1][0]] == clause:
            # the words before the next figure from a joint on are the next figure's:
            # "€5.2 billion, with ProLogium set to receive a grant of €1.5 billion"
            end = next((k for k in range(next_, end) if self.is_joint(tokens[k])), end)
        while start < first and clause_of[start] != clause:
            start += 1
        while end > next_ and clause_of[end - 1] != clause:
            end -= 1
        return start, end

    def is_joint(self, token: Token) -> bool:
        """A comma, a semicolon or a word joining two figures ("et", "or")."""
        return token.text in ",;" or self.lex.joins_numbers(token.low)

    def terms(self, clause: str, own: str | None) -> tuple[str, ...]:
        """The concepts of a figure's own words, else of its clause
        (:class:`~battclaims.lexicon.Concepts`): what the matcher compares as wording."""
        for text in (own, clause):
            found = self.lex.terms(text) if text else ()
            if found:
                return found
        return ()

    def locate(self, tokens: list[Token], first: int, next_: int, s_start: int, context: str,
               about: About) -> Claim:
        """A claim at tokens ``first:next_``: where it is, in which sentence, about what."""
        start_view, end_view = tokens[first].start, tokens[next_ - 1].end
        start, end = self.document.original_span(start_view, end_view)
        line = bisect.bisect_right(self.line_starts, start)
        written = (self.view[start_view:end_view] if self.document.origin is not None
                   else self.document.text[start:end])
        subject = about.subject
        return Claim(
            text=written,
            start=start,
            end=end,
            line=line,
            column=start - self.line_starts[line - 1] + 1,
            sentence=context,
            subject=subject.filed_under if subject else None,
            subject_name=subject.name if subject else None,
            subject_kind=subject.kind if subject else None,
            subject_source=about.source,
            subject_via=about.via or None,
            partners=about.partners,
            facility=about.facility.name if about.facility else None,
            scope=about.scope,
            highlight=(start_view - s_start, end_view - s_start),
        )

    def clause(self, tokens: list[Token], clause_of: list[int], first: int, next_: int
               ) -> tuple[str, tuple[int, int]]:
        """The text of the clause of tokens ``first:next_``, and their span inside it."""
        number = clause_of[first]
        members = [k for k, c in enumerate(clause_of) if c == number]
        clause_start = tokens[members[0]].start
        text = self.view[clause_start : tokens[members[-1]].end]
        return text, (tokens[first].start - clause_start, tokens[next_ - 1].end - clause_start)


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None
