"""Le tableau Trello interactif du module 11 : l'heure du point et la lecture des échéances
bougent, la liste des cartes en retard se recalcule."""

from __future__ import annotations

import html


class CartesEnRetardInteractives:
    """Les cartes en retard d'un tableau Trello, à une heure du point que l'on choisit.

    Un curseur règle l'heure du point (heure de Paris), heure par heure ; une case à cocher
    reproduit l'erreur classique : lire l'heure UTC de l'export comme si c'était l'heure de
    Paris. La liste des cartes en retard (règle du cours : carte sur le tableau, pas finie, échéance
    passée) se recalcule, avec leur échéance à l'heure de Paris. Tout se fait au clavier : la
    touche de tabulation passe du curseur à la case, les flèches déplacent le curseur, la barre
    d'espace coche la case.
    """

    def __init__(self, cartes, debut, fin, depart=None):
        import ipywidgets as w
        import pandas as pd

        from obm import outils

        self._outils = outils
        self.cartes = cartes
        self.debut, self.fin = outils.moment_paris(debut), outils.moment_paris(fin)
        depart = self.fin if depart is None else outils.moment_paris(depart)
        heures = int((self.fin - self.debut) / pd.Timedelta(hours=1))
        style = {"description_width": "150px"}
        self.heure = w.IntSlider(value=int((depart - self.debut) / pd.Timedelta(hours=1)), min=0,
                                 max=heures, step=1, description="Heure du point",
                                 readout=False, style=style, layout=w.Layout(width="520px"),
                                 continuous_update=False)
        self.valeur_heure = w.HTML(layout=w.Layout(width="260px"))
        self.lecture_utc = w.Checkbox(value=False, indent=False,
                                      description="Lire l'heure UTC comme l'heure de Paris (l'erreur)")
        self.resultat = w.HTML()
        self.vue = w.VBox([w.HBox([self.heure, self.valeur_heure]), self.lecture_utc,
                           self.resultat])
        self.vue.add_class("obm-cartes-en-retard")
        self.heure.observe(self._recalculer, names="value")
        self.lecture_utc.observe(self._recalculer, names="value")
        self.en_retard = None
        self._recalculer()

    @property
    def moment(self):
        import pandas as pd

        return self.debut + pd.Timedelta(hours=self.heure.value)

    def _recalculer(self, _changement=None):
        from obm import fr

        moment = self.moment
        self.valeur_heure.value = (f"<span class='obm-valeur-curseur'>"
                                   f"{html.escape(_moment_en_francais(moment, fr))}</span>")
        self.en_retard = self._outils._cartes_en_retard(
            self.cartes, moment, heure_utc_lue_comme_paris=self.lecture_utc.value)
        nombre = len(self.en_retard)
        if nombre == 0:
            titre = "✅ aucune carte en retard"
        else:
            titre = f"⏰ {nombre} carte{'s' if nombre > 1 else ''} en retard"
        lignes = "".join(
            f"<tr><td>{html.escape(carte)}</td><td>{html.escape(liste)}</td>"
            f"<td>{html.escape(_moment_en_francais(self._outils.heure_de_paris(echeance), fr))}</td></tr>"
            for carte, liste, echeance in zip(self.en_retard["carte"], self.en_retard["liste"],
                                              self.en_retard["echeance"]))
        tableau = ("<table class='obm-tableau'><thead><tr><th>carte</th><th>liste</th>"
                   "<th>échéance, heure de Paris</th></tr></thead><tbody>" + lignes
                   + "</tbody></table>") if nombre else ""
        self.resultat.value = (f"<p role='status' class='obm-nombre-retard' style='font-size:1.15em'>"
                               f"<b>{html.escape(titre)}</b></p>{tableau}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def _moment_en_francais(moment, fr):
    """« lundi 3 mai 2027, 23 h » / « 23 h 59 »."""
    heure = f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"
    return f"{fr.date(moment.date())}, {heure}"


def cartes_en_retard_interactives(cartes, debut, fin, depart=None):
    """Affiche les cartes en retard de ``cartes`` (le tableau de ``obm.outils.cartes_trello``) à
    une heure du point réglable entre ``debut`` et ``fin`` (``"AAAA-MM-JJ HH:MM"``, heure de
    Paris), avec une case qui montre l'erreur de lecture de l'UTC."""
    return CartesEnRetardInteractives(cartes, debut, fin, depart)
