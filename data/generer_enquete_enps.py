"""Génère l'enquête eNPS de l'équipe de Maison Lumière (module 17).

Usage (depuis la racine du cours) :

    .venv/bin/python data/generer_enquete_enps.py              # réécrit enquete_enps_maison_lumiere.csv
    .venv/bin/python data/generer_enquete_enps.py --verifier   # échoue si le fichier diffère du générateur

One file, described in data/README.md: ``enquete_enps_maison_lumiere.csv``, the staff survey that
Maison Lumière (Clara's B2B client, data/clara.toml) ran in May 2027 on its two Lyon spaces. One
row per answer: ``site``, ``service``, ``note`` (0–10, « recommanderais-tu Maison Lumière comme
lieu de travail ? ») and ``commentaire`` (free text, may be empty). The answers are written below,
so that every count of the lesson and the exercise can be read here; the seeded generator
(``random.Random(GRAINE)``) only shuffles their order, as a survey tool exports them. Only the
standard library is used; the write / check block lives in ``outils_generation.py``.
"""

import csv
import io
import random
import sys
from pathlib import Path

DOSSIER = Path(__file__).resolve().parent
sys.path.insert(0, str(DOSSIER))
import outils_generation  # noqa: E402  (next to this file, in data/)

FICHIER = "enquete_enps_maison_lumiere.csv"
GRAINE = 20270601  # the day the survey closed
COLONNES = ("site", "service", "note", "commentaire")

# (site, service, note, commentaire): each comment is written for one theme of obm.motivation.THEMES
# (tests/test_motivation.py checks that the themes found are these).
REPONSES = (
    # Croix-Rousse, the first space: 13 answers.
    ("Croix-Rousse", "animation", 10, "Super ambiance, on s'entraide entre collègues."),
    ("Croix-Rousse", "accueil", 10, "Une équipe soudée, on rit beaucoup."),
    ("Croix-Rousse", "accueil", 9, "Les collègues sont formidables."),
    ("Croix-Rousse", "entretien", 9, "On se serre les coudes dans l'équipe, même les jours de rush."),
    ("Croix-Rousse", "animation", 9, "Je recommande, l'équipe est bienveillante et drôle."),
    ("Croix-Rousse", "animation", 9, "On me laisse décider du programme des événements."),
    ("Croix-Rousse", "entretien", 9, ""),
    ("Croix-Rousse", "animation", 8, "J'aimerais une formation à l'animation d'ateliers."),
    ("Croix-Rousse", "entretien", 8, "Bonne ambiance, mais le travail est répétitif."),
    ("Croix-Rousse", "accueil", 8, ""),
    ("Croix-Rousse", "accueil", 7, "Un merci de temps en temps ferait du bien."),
    ("Croix-Rousse", "entretien", 6, "Personne ne voit le travail fait le soir pour préparer les salles."),
    ("Croix-Rousse", "animation", 5, "Les événements que j'organise ne sont jamais valorisés."),
    # Confluence, opened in January 2027: 11 answers.
    ("Confluence", "accueil", 9, "Le nouveau site a une belle ambiance, malgré le rythme."),
    ("Confluence", "animation", 9, "J'ai beaucoup de liberté pour organiser mes journées."),
    ("Confluence", "accueil", 8, "J'aimerais plus de reconnaissance de la direction pour le travail du nouveau site."),
    ("Confluence", "animation", 8, "Mes idées d'ateliers sont écoutées, mais rarement reconnues."),
    ("Confluence", "entretien", 7, "On parle de nous quand ça ne va pas, jamais pour dire merci."),
    ("Confluence", "accueil", 7, "Je ne vois pas comment évoluer ici."),
    ("Confluence", "accueil", 6, "Depuis l'ouverture, on est en sous-effectif à l'accueil."),
    ("Confluence", "accueil", 6, "Je suis souvent seule à l'accueil et au café le matin."),
    ("Confluence", "entretien", 5, "Les absences ne sont jamais remplacées, on finit débordées."),
    ("Confluence", "animation", 4, "Trop de tâches pour deux personnes, on court toute la journée."),
    ("Confluence", "accueil", 3, "Mon planning change chaque semaine, souvent la veille pour le lendemain."),
)


def lignes():
    """The answers in the order of the export (shuffled with the fixed seed)."""
    ordre = list(REPONSES)
    random.Random(GRAINE).shuffle(ordre)
    return ordre


def texte():
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\n")
    ecrivain.writerow(COLONNES)
    ecrivain.writerows(lignes())
    return sortie.getvalue()


def generer(dossier=DOSSIER):
    """Write the survey into `dossier`."""
    outils_generation.ecrire(dossier, FICHIER, texte())


def fichiers_differents(dossier=DOSSIER):
    """[FICHIER] if the committed survey differs from what the generator writes, else []."""
    return outils_generation.fichiers_differents(dossier, FICHIER, texte())


def main(argv=None):
    return outils_generation.main(
        argv, dossier=DOSSIER, fichier=FICHIER, texte=texte,
        description="Génère (ou vérifie) l'enquête eNPS de l'équipe de Maison Lumière.",
        message_ecart=("L'enquête eNPS de Maison Lumière ne correspond plus au générateur : "
                       "lance `make data` puis relis le diff"),
        message_ok="L'enquête eNPS de Maison Lumière correspond au générateur.")


if __name__ == "__main__":
    sys.exit(main())
