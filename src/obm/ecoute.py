"""L'écoute active (module 08) : reformuler, questionner, remonter à une cause.

Ce module donne à la leçon ses exemples (les quatre reformulations, des questions classées selon
la convention du cours), une aide qui affiche une chaîne de « 5 pourquoi », et le livrable du
module : la banque de questions ouvertes, écrite dans ``livrables/``.

Il ne classe aucune question à ta place : reconnaître une question ouverte ou fermée, c'est ce que
la leçon t'apprend à faire, et ce que l'exercice te demande.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from obm.erreurs import DonneesInvalides, TypeInvalide
from obm.metier import Tableau

NOM_LIVRABLE = "08_banque_de_questions.csv"

# --- Les reformulations (R. Mucchielli) --------------------------------------------------------

TYPES_DE_REFORMULATION = ("écho", "reflet", "synthèse", "clarification")

# type -> (ce qu'elle fait, le piège à éviter)
_CE_QU_ELLE_FAIT = {
    "écho": ("Elle répète un ou deux mots clés, sur un ton de question : la personne développe "
             "d'elle-même.",
             "Répétée trop souvent, elle sonne comme un perroquet : garde-la pour relancer."),
    "reflet": ("Elle redit le même sens avec d'autres mots, sans rien ajouter ni retrancher : la "
               "personne vérifie qu'elle a été comprise.",
               "Ajouter un conseil, un jugement ou une cause : ce n'est plus son message, c'est le tien."),
    "synthèse": ("Elle rassemble les points principaux d'un échange et demande si c'est bien ça : "
                 "elle clôt une partie de l'entretien ou prépare une décision.",
                 "Oublier un point, ou glisser une solution dans le résumé."),
    "clarification": ("Elle nomme ce qui est dit à demi-mot (un sentiment, un besoin), sous forme "
                      "d'hypothèse : la personne peut répondre « non, ce n'est pas ça ».",
                      "L'affirmer comme un diagnostic (« tu es débordée ») : c'est une interprétation "
                      "imposée, plus une écoute."),
}


@dataclass(frozen=True)
class Replique:
    """Une réplique de la leçon et ses quatre reformulations (une par type)."""

    qui: str
    texte: str
    reformulations: dict

    @property
    def titre(self) -> str:
        """La réplique telle que la leçon la cite : « Inès : « … » »."""
        return f"{self.qui} : « {self.texte} »"


REPLIQUES = (
    Replique(
        "Inès",
        "On me demande tout à la dernière minute. Les visuels arrivent la veille au soir, les textes "
        "changent le matin même, et c'est moi qu'on voit publier en retard.",
        {
            "écho": "« À la dernière minute ? »",
            "reflet": "« Si je te suis bien, les demandes t'arrivent trop tard pour que tu puisses "
                      "bien préparer tes publications. »",
            "synthèse": "« Donc trois choses : des visuels reçus la veille au soir, des textes qui "
                        "changent le matin même, et un retard qu'on met à ton compte. C'est bien ça ? »",
            "clarification": "« J'ai l'impression que tu te sens sous pression, et peu prise en compte "
                             "quand on fait le planning. C'est ça ? »",
        },
    ),
    Replique(
        "Clara",
        "Le lancement a marché, les ventes sont là. Mais ces trois semaines, je ne veux plus jamais "
        "les revivre : je répondais aux messages de l'équipe jusqu'à minuit.",
        {
            "écho": "« Plus jamais ? »",
            "reflet": "« Le résultat te satisfait, mais pas la façon dont tu l'as obtenu. »",
            "synthèse": "« Si je résume : des ventes au rendez-vous, trois semaines épuisantes, et "
                        "des messages de l'équipe jusqu'à minuit. C'est bien ça ? »",
            "clarification": "« Ce que j'entends, c'est que tu as eu l'impression de tout porter "
                             "seule. Je me trompe ? »",
        },
    ),
)


def replique(qui: str) -> Replique:
    """La réplique de la leçon dite par ``qui`` (« Inès » ou « Clara »)."""
    for r in REPLIQUES:
        if r.qui == qui:
            return r
    connues = ", ".join(r.qui for r in REPLIQUES)
    raise DonneesInvalides(f"Aucune réplique de « {qui} » dans la leçon : choisis parmi {connues}.")


def ce_que_fait(type_de_reformulation: str) -> tuple[str, str]:
    """Ce que fait une reformulation de ce type, et son piège (deux phrases)."""
    if type_de_reformulation not in _CE_QU_ELLE_FAIT:
        raise DonneesInvalides(
            f"« {type_de_reformulation} » n'est pas un type de reformulation du cours : choisis "
            f"parmi {', '.join(TYPES_DE_REFORMULATION)}.")
    return _CE_QU_ELLE_FAIT[type_de_reformulation]


def reformulations(qui: str = "Inès") -> Tableau:
    """Les quatre reformulations d'une réplique de la leçon, avec ce que chacune fait."""
    r = replique(qui)
    lignes = tuple((t, r.reformulations[t], _CE_QU_ELLE_FAIT[t][0]) for t in TYPES_DE_REFORMULATION)
    return Tableau(("type", "reformulation", "ce qu'elle fait"), lignes, r.titre)


