"""Accepted findings: inline suppression comments and the baseline file.

**Inline comments** that an editor types in the draft itself. In Markdown and HTML::

    <!-- battclaims-disable-next-line -->          the next line that holds text
    <!-- battclaims-disable-next-line duplicate --> only these verdicts (comma-separated)
    Le site emploiera 1 200 personnes. <!-- battclaims-disable-line -->
    <!-- battclaims-disable conflict -->           up to the matching enable (or the end)
    <!-- battclaims-enable -->

A reason may follow the verdicts after `` -- ``, or on the comment's next lines.
In plain text, where there are no comments, the same words on a line of their
own, optionally after ``#``, ``//`` or ``%``: ``# battclaims-disable-next-line``.
An unknown verdict in a comment is an input error naming the file and line, so
that a typo never silences nothing.

**The baseline** (``--write-baseline FILE``, then ``--baseline FILE``) lists the
findings a newsroom has accepted, keyed on (path, normalised claim, verdict) —
never on line numbers — so that an accepted finding stays accepted when text
moves above it. A finding is accepted as many times as the baseline lists it.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import patterns
from .errors import BattclaimsError, InputError
from .hashes import sha256
from .lexicon import fold
from .records import record
from .settings import VERDICTS

if TYPE_CHECKING:  # pragma: no cover
    from .checking import DocumentReport, Finding
    from .documents import Document
    from .model import Claim

_COMMENT = patterns.compile(r"<!--\s*battclaims-([\w-]*)(.*?)\s*(?:-->)?\Z", re.S)
ACTIONS = ("disable-next-line", "disable-line", "disable", "enable")
_LINE = patterns.compile(
    r"^[ \t]*(?:#|//|%)?[ \t]*battclaims-(disable-next-line|disable|enable)(?![\w-])"
    r"([^\n]*?)[ \t]*$",
    re.M,
)
_VERDICT_LIST = patterns.compile(r"[\s,]+")
SUPPRESSIBLE = (*VERDICTS, "agree", "related")

Silenced = tuple[frozenset[str] | None, frozenset[str]]
"""The verdicts silenced (None: all) and, when all are, those excepted."""


@record
class Directives:
    """The suppression comments of one document, by line."""

    lines: dict[int, frozenset[str] | None] = field(default_factory=dict)
    """Line -> the verdicts silenced on it (None: every verdict)."""
    blocks: tuple[tuple[int, int, Silenced], ...] = ()
    """(first line, last line, what is silenced) of each disable…enable block."""

    def silences(self, line: int, verdict: str) -> bool:
        """Whether a finding of ``verdict`` on ``line`` is suppressed."""
        if line in self.lines:
            verdicts = self.lines[line]
            if verdicts is None or verdict in verdicts:
                return True
        return any(first <= line <= last and _covers(silenced, verdict)
                   for first, last, silenced in self.blocks)

    def __bool__(self) -> bool:
        return bool(self.lines or self.blocks)


def _covers(silenced: Silenced, verdict: str) -> bool:
    verdicts, excepted = silenced
    return verdict not in excepted if verdicts is None else verdict in verdicts


def directives(document: Document) -> Directives:
    """The suppression comments of a document: ``<!-- battclaims-… -->`` in its comments
    (never in code), and in text that is not HTML the same words on a line of their
    own, outside code."""
    text = document.text
    if "battclaims-" not in text:
        return Directives()
    path = document.path or "<text>"
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: list[tuple[str, str, int, int]] = []  # action, verdicts, first and last line
    for start, end in document.comments:
        match = _COMMENT.match(text, start, end)
        if match:
            if match.group(1) not in ACTIONS:  # a typo would silence nothing
                raise InputError(path, f"unknown battclaims comment 'battclaims-"
                                       f"{match.group(1)}' (known: "
                                       f"{', '.join('battclaims-' + a for a in ACTIONS)})",
                                 bisect.bisect_right(line_starts, start))
            found.append((match.group(1), match.group(2),
                          bisect.bisect_right(line_starts, start),
                          bisect.bisect_right(line_starts, max(start, end - 1))))
    if document.origin is None:  # text and Markdown: the view keeps prose in place
        for match in _LINE.finditer(text):
            if document.view[match.start():match.end()] == match.group():  # not code
                line = bisect.bisect_right(line_starts, match.start())
                found.append((match.group(1), match.group(2), line, line))
    found.sort(key=lambda item: item[2])

    lines: dict[int, frozenset[str] | None] = {}
    blocks: list[tuple[int, int, Silenced]] = []
    open_blocks: list[tuple[int, Silenced]] = []

    def add(line: int, verdicts: frozenset[str] | None) -> None:
        old = lines.get(line, frozenset())
        lines[line] = None if verdicts is None or old is None else old | verdicts

    for action, words, first, last in found:
        # the verdicts: the rest of the directive's line, up to a reason after " -- "
        verdicts = _verdicts(words.split("\n")[0].split(" -- ")[0], path, first)
        if action == "disable-line":
            add(first, verdicts)
        elif action == "disable-next-line":
            target = last + 1  # the next line that holds text (a blank line may stand between)
            while target < len(line_starts) and not _line(text, line_starts, target).strip():
                target += 1
            add(target, verdicts)
        elif action == "disable":
            open_blocks.append((last, (verdicts, frozenset())))
        else:  # enable: ends the blocks, or what it names of them
            still_open: list[tuple[int, Silenced]] = []
            for start_line, silenced in open_blocks:
                blocks.append((start_line, first, silenced))
                rest = _without(silenced, verdicts)
                if rest is not None:
                    still_open.append((first, rest))
            open_blocks = still_open
    blocks += [(first, len(line_starts), silenced) for first, silenced in open_blocks]
    return Directives(lines, tuple(blocks))


def _without(silenced: Silenced, enabled: frozenset[str] | None) -> Silenced | None:
    """What stays silenced after ``enabled`` (None: all) is enabled again."""
    verdicts, excepted = silenced
    if enabled is None:
        return None
    if verdicts is None:
        return None, excepted | enabled
    rest = verdicts - enabled
    return (rest, frozenset()) if rest else None


def _line(text: str, starts: list[int], number: int) -> str:
    start = starts[number - 1]
    end = starts[number] if number < len(starts) else len(text)
    return text[start:end]


def _verdicts(words: str, path: str, line: int) -> frozenset[str] | None:
    names = [w for w in _VERDICT_LIST.split(words.strip()) if w]
    if not names:
        return None
    unknown = [n for n in names if n not in SUPPRESSIBLE]
    if unknown:
        raise InputError(path, f"unknown verdict {unknown[0]!r} in a battclaims comment "
                               f"(known: {', '.join(SUPPRESSIBLE)})", line)
    return frozenset(names)


# --- the baseline -------------------------------------------------------------------------------

BASELINE_VERSION = 1


def fingerprint(claim: Claim, verdict: str) -> str:
    """A finding's identity that survives moved text: the verdict and the normalised
    claim (its words folded, value, unit, time, subject and metric), hashed."""
    time = claim.time
    parts = (verdict, claim.kind, " ".join(fold(claim.text).split()), repr(claim.value),
             claim.unit or "", (time.relation or "") + (time.date or time.relative or "")
             if time else "", claim.subject or "", claim.metric or "")
    return sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def relative_path(path: str, base: Path) -> str:
    """``path`` as the baseline stores it: POSIX, relative to the baseline's folder."""
    if path == "-":
        return path
    try:  # "../drafts/a.md" from a baseline kept in ci/: the same on any checkout
        return PurePosixPath(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).resolve().as_posix()


