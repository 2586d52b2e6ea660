"""A Markdown text with no structure that hides prose is read without markdown-it-py (a
typical draft: front matter, headings, paragraphs), and that shortcut gives what the
parser gives."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from battclaims.reading.markdown import _STRUCTURE, non_prose, parsed_non_prose

MARKDOWN = " \t\n\r#-*+|=_.:)(1234567890aZé>[]<`~!\\&\"'"
LINES = ["# Titre", "## 12 GWh", "Verkor fournira 16 GWh par an.", "- un point", "1. premier",
         "2) second", "| a | b |", "|---|---|", "---", "===", "", "   ", "    indenté",
         "\tindenté", "* **gras** et _italique_", "> cité", "```", "~~~", "<div>", "[lien](x)",
         "-", "3.", "+ item", "Texte 3 * 4 = 12 et 5 > 3", "   - imbriqué"]


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
