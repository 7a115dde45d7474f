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

import html
from dataclasses import dataclass

from obm import _validation as v
from obm._affichage import FINE, bloc_html, euros, texte
from obm._affichage import nombre as _fr
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = ["DIMENSIONS", "METEOS", "SEUILS_METEO", "ValeurAcquise", "apercu_rapport", "burndown",
           "comparer_points", "courbe_en_s", "ecrire_rapport_avancement", "feuille_de_suivi",
           "journal_du_montage", "meteo_de", "modele_point_hebdo", "tableau_du_point",
           "tableau_prevu_realise", "valeur_acquise"]

SEUILS_METEO = (0.95, 0.85)
"""Seuils par défaut du cours : vert si min(IPD, IPC) ≥ 0.95, orange si ≥ 0.85, sinon rouge."""

METEOS = {"vert": ("🟢", "météo verte"), "orange": ("🟠", "météo orange"),
          "rouge": ("🔴", "météo rouge")}
"""Chaque météo avec son icône et sa façon de l'écrire dans une phrase (jamais la couleur seule)."""

_COULEURS_BORDURE = {"vert": "#1e7d32", "orange": "#b35c00", "rouge": "#b3261e"}


def _euros(x: float) -> str:
    return euros(x, 0 if abs(x) >= 100 else None)


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
            ("Reste à faire (estimation − CR)", _euros(self.reste_a_faire)),
            ("Écart à terminaison (BAC − estimation)", _euros(self.ecart_a_terminaison)),
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
            f"Seuils de ce projet{FINE}: vert si le plus faible des deux indices est ≥ {_fr(vert, 2)}, "
            f"orange s'il est ≥ {_fr(orange, 2)}, sinon rouge. Toute météo orange ou rouge appelle "
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
            f"`seuils` vaut ({_fr(vert, 2)}, {_fr(orange, 2)}){FINE}: le seuil du vert doit être au moins "
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


# --- La météo d'un seul indice ------------------------------------------------------------------

def meteo_de(indice, *, seuils=SEUILS_METEO) -> str:
    """La météo d'un seul indice (l'IPD pour les délais, l'IPC pour les coûts) : « vert » s'il
    atteint le seuil du vert, « orange » s'il atteint celui de l'orange, sinon « rouge ».

    ``seuils`` : (seuil du vert, seuil de l'orange), ceux du projet ; par défaut ceux du cours.
    La météo d'ensemble d'un projet est celle de son plus faible indice (voir ``valeur_acquise``).
    """
    valeur = v.nombre(indice, "indice")
    if valeur < 0:
        raise DonneesInvalides(f"`indice` vaut {_fr(valeur)}{FINE}: un IPD ou un IPC n'est jamais "
                               "négatif. Donne l'indice calculé (VA ÷ VP ou VA ÷ CR).")
    vert, orange = _seuils(seuils)
    return "vert" if valeur >= vert else "orange" if valeur >= orange else "rouge"


def comparer_points(points: dict):
    """Plusieurs points de valeur acquise côte à côte (``{"nom": valeur_acquise(...)}``) : IPD,
    IPC, estimation à terminaison et météo de chacun, pour voir ce qu'un changement fait bouger."""
    from obm.metier import Tableau

    if not isinstance(points, dict) or not points:
        raise TypeInvalide('Donne les points dans un dictionnaire : {"nom": valeur_acquise(...)}.')
    lignes = []
    for nom, point in points.items():
        if not isinstance(point, ValeurAcquise):
            raise TypeInvalide(f"« {nom} » n'est pas un point de valeur acquise : calcule-le avec "
                               "valeur_acquise(...).")
        icone, phrase = METEOS[point.meteo]
        vert, orange = point.seuils
        lignes.append((str(nom), _fr(point.ipd, 2), _fr(point.ipc, 2),
                       _euros(point.estimation_a_terminaison), f"{icone} {phrase}",
                       f"{_fr(vert, 2)} et {_fr(orange, 2)}"))
    return Tableau(("essai", "IPD", "IPC", "estimation à terminaison", "météo", "seuils"),
                   tuple(lignes), "Ce que chaque changement fait bouger")


# --- La feuille de suivi du lancement de Clara ----------------------------------------------

FICHIER_SUIVI = "suivi_lancement.csv"
FICHIER_MONTAGE = "suivi_montage.csv"
COLONNES_SUIVI = ("date_point", "id", "tache", "responsable", "budget_ht", "debut_prevu",
                  "fin_prevue", "part_prevue", "part_realisee", "heures_semaine",
                  "cout_semaine_ht", "constat")
COLONNES_MONTAGE = ("module", "tournage_fini_le", "livree_le", "validee_le")


def _en_dates(serie):
    import pandas as pd

    return pd.to_datetime(serie, format="%Y-%m-%d").dt.date


def feuille_de_suivi():
    """La feuille de suivi de la préparation du lancement de Clara (``data/suivi_lancement.csv``).

    Une ligne par tâche et par point d'avancement (chaque vendredi, du 19 mars au 14 mai 2027) :
    ``date_point``, ``id``, ``tache``, ``responsable``, ``budget_ht`` (le budget de la tâche, en
    euros HT), ``debut_prevu`` et ``fin_prevue`` (le plan de référence), ``part_prevue`` (la part
    de la tâche qui devait être faite ce jour-là), ``part_realisee`` (la part vraiment terminée),
    ``heures_semaine``, ``cout_semaine_ht`` (ce que la tâche a coûté **dans la semaine**, pas
    depuis le début) et ``constat`` (la note de l'OBM). Les dates sont des dates Python, pour
    écrire ``feuille[feuille["date_point"] == date(2027, 4, 16)]``.
    """
    import pandas as pd

    from obm.donnees import chemin_donnees

    feuille = pd.read_csv(chemin_donnees(FICHIER_SUIVI), dtype={"constat": str})
    for colonne in ("date_point", "debut_prevu", "fin_prevue"):
        feuille[colonne] = _en_dates(feuille[colonne])
    feuille["constat"] = feuille["constat"].fillna("")
    return feuille


