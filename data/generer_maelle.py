"""Génère les données du lancement d'automne 2027 de Maëlle Le Goff (projet final, module 21).

Usage (depuis la racine du cours) :

    .venv/bin/python data/generer_maelle.py              # réécrit les CSV à côté de ce fichier
    .venv/bin/python data/generer_maelle.py --verifier   # échoue si un CSV diffère du générateur

Four files, described in data/README.md:

- ``maelle_taches.csv``: the tasks of the launch (id, task, duration in working days,
  predecessors, owner, hours of work);
- ``maelle_charge.csv``: the hours each person works in the week of 1 November 2027, from the
  baseline plan (the rétroplanning with its safety margin), spread evenly over each task's days;
- ``maelle_suivi.csv``: the tracking sheet at the point of Friday 22 October 2027 (budget,
  planned and physical progress, actual cost so far, per task);
- ``maelle_lancement.csv``: the results of the cart week, 15 to 21 November 2027, per day.

Only the standard library is used, and only ``random.Random.random()`` (whose sequence Python
guarantees for a given seed) with exact integer arithmetic, so an upgrade cannot change the
committed files. The facts (prices, dates, totals) come from data/maelle.toml; the baseline dates
are written here and tests/test_maelle.py checks them against obm.planification.retroplanning.
"""

import random
import sys
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

GRAINE = 20271115  # the day the cart opens

DOSSIER = Path(__file__).resolve().parent
sys.path.insert(0, str(DOSSIER))
import outils_generation  # noqa: E402  (next to this file, in data/)
FICHIERS = ("maelle_taches.csv", "maelle_charge.csv", "maelle_suivi.csv", "maelle_lancement.csv")
MESSAGE_ECART = (
    "Les données de Maëlle dans data/ ne correspondent plus au générateur : "
    "lance `make data` puis relis le diff"
)

# Facts of data/maelle.toml (tests/test_maelle.py checks they agree): never change them here alone.
OUVERTURE_PANIER = date(2027, 11, 15)
POINT_AVANCEMENT = date(2027, 10, 22)
SEMAINE_CHARGE = date(2027, 11, 1)
PRIX_TTC_CENTIMES = 24000
VISITES = 2080
VENTES = 52
VENTES_PUB = 14
DEPENSES_PUB_CENTIMES = 118740
TAUX_AWA = 30
MISSIONS = {"Malo": 2400, "Chloé": 900}

# French public holidays on a weekday during the preparation (autumn 2027).
FERIES = {date(2027, 11, 1): "Toussaint", date(2027, 11, 11): "Armistice"}

# The tasks: (id, task, duration in working days, predecessors, owner, hours of work).
TACHES = (
    ("OFF", "Valider l'offre et le prix du cours", 1, "", "Maëlle", 2),
    ("PLAN", "Écrire le plan des 6 modules", 3, "OFF", "Maëlle", 12),
    ("TOUR", "Tourner les 6 modules", 6, "PLAN", "Malo", 30),
    ("MONT", "Monter les vidéos", 10, "TOUR", "Malo", 50),
    ("PLAT", "Mettre le cours en ligne sur la plateforme", 3, "MONT", "Awa", 9),
    ("PAGE", "Écrire et mettre en page la page de vente", 5, "OFF", "Chloé", 20),
    ("VIS", "Créer les visuels du lancement", 3, "PAGE", "Chloé", 12),
    ("MAIL", "Écrire les e-mails du lancement", 4, "PAGE", "Maëlle", 12),
    ("PROG", "Programmer les e-mails et le paiement", 2, "MAIL, PLAT", "Awa", 6),
    ("PUB", "Préparer la campagne Instagram", 2, "VIS", "Awa", 6),
    ("TEST", "Tester le parcours d'achat", 1, "PROG, PUB", "Awa", 3),
)

# The baseline: the rétroplanning of these tasks plus a 4-day safety margin (15 % of the 26-day
# critical path, rounded up) before the cart opens; first working day of each task.
DEBUTS = {
    "OFF": date(2027, 9, 30), "PLAN": date(2027, 10, 1), "TOUR": date(2027, 10, 6),
    "MONT": date(2027, 10, 14), "PLAT": date(2027, 10, 28), "PAGE": date(2027, 10, 20),
    "VIS": date(2027, 10, 28), "MAIL": date(2027, 10, 27), "PROG": date(2027, 11, 3),
    "PUB": date(2027, 11, 3), "TEST": date(2027, 11, 5),
}

# The budget of each task (HT): Malo's and Chloé's missions split between their tasks, Awa's
# hours at her rate; Maëlle's own time is not paid (0).
BUDGETS = {"OFF": 0, "PLAN": 0, "TOUR": 800, "MONT": 1600, "PLAT": 9 * TAUX_AWA, "PAGE": 600,
           "VIS": 300, "MAIL": 0, "PROG": 6 * TAUX_AWA, "PUB": 6 * TAUX_AWA, "TEST": 3 * TAUX_AWA}

# What happened by Friday 22 October: Malo needed an extra half-day of filming (150 € HT more,
# agreed by Maëlle), the editing is behind (3 of the 6 videos approved), Chloé is ahead on the
# sales page. (physical progress, actual cost so far HT)
REALISE = {"OFF": (1, 0), "PLAN": (1, 0), "TOUR": (1, 950), "MONT": (Fraction(1, 2), 800),
           "PAGE": (Fraction(4, 5), 480)}

