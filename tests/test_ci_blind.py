"""battclaims in a newsroom's CI, checked blind against the README.

Written without reading the code: every assertion restates a promise of the
README's sections "Using it", "check", "diff", "Use it in CI" and "What it
reads". A newsroom repository (drafts in French and English, Markdown, HTML and
plain text, nested configuration, a small claims database of its own) is built
under pytest's temporary directory, and the command line is run on it as a
subprocess. The runs are started together, once, by a module fixture (each
costs most of a second of start-up), and each test reads the run it needs.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "battclaims.cli"]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# --------------------------------------------------------------------------
# The newsroom's reference database: what the desk already knows.
# --------------------------------------------------------------------------

REFERENCE = {
    "sources.yaml": """\
sources:
  - id: desk-verkor-2023
    title: Verkor fournira 12 GWh par an au groupe Renault
    lang: fr
    published: 2023-04
  - id: desk-plan-2022
    title: The 2022 plan for electric vehicles
    lang: en
    published: 2022-05
  - id: desk-deal-2023
    title: The 2023 state and industry deal
    lang: en
    published: 2023-05
""",
    "verkor.yaml": """\
claims:
  - id: verkor-renault-supply-2025
    subject: verkor
    metric: battery_supply
    value: 12
    unit: gigawatt_hour / year
    time: {relation: from, date: "2025"}
    statement: Verkor will supply Renault with 12 GWh of batteries a year from 2025.
    sources: [{source: desk-verkor-2023, where: paragraph 1}]
    status: current
    reviewed: 2026-11-23
  - id: renault-verkor-entry-2021
    kind: event
    subject: renault
    metric: stake_acquired
    time: {relation: in, date: "2021"}
    statement: Renault entered Verkor's capital in 2021.
    sources: [{source: desk-verkor-2023, where: paragraph 4}]
    status: current
    reviewed: 2026-11-23
""",
    "france.yaml": """\
claims:
  - id: france-ev-2027-old
    subject: france
    metric: vehicle_production
    value: 1000000
    unit: vehicle
    time: {relation: by, date: "2027"}
    statement: An earlier plan aimed at one million electric vehicles produced in France by 2027.
    sources: [{source: desk-plan-2022, where: paragraph 1}]
    status: superseded
    superseded_by: france-ev-2027
    reviewed: 2026-11-23
  - id: france-ev-2027
    subject: france
    metric: vehicle_production
    value: 800000
    unit: vehicle
    time: {relation: by, date: "2027"}
    statement: The 2023 deal aims at 800,000 electric vehicles produced in France by 2027.
    sources: [{source: desk-deal-2023, where: paragraph 2}]
    status: current
    reviewed: 2026-11-23
""",
    "acc.yaml": """\
claims:
  - id: acc-vehicles-equipped-2030
    subject: acc
    metric: vehicles_equipped
    value: 500000
    unit: vehicle / year
    time: {relation: from, date: "2030"}
    statement: ACC's Pas-de-Calais gigafactory is to equip 500,000 vehicles a year from 2030.
    sources: [{source: desk-deal-2023, where: paragraph 3}]
    status: current
    reviewed: 2026-11-23
""",
}

# --------------------------------------------------------------------------
# The newsroom repository.
# --------------------------------------------------------------------------

ROOT_CONFIG = """\
# Settings of the whole newsroom (battclaims reads the nearest file to each draft).
claims: reference
fail-on: error
exclude:
  - drafts/old/
  - "*.tmp.md"
  - "!keep.tmp.md"
per-file:
  "opinion/**":
    fail-on: none
    severity: {conflict: warning}
  "*.en.md": {lang: en}
"""

VALLEE = """\
---
title: "La vallée de la batterie tient-elle ses promesses ?"
published: 2024-11-04
lang: fr
---
# La vallée de la batterie tient-elle ses promesses ?

La gigafactory d'ACC dans le Pas-de-Calais doit équiper 500 000 véhicules par an
à partir de 2030, a rappelé lundi la direction.

À Dunkerque, Verkor fournira 16 GWh par an au groupe Renault dès 2025. Le
Losange est entré au capital de Verkor en 2022.

La France vise 1 million de véhicules électriques produits d'ici 2027.

Les sous-traitants de la région attendent des milliers d'emplois.

Tesla produira 2 millions de voitures en Europe l'an prochain.

Pour mémoire, la gigafactory d'ACC doit équiper 500 000 véhicules par an à partir
de 2030.
"""

VERKOR_UPDATE_EN = """\
# Verkor's Dunkirk plant: where things stand

Verkor will supply Renault with 12 GWh of batteries a year from 2025.

France still aims to produce 800,000 electric vehicles by 2027.
"""

CORRECTIONS = """\
---
title: "Verkor : ce que nous avons vérifié"
published: 2024-11-06
lang: fr
---
<!-- battclaims-disable-next-line conflict -->
Verkor fournira 16 GWh par an au groupe Renault dès 2025, selon notre source.

Le Losange est entré au capital de Verkor en 2022. <!-- battclaims-disable-line -->

L'usine d'ACC doit équiper 500 000 véhicules par an à partir de 2030.

<!-- battclaims-disable duplicate -->
Pour mémoire, l'usine d'ACC doit équiper 500 000 véhicules par an à partir de 2030.
<!-- battclaims-enable -->

<!-- battclaims-disable-next-line duplicate -->
Verkor fournira 18 GWh par an au groupe Renault dès 2025.
"""

REVUE_DE_PRESSE = """\
# Revue de presse

