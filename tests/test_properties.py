"""Property tests: extraction never raises and offsets always slice back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import battclaims

WORDS = [
    "500", "000", "1,5", "2.5", "12", "GWh", "par", "an", "a", "year", "millions", "milliard",
    "d’euros", "€", "$", "%", "de", "des", "milliers", "véhicules", "vehicles", "douze",
    "twelve", "vingt-et-un", "R5", "2030", "en", "by", "3e", "-", "/", "k", "bn", "M€",
    "à", "14h30", "http://x.fr/12", "#Tag2030", "(", ")", "«", "»", "\n", "\n\n", ".", ",",
    "plusieurs", "hectares", "un", "une", "one", "of", "the", "Model", "3", "\u00a0", "\u202f",
    "tous", "les", "ans", "annual", "capacity", "```", "`", "---", "date", "2024-08", "🔋",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=60).map("".join),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts, st.sampled_from(["fr", "en", None]))
def test_extraction_never_raises_and_offsets_slice_back(text: str, lang: str | None) -> None:
    doc = battclaims.extract(text, lang=lang)
    lines = text.split("\n")
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text
        assert lines[q.line - 1][q.column - 1 :].startswith(q.text.split("\n")[0])
        assert q.value is None or q.value == q.value  # never NaN
        assert q.vague == (q.value is None)
        start, end = q.highlight
        assert q.sentence[start:end].replace(" ", "") == q.text.replace("\n", "").replace(
            "\r", ""
        ).replace("\t", "").replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_html_extraction_never_raises(text: str) -> None:
    html = f"<html><body><p>{text}</p><p>500&nbsp;000 v&eacute;hicules</p></body></html>"
    doc = battclaims.extract(html, html=True, lang="fr")
    for q in doc.quantities:
        assert 0 <= q.start < q.end <= len(html)


def test_a_broken_html_declaration_is_markup_not_a_crash() -> None:
    html = "<html><body><p><![</p><p>500&nbsp;000 v&eacute;hicules</p></body></html>"
    doc = battclaims.extract(html, html=True, lang="fr")
    assert [(q.text, q.value) for q in doc.quantities] == [("500\xa0000 véhicules", 500000.0)]
