"""Per-language vocabularies, read from the data files in ``battclaims/data``.

Everything a language contributes (number words, scale words, unit words,
rates, stopwords, month names...) lives in ``data/lang/<code>.yaml``;
language-independent unit symbols live in ``data/symbols.yaml``. Adding a
language is adding a file. Files are read once, on first use.
"""

from __future__ import annotations

import contextlib
import functools
import pickle
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import Any

from . import caching, lines, patterns
from .errors import BattclaimsError
from .package_data import DATA
from .records import record
from .units import general_units


def load_data(name: str) -> Any:
    """Load a YAML data file shipped in ``battclaims/data`` (through the user cache:
    :func:`battclaims.caching.as_json`; PyYAML is imported only when the cache misses)."""
    data = (DATA / name).read_bytes()
    return caching.as_json(b"battclaims-data-1\0", data, lambda: _parse_yaml(data), exact=True)


def _parse_yaml(data: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is much faster
    return yaml.load(data.decode("utf-8"), Loader=loader)  # (a safe loader)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def fold(word: str) -> str:
    """Lower-case a word and normalise its apostrophes, for vocabulary look-ups."""
    return word.lower().translate(_APOSTROPHES)


_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                               "ı": "i", "ħ": "h"})
"""Latin letters with a stroke, which Unicode does not decompose ("Wrocław", "Tromsø")."""


