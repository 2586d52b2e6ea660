"""The shortcuts that make extraction fast change no answer (issue 12).

Each shortcut is compared with the plain definition it stands for, on texts written for
these tests and on generated ones: the scans of a whole document for capitalised words,
full names and organisations' first words, masking, the tokenizer, the sentences read
without their clauses, the verdicts on words kept from one sentence to the next, the tries
of the look-ups, the quick looks of the per-token loops and of the metric keywords.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import battclaims
from battclaims import claims, names, recognise, text, times
from battclaims.entities import _case_fits, default_index
from battclaims.lexicon import ascii_fold, fold, lexicon
from battclaims.metrics import Metric, Metrics, _fits, _nearest, default_metrics, fold_text
from battclaims.recognise import measures, numbers
from battclaims.recognise.sentence import Sentence
from battclaims.recognise.spans import SentenceSpans
from battclaims.subjects import DocumentContext, SentenceSubjects

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

STORY_FR = """# Voltaria inaugure sa gigafactory à Douvrin

Le fabricant français Voltaria a inauguré mardi son usine de Douvrin. L'entreprise, qui
emploie déjà 600 personnes, vise 13 GWh par an d'ici 2026.

Selon le président Emmanuel Macron, le site est « un tournant ». Cette usine produira des
cellules pour Stellantis et Mercedes-Benz. Le groupe prévoit une deuxième usine en
Allemagne, à Kaiserslautern, et une troisième en Italie.

La production doit démarrer avec une capacité de 150 000 véhicules par an. Sa
gigafactory emploiera à terme quelques milliers de salariés. L'usine a coûté cher.
"""

STORY_EN = """Nordcell AB and Kestrel Batteries Ltd announce a joint venture in Sweden

SKELLEFTEA (Reuters) - Nordcell AB and Kestrel Batteries Ltd said on Monday they would
join forces in Polarvolt, a plant near the Arctic Circle. The company, which was founded
by former Tesla executives, plans an annual capacity of 16 GWh by 2027.

