"""Tests of obm.equipe: load against capacity, the RACI check, eNPS.

Worked examples of reference/domain-modules.md: § 04, Léa has 15 h available and 6 + 8 + 5 = 19 h
assigned → 127 %; § 17, answers 10, 9, 9, 9, 8, 8, 7, 6, 5, 3 → 40 % promoters, 30 % detractors →
eNPS +10.
"""

import io
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, listes, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import equipe
from obm.erreurs import DonneesInvalides, TypeInvalide

ENQUETE = [10, 9, 9, 9, 8, 8, 7, 6, 5, 3]

# ---------------------------------------------------------------- load and capacity


def test_taux_de_charge_de_lea():
    """Is Léa's week (19 h assigned for 15 h available) a load of 19/15 ≈ 1.27, above 1?"""
    assert equipe.taux_de_charge(6 + 8 + 5, 15) == pytest.approx(19 / 15)
    assert equipe.taux_de_charge(19, 15) == pytest.approx(1.2667, abs=1e-4)
    assert equipe.taux_de_charge(7, 10) == pytest.approx(0.7)
    assert equipe.taux_de_charge(0, 10) == 0.0
    assert equipe.taux_de_charge(10, 19) != pytest.approx(19 / 15)  # not capacity ÷ load
    assert type(equipe.taux_de_charge(np.int64(19), np.float64(15.0))) is float


