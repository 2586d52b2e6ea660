"""battclaims.collector.paused: no collection inside the block; after it the objects it
made are in the collector's oldest generation, none frozen, and a cycle it made is still
collected."""

from __future__ import annotations

import gc
import weakref

from battclaims import collector


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_a_paused_block_leaves_its_objects_to_full_collections() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        kept = [Node() for _ in range(2000)]
        first, second = Node(), Node()
        first.other, second.other = second, first  # a cycle, then garbage
        gone = weakref.ref(first)
        del first, second
        with collector.paused():  # (nested: the outer block decides)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 700  # nothing left young to read at the next collection
    assert any(item is kept[0] for item in gc.get_objects(generation=2))
    assert gone() is not None
    gc.collect()
    assert gone() is None


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