def journal_du_montage():
    """Le journal des huit vidéos du programme (``data/suivi_montage.csv``) : pour chaque module,
    le jour où Clara a fini de le tourner (``tournage_fini_le``), le jour où Hugo a livré la vidéo
    montée (``livree_le``) et le jour où Clara l'a validée (``validee_le``). Des dates Python."""
    import pandas as pd

    from obm.donnees import chemin_donnees

    journal = pd.read_csv(chemin_donnees(FICHIER_MONTAGE))
    for colonne in ("tournage_fini_le", "livree_le", "validee_le"):
        journal[colonne] = _en_dates(journal[colonne])
    return journal


def _verifier_colonnes(tableau, colonnes, quoi):
    import pandas as pd

    from obm.erreurs import ColonneManquante

    if not isinstance(tableau, pd.DataFrame):
        raise TypeInvalide(f"{quoi} attend un tableau (DataFrame), par ex. celui de "
                           f"`feuille_de_suivi()`, pas un objet de type {type(tableau).__name__}.")
    manquantes = [c for c in colonnes if c not in tableau.columns]
    if manquantes:
        raise ColonneManquante(f"{quoi} : il manque la colonne « {manquantes[0]} » au tableau. "
                               "Donne le tableau entier, sans retirer de colonne.")


def _date(valeur, nom):
    from obm.planification import lire_date

    return lire_date(valeur, nom)


def _lignes_du_point(feuille, date_point, quoi):
    _verifier_colonnes(feuille, COLONNES_SUIVI, quoi)
    jour = _date(date_point, "date_point")
    lignes = feuille[feuille["date_point"] == jour]
    if lignes.empty:
        from obm.fr import date as date_fr

        dates = sorted(set(feuille["date_point"]))
        connues = ", ".join(date_fr(d, "court") for d in dates[:12])
        raise DonneesInvalides(f"Aucun point d'avancement le {date_fr(jour)} dans la feuille. Les "
                               f"points ont lieu le vendredi{FINE}: {connues}.")
    return jour, lignes


def _cumuls(feuille):
    """Per weekly point: planned value, earned value and actual cost to date (a DataFrame)."""
    import pandas as pd

    lignes = []
    cout = 0.0
    for jour in sorted(set(feuille["date_point"])):
        point = feuille[feuille["date_point"] == jour]
        cout += float(point["cout_semaine_ht"].sum())
        lignes.append({"date_point": jour,
                       "valeur_planifiee": float((point["budget_ht"] * point["part_prevue"]).sum()),
                       "valeur_acquise": float((point["budget_ht"] * point["part_realisee"]).sum()),
                       "cout_reel": cout})
    return pd.DataFrame(lignes).set_index("date_point")


def tableau_du_point(feuille, date_point):
    """La feuille de suivi à une date de point, lisible : une ligne par tâche, avec son budget, la
    part prévue et la part réalisée ce jour-là, ce qu'elle a coûté depuis le début et la note de
    l'OBM. ``feuille`` : le tableau de :func:`feuille_de_suivi` ; ``date_point`` : un vendredi."""
    from obm.fr import date as date_fr
    from obm.fr import euros, pourcentage
    from obm.metier import Tableau

    jour, lignes = _lignes_du_point(feuille, date_point, "tableau_du_point()")
    jusque_la = feuille[feuille["date_point"] <= jour]
    rangees = []
    for _, ligne in lignes.iterrows():
        depense = float(jusque_la.loc[jusque_la["id"] == ligne["id"], "cout_semaine_ht"].sum())
        sans_budget = float(ligne["budget_ht"]) == 0
        rangees.append((
            str(ligne["id"]), str(ligne["tache"]), str(ligne["responsable"]),
            "— (son temps)" if sans_budget else euros(float(ligne["budget_ht"]), 0),
            pourcentage(float(ligne["part_prevue"])), pourcentage(float(ligne["part_realisee"])),
            "—" if sans_budget else euros(depense, 0), str(ligne["constat"]),
        ))
    return Tableau(("code", "tâche", "qui", "budget HT", "prévu", "réalisé", "coût à ce jour",
                    "constat de la semaine"), tuple(rangees),
                   f"La feuille de suivi au {date_fr(jour)}")


# --- Les graphiques ---------------------------------------------------------------------------

def _euros_axe(x, _position=None):
    from obm.fr import euros

    return euros(x, 0)


