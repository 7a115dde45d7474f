"""Enlève sorties et compteurs d'exécution des notebooks sources (make nettoyer).

Les notebooks sont commités propres : le test tests/test_notebooks_propres.py le vérifie.
"""

import sys
from pathlib import Path

import nbformat

RACINE = Path(__file__).resolve().parents[1]


def nettoyer(chemin: Path) -> bool:
    texte = chemin.read_text(encoding="utf-8")
    notebook = nbformat.reads(texte, as_version=4)
    for cellule in notebook.cells:
        if cellule.cell_type == "code":
            cellule.outputs = []
            cellule.execution_count = None
        cellule.metadata.pop("execution", None)
    nouveau = nbformat.writes(notebook) + "\n"
    if nouveau != texte:
        chemin.write_text(nouveau, encoding="utf-8")
        return True
    return False


def main() -> int:
    chemins = [p for d in ("course", "solutions") for p in (RACINE / d).rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts]
    for chemin in sorted(chemins):
        if nettoyer(chemin):
            print(f"nettoyé : {chemin.relative_to(RACINE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
