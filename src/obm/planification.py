"""Planifier un projet en jours ouvrés français : rétroplanning, chemin critique, Gantt, exports.

Les fonctions principales :

- :func:`retroplanning` place les tâches **à rebours** depuis une date cible (l'ouverture du
  panier d'un lancement, par exemple), le plus tard possible, et calcule la marge de chaque
  tâche et le chemin critique ;
- :func:`planning_au_plus_tot` fait l'inverse : il part d'une date de début et place chaque
  tâche le plus tôt possible ; :func:`fin_au_plus_tot` donne directement la date de fin ;
- :func:`tableau_des_taches` construit le tableau des tâches à partir de trois dictionnaires
  (libellés, durées, prédécesseurs) ; :func:`ajouter_tache`, :func:`changer_duree` et
  :func:`taches_sans_successeur` le font évoluer sans le modifier ;
- :func:`tableau_plan`, :func:`resumer_plan` et :func:`tableau_jours_feries` affichent un plan
  et un calendrier en français ;
- :func:`jours_feries`, :func:`est_jour_ouvre`, :func:`jours_ouvres_entre`,
  :func:`ajouter_jours_ouvres`, :func:`jour_ouvre_precedent`, :func:`jour_ouvre_suivant`
  comptent en jours ouvrés (du lundi au vendredi, hors jours fériés français) ;
- :func:`diagramme_gantt` dessine le plan ;
- :func:`exporter_ics`, :func:`exporter_asana_csv`, :func:`exporter_monday_csv` écrivent des
  fichiers à importer dans un agenda, dans Asana ou dans monday.com.

Deux zones sont connues : ``"metropole"`` (les onze jours fériés du Code du travail) et
``"alsace-moselle"`` (en plus : Vendredi saint et 26 décembre).
"""

import bisect
import csv
import hashlib
import math
import numbers
from collections import deque
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from obm.erreurs import (
    ColonneManquante,
    DonneesInvalides,
    IdentifiantInconnu,
    TypeInvalide,
)

__all__ = [
    "ZONES",
    "ajouter_jours_ouvres",
    "ajouter_tache",
    "apercu_exports",
    "changer_duree",
    "date_en_francais",
    "diagramme_gantt",
    "est_jour_ouvre",
    "exporter_asana_csv",
    "exporter_ics",
    "exporter_monday_csv",
    "fin_au_plus_tot",
    "jour_ouvre_precedent",
    "jour_ouvre_suivant",
    "jours_feries",
    "jours_ouvres_entre",
    "planning_au_plus_tot",
    "resumer_plan",
    "retroplanning",
    "tableau_des_taches",
    "tableau_jours_feries",
    "tableau_plan",
    "taches_sans_successeur",
]

#: Zones connues et la subdivision correspondante du paquet ``holidays``
#: (« 57 » y regroupe les jours fériés propres à l'Alsace-Moselle).
ZONES = {"metropole": None, "alsace-moselle": "57"}

COLONNES_TACHES = ("id", "tache", "duree", "predecesseurs")
_COLONNES_CALCULEES = ("debut", "fin", "marge", "critique")



# --------------------------------------------------------------------------- dates et zones


def date_en_francais(jour):
    """Écrit une date en toutes lettres, en français : ``"vendredi 14 mai 2027"``.

    ``jour`` : une ``datetime.date``, un ``pandas.Timestamp`` ou un texte ISO (``"2027-05-14"``).
    """
    from obm import fr

    return fr.date(_en_date(jour, "jour"))


def lire_date(valeur, nom="date"):
    """Lit une date donnée comme ``datetime.date``, ``pandas.Timestamp`` ou texte ISO (``"2027-05-18"``).

    Renvoie une ``datetime.date`` ; une valeur vide ou illisible lève une erreur en français
    qui cite ``nom``.
    """
    return _en_date(valeur, nom)


def _en_date(valeur, nom):
    """Convert a learner-supplied date (date, Timestamp, datetime64, ISO text) to datetime.date."""
    if isinstance(valeur, (bool, np.bool_)):
        raise TypeInvalide(
            f"« {nom} » doit être une date, pas {valeur!r}. "
            "Écris par exemple date(2027, 5, 18) ou \"2027-05-18\"."
        )
    if isinstance(valeur, np.datetime64):
        valeur = pd.Timestamp(valeur)
    if valeur is None or valeur is pd.NaT or (isinstance(valeur, float) and math.isnan(valeur)):
        raise DonneesInvalides(
            f"« {nom} » est vide. Donne une date, par exemple date(2027, 5, 18) ou \"2027-05-18\"."
        )
    if isinstance(valeur, datetime):  # pandas.Timestamp est aussi un datetime
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    if isinstance(valeur, str):
        texte = valeur.strip()
        try:
            return date.fromisoformat(texte)
        except ValueError:
            raise DonneesInvalides(
                f"Je ne comprends pas la date « {valeur} » ({nom}). Écris-la au format "
                "AAAA-MM-JJ, par exemple \"2027-05-18\" pour le 18 mai 2027."
            ) from None
    raise TypeInvalide(
        f"« {nom} » doit être une date, pas un objet de type {type(valeur).__name__}. "
        "Écris par exemple date(2027, 5, 18) ou \"2027-05-18\"."
    )


def _zone_valide(zone):
    cle = zone.strip().lower() if isinstance(zone, str) else None
    if cle not in ZONES:
        permises = ", ".join(f"« {z} »" for z in ZONES)
        raise DonneesInvalides(
            f"Zone inconnue : {zone!r}. Les zones possibles sont {permises} "
            "(par exemple zone=\"alsace-moselle\" pour le Bas-Rhin, le Haut-Rhin et la Moselle)."
        )
    return cle


def _feries_paquet(annees, zone):
    """French names of the public holidays of ``annees`` from the ``holidays`` package."""
    import holidays

    return holidays.France(years=annees, subdiv=ZONES[zone], language="fr")


