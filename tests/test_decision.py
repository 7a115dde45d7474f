"""obm.decision (module 16): SWOT, weighted decision matrix, sensitivity, expected value,
Eisenhower, and the decision-matrix workbook read back with openpyxl and recomputed."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest

from obm import decision
from obm.donnees import clara
from obm.erreurs import ErreurOBM

CAS = clara().decision
OPTIONS = {"A": CAS.notes_a, "B": CAS.notes_b}


def test_le_cas_de_la_lecon_est_une_quasi_egalite():
    """Do Clara's figures give the worked example of domain-modules.md: A 6.3, B 6.4?"""
    matrice = decision.matrice_ponderee(OPTIONS, CAS.ponderations)
    assert isinstance(matrice, pd.DataFrame) and matrice.index.name == "option"
    assert list(matrice.index) == ["A", "B"]
    assert matrice.loc["A", "score"] == pytest.approx(6.3)
    assert matrice.loc["B", "score"] == pytest.approx(6.4)
    assert matrice.loc["A", "chiffre_affaires"] == pytest.approx(3.2)
    assert list(matrice["rang"]) == [2, 1] and matrice["rang"].dtype.kind == "i"
    assert decision.scores_ponderes(OPTIONS, CAS.ponderations) == pytest.approx({"A": 6.3, "B": 6.4})


def test_valeur_esperee_du_cas():
    """EV of A = 0.3 × 60 + 0.5 × 40 + 0.2 × 20 = 42 sales; of B, 30."""
    issues_a = list(zip(CAS.probabilites_a, CAS.ventes_scenarios_a))
    issues_b = list(zip(CAS.probabilites_b, CAS.ventes_scenarios_b))
    assert decision.valeur_esperee(issues_a) == pytest.approx(42)
    assert decision.valeur_esperee(issues_b) == pytest.approx(30)
    assert type(decision.valeur_esperee(issues_a)) is float


def test_sensibilite_trouve_la_bascule_la_plus_proche():
    """Does a three-point move of the revenue weight (40 % → 3/7) put A ahead, the others in proportion?"""
    s = decision.sensibilite(OPTIONS, CAS.ponderations, "chiffre_affaires")
    assert (s.en_tete, s.nouvelle_tete) == ("B", "A")
    assert s.ponderation == pytest.approx(0.4)
    assert s.bascule == pytest.approx(3 / 7)
    assert s.deplacement == pytest.approx(3 / 7 - 0.4)
    # At the tipping weight, the two scores are equal.
    poids = decision.ponderations_deplacees(CAS.ponderations, "chiffre_affaires", s.bascule)
    assert math.fsum(poids.values()) == pytest.approx(1)
    scores = decision.scores_ponderes(OPTIONS, poids)
    assert scores["A"] == pytest.approx(scores["B"])
    # Team load: lowering it puts A ahead (negative move).
    charge = decision.sensibilite(OPTIONS, CAS.ponderations, "charge_equipe")
    assert charge.deplacement < 0 and charge.nouvelle_tete == "A"
    assert "passe devant" in str(charge)


def test_sensibilite_sans_bascule():
    """When no weight between 0 and 100 % changes the leader, bascule is None and the text says so."""
    options = {"X": {"a": 9, "b": 9}, "Y": {"a": 2, "b": 3}}
    s = decision.sensibilite(options, {"a": 0.5, "b": 0.5}, "a")
    assert s.bascule is None and s.nouvelle_tete is None and s.deplacement is None
    assert "reste en tête" in str(s)


def test_sensibilite_exercice_trois_options():
    """Three options: the nearest crossing among the challengers is the one reported."""
    offre = clara().decision.offre_2028
    poids = {"rentabilite": 0.35, "temps_clara": 0.3, "risque": 0.15, "vision": 0.2}
    s = decision.sensibilite(offre.notes, poids, "temps_clara")
    assert s.en_tete == "communaute" and s.nouvelle_tete == "atelier"
    assert s.bascule == pytest.approx(17 / 45)


@pytest.mark.parametrize("ponderations, attendu", [
    ({"chiffre_affaires": 0.4, "charge_equipe": 0.3, "risque": 0.2}, "90"),
    ({"chiffre_affaires": 0.5, "charge_equipe": 0.3, "risque": 0.2, "coherence_okr": 0.1}, "110"),
])
def test_ponderations_qui_ne_font_pas_100_sont_refusees(ponderations, attendu):
    """Weights that do not add up to 100 % are refused, the message saying the total."""
    options = {"A": {c: 5 for c in ponderations}}
    with pytest.raises(ErreurOBM, match=attendu) as erreur:
        decision.matrice_ponderee(options, ponderations)
    assert "100" in str(erreur.value)


def test_ponderations_en_pourcentage_refusees():
    with pytest.raises(ErreurOBM, match="0.8 pour 80"):
        decision.scores_ponderes({"A": {"x": 5, "y": 5}}, {"x": 40, "y": 60})