def courbe_en_s(feuille, date_point):
    """La courbe en S de la préparation : la valeur planifiée cumulée de tout le plan, et, jusqu'à
    la date du point, la valeur acquise et le coût réel cumulés (en euros HT), point par point.

    Sous la valeur planifiée, la valeur acquise dit un retard ; au-dessus du coût réel… un coût
    maîtrisé. La figure a son texte alternatif.
    """
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from obm import texte_alternatif
    from obm.fr import date as date_fr

    jour, _ = _lignes_du_point(feuille, date_point, "courbe_en_s()")
    cumuls = _cumuls(feuille)
    budget = float(feuille.loc[feuille["date_point"] == jour, "budget_ht"].sum())
    passe = cumuls[cumuls.index <= jour]
    fig = Figure(figsize=(9, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(list(cumuls.index), cumuls["valeur_planifiee"], "--", color="#555555", marker="o",
            label="valeur planifiée (VP) : le plan")
    ax.plot(list(passe.index), passe["valeur_acquise"], "-", color="#1e7d32", marker="s",
            linewidth=2.5, label="valeur acquise (VA) : le travail fini")
    ax.plot(list(passe.index), passe["cout_reel"], "-.", color="#b3261e", marker="^",
            linewidth=2, label="coût réel (CR) : la dépense")
    ax.axhline(budget, color="#3a7ca5", linewidth=1, linestyle=":")
    ax.annotate("budget (BAC)", (list(cumuls.index)[-1], budget), xytext=(-4, -14),
                textcoords="offset points", fontsize=10, color="#3a7ca5", ha="right")
    ax.axvline(jour, color="#6a3d9a", linewidth=1.2)
    ax.annotate(f"point du {date_fr(jour, 'court')}", (jour, 0), xytext=(4, 4),
                textcoords="offset points", fontsize=10, color="#6a3d9a")
    ax.yaxis.set_major_formatter(FuncFormatter(_euros_axe))
    ax.xaxis.set_major_formatter(DateFormatter("%d/%m"))
    ax.set_ylabel("cumul depuis le début (€ HT)", fontsize=10)
    ax.set_xlabel("points d'avancement (chaque vendredi)", fontsize=10)
    ax.tick_params(labelsize=10)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.92), fontsize=10)
    ax.set_ylim(0, budget * 1.12)
    ax.set_title(f"Courbe en S de la préparation du lancement, au {date_fr(jour)}", fontsize=12)
    dernier = passe.iloc[-1]
    retard = "en dessous" if dernier["valeur_acquise"] < dernier["valeur_planifiee"] else "au-dessus"
    cout = "en dessous" if dernier["valeur_acquise"] < dernier["cout_reel"] else "au-dessus"
    return texte_alternatif(fig, (
        f"Courbe en S de la préparation du lancement au {date_fr(jour)}. La valeur planifiée "
        f"monte jusqu'au budget de {_euros(budget)} HT à la mi-mai. Ce jour-là, la valeur acquise "
        f"est {retard} de la valeur planifiée et {cout} du coût réel."))


def _jours_ouvres(debut, fin):
    from datetime import timedelta

    from obm.planification import est_jour_ouvre

    jours, jour = [], debut
    while jour <= fin:
        if est_jour_ouvre(jour):
            jours.append(jour)
        jour += timedelta(days=1)
    return jours


def burndown(journal, date_point, *, debut, fin, colonne="validee_le", quoi="vidéos"):
    """Le graphique du reste à faire (en anglais *burndown chart*) : combien d'éléments restent à
    finir à la fin de chaque jour ouvré, jusqu'à la date du point, et la **ligne idéale**, qui
    descend régulièrement du total, au début prévu, à zéro, à la fin prévue.

    ``journal`` : un tableau avec une ligne par élément et, dans ``colonne``, le jour où il a été
    fini (pour les vidéos : validé par Clara) ; ``debut`` et ``fin`` : le début et la fin prévus de
    la tâche (le plan de référence). La courbe réelle **au-dessus** de la ligne idéale : il reste
    plus de travail que prévu, donc du retard.
    """
    from matplotlib.figure import Figure

    from obm import texte_alternatif
    from obm.fr import date as date_fr
    from obm.fr import nombre

    _verifier_colonnes(journal, (colonne,), "burndown()")
    jour = _date(date_point, "date_point")
    debut, fin = _date(debut, "debut"), _date(fin, "fin")
    if fin < debut:
        raise DonneesInvalides("`fin` est avant `debut` : donne le début puis la fin prévus de la "
                               "tâche, dans cet ordre.")
    total = len(journal)
    if total == 0:
        raise DonneesInvalides("Le journal est vide : il faut au moins un élément à finir.")
    prevus = _jours_ouvres(debut, fin)
    if not prevus:
        raise DonneesInvalides("Il n'y a aucun jour ouvré entre `debut` et `fin`.")
    finis = [d for d in journal[colonne] if d is not None and d == d]
    jours = _jours_ouvres(debut, max(fin, jour))

    def ideal(d):
        faits = sum(1 for p in prevus if p <= d)
        return total * (1 - faits / len(prevus))

    def reel(d):
        return total - sum(1 for f in finis if f <= d)

    # One step per working day: the ideal line is straight, weekends and holidays take no room.
    fig = Figure(figsize=(9, 4.2), layout="constrained")
    ax = fig.add_subplot()
    positions = range(len(jours) + 1)  # 0: the morning of the planned start; k: evening of day k
    ax.plot(list(positions), [total] + [ideal(d) for d in jours], "--", color="#555555",
            label="ligne idéale (le plan)")
    passes = [d for d in jours if d <= jour]
    ax.plot(list(range(len(passes) + 1)), [total] + [reel(d) for d in passes], "-",
            color="#b3261e", marker="o", linewidth=2.5, label=f"{quoi} qui restent (réel)")
    ax.axvline(len(passes), color="#6a3d9a", linewidth=1.2)
    ax.annotate(f"point du {date_fr(jour, 'court')}", (len(passes), total), xytext=(4, -14),
                textcoords="offset points", fontsize=10, color="#6a3d9a")
    pas = max(1, len(jours) // 8)
    ax.set_xticks([k + 1 for k in range(0, len(jours), pas)])
    ax.set_xticklabels([f"{d.day}/{d.month:02d}" for d in jours[::pas]])
    ax.set_xlim(0, len(jours) + 0.3)
    ax.set_ylim(0, total + 0.5)
    ax.set_ylabel(f"{quoi} qui restent à finir", fontsize=10)
    ax.set_xlabel("jours ouvrés (le soir de chaque jour)", fontsize=10)
    ax.tick_params(labelsize=10)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=10)
    ax.set_title(f"Reste à faire : {quoi}, au {date_fr(jour)}", fontsize=12)
    restant, prevu = reel(jour), ideal(jour)
    lecture = ("au-dessus de la ligne idéale : il reste plus de travail que prévu, c'est un retard"
               if restant > prevu + 1e-9 else
               "en dessous de la ligne idéale : il reste moins de travail que prévu, c'est une avance"
               if restant < prevu - 1e-9 else "sur la ligne idéale : le travail suit le plan")
    return texte_alternatif(fig, (
        f"Graphique du reste à faire au {date_fr(jour)} : {nombre(restant)} {quoi} sur "
        f"{nombre(total)} restent à finir, la ligne idéale en prévoyait {nombre(prevu, 1)}. "
        f"La courbe réelle est {lecture}."))


