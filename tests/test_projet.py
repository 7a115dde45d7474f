"""Tests of obm.projet: three-point (PERT) estimates and their sum for tasks in sequence.

Worked example of reference/domain-modules.md § 02: one video edit by Hugo, O 4 h, M 6 h,
P 14 h → E = 42 / 6 = 7 h, σ = 10 / 6 ≈ 1.67 h (triangular mean: 8 h); eight videos:
E = 56 h, σ = √(8 × (10/6)²) ≈ 4.71 h, not 8 × 1.67 ≈ 13.3 h.
"""

import math

import numpy as np
import pandas as pd
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, listes, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import projet
from obm.erreurs import DonneesInvalides, TypeInvalide


def test_exemple_du_montage_video():
    """Does Hugo's video edit (4 / 6 / 14 h) give E = 7 h, σ = 10/6 h and a triangular mean of 8 h?"""
    e = projet.estimation_trois_points(4, 6, 14)
    assert e.esperance == pytest.approx(42 / 6) and e.esperance == pytest.approx(7.0)
    assert e.ecart_type == pytest.approx(10 / 6)
    assert e.variance == pytest.approx((10 / 6) ** 2)
    assert e.esperance_triangulaire == pytest.approx(8.0)
    assert (e.optimiste, e.probable, e.pessimiste, e.nombre_taches) == (4.0, 6.0, 14.0, 1)


def test_huit_videos_variances_additionnees():
    """Do eight edits add up to E = 56 h and σ = √(8 σ²) ≈ 4.71 h, not the summed 13.3 h?"""
    une = projet.estimation_trois_points(4, 6, 14)
    huit = projet.cumuler_estimations([une] * 8)
    assert huit.esperance == pytest.approx(56.0)
    assert huit.ecart_type == pytest.approx(math.sqrt(8) * 10 / 6)
    assert huit.ecart_type == pytest.approx(4.714, abs=1e-3)
    assert huit.ecart_type != pytest.approx(8 * 10 / 6)  # the mutant "σ summed across tasks"
    assert huit.variance == pytest.approx(8 * (10 / 6) ** 2)
    assert huit.nombre_taches == 8
    assert (huit.optimiste, huit.probable, huit.pessimiste) == (32.0, 48.0, 112.0)
    assert type(huit) is projet.EstimationTroisPoints


def test_poids_de_la_formule():
    """Is the most likely value weighted 4 and the sum divided by 6 (not 4O…, not ÷ 3 after weighting)?"""
    e = projet.estimation_trois_points(0, 6, 6)
    assert e.esperance == pytest.approx(5.0)  # (0 + 24 + 6) / 6, while (4·0 + 6 + 6) / 6 = 2
    assert projet.estimation_trois_points(0, 0, 6).esperance == pytest.approx(1.0)
    assert projet.estimation_trois_points(5, 5, 5).ecart_type == 0.0


def test_cumul_de_cumuls_et_tache_unique():
    """Is a sum of sums the sum of all tasks, and the sum of one task that task?"""
    a = projet.estimation_trois_points(1, 2, 4)
    b = projet.estimation_trois_points(3, 5, 10)
    c = projet.estimation_trois_points(0, 1, 1)
    tout = projet.cumuler_estimations([a, b, c])
    par_morceaux = projet.cumuler_estimations([projet.cumuler_estimations([a, b]), c])
    assert par_morceaux.esperance == pytest.approx(tout.esperance)
    assert par_morceaux.variance == pytest.approx(tout.variance)
    assert par_morceaux.nombre_taches == 3
    seule = projet.cumuler_estimations([a])
    assert seule.esperance == a.esperance and seule.ecart_type == pytest.approx(a.ecart_type)
    # a tuple, a Series and a numpy array of estimates are lists too
    assert projet.cumuler_estimations((a, b)).esperance == pytest.approx(a.esperance + b.esperance)
    assert projet.cumuler_estimations(pd.Series([a, b])).nombre_taches == 2


