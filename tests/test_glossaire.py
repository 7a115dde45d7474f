"""The course glossary: generated from course/glossaire.toml, linked from every lesson."""

import json
from pathlib import Path

import pytest

from obm import glossaire
from obm.syllabus import charger

RACINE = Path(__file__).resolve().parents[1]
SYLLABUS = charger(RACINE / "course" / "syllabus.toml")


def test_glossaire_a_jour():
    """Is course/glossaire.ipynb exactly what `make accueil` generates from the TOML source?"""
    chemin = RACINE / glossaire.NOTEBOOK
    assert chemin.read_text(encoding="utf-8") == glossaire.texte_glossaire(RACINE), \
        "course/glossaire.ipynb n'est plus à jour : lance `make accueil`."


def test_chaque_entree_est_complete_et_unique():
    """Does every entry have a term, a definition and the module that teaches it?"""
    entrees = glossaire.charger(RACINE)
    assert len(entrees) >= 15
    modules = {m.numero for m in SYLLABUS.modules}
    for e in entrees:
        assert e["module"] in modules, e["terme"]
        assert len(e["definition"].split()) >= 8, e["terme"]
        for lie in e.get("voir", []):
            assert glossaire.ancre(lie) in {glossaire.ancre(x["terme"]) for x in entrees}, lie


def test_ancres():
    """Are anchors ASCII and stable (accents dropped, words joined by hyphens)?"""
    assert glossaire.ancre("Chemin critique") == "chemin-critique"
    assert glossaire.ancre("Taux d'attrition") == "taux-d-attrition"


@pytest.mark.parametrize("module", SYLLABUS.publies, ids=lambda m: m.id)
def test_chaque_lecon_renvoie_au_glossaire(module):
    """Does every published lesson link to the glossary at least once?"""
    for nom in module.lecons:
        texte = (RACINE / "course" / "modules" / module.id / nom).read_text(encoding="utf-8")
        cellules = json.loads(texte)["cells"]
        markdown = "".join("".join(c["source"]) for c in cellules if c["cell_type"] == "markdown")
        assert "glossaire.ipynb" in markdown, f"{module.id}/{nom} ne renvoie pas au glossaire"
