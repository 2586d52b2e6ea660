"""Reading HTML: hidden and non-content elements are skipped, offsets stay exact.

Every page here is written for these tests (short EV / battery news in French
and English). A claim's ``start:end`` always slices its text out of the HTML
file; the view maps back to the file character by character.
"""

from __future__ import annotations

import time

import pytest

import battclaims
from battclaims import documents

VISIBLE = "<p>Verkor produira 16 GWh par an à Dunkerque.</p>"


def claims(html: str, lang: str = "fr") -> list[battclaims.Claim]:
    result = battclaims.extract(html, path="page.html", lang=lang)
    for claim in result.claims:
        if "&" not in html[claim.start : claim.end]:
            assert html[claim.start : claim.end] == claim.text
        assert claim.line == html.count("\n", 0, claim.start) + 1
    return list(result.claims)


def assert_origin_exact(html: str) -> None:
    """Every character of the view comes from the same character of the file, or from
    an entity or a tag (a line break for a block element)."""
    doc = documents.parse(html, "page.html")
    assert doc.origin is not None and doc.origin_end is not None
    assert len(doc.origin) == len(doc.origin_end) == len(doc.view)
    for i, char in enumerate(doc.view):
        source = html[doc.origin[i] : doc.origin_end[i]]
        if char == "\n" and not source:
            assert html[doc.origin[i]] == "<"  # a block element's tag
        else:
            assert source == char or source.startswith("&"), (i, char, source)


@pytest.mark.parametrize(
    "hidden",
    [
        "<p hidden>Ancienne estimation : 40 GWh.</p>",
        '<p hidden="hidden">Ancienne estimation : 40 GWh.</p>',
        '<div style="display:none"><p>Ancienne estimation : 40 GWh.</p></div>',
        '<div style="color: grey; display: none;">Ancienne estimation : 40 GWh.</div>',
        '<div style="DISPLAY : NONE">Ancienne estimation : 40 GWh.</div>',
        '<span style="visibility:hidden">Ancienne estimation : 40 GWh.</span>',
        '<span style="visibility: hidden">Ancienne estimation : 40 GWh.</span>',
        '<span aria-hidden="true">Ancienne estimation : 40 GWh.</span>',
        "<nav><ul><li><a href='/usines'>Les 40 GWh du Nord</a></li></ul></nav>",
        "<footer><p>© 2024 Exemple Médias – 40 GWh de newsletters</p></footer>",
        "<pre>capacite = 40 GWh\nsalaries = 2 000</pre>",
        "<p>Le champ <code>capacite = 40 GWh</code> est renseigné.</p>",
    ],
    ids=[
        "hidden", "hidden=hidden", "display:none", "display: none;", "DISPLAY : NONE",
        "visibility:hidden", "visibility: hidden", "aria-hidden", "nav", "footer", "pre",
        "code",
    ],
)
def test_hidden_and_non_content_elements_are_not_read(hidden: str) -> None:
    html = f'<html lang="fr"><body>\n{hidden}\n{VISIBLE}\n</body></html>'
    [claim] = claims(html)
    assert claim.text == "16 GWh par an"
    assert claim.start == html.index("16 GWh")
    doc = documents.parse(html, "page.html")
    assert "40" not in doc.view and "2 000" not in doc.view
    assert "Verkor produira 16 GWh" in doc.view
    assert_origin_exact(html)


@pytest.mark.parametrize(
    "shown",
    [
        '<p aria-hidden="false">Verkor produira 16 GWh par an.</p>',
        '<p style="display: block">Verkor produira 16 GWh par an.</p>',
        '<p data-hidden="1" class="hidden-mobile">Verkor produira 16 GWh par an.</p>',
    ],
)
def test_visible_elements_that_look_hidden_are_read(shown: str) -> None:
    assert [c.text for c in claims(f"<body>{shown}</body>")] == ["16 GWh par an"]


def test_text_after_a_hidden_element_keeps_exact_offsets() -> None:
    html = (
        "<article>\n"
        "<h1>Verkor accélère</h1>\n"
        '<p>Verkor produira <span hidden>40</span>16&nbsp;GWh par an<span aria-hidden="true">'
        " (12 GWh)</span> et emploiera 1 200 personnes.</p>\n"
        "<footer>Mis à jour le 12 mars, 3 commentaires</footer>\n"
        "</article>"
    )
    result = claims(html)
    assert [c.text.replace("\u00a0", " ") for c in result] == ["16 GWh par an", "1 200 personnes"]
    first, second = result
    assert html[first.start : first.end] == "16&nbsp;GWh par an"
    assert (first.line, first.column) == (3, html.split("\n")[2].index("16&") + 1)
    assert first.sentence == "Verkor produira 16\u00a0GWh par an et emploiera 1 200 personnes."
    assert html[second.start : second.end] == "1 200 personnes"
    assert_origin_exact(html)


# --- unclosed, void and self-closed elements ----------------------------------------------


