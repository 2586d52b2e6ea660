"""rapidfuzz's ``ratio``, asked only where exact bounds cannot answer.

Names are compared fuzzily in almost every document ("Stellant" is Stellantis), but
almost always with names that are nowhere near: importing rapidfuzz costs a tenth of a
short run's start-up, and most runs need none of it. ``ratio(a, b)`` is
``200 · LCS(a, b) / (|a| + |b|)`` (LCS: the longest common subsequence), so two bounds
tell, without it, that a pair cannot reach a cutoff:

- the LCS is at most the shorter length, and at most the letters the two share, counted
  with their repeats;
- each letter outside the LCS breaks at most one pair of neighbours in it, so the two
  share at least ``3 · LCS - 1 - |a| - |b|`` two-letter pieces (counted with repeats).

A pair that passes them is scored by rapidfuzz; one that fails them scores below the
cutoff: answers are rapidfuzz's own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

_SLACK = 1e-9
"""Bounds are met up to rounding: a pair is never dropped that rapidfuzz would keep."""


def _least_lcs(cutoff: float, total: int) -> float:
    """The smallest LCS with which two strings of ``total`` letters reach ``cutoff``."""
    return cutoff * total / 200 - _SLACK


def may_reach(a: str, b: str, cutoff: float) -> bool:
    """Whether ``ratio(a, b)`` may be ``cutoff`` or more (False: it is surely less)."""
    need = _least_lcs(cutoff, len(a) + len(b))
    if min(len(a), len(b)) < need:
        return False
    return _common(Counter(a), Counter(b)) >= need


def _common(a: Counter[str], b: Counter[str]) -> int:
    """The letters two strings share, counted with their repeats."""
    return sum(min(count, b[c]) for c, count in a.items())


def reaches(a: str, b: str, cutoff: float) -> bool:
    """Whether rapidfuzz's ``ratio(a, b)`` is ``cutoff`` or more."""
    if not may_reach(a, b, cutoff):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= cutoff


def _pieces(text: str) -> dict[str, int]:
    """The two-letter pieces of ``text``, counted (a plain loop: a Counter's set-up costs
    more than the counting of a short name)."""
    counts: dict[str, int] = {}
    for k in range(len(text) - 1):
        piece = text[k : k + 2]
        counts[piece] = counts.get(piece, 0) + 1
    return counts


class Names:
    """A fixed list of names, to find the one nearest a query by rapidfuzz's ratio
    (``process.extractOne``, the first of the best): only the names that share enough
    two-letter pieces with the query (found through an index of the pieces) and enough
    letters are scored, and none when none does."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(names)
        self.lengths = [len(name) for name in self.names]
        self.letters: dict[int, Counter[str]] = {}
        """Each name's letters, counted when it is first a candidate."""
        self.holders: dict[str, list[tuple[int, int]]] = {}
        """Each two-letter piece: the names that hold it, and how many times."""
        for n, name in enumerate(self.names):
            for piece, count in _pieces(name).items():
                self.holders.setdefault(piece, []).append((n, count))

    def candidates(self, query: str, cutoff: float) -> list[str]:
        """The names that may reach ``cutoff`` with ``query``, in their order."""
        shared: dict[int, int] = {}
        for piece, count in _pieces(query).items():
            for n, held in self.holders.get(piece, ()):
                shared[n] = shared.get(n, 0) + min(count, held)
        size = len(query)
        # a name that shares no piece may reach the cutoff only where the bound asks none;
        # the bound is linear in the name's length: least at the shortest or the longest
        ends = (min(self.lengths, default=0), max(self.lengths, default=0))
        needs_a_piece = all(3 * _least_lcs(cutoff, size + n) - 1 - size - n > 0 for n in ends)
        pool = sorted(shared) if needs_a_piece else range(len(self.names))
        letters = Counter(query)
        found = []
        for n in pool:
            length = self.lengths[n]
            lcs = _least_lcs(cutoff, size + length)
            if (min(size, length) >= lcs and shared.get(n, 0) >= 3 * lcs - 1 - size - length
                    and _common(letters, self._letters(n)) >= lcs):
                found.append(self.names[n])
        return found

    def _letters(self, n: int) -> Counter[str]:
        letters = self.letters.get(n)
        if letters is None:
            letters = self.letters[n] = Counter(self.names[n])
        return letters

    def nearest(self, query: str, cutoff: float) -> str | None:
        """The name nearest ``query`` if its ratio is ``cutoff`` or more, else None."""
        choices = self.candidates(query, cutoff)
        if not choices:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return None if best is None else str(best[0])
