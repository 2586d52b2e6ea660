"""Tests of the document reading layer: decoding, Markdown/text, HTML, files, directories.

Every text here is written for these tests (short EV / battery news snippets in
French and English). Files are created under ``tmp_path``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import battclaims
from battclaims import documents
from battclaims.errors import BattclaimsError, InputError

BOM = b"\xef\xbb\xbf"


# --- helpers ---------------------------------------------------------------------------


def write(directory: Path, name: str, data: bytes | str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def values(extraction: battclaims.Extraction) -> list[tuple[float | None, str | None]]:
    return [(q.value, q.unit) for q in extraction.quantities]


def full(extraction: battclaims.Extraction) -> list[tuple]:
    return [
        (q.text, q.start, q.end, q.line, q.column, q.value, q.unit) for q in extraction.quantities
    ]


def assert_offsets_consistent(text: str, extraction: battclaims.Extraction) -> None:
    """For plain text and Markdown: offsets, line and column agree with the text."""
    lines = text.split("\n")
    for q in extraction.quantities:
        assert text[q.start : q.end] == q.text
        line = lines[q.line - 1]
        assert line[q.column - 1 :].startswith(q.text.split("\n")[0])
        assert sum(len(x) + 1 for x in lines[: q.line - 1]) + q.column - 1 == q.start


def same_newlines(a: str, b: str) -> bool:
    def breaks(s: str) -> list[int]:
        return [i for i, c in enumerate(s) if c in "\r\n"]

    return breaks(a) == breaks(b)


FRENCH_ARTICLE = (
    "À Douvrin, la coentreprise ACC prévoit une capacité de 40 GWh par an.\n"
    "\n"
    "Le projet coûte 150 millions d’euros et créera 2 000 emplois.\n"
    "Chaque batterie pèse 450 kg.\n"
)


# --- 1. UTF-8 with and without BOM, code points, CRLF -----------------------------------


def test_bom_and_no_bom_give_same_quantities(tmp_path: Path) -> None:
    plain = write(tmp_path, "sans_bom.txt", FRENCH_ARTICLE.encode("utf-8"))
    with_bom = write(tmp_path, "avec_bom.txt", BOM + FRENCH_ARTICLE.encode("utf-8"))

    a = battclaims.extract_file(str(plain))
    b = battclaims.extract_file(str(with_bom))

    assert values(a) == [
        (40.0, "gigawatt_hour / year"),
        (150_000_000.0, "EUR"),
        (2000.0, "job"),
        (450.0, "kilogram"),
    ]
    assert full(a) == full(b)
    # the BOM is not part of the text offsets point into
    doc = documents.read(str(with_bom))
    assert doc.text == FRENCH_ARTICLE
    assert not doc.view.startswith("\ufeff")
    assert a.quantities[0].line == 1
    assert a.quantities[0].column == FRENCH_ARTICLE.index("40 GWh") + 1
    assert_offsets_consistent(FRENCH_ARTICLE, b)


def test_decode_strips_bom_with_default_and_explicit_utf8() -> None:
    text = "L’usine de Dunkerque vise 16 GWh."
    assert documents.decode(BOM + text.encode(), "x.txt") == text
    assert documents.decode(text.encode(), "x.txt") == text
    assert documents.decode(BOM + text.encode(), "x.txt", encoding="utf-8") == text


def test_bom_file_with_front_matter_keeps_metadata(tmp_path: Path) -> None:
    text = "---\npublished: 2024-05-02\nlang: fr\n---\nLa gigafactory produira 24 GWh par an.\n"
    path = write(tmp_path, "fm.md", BOM + text.encode())
    result = battclaims.extract_file(str(path))
    assert result.published == "2024-05-02"
    assert result.lang == "fr"
    assert values(result) == [(24.0, "gigawatt_hour / year")]
    assert result.quantities[0].line == 5


def test_columns_count_code_points_not_bytes(tmp_path: Path) -> None:
    line1 = "Énergie"
    line2 = "🔋⚡ Éclairage : à Béthune, l’usine stockera 40 GWh d’électricité."
    text = f"{line1}\n{line2}\n"
    path = write(tmp_path, "emoji.txt", text)
    result = battclaims.extract_file(str(path))

    assert len(result.quantities) == 1
    q = result.quantities[0]
    assert q.text == "40 GWh"
    assert q.line == 2
    expected_column = line2.index("40 GWh") + 1
    assert q.column == expected_column
    # bytes would give a larger column: the emoji are 4 bytes, the accents 2
    assert len(line2[: expected_column - 1].encode()) + 1 > expected_column
    assert q.start == len(line1) + 1 + line2.index("40")
    assert text[q.start : q.end] == "40 GWh"


def test_crlf_line_numbers_and_columns(tmp_path: Path) -> None:
    lines = [
        "Renault annonce 500 000 véhicules par an.",
        "",
        "La batterie de la R5 offre 52 kWh.",
        "Autre sujet sans chiffre.",
        "Le pack pèse 326 kg.",
    ]
    lf_text = "\n".join(lines) + "\n"
    crlf_text = "\r\n".join(lines) + "\r\n"
    crlf = battclaims.extract_file(str(write(tmp_path, "crlf.txt", crlf_text)))
    lf = battclaims.extract_file(str(write(tmp_path, "lf.txt", lf_text)))

    assert [(q.line, q.column, q.text) for q in crlf.quantities] == [
        (1, lines[0].index("500") + 1, "500 000 véhicules par an"),
        (3, lines[2].index("52") + 1, "52 kWh"),
        (5, lines[4].index("326") + 1, "326 kg"),
    ]
    assert [(q.line, q.column) for q in crlf.quantities] == [
        (q.line, q.column) for q in lf.quantities
    ]
    assert values(crlf) == values(lf)
    for q in crlf.quantities:
        assert crlf_text[q.start : q.end] == q.text


def test_crlf_wrapped_quantity_same_as_lf() -> None:
    lf = "Le projet de Douai coûte 150 millions\nd’euros selon la direction.\n"
    crlf = lf.replace("\n", "\r\n")
    assert values(battclaims.extract(lf)) == [(150_000_000.0, "EUR")]
    assert values(battclaims.extract(crlf)) == [(150_000_000.0, "EUR")]


# --- 2. binary, invalid UTF-8, other encodings ------------------------------------------


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 40 >>\nstream\n\x00\x01\x02\x00x\x9c"
    path = write(tmp_path, "rapport.txt", data)
    with pytest.raises(InputError) as info:
        documents.read(str(path))
    assert "binary" in info.value.message
    assert info.value.path == str(path)
    with pytest.raises(InputError, match="binary"):
        battclaims.extract_file(str(path))


def test_decode_nul_bytes_in_otherwise_ascii_text() -> None:
    with pytest.raises(InputError) as info:
        documents.decode(b"40 GWh\x00\x00\x00", "x.txt")
    assert "binary" in info.value.message
    assert "binary" in str(info.value)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bad_line", [1, 3, 4])
def test_invalid_utf8_reports_line_of_bad_byte(tmp_path: Path, newline: str, bad_line: int) -> None:
    lines = [
        "Le marché des batteries".encode(),
        "La Zoé consomme 17 kWh aux 100 km.".encode(),
        b"Sans accent ici.",
        b"Le co\xfbt du pack atteint 8 000 euros.",  # latin-1 'û': not UTF-8
    ]
    # move the bad line to the requested place
    bad = lines.pop(3)
    lines.insert(bad_line - 1, bad)
    path = write(tmp_path, "latin1.txt", newline.encode().join(lines) + newline.encode())
    with pytest.raises(InputError) as info:
        documents.read(str(path))
    assert info.value.line == bad_line
    assert "UTF-8" in info.value.message
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}:{bad_line}:")


def test_invalid_utf8_after_bom_counts_lines(tmp_path: Path) -> None:
    data = BOM + "Première ligne.\nDeuxième ligne.\n".encode() + b"Trois \xe9 quatre.\n"
    with pytest.raises(InputError) as info:
        documents.read(str(write(tmp_path, "x.md", data)))
    assert info.value.line == 3


def test_cp1252_file_read_with_encoding(tmp_path: Path) -> None:
    text = "Le projet coûte 150 millions d’euros.\r\nIl vise 20 GWh.\r\n"
    data = text.encode("cp1252")
    assert b"\x92" in data  # the apostrophe is cp1252-specific
    path = write(tmp_path, "ancien.txt", data)

    with pytest.raises(InputError):
        battclaims.extract_file(str(path))

    result = battclaims.extract_file(str(path), encoding="cp1252")
    assert result.lang == "fr"
    assert values(result) == [(150_000_000.0, "EUR"), (20.0, "gigawatt_hour")]
    assert result.quantities[0].text == "150 millions d’euros"
    assert result.quantities[0].column == text.index("150") + 1
    assert result.quantities[1].line == 2

    assert documents.decode(data, "ancien.txt", encoding="cp1252") == text
    [via_paths] = list(battclaims.extract_paths([str(path)], encoding="cp1252"))
    assert not isinstance(via_paths, InputError)
    assert values(via_paths) == values(result)


def test_unknown_encoding_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "40 GWh")
    with pytest.raises(InputError, match="encoding"):
        documents.read(str(path), encoding="klingon-8")


# --- 3. empty, whitespace-only, missing files, batches ----------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\n\n", b" \t\r\n  \r\n\t", BOM, BOM + b"  \n", "\u00a0\n".encode()],
    ids=["empty", "spaces", "newlines", "mixed", "bom-only", "bom-spaces", "nbsp"],
)
def test_empty_and_whitespace_files_are_rejected(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "vide.txt", data)
    with pytest.raises(InputError) as info:
        documents.read(str(path))
    assert "empty" in info.value.message
    assert info.value.path == str(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "absent.md"
    with pytest.raises(InputError) as info:
        documents.read(str(missing))
    assert info.value.path == str(missing)
    assert info.value.line is None
    with pytest.raises(InputError):
        battclaims.extract_file(str(missing))


def test_directory_given_to_read_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        documents.read(str(tmp_path))


def test_extract_paths_keeps_going_after_errors(tmp_path: Path) -> None:
    good1 = write(tmp_path, "un.txt", "Northvolt a levé 5 milliards de dollars.")
    binary = write(tmp_path, "deux.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    good2 = write(tmp_path, "trois.txt", "The Sunderland plant will employ 1,000 people.")

    results = list(battclaims.extract_paths([str(good1), str(binary), str(good2)]))

    assert len(results) == 3
    first, middle, last = results
    assert isinstance(first, battclaims.Extraction)
    assert isinstance(middle, InputError)
    assert isinstance(last, battclaims.Extraction)
    assert first.path == str(good1)
    assert values(first) == [(5_000_000_000.0, "USD")]
    assert middle.path == str(binary)
    assert "binary" in middle.message
    assert last.path == str(good2)
    assert values(last) == [(1000.0, "job")]


def test_extract_paths_reports_each_kind_of_bad_file(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.txt", ""),
        tmp_path / "b.txt",  # missing
        write(tmp_path, "c.txt", b"Co\xfbt : 3 milliards"),
        write(tmp_path, "d.md", "---\ntitle: [non ferm\u00e9\n---\nTexte.\n"),
        write(tmp_path, "e.txt", "Le pack de 60 kWh."),
    ]
    results = list(battclaims.extract_paths([str(p) for p in paths]))
    assert [type(r).__name__ for r in results] == [
        "InputError",
        "InputError",
        "InputError",
        "InputError",
        "Extraction",
    ]
    assert [r.path for r in results] == [str(p) for p in paths]
    assert results[2].line == 1
    assert results[3].line is not None


def test_stdin_is_read_as_bytes(tmp_path: Path) -> None:
    data = BOM + b"The gigafactory in Nevada produces 37 GWh a year."
    doc = documents.read("-", stdin=io.BytesIO(data))
    assert doc.path == "-"
    assert doc.text.startswith("The")
    [result] = list(battclaims.extract_paths(["-"], stdin=io.BytesIO(data)))
    assert not isinstance(result, InputError)
    assert result.path == "-"
    assert values(result) == [(37.0, "gigawatt_hour / year")]
    with pytest.raises(InputError, match="binary"):
        documents.read("-", stdin=io.BytesIO(b"\x00\x00"))
    with pytest.raises(InputError, match="empty"):
        documents.read("-", stdin=io.BytesIO(b""))


# --- 4. Markdown ---------------------------------------------------------------------------


def test_fenced_code_blocks_are_not_analysed() -> None:
    text = (
        "La ligne pilote produit 2 GWh.\n"
        "\n"
        "```python\n"
        "capacite = 12  # GWh\n"
        "prix = 150 millions d'euros\n"
        "```\n"
        "\n"
        "Puis l’usine passera à 8 GWh.\n"
        "\n"
        "~~~\n"
        "Ce bloc dit 900 000 véhicules.\n"
        "~~~\n"
        "Enfin, 3 000 salariés seront formés.\n"
    )
    doc = documents.parse(text, "article.md")
    assert len(doc.view) == len(text)
    assert same_newlines(doc.view, text)
    assert "capacite" not in doc.view
    assert "900" not in doc.view
    assert "```" not in doc.view and "~~~" not in doc.view

    result = battclaims.extract(text, path="article.md")
    assert values(result) == [
        (2.0, "gigawatt_hour"),
        (8.0, "gigawatt_hour"),
        (3000.0, "job"),
    ]
    assert [q.line for q in result.quantities] == [1, 8, 13]
    assert_offsets_consistent(text, result)


def test_longer_fences_and_inner_shorter_fence() -> None:
    text = (
        "Avant : 5 GWh.\n"
        "````markdown\n"
        "```\n"
        "Dans le bloc, 77 GWh.\n"
        "```\n"
        "Toujours dans le bloc : 88 GWh.\n"
        "````\n"
        "Après : 6 GWh.\n"
    )
    assert values(battclaims.extract(text, lang="fr")) == [
        (5.0, "gigawatt_hour"),
        (6.0, "gigawatt_hour"),
    ]


def test_unclosed_fence_runs_to_the_end() -> None:
    text = "Le site emploie 1 500 personnes.\n\n```\n40 GWh\n\nEt 50 GWh.\n"
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [(1500.0, "job")]


def test_indented_code_block_is_not_analysed() -> None:
    text = (
        "Le tableau de bord affiche l’état de la batterie.\n"
        "\n"
        "    autonomie = 450 km\n"
        "    charge = 80 %\n"
        "\n"
        "\tpuissance = 150 kW\n"
        "\n"
        "La recharge rapide atteint 250 kW.\n"
    )
    doc = documents.parse(text)
    assert "450" not in doc.view and "150" not in doc.view
    assert same_newlines(doc.view, text)
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [(250.0, "kilowatt")]
    assert result.quantities[0].line == 8


def test_indented_line_continuing_a_paragraph_is_analysed() -> None:
    text = (
        "Selon le constructeur, la nouvelle Mégane offre\n"
        "    une batterie de 60 kWh et 470 km d’autonomie.\n"
    )
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [(60.0, "kilowatt_hour"), (470.0, "kilometer")]
    assert result.quantities[0].line == 2


def test_list_item_continuation_lines_are_analysed() -> None:
    text = (
        "Les annonces de la semaine :\n"
        "\n"
        "- Verkor inaugure sa ligne à Grenoble.\n"
        "\n"
        "    Elle produira 16 GWh par an à Dunkerque.\n"
        "\n"
        "- ProLogium choisit le Nord\n"
        "    pour un investissement de 5,2 milliards d’euros.\n"
        "1. Envision agrandit Douai.\n"
        "\n"
        "    Le site emploiera 1 000 salariés.\n"
    )
    doc = documents.parse(text)
    assert doc.view == text  # nothing blanked
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [
        (16.0, "gigawatt_hour / year"),
        (5_200_000_000.0, "EUR"),
        (1000.0, "job"),
    ]
    assert [q.line for q in result.quantities] == [5, 8, 11]
    assert_offsets_consistent(text, result)


def test_indented_code_after_a_list_has_ended_is_code() -> None:
    text = "- un point sur les 12 usines\n\nUn paragraphe ordinaire.\n\n    exemple = 99 GWh\n"
    result = battclaims.extract(text, lang="fr")
    assert 99.0 not in [q.value for q in result.quantities]
    assert "99" not in documents.parse(text).view


def test_fenced_code_inside_a_list_item_is_not_analysed() -> None:
    text = (
        "Étapes du projet :\n"
        "\n"
        "1. Construire la ligne pilote.\n"
        "\n"
        "    ```\n"
        "    capacite = 12 GWh\n"
        "    ```\n"
        "\n"
        "2. Passer à 40 GWh par an.\n"
    )
    assert values(battclaims.extract(text, lang="fr")) == [(40.0, "gigawatt_hour / year")]


def test_inline_code_is_not_a_quantity() -> None:
    text = "Le champ `12 GWh` du fichier est vide, mais l’usine produit bien 30 GWh."
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [(30.0, "gigawatt_hour")]
    assert result.quantities[0].column == text.index("30 GWh") + 1

    double = "The field ``40 kWh`` is a label; the pack holds 75 kWh."
    assert values(battclaims.extract(double, lang="en")) == [(75.0, "kilowatt_hour")]


def test_front_matter_gives_metadata_and_is_not_analysed() -> None:
    text = (
        "---\n"
        'title: "Batteries : 40 GWh à Douvrin"\n'
        "published: 2024-09-17\n"
        "lang: fr\n"
        "url: https://exemple.fr/2024/09/acc-40-gwh\n"
        "words: 1200\n"
        "tags: [batteries, 2030, 500 000 véhicules]\n"
        "---\n"
        "ACC confirme une capacité de 13 GWh pour le premier bloc.\n"
    )
    doc = documents.parse(text, "a.md")
    assert doc.view[: text.index("ACC")].strip() == ""
    assert same_newlines(doc.view, text)

    result = battclaims.extract(text, path="a.md")
    assert result.published == "2024-09-17"
    assert result.lang == "fr"
    assert result.title == "Batteries : 40 GWh à Douvrin"
    assert result.url == "https://exemple.fr/2024/09/acc-40-gwh"
    assert values(result) == [(13.0, "gigawatt_hour")]
    assert result.quantities[0].line == 9
    assert_offsets_consistent(text, result)


@pytest.mark.parametrize(
    ("front", "published", "lang", "url"),
    [
        (
            "date: 2024-03\nlanguage: French\nsource: https://a.example/x\n",
            "2024-03",
            "fr",
            "https://a.example/x",
        ),
        ("published: 2024-03-05T09:30:00+01:00\nlang: EN-gb\n", "2024-03-05", "en", None),
        ("published: '2024-03-05T09:30:00+01:00'\nlang: en\n", "2024-03-05", "en", None),
        ("published: 2023\n", "2023", None, None),
        ("published: 2024-06\ndate: 2020-01\n", "2024-06", None, None),
        ("source: https://s.example/\nurl: https://u.example/\n", None, None, "https://s.example/"),
    ],
)
def test_front_matter_alternative_keys(
    front: str, published: str | None, lang: str | None, url: str | None
) -> None:
    doc = documents.parse(f"---\n{front}---\nLa batterie pèse 300 kg.\n", "x.md")
    assert doc.published == published
    assert doc.lang == lang
    assert doc.url == url


def test_front_matter_with_crlf() -> None:
    text = "---\r\npublished: 2024-11\r\nlang: en\r\n---\r\nThe pack stores 82 kWh.\r\n"
    result = battclaims.extract(text)
    assert result.published == "2024-11"
    assert result.lang == "en"
    assert values(result) == [(82.0, "kilowatt_hour")]
    assert result.quantities[0].line == 5


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: Gigafactory\npublished: bientôt\n", 3),
        ("title: Gigafactory\nlang: fr\ndate: la semaine dernière\n", 4),
        ("published: 15/08/2024\n", 2),
    ],
)
def test_bad_published_value_names_its_line(front: str, line: int) -> None:
    text = f"---\n{front}---\nL’usine produira 40 GWh.\n"
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert info.value.line == line
    assert info.value.path == "bad.md"
    assert "date" in info.value.message


def test_impossible_front_matter_date_is_an_input_error() -> None:
    text = "---\ntitle: Gigafactory\npublished: 2024-13-45\n---\nL’usine produira 40 GWh.\n"
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert info.value.line == 3


def test_front_matter_published_with_impossible_month_is_rejected() -> None:
    text = '---\ntitle: Gigafactory\npublished: "2024-99"\n---\nL’usine produira 40 GWh.\n'
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: Batteries: la course\n", 2),
        ("title: ok\nlang: fr\ntags: [a, b\n", 4),
        ("title: ok\n  lang: fr\n", 3),
    ],
)
def test_malformed_front_matter_is_an_input_error_with_line(front: str, line: int) -> None:
    text = f"---\n{front}---\nLe pack fait 60 kWh.\n"
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert info.value.path == "bad.md"
    assert info.value.line == line
    assert "front matter" in info.value.message


def test_front_matter_that_is_not_a_mapping_is_rejected() -> None:
    with pytest.raises(InputError, match="mapping"):
        documents.parse("---\n- 12 GWh\n- 40 GWh\n---\nTexte.\n", "list.md")


def test_html_comments_in_markdown_are_skipped() -> None:
    text = (
        "<!-- brouillon : vérifier les 90 GWh -->\n"
        "L’usine produira 30 GWh.\n"
        "<!--\n"
        "Note interne : 1 200 emplois ?\n"
        "-->\n"
        "Le site couvre 150 hectares. <!-- 7 milliards --> Fin.\n"
    )
    doc = documents.parse(text)
    assert len(doc.view) == len(text)
    assert same_newlines(doc.view, text)
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [(30.0, "gigawatt_hour"), (150.0, "hectare")]
    assert [q.line for q in result.quantities] == [2, 6]
    assert_offsets_consistent(text, result)


def test_images_and_links_targets_produce_nothing() -> None:
    text = (
        "![Usine 2030](http://cdn.example.com/img/2030-40gwh.png)\n"
        "Voir ![](https://host.example/500.jpg) et la [fiche](https://exemple.fr/12-gwh).\n"
        "La batterie de 52 kWh est produite à Douai.\n"
    )
    result = battclaims.extract(text, lang="fr")
    assert values(result) == [(52.0, "kilowatt_hour")]
    assert result.quantities[0].line == 3


def test_markdown_view_keeps_length_and_plain_text_is_untouched() -> None:
    text = "# Titre\n\nL’usine d’Hordain livrera 100 000 véhicules.\n"
    doc = documents.parse(text, "t.md")
    assert doc.view == text
    assert doc.origin is None
    assert doc.original_offset(10) == 10


# --- 5. the "date" first line ----------------------------------------------------------------


def test_date_first_line_gives_published_and_is_not_a_quantity() -> None:
    text = "date 2024-08\nLe groupe a vendu 12 000 voitures électriques en juillet.\n"
    result = battclaims.extract(text)
    assert result.published == "2024-08"
    assert result.lang == "fr"
    assert values(result) == [(12_000.0, "vehicle")]
    assert all("2024" not in q.text for q in result.quantities)
    assert result.quantities[0].line == 2


def test_date_first_line_with_text_on_the_same_line() -> None:
    text = (
        " date 2024-08 Le paysage industriel français accueillera 16 000 emplois "
        "dans les batteries.\nLa suite de l’article.\n"
    )
    doc = documents.parse(text)
    assert doc.published == "2024-08"
    assert "date" not in doc.view[:14] and "2024" not in doc.view
    assert len(doc.view) == len(text)

    result = battclaims.extract(text)
    assert result.published == "2024-08"
    assert values(result) == [(16_000.0, "job")]
    q = result.quantities[0]
    assert q.line == 1
    assert q.column == text.index("16 000") + 1
    assert text[q.start : q.end] == q.text == "16 000 emplois"
    assert "date" not in q.sentence and "2024" not in q.sentence


@pytest.mark.parametrize(
    ("first", "published"),
    [
        ("date 2024-08-15", "2024-08-15"),
        ("date: 2023-12", "2023-12"),
        ("\tdate 2022-01", "2022-01"),
    ],
)
def test_date_first_line_variants(first: str, published: str) -> None:
    text = f"{first}\nThe plant will make 30 GWh of cells a year.\n"
    result = battclaims.extract(text)
    assert result.published == published
    assert values(result) == [(30.0, "gigawatt_hour / year")]


def test_date_line_not_first_is_not_metadata() -> None:
    text = "Le rapport annuel.\ndate 2024-08 La production a atteint 40 GWh.\n"
    assert battclaims.extract(text).published is None


def test_published_argument_overrides_document_date() -> None:
    text = "date 2024-08\nLe pack fait 60 kWh.\n"
    assert battclaims.extract(text, published="2025-01").published == "2025-01"


def test_date_line_right_after_front_matter() -> None:
    text = "---\ntitle: Gigafactory\n---\ndate 2024-08 L’usine produira 40 GWh par an.\n"
    doc = documents.parse(text)
    assert doc.published == "2024-08"
    assert "2024" not in doc.view


# --- 6. HTML ---------------------------------------------------------------------------------


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Batteries : Douai accélère</title>
  <meta property="article:published_time" content="2024-03-15T08:00:00+01:00">
  <link rel="canonical" href="https://exemple.fr/2024/douai-90-gwh">
  <style>p { width: 300px; } .x { margin: 12px }</style>
  <script>var ventes = 42000; // 12 GWh
  if (a < 3) { total = 90 * 1000; }</script>
</head>
<body>
<h1>Douai accélère</h1>
<p class="chapo"
   data-capacite="90 GWh">L’usine de Douai fera 500&nbsp;000 v&eacute;hicules par an
d’ici la fin de la décennie</p><p>Elle emploiera <b>3 000</b> salariés.</p>
<img alt="800 tonnes de lithium" src="/img/2030.png" title="7 milliards">
<!-- 25 GWh en réserve -->
<noscript>Activez JavaScript pour voir les 44 graphiques.</noscript>
</body>
</html>
"""


