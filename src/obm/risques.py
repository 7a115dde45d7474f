"""Les imprévus : valeur monétaire attendue d'un risque et tampon de projet (chaîne critique).

- ``valeur_monetaire_attendue(probabilite, impact)`` = probabilité × impact en euros
  (PMBOK 6, § 11.4) ; négative pour une menace, positive pour une opportunité. Pour une liste de
  risques, la somme des valeurs : c'est l'ordre de grandeur de la réserve pour aléas.
- ``registre_des_risques(risques)`` : le registre des risques (cause → événement → effet,
  probabilité et impact notés de 1 à 5, criticité P × I, propriétaire, réponse, déclencheur,
  risque résiduel…), contrôlé colonne par colonne ; ``exporter_registre_csv`` l'écrit pour un
  tableur français (séparateur « ; », UTF-8 avec BOM).
- Les réponses du PMBOK 6 (§ 11.5), en français : ``REPONSES_MENACE`` (escalader, éviter,
  transférer, atténuer, accepter) et ``REPONSES_OPPORTUNITE`` (escalader, exploiter, partager,
  améliorer, accepter).
- ``tampon_projet(durees_sures, durees_agressives, methode=...)`` : la chaîne critique
  (E. Goldratt, *Critical Chain*, 1997) retire la sécurité de chaque tâche (durées
  « agressives ») et la regroupe dans un seul tampon en fin de projet, plus petit que la somme
  des sécurités retirées.
"""

from __future__ import annotations

import math
import unicodedata

from obm import _validation as v
from obm._affichage import nombre as _fr
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = [
    "COLONNES_REGISTRE",
    "METHODES_TAMPON",
    "REPONSES_MENACE",
    "REPONSES_OPPORTUNITE",
    "criticite",
    "exporter_registre_csv",
    "lire_registre_csv",
    "niveau_criticite",
    "registre_des_risques",
    "taches_du_lancement",
    "tampon_projet",
    "valeur_monetaire_attendue",
]

METHODES_TAMPON = {
    "racine": "racine de la somme des carrés des sécurités retirées : √Σ(sûre − agressive)²",
    "moitie": "moitié de la chaîne agressive : 50 % × Σ agressive (« couper-coller »)",
}
"""Les deux façons de dimensionner le tampon de projet que propose le cours."""


def _methode(methode) -> str:
    if not isinstance(methode, str):
        raise TypeInvalide(
            f'`methode` doit être le texte "racine" ou "moitie", pas {methode!r:.40}.'
        )
    sans_accent = "".join(c for c in unicodedata.normalize("NFKD", methode.strip().lower())
                          if not unicodedata.combining(c))
    if sans_accent not in METHODES_TAMPON:
        raise DonneesInvalides(
            f'`methode` vaut « {methode} » : choisis "racine" (racine de la somme des carrés des '
            'sécurités retirées) ou "moitie" (50 % de la chaîne agressive).'
        )
    return sans_accent


def tampon_projet(durees_sures, durees_agressives, *, methode="racine"):
    """Tampon de projet de la chaîne critique, en jours ouvrés, non arrondi.

    ``durees_sures`` et ``durees_agressives`` : les durées de chaque tâche de la chaîne, dans le
    même ordre (deux listes, ou deux colonnes d'un tableau), en jours ouvrés. La durée sûre
    contient la marge que chacun prend « au cas où » ; la durée agressive, non.

    - ``methode="racine"`` (par défaut) : √Σ(sûre − agressive)², la racine de la somme des
      carrés des sécurités retirées ;
    - ``methode="moitie"`` : 50 % de la somme des durées agressives (« couper-coller »), qui
      tend à surdimensionner le tampon des longues chaînes.

    Exemple : tâches 10/6, 8/5, 6/4 et 4/2 jours → ``tampon_projet([10, 8, 6, 4], [6, 5, 4, 2])``
    = √33 ≈ 5,74 jours (et 8,5 jours avec ``methode="moitie"``), au lieu des 11 jours de
    sécurité ajoutés tâche par tâche. Arrondis au jour supérieur quand tu le planifies.
    """
    nom_methode = _methode(methode)
    sures = v.elements(durees_sures, "durees_sures", exemple="[10, 8, 6, 4]",
                       quoi="une liste de durées")
    agressives = v.elements(durees_agressives, "durees_agressives", exemple="[6, 5, 4, 2]",
                            quoi="une liste de durées")
    if len(sures) != len(agressives):
        raise DonneesInvalides(
            f"`durees_sures` a {len(sures)} durée{'s' if len(sures) > 1 else ''} et `durees_agressives` "
            f"{len(agressives)} : "
            "il faut une durée sûre et une durée agressive pour chaque tâche, dans le même ordre."
        )
    ecarts, total_agressif = [], []
    for (ou_s, brute_s), (ou_a, brute_a) in zip(sures, agressives):
        sure = v.montant(brute_s, "durees_sures", ou_s, unite="j")
        agressive = v.montant(brute_a, "durees_agressives", ou_a, unite="j")
        if sure < agressive:
            raise DonneesInvalides(
                f"`durees_sures`{ou_s} ({_fr(sure)} j) est plus courte que `durees_agressives`{ou_a} "
                f"({_fr(agressive)} j) : la durée sûre contient la sécurité, elle est au moins aussi "
                "longue que la durée agressive. As-tu inversé les deux listes ?"
            )
        ecarts.append(sure - agressive)
        total_agressif.append(agressive)
    if nom_methode == "moitie":
        return 0.5 * v.somme(total_agressif, "La somme des durées agressives")
    return math.sqrt(v.somme([e * e for e in ecarts], "La somme des carrés"))


