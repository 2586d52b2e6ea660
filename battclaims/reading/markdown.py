"""Markdown and plain text: which spans of a document are not prose.

The structure comes from markdown-it-py (the CommonMark rules, plus tables),
imported only when a document needs it, so that a check of a typical draft stays light:
a text of paragraphs, headings, rules, simple lists and links is read by a few lines of
its rules (:func:`_plain_blocks`, property-tested against markdown-it-py). Only the
block parser runs: its tokens give the lines of each block (``Token.map``), which is all
that is needed, and the inline syntax that matters (links, images, autolinks, raw HTML)
is found in the lines of the paragraphs, headings and table rows.

Not prose, and so blanked by :func:`non_prose`'s caller:

* fenced and indented code blocks, wherever they are (in a quote, a list item);
* the ``>`` markers of block quotes, nested ones included (left in, ``> 16 GWh``
  would read as "more than 16 GWh");
* comments, hidden elements and non-content elements of raw HTML, with the
  rules of the HTML reader (:mod:`.html`);
* link destinations and titles, reference labels and definitions, whole images
  (their alt text is not shown), autolinks, and the text of a link that names a
  file (``[rapport_2024_v3.pdf](…)``);
* lines that are no block at all (a reference definition, an empty list item).

Heading markers (``#``) and list markers are kept: the claim reader uses them
to tell headlines and numbered items.

Plain text (``indented_code=False``) is read with the same rules except
CommonMark's indented code blocks: a plain text article may indent its
paragraphs, and they are prose.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import patterns
from .html import NON_CONTENT_TAGS, hidden_spans, names_a_file

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt

Span = tuple[int, int]

_NEWLINE = patterns.compile(r"\r\n?|\n")  # markdown-it's own line breaks
_QUOTE_PREFIX = patterns.compile(r"[ \t]*(?:(>)|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))", re.M)
_BRACKETS = patterns.compile(r"(?<!\\)[\[\]]")
_AUTOLINK = patterns.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>"
)
_HIDING_HTML = patterns.compile(
    rf"<!--|<(?:{'|'.join(sorted(NON_CONTENT_TAGS))})\b|<[A-Za-z][\w:-]*\s[^<>]*\b(?:hidden|style)\b",
    re.I,
)
_CODE_SPAN = patterns.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_BLOCKS = frozenset(
    "paragraph_open heading_open table_open hr fence code_block html_block".split()
)
"""The tokens of the blocks that hold a line's content."""