def test_entrees_numpy_et_csv():
    """Are numpy scalars and integral floats read from a CSV accepted, and plain floats returned?"""
    e = projet.estimation_trois_points(np.int64(4), np.float64(6.0), 14.0)
    for champ in ("optimiste", "probable", "pessimiste", "esperance", "ecart_type", "variance",
                  "esperance_triangulaire"):
        assert type(getattr(e, champ)) is float
    assert e.esperance == 7.0


def test_fourchette():
    """Is the range E ± k σ, with a non-negative k?"""
    e = projet.estimation_trois_points(4, 6, 14)
    bas, haut = e.fourchette(2)
    assert bas == pytest.approx(7 - 20 / 6) and haut == pytest.approx(7 + 20 / 6)
    assert e.fourchette(0) == (7.0, 7.0)
    with pytest.raises(DonneesInvalides, match="négatif"):
        e.fourchette(-1)


def test_affichage_francais():
    """Are the estimates shown in French with French numbers, in text and in HTML?"""
    e = projet.estimation_trois_points(4, 6, 14)
    texte = str(e)
    assert "Espérance" in texte and "1,67" in texte and "1.67" not in texte
    assert "<table" in e._repr_html_() and "1,67" in e._repr_html_()
    huit = str(projet.cumuler_estimations([e] * 8))
    assert "Cumul de 8 estimations" in huit and "4,71" in huit and "somme des variances" in huit


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: projet.estimation_trois_points(6, 4, 14), DonneesInvalides, "optimiste (6) dépasse le probable"),
    (lambda: projet.estimation_trois_points(4, 16, 14), DonneesInvalides, "probable (16) dépasse le pessimiste"),
    (lambda: projet.estimation_trois_points(14, 6, 4), DonneesInvalides, "inversé"),
    (lambda: projet.estimation_trois_points(-1, 6, 14), DonneesInvalides, "négatif"),
    (lambda: projet.estimation_trois_points("4 h", 6, 14), TypeInvalide, "texte"),
    (lambda: projet.estimation_trois_points(4, True, 14), TypeInvalide, "booléen"),
    (lambda: projet.estimation_trois_points(4, 6, math.nan), DonneesInvalides, "NaN"),
    (lambda: projet.estimation_trois_points(4, 6, None), TypeInvalide, "vide"),
    (lambda: projet.estimation_trois_points(0, 1e308, 1e308), DonneesInvalides, "trop grands"),
    (lambda: projet.cumuler_estimations([]), DonneesInvalides, "vide"),
    (lambda: projet.cumuler_estimations(projet.estimation_trois_points(1, 2, 3)), TypeInvalide,
     "liste d'estimations"),
    (lambda: projet.cumuler_estimations([(4, 6, 14)]), TypeInvalide, "estimation_trois_points("),
    (lambda: projet.cumuler_estimations([7.0, 8.0]), TypeInvalide, "valeur n°\u00a01"),
    (lambda: projet.cumuler_estimations([projet.estimation_trois_points(0, 1e308, 1e308)] * 2), DonneesInvalides,
     "trop grands"),
])
def test_erreurs(appel, erreur, morceau):
    """Is every impossible estimate refused with the obm error, in French, saying how to fix it?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


triplets = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=3, max_size=3).map(sorted)


@REGLAGES
@given(triplets)
def test_proprietes_d_une_estimation(triplet):
    """Is E between O and P, σ = (P − O)/6 ≥ 0, and E the weighted mean computed independently?"""
    o, m, p = triplet
    e = projet.estimation_trois_points(o, m, p)
    assert o - 1e-9 <= e.esperance <= p + 1e-9
    assert e.ecart_type >= 0 and e.ecart_type == pytest.approx((p - o) / 6)
    assert e.esperance == pytest.approx((o + 4 * m + p) / 6, rel=1e-12, abs=1e-9)
    assert e.variance == pytest.approx(e.ecart_type ** 2, rel=1e-12, abs=1e-12)


@REGLAGES
@given(st.lists(triplets, min_size=1, max_size=8))
def test_proprietes_d_un_cumul(liste):
    """Does a sum add expectations and variances, and is its σ at most the sum of the σ's?"""
    estimations = [projet.estimation_trois_points(*t) for t in liste]
    total = projet.cumuler_estimations(estimations)
    assert total.esperance == pytest.approx(sum(e.esperance for e in estimations), rel=1e-9, abs=1e-9)
    assert total.ecart_type == pytest.approx(math.sqrt(sum(e.ecart_type ** 2 for e in estimations)),
                                             rel=1e-9, abs=1e-9)
    assert total.ecart_type <= sum(e.ecart_type for e in estimations) + 1e-6
    assert total.ecart_type >= max(e.ecart_type for e in estimations) - 1e-6


