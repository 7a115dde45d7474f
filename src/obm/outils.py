"""Les outils de gestion de projet : lire un tableau Trello, passer le rétroplanning dans Asana,
monday.com et Trello, compter les automatisations.

Les fonctions principales :

- :func:`export_trello` lit l'export JSON d'un tableau Trello (celui du lancement de Clara par
  défaut) ; :func:`listes_trello` et :func:`cartes_trello` en font des tableaux simples, une
  ligne par liste ou par carte, avec les pièges de l'export rendus visibles (carte archivée,
  liste archivée, échéance cochée, échéance en UTC) ;
- :func:`heure_de_paris` convertit une échéance UTC (comme Trello les écrit) en heure de Paris ;
  :func:`moment_paris` écrit un moment à l'heure de Paris (« mercredi 5 mai à 18 h ») ;
- :func:`automatisations_du_lancement` donne les automatisations du lancement et leurs
  déclenchements du mois de mai ; :data:`QUOTAS_AUTOMATISATION`, les quotas mensuels ;
- :func:`retroplanning_du_lancement` refait le rétroplanning de la leçon 03 (ses sept tâches
  principales et sa marge de sécurité) avec une personne responsable par tâche ;
  :func:`ecrire_imports` l'écrit dans ``livrables/`` pour Asana, pour monday.com, et pour
  Trello (qui n'importe pas de CSV) ;
- :func:`ecrire_controle_tableau` enregistre ta liste de contrôle du tableau.

Les dates de Trello sont en **UTC** (temps universel) ; Paris est à UTC+1 en hiver et UTC+2 en
été (de fin mars à fin octobre).
"""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = [
    "EXPORT_TRELLO",
    "LISTE_TERMINE",
    "QUOTAS_AUTOMATISATION",
    "TACHES_LANCEMENT",
    "automatisations_du_lancement",
    "cartes_trello",
    "ecrire_controle_tableau",
    "ecrire_imports",
    "emails_equipe",
    "export_trello",
    "heure_de_paris",
    "listes_trello",
    "moment_paris",
    "retroplanning_du_lancement",
]

EXPORT_TRELLO = "trello_lancement.json"
FUSEAU_PARIS = "Europe/Paris"
LISTE_TERMINE = "Terminé"
ETIQUETTE_BLOQUE = "Bloqué"

# Monthly automation quotas, as read on the vendors' help pages in December 2026 (they move:
# lessons date them). Trello counts *runs* (one rule firing, one button click, one scheduled
# command = one run, whatever its number of actions); monday.com counts *actions*.
QUOTAS_AUTOMATISATION = {
    "Trello": {"offre": "Free", "quota": 250, "unite": "exécutions"},
    "monday.com": {"offre": "Standard", "quota": 250, "unite": "actions"},
}

# The launch rétroplanning of module 03's LESSON (its seven public tasks, same durations and
# predecessors, plus the lesson's 6-day safety margin), with the one person who carries each task.
# Never the tasks of exercise 03 (its trailer, opening e-mails and the dependencies its brief adds):
# their durations, predecessors and dates are graded answers there, and module 11 comes after.
TACHES_LANCEMENT = (
    # (id, tache, duree, predecesseurs, responsable)
    ("OFF", "Valider l'offre et les prix", 1, "", "Clara"),
    ("TOUR", "Tourner les vidéos du programme", 15, "OFF", "Clara"),
    ("MONT", "Monter les vidéos du programme", 15, "TOUR", "Hugo"),
    ("MEL", "Mettre les modules en ligne", 3, "MONT", "Léa"),
    ("PAGE", "Écrire la page de vente", 5, "OFF", "Samir"),
    ("INT", "Intégrer la page de vente", 2, "PAGE", "Léa"),
    ("PAIE", "Paramétrer le paiement en 3 fois", 1, "OFF", "Léa"),
    ("MARGE", "Marge de sécurité", 6, "MEL, INT, PAIE", "OBM"),
)


# --------------------------------------------------------------------------- Trello


