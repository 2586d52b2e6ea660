"""The reference claims database: YAML files in a ``claims/`` folder.

Every ``*.yaml`` file of the folder (recursively) may hold any of four
top-level lists: ``entities``, ``metrics``, ``sources`` and ``claims``. The
format is documented in ``claims/README.md`` and by the JSON Schema
``battclaims/data/claims.schema.json``. Entities and metrics are merged over
the package's defaults (same id: the database's wins).

Loading is safe (no YAML object tags) and fast: each file's parsed content is
cached as JSON keyed by the file's bytes, and a database without problems is kept
whole, validated, keyed on its files and the package (:class:`_Loaded`), so that an
unchanged database is neither parsed nor validated again. Every problem is reported
at once, each with its file and line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import caching, patterns, units
from .entities import PLACE_RELATION, Entities, Entity, default_entities, entity_from
from .errors import BattclaimsError
from .lexicon import SUPPORTED, detect_language, lexicon
from .metrics import Metric, Metrics, default_metrics, metric_from
from .model import TimeSpan
from .package_data import DATA
from .records import record

if TYPE_CHECKING:  # pragma: no cover
    import yaml

LINE = "__line__"
"""Key under which the loader records each mapping's line (1-based)."""

STATUSES = ("current", "superseded", "disputed", "retracted")
QUALIFIERS = ("approx", "lower", "upper", "range", "rank")
RELATIONS = ("by", "from", "in", "since", "until")
_DATE = patterns.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
_DURATION = patterns.compile(r"-?P\d+(?:\.\d+)?[YMWD]\Z")
_ID = patterns.compile(r"[a-z0-9][a-z0-9._-]*\Z")

CLAIM_FIELDS = {
    "id": True, "subject": True, "metric": True, "statement": True, "sources": True,
    "reviewed": True, "kind": False, "value": False, "unit": False, "low": False,
    "high": False, "qualifier": False, "vague": False, "time": False, "facility": False,
    "scope": False, "status": False, "superseded_by": False, "note": False,
}
SOURCE_FIELDS = {
    "id": True, "title": False, "outlet": False, "url": False, "lang": True, "published": False,
    "file": False, "note": False,
}
ENTITY_FIELDS = {"id": True, "name": True, "kind": True, "aliases": False, "relations": False,
                 "note": False}
METRIC_FIELDS = {"id": True, "description": True, "units": False, "keywords": False,
                 "default": False, "event": False, "plant": False, "note": False}
_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str, "number": (int, float), "integer": int, "boolean": bool, "array": list,
    "object": dict}
_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "array": "a list", "object": "a mapping"}


def schema_types(kind: str) -> dict[str, str]:
    """The JSON type of each field of a ``claim``, ``source``, ``entity`` or ``metric``, as
    the shipped JSON Schema (``data/claims.schema.json``) gives it, so that the loader and
    the schema editors use agree on types (an enum of strings is text, a ``$ref`` to a
    definition of type object a mapping)."""
    return _schema_types().get(kind, {})


@functools.cache
def _schema_types() -> dict[str, dict[str, str]]:
    """:func:`schema_types` of every definition, derived once into the user cache."""
    return caching.derived(  # type: ignore[no-any-return]
        "claims.schema", DATA / "claims.schema.json", _types_in_schema)


def _types_in_schema(text: bytes) -> dict[str, dict[str, str]]:
    import json  # (only when the cache misses)

    definitions = json.loads(text).get("$defs", {})
    found: dict[str, dict[str, str]] = {}
    for kind, definition in definitions.items():
        types: dict[str, str] = {}
        found[kind] = types
        for name, spec in definition.get("properties", {}).items():
            if "$ref" in spec:
                spec = definitions.get(spec["$ref"].rsplit("/", 1)[-1], {})
            if isinstance(spec.get("type"), str):
                types[name] = spec["type"]
            elif "enum" in spec and all(isinstance(v, str) for v in spec["enum"]):
                types[name] = "string"
    return found


