"""Validate never says « Success » on unfinished work (ticket 25): nbgrader's own Validate, with
the configuration the course and the learner bundle install, run on an exercise."""

import os
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.installation import configurer_validate

MODULE = "00_bienvenue"


@pytest.fixture
def validateur(tmp_path, monkeypatch):
    """The Validator as the Validate button builds it: config read like nbgrader's handler does,
    from the learner's working folder and Jupyter's config path (where the bundle writes it)."""
    from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler
    from nbgrader.validator import Validator

    prefixe = tmp_path / "prefixe"
    configurer_validate(prefixe)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(prefixe / "etc" / "jupyter"))
    monkeypatch.setenv("OBM_COURS", str(oc.RACINE))
    travail = tmp_path / "apprenante"
    travail.mkdir()
    monkeypatch.chdir(travail)  # no nbgrader_config.py here: the bundle's case

    def valider(notebook) -> dict:
        chemin = travail / "exercice.ipynb"
        nbformat.write(notebook, chemin)
        config = ValidateAssignmentHandler.load_config(None)
        return Validator(config=config).validate(str(chemin))

    return valider


def exercice():
    return nbformat.read(oc.EXERCICES / MODULE / "exercice.ipynb", as_version=4)


def test_exercice_intouche_liste_chaque_question(validateur):
    """On the untouched exercise, does Validate fail and name every question as « pas encore
    fait », in French, instead of « Success »?"""
    resultat = validateur(exercice())
    assert "failed" in resultat, resultat
    erreurs = "\n".join(c["raw_error"] for c in resultat["failed"]).replace("\u202f", " ")
    for question in ("q1_ca_estime", "q2_heures_equipe", "q3_charge_lea"):
        assert f"Question {question} : pas encore fait" in erreurs, erreurs
    assert "Success" not in str(resultat)


def test_une_question_a_revoir_fait_echouer(validateur):
    """With every answer right but one written as text (its check says « à revoir »), does
    Validate fail on that question alone?"""
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    copie = oc.remplir(exercice(), corrigee, reponse_q1='ventes_estimees = "96"\nca_estime = 47712')
    resultat = validateur(copie)
    erreurs = "\n".join(c["raw_error"] for c in resultat.get("failed", [])).replace("\u202f", " ")
    assert "Question q1_ca_estime : à revoir" in erreurs, resultat
    assert "q2_heures_equipe" not in erreurs and "q3_charge_lea" not in erreurs


def test_copie_terminee_validee(validateur):
    """With every answer in the right form, does Validate pass (no failed cell)?"""
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    assert "failed" not in validateur(oc.remplir(exercice(), corrigee))


def test_la_correction_n_est_pas_touchee():
    """Is the setting for Validate only, and does a check stay silent on stderr outside a
    Validate (nbgrader would give 0 to a graded cell that writes to stderr)?"""
    from traitlets.config import Config

    from obm.validation_copie import configurer_validation, signaler_au_validate

    c = Config()
    configurer_validation(c)
    assert c.Validator.validate_all is True
    assert set(c) == {"Validator"}
    # Outside a Validate (a learner's run, a grading run), a check writes nothing to stderr.
    import contextlib
    import io

    for execution in ("", "autograde"):
        erreurs = io.StringIO()
        with contextlib.redirect_stderr(erreurs):
            os.environ["NBGRADER_EXECUTION"] = execution
            try:
                signaler_au_validate({"question": "q1", "statut": "a_revoir"}, "message")
            finally:
                os.environ.pop("NBGRADER_EXECUTION")
        assert erreurs.getvalue() == ""
