"""What a figure is about: names outside the entity list, the document's context, agents,
places, facilities and scope. Texts written for these tests (fr/en)."""

from __future__ import annotations

import pytest

import battclaims


def claims(text: str, lang: str) -> list[battclaims.Claim]:
    return [c for c in battclaims.extract(text, lang=lang, path="x.md").claims
            if c.kind == "quantity"]


def about(text: str, lang: str) -> list[tuple[str | None, str | None]]:
    return [(c.subject, c.subject_source) for c in claims(text, lang)]


@pytest.mark.parametrize("text,lang,expected", [
    # organisations outside the entity list, by the form of their name
    ("Nordcell AB will invest €2 billion in Sweden.", "en", "nordcell"),
    ("La start-up Voltaria emploiera 350 salariés.", "fr", "voltaria"),
    ("Kestrel Batteries Ltd plans 6 GWh of capacity.", "en", "kestrel"),  # its own name
    ("Sunvolt Energy will build a 12 GWh plant.", "en", "sunvolt"),
    ("QuantaCell a levé 40 millions d'euros.", "fr", "quantacell"),
    # a person is never the subject; their company is
    ("Emmanuel Macron a annoncé que Voltaria créera 800 emplois.", "fr", "voltaria"),
    # a place is never preferred to an owner
    ("À Douvrin, Voltaria produira 8 GWh par an.", "fr", "voltaria"),
    # analysts are cited, not what figures are about
    ("Selon BloombergNEF, les prix des packs ont baissé de 20 %.", "fr", None),
    ("Battery pack prices fell 20% this year, according to Benchmark Minerals.", "en", None),
])
def test_subject_named_in_the_sentence(text: str, lang: str, expected: str | None) -> None:
    (claim,) = claims(text, lang)
    assert claim.subject == expected, claim


def test_title_and_anaphors_give_the_context() -> None:
    text = ("# Hexacell choisit la Moselle pour sa nouvelle usine\n\n"
            "Le fabricant, dont Renault détient 20 % du capital, construira le site à "
            "Hambach. Le groupe y investira 900 millions d'euros.\n\n"
            "L'usine emploiera 600 personnes.\n")
    found = claims(text, "fr")
    assert [(c.text, c.subject, c.subject_source) for c in found] == [
        ("20 %", "renault", "text"),                       # "dont Renault détient 20 %"
        ("900 millions d'euros", "hexacell", "context"),  # "Le groupe": not the shareholder
        ("600 personnes", "hexacell", "context"),         # "L'usine": the plant's owner
    ]
    assert found[1].subject_via == "“Le groupe”"


def test_a_sentence_with_no_name_takes_the_paragraph_then_the_title() -> None:
    text = ("# Orbion Power Picks Georgia for Separator Plant\n\n"
            "The plant will cost $1.1 billion.\n\n"
            "Lithara said it would hire 200 engineers. It expects 300 more next year.\n")
    found = claims(text, "en")
    assert [(c.subject, c.subject_source, c.subject_via) for c in found] == [
        ("orbion", "context", "“The plant”"),
        ("lithara", "text", "named in the sentence"),
        ("lithara", "context", "named earlier in the paragraph"),
    ]


def test_acronym_and_expansion_are_one_entity() -> None:
    text = ("Galvania Energy Storage (GES) opens a 4 GWh plant. "
            "GES will employ 700 people there.")
    assert {c.subject for c in claims(text, "en")} == {"galvania-energy-storage"}


def test_passive_agent_and_relative_clause() -> None:
    assert about("Ionova is 40% owned by Sunvolt Energy.", "en") == [("sunvolt", "text")]
    assert about("Batterix, in which Hexacell holds 35%, makes 2 GWh of cells.", "en") == [
        ("hexacell", "text"), ("batterix", "text")]


