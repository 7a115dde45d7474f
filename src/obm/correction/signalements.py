"""Ce que la formatrice lit dans « Copies à vérifier : » : les messages de nbgrader redits en
français, les raisons d'un échec, les limites atteintes, les cellules verrouillées réécrites.

Les contrôles des cellules verrouillées sont ceux de nbgrader (``OverwriteCells`` rétablit la
cellule depuis le carnet) ; ici, on dit seulement lesquelles l'apprenante avait changées.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def source_distribuee(source: str) -> str:
    """Ce que l'apprenante reçoit d'une cellule verrouillée : la source sans les tests cachés."""
    lignes, cache = [], False
    for ligne in source.split("\n"):
        if "BEGIN HIDDEN TESTS" in ligne:
            cache = True
        elif "END HIDDEN TESTS" in ligne:
            cache = False
        elif not cache:
            lignes.append(ligne)
    return "\n".join(lignes)


def _texte(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def cellules_modifiees(notebook: dict, sources: dict) -> list[str]:
    """Les cellules verrouillées dont l'apprenante a changé le texte (nbgrader les rétablit).

    ``notebook`` est le JSON du notebook rendu ; verrouillée au sens de nbgrader : une cellule de
    note qui n'est pas une réponse, ou une cellule marquée ``locked``.
    """
    modifiees = []
    for cellule in notebook.get("cells", []):
        meta = cellule.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        verrouillee = not meta.get("solution") and (meta.get("grade") or meta.get("locked"))
        if grade_id in sources and verrouillee:
            attendu = source_distribuee(sources[grade_id])
            if _texte(cellule.get("source", "")).strip() != attendu.strip():
                modifiees.append(grade_id)
    return modifiees


_ALERTES = [
    (re.compile(r"Missing grade cell (\S+) encountered"),
     "cellule de note {0} supprimée dans la copie : remise en place avant la correction"),
    (re.compile(r"Cell with id '(.+)' exists multiple times"),
     "cellule {0} en double dans la copie (copiée-collée ?) : une seule a été gardée"),
    (re.compile(r"Cell '(.+)' does not exist in the database"),
     "cellule {0} inconnue du module dans la copie : ignorée"),
    (re.compile(r"Attribute '(?:cell_type|locked|points)' for cell (\S+) has changed"),
     "réglages de la cellule {0} modifiés dans la copie : rétablis avant la correction"),
    (re.compile(r"No submitted file: .*?([^/\\]+\.ipynb)$"),
     "{0} manque dans la copie : 0 point pour ce notebook"),
    (re.compile(r"Skipping unknown notebook: .*?([^/\\]+\.ipynb)$"),
     "notebook {0} inconnu du module : pas corrigé (garde le nom du notebook distribué)"),
]

# Start-up failures that a second try usually fixes (a busy machine).
PASSAGERS = ("l'interpréteur de correction n'a pas démarré", "l'interpréteur de correction ne répond plus")

_ECHECS = [
    (PASSAGERS,
     "l'interpréteur de correction n'a pas démarré, deux fois (machine trop chargée ?) : relance "
     "la correction de cette copie avec --apprenante"),
    (("Pas de bac à sable, pas de correction",),
     "pas de bac à sable, pas de correction : bubblewrap ne fonctionne pas ici (voir le README)"),
    (("moteur de correction indisponible",),
     "le moteur de correction n'a pas pu isoler cette copie : copie non notée ; voir le journal"),
    (("DeadKernelError", "Kernel died"),
     "le noyau Python s'est arrêté pendant l'exécution (plantage ou mémoire épuisée) : copie non notée"),
    (("UnresponsiveKernelError", "kernel became unresponsive"),
     "le noyau Python ne répondait plus, même après interruption (boucle infinie ?) : copie non notée"),
    (("No notebooks found", "No notebooks were matched"),
     "aucun notebook du module dans la copie (garde le nom du notebook distribué) : copie non notée"),
    (("SchemaTooOld", "SchemaTooNew", "metadata format"),
     "les métadonnées nbgrader de la copie viennent d'une autre version : copie non notée"),
    (("NotJSONError", "ValidationError", "does not appear to be JSON"),
     "fichier illisible : ce n'est pas un notebook valide ; demande-lui de le renvoyer"),
]


def alertes(messages: list[str]) -> list[str]:
    alertes = []
    for message in messages:
        for motif, texte in _ALERTES:
            trouve = motif.search(message.strip())
            if trouve:
                alerte = texte.format(*trouve.groups())
                if alerte not in alertes:
                    alertes.append(alerte)
    return alertes


def raison_echec(messages: list[str], journal: str) -> str:
    tout = "\n".join(messages)
    for indices, texte in _ECHECS:
        if any(indice in tout for indice in indices):
            return texte
    # Otherwise the last exception line of nbgrader's traceback says what went wrong.
    exceptions = [l.strip() for l in tout.splitlines()
                  if re.match(r"^[A-Za-z_][\w.]*(Error|Exception)\b", l.strip())]
    cause = exceptions[-1][:160] if exceptions else "erreur sans message"
    return f"le correcteur nbgrader a échoué ({cause}) : voir le journal {journal}"


# Limits a submission can hit inside a cell, read from the graded notebooks' error outputs.
_LIMITES_CELLULES = [
    (lambda s: s.get("ename") == "CellTimeoutError", "arrêtée(s) à la limite de {temps} s (boucle infinie ?)"),
    (lambda s: s.get("ename") == "MemoryError", "arrêtée(s) : mémoire épuisée (limite de {memoire} Mio)"),
    (lambda s: "File too large" in str(s.get("evalue", "")),
     "arrêtée(s) : fichier trop gros (limite de {fichier} Mio par fichier)"),
    (lambda s: s.get("ename") == "BlockingIOError" or "Resource temporarily unavailable" in str(s.get("evalue", "")),
     "arrêtée(s) : trop de processus lancés (limite de {processus})"),
]


def depassements(dossier: Path, limites: dict) -> list[str]:
    """Les cellules arrêtées par une limite (temps, mémoire, fichiers, processus), lues dans les
    notebooks corrigés ; une phrase par limite atteinte."""
    touchees: dict[str, list[str]] = {}
    for chemin in sorted(dossier.glob("*.ipynb")):
        try:
            notebook = json.loads(chemin.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        for numero, cellule in enumerate(notebook.get("cells", []), start=1):
            for sortie in cellule.get("outputs", []):
                if sortie.get("output_type") != "error":
                    continue
                for test, texte in _LIMITES_CELLULES:
                    if test(sortie):
                        nom = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"n° {numero}"
                        if nom not in touchees.setdefault(texte, []):
                            touchees[texte].append(nom)
                        break
    return [f"{'cellules' if len(noms) > 1 else 'cellule'} {', '.join(noms)} "
            f"{texte.format(**limites)} : zéro sur ces cellules" for texte, noms in touchees.items()]
