"""Le bouton **Validate** de nbgrader, réglé pour le cours : il ne dit jamais « Success » tant
qu'une question est « pas encore faite » ou « à revoir ».

Les vérifications du cours ne font jamais échouer une cellule (elles répondent en français, avec
un statut lisible par une machine, type MIME ``application/vnd.obm.check+json``) ; le Validate de
nbgrader, qui ne regarde que les erreurs, disait donc « Success! » sur un exercice intouché.

Pendant un Validate (et seulement lui : nbgrader y met ``NBGRADER_EXECUTION=validate`` dans
l'environnement du noyau ; la correction y met ``autograde``), chaque vérification qui n'est ni
« forme correcte » ni « juste » (un statut inconnu compte comme « à revoir ») écrit en plus une
ligne française sur la sortie d'erreur : Validate compte la cellule comme échouée et montre
cette ligne. Avec ``Validator.validate_all`` (réglé par :func:`configurer_validation`, dans
``nbgrader_config.py`` et dans celui que ``python -m obm.installation --apprenante`` écrit pour
le paquet des apprenantes), cela vaut aussi pour une vérification placée dans une cellule sans
points. Validate liste alors chaque question à reprendre, avec le message de sa vérification.
"""

from __future__ import annotations

MIME_STATUT = "application/vnd.obm.check+json"
STATUTS_FAITS = {"forme_correcte", "juste", "reussi"}  # "reussi": the former "forme_correcte"
LIBELLES = {"pas_encore_fait": "pas encore fait", "a_revoir": "à revoir"}


def signaler_au_validate(donnees: dict, texte: str) -> None:
    """Pendant un Validate seulement : une ligne française sur la sortie d'erreur pour une
    vérification « pas encore fait » ou « à revoir » (appelée par :func:`obm.verifier.afficher`)."""
    import os
    import sys

    if os.environ.get("NBGRADER_EXECUTION") != "validate":
        return
    statut = donnees.get("statut")
    if statut in STATUTS_FAITS:
        return
    message = " ".join(str(texte).split("\n")[:3]).strip()
    print(f"À reprendre avant de rendre ta copie. Question {donnees.get('question', '?')} : "
          f"{LIBELLES.get(statut, 'à revoir')}. {message}", file=sys.stderr, flush=True)


def configurer_validation(c) -> None:
    """Règle le Validate de nbgrader dans une configuration ``c`` (celle de nbgrader_config.py).

    Tout est rangé sous ``c.Validator`` : la correction (``Autograde``) n'est pas touchée.
    """
    c.Validator.validate_all = True
    c.Validator.failed_warning = (
        "À REPRENDRE : {num_failed} CELLULE(S). Si tu rends ta copie maintenant, tu n'auras pas "
        "tous les points.\n")
    c.Validator.changed_warning = (
        "LE CONTENU DE {num_changed} CELLULE(S) DE TEST A CHANGÉ : la correction remettra les "
        "cellules d'origine.\n")
    c.Validator.type_changed_warning = (
        "LE TYPE DE {num_changed} CELLULE(S) A CHANGÉ : remets-les comme dans l'exercice distribué.\n")
