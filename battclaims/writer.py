"""Adding claims to the database, without losing or reformatting anything.

New claims for subject ``S`` are appended, as text, to ``S.yaml`` in the
database folder (created when missing): comments, order and formatting of what
is there stay as they were.

:func:`write` guarantees, for runs of ``battclaims claims add`` on one folder:

* **One at a time.** It holds an advisory lock on the folder (``.battclaims.lock``
  in it: ``fcntl.flock``, or where there is no ``fcntl`` a file created
  exclusively), waiting up to :data:`LOCK_TIMEOUT` seconds for another run before
  failing with a clear error. The lock file is removed when released.
* **Nothing lost.** Under the lock the database is read again and the files are
  planned afresh from the claims to add, so that claims another run wrote
  meanwhile stay: an id taken meanwhile gets a number, a claim recorded meanwhile
  from the same source sentence is not added twice, and the whole database is
  validated as it would be (nothing is written if it would not validate). The
  matcher's judgement (duplicate, conflict) is the one made on the database as the
  command read it, before the lock.
* **All files or none.** Every new file is first written and synced to a temporary
  file beside it (``.NAME.*.battclaims-new``); then a journal
  (``.battclaims.journal``) listing the renames is committed, the files are
  replaced (``os.replace``, Ctrl-C held back) and the journal removed. A crash
  before the journal is committed leaves the files as they were (the next run
  deletes the temporary files); a crash after it leaves a journal that the next
  run completes, under the lock, before reading anything: every file new, none
  old. Readers that do not write (``check``, ``claims validate``) do not take
  the lock and may see the files of an interrupted run half replaced until then.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from . import patterns
from .errors import BattclaimsError
from .model import Claim
from .records import record
from .store import Database, Problem, as_yaml_items, load

SCHEMA_LINE = "# yaml-language-server: $schema=../battclaims/data/claims.schema.json\n"
_TOP_KEY = patterns.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)
_SLUG = patterns.compile(r"[^a-z0-9]+")

LOCK = ".battclaims.lock"
"""The lock file, in the database folder, while a run writes to it."""
JOURNAL = ".battclaims.journal"
"""The renames of a commit under way, in the database folder (JSON)."""
TEMPORARY = ".battclaims-new"
"""How the name of a new file ends until it replaces the old one."""
LOCK_TIMEOUT = 60.0
"""Seconds to wait for another run to finish writing to the database."""


@record
class Planned:
    """A file as ``add`` would leave it."""

    path: Path
    text: str
    added: int
    items: tuple[Mapping[str, Any], ...] = ()
    """The claims added, to plan the file again under the lock (see :func:`write`)."""


def reference_item(claim: Claim, source: str, reviewed: str, ident: str,
                   where: str | None = None) -> dict[str, Any]:
    """A database record for an extracted claim, with its provenance."""
    item: dict[str, Any] = {"id": ident, "subject": claim.subject, "metric": claim.metric}
    if claim.kind == "event":
        item["kind"] = "event"
    else:
        if claim.vague:
            item["vague"] = True
        elif claim.qualifier == "range":
            item.update(qualifier="range", low=_number(claim.low), high=_number(claim.high))
        else:
            item["value"] = _number(claim.value)
            if claim.qualifier is not None:
                item.update(qualifier=claim.qualifier, low=_number(claim.low),
                            high=_number(claim.high))
        item["unit"] = claim.unit
    if claim.time is not None and (claim.time.date or claim.time.relative):
        time: dict[str, Any] = {"relation": claim.time.relation}
        if claim.time.date:
            time["date"] = claim.time.date
        else:
            time["relative"] = claim.time.relative
        item["time"] = time
    item["statement"] = " ".join(claim.sentence.split())
    item["sources"] = [{"source": source, "where": where or f"line {claim.line}"}]
    item["status"] = "current"
    item["reviewed"] = reviewed
    item["note"] = "Statement taken from the source's sentence by battclaims claims add."
    return {k: v for k, v in item.items() if v is not None or k == "value"}


def new_id(claim: Claim, taken: set[str]) -> str:
    """``acc-vehicles-equipped-2030``, made unique with a number when needed."""
    parts = [claim.subject or "unknown", claim.metric or "claim"]
    if claim.time is not None and claim.time.date:
        parts.append(claim.time.date)
    base = _SLUG.sub("-", "-".join(parts).lower()).strip("-")
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    taken.add(ident)
    return ident


def plan(root: Path, items: Iterable[Mapping[str, Any]]) -> list[Planned]:
    """The files that adding ``items`` would write, each as its full new text."""
    by_subject: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        by_subject.setdefault(str(item["subject"]), []).append(item)
    planned = []
    for subject, group in sorted(by_subject.items()):
        path = root / f"{_SLUG.sub('-', subject.lower()).strip('-')}.yaml"
        addition = as_yaml_items(group)
        if path.exists():
            text = path.read_text("utf-8")
            keys = _TOP_KEY.findall(text)
            if not text.endswith("\n") and text:
                text += "\n"
            if not keys:
                text += "claims:\n"
            elif keys[-1] != "claims":
                if "claims" in keys:
                    raise BattclaimsError(
                        f"{path}: cannot append: its claims list is not the last section; "
                        "move it to the end of the file")
                text += "claims:\n"
            planned.append(Planned(path, text + addition, len(group), tuple(group)))
        else:
            planned.append(Planned(path, SCHEMA_LINE + "claims:\n" + addition, len(group),
                                   tuple(group)))
    return planned


def planned_database(root: Path, planned: list[Planned]) -> Database:
    """The database as it would be with the planned files in place."""
    return load(root, overrides={p.path: p.text.encode("utf-8") for p in planned})


def check(root: Path, planned: list[Planned]) -> list[Problem]:
    """The problems the database would have with the planned files in place."""
    return planned_database(root, planned).problems


def write(planned: list[Planned], root: Path | None = None,
          timeout: float = LOCK_TIMEOUT) -> list[Planned]:
    """Write the planned files into the database folder ``root`` (by default, the
    folder of the first), all or none, under the folder's lock; return the files as
    written (planned again on the database as it is then: see the module's docstring).
    Files planned by hand (no :attr:`Planned.items`) are written as given."""
    if not planned:
        return []
    folder = Path(root) if root is not None else planned[0].path.parent
    with locked(folder, timeout):
        recover(folder)
        if all(item.items for item in planned):
            planned = _replan(folder, planned)
        _commit(folder, planned)
    return planned


def _replan(root: Path, planned: list[Planned]) -> list[Planned]:
    """The planned claims, planned on the database as it is now (read under the lock)."""
    now = load(root)
    recorded = {_recorded_key(citation.source, c.statement, c.kind, c.value, c.unit,
                              c.time.date if c.time else None)
                for c in now.claims for citation in c.sources}
    taken = {claim.id for claim in now.claims}
    items: list[Mapping[str, Any]] = []
    for item in (item for p in planned for item in p.items):
        if _item_key(item) in recorded:
            continue  # recorded meanwhile (by another run, or the one a crash interrupted)
        ident, number = str(item["id"]), 2
        while ident in taken:
            ident, number = f"{item['id']}-{number}", number + 1
        taken.add(ident)
        items.append(item if ident == item["id"] else {**item, "id": ident})
    again = plan(root, items)
    problems = check(root, again)
    if problems:
        raise BattclaimsError("the database changed while adding (another run?) and would not "
                              "validate; nothing written:\n"
                              + "\n".join(str(p) for p in problems))
    return again


def _recorded_key(source: Any, statement: Any, kind: Any, value: Any, unit: Any,
                  date: Any) -> tuple[Any, ...]:
    """What makes a record the same claim of the same source sentence (as
    :func:`battclaims.adding.candidates` judges a re-run)."""
    from . import units

    if unit:
        try:
            unit = units.expression(str(unit))
        except Exception:  # pint: not a unit (the validation says so)
            unit = str(unit)
    return (source, " ".join(str(statement).split()), kind,
            None if value is None else float(value), unit, date)


def _item_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    sources = item.get("sources") or [{}]
    time_ = item.get("time") or {}
    return _recorded_key(sources[0].get("source"), item.get("statement", ""),
                         item.get("kind", "quantity"), item.get("value"), item.get("unit"),
                         time_.get("date"))


@contextlib.contextmanager
def locked(root: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the database folder's advisory lock (see the module's docstring)."""
    path = Path(root) / LOCK
    deadline = time.monotonic() + timeout
    while (handle := _try_lock(path)) is None:
        if time.monotonic() >= deadline:
            stale = "" if fcntl is not None else (
                "; if no other battclaims is running, a crashed run left it: delete it")
            raise BattclaimsError(f"{root}: another run is writing to the database (lock "
                                  f"{path} held for over {timeout:g} s){stale}")
        time.sleep(0.02)
    try:
        yield
    finally:
        # Removed while still held: a run that opened it meanwhile sees it gone, and
        # locks the next one (see _try_lock).
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(handle)


def _try_lock(path: Path) -> int | None:
    """The descriptor of the lock file, locked; None if another run holds it."""
    if fcntl is None:
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return None
        os.write(handle, f"{os.getpid()}\n".encode())
        return handle
    handle = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        opened, current = os.fstat(handle), os.stat(path)
        if (opened.st_dev, opened.st_ino) == (current.st_dev, current.st_ino):
            return handle
    except OSError:  # held by another run; or removed (released) after we opened it
        pass
    os.close(handle)
    return None


def recover(root: Path) -> None:
    """Complete the commit a crash interrupted (its journal's renames), and delete the
    temporary files of one interrupted before its journal. Call with the lock held."""
    journal = Path(root) / JOURNAL
    if journal.exists():
        for temporary, target in json.loads(journal.read_text("utf-8"))["renames"]:
            if (Path(root) / temporary).exists():
                os.replace(Path(root) / temporary, Path(root) / target)
        _sync(Path(root))
        journal.unlink()
        _sync(Path(root))
    for leftover in Path(root).glob(f".*{TEMPORARY}"):  # the journal's draft too
        with contextlib.suppress(OSError):
            leftover.unlink()


def _commit(root: Path, planned: list[Planned]) -> None:
    """Write the files: temporary files, the journal, the renames (see the docstring)."""
    temporaries: list[tuple[str, Path]] = []
    committed = False
    try:
        for item in planned:
            handle, name = tempfile.mkstemp(prefix=f".{item.path.name}.", suffix=TEMPORARY,
                                            dir=item.path.parent)
            temporaries.append((name, item.path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(item.text)
                out.flush()
                os.fsync(out.fileno())
            if item.path.exists():
                os.chmod(name, item.path.stat().st_mode & 0o777)
            else:  # a new file: as the user's other files (mkstemp makes it 0600)
                os.chmod(name, 0o666 & ~_umask())
        if not temporaries:
            return
        renames = [[os.path.relpath(name, root), os.path.relpath(path, root)]
                   for name, path in temporaries]
        journal = Path(root) / JOURNAL
        draft = Path(root) / (JOURNAL + TEMPORARY)
        with open(draft, "w", encoding="utf-8") as out:
            json.dump({"renames": renames}, out)
            out.flush()
            os.fsync(out.fileno())
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
        try:
            os.replace(draft, journal)
            _sync(Path(root))
            committed = True  # from here on, the next run completes the renames
            for name, path in temporaries:
                os.replace(name, path)
            _sync(Path(root))
            journal.unlink()
            _sync(Path(root))
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
    except OSError as err:
        if committed:
            raise BattclaimsError(f"interrupted while replacing the files of {root} ({err}); "
                                  "the next `battclaims claims add` on it completes the "
                                  "change") from err
        raise
    finally:
        if not committed:
            for name, _ in temporaries:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            with contextlib.suppress(OSError):
                (Path(root) / (JOURNAL + TEMPORARY)).unlink()


def _sync(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where a folder can be synced)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
