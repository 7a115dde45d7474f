"""Académie OBM : la bibliothèque du cours.

Chaque famille de compétences a son module (``obm.planification``, ``obm.kpi``…).
Ce fichier reste léger : les bibliothèques lourdes (pandas, matplotlib, ipywidgets,
nbgrader) ne sont importées que par les fonctions qui en ont besoin.
"""

from obm.erreurs import ErreurOBM

__version__ = "0.1.0"
__all__ = ["ErreurOBM", "__version__"]
