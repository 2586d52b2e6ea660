"""The library API: extract quantities from strings, files and directories."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

from . import claims, documents
from .documents import Document
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED, detect_language, lexicon
from .model import Extraction
from .store import Database, discover, load

if TYPE_CHECKING:  # pragma: no cover
    from .checking import DocumentReport, Report
    from .config import Configuration, FileSettings
    from .diffing import DiffReport
    from .settings import Settings
    from .suppression import Baseline

T = TypeVar("T")


def load_claims(directory: str | None = None, *, strict: bool = True) -> Database:
    """The reference claims database: ``directory``, else the one :func:`discover` finds.

    With ``strict`` (the default) a database with problems raises
    :class:`BattclaimsError` listing them; ``battclaims claims validate`` shows them.
    """
    root, _why = discover(directory)
    return load(root, strict=strict)


def extract(
    text: str,
    *,
    lang: str | None = None,
    published: str | None = None,
    path: str | None = None,
    html: bool | None = None,
    database: Database | None = None,
) -> Extraction:
    """Every claim in ``text``.

    ``lang`` (``"fr"`` or ``"en"``) overrides the language the text declares
    or that is detected; ``published`` overrides its publication date;
    ``path`` only labels the result (and, ending in .html, makes it read as
    HTML unless ``html`` says otherwise); ``database`` (see
    :func:`battclaims.load_claims`) adds its entities and metrics to the
    package's own.
    """
    return extract_document(documents.parse(text, path, html), lang=lang, published=published,
                            database=database)


def extract_document(
    document: Document,
    *,
    lang: str | None = None,
    published: str | None = None,
    database: Database | None = None,
) -> Extraction:
    """Every claim in a :class:`~battclaims.documents.Document` already read."""
    code = lang or document.lang
    if code is not None and code not in SUPPORTED:
        if lang is not None:
            raise BattclaimsError(f"unknown language {lang!r} (supported: {', '.join(SUPPORTED)})")
        code = None  # a language the document declares but we do not read: detect
    code = code or detect_language(document.view)
    published = published or document.published
    return Extraction(
        path=document.path,
        lang=code,
        published=published,
        title=document.title,
        url=document.url,
        claims=tuple(claims.extract_claims(
            document, lexicon(code), published,
            entities=database.entity_index(code) if database else None,
            metrics=database.metric_vocabulary() if database else None,
        )),
    )


def extract_file(
    path: str,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    database: Database | None = None,
    stdin_filename: str | None = None,
) -> Extraction:
    """Every claim in the file at ``path`` (``"-"`` reads ``stdin``, named
    ``stdin_filename`` if given: its suffix says how to read it)."""
    return extract_document(documents.read(path, encoding, stdin, stdin_filename), lang=lang,
                            database=database)


class InternalError(InputError):
    """An unexpected failure on one file: reported like an input error (exit 2) so that
    the run goes on with the next file. ``BATTCLAIMS_DEBUG=1`` raises it instead."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(path, f"internal error ({type(error).__name__}: {error}); "
                               "please report it with the file")


def _guarded(path: str, work: Callable[[], T]) -> T | InputError:
    """``work()``, with an input error or any unexpected exception as a result."""
    try:
        return work()
    except InputError as err:
        return err
    except BattclaimsError:
        raise
    except (Exception, RecursionError) as err:  # the boundary: one file, one error
        if os.environ.get("BATTCLAIMS_DEBUG"):
            raise
        return InternalError(path, err)


def extract_paths(
    paths: Iterable[str],
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    database: Database | None = None,
    stdin_filename: str | None = None,
    configuration: Configuration | None = None,
    follow_symlinks: bool = False,
    skipped: documents.Skipped | None = None,
) -> Iterator[Extraction | InputError]:
    """Extract from files and directories, one result or error per file, in order.

    A file that cannot be read yields its :class:`InputError` (an unexpected failure
    too) and the others are still processed, as a batch job over an archive needs.
    ``configuration`` (see :class:`battclaims.config.Configuration`) gives each file's
    language and excludes files.
    """
    for path, settings in selected(paths, configuration, stdin_filename,
                                   follow_symlinks=follow_symlinks, skipped=skipped):
        code = lang or (settings.lang if settings else None)
        yield _guarded(path, lambda path=path, code=code: extract_file(  # type: ignore[misc]
            path, lang=code, encoding=encoding, stdin=stdin, database=database,
            stdin_filename=stdin_filename))


