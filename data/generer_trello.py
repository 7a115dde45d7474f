"""Génère l'export JSON du tableau Trello du lancement de Clara (module 11).

Usage (depuis la racine du cours) :

    .venv/bin/python data/generer_trello.py              # réécrit trello_lancement.json
    .venv/bin/python data/generer_trello.py --verifier   # échoue si le fichier diffère du générateur

One file, described in data/README.md: ``trello_lancement.json``, the board as Trello's
« Imprimer, exporter et partager › Exporter au format JSON » writes it (top-level board fields,
``labels``, ``lists``, ``cards``, ``checklists``, ``members``, ``actions``), taken on Tuesday
4 May 2027 at 8:30 in Paris. The story (which card sits where, its due date, its labels) is
written by hand below (see the note above CARTES); only the identifiers, the action
times and a few positions come from a seeded generator (``random.Random(GRAINE)``), so that
`make data` writes the same bytes every time. Only the standard library is used.

The board holds, on purpose, the pitfalls of a real export (tests/test_outils.py counts them):
an archived card (``closed``), an archived list whose cards are not ``closed``, a card in
« Terminé » whose due date is not ticked and a ticked card still « En cours », a « Bloqué »
label left on a finished card, a label without a name, a card without a member, and due dates
in UTC, some of them around midnight in Paris.
"""

import json
import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

DOSSIER = Path(__file__).resolve().parent
sys.path.insert(0, str(DOSSIER))
import outils_generation  # noqa: E402  (next to this file, in data/)
FICHIER = "trello_lancement.json"
MESSAGE_ECART = (
    "L'export Trello de data/ ne correspond plus au générateur : lance `make data` puis relis le diff"
)
GRAINE = 20270504  # the day of the export
PARIS = ZoneInfo("Europe/Paris")
EXPORT_LE = datetime(2027, 5, 4, 8, 30, tzinfo=PARIS)

# Facts of data/clara.toml (tests/test_outils.py checks they agree).
FERMETURE_PANIER = datetime(2027, 5, 25, 23, 59)
OUVERTURE_PANIER = date(2027, 5, 18)
WEBINAIRE = datetime(2027, 5, 11, 19, 0)
REPETITION_WEBINAIRE = date(2027, 5, 10)

MEMBRES = (  # (key, full name, username, initials)
    ("Clara", "Clara Morel", "claramorel", "CM"),
    ("Léa", "Léa", "lea_assistante", "L"),
    ("Hugo", "Hugo", "hugo_montage", "H"),
    ("Inès", "Inès", "ines_communaute", "I"),
    ("Samir", "Samir", "samir_redaction", "S"),
)

ETIQUETTES = (  # (key, name, colour) — one red label has no name, as happens on real boards
    ("bloque", "Bloqué", "red"),
    ("webinaire", "Webinaire", "purple"),
    ("ventes", "Ventes", "green"),
    ("video", "Vidéo", "blue"),
    ("rouge_sans_nom", "", "red"),
)

LISTES = (  # (key, name, archived)
    ("a_faire", "À faire", False),
    ("en_cours", "En cours", False),
    ("relecture", "En relecture", False),
    ("termine", "Terminé", False),
    ("idees", "Idées (ancien tableau)", True),
)


def paris(annee, mois, jour, heure=18, minute=0):
    return datetime(annee, mois, jour, heure, minute, tzinfo=PARIS)


