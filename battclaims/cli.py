"""The ``battclaims`` command. Thin: it parses options, calls the library and
hands results to a renderer (:mod:`battclaims.render`). Library errors become one-line
messages on standard error; reports go to standard output (or ``-o FILE``).

Exit codes: 0 success, 1 findings at or above the failing level (checks),
2 usage or input error, and 2 on any unexpected internal error (one line, no
traceback; ``BATTCLAIMS_DEBUG=1`` shows it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from . import __version__, collector
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED
from .render import FORMATS, Output, names

if TYPE_CHECKING:  # pragma: no cover
    from .config import Configuration
    from .store import Database

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_PIPE = 141
"""The reader of the output left (``| head``): what a shell reports for SIGPIPE."""
PROGRESS_FROM = 10
"""A run over this many files or more shows a progress bar on a terminal's standard error."""
SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".sarif": "sarif", ".xml": "junit"}
"""The format ``-o FILE`` implies by its suffix, when --format is not given."""


def interactive() -> bool:
    """Whether the user can be asked (standard input is a terminal)."""
    return sys.stdin.isatty()


def error(message: str) -> None:
    """One line on standard error."""
    click.echo(f"battclaims: error: {' '.join(str(message).split())}", err=True)


def warn(path: str, why: str) -> None:
    """A warning on standard error: something left out that the user may want."""
    click.echo(f"battclaims: warning: {path}: {why}", err=True)


def fail(message: str) -> None:
    """One line on standard error, and exit 2."""
    error(message)
    sys.exit(EXIT_ERROR)


class Guarded(click.Group):
    """The command group, with the boundary that turns any unexpected exception into one
    line on standard error and exit code 2; usage errors are one line too."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        collector.for_a_command()
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as err:
            if type(err).__name__ == "NoArgsIsHelpError" and err.ctx:  # "battclaims" alone
                click.echo(err.ctx.get_help())
                sys.exit(EXIT_OK)
            command = err.ctx.command_path if err.ctx else "battclaims"
            fail(f"{command}: {err.format_message()} (see {command} --help)")
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BattclaimsError as err:
            fail(str(err))
        except BrokenPipeError:  # "battclaims check … | head": the reader left; say nothing
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_PIPE)
        except (Exception, RecursionError) as err:
            if os.environ.get("BATTCLAIMS_DEBUG"):
                raise
            fail(f"internal error ({type(err).__name__}: {err}); please report it")


def claims_option(func: F) -> F:
    """``--claims DIR``: the reference database, else the one discovered."""
    return click.option(
        "--claims",
        "claims_dir",
        metavar="DIR",
        help="Reference claims database (default: $BATTCLAIMS_CLAIMS, the configuration's "
        "claims, the nearest claims/ folder, else the packaged one).",
    )(func)


def database(claims_dir: str | None, configuration: Configuration | None = None,
             follow_symlinks: bool = False) -> Database:
    """Load the database for a command; its problems are input errors (exit 2)."""
    from .store import discover, load

    # the run's configuration, no other (--config turns discovery off); a bad one is a
    # BattclaimsError, which the command group makes one line and exit 2
    root, _why = discover(claims_dir, configured=configuration.claims_dir()
                          if configuration is not None else True)
    loaded = load(root, follow_symlinks=follow_symlinks)
    if loaded.problems:
        for problem in loaded.problems:
            error(str(problem))
        sys.exit(EXIT_ERROR)
    return loaded


def comparison_options(func: F) -> F:
    """The options of ``check`` and ``diff``: failing level, tolerance, configuration."""
    func = click.option(
        "--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
        help="Settings file (.battclaims.yaml or pyproject.toml) for every file, instead of "
        "the nearest one to each file.")(func)
    func = click.option(
        "--tolerance", type=click.FloatRange(0, 1, max_open=True), metavar="FRACTION",
        help="Relative tolerance when comparing values, e.g. 0.02 (default: 0).")(func)
    return click.option(
        "--fail-on", type=click.Choice(["info", "warning", "error", "none"]),
        help="Lowest severity that makes the exit code 1 (default: error).")(func)


def configuration(config_file: str | None, fail_on: str | None, tolerance: float | None,
                  lang: str | None) -> Configuration:
    """The settings of the run: files found per checked file (or ``--config``), with the
    command line's options over them (a bad one is a BattclaimsError: exit 2)."""
    from .config import Configuration

    return Configuration(config_file, fail_on=fail_on, tolerance=tolerance, lang=lang)


