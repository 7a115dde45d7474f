"""Does exercise 09 count a mistake only once?

Questions 2, 3 and 6 start from the learner's earlier answers (her estimate of Samir's
reservation price, her opening offer, her offers). A wrong answer to question 1 must lose
question 1's points only: the later checks start from what she wrote (« erreur reportée »), as the
exercise's instructions say. The source notebook is run with its hidden tests and one answer cell
replaced; a grade cell that raises has lost its points.
"""

import nbformat
import pytest

import outils_correction as oc

SOURCE = oc.RACINE / "solutions" / "09_negociation" / "exercice.ipynb"
QUESTIONS = ("q1_zopa", "q2_ouverture", "q3_concessions", "q4_tjm", "q5_principes", "q6_fiche_ecrite")

# Question 1 wrong in two ways; questions 2, 3 and 6 keep the corrigé's reasoning, applied to it.
ERREURS_Q1 = {
    "devis_ttc_garde": """
reservation_clara = cas_samir.devis_autre_redactrice_ttc
reservation_samir = cas_samir.jours_estimes_samir * cas_samir.tjm_affiche_samir_ht
zone_samir = zopa(reservation_samir, reservation_clara)
""",
    "jours_oublies": """
reservation_clara = prix_ht(cas_samir.devis_autre_redactrice_ttc)
reservation_samir = cas_samir.tjm_affiche_samir_ht
zone_samir = zopa(reservation_samir, reservation_clara)
""",
}


def questions_perdues(notebook, dossier) -> set[str]:
    """The grade cells that raised when the notebook ran in ``dossier``."""
    return oc.questions_perdues(notebook, dossier, QUESTIONS, delai=60)


@pytest.mark.parametrize("erreur", sorted(ERREURS_Q1))
def test_une_erreur_en_q1_ne_coute_que_la_q1(erreur, tmp_path, monkeypatch):
    """Does a wrong question 1 lose question 1 only, not questions 2, 3 or 6 built on it?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    notebook = nbformat.read(SOURCE, as_version=4)
    (cellule,) = [c for c in notebook.cells if c.get("id") == "reponse_q1"]
    cellule.source = ERREURS_Q1[erreur]
    assert questions_perdues(notebook, tmp_path) == {"q1_zopa"}
