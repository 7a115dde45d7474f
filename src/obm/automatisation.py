"""Automatiser les tâches récurrentes (module 14) : ce qui vaut la peine, ce que ça coûte, et les
boucles à éviter.

- :func:`gain_annuel` : les heures gagnées par an (exécutions × minutes gagnées, moins la
  maintenance) ; :func:`delai_de_retour` : en combien d'années la mise en place est remboursée ;
  :func:`temps_rentable_xkcd` : le temps qu'on peut investir selon la table xkcd 1205 « Is It
  Worth the Time? », dont l'horizon est de **cinq ans** ;
- :func:`taches_zapier` et :func:`operations_make` comptent ce que facturent Zapier (des tâches)
  et Make (des opérations, payées en crédits depuis le 27 août 2025) pour un scénario décrit
  étape par étape ;
- :func:`boucles` trouve les actions d'un flux qui écrivent là où son déclencheur écoute ;
- :func:`journal_taches_lea` lit le journal du temps de Léa (``data/journal_taches_lea.csv``),
  :func:`candidates_automatisation` donne les automatisations envisagées pour ses tâches, et
  :func:`ecrire_carte_automatisations` écrit ta carte des automatisations dans ``livrables/``.

Les règles de comptage changent (voir la leçon 14, qui les date) : relis la page d'aide de
l'outil avant de chiffrer un devis.
"""

from __future__ import annotations

import math

from obm import _validation as v
from obm.erreurs import ColonneManquante, DonneesInvalides

__all__ = [
    "CANDIDATES",
    "HORIZON_XKCD_ANNEES",
    "JOURNAL_LEA",
    "SEMAINES_DU_JOURNAL",
    "SORTES_D_ETAPE",
    "boucles",
    "candidates_automatisation",
    "delai_de_retour",
    "ecrire_carte_automatisations",
    "gain_annuel",
    "journal_taches_lea",
    "operations_make",
    "taches_zapier",
    "temps_rentable_xkcd",
]

JOURNAL_LEA = "journal_taches_lea.csv"
SEMAINES_DU_JOURNAL = 4  # du lundi 1er au vendredi 26 mars 2027
# The weeks Léa works in a year are a fact of Léa, not of this module: data/clara.toml
# (clara().membre("Léa").semaines_travaillees_par_an).
HORIZON_XKCD_ANNEES = 5  # xkcd 1205 : « across five years »

# The kinds of step a flow is made of, and what each tool bills (Zapier's current page
# « Understand tasks in Zapier » and Make's help centre, read in December 2026).
SORTES_D_ETAPE = ("declencheur", "filtre", "chemin", "routeur", "action")

# The automations considered for Léa's recurring tasks (module 14): one per task of her log that
# a tool can take over, the minutes a run still needs from her once automated (a check, a
# personal word), the set-up and the yearly maintenance, in hours, the tool, and the guard that
# keeps the flow from firing itself. « Répondre aux questions du Cercle » is not there: it is
# judgement and relationship, the lesson's example of what one does not automate.
# Maintenance is set by how fragile each flow is: filing invoices reads e-mail attachments from
# suppliers, and breaks whenever a sender changes a subject line, a file name or a PDF layout
# (4.5 h a year, under 25 minutes a month), more than a single-app booking reminder (0.5 h), less
# than publishing a replay across three tools (8 h).
CANDIDATES = (
    # (tache, declencheur, actions, outil, minutes_restantes, mise_en_place_heures,
    #  maintenance_heures_par_an, garde)
    ("Accueillir une nouvelle membre du Cercle", "nouvel abonnement payé au Cercle",
     "ouvrir l'accès à la communauté ; envoyer l'e-mail de bienvenue ; ajouter une ligne au suivi des membres",
     "Zapier", 2, 4, 2, "déclencher sur « nouvel abonnement » seulement"),
    ("Saisir les ventes dans le suivi", "nouvelle commande payée",
     "ajouter une ligne au tableau de suivi des ventes", "Zapier", 1, 3, 1,
     "écrire dans une autre feuille que celle qui déclenche"),
    ("Envoyer le lien de séance aux clientes", "séance réservée dans l'agenda",
     "envoyer le lien de la visio la veille", "outil de prise de rendez-vous", 0, 1.5, 0.5,
     "rappel unique par réservation"),
    ("Relancer les factures impayées", "facture échue depuis 7 jours",
     "envoyer la relance ; noter la date de relance sur la facture", "outil de facturation", 5, 5, 2,
     "drapeau « relancée » et filtre"),
    ("Classer les factures dans le Drive", "nouvelle pièce jointe « facture » reçue",
     "enregistrer le PDF dans le dossier du mois ; ajouter une ligne au registre des factures",
     "Make", 10, 6, 4.5, "déduplication par numéro de facture"),
    ("Préparer le rapport hebdomadaire", "chaque vendredi à 9 h",
     "rassembler les chiffres de la semaine ; créer le brouillon du rapport", "Make", 25, 10, 4,
     "déclenchement planifié, pas sur une modification"),
    ("Publier le replay du live mensuel", "nouvel enregistrement du live",
     "téléverser la vidéo ; publier la leçon sur la plateforme ; prévenir les membres", "Make", 20, 8, 8,
     "déclencher sur « nouveau » seulement"),
)

