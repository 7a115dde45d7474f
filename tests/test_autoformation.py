"""Feedback that names the misconception (issue 15), in the notebook as the learner works.

- A known mistake (the value a recorded mutant produces) gets « à revoir » with its message,
  in every mode.
- In self-study (OBM_MODE=autonomie, never during grading), the check compares with the key
  computed from the solution notebook: « juste », or « à revoir » with the idea to reread.
- In a graded cohort's bundle no key travels: the check says « forme correcte ».
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import outils_correction as oc
from obm import empreintes

MIME = oc.MIME_STATUT


def executer(tmp_path, remplacements: dict[str, str], mode: str, monkeypatch) -> dict[str, dict]:
    """Runs exercise 00 as released, answers filled in, in a copy; returns question -> status."""
    dossier = tmp_path / "exercises" / "00_bienvenue"
    shutil.copytree(oc.EXERCICES / "00_bienvenue", dossier)
    notebook = nbformat.read(dossier / "exercice.ipynb", as_version=4)
    corrige = nbformat.read(oc.SOLUTIONS / "00_bienvenue" / "exercice.ipynb", as_version=4)
    notebook = oc.remplir(notebook, corrige, **remplacements)
    monkeypatch.setenv("OBM_MODE", mode)
    monkeypatch.setenv("OBM_COURS", str(oc.RACINE))
    monkeypatch.setenv("OBM_HOME", str(tmp_path / "home"))
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(dossier)}}).execute()
    statuts = {}
    for cellule in notebook.cells:
        for sortie in cellule.get("outputs", []):
            if MIME in sortie.get("data", {}):
                donnees = sortie["data"][MIME]
                texte = sortie["data"].get("text/plain", "")
                statuts[donnees["question"]] = dict(donnees, texte=texte)
    return statuts


MUTANT_TAUX = "ventes_estimees = 4800 * 2\nca_estime = ventes_estimees * 497"
INCONNUE = "ventes_estimees = 4800 * 0.03\nca_estime = ventes_estimees * 497"


def test_autoformation_juge_la_reponse(tmp_path, monkeypatch):
    """In self-study: right answers « juste », a recorded mistake named, an unknown one « à revoir »."""
    statuts = executer(tmp_path, {}, "autonomie", monkeypatch)
    assert {s["statut"] for s in statuts.values()} == {"juste"}, statuts
    statuts = executer(tmp_path / "b", {"reponse_q1": MUTANT_TAUX}, "autonomie", monkeypatch)
    assert statuts["q1_ca_estime"]["statut"] == "a_revoir"
    assert "en pourcentage" in statuts["q1_ca_estime"]["texte"]
    assert statuts["q2_heures_equipe"]["statut"] == "juste"
    statuts = executer(tmp_path / "c", {"reponse_q1": INCONNUE}, "autonomie", monkeypatch)
    assert statuts["q1_ca_estime"]["statut"] == "a_revoir"
    assert "pas celle du corrigé" in statuts["q1_ca_estime"]["texte"]
    assert "leçon 00" in statuts["q1_ca_estime"]["texte"]  # the idea to reread, from a_relire


def test_cohorte_ne_juge_que_la_forme_mais_nomme_l_erreur_connue(tmp_path, monkeypatch):
    """In a cohort: « forme correcte » for any well-formed answer, the recorded mistake still named."""
    statuts = executer(tmp_path, {"reponse_q1": MUTANT_TAUX}, "cohorte", monkeypatch)
    assert statuts["q1_ca_estime"]["statut"] == "a_revoir"
    assert statuts["q1_ca_estime"].get("erreur_typique") is True
    assert statuts["q2_heures_equipe"]["statut"] == "forme_correcte"
    statuts = executer(tmp_path / "b", {"reponse_q1": INCONNUE}, "cohorte", monkeypatch)
    assert statuts["q1_ca_estime"]["statut"] == "forme_correcte"
    assert "justesse sera vue à la correction" in statuts["q1_ca_estime"]["texte"]


def test_jamais_pendant_une_correction(monkeypatch):
    """Is self-study never active while nbgrader grades, whatever OBM_MODE says?"""
    monkeypatch.setenv("OBM_MODE", "autonomie")
    assert empreintes.mode_autonomie()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert not empreintes.mode_autonomie()


def test_autonomie_explicite_jamais_devinee(tmp_path, monkeypatch):
    """Is self-study off without the marker or OBM_MODE, even with solutions/ next door?"""
    cours = tmp_path / "cours"
    (cours / "course").mkdir(parents=True)
    shutil.copy(oc.RACINE / "course" / "syllabus.toml", cours / "course" / "syllabus.toml")
    (cours / "solutions").mkdir()
    monkeypatch.delenv("OBM_MODE", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("OBM_COURS", str(cours))
    assert not empreintes.mode_autonomie()
    (cours / empreintes.MARQUEUR_AUTONOMIE).touch()
    assert empreintes.mode_autonomie()


def test_le_catalogue_ne_nomme_aucune_bonne_reponse():
    """Does no catalogue entry carry the fingerprint of a right answer (solution or variant)?"""
    from obm import catalogue

    for exercice in oc.exercices_sources():
        corrige = json.loads((oc.SOLUTIONS / exercice / "erreurs_typiques.json").read_text("utf-8"))
        erreurs = catalogue.charger(oc.MUTANTS / f"{exercice}.toml")
        justes = {}
        for chemin in sorted((oc.SOLUTIONS / exercice).glob("*.ipynb")):
            variantes = {"solution": {}} | {v.nom: v.cellules for v in erreurs.variantes
                                            if v.notebook == chemin.name}
            for lignes in catalogue.executer(chemin, variantes, oc.RACINE).values():
                for r in lignes:
                    justes.setdefault(r["question"], set()).add(r["empreinte"])
        for question, messages in corrige["questions"].items():
            assert not set(messages) & justes.get(question, set()), (exercice, question)
            assert all(isinstance(m, str) for m in messages.values())
