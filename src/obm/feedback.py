"""Le feedback constructif : SBI (Situation – Comportement – Impact) et STAR/AR.

- :func:`analyser_sbi` lit un feedback écrit d'un bloc et dit s'il a une **situation** (un
  moment précis), un **comportement** observable (sans jugement, généralisation ni intention
  prêtée) et un **impact** (une conséquence), avec une remarque en français par partie : ce
  qui a été trouvé, ou ce qu'il faut ajouter ou reformuler ;
- :func:`analyser_sbi_parties` fait la même analyse quand les trois parties sont écrites à part ;
- :func:`structurer_star` met en forme un feedback STAR (Situation, Tâche, Action, Résultat),
  avec l'action et le résultat alternatifs (AR) d'un feedback de développement ;
- :func:`passer_en_revue` présente plusieurs feedbacks analysés en un tableau, et
  :func:`bilan_feedbacks` fait le bilan d'un journal de feedbacks (positifs, SBI complets) ;
- :func:`ecrire_fiche_sbi` écrit la fiche SBI imprimable (HTML et Markdown) dans ``livrables/``,
  avec les feedbacks de l'apprenante.

Les règles d'étiquetage sont celles du cours (DESIGN.md, « obm.feedback.analyser_sbi »).
L'analyseur est fait de règles et de listes de mots lisibles dans ce fichier : pas de modèle
à télécharger, une réponse en une fraction de milliseconde, et chaque verdict cite les mots
qui l'ont déclenché (``details``).
"""

# How it works (for maintainers). The text is lower-cased (apostrophes unified), quotations are
# blanked (quoted words are observable speech, never a judgement), then cut into sentences and
# clauses at punctuation and connectors ("du coup", "alors que", "quand"...). For each clause we
# find its opening connector and its subjects (tu/vous, je/on/nous, il/elle/names, noun phrases
# before a third-person verb). Then:
#   - situation: a moment ("hier", "mardi", "le 12 mars") or one named event ("pendant l'appel
#     avec Maison Lumière") that dates the addressee's behaviour, i.e. not inside a frame
#     ("comme je te le disais hier", "depuis jeudi", "pour le 30 avril") and not in a clause that
#     is the speaker's own act, someone's words or the consequence;
#   - comportement: an observable act of the addressee ("tu as envoyé", the work described
#     with a concrete detail, or her work as the speaker received it: "je l'ai reçue mercredi à
#     18 h") and no judging, generalising, mind-reading or vague-praise word. Some words judge
#     only in context: "encore" on her act ("tu as encore envoyé", not "pas encore" or "tu
#     parlais encore"), "habituel" or a trait noun after "ton"/"ta"/"avec" ("ta nonchalance
#     habituelle"), a label noun after "comme une", "en vraie" ("comme une débutante"), an
#     attitude or a feeling lent to her ("tu ne prends pas nos délais au sérieux", "la réunion
#     ne t'intéressait pas", "comme si…"). An act with nothing in it ("tu as parlé", "tu as
#     réagi", "tu as fait des choses pendant le point"), or with an empty noun for object ("tu
#     as présenté des choses", unless what they are follows), is not observable;
#   - impact: a clause after the first mention of the behaviour that tells a consequence (a
#     consequence connector, a feeling of the speaker, someone else's reaction, an event on the
#     work, "cela a obligé Léa à…") and is not a contrast, a comparison, advice, a hypothesis or
#     a question.
# Words are compared without accents, except words of one or two letters ("à" is not "a",
# "dû" is not "du"), so a learner who types "negligente" is read like "négligente".
# A lexicon entry ending with "*" matches any ending of its last word.

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = [
    "AnalyseSBI",
    "BilanFeedbacks",
    "FeedbackStar",
    "FicheSBI",
    "RevueSBI",
    "analyser_sbi",
    "analyser_sbi_parties",
    "bilan_feedbacks",
    "ecrire_fiche_sbi",
    "passer_en_revue",
    "structurer_star",
]

PARTIES = ("situation", "comportement", "impact")
_LONGUEUR_MAX = 5000


# ---------------------------------------------------------------- text preparation


def _cle(mot: str) -> str:
    """The comparison key of a word: without accents, except for words of one or two letters."""
    if len(mot) <= 2:
        return mot
    return "".join(c for c in unicodedata.normalize("NFD", mot) if not unicodedata.combining(c))


def _normaliser(texte: str) -> str:
    """Lower case, one kind of apostrophe and of space; same length as the input."""
    sortie = []
    for c in texte:
        if c in "’‘ʼ`´":
            c = "'"
        elif c in "\u00a0\u202f\u2009\t\r":
            c = " "
        bas = c.lower()
        sortie.append(bas if len(bas) == 1 else c)
    return "".join(sortie)


_CITATION = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")


def _masquer_citations(texte: str) -> str:
    """Blank the inside of quotations, keeping the marks (a quotation is an observable detail)."""
    return _CITATION.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1],
                         texte)


@dataclass(frozen=True)
class _Mot:
    texte: str  # lower case, accents kept
    cle: str  # comparison key
    debut: int  # position in the original text
    fin: int
    majuscule: bool  # starts with a capital letter in the original text


_JETON = re.compile(r"aujourd'hui|[^\W\d_]+'|\w+(?:-\w+)*|[^\w\s]")


def _decouper_mots(original: str, prepare: str) -> list[_Mot]:
    return [_Mot(m.group(0), _cle(m.group(0)), m.start(), m.end(), original[m.start()].isupper())
            for m in _JETON.finditer(prepare)]


# ---------------------------------------------------------------- lexicons


def _ensemble(*mots: str) -> frozenset[str]:
    return frozenset(_cle(_normaliser(m)) for m in mots)


def _egal(cle: str, motif: str) -> bool:
    return cle.startswith(motif[:-1]) if motif.endswith("*") else cle == motif


class _Lexique:
    """Expressions of one or more words, matched on comparison keys."""

    def __init__(self, entrees: dict[str, str]):
        self._par_premier: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for expression, categorie in entrees.items():
            prefixe = expression.endswith("*")
            mots = _JETON.finditer(_normaliser(expression.rstrip("*")))
            motif = tuple(_cle(m.group(0)) for m in mots)
            if prefixe:
                motif = motif[:-1] + (motif[-1] + "*",)
            self._par_premier.setdefault(motif[0].rstrip("*")[:3], []).append((motif, categorie))

    def chercher(self, mots: list[_Mot], debut: int = 0, fin: int | None = None):
        """Yield (first word, word after the last, category) for every match in mots[debut:fin]."""
        fin = len(mots) if fin is None else fin
        for i in range(debut, fin):
            for motif, categorie in self._par_premier.get(mots[i].cle[:3], ()):
                j = i + len(motif)
                if j <= fin and all(_egal(mots[i + k].cle, p) for k, p in enumerate(motif)):
                    yield i, j, categorie


