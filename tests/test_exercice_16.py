"""Does exercise 16 count a mistake only once?

Question 3 (the sensitivity check) starts from the learner's weights of question 2. A wrong
question 2 whose weights still add up to 100 % must lose question 2's points only: question 3 is
recomputed from what she wrote (« erreur reportée »), as the exercise's instructions say. (Weights
that do not add up to 100 % are refused by `sensibilite` with a message asking to fix question 2
first: the instructions say so.) The source notebook is run with its hidden tests and one answer
cell replaced; a grade cell that raises has lost its points.
"""

import nbformat
import pytest

import outils_correction as oc

SOURCE = oc.RACINE / "solutions" / "16_decision" / "exercice.ipynb"
QUESTIONS = ("q1_swot", "q2_matrice", "q3_sensibilite", "q4_valeur_esperee", "q5_portes", "q6_semaine")

# Question 2 wrong in ways that keep weights adding up to 100 %; question 3 keeps the corrigé's
# reasoning, applied to them.
ERREURS_Q2 = {
    "ponderations_du_temps_et_de_la_rentabilite_inversees": """
ponderations_2028 = {"rentabilite": 0.3, "temps_clara": 0.35, "risque": 0.15, "vision": 0.2}
matrice_2028 = matrice_ponderee(notes_2028, ponderations_2028)
scores_2028 = {"atelier": matrice_2028.loc["atelier", "score"], "communaute": matrice_2028.loc["communaute", "score"],
               "vip": matrice_2028.loc["vip", "score"]}
en_tete_2028 = "communaute"
""",
    "rangs_multiplies": """
ponderations_2028 = {"rentabilite": 0.35, "temps_clara": 0.3, "risque": 0.15, "vision": 0.2}
scores_2028 = {"atelier": 0.35 * 3 + 0.3 * 1 + 0.15 * 1 + 0.2 * 2, "communaute": 0.35 * 2 + 0.3 * 2 + 0.15 * 3 + 0.2 * 1,
               "vip": 0.35 * 1 + 0.3 * 3 + 0.15 * 2 + 0.2 * 3}
en_tete_2028 = "vip"
""",
}


def questions_perdues(notebook, dossier) -> set[str]:
    """The grade cells that raised when the notebook ran in ``dossier``."""
    return oc.questions_perdues(notebook, dossier, QUESTIONS, delai=60)


@pytest.mark.parametrize("erreur", sorted(ERREURS_Q2))
def test_une_erreur_en_q2_ne_coute_que_la_q2(erreur, tmp_path, monkeypatch):
    """Does a wrong question 2 lose question 2 only, not question 3 built on it?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    notebook = nbformat.read(SOURCE, as_version=4)
    (cellule,) = [c for c in notebook.cells if c.get("id") == "reponse_q2"]
    cellule.source = ERREURS_Q2[erreur]
    assert questions_perdues(notebook, tmp_path) == {"q2_matrice"}
