"""Le rétroplanning interactif du module 03 : la date cible change, le Gantt se redessine."""

from __future__ import annotations

import html
import io

# The Gantt as an image at 100 dots per inch, shown at its own size (never shrunk below it when
# the notebook is wide enough): the names of holidays and targets stay 13 pixels tall or more.
DPI = 100


def _png(figure) -> bytes:
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=DPI, bbox_inches="tight")
    return tampon.getvalue()


class RetroplanningInteractif:
    """Un rétroplanning à manipuler : choisis la date cible et les durées, le Gantt se redessine.

    Le chemin critique et la date de début au plus tard se mettent à jour à chaque changement.
    Une erreur de saisie (une durée à 0, par exemple) s'affiche en français à la place du Gantt.
    """

    def __init__(self, taches, date_cible, *, zone: str = "metropole"):
        import ipywidgets as w

        from obm import planification as pl

        self._pl = pl
        self.zone = zone
        self.taches = pl.retroplanning(taches, date_cible, zone=zone)  # validates the input once
        self.date = w.DatePicker(description="Date cible", value=pl.lire_date(date_cible, "date_cible"))
        style = {"description_width": "initial"}
        self.durees = {
            ident: w.BoundedIntText(value=int(ligne["duree"]), min=1, max=200, step=1,
                                    description=f"{ident} · {ligne['tache']} (jours ouvrés)",
                                    style=style, layout=w.Layout(width="460px"))
            for ident, ligne in self.taches.iterrows()
        }
        self.resume = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.vue = w.VBox([self.date, *self.durees.values(), self.resume, self.image])
        self.date.observe(self._redessiner, names="value")
        for champ in self.durees.values():
            champ.observe(self._redessiner, names="value")
        self.plan = None
        self._redessiner()

    def _entrees(self) -> list[dict]:
        return [
            {"id": ident, "tache": ligne["tache"], "duree": self.durees[ident].value,
             "predecesseurs": list(ligne["predecesseurs"])}
            for ident, ligne in self.taches.iterrows()
        ]

    def _redessiner(self, _changement=None):
        from obm.erreurs import ErreurOBM

        if self.date.value is None:
            self.resume.value = "<b>Choisis une date cible.</b>"
            return
        try:
            self.plan = self._pl.retroplanning(self._entrees(), self.date.value, zone=self.zone)
        except ErreurOBM as erreur:
            self.resume.value = f"<b style='color:#b3261e'>⚠️ {html.escape(str(erreur))}</b>"
            return
        self.resume.value = f"<b>{html.escape(self._pl.resumer_plan(self.plan))}</b>"
        figure = self._pl.diagramme_gantt(self.plan, date_cible=self.date.value, zone=self.zone)
        self.image.value = _png(figure)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def retroplanning_interactif(taches, date_cible, *, zone: str = "metropole"):
    """Affiche un rétroplanning interactif : date cible et durées modifiables, Gantt redessiné."""
    return RetroplanningInteractif(taches, date_cible, zone=zone)
