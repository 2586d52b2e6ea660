"""Configuration files: discovery like ruff, --config, exclude, per-file, errors."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from battclaims import config
from battclaims.config import ConfigError, Configuration
from battclaims.errors import BattclaimsError, InputError
from battclaims.settings import DEFAULT_SEVERITY, Settings
from battclaims.store import discover


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


ROOT_PYPROJECT = """
    [project]
    name = "newsroom"

    [tool.battclaims]
    claims = "reference"
    fail-on = "warning"
    tolerance = 0.01
    exclude = ["drafts/old/", "*.tmp.md", "!keep.tmp.md"]

    [tool.battclaims.severity]
    unverified = "warning"

    [tool.battclaims.per-file]
    "english/**" = { lang = "en" }
    "wire/**" = { fail-on = "none", severity = { vague = "off" } }
    """

OPINION_YAML = """
    # the opinion desk: hedged figures are its trade
    fail_on: error
    lang: fr
    severity:
      possible-conflict: info
    """


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A newsroom repository: pyproject.toml at the root, the opinion desk's own file."""
    write(tmp_path / "pyproject.toml", ROOT_PYPROJECT)
    write(tmp_path / "opinion" / ".battclaims.yaml", OPINION_YAML)
    for name in ("news/battery.md", "opinion/deep/x.md", "opinion/edito.md", "wire/afp.md",
                 "english/reuters.md", "drafts/old/v1.md", "drafts/new.md", "a.tmp.md",
                 "keep.tmp.md", "news/b.tmp.md"):
        write(tmp_path / name, "Verkor produira 16 GWh.\n")
    return tmp_path


# -- which file applies -----------------------------------------------------------------

def test_the_nearest_configuration_applies(newsroom: Path) -> None:
    run = Configuration(cwd=newsroom)
    nested = run.for_path("opinion/deep/x.md")
    assert nested.source == newsroom / "opinion" / ".battclaims.yaml"
    assert nested.settings.fail_on == "error" and nested.lang == "fr"
    assert run.for_path("opinion/edito.md").source == nested.source
    root = run.for_path("news/battery.md")
    assert root.source == newsroom / "pyproject.toml"
    assert root.settings.fail_on == "warning" and root.lang is None
    assert root.settings.tolerance == 0.01
    assert root.settings.level("unverified") == "warning"


def test_nearest_wins_whole_no_merging(newsroom: Path) -> None:
    """The opinion desk's file replaces the root's: no tolerance, severity, exclude
    from the root (as in ruff)."""
    nested = Configuration(cwd=newsroom).for_path(newsroom / "opinion" / "deep" / "x.md")
    assert nested.settings.tolerance == 0.0
    assert nested.settings.level("unverified") == DEFAULT_SEVERITY["unverified"]
    assert nested.settings.level("possible-conflict") == "info"
    write(newsroom / "opinion" / "old.tmp.md", "x\n")
    assert not Configuration(cwd=newsroom).for_path("opinion/old.tmp.md").excluded


def test_a_pyproject_without_the_table_is_skipped(newsroom: Path) -> None:
    write(newsroom / "news" / "pyproject.toml", """
        [project]
        name = "battclaims-site"      # mentions battclaims, still no [tool.battclaims]
        [tool.ruff]
        line-length = 100
        """)
    write(newsroom / "wire" / "pyproject.toml", "[tool.black]\n")
    run = Configuration(cwd=newsroom)
    assert run.for_path("news/battery.md").source == newsroom / "pyproject.toml"
    assert run.for_path("wire/afp.md").source == newsroom / "pyproject.toml"


def test_an_empty_table_or_file_is_a_configuration(newsroom: Path) -> None:
    write(newsroom / "news" / "pyproject.toml", "[tool.battclaims]\n")
    write(newsroom / "wire" / ".battclaims.yml", "# nothing yet\n")
    run = Configuration(cwd=newsroom)
    for path in ("news/battery.md", "wire/afp.md"):
        found = run.for_path(path)
        assert found.settings == Settings() and found.lang is None and not found.excluded
    assert run.for_path("news/battery.md").source == newsroom / "news" / "pyproject.toml"
    assert run.for_path("wire/afp.md").source == newsroom / "wire" / ".battclaims.yml"


