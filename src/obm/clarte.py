"""Clarté et précision : l'analyse automatique d'une consigne (module 07).

:func:`analyser_consigne` lit une consigne écrite (message Slack, e-mail, étape de SOP) et
répond à quatre questions, avec une remarque en français pour chaque manque :

- ``mots_flous`` : quels mots flous contient-elle ? (« rapidement », « quelques », « gérer »,
  « demain »… : la liste du cours, sous toutes leurs formes, chacun tel qu'il est écrit) ;
- ``echeance`` : une date du calendrier est-elle donnée (« le 12 mai », « 12/05 ») ?
  Un jour de semaine seul (« mercredi ») ou une date relative (« demain ») ne suffit pas ;
- ``responsable`` : une personne est-elle chargée de la tâche par son nom (« Léa, peux-tu… »,
  « @Inès », « à faire par Hugo », « Samir s'en charge ») ? « on », « l'équipe »,
  « quelqu'un », « je m'en charge » ou une salutation à plusieurs suivie de « il faut » non ;
- ``critere_fini`` : sait-on quand c'est fini (« Terminé = … », « Livrable : », un format
  comme MP4, un lieu comme le dossier du Drive, un nombre comme « 3 visuels ») ?
  « fais au mieux », un verbe seul ou une liste qui finit par « etc. » non ; « Terminé = fais
  au mieux » non plus, même avec un nombre ailleurs dans la consigne.

``claire`` est vrai quand il n'y a aucun mot flou et que les trois autres réponses sont oui.
Le texte entre « » (ou entre guillemets droits) n'est pas analysé : une consigne peut citer
le mot qu'elle interdit (« remplace « dès que possible » par une date »).

Pour la leçon, le widget et l'exercice (qui s'appuient sur cette bibliothèque) :

- le résultat est une :class:`AnalyseConsigne` ; dans un notebook il s'affiche en couleur
  (``_repr_html_``), ``str()`` en donne une version texte, ``en_dict()`` un dictionnaire
  de valeurs simples (à transmettre ou comparer), ``details`` ce qui a décidé chaque réponse ;
- les ``remarques`` sont des phrases prêtes à afficher (espaces fines insécables comprises),
  chacune commence par « Mots flous : », « Échéance : », « Responsable : » ou
  « Critère de fin : », cite les mots en cause et dit quoi ajouter ;
- l'analyse prend une fraction de milliseconde : on peut la relancer à chaque frappe ;
- un texte vide est analysé (tout est à faire) ; ce qui n'est pas un texte lève
  :class:`obm.erreurs.TypeInvalide` avec un message en français.

Les règles d'étiquetage sont celles du cours (DESIGN.md, « obm.clarte.analyser_consigne ») ;
le corpus étiqueté qui a servi à régler et à mesurer l'analyseur est décrit dans
``tests/donnees/LISEZMOI_corpus.md``.
"""

# How it works (for maintainers). The text is NFC-normalised, then folded character by character
# (lower case, no accents, one kind of apostrophe and space) into a string of the same length, so
# every match position is also a position in the original text and expressions are returned "as
# written". Quotations are blanked in the folded text. Then:
#   - vague words: one regex per list entry (verbs with their conjugated endings), plus relative
#     dates; exceptions for "bien" (acknowledgements, "eh bien", confirmations), "propre" (own),
#     "à bientôt" (sign-off) and améliorer/optimiser followed by a target number;
#   - deadline: a day with a month name, dd/mm, dd.mm.yyyy or ISO date outside quotations;
#   - owner: vocatives (a name after a greeting, at a sentence start before a comma or colon,
#     "@name", ", name.") followed by a request (imperative, "peux-tu", "il faut", "stp"…), or an
#     assignment ("à faire par X", "X s'en charge", "C'est X qui", "responsable : X", "X apporte…");
#     a group of names addressed together does not count;
#   - done criterion: an explicit statement ("Terminé =", "Livrable :") whose content is not only
#     an intention or an open list, or an observable format, place or count, unless its sentence
#     ends its list with "etc."; when every explicit statement is empty, an intention or an open
#     list, an observable elsewhere in the text does not rescue it ("Terminé = fais au mieux").

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from obm.erreurs import TypeInvalide

__all__ = ["AnalyseConsigne", "analyser_consigne", "ecrire_modele_sop", "parle_de"]


# ---------------------------------------------------------------- text preparation


@functools.lru_cache(maxsize=4096)
def _plier_caractere(c: str) -> str:
    if c in "’‘ʼ`´′":
        return "'"
    if c in "\u00a0\u202f\u2009\u2007\t\r\f\v":
        return " "
    if c in "\u2010\u2011":
        return "-"
    bas = c.lower()
    if len(bas) != 1:
        bas = c
    decompose = unicodedata.normalize("NFD", bas)
    if len(decompose) > 1 and all(unicodedata.combining(x) for x in decompose[1:]):
        bas = decompose[0]
    return bas


def _plier(texte: str) -> str:
    """Lower case, no accents, one kind of apostrophe, space and hyphen; same length."""
    return "".join(map(_plier_caractere, texte))


_CITATION = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")


def _masquer_citations(plie: str) -> str:
    """Blank the inside of quotations (quoted words are examples, not the instruction)."""
    return _CITATION.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1],
                         plie)


@dataclass(frozen=True)
class _Jeton:
    texte: str  # folded
    debut: int
    fin: int
    majuscule: bool


_JETON = re.compile(r"aujourd'hui|quelqu'une?|@[^\W_][\w-]*|[^\W\d_]+'|\w+(?:-\w+)*|\n|[^\w\s]")


def _fins_de_phrase(plie: str) -> list[int]:
    """Positions where a sentence ends (after . ! ? … or a line break)."""
    return [m.end() for m in re.finditer(r"[.!?…]+(?=\s|$)|\n", plie)]


# ---------------------------------------------------------------- lexicons


_JOURS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MOIS = (r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
         r"|janv|fevr?|avr|juil|sept|oct|nov|dec")
_NOMBRES_MOTS = ("un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt"
                 "|trente|quarante|cinquante|cent")
_FINS_ER = ("e|es|ent|ez|ons|er|ee|ees|era|eras|erai|erez|erons|eront|erais|erait|eraient|ais"
            "|ait|aient|ions|iez|ai|as|a|erent")


def _verbe_er(radical: str) -> str:
    return rf"\b{radical}(?:{_FINS_ER})\b"


# (regex on folded text, category). Longest matches win when two overlap.
_FLOUS: list[tuple[str, str]] = [
    (r"\brapidement\b", "delai"),
    (r"\bvite\b", "delai"),
    (r"\bdes que possible\b", "delai"),
    (r"\ba\.?s\.?a\.?p\b\.?|\basap\b", "delai"),
    (r"\bbientot\b", "delai"),
    (r"\bprochainement\b", "delai"),
    (r"\bfin de journee\b", "delai"),
    (r"\beod\b", "delai"),
    (r"\bquelques\b", "quantite"),
    (r"\bplusieurs\b", "quantite"),
    (r"\benviron\b", "quantite"),
    (r"\bsi possible\b", "condition"),
    (r"\bsi necessaire\b", "condition"),
    (r"\ble cas echeant\b", "condition"),
    (r"\bau besoin\b", "condition"),
    (r"\beventuellement\b", "condition"),
    (r"\betc\b(?:\.|…)?", "etc"),
    (r"\bregulierement\b", "frequence"),
    (r"\bsouvent\b", "frequence"),
    (r"\bsimples?\b", "qualite"),
    (r"\bfaciles?\b", "qualite"),
    (r"\bpropres?\b", "qualite"),
    (r"\bcorrectement\b", "qualite"),
    (r"\bbien\b", "qualite"),
    (r"\badequat(?:e|s|es)?\b", "qualite"),
    (r"\braisonnables?\b", "qualite"),
    (_verbe_er("optimis"), "cible"),
    (_verbe_er("amelior"), "cible"),
    (_verbe_er("ger"), "verbe"),
    (_verbe_er("trait"), "verbe"),
    (_verbe_er("check"), "verbe"),
    (r"\b(?:(?:m|t|s)'(?:en |y )?|(?:nous|vous) (?:en )?)occup(?:" + _FINS_ER + r")\b", "verbe"),
    (r"\boccupe(?:z|ons)?-(?:toi|vous|nous)(?:-en)?\b", "verbe"),
    (r"\b(?:voir|vois|voit|voyez|voyons|voient|vu|vue|verra|verras|verrai|verrez|verrons"
     r"|voyais|voyait)\s+avec\b", "verbe"),
    # relative dates
    (r"\bdemain\b", "date"),
    (r"\bapres[- ]demain\b", "date"),
    (r"\baujourd'hui\b", "date"),
    (r"\bavant[- ]hier\b", "date"),
    (r"\bhier\b", "date"),
    (r"\bce (?:soir|matin|midi)\b", "date"),
    (r"\bcet (?:apres-midi|aprem)\b", "date"),
    (r"\bcette (?:semaine|nuit|apres-midi)\b", "date"),
    (r"\b(?:la )?semaine (?:prochaine|derniere)\b", "date"),
    (r"\b(?:le )?mois (?:prochain|dernier)\b", "date"),
    (r"\bce mois-ci\b", "date"),
    (r"\bce (?:week-end|weekend)\b", "date"),
    (r"\b(?:le )?(?:week-end|weekend) prochain\b", "date"),
    (rf"\b(?:{_JOURS}) (?:prochain|dernier|en huit)\b", "date"),
    (rf"\b(?:dans|d'ici) (?:\d+|{_NOMBRES_MOTS}) (?:jours?|semaines?|mois|heures?)\b", "date"),
    (r"\bdans la (?:journee|semaine|matinee|soiree)\b", "date"),
    (r"\bfin de (?:la )?semaine\b", "date"),
    (r"\btout a l'heure\b", "date"),
]
_FLOUS_RE = [(re.compile(m), c) for m, c in _FLOUS]