def test_an_unclosed_nav_ends_with_its_parent() -> None:
    html = (
        "<body><div class='menu'><nav><a href='/'>Accueil</a> · 40 rubriques</div>\n"
        f"{VISIBLE}</body>"
    )
    assert [c.text for c in claims(html)] == ["16 GWh par an"]
    assert_origin_exact(html)


def test_an_unclosed_nav_ends_where_the_article_begins() -> None:
    html = f"<body><nav><ul><li>40 rubriques</ul>\n<article>{VISIBLE}</article></body>"
    assert [c.text for c in claims(html)] == ["16 GWh par an"]


def test_an_unclosed_hidden_span_ends_with_its_paragraph() -> None:
    html = f"<body><p>Rappel <span hidden>40 GWh en 2030</p>{VISIBLE}</body>"
    assert [c.text for c in claims(html)] == ["16 GWh par an"]


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li hidden>Ancien objectif : 40 GWh<li>Verkor produira 16 GWh par an.</ul>",
        "<p hidden>Ancien objectif : 40 GWh<p>Verkor produira 16 GWh par an.",
        "<p hidden>Ancien objectif : 40 GWh<div>Verkor produira 16 GWh par an.</div>",
        "<dl><dt hidden>40 GWh<dd>Verkor produira 16 GWh par an.</dl>",
        "<table><tr><td hidden>40 GWh<td>Verkor produira 16 GWh par an.</table>",
        "<table><tr hidden><td>40 GWh<tr><td>Verkor produira 16 GWh par an.</table>",
    ],
    ids=["li", "p-p", "p-div", "dt-dd", "td", "tr"],
)
def test_an_element_left_open_ends_at_its_next_sibling(html: str) -> None:
    assert [c.text for c in claims(html)] == ["16 GWh par an"]
    assert_origin_exact(html)


@pytest.mark.parametrize(
    "before",
    [
        '<img hidden src="/img/usine-40-gwh.png" alt="40 GWh">',
        '<input type="hidden" name="capacite" value="40 GWh">',
        "<br hidden>",
        "<hr aria-hidden='true'>",
        '<div hidden/><span style="display:none"/>',
        "</nav></footer></code>",  # end tags with nothing open are ignored
    ],
    ids=["img", "input", "br", "hr", "self-closed", "stray-end-tags"],
)
def test_void_self_closed_and_stray_tags_hide_nothing_after_them(before: str) -> None:
    html = f"<body>{before}{VISIBLE}<p>Le site emploiera 1 200 personnes.</p></body>"
    assert [c.text for c in claims(html)] == ["16 GWh par an", "1 200 personnes"]


def test_an_unclosed_comment_runs_to_the_end_of_the_page() -> None:
    html = f"<body>{VISIBLE}<!-- brouillon : 40 GWh\n<p>1 200 personnes</p></body>"
    assert [c.text for c in claims(html)] == ["16 GWh par an"]
    assert "1 200" not in documents.parse(html, "page.html").view


def test_script_style_and_head_are_still_skipped() -> None:
    html = (
        "<html><head><title>Verkor : 16 GWh</title><style>.x{width:40px}</style></head>"
        "<body><script>var gwh = 40;</script><noscript>40 GWh</noscript>"
        f"<template><p>40 GWh</p></template><svg><title>40 GWh</title></svg>{VISIBLE}"
        "</body></html>"
    )
    doc = documents.parse(html, "page.html")
    assert doc.title == "Verkor : 16 GWh"
    assert "40" not in doc.view
    assert [c.text for c in claims(html)] == ["16 GWh par an"]


# --- file names ---------------------------------------------------------------------------


def test_a_link_that_names_a_file_is_not_read() -> None:
    html = (
        "<body><p>Téléchargez <a href='/docs/plan-40-gwh-2030.pdf'>plan 40 GWh 2030.pdf</a> "
        "ou <a href='/docs/r.xlsx'><b>rapport_2024_v3.xlsx</b></a>.</p>"
        f"{VISIBLE}<p>Voir <a href='/verkor'>les 1 200 emplois de Verkor</a>.</p></body>"
    )
    assert [c.text for c in claims(html)] == ["16 GWh par an", "1 200 emplois"]
    assert_origin_exact(html)


def test_text_after_the_last_tag_keeps_its_less_than_signs() -> None:
    html = f"{VISIBLE}\nSelon ACC, <ou plutôt son PDG, le site emploiera 1 200 personnes."
    doc = documents.parse(html, "page.html")
    assert doc.view.endswith("\nSelon ACC, <ou plutôt son PDG, le site emploiera 1 200 personnes.")
    assert [c.text for c in claims(html)] == ["16 GWh par an", "1 200 personnes"]
    assert_origin_exact(html)


# --- speed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    ["<p>Le prix a <b c " * 8_000, "<p>Le prix a <b c " * 8_000 + ">", "<b>" * 15_000],
    ids=["open-tags", "open-tags-closed-at-the-end", "deep-inline"],
)
def test_pathological_html_stays_fast(html: str) -> None:
    started = time.perf_counter()
    documents.parse(html, "page.html")
    assert time.perf_counter() - started < 3.0
