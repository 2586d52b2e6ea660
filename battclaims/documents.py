"""Reading documents: files, directories and standard input; text, Markdown and HTML.

A :class:`Document` keeps the original text (what offsets point into) and a
*view*: the visible text that is analysed. For plain text and Markdown the
view has the same length as the original, with what is not prose (front
matter, code blocks, quote markers, comments, hidden HTML, link targets)
blanked out and line breaks kept, so offsets need no translation. For HTML the
view is the visible text only, with a map from each view character back to the
file.

Which reader: ``.html``/``.htm`` files are HTML; ``.md``/``.markdown`` files,
standard input and strings are Markdown; ``.txt`` and other files are plain
text, which is Markdown without its indented code blocks. The readers
themselves are in :mod:`battclaims.reading`.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import errno
import os
import stat
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import patterns
from .errors import InputError
from .reading.front_matter import key_line, read_front_matter
from .reading.html import read_html
from .records import record

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@record
class Document:
    """A document read and ready to analyse."""

    path: str | None
    """Where it was read from (``"-"`` for standard input), None for a string."""
    text: str
    """The decoded original text (without a byte-order mark)."""
    view: str
    """The visible text that is analysed."""
    origin: array[int] | None = None
    """Offset in :attr:`text` of each character of :attr:`view` (HTML only)."""
    origin_end: array[int] | None = None
    """Offset in :attr:`text` just past the source of each view character (HTML only)."""
    lang: str | None = None
    """Language given by the document itself (front matter, ``<html lang>``)."""
    published: str | None = None
    """Publication date given by the document (``"2024-08"``), or None."""
    title: str | None = None
    """Title from the front matter or HTML head."""
    url: str | None = None
    """Source URL from the front matter or HTML head."""
    comments: tuple[tuple[int, int], ...] = ()
    """Spans of :attr:`text` that are comments (``<!-- … -->`` outside code), where an
    editor's suppression comments may stand."""

    def original_offset(self, view_offset: int) -> int:
        """The offset in :attr:`text` of a position in :attr:`view`."""
        if self.origin is None:
            return view_offset
        if view_offset >= len(self.origin):
            return len(self.text)
        return self.origin[view_offset]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of :attr:`text` that the view span ``start:end`` was read from."""
        if self.origin is None or self.origin_end is None:
            return start, end
        return self.origin[start], self.origin_end[end - 1]


# --- decoding -----------------------------------------------------------------


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte-order marks that say a file is UTF-32 or UTF-16 text (UTF-32 first: its
little-endian mark begins with UTF-16's)."""


