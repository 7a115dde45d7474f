"""Les questions à choix des exercices : choix unique, choix multiple, association.

Un quiz décrit ses questions et les valeurs permises, **jamais les bonnes réponses** : le corrigé
vit seulement dans les tests cachés de l'exercice. La réponse notée est toujours un dictionnaire
écrit dans une cellule de code (la correction relance le notebook ; l'état d'un widget ne compte
pas) ::

    from obm.quiz import Quiz, choix_unique, choix_multiple, association

    quiz_role = Quiz("reponses_quiz", [
        choix_unique("q1", "Quels sont les quatre domaines de l'OBM ?",
                     {"a": "…", "b": "…", "c": "…"}, a_relire="Les quatre domaines de l'OBM"),
        choix_multiple("q2", "…", {"a": "…", "b": "…", "c": "…"}, a_relire="…"),
        association("q3", "…", {"plan": "Le plan du lancement", …},
                    ["projets", "operations", "equipe", "metrics"], a_relire="…"),
    ])
    quiz_role.modele()            # affiche le dictionnaire à recopier, valeurs permises en commentaire
    quiz_role.verifier("q1")      # contrôle la forme de la réponse à Q1 (jamais sa justesse)

Les réponses attendues : une valeur (``"b"``) pour un choix unique ; une liste de valeurs
(``["a", "c"]``, au moins une) pour un choix multiple ; un dictionnaire ``{élément: étiquette}``
avec exactement les éléments de la question pour une association. ``...`` veut dire « pas
encore répondu ». Une valeur écrite sans ses accents (``"equipe"`` pour ``"équipe"``) est
acceptée : c'est la même réponse.

Dans une leçon (jamais dans un exercice noté), :meth:`Quiz.corriger` compare les réponses
d'entraînement à une correction écrite dans la leçon, et nomme l'idée fausse de chaque erreur.
"""

from __future__ import annotations

import html
import inspect
import json
import keyword
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from obm.erreurs import DonneesInvalides

SANS_REPONSE = ...  # ce que le modèle met à la place d'une réponse
_ABSENT = object()


def _sans_accents(texte: str) -> str:
    """The text without its accents (« équipe » → « equipe »); case is kept."""
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


def _valeur_permise(valeur, permises: tuple[str, ...]) -> str | None:
    """The allowed value that ``valeur`` stands for (accents aside), or ``None``."""
    if type(valeur) is not str:
        return None
    if valeur in permises:
        return valeur
    for permise in permises:
        if _sans_accents(permise) == _sans_accents(valeur):
            return permise
    return None


def _paires(valeurs, quoi: str, question: str) -> tuple[tuple[str, str], ...]:
    """(value, label) pairs from a dict {value: label} or a sequence of values (no label)."""
    if isinstance(valeurs, Mapping):
        paires = tuple((str(v), str(l)) for v, l in valeurs.items())
        brutes = list(valeurs)
    elif isinstance(valeurs, (str, bytes)) or not isinstance(valeurs, Iterable):
        raise DonneesInvalides(f"Question {question} : {quoi} doit être une liste de valeurs ou un "
                               'dictionnaire {valeur: libellé}, par exemple {"a": "…", "b": "…"}.')
    else:
        brutes = list(valeurs)
        paires = tuple((str(v), "") for v in brutes)
    if not all(isinstance(v, str) and v.strip() == v and v for v in brutes):
        raise DonneesInvalides(f"Question {question} : chaque valeur de {quoi} doit être un texte "
                               "non vide, sans espace au début ni à la fin.")
    if len({v for v, _ in paires}) != len(paires):
        raise DonneesInvalides(f"Question {question} : {quoi} contient deux fois la même valeur.")
    return paires


def _exiger_question(ident: str, enonce: str, a_relire: str) -> None:
    if not (isinstance(ident, str) and ident.isidentifier() and ident.isascii()):
        raise DonneesInvalides(f"L'identifiant de question {ident!r} doit être un mot ASCII sans "
                               'espace, par exemple "q1".')
    if not (isinstance(enonce, str) and enonce.strip()):
        raise DonneesInvalides(f"Question {ident} : l'énoncé est vide.")
    if not (isinstance(a_relire, str) and a_relire.strip()):
        raise DonneesInvalides(f"Question {ident} : indique l'idée de la leçon à relire "
                               "(a_relire=\"…\"), c'est ce que dira le retour en cas d'erreur.")


