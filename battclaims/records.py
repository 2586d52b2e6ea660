"""Frozen records: dataclasses whose ``__repr__``, ``__eq__`` and ``__hash__`` are shared.

:func:`dataclasses.dataclass` writes and compiles these three methods anew for every
class: for battclaims' fifty-odd classes, a twentieth of a short run's start-up (Python
3.11 compiles each generated method on its own). :func:`record` makes a frozen dataclass
that takes them from here instead: the same text, the same equality (same class, same
compared fields) and the same hash (of the tuple of the hashed fields) as the generated
ones, read through :func:`operator.attrgetter`."""

from __future__ import annotations

import dataclasses
import operator
import reprlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # (PEP 681: type checkers read a record as a frozen dataclass)
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_options: Any) -> Callable[[Any], Any]:
        return lambda decorator: decorator

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True)``, with the shared ``__repr__``, ``__eq__`` and
    ``__hash__`` (a class that defines one of them keeps its own)."""
    own = {name for name in ("__repr__", "__eq__", "__hash__") if name in cls.__dict__}
    made: Any = dataclasses.dataclass(frozen=True, eq=False, repr=False)(cls)
    fields = dataclasses.fields(made)
    made._record_shown = tuple(f.name for f in fields if f.repr)
    made._record_compared = staticmethod(_values([f.name for f in fields if f.compare]))
    made._record_hashed = staticmethod(
        _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)]))
    for name, method in (("__repr__", _repr), ("__eq__", _eq), ("__hash__", _hash)):
        if name not in own:
            setattr(made, name, method)
    result: type[T] = made
    return result


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these fields of a record (always a tuple, as the generated methods
    compare and hash)."""
    if len(names) >= 2:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda item: (one(item),)
    return lambda item: ()


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_shown)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        values = self._record_compared
        return values(self) == values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_hashed(self))
