"""Python's cyclic garbage collector, kept from passes that find nothing.

Each collection reads every object alive, and one is set off every 700 new containers.
Importing battclaims (class bodies, compiled patterns), loading the cached vocabularies
and database, and weighing claims make hundreds of thousands of objects that stay alive
or are freed at once by their reference counts: the collections they set off find
nothing, yet cost a tenth of a short run's start-up and a fifth of a large ``diff``. So
the collector is paused while the package's modules load and while claims are weighed
(:func:`paused`), and a command collects less often (:func:`for_a_command`). The few
cycles made meanwhile are collected once it runs again."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for the ``with`` block; then the objects alive are moved to its
    oldest generation (:func:`gc.freeze` then :func:`gc.unfreeze`) and it is given back as
    it was (nested blocks leave it to the outermost). Left young, the first collection
    after the pause would read every object the block made — the classes, patterns and
    vocabularies of an import, the findings and evidence of a check, most of them alive
    until the process ends: a tenth of a short run, a second of a large check. In the
    oldest generation they are read by full collections only, as objects that survived
    collections would be; nothing is kept from the collector (unlike :func:`gc.freeze`
    alone)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()


COMMAND_THRESHOLD = 100_000
"""New containers between two collections in a ``battclaims`` command (Python's default:
700), as mypy sets it: a command's objects live until it ends, almost none in cycles."""


def for_a_command() -> None:
    """Collect less often for the rest of this process: set by the command line, never by
    the library (a program using it keeps its own setting)."""
    gc.set_threshold(COMMAND_THRESHOLD, *gc.get_threshold()[1:])