_COLONNES_CANDIDATES = ("tache", "declencheur", "actions", "outil", "minutes_restantes",
                        "mise_en_place_heures", "maintenance_heures_par_an", "garde")


# --------------------------------------------------------------------------- ce qui vaut la peine


def gain_annuel(executions_par_an, minutes_gagnees, maintenance_heures_par_an=0):
    """Les heures gagnées en un an par une automatisation (un réel, non arrondi).

    ``executions_par_an`` : combien de fois la tâche revient dans l'année ;
    ``minutes_gagnees`` : les minutes économisées à chaque fois (le temps de la tâche à la main,
    moins ce qu'il en reste une fois automatisée) ; ``maintenance_heures_par_an`` : les heures
    passées chaque année à surveiller et réparer l'automatisation.

    gain = exécutions × minutes gagnées ÷ 60 − maintenance. Le résultat peut être négatif :
    l'automatisation coûte alors plus de temps qu'elle n'en rend.
    """
    executions = v.montant(executions_par_an, "executions_par_an", unite="")
    minutes = v.montant(minutes_gagnees, "minutes_gagnees", unite=" min")
    maintenance = v.montant(maintenance_heures_par_an, "maintenance_heures_par_an", unite=" h")
    return v.fini(executions * minutes / 60 - maintenance, "le gain annuel")


def delai_de_retour(mise_en_place_heures, gain_annuel_heures):
    """En combien d'années le temps de mise en place est remboursé (un réel, non arrondi).

    délai = mise en place (heures) ÷ gain annuel (heures par an). 0,5 veut dire six mois.
    Quand le gain annuel est nul ou négatif, l'automatisation ne se rembourse jamais : la fonction
    renvoie l'infini (``math.inf``), jamais un délai négatif.
    """
    mise_en_place = v.montant(mise_en_place_heures, "mise_en_place_heures", unite=" h")
    gain = v.nombre(gain_annuel_heures, "gain_annuel_heures")
    if gain <= 0:
        return math.inf
    return v.fini(mise_en_place / gain, "le délai de retour")


def temps_rentable_xkcd(executions_par_an, minutes_gagnees, horizon_annees=HORIZON_XKCD_ANNEES):
    """Le temps (en heures) qu'on peut passer à améliorer une tâche avant d'y perdre, selon la
    table xkcd 1205 « Is It Worth the Time? » : son horizon est de **cinq ans**, pas d'un an.

    temps = horizon × exécutions par an × minutes gagnées ÷ 60. La table ne compte ni la
    maintenance ni les erreurs évitées : c'est un plafond, pas un devis.
    """
    executions = v.montant(executions_par_an, "executions_par_an", unite="")
    minutes = v.montant(minutes_gagnees, "minutes_gagnees", unite=" min")
    horizon = v.positif(horizon_annees, "horizon_annees", "un horizon est une durée positive", unite=" ans")
    return v.fini(horizon * executions * minutes / 60, "le temps rentable")


# --------------------------------------------------------------------------- ce que facturent les outils