def _kind(value: Any) -> str:
    return {str: "text", bool: "true or false", int: "a number", float: "a number",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


YAML_SUFFIXES = (".yaml", ".yml")
"""The files of a claims database."""
SECTIONS = {"claims": CLAIM_FIELDS, "sources": SOURCE_FIELDS, "entities": ENTITY_FIELDS,
            "metrics": METRIC_FIELDS}


# --- the model ------------------------------------------------------------------------------


@record
class Source:
    """Where a reference claim comes from."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    lang: str | None
    published: str | None
    """Publication date at the precision known, or None."""
    file: str | None = None
    """For the corpus articles, their file name."""


@record
class Citation:
    """A source of a claim and where in it."""

    source: str
    where: str | None = None


@record
class Reference:
    """A claim of the reference database."""

    id: str
    subject: str
    metric: str
    statement: str
    sources: tuple[Citation, ...]
    reviewed: str
    kind: str = "quantity"
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    vague: bool = False
    time: TimeSpan | None = None
    status: str = "current"
    superseded_by: str | None = None
    note: str | None = None
    path: str = ""
    """The file it was read from."""
    line: int = 0
    """Its line in that file."""
    facility: str | None = None
    """The plant's place, for one plant's figure."""
    scope: str | None = None
    """``plant`` or ``company`` (a company-wide total), when the claim says."""
    subject_name: str | None = None
    """The subject entity's display name."""
    subject_kind: str | None = None
    """The subject entity's kind (company, country...)."""
    terms: tuple[str, ...] = ()
    """The concepts of the statement (capacity, jobs...), for the matcher's wording."""

    def to_dict(self) -> dict[str, Any]:
        """As ``battclaims claims list --format json`` gives it."""
        return {
            "id": self.id, "subject": self.subject, "metric": self.metric, "kind": self.kind,
            "value": self.value, "unit": self.unit, "low": self.low, "high": self.high,
            "qualifier": self.qualifier, "vague": self.vague,
            "time": self.time.to_dict() if self.time else None,
            "facility": self.facility, "scope": self.scope,
            "statement": self.statement,
            "sources": [{"source": c.source, "where": c.where} for c in self.sources],
            "status": self.status, "superseded_by": self.superseded_by,
            "reviewed": self.reviewed, "note": self.note, "path": self.path, "line": self.line,
        }


@record
class Problem:
    """Something wrong in the database, at a file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path  # 0: the whole file
        return f"{where}: {self.message}"


@record(frozen=False)
class Database:
    """The reference claims, with the entities, metrics and sources they use."""

    root: Path | None
    entities: dict[str, Entity] = field(default_factory=dict)
    metrics: dict[str, list[Metric]] = field(default_factory=dict)
    event_metrics: dict[str, Metric] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    _indexes: dict[str, Entities] = field(default_factory=dict, repr=False)
    _metrics: Metrics | None = field(default=None, repr=False, compare=False)

    def entity_index(self, lang: str) -> Entities:
        """The entities, indexed for finding mentions in ``lang`` (built once)."""
        if lang not in self._indexes:
            self._indexes[lang] = Entities(self.entities.values(), lang)
        return self._indexes[lang]

    def metric_vocabulary(self) -> Metrics:
        """The metrics, for classifying claims (built on the first call and kept, as the
        entity index is: it keeps which metrics fit each unit, for every document read;
        metrics changed after that call are not seen)."""
        if self._metrics is None:
            quantities = tuple(m for group in self.metrics.values() for m in group)
            self._metrics = Metrics(quantities=quantities,
                                    events=tuple(self.event_metrics.values()))
        return self._metrics

    def by_id(self) -> dict[str, Reference]:
        return {c.id: c for c in self.claims}

    @staticmethod
    def supersession(claim: Reference, by_id: Mapping[str, Reference]
                     ) -> tuple[list[Reference], str | None]:
        """The claim and the claims that supersede it, in order; and the id the chain
        comes back to, when it is a cycle (else None)."""
        chain = [claim]
        seen = {claim.id}
        while chain[-1].superseded_by and chain[-1].superseded_by in by_id:
            successor = chain[-1].superseded_by
            if successor in seen:
                return chain, successor
            seen.add(successor)
            chain.append(by_id[successor])
        return chain, None


# --- reading YAML -----------------------------------------------------------------------------

MAX_FILE_SIZE = 16 * 1024 * 1024
"""The largest claims file read: some 50 000 claims (a 20 000-claim database is 6 MB)."""
CACHE_FACTOR = 20
"""A parse cache entry is at most this many times its file's size (JSON of a claims
file is some 1.5 times its YAML), else it is not written (nor read)."""
_CACHE_KEY = b"battclaims-yaml-2\0"
"""Part of each cache entry's key: a new one when what the loader accepts changes
(entries of the loader that took aliases are never read)."""


@functools.cache
def _loader() -> Any:
    """The safe loader with limits (:mod:`battclaims.safeyaml`: no alias, depth,
    numbers), that records each mapping's line and keeps dates as text. Made when a file
    is first parsed: PyYAML is not imported when every file comes from the cache."""
    import yaml

    from . import safeyaml

    class Loader(safeyaml.SafeLoader):
        max_chars = MAX_FILE_SIZE

    def mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        loader.flatten_mapping(node)
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key]})",
                    key_node.start_mark)
            if isinstance(key, str):
                seen[key] = key_node.start_mark.line + 1
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return Loader


def _yaml_error() -> type[yaml.YAMLError]:
    """PyYAML's error, for an ``except`` clause: the expression is only evaluated when an
    exception comes, so that reading a database from the cache does not import PyYAML."""
    import yaml

    return yaml.YAMLError


def _check_size(size: int, name: str) -> None:
    if size > MAX_FILE_SIZE:
        from . import safeyaml

        safeyaml.check_size(size, MAX_FILE_SIZE, name)


def parse_file(path: Path, data: bytes | None = None) -> Any:
    """The content of one YAML file, from the cache when its bytes are unchanged.

    Raises :class:`yaml.YAMLError` (or :class:`UnicodeDecodeError`) when it is
    not valid YAML, or beyond the limits of :mod:`battclaims.safeyaml` (an alias,
    over :data:`MAX_FILE_SIZE`, too deep, a number out of bounds). A cache entry
    is never more than :data:`CACHE_FACTOR` times the file's size.
    """
    if data is None:
        _check_size(path.stat().st_size, str(path))  # before reading
        data = path.read_bytes()
    _check_size(len(data), str(path))
    return caching.as_json(_CACHE_KEY, data, lambda: _parse(data),
                           limit=CACHE_FACTOR * len(data))


def _parse(data: bytes) -> Any:
    from . import safeyaml

    return safeyaml.load(data.decode("utf-8-sig"), _loader())


def yaml_files(root: Path, *, follow_symlinks: bool = False,
               skipped: Callable[[str, str], None] | None = None) -> list[Path]:
    """The database's YAML files (``.yaml``, ``.yml``), sorted, hidden entries skipped.

    The folder's tree only, as :func:`battclaims.documents.walk` walks it: a symbolic
    link pointing outside the folder is not read unless ``follow_symlinks``, and
    ``skipped`` is told of it (path, why), as of a link that loops and a broken one.
    """
    from .documents import walk

    return list(walk(root, lambda name: name.endswith(YAML_SUFFIXES),
                     follow_symlinks=follow_symlinks, skipped=skipped))


# --- loading and validation -----------------------------------------------------------------------


def load(root: str | Path | None, *, strict: bool = False,
         overrides: Mapping[Path, bytes] | None = None,
         follow_symlinks: bool = False) -> Database:
    """Load the database in ``root`` (None: the package's defaults only).

    Every problem found is kept in :attr:`Database.problems`; with ``strict``,
    a :class:`BattclaimsError` listing them is raised instead. ``overrides``
    gives files as they would be (new ones too), to check a change before
    writing it.

    A folder with no YAML file is a problem naming it; so is each symbolic link in it
    that is not read (see :func:`yaml_files`): one pointing outside the folder (unless
    ``follow_symlinks``), a loop, a broken link.
    """
    database = Database(Path(root) if root is not None else None)
    if database.root is None:
        _add_defaults(database)
    else:
        _Reader(database, overrides or {}).read(follow_symlinks)
    if strict and database.problems:
        raise BattclaimsError("\n".join(str(p) for p in database.problems))
    return database


def _add_defaults(database: Database) -> None:
    """The package's entities and metrics, which a database's files add to or replace."""
    for entity in default_entities():
        database.entities[entity.id] = entity
    defaults = default_metrics()
    for metric in defaults.quantities:
        database.metrics.setdefault(metric.id, []).append(metric)
    for metric in defaults.events:
        database.event_metrics[metric.id] = metric


_LOADED_FORMAT = b"battclaims-database-1\0"
"""Part of the key of the loaded database's cache entry (:class:`_Loaded`): a new one when
what is pickled changes in a way the package's files do not show."""


class _Loaded:
    """The cache of a loaded database (``database-*.pickle``): its entities, metrics,
    sources and claims, validated, keyed on everything they are made of — each file's name
    and bytes, in the order read, and the package (:func:`caching.package_key`: its code,
    the defaults, the vocabularies that give the claims' terms, the unit table) — so that an
    unchanged database is neither parsed nor validated again (units included). Only a
    database without problems is kept, in one entry per installation and set of files
    (:func:`caching.installed_entry`): the :attr:`KEPT` used last (a run loads one, but a
    user's projects, or the shipped database and a newsroom's, are used in turn). Not used
    for ``overrides``
    (a change being checked), nor once the process learned counted nouns
    (:func:`units.learned`: a claim's unit may then read otherwise), nor when a file cannot
    be read or is too large (the reader reports it). The entry is a pickle: only the
    user's own file is read (:func:`caching.trusted`)."""

    KEPT = 4
    """Databases kept, those used last."""

    def __init__(self, files: list[Path] | None) -> None:
        """``files``: the database's, in the order read (None: no cache)."""
        self.path = caching.installed_entry(
            "database", "pickle", b"\0".join(map(os.fsencode, files))
        ) if files is not None else None
        self.contents: list[bytes] | None = None
        """The files' bytes, read once for the key and the reader (None: no cache)."""
        self.key = b""
        if files is None or self.path is None or units.learned():
            return
        contents = []
        for path in files:
            try:
                with path.open("rb") as stream:  # (never more than the reader reads)
                    data = stream.read(MAX_FILE_SIZE + 1)
            except OSError:
                return
            if len(data) > MAX_FILE_SIZE:
                return
            contents.append(data)
        parts = [_LOADED_FORMAT, caching.package_key().encode()]
        for path, data in zip(files, contents, strict=True):
            parts += [os.fsencode(path), b"\0", caching.digest(data).encode()]
        self.key = caching.digest(*parts).encode() + b"\n"
        self.contents = contents

    def restore(self, database: Database) -> bool:
        """Fill ``database`` from the entry, when it holds this one."""
        if self.path is None or self.contents is None:
            return False
        try:
            if not caching.trusted(self.path):
                return False
            with self.path.open("rb") as stream:
                if stream.read(len(self.key)) != self.key:
                    return False  # (another database's: not read further)
                data = stream.read()
            import pickle

            loaded = pickle.loads(data)
            (database.entities, database.metrics, database.event_metrics, database.sources,
             database.claims) = loaded
        except Exception:  # missing, corrupt, from another version: loaded again
            return False
        caching.used(self.path)
        return True

    def keep(self, database: Database) -> None:
        if self.path is None or self.contents is None or database.problems:
            return
        import pickle

        loaded = (database.entities, database.metrics, database.event_metrics,
                  database.sources, database.claims)
        with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
            caching.write(self.path, self.key + pickle.dumps(loaded, pickle.HIGHEST_PROTOCOL))
            caching.keep_recent(self.path, self.KEPT)


class _Reader:
    def __init__(self, database: Database, overrides: Mapping[Path, bytes]) -> None:
        self.db = database
        self.overrides = {Path(p).resolve(): data for p, data in overrides.items()}
        self.seen: dict[tuple[str, str], tuple[str, int]] = {}
        self.raw_claims: list[tuple[str, dict[str, Any]]] = []

    def problem(self, path: str, line: int, message: str) -> None:
        self.db.problems.append(Problem(path, line, message))

    def read(self, follow_symlinks: bool = False) -> None:
        root = self.db.root
        assert root is not None
        if not root.is_dir():
            _add_defaults(self.db)
            self.problem(str(root), 0, "not a directory")
            return
        sections: dict[str, list[tuple[str, dict[str, Any]]]] = {s: [] for s in SECTIONS}
        found = yaml_files(root, follow_symlinks=follow_symlinks,
                           skipped=lambda path, why: self.problem(path, 0, why))
        paths = _resolved(found)
        paths.update({p: p for p in self.overrides if p not in paths})
        files = sorted(paths.items())
        cached = _Loaded(None if self.overrides else [path for _, path in files])
        if cached.restore(self.db):
            return
        _add_defaults(self.db)
        if not paths:
            self.problem(str(root), 0, f"a folder with no {' or '.join(YAML_SUFFIXES)} file "
                                       "in it")
        contents: Sequence[bytes | None] = cached.contents if cached.contents is not None \
            else [self.overrides.get(resolved) for resolved, _ in files]
        for (_, path), data in zip(files, contents, strict=True):
            name = str(path)
            try:
                content = parse_file(path, data)
            except UnicodeDecodeError:
                self.problem(name, 1, "not valid UTF-8")
                continue
            except OSError as err:  # unreadable: permissions, a file gone meanwhile
                self.problem(name, 0, f"cannot be read: {err.strerror or err}")
                continue
            except _yaml_error() as err:
                mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
                problem = getattr(err, "problem", None) or str(err).splitlines()[0]
                self.problem(name, mark.line + 1 if mark else 1, f"invalid YAML: {problem}")
                continue
            if content is None:
                continue
            if not isinstance(content, dict):
                self.problem(name, 1, "a claims file is a mapping with entities, metrics, "
                                      "sources or claims lists")
                continue
            for key, items in content.items():
                if key == LINE:
                    continue
                if key not in SECTIONS:
                    self.problem(name, content[LINE], f"unknown section {key!r} "
                                 f"(expected one of: {', '.join(SECTIONS)})")
                    continue
                if not isinstance(items, list):
                    self.problem(name, content[LINE], f"{key!r} must be a list")
                    continue
                for item in items:
                    if not isinstance(item, dict):
                        self.problem(name, content[LINE], f"each of {key!r} must be a mapping")
                        continue
                    if self.fields(name, key, item):
                        sections[key].append((name, item))
        for name, item in sections["entities"]:
            self.entity(name, item)
        for name, item in sections["metrics"]:
            self.metric(name, item)
        for name, item in sections["sources"]:
            self.source(name, item)
        for name, item in sections["claims"]:
            self.claim(name, item)
        self.check_entities()
        self.check_supersession()
        cached.keep(self.db)

    def fields(self, path: str, section: str, item: dict[str, Any]) -> bool:
        """Missing, unknown and duplicate-id checks; False when the item is unusable."""
        line = item[LINE]
        spec = SECTIONS[section]
        ok = True
        for name, required in spec.items():
            if required and item.get(name) in (None, ""):
                self.problem(path, line, f"{section[:-1]} is missing {name!r}")
                ok = False
        ident = item.get("id")
        label = f"{section[:-1]} {ident!r}" if isinstance(ident, str) else section[:-1]
        for name in item:
            if name != LINE and name not in spec:
                self.problem(path, line, f"unknown field {name!r} in {label}")
        for name, expected in schema_types(section[:-1]).items():
            value = item.get(name)
            if (value is not None and not isinstance(value, _PYTHON_TYPES[expected])) or (
                    isinstance(value, bool) and expected in ("number", "integer")):
                shown = repr(_plain(value) if isinstance(value, Mapping) else value)
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                self.problem(path, line, f"{label}: {name} {shown} must be "
                                         f"{_TYPE_WORDS[expected]}, not {_kind(value)}")
                ok = False
        ident = item.get("id")
        if ident is not None:
            if not isinstance(ident, str) or not _ID.match(ident):
                self.problem(path, line, f"id {ident!r} must be lower case letters, digits, "
                                         "'-', '_' or '.'")
                return False
            key = (section, ident)
            if key in self.seen:
                first_path, first_line = self.seen[key]
                self.problem(path, line, f"duplicate {section[:-1]} id {ident!r} "
                                         f"(first at {first_path}:{first_line})")
                return False
            self.seen[key] = (path, line)
        return ok

    # --- sections -----------------------------------------------------------------------------

    def entity(self, path: str, item: dict[str, Any]) -> None:
        aliases = item.get("aliases") or {}
        if not isinstance(aliases, dict) or not all(
            isinstance(v, list) and all(isinstance(a, str) for a in v)
            for k, v in aliases.items() if k != LINE
        ):
            self.problem(path, item[LINE], "aliases must map languages to lists of names")
            return
        self.db.entities[item["id"]] = entity_from(_plain(item))

    def metric(self, path: str, item: dict[str, Any]) -> None:
        metric = metric_from(_plain(item))
        if item.get("event"):
            self.db.event_metrics[metric.id] = metric
            return
        for unit in metric.units:
            for part in unit.split(" / "):
                if part != "currency" and not _unit_ok(part):
                    self.problem(path, item[LINE], f"metric {metric.id!r}: unit {part!r} "
                                                   "is not a unit pint knows")
        self.db.metrics[metric.id] = [metric]  # the database's definition replaces the default

    def source(self, path: str, item: dict[str, Any]) -> None:
        published = item.get("published")
        if published is not None and not _is_date(published):
            self.problem(path, item[LINE], f"source {item['id']!r}: published {published!r} "
                                           "is not a date like 2024-08 or 2024-08-12")
        self.db.sources[item["id"]] = Source(
            id=item["id"], title=item.get("title"), outlet=item.get("outlet"),
            url=item.get("url"), lang=item.get("lang"),
            published=str(published) if published is not None else None, file=item.get("file"),
        )

    def claim(self, path: str, item: dict[str, Any]) -> None:
        line = item[LINE]
        ident = item["id"]

        def bad(message: str) -> None:
            self.problem(path, line, f"claim {ident!r}: {message}")

        kind = item.get("kind", "quantity")
        if kind not in ("quantity", "rank", "event"):
            bad(f"kind {kind!r} must be quantity, rank or event")
        if item["subject"] not in self.db.entities:
            bad(f"unknown subject {item['subject']!r} (not an entity id)")
        metric = item["metric"]
        known_metric = metric in (self.db.event_metrics if kind == "event" else self.db.metrics)
        if not known_metric:
            bad(f"unknown metric {metric!r}")
        unit = item.get("unit")
        vague = bool(item.get("vague", False))
        qualifier = item.get("qualifier")
        numbers = {k: item.get(k) for k in ("value", "low", "high")}
        for name, number in numbers.items():
            if number is not None and (isinstance(number, bool)
                                       or not isinstance(number, (int, float))):
                bad(f"{name} {number!r} is not a number")
                numbers[name] = None
        if kind == "quantity":
            if unit is None:
                bad("a quantity needs a unit")
            elif not isinstance(unit, str) or not _unit_ok(unit):
                bad(f"unit {unit!r} is not a unit pint knows")
                unit = None
            elif known_metric and not any(m.fits(unit) for m in self.db.metrics[metric]):
                expected = ", ".join(u for m in self.db.metrics[metric] for u in m.units)
                bad(f"unit {unit!r} does not fit metric {metric!r} (expected {expected})")
            if numbers["value"] is None and not vague and qualifier != "range":
                bad("a quantity needs a value (or vague: true, or a range with low and high)")
        if qualifier is not None and qualifier not in QUALIFIERS:
            bad(f"qualifier {qualifier!r} must be one of {', '.join(QUALIFIERS)}")
        if qualifier == "range" and (numbers["low"] is None or numbers["high"] is None):
            bad("a range needs low and high")
        time = self.time(item.get("time"), bad)
        reviewed = item["reviewed"]
        if not _is_date(reviewed) or len(str(reviewed)) != 10:
            bad(f"reviewed {reviewed!r} is not a date like 2026-11-23")
        status = item.get("status", "current")
        if status not in STATUSES:
            bad(f"status {status!r} must be one of {', '.join(STATUSES)}")
        successor = item.get("superseded_by")
        if status == "superseded" and not successor:
            bad("a superseded claim needs superseded_by (the id of the claim that replaces it)")
        if successor and status != "superseded":
            bad(f"superseded_by is set but status is {status!r}, not 'superseded'")
        citations = []
        sources = item["sources"]
        if not isinstance(sources, list) or not sources:
            bad("sources must be a non-empty list of {source, where}")
            sources = []
        for citation in sources:
            if isinstance(citation, str):
                citation = {"source": citation}
            if not isinstance(citation, dict) or "source" not in citation:
                bad("each source must be {source: ID, where: ...}")
                continue
            if citation["source"] not in self.db.sources:
                self.problem(path, citation.get(LINE, line),
                             f"claim {ident!r}: unknown source {citation['source']!r}")
            unknown = set(citation) - {"source", "where", LINE}
            if unknown:
                bad(f"unknown field {sorted(unknown)[0]!r} in a source")
            citations.append(Citation(str(citation["source"]), citation.get("where")))
        value, low, high = numbers["value"], numbers["low"], numbers["high"]
        if qualifier == "range" and value is None and low is not None and high is not None:
            value = (low + high) / 2
        if value is not None:  # bounds a figure implies when the file gives none
            if qualifier in (None, "lower", "rank") and low is None:
                low = value
            if qualifier in (None, "upper") and high is None:
                high = value
            if qualifier == "approx":
                low = value * 0.9 if low is None else low
                high = value * 1.1 if high is None else high
        facility, scope = item.get("facility"), item.get("scope")
        if facility is not None and not isinstance(facility, str):
            bad(f"facility {facility!r} must be a place name")
            facility = None
        if scope is not None and scope not in ("plant", "company"):
            bad(f"scope {scope!r} must be plant or company")
            scope = None
        entity = self.db.entities.get(item["subject"])
        statement = item["statement"]
        self.db.claims.append(Reference(
            id=ident, subject=item["subject"], metric=metric, statement=statement,
            sources=tuple(citations), reviewed=str(reviewed), kind=kind,
            value=_num(value), unit=units.expression(unit) if unit else None,
            low=_num(low), high=_num(high),
            qualifier=qualifier, vague=vague, time=time, status=status,
            superseded_by=successor, note=item.get("note"), path=path, line=line,
            facility=facility, scope=scope,
            subject_name=entity.name if entity else None,
            subject_kind=entity.kind if entity else None,
            terms=self.terms(statement, citations),
        ))

    def terms(self, statement: Any, citations: list[Citation]) -> tuple[str, ...]:
        """The concepts of a statement, read in its first source's language."""
        if not isinstance(statement, str):
            return ()
        source = self.db.sources.get(citations[0].source) if citations else None
        lang = source.lang if source is not None and source.lang in SUPPORTED else (
            detect_language(statement))
        return lexicon(lang).terms(statement)

    def time(self, spec: Any, bad: Any) -> TimeSpan | None:
        if spec is None:
            return None
        if not isinstance(spec, dict):
            bad("time must be {relation, date} (or {relation, relative})")
            return None
        relation, date, relative = spec.get("relation"), spec.get("date"), spec.get("relative")
        if relation is not None and relation not in RELATIONS:
            bad(f"time relation {relation!r} must be one of {', '.join(RELATIONS)}")
        if date is not None and not _is_date(date):
            bad(f"time date {date!r} is not a date like 2030, 2030-06 or 2030-06-30")
            date = None
        if relative is not None and not _DURATION.match(str(relative)):
            bad(f"time relative {relative!r} is not an ISO 8601 duration like P3Y")
            relative = None
        if date is None and relative is None:
            bad("time needs a date (or a relative duration)")
        unknown = set(spec) - {"relation", "date", "relative", LINE}
        if unknown:
            bad(f"unknown field {sorted(unknown)[0]!r} in time")
        text = " ".join(str(p) for p in (relation, date or relative) if p)
        return TimeSpan(relation, str(date) if date else None, relative, text)

    def check_entities(self) -> None:
        for entity in self.db.entities.values():
            for name, targets in entity.relations.items():
                if name == PLACE_RELATION:
                    continue  # slugged place names, small towns included ("billy-berclau")
                for target in targets if isinstance(targets, list) else [targets]:
                    if target not in self.db.entities:
                        path, line = self.seen.get(("entities", entity.id), ("<defaults>", 0))
                        self.problem(path, line, f"entity {entity.id!r}: {name} names unknown "
                                                 f"entity {target!r}")

    def check_supersession(self) -> None:
        claims = self.db.by_id()
        for claim in self.db.claims:
            if claim.superseded_by and claim.superseded_by not in claims:
                self.problem(claim.path, claim.line, f"claim {claim.id!r}: superseded_by "
                                                     f"{claim.superseded_by!r} is not a claim id")
        reported: set[str] = set()
        for claim in self.db.claims:
            chain, back_to = Database.supersession(claim, claims)
            if back_to is None:
                continue
            ids = [c.id for c in chain]
            cycle = [*ids[ids.index(back_to):], back_to]
            if not reported & set(cycle):
                self.problem(claim.path, claim.line, "supersession cycle: " + " -> ".join(cycle))
                reported |= set(cycle)


def _resolved(paths: Iterable[Path]) -> dict[Path, Path]:
    """Each path under its :meth:`Path.resolve` form, each folder resolved once: a file
    that is not a link resolves to its resolved folder and its name (resolving looks at
    every part of a path: 0.7 % of a check's start for the shipped database's files)."""
    folders: dict[Path, Path] = {}
    found = {}
    for path in paths:
        if path.is_symlink():
            found[path.resolve()] = path
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        found[folder / path.name] = path
    return found


def _plain(item: Mapping[str, Any]) -> dict[str, Any]:
    """An item without the loader's line keys, at any depth."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key == LINE:
            continue
        if isinstance(value, Mapping):
            out[key] = _plain(value)
        elif isinstance(value, list):
            out[key] = [_plain(v) if isinstance(v, Mapping) else v for v in value]
        else:
            out[key] = value
    return out


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _is_date(value: Any) -> bool:
    text = str(value)
    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _unit_ok(unit: str) -> bool:
    try:
        units.expression(unit)
    except Exception:  # pint raises several kinds of errors for a bad expression
        return False
    return True


# --- finding the database ----------------------------------------------------------------------

ENVIRONMENT = "BATTCLAIMS_CLAIMS"


def packaged_root() -> Path | None:
    """The database shipped with the package (the repository's ``claims/``)."""
    packaged = DATA / "claims"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "claims"  # an editable install
    return checkout if checkout.is_dir() else None


def discover(explicit: str | None = None, start: str | Path | None = None,
             configured: tuple[Path, Path] | bool | None = True) -> tuple[Path | None, str]:
    """Where the database is, and why: ``--claims``, ``$BATTCLAIMS_CLAIMS``, the
    ``claims`` setting of the run's configuration (``configured``: what
    :meth:`battclaims.config.Configuration.claims_dir` gave, None for none; by default
    the configuration nearest ``start`` is read), the nearest ``claims/`` folder from
    ``start`` (the current directory) upwards, else the packaged one."""
    if explicit:
        return Path(explicit), "--claims"
    if os.environ.get(ENVIRONMENT):
        return Path(os.environ[ENVIRONMENT]), f"${ENVIRONMENT}"
    here = Path(start or Path.cwd()).resolve()
    if configured is True:
        from .config import Configuration

        configured = Configuration(cwd=here).claims_dir()
    if isinstance(configured, tuple):
        folder, config = configured
        return folder, str(config)
    for folder in (here, *here.parents):
        candidate = folder / "claims"
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate, "nearest claims/ folder"
    return packaged_root(), "packaged default"


def iter_references(database: Database, subject: str | None = None,
                    metric: str | None = None) -> Iterator[Reference]:
    """The claims, filtered, sorted by subject, metric and id."""
    for claim in sorted(database.claims, key=lambda c: (c.subject, c.metric, c.id)):
        if subject and claim.subject != subject:
            continue
        if metric and claim.metric != metric:
            continue
        yield claim


def as_yaml_items(items: Iterable[Mapping[str, Any]]) -> str:
    """Claims as YAML list items, in the database's usual style (for ``add``)."""
    import yaml

    out = []
    for item in items:
        text = yaml.safe_dump([dict(item)], allow_unicode=True, sort_keys=False, width=88,
                              default_flow_style=None)
        out.append("".join(f"  {line}" if line else line for line in text.splitlines(True)))
    return "".join(out)