> Verkor fournira 12 GWh par an au groupe Renault dès 2025.

> L'exemple cité par le syndicat :
>
> ```
> Verkor fournira 16 GWh par an au groupe Renault dès 2025.
> ```

> Une citation avec `Verkor fournira 17 GWh par an` en code.

<!-- Verkor fournira 19 GWh par an au groupe Renault dès 2025. -->

<div hidden>Verkor fournira 20 GWh par an au groupe Renault dès 2025.</div>
"""

ONE_LINE = "Verkor fournira {} GWh par an au groupe Renault dès 2025.\n"

TRIBUNE = """\
---
title: "Tribune : la vallée de la batterie en questions"
published: 2024-11-06
lang: fr
---
Verkor fournira 16 GWh par an au groupe Renault dès 2025, écrit notre chroniqueur.
"""

DESK_PYPROJECT = """\
[project]
name = "desk"
version = "0.1.0"

[tool.battclaims]
fail_on = "warning"
severity = { unverified = "warning" }
"""

DEPECHE = """\
date 2024-11-08
Dépêche de la rédaction.

# battclaims-disable-next-line
Verkor fournira 16 GWh par an au groupe Renault dès 2025.

    Tesla produira 2 millions de voitures en Europe l'an prochain.
"""

WEB_PYPROJECT = """\
[project]
name = "web"
version = "0.1.0"
"""

WEB_PAGE = """\
<!DOCTYPE html>
<html lang="fr">
<head>
<title>Verkor et Renault : le point</title>
<meta property="article:published_time" content="2024-11-07T08:00:00+01:00">
<link rel="canonical" href="https://news.example.org/verkor-renault">
<style>.note::after { content: "21 GWh par an"; }</style>
<script>var capacite = "22 GWh par an";</script>
</head>
<body>
<nav>Menu : 23 GWh par an</nav>
<article>
<p data-note="24 GWh par an">Verkor fournira 16&nbsp;GWh par an au groupe Renault
d&egrave;s 2025.</p>
<p hidden>Verkor fournira 40 GWh par an au groupe Renault dès 2025.</p>
<div aria-hidden="true">Verkor fournira 41 GWh par an au groupe Renault dès 2025.</div>
<div style="display: none">Verkor fournira 42 GWh par an au groupe Renault dès 2025.</div>
<span style="visibility: hidden">Verkor fournira 43 GWh par an au groupe Renault dès 2025.</span>
<pre>Verkor fournira 44 GWh par an au groupe Renault dès 2025.</pre>
<p>En code : <code>45 GWh par an</code>.</p>
</article>
<footer>Pied de page : 48 GWh par an</footer>
</body>
</html>
"""

TOML_FRONT = """\
+++
title = "Verkor : le point (TOML)"
published = 2024-11-04
lang = "fr"
+++
Verkor fournira 12 GWh par an au groupe Renault dès 2025.
"""

JSON_ONE_LINE = (
    '{"title": "Verkor : le point (JSON)", "published": "2024-11-04", "lang": "fr"}\n'
    "\n"
    "Verkor fournira 12 GWh par an au groupe Renault dès 2025.\n"
)

JSON_MULTI_LINE = """\
{
  "title": "Verkor : le point (JSON, plusieurs lignes)",
  "published": "2024-11-05",
  "url": "https://news.example.org/verkor"
}

Verkor fournira 12 GWh par an au groupe Renault dès 2025.
"""

EMPTY_DATE = """\
---
title: "Verkor : brouillon sans date"
published:
date: ""
lang: fr
---
Verkor fournira 12 GWh par an au groupe Renault dès 2025.
"""

# Outside the repository: what the agencies sent, for diff.
V1 = """\
---
title: "Verkor et Renault"
published: 2024-11-04
lang: fr
---
Verkor fournira 12 GWh par an au groupe Renault dès 2025.

Renault détient 20 % du capital de Verkor.

L'usine d'ACC doit équiper 500 000 véhicules par an à partir de 2030.
"""

V2 = V1.replace("12 GWh", "14 GWh").replace("2024-11-04", "2024-11-05") + (
    "\nPour mémoire, Renault détient 20 % du capital de Verkor.\n"
)

AFP = """\
---
title: "Renault et Verkor"
published: 2024-11-04
lang: fr
---
Renault détient 20 % du capital de Verkor.
"""

REUTERS = """\
---
title: "Renault and Verkor"
published: 2024-11-04
lang: en
---
Renault holds 20 % of Verkor.

Renault, which holds 20 % of Verkor, is its main customer.
"""

BASELINE_DRAFT = """\
---
title: "Verkor : le point"
published: 2024-11-04
lang: fr
---
Verkor fournira 16 GWh par an au groupe Renault dès 2025.