def _etapes(etapes, colonnes, nom="etapes"):
    """The steps as a list of dicts, each with the given keys; the obm error otherwise."""
    import pandas as pd

    if isinstance(etapes, pd.DataFrame):
        manquantes = [c for c in colonnes if c not in etapes.columns]
        if manquantes:
            raise ColonneManquante(
                f"Il manque la colonne « {manquantes[0]} » à `{nom}` : il faut les colonnes "
                f"{', '.join(colonnes)}.")
        lignes = etapes.to_dict("records")
    elif isinstance(etapes, (list, tuple)):
        lignes = list(etapes)
    else:
        raise DonneesInvalides(
            f"`{nom}` doit être un tableau ou une liste de dictionnaires (une étape par ligne), "
            f"pas un objet de type {type(etapes).__name__}.")
    if not lignes:
        raise DonneesInvalides(f"`{nom}` est vide : décris au moins le déclencheur et une action.")
    for rang, ligne in enumerate(lignes, start=1):
        if not isinstance(ligne, dict):
            raise DonneesInvalides(f"L'étape n° {rang} de `{nom}` doit être un dictionnaire.")
        for cle in colonnes:
            if cle not in ligne:
                raise ColonneManquante(f"Il manque « {cle} » à l'étape n° {rang} de `{nom}`.")
        if ligne["sorte"] not in SORTES_D_ETAPE:
            raise DonneesInvalides(
                f"L'étape n° {rang} de `{nom}` a la sorte « {ligne['sorte']} » : choisis parmi "
                f"{', '.join(SORTES_D_ETAPE)}.")
    declencheurs = [l for l in lignes if l["sorte"] == "declencheur"]
    if len(declencheurs) != 1:
        raise DonneesInvalides(
            f"`{nom}` a {len(declencheurs)} déclencheurs : un flux en a exactement un, en premier.")
    return lignes


def _passages(ligne, rang):
    return v.compte(ligne["passages"], "passages", f" (étape n° {rang})")


def taches_zapier(etapes):
    """Les tâches que Zapier compte pour un scénario (un réel, entier en pratique).

    ``etapes`` : un tableau ou une liste de dictionnaires, une ligne par étape, avec ``sorte``
    (« declencheur », « filtre », « chemin », « routeur » ou « action ») et ``passages`` : le
    nombre de fois où l'étape s'exécute avec succès sur la période.

    Règle de la page « Understand tasks in Zapier » (lue en décembre 2026) : une tâche = une
    action réussie. Le déclencheur ne compte jamais, même s'il interroge l'application toutes les
    minutes ; les filtres et les chemins (Paths) ne comptent pas non plus. L'ancienne page
    de l'aide sur les filtres, encore en ligne, dit qu'un filtre qui laisse passer compte une
    tâche, et l'aide ne date pas le changement : relis la page actuelle avant de
    chiffrer. Une étape en erreur ou arrêtée ne compte pas : ne mets dans ``passages`` que les
    exécutions réussies.
    """
    lignes = _etapes(etapes, ("sorte", "passages"))
    return float(sum(_passages(l, r) for r, l in enumerate(lignes, start=1) if l["sorte"] == "action"))


def operations_make(etapes, verifications=None):
    """Les opérations que Make compte pour un scénario (un réel, entier en pratique).

    Depuis le 27 août 2025, Make facture en **crédits** : une opération d'un module ordinaire
    (sans IA) vaut un crédit. Une opération = un module qui traite un lot de données (un
    bundle). ``etapes`` comme pour :func:`taches_zapier`.

    - Le déclencheur compte **une opération à chaque vérification, même quand il ne trouve
      rien** : pour un déclencheur qui interroge l'application à intervalles réguliers
      (polling), donne ``verifications``, le nombre de vérifications sur la période (toutes
      les 15 minutes : 96 par jour). Sans ``verifications`` (déclencheur instantané, un
      webhook), ce sont les ``passages`` du déclencheur qui comptent.
    - Chaque action compte une opération par lot traité (ses ``passages``).
    - Les routeurs et les filtres ne comptent pas.
    """
    lignes = _etapes(etapes, ("sorte", "passages"))
    total = 0.0
    for rang, ligne in enumerate(lignes, start=1):
        if ligne["sorte"] == "declencheur":
            total += (_passages(ligne, rang) if verifications is None
                      else v.compte(verifications, "verifications"))
        elif ligne["sorte"] == "action":
            total += _passages(ligne, rang)
    return total


