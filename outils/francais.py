"""Relecture du français du cours avec Grammalecte (orthographe, grammaire, typographie).

Ce qui est relu : chaque cellule Markdown des leçons, des corrigés, de la page d'accueil et du
glossaire (le code, les adresses et les balises ôtés d'abord), et chaque message écrit pour une
apprenante dans un fichier TOML (messages des erreurs typiques, idées à relire, syllabus).

Grammalecte tourne avec ses options par défaut, sauf celles de ``OPTIONS_COUPEES`` (chacune avec
sa raison). Les exceptions acceptées sont dans ``tests/donnees/exceptions_grammalecte.toml`` :
chacune nomme le mot, l'endroit où il se trouve et la raison (nom de marque, sigle, nom de code…).

Usage (depuis la racine du cours) ::

    python outils/francais.py              # liste ce que Grammalecte signale
    python outils/francais.py --resume     # le nombre de signalements par catégorie

Il faut le paquet Debian ``grammalecte-cli`` (commande ``grammalecte-cli``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
EXCEPTIONS = RACINE / "tests" / "donnees" / "exceptions_grammalecte.toml"
# One more file per module (NN_slug.toml), so that modules written side by side never collide.
EXCEPTIONS_PAR_MODULE = RACINE / "tests" / "donnees" / "exceptions_grammalecte"

# Options de Grammalecte coupées, avec leur raison (toutes les autres restent par défaut).
OPTIONS_COUPEES = {
    "apos": "le cours écrit l'apostrophe droite (') partout, de façon cohérente : c'est "
            "l'apostrophe que l'apprenante tape au clavier dans son code et ses réponses",
    "esp": "les tableaux Markdown alignent leurs colonnes avec des espaces, qui ne s'affichent pas",
}

NOTEBOOKS = ("course", "solutions", "accueil.ipynb")
TOMLS = ("course/syllabus.toml", "course/glossaire", "tests/mutants")
# Keys of TOML tables whose strings are prose a learner reads.
CLES_PROSE = {"message", "a_relire", "objectif", "a_garder", "titre", "intitule", "sous_titre",
              "definition", "exemple", "description"}


@dataclass(frozen=True)
class Texte:
    """Un morceau de texte à relire et l'endroit d'où il vient."""

    endroit: str
    texte: str


@dataclass(frozen=True)
class Signalement:
    endroit: str
    regle: str
    genre: str  # "orthographe" or Grammalecte's rule type (nbsp, typo, gn, conj…)
    mot: str
    message: str
    contexte: str

    def __str__(self) -> str:
        return f"{self.endroit} · {self.genre} · « {self.mot} » : {self.message} (… {self.contexte} …)"


# --- Extraction --------------------------------------------------------------------------------

_BLOC = re.compile(r"```.*?```", re.S)
_CODE = re.compile(r"`[^`\n]*`")
_HTML = re.compile(r"<[^>\n]+>")
_ANGLAIS = re.compile(r"<(\w+)[^>]*\blang=[\"']en[\"'][^>]*>.*?</\1>", re.S)
_LIEN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_LATEX = re.compile(r"\$[^$\n]+\$")
_EMPHASE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def nettoyer_markdown(texte: str) -> list[str]:
    """Le texte d'une cellule Markdown sans code, liens ni balises, découpé en paragraphes."""
    texte = _BLOC.sub(" ", texte)
    # Inline code stands for a name: a neutral word keeps the sentence readable by the checker.
    texte = _CODE.sub("X", texte)
    texte = _LIEN.sub(r"\1", texte)
    texte = _URL.sub(" ", texte)
    # Words marked as English (<i lang="en">…</i>) are not French: the checker skips them.
    texte = _ANGLAIS.sub("X", texte)
    texte = _HTML.sub(" ", texte)
    texte = _LATEX.sub(" ", texte)
    for _ in range(2):
        texte = _EMPHASE.sub(r"\2", texte)
    paragraphes = []
    for ligne in texte.split("\n"):
        ligne = ligne.strip()
        if not ligne or re.fullmatch(r"[|:\- ]+", ligne) or ligne.startswith("### "):
            continue
        # Markers of titles, quotes and lists, nested (« > - item ») included.
        while re.match(r"^(#+|[-*+>]|\d+[.)])\s+", ligne):
            ligne = re.sub(r"^(#+|[-*+>]|\d+[.)])\s+", "", ligne)
        if ligne.startswith("|"):
            paragraphes.extend(c.strip() for c in ligne.strip("|").split("|") if c.strip())
        else:
            paragraphes.append(ligne)
    return [p for p in paragraphes if re.search(r"[A-Za-zÀ-ÿ]{2}", p)]


def _source(cellule) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def textes(racine: Path = RACINE) -> list[Texte]:
    """Tout le texte à relire, avec son endroit (fichier, cellule)."""
    trouves: list[Texte] = []
    chemins = []
    for nom in NOTEBOOKS:
        chemin = racine / nom
        chemins += [chemin] if chemin.is_file() else sorted(chemin.rglob("*.ipynb"))
    for chemin in chemins:
        if ".ipynb_checkpoints" in chemin.parts:
            continue
        notebook = json.loads(chemin.read_text(encoding="utf-8"))
        for index, cellule in enumerate(notebook.get("cells", [])):
            if cellule.get("cell_type") != "markdown":
                continue
            endroit = f"{chemin.relative_to(racine).as_posix()} [{index}]"
            trouves += [Texte(endroit, p) for p in nettoyer_markdown(_source(cellule))]
    for nom in TOMLS:
        chemin = racine / nom
        for fichier in ([chemin] if chemin.is_file() else sorted(chemin.glob("*.toml"))):
            if not fichier.is_file():
                continue
            donnees = tomllib.loads(fichier.read_text(encoding="utf-8"))
            for cle, valeur in _prose(donnees):
                endroit = f"{fichier.relative_to(racine).as_posix()} ({cle})"
                trouves += [Texte(endroit, p) for p in nettoyer_markdown(valeur)]
    return trouves


