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

Le plan de projet réunit le reste (module 02) : :func:`plan_de_projet` prend les lots de
travail de la structure de découpage du projet (SDP), leurs estimations, la façon dont chacun
est payé et les heures que chaque personne peut donner au projet chaque semaine ; il en tire la
charge et la durée par personne, le budget et ses deux réserves (pour aléas, de direction).
:func:`exporter_tableur` l'écrit en modèle de tableur (XLSX, avec ses formules) et
:func:`exporter_resume` en résumé d'une page (Markdown).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

from obm import _validation as v
from obm._affichage import FINE, bloc_html, euros, texte
from obm._affichage import nombre as _fr
from obm._affichage import pourcentage as _pct
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = [
    "COLONNES_LOTS",
    "EstimationTroisPoints",
    "PlanDeProjet",
    "REMUNERATIONS",
    "cumuler_estimations",
    "diagramme_cumul",
    "estimation_trois_points",
    "exporter_resume",
    "exporter_tableur",
    "plan_de_projet",
]


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


# ---------------------------------------------------------------- the project plan

REMUNERATIONS = ("à l'heure", "au forfait", "non facturé")
"""Les façons dont un lot est payé : à l'heure (taux horaire × charge), au forfait (un prix fixé
d'avance pour tout le lot) ou non facturé (le temps de la cliente, les heures comprises dans le
forfait mensuel de l'OBM)."""

COLONNES_LOTS = ("code", "branche", "livrable", "responsable", "quantite", "optimiste", "probable",
                 "pessimiste", "remuneration", "taux_horaire", "forfait")
"""Les colonnes d'un tableau de lots de travail (``taux_horaire`` et ``forfait`` ne servent qu'aux
lots payés à l'heure ou au forfait ; les heures sont données **par unité**, pour une quantité)."""

_OBLIGATOIRES = COLONNES_LOTS[:9]
_EXEMPLE_LOT = ('{"code": "VIDEOS", "branche": "Vidéos", "livrable": "8 vidéos montées", '
                '"responsable": "Hugo", "quantite": 8, "optimiste": 4, "probable": 6, '
                '"pessimiste": 14, "remuneration": "au forfait", "forfait": 1500}')
_H = "\u00a0h"  # a number of hours: « 56 h », never cut at the end of a line


def _heures(x: float) -> str:
    return _fr(x) + _H


def _est_vide(valeur) -> bool:
    if valeur is None:
        return True
    try:
        return valeur != valeur  # NaN
    except Exception:
        return False


def _texte_du_lot(valeur, colonne: str, code: str) -> str:
    if _est_vide(valeur) or not isinstance(valeur, str) or not valeur.strip():
        raise DonneesInvalides(
            f"Lot « {code} » : la colonne `{colonne}` doit être un texte non vide, pas {valeur!r:.40}."
        )
    return _espaces(valeur)


def _espaces(texte_: str) -> str:
    # Ordinary blanks only: the no-break spaces of French typography stay where they are.
    return re.sub(r"[ \t\r\n]+", " ", texte_).strip()


def _remuneration(valeur, code: str) -> str:
    texte_ = valeur.replace("\u2019", "'").strip().lower() if isinstance(valeur, str) else ""
    if texte_ not in REMUNERATIONS:
        permises = ", ".join(f"« {r} »" for r in REMUNERATIONS)
        raise DonneesInvalides(
            f"Lot « {code} » : la rémunération {valeur!r:.40} n'est pas connue. Écris l'une de "
            f"celles-ci : {permises}."
        )
    return texte_


def _lignes_de_lots(lots) -> list[dict]:
    """The rows of a lots table (a DataFrame or a list of dicts), as dicts."""
    if type(lots).__name__ == "DataFrame":
        manquantes = [c for c in _OBLIGATOIRES if c not in lots.columns]
        if manquantes:
            from obm.erreurs import ColonneManquante

            raise ColonneManquante(
                f"Le tableau des lots n'a pas la colonne « {manquantes[0]} ». Colonnes attendues : "
                + ", ".join(COLONNES_LOTS) + " (les deux dernières pour les lots payés)."
            )
        return lots.to_dict("records")
    if isinstance(lots, (list, tuple)) and all(isinstance(l, dict) for l in lots):
        for numero, ligne in enumerate(lots, start=1):
            manquantes = [c for c in _OBLIGATOIRES if c not in ligne]
            if manquantes:
                from obm.erreurs import ColonneManquante

                raise ColonneManquante(
                    f"Le lot n° {numero} ({ligne.get('code', '?')}) n'a pas la clé "
                    f"« {manquantes[0]} ». Un lot s'écrit par exemple {_EXEMPLE_LOT}."
                )
        return [dict(l) for l in lots]
    raise TypeInvalide(
        "Les lots doivent être un tableau (DataFrame) ou une liste de dictionnaires, un par lot, "
        f"par exemple [{_EXEMPLE_LOT}], pas un objet {type(lots).__name__}."
    )


