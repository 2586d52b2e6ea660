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

import atexit
import contextlib
import marshal
import re
import sys
from typing import Any

from . import caching

try:  # CPython's engine and compiler (3.11 and later: ``re._compiler``)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no cache
    _sre = None

_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What the engine is given: flags, program, groups, group indexes, group names."""

_LIMIT = 2_000
"""Programs kept at most (patterns made from data vary; the cache stays small)."""


class _Store:
    """This process's programs: read from the cache file when first asked, written back
    when the process ends if it compiled new ones."""

    def __init__(self) -> None:
        folder = caching.cache_dir() if _sre is not None else None
        version = f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}"
        self.path = folder / f"patterns-{version}.marshal" if folder else None
        self.programs: dict[tuple[str, int], _Program] = {}
        self.added = 0
        if self.path is not None:
            with contextlib.suppress(Exception):  # missing, corrupt, another's: compiled
                if caching.trusted(self.path):
                    loaded = marshal.loads(self.path.read_bytes())
                    if isinstance(loaded, dict):
                        self.programs = loaded

    def add(self, key: tuple[str, int], program: _Program) -> None:
        if self.path is None or len(self.programs) >= _LIMIT:
            return
        if not self.added:
            atexit.register(self.save)
        self.programs[key] = program
        self.added += 1

    def save(self) -> None:
        if self.path is not None and self.added:
            with contextlib.suppress(OSError, ValueError):
                caching.write(self.path, marshal.dumps(self.programs))
            self.added = 0


_store: _Store | None = None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, its program taken from the cache when it holds it."""
    global _store
    if _sre is None:  # pragma: no cover
        return re.compile(pattern, flags)
    if _store is None:
        _store = _Store()
    flags = int(flags)
    key = (pattern, flags)
    program = _store.programs.get(key)
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

