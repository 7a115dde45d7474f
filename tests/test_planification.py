"""Tests of obm.planification: French working days, rétroplanning, forward plan, Gantt, exports.

Calendar facts used throughout (checked against a paper calendar and Code du travail L3133-1):

    May 2027      Mo Tu We Th Fr Sa Su
                                 1  2     1 May (Fête du Travail) is a Saturday
                   3  4  5  6  7  8  9    6 May Ascension (Thursday), 8 May (Victoire) Saturday
                  10 11 12 13 14 15 16
                  17 18 19 20 21 22 23    17 May Whit Monday, 18 May: the cart opens
    March 2027: Friday 26 = Good Friday (Alsace-Moselle only), Monday 29 = Easter Monday.

Golden files (tests/golden/planification/) hold the exact expected exports of PLAN_CLARA.
They were written once by the exporters and then checked line by line against the dates
worked out by hand in ``test_plan_clara_dates_a_la_main``. If the format changes on purpose,
regenerate them with

    OBM_REGENERER_GOLDEN=1 .venv/bin/pytest -q tests/test_planification.py -k golden

then review every changed line with ``git diff tests/golden/planification`` before committing.
"""

import csv
import io
import os
import random
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import dates as mdates
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from obm.erreurs import (
    ColonneManquante,
    DonneesInvalides,
    ErreurOBM,
    IdentifiantInconnu,
    TypeInvalide,
)
from obm.planification import (
    TAILLE_ETIQUETTES,
    ajouter_jours_ouvres,
    ajouter_tache,
    apercu_exports,
    changer_duree,
    date_en_francais,
    diagramme_gantt,
    est_jour_ouvre,
    exporter_asana_csv,
    exporter_ics,
    exporter_monday_csv,
    fin_au_plus_tot,
    jour_ouvre_precedent,
    jour_ouvre_suivant,
    jours_feries,
    jours_ouvres_entre,
    planning_au_plus_tot,
    resumer_plan,
    retroplanning,
    tableau_des_taches,
    tableau_jours_feries,
    tableau_plan,
    taches_sans_successeur,
)

GOLDEN = Path(__file__).parent / "golden" / "planification"
CIBLE = date(2027, 5, 18)  # Clara's cart opens on Tuesday 18 May 2027

PLAN_CLARA = [
    {"id": "A", "tache": "Écrire la page de vente", "duree": 3, "predecesseurs": []},
    {"id": "B", "tache": "Tourner la vidéo de présentation", "duree": 2, "predecesseurs": ""},
    {"id": "C", "tache": "Monter la vidéo", "duree": 2, "predecesseurs": "B"},
    {"id": "D", "tache": "Intégrer la page et la vidéo", "duree": 2, "predecesseurs": "A, C"},
    {"id": "E", "duree": 1, "predecesseurs": ["D"],
     "tache": "Relire la page de vente, vérifier les liens de paiement et tester le panier"},
    {"id": "F", "tache": "Programmer les emails d'ouverture", "duree": 1, "predecesseurs": ["A"]},
]

# Diamond: A -> B (3 days) -> D and A -> C (1 day) -> D.
DIAMANT = [
    {"id": "A", "tache": "Brief", "duree": 1, "predecesseurs": []},
    {"id": "B", "tache": "Chaîne longue", "duree": 3, "predecesseurs": ["A"]},
    {"id": "C", "tache": "Chaîne courte", "duree": 1, "predecesseurs": ["A"]},
    {"id": "D", "tache": "Fin", "duree": 1, "predecesseurs": ["B", "C"]},
]


def tache(ident, duree=1, predecesseurs=(), nom=None):
    return {"id": ident, "tache": nom or f"Tâche {ident}", "duree": duree,
            "predecesseurs": list(predecesseurs)}


def d(mois, jour, annee=2027):
    return date(annee, mois, jour)


# --------------------------------------------------------------------------- jours ouvrés


def test_jours_feries_2027_noms_francais():
    """Does jours_feries give the eleven 2027 holidays with their French names?"""
    feries = jours_feries(2027)
    assert len(feries) == 11
    assert feries[d(3, 29)] == "Lundi de Pâques"
    assert feries[d(5, 1)] == "Fête du Travail"
    assert feries[d(5, 6)] == "Ascension"
    assert feries[d(5, 17)] == "Lundi de Pentecôte"
    assert "Victoire" in feries[d(5, 8)]
    assert list(feries) == sorted(feries)


def test_jours_feries_alsace_moselle():
    """Does Alsace-Moselle add exactly Good Friday (26/03/2027) and 26 December?"""
    metropole = jours_feries(2027)
    alsace = jours_feries(2027, zone="alsace-moselle")
    assert set(alsace) - set(metropole) == {d(3, 26), d(12, 26)}
    assert alsace[d(3, 26)] == "Vendredi saint"


def test_jours_feries_annee_invalide():
    """Does a non-integer year raise the obm error?"""
    with pytest.raises(TypeInvalide):
        jours_feries("2027")


def test_est_jour_ouvre():
    """Are weekends and holidays non-working, ordinary weekdays working, whatever the date type?"""
    assert est_jour_ouvre(d(5, 14))  # vendredi
    assert not est_jour_ouvre(d(5, 15))  # samedi
    assert not est_jour_ouvre("2027-05-17")  # lundi de Pentecôte
    assert not est_jour_ouvre(pd.Timestamp("2027-05-06"))  # Ascension
    assert est_jour_ouvre(d(3, 26))  # Vendredi saint : ouvré en métropole…
    assert not est_jour_ouvre(d(3, 26), zone="alsace-moselle")  # … pas en Alsace-Moselle


def test_jours_ouvres_entre_bornes_comprises():
    """Does jours_ouvres_entre count both ends and skip weekends and holidays?"""
    # 3, 4, 5, (6 Ascension), 7, 10, 11, 12, 13, 14 mai : 9 jours ouvrés.
    assert jours_ouvres_entre(d(5, 3), d(5, 14)) == 9
    # 10 → 18 mai : 10, 11, 12, 13, 14, (17 Pentecôte), 18 : 6 jours.
    assert jours_ouvres_entre(d(5, 10), "2027-05-18") == 6
    assert jours_ouvres_entre(d(5, 14), d(5, 14)) == 1
    assert jours_ouvres_entre(d(5, 15), d(5, 16)) == 0  # un week-end
    assert jours_ouvres_entre(d(5, 17), d(5, 17)) == 0  # un jour férié
    with pytest.raises(DonneesInvalides, match="inverse"):
        jours_ouvres_entre(d(5, 14), d(5, 10))


def test_ajouter_jours_ouvres():
    """Does ajouter_jours_ouvres step over weekends and holidays both ways, and is 0 a no-op?"""
    assert ajouter_jours_ouvres(d(5, 14), 1) == d(5, 18)  # vendredi → mardi (Pentecôte)
    assert ajouter_jours_ouvres(d(5, 18), -1) == d(5, 14)
    assert ajouter_jours_ouvres(d(5, 5), 1) == d(5, 7)  # l'Ascension sautée
    assert ajouter_jours_ouvres(d(5, 3), 8) == d(5, 14)  # 4,5,7,10,11,12,13,14
    assert ajouter_jours_ouvres(d(5, 8), 1) == d(5, 10)  # depuis un samedi
    assert ajouter_jours_ouvres(d(5, 8), -1) == d(5, 7)
    assert ajouter_jours_ouvres(d(5, 8), 0) == d(5, 8)  # 0 : le jour tel quel
    assert ajouter_jours_ouvres(d(5, 14), 0) == d(5, 14)
    # Loin dans l'année suivante : recompter avec jours_ouvres_entre redonne le pas demandé.
    loin = ajouter_jours_ouvres(d(12, 31), 300)
    assert jours_ouvres_entre(d(1, 1, 2028), loin) == 300
    with pytest.raises(TypeInvalide):
        ajouter_jours_ouvres(d(5, 14), 1.5)


def test_jour_ouvre_precedent_et_suivant():
    """Do the neighbour helpers skip Whit Monday and work from a non-working day?"""
    assert jour_ouvre_precedent(d(5, 18)) == d(5, 14)
    assert jour_ouvre_suivant(d(5, 14)) == d(5, 18)
    assert jour_ouvre_precedent(d(5, 17)) == d(5, 14)
    assert jour_ouvre_suivant(d(5, 15)) == d(5, 18)