# --- Les questions : la convention du cours ----------------------------------------------------

OUVERTE = "ouverte"
FERMEE = "fermée"

CONVENTION = (
    "Une question se classe d'après la réponse qu'elle appelle, pas d'après sa grammaire. Fermée : "
    "oui ou non, un choix entre des options données, ou un seul fait (un nombre, une date, un nom). "
    "Ouverte : elle invite à développer. Ainsi « Est-ce que tu peux m'expliquer… ? » ou « Peux-tu "
    "me raconter… ? » est ouverte (grammaticalement fermée, elle appelle un récit), alors que "
    "« Est-ce que tu peux me dire combien… ? » reste fermée (elle appelle un fait)."
)

# Les exemples de la leçon : (question, forme selon la convention, remarque).
_EXEMPLES = (
    ("Est-ce que le webinaire t'a plu ?", FERMEE, "oui ou non"),
    ("Qu'est-ce qui t'a le plus marquée pendant le webinaire ?", OUVERTE,
     "« qu'est-ce que » invite à raconter"),
    ("On fait notre point mardi ou jeudi ?", FERMEE,
     "une question alternative : un choix entre deux options données"),
    ("Combien de temps passes-tu sur les stories chaque semaine ?", FERMEE,
     "« combien » appelle un fait : un nombre"),
    ("Est-ce que tu peux m'expliquer comment tu prépares une publication ?", OUVERTE,
     "la convention du cours : elle appelle un récit, pas un oui"),
    ("Est-ce que tu peux me dire quel jour tu publies ?", FERMEE,
     "la même formule polie, mais elle appelle un fait : un jour"),
    ("Pourquoi tu n'as pas publié hier ?", OUVERTE,
     "ouverte, mais elle peut sonner comme un reproche : « qu'est-ce qui a empêché la publication d'hier ? »"),
    ("Tu ne trouves pas que Léa devrait mieux s'organiser ?", FERMEE,
     "fermée, et orientée : elle souffle la réponse (et juge Léa)"),
)


def exemples_de_questions() -> Tableau:
    """Les questions d'exemple de la leçon, classées selon la convention du cours."""
    return Tableau(("question", "forme", "pourquoi"), _EXEMPLES,
                   "Questions ouvertes et fermées : les exemples de la leçon")


# --- Les 5 pourquoi (Ohno, 1978) ---------------------------------------------------------------

