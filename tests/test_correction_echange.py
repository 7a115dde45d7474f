"""A whole round through nbgrader's exchange, as on a JupyterHub: the trainer publishes, a learner
fetches and submits with nbgrader's own commands, the trainer imports, grades and returns the
feedback, and the learner fetches it — without the hidden tests."""

import contextlib
import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

import outils_correction as oc
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier
from obm.correction.retours import lignes_cachees

MODULE = "00_bienvenue"


def obm(racine: Path, *arguments: str) -> str:
    sortie = io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), \
            contextlib.redirect_stderr(io.StringIO()):
        assert main(list(arguments)) == 0, sortie.getvalue()
    return sortie.getvalue()


def nbgrader_apprenante(commande: str, dossier: Path, echange: Path, env: dict):
    """An nbgrader command as the learner runs it from her JupyterLab (Assignments tab)."""
    sortie = subprocess.run(
        [sys.executable, "-m", "nbgrader", commande, MODULE, "--course=academie-obm",
         f"--Exchange.root={echange}"], cwd=dossier, env=env, capture_output=True, text=True)
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    return sortie


def test_aller_retour_par_l_echange(tmp_path):
    """Publish → fetch → submit → import → grade → feedback → fetch feedback: does it all work,
    with the learner's feedback free of hidden tests?"""
    racine = tmp_path / "formatrice"
    racine.mkdir()
    shutil.copy(oc.RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    echange = tmp_path / "echange"
    echange.mkdir()
    apprenante = tmp_path / "apprenante"
    apprenante.mkdir()
    env = oc.environnement(tmp_path / "obm_home")

    obm(racine, "publier", MODULE, "--echange", str(echange))
    nbgrader_apprenante("fetch_assignment", apprenante, echange, env)
    chemin = apprenante / MODULE / "exercice.ipynb"
    notebook = nbformat.read(chemin, as_version=4)
    corrige = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    reponses = {c.metadata["nbgrader"]["grade_id"]: c.source for c in corrige.cells
                if c.metadata.get("nbgrader", {}).get("solution")}
    for cellule in notebook.cells:
        grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "reponse_q1":  # answers Q1 only
            cellule.source = reponses[grade_id]
    nbformat.write(notebook, chemin)
    nbgrader_apprenante("submit", apprenante, echange, env)

    sortie = obm(racine, "importer", str(echange), "--module", MODULE)
    utilisateur = next((racine / "submitted").iterdir()).name
    assert "échange de nbgrader" in sortie
    sortie = obm(racine, "corriger", MODULE, *oc.options_corriger())
    assert f"{utilisateur}" in sortie and "2 / 6 points" in sortie
    obm(racine, "retours", MODULE, "--echange", str(echange))
    nbgrader_apprenante("fetch_feedback", apprenante, echange, env)

    retours = list((apprenante / MODULE / "feedback").rglob("exercice.html"))
    assert len(retours) == 1
    texte = retours[0].read_text(encoding="utf-8")
    assert "Tests cachés : réussis (2 points sur 2)" in texte
    assert "Tests cachés : pas réussis (0 point sur 2)" in texte
    cachees = lignes_cachees([c.source for c in corrige.cells])
    lisible = html.unescape(re.sub(r"<[^>]+>", "", texte))  # the text a browser shows
    assert cachees and not [l for l in cachees if l in lisible]
