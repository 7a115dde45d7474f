"""Les vérifications visibles des exercices : un retour immédiat, en français.

Une vérification répond toujours par l'un de quatre résultats :

- **pas encore fait** : la réponse n'existe pas encore (nom non défini, ``...`` du modèle) ;
- **à revoir** : la réponse existe mais ne va pas : sa forme (type, colonnes, valeur
  impossible), ou c'est une erreur typique connue du cours (le message nomme l'idée fausse) ;
- **forme correcte** : la forme est bonne ; la justesse sera vue à la correction ;
- **juste** : la réponse est celle du corrigé (en autoformation seulement, quand le dépôt du
  cours et ses corrigés sont là et que le mode autoformation est choisi).

Une vérification ne contient jamais le corrigé : elle contrôle la forme, les types et la
cohérence de la réponse, et peut recalculer à partir des propres données de l'apprenante.
Les erreurs typiques sont reconnues grâce au catalogue ``erreurs_typiques.json`` distribué avec
l'exercice : il ne contient que des empreintes de réponses fausses, jamais une bonne réponse.

Dans un notebook ::

    from obm.verifier import verifier, nombre
    verifier("q1_ca", "ca_estime", nombre(minimum=0))

Le résultat s'affiche de la même façon dans tous les notebooks, avec à côté un statut lisible
par une machine (type MIME ``application/vnd.obm.check+json``), pour suivre la progression.
"""

from __future__ import annotations

import html
import inspect
import numbers
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from obm import empreintes

MIME_STATUT = "application/vnd.obm.check+json"

PAS_ENCORE_FAIT = "pas_encore_fait"
A_REVOIR = "a_revoir"
FORME_CORRECTE = "forme_correcte"
JUSTE = "juste"
STATUTS = (PAS_ENCORE_FAIT, A_REVOIR, FORME_CORRECTE, JUSTE)

# Statut -> (libellé, icône, couleur du texte, couleur du fond). Le statut se lit toujours par
# une icône et un mot, jamais par la couleur seule.
_LIBELLES = {
    PAS_ENCORE_FAIT: ("Pas encore fait", "⏳", "#6b5400", "#fff8e1"),
    A_REVOIR: ("À revoir", "🔁", "#a1221b", "#fdecea"),
    FORME_CORRECTE: ("Forme correcte", "☑️", "#0b4f8a", "#e8f1fb"),
    JUSTE: ("Juste", "✅", "#1b6b2a", "#e8f5e9"),
}

MESSAGE_FORME_CORRECTE = "forme correcte ; la justesse sera vue à la correction."


class _Issue(Exception):
    """Un résultat autre que « forme correcte », levé par un contrôle et affiché par :func:`verifier`."""

    statut = A_REVOIR

    def __init__(self, message: str, indice: str | None = None):
        super().__init__(message)
        self.message = message
        self.indice = indice


class PasEncoreFait(_Issue):
    """La réponse n'est pas encore écrite."""

    statut = PAS_ENCORE_FAIT


class ARevoir(_Issue):
    """La réponse existe mais ne convient pas : le message dit pourquoi."""

    statut = A_REVOIR


@dataclass(frozen=True)
class Resultat:
    """Le résultat d'une vérification : la question, le statut et le message à lire."""

    question: str
    statut: str
    message: str
    indice: str | None = None
    # Empreinte de la réponse (jamais la réponse) : sert au retour de correction à reconnaître
    # une erreur typique. Absente tant que la réponse n'est pas écrite.
    empreinte: str | None = None
    erreur_typique: bool = False

    @property
    def reussi(self) -> bool:
        """Vrai si rien n'est à reprendre (forme correcte, ou juste en autoformation)."""
        return self.statut in (FORME_CORRECTE, JUSTE)

    def en_donnees(self) -> dict:
        """Le statut lisible par une machine (ce qui est enregistré dans le notebook)."""
        donnees = {"question": self.question, "statut": self.statut}
        if self.empreinte:
            donnees["empreinte"] = self.empreinte
        if self.erreur_typique:
            donnees["erreur_typique"] = True
        return donnees

    def __str__(self) -> str:
        libelle, icone, _, _ = _LIBELLES[self.statut]
        texte = f"{icone} {libelle} ({self.question}) : {_sans_accents_graves(self.message)}"
        if self.indice:
            texte += f"\nIndice : {_sans_accents_graves(self.indice)}"
        return texte

    def _repr_html_(self) -> str:
        libelle, icone, couleur, fond = _LIBELLES[self.statut]
        indice = (
            f'<div style="margin-top:4px"><b>Indice :</b> {_code_html(self.indice)}</div>'
            if self.indice
            else ""
        )
        return (
            f'<div class="obm-verification obm-{self.statut}" role="status" '
            f'style="border-left:5px solid {couleur};background:{fond};padding:6px 10px;'
            f'margin:4px 0;color:#222">'
            f'<b style="color:{couleur}">{icone} {libelle}</b> '
            f'<span style="color:#444">({html.escape(self.question)})</span><br>'
            f"{_code_html(self.message)}{indice}</div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/plain": str(self),
            "text/html": self._repr_html_(),
            MIME_STATUT: self.en_donnees(),
        }


