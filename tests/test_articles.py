"""Twelve realistic articles (tests/articles/*.md, French and English, written
for this project) with every quantity annotated by hand in a .yaml beside each.

The annotations were written from the specification, without running the
tool. The test pairs found and annotated quantities on (value, unit, vague),
reports precision and recall, and asserts a floor.
"""

from __future__ import annotations

from pathlib import Path

import yaml

import battclaims

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.md"))
Key = tuple[float | None, str | None, bool]


def _key(value: float | None, unit: str | None, vague: bool) -> Key:
    return (None if value is None else round(float(value), 9), unit, vague)


def test_article_set_precision_and_recall() -> None:
    assert len(ARTICLES) >= 12
    true_positives = false_positives = false_negatives = same_span = 0
    report = []
    for article in ARTICLES:
        annotated = yaml.safe_load(article.with_suffix(".yaml").read_text("utf-8"))
        wanted = [(_key(a["value"], a["unit"], bool(a.get("vague"))), a["text"]) for a in annotated]
        found = [(_key(q.value, q.unit, q.vague), q.text)
                 for q in battclaims.extract_file(str(article)).quantities]
        for key, text in wanted:
            match = next((f for f in found if f[0] == key), None)
            if match is None:
                false_negatives += 1
                report.append(f"{article.name}: missed {text!r} {key}")
            else:
                true_positives += 1
                same_span += match[1] == text
                found.remove(match)
        for key, text in found:
            false_positives += 1
            report.append(f"{article.name}: extra {text!r} {key}")
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    summary = (f"precision {precision:.3f}, recall {recall:.3f}, "
               f"same span {same_span}/{true_positives}\n" + "\n".join(report))
    print(summary)
    assert precision >= 0.97, summary
    assert recall >= 0.97, summary
    assert same_span >= 0.95 * true_positives, summary
