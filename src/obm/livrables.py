"""Les livrables : les fichiers que l'apprenante garde pour son vrai travail.

Chaque module écrit le sien (un agenda ``.ics``, un CSV pour Asana, une fiche d'une page, un
tableau de bord…) dans le dossier ``livrables/`` à la racine de son dossier de cours. Ce
dossier est ignoré par git : faire tourner les notebooks ne modifie jamais le dépôt. La page
d'accueil liste ce qui s'y trouve déjà.

Dans un notebook ::

    from obm.livrables import chemin_livrable
    chemin = chemin_livrable("03_retroplanning_clara.ics")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from obm.erreurs import DonneesInvalides

DOSSIER = "livrables"


def dossier_livrables() -> Path:
    """Le dossier ``livrables/`` où tes notebooks écrivent ce que tu gardes (créé s'il manque).

    Par ordre : la variable d'environnement ``OBM_LIVRABLES`` ; pendant une correction, un
    dossier ``livrables/`` à côté de la copie (jamais celui du cours) ; sinon ``livrables/`` à la
    racine du cours.
    """
    env = os.environ.get("OBM_LIVRABLES")
    if env:
        dossier = Path(env).expanduser()
    elif os.environ.get("NBGRADER_EXECUTION"):
        dossier = Path.cwd() / DOSSIER
    else:
        from obm.donnees import racine_cours

        dossier = racine_cours() / DOSSIER
    try:
        dossier.mkdir(parents=True, exist_ok=True)
    except OSError:
        # During grading, the test process sees the copy's folder read-only : the copy's own
        # process creates livrables/ there, the tests only read it.
        if not os.environ.get("NBGRADER_EXECUTION"):
            raise
    return dossier


def chemin_livrable(nom: str) -> Path:
    """Le chemin d'un livrable dans ``livrables/`` (``nom`` : un nom de fichier, sans dossier)."""
    if not isinstance(nom, str) or not nom.strip() or "/" in nom or "\\" in nom or nom.startswith("."):
        raise DonneesInvalides(
            f"« {nom} » n'est pas un nom de fichier de livrable : donne un simple nom, sans "
            "dossier, par exemple \"03_retroplanning_clara.ics\".")
    return dossier_livrables() / nom.strip()


def livrables_presents() -> list[Path]:
    """Les fichiers déjà écrits dans ``livrables/``, du plus ancien au plus récent."""
    env = os.environ.get("OBM_LIVRABLES")
    try:
        if env:
            dossier = Path(env)
        else:
            from obm.donnees import racine_cours

            dossier = racine_cours() / DOSSIER
    except Exception:
        return []
    if not dossier.is_dir():
        return []
    fichiers = [p for p in dossier.iterdir() if p.is_file() and not p.name.startswith(".")]
    return sorted(fichiers, key=lambda p: (p.stat().st_mtime, p.name))



@dataclass(frozen=True, eq=False)
class FichierLivrable:
    """Le reçu d'un export : le fichier écrit, ce qu'il contient, et s'il est dans ``livrables/``.

    - ``chemin`` : le chemin du fichier (un ``Path``) ;
    - ``contenu`` : un petit dictionnaire qui résume ce que le fichier contient ;
    - ``dans_livrables`` : vrai quand le fichier est dans ton dossier ``livrables/``.

    Il s'utilise comme un chemin : ``open(fichier)``, ``Path(fichier)`` ou un tableur qui le lit.
    """

    chemin: Path
    contenu: dict = field(default_factory=dict)
    dans_livrables: bool | None = None

    def __post_init__(self):
        object.__setattr__(self, "chemin", Path(self.chemin))
        if self.dans_livrables is None:
            try:
                dedans = self.chemin.resolve().parent == dossier_livrables().resolve()
            except Exception:
                dedans = False
            object.__setattr__(self, "dans_livrables", dedans)

    def __fspath__(self) -> str:
        return str(self.chemin)

    def __str__(self) -> str:
        ou = ("dans ton dossier livrables/" if self.dans_livrables
              else f"dans {self.chemin.parent}, hors de ton dossier livrables/")
        resume = self.contenu.get("resume")
        return f"📄 Fichier écrit : {self.chemin.name}, {ou}" + (f" ({resume})." if resume else ".")

    __repr__ = __str__