According to analysts at Benchmark, the project is one of the largest in Europe. The
French government's strategy was mentioned. Its Swedish plant will hire a thousand
workers, and the site should be running by the end of next year. CEO Anna Lindqvist
said the firm had raised $2.5 billion from investors such as Volkswagen.
"""

FRAGMENTS = [
    "Voltaria", "Stellantis", "Nordcell AB", "ACC", "Automotive Cells Company", "PowerCo",
    "Emmanuel Macron", "le président", "l'entreprise", "the company", "the plant", "cette usine",
    "sa gigafactory", "its German plant", "Douvrin", "Kaiserslautern", "à", "in", "de", "of",
    "qui", "which", "dont", ",", ";", ":", "(", ")", "«", "»", "et", "and", "selon",
    "according to", "le gouvernement", "l'État", "a annoncé", "announced", "produira",
    "will build", "une usine", "a plant", "l'an prochain", "next year", "cette année", "en 2026",
    "by 2030", "13 GWh", "deux", "un", "une", "a", "the", "milliers", "français", "French",
    "Samsung SDI", "LG Energy Solution", "LGES", "respectivement", "respectively", "Tesla",
    "1er janvier", "March", "mars", "au total", "in total", "par an", "a year", "5 000",
    "emplois", "jobs", "la moitié", "half", "un tiers", "one in five", "\n\n", ".", "'",
]
fragment_texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(" ".join)
LANGS = st.sampled_from(["fr", "en"])


# --- whole-document scans (names.py) ----------------------------------------------------------

def plain_capitalised_words(text_: str) -> set[str]:
    """:func:`battclaims.names.capitalised_words` by its plain definition."""
    inner = re.compile(r"(?:(?<=[^\W_] )|(?<=[,;)] ))[^\W\d_]+(?:[-‐‑][^\W\d_]+)*")
    found: set[str] = set()
    for line in text_.splitlines():
        words = re.findall(r"[^\W\d_]+", line)
        if len(words) >= 4 and sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words):
            continue
        found.update(m.group(0) for m in inner.finditer(line) if m.group(0)[:1].isupper())
    return found


def plain_pairs(text_: str) -> list[tuple[int, str, str]]:
    """Every two words in a row, each capitalised, as :func:`battclaims.names.surnames`
    reads them (overlapping)."""
    pairs = re.compile(r"\b(?=([^\W\d_][^\W\d_'’-]+) ([^\W\d_][^\W\d_'’-]+)\b)")
    return [(m.start(), m.group(1), m.group(2)) for m in pairs.finditer(text_)
            if m.group(1)[:1].isupper() and m.group(2)[:1].isupper()]


UNICODE_WORDS = ["Émile", "Zoé", "ÉTAT", "Ⅻ", "Ⓐbc", "𝐀lpha", "Ǆemal", "İstanbul", "ǅungla",
                 "Ørsted", "Łódź", "Σίσυφος", "ΑΘΗΝΑ", "ß", "ﬁne", "x", "macron", "Macron",
                 "Emmanuel", "O'Neil", "Anne-Marie", "3M", "A1", "_X", "Ab_c", "a.B", "Ⅷ Ⅸ"]
unicode_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from([*UNICODE_WORDS, " ", ", ", "; ", ") ", "\n", "\u2028", "-"]),
             max_size=40).map("".join),
    st.lists(st.sampled_from(UNICODE_WORDS), max_size=20).map(" ".join),
)


@SETTINGS
@given(unicode_texts)
def test_capitalised_words_as_defined(text_: str) -> None:
    assert names.capitalised_words(text_) == plain_capitalised_words(text_)


@SETTINGS
@given(unicode_texts)
def test_full_names_scan_finds_every_pair_of_capitalised_words(text_: str) -> None:
    pattern = names._FULL_NAME
    found = [(m.start(), m.group(1), m.group(2)) for m in pattern.finditer(text_)
             if m.group(1)[:1].isupper() and m.group(2)[:1].isupper()]
    assert found == plain_pairs(text_)


def test_surnames_in_a_story() -> None:
    assert "Macron" in names.surnames(STORY_FR, "fr")
    assert "Lindqvist" in names.surnames(STORY_EN, "en")
    assert "Voltaria" in names.capitalised_words(STORY_FR)


def plain_organisation_heads(text_: str, code: str) -> set[str]:
    """:func:`battclaims.names.organisation_heads` by its plain definition: every two
    capitalised words in a row, the first at a word's start."""
    lex = lexicon(code)
    pairs = re.compile(r"\b(?=([A-Z][^\W\d_]+) ([A-Z][^\W\d_]+)\b)")
    found = set()
    for match in pairs.finditer(text_):
        head, tail = ascii_fold(match.group(1)).lower(), ascii_fold(match.group(2)).lower()
        if (tail in names.ORGANISATION_WORDS or tail in names.ORGANISATION_SUFFIXES) and (
                head not in names.ORGANISATION_WORDS) and tail not in lex.facility_nouns:
            found.add(head)
    return found


HEAD_WORDS = ["Tata", "Group", "Panasonic", "Energy", "Berlin", "Gigafactory", "Motors", "Ltd",
              "AB", "SA", "Inc", "Battery", "Batteries", "Cells", "aTata", "_Tata", "3Tata",
              "Éole", "Usine", "plant", "Holding"]


@SETTINGS
@given(st.one_of(unicode_texts,
                 st.lists(st.sampled_from([*HEAD_WORDS, " ", "  ", "-", "'", ",", "\n"]),
                          max_size=30).map("".join),
                 st.lists(st.sampled_from(HEAD_WORDS), max_size=12).map(" ".join)),
       LANGS)
def test_organisation_heads_as_defined(text_: str, code: str) -> None:
    assert names.organisation_heads(text_, lexicon(code)) == plain_organisation_heads(text_, code)


