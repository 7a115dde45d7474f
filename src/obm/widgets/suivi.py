"""Le point d'avancement interactif du module 05 : l'avancement, la dépense et les seuils bougent,
les indices et la météo se recalculent."""

from __future__ import annotations

import html


class ValeurAcquiseInteractive:
    """Un point de valeur acquise à manipuler.

    Quatre curseurs : la part du travail **réellement terminée**, le coût réel, et les deux seuils
    de la météo (celui du vert, celui de l'orange). Les écarts, les indices, l'estimation à
    terminaison et la météo (une icône et un mot) se recalculent à chaque changement. Tout se fait
    au clavier : la touche de tabulation passe d'un curseur à l'autre, les flèches le déplacent.
    """

    def __init__(self, budget, part_prevue, part_realisee, cout_reel, *, seuils=None):
        import ipywidgets as w

        from obm import suivi

        self._suivi = suivi
        seuils = suivi.SEUILS_METEO if seuils is None else seuils
        depart = suivi.valeur_acquise(budget, part_prevue, part_realisee, cout_reel, seuils=seuils)
        self.budget, self.part_prevue = depart.budget, depart.part_prevue
        style = {"description_width": "230px"}
        disposition = w.Layout(width="640px")
        self.part_realisee = w.FloatSlider(
            value=depart.part_realisee, min=0.01, max=1.0, step=0.01,
            description="Part du travail terminée", readout_format=".2f", style=style,
            layout=disposition, continuous_update=False)
        self.cout_reel = w.FloatSlider(
            value=depart.cout_reel, min=1, max=round(2 * depart.budget), step=10,
            description="Coût réel (€)", readout_format=".0f", style=style, layout=disposition,
            continuous_update=False)
        self.seuil_vert = w.FloatSlider(
            value=depart.seuils[0], min=0.5, max=1.0, step=0.01, description="Seuil du vert",
            readout_format=".2f", style=style, layout=disposition, continuous_update=False)
        self.seuil_orange = w.FloatSlider(
            value=depart.seuils[1], min=0.5, max=1.0, step=0.01, description="Seuil de l'orange",
            readout_format=".2f", style=style, layout=disposition, continuous_update=False)
        self.meteo = w.HTML()
        self.resultat = w.HTML()
        self.curseurs = (self.part_realisee, self.cout_reel, self.seuil_vert, self.seuil_orange)
        # ipywidgets writes its readout the English way (0.60): each value is shown beside its
        # slider by obm.fr instead (0,60 ; 1 250 €).
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="110px")) for _ in self.curseurs)
        for curseur in self.curseurs:
            curseur.readout = False
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.meteo, self.resultat])
        self.vue.add_class("obm-valeur-acquise")
        for curseur in self.curseurs:
            curseur.observe(self._recalculer, names="value")
        self.point = None
        self._recalculer()

    def _recalculer(self, _changement=None):
        from obm import fr
        from obm.erreurs import ErreurOBM

        for curseur, valeur in zip(self.curseurs, self.valeurs):
            texte = fr.euros(curseur.value, 0) if curseur is self.cout_reel else fr.nombre(curseur.value, 2)
            valeur.value = f"<span class='obm-valeur-curseur'>{html.escape(texte)}</span>"

        try:
            self.point = self._suivi.valeur_acquise(
                self.budget, self.part_prevue, self.part_realisee.value, self.cout_reel.value,
                seuils=(self.seuil_vert.value, self.seuil_orange.value))
        except ErreurOBM as erreur:
            self.point = None
            self.meteo.value = f"<p role='status' style='color:#a1221b'><b>⚠️ {html.escape(str(erreur))}</b></p>"
            self.resultat.value = ""
            return
        icone, phrase = self._suivi.METEOS[self.point.meteo]
        self.meteo.value = (f"<p role='status' class='obm-meteo' style='font-size:1.25em'>"
                            f"<b>{icone} {html.escape(phrase)}</b></p>")
        self.resultat.value = self.point._repr_html_()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def valeur_acquise_interactive(budget, part_prevue, part_realisee, cout_reel, *, seuils=None):
    """Affiche un point de valeur acquise à manipuler : part terminée, coût réel et seuils de la
    météo modifiables au curseur (souris ou clavier), indices et météo recalculés."""
    return ValeurAcquiseInteractive(budget, part_prevue, part_realisee, cout_reel, seuils=seuils)
