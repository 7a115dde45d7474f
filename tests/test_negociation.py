"""Tests of obm.negociation: ZOPA, surplus split and the day rate (TJM).

Worked examples: reference/domain.md (warehouse: seller's walk-away 520 000, buyer's value
600 000 → zone 520 000–600 000; at 540 000 the buyer gains 60 000, the seller 20 000);
reference/domain-modules.md § 09 (36 000 € target income, 4 000 € costs, 25.6 % + 0.2 %
contributions → CA = 40 000 / 0.742 ≈ 53 900 €; / 140 days ≈ 385 €/day, ≈ 55 €/h on 7 h).
"""

import numpy as np
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import negociation
from obm.erreurs import DonneesInvalides, TypeInvalide


def test_zopa_de_l_entrepot():
    """Is the zone between the two reservation prices, as a plain tuple of floats?"""
    zone = negociation.zopa(520_000, 600_000)
    assert zone == (520_000.0, 600_000.0)
    assert type(zone) is tuple and all(type(x) is float for x in zone)  # hand-over-able as data


def test_zopa_absente_ou_reduite_a_un_point():
    """Is there no zone when the seller's walk-away is above the buyer's, and one point when equal?"""
    assert negociation.zopa(400, 350) is None
    assert negociation.zopa(400, 400) == (400.0, 400.0)
    assert negociation.zopa(np.int64(300), np.float64(450.0)) == (300.0, 450.0)
    assert negociation.zopa(0, 0) == (0.0, 0.0)


def test_partage_du_surplus():
    """At 540 000, does the buyer gain 60 000 and the seller 20 000, summing to the zone's width?"""
    gains = negociation.partage_du_surplus(540_000, 520_000, 600_000)
    assert gains == {"vendeur": 20_000.0, "acheteur": 60_000.0}
    assert sum(gains.values()) == 600_000 - 520_000
    assert negociation.partage_du_surplus(520_000, 520_000, 600_000)["vendeur"] == 0


def test_tjm_exemple():
    """Does the § 09 example give CA ≈ 53 908 € and a TJM ≈ 385 € per day (≈ 55 € an hour on 7 h)?"""
    ca = negociation.chiffre_affaires_necessaire(36_000, 0.256 + 0.002, 4_000)
    assert ca == pytest.approx(40_000 / 0.742)
    assert round(ca, -2) == 53_900
    taux = negociation.tjm(36_000, 0.258, 4_000, 140)
    assert taux == pytest.approx(40_000 / 0.742 / 140)
    assert round(taux) == 385 and round(taux / 7) == 55
    assert type(taux) is float


