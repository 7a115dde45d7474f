"""Le bac à sable de la correction : le noyau d'une copie tourne isolé, avec des limites.

Sous Linux avec bubblewrap (paquet Debian ``bubblewrap``, la commande ``bwrap``), le noyau Jupyter
d'une copie :

- n'a pas de réseau (``--unshare-net``) : il parle au correcteur par des sockets IPC, des fichiers
  dans le dossier de travail de la copie ;
- ne voit que le système (``/usr``, ``/etc``), Python et son environnement, et, du cours,
  ``src/`` (installation éditable), ``data/`` et le syllabus, en lecture seule. Il ne voit donc
  ni ``solutions/``, ni le carnet de notes, ni les autres copies, ni les dossiers personnels ;
- n'écrit que dans le dossier de travail de la copie et dans un ``/tmp`` privé ;
- a son propre espace de processus et meurt avec le correcteur (``--die-with-parent``) ;
- a des limites : mémoire (``RLIMIT_AS``), taille des fichiers écrits, temps processeur, et
  nombre de processus par un groupe de contrôle « pids » quand le système en offre un
  (``RLIMIT_NPROC`` ne lie pas root).

Sans bubblewrap (une formatrice sous macOS), la correction tourne avec les seules limites de
ressources et le dit haut et fort (voir :func:`disponible`).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client import AsyncKernelManager, KernelManager
from jupyter_core.utils import run_sync
from traitlets import Any, HasTraits, Unicode

GROUPE_PIDS = Path("/sys/fs/cgroup/pids")
GROUPE_MEMOIRE = Path("/sys/fs/cgroup/memory")


@dataclass(frozen=True)
class Limites:
    """Les limites d'un noyau de correction (valeurs par défaut : un portable les supporte)."""

    memoire_octets: int = 2 * 1024**3
    fichier_octets: int = 100 * 1024**2
    processeur_secondes: int = 600
    processus: int = 48
    tmp_octets: int = 256 * 1024**2