@lru_cache(maxsize=2)
def _parser(indented_code: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    parser.disable(["inline", "text_join"])  # only the blocks' lines are needed
    if not indented_code:
        parser.disable("code")
    return parser


_MARKER = r"(?:[-+*]|\d{1,9}[.)])"
_STRUCTURE = patterns.compile(
    rf"[<>\]`\r]|~~~|^(?: {{4}}| {{0,3}}\t)[ \t]*[^ \t\n]"
    rf"|^[ \t]*(?:{_MARKER}[ \t]+)*{_MARKER}(?:[ \t]*$| {{5}}| {{0,4}}\t)", re.M)
"""What may make a span of Markdown not prose: raw HTML and autolinks (``<``), quotes
(``>``), links, images and references (``]``), code fences, indented code (in a list
item too; whitespace is spaces and tabs only, as for CommonMark: a no-break space is
text), empty list items. A text with none of them is paragraphs, headings, lists, tables
and rules only."""
_PARSED = patterns.compile(r"[<>`\r|]|~~~|\]:|^(?: {4}| {0,3}\t)[ \t]*[^ \t\n]", re.M)
"""What only markdown-it-py reads: raw HTML and autolinks, quotes, code, tables,
reference definitions. A text with none of them (links, a line that is only a list
marker, simple lists) is read by :func:`_plain_blocks`, unless it finds more."""
_BLANK = patterns.compile(r"[ \t]*\Z")
_UNDERLINE = patterns.compile(r" {0,3}(?:=+|-+)[ \t]*\Z")
_RULE = patterns.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*\Z")
_HEADING = patterns.compile(r" {0,3}#{1,6}(?:[ \t]|\Z)")
_ITEM = patterns.compile(r" {0,3}(?:[-+*]|([0-9]{1,9})[.)])(?:[ \t]|\Z)")
_SIMPLE_ITEM = patterns.compile(r"(?:[-+*]|[0-9]{1,9}[.)]) {1,4}(?=[^ \t])")
"""An item :func:`_plain_blocks` reads: not indented, its text on its line, not code
(nor another block: see :func:`_simple_item`)."""


def non_prose(source: str, *, indented_code: bool = True,
              comments: list[Span] | None = None) -> list[Span]:
    """The spans of ``source`` that are not prose (see the module's documentation).

    ``source`` is the document with its front matter already blanked, so that
    line numbers are the file's. The spans of HTML comments (outside code) are added
    to ``comments``, if given. A text with nothing of :data:`_STRUCTURE` has none,
    and is not parsed (markdown-it-py is not even imported); nor is one whose blocks are
    only paragraphs, headings and rules (:func:`_plain_blocks`), links or not."""
    if not _STRUCTURE.search(source):
        return []
    blocks = None if _PARSED.search(source) else _plain_blocks(source)
    if blocks is None:
        return parsed_non_prose(source, indented_code=indented_code, comments=comments)
    starts = _line_starts(source)
    return [found for first, last in blocks
            for found in _inline(source, *_lines(starts, first, last), {})]


def _line_starts(source: str) -> list[int]:
    """Where each line starts, and where the text ends."""
    starts = [0]
    starts.extend(match.end() for match in _NEWLINE.finditer(source))
    if starts[-1] != len(source):
        starts.append(len(source))
    return starts


def _lines(starts: list[int], first: int, last: int) -> Span:
    """The characters of lines ``first`` to ``last`` (excluded)."""
    lines = len(starts) - 1
    return starts[min(first, lines)], starts[min(last, lines)]


def _plain_blocks(source: str) -> list[tuple[int, int]] | None:
    """The lines (first, last excluded) of each paragraph and heading of a text of
    paragraphs, headings, rules and simple lists, as markdown-it-py's block parser
    (CommonMark) finds them; None for anything else (the text has no quote, code, HTML or
    table: :data:`_PARSED`): a nested or empty item, a heading or a rule against an item,
    an indented line after a blank one in a list...

    A line that is only a list marker ("2030." wrapped from the line above), or an ordered
    item that does not start at 1, cannot interrupt a paragraph: it goes on."""
    blocks: list[tuple[int, int]] = []
    first: int | None = None  # the first line of the open paragraph
    in_item = False  # the open paragraph is a list item's
    in_list = False  # after a blank line in a list, which may go on
    lines = source.split("\n")  # no "\r": see _PARSED
    for number, line in enumerate(lines):
        item = _ITEM.match(line)
        blank = _BLANK.match(line) is not None
        if first is not None:  # does the paragraph go on?
            ends = blank or _RULE.match(line) or _HEADING.match(line)
            if in_item:
                if _UNDERLINE.match(line) or (ends and not blank) or (item and _RULE.match(line)):
                    return None
                if not (blank or item):
                    continue  # indented, or lazily
                in_list = True
            elif _UNDERLINE.match(line):  # a setext heading: the paragraph is its text
                blocks.append((first, number))
                first = None
                continue
            elif not (ends or (item and _interrupts(item, line))):
                continue
            blocks.append((first, number))
            first, in_item = None, False
        if blank:
            continue
        if in_list and line.startswith(" "):
            return None  # an item's next paragraph, or a nested list
        if _RULE.match(line):
            in_list = False
        elif item:
            if not _simple_item(line):
                return None
            first, in_item = number, True
        elif _HEADING.match(line):
            blocks.append((number, number + 1))
            in_list = False
        else:
            first, in_list = number, False
    if first is not None:
        blocks.append((first, len(lines)))
    return blocks


def _simple_item(line: str) -> bool:
    """Whether a list item is one :func:`_plain_blocks` reads: its text is a paragraph."""
    item = _SIMPLE_ITEM.match(line)
    return item is not None and not any(
        block.match(line, item.end()) for block in (_ITEM, _HEADING, _RULE))


def _interrupts(item: re.Match[str], line: str) -> bool:
    """Whether a list item interrupts the paragraph above it: not an empty one, nor an
    ordered one that does not start at 1 (CommonMark)."""
    return (item.group(1) is None or int(item.group(1)) == 1) and not (
        _BLANK.match(line, item.end()) or _RULE.match(line))


def parsed_non_prose(source: str, *, indented_code: bool = True,
                     comments: list[Span] | None = None) -> list[Span]:
    """:func:`non_prose`, from markdown-it-py's blocks."""
    starts = _line_starts(source)
    lines = len(starts) - 1

    def span(first: int, last: int) -> Span:
        return _lines(starts, first, last)

    env: dict[str, Any] = {}
    tokens = _parser(indented_code).parse(source, env)
    spans: list[Span] = []
    covered = bytearray(lines + 1)
    hiding: tuple[str, int, int] | None = None  # an open hiding element: tag, from, depth
    quote_depth = [0] * (lines + 1)
    inline_lines: list[tuple[int, int]] = []
    for token in tokens:
        if token.map is None:
            continue
        first, last = min(token.map[0], lines), min(token.map[1], lines)
        kind = token.type
        if kind == "blockquote_open":
            quote_depth[first] += 1
            quote_depth[last] -= 1
        elif kind == "inline":
            if not inline_lines or inline_lines[-1] != (first, last):
                inline_lines.append((first, last))
        elif kind in _BLOCKS:
            covered[first:last] = b"\x01" * (last - first)
            if kind in ("fence", "code_block"):
                spans.append(span(first, last))
            elif kind == "html_block":
                start, end = span(first, last)
                if hiding is not None:  # inside a hiding element opened by an earlier block
                    closed, still = _closing(source, start, end, hiding[0], hiding[2])
                    if closed is None:
                        hiding = (hiding[0], hiding[1], still)
                        continue
                    spans.append((hiding[1], closed))
                    hiding = None
                    start = closed
                left: list[str] = []
                spans.extend(hidden_spans(source[start:end], start, comments_run_to_end=True,
                                          comments=comments, left_open=left))
                if left:  # "<div hidden>", a blank line, Markdown...: hidden up to "</div>"
                    hiding = (left[0], end, 1)

    if hiding is not None:  # never closed: it hides the rest, as in a browser
        spans.append((hiding[1], len(source)))
    depth = 0
    for line in range(lines):
        depth += quote_depth[line]
        start, end = starts[line], starts[line + 1]
        if not covered[line]:  # no block: a reference definition, an empty item
            if source[start:end].strip():
                spans.append((start, end))
        elif depth:
            spans.extend(_quote_markers(source, start, end, depth))

    references = env.get("references", {})
    for first, last in inline_lines:
        spans.extend(_inline(source, *span(first, last), references, comments))
    return spans


def _closing(source: str, start: int, end: int, tag: str, depth: int
             ) -> tuple[int | None, int]:
    """Where the element ``tag`` opened earlier (``depth`` deep) ends in the raw HTML at
    ``start:end`` (None when it stays open), and how deep it is then."""
    for match in re.finditer(rf"<(/?){re.escape(tag)}\b", source[start:end], re.I):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return start + match.start(), 0
    return None, depth


def _quote_markers(source: str, start: int, end: int, depth: int) -> list[Span]:
    """The ``>`` markers at the start of a line inside ``depth`` block quotes (list
    markers may come between them: ``- > quoted``)."""
    markers: list[Span] = []
    position = start
    while len(markers) < depth:
        match = _QUOTE_PREFIX.match(source, position, end)
        if not match:
            break
        if match.group(1):
            markers.append(match.span(1))
        position = match.end()
    return markers


def _inline(source: str, start: int, end: int, references: dict[str, Any],
            comments: list[Span] | None = None) -> list[Span]:
    """What is not prose in the lines of a paragraph, heading or table row."""
    spans = [match.span() for match in _AUTOLINK.finditer(source, start, end)]
    if _HIDING_HTML.search(source, start, end):  # raw HTML that may hide, outside code spans
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group()), source[start:end])
        spans.extend(hidden_spans(text, start, comments_run_to_end=False, comments=comments))
    if source.find("]", start, end) >= 0:
        spans.extend(_links(source, start, end, references))
    return spans