# The cards: (name, list, archived card, due in Paris, due ticked, members, labels, checklist).
# « 18 h » is the team's habit for « end of the day ». Cards are listed in their order on the
# board, list by list. The due dates are the planned finishes of the module 05 tracking sheet
# (data/suivi_lancement.csv, the reference plan Clara approved, public data), so that the board
# and the sheet tell one story; the other dues are the team's own choices (webinar, cart).
CARTES = (
    # À faire
    ("Intégrer la page de vente", "a_faire", False, paris(2027, 5, 5, 17), False, ("Léa",),
     ("bloque", "ventes"), ("Avant de commencer", (("Bande-annonce validée", False),
                                                   ("Page de vente validée", True)))),
    ("Programmer les e-mails", "a_faire", False, paris(2027, 5, 11), False, ("Léa",), ("ventes",),
     None),
    ("Faire la répétition technique", "a_faire", False,
     paris(REPETITION_WEBINAIRE.year, REPETITION_WEBINAIRE.month, REPETITION_WEBINAIRE.day),
     False, ("Clara", "Inès"), ("webinaire",), None),
    ("Envoyer l'e-mail J-1 du webinaire", "a_faire", False, paris(2027, 5, 10, 9), False, ("Léa",),
     ("webinaire",), None),
    ("Animer le webinaire", "a_faire", False,
     paris(WEBINAIRE.year, WEBINAIRE.month, WEBINAIRE.day, WEBINAIRE.hour, WEBINAIRE.minute),
     False, ("Clara",), ("webinaire",), None),
    ("Publier le replay du webinaire", "a_faire", False, paris(2027, 5, 12), False, ("Inès",),
     ("webinaire",), None),
    ("Vérifier les liens de la page de vente", "a_faire", False, paris(2027, 5, 12), False, (),
     ("ventes",), None),
    ("Ouvrir le panier", "a_faire", False,
     paris(OUVERTURE_PANIER.year, OUVERTURE_PANIER.month, OUVERTURE_PANIER.day, 0, 0), False,
     ("Léa",), ("ventes",), None),
    ("Fermer le panier", "a_faire", False,
     paris(FERMETURE_PANIER.year, FERMETURE_PANIER.month, FERMETURE_PANIER.day,
           FERMETURE_PANIER.hour, FERMETURE_PANIER.minute), False, ("Léa",), ("ventes",), None),
    ("Tourner une vidéo bonus", "a_faire", True, paris(2027, 4, 30), False, ("Clara",),
     ("bloque", "video"), None),
    # En cours
    ("Monter la bande-annonce", "en_cours", False, paris(2027, 5, 3), False, ("Hugo",), ("video",),
     None),
    ("Mettre les modules en ligne", "en_cours", False, paris(2027, 5, 4, 0, 0), False, ("Léa",),
     ("bloque", "video"), ("Modules en ligne", tuple((f"Module {k}", k <= 6) for k in range(1, 9)))),
    ("Inviter la liste au webinaire", "en_cours", False, paris(2027, 5, 10, 12), False, ("Léa",),
     ("webinaire",), None),
    ("Envoyer la 2ᵉ invitation au webinaire", "en_cours", False, paris(2027, 5, 4, 10), True,
     ("Léa",), ("webinaire",), None),
    ("Préparer les diapositives du webinaire", "en_cours", False, paris(2027, 5, 6), False,
     ("Clara",), ("webinaire",), None),
    ("Créer les visuels du webinaire", "en_cours", False, paris(2027, 5, 7), False, ("Inès",),
     ("rouge_sans_nom", "webinaire"), None),
    # En relecture
    ("Relire les e-mails d'ouverture", "relecture", False, paris(2027, 5, 5, 12), False,
     ("Clara",), ("ventes",), None),
    # Terminé
    ("Valider l'offre et les prix", "termine", False, paris(2027, 3, 15), True, ("Clara",), (),
     None),
    ("Tourner les vidéos du programme", "termine", False, paris(2027, 4, 6), True, ("Clara",),
     ("video",), None),
    ("Paramétrer le paiement en 3 fois", "termine", False, paris(2027, 4, 12), True, ("Léa",),
     ("ventes",), None),
    ("Écrire la page de vente", "termine", False, paris(2027, 4, 19), True, ("Samir",),
     ("ventes",), None),
    ("Créer les visuels du prélancement", "termine", False, paris(2027, 4, 23), True, ("Inès",),
     ("bloque",), None),
    ("Créer la page d'inscription au webinaire", "termine", False, paris(2027, 4, 26), True,
     ("Léa",), ("webinaire",), None),
    ("Monter les vidéos du programme", "termine", False, paris(2027, 4, 27), False, ("Hugo",),
     ("video",), None),
    ("Écrire les e-mails d'ouverture", "termine", False, paris(2027, 4, 29), True, ("Samir",),
     ("ventes",), None),
    # Idées (ancien tableau), a list archived in March: its cards were never archived one by one.
    ("Créer un quiz d'accueil", "idees", False, paris(2027, 5, 3, 12), False, ("Léa",), (), None),
    ("Refaire le logo", "idees", False, paris(2027, 4, 20), False, ("Inès",), ("bloque",), None),
    ("Lancer un podcast", "idees", False, None, False, ("Clara",), (), None),
)


