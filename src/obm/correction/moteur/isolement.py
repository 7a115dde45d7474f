"""L'isolement d'un processus forké par l'interpréteur chaud (Linux, appels système par ctypes).

L'interpréteur chaud tourne déjà dans le bac à sable de bubblewrap (pas de réseau, système en
lecture seule, cours masqué sauf ``src/``, ``data/`` et le syllabus) ; bubblewrap lui laisse les
droits d'administrer ses propres points de montage (``CAP_SYS_ADMIN`` dans son espace de noms).
Pour chaque processus d'une copie, ici, avant tout code de l'apprenante :

1. nouvel espace de noms de points de montage, d'IPC, d'UTS et de processus (le processus
   de la copie y a le pid 1 : quand il meurt, tout ce qu'il a lancé meurt avec lui) ;
2. un ``/tmp`` neuf (et ``/dev/shm``) ; le dossier de travail de l'interpréteur masqué, sauf le
   dossier de cette copie, remonté à sa place (en lecture seule pour le processus de test) :
   aucune autre copie n'y est visible, ni avant, ni après ;
3. un ``/proc`` qui ne montre que les processus de la copie (``/proc/sys`` en lecture seule) ;
4. limites (mémoire, taille de fichier, temps processeur), puis abandon de tous les droits
   (capacités, ``no_new_privs``) : plus aucun montage possible, ni démontage.

Sans bac à sable (``--sans-bac-a-sable``), seules les limites s'appliquent.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21

PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 4, 24, 38
_CAPABILITES_V3 = 0x20080522

_libc = None


class IsolementImpossible(Exception):
    """Le noyau refuse un pas de l'isolement : la copie ne doit pas tourner."""


def _c():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _verifier(retour: int, quoi: str) -> None:
    if retour != 0:
        erreur = ctypes.get_errno()
        raise IsolementImpossible(f"{quoi} : {os.strerror(erreur)}")


def lier_au_parent() -> None:
    """SIGKILL à ce processus quand son parent meurt."""
    _c().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def separer(reseau: bool = False) -> None:
    """Nouveaux espaces de noms : montages, IPC, nom d'hôte, et processus pour les enfants."""
    drapeaux = CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID | (CLONE_NEWNET if reseau else 0)
    _verifier(_c().unshare(drapeaux), "unshare")


def _monter(source, cible: str, genre, drapeaux: int, options: str | None = None) -> None:
    encoder = lambda t: t.encode() if isinstance(t, str) else t  # noqa: E731
    _verifier(_c().mount(encoder(source), cible.encode(), encoder(genre), ctypes.c_ulong(drapeaux),
                         encoder(options)), f"mount {cible}")


def _drapeaux_actuels(chemin: str) -> int:
    """The flags of the mount holding ``chemin`` that a remount must keep (locked in a userns)."""
    f = os.statvfs(chemin).f_flag
    drapeaux = 0
    for st, ms in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                   (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME),
                   (os.ST_RELATIME, MS_RELATIME)):
        if f & st:
            drapeaux |= ms
    return drapeaux


def lecture_seule(chemin: str) -> None:
    _monter(None, chemin, None, MS_BIND | MS_REMOUNT | MS_RDONLY | _drapeaux_actuels(chemin))


