"""The grading engine on an exercise built for it (not one of the course's): functions tested by
probe calls, the strict partial-credit rule, dates in DataFrame columns, a file the copy writes,
the course's data read by both processes (the course lives under /tmp here, as the sandbox
must show it even there), names a test reads and what happens when they are missing.

One throw-away course, one `obm corriger` run over a cohort of copies (honest code only: the
hostile copies live in test_correction_hostile.py). Without a working sandbox this module runs
with `--sans-bac-a-sable`, which these trusted copies allow.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier

MODULE = "99_moteur"


def _cellule(source: str, grade_id: str, *, genre="code", grade=False, solution=False,
             locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    cellule = (nbformat.v4.new_code_cell(source) if genre == "code" else nbformat.v4.new_markdown_cell(source))
    cellule.metadata["nbgrader"] = meta
    return cellule


PREPARATION = """import numpy as np
import pandas as pd
from datetime import date
from pathlib import Path
from obm.verifier import verifier, nombre, fonction, tableau
from obm.sondes import erreur_levee
from obm.donnees import chemin_donnees
lancement = pd.read_csv(chemin_donnees("lancement_entonnoir.csv"))"""

SOLUTIONS = {
    "reponse_fonction": 'def prix_ttc(ht):\n    if ht < 0:\n        raise ValueError("montant négatif")\n'
                        "    return round(ht * 1.2, 2)",
    "reponse_partielle": "bonnes = 3 if len(lancement) > 0 else 0",
    "reponse_plan": 'plan = pd.DataFrame({"tache": ["OFF", "PAGE"], "fin": [date(2027, 3, 26), date(2027, 5, 14)],\n'
                    '                     "duree": [1, 5]}).set_index("tache")',
    "reponse_fichier": 'chemin = Path("livrable.csv")\nchemin.write_text("tache;fin\\nOFF;2027-03-26\\n", encoding="utf-8")',
}

TESTS = {
    "q_fonction": ('"""Q1 : la fonction prix_ttc."""\n'
                   'verifier("q_fonction", "prix_ttc", fonction(exemples=[(10,)], renvoie=float))\n'
                   "### BEGIN HIDDEN TESTS\nassert prix_ttc(100) == 120.0\n"
                   "assert type(prix_ttc(0.5)) is float and prix_ttc(0.5) == 0.6\n"
                   'assert "ValueError" in erreur_levee(prix_ttc, -1)\n### END HIDDEN TESTS', 2),
    "q_partielle": ('"""Q2 : note partielle (0,5 point par bonne réponse), rendue en scalaire numpy."""\n'
                    'verifier("q_partielle", "bonnes", nombre(entier=True))\n'
                    "### BEGIN HIDDEN TESTS\n"
                    "np.float64(bonnes / 2) if type(bonnes) is int else bonnes\n### END HIDDEN TESTS", 2),
    "q_plan": ('"""Q3 : des dates dans un tableau."""\n'
               'verifier("q_plan", {"plan": tableau(colonnes=["fin", "duree"])})\n'
               "### BEGIN HIDDEN TESTS\nassert type(plan) is pd.DataFrame and plan.index.name == \"tache\"\n"
               'assert type(plan.loc["OFF", "fin"]) is date and plan.loc["PAGE", "fin"] == date(2027, 5, 14)\n'
               'assert type(plan.loc["PAGE", "duree"]) is np.int64\n### END HIDDEN TESTS', 2),
    "q_fichier": ('"""Q4 : le fichier écrit par la copie, relu par le test."""\n'
                  "### BEGIN HIDDEN TESTS\nimport colorsys as _cs\n"
                  "assert type(chemin) is type(Path()) and Path(chemin).read_text(encoding='utf-8').startswith('tache;fin')\n"
                  "assert len(lancement) > 0\n"
                  "### END HIDDEN TESTS", 1),
}


def source_du_module() -> nbformat.NotebookNode:
    cellules = [_cellule("# Exercice de test du moteur", "intro", genre="markdown", locked=True),
                _cellule(PREPARATION, "preparation", locked=True)]
    for (reponse, solution), (test, (source, points)) in zip(SOLUTIONS.items(), TESTS.items()):
        cellules.append(_cellule(f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION", reponse, solution=True))
        if reponse == "reponse_fonction":
            cellules.append(_cellule('print("APRES LA FONCTION")', "apres_fonction", locked=True))
        cellules.append(_cellule(source, test, grade=True, locked=True, points=points))
    notebook = nbformat.v4.new_notebook(cells=cellules)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


# learner -> (answers replaced, expected points per test cell)
COHORTE = {
    "solution": ({}, {"q_fonction": 2, "q_partielle": 1.5, "q_plan": 2, "q_fichier": 1}),
    "fonction-fausse": ({"reponse_fonction": "def prix_ttc(ht):\n    return ht * 1.1"},
                        {"q_fonction": 0, "q_partielle": 1.5, "q_plan": 2, "q_fichier": 1}),
    "fonction-bavarde": ({"reponse_fonction": "def prix_ttc(ht):\n    print('ENTREE CACHEE', ht)\n"
                                              "    if ht < 0:\n        raise ValueError(ht)\n"
                                              "    return round(ht * 1.2, 2)\nprint('DEFINIE')"},
                         {"q_fonction": 2, "q_partielle": 1.5, "q_plan": 2, "q_fichier": 1}),
    "fonction-lente": ({"reponse_fonction": "def prix_ttc(ht):\n    while True:\n        pass"},
                       {"q_fonction": 0, "q_partielle": 1.5, "q_plan": 2, "q_fichier": 1}),
    "partielle-negative": ({"reponse_partielle": "bonnes = -3"}, {"q_partielle": 0}),
    "partielle-trop-grande": ({"reponse_partielle": "bonnes = 10"}, {"q_partielle": 0}),
    "partielle-texte": ({"reponse_partielle": "bonnes = '3'"}, {"q_partielle": 0}),
    "dates-en-texte": ({"reponse_plan": 'plan = pd.DataFrame({"tache": ["OFF", "PAGE"], '
                                        '"fin": ["2027-03-26", "2027-05-14"], "duree": [1, 5]}).set_index("tache")'},
                       {"q_plan": 0}),
    "rien-fait": ("vierge", {"q_fonction": 0, "q_partielle": 0, "q_plan": 0, "q_fichier": 0}),
}


def obm(racine: Path, *arguments: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(arguments))
    return code, sortie.getvalue(), erreurs.getvalue()


@pytest.fixture(scope="module")
def moteur(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("moteur")
    racine = dossier / "cours"
    (racine / "solutions" / MODULE).mkdir(parents=True)
    config = (oc.RACINE / "nbgrader_config.py").read_text(encoding="utf-8")
    (racine / "nbgrader_config.py").write_text(config + "\nc.ExecutePreprocessor.timeout = 5\n", encoding="utf-8")
    for nom in ("course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    source = source_du_module()
    nbformat.write(source, racine / "solutions" / MODULE / "exercice.ipynb")
    sortie = oc.nbgrader(["generate_assignment", MODULE, "--force"], racine, oc.environnement(dossier))
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    distribuee = nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", as_version=4)
    for apprenante, (remplacements, _) in COHORTE.items():
        if remplacements == "vierge":
            notebook = distribuee
        else:
            notebook = oc.remplir(distribuee, source, **remplacements)
        cible = racine / "submitted" / apprenante / MODULE
        cible.mkdir(parents=True)
        nbformat.write(notebook, cible / "exercice.ipynb")
    code, sortie, erreurs = obm(racine, "corriger", MODULE, "--jobs", "2", *oc.options_corriger())
    assert code == 0, erreurs
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}") as carnet:
        notes = {(s.student.id, g.name): g.auto_score for s in carnet.assignment_submissions(MODULE)
                 for nb in s.notebooks for g in nb.grades}
    return {"racine": racine, "sortie": sortie, "notes": notes}


def corrige(moteur, apprenante: str) -> nbformat.NotebookNode:
    return nbformat.read(moteur["racine"] / "autograded" / apprenante / MODULE / "exercice.ipynb", as_version=4)


def textes(notebook) -> str:
    return json.dumps([c.get("outputs", []) for c in notebook.cells], ensure_ascii=False)


def raisons(sortie: str) -> dict[str, str]:
    lignes = sortie.rstrip().split("\n")
    debut = max(i for i, l in enumerate(lignes) if l.startswith("Copies à vérifier :"))
    return dict(re.fullmatch(r"- (\S+) : (.+)", l).groups() for l in lignes[debut + 1:])


@pytest.mark.parametrize("apprenante", list(COHORTE))
def test_notes_cellule_par_cellule(moteur, apprenante):
    """Does each copy get exactly the expected points on each test cell?"""
    _, attendues = COHORTE[apprenante]
    for cellule, points in attendues.items():
        assert moteur["notes"][(apprenante, cellule)] == points, (cellule, textes(corrige(moteur, apprenante))[-2000:])


def test_sondes_sorties_jetees_et_suite_gardee(moteur):
    """Probe calls carry hidden inputs: what the learner's function prints while probed never reaches
    the graded notebook, while the cells that ran before the probes keep their outputs."""
    texte = textes(corrige(moteur, "fonction-bavarde"))
    assert "ENTREE CACHEE" not in texte
    assert "DEFINIE" in texte and "APRES LA FONCTION" in texte


def test_sonde_trop_lente_arretee(moteur):
    """A probed function that loops forever is stopped at the cell's limit; later tests still run."""
    notebook = corrige(moteur, "fonction-lente")
    test = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q_fonction")
    assert any(o.get("output_type") == "error" for o in test.outputs)
    assert moteur["notes"][("fonction-lente", "q_plan")] == 2


