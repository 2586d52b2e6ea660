"""Text plumbing shared by the recognisers: masking, sentences and tokens.

*Masking* replaces the spans that can never hold a claim (URLs, e-mail
addresses, inline code, hashtags, phone numbers, clock times, numeric dates,
list markers, footnote marks) with NUL characters of the same length, so that
offsets stay valid and no number inside them is read. List markers are masked
over the whole document before it is cut into sentences; the rest only in the
sentences that may hold a quantity, which are then tokenized one at a time.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Collection, Container, Iterable, Iterator
from dataclasses import dataclass

from . import patterns
from .lexicon import Lexicon, fold

MASK_CHAR = "\x00"

_MASKS = patterns.compile(
    r"""
    (?=[hHfFwW!\]`<#@+(\[\d])                               # a cheap first test
    (?:
      (?:https?|ftp)://[^\s<>"'»”\])]+                     # URLs
    | www\.[^\s<>"'»”\])]+
    | !\[[^\]\n]*\]\([^)\n]*\)                              # Markdown images
    | \]\([^)\n]*\)                                         # Markdown link targets
    | `[^`\n]+`                                             # inline code
    | </?[A-Za-z][^<>\n]*>                                  # stray HTML tags in Markdown
    | (?<![\w&])[#@][^\W_][\w-]*                            # hashtags and handles
    | (?<![\d,.])(?:(?:\+|00)33[ .\u00a0]?(?:\(0\)[ .\u00a0]?)?|0)[1-9]
      (?:[ .\u00a0-]?\d{2}){4}(?!\d|[,.]\d)                     # French phone numbers
    | (?<![\d,.])\+\d{1,3}(?:[ .\u00a0-]\(?\d{1,4}\)?){3,6}(?!\d|[,.]\d)  # international
    | (?<![\d,.])\(?\d{3}\)?[ .-]\d{3}-\d{4}(?!\d)           # US phone numbers
    | (?<![\w.,])(?:[01]?\d|2[0-4])(?:[:h][0-5]\d|\s?(?:[ap]\.m\.|[ap]m\b))(?![\d,.]?\d)  # clock
    | (?<![\w.,/-])\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w/-])    # numeric dates
    | (?<![\w.,/-])\d{4}-\d{2}(?![\w/-])                       # ISO year-month
    | (?<![\w.,/-])\d{1,2}/\d{1,2}(?![\w/])                    # 24/7, 12/03
    | \[\^?\d+\]                                               # footnote marks
    )
    """,
    re.X | re.I,
)
# Bare domains and e-mail addresses need no mask: a number inside them is glued
# to letters or to "/", "@" and "." and is never read (see battclaims/recognise/guards.py).

_LIST_MARKERS = patterns.compile(r"^[ \t]*\d{1,3}[.)](?=[ \t])", re.M)


def _blank(match: re.Match[str]) -> str:
    return MASK_CHAR * (match.end() - match.start())


def mask_list_markers(view: str) -> str:
    """``view`` with numbered-list markers ("1. ", "2) ") masked; run on a whole document."""
    return _LIST_MARKERS.sub(_blank, view)


_EXTENSION = r"\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|json|ya?ml|png|jpe?g|gif|svg|zip|md|html?)\b"
_FILE_EXTENSION = patterns.compile(_EXTENSION, re.I)
"""The end of every file name (:data:`_FILES`): a sentence without one has no file name,
and is not scanned for one word by word (that scan took more time than all the others)."""
_FILES = patterns.compile(r"(?<![\w-])[\w-]+(?:\.[\w-]+)*" + _EXTENSION, re.I)
"""File names ("report_2024_v3.pdf"): their numbers are no claims. A match starts only where
a name can (never inside a run of word characters: linear time on a long number)."""


def mask(sentence: str) -> str:
    """``sentence`` with every span that holds no claim replaced by NUL characters."""
    masked = _MASKS.sub(_blank, sentence)
    if "." in masked and _FILE_EXTENSION.search(masked):
        return _FILES.sub(_blank, masked)
    return masked


# --- sentences -------------------------------------------------------------------------

_BREAKS = patterns.compile(r"\n[ \t\r\u00a0]*\n\s*|\n|[.!?…]+[\"»”’)\]]*[ \t\u00a0\u202f]+")
_ABBREVIATION = patterns.compile(r"(?:^|[\s(])([^\W\d_]{1,4}(?:\.[^\W\d_]{1,3})*)$")


def sentences(scan: str, lex: Lexicon) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of the masked text, in order.

    A sentence ends at a blank line, at a line break (unless the line runs on,
    as hard-wrapped text does: see :func:`_runs_on`), and at ``.``, ``!``, ``?`` or
    ``…`` followed by a space and a capital, a digit or an opening quote,
    unless the period closes an abbreviation of the language (``M.``, ``e.g.``)
    or an initial.
    """
    start = 0
    length = len(scan)
    for match in _BREAKS.finditer(scan):
        end = match.end()
        token = match.group(0)
        if token.startswith("\n") and "\n" not in token[1:]:
            if _runs_on(scan, match.start(), end):
                continue
        elif not token.startswith("\n"):
            after = scan[end] if end < length else ""
            if after and not (after.isupper() or after.isdigit() or after in "\"«“(['‘"):
                continue
            if token[0] == "." and _is_abbreviation(scan, match.start(), lex):
                continue
        yield from _trimmed(scan, start, match.start() + len(token.rstrip()))
        start = end
    yield from _trimmed(scan, start, length)


