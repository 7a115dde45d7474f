"""La fusion dans le carnet principal : le processus principal d'``obm corriger``, seul à y
écrire, y recopie ce que chaque processus de travail a noté dans son carnet privé."""

from __future__ import annotations

from obm.correction.bilan import Copie
from obm.correction.statut import lever_non_notee, marquer_non_notee


def fusionner(carnet, module: str, resultat: dict) -> None:
    """Recopie dans le carnet principal ce qu'Autograde a écrit dans le carnet privé.

    Mêmes règles que nbgrader : l'apprenante est créée si besoin, l'horodatage de la copie est
    repris, la note manuelle déjà posée n'est jamais écrasée (la cellule repasse alors « à
    revoir », comme avec ``SaveAutoGrades``).
    """
    import warnings

    from sqlalchemy.exc import SAWarning

    apprenante = resultat["apprenante"]
    with warnings.catch_warnings():
        # nbgrader's add_submission triggers a harmless SQLAlchemy autoflush warning.
        warnings.simplefilter("ignore", SAWarning)
        carnet.update_or_create_student(apprenante)
        if resultat["horodatage"] is not None:
            carnet.update_or_create_submission(module, apprenante, timestamp=resultat["horodatage"])
        else:
            carnet.update_or_create_submission(module, apprenante)
    if not resultat["notee"]:
        marquer_non_notee(carnet, module, apprenante, resultat["raison"])  # never counted as graded
        return
    lever_non_notee(carnet, module, apprenante)
    soumis = set(resultat["soumis"])
    for notebook, cellule, auto, a_revoir in resultat["notes"]:
        note = carnet.find_grade(cellule, notebook, module, apprenante)
        note.auto_score = auto
        # SaveAutoGrades: an existing manual score puts the cell back to review; a notebook
        # missing from the submission is set to zero without review.
        note.needs_manual_grade = bool(a_revoir or (notebook in soumis and note.manual_score is not None))
    for notebook, cellule, auto in resultat["commentaires"]:
        if notebook in soumis:
            carnet.find_comment(cellule, notebook, module, apprenante).auto_comment = auto
    for notebook, penalite in resultat["penalites"].items():
        if notebook in soumis:
            carnet.find_submission_notebook(notebook, module, apprenante).late_submission_penalty = penalite
    carnet.db.commit()


def completer(carnet, module: str, copie: Copie) -> None:
    from nbgrader.api import MissingEntry

    try:
        soumission = carnet.find_submission(module, copie.apprenante)
    except MissingEntry:
        return
    copie.maximum = soumission.max_score
    if copie.notee:
        copie.points = soumission.score
        copie.a_noter_a_la_main = sum(n.needs_manual_grade for nb in soumission.notebooks
                                      for n in nb.grades)
