"""Sorted data files searched where they lie, as bytes: a binary search over their lines.

A word list or a table of tens of thousands of rows, read into a set or a dict, costs a
process tens of milliseconds before it answers its first question, though a run asks a
few hundred; searched as bytes, it costs nothing until asked and a few microseconds per
question. The files are sorted by their keys' code points, which UTF-8 keeps as the
order of the bytes."""

from __future__ import annotations


def find(data: bytes, first: int, key: bytes, stop: bytes = b"\n") -> int | None:
    """Where the line of ``data`` whose key is ``key`` starts, or None; lines begin at
    ``first`` (past a header) and each line's key runs to ``stop`` (``b"\\t"`` for a table's
    first column, ``b"\\n"`` for a whole line)."""
    low, high = first, len(data)
    while low < high:  # low and high are line starts
        start = data.rfind(b"\n", max(low - 1, 0), (low + high) // 2) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        cut = data.find(stop, start, end) if stop != b"\n" else end
        found = data[start:end if cut < 0 else cut]
        if found < key:
            low = end + 1
        elif found > key:
            high = start
        else:
            return start
    return None
