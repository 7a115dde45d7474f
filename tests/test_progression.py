"""The learner's progress (obm.progression), read from temporary copies of the course notebooks."""

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import obm
from obm.progression import A_VENIR, EN_COURS, PAS_COMMENCE, TERMINE, progression
from obm.syllabus import charger
from obm.verifier import MIME_STATUT

RACINE = Path(__file__).resolve().parents[1]


@pytest.fixture
def cours(tmp_path, obm_home):
    """A learner's copy of the course: syllabus, lessons, released exercises and Clara's facts
    (which exercise 00 reads), as published."""
    copie = tmp_path / "cours"
    (copie / "course").mkdir(parents=True)
    (copie / "data").mkdir()
    shutil.copy(RACINE / "course" / "syllabus.toml", copie / "course" / "syllabus.toml")
    shutil.copy(RACINE / "data" / "clara.toml", copie / "data" / "clara.toml")
    for module in charger(RACINE / "course" / "syllabus.toml").publies:
        for dossier, noms in (("course/modules", module.lecons), ("exercises", module.exercices)):
            (copie / dossier / module.id).mkdir(parents=True)
            for nom in noms:
                shutil.copy(RACINE / dossier / module.id / nom, copie / dossier / module.id / nom)
    return copie


def lire(chemin):
    return json.loads(chemin.read_text(encoding="utf-8"))


def ecrire(chemin, notebook):
    chemin.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")


def cellule(notebook, grade_id):
    for c in notebook["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            return c
    raise KeyError(grade_id)


def statut(question, valeur):
    """A display_data output as a visible check saves it (see obm.verifier.Resultat)."""
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/plain": f"{question} {valeur}", MIME_STATUT: {"question": question,
                                                                         "statut": valeur}}}


def exercice_00(cours):
    return cours / "exercises" / "00_bienvenue" / "exercice.ipynb"


def test_cours_intact_pas_commence(cours):
    """Does an untouched course show lessons not run, exercises not started, later modules
    to come?"""
    p = progression(cours)
    assert len(p.lignes) == 22
    for ligne in p.lignes:
        if ligne.module.publie:
            # Module 21 has two lessons (the final project and the portfolio).
            attendu = "pas encore exécutée" if len(ligne.module.lecons) == 1 else "pas encore exécutées"
            assert ligne.lecon == attendu
            assert ligne.exercice == PAS_COMMENCE
            assert ligne.reponses.startswith("0/")
        else:
            assert ligne.lecon == ligne.exercice == A_VENIR
    # Exercise 00 has four answer cells (q4, a written reading for Clara, is not graded) and
    # three visible checks.
    assert p.ligne("00_bienvenue").reponses == "0/4"
    assert p.ligne("00_bienvenue").verifications == "0/3 faites"


def test_pas_encore_fait_ne_compte_pas_comme_commence(cours):
    """Do checks run on the untouched stubs ("pas encore fait") leave the exercise
    "pas commencé"?"""
    notebook = lire(exercice_00(cours))
    for question in ("q1_ca_estime", "q2_heures_equipe", "q3_charge_lea"):
        cellule(notebook, question)["outputs"] = [statut(question, "pas_encore_fait")]
    ecrire(exercice_00(cours), notebook)
    assert progression(cours).ligne("00_bienvenue").exercice == PAS_COMMENCE


def test_exercice_en_partie(cours):
    """With one answer written, one check passed and one to review, is the exercise "en cours"?"""
    notebook = lire(exercice_00(cours))
    cellule(notebook, "reponse_q1")["source"] = "ventes_estimees = 96\nca_estime = 96 * 497"
    cellule(notebook, "q1_ca_estime")["outputs"] = [statut("q1_ca_estime", "forme_correcte")]
    cellule(notebook, "q2_heures_equipe")["outputs"] = [statut("q2_heures_equipe", "a_revoir")]
    ecrire(exercice_00(cours), notebook)
    ligne = progression(cours).ligne("00_bienvenue")
    assert ligne.exercice == EN_COURS
    assert ligne.reponses == "1/4"
    assert ligne.verifications == "1/3 faites, 1 à revoir"