def export_trello(nom=EXPORT_TRELLO):
    """Lit l'export JSON d'un tableau Trello rangé dans ``data/`` et le renvoie tel quel (un
    dictionnaire : ``export["cards"]``, ``export["lists"]``, ``export["labels"]``…).

    Par défaut, le tableau du lancement de Clara, exporté le mardi 4 mai 2027 à 8 h 30.
    """
    from obm.donnees import chemin_donnees

    try:
        export = json.loads(chemin_donnees(nom).read_text(encoding="utf-8"))
    except json.JSONDecodeError as erreur:
        raise DonneesInvalides(
            f"« {nom} » n'est pas un export JSON lisible (ligne {erreur.lineno}) : "
            "exporte à nouveau le tableau depuis Trello.") from None
    _verifier_export(export)
    return export


def _verifier_export(export):
    if not isinstance(export, dict):
        raise TypeInvalide("Un export Trello est un dictionnaire : passe le résultat de export_trello().")
    manquantes = [cle for cle in ("lists", "cards", "labels", "members") if cle not in export]
    if manquantes:
        raise DonneesInvalides(
            f"Cet export Trello n'a pas les parties {', '.join(manquantes)} : exporte le tableau "
            "entier (menu du tableau › Imprimer, exporter et partager › Exporter au format JSON).")


def listes_trello(export):
    """Les listes du tableau, une ligne par liste, dans leur ordre à l'écran.

    Colonnes : ``liste`` (son nom), ``archivee`` (``True`` si la liste est archivée : elle
    n'apparaît plus sur le tableau, mais reste dans l'export), ``cartes`` (le nombre de cartes
    qu'elle contient, archivées comprises), ``id``.
    """
    _verifier_export(export)
    par_liste = {}
    for carte in export["cards"]:
        par_liste[carte["idList"]] = par_liste.get(carte["idList"], 0) + 1
    lignes = [{"liste": liste["name"], "archivee": bool(liste["closed"]),
               "cartes": par_liste.get(liste["id"], 0), "id": liste["id"]}
              for liste in sorted(export["lists"], key=lambda x: x["pos"])]
    return pd.DataFrame(lignes, columns=["liste", "archivee", "cartes", "id"])


def cartes_trello(export):
    """Les cartes du tableau, une ligne par carte, liste après liste, dans l'ordre de l'écran.

    Colonnes :

    - ``carte`` : son titre ; ``liste`` : le nom de la liste où elle est (son statut) ;
    - ``liste_archivee`` : ``True`` si **sa liste** est archivée. Attention : archiver une liste
      n'archive pas ses cartes, leur ``archivee`` reste ``False`` ;
    - ``archivee`` : ``True`` si la carte elle-même est archivée (``closed`` dans l'export).
      Archivée ne veut pas dire terminée : une carte peut être archivée parce qu'on l'abandonne ;
    - ``echeance`` : la date et l'heure d'échéance (``due``), **en UTC**, comme dans l'export
      (vide, ``NaT``, quand la carte n'en a pas) ; convertis-la avec :func:`heure_de_paris` ;
    - ``echeance_cochee`` : ``True`` si la case de l'échéance est cochée (``dueComplete``), un
      second signal de fin qui peut contredire la liste ;
    - ``bloquee`` : ``True`` si la carte porte l'étiquette « Bloqué » ;
    - ``membres`` et ``etiquettes`` : les prénoms et les noms d'étiquettes, séparés par des
      virgules (une étiquette sans nom s'écrit « (sans nom, rouge) ») ;
    - ``liste_de_controle`` : les éléments cochés sur le total (« 6/8 »), vide s'il n'y en a pas ;
    - ``id`` : l'identifiant Trello de la carte.
    """
    _verifier_export(export)
    listes = {liste["id"]: liste for liste in export["lists"]}
    membres = {m["id"]: m["fullName"].split()[0] for m in export["members"]}
    etiquettes = {e["id"]: e for e in export["labels"]}
    controles = {}
    for controle in export.get("checklists", []):
        faits, total = controles.get(controle["idCard"], (0, 0))
        faits += sum(1 for e in controle["checkItems"] if e["state"] == "complete")
        controles[controle["idCard"]] = (faits, total + len(controle["checkItems"]))

    def nom_etiquette(ident):
        etiquette = etiquettes.get(ident, {"name": "", "color": None})
        return etiquette["name"] or f"(sans nom, {_COULEURS.get(etiquette['color'], 'sans couleur')})"

    lignes = []
    ordre = sorted(export["cards"], key=lambda c: (listes[c["idList"]]["pos"], c["pos"]))
    for carte in ordre:
        liste = listes[carte["idList"]]
        noms_etiquettes = [nom_etiquette(i) for i in carte.get("idLabels", [])]
        faits, total = controles.get(carte["id"], (0, 0))
        lignes.append({
            "carte": carte["name"],
            "liste": liste["name"],
            "liste_archivee": bool(liste["closed"]),
            "archivee": bool(carte["closed"]),
            "echeance": pd.Timestamp(carte["due"]) if carte.get("due") else pd.NaT,
            "echeance_cochee": bool(carte.get("dueComplete", False)),
            "bloquee": ETIQUETTE_BLOQUE in noms_etiquettes,
            "membres": ", ".join(membres.get(i, "?") for i in carte.get("idMembers", [])),
            "etiquettes": ", ".join(noms_etiquettes),
            "liste_de_controle": f"{faits}/{total}" if total else "",
            "id": carte["id"],
        })
    colonnes = ["carte", "liste", "liste_archivee", "archivee", "echeance", "echeance_cochee",
                "bloquee", "membres", "etiquettes", "liste_de_controle", "id"]
    tableau = pd.DataFrame(lignes, columns=colonnes)
    tableau["echeance"] = pd.to_datetime(tableau["echeance"], utc=True)
    return tableau


