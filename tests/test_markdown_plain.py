"""A Markdown text with no structure that hides prose is read without markdown-it-py (a
typical draft: front matter, headings, paragraphs, links), and that shortcut gives what the
parser gives."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from battclaims.reading.markdown import (
    _STRUCTURE,
    _destination_end,
    _title_end,
    non_prose,
    parsed_non_prose,
)

MARKDOWN = " \t\n\r\xa0#-*+|=_.:)(1234567890aZé>[]<`~!\\&\"'"
LINES = ["# Titre", "## 12 GWh", "Verkor fournira 16 GWh par an.", "- un point", "1. premier",
         "2) second", "| a | b |", "|---|---|", "---", "===", "", "   ", "    indenté",
         "\tindenté", "* **gras** et _italique_", "> cité", "```", "~~~", "<div>", "[lien](x)",
         "-", "3.", "+ item", "Texte 3 * 4 = 12 et 5 > 3", "   - imbriqué"]
LINKED = ["Selon [Les Échos](https://example.org/a), 16 GWh.", "[rapport_2024.pdf](r.pdf)",
          "![graphique](g.png \"titre\")", "Voir [ceci](<a b> 'x') et [cela]", "[x]: /url",
          "[[double]](u)", "[a](b (c) d)", "2030.", "1.", "2025. Renault", "1. premier",
          "*", "+", "--", "- - -", "***", "# Titre [lien](u)", "Verkor [fournira", "16 GWh](u)",
          "", "  ", "===", "---", "  ## 12 GWh", "Texte", "- un point", "a\\](u)", "[b\\]",
          "- [ACC](https://acc.example) : 13 GWh", "1. [lien](u) 16 GWh", "  suite [a](b)",
          "2. suite", "- 1.", "-    [x](y)", "- # titre", "* [a](b)", " - [a](b)", "1) [a](b)"]


def _agrees(text: str) -> None:
    if _STRUCTURE.search(text):
        return
    for indented_code in (True, False):
        comments: list[tuple[int, int]] = []
        assert parsed_non_prose(text, indented_code=indented_code, comments=comments) == []
        assert comments == []
        assert non_prose(text, indented_code=indented_code) == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=MARKDOWN, max_size=120))
def test_no_structure_means_nothing_to_blank_on_any_characters(text: str) -> None:
    _agrees(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_no_structure_means_nothing_to_blank_on_any_lines(lines: list[str]) -> None:
    _agrees("\n".join(lines) + "\n")


def test_structure_is_still_parsed() -> None:
    text = "Verkor fournira 16 GWh ([source](https://x.example/16-gwh)).\n\n> 12 GWh\n"
    assert non_prose(text) == parsed_non_prose(text) != []


def test_a_plain_draft_does_not_import_markdown_it(tmp_path: object) -> None:
    code = ("import sys\nfrom battclaims.documents import parse\n"
            "parse('---\\ntitle: Verkor\\n---\\n\\n# Verkor\\n\\n- 16 GWh par an.\\n', 'a.md')\n"
            "print('markdown_it' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LINKED + LINES), max_size=12))
def test_links_and_lone_markers_read_as_the_parser_reads_them(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    for indented_code in (True, False):
        comments: list[tuple[int, int]] = []
        expected = parsed_non_prose(text, indented_code=indented_code, comments=comments)
        assert non_prose(text, indented_code=indented_code) == expected
        assert comments == []  # (nothing here is HTML)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=MARKDOWN + "()", max_size=120))
def test_any_characters_read_as_the_parser_reads_them(text: str) -> None:
    for indented_code in (True, False):
        assert non_prose(text, indented_code=indented_code) == parsed_non_prose(
            text, indented_code=indented_code)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="<>()\\ \t\n\"'a\x01\x7f", max_size=30), st.integers(0, 30),
       st.integers(0, 30))
def test_link_destinations_and_titles_end_where_markdown_it_ends_them(
        text: str, start: int, end: int) -> None:
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    start, end = min(start, len(text)), min(end, len(text))
    if start >= end:
        return
    destination = parseLinkDestination(text, start, end)
    assert _destination_end(text, start, end) == (destination.pos if destination.ok else None)
    title = parseLinkTitle(text, start, end)
    assert _title_end(text, start, end) == (title.pos if title.ok else None)


def test_a_draft_with_links_and_a_wrapped_year_does_not_import_markdown_it() -> None:
    code = ("import sys\nfrom battclaims.documents import parse\n"
            "parse('---\\ntitle: Verkor\\n---\\n\\n# Verkor\\n\\nSelon [Les Échos]"
            "(https://example.org/verkor), Verkor fournira 16 GWh par an à partir de\\n"
            "2030.\\n', 'a.md')\n"
            "print('markdown_it' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
