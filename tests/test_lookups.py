"""The fast paths of extraction give what the plain ones gave (issue 12).

- phrase look-ups through tries (:func:`battclaims.text.phrase_index`) find the phrase the
  naive look-up finds (every phrase length tried, longest first), on every table of both
  languages and at every position, inside the sentence or not;
- the dates our own reader reads (:func:`battclaims.times.read_date`) are dateparser's,
  and a run over ordinary text does not import dateparser;
- the vocabulary cached on disk equals the one built from the data files, and is built
  again when a data file changes or the cache entry is corrupt.
"""

from __future__ import annotations

import functools
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from battclaims import lexicon as lexicon_module
from battclaims.lexicon import Concepts, Lexicon, cached_lexicon, lexicon, phrase_key
from battclaims.text import Token, TokenWindow, mask, tokenize
from battclaims.times import UNREAD, dateparser_date, read_date

LANGS = ("fr", "en")


def _phrase_tables(lex: Lexicon) -> dict[str, Collection[tuple[str, ...]]]:
    """Every table of phrases (tuples of folded words) the lexicon holds."""
    tables: dict[str, Collection[tuple[str, ...]]] = {}
    for name in dir(lex):
        if name.startswith("_"):
            continue
        value = getattr(lex, name)
        if isinstance(value, (frozenset, dict)) and value and all(
                isinstance(key, tuple) for key in value):
            tables[name] = value
    return tables


def _naive_before(window: TokenWindow, end: int, table: Collection[tuple[str, ...]]
                  ) -> tuple[int, tuple[str, ...]] | None:
    """The look-up as it was: every length, longest first."""
    longest = max(map(len, table), default=0)
    for size in range(min(window.longest, end, longest), 0, -1):
        key = window.words(end - size, end)
        if key in table:
            return end - size, key
    return None


def _naive_after(window: TokenWindow, start: int, table: Collection[tuple[str, ...]]
                 ) -> tuple[int, tuple[str, ...]] | None:
    longest = max(map(len, table), default=0)
    for size in range(min(window.longest, window.n - start, longest), 0, -1):
        key = window.words(start, start + size)
        if key in table:
            return start + size, key
    return None


@functools.cache
def _vocabulary(code: str) -> list[str]:
    """The words of the language's phrases (so that random sentences hit them often)."""
    words = {word for table in _phrase_tables(lexicon(code)).values() for key in table
             for word in key}
    return sorted(words)


SENTENCES = {
    "fr": [
        "D'ici fin 2027, l'usine de Douvrin devrait produire près de 40 GWh par an.",
        "Selon la région, le site emploiera à terme environ 1 200 salariés, dont 300 "
        "ingénieurs, au total.",
        "L'entreprise, qui a levé 2 milliards d'euros il y a deux ans, vise au moins 16 GWh "
        "à partir de 2030.",
        "Cette année, la production a été multipliée par trois au cours des six derniers mois.",
        "Au premier semestre de 2024, la moitié des ventes, soit 12 000 voitures, étaient "
        "électriques.",
    ],
    "en": [
        "By the end of 2026 the plant is expected to make up to 30 GWh a year, according to "
        "the company.",
        "The joint venture, which was announced last year, will employ about 2,000 people "
        "across its sites.",
        "Output rose from 4 GWh in 2022 to more than 9 GWh, up from 3 GWh a year earlier.",
        "Next year, one in five new cars sold in Norway will be built in the region.",
        "The carmaker said on Tuesday that it would invest at least $1.5 billion in its "
        "Kentucky site.",
    ],
}


@pytest.mark.parametrize("code", LANGS)
def test_trie_lookups_equal_naive_lookups_on_written_sentences(code: str) -> None:
    lex = lexicon(code)
    tables = _phrase_tables(lex)
    assert {"hedges_before", "time_relations", "anaphors", "locatives"} <= set(tables)
    for sentence in SENTENCES[code]:
        tokens = tokenize(mask(sentence), 0, lex)
        for longest in (lex.max_phrase, max(lex.max_phrase, 6)):
            window = TokenWindow(tokens, longest)
            for table in tables.values():
                for k in range(-2, len(tokens) + 3):
                    assert window.phrase_before(k, table) == _naive_before(window, k, table)
                    assert window.phrase_after(k, table) == _naive_after(window, k, table)