def test_government_and_country_as_agents() -> None:
    assert about("L'État accordera 150 millions d'euros à Voltaria.", "fr") == [
        ("france", "text")]
    assert about("En France, les immatriculations ont progressé de 12 %.", "fr") == [
        ("france", "text")]
    # a place named only by an adjective, when nothing else is named
    assert about("Le marché automobile français a reculé de 3 %.", "fr") == [
        ("france", "text")]


def test_dateline_names_no_subject() -> None:
    text = "BUDAPEST, 12 août (Xinhua) -- Hexacell investira 7 milliards d'euros."
    assert about(text, "fr") == [("hexacell", "text")]


def test_facility_and_scope() -> None:
    text = ("Voltaria construira son usine à Dunkerque. Le site produira 16 GWh par an. "
            "Au total, le groupe vise 40 GWh dans ses trois usines.")
    found = claims(text, "fr")
    assert [(c.text, c.facility, c.scope) for c in found] == [
        ("16 GWh par an", "Dunkirk (Dunkerque)", "plant"),
        ("40 GWh", None, "company"),
        ("trois usines", None, "company"),
    ]
    english = claims("Kestrel's Blyth plant will make 30 GWh a year.", "en")
    assert english[0].facility == "Blyth"


def test_organisations_acting_together_are_their_joint_venture() -> None:
    (claim,) = claims("Hexacell et Voltaria investiront 4 milliards d'euros.", "fr")
    assert (claim.subject, claim.subject_name, claim.partners) == (
        "hexacell-voltaria-jv", "Hexacell-Voltaria JV", ("hexacell", "voltaria"))
    # past an apposition, and in the title for the sentences after it
    (apposed,) = claims("Kestrel et le fabricant suédois de cellules Voltaria investiront "
                        "3 milliards d'euros.", "fr")
    assert apposed.subject == "kestrel-voltaria-jv"
    text = ("# Kestrel and Voltaria Cells Team Up on a Plant in Spain\n\n"
            "The plant will employ 2,500 people.")
    (later,) = claims(text, "en")
    assert (later.subject, later.subject_source) == ("kestrel-voltaria-jv", "context")
    # a venture named after the marker
    (named,) = claims("Kestrel and Umbra join forces in Solvane, which will make 20 GWh a year.",
                      "en")
    assert (named.subject, named.partners) == ("solvane", ("kestrel", "umbra"))


def test_organisations_named_together_but_not_acting_together() -> None:
    # each alone
    found = claims("Kestrel and Umbra will employ 1,000 and 2,000 people respectively.", "en")
    assert {c.subject for c in found} <= {"kestrel", "umbra"}
    # the partners of another organisation
    (claim,) = claims("Kestrel, Umbra and Norvane are shareholders of Solvane, which employs "
                      "900 people.", "en")
    assert claim.subject == "solvane"
    # a unit is filed under its group
    (unit,) = claims("PowerCo will invest €3 billion in Salzgitter.", "en")
    assert (unit.subject, unit.subject_name) == ("volkswagen", "PowerCo (Volkswagen)")


def test_subject_fields_in_json() -> None:
    out = battclaims.extract("L'entreprise Voltaria emploie 300 salariés.", lang="fr").to_dict()
    claim = out["claims"][0]
    assert {"subject", "subject_name", "subject_kind", "subject_source", "facility", "scope",
            "partners", "terms", "headline"} <= set(claim)
    assert (claim["subject_name"], claim["subject_source"]) == ("Voltaria", "text")


def test_headline_kicker_and_coordinated_complements() -> None:
    text = ("# Montmélian : la start-up Alpencell inaugure son usine\n\n"
            "Le site emploiera 140 personnes.\n")
    assert about(text, "fr") == [("alpencell", "context")]
    text = ("# Ionova to build a cathode plant in Poland\n\n"
            "When the joint venture between Sunvolt and Hexacell was announced, it was said "
            "that production of 20 GWh would start in 2025.\n")
    assert about(text, "en") == [("ionova", "context")]