@functools.lru_cache(maxsize=None)
def disponible() -> bool:
    """Vrai si bubblewrap est installé et fonctionne ici (sinon : limites de ressources seulement).

    Un essai à vide le vérifie : dans certains conteneurs, ``bwrap`` est là mais ne peut pas créer
    ses espaces de noms.
    """
    if not sys.platform.startswith("linux") or shutil.which("bwrap") is None:
        return False
    import subprocess

    essai = ["bwrap", *_vue_systeme(), "--unshare-net", "--unshare-pid", "--die-with-parent",
             "--", "true"]
    try:
        return subprocess.run(essai, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _retirer(groupe: Path, essais: int = 20) -> bool:
    """Remove an empty control group; its last processes may take a moment to be reaped."""
    import time

    for _ in range(essais):
        try:
            groupe.rmdir()
            return True
        except FileNotFoundError:
            return True
        except OSError:
            time.sleep(0.05)
    return False


def _balayer(racine: Path, age: float = 120.0) -> None:
    """Remove the empty obm groups left by a grader that was killed (older than ``age`` seconds)."""
    import time

    try:
        anciens = [g for g in racine.glob("obm-*") if time.time() - g.stat().st_mtime > age]
    except OSError:
        return
    for groupe in anciens:
        try:
            if not (groupe / "cgroup.procs").read_text().strip():
                groupe.rmdir()
        except OSError:
            pass


def _groupe(racine: Path, reglage: str, valeur: int) -> Path | None:
    """A fresh cgroup-v1 group under ``racine`` with ``reglage`` set, or None where it cannot be made."""
    if not (racine / "cgroup.procs").exists() or not os.access(racine, os.W_OK):
        return None
    _balayer(racine)
    groupe = racine / f"obm-{uuid.uuid4().hex[:12]}"
    try:
        groupe.mkdir()
        (groupe / reglage).write_text(str(valeur))
    except OSError:
        try:
            groupe.rmdir()
        except OSError:
            pass
        return None
    return groupe


def _groupe_pids(limite: int) -> Path | None:
    """A pids group: RLIMIT_NPROC does not bind root, a pids group does."""
    return _groupe(GROUPE_PIDS, "pids.max", limite)


def _groupe_memoire(limite: int) -> Path | None:
    """A memory group: it counts the kernel, its children and what they write in the private /tmp
    (RLIMIT_AS binds each process alone)."""
    return _groupe(GROUPE_MEMOIRE, "memory.limit_in_bytes", limite)


def preparer_dossier(travail: Path) -> None:
    """Prépare le dossier de travail : le cache des polices de matplotlib y est recopié.

    Sans lui, matplotlib reconstruirait ce cache dans le bac à sable en l'annonçant sur stderr,
    ce qui coûterait ses points à la cellule de test qui l'importe.
    """
    import matplotlib

    cible = Path(travail) / ".matplotlib"
    cible.mkdir(parents=True, exist_ok=True)
    for cache in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
        shutil.copy2(cache, cible / cache.name)


SYSTEME = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


# Secrets of the machine that a kernel never needs: hidden behind an empty file or folder.
SECRETS_FICHIERS = ("/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers")
SECRETS_DOSSIERS = ("/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d")


def _vue_systeme() -> list[str]:
    """The system folders, read-only (Debian's merged /usr: /bin, /lib… are links into it)."""
    options = []
    for chemin in SYSTEME:
        if os.path.islink(chemin):
            options += ["--symlink", os.readlink(chemin), chemin]
        elif os.path.isdir(chemin):
            options += ["--ro-bind", chemin, chemin]
    for chemin in SECRETS_FICHIERS:
        if os.path.isfile(chemin):
            options += ["--ro-bind", "/dev/null", chemin]
    for chemin in SECRETS_DOSSIERS:
        if os.path.isdir(chemin):
            options += ["--tmpfs", chemin]
    return options


def commande_isolee(commande: list[str], *, travail: Path, racine_cours: Path,
                    limites: Limites = Limites(), groupe=None) -> list[str]:
    """La commande ``commande`` (un noyau), enveloppée dans bubblewrap et les limites.

    Le noyau ne voit que le système (``/usr``, ``/etc``), Python et son environnement, et, du
    cours, ``src/``, ``data/`` et le syllabus, en lecture seule ; puis le dossier de travail de
    la copie, en lecture-écriture, et un ``/tmp`` privé. Ni ``/home``, ni ``/root``, ni le reste
    du cours (solutions, carnet de notes, autres copies) n'y existent.
    """
    travail = Path(travail).resolve()
    racine_cours = Path(racine_cours).absolute()
    bwrap = ["bwrap", *_vue_systeme(), "--dev", "/dev", "--proc", "/proc",
             "--size", str(limites.tmp_octets), "--tmpfs", "/tmp"]
    paquet = Path(__file__).resolve().parents[2]  # the folder holding the obm package (src/)
    vus = set()
    # (what is shown, where): the course's data and syllabus appear at their usual paths, even
    # when those are links (a test course links them to the repository).
    for source, cible in ((Path(sys.base_prefix), None), (Path(sys.prefix), None),
                          (Path(sys.executable).parent, None), (paquet, None),
                          (racine_cours / "src", None), (racine_cours / "data", racine_cours / "data"),
                          (racine_cours / "course" / "syllabus.toml",
                           racine_cours / "course" / "syllabus.toml")):
        if not source.exists():
            continue
        source = source.resolve()
        cible = Path(cible) if cible is not None else source
        if str(cible) in vus or str(cible).startswith(SYSTEME):
            continue
        vus.add(str(cible))
        bwrap += ["--ro-bind", str(source), str(cible)]
    bwrap += ["--bind", str(travail), str(travail), "--chdir", str(travail),
              "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
              "--die-with-parent", "--new-session", "--"]
    # Inside the pid namespace the kernel's parent is the namespace's init (pid 1): ipykernel
    # would think its parent died and stop, so it does not poll it (bubblewrap's
    # --die-with-parent ties it to the grader instead). IPython, matplotlib and obm get
    # writable folders in the submission's scratch copy, so they never warn on stderr.
    environnement = ["env", "-u", "JPY_PARENT_PID", f"HOME={travail}",
                     f"IPYTHONDIR={travail / '.ipython'}", f"MPLCONFIGDIR={travail / '.matplotlib'}",
                     f"OBM_HOME={travail / '.obm'}", f"OBM_COURS={racine_cours}"]
    prlimit = ["prlimit", f"--as={limites.memoire_octets}", f"--fsize={limites.fichier_octets}",
               f"--cpu={limites.processeur_secondes}", "--"]
    interieur = prlimit + bwrap + environnement + commande
    groupes = [g for g in (groupe if isinstance(groupe, (list, tuple)) else [groupe]) if g is not None]
    # Join the control groups before anything else starts, so every process of the kernel counts.
    for g in reversed(groupes):
        interieur = ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(g), *interieur]
    # Tied to the grader from the very first instruction: bubblewrap's --die-with-parent only
    # starts once bubblewrap runs, and a grader killed before that would leave the kernel alive.
    return [sys.executable, "-m", "obm.correction.lanceur", f"--parent={os.getpid()}", "--", *interieur]


