"""Does « Exécuter tout » run every released exercise untouched to the end, each check saying
« pas encore fait »?

A learner who opens an exercise and runs all its cells before answering must reach the last
cell: no error stops her (the placeholders are `...`), and every visible check tells her the
answer is still to write.
"""

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

import outils_correction as oc

MIME = oc.MIME_STATUT
NOTEBOOKS = sorted(p for p in oc.EXERCICES.glob("*/*.ipynb"))


@pytest.mark.parametrize("chemin", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_exercice_vierge_s_execute_jusqu_au_bout(chemin, tmp_path):
    """Does the untouched release run top to bottom with no error and only « pas encore fait »?"""
    dossier = tmp_path / chemin.parent.name
    shutil.copytree(chemin.parent, dossier)
    notebook = nbformat.read(dossier / chemin.name, as_version=4)
    NotebookClient(notebook, timeout=60, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(dossier)}}).execute()
    erreurs, statuts = [], []
    for index, cellule in enumerate(notebook.cells):
        for sortie in cellule.get("outputs", []):
            if sortie.get("output_type") == "error":
                erreurs.append(f"cellule {index} ({cellule.get('id')}) : {sortie.get('ename')} : "
                               f"{sortie.get('evalue')}")
            if sortie.get("output_type") == "stream" and sortie.get("name") == "stderr":
                erreurs.append(f"cellule {index} ({cellule.get('id')}) écrit sur stderr : "
                               f"{sortie.get('text', '')[:200]}")
            donnees = sortie.get("data", {})
            if MIME in donnees:
                statuts.append(donnees[MIME])
    assert not erreurs, "\n".join(erreurs)
    assert statuts, "aucune vérification visible ne s'est affichée"
    autres = [s for s in statuts if s.get("statut") != "pas_encore_fait"]
    assert not autres, f"vérifications qui ne disent pas « pas encore fait » : {autres}"