def test_tout_reussi(cours):
    """With every answer written and every check's last status "réussi", is the exercise
    "terminé"?"""
    notebook = lire(exercice_00(cours))
    for numero, question in enumerate(("q1_ca_estime", "q2_heures_equipe", "q3_charge_lea"), 1):
        cellule(notebook, f"reponse_q{numero}")["source"] = f"reponse_{numero} = {numero}"
        # An earlier "à revoir" then a "réussi" in the same cell: the last one counts.
        cellule(notebook, question)["outputs"] = [statut(question, "a_revoir"),
                                                  statut(question, "forme_correcte")]
    cellule(notebook, "reponse_q4")["source"] = 'lecture_pour_clara = "Clara, c\'est optimiste."'
    ecrire(exercice_00(cours), notebook)
    ligne = progression(cours).ligne("00_bienvenue")
    assert (ligne.exercice, ligne.reponses, ligne.verifications) == (TERMINE, "4/4", "3/3 faites")


def test_reussi_mais_reponse_ecrite_manquante(cours):
    """Is an exercise whose checks all pass not "terminé" while a written answer (a markdown
    answer cell, graded by hand) still holds the text stub?"""
    notebook = lire(exercice_00(cours))
    for numero, question in enumerate(("q1_ca_estime", "q2_heures_equipe", "q3_charge_lea"), 1):
        cellule(notebook, f"reponse_q{numero}")["source"] = f"reponse_{numero} = {numero}"
        cellule(notebook, question)["outputs"] = [statut(question, "forme_correcte")]
    cellule(notebook, "reponse_q4")["source"] = 'lecture_pour_clara = "Clara, c\'est optimiste."'
    ecrite = {"cell_type": "markdown", "id": "reponse_q5", "source": "TA RÉPONSE ICI",
              "metadata": {"nbgrader": {"grade": True, "solution": True, "grade_id": "reponse_q5",
                                        "points": 3, "locked": False, "schema_version": 3}}}
    notebook["cells"].append(ecrite)
    ecrire(exercice_00(cours), notebook)
    ligne = progression(cours).ligne("00_bienvenue")
    assert (ligne.exercice, ligne.reponses, ligne.verifications) == (EN_COURS, "4/5", "3/3 faites")
    ecrite["source"] = "Le chemin critique commande la date d'ouverture."
    ecrire(exercice_00(cours), notebook)
    assert progression(cours).ligne("00_bienvenue").exercice == TERMINE


def test_lecon_executee(cours):
    """Is a lesson "exécutée" as soon as one code cell has an execution count or an output?"""
    chemin = cours / "course" / "modules" / "03_retroplanning" / "lecon.ipynb"
    notebook = lire(chemin)
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code["execution_count"] = 1
    ecrire(chemin, notebook)
    p = progression(cours)
    assert p.ligne("03_retroplanning").lecon == "exécutée"
    assert p.ligne("00_bienvenue").lecon == "pas encore exécutée"


def test_fichiers_non_modifies(cours):
    """Does reading the progress leave every notebook as it was, byte for byte and mtime
    for mtime?"""
    notebook = lire(exercice_00(cours))
    cellule(notebook, "q1_ca_estime")["outputs"] = [statut("q1_ca_estime", "reussi")]
    ecrire(exercice_00(cours), notebook)
    avant = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in cours.rglob("*") if p.is_file()}
    progression(cours)
    apres = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in cours.rglob("*") if p.is_file()}
    assert apres == avant


def test_notebook_abime_ou_absent(cours):
    """Does a broken or missing exercise file show "illisible"/"introuvable" instead of an error?"""
    exercice_00(cours).write_text("{pas du json", encoding="utf-8")
    (cours / "exercises" / "03_retroplanning" / "exercice.ipynb").unlink()
    p = progression(cours)
    assert p.ligne("00_bienvenue").exercice == "illisible"
    assert p.ligne("03_retroplanning").exercice == "introuvable"


