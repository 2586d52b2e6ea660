"""Validate battclaims' machine-readable outputs against the formats' own schemas.

The schemas are test data in ``tests/schemas/`` (provenance in ``tests/schemas/README.md``);
nothing is fetched over the network: every validator gets a ``referencing.Registry`` that
holds only those local files and refuses any other URI.

Each ``validate_*`` function returns ``None`` for a valid document and otherwise raises
``AssertionError`` whose message lists *every* violation, one per line, each prefixed by
the path of the offending value (``$.runs[0].results[3].message``).

* :func:`validate_sarif` -- OASIS SARIF 2.1.0 (errata 01) JSON Schema, plus the one
  SARIF rule about ``result.kind``/``result.level`` that JSON Schema cannot express.
* :func:`validate_rdjson` -- reviewdog Diagnostic Format, ``rdjson`` (``DiagnosticResult``).
* :func:`validate_gitlab` -- GitLab Code Quality report (schema written from GitLab's docs).
* :func:`validate_junit` -- JUnit XML against Jenkins xunit-plugin's ``junit-10.xsd``
  (needs the pure-Python ``xmlschema`` package).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import specification_with

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

SARIF_SCHEMA = SCHEMA_DIR / "sarif" / "sarif-schema-2.1.0.json"
RDJSON_SCHEMA = SCHEMA_DIR / "rdjson" / "DiagnosticResult.json"
GITLAB_SCHEMA = SCHEMA_DIR / "gitlab" / "gitlab-code-quality.schema.json"
JUNIT_XSD = SCHEMA_DIR / "junit" / "junit-10.xsd"

# URIs under which the local schemas are registered. SARIF's is the schema's own "id";
# the reviewdog file has no id, so it gets a local name (refs in it are all "#/...").
SARIF_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
RDJSON_URI = "urn:battclaims:test-schema:reviewdog-rdjson-DiagnosticResult"
GITLAB_URI = "urn:battclaims:test-schema:gitlab-code-quality"

_MAX_MESSAGE = 400  # jsonschema messages embed the whole offending value; keep lines readable


# --------------------------------------------------------------------------- schemas


def _load_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _no_network(uri: str) -> Resource:
    """Registry fallback: any reference not in tests/schemas is an error, never a download."""
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    return {
        SARIF_URI: _load_json(SARIF_SCHEMA),
        RDJSON_URI: _load_json(RDJSON_SCHEMA),
        GITLAB_URI: _load_json(GITLAB_SCHEMA),
    }


@cache
def _registry() -> Registry:
    resources = []
    for uri, schema in _schemas().items():
        specification = specification_with(schema["$schema"])
        resources.append((uri, specification.create_resource(schema)))
    return Registry(retrieve=_no_network).with_resources(resources)  # type: ignore[call-arg]


# ------------------------------------------------------------------ format checking
#
# jsonschema checks "uri", "uri-reference" and "date-time" only when optional packages
# (rfc3987, rfc3339-validator) are installed, so results would differ between machines.
# SARIF uses exactly these three formats; check them here, the same everywhere.

_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$"
)


def _is_uri_reference(value: object) -> bool:
    """RFC 3986 URI-reference, character level: no spaces, backslashes or stray '%'."""
    return not isinstance(value, str) or bool(_URI_CHARS.match(value))


def _is_uri(value: object) -> bool:
    """RFC 3986 absolute URI: a valid URI-reference that starts with a scheme."""
    if not isinstance(value, str):
        return True
    return bool(_URI_SCHEME.match(value)) and _is_uri_reference(value)


def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time (what JSON Schema's "date-time" means)."""
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.match(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        datetime(year, month, day, hour, minute, min(second, 59))  # allow a leap second
    except ValueError:
        return False
    if second > 60:
        return False
    if match.group(9) is not None:
        return int(match.group(9)) <= 23 and int(match.group(10)) <= 59
    return True


def _format_checker(cls: type[Any]) -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    checker.checkers = dict(cls.FORMAT_CHECKER.checkers)
    checker.checks("uri")(_is_uri)
    checker.checks("uri-reference")(_is_uri_reference)
    checker.checks("date-time")(_is_date_time)
    return checker


@cache
def _validator(uri: str) -> Any:
    """A validator of the draft named by the schema's own ``$schema``, offline."""
    schema = _schemas()[uri]
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=_registry(), format_checker=_format_checker(cls))


# ------------------------------------------------------------------- error reporting


def _path(parts: Iterable[object]) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _short(message: str) -> str:
    """One line; a long embedded value is cut in the middle so the verdict at the end stays."""
    message = " ".join(message.split())
    if len(message) <= _MAX_MESSAGE:
        return message
    keep = (_MAX_MESSAGE - 5) // 2
    return f"{message[:keep]} ... {message[-keep:]}"


def _describe(error: ValidationError, indent: str = "") -> Iterator[str]:
    yield f"{indent}{_path(error.absolute_path)}: {_short(error.message)}"
    if error.context:  # anyOf / oneOf: say why each alternative failed
        for sub in sorted(error.context, key=lambda e: (list(e.schema_path), e.message)):
            yield from _describe(sub, indent + "    ")


