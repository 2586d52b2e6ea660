"""Findings as a linter reports them: one located annotation per finding, the same for
``check`` and ``diff``, so that every linter format (concise, GitHub, GitLab, SARIF,
rdjson, JUnit) is written once and serves both commands.

A ``check`` finding is located at its claim. A ``diff`` pair is located at its claim
in B (the newer text) and names its counterpart in A; a repeated claim inside
either side is a ``duplicate`` at the repeat.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..hashes import sha256
from ..records import record
from ..suppression import fingerprint

if TYPE_CHECKING:  # pragma: no cover
    from ..checking import DocumentReport, Finding, Report
    from ..diffing import DiffReport, Pair
    from ..model import Claim

HOMEPAGE = "https://github.com/battclaims/battclaims"
"""Where the tool is documented; SARIF's ``informationUri`` and the rules' help."""


@record
class Rule:
    """A verdict as a linter rule."""

    short: str
    full: str
    help: str

    @property
    def uri(self) -> str:
        """The README's table of verdicts (in the check section)."""
        return f"{HOMEPAGE}#check"


RULES: dict[str, Rule] = {
    "conflict": Rule(
        "The figure contradicts a current reference claim.",
        "The claim states the same fact as a current claim of the reference database (same "
        "subject and metric, compatible dates) but the values do not overlap, even with the "
        "bounds the wording implies and the tolerance.",
        "Check the figure against the reference and its source. If the draft is right, "
        "update or supersede the reference claim; if the reference is right, fix the draft."),
    "time-conflict": Rule(
        "The figure matches a reference claim but not its date.",
        "The claim states the same fact and value as a reference claim with another date "
        "(\"from 2025\" vs \"from 2027\"). Another date and another value would be two "
        "milestones, not a conflict.",
        "Check the date against the reference's source; fix the draft or the reference."),
    "possible-conflict": Rule(
        "The figure may contradict a reference claim.",
        "A conflict or time-conflict that the matcher is not sure is the same fact: its "
        "confidence is below the conflict threshold of matching.yaml.",
        "Read the reference named: if it is the same fact, fix the figure; if not, "
        "nothing to do (suppress the finding with a comment or the baseline)."),
    "outdated": Rule(
        "The figure matches a reference claim that was superseded.",
        "The claim agrees with a reference claim whose status is superseded or retracted; "
        "the current claim is named in the message.",
        "Use the current figure, or say that the figure is an old one."),
    "duplicate": Rule(
        "The same claim is stated earlier in the document.",
        "The same figure about the same subject and metric, at the same time, was already "
        "stated earlier in the document (a repeated paragraph, a copy-paste).",
        "Remove the repetition, or suppress the finding if it is deliberate."),
    "confirmed": Rule(
        "The figure agrees with a current reference claim.",
        "The claim states the same fact as a current reference claim and the values and "
        "dates agree.",
        "Nothing to do."),
    "unverified": Rule(
        "No reference claim states the same fact.",
        "The reference database holds no claim on this subject and metric (its nearest "
        "look-alike, if any, is named).",
        "Verify the figure by hand; add it to the database with `battclaims claims add` "
        "from a trusted source."),
    "vague": Rule(
        "A vague magnitude, which cannot be checked.",
        "\"Des milliers d'emplois\", \"several hectares\": a magnitude with no figure.",
        "Nothing to do, or give the figure."),
    "agree": Rule(
        "The two texts state the same fact and agree.",
        "diff paired the claim with a claim of the other text stating the same fact; the "
        "values and dates agree.",
        "Nothing to do."),
}

PASS_VERDICTS = frozenset({"confirmed", "agree"})
"""Verdicts that say the figure is right: SARIF ``kind: pass``."""