def test_autoevaluation_du_module_00(cours):
    """Is the module 00 self-assessment (under OBM_HOME) shown, with its date, next to module 00?"""
    from obm import autoevaluation

    assert progression(cours).autoevaluation.startswith("pas encore faite")
    notes = {code: 3 for code in charger(cours / "course" / "syllabus.toml").competences}
    autoevaluation.enregistrer(notes, quand=datetime(2027, 1, 10, 9, 0))
    p = progression(cours)
    assert p.autoevaluation == "faite le 10/01/2027"
    enregistrements = {e["module"]: e for e in p.enregistrements()}
    assert enregistrements["00"]["autoevaluation"] == "faite le 10/01/2027"
    assert enregistrements["03"]["autoevaluation"] == ""
    assert "faite le 10/01/2027" in p._repr_html_()


def test_tableau_colonnes_francaises(cours):
    """Is the DataFrame one row per module, indexed by module number, with French column names?"""
    tableau = progression(cours).tableau()
    assert list(tableau.columns) == ["titre", "lecon", "reponses", "verifications", "exercice",
                                     "autoevaluation"]
    assert list(tableau.index) == [m.id[:2] for m in charger().modules]
    assert tableau.loc["03", "exercice"] == PAS_COMMENCE


def test_statuts_d_un_vrai_notebook_execute(cours):
    """On an exercise really run in a kernel (one answer right, one wrong, one left), are the
    statuses those the visible checks displayed?"""
    import nbformat
    from nbclient import NotebookClient

    chemin = exercice_00(cours)
    notebook = nbformat.read(chemin, as_version=4)
    sources = {"reponse_q1": "ventes_estimees = 4800 * 0.02\nca_estime = ventes_estimees * 497",
               "reponse_q2": 'heures_hebdo_equipe = "25"\nfreelances_a_la_mission = ["Hugo"]'}
    for c in notebook.cells:
        grade_id = c.metadata.get("nbgrader", {}).get("grade_id")
        c.source = sources.get(grade_id, c.source)
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(chemin.parent)}}).execute()
    nbformat.write(notebook, chemin)
    ligne = progression(cours).ligne("00_bienvenue")
    etat = ligne.exercices[0]
    assert etat.statuts == {"q1_ca_estime": "forme_correcte", "q2_heures_equipe": "a_revoir",
                            "q3_charge_lea": "pas_encore_fait"}
    assert (ligne.reponses, ligne.exercice) == ("2/4", EN_COURS)


def test_import_obm_reste_leger():
    """Does `import obm` leave pandas unloaded, while `obm.progression()` is still reachable?"""
    code = ("import sys, obm; assert 'obm.progression' not in sys.modules; "
            "obm.progression(); assert 'pandas' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ}, cwd=RACINE)


def test_obm_progression_apres_import_du_sous_module(cours):
    """Once the submodule obm.progression has been imported, does `obm.progression()` still work?"""
    import obm.progression as sous_module

    assert obm.progression is sous_module
    p = obm.progression(cours)
    assert p.ligne("00_bienvenue").exercice == PAS_COMMENCE


def test_widget_progression_actualiser(cours):
    """Without a browser: does the progress widget show the table, and does "Actualiser" re-read
    the notebooks after the learner saved new work?"""
    from obm.widgets import ProgressionInteractive

    vue = ProgressionInteractive(cours)
    assert vue.bouton.description == "Actualiser"
    assert "00. Bienvenue" in vue.tableau.value and EN_COURS not in vue.tableau.value
    notebook = lire(exercice_00(cours))
    cellule(notebook, "reponse_q1")["source"] = "ventes_estimees = 96"
    ecrire(exercice_00(cours), notebook)
    assert EN_COURS not in vue.tableau.value  # nothing changes until the learner asks
    vue.bouton.click()
    assert EN_COURS in vue.tableau.value
    assert vue.progression.ligne("00_bienvenue").reponses == "1/4"
