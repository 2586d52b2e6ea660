"""battclaims.patterns: a pattern's program, kept in the user cache, gives the pattern
re.compile gives — same program, same matches — cold, warm, or with a broken cache."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from battclaims import patterns

PATTERNS = [
    (r"(?P<value>\d{1,3}(?:[ \u202f.]\d{3})+|\d+)(?:,(?P<decimals>\d+))?", 0),
    (r"\b(?:d'ici|avant|à partir de)\s+(?:fin\s+)?(\d{4})\b", re.I),
    (r"(?<![\w-])[\w-]+(?:\.[\w-]+)*\.(?:pdf|docx?)\b", 0),
    (r"^(?: {4}| {0,3}\t)[ \t]*[^ \t\n]", re.M),
    (r"""\s*\[\[?\s*((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*\]""", 0),
    (r"(?P<a>[A-Z][^\W\d_]+) (?P=a)", 0),
    (r"<!--.*?-->", re.S),
    (r"""(?x) (?=[hHfF]) (?: https? | ftp ) :// \S+  # a link""", 0),
    (r"[^\x00-@\[-\xbf\xd7\xdf-\xff](?<=[^\W\d_])", 0),
    (r"(a)|(b)", re.I | re.M),
]
TEXTS = ["Verkor fournira 16 GWh d'ici fin 2025 ; 1 200 emplois, 12,5 %.",
         "see rapport_2024.pdf\n    code\nAVANT 2030", "<!-- note\n -->Tata Tata Motors",
         "https://example.org/x and [tool.battclaims]"]

RUN = """
import json, re, sys
from battclaims import patterns
cases = json.loads(sys.argv[1])
for pattern, flags in cases:
    compiled = patterns.compile(pattern, flags)
    expected = re.compile(pattern, flags)
    assert compiled == expected, pattern  # (same pattern, flags and program)
    for text in json.loads(sys.argv[2]):
        assert ([m.span() for m in compiled.finditer(text)]
                == [m.span() for m in expected.finditer(text)]), pattern
        assert compiled.groupindex == expected.groupindex and compiled.groups == expected.groups
print("ok")
"""


def run(cache: Path | str) -> str:
    done = subprocess.run([sys.executable, "-c", RUN, json.dumps(PATTERNS), json.dumps(TEXTS)],
                          capture_output=True, text=True,
                          env=dict(os.environ, BATTCLAIMS_CACHE=str(cache)))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def cached(cache: Path) -> list[Path]:
    return sorted(cache.glob("patterns-*.marshal"))


def test_programs_are_kept_and_given_back_as_compiled(tmp_path: Path) -> None:
    assert run(tmp_path) == "ok"  # cold: compiled and kept
    [kept] = cached(tmp_path)
    size = kept.stat().st_size
    assert run(tmp_path) == "ok"  # warm: from the cache, nothing new to keep
    assert kept.stat().st_size == size


@pytest.mark.parametrize("garbage", [b"", b"not marshal", b"\xe9" * 40])
def test_a_broken_cache_is_compiled_anew(tmp_path: Path, garbage: bytes) -> None:
    assert run(tmp_path) == "ok"
    [kept] = cached(tmp_path)
    kept.write_bytes(garbage)
    assert run(tmp_path) == "ok"
    assert kept.read_bytes() != garbage  # written anew


def test_a_program_the_engine_refuses_is_compiled_anew(tmp_path: Path) -> None:
    """A program that is not one (a cache written by a changed engine) is compiled from
    the pattern: the engine checks a program before it runs it."""
    import marshal

    assert run(tmp_path) == "ok"
    [kept] = cached(tmp_path)
    programs = marshal.loads(kept.read_bytes())
    for key, (flags, code, groups, index, names) in programs.items():
        programs[key] = (flags, [999, *code[1:]], groups, index, names)
    kept.write_bytes(marshal.dumps(programs))
    assert run(tmp_path) == "ok"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_others_may_write_is_not_read(tmp_path: Path) -> None:
    assert run(tmp_path) == "ok"
    [kept] = cached(tmp_path)
    kept.chmod(0o666)
    assert run(tmp_path) == "ok"
    assert not kept.stat().st_mode & 0o022  # not read: compiled and written anew


def test_no_cache_when_it_is_off() -> None:
    assert run("off") == "ok"
    assert patterns.compile(r"\d+ GWh").findall("16 GWh, 2 GWh") == ["16 GWh", "2 GWh"]