# --------------------------------------------------------------------------- les boucles

# What a trigger listens to, and which writes re-fire it.
_RELANCE = {"nouveau": {"cree"}, "modifie": {"modifie"}, "nouveau ou modifie": {"cree", "modifie"}}


def boucles(flux):
    """Les étapes d'un flux qui relancent son propre déclencheur : une boucle infinie.

    ``flux`` : un tableau ou une liste de dictionnaires, une ligne par étape, avec ``etape`` (son
    nom), ``sorte`` (« declencheur », « filtre », « action »…), ``ressource`` (où elle lit ou
    écrit : « Google Sheets › Inscriptions ») et ``evenement``. Pour le déclencheur,
    ``evenement`` dit ce qu'il écoute : « nouveau », « modifie » ou « nouveau ou modifie » ; pour
    une action, ce qu'elle fait : « cree », « modifie », « lit » ou « envoie ».

    Une action boucle quand elle écrit dans la ressource écoutée ce que le déclencheur écoute :
    créer une ligne là où il écoute les nouvelles lignes, modifier une ligne là où il écoute les
    modifications. Renvoie la liste des noms de ces étapes (vide s'il n'y en a pas). Les
    garde-fous : un drapeau « traité » et un filtre, écrire ailleurs, dédupliquer, ou déclencher
    sur « nouveau » seulement.
    """
    lignes = _etapes(flux, ("etape", "sorte", "ressource", "evenement"), nom="flux")
    declencheur = next(l for l in lignes if l["sorte"] == "declencheur")
    ecoute = str(declencheur["evenement"]).strip()
    if ecoute not in _RELANCE:
        raise DonneesInvalides(
            f"Le déclencheur écoute « {ecoute} » : écris « nouveau », « modifie » ou « nouveau ou modifie ».")
    ressource = str(declencheur["ressource"]).strip()
    return [str(l["etape"]) for l in lignes
            if l["sorte"] == "action" and str(l["ressource"]).strip() == ressource
            and str(l["evenement"]).strip() in _RELANCE[ecoute]]


# --------------------------------------------------------------------------- les données de Léa


def journal_taches_lea():
    """Le journal du temps des tâches récurrentes de Léa, du lundi 1er au vendredi 26 mars 2027
    (quatre semaines) : une ligne par fois où elle a fait la tâche, avec ``date``, ``tache`` et
    ``minutes``. Voir ``data/README.md``."""
    import pandas as pd

    from obm.donnees import chemin_donnees

    journal = pd.read_csv(chemin_donnees(JOURNAL_LEA))
    journal["date"] = pd.to_datetime(journal["date"]).dt.date
    return journal


def candidates_automatisation():
    """Les automatisations envisagées pour les tâches du journal de Léa : une ligne par tâche,
    avec son ``declencheur``, ses ``actions``, l'``outil``, les ``minutes_restantes`` à chaque
    exécution une fois automatisée (une vérification, un mot personnel), la
    ``mise_en_place_heures``, la ``maintenance_heures_par_an`` et le ``garde`` contre les boucles.
    Les heures sont des estimations de l'OBM, à revoir avec la personne qui fait la tâche."""
    import pandas as pd

    return pd.DataFrame(list(CANDIDATES), columns=list(_COLONNES_CANDIDATES))


# --------------------------------------------------------------------------- le livrable

_COLONNES_CARTE = ("tache", "declencheur", "actions", "outil", "gain_annuel_heures",
                   "delai_retour_mois", "garde")


