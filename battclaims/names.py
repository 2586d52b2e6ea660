"""Names outside the entity list: organisations, places and people recognised by form.

An organisation nobody entered in ``entities.yaml`` still gets a subject: a run of
capitalised words that is not an ordinary word ("ProLogium", "Samsung SDI", "LG Energy
Solution", "FREYR"), an acronym, a camel-case name, or a name with a company suffix
("Britishvolt Ltd", "Freyr Battery SA"). Its id is its folded name, so two texts that
name it meet without anyone editing a file (``"lg-energy-solution"``).

A name is a **place** when it follows a locative word of the language ("à", "in",
"near") or is in the place list derived from pycountry and GeoNames
(``data/places.txt``, see ``tools/derive_places.py``); a **person** when a title
stands before it ("M.", "CEO", "minister"). Neither is ever a claim's owner when an
organisation is named. Not names: the language's ``not_names`` (``EV``, ``French``),
its stopwords, months and unit words, a sentence's first word unless the document
also writes it capitalised elsewhere, and in a headline written in title case only
acronyms and words the document capitalises elsewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable

from . import fuzzy, lines, patterns
from .entities import Entity, Mention, entity_data
from .lexicon import Lexicon, ascii_fold, common_words, lexicon, phrase_key
from .package_data import DATA
from .text import Token, TokenWindow

_ENTITY_DATA = entity_data()
ORGANISATION_SUFFIXES = frozenset(
    ascii_fold(s).lower() for s in _ENTITY_DATA.get("organisation_suffixes", ())
)
ORGANISATION_WORDS = frozenset(
    ascii_fold(s).lower() for s in _ENTITY_DATA.get("organisation_words", ())
)
ACRONYM_SKIPS = frozenset(ascii_fold(s).lower() for s in _ENTITY_DATA.get("acronym_skips", ()))
_SLUG = patterns.compile(r"[^a-z0-9]+")


class Places:
    """Folded place names (countries, regions, cities) with their canonical name, kind and
    country, from ``data/places.txt`` ("hongrie" -> ("Hungary", "country")). The file is
    sorted by name and searched where it lies, as bytes (:func:`battclaims.lines.find`):
    no table of its 66 000 rows is built, which took a quarter of a second on every run,
    and only the row found is decoded (decoding the 2 MB file took 20 ms). UTF-8 keeps
    the order of code points, so the bytes are in the order of the names."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.first = data.index(b"\n") + 1  # past the header
        self.known: dict[str, tuple[str, str, str | None] | None] = {}
        """The rows looked up so far (a name is often looked up again: cleared past
        100 000 names)."""

    def row(self, name: str) -> tuple[str, str, str | None] | None:
        """``(canonical, kind, country)`` of a folded name, or None."""
        known = self.known
        if name in known:
            return known[name]
        if len(known) > 100_000:
            known.clear()
        found = known[name] = self.search(name)
        return found

    def search(self, name: str) -> tuple[str, str, str | None] | None:
        """The row of a folded name, searched for in the file's bytes (a lone surrogate,
        from undecodable input, is encoded in its place in the order and matches no row)."""
        data = self.data
        start = lines.find(data, self.first, name.encode("utf-8", "surrogatepass"), b"\t")
        if start is None:
            return None
        end = data.find(b"\n", start)
        _key, kind, canonical, *country = data[start:end if end >= 0 else len(data)
                                               ].decode("utf-8").split("\t")
        return canonical, kind, country[0] if country else None

    def get(self, name: str, default: tuple[str, str] | None = None
            ) -> tuple[str, str] | None:
        """``(canonical, kind)`` of a folded name, or ``default``."""
        row = self.row(name)
        return default if row is None else (row[0], row[1])

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.row(name) is not None


@functools.cache
def places() -> Places:
    """The place names of ``data/places.txt`` (see :class:`Places`)."""
    return Places((DATA / "places.txt").read_bytes())


def place_kind(name: str) -> str | None:
    """The kind of a place by its name (``country``, ``region``, ``city``), or None."""
    row = places().row(fold_name(name.split("(")[0]))
    return row[1] if row is not None else None