# --- Le point hebdomadaire ----------------------------------------------------------------------
# L'apprenante écrit son point dans un dictionnaire à un seul niveau (`point_hebdo = {...}`, une
# ligne par champ) ; la forme est contrôlée ici, puis le rapport est écrit dans livrables/, en
# Markdown et en page HTML. Le contenu (la cause est-elle une vraie cause ? l'action est-elle
# utile ?) est noté par la formatrice.

FICHIER_RAPPORT = "05_rapport_avancement"  # + .md et .html, dans livrables/
DIMENSIONS = {"delais": "Délais", "couts": "Coûts"}
"""Les deux dimensions du point, chacune avec sa météo : les délais (d'après l'IPD) et les coûts
(d'après l'IPC). La météo d'ensemble est la plus mauvaise des deux."""
CHAMPS_ACTION = ("cause", "action", "responsable", "echeance")
_CHAMPS_DIMENSION = ("meteo", "constat") + CHAMPS_ACTION
# The keys of the learner's dictionary: one line each, « champ_dimension » (« cause_delais »).
_CLES = ("resume",
         *(f"{champ}_delais" for champ in _CHAMPS_DIMENSION),
         *(f"{champ}_couts" for champ in _CHAMPS_DIMENSION),
         "decision")
_ORDRE = ("vert", "orange", "rouge")
MOTS_MAX_RAPPORT = 400  # au-delà, le point ne se lit plus en deux minutes ni sur une page
# Who is nobody in particular: a group, a pronoun, an open question.
_COLLECTIF = (r"\b(équipe|equipe|tout le monde|tous|toutes|on|nous|vous|personne|quelqu['’]un"
              r"|à définir|a definir)\b|\?")
_PLUSIEURS = (" et ", " ou ", ",", "/", "&", "+", ";")
_ABSENT = object()


def texte_modele_point(variable: str = "point_hebdo") -> str:
    """Le code du dictionnaire du point hebdomadaire à recopier (une ligne ``...`` par champ)."""
    def dimension(cle, titre):
        def ligne(champ, commentaire):
            return f'    "{champ}_{cle}": ...,'.ljust(31) + f"# {commentaire}"
        return [
            f"    # {titre}",
            ligne("meteo", '"vert", "orange" ou "rouge", avec les seuils du projet'),
            ligne("constat", "ce que disent les chiffres, en une ou deux phrases"),
            "    # Si cette météo est orange ou rouge, les quatre lignes suivantes sont obligatoires ;",
            '    # si elle est verte, écris "" à la place de chaque ... .',
            ligne("cause", "pourquoi : la cause, pas le symptôme"),
            ligne("action", "ce qui sera fait, concrètement"),
            ligne("responsable", "une seule personne, celle qui fait l'action"),
            ligne("echeance", "une date : date(2027, 5, 3)"),
        ]
    lignes = [f"{variable} = {{",
              "    # En bref : deux ou trois phrases pour Clara (où en est-on, que proposes-tu ?)",
              '    "resume": ...,',
              *dimension("delais", "Les délais : la météo de l'IPD"),
              *dimension("couts", "Les coûts : la météo de l'IPC"),
              "    # La décision que tu demandes à Clara cette semaine",
              '    "decision": ...,',
              "}"]
    return "\n".join(lignes)


def modele_point_hebdo(variable: str = "point_hebdo") -> None:
    """Affiche le dictionnaire du point hebdomadaire à recopier : remplace chaque ``...`` par ton
    texte entre guillemets, ta météo ou ta date (``""`` pour ce qu'une météo verte ne demande pas)."""
    print(texte_modele_point(variable))


def _en_blocs(point_hebdo: dict) -> dict:
    """The learner's one-level dictionary grouped by dimension, for the checks and the report."""
    blocs = {"resume": point_hebdo["resume"], "decision": point_hebdo["decision"]}
    for cle in DIMENSIONS:
        blocs[cle] = {champ: point_hebdo[f"{champ}_{cle}"] for champ in _CHAMPS_DIMENSION}
    return blocs


def _mots_point(point_hebdo: dict) -> int:
    return sum(len(t.split()) for t in point_hebdo.values() if isinstance(t, str))


