"""Génère les données du lancement de printemps 2027 de Clara Morel (« Cap Sérénité »).

Usage (depuis la racine du cours) :

    .venv/bin/python data/generer.py              # réécrit les CSV à côté de ce fichier
    .venv/bin/python data/generer.py --verifier   # échoue si un CSV diffère du générateur

Only the standard library is used, and only ``random.Random.random()`` (whose sequence
Python guarantees for a given seed) plus exact integer and IEEE arithmetic: no libm call,
no numpy/pandas, so an upgrade can never change the committed files.
The data dictionary is data/README.md.
"""

import csv
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

GRAINE = 20270518  # the day the cart opens

DOSSIER = Path(__file__).resolve().parent
sys.path.insert(0, str(DOSSIER))
import outils_generation  # noqa: E402  (next to this file, in data/)
FICHIERS = (
    "lancement_entonnoir.csv",
    "campagnes_email.csv",
    "ventes_export_brut.csv",
    "abonnements.csv",
)
MESSAGE_ECART = (
    "Les données de data/ ne correspondent plus au générateur : "
    "lance `make data` puis relis le diff"
)

# Facts of the course map (COURSE_MAP.md): never change them here alone.
PREMIER_JOUR = date(2027, 4, 26)  # prelaunch content starts
OUVERTURE_INSCRIPTIONS_WEBINAIRE = date(2027, 4, 27)
JOUR_WEBINAIRE = date(2027, 5, 11)
OUVERTURE_PANIER = date(2027, 5, 18)
DERNIER_JOUR = date(2027, 5, 25)  # cart closes at 23:59
LISTE_INITIALE = 4800
PRIX_UNIQUE_CENTIMES = 49_700
MENSUALITE_CENTIMES = 17_900
DEPENSES_PUB_CENTIMES = 248_370  # 2 483,70 € spent out of the 2 500 € budget
SOURCES = ("organique", "instagram", "facebook_ads", "youtube", "email")

PRODUIT = "Cap Sérénité"
PRODUIT_COACHING = "Accompagnement individuel"
PRIX_COACHING_CENTIMES = 129_000
PREMIER_NUMERO_COMMANDE = 10_231
DATE_EXPORT = date(2027, 6, 8)

DEBUT_CERCLE = date(2025, 12, 1)
DATE_OBSERVATION_CERCLE = date(2027, 5, 31)
TARIF_FONDATRICE = "29.00"
TARIF_CERCLE = "37.00"

# (date, time, phase, name). Cart emails ("panier") are not sent to buyers.
CAMPAGNES = (
    (
        date(2027, 4, 26),
        "07:30",
        "prelancement",
        "Prélancement 1 : tu n'es pas désorganisée, tu es surchargée",
    ),
    (date(2027, 4, 27), "12:00", "webinaire", "Invitation : webinaire gratuit du 11 mai"),
    (
        date(2027, 4, 30),
        "07:30",
        "prelancement",
        "Prélancement 2 : la semaine type d'une freelance sereine",
    ),
    (date(2027, 5, 4), "12:00", "webinaire", "Invitation 2 : plus qu'une semaine"),
    (date(2027, 5, 7), "07:30", "prelancement", "Prélancement 3 : le témoignage de Julie"),
    (date(2027, 5, 10), "18:00", "webinaire", "Rappel : c'est demain soir"),
    (date(2027, 5, 11), "09:00", "webinaire", "Rappel : ce soir 19 h"),
    (date(2027, 5, 11), "18:50", "webinaire", "On commence dans 10 minutes"),
    (date(2027, 5, 12), "10:00", "webinaire", "Le replay (disponible 48 h)"),
    (date(2027, 5, 14), "07:30", "prelancement", "Mardi, les portes de Cap Sérénité s'ouvrent"),
    (date(2027, 5, 18), "09:00", "panier", "C'est ouvert : Cap Sérénité t'attend"),
    (date(2027, 5, 19), "07:30", "panier", "Ce que contient Cap Sérénité, semaine par semaine"),
    (date(2027, 5, 20), "07:30", "panier", "FAQ : et si je n'ai pas le temps ?"),
    (date(2027, 5, 22), "09:00", "panier", "Elles l'ont fait : trois témoignages"),
    (date(2027, 5, 24), "07:30", "panier", "Plus que 48 h (et le paiement en 3 fois)"),
    (date(2027, 5, 25), "07:30", "panier", "Dernier jour pour rejoindre Cap Sérénité"),
    (date(2027, 5, 25), "20:00", "panier", "Fermeture ce soir à 23 h 59"),
)
# Unique open rate and click-to-open rate by kind of email.
TAUX_OUVERTURE = {"prelancement": 0.232, "webinaire": 0.248, "panier": 0.241}
TAUX_CLIC_OUVERTURE = {"prelancement": 0.105, "webinaire": 0.150, "panier": 0.158}
TAUX_DESINSCRIPTION = {"prelancement": 0.0019, "webinaire": 0.0022, "panier": 0.0034}
TAUX_REBOND_DUR = 0.0036
TAUX_REBOND_TEMPORAIRE = 0.0058

