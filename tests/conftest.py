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
