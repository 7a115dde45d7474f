"""Académie OBM : la bibliothèque du cours.

Chaque famille de compétences a son module (``obm.planification``, ``obm.kpi``…).
Ce fichier reste léger : les bibliothèques lourdes (pandas, matplotlib, ipywidgets,
nbgrader) ne sont importées que par les fonctions qui en ont besoin.

``obm.progression()`` affiche ta progression dans le cours, module par module ;
``obm.fr(x)`` écrit un nombre, un montant ou une date comme une lectrice française l'attend.
"""

import sys

from obm.erreurs import ErreurOBM

__version__ = "0.1.0"
__all__ = ["ErreurOBM", "__version__", "fr", "progression"]


def __getattr__(nom):
    # Loaded on first use, so that `import obm` stays light.
    if nom == "progression":
        import obm.progression  # binds the (callable) submodule to obm.progression

        return globals()["progression"]
    if nom == "fr":
        import obm.fr  # binds the (callable) submodule to obm.fr

        return globals()["fr"]
    raise AttributeError(f"module 'obm' has no attribute {nom!r}")


def _figure_en_png(figure):
    from IPython.core.pylabtools import print_figure

    return print_figure(figure, "png", bbox_inches="tight")


def _afficher_les_figures():
    # obm's charts are matplotlib Figures built without pyplot, so matplotlib's inline backend
    # is never loaded and IPython would show "<Figure size …>" instead of the chart. Register
    # the PNG formatter by name: this imports neither matplotlib nor IPython.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        formateur = shell.display_formatter.formatters["image/png"]
        formateur.for_type_by_name("matplotlib.figure", "Figure", _figure_en_png)


_afficher_les_figures()
