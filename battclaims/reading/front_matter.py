"""Front matter: the block of metadata at the top of a Markdown or text file.

Three forms, as static site generators write them:

* YAML between ``---`` lines (Jekyll, Hugo...), closed by ``---`` or ``...``;
* TOML between ``+++`` lines (Hugo);
* JSON: an object that opens the file (its first line starts with ``{``) and
  closes with a line that is only ``}`` (Hugo).

A block that does not parse is an :class:`~battclaims.errors.InputError` naming
the file and the line, never a traceback.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from typing import Any

from .. import caching, patterns
from ..errors import InputError

_YAML = patterns.compile(
    r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_TOML = patterns.compile(r"\A\+\+\+[ \t]*\r?\n(?:(.*?)\r?\n)?\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
_JSON = patterns.compile(r"\A(\{[^\r\n]*\r?\n(?:.*?\r?\n)?\}[ \t]*)(?:\r?\n|\Z)", re.S)
_JSON_LINE = patterns.compile(r"\A(\{[^\r\n]*\})[ \t]*(?:\r?\n|\Z)")
"""JSON front matter on one line: ``{"title": "…", "published": "2024-05"}``."""
_TOML_WHERE = patterns.compile(r"\s*\((?:at line (\d+), column \d+|at end of document)\)\s*\Z")


_CACHE_KEY = b"battclaims-front-matter-1\0"
"""Part of the key of a YAML front matter's entry in the parse cache: a new one when
what :func:`_loader` makes of a text changes."""


@functools.cache
def _loader() -> Any:
    """The safe loader with limits (:mod:`battclaims.safeyaml`: no alias, at most
    64 KB, depth), that keeps dates as text, for ``normalise_date`` to check, and so
    numbers out of bounds (a 5 000-digit integer, ``.nan``): no key we read is one."""
    from .. import safeyaml

    class Loader(safeyaml.PureSafeLoader):
        max_chars = 64 * safeyaml.KB
        numbers = "text"

    Loader.add_constructor("tag:yaml.org,2002:timestamp",
                           Loader.construct_yaml_str)  # type: ignore[type-var]
    return Loader


def read_front_matter(text: str, path: str) -> tuple[dict[str, Any], int]:
    """The front matter's keys and values, and the offset where the body starts
    (``({}, 0)`` when the text has no front matter)."""
    if text.startswith("---"):
        match = _YAML.match(text)
        if match:
            return _yaml(match.group(1) or "", path), match.end()
    elif text.startswith("+++"):
        match = _TOML.match(text)
        if match:
            return _toml(match.group(1) or "", path, _line_of(text, match.end())), match.end()
    elif text.startswith("{"):
        line = _JSON_LINE.match(text)
        if line and _is_object(line.group(1)):  # else a first line that only looks like it
            return _json(line.group(1), path), line.end()
        match = _JSON.match(text)
        if match:
            return _json(match.group(1), path), match.end()
    return {}, 0


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _line_of(text: str, offset: int) -> int:
    """The line of the last character before ``offset``."""
    return text.count("\n", 0, max(offset - 1, 0)) + 1


def _mapping(meta: Any, path: str) -> dict[str, Any]:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of keys to values", 2)
    return meta


def _yaml(body: str, path: str) -> dict[str, Any]:
    """The YAML front matter ``body``, through the parse cache (:func:`caching.as_json`):
    a draft checked again does not import PyYAML for its few lines."""
    return _mapping(caching.as_json(_CACHE_KEY, body.encode("utf-8", "surrogatepass"),
                                    lambda: _parse_yaml(body, path), exact=True), path)


def _parse_yaml(body: str, path: str) -> Any:
    import yaml

    from .. import safeyaml

    try:
        return safeyaml.load(body, _loader())
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise InputError(path, f"front matter: {problem}", line) from None


def _toml(body: str, path: str, closing_line: int) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return _mapping(tomllib.loads(body + "\n"), path)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        where = _TOML_WHERE.search(message)
        line = closing_line
        if where:
            message = message[: where.start()]
            if where.group(1):
                line = int(where.group(1)) + 1  # the "+++" line comes first
        raise InputError(path, f"front matter: {message or 'invalid TOML'}", line) from None
    except (ValueError, RecursionError) as err:  # a 5 000-digit integer, deep nesting
        raise InputError(path, f"front matter: cannot be read ({err})"[:200],
                         closing_line) from None


def _json(block: str, path: str) -> dict[str, Any]:
    try:
        return _mapping(json.loads(block), path)
    except json.JSONDecodeError as err:
        raise InputError(path, f"front matter: {err.msg}", err.lineno) from None
    except ValueError as err:  # a 5 000-digit integer
        raise InputError(path, f"front matter: cannot be read ({err})"[:200], 1) from None
    except RecursionError:
        raise InputError(path, "front matter: too deeply nested", 1) from None


def key_line(text: str, key: str, end: int) -> int:
    """The line where the front matter (``text[:end]``) gives ``key``, else 1."""
    pattern = re.compile(rf"[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=]")
    for number, line in enumerate(text[:end].splitlines(), 1):
        if pattern.match(line):
            return number
    return 1
