"""Tests of obm.risques: the critical-chain project buffer and the expected monetary value.

Worked examples of reference/domain-modules.md § 06: tasks (safe/aggressive days) 10/6, 8/5, 6/4,
4/2 → chain 17 d; « moitie » 8.5 d; root-square √(16 + 9 + 4 + 4) = √33 ≈ 5.7 d; padding every
task adds 11 d. EMV of « vidéos de Hugo en retard d'une semaine », P 30 %, impact 600 € → −180 €.
"""

import math

import numpy as np
import pandas as pd
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, listes, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import risques
from obm.erreurs import DonneesInvalides, TypeInvalide

SURES, AGRESSIVES = [10, 8, 6, 4], [6, 5, 4, 2]


def test_tampon_exemple():
    """Does the example chain give √33 ≈ 5.74 d (racine, the default) and 8.5 d (moitie)?"""
    assert risques.tampon_projet(SURES, AGRESSIVES) == pytest.approx(math.sqrt(33))
    assert risques.tampon_projet(SURES, AGRESSIVES, methode="racine") == pytest.approx(5.7446, abs=1e-4)
    assert risques.tampon_projet(SURES, AGRESSIVES, methode="moitie") == 8.5
    assert type(risques.tampon_projet(SURES, AGRESSIVES)) is float


def test_tampon_pas_les_erreurs_typiques():
    """Is the buffer neither the 11 d of padding per task nor √(Σ differences)?"""
    tampon = risques.tampon_projet(SURES, AGRESSIVES)
    assert tampon != pytest.approx(11)  # buffer added per task
    assert tampon != pytest.approx(math.sqrt(11))  # SSQ as √(Σ diffs)
    assert tampon < sum(s - a for s, a in zip(SURES, AGRESSIVES))


def test_tampon_methode_ecrite_autrement():
    """Are « moitié » with its accent and capitals accepted for the method?"""
    assert risques.tampon_projet(SURES, AGRESSIVES, methode="Moitié") == 8.5
    assert risques.tampon_projet(SURES, AGRESSIVES, methode=" RACINE ") == pytest.approx(math.sqrt(33))


