"""The scored matcher that check and diff share: families, names, evidence, confidence,
one-to-one pairing, candidate search. Texts written for these tests."""

from __future__ import annotations

import math

import pytest

import battclaims
from battclaims.diffing import diff
from battclaims.matching import (
    FEATURES,
    CandidateIndex,
    Matcher,
    compare_places,
    evidence,
    family,
    matcher_config,
    same_name,
    same_place,
)
from battclaims.model import Claim


def first(text: str, lang: str) -> Claim:
    return next(c for c in battclaims.extract(text, lang=lang).claims if c.kind == "quantity")


def verdict(a: tuple[str, str], b: tuple[str, str]) -> str | None:
    matcher = Matcher()
    return matcher.verdict(matcher.weigh(first(*a), first(*b)))


def test_families() -> None:
    assert family("gigawatt_hour") == family("gigawatt_hour / year")  # capacity, either way
    assert family("vehicle") == family("vehicle / year")
    assert family("vehicle / week") != family("vehicle")
    assert family("EUR") != family("USD")                      # never converted
    assert family("job") == family("person")


@pytest.mark.parametrize("a,b,same", [
    ("ACC", "Automotive Cells Company", True),
    ("LGES", "LG Energy Solution", True),
    ("Freyr", "Freyr Battery", True),
    ("Prologium", "ProLogium", True),
    ("Northvolt", "Nortvolt", True),                            # a misspelling
    ("Verkor", "Voltaria", False),
    ("CATL", "BYD", False),
])
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


@pytest.mark.parametrize("a,b,same", [
    ("Dunkirk (Dunkerque)", "Dunkerque", True),                # another name of it
    ("Dunkirk (Dunkerque)", "Dunkerquois", True),              # its area
    ("Douai", "Douvrin", False),
    ("Salzgitter", "Sagunto", False),
])
def test_same_place(a: str, b: str, same: bool) -> None:
    assert same_place(a, b) is same


@pytest.mark.parametrize("a,b,expected", [
    ("Dunkerque", "Dunkirk (Dunkerque)", "same"),
    ("France", "Kaiserslautern", "different"),     # a French plant is not one in Germany
    ("France", "Douai", "unknown"),                # it may be that one
    ("Douai", "Metz", "different"),
])
def test_compare_places(a: str, b: str, expected: str) -> None:
    assert compare_places(a, b) == expected


def test_a_precise_figure_agreeing_is_stronger_evidence_than_a_round_one() -> None:
    matcher = Matcher()
    precise = matcher.weigh(first("Le plafond de revenu est de 15 400 euros.", "fr"),
                            first("The income ceiling stands at €15,400.", "en"))
    rounded = matcher.weigh(first("Le plafond de revenu est de 40 000 euros.", "fr"),
                            first("The income ceiling stands at €40,000.", "en"))
    assert precise.features.get("value.precise") == 1.0
    assert "value.precise" not in rounded.features
    assert precise.confidence > rounded.confidence


def test_counted_nouns_of_one_concept_are_one_unit_across_languages() -> None:
    fr = first("Le dispositif a reçu 30 000 dossiers en un mois.", "fr")
    en = first("The scheme received 30,000 applications in a month.", "en")
    assert fr.unit != en.unit                     # "dossier", "application"
    matcher = Matcher()
    assert 0 in matcher.index([en]).candidates(fr)
    assert matcher.weigh(fr, en).features.get("unit.same") == 1.0


def test_a_grant_is_its_giver_s_and_its_receiver_s() -> None:
    given = first("The UK government is backing the plant with a £120 million grant.", "en")
    received = first("Kestrel will receive £120 million of public money for the plant.", "en")
    assert (given.subject, received.subject) == ("uk", "kestrel")
    matcher = Matcher()
    assert matcher.weigh(given, received).subject.verdict == "unknown"
    other = first("Kestrel will invest £120 million in the plant.", "en")
    assert matcher.weigh(given, other).subject.verdict == "different"


def test_a_grant_from_two_public_bodies_is_one_grant_and_a_candidate() -> None:
    paid = first("Berlin et la Bavière verseront près de 600 millions d'euros de subventions "
                 "pour l'usine de Kestrel.", "fr")
    cleared = first("Brussels cleared roughly €600m of state aid for Kestrel's plant.", "en")
    matcher = Matcher()
    assert matcher.weigh(paid, cleared).subject.verdict == "unknown"
    assert 0 in matcher.index([cleared]).candidates(paid)    # (not pruned as another subject)


@pytest.mark.parametrize("a,b,agree", [
    ("Kestrel has orders worth more than $55 billion.",
     "Le carnet de commandes de Kestrel dépasse plus de 50 milliards de dollars.", False),
    ("Kestrel has orders worth more than $50 billion.",
     "Kestrel's order book stands at over $50bn.", True),
    ("Kestrel will create up to 1,200 jobs.", "Kestrel plans up to 1,100 jobs.", False),
])
def test_two_bounds_of_one_direction_compare_as_plain_values(a: str, b: str,
                                                            agree: bool) -> None:
    lang_b = "fr" if "Le carnet" in b else "en"
    assert Matcher().weigh(first(a, "en"), first(b, lang_b)).values.agree is agree