# --- masking (text.py) ------------------------------------------------------------------------

def plain_mask(sentence: str) -> str:
    """:func:`battclaims.text.mask` without the quick look for a file name's extension."""
    return text._FILES.sub(text._blank, text._MASKS.sub(text._blank, sentence))


MASK_FRAGMENTS = ["rapport_2024_v3.pdf", "plan-40-gwh.PDF", "data.xlsx", "a.b.c.md", "v2.0.json",
                  "file.pdfx", ".pdf", "x.", "2024.", "https://example.org/2030.html", "12.5",
                  "www.site.fr/a.csv", "notes.txt,", "1.yml", "img.jpeg", "page.htm", " ", ".",
                  "le", "40 GWh", "-", "_"]


@SETTINGS
@given(st.one_of(st.lists(st.sampled_from(MASK_FRAGMENTS), max_size=12).map(" ".join),
                 st.lists(st.sampled_from(MASK_FRAGMENTS), max_size=12).map("".join),
                 fragment_texts))
def test_mask_as_defined(sentence: str) -> None:
    assert text.mask(sentence) == plain_mask(sentence)


# --- the tokenizer (text.py) -----------------------------------------------------------------

_PLAIN_TOKENS = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:[-‐‑][^\W\d_]+)*)|(?P<mask>\x00+)|(?P<sym>\S)"
)


def plain_tokens(chunk: str, base: int, code: str) -> list[tuple[str, str, str, int, int]]:
    """The tokens by the pattern's named groups, elided words joined to their apostrophe."""
    elisions = lexicon(code).elisions
    tokens: list[list[Any]] = []
    for match in _PLAIN_TOKENS.finditer(chunk):
        kind, token = match.lastgroup, match.group()
        start, end = match.start() + base, match.end() + base
        if (kind == "word" and len(tokens) >= 2 and tokens[-1][0] == "sym"
                and tokens[-1][1] in text.APOSTROPHES and tokens[-1][4] == start
                and tokens[-1][3] == tokens[-2][4] and tokens[-2][0] == "word"
                and tokens[-2][2] in elisions):
            quote = tokens.pop()
            tokens[-1][1] += quote[1]
            tokens[-1][2] += "'"
            tokens[-1][4] = quote[4]
        tokens.append([kind, token, fold(token), start, end])
    return [tuple(t) for t in tokens]  # type: ignore[misc]


@SETTINGS
@given(st.one_of(unicode_texts, fragment_texts,
                 st.text(alphabet="ab1 2,.\x00_’'‘dl-‐‑²½٣\u00a0\t«»€%", max_size=120)),
       st.integers(0, 50), LANGS)
def test_tokenize_as_the_pattern_says(chunk: str, base: int, code: str) -> None:
    got = [(t.kind, t.text, t.low, t.start, t.end)
           for t in text.tokenize(chunk, base, lexicon(code))]
    assert got == plain_tokens(chunk, base, code)


# --- sentences read without their clauses (claims.py) ---------------------------------------

def _subjects_with_clauses(self: Any, tokens: list[text.Token], mentions: list[Any]
                           ) -> SentenceSubjects:
    """What a sentence without claims would pass on with its clauses cut, as a sentence
    with figures has them: the reference for :meth:`_DocumentReader.subjects_only`."""
    dates = times.find(tokens, self.view, self.lex, self.published)
    spans = SentenceSpans(tokens, self.view, [], dates, self.lex, self.published)
    spans.build()
    clause_of = spans.clauses()
    return SentenceSubjects(tokens, self.lex, mentions, self.context, clause_of,
                            spans.relative_commas, self.adjectives(tokens, mentions),
                            spans.relative_clauses, [])


def _everything(text_: str, lang: str) -> list[dict[str, Any]]:
    return [dataclasses.asdict(c)
            for c in battclaims.extract(text_, lang=lang, path="x.md",
                                        published="2025-03-04").claims]