def test_plan_de_charge_de_l_equipe():
    """Does the team plan compute each load, flag overloads and count hours over and free?"""
    plan = equipe.plan_de_charge({"Léa": 19, "Inès": 7}, {"Léa": 15, "Inès": 10, "Hugo": 12})
    assert list(plan.index) == ["Léa", "Inès", "Hugo"] and plan.index.name == "personne"
    assert plan.loc["Léa", "taux_de_charge"] == pytest.approx(19 / 15)
    assert bool(plan.loc["Léa", "surcharge"]) and not bool(plan.loc["Inès", "surcharge"])
    assert plan.loc["Léa", "heures_en_trop"] == 4 and plan.loc["Inès", "heures_libres"] == 3
    assert plan.loc["Hugo", "charge_heures"] == 0 and plan.loc["Hugo", "taux_de_charge"] == 0
    serie = equipe.plan_de_charge(pd.Series({"Léa": 15.0}), pd.Series({"Léa": 15}))
    assert serie.loc["Léa", "taux_de_charge"] == 1.0 and not bool(serie.loc["Léa", "surcharge"])


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: equipe.taux_de_charge(19, 0), DonneesInvalides, "division par zéro"),
    (lambda: equipe.taux_de_charge(-1, 15), DonneesInvalides, "négatif"),
    (lambda: equipe.taux_de_charge(19, -15), DonneesInvalides, "négatif"),
    (lambda: equipe.taux_de_charge("19 h", 15), TypeInvalide, "texte"),
    (lambda: equipe.taux_de_charge(19, True), TypeInvalide, "booléen"),
    (lambda: equipe.taux_de_charge(1e308, 1e-10), DonneesInvalides, "trop grands"),
    (lambda: equipe.plan_de_charge([19, 7], {"Léa": 15}), TypeInvalide, "dictionnaire"),
    (lambda: equipe.plan_de_charge({}, {"Léa": 15}), DonneesInvalides, "vide"),
    (lambda: equipe.plan_de_charge({"Léa": 19, "Samir": 4}, {"Léa": 15}), DonneesInvalides, "Samir"),
    (lambda: equipe.plan_de_charge({"Léa": 19}, {"Léa": 15, " Léa": 3}), DonneesInvalides, "deux fois"),
    (lambda: equipe.plan_de_charge({"Léa": 19}, {"Léa": 0}), DonneesInvalides, "capacité de 0"),
    (lambda: equipe.plan_de_charge({"Léa": -2}, {"Léa": 15}), DonneesInvalides, "Léa"),
])
def test_erreurs_de_charge(appel, erreur, morceau):
    """Are impossible loads and capacities refused with the obm error in French?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


@REGLAGES
@given(valeurs, valeurs)
def test_taux_de_charge_entrees_quelconques(charge, capacite):
    """Does any input give a finite float or the obm error, nothing else?"""
    r = appeler(equipe.taux_de_charge, charge, capacite)
    if r is not None:
        assert est_float_fini(r) and r >= 0


# ---------------------------------------------------------------- RACI


def test_raci_valide():
    """Is a matrix with exactly one A and at least one R per task valid, with the French legend?"""
    r = equipe.verifier_raci({
        "Monter les vidéos": {"Hugo": "R", "Clara": "A", "Léa": "I"},
        "Écrire les e-mails": {"Samir": "R", "Clara": "A", "Léa": "C"},
        "Programmer les e-mails": {"Léa": "A/R", "Samir": "i"},
    })
    assert r.valide is True and r.problemes == []
    assert r.taches == ["Monter les vidéos", "Écrire les e-mails", "Programmer les e-mails"]
    assert r.personnes == ["Hugo", "Clara", "Léa", "Samir"]
    assert r.legende["R"].startswith("Réalise") and r.legende["A"].startswith("Approuve / rend des comptes")
    assert r.legende["C"].startswith("Consulté") and r.legende["I"].startswith("Informé")
    assert equipe.LETTRES_RACI == {"R": "Réalise", "A": "Approuve / rend des comptes",
                                   "C": "Consulté", "I": "Informé"}
    assert "✅" in str(r) and "Légende" in str(r) and "Approuve / rend des comptes" in str(r)


@pytest.mark.parametrize(("cases", "morceau"), [
    ({"Clara": "R", "Léa": "I"}, "aucun A"),                       # mutant: no A
    ({"Clara": "A", "Léa": "A", "Hugo": "R"}, "2 A (Clara, Léa)"),  # mutant: two A's
    ({"Clara": "A", "Léa": "C"}, "aucun R"),                       # mutant: A without R
    ({"Clara": "I", "Léa": "I", "Hugo": "I"}, "aucun A"),          # mutant: everyone I
    ({"Clara": "", "Léa": None, "Hugo": pd.NA}, "aucune lettre"),
    ({"Clara": "A", "Hugo": "R", "Léa": "S"}, "«\u202fS\u202f» n'est pas une lettre RACI"),
    ({"Clara": "A", "Hugo": "R", "Léa": 1}, "n'est pas une lettre RACI"),
])
def test_raci_problemes(cases, morceau):
    """Does each broken rule make the matrix invalid and get a French sentence naming the task?"""
    r = equipe.verifier_raci({"Préparer le webinaire": cases})
    assert r.valide is False
    assert any(morceau in p and "Préparer le webinaire" in p for p in r.problemes), r.problemes
    assert "❌" in str(r) and "#b3261e" in r._repr_html_()


def test_raci_tout_en_i_a_deux_problemes():
    """Is a task where everyone is only informed missing both its A and its R?"""
    r = equipe.verifier_raci({"T": {"Clara": "I", "Léa": "I"}})
    assert len(r.problemes) == 2


def test_raci_remarques():
    """Are several letters for one person (other than A/R) and a person without any role remarks only?"""
    r = equipe.verifier_raci({"T": {"Clara": "A", "Hugo": "R/C", "Léa": None}})
    assert r.valide is True
    assert any("plusieurs lettres (R, C)" in x for x in r.remarques)
    assert any(x.startswith("Léa n'a aucune lettre") for x in r.remarques)
    assert not any("A, R" in x for x in equipe.verifier_raci({"T": {"Clara": "AR"}}).remarques)


def test_raci_formes_acceptees():
    """Are a DataFrame (index or a « tache » column), a dict and a list of dicts read the same way?"""
    df = pd.DataFrame({"Clara": ["A", "A"], "Hugo": ["R", None], "Léa": ["I", "R"]},
                      index=["Monter", "Envoyer"])
    par_index = equipe.verifier_raci(df)
    par_colonne = equipe.verifier_raci(df.reset_index().rename(columns={"index": "tache"}))
    par_liste = equipe.verifier_raci([{"tache": "Monter", "Clara": "A", "Hugo": "R", "Léa": "I"},
                                      {"tache": "Envoyer", "Clara": "A", "Léa": "R"}])
    for r in (par_index, par_colonne, par_liste):
        assert r.valide and r.taches == ["Monter", "Envoyer"]
        assert r.personnes == ["Clara", "Hugo", "Léa"]
    lu = pd.read_csv(io.StringIO("tache,Clara,Hugo\nMonter,A,R\nEnvoyer,A,\n"))
    r = equipe.verifier_raci(lu)  # an empty CSV cell is NaN: no letter
    assert not r.valide and r.problemes == [p for p in r.problemes if "Envoyer" in p]


@pytest.mark.parametrize(("matrice", "erreur", "morceau"), [
    ({}, DonneesInvalides, "vide"),
    (pd.DataFrame(), DonneesInvalides, "vide"),
    ("R, A, C, I", TypeInvalide, "tableau"),
    (None, TypeInvalide, "tableau"),
    ({"T": "RACI"}, TypeInvalide, "dictionnaire `{personne: lettre}`"),
    ([{"Clara": "A"}], TypeInvalide, 'clé "tache"'),
    ([{"tache": "T", "Clara": "A"}, {"tache": "T", "Léa": "R"}], DonneesInvalides, "deux fois"),
    ({"T": {}}, DonneesInvalides, "aucune personne"),
])
def test_raci_erreurs(matrice, erreur, morceau):
    """Is a matrix that cannot be read refused with the obm error in French?"""
    with pytest.raises(erreur) as e:
        equipe.verifier_raci(matrice)
    assert morceau in str(e.value)


lettres = st.sampled_from(["R", "A", "C", "I", "A/R", "", None, "r", "a", "C/I"])


@REGLAGES
@given(st.dictionaries(st.sampled_from(["T1", "T2", "T3", "T4"]),
                       st.dictionaries(st.sampled_from(["Clara", "Léa", "Hugo"]), lettres, min_size=1),
                       min_size=1))
def test_raci_regle_recalculee(matrice):
    """Is a matrix valid exactly when every task has one A and at least one R, computed independently?"""
    def a_la_lettre(case, lettre):
        return case is not None and lettre in case.upper()

    attendu = all(
        sum(a_la_lettre(c, "A") for c in cases.values()) == 1
        and any(a_la_lettre(c, "R") for c in cases.values())
        for cases in matrice.values()
    )
    r = equipe.verifier_raci(matrice)
    assert r.valide is attendu
    assert r.valide == (not r.problemes)


@REGLAGES
@given(st.one_of(valeurs, st.dictionaries(st.text(max_size=4), st.one_of(valeurs, st.dictionaries(
    st.one_of(st.text(max_size=4), st.integers()), st.one_of(lettres, valeurs), max_size=3)), max_size=3)))
def test_raci_entrees_quelconques(matrice):
    """Does any input give a check result or the obm error, nothing else?"""
    r = appeler(equipe.verifier_raci, matrice)
    if r is not None:
        assert isinstance(r.valide, bool) and all(isinstance(p, str) for p in r.problemes)


# ---------------------------------------------------------------- eNPS


def test_enps_exemple():
    """Does the survey of § 17 (40 % promoters, 30 % detractors) give +10, a score not a percentage?"""
    assert equipe.enps(ENQUETE) == pytest.approx(10.0)
    assert type(equipe.enps(ENQUETE)) is float


def test_enps_pas_les_erreurs_typiques():
    """Is eNPS neither the mean mark, nor % promoters, nor minus passives, nor 7 counted as promoter?"""
    resultat = equipe.enps(ENQUETE)
    moyenne = sum(ENQUETE) / len(ENQUETE)  # 7.4
    part_promoteurs = 100 * sum(n >= 9 for n in ENQUETE) / len(ENQUETE)  # 40
    passifs_retires = 100 * (4 - 3 - 3) / 10  # -20
    sept_promoteur = 100 * (sum(n >= 7 for n in ENQUETE) - 3) / 10  # 40
    for mutant in (moyenne, part_promoteurs, passifs_retires, sept_promoteur):
        assert resultat != pytest.approx(mutant)


def test_enps_bornes():
    """Is eNPS +100 when everybody promotes, −100 when everybody detracts, 0 when all are passive?"""
    assert equipe.enps([10, 9, 9]) == 100.0
    assert equipe.enps([0, 6, 3]) == -100.0
    assert equipe.enps([7, 8]) == 0.0
    assert equipe.enps([6]) == -100.0 and equipe.enps([9]) == 100.0  # the boundaries 6 and 9


def test_enps_formes_acceptees():
    """Are a Series, integral floats read from a CSV, numpy integers and a tuple accepted?"""
    lu = pd.read_csv(io.StringIO("note\n10\n9.0\n3\n\n"))["note"].dropna()  # float64 column
    assert lu.dtype == "float64" and equipe.enps(lu) == pytest.approx(100 * (2 - 1) / 3)
    assert equipe.enps(pd.Series(ENQUETE)) == pytest.approx(10.0)
    assert equipe.enps(np.array(ENQUETE, dtype=np.int64)) == pytest.approx(10.0)
    assert equipe.enps([np.int64(n) for n in ENQUETE]) == pytest.approx(10.0)
    assert equipe.enps(tuple(float(n) for n in ENQUETE)) == pytest.approx(10.0)


@pytest.mark.parametrize(("notes", "erreur", "morceau"), [
    ([], DonneesInvalides, "vide"),
    ([9, 7.5], DonneesInvalides, "(valeur n°\u00a02) vaut 7,5"),
    ([9, math.nan], DonneesInvalides, "NaN"),
    (pd.Series([9.0, None], index=["Léa", "Inès"]), DonneesInvalides, "Inès"),
    ([9, True], TypeInvalide, "booléen"),
    ([9, np.True_], TypeInvalide, "booléen"),
    (np.array([True, False]), TypeInvalide, "booléen"),
    ([11], DonneesInvalides, "entre 0 et 10"),
    ([-1], DonneesInvalides, "entre 0 et 10"),
    (["9"], TypeInvalide, "texte"),
    ([None], TypeInvalide, "vide"),
    (9, TypeInvalide, "crochets"),
    ("9, 10", TypeInvalide, "texte"),
    ({"Léa": 9}, TypeInvalide, "dictionnaire"),
    (pd.DataFrame({"note": [9]}), TypeInvalide, 'df["note"]'),
])
def test_enps_refus(notes, erreur, morceau):
    """Are an empty list, 7.5, NaN, a bool, a mark outside 0–10 and non-lists refused in French?"""
    with pytest.raises(erreur) as e:
        equipe.enps(notes)
    assert morceau in str(e.value)
    with pytest.raises(erreur):
        equipe.repartition_enps(notes)


def test_repartition_enps():
    """Does the breakdown count promoters, passives and detractors and warn on a small team?"""
    r = equipe.repartition_enps(ENQUETE)
    assert (r.nombre_reponses, r.promoteurs, r.passifs, r.detracteurs) == (10, 4, 3, 3)
    assert (r.part_promoteurs, r.part_passifs, r.part_detracteurs) == (0.4, 0.3, 0.3)
    assert r.enps == equipe.enps(ENQUETE) and r.remarques == []
    texte = str(r)
    assert "eNPS = +10" in texte and "40\u00a0%" in texte and "pas un pourcentage" in texte
    equipe_de_quatre = equipe.repartition_enps([9, 8, 6, 10])
    assert equipe_de_quatre.remarques and "pas anonyme" in equipe_de_quatre.remarques[0]
    assert str(equipe.repartition_enps([3])).startswith("eNPS = -100")


@REGLAGES
@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_enps_recalcule(notes):
    """Is eNPS in [−100, 100] and equal to % promoters − % detractors computed independently?"""
    r = equipe.enps(notes)
    attendu = 100 * sum(n >= 9 for n in notes) / len(notes) - 100 * sum(n <= 6 for n in notes) / len(notes)
    assert -100 <= r <= 100 and r == pytest.approx(attendu, abs=1e-9)
    detail = equipe.repartition_enps(notes)
    assert detail.promoteurs + detail.passifs + detail.detracteurs == len(notes)
    assert detail.enps == pytest.approx(r)


@REGLAGES
@given(listes)
def test_enps_entrees_quelconques(notes):
    """Does any input give a score in [−100, 100] or the obm error, nothing else?"""
    r = appeler(equipe.enps, notes)
    if r is not None:
        assert est_float_fini(r) and -100 <= r <= 100


@REGLAGES
@given(st.one_of(valeurs, st.dictionaries(st.sampled_from(["Léa", "Inès", "Hugo", " Léa"]), valeurs, max_size=3)),
       st.one_of(valeurs, st.dictionaries(st.sampled_from(["Léa", "Inès", "Hugo"]), valeurs, max_size=3)))
def test_plan_de_charge_entrees_quelconques(charges, capacites):
    """Does any input give a load table or the obm error, nothing else?"""
    plan = appeler(equipe.plan_de_charge, charges, capacites)
    if plan is not None:
        assert (plan["taux_de_charge"] >= 0).all()
        # .keys(): a Series iterates over its values, not its index
        assert list(plan.index) == [str(k).strip() for k in capacites.keys()]  # noqa: SIM118


# ---------------------------------------------------------------- the week (module 04)

# The launch week of lesson 04 (17 May 2027 is Whit Monday) and the webinar week of exercise 04.
SEMAINE_LANCEMENT = dict(
    libelles={"REPONSES": "Répondre aux questions des prospects",
              "PAIEMENTS": "Vérifier les paiements et ouvrir les accès",
              "ACCUEIL": "Préparer l'accueil des acheteuses",
              "STORIES": "Publier les stories de l'ouverture",
              "COMMENTAIRES": "Modérer les commentaires Instagram"},
    personnes={"REPONSES": "Léa", "PAIEMENTS": "Léa", "ACCUEIL": "Léa", "STORIES": "Inès",
               "COMMENTAIRES": "Inès"},
    heures={"REPONSES": 8, "PAIEMENTS": 6, "ACCUEIL": 5, "STORIES": 4, "COMMENTAIRES": 3},
    au_plus_tard={"REPONSES": "2027-05-21", "PAIEMENTS": "2027-05-21", "ACCUEIL": "2027-05-28",
                  "STORIES": "2027-05-18", "COMMENTAIRES": "2027-05-21"},
)
CAPACITES = {"Léa": 15, "Inès": 10}


def semaine_lancement():
    return equipe.taches_de_la_semaine(**SEMAINE_LANCEMENT, semaine="2027-05-17")


def semaine_webinaire():
    qui = {"REPET": "Léa", "SALLE": "Léa", "MSG": "Léa", "PROG": "Léa", "MEL": "Léa", "FACT": "Léa",
           "BILAN": "Léa", "STORIES": "Inès", "MODER": "Inès", "CALEND": "Inès"}
    heures = {"REPET": 2, "SALLE": 3, "MSG": 1.5, "PROG": 1, "MEL": 6, "FACT": 2, "BILAN": 4,
              "STORIES": 4, "MODER": 2.5, "CALEND": 2}
    limites = {"REPET": "2027-05-10", "SALLE": "2027-05-11", "MSG": "2027-05-12", "PROG": "2027-05-13",
               "MEL": "2027-05-14", "FACT": "2027-05-31", "BILAN": "2027-05-28",
               "STORIES": "2027-05-11", "MODER": "2027-05-14", "CALEND": "2027-05-14"}
    return equipe.taches_de_la_semaine({c: c.lower() for c in qui}, qui, heures, limites,
                                       semaine=date(2027, 5, 10))


def test_taches_de_la_semaine_et_leurs_marges():
    """Is the margin the count of working days between the week's end and the deadline (holidays out)?"""
    s = semaine_lancement()
    assert list(s.index) == list(SEMAINE_LANCEMENT["libelles"]) and s.index.name == "code"
    # 22 May → 28 May: Mon 24 to Fri 28, five working days.
    assert s.loc["ACCUEIL", "marge"] == 5 and not bool(s.loc["ACCUEIL", "critique"])
    assert s.loc["REPONSES", "marge"] == 0 and bool(s.loc["REPONSES", "critique"])
    assert type(s.loc["ACCUEIL", "au_plus_tard"]) is date and s.attrs["semaine"] == date(2027, 5, 17)
    assert s["heures"].dtype == float
    w = semaine_webinaire()
    # From the week of 10 May: 17 May (Whit Monday) is not a working day, so 18–21, 24–28, 31.
    assert w.loc["FACT", "marge"] == 10 and w.loc["BILAN", "marge"] == 9
    assert set(w.index[w["critique"]]) == {"REPET", "SALLE", "MSG", "PROG", "MEL", "STORIES", "MODER",
                                           "CALEND"}


