"""What a claim is about: its subject, where that came from, its plant and its scope.

In one sentence (:class:`SentenceSubjects`), a figure's subject is, in this order:

- the antecedent of its relative clause ("TotalEnergies, qui détient 33 %");
- an organisation in the possessive right before it ("Freyr's 120K sqm factory"), the
  agent of a passive ("owned by Stellantis");
- the first organisation of its clause before it that is not an object ("à Renault"),
  a complement ("X, in which Y holds 35 %" gives the 35 % to Y) nor a modifier ("a
  Tesla supplier"); else the nearest before it, outside asides; an organisation
  opening a later clause;
- then the context (:class:`DocumentContext`): the agent of the paragraph's latest
  sentence, else its last organisation, else the topic (the organisations of the
  title, then of the lead);
- then an organisation after it, even an object; last a place — a country or region,
  a city named before the figure, a place named by an adjective ("le marché français").

A place is never preferred to an owner; a country, region or city acts only as the
agent of its clause ("L'État accordera…") or by its government. Anaphors ("the
company", "l'entreprise", "the plant", "sa gigafactory") stand for the agent of the
latest sentence that had one (a plant's for its owner and its place). People and
sources (analysts, agencies; names after "selon", "according to") are never subjects.

``subject_source`` says whether the subject was named in the sentence (``text``) or
came from the ``context``; ``subject_via`` how. Scope: a company-wide marker in the
clause ("au total", "across its plants") makes the figure ``company``-wide; a facility
(a city-level place named with the plant) makes it a ``plant`` figure. A plant figure
and a company total are different facts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import field, replace

from .entities import FACILITY_PLACES, Entity, Mention
from .lexicon import Lexicon
from .names import country_of, fold_name, place_entity, places, slug
from .records import record
from .text import Token, TokenWindow, lows, positions

PLACE_ONLY = "the only place named in the sentence"
"""``subject_via`` of a subject taken from a sentence that names no organisation: weak
evidence (the figure may be a company's plant there)."""
TOPIC = "from the title or lead"
"""``subject_via`` of an organisation taken from the title or the lead."""
TITLE_PLACE = "the place of the title or lead"
"""``subject_via`` of a country or region taken from the title: weak evidence too."""
WEAK = frozenset({PLACE_ONLY, TITLE_PLACE})
BROAD = frozenset({"country", "region"})


@record
class Anaphor:
    """A phrase that refers back to an entity ("the company"), and what it stands for."""

    first: int
    next: int
    kind: str
    """company, plant, government or place."""
    words: str
    entity: Entity | None
    """The entity it resolves to (for a plant: its owner), or None."""
    place: Entity | None = None
    """For a plant: the place of the plant named last."""


@record
class About:
    """A claim's subject, facility and scope, with where each came from."""

    subject: Entity | None = None
    source: str | None = None
    """``text`` (named in the sentence) or ``context`` (the page or paragraph)."""
    via: str = ""
    """How it was found, for explanations ("from the title", "'the company'")."""
    facility: Entity | None = None
    scope: str | None = None
    """``company`` (a company-wide figure), ``plant`` (one plant's) or None."""
    partners: tuple[str, ...] = ()
    """Ids of the organisations acting with the subject (a joint project's partners)."""


@record(frozen=False)
class DocumentContext:
    """What the title and the earlier sentences named, for claims that name nothing."""

    topic: list[Entity] = field(default_factory=list)
    """Organisations of the title, then of the lead (the first paragraph)."""
    topic_places: list[Entity] = field(default_factory=list)
    paragraph: list[Entity] = field(default_factory=list)
    agents: list[Entity] = field(default_factory=list)
    """The agent of each earlier sentence of the paragraph that has one."""
    last_agent: Entity | None = None
    """The agent of the last sentence that had one, in any paragraph."""
    recent: list[Entity] = field(default_factory=list)
    """Every entity named so far, in order (the last 64)."""
    last_facility: Entity | None = None
    """The plant's place of the latest figure that had one."""
    operators: Mapping[str, list[Entity]] = field(default_factory=dict)
    """Place id -> the companies with a plant there (the entity list's ``plants_in``)."""

    def operator_of(self, place: Entity) -> Entity | None:
        """The one company known to have a plant at ``place`` ("Douai": Envision AESC), or
        None (none known, or several: Dunkirk has Verkor's and ProLogium's)."""
        main, _, other = place.name.partition("(")
        keys = dict.fromkeys([place.id, slug(main), *(slug(n) for n in other.rstrip(")")
                                                     .split(",") if n.strip())])
        found = {e.id: e for key in keys for e in self.operators.get(key, ())}
        return next(iter(found.values())) if len(found) == 1 else None

    def new_paragraph(self) -> None:
        self.paragraph = []
        self.agents = []

    def add(self, entities: list[Entity], *, topical: bool = False,
            agent: Entity | None = None) -> None:
        for entity in entities:
            if entity.kind == "person":
                continue
            self.paragraph.append(entity)
            self.recent.append(entity)
            if topical:
                if entity.is_organisation and entity not in self.topic:
                    self.topic.append(entity)
                    self.topic.sort(key=lambda e: e.recognised)  # listed entities first
                elif entity.is_place and entity not in self.topic_places:
                    self.topic_places.append(entity)
        del self.recent[:-64]
        if agent is not None:
            self.agents.append(agent)
            self.last_agent = agent
            if topical and agent.is_organisation and agent not in self.topic:
                self.topic.insert(0, agent)

    def last(self, accept: Callable[[Entity], bool]) -> Entity | None:
        return next((e for e in reversed(self.recent) if accept(e)), None)

    def last_company(self) -> Entity | None:
        """What "the company" stands for: the agent of the latest sentence that had one
        (not a customer or shareholder named on the way), else the last organisation."""
        agent = self.last_agent
        if agent is not None and agent.is_organisation and agent.kind != "government":
            return agent
        return self.last(lambda e: e.is_organisation and e.kind != "government")

    def subject(self, market: bool = False) -> About:
        """The subject of a claim whose sentence names none: the agent of the paragraph's
        latest sentence, else its last organisation, else the topic (for a ``market``
        measure, the topic's country or region before its organisations)."""
        if self.agents and self.agents[-1].is_organisation:
            return About(self.agents[-1], "context", "named earlier in the paragraph")
        organisation = next((e for e in reversed(self.paragraph) if e.is_organisation), None)
        if organisation is not None:
            return About(organisation, "context", "named earlier in the paragraph")
        broad = [e for e in self.topic_places if e.kind not in FACILITY_PLACES]
        if self.topic and not (market and broad):
            return About(self.topic[0], "context", TOPIC)
        if broad:
            return About(broad[0], "context", TITLE_PLACE)
        return About()

    def facility(self) -> Entity | None:
        """The plant's place named last (for "the plant", "l'usine"): the facility of an
        earlier figure, else the last city named."""
        return self.last_facility or self.last(lambda e: e.kind in FACILITY_PLACES)


class SentenceSubjects(TokenWindow):
    """Subjects, facilities and scopes for the figures of one sentence."""

    def __init__(self, tokens: list[Token], lex: Lexicon, mentions: list[Mention],
                 context: DocumentContext, clause_of: list[int],
                 relative_commas: dict[int, int], adjectives: list[Mention] | None = None,
                 relative_clauses: set[int] | None = None,
                 figures: list[tuple[int, int]] | None = None) -> None:
        super().__init__(tokens, max(lex.max_phrase, 6))
        self.figures = figures or []
        """The token spans of the sentence's figures (a scope marker is its nearest's)."""
        self.lex = lex
        self.mentions = mentions
        self.adjectives = adjectives or []
        """Places named by an adjective ("le marché français"): subjects of last resort."""
        self.context = context
        self.clause_of = clause_of
        self.relative_commas = relative_commas
        self.relative_clauses = relative_clauses or set()
        """Clauses opened by a relative pronoun ("dont Renault détient 20 %")."""
        self.government_words = lex.government_words
        self.cited_at: dict[int, bool] = {}
        """Whether the name starting at a token is a source (:meth:`cited`), once known."""
        self.anaphors = self.find_anaphors()

    # --- reading the sentence -------------------------------------------------------------

    def find_anaphors(self) -> list[Anaphor]:
        taken = {k for m in self.mentions for k in range(m.first, m.next)}
        found: list[Anaphor] = []
        k = 0
        lex, tokens = self.lex, self.t
        starts, possessives, demonyms = lex.anaphor_starts, lex.possessives, lex.demonyms
        n = self.n
        while k < n:
            low = tokens[k].low
            if k in taken or not (low in starts or low in possessives or (
                    k + 1 < n and tokens[k + 1].low in demonyms)):
                k += 1  # (what the look-ups below look at first)
                continue
            hit = (self.phrase_after(k, self.lex.anaphors)
                   if self.t[k].low in self.lex.anaphor_starts else None)
            if hit is not None and any(  # "il y a", "y compris": no one
                    (idiom := self.phrase_after(j, self.lex.not_anaphors)) and idiom[0] > k
                    for j in range(max(k - 2, 0), k + 1)):
                hit = None
            kind = self.lex.anaphors[hit[1]] if hit else None
            end = hit[0] if hit else k
            if hit is None and self.low(k + 1) in self.lex.demonyms:  # "the German automaker"
                key = (self.low(k), *self.words(k + 2, k + 2 + self.longest))
                for size in range(len(key), 1, -1):
                    if key[:size] in self.lex.anaphors:
                        kind, end = self.lex.anaphors[key[:size]], k + size + 1
                        break
            if hit is None and self.low(k) in self.lex.possessives:
                noun = next((m for m in range(k + 1, min(k + 4, self.n))
                             if self.low(m) in self.lex.facility_nouns), None)
                if noun is not None:
                    kind, end = "plant", noun + 1
            if kind is None:
                k += 1
                continue
            # not "l'usine d'ACC", "l'entreprise taïwanaise ProLogium": the name's
            gap = 2 if self.lex.noun_head == "first" else 1  # French adjectives follow
            if not any(end <= m.first <= end + gap and all(
                    self.low(j) in self.lex.of or (
                        self.lex.noun_head == "first" and self.t[j].kind == "word"
                        and self.t[j].text.islower())
                    for j in range(end, m.first)) for m in self.mentions):
                country = self.lex.demonyms.get(self.low(k + 1)) or self.lex.demonyms.get(
                    self.low(end))  # "the German site", "l'usine allemande"
                found.append(self.resolve(k, end, kind, country))
            k = end
        return found

    @functools.cached_property
    def bracketed(self) -> set[int]:
        """The tokens inside round brackets (worked out when a figure's subject asks: a
        sentence without figures never does)."""
        inside: set[int] = set()
        depth = 0
        for k, token in enumerate(self.t):
            if token.text == ")":
                depth = max(depth - 1, 0)
            elif depth:
                inside.add(k)
            if token.text == "(":
                depth += 1
        return inside

    @functools.cached_property
    def joint(self) -> tuple[Entity, tuple[str, ...]] | None:
        """The joint venture of the organisations the sentence names together as its
        agent, and their ids (worked out when asked: it reads the sentence only).

        Companies named together as the agent act as one joint venture: "Stellantis and
        CATL announce a plant", "Stellantis et le géant chinois CATL créent…", "Stellantis
        s'allie à CATL". The venture is the organisation named right after a joint marker
        ("join forces in Ionway"), else an unnamed one ("Stellantis-CATL JV") when the
        sentence names no other organisation ("A, B and C are shareholders of ACC"). Not
        when each acts alone ("respectively", "chacun")."""
        companies = [m for m in self.mentions
                     if m.entity.is_organisation and m.entity.kind != "government"]
        for m in companies:
            if self.cited(m) or self.is_object(m.first) or self.governed(m.first) or (
                    self.modifies(m)):
                continue
            members = [m]
            k = m.next
            joined = False  # by a word: "A, B and C", not "A, B's backer,"
            while True:
                if self.joins(k):  # "A, B and C"; "A et le géant chinois B"
                    comma = self.low(k) == ","
                    nxt = self.joined_name(k + 1, companies, 0 if comma else 10)
                    joined = joined or not comma
                else:
                    marker = self.phrase_after(k, self.lex.joint_markers)
                    nxt = self.joined_name(marker[0], companies, 3) if marker else None
                    joined = joined or marker is not None
                if nxt is None or nxt in members or self.possessive(nxt.next):
                    break
                members.append(nxt)
                k = nxt.next
            if len(members) < 2 or not joined or self.distributive():
                return None
            ids = tuple(dict.fromkeys(x.entity.filed_under for x in members))
            if len(ids) < 2:
                return None
            named = None
            for j in range(k, min(k + 8, self.n)):
                marker = self.phrase_after(j, self.lex.joint_markers)
                if marker is not None:
                    named = self.joined_name(marker[0], self.mentions, 3)
                    break
            if named is not None and named.entity.id not in ids and (
                    named.entity.is_organisation
                    or (named.entity.recognised and fold_name(named.entity.name) not in places())):
                # ("join forces in Ionway": a venture's name, not a place after "in")
                return replace(named.entity, kind="company",
                               relations={"joint_venture_of": list(ids)}), ids
            if any(x.entity.filed_under not in ids for x in companies):
                return None  # "A, B and C are shareholders of ACC": ACC's partners
            words = [" ".join(self.t[j].text for j in range(x.first, x.next)  # "Renault",
                              if not self.t[j].text.islower()) for x in members]  # not "groupe"
            venture = Entity(id="-".join(ids) + "-jv", name="-".join(words) + " JV",
                             kind="company", aliases={}, relations={"joint_venture_of": list(ids)},
                             recognised=True)
            return venture, ids
        return None

    def distributive(self) -> bool:
        """The sentence says each acts alone ("respectively", "chacun")."""
        return any(self.t[k].low in self.lex.distributive_starts
                   and self.phrase_after(k, self.lex.distributives) for k in range(self.n))

    def joined_name(self, start: int, names: list[Mention], reach: int) -> Mention | None:
        """The name that starts within ``reach`` tokens of ``start``, past lower-case words,
        determiners and demonyms only ("et le géant chinois des batteries CATL", "and
        Belgian Umicore", "join forces in Ionway")."""
        for k in range(start, min(start + reach + 1, self.n)):
            found = next((m for m in names if m.first == k), None)
            if found is not None:
                return found
            token = self.t[k]
            if token.kind != "word" or not (token.text.islower() or token.low in self.lex.demonyms
                                            or token.low in self.lex.determiners):
                return None
        return None

    def resolve(self, first: int, end: int, kind: str, country: str | None = None) -> Anaphor:
        earlier = [m.entity for m in self.mentions if m.next <= first]
        words = " ".join(self.t[m].text for m in range(first, end)).replace("' ", "'").replace(
            "’ ", "’")

        def last(accept: Callable[[Entity], bool]) -> Entity | None:
            here = next((e for e in reversed(earlier) if accept(e)), None)
            return here or self.context.last(accept)

        if kind in ("company", "plant"):
            here = [e for e in earlier if e.is_organisation and e.kind != "government"]
            owner = here[0] if here else self.context.last_company()
            place = None
            if kind == "plant" and country is not None and (
                    place_entity(country).kind == "country"):  # the last city named there
                place = last(lambda e: e.kind in FACILITY_PLACES
                             and country_of(e.name) == country) or place_entity(country)
            elif kind == "plant":  # a city of this sentence before it, else the last plant's
                here_places = [e for e in earlier if e.kind in FACILITY_PLACES]
                place = here_places[-1] if here_places else self.context.facility()
            return Anaphor(first, end, kind, words, owner, place)
        if kind == "government":
            return Anaphor(first, end, kind, words,
                           last(lambda e: e.kind in ("government", "country")))
        return Anaphor(first, end, kind, words, last(lambda e: e.is_place))

    def governing(self, mention: Mention) -> bool:
        """A country named by its government ("le gouvernement", "the French government"):
        an actor, not a place."""
        words = {self.low(k) for k in range(mention.first, mention.next)}
        return bool(words & self.government_words)

    def opens_clause(self, first: int) -> bool:
        """A name that opens its clause (past its article): "L'État accordera…"."""
        k = self.back_over(self.lex.determiners, first)
        return k == 0 or self.clause_of[k - 1] != self.clause_of[first] or (
            self.t[k - 1].kind == "sym" and self.t[k - 1].text in ":—–-(")

    def cited(self, mention: Mention) -> bool:
        """A source: a name after "selon", "according to"… in its phrase ("selon les
        données du marché de Dataforce"). Asked of each name for each figure: answered
        once per name (it depends on where the name starts only)."""
        first = mention.first
        answer = self.cited_at.get(first)
        if answer is None:
            answer = self.cited_at[first] = self.phrase_before(
                self.back_over(self.lex.determiners, first),
                self.lex.source_markers) is not None or any(
                self.t[k].low in self.lex.source_starts
                and self.phrase_after(k, self.lex.source_markers) is not None
                for k in self.phrase_back(first))
        return answer

    def agent_of_sentence(self) -> Entity | None:
        """Who the sentence is about, for the sentences after it: its first organisation
        that is neither an object nor a source, or the entity its opening anaphor names."""
        for first, entity in sorted(
                [(m.first, m.entity) for m in self.mentions if m.entity.is_organisation
                 and not self.cited(m) and not self.owned(m) and not self.governed(m.first)
                 and not self.modifies(m) and not self.in_relative(m.first)]
                + [(a.first, a.entity) for a in self.anaphors if a.entity is not None
                   and a.entity.is_organisation and not self.is_object(a.first)],
                key=lambda pair: pair[0]):
            if self.joint is not None and entity.filed_under in self.joint[1]:
                return self.joint[0]  # "Stellantis and CATL announce…": their venture
            mention = next((m for m in self.mentions if m.first == first), None)
            if mention is not None and self.coordinated(mention):
                return None  # "TotalEnergies, Stellantis and Mercedes-Benz are…": several
            return entity
        return None

    def in_relative(self, first: int) -> bool:
        """Token ``first`` is in a relative aside (", which is a former Opel plant,"): what
        it names describes something else."""
        return any((self.low(k),) in self.lex.relative_pronouns for k in self.phrase_back(first))

    def phrase_back(self, first: int) -> range:
        """The tokens before ``first`` back to the punctuation that opens its phrase."""
        k = first
        while k > 0 and self.t[k - 1].text not in ",;:()":
            k -= 1
        return range(first - 1, k - 1, -1)

    def possessive(self, end: int) -> bool:
        """The name ending before token ``end`` is in the possessive ("Freyr's": the
        language file's ``possessive_clitic`` after an apostrophe)."""
        return bool(self.lex.possessive_clitic) and self.low(end) == "'" and (
            self.low(end + 1) == self.lex.possessive_clitic)

    def possessive_of_organisation(self, mention: Mention) -> bool:
        """A place in the possessive before an organisation: "India's Tata Group", where
        the place says where the organisation is from."""
        end = mention.next
        return self.possessive(end) and any(end + 2 <= m.first <= end + 4
                                            and m.entity.is_organisation for m in self.mentions)

    def possessor(self, end: int, first: int) -> bool:
        """A name in the possessive right before the figure: "Freyr's 120K sqm factory"."""
        return self.possessive(end) and 0 <= first - (end + 2) <= 2

    def modifies(self, mention: Mention) -> bool:
        """A name that qualifies a noun: "Stellantis backed battery maker ACC", "a major
        Tesla supplier", "Volkswagen's battery unit PowerCo" — the name is not who acts."""
        return self.low(mention.next) in self.lex.name_modifiers or (
            self.possessive(mention.next)
            and any(m.first > mention.next and m.entity.is_organisation
                    and not m.entity.recognised for m in self.mentions))

    def governed(self, first: int) -> bool:
        """A name after a preposition ("à", "par", "de", "for"…): a complement, not the
        one the sentence is about."""
        k = self.back_over(self.lex.determiners, first)
        return (self.is_object(first) or self.low(k - 1) in self.lex.agent_markers
                or self.low(k - 1) in self.lex.of
                or self.phrase_before(k, self.lex.locatives) is not None)

    def joins(self, k: int) -> bool:
        """Token k is a comma or an "and" between two names."""
        return self.low(k) == "," or self.low(k) in self.lex.number_joiners

    def coordinated(self, mention: Mention) -> bool:
        """A name followed by ", Y" or "and Y": one of several agents."""
        k = mention.next
        return (self.joins(k)
                and any(m.first in (k + 1, k + 2) for m in self.mentions))

    def owned(self, mention: Mention) -> bool:
        """A recognised name owned by the organisation after it: "la Mégane électrique de
        Renault", "the Model Y of Tesla" (the product is not the subject, its maker is)."""
        if not mention.entity.recognised:
            return False
        for k in range(mention.next, min(mention.next + 3, self.n)):
            if self.low(k) in self.lex.of:
                return any(m.first == k + 1 and m.entity.is_organisation
                           for m in self.mentions)
        return False

    def is_object(self, first: int) -> bool:
        """A name after "au", "to"…: an object of the verb, not its subject; so is one
        coordinated with it ("between PowerCo and Umicore")."""
        k = self.back_over(self.lex.determiners, first)
        if self.phrase_before(k, self.lex.object_prepositions) is not None:
            return True
        if self.low(k - 1) in self.lex.number_joiners:
            before = next((m for m in self.mentions if m.next == k - 1), None)
            return before is not None and self.is_object(before.first)
        return False

    # --- choosing ---------------------------------------------------------------------------

    @functools.cached_property
    def parties(self) -> tuple[list[tuple[int, Entity, str, str, bool]],
                               list[tuple[int, Entity]], bool]:
        """Who the sentence names that may be a figure's subject, and where: its owners
        (organisations, and countries or regions that act, by position: entity, source,
        how found, whether an object), its places, and whether it speaks of a plant.
        None of it depends on the figure: worked out once per sentence, read only."""
        owners: list[tuple[int, Entity, str, str, bool]] = []  # (pos, entity, source, via, obj)
        places: list[tuple[int, Entity]] = []
        for mention in self.mentions:
            entity = mention.entity
            if self.cited(mention):
                continue  # "selon BNEF", "according to the KBA": the source, not the subject
            if entity.is_organisation and not self.owned(mention):
                owners.append((mention.first, entity, "text", "named in the sentence",
                               self.is_object(mention.first) or self.modifies(mention)))
            elif entity.is_place and (entity.kind in BROAD or entity.kind == "city") and (
                    self.opens_clause(mention.first) or self.governing(mention)) and (
                    mention.first not in self.bracketed  # (not "Saint-Avold (Moselle)")
                    and not self.possessive_of_organisation(mention)  # "India's Tata"
                    and self.low(mention.next) not in self.lex.facility_nouns):
                # (but "The Zaragoza plant could reach 50 GWh": the plant's place)
                # a country or region as the agent: its government ("L'État accordera",
                # "La France a immatriculé", "Kansas won the plant")
                owners.append((mention.first, entity, "text", "named in the sentence",
                               self.is_object(mention.first)))
            elif entity.is_place:
                places.append((mention.first, entity))
        plant_words = False
        for anaphor in self.anaphors:
            if anaphor.kind == "plant":
                plant_words = True
                if anaphor.place is not None:
                    places.append((anaphor.first, anaphor.place))
            if anaphor.entity is not None and anaphor.entity.is_organisation:
                owners.append((anaphor.first, anaphor.entity, "context",
                               f"“{anaphor.words}”", self.is_object(anaphor.first)))
            elif anaphor.entity is not None and anaphor.entity.is_place:
                places.append((anaphor.first, anaphor.entity))
        owners.sort(key=lambda o: o[0])
        return owners, places, plant_words

    def about(self, first: int, next_: int, share: bool = False,
              market: bool = False) -> About:
        """The subject, facility and scope of the figure at tokens ``first:next_`` (a
        ``share``: a percentage; a ``market`` measure: see :meth:`choose`)."""
        clause = self.clause_of[min(first, self.n - 1)] if self.n else 0
        owners, places, plant_words = self.parties
        subject, facility = self.choose(owners, places, plant_words, first, next_, clause,
                                        share, market)
        scope = self.scope(clause, facility, first, next_)
        if scope == "company":  # "au total, dans ses trois usines": no one plant's
            facility = None
        if facility is not None and facility.kind in FACILITY_PLACES and (
                subject is None or (subject[0].is_place and subject[2] in WEAK)):
            operator = self.context.operator_of(facility)  # "l'usine de Douai": AESC's
            if operator is not None:
                subject = (operator, "context", f"the company with a plant in {facility.name} "
                                                "(entity list)")
        if subject is None:
            return About(facility=facility, scope=scope)
        entity, source, via = subject
        if self.joint is not None and source == "text" and (
                entity.filed_under in self.joint[1]):
            return About(self.joint[0], source, "the joint venture of the organisations "
                         f"named together ({', '.join(self.joint[1])})", facility, scope,
                         self.joint[1])
        return About(entity, source, via, facility, scope,
                     self.partners(entity, owners, first, clause, source))

    def partners(self, entity: Entity, owners: list[tuple[int, Entity, str, str, bool]],
                 first: int, clause: int, source: str) -> tuple[str, ...]:
        """The organisations that act with the subject: named beside it in its clause
        ("Stellantis et CATL investiront…"), or, for a subject from the context, the other
        organisations of the topic ("Stellantis and CATL Announce…"); a joint venture's
        are its owners."""
        owners_of = entity.relations.get("joint_venture_of")
        if owners_of:
            return tuple(owners_of)
        if source == "text":
            found = [o[1] for o in owners if o[0] < first and not o[4] and o[2] == "text"
                     and self.clause_of[o[0]] == clause and o[1].is_organisation]
        else:
            found = list(self.context.topic)
        return tuple(dict.fromkeys(e.id for e in found if e.id != entity.id))

    def choose(self, owners: list[tuple[int, Entity, str, str, bool]],
               places: list[tuple[int, Entity]], plant_words: bool, first: int, next_: int,
               clause: int, share: bool = False, market: bool = False
               ) -> tuple[tuple[Entity, str, str] | None, Entity | None]:
        """The subject of the figure at ``first:next_``, in this order: the antecedent of
        its relative clause; the agent of a passive ("owned by Stellantis"); the first
        organisation of its clause before it, not an object; the nearest before it; an
        organisation opening a later clause ("…, – LGES is"); the organisation of the
        paragraph or the title; one after it in its clause; an object; one named later;
        else a place (a country or region before a city). A place is never preferred to
        an owner, except for a market's measure (sales, market share), where a country
        or region of the sentence or the title comes before an organisation known only
        from the title. Also returns the plant's place."""
        comma = self.relative_commas.get(clause)
        if comma is not None:  # "TotalEnergies, qui détient 33 %": the antecedent
            for mention in self.mentions:
                if mention.next == comma and mention.entity.is_organisation:
                    return (mention.entity, "text", "named in the sentence"), self.facility(
                        places, first, True)
        before = [o for o in owners if o[0] < first]
        in_clause = [o for o in before if self.clause_of[o[0]] == clause]
        after = [o for o in owners if o[0] >= next_ and self.clause_of[o[0]] == clause]
        # (a name after the figure in brackets is an aside: "la concurrence (CATL, BYD)")
        later = [o for o in owners if o[0] >= next_ and not o[4] and o[2] == "text"
                 and o[0] not in self.bracketed]
        outside = [o for o in before if not o[4] and (  # not in an aside ("dont Renault…")
            self.clause_of[o[0]] == clause or self.clause_of[o[0]] not in self.relative_clauses)]
        named = [o for o in outside if o[2] == "text"]
        # the agent of a passive owns a share ("45 % owned by Stellantis") or a figure whose
        # clause has no agent of its own ("1 000 emplois créés par AESC"), not the figure of
        # one that has ("Lithara a levé 180 M€, une levée menée par Bpifrance")
        agent_before = any(not o[4] and o[2] == "text" and o[1].is_organisation
                           for o in in_clause)
        context = self.context.subject(market)
        ends = {m.first: m.next for m in self.mentions}
        groups: list[tuple[list[tuple[int, Entity, str, str, bool]], int]] = [
            ([o for o in before if self.possessor(ends.get(o[0], o[0] + 1), first)], -1),
            ([o for o in after if self.low(self.back_over(self.lex.determiners, o[0]) - 1)
              in self.lex.agent_markers and (share or not agent_before)], 0),  # passive agent
            ([o for o in in_clause if not o[4]], 0),                # the clause's agent
            (named or outside, -1),                                 # the nearest before
            ([o for o in later if self.opens_clause(o[0])], 0),     # a later clause's agent
        ]
        for group, pick in groups:
            if group:
                _, entity, source, via, _ = group[pick]
                return (entity, source, via), self.facility(places, first, True)
        facility = self.facility(places, first, plant_words)
        broad = [p for p in places if p[1].kind not in FACILITY_PLACES
                 and not (plant_words or self.has_facility_noun)]
        if context.subject is not None and (context.subject.is_organisation or not broad) and not (
                market and broad and context.via == TOPIC):
            if facility is None and self.has_facility_noun:
                facility = self.context.facility()
                if facility is not None and any(  # (not for plants "en Allemagne")
                        country_of(p[1].name) not in (None, country_of(facility.name))
                        for p in places):
                    facility = None
            return (context.subject, "context", context.via), facility
        # at worst, even a company as an object ("…, with ProLogium set to receive"), not
        # a government ("to the French government's strategy")
        anywhere = [o for o in owners if o[0] >= next_ and o[0] not in self.bracketed
                    and o[1].is_organisation and o[1].kind != "government"]
        for group in ([o for o in after if not o[4]], in_clause, later, anywhere):
            if group:
                _, entity, source, via, _ = group[0]
                return (entity, source, via), facility
        plants = {a.first for a in self.anaphors if a.kind == "plant"}
        sited = [p for p in places if (p[1].kind not in FACILITY_PLACES or p[0] < first)
                 and p[0] not in plants]  # (not the place "cette usine" stands for)
        if sited:  # a city only before the figure ("À Dunkerque, 3 000 emplois…"), not where
            entity = ([p for p in broad if p in sited] or sited)[0][1]  # … ("à Shanghai")
            plant_named = facility is entity and any(  # "the Billy-Berclau site"
                self.low(m.next) in self.lex.facility_nouns for m in self.mentions
                if m.entity is entity)
            return (entity, "text", PLACE_ONLY), (
                facility if plant_named or facility is not entity else None)
        if self.adjectives:  # "le marché automobile français", "the European average"
            return (self.adjectives[0].entity, "text", PLACE_ONLY), facility
        return None, facility

    def facility(self, places: list[tuple[int, Entity]], first: int,
                 plant_claim: bool) -> Entity | None:
        """The plant's place: a city-level place of the sentence, one after "à", "in" or
        "usine de" first ("in Göd, north of Budapest"), then the nearest the figure."""
        precise = [p for p in places if p[1].kind in FACILITY_PLACES]
        if not (plant_claim or self.has_facility_noun):
            return None
        if not precise:  # "la gigafactory française", "its German plant": a country's
            plant_places = {a.first for a in self.anaphors if a.kind == "plant"}
            return self.plant_country() or next(
                (p[1] for p in places if p[0] in plant_places), None)
        if self.coordinated_places(precise):  # "in Kaiserslautern and Termoli": no one plant's
            return None

        ends = {m.first: m.next for m in self.mentions}

        def rank(place: tuple[int, Entity]) -> tuple[int, int]:
            k = self.back_over(self.lex.determiners, place[0])
            named = (self.low(k - 1) in self.lex.of and self.low(k - 2) in self.lex.facility_nouns
                     ) or (place[0] in ends and self.low(ends[place[0]]) in self.lex.facility_nouns)
            near = self.phrase_before(k, self.lex.vicinity) is not None
            sited = self.phrase_before(k, self.lex.locatives) is not None
            # the plant's own place ("l'usine de Grünheide", "its Grünheide plant"), then
            # where it is ("à Douai"), then what it is near ("près de Berlin")
            return (0 if named else 2 if near else 1 if sited else 3, abs(place[0] - first))

        return min(precise, key=rank)[1]

    def coordinated_places(self, places: list[tuple[int, Entity]]) -> bool:
        """Two plant places named together ("à Douvrin et à Kaiserslautern")."""
        ends = {m.first: m.next for m in self.mentions}
        starts = {p[0] for p in places}
        for first, _ in places:
            k = ends.get(first, first + 1)
            joined = False
            while k < self.n and (self.joins(k)
                                  or self.low(k) in self.lex.determiners
                                  or self.phrase_after(k, self.lex.locatives) is not None):
                joined = joined or self.low(k) != ","
                k += 1
            if joined and k in starts:
                return True
        return False

    def plant_country(self) -> Entity | None:
        """The country of a plant named by an adjective ("la première gigafactory
        française", "its German plant"), if any."""
        nouns = self.lex.facility_nouns
        found = {m.entity.id: m.entity for m in self.adjectives if m.entity.kind == "country"
                 and nouns & {self.low(m.first - 1), self.low(m.first - 2), self.low(m.next)}}
        # (not "German, Italian plants", nor with another country named by an adjective)
        return next(iter(found.values())) if len(found) == 1 and len(self.adjectives) == 1 else None

    def plant_named(self) -> Entity | None:
        """The place of the plant the sentence names, figures or not ("ACC inaugure sa
        gigafactory à Douvrin", "the Kaiserslautern site"): what "the plant" stands for
        next."""
        places = [(m.first, m.entity) for m in self.mentions if m.entity.is_place]
        return self.facility(places, 0, False) if self.has_facility_noun else None

    @functools.cached_property
    def has_facility_noun(self) -> bool:
        """The sentence has a word for a plant ("usine", "gigafactory"): asked for each
        figure, answered once."""
        return not self.lex.facility_nouns.isdisjoint([t.low for t in self.t])

    def scope(self, clause: int, facility: Entity | None, first: int = 0,
              next_: int = 0) -> str | None:
        starts = self.lex.scope_starts
        if any(a.kind == "plant" and self.clause_of[a.first] == clause
               and not (self.low(a.first) in self.lex.possessives
                        and self.lex.is_plural(self.t[a.next - 1].text))
               for a in self.anaphors):
            # "cette usine compte au total", "dans son usine de Caroline du Nord": the
            # plant's total (but "across its sites", "dans ses usines")
            return "plant" if facility is not None else None
        for k in positions(lows(self.t), starts):
            if self.clause_of[k] == clause:
                marker = self.phrase_after(k, self.lex.company_scope)
                if marker is not None and self.nearest_figure(k, marker[0], first, next_):
                    return "company"
        return "plant" if facility is not None else None

    def nearest_figure(self, start: int, end: int, first: int, next_: int) -> bool:
        """Whether the figure at ``first:next_`` is the one nearest the words at
        ``start:end`` of its clause ("500 emplois directs et un millier au total": the
        total is the thousand's)."""
        def distance(span: tuple[int, int]) -> int:
            return max(span[0] - end, start - span[1], 0)

        own = distance((first, next_))
        clause = self.clause_of[min(first, self.n - 1)] if self.n else 0
        return all(distance(span) >= own for span in self.figures
                   if self.clause_of[min(span[0], self.n - 1)] == clause)