def _lire_un_lot(ligne: dict) -> dict:
    from obm.erreurs import ErreurOBM

    code = ligne.get("code")
    if _est_vide(code) or not str(code).strip():
        raise DonneesInvalides("Un lot n'a pas de code : donne à chaque lot un code court, par ex. « VIDEOS ».")
    code = str(code).strip()
    lu = {"code": code}
    for colonne in ("branche", "livrable", "responsable"):
        lu[colonne] = _texte_du_lot(ligne.get(colonne), colonne, code)
    ou = f" (lot « {code} »)"
    lu["quantite"] = v.entier(ligne.get("quantite"), "quantite", ou, bas=1, haut=100_000,
                              quoi="un nombre entier d'unités")
    try:
        unite = estimation_trois_points(ligne.get("optimiste"), ligne.get("probable"),
                                        ligne.get("pessimiste"))
    except ErreurOBM as erreur:
        raise type(erreur)(f"Lot « {code} » : {erreur}") from None
    lu.update(optimiste=unite.optimiste, probable=unite.probable, pessimiste=unite.pessimiste)
    lu["remuneration"] = _remuneration(ligne.get("remuneration"), code)
    lu["taux_horaire"], lu["forfait"] = 0.0, 0.0
    if lu["remuneration"] == "à l'heure":
        if _est_vide(ligne.get("taux_horaire")):
            raise DonneesInvalides(
                f"Lot « {code} » : il est payé à l'heure mais n'a pas de `taux_horaire` (en € HT de "
                "l'heure). Ajoute-le, par ex. 32."
            )
        lu["taux_horaire"] = v.positif(ligne.get("taux_horaire"), "taux_horaire",
                                       "un travail payé à l'heure a un taux horaire.", ou, unite="€")
    elif lu["remuneration"] == "au forfait":
        if _est_vide(ligne.get("forfait")):
            raise DonneesInvalides(
                f"Lot « {code} » : il est payé au forfait mais n'a pas de `forfait` (le prix du lot, "
                "en € HT). Ajoute-le, par ex. 1500."
            )
        lu["forfait"] = v.montant(ligne.get("forfait"), "forfait", ou)
    q = lu["quantite"]
    lu["esperance"] = v.fini(q * unite.esperance, "La charge")
    lu["variance"] = v.fini(q * unite.variance, "La variance")
    lu["ecart_type"] = math.sqrt(lu["variance"])
    lu["esperance_triangulaire"] = v.fini(q * unite.esperance_triangulaire, "La charge")
    if lu["remuneration"] == "à l'heure":
        lu["cout"] = v.fini(lu["esperance"] * lu["taux_horaire"], "Le coût")
        lu["variance_cout"] = v.fini(lu["variance"] * lu["taux_horaire"] * lu["taux_horaire"],
                                     "La variance du coût")
    else:
        lu["cout"] = lu["forfait"]
        lu["variance_cout"] = 0.0
    return lu


def _codes_retenus(retenus, connus: list[str]) -> list[str]:
    from obm.erreurs import IdentifiantInconnu

    if isinstance(retenus, str) or not isinstance(retenus, (list, tuple)):
        raise TypeInvalide(
            "`retenus` doit être la liste des codes des lots gardés dans le projet, par ex. "
            f'["VIDEOS", "PLAN"], pas {retenus!r:.40}.'
        )
    par_code = {c.upper(): c for c in connus}
    codes = []
    for numero, code in enumerate(retenus, start=1):
        if not isinstance(code, str) or not code.strip():
            raise TypeInvalide(f"`retenus` (valeur n° {numero}) doit être un code entre guillemets, "
                               f"par ex. \"VIDEOS\", pas {code!r:.40}.")
        cle = code.strip().upper()
        if cle not in par_code:
            raise IdentifiantInconnu(
                f"Le code « {code.strip()} » n'est pas un lot du tableau. Codes connus : "
                + ", ".join(connus) + "."
            )
        if par_code[cle] in codes:
            raise DonneesInvalides(f"Le code « {code.strip()} » est donné deux fois dans `retenus` : "
                                   "chaque lot n'est qu'une fois dans la SDP.")
        codes.append(par_code[cle])
    if not codes:
        raise DonneesInvalides("`retenus` est vide : garde au moins un lot dans le projet.")
    return codes


def _capacites(capacites, personnes: list[str]) -> dict[str, float]:
    if capacites is None:
        return {}
    if not isinstance(capacites, dict):
        raise TypeInvalide(
            "`capacites` doit être un dictionnaire {personne: heures par semaine pour le projet}, "
            f'par ex. {{"Léa": 10, "Hugo": 20}}, pas {capacites!r:.40}.'
        )
    lues = {}
    for personne, heures in capacites.items():
        nom = str(personne).strip()
        if nom not in personnes:
            raise DonneesInvalides(
                f"« {nom} » n'a aucun lot dans ce plan : vérifie l'orthographe (accents compris). "
                "Personnes du plan : " + ", ".join(personnes) + "."
            )
        lues[nom] = v.positif(heures, "capacites", "une personne qui n'a aucune heure pour le "
                              "projet ne peut pas en porter un lot : retire-la ou donne ses heures.",
                              f" (pour « {nom} »)", unite="h")
    return lues