@pytest.mark.parametrize(("changement", "erreur", "morceau"), [
    ({"semaine": "2027-05-18"}, DonneesInvalides, "donne le lundi"),
    ({"personnes": {"REPONSES": "Léa"}}, DonneesInvalides, "ne donne rien pour"),
    ({"heures": {**SEMAINE_LANCEMENT["heures"], "LIVE": 2}}, DonneesInvalides, "«\u202fLIVE\u202f»"),
    ({"heures": {**SEMAINE_LANCEMENT["heures"], "ACCUEIL": -5}}, DonneesInvalides, "négatif"),
    ({"heures": {**SEMAINE_LANCEMENT["heures"], "ACCUEIL": "5 h"}}, TypeInvalide, "texte"),
    ({"au_plus_tard": {**SEMAINE_LANCEMENT["au_plus_tard"], "ACCUEIL": "2027-05-14"}},
     DonneesInvalides, "déjà en retard"),
    ({"au_plus_tard": {**SEMAINE_LANCEMENT["au_plus_tard"], "ACCUEIL": "28 mai"}},
     DonneesInvalides, "AAAA-MM-JJ"),
    ({"personnes": {**SEMAINE_LANCEMENT["personnes"], "ACCUEIL": 3}}, TypeInvalide, "prénom"),
    ({"libelles": ["Répondre"]}, TypeInvalide, "dictionnaire"),
    ({"libelles": {}}, DonneesInvalides, "vide"),
])
def test_taches_de_la_semaine_erreurs(changement, erreur, morceau):
    """Are a day that is not a Monday, missing or unknown codes, bad hours and dates refused in French?"""
    arguments = {**SEMAINE_LANCEMENT, "semaine": "2027-05-17", **changement}
    with pytest.raises(erreur) as e:
        equipe.taches_de_la_semaine(**arguments)
    assert morceau in str(e.value)