def _links(source: str, start: int, end: int, references: dict[str, Any]) -> list[Span]:
    """Link destinations and titles, reference labels, images, file-name link texts."""
    if references:  # (there are none without markdown-it-py's parse)
        from markdown_it.common.utils import normalizeReference

    def skip_space(position: int) -> int:
        while position < end and source[position] in " \t\r\n":
            position += 1
        return position

    spans: list[Span] = []
    openers: list[int] = []
    for bracket in _BRACKETS.finditer(source, start, end):
        at = bracket.start()
        if source[at] == "[":
            openers.append(at)
            continue
        if not openers:
            continue
        opener = openers.pop()
        label_end = 0  # just past the link's destination or reference label
        after = at + 1
        if source.startswith("(", after):
            position = skip_space(after + 1)
            if position < end and source[position] != ")":
                destination = _destination_end(source, position, end)
                if destination is None:
                    continue
                position = skip_space(destination)
                title = _title_end(source, position, end)
                if title is not None:
                    position = skip_space(title)
            if position < end and source[position] == ")":
                label_end = position + 1
        elif source.startswith("[", after):
            close = source.find("]", after + 1, end)
            if close != -1 and (
                close == after + 1
                or (references and close - after < 1000
                    and normalizeReference(source[after + 1 : close]) in references)
            ):
                label_end = close + 1
        elif references and at - opener < 1000 and (
            normalizeReference(source[opener + 1 : at]) in references
        ):
            label_end = after  # a shortcut reference "[text]"
        if not label_end:
            continue
        if opener > start and source[opener - 1] == "!":
            spans.append((opener - 1, label_end))  # an image: nothing of it is shown
            continue
        spans.append((after, label_end))
        if at - opener < 300 and names_a_file(source[opener + 1 : at]):
            spans.append((opener + 1, at))
    return spans


