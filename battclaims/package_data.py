"""Where the files shipped in ``battclaims/data`` lie: next to the code.

A plain path, not :mod:`importlib.resources`: battclaims is installed as files (never run
from a zip archive), and importing ``importlib.resources`` (with ``tempfile``, ``shutil``
and ``zipfile``) took 10-20 ms of every run's start.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
"""The folder of the shipped data files (language files, units, places, schema, claims)."""