def test_charges_par_personne_et_tableaux_en_francais():
    """Are the hours added per person, and are the tables written the French way, status in words?"""
    s = semaine_lancement()
    assert equipe.charges_par_personne(s) == {"Léa": 19.0, "Inès": 7.0}
    texte_semaine = str(equipe.tableau_semaine(s))
    assert "Semaine du lundi 17 mai 2027" in texte_semaine and "ven. 28 mai" in texte_semaine
    assert "5\u00a0jours ouvrés" in texte_semaine and "⚠ aucune" in texte_semaine
    plan = equipe.plan_de_charge(equipe.charges_par_personne(s), CAPACITES)
    texte_plan = str(equipe.tableau_charge(plan))
    assert "127\u00a0%" in texte_plan and "⚠ surcharge" in texte_plan and "✓ dans sa capacité" in texte_plan
    assert "4\u00a0h en trop" in texte_plan and "3\u00a0h libres" in texte_plan
    assert "<table" in equipe.tableau_charge(plan)._repr_html_()
    with pytest.raises(TypeInvalide):
        equipe.charges_par_personne({"Léa": 19})
    with pytest.raises(TypeInvalide):
        equipe.tableau_charge({"Léa": 19})


def test_reequilibrer_lissage_nivellement_et_freelance():
    """Is moving a task with slack a smoothing, moving a task without slack a levelling, and giving
    work to a freelancer paid per job a new service, not a lever?"""
    s = semaine_lancement()
    lissage = equipe.reequilibrer(s, CAPACITES, ["ACCUEIL"])
    assert lissage.lissage and not lissage.nivellement and not lissage.surcharges
    assert lissage.apres.loc["Léa", "charge_heures"] == 14 and lissage.avant.loc["Léa", "charge_heures"] == 19
    assert "ACCUEIL" not in lissage.semaine.index and "C'est un lissage." in lissage.remarques[-1]
    assert "✅" in str(lissage)
    nivellement = equipe.reequilibrer(s, CAPACITES, reportees=["REPONSES"])
    assert nivellement.nivellement and not nivellement.lissage
    assert any("nivellement" in r for r in nivellement.remarques) and "❌" in str(nivellement)
    deplacee = equipe.reequilibrer(s, CAPACITES, [], {"ACCUEIL": "Inès"})
    assert deplacee.surcharges == ["Inès"] and deplacee.apres.loc["Inès", "charge_heures"] == 12
    hors = equipe.reequilibrer(s, CAPACITES, [], {"ACCUEIL": "Hugo"})
    assert hors.hors_forfait == {"Hugo": 5.0} and not hors.lissage
    assert any("nouvelle prestation" in r for r in hors.remarques)
    rien = equipe.reequilibrer(s, {"Léa": 20, "Inès": 10})
    assert rien.lissage and "Personne ne dépasse" in str(rien) and rien.remarques == []


