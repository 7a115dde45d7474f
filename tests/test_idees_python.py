"""Is every Python idea taught before it is used?

Each module of the syllabus declares the Python ideas its lesson introduces
(`python_introduit`). The code of every lesson and of every solution answer cell is read (its
syntax tree, obm.idees_python) and may only use ideas introduced by this module or an earlier
one: what a lesson only shows (display code) belongs in an `obm` function, not in the cell.
"""

import json
from pathlib import Path

import pytest

from obm.idees_python import IDEES, idees_du_code
from obm.syllabus import charger

RACINE = Path(__file__).resolve().parents[1]
SYLLABUS = charger(RACINE / "course" / "syllabus.toml")


def _source(cellule) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _region_solution(source: str) -> str:
    lignes, dedans = [], False
    for ligne in source.split("\n"):
        marque = ligne.strip()
        if marque == "### BEGIN SOLUTION":
            dedans = True
        elif marque == "### END SOLUTION":
            dedans = False
        elif dedans:
            lignes.append(ligne)
    return "\n".join(lignes)


def _code_du_module(module):
    """(endroit, code) for each lesson code cell and each solution answer region."""
    for nom in module.lecons:
        chemin = RACINE / "course" / "modules" / module.id / nom
        if chemin.is_file():
            for i, c in enumerate(json.loads(chemin.read_text(encoding="utf-8"))["cells"]):
                if c["cell_type"] == "code":
                    yield f"{chemin.relative_to(RACINE)} [{i}]", _source(c)
    for nom in module.exercices:
        chemin = RACINE / "solutions" / module.id / nom
        if chemin.is_file():
            for i, c in enumerate(json.loads(chemin.read_text(encoding="utf-8"))["cells"]):
                if c["cell_type"] == "code" and c["metadata"].get("nbgrader", {}).get("solution"):
                    yield f"{chemin.relative_to(RACINE)} [{i}]", _region_solution(_source(c))


def test_le_detecteur_reconnait_les_idees():
    """Does the detector find comprehensions, conditions, filters and format specs?"""
    assert "comprehension" in idees_du_code("[p for p in equipe if p != 'Léa']")
    assert {"si", "boucle"} <= idees_du_code("for x in l:\n    if x:\n        print(x)")
    assert "filtre" in idees_du_code('t[t["responsable"] == "Léa"]')
    assert "format_nombre" in idees_du_code('f"{x:,.0f}"')
    assert "groupby" in idees_du_code('t.groupby("source")["ventes"].sum()')
    assert idees_du_code("x = 4800 * 0.02") == {"variable", "calcul"}


def test_chaque_idee_declaree_existe():
    """Does the syllabus declare only ideas the detector knows (obm/idees_python.py)?"""
    for module in SYLLABUS.modules:
        assert set(module.python_introduit) <= set(IDEES), module.id


@pytest.mark.parametrize("module", [m for m in SYLLABUS.modules if m.publie], ids=lambda m: m.id)
def test_idee_employee_apres_son_introduction(module):
    """Does every lesson and solution use only ideas introduced by its module or an earlier one?"""
    connues = set()
    for m in SYLLABUS.modules:
        connues |= set(m.python_introduit)
        if m.id == module.id:
            break
    fautes = []
    for endroit, code in _code_du_module(module):
        for idee in sorted(idees_du_code(code) - connues):
            fautes.append(f"{endroit} : « {IDEES[idee]} » ({idee}) n'est pas encore enseignée")
    assert not fautes, ("idées Python employées avant d'être enseignées (introduis-les dans "
                        "python_introduit de ce module et explique-les dans sa leçon, ou cache "
                        "le code d'affichage dans une fonction obm) :\n" + "\n".join(fautes))


def test_fiche_python_a_jour_et_complete():
    """Is course/fiche_python.ipynb exactly what `make accueil` generates, does every Python idea
    of the course have its line (what it is, how it is written), and does the fiche list each
    idea a module introduces, once, under that module, with a link to a lesson that exists?"""
    from obm import fiche_python

    assert set(fiche_python.FICHE) == set(IDEES), \
        "chaque idée d'obm.idees_python doit avoir sa ligne dans obm.fiche_python.FICHE"
    chemin = RACINE / fiche_python.NOTEBOOK
    assert chemin.read_text(encoding="utf-8") == fiche_python.texte_fiche(RACINE), \
        "course/fiche_python.ipynb n'est plus à jour : lance `make accueil`."
    cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
    texte = "\n".join(_source(c) for c in cellules)
    introduites = [(i, m.id) for m in SYLLABUS.modules for i in m.python_introduit]
    assert len(introduites) == len({i for i, _ in introduites}), "une idée introduite deux fois"
    for idee, module in introduites:
        cellule = next(_source(c) for c in cellules if c.get("id") == f"fiche-{module}")
        assert f"`{fiche_python.FICHE[idee][1]}`" in cellule, (idee, module)
    for lien in ("modules/" + m.id + "/" + m.lecons[0] for m in SYLLABUS.modules
                 if m.python_introduit):
        assert lien in texte and (RACINE / "course" / lien).is_file(), lien
