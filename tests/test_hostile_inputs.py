"""Hostile inputs: folders with nothing to read, symbolic links (outside the tree, loops,
broken), NUL bytes anywhere, UTF-16 and UTF-32 text; for drafts and for the claims
database. Each case: the exit code, one line naming the file, the other files still read.

The tests named ``test_wired_*`` need the CLI's ``--follow-symlinks`` option and its
warnings ("battclaims: warning: PATH: why"), see the docstring of
:func:`battclaims.documents.expand`; the others test what works without them.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from battclaims import documents
from battclaims.cli import main
from battclaims.errors import InputError
from battclaims.store import load, yaml_files

REPO_CLAIMS = Path(__file__).resolve().parents[1] / "claims"

FR = "La gigafactory de Douvrin produira 16 GWh de cellules par an dès 2026.\n"
EN = "The new pack stores 82 kWh and adds 250 km of range in 18 minutes.\n"
NO_DOCUMENT = "a folder with no .txt, .md, .markdown, .html or .htm file in it"

SOURCES = """sources:
  - id: note-interne
    title: Note interne sur les usines de cellules
    lang: fr
    published: 2025-03
"""
SHARED_SOURCES = """sources:
  - id: shared-report
    title: A shared industry report on cell plants
    lang: en
    published: 2025-01
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                  ) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BATTCLAIMS_CLAIMS", raising=False)
    monkeypatch.delenv("BATTCLAIMS_DEBUG", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8")
    return path


def link(path: Path, target: str | Path) -> Path:
    """A symbolic link at ``path`` to ``target`` (skips the test where links cannot be
    made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(target, path)
    except (OSError, NotImplementedError) as err:  # pragma: no cover - Windows without rights
        pytest.skip(f"no symbolic links here: {err}")
    return path


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args))


def paths_read(result: Result) -> list[str]:
    """The documents of an ``extract --format json`` run, in order."""
    return [doc["path"] for doc in json.loads(result.stdout)["documents"]]


def errors(result: Result) -> list[str]:
    return result.stderr.strip().splitlines()


# --- a folder that holds no document --------------------------------------------------------


def test_folder_without_documents_is_an_input_error_and_the_rest_is_read(
        runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path / "brouillons" / "usine.md", FR)
    empty = tmp_path / "vide"
    empty.mkdir()
    result = run(runner, "extract", "--format", "json", str(empty), str(good))
    assert result.exit_code == 2
    assert errors(result) == [f"battclaims: error: {empty}: {NO_DOCUMENT}"]
    assert paths_read(result) == [str(good)]


def test_folder_of_other_files_and_hidden_drafts_holds_no_document(
        runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    write(folder / "notes.docx", b"PK\x03\x04")
    write(folder / "chiffres.csv", "usine;GWh\nDouvrin;16\n")
    write(folder / ".brouillon.md", FR)
    write(folder / ".git" / "draft.md", EN)
    other = write(tmp_path / "pack.txt", EN)
    result = run(runner, "extract", "--format", "json", str(other), str(folder))
    assert result.exit_code == 2
    assert errors(result) == [f"battclaims: error: {folder}: {NO_DOCUMENT}"]
    assert paths_read(result) == [str(other)]


def test_check_names_a_folder_with_nothing_in_it(runner: CliRunner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    write(tmp_path / "article.txt", EN)
    result = run(runner, "check", "--claims", str(REPO_CLAIMS), "--format", "json",
                 "drafts", "article.txt")
    assert result.exit_code == 2
    assert errors(result) == [f"battclaims: error: drafts: {NO_DOCUMENT}"]
    report = json.loads(result.stdout)
    assert [doc["path"] for doc in report["documents"]] == ["article.txt"]


def test_diff_against_an_empty_folder_is_an_input_error(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    draft = write(tmp_path / "v1.md", FR)
    empty = tmp_path / "v2"
    empty.mkdir()
    result = run(runner, "diff", "--claims", str(REPO_CLAIMS), "--format", "json",
                 str(draft), str(empty))
    assert result.exit_code == 2
    assert f"battclaims: error: {empty}: {NO_DOCUMENT}" in errors(result)


def test_reading_a_folder_names_what_it_lacks(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    with pytest.raises(InputError) as info:
        documents.read(str(tmp_path / "vide"))
    assert str(info.value) == f"{tmp_path / 'vide'}: {NO_DOCUMENT}"
    write(tmp_path / "plein" / "a.md", FR)
    with pytest.raises(InputError, match="is a directory"):
        documents.read(str(tmp_path / "plein"))


def test_claims_database_folder_without_yaml_is_a_problem(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    root = tmp_path / "claims"
    write(root / "README.md", "# Our claims\n")
    write(root / ".old" / "sources.yaml", SOURCES)
    result = run(runner, "claims", "validate", str(root))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{root}: a folder with no .yaml or .yml file in it"]
    assert "1 problem" in result.stderr


def test_check_with_a_claims_folder_without_yaml_exits_2(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    root = tmp_path / "claims"
    root.mkdir()
    draft = write(tmp_path / "draft.md", EN)
    result = run(runner, "check", "--claims", str(root), str(draft))
    assert result.exit_code == 2
    assert errors(result) == [
        f"battclaims: error: {root}: a folder with no .yaml or .yml file in it"]


# --- symbolic links in the drafts' folder --------------------------------------------------


def drafts_with_links(tmp_path: Path) -> tuple[Path, Path]:
    """drafts/ with a real draft, a link to it, a link to a file outside, a loop, a
    broken link, a link to the folder itself and one to a folder outside."""
    drafts = tmp_path / "drafts"
    outside = write(tmp_path / "private" / "embargo.md", EN)
    write(drafts / "2025" / "usine.md", FR)
    link(drafts / "latest.md", "2025/usine.md")
    link(drafts / "embargo.md", outside)
    link(drafts / "boucle.md", "boucle.md")
    link(drafts / "perdu.md", "2024/perdu.md")
    link(drafts / "2025" / "tout", "..")
    link(drafts / "prive", outside.parent)
    return drafts, outside


def test_walk_stays_inside_the_folder(tmp_path: Path) -> None:
    drafts, outside = drafts_with_links(tmp_path)
    told: list[tuple[str, str]] = []
    got = list(documents.expand([str(drafts)], skipped=lambda p, why: told.append((p, why))))
    assert got == [str(drafts / "2025" / "usine.md")]  # latest.md: the same file, once
    assert sorted(Path(p).name for p, _ in told) == [
        "boucle.md", "embargo.md", "perdu.md", "prive", "tout"]
    why = dict(told)
    assert why[str(drafts / "embargo.md")] == (
        f"symbolic link to a file outside {drafts} ({outside.resolve()}), not read "
        "(--follow-symlinks reads it)")
    assert why[str(drafts / "boucle.md")] == "symbolic link loop, not read"
    assert why[str(drafts / "perdu.md")] == "broken symbolic link, not read"
    assert why[str(drafts / "2025" / "tout")] == (
        "symbolic link to a folder above it (a loop), not followed")
    assert why[str(drafts / "prive")].startswith("symbolic link to a folder outside")


def test_walk_follows_links_when_asked_without_looping(tmp_path: Path) -> None:
    drafts, _ = drafts_with_links(tmp_path)
    told: list[str] = []
    got = documents.expand([str(drafts)], follow_symlinks=True,
                           skipped=lambda p, why: told.append(Path(p).name))
    assert list(got) == [str(drafts / "2025" / "usine.md"), str(drafts / "embargo.md")]
    assert sorted(told) == ["boucle.md", "perdu.md", "tout"]


def test_extract_does_not_read_a_link_outside_the_folder(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    drafts, _ = drafts_with_links(tmp_path)
    result = run(runner, "extract", "--format", "json", str(drafts))
    assert result.exit_code == 0, result.output
    assert paths_read(result) == [str(drafts / "2025" / "usine.md")]


def test_a_link_named_explicitly_is_read(runner: CliRunner, tmp_path: Path) -> None:
    drafts, _ = drafts_with_links(tmp_path)
    result = run(runner, "extract", "--format", "json", str(drafts / "embargo.md"))
    assert result.exit_code == 0, result.output
    assert paths_read(result) == [str(drafts / "embargo.md")]


def test_a_folder_whose_only_draft_is_outside_holds_no_document(runner: CliRunner,
                                                                tmp_path: Path) -> None:
    outside = write(tmp_path / "private" / "embargo.md", EN)
    drafts = tmp_path / "drafts"
    link(drafts / "embargo.md", outside)
    good = write(tmp_path / "ok.txt", FR)
    result = run(runner, "extract", "--format", "json", str(drafts), str(good))
    assert result.exit_code == 2
    assert f"battclaims: error: {drafts}: {NO_DOCUMENT}" in errors(result)
    assert paths_read(result) == [str(good)]


def test_wired_extract_warns_of_each_link_left_out(runner: CliRunner, tmp_path: Path) -> None:
    drafts, outside = drafts_with_links(tmp_path)
    result = run(runner, "extract", "--format", "json", str(drafts))
    assert result.exit_code == 0, result.output
    warned = errors(result)
    assert len(warned) == 5
    assert all(line.startswith("battclaims: warning: ") for line in warned)
    assert (f"battclaims: warning: {drafts / 'embargo.md'}: symbolic link to a file outside "
            f"{drafts} ({outside.resolve()}), not read (--follow-symlinks reads it)") in warned
    assert f"battclaims: warning: {drafts / 'boucle.md'}: symbolic link loop, not read" in warned


def test_wired_extract_follow_symlinks(runner: CliRunner, tmp_path: Path) -> None:
    drafts, _ = drafts_with_links(tmp_path)
    result = run(runner, "extract", "--follow-symlinks", "--format", "json", str(drafts))
    assert result.exit_code == 0, result.output
    assert paths_read(result) == [str(drafts / "2025" / "usine.md"), str(drafts / "embargo.md")]
    assert len(errors(result)) == 3  # the loops and the broken link, still told


def test_wired_check_warns_once_and_follows_when_asked(runner: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    drafts_with_links(tmp_path)
    result = run(runner, "check", "--claims", str(REPO_CLAIMS), "--format", "json", "drafts")
    assert result.exit_code in (0, 1), result.output
    warned = [line for line in errors(result) if line.startswith("battclaims: warning: ")]
    assert len(warned) == 5
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [
        str(Path("drafts/2025/usine.md"))]
    followed = run(runner, "check", "--follow-symlinks", "--claims", str(REPO_CLAIMS),
                   "--format", "json", "drafts")
    assert followed.exit_code in (0, 1), followed.output
    assert [d["path"] for d in json.loads(followed.stdout)["documents"]] == [
        str(Path("drafts/2025/usine.md")), str(Path("drafts/embargo.md"))]


# --- symbolic links in the claims database ----------------------------------------------------


def claims_with_links(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "claims"
    write(root / "sources.yaml", SOURCES)
    shared = write(tmp_path / "shared" / "sources.yaml", SHARED_SOURCES)
    link(root / "shared.yaml", shared)
    link(root / "alias.yml", "sources.yaml")  # inside: the same file, read once
    link(root / "boucle.yaml", "boucle.yaml")
    return root, shared


def test_database_reads_only_its_own_tree_and_names_each_link_left_out(tmp_path: Path) -> None:
    root, shared = claims_with_links(tmp_path)
    assert yaml_files(root) == [root / "sources.yaml"]
    loaded = load(root)
    assert sorted(loaded.sources) == ["note-interne"]
    assert sorted(str(p) for p in loaded.problems) == [
        f"{root / 'boucle.yaml'}: symbolic link loop, not read",
        f"{root / 'shared.yaml'}: symbolic link to a file outside {root} "
        f"({shared.resolve()}), not read (--follow-symlinks reads it)",
    ]
    followed = load(root, follow_symlinks=True)
    assert sorted(followed.sources) == ["note-interne", "shared-report"]
    assert [str(p) for p in followed.problems] == [
        f"{root / 'boucle.yaml'}: symbolic link loop, not read"]


def test_validate_reports_links_the_same_with_a_cold_and_a_warm_cache(
        runner: CliRunner, tmp_path: Path) -> None:
    root, _ = claims_with_links(tmp_path)
    cold = run(runner, "claims", "validate", str(root))
    warm = run(runner, "claims", "validate", str(root))
    assert cold.exit_code == warm.exit_code == 2
    assert cold.stdout == warm.stdout
    assert len(cold.stdout.splitlines()) == 2
    assert "boucle.yaml: symbolic link loop, not read" in cold.stdout
    assert "shared.yaml: symbolic link to a file outside" in cold.stdout


def test_a_database_folder_loop_is_reported_not_walked(tmp_path: Path) -> None:
    root = tmp_path / "claims"
    write(root / "fr" / "sources.yaml", SOURCES)
    link(root / "fr" / "encore", "..")
    loaded = load(root)
    assert sorted(loaded.sources) == ["note-interne"]
    assert [str(p) for p in loaded.problems] == [
        f"{root / 'fr' / 'encore'}: symbolic link to a folder above it (a loop), not followed"]


def test_wired_validate_follow_symlinks(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "claims"
    write(root / "sources.yaml", SOURCES)
    link(root / "shared.yaml", write(tmp_path / "shared" / "sources.yaml", SHARED_SOURCES))
    assert run(runner, "claims", "validate", str(root)).exit_code == 2
    result = run(runner, "claims", "validate", "--follow-symlinks", str(root))
    assert result.exit_code == 0, result.output
    assert "2 sources, 0 problems" in result.stderr


# --- NUL bytes -------------------------------------------------------------------------------


def late_nul(text: str) -> bytes:
    """A long draft with a NUL byte far after its first 8 KB."""
    return (text * 400).encode() + b"\x00" + text.encode()


def test_nul_byte_after_the_first_8_kb_is_binary(runner: CliRunner, tmp_path: Path) -> None:
    data = late_nul(FR)
    assert data.index(b"\x00") > 20_000
    bad = write(tmp_path / "corrompu.md", data)
    good = write(tmp_path / "pack.md", EN)
    result = run(runner, "extract", "--format", "json", str(bad), str(good))
    assert result.exit_code == 2
    assert errors(result) == [
        f"battclaims: error: {bad}: binary file (it contains NUL bytes), not a text document"]
    assert paths_read(result) == [str(good)]


def test_nul_byte_is_binary_with_a_single_byte_encoding(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    bad = write(tmp_path / "ancien.txt", late_nul("Le co\xfbt du pack baisse de 12 %.\n")
                .decode().encode("cp1252"))
    result = run(runner, "extract", "--encoding", "cp1252", "--format", "json", str(bad))
    assert result.exit_code == 2
    assert errors(result) == [
        f"battclaims: error: {bad}: binary file (it contains NUL bytes), not a text document"]


def test_nul_on_standard_input_is_binary(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "--format", "json", "-"], input=late_nul(EN))
    assert result.exit_code == 2
    assert errors(result) == [
        "battclaims: error: -: binary file (it contains NUL bytes), not a text document"]


# --- UTF-16 and UTF-32 -------------------------------------------------------------------------


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_text_with_a_utf16_or_utf32_mark_is_read(runner: CliRunner, tmp_path: Path,
                                                 bom: bytes, codec: str) -> None:
    windows = write(tmp_path / "bloc-notes.txt", bom + FR.replace("\n", "\r\n").encode(codec))
    result = run(runner, "extract", "--format", "json", str(windows))
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert doc["path"] == str(windows) and doc["lang"] == "fr"
    assert any(claim["text"].startswith("16 GWh") for claim in doc["claims"])
    assert doc["claims"][0]["line"] == 1


def test_utf16_on_standard_input_is_read(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "--format", "json", "-"],
                           input=EN.encode("utf-16"))
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert any(claim["text"] == "82 kWh" for claim in doc["claims"])


def test_utf16_without_a_mark_gets_a_hint_and_reads_with_encoding(runner: CliRunner,
                                                                  tmp_path: Path) -> None:
    bare = write(tmp_path / "export.txt", EN.encode("utf-16-le"))
    good = write(tmp_path / "usine.txt", FR)
    result = run(runner, "extract", "--format", "json", str(bare), str(good))
    assert result.exit_code == 2
    assert errors(result) == [
        f"battclaims: error: {bare}: UTF-16-LE text without a byte-order mark, it seems: "
        "give its encoding with --encoding utf-16-le"]
    assert paths_read(result) == [str(good)]
    given = run(runner, "extract", "--encoding", "utf-16-le", "--format", "json", str(bare))
    assert given.exit_code == 0, given.output
    assert paths_read(given) == [str(bare)]


def test_utf16_with_a_nul_character_is_binary(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "dump.txt", ("The plant ships 3 GWh.\x00" * 3).encode("utf-16"))
    result = run(runner, "extract", "--format", "json", str(bad))
    assert result.exit_code == 2
    assert errors(result) == [
        f"battclaims: error: {bad}: binary file (it contains NUL characters), "
        "not a text document"]


def test_truncated_utf16_names_the_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "coupe.txt", FR.encode("utf-16")[:-1])
    result = run(runner, "extract", "--format", "json", str(bad))
    assert result.exit_code == 2
    (line,) = errors(result)
    assert line.startswith(f"battclaims: error: {bad}: not valid UTF-16: ")


def test_links_inside_read_the_file_once_at_its_own_place(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    write(drafts / "z-archive" / "usine.md", FR)
    write(drafts / ".embargo" / "pack.md", EN)
    link(drafts / "a-current.md", "z-archive/usine.md")  # sorts first: still the real path
    link(drafts / "b-pack.md", ".embargo/pack.md")  # its place is hidden: read by the link
    link(drafts / "c-latest", "z-archive")
    told: list[str] = []
    got = list(documents.expand([str(drafts)], skipped=lambda p, why: told.append(p)))
    assert got == [str(drafts / "b-pack.md"), str(drafts / "z-archive" / "usine.md")]
    assert told == []