def test_reequilibrer_les_reponses_de_l_exercice():
    """Do the valid answers of exercise 04 smooth the webinar week, and its typical mistakes not?"""
    w = semaine_webinaire()
    for reportees, reaffectees in ((["FACT", "BILAN"], {}), (["BILAN"], {"MSG": "Inès"}),
                                   (["BILAN", "FACT"], {"MSG": "Inès"})):
        assert equipe.reequilibrer(w, CAPACITES, reportees, reaffectees).lissage, reportees
    for reportees, reaffectees in ((["MEL"], {}), (["BILAN"], {}), (["FACT"], {"BILAN": "Inès"}),
                                   (["FACT"], {"BILAN": "Samir"})):
        assert not equipe.reequilibrer(w, CAPACITES, reportees, reaffectees).lissage, reportees


@pytest.mark.parametrize(("reportees", "reaffectees", "erreur", "morceau"), [
    (["LIVE"], {}, DonneesInvalides, "«\u202fLIVE\u202f»"),
    ("ACCUEIL", {}, TypeInvalide, "liste de codes"),
    (["ACCUEIL"], {"ACCUEIL": "Inès"}, DonneesInvalides, "à la fois"),
    ([], ["ACCUEIL"], TypeInvalide, "dictionnaire"),
    ([], {"ACCUEIL": 3}, TypeInvalide, "prénom"),
])
def test_reequilibrer_erreurs(reportees, reaffectees, erreur, morceau):
    """Are unknown codes, a task both moved out and reassigned, and bad forms refused in French?"""
    with pytest.raises(erreur) as e:
        equipe.reequilibrer(semaine_lancement(), CAPACITES, reportees, reaffectees)
    assert morceau in str(e.value)