# "bien" that is not a judgement of quality.
_BIEN_AVANT_NEUTRE = frozenset({"eh", "ou", "merci", "si", "aussi", "vas", "va", "vais", "allez",
                                "allons", "vont", "aille", "ailles", "aller", "allait", "allais",
                                "un", "le", "les", "des", "ce", "mon", "ton", "son", "tant"})
_BIEN_APRES_NEUTRE = frozenset({"sur", "sure", "surs", "sures", "entendu", "que", "qu'", "des",
                                "avant", "apres", "plus", "moins", "au-dela", "trop",
                                "cordialement", "amicalement", "-etre"})
_CONFIRMATIONS = frozenset(_plier(m) for m in (
    "reçu reçue reçus reçues noté notée notés vu vue vus compris comprise arrivé arrivée arrivés "
    "arrivées parti partie partis envoyé envoyée envoyés envoyées programmé programmée programmés "
    "publié publiée publiés enregistré enregistrée enregistrés pris prise passé passée ajouté "
    "ajoutée validé validée mis mise eu lu lue transmis transmise livré livrée installé partagé "
    "partagée signé signée payé payée inscrit inscrite inscrits inscrites joint jointe parvenu "
    "parvenue réceptionné réceptionnée"
).split())
_APRES_CONFIRMATION_ETRE = frozenset({"le", "la", "les", "l'", "un", "une", "ce", "ca", "cela",
                                      "celui", "celle", "ceux", "moi", "toi", "lui", "elle",
                                      "nous", "vous", "eux", "ton", "ta", "tes", "mon", "ma",
                                      "mes", "son", "sa", "ses", "notre", "votre", "nos", "vos",
                                      "leur", "leurs", "a", "au", "aux", "du", "de", "des",
                                      "pour", "dans", "sur", "en", "prevu", "prevue", "ici", "la",
                                      "ca", "cette", "cet", "ces", "d'"})
_ETRE = frozenset({"est", "sont", "etait", "etaient", "soit", "sera", "c'", "suis", "es"})
_POSSESSIFS = frozenset({"mon", "ton", "son", "ma", "ta", "sa", "mes", "tes", "ses", "notre",
                         "votre", "leur", "nos", "vos", "leurs", "main", "mains", "nom", "noms",
                         "sens"})

# améliorer / optimiser followed by a target number.
_CIBLE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|pour ?cent\b|points?\b|pts\b)"
    r"|\b(?:atteindre|objectif|cible|au moins|minimum|jusqu'a|moins de|plus de|sous la barre de"
    r"|au-dessus de|au-dela de|passer a|x)\s*:?\s*\+?\d"
    r"|\bde \+\d|\b(?:doubler|tripler)\b")

# ---------------------------------------------------------------- dates

