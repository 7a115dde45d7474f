"""Met les espaces insécables de la typographie française dans le texte du cours.

Règle choisie : **espace fine insécable (U+202F)** avant « : », « ; », « ? », « ! » et à
l'intérieur des guillemets « », partout (c'est ce qu'accepte Grammalecte, et Babel met déjà
U+202F entre les milliers). Ainsi le signe ne passe jamais seul en début de ligne.

Ce que le script touche :
- les cellules Markdown des notebooks du cours (leçons, corrigés, page d'accueil, glossaire),
  hors code (`…`, blocs ```), adresses et balises HTML ;
- les chaînes de caractères du code : cellules de code des notebooks et modules de ``src/obm``
  (messages, libellés, docstrings), sauf les chaînes brutes ``r"…"`` (expressions régulières) ;
- les textes des fichiers TOML lus par les apprenantes (syllabus, faits de Clara, messages des
  erreurs typiques, glossaire).

Usage (depuis la racine du cours) ::

    python outils/typographie.py            # corrige les fichiers
    python outils/typographie.py --verifier # liste ce qui manque, sans rien écrire (code 1 si besoin)

Les notebooks de ``exercises/`` sont générés : après une correction, lance ``make release``.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tokenize
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
FINE = "\u202f"

NOTEBOOKS = ("course", "solutions", "accueil.ipynb")
TOML = ("course/syllabus.toml", "course/glossaire", "data/clara.toml", "tests/mutants",
        "tests/donnees/exceptions_grammalecte", "data/maelle.toml",
        "src/obm/grille_projet_final.toml")
PYTHON = ("src/obm", "outils")
# A line that ends with this comment keeps its strings as they are: a pinned interface that
# external checks read with plain spaces (« Copies à vérifier : »).
GARDER = r"# typographie : telle quelle"

# The rules themselves live in the library (obm.fr), so that generated pages (the home page,
# widgets) apply exactly the same ones.
from obm.fr import typographie as corriger_texte  # noqa: E402
from obm.fr import typographie_markdown as corriger_markdown  # noqa: E402


# --- Python ------------------------------------------------------------------------------------

_PREFIXE = re.compile(r"^([A-Za-z]*)(['\"]{3}|['\"])")


def _francais(contenu: str) -> bool:
    # Text a person reads: words with a space between them (the rules only touch spaces next
    # to punctuation, quotes, digit groups and units).
    return bool(re.search(r"[A-Za-zÀ-ÿ]", contenu)) and (" " in contenu or "«" in contenu)


def corriger_python(source: str) -> str:
    """Corrige les chaînes de texte d'un code Python (pas les chaînes brutes ``r"…"``)."""
    try:
        jetons = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source
    lignes = source.splitlines(keepends=True)
    debuts = [0]
    for ligne in lignes:
        debuts.append(debuts[-1] + len(ligne))
    remplacements = []
    for jeton in jetons:
        if jeton.type != tokenize.STRING or jeton.line.rstrip().endswith(GARDER):
            continue
        m = _PREFIXE.match(jeton.string)
        if not m or "r" in m.group(1).lower() or "b" in m.group(1).lower():
            continue
        guillemet = m.group(2)
        interieur = jeton.string[m.end():len(jeton.string) - len(guillemet)]
        if not _francais(interieur):
            continue
        if "f" in m.group(1).lower():
            # Leave the replacement fields of an f-string alone ({x:.0f}, {a!r}): each one is
            # replaced by a marker that counts as a word, then put back.
            champs = re.findall(r"\{[^{}]*\}", interieur)
            masque = re.sub(r"\{[^{}]*\}", "\ue000\ue001", interieur)
            masque = corriger_texte(masque)
            morceaux = masque.split("\ue000\ue001")
            nouveau = morceaux[0] + "".join(c + m_ for c, m_ in zip(champs, morceaux[1:]))
        else:
            nouveau = corriger_texte(interieur)
        if nouveau != interieur:
            debut = debuts[jeton.start[0] - 1] + jeton.start[1] + m.end()
            remplacements.append((debut, debut + len(interieur), nouveau))
    for debut, fin, nouveau in reversed(remplacements):
        source = source[:debut] + nouveau + source[fin:]
    return source


