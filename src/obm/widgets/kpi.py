"""Le tableau de bord du lancement (module 12) : filtres par source et par période."""

from __future__ import annotations

from obm.widgets._commun import _png


class TableauDeBordInteractif:
    """Le tableau de bord du lancement, filtré par source de trafic et par période.

    Choisis une source (ou « toutes ») et une période : les chiffres clés et les trois
    graphiques se recalculent.
    """

    TOUTES = "toutes les sources"

    def __init__(self, entonnoir_df):
        import ipywidgets as w
        import pandas as pd

        from obm import kpi

        self._kpi = kpi
        kpi._verifier_tableau(entonnoir_df, ["date", "source", "visites", "ventes",
                                             "chiffre_affaires", "depenses_pub"], "le tableau de bord")
        self.donnees = entonnoir_df.assign(date=pd.to_datetime(entonnoir_df["date"]).dt.date)
        jours = sorted(self.donnees["date"].unique())
        self.source = w.Dropdown(options=[self.TOUTES, *sorted(self.donnees["source"].unique())],
                                 description="Source")
        self.periode = w.SelectionRangeSlider(
            options=[(j.strftime("%d/%m"), j) for j in jours], index=(0, len(jours) - 1),
            description="Période", layout=w.Layout(width="600px"), continuous_update=False)
        self.chiffres = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="950px"))
        self.vue = w.VBox([w.HBox([self.source, self.periode]), self.chiffres, self.image])
        self.source.observe(self._redessiner, names="value")
        self.periode.observe(self._redessiner, names="value")
        self._redessiner()

    @property
    def selection(self):
        """Les lignes du tableau retenues par les filtres."""
        debut, fin = self.periode.value
        garde = (self.donnees["date"] >= debut) & (self.donnees["date"] <= fin)
        if self.source.value != self.TOUTES:
            garde &= self.donnees["source"] == self.source.value
        return self.donnees[garde]

    def _redessiner(self, _changement=None):
        lignes = self.selection
        ventes = int(lignes["ventes"].sum())
        ca = float(lignes["chiffre_affaires"].sum())
        depenses = float(lignes["depenses_pub"].sum())
        visites = int(lignes["visites"].sum())
        morceaux = [f"<b>Visites :</b> {visites:,}".replace(",", "\u202f"),
                    f"<b>Ventes :</b> {ventes}",
                    f"<b>Chiffre d'affaires :</b> {ca:,.0f} €".replace(",", "\u202f")]
        if visites:
            morceaux.append(f"<b>Conversion :</b> {ventes / visites:.2%}".replace(".", ","))
        if depenses:
            morceaux.append(f"<b>ROAS :</b> {ca / depenses:.2f}".replace(".", ","))
        self.chiffres.value = " · ".join(morceaux)
        self.image.value = _png(self._kpi.tableau_de_bord_lancement(lignes))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def tableau_de_bord_interactif(entonnoir_df) -> TableauDeBordInteractif:
    """Affiche le tableau de bord du lancement avec un filtre par source et par période."""
    return TableauDeBordInteractif(entonnoir_df)