def valeur_monetaire_attendue(probabilite, impact):
    """Valeur monétaire attendue (VMA) = probabilité × impact en euros.

    - ``probabilite`` : une fraction entre 0 et 1 (0.3 pour 30 %) ;
    - ``impact`` : en euros, **négatif pour une menace** (une perte), positif pour une
      opportunité (un gain).

    Pour plusieurs risques, donne deux listes dans le même ordre (ou deux colonnes du
    registre) : le résultat est la somme des probabilité × impact de chaque risque.
    Exemple : « vidéos de Hugo en retard d'une semaine », 30 % de chances, 600 € de perte →
    ``valeur_monetaire_attendue(0.3, -600)`` = −180.0 €. Le résultat n'est pas arrondi.
    """
    une_seule = not _est_collection(probabilite) and not _est_collection(impact)
    if une_seule:
        p = v.taux(probabilite, "probabilite")
        i = v.nombre(impact, "impact")
        return v.fini(p * i, "La valeur monétaire attendue")
    if not (_est_collection(probabilite) and _est_collection(impact)):
        raise TypeInvalide(
            "Donne soit une probabilité et un impact (deux nombres), soit deux listes de même "
            "longueur (une probabilité et un impact par risque), pas un nombre et une liste."
        )
    probabilites = v.elements(probabilite, "probabilite", exemple="[0.3, 0.1]",
                              quoi="une liste de probabilités")
    impacts = v.elements(impact, "impact", exemple="[-600, -250]", quoi="une liste d'impacts en euros")
    if len(probabilites) != len(impacts):
        raise DonneesInvalides(
            f"`probabilite` a {len(probabilites)} valeur{'s' if len(probabilites) > 1 else ''} et `impact` "
            f"{len(impacts)} : il faut une "
            "probabilité et un impact par risque, dans le même ordre."
        )
    produits = [v.taux(p, "probabilite", ou_p) * v.nombre(i, "impact", ou_i)
                for (ou_p, p), (ou_i, i) in zip(probabilites, impacts)]
    return v.somme(produits, "La valeur monétaire attendue")


def _est_collection(valeur) -> bool:
    if isinstance(valeur, (str, bytes, dict)):
        return False
    return isinstance(valeur, (list, tuple, range)) or (
        hasattr(valeur, "__len__") and getattr(valeur, "ndim", 0) >= 1
    )


# --------------------------------------------------------------------------- réponses aux risques

REPONSES_MENACE = {
    "escalader": "le risque dépasse le projet ou ton autorité : tu le remontes à qui peut décider",
    "éviter": "changer le plan pour que la menace ne puisse plus se produire (sa cause disparaît)",
    "transférer": "faire porter la conséquence par un tiers : assurance, prix forfaitaire, pénalités",
    "atténuer": "réduire la probabilité ou l'impact : une solution de secours, un test, un jalon",
    "accepter": "la garder au registre et la surveiller (passive), avec une réserve si besoin (active)",
}
"""Les cinq réponses à une menace du PMBOK 6 (2017, § 11.5.2.4), en français."""

REPONSES_OPPORTUNITE = {
    "escalader": "l'opportunité dépasse le projet : tu la remontes à qui peut décider",
    "exploiter": "faire en sorte qu'elle se produise à coup sûr",
    "partager": "s'associer à un tiers mieux placé pour la saisir, et partager le gain",
    "améliorer": "augmenter sa probabilité ou son effet positif",
    "accepter": "la garder au registre et en profiter si elle se présente",
}
"""Les cinq réponses à une opportunité du PMBOK 6 (2017, § 11.5.2.5), en français."""

NATURES = ("menace", "opportunité")

