"""Génère la feuille de suivi de la préparation du lancement de Clara (module 05).

Usage (depuis la racine du cours) :

    .venv/bin/python data/generer_suivi.py              # réécrit les deux CSV à côté de ce fichier
    .venv/bin/python data/generer_suivi.py --verifier   # échoue si un CSV diffère du générateur

Two files, described in data/README.md:

- ``suivi_lancement.csv``: the weekly tracking sheet the OBM kept every Friday, from 19 March to
  14 May 2027, one row per task and per weekly point (planned and physical progress, hours and
  cost of the week, the OBM's note);
- ``suivi_montage.csv``: the log of the eight programme videos (filmed, delivered, approved).

There is no randomness here: the story of the preparation is written step by step below, so the
figures the lesson and the exercise quote stay readable (a seed would add nothing). Only the
standard library is used. The baseline is the module 03 rétroplanning with its safety margin
(critical tasks at their latest dates, tasks with slack scheduled earlier); tests/test_suivi.py
checks it against obm.planification and checks the budgets against data/clara.toml.
"""

import sys
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

DOSSIER = Path(__file__).resolve().parent
sys.path.insert(0, str(DOSSIER))
import outils_generation  # noqa: E402  (next to this file, in data/)
FICHIERS = ("suivi_lancement.csv", "suivi_montage.csv")
MESSAGE_ECART = (
    "La feuille de suivi de data/ ne correspond plus au générateur : "
    "lance `make data` puis relis le diff"
)

# Facts of data/clara.toml (tests/test_suivi.py checks they agree): never change them here alone.
TAUX_HORAIRE_HT = {"Léa": 32, "Inès": 38}
MISSION_HUGO_HT = 1500  # monter les vidéos des 8 modules
MISSION_SAMIR_HT = 1200  # la page de vente et les e-mails du lancement
MODULES = 8
OUVERTURE_PANIER = date(2027, 5, 18)

# French public holidays that fall on a weekday during the preparation (2027).
FERIES = {date(2027, 3, 29): "lundi de Pâques", date(2027, 5, 6): "Ascension",
          date(2027, 5, 17): "lundi de Pentecôte"}

# The weekly points: every Friday from the first week of the plan to the last before opening.
POINTS = tuple(date(2027, 3, 19) + timedelta(weeks=k) for k in range(9))

# The baseline. (code, task, owner, how it is paid, budget, scheduled start, duration in working
# days). "heures": hours × the owner's rate ; "mission": a share of a fixed price ; "clara": the
# client's own time, not paid, so no budget.
# Critical tasks sit at their latest dates (module 03, plan with the 6-day safety margin); PAGE,
# PAIE, MAIL and MEL have slack and are scheduled earlier (« au plus tard » is a limit); the
# webinar tasks follow the webinar's own rétroplanning.
TACHES = (
    ("OFF", "Valider l'offre et les prix", "Clara", "clara", 0, date(2027, 3, 15), 1),
    ("TOUR", "Tourner les vidéos du programme", "Clara", "clara", 0, date(2027, 3, 16), 15),
    ("MONT", "Monter les vidéos du programme", "Hugo", "mission", MISSION_HUGO_HT,
     date(2027, 4, 7), 15),
    ("PAIE", "Paramétrer le paiement en 3 fois", "Léa", "heures", 2, date(2027, 4, 12), 1),
    ("PAGE", "Écrire la page de vente", "Samir", "mission", 800, date(2027, 4, 13), 5),
    ("VISU", "Créer les visuels du prélancement", "Inès", "heures", 8, date(2027, 4, 19), 5),
    ("W-INSC", "Créer la page d'inscription au webinaire", "Léa", "heures", 4,
     date(2027, 4, 23), 2),
    ("MAIL", "Écrire les e-mails d'ouverture", "Samir", "mission", MISSION_SAMIR_HT - 800,
     date(2027, 4, 26), 4),
    ("W-INVIT", "Inviter la liste au webinaire", "Léa", "heures", 6, date(2027, 4, 27), 9),
    ("BA", "Monter la bande-annonce", "Hugo", "mission", 300, date(2027, 4, 28), 3),
    ("MEL", "Mettre les modules en ligne", "Léa", "heures", 6, date(2027, 4, 28), 3),
    ("INT", "Intégrer la page de vente", "Léa", "heures", 6, date(2027, 5, 3), 2),
    ("PROG", "Programmer les e-mails", "Léa", "heures", 2, date(2027, 5, 5), 1),
)