class _Calendrier:
    """The working days of one zone, numbered by consecutive integers ("rangs").

    Working days are kept as a sorted list of ordinals covering whole years; ranks stay
    stable when the list grows in either direction (``_premier`` is the rank of the first
    element), so the scheduler can compute in plain integers and convert to dates once.
    """

    # A year has at least 260 weekdays minus at most 13 holidays: 240 is a safe lower bound.
    _OUVRES_PAR_AN = 240

    def __init__(self, zone):
        self.zone = zone
        self._annees = None
        self._ordinaux = []
        self._premier = 0
        self._feries = {}

    def _jours_des_annees(self, debut, fin):
        feries = _feries_paquet(range(debut, fin + 1), self.zone)
        noms = {jour.toordinal(): nom for jour, nom in feries.items()}
        premier = date(debut, 1, 1).toordinal()
        dernier = date(fin, 12, 31).toordinal()
        # date.fromordinal(1) est un lundi : le jour de la semaine d'un ordinal o est (o - 1) % 7.
        ouvres = [o for o in range(premier, dernier + 1) if (o - 1) % 7 < 5 and o not in noms]
        return ouvres, noms

    def couvrir(self, debut, fin):
        """Make sure the years ``debut``..``fin`` are in the list."""
        if debut < date.min.year or fin > date.max.year:
            raise DonneesInvalides(
                "Le plan sortirait du calendrier (avant l'an 1 ou après l'an 9999) : "
                "vérifie les durées des tâches et les dates données."
            )
        if self._annees is None:
            self._ordinaux, self._feries = self._jours_des_annees(debut, fin)
            self._annees = (debut, fin)
            return
        bas, haut = self._annees
        if debut < bas:
            ouvres, noms = self._jours_des_annees(debut, bas - 1)
            self._ordinaux = ouvres + self._ordinaux
            self._premier -= len(ouvres)
            self._feries.update(noms)
            bas = debut
        if fin > haut:
            ouvres, noms = self._jours_des_annees(haut + 1, fin)
            self._ordinaux.extend(ouvres)
            self._feries.update(noms)
            haut = fin
        self._annees = (bas, haut)

    def _couvrir_jour(self, jour):
        # One year on each side, so that the previous / next working day is always known.
        self.couvrir(max(jour.year - 1, date.min.year), min(jour.year + 1, date.max.year))

    def est_ouvre(self, jour):
        self._couvrir_jour(jour)
        o = jour.toordinal()
        return (o - 1) % 7 < 5 and o not in self._feries

    def rang_au_plus_tot(self, jour):
        """Rank of the first working day on or after ``jour``."""
        self._couvrir_jour(jour)
        return bisect.bisect_left(self._ordinaux, jour.toordinal()) + self._premier

    def rang_au_plus_tard(self, jour):
        """Rank of the last working day on or before ``jour``."""
        self._couvrir_jour(jour)
        return bisect.bisect_right(self._ordinaux, jour.toordinal()) - 1 + self._premier

    def jours(self, rangs):
        """The dates of the given ranks, in the same order."""
        if not rangs:
            return []
        while min(rangs) < self._premier:
            manque = self._premier - min(rangs)
            bas, haut = self._annees
            self.couvrir(bas - (manque // self._OUVRES_PAR_AN + 1), haut)
        while max(rangs) >= self._premier + len(self._ordinaux):
            manque = max(rangs) - (self._premier + len(self._ordinaux)) + 1
            bas, haut = self._annees
            self.couvrir(bas, haut + manque // self._OUVRES_PAR_AN + 1)
        ordinaux, premier = self._ordinaux, self._premier
        return [date.fromordinal(ordinaux[r - premier]) for r in rangs]

    def feries_entre(self, debut, fin):
        """Holidays from ``debut`` to ``fin`` inclusive, as (date, name), weekends included."""
        self._couvrir_jour(debut)
        self._couvrir_jour(fin)
        return [
            (date.fromordinal(o), nom)
            for o, nom in sorted(self._feries.items())
            if debut.toordinal() <= o <= fin.toordinal()
        ]


_CALENDRIERS = {}


def _calendrier(zone):
    cle = _zone_valide(zone)
    if cle not in _CALENDRIERS:
        _CALENDRIERS[cle] = _Calendrier(cle)
    return _CALENDRIERS[cle]


# --------------------------------------------------------------------------- jours ouvrés


def jours_feries(annee, zone="metropole"):
    """Renvoie les jours fériés français d'une année : un dictionnaire {date: nom}.

    ``annee`` : un nombre entier (``2027``). ``zone`` : ``"metropole"`` (par défaut) ou
    ``"alsace-moselle"``, qui ajoute le Vendredi saint et le 26 décembre (Saint-Étienne).

    Les dates sont triées ; les noms sont en français (« Ascension », « Lundi de Pentecôte »…).
    Un jour férié qui tombe un samedi ou un dimanche figure aussi dans la liste.

    >>> jours_feries(2027)[date(2027, 5, 17)]
    'Lundi de Pentecôte'
    """
    if isinstance(annee, (bool, np.bool_)) or not isinstance(annee, numbers.Integral):
        raise TypeInvalide(
            f"« annee » doit être un nombre entier, par exemple 2027, pas {annee!r}."
        )
    annee = int(annee)
    if not date.min.year <= annee <= date.max.year:
        raise DonneesInvalides(
            f"L'année {annee} n'existe pas dans le calendrier : écris par exemple 2027."
        )
    feries = _feries_paquet([annee], _zone_valide(zone))
    return dict(sorted(feries.items()))


def est_jour_ouvre(jour, zone="metropole"):
    """Dit si ``jour`` est un jour ouvré : du lundi au vendredi, et pas un jour férié de la zone.

    ``jour`` : une ``datetime.date``, un ``pandas.Timestamp`` ou un texte ISO (``"2027-05-17"``).

    >>> est_jour_ouvre(date(2027, 5, 17))   # lundi de Pentecôte
    False
    """
    return _calendrier(zone).est_ouvre(_en_date(jour, "jour"))


def jours_ouvres_entre(debut, fin, zone="metropole"):
    """Compte les jours ouvrés de ``debut`` à ``fin``, **les deux jours compris**.

    C'est la durée en jours ouvrés d'une tâche qui commence le jour ``debut`` et se termine le
    jour ``fin`` : du lundi 10 au vendredi 14 mai 2027, cela fait 5 jours ouvrés ; un même jour
    ouvré compte pour 1 ; un samedi et le dimanche qui suit comptent pour 0.
    Si ``fin`` est avant ``debut``, la fonction signale l'erreur (inverse les deux dates).

    >>> jours_ouvres_entre(date(2027, 5, 3), date(2027, 5, 14))  # l'Ascension (6 mai) ne compte pas
    9
    """
    debut, fin = _en_date(debut, "debut"), _en_date(fin, "fin")
    if fin < debut:
        raise DonneesInvalides(
            f"La fin ({date_en_francais(fin)}) est avant le début ({date_en_francais(debut)}) : "
            "inverse les deux dates."
        )
    cal = _calendrier(zone)
    return max(0, cal.rang_au_plus_tard(fin) - cal.rang_au_plus_tot(debut) + 1)


def ajouter_jours_ouvres(jour, n, zone="metropole"):
    """Avance (ou recule) de ``n`` jours ouvrés à partir de ``jour``.

    - ``n > 0`` : renvoie le n-ième jour ouvré **après** ``jour`` (``jour`` lui-même ne compte
      pas, qu'il soit ouvré ou non) : vendredi 14 mai 2027 + 1 → mardi 18 mai (le lundi 17 est
      le lundi de Pentecôte) ; samedi 8 mai + 1 → lundi 10 mai.
    - ``n < 0`` : renvoie le |n|-ième jour ouvré **avant** ``jour`` : mardi 18 mai − 1 →
      vendredi 14 mai.
    - ``n == 0`` : renvoie ``jour`` tel quel, même si ce n'est pas un jour ouvré (ajouter zéro ne
      change rien ; pour trouver le jour ouvré le plus proche, utilise
      :func:`jour_ouvre_suivant` ou :func:`jour_ouvre_precedent`).

    Pour la fin d'une tâche de ``d`` jours qui commence un jour ouvré ``debut`` :
    ``ajouter_jours_ouvres(debut, d - 1)``.
    """
    jour = _en_date(jour, "jour")
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
        raise TypeInvalide(
            f"« n » doit être un nombre entier de jours ouvrés, par exemple 3, pas {n!r}."
        )
    n = int(n)
    if n == 0:
        return jour
    cal = _calendrier(zone)
    if n > 0:
        # Premier jour ouvré strictement après jour, puis n - 1 de plus.
        rang = cal.rang_au_plus_tard(jour) + n
    else:
        rang = cal.rang_au_plus_tot(jour) + n
    return cal.jours([rang])[0]


def jour_ouvre_precedent(jour, zone="metropole"):
    """Renvoie le dernier jour ouvré **strictement avant** ``jour``.

    C'est là que finissent les dernières tâches d'un rétroplanning dont la date cible est
    ``jour`` : ``jour_ouvre_precedent(date(2027, 5, 18))`` → vendredi 14 mai 2027.
    """
    return ajouter_jours_ouvres(jour, -1, zone)


def jour_ouvre_suivant(jour, zone="metropole"):
    """Renvoie le premier jour ouvré **strictement après** ``jour``.

    ``jour_ouvre_suivant(date(2027, 5, 14))`` → mardi 18 mai 2027 (lundi de Pentecôte sauté).
    """
    return ajouter_jours_ouvres(jour, 1, zone)


# --------------------------------------------------------------------------- lecture des tâches


class _Taches:
    """Normalised task list: parallel lists, in input order."""

    def __init__(self, ids, noms, durees, predecesseurs, autres):
        self.ids = ids
        self.noms = noms
        self.durees = durees
        self.predecesseurs = predecesseurs
        self.autres = autres  # {nom de colonne: liste de valeurs}, colonnes de l'apprenante


def _est_vide(valeur):
    if valeur is None:
        return True
    if isinstance(valeur, str):
        return False
    if isinstance(valeur, (list, tuple, set, np.ndarray, dict)):
        return False
    try:
        return bool(pd.isna(valeur))
    except (TypeError, ValueError):
        return False


def _colonnes_attendues():
    return ", ".join(COLONNES_TACHES)


def _colonnes_depuis_tableau(taches):
    colonnes = [c for c in taches.columns]
    manquantes = [c for c in COLONNES_TACHES if c not in colonnes]
    valeurs = {}
    if "id" in manquantes and taches.index.name == "id":
        # Un plan déjà calculé (indexé par id) peut être replanifié tel quel.
        manquantes.remove("id")
        valeurs["id"] = taches.index.tolist()
    if manquantes:
        noms = ", ".join(f"« {c} »" for c in manquantes)
        recues = ", ".join(str(c) for c in colonnes) or "aucune"
        raise ColonneManquante(
            f"Il manque la colonne {noms} dans le tableau des tâches. Colonnes attendues : "
            f"{_colonnes_attendues()} (colonnes reçues : {recues}). Ajoute-la ou renomme la "
            "colonne qui contient cette information."
        )
    for c in colonnes:
        valeurs[c] = taches[c].tolist()
    return valeurs


def _colonnes_depuis_liste(taches):
    cles = []
    for numero, ligne in enumerate(taches, start=1):
        if not isinstance(ligne, dict):
            raise TypeInvalide(
                f"La tâche n° {numero} n'est pas un dictionnaire mais {type(ligne).__name__}. "
                "Écris chaque tâche sous la forme {\"id\": \"A\", \"tache\": \"…\", \"duree\": 3, "
                "\"predecesseurs\": []}."
            )
        manquantes = [c for c in COLONNES_TACHES if c not in ligne]
        if manquantes:
            noms = ", ".join(f"« {c} »" for c in manquantes)
            ident = f" (id « {ligne['id']} »)" if "id" in ligne else ""
            raise ColonneManquante(
                f"La tâche n° {numero}{ident} n'a pas de clé {noms}. Chaque tâche doit avoir les "
                f"clés : {_colonnes_attendues()}."
            )
        cles.extend(c for c in ligne if c not in cles)
    return {c: [ligne.get(c) for ligne in taches] for c in cles}


def _lire_id(valeur, numero):
    if _est_vide(valeur) or not str(valeur).strip():
        raise DonneesInvalides(
            f"La tâche n° {numero} n'a pas d'identifiant (« id » vide). Donne-lui un identifiant "
            "court et unique, par exemple \"A\" ou 1."
        )
    return str(valeur).strip()


def _lire_predecesseurs(valeur):
    if _est_vide(valeur):
        return []
    if isinstance(valeur, str):
        texte = valeur.strip()
        if texte.startswith("[") and texte.endswith("]"):
            # Une liste relue depuis un CSV (plan.to_csv) arrive en texte : "['A', 'B']".
            texte = texte[1:-1].replace("'", "").replace('"', "")
        elements = texte.split(",")
    elif isinstance(valeur, (list, tuple, np.ndarray, pd.Series)):
        elements = list(valeur)
    elif isinstance(valeur, numbers.Integral) and not isinstance(valeur, (bool, np.bool_)):
        elements = [valeur]
    elif isinstance(valeur, numbers.Real) and float(valeur).is_integer():
        # Une colonne de prédécesseurs numériques avec des cases vides devient float (1.0).
        elements = [int(valeur)]
    else:
        return None
    resultat = []
    for element in elements:
        texte = "" if _est_vide(element) else str(element).strip()
        if texte and texte not in resultat:
            resultat.append(texte)
    return resultat


def _probleme_duree(valeur):
    """Return (duration, None) or (None, ("type" | "valeur", explanation))."""
    if isinstance(valeur, (bool, np.bool_)):
        return None, ("type", "un booléen")
    if isinstance(valeur, numbers.Integral):
        n = int(valeur)
    elif isinstance(valeur, numbers.Real):
        if math.isnan(valeur):
            return None, ("valeur", "vide")
        if not float(valeur).is_integer():
            return None, ("valeur", "pas un nombre entier")
        n = int(valeur)
    elif _est_vide(valeur):
        return None, ("valeur", "vide")
    else:
        return None, ("type", "du texte" if isinstance(valeur, str) else type(valeur).__name__)
    if n < 1:
        return None, ("valeur", "inférieure à 1")
    return n, None


def _lire_taches(taches):
    if isinstance(taches, pd.DataFrame):
        colonnes = _colonnes_depuis_tableau(taches)
        nombre = len(taches)
    elif isinstance(taches, (list, tuple)):
        colonnes = _colonnes_depuis_liste(taches)
        nombre = len(taches)
    else:
        raise TypeInvalide(
            "« taches » doit être un tableau pandas (DataFrame) ou une liste de dictionnaires "
            f"avec les clés {_colonnes_attendues()}, pas {type(taches).__name__}."
        )
    if nombre == 0:
        raise DonneesInvalides(
            "La liste des tâches est vide : ajoute au moins une tâche "
            f"(avec {_colonnes_attendues()})."
        )

    ids = [_lire_id(v, numero) for numero, v in enumerate(colonnes["id"], start=1)]
    vus = {}
    for numero, ident in enumerate(ids, start=1):
        vus.setdefault(ident, []).append(numero)
    doublons = {ident: numeros for ident, numeros in vus.items() if len(numeros) > 1}
    if doublons:
        details = " ; ".join(
            f"« {ident} » (tâches n° {', '.join(map(str, numeros))})"
            for ident, numeros in doublons.items()
        )
        raise DonneesInvalides(
            f"Plusieurs tâches ont le même identifiant : {details}. Chaque tâche a besoin d'un "
            "identifiant unique (attention : 1 et \"1\" sont le même identifiant)."
        )

    noms = []
    for ident, valeur in zip(ids, colonnes["tache"]):
        if _est_vide(valeur) or not str(valeur).strip():
            raise DonneesInvalides(
                f"La tâche « {ident} » n'a pas de nom (colonne « tache » vide). Décris-la en "
                "quelques mots, par exemple \"Écrire la page de vente\"."
            )
        noms.append(str(valeur).strip())

    durees, problemes = [], []
    for ident, valeur in zip(ids, colonnes["duree"]):
        n, probleme = _probleme_duree(valeur)
        durees.append(n)
        if probleme:
            problemes.append((ident, valeur, probleme))
    if problemes:
        # Toutes les durées à corriger en un seul message ; TypeInvalide dès qu'une n'est pas
        # un nombre (du texte, un booléen), DonneesInvalides sinon.
        liste = " ; ".join(
            f"tâche « {ident} » : {valeur!r} ({explication})"
            for ident, valeur, (_, explication) in problemes
        )
        erreur = TypeInvalide if any(p[2][0] == "type" for p in problemes) else DonneesInvalides
        raise erreur(
            "La durée d'une tâche est un nombre entier de jours ouvrés, au moins 1, écrit sans "
            f"guillemets ni unité (par exemple 3, pas \"3 jours\" ni 2.5). À corriger : {liste}."
        )

    predecesseurs = []
    for ident, valeur in zip(ids, colonnes["predecesseurs"]):
        liste = _lire_predecesseurs(valeur)
        if liste is None:
            raise TypeInvalide(
                f"Les prédécesseurs de la tâche « {ident} » doivent être une liste d'identifiants "
                f"(par exemple [\"A\", \"B\"]) ou un texte \"A, B\", pas {valeur!r}. "
                "Écris [] s'il n'y en a pas."
            )
        predecesseurs.append(liste)
    connus = set(ids)
    inconnus = [
        (ident, p) for ident, liste in zip(ids, predecesseurs) for p in liste if p not in connus
    ]
    if inconnus:
        details = " ; ".join(f"la tâche « {ident} » attend « {p} »" for ident, p in inconnus)
        raise IdentifiantInconnu(
            f"Prédécesseur inconnu : {details}, mais aucune tâche n'a cet identifiant. Vérifie "
            "l'orthographe de l'identifiant ou ajoute la tâche manquante."
        )

    autres = {
        c: v for c, v in colonnes.items() if c not in COLONNES_TACHES + _COLONNES_CALCULEES
    }
    return _Taches(ids, noms, durees, predecesseurs, autres)


# --------------------------------------------------------------------------- ordonnancement


def _graphe(taches):
    """Topological order (Kahn) plus predecessor and successor index lists."""
    position = {ident: i for i, ident in enumerate(taches.ids)}
    preds = [[position[p] for p in liste] for liste in taches.predecesseurs]
    succs = [[] for _ in preds]
    for i, liste in enumerate(preds):
        for p in liste:
            succs[p].append(i)
    restants = [len(liste) for liste in preds]
    file = deque(i for i, r in enumerate(restants) if r == 0)
    ordre = []
    while file:
        i = file.popleft()
        ordre.append(i)
        for s in succs[i]:
            restants[s] -= 1
            if restants[s] == 0:
                file.append(s)
    if len(ordre) < len(preds):
        cycle = _un_cycle(preds, {i for i, r in enumerate(restants) if r > 0})
        chaine = " qui attend ".join(f"« {taches.ids[i]} »" for i in cycle)
        raise DonneesInvalides(
            f"Les tâches forment un cycle : {chaine}. Aucune ne peut commencer, puisque "
            "chacune attend la fin d'une autre du cycle. Retire une de ces dépendances."
        )
    return ordre, preds, succs


def _un_cycle(preds, bloques):
    """One cycle among the blocked tasks, as [a, b, ..., a] where each waits for the next."""
    # Every blocked task has a blocked predecessor, so walking upstream must loop.
    i = min(bloques)
    chemin, vu = [], {}
    while i not in vu:
        vu[i] = len(chemin)
        chemin.append(i)
        i = next(p for p in preds[i] if p in bloques)
    return chemin[vu[i]:] + [i]


def _passe_avant(ordre, durees, preds, depart):
    """Earliest ranks: a task starts at ``depart`` or the day after its predecessors' ends."""
    debuts, fins = [0] * len(durees), [0] * len(durees)
    for i in ordre:
        d = max(fins[p] for p in preds[i]) + 1 if preds[i] else depart
        debuts[i], fins[i] = d, d + durees[i] - 1
    return debuts, fins


def _passe_arriere(ordre, durees, succs, arrivee):
    """Latest ranks: a task ends at ``arrivee`` or the day before its successors' starts."""
    debuts, fins = [0] * len(durees), [0] * len(durees)
    for i in reversed(ordre):
        f = min(debuts[s] for s in succs[i]) - 1 if succs[i] else arrivee
        debuts[i], fins[i] = f - durees[i] + 1, f
    return debuts, fins


def _tableau(taches, cal, debuts, fins, marges):
    colonnes = {
        "tache": taches.noms,
        "duree": taches.durees,
        "predecesseurs": taches.predecesseurs,
        "debut": cal.jours(debuts),
        "fin": cal.jours(fins),
        "marge": marges,
        "critique": [m == 0 for m in marges],
    }
    colonnes.update(taches.autres)
    return pd.DataFrame(colonnes, index=pd.Index(taches.ids, name="id"))


def retroplanning(taches, date_cible, *, zone="metropole", debut_au_plus_tot=None):
    """Construit un rétroplanning : chaque tâche placée le plus tard possible avant la date cible.

    Paramètres
    ----------
    taches :
        un tableau (DataFrame) ou une liste de dictionnaires avec les colonnes
        ``id`` (identifiant court ; ``1`` et ``"1"`` désignent la même tâche),
        ``tache`` (le nom), ``duree`` (nombre entier de jours ouvrés, au moins 1) et
        ``predecesseurs`` (les tâches qui doivent être finies avant : une liste
        ``["A", "B"]`` ou un texte ``"A, B"`` ; ``[]``, ``""`` ou une case vide s'il n'y en a pas).
        Les autres colonnes (un responsable, par exemple) sont recopiées telles quelles.
    date_cible :
        le premier jour qui n'est plus de la préparation (pour un lancement : le jour où le
        panier ouvre), en ``datetime.date``, ``pandas.Timestamp`` ou texte ``"2027-05-18"``.
    zone :
        ``"metropole"`` (par défaut) ou ``"alsace-moselle"`` (Vendredi saint et 26 décembre
        en plus).
    debut_au_plus_tot :
        facultatif : la date avant laquelle personne ne peut commencer. Si le plan devait
        commencer plus tôt, la fonction le signale en disant combien de jours ouvrés manquent.

    Règles de calcul (jours ouvrés : du lundi au vendredi, hors jours fériés)
    ---------------------------------------------------------------------------
    - une tâche sans successeur finit le dernier jour ouvré **avant** la date cible (cible un
      mardi après un lundi férié : elle finit le vendredi) ;
    - une autre tâche finit le jour ouvré qui précède le plus tôt des débuts de ses successeurs ;
    - ``debut`` est choisi pour que la tâche dure exactement ``duree`` jours ouvrés, ``fin``
      compris ;
    - ``marge`` : de combien de jours ouvrés la tâche pourrait commencer plus tôt, si tout le
      plan démarre au plus tôt (le jour du premier ``debut``) ; ``critique`` vaut ``True``
      quand la marge est nulle : ces tâches forment le (ou les) chemin(s) critique(s).

    Renvoie
    -------
    Un DataFrame indexé par ``id`` (texte), dans l'ordre des tâches reçues, avec les colonnes
    ``tache``, ``duree``, ``predecesseurs`` (liste d'identifiants), ``debut``, ``fin``
    (des ``datetime.date``), ``marge`` (entier) et ``critique`` (booléen).

    Exemple
    -------
    >>> plan = retroplanning(
    ...     [{"id": "A", "tache": "Écrire les emails", "duree": 3, "predecesseurs": []}],
    ...     "2027-05-18")
    >>> plan.loc["A", "fin"]
    datetime.date(2027, 5, 14)
    """
    cal = _calendrier(zone)
    cible = _en_date(date_cible, "date_cible")
    if debut_au_plus_tot is not None:
        debut_au_plus_tot = _en_date(debut_au_plus_tot, "debut_au_plus_tot")
    lues = _lire_taches(taches)
    ordre, preds, succs = _graphe(lues)

    derniere = cal.rang_au_plus_tot(cible) - 1  # dernier jour ouvré strictement avant la cible
    debuts, fins = _passe_arriere(ordre, lues.durees, succs, derniere)
    depart = min(debuts)
    au_plus_tot, _ = _passe_avant(ordre, lues.durees, preds, depart)
    marges = [d - t for d, t in zip(debuts, au_plus_tot)]

    if debut_au_plus_tot is not None:
        possible = cal.rang_au_plus_tot(debut_au_plus_tot)
        if depart < possible:
            manque = possible - depart
            jours = "jour ouvré" if manque == 1 else "jours ouvrés"
            premier = cal.jours([depart])[0]
            raise DonneesInvalides(
                f"Il manque {manque} {jours} : pour finir avant le "
                f"{date_en_francais(cible)}, le plan devrait commencer le "
                f"{date_en_francais(premier)}, avant ta date de début au plus tôt "
                f"({date_en_francais(debut_au_plus_tot)}). Raccourcis des tâches du chemin "
                "critique, fais-en avancer en parallèle, ou repousse la date cible."
            )
    return _tableau(lues, cal, debuts, fins, marges)


def planning_au_plus_tot(taches, date_debut, *, zone="metropole"):
    """Construit un planning au plus tôt : chaque tâche placée le plus tôt possible.

    Les tâches (``taches``) s'écrivent comme pour :func:`retroplanning`. Les tâches sans
    prédécesseur commencent le ``date_debut`` (ou le jour ouvré suivant s'il ne l'est pas) ;
    les autres, le jour ouvré qui suit la fin de leur dernier prédécesseur.

    ``marge`` dit de combien de jours ouvrés une tâche peut glisser sans retarder la fin du
    plan (le dernier ``fin``) ; ``critique`` vaut ``True`` quand elle ne peut pas glisser.
    Mêmes colonnes que :func:`retroplanning`. La date de fin est ``plan["fin"].max()``, ou
    directement :func:`fin_au_plus_tot`.
    """
    cal = _calendrier(zone)
    debut = _en_date(date_debut, "date_debut")
    lues = _lire_taches(taches)
    ordre, preds, succs = _graphe(lues)

    debuts, fins = _passe_avant(ordre, lues.durees, preds, cal.rang_au_plus_tot(debut))
    au_plus_tard, _ = _passe_arriere(ordre, lues.durees, succs, max(fins))
    marges = [t - d for d, t in zip(debuts, au_plus_tard)]
    return _tableau(lues, cal, debuts, fins, marges)


def fin_au_plus_tot(taches, date_debut, *, zone="metropole"):
    """Renvoie la date (``datetime.date``) à laquelle le projet finit au plus tôt.

    C'est le dernier jour de travail du :func:`planning_au_plus_tot` commencé le
    ``date_debut`` : « au plus tôt, tu finis le … ».
    """
    return planning_au_plus_tot(taches, date_debut, zone=zone)["fin"].max()


# --------------------------------------------------------------------------- construire les tâches


def _dictionnaire(valeur, nom, exemple):
    if valeur is Ellipsis:
        raise DonneesInvalides(
            f"« {nom} » vaut encore ..., le modèle de réponse : écris ton dictionnaire à la place, "
            f"par exemple {exemple}."
        )
    if not isinstance(valeur, dict):
        raise TypeInvalide(
            f"« {nom} » doit être un dictionnaire {{code de la tâche: valeur}}, par exemple "
            f"{exemple}, pas un objet de type {type(valeur).__name__}."
        )
    return {str(cle).strip(): v for cle, v in valeur.items()}


def _table_des_taches(lues, ordre_predecesseurs=False):
    """A task table (id, tache, duree, predecesseurs, other columns) from normalised tasks."""
    predecesseurs = lues.predecesseurs
    if ordre_predecesseurs:
        # Predecessors listed in task order, whatever order they were written in.
        rang = {ident: k for k, ident in enumerate(lues.ids)}
        predecesseurs = [sorted(liste, key=rang.__getitem__) for liste in predecesseurs]
    colonnes = {"id": lues.ids, "tache": lues.noms, "duree": lues.durees,
                "predecesseurs": [list(liste) for liste in predecesseurs]}
    colonnes.update(lues.autres)
    return pd.DataFrame(colonnes)


def tableau_des_taches(libelles, durees, predecesseurs):
    """Construit le tableau des tâches à partir de trois dictionnaires, un par colonne.

    Chaque dictionnaire associe le **code** d'une tâche (``"OFF"``, ``"TOUR"``…) à une valeur :

    - ``libelles`` : son nom, ``{"OFF": "Valider l'offre et les prix", …}`` ;
    - ``durees`` : sa durée en jours ouvrés (un nombre entier, au moins 1), ``{"OFF": 1, …}`` ;
    - ``predecesseurs`` : les codes des tâches qu'elle attend, dans un texte séparé par des
      virgules (``"MAIL, INT"``) ou une liste (``["MAIL", "INT"]``) ; ``""`` si elle n'attend rien.

    Renvoie un tableau (DataFrame) avec les colonnes ``id``, ``tache``, ``duree`` et
    ``predecesseurs`` (une liste de codes, rangés dans l'ordre des tâches), une ligne par tâche
    dans l'ordre de ``libelles`` : ce que :func:`retroplanning` attend. Une durée ou un code
    oublié, un prédécesseur inconnu ou un cycle donnent un message en français qui nomme la tâche.

    >>> tableau_des_taches({"A": "Écrire", "B": "Relire"}, {"A": 3, "B": 1}, {"A": "", "B": "A"})
    """
    libelles = _dictionnaire(libelles, "libelles", '{"OFF": "Valider l\'offre"}')
    durees = _dictionnaire(durees, "durees", '{"OFF": 1, "TOUR": 15}')
    predecesseurs = _dictionnaire(predecesseurs, "predecesseurs", '{"OFF": "", "TOUR": "OFF"}')
    if not libelles:
        raise DonneesInvalides("« libelles » est vide : donne au moins une tâche.")
    codes = ", ".join(libelles)
    for nom, valeurs, quoi in (("durees", durees, "la durée"),
                               ("predecesseurs", predecesseurs, "les prédécesseurs")):
        manquants = [code for code in libelles if code not in valeurs]
        if manquants:
            liste = ", ".join(f"« {code} »" for code in manquants)
            taches = "de la tâche" if len(manquants) == 1 else "des tâches"
            raise DonneesInvalides(
                f"Il manque {quoi} {taches} {liste} dans « {nom} » : donne une valeur pour "
                f"chaque code ({codes})."
            )
        a_remplacer = [code for code in libelles if valeurs[code] is Ellipsis]
        if a_remplacer:
            liste = ", ".join(f"« {code} »" for code in a_remplacer)
            taches = "la tâche" if len(a_remplacer) == 1 else "les tâches"
            raise DonneesInvalides(
                f"Dans « {nom} », il reste des ... à remplacer ({taches} {liste}) : écris "
                f"{quoi} à la place de chaque ... du modèle."
            )
        en_trop = [code for code in valeurs if code not in libelles]
        if en_trop:
            liste = ", ".join(f"« {code} »" for code in en_trop)
            raise IdentifiantInconnu(
                f"« {nom} » cite {liste}, qui n'est pas une tâche : les codes sont {codes}. "
                "Vérifie l'orthographe (majuscules comprises)."
            )
    taches = [{"id": code, "tache": libelles[code], "duree": durees[code],
               "predecesseurs": predecesseurs[code]} for code in libelles]
    lues = _lire_taches(taches)
    _graphe(lues)  # a cycle is reported now, where the learner wrote it
    return _table_des_taches(lues, ordre_predecesseurs=True)


def taches_sans_successeur(taches):
    """Renvoie la liste des codes des tâches qu'aucune autre n'attend (les tâches finales).

    Ce sont elles qui finissent juste avant la date cible ; une marge de sécurité planifiée comme
    une tâche tampon doit les attendre toutes. ``taches`` : un tableau des tâches ou un plan.
    """
    lues = _lire_taches(taches)
    attendues = {p for liste in lues.predecesseurs for p in liste}
    return [ident for ident in lues.ids if ident not in attendues]


def ajouter_tache(taches, ident, tache, duree, predecesseurs=""):
    """Renvoie un **nouveau** tableau des tâches : celles de ``taches`` plus une tâche à la fin.

    ``taches`` n'est pas modifié : réexécuter la cellule ne crée donc pas de doublon.
    ``predecesseurs`` s'écrit comme dans :func:`tableau_des_taches` (``"MEL, PROG"`` ou une liste).

    >>> avec_marge = ajouter_tache(taches, "MARGE", "Marge de sécurité", 6, "MEL, PROG, PAIE")
    """
    lues = _lire_taches(taches)
    code = "" if _est_vide(ident) else str(ident).strip()
    if code in lues.ids:
        raise DonneesInvalides(
            f"La tâche « {code} » est déjà dans le tableau. ajouter_tache() renvoie un nouveau "
            "tableau : repars du tableau sans elle, au lieu d'ajouter la tâche deux fois."
        )
    lignes = _table_des_taches(lues).to_dict("records")
    lignes.append({"id": ident, "tache": tache, "duree": duree, "predecesseurs": predecesseurs})
    nouvelles = _lire_taches(lignes)
    _graphe(nouvelles)
    return _table_des_taches(nouvelles)


def changer_duree(taches, ident, duree):
    """Renvoie un **nouveau** tableau des tâches où la tâche ``ident`` dure ``duree`` jours ouvrés.

    ``taches`` n'est pas modifié. Pratique pour tester une hypothèse (« et si le montage durait
    10 jours au lieu de 15 ? ») et comparer les deux plans.
    """
    lues = _lire_taches(taches)
    code = "" if _est_vide(ident) else str(ident).strip()
    if code not in lues.ids:
        raise IdentifiantInconnu(
            f"Aucune tâche n'a le code « {ident} » : les codes sont {', '.join(lues.ids)}."
        )
    lignes = _table_des_taches(lues).to_dict("records")
    lignes[lues.ids.index(code)]["duree"] = duree
    return _table_des_taches(_lire_taches(lignes))


# --------------------------------------------------------------------------- lecture d'un plan


def _lire_plan(plan, colonnes, facultatives=()):
    """Rows of a computed plan as dicts (id, tache, debut, fin, ...), in plan order."""
    if not isinstance(plan, pd.DataFrame):
        raise TypeInvalide(
            "« plan » doit être le tableau renvoyé par retroplanning() ou planning_au_plus_tot(), "
            f"pas {type(plan).__name__}."
        )
    manquantes = [c for c in colonnes if c not in plan.columns]
    if manquantes:
        noms = ", ".join(f"« {c} »" for c in manquantes)
        raise ColonneManquante(
            f"Il manque la colonne {noms} dans le plan. Colonnes attendues : "
            f"{', '.join(colonnes)}. Passe le tableau renvoyé par retroplanning()."
        )
    colonnes = list(colonnes) + [c for c in facultatives if c in plan.columns]
    valeurs = {c: plan[c].tolist() for c in colonnes}
    lignes = []
    for k, ident in enumerate(plan.index.tolist()):
        ligne = {"id": str(ident).strip()}
        for c in colonnes:
            ligne[c] = valeurs[c][k]
        ligne["debut"] = _en_date(ligne["debut"], f"debut de la tâche « {ligne['id']} »")
        ligne["fin"] = _en_date(ligne["fin"], f"fin de la tâche « {ligne['id']} »")
        if "critique" in ligne:
            ligne["critique"] = bool(ligne["critique"])
        if "predecesseurs" in ligne:
            ligne["predecesseurs"] = _lire_predecesseurs(ligne["predecesseurs"]) or []
        lignes.append(ligne)
    return lignes


def _par_debut(lignes):
    """Rows sorted by start date; ties keep plan order, so predecessors come first."""
    return sorted(lignes, key=lambda ligne: ligne["debut"])


def _jours(n):
    return f"{n} jour ouvré" if n == 1 else f"{n} jours ouvrés"


def _description(ligne, noms):
    phrases = [f"Durée : {_jours(int(ligne['duree']))}"]
    if ligne["predecesseurs"]:
        liste = ", ".join(f"{noms.get(p, p)} ({p})" for p in ligne["predecesseurs"])
        phrases.append(f"Prédécesseurs : {liste}")
    else:
        phrases.append("Prédécesseurs : aucun")
    if ligne["critique"]:
        phrases.append("Tâche critique")
    return phrases


# --------------------------------------------------------------------------- affichage en français


class TableauFrancais:
    """Un petit tableau écrit pour une lectrice française (dates en lettres, « oui » / « non »).

    Un notebook l'affiche en HTML (toutes les colonnes visibles, sans texte coupé) ;
    ``print(tableau)`` en donne une version texte. ``lignes`` : des listes de textes.
    """

    def __init__(self, colonnes, lignes, *, titre=None, alignement=None):
        self.colonnes = list(colonnes)
        self.lignes = [list(ligne) for ligne in lignes]
        self.titre = titre
        # "g" (left) or "d" (right) per column; numbers read better aligned right.
        self.alignement = list(alignement or "g" * len(self.colonnes))

    def __len__(self):
        return len(self.lignes)

    def __str__(self):
        largeurs = [max([len(c)] + [len(ligne[k]) for ligne in self.lignes])
                    for k, c in enumerate(self.colonnes)]

        def rangee(valeurs):
            return "  ".join(v.rjust(n) if a == "d" else v.ljust(n)
                             for v, n, a in zip(valeurs, largeurs, self.alignement)).rstrip()

        sortie = [self.titre] if self.titre else []
        sortie += [rangee(self.colonnes), rangee(["-" * n for n in largeurs])]
        sortie += [rangee(ligne) for ligne in self.lignes]
        return "\n".join(sortie)

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        import html

        def cellule(balise, texte, alignement):
            cote = "right" if alignement == "d" else "left"
            return (f'<{balise} style="text-align:{cote};padding:3px 10px;white-space:nowrap">'
                    f"{html.escape(texte)}</{balise}>")

        entete = "".join(cellule("th", c, a) for c, a in zip(self.colonnes, self.alignement))
        corps = "".join(
            "<tr>" + "".join(cellule("td", v, a) for v, a in zip(ligne, self.alignement)) + "</tr>"
            for ligne in self.lignes
        )
        titre = f"<caption style=\"text-align:left;font-weight:bold\">{html.escape(self.titre)}</caption>" \
            if self.titre else ""
        return (f'<table class="obm-tableau" style="border-collapse:collapse;margin:4px 0">{titre}'
                f"<thead><tr>{entete}</tr></thead><tbody>{corps}</tbody></table>")


def tableau_jours_feries(debut, fin, zone="metropole"):
    """Affiche les jours fériés entre deux dates (comprises) et dit lesquels tombent en semaine.

    Un jour férié qui tombe un samedi ou un dimanche ne retire aucun jour ouvré au plan ; un jour
    férié en semaine, si. ``debut`` et ``fin`` : des dates ou des textes ``"2027-03-01"``.
    """
    from obm import fr

    debut, fin = _en_date(debut, "debut"), _en_date(fin, "fin")
    if fin < debut:
        raise DonneesInvalides(
            f"La fin ({date_en_francais(fin)}) est avant le début ({date_en_francais(debut)}) : "
            "inverse les deux dates."
        )
    lignes = [
        [fr.date(jour), nom,
         "en semaine : un jour ouvré de moins" if jour.weekday() < 5 else
         "un week-end : ne change rien au plan"]
        for jour, nom in _calendrier(zone).feries_entre(debut, fin)
    ]
    return TableauFrancais(["date", "jour férié", "pour le plan"], lignes,
                           titre=f"Jours fériés du {fr.date(debut, 'long')} au {fr.date(fin, 'long')}")


def tableau_plan(plan):
    """Affiche un plan (rétroplanning ou planning au plus tôt) en français, tâche par tâche.

    Dates en lettres, durées et marges en jours ouvrés, chemin critique dit par « oui » / « non »
    (jamais par la couleur seule). Le plan lui-même n'est pas modifié : ses colonnes ``debut`` et
    ``fin`` restent des dates, ``critique`` un booléen.
    """
    from obm import fr

    lignes = _lire_plan(plan, ("tache", "duree", "debut", "fin"), facultatives=("marge", "critique"))
    colonnes = ["code", "tâche", "durée (jours ouvrés)", "début", "fin"]
    alignement = "ggdgg"
    avec_marge = bool(lignes) and "marge" in lignes[0]
    avec_critique = bool(lignes) and "critique" in lignes[0]
    if avec_marge:
        colonnes.append("marge (jours ouvrés)")
        alignement += "d"
    if avec_critique:
        colonnes.append("critique")
        alignement += "g"
    rangees = []
    for ligne in lignes:
        rangee = [ligne["id"], str(ligne["tache"]), fr.nombre(int(ligne["duree"])),
                  fr.date(ligne["debut"], "court"), fr.date(ligne["fin"], "court")]
        if avec_marge:
            rangee.append(fr.nombre(int(ligne["marge"])))
        if avec_critique:
            rangee.append(fr.oui_non(ligne["critique"]))
        rangees.append(rangee)
    return TableauFrancais(colonnes, rangees, alignement=alignement)


def resumer_plan(plan):
    """Dit en une phrase où commence le plan et quelles tâches sont critiques.

    « Début au plus tard : vendredi 26 mars 2027 · tâches critiques, dans l'ordre : OFF → TOUR →
    MONT → MEL (34 jours ouvrés) ». Les tâches critiques sont rangées par date de début.
    """
    lignes = _lire_plan(plan, ("duree", "debut", "fin", "critique"))
    if not lignes:
        return "Le plan ne contient aucune tâche."
    debut = min(ligne["debut"] for ligne in lignes)
    critiques = [ligne for ligne in _par_debut(lignes) if ligne["critique"]]
    jours = sum(int(ligne["duree"]) for ligne in critiques)
    chaine = " → ".join(ligne["id"] for ligne in critiques) or "aucune"
    return (f"Début au plus tard : {date_en_francais(debut)} · tâches critiques, dans l'ordre : "
            f"{chaine} ({_jours(jours)})")


# --------------------------------------------------------------------------- Gantt

_COULEUR_CRITIQUE = "#c0392b"
_COULEUR_MARGE = "#4a7fb0"
_COULEUR_WEEKEND = "#e6e6e6"
_COULEUR_FERIE = "#f5d49a"
_COULEUR_CIBLE = "#6c3483"
_COULEUR_TEXTE_FERIE = "#7a4f00"

#: Taille (en points) des noms des jours fériés et des dates cibles au-dessus du Gantt : au moins
#: 13 pixels à l'écran dans un notebook (figure à 100 points par pouce, affichée à sa taille).
TAILLE_ETIQUETTES = 10
_ECART_ETIQUETTE = 4  # points entre le haut du graphique et la première rangée de noms
_FERIES_NOMMES_MAX = 8  # au-delà (un plan sur plusieurs saisons), les jours fériés sont colorés sans nom


def _lire_cibles(date_cible):
    if date_cible is None:
        return []
    if isinstance(date_cible, dict):
        return [(str(nom), _en_date(d, "date_cible")) for nom, d in date_cible.items()]
    if isinstance(date_cible, (list, tuple)):
        dates = [_en_date(d, "date_cible") for d in date_cible]
    else:
        dates = [_en_date(date_cible, "date_cible")]
    return [("Date cible", d) for d in dates]


def _tronquer(texte, longueur=42):
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def diagramme_gantt(plan, *, date_cible=None, titre=None, zone="metropole"):
    """Dessine le diagramme de Gantt d'un plan et renvoie la figure matplotlib.

    ``plan`` : le tableau renvoyé par :func:`retroplanning` ou :func:`planning_au_plus_tot`
    (au minimum les colonnes ``tache``, ``debut``, ``fin`` ; ``critique`` si elle existe).
    Deux plans mis bout à bout avec ``pandas.concat`` (le webinaire et le lancement) se
    dessinent aussi.

    - une ligne par tâche, de haut en bas dans l'ordre du plan ; la barre couvre les jours
      ouvrés de la tâche et s'interrompt les week-ends et jours fériés (on voit ainsi les jours
      sautés) ;
    - les tâches du chemin critique sont en rouge (légende « Chemin critique »), les autres en
      bleu ;
    - les week-ends sont grisés, les jours fériés de la zone (en semaine) colorés et nommés ;
    - ``date_cible`` (facultatif) trace une ligne verticale au début de ce jour ; on peut en
      donner plusieurs, en liste, ou en dictionnaire ``{"Webinaire": date(2027, 5, 11), …}``
      pour les nommer ;
    - un plan vide donne une figure qui dit « pas de données ».

    Afficher la figure dans un notebook : la laisser en dernière ligne de la cellule.
    L'enregistrer : ``fig.savefig("gantt.png")``.
    """
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    lignes = _lire_plan(plan, ("tache", "debut", "fin"), facultatives=("critique",))
    cal = _calendrier(zone)
    cibles = _lire_cibles(date_cible)
    titre = "Rétroplanning" if titre is None else str(titre)

    if not lignes:
        fig = Figure(figsize=(8, 2))
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(titre)
        ax.text(0.5, 0.5, "Rétroplanning : pas de données (le plan ne contient aucune tâche).",
                ha="center", va="center", transform=ax.transAxes)
        return fig

    n = len(lignes)
    jours_vus = [ligne["debut"] for ligne in lignes] + [ligne["fin"] for ligne in lignes]
    jours_vus += [d for _, d in cibles]
    premier = min(jours_vus) - timedelta(days=1)
    dernier = max(jours_vus) + timedelta(days=1)
    x0 = mdates.date2num(premier)
    nb_jours = (dernier - premier).days + 1

    fig = Figure(figsize=(11, 1.6 + 0.42 * n), layout="constrained")
    ax = fig.add_subplot()
    hauteur = (-0.5, n)

    # Une seule collection par type de jour chômé : peu d'objets à dessiner, même sur des mois.
    weekends = [
        (x0 + k, 1) for k in range(nb_jours) if (premier + timedelta(days=k)).weekday() >= 5
    ]
    ax.broken_barh(weekends, hauteur, facecolors=_COULEUR_WEEKEND, zorder=0)
    feries = [(d, nom) for d, nom in cal.feries_entre(premier, dernier) if d.weekday() < 5]
    etiquettes = []  # (x, texte, couleur, gid) : les repères nommés au-dessus du graphique
    if feries:
        ax.broken_barh([(mdates.date2num(d), 1) for d, _ in feries], hauteur,
                       facecolors=_COULEUR_FERIE, zorder=0)
        if len(feries) <= _FERIES_NOMMES_MAX:  # over many months, coloured days are enough
            etiquettes += [(mdates.date2num(d) + 0.5, nom, _COULEUR_TEXTE_FERIE,
                            f"etiquette:ferie:{d}") for d, nom in feries]

    for y, ligne in enumerate(lignes):
        segments, jour = [], ligne["debut"]
        while jour <= ligne["fin"]:
            if cal.est_ouvre(jour):
                x = mdates.date2num(jour)
                if segments and segments[-1][0] + segments[-1][1] == x:
                    segments[-1] = (segments[-1][0], segments[-1][1] + 1)
                else:
                    segments.append((x, 1))
            jour += timedelta(days=1)
        couleur = _COULEUR_CRITIQUE if ligne.get("critique") else _COULEUR_MARGE
        ax.broken_barh(segments, (y - 0.32, 0.64), facecolors=couleur, edgecolor="white",
                       linewidth=0.5, zorder=2, gid=f"tache:{ligne['id']}")

    for nom, d in cibles:
        x = mdates.date2num(d)
        ax.axvline(x, color=_COULEUR_CIBLE, linestyle="--", linewidth=1.5, zorder=3)
        etiquettes.append((x, f"{nom} : {d:%d/%m}", _COULEUR_CIBLE, f"etiquette:cible:{d}"))

    ax.set_xlim(x0, x0 + nb_jours)
    ax.set_ylim(n - 0.5, -0.5)  # première tâche en haut
    ax.set_yticks(range(n), [_tronquer(f"{ligne['id']} · {ligne['tache']}") for ligne in lignes])
    if nb_jours <= 24:
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.set_xlabel("Date (jj/mm)")
    else:
        semaines = nb_jours // 7 // 14 + 1  # au plus une quinzaine de graduations
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=semaines))
        ax.set_xlabel("Date (jj/mm) — graduations le lundi")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.tick_params(axis="x", labelsize=9)
    ax.grid(axis="x", color="#bbbbbb", linewidth=0.5, zorder=1)
    ax.set_axisbelow(True)
    # The title goes above the whole figure, so that the named marks sit between it and the axes.
    fig.suptitle(titre, fontsize=12)

    legende = [
        Patch(facecolor=_COULEUR_CRITIQUE, label="Chemin critique"),
        Patch(facecolor=_COULEUR_MARGE, label="Tâche avec marge"),
        Patch(facecolor=_COULEUR_WEEKEND, label="Week-end"),
    ]
    if feries:
        legende.append(Patch(facecolor=_COULEUR_FERIE, label="Jour férié"))
    if cibles:
        legende.append(Line2D([], [], color=_COULEUR_CIBLE, linestyle="--", label="Date cible"))
    fig.legend(handles=legende, loc="outside lower center", ncols=len(legende), frameon=False,
               fontsize=9)
    _placer_etiquettes(fig, ax, etiquettes)
    if not fig.get_label():
        fig.set_label(_texte_alternatif_gantt(titre, lignes, feries, cibles))
    return fig


def _texte_alternatif_gantt(titre, lignes, feries, cibles):
    from obm import fr

    debut = min(ligne["debut"] for ligne in lignes)
    fin = max(ligne["fin"] for ligne in lignes)
    texte = (f"Diagramme de Gantt « {titre} » : {len(lignes)} tâches, une barre par tâche, du "
             f"{fr.date(debut)} au {fr.date(fin)} ; en rouge les tâches du chemin critique, en "
             "bleu celles qui ont de la marge ; les week-ends sont grisés")
    if feries:
        noms = [f"{nom} le {fr.date(d, 'long')}" for d, nom in feries[:_FERIES_NOMMES_MAX]]
        if len(feries) > _FERIES_NOMMES_MAX:
            noms.append(f"et {len(feries) - _FERIES_NOMMES_MAX} autres")
        texte += ", les jours fériés en semaine colorés (" + ", ".join(noms) + ")"
    if cibles:
        texte += " ; un trait violet en pointillés marque " + ", ".join(
            f"la date cible « {nom} » ({fr.date(d)})" for nom, d in cibles)
    return texte + "."


def _placer_etiquettes(fig, ax, etiquettes):
    """Name each holiday and target above the axes, horizontally, on as few rows as needed.

    Each label ends at its day (right-aligned) with a thin vertical link down to the axes.
    Labels are taken from left to right; each goes on the lowest row that is free from its left
    edge on, neither a label nor a link there. Its link then takes the rows below it up to its
    day, so a later label never slides under a link: no link runs through a label.
    """
    from matplotlib.text import Text
    from matplotlib.transforms import blended_transform_factory

    if not etiquettes:
        return
    haut = blended_transform_factory(ax.transData, ax.transAxes)  # x en dates, y en axes
    textes = []
    for x, texte, couleur, gid in sorted(etiquettes, key=lambda e: e[0]):
        textes.append(ax.annotate(
            texte, xy=(x, 1), xycoords=haut, xytext=(0, _ECART_ETIQUETTE),
            textcoords="offset points", ha="right", va="bottom", fontsize=TAILLE_ETIQUETTES,
            color=couleur, gid=gid, annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": couleur, "linewidth": 0.8,
                        "relpos": (1, 0), "shrinkA": 0, "shrinkB": 0}))
    # One layout pass gives the names' widths and the days' positions; adding rows then only makes
    # the figure taller, so the spacing kept between two names (one em) absorbs what moves.
    marge_px = TAILLE_ETIQUETTES * fig.dpi / 72
    fig.draw_without_rendering()
    fins = []  # fins[k]: right edge (pixels) of the last name placed on row k
    for texte in textes:
        boite = Text.get_window_extent(texte)  # the words only, not the link below them
        niveau = next((k for k, fin in enumerate(fins) if boite.x0 >= fin + marge_px), len(fins))
        if niveau == len(fins):
            fins.append(boite.x1)
        # Its row, and the rows below that its link crosses, are taken up to its right edge.
        for k in range(niveau + 1):
            fins[k] = max(fins[k], boite.x1)
        texte.xyann = (0, _ECART_ETIQUETTE + niveau * TAILLE_ETIQUETTES * 1.6)
    # The figure grows by the height of the rows, so the chart itself keeps its size.
    largeur, hauteur = fig.get_size_inches()
    fig.set_size_inches(largeur, hauteur + len(fins) * TAILLE_ETIQUETTES * 1.6 / 72 + 0.1)