WRAP_WIDTH = 50
"""A line this long or longer that ends without punctuation runs on (hard-wrapped text)."""
_LIST_START = patterns.compile(r"[ \t]*(?:[-*+•>#]|\d{1,3}[.)])[ \t]")


def _runs_on(scan: str, newline: int, after_break: int) -> bool:
    """Whether the line before ``newline`` continues on the next one (hard wrap).

    It does when it ends in a letter, digit, comma or hyphen and either the next
    line starts in lower case, or the line is long (a short unpunctuated line is
    a title or a byline) and the next line does not start a list item or heading.
    """
    p = newline - 1
    if p >= 0 and scan[p] == "\r":
        p -= 1
    before = scan[p] if p >= 0 else ""
    after = scan[after_break] if after_break < len(scan) else ""
    if not (before.isalnum() or before in ",-") or not after:
        return False
    if after.islower() or after.isdigit():
        return True
    line_start = scan.rfind("\n", 0, newline) + 1
    if scan.startswith("#", line_start) or _LIST_START.match(scan, after_break):
        return False
    return newline - line_start >= WRAP_WIDTH


def _is_abbreviation(scan: str, dot: int, lex: Lexicon) -> bool:
    found = _ABBREVIATION.search(scan, max(0, dot - 12), dot)
    if not found:
        return False
    word = found.group(1)
    return (len(word) == 1 and word.isupper()) or fold(word) in lex.abbreviations


MAX_SENTENCE = 1500
"""A sentence longer than this (a list of figures with no period, a pasted table) is read
in windows of at most this many characters, cut after a ``;`` or ``,`` (else a space):
the work per sentence stays bounded, so time grows linearly with the text."""
_WINDOW_CUT = patterns.compile(r"[;,][ \t\u00a0]+|[ \t\u00a0]+")