# The shape of the cart week (opening day and last day are the strongest).
PROFIL = (30, 14, 10, 9, 10, 11, 16)


def est_ouvre(jour):
    return jour.weekday() < 5 and jour not in FERIES


def jours_de(debut, duree):
    """The `duree` working days from `debut`."""
    jours, jour = [], debut
    while len(jours) < duree:
        if est_ouvre(jour):
            jours.append(jour)
        jour += timedelta(days=1)
    return jours


def texte_nombre(valeur, decimales):
    """A number written with a point and no useless zeros (0.5, 1, 0.6667)."""
    if isinstance(valeur, Fraction):
        arrondi = round(valeur, decimales)
        texte = f"{float(arrondi):.{decimales}f}"
    else:
        texte = f"{valeur:.{decimales}f}"
    return texte.rstrip("0").rstrip(".") if "." in texte else texte


def lignes_taches():
    return [{"id": code, "tache": tache, "duree": str(duree), "predecesseurs": pred,
             "responsable": qui, "heures": str(heures)}
            for code, tache, duree, pred, qui, heures in TACHES]


def lignes_charge():
    semaine = [SEMAINE_CHARGE + timedelta(days=k) for k in range(5)]
    lignes = []
    for code, tache, duree, _, qui, heures in TACHES:
        dans_la_semaine = [j for j in jours_de(DEBUTS[code], duree) if j in semaine]
        if dans_la_semaine:
            part = Fraction(heures * len(dans_la_semaine), duree)
            lignes.append({"semaine": SEMAINE_CHARGE.isoformat(), "personne": qui, "id": code,
                           "tache": tache, "jours": str(len(dans_la_semaine)),
                           "heures": texte_nombre(part, 2)})
    return lignes


def lignes_suivi():
    lignes = []
    for code, tache, duree, _, qui, _ in TACHES:
        jours = jours_de(DEBUTS[code], duree)
        faits = sum(1 for j in jours if j <= POINT_AVANCEMENT)
        prevue = Fraction(faits, duree)
        realisee, cout = REALISE.get(code, (0, 0))
        lignes.append({
            "date_point": POINT_AVANCEMENT.isoformat(), "id": code, "tache": tache,
            "responsable": qui, "budget_ht": str(BUDGETS[code]),
            "debut_prevu": jours[0].isoformat(), "fin_prevue": jours[-1].isoformat(),
            "part_prevue": texte_nombre(prevue, 4), "part_realisee": texte_nombre(Fraction(realisee), 4),
            "cout_reel_ht": str(cout),
        })
    return lignes


def repartir(total, poids):
    """Split the integer `total` in proportion to `poids` (largest remainder, ties by order)."""
    somme = sum(poids)
    parts = [total * p // somme for p in poids]
    restes = sorted(range(len(poids)), key=lambda i: (-(total * poids[i] % somme), i))
    for i in restes[: total - sum(parts)]:
        parts[i] += 1
    return parts


def lignes_lancement():
    hasard = random.Random(GRAINE)
    jours = [OUVERTURE_PANIER + timedelta(days=k) for k in range(7)]
    poids_visites = [int(p * (850 + 300 * hasard.random())) for p in PROFIL]
    visites = repartir(VISITES, poids_visites)
    poids_ventes = [int(v * (850 + 300 * hasard.random())) for v in visites]
    ventes = repartir(VENTES, poids_ventes)
    poids_pub = [int(1000 * (850 + 300 * hasard.random())) for _ in jours]
    depenses = repartir(DEPENSES_PUB_CENTIMES, poids_pub)
    ventes_pub = repartir(VENTES_PUB, [v * d for v, d in zip(ventes, depenses)])
    assert all(p <= v for p, v in zip(ventes_pub, ventes))
    return [{"date": jour.isoformat(), "visites_page_de_vente": str(vi), "ventes": str(ve),
             "ventes_pub": str(vp), "chiffre_affaires_ttc": texte_nombre(ve * PRIX_TTC_CENTIMES / 100, 2),
             "depenses_pub_ttc": texte_nombre(d / 100, 2)}
            for jour, vi, ve, vp, d in zip(jours, visites, ventes, ventes_pub, depenses)]


def generer(dossier=DOSSIER):
    """Write the four CSV files into `dossier`."""
    dossier = Path(dossier)
    outils_generation.ecrire_csv(dossier / "maelle_taches.csv", lignes_taches())
    outils_generation.ecrire_csv(dossier / "maelle_charge.csv", lignes_charge())
    outils_generation.ecrire_csv(dossier / "maelle_suivi.csv", lignes_suivi())
    outils_generation.ecrire_csv(dossier / "maelle_lancement.csv", lignes_lancement())


def fichiers_differents(dossier=DOSSIER):
    """Names of the committed files that differ from what the generator writes."""
    return outils_generation.fichiers_generes_differents(dossier, FICHIERS, generer)


def main(argv=None):
    return outils_generation.main_fichiers(
        argv, dossier=DOSSIER, fichiers=FICHIERS, generer=generer,
        description="Génère (ou vérifie) les données du lancement de Maëlle.",
        message_ecart=MESSAGE_ECART, message_ok="Les données de Maëlle dans data/ correspondent au générateur.")


if __name__ == "__main__":
    sys.exit(main())
