"""``battclaims claims add``: claims from a trusted source into the database.

:func:`candidates` extracts the claims of a document and says, for each, how
it relates to the database (new, duplicate, conflict) and what record it would
become; :func:`choose` sorts the chosen ones into those that can be added, those
left out (duplicates) and those held back until the user insists (conflicts,
and duplicates picked by number); :func:`add` writes them (see
:mod:`battclaims.writer`).

The database stays trustworthy: nothing the matcher itself calls a duplicate or a
contradiction is added silently. Whether a claim contradicts the database is
judged by the matcher ``check`` uses, and once more on the database as it would
be, by :func:`battclaims.consistency.contradictions` (what ``claims validate``
reports), which also catches two claims of one document that contradict each
other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path
from typing import Any

from . import units
from .api import extract_file
from .checking import Checker, Finding, duplicates
from .consistency import contradictions
from .errors import BattclaimsError
from .model import Claim
from .records import record
from .store import Database, Reference
from .writer import Planned, check, new_id, plan, planned_database, reference_item, write

NEW = "new"
DUPLICATE = "duplicate"
"""The matcher's judgement: it states a fact of the database, with the same value
(a current claim, or one superseded or retracted)."""
RECORDED = "recorded"
"""Already in the database from the same source, sentence and figure (a re-run)."""
CONFLICT = "conflict"
TIME_CONFLICT = "time-conflict"
UNADDABLE = "unaddable"


@record
class Candidate:
    """An extracted claim offered for the database."""

    number: int
    """Its number in the list shown (1-based)."""
    claim: Claim
    item: dict[str, Any] | None
    """The record it would become, or None when it cannot be added."""
    relation: str
    """How it stands, as shown: ``new``, ``duplicate of ID``, ``conflict with ID: …``,
    ``repeats claim N``, or why it cannot be added."""
    status: str = NEW
    """``new``, ``duplicate``, ``recorded``, ``conflict``, ``time-conflict`` or
    ``unaddable``."""
    reference: str | None = None
    """The id of the database claim it duplicates or contradicts."""
    repeats: int | None = None
    """The number of an earlier claim of the document it says again (as ``check``
    finds a duplicate in a draft)."""

    @property
    def duplicate(self) -> bool:
        """A claim the database already has."""
        return self.status in (DUPLICATE, RECORDED)

    @property
    def contested(self) -> bool:
        """A claim that contradicts the database."""
        return self.status in (CONFLICT, TIME_CONFLICT)


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
    recorded = _recorded(database.claims)
    taken = {claim.id for claim in database.claims}
    claims = extraction.claims
    numbers = {id(claim): n for n, claim in enumerate(claims, 1)}
    firsts = duplicates(claims, checker.settings)
    offered = []
    for (number, claim), first in zip(enumerate(claims, 1), firsts, strict=True):
        if claim.subject is None or claim.metric is None:
            missing = "subject" if claim.subject is None else "metric"
            offered.append(Candidate(number, claim, None, f"cannot be added: no {missing}",
                                     UNADDABLE))
            continue
        item = reference_item(claim, source_id, reviewed, new_id(claim, taken))
        repeats = numbers.get(id(first)) if first is not None else None
        same = recorded.get(_key(source_id, item["statement"], claim))
        if same is not None:
            offered.append(Candidate(number, claim, item, f"already recorded as {same.id} "
                                     "from this source", RECORDED, same.id, repeats))
            continue
        status, reference, relation = _relation(checker.finding(claim, None))
        if status == NEW and repeats is not None:
            relation = f"repeats claim {repeats}"
        offered.append(Candidate(number, claim, item, relation, status, reference, repeats))
    return offered


def _relation(finding: Finding) -> tuple[str, str | None, str]:
    """How a claim stands against the database: its status, the reference, the words."""
    reference, verdict = finding.reference, finding.verdict
    if reference is None:
        return NEW, None, "new"
    if verdict == "confirmed":
        return DUPLICATE, reference.id, f"duplicate of {reference.id}"
    if verdict == "outdated":
        now = (f"superseded by {finding.current.id}" if finding.current is not None
               else reference.status)
        return DUPLICATE, reference.id, f"duplicate of {reference.id} ({now})"
    if verdict in (CONFLICT, TIME_CONFLICT):
        return verdict, reference.id, f"{verdict} with {reference.id}: {_compared(finding)}"
    if verdict == "possible-conflict":
        return NEW, None, f"new (may conflict with {reference.id}: {_compared(finding)})"
    return NEW, None, "new"


def _compared(finding: Finding) -> str:
    """The numbers and dates compared: ``15 (14.5–15.5) vs 12 GWh, both from 2025``."""
    evidence = finding.evidence
    if evidence is None:  # an event: the explanation is the dates compared
        return finding.explanation.split(": ", 1)[-1]
    parts = [evidence.values.text, evidence.times.text]
    if finding.verdict == TIME_CONFLICT:
        parts.reverse()
    return ", ".join(p for p in parts if p)


def _key(source: str, statement: str, claim: Any) -> tuple[Any, ...]:
    """What makes a record the same claim of the same source sentence."""
    time = claim.time.date if claim.time is not None else None
    unit = units.expression(claim.unit) if claim.unit else None
    return (source, " ".join(str(statement).split()), claim.kind, claim.value, unit, time)


def _recorded(references: Iterable[Reference]) -> dict[tuple[Any, ...], Reference]:
    """The database's claims by source, sentence and figure."""
    out: dict[tuple[Any, ...], Reference] = {}
    for reference in references:
        for citation in reference.sources:
            out.setdefault(_key(citation.source, reference.statement, reference), reference)
    return out


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