_COULEURS = {"red": "rouge", "green": "verte", "blue": "bleue", "purple": "violette",
             "yellow": "jaune", "orange": "orange", "black": "noire", "sky": "bleu ciel",
             "pink": "rose", "lime": "vert clair"}


def heure_de_paris(echeance):
    """Convertit une échéance UTC en heure de Paris (heure d'été ou d'hiver selon la date).

    ``echeance`` : un texte de l'export (``"2027-05-25T21:59:00.000Z"``), une valeur de la
    colonne ``echeance`` de :func:`cartes_trello`, ou toute la colonne. Renvoie un
    ``Timestamp`` (ou une colonne) à l'heure de Paris : ``2027-05-25 23:59:00+02:00``.
    Une heure sans fuseau est refusée : on ne saurait pas de quelle heure il s'agit.
    """
    if isinstance(echeance, pd.Series):
        serie = pd.to_datetime(echeance)
        if serie.dt.tz is None:
            raise DonneesInvalides(_SANS_FUSEAU)
        return serie.dt.tz_convert(FUSEAU_PARIS)
    if isinstance(echeance, bool) or not isinstance(echeance, (str, datetime)):
        raise TypeInvalide(
            f"Donne une échéance de l'export, par exemple \"2027-05-25T21:59:00.000Z\", pas {echeance!r}.")
    try:
        moment = pd.Timestamp(echeance)
    except ValueError:
        raise DonneesInvalides(
            f"« {echeance} » n'est pas une date et heure ISO 8601, comme \"2027-05-25T21:59:00.000Z\".") from None
    if moment is pd.NaT:
        raise DonneesInvalides("Cette carte n'a pas d'échéance : il n'y a rien à convertir.")
    if moment.tzinfo is None:
        raise DonneesInvalides(_SANS_FUSEAU)
    return moment.tz_convert(FUSEAU_PARIS)


_SANS_FUSEAU = ("Cette heure n'a pas de fuseau : on ne sait pas si c'est l'heure de Paris ou "
                "l'UTC. Les échéances de Trello finissent par « Z » (UTC) : passe-les telles quelles.")


def moment_paris(texte):
    """Un moment à l'heure de Paris, écrit ``"AAAA-MM-JJ HH:MM"`` : ``moment_paris("2027-05-05 18:00")``.

    Renvoie un ``Timestamp`` avec le fuseau de Paris, que l'on peut comparer directement aux
    échéances UTC de :func:`cartes_trello` (pandas compare les instants, quel que soit le fuseau).
    """
    if not isinstance(texte, str):
        raise TypeInvalide(f"Écris le moment entre guillemets, par exemple \"2027-05-05 18:00\", pas {texte!r}.")
    try:
        moment = pd.Timestamp(texte)
    except ValueError:
        raise DonneesInvalides(
            f"« {texte} » n'est pas un moment lisible : écris-le \"2027-05-05 18:00\".") from None
    if moment.tzinfo is not None:
        return moment.tz_convert(FUSEAU_PARIS)
    return moment.tz_localize(FUSEAU_PARIS)


