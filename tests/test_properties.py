"""Property tests: extraction never raises and offsets always slice back."""

from __future__ import annotations

import json
import math
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import battclaims
from battclaims.errors import InputError

EXAMPLES = int(os.environ.get("BATTCLAIMS_HYPOTHESIS_EXAMPLES", "0")) or None
"""Examples per property test; the defaults keep the suite fast, and
``BATTCLAIMS_HYPOTHESIS_EXAMPLES=20000`` runs them long."""

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


@settings(max_examples=EXAMPLES or 400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
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


@settings(max_examples=EXAMPLES or 150, deadline=None)
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


# --- hostile numbers: text-like compositions of figures -------------------------------------
SEPARATORS = [" ", "\u00a0", "\u202f", ",", ".", "'", "’", ""]
SIGNS = ["", "", "-", "+", "−", "moins ", "minus ", "(-", "- "]
SCALES = ["", "", "millions", "million", "milliard", "milliards", "bn", "k", "M", "mds",
          "billion", "thousand", "mille", "e6", "e-3", "×10⁶", "^3", "%"]
UNITS = ["", "GWh", "GWh/an", "%", "€", "$", "d'euros", "euros", "voitures", "vehicles",
         "véhicules par an", "kWh", "MW", "points de pourcentage", "percentage points",
         "emplois", "jobs", "ans", "years", "jours", "days", "tonnes", "hectares"]
HEDGES = ["", "", "environ", "près de", "about", "nearly", "plus de", "up to", "jusqu'à",
          "more than", "moins de", "less than", "just under", "un peu moins de", "~",
          "at least", "au moins", "d'ici", "within", "dans", "il y a", "some"]
FILLER = ["", "L'usine", "The plant", "ACC", "Renault", "produira", "will produce", "en",
          "in", "by", "d'ici", "2030", "2024", "fin 2026", "par an", "a year", ",", ".",
          ";", "et", "and", "ou", "or", "soit", "(", ")", "—", "-", "à", "to", "de", "from",
          "entre", "between", "contre", "versus", "\n", "\n\n", "dont", "of which"]
MARKUP = ["", "**", "*", "_", "`", "# ", "## ", "- ", "1. ", "> ", "| ", " |",
          "[lien](http://x.fr/12)", "<b>", "</b>", "<p>", "</p>", "&nbsp;", "&#8239;",
          "<br>", "<!-- 12 -->", "---\n", "```\n", "\n```", "<span class='n'>"]

digit_groups = st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1,
                        max_size=5)


@st.composite
def number_strings(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 30)) == 0:  # now and then a figure too large to hold
        return draw(st.sampled_from(["9", "1", "4"])) * draw(st.integers(290, 700))
    groups = draw(digit_groups)
    text = draw(st.sampled_from(SEPARATORS)).join(groups)
    if draw(st.booleans()):
        text += draw(st.sampled_from([",", "."])) + draw(st.text("0123456789", min_size=1,
                                                                   max_size=4))
    return draw(st.sampled_from(SIGNS)) + text


@st.composite
def figures(draw: st.DrawFn) -> str:
    number = draw(number_strings())
    shape = draw(st.integers(0, 5))
    if shape == 0:  # a range
        second = draw(number_strings())
        opener, joiner = draw(st.sampled_from([("entre", "et"), ("between", "and"),
                                               ("de", "à"), ("from", "to"), ("", "-"),
                                               ("", "–"), ("", "à"), ("", "to"),
                                               ("", "ou"), ("", "or")]))
        spaced = draw(st.sampled_from([" ", ""])) if joiner in "-–" else " "
        number = f"{opener} {number}{spaced}{joiner}{spaced}{second}".strip()
    words = [draw(st.sampled_from(HEDGES)), number, draw(st.sampled_from(SCALES)),
             draw(st.sampled_from(UNITS))]
    return " ".join(w for w in words if w)


digit_soup = st.text("0123456789 ,.'’\u00a0\u202f-+−eE^×%€$k", max_size=40)
pieces = st.one_of(figures(), st.sampled_from(FILLER), st.sampled_from(MARKUP),
                   st.sampled_from(WORDS), digit_soup)
hostile_texts = st.lists(pieces, max_size=25).flatmap(
    lambda parts: st.sampled_from([" ", "", "\u00a0"]).map(lambda glue: glue.join(parts)))


def check_claims(doc: battclaims.Extraction, text: str, html: bool) -> None:
    for c in doc.claims:
        if html:
            assert 0 <= c.start <= c.end <= len(text)
        else:
            assert text[c.start : c.end] == c.text
        for number in (c.value, c.low, c.high):
            assert number is None or math.isfinite(number), c
        if c.value is not None:
            assert c.low is None or c.low <= c.value, c
            assert c.high is None or c.value <= c.high, c
        if c.low is not None and c.high is not None:
            assert c.low <= c.high, c
    json.dumps(doc.to_dict(), allow_nan=False)  # finite: valid JSON


@settings(max_examples=EXAMPLES or 150, suppress_health_check=list(HealthCheck),
          deadline=None)
@given(hostile_texts, st.sampled_from(["fr", "en"]), st.booleans(),
       st.sampled_from([None, "2024-08-01"]))
def test_hostile_numbers_read_finite_ordered_bounds(text: str, lang: str, html: bool,
                                                     published: str | None) -> None:
    source = f"<html><body><p>{text}</p></body></html>" if html else text
    try:
        doc = battclaims.extract(source, lang=lang, html=html, published=published)
    except InputError:  # (a front matter that does not parse: an input error, by design)
        assert source.startswith(("---", "+++", "{"))
        return
    check_claims(doc, source, html)