@dataclass(frozen=True, eq=False, repr=False)
class PlanDeProjet:
    """Un plan de projet : l'objectif, la SDP (les lots retenus et ce qui est hors du projet),
    la charge et la durée par personne, le budget et ses deux réserves.

    Champs : ``nom``, ``objectif``, ``lots`` (un tableau, une ligne par lot retenu, avec
    ``esperance``, ``ecart_type``, ``variance``, ``cout`` calculés), ``exclus`` (les lots du
    tableau laissés hors du projet), ``capacites`` (heures par semaine pour le projet),
    ``ecarts_types_reserve`` et ``taux_reserve_direction``.

    Ce qu'on en lit : ``estimation`` (le cumul de tous les lots), ``branches``, ``equipe``
    (charge et durée par personne), ``cout_des_lots``, ``reserve_pour_aleas``,
    ``reference_des_couts``, ``reserve_de_direction``, ``budget_total`` et ``remarques``.
    """

    nom: str
    objectif: str
    lots: object
    exclus: object
    capacites: dict
    ecarts_types_reserve: float
    taux_reserve_direction: float

    # --- what is computed from the lots

    def _estimations(self) -> list[EstimationTroisPoints]:
        return [
            EstimationTroisPoints(
                optimiste=l["quantite"] * l["optimiste"], probable=l["quantite"] * l["probable"],
                pessimiste=l["quantite"] * l["pessimiste"], esperance=l["esperance"],
                ecart_type=l["ecart_type"], variance=l["variance"],
                esperance_triangulaire=l["esperance_triangulaire"],
                nombre_taches=int(l["quantite"]))
            for l in self.lots.to_dict("records")
        ]

    @property
    def estimation(self) -> EstimationTroisPoints:
        """Le cumul des estimations de tous les lots (espérance totale, écart-type du total)."""
        return cumuler_estimations(self._estimations())

    @property
    def charge_totale(self) -> float:
        """La charge prévue de tout le projet, en heures (somme des espérances)."""
        return self.estimation.esperance

    @property
    def branches(self):
        """Un tableau par branche de la SDP : charge (h), écart-type (h) et coût (€ HT)."""
        import pandas as pd

        lignes = []
        for branche in dict.fromkeys(self.lots["branche"]):
            partie = self.lots[self.lots["branche"] == branche]
            lignes.append({"branche": branche, "charge": float(partie["esperance"].sum()),
                           "ecart_type": math.sqrt(float(partie["variance"].sum())),
                           "cout": float(partie["cout"].sum())})
        return pd.DataFrame(lignes, columns=["branche", "charge", "ecart_type", "cout"])

    @property
    def equipe(self):
        """Un tableau par personne : charge (h), écart-type (h), heures par semaine pour le projet,
        semaines de travail (charge ÷ heures par semaine), semaines à prévoir (arrondi au-dessus)
        et jours ouvrés correspondants (5 par semaine). Sans heures données : NaN."""
        import pandas as pd

        lignes = []
        for personne in dict.fromkeys(self.lots["responsable"]):
            partie = self.lots[self.lots["responsable"] == personne]
            charge = float(partie["esperance"].sum())
            heures = self.capacites.get(personne, math.nan)
            semaines = charge / heures if heures == heures else math.nan
            a_prevoir = float(math.ceil(semaines - 1e-9)) if semaines == semaines else math.nan
            lignes.append({"personne": personne, "charge": charge,
                           "ecart_type": math.sqrt(float(partie["variance"].sum())),
                           "heures_par_semaine": heures, "semaines_de_travail": semaines,
                           "semaines_a_prevoir": a_prevoir, "jours_ouvres": 5 * a_prevoir})
        return pd.DataFrame(lignes)

    @property
    def cout_des_lots(self) -> float:
        """La somme des coûts prévus des lots (€ HT) : charge × taux, ou forfait."""
        return v.somme(self.lots["cout"].tolist(), "Le coût des lots")

    @property
    def reserve_pour_aleas(self) -> float:
        """La réserve pour aléas (€ HT) : k écarts-types du coût du travail payé à l'heure, les
        variances additionnées (k = ``ecarts_types_reserve``). Au forfait, le dépassement d'heures
        est pour la prestataire ; non facturé, il ne coûte rien de plus."""
        variance = v.somme(self.lots["variance_cout"].tolist(), "La variance du coût")
        return self.ecarts_types_reserve * math.sqrt(variance)

    @property
    def reference_des_couts(self) -> float:
        """La référence des coûts (€ HT) : coût des lots + réserve pour aléas."""
        return self.cout_des_lots + self.reserve_pour_aleas

    @property
    def reserve_de_direction(self) -> float:
        """La réserve de direction (€ HT) : un pourcentage de la référence des coûts, hors de
        celle-ci, que la cliente garde pour l'imprévu et débloque elle-même."""
        return self.taux_reserve_direction * self.reference_des_couts

    @property
    def budget_total(self) -> float:
        """Le budget du projet (€ HT) : référence des coûts + réserve de direction."""
        return self.reference_des_couts + self.reserve_de_direction

    @property
    def remarques(self) -> list[str]:
        """Ce qu'il faut reprendre dans le plan, en français (liste vide : rien à signaler)."""
        from obm.glossaire import ancre

        remarques = []
        if not any("gestion-de-projet" in ancre(b) for b in self.lots["branche"]):
            remarques.append(
                "Aucune branche « Gestion de projet » : la règle des 100 % veut aussi dans la SDP "
                "le travail de pilotage (plan, points hebdomadaires, bilan).")
        return remarques

    # --- how it shows itself

    def _sections(self):
        """(titre, lignes) for each part of the plan, numbers written the French way."""
        arbre = []
        for b in self.branches.to_dict("records"):
            partie = self.lots[self.lots["branche"] == b["branche"]]
            lots = [f"{l['code']} · {l['livrable']} — {l['responsable']} — "
                    f"{_heures(l['esperance'])} (± {_heures(l['ecart_type'])})"
                    for l in partie.to_dict("records")]
            arbre.append((f"{b['branche']} : {_heures(b['charge'])}", lots))
        equipe = []
        for p in self.equipe.to_dict("records"):
            if p["heures_par_semaine"] == p["heures_par_semaine"]:
                duree = (f"{_heures(p['heures_par_semaine'])} par semaine → "
                         f"{_fr(p['semaines_de_travail'])} semaine(s) de travail, "
                         f"{_fr(p['semaines_a_prevoir'])} à prévoir "
                         f"({_fr(p['jours_ouvres'])} jours ouvrés)")
            else:
                duree = "heures par semaine non données : durée non calculée"
            equipe.append((p["personne"], f"{_heures(p['charge'])} (± {_heures(p['ecart_type'])}) ; {duree}"))
        budget = [(f"{l['code']} · {l['livrable']} ({l['remuneration']})", euros(l["cout"]))
                  for l in self.lots.to_dict("records")]
        budget += [
            ("Coût des lots", euros(self.cout_des_lots)),
            (f"Réserve pour aléas ({_fr(self.ecarts_types_reserve)} écarts-types du travail payé "
             "à l'heure)", euros(self.reserve_pour_aleas)),
            ("Référence des coûts", euros(self.reference_des_couts)),
            (f"Réserve de direction ({_pct(self.taux_reserve_direction)}, à la main de la "
             "cliente)", euros(self.reserve_de_direction)),
            ("Budget total", euros(self.budget_total)),
        ]
        exclus = [f"{l['code']} · {l['livrable']} — {l['responsable']}"
                  for l in self.exclus.to_dict("records")]
        return arbre, equipe, budget, exclus

    def __repr__(self):
        return str(self)

    def __str__(self):
        arbre, equipe, budget, exclus = self._sections()
        sortie = [f"Plan de projet{FINE}: {self.nom}", f"Objectif{FINE}: {self.objectif}", "",
                  f"SDP (charge totale {_heures(self.charge_totale)}){FINE}:"]
        for branche, lots in arbre:
            sortie.append(f"- {branche}")
            sortie += [f"  - {l}" for l in lots]
        if exclus:
            sortie.append(f"Hors du projet{FINE}: " + " ; ".join(exclus))
        sortie += ["", f"Charge et durée par personne{FINE}:"]
        sortie += [f"- {p}{FINE}: {t}" for p, t in equipe]
        sortie += ["", f"Budget (€ HT){FINE}:"]
        sortie += [f"- {l}{FINE}: {m}" for l, m in budget]
        sortie += [f"À reprendre{FINE}: {r}" for r in self.remarques]
        return "\n".join(sortie)

    def _repr_html_(self):
        arbre, equipe, budget, exclus = self._sections()
        e = html.escape
        morceaux = [f'<div class="obm-resultat obm-plan" style="border-left:5px solid #3a7ca5;'
                    f'padding:6px 10px;margin:4px 0;color:#222"><b>Plan de projet{FINE}: {e(self.nom)}</b>',
                    f'<p style="margin:4px 0"><b>Objectif{FINE}:</b> {e(self.objectif)}</p>',
                    f'<p style="margin:4px 0 0 0"><b>Structure de découpage du projet</b> '
                    f'(charge totale {e(_heures(self.charge_totale))}, écart-type du total '
                    f'{e(_heures(self.estimation.ecart_type))})</p><ul style="margin:2px 0">']
        for branche, lots in arbre:
            morceaux.append(f"<li><b>{e(branche)}</b><ul>"
                            + "".join(f"<li>{e(l)}</li>" for l in lots) + "</ul></li>")
        morceaux.append("</ul>")
        if exclus:
            morceaux.append(f'<p style="margin:4px 0"><b>Hors du projet{FINE}:</b> '
                            + e(" ; ".join(exclus)) + "</p>")
        morceaux.append('<p style="margin:4px 0 0 0"><b>Charge et durée par personne</b></p>'
                        '<table style="border-collapse:collapse">'
                        + "".join(f'<tr><th style="text-align:left;padding:2px 12px 2px 0;'
                                  f'font-weight:normal">{e(p)}</th><td>{e(t)}</td></tr>'
                                  for p, t in equipe) + "</table>")
        morceaux.append('<p style="margin:4px 0 0 0"><b>Budget (€ HT)</b></p>'
                        '<table style="border-collapse:collapse">'
                        + "".join(f'<tr><th style="text-align:left;padding:2px 12px 2px 0;'
                                  f'font-weight:{"bold" if l in ("Référence des coûts", "Budget total") else "normal"}">'
                                  f'{e(l)}</th><td style="text-align:right">{e(m)}</td></tr>'
                                  for l, m in budget) + "</table>")
        for r in self.remarques:
            morceaux.append(f'<p style="margin:4px 0">🔁 <b>À reprendre{FINE}:</b> {e(r)}</p>')
        morceaux.append("</div>")
        return "".join(morceaux)


