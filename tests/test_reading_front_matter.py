"""Front matter: YAML, TOML (Hugo's ``+++``) and JSON metadata; unknown dates.

Every text here is written for these tests (short EV / battery news in French
and English).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import battclaims
from battclaims import documents
from battclaims.errors import InputError

BODY = "Verkor produira 16 GWh par an à Dunkerque.\n"


def only_body_is_read(text: str, doc: documents.Document) -> None:
    body = text.index(BODY)
    assert doc.view[:body].strip() == ""
    assert doc.view[body:] == text[body:]
    assert [i for i, c in enumerate(doc.view) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]


# --- TOML ------------------------------------------------------------------------------


def test_toml_front_matter_gives_metadata() -> None:
    text = (
        "+++\n"
        'title = "Verkor : 16 GWh à Dunkerque"\n'
        "date = 2024-08-12\n"
        'lang = "fr"\n'
        'url = "https://exemple.fr/2024/08/verkor-16-gwh"\n'
        'tags = ["batteries", "2030", "40 GWh"]\n'
        "[params]\n"
        "mots = 1200\n"
        "+++\n"
        f"{BODY}"
    )
    doc = documents.parse(text, "verkor.md")
    assert doc.title == "Verkor : 16 GWh à Dunkerque"
    assert doc.published == "2024-08-12"
    assert doc.lang == "fr"
    assert doc.url == "https://exemple.fr/2024/08/verkor-16-gwh"
    only_body_is_read(text, doc)
    result = battclaims.extract(text, path="verkor.md")
    assert [(c.text, c.line) for c in result.claims] == [("16 GWh par an", 10)]
    assert result.published == "2024-08-12"


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ("2024-03-05T09:30:00+01:00", "2024-03-05"),
        ("2024-03-05 09:30:00", "2024-03-05"),
        ('"2024-03"', "2024-03"),
        ("2023", "2023"),
    ],
)
def test_toml_dates(value: str, published: str) -> None:
    text = f"+++\ndate = {value}\n+++\n{BODY}"
    assert documents.parse(text, "a.md").published == published


def test_toml_front_matter_with_crlf_in_a_text_file(tmp_path: Path) -> None:
    text = '+++\r\npublished = "2024-11"\r\nlanguage = "en"\r\n+++\r\nThe pack stores 82 kWh.\r\n'
    path = tmp_path / "pack.txt"
    path.write_bytes(text.encode())
    result = battclaims.extract_file(str(path))
    assert (result.published, result.lang) == ("2024-11", "en")
    assert [(c.text, c.line) for c in result.claims] == [("82 kWh", 5)]


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ('title = "Verkor"\ndate = 2024-08-12\nlang = fr\n', 4),  # a bare word
        ('title = "Verkor\n', 2),  # a string never closed
        ('title = "Verkor"\ntitle = "ACC"\n', 3),  # a key given twice
    ],
)
def test_invalid_toml_is_an_input_error_with_its_line(front: str, line: int) -> None:
    text = f"+++\n{front}+++\n{BODY}"
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert info.value.path == "bad.md"
    assert info.value.line == line
    assert info.value.message.startswith("front matter: ")
    assert "(at line" not in info.value.message


def test_toml_date_that_is_not_a_date_names_its_line() -> None:
    text = f'+++\ntitle = "Verkor"\ndate = "bientôt"\n+++\n{BODY}'
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert (info.value.path, info.value.line) == ("bad.md", 3)
    assert "date" in info.value.message


# --- JSON ------------------------------------------------------------------------------


def test_json_front_matter_gives_metadata() -> None:
    text = (
        "{\n"
        '  "title": "ACC : 40 GWh à Douvrin",\n'
        '  "date": "2024-09-17T08:00:00+02:00",\n'
        '  "lang": "fr",\n'
        '  "source": "https://exemple.fr/acc-40-gwh",\n'
        '  "params": {\n'
        '    "mots": 900\n'
        "  }\n"
        "}\n"
        f"{BODY}"
    )
    doc = documents.parse(text, "acc.md")
    assert doc.title == "ACC : 40 GWh à Douvrin"
    assert doc.published == "2024-09-17"
    assert doc.lang == "fr"
    assert doc.url == "https://exemple.fr/acc-40-gwh"
    only_body_is_read(text, doc)
    assert [(c.text, c.line) for c in battclaims.extract(text, path="acc.md").claims] == [
        ("16 GWh par an", 10)
    ]


def test_invalid_json_front_matter_is_an_input_error_with_its_line() -> None:
    text = '{\n  "title": "ACC",\n  "date": "2024-09"\n  "lang": "fr"\n}\n' + BODY
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert (info.value.path, info.value.line) == ("bad.md", 4)
    assert info.value.message.startswith("front matter: ")


def test_json_date_that_is_not_a_date_names_its_line() -> None:
    text = '{\n  "title": "ACC",\n  "published": "15/09/2024"\n}\n' + BODY
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert info.value.line == 3


def test_a_brace_that_opens_prose_is_not_front_matter() -> None:
    text = "{Mise à jour} Verkor produira 16 GWh par an à Dunkerque.\n"
    doc = documents.parse(text, "a.md")
    assert doc.view == text
    assert doc.title is None


# --- unknown values --------------------------------------------------------------------


@pytest.mark.parametrize(
    "front",
    [
        "---\npublished: null\n---\n",
        "---\npublished:\n---\n",
        "---\npublished: ~\nlang: fr\n---\n",
        '---\ndate: ""\n---\n',
        "---\ndate: '  '\n---\n",
        "---\npublished: null\ndate: null\n---\n",
        '+++\ndate = ""\n+++\n',
        '{\n  "published": null,\n  "date": ""\n}\n',
    ],
    ids=["null", "empty", "tilde", "empty-string", "blank-string", "both-null", "toml", "json"],
)
def test_an_empty_or_null_date_means_unknown(front: str) -> None:
    text = front + BODY
    doc = documents.parse(text, "a.md")
    assert doc.published is None
    result = battclaims.extract(text, path="a.md")
    assert result.published is None
    assert [c.text for c in result.claims] == ["16 GWh par an"]


def test_a_null_published_falls_back_to_the_date_key() -> None:
    text = "---\npublished: null\ndate: 2024-03\n---\n" + BODY
    assert documents.parse(text, "a.md").published == "2024-03"


def test_a_null_date_keeps_the_first_line_date() -> None:
    text = "---\ndate:\n---\ndate 2024-08\n" + BODY
    assert documents.parse(text, "a.md").published == "2024-08"


def test_empty_title_lang_and_url_mean_unknown() -> None:
    text = '---\ntitle: ""\nlang:\nurl: null\n---\n# Verkor à Dunkerque\n\n' + BODY
    doc = documents.parse(text, "a.md")
    assert doc.title == "Verkor à Dunkerque"  # from the first heading
    assert doc.lang is None and doc.url is None


@pytest.mark.parametrize("value", ["false", "[2024, 8]", "{année: 2024}", "bientôt"])
def test_a_given_value_that_is_not_a_date_is_still_an_error(value: str) -> None:
    text = f"---\ntitle: Verkor\npublished: {value}\n---\n{BODY}"
    with pytest.raises(InputError) as info:
        documents.parse(text, "bad.md")
    assert (info.value.path, info.value.line) == ("bad.md", 3)


def test_bad_front_matter_in_a_batch_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "a.md"
    bad.write_text('+++\ntitle = "Verkor\n+++\n' + BODY, encoding="utf-8")
    good = tmp_path / "b.md"
    good.write_text("+++\ndate = 2024-08-12\n+++\n" + BODY, encoding="utf-8")
    first, second = battclaims.extract_paths([str(bad), str(good)])
    assert isinstance(first, InputError)
    assert str(first).startswith(f"{bad}:2: front matter: ")
    assert isinstance(second, battclaims.Extraction) and second.published == "2024-08-12"


def test_json_front_matter_on_one_line() -> None:
    doc = battclaims.extract('{"published": "2024-05", "title": "Verkor"}\n\n'
                             "Verkor fournira 16 GWh par an dès 2025.\n")
    assert (doc.published, doc.title) == ("2024-05", "Verkor")
    assert [c.text for c in doc.claims] == ["16 GWh par an"]  # "2024-05" is no claim
    plain = battclaims.extract("{Exclusif} Verkor fournira 16 GWh par an dès 2025.}\n")
    assert plain.published is None and "16 GWh par an" in [c.text for c in plain.claims]