def _prose(donnees, chemin=""):
    if isinstance(donnees, dict):
        for cle, valeur in donnees.items():
            ici = f"{chemin}.{cle}" if chemin else cle
            if isinstance(valeur, str) and cle in CLES_PROSE:
                yield ici, valeur
            else:
                yield from _prose(valeur, ici)
    elif isinstance(donnees, list):
        for i, valeur in enumerate(donnees):
            nom = valeur.get("nom") or valeur.get("id") or valeur.get("terme") or i \
                if isinstance(valeur, dict) else i
            yield from _prose(valeur, f"{chemin}[{nom}]")


# --- Grammalecte -------------------------------------------------------------------------------

def disponible() -> bool:
    return shutil.which("grammalecte-cli") is not None


def relire(morceaux: list[Texte]) -> list[Signalement]:
    """Passe tous les morceaux à Grammalecte en un seul appel ; renvoie ses signalements."""
    with tempfile.TemporaryDirectory() as tmp:
        fichier = Path(tmp) / "textes.txt"
        # One paragraph per piece: a blank line between them keeps Grammalecte's numbering.
        fichier.write_text("\n\n".join(m.texte.replace("\n", " ") for m in morceaux) + "\n",
                           encoding="utf-8")
        commande = ["grammalecte-cli", "-f", str(fichier), "-j", "-ctx",
                    "-off", *OPTIONS_COUPEES]
        sortie = subprocess.run(commande, capture_output=True, text=True, timeout=900)
    debut = sortie.stdout.find("{")
    donnees = json.loads(sortie.stdout[debut:])
    # Paragraph numbers count every line, blank ones included: map them back to the pieces.
    numeros = {}
    ligne = 1
    for i, m in enumerate(morceaux):
        numeros[ligne] = i
        ligne += 2
    signalements = []
    for paragraphe in donnees.get("data", []):
        morceau = morceaux[numeros.get(paragraphe["iParagraph"], 0)]
        for e in paragraphe.get("lGrammarErrors", []):
            mot = morceau.texte[e["nStart"]:e["nEnd"]]
            signalements.append(Signalement(morceau.endroit, e.get("sRuleId", ""), e.get("sType", ""),
                                            mot, e.get("sMessage", ""), _contexte(morceau.texte, e)))
        for e in paragraphe.get("lSpellingErrors", []):
            mot = e.get("sValue") or morceau.texte[e["nStart"]:e["nEnd"]]
            signalements.append(Signalement(morceau.endroit, "orthographe", "orthographe", mot,
                                            "mot inconnu du dictionnaire", _contexte(morceau.texte, e)))
    return signalements


def _contexte(texte: str, e: dict) -> str:
    return texte[max(0, e["nStart"] - 30):e["nEnd"] + 30].replace("\n", " ")


# --- Exceptions --------------------------------------------------------------------------------

def exceptions() -> list[dict]:
    """Les exceptions acceptées : ``mot``, ``ou`` (début d'endroit, ``*`` partout), ``raison``."""
    fichiers = [EXCEPTIONS] + sorted(EXCEPTIONS_PAR_MODULE.glob("*.toml"))
    liste = []
    for fichier in fichiers:
        if fichier.is_file():
            liste += tomllib.loads(fichier.read_text(encoding="utf-8")).get("exception", [])
    return liste


def accepte(s: Signalement, liste: list[dict]) -> bool:
    for e in liste:
        if "motif" in e:
            if not re.fullmatch(e["motif"], s.mot):
                continue
        elif e["mot"] != s.mot:
            continue
        if e.get("regle") and e["regle"] != s.regle and e["regle"] != s.genre:
            continue
        if e["ou"] == "*" or s.endroit.startswith(e["ou"]):
            return True
    return False


def restants(racine: Path = RACINE) -> tuple[list[Signalement], list[Signalement]]:
    """(signalements non acceptés, tous les signalements)."""
    tous = relire(textes(racine))
    liste = exceptions()
    return [s for s in tous if not accepte(s, liste)], tous


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not disponible():
        print("Il faut Grammalecte : apt-get install grammalecte-cli")
        return 2
    reste, tous = restants()
    if "--resume" in argv:
        print(f"{len(tous)} signalement(s) en tout, {len(reste)} hors exceptions.")
        for genre, n in Counter(s.genre for s in reste).most_common():
            print(f"  {genre} : {n}")
        mots = Counter(s.mot for s in reste if s.genre == "orthographe")
        print("Mots inconnus les plus fréquents :", ", ".join(f"{m} ({n})" for m, n in mots.most_common(60)))
        return 0
    for s in reste:
        print(s)
    return 1 if reste else 0


if __name__ == "__main__":
    raise SystemExit(main())
