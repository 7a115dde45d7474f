"""Nommer, dans le retour de correction, l'erreur typique derrière chaque question ratée.

Pour chaque question qui a perdu des points, le retour dit :

- le message de l'erreur typique reconnue, quand la réponse de l'apprenante est celle d'un
  mutant enregistré (même empreinte) : c'est l'idée fausse, nommée, et ce qu'il faut relire ;
- sinon, l'idée à relire de la question (``a_relire`` de ``tests/mutants/<module>.toml``).

Les empreintes viennent des vérifications visibles enregistrées dans la copie corrigée (statut
``application/vnd.obm.check+json``) ; le catalogue complet (questions à peu de choix comprises,
qui n'ont pas de catalogue dans le notebook de l'apprenante) est reconstruit ici, côté
formatrice, en exécutant les mutants du cours.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MIME_STATUT = "application/vnd.obm.check+json"


@lru_cache(maxsize=32)
def _catalogue(module: str, racine: str) -> dict:
    from obm import catalogue

    try:
        return catalogue.catalogue_complet(module, Path(racine))
    except Exception:  # no mutants for this module, or a broken source: no message, no crash
        return {"questions": {}, "cellules": {}, "a_relire": {}}


def _source(cellule: dict) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def messages_par_question(notebook: dict, module: str, perdues: set[str],
                          racine: Path) -> dict[str, list[str]]:
    """grade_id -> les messages à montrer, pour chaque question (cellule de note) de ``perdues``.

    ``notebook`` : la copie corrigée (JSON) ; ``perdues`` : les ``grade_id`` qui n'ont pas eu
    tous leurs points.
    """
    catalogue = _catalogue(module, str(Path(racine).resolve()))
    resultat: dict[str, list[str]] = {}
    for cellule in notebook.get("cells", []):
        meta = cellule.get("metadata", {}).get("nbgrader", {}) or {}
        grade_id = meta.get("grade_id")
        if grade_id not in perdues:
            continue
        messages: list[str] = []
        for sortie in cellule.get("outputs", []) or []:
            donnees = (sortie.get("data") or {}).get(MIME_STATUT)
            if isinstance(donnees, str):
                try:
                    donnees = json.loads(donnees)
                except ValueError:
                    continue
            if not isinstance(donnees, dict):
                continue
            connus = catalogue["questions"].get(str(donnees.get("question")), {})
            message = connus.get(str(donnees.get("empreinte")))
            if message and message not in messages:
                messages.append(message)
        if not messages and catalogue["a_relire"].get(grade_id):
            messages.append(catalogue["a_relire"][grade_id])
        if messages:
            resultat[grade_id] = messages
    return resultat