def test_html_visible_text_only_and_metadata_from_head(tmp_path: Path) -> None:
    path = write(tmp_path, "douai.html", ARTICLE_HTML)
    result = battclaims.extract_file(str(path))

    assert result.lang == "fr"
    assert result.published == "2024-03-15"
    assert result.title == "Batteries : Douai accélère"
    assert result.url == "https://exemple.fr/2024/douai-90-gwh"
    assert values(result) == [(500_000.0, "vehicle / year"), (3000.0, "job")]
    first, second = result.quantities
    assert first.text.replace("\u00a0", " ") == "500 000 véhicules par an"
    # offsets point into the HTML file, at the first digit
    assert ARTICLE_HTML[first.start] == "5"
    assert ARTICLE_HTML[first.start :].startswith("500&nbsp;000 v&eacute;hicules")
    assert ARTICLE_HTML[second.start :].startswith("3 000</b> salariés")
    for q in result.quantities:
        line = ARTICLE_HTML.split("\n")[q.line - 1]
        assert line[q.column - 1] == ARTICLE_HTML[q.start]
    # block tags separate sentences
    assert "Elle" not in first.sentence
    assert second.sentence == "Elle emploiera 3 000 salariés."


def test_html_view_has_no_script_style_attribute_or_comment_text() -> None:
    doc = documents.parse(ARTICLE_HTML, "douai.html")
    for hidden in (
        "42000",
        "300px",
        "90 GWh",
        "800 tonnes",
        "2030",
        "7 milliards",
        "25 GWh",
        "44 graphiques",
        "Batteries :",
        "ventes",
    ):
        assert hidden not in doc.view
    assert "véhicules" in doc.view and "&eacute;" not in doc.view
    assert "500\u00a0000" in doc.view
    assert doc.origin is not None and len(doc.origin) == len(doc.view)