def country_of(name: str) -> str | None:
    """The country a place is in, by its canonical name ("Kaiserslautern" -> "Germany",
    "Hongrie" -> "Hungary"); None when the place is unknown."""
    row = places().row(fold_name(name.split("(")[0]))
    if row is None:
        return None
    canonical, kind, country = row
    return canonical if kind == "country" else country


def place_entity(name: str) -> Entity:
    """A place by its canonical name ("Hungary"), as a recognised entity."""
    canonical, kind = places().get(fold_name(name)) or (name, "place")
    return Entity(id=slug(canonical), name=canonical, kind=kind, aliases={}, relations={},
                  recognised=True)


def fold_name(name: str) -> str:
    """``"Skellefteå"`` -> ``"skelleftea"``: how names are compared."""
    return " ".join(ascii_fold(name).lower().replace("-", " ").replace("’", "'").split())


def slug(name: str) -> str:
    """The id of a recognised name: folded, legal suffixes dropped (``"lg-energy-solution"``)."""
    words = fold_name(name).split()
    while len(words) > 1 and words[-1].strip(".") in ORGANISATION_SUFFIXES:
        words.pop()
    return _SLUG.sub("-", " ".join(words)).strip("-")


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return token.kind == "word" and text[:1].isupper()


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def initials_of(short: str, long_: str) -> bool:
    """Whether ``short`` is an acronym of ``long_``: "ACC" of "Automotive Cells Company",
    "LGES" of "LG Energy Solution" (a short word counts whole)."""
    letters = "".join(c for c in short if c.isalnum()).lower()
    words = [w for w in fold_name(long_).replace("'", " ").split() if w not in ACRONYM_SKIPS]
    if len(letters) < 2 or len(words) < 2:
        return False
    return letters in ("".join(w[0] for w in words),
                       "".join(w if len(w) <= 3 else w[0] for w in words))


def _is_camel(text: str) -> bool:
    """"ProLogium", "PowerCo" (not "Billy-Berclau": each part of a hyphenated name counts)."""
    return any(any(c.isupper() for c in part[1:]) and any(c.islower() for c in part)
               for part in text.split("-"))


_CAPITAL = r"[^\x00-@\[-\xbf\xd7\xdf-\xff](?<=[^\W\d_])"
"""A pattern of one letter that may start a capitalised word: a capital of ASCII or Latin-1
(``A-Z``, ``À-Ö``, ``Ø-Þ``) or any letter beyond Latin-1 (there the exact test,
:meth:`str.isupper`, follows in Python). A pattern that starts with it is searched for by
the regular-expression engine's quick scan of one character class, so the scans of a whole
document (:func:`capitalised_words`, :func:`surnames`) stop at capitalised words only, not
at every word of French or English text. (A class of every capital of Unicode took 15 ms to
build and compile on every run; this one, negated so that its ranges stay within Latin-1,
compiles in a millisecond, and scans news as fast.)"""


_INNER_CAPITAL = patterns.compile(_CAPITAL + r"(?:(?<=[^\W_] .)|(?<=[,;)] .))"
                                  r"[^\W\d_]*(?:[-‐‑][^\W\d_]+)*")
"""A word after a letter and a space, or after ``,``, ``;`` or ``)`` and a space, that
starts with a capital (see :data:`_CAPITAL`)."""


_WORD_START = patterns.compile(r"(?<![^\W\d_])[^\W\d_]")
"""The first letter of each word (a run of letters)."""


def capitalised_words(text: str) -> set[str]:
    """The words a text writes capitalised after a lower-case word or a comma, that is
    not at the start of a sentence: what tells a name from a sentence's first word.
    Lines written in title case ("France Slashes Electric Vehicle Subsidies") say nothing."""
    found: set[str] = set()
    for line in text.splitlines():
        capitals = [m.group(0) for m in _INNER_CAPITAL.finditer(line) if m.group(0)[:1].isupper()]
        if not capitals:
            continue
        starts = _WORD_START.findall(line)  # (their case counted in C, not word by word)
        if len(starts) >= 4 and sum(map(str.isupper, starts)) >= 0.6 * len(starts):
            continue
        found.update(capitals)
    return found


