"""HTML: the text a reader sees, with where each character of it comes from.

The standard library's parser gives exact source positions. On top of it this
module keeps a small stack of open elements so that an element's end is known
even when the page leaves it out, as browsers do:

* text inside non-content elements (``script``, ``style``, ``nav``,
  ``footer``, ``pre``, ``code``, ``head``, ``svg``...) and inside elements
  hidden by their attributes (``hidden``, ``aria-hidden="true"``, a ``style``
  with ``display: none`` or ``visibility: hidden``) is skipped, descendants
  included;
* an element left open ends with its parent (``<div><nav>menu</div>`` ends
  the ``nav`` at ``</div>``), a new ``<li>``, ``<dt>``/``<dd>``, ``<tr>``,
  ``<td>``/``<th>`` or ``<option>`` ends the previous one, a block element
  ends an open ``<p>``, and ``<body>`` ends the ``<head>``: an unclosed hidden
  element never hides more than its parent. An unclosed ``<nav>`` or
  ``<footer>`` (which browsers show) also ends where ``<main>`` or
  ``<article>`` begins;
* void elements (``<img hidden>``, ``<br>``) and self-closed tags
  (``<div hidden/>``) hide nothing after them; an end tag with no open element
  is ignored; a comment left open runs to the end of the page.

A link whose text is a file's name (``<a href="…">rapport_2024_v3.pdf</a>``)
is not read either: its numbers are the name's (:func:`names_a_file`).

The same reader finds the hidden spans of the raw HTML inside a Markdown
document (:func:`hidden_spans`).
"""

from __future__ import annotations

import re
from array import array
from html import unescape
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul caption".split()
)
"""Elements that separate sentences: a line break is put in the text at each."""

NON_CONTENT_TAGS = frozenset(
    "script style noscript template svg math iframe object head nav footer pre code "
    "textarea select".split()
)
"""Elements whose text is never analysed: code, navigation, page furniture, forms."""

VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)
"""Elements that have no content and no end tag."""

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

_FILE_NAME = re.compile(
    r"\S.{0,200}\.(?:pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|odp|txt|md|json|xml|ya?ml|zip|gz"
    r"|png|jpe?g|gif|svg|webp|avif|tiff?|mp[34]|mov|html?)",
    re.I | re.S,
)
_QUOTES = " \t\r\n*_`\"'«»“”\u00a0"


def names_a_file(link_text: str) -> bool:
    """Whether a link's text is a file's name (``rapport_2024_v3.pdf``, ``plan 40 GWh.pdf``):
    its numbers are part of the name, not figures."""
    return _FILE_NAME.fullmatch(link_text.strip(_QUOTES)) is not None


_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)


def hides(tag: str, attributes: dict[str, str]) -> bool:
    """Whether an element with this tag and these attributes is never shown."""
    return (
        tag in NON_CONTENT_TAGS
        or "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().lower() == "true"
        or _HIDING_STYLE.search(attributes.get("style", "")) is not None
    )


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


def read_html(text: str) -> HTMLText:
    """Parse a whole HTML text."""
    parser = HTMLText(text)
    parser.read_all()
    return parser


def hidden_spans(fragment: str, base: int, *, comments_run_to_end: bool,
                 comments: list[tuple[int, int]] | None = None,
                 left_open: list[str] | None = None) -> list[tuple[int, int]]:
    """The spans of ``fragment`` (raw HTML inside Markdown, found at ``base``) that a
    browser would not show: hidden and non-content elements, comments, declarations.
    The tags themselves are left to the sentence masks. The comments' spans are added
    to ``comments``, and a hiding element the fragment leaves open to ``left_open``
    (its tag), if given."""
    parser = HTMLText(fragment, comments_run_to_end=comments_run_to_end)
    parser.read_all()
    if comments is not None:
        comments.extend((base + a, base + b) for a, b in parser.comments)
    if left_open is not None and parser.left_hiding:
        left_open.append(parser.left_hiding)
    return [(base + a, base + b) for a, b in parser.removed]