def test_date_en_francais():
    """Is a date written out in French, with « 1er » for the first of the month?"""
    assert date_en_francais(d(5, 14)) == "vendredi 14 mai 2027"
    assert date_en_francais("2027-05-01") == "samedi 1er mai 2027"


# --------------------------------------------------------------------------- rétroplanning


def test_tache_sans_successeur_finit_avant_la_pentecote():
    """Does a task without successors end on Friday 14 May when the target is Tuesday 18 May?"""
    plan = retroplanning([tache("A", 3)], CIBLE)
    # Lundi 17 = Pentecôte : dernier jour ouvré avant le 18 = vendredi 14 ; 3 jours : 12, 13, 14.
    assert plan.loc["A", "fin"] == d(5, 14)
    assert plan.loc["A", "debut"] == d(5, 12)


def test_plan_clara_dates_a_la_main():
    """Does Clara's launch plan get the dates worked out by hand on the May 2027 calendar?"""
    plan = retroplanning(PLAN_CLARA, CIBLE)
    # E, F have no successors: they end Friday 14 May (17 is Whit Monday), 1 day each.
    # D ends the day before E starts (Thursday 13), 2 days: 12-13.
    # A ends the day before min(D 12, F 14) = Tuesday 11; 3 days: 11, 10, Friday 7.
    # C ends before D (11); 2 days: 10-11.
    # B ends before C starts (10) = Friday 7; 2 days: 7 and Wednesday 5 (6 = Ascension).
    attendu = {
        "A": (d(5, 7), d(5, 11)), "B": (d(5, 5), d(5, 7)), "C": (d(5, 10), d(5, 11)),
        "D": (d(5, 12), d(5, 13)), "E": (d(5, 14), d(5, 14)), "F": (d(5, 14), d(5, 14)),
    }
    for ident, (debut, fin) in attendu.items():
        assert (plan.loc[ident, "debut"], plan.loc[ident, "fin"]) == (debut, fin), ident


def test_plan_clara_marges_et_chemin_critique():
    """Are slack and the critical path of Clara's plan the hand-computed ones?"""
    plan = retroplanning(PLAN_CLARA, CIBLE)
    # Forward pass from S = Wednesday 5 May: A could start on the 5th (placed on the 7th:
    # 5 → 7 is one working day, the 6th being Ascension) ; A ends at the earliest on the
    # 10th, so F could start on the 11th (placed on the 14th: 12, 13, 14 → 3 days).
    # B → C → D → E fill 5, 7, 10, 11, 12, 13, 14: no slack.
    assert plan["marge"].to_dict() == {"A": 1, "B": 0, "C": 0, "D": 0, "E": 0, "F": 3}
    assert plan.index[plan["critique"]].tolist() == ["B", "C", "D", "E"]


def test_cible_lundi_apres_un_vendredi_ferie():
    """With a Monday target after a Friday holiday, do final tasks end on the Thursday?"""
    # 14 juillet 2023 et 11 novembre 2022 tombaient un vendredi : une cible le lundi suivant
    # fait finir les dernières tâches le jeudi 13 juillet 2023 / jeudi 10 novembre 2022.
    assert retroplanning([tache("A")], d(7, 17, 2023)).loc["A", "fin"] == d(7, 13, 2023)
    assert retroplanning([tache("A")], d(11, 14, 2022)).loc["A", "fin"] == d(11, 10, 2022)
    # Sans férié, une cible un lundi fait finir le vendredi : lundi 10 mai 2027 → vendredi 7.
    assert retroplanning([tache("A")], d(5, 10)).loc["A", "fin"] == d(5, 7)


def test_alsace_moselle_vendredi_saint():
    """Does Good Friday move the end to Thursday in Alsace-Moselle only?"""
    # Cible mardi 30 mars 2027 ; lundi 29 = lundi de Pâques partout.
    assert retroplanning([tache("A")], d(3, 30)).loc["A", "fin"] == d(3, 26)
    alsace = retroplanning([tache("A")], d(3, 30), zone="alsace-moselle")
    assert alsace.loc["A", "fin"] == d(3, 25)


def test_alsace_moselle_26_decembre():
    """Does 26 December (a Friday in 2025) count as a holiday in Alsace-Moselle only?"""
    # Cible lundi 29 décembre 2025 : métropole → vendredi 26 ; Alsace-Moselle : 26 et 25
    # (Noël) fériés → mercredi 24.
    assert retroplanning([tache("A")], d(12, 29, 2025)).loc["A", "fin"] == d(12, 26, 2025)
    alsace = retroplanning([tache("A")], d(12, 29, 2025), zone="alsace-moselle")
    assert alsace.loc["A", "fin"] == d(12, 24, 2025)


def test_diamant_marge_de_la_chaine_courte():
    """On a diamond, does the short branch get the slack and the long one stay critical?"""
    plan = retroplanning(DIAMANT, CIBLE)
    # D: 14 mai. B (3 j) : 11, 12, 13. C (1 j) : 13. A finit avant min(11, 13) : lundi 10.
    # Au plus tôt depuis le 10 : C pourrait se faire le 11 → marge de 2 jours (11 → 13).
    assert plan.loc["A", "debut"] == d(5, 10)
    assert (plan.loc["B", "debut"], plan.loc["C", "debut"]) == (d(5, 11), d(5, 13))
    assert plan["marge"].to_dict() == {"A": 0, "B": 0, "C": 2, "D": 0}
    assert plan["critique"].to_dict() == {"A": True, "B": True, "C": False, "D": True}


def test_deux_chemins_critiques_a_egalite():
    """When two chains have the same length, are both critical?"""
    taches = [tache("A", 2), tache("B", 2), tache("C", 1, ["A", "B"]), tache("X", 1)]
    plan = retroplanning(taches, CIBLE)
    # C : 14 ; A et B : 12-13 ; X (1 j, sans lien) : 14, au plus tôt le 12 → marge 2.
    assert plan["critique"].to_dict() == {"A": True, "B": True, "C": True, "X": False}
    assert plan.loc["X", "marge"] == 2


def test_identifiants_compares_comme_du_texte():
    """Are 1 and "1" (and " 1 ") the same task?"""
    taches = [tache(1, 2), tache("2", 1, [" 1 "]), tache(3, 1, [2])]
    plan = retroplanning(taches, CIBLE)
    assert plan.index.tolist() == ["1", "2", "3"]
    assert plan.loc["3", "predecesseurs"] == ["2"]
    assert plan.loc["1", "fin"] == d(5, 12)  # 3 : 14, 2 : 13, 1 : 11-12
    with pytest.raises(DonneesInvalides, match="« 1 »"):
        retroplanning([tache(1), tache("1")], CIBLE)


def test_predecesseurs_texte_ou_liste():
    """Do "A, B", "A,B", ["A", "B"] and a list read back from a CSV give the same plan?"""
    base = [tache("A", 2), tache("B", 1)]
    plans = [
        retroplanning(base + [{"id": "C", "tache": "C", "duree": 1, "predecesseurs": p}], CIBLE)
        for p in ("A, B", "A,B", ["A", "B"], ("A", "B"), "['A', 'B']")
    ]
    for plan in plans[1:]:
        pd.testing.assert_frame_equal(plan, plans[0])
    assert plans[0].loc["C", "predecesseurs"] == ["A", "B"]


def test_predecesseurs_nan_dans_un_dataframe():
    """Does an empty predecessor cell (NaN) from a DataFrame mean no predecessor?"""
    tableau = pd.DataFrame({
        "id": ["A", "B", "C"],
        "tache": ["Un", "Deux", "Trois"],
        "duree": [1, 2, 1],
        "predecesseurs": [None, float("nan"), "A, B"],
    })
    plan = retroplanning(tableau, CIBLE)
    assert plan["predecesseurs"].tolist() == [[], [], ["A", "B"]]
    assert plan.loc["B", "debut"] == d(5, 12)


