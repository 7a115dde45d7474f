"""make bundle : le paquet des apprenantes (dossier + zip), sans corrigé ni fichier de formatrice.

Le paquet contient : la page d'accueil, les leçons, les exercices distribués (exercises/), les
données (CSV et dictionnaire), la bibliothèque `obm` sans sa partie formatrice (`obm.correction`),
un pyproject et un Makefile d'installation, et un LISEZMOI pour l'apprenante.
Il ne contient jamais : solutions/, tests/ (donc ni tests cachés ni mutants), le carnet de notes,
les copies, les outils et mesures des autrices.

    python outils/construire_paquet.py [DOSSIER_DE_SORTIE]   (par défaut : paquet/)
"""

from __future__ import annotations

import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
NOM = "academie-obm-apprenante"
IGNORES = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.ics",
                                 "*.egg-info")

LISEZMOI = """# Académie OBM : ton paquet de cours

Bienvenue ! Ce dossier contient tout ce qu'il te faut pour suivre le cours : les leçons, les
exercices, les données et la bibliothèque `obm` qui les fait fonctionner.

## Installer et ouvrir le cours

Il te faut Python 3.11 (ou plus récent). Dans un terminal, depuis ce dossier :

```bash
make lab
```

La première fois, la commande installe le cours dans un dossier `.venv` (quelques minutes), puis
ouvre JupyterLab, en français, sur la page d'accueil. Les fois suivantes, elle l'ouvre directement.

Sans `make`, colle ces quatre commandes dans le terminal, depuis ce dossier :

```bash
python3 -m venv .venv
.venv/bin/python -m pip install -e . -c constraints.txt
.venv/bin/python -m obm.installation --apprenante
.venv/bin/python -m jupyterlab --LabApp.default_url=/lab/tree/accueil.ipynb
```

Sous Windows, installe d'abord WSL (le terminal « Ubuntu » de Microsoft), puis colle les mêmes
commandes dans ce terminal, depuis ce dossier.

## Travailler

1. La page d'accueil (`accueil.ipynb`) liste les modules : commence par le module 00.
2. Pour chaque module, lis la leçon (`course/modules/…/lecon.ipynb`) en exécutant ses cellules,
   puis fais l'exercice (`exercises/…/exercice.ipynb`).
3. Sous chaque réponse, exécute la cellule de vérification : elle te dit *pas encore fait*,
   *à revoir* (avec un indice), *forme correcte* ou *juste*. Elle ne donne jamais la réponse.

## Vérifier et rendre ton travail

- **Vérifier ta copie entière** : fais *Noyau › Redémarrer le noyau et exécuter toutes les
  cellules*, puis clique sur **Validate** dans la barre du notebook. Le cours a réglé ce bouton
  (son installation, `python -m obm.installation --apprenante`, s'en charge) : il relance tout
  et liste chaque question encore *pas encore faite* ou *à revoir*, avec le message de sa
  vérification. Il ne dit « Success » que lorsqu'il n'en reste aucune. Ses titres restent en
  anglais (« The following cell failed », « Validation Results ») : ce sont ceux de nbgrader.
- **Rendre**, comme ta formatrice te l'a indiqué : dépose le fichier `exercice.ipynb` du module
  sur la plateforme de formation (Moodle…), sans le renommer. Si ta formatrice utilise un
  JupyterHub avec l'échange de nbgrader, l'onglet **Assignments** y sert à rendre (bouton
  *Submit*) ; sur ton ordinateur, sans échange, cet onglet est masqué.

Ton autoévaluation et ta progression sont gardées sur ton ordinateur, dans `~/.obm`.
"""

# Dependencies of the course that only a trainer needs: the PostgreSQL driver of the gradebook,
# the feedback pages' sanitiser, the grading progress bar. A learner's .venv goes without them.
DEPENDANCES_FORMATRICE = {"psycopg", "nh3", "tqdm"}

