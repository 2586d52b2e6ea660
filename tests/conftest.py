"""Fixtures shared by the test modules."""

from __future__ import annotations

from typing import Any

import pytest

from battclaims.matching import Matcher


@pytest.fixture
def weighings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times :meth:`Matcher.weigh` has been called in the test so far (``[n]``)."""
    calls = [0]
    weigh = Matcher.weigh

    def counted(self: Matcher, x: Any, y: Any) -> Any:
        calls[0] += 1
        return weigh(self, x, y)

    monkeypatch.setattr(Matcher, "weigh", counted)
    return calls


@pytest.fixture
def same_fields() -> Any:
    """Whether two lexicons hold the same vocabulary, field by field (a :class:`Lexicon` is
    equal only to itself: it has no generated ``__eq__``)."""
    from dataclasses import fields

    def same(a: Any, b: Any) -> bool:
        return all(getattr(a, f.name) == getattr(b, f.name) for f in fields(a))

    return same