@REGLAGES
@given(valeurs, valeurs, valeurs)
def test_entrees_quelconques_estimation(o, m, p):
    """Does any input give an estimate with finite floats, or the obm error, nothing else?"""
    e = appeler(projet.estimation_trois_points, o, m, p)
    if e is not None:
        assert all(est_float_fini(x) for x in (e.esperance, e.ecart_type, e.variance))


@REGLAGES
@given(listes)
def test_entrees_quelconques_cumul(liste):
    """Does any list (of numbers, text, estimates…) give a sum or the obm error, nothing else?"""
    appeler(projet.cumuler_estimations, liste)


# ---------------------------------------------------------------- the project plan (module 02)

from pathlib import Path  # noqa: E402

import openpyxl  # noqa: E402
from tableur_formules import Classeur  # noqa: E402

from obm.donnees import clara  # noqa: E402
from obm.erreurs import ColonneManquante, IdentifiantInconnu  # noqa: E402

COLONNES = list(projet.COLONNES_LOTS)


def _catalogue():
    """The lots of exercise 02 (Cap Sérénité's production), rates and fees from data/clara.toml."""
    faits = clara()
    lea, hugo, samir = (faits.membre(p) for p in ("Léa", "Hugo", "Samir"))
    return pd.DataFrame([
        ["RUSHS", "Vidéos", "Rushes des 8 vidéos", "Clara", 8, 1.5, 2, 4, "non facturé", 0, 0],
        ["VIDEOS", "Vidéos", "8 vidéos montées", "Hugo", 8, 4, 6, 14, "au forfait", 0, hugo.budget_mission_ht],
        ["TEXTES", "Cahiers d'exercices", "Textes des 8 cahiers", "Clara", 8, 1, 2, 3, "non facturé", 0, 0],
        ["CAHIERS", "Cahiers d'exercices", "8 cahiers en PDF", "Léa", 8, 1, 2, 5, "à l'heure", lea.taux_horaire_ht, 0],
        ["ESPACE", "Espace de formation", "Espace paramétré", "Léa", 1, 3, 4, 8, "à l'heure", lea.taux_horaire_ht, 0],
        ["MODULES", "Espace de formation", "8 modules en ligne", "Léa", 8, 0.5, 1, 2, "à l'heure", lea.taux_horaire_ht, 0],
        ["PLAN", "Gestion de projet", "Plan et points hebdomadaires", "OBM", 1, 8, 10, 14, "non facturé", 0, 0],
        ["PAGE", "Vente", "Page de vente", "Samir", 1, 15, 20, 30, "au forfait", 0, samir.budget_mission_ht],
    ], columns=COLONNES)


RETENUS = ["RUSHS", "VIDEOS", "TEXTES", "CAHIERS", "ESPACE", "MODULES", "PLAN"]


def _plan(**options):
    reglages = {"objectif": "Toi, l'OBM, tu mets en ligne les 8 modules le 5 mai 2027 à 18 h.",
                "nom": "Production de Cap Sérénité", "retenus": RETENUS,
                "capacites": {"Clara": 8, "Hugo": 20, "Léa": 10}}
    reglages.update(options)
    return projet.plan_de_projet(_catalogue(), **reglages)