# --------------------------------------------------------------------------- exports


def _uid(nom_calendrier, ident):
    empreinte = hashlib.sha256(f"{nom_calendrier}\x1f{ident}".encode()).hexdigest()[:24]
    return f"{empreinte}@academie-obm"


def exporter_ics(plan, chemin, *, nom_calendrier="Rétroplanning",
                 horodatage=datetime(2027, 1, 1, 0, 0, 0, tzinfo=UTC)):
    """Écrit le plan dans un fichier agenda ``.ics`` (iCalendar, RFC 5545) et renvoie son chemin.

    Le fichier s'importe dans Google Agenda, Outlook, Apple Calendrier, Thunderbird… :

    - un événement « journée entière » par tâche, du ``debut`` à la ``fin`` (dans le fichier,
      la fin est le lendemain de ``fin`` : c'est la convention iCalendar, fin exclue) ;
    - le titre est le nom de la tâche ; la description donne la durée en jours ouvrés, les
      prédécesseurs et « Tâche critique » si la tâche est sur le chemin critique ;
    - chaque tâche garde le même identifiant (UID) d'un export à l'autre (il dépend du nom du
      calendrier et de l'id de la tâche) : réimporter un plan modifié met à jour les
      événements au lieu de les doubler, dans les agendas qui le permettent ;
    - ``horodatage`` (DTSTAMP) est fixe, pour que le même plan donne exactement le même fichier.

    ``plan`` : le tableau renvoyé par :func:`retroplanning` ou :func:`planning_au_plus_tot`.
    """
    from icalendar import Calendar, Event

    lignes = _lire_plan(plan, ("tache", "duree", "predecesseurs", "debut", "fin", "critique"))
    if not isinstance(horodatage, datetime) or horodatage.tzinfo is None:
        raise DonneesInvalides(
            "« horodatage » doit être une date et heure avec fuseau, par exemple "
            "datetime(2027, 1, 1, tzinfo=timezone.utc)."
        )
    horodatage = horodatage.astimezone(UTC)
    noms = {ligne["id"]: ligne["tache"] for ligne in lignes}

    agenda = Calendar()
    agenda.add("prodid", "-//Académie OBM//obm.planification//FR")
    agenda.add("version", "2.0")
    agenda.add("calscale", "GREGORIAN")
    agenda.add("x-wr-calname", str(nom_calendrier))
    for ligne in lignes:
        evenement = Event()
        evenement.add("uid", _uid(nom_calendrier, ligne["id"]))
        evenement.add("dtstamp", horodatage)
        evenement.add("dtstart", ligne["debut"])
        evenement.add("dtend", ligne["fin"] + timedelta(days=1))
        evenement.add("summary", ligne["tache"])
        evenement.add("description", "\n".join(_description(ligne, noms)))
        evenement.add("transp", "TRANSPARENT")  # une tâche n'occupe pas tout l'agenda
        agenda.add_component(evenement)

    chemin = Path(chemin)
    chemin.write_bytes(agenda.to_ical())
    return chemin