def _cartes_en_retard(cartes, moment, *, heure_utc_lue_comme_paris=False):
    """Cards overdue at `moment` (the course's rule; used by the widget and the tests).

    Overdue: the card is on the board (not archived, its list not archived), not finished by
    either signal (not in « Terminé », due date not ticked), and its due date is before `moment`.
    With `heure_utc_lue_comme_paris`, the UTC wall-clock time is misread as Paris time (the
    classic mistake the lesson's widget shows)."""
    echeances = cartes["echeance"]
    if heure_utc_lue_comme_paris:
        echeances = echeances.dt.tz_localize(None).dt.tz_localize(FUSEAU_PARIS)
    garde = ((cartes["archivee"] == False) & (cartes["liste_archivee"] == False)  # noqa: E712
             & (cartes["liste"] != LISTE_TERMINE) & (cartes["echeance_cochee"] == False)  # noqa: E712
             & (echeances < moment))
    return cartes[garde]


# --------------------------------------------------------------------------- automatisations


def automatisations_du_lancement():
    """Les automatisations du lancement et leurs déclenchements de mai 2027, une ligne chacune.

    Colonnes : ``outil`` (« Trello » ou « monday.com »), ``automatisation`` (ce qu'elle fait),
    ``sorte`` (règle, bouton, commande planifiée ou recette), ``declenchements_mai`` (combien de
    fois elle s'est déclenchée en mai : une règle qui se lance, un clic sur un bouton, une
    commande planifiée qui tourne), ``actions_par_declenchement`` (combien d'actions elle fait
    à chaque fois).
    """
    lignes = [
        ("Trello", "Quand une carte arrive dans « Terminé » : cocher l'échéance et retirer "
                   "l'étiquette « Bloqué »", "règle", 58, 2),
        ("Trello", "Quand une carte arrive dans « En relecture » : ajouter Clara et la prévenir",
         "règle", 41, 2),
        ("Trello", "Bouton « Envoyer en relecture » : déplacer la carte, ajouter Clara, commenter",
         "bouton", 36, 3),
        ("Trello", "Chaque lundi à 8 h : trier « À faire » par échéance", "commande planifiée", 5, 1),
        ("Trello", "La veille de l'échéance : prévenir les membres de la carte",
         "commande planifiée", 94, 1),
        ("monday.com", "Quand un élément est créé : mettre le statut « À faire » et assigner Léa",
         "recette", 46, 2),
        ("monday.com", "Quand le statut passe à « Terminé » : prévenir Clara", "recette", 71, 1),
        ("monday.com", "Quand la date arrive : prévenir Léa et Inès", "recette", 52, 2),
    ]
    return pd.DataFrame(lignes, columns=["outil", "automatisation", "sorte", "declenchements_mai",
                                         "actions_par_declenchement"])


# --------------------------------------------------------------------------- exports


def emails_equipe():
    """Les adresses e-mail de l'équipe dans ses outils, lues dans la fiche de Clara :
    ``{"Clara": "clara@example.com", "Léa": …, "OBM": …}`` (« OBM », c'est toi)."""
    from obm.donnees import clara

    return dict(clara().outils.emails)


def retroplanning_du_lancement():
    """Le rétroplanning du lancement tel que la leçon 03 le construit (ses sept tâches
    principales et sa marge de sécurité de 6 jours ouvrés), calculé par
    ``obm.planification.retroplanning`` vers l'ouverture du panier, avec une colonne
    ``responsable`` : la personne qui porte chaque tâche (une seule)."""
    from obm.donnees import clara
    from obm.planification import retroplanning

    taches = pd.DataFrame(
        [{"id": i, "tache": t, "duree": d, "predecesseurs": p, "responsable": r}
         for i, t, d, p, r in TACHES_LANCEMENT])
    plan = retroplanning(taches, clara().lancement.ouverture_panier)
    plan["responsable"] = [r for *_, r in TACHES_LANCEMENT]
    return plan