def test_plan_charge_et_variances_par_personne():
    """Does the plan add Léa's three lots as 17 independent tasks (E 31.83 h, σ √4.75 h)?"""
    plan = _plan()
    lea = plan.equipe.set_index("personne").loc["Léa"]
    # 8 × (1 + 8 + 5)/6 + (3 + 16 + 8)/6 + 8 × (0.5 + 4 + 2)/6
    assert lea["charge"] == pytest.approx(8 * 14 / 6 + 27 / 6 + 8 * 6.5 / 6)
    assert lea["ecart_type"] == pytest.approx(math.sqrt(8 * (4 / 6) ** 2 + (5 / 6) ** 2 + 8 * 0.25 ** 2))
    assert lea["semaines_de_travail"] == pytest.approx(lea["charge"] / 10)
    assert lea["semaines_a_prevoir"] == 4 and lea["jours_ouvres"] == 20
    hugo = plan.equipe.set_index("personne").loc["Hugo"]
    assert hugo["charge"] == pytest.approx(56) and hugo["semaines_a_prevoir"] == 3
    obm_ = plan.equipe.set_index("personne").loc["OBM"]
    assert math.isnan(obm_["heures_par_semaine"]) and math.isnan(obm_["semaines_a_prevoir"])
    assert plan.charge_totale == pytest.approx(plan.lots["esperance"].sum())
    assert plan.estimation.ecart_type == pytest.approx(math.sqrt(plan.lots["variance"].sum()))


def test_plan_budget_et_reserves():
    """Is the contingency 2 σ of the hourly work (variances added), inside the baseline, and the
    management reserve 10 % of the baseline, outside it?"""
    plan = _plan()
    taux = clara().membre("Léa").taux_horaire_ht
    charge_lea = 8 * 14 / 6 + 27 / 6 + 8 * 6.5 / 6
    sigma_lea = math.sqrt(8 * (4 / 6) ** 2 + (5 / 6) ** 2 + 8 * 0.25 ** 2)
    assert plan.cout_des_lots == pytest.approx(charge_lea * taux + clara().membre("Hugo").budget_mission_ht)
    assert plan.reserve_pour_aleas == pytest.approx(2 * sigma_lea * taux)
    assert plan.reserve_pour_aleas < 2 * taux * (8 * 4 / 6 + 5 / 6 + 8 * 0.25)  # not the summed σ
    assert plan.reference_des_couts == pytest.approx(plan.cout_des_lots + plan.reserve_pour_aleas)
    assert plan.reserve_de_direction == pytest.approx(0.10 * plan.reference_des_couts)
    assert plan.budget_total == pytest.approx(1.10 * plan.reference_des_couts)
    # Work paid by the job or not billed carries no contingency of its own.
    sans_heure = projet.plan_de_projet(_catalogue(), objectif="Les vidéos sont montées.",
                                       retenus=["RUSHS", "VIDEOS"])
    assert sans_heure.reserve_pour_aleas == 0 and sans_heure.cout_des_lots == 1500


def test_plan_hors_du_projet_et_regle_des_100():
    """Are lots left out listed apart, and is a missing project-management branch pointed out?"""
    plan = _plan()
    assert list(plan.exclus["code"]) == ["PAGE"] and "PAGE" not in set(plan.lots["code"])
    assert plan.remarques == []
    sans_pilotage = _plan(retenus=RETENUS[:-1])
    assert any("Gestion de projet" in r for r in sans_pilotage.remarques)
    assert "À reprendre" in sans_pilotage._repr_html_() and "🔁" in sans_pilotage._repr_html_()
    tout = projet.plan_de_projet(_catalogue(), objectif="Tout le catalogue, pour voir.")
    assert len(tout.lots) == 8 and tout.exclus.empty
    # Codes are matched whatever their case; the order of the table is kept.
    assert list(_plan(retenus=[c.lower() for c in reversed(RETENUS)]).lots["code"]) == RETENUS