def test_duree_flottante_entiere_acceptee():
    """Is a whole float duration (3.0, as pandas makes when a column has gaps) accepted?"""
    plan = retroplanning([tache("A", 3.0)], CIBLE)
    assert plan.loc["A", "duree"] == 3
    assert plan.loc["A", "debut"] == d(5, 12)


def test_types_renvoyes():
    """Are the returned columns of the pinned types (date objects, int, bool, list of str)?"""
    plan = retroplanning(PLAN_CLARA, CIBLE)
    assert plan.index.name == "id"
    assert all(type(i) is str for i in plan.index)
    assert type(plan.loc["A", "fin"]) is date
    assert type(plan.loc["A", "debut"]) is date
    assert plan.loc["A", "fin"] == date(2027, 5, 11)
    assert pd.api.types.is_integer_dtype(plan["marge"])
    assert pd.api.types.is_integer_dtype(plan["duree"])
    assert pd.api.types.is_bool_dtype(plan["critique"])
    assert all(type(p) is list and all(type(x) is str for x in p) for p in plan["predecesseurs"])
    assert list(plan.columns[:7]) == [
        "tache", "duree", "predecesseurs", "debut", "fin", "marge", "critique"]


def test_ordre_des_taches_conserve():
    """Are tasks returned in input order, even when successors come first?"""
    taches = [tache("Z", 1, ["Y"]), tache("X"), tache("Y", 1, ["X"])]
    assert retroplanning(taches, CIBLE).index.tolist() == ["Z", "X", "Y"]


def test_dataframe_d_entree_non_modifie():
    """Is the learner's DataFrame left untouched?"""
    tableau = pd.DataFrame(PLAN_CLARA)
    copie = tableau.copy(deep=True)
    retroplanning(tableau, CIBLE)
    pd.testing.assert_frame_equal(tableau, copie)


def test_colonnes_supplementaires_conservees_et_replanification():
    """Are extra columns kept, and can a computed plan (indexed by id) be planned again?"""
    equipe = ["Léa", "Hugo", "Hugo", "Léa", "Samir", "Inès"]
    taches = [dict(t, responsable=r) for t, r in zip(PLAN_CLARA, equipe, strict=True)]
    plan = retroplanning(taches, CIBLE)
    assert plan.loc["C", "responsable"] == "Hugo"
    # Le webinaire glisse : même plan, nouvelle cible une semaine plus tôt (mardi 11 mai) ;
    # les tâches finales finissent alors le lundi 10 mai.
    replan = retroplanning(plan, d(5, 11))
    assert replan.loc["E", "fin"] == d(5, 10)
    assert replan.loc["C", "responsable"] == "Hugo"


def test_date_cible_types_acceptes():
    """Do a date, a Timestamp and an ISO string give the same plan?"""
    plans = [retroplanning(DIAMANT, c) for c in (CIBLE, pd.Timestamp("2027-05-18"), "2027-05-18")]
    for plan in plans[1:]:
        pd.testing.assert_frame_equal(plan, plans[0])


def test_plan_de_10000_taches():
    """Does a 10 000-task plan with a long chain come out consistent?"""
    rng = random.Random(2027)
    taches = []
    for i in range(10_000):
        candidats = range(max(0, i - 60), i)
        k = min(len(candidats), rng.randint(0, 3))
        preds = [f"T{j}" for j in rng.sample(candidats, k)]
        taches.append(tache(f"T{i}", rng.randint(1, 5), preds))
    plan = retroplanning(taches, CIBLE)
    assert len(plan) == 10_000
    debuts, fins = plan["debut"].to_dict(), plan["fin"].to_dict()
    a_des_successeurs = set()
    for t in taches:
        for p in t["predecesseurs"]:
            assert fins[p] < debuts[t["id"]]
            a_des_successeurs.add(p)
    assert all(fins[t["id"]] == d(5, 14) for t in taches if t["id"] not in a_des_successeurs)
    assert plan["marge"].min() == 0
    assert plan["debut"].min() < d(1, 1, 2026)  # la longue chaîne remonte de plusieurs années


# --------------------------------------------------------------------------- erreurs


def test_liste_vide():
    """Does an empty task list raise the obm error?"""
    with pytest.raises(DonneesInvalides, match="vide"):
        retroplanning([], CIBLE)
    with pytest.raises(DonneesInvalides):
        retroplanning(pd.DataFrame(columns=["id", "tache", "duree", "predecesseurs"]), CIBLE)


def test_taches_mauvais_type():
    """Does a non-table, non-list input raise the obm type error?"""
    with pytest.raises(TypeInvalide):
        retroplanning("A, B", CIBLE)


def test_identifiant_en_double():
    """Does a duplicate id raise the obm error naming it?"""
    with pytest.raises(DonneesInvalides, match="« B »"):
        retroplanning([tache("A"), tache("B"), tache("B")], CIBLE)


def test_predecesseur_inconnu():
    """Does an unknown predecessor raise an error naming both the task and the unknown id?"""
    with pytest.raises(IdentifiantInconnu) as erreur:
        retroplanning([tache("A"), tache("C", 1, ["A", "Z"])], CIBLE)
    message = str(erreur.value)
    assert "« C »" in message and "« Z »" in message
    assert isinstance(erreur.value, ErreurOBM)


def test_cycle_nomme_ses_taches():
    """Does a cycle raise an error naming the ids in the cycle (and not a task merely after it)?"""
    taches = [tache("A", 1, ["C"]), tache("B", 1, ["A"]), tache("C", 1, ["B"]),
              tache("D", 1, ["C"])]
    with pytest.raises(DonneesInvalides, match="cycle") as erreur:
        retroplanning(taches, CIBLE)
    message = str(erreur.value)
    assert all(f"« {i} »" in message for i in "ABC")
    assert "« D »" not in message


def test_tache_qui_s_attend_elle_meme():
    """Is a task listed as its own predecessor reported as a cycle?"""
    with pytest.raises(DonneesInvalides, match="« A »"):
        retroplanning([tache("A", 1, ["A"])], CIBLE)


@pytest.mark.parametrize(
    ("duree", "erreur"),
    [(0, DonneesInvalides), (-1, DonneesInvalides), (2.5, DonneesInvalides),
     (None, DonneesInvalides), ("3 jours", TypeInvalide), ("3", TypeInvalide),
     (True, TypeInvalide)],
)
def test_duree_invalide(duree, erreur):
    """Is each bad duration refused with an obm error naming the task?"""
    with pytest.raises(erreur, match="« B »") as attrape:
        retroplanning([tache("A"), tache("B", duree)], CIBLE)
    assert isinstance(attrape.value, ErreurOBM)


def test_durees_invalides_toutes_nommees():
    """Are all bad durations named in one message, text and zero alike?"""
    with pytest.raises(TypeInvalide) as erreur:
        retroplanning([tache("A"), tache("B", "3 jours"), tache("C", 0)], CIBLE)
    assert "« B »" in str(erreur.value) and "« C »" in str(erreur.value)
    assert "« A »" not in str(erreur.value)


def test_date_cible_illisible():
    """Does an unreadable date string raise a French error showing the expected format?"""
    with pytest.raises(DonneesInvalides, match="AAAA-MM-JJ"):
        retroplanning(PLAN_CLARA, "18/05/2027")
    with pytest.raises(TypeInvalide):
        retroplanning(PLAN_CLARA, 20270518)


def test_colonne_manquante_dataframe():
    """Does a missing column raise ColonneManquante naming it and the expected columns?"""
    tableau = pd.DataFrame(PLAN_CLARA).drop(columns="duree")
    with pytest.raises(ColonneManquante) as erreur:
        retroplanning(tableau, CIBLE)
    assert "« duree »" in str(erreur.value)
    assert "id, tache, duree, predecesseurs" in str(erreur.value)


def test_cle_manquante_liste():
    """Does a dict without a required key raise ColonneManquante naming the key?"""
    with pytest.raises(ColonneManquante, match="« predecesseurs »"):
        retroplanning([tache("A"), {"id": "B", "tache": "Sans lien", "duree": 1}], CIBLE)