_JOURS = _ensemble("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MOIS = _ensemble("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre")

# Moments that date one occurrence: a day or a part of a day.
_MOMENTS = _Lexique({e: "moment" for e in (
    "hier", "avant-hier", "aujourd'hui", "ce matin", "ce midi", "cet après-midi", "ce soir",
    "cette nuit", "cette matinée", "cette après-midi", "tout à l'heure", "à l'instant",
    "la veille", "l'avant-veille", "le lendemain", "le surlendemain", "le jour même",
    "le soir même", "le matin même", "ce jour-là", "ce matin-là", "ce soir-là",
    "cet après-midi-là", "il y a deux jours", "il y a trois jours", "il y a quatre jours",
    "il y a cinq jours", "il y a une heure", "il y a deux heures", "il y a une semaine",
    "il y a huit jours", "il y a quinze jours", "le jour de l'ouverture",
    "le jour du webinaire", "le jour du live",
)})
# Time words too loose to be a situation (for the remarks).
_MOMENTS_FLOUS = _Lexique({e: "flou" for e in (
    "l'autre jour", "récemment", "dernièrement", "il y a quelque temps", "il y a peu",
    "ces derniers temps", "ces derniers jours", "ces dernières semaines", "la semaine dernière",
    "le mois dernier", "cette semaine", "un jour", "depuis ton arrivée", "depuis le début",
    "depuis quelque temps", "à un moment",
)})
# Habits and plurals (for the remarks: never a situation).
_HABITUDES = _Lexique({e: "habitude" for e in (
    "toujours", "souvent", "systématiquement", "à chaque fois", "chaque fois", "tous les",
    "toutes les", "chaque", "d'habitude", "en général", "régulièrement", "tout le temps",
    "pendant les", "lors des", "aux réunions", "durant les", "les lundis", "le lundi",
    "le mardi", "le mercredi", "le jeudi", "le vendredi", "le matin", "le soir", "sur les",
)})

# Named events: one occurrence when singular and introduced by a time preposition.
_EVENEMENTS = _ensemble(
    "réunion", "point", "appel", "visio", "visioconférence", "webinaire", "webinar", "live",
    "direct", "tournage", "répétition", "relecture", "rendez-vous", "rdv", "entretien",
    "atelier", "séance", "session", "call", "démo", "démonstration", "conférence",
    "présentation", "formation", "salon", "événement", "évènement", "comité", "brief",
    "briefing", "débrief", "debrief", "débriefing", "échange", "coaching", "masterclass",
    "ouverture", "fermeture", "envoi", "séminaire", "enregistrement", "interview", "export",
    "visite", "permanence",
)
_ADJECTIFS_EVENEMENT = _ensemble("dernier", "dernière", "premier", "première", "grand", "grande",
                                 "petit", "petite", "fameux", "fameuse", "second", "seconde")
_DETERMINANTS_UN = _ensemble("le", "la", "l'", "du", "de", "d'", "ce", "cet", "cette", "notre",
                             "ton", "ta", "votre", "mon", "ma")
_DETERMINANTS_PLURIEL = _ensemble("les", "des", "aux", "nos", "vos", "tes", "ces", "mes",
                                  "chaque", "tous", "toutes", "leurs", "plusieurs")
_SUITES_D_EVENEMENT = _ensemble("de", "d'", "du", "avec", "h")
_PREPOSITIONS_EVENEMENT = _ensemble("pendant", "durant", "avant", "après", "lors")
_METTRE = _ensemble("mettre", "mis", "mise", "mets", "met", "mettais", "remis", "remettre")

# A word just before a moment that makes it a deadline or a period, not the behaviour's moment.
_CADRES_AVANT = _ensemble("depuis", "jusqu'", "jusque", "d'ici", "pour", "prévu", "prévue",
                          "prévus", "prévues", "convenu", "convenue", "dès", "partir", "attendu",
                          "attendue", "attendions", "attendait")
_CADRES_APRES = _ensemble("prochain", "prochaine", "suivant", "suivante")
# Verbs of saying, thinking or receiving: a moment in their clause dates them.
_VERBES_PAROLE = _ensemble(
    "dit", "disais", "disait", "dis", "demandé", "demandais", "demandait", "écrit", "écrivais",
    "raconté", "expliqué", "annoncé", "convenu", "parlé", "discuté", "reparlé", "prévenu",
    "pensé", "repensé", "repense", "pense", "pensais", "réfléchi", "reçu", "appris", "lu",
    "promis", "rappelé", "confié", "confie", "signalé", "transmis", "téléphoné", "appelé",
)
_PERCEPTION = _ensemble("vu", "remarqué", "constaté", "noté", "observé", "entendu", "vois",
                        "voyais", "voyait", "remarque", "constate", "note", "voit", "sent",
                        "sentait", "sens", "sentais")

_CLITIQUES = _ensemble("ne", "n'", "me", "m'", "te", "t'", "se", "s'", "le", "la", "l'", "les",
                       "lui", "leur", "y", "en", "nous", "vous")
_ADVERBES = _ensemble(
    "pas", "plus", "jamais", "bien", "déjà", "encore", "toujours", "aussi", "même", "tout", "rien",
    "vraiment", "complètement", "directement", "seulement", "juste", "ensuite", "enfin",
    "souvent", "trop", "beaucoup", "peu", "mal", "très", "presque", "également", "immédiatement",
    "aussitôt", "rapidement", "vite", "d'abord", "personnellement", "toi-même", "vous-même",
    "clairement", "franchement", "simplement", "systématiquement", "parfois", "carrément",
    "volontairement", "exprès", "délibérément", "point", "guère", "si", "tellement", "alors",
    "donc", "ainsi", "ici", "là", "spontanément", "calmement", "sûrement", "probablement",
    "tous", "toutes", "elle-même", "lui-même", "soudain", "finalement", "ce", "matin", "hier",
)
_DETERMINANTS = _ensemble("le", "la", "l'", "les", "un", "une", "des", "du", "mon", "ma", "mes",
                          "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
                          "leur", "leurs", "ce", "cet", "cette", "ces", "chaque", "toute",
                          "tous", "toutes", "aucun", "aucune", "plusieurs", "certaines",
                          "certains", "quelques")
_POSSESSIFS_2 = _ensemble("ton", "ta", "tes", "votre", "vos", "toi")
_NOMBRES = _ensemble("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
                     "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente",
                     "quarante", "cinquante", "soixante", "cent", "cents", "mille", "dizaine",
                     "dizaines", "centaine", "centaines", "moitié", "quart", "tiers", "demi-heure")

# Persons and groups: their reaction is an impact.
_PERSONNES = _ensemble(
    "clara", "léa", "hugo", "inès", "samir", "maison", "cliente", "clientes", "client", "clients",
    "équipe", "personne", "personnes", "participante", "participantes", "participant",
    "participants", "inscrite", "inscrites", "inscrits", "abonnée", "abonnées", "abonnés",
    "prospecte", "prospectes", "prospects", "visiteuse", "visiteuses", "visiteurs",
    "acheteuse", "acheteuses", "lectrice", "lectrices", "responsable", "monteur", "copywriter",
    "assistante", "prestataire", "gens", "membres", "élèves", "apprenantes", "femmes",
    "freelances", "coachée", "coachées", "collègue", "collègues", "manager", "directrice",
    "fondatrice", "partenaire", "partenaires", "fournisseur", "monde", "followers",
    "communauté", "audience", "public",
)
_INDICATEURS = _ensemble(
    "taux", "ventes", "vente", "inscriptions", "ouvertures", "clics", "conversions", "conversion",
    "désabonnements", "vues", "partages", "likes", "commentaires", "réponses", "budget",
    "revenus", "recettes", "résultats", "nombre", "plaintes", "remboursements", "demandes",
    "messages", "mails", "e-mails", "emails", "achats", "commandes", "panier", "%",
)
_OUVRAGES = _ensemble(
    "titre", "titres", "objet", "objets", "vidéo", "vidéos", "logo", "page", "pages", "mail",
    "e-mail", "email", "message", "newsletter", "visuel", "visuels", "texte", "textes",
    "diapositive", "diapositives", "diapo", "diapos", "diaporama", "tableau", "rapport",
    "chiffre", "chiffres", "lien", "liens", "fichier", "fichiers", "facture", "publication",
    "post", "carrousel", "montage", "sous-titres", "légende", "image", "images", "devis",
    "compte", "document", "présentation", "séquence", "script", "planning", "calendrier",
    "formulaire", "article", "version", "son", "prix", "tarif", "bouton", "slide", "slides",
    "plan", "plans", "récapitulatif", "récap", "maquette", "miniature", "podcast", "guide",
)

# Third-person verb forms: a subject stands before them.
_VERBES_3 = _ensemble("a", "ont", "est", "sont", "avait", "avaient", "était", "étaient", "aura",
                      "auront", "sera", "seront", "va", "vont", "fut", "aurait", "auraient",
                      "serait", "seraient", "doit", "doivent", "devait", "devaient", "peut",
                      "peuvent", "pouvait", "pouvaient", "font", "reste", "restent", "semble",
                      "devra", "pourra", "pourrait", "devrait", "vient", "manque", "hésite",
                      "dit", "pense", "trouve", "demande", "répond", "écrit", "envoie", "dure",
                      "durent", "contient", "affiche", "comporte", "mesure", "compte")
_NON_VERBES_AIT = _ensemble("lait", "portrait", "trait", "souhait", "attrait", "retrait",
                            "extrait", "bienfait", "parfait", "forfait", "méfait")
_CONDITIONNEL_FUTUR = _ensemble(
    "aurait", "auraient", "aurais", "aurions", "auriez", "serait", "seraient", "serais",
    "pourrait", "pourraient", "pourrais", "devrait", "devraient", "devrais", "faudrait",
    "voudrait", "sera", "seront", "aura", "auront", "pourra", "pourront", "devra", "devront",
    "faudra", "serai", "aurai", "pourrai",
)
# States (not events) of a thing: a description of the work, not a consequence.
_ETATS = _ensemble("était", "étaient", "avait", "avaient", "faisait", "faisaient", "durait",
                   "duraient", "comptait", "comptaient", "contenait", "contenaient", "affichait",
                   "affichaient", "apparaissait", "apparaissaient", "indiquait", "mentionnait",
                   "comportait", "mesurait", "dépassait", "menait", "renvoyait", "pointait",
                   "manquait", "manquaient", "ressemblait", "commençait", "finissait", "est",
                   "sont", "fait", "dure", "compte", "contient", "affiche")

# "était confuse" evaluates; "était de 12 minutes" describes: the copula needs a number or a quote.
_COPULES = _ensemble("était", "étaient", "est", "sont", "avait", "avaient", "fait")

# What can follow a subject "tu" / "vous".
_AVOIR_2 = _ensemble("as", "avais", "avez", "aviez")
_ETRE_2 = _ensemble("es", "êtes", "étais", "étiez")
_NON_ACTES_2 = _ensemble(
    "peux", "pourrais", "pourras", "dois", "devrais", "devras", "devais", "deviez", "aurais",
    "auriez", "serais", "seriez", "voudrais", "vas", "allez", "pouvez", "pourriez", "devez",
    "devriez", "voulez", "voudriez", "veux", "sauras", "seras", "auras", "penses", "pensais",
    "pensez", "pensiez", "crois", "croyais", "croyez", "voulais", "vouliez", "sais", "savais",
    "savez", "fichais", "fiches", "fichiez", "moquais", "moques", "sentais", "sens", "sembles",
    "semblais", "sembliez", "paraissais", "aimes", "aimais", "préfères", "espères", "espérais",
    "assures", "assurez", "gères", "gérez", "déchires",
)
_PARTICIPES_MOUVEMENT = frozenset(_cle(base + fin) for base in (
    "arrivé", "parti", "passé", "resté", "venu", "allé", "entré", "sorti", "revenu", "retourné",
    "tombé", "monté", "descendu", "intervenu", "rentré", "reparti", "repassé", "parvenu",
) for fin in ("", "e", "s", "es"))
_PARTICIPES_MENTAUX = frozenset(_cle(base + fin) for base in (
    "voulu", "pensé", "cru", "senti", "paniqué", "souhaité", "espéré", "imaginé", "préféré",
    "aimé", "détesté", "dû", "pu", "su",
) for fin in ("", "e", "s"))
_NON_PARTICIPES = _DETERMINANTS | _ensemble("envie", "besoin", "raison", "tort", "peur", "hâte",
                                            "confiance", "air", "à", "eu", "été", "d'", "de")
_ATTRIBUTS_NEUTRES = _ensemble("en", "à", "absent", "absente", "absents", "présent", "présente",
                               "là", "dans", "sur", "avec", "chez", "de", "d'", "au", "aux",
                               "seul", "seule", "déjà", "encore", "à l'heure")

# Words that stop a description from being observable.
_JUGEMENTS = _Lexique({
    # labels on the person
    **{e: "jugement" for e in (
        "négligent*", "désorganisé*", "tête en l'air", "à côté de la plaque", "à l'ouest",
        "dans la lune", "une perle", "une vraie pro", "un vrai pro", "une pro", "un pro",
        "une star", "une championne", "un génie", "une fée", "bordélique*", "irresponsable*",
        "incompétent*", "compétente", "compétent", "paresseu*", "fainéant*", "désinvolte*",
        "impolie", "impoli", "agressive", "agressif", "arrogant*", "distraite", "distrait",
        "étourdi*", "brillant*", "géniale", "professionnelle", "professionnel", "très pro",
        "rigoureu*", "fiable", "fiables", "sérieuse", "efficace*", "réactive", "réactif", "douée",
        "doué", "talentueu*", "nulle", "lente", "gentille", "sympa", "adorable*", "incroyable*",
        "formidable*", "exceptionnel*", "remarquable*", "extraordinaire*", "fantastique*",
        "merveilleu*", "pénible*", "toxique*", "irrespectueu*", "insupportable*", "exemplaire*",
        "à la ramasse", "je-m'en-foutiste",
    )},
    # evaluations of the work with no observable detail
    **{e: "evaluation" for e in (
        "impeccable*", "excellent*", "parfait*", "magnifique*", "superbe*", "génial", "confus",
        "confuse", "confuses", "incomplet*", "bâclé*", "médiocre*", "catastrophique*",
        "lamentable*", "inacceptable*", "insuffisant*", "satisfaisant*", "insatisfaisant*",
        "pas au niveau", "à la hauteur", "de qualité", "clair", "claire", "pas clair",
        "limpide*", "brouillon", "approximati*", "flou", "floue", "négligé*",
        "mal fait*", "mal écrit*", "mal préparé*", "mal organisé*", "pertinent*", "percutant*",
        "convaincant*", "nickel", "pas bon", "pas bonne", "pas terrible", "pas top", "bof",
        "c'était moyen", "c'est moyen", "était moyen", "plutôt moyen", "assez moyen",
        "un peu moyen", "pas ça", "mal passé", "bien passé", "très bien", "c'était bien",
        "c'est bien", "pas bien", "à revoir", "clairement", "joli", "jolie", "nul", "nuls",
        "mauvais travail", "mauvaise présentation", "pas à la hauteur", "léger", "légère",
        "n'importe quoi", "une catastrophe", "pas sérieux", "pas pro", "c'était limite",
    )},
    # vague praise
    **{e: "eloge" for e in (
        "bon travail", "beau travail", "bon boulot", "beau boulot", "super boulot",
        "super travail", "bien joué", "bravo", "super", "top", "au top", "tu assures",
        "vous assurez", "tu gères", "vous gérez", "tu déchires", "chapeau", "continue comme ça",
        "continuez comme ça", "merci pour tout", "génial !", "bien débrouillé*",
        "bien géré", "bien gérée", "débrouillarde", "tu as assuré", "vous avez assuré",
        "tout fait pour", "fait tout pour", "fait de ton mieux", "fait ton possible",
        "fait tout ton possible", "fait le maximum", "fait de votre mieux",
    )},
    # generalisation and frequency
    **{e: "generalisation" for e in (
        "toujours", "jamais", "systématiquement", "à chaque fois", "chaque fois", "tout le temps",
        "constamment", "continuellement", "en permanence", "d'habitude", "comme d'habitude",
        "habituellement", "en général", "généralement", "encore une fois", "une fois de plus",
        "comme toujours", "comme à chaque fois", "encore et encore",
        # the behaviour said to have happened before: "encore" is read in context (below)
        "une fois encore", "une nouvelle fois", "à nouveau", "de nouveau", "énième", "ènième",
        "comme d'hab", "comme d'ordinaire", "d'ordinaire", "encore et toujours", "comme souvent",
        "toujours aussi", "comme à ton habitude", "comme à votre habitude", "à ton habitude",
        "à votre habitude", "fidèle à toi-même", "fidèle à vous-même", "fidèle à ta réputation",
        "fidèle à votre réputation", "fidèle à ton habitude", "fidèle à tes habitudes",
        "égale à toi-même", "égal à toi-même", "par habitude", "comme la dernière fois",
        "comme la fois dernière", "comme la semaine dernière", "comme le mois dernier",
        "comme l'autre fois", "la même erreur", "les mêmes erreurs", "la même faute",
        "les mêmes fautes", "le même oubli", "les mêmes oublis", "le même problème",
        "les mêmes problèmes", "le même retard",
    )},
    **{e: "frequence" for e in (
        "souvent", "sans arrêt", "sans cesse", "régulièrement", "fréquemment", "rarement",
        "à tout bout de champ", "tout le temps", "pas arrêté de", "pas arrêté d'",
        "arrêtes pas de", "arrêtais pas de", "arrêtez pas de", "arrêtiez pas de",
    )},
    **{e: "exces" for e in ("trop", "beaucoup trop", "bien trop", "de trop")},
    # mind-reading
    **{e: "intention" for e in (
        "te fichais", "t'en fichais", "te fiches", "t'en fiches", "vous en fichiez",
        "vous fichiez", "vous en fichez", "foutais", "moquais", "t'en moques",
        "as voulu", "avez voulu", "tu voulais", "vous vouliez", "cherchais à", "cherché à",
        "fait exprès", "faire exprès", "exprès", "délibérément", "volontairement",
        "intentionnellement", "manifestement", "visiblement", "de toute évidence",
        "on voyait que", "on voyait bien que", "on voit que", "on voit bien que", "on sent que",
        "on sentait que", "j'ai senti que", "je sens que", "j'ai l'impression que",
        "avais envie", "as envie", "aviez envie", "avez envie", "à cœur", "la tête ailleurs",
        "paniqué*", "saboter", "sabotage", "pour te faire remarquer", "par paresse",
        "par négligence", "par flemme", "sans réfléchir", "sans te soucier", "de mauvaise foi",
        "tu pensais", "tu croyais", "tu as cru", "avais l'air", "aviez l'air", "semblais",
        "sembliez", "rien à faire", "tu t'ennuyais", "pas motivé*", "démotivé*",
        "tu te moquais", "pas envie", "aucune envie", "tu étais ailleurs", "en avais marre",
        # mind-reading given as a cause or a manner
        "te moques", "te moquais", "vous moquez", "vous moquiez", "t'en moquais",
        "vous en moquez", "vous en moquiez", "t'en fous", "t'en foutais", "te fous",
        "vous en foutez", "t'en balances", "t'en balançais", "te désintéresse*",
        "sans te préoccuper", "sans vous préoccuper", "sans t'en préoccuper", "sans te soucier",
        "sans vous soucier", "sans t'en soucier", "sans t'inquiéter", "sans vous inquiéter",
        "sans penser", "sans même penser", "sans y penser", "sans y réfléchir",
        "sans te poser de question*", "sans te demander si", "sans égard", "sans aucun égard",
        "aucun égard", "sans considération", "sans aucune considération", "sans scrupule*",
        "sans état d'âme", "sans aucun respect", "sans respect", "sans gêne",
        "sans faire attention", "sans prêter attention", "sans t'en rendre compte",
        "pas fait attention", "pas prêté attention", "prêté aucune attention",
        "pas pris la peine", "daigné", "par manque", "par désintérêt", "par indifférence",
        "par mépris", "par orgueil", "par jalousie", "par peur", "par fierté", "par facilité",
        "par provocation", "par vengeance", "par ennui", "par fatigue", "par distraction",
        "par étourderie", "par inattention", "par principe", "comme si",
        "compte pas pour toi", "comptent pas pour toi", "comptait pas pour toi",
        "comptaient pas pour toi", "compte peu pour toi", "comptent peu pour toi",
        "importance pour toi", "importance à tes yeux", "t'importe peu", "peu t'importe",
        "peu t'importait", "t'est égal", "t'est égale", "t'était égal", "t'était égale",
        "t'étaient égaux", "t'est indifférent*", "t'était indifférent*", "t'indiffère*",
        "rien à cirer", "rien à foutre", "rien à battre", "par-dessus la jambe",
        "aucun respect", "pas le moindre respect", "aucune considération", "aucun intérêt pour",
    )},
})
# A feeling lent to the addressee ("la réunion ne t'intéressait pas", "ce client t'ennuie"):
# mind-reading when asserted, not in a question, a condition or advice ("si ça t'intéresse").
_SENTIMENTS = _Lexique({e: "intention" for e in (
    "t'intéress*", "t'ennui*", "t'ennuy*", "te saoul*", "te soûl*", "te gonfl*", "te barb*",
    "te passionn*", "te plaisait", "te motiv*", "ne te concern*", "t'agaç*", "t'agac*",
    "t'énerv*", "te dérang*", "te pes*", "te pès*", "te stress*", "te fatigu*",
    "te laiss* indifférent*", "te laiss* froid*", "vous intéress*", "vous ennui*",
)})
# Attitudes that read the addressee's mind only when she is the subject ("tu ne prends pas nos
# délais au sérieux"; "Clara a pris ta remarque au sérieux" is a consequence).
_ATTITUDES = _Lexique({e: "intention" for e in (
    "au sérieux", "à la légère", "rien à faire", "par-dessus la jambe", "à la va-vite",
)})
# Character traits given as nouns ("ta nonchalance", "avec désinvolture"): a label on the person
# when a second-person possessive or "avec", "par", "de la" stands just before.
_TRAITS = _Lexique({e: "jugement" for e in (
    "nonchalance", "désinvolture", "négligence", "légèreté", "paresse", "flemme", "arrogance",
    "impatience", "impolitesse", "insolence", "mauvaise humeur", "mauvaise volonté",
    "bonne volonté", "bonne humeur", "mollesse", "lenteur", "étourderie", "distraction",
    "insouciance", "indifférence", "désintérêt", "mépris", "condescendance", "agressivité",
    "susceptibilité", "nervosité", "maladresse", "incompétence", "amateurisme",
    "je-m'en-foutisme", "désorganisation", "manque de rigueur", "manque de sérieux",
    "manque de professionnalisme", "manque d'intérêt", "manque de respect",
    "manque d'implication", "manque de motivation", "rigueur", "sérieux", "professionnalisme",
    "efficacité", "gentillesse", "générosité", "bienveillance", "patience", "enthousiasme",
    "talent", "génie", "créativité", "dynamisme", "sang-froid", "perfectionnisme",
    "sens du détail", "sens habituel du détail", "sens de l'organisation", "rapidité",
    "réactivité", "fiabilité", "ponctualité", "assurance", "aisance", "élégance",
    "intelligence", "finesse", "brio", "panache", "maestria", "savoir-faire", "charme",
    "franchise", "douceur", "fermeté", "autorité", "froideur", "brusquerie", "sécheresse",
    "bêtise", "naïveté", "inexpérience", "grossièreté", "gentillesse habituelle",
)})
_AVANT_TRAIT = _ensemble("ton", "ta", "tes", "votre", "vos", "avec", "par", "beaucoup",
                         "grande", "grand", "immense", "belle", "bel", "sacrée", "sacré",
                         "légendaire", "éternelle", "éternel", "habituelle", "habituel",
                         "coutumière", "coutumier", "d'une", "d'un", "une", "un")
# "habituel", "légendaire" with a second-person possessive: the behaviour as a habit.
_HABITUELS = _Lexique({e: "habitude_personne" for e in (
    "habituel*", "légendaire*", "éternel*", "coutumi*", "proverbia*", "bien connu*",
    "de toujours", "de d'habitude",
)})
# Nouns that label a person ("comme une débutante", "en vraie pro").
_ETIQUETTES = _ensemble(
    "débutante", "débutant", "débutantes", "débutants", "amateur", "amatrice", "amateurs",
    "stagiaire", "stagiaires", "novice", "enfant", "enfants", "gamin", "gamine", "gosse",
    "bébé", "écolière", "écolier", "élève", "lycéenne", "lycéen", "étudiante", "pro", "pros",
    "professionnelle", "professionnel", "cheffe", "chef", "patronne", "patron", "boss", "reine",
    "roi", "princesse", "star", "diva", "experte", "expert", "spécialiste", "robot", "machine",
    "touriste", "maniaque", "folle", "fou", "sauvage", "tornade", "ouragan", "bulldozer",
    "escargot", "tortue", "girouette", "dictateur", "dictatrice", "tyran", "maîtresse",
    "maître", "championne", "champion", "magicienne", "magicien", "fée", "génie", "artiste",
    "leader", "militaire", "commandante", "gendarme", "flic", "mère", "maman", "prof",
    "professeure", "institutrice", "juge", "vedette", "junior", "cancre", "râleuse", "râleur",
    "peste", "vendeuse", "vendeur", "commerciale", "perfectionniste", "perroquet", "automate",
    "bleue", "bleu", "héroïne", "héros", "sainte", "ange", "chieuse", "boulet", "pipelette",
)
_AVANT_ETIQUETTE = _ensemble("un", "une", "vrai", "vraie", "véritable", "parfait", "parfaite",
                             "petit", "petite", "grand", "grande", "bon", "bonne", "sacré",
                             "sacrée", "vieille", "vieux", "jeune", "simple", "pure", "pur",
                             "à", "des", "d'un", "d'une")
# After "en" without an article, only these read as a label ("en pro"; "en stagiaire" may be a
# role).
_ETIQUETTES_EN = _ensemble("pro", "pros", "experte", "expert", "cheffe", "chef", "star",
                           "championne", "champion", "reine", "patronne", "patron", "boss",
                           "amateur", "amatrice", "diva", "magicienne", "fée", "maniaque",
                           "débutante", "débutant", "touriste", "dilettante")
_DEUXIEME_PERSONNE = _ensemble("tu", "t'", "te", "toi", "ton", "ta", "tes", "vous", "votre",
                               "vos")
_DUREES = _ensemble("duré", "commencé", "fini", "continué", "eu", "été")
_AVOIR_RECEPTION = _ensemble("ai", "avons", "a", "avions", "avait", "avais")
# Verbs that say nothing on their own ("tu as parlé", "tu as réagi"), and what can follow them
# without giving them content.
_VERBES_VIDES = _ensemble(
    "parlé", "parles", "parlez", "réagi", "réagis", "réagissez", "agi", "agis", "agissez",
    "fait", "fais", "faites", "dit", "dis", "dites", "intervenu", "intervenue", "intervenus",
    "intervenues", "interviens", "intervenez", "répondu", "réponds", "répondez", "participé",
    "participes", "participez", "travaillé", "bougé", "contribué", "aidé", "géré",
)
_OBJETS_VAGUES = _Lexique({e: "vague" for e in (
    "quelque chose", "des choses", "certaines choses", "plein de choses", "pas mal de choses",
    "beaucoup de choses", "des trucs", "un truc", "ça", "cela", "ce que tu as fait",
    "ce que tu as dit", "ce que tu avais à faire", "ce que tu voulais", "ce que tu pouvais",
    "ce que vous avez fait", "ce que vous avez dit", "comme tu l'as fait", "comme tu l'as dit",
    "comme ça", "de cette façon", "de cette manière", "ainsi", "à ta façon", "à ta manière",
    "à ta sauce", "ton truc", "ta part", "ton possible", "de ton mieux", "ton maximum",
    "le maximum", "le nécessaire", "ton travail", "le travail", "ton job", "le job",
    "votre possible", "de votre mieux", "votre travail",
)})
# Empty nouns: after any act verb, with nothing saying what they are ("tu as présenté des
# choses"), the act is as empty as "tu as fait des choses". Followed by their content (":",
# "qui", "que", "dont": "les trois choses qui manquaient : le prix…"), they are observable.
_CHOSES_VIDES = _Lexique({e: "vague" for e in (
    "quelque chose", "des choses", "certaines choses", "plein de choses", "pas mal de choses",
    "beaucoup de choses", "des trucs", "un truc",
)})
_CONTENU_QUI_SUIT = _ensemble(":", "qui", "que", "qu'", "dont")
# "toujours pas" means "still not": a fact, not a generalisation.
_PAS_DES_JUGEMENTS = _Lexique({"toujours pas": "fait", "pas toujours facile": "fait",
                                "s'il te plaît": "fait", "s'il te plait": "fait",
                                "comme si de rien": "fait"})
_MOTS_VAGUES = _Lexique({e: "vague" for e in (
    "ton attitude", "votre attitude", "ton comportement", "votre comportement", "ta façon de",
    "votre façon de", "ta manière de", "votre manière de", "ton état d'esprit", "ton énergie",
    "ton implication", "ton engagement", "ton travail", "votre travail", "ton animation",
    "ta présence", "de ton côté", "de votre côté",
)})

# Consequences and feelings: an impact whatever the subject.
_PARTICIPES_EFFET = ("rassuré", "inquiété", "aidé", "soulagé", "agacé", "touché", "surpris",
                     "déçu", "gêné", "stressé", "énervé", "mis", "permis", "évité", "coûté",
                     "obligé", "forcé", "libéré", "convaincu", "marqué", "impressionné",
                     "fait gagner", "fait perdre", "fait plaisir", "fait rire", "fait gagner du",
                     "beaucoup aidé", "vraiment aidé", "pris", "valu", "plu", "beaucoup plu",
                     "servi", "sauvé", "débloqué",
                     "bloqué", "retardé", "ralenti", "freiné", "épargné", "simplifié")
_EFFETS = _Lexique({
    **{f"{sujet} {aux} {p}{fin}": "effet"
       for sujet in ("m'", "nous", "lui", "leur", "l'")
       for aux in ("a", "as", "avez", "ont")
       for p in _PARTICIPES_EFFET for fin in ("", "e", "s")},
    **{f"{aux} {p}": "effet" for aux in ("a", "ont") for p in (
        "permis", "évité", "fait gagner", "fait perdre", "coûté", "provoqué", "entraîné",
        "causé", "retardé", "bloqué", "débloqué", "accéléré", "simplifié", "facilité",
        "compliqué", "ralenti", "rapporté", "généré", "valu", "convaincu", "pris")},
    **{e: "effet" for e in (
        "mal à l'aise", "plus à l'aise", "fait plaisir", "me suis sentie", "me suis senti",
        "me sens", "ça m'a", "cela m'a", "ça nous a", "cela nous a", "ça a permis",
        "cela a permis", "ça a évité", "ça a pris", "ça a coûté", "c'est grâce",
    )},
})
# Verbs of thinking: the speaker's clause that holds one is not a consequence.
_PENSEE = _ensemble("crois", "croyais", "trouve", "trouvais", "sais", "savais", "voulais",
                    "veux", "voudrais", "aimerais", "souhaite", "espère", "imagine", "suppose",
                    "propose", "rappelle", "remercie", "demande", "avais", "avions", "étais")

# Connectors that open a clause, by kind.
_CONNECTEURS = _Lexique({
    **{e: "consequence" for e in (
        "du coup", "résultat", "résultats", "par conséquent", "en conséquence", "conséquence",
        "conséquences", "donc", "si bien que", "si bien qu'", "de sorte que", "de ce fait",
        "ce qui", "c'est pourquoi", "ainsi", "au final", "finalement", "grâce à", "grâce au",
        "grâce aux", "à cause de", "à cause du", "à cause des", "à cause d'", "impact", "effet",
        "bilan", "alors", "c'est ce qui", "et donc", "et du coup",
    )},
    **{e: "contraste" for e in (
        "alors que", "alors qu'", "tandis que", "tandis qu'", "au lieu de", "au lieu d'",
        "au lieu du", "au lieu des", "plutôt que", "plutôt qu'", "contrairement à",
        "contrairement au", "alors même que", "pourtant", "sauf que",
    )},
    **{e: "temps" for e in (
        "quand", "lorsque", "lorsqu'", "pendant que", "pendant qu'", "dès que", "dès qu'",
        "avant que", "avant qu'", "avant de", "avant d'", "après que", "après qu'",
        "au moment où", "une fois que", "le temps que",
    )},
    **{e: "comparaison" for e in ("comme", "ainsi que", "de même que")},
    **{e: "cause" for e in ("parce que", "parce qu'", "car", "puisque", "puisqu'", "vu que",
                            "étant donné que", "faute de")},
    **{e: "condition" for e in ("si", "s'il", "s'ils", "même si", "au cas où")},
    **{e: "but" for e in ("pour que", "pour qu'", "afin que", "afin qu'", "afin de", "afin d'")},
    **{e: "conseil" for e in (
        "la prochaine fois", "pour la prochaine fois", "à l'avenir", "dorénavant", "désormais",
        "il faudra", "il faudrait", "il faut", "il aurait fallu", "pense à", "pensez à",
        "n'oublie pas", "n'oubliez pas", "essaie de", "essaie d'", "essayez de", "je te propose",
        "je vous propose", "je te suggère", "je te conseille", "je vous conseille",
        "idéalement", "ce serait bien", "il serait bien", "tu pourrais", "vous pourriez",
        "tu devrais", "vous devriez",
    )},
    **{e: "alternative" for e in (
        "autre action possible", "autre réponse possible", "autre action", "autre réponse",
        "action alternative", "résultat alternatif", "autre résultat possible",
        "autre résultat", "résultat attendu", "résultat possible", "en faisant autrement",
    )},
    **{e: "relatif" for e in ("où", "dont")},
    **{e: "liaison" for e in ("et", "mais", "puis", "et puis", "or", "enfin", "ensuite")},
})
# Connectors that may cut a clause in the middle when they are one word.
_COUPURES_SIMPLES = _ensemble("et", "mais", "puis", "car", "quand", "lorsque", "lorsqu'",
                              "puisque", "puisqu'", "où", "dont", "comme", "pourtant")
# Words after which a subject belongs to a subordinate clause, not to a new sentence.
_SUBORDONNANTS = _ensemble("que", "qu'", "qui", "dont", "où", "si", "s'", "quand", "lorsque",
                           "lorsqu'", "comme", "ce", "pendant", "avant", "après", "dès")
# Clauses that can carry no impact.
_PAS_D_IMPACT = frozenset({"contraste", "temps", "comparaison", "cause", "condition", "but",
                           "conseil", "alternative", "relatif"})
_PONCTUATION_CLAUSE = frozenset(",;:()—–")
_PONCTUATION_PHRASE = frozenset(".!?…")


# ---------------------------------------------------------------- clauses and their subjects


@dataclass
class _Sujet:
    genre: str  # "toi", "moi", "groupe" (on, nous), "tiers", "demonstratif", "impersonnel"
    indice: int  # its first word
    verbe: int | None = None  # its verb, when known
    nature: str = ""  # a noun phrase: "personne", "indicateur", "ouvrage", "possessif", "autre"


@dataclass
class _Proposition:
    debut: int  # words [debut, fin)
    fin: int
    phrase: int
    question: bool
    connecteur: str = ""
    connecteur_fin: int = -1  # first word after the connector
    herite: bool = False  # the connector comes from a heading ("Résultat :")
    sujets: list[_Sujet] = field(default_factory=list)

    def sujet_principal(self) -> _Sujet | None:
        return self.sujets[0] if self.sujets else None


def _detail_concret(mot: _Mot) -> bool:
    """A number or a quotation: what a camera would have recorded."""
    return mot.cle.isdigit() or mot.cle in _NOMBRES or mot.texte in ("«", "“", '"')


def _present_pluriel(cle: str) -> bool:
    """A present-tense plural verb ("remarquent"), not a noun or adverb in -ent ("client")."""
    return (len(cle) > 4 and cle.endswith("ent") and not cle.endswith("ment")
            and cle not in _PERSONNES | _OUVRAGES | _INDICATEURS)


def _verbe_3(mots: list[_Mot], j: int) -> bool:
    cle = mots[j].cle
    return cle in _VERBES_3 or (len(cle) > 4 and cle.endswith(("ait", "aient"))
                                and cle not in _NON_VERBES_AIT)


def _verbe_apres(mots: list[_Mot], j: int, fin: int, portee: int = 3) -> int | None:
    """Index of a third-person verb at j or after clitics ("se", "n'", "m'"...), or None."""
    for k in range(j, min(fin, j + portee + 1)):
        if mots[k].cle in ("se", "s'") and k + 1 < fin:
            return k + 1
        if _verbe_3(mots, k):
            return k
        if mots[k].cle not in _CLITIQUES:
            return None
    return None


def _verbe_de_pronom(mots: list[_Mot], i: int, fin: int) -> int | None:
    """The verb after the subject pronoun il, elle, ils, elles at i: a known third-person form,
    or else the first word after the clitics ("ils demandent", "elle publie")."""
    verbe = _verbe_apres(mots, i + 1, fin)
    if verbe is not None:
        return verbe
    k = _apres_clitiques(mots, i + 1, fin)
    if k < fin and mots[k].cle.isalpha() and mots[k].cle not in _DETERMINANTS and \
            mots[k].cle not in _PREPOSITIONS and mots[k].cle not in _ADVERBES and (
            mots[i].cle in ("il", "elle") or mots[k].cle.endswith("ent")):
        return k
    return None


def _apres_clitiques(mots: list[_Mot], k: int, fin: int) -> int:
    while k < fin and mots[k].cle in _CLITIQUES:
        k += 1
    return k


_PREPOSITIONS = _ensemble("à", "pour", "avec", "de", "d'", "chez", "par", "sur", "entre",
                          "contre", "selon", "sans", "vers", "je", "j'", "il", "elle", "on",
                          "nous", "ils", "elles", "tu", "vous", "ce", "ça", "que")


_AVANT_T_OBJET = _ensemble("tu", "ne", "n'", "je", "j'", "on", "il", "elle", "nous", "ils",
                           "elles", "qui")


def _trouver_sujets(mots: list[_Mot], p: _Proposition) -> list[_Sujet]:
    """The subjects of a clause, left to right."""
    trouves: list[_Sujet] = []
    i = p.debut
    while i < p.fin:
        cle = mots[i].cle
        suivant = mots[i + 1].cle if i + 1 < p.fin else ""
        precedent = mots[i - 1].cle if i > p.debut else ""
        if cle == "tu" or (cle == "t'" and suivant in {"as", "avais", "aurais", "es", "etais"}
                           and precedent not in _AVANT_T_OBJET):
            trouves.append(_Sujet("toi", i))  # "t'as" = "tu as"; in "tu t'es", t' is an object
        elif cle == "vous" and (precedent not in _PREPOSITIONS or precedent == "que"):
            k = _apres_clitiques(mots, i + 1, p.fin)
            if k < p.fin and (mots[k].cle.endswith("ez") or mots[k].cle in {"etes", "etiez"}):
                trouves.append(_Sujet("toi", i))
        elif cle in ("je", "j'"):
            trouves.append(_Sujet("moi", i))
        elif cle == "on":
            trouves.append(_Sujet("groupe", i))
        elif cle == "nous" and precedent not in _PREPOSITIONS:
            k = _apres_clitiques(mots, i + 1, p.fin)
            if k < p.fin and (mots[k].cle.endswith("ons") or mots[k].cle in {"sommes", "etions"}):
                trouves.append(_Sujet("groupe", i))
        elif cle in ("il", "elle", "ils", "elles"):
            impersonnel = cle == "il" and (suivant in {"y", "faut", "faudra", "faudrait",
                                                       "fallait"}
                                           or (suivant == "a" and i + 2 < p.fin
                                               and mots[i + 2].cle == "fallu"))
            if impersonnel:
                trouves.append(_Sujet("impersonnel", i))
            else:
                trouves.append(_Sujet("tiers", i, _verbe_de_pronom(mots, i, p.fin), "personne"))
        elif cle in ("personne", "rien") and any(
                m.cle in ("ne", "n'") for m in mots[i + 1:min(p.fin, i + 4)]):
            k = next(k for k in range(i + 1, min(p.fin, i + 4)) if mots[k].cle in ("ne", "n'"))
            trouves.append(_Sujet("tiers", i, _verbe_apres(mots, k, p.fin), "personne"))
        elif cle in ("c'", "ça", "cela", "ceci") or (cle == "ce" and suivant in {
                "qui", "qu'", "fut", "sera", "serait", "etait"}):
            trouves.append(_Sujet("demonstratif", i))
        elif mots[i].majuscule and cle not in _DETERMINANTS and cle not in _JOURS and (
                i > p.debut or cle in _PERSONNES):
            verbe = _verbe_apres(mots, i + 1, p.fin, 4)
            if verbe is None and i + 1 < p.fin and mots[i + 1].majuscule:
                verbe = _verbe_apres(mots, i + 2, p.fin, 4)  # two-word names: Maison Lumière
            if verbe is not None:
                trouves.append(_Sujet("tiers", i, verbe, "personne"))
                i = verbe
        elif cle in _DETERMINANTS or cle.isdigit() or cle in _NOMBRES:
            sujet = _groupe_nominal(mots, i, p.fin)
            if sujet is not None:
                trouves.append(sujet)
                i = sujet.verbe
        i += 1
    return trouves


def _groupe_nominal(mots: list[_Mot], i: int, fin: int) -> _Sujet | None:
    """A noun phrase from i whose third-person verb follows within a few words, or None."""
    noms: list[str] = []
    for j in range(i, min(fin, i + 10)):
        cle = mots[j].cle
        if j > i and cle in {"tu", "t'", "je", "j'", "il", "elle", "on", "nous", "vous", "ils",
                             "elles", "qui", "que", "qu'", "ce", "ça", "c'"}:
            return None
        if j > i and (cle in ("se", "s'") or _verbe_3(mots, j)) and not (
                cle == "a" and mots[j - 1].cle in ("il", "y")):
            verbe = j + 1 if cle in ("se", "s'") and j + 1 < fin else j
            if any(n in _POSSESSIFS_2 for n in noms):
                nature = "possessif"
            elif any(n in _PERSONNES for n in noms):
                nature = "personne"
            elif any(n in _INDICATEURS for n in noms):
                nature = "indicateur"
            elif any(n in _OUVRAGES for n in noms):
                nature = "ouvrage"
            else:
                nature = "autre"
            return _Sujet("tiers", i, verbe, nature)
        if j > i and _present_pluriel(cle) and (
                mots[j - 1].cle in _CLITIQUES or mots[j - 1].cle in _PERSONNES):
            return _Sujet("tiers", i, j, "personne" if any(n in _PERSONNES for n in noms)
                          else "autre")
        if cle in ("ne", "n'") and j > i:
            continue
        noms.append(cle)
    return None


def _propositions(mots: list[_Mot], prepare: str) -> list[_Proposition]:
    """Cut the text into sentences, then clauses; find each clause's connector and subjects."""
    # Sentences: at . ! ? … and at line breaks.
    phrases: list[tuple[int, int, bool]] = []
    debut = 0
    for i, m in enumerate(mots):
        saut = i + 1 < len(mots) and "\n" in prepare[m.fin:mots[i + 1].debut]
        if m.texte in _PONCTUATION_PHRASE or saut:
            fin = i if m.texte in _PONCTUATION_PHRASE else i + 1
            if fin > debut:
                phrases.append((debut, fin, m.texte == "?"))
            debut = i + 1
    if debut < len(mots):
        phrases.append((debut, len(mots), False))

    resultat: list[_Proposition] = []
    for n, (debut, fin, question) in enumerate(phrases):
        coupures = [debut]
        for i in range(debut, fin):
            m = mots[i]
            if m.texte in _PONCTUATION_CLAUSE:
                entre_chiffres = (m.texte == "," and prepare[m.debut - 1:m.debut].isdigit()
                                  and prepare[m.fin:m.fin + 1].isdigit())
                if not entre_chiffres:
                    coupures += [i, i + 1]
        for i, j, categorie in _CONNECTEURS.chercher(mots, debut + 1, fin):
            if categorie != "liaison" and (j - i > 1 or mots[i].cle in _COUPURES_SIMPLES):
                coupures.append(i)
            elif categorie == "liaison" and mots[i].cle in _COUPURES_SIMPLES and not (
                    mots[i].cle == "et" and mots[i - 1].majuscule and i + 1 < fin
                    and mots[i + 1].majuscule):
                coupures.append(i)
        coupures = sorted(set(coupures)) + [fin]
        for a, b in zip(coupures, coupures[1:]):
            morceau = [k for k in range(a, b) if mots[k].texte not in _PONCTUATION_CLAUSE]
            if morceau:
                resultat.append(_Proposition(morceau[0], morceau[-1] + 1, n, question))
    for p in resultat:
        _lire_connecteur(mots, p)
        p.sujets = _trouver_sujets(mots, p)
    _heriter_connecteurs(resultat)
    return resultat


def _lire_connecteur(mots: list[_Mot], p: _Proposition) -> None:
    """The kind of connector that opens the clause, after "et", "mais"..."""
    i = p.debut
    while i < p.fin:
        ici = [(j, c) for a, j, c in _CONNECTEURS.chercher(mots, i, min(p.fin, i + 6)) if a == i]
        if not ici:
            return
        j, categorie = max(ici)
        if categorie == "liaison":
            i = j
            continue
        if categorie == "consequence" and mots[i].cle == "alors" and j < p.fin and \
                mots[j].cle in ("que", "qu'"):
            categorie = "contraste"
        p.connecteur, p.connecteur_fin = categorie, j
        return


def _heriter_connecteurs(propositions: list[_Proposition]) -> None:
    """A heading such as "Résultat :", "Du coup," or "Autre action possible :" opens the next
    clauses of its sentence (a heading = a connector clause with no subject)."""
    courant, phrase = "", -1
    for p in propositions:
        if p.phrase != phrase:
            courant, phrase = "", p.phrase
        if p.connecteur and not p.sujets:
            courant = p.connecteur if p.connecteur in ("consequence", "alternative") else ""
        elif p.connecteur:
            courant = p.connecteur if p.connecteur == "alternative" else courant
        elif courant:
            p.connecteur, p.herite = courant, True


# ---------------------------------------------------------------- the reading of one text


class _Lecture:
    """Everything the three verdicts need, computed once per text."""

    def __init__(self, texte: str):
        self.texte = texte
        prepare = _masquer_citations(_normaliser(texte))
        self.mots = _decouper_mots(texte, prepare)
        self.props = _propositions(self.mots, prepare)
        self.prop_de = {}
        for n, p in enumerate(self.props):
            for i in range(p.debut, p.fin):
                self.prop_de[i] = n
        self.reperes = self._reperes_de_temps()
        self.actes, self.problemes = self._lire_comportement()
        self.premiere_mention = self._premiere_mention()
        self.impacts, self.non_impacts = self._lire_impacts()
        self.moments, self.ecartes = self._lire_situation()

    def citer(self, i: int, j: int, longueur: int | None = None) -> str:
        """The original words i to j (the first `longueur` of them, then "…")."""
        if longueur is not None and j - i > longueur:
            return self.texte[self.mots[i].debut:self.mots[i + longueur - 1].fin] + "…"
        return self.texte[self.mots[i].debut:self.mots[j - 1].fin]

    # -- comportement --------------------------------------------------------------------

    def _lire_comportement(self):
        actes: list[tuple[int, int]] = []
        problemes: list[tuple[str, int, int]] = []
        self.vides: list[tuple[int, int]] = []  # "tu as parlé": an act with nothing in it
        self.receptions: set[int] = set()  # clauses where the speaker receives her work
        mots = self.mots
        for n, p in enumerate(self.props):
            hypothese = p.question or p.connecteur == "alternative" or self._conditionnel(p)
            for sujet in p.sujets:
                if sujet.genre in ("moi", "groupe") and self._reception(p, sujet):
                    self.receptions.add(n)
                    if not hypothese:
                        actes.append((sujet.indice, p.fin))
                    continue
                if sujet.genre != "toi":
                    continue
                lu = self._groupe_verbal_2(p, sujet.indice)
                if lu is None:
                    continue
                genre, fin = lu
                if genre == "acte" and not hypothese:
                    if self._acte_vide(p, fin - 1):
                        self.vides.append((sujet.indice, fin))
                    else:
                        actes.append((sujet.indice, p.fin))
                elif genre == "attribut":
                    problemes.append(("attribut", sujet.indice, fin))
            if not hypothese and self._description_d_ouvrage(p):
                actes.append((p.debut, p.fin))
        exclus = set()
        for i, j, _ in _PAS_DES_JUGEMENTS.chercher(mots):
            exclus.update(range(i, j))
        for i, j, categorie in _JUGEMENTS.chercher(mots):
            if exclus.intersection(range(i, j)):
                continue
            p = self.props[self.prop_de[i]] if i in self.prop_de else None
            if p is not None and categorie == "intention" and p.question:
                continue  # asking about intent (SBI-I) is not mind-reading
            if p is not None and categorie in ("generalisation", "frequence", "exces") and \
                    self._dans_le_propos_d_un_autre(p, i):
                continue
            if mots[i].cle == "comme" and mots[i + 1].cle == "si":
                if not self._vise_la_personne(i):
                    continue
                j = self._fin_de_comparaison(i)
            elif categorie == "intention" and mots[i].cle in _CLITIQUES and i > 0 and \
                    mots[i - 1].cle in ("tu", "vous"):
                i -= 1  # quote "tu te moques", not "te moques"
            problemes.append((categorie, i, j))
        problemes += self._problemes_en_contexte()
        # Keep the longest match where two overlap ("beaucoup trop" over "trop").
        problemes.sort(key=lambda t: (t[1], -(t[2] - t[1])))
        gardes, couvert = [], -1
        for probleme in problemes:
            if probleme[1] >= couvert:
                gardes.append(probleme)
                couvert = probleme[2]
        return actes, gardes

    def _conditionnel(self, p: _Proposition) -> bool:
        """A conditional or future verb in the clause, not inside reported words ("tu as
        annoncé que la vidéo aurait deux jours de retard" is an act)."""
        for k in range(p.debut, p.fin):
            if self.mots[k].cle in ("que", "qu'"):
                return False
            if self.mots[k].cle in _CONDITIONNEL_FUTUR:
                return True
        return False

    def _problemes_en_contexte(self) -> list[tuple[str, int, int]]:
        """Words that judge only in context: "encore" on the addressee's act, "habituel" or a
        trait noun with "ton"/"ta", a comparison that labels her, an attitude or a feeling
        lent to her."""
        mots, trouves = self.mots, []
        for i, m in enumerate(mots):
            if m.cle == "encore" and self._encore_generalise(i):
                trouves.append(("generalisation", i, i + 1))
            elif m.cle in _ETIQUETTES:
                debut = self._comparaison_etiquette(i)
                if debut is not None and self._vise_la_personne(debut):
                    trouves.append(("jugement", debut, i + 1))
        for i, j, _ in _HABITUELS.chercher(mots):
            debut = self._possessif_avant(i, 5)
            if debut is not None:
                trouves.append(("habitude_personne", debut, j))
        for i, j, _ in _TRAITS.chercher(mots):
            debut = self._introducteur_de_trait(i)
            if debut is not None and self._vise_la_personne(i):
                trouves.append(("jugement", debut, j))
        for i, j, _ in _ATTITUDES.chercher(mots):
            p = self.props[self.prop_de[i]]
            nie = any(mots[k].cle in ("pas", "jamais", "plus", "guère", "rien")
                      for k in range(p.debut, i))
            if not p.question and self._sujet_avant(i) in ("toi", None) and \
                    not self._dans_le_propos_d_un_autre(p, i) and \
                    (nie or mots[i].cle != "au"):  # "tu as pris au sérieux" is no reproach
                toi = [s.indice for s in p.sujets if s.genre == "toi" and s.indice < i]
                trouves.append(("intention", toi[-1] if toi else i, j))
        for i, j, _ in _SENTIMENTS.chercher(mots):
            p = self.props[self.prop_de[i]]
            if not p.question and p.connecteur not in ("condition", "conseil", "but"):
                debut = p.connecteur_fin if p.connecteur_fin > p.debut else self._debut_utile(p)
                if j < p.fin and mots[j].cle in ("pas", "plus", "guère", "jamais"):
                    j += 1
                trouves.append(("intention", min(debut, i), j))
        return trouves

    def _sujet_avant(self, i: int) -> str | None:
        """The kind of the last subject before word i in its sentence ("toi" for the addressee
        or her work), or of the first one after it when there is none before."""
        n = self.prop_de.get(i)
        if n is None:
            return None
        phrase = self.props[n].phrase
        sujets = [s for q in self.props if q.phrase == phrase for s in q.sujets]
        avant = [s for s in sujets if s.indice < i]
        choisi = avant[-1] if avant else (sujets[0] if sujets else None)
        if choisi is None:
            return None
        return "toi" if choisi.genre == "toi" or choisi.nature == "possessif" else choisi.genre

    def _vise_la_personne(self, i: int) -> bool:
        """Is word i said of the addressee (not of Clara, of the speaker, of a thing)?"""
        return self._sujet_avant(i) in ("toi", None)

    def _fin_de_comparaison(self, i: int) -> int:
        """End of "comme si le devis ne te concernait pas" (for quoting): its clause."""
        n = self.prop_de[i]
        fin = self.props[n].fin
        if fin - i <= 2 and n + 1 < len(self.props):
            fin = self.props[n + 1].fin
        return min(fin, i + 10)

    def _encore_generalise(self, i: int) -> bool:
        """Does "encore" at i say that the addressee did it again ("tu as encore envoyé"),
        rather than "still" ("tu parlais encore", "il restait encore") or "not yet"?"""
        mots = self.mots
        if i > 0 and mots[i - 1].cle in ("pas", "plus", "toujours", "point"):
            return False
        if i + 1 < len(mots) and mots[i + 1].cle in ("plus", "mieux", "moins", "davantage",
                                                       "un", "une", "pas", "là"):
            return False
        p = self.props[self.prop_de[i]]
        if p.question:
            return False
        sujets = [s for s in p.sujets if s.indice < i]
        if not sujets or sujets[-1].genre != "toi":
            return False
        k = _apres_clitiques(mots, sujets[-1].indice + 1, p.fin)
        if k >= p.fin or k > i:
            return False
        verbe = mots[k].cle
        suite = k + 1
        while suite < p.fin and mots[suite].cle in _ADVERBES:
            suite += 1
        apres = mots[suite].cle if suite < p.fin else ""
        if verbe in _AVOIR_2:
            return bool(apres) and apres not in _NON_PARTICIPES
        if verbe in _ETRE_2:
            return apres in _PARTICIPES_MOUVEMENT
        # A simple tense: the present or the past says "again", the imperfect "still".
        return not verbe.endswith(("ais", "ait", "iez", "ions", "aient"))

    def _comparaison_etiquette(self, i: int) -> int | None:
        """Start of "comme une débutante", "en vraie pro", "digne d'une stagiaire" ending on
        the label noun at i, or None."""
        mots = self.mots
        k, adjectif, article = i - 1, False, False
        while k >= 0 and i - k <= 3 and mots[k].cle in _AVANT_ETIQUETTE:
            adjectif = adjectif or mots[k].cle not in ("un", "une", "à", "des", "d'un", "d'une")
            article = article or mots[k].cle in ("un", "une", "des", "d'un", "d'une")
            k -= 1
        if k < 0:
            return None
        introducteur = mots[k].cle
        if introducteur == "comme" and article:
            return k
        if introducteur in ("tel", "telle", "digne") and article:
            return k
        if introducteur in ("façon", "manière") and k > 0 and mots[k - 1].cle in ("la", "à"):
            return k - 1 if mots[k - 1].cle == "à" else k - 2
        if introducteur == "en" and not article and (adjectif or mots[i].cle in _ETIQUETTES_EN):
            return k
        return None

    def _possessif_avant(self, i: int, portee: int) -> int | None:
        """Index of "ton", "ta", "tes", "votre", "vos" within `portee` words before i, in the same
        clause and with no punctuation between, or None."""
        n = self.prop_de.get(i)
        if n is None:
            return None
        debut = self.props[n].debut
        for k in range(i - 1, max(debut, i - portee) - 1, -1):
            if self.mots[k].cle in _POSSESSIFS_2 and self.mots[k].cle != "toi":
                return k
        return None

    def _introducteur_de_trait(self, i: int) -> int | None:
        """Start of "ta nonchalance", "avec désinvolture", "par négligence", "c'est de la
        paresse" ending on the trait noun at i, or None."""
        mots = self.mots
        k = i - 1
        while k >= 0 and i - k <= 4:
            cle = mots[k].cle
            if cle in ("ton", "ta", "tes", "votre", "vos", "avec", "par", "preuve"):
                return k
            if cle == "la" and k > 0 and mots[k - 1].cle in ("de", "d'"):
                return k - 1
            if cle not in _AVANT_TRAIT and cle not in ("de", "d'"):
                return None
            k -= 1
        return None

    def _reception(self, p: _Proposition, sujet: _Sujet) -> bool:
        """Does the speaker receive the addressee's work ("je l'ai reçue mercredi à 18 h",
        "j'ai reçu tes textes hier à 23 h")? The reception then tells her behaviour."""
        mots = self.mots
        k = sujet.indice + 1
        objet_pronom = False
        while k < p.fin and mots[k].cle in _CLITIQUES:
            objet_pronom = objet_pronom or mots[k].cle in ("l'", "la", "le", "les")
            k += 1
        if k + 1 >= p.fin or mots[k].cle not in _AVOIR_RECEPTION:
            return False
        k += 1
        while k < p.fin and mots[k].cle in _ADVERBES:
            k += 1
        if k >= p.fin or not mots[k].cle.startswith("recu"):
            return False
        suite = [m.cle for m in mots[k + 1:min(p.fin, k + 6)]]
        if any(c in ("ton", "ta", "tes", "votre", "vos") for c in suite):
            return True
        clause = " ".join(m.cle for m in mots[p.debut:p.fin])
        if "de ta part" in clause or "de votre part" in clause:
            return True
        return objet_pronom and self._s_adresse_a_quelqu_un()

    def _s_adresse_a_quelqu_un(self) -> bool:
        return any(m.cle in _DEUXIEME_PERSONNE for m in self.mots)

    def _acte_vide(self, p: _Proposition, v: int) -> bool:
        """Is the act at word v empty: "tu as parlé", "tu as réagi", "tu as fait des choses
        pendant le point" (only a time, a vague object or adverbs after the verb)?"""
        mots = self.mots
        if v >= p.fin:
            return False
        if mots[v].cle not in _VERBES_VIDES:
            return self._objet_vide(p, v)
        couverts = set()
        for i, j, _ in self.reperes:
            couverts.update(range(i, j))
        for i, j, _ in _OBJETS_VAGUES.chercher(mots, v + 1, p.fin):
            couverts.update(range(i, j))
        return all(k in couverts or mots[k].cle in _ADVERBES or mots[k].cle in ("et",)
                   or mots[k].texte in _PONCTUATION_CLAUSE for k in range(v + 1, p.fin))

    def _objet_vide(self, p: _Proposition, v: int) -> bool:
        """Is the object of the act at word v an empty noun ("tu as présenté des choses", "tu as
        montré quelque chose à l'écran"), not followed by what it is ("…choses : le prix")?"""
        mots = self.mots
        k = v + 1
        while k < p.fin and mots[k].cle in _ADVERBES:
            k += 1
        for i, j, _ in _CHOSES_VIDES.chercher(mots, k, p.fin):
            if i != k:
                break
            suite = mots[j].cle if j < len(mots) else ""
            return suite not in _CONTENU_QUI_SUIT
        return False

    def _groupe_verbal_2(self, p: _Proposition, i: int):
        """What follows the subject tu/vous at i: ("acte" | "attribut" | "autre", end), or None."""
        mots = self.mots
        k = i + 1
        reflechi = False
        while k < p.fin and mots[k].cle in _CLITIQUES:
            reflechi = reflechi or mots[k].cle in ("t'", "te", "vous")
            k += 1
        if k >= p.fin:
            return None
        verbe = mots[k].cle
        suite = k + 1
        while suite < p.fin and mots[suite].cle in _ADVERBES:
            suite += 1
        apres = mots[suite].cle if suite < p.fin else ""
        if verbe in _AVOIR_2:
            if apres == _cle("été"):
                fin = min(p.fin, suite + 4)
                return "attribut", fin
            if not apres or apres in _NON_PARTICIPES or apres in _PARTICIPES_MENTAUX:
                return "autre", suite + 1
            return "acte", suite + 1
        if verbe in _ETRE_2:
            if reflechi or apres in _PARTICIPES_MOUVEMENT:
                return "acte", suite + 1
            if not apres or apres in _ATTRIBUTS_NEUTRES:
                return "autre", suite + 1
            return "attribut", min(p.fin, suite + 4)
        if verbe in _NON_ACTES_2 or mots[k].texte in _PONCTUATION_CLAUSE:
            return "autre", k + 1
        return "acte", k + 1

    def _description_d_ouvrage(self, p: _Proposition) -> bool:
        """Is the clause the work described with a concrete detail ("le titre faisait trois
        lignes", "deux chiffres étaient erronés")?"""
        mots = self.mots
        for sujet in p.sujets:
            if sujet.genre == "tiers" and sujet.nature in ("ouvrage", "possessif") and \
                    sujet.verbe is not None and mots[sujet.verbe].cle in _ETATS:
                if mots[sujet.verbe].cle not in _COPULES:
                    return True  # "contenait", "durait", "affichait" say what it was made of
                return any(_detail_concret(m) for m in mots[sujet.indice:p.fin])
        return False

    def _dans_le_propos_d_un_autre(self, p: _Proposition, i: int) -> bool:
        """Is word i said of someone else ("j'étais trop contente", "Clara n'a jamais…")?"""
        sujet = p.sujet_principal()
        return (sujet is not None and sujet.indice < i and sujet.genre != "toi"
                and sujet.nature != "possessif" and not any(s.genre == "toi" for s in p.sujets))

    # -- impact --------------------------------------------------------------------------

    def _premiere_mention(self) -> int:
        """Index of the first clause that speaks of the addressee or of her work."""
        for n, p in enumerate(self.props):
            if any(s.genre == "toi" or s.nature == "possessif" for s in p.sujets) or any(
                    self.mots[k].cle in _POSSESSIFS_2 for k in range(p.debut, p.fin)):
                return n
            if any(self.prop_de.get(a) == n for a, _ in self.actes):
                return n
        return 0

    def _lire_impacts(self):
        impacts, non_impacts = [], []
        for n, p in enumerate(self.props):
            if n in self.receptions:
                continue  # "je l'ai reçue à 18 h" tells the behaviour, not its consequence
            if p.connecteur in _PAS_D_IMPACT or p.question:
                if p.connecteur in ("contraste", "conseil", "alternative") and p.connecteur_fin > 0:
                    non_impacts.append((p.connecteur, p.debut, p.connecteur_fin))
                continue
            hypothese = next((k for k in range(p.debut, p.fin)
                              if self.mots[k].cle in _CONDITIONNEL_FUTUR), None)
            if hypothese is not None:
                non_impacts.append(("hypothese", hypothese, hypothese + 1))
                continue
            if n < self.premiere_mention:
                continue
            debut = self._indice_d_impact(p)
            if debut is not None:
                impacts.append((debut, p.fin))
        return impacts, non_impacts

    def _indice_d_impact(self, p: _Proposition) -> int | None:
        """The word where the consequence told by the clause starts, or None."""
        mots = self.mots
        debut = self._debut_utile(p)
        if any(True for _ in _EFFETS.chercher(mots, p.debut, p.fin)):
            return debut
        a_un_verbe = any(_verbe_3(mots, k) or mots[k].cle in ("se", "s'")
                         for k in range(p.debut, p.fin))
        if p.connecteur == "consequence" and (p.sujets or a_un_verbe or (
                p.herite and p.fin - debut >= 3)):
            return debut
        sujet = p.sujet_principal()
        if sujet is None:
            return None
        if self._consequence(p, sujet):
            return debut
        # A run-on sentence: "tu as coupé la parole à Inès elle a fini la réunion…".
        for suivant in p.sujets[1:]:
            if sujet.genre == "toi" and suivant.genre in ("tiers", "moi", "groupe") and \
                    self.mots[suivant.indice - 1].cle not in _SUBORDONNANTS and \
                    self._consequence(p, suivant):
                return suivant.indice
        return None

    def _consequence(self, p: _Proposition, sujet: _Sujet) -> bool:
        """Does this subject and its verb tell what happened because of the behaviour?"""
        mots = self.mots
        if sujet.genre in ("moi", "groupe"):
            # What the speaker or the team did or felt next, unless she is only saying,
            # thinking or seeing something, or speaking to the person ("je te confie").
            k = _apres_clitiques(mots, sujet.indice + 1, p.fin)
            s_adresse = any(m.cle in ("te", "t'", "vous") for m in mots[sujet.indice + 1:k])
            verbes = {m.cle for m in mots[k:min(p.fin, k + 3)]}
            return not (s_adresse or verbes & (_VERBES_PAROLE | _PERCEPTION | _PENSEE))
        if sujet.genre == "demonstratif":
            # "ça m'aide", "cela nous a fait gagner une heure", "cela a obligé Léa à…"
            suivant = mots[sujet.indice + 1].cle if sujet.indice + 1 < p.fin else ""
            if suivant in ("m'", "me", "nous", "lui", "leur", "l'", "les"):
                return True
            if mots[sujet.indice].cle in ("ça", "cela", "ceci") and suivant in ("a", "ont"):
                k = sujet.indice + 2
                while k < p.fin and mots[k].cle in _ADVERBES:
                    k += 1
                return k < p.fin and mots[k].cle not in _NON_PARTICIPES and \
                    mots[k].cle not in _DUREES  # "ça a duré une heure" describes the act
            return False
        if sujet.genre == "impersonnel":
            suite = " ".join(m.cle for m in mots[sujet.indice:min(p.fin, sujet.indice + 4)])
            return "fallu" in suite or "y a eu" in suite
        if sujet.genre != "tiers" or sujet.verbe is None:
            return False
        if self._rapporte(p, sujet) and any(s.genre == "toi" for s in p.sujets
                                            if s.indice > sujet.indice):
            return False  # "Clara m'a dit que tu avais oublié…" reports the behaviour
        if sujet.nature in ("personne", "indicateur"):
            return True
        if sujet.nature in ("ouvrage", "autre"):
            return self._evenement(sujet.verbe, p.fin)
        # A measured result of her work: "ta newsletter a fait 41 % d'ouverture".
        return sujet.nature == "possessif" and mots[sujet.verbe].cle in ("a", "ont") and any(
            _detail_concret(m) for m in mots[sujet.verbe:p.fin])

    def _debut_utile(self, p: _Proposition) -> int:
        """The clause's first word after "et", "mais", "puis" (for quoting)."""
        k = p.debut
        while k < p.fin - 1 and self.mots[k].cle in ("et", "mais", "puis", "ensuite", "or"):
            k += 1
        return k

    def _rapporte(self, p: _Proposition, sujet: _Sujet) -> bool:
        """Does this subject (not the addressee) only say or think something ("Clara m'a dit")?"""
        if sujet.genre in ("toi",) or sujet.nature == "possessif":
            return False
        fin = min(p.fin, (sujet.verbe or sujet.indice) + 3)
        return any(self.mots[k].cle in _VERBES_PAROLE for k in range(sujet.indice, fin))

    def _evenement(self, verbe: int, fin: int) -> bool:
        """Does the verb tell that something happened ("est tombé", "a été partagé", "a eu
        lieu"), rather than how a thing was ("était", "faisait")?"""
        mots = self.mots
        cle = mots[verbe].cle
        if cle in ("a", "ont"):
            return True
        if cle in ("est", "sont"):
            k = verbe + 1
            while k < fin and mots[k].cle in _ADVERBES:
                k += 1
            return k < fin and mots[k].cle.endswith(("e", "es", "i", "is", "u", "us", "ee",
                                                     "ees")) and mots[k].texte[-1:] in "ésiu" or (
                k < fin and mots[k].texte.endswith(("é", "ée", "és", "ées")))
        return False

    # -- situation -----------------------------------------------------------------------

    def _lire_situation(self):
        moments, ecartes = [], []
        for i, j, genre in self.reperes:
            raison = self._cadre(i, j)
            if raison is None:
                raison = self._ce_que_date(i)
            if raison is None:
                moments.append((i, j))
            else:
                ecartes.append((raison, i, j))
        return moments, ecartes

    def _reperes_de_temps(self) -> list[tuple[int, int, str]]:
        """Every moment or single named event of the text: (start, end, kind)."""
        mots = self.mots
        n = len(mots)
        trouves = [(i, j, "moment") for i, j, _ in _MOMENTS.chercher(mots)]
        for i, m in enumerate(mots):
            cle = m.cle
            if (cle.isdigit() and 1 <= int(cle) <= 31 or cle == "1er") and i + 1 < n \
                    and mots[i + 1].cle in _MOIS:
                debut = i - 1 if i > 0 and mots[i - 1].cle in _JOURS else i
                trouves.append((debut, i + 2, "date"))
            elif cle.isdigit() and i + 2 < n and mots[i + 1].texte == "/" and \
                    mots[i + 2].cle.isdigit() and int(cle) <= 31 and int(mots[i + 2].cle) <= 12:
                trouves.append((i, i + 3, "date"))
            elif cle in _JOURS:
                precedent = mots[i - 1].cle if i > 0 else ""
                suivant = mots[i + 1].cle if i + 1 < n else ""
                if suivant.isdigit() or suivant == "1er":
                    continue  # part of a date, found above
                if precedent in _DETERMINANTS_PLURIEL or precedent in ("le", "du"):
                    continue  # a habit: "le lundi", "les points du lundi"
                trouves.append((i, i + 1, "jour"))
            elif cle in _EVENEMENTS:
                debut = self._debut_d_evenement(i)
                if debut is not None:
                    trouves.append((debut, self._fin_d_evenement(i), "evenement"))
        # Overlaps: keep the longest.
        trouves.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        gardes, couvert = [], -1
        for t in trouves:
            if t[0] >= couvert:
                gardes.append(t)
                couvert = t[1]
        return gardes

    def _debut_d_evenement(self, i: int) -> int | None:
        """Start of "pendant l'appel", "lors du webinaire", "au tournage" ending on noun i."""
        mots = self.mots
        if mots[i].texte.endswith("s") and mots[i].cle not in ("rendez-vous",):
            return None
        k = i - 1
        if k >= 0 and mots[k].cle in _ADJECTIFS_EVENEMENT:
            k -= 1
        if k < 0:
            return None
        cle = mots[k].cle
        if cle == "au":
            if k > 0 and mots[k - 1].cle in _METTRE:
                return None  # "mettre au point"
            return k
        if cle in _DETERMINANTS_PLURIEL:
            return None
        dets = 0
        while k >= 0 and mots[k].cle in _DETERMINANTS_UN and dets < 2:
            k -= 1
            dets += 1
        if dets == 0 or k < 0:
            return None
        cle = mots[k].cle
        if cle in _PREPOSITIONS_EVENEMENT:
            return k
        if cle == "à":
            return k
        if cle == "cours" and k > 0 and mots[k - 1].cle == "au":
            return k - 1
        return None

    def _fin_d_evenement(self, i: int) -> int:
        """The event's name may go on: "l'appel de 14 h avec Samir" (for quoting)."""
        p = self.props[self.prop_de[i]] if i in self.prop_de else None
        limite = min(p.fin if p else len(self.mots), i + 7)
        fin = i + 1
        while fin < limite:
            mot, avant = self.mots[fin], self.mots[fin - 1].cle
            if not (mot.cle in _SUITES_D_EVENEMENT or mot.cle in _JOURS or mot.majuscule
                    or mot.cle.isdigit() or avant in _SUITES_D_EVENEMENT
                    or (avant in _DETERMINANTS and self.mots[fin - 2].cle in _SUITES_D_EVENEMENT)):
                break
            fin += 1
        return fin

    def _cadre(self, i: int, j: int) -> str | None:
        """Why the moment does not date the behaviour, read from the words around it."""
        mots = self.mots
        p = self.props[self.prop_de[i]] if i in self.prop_de else None
        if p is not None and p.connecteur in ("comparaison", "contraste", "cause", "condition",
                                              "but", "conseil", "alternative"):
            return {"comparaison": "parole", "contraste": "contraste", "cause": "cause",
                    "condition": "hypothese", "but": "hypothese", "conseil": "avenir",
                    "alternative": "avenir"}[p.connecteur]
        k = i - 1
        while k >= 0 and mots[k].cle in ("le", "la", "l'", "ce", "du", "de", "d'"):
            k -= 1
        if k >= 0 and mots[k].cle in _CADRES_AVANT:
            return "echeance" if mots[k].cle not in ("depuis", "partir") else "periode"
        if j < len(mots) and mots[j].cle in _CADRES_APRES:
            return "avenir"
        # Inside the event's own phrase, a habit qualifier: "le point du lundi".
        if j < len(mots) and mots[j - 1].cle in _EVENEMENTS and j + 1 < len(mots) and \
                mots[j].cle == "du" and mots[j + 1].cle in _JOURS:
            return "habitude"
        return None

    def _ce_que_date(self, i: int) -> str | None:
        """None if the moment at word i dates the addressee's behaviour, else why not."""
        n = self.prop_de.get(i)
        if n is None:
            return None
        p = self.props[n]
        if p.sujets:
            cible, numero = p, n
            gauche = [s for s in p.sujets if s.indice < i]
            sujet = gauche[-1] if gauche else p.sujets[0]
        else:
            # A phrase in front ("Hier, lors du point,") dates the next clause with a subject.
            suivantes = [(m, q) for m, q in enumerate(self.props)
                         if q.phrase == p.phrase and q.sujets and m > n]
            precedentes = [(m, q) for m, q in enumerate(self.props)
                           if q.phrase == p.phrase and q.sujets and m < n]
            if not suivantes and not precedentes:
                return None
            numero, cible = suivantes[0] if suivantes else precedentes[-1]
            sujet = cible.sujets[0]
            toi = [s for s in cible.sujets if s.genre == "toi" or s.nature == "possessif"]
            if toi and not self._rapporte(cible, sujet):
                sujet = toi[0]
        if cible.connecteur == "temps":
            return None  # "hier soir, quand la vidéo a planté" also dates what follows
        if numero in self.receptions:
            return None  # "je l'ai reçue mercredi à 18 h": when her work arrived
        if sujet.genre in ("moi", "groupe") and any(
                self.mots[k].cle in _PERCEPTION for k in range(sujet.indice, cible.fin)):
            toi = [s for s in cible.sujets if s.genre == "toi" and s.indice > sujet.indice]
            sujet = toi[0] if toi else sujet
        if sujet.genre == "toi" or sujet.nature == "possessif":
            return None
        if any(self.prop_de.get(a) == numero for a, _ in self.impacts):
            return "consequence"
        if sujet.genre in ("moi", "groupe"):
            return "parole"
        fin_verbe = (sujet.verbe or sujet.indice) + 3
        if any(self.mots[k].cle in _VERBES_PAROLE
               for k in range(sujet.indice, min(cible.fin, fin_verbe))):
            return "parole"
        return None


# ---------------------------------------------------------------- remarks


_EXPLICATIONS = {
    "habitude_personne": "colle une habitude à la personne : c'est à la fois un jugement et une "
                         "généralisation. Décris seulement ce qui s'est passé cette fois-là "
                         "(l'heure, le fichier, les mots).",
    "attribut": "juge la personne au lieu de décrire ce qu'elle a fait. Remplace-le par ses "
                "gestes ou ses mots, comme une caméra les aurait enregistrés.",
    "jugement": "juge la personne au lieu de décrire ce qu'elle a fait. Remplace-le par ses "
                "gestes ou ses mots, comme une caméra les aurait enregistrés.",
    "evaluation": "évalue le travail sans détail observable. Dis ce que tu as vu : ce qui "
                  "manquait, combien, où (« deux chiffres du tableau étaient faux »).",
    "eloge": "est un éloge vague. Nomme précisément ce qui a été fait (« tu as livré les huit "
             "objets de mails lundi à 9 h »).",
    "generalisation": "généralise. Parle d'une seule occasion : celle de ta situation.",
    "frequence": "compte à la louche et reproche. Parle d'une seule occasion, ou donne un compte "
                 "exact (« trois fois pendant le point »).",
    "exces": "évalue par l'excès. Remplace-le par ce que tu as mesuré ou vu (« le visuel "
             "comptait neuf éléments »).",
    "intention": "prête une intention ou un état d'esprit que personne ne peut voir. Décris les "
                 "gestes et les mots ; pour comprendre, pose la question (« qu'est-ce qui s'est "
                 "passé de ton côté ? »).",
}
_RAISONS_ECART = {
    "parole": "il date ce qui a été dit, pensé ou convenu, pas ce que la personne a fait",
    "consequence": "il date la conséquence, pas le comportement",
    "echeance": "c'est une échéance, pas le moment où la personne a agi",
    "periode": "il ouvre une période qui dure, pas une occasion précise",
    "avenir": "il parle de l'avenir",
    "contraste": "il date ce qui était prévu, pas ce qui s'est passé",
    "cause": "il date la cause, pas le comportement",
    "hypothese": "il date une hypothèse",
    "habitude": "c'est une habitude, pas une occasion",
}


def _remarque_situation(lecture: _Lecture, present: bool) -> list[str]:
    if present:
        cites = [f"« {lecture.citer(i, j)} »" for i, j in lecture.moments[:2]]
        verbe = "situe" if len(cites) == 1 else "situent"
        return [f"Situation : {' et '.join(cites)} {verbe} le comportement dans une occasion "
                "précise."]
    if lecture.ecartes:
        raison, i, j = lecture.ecartes[0]
        return [f"Situation : « {lecture.citer(i, j)} » ne suffit pas : {_RAISONS_ECART[raison]}. "
                "Dis quand la personne a agi (« mardi, pendant le point d'équipe, tu as… »)."]
    flous = list(_MOMENTS_FLOUS.chercher(lecture.mots))
    if flous:
        i, j, _ = flous[0]
        return [f"Situation : « {lecture.citer(i, j)} » reste flou. Donne le jour ou l'événement "
                "précis (« jeudi, pendant l'appel avec Maison Lumière »)."]
    habitudes = list(_HABITUDES.chercher(lecture.mots))
    if habitudes:
        i, j, _ = habitudes[0]
        fin = min(len(lecture.mots), j + 2) if lecture.mots[j - 1].cle in ("pendant", "lors", "des",
                                                                           "les", "sur") else j
        return [f"Situation : « {lecture.citer(i, fin)} » décrit une habitude, pas une occasion. "
                "Choisis une seule fois et date-la (« mardi matin, pendant le point d'équipe »)."]
    quand = [p for p in lecture.props if p.connecteur == "temps"
             and any(s.genre == "toi" for s in p.sujets)]
    if quand:
        p = quand[0]
        return [f"Situation : « {lecture.citer(p.debut, min(p.fin, p.debut + 5))}… » nomme l'acte, "
                "pas le moment. Ajoute le jour ou l'événement (« hier, pendant la répétition »)."]
    return ["Situation : il manque le moment. Dis quand c'était, une seule fois : un jour "
            "(« hier », « mardi 4 mai »), un moment de la journée (« ce matin ») ou un événement "
            "unique (« pendant l'appel avec Maison Lumière »)."]


def _remarque_comportement(lecture: _Lecture, present: bool) -> list[str]:
    if present:
        i, j = lecture.actes[0]
        return [f"Comportement : « {lecture.citer(i, j, 10)} » décrit ce qui a été fait, sans "
                "jugement."]
    remarques, vus = [], set()
    for categorie, i, j in lecture.problemes:
        cite = lecture.citer(i, j)
        if cite.lower() in vus:
            continue
        vus.add(cite.lower())
        remarques.append(f"Comportement : « {cite} » {_EXPLICATIONS[categorie]}")
        if len(remarques) == 3:
            break
    if not lecture.actes:
        vagues = list(_MOTS_VAGUES.chercher(lecture.mots))
        if lecture.vides:
            i, j = lecture.vides[0]
            remarques.append(f"Comportement : « {lecture.citer(i, j)} » ne dit ni ce qui a été "
                             "dit ni ce qui a été fait : une caméra n'y verrait rien de précis. "
                             "Rapporte les mots, les gestes ou ce qui a été produit (« tu as parlé "
                             "dix minutes de la page de vente », « tu as répondu « je m'en "
                             "occupe » »).")
        elif vagues:
            i, j, _ = vagues[0]
            remarques.append(f"Comportement : « {lecture.citer(i, j)} » ne dit pas ce que la "
                             "personne a fait. Rapporte ses mots ou ses gestes (« tu as répondu à "
                             "Léa en lui coupant la parole deux fois »).")
        else:
            remarques.append("Comportement : il manque l'acte observable. Écris ce que la personne "
                             "a dit ou fait (« tu as envoyé… », « tu as répondu… »), comme une "
                             "caméra l'aurait enregistré.")
    return remarques


def _remarque_impact(lecture: _Lecture, present: bool) -> list[str]:
    if present:
        i, j = lecture.impacts[0]
        return [f"Impact : « {lecture.citer(i, j, 12)} » dit ce que le comportement a changé."]
    suite = ("Dis ce que le comportement a changé : pour toi (« j'ai été rassurée »), pour "
             "l'équipe, pour la cliente ou pour la suite du travail (« Inès a dû décaler trois "
             "publications »).")
    for genre, i, j in lecture.non_impacts:
        cite = lecture.citer(i, j)
        if genre == "contraste":
            return [f"Impact : « {cite}… » compare avec ce qui était prévu : ce n'est pas un "
                    f"impact. {suite}"]
        if genre == "conseil":
            return [f"Impact : « {cite}… » est un conseil, pas un impact. {suite}"]
        if genre == "hypothese":
            return [f"Impact : « {cite} » décrit un effet possible, pas ce qui s'est passé. "
                    + suite]
    return [f"Impact : il manque la conséquence. {suite}"]


# ---------------------------------------------------------------- public objects


def _badge(present: bool, nom: str) -> str:
    # Plain-text marks (not emoji): they show in every font, and the word says it again.
    couleur, fond, icone = ("#1e7d32", "#e8f5e9", "✓") if present else ("#b3261e", "#fdecea", "✗")
    return (f'<span style="display:inline-block;margin-right:8px;padding:2px 8px;'
            f'border-radius:10px;background:{fond};color:{couleur};font-weight:bold">'
            f"{icone} {nom}</span>")


@dataclass(frozen=True, eq=True)
class AnalyseSBI:
    """Le verdict de l'analyseur SBI sur un feedback.

    - ``situation``, ``comportement``, ``impact`` : chaque partie est-elle présente ?
    - ``complet`` : les trois à la fois ;
    - ``remarques`` : une phrase par partie (ce qui a été trouvé, ou quoi ajouter ou reformuler),
      plus une par mot à reformuler ; ``a_reprendre`` : seulement celles des parties absentes ;
    - ``details`` : les mots qui ont déclenché chaque verdict.
    """

    texte: str
    situation: bool
    comportement: bool
    impact: bool
    remarques: list[str]
    details: dict[str, list[str]] = field(default_factory=dict)

    @property
    def complet(self) -> bool:
        """Vrai quand la situation, le comportement et l'impact sont tous présents."""
        return self.situation and self.comportement and self.impact

    @property
    def manquants(self) -> list[str]:
        """Les parties absentes, dans l'ordre S, C, I."""
        return [nom for nom in PARTIES if not getattr(self, nom)]

    @property
    def a_reprendre(self) -> list[str]:
        """Les remarques des parties absentes : ce qu'il faut ajouter ou reformuler."""
        titres = tuple(f"{nom.capitalize()} :" for nom in self.manquants)
        return [r for r in self.remarques if r.startswith(titres)] if titres else []

    def en_dict(self) -> dict:
        """Le verdict sous forme de dictionnaire (pour l'enregistrer ou le comparer)."""
        return {"situation": self.situation, "comportement": self.comportement,
                "impact": self.impact, "complet": self.complet,
                "remarques": list(self.remarques)}

    def __str__(self) -> str:
        lignes = [" · ".join(f"{'✓' if getattr(self, nom) else '✗'} {nom}" for nom in PARTIES)]
        lignes += [f"- {r}" for r in self.remarques]
        return "\n".join(lignes)

    def _repr_html_(self) -> str:
        titre = ("Feedback SBI complet" if self.complet else
                 "À compléter : " + ", ".join(self.manquants))
        bordure = "#1e7d32" if self.complet else "#b3261e"
        remarques = "".join(f"<li>{html.escape(r)}</li>" for r in self.remarques)
        return (f'<div class="obm-sbi" style="border-left:5px solid {bordure};padding:6px 10px;'
                f'margin:4px 0;color:#222"><b>{html.escape(titre)}</b><br>'
                f'<div style="margin:6px 0">{_badge(self.situation, "Situation")}'
                f'{_badge(self.comportement, "Comportement")}{_badge(self.impact, "Impact")}</div>'
                f'<ul style="margin:4px 0 0 0">{remarques}</ul></div>')


def _verifier_texte(valeur, nom: str, vide_permis: bool = False) -> str:
    if not isinstance(valeur, str):
        raise TypeInvalide(
            f"`{nom}` doit être un texte entre guillemets, pas un objet de type "
            f"{type(valeur).__name__} ({valeur!r:.60}). Écris par exemple "
            f'{nom} = "Hier, pendant le point d\'équipe, tu as…".'
        )
    if len(valeur) > _LONGUEUR_MAX:
        raise DonneesInvalides(
            f"`{nom}` fait {len(valeur)} caractères : un feedback tient en quelques phrases. "
            f"Garde-le sous {_LONGUEUR_MAX} caractères."
        )
    if not vide_permis and not valeur.strip():
        raise DonneesInvalides(
            f"`{nom}` est vide : écris ton feedback entre les guillemets, en quelques phrases "
            "(situation, comportement, impact)."
        )
    return valeur


def _details(lecture: _Lecture) -> dict[str, list[str]]:
    return {
        "situation": [lecture.citer(i, j) for i, j in lecture.moments],
        "comportement": [lecture.citer(i, j) for i, j in lecture.actes],
        "impact": [lecture.citer(i, j) for i, j in lecture.impacts],
        "a_reformuler": [lecture.citer(i, j) for _, i, j in lecture.problemes],
        "moments_ecartes": [lecture.citer(i, j) for _, i, j in lecture.ecartes],
    }


def analyser_sbi(texte: str) -> AnalyseSBI:
    """Analyse un feedback écrit d'un bloc selon le modèle SBI (Situation – Comportement – Impact).

    Renvoie une :class:`AnalyseSBI` : ``situation``, ``comportement``, ``impact`` (vrai ou faux),
    ``complet`` (les trois), ``remarques`` (ce qu'il faut ajouter ou reformuler) et ``details``
    (les mots qui ont décidé).

    Les règles du cours :

    - **situation** : une occasion précise, datée par un moment (« hier », « ce matin »,
      « mardi », « le 12 mars ») ou un événement unique (« pendant l'appel avec Maison
      Lumière »). Une habitude (« pendant les réunions », « toujours ») ou un mot de temps qui
      date autre chose (« comme je te le disais hier ») n'en est pas une ;
    - **comportement** : ce que la personne a dit ou fait, comme une caméra l'enregistrerait
      (« je l'ai reçue mercredi 5 mai à 18 h » le dit aussi). Faux dès que le texte juge
      (« tu es négligente », « ta nonchalance », « comme une débutante »), généralise
      (« toujours », « encore », « comme d'habitude », « ton retard habituel »), prête une
      intention (« tu t'en fichais », « parce que tu ne prends pas nos délais au sérieux »),
      reste un éloge vague (« bon travail »), évalue sans détail (« incomplet », « trop
      chargé ») ou ne dit rien (« tu as parlé ») ;
    - **impact** : une conséquence pour toi, l'équipe, la cliente ou le travail, y compris un
      problème évité. Un contraste (« alors que… ») ou un conseil n'en est pas un.

    Exemple ::

        >>> analyser_sbi("Hier, pendant le point d'équipe, tu as lu les trois échéances à voix "
        ...              "haute ; du coup, personne ne m'a relancée.").complet
        True
    """
    _verifier_texte(texte, "texte")
    lecture = _Lecture(texte)
    s, c, i = bool(lecture.moments), bool(lecture.actes) and not lecture.problemes, \
        bool(lecture.impacts)
    remarques = (_remarque_situation(lecture, s) + _remarque_comportement(lecture, c)
                 + _remarque_impact(lecture, i))
    return AnalyseSBI(texte, s, c, i, remarques, _details(lecture))


def analyser_sbi_parties(situation: str, comportement: str, impact: str) -> AnalyseSBI:
    """Analyse un feedback SBI écrit en trois parties séparées.

    Chaque partie est lue seule, avec les mêmes règles que :func:`analyser_sbi` : la
    ``situation`` doit dater une occasion précise, le ``comportement`` décrire un acte sans
    jugement, l'``impact`` dire une conséquence. Une partie vide est comptée absente ;
    les trois vides, c'est une erreur. Renvoie une :class:`AnalyseSBI`.

    Exemple ::

        >>> analyser_sbi_parties("Mardi, pendant le point d'équipe,",
        ...                      "tu as coupé la parole à Inès trois fois",
        ...                      "elle a fini la réunion caméra coupée.").complet
        True
    """
    parties = {"situation": situation, "comportement": comportement, "impact": impact}
    for nom, valeur in parties.items():
        _verifier_texte(valeur, nom, vide_permis=True)
    if not any(v.strip() for v in parties.values()):
        raise DonneesInvalides(
            "Les trois parties sont vides : écris au moins la situation, le comportement ou "
            "l'impact de ton feedback."
        )
    verdicts, remarques, details = {}, [], {}
    lectures = {nom: _Lecture(v) if v.strip() else None for nom, v in parties.items()}
    fonctions = {"situation": (_remarque_situation, lambda l: bool(l.moments)),
                 "comportement": (_remarque_comportement,
                                  lambda l: bool(l.actes) and not l.problemes),
                 "impact": (_remarque_impact, lambda l: bool(l.impacts))}
    for nom in PARTIES:
        lecture = lectures[nom]
        if lecture is None:
            verdicts[nom] = False
            remarques.append(f"{nom.capitalize()} : la case est vide. Écris cette partie.")
            details[nom] = []
            continue
        remarque, verdict = fonctions[nom]
        verdicts[nom] = verdict(lecture)
        remarques += remarque(lecture, verdicts[nom])
        lu = _details(lecture)
        details[nom] = lu[nom]
        if nom == "comportement":
            details["a_reformuler"] = lu["a_reformuler"]
        if nom == "situation":
            details["moments_ecartes"] = lu["moments_ecartes"]
    texte = " ".join(v.strip() for v in parties.values() if v.strip())
    return AnalyseSBI(texte, verdicts["situation"], verdicts["comportement"],
                      verdicts["impact"], remarques, details)


# ---------------------------------------------------------------- STAR / STAR-AR


_LIBELLES_STAR = {
    "situation": "Situation", "tache": "Tâche", "action": "Action", "resultat": "Résultat",
    "action_alternative": "Autre action possible", "resultat_alternatif": "Autre résultat possible",
}


@dataclass(frozen=True, eq=True)
class FeedbackStar:
    """Un feedback STAR (ou STAR/AR) mis en forme, avec la vérification de chaque partie.

    - ``texte`` : le feedback prêt à envoyer, une partie par ligne ;
    - ``parties`` : ce que tu as écrit pour chaque partie ;
    - ``verifications`` : chaque partie est-elle là et bien formulée ?
    - ``remarques`` : ce qu'il faut ajouter ou reformuler ;
    - ``complet`` : toutes les vérifications réussies ; ``developpement`` : la forme STAR/AR
      (avec une autre action et son résultat), pour un feedback de développement.
    """

    texte: str
    parties: dict[str, str]
    verifications: dict[str, bool]
    remarques: list[str]

    @property
    def complet(self) -> bool:
        """Vrai quand toutes les vérifications sont réussies."""
        return all(self.verifications.values())

    @property
    def developpement(self) -> bool:
        """Vrai pour un feedback STAR/AR : une autre action et son résultat sont proposés."""
        return bool(self.parties.get("action_alternative") and
                    self.parties.get("resultat_alternatif"))

    @property
    def manquants(self) -> list[str]:
        """Les parties à reprendre."""
        return [nom for nom, ok in self.verifications.items() if not ok]

    def __str__(self) -> str:
        return self.texte

    def _repr_html_(self) -> str:
        bordure = "#1e7d32" if self.complet else "#b3261e"
        titre = "Feedback STAR/AR" if self.developpement else "Feedback STAR"
        titre += " complet" if self.complet else " à compléter"
        lignes = "<br>".join(html.escape(l) for l in self.texte.splitlines())
        badges = "".join(_badge(ok, _LIBELLES_STAR.get(nom, "Alternative"))
                         for nom, ok in self.verifications.items())
        remarques = "".join(f"<li>{html.escape(r)}</li>" for r in self.remarques)
        return (f'<div class="obm-star" style="border-left:5px solid {bordure};padding:6px 10px;'
                f'margin:4px 0;color:#222"><b>{titre}</b><div style="margin:6px 0">{badges}</div>'
                f'<blockquote style="margin:4px 0">{lignes}</blockquote>'
                f'<ul style="margin:4px 0 0 0">{remarques}</ul></div>')


def _phrase(texte: str) -> str:
    texte = " ".join(texte.split())
    if texte and texte[-1] not in ".!?…":
        texte += "."
    return texte[:1].upper() + texte[1:]


def structurer_star(situation: str, tache: str, action: str, resultat: str,
                    action_alternative: str | None = None,
                    resultat_alternatif: str | None = None) -> FeedbackStar:
    """Met en forme un feedback STAR, ou STAR/AR pour un feedback de développement.

    - ``situation`` : quand et où (« Lundi 3 mai, en préparant le webinaire ») ;
    - ``tache`` : ce qui était attendu (« envoyer le lien Zoom aux 620 inscrites ») ;
    - ``action`` : ce que la personne a fait, de façon observable ;
    - ``resultat`` : ce qui s'est passé ensuite (l'impact) ;
    - ``action_alternative`` et ``resultat_alternatif`` (facultatifs, à donner ensemble) :
      ce qu'elle aurait pu faire et ce que cela aurait changé.

    Renvoie un :class:`FeedbackStar` : le ``texte`` mis en forme, une partie par ligne, et les
    vérifications : la situation date une occasion précise, l'action est observable et sans
    jugement, le résultat dit une conséquence, l'alternative est complète et sans jugement.
    Une partie vide est signalée dans les ``remarques``.
    """
    donnees = {"situation": situation, "tache": tache, "action": action, "resultat": resultat}
    for nom, valeur in donnees.items():
        _verifier_texte(valeur, nom, vide_permis=True)
    for nom, valeur in (("action_alternative", action_alternative),
                        ("resultat_alternatif", resultat_alternatif)):
        if valeur is not None:
            _verifier_texte(valeur, nom, vide_permis=True)
        donnees[nom] = valeur or ""
    if not any(donnees[n].strip() for n in ("situation", "tache", "action", "resultat")):
        raise DonneesInvalides(
            "Les quatre parties STAR sont vides : écris au moins la situation, la tâche, "
            "l'action et le résultat."
        )
    verifications: dict[str, bool] = {}
    remarques: list[str] = []
    vide = "{} : la partie est vide. Écris-la en une phrase."

    if donnees["situation"].strip():
        lecture = _Lecture(donnees["situation"])
        verifications["situation"] = bool(lecture.moments)
        if not lecture.moments:
            remarques += _remarque_situation(lecture, False)
    else:
        verifications["situation"] = False
        remarques.append(vide.format("Situation"))
    verifications["tache"] = bool(donnees["tache"].strip())
    if not verifications["tache"]:
        remarques.append("Tâche : la partie est vide. Dis ce qui était attendu de la personne "
                         "(« envoyer le lien Zoom aux 620 inscrites »).")
    if donnees["action"].strip():
        lecture = _Lecture(donnees["action"])
        verifications["action"] = bool(lecture.actes) and not lecture.problemes
        if not verifications["action"]:
            remarques += [r.replace("Comportement :", "Action :")
                          for r in _remarque_comportement(lecture, False)]
    else:
        verifications["action"] = False
        remarques.append(vide.format("Action"))
    if donnees["resultat"].strip():
        lecture = _Lecture(donnees["resultat"])
        verifications["resultat"] = bool(lecture.impacts)
        if not lecture.impacts:
            remarques += [r.replace("Impact :", "Résultat :")
                          for r in _remarque_impact(lecture, False)]
    else:
        verifications["resultat"] = False
        remarques.append(vide.format("Résultat"))

    alternative = [donnees["action_alternative"].strip(), donnees["resultat_alternatif"].strip()]
    if any(alternative):
        ok = all(alternative)
        if not ok:
            manque = "le résultat alternatif" if alternative[0] else "l'action alternative"
            remarques.append(f"Alternative : il manque {manque}. Une autre action se propose avec "
                             "ce qu'elle aurait changé, les deux ensemble.")
        if alternative[0]:
            lecture = _Lecture(alternative[0])
            for categorie, i, j in lecture.problemes:
                ok = False
                remarques.append(f"Alternative : « {lecture.citer(i, j)} » "
                                 f"{_EXPLICATIONS[categorie]}")
        verifications["alternative"] = ok

    lignes = [f"{_LIBELLES_STAR[nom]} : {_phrase(valeur)}" for nom, valeur in donnees.items()
              if valeur.strip()]
    return FeedbackStar("\n".join(lignes), {k: v.strip() for k, v in donnees.items()},
                        verifications, remarques)


# ---------------------------------------------------------------- reviews and the printable sheet


def _oui_non(present: bool) -> str:
    """A part found or not, as a mark and a word (never a colour alone). The marks are plain
    text characters, not emoji: they print in black and white and show in every font."""
    return "✓ oui" if present else "✗ non"


_STYLE_TABLEAU = ('style="border-collapse:collapse;margin:4px 0;color:#222;font-size:0.95em"')
_STYLE_CASE = 'style="border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top"'


def _tableau_html(entetes: list[str], lignes: list[list[str]]) -> str:
    tete = "".join(f"<th {_STYLE_CASE}>{html.escape(e)}</th>" for e in entetes)
    corps = "".join("<tr>" + "".join(f"<td {_STYLE_CASE}>{html.escape(c)}</td>" for c in ligne)
                    + "</tr>" for ligne in lignes)
    return f"<table {_STYLE_TABLEAU}><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


@dataclass(frozen=True)
class RevueSBI:
    """Plusieurs feedbacks passés à l'analyseur : un tableau, une ligne par feedback.

    ``verdicts`` : les :class:`AnalyseSBI`, dans l'ordre des feedbacks.
    """

    verdicts: list[AnalyseSBI]

    def _lignes(self) -> list[list[str]]:
        return [[v.texte, _oui_non(v.situation), _oui_non(v.comportement), _oui_non(v.impact),
                 v.a_reprendre[0] if v.a_reprendre else "Rien à reprendre."]
                for v in self.verdicts]

    def __str__(self) -> str:
        blocs = []
        for texte, s, c, i, reprendre in self._lignes():
            blocs.append(f"{texte}\n    situation : {s} · comportement : {c} · impact : {i}\n"
                         f"    {reprendre}")
        return "\n\n".join(blocs)

    def _repr_html_(self) -> str:
        return _tableau_html(["Feedback", "Situation", "Comportement", "Impact", "À reprendre"],
                             self._lignes())


def passer_en_revue(feedbacks) -> RevueSBI:
    """Passe plusieurs feedbacks dans l'analyseur SBI et les présente en tableau.

    ``feedbacks`` : une liste de textes. Pour chacun, le tableau dit si la situation, le
    comportement et l'impact sont là (« ✓ oui » ou « ✗ non ») et donne la première remarque
    sur ce qu'il faut reprendre. Renvoie une :class:`RevueSBI` (``verdicts`` : les analyses).
    """
    if isinstance(feedbacks, str) or not isinstance(feedbacks, (list, tuple)):
        raise TypeInvalide(
            "`feedbacks` doit être une liste de textes, entre crochets : "
            '["Hier, tu as…", "Bon travail !"].'
        )
    if not feedbacks:
        raise DonneesInvalides("La liste de feedbacks est vide : mets au moins un texte entre "
                               "les crochets.")
    return RevueSBI([analyser_sbi(_verifier_texte(t, f"feedbacks[{n}]"))
                     for n, t in enumerate(feedbacks)])


@dataclass(frozen=True)
class BilanFeedbacks:
    """Le journal des feedbacks d'une semaine : pour qui, positif ou non, SBI complet ou non.

    ``lignes`` : une ligne par feedback (``pour``, ``positif``, ``sbi_complet``, ``texte``) ;
    ``part_positifs`` : la part des feedbacks positifs (une fraction, 0.8 pour 80 %).
    """

    lignes: list[dict]

    @property
    def part_positifs(self) -> float:
        """La part des feedbacks positifs, en fraction (0.8 pour 80 %)."""
        return sum(1 for l in self.lignes if l["positif"]) / len(self.lignes)

    @property
    def a_preciser(self) -> list[dict]:
        """Les feedbacks qui ne sont pas des SBI complets."""
        return [l for l in self.lignes if not l["sbi_complet"]]

    def _cases(self) -> list[list[str]]:
        return [[l["pour"], _oui_non(l["positif"]), _oui_non(l["sbi_complet"]), l["texte"]]
                for l in self.lignes]

    def __str__(self) -> str:
        return "\n".join(f"{p} · positif : {s} · SBI complet : {c} · {t}"
                         for p, s, c, t in self._cases())

    def _repr_html_(self) -> str:
        return _tableau_html(["Pour", "Positif", "SBI complet", "Feedback"], self._cases())


def bilan_feedbacks(journal) -> BilanFeedbacks:
    """Fait le bilan d'un journal de feedbacks : qui, positif ou correctif, SBI complet ou non.

    ``journal`` : une liste de dictionnaires avec les clés ``"pour"`` (le prénom), ``"positif"``
    (``True`` ou ``False``) et ``"texte"`` (le feedback). Renvoie un :class:`BilanFeedbacks`,
    affiché en tableau (« oui » / « non »), avec ``part_positifs``.
    """
    if isinstance(journal, (str, dict)) or not isinstance(journal, (list, tuple)) or not journal:
        raise TypeInvalide("`journal` doit être une liste non vide de dictionnaires, un par "
                           'feedback : [{"pour": "Léa", "positif": True, "texte": "…"}].')
    lignes = []
    for n, entree in enumerate(journal):
        if not isinstance(entree, dict) or not {"pour", "positif", "texte"} <= set(entree):
            raise DonneesInvalides(
                f"Le feedback n° {n + 1} du journal doit être un dictionnaire avec les clés "
                '"pour", "positif" et "texte".')
        if not isinstance(entree["positif"], bool):
            raise TypeInvalide(f"Le feedback n° {n + 1} : \"positif\" vaut True ou False, pas "
                               f"{entree['positif']!r}.")
        texte = _verifier_texte(entree["texte"], f"texte du feedback n° {n + 1}")
        lignes.append({"pour": str(entree["pour"]), "positif": entree["positif"],
                       "sbi_complet": analyser_sbi(texte).complet, "texte": texte})
    return BilanFeedbacks(lignes)


# The printable SBI sheet (the module's deliverable): what to check before sending, how to say
# it, and the learner's own feedbacks, each with the analyser's verdict.

_FICHE_SBI = {
    "titre": "Fiche SBI · donner un feedback constructif",
    "sous_titre": "Académie OBM, module 10 : à imprimer et à garder près de ton clavier.",
    "methode": [
        ("S · Situation", "Quand et où, une seule fois : un jour, un moment, un événement unique.",
         "« Mardi 4 mai, pendant le point d'équipe, »"),
        ("B · Comportement", "Ce que la personne a dit ou fait, comme une caméra l'aurait filmé.",
         "« tu as lu à voix haute les trois échéances de la semaine ; »"),
        ("I · Impact", "Ce que ce comportement a changé : pour toi, l'équipe, la cliente, le travail.",
         "« personne ne m'a relancée l'après-midi. »"),
    ],
    "verifier": [
        "Un moment précis, pas une habitude (« pendant les réunions », « le lundi »).",
        "Aucun adjectif ni étiquette sur la personne, même flatteuse (« très pro », « une perle »).",
        "Aucune généralisation : « toujours », « jamais », « encore », « comme d'habitude ».",
        "Aucune intention prêtée : « tu t'en fichais » ; pose plutôt la question (SBI-I).",
        "Une vraie conséquence : pas un contraste (« alors que… »), pas un conseil à la place.",
        "Un seul comportement par feedback ; pas de « sandwich » de compliments autour.",
    ],
    "dire": [
        "Féliciter : vite, par écrit ou de vive voix, en public si la personne l'apprécie.",
        "Corriger : en privé, de vive voix (visio ou téléphone), le jour même ou le lendemain, "
        "à froid ; l'écrit vient ensuite, pour garder ce que vous avez convenu.",
        "Une prestataire n'est pas une salariée : parle du livrable et des engagements pris "
        "(date, contenu, critères convenus au devis ou au rétroplanning), jamais d'horaires "
        "imposés, de présence contrôlée ni de sanction.",
        "Vers la cliente : les mêmes faits, reliés à ses objectifs, avec une proposition.",
        "Recevoir : écouter jusqu'au bout, remercier, demander un exemple précis, décider ensuite.",
    ],
    "modele": [
        "Bonjour [prénom],",
        "",
        "[Situation] [jour], pour [le livrable ou l'engagement],",
        "[Comportement] tu as [ce que tu as vu ou reçu, avec un détail : date, chiffre, mot exact].",
        "[Impact] [ce que cela a changé pour toi, l'équipe, la cliente ou la suite du travail].",
        "",
        "[Correctif] Qu'est-ce qui s'est passé de ton côté ? Pour la prochaine livraison, "
        "peux-tu [demande précise] ?",
        "[Positif] Merci : [ce que tu aimerais qu'elle refasse].",
        "",
        "[formule de fin],",
        "[ta signature]",
    ],
}

_CSS_FICHE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 46em;
       margin: 1.5em auto; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.5em; margin-bottom: 0.1em; }