def test_html_origin_maps_every_visible_character_back() -> None:
    doc = documents.parse(ARTICLE_HTML, "douai.html")
    for i, char in enumerate(doc.view):
        offset = doc.original_offset(i)
        assert 0 <= offset < len(ARTICLE_HTML)
        original = ARTICLE_HTML[offset]
        if char == "\n":
            assert original in "<\n"  # a block tag or a real newline
        else:
            assert original == char or original == "&", (i, char, original)
    assert doc.original_offset(len(doc.view)) == len(ARTICLE_HTML)


def test_html_entities_decode_in_quantities() -> None:
    html = (
        "<p>Stellantis produira 500&nbsp;000 v&eacute;hicules &eacute;lectriques.</p>"
        "<p>Le pack co&ucirc;te 8&#160;000&#x20AC;.</p>"
    )
    result = battclaims.extract(html, html=True, lang="fr")
    assert values(result) == [(500_000.0, "vehicle"), (8000.0, "EUR")]
    assert [html[q.start] for q in result.quantities] == ["5", "8"]


def test_html_quantity_end_covers_a_trailing_entity() -> None:
    html = (
        '<html lang="fr"><body>'
        "<p>Le plan prévoit 150 millions &euro; pour la ligne pilote.</p></body></html>"
    )
    result = battclaims.extract(html, path="plan.html")
    assert values(result) == [(150_000_000.0, "EUR")]
    q = result.quantities[0]
    assert html[q.start : q.end] == "150 millions &euro;"