def organisation_heads(text: str, lex: Lexicon) -> set[str]:
    """The first words of the organisations a text names with a word of organisations'
    names after them ("Tata Group", "Panasonic Energy"), folded: the same word alone
    elsewhere in the text ("Tata Confirms…") is that organisation, not a town."""
    found = set()
    for match in _NAME_PAIR.finditer(text):
        head = ascii_fold(match.group(0) + match.group(1)).lower()
        tail = ascii_fold(match.group(2)).lower()
        if (tail in ORGANISATION_WORDS or tail in ORGANISATION_SUFFIXES) and (
                head not in ORGANISATION_WORDS) and tail not in lex.facility_nouns:
            found.add(head)  # (not "Berlin Gigafactory": a plant's place)
    return found


_NAME_PAIR = patterns.compile(r"[A-Z](?<!\w[A-Z])(?=([^\W\d_]+) ([A-Z][^\W\d_]+)\b)")
"""Two capitalised words in a row: the first one's capital at a word's start (the match,
so that the engine's quick scan for a capital finds it), the rest of it, the second word
(overlapping: "Tata Motors Group" holds two pairs)."""


_FULL_NAME = patterns.compile("(" + _CAPITAL + r"(?<!\w.)[^\W\d_'’-]+)(?= ("
                              + _CAPITAL + r"[^\W\d_'’-]+)\b)")
"""Two capitalised words in a row, the first at a word's start (overlapping, since only
the first word is consumed: "Président Emmanuel Macron" holds two pairs)."""


def surnames(text: str, lang: str) -> set[str]:
    """The last names of the people a text names in full ("Emmanuel Macron", "Olivier
    Dufour"): two capitalised words, neither an ordinary word, a place, nor a word of
    organisations' names, or any two after a person's title ("le président français
    Emmanuel Macron"). An earlier or later "Macron" alone is that person, not a company."""
    found = set()
    common = common_words(lang)
    titles = lexicon(lang).person_titles
    sizes = {len(t) for t in titles}
    for match in _FULL_NAME.finditer(text):
        first, last = match.group(1), match.group(2)
        if not (first[:1].isupper() and last[:1].isupper()) or first.isupper() or last.isupper():
            continue
        if last in found:
            continue  # (found already: the tests below would add it once more)
        words = (first.lower(), last.lower())
        if any(w in common or ascii_fold(w) in ORGANISATION_WORDS for w in words):
            before = phrase_key(text[max(0, match.start() - 40) : match.start()])[-4:]
            if not any(before[k : k + size] in titles for size in sizes
                       for k in range(len(before) - size + 1)):
                continue  # (a famous name is an ordinary word, but not after "le président")
        if fold_name(last) in places() or fold_name(f"{first} {last}") in places():
            continue
        found.add(last)
    return found


_NEVER, _STRONG, _UNCOMMON, _ORDINARY = range(4)
"""What a capitalised word is, whatever its place (:func:`_verdict`): never part of a
name; a name at any place (an acronym, a camel-case name); a word that is not an ordinary
word of the language (or a place); an ordinary word (a name only where a sentence does
not start, or in a document that capitalises it elsewhere)."""


def _verdict(token: Token, lex: Lexicon) -> int:
    """What a capitalised word is, whatever its place in the sentence (see :data:`_NEVER`);
    a function of its text only (its folded text is the text folded), worked out once per
    word and language (:func:`_verdicts`)."""
    text, low = token.text, token.low
    if low.endswith("'") or low in lex.scales or low in lex.vague:
        return _NEVER  # an elided article ("L'usine"), "MILLIARDS de roubles"
    if "-" in text and text.rsplit("-", 1)[1].islower():
        return _NEVER  # an adjective: "Chinese-owned", "Stellantis-backed"
    common = common_words(lex.code)
    if text.isupper() and len(low) > 5 and low in common:
        return _NEVER  # a shouted word, not an acronym
    strong = _is_acronym(text) or _is_camel(text)
    if (low in lex.not_names or low in lex.stopwords or low in lex.months
            or (low in lex.number_words and not strong)):
        return _NEVER
    if text in lex.symbols or (low,) in lex.units or (lex.singular(low),) in lex.units:
        return _NEVER  # a unit or currency written in capitals ("GWh", "Gigawatt-hours")
    if strong:
        return _STRONG
    ordinary = low in common or lex.singular(low) in common or (
        "-" in low and all(part in common for part in low.split("-"))  # "Sodium-Ion"
    ) or lex.singular(low) in lex.vocabulary or any(
        stem in common for _, stem in lex.stems(low))  # "Carmakers", "Steepest"
    return _UNCOMMON if not ordinary or fold_name(low) in places() else _ORDINARY


