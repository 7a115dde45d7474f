"""A cohort on a real JupyterHub, end to end (issue 24): the files of deploiement/ started for real.

A JupyterHub from PyPI with its proxy (configurable-http-proxy from the npm registry, installed by
.ci/run in tests/hub/node_modules), the course's deploiement/jupyterhub_config.py loaded as it is
and overridden only where a test must (ports, temporary paths, the readable environment below),
nbgrader's exchange in a temporary folder with the mode nbgrader documents (777), and local Unix
accounts created for the test: the trainer, two learners and the grading account of the config.

Authentication is the config's own PAM, with passwords set by chpasswd for the test only (the
LISEZMOI says what to use in production). Chromium, driven by Playwright, logs each learner in;
she fetches exercise 03 from nbgrader's assignment list, answers (one right, one wrong),
validates and submits; the trainer's commands (`obm publier --echange`, `obm importer`,
`obm corriger`, `obm retours --echange`) run as the grading account; the trainer grades the
written answer in the shared formgrader (its own tab: JupyterHub ≥ 4.1 blocks its frame,
nbgrader #1870); each learner fetches her feedback and sees her own grade, not the other's.

The single-user servers run under other Unix accounts, which cannot read the repository's
virtualenv when the clone sits in a private folder (CI clones under /root, mode 700; its Python
comes from a pyenv there too). The test never touches the repository's permissions: it builds a
readable copy of the environment in its temporary folder (hard links where possible, so it is
quick and small): the interpreter and its standard library, the virtualenv's site-packages, the
`obm` sources and the course data the learners' notebooks read.

Everything is stopped and removed at the end, even on failure: the hub (which stops the servers
and the service), the proxy, any process left under the test accounts, the accounts themselves.
Root and Linux only; outside CI the module skips when something is missing, under CI=true it fails.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import json
import os
import pwd
import re
import runpy
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

import navigateur_outils as no
import pytest

RACINE = no.RACINE
DEPLOIEMENT = RACINE / "deploiement"
PROXY_NPM = RACINE / "tests" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
MODULE = "03_retroplanning"
QUESTION = "reponse_q1"            # the autograded answer: right for one learner, wrong for the other
VERIFICATION = "q1_durees_dependances"
ECRITE = "reponse_q7_objection"    # the written answer the trainer grades in the formgrader
PREFIXE = "obm-hub-"               # the test's temporary folder, in /tmp
DELAI = 90_000                     # ms: a server spawn plus JupyterLab on CI's small machine

pytestmark = pytest.mark.xdist_group("hub")


def _config_deploiement() -> dict:
    """The names the deployment config declares (course, grading account, trainers, learners)."""
    from traitlets.config import Config

    return runpy.run_path(str(DEPLOIEMENT / "jupyterhub_config.py"),
                          init_globals={"get_config": Config})


CONFIG = _config_deploiement()
COURS = CONFIG["COURS"]
CORRECTION = CONFIG["COMPTE_CORRECTION"]
FORMATRICE = CONFIG["FORMATRICES"][0]
APPRENANTES = list(CONFIG["APPRENANTES"][:2])
COMPTES = [FORMATRICE, *APPRENANTES, CORRECTION]
PRENOMS = {APPRENANTES[0]: ("Amandine", "Roux"), APPRENANTES[1]: ("Bérénice", "Faure")}


# --- What the test needs ---------------------------------------------------------------------

def _proxy() -> str:
    if os.access(PROXY_NPM, os.X_OK):
        return str(PROXY_NPM)
    trouve = shutil.which("configurable-http-proxy")
    if trouve:
        return trouve
    no.manque("configurable-http-proxy manque : installe Node.js et npm (apt-get install -y nodejs "
              "npm), puis la version épinglée du proxy : npm ci --prefix tests/hub")


def _exiger_le_necessaire() -> str:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        no.manque("le test du JupyterHub crée des comptes Unix et lance des serveurs sous ces "
                  "comptes : il tourne en root sous Linux (comme la CI)")
    for commande in ("useradd", "userdel", "chpasswd", "runuser"):
        if shutil.which(commande) is None:
            no.manque(f"la commande {commande} manque (paquet Debian passwd / util-linux)")
    try:
        import jupyterhub  # noqa: F401
        import pamela  # noqa: F401
    except ImportError:
        no.manque("JupyterHub manque : installe les outils de test "
                  "(pip install -e \".[test]\" -c constraints.txt)")
    restes = []
    for compte in COMPTES:
        try:
            maison = pwd.getpwnam(compte).pw_dir
        except KeyError:
            continue
        if Path(maison).name != compte or not Path(maison).parent.parent.name.startswith(
                PREFIXE):
            no.manque(f"le compte Unix {compte} existe déjà sur cette machine : le test crée et "
                      "supprime ses propres comptes, lance-le sur une machine de test")
        restes.append(compte)
    if restes:  # left by a run of this test that was killed before its clean-up
        supprimer_comptes()
    no.chromium()
    no.exiger_playwright()
    return _proxy()


# --- Processes: each dies with the test and is stopped by its PID ------------------------------

def _mourir_avec_le_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_DEATHSIG


def _executer(commande, **options) -> subprocess.CompletedProcess:
    sortie = subprocess.run(commande, capture_output=True, text=True, timeout=600, **options)
    assert sortie.returncode == 0, f"{commande} :\n{sortie.stdout}\n{sortie.stderr}"
    return sortie


# --- A Python environment every account can read ----------------------------------------------

def _lier(source, cible, *, follow_symlinks=True):
    """Hard link when possible (same file system: instant, no space), else a copy."""
    try:
        os.link(source, cible)
    except OSError:
        shutil.copy2(source, cible)
    return cible


def environnement_lisible(dossier: Path) -> dict:
    """A readable copy of this test's Python: interpreter, standard library, virtualenv, obm.

    Returns the paths and environment variables the servers and commands of the test accounts
    use. The repository and its .venv are only read, never changed.
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base, venv = Path(sys.base_prefix), Path(sys.prefix)
    python = dossier / "python"
    (python / "bin").mkdir(parents=True)
    shutil.copy2(Path(sys.executable).resolve(), python / "bin" / version)
    (python / "lib").mkdir()
    for bibliotheque in (base / "lib").glob("libpython*"):
        shutil.copy2(bibliotheque, python / "lib" / bibliotheque.name, follow_symlinks=False)
    stdlib = base / "lib" / version
    shutil.copytree(stdlib, python / "lib" / version, symlinks=True, copy_function=_lier,
                    ignore=lambda d, noms: [n for n in noms if Path(d) == stdlib
                                            and n in ("site-packages", "test", "idlelib")])
    (python / "lib" / version / "site-packages").mkdir()

    copie = dossier / "venv"
    sources = RACINE / "src"
    if venv == base:
        raise RuntimeError("le test du hub attend un environnement virtuel (.venv, créé par make)")
    def ignorer_venv(repertoire, noms):
        if Path(repertoire) == venv:
            return [n for n in noms if n in ("bin", "pyvenv.cfg", ".installe", ".tests")]
        return [n for n in noms if n.startswith("__editable__")]

    shutil.copytree(venv, copie, symlinks=True, copy_function=_lier, ignore=ignorer_venv)
    (copie / "pyvenv.cfg").write_text(
        f"home = {python / 'bin'}\ninclude-system-site-packages = false\n"
        f"version = {sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}\n",
        encoding="utf-8")
    bin_ = copie / "bin"
    bin_.mkdir()
    for nom in ("python", "python3", version):
        (bin_ / nom).symlink_to(python / "bin" / version)
    # The console scripts (nbgrader, alembic, obm, jupyterhub-singleuser…), with the copy's
    # interpreter in their first line.
    for script in (venv / "bin").iterdir():
        if script.name.startswith("python") or not script.is_file() or script.is_symlink():
            continue
        contenu = script.read_bytes()
        if contenu.startswith(b"#!") and b"python" in contenu.split(b"\n", 1)[0]:
            reste = contenu.split(b"\n", 1)[1] if b"\n" in contenu else b""
            (bin_ / script.name).write_bytes(f"#!{bin_ / 'python'}\n".encode() + reste)
            (bin_ / script.name).chmod(0o755)
    # obm, installed editable from the repository: its sources copied, the path file pointed there.
    shutil.copytree(sources / "obm", dossier / "src" / "obm",
                    ignore=shutil.ignore_patterns("__pycache__"))
    site = Path(sysconfig.get_path("purelib", vars={"base": str(copie), "platbase": str(copie)}))
    (site / "__editable__.academie_obm-0.1.0.pth").write_text(f"{dossier / 'src'}\n",
                                                              encoding="utf-8")
    # What the learners' notebooks read (obm.donnees: course/syllabus.toml, data/): never the
    # solutions, which stay in the grading account's private course folder.
    donnees = dossier / "cours_apprenantes"
    for nom in ("course", "data"):
        shutil.copytree(RACINE / nom, donnees / nom,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for chemin in [dossier, *dossier.rglob("*")]:
        if chemin.is_dir() and not chemin.is_symlink():
            chemin.chmod(chemin.stat().st_mode | 0o755)
    env = {
        "PATH": f"{bin_}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "LD_LIBRARY_PATH": str(python / "lib"),
        "OBM_COURS": str(donnees),
        "LANG": "C.UTF-8",
    }
    return {"python": str(bin_ / "python"), "bin": bin_, "env": env}


# --- Unix accounts of the test ------------------------------------------------------------------

def creer_comptes(dossier: Path) -> dict[str, str]:
    """useradd for each account of the config, a private home (700) in the temporary folder, a
    random password set by chpasswd (PAM checks it: for the test only)."""
    mots_de_passe = {}
    for compte in COMPTES:
        maison = dossier / compte
        _executer(["useradd", "--no-create-home", "--home-dir", str(maison), "--shell",
                   "/bin/bash", "--user-group", compte])
        mots_de_passe[compte] = secrets.token_urlsafe(12)
        maison.mkdir()
        entree = pwd.getpwnam(compte)
        os.chown(maison, entree.pw_uid, entree.pw_gid)
        maison.chmod(0o700)
    _executer(["chpasswd"], input="".join(f"{c}:{m}\n" for c, m in mots_de_passe.items()))
    return mots_de_passe


def supprimer_comptes() -> None:
    """Stop what still runs under the test accounts (by PID), then delete the accounts."""
    import psutil

    uids = set()
    for compte in COMPTES:
        with contextlib.suppress(KeyError):
            uids.add(pwd.getpwnam(compte).pw_uid)
    restants = [p for p in psutil.process_iter(["uids"]) if p.info["uids"]
                and p.info["uids"].real in uids]
    for processus in restants:
        with contextlib.suppress(psutil.Error):
            processus.terminate()
    _, encore = psutil.wait_procs(restants, timeout=10)
    for processus in encore:
        with contextlib.suppress(psutil.Error):
            processus.kill()
    for compte in COMPTES:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(compte)
            subprocess.run(["userdel", compte], capture_output=True, timeout=60)


def comme(compte: str, commande: list[str], env: dict, cwd: Path | None = None,
          verifier: bool = True) -> subprocess.CompletedProcess:
    """A command run as one of the test accounts (runuser), in the given environment only."""
    maison = pwd.getpwnam(compte).pw_dir
    tout = {**env, "HOME": maison, "USER": compte, "LOGNAME": compte}
    sortie = subprocess.run(["runuser", "-u", compte, "--", "env", "-i",
                             *(f"{k}={v}" for k, v in tout.items()), *commande],
                            cwd=cwd or maison, capture_output=True, text=True, timeout=600)
    if verifier:
        assert sortie.returncode == 0, f"{compte} : {commande} :\n{sortie.stdout}\n{sortie.stderr}"
    return sortie


# --- The hub -----------------------------------------------------------------------------------

class Hub:
    """JupyterHub with deploiement/'s config, overridden only where the test must."""

    def __init__(self, dossier: Path, proxy: str):
        self.dossier = dossier
        self.proxy = proxy
        self.port, self.port_api, self.port_hub, self.port_service = (
            no.port_libre() for _ in range(4))
        self.jeton_service = secrets.token_hex(32)
        self.jeton_test = secrets.token_hex(32)
        self.journal = dossier / "etat" / "jupyterhub.log"
        self.processus: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def preparer(self, lisible: dict, maisons: Path) -> None:
        """Write the configs: the hub's, nbgrader's global one and the grading account's."""
        etat = self.dossier / "etat"  # root's own: the hub's database, secrets, log
        etat.mkdir(mode=0o700)
        partage = self.dossier / "lisible"
        copie = partage / "deploiement"
        shutil.copytree(DEPLOIEMENT, copie, ignore=shutil.ignore_patterns("*.md", "__pycache__"))
        for fichier in copie.iterdir():
            fichier.chmod(0o644)
        copie.chmod(0o755)
        # nbgrader's exchange, as its documentation says: a folder every account can write to.
        self.echange = self.dossier / "echange"
        self.echange.mkdir()
        self.echange.chmod(0o777)
        # The global nbgrader config (/etc/jupyter/nbgrader_config.py on a server), read by every
        # account through JUPYTER_CONFIG_PATH; the test only moves the exchange.
        config_jupyter = partage / "etc_jupyter"
        config_jupyter.mkdir()
        (config_jupyter / "nbgrader_config.py").write_text(
            f"c = get_config()  # noqa: F821\n"
            f"load_subconfig({str(copie / 'nbgrader_config_global.py')!r})  # noqa: F821\n"
            f"# Pour le test : l'échange dans un dossier temporaire.\n"
            f"c.Exchange.root = {str(self.echange)!r}\n", encoding="utf-8")
        config_jupyter.chmod(0o755)
        (config_jupyter / "nbgrader_config.py").chmod(0o644)

        # The grading account: its course folder (private), its own nbgrader config.
        correction = pwd.getpwnam(CORRECTION)
        self.cours = maisons / CORRECTION / COURS
        self.cours.mkdir()
        shutil.copy2(RACINE / "nbgrader_config.py", self.cours / "nbgrader_config.py")
        for nom in ("solutions", "course", "data"):
            shutil.copytree(RACINE / nom, self.cours / nom,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        with open(self.cours / "apprenantes.csv", "w", newline="", encoding="utf-8") as f:
            ecrivain = csv.writer(f, delimiter=";")
            ecrivain.writerow(["identifiant", "prenom", "nom", "email"])
            for identifiant, (prenom, nom) in PRENOMS.items():
                ecrivain.writerow([identifiant, prenom, nom, f"{identifiant}@exemple.fr"])
        jupyter = maisons / CORRECTION / ".jupyter"
        jupyter.mkdir()
        (jupyter / "nbgrader_config.py").write_text(
            f"c = get_config()  # noqa: F821\n"
            f"load_subconfig({str(copie / 'nbgrader_config_correction.py')!r})  # noqa: F821\n"
            f"# Pour le test : le dossier du cours et le journal dans la maison temporaire.\n"
            f"c.CourseDirectory.root = {str(self.cours)!r}\n"
            f"c.NbGrader.logfile = {str(maisons / CORRECTION / 'nbgrader.log')!r}\n",
            encoding="utf-8")
        for chemin in [self.cours, jupyter, *self.cours.rglob("*"), *jupyter.rglob("*")]:
            os.chown(chemin, correction.pw_uid, correction.pw_gid, follow_symlinks=False)

        self.env_comptes = {**lisible["env"], "JUPYTER_CONFIG_PATH": str(config_jupyter)}
        python = lisible["python"]
        env_service = {**self.env_comptes, "OBM_COURS": str(self.cours)}
        self.env_correction = {
            **env_service,
            # As in a terminal of the shared service: its token lets nbgrader ask the hub who
            # follows the course (JupyterHubAuthPlugin).
            "JUPYTERHUB_API_URL": f"http://127.0.0.1:{self.port_hub}/hub/api",
            "JUPYTERHUB_API_TOKEN": self.jeton_service,
            "JUPYTERHUB_USER": CORRECTION,
        }
        config = f'''"""JupyterHub du test : deploiement/jupyterhub_config.py, tel quel, puis ce que le test change."""

c = get_config()  # noqa: F821
load_subconfig({str(copie / "jupyterhub_config.py")!r})  # noqa: F821

# Pour le test seulement : ports libres sur 127.0.0.1, état et proxy dans le dossier temporaire.
c.JupyterHub.bind_url = "http://127.0.0.1:{self.port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{self.port_hub}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.port_api}"
c.ConfigurableHTTPProxy.command = [{self.proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {str(etat / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{etat / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(etat / "cookie_secret")!r}
c.JupyterHub.log_level = "DEBUG"
# Les serveurs des comptes : l'environnement Python lisible par tous, construit par le test.
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.environment.update({self.env_comptes!r})
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
service = c.JupyterHub.services[0]
service["url"] = "http://127.0.0.1:{self.port_service}"
service["command"] = [{python!r}, "-m", "jupyterhub.singleuser", "--debug"]
service["cwd"] = {str(self.cours)!r}
service["environment"] = {{**service["environment"], **{env_service!r}}}
service["api_token"] = {self.jeton_service!r}
# Le regard du test (lire les utilisatrices et leurs serveurs) : un service sans serveur.
c.JupyterHub.services.append({{"name": "observation-du-test", "api_token": {self.jeton_test!r}}})
c.JupyterHub.load_roles.append({{"name": "observation-du-test", "services": ["observation-du-test"],
                                "scopes": ["list:users", "read:users", "read:servers", "read:groups"]}})
'''
        self.config = etat / "jupyterhub_config.py"
        self.config.write_text(config, encoding="utf-8")

    def demarrer(self, delai: float = 90) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "OBM_"))}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        with open(self.journal, "wb") as journal:
            self.processus = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(self.config)],
                cwd=self.journal.parent, env=env, stdout=journal, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
                preexec_fn=_mourir_avec_le_parent)
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.processus.poll() is not None:
                raise RuntimeError(f"JupyterHub s'est arrêté au démarrage :\n{self.lire_journal()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as reponse:
                    if reponse.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)  # polling the hub's readiness
        raise RuntimeError(f"JupyterHub ne répond pas après {delai} s :\n{self.lire_journal()}")

    def api(self, chemin: str, methode: str = "GET", donnees=None):
        requete = urllib.request.Request(
            f"{self.url}/hub/api{chemin}", method=methode,
            data=None if donnees is None else json.dumps(donnees).encode(),
            headers={"Authorization": f"token {self.jeton_test}"})
        with urllib.request.urlopen(requete, timeout=30) as reponse:
            corps = reponse.read()
        return json.loads(corps) if corps else None

    def lire_journal(self) -> str:
        try:
            return self.journal.read_text(encoding="utf-8", errors="replace")[-6000:]
        except OSError:
            return ""

    def arreter(self) -> None:
        """Stop the hub (it stops the servers and the service), then the proxy, by PID."""
        no.arreter_processus(self.processus, delai=30)
        fichier_pid = self.dossier / "etat" / "proxy.pid"
        with contextlib.suppress(OSError, ValueError, ProcessLookupError):
            os.kill(int(fichier_pid.read_text()), signal.SIGTERM)
        if self.journal.exists():
            no.ARTEFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(self.journal, no.ARTEFACTS / "hub_jupyterhub.log")