def _ecrire_csv(chemin, entetes, rangees):
    chemin = Path(chemin)
    # UTF-8 sans BOM, virgule, fins de ligne CRLF (RFC 4180) : ce que lisent les importeurs web.
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.writer(fichier, lineterminator="\r\n")
        ecrivain.writerow(entetes)
        ecrivain.writerows(rangees)
    return chemin


def exporter_asana_csv(plan, chemin, *, responsables=None):
    """Écrit le plan en CSV pour l'importeur CSV d'Asana et renvoie le chemin du fichier.

    Colonnes (noms anglais, qu'Asana reconnaît tout seul), dans l'ordre que demande son aide :
    ``Name`` (nom de la tâche), ``Description`` (durée, prédécesseurs, « Tâche critique »),
    ``Assignee`` (seulement si ``responsables`` est donné), ``Start Date`` et ``Due Date``
    (format MM/JJ/AAAA attendu par Asana, ex. 05/14/2027), ``Dependencies`` (noms des tâches
    prédécesseurs, séparés par des virgules).

    ``responsables`` (facultatif) : un dictionnaire ``{id de tâche: adresse e-mail}``. Asana
    n'accepte **qu'une** personne responsable par tâche, désignée par l'adresse e-mail de son
    compte : une adresse par tâche, sans virgule. Une tâche absente du dictionnaire reste sans
    responsable.

    Les lignes sont triées par date de début : chaque prédécesseur est donc au-dessus de ses
    successeurs, comme l'importeur l'exige pour relier les dépendances par leur nom. Pour que
    ce lien soit sans ambiguïté, un prédécesseur doit avoir un nom unique et sans virgule.
    Fichier UTF-8 sans BOM, séparateur virgule.

    À l'import : la date de début demande un abonnement payant (sinon Asana la met dans la
    description) ; vérifie l'association des colonnes à l'écran d'aperçu.
    """
    lignes = _lire_plan(plan, ("tache", "duree", "predecesseurs", "debut", "fin", "critique"))
    noms = {ligne["id"]: ligne["tache"] for ligne in lignes}
    _verifier_noms_dependances(lignes, noms)
    adresses = _lire_responsables(responsables, noms)
    rangees = []
    for ligne in _par_debut(lignes):
        rangee = [ligne["tache"], ". ".join(_description(ligne, noms)) + "."]
        if adresses is not None:
            rangee.append(adresses.get(ligne["id"], ""))
        rangee += [f"{ligne['debut']:%m/%d/%Y}", f"{ligne['fin']:%m/%d/%Y}",
                   ",".join(noms[p] for p in ligne["predecesseurs"])]
        rangees.append(rangee)
    entetes = ["Name", "Description"] + (["Assignee"] if adresses is not None else [])
    entetes += ["Start Date", "Due Date", "Dependencies"]
    return _ecrire_csv(chemin, entetes, rangees)