def _texte_pour_trello(plan):
    """The Markdown page of what Trello receives instead of a CSV: one line per card to paste."""
    from obm import fr

    lignes = [
        "# Le rétroplanning pour Trello",
        "",
        "Trello n'importe pas de fichier CSV de cartes. Deux façons d'y mettre le plan :",
        "",
        "1. **Coller la liste.** Dans la liste « À faire », clique sur « Ajouter une carte », colle "
        "les lignes du bloc ci-dessous, puis valide : Trello propose de créer une carte par ligne.",
        "2. **Compléter chaque carte** : son membre, son échéance (Trello l'enregistre en UTC), et, "
        "comme Trello n'a pas de dépendances sans module complémentaire (Power-Up), une liste de contrôle "
        "« Avant de commencer » qui nomme les tâches à attendre.",
        "",
        "```text",
    ]
    lignes += [ligne["tache"] for _, ligne in plan.sort_values("debut").iterrows()]
    lignes += ["```", "", "| carte | membre | échéance (heure de Paris) | avant de commencer |",
               "|---|---|---|---|"]
    noms = dict(zip(plan.index, plan["tache"]))
    for _, ligne in plan.sort_values("debut").iterrows():
        attendre = ", ".join(noms[p] for p in ligne["predecesseurs"]) or "rien"
        lignes.append(f"| {ligne['tache']} | {ligne['responsable']} | {fr.date(ligne['fin'])}, 18 h "
                      f"| {attendre} |")
    return "\n".join(lignes) + "\n"


def ecrire_imports(plan=None):
    """Écrit le rétroplanning dans ``livrables/`` pour les trois outils, et renvoie les chemins :

    - ``11_import_asana.csv`` pour l'outil d'import CSV d'Asana (une personne responsable par tâche,
      par son adresse e-mail ; dates MM/JJ/AAAA ; dépendances par le nom des tâches) ;
    - ``11_import_monday.csv`` pour l'import de tableau de monday.com (dates AAAA-MM-JJ) ;
    - ``11_pour_trello.md`` : ce que Trello reçoit à la place, la liste des cartes à coller et,
      pour chacune, son membre, son échéance et ce qu'elle attend.

    ``plan`` : un plan avec une colonne ``responsable`` (par défaut
    :func:`retroplanning_du_lancement`).
    """
    from obm.livrables import chemin_livrable
    from obm.planification import exporter_asana_csv, exporter_monday_csv

    plan = retroplanning_du_lancement() if plan is None else plan
    if "responsable" not in getattr(plan, "columns", ()):
        raise DonneesInvalides("Le plan doit avoir une colonne « responsable » : une personne par tâche.")
    emails = emails_equipe()
    inconnus = sorted(set(plan["responsable"]) - set(emails))
    if inconnus:
        raise DonneesInvalides(
            f"Pas d'adresse e-mail pour {', '.join(inconnus)} : choisis parmi {', '.join(emails)}.")
    adresses = {ident: emails[qui] for ident, qui in zip(plan.index, plan["responsable"])}
    chemins = [
        exporter_asana_csv(plan, chemin_livrable("11_import_asana.csv"), responsables=adresses),
        exporter_monday_csv(plan, chemin_livrable("11_import_monday.csv"), responsables=adresses),
    ]
    trello = chemin_livrable("11_pour_trello.md")
    trello.write_text(_texte_pour_trello(plan), encoding="utf-8")
    chemins.append(trello)
    return chemins


def ecrire_controle_tableau(texte):
    """Enregistre ta liste de contrôle du tableau Trello dans ``livrables/11_controle_tableau.md``
    et renvoie son chemin. ``texte`` : du Markdown, une ligne « - … » par problème."""
    from obm.livrables import chemin_livrable

    if texte is ... or texte is None:
        raise DonneesInvalides("Ta liste de contrôle n'est pas encore écrite : remplace les « ... ».")
    if not isinstance(texte, str) or len(texte.split()) < 10:
        raise TypeInvalide("Ta liste de contrôle doit être un texte d'au moins quelques lignes, "
                           "entre triples guillemets \"\"\"…\"\"\".")
    chemin = chemin_livrable("11_controle_tableau.md")
    corps = texte.strip()
    if not corps.startswith("#"):
        corps = "# Liste de contrôle du tableau Trello du lancement\n\n" + corps
    chemin.write_text(corps + "\n", encoding="utf-8")
    return chemin