_VERDICTS: dict[int, tuple[Lexicon, dict[str, int]]] = {}
"""The verdicts of each language's words so far, by the lexicon's id."""


def _verdicts(lex: Lexicon) -> dict[str, int]:
    """The verdicts (:func:`_verdict`) of ``lex``'s words so far, by text (bounded: cleared
    past 100 000 words)."""
    entry = _VERDICTS.get(id(lex))
    if entry is None or entry[0] is not lex:
        if len(_VERDICTS) > 16:
            _VERDICTS.clear()
        entry = _VERDICTS[id(lex)] = (lex, {})
    if len(entry[1]) > 100_000:
        entry[1].clear()
    return entry[1]


_OPENING_QUOTES = frozenset("«“\"‘'")
_CLOSING_QUOTES = frozenset("»”\"’'")


class NameFinder(TokenWindow):
    """Finds the names of one sentence that the entity list does not know."""

    def __init__(self, tokens: list[Token], lex: Lexicon, document_capitals: set[str],
                 taken: Iterable[Mention], people: set[str] | None = None,
                 sites: Collection[str] = frozenset(),
                 heads: Collection[str] = frozenset()) -> None:
        super().__init__(tokens, max(4, lex.max_phrase))
        self.lex = lex
        self.sites = sites
        """Ids of the places the entity list knows plants in ("billy-berclau"): towns too
        small for the place list are still places."""
        self.heads = heads
        """The first words of organisations named in full in the document (see
        :func:`organisation_heads`)."""
        self.capitals = document_capitals
        self.verdicts = _verdicts(lex)
        self.people = people or set()
        self.taken = {k for m in taken for k in range(m.first, m.next)}
        self.known_ends = {m.next for m in taken}

    @functools.cached_property
    def title_case(self) -> bool:
        """The sentence is written in title case (a headline): most of its words, and at
        least four, capitalised (worked out when a capitalised word asks)."""
        words = [t for t in self.t if t.kind == "word"]
        capital = sum(1 for t in words if t.text[:1].isupper())
        return len(words) >= 4 and capital >= 0.6 * len(words)

    @functools.cached_property
    def first_word(self) -> int:
        """The index of the sentence's first word (-1: none)."""
        return next((k for k, t in enumerate(self.t) if t.kind == "word"), -1)

    def name_word(self, k: int, weak: bool = False) -> bool:
        """Whether token k may be part of a name (``weak``: a sentence's first word that
        may start a name of several words, "Samsung SDI")."""
        if k in self.taken or not (0 <= k < self.n):
            return False
        token = self.t[k]
        if not _is_capitalised(token):
            return False
        verdict = self.verdicts.get(token.text)
        if verdict is None:
            verdict = self.verdicts[token.text] = _verdict(token, self.lex)
        if verdict == _NEVER:
            return False
        if verdict == _STRONG:
            return True
        if self.title_case or k == self.first_word or self.after_opening(k):
            return (token.text in self.capitals or verdict == _UNCOMMON
                    or (weak and not self.title_case))  # ("Kansas won the plant")
        return True

    def after_opening(self, k: int) -> bool:
        """The first word after an opening quote, a colon or a dash: a new sentence start."""
        return k > 0 and self.t[k - 1].kind == "sym" and self.t[k - 1].text in "«“\"‘':—–("

    def names(self) -> list[Mention]:
        found: list[Mention] = []
        done = 0  # (the tokens before it are read)
        for k in self.may_start():
            if k < done or not (self.name_word(k) or (self.name_word(k, weak=True)
                                                      and self.name_word(k + 1))):
                continue
            end = k + 1
            while end < self.n and (self.name_word(end) or self.org_word(end) or (
                    self.t[end].text in "&'’" and self.name_word(end + 1))):
                end += 1 if (self.name_word(end) or self.org_word(end)) else 2
            while (self.low(end) in self.lex.of and end + 1 < self.n  # "Caroline du Nord":
                   and _is_capitalised(self.t[end + 1])                 # one place
                   and fold_name(self.text(k, end + 2)) in places()):
                end += 2
            first = self.extend_back(k, end)
            if self.quoted_title(first, end):
                done = end  # "la zone « Grandes Industries »": a thing's name, not who acts
                continue
            if k not in self.known_ends and not self.common_noun(first, end) and not (
                    end - first == 1 and (ascii_fold(self.t[first].low) in ORGANISATION_WORDS
                                          or len(self.t[first].text) == 1)):
                # (not "Energy" alone, from "the Department of Energy"; nor the letter of
                # "Model Y")
                found.extend(self.split(first, end))  # (not "Northvolt AB": the known name's)
            done = end
        return found

    def may_start(self) -> list[int]:
        """The tokens a name may start at, in order: capitalised words not in a known
        name (what :meth:`name_word` says at once, whether weak or not; in one pass)."""
        taken = self.taken
        return [k for k, token in enumerate(self.t)
                if token.kind == "word" and token.text[:1].isupper() and k not in taken]

    def quoted_title(self, first: int, end: int) -> bool:
        """A name in quotes right after a common noun: "la zone « Grandes Industries »",
        "the programme “Battery Valley”" — what the noun is called, not an organisation."""
        return (first >= 2 and end < self.n and self.t[first - 1].text in _OPENING_QUOTES
                and self.t[end].text in _CLOSING_QUOTES
                and self.t[first - 2].kind == "word" and self.t[first - 2].text.islower()
                and self.low(first - 2) not in self.lex.determiners)

    def org_word(self, k: int) -> bool:
        """In a headline in title case, "Energy Solution" goes on "LG": a capitalised word
        of organisations' names continues a name already started."""
        return (self.title_case and 0 <= k < self.n and k not in self.taken
                and _is_capitalised(self.t[k]) and ascii_fold(self.t[k].low) in ORGANISATION_WORDS)

    def extend_back(self, first: int, end: int) -> int:
        """An organisation's name may start with an adjective of nationality: "European
        Investment Bank", "French Automobile Manufacturers' Association"."""
        words = {ascii_fold(self.t[m].low) for m in range(first, end)}
        if not words & ORGANISATION_WORDS:
            return first
        while (first > 0 and _is_capitalised(self.t[first - 1])
               and self.t[first - 1].low in self.lex.not_names
               and self.t[first - 1].low not in self.lex.stopwords
               and first - 1 not in self.taken):
            first -= 1
        return first

    def text(self, first: int, end: int) -> str:
        """Tokens ``first:end`` as written, one space where the text has any."""
        out = self.t[first].text
        for m in range(first + 1, end):
            out += (" " if self.t[m].start > self.t[m - 1].end else "") + self.t[m].text
        return out

    def common_noun(self, first: int, end: int) -> bool:
        """One ordinary word after an article: "dans le Parc industriel" is no name."""
        token = self.t[first]
        return (end - first == 1 and not _is_acronym(token.text) and not _is_camel(token.text)
                and self.low(first - 1) in self.lex.determiners
                and token.low in common_words(self.lex.code)
                and fold_name(token.text) not in places())  # but "la Hongrie" is a place

    def split(self, first: int, end: int) -> list[Mention]:
        """A run ending in a place is a name and its place: "LGES Wroclaw", "Giga Berlin"."""
        head = [self.t[m].text for m in range(first, end - 1)]
        if not any(_is_acronym(w) or _is_camel(w) or ascii_fold(w).lower() in ORGANISATION_WORDS
                   for w in head):
            return [Mention(self.entity(first, end), first, end)]  # not "Yann Vincent"
        for cut in range(first + 1, end):
            tail = self.text(cut, end)
            if fold_name(tail) in places():
                return [Mention(self.entity(first, cut), first, cut),
                        Mention(self.entity(cut, end), cut, end)]
        return [Mention(self.entity(first, end), first, end)]

    def entity(self, first: int, end: int) -> Entity:
        words = [self.t[m].text for m in range(first, end) if self.t[m].kind == "word"]
        text = self.text(first, end)
        folded = [ascii_fold(w).lower() for w in words]
        strong = any(_is_acronym(w) or _is_camel(w) for w in words)
        organisation = strong or any(w.strip(".") in ORGANISATION_SUFFIXES
                                     or w in ORGANISATION_WORDS for w in folded) or (
            len(folded) == 1 and folded[0] in self.heads)  # "Tata" after "Tata Group"
        place = places().get(fold_name(text))
        kind = "organisation"
        if place is not None and text.isupper():  # a dateline: "PARIS (AFP) -", where the
            text, kind = place[0], "dateline"      # news was written, not what it is about
        elif (end < self.n and self.t[end].kind == "num" and len(self.t[end].text) <= 2
              and self.t[end].start == self.t[end - 1].end + 1 and not (
                  end + 1 < self.n and self.t[end + 1].kind == "num")) or (
                len(words) >= 2 and len(words[-1]) == 1):
            kind = "product"  # a model and its number or letter: "l'Atto 3", "Model Y"
        elif organisation:
            kind = "organisation"
        elif (self.phrase_before(first, self.lex.person_titles) is not None
              or (self.low(first - 1) == "." and self.phrase_before(
                  first - 1, self.lex.person_titles) is not None)
              or (len(words) == 1 and words[0] in self.people)):
            kind = "person"
        elif place is not None:
            text, kind = place
        elif slug(text) in self.sites or (self.low(end) == "," and (
                self.low(end + 1),) in self.lex.place_relatives):
            kind = "city"  # a known plant's town; "Billy-Berclau, où travaillent…"
        elif self.phrase_before(self.back_over(self.lex.determiners, first),
                                self.lex.locatives) is not None or (
                self.low(first - 1) in self.lex.possessives
                and self.low(end) in self.lex.facility_nouns):
            kind = "place"  # "à Douvrin", "its Billy-Berclau factory"
        elif 2 <= len(words) <= 3:  # "Emmanuel Macron": two or three plain capitalised words
            kind = "person"
        ident = text
        if (kind == "organisation" and len(words) >= 2 and len(words[0]) >= 4
                and all(w in ORGANISATION_WORDS for w in folded[1:])):
            ident = words[0]  # "Panasonic Energy", "FREYR Battery": the company's own name
        return Entity(id=slug(ident), name=text, kind=kind, aliases={}, relations={},
                      recognised=True)