def _code_html(texte: str) -> str:
    """Le texte échappé, où `nom` devient <code>nom</code> (jamais d'accents graves bruts)."""
    morceaux = html.escape(texte).split("`")
    if len(morceaux) % 2 == 0:  # an odd number of backticks: show them as they are
        return html.escape(texte)
    return "".join(m if i % 2 == 0 else f"<code>{m}</code>" for i, m in enumerate(morceaux))


def _sans_accents_graves(texte: str) -> str:
    return texte.replace("`", "")


Controle = Callable[..., Any]
_ABSENT = object()


def controler(question: str, noms: str | Iterable[str] | dict, *controles: Controle,
              espace: dict | None = None, catalogue: bool | None = None,
              autoformation: bool = True) -> Resultat:
    """Vérifie la réponse sans l'afficher et renvoie le :class:`Resultat`.

    ``noms`` est le nom de la variable qui porte la réponse, une liste de noms, ou un
    dictionnaire ``{nom: contrôle}`` (ou ``{nom: [contrôles]}``) pour contrôler chaque
    variable à part. Les ``controles`` suivants reçoivent toutes les valeurs, dans l'ordre
    des noms, pour les contrôles de cohérence. Un contrôle lève :class:`ARevoir`
    (ou :class:`PasEncoreFait`) si quelque chose ne va pas.
    ``espace`` est l'espace de noms où chercher (par défaut celui de l'appelant).
    ``catalogue`` : reconnaître les erreurs typiques (par défaut oui, sauf pour une question à
    moins de six réponses possibles, où l'élimination donnerait la bonne).
    ``autoformation=False`` : ne jamais comparer avec le corrigé, même en autoformation (une
    réponse rédigée, un texte libre : deux bonnes réponses ne se ressemblent pas).
    """
    if espace is None:
        espace = _espace_appelant()
    if isinstance(noms, str):
        par_nom = {noms: ()}
    elif isinstance(noms, dict):
        par_nom = {nom: (c if isinstance(c, (list, tuple)) else (c,)) for nom, c in noms.items()}
    else:
        par_nom = {nom: () for nom in noms}
    liste_noms = list(par_nom)
    tous = [c for cs in par_nom.values() for c in cs] + list(controles)
    if catalogue is None:
        catalogue = not any(getattr(c, "nombre_de_choix", 99) < empreintes.CHOIX_MINIMUM
                            for c in tous)
    try:
        valeurs = [_valeur(espace, nom) for nom in liste_noms]
    except _Issue as issue:
        return Resultat(question, issue.statut, issue.message, issue.indice)
    empreinte = empreintes.empreinte(question, valeurs)
    empreintes.enregistrer(question, empreinte, catalogue)
    if catalogue and empreinte is not None:
        message = empreintes.erreur_connue(question, empreinte)
        if message:
            return Resultat(question, A_REVOIR, message,
                            "relis la partie de la leçon qu'il nomme, corrige ta réponse, "
                            "puis relance cette vérification.", empreinte, True)
    try:
        for nom, valeur in zip(liste_noms, valeurs):
            for controle in par_nom[nom]:
                _appliquer(controle, (valeur,), prefixe=f"`{nom}` : ")
        for controle in controles:
            _appliquer(controle, valeurs)
    except _Issue as issue:
        return Resultat(question, issue.statut, issue.message, issue.indice, empreinte)
    jugement = empreintes.juger_en_autoformation(question, empreinte) if autoformation else None
    if jugement is not None:
        juste, a_relire = jugement
        if juste:
            return Resultat(question, JUSTE, "ta réponse est juste : c'est celle du corrigé.",
                            None, empreinte)
        return Resultat(question, A_REVOIR, "ta réponse n'est pas celle du corrigé.",
                        a_relire or "relis l'énoncé et la partie de la leçon qui s'y rapporte.",
                        empreinte)
    return Resultat(question, FORME_CORRECTE, MESSAGE_FORME_CORRECTE, None, empreinte)


