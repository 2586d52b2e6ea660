"""Markdown and plain text: which spans of a document are not prose.

The structure comes from markdown-it-py (the CommonMark rules, plus tables),
imported only when a Markdown or text document is read so that ``import
battclaims`` stays light. Only its block parser runs: its tokens give the
lines of each block (``Token.map``), which is all that is needed, and the
inline syntax that matters (links, images, autolinks, raw HTML) is found in the
lines of the paragraphs, headings and table rows.

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

from .html import NON_CONTENT_TAGS, hidden_spans, names_a_file

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt

Span = tuple[int, int]

_NEWLINE = re.compile(r"\r\n?|\n")  # markdown-it's own line breaks
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:(>)|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))", re.M)
_BRACKETS = re.compile(r"(?<!\\)[\[\]]")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>"
)
_HIDING_HTML = re.compile(
    rf"<!--|<(?:{'|'.join(sorted(NON_CONTENT_TAGS))})\b|<[A-Za-z][\w:-]*\s[^<>]*\b(?:hidden|style)\b",
    re.I,
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
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
_STRUCTURE = re.compile(
    rf"[<>\]`\r]|~~~|^(?: {{4}}| {{0,3}}\t)[ \t]*\S"
    rf"|^[ \t]*(?:{_MARKER}[ \t]+)*{_MARKER}(?:[ \t]*$| {{5}}| {{0,4}}\t)", re.M)
"""What may make a span of Markdown not prose: raw HTML and autolinks (``<``), quotes
(``>``), links, images and references (``]``), code fences, indented code (in a list
item too), empty list items. A text with none of them is paragraphs, headings, lists,
tables and rules only."""


def non_prose(source: str, *, indented_code: bool = True,
              comments: list[Span] | None = None) -> list[Span]:
    """The spans of ``source`` that are not prose (see the module's documentation).

    ``source`` is the document with its front matter already blanked, so that
    line numbers are the file's. The spans of HTML comments (outside code) are added
    to ``comments``, if given. A text with nothing of :data:`_STRUCTURE` has none,
    and is not parsed (markdown-it-py is not even imported)."""
    if not _STRUCTURE.search(source):
        return []
    return parsed_non_prose(source, indented_code=indented_code, comments=comments)


def parsed_non_prose(source: str, *, indented_code: bool = True,
                     comments: list[Span] | None = None) -> list[Span]:
    """:func:`non_prose`, from markdown-it-py's blocks."""
    starts = [0]
    starts.extend(match.end() for match in _NEWLINE.finditer(source))
    if starts[-1] != len(source):
        starts.append(len(source))
    lines = len(starts) - 1

    def span(first: int, last: int) -> Span:
        return starts[min(first, lines)], starts[min(last, lines)]

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
    from markdown_it.common.utils import normalizeReference
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

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
                destination = parseLinkDestination(source, position, end)
                if not destination.ok:
                    continue
                position = skip_space(destination.pos)
                if position < end and source[position] in "\"'(":
                    title = parseLinkTitle(source, position, end)
                    if title.ok:
                        position = skip_space(title.pos)
            if position < end and source[position] == ")":
                label_end = position + 1
        elif source.startswith("[", after):
            close = source.find("]", after + 1, end)
            if close != -1 and (
                close == after + 1
                or (close - after < 1000
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
