"""Records: dataclasses whose methods are not written and compiled for each class.

:func:`dataclasses.dataclass` writes the source of ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` for every class and compiles each on its
own (Python 3.11), after looking each annotation up for ``ClassVar``, ``InitVar`` and
``KW_ONLY``: for battclaims' sixty-odd classes, a fifth of a short run's start-up.
:func:`record` gathers the fields itself, as :mod:`dataclasses` does and where it keeps
them (so that ``fields``, ``replace`` and ``asdict`` work as for any dataclass), and
gives the class:

- the shared ``__repr__``, ``__eq__`` and ``__hash__`` below: the same text, the same
  equality (same class, same compared fields) and the same hash (of the tuple of the
  hashed fields) as the generated ones, read through :func:`operator.attrgetter`;
- when frozen, the shared ``__setattr__`` and ``__delattr__`` below, which refuse as a
  frozen dataclass's do;
- an ``__init__`` written for its fields as :mod:`dataclasses` writes it, whose compiled
  code is kept in the user cache (:class:`.caching.Marshalled`): later processes load
  it instead of compiling it. It stores the fields straight into the instance's
  ``__dict__`` (a frozen dataclass calls ``object.__setattr__`` for each: three times
  slower, for the same result when no field is a descriptor).

What a record does not honour (``__post_init__``, slots, ``InitVar``, ``ClassVar``,
keyword-only fields) it refuses. A plain dataclass cannot inherit from a record (it would
look for the dataclass parameters a record does not keep)."""

from __future__ import annotations

import dataclasses
import inspect
import operator
import reprlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from . import caching, patterns

if TYPE_CHECKING:  # (PEP 681: type checkers read a record as a frozen dataclass)
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_options: Any) -> Callable[[Any], Any]:
        return lambda decorator: decorator

T = TypeVar("T")


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: Any = None, /, *, frozen: bool = True, eq: bool = True) -> Any:
    """``@dataclass(frozen=True)`` (or ``@dataclass(frozen=..., eq=...)``), with the shared
    methods and a cached ``__init__``. A class that defines ``__repr__``, ``__eq__`` or
    ``__hash__`` keeps its own; one with ``__post_init__``, ``__slots__``, its own
    ``__setattr__``, or a ``ClassVar``, ``InitVar`` or keyword-only field is refused."""
    if cls is None:
        return lambda made: _make(made, frozen, eq)
    return _make(cls, frozen, eq)


def _make(cls: Any, frozen: bool, eq: bool) -> Any:
    own = {name for name in ("__repr__", "__eq__", "__hash__") if name in cls.__dict__}
    if hasattr(cls, "__post_init__") or any(
            name in cls.__dict__ for name in ("__slots__", "__setattr__", "__delattr__")):
        raise TypeError(f"{cls.__qualname__}: a record has no __post_init__, slots or "
                        "attribute hooks")
    fields = _gather(cls)
    cls.__init__ = _initializer(cls, fields)
    cls._record_shown = tuple(f.name for f in fields if f.repr)
    methods: list[tuple[str, Any]] = [("__repr__", _repr)]
    if eq:  # (a dataclass's rule: equal by fields; hashed by them only if frozen)
        cls._record_compared = staticmethod(_values([f.name for f in fields if f.compare]))
        cls._record_hashed = staticmethod(
            _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)]))
        methods += [("__eq__", _eq), ("__hash__", _hash if frozen else None)]
    if frozen:
        methods += [("__setattr__", _setattr), ("__delattr__", _delattr)]
    for name, method in methods:
        if name not in own:
            setattr(cls, name, method)
    return cls


_FIELD = getattr(dataclasses, "_FIELD", None)
"""How :mod:`dataclasses` marks an ordinary field, the only kind :func:`dataclasses.fields`
returns (a Python without it: fields gathered by :mod:`dataclasses` itself)."""

_SPECIAL = patterns.compile(r"\s*(?:\w+\s*\.\s*)?(?:ClassVar|InitVar|KW_ONLY)\b")
"""An annotation a record refuses, written as text (``from __future__ import
annotations``) or not."""