def test_stories_read_without_clauses_where_no_claim_is(monkeypatch: Any) -> None:
    fast = [_everything(STORY_FR, "fr"), _everything(STORY_EN, "en")]
    assert any(c["subject_source"] == "context" for c in fast[0])  # context subjects
    monkeypatch.setattr(claims._DocumentReader, "subjects_only", _subjects_with_clauses)
    assert [_everything(STORY_FR, "fr"), _everything(STORY_EN, "en")] == fast


@SETTINGS
@given(st.lists(fragment_texts, min_size=1, max_size=4).map(". ".join), LANGS)
def test_sentences_without_claims_pass_on_the_same_subjects(text_: str, lang: str) -> None:
    fast = _everything(text_, lang)
    reference = claims._DocumentReader.subjects_only
    try:
        claims._DocumentReader.subjects_only = _subjects_with_clauses  # type: ignore[method-assign]
        assert _everything(text_, lang) == fast
    finally:
        claims._DocumentReader.subjects_only = reference  # type: ignore[method-assign]


# --- verdicts on words, kept from one sentence to the next (names.py) -------------------------

def _names_of(sentences: list[str], lang: str) -> dict[str, list[tuple[str, str]]]:
    lex = lexicon(lang)
    found = {}
    capitals = set().union(*(names.capitalised_words(s) for s in sentences))
    for sentence in sentences:
        tokens = text.tokenize(text.mask(sentence), 0, lex)
        finder = names.NameFinder(tokens, lex, capitals, [])
        found[sentence] = [(m.entity.name, m.entity.kind) for m in finder.names()]
    return found


@SETTINGS
@given(st.lists(fragment_texts, min_size=2, max_size=5), LANGS)
def test_names_found_whatever_was_read_before(sentences: list[str], lang: str) -> None:
    names._VERDICTS.clear()
    forwards = _names_of(sentences, lang)
    names._VERDICTS.clear()
    backwards = _names_of(sentences[::-1], lang)
    assert forwards == backwards


def test_a_word_verdict_holds_at_any_place() -> None:
    found = _names_of(["Analysts say Tesla builds a plant.", "Tesla builds a plant."], "en")
    assert found["Analysts say Tesla builds a plant."] == [("Tesla", "organisation")]
    assert found["Tesla builds a plant."] == [("Tesla", "organisation")]
    assert names._verdicts(lexicon("en"))["Analysts"] == names._ORDINARY  # a start: no name


# --- tries instead of phrase-by-phrase look-ups -----------------------------------------------

def plain_alias_at(index: Any, tokens: list[text.Token], k: int) -> tuple[str, int] | None:
    """The alias at token k, each length tried from the longest."""
    folded = [ascii_fold(t.low) for t in tokens]
    for size in range(min(index.longest, len(tokens) - k), 0, -1):
        for entity, alias in index.index.get(tuple(folded[k:k + size]), ()):
            if _case_fits(alias, tokens[k].text):
                return entity.id, k + size
    return None


def _alias_words(code: str) -> list[str]:
    index = default_index(code)
    return sorted({alias for entries in index.index.values() for _, alias in entries})[:300]


@SETTINGS
@given(st.data(), LANGS)
def test_aliases_found_by_the_trie_as_by_each_length(data: Any, code: str) -> None:
    words = [*_alias_words(code), "de", "of", "the", "Energy", "Cells", "(", ")"]
    sentence = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=12)))
    tokens = text.tokenize(sentence, 0, lexicon(code))
    index = default_index(code)
    folded = [ascii_fold(t.low) for t in tokens]
    for k in range(len(tokens)):
        mention = index.alias_at(tokens, folded, k)
        got = (mention.entity.id, mention.next) if mention else None
        expected = plain_alias_at(index, tokens, k) if folded[k] in index.first_words else None
        assert got == expected


def _phrase_words(table: Any) -> list[str]:
    return sorted({w for key in table for w in key})


