"""Reading documents: files, directories and standard input; text, Markdown and HTML.

A :class:`Document` keeps the original text (what offsets point into) and a
*view*: the visible text that is analysed. For plain text and Markdown the
view has the same length as the original, with front matter, code blocks and
comments blanked out, so offsets need no translation. For HTML the view is the
visible text only, with a map from each view character back to the file.
"""

from __future__ import annotations

import datetime as _dt
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True)
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


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM) unless ``encoding`` says."""
    if encoding is None and b"\x00" in data[:8192]:
        raise InputError(path, "binary file (it contains NUL bytes), not a text document")
    codec = encoding or "utf-8-sig"
    try:
        text = data.decode(codec)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        hint = "" if encoding else "; give its encoding with --encoding (e.g. cp1252)"
        raise InputError(
            path,
            f"not valid {codec.replace('-sig', '').upper()}: byte 0x{data[err.start]:02x} "
            f"at offset {err.start}{hint}",
            line,
        ) from None
    if encoding and text.startswith("\ufeff"):
        text = text[1:]
    return text


# --- Markdown and plain text ---------------------------------------------------

_DATE_LINE = re.compile(r"[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TITLE_LINE = re.compile(r"\s*#[ \t]+([^\n]*\S)[ \t#]*(?:\r?\n|\Z)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?")


_NOT_NEWLINE = re.compile(r"[^\r\n]")


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
    if isinstance(value, int) and 1000 <= value <= 9999:
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


class _FrontMatterLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as text, for :func:`normalise_date` to check."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _FrontMatterLoader.construct_yaml_str,  # type: ignore[type-var]
)


def _front_matter(text: str, path: str) -> tuple[dict[str, Any], int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # a SafeLoader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise InputError(path, f"front matter: {problem}", line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of keys to values", 2)
    return meta, match.end()


def _meta_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 1


def parse_text(text: str, path: str | None = None) -> Document:
    """Read plain text or Markdown: metadata out, code and comments blanked."""
    where = path or "<text>"
    meta, body_start = _front_matter(text, where)
    blanks = [(0, body_start)]
    published = None
    for key in ("published", "date"):
        if key in meta:
            published = normalise_date(meta[key])
            if published is None:
                raise InputError(
                    where,
                    f"front matter {key!r} is not a date like 2024-08 or 2024-08-12",
                    _meta_line(text, key),
                )
            break
    date_line = _DATE_LINE.match(text, body_start)
    if date_line:
        published = published or date_line.group(1)
        blanks.append(date_line.span())
    blanks += _code_blocks(text, body_start)
    blanks += [match.span() for match in _HTML_COMMENT.finditer(text, body_start)]
    lang = meta.get("lang") or meta.get("language")
    url = meta.get("source") or meta.get("url")
    title = meta.get("title")
    if title is None:  # a Markdown document's first line "# Title"
        heading = _TITLE_LINE.match(text, body_start)
        title = heading.group(1).strip() if heading else None
    return Document(
        path=path,
        text=text,
        view=_blanked(text, blanks),
        lang=str(lang).lower()[:2] if lang else None,
        published=published,
        title=str(title) if title is not None else None,
        url=str(url) if url is not None else None,
    )


def _code_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """The spans of fenced and indented code blocks (CommonMark's rules, simplified).

    An indented block (4 spaces or a tab) is code when a blank line precedes it
    and it does not continue a list item.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    fence_start = 0
    in_code = in_list = False
    previous_blank = True
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        if line_start < start:
            continue
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                spans.append((fence_start, offset))
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence, fence_start = opening.group(1), line_start
            continue
        if not stripped:
            previous_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (in_code or (previous_blank and not in_list)):
            spans.append((line_start, offset))
            in_code, previous_blank = True, False
            continue
        in_code = previous_blank = False
        if _LIST_ITEM.match(line):
            in_list = True
        elif not indented:
            in_list = False
    if fence is not None:  # an unclosed fence runs to the end, as in CommonMark
        spans.append((fence_start, len(text)))
    return spans


# --- HTML ------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul caption".split()
)
_HIDDEN_TAGS = frozenset(
    "script style noscript template svg math iframe object head".split()
)
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)