@pytest.fixture(scope="module")
def hub():
    import fcntl
    import tempfile

    # One run at a time on a machine (the accounts have fixed names): a second one waits here.
    verrou = open(Path(tempfile.gettempdir()) / f"{PREFIXE}verrou", "w")  # noqa: SIM115
    fcntl.flock(verrou, fcntl.LOCK_EX)
    try:
        yield from _hub()
    finally:
        verrou.close()  # releases the lock


def _hub():
    import tempfile

    proxy = _exiger_le_necessaire()
    no.francais_par_defaut()
    # What a killed run left in /tmp (its accounts are gone by now, see above).
    for reste in Path(tempfile.gettempdir()).glob(f"{PREFIXE}*"):
        if reste.is_dir():
            shutil.rmtree(reste, ignore_errors=True)
    # Readable by the test accounts: a folder of /tmp opened (755) by the test, whatever the
    # permissions of pytest's base temporary folder.
    dossier = Path(tempfile.mkdtemp(prefix=PREFIXE))
    dossier.chmod(0o755)
    hub = Hub(dossier, proxy)
    try:
        lisible = environnement_lisible(dossier / "lisible")
        maisons = dossier / "maisons"
        maisons.mkdir(mode=0o755)
        hub.mots_de_passe = creer_comptes(maisons)
        hub.preparer(lisible, maisons)
        hub.lisible = lisible
        hub.demarrer()
        yield hub
    finally:
        hub.arreter()
        supprimer_comptes()
        shutil.rmtree(dossier, ignore_errors=True)