def test_tampon_colonnes_et_numpy():
    """Are two columns of a table, numpy arrays and integral floats accepted?"""
    chaine = pd.DataFrame({"sure": [10.0, 8.0, 6.0, 4.0], "agressive": [6, 5, 4, 2]},
                          index=["tournage", "montage", "sous-titres", "mise en ligne"])
    assert risques.tampon_projet(chaine["sure"], chaine["agressive"]) == pytest.approx(math.sqrt(33))
    assert risques.tampon_projet(np.array(SURES), np.array(AGRESSIVES)) == pytest.approx(math.sqrt(33))
    assert risques.tampon_projet([5], [5]) == 0.0  # no safety removed, no buffer


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: risques.tampon_projet([10, 4], [6, 5]), DonneesInvalides, "(valeur n°\u00a02) (4\u00a0j) est plus courte"),
    (lambda: risques.tampon_projet(AGRESSIVES, SURES), DonneesInvalides, "inversé les deux listes"),
    (lambda: risques.tampon_projet(pd.Series([3], index=["montage"]), pd.Series([5], index=["montage"])),
     DonneesInvalides, "montage"),
    (lambda: risques.tampon_projet([10, 8], [6]), DonneesInvalides, "2 durées et"),
    (lambda: risques.tampon_projet([], []), DonneesInvalides, "vide"),
    (lambda: risques.tampon_projet([10, -1], [6, -2]), DonneesInvalides, "négatif"),
    (lambda: risques.tampon_projet(10, 6), TypeInvalide, "liste de durées"),
    (lambda: risques.tampon_projet(["10 j"], [6]), TypeInvalide, "texte"),
    (lambda: risques.tampon_projet([10], [math.nan]), DonneesInvalides, "NaN"),
    (lambda: risques.tampon_projet(SURES, AGRESSIVES, methode="50 %"), DonneesInvalides, '"racine"'),
    (lambda: risques.tampon_projet(SURES, AGRESSIVES, methode=0.5), TypeInvalide, '"moitie"'),
    (lambda: risques.tampon_projet([1e200, 1e200], [0, 0]), DonneesInvalides, "trop grands"),
    (lambda: risques.tampon_projet([1e308] * 2, [1e308] * 2, methode="moitie"), DonneesInvalides,
     "trop grands"),
])
def test_tampon_erreurs(appel, erreur, morceau):
    """Is every impossible chain refused with the obm error, in French, naming the task?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


chaines = st.lists(st.tuples(st.floats(0, 1000), st.floats(0, 1000)).map(sorted), min_size=1, max_size=12)


@REGLAGES
@given(chaines)
def test_tampon_proprietes(chaine):
    """Is the root-square buffer the independent √Σd², between the largest and the total safety?"""
    agressives = [a for a, _ in chaine]
    sures = [s for _, s in chaine]
    ecarts = [s - a for a, s in chaine]
    tampon = risques.tampon_projet(sures, agressives)
    assert tampon == pytest.approx(math.sqrt(sum(d * d for d in ecarts)), rel=1e-9, abs=1e-9)
    assert max(ecarts) - 1e-9 <= tampon <= sum(ecarts) + 1e-9
    assert risques.tampon_projet(sures, agressives, methode="moitie") == pytest.approx(
        sum(agressives) / 2, rel=1e-9, abs=1e-9)


@REGLAGES
@given(listes, listes, st.one_of(valeurs, st.sampled_from(["racine", "moitie", "moitié"])))
def test_tampon_entrees_quelconques(sures, agressives, methode):
    """Does any input give a finite buffer in days or the obm error, nothing else?"""
    r = appeler(risques.tampon_projet, sures, agressives, methode=methode)
    if r is not None:
        assert est_float_fini(r) and r >= 0


# ---------------------------------------------------------------- expected monetary value


def test_vma_exemple():
    """Is the EMV of Hugo's one-week delay 0.3 × (−600) = −180 €, and an opportunity positive?"""
    assert risques.valeur_monetaire_attendue(0.3, -600) == pytest.approx(-180)
    assert risques.valeur_monetaire_attendue(0.1, 250) == pytest.approx(25)
    assert risques.valeur_monetaire_attendue(0, -600) == 0
    assert type(risques.valeur_monetaire_attendue(np.float64(0.3), np.int64(-600))) is float


def test_vma_d_un_registre():
    """Is the EMV of several risks the sum of probability × impact, from lists or columns?"""
    assert risques.valeur_monetaire_attendue([0.3, 0.1], [-600, -250]) == pytest.approx(-205)
    registre = pd.DataFrame({"probabilite": [0.3, 0.1, 0.5], "impact": [-600, -250, 400]})
    attendu = sum(p * i for p, i in zip(registre["probabilite"], registre["impact"]))
    assert risques.valeur_monetaire_attendue(registre["probabilite"], registre["impact"]) == pytest.approx(attendu)
    assert risques.valeur_monetaire_attendue((0.3,), (-600,)) == pytest.approx(-180)