def _un_responsable(nom: str) -> bool:
    """One person named (« Hugo », « moi (l'OBM) »), not a group (« l'équipe », « Léa et Inès »)."""
    import re

    texte = " ".join(nom.split()).casefold()
    if not texte or re.search(_COLLECTIF, texte):
        return False
    return not any(s in f" {texte} " for s in _PLUSIEURS)


def controler_point_hebdo(point_hebdo, point, date_point, *, seuils=SEUILS_METEO) -> None:
    """Lève ``obm.verifier.PasEncoreFait`` ou ``ARevoir`` si le point n'a pas la forme attendue.

    La forme attendue : le dictionnaire du modèle, une ligne par champ (``"meteo_delais"``,
    ``"cause_couts"``…) ; pour chaque dimension, une météo qui est celle de son indice dans
    ``point`` (IPD pour les délais, IPC pour les coûts) avec les ``seuils`` du projet ; pour chaque
    météo orange ou rouge, une cause, une action, **une** personne responsable et une échéance
    (une date après ``date_point``) ; des textes courts (une page).
    Le contenu n'est pas jugé : c'est la formatrice qui le note.
    """
    import datetime as dt

    from obm import verifier as vf

    if point_hebdo is Ellipsis:
        raise vf.PasEncoreFait("`point_hebdo` vaut encore `...`, le modèle de réponse.",
                               "recopie le modèle affiché plus haut et remplace chaque `...`.")
    if not isinstance(point_hebdo, dict):
        raise vf.ARevoir(f"ton point doit être un dictionnaire, mais c'est un objet de type "
                         f"{type(point_hebdo).__name__}.",
                         "recopie le modèle affiché plus haut (il commence par `point_hebdo = {`).")
    inconnues = [c for c in point_hebdo if c not in _CLES]
    if inconnues:
        raise vf.ARevoir(f"la clé {inconnues[0]!r} n'est pas une ligne du modèle.",
                         "garde les clés du modèle telles quelles, en minuscules et sans accents "
                         "(par exemple \"cause_delais\").")
    manquantes = [c for c in _CLES if c not in point_hebdo]
    if manquantes:
        raise vf.ARevoir(f"il manque la ligne {manquantes[0]!r} à ton point.",
                         "recopie toutes les lignes du modèle.")
    reste = [c for c in _CLES if point_hebdo[c] is Ellipsis]
    if reste:
        raise vf.PasEncoreFait(f"il te reste à remplir : {', '.join(reste)}.",
                               "remplace chaque `...` par ta réponse (\"\" pour ce qu'une météo "
                               "verte ne demande pas), exécute la cellule, puis celle-ci.")
    for cle in ("resume", "decision"):
        texte = point_hebdo[cle]
        if not isinstance(texte, str) or len(texte.strip()) < 20:
            raise vf.ARevoir(f"« {cle} » doit être un texte d'une phrase au moins, entre guillemets.",
                             'écris une ou deux phrases entre guillemets doubles : `"…"`.')
    if not isinstance(point, ValeurAcquise):
        raise vf.PasEncoreFait("ton point de valeur acquise n'est pas encore calculé.",
                               "calcule-le plus haut avec `valeur_acquise(...)`, puis reviens ici.")
    jour = date_point
    if not isinstance(jour, dt.date) or isinstance(jour, dt.datetime):
        raise vf.ARevoir("la date du point doit être une date, par ex. date(2027, 4, 23).",
                         "garde la date du point donnée dans l'énoncé.")
    blocs = _en_blocs(point_hebdo)
    for cle, titre in DIMENSIONS.items():
        bloc = blocs[cle]
        meteo = bloc["meteo"]
        if meteo not in METEOS:
            raise vf.ARevoir(f"`meteo_{cle}` vaut {meteo!r} : écris \"vert\", \"orange\" ou "
                             "\"rouge\".", "en minuscules, sans accent, entre guillemets.")
        indice, nom = (point.ipd, "IPD") if cle == "delais" else (point.ipc, "IPC")
        if meteo != meteo_de(indice, seuils=seuils):
            raise vf.ARevoir(f"la météo des {titre.lower()} ne correspond pas à ton {nom} lu avec "
                             "les seuils du projet.",
                             "une dimension prend la météo de son indice : compare-le aux deux "
                             "seuils du projet.")
        if not isinstance(bloc["constat"], str) or len(bloc["constat"].strip()) < 20:
            raise vf.ARevoir(f"le constat des {titre.lower()} (`constat_{cle}`) doit être un texte "
                             "d'une phrase au moins.",
                             "dis ce que montrent les chiffres, en une ou deux phrases.")
        if meteo == "vert":
            continue
        for champ in ("cause", "action"):
            texte = bloc[champ]
            if not isinstance(texte, str) or len(texte.strip()) < 15:
                raise vf.ARevoir(f"les {titre.lower()} sont en météo {METEOS[meteo][1].split()[1]} : "
                                 f"il leur faut une {champ} (`{champ}_{cle}`), écrite en une phrase.",
                                 "toute météo orange ou rouge a une cause, une action, une personne "
                                 "responsable et une échéance.")
        responsable = bloc["responsable"]
        if not isinstance(responsable, str) or not _un_responsable(responsable):
            raise vf.ARevoir(f"le responsable de l'action des {titre.lower()} doit être une seule "
                             f"personne, nommée par son prénom (pas {responsable!r}).",
                             "« l'équipe », « on » ou deux prénoms, c'est personne : choisis qui "
                             "porte l'action.")
        echeance = bloc["echeance"]
        if not isinstance(echeance, dt.date) or isinstance(echeance, dt.datetime):
            raise vf.ARevoir(f"l'échéance de l'action des {titre.lower()} doit être une date, "
                             f"pas {echeance!r}.", "écris-la comme date(2027, 5, 3) : « dès que "
                             "possible » n'est pas une échéance.")
        if echeance <= jour:
            raise vf.ARevoir(f"l'échéance de l'action des {titre.lower()} n'est pas après la date du "
                             "point.", "une action se termine après le jour où tu la décides.")
    if _mots_point(point_hebdo) > MOTS_MAX_RAPPORT:
        raise vf.ARevoir(f"ton point compte {_mots_point(point_hebdo)} mots : Clara doit pouvoir le "
                         f"lire en deux minutes (au plus {MOTS_MAX_RAPPORT}).",
                         "garde une phrase par idée ; les chiffres disent le reste.")