@record(frozen=False)
class Choice:
    """The chosen candidates, sorted out."""

    added: list[Candidate] = field(default_factory=list)
    """Fine to add."""
    held: list[tuple[Candidate, str]] = field(default_factory=list)
    """Added only with ``--force`` or a confirmation; with why."""
    skipped: list[tuple[Candidate, str]] = field(default_factory=list)
    """Left out; with why."""


def choose(database: Database, offered: Iterable[Candidate], numbers: Iterable[int],
           every: bool = False) -> Choice:
    """Sort the candidates of ``numbers`` out.

    A claim already recorded from the same source sentence is always left out (a re-run
    adds nothing). Other duplicates (of the database, or of a claim of the document also
    chosen) are left out with ``every`` (``--all``), held otherwise: picked by number,
    they are added only if the user insists. Conflicts are always held, and so is a claim
    that would contradict the database, or another chosen claim, once added (what
    ``claims validate`` would then report). With ``every``, claims that cannot be added
    are left out; picked by number, they are an error.
    """
    wanted = set(numbers)
    choice = Choice()
    taking: set[int] = set()
    for candidate in offered:
        if candidate.number not in wanted:
            continue
        if candidate.item is None:
            if not every:
                raise BattclaimsError(f"claim {candidate.number} {candidate.relation}")
            choice.skipped.append((candidate, candidate.relation))
        elif candidate.status == RECORDED:
            choice.skipped.append((candidate, candidate.relation))
        elif candidate.duplicate or (candidate.status == NEW and candidate.repeats in taking):
            why = (candidate.relation if candidate.duplicate
                   else f"repeats claim {candidate.repeats}")
            if every:
                choice.skipped.append((candidate, why))
            else:
                choice.held.append((candidate, why))
                taking.add(candidate.number)
        elif candidate.contested:
            choice.held.append((candidate, candidate.relation))
            taking.add(candidate.number)
        else:
            choice.added.append(candidate)
            taking.add(candidate.number)
    _hold_contradictions(database, choice)
    return choice


def _hold_contradictions(database: Database, choice: Choice) -> None:
    """Hold the claims to add that would contradict the database, or each other, once
    added (as ``claims validate`` would judge them)."""
    if database.root is None or not choice.added:
        return
    by_id = {str(c.item["id"]): c for c in choice.added if c.item is not None}
    planned = plan(Path(database.root), [c.item for c in choice.added if c.item is not None])
    future = planned_database(Path(database.root), planned)
    if future.problems:
        return  # :func:`add` refuses it, with the problems
    held: dict[int, str] = {}
    for contradiction in contradictions(future, among=by_id):
        claim, other = contradiction.claim, contradiction.other
        if claim.id in by_id and other.id in by_id:
            first, then = sorted((by_id[claim.id], by_id[other.id]), key=lambda c: c.number)
            against = f"claim {first.number}"
        else:
            then = by_id[claim.id] if claim.id in by_id else by_id[other.id]
            against = other.id if claim.id in by_id else claim.id
        held.setdefault(then.number, f"{contradiction.verdict} with {against}: "
                                     f"{contradiction.compared}")
    if held:
        choice.held += [(c, held[c.number]) for c in choice.added if c.number in held]
        choice.held.sort(key=lambda row: row[0].number)
        choice.added = [c for c in choice.added if c.number not in held]


def refusal(held: Iterable[tuple[Candidate, str]]) -> str:
    """The one-line error for claims held back with no ``--force``."""
    rows = list(held)
    numbers = ", ".join(str(c.number) for c, _ in rows)
    whys = "; ".join(f"claim {c.number}: {why}" for c, why in rows)
    plural = "s" if len(rows) > 1 else ""
    return f"not adding claim{plural} {numbers} without --force (nothing written): {whys}"


def skipped_summary(skipped: Iterable[tuple[Candidate, str]]) -> str:
    """``skipped 2 claims: 1 (duplicate of acc-jobs), 4 (repeats claim 3)``."""
    rows = list(skipped)
    listed = ", ".join(f"{c.number} ({why})" for c, why in rows)
    return f"skipped {len(rows)} claim{'s' if len(rows) > 1 else ''}: {listed}"


def add(database: Database, chosen: list[Candidate], dry_run: bool = False) -> list[Planned]:
    """Write the chosen candidates to the database files; return what was (or would be)
    written. Raises :class:`BattclaimsError` if the result would not validate. It adds
    what it is given: :func:`choose` says what should be."""
    if database.root is None:
        raise BattclaimsError("no claims database to add to: give one with --claims")
    root = Path(database.root)
    items = []
    for candidate in sorted(chosen, key=lambda c: c.number):
        if candidate.item is None:
            raise BattclaimsError(f"claim {candidate.number} {candidate.relation}")
        items.append(candidate.item)
    planned = plan(root, items)
    problems = check(root, planned)
    if problems:
        raise BattclaimsError("the database would not validate; nothing written:\n"
                              + "\n".join(str(p) for p in problems))
    if not dry_run:
        planned = write(planned, root)
    return planned