def test_zone_inconnue():
    """Does an unknown zone raise an error listing the allowed zones?"""
    with pytest.raises(DonneesInvalides) as erreur:
        retroplanning(PLAN_CLARA, CIBLE, zone="bretagne")
    assert "metropole" in str(erreur.value) and "alsace-moselle" in str(erreur.value)
    with pytest.raises(DonneesInvalides):
        est_jour_ouvre(CIBLE, zone="guadeloupe")


def test_debut_au_plus_tot_trop_tard():
    """If the plan must start before debut_au_plus_tot, does the error count the missing days?"""
    # Le plan de Clara commence mercredi 5 mai. Commencer au plus tôt lundi 10 : il manque
    # le 5 et le 7 (le 6 est l'Ascension) → 2 jours ouvrés ; au plus tôt vendredi 7 : 1 jour.
    with pytest.raises(DonneesInvalides, match="2 jours ouvrés"):
        retroplanning(PLAN_CLARA, CIBLE, debut_au_plus_tot=d(5, 10))
    with pytest.raises(DonneesInvalides, match="1 jour ouvré"):
        retroplanning(PLAN_CLARA, CIBLE, debut_au_plus_tot="2027-05-07")


def test_debut_au_plus_tot_respecte():
    """Is no error raised when the plan starts on or after debut_au_plus_tot?"""
    plan = retroplanning(PLAN_CLARA, CIBLE, debut_au_plus_tot=d(5, 5))
    assert plan["debut"].min() == d(5, 5)
    retroplanning(PLAN_CLARA, CIBLE, debut_au_plus_tot=d(5, 1))  # un samedi avant le 5


# --------------------------------------------------------------------------- au plus tôt


def test_planning_au_plus_tot_clara():
    """Does the forward plan from Saturday 1 May start on Monday 3 and end on Wednesday 12?"""
    plan = planning_au_plus_tot(PLAN_CLARA, d(5, 1))
    # A : 3, 4, 5. B : 3-4. C : 5, 7 (Ascension). D après max(5, 7) : 10-11. E : 12. F : 7.
    attendu = {
        "A": (d(5, 3), d(5, 5)), "B": (d(5, 3), d(5, 4)), "C": (d(5, 5), d(5, 7)),
        "D": (d(5, 10), d(5, 11)), "E": (d(5, 12), d(5, 12)), "F": (d(5, 7), d(5, 7)),
    }
    for ident, (debut, fin) in attendu.items():
        assert (plan.loc[ident, "debut"], plan.loc[ident, "fin"]) == (debut, fin), ident
    # F peut glisser du 7 au 12 (10, 11, 12 : 3 jours) ; A du 3 au 4 (1 jour).
    assert plan["marge"].to_dict() == {"A": 1, "B": 0, "C": 0, "D": 0, "E": 0, "F": 3}
    assert fin_au_plus_tot(PLAN_CLARA, d(5, 1)) == d(5, 12)
    assert type(fin_au_plus_tot(PLAN_CLARA, d(5, 1))) is date


def test_planning_au_plus_tot_paques_et_alsace():
    """Does a forward plan skip Easter Monday, and Good Friday too in Alsace-Moselle?"""
    # 3 jours depuis le jeudi 25 mars 2027 : 25, 26, (week-end, 29 lundi de Pâques), 30.
    assert fin_au_plus_tot([tache("A", 3)], d(3, 25)) == d(3, 30)
    # En Alsace-Moselle, le 26 (Vendredi saint) est férié : 25, 30, 31.
    assert fin_au_plus_tot([tache("A", 3)], d(3, 25), zone="alsace-moselle") == d(3, 31)


# --------------------------------------------------------------------------- propriétés


@st.composite
def graphes(draw):
    """Random task lists: a DAG drawn in index order, handed over in a shuffled order."""
    n = draw(st.integers(1, 9))
    durees = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n))
    preds = [
        sorted(draw(st.sets(st.integers(0, i - 1), max_size=3))) if i else [] for i in range(n)
    ]
    ordre = draw(st.permutations(range(n)))
    return [tache(f"T{i}", durees[i], [f"T{p}" for p in preds[i]]) for i in ordre]


DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
ZONES = st.sampled_from(["metropole", "alsace-moselle"])


def verifier_plan(plan, taches, zone):
    for t in taches:
        ligne = plan.loc[t["id"]]
        assert est_jour_ouvre(ligne["debut"], zone) and est_jour_ouvre(ligne["fin"], zone)
        assert jours_ouvres_entre(ligne["debut"], ligne["fin"], zone) == t["duree"]
        for p in t["predecesseurs"]:
            assert plan.loc[p, "fin"] < ligne["debut"]
    assert (plan["marge"] >= 0).all()
    assert (plan["marge"] == 0).any()
    assert (plan["critique"] == (plan["marge"] == 0)).all()


@settings(max_examples=60, deadline=None, database=None)
@given(taches=graphes(), cible=DATES, zone=ZONES)
def test_proprietes_retroplanning(taches, cible, zone):
    """For any DAG and target, are the rétroplanning's rules respected?"""
    plan = retroplanning(taches, cible, zone=zone)
    verifier_plan(plan, taches, zone)
    successeurs = {p for t in taches for p in t["predecesseurs"]}
    for t in taches:
        fin = plan.loc[t["id"], "fin"]
        assert fin < cible
        if t["id"] not in successeurs:
            # Dernier jour ouvré avant la cible : aucun jour ouvré entre fin et cible.
            entre = (fin + timedelta(days=k) for k in range(1, (cible - fin).days))
            assert not any(est_jour_ouvre(jour, zone) for jour in entre)
    # La tâche qui commence le plus tôt n'a pas de marge.
    assert plan.loc[plan["debut"] == plan["debut"].min(), "marge"].eq(0).any()


@settings(max_examples=60, deadline=None, database=None)
@given(taches=graphes(), depart=DATES, zone=ZONES)
def test_proprietes_planning_au_plus_tot(taches, depart, zone):
    """For any DAG and start date, are the forward plan's rules respected?"""
    plan = planning_au_plus_tot(taches, depart, zone=zone)
    verifier_plan(plan, taches, zone)
    premier = depart if est_jour_ouvre(depart, zone) else jour_ouvre_suivant(depart, zone)
    for t in taches:
        if not t["predecesseurs"]:
            assert plan.loc[t["id"], "debut"] == premier
    assert fin_au_plus_tot(taches, depart, zone=zone) == plan["fin"].max()


# --------------------------------------------------------------------------- Gantt


def barres(fig):
    return [
        c for ax in fig.axes for c in ax.collections if (c.get_gid() or "").startswith("tache:")
    ]


def test_gantt_une_barre_par_tache():
    """Does the Gantt draw one bar per task, split over weekends and holidays?"""
    plan = retroplanning(PLAN_CLARA, CIBLE)
    fig = diagramme_gantt(plan, date_cible=CIBLE, titre="Lancement Cap Sérénité")
    assert isinstance(fig, Figure)
    collections = {c.get_gid(): c for c in barres(fig)}
    assert len(collections) == len(PLAN_CLARA)
    # A : vendredi 7, puis lundi 10 - mardi 11 → deux morceaux ; B : 5 puis 7 (Ascension).
    morceaux_a = [p.get_extents().x0 for p in collections["tache:A"].get_paths()]
    assert sorted(morceaux_a) == [mdates.date2num(d(5, 7)), mdates.date2num(d(5, 10))]
    assert len(collections["tache:B"].get_paths()) == 2
    assert len(collections["tache:D"].get_paths()) == 1


def test_gantt_chemin_critique_et_reperes():
    """Are critical bars in the « Chemin critique » colour, and holidays and target marked?"""
    plan = retroplanning(PLAN_CLARA, CIBLE)
    fig = diagramme_gantt(plan, date_cible=CIBLE)
    ax = fig.axes[0]
    couleurs = {c.get_gid(): tuple(c.get_facecolor()[0]) for c in barres(fig)}
    legende = dict(zip((t.get_text() for t in fig.legends[0].get_texts()),
                       fig.legends[0].legend_handles, strict=True))
    rouge = tuple(to_rgba(legende["Chemin critique"].get_facecolor()))
    critiques = {g for g, c in couleurs.items() if c == rouge}
    assert critiques == {"tache:B", "tache:C", "tache:D", "tache:E"}
    textes = [t.get_text() for t in ax.texts]
    assert "Ascension" in textes and "Lundi de Pentecôte" in textes
    assert any("18/05" in t for t in textes)  # libellé de la date cible
    assert any(mdates.date2num(CIBLE) in line.get_xdata() for line in ax.lines)
    fig.draw_without_rendering()
    etiquettes = [t.get_text() for t in ax.get_xticklabels()]
    assert "14/05" in etiquettes
    assert ax.get_yticklabels()[0].get_text().startswith("A ·")