def test_html_inline_tags_do_not_split_sentences_but_blocks_do() -> None:
    html = (
        "<div>La batterie coûte 100 euros</div><p>Elle pèse 400 kg</p>"
        "<ul><li>Autonomie de 450 km</li><li>Recharge en 30 minutes</li></ul>"
        "<p>L’usine emploie <em>1 200</em> <a href='/x/99'>salariés</a> à Ruitz.</p>"
    )
    result = battclaims.extract(html, html=True, lang="fr")
    assert values(result) == [
        (100.0, "EUR"),
        (400.0, "kilogram"),
        (450.0, "kilometer"),
        (30.0, "minute"),
        (1200.0, "job"),
    ]
    assert [q.sentence for q in result.quantities] == [
        "La batterie coûte 100 euros",
        "Elle pèse 400 kg",
        "Autonomie de 450 km",
        "Recharge en 30 minutes",
        "L’usine emploie 1 200 salariés à Ruitz.",
    ]
    assert html[result.quantities[-1].start : result.quantities[-1].start + 12] == "1 200</em> <"


def test_html_unclosed_items_and_br_still_separate_sentences() -> None:
    html = (
        "<ul><li>Autonomie de 450 km<li>Recharge en 30 minutes</ul>"
        "<p>Prix de 35 000 euros<br>Garantie de 8 ans"
    )
    result = battclaims.extract(html, html=True, lang="fr")
    assert [q.sentence for q in result.quantities] == [
        "Autonomie de 450 km",
        "Recharge en 30 minutes",
        "Prix de 35 000 euros",
        "Garantie de 8 ans",
    ]
    assert [html[q.start : q.start + 2] for q in result.quantities] == ["45", "30", "35", "8 "]