@SETTINGS
@given(st.data(), LANGS)
def test_rates_and_units_found_by_the_trie_as_by_each_length(data: Any, code: str) -> None:
    lex = lexicon(code)
    words = [*_phrase_words(lex.rate_words), *_phrase_words(lex.units)[:200], "5", ","]
    sentence = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=10)))
    tokens = text.tokenize(sentence, 0, lex)
    s = Sentence(tokens, sentence, 0, lex)
    for k in range(len(tokens)):
        rate = s.phrase_after(k, lex.rate_words, lex.max_rate_words)
        plain = next(((k + size, key) for size in range(lex.max_rate_words, 0, -1)
                      if (key := tuple(s.low(m) for m in range(k, k + size))) in lex.rate_words),
                     None)
        assert rate == plain
        unit = measures.vocabulary_at(s, k)
        plain_unit = next((k + size for size in range(min(lex.max_unit_words, s.n - k), 0, -1)
                           if tuple(s.t[m].low for m in range(k, k + size)) in lex.units), None)
        assert (unit.end if unit else None) == plain_unit


@SETTINGS
@given(st.data(), LANGS, st.integers(0, 7))
def test_phrases_found_by_the_trie_at_every_place(data: Any, code: str, longest: int) -> None:
    """Look-ups before and after each place (and past either end) of a window of any width,
    as trying each length of phrase."""
    lex = lexicon(code)
    table = lex.relative_times
    words = [*_phrase_words(table), *_phrase_words(lex.hedges_before), "5", ","]
    sentence = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=10)))
    window = text.TokenWindow(text.tokenize(sentence, 0, lex), longest)
    for k in range(-2, window.n + 3):
        assert window.phrase_after(k, table) == window._naive_after(k, table)
        assert window.phrase_before(k, lex.hedges_before) == window._naive_before(
            k, lex.hedges_before)


# --- quick looks of the per-token loops -------------------------------------------------------

class _PlainTimes(times._Reader):
    """The times of a sentence, every token asked."""

    def may_start(self) -> list[int]:
        return list(range(self.n))


@SETTINGS
@given(fragment_texts, LANGS, st.sampled_from([None, "2024-12-05"]))
def test_times_found_asking_only_the_tokens_that_may_start_one(
        sentence: str, code: str, published: str | None) -> None:
    lex = lexicon(code)
    tokens = text.tokenize(text.mask(sentence), 0, lex)
    assert (times.find(tokens, sentence, lex, published)
            == _PlainTimes(tokens, sentence, lex, published).mentions())


@given(st.lists(st.sampled_from(["le", "the", "2024", "mars", "l'", "x", ""]), max_size=12),
       st.sets(st.sampled_from(["le", "the", "2024", "mars", "l'", ""])))
def test_positions_as_defined(values: list[str], wanted: set[str]) -> None:
    assert text.positions(values, wanted) == [k for k, v in enumerate(values) if v in wanted]


@SETTINGS
@given(fragment_texts, LANGS)
def test_numbers_read_asking_only_the_tokens_that_may_start_one(sentence: str,
                                                                code: str) -> None:
    lex = lexicon(code)
    masked = text.mask(sentence)
    s = Sentence(text.tokenize(masked, 0, lex), masked, 0, lex)
    fast = list(numbers.run(s))
    reference = numbers.may_start
    try:
        numbers.may_start = lambda s: list(range(s.n))  # type: ignore[assignment]
        assert list(numbers.run(s)) == fast
    finally:
        numbers.may_start = reference


def test_numbers_in_words_and_ratios_still_read() -> None:
    found = battclaims.extract("Les ventes ont doublé : un demi-million de voitures, soit "
                               "trois fois plus.", lang="fr").claims
    assert [(c.value, c.unit) for c in found] == [(2.0, "ratio"), (500000.0, "vehicle"),
                                                  (3.0, "ratio")]


class _PlainNames(names.NameFinder):
    """The names of a sentence, every token asked."""

    def may_start(self) -> list[int]:
        return list(range(self.n))