def test_gantt_plan_au_plus_tot_et_deux_cibles():
    """Does the Gantt accept a forward plan, and two concatenated plans with named targets?"""
    fig = diagramme_gantt(planning_au_plus_tot(PLAN_CLARA, d(5, 3)))
    assert len(barres(fig)) == 6
    webinaire = retroplanning([tache("W1", 4), tache("W2", 1, ["W1"])], d(5, 11))
    lancement = retroplanning(PLAN_CLARA, CIBLE)
    fig = diagramme_gantt(pd.concat([webinaire, lancement]),
                          date_cible={"Webinaire": d(5, 11), "Ouverture du panier": CIBLE})
    assert len(barres(fig)) == 8
    textes = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("Webinaire") for t in textes)


def test_gantt_plan_vide():
    """Does an empty plan give a figure saying « pas de données » instead of an error?"""
    plan = retroplanning(PLAN_CLARA, CIBLE).iloc[0:0]
    fig = diagramme_gantt(plan)
    assert isinstance(fig, Figure)
    assert any("pas de données" in t.get_text() for t in fig.axes[0].texts)
    fig.savefig(io.BytesIO(), format="png")


def test_gantt_colonne_manquante():
    """Does a table without dates raise ColonneManquante?"""
    with pytest.raises(ColonneManquante, match="debut"):
        diagramme_gantt(pd.DataFrame(PLAN_CLARA))


# --------------------------------------------------------------------------- exports


def comparer_golden(produit: Path, nom: str):
    attendu = GOLDEN / nom
    if os.environ.get("OBM_REGENERER_GOLDEN") == "1":
        attendu.parent.mkdir(parents=True, exist_ok=True)
        attendu.write_bytes(produit.read_bytes())
    assert produit.read_bytes() == attendu.read_bytes(), (
        f"{produit.name} diffère de {attendu} : si le changement est voulu, régénère avec "
        "OBM_REGENERER_GOLDEN=1 et relis le diff."
    )


@pytest.fixture
def plan_clara():
    return retroplanning(PLAN_CLARA, CIBLE)


def test_ics_golden(plan_clara, tmp_path):
    """Is the .ics of Clara's plan byte for byte the reviewed golden file?"""
    chemin = exporter_ics(plan_clara, tmp_path / "plan.ics")
    assert chemin == tmp_path / "plan.ics"
    comparer_golden(chemin, "plan_clara.ics")


def test_asana_csv_golden(plan_clara, tmp_path):
    """Is the Asana CSV of Clara's plan byte for byte the reviewed golden file?"""
    comparer_golden(exporter_asana_csv(plan_clara, tmp_path / "asana.csv"), "plan_clara_asana.csv")


def test_monday_csv_golden(plan_clara, tmp_path):
    """Is the monday.com CSV of Clara's plan byte for byte the reviewed golden file?"""
    chemin = exporter_monday_csv(plan_clara, tmp_path / "monday.csv")
    comparer_golden(chemin, "plan_clara_monday.csv")


def test_ics_relu_par_icalendar(plan_clara, tmp_path):
    """Read back with icalendar, are there one all-day event per task with an exclusive DTEND?"""
    from icalendar import Calendar

    brut = exporter_ics(plan_clara, tmp_path / "plan.ics").read_bytes()
    agenda = Calendar.from_ical(brut)
    evenements = {str(e["summary"]): e for e in agenda.walk("VEVENT")}
    assert len(evenements) == 6
    a = evenements["Écrire la page de vente"]
    assert a.decoded("dtstart") == d(5, 7)
    assert a.decoded("dtend") == d(5, 12)  # fin le mardi 11 → DTEND le mercredi 12 (exclu)
    e = evenements["Relire la page de vente, vérifier les liens de paiement et tester le panier"]
    assert (e.decoded("dtstart"), e.decoded("dtend")) == (d(5, 14), d(5, 15))
    assert "Tâche critique" in str(e["description"])
    assert "Tâche critique" not in str(a["description"])
    assert "3 jours ouvrés" in str(a["description"])
    assert len({str(e["uid"]) for e in evenements.values()}) == 6
    assert str(agenda["version"]) == "2.0" and "prodid" in agenda


def test_ics_conforme_rfc5545(plan_clara, tmp_path):
    """Does the .ics use CRLF line ends and fold lines at 75 octets?"""
    brut = exporter_ics(plan_clara, tmp_path / "plan.ics").read_bytes()
    lignes = brut.split(b"\r\n")
    assert lignes[-1] == b"" and b"\n" not in brut.replace(b"\r\n", b"")
    assert max(len(ligne) for ligne in lignes) <= 75
    for ligne in lignes:
        ligne.decode("utf-8")  # aucun caractère multi-octet coupé par le pliage
    assert any(ligne.startswith(b" ") for ligne in lignes)  # le long titre de E est plié


def test_ics_reproductible_et_uid_stables(plan_clara, tmp_path):
    """Do two exports match, and does a task keep its UID when the plan changes?"""
    from icalendar import Calendar

    un = exporter_ics(plan_clara, tmp_path / "un.ics").read_bytes()
    deux = exporter_ics(plan_clara, tmp_path / "deux.ics").read_bytes()
    assert un == deux
    autre = exporter_ics(retroplanning(PLAN_CLARA, d(5, 25)), tmp_path / "autre.ics").read_bytes()

    def uids(brut):
        return {str(e["summary"]): str(e["uid"]) for e in Calendar.from_ical(brut).walk("VEVENT")}

    assert uids(un) == uids(autre)
    with pytest.raises(DonneesInvalides):
        exporter_ics(plan_clara, tmp_path / "x.ics", horodatage=datetime(2027, 1, 1))


def test_asana_predecesseurs_au_dessus(plan_clara, tmp_path):
    """In the Asana CSV, is every dependency a task name listed on an earlier row?"""
    chemin = exporter_asana_csv(plan_clara, tmp_path / "a.csv")
    with open(chemin, encoding="utf-8", newline="") as f:
        rangees = list(csv.DictReader(f))
    vus = set()
    for rangee in rangees:
        for nom in filter(None, rangee["Dependencies"].split(",")):
            assert nom in vus
        vus.add(rangee["Name"])
    assert len(rangees) == 6


def test_asana_nom_ambigu_refuse(tmp_path):
    """Does the Asana export refuse a predecessor whose name has a comma (ambiguous link)?"""
    plan = retroplanning([tache("A", nom="Écrire, relire"), tache("B", 1, ["A"])], CIBLE)
    with pytest.raises(DonneesInvalides, match="« A »"):
        exporter_asana_csv(plan, tmp_path / "a.csv")
    exporter_monday_csv(plan, tmp_path / "m.csv")  # monday : simple texte, pas de problème


def test_calcurse_importe_le_ics(plan_clara, tmp_path):
    """Does calcurse import the .ics and show every task on each of its days?"""
    if shutil.which("calcurse") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("calcurse est introuvable alors que CI=true : installe le paquet Debian "
                        "calcurse (apt-get install -y calcurse).")
        pytest.skip("calcurse absent : installe le paquet Debian calcurse "
                    "(apt-get install -y calcurse)")
    ics = exporter_ics(plan_clara, tmp_path / "plan.ics")
    donnees = tmp_path / "calcurse"
    donnees.mkdir()
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C.UTF-8")
    commun = ["calcurse", "-D", str(donnees), "-C", str(donnees)]
    subprocess.run([*commun, "-q", "-i", str(ics)], check=True, env=env, timeout=30,
                   capture_output=True)
    sortie = subprocess.run(
        [*commun, "--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d",
         "--format-event", " * %m\\n", "--format-recur-event", " * %m\\n",
         "-Q", "--from", "2027-05-01", "--days", "31"],
        check=True, env=env, timeout=30, capture_output=True, text=True,
    ).stdout
    vus, jour = {}, None
    for ligne in sortie.splitlines():
        if ligne.endswith(":") and not ligne.startswith(" "):
            jour = date.fromisoformat(ligne[:-1])
        elif ligne.startswith(" * "):
            vus.setdefault(jour, set()).add(ligne[3:])
    # Un événement « journée entière » couvre chaque jour calendaire de debut à fin.
    attendu = {}
    for _, ligne in plan_clara.iterrows():
        jour = ligne["debut"]
        while jour <= ligne["fin"]:
            attendu.setdefault(jour, set()).add(ligne["tache"])
            jour += timedelta(days=1)
    assert vus == attendu


