"""No sandbox, no grading: where the sandbox cannot work (no bubblewrap, or a kernel that refuses
its namespaces), `obm corriger` and plain `nbgrader autograde` refuse with a French message that
says how to grade safely; `obm corriger --sans-bac-a-sable` grades trusted copies anyway, saying
so loudly. Only honest copies run here.
"""

import contextlib
import io
import os
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction import bac_a_sable
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier

MODULE = "00_bienvenue"


def obm(racine: Path, *arguments: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(arguments))
    return code, sortie.getvalue(), erreurs.getvalue()


@pytest.fixture
def cours(tmp_path):
    racine = tmp_path / "cours"
    racine.mkdir()
    (racine / "nbgrader_config.py").write_text((oc.RACINE / "nbgrader_config.py").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    sortie = oc.nbgrader(["generate_assignment", MODULE, "--force"], racine, oc.environnement(tmp_path))
    assert sortie.returncode == 0, sortie.stderr
    distribuee = nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", as_version=4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    cible = racine / "submitted" / "honnete" / MODULE
    cible.mkdir(parents=True)
    nbformat.write(oc.remplir(distribuee, corrigee), cible / "exercice.ipynb")
    return racine


def notes(racine: Path) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}") as carnet:
        return {(s.student.id, g.name): g.auto_score for s in carnet.assignment_submissions(MODULE)
                for nb in s.notebooks for g in nb.grades}


def test_obm_corriger_refuse_sans_bac_a_sable(cours, monkeypatch):
    """Without a working sandbox, does `obm corriger` refuse in French, say how to grade safely,
    and grade nothing?"""
    monkeypatch.setattr(bac_a_sable, "raison_indisponible", lambda: "bubblewrap est absent (essai)")
    code, sortie, erreurs = obm(cours, "corriger", MODULE)
    assert code == 1
    erreurs = erreurs.replace("\u202f", " ")
    for mot in ("Pas de bac à sable, pas de correction", "bubblewrap est absent (essai)",
                "machine virtuelle Linux", "AppArmor", "deploiement/LISEZMOI.md", "--sans-bac-a-sable"):
        assert mot in erreurs, (mot, erreurs)
    assert "Traceback" not in erreurs + sortie
    assert not (cours / "autograded").exists()


def test_sans_bac_a_sable_explicite_corrige_et_le_dit(cours, monkeypatch):
    """With an explicit --sans-bac-a-sable, are trusted copies graded, the warning heading the summary?"""
    monkeypatch.setattr(bac_a_sable, "raison_indisponible", lambda: "bubblewrap est absent (essai)")
    code, sortie, erreurs = obm(cours, "corriger", MODULE, "--sans-bac-a-sable", "--jobs", "1")
    assert code == 0, erreurs
    # Compared without the thin spaces of French typography.
    assert sortie.replace("\u202f", " ").startswith("ATTENTION : correction SANS bac à sable"), sortie[:300]
    assert "SANS bac à sable" in erreurs
    assert sum(v for (a, _), v in notes(cours).items() if a == "honnete") == 6


def test_nbgrader_autograde_refuse_aussi(cours, tmp_path):
    """Plain `nbgrader autograde` (and so the formgrader's button) on a machine without bubblewrap
    refuses too, with the same French reason, and saves no grade."""
    env = oc.environnement(tmp_path)
    env.pop("OBM_BAC_A_SABLE", None)
    env["PATH"] = str(Path(os.sys.executable).parent)  # no bwrap on this PATH
    sortie = oc.nbgrader(["autograde", MODULE, "--create", "--force"], cours, env)
    journal = sortie.stdout + sortie.stderr
    assert "Pas de bac à sable, pas de correction" in journal, journal[-2000:]
    assert all(v in (None, 0) for v in notes(cours).values())
