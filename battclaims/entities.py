"""Entities: the companies, places and products claims are about.

The default list is ``data/entities.yaml``; users add their own (the claims
database will hold them). Mentions are found by alias, whole words, accents
and case folded (an alias written with capitals must start with a capital in
the text, and an all-capitals alias such as ``ACC`` must match exactly), and
name variants by fuzzy matching (rapidfuzz) of capitalised word runs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from .fuzzy import Names
from .lexicon import ascii_fold, load_data, phrase_key
from .records import record
from .text import END, Token, trie

ORGANISATIONS = frozenset({"company", "organisation", "government"})
PLACES = frozenset({"country", "region", "city", "place"})
FACILITY_PLACES = frozenset({"city", "place", "plant"})
"""Places precise enough to name a plant (not a country or a region)."""
PLACE_RELATION = "plants_in"
"""The relation whose targets are places (the ids of their slugged names), not entities:
where a company has plants."""
FUZZY_CUTOFF = 85
"""rapidfuzz ratio (0-100) above which a capitalised name is taken for an alias."""


@record
class Entity:
    """Something a claim can be about."""

    id: str
    """Stable identifier (``"acc"``)."""
    name: str
    """Display name."""
    kind: str
    """company, government, organisation, country, region, city, plant, product, or
    source (an analyst or statistics office: cited, never a claim's subject), dateline
    (the place a story was filed from: "PARIS (AFP) -")."""
    aliases: Mapping[str, tuple[str, ...]]
    """Names per language code, ``any`` for every language."""
    relations: Mapping[str, Any]
    """Optional relations to other entities (``joint_venture_of: [...]``)."""
    recognised: bool = False
    """Not in the entity list: recognised by the form of its name (see :mod:`.names`)."""

    @property
    def filed_under(self) -> str:
        """The id its figures are filed under: its group's for a unit that is ``part_of``
        one (PowerCo's figures are Volkswagen's, as a brand's are), else its own."""
        group = self.relations.get("part_of")
        if isinstance(group, list) and group:
            group = group[0]
        return str(group) if isinstance(group, str) else self.id

    @property
    def is_organisation(self) -> bool:
        return self.kind in ORGANISATIONS

    @property
    def is_place(self) -> bool:
        return self.kind in PLACES


@record
class Mention:
    """An entity named in a sentence."""

    entity: Entity
    first: int
    """Index of its first token."""
    next: int
    """Index of the token after it."""


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(ascii_fold(w) for w in phrase_key(phrase))


class Entities:
    """A set of entities and the index of their aliases for one language."""

    def __init__(self, entities: Iterable[Entity], lang: str) -> None:
        self.entities = {e.id: e for e in entities}
        self.index: dict[tuple[str, ...], list[tuple[Entity, str]]] = {}
        for entity in self.entities.values():
            for alias in (*entity.aliases.get("any", ()), *entity.aliases.get(lang, ())):
                self.index.setdefault(_key(alias), []).append((entity, alias))
        self.longest = max((len(k) for k in self.index), default=1)
        self.first_words = frozenset(k[0] for k in self.index)
        self.trie: dict[str | None, Any] = trie(self.index)
        """The aliases' keys word by word: all the aliases that start at a token, in one
        walk."""
        self.names = {" ".join(k): k for k in self.index}
        self._nearest: dict[str, str | None] = {}

    @functools.cached_property
    def operators(self) -> dict[str, list[Entity]]:
        """Place id -> the companies with a battery plant there (relation ``plants_in``)."""
        found: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            places = entity.relations.get(PLACE_RELATION) or ()
            for place in places if isinstance(places, list) else [places]:
                found.setdefault(str(place), []).append(entity)
        return found

    def named(self, name: str) -> Entity | None:
        """The entity one of whose aliases is ``name``, if any."""
        found = self.index.get(_key(name))
        return found[0][0] if found else None

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        """Every entity named in a sentence, in order."""
        folded = [ascii_fold(t.low) for t in tokens]
        found: list[Mention] = []
        k, n = 0, len(tokens)
        first_words = self.first_words
        while k < n:
            mention = self.alias_at(tokens, folded, k) if folded[k] in first_words else None
            if mention is None:
                text = tokens[k].text  # (the quick look of fuzzy_at)
                if tokens[k].kind == "word" and len(text) >= 4 and not text.islower():
                    mention = self.fuzzy_at(tokens, k)
            if mention is not None:
                found.append(mention)
                k = mention.next
            else:
                k += 1
        return found

    def alias_at(self, tokens: list[Token], folded: list[str], k: int) -> Mention | None:
        if folded[k] not in self.first_words:
            return None
        node, sizes = self.trie, []
        for m in range(k, min(k + self.longest, len(tokens))):
            node = node.get(folded[m])  # type: ignore[assignment]
            if node is None:
                break
            if END in node:
                sizes.append(m + 1 - k)
        for size in reversed(sizes):  # the longest first
            for entity, alias in self.index[tuple(folded[k : k + size])]:
                if _case_fits(alias, tokens[k].text):
                    return Mention(entity, k, k + size)
        return None

    def fuzzy_at(self, tokens: list[Token], k: int) -> Mention | None:
        """A capitalised run that is a variant of an alias: "Envision-AESC"."""
        token = tokens[k]
        if token.kind != "word" or token.text.islower() or len(token.text) < 4:
            return None
        if k > 0 and tokens[k - 1].kind == "word" and not tokens[k - 1].text.islower():
            return None  # only at the start of a run
        end = k + 1
        while end < len(tokens) and end < k + 3 and tokens[end].kind == "word" and (
            not tokens[end].text.islower()
        ):
            end += 1
        for stop in range(end, k, -1):
            query = " ".join(ascii_fold(tokens[m].low).replace("-", " ") for m in range(k, stop))
            best = self.nearest_name(query)
            if best is not None:
                entity, _alias = self.index[self.names[best]][0]
                return Mention(entity, k, stop)
        return None

    def nearest_name(self, query: str) -> str | None:
        """The alias (folded, spaced) nearest ``query`` by rapidfuzz's ratio, if it is close
        enough (:class:`battclaims.fuzzy.Names`: most queries are near no alias and need
        no scoring); each query is looked up once per index."""
        try:
            return self._nearest[query]
        except KeyError:
            pass
        if len(self._nearest) > 100_000:
            self._nearest.clear()
        found = self._nearest[query] = self.fuzzy_names.nearest(query, FUZZY_CUTOFF)
        return found

    @functools.cached_property
    def fuzzy_names(self) -> Names:
        """The aliases (folded, spaced), indexed for :meth:`nearest_name`."""
        return Names(self.names)


def _case_fits(alias: str, written: str) -> bool:
    if alias.split()[0].isupper() and len(alias) > 1:  # "ACC", "AESC": exact case
        return written.isupper()
    if alias[:1].isupper():
        return written[:1].isupper()
    return True


def entity_from(spec: Mapping[str, Any]) -> Entity:
    """An entity from its data-file mapping."""
    return Entity(
        id=str(spec["id"]),
        name=str(spec.get("name", spec["id"])),
        kind=str(spec.get("kind", "organisation")),
        aliases={lang: tuple(names) for lang, names in spec.get("aliases", {}).items()},
        relations=dict(spec.get("relations", {})),
    )


@functools.cache
def entity_data() -> Mapping[str, Any]:
    """``data/entities.yaml``, parsed once: the entities and the word lists of names."""
    data: Mapping[str, Any] = load_data("entities.yaml")
    return data


def default_entities() -> list[Entity]:
    """The entities shipped with battclaims."""
    return [entity_from(spec) for spec in entity_data()["entities"]]


@functools.cache
def default_index(lang: str) -> Entities:
    """The shipped entities, indexed for one language."""
    return Entities(default_entities(), lang)