def test_graphique_charge_et_son_texte_alternatif():
    """Does the chart carry a text alternative naming each person's load and status, before and after?"""
    from matplotlib.figure import Figure

    s = semaine_lancement()
    plan = equipe.plan_de_charge(equipe.charges_par_personne(s), CAPACITES)
    figure = equipe.graphique_charge(plan, titre="Semaine du 17 mai")
    assert isinstance(figure, Figure)
    alt = figure.get_label()
    assert alt.startswith("Semaine du 17 mai.") and "Léa\u202f: 19\u00a0h pour 15\u00a0h (127\u00a0%, surcharge)" in alt
    hachures = [p for p in figure.axes[0].patches if p.get_hatch()]
    assert hachures, "the hours above capacity are hatched, not shown by colour alone"
    apres = equipe.graphique_charge(equipe.reequilibrer(s, CAPACITES, ["ACCUEIL"])).get_label()
    assert "avant, 19\u00a0h" in apres and "après, 14\u00a0h" in apres
    with pytest.raises(TypeInvalide):
        equipe.graphique_charge({"Léa": 19})


def test_exporter_graphique_charge_se_relit(tmp_path, monkeypatch):
    """Is the PNG readable by its own reader, with its text alternative and figures in its metadata?"""
    import json

    from PIL import Image

    from obm.livrables import FichierLivrable

    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    resultat = equipe.reequilibrer(semaine_lancement(), CAPACITES, ["ACCUEIL"])
    recu = equipe.exporter_graphique_charge(resultat, tmp_path / "livrables" / "charge.png")
    assert type(recu) is FichierLivrable and recu.dans_livrables and recu.contenu["format"] == "png"
    assert "127\u00a0% → 93\u00a0%" in str(recu)
    image = Image.open(recu)
    assert image.format == "PNG" and image.size[0] > 500
    assert "surcharge" in image.text["Description"]
    chiffres = json.loads(image.text["obm:plan_de_charge"])
    assert chiffres["avant"]["Léa"]["charge_heures"] == 19 and chiffres["apres"]["Léa"]["charge_heures"] == 14
    ailleurs = equipe.exporter_graphique_charge(resultat.apres, tmp_path / "seul.png")
    assert not ailleurs.dans_livrables and set(ailleurs.contenu["plan_de_charge"]) == {"plan"}
    with pytest.raises(DonneesInvalides) as e:
        equipe.exporter_graphique_charge(resultat, tmp_path / "charge.jpg")
    assert ".png" in str(e.value)


