"""Essayer une fonction écrite par l'apprenante, dans une cellule de test (pour les autrices).

Pendant la correction, la copie et les tests ne partagent pas de processus : une fonction de
l'apprenante arrive dans le processus de test comme une **sonde**. L'appeler
(``assert prix_ttc(100) == 120.0``) est un *appel-sonde* : ses arguments partent comme données
vers le processus de l'apprenante, la fonction y est appelée, et son résultat revient comme
donnée (mêmes types transmissibles que les réponses). Dans un notebook ordinaire (la solution
lancée par nbval, l'autoformation), c'est la vraie fonction qui est appelée : le même test
marche des deux côtés.

Pour vérifier qu'une fonction lève une erreur, :func:`erreur_levee` dit laquelle, dans les deux
cas (vraie fonction ou sonde) ::

    assert "ErreurOBM" in erreur_levee(prix_ttc, -5)
"""

from __future__ import annotations


class ErreurDeLaFonction(Exception):
    """Une sonde dont la fonction de l'apprenante a levé une exception.

    ``types`` : les noms des classes de l'exception, de la plus précise à la plus générale
    (``("DonneesInvalides", "ErreurOBM", "ValueError", …)``) ; ``message`` : son texte.
    """

    def __init__(self, types: tuple[str, ...], message: str):
        super().__init__(f"ta fonction a levé {types[0] if types else 'une erreur'} : {message}")
        self.types = tuple(types)
        self.message = message


def erreur_levee(fonction, *arguments, **options) -> tuple[str, ...]:
    """Les noms des classes de l'exception que lève ``fonction(*arguments, **options)``, de la
    plus précise à la plus générale ; ``()`` si elle n'en lève pas."""
    try:
        fonction(*arguments, **options)
    except ErreurDeLaFonction as erreur:
        return erreur.types
    except Exception as erreur:  # noqa: BLE001 - the learner's function, in a plain notebook
        return tuple(c.__name__ for c in type(erreur).__mro__ if c not in (BaseException, object))
    return ()
