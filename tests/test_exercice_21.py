"""Does exercise 21 count a mistake only once?

The final project's report (question 11) is written from the learner's earlier answers: her plan
(question 1), her budget (question 4), her point (question 5) and her indicators (question 8). A
wrong answer to one of these must lose that question's points only: question 11 grades the two
files, not their figures, as its statement says. The source notebook is run with its hidden tests
and one answer cell replaced by a recorded mistake of tests/mutants/21_projet_final.toml; a grade
cell that raises has lost its points.
"""

import tomllib

import nbformat
import pytest

import outils_correction as oc

MODULE = "21_projet_final"
SOURCE = oc.RACINE / "solutions" / MODULE / "exercice.ipynb"
QUESTIONS = ("q1_retroplanning", "q2_raci", "q3_charge", "q4_budget", "q5_avancement",
             "q8_indicateurs", "q10_grille", "q11_livrables")
# One recorded mistake for each question the report is built on.
ERREURS = ("jours_feries_oublies", "marge_oubliee_dans_le_plan", "publicite_comptee_ttc",
           "moyenne_simple_des_parts", "roas_sur_toutes_les_ventes")


def _mutants():
    with open(oc.RACINE / "tests" / "mutants" / f"{MODULE}.toml", "rb") as fichier:
        return {m["nom"]: m for m in tomllib.load(fichier)["mutant"]}


def questions_perdues(notebook, dossier) -> set[str]:
    """The grade cells that raised when the notebook ran in ``dossier``."""
    return oc.questions_perdues(notebook, dossier, QUESTIONS, delai=120)


@pytest.mark.parametrize("erreur", ERREURS)
def test_une_erreur_ne_coute_que_sa_question(erreur, tmp_path, monkeypatch):
    """Does a recorded mistake lose its own question only, never the report built on it?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    monkeypatch.setenv("OBM_HOME", str(tmp_path / "obm"))
    mutant = _mutants()[erreur]
    notebook = nbformat.read(SOURCE, as_version=4)
    for ident, source in mutant["cellules"].items():
        (cellule,) = [c for c in notebook.cells if c.get("id") == ident]
        cellule.source = source
    assert questions_perdues(notebook, tmp_path) == {mutant["question"]}


def test_le_rapport_s_ecrit_sans_les_textes(tmp_path, monkeypatch):
    """Without the written answers of questions 6 and 9 (still `...`), does the report question
    keep its points (the report marks their place), every autograded question intact?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    monkeypatch.setenv("OBM_HOME", str(tmp_path / "obm"))
    notebook = nbformat.read(SOURCE, as_version=4)
    for ident, nom in (("reponse_statut", "statut"), ("reponse_recommandation", "recommandation")):
        (cellule,) = [c for c in notebook.cells if c.get("id") == ident]
        cellule.source = f"{nom} = ..."
    assert questions_perdues(notebook, tmp_path) == set()
    assert "pas encore écrit" in (tmp_path / "livrables" / "21_projet_final.md").read_text(encoding="utf-8")