class _HTMLText(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self._line_starts = [0]
        for match in re.finditer("\n", text):
            self._line_starts.append(match.end())
        self.parts: list[str] = []
        self.origin = array("l")
        self.origin_end = array("l")
        self.hidden: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _emit(self, text: str, start: int, end: int | None = None) -> None:
        """Text from the source at ``start``: one to one, or all from ``start:end``."""
        self.parts.append(text)
        if end is None:
            self.origin.extend(range(start, start + len(text)))
            self.origin_end.extend(range(start + 1, start + len(text) + 1))
        else:
            self.origin.extend([start] * len(text))
            self.origin_end.extend([end] * len(text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop", ""))
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and values.get("rel") == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
        elif tag == "title":
            self.in_title = True
        elif tag == "body" and "head" in self.hidden:  # "</head>" may be left out
            self.hidden.remove("head")
        if tag in _HIDDEN_TAGS and tag not in _VOID_TAGS:
            self.hidden.append(tag)
        if tag in _BLOCK_TAGS:
            self._emit("\n", self._offset(), self._offset())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN_TAGS and self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.hidden:
            while self.hidden and self.hidden.pop() != tag:
                pass
        if tag in _BLOCK_TAGS:
            self._emit("\n", self._offset(), self._offset())

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.hidden:
            self._emit(data, self._offset())

    def _reference(self, raw: str) -> None:
        """An entity or character reference: ``raw`` is ``&name`` or ``&#123``."""
        text = unescape(raw + ";")
        if self.in_title:
            self.title_parts.append(text)
        elif not self.hidden:
            start = self._offset()
            end = start + len(raw)
            if self.source[end : end + 1] == ";":
                end += 1
            self._emit(text, start, end)

    def parse_html_declaration(self, i: int) -> int:
        """A declaration; a broken one ("<![" never closed) is skipped as markup, where
        the standard parser stops with an assertion."""
        try:
            return int(super().parse_html_declaration(i))
        except AssertionError:
            return i + 2

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")


def parse_html(text: str, path: str | None = None) -> Document:
    """Read HTML: the visible text only, with metadata from the head."""
    parser = _HTMLText(text)
    parser.feed(text)
    parser.close()
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
    )


def parse(text: str, path: str | None = None, html: bool | None = None) -> Document:
    """Read a document's text; HTML when ``html`` or when the path says so."""
    if html is None:
        html = path is not None and path.lower().endswith(HTML_SUFFIXES)
    return parse_html(text, path) if html else parse_text(text, path)


# --- files ---------------------------------------------------------------------------


def read(path: str, encoding: str | None = None, stdin: Any = None) -> Document:
    """Read one file (``"-"`` for standard input) into a :class:`Document`."""
    if path == "-":
        data = stdin.read() if stdin is not None else b""
    else:
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError:
            raise InputError(path, "is a directory") from None
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except OSError as err:
            raise InputError(path, err.strerror or "cannot be read") from None
    text = decode(data, path, encoding)
    if not text.strip():
        raise InputError(path, "empty file: there is nothing to check")
    return parse(text, path)


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Paths as given, with directories replaced by the documents inside them.

    Directories are walked recursively in sorted order, skipping hidden
    entries; only files ending in .txt, .md, .markdown, .html and .htm are
    taken from them. Paths named explicitly are always kept.
    """
    for path in paths:
        if path != "-" and Path(path).is_dir():
            for child in sorted(Path(path).rglob("*")):
                parts = child.relative_to(path).parts
                if any(p.startswith(".") for p in parts):
                    continue
                if child.is_file() and child.name.lower().endswith(SUFFIXES):
                    yield str(child)
        else:
            yield path
