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
    """Does the learner install disable formgrader and create-assignment but keep Validate?"""
    dossier, _ = paquet
    projet = tomllib.loads((dossier / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "scripts" not in projet and "optional-dependencies" not in projet
    assert "--apprenante" in (dossier / "Makefile").read_text(encoding="utf-8")
    from obm.installation import desactiver_outils_formatrice

    page, serveur = desactiver_outils_formatrice(tmp_path)
    desactivees = json.loads(page.read_text(encoding="utf-8"))["disabledExtensions"]
    assert desactivees["@jupyter/nbgrader:formgrader"] and desactivees["@jupyter/nbgrader:create-assignment"]
    assert "@jupyter/nbgrader:validate-assignment" not in desactivees
    extensions = json.loads(serveur.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    assert extensions["nbgrader.server_extensions.formgrader"] is False
    assert extensions["nbgrader.server_extensions.course_list"] is False


def test_les_extensions_desactivees_existent():
    """Are the disabled plugin names real plugins of the installed nbgrader lab extension?"""
    from obm.installation import EXTENSIONS_FORMATRICE_LAB

    statique = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    code = "".join(p.read_text(encoding="utf-8", errors="replace") for p in statique.glob("*.js"))
    for nom in EXTENSIONS_FORMATRICE_LAB:
        assert f'"{nom}"' in code, nom


def test_installe_seulement_ce_qu_il_faut_a_une_apprenante(paquet):
    """Does the learner's pyproject leave out the trainer's dependencies (PostgreSQL driver,
    feedback sanitiser, grading progress bar) and keep everything the course's notebooks use?"""
    dossier, _ = paquet
    projet = tomllib.loads((dossier / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    noms = {construire_paquet.nom_de_paquet(d) for d in projet["dependencies"]}
    assert not noms & construire_paquet.DEPENDANCES_FORMATRICE, noms
    for besoin in ("jupyterlab", "nbgrader", "ipywidgets", "pandas", "matplotlib", "babel",
                   "holidays", "icalendar", "openpyxl"):
        assert besoin in noms, besoin
    # The trainer-only packages are imported only by obm.correction, which the bundle leaves out.
    for chemin in (dossier / "src").rglob("*.py"):
        code = chemin.read_text(encoding="utf-8")
        for nom in construire_paquet.DEPENDANCES_FORMATRICE:
            assert f"import {nom}" not in code and f"from {nom}" not in code, (chemin, nom)


def test_liste_des_devoirs_masquee_sans_echange(tmp_path):
    """On a laptop (no exchange folder), is nbgrader's assignment list hidden with its menu, so
    that no English « Error fetching courses! » shows; kept when the exchange exists?"""
    from obm.installation import desactiver_outils_formatrice

    page, serveur = desactiver_outils_formatrice(tmp_path / "portable", echange=tmp_path / "absent")
    desactivees = json.loads(page.read_text(encoding="utf-8"))["disabledExtensions"]
    assert desactivees["@jupyter/nbgrader:assignment-list"] and desactivees["@jupyter/nbgrader:menu"]
    assert "@jupyter/nbgrader:validate-assignment" not in desactivees
    extensions = json.loads(serveur.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    assert extensions["nbgrader.server_extensions.assignment_list"] is False
    (tmp_path / "echange").mkdir()
    page, serveur = desactiver_outils_formatrice(tmp_path / "hub", echange=tmp_path / "echange")
    desactivees = json.loads(page.read_text(encoding="utf-8"))["disabledExtensions"]
    assert "@jupyter/nbgrader:assignment-list" not in desactivees
    assert "nbgrader.server_extensions.assignment_list" not in json.loads(
        serveur.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]


def blocs_bash(texte: str) -> list[list[str]]:
    import re

    return [[l for l in bloc.splitlines() if l.strip()]
            for bloc in re.findall(r"```bash\n(.*?)```", texte, re.S)]


def environnement_propre(dossier: Path) -> dict:
    """A learner's shell: no virtualenv of the tests on PATH, Jupyter's folders out of the way."""
    import os

    bin_tests = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "OBM_", "VIRTUAL_ENV", "PYTHON", "PIP_REQUIRE"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != bin_tests)
    for nom, variable in (("config", "JUPYTER_CONFIG_DIR"), ("data", "JUPYTER_DATA_DIR"),
                          ("runtime", "JUPYTER_RUNTIME_DIR"), ("ipython", "IPYTHONDIR"),
                          ("obm", "OBM_HOME")):
        (dossier / nom).mkdir(parents=True, exist_ok=True)
        env[variable] = str(dossier / nom)
    if os.geteuid() == 0:
        # The tests run as root (CI); a learner never does. Jupyter refuses root unless told,
        # in its own config folder: the pasted commands stay exactly those of the LISEZMOI.
        (dossier / "config" / "jupyter_server_config.json").write_text(
            '{"ServerApp": {"allow_root": true}}', encoding="utf-8")
    return env


def lancer_et_attendre_le_serveur(commande: str, dossier: Path, env: dict, delai: float = 240) -> str:
    """Paste a command that starts JupyterLab; wait until it says where it runs, then stop it
    (its process group, by the PID of the shell started here)."""
    import os
    import signal
    import subprocess
    import time

    journal = dossier.parent / "lab.log"
    with journal.open("wb") as sortie:
        processus = subprocess.Popen(["bash", "-c", commande], cwd=dossier, env=env, stdout=sortie,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
    try:
        fin = time.monotonic() + delai
        while time.monotonic() < fin and processus.poll() is None:
            if "is running at" in journal.read_text(encoding="utf-8", errors="replace"):
                break
            time.sleep(0.5)  # polling a server's start-up log
        texte = journal.read_text(encoding="utf-8", errors="replace")
    finally:
        if processus.poll() is None:
            os.killpg(processus.pid, signal.SIGTERM)
            try:
                processus.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(processus.pid, signal.SIGKILL)
                processus.wait(timeout=10)
    return texte


def test_chaque_commande_du_lisezmoi_collee_dans_un_shell(paquet, tmp_path):
    """Pasted one by one into bash from the bundle's folder, as a learner would, does every command
    of the LISEZMOI work: the four « sans make » commands (python3, a real pip install, the
    learner set-up, JupyterLab starting on the home page), then `make lab`? And does the .venv
    they create hold no trainer-only package?"""
    import shutil
    import subprocess

    dossier_source, _ = paquet
    dossier = tmp_path / "paquet"
    shutil.copytree(dossier_source, dossier)
    texte = (dossier / "LISEZMOI.md").read_text(encoding="utf-8")
    blocs = blocs_bash(texte)
    assert [len(b) for b in blocs] == [1, 4], blocs
    assert not [l for b in blocs for l in b if "\\" in l or "(" in l or l.startswith("python ")]
    env = environnement_propre(tmp_path / "maison")
    *installation, lab = blocs[1]
    for commande in installation:
        sortie = subprocess.run(["bash", "-c", commande], cwd=dossier, env=env, capture_output=True,
                                text=True, timeout=1200, stdin=subprocess.DEVNULL)
        assert sortie.returncode == 0, f"{commande}\n{sortie.stdout[-2000:]}\n{sortie.stderr[-2000:]}"
    journal = lancer_et_attendre_le_serveur(lab, dossier, env)
    assert "is running at" in journal and "accueil.ipynb" in journal, journal[-3000:]

    python = dossier / ".venv" / "bin" / "python"
    for nom in construire_paquet.DEPENDANCES_FORMATRICE:
        absent = subprocess.run([str(python), "-m", "pip", "show", "--quiet", nom], capture_output=True)
        assert absent.returncode != 0, f"{nom} est installé dans le .venv de l'apprenante"
    validate = dossier / ".venv" / "etc" / "jupyter" / "nbgrader_config.py"
    assert "configurer_validation" in validate.read_text(encoding="utf-8")

    assert blocs[0] == ["make lab"]
    journal = lancer_et_attendre_le_serveur(blocs[0][0], dossier, env)
    assert "is running at" in journal and "accueil.ipynb" in journal, journal[-3000:]


def test_accueil_accorde_au_noyau(tmp_path):
    """Does the home page carry exactly the language_info the kernel announces (so JupyterLab has
    nothing to write when she opens it), and does the learner set-up re-align a copy made on
    another Python, touching nothing else?"""
    import shutil

    import nbformat
    from ipykernel.ipkernel import IPythonKernel

    from obm.installation import aligner_accueil, language_info

    assert language_info() == IPythonKernel.language_info
    accueil = nbformat.read(RACINE / "accueil.ipynb", as_version=4)
    assert accueil.metadata["language_info"] == language_info()
    assert accueil.nbformat_minor >= 5 and all(c.get("id") for c in accueil.cells)
    copie = tmp_path / "accueil.ipynb"
    shutil.copy(RACINE / "accueil.ipynb", copie)
    assert not aligner_accueil(copie) and copie.read_bytes() == (RACINE / "accueil.ipynb").read_bytes()
    autre = nbformat.read(copie, as_version=4)
    autre.metadata["language_info"]["version"] = "3.12.1"
    nbformat.write(autre, copie)
    assert aligner_accueil(copie)
    realigne = nbformat.read(copie, as_version=4)
    assert realigne.metadata["language_info"] == language_info()
    assert [c.source for c in realigne.cells] == [c.source for c in accueil.cells]