class Identifiants:
    """Trello-like ids: 24 hex digits, the first 8 a creation time (like MongoDB's ObjectId)."""

    def __init__(self, graine):
        self.hasard = random.Random(graine)

    def nouveau(self, cree_le):
        secondes = int(cree_le.timestamp())
        return f"{secondes:08x}{self.hasard.getrandbits(64):016x}"


def en_utc(moment):
    """ISO 8601 in UTC with milliseconds and a Z, as Trello writes its dates."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + "000Z"


def construire():
    ids = Identifiants(GRAINE)
    hasard = random.Random(GRAINE + 1)
    cree_le = paris(2027, 3, 8, 9, 15)
    id_tableau = ids.nouveau(cree_le)
    url_courte = "".join(hasard.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                         for _ in range(8))

    membres = []
    id_membre = {}
    for cle, nom, pseudo, initiales in MEMBRES:
        ident = ids.nouveau(cree_le - timedelta(days=400 + len(membres) * 17))
        id_membre[cle] = ident
        membres.append({"id": ident, "fullName": nom, "username": pseudo, "initials": initiales,
                        "avatarUrl": None, "confirmed": True, "memberType": "normal"})

    etiquettes = []
    id_etiquette = {}
    for cle, nom, couleur in ETIQUETTES:
        ident = ids.nouveau(cree_le)
        id_etiquette[cle] = {"id": ident, "idBoard": id_tableau, "name": nom, "color": couleur,
                             "uses": 0}
        etiquettes.append(id_etiquette[cle])

    listes = []
    id_liste = {}
    for rang, (cle, nom, archivee) in enumerate(LISTES, start=1):
        ident = ids.nouveau(cree_le + timedelta(minutes=rang))
        id_liste[cle] = ident
        listes.append({"id": ident, "name": nom, "closed": archivee, "idBoard": id_tableau,
                       "pos": 16384 * rang, "subscribed": False, "softLimit": None})

    cartes, listes_de_controle, actions = [], [], []
    rang_dans_liste = {}
    for numero, (nom, liste, archivee, echeance, cochee, qui, quoi, controle) in enumerate(
            CARTES, start=1):
        creee = cree_le + timedelta(hours=hasard.randint(1, 30 * 24))
        ident = ids.nouveau(creee)
        rang_dans_liste[liste] = rang_dans_liste.get(liste, 0) + 1
        activite = min(EXPORT_LE - timedelta(minutes=hasard.randint(5, 3 * 24 * 60)),
                       EXPORT_LE)
        id_controles = []
        if controle is not None:
            titre, elements = controle
            id_controle = ids.nouveau(creee + timedelta(minutes=3))
            id_controles.append(id_controle)
            listes_de_controle.append({
                "id": id_controle, "name": titre, "idBoard": id_tableau, "idCard": ident,
                "pos": 16384,
                "checkItems": [
                    {"id": ids.nouveau(creee + timedelta(minutes=4)), "name": element,
                     "state": "complete" if fait else "incomplete", "idChecklist": id_controle,
                     "pos": 16384 * k, "due": None, "idMember": None}
                    for k, (element, fait) in enumerate(elements, start=1)
                ],
            })
        for cle in quoi:
            id_etiquette[cle]["uses"] += 1
        cartes.append({
            "id": ident,
            "idShort": numero,
            "name": nom,
            "desc": "",
            "closed": archivee,
            "idBoard": id_tableau,
            "idList": id_liste[liste],
            "idMembers": [id_membre[p] for p in qui],
            "idLabels": [id_etiquette[c]["id"] for c in quoi],
            "labels": [dict(id_etiquette[c]) for c in quoi],
            "start": None,
            "due": en_utc(echeance) if echeance is not None else None,
            "dueComplete": cochee,
            "dueReminder": 1440 if echeance is not None else None,
            "pos": 16384 * rang_dans_liste[liste],
            "idChecklists": id_controles,
            "dateLastActivity": en_utc(activite),
            "shortUrl": f"https://trello.com/c/{ident[-8:]}",
            "url": f"https://trello.com/c/{ident[-8:]}/{numero}",
            "customFieldItems": [],
        })
        actions.append({
            "id": ids.nouveau(creee),
            "idMemberCreator": id_membre["Léa"],
            "type": "createCard",
            "date": en_utc(creee),
            "data": {"card": {"id": ident, "name": nom, "idShort": numero},
                     "list": {"id": id_liste[liste] if liste != "termine" else id_liste["a_faire"],
                              "name": dict((c, n) for c, n, _ in LISTES)[
                                  liste if liste != "termine" else "a_faire"]},
                     "board": {"id": id_tableau, "name": NOM_TABLEAU}},
        })
    # The labels inside each card carry the final use counts too.
    for carte in cartes:
        carte["labels"] = [dict(e) for e in etiquettes if e["id"] in carte["idLabels"]]
    actions.sort(key=lambda a: a["date"], reverse=True)  # Trello lists the newest first

    return {
        "id": id_tableau,
        "name": NOM_TABLEAU,
        "desc": "Le lancement de printemps 2027 de Cap Sérénité : une carte par tâche du "
                "rétroplanning. Une carte finie va dans « Terminé » et son échéance est cochée.",
        "closed": False,
        "idOrganization": ids.nouveau(cree_le - timedelta(days=30)),
        "pinned": False,
        "url": f"https://trello.com/b/{url_courte}/lancement-printemps-2027",
        "shortUrl": f"https://trello.com/b/{url_courte}",
        "prefs": {"permissionLevel": "private", "background": "blue", "cardAging": "regular"},
        "labelNames": {e["color"]: e["name"] for e in etiquettes if e["name"]},
        "dateLastActivity": en_utc(EXPORT_LE),
        "labels": etiquettes,
        "lists": listes,
        "cards": cartes,
        "checklists": listes_de_controle,
        "members": membres,
        "customFields": [],
        "actions": actions,
    }


NOM_TABLEAU = "Lancement de printemps 2027"


def texte():
    return json.dumps(construire(), ensure_ascii=False, indent=2) + "\n"


def generer(dossier=DOSSIER):
    """Write the export into `dossier`."""
    (Path(dossier) / FICHIER).write_text(texte(), encoding="utf-8")


def fichiers_differents(dossier=DOSSIER):
    """[FICHIER] if the committed file differs from what the generator writes, else []."""
    return outils_generation.fichiers_generes_differents(dossier, (FICHIER,), generer)


def main(argv=None):
    return outils_generation.main_fichiers(
        argv, dossier=DOSSIER, fichiers=(FICHIER,), generer=generer,
        description="Génère (ou vérifie) l'export JSON du tableau Trello du lancement.",
        message_ecart=MESSAGE_ECART, message_ok="L'export Trello de data/ correspond au générateur.")


if __name__ == "__main__":
    sys.exit(main())
