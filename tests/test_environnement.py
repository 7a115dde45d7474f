"""Do pyproject.toml, constraints.txt and environment.yml describe the same environment?"""

import re
import tomllib
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[1]

# pip name -> conda-forge name; None: not on conda-forge, installed by the `pip:` section.
PIP_VERS_CONDA = {
    "jupyterlab": "jupyterlab",
    "jupyterlab-language-pack-fr-fr": None,
    "notebook": "notebook",
    "nbgrader": "nbgrader",
    "ipywidgets": "ipywidgets",
    "ipykernel": "ipykernel",
    "nbclient": "nbclient",
    "nbformat": "nbformat",
    "pandas": "pandas",
    "matplotlib": "matplotlib-base",
    "holidays": "holidays",
    "icalendar": "icalendar",
    "babel": "babel",
    "openpyxl": "openpyxl",
    "nh3": "nh3",
    "tqdm": "tqdm",
    "psycopg": None,
    "mistune": "mistune",
    "weasyprint": "weasyprint",
    "pytest": "pytest",
    "pytest-xdist": "pytest-xdist",
    "nbval": "nbval",
    "hypothesis": "hypothesis",
    "pyyaml": "pyyaml",
    "playwright": None,
    "pypdf": "pypdf",
    "jupyterhub": "jupyterhub",
}


def normaliser(nom):
    return re.sub(r"[-_.]+", "-", nom).lower()


def dependances_directes():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    noms = projet["dependencies"] + [d for ds in projet["optional-dependencies"].values() for d in ds]
    return {normaliser(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in noms}


def contraintes():
    versions = {}
    for ligne in (RACINE / "constraints.txt").read_text(encoding="utf-8").splitlines():
        ligne = ligne.split("#", 1)[0].strip()
        if ligne:
            nom, version = ligne.split("==")
            versions[normaliser(nom)] = version
    return versions


def environnement_conda():
    env = yaml.safe_load((RACINE / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for ligne in dep["pip"]:
                nom, version = ligne.split("==")
                pip[normaliser(nom.split("[", 1)[0])] = version
        else:
            nom, _, version = dep.partition("=")
            conda[nom] = version
    return env, conda, pip


def test_chaque_dependance_est_epinglee():
    """Is every direct dependency of pyproject.toml pinned to one exact version in constraints.txt?"""
    manquantes = dependances_directes() - set(contraintes())
    assert not manquantes, f"à ajouter dans constraints.txt : {sorted(manquantes)}"


def test_la_table_de_correspondance_couvre_pyproject():
    """Does the pip↔conda name map cover exactly the direct dependencies?"""
    assert set(PIP_VERS_CONDA) == dependances_directes()


def test_environment_yml_memes_paquets_memes_versions():
    """Does environment.yml list the same packages as pyproject, at the versions of constraints.txt?"""
    env, conda, pip = environnement_conda()
    assert env["channels"] == ["conda-forge"]
    versions = contraintes()
    attendu_conda = {"python": "3.11", "pip": ""}
    attendu_pip = {}
    for nom_pip, nom_conda in PIP_VERS_CONDA.items():
        if nom_conda is None:
            attendu_pip[nom_pip] = versions[nom_pip]
        else:
            attendu_conda[nom_conda] = versions[nom_pip]
    assert conda == attendu_conda
    assert pip == attendu_pip


def test_python_minimal():
    """Does the package require Python 3.11 or newer (tomllib, used by the syllabus)?"""
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert projet["requires-python"] == ">=3.11"
    assert projet["scripts"]["obm"] == "obm.correction.cli:main"