def _gather(cls: Any) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a record class, gathered as :mod:`dataclasses` gathers them (the
    bases' first, then the class's own annotations in order) and kept where
    :func:`dataclasses.fields`, :func:`~dataclasses.replace` and
    :func:`~dataclasses.asdict` read them. :mod:`dataclasses` would also look each
    annotation up for ``ClassVar``, ``InitVar`` and ``KW_ONLY`` in the module, and write a
    signature into the docstring of a class without one: four times the cost."""
    if _FIELD is None:  # pragma: no cover - another Python
        dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
        return dataclasses.fields(cls)
    gathered: dict[str, dataclasses.Field[Any]] = {}
    for base in cls.__mro__[-1:0:-1]:
        gathered.update(getattr(base, "__dataclass_fields__", {}))
    annotations = inspect.get_annotations(cls)
    for name, annotation in annotations.items():
        if _SPECIAL.match(str(annotation)) or isinstance(annotation, dataclasses.InitVar):
            raise TypeError(f"{cls.__qualname__}.{name}: a record has no ClassVar, InitVar "
                            "or keyword-only field")
        default = cls.__dict__.get(name, dataclasses.MISSING)
        if isinstance(default, dataclasses.Field):
            spec = default
            if spec.default is dataclasses.MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        else:
            spec = dataclasses.field(default=default)
        if getattr(spec.default.__class__, "__hash__", True) is None:
            raise ValueError(f"{cls.__qualname__}.{name}: mutable default "
                             f"{type(spec.default).__name__} is not allowed: use default_factory")
        spec.name, spec.type = name, annotation
        spec._field_type = _FIELD  # type: ignore[attr-defined]
        if getattr(spec, "kw_only", False) is True:
            raise TypeError(f"{cls.__qualname__}.{name}: a record has no keyword-only field")
        spec.kw_only = False
        gathered[name] = spec
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{cls.__qualname__}.{name}: a field without a type annotation")
    cls.__dataclass_fields__ = gathered
    return tuple(gathered.values())


_codes: caching.Marshalled | None = None
"""The compiled ``__init__`` makers, keyed on their source."""


def _initializer(cls: type, fields: tuple[dataclasses.Field[Any], ...]
                 ) -> Callable[..., None]:
    """The ``__init__`` of a record of these fields: its parameters, defaults and
    default factories as :mod:`dataclasses` makes them. Its source names no value (they
    are given to a maker function), so that records of the same shape share one code."""
    global _codes
    parameters, body = ["__record_self__"], ["    __record_fields__ = __record_self__.__dict__"]
    given: dict[str, Any] = {}
    defaulted = ""
    for number, spec in enumerate(fields):
        name, default = spec.name, f"__record_default_{number}__"
        if spec.default_factory is not dataclasses.MISSING:
            given[default] = spec.default_factory
            value = f"{default}()" if not spec.init else (
                f"{default}() if {name} is __record_missing__ else {name}")
            default = "__record_missing__"
        elif not spec.init:
            continue  # (a default is read from the class; none: unset, as a dataclass)
        elif spec.default is not dataclasses.MISSING:
            given[default], value = spec.default, name
        else:
            default, value = "", name
        if spec.init:
            if defaulted and not default:
                raise TypeError(f"{cls.__qualname__}: non-default argument {name!r} "
                                f"follows default argument {defaulted!r}")
            parameters.append(f"{name}={default}" if default else name)
            defaulted = defaulted or (name if default else "")
        body.append(f"    __record_fields__[{name!r}] = {value}")
    names = ["__record_missing__", *given]
    source = (f"def __record_maker__({', '.join(names)}):\n"
              f"  def __init__({', '.join(parameters)}):\n"
              + "\n".join(f"  {line}" for line in body)
              + "\n  return __init__\n")
    if _codes is None:
        _codes = caching.Marshalled("records")
    code = _codes.get(source)
    if code is None:
        code = compile(source, "<record>", "exec")
        _codes.add(source, code)
    space: dict[str, Any] = {}
    exec(code, {"__builtins__": __builtins__}, space)
    init: Callable[..., None] = space["__record_maker__"](_MISSING, *given.values())
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


class _Missing:
    """A parameter not given (its default factory is called instead)."""

    def __repr__(self) -> str:
        return "<factory>"


_MISSING = _Missing()


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


def _setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