@functools.lru_cache(maxsize=65536)
def ascii_fold(word: str) -> str:
    """``"véhicule"`` -> ``"vehicule"``, ``"Wrocław"`` -> ``"Wroclaw"``: a name safe for a
    pint unit."""
    if word.isascii():  # (most words: nothing to decompose)
        return word
    decomposed = unicodedata.normalize("NFKD", word).translate(_UNDECOMPOSED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@record
class Scale:
    """A scale word or abbreviation: ``million``, ``bn``, ``M`` (in ``M€``)."""

    value: Decimal
    """The factor it multiplies the number by."""
    currency_only: bool = False
    """Only a scale when a currency is written next to it (``40 M€``)."""


@record
class Vague:
    """A vague magnitude word: ``milliers``, ``several``."""

    low: float
    """Smallest value the word suggests."""
    high: float
    """Largest value the word suggests."""
    needs_noun: bool
    """Only a claim when a unit or a plural noun follows ("several hectares")."""
    needs_unit: bool = False
    """Only a claim when a unit of the vocabulary follows ("quelques semaines")."""


_PHRASE_WORD = patterns.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*'?|\d+|[^\s\w]")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase split as the tokenizer splits text.

    ``"ligne d'assemblage"`` -> ``("ligne", "d'", "assemblage")``; an English possessive
    is the word, its apostrophe and "s" (``"the decade's end"``), as the tokenizer cuts it.
    """
    return tuple(_PHRASE_WORD.findall(_POSSESSIVE.sub(r"\1 ' s", fold(phrase))))


_POSSESSIVE = patterns.compile(r"([^\W\d_]{3,})'s\b")


def _phrase_map(entries: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    return {phrase_key(k): v for k, v in entries.items()}


def _inverted(groups: Mapping[str, list[str]]) -> dict[tuple[str, ...], str]:
    """``{by: [d'ici, avant]}`` -> ``{("d'", "ici"): "by", ("avant",): "by"}``."""
    return {phrase_key(p): name for name, group in groups.items() for p in group}


@record
class Hedge:
    """A hedge word and what it says of the number it stands by."""

    qualifier: str
    """``approx``, ``lower`` or ``upper``."""
    low: float | None
    """Factor giving the lower bound (``0.9``), or None when unbounded."""
    high: float | None
    """Factor giving the upper bound (``1.1``), or None when unbounded."""


@record
class Ratios:
    """How a language writes a multiplicative factor (a ``ratio``)."""

    after: frozenset[str]
    """Words after a number that, before a comparative, make it a factor ("times")."""
    comparatives: frozenset[str]
    before: frozenset[tuple[str, ...]]
    """Words before a number that make it a factor ("multiplié par")."""
    words: Mapping[str, int]
    """Words that are a factor ("quadrupled", "doubler")."""
    verbs: Mapping[str, int]
    """Words that are a factor after one of ``verb_markers`` ("to double", "le double")."""
    verb_markers: frozenset[str]


@record
class Compound:
    """A smaller unit written after a figure's unit ("3 dollars 50", "5 ft 2 in")."""

    factor: Decimal
    """The smaller unit in the larger (0.01 for cents)."""
    below: int
    """The smaller number is under this (100 cents, 12 inches)."""
    words: frozenset[str]
    """What may follow the smaller number ("cents", "in", "c"), lower case."""
    needs_word: bool
    """One of ``words`` must follow ("5 ft 2" alone is not 5 ft 2 in)."""


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Lexicon:
    """The vocabulary of one language. Build it with :func:`lexicon`.

    Built once per language and vocabulary version, then unpickled from the cache: no
    generated ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` over its hundred-odd
    fields, whose compiling cost 10 ms at every start (issue 12). Two lexicons are equal
    only if they are one object."""

    def __init__(self, **values: Any) -> None:
        """Every field by name, those without a default required."""
        for spec in fields(self):
            if spec.name in values:
                value = values.pop(spec.name)
            elif spec.default is not MISSING:
                value = spec.default
            elif spec.default_factory is not MISSING:
                value = spec.default_factory()
            else:
                raise TypeError(f"Lexicon() missing the field {spec.name!r}")
            object.__setattr__(self, spec.name, value)
        if values:
            raise TypeError(f"Lexicon() has no field {', '.join(map(repr, values))}")

    code: str
    """ISO 639-1 code: ``fr``, ``en``."""
    decimal_separator: str
    """``","`` in French, ``"."`` in English."""
    group_separator: str
    """The punctuation that groups thousands: ``"."`` in French, ``","`` in English."""
    detect: frozenset[str]
    """Frequent words used to detect the language."""
    elisions: frozenset[str]
    """Words written with an apostrophe before the next word (``d'``, ``l'``)."""
    number_words: frozenset[str]
    """Words text2num reads as numbers."""
    number_joiners: frozenset[str]
    """Words that join number words (``et``, ``and``)."""
    articles: frozenset[str]
    """Number words that are articles unless a scale word follows."""
    weak_number_words: frozenset[str]
    """Number words that are numbers only before a known unit (``one``, ``neuf``)."""
    scales: Mapping[str, Scale]
    """Scale words (``millions``), folded."""
    scale_abbreviations: Mapping[str, Scale]
    """Language-independent scale abbreviations (``bn``, ``M``), case-sensitive."""
    half_after_scale: frozenset[tuple[str, ...]]
    """``et demi``, ``and a half``."""
    half_before_scale: frozenset[tuple[str, ...]]
    """``half a`` (million)."""
    vague: Mapping[str, Vague]
    """Vague magnitude words."""
    of: frozenset[str]
    """Words linking a scale or vague word to its unit (``de``, ``of``)."""
    rate_reach: frozenset[str]
    """Prepositions across which a rate still belongs to the figure ("300,000 batteries
    for electric vehicles a year", "30 GWh worth of batteries per year")."""
    units: Mapping[tuple[str, ...], str]
    """Unit words and phrases (folded, split into words) to registry unit names."""
    max_unit_words: int
    """Length of the longest unit phrase, in words."""
    symbols: Mapping[str, str]
    """Unit symbols after a number, case-sensitive, to registry unit names."""
    reported_as: Mapping[str, str]
    """Units reported in another unit of their dimension ("TWh" as GWh)."""
    currency_prefixes: Mapping[str, str]
    """Currency marks before a number (``€``, ``US$``) to registry unit names."""
    rate_markers: frozenset[str]
    """``par``, ``per``, ``/`` before a unit: a rate."""
    time_rate_markers: frozenset[str]
    """``a``, ``an``: a rate only before a time unit (``12 GWh a year``)."""
    decade_suffixes: frozenset[str]
    """What makes a year a decade when glued to it (``2020s``)."""
    rate_units: Mapping[str, str]
    """Time words after a rate marker to unit names (``an`` -> ``year``)."""
    rate_words: Mapping[tuple[str, ...], str]
    """Phrases that are rates on their own (``annually``, ``tous les ans``)."""
    max_rate_words: int
    """Length of the longest rate phrase, in tokens."""
    rate_adjectives: Mapping[str, str]
    """``annual``, ``annuelle``: a rate when they govern the quantity."""
    noun_head: str
    """``first`` (French) or ``last`` (English): where a noun phrase's head is."""
    noun_phrase_words: frozenset[str]
    """Adjectives that may stand between a number and its noun."""
    not_nouns: frozenset[str]
    """Words never taken as a counted noun."""
    reference_words: frozenset[str]
    """Words before a number that make it a reference (``article 3``)."""
    time_prepositions: frozenset[str]
    """Words before a 4-digit number that make it a year."""
    time_of_day_prepositions: frozenset[str]
    """``à 18 heures``, ``at 6 hours``: a time of day."""
    months: Mapping[str, int]
    """Month names and abbreviations."""
    ordinal_suffixes: frozenset[str]
    """Endings after digits that make an ordinal (``3e``, ``3rd``)."""
    ordinals: Mapping[str, int]
    """Ordinal words and their number (``troisième``: 3), for rank claims."""
    rankable: frozenset[str]
    """Registry units an ordinal can rank (``factory``, ``gigafactory``...)."""
    singular_irregular: Mapping[str, str]
    """Irregular plurals."""
    singular_suffixes: tuple[tuple[str, str], ...]
    """Plural endings and their singular replacement, tried in order."""
    invariable_endings: tuple[str, ...]
    """Endings of words that are not plurals (``-ss``, ``-us``)."""
    stopwords: frozenset[str]
    """Function words: never a counted noun, never a name."""
    abbreviations: frozenset[str]
    """Abbreviations whose period does not end a sentence (``m`` for ``M.``)."""
    time_relations: Mapping[tuple[str, ...], str]
    """Phrases before a date and the relation they set (``("d'", "ici")`` -> ``by``)."""
    time_relations_after: Mapping[tuple[str, ...], str]
    """Phrases after a date that set the relation (``onwards`` -> ``from``)."""
    time_modifiers: frozenset[tuple[str, ...]]
    """Phrases between a relation and its year (``fin`` in "d'ici fin 2025")."""
    relative_times: Mapping[tuple[str, ...], tuple[str, str | None]]
    """Phrases naming a time relative to publication: (relation, ISO duration)."""
    relative_prepositions: Mapping[tuple[str, ...], str]
    """Phrases before a duration that make it a time (``d'ici`` -> ``by``, ``il y a`` -> ago)."""
    ago: frozenset[str]
    """Words after a duration that put it in the past (``ago``)."""
    hedges_before: Mapping[tuple[str, ...], Hedge]
    """Hedge phrases before a number (``près de``, ``up to``)."""
    hedges_after: Mapping[tuple[str, ...], Hedge]
    """Hedge phrases after a quantity (``environ``, ``or more``)."""
    range_openers: Mapping[str, str]
    """A word before a range's first number and the joiner it pairs with (``entre``: ``et``)."""
    range_joiners: frozenset[str]
    """Words or dashes between a range's two numbers."""
    change_words: frozenset[str]
    """Verbs of change: "passe de 5 000 à 4 000" is a change, not a range."""
    change_stems: tuple[str, ...]
    """Word beginnings of verbs of change (``pass*`` in the data file)."""
    relative_pronouns: frozenset[tuple[str, ...]]
    """Clause openers that refer back to the entity before the comma (``qui``)."""
    clause_openers: frozenset[tuple[str, ...]]
    """Words after a comma that open a new clause (``qui``, ``which``)."""
    object_prepositions: frozenset[tuple[str, ...]]
    """Words before an entity that make it an object, not the subject (``au``, ``to``)."""
    determiners: frozenset[str]
    """Articles and possessives skipped when looking before an entity."""
    subordinators: frozenset[tuple[str, ...]]
    """Words that open a sentence's first clause, closed by a comma (``depuis que``)."""
    participle_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    """Endings of adjectives ("électriques"): such a word after a number gives way to
    a shared unit after "dont", and makes "100 %" an adjective of kind."""
    participles: frozenset[str]
    """Past participles listed ("built", "mis", "prévue"); others end in
    ``participle_endings``."""
    max_phrase: int
    """Length of the longest time, hedge, relation or half phrase, in tokens."""
    anaphors: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    """Phrases that refer back to an entity, and its kind (``l'entreprise``: company)."""
    vicinity: frozenset[tuple[str, ...]] = frozenset()
    """Locatives of nearness (``près de``, ``near``): a landmark, not the plant's town."""
    inflections: tuple[tuple[str, str], ...] = ()
    """Endings of inflected forms and what replaces them for the base word ("est" -> "":
    "steepest" is "steep"): an inflected ordinary word is ordinary."""
    possessive_clitic: str = ""
    """What follows an apostrophe to make a name possessive (``s``: "Freyr's"); none in
    French."""
    place_relatives: frozenset[tuple[str, ...]] = frozenset()
    """Relative pronouns of place (``où``, ``where``): a name before ", où" is a place."""
    not_anaphors: frozenset[tuple[str, ...]] = frozenset()
    """Phrases in which an anaphor's word refers to nothing (``il y a``, ``y compris``)."""
    possessives: frozenset[str] = frozenset()
    """``sa``, ``its``: before a plant noun, the plant of the company named last."""
    locatives: frozenset[tuple[str, ...]] = frozenset()
    """Words before a name that make it a place (``à``, ``in``)."""
    facility_nouns: frozenset[str] = frozenset()
    """Nouns of a plant (``usine``, ``plant``): a place named with them is a facility."""
    company_scope: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that make a figure company-wide (``au total``, ``across its``)."""
    person_titles: frozenset[tuple[str, ...]] = frozenset()
    """Words before a name that make it a person's (``M.``, ``CEO``)."""
    not_names: frozenset[str] = frozenset()
    """Capitalised words that are not names (``EV``, ``French``), folded."""
    relative_openers: frozenset[tuple[str, ...]] = frozenset()
    """Relative pronouns that open a clause even without a comma (``dont``, ``in which``)."""
    source_markers: frozenset[tuple[str, ...]] = frozenset()
    """Words before a name that make it the source of a figure (``selon``, ``according
    to``), not what it is about."""
    demonyms: Mapping[str, str] = field(default_factory=dict)
    """Adjectives of places, folded, to the place's canonical name (``français``: France)."""
    name_modifiers: frozenset[str] = frozenset()
    """Words after a name that make it qualify a noun ("Tesla supplier", "X-backed")."""
    restatements: frozenset[str] = frozenset()
    """Words before a figure that restates the one before (``soit``, ``i.e.``)."""
    subsets: frozenset[tuple[str, ...]] = frozenset()
    """Words before a figure that counts a part of the one before (``dont``, ``of which``)."""
    number_alternatives: frozenset[str] = frozenset()
    """``ou``, ``or``: like :attr:`number_joiners`, they part one figure's words from
    the next one's ("40 or 50 GWh")."""
    baseline_markers: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that make a figure the earlier value of the one before it ("up from")."""
    year_end_modifiers: frozenset[tuple[str, ...]] = frozenset()
    """Words before a year that mean its end ("fin 2024", "the end of 2025"): December."""
    target_after: frozenset[tuple[str, ...]] = frozenset()
    """Nouns after a year that make it a target's ("the 2030 target"): by that year."""
    target_before: frozenset[tuple[str, ...]] = frozenset()
    """Nouns before a year that make it a target's ("l'objectif 2030")."""
    vintage_words: frozenset[tuple[str, ...]] = frozenset()
    """Words before a year that make it a plan's vintage ("the initial 2020 goal")."""
    decade_words: frozenset[str] = frozenset()
    """Words before a year that make it a decade ("les années 2030"): no year."""
    score_words: frozenset[tuple[str, ...]] = frozenset()
    """Words of a match's result around a score ("won", "victoire")."""
    ratios: Ratios | None = None
    """How the language writes multiplicative factors ("12 times higher", "le double")."""
    decimal_words: frozenset[str] = frozenset()
    """The word of a spoken decimal point ("point", "virgule")."""
    sign_words: Mapping[str, int] = field(default_factory=dict)
    """Words of a sign right before a number ("minus 18", "moins 18")."""
    compounds: Mapping[str, Compound] = field(default_factory=dict)
    """Units a number of a smaller one may follow ("3 dollars 50", "5 ft 2 in")."""
    start_events: frozenset[tuple[str, ...]] = frozenset()
    """Words of a start ("start", "démarrer", "become operational"): a time right after
    them dates that start, not a figure written after it."""
    fractions: Fractions | None = None
    """How the language writes fractions ("deux tiers", "one in five", "la moitié")."""
    ages_before: frozenset[tuple[str, ...]] = frozenset()
    """Phrases before a number that make it an age ("aged", "âgé de"): no claim."""
    ages_after: frozenset[tuple[str, ...]] = frozenset()
    """Phrases after a number that make it an age ("year-old", "years old")."""
    pair_before: frozenset[str] = frozenset()
    """Words before "two" that make "the two companies" a reference, not a count."""
    pair_numbers: frozenset[str] = frozenset()
    pair_units: frozenset[str] = frozenset()
    """What such a pair names (companies, partners, founders)."""
    framing_before: frozenset[tuple[str, ...]] = frozenset()
    """Words before a duration that only places another event in time ("au cours des")."""
    framing_after: frozenset[tuple[str, ...]] = frozenset()
    """Words after such a duration ("plus tard", "later", "since")."""
    event_relative: frozenset[tuple[str, ...]] = frozenset()
    """Words after a duration that count it from an event, not from the publication
    ("dans les 6 mois suivant l'achat", "within 30 days after delivery")."""
    framing_windows: frozenset[tuple[str, ...]] = frozenset()
    """Words before a duration that make it the window of a change in percent ("en",
    "in": "-87 % en 10 ans")."""
    framing_adjectives: frozenset[str] = frozenset()
    """Adjectives that make a duration a window ("les sept dernières années", "the past
    five years", "the first two quarters")."""
    approximate_scales: frozenset[str] = frozenset()
    """Scale words that make a figure approximate ("une quarantaine", "a dozen")."""
    months_capitalised: bool = False
    """Month names are capitalised, and their lower-case forms other words ("may")."""
    date_order: str = "DMY"
    """The order of a numeric date ("12/03/2025"), as dateparser's ``DATE_ORDER``."""
    day_suffixes: frozenset[str] = frozenset()
    """Endings after a day that make it an ordinal ("1er", "2nd")."""
    time_adjectives: frozenset[str] = frozenset()
    """Words after "a year", "l'année" that make it a time ("a year ago"), not a rate."""
    particle_verbs: frozenset[str] = frozenset()
    """Verbs whose particle is a hedge word ("handed over 1.7 million")."""
    measure_nouns: Mapping[str, str] = field(default_factory=dict)
    """Nouns that say what a bare number after them counts ("headcount … 2,000")."""
    agent_markers: frozenset[str] = frozenset()
    """``par``, ``by``: the name after them is the agent of a passive verb."""
    joint_markers: frozenset[tuple[str, ...]] = frozenset()
    """``joint venture``, ``s'allie à``: organisations acting together form a joint
    venture (named after the marker, or unnamed)."""
    distributives: frozenset[tuple[str, ...]] = frozenset()
    """``respectively``, ``chacun``: organisations named together that act each alone."""
    concepts: Concepts | None = None
    """What the words around a figure are about, in ids shared by every language."""
    revised_words: tuple[str, ...] = ()
    """The words of the ``revised`` concept ("instead of", "au lieu de")."""

    def singular(self, word: str) -> str:
        """The singular of a plural noun, by the language's rules."""
        low = fold(word)
        if low in self.singular_irregular:
            return self.singular_irregular[low]
        if low.endswith(self.invariable_endings):
            return low
        for plural, single in self.singular_suffixes:
            if low.endswith(plural) and len(low) > len(plural) + 2:
                return low[: len(low) - len(plural)] + single
        return low

    @functools.cached_property
    def baseline_starts(self) -> frozenset[str]:
        """First words of the baseline markers (a quick look before the phrase look-up)."""
        return _first_words(self.baseline_markers)

    @functools.cached_property
    def word_starters(self) -> frozenset[str]:
        """Words that may start a quantity written in words (number, article, vague,
        "half", ordinal, a fraction's "moitié")."""
        fraction_halves = self.fractions.halves if self.fractions else frozenset()
        return frozenset(self.number_words | self.articles | set(self.vague)
                         | self.half_scale_starts | set(self.ordinals) | fraction_halves)

    @functools.cached_property
    def half_scale_starts(self) -> frozenset[str]:
        """First words of the halves before a scale ("half", "demi": a quick look)."""
        return _first_words(self.half_before_scale)

    @functools.cached_property
    def ratio_words(self) -> frozenset[str]:
        """The words that say a factor ("double", "quadrupled"), nouns and verbs."""
        return frozenset((*self.ratios.words, *self.ratios.verbs)) if self.ratios else frozenset()

    @functools.cached_property
    def relative_opener_starts(self) -> frozenset[str]:
        """First words of the relative openers ("dont", "in")."""
        return _first_words(self.relative_openers)

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """The nouns the language file uses for organisations and plants ("carmaker",
        "start-up", "usine"): ordinary words, never names."""
        words = {key[-1] for key in self.anaphors} | set(self.facility_nouns)
        return frozenset(w for w in words if len(w) > 3)

    @functools.cached_property
    def source_starts(self) -> frozenset[str]:
        """First words of the source markers ("selon", "according")."""
        return _first_words(self.source_markers)

    @functools.cached_property
    def distributive_starts(self) -> frozenset[str]:
        """First words of the distributives ("respectively", "tous")."""
        return _first_words(self.distributives)

    @functools.cached_property
    def scope_starts(self) -> frozenset[str]:
        """First words of the company-wide markers ("au", "across")."""
        return _first_words(self.company_scope)

    @functools.cached_property
    def government_words(self) -> frozenset[str]:
        """The nouns of the anaphors of a government ("gouvernement", "government")."""
        return frozenset(key[-1] for key, kind in self.anaphors.items() if kind == "government")

    @functools.cached_property
    def anaphor_starts(self) -> frozenset[str]:
        """First words of the anaphors ("the", "l'")."""
        return _first_words(self.anaphors)

    @functools.cached_property
    def relative_starts(self) -> frozenset[str]:
        """First words of the relative-time phrases ("l'", "next")."""
        return _first_words(self.relative_times)

    def joins_numbers(self, word: str) -> bool:
        """The folded ``word`` joins two figures ("et", "and", "ou", "or")."""
        return word in self.number_joiners or word in self.number_alternatives

    @functools.cached_property
    def approximate(self) -> Hedge:
        """The hedge of an approximate collective: the language's ±10 % "about"."""
        return next((h for h in self.hedges_before.values()
                     if h.qualifier == "approx" and h.low == 0.9 and h.high == 1.1),
                    Hedge("approx", 0.9, 1.1))

    @functools.cached_property
    def claim_trigger(self) -> re.Pattern[str]:
        """Matches what may start a claim in a sentence: a digit or a starting word."""
        words = sorted(self.word_starters | self.relative_starts, key=lambda w: (-len(w), w))
        return patterns.compile(r"\d|\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)

    @functools.cached_property
    def revision(self) -> re.Pattern[str] | None:
        """Finds, in folded text, the words of the ``revised`` concept (compiled when first
        asked, not unpickled: :mod:`battclaims.patterns` keeps its program)."""
        return _starts_pattern(self.revised_words)

    def terms(self, text: str) -> tuple[str, ...]:
        """The concepts a text names (:class:`Concepts`), each once, in order."""
        if self.concepts is None:
            return ()
        words = [ascii_fold(w) for w in _TERM_WORDS.findall(text.lower().replace("’", "'"))]
        return tuple(dict.fromkeys(self.concepts.concepts(words)))

    def stems(self, word: str) -> Iterator[tuple[str, str]]:
        """Each (ending, base word) the language's inflections make of ``word``:
        "étudiés" -> ("és", "étudier"), ...; whether the base is a word is the caller's."""
        for ending, base in self.inflections:
            if word.endswith(ending):
                yield ending, word[: len(word) - len(ending)] + base

    def is_participle(self, word: str) -> bool:
        """A past participle: an ordinary word of the language with a participle's
        ending, not a stopword, whose verb by the language's inflections is an ordinary
        word too ("étudiés": étudier, "unveiled": unveil; not "degrés", "need"), or a
        listed one ("built", "prévue", "construite")."""
        if word in self.participles:
            return True
        if word in self.stopwords or not word.endswith(self.participle_endings):
            return False
        ordinary = common_words(self.code)
        if word not in ordinary:
            return False
        return any(  # "étudiés" from "étudier", not "degrés"; "red" is no verb of "r"
            ending.endswith(self.participle_endings) and len(stem) >= 3 and stem in ordinary
            for ending, stem in self.stems(word))  # ("paris", "bonus": irregulars are listed)

    def is_change_word(self, word: str) -> bool:
        """A verb of change ("passe", "passées", "rose")."""
        return word in self.change_words or (bool(word) and word.startswith(self.change_stems))

    def is_plural(self, word: str) -> bool:
        """Whether a word looks like a plural noun (invariable ones listed count)."""
        low = fold(word)
        return low in self.singular_irregular or self.singular(low) != low


@record
class Fractions:
    """A language's words for fractions (its ``fractions`` table)."""

    halves: frozenset[str]
    denominators: Mapping[str, int]
    out_of: frozenset[tuple[str, ...]]
    not_after: frozenset[str]

    @functools.cached_property
    def out_of_starts(self) -> frozenset[str]:
        """First words of the "N in M" phrases ("sur", "in", "out")."""
        return _first_words(self.out_of)


def _fraction(text: str) -> Decimal:
    """``"0.01"`` or ``"1/12"`` as a Decimal (a fraction to the context's precision)."""
    top, _, bottom = text.partition("/")
    return Decimal(top) / Decimal(bottom) if bottom else Decimal(top)


def _compound_units(spec: Mapping[str, Any] | None) -> dict[str, str]:
    """Every spelling of the units built from a metric prefix, a base and an optional
    second factor, in one word, spaced or hyphenated, singular or plural:
    "gigawattheures", "giga watt heures", "gigawatt-hours", "kilowatts" (the language
    file's ``unit_compounds``)."""
    if not spec:
        return {}
    plural = spec.get("plural", "s")
    out: dict[str, str] = {}

    def forms(word: str) -> tuple[str, str]:
        return word, word + plural

    for prefix, prefix_name in spec["prefixes"].items():
        heads = [""] if not prefix else ["", " ", "-"]
        for base, base_name in spec["bases"].items():
            unit = f"{prefix_name}{base_name}"
            for head in heads:
                for written in forms(base):
                    out[f"{prefix}{head}{written}"] = unit
                for second, second_name in spec.get("products", {}).items():
                    for joint in ("", " ", "-"):
                        for written in forms(base):
                            for other in forms(second):
                                out[f"{prefix}{head}{written}{joint}{other}"] = (
                                    f"{unit}_{second_name}")
    return out


def _starts_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern of word beginnings ("remplac" finds "remplacé"), in folded text."""
    words = sorted({ascii_fold(p).lower() for p in phrases}, key=lambda w: (-len(w), w))
    return patterns.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")") if words else None


def _fractions(data: Mapping[str, Any] | None) -> Fractions | None:
    if not data:
        return None
    return Fractions(
        halves=frozenset(fold(w) for w in data.get("halves", ())),
        denominators={fold(k): int(v) for k, v in data.get("denominators", {}).items()},
        out_of=frozenset(phrase_key(p) for p in data.get("out_of", ())),
        not_after=frozenset(fold(w) for w in data.get("not_after", ())),
    )


REVISED = "revised"
"""The concept of words that say a figure replaces an earlier one ("instead of",
"revu à la baisse"): it marks every figure of its sentence."""


class Concepts:
    """A concept vocabulary: word beginnings (or whole short words) to concept ids.

    ``concepts(["capacite", "de", "production"])`` -> ``["capacity", "production"]``.
    A beginning of three letters or fewer, or written ``=word``, matches only the whole
    word (or its plural), so that ``an`` (year) does not match ``annonce``.
    """

    def __init__(self, groups: Mapping[str, list[str]]) -> None:
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.exact: set[str] = set()
        for concept, words in groups.items():
            for phrase in words:
                whole = phrase.startswith("=")  # "=prêt": the word itself (and its plural)
                key = tuple(ascii_fold(w) for w in phrase_key(phrase.lstrip("=")))
                if key:
                    self.first.setdefault(key[0], []).append((key, concept))
                    if whole and len(key) == 1:
                        self.exact.add(key[0])
        for entries in self.first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.known: dict[str, tuple[str, ...]] = {}
        """The starts (:meth:`_starts`) of the words seen so far (cleared past 100 000)."""

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Concepts) and self.first == other.first
                and self.exact == other.exact)

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, Any]:
        return {"first": self.first, "exact": self.exact}  # (not the words seen so far)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, known={})

    def _starts(self, word: str) -> tuple[str, ...]:
        """The keys of :attr:`first` a word may stand for: its beginnings of four letters
        or more, the word itself or its singular when short or whole (worked out once per
        word: a text repeats its words, and each of its prefixes was looked up)."""
        found = self.known.get(word)
        if found is None:
            if len(self.known) > 100_000:
                self.known.clear()
            starts = [word[:k] for k in range(4, len(word) + 1)
                      if word[:k] in self.first and word[:k] not in self.exact]
            for short in (word, word[:-1] if word.endswith("s") else ""):
                if short and (len(short) < 4 or short in self.exact) and short in self.first:
                    starts.append(short)
            found = self.known[word] = tuple(starts)
        return found

    def concepts(self, words: list[str]) -> list[str]:
        """The concepts named in a run of folded words, in order (repeats kept)."""
        out: list[str] = []
        k = 0
        while k < len(words):
            step = 1
            for start in self._starts(words[k]):
                for key, concept in self.first[start]:
                    size = len(key)
                    if k + size <= len(words) and all(
                            words[k + m].startswith(key[m]) if len(key[m]) >= 4
                            else words[k + m] == key[m] for m in range(1, size)):
                        out.append(concept)  # a word may name several concepts
                        step = max(step, size)
            k += step
        return out


def _first_words(phrases: Collection[tuple[str, ...]]) -> frozenset[str]:
    """The words phrases start with: a quick test before looking a phrase up."""
    return frozenset(key[0] for key in phrases)


_TERM_WORDS = patterns.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*'?")

SUPPORTED = ("en", "fr")


def _build(code: str) -> Lexicon:
    try:
        data = load_data(f"lang/{code}.yaml")
    except FileNotFoundError:
        raise BattclaimsError(
            f"unknown language {code!r} (supported: {', '.join(SUPPORTED)})"
        ) from None
    symbols = load_data("symbols.yaml")
    general = general_units()  # derived from pint: litres, inches, hp, °C
    units = _phrase_map({**general["names"].get(code, {}),
                         **_compound_units(data.get("unit_compounds")), **data["units"]})
    hedges: list[tuple[tuple[str, ...], str, Hedge]] = []
    for spec in data["hedges"]:
        qualifier = spec["qualifier"]  # "lower" bounds below by the value, "upper" above
        hedge = Hedge(qualifier, spec.get("low", 1.0 if qualifier == "lower" else None),
                      spec.get("high", 1.0 if qualifier == "upper" else None))
        hedges += [(phrase_key(p), "before", hedge) for p in spec.get("before", ())]
        hedges += [(phrase_key(p), "after", hedge) for p in spec.get("after", ())]
    phrases = [key for key, _, _ in hedges]
    for table in ("time_relations", "time_relations_after"):
        phrases += [phrase_key(p) for group in data[table].values() for p in group]
    phrases += [phrase_key(p) for p in data["relative_times"]]
    phrases += [phrase_key(p) for p in data["relative_prepositions"]]
    phrases += [tuple(p) for p in data["half_after_scale"]]
    singular = data["singular"]
    return Lexicon(
        code=data["code"],
        decimal_separator=data["decimal_separator"],
        group_separator=data["group_separator"],
        detect=frozenset(data["detect"]),
        elisions=frozenset(fold(e) for e in data["elisions"]),
        number_words=frozenset(fold(w) for w in data["number_words"]),
        number_joiners=frozenset(data["number_joiners"]),
        articles=frozenset(data["articles"]),
        weak_number_words=frozenset(data["weak_number_words"]),
        scales={fold(w): Scale(Decimal(str(f))) for w, f in data["scales"].items()},
        scale_abbreviations={
            abbr: Scale(Decimal(str(spec["value"])), bool(spec.get("currency_only", False)))
            for abbr, spec in symbols["scale_abbreviations"].items()
        },
        half_after_scale=frozenset(tuple(p) for p in data["half_after_scale"]),
        half_before_scale=frozenset(tuple(p) for p in data["half_before_scale"]),
        vague={
            fold(w): Vague(float(v["low"]), float(v["high"]),
                           bool(v.get("needs_noun") or v.get("needs_unit")),
                           bool(v.get("needs_unit")))
            for w, v in data["vague"].items()
        },
        of=frozenset(fold(w) for w in data["of"]),
        rate_reach=frozenset(fold(w) for w in data.get("rate_reach", data["of"])),
        units=units,
        max_unit_words=max(len(k) for k in units),
        symbols={**general["symbols"], **symbols["after_number"], **data.get("symbols", {})},
        currency_prefixes=symbols["before_number"],
        rate_markers=frozenset(data["rate_markers"]),
        time_rate_markers=frozenset(data["time_rate_markers"]),
        decade_suffixes=frozenset(data["decade_suffixes"]),
        rate_units={fold(k): v for k, v in data["rate_units"].items()},
        rate_words=_phrase_map(data["rate_words"]),
        max_rate_words=max(len(phrase_key(k)) for k in data["rate_words"]),
        rate_adjectives={fold(k): v for k, v in data["rate_adjectives"].items()},
        noun_head=data["noun_head"],
        noun_phrase_words=frozenset(fold(w) for w in data["noun_phrase_words"]),
        not_nouns=frozenset(fold(w) for w in data["not_nouns"]),
        reference_words=frozenset(fold(w) for w in data["reference_words"]),
        time_prepositions=frozenset(fold(w) for w in data["time_prepositions"]),
        time_of_day_prepositions=frozenset(data["time_of_day_prepositions"]),
        months={fold(k): int(v) for k, v in data["months"].items()},
        ordinal_suffixes=frozenset(data["ordinal_suffixes"]),
        ordinals={fold(k): int(v) for k, v in data["ordinals"].items()},
        rankable=frozenset(symbols["rankable"]),
        reported_as=dict(symbols.get("reported_as", {})),
        singular_irregular=singular["irregular"],
        singular_suffixes=tuple((a, b) for a, b in singular["suffixes"]),
        invariable_endings=tuple(singular["invariable_endings"]),
        stopwords=frozenset(fold(w) for w in data["stopwords"]),
        abbreviations=frozenset(fold(w) for w in data["abbreviations"]),
        time_relations=_inverted(data["time_relations"]),
        time_relations_after=_inverted(data["time_relations_after"]),
        time_modifiers=frozenset(phrase_key(p) for p in data["time_modifiers"]),
        relative_times={
            phrase_key(k): (v["relation"], v["offset"]) for k, v in data["relative_times"].items()
        },
        relative_prepositions=_phrase_map(data["relative_prepositions"]),
        ago=frozenset(data["ago"]),
        hedges_before={key: h for key, where, h in hedges if where == "before"},
        hedges_after={key: h for key, where, h in hedges if where == "after"},
        range_openers={fold(k): fold(v) for k, v in data["range_openers"].items()},
        range_joiners=frozenset(data["range_joiners"]),
        change_words=frozenset(fold(w) for w in data["change_words"] if not w.endswith("*")),
        change_stems=tuple(fold(w[:-1]) for w in data["change_words"] if w.endswith("*")),
        relative_pronouns=frozenset(phrase_key(p) for p in data["relative_pronouns"]),
        clause_openers=frozenset(phrase_key(p) for p in data["clause_openers"]),
        subordinators=frozenset(phrase_key(p) for p in data["subordinators"]),
        participle_endings=tuple(fold(e) for e in data["participles"]["endings"]),
        adjective_endings=tuple(fold(e) for e in data["adjective_endings"]),
        participles=frozenset(fold(w) for w in data["participles"]["listed"]),
        object_prepositions=frozenset(phrase_key(p) for p in data["object_prepositions"]),
        determiners=frozenset(fold(w) for w in data["determiners"]),
        max_phrase=max(len(k) for k in phrases),
        anaphors=_inverted(data.get("anaphors", {})),
        possessives=frozenset(fold(w) for w in data.get("possessives", ())),
        not_anaphors=frozenset(phrase_key(p) for p in data.get("not_anaphors", ())),
        place_relatives=frozenset(phrase_key(p) for p in data.get("place_relatives", ())),
        possessive_clitic=fold(str(data.get("possessive_clitic", ""))),
        inflections=tuple((a, b) for a, b in data.get("inflections", ())),
        vicinity=frozenset(phrase_key(p) for p in data.get("vicinity", ())),
        locatives=frozenset(phrase_key(p) for p in data.get("locatives", ())),
        facility_nouns=frozenset(fold(w) for w in data.get("facility_nouns", ())),
        company_scope=frozenset(phrase_key(p) for p in data.get("company_scope", ())),
        person_titles=frozenset(phrase_key(p) for p in data.get("person_titles", ())),
        not_names=frozenset(fold(w) for w in data.get("not_names", ())),
        agent_markers=frozenset(fold(w) for w in data.get("agent_markers", ())),
        joint_markers=frozenset(phrase_key(p) for p in data.get("joint_markers", ())),
        distributives=frozenset(phrase_key(p) for p in data.get("distributives", ())),
        restatements=frozenset(fold(w) for w in data.get("restatements", ())),
        subsets=frozenset(phrase_key(p) for p in data.get("subsets", ())),
        number_alternatives=frozenset(fold(w) for w in data.get("number_alternatives", ())),
        measure_nouns={fold(k): v for k, v in data.get("measure_nouns", {}).items()},
        particle_verbs=frozenset(fold(w) for w in data.get("particle_verbs", ())),
        time_adjectives=frozenset(fold(w) for w in data.get("time_adjectives", ())),
        months_capitalised=bool(data.get("months_capitalised", False)),
        date_order=str(data.get("date_order", "DMY")),
        day_suffixes=frozenset(fold(w) for w in data.get("day_suffixes", ())),
        approximate_scales=frozenset(fold(w) for w in data.get("approximate_scales", ())),
        ages_before=frozenset(phrase_key(p) for p in data.get("ages", {}).get("before", ())),
        ages_after=frozenset(phrase_key(p) for p in data.get("ages", {}).get("after", ())),
        pair_before=frozenset(fold(w) for w in data["pair_references"]["before"]),
        pair_numbers=frozenset(fold(w) for w in data["pair_references"]["numbers"]),
        pair_units=frozenset(data["pair_references"]["units"]),
        framing_before=frozenset(phrase_key(p) for p in data["framing"]["before"]),
        framing_after=frozenset(phrase_key(p) for p in data["framing"]["after"]),
        framing_adjectives=frozenset(fold(w) for w in data["framing"]["adjectives"]),
        framing_windows=frozenset(phrase_key(p) for p in data["framing"]["windows"]),
        event_relative=frozenset(phrase_key(p) for p in data["framing"]["from_event"]),
        fractions=_fractions(data.get("fractions")),
        baseline_markers=frozenset(phrase_key(p) for p in data.get("baseline_markers", ())),
        start_events=frozenset(phrase_key(p) for p in data["start_events"]),
        sign_words={fold(k): int(v) for k, v in data["sign_words"].items()},
        decimal_words=frozenset(fold(w) for w in data["decimal_words"]),
        ratios=Ratios(
            after=frozenset(fold(w) for w in data["ratios"]["after"]),
            comparatives=frozenset(fold(w) for w in data["ratios"]["comparatives"]),
            before=frozenset(phrase_key(p) for p in data["ratios"]["before"]),
            words={fold(k): int(v) for k, v in data["ratios"]["words"].items()},
            verbs={fold(k): int(v) for k, v in data["ratios"]["verbs"].items()},
            verb_markers=frozenset(fold(w) for w in data["ratios"]["verb_markers"]),
        ),
        score_words=frozenset(phrase_key(p) for p in data["score_words"]),
        compounds={unit: Compound(_fraction(str(spec["factor"])), int(spec["below"]),
                                  frozenset(fold(w) for w in (
                                      *spec.get("marks", ()),
                                      *data.get("compound_words", {}).get(unit, ()))),
                                  bool(spec.get("needs_word")))
                   for unit, spec in symbols.get("compounds", {}).items()},
        year_end_modifiers=frozenset(phrase_key(p) for p in data["year_end_modifiers"]),
        decade_words=frozenset(fold(w) for w in data["decade_words"]),
        vintage_words=frozenset(phrase_key(p) for p in data["vintage_words"]),
        target_after=frozenset(phrase_key(p) for p in data["target_words"]["after"]),
        target_before=frozenset(phrase_key(p) for p in data["target_words"]["before"]),
        name_modifiers=frozenset(fold(w) for w in data.get("name_modifiers", ())),
        demonyms={fold(word): place for place, words in data.get("demonyms", {}).items()
                  for word in words},
        relative_openers=frozenset(phrase_key(p) for p in data.get("relative_openers", ())),
        source_markers=frozenset(phrase_key(p) for p in data.get("source_markers", ())),
        concepts=Concepts(data.get("concepts", {})),
        revised_words=tuple(data.get("concepts", {}).get(REVISED, ())),
    )


@functools.cache
def lexicon(code: str) -> Lexicon:
    """The vocabulary of language ``code`` (``"fr"``, ``"en"``), loaded once: from the
    user's cache when its data files are unchanged (:func:`cached_lexicon`)."""
    return cached_lexicon(code)


_CACHE_FORMAT = b"battclaims-lexicon-2\0"
"""Part of the cache key: a new one when what is pickled changes in a way the package's
files do not show."""
_SOURCES = ("lang/{code}.yaml", "symbols.yaml", "units.general.yaml")
"""The data files a language's vocabulary is built from (:func:`_build`)."""


def _cache_key(code: str) -> str:
    """A key for everything the vocabulary of ``code`` is made of: the package's code and
    data and the Python version (the pickle's reader), :func:`caching.package_key`, and
    the data files it is built from, wherever :data:`DATA` is (raises :class:`OSError`
    when one is missing)."""
    sources = caching.stamps(str(DATA / name.format(code=code)) for name in _SOURCES)
    return caching.digest(_CACHE_FORMAT, code.encode(), caching.package_key().encode(),
                          sources)


def cached_lexicon(code: str) -> Lexicon:
    """The vocabulary of ``code``, unpickled from the cache when the cache holds it for
    the same data files, package and Python (built, then cached, otherwise). The cache is
    written atomically (a temporary file renamed) and any failure to read or write it
    falls back to building: a corrupt or stale entry is replaced."""
    folder = caching.cache_dir()
    if folder is None or not code.isalpha():
        return _build(code)
    try:
        path = folder / f"lexicon-{code}-{_cache_key(code)}.pickle"
    except OSError:  # (an unknown language: _build says so)
        return _build(code)
    try:
        if caching.trusted(path):  # a pickle runs code: only the user's own file
            with path.open("rb") as stream:
                cached = pickle.load(stream)
            if isinstance(cached, Lexicon) and cached.code == code:
                return cached
    except Exception:  # missing, corrupt or from another version: rebuilt
        pass
    built = _build(code)
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        caching.write(path, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    return built


def detect_language(text: str, default: str = "en") -> str:
    """``fr`` or ``en``: the language whose frequent words occur most in ``text``.

    Deterministic and fast: it counts the words of each language's ``detect``
    list in the first 20 000 characters; a short text that has none of them
    ("Verkor fournira 1,500 GWh.") is told by the words only one language's list
    of ordinary words holds. Ties go to ``default``.
    """
    words = _WORD.findall(text[:20000].lower())
    best = _most(words, {code: lexicon(code).detect for code in SUPPORTED})
    if best is None:  # (acronyms, "ACC", are names: no vote)
        plain = [w.lower() for w in _WORD.findall(text[:20000]) if not (len(w) > 1 and w.isupper())]
        best = _winner({code: sum(_owns(code, w) for w in plain) for code in SUPPORTED})
    return best or default


def _owns(code: str, word: str) -> bool:
    """Only language ``code`` has ``word`` among its ordinary words, or the word it
    inflects ("fournira": fournir)."""
    return _only(code, word) or any(_only(code, stem) for _, stem in lexicon(code).stems(word))


def _only(code: str, word: str) -> bool:
    """``word`` is an ordinary word of language ``code`` and of no other."""
    return word in common_words(code) and not any(
        word in common_words(other) for other in SUPPORTED if other != code)


def _most(words: list[str], vocabularies: Mapping[str, frozenset[str]]) -> str | None:
    """The language whose vocabulary holds the most of ``words``; None on a tie or none."""
    return _winner({code: sum(1 for w in words if w in vocabulary)
                    for code, vocabulary in vocabularies.items()})


def _winner(scores: Mapping[str, int]) -> str | None:
    """The language of the highest score; None on a tie or when none scored."""
    top = max(scores.values(), default=0)
    winners = [code for code, score in scores.items() if score == top]
    return winners[0] if top and len(winners) == 1 else None


_WORD = patterns.compile(r"[^\W\d_]+")


@functools.cache
def common_words(lang: str) -> Words:
    """The language's ordinary words, lower case (``data/lang/<code>.words.txt``, derived
    from wordfreq by ``tools/derive_common_words.py``: a word a line, sorted, after a header
    of ``#`` lines; no file: no words)."""
    try:
        return Words((DATA / "lang" / f"{lang}.words.txt").read_bytes())
    except FileNotFoundError:
        return Words(b"")


class Words(Collection[str]):
    """A sorted word list, asked word by word (``word in words``) and searched where it
    lies (:func:`battclaims.lines.find`): a set of its 20 000 words took 10 ms to build in
    every run, which asks about a few hundred. Each answer is kept (cleared past 100 000
    words)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.first = 0
        while data.startswith(b"#", self.first):  # the header
            self.first = data.index(b"\n", self.first) + 1
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        known = self.known
        if word in known:
            return known[word]
        if len(known) > 100_000:
            known.clear()
        found = known[word] = bool(word) and lines.find(
            self.data, self.first, word.encode("utf-8", "surrogatepass")) is not None
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.data[self.first:].decode("utf-8").split())

    def __len__(self) -> int:
        return self.data.count(b"\n", self.first)