def _trimmed(scan: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and (scan[start].isspace() or scan[start] == MASK_CHAR):
        start += 1
    while end > start and (scan[end - 1].isspace() or scan[end - 1] == MASK_CHAR):
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _window_end(scan, start, start + MAX_SENTENCE)
        yield from _trimmed(scan, start, cut)
        start = cut
    if start < end:
        yield start, end


def _window_end(scan: str, start: int, limit: int) -> int:
    """Where a window of ``scan[start:limit]`` ends: after its last ``;`` or ``,`` in the
    second half of the window, else after its last space there, else at ``limit``."""
    middle = (start + limit) // 2
    best_clause = best_space = None
    for match in _WINDOW_CUT.finditer(scan, middle, limit):
        if match.group()[0] in ";,":
            best_clause = match.end()
        else:
            best_space = match.end()
    return best_clause or best_space or limit


# --- tokens -----------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    """A number, a word, a masked span or one symbol, with its place in the view."""

    kind: str
    """``num``, ``word``, ``mask`` or ``sym``."""
    text: str
    """As written."""
    low: str
    """Folded (lower case, straight apostrophes) for look-ups."""
    start: int
    """Offset of its first character in the view."""
    end: int
    """Offset just past it in the view."""


_PIECES = patterns.compile(
    r"(\s*)(\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-‐‑][^\W\d_]+)*|\x00+|\S)"
)
"""Each token (a number, a word, a masked span, one symbol) with the spaces before it: the
pieces that make up a text, end to end (so each one's offset is the sum of the lengths
before it, and no match object is made); spaces are never a token of their own."""
APOSTROPHES = "'’‘"
HYPHENS = frozenset("-‐‑")
"""The hyphens that join a number to a word ("a 90-hectare site", "mi-2027")."""


def _kind(piece: str) -> str:
    """What a token of :data:`_PIECES` is, by its first character (the alternatives
    of the pattern start with different characters)."""
    first = piece[0]
    if first.isdecimal():
        return "num"
    if first.isalnum() and first != "_":
        return "word"
    return "mask" if first == MASK_CHAR else "sym"


_PIECE_INFO: dict[str, tuple[str, str]] = {}
"""Each token's kind and folded text, worked out once (bounded: cleared past 200 000)."""


def tokenize(chunk: str, base: int, lex: Lexicon) -> list[Token]:
    """The tokens of ``chunk``, which starts at offset ``base`` of the view.

    Elided words keep their apostrophe (``d’``).
    """
    tokens: list[Token] = []
    append = tokens.append
    elisions = lex.elisions
    known = _PIECE_INFO
    if len(known) > 200_000:
        known.clear()
    start = base
    for space, text in _PIECES.findall(chunk):
        start += len(space)
        end = start + len(text)
        info = known.get(text)
        if info is None:
            info = known[text] = (_kind(text), fold(text))
        kind, low = info
        if kind == "word" and len(tokens) >= 2:
            quote = tokens[-1]
            if (
                quote.kind == "sym"
                and quote.text in APOSTROPHES
                and quote.end == start
                and quote.start == tokens[-2].end
                and tokens[-2].kind == "word"
                and tokens[-2].low in elisions
            ):
                tokens.pop()
                elided = tokens[-1]
                elided.text += quote.text
                elided.low += "'"
                elided.end = quote.end
        append(Token(kind, text, low, start, end))
        start = end
    return tokens


_LOW = operator.attrgetter("low")
_KIND = operator.attrgetter("kind")


def lows(tokens: Iterable[Token]) -> list[str]:
    """The tokens folded (:attr:`Token.low`), in one pass that takes no Python step per
    token."""
    return list(map(_LOW, tokens))


def kinds(tokens: Iterable[Token]) -> list[str]:
    """The tokens' kinds (:attr:`Token.kind`), as :func:`lows`."""
    return list(map(_KIND, tokens))


def positions(values: Iterable[str], wanted: Container[str]) -> list[int]:
    """The indexes of the ``values`` that are in ``wanted``, in order: the readers' quick
    look at a sentence (which tokens may start what they read), in one pass that takes no
    Python step per token (the container's own test, mapped)."""
    return where(map(wanted.__contains__, values))


def where(tests: Iterable[bool]) -> list[int]:
    """The indexes of the true ``tests``, in order, with no Python step per test."""
    return list(itertools.compress(itertools.count(), tests))


END = None
"""The key that marks, in a trie node, that a phrase ends there (:func:`trie`)."""
_Trie = dict[str | None, "_Trie"]


@dataclass(slots=True)
class _PhraseIndex:
    """A look-up table of phrases as two tries of folded words: one read forwards (the
    phrases that start at a token), one read backwards (those that end before one)."""

    table: Collection[tuple[str, ...]]
    """The table indexed (kept, so that its id is never reused for another)."""
    longest: int
    forwards: _Trie
    backwards: _Trie


_INDEXES: dict[int, _PhraseIndex] = {}
"""The tries of each look-up table, by the table's id."""


def trie(phrases: Collection[tuple[str, ...]]) -> _Trie:
    """The phrases (tuples of words) word by word: each node maps a word to the next, and
    holds :data:`END` where a phrase ends."""
    root: _Trie = {}
    for phrase in phrases:
        if phrase:
            node = root
            for word in phrase:
                node = node.setdefault(word, {})
            node[END] = {}
    return root


def phrase_index(table: Collection[tuple[str, ...]]) -> _PhraseIndex:
    """The tries of a look-up table, built on its first look-up (tables are the lexicons'
    own and never change)."""
    index = _INDEXES.get(id(table))
    if index is None or index.table is not table:
        if len(_INDEXES) > 256:  # (a passing table is dropped)
            _INDEXES.clear()
        keys = list(table)
        index = _PhraseIndex(table, max(map(len, keys), default=0), trie(keys),
                             trie([key[::-1] for key in keys]))
        _INDEXES[id(table)] = index
    return index


def _longest(table: Collection[tuple[str, ...]]) -> int:
    return phrase_index(table).longest


class TokenWindow:
    """Look-ups around a position in one sentence's tokens, shared by the readers.

    Phrases are tuples of folded words, as :func:`~battclaims.lexicon.phrase_key`
    makes them; ``longest`` bounds the phrase length tried, and no look-up tries a
    phrase longer than its table's longest.
    """

    def __init__(self, tokens: list[Token], longest: int) -> None:
        self.t = tokens
        self.n = len(tokens)
        self.longest = longest

    def low(self, k: int) -> str:
        """Token k folded, or ``""`` outside the sentence."""
        return self.t[k].low if 0 <= k < self.n else ""

    def attached(self, k: int) -> bool:
        """Token k touches the token before it."""
        return 0 < k < self.n and self.t[k].start == self.t[k - 1].end

    def back_over(self, words: Collection[str], k: int) -> int:
        """The first of the ``words`` right before token k (k itself if none): the
        start of "la" + name, "the" + name."""
        while self.low(k - 1) in words:
            k -= 1
        return k

    def words(self, first: int, end: int) -> tuple[str, ...]:
        """Tokens ``first:end`` folded."""
        return tuple(self.t[m].low for m in range(max(first, 0), min(end, self.n)))

    def phrase_before(self, end: int, table: Collection[tuple[str, ...]]
                      ) -> tuple[int, tuple[str, ...]] | None:
        """The longest phrase of ``table`` ending just before ``end``: (start, phrase)."""
        if end > self.n:  # (past the sentence's end: the look-up of words that are there)
            return self._naive_before(end, table)
        if end < 1:
            return None
        index, tokens = phrase_index(table), self.t
        node = index.backwards.get(tokens[end - 1].low)
        if node is None:  # (most look-ups end here: the word before is no phrase's last)
            return None
        limit = min(self.longest, end, index.longest)
        size = 1 if END in node and limit else 0
        for m in range(2, limit + 1):
            node = node.get(tokens[end - m].low)
            if node is None:
                break
            if END in node:
                size = m
        if not size:
            return None
        return end - size, tuple(tokens[k].low for k in range(end - size, end))

    def _naive_before(self, end: int, table: Collection[tuple[str, ...]]
                      ) -> tuple[int, tuple[str, ...]] | None:
        for size in range(min(self.longest, end, _longest(table)), 0, -1):
            key = self.words(end - size, end)
            if key in table:
                return end - size, key
        return None

    def back_past(self, first: int, table: Collection[tuple[str, ...]]) -> int:
        """The start of the phrase of ``table`` right before ``first``, or ``first``: a
        figure's start with its hedge ("près de 2 000")."""
        phrase = self.phrase_before(first, table)
        return phrase[0] if phrase else first

    def opens_bracket_after(self, previous_next: int, first: int) -> bool:
        """The figure starting at ``first`` opens a bracket right after the figure that
        ends before ``previous_next``: a restatement or a conversion ("7,34 milliards
        d'euros (7,6 milliards de dollars)", "USD 115 (EUR 109)")."""
        return first - 1 == previous_next and self.low(previous_next) == "("

    def phrase_after(self, start: int, table: Collection[tuple[str, ...]],
                     longest: int | None = None) -> tuple[int, tuple[str, ...]] | None:
        """The longest phrase of ``table`` starting at ``start``: (end, phrase); of at most
        ``longest`` words if given (else the window's longest)."""
        if start < 0:  # (before the sentence's start: the look-up of words that are there)
            return self._naive_after(start, table)
        if start >= self.n:
            return None
        index, tokens = phrase_index(table), self.t
        node = index.forwards.get(tokens[start].low)
        if node is None:  # (most look-ups end here: the word is no phrase's first)
            return None
        limit = min(self.longest if longest is None else longest, self.n - start,
                    index.longest)
        size = 1 if END in node and limit > 0 else 0
        for m in range(1, limit):
            node = node.get(tokens[start + m].low)
            if node is None:
                break
            if END in node:
                size = m + 1
        if not size:
            return None
        return start + size, tuple(tokens[k].low for k in range(start, start + size))

    def _naive_after(self, start: int, table: Collection[tuple[str, ...]]
                     ) -> tuple[int, tuple[str, ...]] | None:
        for size in range(min(self.longest, self.n - start, _longest(table)), 0, -1):
            key = self.words(start, start + size)
            if key in table:
                return start + size, key
        return None