def test_plan_garde_les_espaces_insecables():
    """Are the objective's no-break spaces kept (« 18\u00a0h »), while ordinary blanks are squeezed?"""
    plan = _plan(objectif="L'OBM  met en ligne\nles modules le 5 mai 2027 à 18\u00a0h (heure de Paris).")
    assert plan.objectif == "L'OBM met en ligne les modules le 5 mai 2027 à 18\u00a0h (heure de Paris)."


def test_plan_affichage_francais():
    """Does the plan show itself in French (tree, durations, budget), with French numbers?"""
    plan = _plan()
    texte = str(plan)
    for morceau in ("Vidéos", "56\u00a0h", "Léa", "4 à prévoir", "Réserve pour aléas",
                    "Budget total", "1\u202f500\u00a0€", "Hors du projet"):
        assert morceau in texte, morceau
    assert "." not in texte.split("Budget (€ HT)")[1].split("\n")[2].split(":")[-1]
    page = plan._repr_html_()
    assert "<ul" in page and "Réserve de direction (10\u00a0%" in page and "31,83" in page


@pytest.mark.parametrize(("modifier", "erreur", "morceau"), [
    (lambda c: c.drop(columns=["branche"]), ColonneManquante, "branche"),
    (lambda c: c.assign(remuneration=["payé"] * 8), DonneesInvalides, "«\u202fà l'heure\u202f»"),
    (lambda c: c.assign(optimiste=[9] * 8), DonneesInvalides,
     "Lot «\u202fRUSHS\u202f»\u202f: L'optimiste"),
    (lambda c: c.assign(quantite=[0.5] * 8), DonneesInvalides, "nombre entier d'unités"),
    (lambda c: c.assign(taux_horaire=[math.nan] * 8), DonneesInvalides, "taux_horaire"),
    (lambda c: c.assign(forfait=[math.nan] * 8), DonneesInvalides, "forfait"),
    (lambda c: c.assign(code=["A"] * 8), DonneesInvalides, "deux lots"),
    (lambda c: c.assign(responsable=[""] * 8), DonneesInvalides, "responsable"),
    (lambda c: "pas un tableau", TypeInvalide, "liste de dictionnaires"),
    (lambda c: c.iloc[0:0], DonneesInvalides, "vide"),
])
def test_plan_lots_impossibles(modifier, erreur, morceau):
    """Is every impossible table of lots refused with the obm error, naming the lot or column?"""
    with pytest.raises(erreur) as e:
        projet.plan_de_projet(modifier(_catalogue()), objectif="Un objectif assez long.")
    assert morceau in str(e.value)


@pytest.mark.parametrize(("options", "erreur", "morceau"), [
    ({"retenus": ["VIDEO"]}, IdentifiantInconnu, "«\u202fVIDEO\u202f» n'est pas un lot"),
    ({"retenus": ["PLAN", "plan"]}, DonneesInvalides, "deux fois"),
    ({"retenus": "PLAN"}, TypeInvalide, "liste des codes"),
    ({"retenus": []}, DonneesInvalides, "vide"),
    ({"capacites": {"Lea": 10}}, DonneesInvalides, "«\u202fLea\u202f» n'a aucun lot"),
    ({"capacites": {"Léa": 0}}, DonneesInvalides, "vaut 0"),
    ({"capacites": [10]}, TypeInvalide, "dictionnaire"),
    ({"objectif": 8}, TypeInvalide, "objectif"),
    ({"taux_reserve_direction": 10}, DonneesInvalides, "écris 0.8 pour 80"),
    ({"ecarts_types_reserve": -2}, DonneesInvalides, "négatif"),
])
def test_plan_options_impossibles(options, erreur, morceau):
    """Are impossible options (unknown code, misspelt person, rate in percent…) refused in French?"""
    with pytest.raises(erreur) as e:
        _plan(**options)
    assert morceau in str(e.value)