def _destination_end(source: str, position: int, end: int) -> int | None:
    """Where the link destination at ``position`` ends, or None when there is none there:
    markdown-it-py's ``parseLinkDestination``, in a few lines, so that a draft with links
    and no other structure is read without importing markdown-it-py."""
    if source.startswith("<", position):  # <a destination with spaces>
        position += 1
        while position < end:
            char = source[position]
            if char in "\n<":
                return None
            if char == ">":
                return position + 1
            position += 2 if char == "\\" and position + 1 < end else 1
        return None
    start, depth = position, 0
    while position < end:
        char = source[position]
        if char <= " " or char == "\x7f":  # a space or a control character
            break
        if char == "\\" and position + 1 < end:
            if source[position + 1] == " ":
                break
            position += 2
            continue
        if char == "(":
            depth += 1
            if depth > 32:
                return None
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        position += 1
    return position if position > start and depth == 0 else None


def _title_end(source: str, position: int, end: int) -> int | None:
    """Where the link title at ``position`` ends (``"…"``, ``'…'``, ``(…)``), or None:
    markdown-it-py's ``parseLinkTitle`` (see :func:`_destination_end`)."""
    if position >= end or source[position] not in "\"'(":
        return None
    closing = ")" if source[position] == "(" else source[position]
    position += 1
    while position < end:
        char = source[position]
        if char == closing:
            return position + 1
        if char == "(" and closing == ")":
            return None
        position += 2 if char == "\\" and position + 1 < end else 1
    return None
