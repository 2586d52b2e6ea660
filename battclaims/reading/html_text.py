"""The reader of :mod:`battclaims.reading.html`: the standard library's parser, with the
stack of open elements that tells where an element ends (what that module's docstring
describes). Kept apart so that reading Markdown with no raw HTML in it never imports
:mod:`html.parser` (start-up, issue 12)."""

from __future__ import annotations

import re
from array import array
from html import unescape
from html.parser import HTMLParser

from .html import BLOCK_TAGS, VOID_TAGS, hides, names_a_file

_P_CLOSERS = frozenset(
    "address article aside blockquote details dialog div dl fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section "
    "table ul dd dt".split()
)
_SCOPES = frozenset("applet button caption html marquee object table td template th".split())

# A start tag that ends the innermost open element of these kinds, and what is open
# inside it, unless one of the "boundary" elements comes first (a new list or table).
_IMPLIED_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"}) | _SCOPES),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"}) | _SCOPES),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"}) | _SCOPES),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist"})),
    "optgroup": (frozenset({"optgroup"}), frozenset({"select"})),
    "body": (frozenset({"head"}), frozenset()),
    # browsers show an unclosed <nav> or <footer> around the rest of the page; as it is
    # not read, the article's own element ends it rather than losing the article
    "main": (frozenset({"nav", "footer"}), frozenset()),
    "article": (frozenset({"nav", "footer"}), frozenset()),
}
_P_END = (frozenset({"p"}), _SCOPES)


