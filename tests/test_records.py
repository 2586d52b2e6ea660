"""A record (battclaims.records.record) behaves as the frozen dataclass it replaces: the
same repr, equality and hash, field options honoured, immutable."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

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


@record
class Plant:
    name: str
    lines: list[str] = field(default_factory=list)
    capacity: float | None = None
    built: int = field(default=0, init=False)
    notes: list[str] = field(default_factory=list, init=False, repr=False)


@dataclass(frozen=True)
class PlantDC:
    name: str
    lines: list[str] = field(default_factory=list)
    capacity: float | None = None
    built: int = field(default=0, init=False)
    notes: list[str] = field(default_factory=list, init=False, repr=False)


@record
class Site(Plant):
    region: str = "Hauts-de-France"


def test_init_as_the_dataclass_makes_it() -> None:
    """Parameters, defaults, default factories (a new object each time), fields left
    out of ``__init__``, keywords and inheritance: as the frozen dataclass."""
    for args, kwargs in ((("Douvrin",), {}), (("Dunkerque", ["A", "B"]), {"capacity": 16.0}),
                         ((), {"name": "Sunderland", "capacity": 12.5})):
        ours, theirs = Plant(*args, **kwargs), PlantDC(*args, **kwargs)
        assert repr(ours) == repr(theirs).replace("PlantDC(", "Plant(", 1)
        assert vars(ours) == vars(theirs)
    assert Plant("Douvrin").lines is not Plant("Douvrin").lines
    site = Site("Douvrin", capacity=8.0, region="Nord")
    assert (site.name, site.lines, site.capacity, site.built, site.region) == (
        "Douvrin", [], 8.0, 0, "Nord")
    assert [f.name for f in dataclasses.fields(Site)] == [
        "name", "lines", "capacity", "built", "notes", "region"]
    assert dataclasses.replace(site, capacity=9.0) == Site("Douvrin", capacity=9.0,
                                                           region="Nord")
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'name'"):
        Plant()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'built'"):
        Plant("Douvrin", built=2025)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del site.name


def test_what_a_record_refuses() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @record
        class Ordered:
            a: int = 0
            b: int  # type: ignore[misc]
    with pytest.raises(TypeError, match="__post_init__"):
        @record
        class Checked:
            a: int

            def __post_init__(self) -> None:
                pass


def test_a_warm_process_compiles_no_init(tmp_path: Path) -> None:
    """Each record's ``__init__`` is compiled once per Python: a later process finds its
    code in the user cache (records of one shape share it)."""
    code = ("import battclaims, battclaims.records as r; "
            "print(r._codes.added, len(r._codes.values))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=dict(os.environ, BATTCLAIMS_CACHE=str(tmp_path))
                           ).stdout.split() for _ in range(2)]
    compiled, kept = map(int, runs[0])
    assert compiled > 20 and kept == compiled
    assert runs[1] == ["0", str(kept)]


@record(frozen=False)
class Tally:
    name: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class TallyDC:
    name: str
    counts: dict[str, int] = field(default_factory=dict)


@record(eq=False)
class Handle:
    name: str


def test_mutable_and_identity_records_as_their_dataclasses() -> None:
    """``frozen=False``: fields may be set, equal by fields, unhashable (a dataclass's
    rule); ``eq=False``: equal and hashed as one object."""
    tally, theirs = Tally("draft.md"), TallyDC("draft.md")
    tally.counts["conflict"] = 2
    theirs.counts["conflict"] = 2
    tally.name = "other.md"
    theirs.name = "other.md"
    assert repr(tally) == repr(theirs).replace("TallyDC(", "Tally(", 1)
    assert tally == Tally("other.md", {"conflict": 2}) and tally != Tally("other.md")
    assert Tally.__hash__ is None and TallyDC.__hash__ is None
    first, second = Handle("a"), Handle("a")
    assert first != second and first == first and len({first, second}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.name = "b"  # type: ignore[misc]


def test_what_a_record_refuses_among_fields() -> None:
    """What dataclasses refuses, and what a record leaves out (its ``__init__`` would
    not honour it)."""
    with pytest.raises(ValueError, match="mutable default list"):
        @record
        class Shared:
            lines: list[str] = []  # noqa: RUF012
    with pytest.raises(TypeError, match="ClassVar"):
        @record
        class Counted:
            total: ClassVar[int] = 0
    with pytest.raises(TypeError, match="keyword-only"):
        @record
        class Named:
            name: str = field(kw_only=True)