def test_plan_depuis_une_liste_de_dictionnaires():
    """Does a list of dicts work like a table, and is a dict missing a key named?"""
    lignes = _catalogue().to_dict("records")
    assert projet.plan_de_projet(lignes, objectif="Tout le catalogue, en liste.").budget_total > 0
    del lignes[2]["probable"]
    with pytest.raises(ColonneManquante, match="n°\u00a03 .TEXTES. n'a pas la clé «\u202fprobable\u202f»"):
        projet.plan_de_projet(lignes, objectif="Tout le catalogue, en liste.")


def _classeur(plan, tmp_path):
    chemin = projet.exporter_tableur(plan, tmp_path / "plan.xlsx")
    return chemin, openpyxl.load_workbook(chemin)


def _ligne_total(feuille):
    return next(c.row for c in feuille["C"] if c.value == "Total du projet")


def test_tableur_calcule_ce_que_calcule_obm(tmp_path):
    """Do the template's formulas, computed, give obm's numbers (load, σ of the total, durations,
    the 100 % check, the reserves, the budget)?"""
    plan = _plan()
    chemin, classeur = _classeur(plan, tmp_path)
    assert chemin == tmp_path / "plan.xlsx"
    assert classeur.sheetnames == ["Lisez-moi", "Objectif", "Lots", "SDP", "Équipe", "Budget",
                                   "Hors du projet"]
    calcul = Classeur(classeur)
    total = _ligne_total(classeur["Lots"])
    assert calcul.valeur("Lots", f"L{total}") == pytest.approx(plan.charge_totale)
    assert calcul.valeur("Lots", f"M{total}") == pytest.approx(plan.estimation.ecart_type)
    assert calcul.valeur("Lots", f"O{total}") == pytest.approx(plan.cout_des_lots)
    for ligne, attendu in zip(range(2, 9), plan.lots.to_dict("records")):
        assert calcul.valeur("Lots", f"A{ligne}") == attendu["code"]
        assert calcul.valeur("Lots", f"L{ligne}") == pytest.approx(attendu["esperance"])
        assert calcul.valeur("Lots", f"M{ligne}") == pytest.approx(attendu["ecart_type"])
        assert calcul.valeur("Lots", f"O{ligne}") == pytest.approx(attendu["cout"])
    budget = {classeur["Budget"][f"A{r}"].value: calcul.valeur("Budget", f"B{r}") for r in range(2, 9)}
    assert budget["Réserve pour aléas (€ HT)"] == pytest.approx(plan.reserve_pour_aleas)
    assert budget["Référence des coûts (€ HT)"] == pytest.approx(plan.reference_des_couts)
    assert budget["Réserve de direction (€ HT)"] == pytest.approx(plan.reserve_de_direction)
    assert budget["Budget total (€ HT)"] == pytest.approx(plan.budget_total)
    equipe = {classeur["Équipe"][f"A{r}"].value: r for r in range(2, 6)}
    attendu = plan.equipe.set_index("personne")
    for personne, r in equipe.items():
        assert calcul.valeur("Équipe", f"C{r}") == pytest.approx(attendu.loc[personne, "charge"])
        assert calcul.valeur("Équipe", f"D{r}") == pytest.approx(attendu.loc[personne, "ecart_type"])
        if personne == "OBM":
            assert calcul.valeur("Équipe", f"F{r}") == ""
        else:
            assert calcul.valeur("Équipe", f"F{r}") == attendu.loc[personne, "semaines_a_prevoir"]
    sdp = classeur["SDP"]
    verdict = next(c.row for c in sdp["A"] if str(c.value).startswith("Règle des 100"))
    assert calcul.valeur("SDP", f"B{verdict}") == "oui"
    assert classeur["Objectif"]["A2"].value == plan.objectif
    assert [r[0].value for r in classeur["Hors du projet"].iter_rows(min_row=2)] == ["PAGE"]


