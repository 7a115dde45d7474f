"""« Non notée » : une copie que la correction n'a pas pu noter ne compte jamais comme notée.

Quand ``obm corriger`` ne peut pas noter une copie (fichier illisible, noyau qui ne démarre pas,
aucun notebook du module…), le carnet de notes de nbgrader le garde, pour le formgrader et pour
les étapes suivantes :

- chaque notebook de la copie est **signalé** (``flagged``, le drapeau du formgrader) ;
- ses notes sont vides (ni automatique ni manuelle : jamais 0) ;
- le commentaire automatique de chaque réponse dit « [obm] Copie non notée : <raison> ».

``obm notes`` écrit alors des points vides et le statut « non notée » (jamais 0 envoyé au LMS),
``obm rapport`` la sort des moyennes et la liste avec sa raison, ``obm retours`` n'écrit pas de
page pour elle, et :func:`noter_a_la_main` refuse d'y poser des points tant qu'une correction ne
l'a pas notée. Une correction qui la note ensuite lève tout cela.
"""

from __future__ import annotations

from pathlib import Path

from obm.erreurs import DonneesInvalides

PREFIXE = "[obm] Copie non notée : "


def raison_non_notee(soumission) -> str | None:
    """La raison pour laquelle cette soumission (du carnet) n'est pas notée, ou None."""
    for notebook in soumission.notebooks:
        for commentaire in notebook.comments:
            texte = commentaire.auto_comment or ""
            if texte.startswith(PREFIXE):
                return texte[len(PREFIXE):]
        if notebook.flagged and not notebook.comments and not any(
                n.auto_score is not None or n.manual_score is not None for n in notebook.grades):
            return "non notée par la correction"
    return None


def marquer_non_notee(carnet, module: str, apprenante: str, raison: str) -> None:
    """Marque la copie « non notée » dans le carnet (drapeau, notes vides, raison en commentaire)."""
    from nbgrader.api import MissingEntry

    try:
        soumission = carnet.find_submission(module, apprenante)
    except MissingEntry:
        return
    for notebook in soumission.notebooks:
        notebook.flagged = True
        for note in notebook.grades:
            note.auto_score = None
            note.manual_score = None
            note.extra_credit = None
            note.needs_manual_grade = False
        for commentaire in notebook.comments:
            commentaire.auto_comment = PREFIXE + (raison or "raison inconnue")
    carnet.db.commit()


def lever_non_notee(carnet, module: str, apprenante: str) -> None:
    """Retire la marque « non notée » (la copie vient d'être notée)."""
    from nbgrader.api import MissingEntry

    try:
        soumission = carnet.find_submission(module, apprenante)
    except MissingEntry:
        return
    for notebook in soumission.notebooks:
        marquee = False
        for commentaire in notebook.comments:
            if (commentaire.auto_comment or "").startswith(PREFIXE):
                commentaire.auto_comment = None
                marquee = True
        if marquee:
            notebook.flagged = False


def non_notees(cours, module: str) -> dict[str, str]:
    """Apprenante -> raison, pour chaque copie du module marquée « non notée » dans le carnet."""
    from nbgrader.api import MissingEntry

    with cours.carnet() as carnet:
        try:
            soumissions = carnet.find_assignment(module).submissions
        except MissingEntry:
            return {}
        return {s.student.id: raison for s in soumissions
                if (raison := raison_non_notee(s)) is not None}


def noter_a_la_main(cours, module: str, apprenante: str, notebook: str, cellule: str,
                    points: float, commentaire: str | None = None) -> None:
    """Pose une note manuelle (comme le formgrader) ; refusée tant que la copie est « non notée »."""
    with cours.carnet() as carnet:
        soumission = carnet.find_submission(module, apprenante)
        raison = raison_non_notee(soumission)
        if raison is not None:
            raise DonneesInvalides(
                f"La copie de {apprenante} pour {module} n'est pas notée ({raison}) : on ne peut "
                "pas y poser de points à la main. Demande-lui de la renvoyer, importe-la, puis "
                f"relance « obm corriger {module} --apprenante {apprenante} »."
            )
        note = carnet.find_grade(cellule, notebook, module, apprenante)
        if points < 0 or points > (note.max_score or 0):
            raise DonneesInvalides(f"{points} points pour {cellule} : donne un nombre entre 0 et "
                                   f"{note.max_score}.")
        note.manual_score = points
        note.needs_manual_grade = False
        if commentaire is not None:
            carnet.find_comment(cellule, notebook, module, apprenante).manual_comment = commentaire
        carnet.db.commit()


def consigner_bilan(journal: Path, bilan) -> None:
    """Écrit à la fin du journal de la correction la note de chaque copie et le bloc
    « Copies à vérifier : » (avec les raisons des copies non notées)."""
    with Path(journal).open("a", encoding="utf-8") as fichier:
        fichier.write("\n=== Bilan de la correction ===\n" + bilan.texte() + "\n")