def test_tjm_pas_les_erreurs_typiques():
    """Is the TJM not the income over days (net read as turnover), nor over 218 or 365 days?"""
    taux = negociation.tjm(36_000, 0.258, 4_000, 140)
    assert taux != pytest.approx(36_000 / 140)  # contributions and costs forgotten
    assert taux != pytest.approx((36_000 + 4_000) / 140)  # contributions forgotten
    assert taux > negociation.tjm(36_000, 0.258, 4_000, 218)  # fewer billable days, higher rate
    assert negociation.tjm(36_000, 0, 0, 100) == 360.0  # no contributions, no costs


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: negociation.zopa(-1, 600), DonneesInvalides, "négatif"),
    (lambda: negociation.zopa("520 000 €", 600_000), TypeInvalide, "texte"),
    (lambda: negociation.zopa(None, 600_000), TypeInvalide, "vide"),
    (lambda: negociation.zopa(520_000, True), TypeInvalide, "booléen"),
    (lambda: negociation.partage_du_surplus(500_000, 520_000, 600_000), DonneesInvalides,
     "hors de la zone"),
    (lambda: negociation.partage_du_surplus(450, 500, 400), DonneesInvalides, "pas de zone"),
    (lambda: negociation.partage_du_surplus(-5, 0, 10), DonneesInvalides, "négatif"),
    (lambda: negociation.tjm(36_000, 25.8, 4_000, 140), DonneesInvalides, "écris 0.8 pour 80 %"),
    (lambda: negociation.tjm(36_000, 1, 4_000, 140), DonneesInvalides, "division par zéro"),
    (lambda: negociation.tjm(36_000, 0.258, 4_000, 0), DonneesInvalides, "jour facturable"),
    (lambda: negociation.tjm(36_000, 0.258, 4_000, 400), DonneesInvalides, "365\u00a0jours"),
    (lambda: negociation.tjm(36_000, 0.258, -4_000, 140), DonneesInvalides, "négatif"),
    (lambda: negociation.tjm(-36_000, 0.258, 4_000, 140), DonneesInvalides, "négatif"),
    (lambda: negociation.tjm("36 000", 0.258, 4_000, 140), TypeInvalide, "texte"),
    (lambda: negociation.chiffre_affaires_necessaire(1e308, 0.999, 1e308), DonneesInvalides,
     "trop grands"),
])
def test_erreurs(appel, erreur, morceau):
    """Is every impossible negotiation figure refused with the obm error in French?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


montants = st.floats(0, 1e7)


@REGLAGES
@given(montants, montants)
def test_zopa_recalculee(vendeur, acheteur):
    """Is the ZOPA (vendeur, acheteur) when the seller's price is at most the buyer's, else None?"""
    zone = negociation.zopa(vendeur, acheteur)
    assert zone == ((vendeur, acheteur) if vendeur <= acheteur else None)


@REGLAGES
@given(montants, st.floats(0, 0.9), montants, st.floats(1, 366))
def test_tjm_recalcule(revenu, taux, frais, jours):
    """Is the TJM the independent (revenu + frais) ÷ (1 − taux) ÷ jours, and does it keep the income?"""
    r = negociation.tjm(revenu, taux, frais, jours)
    assert r == pytest.approx((revenu + frais) / (1 - taux) / jours, rel=1e-9, abs=1e-9)
    # what is left of the turnover after contributions and costs is the target income
    ca = r * jours
    assert ca * (1 - taux) - frais == pytest.approx(revenu, rel=1e-6, abs=1e-3)


@REGLAGES
@given(valeurs, valeurs, valeurs, valeurs)
def test_entrees_quelconques(a, b, c, d):
    """Does any input give a result (a zone or None, a finite rate) or the obm error, nothing else?"""
    zone = appeler(negociation.zopa, a, b)
    assert zone is None or (type(zone) is tuple and zone[0] <= zone[1])
    for resultat in (appeler(negociation.tjm, a, b, c, d),
                     appeler(negociation.chiffre_affaires_necessaire, a, b, c)):
        assert resultat is None or est_float_fini(resultat)
    gains = appeler(negociation.partage_du_surplus, a, b, c)
    assert gains is None or (gains["vendeur"] >= 0 and gains["acheteur"] >= 0)


def test_concessions_et_pas_decroissants():
    """Are the concessions the steps between offers, and decreasing only when strictly smaller, in one direction?"""
    assert negociation.concessions([2850, 2650, 2520, 2450]) == [200.0, 130.0, 70.0]
    assert negociation.concessions([900, 1000]) == [100.0]
    assert negociation.concessions_decroissantes([900, 1000, 1050, 1070]) is True
    assert negociation.concessions_decroissantes([2850, 2650, 2520, 2450]) is True  # a seller goes down
    assert negociation.concessions_decroissantes([900, 1000, 1100, 1200]) is False  # equal steps
    assert negociation.concessions_decroissantes([900, 950, 1050, 1200]) is False  # growing steps
    assert negociation.concessions_decroissantes([900, 1000, 980, 990]) is False  # back and forth
    assert negociation.concessions_decroissantes([900, 1000, 1000]) is False  # a repeated offer
    assert negociation.concessions_decroissantes([900, 1000]) is False  # one concession only


@pytest.mark.parametrize(("offres", "morceau"), [
    ([1000], "qu'une offre"),
    ("900, 1000", "liste d'offres"),
    ([900, -5], "négatif"),
    ([900, "1 000"], "texte"),
])
def test_concessions_erreurs(offres, morceau):
    """Is a list that cannot be a series of offers refused in French?"""
    with pytest.raises((DonneesInvalides, TypeInvalide)) as e:
        negociation.concessions(offres)
    assert morceau in str(e.value)


def _fiche(**changements):
    fiche = {
        "negociation": "le cycle d'ateliers", "avec": "Maison Lumière", "role": "vendeuse",
        "ma_mesore": "vendre les ateliers en ligne", "mon_prix_de_reservation": 1800,
        "mon_objectif": 2450, "sa_mesore_estimee": "un autre animateur",
        "son_prix_de_reservation_estime": 2600, "offre_ouverture": 2850,
        "critere_objectif": "le prix public de mes ateliers", "mes_interets": "un client régulier",
        "ses_interets": "des membres fidèles", "options": "un atelier enregistré",
        "offres": [2850, 2650, 2520, 2450],
        "contreparties": ["si vous payez d'avance", "si vous annoncez le cycle", "si vous signez ce soir"],
    }
    fiche.update(changements)
    return fiche


def test_fiche_ecrite_et_relue(tmp_path):
    """Is the preparation sheet written as Markdown that reads back with its title, table and steps?"""
    chemin = negociation.ecrire_fiche_preparation(_fiche(), tmp_path / "fiche.md")
    assert type(chemin) is str
    texte = (tmp_path / "fiche.md").read_text(encoding="utf-8")
    assert texte.startswith("# Fiche de préparation de négociation")
    assert "2\u202f850\u00a0€" in texte and "200\u00a0€" in texte and "si vous annoncez le cycle" in texte
    assert "Concessions de plus en plus petites\u202f: oui." in texte
    assert "Je quitte la table" in texte


@pytest.mark.parametrize(("changements", "morceau"), [
    ({"offres": [2850, 2650, 1700]}, "franchit ton prix de réservation"),
    ({"contreparties": ["si vous payez d'avance"]}, "contrepartie"),
    ({"offre_ouverture": 3000}, "commencer par ton offre d'ouverture"),
    ({"mon_objectif": 1500}, "au-delà de ton prix de réservation"),
    ({"role": "cliente"}, "acheteuse"),
    ({"options": "  "}, "texte non vide"),
    ({"mon_prix_de_reservation": "1 800 €"}, "texte"),
])
def test_fiche_incoherente_refusee(changements, morceau, tmp_path):
    """Is a sheet that crosses the walk-away price, forgets a counterpart or a key refused in French?"""
    with pytest.raises((DonneesInvalides, TypeInvalide)) as e:
        negociation.ecrire_fiche_preparation(_fiche(**changements), tmp_path / "fiche.md")
    assert morceau in str(e.value)
    assert not (tmp_path / "fiche.md").exists()


def test_fiche_sans_cle():
    """Does a sheet without one of its keys name the missing key?"""
    fiche = _fiche()
    del fiche["ses_interets"]
    with pytest.raises(DonneesInvalides, match="ses_interets"):
        negociation.fiche_preparation_markdown(fiche)
