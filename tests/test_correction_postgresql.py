"""Does the grading pipeline give the same grades with a real PostgreSQL gradebook as with SQLite?

The server is Debian's `postgresql`, started for this file in a throw-away folder on a free local
port (as ../shared/reference/postgresql.md shows). Outside CI, a missing server or driver skips
the test with the package to install; under CI=true it fails instead.
"""

import contextlib
import io
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier

MODULE = "00_bienvenue"
EN_CI = os.environ.get("CI") == "true"


def manque(message: str):
    if EN_CI:
        pytest.fail(f"{message} (obligatoire en CI)")
    pytest.skip(message)


def binaires_postgresql() -> Path | None:
    candidats = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                       key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if candidats:
        return candidats[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgresql():
    """A PostgreSQL server for this file; yields the SQLAlchemy URL of an empty database."""
    binaires = binaires_postgresql()
    if binaires is None:
        manque("PostgreSQL absent : installe le paquet Debian postgresql (apt-get install -y postgresql)")
    try:
        import psycopg
    except ImportError:
        manque("pilote PostgreSQL absent : installe psycopg (pip install 'psycopg[binary]')")
    dossier = Path(tempfile.mkdtemp(prefix="obm-pg-"))
    # The server refuses to run as root: as root, it runs as the `postgres` user.
    prefixe = []
    if os.geteuid() == 0:
        shutil.chown(dossier, "postgres")
        runuser = shutil.which("runuser", path=os.pathsep.join(
            [os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
        if runuser is None:
            manque("runuser absent : installe le paquet Debian util-linux (apt-get install -y util-linux)")
        prefixe = [runuser, "-u", "postgres", "--"]
    port = port_libre()
    donnees = dossier / "data"
    subprocess.run(prefixe + [str(binaires / "initdb"), "-D", str(donnees), "-A", "trust", "-U", "obm"],
                   check=True, capture_output=True)
    subprocess.run(prefixe + [str(binaires / "pg_ctl"), "-D", str(donnees), "-o",
                              f"-p {port} -k {dossier} -c listen_addresses=127.0.0.1",
                              "-l", str(dossier / "journal"), "-w", "start"],
                   check=True, capture_output=True)
    try:
        with psycopg.connect(f"host=127.0.0.1 port={port} user=obm dbname=postgres",
                             autocommit=True) as connexion:
            connexion.execute("CREATE DATABASE gradebook")
        yield f"postgresql+psycopg://obm@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(prefixe + [str(binaires / "pg_ctl"), "-D", str(donnees), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(dossier, ignore_errors=True)


def cours(racine: Path) -> Path:
    racine.mkdir()
    shutil.copy(oc.RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    return racine


def obm(racine: Path, *arguments: str) -> str:
    sortie = io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), \
            contextlib.redirect_stderr(io.StringIO()):
        assert main(list(arguments)) == 0, sortie.getvalue()
    return sortie.getvalue()


def copies(dossier: Path) -> Path:
    """Three learners' copies of 00_bienvenue: the solution, a typical mistake, the blank release."""
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    mutant = oc.charger_mutants(MODULE)[0]
    source = dossier / "copies"
    source.mkdir()
    nbformat.write(corrigee, source / "Marie Dupont.ipynb")
    nbformat.write(oc.appliquer_mutant(corrigee, mutant), source / "Chloé Martin.ipynb")
    return source


def notes(url: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(url) as carnet:
        return {(s.student.id, nb.name, g.name): (g.auto_score, g.needs_manual_grade)
                for a in carnet.assignments for s in a.submissions
                for nb in s.notebooks for g in nb.grades}


def test_memes_notes_avec_postgresql_et_sqlite(postgresql, tmp_path, monkeypatch):
    """Do import, parallel grading and the CSV export give the same results on PostgreSQL as on SQLite?"""
    source = copies(tmp_path)
    resultats = {}
    for nom, url in (("sqlite", None), ("postgresql", postgresql)):
        racine = cours(tmp_path / nom)
        if url:
            monkeypatch.setenv("OBM_GRADEBOOK_URL", url)
        else:
            monkeypatch.delenv("OBM_GRADEBOOK_URL", raising=False)
        obm(racine, "publier", MODULE)
        obm(racine, "importer", str(source), "--module", MODULE)
        sortie = obm(racine, "corriger", MODULE, "--jobs", "2", *oc.options_corriger())
        assert "Copies à vérifier :" in sortie
        obm(racine, "notes")
        url = url or f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}"
        resultats[nom] = (notes(url), (racine / "notes" / "notes_pour_lms.csv").read_bytes(), racine)
    monkeypatch.delenv("OBM_GRADEBOOK_URL", raising=False)

    sqlite, pg = resultats["sqlite"], resultats["postgresql"]
    assert len(sqlite[0]) == 2 * 3
    assert pg[0] == sqlite[0]
    assert {a for a, _, _ in pg[0]} == {"marie-dupont", "chloe-martin"}
    assert sum(s for s, _ in pg[0].values()) == 6 + 4  # the solution, and a mutant losing Q1
    assert pg[1] == sqlite[1]
    # The grades really went to PostgreSQL: the SQLite file of that course holds no submission,
    # and the backup taken before grading is a SQLite copy of the PostgreSQL gradebook.
    assert not (pg[2] / "gradebook" / "gradebook.db").exists()
    sauvegardes = list((pg[2] / "gradebook").glob("gradebook.avant-corriger-*.db"))
    assert len(sauvegardes) == 1
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{sauvegardes[0]}") as carnet:
        assert {e.id for e in carnet.students} == {"marie-dupont", "chloe-martin"}