# Share of the cart's sales by day, 18 → 25 May: the last 48 h weigh half.
POIDS_VENTES = (16, 9, 7, 6, 5, 7, 18, 32)
# Probability of a sale per webinar registrant of the source (email also gets the list).
CONVERSION_VENTE = {
    "organique": 0.13,
    "instagram": 0.11,
    "facebook_ads": 0.10,
    "youtube": 0.13,
    "email": 0.125,
}
PART_TROIS_FOIS = 0.35
TAUX_PRESENCE = {
    "organique": 0.40,
    "instagram": 0.37,
    "facebook_ads": 0.31,
    "youtube": 0.42,
    "email": 0.43,
}

# fmt: off
PRENOMS = (
    "Camille", "Julie", "Léa", "Manon", "Chloé", "Sarah", "Laura", "Marine", "Pauline", "Émilie",
    "Claire", "Anaïs", "Mathilde", "Lucie", "Élodie", "Céline", "Aurélie", "Sophie", "Audrey",
    "Charlotte", "Marion", "Justine", "Caroline", "Nadia", "Inès", "Sonia", "Fanny", "Hélène",
    "Amandine", "Morgane", "Coralie", "Estelle", "Nathalie", "Valérie", "Karine", "Yasmine",
    "Agathe", "Louise", "Jeanne", "Alice", "Margaux", "Clémence", "Oriane", "Fatou", "Mélanie",
)
NOMS = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Diallo", "Benali", "Nguyen", "Lemoine", "Chevalier",
)
# fmt: on
DOMAINES = ("example.com", "example.org", "example.net")


class Alea:
    """Random draws built only on random() so that they never change across Python versions."""

    def __init__(self, graine):
        self._rng = random.Random(graine)

    def u(self):
        return self._rng.random()

    def uniforme(self, a, b):
        return a + (b - a) * self.u()

    def entier(self, a, b):
        """Whole number in [a, b]."""
        return a + int(self.u() * (b - a + 1))

    def choix(self, suite):
        return suite[int(self.u() * len(suite))]

    def binomiale(self, n, p):
        return sum(1 for _ in range(n) if self.u() < p)

    def bruit(self, moyenne, ecart_relatif):
        """Mean times (1 + relative noise), the noise an Irwin-Hall approximation of N(0, 1)."""
        normale = sum(self.u() for _ in range(12)) - 6.0
        return max(0.0, moyenne * (1.0 + ecart_relatif * normale))

    def repartir(self, total, poids):
        """Split `total` units at random between the weights (multinomial)."""
        somme = sum(poids)
        parts = [0] * len(poids)
        for _ in range(total):
            x = self.u() * somme
            for i, w in enumerate(poids):
                x -= w
                if x < 0:
                    break
            parts[i] += 1
        return parts


def arrondi(x):
    return int(x + 0.5)


def jours(debut, fin):
    d = debut
    while d <= fin:
        yield d
        d += timedelta(days=1)


