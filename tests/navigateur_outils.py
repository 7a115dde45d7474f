"""Tools for the end-to-end tests: a throw-away JupyterLab on a copy of the course, and Chromium.

What works here, and why (see the team's browser-testing notes): Debian's Chromium driven by
Python Playwright (never `playwright install`), a server on a free local port with a token,
serving a temporary copy of the course (autosave writes outputs into the notebooks), its
config, runtime and data folders, IPython's and OBM_HOME in temporary folders too. The server
runs in its own process group, dies with the test process (PR_SET_DEATHSIG) and is always
stopped by its PID.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
# Screenshots of each step (git-ignored); a few are copied into docs/captures/ for the README.
ARTEFACTS = RACINE / "artefacts" / "navigateur"
CAPTURES_README = RACINE / "docs" / "captures"

CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
ARGUMENTS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--disable-dev-shm-usage"]

# What the course copy needs: notebooks, data, the syllabus, nbgrader's config (for formgrader).
A_COPIER = ("course", "exercises", "solutions", "data", "accueil.ipynb", "nbgrader_config.py")

# Lab settings for a quiet, deterministic page: no news pop-up; every cell rendered, even
# off-screen ones (otherwise Lab only renders the cells in view).
REGLAGES_LAB = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def sur_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def manque(raison: str):
    """Skip with a French reason naming what to install, except under CI=true, where it fails."""
    if sur_ci():
        pytest.fail(f"CI=true : {raison}", pytrace=False)
    pytest.skip(raison)


def chromium() -> str:
    """The path of Debian's Chromium, or skip (fail under CI) if it is not installed."""
    for chemin in CHROMIUM:
        if os.access(chemin, os.X_OK):
            return chemin
    manque("Chromium est introuvable : installe le paquet Debian chromium "
           "(apt-get install -y chromium)")


def exiger_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        manque("Playwright (Python) manque : installe les outils de test "
               "(pip install -e \".[test]\" -c constraints.txt) ; le navigateur vient du paquet "
               "Debian chromium (apt-get install -y chromium), jamais de `playwright install`")
    return sync_playwright


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mourir_avec_le_parent():
    # Linux: the server gets SIGTERM when the test process dies, even if killed with -9.
    PR_SET_DEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_DEATHSIG, signal.SIGTERM)


def copier_cours(cible: Path) -> Path:
    """A learner's copy of the course: what is served, so autosave never touches the repo."""
    cible.mkdir(parents=True)
    for nom in A_COPIER:
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, cible / nom,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        elif source.exists():
            shutil.copy2(source, cible / nom)
    return cible


def francais_par_defaut() -> Path:
    """Make sure the environment's overrides.json sets the French locale (as `make` does)."""
    from obm import installation

    chemin = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    try:
        reglages = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        reglages = {}
    if reglages.get("@jupyterlab/translation-extension:plugin", {}).get("locale") != "fr_FR":
        installation.configurer_jupyterlab()
    return chemin


class ServeurJupyter:
    """JupyterLab on a temporary copy of the course, on a free local port, with a token."""

    def __init__(self, dossier: Path):
        self.dossier = dossier
        self.cours = copier_cours(dossier / "cours")
        self.obm_home = dossier / "obm_home"
        self.port = port_libre()
        self.jeton = secrets.token_hex(16)
        self.journal = dossier / "jupyterlab.log"
        self.processus: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def adresse(self, chemin: str) -> str:
        separateur = "&" if "?" in chemin else "?"
        return f"{self.url}{chemin}{separateur}token={self.jeton}"

    def environnement(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "OBM_"))}
        for nom, variable in (("config", "JUPYTER_CONFIG_DIR"), ("runtime", "JUPYTER_RUNTIME_DIR"),
                              ("data", "JUPYTER_DATA_DIR"), ("ipython", "IPYTHONDIR")):
            (self.dossier / nom).mkdir(exist_ok=True)
            env[variable] = str(self.dossier / nom)
        env["OBM_HOME"] = str(self.obm_home)
        env["OBM_COURS"] = str(self.cours)
        # As under `make lab`: the kernels must use matplotlib's inline backend (charts as images).
        env.pop("MPLBACKEND", None)
        # The kernels use this venv's python (and its obm, installed editable).
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        return env

    def demarrer(self, delai: float = 60) -> ServeurJupyter:
        reglages = self.dossier / "reglages_lab"
        for nom, valeurs in REGLAGES_LAB.items():
            fichier = reglages / nom
            fichier.parent.mkdir(parents=True, exist_ok=True)
            fichier.write_text(json.dumps(valeurs), encoding="utf-8")
        commande = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.jeton}", f"--ServerApp.root_dir={self.cours}",
            f"--LabApp.user_settings_dir={reglages}",
            f"--LabApp.workspaces_dir={self.dossier / 'espaces'}",
            "--LabApp.expose_app_in_browser=True",
        ]
        with open(self.journal, "wb") as journal:
            # cwd = the course copy: nbgrader's formgrader reads nbgrader_config.py from there.
            self.processus = subprocess.Popen(
                commande, cwd=self.cours, env=self.environnement(), stdout=journal,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                preexec_fn=_mourir_avec_le_parent)
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.processus.poll() is not None:
                raise RuntimeError(f"JupyterLab s'est arrêté au démarrage :\n{self.lire_journal()}")
            try:
                with urllib.request.urlopen(self.adresse("/api/status"), timeout=2) as reponse:
                    if reponse.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)  # polling the server's readiness, not synchronising the page
        self.arreter()
        raise RuntimeError(f"JupyterLab ne répond pas après {delai} s :\n{self.lire_journal()}")

    def api(self, methode: str, chemin: str):
        requete = urllib.request.Request(self.adresse(chemin), method=methode)
        with urllib.request.urlopen(requete, timeout=10) as reponse:
            corps = reponse.read()
        return json.loads(corps) if corps else None

    def arreter_noyaux(self) -> None:
        """Shut down the kernels of the notebooks opened so far (each test opens its own)."""
        for noyau in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{noyau['id']}")

    def lire_journal(self) -> str:
        try:
            return self.journal.read_text(encoding="utf-8", errors="replace")[-4000:]
        except OSError:
            return ""

    def arreter(self) -> None:
        """Stop the server, then any of its kernels still alive, by PID; always safe to call."""
        # The server's own process group; its kernels run in sessions of their own.
        arreter_processus(self.processus, lambda signal_: os.killpg(self.processus.pid, signal_), 15)


