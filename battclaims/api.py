"""The library API: extract quantities from strings, files and directories."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from . import claims, documents
from .documents import Document
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED, detect_language, lexicon
from .model import Extraction


def extract(
    text: str,
    *,
    lang: str | None = None,
    published: str | None = None,
    path: str | None = None,
    html: bool | None = None,
) -> Extraction:
    """Every claim in ``text``.

    ``lang`` (``"fr"`` or ``"en"``) overrides the language the text declares
    or that is detected; ``published`` overrides its publication date;
    ``path`` only labels the result (and, ending in .html, makes it read as
    HTML unless ``html`` says otherwise).
    """
    return extract_document(documents.parse(text, path, html), lang=lang, published=published)


def extract_document(
    document: Document, *, lang: str | None = None, published: str | None = None
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
        claims=tuple(claims.extract_claims(document, lexicon(code), published)),
    )


def extract_file(
    path: str,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Extraction:
    """Every claim in the file at ``path`` (``"-"`` reads ``stdin``)."""
    return extract_document(documents.read(path, encoding, stdin), lang=lang)


def extract_paths(
    paths: Iterable[str],
    *,
    lang: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Extraction | InputError]:
    """Extract from files and directories, one result or error per file, in order.

    A file that cannot be read yields its :class:`InputError` and the others
    are still processed, as a batch job over an archive needs.
    """
    for path in documents.expand(paths):
        try:
            yield extract_file(path, lang=lang, encoding=encoding, stdin=stdin)
        except InputError as err:
            yield err