@pytest.mark.parametrize("options, motif", [
    ({"A": {"x": 5}}, "il manque y"),
    ({"A": {"x": 5, "y": 5, "z": 1}}, "en trop"),
    ({"A": {"x": 11, "y": 5}}, "de 0"),
    ({"A": {"x": "5", "y": 5}}, "texte"),
    ({"A": {"x": True, "y": 5}}, "booléen"),
    ({"A": [5, 5]}, "dictionnaire"),
    ([5, 5], "dictionnaire"),
])
def test_notes_invalides_refusees_en_francais(options, motif):
    with pytest.raises(ErreurOBM, match=motif):
        decision.matrice_ponderee(options, {"x": 0.5, "y": 0.5})


def test_valeur_esperee_refuse_des_probabilites_qui_ne_font_pas_1():
    with pytest.raises(ErreurOBM, match="75"):
        decision.valeur_esperee([(0.25, 120), (0.25, 70), (0.25, 30)])
    with pytest.raises(ErreurOBM, match="0.8 pour 80"):
        decision.valeur_esperee([(30, 60), (70, 40)])
    with pytest.raises(ErreurOBM, match="couple"):
        decision.valeur_esperee([0.5, 0.5])
    with pytest.raises(ErreurOBM):
        decision.valeur_esperee([])
    # 0.1 + 0.2 + 0.7 is not exactly 1 in floating point, and is accepted.
    assert decision.valeur_esperee([(0.1, 10), (0.2, 20), (0.7, 30)]) == pytest.approx(26)


def test_classer_swot_et_eisenhower():
    assert decision.classer_swot("interne", "favorable") == "force"
    assert decision.classer_swot("interne", "defavorable") == "faiblesse"
    assert decision.classer_swot("externe", "favorable") == "opportunite"
    # A competitor is external: a threat, never a weakness.
    assert decision.classer_swot("externe", "defavorable") == "menace"
    assert decision.classer_swot(True, False) == "faiblesse"
    assert {decision.eisenhower(urgent=u, important=i) for u in (True, False) for i in (True, False)} \
        == set(decision.QUADRANTS)
    assert decision.eisenhower(urgent=True, important=False) == "deleguer"
    assert decision.eisenhower(urgent=False, important=True) == "planifier"
    with pytest.raises(ErreurOBM, match="interne"):
        decision.classer_swot("dedans", "favorable")
    with pytest.raises(ErreurOBM, match="True ou False"):
        decision.eisenhower("oui", True)


def test_matrice_ecrite_en_xlsx_relue_et_recalculee(tmp_path):
    """Is the deliverable a real workbook whose formulas give the lesson's scores and ranks, and
    whose check cell flags weights that no longer add up to 100 %?"""
    from tableur_formules import Classeur

    chemin = decision.ecrire_matrice_decision(OPTIONS, CAS.ponderations, tmp_path / "16_matrice_decision.xlsx",
                                             decision="Lancement d'automne")
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Matrice"]
    assert "Lancement d'automne" in feuille["A1"].value
    lignes = {feuille.cell(r, 1).value: r for r in range(1, feuille.max_row + 1)}
    calcul = Classeur(classeur)
    score, rang, total = lignes["Score (Σ pondération × note)"], lignes["Rang (1 = en tête)"], \
        lignes["Total des pondérations"]
    assert feuille.cell(score, 3).value.startswith("=")
    assert calcul.valeur("Matrice", f"C{score}") == pytest.approx(6.3)
    assert calcul.valeur("Matrice", f"D{score}") == pytest.approx(6.4)
    assert (calcul.valeur("Matrice", f"C{rang}"), calcul.valeur("Matrice", f"D{rang}")) == (2, 1)
    assert calcul.valeur("Matrice", f"B{total}") == pytest.approx(1)
    assert "100" in calcul.valeur("Matrice", f"B{total + 1}") and "✅" in calcul.valeur("Matrice", f"B{total + 1}")
    # A learner who changes one weight in the spreadsheet is warned.
    feuille[f"B{lignes['chiffre_affaires']}"] = 0.5
    recalcul = Classeur(classeur)
    assert "⚠️" in recalcul.valeur("Matrice", f"B{total + 1}")


def test_ecrire_matrice_refuse_un_mauvais_chemin(tmp_path):
    with pytest.raises(ErreurOBM, match=".xlsx"):
        decision.ecrire_matrice_decision(OPTIONS, CAS.ponderations, tmp_path / "matrice.csv")


def test_widget_la_bascule_change_l_option_en_tete():
    """Moving the revenue weight from 40 % to 43 % puts A ahead, the total staying at 100 %."""
    pytest.importorskip("ipywidgets")
    from obm.widgets import matrice_interactive

    vue = matrice_interactive(OPTIONS, CAS.ponderations)
    assert vue.critere.value == "chiffre_affaires" and vue.curseur.value == 40
    assert "En tête" in vue.resultat.value and "<b class='obm-en-tete'>B</b>" in vue.resultat.value
    vue.curseur.value = 43
    assert math.fsum(vue.ponderations().values()) == pytest.approx(1)
    assert "<b class='obm-en-tete'>A</b>" in vue.resultat.value
    vue.critere.value = "charge_equipe"
    assert vue.curseur.value == 30 and "<b class='obm-en-tete'>B</b>" in vue.resultat.value