def test_tableur_est_un_modele_qui_se_recalcule(tmp_path):
    """Typed into the template, does a new estimate or a new lot recompute as obm would, and does a
    lot without a listed branch break the 100 % check?"""
    plan = _plan()
    chemin, classeur = _classeur(plan, tmp_path)
    lots = classeur["Lots"]
    ligne_cahiers = next(c.row for c in lots["A"] if c.value == "CAHIERS")
    lots[f"G{ligne_cahiers}"] = 3  # Léa's most likely time per workbook: 2 h → 3 h
    libre = 2 + len(plan.lots)  # the first empty row after the 7 lots
    assert lots[f"A{libre}"].value is None and lots[f"L{libre}"].value.startswith("=")
    for colonne, valeur in zip("ABCDEFGHIJ", ("QUIZ", "Bonus", "Quiz de fin", "Léa", 1, 1, 2, 3,
                                             "à l'heure", 32)):
        lots[f"{colonne}{libre}"] = valeur
    calcul = Classeur(classeur)
    catalogue = _catalogue()
    catalogue.loc[catalogue["code"] == "CAHIERS", "probable"] = 3
    catalogue = pd.concat([catalogue, pd.DataFrame([["QUIZ", "Bonus", "Quiz de fin", "Léa", 1, 1, 2, 3,
                                                    "à l'heure", 32, 0]], columns=COLONNES)])
    refait = projet.plan_de_projet(catalogue, objectif="Le même, recalculé.", retenus=RETENUS + ["QUIZ"],
                                   capacites={"Clara": 8, "Hugo": 20, "Léa": 10})
    budget = {classeur["Budget"][f"A{r}"].value: calcul.valeur("Budget", f"B{r}") for r in range(2, 9)}
    assert budget["Budget total (€ HT)"] == pytest.approx(refait.budget_total)
    assert budget["Réserve pour aléas (€ HT)"] == pytest.approx(refait.reserve_pour_aleas)
    verdict = next(c.row for c in classeur["SDP"]["A"] if str(c.value).startswith("Règle des 100"))
    assert calcul.valeur("SDP", f"B{verdict}").startswith("non")


def test_tableur_se_lit_et_se_remplit(tmp_path):
    """Are the inputs yellow, the results grey, the payment a drop-down list, and the file set to
    compute on opening?"""
    _, classeur = _classeur(_plan(), tmp_path)
    lots = classeur["Lots"]
    assert lots["F2"].fill.fgColor.rgb.endswith(projet._JAUNE)
    assert lots["L2"].fill.fgColor.rgb.endswith(projet._GRIS)
    assert lots.freeze_panes == "A2"
    assert any("I2:I" in str(v.sqref) for v in lots.data_validations.dataValidation)
    assert classeur.calculation.fullCalcOnLoad
    assert "Cellules jaunes" in " ".join(str(c.value) for c in classeur["Lisez-moi"]["A"])


def test_resume_markdown(tmp_path):
    """Is the one-page summary a Markdown page with the objective, the tree, the durations and the
    budget in French numbers?"""
    plan = _plan()
    chemin = projet.exporter_resume(plan, tmp_path / "plan.md")
    texte = chemin.read_text(encoding="utf-8")
    assert texte.startswith("# Plan de projet · Production de Cap Sérénité\n")
    for morceau in ("## Objectif", f"> {plan.objectif}", "- **Vidéos\u202f: 74\u00a0h**",
                    "Hors du projet\u202f: PAGE", "| Léa | 31,83\u00a0h |", "**Budget total**",
                    "jamais la somme des écarts-types"):
        assert morceau in texte, morceau
    assert "## À reprendre" not in texte
    assert "## À reprendre" in projet.exporter_resume(_plan(retenus=RETENUS[:-1]),
                                                       tmp_path / "b.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda d: projet.exporter_tableur(_plan(), d / "plan.csv"), DonneesInvalides, "doit finir par .xlsx"),
    (lambda d: projet.exporter_resume(_plan(), d / "plan.txt"), DonneesInvalides, "doit finir par .md"),
    (lambda d: projet.exporter_tableur("plan", d / "plan.xlsx"), TypeInvalide, "plan_de_projet"),
    (lambda d: projet.exporter_resume(_plan(), 42), TypeInvalide, "chemin"),
])
def test_exports_impossibles(appel, erreur, morceau, tmp_path):
    """Are a wrong file type, a wrong path or something that is not a plan refused in French?"""
    with pytest.raises(erreur, match=morceau):
        appel(tmp_path)


