"""Adding claims to the database, without losing or reformatting anything.

New claims for subject ``S`` are appended, as text, to ``S.yaml`` in the
database folder (created when missing): comments, order and formatting of what
is there stay as they were. Every file is first written to a temporary file
beside it, the whole database is validated as it would be, and only then are
the files replaced (``os.replace``, atomic on each file, with Ctrl-C held back
until all are in place). A crash or an interruption before that leaves the
files as they were.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BattclaimsError
from .model import Claim
from .store import Database, Problem, as_yaml_items, load

SCHEMA_LINE = "# yaml-language-server: $schema=../battclaims/data/claims.schema.json\n"
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Planned:
    """A file as ``add`` would leave it."""

    path: Path
    text: str
    added: int


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
            planned.append(Planned(path, text + addition, len(group)))
        else:
            planned.append(Planned(path, SCHEMA_LINE + "claims:\n" + addition, len(group)))
    return planned


def planned_database(root: Path, planned: list[Planned]) -> Database:
    """The database as it would be with the planned files in place."""
    return load(root, overrides={p.path: p.text.encode("utf-8") for p in planned})


def check(root: Path, planned: list[Planned]) -> list[Problem]:
    """The problems the database would have with the planned files in place."""
    return planned_database(root, planned).problems


def write(planned: list[Planned]) -> None:
    """Replace the planned files atomically (each one), holding Ctrl-C back meanwhile."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for item in planned:
            handle, name = tempfile.mkstemp(prefix=f".{item.path.name}.", dir=item.path.parent)
            temporaries.append((name, item.path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(item.text)
                out.flush()
                os.fsync(out.fileno())
            if item.path.exists():
                os.chmod(name, item.path.stat().st_mode & 0o777)
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
        try:
            for name, path in temporaries:
                os.replace(name, path)
            temporaries = []
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
    finally:
        for name, _ in temporaries:
            with contextlib.suppress(OSError):
                os.unlink(name)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