def plan_de_projet(lots, *, objectif, nom="Plan de projet", retenus=None, capacites=None,
                   taux_reserve_direction=0.10, ecarts_types_reserve=2):
    """Construit le plan de projet à partir des lots de travail et renvoie un :class:`PlanDeProjet`.

    - ``lots`` : un tableau (ou une liste de dictionnaires), une ligne par lot, avec les colonnes
      ``code``, ``branche``, ``livrable``, ``responsable``, ``quantite`` (combien d'unités),
      ``optimiste``, ``probable``, ``pessimiste`` (heures **par unité**), ``remuneration``
      (« à l'heure », « au forfait » ou « non facturé ») et, selon le cas, ``taux_horaire``
      (€ HT de l'heure) ou ``forfait`` (€ HT pour tout le lot) ;
    - ``objectif`` : l'objectif SMART du projet, en une phrase ;
    - ``retenus`` (facultatif) : les codes des lots gardés dans le projet (ta SDP) ; les autres
      sont listés « hors du projet ». Sans ``retenus``, tous les lots sont gardés ;
    - ``capacites`` (facultatif) : les heures que chaque personne peut donner au projet chaque
      semaine, ``{"Léa": 10}``, pour passer de la charge (des heures) à la durée (des semaines) ;
    - ``taux_reserve_direction`` : la réserve de direction, en fraction de la référence des coûts
      (0.10 pour 10 %) ; ``ecarts_types_reserve`` : combien d'écarts-types du travail payé à
      l'heure la réserve pour aléas couvre (2 par défaut).

    Une unité se cumule comme des tâches indépendantes : 8 montages de 4 / 6 / 14 h donnent 56 h
    et un écart-type de √8 × 1,67 h, pas 8 × 1,67 h.
    """
    import pandas as pd

    lues = [_lire_un_lot(l) for l in _lignes_de_lots(lots)]
    if not lues:
        raise DonneesInvalides("Le tableau des lots est vide : il faut au moins un lot de travail.")
    codes = [l["code"] for l in lues]
    doublons = sorted({c for c in codes if codes.count(c) > 1})
    if doublons:
        raise DonneesInvalides(f"Le code « {doublons[0]} » est donné à deux lots : chaque lot a son "
                               "propre code.")
    garde = codes if retenus is None else _codes_retenus(retenus, codes)
    if not isinstance(objectif, str) or len(objectif.strip()) < 10:
        raise TypeInvalide("`objectif` doit être l'objectif du projet, écrit en une phrase entre "
                           f"guillemets, pas {objectif!r:.40}.")
    if not isinstance(nom, str) or not nom.strip():
        raise TypeInvalide(f"`nom` doit être le nom du projet, entre guillemets, pas {nom!r:.40}.")
    taux_direction = v.taux(taux_reserve_direction, "taux_reserve_direction")
    k = v.montant(ecarts_types_reserve, "ecarts_types_reserve", unite="")
    colonnes = list(COLONNES_LOTS) + ["esperance", "ecart_type", "variance",
                                      "esperance_triangulaire", "cout", "variance_cout"]
    retenus_lus = pd.DataFrame([l for l in lues if l["code"] in garde], columns=colonnes)
    exclus = pd.DataFrame([{c: l[c] for c in ("code", "branche", "livrable", "responsable")}
                           for l in lues if l["code"] not in garde],
                          columns=["code", "branche", "livrable", "responsable"])
    personnes = list(dict.fromkeys(retenus_lus["responsable"]))
    return PlanDeProjet(nom=_espaces(nom), objectif=_espaces(objectif),
                        lots=retenus_lus.reset_index(drop=True), exclus=exclus,
                        capacites=_capacites(capacites, personnes),
                        ecarts_types_reserve=k, taux_reserve_direction=taux_direction)