def output_options(command: str) -> Callable[[F], F]:
    """The options every command that reads documents shares."""
    formats = names(command)

    def decorate(func: F) -> F:
        for option in reversed((
            click.option("--format", "fmt", type=click.Choice(formats), metavar="FORMAT",
                         help="Output format: " + "; ".join(
                             f"{name}: {FORMATS[name].help}" for name in formats) + "."),
            click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True),
                         help="Write the report to FILE instead of standard output (its "
                         "suffix .json, .jsonl, .sarif or .xml sets the format)."),
            *(() if command == "extract" else (click.option(
                "-q", "--quiet", is_flag=True,
                help="Only what fails (--fail-on); no summary, no progress."),)),
            click.option("--color", type=click.Choice(["auto", "always", "never"]),
                         default="auto", show_default=True,
                         help="Colour the output (auto: on a terminal, unless NO_COLOR is set)."),
            click.option("--lang", type=click.Choice(SUPPORTED),
                         help="Language of the documents, instead of their metadata or "
                         "detection."),
            click.option("--encoding", metavar="CODEC",
                         help="Read documents in this encoding instead of UTF-8 (e.g. cp1252)."),
            click.option("--follow-symlinks", is_flag=True,
                         help="Read symbolic links that point outside the folders walked "
                         "(and outside the claims folder)."),
            click.option("--stdin-filename", metavar="NAME",
                         help="The name of the document read from standard input (-): its "
                         "suffix says how to read it, and it finds the configuration."),
            click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                         envvar="BATTCLAIMS_JOBS", show_envvar=True,
                         help="Read the files on N processes (default: one per core; 1: "
                         "in this one). The output is the same, in the same order."),
        )):
            func = option(func)
        return func

    return decorate