def test_a_person_named_alone_in_the_title_is_not_the_subject() -> None:
    # "Dufresne" alone in the title is the minister named in full with a title later
    text = ("# France : Dufresne annonce une usine de batteries à Metz\n\n"
            "Un milliard d'euros d'investissement, a déclaré le ministre Paul Dufresne.")
    (claim,) = claims(text, "fr")
    assert claim.subject != "dufresne"


def test_asides_and_governments_after_the_figure_are_not_subjects() -> None:
    # names in brackets after the figure are examples, not who the figure is about
    (debt, *_) = claims("La société affiche 2 milliards d'euros de dettes, face à la "
                        "concurrence (Hexacell, Voltaria).", "fr")
    assert debt.subject is None
    # a government as the object after the figure does not own it
    (jobs,) = claims("The plant in Metz will create 1,500 jobs and contribute to the French "
                     "government's industrial plan.", "en")
    assert jobs.subject != "france"


def test_a_plant_known_by_its_country_or_by_a_demonym() -> None:
    # the title names a plant by its country; "le site" is that plant later
    text = ("# Voltaria lance sa gigafactory française\n\n"
            "Le site produira 20 GWh par an d'ici 2028.")
    (claim,) = claims(text, "fr")
    assert (claim.subject, claim.facility) == ("voltaria", "France")
    # "the German site" is the plant named earlier in Germany, not the last one named
    text = ("# Voltaria pauses its plants\n\n"
            "Voltaria has paused its plants in Kaiserslautern and in Termoli. "
            "The German site was designed for 30 GWh.")
    (german,) = claims(text, "en")
    assert german.facility == "Kaiserslautern"


def test_a_total_of_the_plant_is_the_plant_s() -> None:
    text = ("# Voltaria ouvre son usine de Metz\n\n"
            "Cette usine compte au total 3 blocs de production.")
    (claim,) = claims(text, "fr")
    assert claim.scope != "company"
    (company,) = claims("Voltaria emploie 5 000 personnes au total dans ses usines.", "fr")
    assert company.scope == "company"


def test_a_name_in_a_relative_aside_is_not_the_agent() -> None:
    text = ("# Voltaria weighs options for its Metz site\n\n"
            "The Metz site, which is a former Hexacell plant, could make cheaper cells. "
            "The plant would employ 900 people.")
    (claim,) = claims(text, "en")
    assert claim.subject == "voltaria"


def test_a_plant_with_one_known_operator_is_that_company_s() -> None:
    # the entity list knows Envision AESC has a plant in Douai, and no one else
    text = ("# Le président annonce une usine de batteries à Douai\n\n"
            "L'usine emploiera 1 200 personnes.")
    (claim,) = claims(text, "fr")
    assert (claim.subject, claim.subject_source, claim.facility) == (
        "envision-aesc", "context", "Douai")
    assert "entity list" in (claim.subject_via or "")
    # Dunkirk has two (Verkor and ProLogium): no one
    (dunkirk,) = claims("# Une usine de batteries à Dunkerque\n\nL'usine emploiera 900 "
                        "personnes.", "fr")
    assert dunkirk.subject is None or dunkirk.subject_kind != "company"
    # a company named in the sentence always wins
    (named,) = claims("Hexacell will build a plant in Douai employing 700 people.", "en")
    assert named.subject == "hexacell"


def test_a_quoted_name_after_a_noun_is_not_an_organisation() -> None:
    text = ("# Voltaria pose la première pierre de son usine\n\n"
            "Sur la zone « Grands Travaux » du port, 200 modules ont été livrés.")
    (claim,) = claims(text, "fr")
    assert claim.subject == "voltaria"