def cacher_les_autres_copies(racine: str, dossier: str, *, ecriture: bool, tmp_octets: int,
                             garder: list[str] = ()) -> None:
    """Dans le nouvel espace de montages : ``/tmp`` neuf, ``racine`` (le dossier de travail de
    l'interpréteur) vide sauf ``dossier`` (cette copie), en lecture seule si ``not ecriture``.

    ``garder`` : les chemins que le bac à sable montre en lecture seule (Python, ``src/``,
    ``data/``, le syllabus) ; ceux qui vivent sous un dossier recouvert ici (un cours ou un
    environnement sous ``/tmp``) sont remontés à leur place, en lecture seule."""
    recouverts = ["/tmp", racine.rstrip("/"), "/dev/shm"]

    def sous(chemin: str) -> bool:
        return any(chemin == r or chemin.startswith(r + "/") for r in recouverts)

    _monter(None, "/", None, MS_REC | MS_PRIVATE)
    poignees = {}
    try:
        for chemin in sorted({os.path.normpath(c) for c in garder}, key=len):
            if sous(chemin) and os.path.exists(chemin):
                poignees[chemin] = os.open(chemin, os.O_PATH | os.O_CLOEXEC)
        poignees[dossier] = os.open(dossier, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        options = f"size={max(tmp_octets, 1024 * 1024)},mode=1777"
        _monter("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, options)
        if os.path.isdir(racine):  # not under /tmp: hide it on its own
            _monter("tmpfs", racine, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
        if os.path.isdir("/dev/shm"):
            _monter("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, options)
        for chemin, poignee in poignees.items():
            if os.path.isdir(f"/proc/self/fd/{poignee}"):
                os.makedirs(chemin, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(chemin), exist_ok=True)
                if not os.path.exists(chemin):
                    open(chemin, "w").close()
            _monter(f"/proc/self/fd/{poignee}", chemin, None, MS_BIND | MS_REC)
            if chemin != dossier or not ecriture:
                lecture_seule(chemin)
    finally:
        for poignee in poignees.values():
            os.close(poignee)


def monter_proc() -> bool:
    """Un ``/proc`` qui ne montre que l'espace de processus de la copie (faux si refusé)."""
    try:
        _monter("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except IsolementImpossible:
        return False
    for chemin in ("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus"):
        if os.path.exists(chemin):
            _monter(chemin, chemin, None, MS_BIND | MS_REC)
            lecture_seule(chemin)
    return True


def memoire_virtuelle() -> int:
    """La mémoire virtuelle déjà réservée par ce processus, en octets."""
    try:
        with open("/proc/self/status", encoding="ascii") as fichier:
            for ligne in fichier:
                if ligne.startswith("VmSize:"):
                    return int(ligne.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def limiter(*, memoire: int | None = None, fichier: int | None = None,
            processeur: int | None = None) -> None:
    """Limites de ressources du processus (et de ce qu'il lance).

    La mémoire compte en plus de ce que l'interpréteur chaud occupe déjà (le processus forké en
    hérite) : une copie dispose de ``memoire`` octets à elle.
    """
    reglages = [(resource.RLIMIT_CORE, 0)]
    if memoire:
        reglages.append((resource.RLIMIT_AS, memoire_virtuelle() + memoire))
    if fichier:
        reglages.append((resource.RLIMIT_FSIZE, fichier))
    if processeur:
        reglages.append((resource.RLIMIT_CPU, processeur))
    for limite, valeur in reglages:
        try:
            resource.setrlimit(limite, (valeur, valeur))
        except (ValueError, OSError):  # macOS refuses some of them: keep the others
            pass


def abandonner_les_droits() -> None:
    """Plus aucune capacité (ensemble borné compris), ``no_new_privs``, pas de vidage mémoire."""
    libc = _c()
    for capacite in range(64):
        if libc.prctl(PR_CAPBSET_DROP, capacite, 0, 0, 0) != 0 and ctypes.get_errno() == 22:
            break  # past the last capability this kernel knows

    class Entete(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Donnees(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    _verifier(libc.capset(ctypes.byref(Entete(_CAPABILITES_V3, 0)), (Donnees * 2)()), "capset")
    _verifier(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    _verifier(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "dumpable")
    with open("/proc/self/status", encoding="ascii") as fichier:
        etat = fichier.read()
    for champ in ("CapEff:", "CapPrm:", "CapBnd:"):
        valeur = etat.split(champ, 1)[1].split()[0]
        if int(valeur, 16) != 0:
            raise IsolementImpossible(f"capacités restantes ({champ} {valeur})")