def test_html_open_graph_fallbacks_and_htm_suffix(tmp_path: Path) -> None:
    html = (
        '<html><head><meta property="og:title" content="Sunderland expands">'
        '<meta property="og:url" content="https://news.example/sunderland">'
        '<meta property="og:locale" content="en_GB">'
        '<meta name="date" content="2023-07-04"></head>'
        "<body><p>The plant makes 30 GWh a year.</p></body></html>"
    )
    path = write(tmp_path, "SUNDERLAND.HTM", html)
    result = battclaims.extract_file(str(path))
    assert result.title == "Sunderland expands"
    assert result.url == "https://news.example/sunderland"
    assert result.lang == "en"
    assert result.published == "2023-07-04"
    assert values(result) == [(30.0, "gigawatt_hour / year")]
    assert html[result.quantities[0].start : result.quantities[0].start + 6] == "30 GWh"


def test_html_flag_overrides_the_path() -> None:
    html = '<p data-x="75 kWh">La batterie coûte 100 euros</p>'
    as_html = documents.parse(html, "note.txt", html=True)
    assert as_html.origin is not None and "75" not in as_html.view
    as_text = documents.parse(html, "page.html", html=False)
    assert as_text.origin is None and as_text.view == html
    # read as text, the tag is masked and the quantity offset is the string offset
    result = battclaims.extract(html, path="page.html", html=False, lang="fr")
    assert values(result) == [(100.0, "EUR")]
    assert result.quantities[0].start == html.index("100")