@record
class Annotation:
    """One finding at one place of one file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    """Just past the claim (1-based, exclusive)."""
    verdict: str
    severity: str
    """``info``, ``warning`` or ``error``."""
    failing: bool
    """Reaches the failing severity (``--fail-on``) of its file."""
    message: str
    """The claim in quotes and the explanation."""
    text: str
    """The claim as written."""
    fingerprint: str
    """Stable across moved lines: the verdict and the normalised claim."""
    related: tuple[tuple[str, int, int, str], ...] = ()
    """Other places the finding involves: (path, line, column, text)."""
    properties: dict[str, Any] = field(default_factory=dict)
    """subject, metric, reference id, confidence: for the formats that carry them."""

    @property
    def kind(self) -> str:
        """SARIF's kind: ``fail`` for warnings and errors, else ``pass`` for a figure
        that agrees, ``informational`` for the rest."""
        if self.severity != "info":
            return "fail"
        return "pass" if self.verdict in PASS_VERDICTS else "informational"


LABELS = {"only_a": "only in A", "only_b": "only in B", "related": "look-alike"}
"""How the summary line names what is not a verdict."""


@record(frozen=False)
class Summary:
    """What a run found: counts, failing findings, suppressions and input errors."""

    counts: Counter[str] = field(default_factory=Counter)
    failing: int = 0
    suppressed: Counter[str] = field(default_factory=Counter)
    errors: list[Any] = field(default_factory=list)
    documents: int = 0
    fail_on: str = "error"

    def line(self) -> str:
        """``1 document; 2 conflict, 3 confirmed; 1 suppressed (1 by comment); 2 at or
        above error``."""
        counts = ", ".join(f"{n} {LABELS.get(verdict, verdict)}"
                           for verdict, n in self.counts.items() if n)
        parts = [f"{self.documents} document{'' if self.documents == 1 else 's'}",
                 counts or ("no findings left" if self.suppressed else "no claims")]
        if self.suppressed:
            parts.append(f"{sum(self.suppressed.values())} suppressed ("
                         + ", ".join(f"{n} by {why}" for why, n in
                                     sorted(self.suppressed.items())) + ")")
        if self.errors:
            parts.append(f"{len(self.errors)} input error{'' if len(self.errors) == 1 else 's'}")
        parts.append(f"{self.failing} at or above {self.fail_on}")
        return "; ".join(parts)


def end_of(claim: Claim) -> tuple[int, int]:
    """The line and column just past the claim in its file (for HTML, in the source)."""
    if claim.end_line:
        return claim.end_line, claim.end_column
    lines = claim.text.split("\n")  # a claim made by hand, without its end
    if len(lines) == 1:
        return claim.line, claim.column + len(claim.text)
    return claim.line + len(lines) - 1, len(lines[-1]) + 1


def _located(path: str, claim: Claim, verdict: str, severity: str, failing: bool,
             message: str, print_: str, **extra: Any) -> Annotation:
    end_line, end_column = end_of(claim)
    return Annotation(path, claim.line, claim.column, end_line, end_column, verdict, severity,
                      failing, message, claim.text, print_, **extra)


def from_finding(path: str, finding: Finding, failing: bool) -> Annotation:
    claim = finding.claim
    related: tuple[tuple[str, int, int, str], ...] = ()
    if finding.first is not None:
        related = ((path, finding.first.line, finding.first.column, finding.first.text),)
    properties = {"subject": claim.subject, "metric": claim.metric,
                  "reference": finding.reference.id if finding.reference else None,
                  "confidence": (round(finding.confidence, 3)
                                 if finding.confidence is not None else None)}
    return _located(path, claim, finding.verdict, finding.severity, failing,
                    f"“{claim.text}”: {finding.explanation}",
                    fingerprint(claim, finding.verdict), related=related, properties=properties)


def check_annotations(report: DocumentReport) -> list[Annotation]:
    """The findings of one checked document, in document order."""
    path = report.extraction.path or "-"
    return [from_finding(path, f, report.settings.fails(f.severity)) for f in report.findings]


def check_summary(report: Report) -> Summary:
    counts: Counter[str] = Counter()
    for document in report.documents:
        counts.update(document.counts())
    return Summary(Counter({v: n for v, n in counts.items() if n}), len(report.failing()),
                   report.suppressed(), list(report.errors), len(report.documents),
                   report.fail_on)


def _pair_annotation(report: DiffReport, pair: Pair, failing: bool) -> Annotation:
    a, b = pair.a, pair.b
    severity = report.settings.level(pair.verdict)
    key = sha256(f"{fingerprint(a.claim, pair.verdict)}:"
                 f"{fingerprint(b.claim, pair.verdict)}".encode()).hexdigest()[:20]
    where = f"{a.path or '<text>'}:{a.claim.line}:{a.claim.column}"
    message = f"“{b.claim.text}” vs “{a.claim.text}” ({where}): {pair.explanation}"
    properties = {"subject": b.claim.subject, "metric": b.claim.metric,
                  "confidence": (round(pair.confidence, 3)
                                 if pair.confidence is not None else None)}
    return _located(b.path or "-", b.claim, pair.verdict, severity, failing, message, key,
                    related=((a.path or "-", a.claim.line, a.claim.column, a.claim.text),),
                    properties=properties)


def diff_annotations(report: DiffReport) -> Iterator[Annotation]:
    """A diff's pairs (at their claim in B) and the repeats inside either side (the
    formats put them in file order)."""
    failing = {id(item) for item in report.failing()}
    for pair in report.pairs:
        yield _pair_annotation(report, pair, id(pair) in failing)
    severity = report.settings.level("duplicate")
    for repeat in report.duplicates:
        claim, first, path = repeat.claim, repeat.first, repeat.path or "-"
        yield _located(path, claim, "duplicate", severity, id(repeat) in failing,
                       f"“{claim.text}”: repeats line {first.line}:{first.column} "
                       f"(“{first.text}”)", fingerprint(claim, "duplicate"),
                       related=((path, first.line, first.column, first.text),))


DIFF_COUNTS = ("agree", "conflict", "time-conflict", "possible-conflict", "related",
               "only_a", "only_b", "duplicate")
"""What a diff's summary counts, in this order."""


def diff_summary(report: DiffReport) -> Summary:
    counts = Counter(p.verdict for p in report.pairs)
    counts.update(related=len(report.related), only_a=len(report.only_a),
                  only_b=len(report.only_b), duplicate=len(report.duplicates))
    ordered = Counter({name: counts[name] for name in DIFF_COUNTS if counts[name]})
    documents = len({x.path for p in (*report.pairs, *report.related) for x in (p.a, p.b)}
                    | {x.path for x in (*report.only_a, *report.only_b)}
                    | {r.path for r in report.duplicates})
    return Summary(ordered, len(report.failing()), Counter(), list(report.errors), documents,
                   report.settings.fail_on)