@SETTINGS
@given(fragment_texts, LANGS)
def test_names_found_asking_only_the_capitalised_words(sentence: str, code: str) -> None:
    lex = lexicon(code)
    tokens = text.tokenize(text.mask(sentence), 0, lex)
    known = default_index(code).mentions(tokens)
    capitals = names.capitalised_words(sentence)
    assert (names.NameFinder(tokens, lex, capitals, known).names()
            == _PlainNames(tokens, lex, capitals, known).names())


@SETTINGS
@given(fragment_texts, LANGS)
def test_each_figure_has_the_subject_of_a_sentence_read_for_it_alone(sentence: str,
                                                                     code: str) -> None:
    """Who a sentence names is worked out once, for all its figures (``parties``)."""
    lex = lexicon(code)
    masked = text.mask(sentence)
    tokens = text.tokenize(masked, 0, lex)
    found = recognise.recognise(tokens, masked, 0, lex)
    mentions = default_index(code).mentions(tokens)

    def subjects() -> SentenceSubjects:
        return SentenceSubjects(tokens, lex, mentions, DocumentContext(), [0] * len(tokens),
                                {})

    shared = subjects()
    for f in found:
        assert shared.about(f.first, f.next) == subjects().about(f.first, f.next)


@SETTINGS
@given(fragment_texts, LANGS)
def test_no_number_starts_at_a_word_the_quick_look_skips(sentence: str, code: str) -> None:
    lex = lexicon(code)
    masked = text.mask(sentence)
    tokens = text.tokenize(masked, 0, lex)
    s = Sentence(tokens, masked, 0, lex)
    list(numbers.run(s))
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.low not in lex.word_starters and (
                token.low.partition("-")[0] not in lex.word_starters):
            assert lex.fractions is None or numbers.from_fraction(s, i) is None


def test_number_words_and_fractions_still_read() -> None:
    claims_ = battclaims.extract("La moitié des ménages et deux tiers des usines, soit "
                                 "quelques milliers de salariés.", lang="fr").claims
    assert [c.value for c in claims_ if c.kind == "quantity"][:2] == [50.0, 66.67]


# --- metrics --------------------------------------------------------------------------------

def plain_nearest(metrics: list[Metric], clause: str, span: tuple[int, int],
                  lang: str) -> str | None:
    text_ = fold_text(clause)
    best = None
    for metric in metrics:
        for keyword in metric.keywords.get(lang, ()):
            pattern = re.compile(r"(?<![\w])" + r" +".join(map(re.escape, keyword.split())))
            for match in pattern.finditer(text_):
                distance = max(span[0] - match.end(), match.start() - span[1], 0)
                rank = (distance, -len(keyword), metric.id)
                best = rank if best is None or rank < best else best
    return best[2] if best else None


@SETTINGS
@given(fragment_texts, LANGS, st.sampled_from(["GWh / year", "vehicle", "EUR", "percent",
                                               "job", "GWh"]))
def test_metrics_by_their_nearest_keyword(clause: str, lang: str, unit: str) -> None:
    vocabulary = default_metrics()
    fitting = [m for m in vocabulary.quantities if any(_fits(unit, p) for p in m.units)]
    assert list(vocabulary.fitting(unit)) == fitting
    span = (len(clause) // 3, len(clause) // 2)
    assert _nearest(fitting, clause, span, lang) == plain_nearest(fitting, clause, span, lang)
    assert _nearest(vocabulary.events, clause, span, lang) == plain_nearest(
        list(vocabulary.events), clause, span, lang)


def test_a_keyword_of_several_words_spaced_out() -> None:
    metric = Metric("m", "", ("GWh",), {"en": ("production capacity",)})
    clause = "a production   capacity of 8 GWh"
    assert _nearest([metric], clause, (27, 32), "en") == "m"
    assert Metrics((metric,), ()).fitting("GWh") == (metric,)
