"""La barre de progression d'``obm corriger`` (tqdm), en français, sur la sortie d'erreur.

``Correction 03_retroplanning [######            ] 12/40 · 8 s · reste ≈ 19 s``
"""

from __future__ import annotations

import sys

from tqdm import tqdm


def duree(secondes: float | None) -> str:
    """Une durée lisible : ``8 s``, ``2 min 05 s``."""
    if secondes is None:
        return "?"
    secondes = int(round(secondes))
    return f"{secondes // 60} min {secondes % 60:02d} s" if secondes >= 60 else f"{secondes} s"


class _Barre(tqdm):
    @property
    def format_dict(self):
        valeurs = super().format_dict
        faites, total, ecoule = valeurs["n"], valeurs["total"], valeurs["elapsed"]
        valeurs["ecoule_fr"] = duree(ecoule)
        if faites == 0:
            valeurs["reste_fr"] = "reste : estimation après la première copie"
        elif faites < total:
            valeurs["reste_fr"] = f"reste ≈ {duree(ecoule / faites * (total - faites))}"
        else:
            valeurs["reste_fr"] = "terminé"
        return valeurs


class BarreCorrection:
    """La progression d'une correction : une copie de plus à chaque :meth:`avancer`."""

    def __init__(self, total: int, titre: str, flux=None):
        self.barre = _Barre(total=total, desc=titre, file=sys.stderr if flux is None else flux,
                            bar_format="{desc} [{bar:24}] {n_fmt}/{total_fmt} · {ecoule_fr} · {reste_fr}",
                            ascii=".#", mininterval=0, dynamic_ncols=False, leave=True)

    def avancer(self) -> None:
        self.barre.update(1)
        if self.barre.n >= self.barre.total:
            self.barre.close()