@dataclass(frozen=True)
class ChoixUnique:
    """Une question à une seule réponse : une valeur parmi ``valeurs``."""

    id: str
    enonce: str
    choix: tuple[tuple[str, str], ...]  # (valeur, libellé) ; libellé "" si la valeur se suffit
    a_relire: str

    @property
    def valeurs(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.choix)

    @property
    def compacte(self) -> bool:
        """Vrai si les valeurs se suffisent (« OBM », « AV »…) : pas de libellés à lire."""
        return not any(libelle for _, libelle in self.choix)


@dataclass(frozen=True)
class ChoixMultiple:
    """Une question à plusieurs réponses : une liste d'au moins une valeur parmi ``valeurs``."""

    id: str
    enonce: str
    choix: tuple[tuple[str, str], ...]
    a_relire: str

    @property
    def valeurs(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.choix)


@dataclass(frozen=True)
class Association:
    """Une question d'association : chaque élément reçoit une étiquette parmi ``etiquettes``."""

    id: str
    enonce: str
    elements: tuple[tuple[str, str], ...]  # (clé, libellé)
    etiquettes: tuple[tuple[str, str], ...]
    a_relire: str

    @property
    def cles(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.elements)

    @property
    def valeurs(self) -> tuple[str, ...]:
        return tuple(e for e, _ in self.etiquettes)


Question = ChoixUnique | ChoixMultiple | Association


def choix_unique(id: str, enonce: str, choix, *, a_relire: str) -> ChoixUnique:
    """Une question à une seule réponse.

    ``choix`` : un dictionnaire ``{"a": "libellé", "b": "libellé"}`` (choix à lettres) ou une
    liste de valeurs qui se suffisent (``["OBM", "AV", "autre"]``). ``a_relire`` : l'idée de la
    leçon que le retour conseillera de relire si la réponse est fausse.
    """
    _exiger_question(id, enonce, a_relire)
    paires = _paires(choix, "choix", id)
    if len(paires) < 2:
        raise DonneesInvalides(f"Question {id} : il faut au moins deux choix.")
    return ChoixUnique(id, enonce.strip(), paires, a_relire.strip())


def choix_multiple(id: str, enonce: str, choix, *, a_relire: str) -> ChoixMultiple:
    """Une question à plusieurs réponses : la réponse est une liste d'au moins une valeur.

    ``choix`` : un dictionnaire ``{"a": "libellé", …}`` ; ``a_relire`` : l'idée de la leçon à relire.
    """
    _exiger_question(id, enonce, a_relire)
    paires = _paires(choix, "choix", id)
    if len(paires) < 2:
        raise DonneesInvalides(f"Question {id} : il faut au moins deux choix.")
    return ChoixMultiple(id, enonce.strip(), paires, a_relire.strip())


def association(id: str, enonce: str, elements, etiquettes, *, a_relire: str) -> Association:
    """Une question d'association : chaque élément reçoit une étiquette.

    ``elements`` : un dictionnaire ``{clé: libellé}`` (la clé est ce que l'apprenante écrit,
    le libellé ce qu'elle lit) ; ``etiquettes`` : la liste des étiquettes permises
    (``["projets", "operations", "equipe", "metrics"]``). Une étiquette peut servir plusieurs fois.
    """
    _exiger_question(id, enonce, a_relire)
    paires_elements = _paires(elements, "elements", id)
    paires_etiquettes = _paires(etiquettes, "etiquettes", id)
    if not paires_elements or len(paires_etiquettes) < 2:
        raise DonneesInvalides(f"Question {id} : il faut au moins un élément et deux étiquettes.")
    return Association(id, enonce.strip(), paires_elements, paires_etiquettes, a_relire.strip())


@dataclass(frozen=True)
class Probleme:
    """Ce qui ne va pas dans la réponse à une question.

    ``manque`` est vrai quand la question n'a pas encore de réponse (``...``) ; sinon, c'est la
    forme de la réponse qui ne convient pas. ``message`` et ``indice`` sont en français.
    """

    question: str
    manque: bool
    message: str
    indice: str


def _q(ident: str) -> str:
    return ident.upper()


def _guillemets(valeur: str) -> str:
    return json.dumps(valeur, ensure_ascii=False)


def _ou(valeurs: Iterable[str]) -> str:
    valeurs = [_guillemets(v) for v in valeurs]
    return valeurs[0] if len(valeurs) == 1 else ", ".join(valeurs[:-1]) + " ou " + valeurs[-1]