# What happened. For each task and weekly point where something changed: (physical progress,
# a fraction of the task really finished ; hours of the week, for tasks paid by the hour ; the
# OBM's note). Progress carries over to the next points until it changes.
R = Fraction
REALISE = {
    "OFF": {date(2027, 3, 19): (R(1), 0, "offre et prix validés le lundi 15 mars")},
    "TOUR": {
        date(2027, 3, 19): (R(2, 8), 0, "2 modules tournés sur 8"),
        date(2027, 3, 26): (R(3, 8), 0, "3 modules sur 8 : Clara malade depuis le mercredi 24"),
        date(2027, 4, 2): (R(3, 8), 0, "toujours 3 modules sur 8 : tournage arrêté, reprise "
                                       "le mardi 6 avril"),
        date(2027, 4, 9): (R(6, 8), 0, "6 modules sur 8 ; fin annoncée le mardi 13 avril"),
        date(2027, 4, 16): (R(1), 0, "tournage fini le mardi 13 avril, 5 jours ouvrés après "
                                     "la date prévue"),
    },
    "MONT": {
        date(2027, 4, 9): (R(0), 0, "pas commencé : Hugo attend les rushs des 8 modules"),
        date(2027, 4, 16): (R(2, 8), 0, "2 vidéos validées sur 8 ; montage commencé le mercredi "
                                        "14 avril au lieu du 7"),
        date(2027, 4, 23): (R(4, 8), 0, "4 vidéos validées sur 8 ; la 5ᵉ livrée ce vendredi, "
                                        "pas encore validée"),
        date(2027, 4, 30): (R(1), 0, "8 vidéos validées ; la dernière ce vendredi"),
    },
    "PAIE": {date(2027, 4, 16): (R(1), 4, "paramétré le lundi 12 avril, en 4 h au lieu de 2 "
                                          "(le paiement en 3 fois était à activer)")},
    "PAGE": {
        date(2027, 4, 16): (R(3, 5), 0, "3 parties écrites sur 5"),
        date(2027, 4, 23): (R(1), 0, "écrite le lundi 19, relue avec Clara le jeudi 22 avril "
                                     "et validée"),
    },
    "VISU": {date(2027, 4, 23): (R(1), 13, "livrés ce vendredi ; refaits une fois après les "
                                           "remarques de Clara (13 h au lieu de 8)")},
    "W-INSC": {
        date(2027, 4, 23): (R(1, 2), 3, "page commencée ce vendredi, 3 h passées"),
        date(2027, 4, 30): (R(1), 1, "page en ligne le lundi 26 avril"),
    },
    "MAIL": {date(2027, 4, 30): (R(1), 0, "4 e-mails écrits et validés le jeudi 29 avril")},
    "W-INVIT": {
        date(2027, 4, 30): (R(1, 3), 2, "1re invitation envoyée le mardi 27 avril"),
        date(2027, 5, 7): (R(2, 3), 2, "2ᵉ invitation envoyée le mardi 4 mai"),
        date(2027, 5, 14): (R(1), 2, "rappel envoyé le lundi 10 mai"),
    },
    "BA": {
        date(2027, 4, 30): (R(0), 0, "pas commencée : le montage finit ce vendredi"),
        date(2027, 5, 7): (R(1), 0, "bande-annonce validée le mercredi 5 mai"),
    },
    "MEL": {
        date(2027, 4, 30): (R(0), 0, "en attente de la dernière vidéo"),
        date(2027, 5, 7): (R(1), 7, "modules en ligne le mercredi 5 mai"),
    },
    "INT": {
        date(2027, 5, 7): (R(1, 2), 3, "commencée ce vendredi (pont de l'Ascension travaillé)"),
        date(2027, 5, 14): (R(1), 3, "page intégrée le lundi 10 mai"),
    },
    "PROG": {date(2027, 5, 14): (R(1), 2, "e-mails programmés le mardi 11 mai ; 3 des 6 jours "
                                          "de la marge de sécurité consommés")},
}

