"""Les questions d'un exercice telles que la formatrice et l'apprenante les lisent : par le titre
de leur énoncé (« Question 1 · Que peut rapporter le lancement ? »), jamais par un identifiant
interne de cellule (``reponse_q1``)."""

from __future__ import annotations

import re
from pathlib import Path

_EMPHASE = re.compile(r"[*_`]+")


def _source(cellule) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def titres_des_questions(notebook) -> dict[str, str]:
    """``grade_id`` -> le titre de l'énoncé qui précède la cellule (le dernier titre Markdown
    rencontré au-dessus d'elle), pour chaque cellule de l'exercice qui a un ``grade_id``."""
    titres, titre = {}, None
    for cellule in notebook.get("cells", []) if isinstance(notebook, dict) else notebook.cells:
        if cellule.get("cell_type") == "markdown":
            for ligne in _source(cellule).splitlines():
                if ligne.lstrip().startswith("#"):
                    titre = _EMPHASE.sub("", ligne.strip().lstrip("#")).strip() or titre
                    break
        grade_id = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id and titre:
            titres[grade_id] = titre
    return titres


def titres_du_module(racine_source: Path, module: str) -> dict[tuple[str, str], str]:
    """(notebook, grade_id) -> titre de l'énoncé, lus dans les notebooks sources du module."""
    import json

    titres = {}
    for chemin in sorted((Path(racine_source) / module).glob("*.ipynb")):
        try:
            notebook = json.loads(chemin.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for grade_id, titre in titres_des_questions(notebook).items():
            titres[(chemin.stem, grade_id)] = titre
    return titres
