"""The ``battclaims`` command. Thin: it parses options, calls the library and
hands results to a renderer. Library errors become one-line messages on
standard error; tables and JSON go to standard output.

Exit codes: 0 success, 1 findings at or above the failing level (checks),
2 usage or input error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED
from .render import CheckFormat, Format

if TYPE_CHECKING:  # pragma: no cover
    from .settings import Settings
    from .store import Database

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def claims_option(func: F) -> F:
    """``--claims DIR``: the reference database, else the one discovered."""
    return click.option(
        "--claims",
        "claims_dir",
        metavar="DIR",
        help="Reference claims database (default: $BATTCLAIMS_CLAIMS, .battclaims.yaml, "
        "the nearest claims/ folder, else the packaged one).",
    )(func)


def database(claims_dir: str | None, configured: Any = None) -> Database:
    """Load the database for a command; its problems are input errors (exit 2).
    ``configured``: the settings file already read, (path, settings), if any."""
    from .store import discover, load

    try:
        root, _why = discover(claims_dir, configured=configured)
    except BattclaimsError as err:
        error(str(err))
        sys.exit(EXIT_ERROR)
    loaded = load(root)
    if loaded.problems:
        for problem in loaded.problems:
            error(str(problem))
        sys.exit(EXIT_ERROR)
    return loaded


def comparison_options(func: F) -> F:
    """``--fail-on`` and ``--tolerance``, shared by ``check`` and ``diff``."""
    func = click.option(
        "--tolerance", type=click.FloatRange(0, 1, max_open=True), metavar="FRACTION",
        help="Relative tolerance when comparing values, e.g. 0.02 (default: 0).")(func)
    return click.option(
        "--fail-on", type=click.Choice(["info", "warning", "error", "none"]),
        help="Lowest severity that makes the exit code 1 (default: error).")(func)


def comparison_settings(fail_on: str | None, tolerance: float | None
                        ) -> tuple[Settings, tuple[Any, Any]]:
    """Settings from the nearest .battclaims.yaml (read once) and the options; bad ones
    exit 2. Also returns the file read, for finding the database."""
    from . import config

    try:
        where, settings_file = config.nearest()
        return config.settings(settings_file, fail_on=fail_on, tolerance=tolerance,
                               where=str(where or config.CONFIG_NAME)), (where, settings_file)
    except BattclaimsError as err:
        error(str(err))
        sys.exit(EXIT_ERROR)


def output_options(formats: tuple[Format, ...] | tuple[CheckFormat, ...]) -> Callable[[F], F]:
    """The options every command that reads documents shares."""

    def decorate(func: F) -> F:
        func = click.option(
            "--encoding",
            metavar="CODEC",
            help="Read documents in this encoding instead of UTF-8 (e.g. cp1252).",
        )(func)
        func = click.option(
            "--lang",
            type=click.Choice(SUPPORTED),
            help="Language of the documents, instead of their metadata or detection.",
        )(func)
        func = click.option(
            "--format",
            "fmt",
            type=click.Choice([f.value for f in formats]),
            default=formats[0].value,
            show_default=True,
            help="Output format.",
        )(func)
        return func

    return decorate


def error(message: str) -> None:
    """One line on standard error."""
    click.echo(f"battclaims: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="battclaims")
def main() -> None:
    """Find, normalise and check the figures in news about batteries and EVs."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@output_options((Format.TABLE, Format.JSON, Format.JSONL))
@claims_option
def extract(paths: tuple[str, ...], fmt: str, lang: str | None, encoding: str | None,
            claims_dir: str | None) -> None:
    """Extract the claims in documents.

    PATH is a file (.txt, .md, .markdown, .html), a directory (read
    recursively) or - for standard input. Files that cannot be read are
    reported on standard error and the others are still processed. The
    database's entities and metrics are used beside the package's own.
    """
    from .api import extract_paths
    from .render import renderer

    known = database(claims_dir)
    out = renderer(Format(fmt), sys.stdout)
    failed = False
    out.begin()
    try:
        for result in extract_paths(paths, lang=lang, encoding=encoding, stdin=sys.stdin.buffer,
                                    database=known):
            if isinstance(result, InputError):
                error(str(result))
                failed = True
            else:
                out.document(result)
    except BattclaimsError as err:
        error(str(err))
        failed = True
    finally:
        out.end()
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@output_options((CheckFormat.TABLE, CheckFormat.JSON, CheckFormat.GITHUB, CheckFormat.SARIF))
@claims_option
@comparison_options
def check(paths: tuple[str, ...], fmt: str, lang: str | None, encoding: str | None,
          claims_dir: str | None, fail_on: str | None, tolerance: float | None) -> None:
    """Check the claims of drafts against the reference database.

    Each claim gets a verdict — conflict, time-conflict, outdated, duplicate,
    confirmed, unverified or vague — with an explanation naming the reference,
    its source and the numbers and dates compared. Exit code 1 when a verdict
    reaches the failing severity (--fail-on), 2 on usage or input errors.
    """
    from .api import check_documents
    from .checking import Report
    from .render.check import check_renderer

    settings, configured = comparison_settings(fail_on, tolerance)
    known = database(claims_dir, configured)
    report = Report(settings)
    out = check_renderer(CheckFormat(fmt), sys.stdout)
    out.begin()
    for result in check_documents(paths, known, settings, lang=lang, encoding=encoding,
                                  stdin=sys.stdin.buffer):
        if isinstance(result, InputError):
            error(str(result))
            report.errors.append(result)
        else:
            report.documents.append(result)
            out.document(result)
    out.end(report)
    sys.exit(report.return_code)