def _meteo_globale(point_hebdo: dict) -> str:
    return max((point_hebdo[f"meteo_{c}"] for c in DIMENSIONS), key=_ORDRE.index)


def _date_fr(jour) -> str:
    from obm.fr import date as date_fr

    return date_fr(jour)


def _chiffres(point: ValeurAcquise) -> list[tuple[str, str]]:
    return [
        ("Budget de la préparation (BAC)", f"{_euros(point.budget)} HT"),
        ("Valeur planifiée (VP)", f"{_euros(point.valeur_planifiee)} HT"),
        ("Valeur acquise (VA)", f"{_euros(point.valeur_acquise)} HT"),
        ("Coût réel (CR)", f"{_euros(point.cout_reel)} HT"),
        ("Indice de performance des délais (IPD)", _fr(point.ipd, 2)),
        ("Indice de performance des coûts (IPC)", _fr(point.ipc, 2)),
        ("Estimation à terminaison (BAC ÷ IPC)", f"{_euros(point.estimation_a_terminaison)} HT"),
    ]


def _seuils_texte(seuils) -> str:
    vert, orange = seuils
    return (f"seuils du projet{FINE}: vert à partir de {_fr(vert, 2)}, orange à partir de "
            f"{_fr(orange, 2)}, rouge en dessous")


def rapport_markdown(point_hebdo: dict, point: ValeurAcquise, date_point, *, seuils=SEUILS_METEO,
                     projet: str = "", cliente: str = "", date_ecriture: str = "") -> str:
    """Le rapport d'avancement en Markdown (déjà contrôlé), typographie française comprise."""
    from obm.fr import typographie as t

    def propre(texte):
        return t(" ".join(str(texte).split()))

    globale = _meteo_globale(point_hebdo)
    point_hebdo = _en_blocs(point_hebdo)
    icone, phrase = METEOS[globale]
    parties = [f"# Point d'avancement du {_date_fr(date_point)}", "",
               f"*{propre(projet)} · pour {propre(cliente)}*", "",
               t(f"**Météo d'ensemble{FINE}: {icone} {phrase}** (la plus mauvaise des deux "
                 f"dimensions ; {_seuils_texte(seuils)})"), "",
               "## En bref", "", propre(point_hebdo["resume"]), "",
               "## Les chiffres du point", "", "| indicateur | valeur |", "|---|---|"]
    parties += [f"| {t(libelle)} | {valeur} |" for libelle, valeur in _chiffres(point)]
    parties.append("")
    for cle, titre in DIMENSIONS.items():
        bloc = point_hebdo[cle]
        icone, phrase = METEOS[bloc["meteo"]]
        parties += [f"## {titre}{FINE}: {icone} {phrase}", "", propre(bloc["constat"]), ""]
        if bloc["meteo"] != "vert":
            parties += [f"- **Cause**{FINE}: {propre(bloc['cause'])}",
                        f"- **Action**{FINE}: {propre(bloc['action'])}",
                        f"- **Responsable**{FINE}: {propre(bloc['responsable'])}",
                        f"- **Échéance**{FINE}: {_date_fr(bloc['echeance'])}", ""]
    parties += ["## Décision attendue de Clara", "", propre(point_hebdo["decision"]), "", "---", "",
                t(f"Rapport préparé le {date_ecriture} avec l'Académie OBM (module 05).")]
    return "\n".join(parties) + "\n"


_STYLE_RAPPORT = """
@page { size: A4; margin: 14mm 16mm; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #1d1d1d; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 .2em; color: #0b4f8a; }
.sous-titre { margin: 0 0 .8em; font-style: italic; color: #444; }
.meteo { font-size: 12pt; font-weight: bold; padding: 4px 8px; border-left: 6px solid #555; }
h2 { font-size: 11.5pt; margin: 1em 0 .3em; color: #0b4f8a; border-bottom: 1px solid #c9d8e6; }
table { border-collapse: collapse; margin: .3em 0; }
th, td { text-align: left; padding: 2px 12px 2px 0; border-bottom: 1px solid #e3e3e3; }
td.nombre { text-align: right; }
ul { margin: .3em 0 .3em 1.2em; padding: 0; }
footer { margin-top: 1.2em; font-size: 9pt; color: #555; }
"""


