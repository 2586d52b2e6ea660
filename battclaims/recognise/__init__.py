"""Recognising quantities: a number with what it counts or measures.

The recogniser reads one sentence at a time (:class:`.sentence.Sentence`: its tokens,
its masked text and its language's data) in stages, each a function of that sentence
in its own module, run in the order of :data:`STAGES`:

1. :mod:`.numbers` — numbers in digits and in words, fractions, ranks, vague
   magnitudes; each handed on to
2. :mod:`.measures` — the scale, unit and rate after (or before) the number;
3. :func:`.measures.converted_rates` — a figure and its bracketed conversion share
   the rate written after them;
4. :mod:`.guards` — the named rules that say a number is no quantity: token guards
   while a number is read (years, dates, clock times, references, names' numbers),
   then figure guards (ages, framing durations, references to named actors), each with
   examples in the tests.

Then :mod:`.spans` (:class:`.spans.SentenceSpans`, its steps in the order of its
``STAGES``) joins ranges, shares units, turns durations into times and sets hedges;
:mod:`battclaims.claims` has it cut the sentence's clauses and give each figure its
time, and adds subjects and metrics. Every word the stages know comes from the language's data file.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicon import Lexicon
from ..text import Token
from . import guards, measures, numbers
from .sentence import Found, Sentence

__all__ = ["STAGES", "Found", "Sentence", "recognise"]

STAGES: tuple[tuple[str, Callable[[Sentence, list[Found]], list[Found]]], ...] = (
    ("numbers and measures", lambda sentence, _: list(numbers.run(sentence))),
    ("converted rates", measures.converted_rates),
    ("figure guards", guards.figures),
)
"""The recogniser's stages in their order: each takes the sentence and the figures so far."""


def recognise(tokens: list[Token], chunk: str, base: int, lex: Lexicon) -> list[Found]:
    """The quantities in one sentence's tokens (``chunk`` is its masked text at ``base``)."""
    sentence = Sentence(tokens, chunk, base, lex)
    found: list[Found] = []
    for _, stage in STAGES:
        found = stage(sentence, found)
    return found
