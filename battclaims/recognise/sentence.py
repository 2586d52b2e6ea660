"""The sentence the recogniser's stages share, and what they find in it."""

from __future__ import annotations

from decimal import Decimal

from .. import units
from ..lexicon import Lexicon
from ..records import record
from ..text import Token, TokenWindow, lows, positions

GROUP_SPACES = frozenset(" \u00a0\u202f\u2009")
QUOTES = frozenset("\"«»“”„‘’'")
RANGE_MARKS = frozenset("-‐‑–—/")
CLAUSE_ENDS = frozenset(".,;:!?()[]{}…")
HALF = Decimal("0.5")


@record
class Unit:
    name: str
    """A registry unit name."""
    known: bool
    """From the vocabulary or a symbol (not guessed from a counted noun)."""
    end: int
    """Index of the token after the unit."""
    factor: Decimal = Decimal(1)
    """What the value is multiplied by ("56 cents" is 0.56 USD)."""
    adjectival: bool = False
    """Guessed from an adjective or a participle ("dont 114 400 électriques")."""


@record
class Found:
    """A quantity as the recogniser found it in a sentence's tokens."""

    first: int
    """Index of its first token."""
    next: int
    """Index of the token after it."""
    start: int
    """View offset of its first character."""
    end: int
    """View offset just past it."""
    value: Decimal | None
    """The value, scale applied; None when vague."""
    numerator: str | None
    """Registry name of what is counted or measured, or None."""
    denominator: str | None
    """Registry name of the "per" unit of a rate, or None."""
    vague: str | None = None
    """The vague magnitude word, folded (``"milliers"``), or None."""
    number: Decimal = Decimal(0)
    """The number as written, before its scale (``1.5`` in "1,5 milliard")."""
    scale: Decimal = Decimal(1)
    """The scale applied to it (``1e9`` in "1,5 milliard")."""
    rank: bool = False
    """An ordinal before a counted thing ("sa deuxième gigafactory"): at least ``value``."""
    approx: bool = False
    """Written with an approximate collective ("une quarantaine", "a dozen")."""
    adjectival: bool = False
    """Its unit is only an adjective or a participle after it ("dont 114 400
    électriques"): the unit of a figure it shares one with comes first."""

    @property
    def unit(self) -> str | None:
        """The normalised unit expression."""
        return units.expression(self.numerator, self.denominator)


class Sentence(TokenWindow):
    """One tokenized sentence as the recogniser's stages read it: its tokens, its masked
    text (``chunk``, at view offset ``base``) and its language."""

    def __init__(self, tokens: list[Token], chunk: str, base: int, lex: Lexicon) -> None:
        super().__init__(tokens, lex.max_phrase)
        self.chunk = chunk
        self.base = base
        self.lex = lex
        self.lows = lows(tokens)
        """The tokens folded."""
        starts = lex.fractions.out_of_starts if lex.fractions else frozenset()
        self.out_of_positions = positions(self.lows, starts)
        """Where the words of "N sur M", "N in M" stand (a fraction's quick look)."""

    # --- token helpers -------------------------------------------------------------

    def tight(self, k: int) -> bool:
        """Token k touches the token before it or is one space away."""
        if not 0 < k < self.n:
            return False
        gap = self.t[k].start - self.t[k - 1].end
        return gap == 0 or (
            gap == 1 and self.chunk[self.t[k - 1].end - self.base] in GROUP_SPACES
        )

    def is_word(self, k: int) -> bool:
        return 0 <= k < self.n and self.t[k].kind == "word"

