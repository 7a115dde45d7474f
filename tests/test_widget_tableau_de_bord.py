"""The launch dashboard widget, without a browser."""

import pandas as pd
import pytest

from obm import fr, kpi
from obm.donnees import chemin_donnees
from obm.erreurs import ColonneManquante, TypeInvalide


@pytest.fixture(scope="module")
def entonnoir():
    return pd.read_csv(chemin_donnees("lancement_entonnoir.csv"))


@pytest.fixture(scope="module")
def export():
    return kpi.charger_export_ventes("ventes_export_brut.csv")


def lu(vue):
    """The headline figures as text, the narrow no-break space before « : » read as a space."""
    return vue.chiffres.value.replace("\u202f:", " :")


def _roas_meta(table):
    meta = table[table["source"] == "facebook_ads"]
    return meta["chiffre_affaires"].sum() / meta["depenses_pub"].sum()


def test_filtre_par_source_et_periode(entonnoir):
    """Do the source and period filters change the key figures and redraw the dashboard?"""
    from obm.widgets import TableauDeBordInteractif

    vue = TableauDeBordInteractif(entonnoir)
    image = bytes(vue.image.value)
    assert image.startswith(b"\x89PNG")
    total = int(entonnoir["ventes"].sum())
    assert f"<b>Ventes :</b> {total}" in lu(vue)
    vue.source.value = "facebook_ads"
    attendu = entonnoir[entonnoir["source"] == "facebook_ads"]
    assert f"<b>Ventes :</b> {int(attendu['ventes'].sum())}" in lu(vue)
    assert fr.nombre(_roas_meta(attendu), 2) in lu(vue)
    assert bytes(vue.image.value) != image
    # Before the cart opens (18 May) there is no sale at all.
    jours = [j for _, j in vue.periode.options]
    vue.periode.index = (0, jours.index(pd.Timestamp("2027-05-17").date()))
    assert "<b>Ventes :</b> 0" in lu(vue)
    assert set(vue.selection["source"]) == {"facebook_ads"}


def test_le_roas_affiche_est_celui_du_canal_payant(entonnoir):
    """With every source selected, is the headline ROAS the paid channel's own (as the lesson
    teaches), never the whole revenue divided by the ad spend?"""
    from obm.widgets import TableauDeBordInteractif

    vue = TableauDeBordInteractif(entonnoir)
    assert vue.source.value == vue.TOUTES
    propre = _roas_meta(entonnoir)
    melange = entonnoir["chiffre_affaires"].sum() / entonnoir["depenses_pub"].sum()
    assert f"<b>ROAS facebook_ads :</b> {fr.nombre(propre, 2)}" in lu(vue)
    assert fr.nombre(melange, 2) not in lu(vue)
    vue.source.value = "email"
    assert "sans objet" in lu(vue)  # no ad spend: no ROAS


def test_avec_l_export_le_chiffre_d_affaires_est_celui_du_cours(entonnoir, export):
    """With the cleaned export, are the revenue and the ROAS the net closed sales (the lesson's
    definition), and do the headline and the chart agree?"""
    from obm.widgets import TableauDeBordInteractif

    vue = TableauDeBordInteractif(entonnoir, export)
    bilan = kpi.bilan_ventes(export)
    assert "ventes conclues nettes" in lu(vue)
    assert fr.euros(round(bilan.ventes_nettes_ttc)) in lu(vue)
    meta = kpi.bilan_ventes(export, source="facebook_ads")
    depenses = entonnoir.loc[entonnoir["source"] == "facebook_ads", "depenses_pub"].sum()
    roas = kpi.roas(meta.ventes_nettes_ttc, depenses)
    assert f"<b>ROAS facebook_ads :</b> {fr.nombre(roas, 2)}" in lu(vue)
    figure = kpi.tableau_de_bord_lancement(vue.selection, vue.export_selectionne)
    assert [p.get_height() for p in figure.axes[2].patches] == pytest.approx([roas])
    assert "ROAS\u202f: facebook_ads" in vue.legende.value  # the text alternative, under the image
    # The period filter applies to the export too: nothing was sold before the cart opened.
    jours = [j for _, j in vue.periode.options]
    vue.periode.index = (0, jours.index(pd.Timestamp("2027-05-17").date()))
    assert len(vue.export_selectionne.ventes) == 0
    assert fr.euros(0) in lu(vue)


def test_colonne_manquante_ou_mauvais_export(entonnoir):
    """Does a table without a needed column, or a raw table as export, give the French obm error?"""
    from obm.widgets import TableauDeBordInteractif

    with pytest.raises(ColonneManquante, match="depenses_pub"):
        TableauDeBordInteractif(entonnoir.drop(columns=["depenses_pub"]))
    with pytest.raises(TypeInvalide, match="charger_export_ventes"):
        TableauDeBordInteractif(entonnoir, entonnoir)