# --- TOML --------------------------------------------------------------------------------------

_CHAINE_TOML = re.compile(r'("""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*")')


def corriger_toml(texte: str) -> str:
    """Corrige les chaînes d'un fichier TOML qui sont du texte (pas le code des mutants)."""
    resultat, fin = [], 0
    for m in _CHAINE_TOML.finditer(texte):
        resultat.append(texte[fin:m.start()])
        chaine = m.group(0)
        ligne = texte[texte.rfind("\n", 0, m.start()) + 1:m.start()]
        # Mutant cells hold Python code: their strings are fixed as Python, not as prose.
        if chaine.startswith('"""') and re.match(r"\s*\w+\s*=\s*$", ligne) and not _prose(chaine):
            resultat.append(corriger_python(chaine[3:-3]).join(['"""', '"""']))
        elif _francais(chaine):
            resultat.append(corriger_texte(chaine))
        else:
            resultat.append(chaine)
        fin = m.end()
    resultat.append(texte[fin:])
    return "".join(resultat)


def _prose(chaine: str) -> bool:
    return not re.search(r"^\s*\w+\s*=|\(|\[", chaine[3:-3], re.M)


# --- Fichiers ----------------------------------------------------------------------------------

def _source(cellule) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def corriger_notebook(chemin: Path) -> tuple[str, str]:
    brut = chemin.read_text(encoding="utf-8")
    notebook = json.loads(brut)
    change = False
    for cellule in notebook.get("cells", []):
        source = _source(cellule)
        if cellule.get("cell_type") == "markdown":
            nouveau = corriger_markdown(source)
        elif cellule.get("cell_type") == "code":
            nouveau = corriger_python(source)
        else:
            continue
        if nouveau != source:
            change = True
            lignes = nouveau.split("\n")
            cellule["source"] = [l + "\n" for l in lignes[:-1]] + ([lignes[-1]] if lignes[-1] else [])
    if not change:
        return brut, brut
    return brut, json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"


def fichiers(racine: Path = RACINE):
    for nom in NOTEBOOKS:
        chemin = racine / nom
        if chemin.is_file():
            yield chemin, "notebook"
        elif chemin.is_dir():
            for p in sorted(chemin.rglob("*.ipynb")):
                if ".ipynb_checkpoints" not in p.parts:
                    yield p, "notebook"
    for nom in TOML:
        chemin = racine / nom
        if chemin.is_file():
            yield chemin, "toml"
        elif chemin.is_dir():
            for p in sorted(chemin.glob("*.toml")):
                yield p, "toml"
    for nom in PYTHON:
        chemin = racine / nom
        for p in ([chemin] if chemin.is_file() else sorted(chemin.rglob("*.py"))):
            yield p, "python"


def corriger(chemin: Path, genre: str) -> tuple[str, str]:
    if genre == "notebook":
        return corriger_notebook(chemin)
    avant = chemin.read_text(encoding="utf-8")
    return avant, (corriger_toml(avant) if genre == "toml" else corriger_python(avant))


def manques(avant: str, apres: str) -> list[str]:
    """Les lignes où une espace insécable manque (pour le message d'un test)."""
    return [a.strip()[:100] for a, b in zip(avant.splitlines(), apres.splitlines()) if a != b]


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verifier = "--verifier" in argv
    total = 0
    for chemin, genre in fichiers():
        avant, apres = corriger(chemin, genre)
        if avant == apres:
            continue
        lignes = manques(avant, apres)
        total += len(lignes)
        relatif = chemin.relative_to(RACINE)
        if verifier:
            print(f"{relatif} : {len(lignes)} ligne(s) sans espace insécable, par exemple :")
            for ligne in lignes[:3]:
                print(f"    {ligne}")
        else:
            chemin.write_text(apres, encoding="utf-8")
            print(f"{relatif} : {len(lignes)} ligne(s) corrigée(s)")
    if verifier and total:
        print(f"\n{total} ligne(s) à corriger : lance `python outils/typographie.py` "
              "puis `make release`.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
