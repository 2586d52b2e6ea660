"""Documents are streamed: read one after the other as the output is written, each
document's JSON written a claim at a time, the same bytes as the whole document dumped."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from battclaims import extract
from battclaims.api import extract_paths
from battclaims.errors import InputError
from battclaims.model import Extraction
from battclaims.render import Output, dumps
from battclaims.render.json import JSONLinesRenderer, JSONRenderer

ARTICLE = """---
title: "Gigafactories : le Nord accélère"
published: 2024-06-12
source: https://example.org/nord
---

# Gigafactories : le Nord accélère

ACC a ouvert à Billy-Berclau une usine de 13 GWh par an, qui emploie déjà 600 personnes.
Verkor fournira 16 GWh par an au groupe Renault dès 2025, pour environ 2 milliards
d'euros d'investissement. « Nous visons 3 000 emplois d'ici 2030 », dit son président.

Envision AESC produira 9 GWh à Douai ; l'entreprise prévoit entre 30 et 40 GWh en 2030.
"""

QUIET = "# Un billet\n\nLa journée fut calme sur le marché des batteries.\n"
ENGLISH = ("# Berlin\n\nTesla builds about 5,000 Model Y a week in Grünheide, where "
           "12,000 people work; the plant cost 5 billion euros (€5bn).\n")


@pytest.mark.parametrize("text", [ARTICLE, QUIET, ENGLISH])
def test_json_document_is_written_claim_by_claim_with_the_same_bytes(text: str) -> None:
    extraction = extract(text, path="draft.md")
    stream = io.StringIO()
    renderer = JSONRenderer(Output(stream))
    renderer.begin()
    renderer.document(extraction)
    renderer.document(extraction)
    renderer.end()
    whole = dumps(extraction.to_dict(), indent=2)
    assert stream.getvalue() == f'{{"version": 1, "documents": [\n{whole},\n{whole}\n]}}\n'
    assert json.loads(stream.getvalue())["documents"][0] == json.loads(whole)


def test_json_of_a_non_finite_value_is_null_as_in_the_whole_document() -> None:
    claim = extract(ARTICLE).claims[0]
    odd = Extraction(path="x.md", lang="fr", published=None,
                     claims=(claim.__class__(**{**claim.__dict__, "value": float("nan")}),))
    stream = io.StringIO()
    JSONRenderer(Output(stream)).document(odd)
    assert stream.getvalue() == "\n" + dumps(odd.to_dict(), indent=2)
    assert '"value": null' in stream.getvalue()


def test_json_lines_come_as_each_document_is_given() -> None:
    stream = io.StringIO()
    renderer = JSONLinesRenderer(Output(stream))
    renderer.begin()
    first = extract(ARTICLE, path="a.md")
    renderer.document(first)
    written = stream.getvalue().splitlines()
    assert len(written) == len(first.claims) > 3
    assert {json.loads(line)["path"] for line in written} == {"a.md"}
    renderer.document(extract(ENGLISH, path="b.md"))
    assert json.loads(stream.getvalue().splitlines()[-1])["path"] == "b.md"


def test_a_folder_is_read_as_its_results_are_taken(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(ARTICLE, "utf-8")
    results = extract_paths([str(tmp_path)])
    first = next(results)
    assert isinstance(first, Extraction) and first.path and first.path.endswith("a.md")
    (tmp_path / "c.md").unlink()  # not read yet: one file at a time
    second, third = list(results)
    assert isinstance(second, Extraction)
    assert isinstance(third, InputError) and third.message == "no such file"
