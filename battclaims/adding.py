"""``battclaims claims add``: claims from a trusted source into the database.

:func:`candidates` extracts the claims of a document and says, for each, how
it relates to the database (new, duplicate, conflict) and what record it would
become; :func:`add` writes the chosen ones (see :mod:`battclaims.writer`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .api import extract_file
from .checking import Checker
from .errors import BattclaimsError
from .model import Claim
from .store import Database
from .writer import Planned, check, new_id, plan, reference_item, write


@dataclass(frozen=True)
class Candidate:
    """An extracted claim offered for the database."""

    number: int
    """Its number in the list shown (1-based)."""
    claim: Claim
    item: dict[str, Any] | None
    """The record it would become, or None when it cannot be added."""
    relation: str
    """``new``, ``duplicate of ID``, ``conflicts with ID: …``, or why it cannot be added."""


def candidates(database: Database, path: str, source_id: str, reviewed: str | None = None,
               lang: str | None = None) -> list[Candidate]:
    """The claims of the document at ``path``, as candidates for the database."""
    if source_id not in database.sources:
        known = ", ".join(sorted(database.sources)) or "none yet"
        raise BattclaimsError(f"unknown source {source_id!r}: add it to the database's "
                              f"sources first (known: {known})")
    reviewed = reviewed or dt.date.today().isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed):
        raise BattclaimsError(f"--reviewed {reviewed!r} is not a date like 2026-11-23")
    extraction = extract_file(path, lang=lang, database=database)
    checker = Checker(database)
    taken = {claim.id for claim in database.claims}
    offered = []
    for number, claim in enumerate(extraction.claims, 1):
        if claim.subject is None or claim.metric is None:
            missing = "subject" if claim.subject is None else "metric"
            offered.append(Candidate(number, claim, None, f"cannot be added: no {missing}"))
            continue
        item = reference_item(claim, source_id, reviewed, new_id(claim, taken))
        offered.append(Candidate(number, claim, item, _relation(checker, claim)))
    return offered


def _relation(checker: Checker, claim: Claim) -> str:
    """How a claim stands against the database: new, duplicate of, conflict with."""
    finding = checker.finding(claim, None)
    reference = finding.reference
    if finding.verdict in ("confirmed", "outdated") and reference is not None:
        return f"duplicate of {reference.id}"
    if finding.verdict in ("conflict", "time-conflict") and reference is not None:
        return f"{finding.verdict} with {reference.id}: {finding.explanation}"
    return "new"


def parse_selection(spec: str, count: int) -> list[int]:
    """``"1,3-5"`` -> ``[1, 3, 4, 5]``; ``"all"``; ``"none"`` or empty -> ``[]``."""
    spec = spec.strip().lower()
    if spec in ("", "none"):
        return []
    if spec == "all":
        return list(range(1, count + 1))
    chosen: list[int] = []
    for part in spec.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not match:
            raise BattclaimsError(f"cannot read selection {spec!r}: use numbers and ranges "
                                  "like 1,3-5, or all")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not 1 <= first <= last <= count:
            raise BattclaimsError(f"selection {part.strip()!r} is outside 1-{count}")
        chosen += [n for n in range(first, last + 1) if n not in chosen]
    return chosen


def add(database: Database, chosen: list[Candidate], dry_run: bool = False) -> list[Planned]:
    """Write the chosen candidates to the database files; return what was (or would be)
    written. Raises :class:`BattclaimsError` if the result would not validate."""
    if database.root is None:
        raise BattclaimsError("no claims database to add to: give one with --claims")
    root = Path(database.root)
    items = []
    for candidate in chosen:
        if candidate.item is None:
            raise BattclaimsError(f"claim {candidate.number} {candidate.relation}")
        items.append(candidate.item)
    planned = plan(root, items)
    problems = check(root, planned)
    if problems:
        raise BattclaimsError("the database would not validate; nothing written:\n"
                              + "\n".join(str(p) for p in problems))
    if not dry_run:
        write(planned)
    return planned
