"""Reading Markdown and plain text through markdown-it-py: what is prose, what is not.

Every text here is written for these tests (short EV / battery news in French
and English). The view of a Markdown or text document keeps the original's
length and line breaks, so a claim's offsets slice the original text.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import battclaims
from battclaims import documents


def claims(text: str, path: str = "article.md", lang: str = "fr") -> list[battclaims.Claim]:
    result = battclaims.extract(text, path=path, lang=lang)
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
    return list(result.claims)


def figures(text: str, path: str = "article.md", lang: str = "fr") -> list[tuple[str, str | None]]:
    return [(c.text, c.qualifier) for c in claims(text, path, lang)]


def assert_same_shape(text: str, view: str) -> None:
    """The view is the text with some characters turned to spaces, line breaks kept."""
    assert len(view) == len(text)
    assert all(v == t or v == " " for v, t in zip(view, text, strict=True))
    assert [i for i, c in enumerate(view) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]


# --- block quotes ----------------------------------------------------------------------


def test_a_quote_marker_is_not_a_more_than_hedge() -> None:
    text = (
        "Le directeur du site l’a confirmé lundi :\n"
        "\n"
        "> 16 GWh : c’est la capacité que Verkor vise à Dunkerque.\n"
    )
    [claim] = claims(text)
    assert claim.text == "16 GWh"
    assert claim.qualifier is None  # not "> 16 GWh", more than 16 GWh
    assert claim.low is not None and claim.low > 15
    assert claim.line == 3
    assert claim.column == text.split("\n")[2].index("16") + 1
    view = documents.parse(text, "article.md").view
    assert ">" not in view
    assert_same_shape(text, view)


@pytest.mark.parametrize(
    "quoted",
    [
        "> > 40 GWh seront produits à Douvrin d’ici 2030.\n",  # a quote in a quote
        ">> 40 GWh seront produits à Douvrin d’ici 2030.\n",
        "- > 40 GWh seront produits à Douvrin d’ici 2030.\n",  # a quote in a list item
        "> - 40 GWh seront produits à Douvrin d’ici 2030.\n",  # a list in a quote
        "> Selon ACC,\n> > 40 GWh seront produits à Douvrin d’ici 2030.\n",
    ],
)
def test_nested_quote_markers_are_blanked(quoted: str) -> None:
    text = "ACC détaille son calendrier.\n\n" + quoted
    assert figures(text) == [("40 GWh", None)]
    view = documents.parse(text, "a.md").view
    assert ">" not in view
    assert_same_shape(text, view)


def test_a_lazy_line_of_a_quote_keeps_its_text() -> None:
    text = "> Le PDG de Verkor annonce que l’usine produira\n16 GWh par an dès 2025.\n"
    doc = documents.parse(text, "a.md")
    assert doc.view == " " + text[1:]
    assert figures(text) == [("16 GWh par an", None)]


def test_a_more_than_sign_inside_a_sentence_stays() -> None:
    text = "L’autonomie dépasse désormais les 500 km, soit > 400 km en hiver.\n"
    assert documents.parse(text, "a.md").view == text
    assert ("400 km", "lower") in figures(text)


# --- code --------------------------------------------------------------------------------


def test_fenced_code_inside_a_quote_is_not_read() -> None:
    text = (
        "Le communiqué d’ACC, cité tel quel :\n"
        "\n"
        "> La première tranche atteindra 13 GWh.\n"
        ">\n"
        "> ```yaml\n"
        "> capacite: 40 GWh\n"
        "> salaries: 2 000 emplois\n"
        "> ```\n"
        "\n"
        "Le site emploiera 1 800 personnes.\n"
    )
    assert figures(text) == [("13 GWh", None), ("1 800 personnes", None)]
    view = documents.parse(text, "a.md").view
    assert "40" not in view and "2 000" not in view and "```" not in view
    assert_same_shape(text, view)


def test_fenced_code_in_a_list_inside_a_quote_is_not_read() -> None:
    text = (
        "> Les étapes du projet :\n"
        ">\n"
        "> 1. Construire la ligne pilote de 2 GWh.\n"
        ">\n"
        ">    ```\n"
        ">    objectif = 90 GWh\n"
        ">    ```\n"
    )
    assert [c.text for c in claims(text)] == ["2 GWh"]
    assert "90" not in documents.parse(text, "a.md").view


def test_an_indented_block_inside_a_quote_is_code() -> None:
    text = "> Extrait du tableau de bord :\n>\n>     charge = 80 %\n>     autonomie = 450 km\n"
    view = documents.parse(text, "a.md").view
    assert "80" not in view and "450" not in view
    assert claims(text) == []


# --- links, images and file names -------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Le détail figure dans [rapport_2024_v3.pdf](https://exemple.fr/docs/r.pdf).",
        "Le détail figure dans [plan 40 GWh 2030.pdf](https://exemple.fr/docs/plan.pdf).",
        "Le détail figure dans [« usine 40 GWh.xlsx »](docs/usine.xlsx).",
        "Photo : ![](img/usine-2030.png)",
        "Photo : ![Usine de 40 GWh](img/usine.png \"Dunkerque, 2024\")",
        "Photo : ![Usine de 40 GWh][photo]",
        "Le plan : <https://exemple.fr/2030-plan-40-gwh.pdf>.",
        "Le plan : [fiche](https://fr.wikipedia.org/wiki/Plan_(2030)_40_GWh).",
        "Le plan : [fiche](<docs/plan 40 GWh.pdf> \"Plan de 40 GWh\").",
        "Le plan : [fiche][plan].",
        "Le plan : [fiche][].",
    ],
)
def test_file_names_and_link_targets_give_no_claim(line: str) -> None:
    text = (
        f"{line}\n"
        "\n"
        "L’usine de Dunkerque produira 16 GWh.\n"
        "\n"
        "[photo]: img/usine-40-gwh.jpg \"Usine de 40 GWh\"\n"
        "[plan]: https://exemple.fr/plan.pdf 'Plan de 40 GWh en 2030'\n"
        "[fiche]:\n"
        "  docs/fiche-40-gwh.pdf\n"
        "  (Fiche : 40 GWh)\n"
    )
    assert [c.text for c in claims(text)] == ["16 GWh"]


def test_a_link_text_that_is_prose_is_read() -> None:
    text = "Verkor vise [16 GWh à Dunkerque](https://exemple.fr/verkor-16-gwh), selon Les Échos.\n"
    assert [c.text for c in claims(text)] == ["16 GWh"]


def test_the_file_s_own_name_gives_no_claim(tmp_path: Path) -> None:
    for name in ("rapport_2024_v3.md", "usine-40-gwh-2030.txt", "plan 40 GWh 2030.markdown"):
        path = tmp_path / name
        path.write_text("L’usine de Dunkerque produira 16 GWh.\n", encoding="utf-8")
        result = battclaims.extract_file(str(path))
        assert [c.text for c in result.claims] == ["16 GWh"], name
        assert result.title is None


# --- HTML inside Markdown ---------------------------------------------------------------


def test_hidden_html_blocks_and_spans_in_markdown_are_not_read() -> None:
    text = (
        '<div class="encart" hidden>\n'
        "Ancienne estimation : 30 GWh.\n"
        "</div>\n"
        "\n"
        "ACC produira 13 GWh <span style=\"display: none\">(ou 40 GWh)</span> à Douvrin.\n"
        "\n"
        "<nav>Rubriques : 12 dossiers</nav>\n"
        "\n"
        "Le site emploie <!-- vérifier : 2 000 ? --> 1 800 personnes.\n"
    )
    assert [c.text for c in claims(text)] == ["13 GWh", "1 800 personnes"]
    view = documents.parse(text, "a.md").view
    for hidden in ("30", "40", "12", "2 000"):
        assert hidden not in view
    assert_same_shape(text, view)


def test_html_in_a_code_span_hides_nothing() -> None:
    text = "Le widget `<script>` de la page affiche 16 GWh pour Verkor.\n"
    assert [c.text for c in claims(text)] == ["16 GWh"]


def test_visible_html_blocks_in_markdown_are_read() -> None:
    text = '<p class="chapo">La gigafactory produira 24 GWh par an.</p>\n'
    assert documents.parse(text, "a.md").view == text
    assert [c.text for c in claims(text)] == ["24 GWh par an"]


# --- headings and titles -----------------------------------------------------------------


def test_headings_keep_their_markers_and_give_the_title() -> None:
    text = (
        "# Verkor lève 2 milliards d’euros pour Dunkerque\n"
        "\n"
        "L’usine produira 16 GWh par an.\n"
    )
    doc = documents.parse(text, "a.md")
    assert doc.view == text
    assert doc.title == "Verkor lève 2 milliards d’euros pour Dunkerque"
    result = battclaims.extract(text, path="a.md")
    assert [(c.text, c.headline) for c in result.claims] == [
        ("2 milliards d’euros", True),
        ("16 GWh par an", False),
    ]


# --- plain text, standard input and strings ---------------------------------------------

INDENTED = (
    "Verkor a présenté lundi son projet de Dunkerque.\n"
    "\n"
    "    L’usine produira 16 GWh par an à partir de 2025 et emploiera 1 200 personnes.\n"
)


def test_plain_text_files_keep_indented_paragraphs(tmp_path: Path) -> None:
    txt = tmp_path / "verkor.txt"
    txt.write_text(INDENTED, encoding="utf-8")
    assert [c.text for c in battclaims.extract_file(str(txt)).claims] == [
        "16 GWh par an",
        "1 200 personnes",
    ]
    assert documents.parse(INDENTED, "verkor.txt").view == INDENTED


def test_markdown_files_strings_and_stdin_read_indented_lines_as_code(tmp_path: Path) -> None:
    md = tmp_path / "verkor.md"
    md.write_text(INDENTED, encoding="utf-8")
    assert battclaims.extract_file(str(md)).claims == ()
    assert battclaims.extract(INDENTED).claims == ()
    [from_stdin] = battclaims.extract_paths(["-"], stdin=io.BytesIO(INDENTED.encode()))
    assert isinstance(from_stdin, battclaims.Extraction) and from_stdin.claims == ()


def test_plain_text_still_skips_fences_quotes_and_comments() -> None:
    text = (
        "> 16 GWh : l’objectif de Verkor à Dunkerque.\n"
        "\n"
        "```\n"
        "40 GWh\n"
        "```\n"
        "<!-- 12 GWh -->\n"
    )
    assert figures(text, path="note.txt") == [("16 GWh", None)]


# --- the view's shape, laziness, speed ---------------------------------------------------


def test_a_rich_document_keeps_its_length_and_line_breaks() -> None:
    text = (
        "---\r\ntitle: Batteries\r\n---\r\n"
        "# Douai accélère\r\n\r\n"
        "> Envision/AESC vise 9 GWh.\r\n> > Puis 24 GWh.\r\n\r\n"
        "| Site | Capacité |\r\n|---|---|\r\n| Douai | 9 GWh |\r\n\r\n"
        "- [rapport.pdf](r.pdf)\r\n- ![x](y.png)\r\n\r\n"
        "~~~\r\n12 GWh\r\n~~~\r\n"
        "[r]: https://exemple.fr \"40 GWh\"\r\n"
    )
    doc = documents.parse(text, "a.md")
    assert_same_shape(text, doc.view)
    result = battclaims.extract(text, path="a.md", lang="fr")
    assert [c.text for c in result.claims] == ["9 GWh", "24 GWh", "9 GWh"]
    assert [c.line for c in result.claims] == [6, 7, 11]
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text


MARKDOWN_PIECES = [
    "> ", ">", "- ", "1. ", "    ", "\t", "```", "~~~", "\n", "\n\n", "\r\n", "#", "[", "]",
    "(", ")", "![", "](", "<", ">", "<!--", "-->", "<div hidden>", "</div>", "<nav>", "`",
    "16 GWh", "Verkor", "2030", "---", "+++", "{", "}", "|", "*", "_", "\\", '"', "x.pdf",
    "[r]: ", "<https://x.fr/40>", "<script>", "&amp;", " ",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=80)
              .map("".join)),
    st.sampled_from(["a.md", "a.txt"]),
)
def test_the_view_always_has_the_text_s_shape(text: str, path: str) -> None:
    try:
        doc = documents.parse(text, path)
    except battclaims.InputError:  # a broken front matter: an input error, no traceback
        return
    assert_same_shape(text, doc.view)


def test_importing_battclaims_does_not_import_markdown_it() -> None:
    code = (
        "import sys, battclaims; print('markdown_it' in sys.modules); "
        "battclaims.extract('<p>16 GWh</p>', html=True); print('markdown_it' in sys.modules); "
        "battclaims.extract('Verkor vise 16 GWh.'); print('markdown_it' in sys.modules); "
        "battclaims.extract('Verkor vise [16 GWh](https://x.example).'); "
        "print('markdown_it' in sys.modules); "
        "battclaims.extract('Verkor vise 16 GWh.\\n\\n> 12 GWh, dit-il.'); "
        "print('markdown_it' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    # parsed only when there is structure that needs the parser (a link does not)
    assert out == ["False", "False", "False", "False", "True"]


def _article(size: int) -> str:
    pieces = [
        "## Verkor à Dunkerque\n\n",
        "L’usine produira 16 GWh par an dès 2025 et emploiera 1 200 personnes. " * 3 + "\n\n",
        "> La capacité passera à 50 GWh en 2030, selon [le rapport](https://x.fr/r_(1).pdf).\n\n",
        "```\ncapacite = 12 GWh\n```\n\n",
        "- ACC à Douvrin : 13 GWh\n- AESC à Douai : 9 GWh\n\n",
        "<div hidden>30 GWh</div>\n\n| Site | GWh |\n|---|---|\n| Douai | 9 |\n\n",
    ]
    text = ""
    while len(text) < size:
        text += "".join(pieces)
    return text[:size]


def test_a_50_kb_markdown_file_is_read_in_milliseconds() -> None:
    text = _article(50_000)
    documents.parse(text, "a.md")  # the first call imports markdown-it-py
    started = time.perf_counter()
    doc = documents.parse(text, "a.md")
    elapsed = time.perf_counter() - started
    assert len(doc.view) == len(text)
    assert elapsed < 0.5, elapsed  # about 10 ms on a laptop


@pytest.mark.parametrize(
    "text",
    [
        "[" * 25_000 + "]" * 25_000,
        "[a](" * 12_000,
        "Le prix a <b c " * 8_000,
        "<!-- " * 10_000,
        "> " * 20_000 + "16 GWh",
        "".join(">" * i + " 16 GWh\n" for i in range(300)),
    ],
    ids=["brackets", "open-links", "open-tags", "open-comments", "quotes", "deep-quotes"],
)
def test_pathological_markdown_stays_fast(text: str) -> None:
    started = time.perf_counter()
    doc = documents.parse(text, "a.md")
    assert time.perf_counter() - started < 3.0
    assert len(doc.view) == len(text)


def test_a_hiding_element_around_markdown_blocks_hides_them() -> None:
    text = ("# Verkor\n\n<div style=\"display: none\">\n\n"
            "Verkor fournira 99 GWh par an au groupe Renault dès 2025.\n\n"
            "<div>\n\nUn bloc imbriqué : 98 GWh.\n\n</div>\n\n"
            "Encore caché : 97 GWh.\n\n</div>\n\n"
            "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n")
    assert [c.text for c in battclaims.extract(text, path="a.md").quantities] == [
        "16 GWh par an"]
    unclosed = "Verkor fournira 16 GWh par an.\n\n<div hidden>\n\nCaché : 99 GWh.\n"
    assert [c.text for c in battclaims.extract(unclosed, path="a.md").quantities] == [
        "16 GWh par an"]