@dataclass(frozen=True)
class ChaineDesPourquoi:
    """Un problème et la suite des réponses à « pourquoi ? », affichés comme une chaîne."""

    probleme: str
    causes: tuple

    def __str__(self) -> str:
        lignes = [f"Problème : {self.probleme}"]
        lignes += [f"{i}. Pourquoi ? {c}" for i, c in enumerate(self.causes, start=1)]
        lignes.append(f"→ On s'arrête sur : {self.causes[-1]}")
        return "\n".join(lignes)

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))

    def _repr_markdown_(self) -> str:
        lignes = [f"**Problème** : {self.probleme}", ""]
        lignes += [f"{i}. *Pourquoi ?* {c}" for i, c in enumerate(self.causes, start=1)]
        lignes += ["", f"➡️ **On s'arrête sur** : {self.causes[-1]}"]
        return "\n".join(lignes)


def chaine_des_pourquoi(probleme: str, causes: list) -> ChaineDesPourquoi:
    """Affiche une chaîne de « 5 pourquoi » : le problème, puis chaque réponse à « pourquoi ? ».

    ``causes`` est une liste de textes, de la cause la plus proche du problème à celle où l'on
    s'arrête. Cinq n'est pas un nombre obligatoire : on s'arrête sur la première cause qui tient
    au fonctionnement de l'équipe (une étape, un outil, une règle qui manque) et sur laquelle on
    peut agir. La fonction ne juge pas la chaîne : c'est ton travail.
    """
    if not isinstance(probleme, str) or not probleme.strip():
        raise TypeInvalide("Le problème doit être un texte non vide, entre guillemets.")
    if not isinstance(causes, (list, tuple)) or not causes:
        raise TypeInvalide('Donne les causes dans une liste de textes : ["…", "…"].')
    for numero, cause in enumerate(causes, start=1):
        if not isinstance(cause, str) or not cause.strip():
            raise TypeInvalide(f"La cause n° {numero} doit être un texte non vide, entre guillemets.")
    return ChaineDesPourquoi(probleme.strip(), tuple(c.strip() for c in causes))


# --- Le livrable : la banque de questions ouvertes ----------------------------------------------

PUBLICS = ("client", "équipe")

# (public, moment, question) : les questions ouvertes que le cours te donne pour commencer.
_BANQUE = (
    ("client", "découverte", "Qu'est-ce qui t'a donné envie de te faire accompagner maintenant ?"),
    ("client", "découverte", "Comment se passe une semaine type dans ton entreprise aujourd'hui ?"),
    ("client", "découverte", "Qu'est-ce qui te prend le plus de temps sans te rapporter grand-chose ?"),
    ("client", "objectifs", "À quoi verras-tu, dans six mois, que notre collaboration a réussi ?"),
    ("client", "objectifs", "Qu'est-ce qui compte le plus pour toi dans ce lancement, au-delà du chiffre ?"),
    ("client", "bilan", "Qu'est-ce qui a bien marché dans ce projet, et que tu voudrais refaire ?"),
    ("client", "bilan", "Qu'est-ce que tu ferais autrement si c'était à refaire ?"),
    ("équipe", "accueil", "Qu'est-ce qui t'aide à bien comprendre une demande quand tu la reçois ?"),
    ("équipe", "suivi", "Qu'est-ce qui te freine en ce moment sur cette tâche ?"),
    ("équipe", "suivi", "De quoi aurais-tu besoin pour tenir cette échéance sereinement ?"),
    ("équipe", "difficulté", "Est-ce que tu peux m'expliquer comment ça s'est passé, depuis le début ?"),
    ("équipe", "difficulté", "Qu'est-ce qui a fait que le délai n'a pas pu être tenu ?"),
    ("équipe", "bilan", "Qu'est-ce que l'on pourrait changer dans notre façon de travailler pour que ça aille mieux ?"),
)


def banque_de_questions() -> Tableau:
    """La banque de questions ouvertes que le cours te donne, pour les entretiens client et équipe."""
    return Tableau(("public", "moment", "question"), _BANQUE,
                   "La banque de questions ouvertes du cours")


def _public(cle) -> str | None:
    """Le public que désigne une clé (« equipe » sans accent accepté), ou ``None``."""
    if not isinstance(cle, str):
        return None
    cle = cle.strip().lower()
    return {"client": "client", "équipe": "équipe", "equipe": "équipe"}.get(cle)


