"""Le bac à sable de la correction : l'interpréteur chaud du moteur tourne sous bubblewrap.

Sous Linux avec bubblewrap (paquet Debian ``bubblewrap``, la commande ``bwrap``), l'interpréteur
chaud (voir ``obm.correction.moteur``) et tout ce qu'il forke :

- n'ont pas de réseau (``--unshare-net``) : ils parlent au correcteur par des sockets Unix
  héritées au lancement ;
- ne voient que le système (``/usr``, ``/etc`` sans ses secrets), Python et son environnement,
  et, du cours, ``src/`` (installation éditable), ``data/`` et le syllabus, en lecture seule.
  Ni ``solutions/``, ni le carnet de notes, ni les copies rendues, ni les dossiers personnels ;
- n'écrivent que dans leur dossier de travail et dans un ``/tmp`` privé ; chaque processus de
  copie ne voit, de ce dossier, que le sien (voir ``moteur.isolement``) ;
- ont leur propre espace de processus et meurent avec le correcteur ;
- ont des limites : mémoire (``RLIMIT_AS`` par processus de copie et un groupe de contrôle
  « memory »), taille des fichiers écrits, temps processeur, et nombre de processus par un
  groupe de contrôle « pids » quand le système en offre un (``RLIMIT_NPROC`` ne lie pas root).

Pas de bac à sable, pas de correction : :func:`disponible` dit si tout cela marche ici.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path


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
def raison_indisponible() -> str | None:
    """``None`` si le bac à sable marche ici, sinon pourquoi (en français).

    Un essai réel le vérifie : bubblewrap lance Python, qui forke un processus isolé comme pour
    une copie (espaces de noms, montages, abandon des droits). Dans certains conteneurs, ou sous
    Ubuntu 23.10 et suivantes sans autorisation AppArmor, ``bwrap`` est là mais ne peut pas
    créer ses espaces de noms.
    """
    if not sys.platform.startswith("linux"):
        return "la correction isolée demande Linux (bubblewrap et les espaces de noms du noyau)"
    if shutil.which("bwrap") is None:
        return "bubblewrap est absent (paquet Debian/Ubuntu bubblewrap)"
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="obm-essai-") as dossier:
        essai = commande_sandbox(["-m", "obm.correction.moteur.essai", dossier], travail=Path(dossier),
                                 racine_cours=Path(dossier))
        try:
            sortie = subprocess.run(essai, capture_output=True, timeout=60, text=True,
                                    env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        except (OSError, subprocess.SubprocessError) as erreur:
            return f"bubblewrap ne démarre pas ({erreur})"
    if sortie.returncode != 0 or "ISOLEMENT OK" not in sortie.stdout:
        detail = (sortie.stdout + sortie.stderr).strip().splitlines()
        return "bubblewrap ne peut pas isoler les copies ici" + (f" ({detail[-1][:200]})" if detail else "")
    return None


def disponible() -> bool:
    """Vrai si le bac à sable de la correction fonctionne ici."""
    return raison_indisponible() is None


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


def _liaisons(travail: Path, racine_cours: Path) -> list[str]:
    """What the sandbox shows of the grader's files: Python, the obm package, the course's data
    and syllabus (read-only, at their usual paths, even when those are links), and the
    interpreter's working folder (read-write)."""
    travail = Path(travail).resolve()
    racine_cours = Path(racine_cours).absolute()
    options = []
    paquet = Path(__file__).resolve().parents[2]  # the folder holding the obm package (src/)
    vus = set()
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
        options += ["--ro-bind", str(source), str(cible)]
    return options + ["--bind", str(travail), str(travail), "--chdir", str(travail)]


def chemins_en_lecture(travail: Path, racine_cours: Path) -> list[str]:
    """Les chemins que le bac à sable montre en lecture seule (hors système)."""
    options = _liaisons(travail, racine_cours)
    return [options[i + 2] for i, a in enumerate(options) if a == "--ro-bind"]


def commande_sandbox(arguments_python: list[str], *, travail: Path, racine_cours: Path,
                     limites: Limites = Limites(), environnement: dict | None = None) -> list[str]:
    """``python ARGUMENTS`` sous bubblewrap : la vue minimale, sans réseau, avec le droit de
    monter ses propres espaces (le moteur isole ainsi chaque processus de copie, puis abandonne
    ce droit avant tout code de copie)."""
    bwrap = ["bwrap", *_vue_systeme(), "--dev", "/dev", "--proc", "/proc",
             "--size", str(limites.tmp_octets), "--tmpfs", "/tmp", *_liaisons(travail, racine_cours),
             "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
             "--die-with-parent", "--new-session",
             "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP", "--"]
    variables = [f"{cle}={valeur}" for cle, valeur in (environnement or {}).items()]
    return bwrap + ["env", "-i", *variables, sys.executable, *arguments_python]


def commande_serveur(*, travail: Path, racine_cours: Path, limites: Limites, environnement: dict,
                     bac_a_sable: bool, groupes=()) -> list[str]:
    """La commande qui lance l'interpréteur chaud du moteur : liée au correcteur dès sa première
    instruction (``lanceur``), dans ses groupes de contrôle, sous bubblewrap (ou, sans bac à
    sable, avec l'environnement minimal seulement)."""
    arguments = ["-m", "obm.correction.moteur.serveur"]
    if bac_a_sable:
        interieur = ["prlimit", f"--fsize={limites.fichier_octets}", "--core=0", "--",
                     *commande_sandbox(arguments, travail=travail, racine_cours=racine_cours,
                                       limites=limites, environnement=environnement)]
    else:
        variables = [f"{cle}={valeur}" for cle, valeur in environnement.items()]
        interieur = ["env", "-i", *variables, sys.executable, *arguments]
    # Join the control groups before anything else starts, so every process of the copy counts.
    for groupe in reversed([g for g in groupes if g is not None]):
        interieur = ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(groupe), *interieur]
    # Tied to the grader from the very first instruction: bubblewrap's --die-with-parent only
    # starts once bubblewrap runs, and a grader killed before that would leave it alive.
    return [sys.executable, "-m", "obm.correction.lanceur", f"--parent={os.getpid()}", "--", *interieur]


def groupes_de_controle(limites: Limites, marge_memoire: int) -> list:
    """Les groupes « pids » et « memory » d'un interpréteur chaud (ou None là où le système n'en
    offre pas) : ils comptent l'interpréteur, la copie en cours et tout ce qu'elle lance.

    Des processus du groupe, quatre ne sont pas à la copie (l'interpréteur chaud, le processus de
    test, et les deux qui attendent chacun des processus de la copie) : ``processus`` reste à elle.
    """
    return [_groupe_pids(limites.processus + 4), _groupe_memoire(limites.memoire_octets + marge_memoire)]


def retirer_groupes(groupes) -> None:
    for groupe in groupes:
        if groupe is not None:
            _retirer(groupe)
