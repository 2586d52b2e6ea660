"""Configuration files: which one applies to each checked file, and what it says.

A configuration is a ``.battclaims.yaml`` (or ``.battclaims.yml``), or the
``[tool.battclaims]`` table of a ``pyproject.toml``::

    # .battclaims.yaml
    claims: ../newsroom-claims      # the database, relative to this file
    fail-on: warning                # info, warning, error (default) or none
    tolerance: 0.02                 # relative tolerance when comparing values
    duplicate-similarity: 85        # how alike (0-100) two sentences must read for two
                                    # claims with no subject to be one claim said twice
    lang: fr                        # fr, en, or auto (default: metadata, else detected)
    severity:                       # verdict -> info, warning, error, or off (not shown)
      unverified: warning
    exclude:                        # gitignore-style, relative to this file's folder
      - drafts/old/
      - "*.tmp.md"
    per-file:                       # gitignore-style pattern -> lang, fail-on,
      "opinion/**":                 # severity, tolerance; every matching pattern
        fail-on: none               # applies, in file order: the later wins
      "*.en.md": {lang: en}

Each key may also be spelt with underscores (``fail_on``, ``per_file``...), as
before; a key given both ways is an error.

**Which file.** Like ruff: for each checked file, the nearest folder holding one
(the file's own folder first, then upwards). In one folder ``.battclaims.yaml``
wins over ``.battclaims.yml``, which wins over ``pyproject.toml``; a
``pyproject.toml`` without ``[tool.battclaims]`` does not count (the search goes
on upwards). The nearest file is the whole configuration: files are not merged
across folders (as in ruff), so what a team writes in its folder's file is all
that applies there -- an outer file's ``exclude`` does not reach into a folder
with its own file. ``--config FILE`` (any of the three kinds; a ``*.toml`` is read
as a pyproject's ``[tool.battclaims]``) applies to every file instead and turns
the search off. Standard input (``-``) takes the configuration of the current
directory. Each folder is looked up, and each file read, once per run.

**Order.** Command-line options > ``per-file`` overrides (later patterns win over
earlier ones) > the file's own settings > the defaults.

**Patterns.** ``exclude`` and ``per-file`` patterns are gitignore-style (pathspec's
``GitIgnoreSpec``), matched against the file's path relative to the configuration
file's folder: ``drafts/old/`` is that folder, ``*.tmp.md`` any such file at any
depth, ``!keep.tmp.md`` takes one back. A ``per-file`` pattern starting with ``!``
applies to the files that do *not* match the rest (as in ruff). A file outside
the configuration's folder (with ``--config``) is never excluded and takes no
``per-file`` override.

**The database.** ``claims`` is read from ``--config``, else from the
configuration nearest the current directory: one database for the run (a nested
file's ``claims`` does not change it).

Every error names the file and the line: ``opinion/.battclaims.yaml:7: unknown
setting 'fail_onn', did you mean 'fail_on'? (known: ...)``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import caching, patterns
from .errors import BattclaimsError, InputError
from .lexicon import SUPPORTED
from .records import record
from .settings import DEFAULT_SEVERITY, LEVELS, SEVERITIES, Settings

if TYPE_CHECKING:  # pragma: no cover
    import yaml
    from pathspec import GitIgnoreSpec

CONFIG_NAMES = (".battclaims.yaml", ".battclaims.yml", "pyproject.toml")
"""The files that may hold a configuration, by precedence within one folder."""
FAIL_LEVELS = (*LEVELS, "none")
AUTO = "auto"
KEYS = ("claims", "fail-on", "tolerance", "severity", "duplicate-similarity", "exclude",
        "lang", "per-file")
"""The settings of a configuration (each may also be spelt with underscores)."""
PER_FILE_KEYS = ("lang", "fail-on", "severity", "tolerance")
"""The settings a ``per-file`` pattern may override."""

_Key = tuple[Any, ...]


class ConfigError(InputError):
    """A configuration file that cannot be read, or a bad setting in it (with its line)."""


# -- the settings -------------------------------------------------------------------------

@record
class FileSettings:
    """What applies to one checked file."""

    settings: Settings
    """After the file's settings, its matching ``per-file`` overrides and the
    command-line options."""
    lang: str | None
    """The language set by the command line, a ``per-file`` override or the file
    (in that order); None: the document's metadata, else detection."""
    excluded: bool
    """Matched an ``exclude`` pattern of its configuration (for a folder: the whole
    folder is excluded)."""
    source: Path | None
    """The configuration file that applies; None: the defaults."""