def _schema_violations(uri: str, document: object) -> list[str]:
    errors = sorted(
        _validator(uri).iter_errors(document),
        key=lambda e: ([str(p) for p in e.absolute_path], e.message),
    )
    lines: list[str] = []
    for error in errors:
        lines.extend(_describe(error))
    return lines


def _fail(what: str, violations: list[str]) -> None:
    if violations:
        count = sum(1 for line in violations if not line.startswith(" "))
        raise AssertionError(
            f"{what}: {count} violation(s)\n" + "\n".join(f"  {line}" for line in violations)
        )


# ------------------------------------------------------------------------ validators


def _sarif_kind_level_violations(document: object) -> list[str]:
    """SARIF 2.1.0 §3.27.10: 'If kind (§3.27.9) has any value other than "fail", then if
    level is absent, it SHALL default to "none", and if it is present, it SHALL have the
    value "none".' JSON Schema cannot say this, so it is checked here."""
    lines: list[str] = []
    runs = document.get("runs") if isinstance(document, Mapping) else None
    for r, run in enumerate(runs if isinstance(runs, list) else []):
        results = run.get("results") if isinstance(run, Mapping) else None
        for i, result in enumerate(results if isinstance(results, list) else []):
            if not isinstance(result, Mapping):
                continue
            kind = result.get("kind", "fail")
            if kind != "fail" and "level" in result and result["level"] != "none":
                lines.append(
                    f"{_path(['runs', r, 'results', i, 'level'])}: level {result['level']!r} "
                    f"with kind {kind!r}; SARIF §3.27.10 requires level 'none' (or absent) "
                    f"when kind is not 'fail'"
                )
    return lines


def validate_sarif(document: dict[str, Any]) -> None:
    """Assert *document* is a valid SARIF 2.1.0 log (OASIS schema + §3.27.10 kind/level)."""
    violations = _schema_violations(SARIF_URI, document)
    violations += _sarif_kind_level_violations(document)
    _fail("SARIF 2.1.0 log is invalid", violations)


def validate_rdjson(document: dict[str, Any]) -> None:
    """Assert *document* is a valid reviewdog ``rdjson`` DiagnosticResult."""
    violations = _schema_violations(RDJSON_URI, document)
    _fail("rdjson (reviewdog DiagnosticResult) is invalid", violations)


def validate_gitlab(document: list[Any], *, unique_fingerprints: bool = True) -> None:
    """Assert *document* is a valid GitLab Code Quality report.

    With ``unique_fingerprints`` (the default) repeated fingerprints are violations too:
    GitLab shows findings with the same fingerprint as one entry in the merge request
    widget, so a repeated fingerprint silently hides a finding there.
    """
    violations = _schema_violations(GITLAB_URI, document)
    if unique_fingerprints and isinstance(document, list):
        first_seen: dict[str, int] = {}
        for index, issue in enumerate(document):
            fingerprint = issue.get("fingerprint") if isinstance(issue, Mapping) else None
            if not isinstance(fingerprint, str):
                continue
            if fingerprint in first_seen:
                violations.append(
                    f"{_path([index, 'fingerprint'])}: fingerprint {fingerprint!r} repeats "
                    f"{_path([first_seen[fingerprint], 'fingerprint'])}"
                )
            else:
                first_seen[fingerprint] = index
    _fail("GitLab Code Quality report is invalid", violations)


@cache
def _junit_schema() -> Any:
    try:
        import xmlschema
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "validate_junit needs the 'xmlschema' package (pure Python, PyPI); "
            "it belongs in the 'test' extra of pyproject.toml"
        ) from exc
    return xmlschema.XMLSchema(str(JUNIT_XSD))


def validate_junit(xml_text: str) -> None:
    """Assert *xml_text* is well-formed XML valid against ``junit-10.xsd``."""
    import xmlschema

    schema = _junit_schema()
    if not isinstance(xml_text, str) or not xml_text.lstrip().startswith("<"):
        # xmlschema would take any other string for a file name or URL.
        raise AssertionError(f"JUnit XML is invalid: not an XML document: {xml_text!r:.80}")
    try:
        # allow="none": the document may not pull in anything (no network, no files);
        # defuse="always": parse with entity expansion disabled.
        resource = xmlschema.XMLResource(xml_text, allow="none", defuse="always")
        errors = list(schema.iter_errors(resource))
    except xmlschema.XMLResourceError as exc:
        raise AssertionError(f"JUnit XML is not well-formed: {exc}") from exc
    violations = [
        f"{error.path or '/'}: {_short(error.reason or error.message)}" for error in errors
    ]
    _fail("JUnit XML is invalid against junit-10.xsd", violations)


__all__ = [
    "GITLAB_SCHEMA",
    "JUNIT_XSD",
    "RDJSON_SCHEMA",
    "SARIF_SCHEMA",
    "SCHEMA_DIR",
    "validate_gitlab",
    "validate_junit",
    "validate_rdjson",
    "validate_sarif",
]
