"""Lire les fichiers d'une copie sans faire confiance à ce que l'apprenante a mis dans son dossier.

Une copie rendue est un dossier que l'apprenante a rempli comme elle l'a voulu. Ici, rien n'y est
lu autrement qu'ainsi :

- **jamais de lien suivi** : chaque dossier et chaque fichier est ouvert avec ``O_NOFOLLOW``,
  élément par élément depuis la racine de la copie (un lien glissé entre l'inventaire et la copie
  est refusé lui aussi) ;
- **fichiers ordinaires seulement** : ni tube nommé, ni périphérique, ni socket (ouverts sans
  bloquer, puis refusés) ;
- **ni fichier caché ni code Python** : un dossier ``.ipython/…/startup/``, un paquet ``obm/``
  ou un module ``obm.py`` livrés avec une copie s'exécuteraient avant toute défense ;
- **un propriétaire** : dans l'échange de nbgrader, chaque fichier doit appartenir au compte
  Unix de l'apprenante qui a déposé la copie ;
- **une taille plafonnée** par fichier.

Ce qui est refusé est dit à la formatrice, avec la raison, et n'est jamais copié.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# A notebook or a data file of an exercise weighs well under this.
TAILLE_MAX = 50 * 1024**2
ENTREES_MAX = 2000
PROFONDEUR_MAX = 12

# Left out without a word: what Jupyter, macOS or Windows leave in any folder.
SILENCIEUX = {".ipynb_checkpoints", "__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}
SUFFIXES_CODE = {".py", ".pyc", ".pyo", ".pyd", ".pyw", ".so", ".pth", ".egg-link", ".whl"}

_DRAPEAUX_DOSSIER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_DRAPEAUX_FICHIER = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC

# nbgrader's own small files in a submission: the submission time and the secret that names
# the feedback file in the exchange (release_feedback / fetch_feedback need both).
FICHIERS_NBGRADER = ("timestamp.txt", "submission_secret.txt")

LIEN = "lien symbolique : jamais suivi, rien n'est lu à travers lui"
CACHE = "fichier caché : refusé (un dossier comme .ipython/ lancerait du code au démarrage)"
PAQUET = "paquet Python (dossier avec __init__.py) : refusé, il pourrait remplacer un module de la correction"
CODE = "code Python : refusé, il pourrait remplacer un module de la correction"
SPECIAL = "ni fichier ordinaire ni dossier (tube, périphérique…) : refusé"
NON_ATTENDU = "fichier que l'exercice n'attend pas : pas copié"


class Refus(Exception):
    """Un fichier de la copie qui ne sera pas lu ; le message dit pourquoi, en français."""


@dataclass
class Inventaire:
    """Les fichiers ordinaires d'une copie (chemins relatifs) et ce qui a été refusé, avec la raison."""

    fichiers: list[str] = field(default_factory=list)
    refus: list[tuple[str, str]] = field(default_factory=list)


