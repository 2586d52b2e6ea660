"""The ``battclaims`` command. Thin: it parses options, calls the library and
hands results to a renderer. Library errors become one-line messages on
standard error; tables and JSON go to standard output.

Exit codes: 0 success, 1 findings at or above the failing level (checks),
2 usage or input error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED
from .render import Format

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def output_options(formats: tuple[Format, ...]) -> Callable[[F], F]:
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
def extract(paths: tuple[str, ...], fmt: str, lang: str | None, encoding: str | None) -> None:
    """Extract the quantities in documents.

    PATH is a file (.txt, .md, .markdown, .html), a directory (read
    recursively) or - for standard input. Files that cannot be read are
    reported on standard error and the others are still processed.
    """
    from .api import extract_paths
    from .render import renderer

    out = renderer(Format(fmt), sys.stdout)
    failed = False
    out.begin()
    try:
        for result in extract_paths(paths, lang=lang, encoding=encoding, stdin=sys.stdin.buffer):
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


if __name__ == "__main__":  # pragma: no cover
    main()