RACI_WEBINAIRE = {
    "W-DIAPO": {"Clara": "r/a", "Samir": "C", "Léa": "I"},
    "W-INVIT": {"Léa": "R", "OBM": "A", "Inès": "C", "Clara": "I", "Hugo": ""},
}


def test_tableau_raci_avec_sa_legende():
    """Is the matrix shown with one column per person, empty cells, « A/R » and the legend?"""
    t = equipe.tableau_raci(RACI_WEBINAIRE)
    assert t.personnes == ["Clara", "Samir", "Léa", "OBM", "Inès", "Hugo"]
    assert t.cases["W-DIAPO"]["Clara"] == "A/R" and t.cases["W-INVIT"]["Hugo"] == ""
    html = t._repr_html_()
    assert '<abbr title="Réalise">R</abbr>' in html and "Légende" in html
    assert "Approuve / rend des comptes" in str(t)
    assert equipe.tableau_raci({"T": {"Léa": "S", "Clara": "A"}}).cases["T"]["Léa"] == "«\u202fS\u202f»\u202f?"


def test_exporter_raci_xlsx_et_csv_se_relisent(tmp_path):
    """Are the XLSX and CSV files readable by their own readers, letters, header and legend included?"""
    import csv

    import openpyxl

    recu = equipe.exporter_raci(RACI_WEBINAIRE, tmp_path / "raci.xlsx")
    feuille = openpyxl.load_workbook(recu).active
    rangees = [[("" if v is None else v) for v in r] for r in feuille.iter_rows(values_only=True)]
    assert rangees[0] == ["Tâche", "Clara", "Samir", "Léa", "OBM", "Inès", "Hugo"]
    assert rangees[1][:4] == ["W-DIAPO", "A/R", "C", "I"] and rangees[2][4] == "A"
    assert ["Légende"] == [x for x in rangees[4] if x]
    assert any(r[0] == "R" and r[1].startswith("Réalise") for r in rangees)
    assert recu.contenu["taches"] == ["W-DIAPO", "W-INVIT"] and "2\u00a0tâches" in str(recu)
    recu_csv = equipe.exporter_raci(RACI_WEBINAIRE, tmp_path / "raci.csv")
    with open(recu_csv, encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";"))
    assert lignes[0][0] == "Tâche" and lignes[1][1] == "A/R" and any(l[:1] == ["Légende"] for l in lignes)


@pytest.mark.parametrize(("matrice", "nom", "morceau"), [
    ({"T": {"Clara": "A", "Léa": "A", "Hugo": "R"}}, "raci.xlsx", "n'est pas valide"),
    ({"T": {"Clara": "A/R"}}, "raci.pdf", ".xlsx"),
])
def test_exporter_raci_refuse(tmp_path, matrice, nom, morceau):
    """Is an invalid matrix (two A's) or an unknown format refused before anything is written?"""
    with pytest.raises(DonneesInvalides) as e:
        equipe.exporter_raci(matrice, tmp_path / nom)
    assert morceau in str(e.value) and not (tmp_path / nom).exists()