SPELLING = 85
"""rapidfuzz ratio (0-100) from which two names are spellings of one ("Stellant")."""


@functools.lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Whether two names are one organisation's: acronym, prefix or spelling variant."""
    fa, fb = _name_words(a), _name_words(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    if len(short) == 1 and len(long_) > 1:
        if short[0] == long_[0]:
            return True  # "Freyr" / "Freyr Battery"
        if initials_of(short[0], " ".join(long_)):
            return True  # "ACC" / "Automotive Cells Company", "LGES" / "LG Energy Solution"
    return fuzzy.reaches(" ".join(fa), " ".join(fb), SPELLING)


def compound_of(short: str, long_: str) -> bool:
    """``long_`` starts with ``short`` and goes on with a name of its own: "Gotion InoBat
    Batteries" is the venture of Gotion and InoBat, not Gotion (but "Freyr Battery" is
    Freyr)."""
    fs, fl = _name_words(short), _name_words(long_)
    if len(fs) != 1 or len(fl) < 2 or fl[0] != fs[0]:
        return False
    return any(w not in ORGANISATION_WORDS and w not in ORGANISATION_SUFFIXES for w in fl[1:])


@functools.lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    text = ascii_fold(name).lower()
    text = "".join(c if c.isalnum() else " " for c in text.split("(")[0])
    return tuple(text.split())