def _lire_responsables(responsables, noms, *, adresse=True):
    """``{id: one person}`` checked against the plan (None when not given)."""
    if responsables is None:
        return None
    if not isinstance(responsables, dict):
        raise TypeInvalide(
            "« responsables » doit être un dictionnaire {id de tâche: personne}, par exemple "
            "{\"OFF\": \"clara@example.com\"}.")
    lus = {}
    for ident, qui in responsables.items():
        cle = str(ident).strip()
        if cle not in noms:
            raise IdentifiantInconnu(f"« {cle} » n'est pas une tâche du plan : vérifie son code.")
        if not isinstance(qui, str) or not qui.strip():
            raise TypeInvalide(f"Le responsable de « {cle} » doit être un texte, pas {qui!r}.")
        qui = qui.strip()
        if "," in qui or ";" in qui:
            raise DonneesInvalides(
                f"La tâche « {cle} » a plusieurs responsables ({qui}) : un outil comme Asana "
                "n'en accepte qu'un par tâche. Garde la personne qui fait la tâche ; les autres "
                "suivent la tâche (collaboratrices dans Asana).")
        if adresse and "@" not in qui:
            raise DonneesInvalides(
                f"« {qui} », responsable de « {cle} », n'est pas une adresse e-mail : Asana "
                "reconnaît une personne à l'adresse e-mail de son compte.")
        lus[cle] = qui
    return lus