def ecrire_carte_automatisations(carte, nom="14_carte_automatisations"):
    """Écrit ta carte des automatisations dans ``livrables/`` : ``<nom>.csv`` (le tableau, une
    ligne par automatisation, séparateur « ; » pour un tableur français) et ``<nom>.png`` (le
    schéma : pour chaque automatisation, son déclencheur, une flèche, ses actions).

    ``carte`` : un tableau avec les colonnes ``tache``, ``declencheur``, ``actions`` (séparées par
    « ; »), ``outil``, ``gain_annuel_heures``, ``delai_retour_mois`` et ``garde``. Renvoie les
    deux chemins (CSV puis PNG).
    """
    import pandas as pd

    from obm.livrables import chemin_livrable

    if not isinstance(carte, pd.DataFrame):
        raise DonneesInvalides("`carte` doit être un tableau (DataFrame), une ligne par automatisation.")
    manquantes = [c for c in _COLONNES_CARTE if c not in carte.columns]
    if manquantes:
        raise ColonneManquante(f"Il manque la colonne « {manquantes[0]} » à `carte` : il faut "
                               f"{', '.join(_COLONNES_CARTE)}.")
    if carte.empty:
        raise DonneesInvalides("`carte` est vide : garde au moins une automatisation.")
    tableau = carte[list(_COLONNES_CARTE)].copy()
    tableau["gain_annuel_heures"] = tableau["gain_annuel_heures"].astype(float).round(1)
    # A flow that never pays back has an infinite payback: an empty cell in the spreadsheet.
    delais = tableau["delai_retour_mois"].astype(float)
    tableau["delai_retour_mois"] = delais.where(delais != math.inf).round(1)
    chemin_csv = chemin_livrable(f"{nom}.csv")
    tableau.to_csv(chemin_csv, sep=";", index=False, encoding="utf-8-sig", decimal=",")
    chemin_png = chemin_livrable(f"{nom}.png")
    figure = schema_automatisations(tableau)
    figure.savefig(chemin_png, dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return chemin_csv, chemin_png


def schema_automatisations(carte):
    """La figure de la carte : une ligne par automatisation, déclencheur → actions, avec l'outil,
    le gain annuel et le garde-fou. Elle porte un texte alternatif (``obm.texte_alternatif``)."""
    import textwrap

    import matplotlib.pyplot as plt

    from obm import fr

    lignes = carte.to_dict("records")
    hauteur = 1.6 * len(lignes) + 0.8
    figure, axe = plt.subplots(figsize=(11, hauteur))
    axe.set_xlim(0, 11)
    axe.set_ylim(0, hauteur)
    axe.axis("off")
    axe.set_title("Carte des automatisations de Léa : déclencheur → actions", loc="left", fontsize=12)
    boite = dict(boxstyle="round,pad=0.4", linewidth=1)
    for rang, ligne in enumerate(lignes):
        y = hauteur - 1.1 - 1.6 * rang
        axe.text(0.1, y + 0.45, f"{ligne['tache']}  ({ligne['outil']})", fontsize=9, fontweight="bold")
        axe.text(0.2, y - 0.15, "\n".join(textwrap.wrap(f"Quand : {ligne['declencheur']}", 30)),
                 fontsize=8, va="center", bbox={**boite, "facecolor": "#fff4d6"})
        axe.annotate("", xy=(4.2, y - 0.15), xytext=(3.4, y - 0.15),
                     arrowprops=dict(arrowstyle="->", linewidth=1.5))
        actions = [a.strip() for a in str(ligne["actions"]).split(";") if a.strip()]
        axe.text(4.3, y - 0.15, "\n".join(textwrap.wrap("Fais : " + " ; ".join(actions), 48)),
                 fontsize=8, va="center", bbox={**boite, "facecolor": "#e3f0ff"})
        delai = ligne["delai_retour_mois"]
        retour = ("ne se rembourse jamais" if delai != delai
                  else f"retour en {fr.nombre(delai, 1)} mois")
        axe.text(8.4, y - 0.15, "\n".join(textwrap.wrap(
            f"Gain : {fr.nombre(ligne['gain_annuel_heures'], 1)} h/an · {retour} · "
            f"garde : {ligne['garde']}", 30)),
            fontsize=7.5, va="center")
    from obm import texte_alternatif

    texte_alternatif(figure, "Carte des automatisations : " + " ; ".join(
        f"{l['tache']}, quand {l['declencheur']}, fais {l['actions']}" for l in lignes) + ".")
    return figure
