"""Le suivi d'avancement : la méthode de la valeur acquise et la météo du projet.

À une date de point d'avancement, on compare trois montants (PMBOK 6, § 7.4) :

- la **valeur planifiée** (VP, en anglais PV) : le budget du travail qui devait être fait ;
- la **valeur acquise** (VA, EV) : le budget du travail **réellement terminé** (budget total ×
  part physiquement réalisée), ni le temps écoulé ni l'argent dépensé ;
- le **coût réel** (CR, AC) : ce qui a été dépensé pour ce travail.

On en tire les écarts (VA − VP, VA − CR), les indices (IPD = VA ÷ VP, IPC = VA ÷ CR ; en
dessous de 1 : en retard, ou plus cher que prévu) et une prévision du coût final.
La météo (« vert », « orange », « rouge ») compare le plus faible des deux indices à des seuils
**fixés pour chaque projet** ; le cours prend 0.95 et 0.85 par défaut.
"""

from __future__ import annotations

from dataclasses import dataclass

from obm import _validation as v
from obm._affichage import FINE, bloc_html, euros, texte
from obm._affichage import nombre as _fr
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = ["METEOS", "SEUILS_METEO", "ValeurAcquise", "valeur_acquise"]

SEUILS_METEO = (0.95, 0.85)
"""Seuils par défaut du cours : vert si min(IPD, IPC) ≥ 0.95, orange si ≥ 0.85, sinon rouge."""

METEOS = {"vert": ("🟢", "météo verte"), "orange": ("🟠", "météo orange"),
          "rouge": ("🔴", "météo rouge")}
"""Chaque météo avec son icône et sa façon de l'écrire dans une phrase (jamais la couleur seule)."""

_COULEURS_BORDURE = {"vert": "#1e7d32", "orange": "#b35c00", "rouge": "#b3261e"}


def _euros(x: float) -> str:
    return euros(x, 0 if abs(x) >= 100 else 2)


@dataclass(frozen=True)
class ValeurAcquise:
    """Un point d'avancement par la méthode de la valeur acquise.

    Les montants sont dans l'unité du budget (des euros, le plus souvent) :

    - ``budget`` (budget à l'achèvement, BAC), ``part_prevue``, ``part_realisee`` : les données ;
    - ``valeur_planifiee`` = budget × part prévue ; ``valeur_acquise`` = budget × part réalisée ;
      ``cout_reel`` ;
    - ``ecart_delai`` = VA − VP et ``ecart_cout`` = VA − CR (négatifs : en retard, trop cher) ;
    - ``ipd`` = VA ÷ VP et ``ipc`` = VA ÷ CR (en dessous de 1 : en retard, trop cher) ;
    - ``estimation_a_terminaison`` = budget ÷ IPC (le coût final si l'efficacité actuelle
      continue), ``reste_a_faire`` = estimation à terminaison − coût réel,
      ``ecart_a_terminaison`` = budget − estimation à terminaison ;
    - ``indice_pour_finir`` = (budget − VA) ÷ (budget − CR) : l'IPC qu'il faudrait tenir sur le
      reste du travail pour finir dans le budget (``None`` quand le budget est déjà dépensé) ;
    - ``meteo`` : « vert », « orange » ou « rouge », d'après min(IPD, IPC) et ``seuils``.
    """

    budget: float
    part_prevue: float
    part_realisee: float
    valeur_planifiee: float
    valeur_acquise: float
    cout_reel: float
    ecart_delai: float
    ecart_cout: float
    ipd: float
    ipc: float
    estimation_a_terminaison: float
    reste_a_faire: float
    ecart_a_terminaison: float
    indice_pour_finir: float | None
    meteo: str
    seuils: tuple[float, float] = SEUILS_METEO

    @property
    def meteo_texte(self) -> str:
        """La météo comme on l'écrit dans une phrase : « météo verte », « météo orange »…"""
        return METEOS[self.meteo][1]

    def _contenu(self):
        icone, phrase_meteo = METEOS[self.meteo]
        titre = f"Point d'avancement{FINE}: {icone} {phrase_meteo}"
        lignes = [
            ("Budget à l'achèvement (BAC)", _euros(self.budget)),
            ("Valeur planifiée (VP)", _euros(self.valeur_planifiee)),
            ("Valeur acquise (VA)", _euros(self.valeur_acquise)),
            ("Coût réel (CR)", _euros(self.cout_reel)),
            ("Écart de délai (VA − VP)", _euros(self.ecart_delai)),
            ("Écart de coût (VA − CR)", _euros(self.ecart_cout)),
            ("Indice de performance des délais (IPD)", _fr(self.ipd)),
            ("Indice de performance des coûts (IPC)", _fr(self.ipc)),
            ("Estimation à terminaison (BAC ÷ IPC)", _euros(self.estimation_a_terminaison)),
            ("Reste à faire", _euros(self.reste_a_faire)),
            ("Écart à terminaison (BAC − EAT)", _euros(self.ecart_a_terminaison)),
        ]
        phrases = []
        if self.ipd < 1:
            phrases.append(f"IPD {_fr(self.ipd)} < 1{FINE}: moins de travail terminé que prévu à "
                           "cette date, le projet est en retard.")
        else:
            phrases.append(f"IPD {_fr(self.ipd)} ≥ 1{FINE}: au moins autant de travail terminé que "
                           "prévu, le projet est à l'heure ou en avance.")
        if self.ipc < 1:
            phrases.append(f"IPC {_fr(self.ipc)} < 1{FINE}: le travail fait a coûté plus que son "
                           f"budget ; à ce rythme, le projet finira vers "
                           f"{_euros(self.estimation_a_terminaison)}.")
        else:
            phrases.append(f"IPC {_fr(self.ipc)} ≥ 1{FINE}: le travail fait a coûté au plus son "
                           "budget.")
        vert, orange = self.seuils
        phrases.append(
            f"Seuils de ce projet{FINE}: vert si le plus faible des deux indices est ≥ {_fr(vert)}, "
            f"orange s'il est ≥ {_fr(orange)}, sinon rouge. Toute météo orange ou rouge appelle "
            "une cause, une action, une personne responsable et une date."
        )
        return titre, lignes, phrases

    def __str__(self):
        return texte(*self._contenu())

    def _repr_html_(self):
        titre, lignes, phrases = self._contenu()
        return bloc_html(titre, lignes, phrases, couleur=_COULEURS_BORDURE[self.meteo])