def _liste(valeurs: Iterable[str]) -> str:
    return ", ".join(_guillemets(v) for v in valeurs)


def _decrire(valeur) -> str:
    texte = _guillemets(valeur) if isinstance(valeur, str) else repr(valeur)
    return texte if len(texte) <= 40 else texte[:37] + "…"


def _probleme_valeur(valeur, permises: tuple[str, ...], ou: str) -> tuple[str, str] | None:
    """(message, hint) if ``valeur`` is not one of ``permises``; ``ou`` names where (« Q3 »)."""
    if _valeur_permise(valeur, permises) is not None:
        return None
    message = f"{ou} : choisis {_ou(permises)}"
    if isinstance(valeur, str):
        proches = [p for p in permises
                   if _sans_accents(p).casefold() == _sans_accents(valeur.strip()).casefold()]
        if proches:
            indice = ("respecte les majuscules et n'ajoute pas d'espace : écris "
                      f"{_guillemets(proches[0])}.")
            return message + f" (tu as écrit {_guillemets(valeur)}).", indice
        return (message + f" (tu as écrit {_guillemets(valeur)}, qui n'est pas un choix permis).",
                "recopie l'une des valeurs permises, entre guillemets.")
    if isinstance(valeur, (list, tuple, set)) and len(valeur) == 1:
        (seule,) = tuple(valeur)
        if isinstance(seule, str) and seule in permises:
            return (message + " : une seule réponse, sans crochets.",
                    f"enlève les crochets : écris {_guillemets(seule)}, pas [{_guillemets(seule)}].")
    if isinstance(valeur, (list, tuple, set, dict)):
        return (message + " : une seule réponse est attendue.",
                "garde une seule valeur, entre guillemets, sans crochets.")
    return (message + f" (tu as écrit {_decrire(valeur)}, qui n'est pas un texte).",
            "mets la valeur choisie entre guillemets.")