def ajouter_mois(d, n):
    mois = d.month - 1 + n
    return date(d.year + mois // 12, mois % 12 + 1, d.day)  # days are ≤ 28, always valid


def euros(centimes):
    """Plain machine format for the clean files: 1234.50."""
    return f"{centimes // 100}.{centimes % 100:02d}"


def montant_fr(centimes, milliers=" ", avant_euro=" "):
    """French display as a French tool exports it: -1 290,00 €."""
    signe = "-" if centimes < 0 else ""
    entiers, cents = divmod(abs(centimes), 100)
    chiffres = str(entiers)
    groupes = []
    while len(chiffres) > 3:
        groupes.insert(0, chiffres[-3:])
        chiffres = chiffres[:-3]
    groupes.insert(0, chiffres)
    return f"{signe}{milliers.join(groupes)},{cents:02d}{avant_euro}€"


# ---------------------------------------------------------------- launch funnel + emails


def phase(d):
    if d <= JOUR_WEBINAIRE:
        return "prelancement"
    if d < OUVERTURE_PANIER:
        return "entre_deux"
    return "panier"


def visites_moyennes(source, d):
    """Mean daily visits of the launch pages for the unpaid sources."""
    base = {
        "prelancement": {"organique": 72, "instagram": 118, "youtube": 36},
        "entre_deux": {"organique": 46, "instagram": 55, "youtube": 24},
        "panier": {"organique": 34, "instagram": 45, "youtube": 17},
    }[phase(d)][source]
    if d.weekday() >= 5:
        base *= 0.75
    if d == JOUR_WEBINAIRE and source == "instagram":
        base *= 1.6  # stories all day long
    if d in (OUVERTURE_PANIER, DERNIER_JOUR, DERNIER_JOUR - timedelta(days=1)):
        base *= 1.4
    return base


def taux_inscription_liste(source, d):
    """Opt-in rate on visits: lead magnet in prelaunch, replay page after, sales page in cart."""
    base = {
        "organique": 0.18,
        "instagram": 0.20,
        "youtube": 0.22,
        "facebook_ads": 0.062,
        "email": 0.0,
    }[source]
    return {"prelancement": base, "entre_deux": base * 0.45, "panier": base * 0.05}[phase(d)]


def taux_inscription_webinaire(source, d):
    """Registrations per visit grow as the webinar nears (most register in the last week)."""
    if not OUVERTURE_INSCRIPTIONS_WEBINAIRE <= d <= JOUR_WEBINAIRE:
        return 0.0
    base = {
        "organique": 0.100,
        "instagram": 0.110,
        "youtube": 0.110,
        "facebook_ads": 0.050,
        "email": 0.24,
    }[source]
    if d == JOUR_WEBINAIRE:
        return base * 1.7
    if d >= JOUR_WEBINAIRE - timedelta(days=7):
        return base * 1.1
    return base * 0.55


def budget_pub_par_jour():
    """Meta Ads: lead ads in prelaunch, a replay push, retargeting during the cart."""
    poids = {}
    for d in jours(PREMIER_JOUR, DERNIER_JOUR):
        if phase(d) == "prelancement":
            poids[d] = 118
        elif d <= JOUR_WEBINAIRE + timedelta(days=2):
            poids[d] = 30
        elif phase(d) == "entre_deux":
            poids[d] = 0
        else:
            poids[d] = 66
    return poids


def generer_lancement(alea):
    """Day by day: the list, the emails of the day, then the funnel rows of the day."""
    # Ad spend, exact to the cent: noisy weights, then a largest-remainder split.
    poids = budget_pub_par_jour()
    bruites = {d: alea.bruit(w, 0.12) for d, w in poids.items()}
    somme = sum(bruites.values())
    depenses = {d: int(DEPENSES_PUB_CENTIMES * w / somme) for d, w in bruites.items()}
    reste = DEPENSES_PUB_CENTIMES - sum(depenses.values())
    for d in sorted(
        bruites, key=lambda d: -(DEPENSES_PUB_CENTIMES * bruites[d] / somme - depenses[d])
    )[:reste]:
        depenses[d] += 1

    taille_liste = LISTE_INITIALE
    acheteuses = 0
    clics_veille = 0
    lignes, campagnes = [], []
    inscrits_webinaire = dict.fromkeys(SOURCES, 0)
    ventes_prevues = {}

    for d in jours(PREMIER_JOUR, DERNIER_JOUR):
        # 1. Emails of the day, sent to the list as it stood in the morning.
        retraits_du_jour, clics_du_jour = 0, 0
        for jour, heure, genre, nom in CAMPAGNES:
            if jour != d:
                continue
            envoyes = taille_liste - (acheteuses if genre == "panier" else 0)
            durs = alea.binomiale(envoyes, TAUX_REBOND_DUR)
            temporaires = alea.binomiale(envoyes, TAUX_REBOND_TEMPORAIRE)
            delivres = envoyes - durs - temporaires
            taux_ouv = alea.bruit(TAUX_OUVERTURE[genre], 0.05)
            if nom.startswith(("Dernier jour", "Fermeture")):
                taux_ouv *= 1.12
            ouvertures = alea.binomiale(delivres, taux_ouv)
            clics = alea.binomiale(ouvertures, alea.bruit(TAUX_CLIC_OUVERTURE[genre], 0.08))
            desinscriptions = alea.binomiale(delivres, TAUX_DESINSCRIPTION[genre])
            campagnes.append(
                {
                    "date": d.isoformat(),
                    "heure": heure,
                    "phase": genre,
                    "campagne": nom,
                    "envoyes": envoyes,
                    "delivres": delivres,
                    "ouvertures": ouvertures,
                    "clics": clics,
                    "desinscriptions": desinscriptions,
                    "rebonds_durs": durs,
                    "rebonds_temporaires": temporaires,
                }
            )
            retraits_du_jour += desinscriptions + durs
            clics_du_jour += clics

        # 2. Sales of the cart are drawn once the webinar registrations are known.
        if d == OUVERTURE_PANIER:
            for s in SOURCES:
                total = alea.binomiale(inscrits_webinaire[s], CONVERSION_VENTE[s])
                ventes_prevues[s] = dict(
                    zip(jours(OUVERTURE_PANIER, DERNIER_JOUR), alea.repartir(total, POIDS_VENTES))
                )

        # 3. Funnel rows of the day.
        inscriptions_du_jour, ventes_du_jour = 0, 0
        for s in SOURCES:
            if s == "email":
                visites = arrondi(clics_du_jour + 0.15 * clics_veille + alea.uniforme(8, 20))
            elif s == "facebook_ads":
                cpc = {
                    "prelancement": (0.46, 0.58),
                    "entre_deux": (0.62, 0.78),
                    "panier": (1.0, 1.3),
                }[phase(d)]
                visites = arrondi(depenses[d] / 100 / alea.uniforme(*cpc))
            else:
                visites = arrondi(alea.bruit(visites_moyennes(s, d), 0.15))
            inscriptions_liste = alea.binomiale(visites, taux_inscription_liste(s, d))
            inscriptions_webinaire = alea.binomiale(visites, taux_inscription_webinaire(s, d))
            inscrits_webinaire[s] += inscriptions_webinaire
            participants = (
                alea.binomiale(inscrits_webinaire[s], TAUX_PRESENCE[s])
                if d == JOUR_WEBINAIRE
                else 0
            )
            ventes = ventes_prevues[s][d] if d >= OUVERTURE_PANIER else 0
            trois_fois = alea.binomiale(ventes, PART_TROIS_FOIS)
            # The split by payment plan feeds the export; the funnel file only keeps `ventes`.
            lignes.append(
                {
                    "date": d.isoformat(),
                    "source": s,
                    "visites": visites,
                    "inscriptions_liste": inscriptions_liste,
                    "inscriptions_webinaire": inscriptions_webinaire,
                    "participants_webinaire": participants,
                    "ventes": ventes,
                    "ventes_paiement_unique": ventes - trois_fois,
                    "ventes_3_fois": trois_fois,
                    "chiffre_affaires": euros(
                        (ventes - trois_fois) * PRIX_UNIQUE_CENTIMES
                        + trois_fois * MENSUALITE_CENTIMES
                    ),
                    "depenses_pub": euros(depenses[d] if s == "facebook_ads" else 0),
                }
            )
            inscriptions_du_jour += inscriptions_liste
            ventes_du_jour += ventes

        taille_liste += inscriptions_du_jour - retraits_du_jour
        acheteuses += ventes_du_jour
        clics_veille = clics_du_jour
    return lignes, campagnes


# ---------------------------------------------------------------- raw sales export


def heure_de_commande(alea, d):
    if d == OUVERTURE_PANIER:
        debut = 9 * 60  # the cart opens at 9:00
    else:
        debut = 7 * 60
    if d == DERNIER_JOUR and alea.u() < 0.55:
        debut = 19 * 60  # the last evening rush
    minute = alea.entier(debut, 23 * 60 + 58)
    return datetime(d.year, d.month, d.day, minute // 60, minute % 60)


def nouvel_email(alea, deja):
    while True:
        adresse = f"{alea.choix(PRENOMS)}.{alea.choix(NOMS)}"
        if alea.u() < 0.3:
            adresse += str(alea.entier(1, 99))
        adresse = adresse.lower() + "@" + alea.choix(DOMAINES)
        if adresse not in deja:
            deja.add(adresse)
            return adresse


def sans_accents_pour_email(texte):
    table = str.maketrans("éèëêïîàâçôöüû", "eeeeiiaacoouu")
    return texte.translate(table)


def generer_export(alea, lignes):
    """One row per order of the funnel, then the dirt a real export carries (data/README.md)."""
    emails = set()
    commandes = []  # dicts: quand, email, produit, formule, centimes, statut, source
    for ligne in lignes:
        d = date.fromisoformat(ligne["date"])
        formules = ["paiement unique"] * ligne["ventes_paiement_unique"] + ["3 fois"] * ligne[
            "ventes_3_fois"
        ]
        for formule in formules:
            commandes.append(
                {
                    "quand": heure_de_commande(alea, d),
                    "email": sans_accents_pour_email(nouvel_email(alea, emails)),
                    "produit": PRODUIT,
                    "formule": formule,
                    "centimes": PRIX_UNIQUE_CENTIMES
                    if formule == "paiement unique"
                    else MENSUALITE_CENTIMES,
                    "statut": "payée",
                    "source": ligne["source"],
                }
            )
    lancement = list(commandes)

    # Another product sold in the same weeks: present in the export, not in the funnel.
    for _ in range(4):
        d = alea.choix(list(jours(OUVERTURE_PANIER, DERNIER_JOUR)))
        commandes.append(
            {
                "quand": heure_de_commande(alea, d),
                "email": sans_accents_pour_email(nouvel_email(alea, emails)),
                "produit": PRODUIT_COACHING,
                "formule": "paiement unique",
                "centimes": PRIX_COACHING_CENTIMES,
                "statut": "payée",
                "source": alea.choix(("email", "organique")),
            }
        )

    # Two card payments fail, then go through a few minutes later (new order number).
    for commande in alea_echantillon(alea, lancement, 2):
        echec = dict(
            commande,
            statut="échouée",
            quand=commande["quand"] - timedelta(minutes=alea.entier(3, 9)),
        )
        commandes.append(echec)

    commandes.sort(key=lambda c: (c["quand"], c["email"]))
    for numero, commande in enumerate(commandes, start=PREMIER_NUMERO_COMMANDE):
        commande["numero"] = f"CMD-{numero}"

    # Refunds within the 14-day guarantee, as separate rows on the refund day.
    payees = [c for c in commandes if c["statut"] == "payée" and c["produit"] == PRODUIT]
    remboursees = alea_echantillon(alea, payees, 4)
    lignes_export = [ligne_brute(c) for c in commandes]
    for c in remboursees:
        jour = c["quand"].date() + timedelta(days=alea.entier(2, 13))
        lignes_export.append(
            {
                **ligne_brute(c),
                "tri": datetime(jour.year, jour.month, jour.day, 23, 59),
                "Date": jour.strftime("%d/%m/%Y"),
                "Montant": montant_fr(-c["centimes"]),
                "Statut": "remboursement",
            }
        )
    lignes_export.sort(key=lambda r: r["tri"])

    # Dirt, each kind on rows of its own so that every count is unambiguous.
    ventes_lancement = [
        r for r in lignes_export if r["Statut"] == "payée" and r["Produit"] == PRODUIT
    ]
    choisies = alea_echantillon(alea, ventes_lancement, 12)
    doublons, sans_email, sans_montant, casse = (
        choisies[:3],
        choisies[3:5],
        choisies[5:7],
        choisies[7:],
    )
    for r in sans_email:
        r["E-mail"] = ""
    for r in sans_montant:
        r["Montant"] = ""
    variantes = (
        ("Source", str.capitalize),
        ("Source", lambda s: s + " "),
        ("Formule", str.upper),
        ("Produit", lambda s: s + " "),
        ("E-mail", lambda s: s[:1].upper() + s[1:]),
    )
    for r, (colonne, salir) in zip(casse, variantes):
        r[colonne] = salir(r[colonne])
    coaching = [r for r in lignes_export if r["Produit"] == PRODUIT_COACHING]
    for r, (milliers, avant) in zip(
        coaching, ((" ", " "), ("\u202f", "\u00a0"), (" ", "\u00a0"), ("\u202f", " "))
    ):
        r["Montant"] = montant_fr(PRIX_COACHING_CENTIMES, milliers, avant)
    resultat = []
    for r in lignes_export:
        resultat.append(r)
        if any(r is x for x in doublons):
            resultat.append(dict(r))
    return resultat


def alea_echantillon(alea, suite, k):
    """k distinct items, in the order of `suite` (random.sample is not stable across versions)."""
    indices = set()
    while len(indices) < k:
        indices.add(int(alea.u() * len(suite)))
    return [suite[i] for i in sorted(indices)]


def ligne_brute(c):
    return {
        "tri": c["quand"],
        "N° commande": c["numero"],
        "Date": c["quand"].strftime("%d/%m/%Y %H:%M"),
        "E-mail": c["email"],
        "Produit": c["produit"],
        "Formule": c["formule"],
        "Montant": montant_fr(c["centimes"]),
        "Statut": c["statut"],
        "Source": c["source"],
    }


# ---------------------------------------------------------------- membership


def generer_abonnements(alea):
    """Monthly membership « Cercle Sérénité »: join dates, and the last day paid for those who left."""
    membres = []
    mois = DEBUT_CERCLE
    while mois <= DATE_OBSERVATION_CERCLE:
        if mois == DEBUT_CERCLE:
            arrivees, tarif, jours_possibles = 42, TARIF_FONDATRICE, (1, 10)
        else:
            moyenne = 26 if mois.month == 1 else 17
            arrivees, tarif, jours_possibles = (
                arrondi(alea.bruit(moyenne, 0.25)),
                TARIF_CERCLE,
                (1, 28),
            )
        for _ in range(arrivees):
            debut = date(mois.year, mois.month, alea.entier(*jours_possibles))
            if debut > DATE_OBSERVATION_CERCLE:
                continue
            fin = None
            k = 1
            while ajouter_mois(debut, k) <= DATE_OBSERVATION_CERCLE:
                risque = 0.13 if k == 1 else 0.09 if k == 2 else 0.062
                if alea.u() < risque:
                    fin = ajouter_mois(debut, k) - timedelta(days=1)
                    break
                k += 1
            membres.append((debut, fin, tarif))
        mois = ajouter_mois(mois, 1)
    membres.sort(key=lambda m: m[0])
    return [
        {
            "membre": f"M-{i:04d}",
            "date_debut": debut.isoformat(),
            "date_fin": fin.isoformat() if fin else "",
            "tarif_mensuel": tarif,
        }
        for i, (debut, fin, tarif) in enumerate(membres, start=1)
    ]


# ---------------------------------------------------------------- files


def ecrire(chemin, colonnes, lignes, separateur=","):
    with open(chemin, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, fieldnames=colonnes, delimiter=separateur, lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(lignes)


def generer(dossier=DOSSIER):
    """Write the four CSV files into `dossier`."""
    dossier = Path(dossier)
    alea = Alea(GRAINE)
    lignes, campagnes = generer_lancement(alea)
    ecrire(
        dossier / "lancement_entonnoir.csv",
        [
            "date",
            "source",
            "visites",
            "inscriptions_liste",
            "inscriptions_webinaire",
            "participants_webinaire",
            "ventes",
            "chiffre_affaires",
            "depenses_pub",
        ],
        lignes,
    )
    ecrire(dossier / "campagnes_email.csv", list(campagnes[0]), campagnes)
    ecrire(
        dossier / "ventes_export_brut.csv",
        [
            "N° commande",
            "Date",
            "E-mail",
            "Produit",
            "Formule",
            "Montant",
            "Statut",
            "Source",
        ],
        generer_export(alea, lignes),
        separateur=";",
    )
    abonnements = generer_abonnements(alea)
    ecrire(dossier / "abonnements.csv", list(abonnements[0]), abonnements)


def fichiers_differents(dossier=DOSSIER):
    """Names of the committed files that differ from what the generator writes."""
    return outils_generation.fichiers_generes_differents(dossier, FICHIERS, generer)


def main(argv=None):
    return outils_generation.main_fichiers(
        argv, dossier=DOSSIER, fichiers=FICHIERS, generer=generer,
        description="Génère (ou vérifie) les CSV du lancement de Cap Sérénité.",
        message_ecart=MESSAGE_ECART, message_ok="Les données de data/ correspondent au générateur.")


if __name__ == "__main__":
    sys.exit(main())
