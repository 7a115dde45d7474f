"""Le glossaire du cours : chaque sigle et chaque terme du métier, défini une fois.

La source est ``course/glossaire.toml`` (une entrée ``[[terme]]`` par mot : ``terme``,
``definition``, ``module`` où il est enseigné, et facultativement ``anglais`` et ``voir``) ; le
notebook ``course/glossaire.ipynb`` en est généré par ``make accueil``. Les leçons y renvoient
par un lien ``[mot](../../glossaire.ipynb#ancre)`` ; :func:`ancre` donne l'ancre d'un terme.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from obm.donnees import racine_cours
from obm.erreurs import DonneesInvalides

SOURCE = Path("course") / "glossaire"
NOTEBOOK = Path("course") / "glossaire.ipynb"


def ancre(terme: str) -> str:
    """L'ancre d'un terme dans le glossaire : ``ancre("Chemin critique")`` → ``"chemin-critique"``."""
    sans_accents = unicodedata.normalize("NFKD", terme).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-")


def charger(racine: Path | None = None) -> list[dict]:
    """Les entrées du glossaire, dans l'ordre alphabétique (sans tenir compte des accents)."""
    racine = racine or racine_cours()
    entrees = []
    for fichier in sorted((racine / SOURCE).glob("*.toml")):
        entrees += tomllib.loads(fichier.read_text(encoding="utf-8")).get("terme", [])
    vus = set()
    for e in entrees:
        for cle in ("terme", "definition", "module"):
            if not isinstance(e.get(cle), str) or not e[cle].strip():
                raise DonneesInvalides(f"glossaire : l'entrée {e.get('terme', '?')!r} n'a pas de {cle}.")
        if ancre(e["terme"]) in vus:
            raise DonneesInvalides(f"glossaire : « {e['terme']} » est défini deux fois.")
        vus.add(ancre(e["terme"]))
    return sorted(entrees, key=lambda e: ancre(e["terme"]))


def generer(racine: Path | None = None):
    """Le notebook du glossaire (objet nbformat), une cellule par lettre."""
    import nbformat

    from obm.fr import typographie_markdown

    entrees = charger(racine)
    cellules = [nbformat.v4.new_markdown_cell(typographie_markdown(
        "# Glossaire du cours\n\n"
        "Les sigles et les mots du métier d'OBM, chacun défini une fois, avec le module où il "
        "est enseigné. Les leçons renvoient ici ; reviens-y quand un mot t'arrête.\n\n"
        "Ce notebook est généré : pour le compléter, modifie `course/glossaire.toml` puis lance "
        "`make accueil`."), id="glossaire-intro")]
    par_lettre: dict[str, list[dict]] = {}
    for e in entrees:
        par_lettre.setdefault(ancre(e["terme"])[:1].upper(), []).append(e)
    for lettre, groupe in par_lettre.items():
        lignes = [f"## {lettre}\n"]
        for e in groupe:
            texte = f'<a id="{ancre(e["terme"])}"></a>**{e["terme"]}**'
            if e.get("anglais"):
                texte += f' (en anglais\u202f: <i lang="en">{e["anglais"]}</i>)'
            texte += f" : {e['definition']} *Module {e['module']}.*"
            if e.get("voir"):
                texte += " Voir aussi : " + ", ".join(
                    f"[{v}](#{ancre(v)})" for v in e["voir"]) + "."
            lignes.append(texte + "\n")
        cellules.append(nbformat.v4.new_markdown_cell(
            typographie_markdown("\n".join(lignes)), id=f"glossaire-{lettre.lower()}"))
    return notebook_genere(cellules)


def notebook_genere(cellules):
    """Un notebook généré par le cours (glossaire, fiche Python) : ces cellules, le noyau Python."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
    }
    notebook.cells = cellules
    return notebook


def texte_glossaire(racine: Path | None = None) -> str:
    """Le contenu exact attendu de ``course/glossaire.ipynb``."""
    import nbformat

    return nbformat.writes(generer(racine)) + "\n"


def ecrire(racine: Path | None = None) -> Path:
    """Écrit ``course/glossaire.ipynb`` et renvoie son chemin."""
    racine = racine or racine_cours()
    chemin = racine / NOTEBOOK
    chemin.write_text(texte_glossaire(racine), encoding="utf-8")
    return chemin