@record
class _Overrides:
    """Settings that a file, a ``per-file`` pattern or the command line sets (None:
    not set)."""

    fail_on: str | None = None
    tolerance: float | None = None
    severity: Mapping[str, str] = field(default_factory=dict)
    lang: str | None = None
    """A language, ``auto`` (detect) or None (not set)."""


@record
class _PerFile:
    pattern: str
    spec: GitIgnoreSpec
    negated: bool
    overrides: _Overrides

    def matches(self, relative: str) -> bool:
        return self.spec.match_file(relative) != self.negated


@record
class _Config:
    """One configuration file, checked."""

    path: Path
    values: dict[str, Any]
    """Each setting as written, under its underscore spelling (for :func:`nearest`)."""
    overrides: _Overrides
    duplicate_similarity: float | None
    claims: str | None
    exclude: GitIgnoreSpec | None
    per_file: tuple[_PerFile, ...]


def _apply(layers: Iterable[_Overrides], similarity: float | None
           ) -> tuple[Settings, str | None]:
    fail_on, tolerance, lang = "error", 0.0, None
    severity = dict(DEFAULT_SEVERITY)
    for layer in layers:
        fail_on = layer.fail_on or fail_on
        tolerance = tolerance if layer.tolerance is None else layer.tolerance
        lang = layer.lang or lang
        severity.update(layer.severity)
    settings = Settings(tolerance=tolerance, severity=severity, fail_on=fail_on,
                        duplicate_similarity=85.0 if similarity is None else similarity)
    return settings, None if lang == AUTO else lang


# -- checking what a file says --------------------------------------------------------------