class HTMLText(HTMLParser):
    """Reads one HTML text: :attr:`parts` of visible text with their :attr:`origin`,
    the page's :attr:`meta` and title, and the :attr:`removed` spans (hidden
    elements, comments, declarations)."""

    def __init__(self, text: str, *, comments_run_to_end: bool = True) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self._line_starts = [0]
        self._line_starts.extend(match.end() for match in re.finditer("\n", text))
        self.parts: list[str] = []
        self.origin = array("l")
        self.origin_end = array("l")
        self.removed: list[tuple[int, int]] = []
        """Spans of the source hidden from the reader, beyond the tags themselves."""
        self.comments: list[tuple[int, int]] = []
        """Spans of the source's comments (``<!-- … -->``): where an editor's notes to
        battclaims may stand (:mod:`battclaims.suppression`)."""
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # open elements, and whether each hides
        self.left_hiding: str | None = None
        """The outermost hiding element still open at the end of the text, if any."""
        self._hiding = 0  # how many of the open elements hide
        self._hidden_from = 0  # where the outermost hiding element starts
        self._in_title = False
        self._link: tuple[int, int] | None = None  # where the open link's text starts
        self._comments_run_to_end = comments_run_to_end
        self._closing = False
        self._tail = len(text)  # where the text after the last ">" begins (read_all)

    # --- positions and output ---

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _tag_end(self, offset: int) -> int:
        end = self.source.find(">", offset)
        return len(self.source) if end < 0 else end + 1

    def _emit(self, text: str, start: int, end: int | None = None) -> None:
        """Text from the source at ``start``: one to one, or all from ``start:end``."""
        self.parts.append(text)
        if end is None:
            self.origin.extend(range(start, start + len(text)))
            self.origin_end.extend(range(start + 1, start + len(text) + 1))
        else:
            self.origin.extend([start] * len(text))
            self.origin_end.extend([end] * len(text))

    def _break(self, offset: int) -> None:
        if not self._hiding:
            self._emit("\n", offset, offset)

    # --- the stack of open elements ---

    def _push(self, tag: str, hiding: bool, offset: int) -> None:
        self._open.append((tag, hiding))
        if hiding:
            if not self._hiding:
                self._hidden_from = offset
            self._hiding += 1
        if tag == "title" and not any(t in ("svg", "math") for t, _ in self._open):
            self._in_title = True  # the page's title, not a drawing's
        elif tag == "a":
            self._link = (len(self.parts), len(self.origin))

    def _pop_to(self, index: int, offset: int, end: int) -> None:
        """Close the open elements from ``index`` up: the one at ``index`` ends at
        ``end`` (its own end tag), those inside it at ``offset``."""
        while len(self._open) > index:
            tag, hiding = self._open.pop()
            if tag == "title":
                self._in_title = False
            elif tag == "a":
                self._end_link()
            if hiding:
                self._hiding -= 1
                if not self._hiding:
                    self.removed.append(
                        (self._hidden_from, end if len(self._open) == index else offset)
                    )

    def _end_link(self) -> None:
        """A link whose text is a file's name is not read (its numbers are the name's)."""
        if self._link is None:
            return
        parts, characters = self._link
        self._link = None
        if names_a_file("".join(self.parts[parts:])):
            del self.parts[parts:]
            del self.origin[characters:]
            del self.origin_end[characters:]

    def _end_open(self, names: frozenset[str], boundaries: frozenset[str], offset: int) -> None:
        """End the innermost open element named in ``names``, unless a boundary comes first."""
        for index in range(len(self._open) - 1, -1, -1):
            tag = self._open[index][0]
            if tag in names:
                self._pop_to(index, offset, offset)
                return
            if tag in boundaries:
                return

    # --- the parser's events ---

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closed: bool) -> None:
        values = {k: v or "" for k, v in attrs}
        offset = self._offset()
        if tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])
        elif tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop", "")
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and values.get("rel") == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
        implied = _IMPLIED_ENDS.get(tag)
        if implied:
            self._end_open(*implied, offset)
        if tag in _P_CLOSERS:
            self._end_open(*_P_END, offset)
        if tag in BLOCK_TAGS:
            self._break(offset)
        if tag in VOID_TAGS:
            return
        hiding = hides(tag, values)
        if self_closed:  # "<div hidden/>": closed at once, it hides nothing after it
            if hiding and not self._hiding:
                self.removed.append((offset, offset + len(self.get_starttag_text() or "")))
            return
        self._push(tag, hiding, offset)

    def handle_endtag(self, tag: str) -> None:
        offset = self._offset()
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                self._pop_to(index, offset, self._tag_end(offset))
                break
        if tag in BLOCK_TAGS:
            self._break(offset)

    def handle_data(self, data: str) -> None:
        start = self._offset()
        if start + len(data) > self._tail:  # fed with its "<" as spaces: the source's text
            data = self.source[start : start + len(data)]
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hiding:
            self._emit(data, start)

    def _reference(self, raw: str) -> None:
        """An entity or character reference: ``raw`` is ``&name`` or ``&#123``."""
        text = unescape(raw + ";")
        if self._in_title:
            self.title_parts.append(text)
        elif not self._hiding:
            start = self._offset()
            end = start + len(raw)
            if self.source[end : end + 1] == ";":
                end += 1
            self._emit(text, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def handle_comment(self, data: str) -> None:
        offset = self._offset()
        span = (offset, self._tag_end(offset + 4 + len(data)))
        self.removed.append(span)
        self.comments.append(span)

    def handle_decl(self, decl: str) -> None:
        offset = self._offset()
        self.removed.append((offset, self._tag_end(offset)))

    def handle_pi(self, data: str) -> None:
        offset = self._offset()
        self.removed.append((offset, self._tag_end(offset)))

    def unknown_decl(self, data: str) -> None:
        offset = self._offset()
        end = self.source.find("]]>", offset)
        self.removed.append((offset, len(self.source) if end < 0 else end + 3))

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment; one never closed runs to the end of the text, as in browsers
        (older versions of the standard parser show it as text)."""
        end = int(super().parse_comment(i, report))
        if end < 0 and self._closing and self._comments_run_to_end:
            self.removed.append((self._offset(), len(self.source)))
            return len(self.rawdata)
        return end

    def parse_html_declaration(self, i: int) -> int:
        """A declaration; a broken one ("<![" never closed) is skipped as markup, where
        the standard parser stops with an assertion."""
        position = self.getpos()
        try:
            return int(super().parse_html_declaration(i))
        except AssertionError:
            self.lineno, self.offset = position  # it moved on before it stopped
            return i + 2

    def close(self) -> None:
        self._closing = True
        super().close()
        self.left_hiding = next((tag for tag, hiding in self._open if hiding), None)
        if self._hiding:  # a hiding element still open at the end hides the rest
            self.removed.append((self._hidden_from, len(self.source)))
            self._hiding = 0

    def read_all(self) -> None:
        """Parse the whole :attr:`source`, in time linear in its length.

        After the last ``>`` no tag can be complete: its ``<`` are fed as spaces
        (the text read is still the source's), as the standard parser would
        otherwise scan to the end again from each of them (quadratic time)."""
        text = self.source
        cut = text.rfind(">") + 1
        tail = text[cut:]
        self._tail = cut
        comment = tail.find("<!--") if self._comments_run_to_end else -1
        if comment >= 0:  # a comment opened after the last ">" runs to the end
            self.removed.append((cut + comment, len(text)))
            tail = tail[:comment] + " " * (len(tail) - comment)
        self.feed(text[:cut] + tail.replace("<", " "))
        self.close()