def test_html_without_closing_head_tag() -> None:
    html = (
        '<html lang="fr"><head><title>Batteries</title>\n'
        "<body><p>L’usine assemblera 500 000 véhicules.</p></body></html>"
    )
    result = battclaims.extract(html, html=True)
    assert result.title == "Batteries"
    assert values(result) == [(500_000.0, "vehicle")]


def test_html_crlf_line_and_column() -> None:
    html = (
        '<html lang="en">\r\n<body>\r\n<p>Tesla delivered\r\n'
        "1.8 million vehicles.</p>\r\n</body></html>\r\n"
    )
    result = battclaims.extract(html, html=True)
    assert values(result) == [(1_800_000.0, "vehicle")]
    q = result.quantities[0]
    assert (q.line, q.column) == (4, 1)
    assert html[q.start : q.start + 3] == "1.8"


# --- 7. language -----------------------------------------------------------------------------


FRENCH_PARAGRAPH = (
    "Le constructeur a annoncé mardi que son usine de batteries, qui doit ouvrir "
    "l’an prochain dans le Nord, produira 40 GWh par an et emploiera 2 000 personnes."
)
ENGLISH_PARAGRAPH = (
    "The carmaker said on Tuesday that its battery plant, which is due to open next "
    "year in the north, will produce 40 GWh a year and employ 2,000 people."
)


