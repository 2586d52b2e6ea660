"""battclaims.fuzzy answers as rapidfuzz does, while scoring only the pairs its bounds let
through — and, on names nowhere near each other, never importing rapidfuzz."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from battclaims.fuzzy import Names, may_reach, reaches

# small alphabets make near pairs common; names as battclaims folds them
TEXT = st.text(alphabet="aeinrst -", max_size=14) | st.text(alphabet="abcdefgh", max_size=6)
CUTOFFS = st.sampled_from([0, 50, 70, 85, 90, 99.5, 100])
ALIASES = ["acc", "automotive cells company", "verkor", "renault group", "groupe renault",
           "stellantis", "prologium", "envision aesc", "aesc", "catl", "byd", "northvolt"]


@settings(max_examples=1000, deadline=None)
@given(TEXT, TEXT, CUTOFFS)
def test_reaches_is_rapidfuzz_ratio_at_a_cutoff(a: str, b: str, cutoff: float) -> None:
    expected = fuzz.ratio(a, b) >= cutoff
    assert reaches(a, b, cutoff) == expected
    if expected:
        assert may_reach(a, b, cutoff)  # the bound never drops a pair that reaches


@settings(max_examples=500, deadline=None)
@given(st.lists(TEXT, max_size=12), TEXT, CUTOFFS)
def test_nearest_is_rapidfuzz_extract_one(names: list[str], query: str, cutoff: float) -> None:
    best = process.extractOne(query, names, scorer=fuzz.ratio, score_cutoff=cutoff)
    assert Names(names).nearest(query, cutoff) == (None if best is None else best[0])


def test_spelling_variants_of_real_names() -> None:
    index = Names(ALIASES)
    assert index.nearest("stellantis", 85) == "stellantis"
    assert index.nearest("stelantis", 85) == "stellantis"
    assert index.nearest("northvolt ab", 85) == "northvolt"  # 200 × 9 / 21 = 85.7
    assert index.nearest("northvolt ett", 85) is None  # 200 × 9 / 22 = 81.8
    assert index.nearest("north volt", 85) == "northvolt"
    assert index.nearest("envision aesc", 85) == "envision aesc"
    assert index.nearest("emmanuel macron", 85) is None
    assert index.candidates("emmanuel macron", 85) == []  # nothing to score
    assert reaches("Stellant", "Stellantis", 85) and not reaches("Renault", "Nissan", 85)


def test_names_far_from_every_alias_need_no_rapidfuzz() -> None:
    code = ("import sys; from battclaims.fuzzy import Names, reaches; "
            f"names = Names({ALIASES!r}); "
            "far = [names.nearest(q, 85) for q in ('dunkerque', 'le figaro', 'bruxelles')]; "
            "print(far, reaches('douvrin', 'verkor', 85), 'rapidfuzz' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["[None,", "None,", "None]", "False", "False"]