def _tokens(words: list[str]) -> list[Token]:
    out, at = [], 0
    for word in words:
        out.append(Token("word", word, word, at, at + len(word)))
        at += len(word) + 1
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(LANGS), st.integers(1, 8))
def test_trie_lookups_equal_naive_lookups_on_any_words(data: st.DataObject, code: str,
                                                        longest: int) -> None:
    vocabulary = _vocabulary(code)
    words = data.draw(st.lists(st.one_of(st.sampled_from(vocabulary),
                                         st.sampled_from(["x", "de", "2030", ",", "l'"])),
                               max_size=14))
    window = TokenWindow(_tokens(words), longest)
    for table in _phrase_tables(lexicon(code)).values():
        for k in range(-1, len(words) + 2):
            assert window.phrase_before(k, table) == _naive_before(window, k, table)
            assert window.phrase_after(k, table) == _naive_after(window, k, table)


def test_tokens_keep_elisions_and_offsets() -> None:
    lex = lexicon("fr")
    text = "L’usine d'ACC produira 13,4 GWh d’ici l'an prochain — aujourd'hui."
    tokens = tokenize(text, 10, lex)
    assert [t.text for t in tokens[:4]] == ["L’", "usine", "d'", "ACC"]
    assert [t.low for t in tokens[:3]] == ["l'", "usine", "d'"]
    assert ("d’", "d'") in [(t.text, t.low) for t in tokens]
    assert all(text[t.start - 10 : t.end - 10] == t.text for t in tokens)
    assert [t.kind for t in tokens if t.text == "13,4"] == ["num"]


# --- dates ---------------------------------------------------------------------------------


def _date_texts(code: str) -> list[str]:
    suffixes = {"fr": ["er"], "en": ["st", "th"]}[code]
    texts = []
    for word in sorted(lexicon(code).months):
        for form in (word, word.capitalize(), word.upper()):
            texts += [f"{form} 2025", f"{form}. 2024"]
            for day in (0, 1, 9, 28, 29, 30, 31, 32):
                year = 2024 if day % 2 else 2025  # (a leap year and one that is not)
                texts += [f"{day} {form} {year}", f"{form} {day}, {year}",
                          f"{day}{suffixes[day % len(suffixes)]} {form} {year}"]
    texts += ["12/03/2025", "03/12/2025", "31.01.2024", "29/02/2023", "13/13/2025",
              "mars  2025", "12 mars\n2025", "Mars 12 2025", "1ER mars 2025"]
    return texts


@pytest.mark.parametrize("code", LANGS)
def test_own_date_reader_agrees_with_dateparser(code: str) -> None:
    read = 0
    for text in _date_texts(code):
        own = read_date(text, code)
        if own is not UNREAD:
            read += 1
            assert own == dateparser_date(text, code), text
    assert read > 500  # (the usual shapes are read here, not by dateparser)
    assert read_date("12 mars  2025", code) is UNREAD  # (any other spacing: dateparser's)