@pytest.mark.parametrize("present, expected", [
    ((".battclaims.yaml", ".battclaims.yml", "pyproject.toml"), ".battclaims.yaml"),
    ((".battclaims.yml", "pyproject.toml"), ".battclaims.yml"),
    ((".battclaims.yaml", "pyproject.toml"), ".battclaims.yaml"),
    (("pyproject.toml",), "pyproject.toml"),
])
def test_precedence_in_one_folder(tmp_path: Path, present: tuple[str, ...],
                                  expected: str) -> None:
    contents = {".battclaims.yaml": "fail-on: info\n", ".battclaims.yml": "fail-on: warning\n",
                "pyproject.toml": '[tool.battclaims]\nfail-on = "none"\n'}
    for name in present:
        write(tmp_path / name, contents[name])
    found = Configuration(cwd=tmp_path).for_path("story.md")
    assert found.source == tmp_path / expected
    assert found.settings.fail_on == contents[expected].split()[-1].strip('"')


def test_no_configuration_gives_the_defaults(tmp_path: Path) -> None:
    found = Configuration(cwd=tmp_path).for_path("story.md")
    assert found == config.FileSettings(Settings(), None, False, None)
    assert Configuration(cwd=tmp_path).claims_dir() is None


def test_standard_input_takes_the_current_directory_s(newsroom: Path) -> None:
    assert Configuration(cwd=newsroom / "opinion").for_path("-").lang == "fr"
    stdin = Configuration(cwd=newsroom / "drafts" / "old").for_path("-")
    assert stdin.source == newsroom / "pyproject.toml" and not stdin.excluded