def test_language_is_detected() -> None:
    fr = battclaims.extract(FRENCH_PARAGRAPH)
    en = battclaims.extract(ENGLISH_PARAGRAPH)
    assert fr.lang == "fr"
    assert en.lang == "en"
    assert values(fr) == [(40.0, "gigawatt_hour / year"), (2000.0, "job")]
    assert values(en) == [(40.0, "gigawatt_hour / year"), (2000.0, "job")]


@pytest.mark.parametrize("text,lang", [
    ("Objectif : 1,500 emplois.", "fr"),       # no function word: the ordinary words tell
    ("Nouvelle usine: 2,500 salariés.", "fr"),
    ("Target: 1,500 jobs.", "en"),
])
def test_short_texts_are_told_by_their_ordinary_words(text: str, lang: str) -> None:
    assert battclaims.extract(text, path="x.md").lang == lang


def test_front_matter_lang_overrides_detection_and_argument_overrides_both() -> None:
    text = f"---\nlang: en\n---\n{FRENCH_PARAGRAPH}\n"
    assert battclaims.extract(text).lang == "en"
    assert battclaims.extract(text, lang="fr").lang == "fr"
    assert battclaims.extract(FRENCH_PARAGRAPH, lang="en").lang == "en"
    assert battclaims.extract(ENGLISH_PARAGRAPH, lang="fr").lang == "fr"


