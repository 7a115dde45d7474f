"""Ce que partagent les étapes de la formatrice : la racine du cours, la configuration de
nbgrader (lue comme le fait nbgrader lui-même), le carnet de notes et les identifiants.

nbgrader n'est importé que dans les fonctions qui s'en servent.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from obm.erreurs import DonneesInvalides, IdentifiantInconnu

NOM_CONFIG = "nbgrader_config.py"
_NUMEROS_JOURNAUX = itertools.count()


@contextlib.contextmanager
def dans_le_dossier(dossier: Path):
    """Change de dossier le temps d'un bloc (nbgrader lit sa configuration dans le dossier courant)."""
    avant = Path.cwd()
    os.chdir(dossier)
    try:
        yield
    finally:
        os.chdir(avant)


@dataclass
class Cours:
    """Un cours nbgrader : sa racine et sa configuration (un ``traitlets.config.Config``)."""

    racine: Path
    config: object

    def coursedir(self, config=None, **reglages):
        """Un ``CourseDirectory`` de nbgrader, avec des réglages propres à une étape."""
        from nbgrader.coursedir import CourseDirectory

        config = self.config_modifiable() if config is None else config
        for nom, valeur in reglages.items():
            setattr(config.CourseDirectory, nom, valeur)
        return CourseDirectory(config=config)

    def config_modifiable(self):
        """Une copie profonde de la configuration, à régler pour une étape sans toucher l'originale."""
        import copy

        return copy.deepcopy(self.config)

    @property
    def db_url(self) -> str:
        return self.coursedir().db_url

    @property
    def course_id(self) -> str:
        return self.coursedir().course_id

    def dossier(self, nom: str) -> Path:
        """Un dossier de nbgrader (``submitted``, ``autograded``, ``feedback``, ``source``, ``release``)."""
        coursedir = self.coursedir()
        relatif = getattr(coursedir, f"{nom}_directory")
        return self.racine / relatif

    def carnet(self):
        """Ouvre le carnet de notes configuré (à fermer : ``with cours.carnet() as carnet``)."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def notebooks_source(self, module: str) -> list[str]:
        """Les noms des notebooks d'un module dans le dossier source (``exercice``…)."""
        dossier = self.dossier("source") / module
        return sorted(p.stem for p in dossier.glob("*.ipynb"))


def fichiers_declares(cours: "Cours", module: str) -> set[str]:
    """Les fichiers de données que l'exercice déclare : ceux, autres que des notebooks, que le
    dossier source du module distribue avec lui (chemins relatifs, séparés par des ``/``).

    Ce sont les seuls fichiers d'une copie, avec ses notebooks attendus, qui sont rangés dans
    ``submitted/`` et copiés dans le dossier de travail d'une correction.
    """
    import fnmatch

    dossier = cours.dossier("source") / module
    if not dossier.is_dir():
        return set()
    ignores = list(cours.coursedir().ignore)
    declares = set()
    for chemin in dossier.rglob("*"):
        relatif = chemin.relative_to(dossier)
        if chemin.is_symlink() or not chemin.is_file() or chemin.suffix == ".ipynb":
            continue
        if any(partie.startswith(".") or any(fnmatch.fnmatch(partie, m) for m in ignores)
               for partie in relatif.parts):
            continue
        declares.add(relatif.as_posix())
    return declares


def charger_cours(racine: str | Path | None = None) -> Cours:
    """Lit la configuration de nbgrader d'un cours, comme le ferait une commande ``nbgrader``."""
    racine = Path(racine or Path.cwd()).resolve()
    if not (racine / NOM_CONFIG).is_file():
        raise DonneesInvalides(
            f"Je ne trouve pas {NOM_CONFIG} dans {racine}. Lance obm depuis la racine du cours "
            f"(le dossier qui contient {NOM_CONFIG})."
        )
    from nbgrader.apps.baseapp import NbGrader

    # nbgrader runs `alembic` as a command when it creates a gradebook: the bin folder of this
    # Python environment must be on PATH, even when obm is called as .venv/bin/obm.
    dossier_bin = str(Path(sys.executable).parent)
    chemins = os.environ.get("PATH", "").split(os.pathsep)
    if dossier_bin not in chemins:
        os.environ["PATH"] = os.pathsep.join([dossier_bin, *chemins])
    with dans_le_dossier(racine):
        app = NbGrader()
        app.initialize([], root=str(racine))
    return Cours(racine=racine, config=app.config)


