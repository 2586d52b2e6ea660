"""What a newsroom plugs into: the pre-commit hook manifest, the GitHub Actions
workflow, configuration found per file through the command line, the progress bar,
and the README's CI examples, which must be real output."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from battclaims import cli
from battclaims.cli import main

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
README = (ROOT / "README.md").read_text("utf-8")
WORKFLOW = ROOT / "examples" / "ci" / "github-actions.yml"
CONFLICT = "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BATTCLAIMS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "150"})
    return result.exit_code, result.stdout, result.stderr


def test_pre_commit_manifest() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "battclaims" and hook["language"] == "python"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    command, subcommand, *options = hook["entry"].split()
    assert command in scripts and subcommand == "check"
    assert options == ["--format", "concise"]  # one line per finding, whatever pre-commit's tty
    files = re.compile(hook["files"])
    for name in ("drafts/a.md", "a.markdown", "notes.txt", "page.html", "page.htm"):
        assert files.search(name), name
    for name in ("setup.py", "data.json", "README.rst"):
        assert not files.search(name), name


def test_actions_workflow_is_in_the_readme_and_runs_real_commands() -> None:
    text = WORKFLOW.read_text("utf-8")
    assert text in README
    steps = yaml.safe_load(text)["jobs"]["check"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "battclaims check --format github" in commands
    assert "battclaims check --format sarif -o battclaims.sarif" in commands
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload")]
    assert upload["with"]["sarif_file"] == "battclaims.sarif"
    for formats in re.findall(r"--format (\w+)", commands):
        assert formats in ("github", "sarif")


@pytest.mark.parametrize("fmt", ["concise", "github"])
def test_readme_ci_output_is_real(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = ["check"] if fmt == "concise" else ["check", "--format", "github"]
    code, out, _ = run(*args, "--claims", "claims", "examples/drafts/brouillon-vallee.md")
    assert code == 1
    shown = " ".join(args)
    block = f"$ battclaims {shown} examples/drafts/brouillon-vallee.md\n{out}```"
    assert block in README


def test_configuration_per_file_through_the_command_line(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A newsroom repository: pyproject at the root, a stricter opinion desk, an archive
    excluded."""
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.battclaims]\nclaims = "{CLAIMS.as_posix()}"\n'
        'exclude = ["archive/"]\n\n[tool.battclaims.per-file]\n'
        '"briefs/**" = {fail-on = "none"}\n', "utf-8")
    for folder in ("news", "briefs", "archive", "opinion/deep"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "verkor.md").write_text(CONFLICT, "utf-8")
    (tmp_path / "opinion" / ".battclaims.yaml").write_text(
        f"claims: {CLAIMS.as_posix()}\nseverity:\n  conflict: warning\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "json", ".")
    documents = {d["path"]: d for d in json.loads(out)["documents"]}
    assert sorted(documents) == ["briefs/verkor.md", "news/verkor.md",
                                 "opinion/deep/verkor.md"]  # the archive is excluded
    severity = {path: d["claims"][0]["severity"] for path, d in documents.items()}
    assert severity == {"briefs/verkor.md": "error", "news/verkor.md": "error",
                        "opinion/deep/verkor.md": "warning"}
    assert json.loads(out)["summary"]["failing"] == 1  # only news/: briefs/ never fails
    assert code == 1
    assert run("check", "briefs")[0] == 0
    assert run("check", "archive/verkor.md")[0] == 0  # excluded even when named
    code, _, err = run("check", "--config", str(tmp_path / "opinion" / ".battclaims.yaml"),
                       "news")
    assert code == 0  # the opinion desk's settings for every file
    (tmp_path / "opinion" / ".battclaims.yaml").write_text("severity: [conflict]\n", "utf-8")
    code, _, err = run("check", "opinion")
    assert code == 2 and err.startswith("battclaims: error: opinion/.battclaims.yaml:1: ")
    assert err.count("\n") == 1


def test_progress_bar_only_for_long_runs_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with cli.progress(3, quiet=False) as advance:
        advance()
    assert screen.getvalue() == ""  # a short run: no bar
    with cli.progress(cli.PROGRESS_FROM, quiet=True) as advance:
        advance()
    assert screen.getvalue() == ""  # quiet: no bar
    with cli.progress(cli.PROGRESS_FROM, quiet=False) as advance:
        for _ in range(cli.PROGRESS_FROM):
            advance()
    assert "checking" in screen.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal
    with cli.progress(100, quiet=False) as advance:
        advance()
    assert sys.stderr.getvalue() == ""