@main.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@output_options((Format.TABLE, Format.JSON))
@claims_option
@comparison_options
def diff(a: str, b: str, fmt: str, lang: str | None, encoding: str | None,
         claims_dir: str | None, fail_on: str | None, tolerance: float | None) -> None:
    """Compare the claims of two texts, two versions of a draft, or two folders.

    Shows the claims that agree, those that conflict (side by side, with both
    locations: a changed figure between versions), look-alikes that are
    different facts, the claims only in A or only in B, and the claims repeated
    inside either side. Exit code 1 when there is a conflict, 2 on input errors.
    """
    from .api import diff as compare_texts
    from .render import diff as render

    settings, configured = comparison_settings(fail_on, tolerance)
    known = database(claims_dir, configured)
    report = compare_texts(a, b, database=known, settings=settings, lang=lang,
                           encoding=encoding, stdin=sys.stdin.buffer)
    for problem in report.errors:
        error(str(problem))
    if fmt == Format.JSON.value:
        render.as_json(report, sys.stdout)
    else:
        render.table(report, sys.stdout)
    sys.exit(report.return_code)


@main.group()
def claims() -> None:
    """Validate, browse and add to the reference claims database."""


@claims.command("validate")
@click.argument("directory", required=False, metavar="[DIR]")
def claims_validate(directory: str | None) -> None:
    """Check a claims database: every problem, as file:line: message.

    DIR defaults to the database battclaims finds (see --claims elsewhere).
    Exit code 0 when it is clean, 2 otherwise.
    """
    from .store import discover, load

    root, why = discover(directory)
    loaded = load(root)
    for problem in loaded.problems:
        click.echo(str(problem))
    count = len(loaded.claims)
    shown = _shown(root)
    summary = (f"{shown} ({why}): {count} claim{'' if count == 1 else 's'}, "
               f"{len(loaded.sources)} sources, {len(loaded.problems)} problem"
               f"{'' if len(loaded.problems) == 1 else 's'}")
    click.echo(summary, err=True)
    sys.exit(EXIT_ERROR if loaded.problems else EXIT_OK)


def _shown(path: Any) -> str:
    """A path relative to the current directory when it is below it."""
    import os

    if path is None:
        return "(none)"
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


@claims.command("list")
@click.option("--subject", help="Only the claims about this entity id.")
@click.option("--metric", help="Only the claims of this metric id.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@claims_option
def claims_list(subject: str | None, metric: str | None, fmt: str,
                claims_dir: str | None) -> None:
    """List the reference claims, grouped by subject."""
    from .render import references
    from .store import iter_references

    loaded = database(claims_dir)
    selected = iter_references(loaded, subject, metric)
    if fmt == "json":
        references.as_json(loaded, selected, sys.stdout)
    else:
        references.table(loaded, selected, sys.stdout)


@claims.command("add")
@click.argument("path", metavar="PATH")
@click.option("--source", "source_id", required=True, metavar="ID",
              help="The source id (in the database's sources) the claims come from.")
@click.option("--select", "selection", metavar="N,M-K",
              help="The claims to add, by their number in the list shown (e.g. 1,3-5).")
@click.option("--all", "add_all", is_flag=True, help="Add every claim with a subject and metric.")
@click.option("--reviewed", metavar="DATE", help="Review date to record (default: today).")
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option("--lang", type=click.Choice(SUPPORTED), help="Language of the document.")
@claims_option
def claims_add(path: str, source_id: str, selection: str | None, add_all: bool,
               reviewed: str | None, dry_run: bool, lang: str | None,
               claims_dir: str | None) -> None:
    """Extract claims from a trusted source and add the chosen ones to the database.

    The claims found are listed with a number and how they compare with the
    database (new, duplicate of, conflicts with). Choose them with --select or
    --all, or at the prompt. They are appended to SUBJECT.yaml in the database
    folder, with the source as provenance; nothing else in the files changes.
    """
    from . import adding
    from .render.adding import candidates_table

    loaded = database(claims_dir)
    try:
        offered = adding.candidates(loaded, path, source_id, reviewed, lang)
        candidates_table(offered, sys.stdout)
        if selection is None and not add_all:
            if not sys.stdin.isatty():
                raise BattclaimsError("choose the claims to add with --select N,M or --all")
            selection = click.prompt("Claims to add (e.g. 1,3-5, all, none)", default="none",
                                     err=True)
        numbers = adding.parse_selection("all" if add_all else selection or "", len(offered))
        chosen = [c for c in offered if c.number in numbers and (c.item or not add_all)]
        planned = adding.add(loaded, chosen, dry_run=dry_run)
    except InputError as err:
        error(str(err))
        sys.exit(EXIT_ERROR)
    except BattclaimsError as err:
        error(str(err))
        sys.exit(EXIT_ERROR)
    verb = "would add" if dry_run else "added"
    for item in planned:
        click.echo(f"{verb} {item.added} claim{'' if item.added == 1 else 's'} to {item.path}",
                   err=True)
    if not planned:
        click.echo("nothing added", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
