"""Extension du serveur Jupyter chargée avec le formgrader : pas de note sur une copie « non notée ».

Le formgrader de nbgrader pose une note par ``PUT /formgrader/api/grade/<id>``
(``nbgrader.server_extensions.formgrader.apihandlers.GradeHandler``). Cette extension enveloppe
ce gestionnaire : si la copie de la note est marquée « non notée » dans le carnet (voir
:mod:`obm.correction.statut`), la requête est refusée (HTTP 403) avec un message français qui
dit quoi faire ; sinon, le gestionnaire de nbgrader pose la note comme d'habitude.

Elle est activée pour la vue de la formatrice (``make lab-formatrice``) par
``python -m obm.installation``, qui écrit ``etc/jupyter/jupyter_server_config.d/obm-formatrice.json``.
"""

from __future__ import annotations

import functools
import json

NOM = "obm.correction.garde_formgrader"


def message_refus(apprenante: str, module: str, raison: str) -> str:
    """Le message que lit la formatrice quand le formgrader refuse une note."""
    return (f"La copie de {apprenante} pour {module} n'est pas notée ({raison}) : on ne peut pas "
            "y poser de points à la main. Demande-lui de la renvoyer, importe-la, puis relance "
            f"« obm corriger {module} --apprenante {apprenante} ».")


def envelopper(put):
    """Le ``put`` du gestionnaire de notes, précédé du refus des copies « non notées »."""
    from nbgrader.api import MissingEntry
    from tornado import web

    from obm.correction.statut import raison_non_notee

    if getattr(put, "_obm_garde", False):
        return put

    @functools.wraps(put)
    @web.authenticated
    def put_garde(self, grade_id, *args, **kwargs):
        try:
            note = self.gradebook.find_grade_by_id(grade_id)
        except MissingEntry:
            return put(self, grade_id, *args, **kwargs)  # nbgrader répond 404
        soumission = note.notebook.assignment
        raison = raison_non_notee(soumission)
        if raison is None:
            return put(self, grade_id, *args, **kwargs)
        self.set_status(403)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps({"message": message_refus(soumission.student.id,
                                                         soumission.assignment.name, raison)},
                               ensure_ascii=False))

    put_garde._obm_garde = True
    return put_garde


def installer() -> None:
    """Enveloppe le ``put`` de ``GradeHandler`` (sans effet s'il l'est déjà)."""
    from nbgrader.server_extensions.formgrader import apihandlers

    apihandlers.GradeHandler.put = envelopper(apihandlers.GradeHandler.put)


def _jupyter_server_extension_points():
    return [{"module": NOM}]


def _load_jupyter_server_extension(serveur):
    installer()
    serveur.log.info("obm : le formgrader refuse les notes sur une copie « non notée »")