def arreter_processus(processus, envoyer=None, delai: float = 15) -> None:
    """Stop a process started by a test, then what it started and left running, by PID: the
    children are noted first, then ``envoyer(SIGTERM)`` (by default to the process itself),
    SIGKILL after ``delai`` seconds, and the children still alive are killed. Always safe to call."""
    import psutil

    if processus is None or processus.poll() is not None:
        return
    envoyer = envoyer or processus.send_signal
    try:
        enfants = psutil.Process(processus.pid).children(recursive=True)
    except psutil.Error:
        enfants = []
    envoyer(signal.SIGTERM)
    try:
        processus.wait(timeout=delai)
    except subprocess.TimeoutExpired:
        envoyer(signal.SIGKILL)
        processus.wait(timeout=5)
    _, encore_vivants = psutil.wait_procs(enfants, timeout=5)
    for enfant in encore_vivants:
        with contextlib.suppress(psutil.Error):
            enfant.kill()


@contextlib.contextmanager
def chromium_lance():
    """Debian's Chromium, headless, driven by Playwright (never `playwright install`)."""
    sync_playwright = exiger_playwright()
    with sync_playwright() as playwright:
        navigateur = playwright.chromium.launch(executable_path=chromium(), headless=True,
                                                args=ARGUMENTS_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()


def capture(page, nom: str, *, readme: bool = False, pleine_page: bool = False) -> Path:
    """Screenshot of one step, kept as a test artefact (artefacts/navigateur/NOM.png).

    With ``readme=True`` and the environment variable OBM_CAPTURES_README=1, an optimised copy
    also goes to docs/captures/ for the README. ``pleine_page=True``: the whole page, not only
    the viewport (for a page that scrolls itself, not JupyterLab, which scrolls inside a panel).
    """
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    chemin = ARTEFACTS / f"{nom}.png"
    page.screenshot(path=str(chemin), full_page=pleine_page)
    if readme and os.environ.get("OBM_CAPTURES_README") == "1":
        from PIL import Image

        CAPTURES_README.mkdir(parents=True, exist_ok=True)
        with Image.open(chemin) as image:
            # 256 colours are plenty for a screenshot and divide the file size by about three.
            image.convert("RGB").quantize(colors=256).save(CAPTURES_README / f"{nom}.png",
                                                         optimize=True)
    return chemin


def vider_artefacts() -> None:
    """Remove screenshots left by an earlier run (older than an hour), never those of this one.

    Several browser test files, on several xdist workers, share artefacts/navigateur/: emptying
    it at each server start would delete what another file has just captured.
    """
    import time

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    limite = time.time() - 3600
    for chemin in ARTEFACTS.iterdir():
        if chemin.is_file() and chemin.stat().st_mtime < limite:
            chemin.unlink(missing_ok=True)


def garder_journal(serveur: ServeurJupyter) -> None:
    """Keep the server's log beside the screenshots (what to read when a step failed on CI)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    if serveur.journal.exists():
        shutil.copy(serveur.journal, ARTEFACTS / "jupyterlab.log")


def fixture_serveur(module: str, preparer=None):
    """The module-scoped `serveur` fixture of one browser test file: its own JupyterLab on a copy
    of the course, so that it never empties the screenshots of the other browser tests, its log
    kept beside them. Use: ``serveur = no.fixture_serveur("05")``. ``preparer(serveur)``, if
    given, runs before the start (for instance to write its config folder, ``serveur.dossier /
    "config"``, its JUPYTER_CONFIG_DIR)."""

    @pytest.fixture(scope="module")
    def serveur(tmp_path_factory):
        chromium()
        exiger_playwright()
        francais_par_defaut()
        serveur = ServeurJupyter(tmp_path_factory.mktemp(f"navigateur_{module}"))
        if preparer is not None:
            preparer(serveur)
        serveur.demarrer()
        try:
            yield serveur
        finally:
            serveur.arreter()
            garder_journal(serveur)

    return serveur


def fixture_page(module: str, delai: int, *, taille: tuple[int, int] = (1440, 900)):
    """The `page` fixture of one browser test file: a French tab, at the review's size unless
    told, kernels stopped after each test, and on failure a screenshot named
    ``MODULE_echec_TEST`` (``echec_TEST`` without a module). Use:
    ``page = no.fixture_page("05", DELAI)``."""

    @pytest.fixture
    def page(navigateur, serveur, request):
        from playwright.sync_api import expect

        expect.set_options(timeout=delai)
        contexte = navigateur.new_context(viewport={"width": taille[0], "height": taille[1]},
                                          locale="fr-FR")
        page = contexte.new_page()
        page.set_default_timeout(delai)
        echecs = request.session.testsfailed
        try:
            yield page
        finally:
            if request.session.testsfailed > echecs:
                try:
                    capture(page, f"{module}_echec_{request.node.name}".lstrip("_"))
                except Exception:  # a diagnostic must not hide the failure
                    pass
            contexte.close()
            serveur.arreter_noyaux()

    return page
