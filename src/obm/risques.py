"""Les imprévus : valeur monétaire attendue d'un risque et tampon de projet (chaîne critique).

- ``valeur_monetaire_attendue(probabilite, impact)`` = probabilité × impact en euros
  (PMBOK 6, § 11.4) ; négative pour une menace, positive pour une opportunité. Pour une liste de
  risques, la somme des valeurs : c'est l'ordre de grandeur de la réserve pour aléas.
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

__all__ = ["METHODES_TAMPON", "tampon_projet", "valeur_monetaire_attendue"]

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
