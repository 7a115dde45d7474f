"""Académie OBM : la bibliothèque du cours.

Chaque famille de compétences a son module (``obm.planification``, ``obm.kpi``…).
Ce fichier reste léger : les bibliothèques lourdes (pandas, matplotlib, ipywidgets,
nbgrader) ne sont importées que par les fonctions qui en ont besoin.

``obm.progression()`` affiche ta progression dans le cours, module par module ;
``obm.portfolio(ma_presentation)`` construit ton portfolio (une page qui rassemble tes livrables) ;
``obm.fr(x)`` écrit un nombre, un montant ou une date comme une lectrice française l'attend.
"""

import sys

from obm.erreurs import ErreurOBM

__version__ = "0.1.0"
__all__ = ["ErreurOBM", "__version__", "fr", "portfolio", "progression", "texte_alternatif"]


def __getattr__(nom):
    # Loaded on first use, so that `import obm` stays light.
    if nom == "progression":
        import obm.progression  # binds the (callable) submodule to obm.progression

        return globals()["progression"]
    if nom == "portfolio":
        import obm.portfolio  # binds the (callable) submodule to obm.portfolio

        return globals()["portfolio"]
    if nom == "fr":
        import obm.fr  # binds the (callable) submodule to obm.fr

        return globals()["fr"]
    raise AttributeError(f"module 'obm' has no attribute {nom!r}")


def _figure_en_png(figure):
    from IPython.core.pylabtools import print_figure

    return print_figure(figure, "png", bbox_inches="tight")


def texte_alternatif(figure, texte: str):
    """Donne à une figure son texte alternatif : ce qu'elle montre, dit en une ou deux phrases.

    Une figure qui en a un s'affiche avec ce texte (attribut ``alt`` de l'image), pour une
    lectrice d'écran, et le texte est aussi écrit sous la figure.
    """
    figure.set_label(texte)
    return figure


def _figure_en_html(figure):
    import base64
    import html

    texte = figure.get_label()
    if not texte:
        return None  # no text alternative: the plain PNG is shown
    image = base64.b64encode(_figure_en_png(figure)).decode("ascii")
    return (f'<figure class="obm-figure" style="margin:0"><img src="data:image/png;base64,{image}" '
            f'alt="{html.escape(texte)}"><figcaption style="font-size:90%;color:#333">'
            f"{html.escape(texte)}</figcaption></figure>")


def _afficher_les_figures():
    # obm's charts are matplotlib Figures built without pyplot, so matplotlib's inline backend
    # is never loaded and IPython would show "<Figure size …>" instead of the chart. Register
    # the PNG formatter by name: this imports neither matplotlib nor IPython.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        formateur = shell.display_formatter.formatters["image/png"]
        formateur.for_type_by_name("matplotlib.figure", "Figure", _figure_en_png)
        # With a text alternative, the HTML version (an <img> with alt) is the one shown.
        shell.display_formatter.formatters["text/html"].for_type_by_name(
            "matplotlib.figure", "Figure", _figure_en_html)
        # A French line under the beginner's usual Python errors (NameError, SyntaxError…).
        from obm import aide_python

        aide_python.installer(shell)


_afficher_les_figures()
