"""Les modes de Thomas-Kilmann, interactifs (module 18) : deux curseurs, l'affirmation de soi et la
coopération, placent un point sur le plan des deux axes ; le mode de cette attitude s'affiche, en
mots, avec quand il sert et son risque."""

from __future__ import annotations

import html

_TAILLE = 220  # côté du plan, en pixels
_MARGE = 30


def _plan_svg(affirmation: float, cooperation: float, mode: str) -> str:
    """The plane of the two axes (cooperation across, assertiveness up), the five zones named,
    the point of the chosen attitude."""
    from obm.conflits import ECHELLE_MAX, MODES

    def x(valeur):
        return _MARGE + valeur / ECHELLE_MAX * _TAILLE

    def y(valeur):
        return _MARGE + (1 - valeur / ECHELLE_MAX) * _TAILLE

    zones = [f"<rect x='{x(4):.0f}' y='{y(6):.0f}' width='{x(6) - x(4):.0f}' height='{y(4) - y(6):.0f}' "
             "fill='none' stroke='#555' stroke-dasharray='4 3'/>"]
    for m in MODES.values():
        gras = " font-weight='bold'" if m.nom == mode else ""
        # Labels outside the corners (above the top ones, below the bottom ones) and above the
        # middle square, so that the point never hides the name of its zone.
        if m.affirmation > 5:
            hauteur = y(10) - 6
        elif m.affirmation < 5:
            hauteur = y(0) + 13
        else:
            hauteur = y(6) - 4
        zones.append(f"<text x='{x(m.cooperation):.0f}' y='{hauteur:.0f}' font-size='11' "
                     f"text-anchor='middle'{gras}>{html.escape(m.nom)}</text>")
    largeur = _TAILLE + 2 * _MARGE
    return (
        f"<svg role='img' width='{largeur}' height='{largeur}' viewBox='0 0 {largeur} {largeur}' "
        f"aria-label='Plan des deux axes : le point est à {affirmation:g} en affirmation et "
        f"{cooperation:g} en coopération, dans la zone {html.escape(mode)}.'>"
        f"<line x1='{x(0):.0f}' y1='{y(0):.0f}' x2='{x(10):.0f}' y2='{y(0):.0f}' stroke='#222'/>"
        f"<line x1='{x(0):.0f}' y1='{y(0):.0f}' x2='{x(0):.0f}' y2='{y(10):.0f}' stroke='#222'/>"
        f"<line x1='{x(5):.0f}' y1='{y(0):.0f}' x2='{x(5):.0f}' y2='{y(10):.0f}' stroke='#bbb'/>"
        f"<line x1='{x(0):.0f}' y1='{y(5):.0f}' x2='{x(10):.0f}' y2='{y(5):.0f}' stroke='#bbb'/>"
        + "".join(zones) +
        f"<text x='{x(5):.0f}' y='{y(0) + 27:.0f}' font-size='11' text-anchor='middle'>coopération →</text>"
        f"<text x='12' y='{y(5):.0f}' font-size='11' text-anchor='middle' "
        f"transform='rotate(-90 12 {y(5):.0f})'>affirmation de soi →</text>"
        f"<circle cx='{x(cooperation):.1f}' cy='{y(affirmation):.1f}' r='7' fill='#1f4e9c' "
        "stroke='white' stroke-width='2'/></svg>")


class ModesConflitInteractif:
    """Deux curseurs de 0 à 10 : l'affirmation de soi (défendre ses propres préoccupations) et la
    coopération (satisfaire celles de l'autre). Le point se place sur le plan et le mode s'affiche,
    avec quand il sert et son risque. Au clavier : tabulation pour aller au curseur, flèches pour
    le bouger."""

    def __init__(self, affirmation: int = 5, cooperation: int = 5):
        import ipywidgets as w

        from obm import conflits

        self._conflits = conflits
        conflits.mode_thomas_kilmann(affirmation, cooperation)  # hors échelle : l'erreur du cours
        style = {"description_width": "170px"}
        disposition = w.Layout(width="460px")
        self.affirmation = w.IntSlider(value=round(affirmation), min=0, max=10, step=1,
                                       description="Affirmation de soi", style=style,
                                       layout=disposition, continuous_update=False)
        self.cooperation = w.IntSlider(value=round(cooperation), min=0, max=10, step=1,
                                       description="Coopération", style=style, layout=disposition,
                                       continuous_update=False)
        self.plan = w.HTML()
        self.resultat = w.HTML()
        self.vue = w.VBox([self.affirmation, self.cooperation, w.HBox([self.plan, self.resultat])])
        self.vue.add_class("obm-modes-conflit")
        self.affirmation.observe(self._afficher, names="value")
        self.cooperation.observe(self._afficher, names="value")
        self._afficher()

    def _afficher(self, _changement=None):
        a, c = self.affirmation.value, self.cooperation.value
        nom = self._conflits.mode_thomas_kilmann(a, c)
        mode = self._conflits.MODES[nom]
        self.plan.value = _plan_svg(a, c, nom)
        self.resultat.value = (
            "<div style='max-width:380px'>"
            f"<p role='status' class='obm-mode'>🎯 <b>Mode : {html.escape(nom)}</b>"
            + (f" ({html.escape(mode.autre_nom)})" if mode.autre_nom else "")
            + f", {html.escape(mode.place)}.</p>"
            f"<p class='obm-quand'>✅ <b>Utile quand</b> : {html.escape(mode.quand)}.</p>"
            f"<p class='obm-risque'>⚠️ <b>Le risque</b> : {html.escape(mode.risque)}.</p></div>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def modes_conflit_interactif(affirmation: int = 5, cooperation: int = 5):
    """Affiche le plan des deux axes de Thomas-Kilmann avec deux curseurs de 0 à 10 (souris ou
    clavier : tabulation, puis flèches) : l'affirmation de soi et la coopération. Le mode de
    l'attitude choisie s'affiche, avec quand il sert et son risque."""
    return ModesConflitInteractif(affirmation, cooperation)
