"""The one YAML loader of battclaims, safe against hostile files.

Front matter, claims files and configuration files are all read through
:func:`load` (or :func:`compose`) with a subclass of :class:`SafeLoader` (libyaml,
for the claims: speed) or :class:`PureSafeLoader` (front matter and configuration:
small, and pure Python's messages), each caller adding its own constructors. On
top of PyYAML's safe loading (no object tags), it refuses what lets a few bytes
cost seconds or gigabytes:

* **aliases** (``*name``) are refused, not capped: our files never need them,
  and a cap on expansions still lets a "billion laughs" grow up to the cap in
  every later step (the parse cache's JSON, ``_plain``, the matcher). The error
  names the alias's line. An anchor (``&name``) alone is harmless and allowed.
* **size**: the text is at most :attr:`SafeLoader.max_chars` characters; the
  callers set their own (front matter 64 KB, configuration 256 KB, a claims file
  16 MB, that is some 50 000 claims in one file).
* **depth**: collections nest at most :attr:`SafeLoader.max_depth` (50) levels;
  our files use five or six. Deeper input would crash the pure-Python composer
  (RecursionError) and every recursive walk after it.
* **numbers**: an integer of more than :attr:`SafeLoader.max_digits` (30) digits
  (Python refuses to read more than 4 300) and a float that is not finite
  (``.nan``, ``.inf``, ``1.0e+999``) are an error at their line, or with
  ``numbers = "text"`` (front matter) kept as the text written.

Every refusal is a :class:`LimitError`, a :class:`yaml.MarkedYAMLError` with a
``problem`` and a ``problem_mark``: callers report it as they report bad YAML,
with the file and line.

With libyaml (``yaml.CSafeLoader``, as fast as before: the checks cost some 2 %),
composition is in C: a text holding a ``*`` is scanned for aliases (libyaml's
events, before composing), and the depth is checked on the composed nodes
(some libyaml builds stop at 1 000 levels themselves, others compose any depth:
either way the message is ours).
With the pure-Python loader, both are checked while composing.
"""

from __future__ import annotations

import math
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    _Base: Any = yaml.CSafeLoader
    _CBase: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader
    _CBase = ()  # isinstance(x, ()) is False
_Mixin: Any = object

KB = 1024
MB = 1024 * KB
MAX_DEPTH = 50
MAX_DIGITS = 30


