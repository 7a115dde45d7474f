"""La démonstration des vérifications dans la leçon 00 (Bienvenue).

La leçon fait vivre une vérification avant le premier exercice : « pas encore fait », « à
revoir » pour une forme qui ne va pas, « à revoir » pour une **erreur typique** que le cours
connaît (le message nomme l'idée fausse), puis « forme correcte ». La question de la
démonstration : quelle part de sa liste e-mail l'objectif de ventes de Clara représente-t-il ?

Les erreurs typiques de cette question sont déclarées ici, avec leur message. Comme pour un
exercice, leur catalogue (``course/modules/00_bienvenue/erreurs_typiques.json``, lu par
:mod:`obm.verifier` dans le dossier du notebook) est construit en calculant les réponses
fausses elles-mêmes sur les faits de Clara, jamais en recopiant leurs valeurs ; il ne contient
que des empreintes de réponses fausses. ``python -m obm.bienvenue`` le réécrit ; un test
vérifie qu'il est à jour.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from obm import empreintes

QUESTION = "demo_part_objectif"
NOM_REPONSE = "part_de_la_liste"
DOSSIER_LECON = Path("course") / "modules" / "00_bienvenue"


def _reponse_juste(faits) -> float:
    return faits.lancement.objectif_ventes / faits.audience.liste_email


# (nom de l'idée fausse, la réponse fausse calculée sur les faits de Clara, le message)
ERREURS_TYPIQUES: list[tuple[str, Callable, str]] = [
    ("division_a_l_envers",
     lambda f: f.audience.liste_email / f.lancement.objectif_ventes,
     "Tu as divisé la liste par l'objectif : une part se calcule en divisant la partie (les "
     "ventes visées) par le tout (les abonnées de la liste)."),
    ("taux_multiplie_par_100",
     lambda f: f.lancement.objectif_ventes / f.audience.liste_email * 100,
     "Tu as multiplié par 100 pour obtenir un pourcentage : dans le cours, un taux s'écrit en "
     "fraction (`0.02` pour 2 %), et c'est `obm.fr.pourcentage` qui l'affiche en pourcentage. "
     "Relis « Les taux s'écrivent en fraction »."),
    ("abonnees_instagram_au_lieu_de_la_liste",
     lambda f: f.lancement.objectif_ventes / f.audience.instagram,
     "Tu as divisé par les abonnées Instagram : l'objectif de ventes se rapporte à la liste "
     "e-mail, celle qui reçoit les e-mails du lancement."),
]


def construire(faits=None) -> dict:
    """Le catalogue des erreurs typiques de la démonstration (empreintes et messages)."""
    from obm.donnees import clara

    faits = faits or clara()
    juste = empreintes.empreinte(QUESTION, [_reponse_juste(faits)])
    messages = {}
    for _nom, calcul, message in ERREURS_TYPIQUES:
        empreinte = empreintes.empreinte(QUESTION, [calcul(faits)])
        if empreinte != juste:
            messages[empreinte] = message
    return {
        "lecon": "00_bienvenue",
        "explication": "Empreintes de réponses fausses typiques de la démonstration de la leçon "
                       "et le message qui nomme l'idée fausse. Aucune bonne réponse n'est ici.",
        "questions": {QUESTION: dict(sorted(messages.items()))},
    }


def texte(catalogue: dict) -> str:
    """Le catalogue tel qu'il est écrit sur disque (stable, pour les comparaisons)."""
    return json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"


def chemin(racine: Path | None = None) -> Path:
    """Le fichier du catalogue, à côté de la leçon (c'est là que la vérification le cherche)."""
    from obm.donnees import racine_cours

    return (racine or racine_cours()) / DOSSIER_LECON / empreintes.CATALOGUE


def ecrire(racine: Path | None = None) -> Path:
    """Réécrit le catalogue de la démonstration et renvoie son chemin."""
    fichier = chemin(racine)
    fichier.write_text(texte(construire()), encoding="utf-8")
    return fichier


if __name__ == "__main__":
    print(ecrire())