MAKEFILE = """# Académie OBM, paquet apprenante : `make lab` installe le cours (la première fois) et l'ouvre.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: lab

$(VENV)/.installe: pyproject.toml constraints.txt
\ttest -x $(PY) || $(PYTHON) -m venv $(VENV)
\t$(PY) -m pip install --quiet --disable-pip-version-check -e . -c constraints.txt
\t$(PY) -m obm.installation --apprenante
\ttouch $@

lab: $(VENV)/.installe
\t$(PY) -m jupyterlab --LabApp.default_url=/lab/tree/accueil.ipynb
"""


def nom_de_paquet(exigence: str) -> str:
    """Le nom d'une dépendance (« psycopg[binary]>=3 » → « psycopg »), normalisé comme pip."""
    import re

    return re.split(r"[\[<>=!~; ]", exigence, maxsplit=1)[0].strip().lower().replace("_", "-")


def dependances_apprenante(projet: dict) -> list[str]:
    """Les dépendances du cours sans celles de la formatrice."""
    return [d for d in projet["project"]["dependencies"]
            if nom_de_paquet(d) not in DEPENDANCES_FORMATRICE]


def pyproject_apprenante() -> str:
    """The course's pyproject, reduced to what a learner installs (no test extra, no trainer CLI)."""
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    dependances = "".join(f'    "{d}",\n' for d in dependances_apprenante(projet))
    construction = "".join(f'"{r}"' for r in projet["build-system"]["requires"])
    return (
        "[build-system]\n"
        f"requires = [{construction}]\n"
        'build-backend = "setuptools.build_meta"\n\n'
        "[project]\n"
        f'name = "{projet["project"]["name"]}"\n'
        f'version = "{projet["project"]["version"]}"\n'
        'description = "Académie OBM : le cours, pour les apprenantes."\n'
        f'requires-python = "{projet["project"]["requires-python"]}"\n'
        f"dependencies = [\n{dependances}]\n\n"
        "[tool.setuptools.packages.find]\n"
        'where = ["src"]\n'
    )


def construire(sortie: Path) -> tuple[Path, Path]:
    """Build the learner bundle as a folder and a zip under `sortie`; return both paths."""
    dossier = sortie / NOM
    if dossier.exists():
        shutil.rmtree(dossier)
    dossier.mkdir(parents=True)
    shutil.copy2(RACINE / "accueil.ipynb", dossier / "accueil.ipynb")
    (dossier / "course").mkdir()
    shutil.copy2(RACINE / "course" / "syllabus.toml", dossier / "course" / "syllabus.toml")
    shutil.copy2(RACINE / "course" / "glossaire.ipynb", dossier / "course" / "glossaire.ipynb")
    shutil.copy2(RACINE / "course" / "fiche_python.ipynb",
                 dossier / "course" / "fiche_python.ipynb")
    shutil.copytree(RACINE / "course" / "modules", dossier / "course" / "modules", ignore=IGNORES)
    shutil.copytree(RACINE / "exercises", dossier / "exercises", ignore=IGNORES)
    (dossier / "data").mkdir()
    for fichier in sorted((RACINE / "data").iterdir()):
        # Every data file (CSV, Clara's facts, exports, pages), not the generators: author tools.
        if fichier.is_file() and fichier.suffix != ".py" and not fichier.name.startswith("."):
            shutil.copy2(fichier, dossier / "data" / fichier.name)
    shutil.copytree(RACINE / "src" / "obm", dossier / "src" / "obm",
                    ignore=shutil.ignore_patterns("correction", "__pycache__", "*.pyc"))
    shutil.copy2(RACINE / "constraints.txt", dossier / "constraints.txt")
    (dossier / "pyproject.toml").write_text(pyproject_apprenante(), encoding="utf-8")
    (dossier / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    (dossier / "LISEZMOI.md").write_text(LISEZMOI, encoding="utf-8")

    archive = sortie / f"{NOM}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zip_:
        for chemin in sorted(dossier.rglob("*")):
            if chemin.is_file():
                zip_.write(chemin, Path(NOM) / chemin.relative_to(dossier))
    return dossier, archive


def main(argv: list[str]) -> int:
    sortie = Path(argv[0]) if argv else RACINE / "paquet"
    dossier, archive = construire(sortie)
    print(f"Paquet apprenante : {dossier}\nArchive à distribuer : {archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