def rapport_html(point_hebdo: dict, point: ValeurAcquise, date_point, *, seuils=SEUILS_METEO,
                 projet: str = "", cliente: str = "", date_ecriture: str = "") -> str:
    """Le rapport en page HTML autonome, prête à imprimer sur une page A4 (texte échappé)."""
    from obm.fr import typographie

    def e(texte) -> str:
        return html.escape(typographie(" ".join(str(texte).split())))

    globale = _meteo_globale(point_hebdo)
    point_hebdo = _en_blocs(point_hebdo)
    icone, phrase = METEOS[globale]
    titre = f"Point d'avancement du {_date_fr(date_point)}"
    chiffres = "".join(f"<tr><th>{e(l)}</th><td class=\"nombre\">{e(v)}</td></tr>"
                       for l, v in _chiffres(point))
    corps = [f"<h1>{e(titre)}</h1>",
             f'<p class="sous-titre">{e(projet)} · pour {e(cliente)}</p>',
             f'<p class="meteo" style="border-left-color:{_COULEURS_BORDURE[globale]}">Météo '
             f"d'ensemble{FINE}: {icone} {e(phrase)}</p>",
             f"<p>La plus mauvaise des deux dimensions ; {e(_seuils_texte(seuils))}.</p>",
             "<h2>En bref</h2>", f"<p>{e(point_hebdo['resume'])}</p>",
             "<h2>Les chiffres du point</h2>", f"<table>{chiffres}</table>"]
    for cle, titre_dimension in DIMENSIONS.items():
        bloc = point_hebdo[cle]
        icone, phrase = METEOS[bloc["meteo"]]
        corps += [f"<h2>{e(titre_dimension)}{FINE}: {icone} {e(phrase)}</h2>",
                  f"<p>{e(bloc['constat'])}</p>"]
        if bloc["meteo"] != "vert":
            corps.append(
                "<ul>"
                f"<li><b>Cause</b>{FINE}: {e(bloc['cause'])}</li>"
                f"<li><b>Action</b>{FINE}: {e(bloc['action'])}</li>"
                f"<li><b>Responsable</b>{FINE}: {e(bloc['responsable'])}</li>"
                f"<li><b>Échéance</b>{FINE}: {e(_date_fr(bloc['echeance']))}</li>"
                "</ul>")
    corps += ["<h2>Décision attendue de Clara</h2>", f"<p>{e(point_hebdo['decision'])}</p>",
              f"<footer>{e(f'Rapport préparé le {date_ecriture} avec l’Académie OBM (module 05).')}"
              "</footer>"]
    return ('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(titre)}</title>\n<style>{_STYLE_RAPPORT}</style>\n</head>\n<body>\n"
            + "\n".join(corps) + "\n</body>\n</html>\n")


def _projet_et_cliente() -> tuple[str, str]:
    from obm.donnees import clara

    faits = clara()
    return (f"{faits.programme.nom} · {faits.lancement.nom}",
            f"{faits.clara.prenom} {faits.clara.nom}")


def ecrire_rapport(point_hebdo, point, date_point, dossier=None, *, seuils=SEUILS_METEO,
                   projet: str | None = None, cliente: str | None = None):
    """Écrit le rapport (sa forme est d'abord contrôlée) en ``.md`` et ``.html`` ; renvoie les
    deux chemins. ``dossier`` : par défaut ``livrables/`` (voir ``obm.livrables``)."""
    import datetime as dt
    from pathlib import Path

    from obm import verifier as vf
    from obm.fr import date as date_fr

    try:
        controler_point_hebdo(point_hebdo, point, date_point, seuils=seuils)
    except vf._Issue as probleme:
        raise DonneesInvalides(f"Le point n'a pas encore la bonne forme : {probleme.message}") from None
    seuils = _seuils(seuils)
    projet_defaut, cliente_defaut = _projet_et_cliente()
    reglages = {"seuils": seuils, "projet": projet or projet_defaut,
                "cliente": cliente or cliente_defaut,
                "date_ecriture": date_fr(dt.date.today())}
    if dossier is None:
        from obm.livrables import chemin_livrable

        markdown, page = chemin_livrable(f"{FICHIER_RAPPORT}.md"), chemin_livrable(f"{FICHIER_RAPPORT}.html")
    else:
        dossier = Path(dossier)
        dossier.mkdir(parents=True, exist_ok=True)
        markdown, page = dossier / f"{FICHIER_RAPPORT}.md", dossier / f"{FICHIER_RAPPORT}.html"
    markdown.write_text(rapport_markdown(point_hebdo, point, date_point, **reglages), encoding="utf-8")
    page.write_text(rapport_html(point_hebdo, point, date_point, **reglages), encoding="utf-8")
    return markdown, page


@dataclass(frozen=True)
class ApercuRapport:
    """Le rapport tel qu'il sera écrit, affiché dans le notebook (aucun fichier n'est écrit)."""

    page: str

    def _repr_pretty_(self, p, cycle) -> None:  # the text view in IPython
        p.text(str(self))

    def __str__(self) -> str:
        import re

        texte = re.sub(r"<style>.*?</style>", "", self.page, flags=re.S)
        texte = re.sub(r"</(p|h1|h2|li|tr|footer)>", "\n", texte)
        return html.unescape(re.sub(r"<[^>]+>", "", texte)).strip()

    def _repr_html_(self) -> str:
        debut, fin = self.page.index("<body>") + len("<body>"), self.page.index("</body>")
        return ('<div class="obm-rapport" style="border:1px solid #c9d8e6;padding:8px 14px;'
                f'max-width:48em;background:#fff;color:#1d1d1d">{self.page[debut:fin]}</div>')


