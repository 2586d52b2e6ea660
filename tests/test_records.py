"""A record (battclaims.records.record) behaves as the frozen dataclass it replaces: the
same repr, equality and hash, field options honoured, immutable."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from battclaims.records import record


@record
class Span:
    relation: str | None
    date: str | None
    text: str = field(default="", compare=False)
    note: str = field(default="", repr=False)


@dataclass(frozen=True)
class SpanDC:
    relation: str | None
    date: str | None
    text: str = field(default="", compare=False)
    note: str = field(default="", repr=False)


@record
class One:
    value: float


@dataclass(frozen=True)
class OneDC:
    value: float


@record
class Nothing:
    pass


@dataclass(frozen=True)
class NothingDC:
    pass


@record
class Node:
    name: str
    children: list[Node] = field(default_factory=list, hash=False)


WORD = st.none() | st.sampled_from(["by", "in", "from", "2025", "2030-06", "d'ici 2027"])


@given(WORD, WORD, st.text(max_size=5), st.text(max_size=5), WORD, WORD, st.text(max_size=5))
def test_repr_equality_and_hash_as_the_dataclass(relation: str | None, date: str | None,
                                                 text: str, note: str, other_relation: str | None,
                                                 other_date: str | None, other_text: str) -> None:
    ours, theirs = Span(relation, date, text, note), SpanDC(relation, date, text, note)
    assert repr(ours) == repr(theirs).replace("SpanDC(", "Span(", 1)
    assert hash(ours) == hash(theirs)
    again, again_dc = Span(other_relation, other_date, other_text), SpanDC(
        other_relation, other_date, other_text)
    assert (ours == again) == (theirs == again_dc)
    assert (ours != again) == (theirs != again_dc)


@given(st.floats(allow_nan=False))
def test_one_field_and_no_field(value: float) -> None:
    assert hash(One(value)) == hash(OneDC(value)) and repr(One(value)) == repr(
        OneDC(value)).replace("OneDC", "One")
    assert One(value) == One(value) and One(value) != OneDC(value)
    assert hash(Nothing()) == hash(NothingDC()) and Nothing() == Nothing()
    assert repr(Nothing()) == "Nothing()"


def test_frozen_fields_and_recursion() -> None:
    span = Span("by", "2027")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.date = "2028"  # type: ignore[misc]
    assert dataclasses.replace(span, date="2028") == Span("by", "2028")
    assert [f.name for f in dataclasses.fields(span)] == ["relation", "date", "text", "note"]
    assert span != ("by", "2027") and span.__eq__(("by", "2027")) is NotImplemented
    node = Node("root")
    node.children.append(node)
    assert repr(node) == "Node(name='root', children=[...])"
    assert hash(node) == hash(("root",))
    assert {Span("by", "2027", "d'ici 2027"), Span("by", "2027", "avant 2027")} == {span}
