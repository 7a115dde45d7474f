"""Le tableau de bord du lancement (module 12) : filtres par source et par période."""

from __future__ import annotations

from obm.widgets._commun import _png


class TableauDeBordInteractif:
    """Le tableau de bord du lancement, filtré par source de trafic et par période.

    Choisis une source (ou « toutes ») et une période : les chiffres clés et les trois
    graphiques se recalculent. Avec l'export nettoyé (``export``), le chiffre d'affaires est
    celui du cours (ventes conclues nettes, TTC) ; sans lui, l'encaissé le jour des commandes.
    Le ROAS est toujours celui des canaux payants, chacun sur son propre chiffre d'affaires.
    """

    TOUTES = "toutes les sources"

    def __init__(self, entonnoir_df, export=None):
        import ipywidgets as w
        import pandas as pd

        from obm import kpi
        from obm.erreurs import TypeInvalide

        self._kpi = kpi
        kpi._verifier_tableau(entonnoir_df, ["date", "source", "visites", "ventes",
                                             "chiffre_affaires", "depenses_pub"], "le tableau de bord")
        if export is not None and not isinstance(export, kpi.ExportVentes):
            raise TypeInvalide(
                "`export` doit être le résultat de `kpi.charger_export_ventes(...)`, "
                f"pas un objet {type(export).__name__}.")
        self.export = export
        self.donnees = entonnoir_df.assign(date=pd.to_datetime(entonnoir_df["date"]).dt.date)
        jours = sorted(self.donnees["date"].unique())
        self.source = w.Dropdown(options=[self.TOUTES, *sorted(self.donnees["source"].unique())],
                                 description="Source")
        self.periode = w.SelectionRangeSlider(
            options=[(j.strftime("%d/%m"), j) for j in jours], index=(0, len(jours) - 1),
            description="Période", layout=w.Layout(width="600px"), continuous_update=False)
        self.chiffres = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width="1100px"))
        self.legende = w.HTML()
        self.vue = w.VBox([w.HBox([self.source, self.periode]), self.chiffres, self.image,
                           self.legende])
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

    @property
    def export_selectionne(self):
        """L'export réduit aux commandes de la source et de la période choisies (ou None)."""
        import dataclasses

        if self.export is None:
            return None
        debut, fin = self.periode.value
        ventes = self.export.ventes
        jours = ventes["jour"].dt.date
        garde = (jours >= debut) & (jours <= fin)
        if self.source.value != self.TOUTES:
            garde &= ventes["source"] == self.source.value
        return dataclasses.replace(self.export, ventes=ventes[garde])

    def _redessiner(self, _changement=None):
        import html

        from obm import fr

        lignes = self.selection
        export = self.export_selectionne
        ventes = int(lignes["ventes"].sum())
        visites = int(lignes["visites"].sum())
        depenses = lignes.groupby("source")["depenses_pub"].sum()
        payants = depenses[depenses > 0]
        if export is not None:
            v = export.ventes
            gardees = v[(v["produit"] == "Cap Sérénité") & (v["statut"] != "remboursée")]
            ca_source = gardees.groupby("source")["valeur_commande"].sum()
            libelle_ca = "Chiffre d'affaires (ventes conclues nettes, TTC)"
        else:
            ca_source = lignes.groupby("source")["chiffre_affaires"].sum()
            libelle_ca = "Encaissé le jour des commandes (TTC)"
        morceaux = [f"<b>Visites :</b> {fr.nombre(visites)}",
                    f"<b>Ventes :</b> {fr.nombre(ventes)}",
                    f"<b>{libelle_ca} :</b> {fr.euros(round(float(ca_source.sum())))}"]
        if visites:
            morceaux.append(f"<b>Ventes ÷ visites :</b> {fr.pourcentage(ventes / visites, 2)}")
        if payants.empty:
            morceaux.append("<b>ROAS :</b> sans objet (aucune dépense publicitaire ici)")
        for source, montant in payants.items():
            roas = self._kpi.roas(float(ca_source.get(source, 0.0)), float(montant))
            morceaux.append(f"<b>ROAS {html.escape(str(source))} :</b> {fr.nombre(roas, 2)}")
        self.chiffres.value = " · ".join(morceaux)
        figure = self._kpi.tableau_de_bord_lancement(lignes, export)
        self.image.value = _png(figure)
        self.legende.value = (f'<div style="font-size:90%;color:#333">'
                              f"{html.escape(figure.get_label())}</div>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def tableau_de_bord_interactif(entonnoir_df, export=None) -> TableauDeBordInteractif:
    """Affiche le tableau de bord du lancement avec un filtre par source et par période.

    ``export`` (conseillé) : l'export nettoyé, pour que le chiffre d'affaires soit celui du
    cours (ventes conclues nettes) ; sans lui, c'est l'encaissé le jour des commandes.
    """
    return TableauDeBordInteractif(entonnoir_df, export)