def apercu_rapport(point_hebdo, point, date_point, *, seuils=SEUILS_METEO) -> ApercuRapport:
    """Le rapport d'avancement tel qu'il serait écrit, affiché ici sans écrire de fichier (pour un
    exemple). Sa forme est contrôlée comme pour :func:`ecrire_rapport_avancement`."""
    import datetime as dt

    from obm import verifier as vf
    from obm.fr import date as date_fr

    try:
        controler_point_hebdo(point_hebdo, point, date_point, seuils=seuils)
    except vf._Issue as probleme:
        raise DonneesInvalides(f"Le point n'a pas encore la bonne forme : {probleme.message}") from None
    projet, cliente = _projet_et_cliente()
    return ApercuRapport(rapport_html(point_hebdo, point, date_point, seuils=_seuils(seuils),
                                      projet=projet, cliente=cliente,
                                      date_ecriture=date_fr(dt.date.today())))


@dataclass(frozen=True)
class RapportEcrit:
    """Ce qui s'affiche sous la cellule : où sont les deux fichiers, puis le rapport lui-même."""

    markdown: object
    page: object
    meteo: str

    def _repr_pretty_(self, p, cycle) -> None:  # the text view in IPython
        p.text(str(self))

    def __str__(self) -> str:
        icone, phrase = METEOS[self.meteo]
        return (f"Ton rapport d'avancement ({icone} {phrase}) est enregistré :\n- {self.markdown}\n"
                f"- {self.page}")

    def _repr_html_(self) -> str:
        texte = self.page.read_text(encoding="utf-8")
        debut, fin = texte.index("<body>") + len("<body>"), texte.index("</body>")
        return (f'<div class="obm-rapport"><p>📄 Ton rapport d\'avancement est enregistré dans ton '
                f"dossier <code>livrables/</code> : <code>{html.escape(self.markdown.name)}</code> "
                f"(Markdown, à coller dans un e-mail ou un outil de notes) et "
                f"<code>{html.escape(self.page.name)}</code> (à ouvrir dans ton navigateur, pour "
                "l'imprimer ou l'enregistrer en PDF).</p>"
                '<div style="border:1px solid #c9d8e6;padding:8px 14px;max-width:48em;'
                f'background:#fff;color:#1d1d1d">{texte[debut:fin]}</div></div>')


def ecrire_rapport_avancement(point_hebdo, point, date_point, *, seuils=SEUILS_METEO) -> None:
    """Vérifie la forme de ton point hebdomadaire, puis l'enregistre dans ``livrables/``.

    ``point_hebdo`` : ton dictionnaire (le modèle de :func:`modele_point_hebdo`) ; ``point`` : ton
    point de valeur acquise (``valeur_acquise(...)``) ; ``date_point`` : la date du point ;
    ``seuils`` : les seuils de météo du projet. Tant que le point n'est pas rempli, tu lis « pas
    encore fait » et rien n'est écrit ; une fois sa forme correcte, il est écrit en Markdown et en
    HTML, et s'affiche ici.
    """
    from IPython.display import display

    from obm import verifier as vf

    # Built by hand rather than by obm.verifier.controler: a written text has no fingerprint to
    # compare, neither with a catalogue of mistakes nor with a model answer.
    try:
        controler_point_hebdo(point_hebdo, point, date_point, seuils=seuils)
    except vf._Issue as probleme:
        resultat = vf.Resultat("point_hebdo", probleme.statut, probleme.message, probleme.indice)
    else:
        resultat = vf.Resultat("point_hebdo", vf.FORME_CORRECTE,
                               "ton point a la forme attendue ; son contenu sera noté par ta "
                               "formatrice.")
    display(resultat)
    if resultat.statut != vf.FORME_CORRECTE:
        return None
    markdown, page = ecrire_rapport(point_hebdo, point, date_point, seuils=seuils)
    display(RapportEcrit(markdown, page, _meteo_globale(point_hebdo)))
    return None


# --- Prévu et réalisé : le bilan des ventes du lancement ----------------------------------------

def tableau_prevu_realise():
    """L'objectif de ventes du lancement et ce que disent les données (``data/clara.toml``) :
    le nombre de ventes, et trois façons de compter l'argent, qui ne se comparent pas entre elles.
    """
    from obm.donnees import clara
    from obm.fr import euros, nombre
    from obm.metier import Tableau

    faits = clara()
    lancement, r, prix = faits.lancement, faits.lancement.resultats, faits.programme.prix_ttc
    objectif = lancement.objectif_ventes
    lignes = (
        ("commandes", f"{nombre(objectif)} ventes", f"{nombre(r.ventes)} commandes",
         "toutes les commandes de Cap Sérénité, y compris celles remboursées ensuite"),
        ("remboursements", "—", nombre(r.remboursements),
         "des commandes annulées pendant la garantie"),
        ("ventes conclues TTC", f"{euros(objectif * prix, 0)} (au prix plein)",
         euros(r.ventes_conclues_ttc, 0),
         f"le prix de chaque vente : {euros(prix, 0)} en une fois, ou 3 × "
         f"{euros(faits.programme.mensualite_ttc, 0)}"),
        ("ventes conclues nettes TTC", "—", euros(r.ventes_conclues_nettes_ttc, 0),
         "les ventes conclues, moins les remboursements"),
        ("encaissé le jour des commandes TTC", "—", euros(r.encaisse_commandes_ttc, 0),
         "ce que l'outil de paiement a reçu ce jour-là : une seule mensualité pour un paiement "
         "en 3 fois, remboursements pas encore déduits"),
    )
    return Tableau(("mesure", "prévu avant le lancement", "réalisé", "ce que ça compte"), lignes,
                   "Le lancement de printemps 2027 : le prévu et le réalisé")