# --------------------------------------------------------------------------- tableau des tâches
# The lesson's plan (7 tasks) and the exercise's (10 tasks: the trailer BA moves the critical path).

LIBELLES_LECON = {"OFF": "Valider l'offre", "TOUR": "Tourner", "MONT": "Monter", "MEL": "Mettre en ligne",
                  "PAGE": "Écrire la page", "INT": "Intégrer la page", "PAIE": "Paiement"}
DUREES_LECON = {"OFF": 1, "TOUR": 15, "MONT": 15, "MEL": 3, "PAGE": 5, "INT": 2, "PAIE": 1}
PRED_LECON = {"OFF": "", "TOUR": "OFF", "MONT": "TOUR", "MEL": "MONT", "PAGE": "OFF",
              "INT": "PAGE", "PAIE": "OFF"}

LIBELLES_EXERCICE = {"OFF": "Valider l'offre", "PAGE": "Écrire la page", "MAIL": "Écrire les e-mails",
                     "INT": "Intégrer la page", "PROG": "Programmer les e-mails", "TOUR": "Tourner",
                     "MONT": "Monter", "BA": "Monter la bande-annonce", "MEL": "Mettre en ligne",
                     "PAIE": "Paiement"}
DUREES_EXERCICE = {"OFF": 1, "PAGE": 5, "MAIL": 4, "INT": 2, "PROG": 1, "TOUR": 15, "MONT": 15,
                   "BA": 3, "MEL": 3, "PAIE": 1}
PRED_EXERCICE = {"OFF": "", "PAGE": "OFF", "MAIL": "PAGE", "INT": "PAGE, BA", "PROG": "MAIL, INT",
                 "TOUR": "OFF", "MONT": "TOUR", "BA": "MONT", "MEL": "MONT", "PAIE": "OFF"}


def test_tableau_des_taches_trois_dictionnaires():
    """Do three dicts (labels, durations, predecessors) give the task table retroplanning takes?"""
    taches = tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON)
    assert list(taches.columns) == ["id", "tache", "duree", "predecesseurs"]
    assert list(taches["id"]) == list(LIBELLES_LECON)
    assert taches.loc[taches["id"] == "MONT", "predecesseurs"].iloc[0] == ["TOUR"]
    assert taches.loc[taches["id"] == "OFF", "predecesseurs"].iloc[0] == []
    plan = retroplanning(taches, CIBLE)
    # The lesson's critical path: 1 + 15 + 15 + 3 = 34 working days back from Fri 14 May.
    assert plan.loc["OFF", "debut"] == d(3, 26)
    assert list(plan.index[plan["critique"]]) == ["OFF", "TOUR", "MONT", "MEL"]


def test_tableau_des_taches_forme_canonique():
    """Whatever the writing (list or text, order, spaces, 15.0), is the table the same?"""
    un = tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE)
    autre_pred = dict(PRED_EXERCICE, INT=["BA", "PAGE"], PROG=" INT ,MAIL")
    autres_durees = dict(DUREES_EXERCICE, TOUR=15.0, MONT=15.0)
    deux = tableau_des_taches(LIBELLES_EXERCICE, dict(reversed(autres_durees.items())), autre_pred)
    pd.testing.assert_frame_equal(un, deux)
    assert un.loc[un["id"] == "INT", "predecesseurs"].iloc[0] == ["PAGE", "BA"]  # task order
    assert un["duree"].dtype.kind == "i"


def test_chemin_critique_de_l_exercice_n_est_pas_celui_de_la_lecon():
    """Does the exercise's trailer (BA) move the critical path away from the lesson's?"""
    plan = retroplanning(tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE), CIBLE)
    critiques = list(plan[plan["critique"]].sort_values("debut").index)
    assert critiques == ["OFF", "TOUR", "MONT", "BA", "INT", "PROG"]
    assert plan.loc["MEL", "marge"] == 3  # the lesson's last critical task now has slack
    assert plan.loc["OFF", "debut"] == d(3, 23)
    assert plan.loc["BA", "debut"] == d(5, 7)  # the trailer starts on the Ascension bridge day


@pytest.mark.parametrize("durees, predecesseurs, erreur, motif", [
    ({k: v for k, v in DUREES_LECON.items() if k != "PAIE"}, PRED_LECON, DonneesInvalides, "la durée de la tâche «\u202fPAIE\u202f»"),
    ({"OFF": 1}, PRED_LECON, DonneesInvalides, "la durée des tâches «\u202fTOUR\u202f», «\u202fMONT"),
    (DUREES_LECON, {"OFF": ""}, DonneesInvalides, "les prédécesseurs des tâches «\u202fTOUR"),
    (dict(DUREES_LECON, MONTAGE=3), PRED_LECON, IdentifiantInconnu, "«\u202fMONTAGE\u202f»"),
    (dict(DUREES_LECON, TOUR="3 semaines"), PRED_LECON, TypeInvalide, "«\u202fTOUR\u202f»"),
    (dict(DUREES_LECON, TOUR=2.5), PRED_LECON, DonneesInvalides, "«\u202fTOUR\u202f»"),
    (DUREES_LECON, dict(PRED_LECON, MEL="MONTAGE"), IdentifiantInconnu,
     "«\u202fMEL\u202f» attend «\u202fMONTAGE\u202f»"),
    (DUREES_LECON, dict(PRED_LECON, OFF="MEL"), DonneesInvalides, "cycle"),
    (..., PRED_LECON, DonneesInvalides, "vaut encore"),
    ([1, 15], PRED_LECON, TypeInvalide, "dictionnaire"),
], ids=["une_duree_manquante", "durees_manquantes", "predecesseurs_manquants", "code_en_trop", "duree_texte",
        "duree_decimale", "predecesseur_inconnu", "cycle", "modele_non_remplace", "pas_un_dict"])
def test_tableau_des_taches_erreurs_en_francais(durees, predecesseurs, erreur, motif):
    """Does each typing mistake give the obm error naming the task concerned?"""
    with pytest.raises(erreur, match=motif):
        tableau_des_taches(LIBELLES_LECON, durees, predecesseurs)


def test_taches_sans_successeur():
    """Are the final tasks those that no other task waits for, in task order?"""
    assert taches_sans_successeur(tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON)) == \
        ["MEL", "INT", "PAIE"]
    assert taches_sans_successeur(PLAN_CLARA) == ["E", "F"]
    plan = retroplanning(tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE), CIBLE)
    assert taches_sans_successeur(plan) == ["PROG", "MEL", "PAIE"]


def test_ajouter_tache_renvoie_un_nouveau_tableau():
    """Does ajouter_tache leave the table as it was, so running the cell twice adds no duplicate?"""
    taches = tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON)
    avant = taches.copy(deep=True)
    finales = taches_sans_successeur(taches)
    un = ajouter_tache(taches, "MARGE", "Marge de sécurité", 6, finales)
    deux = ajouter_tache(taches, "MARGE", "Marge de sécurité", 6, finales)
    pd.testing.assert_frame_equal(taches, avant)
    pd.testing.assert_frame_equal(un, deux)
    assert len(un) == len(taches) + 1 and un.iloc[-1]["predecesseurs"] == ["MEL", "INT", "PAIE"]
    plan = retroplanning(un, CIBLE)
    # 15 % of 34 days, rounded up: 6 days of buffer, Fri 7 to Fri 14 May; the start moves to 18 March.
    assert (plan.loc["MARGE", "debut"], plan.loc["MARGE", "fin"]) == (d(5, 7), d(5, 14))
    assert plan["debut"].min() == d(3, 18)
    with pytest.raises(DonneesInvalides, match="déjà dans le tableau"):
        ajouter_tache(un, "MARGE", "Marge de sécurité", 6, finales)
    with pytest.raises(IdentifiantInconnu):
        ajouter_tache(taches, "MARGE", "Marge", 6, "FIN")
    with pytest.raises(DonneesInvalides, match="nombre entier"):
        ajouter_tache(taches, "MARGE", "Marge", 5.55, finales)