def module_existe(cours: Cours, module: str) -> None:
    """Lève une erreur claire si le module n'a ni source dans le cours ni place dans le carnet."""
    if cours.notebooks_source(module):
        return
    with cours.carnet() as carnet:
        if module in {a.name for a in carnet.assignments}:
            return
    dossier = cours.dossier("source")
    connus = sorted(p.name for p in dossier.iterdir() if p.is_dir()) if dossier.is_dir() else []
    raise IdentifiantInconnu(
        f"Le module « {module} » n'a pas de notebook dans {dossier} ni de place dans le carnet "
        f"de notes. Modules disponibles : {', '.join(connus) or 'aucun'}."
    )


def identifiant(nom: str) -> str:
    """L'identifiant d'une apprenante tiré de son nom : sans accents, en minuscules, chaque suite
    de caractères autres que lettres et chiffres remplacée par un tiret.

    ``identifiant("Élodie Le Goff")`` vaut ``"elodie-le-goff"``.
    """
    decompose = unicodedata.normalize("NFKD", nom)
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    # Letters that NFKD does not split (œ, æ, ß, ø…) are spelled out.
    sans_accents = sans_accents.translate(str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae",
                                                         "Æ": "ae", "ß": "ss", "ø": "o",
                                                         "Ø": "o", "ł": "l", "Ł": "l"}))
    return re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-")


# --- What a learner controls, shown to a trainer -----------------------------------------------

def texte_sur(valeur, longueur: int = 200) -> str:
    """Une chaîne venue d'une apprenante (nom de fichier, de dossier, identifiant, attribut),
    prête à être lue par la formatrice dans un terminal, un bilan ou un journal.

    Les caractères de contrôle (dont les séquences d'échappement des terminaux), les sauts de
    ligne, les tabulations, les séparateurs de ligne Unicode et les caractères de mise en forme
    invisibles (sens d'écriture, largeur nulle) sont retirés ; un saut de ligne ou une tabulation
    devient une espace. Au-delà de ``longueur`` caractères, le texte est coupé (« … »).
    Ainsi, une chaîne de l'apprenante ne peut ni écrire une ligne de plus dans un bilan, ni
    changer l'affichage du terminal.
    """
    texte = "" if valeur is None else str(valeur)
    morceaux = []
    for caractere in texte:
        categorie = unicodedata.category(caractere)
        if caractere in "\n\r\t\v\f\x85\u2028\u2029":
            morceaux.append(" ")
        elif categorie in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            continue
        else:
            morceaux.append(caractere)
    propre = "".join(morceaux).strip()
    if len(propre) > longueur:
        propre = propre[: longueur - 1] + "…"
    return propre


# OWASP, « CSV Injection » : a cell that starts with one of these is read as a formula by
# spreadsheets (Excel, LibreOffice, Google Sheets).
DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def cellule_csv(valeur) -> str:
    """Le texte d'une cellule d'un export CSV, qu'aucun tableur ne lira comme une formule.

    Une cellule qui commence par ``= + - @``, une tabulation ou un retour chariot reçoit une
    apostrophe devant (recommandation de l'OWASP sur l'injection de formules dans les CSV) :
    le tableur l'affiche comme du texte.
    """
    texte = "" if valeur is None else str(valeur)
    if texte.startswith(DEBUTS_DE_FORMULE):
        return "'" + texte
    return texte