# --- The browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def navigateur(hub):
    with no.chromium_lance() as navigateur:
        yield navigateur


@contextlib.contextmanager
def session(navigateur, hub, compte: str, etape: str):
    """A French tab logged in to the hub as ``compte`` (the hub's own login form, PAM behind it);
    a screenshot named after the step if something fails inside."""
    from playwright.sync_api import expect

    expect.set_options(timeout=DELAI)
    contexte = navigateur.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
    # Only the hub, on 127.0.0.1: the formgrader's page asks a CDN for MathJax, and a request
    # left hanging on this closed network delays its « load » event, hence its grading fields.
    contexte.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = contexte.new_page()
    page.set_default_timeout(DELAI)
    try:
        page.goto(f"{hub.url}/hub/login")
        page.locator("#username_input").fill(compte)
        page.locator("#password_input").fill(hub.mots_de_passe[compte])
        page.locator("#login_submit").click()
        page.wait_for_url(re.compile(r"/(user|hub)/"))
        yield page
    except Exception:
        with contextlib.suppress(Exception):
            no.capture(page, f"hub_echec_{etape}")
        raise
    finally:
        contexte.close()


def attendre_lab(page, compte: str):
    from playwright.sync_api import expect

    page.wait_for_url(re.compile(f"/user/{re.escape(compte)}/lab"))
    expect(page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").first).to_have_text("Fichier")


def liste_des_devoirs(page):
    """Nbgrader › Assignment List: nbgrader's assignments tab, as a learner opens it."""
    from playwright.sync_api import expect

    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    page.locator(".lm-Menu-item", has_text="Assignment List").click()
    liste = page.locator("#nbgrader-assignment-list")
    expect(liste).to_be_visible()
    return liste


def index_cellule(chemin: Path, grade_id: str) -> int:
    cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
    return next(i for i, c in enumerate(cellules)
                if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def uid_du_serveur(nom: str, service: bool = False) -> int:
    """The real uid of the single-user server (or service) process of ``nom``, read in /proc."""
    import psutil

    variable = "JUPYTERHUB_SERVICE_NAME" if service else "JUPYTERHUB_USER"
    for processus in psutil.process_iter(["cmdline"]):
        try:
            if "jupyterhub.singleuser" not in " ".join(processus.info["cmdline"] or []):
                continue
            if processus.environ().get(variable) == nom:
                return processus.uids().real
        except psutil.Error:
            continue
    raise AssertionError(f"aucun serveur Jupyter pour {nom}")


def reponses_du_corrige() -> dict[str, str]:
    corrige = json.loads((RACINE / "solutions" / MODULE / "exercice.ipynb").read_text("utf-8"))
    reponses = {}
    for cellule in corrige["cells"]:
        meta = cellule["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            source = "".join(cellule["source"])
            debut, fin = "### BEGIN SOLUTION\n", "### END SOLUTION"
            reponses[meta["grade_id"]] = source.split(debut, 1)[1].split(fin, 1)[0].strip()
    return reponses


def ecrire_cellule(page, cellule, texte: str, markdown: bool = False):
    """Type over a cell's content as a learner would (a Markdown cell: open it, type, render)."""
    if markdown:
        cellule.dblclick()
    cellule.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(texte)
    if markdown:
        page.keyboard.press("Shift+Enter")


REPONSE_ECRITE = ("Clara, la date d'ouverture dépend d'une seule chaîne de tâches sans aucun jour "
                  "de répit : c'est le chemin critique. Déplacer l'écriture de la page ne nous fait "
                  "gagner aucun jour ; ajouter une personne au montage, si.")


def faire_l_exercice(navigateur, hub, apprenante: str, juste: bool) -> None:
    """Log in, fetch the exercise from the assignment list, answer, save, validate, submit."""
    from playwright.sync_api import expect

    court = apprenante.split("-")[0]
    with session(navigateur, hub, apprenante, f"{court}_exercice") as page:
        attendre_lab(page, apprenante)
        assert uid_du_serveur(apprenante) == pwd.getpwnam(apprenante).pw_uid
        liste = liste_des_devoirs(page)
        publie = liste.locator("#released_assignments_list .list_item", has_text=MODULE)
        expect(publie).to_be_visible()
        no.capture(page, f"hub_{court}_1_devoir_publie")
        publie.locator("button", has_text="Fetch").click()
        telecharge = liste.locator("#fetched_assignments_list .list_item", has_text=MODULE)
        expect(telecharge.first).to_be_visible()
        # Exchange.path_includes_course (deploiement/): the copy lands in ~/<cours>/<module>/.
        copie = Path(pwd.getpwnam(apprenante).pw_dir) / COURS / MODULE / "exercice.ipynb"
        assert copie.is_file()

        # Open her copy from the list, answer Q1 (right or wrong) and the written question.
        telecharge.first.locator("a", has_text=MODULE).first.click()  # unfolds its notebooks
        lien = liste.locator("a", has_text="exercice")
        expect(lien.first).to_be_visible()
        lien.first.click()
        cellules = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        expect(cellules.nth(index_cellule(copie, QUESTION))).to_be_visible()
        reponse = reponses_du_corrige()[QUESTION]
        if not juste:  # a wrong duration for the sales page: the plan does not follow the brief
            reponse = reponse.replace('"PAGE": 5', '"PAGE": 4')
            assert reponse != reponses_du_corrige()[QUESTION]
        ecrire_cellule(page, cellules.nth(index_cellule(copie, QUESTION)), reponse)
        if juste:
            ecrire_cellule(page, cellules.nth(index_cellule(copie, ECRITE)), REPONSE_ECRITE,
                           markdown=True)
        page.keyboard.press("Control+s")
        expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
        no.capture(page, f"hub_{court}_2_reponse")

        # Back to the assignments tab: Validate, then Submit.
        page.locator(".lm-TabBar-tab", has_text="Assignments").click()
        liste.locator("button", has_text="Validate").first.click()
        dialogue = page.locator(".jp-Dialog")
        expect(dialogue).to_be_visible()
        no.capture(page, f"hub_{court}_3_validation")
        dialogue.locator("button").last.click()
        liste.locator("#fetched_assignments_list button", has_text="Submit").first.click()
        rendu = liste.locator("#submitted_assignments_list .list_item", has_text=MODULE)
        expect(rendu.first).to_be_visible()
        no.capture(page, f"hub_{court}_4_copie_rendue")


def options_corriger(hub) -> list[str]:
    """As the other grading tests: the sandbox when bubblewrap works for the grading account,
    else --sans-bac-a-sable (the test's own copies, trusted)."""
    code = ("from obm.correction.bac_a_sable import raison_indisponible; "
            "print(raison_indisponible() or 'ok')")
    sortie = comme(CORRECTION, ["python", "-c", code], hub.env_correction, cwd=hub.cours)
    return [] if sortie.stdout.strip() == "ok" else ["--sans-bac-a-sable"]


def notes_du_carnet(hub) -> dict:
    """Points per graded cell and learner, read from the gradebook (root reads it; nbgrader's API)."""
    from nbgrader.api import Gradebook

    notes = {}
    with Gradebook(f"sqlite:///{hub.cours / 'gradebook' / 'gradebook.db'}") as carnet:
        for apprenante in APPRENANTES:
            copie = carnet.find_submission_notebook("exercice", MODULE, apprenante)
            notes[apprenante] = {g.name: g.score if g.manual_score is not None
                                 or g.auto_score is not None else None for g in copie.grades}
            notes["max"] = {g.name: g.max_score for g in copie.grades}
            notes.setdefault("ids", {})[apprenante] = copie.id
    return notes


def noter_dans_le_formgrader(navigateur, hub, apprenante: str) -> None:
    """The trainer opens the shared formgrader in its own tab (not in Lab's frame, which JupyterHub
    ≥ 4.1 blocks: nbgrader #1870) and grades the written answer: 2 points out of 3."""
    from playwright.sync_api import expect

    identifiant = notes_du_carnet(hub)["ids"][apprenante]
    with session(navigateur, hub, FORMATRICE, "formatrice_formgrader") as page:
        attendre_lab(page, FORMATRICE)
        assert uid_du_serveur(FORMATRICE) == pwd.getpwnam(FORMATRICE).pw_uid
        page.goto(f"{hub.url}/services/{COURS}/formgrader/gradebook/{MODULE}/exercice")
        expect(page.locator("body")).to_contain_text("Submission #")
        no.capture(page, "hub_formatrice_1_copies_a_noter")
        page.goto(f"{hub.url}/services/{COURS}/formgrader/submissions/{identifiant}/?index=0")
        note = page.locator(f"input.score#{ECRITE}")
        expect(note).to_be_visible()
        expect(page.locator("body")).to_contain_text("chemin critique")
        # The page loads the grades and comments after it shows: typing before they arrive
        # would be wiped by their first rendering. Then the box says « to grade by hand ».
        # (formgrader.loaded itself stays false here: the rest of its start needs MathJax.)
        page.wait_for_function("() => window.formgrader && formgrader.grades"
                               " && formgrader.grades.loaded && formgrader.comments"
                               " && formgrader.comments.loaded", polling=250)
        expect(note).to_have_class(re.compile("needs_manual_grade"))
        note.fill("2")
        commentaire = page.locator(f"textarea#{ECRITE}-comment")
        commentaire.fill("Chemin critique bien relié à la date\u202f; dis pourquoi tu gardes la marge.")
        commentaire.press("Tab")  # leaving a field saves it, as in the formgrader's keyboard help
        expect(note).to_have_value("2")
        fin = time.monotonic() + 30
        while notes_du_carnet(hub)[apprenante][ECRITE] != 2 and time.monotonic() < fin:
            time.sleep(0.3)  # polling the gradebook the formgrader writes
        note.scroll_into_view_if_needed()
        no.capture(page, "hub_formatrice_2_note_ecrite", readme=True)


def recuperer_le_retour(navigateur, hub, apprenante: str) -> str:
    """The learner clicks Fetch Feedback in her assignment list, opens her feedback page (served by
    her own server) and gets its text."""
    from playwright.sync_api import expect

    court = apprenante.split("-")[0]
    with session(navigateur, hub, apprenante, f"{court}_retour") as page:
        attendre_lab(page, apprenante)
        liste = liste_des_devoirs(page)
        rendu = liste.locator("#submitted_assignments_list .list_item", has_text=MODULE).first
        rendu.locator("button", has_text="Fetch Feedback").click()
        expect(liste.locator("a", has_text="view feedback").first).to_be_visible()
        no.capture(page, f"hub_{court}_5_retour_recupere")
        maison = Path(pwd.getpwnam(apprenante).pw_dir)
        retours = list((maison / COURS / MODULE / "feedback").rglob("exercice.html"))
        assert len(retours) == 1, retours
        relatif = retours[0].relative_to(maison).as_posix()
        page.goto(f"{hub.url}/user/{apprenante}/files/{relatif}")
        expect(page.locator("body")).to_contain_text("Bonjour")
        no.capture(page, f"hub_{court}_6_page_de_retour")
        texte = page.locator("body").inner_text()
        # Her session cannot open the other learner's server, so neither her feedback.
        autre = next(a for a in APPRENANTES if a != apprenante)
        reponse = page.goto(f"{hub.url}/user/{autre}/files/{relatif}")
        assert reponse.status == 403 and "Bonjour" not in page.content()
        return texte


def refuse(compte: str, hub, commande: list[str]) -> None:
    """The command, run as ``compte``, is refused by the file permissions."""
    sortie = comme(compte, commande, hub.env_comptes, verifier=False)
    assert sortie.returncode != 0 and "Permission denied" in sortie.stderr, (compte, commande,
                                                                          sortie.stdout)


def verifier_les_droits(hub) -> None:
    """Learners cannot read each other's copy or feedback, nor the trainer's course folder (the
    solutions, the submissions, the gradebook), nor list the exchange's inbox."""
    juste, fausse = APPRENANTES
    copie = Path(pwd.getpwnam(juste).pw_dir) / COURS / MODULE / "exercice.ipynb"
    retour = next((copie.parent / "feedback").rglob("exercice.html"))
    # What must work does (so a refusal below means the permissions, not a broken command).
    comme(juste, ["cat", str(copie)], hub.env_comptes)
    comme(fausse, ["cat", str(hub.echange / COURS / "outbound" / MODULE / "exercice.ipynb")],
          hub.env_comptes)
    refuse(fausse, hub, ["cat", str(copie)])
    refuse(fausse, hub, ["cat", str(retour)])
    refuse(fausse, hub, ["ls", str(hub.cours)])
    for chemin in (hub.cours / "submitted" / juste / MODULE / "exercice.ipynb",
                   hub.cours / "solutions" / MODULE / "exercice.ipynb",
                   hub.cours / "gradebook" / "gradebook.db"):
        assert chemin.is_file()
        refuse(fausse, hub, ["cat", str(chemin)])
    refuse(fausse, hub, ["ls", str(hub.echange / COURS / "inbound")])
    refuse(fausse, hub, ["ls", str(hub.echange / COURS / "feedback")])


def test_une_cohorte_sur_le_hub(hub, navigateur):
    """Publish, fetch, answer, submit, import, grade (automatically and by hand in the shared
    formgrader), return, fetch the feedback: the whole round of a cohort through the hub."""
    # The trainer publishes, as the grading account (a terminal of the shared service).
    sortie = comme(CORRECTION, ["obm", "publier", MODULE, "--echange"], hub.env_correction,
                   cwd=hub.cours)
    assert (hub.echange / COURS / "outbound" / MODULE / "exercice.ipynb").is_file(), sortie.stdout
    assert uid_du_serveur(COURS, service=True) == pwd.getpwnam(CORRECTION).pw_uid

    juste, fausse = APPRENANTES
    faire_l_exercice(navigateur, hub, juste, juste=True)
    faire_l_exercice(navigateur, hub, fausse, juste=False)

    # The trainer imports the submissions from the exchange and grades them, as the grading account.
    sortie = comme(CORRECTION, ["obm", "importer", str(hub.echange), "--module", MODULE,
                                "--liste", "apprenantes.csv"], hub.env_correction, cwd=hub.cours)
    for apprenante in APPRENANTES:
        assert (hub.cours / "submitted" / apprenante / MODULE / "exercice.ipynb").is_file(), \
            sortie.stdout
    sortie = comme(CORRECTION, ["obm", "corriger", MODULE, *options_corriger(hub)],
                   hub.env_correction, cwd=hub.cours)
    notes = notes_du_carnet(hub)
    assert notes[juste][VERIFICATION] == notes["max"][VERIFICATION] > 0, (notes, sortie.stdout)
    assert notes[fausse][VERIFICATION] == 0, (notes, sortie.stdout)
    assert notes[juste][ECRITE] is None  # a written answer waits for the trainer

    noter_dans_le_formgrader(navigateur, hub, juste)
    notes = notes_du_carnet(hub)
    assert notes[juste][ECRITE] == 2, notes  # the manual grade reached the gradebook

    sortie = comme(CORRECTION, ["obm", "retours", MODULE, "--echange"], hub.env_correction,
                   cwd=hub.cours)
    pages = {a: recuperer_le_retour(navigateur, hub, a) for a in APPRENANTES}
    notes = notes_du_carnet(hub)
    total = {a: sum(v or 0 for v in notes[a].values()) for a in APPRENANTES}
    maximum = sum(notes["max"].values())
    assert total[juste] > total[fausse]
    for apprenante, autre in (APPRENANTES, APPRENANTES[::-1]):
        texte = pages[apprenante]
        assert f"Bonjour {PRENOMS[apprenante][0]}," in texte
        assert re.search(rf"Ta note\s*:\s*{total[apprenante]:g} / {maximum:g}\.", texte), texte[:600]
        assert PRENOMS[autre][0] not in texte
    assert "Chemin critique bien relié à la date" in pages[juste]
    assert "Chemin critique bien relié à la date" not in pages[fausse]
    verifier_les_droits(hub)