def test_french_y_is_the_plant_spoken_of_but_not_in_il_y_a() -> None:
    text = ("# Voltaria inaugure son usine de Metz\n\n"
            "Le site produira 8 GWh par an. 900 salariés y travailleront d'ici 2027.")
    found = claims(text, "fr")
    assert [c.facility for c in found] == ["Metz", "Metz"]
    text = ("# Voltaria inaugure son usine de Metz\n\n"
            "Le site produira 8 GWh par an. Il y a 900 candidats pour 300 postes en France.")
    elsewhere = claims(text, "fr")[1:]
    assert all(c.facility is None for c in elsewhere)


def test_the_union_is_not_the_continent() -> None:
    (aid,) = claims("L'UE débloque 2 milliards d'euros pour les batteries.", "fr")
    (market,) = claims("Europe will need 900 GWh of cells by 2030.", "en")
    assert (aid.subject, market.subject) == ("eu", "europe")


def test_companies_named_together_that_each_have_something_are_not_a_venture() -> None:
    (claim,) = claims("Les constructeurs Hexacell, Voltaria et Kestrel ont tous des usines "
                      "en Pologne, qui emploient 9 000 personnes.", "fr")
    assert not (claim.subject or "").endswith("-jv")


def test_a_model_and_its_number_is_a_product_and_a_source_s_phrase_is_cited() -> None:
    found = claims("Kestrel a vendu 9 000 voitures en mai, selon les chiffres du cabinet "
                   "Autovista, et son modèle le plus vendu est la Vela 3, avec 4 000 unités.",
                   "fr")
    assert [c.subject for c in found] == ["kestrel", "kestrel"]


def test_a_list_of_names_does_not_close_a_relative_clause() -> None:
    (claim,) = claims("Voltaria, which supplies Hexacell, Kestrel and Umbra from the site, "
                      "plans to spend $900 million on the upgrade.", "en")
    assert claim.subject == "voltaria"


def test_a_small_town_is_a_place_when_a_plant_is_known_there_or_before_ou() -> None:
    # Billy-Berclau (too small for the place list) is where the entity list puts an ACC plant
    (acc,) = claims("La coentreprise concentre ses efforts sur Billy-Berclau, qui compte "
                    "800 salariés.", "fr")
    assert acc.subject_kind == "city"  # not an organisation named "Billy-Berclau"
    (town,) = claims("Voltaria mise sur Saint-Avoldec, où travaillent 300 salariés.", "fr")
    assert town.subject == "voltaria"


def test_the_agent_of_a_passive_owns_a_share_not_the_figure_of_another_agent() -> None:
    (raised,) = claims("La start-up Voltaria a bouclé une levée de fonds de 90 millions "
                       "d'euros menée par Bpifrance.", "fr")
    (share,) = claims("Voltaria is 40 % owned by Hexacell.", "en")
    (jobs,) = claims("Les 800 emplois seront créés par Voltaria.", "fr")
    assert (raised.subject, share.subject, jobs.subject) == ("voltaria", "hexacell", "voltaria")


def test_a_town_s_name_is_the_organisation_the_document_names_in_full() -> None:
    # Tata is also a town in Hungary; "Tata Group" in the text makes "Tata" the group
    text = ("# Tata Confirms Battery Plant\n\n"
            "India's Tata Group will build the plant. Tata said it would create 4,000 jobs.")
    (claim,) = claims(text, "en")
    assert claim.subject == "tata" and claim.subject_kind != "city"


def test_a_plant_s_own_town_before_the_city_it_is_near() -> None:
    (claim,) = claims("Kestrel wants to raise output at its Grünheide plant near Berlin to "
                      "400,000 vehicles.", "en")
    assert claim.facility == "Grünheide"


def test_a_region_in_brackets_is_not_an_agent() -> None:
    (claim,) = claims("Cette somme financera sa future usine de Saint-Avold (Moselle), qui "
                      "doit produire 8 GWh par an.", "fr")
    assert claim.subject != "moselle"