def _seuils(seuils):
    if not isinstance(seuils, (tuple, list)) or len(seuils) != 2:
        raise TypeInvalide(
            "`seuils` doit être un couple (seuil du vert, seuil de l'orange), par ex. (0.95, 0.85), "
            f"pas {seuils!r:.40}."
        )
    vert = v.taux(seuils[0], "seuils", " (seuil du vert)", zero_permis=False)
    orange = v.taux(seuils[1], "seuils", " (seuil de l'orange)", zero_permis=False)
    if orange > vert:
        raise DonneesInvalides(
            f"`seuils` vaut ({_fr(vert)}, {_fr(orange)}){FINE}: le seuil du vert doit être au moins "
            "celui de l'orange. Écris (seuil du vert, seuil de l'orange), par ex. (0.95, 0.85)."
        )
    return vert, orange


def valeur_acquise(budget, part_prevue, part_realisee, cout_reel, *, seuils=SEUILS_METEO):
    """Point d'avancement par la valeur acquise : écarts, indices, prévision et météo.

    - ``budget`` : le budget total du projet (BAC), par ex. 4000 (€ HT) ;
    - ``part_prevue`` : la part du travail qui devait être faite à cette date (une fraction :
      0.5 pour 50 %) ;
    - ``part_realisee`` : la part du travail **physiquement terminée** (3 vidéos validées sur 8 :
      ``3 / 8``), pas le temps écoulé ni l'argent dépensé ;
    - ``cout_reel`` : ce qui a été dépensé jusqu'à cette date ;
    - ``seuils`` : (seuil du vert, seuil de l'orange) ; ils se fixent pour chaque projet.

    Exemple : ``valeur_acquise(4000, 0.5, 3 / 8, 1800)`` → valeur planifiée 2 000, valeur
    acquise 1 500, IPD 0.75, IPC ≈ 0.83, estimation à terminaison ≈ 4 800, météo « rouge ».
    Voir ``help(ValeurAcquise)`` pour tous les champs. Les résultats ne sont pas arrondis.
    """
    bac = v.positif(budget, "budget", "sans budget, il n'y a pas de valeur à acquérir. Donne le "
                    "budget total du projet (BAC).")
    prevue = v.taux(part_prevue, "part_prevue")
    realisee = v.taux(part_realisee, "part_realisee")
    ac = v.montant(cout_reel, "cout_reel")
    vert, orange = _seuils(seuils)
    pv = bac * prevue
    ev = bac * realisee
    if pv == 0:
        raise DonneesInvalides(
            "`part_prevue` vaut 0 : à cette date, aucun travail n'était prévu, donc l'IPD (VA ÷ VP) "
            "n'existe pas (division par zéro). Fais le point après le début prévu du travail."
        )
    if ac == 0:
        raise DonneesInvalides(
            "`cout_reel` vaut 0 : sans dépense, l'IPC (VA ÷ CR) n'existe pas (division par zéro). "
            "Compte ce qui a été payé ou engagé pour le travail fait (heures × taux compris)."
        )
    if ev == 0:
        raise DonneesInvalides(
            "`part_realisee` vaut 0 : aucun travail n'est terminé, donc l'IPC vaut 0 et "
            "l'estimation à terminaison (BAC ÷ IPC) n'existe pas. Note ce qui est déjà validé "
            "(une vidéo livrée et acceptée compte, une vidéo « presque finie » non)."
        )
    ipd = v.fini(ev / pv, "L'IPD")
    ipc = v.fini(ev / ac, "L'IPC")
    eac = v.fini(bac / ipc, "L'estimation à terminaison")
    reste_budget = bac - ac
    plus_faible = min(ipd, ipc)
    meteo = "vert" if plus_faible >= vert else "orange" if plus_faible >= orange else "rouge"
    return ValeurAcquise(
        budget=bac, part_prevue=prevue, part_realisee=realisee,
        valeur_planifiee=pv, valeur_acquise=ev, cout_reel=ac,
        ecart_delai=ev - pv, ecart_cout=ev - ac,
        ipd=ipd, ipc=ipc,
        estimation_a_terminaison=eac, reste_a_faire=eac - ac, ecart_a_terminaison=bac - eac,
        indice_pour_finir=(bac - ev) / reste_budget if reste_budget > 0 else None,
        meteo=meteo, seuils=(vert, orange),
    )