def _verifier_noms_dependances(lignes, noms):
    inconnus = sorted({p for ligne in lignes for p in ligne["predecesseurs"] if p not in noms})
    if inconnus:
        raise IdentifiantInconnu(
            f"Le plan cite des prédécesseurs absents du plan : {', '.join(inconnus)}. "
            "Exporte le plan complet renvoyé par retroplanning()."
        )
    cites = {p for ligne in lignes for p in ligne["predecesseurs"]}
    par_nom = {}
    for ident, nom in noms.items():
        par_nom.setdefault(nom, []).append(ident)
    problemes = []
    for ident in sorted(cites):
        if "," in noms[ident]:
            problemes.append(f"« {ident} » a une virgule dans son nom")
        elif len(par_nom[noms[ident]]) > 1:
            autres = ", ".join(par_nom[noms[ident]])
            problemes.append(f"« {ident} » porte le même nom que d'autres tâches ({autres})")
    if problemes:
        raise DonneesInvalides(
            "Asana relie les dépendances par le nom des tâches, séparés par des virgules : "
            f"{' ; '.join(problemes)}. Donne à ces tâches un nom unique, sans virgule."
        )


def exporter_monday_csv(plan, chemin, *, responsables=None):
    """Écrit le plan en CSV pour l'import de tableau (« Import data ») de monday.com.

    Colonnes, dans cet ordre (la première devient le nom de l'élément) :
    ``Tâche``, ``Identifiant``, ``Début`` et ``Fin`` (dates AAAA-MM-JJ, que monday reconnaît
    comme colonnes Date), ``Durée (jours ouvrés)`` (nombre), ``Dépend de`` (noms des
    prédécesseurs, séparés par des virgules : du texte, à relier ensuite dans une colonne
    Dépendance), ``Chemin critique`` (« Oui » / « Non », à associer à une colonne Statut), et,
    si ``responsables`` est donné (``{id de tâche: adresse e-mail}``), ``Responsable``, à
    associer à une colonne Personnes.

    Lignes triées par date de début. Fichier UTF-8 sans BOM, séparateur virgule.
    """
    lignes = _lire_plan(plan, ("tache", "duree", "predecesseurs", "debut", "fin", "critique"))
    noms = {ligne["id"]: ligne["tache"] for ligne in lignes}
    adresses = _lire_responsables(responsables, noms)
    rangees = []
    for ligne in _par_debut(lignes):
        rangee = [
            ligne["tache"],
            ligne["id"],
            ligne["debut"].isoformat(),
            ligne["fin"].isoformat(),
            int(ligne["duree"]),
            ", ".join(noms.get(p, p) for p in ligne["predecesseurs"]),
            "Oui" if ligne["critique"] else "Non",
        ]
        if adresses is not None:
            rangee.append(adresses.get(ligne["id"], ""))
        rangees.append(rangee)
    entetes = ["Tâche", "Identifiant", "Début", "Fin", "Durée (jours ouvrés)", "Dépend de",
               "Chemin critique"] + (["Responsable"] if adresses is not None else [])
    return _ecrire_csv(chemin, entetes, rangees)


