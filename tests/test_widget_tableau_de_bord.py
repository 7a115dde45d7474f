"""The launch dashboard widget, without a browser."""

import pandas as pd
import pytest

from obm.donnees import chemin_donnees
from obm.erreurs import ColonneManquante


@pytest.fixture(scope="module")
def entonnoir():
    return pd.read_csv(chemin_donnees("lancement_entonnoir.csv"))


def test_filtre_par_source_et_periode(entonnoir):
    """Do the source and period filters change the key figures and redraw the dashboard?"""
    from obm.widgets import TableauDeBordInteractif

    vue = TableauDeBordInteractif(entonnoir)
    image = bytes(vue.image.value)
    assert image.startswith(b"\x89PNG")
    total = int(entonnoir["ventes"].sum())
    assert f"<b>Ventes :</b> {total}" in vue.chiffres.value
    vue.source.value = "facebook_ads"
    attendu = entonnoir[entonnoir["source"] == "facebook_ads"]
    assert f"<b>Ventes :</b> {int(attendu['ventes'].sum())}" in vue.chiffres.value
    roas = attendu["chiffre_affaires"].sum() / attendu["depenses_pub"].sum()
    assert f"{roas:.2f}".replace(".", ",") in vue.chiffres.value
    assert bytes(vue.image.value) != image
    # Before the cart opens (18 May) there is no sale at all.
    jours = [j for _, j in vue.periode.options]
    vue.periode.index = (0, jours.index(pd.Timestamp("2027-05-17").date()))
    assert "<b>Ventes :</b> 0" in vue.chiffres.value
    assert set(vue.selection["source"]) == {"facebook_ads"}


def test_colonne_manquante(entonnoir):
    """Does a table without a needed column give the French obm error?"""
    from obm.widgets import TableauDeBordInteractif

    with pytest.raises(ColonneManquante, match="depenses_pub"):
        TableauDeBordInteractif(entonnoir.drop(columns=["depenses_pub"]))