def test_unsupported_declared_language_falls_back_to_detection() -> None:
    text = f"---\nlang: de\n---\n{ENGLISH_PARAGRAPH}\n"
    assert documents.parse(text).lang == "de"
    assert battclaims.extract(text).lang == "en"
    html = f'<html lang="es"><body><p>{FRENCH_PARAGRAPH}</p></body></html>'
    assert battclaims.extract(html, html=True).lang == "fr"
    with pytest.raises(BattclaimsError):
        battclaims.extract(ENGLISH_PARAGRAPH, lang="de")


def test_html_lang_overrides_detection() -> None:
    html = f'<html lang="en"><body><p>{FRENCH_PARAGRAPH}</p></body></html>'
    assert battclaims.extract(html, html=True).lang == "en"
    assert battclaims.extract(html, html=True, lang="fr").lang == "fr"


def test_detection_ignores_code_and_front_matter() -> None:
    english_code = "\n".join(
        f"    # the battery of the car is the one that will be used for the test {i}"
        for i in range(20)
    )
    text = (
        "---\ntitle: the battery of the car and the plant of the year\n---\n"
        "La batterie de la voiture est produite dans le Nord et la France la finance.\n\n"
        f"{english_code}\n\n"
        "```\nthe battery of the car is in the plant with the cells of the year\n```\n"
    )
    assert battclaims.extract(text).lang == "fr"


# --- 8. directories --------------------------------------------------------------------------


def test_expand_walks_directories_sorted_and_filtered(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    for name in [
        "b/2024/c.txt",
        "b/d.html",
        "b/e.htm",
        "a.md",
        "f.markdown",
        "Notes.MD",
        "b/script.py",
        "data.json",
        "README",
        ".hidden/secret.md",
        "b/.cache/page.html",
        ".brouillon.txt",
        "z/.x.md",
    ]:
        write(root, name, "Le pack de 60 kWh.")
    (root / "vide").mkdir()

    got = list(documents.expand([str(root)]))
    expected = [
        root / "Notes.MD",
        root / "a.md",
        root / "b/2024/c.txt",
        root / "b/d.html",
        root / "b/e.htm",
        root / "f.markdown",
    ]
    assert got == [str(p) for p in expected]


def test_expand_keeps_explicit_paths_and_order(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    write(folder, "y.txt", "x")
    write(folder, "x.txt", "x")
    script = write(tmp_path, "outil.py", "print(40)")
    missing = tmp_path / "absent.txt"
    got = list(documents.expand([str(script), str(folder), "-", str(missing)]))
    assert got == [str(script), str(folder / "x.txt"), str(folder / "y.txt"), "-", str(missing)]


def test_expand_hidden_directory_named_explicitly_is_walked(tmp_path: Path) -> None:
    hidden = tmp_path / ".brouillons"
    write(hidden, "sub/article.md", "x")
    write(hidden, "sub/.tmp.md", "x")
    assert list(documents.expand([str(hidden)])) == [str(hidden / "sub" / "article.md")]


def test_extract_paths_over_a_directory(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root, "01-fr.md", "---\npublished: 2024-02\n---\nLa batterie fait 52 kWh.\n")
    write(root, "02-vide.txt", "  \n")
    write(root, "03-en/page.html", '<html lang="en"><body><p>It costs $25,000.</p></body></html>')
    write(root, "03-en/notes.json", '{"gwh": 40}')
    write(root, ".git/HEAD.md", "40 GWh")

    results = list(battclaims.extract_paths([str(root)]))
    assert [r.path for r in results] == [
        str(root / "01-fr.md"),
        str(root / "02-vide.txt"),
        str(root / "03-en" / "page.html"),
    ]
    first, empty, page = results
    assert isinstance(first, battclaims.Extraction) and first.published == "2024-02"
    assert values(first) == [(52.0, "kilowatt_hour")]
    assert isinstance(empty, InputError)
    assert isinstance(page, battclaims.Extraction) and page.lang == "en"
    assert values(page) == [(25_000.0, "USD")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Verkor fournira 1,500 GWh.", "fr"),          # a future tense of an ordinary verb
    ("ACC produira 40 GWh.", "fr"),                # an acronym has no vote
    ("Northvolt embauchera 3 000 personnes.", "fr"),
    ("Verkor will supply 1,500 GWh.", "en"),
    ("ACC hires 2,000 staff.", "en"),
])
def test_the_language_of_a_short_text(text: str, lang: str) -> None:
    assert battclaims.extract(text).lang == lang


def test_separators_follow_the_detected_language() -> None:
    assert [q.value for q in battclaims.extract("Verkor fournira 1,500 GWh.").quantities] == [1.5]
    assert [q.value for q in battclaims.extract("Verkor will supply 1,500 GWh.").quantities] == [
        1500.0]


def test_a_first_line_date_that_is_no_date_is_not_the_publication_date() -> None:
    assert battclaims.extract("date 2024-13\n\nVerkor fournira 16 GWh par an.").published is None
    assert battclaims.extract("date 2024-11\n\nVerkor fournira 16 GWh par an.").published == (
        "2024-11")