def _wide_codec(codec: str) -> bool:
    """Whether text in ``codec`` has NUL bytes (UTF-16 and UTF-32)."""
    return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the bytes look like UTF-16 text without
    a byte-order mark (Latin text: every other byte NUL), else None."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return None
    for name, zeros, letters in (("utf-16-le", sample[1::2], sample[0::2]),
                                 ("utf-16-be", sample[0::2], sample[1::2])):
        if zeros.count(0) >= 0.9 * half and letters.count(0) <= 0.05 * half:
            return name
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM) unless ``encoding`` says, or
    UTF-16 or UTF-32 when the file starts with their byte-order mark.

    A NUL anywhere in the file makes it binary, not a text document (unless it is
    UTF-16 or UTF-32 text, by its mark or ``encoding``: then a NUL character is); UTF-16
    text without a mark gets a hint to give ``--encoding``.
    """
    codec = encoding or "utf-8-sig"
    if encoding is None:
        codec = next((name for bom, name in _BOMS if data.startswith(bom)), codec)
    try:
        wide = _wide_codec(codec)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    if not wide and b"\x00" in data:
        utf16 = _utf16_without_bom(data) if encoding is None else None
        if utf16:
            raise InputError(path, f"{utf16.upper()} text without a byte-order mark, it seems: "
                                   f"give its encoding with --encoding {utf16}")
        raise InputError(path, "binary file (it contains NUL bytes), not a text document")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1 if not wide else None
        hint = "" if encoding else "; give its encoding with --encoding (e.g. cp1252)"
        raise InputError(
            path,
            f"not valid {codec.replace('-sig', '').upper()}: byte 0x{data[err.start]:02x} "
            f"at offset {err.start}{hint if not wide else ''}",
            line,
        ) from None
    if wide and "\x00" in text:
        raise InputError(path, "binary file (it contains NUL characters), not a text document")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


# --- Markdown and plain text ---------------------------------------------------

_DATE_LINE = patterns.compile(r"[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
_TITLE_LINE = patterns.compile(r"\s*#[ \t]+([^\n]*\S)[ \t#]*(?:\r?\n|\Z)")
_PUBLISHED = patterns.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?")
_NOT_NEWLINE = patterns.compile(r"[^\r\n]")


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans turned to spaces, line breaks kept."""
    pieces = []
    done = 0
    for start, end in sorted(spans):
        start = max(start, done)
        if start >= end:
            continue
        pieces.append(text[done:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def normalise_date(value: Any) -> str | None:
    """``2024-08-12T10:00+02:00`` -> ``"2024-08-12"``; None when not a real date.

    The precision given is kept: ``"2024"``, ``"2024-08"``, ``"2024-08-12"``.
    """
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    match = _PUBLISHED.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


def _given(value: Any) -> bool:
    """Whether a front matter value says something: ``null``, an empty value and
    ``""`` are front matter's usual "unknown"."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _first_given(meta: dict[str, Any], *keys: str) -> tuple[str, Any] | None:
    """The first of ``keys`` that the front matter gives, and its value."""
    for key in keys:
        if _given(meta.get(key)):
            return key, meta[key]
    return None


def _meta_text(meta: dict[str, Any], *keys: str) -> str | None:
    given = _first_given(meta, *keys)
    return str(given[1]).strip() if given else None


def is_markdown(path: str | None) -> bool:
    """Whether a document read as text gets all of Markdown's rules: ``.md`` and
    ``.markdown`` files, standard input and strings do; ``.txt`` (and any other) files
    are plain text, where an indented paragraph is prose, not code."""
    return path is None or path == "-" or path.lower().endswith(MARKDOWN_SUFFIXES)


def parse_text(text: str, path: str | None = None, *, markdown: bool | None = None) -> Document:
    """Read Markdown or plain text: metadata out, what is not prose blanked.

    The front matter (YAML, TOML or JSON) gives the metadata; a first line
    ``date 2024-08`` gives the publication date. The view blanks them, and what
    :func:`battclaims.reading.markdown.non_prose` finds: code blocks, quote
    markers, comments and hidden HTML, link targets and images. ``markdown``
    (default: :func:`is_markdown` of the path) says whether indented lines after a
    blank line are code blocks, as in Markdown, or prose, as in plain text.
    """
    from .reading.markdown import non_prose

    where = path or "<text>"
    meta, body_start = read_front_matter(text, where)
    published = None
    given = _first_given(meta, "published", "date")
    if given is not None:
        key, value = given
        published = normalise_date(value)
        if published is None:
            raise InputError(
                where,
                f"front matter {key!r} is not a date like 2024-08 or 2024-08-12",
                key_line(text, key, body_start),
            )
    blanks = [(0, body_start)]
    date_line = _DATE_LINE.match(text, body_start)
    if date_line and normalise_date(date_line.group(1)):  # "date 2024-13" is no date
        published = published or date_line.group(1)
        blanks.append(date_line.span())
    if markdown is None:
        markdown = is_markdown(path)
    comments: list[tuple[int, int]] = []
    blanks += non_prose(_blanked(text, blanks[:1]), indented_code=markdown, comments=comments)
    lang = _meta_text(meta, "lang", "language")
    title = _meta_text(meta, "title")
    if title is None:  # a Markdown document's first line "# Title"
        heading = _TITLE_LINE.match(text, body_start)
        title = heading.group(1).strip() if heading else None
    return Document(
        path=path,
        text=text,
        view=_blanked(text, blanks),
        lang=lang.lower()[:2] if lang else None,
        published=published,
        title=title,
        url=_meta_text(meta, "source", "url"),
        comments=tuple(comments),
    )


# --- HTML ------------------------------------------------------------------------


def parse_html(text: str, path: str | None = None) -> Document:
    """Read HTML: the visible text only (see :mod:`battclaims.reading.html`), with
    metadata from the head."""
    parser = read_html(text)
    meta = parser.meta
    published = None
    for key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate"):
        if key in meta:
            published = normalise_date(meta[key])
            if published:
                break
    title = meta.get("og:title") or " ".join("".join(parser.title_parts).split()) or None
    lang = meta.get("lang") or meta.get("og:locale")
    return Document(
        path=path,
        text=text,
        view="".join(parser.parts),
        origin=parser.origin,
        origin_end=parser.origin_end,
        lang=lang.lower()[:2] if lang else None,
        published=published,
        title=title,
        url=meta.get("canonical") or meta.get("og:url") or None,
        comments=tuple(parser.comments),
    )


def parse(text: str, path: str | None = None, html: bool | None = None) -> Document:
    """Read a document's text; HTML when ``html`` or when the path says so, else
    Markdown or plain text (:func:`is_markdown`)."""
    if html is None:
        html = path is not None and path.lower().endswith(HTML_SUFFIXES)
    return parse_html(text, path) if html else parse_text(text, path)


# --- files ---------------------------------------------------------------------------


def read(path: str, encoding: str | None = None, stdin: Any = None,
         name: str | None = None) -> Document:
    """Read one file (``"-"`` for standard input) into a :class:`Document`; ``name``
    names standard input (its suffix says how to read it).

    A folder is an input error: :data:`NO_DOCUMENT` when it holds no document (which
    is how :func:`expand`'s callers report such a folder), else "is a directory"."""
    if path == "-":
        data = stdin.read() if stdin is not None else b""
    else:
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError:
            if next(walk(path, _is_document), None) is None:
                raise InputError(path, NO_DOCUMENT) from None
            raise InputError(path, "is a directory") from None
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except OSError as err:
            raise InputError(path, err.strerror or "cannot be read") from None
    shown = name if path == "-" and name else path
    text = decode(data, shown, encoding)
    if not text.strip():
        raise InputError(shown, "empty file: there is nothing to check")
    return parse(text, shown)


NO_DOCUMENT = (f"a folder with no {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]} file in it")
"""The input error of a folder named that holds no document."""

Skipped = Callable[[str, str], None]
"""Told of each entry a walk leaves out that the user may have expected read: its path
and why (a symbolic link outside the folder, a loop, a broken link, an unreadable
folder)."""


def _is_document(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _walked(real: str, root: str) -> bool:
    """Whether a walk of ``root`` reaches ``real`` at its own place: it is inside
    ``root`` and no part of it is hidden."""
    return _inside(real, root) and not any(
        part.startswith(".") for part in Path(os.path.relpath(real, root)).parts if part != ".")


def walk(root: str | Path, wanted: Callable[[str], bool], *, follow_symlinks: bool = False,
         skipped: Skipped | None = None) -> Iterator[Path]:
    """The files below ``root`` whose name is ``wanted``, recursively, in sorted order
    (by path components), hidden entries (``.name``) skipped.

    Symbolic links: the walk stays inside the folder, as git and linters do. A link to
    a file or folder inside the folder is fine: what it points to is read once, at its
    own place (through the link only when that place is hidden). A link pointing
    outside the folder is not read, and ``skipped`` is told, unless ``follow_symlinks``:
    then it is followed (a file reached by two paths is read once). Either way a link
    that loops (to itself, or to a folder above it) and a broken link to a wanted name
    are left out and ``skipped`` is told, as is a folder that cannot be listed.
    ``root`` itself may be a link: the tree is its target.
    """
    top = os.path.realpath(root)
    taken: set[str] = set()

    def tell(path: Path, why: str) -> None:
        if skipped is not None:
            skipped(str(path), why)

    def visit(folder: Path, real_folder: str, above: frozenset[str]) -> Iterator[Path]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as err:
            tell(folder, f"folder not read: {err.strerror or err}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                try:
                    mode = os.stat(path).st_mode
                except OSError as err:
                    if err.errno == errno.ELOOP:
                        tell(path, "symbolic link loop, not read")
                    elif wanted(entry.name):
                        tell(path, "broken symbolic link, not read")
                    continue
                real = os.path.realpath(path)
                outside = not _inside(real, top)
                if stat.S_ISDIR(mode):
                    if real in above:
                        tell(path, "symbolic link to a folder above it (a loop), not followed")
                    elif outside and not follow_symlinks:
                        tell(path, f"symbolic link to a folder outside {root} ({real}), not "
                                   "followed (--follow-symlinks follows it)")
                    elif not _walked(real, top):
                        yield from visit(path, real, above | {real})
                    continue  # a folder inside: walked at its own place
                if not stat.S_ISREG(mode) or not wanted(entry.name):
                    continue
                if outside and not follow_symlinks:
                    tell(path, f"symbolic link to a file outside {root} ({real}), not read "
                               "(--follow-symlinks reads it)")
                    continue
                if wanted(os.path.basename(real)) and _walked(real, top):
                    continue  # read at its own place
            else:
                real = os.path.join(real_folder, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    yield from visit(path, real, above | {real})
                    continue
                if not entry.is_file(follow_symlinks=False) or not wanted(entry.name):
                    continue
            if real not in taken:
                taken.add(real)
                yield path

    yield from visit(Path(root), top, frozenset({top}))


def expand(paths: Iterable[str], *, follow_symlinks: bool = False,
           skipped: Skipped | None = None) -> Iterator[str]:
    """Paths as given, with directories replaced by the documents inside them.

    Directories are walked recursively in sorted order, skipping hidden
    entries; only files ending in .txt, .md, .markdown, .html and .htm are
    taken from them. Paths named explicitly are always kept. A directory that
    holds no document is kept as it is, so that reading it gives the input error
    naming it (:data:`NO_DOCUMENT`, see :func:`read`).

    Symbolic links inside a directory: see :func:`walk`. In short, links within the
    directory are fine, links pointing outside it are not read (``skipped`` is told
    of them) unless ``follow_symlinks``; loops and broken links are left out and
    ``skipped`` is told.
    """
    for path in paths:
        if path != "-" and Path(path).is_dir():
            found = False
            for child in walk(path, _is_document, follow_symlinks=follow_symlinks,
                              skipped=skipped):
                found = True
                yield str(child)
            if not found:
                yield path
        else:
            yield path