def test_a_country_in_the_possessive_before_a_company_is_where_it_is_from() -> None:
    (claim,) = claims("India's Kestrel Group will build a £2bn plant in Britain.", "en")
    assert claim.subject == "kestrel"
    # carmakers whose names are also towns are the carmakers
    (honda,) = claims("Kestrel and Honda will share a 40 GWh plant.", "en")
    assert honda.subject_kind != "city" and honda.facility != "Honda"


def test_a_plant_s_measure_in_a_story_about_one_plant_is_that_plant_s() -> None:
    text = ("# Voltaria construira son usine à Metz\n\n"
            "Voltaria va construire une usine de voitures électriques à Metz. "
            "La production doit démarrer en 2026 avec une capacité de 90 000 véhicules par an. "
            "Le groupe emploie 12 000 personnes dans le monde.")
    capacity, staff = claims(text, "fr")[-2:]
    assert (capacity.facility, capacity.scope) == ("Metz", "plant")
    assert staff.facility is None            # a workforce is not a plant's own measure


def test_a_name_that_opens_a_compound_name_is_not_the_compound() -> None:
    text = ("# Kestrel Voltaria Batteries Picks a Site\n\n"
            "Kestrel Voltaria Batteries will build the plant. Kestrel, the Chinese partner, "
            "will invest €500m in its own plant in Germany.")
    (claim,) = claims(text, "en")
    assert claim.subject == "kestrel"
    (freyr,) = claims("# Nordvale Battery Builds a Plant\n\nNordvale will invest €300m.", "en")
    assert freyr.subject == "nordvale"           # "Nordvale Battery" is Nordvale


def test_inflected_ordinary_words_and_the_language_s_own_nouns_are_not_names() -> None:
    text = ("# Battery Pack Prices Post Steepest Fall in Years\n\n"
            "Carmakers are racing to cut prices. Pack prices fell to $110/kWh.")
    found = claims(text, "en")
    assert all(c.subject not in ("steepest", "carmakers") for c in found)



def test_a_market_s_measure_is_the_country_s_not_the_company_of_the_title() -> None:
    text = ("# Danish EV Share Tops 80% as Voltaria Gains Ground in Denmark\n\n"
            "Electric cars made up most of the new cars sold last year. "
            "Their market share reached 81.5%, and registrations totalled 142,000 units.")
    share, sales = claims(text, "en")[-2:]
    assert (share.subject, share.subject_source) == ("denmark", "context")
    assert sales.subject == "denmark"
    # a figure that is not a market's stays the company's
    (capacity,) = claims("# Voltaria Opens a Plant in Denmark\n\n"
                         "The plant will produce 8 GWh a year.", "en")
    assert capacity.subject == "voltaria"


def test_a_model_s_letter_is_not_an_organisation() -> None:
    (sales,) = claims("Kestrel's Model Q alone accounted for 18,500 registrations.", "en")
    assert sales.subject == "kestrel"


def test_a_company_total_marker_is_its_nearest_figure_s() -> None:
    text = "Voltaria promet environ 500 emplois directs et un millier au total à Metz."
    direct, total = claims(text, "fr")
    assert direct.scope != "company" and total.scope == "company"


def test_a_place_before_a_plant_noun_is_the_plant_s_place_not_its_owner() -> None:
    text = ("# Kestrel and Voltaria to build LFP plant in Spain\n\n"
            "The Zaragoza plant could reach 30 GWh.")
    (claim,) = claims(text, "en")
    assert claim.subject_source == "context" and claim.subject != "zaragoza"


def test_french_names_of_regions_and_places_of_several_words() -> None:
    text = ("# Kestrel : la Caroline du Nord au cœur de sa stratégie\n\n"
            "Le constructeur investira 3 milliards de dollars dans son usine de Caroline du Nord.")
    (claim,) = claims(text, "fr")
    assert claim.subject == "kestrel" and claim.subject != "hauts-de-france"
    (bavaria,) = claims("La Bavière accordera 200 millions d'euros à Kestrel.", "fr")
    assert bavaria.subject_name in ("Bayern", "Kestrel")
