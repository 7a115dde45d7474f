"""Les erreurs que le cours signale à l'apprenante, toujours en français.

Toute erreur qu'une apprenante peut provoquer (mauvais type, colonne manquante,
identifiant inconnu, données vides…) lève une sous-classe de :class:`ErreurOBM`,
dont le message dit ce qui ne va pas et comment le corriger.
"""


class ErreurOBM(Exception):
    """Erreur du cours : le message dit ce qui ne va pas et comment corriger."""

    def _render_traceback_(self):
        # IPython affiche ces lignes à la place de la pile d'appels complète :
        # l'apprenante lit le message utile, pas l'intérieur de la bibliothèque.
        return [f"\x1b[31m{type(self).__name__}\x1b[0m : {self}"]


class DonneesInvalides(ErreurOBM, ValueError):
    """Une valeur a la bonne forme mais un contenu impossible (durée négative, date inconnue…)."""


class TypeInvalide(ErreurOBM, TypeError):
    """Une valeur n'a pas le type attendu (du texte à la place d'un nombre…)."""


class ColonneManquante(ErreurOBM, KeyError):
    """Un tableau n'a pas une colonne dont le calcul a besoin."""

    def __str__(self):
        # KeyError entoure son message de guillemets : on garde le texte tel quel.
        return str(self.args[0]) if self.args else ""


class IdentifiantInconnu(ErreurOBM, KeyError):
    """Un identifiant (tâche, module, apprenante) n'existe pas."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""