def _appliquer(controle: Controle, valeurs, prefixe: str = "") -> None:
    try:
        controle(*valeurs)
    except _Issue as issue:
        if prefixe:
            raise type(issue)(prefixe + issue.message, issue.indice) from None
        raise
    except NotImplementedError:
        raise PasEncoreFait(
            "ta fonction contient encore le modèle du cours.",
            "remplace `...` par ton code, puis exécute la cellule.",
        ) from None
    except Exception as erreur:  # the learner's code failed inside a check
        raise ARevoir(
            f"{prefixe}le calcul s'est arrêté sur une erreur : {type(erreur).__name__} : {erreur}.",
            "exécute ta cellule de réponse et lis le message d'erreur ; "
            "corrige-la, puis relance cette vérification.",
        ) from None


def verifier(question: str, noms: str | Iterable[str] | dict, *controles: Controle,
             espace: dict | None = None, catalogue: bool | None = None,
             autoformation: bool = True) -> None:
    """Vérifie la réponse à une question et affiche le résultat.

    Les résultats possibles : pas encore fait, à revoir, forme correcte (la justesse sera vue à
    la correction) et, en autoformation, juste.
    Exemple : ``verifier("q1_ca", "ca_estime", nombre(minimum=0))``.
    Ne renvoie rien : le résultat s'affiche sous la cellule.
    """
    if espace is None:
        espace = _espace_appelant()
    afficher(controler(question, noms, *controles, espace=espace, catalogue=catalogue,
                       autoformation=autoformation))


def afficher(resultat: Resultat) -> None:
    """Affiche un résultat de la même façon dans tous les notebooks."""
    from obm.validation_copie import signaler_au_validate

    signaler_au_validate(resultat.en_donnees(), str(resultat))  # only under nbgrader's Validate
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # outside Jupyter: plain text is enough
        print(resultat)
        return
    if get_ipython() is None:
        print(resultat)
    else:
        display(resultat)


def _espace_appelant() -> dict:
    # Two frames up: the caller of controler()/verifier(), i.e. the notebook cell.
    cadre = inspect.currentframe()
    try:
        cadre = cadre.f_back.f_back
        return cadre.f_globals
    finally:
        del cadre


def _valeur(espace: dict, nom: str):
    valeur = espace.get(nom, _ABSENT)
    if valeur is _ABSENT:
        raise PasEncoreFait(
            f"`{nom}` n'est pas encore défini.",
            f"écris ta réponse dans la cellule au-dessus (`{nom} = …`), exécute-la, "
            "puis exécute cette cellule.",
        )
    if valeur is Ellipsis:
        raise PasEncoreFait(f"`{nom}` vaut encore `...`, le modèle de réponse.",
                            "remplace `...` par ta réponse, exécute la cellule, "
                            "puis cette vérification.")
    return valeur


# --- Les sortes de contrôles --------------------------------------------------------------
# Chacune renvoie une fonction qui reçoit la valeur et lève ARevoir avec un message utile.

def _decrire(valeur) -> str:
    texte = repr(valeur)
    return texte if len(texte) <= 60 else texte[:57] + "…"


def _est_nombre(valeur) -> bool:
    return isinstance(valeur, numbers.Real) and not isinstance(valeur, bool)


def _exiger_nombre(valeur, quoi: str) -> None:
    if isinstance(valeur, bool):
        raise ARevoir(f"{quoi} devrait être un nombre, mais c'est un booléen ({valeur}).",
                      "écris un nombre, par exemple `3` ou `0.25`.")
    if isinstance(valeur, str):
        raise ARevoir(
            f"{quoi} devrait être un nombre, mais c'est du texte ({_decrire(valeur)}).",
            "enlève les guillemets autour du nombre, et n'écris ni unité ni espace dedans.",
        )
    if not _est_nombre(valeur):
        raise ARevoir(f"{quoi} devrait être un nombre, mais c'est un objet de type "
                      f"{type(valeur).__name__} ({_decrire(valeur)}).",
                      "garde seulement le nombre (un seul calcul, sans liste ni tableau).")