class _Checker:
    """Checks the settings read from one file; errors give the line of the key."""

    def __init__(self, where: str, lines: Mapping[_Key, int]) -> None:
        self.where = where
        self.lines = lines

    def error(self, key: _Key, message: str) -> ConfigError:
        while key not in self.lines and key:
            key = key[:-1]
        return ConfigError(self.where, message, self.lines.get(key))

    def mapping(self, data: Any, at: _Key, allowed: tuple[str, ...], what: str
                ) -> dict[str, tuple[str, Any]]:
        """The keys of a mapping of settings, by their hyphenated spelling, with the
        spelling used and the value (None values are left out: not set)."""
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise self.error(at, f"{what} must be a mapping of settings, not {_kind(data)}")
        found: dict[str, tuple[str, Any]] = {}
        seen: dict[str, str] = {}
        for key, value in data.items():
            name = key.replace("_", "-") if isinstance(key, str) else None
            if name not in allowed:
                raise self.error((*at, key), self.unknown(key, name, allowed, what))
            assert name is not None
            if name in seen:
                raise self.error((*at, key), f"{key!r} is set twice (also as {seen[name]!r})")
            seen[name] = key
            if value is not None:
                found[name] = (key, value)
        return found

    @staticmethod
    def unknown(key: Any, name: str | None, allowed: tuple[str, ...], what: str) -> str:
        if what != "settings" and name in KEYS:
            return f"{key!r} cannot be set in {what} (only {', '.join(allowed)})"
        message = f"unknown setting {key!r}"
        import difflib  # only for a message

        close = difflib.get_close_matches(name or str(key), allowed, n=1, cutoff=0.6)
        if close:
            suggestion = close[0].replace("-", "_") if "_" in str(key) else close[0]
            message += f", did you mean {suggestion!r}?"
        return f"{message} (known: {', '.join(allowed)})"

    def overrides(self, found: Mapping[str, tuple[str, Any]], at: _Key) -> _Overrides:
        fail_on = tolerance = lang = None
        severity: dict[str, str] = {}
        if "fail-on" in found:
            key, fail_on = found["fail-on"]
            self.choice((*at, key), key, fail_on, FAIL_LEVELS)
        if "tolerance" in found:
            key, value = found["tolerance"]
            tolerance = self.number((*at, key), key, value, 0, 1, "from 0 to 1, e.g. 0.02",
                                    below=True)
        if "lang" in found:
            key, lang = found["lang"]
            self.choice((*at, key), key, lang, (*SUPPORTED, AUTO))
        if "severity" in found:
            key, value = found["severity"]
            if not isinstance(value, dict):
                raise self.error((*at, key), f"{key} must map verdicts to "
                                 f"{', '.join(SEVERITIES)}, not {_kind(value)}")
            for verdict, level in value.items():
                name = verdict.replace("_", "-") if isinstance(verdict, str) else None
                where = (*at, key, verdict)
                if name not in DEFAULT_SEVERITY:
                    raise self.error(where, f"{key}: unknown verdict {verdict!r} "
                                     f"(known: {', '.join(DEFAULT_SEVERITY)})")
                self.choice(where, f"{key}: {verdict}", level, SEVERITIES)
                assert name is not None
                severity[name] = level
        return _Overrides(fail_on, tolerance, severity, lang)

    def choice(self, at: _Key, what: str, value: Any, choices: tuple[str, ...]) -> None:
        if not isinstance(value, str) or value not in choices:
            raise self.error(at, f"{what} {value!r} must be one of {', '.join(choices)}")

    def number(self, at: _Key, what: str, value: Any, low: float, high: float,
               text: str, below: bool = False) -> float:
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not low <= value <= high or (below and value == high)):
            raise self.error(at, f"{what} {value!r} must be a number {text}")
        return float(value)

    def patterns(self, at: _Key, what: str, patterns: list[str],
                 each: bool = True) -> GitIgnoreSpec:
        """``patterns`` as one gitignore-style spec; a bad one is an error at its own line
        (``each``: the patterns are items of the list at ``at``)."""
        from pathspec import GitIgnoreSpec  # only when a configuration has patterns

        for index, pattern in enumerate(patterns):
            try:
                GitIgnoreSpec.from_lines([pattern])
            except (ValueError, TypeError, re.error) as err:
                where = (*at, index) if each else at
                raise self.error(where, f"{what}: bad pattern {pattern!r}: {err}") from None
        return GitIgnoreSpec.from_lines(patterns)

    def config(self, path: Path, data: Any) -> _Config:
        found = self.mapping(data, (), KEYS, "settings")
        claims = similarity = exclude = None
        if "claims" in found:
            key, claims = found["claims"]
            if not isinstance(claims, str) or not claims:
                raise self.error((key,), f"{key} {claims!r} must be the path of a folder")
        if "duplicate-similarity" in found:
            key, value = found["duplicate-similarity"]
            similarity = self.number((key,), key, value, 0, 100, "from 0 to 100")
        if "exclude" in found:
            key, value = found["exclude"]
            if not isinstance(value, list):
                raise self.error((key,), f"{key} must be a list of gitignore-style patterns, "
                                 f"not {_kind(value)}")
            for index, pattern in enumerate(value):
                if not isinstance(pattern, str):
                    raise self.error((key, index), f"{key}: {pattern!r} is not a pattern (text)")
            exclude = self.patterns((key,), key, value)
        per_file: list[_PerFile] = []
        if "per-file" in found:
            key, value = found["per-file"]
            if not isinstance(value, dict):
                raise self.error((key,), f"{key} must map gitignore-style patterns to "
                                 f"settings, not {_kind(value)}")
            for pattern, settings in value.items():
                at = (key, pattern)
                if not isinstance(pattern, str) or not pattern.lstrip("!").strip():
                    raise self.error(at, f"{key}: {pattern!r} is not a pattern")
                negated = pattern.startswith("!")
                spec = self.patterns(at, key, [pattern[1:] if negated else pattern], each=False)
                overrides = self.overrides(
                    self.mapping(settings, at, PER_FILE_KEYS, f"{key} {pattern!r}"), at)
                per_file.append(_PerFile(pattern, spec, negated, overrides))
        values = {name.replace("-", "_"): value for name, (_, value) in found.items()}
        return _Config(path, values, self.overrides(found, ()), similarity, claims, exclude,
                       tuple(per_file))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