class Quiz:
    """Un ensemble de questions à choix, dont la réponse est le dictionnaire ``variable``.

    Le quiz connaît les questions, les valeurs permises et l'idée à relire pour chacune ; il ne
    connaît pas les bonnes réponses. ``modele()`` affiche le dictionnaire à recopier,
    ``verifier()`` contrôle la forme de la réponse (pas encore fait, à revoir, réussi).
    """

    def __init__(self, variable: str, questions: Iterable[Question]):
        if not (isinstance(variable, str) and variable.isidentifier() and variable.isascii()
                and not keyword.iskeyword(variable)):
            raise DonneesInvalides(f"Le nom de variable {variable!r} ne convient pas : écris un nom "
                                   'Python en minuscules, par exemple "reponses_quiz".')
        self.variable = variable
        self.questions: tuple[Question, ...] = tuple(questions)
        if not self.questions:
            raise DonneesInvalides("Un quiz a besoin d'au moins une question.")
        for question in self.questions:
            if not isinstance(question, (ChoixUnique, ChoixMultiple, Association)):
                raise DonneesInvalides("Les questions d'un quiz se créent avec choix_unique(), "
                                       "choix_multiple() ou association().")
        ids = [q.id for q in self.questions]
        doublons = sorted({i for i in ids if ids.count(i) > 1})
        if doublons:
            raise DonneesInvalides(f"Deux questions du quiz ont l'identifiant {doublons[0]!r}.")

    def __repr__(self) -> str:
        return f"Quiz({self.variable!r}, {len(self.questions)} questions : {', '.join(self.ids)})"

    @property
    def ids(self) -> tuple[str, ...]:
        """Les identifiants des questions, dans l'ordre (``("q1", "q2", …)``)."""
        return tuple(q.id for q in self.questions)

    def question(self, ident: str) -> Question:
        """La question d'identifiant ``ident``."""
        for question in self.questions:
            if question.id == ident:
                return question
        raise DonneesInvalides(f"Ce quiz n'a pas de question {ident!r} ; ses questions : "
                               f"{', '.join(self.ids)}.")

    # --- Le modèle à recopier -----------------------------------------------------------------

    def modele(self) -> None:
        """Affiche le dictionnaire à recopier dans la cellule de réponse, valeurs permises en
        commentaire. Remplace chaque ``...`` par ta réponse."""
        print(self.texte_modele())

    def texte_modele(self, reponses: Mapping | None = None) -> str:
        """Le code du dictionnaire de réponses ; avec ``reponses``, les valeurs déjà choisies
        remplacent les ``...`` (c'est ce que le questionnaire à cliquer te fait coller)."""
        reponses = reponses or {}
        lignes = [f"{self.variable} = {{"]
        entete_courant = None
        for question in self.questions:
            valeur = reponses.get(question.id, SANS_REPONSE)
            if isinstance(question, ChoixUnique) and question.compacte:
                entete = f"    # Réponds par {_ou(question.valeurs)} :"
                if entete != entete_courant:
                    lignes.append(entete)
                    entete_courant = entete
                lignes.append(f'    {_guillemets(question.id)}: {_litteral(valeur)},'
                              f"  # {question.enonce}")
                continue
            entete_courant = None
            lignes.extend(_commentaire(f"{_q(question.id)} · {question.enonce}", "    # "))
            if isinstance(question, Association):
                lignes.append(f"    {_guillemets(question.id)}: {{  # pour chaque élément : "
                              f"{_ou(question.valeurs)}")
                choisies = valeur if isinstance(valeur, Mapping) else {}
                for cle, libelle in question.elements:
                    lignes.append(f"        {_guillemets(cle)}: "
                                  f"{_litteral(choisies.get(cle, SANS_REPONSE))},  # {libelle}")
                lignes.append("    },")
                continue
            for lettre, libelle in question.choix:
                if libelle:
                    lignes.extend(_commentaire(f"{lettre} · {libelle}", "    #   ", suite="    #       "))
            if isinstance(question, ChoixMultiple):
                consigne = f"une liste parmi {_liste(question.valeurs)} (au moins une)"
            else:
                consigne = f"une seule réponse : {_ou(question.valeurs)}"
            lignes.append(f"    {_guillemets(question.id)}: {_litteral(valeur)},  # {consigne}")
        lignes.append("}")
        return "\n".join(lignes)

    def canonique(self, ident: str, valeur):
        """La réponse à la question ``ident`` écrite sous sa forme de référence : valeurs permises
        avec leurs accents, lettres d'un choix multiple dans l'ordre. Une réponse mal formée est
        rendue telle quelle."""
        question = self.question(ident)
        if isinstance(question, ChoixUnique):
            permise = _valeur_permise(valeur, question.valeurs)
            return valeur if permise is None else permise
        if isinstance(question, ChoixMultiple):
            if not isinstance(valeur, (list, tuple, set, frozenset)):
                return valeur
            permises = [_valeur_permise(e, question.valeurs) for e in valeur]
            return valeur if None in permises else sorted(set(permises))
        if not isinstance(valeur, dict):
            return valeur
        return {cle: self.canonique_element(ident, v) for cle, v in valeur.items()}

    def canonique_element(self, ident: str, valeur):
        """L'étiquette d'association que ``valeur`` désigne (accents à part), ou ``valeur``."""
        question = self.question(ident)
        permise = _valeur_permise(valeur, question.valeurs)
        return valeur if permise is None else permise

    def _vue(self, reponses, questions: tuple[str, ...]):
        """What a check fingerprints: only the questions it checks, each in its reference form,
        so that a typical mistake on Q2 is recognised whatever the answers to Q1 or Q4, and a
        right answer written without accents or in another order is the same answer."""
        if not isinstance(reponses, dict):
            return reponses
        vue = {}
        for cle, valeur in reponses.items():
            if questions and cle not in questions:
                continue
            vue[cle] = self.canonique(cle, valeur) if cle in self.ids else valeur
        return vue

    # --- La forme des réponses ----------------------------------------------------------------

    def problemes(self, reponses, *questions: str) -> list[Probleme]:
        """Ce qui ne va pas dans la **forme** de ``reponses`` (liste vide si tout va bien).

        ``questions`` limite le contrôle à ces identifiants (par défaut : toutes). Ne juge jamais
        la justesse des réponses.
        """
        ids = questions or self.ids
        for ident in ids:
            self.question(ident)  # an unknown id is an author's mistake: say it now
        if reponses is SANS_REPONSE:
            return [Probleme(i, True, f"{_q(i)} : pas encore répondu.", "") for i in ids]
        if not isinstance(reponses, dict):
            return [Probleme(
                "", False,
                f"`{self.variable}` doit être un dictionnaire {{question: réponse}}, mais c'est "
                f"un objet de type {type(reponses).__name__}.",
                "recopie le modèle affiché plus haut (il commence par "
                f"`{self.variable} = {{`), puis remplace chaque `...` par ta réponse.")]
        inconnues = [c for c in reponses if c not in self.ids]
        if inconnues:
            return [Probleme(
                "", False,
                f"la clé {_decrire(inconnues[0])} n'est pas une question de ce quiz "
                f"(questions : {', '.join(self.ids)}).",
                "garde les clés du modèle telles quelles, en minuscules et entre guillemets.")]
        trouves = []
        for ident in ids:
            question = self.question(ident)
            if ident not in reponses:
                trouves.append(Probleme(
                    ident, False, f"{_q(ident)} manque dans `{self.variable}`.",
                    f"recopie la ligne {_guillemets(ident)} du modèle et remplace `...` par ta réponse."))
            else:
                trouves.extend(_controler(question, reponses[ident]))
        return trouves

    def controler(self, *questions: str, nom: str | None = None, espace: dict | None = None):
        """Comme :meth:`verifier`, mais renvoie le résultat (``obm.verifier.Resultat``) sans
        l'afficher."""
        from obm import verifier as v  # the learner-facing outcomes live in the verifier layer

        for ident in questions:
            self.question(ident)  # an unknown id is the author's mistake, not the learner's
        if espace is None:
            cadre = inspect.currentframe().f_back
            try:
                espace = cadre.f_globals
            finally:
                del cadre

        brute = espace.get(self.variable, _ABSENT)

        def controle(_vue):
            # The form is judged on the whole answer (an unknown key is worth saying), while the
            # fingerprint only sees the questions checked here (see _vue).
            trouves = self.problemes(brute, *questions)
            a_revoir = [p for p in trouves if not p.manque]
            if a_revoir:
                p = a_revoir[0]
                autres = list(dict.fromkeys(_q(x.question) for x in a_revoir[1:]
                                            if x.question and x.question != p.question))
                suite = f" À revoir aussi : {', '.join(autres)}." if autres else ""
                raise v.ARevoir(p.message + suite, p.indice)
            if trouves:
                restantes = ", ".join(dict.fromkeys(_q(p.question) for p in trouves))
                raise v.PasEncoreFait(f"il te reste à répondre à : {restantes}.",
                                      "remplace chaque `...` par ta réponse, exécute la cellule de "
                                      "réponse, puis cette vérification.")

        if nom is None:
            nom = self.variable if not questions else f"{self.variable} · " + ", ".join(
                _q(i) for i in questions)
        # A quiz has few possible answers per question: no catalogue of typical mistakes.
        vue = {} if brute is _ABSENT else {self.variable: self._vue(brute, questions)}
        resultat = v.controler(nom, self.variable, controle, espace=vue, catalogue=False)
        if resultat.statut == v.FORME_CORRECTE and questions:
            # Say which questions passed: the rest of the answer may still be unfinished.
            resultat = v.Resultat(nom, v.FORME_CORRECTE, f"la forme de ta réponse à "
                                  f"{', '.join(_q(i) for i in questions)} est correcte ; la "
                                  "justesse sera vue à la correction.", None, resultat.empreinte)
        return resultat

    def verifier(self, *questions: str, nom: str | None = None, espace: dict | None = None) -> None:
        """Vérifie la forme de ta réponse et affiche le résultat (pas encore fait, à revoir, réussi).

        La réponse est lue dans la variable du quiz (par exemple ``reponses_quiz``) : si elle
        n'existe pas encore, tu lis « pas encore fait », jamais une erreur. ``questions`` limite
        le contrôle à certaines questions (``quiz.verifier("q3")``) ; ``nom`` est le nom de la
        vérification (par défaut, celui de la variable). La justesse n'est jamais jugée ici :
        ce sont les tests de correction qui la jugent.
        """
        from obm import verifier as v

        if espace is None:
            cadre = inspect.currentframe().f_back
            try:
                espace = cadre.f_globals
            finally:
                del cadre
        v.afficher(self.controler(*questions, nom=nom, espace=espace))

    # --- La correction d'un entraînement (leçons seulement) ------------------------------------

    def corriger(self, corrige: Mapping, *, espace: dict | None = None) -> "CorrectionEntrainement":
        """Pour une leçon seulement : compare tes réponses d'entraînement à la correction.

        ``corrige`` donne, pour chaque question, la bonne réponse, sa raison, et pour les
        erreurs typiques l'idée fausse qu'elles révèlent ::

            {"e2": {"reponse": "AV", "pourquoi": "…",
                    "erreurs": {"OBM": "Tu as pris l'exécution d'un plan pour du pilotage…"}}}

        Les réponses sont lues dans la variable du quiz (``reponses_essai``) ; une question sans
        réponse est « pas encore répondue », jamais une erreur. Dans un exercice noté, la
        correction n'est jamais dans le notebook : ce sont les tests cachés qui la portent.
        """
        lignes_corrige = self._lire_corrige(corrige)
        if espace is None:
            cadre = inspect.currentframe().f_back
            try:
                espace = cadre.f_globals
            finally:
                del cadre
        reponses = espace.get(self.variable, SANS_REPONSE)
        if not isinstance(reponses, dict):
            reponses = {}
        lignes = []
        for ident, attendue, pourquoi, erreurs in lignes_corrige:
            question = self.question(ident)
            valeur = reponses.get(ident, SANS_REPONSE)
            if valeur is SANS_REPONSE or (isinstance(valeur, dict) and SANS_REPONSE in valeur.values()):
                lignes.append(LigneCorrection(ident, "pas_encore_fait", "", ""))
                continue
            choisie = self.canonique(ident, valeur)
            if choisie == self.canonique(ident, attendue):
                lignes.append(LigneCorrection(ident, "juste", f"{_citer(attendue)} : {pourquoi}", ""))
                continue
            idee_fausse = erreurs.get(choisie, "") if isinstance(choisie, str) else ""
            message = f"tu as répondu {_citer(valeur)}."
            if idee_fausse:
                message += f" {idee_fausse}"
            lignes.append(LigneCorrection(
                ident, "a_revoir", message,
                f"Il fallait {_citer(attendue)} : {pourquoi} Relis « {question.a_relire} »."))
        return CorrectionEntrainement(tuple(lignes))

    def _lire_corrige(self, corrige) -> list[tuple[str, object, str, dict]]:
        """The author's correction, checked: known ids, allowed values, a reason for each."""
        if not isinstance(corrige, Mapping) or not corrige:
            raise DonneesInvalides("La correction d'un entraînement est un dictionnaire "
                                   '{question: {"reponse": …, "pourquoi": "…"}}.')
        lignes = []
        for ident, entree in corrige.items():
            question = self.question(ident)
            if not isinstance(entree, Mapping) or "reponse" not in entree or not str(
                    entree.get("pourquoi", "")).strip():
                raise DonneesInvalides(f"Correction de {ident} : donne la réponse (\"reponse\") et "
                                       "sa raison (\"pourquoi\").")
            attendue = entree["reponse"]
            if _controler(question, attendue):
                raise DonneesInvalides(f"Correction de {ident} : la réponse {_litteral(attendue)} "
                                       "n'a pas la forme d'une réponse permise.")
            erreurs = dict(entree.get("erreurs", {}))
            for fausse in erreurs:
                if not isinstance(question, ChoixUnique) or _valeur_permise(
                        fausse, question.valeurs) in (None, attendue):
                    raise DonneesInvalides(f"Correction de {ident} : l'erreur {fausse!r} n'est pas "
                                           "une autre valeur permise de cette question.")
            lignes.append((ident, attendue, str(entree["pourquoi"]).strip(), erreurs))
        return lignes

    # --- L'affichage des questions ------------------------------------------------------------

    def _repr_markdown_(self) -> str:
        blocs = []
        compactes: list[ChoixUnique] = []

        def vider():
            if compactes:
                lignes = [f"Réponds par {_ou(compactes[0].valeurs)} pour chaque ligne :", "",
                          "| clé | énoncé |", "|---|---|"]
                lignes += [f"| `{q.id}` | {q.enonce} |" for q in compactes]
                blocs.append("\n".join(lignes))
                compactes.clear()

        for question in self.questions:
            if isinstance(question, ChoixUnique) and question.compacte and (
                    not compactes or compactes[0].valeurs == question.valeurs):
                compactes.append(question)
                continue
            vider()
            if isinstance(question, ChoixUnique) and question.compacte:
                compactes.append(question)
                continue
            if isinstance(question, Association):
                consigne = f"une étiquette par élément : {_ou(question.valeurs)}"
                lignes = [f"**{_q(question.id)}.** {question.enonce} *({consigne})*", "",
                          "| clé | élément |", "|---|---|"]
                lignes += [f"| `{c}` | {l} |" for c, l in question.elements]
            else:
                consigne = ("une ou plusieurs réponses" if isinstance(question, ChoixMultiple)
                            else "une seule réponse")
                lignes = [f"**{_q(question.id)}.** {question.enonce} *({consigne})*", ""]
                lignes += [f"- **{v}** · {l}" if l else f"- **{v}**" for v, l in question.choix]
            blocs.append("\n".join(lignes))
        vider()
        return "\n\n".join(blocs)