COLONNES_REGISTRE = (
    "id", "nature", "cause", "evenement", "effet", "categorie", "probabilite", "impact",
    "criticite", "niveau", "proprietaire", "reponse", "actions", "declencheur",
    "risque_residuel", "statut", "date_revue",
)
"""Les colonnes du registre des risques, dans l'ordre du fichier exporté."""

_OBLIGATOIRES = ("id", "nature", "evenement", "probabilite", "impact", "proprietaire", "reponse")
_TEXTES = ("cause", "effet", "categorie", "actions", "declencheur", "risque_residuel", "statut",
           "date_revue")

NIVEAUX = {"faible": "🟢", "moyenne": "🟠", "forte": "🔴"}
"""Les niveaux de criticité du cours et leur icône (toujours avec le mot)."""


def _sans_accent(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte.strip().lower())
                   if not unicodedata.combining(c))


def _note(valeur, nom: str, ou: str = "") -> int:
    return v.entier(valeur, nom, ou, bas=1, haut=5, quoi="une note entière de 1 à 5")


def criticite(probabilite, impact) -> int:
    """Criticité d'un risque = probabilité × impact, chacun noté de 1 (très faible) à 5 (très fort).

    Le résultat va de 1 à 25 : c'est la case de la matrice probabilité × impact. Exemple : un
    risque probable (4) à l'impact fort (4) a une criticité de 16, un risque rare (1) à l'impact
    très fort (5), de 5. On **multiplie** : un risque presque impossible reste bas, même grave.
    """
    return _note(probabilite, "probabilite") * _note(impact, "impact")


def niveau_criticite(score) -> str:
    """Le niveau d'une criticité (1 à 25) : « faible » jusqu'à 4, « moyenne » de 5 à 9, « forte »
    à partir de 10. C'est la convention du cours ; chaque projet fixe la sienne et la dit."""
    note = v.entier(score, "score", bas=1, haut=25, quoi="une criticité entière de 1 à 25")
    if note >= 10:
        return "forte"
    return "moyenne" if note >= 5 else "faible"


def _reponse(nature: str, reponse, ident: str) -> str:
    if not isinstance(reponse, str) or not reponse.strip():
        raise TypeInvalide(f"Le risque « {ident} » n'a pas de réponse : écris-la en toutes lettres, "
                           "par exemple \"atténuer\".")
    permises = REPONSES_MENACE if nature == "menace" else REPONSES_OPPORTUNITE
    for nom in permises:
        if _sans_accent(nom) == _sans_accent(reponse):
            return nom
    autres = REPONSES_OPPORTUNITE if nature == "menace" else REPONSES_MENACE
    if any(_sans_accent(nom) == _sans_accent(reponse) for nom in autres):
        raise DonneesInvalides(
            f"Le risque « {ident} » est une {nature} et sa réponse est « {reponse} », une réponse "
            f"réservée aux {'opportunités' if nature == 'menace' else 'menaces'}. Les réponses à une "
            f"{nature} : {', '.join(permises)}."
        )
    raise DonneesInvalides(
        f"« {reponse} » n'est pas une réponse du PMBOK pour le risque « {ident} ». Choisis parmi : "
        f"{', '.join(permises)}."
    )