# The log of the eight videos: (module, filmed, delivered by Hugo, approved by Clara).
MONTAGE = (
    (1, date(2027, 3, 17), date(2027, 4, 15), date(2027, 4, 15)),
    (2, date(2027, 3, 19), date(2027, 4, 16), date(2027, 4, 16)),
    (3, date(2027, 3, 23), date(2027, 4, 19), date(2027, 4, 20)),
    (4, date(2027, 4, 6), date(2027, 4, 21), date(2027, 4, 22)),
    (5, date(2027, 4, 8), date(2027, 4, 23), date(2027, 4, 26)),
    (6, date(2027, 4, 9), date(2027, 4, 26), date(2027, 4, 27)),
    (7, date(2027, 4, 12), date(2027, 4, 27), date(2027, 4, 28)),
    (8, date(2027, 4, 13), date(2027, 4, 29), date(2027, 4, 30)),
)


def est_ouvre(jour):
    return jour.weekday() < 5 and jour not in FERIES


def jours_ouvres(debut, duree):
    """The `duree` working days from `debut` (a working day) on."""
    jours, jour = [], debut
    while len(jours) < duree:
        if est_ouvre(jour):
            jours.append(jour)
        jour += timedelta(days=1)
    return jours


def budget(mode, valeur, responsable):
    """The budget of a task in euros HT (Fraction, exact)."""
    if mode == "heures":
        return R(valeur) * TAUX_HORAIRE_HT[responsable]
    return R(valeur)


def texte_nombre(x, decimales):
    """A number with a decimal point and exactly `decimales` decimals (half up, exact)."""
    echelle = 10 ** decimales
    n = (R(x) * echelle + R(1, 2)).__floor__()
    signe = "-" if n < 0 else ""
    n = abs(n)
    if decimales == 0:
        return f"{signe}{n}"
    return f"{signe}{n // echelle}.{n % echelle:0{decimales}d}"


def lignes_suivi():
    lignes = []
    for point in POINTS:
        for code, tache, responsable, mode, valeur, debut, duree in TACHES:
            jours = jours_ouvres(debut, duree)
            prevue = R(sum(1 for j in jours if j <= point), duree)
            # Progress and note: the last change up to this point (0 before the first one).
            realisee, heures, constat = R(0), 0, ""
            precedente = R(0)
            for quand, (part, h, note) in sorted(REALISE.get(code, {}).items()):
                if quand < point:
                    precedente = part
                if quand <= point:
                    realisee = part
                if quand == point:
                    heures, constat = h, note
            if mode == "heures":
                cout = R(heures) * TAUX_HORAIRE_HT[responsable]
            elif mode == "mission":
                # A fixed price: the work done costs its share of the price (the videos are
                # paid per approved video, the page and the e-mails when approved).
                cout = budget(mode, valeur, responsable) * (realisee - precedente)
            else:
                cout = R(0)
            lignes.append({
                "date_point": point.isoformat(),
                "id": code,
                "tache": tache,
                "responsable": responsable,
                "budget_ht": texte_nombre(budget(mode, valeur, responsable), 2),
                "debut_prevu": jours[0].isoformat(),
                "fin_prevue": jours[-1].isoformat(),
                "part_prevue": texte_nombre(prevue, 4),
                "part_realisee": texte_nombre(realisee, 4),
                "heures_semaine": str(heures) if mode == "heures" else "",
                "cout_semaine_ht": texte_nombre(cout, 2),
                "constat": constat,
            })
    return lignes


def lignes_montage():
    return [{"module": str(module), "tournage_fini_le": tourne.isoformat(),
             "livree_le": livree.isoformat(), "validee_le": validee.isoformat()}
            for module, tourne, livree, validee in MONTAGE]


def generer(dossier=DOSSIER):
    """Write the two CSV files into `dossier`."""
    dossier = Path(dossier)
    outils_generation.ecrire_csv(dossier / "suivi_lancement.csv", lignes_suivi())
    outils_generation.ecrire_csv(dossier / "suivi_montage.csv", lignes_montage())


def fichiers_differents(dossier=DOSSIER):
    """Names of the committed files that differ from what the generator writes."""
    return outils_generation.fichiers_generes_differents(dossier, FICHIERS, generer)


def main(argv=None):
    return outils_generation.main_fichiers(
        argv, dossier=DOSSIER, fichiers=FICHIERS, generer=generer,
        description="Génère (ou vérifie) la feuille de suivi de la préparation du lancement.",
        message_ecart=MESSAGE_ECART, message_ok="La feuille de suivi de data/ correspond au générateur.")


if __name__ == "__main__":
    sys.exit(main())