_DATE_MOIS = re.compile(rf"\b(1er|premier|0?[1-9]|[12]\d|3[01])\s+(?:{_MOIS})\b")
_DATE_CHIFFRES = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
_DATE_POINTS = re.compile(r"(?<![\d.])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?!\d)")
_DATE_ISO = re.compile(r"\b(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_JOUR_SEUL = re.compile(rf"\b(?:{_JOURS})\b")
_QUANTIEME_SEUL = re.compile(r"\ble (\d{1,2})\b(?!\s*(?:h\b|heures?|/|er\b|\d))")


def _dates(plie: str) -> list[tuple[int, int]]:
    trouvees = [(m.start(), m.end()) for m in _DATE_MOIS.finditer(plie)]
    for m in _DATE_CHIFFRES.finditer(plie):
        jour, mois, annee = m.group(1), m.group(2), m.group(3)
        if not (1 <= int(jour) <= 31 and 1 <= int(mois) <= 12):
            continue
        if annee is None and len(jour) == 1 and len(mois) == 1 and not re.search(
                rf"\b(?:le|du|au|ce|{_JOURS})\s+$", plie[max(0, m.start() - 10):m.start()]):
            continue  # 1/2, 3/4: fractions more often than dates, unless "le 2/5"
        if annee is None and (jour, mois) in {("24", "7"), ("7", "7")}:
            continue
        trouvees.append((m.start(), m.end()))
    for m in _DATE_POINTS.finditer(plie):
        if 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
            trouvees.append((m.start(), m.end()))
    trouvees += [(m.start(), m.end()) for m in _DATE_ISO.finditer(plie)]
    return sorted(trouvees)


# ---------------------------------------------------------------- people

_PRENOMS = frozenset(_plier(p) for p in (
    "Léa Hugo Inès Samir Clara "
    # common first names (French usage), so the analyser works beyond Clara's team
    "Emma Manon Chloé Camille Sarah Jeanne Alice Lina Louna Zoé Anna Juliette Eva Romane Lola "
    "Nina Mila Agathe Clémence Margaux Mathilde Pauline Marion Laura Audrey Sophie Nathalie "
    "Isabelle Valérie Sandrine Céline Stéphanie Émilie Aurélie Caroline Élodie Mélanie Virginie "
    "Amandine Justine Charlotte Lucie Élise Hélène Anne Marie Christine Catherine Sylvie "
    "Véronique Patricia Nadia Fatima Yasmine Samia Leïla Amel Sonia Karima Nour Aïcha Myriam "
    "Salomé Océane Lou Maëlle Elsa Julia Ana Carla Lisa Maya Noémie Ophélie Alexia Axelle "
    "Morgane Gaëlle Solène Estelle Fanny Laetitia Vanessa Jessica Sabrina Sandra Coralie "
    "Delphine Anaïs Clémentine Julie Léna Louise Inés Lea Ines Agnès Béatrice Brigitte Chantal "
    "Corinne Danielle Dominique Florence Françoise Géraldine Hélèna Jacqueline Josiane Karine "
    "Laure Lydie Magali Martine Monique Muriel Nadine Nicole Odile Pascale Sabine Séverine "
    "Sylvaine Tiphaine Yasmina Zineb Salma Imane Sihem Rania Lamia Maud Capucine Bérénice "
    "Adèle Apolline Victoire Gabrielle Héloïse Constance Inaya Jasmine Kenza Lilou Maëlys "
    "Lucas Louis Gabriel Jules Adam Arthur Raphaël Léo Paul Tom Nathan Théo Noah Ethan Mathis "
    "Enzo Thomas Antoine Nicolas Julien Maxime Alexandre Guillaume Romain Kévin Mehdi Karim "
    "Yassine Rayan Omar Bilal Sofiane Nabil Mohamed David Olivier Laurent Stéphane Sébastien "
    "Christophe Frédéric Éric Philippe François Vincent Benjamin Jérémy Damien Florian Quentin "
    "Victor Martin Simon Baptiste Clément Adrien Mathieu Benoît Cédric Fabien Franck Jérôme "
    "Pascal Patrick Thierry Yann Yannick Loïc Marc Luc Jean Alain Bruno Didier Gilles Hervé "
    "Malik Sami Youssef Amine Hamza Ilyes Anis Walid Tarek Marius Sacha Noé Timothée Valentin "
    "Axel Aurélien Bastien Cyril Dylan Gaël Grégoire Hadrien Jordan Lionel Ludovic Michel "
    "Nils Pierre-Yves Rémi Samuel Sylvain Tristan Xavier Yanis Ziad"
).split())
# First names that are also common words: names only when written with a capital.
_PRENOMS_AMBIGUS = frozenset(_plier(p) for p in (
    "Claire Rose Marine Ambre Pierre Jade Grâce Aurore Iris Violette Marguerite Olive France "
    "Prune Blanche Perle Ange Hermine Océan Mercedes Jo Max Guy"
).split())
# Capitalised words that are never a person here.
_PAS_DES_NOMS = frozenset(_plier(m) for m in (
    "bonjour bonsoir salut hello coucou hey hi re merci rappel urgent important info note objet "
    "terminé fini livrable pour par ok okay oui non top super parfait bravo génial attention "
    "demain aujourd'hui hier ensuite puis enfin donc alors sinon bref voilà voici déclencheur "
    "responsable étape tâche contexte objectif qui quoi où comment pourquoi quand drive canva "
    "trello slack zoom instagram notion asana google facebook linkedin youtube meta systeme "
    "replay faq sop csv pdf mp4 chère cher team équipe tous toutes madame monsieur mme mr "
    "lundi mardi mercredi jeudi vendredi samedi dimanche stp svp ps cc bien eh bon ah oh "
    "comme si après avant dès maintenant désolée pardon moi toi nous vous elle il on je tu"
).split())

_SALUTATIONS = re.compile(
    r"\b(?:bonjour|bonsoir|salut|hello|coucou|hey|hi|yo|re|cher|chere|merci(?: bien| beaucoup)?"
    r"|bien recu|bien note|bien sur|bien vu|bien joue|eh bien|ok|okay|top|super|parfait|bravo"
    r"|felicitations|dear|ciao|rappel pour|pour"
    r"|urgent|hello hello|allo)\s*[,!:]?\s*$")
_GROUPE = re.compile(
    r"\b(?:(?:bonjour|bonsoir|salut|hello|coucou|hey|hi|merci|rappel pour|pour|cher|chers|cheres)"
    r"\s+(?:a\s+)?(?:tous|toutes|tout le monde|l'equipe|la team|team|les filles|les gars"
    r"|les copines|les amies|les amis|vous (?:deux|trois|tous|toutes)|everyone|la compagnie"
    r"|equipe|l'equipe lancement|a vous deux)|\bl'equipe\b|\btout le monde\b|\bla team\b)")

# Requests (the addressee is asked to do something).
_DEMANDES = re.compile("|".join([
    r"\b(?:peux|pourrais|pouvez|pourriez|voudrais|voudriez|veux|voulez|sais|saurais|as|avez"
    r"|peut|pourrait)-(?:tu|vous|t-on)\b",
    r"\b(?:tu|vous)\s+(?:me\s+|m'|nous\s+|lui\s+|leur\s+|le\s+|la\s+|les\s+|l'|en\s+|y\s+)?"
    r"(?:peux|pourrais|pouvez|pourriez|dois|devrais|devez|devriez)\b",
    r"\b(?:tu vas|vous allez)\s+(?!bien\b)(?:me |m'|nous |lui |leur |le |la |les |l'|en |y )?"
    r"[a-z]+(?:er|ir|re)\b",
    r"\best-ce que (?:tu|vous)\b",
    r"\bil (?:me |nous |te |vous |lui )?(?:faut|faudrait|faudra)\b",
    r"\bil va (?:me |nous |te |vous )?falloir\b",
    r"\b(?:j'ai|on a|nous avons|j'aurais|j'aurai) besoin\b",
    r"\b(?:merci de|merci d'|je te laisse|je vous laisse|je compte sur (?:toi|vous)|a toi de"
    r"|a vous de|n'oublie pas|n'oubliez pas|pense a|pensez a|stp|svp|s'il te plait"
    r"|s'il vous plait|de ton cote|de votre cote|reste a faire|il me faut|a toi :|pour toi :)",
    r"\b(?:doit|doivent|devra|devront|devrait|devraient)\b",
    r"\b(?:aimerais|voudrais|souhaite|souhaiterais|faudrait|faut|prefererais|veux|aimerai)"
    r" que (?:tu|vous)\b",
    r"\b(?:tu|vous) (?:m'|me |nous |lui |leur |le |la |les |l'|en |y )?\w+(?:ras|rez)\b",
]))
_DEUXIEME_PERSONNE = re.compile(r"\b(?:tu|vous|t'|te|toi)\b|\b\w+-(?:tu|vous)\b")
_CLITIQUE_IMPERATIF = re.compile(
    r"^\w+-(?:moi|toi|le|la|les|lui|nous|vous|en|y|leur)(?:-(?:moi|toi|le|la|les|lui|nous|en|y"
    r"|leur))?$")
_PAS_IMPERATIFS = frozenset({"peut-etre", "est-ce", "rendez-vous", "au-dessus", "vis-a-vis",
                             "c'est-a-dire", "quelques-unes", "quelques-uns", "peut-on",
                             "dites-moi"})
_IMPERATIFS = frozenset(_plier(v) for v in (
    "envoie renvoie prépare programme publie vérifie ajoute rajoute monte exporte dépose corrige "
    "rédige écris relance réserve planifie range renomme partage télécharge poste valide termine "
    "finalise gère optimise améliore traite checke propose livre remplace enlève supprime copie "
    "colle classe déplace teste note pense garde refais regarde contacte demande donne lance "
    "modère compile coche confirme calcule cale cherche complète configure décale découpe intègre "
    "importe mesure organise passe précise récupère remonte repasse résume retire sauvegarde "
    "signale synchronise trie utilise écoute édite imprime insère liste sous-titre tourne cadre "
    "coupe fixe actualise archive assure avance bloque briefe centralise commente communique "
    "conserve consulte décide documente dresse évite facture formule glisse identifie indique "
    "informe installe mentionne montre nomme paramètre place pointe présente récapitule recense "
    "referme sollicite souligne surveille tape trouve vide rappelle relie rejoins reporte "
    "reprends réponds retouche reformule recadre raccourcis allège simplifie harmonise uniformise "
    "sélectionne prévois préviens prends imagine enregistre établis renseigne réunis rassemble "
    "regroupe transfère fais mets dis lis relis vois va viens sois choisis finis remplis "
    "réfléchis définis suis produis traduis transmets remets joins inscris décris transcris "
    "ouvre offre reviens tiens rends appelle jette achète crée paie paye essaie nettoie appuie "
    "catégorise clôture crée duplique mixe étalonne sous-titre rassure relis vérifie contrôle "
    "planifie cale fige bascule migre nettoie exporte rédige"
).split())
_NON_IMPERATIFS_EZ = frozenset({"chez", "assez", "nez", "rez"})
_DEBUTS_PROPOSITION = frozenset({",", ":", ";", "!", "?", ".", "\n", "-", "•", "*", "et", "puis",
                                 "ensuite", "alors", "donc", "stp", "svp", "merci", "(", "…",
                                 "maintenant", "enfin", "sinon", "aussi", "mais", "ou", "=", ">",
                                 "–", "—", "ok", "d'abord", "bref"})
_CONNECTEURS_SUBORDONNEE = frozenset({"que", "qu'", "quand", "si", "s'", "lorsque", "lorsqu'",
                                      "comme", "car", "puisque", "puisqu'", "parce", "dont",
                                      "ou", "qui"})

# Assignment of a task to a named person.
_CHARGE_APRES_NOM = re.compile(
    r"\s+(?:s'en charge|se charge|s'en occupe|s'occupe|prend en charge|prendra en charge"
    r"|est responsable|sera responsable|est chargee?|pilote|gere|gerera|assure|assurera)\b")
_CHARGE_AVANT_NOM = re.compile(
    r"(?:\b(?:a|à)\s+\w+\s+par|\bresponsables?\s*:|\bowner\s*:|\bpilote\s*:|\bqui\s*:"
    r"|\bassignee?\s*(?:a|:)|\bconfiee?\s+a|\bc'est|\bje compte sur|\bpar)\s*$")
_AUXILIAIRES_ET_PAROLE = frozenset(_plier(v) for v in (
    "a ont est sont était étaient avait avaient sera seront serait seraient aurait auraient "
    "aura auront fut va vont allait venait vient viennent demande demandait dit disait pense "
    "pensait trouve trouvait croit croyait veut voulait voudrait souhaite souhaiterait espère "
    "aime aimerait adore déteste préfère sait savait semble semblait paraît reste restait "
    "propose proposait écrit écrivait répond répondait peut pourrait pouvait devrait "
    "m' t' l' en y ne n' se s' est-ce attend attendait regrette trouverait"
).split())
_CLITIQUES = frozenset({"le", "la", "les", "lui", "leur", "nous", "vous", "me", "m'", "te",
                        "t'", "y", "en", "s'", "se", "l'"})

# Pronouns and groups that name nobody (for the remarks).
_PERSONNE_FLOUE = re.compile(
    r"\b(?:on|nous|l'equipe|quelqu'une?|tout le monde|qui (?:peut|veut|est dispo)"
    r"|(?:celle|celui) qui(?: \w+){1,2}|l'une de vous|l'un de vous|la team)\b")
_AUTRICE = re.compile(r"\bje (?:m'en charge|m'en occupe|me charge|m'occupe|gere|vais le faire"
                      r"|le fais|la fais|les fais)\b")

# ---------------------------------------------------------------- done criterion

_ANNONCE_FIN = re.compile(
    r"\b(?:termine|terminee|fini|finie|done)\s*(?:=|:|quand|lorsque|si\b|des que)"
    r"|\bc'est (?:fini|termine|bon|fait|ok|valide|regle) (?:quand|lorsque|si|des que|une fois)"
    r"|\bce sera (?:fini|termine|bon|fait) (?:quand|lorsque|si|des que|une fois)"
    r"|\blivrables?\s*:|\bresultats? attendus?\b|\bcriteres? (?:de fin|d'acceptation|de reussite"
    r"|de validation|de sortie)|\bdefinition of done\b|\bdod\b|\bdefinition de (?:fini|termine)"
    r"|\bon considere que c'est (?:fini|termine)")
_INTENTIONS = re.compile(
    r"\bau mieux\b|\bcomme tu (?:le |la )?(?:sens|veux|peux|preferes)\b"
    r"|\bquand tu (?:le |la |les )?(?:sens|trouves?|juges?)\b|\bte (?:semble|convient|va)\b"
    r"|\bsatisfaite?s?\b|\bcontente?s?\b|\bnickel\b|\btu sais ce que j'attends\b"
    r"|\bca (?:te )?(?:va|plait|rend bien)\b|\bdans le style habituel\b|\bcomme d'habitude\b")
_FORMATS = re.compile(
    r"\b(?:mp4|mov|avi|webm|pdf|png|jpe?g|gif|svg|webp|csv|xlsx?|docx|pptx|srt|vtt|mp3|wav|m4a"
    r"|zip|ics|odt|ods|odp|epub|psd|html)\b"
    r"|\b\d{3,4}\s*[x×*]\s*\d{3,4}\b|\b\d{3,4}x\d{3,4}\b|\b(?:480|720|1080|1440|2160)p\b"
    r"|\b[48]k\b|\b(?:9|16|4|1):(?:16|9|5|1|3)\b"
    r"|\bformat (?:carre|portrait|paysage|story|stories|vertical|horizontal|a4|a5|reel)\b"
    r"|\b\d+(?:[.,]\d+|(?:\s\d{3})+)?\s*(?:secondes?|s|sec|minutes?|min|mots|caracteres|signes"
    r"|lignes|pages"
    r"|slides|diapos?|diapositives|pt|px|mo|ko|go)\b")
_LIEUX = re.compile(
    r"\b(?:dans|sur|en commentaire (?:de|du|sur|dans)|vers)\b[^.!?\n]{0,40}?"
    r"\b(?:dossiers?|drive|dropbox|google doc|google docs|google sheets?|doc partage|tableur"
    r"|onglet|cartes?|colonnes?|trello|asana|notion|monday|clickup|airtable|canva|canal"
    r"|fil slack|fil|slack|calendrier de publication|calendrier editorial|wetransfer)\b"
    r"|\ben commentaire (?:de|du|sur) (?:la carte|la tache|le doc)")
_COMPTE = re.compile(
    rf"(?<![\w/.,:-])(\d+(?:\s\d{{3}})*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze"
    rf"|quinze|vingt|trente|cinquante|cent)\s+(?:(?:nouvelles?|nouveaux|premiers?|premieres?"
    rf"|derniers?|dernieres?|prochains?|prochaines?|autres|petits?|petites?|grands?|grandes?"
    rf"|courtes?|courts?|longues?|longs?|seuls?|seules?)\s+)?([^\W\d_][\w'-]*)")
_PAS_DES_LIVRABLES = frozenset(_plier(m) for m in (
    "h heure heures jour jours semaine semaines mois an ans année années fois min minute minutes "
    "seconde secondes fin x € euros euro % pour cent points et ou à a au aux de du des en le la "
    "les l' pour par sur avec dans est sont soit sera a ont qui que mais car donc h30 er ème e "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "janv févr fév avr juil sept oct nov déc lundi mardi mercredi jeudi vendredi samedi dimanche "
    "fois-ci maximum minimum max min environ chacune chacun avant après chez vers depuis "
    "jusqu entre sans sous selon contre ni puis"
).split())
_INDEX_AVANT = re.compile(
    r"\b(?:video|videos|version|v|semaine|module|etape|jour|j|page|episode|partie|chapitre"
    r"|numero|n°|slide|vague|lot|mail|e-mail|email|live|session|groupe|liste|modele|option"
    r"|environ|quelques|vers|dans|d'ici|il y a|le|du|au|les|des|aux|et|ou|de|sur|a|en|l'?)\s*$")
_INDEX_PERMIS = frozenset({"les", "des", "aux", "de", "et", "sur", "a", "en"})
_CIBLE_CRITERE = re.compile(
    r"\b(?:atteindre|objectif|cible|au moins|minimum|jusqu'a|moins de|plus de|sous|de)\s*:?\s*"
    r"\+?\d+(?:[.,]\d+)?\s*(?:%|pour ?cent|points?)")


# ---------------------------------------------------------------- the reading


class _Lecture:
    """One pass over a text: every finding keeps its position, for the verdicts and the remarks."""

    def __init__(self, texte: str):
        self.original = unicodedata.normalize("NFC", texte)
        self.plie = _masquer_citations(_plier(self.original))
        self.jetons = [_Jeton(m.group(0), m.start(), m.end(), self.original[m.start()].isupper())
                       for m in _JETON.finditer(self.plie)]
        self._debuts = [j.debut for j in self.jetons]
        self.fins = _fins_de_phrase(self.plie)
        self.flous = self._mots_flous()
        self.dates = _dates(self.plie)
        self.jours_seuls = [(m.start(), m.end()) for m in _JOUR_SEUL.finditer(self.plie)
                            if not self._dans(m.start(), self.dates)
                            and not self._dans(m.start(), [(d, f) for d, f, _ in self.flous])]
        self.quantiemes_seuls = [(m.start(), m.end()) for m in _QUANTIEME_SEUL.finditer(self.plie)
                                 if not self._dans(m.start(1), self.dates)]
        self._lire_personnes()
        self._lire_critere()

    # -- helpers

    def citer(self, debut: int, fin: int) -> str:
        return " ".join(self.original[debut:fin].split())

    @staticmethod
    def _dans(position: int, intervalles) -> bool:
        return any(d <= position < f for d, f in intervalles)

    def _phrase(self, position: int) -> tuple[int, int]:
        """The sentence around a position: (start, end)."""
        i = bisect.bisect_right(self.fins, position)
        debut = self.fins[i - 1] if i else 0
        return debut, self.fins[i] if i < len(self.fins) else len(self.plie)

    def _indice(self, position: int) -> int:
        """The index of the first token that starts at or after a position."""
        return bisect.bisect_left(self._debuts, position)

    # -- vague words

    def _mots_flous(self) -> list[tuple[int, int, str]]:
        candidats = []
        for motif, categorie in _FLOUS_RE:
            for m in motif.finditer(self.plie):
                if m.end() > m.start():
                    candidats.append((m.start(), m.end(), categorie))
        # Longest first, then drop what overlaps an expression already kept.
        candidats.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        gardes: list[tuple[int, int, str]] = []
        occupe = bytearray(len(self.plie))
        for debut, fin, categorie in candidats:
            if any(occupe[debut:fin]):
                continue
            if self._exception(debut, fin, categorie):
                continue
            gardes.append((debut, fin, categorie))
            occupe[debut:fin] = b"\x01" * (fin - debut)
        return sorted(gardes)

    def _voisins(self, debut: int, fin: int):
        i = self._indice(debut)
        j = self._indice(fin)
        avant = [t.texte for t in self.jetons[max(0, i - 2):i]]
        apres = [t.texte for t in self.jetons[j:j + 2]]
        return (["^", "^"] + avant)[-2:], (apres + ["$", "$"])[:2]

    def _exception(self, debut: int, fin: int, categorie: str) -> bool:
        mot = self.plie[debut:fin]
        (a2, a1), (s1, s2) = self._voisins(debut, fin)
        if mot == "bien":
            if a1 in _BIEN_AVANT_NEUTRE or s1 in _BIEN_APRES_NEUTRE:
                return True
            if s1 in ("a", "à") and s2 in ("toi", "vous", "bientot", "tous", "toutes"):
                return True
            if s1 in _CONFIRMATIONS or (s1 == "ete" and s2 in _CONFIRMATIONS):
                return True
            if a1 in _ETRE and s1 in _APRES_CONFIRMATION_ETRE:
                return True
            if a1 in ("^", "\n", ".", "!", "?", ",", "tres", "bon", "ah", "oh", "ok") and \
                    s1 in (",", "!", ".", "\n", "$", "…"):
                return True  # an interjection: "Bien, passons…", "Très bien !"
            if self.plie[fin:fin + 1] == "-":
                return True
            return False
        if mot.startswith("propre"):
            return a1 in _POSSESSIFS or s1 in ("a", "à")
        if mot == "bientot":
            # "À bientôt !" is a sign-off, not a deadline.
            if a1 != "a":
                return False
            if s1 in ("!", ".", ",", "\n", "$", "…", ":", ")"):
                return True
            k = self._indice(fin)
            return k < len(self.jetons) and self.jetons[k].majuscule
        if categorie == "cible":
            _, fin_phrase = self._phrase(debut)
            suite = self.plie[fin:fin_phrase]
            if _CIBLE.search(suite):
                return True
            # "Améliore la page. Objectif : 3 %."
            suivante = self.plie[fin_phrase:self._phrase(fin_phrase)[1]] \
                if fin_phrase < len(self.plie) else ""
            return bool(re.match(r"\s*(?:objectif|cible|but)\b", suivante)) and \
                bool(_CIBLE.search(suivante))
        return False

    # -- people

    def _est_prenom(self, k: int, contexte_nom: bool = False) -> bool:
        jeton = self.jetons[k]
        mot = jeton.texte
        if mot.startswith("@"):
            return len(mot) > 1
        if mot in _PRENOMS:
            return True
        if mot in _PRENOMS_AMBIGUS:
            return jeton.majuscule
        if contexte_nom and jeton.majuscule and mot not in _PAS_DES_NOMS and \
                not self.original[jeton.debut:jeton.fin].isupper() and len(mot) > 1 and \
                mot.isalpha() and mot not in _IMPERATIFS:
            return True
        return False

    def _debut_de_proposition(self, k: int) -> bool:
        return k == 0 or self.jetons[k - 1].texte in _DEBUTS_PROPOSITION or \
            self.jetons[k - 1].texte.startswith("@") or \
            re.fullmatch(r"\d+", self.jetons[k - 1].texte) is not None and k >= 2 and \
            self.jetons[k - 2].texte == "\n"

    def _lire_personnes(self) -> None:
        jetons = self.jetons
        n = len(jetons)
        self.vocatifs: list[tuple[int, int, int]] = []  # (start, end, number of people)
        self.attributions: list[tuple[int, int]] = []
        self.cites: list[tuple[int, int]] = []
        k = 0
        while k < n:
            avant = self.plie[max(0, jetons[k].debut - 40):jetons[k].debut]
            ligne = avant.split("\n")[-1]
            salutation = bool(_SALUTATIONS.search(ligne))
            # an unknown capitalised word is a name only right after a greeting or "par"
            contexte = bool(re.search(r"\w\s+$", ligne)) and (
                salutation or bool(_CHARGE_AVANT_NOM.search(avant)))
            if not self._est_prenom(k, contexte_nom=contexte):
                k += 1
                continue
            # a run of names: "Léa et Hugo", "Clara, Hugo et Samir"
            noms = [k]
            m = k
            while m + 2 < n and jetons[m + 1].texte in (",", "et", "&", "ou") and \
                    self._est_prenom(m + 2, contexte_nom=contexte):
                if jetons[m + 2 + 1].texte not in (",", ":", "!", "?", ".", "\n", "et", "&",
                                                   "ou") if m + 3 < n else False:
                    break
                m += 2
                noms.append(m)
            suivant = jetons[m + 1].texte if m + 1 < n else "$"
            precedent = jetons[k - 1].texte if k > 0 else "^"
            debut, fin = jetons[k].debut, jetons[m].fin
            arobase = jetons[k].texte.startswith("@")
            en_tete = (k == 0 or precedent in (",", ":", "!", ".", "?", "\n", "(", "-", "•", "*",
                                               "…") or salutation or arobase
                       or not re.match(r"\w", precedent))  # after an emoji or a symbol
            apres_ok = suivant in (",", ":", "!", "?", ".", "\n", "$", "…", ")") or arobase or \
                salutation or \
                (suivant in ("tu", "peux-tu", "pourrais-tu", "vous", "pouvez-vous", "merci",
                             "stp", "svp") and en_tete)
            if len(noms) == 1 and _CHARGE_AVANT_NOM.search(avant):
                self.attributions.append((debut, fin))  # "Owner : Inès", "à faire par Hugo"
            elif en_tete and apres_ok:
                self.vocatifs.append((debut, fin, len(noms)))
                if len(noms) == 1 and suivant == ":" and (precedent in ("^", "\n", "-", "•", "*")
                                                          or k == 0):
                    self.attributions.append((debut, fin))  # "Hugo : le replay…" in a list
                k = m + 1
                continue
            if len(noms) == 1 and self._attribution(k, avant):
                self.attributions.append((debut, fin))
            else:
                self.cites.append((debut, fin))
            k = m + 1
        self.groupes_salues = [(m.start(), m.end()) for m in _GROUPE.finditer(self.plie)]
        self.demandes = self._demandes()
        self.responsables: list[tuple[int, int]] = list(self.attributions)
        evenements = sorted([(d, f, nb) for d, f, nb in self.vocatifs] +
                            [(d, f, 2) for d, f in self.groupes_salues])
        self.interpelles_sans_demande: list[tuple[int, int]] = []
        self.groupes: list[tuple[int, int]] = [(d, f) for d, f, nb in evenements if nb > 1]
        for i, (d, f, nb) in enumerate(evenements):
            if nb != 1:
                continue
            debut_portee = self._phrase(d)[0]
            fin_portee = evenements[i + 1][0] if i + 1 < len(evenements) else len(self.plie)
            i_debut = bisect.bisect_left(self.demandes, debut_portee)
            i_fin = bisect.bisect_left(self.demandes, fin_portee)
            if any(not (d <= p < f) for p in self.demandes[i_debut:i_fin]):
                self.responsables.append((d, f))
            else:
                self.interpelles_sans_demande.append((d, f))

    def _attribution(self, k: int, avant: str) -> bool:
        """Is the name at k made responsible ("à faire par Hugo", "Samir s'en charge"…)?"""
        jetons = self.jetons
        if _CHARGE_AVANT_NOM.search(avant):
            return True
        if _CHARGE_APRES_NOM.match(self.plie[jetons[k].fin:jetons[k].fin + 30]):
            return True
        if k >= 2 and jetons[k - 2].texte == "c'" and jetons[k - 1].texte == "est" and \
                k + 1 < len(jetons) and jetons[k + 1].texte == "qui":
            return True
        # "Hugo apporte le micro", "Léa programme l'e-mail": a name opening a clause, then a
        # present or future verb that is not an auxiliary, a verb of saying or of opinion.
        if not self._debut_de_proposition(k) or \
                (k > 0 and jetons[k - 1].texte in _CONNECTEURS_SUBORDONNEE):
            return False
        m = k + 1
        while m < len(jetons) and jetons[m].texte in _CLITIQUES and \
                jetons[m].texte not in ("m'", "t'", "l'", "en", "y"):
            m += 1
        if m >= len(jetons):
            return False
        verbe = jetons[m].texte
        if verbe in _AUXILIAIRES_ET_PAROLE or m > k + 1 and jetons[m - 1].texte in ("m'", "t'"):
            return False
        if verbe in ("doit", "devra", "va", "fait", "fera", "prend", "prendra") or \
                verbe in _IMPERATIFS or (verbe.endswith(("ra", "era")) and len(verbe) > 4):
            return True
        return False

    def _demandes(self) -> list[int]:
        positions = [m.start() for m in _DEMANDES.finditer(self.plie)]
        # a question in the second person
        for debut, fin in zip([0] + self.fins, self.fins + [len(self.plie)]):
            phrase = self.plie[debut:fin]
            if phrase.rstrip().endswith("?") and _DEUXIEME_PERSONNE.search(phrase):
                positions.append(debut + _DEUXIEME_PERSONNE.search(phrase).start())
        # an imperative opening a clause; an infinitive opening a list item
        for k, jeton in enumerate(self.jetons):
            mot = jeton.texte
            if not self._debut_de_proposition(k):
                continue
            if mot in _PAS_IMPERATIFS:
                continue
            if _CLITIQUE_IMPERATIF.match(mot) or mot in _IMPERATIFS or (
                    mot.endswith("ez") and len(mot) > 3 and mot not in _NON_IMPERATIFS_EZ):
                positions.append(jeton.debut)
            elif k > 0 and self.jetons[k - 1].texte in ("\n", "-", "•", "*") or \
                    (k > 1 and self.jetons[k - 1].texte == "." and
                     re.fullmatch(r"\d+", self.jetons[k - 2].texte)):
                if re.fullmatch(r"[a-z]{3,}(?:er|ir|re)", mot):
                    positions.append(jeton.debut)
        # a deadline given to the addressee: "Inès, pour le 3 mai : …"
        positions += [m.start() for m in re.finditer(
            r"\bvoici (?:le brief|ta mission|tes missions|ta tache|tes taches|ta to-do|ce qu'il"
            r"|ce que j'attends|ce dont j'ai besoin)", self.plie)]
        for debut, _ in self.dates:
            if re.search(r"\b(?:pour|avant|d'ici|jusqu'au|rendu|rendue|livraison|deadline"
                         r"|echeance|a rendre|a livrer|remise|attendue?s?|due)\s*:?\s+"
                         r"(?:le\s+)?(?:\w+\s+)?$",
                         self.plie[max(0, debut - 25):debut]):
                positions.append(debut)
        return sorted(positions)

    # -- done criterion

    def _lire_critere(self) -> None:
        self.annonces: list[tuple[int, int]] = []
        self.annonces_vides: list[tuple[int, int]] = []
        self.observables: list[tuple[int, int]] = []
        self.annules: list[tuple[int, int]] = []
        for m in _ANNONCE_FIN.finditer(self.plie):
            _, fin_phrase = self._phrase(m.start())
            contenu = self.plie[m.end():fin_phrase]
            if not contenu.strip(" .!?:=\n") or re.search(r"\betc\b", contenu) or (
                    _INTENTIONS.search(contenu) and not self._observables_dans(m.end(),
                                                                                fin_phrase)):
                self.annonces_vides.append((m.start(), m.end()))
            else:
                self.annonces.append((m.start(), m.end()))
        for debut, fin in self._observables_dans(0, len(self.plie)):
            d, f = self._phrase(debut)
            if re.search(r"\betc\b", self.plie[d:f]):
                self.annules.append((debut, fin))
            else:
                self.observables.append((debut, fin))
        self.intentions = [(m.start(), m.end()) for m in _INTENTIONS.finditer(self.plie)]
        self.etc = [(d, f) for d, f, c in self.flous if c == "etc"]

    def _observables_dans(self, debut: int, fin: int) -> list[tuple[int, int]]:
        zone = self.plie[debut:fin]
        trouves = [(debut + m.start(), debut + m.end()) for m in _FORMATS.finditer(zone)]
        trouves += [(debut + m.start(), debut + m.end()) for m in _LIEUX.finditer(zone)]
        trouves += [(debut + m.start(), debut + m.end()) for m in _CIBLE_CRITERE.finditer(zone)]
        for m in _COMPTE.finditer(zone):
            nom = m.group(2)
            if nom in _PAS_DES_LIVRABLES or self._dans(debut + m.start(), self.dates) or \
                    re.fullmatch(r"(?:19|20)\d\d", m.group(1)):
                continue
            avant = self.plie[max(0, debut + m.start() - 20):debut + m.start()]
            if re.search(r"\b(?:vous|nous|tous les|toutes les|eux|elles)\s*$", avant):
                continue  # "l'une de vous deux", "tous les deux"
            index = _INDEX_AVANT.search(avant)
            if index and index.group(0).strip().rstrip("'") not in _INDEX_PERMIS:
                continue
            trouves.append((debut + m.start(), debut + m.end()))
        return sorted(trouves)


# ---------------------------------------------------------------- remarks


def _typo(phrase: str) -> str:
    """French typography: a narrow no-break space before ; : ! ?, inside « » and before a unit."""
    phrase = re.sub(r"\s+([;:!?])", "\u202f\\1", phrase)
    phrase = re.sub(r"«\s*", "«\u202f", phrase)
    phrase = re.sub(r"(\d) (h|min|s|%|€)(?=[\s.,;:!?)»]|$)", "\\1\u202f\\2", phrase)
    return re.sub(r"\s*»", "\u202f»", phrase)


def _liste(expressions: list[str]) -> str:
    citees = [f"« {e} »" for e in expressions]
    if len(citees) == 1:
        return citees[0]
    return ", ".join(citees[:-1]) + " et " + citees[-1]


# category: (what one expression is, what several are, what to write instead)
_CONSEILS_FLOUS = {
    "delai": ("délai flou, que chacune lit à sa façon",
              "délais flous, que chacune lit à sa façon",
              "Écris plutôt une date et une heure (« le 12 mai avant 10 h »)."),
    "date": ("date relative, qui change selon le jour où on lit le message",
             "dates relatives, qui changent selon le jour où on lit le message",
             "Écris le jour et le mois (« mercredi 12 mai »)."),
    "quantite": ("quantité floue", "quantités floues",
                 "Donne le nombre exact (« 3 témoignages »)."),
    "condition": ("condition floue, qui laisse le choix",
                  "conditions floues, qui laissent le choix",
                  "Décide, ou dis dans quel cas le faire (« si la vidéo dépasse 2 min, ajoute des "
                  "sous-titres »)."),
    "etc": ("liste ouverte", "listes ouvertes", "Écris la liste complète de ce qui est attendu."),
    "frequence": ("fréquence floue", "fréquences floues",
                  "Donne un rythme chiffré (« chaque lundi à 9 h »)."),
    "qualite": ("jugement de qualité, que chacune comprend à sa façon",
                "jugements de qualité, que chacune comprend à sa façon",
                "Dis à quoi on le vérifie : un format, une longueur, un modèle à suivre."),
    "verbe": ("verbe vague", "verbes vagues",
              "Dis l'action précise (envoyer, relire, publier…) et ce qu'elle produit."),
    "cible": ("sans chiffre cible", "sans chiffre cible",
              "Donne l'objectif chiffré (« de 20 % », « pour atteindre 35 % »)."),
}
# A date in May 2027 (the launch) for each weekday, so examples stay true to the calendar.
_EXEMPLES_JOURS = {"lundi": 10, "mardi": 11, "mercredi": 12, "jeudi": 13, "vendredi": 14,
                   "samedi": 15, "dimanche": 16}
_ORDRE_CATEGORIES = ("delai", "date", "quantite", "condition", "etc", "frequence", "qualite",
                     "verbe", "cible")


def _remarques(lecture: _Lecture, echeance: bool, responsable: bool,
               critere: bool) -> list[str]:
    remarques: list[str] = []
    if not lecture.plie.strip():
        return [_typo("Consigne vide : écris qui fait quoi, pour quand, et à quoi on voit que "
                      "c'est fini (« Léa, peux-tu relire la page avant le 12 mai à 10 h ? "
                      "Terminé = corrections dans le Google Doc »).")]
    vus: set[str] = set()
    par_categorie: dict[str, list[str]] = {}
    for debut, fin, categorie in lecture.flous:
        texte = lecture.citer(debut, fin)
        if texte.lower() in vus:
            continue
        vus.add(texte.lower())
        par_categorie.setdefault(categorie, []).append(texte)
    for categorie in _ORDRE_CATEGORIES:
        if categorie in par_categorie:
            un, plusieurs, conseil = _CONSEILS_FLOUS[categorie]
            mots_categorie = par_categorie[categorie]
            nature = un if len(mots_categorie) == 1 else plusieurs
            remarques.append(_typo(f"Mots flous : {_liste(mots_categorie)} ({nature}). {conseil}"))

    if not echeance:
        relatives = [lecture.citer(d, f) for d, f, c in lecture.flous if c == "date"]
        jours = list(dict.fromkeys(lecture.citer(d, f).lower() for d, f in lecture.jours_seuls))
        quantiemes = [lecture.citer(d, f) for d, f in lecture.quantiemes_seuls]
        if jours:
            seul = "seul ne dit" if len(jours) == 1 else "seuls ne disent"
            phrase = (f"Échéance : {_liste(jours)} {seul} pas quelle semaine. Ajoute le jour "
                      f"et le mois (« {jours[0]} {_EXEMPLES_JOURS.get(_plier(jours[0]), 12)} "
                      "mai »).")
        elif quantiemes:
            phrase = (f"Échéance : {_liste(quantiemes)} sans mois n'est pas une date complète. "
                      "Ajoute le mois (« le 12 mai »).")
        elif relatives:
            phrase = (f"Échéance : pas de date du calendrier, seulement {_liste(relatives)}. "
                      "Écris le jour et le mois (« le 12 mai avant 10 h »).")
        else:
            phrase = ("Échéance : aucune date. Ajoute le jour et le mois, et l'heure si elle "
                      "compte (« le 12 mai avant 10 h »).")
        remarques.append(_typo(phrase))

    if not responsable:
        groupes = [lecture.citer(d, f) for d, f in lecture.groupes]
        flous = [lecture.citer(m.start(), m.end())
                 for m in _PERSONNE_FLOUE.finditer(lecture.plie)]
        autrice = [lecture.citer(m.start(), m.end()) for m in _AUTRICE.finditer(lecture.plie)]
        sans_demande = [lecture.citer(d, f) for d, f in lecture.interpelles_sans_demande]
        cites = [lecture.citer(d, f) for d, f in lecture.cites]
        if groupes:
            phrase = ("Responsable : ta consigne s'adresse à plusieurs personnes "
                      f"({_liste(groupes)})."
                      " Nomme une seule responsable par tâche (« Léa, peux-tu… », « à faire par "
                      "Hugo »).")
        elif sans_demande:
            phrase = (f"Responsable : tu t'adresses à {_liste(sans_demande)}, mais sans rien "
                      "demander. Formule la demande (« Léa, peux-tu relire la page ? »).")
        elif autrice:
            phrase = (f"Responsable : {_liste(autrice)} : c'est toi qui t'en charges. Si la tâche "
                      "revient à quelqu'un d'autre, nomme-la (« à faire par Hugo »).")
        elif flous:
            phrase = (f"Responsable : aucun nom, seulement {_liste(list(dict.fromkeys(flous)))}. "
                      "Nomme la personne qui s'en charge (« à faire par Hugo », « Léa, "
                      "peux-tu… »).")
        elif cites:
            phrase = (f"Responsable : tu cites {_liste(list(dict.fromkeys(cites)))}, mais sans "
                      "confier la tâche à personne. Dis qui la fait (« Hugo, peux-tu… » ou "
                      "« à faire par Hugo »).")
        else:
            phrase = ("Responsable : personne n'est nommé. Adresse la consigne à une personne "
                      "(« Léa, peux-tu… », « @Inès ») ou attribue-la (« à faire par Hugo »).")
        remarques.append(_typo(phrase))

    if not critere:
        intentions = list(dict.fromkeys(lecture.citer(d, f) for d, f in lecture.intentions))
        etc = list(dict.fromkeys(lecture.citer(d, f) for d, f in lecture.etc))
        vides = list(dict.fromkeys(lecture.citer(d, f) for d, f in lecture.annonces_vides))
        if vides and (intentions or etc):
            suite = "d'une liste ouverte" if etc else "d'une intention"
            phrase = (f"Critère de fin : {_liste(vides)} est suivi {suite} "
                      f"({_liste(etc or intentions)}), pas d'un état vérifiable. Écris ce qu'on "
                      "pourra constater (« fichier MP4 dans le dossier Replay »).")
        elif etc:
            phrase = ("Critère de fin : la liste finit par « etc. », on ne sait pas quand c'est "
                      "fini. Écris tout ce qui est attendu, avec un nombre ou un format.")
        elif intentions:
            phrase = (f"Critère de fin : {_liste(intentions)} est une intention, pas un critère. "
                      "Ajoute « Terminé = … » avec un format, un lieu ou un nombre.")
        else:
            phrase = ("Critère de fin : rien ne dit à quoi on voit que c'est fini. Ajoute "
                      "« Terminé = … » avec un format (MP4, PDF), un lieu (le dossier du Drive) "
                      "ou un nombre (3 visuels).")
        remarques.append(_typo(phrase))

    if not remarques:
        remarques.append(_typo("Consigne claire : une responsable, une date, un critère de fin "
                               "et aucun mot flou."))
    return remarques


# ---------------------------------------------------------------- the result


def _badge(present: bool, nom: str) -> str:
    couleur, fond, icone = ("#1e7d32", "#e8f5e9", "✅") if present else ("#b3261e", "#fdecea", "❌")
    return (f'<span style="display:inline-block;margin-right:8px;padding:2px 8px;'
            f'border-radius:10px;background:{fond};color:{couleur};font-weight:bold">'
            f"{icone} {nom}</span>")


@dataclass(frozen=True, eq=True)
class AnalyseConsigne:
    """Le résultat de :func:`analyser_consigne`.

    - ``texte`` : la consigne analysée ;
    - ``mots_flous`` : les expressions floues trouvées, telles qu'écrites, une fois chacune,
      dans l'ordre du texte ;
    - ``echeance``, ``responsable``, ``critere_fini`` : vrai ou faux ;
    - ``remarques`` : ce qu'il faut préciser, en phrases qui citent les mots en cause ;
    - ``details`` : ce qui a décidé chaque réponse (dates, noms, critères trouvés) ;
    - ``claire`` : aucun mot flou, et échéance, responsable et critère de fin présents.
    """

    texte: str
    mots_flous: list[str]
    echeance: bool
    responsable: bool
    critere_fini: bool
    remarques: list[str]
    details: dict[str, list[str]] = field(default_factory=dict)
    _reperes: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)

    @property
    def claire(self) -> bool:
        """Vrai quand la consigne n'a aucun mot flou et a une échéance, une responsable et un
        critère de fin."""
        return not self.mots_flous and self.echeance and self.responsable and self.critere_fini

    @property
    def manquants(self) -> list[str]:
        """Ce qu'il reste à préciser, parmi « mots_flous », « echeance », « responsable » et
        « critere_fini »."""
        manque = ["mots_flous"] if self.mots_flous else []
        return manque + [nom for nom in ("echeance", "responsable", "critere_fini")
                         if not getattr(self, nom)]

    def en_dict(self) -> dict:
        """Le résultat sous forme de dictionnaire de valeurs simples (pour l'enregistrer ou le
        comparer)."""
        return {"mots_flous": list(self.mots_flous), "echeance": self.echeance,
                "responsable": self.responsable, "critere_fini": self.critere_fini,
                "claire": self.claire, "remarques": list(self.remarques)}

    def __str__(self) -> str:
        def oui_non(valeur: bool) -> str:
            return "✅" if valeur else "❌"
        flous = ", ".join(f"« {m} »" for m in self.mots_flous) or "aucun"
        lignes = [_typo(f"{oui_non(not self.mots_flous)} mots flous : {flous} · "
                        f"{oui_non(self.echeance)} échéance · "
                        f"{oui_non(self.responsable)} responsable · "
                        f"{oui_non(self.critere_fini)} critère de fin")]
        return "\n".join(lignes + [f"- {r}" for r in self.remarques])

    def _texte_html(self) -> str:
        """The instruction, escaped, with its vague expressions highlighted."""
        morceaux, position = [], 0
        for debut, fin in self._reperes:
            morceaux.append(html.escape(self.texte[position:debut]))
            morceaux.append('<mark style="background:#fff3cd">'
                            f"{html.escape(self.texte[debut:fin])}</mark>")
            position = fin
        morceaux.append(html.escape(self.texte[position:]))
        return "".join(morceaux).replace("\n", "<br>")

    def _repr_html_(self) -> str:
        titre = "Consigne claire" if self.claire else "Consigne à préciser"
        bordure = "#1e7d32" if self.claire else "#b3261e"
        remarques = "".join(f"<li>{html.escape(r)}</li>" for r in self.remarques)
        texte = (f'<blockquote style="margin:6px 0;padding-left:8px;border-left:2px solid #ccc">'
                 f"{self._texte_html()}</blockquote>" if self.texte.strip() else "")
        return (f'<div class="obm-clarte" style="border-left:5px solid {bordure};'
                f'padding:6px 10px;margin:4px 0;color:#222"><b>{titre}</b><br>'
                f'<div style="margin:6px 0">{_badge(not self.mots_flous, "Aucun mot flou")}'
                f'{_badge(self.echeance, "Échéance")}{_badge(self.responsable, "Responsable")}'
                f'{_badge(self.critere_fini, "Critère de fin")}</div>{texte}'
                f'<ul style="margin:4px 0 0 0">{remarques}</ul></div>')