@dataclass(frozen=True)
class LigneCorrection:
    """Une question corrigée d'un entraînement : son statut (``pas_encore_fait``, ``juste``,
    ``a_revoir``), le message, et pour une erreur ce qu'il fallait répondre et pourquoi."""

    question: str
    statut: str
    message: str
    explication: str


# Status -> (icon, word, text colour, background): the same look as the exercises' checks, and
# never the colour alone (an icon and a word on every line).
_ALLURE = {
    "pas_encore_fait": ("⏳", "Pas encore répondu", "#6b5400", "#fff8e1"),
    "a_revoir": ("🔁", "À revoir", "#a1221b", "#fdecea"),
    "juste": ("✅", "Juste", "#1b6b2a", "#e8f5e9"),
}


@dataclass(frozen=True)
class CorrectionEntrainement:
    """La correction d'un entraînement de leçon, une ligne par question."""

    lignes: tuple[LigneCorrection, ...]

    @property
    def justes(self) -> int:
        return sum(1 for l in self.lignes if l.statut == "juste")

    def _repr_pretty_(self, p, cycle) -> None:  # the text view in IPython
        p.text(str(self))

    def __str__(self) -> str:
        textes = []
        for l in self.lignes:
            icone, mot, _, _ = _ALLURE[l.statut]
            texte = f"{icone} {mot} · {_q(l.question)}" + (f" · {l.message}" if l.message else "")
            textes.append(texte + (f" {l.explication}" if l.explication else ""))
        return "\n".join(textes)

    def _repr_html_(self) -> str:
        blocs = []
        for l in self.lignes:
            icone, mot, couleur, fond = _ALLURE[l.statut]
            explication = (f'<div style="margin-top:2px">{html.escape(l.explication)}</div>'
                           if l.explication else "")
            blocs.append(
                f'<div role="listitem" class="obm-correction obm-{l.statut}" '
                f'style="border-left:5px solid {couleur};background:{fond};padding:4px 10px;'
                f'margin:3px 0;color:#222"><b style="color:{couleur}">{icone} {mot}</b> · '
                f"<b>{html.escape(_q(l.question))}</b>"
                + (f" · {html.escape(l.message)}" if l.message else "") + f"{explication}</div>")
        return f'<div role="list" aria-label="Correction de l\'entraînement">{"".join(blocs)}</div>'