def registre_des_risques(risques):
    """Construit le registre des risques : un tableau contrôlé, une ligne par risque.

    ``risques`` : une liste de dictionnaires (ou un tableau) avec au moins ``id``, ``nature``
    (« menace » ou « opportunité »), ``evenement`` (ce qui pourrait arriver), ``probabilite`` et
    ``impact`` (deux notes entières de 1 à 5), ``proprietaire`` (**une** personne, qui surveille
    et déclenche la réponse) et ``reponse`` (une réponse du PMBOK adaptée à sa nature). Les
    autres colonnes (``cause``, ``effet``, ``categorie``, ``actions``, ``declencheur``,
    ``risque_residuel``, ``statut``, ``date_revue``) sont facultatives : vides si absentes.

    Le registre calcule ``criticite`` (probabilité × impact) et ``niveau`` (faible, moyenne,
    forte) et garde l'ordre donné. Une colonne manquante, une note hors de 1 à 5, un identifiant
    en double ou une réponse qui ne va pas avec la nature lèvent une erreur qui dit quoi corriger.
    """
    import pandas as pd

    if isinstance(risques, pd.DataFrame):
        lignes = risques.to_dict("records")
    elif isinstance(risques, (list, tuple)) and all(isinstance(r, dict) for r in risques):
        lignes = [dict(r) for r in risques]
    else:
        raise TypeInvalide("`risques` doit être une liste de dictionnaires (un par risque) ou un "
                           "tableau, par exemple [{\"id\": \"R1\", \"nature\": \"menace\", …}].")
    if not lignes:
        raise DonneesInvalides("Le registre est vide : ajoute au moins un risque.")
    vus, sortie = set(), []
    for numero, ligne in enumerate(lignes, start=1):
        manquantes = [c for c in _OBLIGATOIRES if c not in ligne or _vide(ligne[c])]
        ident = str(ligne.get("id", f"n°\u00a0{numero}")).strip()
        if manquantes:
            raise DonneesInvalides(
                f"Le risque « {ident} » n'a pas de {', '.join(manquantes)} : ces colonnes sont "
                "obligatoires dans le registre."
            )
        if ident in vus:
            raise DonneesInvalides(f"Deux risques ont l'identifiant « {ident} » : donne-leur des "
                                   "identifiants différents (R1, R2…).")
        vus.add(ident)
        nature = _sans_accent(str(ligne["nature"]))
        if nature not in ("menace", "opportunite"):
            raise DonneesInvalides(f"La nature du risque « {ident} » est « {ligne['nature']} » : "
                                   "écris « menace » ou « opportunité ».")
        nature = "menace" if nature == "menace" else "opportunité"
        p = _note(ligne["probabilite"], "probabilite", f" du risque « {ident} »")
        i = _note(ligne["impact"], "impact", f" du risque « {ident} »")
        rangee = {
            "id": ident, "nature": nature, "evenement": str(ligne["evenement"]).strip(),
            "probabilite": p, "impact": i, "criticite": p * i, "niveau": niveau_criticite(p * i),
            "proprietaire": str(ligne["proprietaire"]).strip(),
            "reponse": _reponse(nature, ligne["reponse"], ident),
        }
        for colonne in _TEXTES:
            valeur = ligne.get(colonne, "")
            rangee[colonne] = "" if _vide(valeur) else str(valeur).strip()
        sortie.append(rangee)
    return pd.DataFrame(sortie, columns=list(COLONNES_REGISTRE))


def _vide(valeur) -> bool:
    if valeur is None:
        return True
    if isinstance(valeur, float) and math.isnan(valeur):
        return True
    return isinstance(valeur, str) and not valeur.strip()


def exporter_registre_csv(registre, chemin) -> str:
    """Écrit le registre des risques en CSV pour un tableur français et renvoie son chemin.

    Séparateur « ; » et encodage UTF-8 avec BOM : Excel en français et LibreOffice l'ouvrent
    d'un double clic, accents compris. Les colonnes sont celles de :data:`COLONNES_REGISTRE`.
    """
    import csv
    import os

    tableau = registre_des_risques(registre)
    with open(chemin, "w", encoding="utf-8-sig", newline="") as fichier:
        ecrivain = csv.writer(fichier, delimiter=";")
        ecrivain.writerow(COLONNES_REGISTRE)
        for ligne in tableau.to_dict("records"):
            ecrivain.writerow([ligne[c] for c in COLONNES_REGISTRE])
    return os.fspath(chemin)


def lire_registre_csv(chemin):
    """Relit un registre écrit par :func:`exporter_registre_csv` (un tableau pandas)."""
    import pandas as pd

    return pd.read_csv(chemin, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------- le plan du lancement

_TACHES_LANCEMENT = (
    ("OFF", "Valider l'offre et les prix", 1, ""),
    ("TOUR", "Tourner les vidéos du programme", 15, "OFF"),
    ("MONT", "Monter les vidéos (Hugo)", 15, "TOUR"),
    ("MEL", "Mettre les modules en ligne (Léa)", 3, "MONT"),
    ("PAGE", "Écrire la page de vente (Samir)", 5, "OFF"),
    ("INT", "Intégrer la page de vente (Léa)", 2, "PAGE"),
    ("PAIE", "Paramétrer le paiement en 3 fois", 1, "OFF"),
)


def taches_du_lancement():
    """Les sept tâches principales du lancement de Clara, celles de la leçon 03.

    Un tableau ``id``, ``tache``, ``duree`` (jours ouvrés), ``predecesseurs``, à donner à
    ``retroplanning`` ou à ``planning_au_plus_tot`` (module 03). Ce sont les tâches que la
    leçon 03 écrit en entier (sans la bande-annonce ni les e-mails de l'exercice 03) : le plan
    complet de l'équipe est celui que tu as construit dans l'exercice 03.
    """
    from obm.planification import tableau_des_taches

    libelles = {code: tache for code, tache, _, _ in _TACHES_LANCEMENT}
    durees = {code: duree for code, _, duree, _ in _TACHES_LANCEMENT}
    predecesseurs = {code: preds for code, _, _, preds in _TACHES_LANCEMENT}
    return tableau_des_taches(libelles, durees, predecesseurs)
