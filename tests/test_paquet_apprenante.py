"""The learner bundle (make bundle): everything to take the course, nothing a learner should not get."""

import json
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "outils"))
import construire_paquet  # noqa: E402


@pytest.fixture(scope="module")
def paquet(tmp_path_factory):
    return construire_paquet.construire(tmp_path_factory.mktemp("paquet"))


def fichiers(dossier):
    return sorted(p.relative_to(dossier).as_posix() for p in dossier.rglob("*") if p.is_file())


def test_contient_le_cours(paquet):
    """Does the bundle hold the home, lessons, released exercises, data, obm and a learner README?"""
    dossier, _ = paquet
    noms = set(fichiers(dossier))
    for attendu in ("accueil.ipynb", "course/syllabus.toml", "LISEZMOI.md", "Makefile",
                    "pyproject.toml", "constraints.txt", "data/README.md",
                    "data/lancement_entonnoir.csv", "data/clara.toml", "course/glossaire.ipynb",
                    "src/obm/__init__.py", "src/obm/verifier.py"):
        assert attendu in noms, attendu
    for lecon in (RACINE / "course" / "modules").rglob("*.ipynb"):
        assert lecon.relative_to(RACINE).as_posix() in noms
    for exercice in (RACINE / "exercises").rglob("*.ipynb"):
        assert exercice.relative_to(RACINE).as_posix() in noms


def test_rien_de_la_formatrice(paquet):
    """Are solutions, tests (hidden tests, mutants), the gradebook and trainer code all left out?"""
    dossier, archive = paquet
    for nom in fichiers(dossier):
        premier = nom.split("/")[0]
        assert premier not in {"solutions", "tests", "gradebook", "submitted", "autograded",
                               "feedback", "benchmarks", "outils", ".ci"}, nom
        assert "/correction/" not in nom and not nom.endswith("generer.py"), nom
        assert "mutant" not in nom and not nom.endswith(".db"), nom
        # Self-study is the repository's mode: the cohort's bundle never carries its marker.
        assert not nom.endswith(".obm-autonomie"), nom
    with zipfile.ZipFile(archive) as zip_:
        assert sorted(n.split("/", 1)[1] for n in zip_.namelist()) == fichiers(dossier)


def test_aucune_ligne_de_solution_ni_de_test_cache(paquet):
    """Does no solution line or hidden-test line of solutions/ appear anywhere in the bundle?"""
    dossier, _ = paquet
    cachees = set()
    for chemin in (RACINE / "solutions").rglob("*.ipynb"):
        cachees |= oc.lignes_cachees(nbformat.read(chemin, as_version=4))
    assert len(cachees) > 50, "trop peu de lignes cachées trouvées : le scan serait vide de sens"
    for chemin in dossier.rglob("*"):
        if not chemin.is_file() or chemin.suffix not in (".ipynb", ".py", ".md", ".toml", ".txt", ""):
            continue
        if chemin.suffix == ".ipynb":
            lignes = [l for c in nbformat.read(chemin, as_version=4).cells for l in c.source.splitlines()]
        else:
            lignes = chemin.read_text(encoding="utf-8").splitlines()
        fuites = {l.strip() for l in lignes} & cachees
        assert not fuites, f"{chemin.relative_to(dossier)} montre : {sorted(fuites)[:3]}"


def test_installation_sans_outils_de_formatrice(paquet, tmp_path):
    """Does the learner install disable formgrader and create-assignment but keep the assignment list?"""
    dossier, _ = paquet
    projet = tomllib.loads((dossier / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "scripts" not in projet and "optional-dependencies" not in projet
    assert "--apprenante" in (dossier / "Makefile").read_text(encoding="utf-8")
    from obm.installation import desactiver_outils_formatrice

    page, serveur = desactiver_outils_formatrice(tmp_path)
    desactivees = json.loads(page.read_text(encoding="utf-8"))["disabledExtensions"]
    assert desactivees["@jupyter/nbgrader:formgrader"] and desactivees["@jupyter/nbgrader:create-assignment"]
    assert "@jupyter/nbgrader:assignment-list" not in desactivees
    assert "@jupyter/nbgrader:validate-assignment" not in desactivees
    extensions = json.loads(serveur.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    assert extensions == {"nbgrader.server_extensions.formgrader": False,
                          "nbgrader.server_extensions.course_list": False}


def test_les_extensions_desactivees_existent():
    """Are the disabled plugin names real plugins of the installed nbgrader lab extension?"""
    from obm.installation import EXTENSIONS_FORMATRICE_LAB

    statique = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    code = "".join(p.read_text(encoding="utf-8", errors="replace") for p in statique.glob("*.js"))
    for nom in EXTENSIONS_FORMATRICE_LAB:
        assert f'"{nom}"' in code, nom