def nom_utilisateur(uid: int) -> str:
    """Le nom du compte Unix ``uid`` (ou « uid N » s'il n'a pas de nom)."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def _proprietaire(st, uid: int | None) -> str | None:
    if uid is not None and st.st_uid != uid:
        return (f"appartient à un autre compte ({nom_utilisateur(st.st_uid)}) que celui de "
                "l'apprenante : refusé")
    return None


def ouvrir_dossier(chemin: str | Path, dir_fd: int | None = None) -> int:
    """Ouvre un dossier sans suivre de lien (``OSError`` si c'est un lien ou pas un dossier)."""
    return os.open(chemin, _DRAPEAUX_DOSSIER, dir_fd=dir_fd)


def inventaire(racine: str | Path, *, uid: int | None = None) -> Inventaire:
    """Les fichiers ordinaires sous ``racine`` et les entrées refusées (liens, fichiers cachés,
    code Python, fichiers spéciaux, fichiers d'un autre propriétaire quand ``uid`` est donné)."""
    resultat = Inventaire()
    try:
        fd = ouvrir_dossier(racine)
    except OSError:
        resultat.refus.append((".", "la copie n'est pas un dossier ordinaire (lien symbolique ?) : rien n'est lu"))
        return resultat
    try:
        _parcourir(fd, "", resultat, uid, 0)
    finally:
        os.close(fd)
    return resultat


def _parcourir(fd: int, prefixe: str, resultat: Inventaire, uid: int | None, profondeur: int) -> None:
    if profondeur > PROFONDEUR_MAX:
        resultat.refus.append((prefixe.rstrip("/"), "trop de sous-dossiers : pas lu"))
        return
    with os.scandir(fd) as entrees:
        noms = sorted(entrees, key=lambda e: e.name)
    for entree in noms:
        if len(resultat.fichiers) + len(resultat.refus) >= ENTREES_MAX:
            resultat.refus.append((prefixe or ".", f"plus de {ENTREES_MAX} fichiers : le reste n'est pas lu"))
            return
        nom, relatif = entree.name, prefixe + entree.name
        if nom in SILENCIEUX:
            continue
        try:
            st = os.stat(nom, dir_fd=fd, follow_symlinks=False)
        except OSError:
            resultat.refus.append((relatif, "illisible"))
            continue
        if stat.S_ISLNK(st.st_mode):
            resultat.refus.append((relatif, LIEN))
        elif nom.startswith("."):
            resultat.refus.append((relatif + ("/" if stat.S_ISDIR(st.st_mode) else ""), CACHE))
        elif (raison := _proprietaire(st, uid)) is not None:
            resultat.refus.append((relatif, raison))
        elif stat.S_ISDIR(st.st_mode):
            if nom == "__pycache__":
                resultat.refus.append((relatif + "/", CODE))
                continue
            try:
                sous = ouvrir_dossier(nom, dir_fd=fd)
            except OSError:
                resultat.refus.append((relatif + "/", LIEN))
                continue
            try:
                try:
                    os.stat("__init__.py", dir_fd=sous, follow_symlinks=False)
                    resultat.refus.append((relatif + "/", PAQUET))
                    continue
                except FileNotFoundError:
                    pass
                _parcourir(sous, relatif + "/", resultat, uid, profondeur + 1)
            finally:
                os.close(sous)
        elif stat.S_ISREG(st.st_mode):
            if PurePosixPath(nom).suffix.lower() in SUFFIXES_CODE:
                resultat.refus.append((relatif, CODE))
            else:
                resultat.fichiers.append(relatif)
        else:
            resultat.refus.append((relatif, SPECIAL))


def lire(racine: str | Path, relatif: str, *, uid: int | None = None,
         taille_max: int = TAILLE_MAX) -> bytes:
    """Le contenu du fichier ordinaire ``racine/relatif``, lu sans suivre aucun lien.

    Lève :class:`Refus` (message en français) pour un lien, un fichier spécial, caché, trop gros
    ou qui appartient à un autre compte que ``uid``.
    """
    parties = PurePosixPath(relatif).parts
    if not parties or any(p in ("", ".", "..") or p.startswith(".") for p in parties):
        raise Refus(CACHE)
    try:
        fd = ouvrir_dossier(racine)
    except OSError:
        raise Refus("la copie n'est pas un dossier ordinaire (lien symbolique ?)") from None
    try:
        for partie in parties[:-1]:
            try:
                suivant = ouvrir_dossier(partie, dir_fd=fd)
            except OSError:
                raise Refus(LIEN) from None
            os.close(fd)
            fd = suivant
        try:
            fichier = os.open(parties[-1], _DRAPEAUX_FICHIER, dir_fd=fd)
        except OSError as erreur:
            import errno

            if erreur.errno in (errno.ELOOP, errno.EMLINK):
                raise Refus(LIEN) from None
            raise Refus("illisible") from None
    finally:
        os.close(fd)
    try:
        st = os.fstat(fichier)
        if not stat.S_ISREG(st.st_mode):
            raise Refus(SPECIAL)
        if (raison := _proprietaire(st, uid)) is not None:
            raise Refus(raison)
        if st.st_size > taille_max:
            raise Refus(f"fichier trop gros ({st.st_size / 1024**2:.0f} Mio, plus de "
                        f"{taille_max // 1024**2} Mio) : pas copié")
        morceaux, total = [], 0
        while True:
            morceau = os.read(fichier, 1024**2)
            if not morceau:
                break
            total += len(morceau)
            if total > taille_max:
                raise Refus(f"fichier trop gros (plus de {taille_max // 1024**2} Mio) : pas copié")
            morceaux.append(morceau)
        return b"".join(morceaux)
    finally:
        os.close(fichier)


def copier(racine: str | Path, relatif: str, destination: Path, **reglages) -> None:
    """Copie le fichier ordinaire ``racine/relatif`` vers ``destination`` (voir :func:`lire`)."""
    contenu = lire(racine, relatif, **reglages)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(contenu)


def copie_propre(source: str | Path, cible: Path, notebooks: list[str] | None, declares: set[str],
                 *, autres: tuple[str, ...] = FICHIERS_NBGRADER) -> list[tuple[str, str]]:
    """Recopie dans ``cible`` (neuf) les notebooks (``notebooks`` : noms sans ``.ipynb``, ou
    ``None`` pour tous ceux de la racine de la copie), les fichiers de données déclarés et
    ``timestamp.txt``, sans suivre de lien ; renvoie ce qui a été laissé de côté (chemin,
    raison). Les dossiers et fichiers silencieux (``.ipynb_checkpoints``…) ne sont pas listés."""
    voulus = set(declares) | set(autres)
    if notebooks is not None:
        voulus |= {f"{nom}.ipynb" for nom in notebooks}
    releve = inventaire(source)
    laisses = list(releve.refus)
    cible.mkdir(parents=True, exist_ok=True)
    for relatif in releve.fichiers:
        notebook_libre = notebooks is None and relatif.endswith(".ipynb") and "/" not in relatif
        if relatif not in voulus and not notebook_libre:
            laisses.append((relatif, NON_ATTENDU))
            continue
        try:
            copier(source, relatif, cible / relatif)
        except Refus as refus:
            laisses.append((relatif, str(refus)))
    return laisses


def preparer_dossier_de_travail(original: str | Path, travail: Path, declares: set[str]) -> None:
    """Le dossier de travail où s'exécute une copie : seulement les fichiers de données que
    l'exercice déclare, lus sans suivre de lien (jamais les notebooks, ni rien d'autre)."""
    travail.mkdir(parents=True, exist_ok=True)
    for relatif in sorted(declares):
        try:
            copier(original, relatif, travail / relatif)
        except Refus:
            continue  # the notebook will say the file is missing, as for a learner who lost it


def declares_pour(config, resources: dict) -> set[str]:
    """Les fichiers déclarés du module en cours de correction, d'après la configuration de
    nbgrader et les ressources de l'exportation (``resources["nbgrader"]["assignment"]``)."""
    from nbgrader.coursedir import CourseDirectory

    module = (resources.get("nbgrader") or {}).get("assignment")
    if not module:
        return set()
    coursedir = CourseDirectory(config=config)
    dossier = Path(coursedir.format_path(coursedir.source_directory, ".", module))
    if not dossier.is_dir():
        return set()
    declares = set()
    for chemin in dossier.rglob("*"):
        relatif = chemin.relative_to(dossier)
        if (chemin.is_symlink() or not chemin.is_file() or chemin.suffix == ".ipynb"
                or any(p.startswith(".") for p in relatif.parts)
                or PurePosixPath(chemin.name).suffix in SUFFIXES_CODE):
            continue
        declares.add(relatif.as_posix())
    return declares


def copie_a_corriger(cours, module: str, apprenante: str, travail: str | Path,
                     numero: int) -> tuple[Path, Path, list[str]]:
    """La copie que la correction lit vraiment : ``submitted/<apprenante>/<module>/`` recopiée
    dans le dossier de travail sans suivre de lien, sans fichier caché ni code Python, avec ses
    notebooks, les fichiers de données déclarés et ``timestamp.txt`` seulement.

    Renvoie le dossier à donner à nbgrader comme ``submitted_directory``, le dossier de la copie
    et les alertes pour la formatrice (ce qui a été refusé, et pourquoi). ``submitted/`` n'est
    jamais modifié.
    """
    import shutil

    from obm.correction.commun import fichiers_declares, texte_sur

    racine = Path(travail) / f"depot-{numero}"
    if racine.exists():
        shutil.rmtree(racine)
    cible = racine / apprenante / module
    laisses = copie_propre(cours.dossier("submitted") / apprenante / module, cible, None,
                           fichiers_declares(cours, module))
    refuses = [f"{texte_sur(nom, 80)} ({raison.split(' :')[0]})" for nom, raison in laisses
               if raison != NON_ATTENDU]
    alertes = []
    if refuses:
        alertes.append("fichiers de la copie laissés de côté, jamais lus par la correction : "
                       + ", ".join(refuses[:8]) + (" …" if len(refuses) > 8 else ""))
    return racine, cible, alertes
