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
from typing import TYPE_CHECKING

from .. import patterns

if TYPE_CHECKING:  # pragma: no cover
    from .html_text import HTMLText

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

_FILE_NAME = patterns.compile(
    r"\S.{0,200}\.(?:pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|odp|txt|md|json|xml|ya?ml|zip|gz"
    r"|png|jpe?g|gif|svg|webp|avif|tiff?|mp[34]|mov|html?)",
    re.I | re.S,
)
_QUOTES = " \t\r\n*_`\"'«»“”\u00a0"


def names_a_file(link_text: str) -> bool:
    """Whether a link's text is a file's name (``rapport_2024_v3.pdf``, ``plan 40 GWh.pdf``):
    its numbers are part of the name, not figures."""
    return _FILE_NAME.fullmatch(link_text.strip(_QUOTES)) is not None


_HIDING_STYLE = patterns.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)


def hides(tag: str, attributes: dict[str, str]) -> bool:
    """Whether an element with this tag and these attributes is never shown."""
    return (
        tag in NON_CONTENT_TAGS
        or "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().lower() == "true"
        or _HIDING_STYLE.search(attributes.get("style", "")) is not None
    )


def read_html(text: str) -> HTMLText:
    """Parse a whole HTML text."""
    from .html_text import HTMLText  # the standard library's parser: only for HTML

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
    from .html_text import HTMLText

    parser = HTMLText(fragment, comments_run_to_end=comments_run_to_end)
    parser.read_all()
    if comments is not None:
        comments.extend((base + a, base + b) for a, b in parser.comments)
    if left_open is not None and parser.left_hiding:
        left_open.append(parser.left_hiding)
    return [(base + a, base + b) for a, b in parser.removed]