def selected(paths: Iterable[str], configuration: Configuration | None = None,
             stdin_filename: str | None = None, *, follow_symlinks: bool = False,
             skipped: documents.Skipped | None = None
             ) -> Iterator[tuple[str, FileSettings | None]]:
    """The files to read (folders walked, see :func:`battclaims.documents.expand` for
    symbolic links and ``skipped``), each with its settings from ``configuration``,
    without those it excludes."""
    for path in documents.expand(paths, follow_symlinks=follow_symlinks, skipped=skipped):
        if configuration is None:
            yield path, None
            continue
        settings = configuration.for_path(stdin_filename if path == "-" and stdin_filename
                                          else path)
        if not settings.excluded:
            yield path, settings


def check_documents(
    paths: Iterable[str],
    database: Database,
    settings: Settings | None = None,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
    configuration: Configuration | None = None,
    baseline: Baseline | None = None,
    follow_symlinks: bool = False,
    skipped: documents.Skipped | None = None,
) -> Iterator[DocumentReport | InputError]:
    """Check documents (files, directories, ``-``) against ``database``, one report or
    input error per file, in order, as they are read (for streaming output).

    Each file is checked with ``settings``, or with its own from ``configuration``
    (the nearest configuration file, its per-file overrides); findings that a comment
    in the document or the ``baseline`` accepts are moved to the report's
    ``suppressed``.
    """
    from .checking import Checker
    from .settings import Settings as _Settings
    from .suppression import directives, suppress

    checkers: dict[Any, Checker] = {}

    def checker(chosen: Settings) -> Checker:
        key = (chosen.tolerance, chosen.duplicate_similarity, chosen.fail_on,
               tuple(sorted(chosen.severity.items())))
        if key not in checkers:
            checkers[key] = Checker(database, chosen)
        return checkers[key]

    def work(path: str, file: FileSettings | None) -> DocumentReport:
        document = documents.read(path, encoding, stdin, stdin_filename)
        code = lang or (file.lang if file else None)
        extraction = extract_document(document, lang=code, database=database)
        chosen = file.settings if file else settings or _Settings()
        report = checker(chosen).check(extraction)
        return suppress(report, directives(document), baseline)

    for path, file in selected(paths, configuration, stdin_filename,
                               follow_symlinks=follow_symlinks, skipped=skipped):
        yield _guarded(path, lambda path=path, file=file: work(path, file))  # type: ignore[misc]


def check(
    paths: str | Iterable[str],
    *,
    database: Database | None = None,
    settings: Settings | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    configuration: Configuration | None = None,
    baseline: Baseline | None = None,
) -> Report:
    """Check drafts against the reference database (default: the one
    :func:`load_claims` finds): every claim gets a verdict with its evidence.

    >>> report = battclaims.check("draft.md")            # doctest: +SKIP
    >>> report.return_code, [f.verdict for d in report.documents for f in d.findings]
    """
    from .checking import Report
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    database = database if database is not None else load_claims()
    report = Report(settings)
    for result in check_documents([paths] if isinstance(paths, str) else paths, database,
                                  settings, lang=lang, encoding=encoding,
                                  configuration=configuration, baseline=baseline):
        report.add(result)
    return report


def diff(
    a: str,
    b: str,
    *,
    database: Database | None = None,
    settings: Settings | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
    configuration: Configuration | None = None,
    follow_symlinks: bool = False,
    skipped: documents.Skipped | None = None,
) -> DiffReport:
    """Compare the claims of two texts (files, or folders of files): which state the same
    facts and agree, which conflict, which look alike but are different facts, which are
    only on one side. ``database`` lends its entities (names, relations) and metrics;
    ``configuration`` gives each file's language and excludes files (the comparison's
    ``settings`` are one for the whole diff)."""
    from .diffing import diff as pair_claims
    from .matching import Matcher
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    database = database if database is not None else load_claims()
    sides: list[list[Extraction]] = [[], []]
    errors: list[InputError] = []
    for side, path in zip(sides, (a, b), strict=True):
        for result in extract_paths([path], lang=lang, encoding=encoding, stdin=stdin,
                                    database=database, stdin_filename=stdin_filename,
                                    configuration=configuration,
                                    follow_symlinks=follow_symlinks, skipped=skipped):
            if isinstance(result, InputError):
                errors.append(result)
            else:
                side.append(result)
    report = pair_claims(a, sides[0], b, sides[1], settings,
                         Matcher(database.entities, settings.tolerance))
    report.errors = errors
    return report