def analyser_consigne(texte: str) -> AnalyseConsigne:
    """Analyse une consigne écrite : mots flous, échéance, responsable et critère de fin.

    Renvoie une :class:`AnalyseConsigne` avec ``mots_flous`` (les expressions floues, telles
    qu'écrites), ``echeance``, ``responsable``, ``critere_fini`` (vrai ou faux), ``claire``
    (tout est précis) et ``remarques`` (ce qu'il faut ajouter, en citant les mots en cause).

    Les règles du cours :

    - **mots flous** : la liste du module (« rapidement », « dès que possible », « quelques »,
      « environ », « si possible », « etc. », « simple », « bien », « gérer », « s'occuper
      de », « voir avec », « optimiser »…) sous toutes leurs formes, et les dates relatives
      (« demain », « cette semaine », « lundi prochain »). « bien » compte seulement quand il
      juge la qualité (« fais-le bien », pas « bien reçu »). « améliorer » et « optimiser »
      ne sont pas flous quand un chiffre cible suit (« de 20 % ») ;
    - **échéance** : une date du calendrier, jour et mois (« le 12 mai », « 12/05 »). Un jour
      de semaine seul (« mercredi avant 10 h ») ne suffit pas ;
    - **responsable** : une personne nommée est sollicitée (« Léa, peux-tu… », « @Inès ») ou
      désignée (« à faire par Hugo », « Samir s'en charge ») ;
    - **critère de fin** : « Terminé = … », « Livrable : … », ou un livrable observable (un
      format, un lieu, un nombre) ; « fais au mieux » ou une liste en « etc. » n'en sont pas.
      Quand « Terminé = » annonce une intention (« Terminé = fais au mieux »), il n'y a pas de
      critère de fin, même si un nombre ou un format figure ailleurs dans la consigne.

    Le texte entre « » n'est pas analysé. Un texte vide est analysé (tout manque).

    Exemple ::

        >>> analyse = analyser_consigne("Léa, peux-tu envoyer rapidement le mail replay ?")
        >>> analyse.mots_flous, analyse.echeance, analyse.responsable, analyse.critere_fini
        (['rapidement'], False, True, False)
    """
    if not isinstance(texte, str):
        raise TypeInvalide(
            f"La consigne doit être un texte entre guillemets, pas un objet de type "
            f"{type(texte).__name__} ({texte!r:.60}). Écris par exemple "
            "consigne = \"Léa, peux-tu programmer l'e-mail avant le 12 mai à 10 h ?\"."
        )
    lecture = _Lecture(texte)
    mots: list[str] = []
    for debut, fin, _ in lecture.flous:
        expression = lecture.citer(debut, fin)
        if expression.lower() not in (m.lower() for m in mots):
            mots.append(expression)
    echeance = bool(lecture.dates)
    responsable = bool(lecture.responsables)
    # An explicit statement of done governs: « Terminé = fais au mieux » is the writer's own
    # definition of done, an intention, and a count or a format elsewhere (« les 3 vidéos »)
    # does not make it checkable.
    critere = bool(lecture.annonces) or (bool(lecture.observables)
                                         and not lecture.annonces_vides)
    details = {
        "echeance": [lecture.citer(d, f) for d, f in lecture.dates],
        "dates_incompletes": [lecture.citer(d, f)
                              for d, f in lecture.jours_seuls + lecture.quantiemes_seuls],
        "responsable": [lecture.citer(d, f) for d, f in sorted(set(lecture.responsables))],
        "personnes_citees": [lecture.citer(d, f) for d, f in lecture.cites],
        "critere_fini": [lecture.citer(d, f)
                         for d, f in sorted(set(lecture.annonces + lecture.observables))],
        "criteres_ecartes": [lecture.citer(d, f)
                             for d, f in sorted(lecture.annonces_vides + lecture.annules)],
    }
    return AnalyseConsigne(lecture.original, mots, echeance, responsable, critere,
                           _remarques(lecture, echeance, responsable, critere), details,
                           tuple((d, f) for d, f, _ in lecture.flous))