class _Apercu:
    """The first lines of each exported file, shown one under the other (text and HTML)."""

    def __init__(self, morceaux):
        self.morceaux = morceaux  # [(titre, texte)]

    def __str__(self):
        return "\n\n".join(f"{titre}\n{texte}" for titre, texte in self.morceaux)

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        import html

        return "".join(
            f'<p style="margin:8px 0 2px"><b>{html.escape(titre)}</b></p>'
            f'<pre style="margin:0;padding:6px;background:#f6f6f6;overflow-x:auto">'
            f"{html.escape(texte)}</pre>"
            for titre, texte in self.morceaux
        )


def apercu_exports(plan, lignes=6):
    """Montre les premières lignes des trois fichiers qu'écrivent les exports, sans rien garder.

    Pour voir à quoi ressemblent le fichier agenda (:func:`exporter_ics`), le CSV pour Asana
    (:func:`exporter_asana_csv`) et le CSV pour monday.com (:func:`exporter_monday_csv`) d'un
    plan. Les fichiers sont écrits dans un dossier de brouillon, lus, puis effacés : pour les
    garder, appelle les exports avec un chemin de ``livrables/`` (voir ``obm.livrables``).
    """
    import tempfile

    if isinstance(lignes, bool) or not isinstance(lignes, numbers.Integral) or lignes < 1:
        raise TypeInvalide(f"« lignes » doit être un nombre entier positif, par exemple 6, pas {lignes!r}.")
    morceaux = []
    with tempfile.TemporaryDirectory(prefix="obm-apercu-") as dossier:
        for titre, fonction, nom in (
            ("Agenda (.ics)", exporter_ics, "plan.ics"),
            ("Asana (CSV)", exporter_asana_csv, "asana.csv"),
            ("monday.com (CSV)", exporter_monday_csv, "monday.csv"),
        ):
            texte = fonction(plan, Path(dossier) / nom).read_text(encoding="utf-8")
            debut = texte.splitlines()[: int(lignes)]
            morceaux.append((titre, "\n".join(debut) + "\n…"))
    return _Apercu(morceaux)
