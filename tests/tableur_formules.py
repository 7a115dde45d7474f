"""A small evaluator of spreadsheet formulas, so that the tests can compute an exported template.

openpyxl writes formulas but never computes them (Excel and LibreOffice do when the file opens).
The templates of the course use a small subset: numbers, text in double quotes, references
(`B2`, `$B$2`, `Lots!O20`, `'Hors du projet'!A2`), ranges, the operators + - * / ^ and the
comparisons = <> < > <= >=, and the functions SUM, SUMIF, SQRT, ROUNDUP, IF and ABS. Anything
else raises, so a template that starts using another function fails its test loudly instead of
being computed wrongly. An empty cell counts as 0 in a calculation and "" in a comparison, as in
Excel.
"""

from __future__ import annotations

import math
import re

from openpyxl.utils import column_index_from_string

_JETON = re.compile(r"""
    \s*(?:
      (?P<nombre>\d+(?:\.\d+)?)
    | "(?P<texte>(?:[^"]|"")*)"
    | (?P<ref>(?:(?:'[^']+'|[A-Za-zÀ-ÿ_][\wÀ-ÿ]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
    | (?P<fonction>[A-Z]+)\(
    | (?P<op><=|>=|<>|[-+*/^=<>(),])
    )""", re.X)


def _jetons(formule: str) -> list[tuple[str, str]]:
    jetons, position = [], 0
    while position < len(formule):
        if formule[position:].strip() == "":
            break
        m = _JETON.match(formule, position)
        if not m:
            raise ValueError(f"formule non comprise à la position {position} : {formule!r}")
        genre = m.lastgroup
        jetons.append((genre, m.group(genre)))
        position = m.end()
    return jetons


class Classeur:
    """Computes the cells of an openpyxl workbook loaded without `data_only`."""

    def __init__(self, classeur):
        self.classeur = classeur
        self._cache: dict[tuple[str, str], object] = {}

    def valeur(self, feuille: str, ref: str):
        """The computed value of one cell (`valeur("Budget", "B8")`)."""
        cle = (feuille, ref.replace("$", ""))
        if cle not in self._cache:
            brute = self.classeur[feuille][cle[1]].value
            if isinstance(brute, str) and brute.startswith("="):
                self._cache[cle] = _Analyse(self, feuille, _jetons(brute[1:])).tout()
            else:
                self._cache[cle] = brute
        return self._cache[cle]

    def plage(self, feuille: str, debut: str, fin: str) -> list:
        """The values of a rectangular range, row by row."""
        c1, l1 = _decouper(debut)
        c2, l2 = _decouper(fin)
        return [self.valeur(feuille, f"{_colonne(c)}{l}")
                for l in range(l1, l2 + 1) for c in range(c1, c2 + 1)]