def test_extraction_of_an_ordinary_text_does_not_import_dateparser(tmp_path: Path) -> None:
    draft = tmp_path / "brouillon.md"
    draft.write_text("# Point d'étape\n\nLe 12 mars 2025, Verkor a annoncé 16 GWh d'ici "
                     "fin 2026. Depuis janvier 2024, l'usine emploie 1 200 personnes.\n\n"
                     "On March 4, 2025 the company said it would build 20 GWh by 2027.\n",
                     "utf-8")
    code = ("import sys, battclaims\n"
            f"doc = battclaims.extract_file({str(draft)!r})\n"
            "assert doc.quantities, 'no figure read'\n"
            "assert any(q.time and q.time.date for q in doc.quantities)\n"
            "print('dateparser' in sys.modules)\n")
    env = {**os.environ, "BATTCLAIMS_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    assert done.stdout.strip() == "False"


# --- the vocabulary's cache --------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The package's data files copied to a folder the lexicon reads instead, and an
    empty cache folder."""
    import battclaims

    root = tmp_path / "package"
    shutil.copytree(Path(battclaims.__file__).parent / "data", root / "data")
    monkeypatch.setattr(lexicon_module, "DATA", root / "data")
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path / "cache"))
    return root


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("lexicon-*.pickle"))


@pytest.mark.parametrize("code", LANGS)
def test_cached_vocabulary_equals_the_built_one(data_copy: Path, tmp_path: Path, code: str,
                                                same_fields: Any) -> None:
    built = lexicon_module._build(code)
    cold = cached_lexicon(code)
    assert len(_entries(tmp_path)) == 1
    warm = cached_lexicon(code)
    assert warm is not cold and same_fields(warm, cold) and same_fields(cold, built)
    # (words of one length come in the set's order, which is the process's own)
    assert sorted(warm.claim_trigger.pattern.split("|")) == sorted(
        built.claim_trigger.pattern.split("|"))
    assert warm.terms("la capacité de production") == built.terms("la capacité de production")


def test_cache_is_rebuilt_when_a_data_file_changes(data_copy: Path, tmp_path: Path) -> None:
    first = cached_lexicon("fr")
    assert "zzverkorzz" not in first.not_names
    with (data_copy / "data" / "lang" / "fr.yaml").open("a", encoding="utf-8") as out:
        out.write("\nnot_names: [zzverkorzz]\n")  # (the later key wins)
    second = cached_lexicon("fr")
    assert second.not_names == frozenset({"zzverkorzz"})
    assert len(_entries(tmp_path)) == 2  # a new key: the old entry is never read again


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps("a string"),
                                     pickle.dumps({"code": "fr"})[:20]])
def test_corrupt_cache_entry_is_rebuilt(data_copy: Path, tmp_path: Path, garbage: bytes,
                                        same_fields: Any) -> None:
    cached_lexicon("fr")
    [entry] = _entries(tmp_path)
    entry.write_bytes(garbage)
    again = cached_lexicon("fr")
    assert same_fields(again, lexicon_module._build("fr"))
    assert same_fields(pickle.loads(entry.read_bytes()), again)  # written anew


def test_cache_off_writes_nothing(data_copy: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch, same_fields: Any) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", "off")
    assert same_fields(cached_lexicon("en"), lexicon_module._build("en"))
    assert not (tmp_path / "cache").exists()


def test_unknown_language_still_says_so(data_copy: Path) -> None:
    from battclaims.errors import BattclaimsError

    with pytest.raises(BattclaimsError, match="unknown language"):
        cached_lexicon("xx")
    assert phrase_key("d'ici") == ("d'", "ici")


# --- concepts: a word's starts worked out once ---------------------------------------------------

def _plain_starts(concepts: Concepts, word: str) -> list[str]:
    """:meth:`Concepts._starts` by its definition, every prefix looked up each time."""
    found = [word[:k] for k in range(4, len(word) + 1)
             if word[:k] in concepts.first and word[:k] not in concepts.exact]
    for short in (word, word[:-1] if word.endswith("s") else ""):
        if short and (len(short) < 4 or short in concepts.exact) and short in concepts.first:
            found.append(short)
    return found


def _concept_words(code: str) -> list[str]:
    concepts = lexicon(code).concepts
    assert concepts is not None
    return sorted({w for entries in concepts.first.values() for key, _ in entries for w in key})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LANGS), st.data())
def test_concepts_starts_remembered_equal_the_plain_look_up(code: str, data: st.DataObject
                                                             ) -> None:
    concepts = lexicon(code).concepts
    assert concepts is not None
    words = data.draw(st.lists(st.one_of(
        st.sampled_from(_concept_words(code)).flatmap(lambda w: st.sampled_from(
            [w, w + "s", w[:-1], w + "ion", w + "es", w[:4], w[:3]])),
        st.sampled_from(["de", "la", "of", "the", "xyz", ""])), max_size=12))
    for word in words + words:  # (the second time from what was remembered)
        assert list(concepts._starts(word)) == _plain_starts(concepts, word)


def test_concepts_pickled_without_the_words_seen() -> None:
    concepts = Concepts({"capacity": ["capacit", "=cap"], "production": ["production"]})
    assert concepts.concepts(["capacites", "de", "production"]) == ["capacity", "production"]
    assert concepts.known
    again = pickle.loads(pickle.dumps(concepts))
    assert again == concepts and again.known == {}
    assert again.concepts(["cap", "capacite"]) == ["capacity", "capacity"]
