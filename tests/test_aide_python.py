"""A French line under a beginner's usual Python errors, shown below the cell that failed."""

import pytest
from IPython.core.interactiveshell import InteractiveShell

from obm import aide_python


@pytest.mark.parametrize("code, mots", [
    ("x = {'m01': OBM}", ["«\u202fOBM\u202f»", "guillemets"]),
    ("t = 'Valider l'offre'", ["guillemets doubles"]),
    ("l = [1 2]", ["virgule"]),
    ("l = [1, 2", ["parenthèse, un crochet"]),
    ("if x = 3:\n    pass", ["=="]),
    ("x = 1\n  y = 2", ["indentation"]),
])
def test_explications(code, mots):
    """Does each frequent mistake get its French explanation?"""
    try:
        exec(compile(code, "<cellule>", "exec"), {})
    except Exception as erreur:  # noqa: BLE001 - the learner's error itself
        texte = aide_python.expliquer(erreur)
    else:
        pytest.fail("le code devait échouer")
    assert texte and all(m in texte for m in mots), texte


def test_une_autre_erreur_reste_sans_aide():
    """Is an error the course does not foresee left alone (no invented explanation)?"""
    assert aide_python.expliquer(ZeroDivisionError("division by zero")) is None


def test_affichee_sous_la_cellule(capsys):
    """In a shell, is the explanation displayed after the failing cell, once per cell?"""
    shell = InteractiveShell.instance()
    aide_python.installer(shell)
    aide_python.installer(shell)  # installing twice must not double the help
    shell.run_cell("classement = {'m01': OBM}")
    sortie = capsys.readouterr().out
    assert sortie.count("En français") == 1 and "«\u202fOBM\u202f»" in sortie


def test_le_modele_de_reponse_n_affiche_pas_ellipsis(capsys):
    """Does an untouched answer cell (`x = ...`, `# TON CODE ICI`, `...`) show no « Ellipsis »?"""
    shell = InteractiveShell.instance()
    aide_python.installer(shell)
    shell.run_cell("x = ...\n# TON CODE ICI\n...")
    shell.run_cell("1 + 1")
    sortie = capsys.readouterr().out
    assert "Ellipsis" not in sortie and "2" in sortie
