"""What a typical run imports: ``import battclaims`` and a ``check --format concise`` of a
short draft (front matter, a title, paragraphs, a list, a link) load none of pint, rich,
dateparser, markdown-it-py, html.parser and rapidfuzz (no name near an alias but the
aliases themselves), nor importlib.resources (with tempfile, shutil
and zipfile: the data files are read by path) — the start-up a CI run pays on every draft —
and, once the parse cache holds the draft's front matter, the database and the project's
``[tool.battclaims]`` table, neither PyYAML nor tomllib. Each is loaded when it is needed: a
table draws rich, a block quote markdown-it-py, raw HTML html.parser, a misspelt alias
("Stellantiss") rapidfuzz.

What the interpreter loads before any line of ours runs (a site-packages ``.pth`` file may
import importlib.resources, as on the machines our CI runs on) is not battclaims' doing:
each test reports only the modules a bare interpreter does not already hold."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("pint", "rich", "dateparser", "markdown_it", "importlib.resources", "html.parser",
         "rapidfuzz", "_hashlib")

DRAFT = """---
title: Verkor accélère
published: 2024-10-07
---

# Verkor accélère à Dunkerque

Verkor fournira 16 GWh par an au groupe Renault dès 2025, soit 2 TWh de plus que
prévu, et créera 1 200 emplois d'ici fin 2025, selon [le groupe](https://example.org/r).

- Investissement : 1,5 milliard d'euros.
- Mise en service le 12 mars 2025.
"""

RUN = """
import json, sys
from battclaims.cli import main
sys.argv = ["battclaims", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps([m for m in {heavy!r} if m in sys.modules]), file=sys.stderr)
"""


@functools.cache
def preloaded() -> frozenset[str]:
    """The modules this interpreter holds before running any code of ours."""
    done = subprocess.run([sys.executable, "-c", "import sys; print(*sys.modules)"],
                          capture_output=True, text=True, check=True)
    return frozenset(done.stdout.split())


def ours(heavy: tuple[str, ...]) -> tuple[str, ...]:
    """The modules of ``heavy`` whose loading a run of ours can be blamed for."""
    return tuple(name for name in heavy if name not in preloaded())


def loaded(tmp_path: Path, *args: str, text: str = DRAFT, heavy: tuple[str, ...] = HEAVY,
           cache: Path | None = None) -> list[str]:
    draft = tmp_path / "draft.md"
    draft.write_text(text, "utf-8")
    environment = dict(os.environ, BATTCLAIMS_CACHE=str(cache or tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", RUN.format(heavy=ours(heavy)), *args,
                           str(draft)],
                          capture_output=True, text=True, cwd=tmp_path, check=True,
                          env=environment)
    assert "draft.md" in done.stdout and "conflict" in done.stdout  # it checked the draft
    found: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return found


def test_import_battclaims_loads_nothing_heavy() -> None:
    code = f"import sys, battclaims; print([m for m in {ours(HEAVY)!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_concise_check_of_a_short_draft_loads_nothing_heavy(tmp_path: Path) -> None:
    assert loaded(tmp_path, "check", "--format", "concise") == []


def test_json_and_sarif_need_no_rich_either(tmp_path: Path) -> None:
    assert loaded(tmp_path, "check", "--format", "json") == []
    assert loaded(tmp_path, "check", "--format", "sarif") == []


def test_heavy_libraries_come_when_needed(tmp_path: Path) -> None:
    assert "rich" in loaded(tmp_path, "check", "--format", "table")
    quoted = DRAFT + "\n> Verkor fournira 16 GWh, selon Les Échos.\n"
    assert "markdown_it" in loaded(tmp_path, "check", "--format", "concise", text=quoted)
    hidden = DRAFT + '\n<div hidden>Verkor fournira 20 GWh.</div>\n'
    misspelt = DRAFT + "\nStellantiss investira 2 milliards d'euros.\n"
    assert "rapidfuzz" in loaded(tmp_path, "check", "--format", "concise", text=misspelt)
    assert "html.parser" in loaded(tmp_path, "check", "--format", "concise", text=hidden)


def test_a_second_check_reads_its_yaml_from_the_parse_cache(tmp_path: Path) -> None:
    """The front matter, the claims files and the vocabularies come from the user cache:
    PyYAML is not imported, as in the second run of a CI job."""
    assert "yaml" in loaded(tmp_path, "check", heavy=("yaml",))  # a cold cache
    assert loaded(tmp_path, "check", heavy=("yaml",)) == []
    assert "yaml" in loaded(tmp_path, "check", heavy=("yaml",), cache=tmp_path / "other")


def test_a_second_check_reads_its_pyproject_table_from_the_parse_cache(tmp_path: Path) -> None:
    """A project's ``[tool.battclaims]`` table is parsed once: later runs take it, with
    the line of each key, from the user cache and import no TOML parser — and apply it
    alike (``fail_on = "none"``: the draft's conflict does not fail the run)."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.battclaims]\nfail_on = "none"\n', "utf-8")
    cache = tmp_path / "cache"
    assert "tomllib" in loaded(tmp_path, "check", heavy=("tomllib",), cache=cache)  # cold
    assert loaded(tmp_path, "check", heavy=("tomllib",), cache=cache) == []
    run = "import sys; from battclaims.cli import main; sys.argv[0] = 'battclaims'; main()"
    done = subprocess.run([sys.executable, "-c", run, "check", "draft.md"], cwd=tmp_path,
                          capture_output=True, text=True, env=dict(os.environ,
                                                                   BATTCLAIMS_CACHE=str(cache)))
    assert "conflict" in done.stdout and done.returncode == 0
    (tmp_path / "pyproject.toml").write_text("[tool.battclaims]\nfail_on = 3\n", "utf-8")
    done = subprocess.run([sys.executable, "-c", run, "check", "draft.md"], cwd=tmp_path,
                          capture_output=True, text=True, env=dict(os.environ,
                                                                   BATTCLAIMS_CACHE=str(cache)))
    assert done.returncode == 2 and "pyproject.toml:2" in done.stderr  # the key's line


def test_importing_the_library_leaves_the_collector_as_it_was() -> None:
    """The collector is paused while battclaims' modules load, then given back: a program
    using the library keeps its own setting, on or off (only the command collects less
    often), and no object is kept from the collector (none frozen)."""
    code = ("import gc, sys; gc.set_threshold(321, 4, 5); {off}import battclaims; "
            "print(gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())")
    for off, expected in (("", "True (321, 4, 5) 0"), ("gc.disable(); ", "False (321, 4, 5) 0")):
        done = subprocess.run([sys.executable, "-c", code.format(off=off)],
                              capture_output=True, text=True, check=True)
        assert done.stdout.strip() == expected
