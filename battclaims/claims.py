"""Building claims: a quantity with its bounds, time, subject and metric.

For each sentence that may hold one, the figures are found by the recogniser
(:mod:`.recognise`: numbers, measures, guards) and turned into spans with bounds,
clauses and times (:mod:`.recognise.spans`: ranges, shared units, durations that are
times, hedges, each figure's time); then:

- a time left over is an event claim of its own ("Renault est entré au capital en
  2021");
- the subject, its plant and scope come from :mod:`.subjects`, with what the
  document said before (its title, lead and earlier sentences) and the names
  of :mod:`.names` (entities of the list and names recognised by their form);
- the metric comes from the unit and the keywords of the clause; the terms
  (concepts of the figure's own words) from the language's concept vocabulary.

Every sentence is read for its names, even one with no figure, so that the
sentences after it know what the paragraph is about.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from . import patterns, recognise, times, units
from .documents import Document
from .entities import Entities, Entity, Mention, default_index
from .lexicon import REVISED, Lexicon, ascii_fold
from .metrics import Metrics, default_metrics
from .model import Claim
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
from .recognise.spans import SentenceSpans
from .subjects import About, DocumentContext, SentenceSubjects
from .text import Token, lows, mask, mask_list_markers, sentences, tokenize

_PARAGRAPH = patterns.compile(r"\n[ \t\r\u00a0]*\n")


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
_DATELINE = patterns.compile(
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


_HEADING = patterns.compile(r"[ \t]*#{1,6}[ \t]+\S")


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
        demonyms = self.lex.demonyms
        found: list[Mention] = []
        if demonyms.keys().isdisjoint(lows(tokens)):
            return found  # (a quick look: most sentences name no place by an adjective)
        for k, token in enumerate(tokens):
            place = demonyms.get(token.low)
            if place is not None and not any(m.first <= k < m.next for m in mentions):
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
                subjects = self.subjects_only(tokens, mentions)
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
        if not found and not dates:  # no figure, no time: no claim (most sentences a word
            return [], self.subjects_only(tokens, mentions)  # of the trigger let through)
        sentence = SentenceSpans(tokens, view, found, dates, lex, self.published)
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
            opening = sentence.back_past(item.first, lex.hedges_before) - 1  # "(environ 7,6"
            restates = previous is not None and sentence.opens_bracket_after(
                spans[number - 1][1], opening + 1)
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
            made.append((item.first, self.locate(
                tokens, item.first, item.next, s_start, context,
                self.plant_of_the_story(about, metric, mentions),
                kind="rank" if item.qualifier == "rank" else "quantity",
                value=_float(item.value), unit=unit, low=_float(item.low),
                high=_float(item.high), qualifier=item.qualifier,
                vague=item.found.vague is not None, time=time, metric=metric,
                terms=own_terms,
            )))
        for mention in events:
            about = subjects.about(mention.first, mention.next)
            clause, span = self.clause(tokens, clause_of, mention.first, mention.next)
            made.append((mention.first, self.locate(
                tokens, mention.first, mention.next, s_start, context, about,
                kind="event", time=mention.span,
                metric=self.metrics.for_event(clause, span, lex.code),
                terms=self.terms(clause, None),
            )))
        made.sort(key=lambda pair: pair[0])
        return [claim for _, claim in made], subjects

    def subjects_only(self, tokens: list[Token], mentions: list[Mention]) -> SentenceSubjects:
        """The subjects of a sentence without claims, for what it passes on to the sentences
        after it: its agent (:meth:`~SentenceSubjects.agent_of_sentence`) and the plant it
        names (:meth:`~SentenceSubjects.plant_named`). Neither reads the sentence's clauses,
        so they are not cut (one clause): the sentence's figures would need them, and it has
        none."""
        return SentenceSubjects(tokens, self.lex, mentions, self.context, [0] * len(tokens),
                                {}, self.adjectives(tokens, mentions))

    def plant_of_the_story(self, about: About, metric: str | None,
                           mentions: list[Mention]) -> About:
        """A plant's own measure (its capacity, output, area) in a sentence that names no
        place, no plant and no organisation, in a story about one plant ("La production
        doit démarrer avec une capacité de 150 000 véhicules par an"): that plant's."""
        plant = self.context.last_facility
        if (plant is None or about.facility is not None or about.scope is not None
                or metric not in self.metrics.plant_metrics or about.source != "context"
                or any(m.entity.is_place or m.entity.is_organisation for m in mentions)):
            return about
        return replace(about, facility=plant, scope="plant")

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
               about: About, **what: Any) -> Claim:
        """A claim at tokens ``first:next_``: where it is, in which sentence, about what,
        and ``what`` it says (its kind, value, time…: the claim is made once, whole)."""
        start_view, end_view = tokens[first].start, tokens[next_ - 1].end
        start, end = self.document.original_span(start_view, end_view)
        line = bisect.bisect_right(self.line_starts, start)
        end_line = bisect.bisect_right(self.line_starts, max(start, end - 1))
        written = (self.view[start_view:end_view] if self.document.origin is not None
                   else self.document.text[start:end])
        subject = about.subject
        return Claim(
            text=written,
            start=start,
            end=end,
            line=line,
            column=start - self.line_starts[line - 1] + 1,
            end_line=end_line,
            end_column=end - self.line_starts[end_line - 1] + 1,
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
            **what,
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