def test_explicit_config_applies_everywhere_and_stops_discovery(
        newsroom: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("ci")
    explicit = write(elsewhere / "strict.yml", "fail-on: info\nexclude: ['*.md']\n")
    for given in (explicit, str(explicit)):
        run = Configuration(given, cwd=newsroom)
        for path in ("opinion/deep/x.md", "news/battery.md", "-"):
            found = run.for_path(path)
            assert found.source == explicit and found.settings.fail_on == "info"
            assert found.lang is None
            assert not found.excluded  # outside the configuration's folder
    assert Configuration(explicit, cwd=newsroom).for_path(elsewhere / "x.md").excluded


def test_explicit_pyproject_reads_its_table(newsroom: Path) -> None:
    run = Configuration("pyproject.toml", cwd=newsroom / ".." / newsroom.name)
    nested = run.for_path("opinion/deep/x.md")
    assert nested.source == newsroom / "pyproject.toml"
    assert nested.settings.fail_on == "warning" and nested.lang is None
    assert run.for_path("drafts/old/v1.md").excluded


def test_explicit_config_errors(newsroom: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nowhere\.yaml: no such configuration file$"):
        Configuration("nowhere.yaml", cwd=newsroom)
    write(newsroom / "news" / "pyproject.toml", "[tool.ruff]\n")
    with pytest.raises(ConfigError, match=r"^news/pyproject\.toml: no \[tool\.battclaims\] table$"):
        Configuration("news/pyproject.toml", cwd=newsroom)
    write(newsroom / "bad.yaml", "fail-on: never\n")
    with pytest.raises(ConfigError, match=r"^bad\.yaml:1: fail-on 'never'"):
        Configuration(newsroom / "bad.yaml", cwd=newsroom)


# -- exclude ----------------------------------------------------------------------------

@pytest.mark.parametrize("path, excluded", [
    ("drafts/old/v1.md", True),          # drafts/old/: that folder, from the config's folder
    ("drafts/old", True),                # the folder itself: a walker may prune it
    ("drafts/new.md", False),
    ("drafts", False),
    ("a.tmp.md", True),                  # *.tmp.md: at any depth
    ("news/b.tmp.md", True),
    ("keep.tmp.md", False),              # !keep.tmp.md takes it back
    ("news/battery.md", False),
])
def test_exclude_patterns(newsroom: Path, path: str, excluded: bool) -> None:
    assert Configuration(cwd=newsroom).for_path(path).excluded is excluded


def test_exclude_is_relative_to_the_configuration_s_folder(tmp_path: Path) -> None:
    write(tmp_path / "desk" / ".battclaims.yaml", "exclude:\n  - drafts/old/\n  - /top.md\n")
    run = Configuration(cwd=tmp_path / "desk" / "drafts")  # the current directory: no matter
    assert run.for_path(tmp_path / "desk" / "drafts" / "old" / "a.md").excluded
    assert run.for_path("old/a.md").excluded
    assert not run.for_path(tmp_path / "desk" / "sub" / "drafts" / "old" / "a.md").excluded
    assert run.for_path(tmp_path / "desk" / "top.md").excluded
    assert not run.for_path(tmp_path / "desk" / "sub" / "top.md").excluded


# -- per-file -----------------------------------------------------------------------------

PER_FILE = """
    fail-on: warning
    tolerance: 0.01
    severity: {unverified: warning}
    per-file:
      "opinion/**":
        fail-on: none
        severity: {unverified: info, vague: "off"}
      "opinion/en/**": {lang: en, tolerance: 0.05}
      "*.fr.md": {lang: fr}
      "opinion/**/*.fr.md": {fail-on: info}
      "!opinion/**": {severity: {duplicate: error}}
    """


def test_per_file_overrides_apply_in_file_order(tmp_path: Path) -> None:
    write(tmp_path / ".battclaims.yaml", PER_FILE)
    run = Configuration(cwd=tmp_path)
    plain = run.for_path("news/a.md")
    assert (plain.settings.fail_on, plain.settings.tolerance, plain.lang) == ("warning", 0.01, None)
    assert plain.settings.level("duplicate") == "error"     # "!opinion/**": not opinion
    opinion = run.for_path("opinion/a.md")
    assert opinion.settings.fail_on == "none"
    assert opinion.settings.level("unverified") == "info"   # per-file over the file's
    assert not opinion.settings.shown("vague") and opinion.settings.shown("unverified")
    assert opinion.settings.level("duplicate") == "warning"
    assert opinion.settings.tolerance == 0.01                # not overridden: the file's
    english = run.for_path("opinion/en/b.md")
    assert (english.lang, english.settings.tolerance, english.settings.fail_on) == (
        "en", 0.05, "none")
    french = run.for_path("opinion/en/c.fr.md")              # both lang patterns: later wins
    assert french.lang == "fr" and french.settings.fail_on == "info"
    assert run.for_path("news/c.fr.md").lang == "fr"


def test_per_file_order_is_the_file_s_order_in_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", """
        [tool.battclaims.per-file."*.md"]
        lang = "en"
        [tool.battclaims.per-file."fr/**"]
        lang = "fr"
        """)
    run = Configuration(cwd=tmp_path)
    assert run.for_path("fr/a.md").lang == "fr" and run.for_path("a.md").lang == "en"
    write(tmp_path / "pyproject.toml", """
        [tool.battclaims.per-file]
        "fr/**" = {lang = "fr"}
        "*.md" = {lang = "en"}
        """)
    assert Configuration(cwd=tmp_path).for_path("fr/a.md").lang == "en"


def test_lang_auto_restores_detection(tmp_path: Path) -> None:
    write(tmp_path / ".battclaims.yaml", "lang: fr\nper-file:\n  'mixed/**': {lang: auto}\n")
    run = Configuration(cwd=tmp_path)
    assert run.for_path("a.md").lang == "fr" and run.for_path("mixed/a.md").lang is None


def test_command_line_options_win(tmp_path: Path) -> None:
    write(tmp_path / ".battclaims.yaml", PER_FILE)
    run = Configuration(fail_on="error", tolerance=0.1, lang="en", cwd=tmp_path)
    for path in ("news/a.md", "opinion/a.md", "opinion/en/c.fr.md", "-"):
        found = run.for_path(path)
        assert (found.settings.fail_on, found.settings.tolerance, found.lang) == (
            "error", 0.1, "en")
    assert not run.for_path("opinion/a.md").settings.shown("vague")  # severities: not options
    zero = Configuration(tolerance=0.0, cwd=tmp_path).for_path("news/a.md")
    assert zero.settings.tolerance == 0.0


@pytest.mark.parametrize("options, message", [
    ({"fail_on": "sometimes"}, "--fail-on 'sometimes' must be one of info, warning, error, none"),
    ({"tolerance": 1.5}, "--tolerance 1.5 must be a number from 0 to 1"),
    ({"lang": "de"}, "--lang 'de' must be one of en, fr"),
])
def test_bad_command_line_options(tmp_path: Path, options: dict[str, Any], message: str) -> None:
    with pytest.raises(BattclaimsError) as raised:
        Configuration(cwd=tmp_path, **options)
    assert str(raised.value) == message


# -- spellings and values -------------------------------------------------------------------

def test_underscore_and_hyphen_spellings_are_the_same(tmp_path: Path) -> None:
    hyphens = write(tmp_path / "h" / ".battclaims.yaml", """
        fail-on: info
        duplicate-similarity: 70
        per-file: {"*.md": {fail-on: warning, severity: {time-conflict: warning}}}
        """)
    underscores = write(tmp_path / "u" / ".battclaims.yaml", """
        fail_on: info
        duplicate_similarity: 70
        per_file: {"*.md": {fail_on: warning, severity: {time_conflict: warning}}}
        """)
    run = Configuration(cwd=tmp_path)
    a, b = run.for_path("h/x.md"), run.for_path("u/x.md")
    assert a.settings == b.settings
    assert a.settings.duplicate_similarity == 70.0 and a.settings.fail_on == "warning"
    assert a.settings.level("time-conflict") == "warning"
    assert run.for_path("h/x.txt").settings.fail_on == "info"
    assert (hyphens, underscores) == (a.source, b.source)


def test_severity_off_silences_a_verdict(tmp_path: Path) -> None:
    write(tmp_path / ".battclaims.yaml", "severity: {unverified: off, vague: 'off'}\n"
                                          "fail-on: info\n")
    found = Configuration(cwd=tmp_path).for_path("a.md").settings
    assert found.level("unverified") == "off" and found.level("vague") == "off"
    assert not found.shown("unverified") and found.shown("confirmed")
    assert not found.fails("off") and found.fails("info")


def test_yes_no_on_off_stay_words_and_exponents_are_numbers(tmp_path: Path) -> None:
    write(tmp_path / ".battclaims.yaml", "severity: {unverified: no}\n")
    with pytest.raises(ConfigError, match=r":1: severity: unverified 'no' must be one of"):
        Configuration(cwd=tmp_path).for_path("a.md")
    write(tmp_path / ".battclaims.yaml", "tolerance: 2e-2\n")
    assert Configuration(cwd=tmp_path).for_path("a.md").settings.tolerance == 0.02


def test_claims_dir(newsroom: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert Configuration(cwd=newsroom / "news").claims_dir() == (
        newsroom / "reference", newsroom / "pyproject.toml")
    assert Configuration(cwd=newsroom / "opinion").claims_dir() is None  # its own file: none
    elsewhere = tmp_path_factory.mktemp("ci")
    explicit = write(elsewhere / "ci" / ".battclaims.yaml", "claims: ../db\n")
    assert Configuration(explicit, cwd=newsroom).claims_dir() == (elsewhere / "db", explicit)


# -- errors, with file and line ---------------------------------------------------------------

@pytest.mark.parametrize("text, line, message", [
    ("fail-on: warning\ntolerance: 0.02\nfail_onn: info\n", 3,
     "unknown setting 'fail_onn', did you mean 'fail_on'? (known: claims, fail-on, tolerance, "
     "severity, duplicate-similarity, exclude, lang, per-file)"),
    ("colour: red\n", 1, "unknown setting 'colour' (known: claims, fail-on, tolerance, "
     "severity, duplicate-similarity, exclude, lang, per-file)"),
    ("severity: [a]\n", 1, "severity must map verdicts to info, warning, error, off, not a list"),
    ("severity:\n  unverfied: warning\n", 2, "severity: unknown verdict 'unverfied' (known: "
     "conflict, time-conflict, possible-conflict, outdated, duplicate, confirmed, unverified, "
     "vague, agree, related)"),
    ("severity:\n  conflict: loud\n", 2,
     "severity: conflict 'loud' must be one of info, warning, error, off"),
    ("exclude: 3\n", 1, "exclude must be a list of gitignore-style patterns, not 3"),
    ("exclude:\n  - drafts/\n  - 3\n", 3, "exclude: 3 is not a pattern (text)"),
    ("tolerance: \"x\"\n", 1, "tolerance 'x' must be a number from 0 to 1, e.g. 0.02"),
    ("tolerance: 1\n", 1, "tolerance 1 must be a number from 0 to 1, e.g. 0.02"),
    ("tolerance: true\n", 1, "tolerance True must be a number from 0 to 1, e.g. 0.02"),
    ("fail_on: sometimes\n", 1, "fail_on 'sometimes' must be one of info, warning, error, none"),
    ("duplicate_similarity: 150\n", 1, "duplicate_similarity 150 must be a number from 0 to 100"),
    ("lang: de\n", 1, "lang 'de' must be one of en, fr, auto"),
    ("claims: 3\n", 1, "claims 3 must be the path of a folder"),
    ("- fail-on\n", 1, "settings must be a mapping of settings, not a list"),
    ("per-file: [a]\n", 1, "per-file must map gitignore-style patterns to settings, not a list"),
    ("per-file:\n  'a/**': warning\n", 2,
     "per-file 'a/**' must be a mapping of settings, not 'warning'"),
    ("per-file:\n  'a/**':\n    lang: en\n    claims: x\n", 4,
     "'claims' cannot be set in per-file 'a/**' (only lang, fail-on, severity, tolerance)"),
    ("per-file:\n  'a/**':\n    lnag: en\n", 3,
     "unknown setting 'lnag', did you mean 'lang'? (known: lang, fail-on, severity, tolerance)"),
    ("per-file:\n  'a/**': {tolerance: -1}\n", 2,
     "tolerance -1 must be a number from 0 to 1, e.g. 0.02"),
    ("per-file:\n  1: {lang: en}\n", 2, "per-file: 1 is not a pattern"),
    ("fail_on: info\nfail-on: error\n", 2, "'fail-on' is set twice (also as 'fail_on')"),
    ("lang: fr\nlang: en\n", 2, "'lang' is set twice (also on line 1)"),
])
def test_yaml_errors_name_the_file_and_line(tmp_path: Path, text: str, line: int,
                                            message: str) -> None:
    write(tmp_path / "opinion" / ".battclaims.yaml", text)
    run = Configuration(cwd=tmp_path)
    with pytest.raises(ConfigError) as raised:
        run.for_path("opinion/deep/x.md")
    assert str(raised.value) == f"opinion/.battclaims.yaml:{line}: {message}"
    assert isinstance(raised.value, InputError) and raised.value.line == line


@pytest.mark.parametrize("text, line, message", [
    ("fail-on: [warning\n", 2, "invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ("fail-on: warning\n  tolerance: 0.1: x\n", 2,
     "invalid YAML: mapping values are not allowed here"),
    ("fail-on: info\n---\nfail-on: error\n", 2,
     "invalid YAML: but found another document"),
    ("\tfail-on: info\n", 1, "invalid YAML: found character '\\t' that cannot start any token"),
])
def test_invalid_yaml(tmp_path: Path, text: str, line: int, message: str) -> None:
    (tmp_path / ".battclaims.yaml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        Configuration(cwd=tmp_path).for_path("a.md")
    assert str(raised.value) == f".battclaims.yaml:{line}: {message}"


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / ".battclaims.yaml").write_bytes(b"lang: fr # \xe9\n")
    with pytest.raises(ConfigError, match=r"^\.battclaims\.yaml: not UTF-8 text$"):
        Configuration(cwd=tmp_path).for_path("a.md")


TOML_ERRORS = """
    [project]
    name = "newsroom"

    [tool.battclaims]
    fail-on = "warning"
    exclude = [
      "drafts/",
      "a = b",
    ]
    {bad}

    [tool.battclaims.per-file]
    "opinion/**" = {{ fail-on = "none", lang = "en" }}
    "wire/**" = {{ severity = {{ vague = "off" }} }}
    """


@pytest.mark.parametrize("bad, fix, line, message", [
    ('fail_onn = "info"', None, 10, "unknown setting 'fail_onn', did you mean 'fail_on'?"),
    ('tolerance = "x"', None, 10, "tolerance 'x' must be a number from 0 to 1, e.g. 0.02"),
    ("severity.unverfied = 'info'", None, 10, "severity: unknown verdict 'unverfied'"),
    ("lang = 'fr'", ('lang = "en"', 'lnag = "en"'), 13,
     "unknown setting 'lnag', did you mean 'lang'?"),
    ("lang = 'fr'", ('"off"', '"silent"'), 14, "severity: vague 'silent' must be one of"),
    ("lang = 'fr'", ('"drafts/",', "3,"), 6, "exclude: 3 is not a pattern (text)"),
    ("[tool.battclaims.severity]\nconflict = 'loud'", None, 11,
     "severity: conflict 'loud' must be one of"),
    ('exclude = "x"', None, 10, "Cannot overwrite a value"),
    ("fail-on = ", None, 10, "invalid TOML: Invalid value"),
])
def test_toml_errors_name_the_file_and_line(tmp_path: Path, bad: str, fix: tuple[str, str] | None,
                                            line: int, message: str) -> None:
    text = textwrap.dedent(TOML_ERRORS).lstrip("\n").format(bad=bad)
    if fix is not None:
        text = text.replace(*fix)
    (tmp_path / "pyproject.toml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        Configuration(cwd=tmp_path).for_path("news/a.md")
    assert str(raised.value).startswith(f"pyproject.toml:{line}: ")
    assert message in str(raised.value)


def test_toml_table_of_the_wrong_kind(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool]\nblack = {}\nbattclaims = 3\n")
    with pytest.raises(ConfigError, match=r"^pyproject\.toml:3: \[tool\.battclaims\] must be a "
                                          r"table, not 3$"):
        Configuration(cwd=tmp_path).for_path("a.md")


def test_errors_outside_the_current_directory_show_the_whole_path(tmp_path: Path) -> None:
    bad = write(tmp_path / ".battclaims.yaml", "colour: red\n")
    (tmp_path / "work").mkdir()
    with pytest.raises(ConfigError, match=rf"^{bad}:1: unknown setting 'colour'"):
        Configuration(cwd=tmp_path / "work").for_path("a.md")


# -- caching ------------------------------------------------------------------------------------

def test_each_configuration_is_read_once(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    read = config._read_text

    def counting(path: Path) -> str:
        reads.append(path)
        return read(path)

    monkeypatch.setattr(config, "_read_text", counting)
    write(newsroom / "news" / "pyproject.toml", '[project]\nname = "battclaims-site"\n')
    run = Configuration(cwd=newsroom)
    for number in range(300):
        run.for_path(f"news/story-{number}.md")
        run.for_path(f"news/2024/story-{number}.md")
        run.for_path(f"opinion/deep/x-{number}.md")
        run.for_path(f"opinion/story-{number}.md")
    run.for_path("-")
    run.claims_dir()
    assert sorted(reads) == sorted([newsroom / "news" / "pyproject.toml",
                                    newsroom / "pyproject.toml",
                                    newsroom / "opinion" / ".battclaims.yaml"])


def test_one_settings_object_per_combination(tmp_path: Path) -> None:
    write(tmp_path / ".battclaims.yaml", PER_FILE)
    run = Configuration(cwd=tmp_path)
    assert run.for_path("news/a.md").settings is run.for_path("other/b.md").settings


# -- the database of the run ------------------------------------------------------------------

def test_the_database_comes_from_the_configuration_nearest_the_start(newsroom: Path) -> None:
    assert discover(None, newsroom / "news")[0] == newsroom / "reference"


def test_languages_are_the_lexicon_s() -> None:
    from battclaims.lexicon import SUPPORTED

    assert config.SUPPORTED is SUPPORTED  # one list of the languages read