def test_a_pair_lists_the_repeats_of_its_figures() -> None:
    a = battclaims.extract("Kestrel will create 1,500 jobs in Metz.\n\nThe mayor welcomed "
                           "the 1,500 jobs Kestrel will create.", lang="en", path="a.md")
    b = battclaims.extract("Kestrel créera 1 500 emplois à Metz.", lang="fr", path="b.md")
    (pair,) = diff("a.md", [a], "b.md", [b]).pairs
    assert [(x.claim.line, y.claim.line) for x, y in pair.repeats] == [(3, 1)]
    assert pair.to_dict()["repeats"][0]["verdict"] == pair.verdict


def test_a_figure_said_to_be_revised_is_a_new_plan_not_a_conflict() -> None:
    old = first("Kestrel's Metz plant will have four production blocks.", "en")
    new = first("Kestrel's Metz plant will now have two production blocks, replacing the "
                "initial four-block plan.", "en")
    evidence = Matcher().weigh(old, new)
    assert evidence.features.get("revision") == 1.0
    assert Matcher().verdict(evidence) not in ("conflict", "possible-conflict")
    assert "revised" in evidence.text()
    same = first("Kestrel's Metz plant will have three production blocks.", "en")
    assert Matcher().verdict(Matcher().weigh(old, same)) in ("conflict", "possible-conflict")


def test_a_quantity_for_each_counted_thing_is_the_quantity() -> None:
    each = first("Each electric truck carries 540 kWh per truck.", "en")
    pack = first("The trucks use a 540 kWh battery.", "en")
    assert each.unit == "kilowatt_hour / vehicle" and pack.unit == "kilowatt_hour"
    assert family(each.unit) == family(pack.unit)
    assert Matcher().weigh(each, pack).values.agree


def test_a_state_s_money_into_a_project_is_its_grant_too() -> None:
    put = first("L'État apporte 650 millions d'euros au projet de Kestrel.", "fr")
    grant = first("L'État soutient Kestrel à hauteur de 650 millions d'euros.", "fr")
    assert (put.metric, grant.metric) == ("investment", "public_subsidy")
    assert Matcher().weigh(put, grant).metric == "unknown"


def test_a_verb_s_particle_is_no_hedge() -> None:
    assert first("Kestrel handed over 1.7 million cars in 2023.", "en").qualifier is None
    assert first("Kestrel sold over 1.7 million cars in 2023.", "en").qualifier == "lower"


def test_a_headline_figure_the_article_restates_is_paired_through_the_article() -> None:
    a = battclaims.extract("# Voltaria lève 120 millions d'euros\n\nLa start-up Voltaria a "
                           "levé 120 millions d'euros.", lang="fr", path="a.md")
    b = battclaims.extract("# Sodium-Ion Start-up Voltaria Raises €120m\n\nVoltaria has "
                           "raised €120m from investors.", lang="en", path="b.md")
    report = diff("a.md", [a], "b.md", [b])
    assert [(p.a.claim.headline, p.b.claim.headline) for p in report.pairs] == [(False, False)]
    assert {d.side for d in report.duplicates} == {"a", "b"}
    assert all(c.subject == "voltaria" for c in b.claims)


def test_a_metric_disagreement_the_words_contradict_is_no_evidence() -> None:
    support = first("Government support for the project totals £400 million.", "en")
    grant = first("The government's grant to Kestrel is worth £400 million.", "en")
    assert (support.metric, grant.metric) == ("investment", "public_subsidy")
    assert Matcher().weigh(support, grant).metric == "unknown"   # "support" names a grant
    invested = first("Kestrel will invest £400 million in the plant.", "en")
    assert Matcher().weigh(invested, grant).metric == "different"


def test_a_town_acting_in_its_sentence_does_not_contradict_a_company() -> None:
    town = first("Metz a validé un chantier de 700 millions d'euros pour l'usine.", "fr")
    company = first("Voltaria will invest €700 million in its Metz plant.", "en")
    assert town.subject_kind == "city"
    assert Matcher().weigh(town, company).subject.verdict == "unknown"


def test_two_equal_figures_of_one_sentence_are_not_a_duplicate() -> None:
    a = battclaims.extract("Kestrel gets £150 million of public money and a further £150m "
                           "of equity from its shareholder.", lang="en", path="a.md")
    b = battclaims.extract("Kestrel gets £150 million of public money.", lang="en", path="b.md")
    report = diff("a.md", [a], "b.md", [b])
    assert not report.duplicates
    assert [(p.a.claim.text, p.b.claim.text) for p in report.pairs] == [
        ("£150 million", "£150 million")]