def test_changer_duree():
    """Does changer_duree give a new table with one duration changed (the widget's first trial)?"""
    taches = tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON)
    court = changer_duree(taches, "MONT", 10)
    assert int(taches.loc[taches["id"] == "MONT", "duree"].iloc[0]) == 15
    plan = retroplanning(court, CIBLE)
    # Same critical path, 5 working days shorter: from Fri 26 March to Mon 5 April (Easter Monday).
    assert list(plan.index[plan["critique"]]) == ["OFF", "TOUR", "MONT", "MEL"]
    assert plan["debut"].min() == d(4, 5)
    with pytest.raises(IdentifiantInconnu, match="MONTAGE"):
        changer_duree(taches, "MONTAGE", 10)


def test_ouvrir_le_lundi_de_pentecote_ne_change_rien():
    """The widget's second trial: opening on Whit Monday gives exactly the same plan."""
    taches = tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON)
    pd.testing.assert_frame_equal(retroplanning(taches, d(5, 17)), retroplanning(taches, CIBLE))


@settings(max_examples=80, deadline=None, database=None)
@given(libelles=st.dictionaries(st.sampled_from(["A", "B", "C", " A", 1]), st.text(max_size=4), max_size=4),
       durees=st.one_of(st.dictionaries(st.sampled_from(["A", "B", "C", "D"]),
                                        st.one_of(st.integers(-1, 4), st.floats(), st.text(max_size=2)),
                                        max_size=4), st.none(), st.just(...)),
       predecesseurs=st.dictionaries(st.sampled_from(["A", "B", "C"]),
                                     st.one_of(st.sampled_from(["", "A", "B, C", "A,A", "Z"]),
                                               st.lists(st.sampled_from(["A", "B", 3]), max_size=2),
                                               st.integers(), st.none()),
                                     max_size=3))
def test_tableau_des_taches_entrees_quelconques(libelles, durees, predecesseurs):
    """Does any input give a task table retroplanning accepts, or the obm error, nothing else?"""
    try:
        taches = tableau_des_taches(libelles, durees, predecesseurs)
    except ErreurOBM as erreur:
        assert str(erreur).strip()
        return
    retroplanning(taches, CIBLE)
    assert len(ajouter_tache(taches, "NOUVELLE", "Nouvelle", 1, taches_sans_successeur(taches))) == \
        len(taches) + 1


# --------------------------------------------------------------------------- affichage en français


def test_tableau_plan_en_francais():
    """Does the plan show French dates and « oui » / « non », never True, False or ISO dates?"""
    plan = retroplanning(tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON), CIBLE)
    vue = tableau_plan(plan)
    texte, page = str(vue), vue._repr_html_()
    for morceau in ("ven. 26 mars", "ven. 14 mai", "oui", "non", "marge (jours ouvrés)"):
        assert morceau in texte and morceau in page
    for anglais in ("True", "False", "2027-"):
        assert anglais not in texte and anglais not in page
    assert page.count("<tr>") == len(plan) + 1 and "white-space:nowrap" in page  # nothing cut
    assert plan["critique"].dtype == bool and plan.loc["OFF", "debut"] == d(3, 26)  # unchanged


def test_resumer_plan():
    """Does the one-sentence summary give the start and the critical tasks in order?"""
    plan = retroplanning(tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE), CIBLE)
    assert resumer_plan(plan) == ("Début au plus tard\u202f: mardi 23 mars 2027 · tâches critiques, dans "
                                  "l'ordre\u202f: OFF → TOUR → MONT → BA → INT → PROG (37 jours ouvrés)")


def test_tableau_jours_feries_printemps_2027():
    """Does the holiday table say which 2027 spring holidays cost a working day?"""
    vue = tableau_jours_feries(d(3, 1), d(6, 30))
    lignes = {ligne[1]: ligne for ligne in vue.lignes}
    assert set(lignes) == {"Lundi de Pâques", "Fête du Travail", "Ascension", "Fête de la Victoire",
                           "Lundi de Pentecôte"}
    assert lignes["Fête du Travail"][0] == "samedi 1er mai 2027"
    assert "week-end" in lignes["Fête du Travail"][2] and "week-end" in lignes["Fête de la Victoire"][2]
    assert "un jour ouvré de moins" in lignes["Ascension"][2]
    with pytest.raises(DonneesInvalides, match="inverse"):
        tableau_jours_feries(d(6, 30), d(3, 1))


def test_apercu_exports_ne_garde_rien(tmp_path, monkeypatch):
    """Does the preview show the three formats' first lines without writing anything to keep?"""
    monkeypatch.chdir(tmp_path)
    vue = apercu_exports(retroplanning(PLAN_CLARA, CIBLE), lignes=3)
    texte = str(vue)
    assert "BEGIN:VCALENDAR" in texte and "Name,Description,Start Date,Due Date,Dependencies" in texte
    assert "Tâche,Identifiant,Début,Fin" in texte
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- Gantt lisible


def etiquettes(fig):
    """The named marks above the Gantt (holidays and targets), as matplotlib Text objects."""
    return [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("etiquette:")]


def boites_texte(fig):
    from matplotlib.text import Text

    fig.draw_without_rendering()
    return [Text.get_window_extent(t) for t in etiquettes(fig)]  # the words, not the link


def verifier_noms(fig, nom=""):
    """No two names overlap, no link runs through another name, all above the chart and inside."""
    boites = boites_texte(fig)
    liens = [t.arrow_patch.get_window_extent() for t in etiquettes(fig)]
    for i, a in enumerate(boites):
        for j, b in enumerate(boites):
            if i < j:
                assert not a.overlaps(b), f"{nom} : deux noms se chevauchent ({a}, {b})"
            if i != j:
                # A link is a vertical segment: it crosses a name when its x falls inside it.
                assert not (b.x0 < liens[i].x0 < b.x1 and liens[i].y0 < b.y1 and liens[i].y1 > b.y0), \
                    f"{nom} : un lien traverse un nom ({liens[i]}, {b})"
    haut_du_graphique = fig.axes[0].get_window_extent().y1
    for boite in boites:
        assert boite.y0 >= haut_du_graphique  # above the bars, never on them
        assert boite.x0 >= 0 and boite.x1 <= fig.bbox.width and boite.y1 <= fig.bbox.height
    return boites


PLANS_DU_COURS = {
    "lecon": lambda: diagramme_gantt(
        retroplanning(tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON), CIBLE),
        date_cible=CIBLE),
    "lecon_deux_cibles": lambda: diagramme_gantt(
        pd.concat([retroplanning([tache("P1", 1), tache("P2", 3, ["P1"])], d(4, 26)),
                   retroplanning(tableau_des_taches(LIBELLES_LECON, DUREES_LECON, PRED_LECON), CIBLE)]),
        date_cible={"Prélancement": d(4, 26), "Ouverture": CIBLE}),
    "exercice_webinaire_et_lancement": lambda: diagramme_gantt(
        pd.concat([retroplanning([tache("W1", 9), tache("W2", 1)], d(5, 11)),
                   retroplanning(tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE),
                                 CIBLE)]),
        date_cible={"Webinaire": d(5, 11), "Ouverture": CIBLE}),
    "deux_semaines": lambda: diagramme_gantt(retroplanning(PLAN_CLARA, CIBLE), date_cible=CIBLE),
}


