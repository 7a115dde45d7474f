"""Checks of the numbers a learner passes to obm's formulas (internal; messages in French).

One place for every formula module (kpi, projet, equipe, suivi, risques, negociation, finances),
so that the same mistake gets the same message everywhere:

- accepted: int, float, numpy scalars, Decimal, Fraction, and integral floats read from a CSV
  (``7.0`` where a whole number is expected);
- refused with an ``ErreurOBM``: bool (also numpy's), text, None, pandas' NA, arrays and columns,
  NaN and infinities, numbers too large to compute with;
- rates are fractions: above 1 the message says « écris 0.8 pour 80 % ».

Lists of numbers (a list, a tuple, a pandas Series, a 1-D numpy array) are walked by
:func:`elements`, which labels each value by its position (or its Series index) so that a
message can say which value is wrong.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal

from obm.erreurs import DonneesInvalides, TypeInvalide

INSECABLE = "\u00a0"  # no-break space, between a number and its unit

__all__ = ["compte", "elements", "entier", "fini", "montant", "nombre", "positif", "somme", "taux"]


def _affiche(x: float) -> str:
    """A number as a French reader writes it (Babel is only loaded when a message is built)."""
    from obm._affichage import nombre as _nombre_fr

    return _nombre_fr(x)


def _est_booleen(valeur) -> bool:
    if isinstance(valeur, bool):
        return True
    # numpy.bool_ (numpy 1) is called numpy.bool in numpy 2; it is not a subclass of bool.
    return type(valeur).__module__ == "numpy" and type(valeur).__name__ in ("bool", "bool_")


def _est_manquant_pandas(valeur) -> bool:
    # pandas.NA and pandas.NaT: an empty cell of a table.
    return type(valeur).__name__ in ("NAType", "NaTType")


# Added when the empty value sits in a list or a column (``ou`` gives its position).
_CASES_VIDES = " Si ce sont des cases vides d'un tableau, retire-les d'abord, par ex. `df[\"note\"].dropna()`."


def nombre(valeur, nom: str, ou: str = "") -> float:
    """The value as a finite float, or the obm error saying what was given instead.

    ``nom`` is the argument's name as the learner typed it; ``ou`` an optional position
    (`` (valeur n°\u00a03)``) added after it.
    """
    quoi = f"`{nom}`{ou}"
    if _est_booleen(valeur):
        raise TypeInvalide(
            f"{quoi} doit être un nombre (par ex. 1200 ou 0.25), pas un booléen ({valeur!r})."
        )
    if isinstance(valeur, str):
        raise TypeInvalide(
            f"{quoi} doit être un nombre (par ex. 1200 ou 0.25), pas du texte ({valeur!r:.40}). "
            "Enlève les guillemets, les espaces et les symboles € ou %."
        )
    if valeur is None or _est_manquant_pandas(valeur):
        raise TypeInvalide(f"{quoi} est vide ({valeur!r}) : donne un nombre, par ex. 1200 ou 0.25."
                           + _CASES_VIDES * bool(ou))
    if hasattr(valeur, "shape") and getattr(valeur, "ndim", 0) > 0:
        raise TypeInvalide(
            f"{quoi} doit être un seul nombre, pas une colonne ou un tableau. "
            'Additionne d\'abord la colonne, par ex. `df["ventes"].sum()`.'
        )
    if isinstance(valeur, (list, tuple, dict, set)):
        raise TypeInvalide(
            f"{quoi} doit être un seul nombre, pas une liste ou un dictionnaire ({valeur!r:.40})."
        )
    if not isinstance(valeur, (numbers.Real, Decimal)):
        raise TypeInvalide(
            f"{quoi} doit être un nombre (par ex. 1200 ou 0.25), pas un objet {type(valeur).__name__}."
        )
    try:
        x = float(valeur)
    except (OverflowError, ValueError):
        x = math.inf  # an integer beyond float's range, or Decimal("sNaN")
    if math.isnan(x):
        raise DonneesInvalides(
            f"{quoi} n'est pas un nombre fini (NaN) : une case vide ou une division par zéro "
            "est passée par là. Vérifie les données d'où vient ce nombre." + _CASES_VIDES * bool(ou)
        )
    if not math.isfinite(x):
        raise DonneesInvalides(
            f"{quoi} n'est pas un nombre fini ({valeur!r:.40}) : donne un nombre raisonnable, "
            "en euros, en heures ou en jours."
        )
    return x


def montant(valeur, nom: str, ou: str = "", *, unite: str = "€") -> float:
    """An amount (euros, hours, days) that cannot be negative."""
    x = nombre(valeur, nom, ou)
    if x < 0:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {_affiche(x)}{INSECABLE + unite if unite else ''} : ce nombre ne peut pas être "
            "négatif. Donne-le sans signe moins, ou vérifie l'ordre des arguments."
        )
    return x


def positif(valeur, nom: str, raison: str, ou: str = "", *, unite: str = "€") -> float:
    """An amount that the formula divides by: strictly positive. ``raison`` says why 0 is impossible."""
    x = montant(valeur, nom, ou, unite=unite)
    if x == 0:
        raise DonneesInvalides(f"`{nom}`{ou} vaut 0 : {raison}")
    return x


def compte(valeur, nom: str, ou: str = "") -> float:
    """A count of people or orders: a whole number ≥ 0 (returned as a float)."""
    x = nombre(valeur, nom, ou)
    if x < 0:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {_affiche(x)} : un nombre de personnes ou de commandes ne peut pas "
            "être négatif. Vérifie la valeur ou l'ordre des arguments."
        )
    if not x.is_integer():
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {x} : c'est un nombre de personnes ou de commandes, il doit être "
            "entier (par ex. 42). As-tu passé un taux à la place d'un nombre ?"
        )
    return x


def entier(valeur, nom: str, ou: str = "", *, bas: int, haut: int, quoi: str = "un nombre entier") -> int:
    """A whole number between ``bas`` and ``haut`` (``7`` and ``7.0`` accepted, ``7.5`` refused)."""
    x = nombre(valeur, nom, ou)
    if not x.is_integer():
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {_affiche(x)} : il faut {quoi} entre {bas} et {haut}, sans décimales."
        )
    if not bas <= x <= haut:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {_affiche(x)} : il faut {quoi} entre {bas} et {haut}."
        )
    return int(x)


def taux(valeur, nom: str, ou: str = "", *, zero_permis: bool = True, un_permis: bool = True) -> float:
    """A rate written as a fraction in [0, 1]: 0.8 for 80 %."""
    x = nombre(valeur, nom, ou)
    if x > 1:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {_affiche(x)} : un taux s'écrit comme une fraction entre 0 et 1 ; "
            "écris 0.8 pour 80 %."  # typographie : telle quelle
        )
    if x < 0:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut {_affiche(x)} : un taux ne peut pas être négatif ; écris 0.8 pour 80 %."  # typographie : telle quelle
        )
    if x == 0 and not zero_permis:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut 0 : la formule divise par ce taux, il doit être strictement positif."
        )
    if x == 1 and not un_permis:
        raise DonneesInvalides(
            f"`{nom}`{ou} vaut 1 (100 %) : la formule divise par (1 − {nom}), ce qui ferait une "
            "division par zéro. Vérifie ce taux."
        )
    return x


def fini(resultat: float, quoi: str) -> float:
    """The result of a computation, refused when the inputs were so large that it overflowed."""
    if not math.isfinite(resultat):
        raise DonneesInvalides(
            f"{quoi} dépasse ce qu'un ordinateur sait calculer : les nombres donnés sont bien trop "
            "grands. Vérifie les unités (des euros, des heures, des jours)."
        )
    return float(resultat)


def somme(valeurs, quoi: str) -> float:
    """An exact sum (math.fsum) of finite floats, refused when it overflows."""
    try:
        total = math.fsum(valeurs)
    except (OverflowError, ValueError):  # fsum raises on an intermediate overflow
        total = math.inf
    return fini(total, quoi)


def elements(valeurs, nom: str, *, exemple: str = "[10, 9, 7]",
             quoi: str = "une liste de nombres") -> list[tuple[str, object]]:
    """The values of a list, a tuple, a pandas Series or a 1-D array, each with its position.

    Returns ``[(" (valeur n°\u00a01)", v1), …]``, or for a Series ``[(" (index « Léa »)", v), …]``;
    refuses text, a single number, a table, a dict or a set, and an empty list.
    """
    if isinstance(valeurs, (str, bytes)):
        raise TypeInvalide(
            f"`{nom}` doit être {quoi}, par ex. {exemple}, pas du texte ({valeurs!r:.40})."
        )
    if valeurs is None or _est_booleen(valeurs) or isinstance(valeurs, (numbers.Number, Decimal)):
        raise TypeInvalide(
            f"`{nom}` doit être {quoi} entre crochets, par ex. {exemple}, "
            f"pas {valeurs!r:.40}."
        )
    if isinstance(valeurs, (dict, set, frozenset)):
        raise TypeInvalide(
            f"`{nom}` doit être {quoi} entre crochets, par ex. {exemple}, pas un "
            f"{'dictionnaire' if isinstance(valeurs, dict) else 'ensemble'} : l'ordre des valeurs compte."
        )
    if type(valeurs).__name__ == "DataFrame" or getattr(valeurs, "ndim", 1) != 1:
        raise TypeInvalide(
            f"`{nom}` doit être {quoi} (une seule colonne), pas un tableau entier. "
            'Choisis la colonne, par ex. `df["note"]`.'
        )
    if type(valeurs).__name__ == "Series" and hasattr(valeurs, "index"):
        paires = [(f" (index « {etiquette} »)", v) for etiquette, v in valeurs.items()]
    elif isinstance(valeurs, (list, tuple, range)) or hasattr(valeurs, "tolist"):
        liste = valeurs.tolist() if hasattr(valeurs, "tolist") else list(valeurs)
        paires = [(f" (valeur n°\u00a0{i})", v) for i, v in enumerate(liste, start=1)]
    else:
        raise TypeInvalide(
            f"`{nom}` doit être {quoi} entre crochets, par ex. {exemple}, pas un objet "
            f"{type(valeurs).__name__}."
        )
    if not paires:
        raise DonneesInvalides(
            f"`{nom}` est vide : il faut au moins une valeur, par ex. {exemple}."
        )
    return paires