def nombre(*, minimum: float | None = None, maximum: float | None = None,
           entier: bool = False) -> Controle:
    """Contrôle : la réponse est un nombre (entier si ``entier=True``), dans les bornes données."""

    def controle(valeur):
        _exiger_nombre(valeur, "ta réponse")
        if valeur != valeur:  # NaN
            raise ARevoir("ta réponse vaut NaN (pas un nombre).",
                          "une donnée manque ou une division se fait par zéro ; vérifie le calcul.")
        if entier and float(valeur) != int(valeur):
            raise ARevoir(f"ta réponse devrait être un nombre entier, mais elle vaut {valeur}.",
                          "on compte ici des unités entières (personnes, jours, ventes).")
        if minimum is not None and valeur < minimum:
            raise ARevoir(f"ta réponse vaut {valeur}, c'est moins que {minimum}, impossible ici.",
                          "relis l'énoncé : un signe ou une soustraction est peut-être inversé.")
        if maximum is not None and valeur > maximum:
            raise ARevoir(f"ta réponse vaut {valeur}, c'est plus que {maximum}, impossible ici.",
                          "relis l'énoncé : une unité (%, €, milliers) est peut-être en trop.")

    return controle


def taux() -> Controle:
    """Contrôle : la réponse est un taux écrit en fraction, entre 0 et 1 (0.8 pour 80 %)."""

    def controle(valeur):
        _exiger_nombre(valeur, "ton taux")
        if valeur < 0:
            raise ARevoir(f"ton taux vaut {valeur} : un taux ne peut pas être négatif.",
                          "vérifie l'ordre de la division (la partie divisée par le tout).")
        if valeur > 1:
            raise ARevoir(f"ton taux vaut {valeur}, plus de 100 %.",
                          "dans ce cours, un taux s'écrit en fraction : écris 0.8 pour 80 %.")  # typographie : telle quelle

    return controle


def texte(*, longueur_min: int = 1) -> Controle:
    """Contrôle : la réponse est un texte non vide (d'au moins ``longueur_min`` caractères)."""

    def controle(valeur):
        if not isinstance(valeur, str):
            raise ARevoir(f"ta réponse devrait être un texte entre guillemets, mais c'est "
                          f"{_decrire(valeur)} ({type(valeur).__name__}).",
                          'mets ta réponse entre guillemets : `"…"`.')
        if len(valeur.strip()) < longueur_min:
            raise ARevoir(f"ton texte est trop court ({len(valeur.strip())} caractères).",
                          f"écris au moins {longueur_min} caractères.")

    return controle


def parmi(*choix: str) -> Controle:
    """Contrôle de forme d'une question à choix : la réponse est l'une des valeurs permises."""

    def controle(valeur):
        if valeur not in choix:
            permis = ", ".join(repr(c) for c in choix)
            raise ARevoir(f"ta réponse {_decrire(valeur)} n'est pas l'un des choix permis.",
                          f"choisis parmi {permis} (avec les guillemets).")

    # Few possible answers: no catalogue of typical mistakes (elimination would give it away).
    controle.nombre_de_choix = len(choix)
    return controle


def liste(*, de: type | tuple | None = None, longueur: int | None = None,
          longueur_min: int = 1, sans_doublon: bool = False) -> Controle:
    """Contrôle : la réponse est une liste (de ``de``), de la longueur demandée, sans doublon."""

    def controle(valeur):
        if not isinstance(valeur, list):
            raise ARevoir(f"ta réponse devrait être une liste, mais c'est un objet de type "
                          f"{type(valeur).__name__} ({_decrire(valeur)}).",
                          "une liste s'écrit entre crochets : `[\"a\", \"b\"]`.")
        if longueur is not None and len(valeur) != longueur:
            raise ARevoir(f"ta liste a {len(valeur)} élément(s), l'énoncé en demande {longueur}.",
                          "relis l'énoncé et compte les éléments demandés.")
        if len(valeur) < longueur_min:
            raise ARevoir("ta liste est vide." if not valeur else
                          f"ta liste a {len(valeur)} élément(s), il en faut au moins {longueur_min}.",
                          "ajoute les éléments demandés entre les crochets.")
        if de is not None:
            types = de if isinstance(de, tuple) else (de,)
            for position, element in enumerate(valeur, start=1):
                # bool is a subclass of int: True is not accepted where numbers are asked.
                if not isinstance(element, types) or (isinstance(element, bool)
                                                      and bool not in types):
                    raise ARevoir(f"l'élément n° {position} de ta liste ({_decrire(element)}) "
                                  f"n'a pas le bon type.",
                                  "tous les éléments doivent être du même genre (tous des textes, "
                                  "ou tous des nombres).")
        if sans_doublon and len(set(map(repr, valeur))) != len(valeur):
            raise ARevoir("ta liste contient un doublon.", "chaque élément ne doit y être qu'une fois.")

    return controle


