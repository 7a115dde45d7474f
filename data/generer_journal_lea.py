"""Génère le journal du temps des tâches récurrentes de Léa (module 14).

Usage (depuis la racine du cours) :

    .venv/bin/python data/generer_journal_lea.py              # réécrit journal_taches_lea.csv
    .venv/bin/python data/generer_journal_lea.py --verifier   # échoue si le fichier diffère du générateur

One file, described in data/README.md: ``journal_taches_lea.csv``, the time log Léa kept for four
weeks (Monday 1 to Friday 26 March 2027, twenty working days, no public holiday), one row per
occurrence of a recurring task: ``date`` (ISO), ``tache``, ``minutes`` (whole minutes). Only her
recurring tasks are logged, not the whole of her 15 hours a week (data/clara.toml): the rest is
the launch. Which task happens on which days is written below; the minutes come from a seeded
generator (``random.Random(GRAINE)``), so that `make data` writes the same bytes every time. Only
the standard library is used.
"""

import csv
import io
import random
import sys
from datetime import date, timedelta
from pathlib import Path

DOSSIER = Path(__file__).resolve().parent
sys.path.insert(0, str(DOSSIER))
import outils_generation  # noqa: E402  (next to this file, in data/)
FICHIER = "journal_taches_lea.csv"
MESSAGE_ECART = (
    "Le journal des tâches de Léa ne correspond plus au générateur : lance `make data` puis relis le diff"
)
GRAINE = 20270301  # the first day of the log
PREMIER_JOUR = date(2027, 3, 1)  # a Monday
SEMAINES = 4
HEURES_PAR_SEMAINE_LEA = 15  # data/clara.toml (tests/test_automatisation.py checks it)

# (task, weekdays it happens on, 0 = Monday; or "semaine:N" for N times a week on drawn days;
#  or a fixed date; minutes: the smallest and the largest duration drawn)
TACHES = (
    ("Accueillir une nouvelle membre du Cercle", "semaine:3", (9, 15)),
    ("Saisir les ventes dans le suivi", (0, 1, 2, 3, 4), (6, 12)),
    ("Envoyer le lien de séance aux clientes", "semaine:5", (3, 5)),
    ("Relancer les factures impayées", (0,), (12, 18)),
    ("Classer les factures dans le Drive", (4,), (30, 40)),
    ("Préparer le rapport hebdomadaire", (4,), (35, 45)),
    ("Répondre aux questions du Cercle", (0, 1, 2, 3, 4), (15, 25)),
    ("Publier le replay du live mensuel", date(2027, 3, 18), (45, 55)),
)


def _jours_ouvres():
    return [PREMIER_JOUR + timedelta(days=7 * s + j) for s in range(SEMAINES) for j in range(5)]


def lignes():
    """The rows of the log, sorted by date, then in the order of TACHES."""
    hasard = random.Random(GRAINE)
    jours = _jours_ouvres()
    rangs = {nom: rang for rang, (nom, _, _) in enumerate(TACHES)}
    resultat = []
    for nom, quand, (bas, haut) in TACHES:
        if isinstance(quand, date):
            dates = [quand]
        elif isinstance(quand, str):
            fois = int(quand.split(":")[1])
            dates = []
            for s in range(SEMAINES):
                semaine = jours[5 * s: 5 * s + 5]
                dates += sorted(hasard.sample(semaine, fois)) if fois <= 5 else semaine
        else:
            dates = [j for j in jours if j.weekday() in quand]
        for jour in dates:
            resultat.append((jour, nom, hasard.randint(bas, haut)))
    resultat.sort(key=lambda r: (r[0], rangs[r[1]]))
    return resultat


def texte():
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\n")
    ecrivain.writerow(["date", "tache", "minutes"])
    for jour, nom, minutes in lignes():
        ecrivain.writerow([jour.isoformat(), nom, minutes])
    return sortie.getvalue()


def generer(dossier=DOSSIER):
    """Write the log into `dossier`."""
    (Path(dossier) / FICHIER).write_text(texte(), encoding="utf-8")


def fichiers_differents(dossier=DOSSIER):
    """[FICHIER] if the committed file differs from what the generator writes, else []."""
    return outils_generation.fichiers_generes_differents(dossier, (FICHIER,), generer)


def main(argv=None):
    return outils_generation.main_fichiers(
        argv, dossier=DOSSIER, fichiers=(FICHIER,), generer=generer,
        description="Génère (ou vérifie) le journal du temps des tâches récurrentes de Léa.",
        message_ecart=MESSAGE_ECART, message_ok="Le journal des tâches de Léa correspond au générateur.")


if __name__ == "__main__":
    sys.exit(main())
