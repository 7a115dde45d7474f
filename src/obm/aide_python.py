"""Une ligne d'aide en français sous les erreurs Python les plus fréquentes d'une débutante.

Un oubli de guillemets (``"m01": OBM`` → ``NameError``), une apostrophe dans un texte entre
apostrophes (``'Valider l'offre'`` → ``SyntaxError``), une virgule ou une parenthèse oubliée :
Python répond en anglais. Après chaque cellule qui s'arrête sur l'une de ces erreurs, le cours
affiche en dessous ce qu'elle veut dire et comment corriger. L'erreur de Python reste visible.

Installé une fois par ``import obm`` dans un notebook (rien hors de Jupyter).
"""

from __future__ import annotations

import html
import re

MIME_AIDE = "application/vnd.obm.aide+json"


def expliquer(erreur: BaseException) -> str | None:
    """L'explication française d'une erreur Python fréquente, ou ``None``."""
    texte = str(erreur)
    if isinstance(erreur, NameError):
        nom = getattr(erreur, "name", None) or (re.findall(r"'([^']+)'", texte) or ["?"])[0]
        return (f"Python ne connaît pas le nom « {nom} ». Si c'est un texte, mets-le entre "
                f"guillemets : \"{nom}\". Si c'est une variable, vérifie son orthographe (les "
                "majuscules et les accents comptent) et exécute d'abord la cellule qui la définit.")
    if isinstance(erreur, IndentationError):
        return ("Le décalage en début de ligne (l'indentation) ne va pas : les lignes d'un même "
                "bloc commencent au même endroit. Aligne-les, ou enlève l'espace en trop au début.")
    if isinstance(erreur, SyntaxError):
        if "unterminated string" in texte or "EOL while scanning" in texte or "unterminated triple" in texte:
            return ("Un texte n'est pas fermé : il s'ouvre et se ferme par le même guillemet. Une "
                    "apostrophe à l'intérieur d'un texte entre apostrophes le coupe ('Valider "
                    "l'offre') : écris-le entre guillemets doubles, \"Valider l'offre\".")
        if "forgot a comma" in texte:
            return ("Il manque sans doute une virgule entre deux éléments d'une liste ou d'un "
                    "dictionnaire (après chaque valeur, sauf la dernière).")
        if "was never closed" in texte or "unmatched" in texte or "does not match" in texte:
            return ("Une parenthèse, un crochet ou une accolade n'est pas refermé (ou l'est en "
                    "trop) : compte-les, chaque ( [ { a son ) ] }.")
        if "'=' " in texte or "Maybe you meant '=='" in texte:
            return ("Pour comparer, Python écrit == ; un seul = donne un nom à une valeur.")
        return ("Python ne comprend pas cette ligne (erreur de syntaxe). Regarde l'endroit "
                "montré par la flèche ^ : une virgule, un guillemet ou une parenthèse y manque "
                "souvent.")
    return None


class _Aide:
    def __init__(self, texte: str):
        self.texte = texte

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/plain": f"💬 En français : {self.texte}",
            "text/html": ('<div class="obm-aide" role="note" style="border-left:5px solid #0b4f8a;'
                          'background:#e8f1fb;padding:6px 10px;margin:4px 0;color:#222">'
                          f"<b>💬 En français :</b> {html.escape(self.texte)}</div>"),
            MIME_AIDE: {"aide": self.texte},
        }


def _apres_la_cellule(resultat) -> None:
    erreur = resultat.error_before_exec or resultat.error_in_exec
    if erreur is None:
        return
    texte = expliquer(erreur)
    if texte:
        from IPython.display import display

        display(_Aide(texte))


class SansEllipsisFinal:
    """Transformation IPython : une cellule qui finit par ``...`` (le modèle de réponse du
    cours) n'affiche pas « Ellipsis » en dessous."""

    def visit(self, arbre):
        import ast

        corps = getattr(arbre, "body", [])
        if corps and isinstance(corps[-1], ast.Expr) and isinstance(corps[-1].value, ast.Constant) \
                and corps[-1].value.value is Ellipsis:
            corps[-1] = ast.copy_location(ast.Pass(), corps[-1])
        return arbre


def installer(shell) -> None:
    """Branche l'aide sur un shell IPython (une seule fois)."""
    if getattr(shell, "_obm_aide_python", False):
        return
    shell.events.register("post_run_cell", _apres_la_cellule)
    shell.ast_transformers.append(SansEllipsisFinal())
    shell._obm_aide_python = True