@pytest.mark.parametrize("nom", PLANS_DU_COURS)
def test_gantt_noms_lisibles_et_sans_chevauchement(nom):
    """Are holiday and target names horizontal, 10 pt or more, inside the figure, above the chart,
    and does no name overlap another (Whit Monday and the 18 May target sit side by side)?"""
    fig = PLANS_DU_COURS[nom]()
    textes = etiquettes(fig)
    assert textes and all(t.get_fontsize() >= TAILLE_ETIQUETTES >= 10 for t in textes)
    assert all(t.get_rotation() == 0 for t in textes)
    verifier_noms(fig, nom)


def test_gantt_noms_voisins_sur_deux_rangees():
    """Whit Monday (17 May) and the target (18 May) are one day apart: on two rows, each with its link."""
    fig = PLANS_DU_COURS["lecon"]()
    par_nom = {t.get_text(): t for t in etiquettes(fig)}
    pentecote, cible = par_nom["Lundi de Pentecôte"], par_nom["Date cible\u202f: 18/05"]
    boites = dict(zip((t.get_text() for t in etiquettes(fig)), boites_texte(fig)))
    assert boites["Date cible\u202f: 18/05"].y0 > boites["Lundi de Pentecôte"].y1
    assert pentecote.arrow_patch is not None and cible.arrow_patch is not None
    # A link goes down at its own day, to the right of every lower name: it crosses none.
    assert boites["Lundi de Pentecôte"].x1 <= cible.arrow_patch.get_window_extent().x0 + 1


def test_gantt_texte_alternatif():
    """Does the Gantt carry a text alternative saying what it shows (obm.texte_alternatif)?"""
    fig = PLANS_DU_COURS["lecon"]()
    alt = fig.get_label()
    assert alt.startswith("Diagramme de Gantt") and "7 tâches" in alt
    assert "vendredi 26 mars 2027" in alt and "Ascension le 6 mai 2027" in alt
    assert "chemin critique" in alt and "mardi 18 mai 2027" in alt
    import obm

    obm.texte_alternatif(fig, "Mon texte")
    assert fig.get_label() == "Mon texte"


# --------------------------------------------------------------------------- les livrables du module


def test_asana_colonnes_et_dates_documentees(tmp_path):
    """Asana's CSV importer: name first, then description, start, due date as MM/DD/YYYY, dependencies."""
    plan = retroplanning(tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE), CIBLE)
    with open(exporter_asana_csv(plan, tmp_path / "a.csv"), encoding="utf-8", newline="") as f:
        rangees = list(csv.reader(f))
    assert rangees[0] == ["Name", "Description", "Start Date", "Due Date", "Dependencies"]
    par_nom = {r[0]: r for r in rangees[1:]}
    assert len(par_nom) == 10
    for code, ligne in plan.iterrows():
        rangee = par_nom[ligne["tache"]]
        assert datetime.strptime(rangee[2], "%m/%d/%Y").date() == ligne["debut"]
        assert datetime.strptime(rangee[3], "%m/%d/%Y").date() == ligne["fin"]
    assert par_nom["Intégrer la page"][4] == "Écrire la page,Monter la bande-annonce"
    assert par_nom["Programmer les e-mails"][3] == "05/14/2027"  # not 14/05: Asana reads MM/DD


def test_monday_colonnes_et_dates(tmp_path):
    """monday.com's file import: the item name first, ISO dates (YYYY-MM-DD) for its Date columns."""
    plan = retroplanning(tableau_des_taches(LIBELLES_EXERCICE, DUREES_EXERCICE, PRED_EXERCICE), CIBLE)
    with open(exporter_monday_csv(plan, tmp_path / "m.csv"), encoding="utf-8", newline="") as f:
        lignes = list(csv.DictReader(f))
    assert list(lignes[0])[0] == "Tâche" and len(lignes) == 10
    for ligne in lignes:
        code = ligne["Identifiant"]
        assert date.fromisoformat(ligne["Début"]) == plan.loc[code, "debut"]
        assert date.fromisoformat(ligne["Fin"]) == plan.loc[code, "fin"]
        assert ligne["Chemin critique"] == ("Oui" if plan.loc[code, "critique"] else "Non")


def test_les_livrables_de_l_exercice(tmp_path, monkeypatch):
    """Run the 03 solution: are its three deliverables in livrables/, the plan with its buffer,
    read back by icalendar and csv with the columns and date formats Asana and monday.com document?"""
    import nbformat
    from icalendar import Calendar
    from nbclient import NotebookClient

    livrables = tmp_path / "livrables"
    monkeypatch.setenv("OBM_LIVRABLES", str(livrables))
    source = Path(__file__).resolve().parents[1] / "solutions" / "03_retroplanning"
    travail = tmp_path / "exercice"
    shutil.copytree(source, travail)
    notebook = nbformat.read(travail / "exercice.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(travail)}}).execute()
    assert sorted(p.name for p in livrables.iterdir()) == [
        "03_retroplanning_asana.csv", "03_retroplanning_clara.ics", "03_retroplanning_monday.csv"]
    agenda = Calendar.from_ical((livrables / "03_retroplanning_clara.ics").read_bytes())
    assert str(agenda["x-wr-calname"]) == "Lancement Cap Sérénité"
    evenements = {str(e["summary"]): e for e in agenda.walk("VEVENT")}
    assert len(evenements) == 11
    marge = evenements["Marge de sécurité"]
    assert (marge.decoded("dtstart"), marge.decoded("dtend")) == (d(5, 7), d(5, 15))
    assert evenements["Valider l'offre et les prix"].decoded("dtstart") == d(3, 15)
    with open(livrables / "03_retroplanning_asana.csv", encoding="utf-8", newline="") as f:
        asana = list(csv.DictReader(f))
    assert list(asana[0]) == ["Name", "Description", "Start Date", "Due Date", "Dependencies"]
    due = {r["Name"]: datetime.strptime(r["Due Date"], "%m/%d/%Y").date() for r in asana}
    assert due["Marge de sécurité"] == d(5, 14) and due["Programmer les e-mails"] == d(5, 5)
    vus = set()
    for rangee in asana:  # every dependency names a task on an earlier row, as Asana requires
        assert all(nom in vus for nom in filter(None, rangee["Dependencies"].split(",")))
        vus.add(rangee["Name"])
    with open(livrables / "03_retroplanning_monday.csv", encoding="utf-8", newline="") as f:
        monday = list(csv.DictReader(f))
    assert len(monday) == 11 and {r["Identifiant"] for r in monday} >= {"MARGE", "BA"}
    assert all(date.fromisoformat(r["Début"]) <= date.fromisoformat(r["Fin"]) for r in monday)


@settings(max_examples=15, deadline=None, database=None)
@given(taches=graphes(), cible=st.dates(date(2026, 1, 1), date(2028, 12, 31)),
       ecarts=st.lists(st.integers(1, 40), max_size=2), zone=ZONES)
def test_gantt_noms_jamais_superposes(taches, cible, ecarts, zone):
    """For any plan, up to three targets a few weeks apart and either zone (Christmas and 26
    December side by side in Alsace-Moselle), do the names above the Gantt never overlap?"""
    cibles = [cible] + [cible - timedelta(days=e) for e in ecarts]
    plan = retroplanning(taches, cible, zone=zone)
    fig = diagramme_gantt(plan, date_cible={f"Cible {k}": c for k, c in enumerate(cibles)}, zone=zone)
    verifier_noms(fig)


def test_gantt_trois_noms_en_deux_jours():
    """Targets on 14, 17 and 18 May and Whit Monday between them: no name under another's link."""
    plan = retroplanning([tache("A", 3)], CIBLE)
    fig = diagramme_gantt(plan, date_cible={"a": CIBLE, "b": d(5, 17), "c": d(5, 14)})
    assert len(verifier_noms(fig)) == 4


def test_gantt_plan_de_plusieurs_saisons():
    """Over many months, holidays are coloured without names (the chart keeps its size)."""
    plan = retroplanning([tache("A", 400)], CIBLE)  # from late 2025: about fifteen weekday holidays
    fig = diagramme_gantt(plan, date_cible=CIBLE)
    assert [t.get_text() for t in etiquettes(fig)] == ["Date cible\u202f: 18/05"]
    assert re.search(r"et \d+ autres\)", fig.get_label())
    verifier_noms(fig)