class LimitError(yaml.MarkedYAMLError):
    """YAML that battclaims refuses to read: an alias, too large, too deep, or a
    number out of bounds."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def _start_mark(name: str = "<text>") -> yaml.Mark:
    return yaml.Mark(name, 0, 0, 0, None, 0)


def _size(chars: int) -> str:
    return f"{chars / MB:.1f} MB" if chars >= MB else f"{math.ceil(chars / KB)} KB"


class _Limits(_Mixin):  # type: ignore[misc]
    """The limits, over a PyYAML safe loader (see the module's documentation)."""

    max_chars: int = 1 * MB
    max_depth: int = MAX_DEPTH
    max_digits: int = MAX_DIGITS
    numbers: str = "error"
    """``error``: a too long integer or a non-finite float is a :class:`LimitError`;
    ``text``: it is kept as the text written."""

    _depth = 0

    def __init__(self, stream: Any) -> None:
        if hasattr(stream, "read"):
            stream = stream.read()
        super().__init__(stream)
        self._text: str | bytes = stream  # for compose() to look for aliases

    # -- pure-Python composition (libyaml's is checked by compose() afterwards) --

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise LimitError(f"aliases are not allowed (*{event.anchor})",
                             event.start_mark)
        if not self.check_event(SequenceStartEvent, MappingStartEvent):
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        if self._depth >= self.max_depth:
            raise LimitError(f"nested more than {self.max_depth} levels deep",
                             self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1

    # -- numbers ------------------------------------------------------------------

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        text = str(node.value)
        digits = sum(c.isalnum() for c in text)
        if digits > self.max_digits + 2:  # a 0x, 0o or 0b prefix
            return self._out_of_bounds(node, f"integer of {digits} digits "
                                             f"(at most {self.max_digits})")
        try:
            value = super().construct_yaml_int(node)
        except ValueError:  # !!int "forty"
            raise LimitError(f"{node.value!r} is not an integer", node.start_mark) from None
        if abs(value) >= 10 ** self.max_digits:  # 1:2:3... (base 60) or 0x...
            return self._out_of_bounds(node, f"integer of more than {self.max_digits} digits")
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        try:
            value = super().construct_yaml_float(node)
        except ValueError:  # !!float "forty"
            raise LimitError(f"{node.value!r} is not a number", node.start_mark) from None
        if not math.isfinite(value):
            return self._out_of_bounds(node, f"{node.value} is not a finite number")
        return value

    def _out_of_bounds(self, node: yaml.ScalarNode, problem: str) -> Any:
        if self.numbers == "text":
            return str(node.value)
        raise LimitError(problem, node.start_mark)


class SafeLoader(_Limits, _Base):  # type: ignore[misc]
    """The safe loader with limits, on libyaml when PyYAML has it; subclass it to
    add constructors or change a limit (class attributes)."""


class PureSafeLoader(_Limits, yaml.SafeLoader):
    """The same on PyYAML's pure-Python loader: what :class:`SafeLoader` is without
    libyaml, and what small files (front matter, configuration) use, for its
    messages and lines of bad YAML, more precise than libyaml's."""


for _class in (SafeLoader, PureSafeLoader):
    _class.add_constructor("tag:yaml.org,2002:int", _Limits.construct_yaml_int)
    _class.add_constructor("tag:yaml.org,2002:float", _Limits.construct_yaml_float)


def check_size(size: int, limit: int, name: str = "<text>") -> None:
    """Refuse a text (or file) of ``size`` characters (or bytes) over ``limit``."""
    if size > limit:
        raise LimitError(f"too large ({_size(size)}; at most {_size(limit)})",
                         _start_mark(name))


def compose(loader: _Limits) -> Node | None:
    """The loader's single document as a node graph, checked: no alias, not
    deeper than the loader's ``max_depth``. The text's size is the caller's
    to check (:func:`check_size`), before making the loader."""
    if not isinstance(loader, _CBase):  # the pure-Python composer checks as it goes
        return loader.get_single_node()  # type: ignore[no-any-return]
    _refuse_aliases(loader._text)
    try:
        node: Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as error:  # libyaml's own limit, in some builds
        if error.problem != "exceeded maximum nesting depth":
            raise
        raise LimitError(f"nested more than {loader.max_depth} levels deep",
                         error.problem_mark) from None
    if node is not None:
        _check_depth(node, loader.max_depth)
    return node


def load(text: str, loader_class: type[_Limits] = SafeLoader) -> Any:
    """The one YAML document of ``text`` (None when empty), within the limits of
    ``loader_class``. Raises :class:`yaml.YAMLError` (a :class:`LimitError` for a
    limit)."""
    check_size(len(text), loader_class.max_chars)
    loader = loader_class(text)
    try:
        node = compose(loader)
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_aliases(text: str | bytes) -> None:
    """Before libyaml composes (and shares the anchored node): no alias. An alias
    starts with ``*``: a text without one is scanned no further."""
    if not (("*" in text) if isinstance(text, str) else (b"*" in text)):
        return
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, AliasEvent):
            raise LimitError(f"aliases are not allowed (*{event.anchor})",
                             event.start_mark)


def _check_depth(root: Node, limit: int) -> None:
    """No collection deeper than ``limit``, level by level (construction and our
    walks of the result recurse). Scalars are skipped: this costs
    some 2 % of parsing a claims file."""
    level = [root]
    depth = 0
    while level:
        depth += 1
        below: list[Node] = []
        for node in level:
            if node.__class__ is MappingNode:
                for key, value in node.value:
                    if key.__class__ is not ScalarNode:
                        below.append(key)
                    if value.__class__ is not ScalarNode:
                        below.append(value)
            elif node.__class__ is SequenceNode:
                below.extend([item for item in node.value if item.__class__ is not ScalarNode])
        if below and depth >= limit:
            raise LimitError(f"nested more than {limit} levels deep", below[0].start_mark)
        level = below