# ---------------------------------------------------------------- helpers for the exercise


def parle_de(texte: str, mots: list[str]) -> bool:
    """Vrai quand ``texte`` contient chacun des ``mots`` (sans tenir compte des majuscules, des
    accents, ni des tirets ou espaces : « sous titres » contient « sous-titre »).

    Le pré-contrôle de l'exercice 07 s'en sert pour vérifier qu'une consigne réécrite parle
    toujours de la même tâche ; il ne juge pas le reste.
    """
    if not isinstance(texte, str):
        return False
    plie = re.sub(r"[\s-]+", " ", _plier(unicodedata.normalize("NFC", texte)))
    return all(re.sub(r"[\s-]+", " ", _plier(unicodedata.normalize("NFC", mot))) in plie
               for mot in mots)


_A_COMPLETER = "*(à compléter)*"


def _champ(valeur) -> str:
    """One field of the SOP as text, or « (à compléter) » while the learner has not filled it."""
    if valeur is None or valeur is Ellipsis:
        return _A_COMPLETER
    texte = str(valeur).strip()
    return texte or _A_COMPLETER


def _elements(valeurs) -> list[str]:
    if not isinstance(valeurs, (list, tuple)):
        return []
    return [str(v).strip() for v in valeurs
            if v is not None and v is not Ellipsis and str(v).strip()]


