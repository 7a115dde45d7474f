"""Are all committed notebooks clean: no outputs, no execution counts, stable cell ids?"""

import json
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p for dossier in ("course", "solutions", "exercises") for p in (RACINE / dossier).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
) + [RACINE / "accueil.ipynb"]


def test_il_y_a_des_notebooks():
    """Does the scan find the course's notebooks (so that the checks below are not vacuous)?"""
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("chemin", NOTEBOOKS, ids=lambda p: p.relative_to(RACINE).as_posix())
def test_notebook_sans_sorties(chemin):
    """(g) Is this notebook committed without outputs or execution counts, with an id per cell?"""
    notebook = json.loads(chemin.read_text(encoding="utf-8"))
    conseil = "nettoie-le avec `make nettoyer` puis committe-le"
    ids = []
    for cellule in notebook["cells"]:
        assert cellule.get("id"), f"{chemin.name} : une cellule n'a pas d'identifiant ; {conseil}"
        ids.append(cellule["id"])
        if cellule["cell_type"] == "code":
            assert not cellule.get("outputs"), f"{chemin.name} a des sorties ; {conseil}"
            assert cellule.get("execution_count") is None, f"{chemin.name} : compteurs ; {conseil}"
    assert len(ids) == len(set(ids)), f"{chemin.name} : identifiants de cellules en double"
    assert notebook.get("nbformat") == 4 and notebook.get("nbformat_minor", 0) >= 5
