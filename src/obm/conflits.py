"""La résolution de conflits (module 18) : les cinq modes de Thomas-Kilmann, la communication
non violente (CNV) et le script de médiation.

- ``MODES`` et ``mode_thomas_kilmann(affirmation, cooperation)`` : les cinq modes sur leurs deux
  axes (K. W. Thomas et R. H. Kilmann, 1974) ;
- ``analyser_osbd(texte)`` : une pré-vérification d'une phrase en CNV (M. B. Rosenberg) qui repère,
  par des listes de mots, les pseudo-sentiments, les généralisations (« toujours », « jamais ») et
  les demandes négatives ou vagues. C'est une aide à la relecture, pas un juge : une liste de mots
  ne comprend pas une phrase ;
- ``ETAPES_MEDIATION``, ``script_mediation`` et ``ecrire_script_mediation`` : le livrable du
  module, ton script de médiation (ou de facilitation) en Markdown, dans ``livrables/``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from obm.erreurs import DonneesInvalides, TypeInvalide

NOM_LIVRABLE = "18_script_mediation.md"

# --- Les cinq modes de Thomas-Kilmann ----------------------------------------------------------

ECHELLE_MAX = 10  # les deux axes vont de 0 (pas du tout) à 10 (tout à fait)


@dataclass(frozen=True)
class Mode:
    """Un mode de gestion des conflits : son nom, son autre nom français quand l'usage en a un
    (« affrontement », « conciliation » ; sinon une chaîne vide), sa place sur les deux axes (de 0
    à 10), quand il sert et son risque."""

    nom: str
    autre_nom: str
    affirmation: int
    cooperation: int
    place: str
    quand: str
    risque: str


MODES = {
    "compétition": Mode(
        "compétition", "affrontement", 9, 1,
        "affirmation haute, coopération basse",
        "une urgence, une règle de sécurité ou de droit à faire respecter, une décision impopulaire "
        "qui t'appartient",
        "gagner en perdant la relation ; l'autre se tait au lieu de coopérer"),
    "collaboration": Mode(
        "collaboration", "", 9, 9,
        "affirmation haute, coopération haute",
        "un enjeu important pour les deux, du temps pour chercher ensemble une solution qui "
        "satisfait les deux besoins",
        "prendre des heures pour un sujet mineur"),
    "compromis": Mode(
        "compromis", "", 5, 5,
        "milieu sur les deux axes",
        "deux demandes d'égale force, une solution rapide et acceptable, chacun cède une partie",
        "couper la poire en deux alors qu'une solution meilleure pour les deux existait"),
    "évitement": Mode(
        "évitement", "", 1, 1,
        "affirmation basse, coopération basse",
        "un sujet mineur, des esprits trop échauffés (on reporte, avec une date), une question qui "
        "n'est pas la tienne",
        "le problème grossit pendant qu'on l'évite"),
    "accommodation": Mode(
        "accommodation", "conciliation", 1, 9,
        "affirmation basse, coopération haute",
        "un enjeu bien plus important pour l'autre que pour toi, une erreur de ta part, préserver "
        "la relation",
        "céder toujours, accumuler de la rancœur"),
}


def _note_axe(valeur, nom: str) -> float:
    """A value on one axis, checked: a number from 0 to 10 (bool and NaN refused)."""
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float)) and not hasattr(valeur, "__float__"):
        raise TypeInvalide(f"« {nom} » doit être un nombre de 0 à 10, par exemple 7 (reçu : {valeur!r}).")
    try:
        nombre = float(valeur)
    except (TypeError, ValueError):
        raise TypeInvalide(f"« {nom} » doit être un nombre de 0 à 10, par exemple 7 (reçu : {valeur!r}).") from None
    if math.isnan(nombre) or not 0 <= nombre <= ECHELLE_MAX:
        raise DonneesInvalides(
            f"« {nom} » va de 0 (pas du tout) à 10 (tout à fait) : {valeur!r} est hors de l'échelle.")
    return nombre


def mode_thomas_kilmann(affirmation, cooperation) -> str:
    """Le mode de Thomas-Kilmann d'une attitude placée sur les deux axes, chacun de 0 à 10.

    ``affirmation`` : combien la personne défend ses propres préoccupations (affirmation de soi) ;
    ``cooperation`` : combien elle cherche à satisfaire celles de l'autre.

    Renvoie « compromis » au milieu des deux axes (les deux notes entre 4 et 6), sinon le mode du
    coin : au-dessus de 5, l'axe est « haut ». Compétition (haut, bas), collaboration (haut, haut),
    évitement (bas, bas), accommodation (bas, haut).

    >>> mode_thomas_kilmann(8, 2)
    'compétition'
    """
    a = _note_axe(affirmation, "affirmation")
    c = _note_axe(cooperation, "cooperation")
    if 4 <= a <= 6 and 4 <= c <= 6:
        return "compromis"
    if a > 5:
        return "collaboration" if c > 5 else "compétition"
    return "accommodation" if c > 5 else "évitement"


def tableau_des_modes():
    """Les cinq modes, leur place sur les deux axes, quand ils servent et leur risque (un tableau)."""
    from obm.metier import Tableau

    return Tableau(
        ("mode", "place sur les axes", "utile quand", "le risque"),
        tuple((f"{m.nom} ({m.autre_nom})" if m.autre_nom else m.nom, m.place, m.quand, m.risque)
              for m in MODES.values()),
        "Les cinq modes de Thomas-Kilmann (1974) : aucun n'est bon en soi.")


# --- La CNV : une pré-vérification par listes de mots ------------------------------------------

# Les pseudo-sentiments : ce que l'autre m'aurait fait, pas ce que je ressens (M. B. Rosenberg).
# Au masculin singulier ; le féminin et le pluriel sont reconnus (« ignorée », « trahies »).
PSEUDO_SENTIMENTS = (
    "abandonné", "agressé", "attaqué", "critiqué", "délaissé", "dévalorisé", "exploité", "humilié",
    "ignoré", "incompris", "insulté", "jugé", "manipulé", "méprisé", "menacé", "négligé", "provoqué",
    "rabaissé", "rejeté", "trahi", "utilisé",
)
# Les mêmes en plusieurs mots : « pas écoutée », « mise de côté »…
PSEUDO_SENTIMENTS_EXPRESSIONS = (
    r"pas (?:écouté|entendu|respecté|reconnu|soutenu|pris au sérieux|considéré)(?:e|es|s)?",
    r"mise? de côté", r"mis(?:es)? de côté", r"laissée? tomber", r"laissé(?:e|es|s)? tomber",
    r"prise? pour acquise?", r"pris(?:es)? pour acquis(?:es)?",
)
# « Je sens que tu… », « j'ai l'impression que tu… » : une pensée sur l'autre, pas un sentiment.
PENSEE_DEGUISEE = r"\b(?:je (?:me )?sens|j'ai (?:le sentiment|l'impression)) qu(?:e |')(?:tu|vous|il|elle|on|ils|elles)\b"

GENERALISATIONS = (
    "toujours", "jamais", "tout le temps", "à chaque fois", "chaque fois", "sans arrêt", "sans cesse",
    "systématiquement", "constamment", "comme d'habitude", "encore une fois",
)

DEMANDES_NEGATIVES = (
    r"\barrête(?:z)? de\b", r"\bcesse(?:z)? de\b", r"\bévite(?:z)? de\b",
    r"\bne (?:\w+ ){0,2}?plus\b", r"\bne (?:\w+ ){0,2}?pas\b", r"\bn'\w+ (?:\w+ )?(?:plus|pas)\b",
)
DEMANDES_VAGUES = (
    "fais un effort", "faire un effort", "fais attention", "faire attention", "sois plus",
    "être plus", "un peu plus", "davantage", "mieux", "plus de respect", "plus sérieu",
    "plus professionnel", "plus impliqué",
)


def _normaliser(texte: str) -> str:
    texte = unicodedata.normalize("NFC", texte).lower()
    return texte.replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ")


def _sans_citations(texte: str) -> str:
    """The text without what stands inside « » (a quoted word is not the writer's)."""
    return re.sub(r"«[^»]*»", " ", texte)


MARQUES_DE_DEMANDE = (
    "peux-tu", "pourrais-tu", "pouvez-vous", "pourriez-vous", "je te demande", "je vous demande",
    "merci de", "j'aimerais que", "je voudrais que", "es-tu d'accord", "serais-tu d'accord",
)
IMPERATIFS = r"^(?:ne |n'|arrête|cesse|évite|fais|sois|faites|soyez)"


def _phrases_de_demande(texte: str) -> list:
    """The sentences of a text that ask for something: an imperative at the start (after an
    optional first name and comma) or a request formula (« peux-tu », « merci de »…)."""
    phrases = [p.strip() for p in re.split(r"(?<=[.!?])\s+", texte) if p.strip()]
    demandes = []
    for phrase in phrases:
        sans_prenom = re.sub(r"^[a-zàâçéèêëîïôûùüÿœ-]+, ", "", phrase)
        if re.match(IMPERATIFS, sans_prenom) or any(m in phrase for m in MARQUES_DE_DEMANDE):
            demandes.append(phrase)
    return demandes


def _masculin_singulier(mot: str) -> str:
    if mot.endswith("s"):
        mot = mot[:-1]
    if mot.endswith("e") and mot[:-1] in PSEUDO_SENTIMENTS:
        mot = mot[:-1]
    return mot


@dataclass(frozen=True)
class AnalyseOSBD:
    """Ce que la pré-vérification a repéré dans une phrase : chaque liste donne les mots trouvés,
    tels qu'ils sont écrits."""

    pseudo_sentiments: list = field(default_factory=list)
    generalisations: list = field(default_factory=list)
    demande_negative: list = field(default_factory=list)
    demande_vague: list = field(default_factory=list)
    remarques: list = field(default_factory=list)

    @property
    def rien_a_signaler(self) -> bool:
        """Vrai quand aucune des quatre listes ne contient de mot."""
        return not (self.pseudo_sentiments or self.generalisations or self.demande_negative
                    or self.demande_vague)


def analyser_osbd(texte) -> AnalyseOSBD:
    """Relit une phrase en CNV (observation, sentiment, besoin, demande) et signale :

    - les **pseudo-sentiments** (« ignorée », « trahi », « pas écoutée », « j'ai l'impression que
      tu… ») : ils disent ce que l'autre t'aurait fait, pas ce que tu ressens ;
    - les **généralisations** (« toujours », « jamais », « à chaque fois ») : une observation
      dit ce qui s'est passé, une fois, avec une date ;
    - les **demandes négatives** (« arrête de », « ne … plus ») : dis ce que tu veux, pas ce que
      tu ne veux plus ;
    - les **demandes vagues** (« fais un effort », « sois plus… ») : une demande dit une action
      concrète, faisable maintenant.

    Le texte entre « » n'est pas analysé (une citation). Une liste de mots ne comprend pas une
    phrase : c'est une aide à la relecture, ta formatrice juge le reste.
    """
    if not isinstance(texte, str):
        raise TypeInvalide("analyser_osbd attend un texte entre guillemets, par exemple "
                           "\"Je suis inquiète.\"")
    brut = _normaliser(_sans_citations(texte))
    pseudo = []
    for m in re.finditer(r"[a-zàâçéèêëîïôûùüÿœ]+", brut):
        if _masculin_singulier(m.group()) in PSEUDO_SENTIMENTS:
            pseudo.append(m.group())
    for motif in PSEUDO_SENTIMENTS_EXPRESSIONS:
        pseudo += [m.group() for m in re.finditer(r"\b" + motif + r"\b", brut)]
    pseudo += [m.group() for m in re.finditer(PENSEE_DEGUISEE, brut)]
    pseudo = list(dict.fromkeys(pseudo))
    generalisations = [g for g in GENERALISATIONS if re.search(r"(?<!\w)" + re.escape(g) + r"(?!\w)", brut)]
    if "à chaque fois" in generalisations and "chaque fois" in generalisations:
        generalisations.remove("chaque fois")
    demandes = _phrases_de_demande(brut)
    # « … ou me dire si ce n'est pas tenable » : a negation inside a « si » clause offers a way
    # to refuse, it is not what is asked.
    sans_conditions = [re.sub(r"\bsi [^,;.!?]*", " ", d) for d in demandes]
    negatives = list(dict.fromkeys(m.group() for d in sans_conditions for motif in DEMANDES_NEGATIVES
                                   for m in re.finditer(motif, d)))
    vagues = list(dict.fromkeys(v for d in demandes for v in DEMANDES_VAGUES
                                if re.search(r"(?<!\w)" + re.escape(v), d)))
    remarques = []
    if pseudo:
        remarques.append(
            f"Pseudo-sentiment ({', '.join(f'« {p} »' for p in pseudo)}) : il dit ce que l'autre "
            "t'aurait fait, pas ce que tu ressens. Nomme ton sentiment (inquiète, découragée, "
            "fatiguée…).")
    if generalisations:
        remarques.append(
            f"Généralisation ({', '.join(f'« {g} »' for g in generalisations)}) : une observation "
            "dit ce qui s'est passé, quand, sans « toujours » ni « jamais ».")
    if negatives:
        remarques.append(
            f"Demande négative ({', '.join(f'« {n} »' for n in negatives)}) : dis ce que tu veux "
            "que l'autre fasse, pas ce qu'il doit arrêter.")
    if vagues:
        remarques.append(
            f"Demande vague ({', '.join(f'« {v} »' for v in vagues)}) : nomme une action concrète, "
            "faisable maintenant, avec qui et quand.")
    return AnalyseOSBD(pseudo, generalisations, negatives, vagues, remarques)


# --- La médiation (ou la facilitation) et son script --------------------------------------------

@dataclass(frozen=True)
class Etape:
    """Une étape de la médiation : sa clé, son titre, son but et une phrase d'exemple."""

    cle: str
    titre: str
    but: str
    exemple: str


ETAPES_MEDIATION = (
    Etape("accord", "Accord et règles",
          "Chaque partie vient de son plein gré ; ce qui se dit reste entre nous ; chacun parle à son "
          "tour, sans interrompre ; je facilite, je ne tranche pas.",
          "« Merci d'être là. Je vous propose trois règles : ce qui se dit ici "
          "reste ici, chacun parle sans être interrompu, et je ne décide pas à votre place. "
          "D'accord ? »"),
    Etape("faits", "Les faits de chaque partie",
          "Chacun raconte ce qui s'est passé, comme une caméra l'aurait filmé ; je reformule.",
          "« Raconte-moi ce qui s'est passé, de ton point de vue : quand, quoi, dans quel ordre. »"),
    Etape("sentiments_besoins", "Sentiments et besoins",
          "Chacun dit ce qu'il ressent et ce dont il a besoin (pas ce que l'autre a fait).",
          "« Qu'est-ce que tu as ressenti ce jour-là ? Et de quoi aurais-tu besoin ? »"),
    Etape("reconnaissance", "Reconnaissance mutuelle",
          "Chacun redit, avec ses mots, le besoin de l'autre, jusqu'à ce que l'autre dise « oui, "
          "c'est ça ».",
          "« Peux-tu redire ce que tu as compris du besoin de l'autre ? »"),
    Etape("options", "Options",
          "On cherche plusieurs solutions ensemble, sans juger tout de suite ; puis on garde celles "
          "qui répondent aux besoins des deux.",
          "« Quelles solutions voyez-vous ? Notons-les toutes avant d'en choisir une. »"),
    Etape("accord_ecrit", "Accord écrit",
          "Qui fait quoi, pour quand, écrit et relu par les deux.",
          "« Je vous envoie ce soir ce que nous avons décidé : qui fait quoi, pour quand. "
          "Corrigez-moi si je me trompe. »"),
    Etape("suivi", "Suivi",
          "Une date pour vérifier que l'accord tient, et le réajuster.",
          "« On refait un point de dix minutes dans deux semaines, pour voir si ça marche. »"),
)

CLES_ETAPES = tuple(e.cle for e in ETAPES_MEDIATION)

PAS_NEUTRE = (
    "Quand je suis moi-même partie au conflit (avec Clara, ma cliente, par exemple), je ne suis pas "
    "tierce neutre : je le dis, je demande une conversation directe en CNV et, si nous restons "
    "bloquées, je propose un tiers extérieur, sans pouvoir de décision, que nous choisissons ensemble.")


def script_mediation(mes_phrases=None, *, titre="Mon script de médiation (facilitation)") -> str:
    """Le script de médiation en Markdown : les sept étapes dans l'ordre, leur but, une phrase
    d'exemple du cours et, pour chaque étape que ``mes_phrases`` remplit, ta phrase.

    ``mes_phrases`` : un dictionnaire ``{clé d'étape: ta phrase}``, clés parmi ``CLES_ETAPES``
    (« accord », « faits », « sentiments_besoins », « reconnaissance », « options »,
    « accord_ecrit », « suivi ») ; une étape absente garde la phrase du cours.
    """
    mes_phrases = _verifier_phrases(mes_phrases)
    lignes = [f"# {titre}", "",
              "Médiation : volontaire, confidentielle, avec un tiers neutre qui ne décide pas. Quand "
              "je travaille pour la cliente, je parle de **facilitation** : j'aide l'équipe à "
              "s'entendre, sans trancher à sa place.", ""]
    for numero, etape in enumerate(ETAPES_MEDIATION, start=1):
        lignes += [f"## {numero}. {etape.titre}", "", f"**But** : {etape.but}", "",
                   f"- Phrase du cours : {etape.exemple}"]
        if etape.cle in mes_phrases:
            lignes.append(f"- Ma phrase : « {mes_phrases[etape.cle]} »")
        lignes.append("")
    lignes += ["## Quand je ne suis pas neutre", "", PAS_NEUTRE, "",
               "## Rappel : une phrase en CNV", "",
               "Observation sans évaluation (quand, quoi), sentiment (pas un pseudo-sentiment), "
               "besoin, demande concrète, positive, faisable maintenant et refusable.", ""]
    return "\n".join(lignes)


def _verifier_phrases(mes_phrases) -> dict:
    if mes_phrases is None:
        return {}
    if not isinstance(mes_phrases, dict):
        raise TypeInvalide("mes_phrases doit être un dictionnaire {\"accord\": \"…\", \"faits\": \"…\"}.")
    propres = {}
    for cle, phrase in mes_phrases.items():
        if cle not in CLES_ETAPES:
            raise DonneesInvalides(
                f"« {cle} » n'est pas une étape du script : choisis parmi "
                + ", ".join(f"« {c} »" for c in CLES_ETAPES) + ".")
        if phrase is ...:
            continue
        if not isinstance(phrase, str) or not phrase.strip():
            raise TypeInvalide(f"La phrase de l'étape « {cle} » doit être un texte entre guillemets.")
        propres[cle] = phrase.strip().strip("«»").strip()
    return propres


def ecrire_script_mediation(mes_phrases, nom: str = NOM_LIVRABLE):
    """Écrit ton script de médiation dans ton dossier ``livrables/`` (Markdown) et renvoie son
    chemin ; si ``mes_phrases`` vaut encore ``...``, n'écrit rien et le dit."""
    from IPython.display import display

    if mes_phrases is ...:
        display({"text/plain": "⏳ Pas encore fait : remplis mes_phrases, puis exécute à nouveau."}, raw=True)
        return None
    from obm.livrables import chemin_livrable

    texte = script_mediation(mes_phrases)
    chemin = chemin_livrable(nom)
    chemin.write_text(texte, encoding="utf-8")
    lignes = [f"✅ Script de médiation écrit : livrables/{chemin.name} ({len(texte.split())} mots)."]
    for cle, phrase in _verifier_phrases(mes_phrases).items():
        for remarque in analyser_osbd(phrase).remarques:
            lignes.append(f"💡 Étape « {cle} » : {remarque}")
    display({"text/plain": "\n".join(lignes)}, raw=True)
    return chemin