def _message_interruption(km) -> None:
    """Interrupt by a message on the control channel: a signal sent to bubblewrap's process group
    does not reach a kernel that runs in its own session inside the sandbox."""
    message = km.session.msg("interrupt_request", content={})
    km._connect_control_socket()
    km.session.send(km._control_socket, message)


def ecrire_demarrage(ipythondir: Path) -> None:
    """Écrit le fichier de démarrage d'IPython qui installe la garde des tests (voir ``garde``)."""
    demarrage = Path(ipythondir) / "profile_default" / "startup"
    demarrage.mkdir(parents=True, exist_ok=True)
    (demarrage / "00-obm-garde.py").write_text(
        '__import__("obm.correction.garde", fromlist=["installer"]).installer()\n', encoding="utf-8")


class _Isolement(HasTraits):
    """What the sandboxed kernel managers share (sync for tests and tools, async for nbclient)."""

    travail = Unicode()
    racine_cours = Unicode()
    limites = Any(Limites())
    garde = Any(False)

    def _preparer(self) -> None:
        dossier = Path(self.travail)
        noyau = dossier / ".noyau"
        noyau.mkdir(parents=True, exist_ok=True)
        self.transport = "ipc"
        self.ip = str(noyau / "ipc")
        self.connection_file = str(noyau / "connexion.json")
        self._groupe = _groupe_pids(self.limites.processus)
        self._groupe_memoire = _groupe_memoire(self.limites.memoire_octets)
        preparer_dossier(dossier)
        if self.garde:
            ecrire_demarrage(dossier / ".ipython")

    def format_kernel_cmd(self, extra_arguments=None):
        commande = super().format_kernel_cmd(extra_arguments)
        return commande_isolee(commande, travail=Path(self.travail),
                               racine_cours=Path(self.racine_cours), limites=self.limites,
                               groupe=[self._groupe, self._groupe_memoire])

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        # jupyter_client calls this one itself (shutdown_kernel and cleanup_resources alike).
        await super()._async_cleanup_resources(restart=restart)
        self._retirer_groupe(restart)

    def _retirer_groupe(self, restart: bool) -> None:
        if restart:
            return
        for groupe in (self._groupe, self._groupe_memoire):
            if groupe is not None:
                _retirer(groupe)  # empty once the sandbox's processes are gone


class NoyauIsole(_Isolement, KernelManager):
    """Un gestionnaire de noyau Jupyter dont le noyau tourne dans le bac à sable.

    ``travail`` : le dossier de la copie (lecture-écriture) ; les sockets IPC et le fichier de
    connexion y sont créés, dans ``.noyau/``. ``racine_cours`` : le dossier du cours, masqué dans
    le bac à sable.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._preparer()

    def interrupt_kernel(self):
        _message_interruption(self)

    def cleanup_resources(self, restart=False):
        run_sync(self._async_cleanup_resources)(restart=restart)



class NoyauIsoleAsync(_Isolement, AsyncKernelManager):
    """La version asynchrone de :class:`NoyauIsole`, celle qu'utilise l'exécution de nbgrader."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._preparer()

    async def interrupt_kernel(self):
        _message_interruption(self)

    async def cleanup_resources(self, restart=False):
        await self._async_cleanup_resources(restart=restart)



def commande_limitee(commande: list[str], limites: Limites = Limites()) -> list[str]:
    """Sans bubblewrap : la commande sous les seules limites de ressources (module ``lanceur``)."""
    return [sys.executable, "-m", "obm.correction.lanceur", f"--parent={os.getpid()}",
            f"--memoire={limites.memoire_octets}", f"--fichier={limites.fichier_octets}",
            f"--processeur={limites.processeur_secondes}", "--", *commande]


class NoyauLimite(AsyncKernelManager):
    """Sans bubblewrap (macOS…) : le noyau tourne avec des limites de ressources, sans isolement.

    Il voit tout ce que voit la formatrice : la correction le signale haut et fort.
    """

    travail = Unicode()
    limites = Any(Limites())
    garde = Any(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        dossier = Path(self.travail)
        (dossier / ".noyau").mkdir(parents=True, exist_ok=True)
        self.connection_file = str(dossier / ".noyau" / "connexion.json")
        preparer_dossier(dossier)
        if self.garde:
            ecrire_demarrage(dossier / ".ipython")

    def format_kernel_cmd(self, extra_arguments=None):
        dossier = Path(self.travail)
        commande = ["env", f"IPYTHONDIR={dossier / '.ipython'}", f"MPLCONFIGDIR={dossier / '.matplotlib'}",
                    *super().format_kernel_cmd(extra_arguments)]
        return commande_limitee(commande, self.limites)
