"""Le bac à sable de la correction : le noyau d'une copie tourne isolé, avec des limites.

Sous Linux avec bubblewrap (paquet Debian ``bubblewrap``, la commande ``bwrap``), le noyau Jupyter
d'une copie :

- n'a pas de réseau (``--unshare-net``) : il parle au correcteur par des sockets IPC, des fichiers
  dans le dossier de travail de la copie ;
- voit le système en lecture seule, mais pas le dossier du cours : celui-ci est masqué, puis seuls
  l'environnement Python, ``src/`` (installation éditable), ``data/`` et le syllabus sont remis,
  en lecture seule. Il ne voit donc ni ``solutions/``, ni le carnet de notes, ni les autres copies ;
- n'écrit que dans le dossier de travail de la copie et dans un ``/tmp`` privé ;
- a son propre espace de processus et meurt avec le correcteur (``--die-with-parent``) ;
- a des limites : mémoire (``RLIMIT_AS``), taille des fichiers écrits, temps processeur, et
  nombre de processus par un groupe de contrôle « pids » quand le système en offre un
  (``RLIMIT_NPROC`` ne lie pas root).

Sans bubblewrap (une formatrice sous macOS), la correction tourne avec les seules limites de
ressources et le dit haut et fort (voir :func:`disponible`).
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client import KernelManager
from traitlets import Any, Unicode

GROUPE_PIDS = Path("/sys/fs/cgroup/pids")


@dataclass(frozen=True)
class Limites:
    """Les limites d'un noyau de correction (valeurs par défaut : un portable les supporte)."""

    memoire_octets: int = 2 * 1024**3
    fichier_octets: int = 100 * 1024**2
    processeur_secondes: int = 600
    processus: int = 48


def disponible() -> bool:
    """Vrai si bubblewrap est installé (sinon : limites de ressources seulement)."""
    return sys.platform.startswith("linux") and shutil.which("bwrap") is not None


def _groupe_pids(limite: int) -> Path | None:
    """A fresh cgroup-v1 `pids` group with `pids.max`, or None where it cannot be made."""
    if not (GROUPE_PIDS / "cgroup.procs").exists() or not os.access(GROUPE_PIDS, os.W_OK):
        return None
    groupe = GROUPE_PIDS / f"obm-{uuid.uuid4().hex[:12]}"
    try:
        groupe.mkdir()
        (groupe / "pids.max").write_text(str(limite))
    except OSError:
        return None
    return groupe


def preparer_dossier(travail: Path) -> None:
    """Prépare le dossier de travail : le cache des polices de matplotlib y est recopié.

    Sans lui, matplotlib reconstruirait ce cache dans le bac à sable en l'annonçant sur stderr,
    ce qui coûterait ses points à la cellule de test qui l'importe.
    """
    import matplotlib

    cible = Path(travail) / ".matplotlib"
    cible.mkdir(parents=True, exist_ok=True)
    for cache in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
        shutil.copy2(cache, cible / cache.name)


def commande_isolee(commande: list[str], *, travail: Path, racine_cours: Path,
                    limites: Limites = Limites(), groupe: Path | None = None) -> list[str]:
    """La commande ``commande`` (un noyau), enveloppée dans bubblewrap et les limites."""
    travail = Path(travail).resolve()
    racine_cours = Path(racine_cours).resolve()
    prefixe = Path(sys.prefix).resolve()
    bwrap = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
             "--tmpfs", "/tmp", "--tmpfs", str(racine_cours)]
    # What grading needs from the course folder comes back read-only, after the mask
    # (mounts apply in order).
    for chemin in (prefixe, racine_cours / "src", racine_cours / "data",
                   racine_cours / "course" / "syllabus.toml"):
        if chemin.exists() and (chemin == racine_cours or racine_cours in chemin.parents):
            bwrap += ["--ro-bind", str(chemin), str(chemin)]
    bwrap += ["--bind", str(travail), str(travail), "--chdir", str(travail),
              "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
              "--die-with-parent", "--new-session", "--"]
    # Inside the pid namespace the kernel's parent is the namespace's init (pid 1): ipykernel
    # would think its parent died and stop, so it does not poll it (bubblewrap's
    # --die-with-parent ties it to the grader instead). IPython and matplotlib get writable
    # folders in the submission's scratch copy, so they never warn on stderr.
    environnement = ["env", "-u", "JPY_PARENT_PID", f"IPYTHONDIR={travail / '.ipython'}",
                     f"MPLCONFIGDIR={travail / '.matplotlib'}"]
    prlimit = ["prlimit", f"--as={limites.memoire_octets}", f"--fsize={limites.fichier_octets}",
               f"--cpu={limites.processeur_secondes}", "--"]
    interieur = prlimit + bwrap + environnement + commande
    if groupe is None:
        return interieur
    # Join the pids group before anything else starts, so every process of the kernel is counted.
    return ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(groupe), *interieur]


class NoyauIsole(KernelManager):
    """Un gestionnaire de noyau Jupyter dont le noyau tourne dans le bac à sable.

    ``travail`` : le dossier de la copie (lecture-écriture) ; les sockets IPC et le fichier de
    connexion y sont créés. ``racine_cours`` : le dossier du cours, masqué dans le bac à sable.
    """

    travail = Unicode()
    racine_cours = Unicode()
    limites = Any(Limites())

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        dossier = Path(self.travail)
        self.transport = "ipc"
        self.ip = str(dossier / "noyau")
        self.connection_file = str(dossier / "connexion.json")
        self._groupe = _groupe_pids(self.limites.processus)
        preparer_dossier(dossier)

    def format_kernel_cmd(self, extra_arguments=None):
        commande = super().format_kernel_cmd(extra_arguments)
        return commande_isolee(commande, travail=Path(self.travail),
                               racine_cours=Path(self.racine_cours), limites=self.limites,
                               groupe=self._groupe)

    def cleanup_resources(self, restart=False):
        super().cleanup_resources(restart=restart)
        if self._groupe is not None and not restart:
            try:
                self._groupe.rmdir()  # empty once the sandbox's processes are gone
            except OSError:
                pass
