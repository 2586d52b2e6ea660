"""Regular expressions compiled once per Python, not once per process.

:func:`re.compile` parses a pattern and generates its matching program in Python: for
the hundred-odd patterns of a run (the tokenizer, the readers of numbers, dates and
names, the vocabulary's word lists), an eighth of a short run's start-up. The program
is a list of integers that the engine (``_sre``) checks before it runs it; it is kept
in the user cache (:mod:`battclaims.caching`), keyed on the Python version and the
engine's own version number, and later processes hand it to the engine directly.

A pattern this Python cannot cache (another implementation, a program the engine
refuses) is compiled by :func:`re.compile`, as is every pattern when the cache is off:
what a pattern matches never depends on the cache."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from . import caching

try:  # CPython's engine and compiler (3.11 and later: ``re._compiler``)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no cache
    _sre = None

_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What the engine is given: flags, program, groups, group indexes, group names."""

_store: caching.Marshalled | None = None
"""This process's programs, keyed on pattern and flags (the engine's version in the
file's name)."""


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, its program taken from the cache when it holds it."""
    global _store
    if _sre is None:  # pragma: no cover
        return re.compile(pattern, flags)
    if _store is None:
        _store = caching.Marshalled("patterns", f"-{getattr(_sre, 'MAGIC', 0)}")
    flags = int(flags)
    key = (pattern, flags)
    program = _store.get(key)
    if program is not None:
        with contextlib.suppress(Exception):  # (a program the engine refuses: compiled)
            compiled: re.Pattern[str] = _sre.compile(pattern, *program)
            return compiled
    compiled, program = _compile(pattern, flags)
    _store.add(key, program)
    return compiled


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], _Program]:
    """The pattern compiled as :func:`re.compile` does, and its program."""
    parsed: Any = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        names[index] = name
    program: _Program = (int(flags | parsed.state.flags), code, parsed.state.groups - 1,
                         dict(parsed.state.groupdict), tuple(names))
    return _sre.compile(pattern, *program), program

