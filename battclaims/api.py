"""The library API: extract quantities from strings, files and directories."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from . import claims, documents
from .documents import Document
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED, detect_language, lexicon
from .model import Extraction
from .store import Database, discover, load


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