def ecrire_modele_sop(*, titre, reference="SOP-01", version="1", mise_a_jour=None,
                      responsable=None, objectif=None, declencheur=None, prerequis=(),
                      etapes=(), echeance=None, termine=None, si_probleme=None, modeles=(),
                      nom="07_modele_sop.md"):
    """Écrit ta procédure (SOP) dans ``livrables/07_modele_sop.md``, au format Markdown.

    Le fichier suit le squelette d'une SOP vu dans la leçon 07 : référence, version, date de
    mise à jour et responsable ; objectif ; déclencheur ; prérequis et accès ; étapes
    numérotées ; échéance ; « Terminé = » ; que faire si ça coince ; modèles et liens.
    Une rubrique que tu n'as pas encore remplie (``...``) est écrite « (à compléter) » :
    relance la cellule quand tu l'as écrite. Sous les étapes, la relecture automatique
    signale les mots flous de chacune (la même analyse que le pré-contrôle).

    ``prerequis``, ``etapes`` et ``modeles`` sont des listes de textes ; le reste, des textes.
    Renvoie le reçu du fichier écrit (son chemin et un résumé).
    """
    from obm.livrables import FichierLivrable, chemin_livrable

    liste_etapes = _elements(etapes)
    lignes = [
        f"# SOP · {_champ(titre)}",
        "",
        "| Référence | Version | Mise à jour | Responsable |",
        "|---|---|---|---|",
        f"| {_champ(reference)} | {_champ(version)} | {_champ(mise_a_jour)} | "
        f"{_champ(responsable)} |",
        "",
        "## Objectif",
        "",
        _champ(objectif),
        "",
        "## Déclencheur",
        "",
        _champ(declencheur),
        "",
        "## Prérequis et accès",
        "",
    ]
    lignes += [f"- {p}" for p in _elements(prerequis)] or [_A_COMPLETER]
    lignes += ["", "## Étapes", "", "Une étape = un verbe à l'impératif, une action, un résultat "
               "visible.", ""]
    lignes += [f"{i}. {e}" for i, e in enumerate(liste_etapes, start=1)] or [_A_COMPLETER]
    signalees = []
    for i, etape in enumerate(liste_etapes, start=1):
        flous = analyser_consigne(etape).mots_flous
        if flous:
            signalees.append(f"- étape {i} : " + ", ".join(f"« {m} »" for m in flous))
    if liste_etapes:
        lignes += ["", "Relecture automatique des étapes : "
                   + ("aucun mot flou." if not signalees else "mots flous à remplacer :")]
        lignes += signalees
    lignes += ["", "## Échéance", "", _champ(echeance), "",
               "## Terminé =", "", _champ(termine), "",
               "## Si ça coince", "", _champ(si_probleme), "",
               "## Modèles et liens", ""]
    lignes += [f"- {m}" for m in _elements(modeles)] or [_A_COMPLETER]
    lignes += ["", "---", "",
               "Avant de diffuser : fais relire la procédure par la personne qui l'exécutera, "
               "puis note la version et la date de mise à jour.", ""]
    chemin = chemin_livrable(nom)
    chemin.write_text(_typo("\n".join(lignes)), encoding="utf-8")
    vides = sum(_champ(v) == _A_COMPLETER
                for v in (responsable, echeance, termine, si_probleme)) + (not liste_etapes)
    n = len(liste_etapes)
    resume = f"{n} étape" + ("s" if n > 1 else "")
    resume += (f", {vides} rubrique" + ("s" if vides > 1 else "") + " encore à compléter"
               if vides else ", toutes les rubriques remplies")
    return FichierLivrable(chemin, {"format": "md", "etapes": len(liste_etapes),
                                    "a_completer": vides, "resume": resume})