def test_diagramme_cumul():
    """Does the figure show the right and the wrong range, with a French text alternative?"""
    figure = projet.diagramme_cumul(projet.estimation_trois_points(4, 6, 14), 8)
    alternatif = figure.get_label()
    assert "de 46,57\u00a0h à 65,43\u00a0h" in alternatif and "de 29,33\u00a0h à 82,67\u00a0h" in alternatif
    assert "8 tâches" in figure.axes[0].get_title()
    assert "1 tâche\u202f:" in projet.diagramme_cumul(projet.estimation_trois_points(5, 5, 5), 1).axes[0].get_title()
    with pytest.raises(DonneesInvalides):
        projet.diagramme_cumul(projet.estimation_trois_points(4, 6, 14), 0)
    with pytest.raises(TypeInvalide):
        projet.diagramme_cumul((4, 6, 14), 8)


def test_estimation_interactive():
    """Does moving the number of tasks recompute the sum (σ grows as √n), and does an impossible
    estimate show the French error instead of breaking the widget?"""
    from obm.widgets import estimation_interactive

    vue = estimation_interactive()
    image = bytes(vue.image.value)
    assert image.startswith(b"\x89PNG")
    assert "Pour 8 tâches" in vue.resume.value and "56\u00a0h" in vue.resume.value
    vue.nombre.value = 9
    assert "Pour 9 tâches" in vue.resume.value and "écart-type 5\u00a0h" in vue.resume.value
    assert "tu trouverais 15\u00a0h" in vue.resume.value and bytes(vue.image.value) != image
    vue.optimiste.value = 10
    assert "À revoir" in vue.resume.value and "dépasse le probable" in vue.resume.value
    vue.nombre.value = 1
    vue.optimiste.value = 4
    assert "une seule tâche" in vue.resume.value


def test_plan_du_programme_dans_les_faits_de_clara():
    """Does data/clara.toml give the outline of Cap Sérénité, one module per week of the programme?"""
    programme = clara().programme
    assert [m.semaine for m in programme.plan] == list(range(1, programme.modules + 1))
    assert programme.modules == programme.duree_semaines == 8
    assert all(len(m.titre) >= 10 for m in programme.plan)


def test_le_paquet_reste_leger():
    """Does importing obm.projet leave pandas, openpyxl and matplotlib unloaded?"""
    import subprocess
    import sys

    code = ("import sys, obm.projet; print(','.join(m for m in ('pandas', 'openpyxl', 'matplotlib') "
            "if m in sys.modules))")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == ""


def test_chemin_est_un_path(tmp_path):
    """Do both exports accept a text path and return a Path?"""
    assert isinstance(projet.exporter_resume(_plan(), str(tmp_path / "r.md")), Path)


def test_le_petit_calculateur_de_formules(tmp_path):
    """Does the test's formula evaluator compute what Excel would, and refuse what it does not know?"""
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "F"
    feuille["A1"], feuille["A2"], feuille["A3"] = 4, "à l'heure", None
    feuille["B1"] = '=IF(A2="À L\'HEURE",2^3+A1/2-A3,0)'  # text compared without case, blank = 0
    feuille["B2"] = '=IF(A3>0,A1/A3,"")'                   # the branch not taken never divides
    feuille["B3"] = "=ROUNDUP(3.01,0)+SQRT(SUM(A1:A3))+ABS(-1)"
    feuille["B4"] = "=A1/A3"
    feuille["B5"] = "=AVERAGE(A1:A3)"
    calcul = Classeur(classeur)
    assert calcul.valeur("F", "B1") == 10 and calcul.valeur("F", "B2") == ""
    assert calcul.valeur("F", "B3") == 7
    assert repr(calcul.valeur("F", "B4")) == "#DIV/0!"
    with pytest.raises(ValueError, match="AVERAGE"):
        calcul.valeur("F", "B5")