def _controler(question: Question, valeur) -> list[Probleme]:
    ident = question.id
    if valeur is SANS_REPONSE:
        return [Probleme(ident, True, f"{_q(ident)} : pas encore répondu.", "")]
    if isinstance(question, ChoixUnique):
        erreur = _probleme_valeur(valeur, question.valeurs, _q(ident))
        return [Probleme(ident, False, *erreur)] if erreur else []
    if isinstance(question, ChoixMultiple):
        return _controler_multiple(question, valeur)
    return _controler_association(question, valeur)


def _controler_multiple(question: ChoixMultiple, valeur) -> list[Probleme]:
    ident, permises = question.id, question.valeurs
    liste_permises = _liste(permises)
    consigne = f"{_q(ident)} : écris une liste de lettres parmi {liste_permises}"
    if isinstance(valeur, str):
        morceaux = [m for m in valeur.replace(",", " ").split() if m]
        if len(morceaux) == 1 and len(morceaux[0]) > 1 and all(c in permises for c in morceaux[0]):
            morceaux = list(morceaux[0])  # "ac" written for ["a", "c"]
        exemple = "[" + ", ".join(_guillemets(m) for m in morceaux) + "]" if morceaux else '["…"]'
        return [Probleme(ident, False, consigne + f" (tu as écrit le texte {_guillemets(valeur)}).",
                         f"plusieurs réponses sont possibles : mets chaque lettre entre guillemets, "
                         f"dans une liste entre crochets, même s'il n'y en a qu'une : {exemple}.")]
    if not isinstance(valeur, (list, tuple, set, frozenset)):
        return [Probleme(ident, False, consigne + f" (tu as écrit {_decrire(valeur)}).",
                         'une liste s\'écrit entre crochets : ["…", "…"].')]
    elements = list(valeur)
    if not elements:
        return [Probleme(ident, False, consigne + " : ta liste est vide.",
                         "garde au moins une lettre : celle ou celles qui te semblent justes.")]
    for element in elements:
        if _valeur_permise(element, permises) is not None:
            continue
        message = f"{_q(ident)} : {_decrire(element)} n'est pas un choix permis ; choisis parmi {liste_permises}."
        proches = [p for p in permises if isinstance(element, str)
                   and _sans_accents(p).casefold() == _sans_accents(element.strip()).casefold()]
        indice = (f"respecte les majuscules et n'ajoute pas d'espace : écris {_guillemets(proches[0])}."
                  if proches else "mets chaque lettre choisie entre guillemets, séparées par des virgules.")
        return [Probleme(ident, False, message, indice)]
    canoniques = [_valeur_permise(e, permises) for e in elements]
    doublons = sorted({e for e in canoniques if canoniques.count(e) > 1})
    if doublons:
        return [Probleme(ident, False, f"{_q(ident)} : la lettre {_guillemets(doublons[0])} est "
                         "écrite deux fois.", "garde chaque lettre une seule fois.")]
    return []