def dictionnaire(*, cles: Iterable | None = None, valeurs: Controle | None = None) -> Controle:
    """Contrôle : la réponse est un dictionnaire avec exactement les clés ``cles``.

    ``valeurs`` (facultatif) est un contrôle appliqué à chaque valeur.
    """
    cles_attendues = list(cles) if cles is not None else None

    def controle(valeur):
        if not isinstance(valeur, dict):
            raise ARevoir(f"ta réponse devrait être un dictionnaire, mais c'est un objet de type "
                          f"{type(valeur).__name__}.",
                          "un dictionnaire s'écrit entre accolades : `{\"Léa\": 15}`.")
        if cles_attendues is not None:
            manquantes = [c for c in cles_attendues if c not in valeur]
            en_trop = [c for c in valeur if c not in cles_attendues]
            if manquantes:
                raise ARevoir(f"il manque la clé {manquantes[0]!r} dans ton dictionnaire.",
                              "vérifie l'orthographe et les majuscules des clés (accents compris).")
            if en_trop:
                raise ARevoir(f"la clé {en_trop[0]!r} n'est pas attendue dans ton dictionnaire.",
                              "garde seulement les clés demandées par l'énoncé.")
        if valeurs is not None:
            for cle, v in valeur.items():
                try:
                    valeurs(v)
                except ARevoir as issue:
                    raise ARevoir(f"pour la clé {cle!r}, {issue.message}", issue.indice) from None

    return controle


def tableau(*, colonnes: Iterable[str] = (), lignes_min: int = 1) -> Controle:
    """Contrôle : la réponse est un tableau pandas (DataFrame) avec ces colonnes et assez de lignes."""
    colonnes = list(colonnes)

    def controle(valeur):
        import pandas as pd

        if not isinstance(valeur, pd.DataFrame):
            raise ARevoir(f"ta réponse devrait être un tableau (DataFrame), mais c'est un objet de "
                          f"type {type(valeur).__name__}.",
                          "construis-le avec `pd.DataFrame(...)` ou par un filtre sur un tableau.")
        manquantes = [c for c in colonnes if c not in valeur.columns]
        if manquantes:
            raise ARevoir(f"il manque la colonne {manquantes[0]!r} à ton tableau "
                          f"(colonnes présentes : {', '.join(map(str, valeur.columns))}).",
                          "vérifie l'orthographe du nom de colonne, sans accent ni espace.")
        if len(valeur) < lignes_min:
            raise ARevoir(f"ton tableau a {len(valeur)} ligne(s), il en faut au moins {lignes_min}.",
                          "ton filtre est peut-être trop strict : affiche le tableau pour voir.")

    return controle


def fonction(*, exemples: Iterable[tuple] = (), renvoie: type | tuple | None = None) -> Controle:
    """Contrôle : la réponse est une fonction qui, sur ces ``exemples`` d'arguments, renvoie
    une valeur du type ``renvoie`` (la justesse des valeurs est jugée par les tests cachés)."""
    exemples = list(exemples)

    def controle(valeur):
        if not callable(valeur):
            raise ARevoir("ta réponse devrait être une fonction (écrite avec `def`).",
                          "garde la ligne `def …:` du modèle et écris le corps en dessous.")
        for arguments in exemples:
            resultat = valeur(*arguments)
            if resultat is None:
                raise ARevoir(f"ta fonction appelée avec {_decrire(arguments)} ne renvoie rien.",
                              "as-tu oublié le `return` ?")
            if renvoie is not None and (not isinstance(resultat, renvoie)
                                        or isinstance(resultat, bool)):
                raise ARevoir(f"ta fonction appelée avec {_decrire(arguments)} renvoie "
                              f"{_decrire(resultat)}, qui n'a pas le type attendu.",
                              "vérifie ce que tu mets après `return`.")

    return controle