def controler_mes_questions(mes_questions, minimum: int = 3) -> list[tuple[str, str]]:
    """Contrôle la forme de tes questions et les renvoie en liste de paires (public, question).

    ``mes_questions`` est un dictionnaire ``{"client": [...], "équipe": [...]}`` de listes de
    questions (des textes qui finissent par « ? »), ``minimum`` questions au moins en tout. La
    forme seulement : dire si une question est
    ouverte, c'est à toi.
    """
    if not isinstance(mes_questions, dict) or not mes_questions:
        raise TypeInvalide('Écris tes questions dans un dictionnaire : {"client": ["…?"], '
                           '"équipe": ["…?"]}.')
    paires = []
    for cle, questions in mes_questions.items():
        public = _public(cle)
        if public is None:
            raise DonneesInvalides(f"« {cle} » n'est pas un public de la banque : écris \"client\" "
                                   "ou \"équipe\".")
        if not isinstance(questions, (list, tuple)):
            raise TypeInvalide(f"Les questions pour « {public} » doivent être dans une liste : "
                               '["…?", "…?"].')
        for question in questions:
            if not isinstance(question, str) or not question.strip():
                raise TypeInvalide(f"Chaque question pour « {public} » doit être un texte entre "
                                   "guillemets.")
            if not question.strip().endswith("?"):
                raise DonneesInvalides(f"« {question.strip()} » ne finit pas par un point "
                                       "d'interrogation : écris-la comme tu la poserais.")
            paires.append((public, question.strip()))
    if len(paires) < minimum:
        raise DonneesInvalides(f"Ta banque n'a que {len(paires)} question(s) à toi : ajoute-en au "
                               f"moins {minimum}, pour une cliente ou pour l'équipe.")
    return paires


def ecrire_banque_de_questions(mes_questions):
    """Écrit la banque de questions du cours, enrichie des tiennes, dans ``livrables/``.

    Le fichier ``08_banque_de_questions.csv`` (colonnes séparées par « ; », pour un tableur
    français) a quatre colonnes : ``public`` (client ou équipe), ``moment`` (de l'entretien),
    ``question`` et ``origine`` (le cours, ou toi). Tant que ``mes_questions`` vaut ``...``, rien
    n'est écrit et tu lis « pas encore fait ». Tes questions ont le moment « à préciser » : tu le
    changeras dans ton tableur.
    """
    from IPython.display import display

    from obm import verifier as v
    from obm.livrables import chemin_livrable

    if mes_questions is ...:
        display(v.Resultat("banque_de_questions", v.PAS_ENCORE_FAIT,
                           "`mes_questions` vaut encore `...`.",
                           "écris tes questions dans la cellule au-dessus, exécute-la, puis "
                           "exécute cette cellule."))
        return None
    try:
        paires = controler_mes_questions(mes_questions)
    except (DonneesInvalides, TypeInvalide) as erreur:
        display(v.Resultat("banque_de_questions", v.A_REVOIR, str(erreur)))
        return None
    chemin = chemin_livrable(NOM_LIVRABLE)
    with open(chemin, "w", encoding="utf-8-sig", newline="") as fichier:
        ecrivain = csv.writer(fichier, delimiter=";")
        ecrivain.writerow(["public", "moment", "question", "origine"])
        for public, moment, question in _BANQUE:
            ecrivain.writerow([public, moment, question, "cours"])
        for public, question in paires:
            ecrivain.writerow([public, "à préciser", question, "toi"])
    display(v.Resultat("banque_de_questions", v.FORME_CORRECTE,
                       f"ta banque est écrite : {len(_BANQUE) + len(paires)} questions, dont "
                       f"{len(paires)} à toi, dans livrables/{NOM_LIVRABLE}. Ouvre-la dans ton "
                       "tableur et complète-la au fil de tes entretiens."))
    return None
