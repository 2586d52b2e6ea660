"""Sorted data files searched as bytes (battclaims.lines, lexicon.Words) answer as a set of
their lines would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from battclaims.lexicon import Words, common_words
from battclaims.lines import find
from battclaims.package_data import DATA

WORD = st.text(alphabet="abcéè'-z\u00e0", max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.lists(WORD, max_size=30), st.lists(WORD, max_size=10), st.booleans())
def test_words_are_the_set_of_their_lines(listed: list[str], asked: list[str],
                                          header: bool) -> None:
    words = sorted(set(listed) - {""})
    data = ("# a header\n# of two lines\n" if header else "") + "".join(f"{w}\n" for w in words)
    found = Words(data.encode("utf-8"))
    assert len(found) == len(words) and sorted(found) == words
    for word in [*asked, *words, ""]:
        assert (word in found) == (word in set(words))
        assert (word in found) == (word in set(words))  # (answered again, from memory)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(WORD.filter(bool), st.text(alphabet="xyz", max_size=3), max_size=20),
       WORD)
def test_a_table_row_is_found_by_its_first_column(rows: dict[str, str], asked: str) -> None:
    body = "".join(f"{key}\t{value}\n" for key, value in sorted(rows.items()))
    data = ("key\tvalue\n" + body).encode("utf-8")
    first = data.index(b"\n") + 1
    for key in [asked, *rows]:
        start = find(data, first, key.encode("utf-8"), b"\t")
        if key in rows:
            assert start is not None
            assert data[start:data.index(b"\n", start)].decode("utf-8") == f"{key}\t{rows[key]}"
        else:
            assert start is None


def test_the_shipped_word_lists() -> None:
    for lang in ("fr", "en"):
        text = (DATA / "lang" / f"{lang}.words.txt").read_text("utf-8")
        listed = [line for line in text.splitlines() if line and not line.startswith("#")]
        words = common_words(lang)
        assert len(words) == len(listed) > 10_000
        assert all(word in words for word in listed[::97])
        assert all(word + "zq" not in words for word in listed[::97])
    assert "usine" in common_words("fr") and "factory" in common_words("en")
    assert "usine" not in common_words("en") and "Usine" not in common_words("fr")
