"""Tests of obm.equipe: load against capacity, the RACI check, eNPS.

Worked examples of reference/domain-modules.md: § 04, Léa has 15 h available and 6 + 8 + 5 = 19 h
assigned → 127 %; § 17, answers 10, 9, 9, 9, 8, 8, 7, 6, 5, 3 → 40 % promoters, 30 % detractors →
eNPS +10.
"""

import io
import math

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