@pytest.mark.parametrize("apprenante, mots", [("partielle-negative", ["-1.5", "hors de 0 à 2"]),
                                              ("partielle-trop-grande", ["5.0", "hors de 0 à 2"]),
                                              ("partielle-texte", ["'3'", "pas un nombre"])])
def test_note_partielle_stricte(moteur, apprenante, mots):
    """A partial-credit cell must yield one number within 0 and its points (nbgrader would give full
    marks to a negative or unparseable value): else 0, with a French reason to the trainer."""
    raison = raisons(moteur["sortie"])[apprenante]
    assert "note partielle invalide" in raison
    for mot in mots:
        assert mot in raison, raison


def test_note_partielle_en_scalaire_numpy(moteur):
    """numpy 2 prints np.float64(1.5) as text nbgrader cannot parse (it would give full points):
    the engine reads the value itself and writes 1.5."""
    notebook = corrige(moteur, "solution")
    test = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q_partielle")
    resultats = [o for o in test.outputs if o.output_type == "execute_result"]
    assert len(resultats) == 1 and resultats[0].data["text/plain"] == "1.5"


def test_solution_sans_copie_a_verifier(moteur):
    """The honest copies are not listed (nothing refused, nothing stopped)."""
    listees = raisons(moteur["sortie"])
    for apprenante in ("solution", "fonction-bavarde", "dates-en-texte", "rien-fait"):
        assert apprenante not in listees, listees.get(apprenante)


def test_erreur_levee_hors_correction():
    """In a plain notebook (the solution under nbval, self-study), erreur_levee calls the real
    function and names the exception's classes, most precise first; () when nothing is raised."""
    from obm.erreurs import DonneesInvalides
    from obm.sondes import ErreurDeLaFonction, erreur_levee

    def prix(ht):
        if ht < 0:
            raise DonneesInvalides("négatif")
        return ht * 1.2

    assert erreur_levee(prix, 10) == ()
    noms = erreur_levee(prix, -1)
    assert noms[0] == "DonneesInvalides" and "ErreurOBM" in noms and "Exception" in noms

    def sonde(*_):
        raise ErreurDeLaFonction(("ValueError", "Exception"), "négatif")

    assert erreur_levee(sonde, -1) == ("ValueError", "Exception")