def test_vma_pas_les_erreurs_typiques():
    """Is EMV neither P + I nor computed with the percentage left unconverted?"""
    assert risques.valeur_monetaire_attendue(0.3, -600) != pytest.approx(0.3 - 600)
    with pytest.raises(DonneesInvalides, match="écris 0.8 pour 80 %"):
        risques.valeur_monetaire_attendue(30, -600)


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: risques.valeur_monetaire_attendue(1.5, -600), DonneesInvalides, "écris 0.8 pour 80 %"),
    (lambda: risques.valeur_monetaire_attendue(-0.3, -600), DonneesInvalides, "négatif"),
    (lambda: risques.valeur_monetaire_attendue([0.3, 30], [-600, -250]), DonneesInvalides,
     "(valeur n°\u00a02)"),
    (lambda: risques.valeur_monetaire_attendue(0.3, [-600, -250]), TypeInvalide, "deux listes"),
    (lambda: risques.valeur_monetaire_attendue([0.3, 0.1], -600), TypeInvalide, "deux listes"),
    (lambda: risques.valeur_monetaire_attendue([0.3, 0.1], [-600]), DonneesInvalides, "2 valeurs et"),
    (lambda: risques.valeur_monetaire_attendue([], []), DonneesInvalides, "vide"),
    (lambda: risques.valeur_monetaire_attendue("30 %", -600), TypeInvalide, "texte"),
    (lambda: risques.valeur_monetaire_attendue(0.3, "600 €"), TypeInvalide, "texte"),
    (lambda: risques.valeur_monetaire_attendue(0.3, None), TypeInvalide, "vide"),
    (lambda: risques.valeur_monetaire_attendue(True, -600), TypeInvalide, "booléen"),
    (lambda: risques.valeur_monetaire_attendue([1, 1], [1e308, 1e308]), DonneesInvalides, "trop grands"),
])
def test_vma_erreurs(appel, erreur, morceau):
    """Are impossible probabilities and mismatched lists refused with the obm error in French?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


@REGLAGES
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(-1e6, 1e6)), min_size=1, max_size=10))
def test_vma_recalculee(risques_liste):
    """Is the EMV of a list the independent Σ p × i, and of one risk p × i?"""
    probabilites = [p for p, _ in risques_liste]
    impacts = [i for _, i in risques_liste]
    attendu = sum(p * i for p, i in risques_liste)
    assert risques.valeur_monetaire_attendue(probabilites, impacts) == pytest.approx(attendu, abs=1e-6)
    p, i = risques_liste[0]
    assert risques.valeur_monetaire_attendue(p, i) == pytest.approx(p * i)


@REGLAGES
@given(listes, listes)
def test_vma_entrees_quelconques(probabilite, impact):
    """Does any input give a finite float or the obm error, nothing else?"""
    r = appeler(risques.valeur_monetaire_attendue, probabilite, impact)
    if r is not None:
        assert est_float_fini(r)


# --------------------------------------------------------------------------- registre des risques

def _risque(**champs):
    ligne = {"id": "R1", "nature": "menace", "evenement": "Hugo livre le montage en retard",
             "probabilite": 3, "impact": 4, "proprietaire": "Hugo", "reponse": "atténuer"}
    ligne.update(champs)
    return ligne


def test_criticite_produit_et_niveaux():
    """Is the criticality P × I (not P + I), and are its levels faible ≤ 4 < moyenne ≤ 9 < forte?"""
    assert risques.criticite(4, 4) == 16 and type(risques.criticite(4, 4)) is int
    assert risques.criticite(1, 5) == 5
    assert [risques.niveau_criticite(s) for s in (1, 4, 5, 9, 10, 25)] == [
        "faible", "faible", "moyenne", "moyenne", "forte", "forte"]
    for mauvaise in (0, 6, 2.5, True, "3"):
        with pytest.raises((DonneesInvalides, TypeInvalide)):
            risques.criticite(mauvaise, 3)


def test_registre_colonnes_criticite_et_reponse_normalisee():
    """Does the register compute criticite and niveau, fill optional columns and write the
    response with its French accents whatever the learner typed?"""
    registre = risques.registre_des_risques([_risque(reponse="Attenuer"),
                                             _risque(id="R2", nature="opportunite", reponse="exploiter",
                                                     probabilite=2, impact=2)])
    assert list(registre.columns) == list(risques.COLONNES_REGISTRE)
    assert list(registre["criticite"]) == [12, 4] and list(registre["niveau"]) == ["forte", "faible"]
    assert list(registre["reponse"]) == ["atténuer", "exploiter"]
    assert list(registre["nature"]) == ["menace", "opportunité"]
    assert registre.loc[0, "declencheur"] == ""


@pytest.mark.parametrize("champs, mot", [
    ({"reponse": "exploiter"}, "réservée aux opportunités"),
    ({"reponse": "améliorer"}, "réservée aux opportunités"),
    ({"nature": "opportunité", "reponse": "transférer"}, "réservée aux menaces"),
    ({"reponse": "prier"}, "n'est pas une réponse du PMBOK"),
    ({"probabilite": 6}, "probabilite"),
    ({"proprietaire": ""}, "proprietaire"),
    ({"nature": "problème"}, "menace"),
])
def test_registre_refuse_en_francais(champs, mot):
    """Does a wrong register row raise the obm error naming what to fix?"""
    with pytest.raises((DonneesInvalides, TypeInvalide)) as erreur:
        risques.registre_des_risques([_risque(**champs)])
    assert mot in str(erreur.value)


def test_registre_identifiant_double_et_vide():
    """Are a duplicate id and an empty register refused?"""
    with pytest.raises(DonneesInvalides, match="R1"):
        risques.registre_des_risques([_risque(), _risque()])
    with pytest.raises(DonneesInvalides):
        risques.registre_des_risques([])
    with pytest.raises(TypeInvalide):
        risques.registre_des_risques("R1")


def test_export_csv_relu_par_csv(tmp_path):
    """Is the exported register a semicolon CSV in UTF-8 with BOM that the csv module reads back?"""
    import csv

    chemin = risques.exporter_registre_csv([_risque(declencheur="pas de vidéo le 20 avril")],
                                           tmp_path / "06_registre_des_risques.csv")
    octets = (tmp_path / "06_registre_des_risques.csv").read_bytes()
    assert octets.startswith(b"\xef\xbb\xbf")
    with open(chemin, encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.DictReader(f, delimiter=";"))
    assert lignes[0]["reponse"] == "atténuer" and lignes[0]["criticite"] == "12"
    assert lignes[0]["declencheur"] == "pas de vidéo le 20 avril"
    assert list(risques.lire_registre_csv(chemin)["id"]) == ["R1"]


def test_taches_du_lancement_sont_celles_de_la_lecon_03():
    """Are the launch tasks those written out in lesson 03 (public), not the answer of exercise 03
    question 1 (ten tasks with the trailer and the e-mails, another critical path)?"""
    import json
    from pathlib import Path

    lecon = Path(__file__).resolve().parents[1] / "course" / "modules" / "03_retroplanning" / "lecon.ipynb"
    source = next("".join(c["source"]) for c in json.loads(lecon.read_text(encoding="utf-8"))["cells"]
                  if c["cell_type"] == "code" and "durees = {" in "".join(c["source"]))
    espace = {}
    exec(source.split("taches = ")[0], espace)  # the lesson's three dictionaries
    taches = risques.taches_du_lancement()
    def _codes(valeur):
        morceaux = valeur.split(",") if isinstance(valeur, str) else valeur
        return {str(p).strip() for p in morceaux if str(p).strip()}

    lu = {str(code): (str(ligne["tache"]), int(ligne["duree"]), _codes(ligne["predecesseurs"]))
          for code, ligne in taches.set_index("id").iterrows()}
    attendu = {code: (espace["libelles"][code], espace["durees"][code], _codes(espace["predecesseurs"][code]))
               for code in espace["libelles"]}
    assert lu == attendu
    assert not {"BA", "MAIL", "PROG"} & set(lu)


def test_taches_du_lancement_donnent_les_dates_du_suivi_05():
    """Planned forward from Monday 15 March, do they give the module 05 baseline for the tasks
    they share (shooting 16 March–6 April, Hugo's editing 7–27 April, upload from 28 April) and the
    lesson 03 critical chain OFF → TOUR → MONT → MEL?"""
    from datetime import date

    from obm.planification import planning_au_plus_tot, retroplanning

    plan = planning_au_plus_tot(risques.taches_du_lancement(), date(2027, 3, 15))
    assert (plan.loc["TOUR", "debut"], plan.loc["TOUR", "fin"]) == (date(2027, 3, 16), date(2027, 4, 6))
    assert (plan.loc["MONT", "debut"], plan.loc["MONT", "fin"]) == (date(2027, 4, 7), date(2027, 4, 27))
    assert plan.loc["MEL", "debut"] == date(2027, 4, 28) and plan["fin"].max() == date(2027, 4, 30)
    critiques = retroplanning(risques.taches_du_lancement(), date(2027, 5, 18))
    assert list(critiques[critiques["critique"]].sort_values("debut").index) == ["OFF", "TOUR", "MONT", "MEL"]