@pytest.mark.parametrize("a,b,expected", [
    # the same fact in two languages, other words, other rounding
    (("Voltaria produira 16 GWh de cellules par an dès 2026.", "fr"),
     ("Voltaria's plant will have a capacity of 16 GWh from 2026.", "en"), "agree"),
    (("Hexacell investira 7,34 milliards d'euros à Metz.", "fr"),
     ("Hexacell will invest €7.3bn in Metz.", "en"), "agree"),
    # a changed figure for the same fact
    (("Voltaria emploiera 1 200 salariés à Douai.", "fr"),
     ("Voltaria will employ 2,000 people in Douai.", "en"), "conflict"),
    # look-alikes: other company, direct vs indirect, plant vs company total
    (("Voltaria emploiera 1 200 salariés.", "fr"),
     ("Hexacell will employ 1,200 people.", "en"), None),
    (("Voltaria créera 3 000 emplois directs.", "fr"),
     ("Voltaria will create 3,000 indirect jobs.", "en"), None),
    (("L'usine de Douai de Voltaria produira 40 GWh.", "fr"),
     ("In total, Voltaria will make 40 GWh across its three plants.", "en"), None),
    # other plants of one company
    (("Voltaria's Douai plant will make 12 GWh.", "en"),
     ("Voltaria's Metz plant will make 12 GWh.", "en"), None),
])
def test_evidence_decides(a: tuple[str, str], b: tuple[str, str], expected: str | None) -> None:
    got = verdict(a, b)
    assert (got if got != "related" else None) == expected


def test_evidence_explains_itself() -> None:
    matcher = Matcher()
    ev = matcher.weigh(first("Voltaria produira 16 GWh par an en 2026.", "fr"),
                       first("Voltaria will produce 16 GWh a year in 2026.", "en"))
    text = ev.text()
    assert "same subject (Voltaria)" in text and "both in 2026" in text
    assert 0.9 < ev.confidence <= 1.0
    assert set(ev.features) <= set(FEATURES)
    assert math.isclose(ev.score, sum(matcher.config.weight_of(f) * x
                                      for f, x in ev.features.items()))


def test_weights_and_thresholds_are_data() -> None:
    config = matcher_config()
    assert 0 < config.related < config.pair <= config.conflict < 1
    assert config.weight_of("subject.different") < 0 < config.weight_of("subject.same")
    assert config.weight_of("no.such.feature") == 0.0


def test_diff_pairs_one_to_one_and_keeps_look_alikes_apart() -> None:
    a = battclaims.extract("Voltaria emploiera 1 200 salariés à Douai. "
                           "Hexacell en emploiera 1 200 à Metz.", lang="fr", path="a.md")
    b = battclaims.extract("Voltaria will employ 1,200 people in Douai.", lang="en", path="b.md")
    report = diff("a.md", [a], "b.md", [b])
    assert [(p.a.claim.subject, p.b.claim.subject, p.verdict) for p in report.pairs] == [
        ("voltaria", "voltaria", "agree")]
    assert [c.claim.subject for c in report.only_a] == ["hexacell"]
    pair = report.to_dict()["pairs"][0]
    assert pair["confidence"] > 0.9 and pair["evidence"]["subject"] == "same"


def test_candidates_are_a_few_not_every_pair() -> None:
    def name(n: int) -> str:
        return "Volt" + chr(97 + n % 26) + chr(97 + n // 26 % 26) + "ia"

    refs = [first(f"{name(n)} emploiera {n * 100} salariés.", "fr") for n in range(1, 400)]
    refs += [first(f"{name(n)} investira {n} millions d'euros.", "fr") for n in range(1, 400)]
    index = CandidateIndex(refs)
    subjectless = first("Le site emploiera 5 000 salariés.", "fr")
    found = index.candidates(subjectless)
    assert 0 < len(found) <= CandidateIndex.NEAREST   # same family, nearest values only
    assert all(refs[n].unit == "job" for n in found)
    named = first(f"{name(7)} emploiera 90 000 salariés.", "fr")  # far from its own 700
    assert any(refs[n].subject == name(7).lower() for n in index.candidates(named))


def test_library_check_and_diff(tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "draft.md"
    draft.write_text("Verkor fournira 16 GWh par an au groupe Renault dès 2025.\n", "utf-8")
    report = battclaims.check(str(draft))
    (finding,) = report.documents[0].findings
    assert finding.verdict in ("conflict", "possible-conflict")
    assert finding.evidence is not None and finding.confidence is not None
    other = tmp_path / "other.md"
    other.write_text("Verkor will supply Renault with 16 GWh a year from 2025.\n", "utf-8")
    compared = battclaims.diff(str(draft), str(other))
    assert [p.verdict for p in compared.pairs] == ["agree"] and compared.return_code == 0


def test_two_open_bounds_of_different_dimensions_simply_differ() -> None:
    jobs = battclaims.extract("Le site emploiera plus de 1 200 personnes.", lang="fr").claims[0]
    money = battclaims.extract("L'État versera plus de 1 200 euros par foyer.",
                               lang="fr").claims[0]
    assert (jobs.qualifier, money.qualifier) == ("lower", "lower")
    assert jobs.unit != money.unit
    ev = evidence(jobs, money)
    assert not ev.values.agree
    assert ev.values.text == f"≥ 1,200 {jobs.unit} vs ≥ 1,200 {money.unit}"