# ---------------------------------------------------------------- exports

_JAUNE = "FFF4C2"   # cells to fill in
_GRIS = "E8E8E8"    # computed cells
_LIGNES_LIBRES = 12  # empty rows left in the template for the learner's own lots


def _chemin(chemin, suffixe: str, exemple: str) -> Path:
    if isinstance(chemin, str):
        chemin = Path(chemin)
    if not isinstance(chemin, Path):
        raise TypeInvalide(f"Le chemin du fichier doit être un texte, par ex. \"{exemple}\", "
                           f"pas {chemin!r:.40}.")
    if chemin.suffix.lower() != suffixe:
        raise DonneesInvalides(f"Le fichier « {chemin.name} » doit finir par {suffixe}, par ex. "
                               f"\"{exemple}\".")
    chemin.parent.mkdir(parents=True, exist_ok=True)
    return chemin


def _exiger_plan(plan) -> None:
    if not isinstance(plan, PlanDeProjet):
        raise TypeInvalide("Donne le plan construit par plan_de_projet(...), pas un objet "
                           f"{type(plan).__name__}.")


def exporter_tableur(plan, chemin):
    """Écrit le plan dans un tableur XLSX qui sert de modèle, et renvoie son chemin.

    Les cellules jaunes se saisissent (lots, estimations, rémunération, heures par semaine,
    réserves) ; les autres se calculent par des formules : espérance (O + 4M + P) ÷ 6 par unité,
    variances additionnées, coût, charge et durée par personne, règle des 100 % par branche,
    réserve pour aléas, référence des coûts, réserve de direction, budget total. Douze lignes
    vides attendent d'autres lots : le fichier se réutilise pour un autre projet.
    Exemple : ``exporter_tableur(plan, chemin_livrable("02_plan_cap_serenite.xlsx"))``.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook.properties import CalcProperties
    from openpyxl.worksheet.datavalidation import DataValidation

    _exiger_plan(plan)
    chemin = _chemin(chemin, ".xlsx", "02_plan_de_projet.xlsx")
    jaune, gris = PatternFill("solid", fgColor=_JAUNE), PatternFill("solid", fgColor=_GRIS)
    gras, titre = Font(bold=True), Font(bold=True, size=14)
    retour = Alignment(wrap_text=True, vertical="top")
    heures, euros_, pct = '0.0#" h"', '#,##0.00" €"', "0%"

    classeur = Workbook()
    classeur.calculation = CalcProperties(fullCalcOnLoad=True)

    # --- Lisez-moi
    lisez = classeur.active
    lisez.title = "Lisez-moi"
    lisez["A1"] = f"Plan de projet : {plan.nom}"
    lisez["A1"].font = titre
    consignes = [
        "Modèle de plan de projet de l'Académie OBM (module 02). Il se réutilise : remplace les "
        "lots par ceux de ton projet.",
        "Cellules jaunes : à saisir. Cellules grises : calculées par une formule, ne les écris pas.",
        "Onglet Objectif : l'objectif SMART du projet, lettre par lettre (au sens de Doran, 1981).",
        "Onglet Lots : la structure de découpage du projet (SDP), un lot de travail par ligne, "
        "nommé par son livrable (un nom, pas un verbe). Les heures sont par unité : la quantité "
        "les multiplie.",
        "Espérance = quantité × (optimiste + 4 × probable + pessimiste) ÷ 6 ; variance = quantité "
        "× ((pessimiste − optimiste) ÷ 6)². Le total additionne les variances, puis prend la "
        "racine : on n'additionne jamais les écarts-types.",
        "Onglet SDP : la charge de chaque branche ; la règle des 100 % est respectée quand les "
        "branches font exactement tout le projet, gestion de projet comprise.",
        "Onglet Équipe : la charge (des heures) devient une durée (des semaines) selon les heures "
        "que chaque personne donne au projet chaque semaine.",
        "Onglet Budget (€ HT) : coût des lots, réserve pour aléas (dans la référence des coûts), "
        "réserve de direction (hors de la référence, à la main de la cliente), budget total.",
        "Onglet Hors du projet : ce qui a été écarté, et pourquoi (à compléter).",
    ]
    for ligne, texte_ in enumerate(consignes, start=3):
        lisez.cell(ligne, 1, texte_).alignment = retour
    lisez.column_dimensions["A"].width = 110

    # --- Objectif
    objectif = classeur.create_sheet("Objectif")
    objectif["A1"] = "Objectif du projet (SMART)"
    objectif["A1"].font = titre
    objectif["A2"] = plan.objectif
    objectif["A2"].fill, objectif["A2"].alignment = jaune, retour
    objectif.merge_cells("A2:C2")
    objectif.row_dimensions[2].height = 48
    for colonne, entete in zip("ABC", ("Lettre", "Ce que Doran (1981) demande",
                                       "Dans cet objectif (à compléter)")):
        objectif[f"{colonne}4"] = entete
        objectif[f"{colonne}4"].font = gras
    lettres = [("S", "Spécifique : on sait précisément de quoi on parle (quel livrable, quel contenu)."),
               ("M", "Mesurable : un chiffre ou un critère qu'on peut constater dit quand c'est atteint."),
               ("A", "Assignable : une personne nommée en répond (pas « l'équipe »)."),
               ("R", "Réaliste : faisable avec les heures, le budget et le calendrier."),
               ("T", "Temporel : une échéance précise (jour, heure, fuseau).")]
    for ligne, (lettre, sens) in enumerate(lettres, start=5):
        objectif.cell(ligne, 1, lettre).font = gras
        objectif.cell(ligne, 2, sens).alignment = retour
        objectif.cell(ligne, 3).fill = jaune
    objectif["A11"] = ("Les variantes plus tardives (atteignable, pertinent…) ne remplacent pas le A "
                       "d'« assignable » : une personne nommée répond de l'objectif.")
    for colonne, largeur in zip("ABC", (40, 60, 50)):
        objectif.column_dimensions[colonne].width = largeur

    # --- Lots (the SDP and its estimates)
    lots = classeur.create_sheet("Lots")
    entetes = ["Code", "Branche", "Livrable", "Responsable", "Quantité", "Optimiste (h par unité)",
               "Probable (h par unité)", "Pessimiste (h par unité)", "Rémunération",
               "Taux horaire (€ HT)", "Forfait (€ HT)", "Espérance (h)", "Écart-type (h)",
               "Variance (h²)", "Coût prévu (€ HT)", "Variance du coût (€²)"]
    for colonne, entete in enumerate(entetes, start=1):
        cellule = lots.cell(1, colonne, entete)
        cellule.font, cellule.alignment = gras, retour
        cellule.fill = jaune if colonne <= 11 else gris
    n = len(plan.lots)
    derniere = 1 + n + _LIGNES_LIBRES
    total = derniere + 1
    for r, lot in enumerate(plan.lots.to_dict("records"), start=2):
        for colonne, cle in enumerate(("code", "branche", "livrable", "responsable", "quantite",
                                       "optimiste", "probable", "pessimiste", "remuneration"),
                                      start=1):
            lots.cell(r, colonne, lot[cle])
        if lot["remuneration"] == "à l'heure":
            lots.cell(r, 10, lot["taux_horaire"])
        if lot["remuneration"] == "au forfait":
            lots.cell(r, 11, lot["forfait"])
    for r in range(2, derniere + 1):
        lots[f"L{r}"] = f"=E{r}*(F{r}+4*G{r}+H{r})/6"
        lots[f"N{r}"] = f"=E{r}*((H{r}-F{r})/6)^2"
        lots[f"M{r}"] = f"=SQRT(N{r})"
        lots[f"O{r}"] = f'=IF(I{r}="à l\'heure",L{r}*J{r},IF(I{r}="au forfait",K{r},0))'
        lots[f"P{r}"] = f'=IF(I{r}="à l\'heure",N{r}*J{r}^2,0)'
        for colonne in range(1, 17):
            lots.cell(r, colonne).fill = jaune if colonne <= 11 else gris
        for colonne in "FGHLM":
            lots[f"{colonne}{r}"].number_format = heures
        for colonne in "JKO":
            lots[f"{colonne}{r}"].number_format = euros_
    lots[f"C{total}"] = "Total du projet"
    lots[f"C{total}"].font = gras
    for colonne in "LNOP":
        lots[f"{colonne}{total}"] = f"=SUM({colonne}2:{colonne}{derniere})"
    lots[f"M{total}"] = f"=SQRT(N{total})"
    lots[f"M{total}"].comment = Comment("Racine de la somme des variances : jamais la somme des "
                                        "écarts-types.", "Académie OBM")
    for colonne in "LMNOP":
        lots[f"{colonne}{total}"].font = gras
    lots[f"L{total}"].number_format = lots[f"M{total}"].number_format = heures
    lots[f"O{total}"].number_format = euros_
    choix = DataValidation(type="list", formula1='"' + ",".join(REMUNERATIONS) + '"',
                           allow_blank=True, showErrorMessage=True,
                           errorTitle="Rémunération", error="Choisis à l'heure, au forfait ou non facturé.")
    lots.add_data_validation(choix)
    choix.add(f"I2:I{derniere}")
    lots.freeze_panes = "A2"
    for colonne, largeur in zip("ABCDEFGHIJKLMNOP", (10, 20, 40, 13, 9, 11, 11, 11, 13, 11, 11,
                                                     11, 11, 11, 13, 13)):
        lots.column_dimensions[colonne].width = largeur
    plage = lambda colonne: f"Lots!${colonne}$2:${colonne}${derniere}"  # noqa: E731

    # --- SDP (branches and the 100 % rule)
    sdp = classeur.create_sheet("SDP")
    for colonne, entete in zip("ABCD", ("Branche", "Charge (h)", "Écart-type (h)", "Coût prévu (€ HT)")):
        sdp[f"{colonne}1"] = entete
        sdp[f"{colonne}1"].font = gras
    branches = list(dict.fromkeys(plan.lots["branche"]))
    for r, branche in enumerate(branches, start=2):
        sdp[f"A{r}"] = branche
        sdp[f"A{r}"].fill = jaune
        sdp[f"B{r}"] = f"=SUMIF({plage('B')},A{r},{plage('L')})"
        sdp[f"C{r}"] = f"=SQRT(SUMIF({plage('B')},A{r},{plage('N')}))"
        sdp[f"D{r}"] = f"=SUMIF({plage('B')},A{r},{plage('O')})"
        for colonne in "BCD":
            sdp[f"{colonne}{r}"].fill = gris
        sdp[f"B{r}"].number_format = sdp[f"C{r}"].number_format = heures
        sdp[f"D{r}"].number_format = euros_
    fin_sdp = 1 + len(branches)
    sdp[f"A{fin_sdp + 1}"] = "Total des branches"
    sdp[f"B{fin_sdp + 1}"] = f"=SUM(B2:B{fin_sdp})"
    sdp[f"D{fin_sdp + 1}"] = f"=SUM(D2:D{fin_sdp})"
    sdp[f"B{fin_sdp + 1}"].number_format = heures
    sdp[f"D{fin_sdp + 1}"].number_format = euros_
    sdp[f"A{fin_sdp + 3}"] = "Règle des 100 % : les branches font-elles tout le projet ?"
    sdp[f"B{fin_sdp + 3}"] = (f'=IF(ABS(B{fin_sdp + 1}-Lots!L{total})<0.001,"oui","non : un lot '
                              'a une branche absente de cette liste")')
    for r in (fin_sdp + 1, fin_sdp + 3):
        sdp[f"A{r}"].font = sdp[f"B{r}"].font = gras
    for colonne, largeur in zip("ABCD", (58, 14, 14, 18)):
        sdp.column_dimensions[colonne].width = largeur

    # --- Équipe (load and duration)
    equipe = classeur.create_sheet("Équipe")
    for colonne, entete in zip("ABCDEFG", ("Personne", "Heures par semaine pour le projet",
                                           "Charge (h)", "Écart-type (h)", "Semaines de travail",
                                           "Semaines à prévoir", "Jours ouvrés à prévoir")):
        equipe[f"{colonne}1"] = entete
        equipe[f"{colonne}1"].font, equipe[f"{colonne}1"].alignment = gras, retour
    personnes = list(dict.fromkeys(plan.lots["responsable"]))
    for r, personne in enumerate(personnes, start=2):
        equipe[f"A{r}"] = personne
        if personne in plan.capacites:
            equipe[f"B{r}"] = plan.capacites[personne]
        equipe[f"B{r}"].number_format = heures
        equipe[f"C{r}"] = f"=SUMIF({plage('D')},A{r},{plage('L')})"
        equipe[f"D{r}"] = f"=SQRT(SUMIF({plage('D')},A{r},{plage('N')}))"
        equipe[f"E{r}"] = f'=IF(B{r}>0,C{r}/B{r},"")'
        equipe[f"F{r}"] = f'=IF(B{r}>0,ROUNDUP(E{r},0),"")'
        equipe[f"G{r}"] = f'=IF(B{r}>0,5*F{r},"")'
        equipe[f"A{r}"].fill = equipe[f"B{r}"].fill = jaune
        for colonne in "CDEFG":
            equipe[f"{colonne}{r}"].fill = gris
        equipe[f"C{r}"].number_format = equipe[f"D{r}"].number_format = heures
        equipe[f"E{r}"].number_format = "0.00"
    for colonne, largeur in zip("ABCDEFG", (14, 16, 12, 12, 12, 12, 12)):
        equipe.column_dimensions[colonne].width = largeur

    # --- Budget
    budget = classeur.create_sheet("Budget")
    lignes_budget = [
        ("Coût des lots (€ HT)", f"=Lots!O{total}", euros_, gris,
         "Charge × taux horaire pour le travail payé à l'heure, le forfait sinon."),
        ("Écarts-types couverts par la réserve pour aléas", plan.ecarts_types_reserve, "0.0", jaune,
         "2 : la charge réelle tombe le plus souvent sous l'espérance + 2 écarts-types."),
        ("Réserve pour aléas (€ HT)", f"=B3*SQRT(Lots!P{total})", euros_, gris,
         "Pour l'incertitude chiffrée du travail payé à l'heure ; au forfait, le dépassement "
         "d'heures est pour la prestataire."),
        ("Référence des coûts (€ HT)", "=B2+B4", euros_, gris,
         "Ce que l'OBM pilote : les lots et la réserve pour aléas."),
        ("Réserve de direction (part de la référence)", plan.taux_reserve_direction, pct, jaune,
         "Pour l'imprévu ; fixée avec la cliente."),
        ("Réserve de direction (€ HT)", "=B5*B6", euros_, gris,
         "Hors de la référence des coûts : la cliente la garde et décide de s'en servir."),
        ("Budget total (€ HT)", "=B5+B7", euros_, gris,
         "Référence des coûts + réserve de direction. Chaque risque n'est compté qu'une fois."),
    ]
    budget["A1"], budget["B1"], budget["C1"] = "Poste", "Montant", "Ce que c'est"
    for colonne in "ABC":
        budget[f"{colonne}1"].font = gras
    for r, (libelle, valeur, format_, fond, note) in enumerate(lignes_budget, start=2):
        budget[f"A{r}"], budget[f"B{r}"], budget[f"C{r}"] = libelle, valeur, note
        budget[f"B{r}"].number_format, budget[f"B{r}"].fill = format_, fond
        budget[f"C{r}"].alignment = retour
    for r in (5, 8):
        budget[f"A{r}"].font = budget[f"B{r}"].font = gras
    for colonne, largeur in zip("ABC", (46, 16, 80)):
        budget.column_dimensions[colonne].width = largeur

    # --- Hors du projet
    hors = classeur.create_sheet("Hors du projet")
    for colonne, entete in zip("ABCD", ("Code", "Livrable", "Responsable",
                                        "Pourquoi il est hors du projet (à compléter)")):
        hors[f"{colonne}1"] = entete
        hors[f"{colonne}1"].font = gras
    for r, lot in enumerate(plan.exclus.to_dict("records"), start=2):
        hors[f"A{r}"], hors[f"B{r}"], hors[f"C{r}"] = lot["code"], lot["livrable"], lot["responsable"]
        hors[f"D{r}"].fill = jaune
    for colonne, largeur in zip("ABCD", (10, 40, 14, 60)):
        hors.column_dimensions[colonne].width = largeur

    classeur.save(chemin)
    return chemin


def _ligne_md(*cellules) -> str:
    return "| " + " | ".join(str(c).replace("|", "/") for c in cellules) + " |"


def exporter_resume(plan, chemin):
    """Écrit le résumé d'une page du plan (Markdown) et renvoie son chemin.

    Objectif, SDP (branches et lots, et ce qui est hors du projet), charge et durée par
    personne, budget et réserves, règles de calcul : de quoi présenter le plan à la cliente ou
    le coller dans un outil de projet. Exemple :
    ``exporter_resume(plan, chemin_livrable("02_plan_cap_serenite.md"))``.
    """
    _exiger_plan(plan)
    chemin = _chemin(chemin, ".md", "02_plan_de_projet.md")
    arbre, _, _, exclus = plan._sections()
    lignes = [f"# Plan de projet · {plan.nom}", "",
              "*Modèle de plan de projet de l'Académie OBM (module 02). Montants en euros hors "
              "taxes, charges en heures de travail.*", "",
              "## Objectif", "", f"> {plan.objectif}", "",
              "Vérifie qu'il est SMART au sens de Doran (1981) : spécifique, mesurable, assignable "
              "(une personne nommée en répond), réaliste et temporel (jour, heure, fuseau).", "",
              "## Structure de découpage du projet", "",
              f"Charge totale : {_heures(plan.charge_totale)} (écart-type du total : "
              f"{_heures(plan.estimation.ecart_type)}).", ""]
    for branche, lots in arbre:
        lignes.append(f"- **{branche}**")
        lignes += [f"  - {l}" for l in lots]
    lignes.append("")
    if exclus:
        lignes += ["Hors du projet : " + " ; ".join(exclus) + ".", ""]
    lignes += ["## Charge et durée par personne", "",
               _ligne_md("Personne", "Charge", "Écart-type", "Heures par semaine", "Semaines à prévoir"),
               _ligne_md("---", "---:", "---:", "---:", "---:")]
    for p in plan.equipe.to_dict("records"):
        a_saisir = p["heures_par_semaine"] != p["heures_par_semaine"]
        lignes.append(_ligne_md(p["personne"], _heures(p["charge"]), _heures(p["ecart_type"]),
                                "non données" if a_saisir else _heures(p["heures_par_semaine"]),
                                "—" if a_saisir else _fr(p["semaines_a_prevoir"])))
    lignes += ["", "## Budget (€ HT)", "", _ligne_md("Poste", "Montant"), _ligne_md("---", "---:")]
    for l in plan.lots.to_dict("records"):
        lignes.append(_ligne_md(f"{l['code']} · {l['livrable']} ({l['remuneration']})", euros(l["cout"])))
    lignes += [
        _ligne_md("Coût des lots", euros(plan.cout_des_lots)),
        _ligne_md(f"Réserve pour aléas ({_fr(plan.ecarts_types_reserve)} écarts-types du travail "
                  "payé à l'heure)", euros(plan.reserve_pour_aleas)),
        _ligne_md("**Référence des coûts**", f"**{euros(plan.reference_des_couts)}**"),
        _ligne_md(f"Réserve de direction ({_pct(plan.taux_reserve_direction)}, à la main de la "
                  "cliente)", euros(plan.reserve_de_direction)),
        _ligne_md("**Budget total**", f"**{euros(plan.budget_total)}**"),
        "", "## Règles de ce plan", "",
        "- Espérance d'une tâche = (optimiste + 4 × probable + pessimiste) ÷ 6 ; écart-type = "
        "(pessimiste − optimiste) ÷ 6.",
        "- Pour plusieurs tâches, on additionne les espérances et les variances, puis on prend la "
        "racine : jamais la somme des écarts-types.",
        "- La charge (des heures) devient une durée (des semaines) selon les heures que chaque "
        "personne donne au projet chaque semaine, arrondie à la semaine au-dessus.",
        "- La réserve pour aléas fait partie de la référence des coûts ; la réserve de direction "
        "reste en dehors, à la main de la cliente. Aucun risque n'est compté deux fois.",
    ]
    if plan.remarques:
        lignes += ["", "## À reprendre", ""] + [f"- {r}" for r in plan.remarques]
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return chemin


# ---------------------------------------------------------------- the figure of a sum

def diagramme_cumul(estimation, nombre_taches):
    """La figure d'un cumul de ``nombre_taches`` tâches identiques, estimées à trois points.

    Trois barres horizontales : la fourchette juste (espérance ± 2 écarts-types, les variances
    additionnées), la fourchette qu'on obtiendrait en additionnant les écarts-types (bien trop
    large), et l'écart entre « tout au mieux » et « tout au pire ». Renvoie la figure matplotlib,
    avec son texte alternatif.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from obm import texte_alternatif

    if not isinstance(estimation, EstimationTroisPoints):
        raise TypeInvalide("Donne une estimation faite par estimation_trois_points(optimiste, "
                           f"probable, pessimiste), pas {estimation!r:.40}.")
    n = v.entier(nombre_taches, "nombre_taches", bas=1, haut=1000, quoi="un nombre de tâches")
    total = cumuler_estimations([estimation] * n)
    e, juste, faux = total.esperance, total.ecart_type, n * estimation.ecart_type
    barres = [
        ("Variances additionnées\n(juste)", e - 2 * juste, e + 2 * juste, "#3a7ca5", ""),
        ("Écarts-types additionnés\n(faux)", e - 2 * faux, e + 2 * faux, "#e3a21a", "//"),
        ("Tout au mieux →\ntout au pire", n * estimation.optimiste, n * estimation.pessimiste,
         "#bbbbbb", ""),
    ]
    fig = Figure(figsize=(9, 3.2), layout="constrained")
    ax = fig.add_subplot()
    for y, (libelle, bas, haut, couleur, hachures) in enumerate(barres):
        ax.barh(y, haut - bas, left=bas, height=0.5, color=couleur, hatch=hachures,
                edgecolor="#333333")
        ax.text(bas, y + 0.3, _heures(bas), ha="center", va="top", fontsize=8)
        if haut - bas > 1e-9:
            ax.text(haut, y + 0.3, _heures(haut), ha="center", va="top", fontsize=8)
    ax.axvline(e, color="#1b1b1b", linestyle="--", linewidth=1.2)
    ax.text(e, -0.45, f"espérance {_heures(e)}", ha="center", va="bottom", fontsize=8)
    ax.set_yticks(range(len(barres)), [b[0] for b in barres])
    ax.set_ylim(len(barres) - 0.3, -0.8)  # first bar on top
    bas_ = min(b[1] for b in barres)
    haut_ = max(b[2] for b in barres)
    marge = max(0.06 * (haut_ - bas_), 1.0)
    ax.set_xlim(bas_ - marge, haut_ + marge)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _position: _fr(x)))
    ax.set_xlabel("Charge totale (heures)")
    tache = "tâche" if n == 1 else "tâches"
    ax.set_title(f"{n} {tache} : espérance {_heures(e)}, écart-type {_heures(juste)}")
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    return texte_alternatif(fig, (
        f"Barres horizontales pour {n} {tache} de {_heures(estimation.optimiste)} / "
        f"{_heures(estimation.probable)} / {_heures(estimation.pessimiste)} : la fourchette juste "
        f"(variances additionnées) va de {_heures(e - 2 * juste)} à {_heures(e + 2 * juste)} ; en "
        f"additionnant les écarts-types, elle irait de {_heures(e - 2 * faux)} à "
        f"{_heures(e + 2 * faux)} ; tout au mieux {_heures(n * estimation.optimiste)}, tout au pire "
        f"{_heures(n * estimation.pessimiste)}."))
