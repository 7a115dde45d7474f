"""Exercise 14: questions 2 and 3 are graded on the learner's own gains (error carried forward).

The review found that a mistake in question 1 cost three times (questions 1, 2 and 3, 5 points
out of 9). The hidden tests of questions 2 and 3 now judge the ranking and the payback list
against the copy's `gains`. These tests run the grade cells (visible check switched off, hidden
tests kept) on every recorded mistake of question 1 followed by the right reasoning in 2 and 3,
which must keep their points, and on the recorded mistakes of questions 2 and 3, which must not.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import nbformat
import pytest

RACINE = Path(__file__).resolve().parents[1]
SOLUTION = RACINE / "solutions" / "14_automatisation" / "exercice.ipynb"
MUTANTS = RACINE / "tests" / "mutants" / "14_automatisation.toml"


@pytest.fixture(scope="module")
def cellules():
    notebook = nbformat.read(SOLUTION, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in notebook.cells if c.cell_type == "code"}


@pytest.fixture(scope="module")
def preparation(cellules):
    espace: dict = {}
    exec(cellules["preparation"], espace)  # noqa: S102 - the course's own locked cell
    espace["verifier"] = lambda *_args, **_kwargs: None  # only the hidden tests grade here
    return espace


def _mutants(question):
    donnees = tomllib.loads(MUTANTS.read_text(encoding="utf-8"))
    return [m for m in donnees["mutant"] if m["question"] == question]


def _note(cellules, espace, reponses, question):
    """True when the grade cell `question` passes after the given answer cells."""
    ns = dict(espace)
    for grade_id, code in reponses.items():
        exec(code, ns)  # noqa: S102 - a recorded answer
    try:
        exec(cellules[question], ns)  # noqa: S102 - the grade cell, hidden tests included
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("mutant", _mutants("q1_gains"), ids=lambda m: m["nom"])
def test_une_erreur_de_q1_ne_coute_qu_une_fois(cellules, preparation, mutant):
    reponses = {"reponse_q1": mutant["cellules"]["reponse_q1"],
                "reponse_q2": cellules["reponse_q2"], "reponse_q3": cellules["reponse_q3"]}
    assert not _note(cellules, preparation, reponses, "q1_gains")
    assert _note(cellules, preparation, reponses, "q2_classement")
    assert _note(cellules, preparation, reponses, "q3_retour")


@pytest.mark.parametrize("mutant", _mutants("q2_classement") + _mutants("q3_retour"), ids=lambda m: m["nom"])
def test_les_erreurs_de_q2_et_q3_perdent_leurs_points(cellules, preparation, mutant):
    reponses = {"reponse_q1": cellules["reponse_q1"], "reponse_q2": cellules["reponse_q2"],
                "reponse_q3": cellules["reponse_q3"], **mutant["cellules"]}
    assert not _note(cellules, preparation, reponses, mutant["question"])


def test_des_gains_tous_egaux_ne_donnent_pas_le_classement(cellules, preparation):
    """Gains all equal would let any order pass: no carried-forward point for them."""
    reponses = {"reponse_q1": "gains = {tache: 1.0 for tache in candidates.index}",
                "reponse_q2": cellules["reponse_q2"]}
    assert not _note(cellules, preparation, reponses, "q2_classement")
