"""Le plan de projet : estimer une charge à trois points et cumuler des estimations.

L'estimation à trois points (méthode PERT, US Navy, programme Polaris, 1958) demande trois
chiffres pour une tâche : le plus court raisonnable (optimiste, O), le plus probable (M) et le
plus long raisonnable (pessimiste, P). On en tire :

- l'espérance (la charge à prévoir) = (O + 4M + P) ÷ 6 ;
- l'écart-type (l'incertitude) = (P − O) ÷ 6 ;
- la variance = écart-type².

Pour des tâches indépendantes faites l'une après l'autre, on additionne les espérances et les
**variances**, puis on prend la racine carrée : jamais on n'additionne les écarts-types.

Exemple :

    from obm.projet import estimation_trois_points, cumuler_estimations
    montage = estimation_trois_points(4, 6, 14)     # heures de montage d'une vidéo
    montage.esperance                               # 7.0
    huit = cumuler_estimations([montage] * 8)       # huit vidéos
    huit.esperance, huit.ecart_type                 # 56.0 et environ 4.71 (pas 13.3)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from obm import _validation as v
from obm._affichage import bloc_html, texte
from obm._affichage import nombre as _fr
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = ["EstimationTroisPoints", "cumuler_estimations", "estimation_trois_points"]


@dataclass(frozen=True)
class EstimationTroisPoints:
    """Une estimation à trois points (d'une tâche, ou de plusieurs tâches cumulées).

    - ``optimiste``, ``probable``, ``pessimiste`` : les trois chiffres donnés (pour un cumul :
      leurs sommes, pour mémoire) ;
    - ``esperance`` : la charge à prévoir, (O + 4M + P) ÷ 6 (pour un cumul : la somme des
      espérances) ;
    - ``variance`` : écart-type² (pour un cumul : la somme des variances) ;
    - ``ecart_type`` : l'incertitude, (P − O) ÷ 6 pour une tâche, √(somme des variances) pour
      un cumul (jamais la somme des écarts-types) ;
    - ``esperance_triangulaire`` : (O + M + P) ÷ 3, l'autre moyenne qu'on rencontre, pour comparer ;
    - ``nombre_taches`` : 1 pour une tâche, le nombre de tâches pour un cumul.

    ``fourchette(2)`` donne (espérance − 2 écarts-types, espérance + 2 écarts-types).
    """

    optimiste: float
    probable: float
    pessimiste: float
    esperance: float
    ecart_type: float
    variance: float
    esperance_triangulaire: float
    nombre_taches: int = 1

    def fourchette(self, nombre_ecarts_types=2):
        """(espérance − k écarts-types, espérance + k écarts-types), k = ``nombre_ecarts_types``.

        Avec k = 2, la charge réelle tombe le plus souvent dans cette fourchette
        (environ 95 % des cas quand la somme suit à peu près une loi normale).
        """
        k = v.montant(nombre_ecarts_types, "nombre_ecarts_types", unite="")
        return (self.esperance - k * self.ecart_type, self.esperance + k * self.ecart_type)

    def _lignes(self):
        if self.nombre_taches == 1:
            titre = "Estimation à trois points"
            lignes = [("Optimiste (O)", _fr(self.optimiste)), ("Probable (M)", _fr(self.probable)),
                      ("Pessimiste (P)", _fr(self.pessimiste)),
                      ("Espérance (O + 4M + P) ÷ 6", _fr(self.esperance)),
                      ("Écart-type (P − O) ÷ 6", _fr(self.ecart_type))]
        else:
            titre = f"Cumul de {self.nombre_taches} estimations à trois points"
            lignes = [("Espérance (somme des espérances)", _fr(self.esperance)),
                      ("Variance (somme des variances)", _fr(self.variance)),
                      ("Écart-type (racine de la variance)", _fr(self.ecart_type))]
        bas, haut = self.fourchette(2)
        phrases = [(f"À prévoir : {_fr(self.esperance)} ; fourchette probable (± 2 écarts-types) : "
                   f"de {_fr(max(bas, 0.0))} à {_fr(haut)}, dans l'unité de tes estimations.")]
        return titre, lignes, phrases

    def __str__(self):
        return texte(*self._lignes())

    def _repr_html_(self):
        return bloc_html(*self._lignes())


def estimation_trois_points(optimiste, probable, pessimiste):
    """Estimation à trois points (PERT) d'une tâche : espérance et écart-type.

    Donne trois nombres dans la même unité (des heures de travail, le plus souvent), dans
    l'ordre optimiste ≤ probable ≤ pessimiste. Renvoie un objet avec :

    - ``esperance`` = (O + 4M + P) ÷ 6, la charge à prévoir ;
    - ``ecart_type`` = (P − O) ÷ 6, l'incertitude ; ``variance`` = écart-type² ;
    - ``esperance_triangulaire`` = (O + M + P) ÷ 3, pour comparer.

    Exemple : un montage vidéo de Hugo, 4 h au mieux, 6 h le plus souvent, 14 h au pire →
    ``estimation_trois_points(4, 6, 14).esperance`` = 7.0 h (écart-type ≈ 1,67 h).
    Les résultats ne sont pas arrondis : arrondis seulement ce que tu affiches.
    """
    o = v.montant(optimiste, "optimiste", unite="")
    m = v.montant(probable, "probable", unite="")
    p = v.montant(pessimiste, "pessimiste", unite="")
    if not o <= m:
        raise DonneesInvalides(
            f"L'optimiste ({_fr(o)}) dépasse le probable ({_fr(m)}) : il faut optimiste ≤ probable "
            "≤ pessimiste. As-tu inversé deux arguments ? L'ordre est (optimiste, probable, pessimiste)."
        )
    if not m <= p:
        raise DonneesInvalides(
            f"Le probable ({_fr(m)}) dépasse le pessimiste ({_fr(p)}) : il faut optimiste ≤ probable "
            "≤ pessimiste. As-tu inversé deux arguments ? L'ordre est (optimiste, probable, pessimiste)."
        )
    esperance = v.fini((o + 4 * m + p) / 6, "L'espérance")
    ecart_type = (p - o) / 6
    return EstimationTroisPoints(
        optimiste=o, probable=m, pessimiste=p, esperance=esperance, ecart_type=ecart_type,
        variance=v.fini(ecart_type * ecart_type, "La variance"),  # ** would raise OverflowError
        esperance_triangulaire=v.fini((o + m + p) / 3, "L'espérance triangulaire"),
    )


def cumuler_estimations(estimations):
    """Cumule les estimations à trois points de tâches faites l'une après l'autre.

    ``estimations`` : une liste de résultats de ``estimation_trois_points`` (ou de cumuls).
    Les espérances s'additionnent ; les **variances** s'additionnent, et l'écart-type du total
    est la racine carrée de leur somme. On n'additionne jamais les écarts-types : les retards
    des tâches se compensent en partie, l'incertitude du total grandit moins vite que le total.

    Exemple : huit montages de 4 / 6 / 14 h →
    ``cumuler_estimations([estimation_trois_points(4, 6, 14)] * 8)`` : espérance 56 h,
    écart-type √(8 × 1,67²) ≈ 4,7 h (et non 8 × 1,67 ≈ 13,3 h).
    Renvoie le même genre d'objet qu'``estimation_trois_points`` ; ses ``optimiste``,
    ``probable`` et ``pessimiste`` sont les sommes, pour mémoire.
    """
    exemple = "[estimation_trois_points(4, 6, 14), estimation_trois_points(2, 3, 5)]"
    paires = v.elements(estimations, "estimations", exemple=exemple,
                        quoi="une liste d'estimations")
    for ou, e in paires:
        if not isinstance(e, EstimationTroisPoints):
            raise TypeInvalide(
                f"`estimations`{ou} n'est pas une estimation à trois points ({e!r:.40}). "
                "Calcule d'abord chaque tâche avec estimation_trois_points(optimiste, probable, "
                "pessimiste), puis donne la liste des résultats."
            )
    liste = [e for _, e in paires]
    variance = v.somme([e.variance for e in liste], "La somme des variances")
    return EstimationTroisPoints(
        optimiste=v.somme([e.optimiste for e in liste], "La somme des optimistes"),
        probable=v.somme([e.probable for e in liste], "La somme des probables"),
        pessimiste=v.somme([e.pessimiste for e in liste], "La somme des pessimistes"),
        esperance=v.somme([e.esperance for e in liste], "La somme des espérances"),
        ecart_type=math.sqrt(variance),
        variance=variance,
        esperance_triangulaire=v.somme([e.esperance_triangulaire for e in liste],
                                       "La somme des espérances triangulaires"),
        nombre_taches=sum(e.nombre_taches for e in liste),
    )
