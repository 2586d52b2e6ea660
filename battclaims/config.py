"""Settings from the nearest ``.battclaims.yaml`` (current directory upwards).

    # .battclaims.yaml
    claims: ../newsroom-claims      # the database, relative to this file
    fail_on: warning                # info, warning, error (default) or none
    tolerance: 0.02                 # relative tolerance when comparing values
    duplicate_similarity: 85        # how alike (0-100) two sentences must read for two
                                    # claims with no subject to be one claim said twice
    severity:                       # verdict -> info, warning or error
      unverified: warning

Command-line options override the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .errors import BattclaimsError
from .settings import DEFAULT_SEVERITY, LEVELS, VERDICTS, Settings

CONFIG_NAME = ".battclaims.yaml"
FAIL_LEVELS = (*LEVELS, "none")
KEYS = ("claims", "fail_on", "tolerance", "severity", "duplicate_similarity")


def nearest(start: str | Path | None = None) -> tuple[Path | None, dict[str, Any]]:
    """The nearest configuration file and its settings (empty when there is none)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        path = folder / CONFIG_NAME
        if path.is_file():
            try:
                content = yaml.safe_load(path.read_text("utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as err:
                raise BattclaimsError(f"{path}: invalid YAML: {err}") from None
            if not isinstance(content, dict):
                raise BattclaimsError(f"{path}: settings must be a mapping")
            unknown = sorted(set(content) - set(KEYS))
            if unknown:
                raise BattclaimsError(f"{path}: unknown setting {unknown[0]!r} "
                                      f"(known: {', '.join(KEYS)})")
            return path, content
    return None, {}


def settings(config: Mapping[str, Any], *, fail_on: str | None = None,
             tolerance: float | None = None, where: str = CONFIG_NAME) -> Settings:
    """Check settings from a configuration (and command-line overrides)."""
    fail = fail_on or config.get("fail_on", "error")
    if fail not in FAIL_LEVELS:
        raise BattclaimsError(f"{where}: fail_on {fail!r} must be one of {', '.join(FAIL_LEVELS)}")
    tol = tolerance if tolerance is not None else config.get("tolerance", 0.0)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < 1:
        raise BattclaimsError(f"{where}: tolerance {tol!r} must be a number from 0 to 1")
    severity = dict(DEFAULT_SEVERITY)
    for verdict, level in (config.get("severity") or {}).items():
        if verdict not in DEFAULT_SEVERITY or level not in LEVELS:
            raise BattclaimsError(f"{where}: severity {verdict!r}: {level!r} must map a verdict "
                                  f"({', '.join(VERDICTS)}) to {', '.join(LEVELS)}")
        severity[verdict] = level
    similarity = config.get("duplicate_similarity", 85.0)
    if isinstance(similarity, bool) or not isinstance(similarity, (int, float)) or not (
            0 <= similarity <= 100):
        raise BattclaimsError(f"{where}: duplicate_similarity {similarity!r} must be 0 to 100")
    return Settings(tolerance=float(tol), severity=severity, fail_on=fail,
                    duplicate_similarity=float(similarity))