Le Losange est entré au capital de Verkor en 2022.
"""


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@dataclass
class Run:
    args: list[str]
    rc: int
    out: str
    err: str

    def lines(self) -> list[str]:
        """The lines of standard output, without colours."""
        return ANSI.sub("", self.out).splitlines()

    def json(self):
        return json.loads(self.out)

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


class Workspace:
    def __init__(self, base: Path):
        self.base = base
        self.repo = base / "newsroom"
        self.cache = base / "cache"
        self.reference = self.repo / "reference"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"BATTCLAIMS_CLAIMS", "BATTCLAIMS_DEBUG", "COLUMNS", "LINES", "NO_COLOR"}
        }
        self.env["BATTCLAIMS_CACHE"] = str(self.cache)

    def run(self, args: list[str], cwd: Path, stdin: str | None = None) -> Run:
        proc = subprocess.run(
            [*CLI, *args],
            cwd=cwd,
            env=self.env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        return Run(args, proc.returncode, proc.stdout, proc.stderr)

    def run_stderr_on_terminal(self, args: list[str], cwd: Path) -> Run:
        """Standard output in a pipe, standard error on a terminal (a pty)."""
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [*CLI, *args],
            cwd=cwd,
            env={**self.env, "COLUMNS": "100"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
        )
        os.close(slave)
        assert proc.stdout is not None
        out_fd = proc.stdout.fileno()
        buffers = {out_fd: bytearray(), master: bytearray()}
        open_fds = set(buffers)
        while open_fds:
            ready, _, _ = select.select(list(open_fds), [], [], 120)
            if not ready:
                proc.kill()
                break
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # the terminal is closed once the process ends
                    data = b""
                if data:
                    buffers[fd] += data
                else:
                    open_fds.discard(fd)
        proc.wait(timeout=120)
        proc.stdout.close()
        os.close(master)
        out = bytes(buffers[out_fd]).decode("utf-8")
        return Run(args, proc.returncode, out, bytes(buffers[master]).decode("utf-8", "replace"))

    # ----------------------------------------------------------------------
    def build(self) -> None:
        write(self.reference, REFERENCE)
        write(
            self.repo,
            {
                ".battclaims.yaml": ROOT_CONFIG,
                "drafts/vallee.md": VALLEE,
                "drafts/verkor-update.en.md": VERKOR_UPDATE_EN,
                "drafts/corrections.md": CORRECTIONS,
                "drafts/revue-de-presse.md": REVUE_DE_PRESSE,
                "drafts/brouillon.tmp.md": ONE_LINE.format(30),
                "drafts/keep.tmp.md": ONE_LINE.format(15),
                "drafts/old/archive-2022.md": ONE_LINE.format(30),
                "opinion/tribune.md": TRIBUNE,
                "desk/pyproject.toml": DESK_PYPROJECT,
                "desk/depeche.txt": DEPECHE,
                "desk/brief.tmp.md": ONE_LINE.format(15),
                "web/pyproject.toml": WEB_PYPROJECT,
                "web/verkor.html": WEB_PAGE,
                "meta/toml.md": TOML_FRONT,
                "meta/json-one-line.md": JSON_ONE_LINE,
                "meta/json-multi-line.md": JSON_MULTI_LINE,
                "meta/empty-date.md": EMPTY_DATE,
                "tolerant/.battclaims.yml": "tolerance: 0.4\n",
                "tolerant/estimation.md": ONE_LINE.format(16),
            },
        )
        write(self.base / "shared", {"ci.yaml": "claims: ../newsroom/reference\nfail-on: none\n"})
        write(
            self.base / "inbox",
            {
                "image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01",
                "latin1.txt": "Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n".encode(
                    "latin-1"
                ),
                "empty.md": "",
                "typo.md": (
                    "Texte de la dépêche.\n\n<!-- battclaims-disable-next-line conflit -->\n"
                    + ONE_LINE.format(16)
                ),
                "ok.md": ONE_LINE.format(16),
            },
        )
        write(
            self.base / "sport",
            {
                "drafts/ok.md": ONE_LINE.format(16),
                "rubrique/.battclaims.yaml": (
                    "# settings of the sport desk\nseverity:\n  vague: \"off\"\nfail_onn: none\n"
                ),
                "rubrique/article.md": ONE_LINE.format(16),
            },
        )
        write(
            self.base / "culture",
            {
                ".battclaims.yaml": 'exclude:\n  - "*.tmp.md"\n  - "[z-a].md"\n',
                "article.md": ONE_LINE.format(16),
            },
        )
        agency = {"v1.md": V1, "v2.md": V2, "afp.md": AFP, "reuters.md": REUTERS}
        write(self.base / "agency", agency)
        write(self.base / "archive", {"drafts/verkor.md": BASELINE_DRAFT})
        (self.base / "archive/ci").mkdir()

    # ----------------------------------------------------------------------
    def jobs(self) -> dict:
        repo, base = self.repo, self.base
        agency = base / "agency"
        ref = ["--claims", str(self.reference)]
        r = self.run

        def baseline_chain() -> dict[str, Run]:
            """Accept the findings of an archive, edit a draft, check again; then
            check the same repository checked out elsewhere (a CI runner)."""
            arch = base / "archive"
            written = r(["check", *ref, "--write-baseline", "ci/baseline.json", "drafts/"], arch)
            draft = arch / "drafts/verkor.md"
            text = draft.read_text(encoding="utf-8")
            text = text.replace(
                "---\nVerkor",
                "---\nUn paragraphe d'introduction ajouté par la rédaction en chef.\n\n"
                "La France vise 800 000 véhicules électriques produits d'ici 2027.\n\nVerkor",
                1,
            )
            text += "\n" + ONE_LINE.format(17)
            draft.write_text(text, encoding="utf-8")
            args = ["check", *ref, "--baseline", "ci/baseline.json", "drafts/"]
            again = r([*args, "--format", "json"], arch)
            baseline = (arch / "ci/baseline.json").read_text(encoding="utf-8")
            runner = base / "ci-runner" / "archive"
            shutil.copytree(arch, runner)
            shutil.rmtree(arch)
            moved = r(args, runner)
            return {
                "written": written,
                "json": again,
                "baseline": Run([], 0, baseline, ""),
                "moved": moved,
            }

        jobs = {
            # the longest chain first
            "baseline": baseline_chain,
            # check on the whole repository, in every format; the concise and
            # quiet runs have their standard error on a terminal (progress bar)
            "concise": lambda: self.run_stderr_on_terminal(["check", "."], repo),
            "json": lambda: r(["check", "--format", "json", "."], repo),
            "github": lambda: r(["check", "--format", "github", "."], repo),
            "gitlab": lambda: r(["check", "--format", "gitlab", "."], repo),
            "sarif": lambda: r(["check", "-o", "report.sarif", "."], repo),
            "rdjson": lambda: r(["check", "--format", "rdjson", "."], repo),
            "junit": lambda: r(["check", "-o", "report.xml", "."], repo),
            "quiet": lambda: self.run_stderr_on_terminal(
                ["check", "-q", "--color", "always", "."], repo
            ),
            "quiet_jsonl": lambda: r(["check", "-q", "--format", "jsonl", "."], repo),
            "config_table": lambda: r(
                ["check", "--config", "../shared/ci.yaml", "--format", "table", "."], repo
            ),
            # standard input, as an editor sends its buffer
            "stdin": lambda: r(
                ["check", "--fail-on", "warning", "--stdin-filename", "opinion/lettre.txt", "-"],
                repo,
                stdin="Lettre d'un lecteur.\n\n    " + ONE_LINE.format(16),
            ),
            # errors
            "inputs": lambda: r(
                ["check", *ref, "image.md", "latin1.txt", "empty.md", "missing.md", "typo.md",
                 "ok.md"],
                base / "inbox",
            ),
            "bad_config": lambda: r(
                ["check", *ref, "--format", "json", "drafts/", "rubrique/"], base / "sport"
            ),
            "bad_pattern": lambda: r(["check", *ref, "article.md"], base / "culture"),
            "usage": lambda: r(["check", "--format", "xml", "drafts/vallee.md"], repo),
            # diff
            "d_concise": lambda: r(["diff", "v1.md", "v2.md"], agency),
            "d_json": lambda: r(["diff", "--format", "json", "v1.md", "v2.md"], agency),
            "d_github": lambda: r(["diff", "--format", "github", "v1.md", "v2.md"], agency),
            "d_sarif": lambda: r(["diff", "-o", "diff.sarif", "v1.md", "v2.md"], agency),
            "d_junit": lambda: r(["diff", "-o", "diff.xml", "v1.md", "v2.md"], agency),
            "d_jsonl": lambda: r(["diff", "--format", "jsonl", "afp.md", "reuters.md"], agency),
            "d_quiet_warning": lambda: r(
                ["diff", "-q", "--fail-on", "warning", "afp.md", "reuters.md"], agency
            ),
        }
        return jobs


class Results(dict):
    def __getitem__(self, name):
        value = super().__getitem__(name)
        if isinstance(value, BaseException):
            raise value
        return value


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    workspace = Workspace(tmp_path_factory.mktemp("battclaims-ci"))
    workspace.build()
    return workspace


@pytest.fixture(scope="module")
def runs(ws: Workspace) -> Results:
    jobs = ws.jobs()
    results = Results()
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1) as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        for name, future in futures.items():
            try:
                results[name] = future.result()
            except Exception as exc:  # reported by the test that reads it
                results[name] = exc
    return results


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

CONCISE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
    r"(?P<verdict>[a-z-]+): (?P<message>.+)$"
)


def findings(run: Run) -> list[re.Match]:
    return [m for m in map(CONCISE.match, run.lines()) if m]


def documents(run: Run) -> dict[str, dict]:
    return {doc["path"]: doc for doc in run.json()["documents"]}


def claims_by_verdict(doc: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for claim in doc["claims"]:
        out.setdefault(claim["verdict"], []).append(claim)
    return out


def line_col(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# --------------------------------------------------------------------------
# check: the concise format, exit codes, configuration per file
# --------------------------------------------------------------------------


def test_concise_is_the_default_in_a_pipe_with_one_line_per_warning_or_error(runs):
    run = runs["concise"]
    assert run.rc == 1
    lines = run.lines()
    assert lines, run.err
    body, summary = lines[:-1], lines[-1]
    assert all(CONCISE.match(line) for line in body), body
    assert all(m["severity"] in {"error", "warning"} for m in findings(run))
    assert summary.startswith(f"{len(documents(runs['json']))} documents;"), summary
    assert "at or above" in summary
    line, col = line_col(VALLEE, "16 GWh par an")
    assert (
        f"drafts/vallee.md:{line}:{col}: error conflict: “16 GWh par an”: conflicts with "
        "verkor-renault-supply-2025, desk-verkor-2023"
    ) in run.out
    line, col = line_col(VALLEE, "en 2022")
    assert f"drafts/vallee.md:{line}:{col}: error time-conflict: “en 2022”" in run.out


def test_every_verdict_of_the_check_table(runs):
    doc = documents(runs["json"])["drafts/vallee.md"]
    verdicts = claims_by_verdict(doc)
    expected = {
        "confirmed": "500 000 véhicules par an",
        "conflict": "16 GWh par an",
        "time-conflict": "en 2022",
        "outdated": "1 million de véhicules",
        "vague": "milliers d'emplois",
        "unverified": "2 millions de voitures",
        "duplicate": "500 000 véhicules par an",
    }
    for verdict, text in expected.items():
        assert [c["text"] for c in verdicts.get(verdict, [])] == [text], verdict
    severities = {c["verdict"]: c["severity"] for c in doc["claims"]}
    assert severities == {
        "confirmed": "info",
        "conflict": "error",
        "time-conflict": "error",
        "outdated": "warning",
        "vague": "info",
        "unverified": "info",
        "duplicate": "warning",
    }
    outdated = verdicts["outdated"][0]
    assert outdated["reference"]["id"] == "france-ev-2027-old"
    assert outdated["reference"]["current"]["id"] == "france-ev-2027"
    duplicate = verdicts["duplicate"][0]
    assert duplicate["duplicate_of"]["line"] == line_col(VALLEE, "500 000")[0]


def test_check_json_fields_promised_by_the_readme(runs):
    run = runs["json"]
    data = run.json()
    assert data["version"] == 1
    for doc in data["documents"]:
        for key in ("path", "lang", "published", "title", "url", "claims", "counts", "suppressed"):
            assert key in doc, (doc["path"], key)
    conflict = claims_by_verdict(documents(run)["drafts/vallee.md"])["conflict"][0]
    for key in ("verdict", "severity", "confidence", "evidence", "reference", "duplicate_of",
                "explanation", "line", "column", "start", "end", "value", "unit", "low", "high"):
        assert key in conflict, key
    assert 0 <= conflict["confidence"] <= 1
    evidence = conflict["evidence"]
    for key in ("subject", "facility", "scope", "metric", "wording", "shared_terms", "contrasts",
                "values", "compared", "times", "score"):
        assert key in evidence, key
    reference = conflict["reference"]
    for key in ("id", "value", "unit", "low", "high", "time", "facility", "scope", "statement",
                "status", "sources", "line"):
        assert key in reference, key
    assert reference["id"] == "verkor-renault-supply-2025"
    summary = data["summary"]
    for key in ("fail_on", "failing", "errors", "suppressed"):
        assert key in summary, key
    assert summary["failing"] >= 1
    # for plain text and Markdown, text == file[start:end]
    assert VALLEE[conflict["start"]:conflict["end"]] == conflict["text"]


def test_nearest_configuration_applies_to_each_file(runs):
    docs = documents(runs["json"])
    # root: opinion/** gets severity conflict: warning and fail-on none (per-file)
    tribune = docs["opinion/tribune.md"]
    assert [(c["verdict"], c["severity"]) for c in tribune["claims"]] == [("conflict", "warning")]
    # desk/pyproject.toml: unverified is a warning there, not elsewhere
    depeche = docs["desk/depeche.txt"]
    assert [(c["verdict"], c["severity"]) for c in depeche["claims"]] == [
        ("unverified", "warning")
    ]
    vallee_unverified = claims_by_verdict(docs["drafts/vallee.md"])["unverified"][0]
    assert vallee_unverified["severity"] == "info"
    # a pyproject.toml without [tool.battclaims] is skipped: the root's settings apply
    web = docs["web/verkor.html"]
    assert [(c["verdict"], c["severity"]) for c in web["claims"]] == [("conflict", "error")]
    # .battclaims.yml (tolerance 0.4): 16 GWh agrees with 12 GWh there
    assert [c["verdict"] for c in docs["tolerant/estimation.md"]["claims"]] == ["confirmed"]
    # per-file "*.en.md": {lang: en}
    assert docs["drafts/verkor-update.en.md"]["lang"] == "en"


def test_exclude_patterns_and_nothing_merged(runs):
    paths = set(documents(runs["json"]))
    assert "drafts/old/archive-2022.md" not in paths
    assert "drafts/brouillon.tmp.md" not in paths
    assert "drafts/keep.tmp.md" in paths  # "!keep.tmp.md"
    # desk/ has its own configuration, which wins whole: the root's "*.tmp.md" does not apply
    assert "desk/brief.tmp.md" in paths
    # the concise run agrees
    concise_paths = {m["path"] for m in findings(runs["concise"])}
    assert "drafts/old/archive-2022.md" not in concise_paths
    assert "drafts/keep.tmp.md" in concise_paths
    assert "desk/brief.tmp.md" in concise_paths


def test_per_file_fail_on_and_severity_in_the_concise_output(runs):
    lines = runs["concise"].out
    assert "opinion/tribune.md:6:17: warning conflict:" in lines
    assert re.search(r"^desk/depeche\.txt:7:\d+: warning unverified:", lines, re.M)
    summary = runs["json"].json()["summary"]
    failing = {(m["path"], m["line"]) for m in findings(runs["quiet"])}
    # drafts/vallee.md x2, corrections, keep.tmp, desk depeche (warning) and brief, web page
    assert summary["failing"] == len(failing) == 7
    assert not any(path == "opinion/tribune.md" for path, _ in failing)


def test_config_flag_gives_one_configuration_for_every_file(runs):
    run = runs["config_table"]
    assert run.rc == 0, run.err  # fail-on: none
    # the repository's exclude no longer applies
    assert "drafts/old/archive-2022.md (lang fr" in run.out
    assert "drafts/brouillon.tmp.md (lang fr" in run.out
    # claims: relative to the --config file
    assert "desk-verkor-2023" in run.out


def test_table_fits_80_columns_in_a_pipe(runs):
    run = runs["config_table"]
    assert max(len(line) for line in run.lines()) <= 80
    assert "┃ line:col" in run.out
    assert "1 time-conflict" in run.out


def test_stdin_filename_finds_the_configuration_and_says_how_to_read(runs):
    run = runs["stdin"]
    # .txt: an indented paragraph is prose, read and checked; opinion/** (per-file):
    # severity conflict: warning, found through --stdin-filename; its fail-on none is
    # overridden by --fail-on warning on the command line
    assert run.rc == 1, run.err
    assert run.lines()[0].startswith(
        "opinion/lettre.txt:3:21: warning conflict: “16 GWh par an”"
    ), run.out


def test_exit_codes_fail_on_error_by_default(runs):
    assert runs["concise"].rc == 1
    assert runs["json"].rc == 1
    assert runs["config_table"].rc == 0


# --------------------------------------------------------------------------
# accepting a finding: comments and baseline
# --------------------------------------------------------------------------


def test_suppression_comments_silence_and_count(runs):
    doc = documents(runs["json"])["drafts/corrections.md"]
    assert doc["suppressed"] == 3
    remaining = [(c["verdict"], c["text"]) for c in doc["claims"]]
    assert ("conflict", "16 GWh par an") not in remaining
    assert ("time-conflict", "en 2022") not in remaining
    assert ("duplicate", "500 000 véhicules par an") not in remaining
    # a comment naming another verdict does not silence a conflict
    assert ("conflict", "18 GWh par an") in remaining
    # plain text: "# battclaims-disable-next-line"
    assert documents(runs["json"])["desk/depeche.txt"]["suppressed"] == 1
    assert runs["json"].json()["summary"]["suppressed"] == {"comment": 4}
    assert "4 suppressed (4 by comment)" in runs["concise"].lines()[-1]


def test_misspelt_verdict_in_a_comment_is_an_input_error(runs):
    run = runs["inputs"]
    assert run.rc == 2
    assert re.search(r"^battclaims: error: typo\.md:3: .*'conflit'", run.err, re.M), run.err


def test_baseline_accepts_findings_after_text_moves(runs):
    chain = runs["baseline"]
    assert chain["written"].rc in (0, 1), chain["written"].err
    assert json.loads(chain["baseline"].out)  # a JSON file
    data = chain["json"].json()
    doc = data["documents"][0]
    remaining = [(c["verdict"], c["text"]) for c in doc["claims"]]
    assert ("conflict", "16 GWh par an") not in remaining
    assert ("time-conflict", "en 2022") not in remaining
    assert ("conflict", "17 GWh par an") in remaining  # a new finding is reported
    assert doc["suppressed"] == 2
    assert data["summary"]["suppressed"] == {"baseline": 2}
    assert chain["json"].rc == 1


def test_baseline_path_is_relative_to_the_baseline_file(runs):
    """The baseline, kept in ci/, accepts the same findings once the repository
    is checked out elsewhere (a CI runner)."""
    moved = runs["baseline"]["moved"]
    assert moved.rc == 1, moved.err  # the new 17 GWh conflict only
    assert [m["message"][:15] for m in findings(moved)] == ["“17 GWh par an”"], moved.out
    assert "2 suppressed (2 by baseline)" in moved.lines()[-1]


# --------------------------------------------------------------------------
# -q, -o, --color, progress
# --------------------------------------------------------------------------


def test_quiet_shows_only_failing_findings_without_summary(runs):
    run = runs["quiet"]
    assert run.rc == 1
    assert run.lines(), run.err
    assert all(CONCISE.match(line) for line in run.lines()), run.lines()
    assert len(run.lines()) == runs["json"].json()["summary"]["failing"]
    assert "opinion/tribune.md" not in run.out  # a warning that does not fail (fail-on none)
    assert "at or above" not in run.out


def test_quiet_jsonl_shows_only_failing_findings_without_summary(runs):
    records = runs["quiet_jsonl"].records()
    failing = len(findings(runs["quiet"]))
    assert [r["type"] for r in records] == ["finding"] * failing
    assert all(r["severity"] in {"error", "warning"} for r in records)


def test_output_file_suffix_sets_the_format(runs, ws):
    run = runs["sarif"]
    assert run.rc == 1
    assert run.out == ""
    sarif = json.loads((ws.repo / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert runs["junit"].out == ""
    ET.parse(ws.repo / "report.xml")


def test_color_always_and_none_by_default_in_a_pipe(runs):
    assert "\x1b[" in runs["quiet"].out  # --color always
    for name in ("concise", "json", "quiet_jsonl", "github", "gitlab", "rdjson", "config_table"):
        assert "\x1b[" not in runs[name].out, name


def test_progress_bar_on_a_terminal_standard_error_from_10_files(runs):
    run = runs["concise"]  # 14 files, standard error on a terminal
    assert "%" in run.err  # a progress bar was drawn
    quiet = runs["quiet"]
    assert "%" not in quiet.err, quiet.err


# --------------------------------------------------------------------------
# linter formats of check
# --------------------------------------------------------------------------

GITHUB = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=\d+,endColumn=\d+,title=battclaims (?P<verdict>[a-z-]+)::(?P<message>.+)$"
)


def test_github_annotations(runs):
    run = runs["github"]
    assert run.rc == 1
    annotations = [GITHUB.match(line) for line in run.lines() if line.startswith("::")]
    assert annotations and all(annotations), run.out
    line, col = line_col(VALLEE, "16 GWh par an")
    assert any(
        a["level"] == "error" and a["file"] == "drafts/vallee.md" and int(a["line"]) == line
        and int(a["col"]) == col and a["verdict"] == "conflict"
        for a in annotations
    )
    assert any(a["level"] == "warning" and a["file"] == "opinion/tribune.md" for a in annotations)
    assert len(annotations) == len(findings(runs["concise"]))


def test_gitlab_code_quality(runs):
    run = runs["gitlab"]
    assert run.rc == 1
    issues = run.json()
    assert isinstance(issues, list) and issues
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue in issues:
        assert issue["type"] == "issue"
        assert issue["check_name"].startswith("battclaims/")
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["description"]
        location = issue["location"]
        assert not location["path"].startswith("/")
        begin = location.get("lines", {}).get("begin") or location["positions"]["begin"]["line"]
        assert int(begin) >= 1
    assert any(
        i["check_name"] == "battclaims/conflict" and i["location"]["path"] == "drafts/vallee.md"
        for i in issues
    )


def test_sarif_2_1_0(runs, ws):
    sarif = json.loads((ws.repo / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "battclaims"
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert results
    for result in results:
        assert result["ruleId"] in ids
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result.get("level", "warning") in {"none", "note", "warning", "error"}
        assert result.get("kind", "fail") in {
            "pass", "open", "informational", "notApplicable", "review", "fail"
        }
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]
    line, col = line_col(VALLEE, "16 GWh par an")
    conflict = [
        r for r in results
        if r["ruleId"] == "conflict"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/vallee.md"
    ]
    assert conflict and conflict[0]["level"] == "error"
    assert conflict[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert conflict[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == col
    kinds = {r["ruleId"]: r.get("kind") for r in results}
    assert kinds.get("confirmed") == "pass"
    assert kinds.get("unverified") == "informational"


def test_rdjson(runs):
    run = runs["rdjson"]
    assert run.rc == 1
    data = run.json()
    assert data["source"]["name"] == "battclaims"
    diagnostics = data["diagnostics"]
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic["message"]
        assert diagnostic["severity"] in {"ERROR", "WARNING", "INFO"}
        assert diagnostic["location"]["path"]
        assert diagnostic["location"]["range"]["start"]["line"] >= 1
        assert diagnostic["code"]["value"]
    assert any(
        d["code"]["value"] == "conflict" and d["severity"] == "ERROR"
        and d["location"]["path"] == "drafts/vallee.md"
        for d in diagnostics
    )


def test_junit(runs, ws):
    root = ET.parse(ws.repo / "report.xml").getroot()
    assert root.tag in {"testsuites", "testsuite"}
    cases = list(root.iter("testcase"))
    failures = [f for case in cases for f in case.findall("failure")]
    assert cases and failures
    assert int(root.get("tests")) == len(cases)
    assert int(root.get("failures")) == len(failures)
    assert any(f.get("type") == "conflict" and "drafts/vallee.md" in (f.text or "")
               for f in failures)


def test_jsonl_one_finding_per_line(runs):
    records = runs["quiet_jsonl"].records()
    findings_ = [r for r in records if r["type"] == "finding"]
    assert findings_
    for record in records:
        assert record["version"] == 1
        assert record["type"] in {"finding", "summary"}
    for record in findings_:
        for key in ("path", "lang", "published", "line", "column", "verdict", "severity",
                    "explanation"):
            assert key in record, key
    # the diff's JSON Lines end with their summary record
    last = runs["d_jsonl"].records()[-1]
    assert last["type"] == "summary"
    assert {"fail_on", "failing", "counts", "errors"} <= set(last)


# --------------------------------------------------------------------------
# input errors, bad configuration, usage errors
# --------------------------------------------------------------------------


def test_unreadable_files_one_line_each_others_still_processed(runs):
    run = runs["inputs"]
    assert run.rc == 2
    errors = [line for line in run.err.splitlines() if line.strip()]
    for name in ("image.md", "latin1.txt", "empty.md", "missing.md", "typo.md"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert len(errors) == 5
    assert "ok.md:1:17: error conflict:" in run.out  # still processed
    assert "5 input errors" in run.lines()[-1]


def test_unknown_setting_names_file_and_line(runs):
    run = runs["bad_config"]
    assert run.rc == 2
    assert (
        "rubrique/.battclaims.yaml:4: unknown setting 'fail_onn', did you mean 'fail_on'?"
        in run.err
    )


def test_bad_configuration_is_one_line_and_never_a_truncated_report(runs):
    """Exit code 2, "always one line on standard error"; what is printed, if
    anything, is a whole JSON document (drafts/ok.md comes first)."""
    run = runs["bad_config"]
    assert run.rc == 2
    assert len([line for line in run.err.splitlines() if line.strip()]) == 1, run.err
    if run.out.strip():
        data = run.json()
        assert "drafts/ok.md" in {doc["path"] for doc in data["documents"]}


def test_bad_pattern_is_an_error_naming_file_and_line(runs):
    run = runs["bad_pattern"]
    assert run.rc == 2
    # the pattern stands on line 3 (an item that is not text is reported on its own line)
    assert re.search(r"^battclaims: error: \.battclaims\.yaml:3: ", run.err, re.M), run.err
    assert "internal error" not in run.err


def test_usage_error_is_one_line_on_standard_error(runs):
    run = runs["usage"]
    assert run.rc == 2
    assert len([line for line in run.err.splitlines() if line.strip()]) == 1, run.err


# --------------------------------------------------------------------------
# what it reads
# --------------------------------------------------------------------------


def test_markdown_blockquote_code_comments_and_hidden_html(runs):
    doc = documents(runs["json"])["drafts/revue-de-presse.md"]
    assert [(c["text"], c["qualifier"], c["verdict"]) for c in doc["claims"]] == [
        ("12 GWh par an", None, "confirmed")
    ]


def test_html_visible_text_only_with_offsets_into_the_source(runs):
    doc = documents(runs["json"])["web/verkor.html"]
    assert doc["lang"] == "fr"
    assert doc["published"] == "2024-11-07"
    assert doc["title"] == "Verkor et Renault : le point"
    assert doc["url"] == "https://news.example.org/verkor-renault"
    (claim,) = doc["claims"]
    assert claim["text"].replace("\xa0", " ") == "16 GWh par an"  # the visible text
    assert WEB_PAGE[claim["start"]:claim["end"]] == "16&nbsp;GWh par an"
    assert claim["line"] == line_col(WEB_PAGE, "16&nbsp;GWh")[0]


def test_plain_text_date_line_and_indented_prose(runs):
    doc = documents(runs["json"])["desk/depeche.txt"]
    assert doc["published"] == "2024-11-08"
    assert [c["text"] for c in doc["claims"]] == ["2 millions de voitures"]


def test_toml_front_matter(runs):
    doc = documents(runs["json"])["meta/toml.md"]
    assert doc["published"] == "2024-11-04"
    assert doc["title"] == "Verkor : le point (TOML)"
    assert [c["text"] for c in doc["claims"]] == ["12 GWh par an"]


def test_json_front_matter_on_several_lines(runs):
    doc = documents(runs["json"])["meta/json-multi-line.md"]
    assert doc["published"] == "2024-11-05"
    assert doc["title"] == "Verkor : le point (JSON, plusieurs lignes)"
    assert doc["url"] == "https://news.example.org/verkor"
    assert [c["text"] for c in doc["claims"]] == ["12 GWh par an"]


def test_json_front_matter_object_on_the_first_line(runs):
    doc = documents(runs["json"])["meta/json-one-line.md"]
    assert doc["published"] == "2024-11-04"
    assert doc["title"] == "Verkor : le point (JSON)"
    assert [c["text"] for c in doc["claims"]] == ["12 GWh par an"]


def test_empty_dates_are_unknown_not_errors(runs):
    doc = documents(runs["json"])["meta/empty-date.md"]
    assert doc["published"] is None
    assert doc["title"] == "Verkor : brouillon sans date"
    assert not runs["json"].json()["summary"]["errors"]


# --------------------------------------------------------------------------
# diff
# --------------------------------------------------------------------------


def test_diff_concise_and_exit_code(runs):
    run = runs["d_concise"]
    assert run.rc == 1
    assert run.lines()[0].startswith(
        "v2.md:6:17: error conflict: “14 GWh par an” vs “12 GWh par an” (v1.md:6:17)"
    )
    assert any(m["verdict"] == "duplicate" and m["path"] == "v2.md" for m in findings(run))
    assert "at or above error" in run.lines()[-1]


def test_diff_json(runs):
    run = runs["d_json"]
    assert run.rc == 1
    data = run.json()
    assert data["version"] == 1
    assert (data["a"], data["b"]) == ("v1.md", "v2.md")
    for key in ("pairs", "related", "only_a", "only_b", "duplicates"):
        assert isinstance(data[key], list), key
    conflicts = [p for p in data["pairs"] if p["verdict"] == "conflict"]
    assert [(p["a"]["text"], p["b"]["text"]) for p in conflicts] == [
        ("12 GWh par an", "14 GWh par an")
    ]
    pair = conflicts[0]
    for key in ("confidence", "evidence", "explanation"):
        assert key in pair
    assert (pair["a"]["path"], pair["b"]["path"]) == ("v1.md", "v2.md")
    repeated = [p for p in data["pairs"] if p.get("repeats")]
    assert [p["a"]["text"] for p in repeated] == ["20 %"]
    assert data["duplicates"]


def test_diff_linter_formats(runs, ws):
    github = runs["d_github"]
    assert github.rc == 1
    annotations = [GITHUB.match(line) for line in github.lines() if line.startswith("::")]
    assert annotations and all(annotations)
    assert any(a["verdict"] == "conflict" and a["file"] == "v2.md" for a in annotations)
    sarif = runs["d_sarif"]
    assert sarif.rc == 1 and sarif.out == ""
    data = json.loads((ws.base / "agency/diff.sarif").read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0"
    assert any(r["ruleId"] == "conflict" for r in data["runs"][0]["results"])
    junit = runs["d_junit"]
    assert junit.rc == 1 and junit.out == ""
    root = ET.parse(ws.base / "agency/diff.xml").getroot()
    assert any(f.get("type") == "conflict" for f in root.iter("failure"))


def test_diff_repeat_fails_only_with_fail_on_warning(runs):
    jsonl = runs["d_jsonl"]
    assert jsonl.rc == 0
    records = jsonl.records()
    assert all(r.get("version") == 1 for r in records)
    assert records[-1]["type"] == "summary"
    assert any(r["type"] == "pair" and r["verdict"] == "agree" for r in records)
    failing = runs["d_quiet_warning"]
    assert failing.rc == 1
    (line,) = failing.lines()  # -q: the failing repeat only, no summary
    assert line.startswith("reuters.md:8:") and "warning duplicate" in line