@contextmanager
def opened(command: str, output_file: str | None, fmt: str | None, color: str, quiet: bool
           ) -> Iterator[tuple[Output, str]]:
    """The output stream and the format: --format, else the output file's suffix (when
    ``command`` has that format), else table on a terminal and concise elsewhere."""
    if fmt is None and output_file:
        implied = SUFFIX_FORMATS.get(Path(output_file).suffix.lower())
        fmt = implied if implied in names(command) else None
    stream: TextIO
    if output_file:
        try:
            stream = open(output_file, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as err:
            fail(f"{output_file}: cannot write: {err.strerror or err}")
    else:
        stream = sys.stdout
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() != "utf-8":
            stream.reconfigure(encoding="utf-8")
    if fmt is None:
        fmt = "table" if stream.isatty() else "concise"
    colour = {"always": True, "never": False}.get(color)
    try:
        yield Output(stream, colour, quiet), fmt
    finally:
        if stream is not sys.stdout:
            stream.close()


@contextmanager
def progress(count: int, quiet: bool) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error for a long run on a terminal (``quiet`` when the
    report itself goes to that terminal: the bar would break its lines); ``advance()``."""
    if quiet or count < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    import time

    from rich.console import Console
    from rich.progress import Progress

    # refreshed as files are done (ten times a second at most), by no thread of its own:
    # worker processes (--jobs) are forked from a process with one thread
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("checking", total=count)
        bar.refresh()
        shown = [time.monotonic()]

        def advance() -> None:
            bar.advance(task)
            if time.monotonic() - shown[0] >= 0.1:
                bar.refresh()
                shown[0] = time.monotonic()

        yield advance


@click.group(cls=Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="battclaims")
def main() -> None:
    """Find, normalise and check the figures in news about batteries and EVs."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@output_options("extract")
@claims_option
def extract(paths: tuple[str, ...], fmt: str | None, output_file: str | None,
            color: str, lang: str | None, encoding: str | None, follow_symlinks: bool,
            stdin_filename: str | None, jobs: int | None, claims_dir: str | None) -> None:
    """Extract the claims in documents.

    PATH is a file (.txt, .md, .markdown, .html), a directory (read
    recursively) or - for standard input. Files that cannot be read are
    reported on standard error and the others are still processed. The
    database's entities and metrics are used beside the package's own.
    """
    from .api import extract_paths
    from .render import renderer

    known = database(claims_dir, follow_symlinks=follow_symlinks)
    failed = False
    with opened("extract", output_file, fmt, color, False) as (output, chosen):
        out = renderer("extract", chosen, output)
        out.begin()
        try:
            for result in extract_paths(paths, lang=lang, encoding=encoding,
                                        stdin=sys.stdin.buffer, database=known,
                                        stdin_filename=stdin_filename,
                                        follow_symlinks=follow_symlinks, skipped=warn,
                                        jobs=jobs):
                if isinstance(result, InputError):
                    error(str(result))
                    failed = True
                else:
                    out.document(result)
        finally:
            out.end()
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@output_options("check")
@claims_option
@comparison_options
@click.option("--baseline", metavar="FILE", type=click.Path(dir_okay=False),
              help="Accept the findings listed in FILE (written by --write-baseline).")
@click.option("--write-baseline", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the warnings and errors found to FILE, to accept them from now on.")
def check(paths: tuple[str, ...], fmt: str | None, output_file: str | None, quiet: bool,
          color: str, lang: str | None, encoding: str | None, follow_symlinks: bool,
          stdin_filename: str | None, jobs: int | None, claims_dir: str | None,
          fail_on: str | None, tolerance: float | None, config_file: str | None,
          baseline: str | None, write_baseline: str | None) -> None:
    """Check the claims of drafts against the reference database.

    Each claim gets a verdict — conflict, time-conflict, possible-conflict,
    outdated, duplicate, confirmed, unverified or vague — with an explanation
    naming the reference, its source and the numbers and dates compared. Exit
    code 1 when a verdict reaches the failing severity (--fail-on), 2 on usage
    or input errors.
    """
    from .api import check_documents, selected
    from .checking import Report
    from .render import renderer
    from .suppression import Baseline
    from .suppression import write_baseline as write

    config = configuration(config_file, fail_on, tolerance, lang)
    known = database(claims_dir, config, follow_symlinks)
    accepted = Baseline.load(baseline) if baseline else None
    files = [path for path, _ in selected(paths, config, stdin_filename,
                                          follow_symlinks=follow_symlinks, skipped=warn)]
    report = Report(config.for_path(".").settings)
    with opened("check", output_file, fmt, color, quiet) as (output, chosen), \
            progress(len(files), quiet or output.stream.isatty()) as advance:
        out = renderer("check", chosen, output)
        out.begin()
        for result in check_documents(files, known, lang=lang, encoding=encoding,
                                      stdin=sys.stdin.buffer, stdin_filename=stdin_filename,
                                      configuration=config, baseline=accepted,
                                      follow_symlinks=follow_symlinks, jobs=jobs):
            advance()
            report.add(result)
            if isinstance(result, InputError):
                error(str(result))
            else:
                out.document(result)
        out.end(report)
    if write_baseline:
        count = write(write_baseline, report.documents)
        click.echo(f"wrote {count} finding{'' if count == 1 else 's'} to {write_baseline}",
                   err=True)
        sys.exit(EXIT_ERROR if report.errors else EXIT_OK)
    sys.exit(report.return_code)


@main.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@output_options("diff")
@claims_option
@comparison_options
def diff(a: str, b: str, fmt: str | None, output_file: str | None, quiet: bool, color: str,
         lang: str | None, encoding: str | None, follow_symlinks: bool,
         stdin_filename: str | None, jobs: int | None, claims_dir: str | None,
         fail_on: str | None, tolerance: float | None, config_file: str | None) -> None:
    """Compare the claims of two texts, two versions of a draft, or two folders.

    Shows the claims that agree, those that conflict (side by side, with both
    locations: a changed figure between versions), look-alikes that are
    different facts, the claims only in A or only in B, and the claims repeated
    inside either side. Exit code 1 when a conflict (or a repeat, with --fail-on
    warning) reaches the failing severity, 2 on input errors.
    """
    from .api import diff as compare_texts
    from .render import renderer

    config = configuration(config_file, fail_on, tolerance, lang)
    known = database(claims_dir, config, follow_symlinks)
    report = compare_texts(a, b, database=known, settings=config.for_path(b).settings,
                           lang=lang, encoding=encoding, stdin=sys.stdin.buffer,
                           stdin_filename=stdin_filename, configuration=config,
                           follow_symlinks=follow_symlinks, skipped=warn, jobs=jobs)
    for problem in report.errors:
        error(str(problem))
    with opened("diff", output_file, fmt, color, quiet) as (output, chosen):
        renderer("diff", chosen, output).diff(report)
    sys.exit(report.return_code)


@main.group()
def claims() -> None:
    """Validate, browse and add to the reference claims database."""


@claims.command("validate")
@click.argument("directory", required=False, metavar="[DIR]")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links that point outside the claims folder.")
def claims_validate(directory: str | None, follow_symlinks: bool) -> None:
    """Check a claims database: every problem, as file:line: message.

    Besides what is malformed, reports the current claims that contradict each
    other, as ``check`` would judge them: the same fact with values that do not
    overlap, or the same value at other dates.

    DIR defaults to the database battclaims finds (see --claims elsewhere).
    Exit code 0 when it is clean, 2 otherwise.
    """
    from .consistency import contradictions
    from .store import discover, load

    root, why = discover(directory)
    loaded = load(root, follow_symlinks=follow_symlinks)
    for problem in loaded.problems:
        click.echo(str(problem))
    contradicting = contradictions(loaded)
    for contradiction in contradicting:
        click.echo(str(contradiction))
    count = len(loaded.claims)
    problems = len(loaded.problems) + len(contradicting)
    shown = _shown(root)
    sources = len(loaded.sources)
    summary = (f"{shown} ({why}): {count} claim{'' if count == 1 else 's'}, "
               f"{sources} source{'' if sources == 1 else 's'}, {problems} problem"
               f"{'' if problems == 1 else 's'}")
    if contradicting:
        summary += (f" ({len(contradicting)} contradiction"
                    f"{'' if len(contradicting) == 1 else 's'})")
    click.echo(summary, err=True)
    sys.exit(EXIT_ERROR if problems else EXIT_OK)


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
@click.option("--all", "add_all", is_flag=True,
              help="Add every new claim with a subject and metric; duplicates are skipped.")
@click.option("--force", is_flag=True,
              help="Also add the chosen claims that contradict the database (or each other), "
              "and the duplicates picked by number.")
@click.option("--reviewed", metavar="DATE", help="Review date to record (default: today).")
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option("--lang", type=click.Choice(SUPPORTED), help="Language of the document.")
@claims_option
def claims_add(path: str, source_id: str, selection: str | None, add_all: bool, force: bool,
               reviewed: str | None, dry_run: bool, lang: str | None,
               claims_dir: str | None) -> None:
    """Extract claims from a trusted source and add the chosen ones to the database.

    The claims found are listed with a number and how they compare with the
    database (new, duplicate of, conflict with). Choose them with --select or
    --all, or at the prompt. They are appended to SUBJECT.yaml in the database
    folder, with the source as provenance; nothing else in the files changes.

    Nothing is added silently that the database already has or that it
    contradicts: --all skips duplicates (and what the source already gave); a
    chosen claim that conflicts with the database (or with another chosen claim),
    or a duplicate picked by number, is added only with --force or, in a
    terminal, when confirmed. Otherwise the command stops, writing nothing.
    """
    from . import adding
    from .render.adding import candidates_table

    loaded = database(claims_dir)
    offered = adding.candidates(loaded, path, source_id, reviewed, lang)
    candidates_table(offered, sys.stdout)
    asking = interactive()
    if selection is None and not add_all:
        if not asking:
            raise BattclaimsError("choose the claims to add with --select N,M or --all")
        selection = click.prompt("Claims to add (e.g. 1,3-5, all, none)", default="none",
                                 err=True)
    numbers = adding.parse_selection("all" if add_all else selection or "", len(offered))
    choice = adding.choose(loaded, offered, numbers, every=add_all)
    chosen = list(choice.added)
    if force:
        chosen += [candidate for candidate, _ in choice.held]
    elif choice.held and asking:
        chosen += [candidate for candidate, why in choice.held if click.confirm(
            f"Claim {candidate.number}: {why}. Add it anyway?", default=False, err=True)]
    elif choice.held:
        raise BattclaimsError(adding.refusal(choice.held))
    if choice.skipped:
        click.echo(adding.skipped_summary(choice.skipped), err=True)
    planned = adding.add(loaded, chosen, dry_run=dry_run)
    verb = "would add" if dry_run else "added"
    for item in planned:
        click.echo(f"{verb} {item.added} claim{'' if item.added == 1 else 's'} to {item.path}",
                   err=True)
    if not planned:
        click.echo("nothing added", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