def chemin_court(chemin: Path, racine: Path | None = None) -> str:
    """Le chemin relatif à ``racine`` quand il est dessous (plus lisible dans un bilan), sinon entier."""
    try:
        return str(chemin.relative_to(racine)) if racine else str(chemin)
    except ValueError:
        return str(chemin)


def url_lisible(url: str) -> str:
    """Une URL de base de données sans son mot de passe, pour l'afficher."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def format_points(valeur: float | None) -> str:
    """Un nombre de points à la française : ``11``, ``10,5``."""
    if valeur is None:
        return "–"
    texte = f"{valeur:.2f}".rstrip("0").rstrip(".")
    return texte.replace(".", ",")


class JournalNbgrader:
    """Recueille les messages (en anglais) d'un outil de nbgrader, pour les redire en français.

    ``convertisseur.log = journal.logger`` : rien ne s'affiche, tout est gardé.
    """

    def __init__(self, nom: str):
        import logging

        self.enregistrements: list = []
        self.logger = logging.getLogger(f"obm.nbgrader.{nom}.{next(_NUMEROS_JOURNAUX)}")
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False
        journal = self

        class _Recueil(logging.Handler):
            def emit(self, enregistrement):
                journal.enregistrements.append(enregistrement)

        self.logger.handlers = [_Recueil()]

    def messages(self, niveau: int | None = None) -> list[str]:
        """Les messages d'au moins ce niveau (par défaut : avertissements et erreurs)."""
        import logging

        seuil = logging.WARNING if niveau is None else niveau
        return [e.getMessage() for e in self.enregistrements if e.levelno >= seuil]

    def fermer(self) -> None:
        import logging

        self.logger.handlers = []
        logging.Logger.manager.loggerDict.pop(self.logger.name, None)


# --- Grading sandbox: what the trainer is told -------------------------------------------------

PREFIXE_JOURNAL = "OBM-ALERTE"
JOURNAL = "obm.correction.execution"


def bac_a_sable_actif(reglage: str = "auto") -> bool:
    """Vrai si la correction tourne dans le bac à sable (``OBM_BAC_A_SABLE=non`` le coupe)."""
    from obm.correction.bac_a_sable import disponible

    if bac_a_sable_coupe(reglage):
        return False
    return disponible()


def bac_a_sable_coupe(reglage: str = "auto") -> bool:
    """Vrai si la formatrice a demandé explicitement de corriger sans bac à sable."""
    return os.environ.get("OBM_BAC_A_SABLE", reglage).strip().lower() in ("non", "no", "0", "false")


def message_sans_bac_a_sable() -> str:
    """Pourquoi la correction refuse de tourner ici, et comment corriger en sécurité."""
    from obm.correction.bac_a_sable import raison_indisponible

    raison = raison_indisponible() or "le bac à sable ne fonctionne pas ici"
    return (
        f"Pas de bac à sable, pas de correction : {raison}. Le code des copies ne tourne "
        "qu'isolé (sans réseau, sans accès au cours, au carnet de notes ni aux autres copies). "
        "Corrige sur une machine Linux, ou dans une machine virtuelle Linux, où le paquet "
        "bubblewrap est installé (apt-get install bubblewrap) ; sous Ubuntu 23.10 et suivantes, "
        "AppArmor restreint les espaces de noms dont bubblewrap a besoin : deploiement/LISEZMOI.md "
        "explique comment l'autoriser. Pour des copies de confiance seulement (les tiennes, celles "
        "du cours), « obm corriger --sans-bac-a-sable » corrige sans isolement."
    )


AVERTISSEMENT_SANS_BAC = (
    "ATTENTION : correction SANS bac à sable (--sans-bac-a-sable ou OBM_BAC_A_SABLE=non). Le code "
    "des copies voit et peut modifier tout ce que ton compte voit (solutions, carnet de notes, "
    "autres copies), avec des limites de ressources seulement : réserve ce mode aux copies de "
    "confiance."
)