h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 4px 8px; text-align: left; vertical-align: top; }
pre { white-space: pre-wrap; border: 1px solid #999; padding: 8px; font-family: inherit; }
blockquote { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid #555; }
.a-ecrire { color: #555; font-style: italic; }
ul.a-cocher { list-style: none; padding-left: 0.5em; }
@media print { body { margin: 0; font-size: 9.5pt; line-height: 1.3; }
               h1 { margin-top: 0; } h2 { break-after: avoid; margin-top: 0.9em; }
               h2.mes-feedbacks { break-before: page; }
               section.feedback { break-inside: avoid; } }
@page { size: A4; margin: 12mm; }
"""


@dataclass(frozen=True)
class FicheSBI:
    """La fiche SBI imprimable, écrite dans ``livrables/`` en HTML et en Markdown.

    ``html`` et ``markdown`` : les chemins des deux fichiers ; ``feedbacks`` : ce qui y est
    écrit (titre → texte, ou ``None`` pour un feedback pas encore écrit).
    """

    html: Path
    markdown: Path
    feedbacks: dict

    @property
    def ecrits(self) -> int:
        """Le nombre de feedbacks déjà écrits sur la fiche."""
        return sum(1 for t in self.feedbacks.values() if t is not None)

    def _compte(self) -> str:
        total = len(self.feedbacks)
        return f"{self.ecrits} feedback{'s' if self.ecrits > 1 else ''} écrit" \
               f"{'s' if self.ecrits > 1 else ''} sur {total}"

    def __str__(self) -> str:
        return f"Fiche SBI écrite ({self._compte()}) : {self.html} et {self.markdown}"

    def _lien(self, chemin: Path) -> str:
        """A link JupyterLab opens (relative to the notebook), or the bare name if none fits."""
        import os

        nom = f"<code>{html.escape(chemin.name)}</code>"
        try:
            relatif = Path(os.path.relpath(chemin, Path.cwd())).as_posix()
        except ValueError:  # another drive (Windows)
            return nom
        return f'<a href="{html.escape(relatif, quote=True)}" target="_blank">{nom}</a>'

    def _repr_html_(self) -> str:
        return (f'<div class="obm-fiche" style="border-left:5px solid #0b4f8a;padding:6px 10px;'
                f'color:#222">📄 <b>Ta fiche SBI est écrite</b> ({self._compte()}) '
                f"dans ton dossier <code>livrables/</code> : {self._lien(self.html)} (à ouvrir "
                f"dans ton navigateur et à imprimer) et {self._lien(self.markdown)} (à coller "
                "dans tes notes).</div>")


def _fiche_markdown(feedbacks: dict, verdicts: dict) -> str:
    f = _FICHE_SBI
    lignes = [f"# {f['titre']}", "", f["sous_titre"], "", "## La méthode", "",
              "| partie | la question | exemple |", "|---|---|---|"]
    lignes += [f"| **{p}** | {q} | {e} |" for p, q, e in f["methode"]]
    lignes += ["", "## Avant d'envoyer, vérifie", ""]
    lignes += [f"- [ ] {v}" for v in f["verifier"]]
    lignes += ["", "## Le dire", ""] + [f"- {d}" for d in f["dire"]]
    lignes += ["", "## Modèle de message écrit", "", "```text", *f["modele"], "```", "",
               "## Mes feedbacks", ""]
    for titre, texte in feedbacks.items():
        lignes += [f"### {titre}", ""]
        if texte is None:
            lignes += ["*Pas encore écrit : écris-le dans l'exercice 10, puis relance la cellule "
                       "de la fiche.*", ""]
            continue
        lignes += ["> " + l if l else ">" for l in texte.strip().splitlines()]
        v = verdicts[titre]
        lignes += ["", f"Analyseur SBI : situation {_oui_non(v.situation)} · comportement "
                       f"{_oui_non(v.comportement)} · impact {_oui_non(v.impact)}", ""]
    return "\n".join(lignes).rstrip() + "\n"


def _fiche_html(feedbacks: dict, verdicts: dict) -> str:
    f, e = _FICHE_SBI, html.escape
    methode = "".join(f"<tr><th>{e(p)}</th><td>{e(q)}</td><td>{e(x)}</td></tr>"
                      for p, q, x in f["methode"])
    verifier = "".join(f"<li>☐ {e(v)}</li>" for v in f["verifier"])
    dire = "".join(f"<li>{e(d)}</li>" for d in f["dire"])
    sections = []
    for titre, texte in feedbacks.items():
        if texte is None:
            corps = ('<p class="a-ecrire">Pas encore écrit : écris-le dans l\'exercice 10, puis '
                     "relance la cellule de la fiche.</p>")
        else:
            v = verdicts[titre]
            paragraphes = "<br>".join(e(l) for l in texte.strip().splitlines())
            corps = (f"<blockquote>{paragraphes}</blockquote><p>Analyseur SBI : situation "
                     f"{_oui_non(v.situation)} · comportement {_oui_non(v.comportement)} · "
                     f"impact {_oui_non(v.impact)}</p>")
        sections.append(f'<section class="feedback"><h3>{e(titre)}</h3>{corps}</section>')
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(f['titre'])}</title>\n<style>{_CSS_FICHE}</style>\n</head>\n<body>\n"
        f"<h1>{e(f['titre'])}</h1>\n<p>{e(f['sous_titre'])}</p>\n"
        "<h2>La méthode</h2>\n<table><thead><tr><th>partie</th><th>la question</th>"
        f"<th>exemple</th></tr></thead><tbody>{methode}</tbody></table>\n"
        f"<h2>Avant d'envoyer, vérifie</h2>\n<ul class=\"a-cocher\">{verifier}</ul>\n"
        f"<h2>Le dire</h2>\n<ul>{dire}</ul>\n"
        f"<h2>Modèle de message écrit</h2>\n<pre>{e(chr(10).join(f['modele']))}</pre>\n"
        f"<h2 class=\"mes-feedbacks\">Mes feedbacks</h2>\n{''.join(sections)}\n</body>\n</html>\n"
    )


def ecrire_fiche_sbi(feedbacks: dict, *, nom: str = "10_fiche_sbi") -> FicheSBI:
    """Écrit ta fiche SBI imprimable dans ``livrables/`` : ``NOM.html`` et ``NOM.md``.

    La fiche rappelle la méthode SBI, ce qu'il faut vérifier avant d'envoyer, comment le dire
    (canal, moment, prestataire, cliente), un modèle de message écrit, puis tes feedbacks avec
    le verdict de l'analyseur. ``feedbacks`` : un dictionnaire titre → texte ; un feedback
    encore à ``...`` (ou qui n'est pas un texte) est marqué « pas encore écrit ». Renvoie une
    :class:`FicheSBI`.
    """
    from obm.livrables import chemin_livrable

    if not isinstance(feedbacks, dict) or not feedbacks:
        raise TypeInvalide("`feedbacks` doit être un dictionnaire non vide, titre → texte : "
                           '{"Pour Hugo (correctif)": reecriture_1}.')
    propres: dict[str, str | None] = {}
    verdicts: dict[str, AnalyseSBI] = {}
    for titre, texte in feedbacks.items():
        titre = " ".join(str(titre).split())
        # A feedback not written yet (still `...`), or not a text: the sheet says so, and the
        # cell that writes it never stops the notebook.
        if not isinstance(texte, str) or not texte.strip() or len(texte) > _LONGUEUR_MAX:
            propres[titre] = None
            continue
        propres[titre] = texte
        verdicts[titre] = analyser_sbi(texte)
    chemin_html = chemin_livrable(f"{nom}.html")
    chemin_md = chemin_livrable(f"{nom}.md")
    chemin_html.write_text(_fiche_html(propres, verdicts), encoding="utf-8")
    chemin_md.write_text(_fiche_markdown(propres, verdicts), encoding="utf-8")
    return FicheSBI(chemin_html, chemin_md, propres)