@record(frozen=False)
class Baseline:
    """Findings accepted earlier, counted by (path, fingerprint)."""

    base: Path
    """The folder the stored paths are relative to (the baseline file's)."""
    accepted: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a baseline file; a missing or malformed one is an error naming it."""
        file = Path(path)
        try:
            content = json.loads(file.read_text("utf-8"))
        except FileNotFoundError:
            raise BattclaimsError(f"{file}: no such baseline file (write one with "
                                  "--write-baseline)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BattclaimsError(f"{file}: not a battclaims baseline: {err}") from None
        if not isinstance(content, dict) or content.get("version") != BASELINE_VERSION or (
                not isinstance(content.get("findings"), list)):
            raise BattclaimsError(f"{file}: not a battclaims baseline (version "
                                  f"{BASELINE_VERSION} with a list of findings)")
        accepted: Counter[tuple[str, str]] = Counter()
        for number, entry in enumerate(content["findings"], 1):
            if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                    and isinstance(entry.get("fingerprint"), str)):
                raise BattclaimsError(f"{file}: finding {number} needs a path and a fingerprint")
            accepted[entry["path"], entry["fingerprint"]] += 1
        return cls(file.resolve().parent, accepted)

    def take(self, path: str, finding: Finding) -> bool:
        """Whether the baseline accepts this finding (each entry accepts one finding)."""
        key = (relative_path(path, self.base), fingerprint(finding.claim, finding.verdict))
        if self.accepted[key] > 0:
            self.accepted[key] -= 1
            return True
        return False


def write_baseline(file: str | Path, reports: Iterable[DocumentReport]) -> int:
    """Write the findings at warning or error of ``reports`` as a baseline; return how many."""
    target = Path(file)
    base = target.resolve().parent
    entries: list[dict[str, Any]] = []
    for report in reports:
        path = report.extraction.path or "-"
        for finding in (*report.findings, *(f for f, _ in report.suppressed)):
            if finding.severity == "info":
                continue
            entries.append({"path": relative_path(path, base),
                            "fingerprint": fingerprint(finding.claim, finding.verdict),
                            "verdict": finding.verdict, "text": finding.claim.text,
                            "line": finding.claim.line})
    entries.sort(key=lambda e: (e["path"], e["line"], e["fingerprint"]))
    content = {"version": BASELINE_VERSION, "tool": "battclaims", "findings": entries}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", "utf-8")
    except OSError as err:
        raise BattclaimsError(f"{target}: cannot write the baseline: "
                              f"{err.strerror or err}") from None
    return len(entries)


def suppress(report: DocumentReport, found: Directives, baseline: Baseline | None = None
             ) -> DocumentReport:
    """``report`` with the findings its comments or the baseline accept moved aside (to
    :attr:`~battclaims.checking.DocumentReport.suppressed`, with why)."""
    if not found and baseline is None:
        return report
    path = report.extraction.path or "-"
    kept: list[Finding] = []
    suppressed = list(report.suppressed)
    for finding in report.findings:
        if found.silences(finding.claim.line, finding.verdict):
            suppressed.append((finding, "comment"))
        elif baseline is not None and finding.severity != "info" and baseline.take(path, finding):
            suppressed.append((finding, "baseline"))
        else:
            kept.append(finding)
    return replace(report, findings=tuple(kept), suppressed=tuple(suppressed))