def _decouper(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", ref)
    return column_index_from_string(m.group(1)), int(m.group(2))


def _colonne(indice: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(indice)


class Erreur:
    """An error value, as Excel shows « #DIV/0! »: it spreads through calculations, and IF only
    meets it when the branch that holds it is taken."""

    def __init__(self, code: str):
        self.code = code

    def __repr__(self):
        return self.code


def _calcul(fonction, *valeurs):
    for v in valeurs:
        if isinstance(v, Erreur):
            return v
    try:
        return fonction(*(_nombre(v) for v in valeurs))
    except ZeroDivisionError:
        return Erreur("#DIV/0!")
    except ValueError:
        return Erreur("#NUM!")


def _nombre(x) -> float:
    if x is None or x == "":
        return 0.0
    if isinstance(x, bool):
        return float(x)
    if isinstance(x, (int, float)):
        return float(x)
    raise ValueError(f"{x!r} n'est pas un nombre")


def _egal(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return str("" if a is None else a).casefold() == str("" if b is None else b).casefold()
    return _nombre(a) == _nombre(b)


class _Analyse:
    """Recursive descent over the tokens of one formula."""

    def __init__(self, classeur: Classeur, feuille: str, jetons):
        self.c, self.feuille, self.jetons, self.i = classeur, feuille, jetons, 0

    def _voir(self):
        return self.jetons[self.i] if self.i < len(self.jetons) else (None, None)

    def _prendre(self, attendu=None):
        jeton = self._voir()
        if attendu is not None and jeton[1] != attendu:
            raise ValueError(f"« {attendu} » attendu, trouvé {jeton}")
        self.i += 1
        return jeton

    def tout(self):
        resultat = self.comparaison()
        if self.i != len(self.jetons):
            raise ValueError(f"reste non compris : {self.jetons[self.i:]}")
        return resultat

    def comparaison(self):
        gauche = self.somme()
        genre, op = self._voir()
        if genre == "op" and op in ("=", "<>", "<", ">", "<=", ">="):
            self._prendre()
            droite = self.somme()
            if op == "=":
                return _egal(gauche, droite)
            if op == "<>":
                return not _egal(gauche, droite)
            return _calcul(lambda a, b: {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op],
                           gauche, droite)
        return gauche

    def somme(self):
        valeur = self.produit()
        while self._voir() in (("op", "+"), ("op", "-")):
            op = self._prendre()[1]
            droite = self.produit()
            valeur = _calcul((lambda a, b: a + b) if op == "+" else (lambda a, b: a - b), valeur, droite)
        return valeur

    def produit(self):
        valeur = self.puissance()
        while self._voir() in (("op", "*"), ("op", "/")):
            op = self._prendre()[1]
            droite = self.puissance()
            valeur = _calcul((lambda a, b: a * b) if op == "*" else (lambda a, b: a / b), valeur, droite)
        return valeur

    def puissance(self):
        valeur = self.unaire()
        while self._voir() == ("op", "^"):
            self._prendre()
            valeur = _calcul(lambda a, b: a ** b, valeur, self.unaire())
        return valeur

    def unaire(self):
        if self._voir() == ("op", "-"):
            self._prendre()
            return _calcul(lambda a: -a, self.unaire())
        return self.primaire()

    def primaire(self):
        genre, texte = self._prendre()
        if genre == "nombre":
            return float(texte)
        if genre == "texte":
            return texte.replace('""', '"')
        if genre == "op" and texte == "(":
            valeur = self.comparaison()
            self._prendre(")")
            return valeur
        if genre == "ref":
            feuille, ref = self.feuille, texte
            if "!" in texte:
                feuille, ref = texte.rsplit("!", 1)
                feuille = feuille.strip("'")
            if ":" in ref:
                return ("plage", feuille, *ref.split(":"))
            return self.c.valeur(feuille, ref)
        if genre == "fonction":
            arguments = []
            if self._voir() != ("op", ")"):
                arguments.append(self.comparaison())
                while self._voir() == ("op", ","):
                    self._prendre()
                    arguments.append(self.comparaison())
            self._prendre(")")
            return self._appeler(texte, arguments)
        raise ValueError(f"jeton inattendu : {genre} {texte!r}")

    def _valeurs(self, argument) -> list:
        if isinstance(argument, tuple) and argument[0] == "plage":
            return self.c.plage(*argument[1:])
        return [argument]

    def _appeler(self, nom, arguments):
        if nom == "IF":
            condition, oui, non = arguments
            if isinstance(condition, Erreur):
                return condition
            return oui if condition else non
        for argument in arguments:
            for x in self._valeurs(argument):
                if isinstance(x, Erreur):
                    return x
        if nom == "SUM":
            return sum(_nombre(x) for a in arguments for x in self._valeurs(a)
                       if not isinstance(x, str))
        if nom == "SUMIF":
            plage, critere, a_sommer = arguments
            return sum(_nombre(s) for x, s in zip(self._valeurs(plage), self._valeurs(a_sommer))
                       if x not in (None, "") and _egal(x, critere) and not isinstance(s, str))
        if nom == "SQRT":
            return _calcul(math.sqrt, arguments[0])
        if nom == "ABS":
            return _calcul(abs, arguments[0])
        if nom == "ROUNDUP":
            x, chiffres = _nombre(arguments[0]), int(_nombre(arguments[1]))
            facteur = 10 ** chiffres
            return math.copysign(math.ceil(abs(x) * facteur - 1e-9) / facteur, x)
        raise ValueError(f"fonction non prise en charge par ce petit calculateur : {nom}")