def _controler_association(question: Association, valeur) -> list[Probleme]:
    ident = question.id
    if not isinstance(valeur, dict):
        return [Probleme(ident, False,
                         f"{_q(ident)} : écris un dictionnaire {{élément: étiquette}}, mais c'est "
                         f"un objet de type {type(valeur).__name__}.",
                         f"recopie le bloc {_guillemets(ident)} du modèle, entre accolades, et "
                         "remplace chaque `...`.")]
    manquants = [c for c in question.cles if c not in valeur]
    if manquants:
        return [Probleme(ident, False, f"{_q(ident)} : il manque l'élément "
                         f"{_guillemets(manquants[0])}.",
                         "garde toutes les lignes du modèle, avec leurs clés telles quelles.")]
    en_trop = [c for c in valeur if c not in question.cles]
    if en_trop:
        return [Probleme(ident, False, f"{_q(ident)} : {_decrire(en_trop[0])} n'est pas un élément "
                         f"de cette question (éléments : {', '.join(question.cles)}).",
                         "garde les clés du modèle telles quelles.")]
    trouves = []
    restants = [c for c in question.cles if valeur[c] is SANS_REPONSE]
    for cle in question.cles:
        if valeur[cle] is SANS_REPONSE:
            continue
        erreur = _probleme_valeur(valeur[cle], question.valeurs, f"{_q(ident)}, {_guillemets(cle)}")
        if erreur:
            trouves.append(Probleme(ident, False, *erreur))
            break
    if restants:
        trouves.append(Probleme(ident, True, f"{_q(ident)} : il reste à associer "
                                f"{', '.join(_guillemets(c) for c in restants)}.", ""))
    return trouves


def _citer(valeur) -> str:
    """An answer quoted in a French sentence: « AV », « a », « c », or the code of a dict."""
    if isinstance(valeur, str):
        return f"« {valeur} »"
    if isinstance(valeur, (list, tuple, set, frozenset)):
        elements = sorted(valeur) if isinstance(valeur, (set, frozenset)) else list(valeur)
        return ", ".join(_citer(v) for v in elements) if elements else "une liste vide"
    return _litteral(valeur)


def _litteral(valeur) -> str:
    """Python source for an answer: "a", ["a", "c"], ... (double quotes, accents kept)."""
    if valeur is SANS_REPONSE:
        return "..."
    if isinstance(valeur, str):
        return _guillemets(valeur)
    if isinstance(valeur, (list, tuple, set, frozenset)):
        elements = sorted(valeur) if isinstance(valeur, (set, frozenset)) else list(valeur)
        return "[" + ", ".join(_litteral(v) for v in elements) + "]"
    return repr(valeur)


def _commentaire(texte: str, prefixe: str, suite: str | None = None) -> list[str]:
    return textwrap.wrap(texte, width=96, initial_indent=prefixe,
                         subsequent_indent=suite or prefixe) or [prefixe.rstrip()]