# -- reading files --------------------------------------------------------------------------

@functools.cache
def _loader() -> Any:
    """The loader of configuration files: YAML 1.2's booleans (only true and false:
    ``off`` and ``no`` stay text, so that ``unverified: off`` and ``lang: no`` mean what
    they say) and exponents without a dot (``2e-2``); the limits of
    :mod:`battclaims.safeyaml` (no alias, at most 256 KB, depth, numbers). Made when a
    YAML configuration is first read: a run without one does not import PyYAML."""
    import yaml

    from . import safeyaml

    class Loader(safeyaml.PureSafeLoader):
        max_chars = 256 * safeyaml.KB

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
    Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                                 re.compile(r"^[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+$"),
                                 list("-+0123456789"))
    return Loader


def _read_text(path: Path) -> str:
    """A configuration file's text (the one place files are read: tests count calls)."""
    return path.read_text("utf-8")


def _text(path: Path, where: str) -> str:
    try:
        return _read_text(path)
    except UnicodeDecodeError:
        raise ConfigError(where, "not UTF-8 text") from None
    except OSError as err:
        raise ConfigError(where, f"cannot read: {err.strerror or err}") from None


def _yaml(text: str, where: str) -> tuple[Any, dict[_Key, int]]:
    """A YAML document, and the line of each key (by its path of keys)."""
    import yaml

    from . import safeyaml

    loader_class = _loader()
    try:
        safeyaml.check_size(len(text), loader_class.max_chars)
    except yaml.MarkedYAMLError as err:
        raise ConfigError(where, f"invalid YAML: {err.problem}", 1) from None
    loader = loader_class(text)
    lines: dict[_Key, int] = {}

    def walk(node: yaml.Node, at: _Key) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                here = (*at, key)
                try:
                    if here in lines:
                        raise ConfigError(where, f"{key!r} is set twice (also on line "
                                          f"{lines[here]})", key_node.start_mark.line + 1)
                except TypeError:  # an unhashable key: reported when checking
                    continue
                lines[here] = key_node.start_mark.line + 1
                walk(value_node, here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                position = (*at, index)
                lines[position] = item.start_mark.line + 1
                walk(item, position)

    try:
        node = safeyaml.compose(loader)
        if node is None:
            return None, lines
        lines[()] = node.start_mark.line + 1
        data = loader.construct_document(node)
        walk(node, ())
        return data, lines
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise ConfigError(where, f"invalid YAML: {err.problem or err.context or err}",
                          None if mark is None else mark.line + 1) from None
    except yaml.YAMLError as err:
        raise ConfigError(where, f"invalid YAML: {err}") from None
    finally:
        loader.dispose()


TABLE = ("tool", "battclaims")
_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_TOML_DOTTED = rf"{_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*"
_TOML_HEADER = patterns.compile(rf"\s*\[\[?\s*({_TOML_DOTTED})\s*\]")
_TOML_ASSIGN = patterns.compile(rf"\s*({_TOML_DOTTED})\s*=")
_TOML_INLINE = patterns.compile(rf"[{{,]\s*({_TOML_DOTTED})\s*=")


def _toml_key(dotted: str) -> _Key:
    parts = []
    for match in re.finditer(_TOML_KEY, dotted):
        part = match.group()
        if part.startswith('"'):
            try:
                part = json.loads(part)
            except ValueError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _toml_lines(text: str, table: _Key) -> dict[_Key, int]:
    """The line of each key under ``table`` (tomllib gives no positions): a scan of
    the headers, the ``key = value`` lines and the keys of inline tables."""
    lines: dict[_Key, int] = {}

    def record(key: _Key, number: int) -> None:
        if key[:len(table)] == table:
            for end in range(len(table), len(key) + 1):
                lines.setdefault(key[len(table):end], number)

    current: _Key = ()
    quotes = None
    for number, line in enumerate(text.splitlines(), 1):
        if quotes is not None:  # inside a multi-line string
            if line.count(quotes) % 2:
                quotes = None
            continue
        header = _TOML_HEADER.match(line)
        if header:
            current = _toml_key(header.group(1))
            record(current, number)
            continue
        assign = _TOML_ASSIGN.match(line)
        if not assign:
            continue
        key = current + _toml_key(assign.group(1))
        record(key, number)
        rest = line[assign.end():]
        for inline in _TOML_INLINE.finditer(rest):
            record(key + _toml_key(inline.group(1)), number)
        for delimiter in ('"""', "'''"):
            if rest.count(delimiter) % 2:
                quotes = delimiter
    return lines


def _toml(text: str, where: str) -> tuple[bool, Any, dict[_Key, int]]:
    """Whether a TOML document has a ``[tool.battclaims]`` table, the table and the
    line of each key in it: read through the parse cache (:func:`caching.as_json`), so
    that a warm run imports no TOML parser."""
    if "battclaims" not in text:  # most pyproject files: no need to parse them
        return False, None, {}
    found = caching.as_json(_TOML_CACHE_KEY, text.encode("utf-8", "surrogatepass"),
                            lambda: _parse_toml(text, where), exact=True)
    if found is None:
        return False, None, {}
    table, lines = found
    return True, table, {tuple(key): line for key, line in lines}


_TOML_CACHE_KEY = b"battclaims-toml-1\0"


def _parse_toml(text: str, where: str) -> list[Any] | None:
    """The ``[tool.battclaims]`` table of a TOML document and the line of each key in it
    (``[table, [[key, line]…]]``: lists, which JSON keeps as they are), or None when it
    has none."""
    try:
        if sys.version_info >= (3, 11):  # imported only when a TOML file is read
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        line = None
        at = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
        if at:
            line, message = int(at.group(1)), message[:at.start()]
        elif message.endswith("(at end of document)"):
            line = text.count("\n") + 1
            message = message[:-len("(at end of document)")].rstrip()
        raise ConfigError(where, f"invalid TOML: {message}", line) from None
    tool = document.get("tool")
    if not isinstance(tool, dict) or "battclaims" not in tool:
        return None
    lines = _toml_lines(text, TABLE)
    table = tool["battclaims"]
    if not isinstance(table, dict):
        raise ConfigError(where, f"[tool.battclaims] must be a table, not {_kind(table)}",
                          lines.get(()))
    return [table, [[list(key), line] for key, line in lines.items()]]


# -- finding the file that applies -----------------------------------------------------------

class Configuration:
    """The configuration of a run: which file applies to each checked file, and the
    settings it gives after the command-line options.

    Precedence: command-line options (``fail_on``, ``tolerance``, ``lang``) >
    ``per-file`` overrides (later patterns win) > the file's settings > defaults.
    ``explicit`` (``--config FILE``) applies to every file and turns discovery off.
    Each folder is looked up once and each file read once; errors raise
    :class:`ConfigError` (``path:line: message``) or :class:`BattclaimsError`.
    """

    def __init__(self, explicit: str | Path | None = None, *, fail_on: str | None = None,
                 tolerance: float | None = None, lang: str | None = None,
                 cwd: Path | None = None) -> None:
        self.cwd = Path(os.path.abspath(cwd or Path.cwd()))
        if fail_on is not None and fail_on not in FAIL_LEVELS:
            raise BattclaimsError(f"--fail-on {fail_on!r} must be one of {', '.join(FAIL_LEVELS)}")
        if tolerance is not None and (isinstance(tolerance, bool) or not 0 <= tolerance < 1):
            raise BattclaimsError(f"--tolerance {tolerance!r} must be a number from 0 to 1")
        if lang is not None and lang not in SUPPORTED:
            raise BattclaimsError(f"--lang {lang!r} must be one of {', '.join(SUPPORTED)}")
        self._options = _Overrides(fail_on, None if tolerance is None else float(tolerance),
                                  {}, lang)
        self._folders: dict[Path, _Config | None] = {}
        self._results: dict[tuple[int, tuple[bool, ...]], tuple[Settings, str | None]] = {}
        self._explicit: _Config | None = None
        if explicit is not None:
            path = self._absolute(explicit)
            if not path.is_file():
                raise ConfigError(self._show(path), "no such configuration file")
            config = self._read(path)
            if config is None:
                raise ConfigError(self._show(path), "no [tool.battclaims] table")
            self._explicit = config

    def for_path(self, path: str | Path) -> FileSettings:
        """What applies to a checked file (or folder: its own configuration, and
        whether the whole folder is excluded). ``-`` (standard input) takes the
        configuration of the current directory, with no pattern matched."""
        if str(path) == "-":
            absolute, folder, is_dir = None, self.cwd, False
        else:
            absolute = self._absolute(path)
            is_dir = absolute.is_dir()
            folder = absolute if is_dir else absolute.parent
        config = self._explicit or self._discover(folder)
        if config is None:
            settings, lang = self._settings(None, ())
            return FileSettings(settings, lang, False, None)
        relative = None
        if absolute is not None:
            try:
                relative = absolute.relative_to(config.path.parent).as_posix()
            except ValueError:  # outside the configuration's folder (--config)
                relative = None
        if relative in (None, "."):
            matched: tuple[bool, ...] = (False,) * len(config.per_file)
            excluded = False
        else:
            assert relative is not None
            relative += "/" if is_dir else ""
            matched = tuple(rule.matches(relative) for rule in config.per_file)
            excluded = config.exclude is not None and config.exclude.match_file(relative)
        settings, lang = self._settings(config, matched)
        return FileSettings(settings, lang, excluded, config.path)

    def claims_dir(self) -> tuple[Path, Path] | None:
        """The ``claims`` folder of the run, resolved against its configuration file,
        and that file: ``--config``'s, else the one nearest the current directory.
        None when it sets none."""
        config = self._explicit or self._discover(self.cwd)
        if config is None or config.claims is None:
            return None
        return Path(os.path.abspath(config.path.parent / config.claims)), config.path

    def _settings(self, config: _Config | None, matched: tuple[bool, ...]
                  ) -> tuple[Settings, str | None]:
        key = (id(config), matched)
        if key not in self._results:
            layers = [] if config is None else [
                config.overrides, *(rule.overrides for rule, on in
                                    zip(config.per_file, matched, strict=True) if on)]
            self._results[key] = _apply([*layers, self._options],
                                        None if config is None else config.duplicate_similarity)
        return self._results[key]

    def _absolute(self, path: str | Path) -> Path:
        return Path(os.path.abspath(self.cwd / Path(path).expanduser()))

    def _show(self, path: Path) -> str:
        """A path as errors show it: relative to the current directory when inside it."""
        try:
            return str(path.relative_to(self.cwd))
        except ValueError:
            return str(path)

    def _discover(self, folder: Path) -> _Config | None:
        visited = []
        found = None
        for here in (folder, *folder.parents):
            if here in self._folders:
                found = self._folders[here]
                break
            visited.append(here)
            found = self._in_folder(here)
            if found is not None:
                break
        for here in visited:
            self._folders[here] = found
        return found

    def _in_folder(self, folder: Path) -> _Config | None:
        for name in CONFIG_NAMES:
            path = folder / name
            if path.is_file():
                config = self._read(path)
                if config is not None:
                    return config
        return None

    def _read(self, path: Path) -> _Config | None:
        """A configuration file, checked; None for a TOML file without
        ``[tool.battclaims]``."""
        where = self._show(path)
        text = _text(path, where)
        if path.suffix == ".toml":
            if "battclaims" not in text:  # no need to parse (nor to fail on) the rest
                return None
            present, data, lines = _toml(text, where)
            if not present:
                return None
        else:
            data, lines = _yaml(text, where)
        return _Checker(where, lines).config(path, data)
