"""The library API: extract quantities from strings, files and directories."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from . import claims, documents
from .documents import Document
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED, detect_language, lexicon
from .model import Extraction
from .store import Database, discover, load

if TYPE_CHECKING:  # pragma: no cover
    from .checking import DocumentReport, Report
    from .diffing import DiffReport
    from .settings import Settings


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
) -> Extraction:
    """Every claim in the file at ``path`` (``"-"`` reads ``stdin``)."""
    return extract_document(documents.read(path, encoding, stdin), lang=lang, database=database)


def extract_paths(
    paths: Iterable[str],
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    database: Database | None = None,
) -> Iterator[Extraction | InputError]:
    """Extract from files and directories, one result or error per file, in order.

    A file that cannot be read yields its :class:`InputError` and the others
    are still processed, as a batch job over an archive needs.
    """
    for path in documents.expand(paths):
        try:
            yield extract_file(path, lang=lang, encoding=encoding, stdin=stdin,
                               database=database)
        except InputError as err:
            yield err


def check_documents(
    paths: Iterable[str],
    database: Database,
    settings: Settings | None = None,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[DocumentReport | InputError]:
    """Check documents (files, directories, ``-``) against ``database``, one report or
    input error per file, in order, as they are read (for streaming output)."""
    from .checking import Checker

    checker = Checker(database, settings)
    for result in extract_paths(paths, lang=lang, encoding=encoding, stdin=stdin,
                                database=database):
        yield result if isinstance(result, InputError) else checker.check(result)


def check(
    paths: str | Iterable[str],
    *,
    database: Database | None = None,
    settings: Settings | None = None,
    lang: str | None = None,
    encoding: str | None = None,
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
                                  settings, lang=lang, encoding=encoding):
        if isinstance(result, InputError):
            report.errors.append(result)
        else:
            report.documents.append(result)
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
) -> DiffReport:
    """Compare the claims of two texts (files, or folders of files): which state the same
    facts and agree, which conflict, which look alike but are different facts, which are
    only on one side. ``database`` lends its entities (names, relations) and metrics."""
    from .diffing import diff as pair_claims
    from .matching import Matcher
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    database = database if database is not None else load_claims()
    sides: list[list[Extraction]] = [[], []]
    errors: list[InputError] = []
    for side, path in zip(sides, (a, b), strict=True):
        for result in extract_paths([path], lang=lang, encoding=encoding, stdin=stdin,
                                    database=database):
            if isinstance(result, InputError):
                errors.append(result)
            else:
                side.append(result)
    report = pair_claims(a, sides[0], b, sides[1], settings,
                         Matcher(database.entities, settings.tolerance))
    report.errors = errors
    return report
