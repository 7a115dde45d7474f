"""Tests of obm.finances: HT/TTC in exact decimals, break-even, and the dated French figures.

Worked examples of reference/domain-modules.md § 19: 497 € TTC → 414.17 € HT (VAT 82.83);
3 × 179 = 537 € TTC → 447.50 € HT; fixed costs 6 500 €, card fee 1.5 % × 497 + 0.25 = 7.71 €,
margin 414.17 − 7.71 = 406.46 €/sale → 16 sales (13.3 if the TTC price were used).
"""

import datetime as dt
import inspect
import math
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import finances
from obm.erreurs import DonneesInvalides, IdentifiantInconnu, TypeInvalide

# ---------------------------------------------------------------- HT and TTC


def test_prix_ht_de_cap_serenite():
    """Is 497 € TTC 414.17 € HT (VAT 82.83), and 537 € TTC 447.50 € HT?"""
    assert finances.prix_ht(497) == 414.17
    assert round(497 - finances.prix_ht(497), 2) == 82.83
    assert finances.prix_ht(3 * 179) == 447.5
    assert type(finances.prix_ht(497)) is float


def test_prix_ttc():
    """Is HT × 1.2 rounded to the cent, and does a rounded HT price go back to its TTC price?"""
    assert finances.prix_ttc(414.17) == 497.0  # 497.004 → 497.00
    assert finances.prix_ttc(1375) == 1650.0
    assert finances.prix_ttc(447.5) == 537.0
    assert finances.prix_ttc(100, 0.055) == 105.5
    assert finances.prix_ttc(100, 0) == 100.0 and finances.prix_ht(100, 0) == 100.0


def test_arrondi_demi_vers_le_haut_en_decimal():
    """Are exact half cents rounded up, where float rounding or banker's rounding would go down?"""
    # 0.0375 × 1.2 = 0.045 exactly: half up gives 0.05; round(0.0375 * 1.2, 2) gives 0.04
    assert round(0.0375 * 1.2, 2) == 0.04
    assert finances.prix_ttc(0.0375) == 0.05
    # 0.03 / 1.2 = 0.025 exactly: half up gives 0.03; banker's rounding gives 0.02
    assert finances.prix_ht(0.03) == 0.03
    # 1.005 HT at 0 %: the float 1.005 is 1.00499999…, but the learner wrote 1.005
    assert finances.prix_ttc(1.005, 0) == 1.01


def test_entrees_exactes_et_numpy():
    """Are Decimal, numpy scalars and integral floats accepted, Decimal kept exact?"""
    assert finances.prix_ht(Decimal(497)) == 414.17
    assert finances.prix_ht(np.int64(497), np.float64(0.2)) == 414.17
    assert finances.prix_ttc(Decimal("0.0375"), Decimal("0.2")) == 0.05
    assert finances.prix_ht(497.0, 0.2) == 414.17


def test_taux_de_tva_par_defaut_est_celui_du_tableau():
    """Is the pinned default VAT rate (0.20) the normal rate in force, as the table says?"""
    for fonction in (finances.prix_ht, finances.prix_ttc):
        defaut = inspect.signature(fonction).parameters["taux_tva"].default
        assert defaut == 0.20 == finances.parametre("tva_taux_normal", le="2027-05-18").valeur


@REGLAGES
@given(st.decimals(min_value=0, max_value=10**7, places=2), st.sampled_from(["0.2", "0.1", "0.055", "0.021", "0"]))
def test_ht_ttc_recalcules_en_decimal(montant, taux):
    """Do HT and TTC equal an independent Decimal computation rounded half up to the cent?"""
    t = Decimal(taux)
    centime = Decimal("0.01")
    attendu_ttc = float((montant * (1 + t)).quantize(centime, rounding=ROUND_HALF_UP))
    attendu_ht = float((montant / (1 + t)).quantize(centime, rounding=ROUND_HALF_UP))
    assert finances.prix_ttc(float(montant), float(taux)) == attendu_ttc
    assert finances.prix_ht(float(montant), float(taux)) == attendu_ht
    # a TTC price rebuilt from its HT price is within one cent of the original
    assert abs(finances.prix_ttc(finances.prix_ht(float(montant), float(taux)), float(taux))
               - float(montant)) <= 0.01 + 1e-9


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: finances.prix_ht(-497), DonneesInvalides, "négatif"),
    (lambda: finances.prix_ttc(-1), DonneesInvalides, "négatif"),
    (lambda: finances.prix_ht(497, 20), DonneesInvalides, "écris 0.8 pour 80 %"),
    (lambda: finances.prix_ttc(414.17, -0.2), DonneesInvalides, "négatif"),
    (lambda: finances.prix_ht("497 €"), TypeInvalide, "texte"),
    (lambda: finances.prix_ttc(True), TypeInvalide, "booléen"),
    (lambda: finances.prix_ht(math.nan), DonneesInvalides, "NaN"),
    (lambda: finances.prix_ttc(None), TypeInvalide, "vide"),
])
def test_erreurs_ht_ttc(appel, erreur, morceau):
    """Are negative prices, a rate written 20 and text refused with the obm error in French?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


# ---------------------------------------------------------------- break-even


def test_seuil_du_lancement():
    """Does the launch need 16 sales (margin 406.46 € HT per sale), and 14 with the TTC mistake?"""
    frais = round(0.015 * 497 + 0.25, 2)
    assert frais == 7.71
    assert finances.seuil_rentabilite(6500, 414.17, frais) == 16
    assert finances.seuil_rentabilite(6500, 497, frais) == 14  # mutant: TTC price (13.3 → 14)
    assert type(finances.seuil_rentabilite(6500, 414.17, frais)) is int


def test_seuil_entier_le_plus_petit():
    """Is the break-even the smallest whole number of sales covering the fixed costs, exactly?"""
    assert finances.seuil_rentabilite(1000, 150, 50) == 10  # 10 × 100 = 1 000 exactly
    assert finances.seuil_rentabilite(1000.01, 150, 50) == 11
    assert finances.seuil_rentabilite(999.99, 150, 50) == 10
    assert finances.seuil_rentabilite(0, 150, 50) == 0
    # with floats, 6 / (0.3 − 0.1) = 30.000000000000004 → 31; in decimals it is 30
    assert math.ceil(6 / (0.3 - 0.1)) == 31
    assert finances.seuil_rentabilite(6, 0.3, 0.1) == 30
    assert finances.seuil_rentabilite(np.float64(6500.0), np.int64(414), 7) == 16


def test_seuil_en_chiffre_d_affaires():
    """Is the break-even revenue fixed costs ÷ margin rate (≈ 6 623 € HT), not ÷ variable-cost rate?"""
    ca = finances.seuil_rentabilite_ca(6500, 414.17, 7.71)
    assert ca == pytest.approx(6500 / ((414.17 - 7.71) / 414.17))
    assert round(ca) == 6623
    assert ca != pytest.approx(6500 / (7.71 / 414.17))  # mutant: margin rate = variable costs ÷ revenue
    assert type(ca) is float


@REGLAGES
@given(st.decimals(0, 10**6, places=2), st.decimals(0, 10**4, places=2), st.decimals(0, 10**4, places=2))
def test_seuil_recalcule(fixes, prix, cout):
    """Is the break-even n the least whole number with n × margin ≥ fixed costs (exact fractions)?"""
    if prix <= cout:
        with pytest.raises(DonneesInvalides):
            finances.seuil_rentabilite(float(fixes), float(prix), float(cout))
        return
    n = finances.seuil_rentabilite(float(fixes), float(prix), float(cout))
    marge = Fraction(prix) - Fraction(cout)
    assert n * marge >= Fraction(fixes)
    assert n == 0 or (n - 1) * marge < Fraction(fixes)


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: finances.seuil_rentabilite(6500, 7, 7), DonneesInvalides, "ne dépasse pas le coût variable"),
    (lambda: finances.seuil_rentabilite(6500, 5, 7), DonneesInvalides, "bien HT"),
    (lambda: finances.seuil_rentabilite(-6500, 414, 7), DonneesInvalides, "négatif"),
    (lambda: finances.seuil_rentabilite(6500, -414, 7), DonneesInvalides, "négatif"),
    (lambda: finances.seuil_rentabilite(6500, 414, -7), DonneesInvalides, "négatif"),
    (lambda: finances.seuil_rentabilite("6 500", 414, 7), TypeInvalide, "texte"),
    (lambda: finances.seuil_rentabilite_ca(6500, 7, 7), DonneesInvalides, "coût variable"),
    (lambda: finances.seuil_rentabilite_ca(1e308, 1.0000000000000002, 1), DonneesInvalides, "trop grands"),
])
def test_erreurs_seuil(appel, erreur, morceau):
    """Are a price not above the variable cost and negative amounts refused in French?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


@REGLAGES
@given(valeurs, valeurs, valeurs)
def test_entrees_quelconques(a, b, c):
    """Does any input give a price, a break-even or the obm error, nothing else?"""
    for r in (appeler(finances.prix_ht, a, b), appeler(finances.prix_ttc, a),
              appeler(finances.seuil_rentabilite_ca, a, b, c)):
        assert r is None or est_float_fini(r)
    n = appeler(finances.seuil_rentabilite, a, b, c)
    assert n is None or (type(n) is int and n >= 0)


# ---------------------------------------------------------------- dated French figures


def _brut():
    texte = resources.files("obm").joinpath("parametres_france.toml").read_text(encoding="utf-8")
    return tomllib.loads(texte)


def test_chaque_chiffre_a_sa_source_et_sa_date():
    """Does every figure carry a French label, a unit, and dated values with a source, oldest first?"""
    brut = _brut()
    assert len(brut) >= 15
    for nom, entree in brut.items():
        assert nom.isascii() and nom == nom.lower(), nom
        assert entree["libelle"].strip() and entree["unite"] in ("taux", "euros", "points", "multiple", "obligation")
        dates = [v["applicable_depuis"] for v in entree["valeurs"]]
        assert dates and all(type(d) is dt.date for d in dates), nom
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        for valeur in entree["valeurs"]:
            assert set(valeur) <= {"valeur", "applicable_depuis", "source", "a_verifier", "note"}, nom
            assert len(valeur["source"]) > 10 and isinstance(valeur["a_verifier"], bool), nom
            assert isinstance(valeur["valeur"], (int, float)) and not isinstance(valeur["valeur"], bool)
            if entree["unite"] in ("taux", "points"):
                assert 0 <= valeur["valeur"] <= 1, nom


def test_les_chiffres_demandes_sont_la():
    """Are the VAT rate, franchise thresholds, 2026 micro-social rate, Stripe fees, 40 € and penalties there?"""
    le = "2027-05-18"  # the cart opens
    assert finances.parametre("tva_taux_normal", le).valeur == 0.20
    assert finances.parametre("franchise_tva_services_seuil", le).valeur == 37_500
    assert finances.parametre("franchise_tva_services_seuil_majore", le).valeur == 41_250
    assert finances.parametre("franchise_tva_ventes_seuil", le).valeur == 85_000
    assert finances.parametre("franchise_tva_ventes_seuil_majore", le).valeur == 93_500
    taux = finances.parametre("micro_social_liberal", le)
    assert taux.valeur == 0.256 and taux.applicable_depuis == dt.date(2026, 1, 1)
    assert "2025-943" in taux.source
    assert finances.parametre("stripe_carte_eee_pourcentage", le).valeur == 0.015
    assert finances.parametre("stripe_frais_fixes", le).valeur == 0.25
    assert finances.parametre("indemnite_forfaitaire_recouvrement", le).valeur == 40
    assert finances.parametre("penalites_retard_majoration_bce", le).valeur == 0.10
    assert finances.parametre("penalites_retard_multiple_taux_legal", le).valeur == 3


def test_pas_les_chiffres_perimes():
    """Is no outdated figure taught as current (22 %, 21.2 %, 26.1 %; 25 000 € or 36 800 €)?"""
    le = dt.date(2026, 12, 1)
    assert finances.parametre("micro_social_liberal", le).valeur not in (0.22, 0.212, 0.261, 0.246)
    assert finances.parametre("franchise_tva_services_seuil", le).valeur not in (25_000, 36_800)


def test_historique_par_date():
    """Does each date get the figure in force that day, history included?"""
    assert finances.parametre("micro_social_liberal", "2024-06-30").valeur == 0.211
    assert finances.parametre("micro_social_liberal", "2024-07-01").valeur == 0.231
    assert finances.parametre("micro_social_liberal", dt.datetime(2025, 6, 1, 12)).valeur == 0.246
    assert finances.parametre("micro_social_liberal", pd.Timestamp("2025-12-31")).valeur == 0.246
    assert finances.parametre("franchise_tva_services_seuil", "2024-12-31").valeur == 36_800
    assert finances.parametre("franchise_tva_services_seuil", "2025-01-01").valeur == 37_500
    aujourd_hui = finances.parametre("tva_taux_normal")  # default: today's date
    assert aujourd_hui.valeur == 0.20 and aujourd_hui.applicable_depuis <= dt.date.today()


def test_parametre_affichage():
    """Is a figure shown in French with its date and source, and flagged when it must be checked?"""
    p = finances.parametre("micro_social_liberal", "2026-06-01")
    assert p.valeur_affichee == "25,6\u00a0%"
    texte = str(p)
    assert "1er janvier 2026" in texte and "décret n°\u00a02025-943" in texte
    assert "À vérifier" not in texte
    douteux = finances.parametre("micro_cfp_liberal", "2026-06-01")
    assert douteux.a_verifier and "À vérifier" in str(douteux) and "À vérifier" in douteux._repr_html_()
    assert finances.parametre("franchise_tva_services_seuil", "2026-01-01").valeur_affichee == "37\u202f500\u00a0€"
    assert finances.parametre("penalites_retard_majoration_bce", "2026-01-01").valeur_affichee == "10\u00a0points"
    assert finances.parametre("penalites_retard_multiple_taux_legal", "2026-01-01").valeur_affichee == "3\u00a0fois"


def test_tableau_des_parametres():
    """Does the table list every figure in force at a date, with its source and date?"""
    t = finances.tableau_parametres("2027-05-18")
    # A figure that only applies later (e-invoicing issued by small firms, 1 Sept 2027) is not in force yet.
    en_vigueur = [nom for nom, e in _brut().items() if e["valeurs"][0]["applicable_depuis"] <= dt.date(2027, 5, 18)]
    assert t.index.name == "nom" and sorted(t.index) == sorted(en_vigueur)
    assert "facture_electronique_emission_pme" not in t.index
    assert {"libelle", "valeur", "valeur_affichee", "unite", "applicable_depuis", "source",
            "a_verifier"} <= set(t.columns)
    assert t.loc["micro_social_liberal", "valeur"] == 0.256
    avant = finances.tableau_parametres("2020-01-01")  # only what applied then
    assert "indemnite_forfaitaire_recouvrement" in avant.index and "micro_social_liberal" not in avant.index


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: finances.parametre("tva_normal"), IdentifiantInconnu, "tva_taux_normal"),
    (lambda: finances.parametre("xyz"), IdentifiantInconnu, "tableau_parametres()"),
    (lambda: finances.parametre(20), TypeInvalide, "guillemets"),
    (lambda: finances.parametre("micro_social_liberal", "2020-01-01"), DonneesInvalides, "avant le"),
    (lambda: finances.parametre("tva_taux_normal", "18/05/2027"), TypeInvalide, "date(2027, 5, 18)"),
    (lambda: finances.parametre("tva_taux_normal", 2027), TypeInvalide, "date"),
    (lambda: finances.tableau_parametres("demain"), TypeInvalide, "date"),
    (lambda: finances.parametre("tva_taux_normal", pd.NaT), TypeInvalide, "NaT"),
])
def test_erreurs_parametres(appel, erreur, morceau):
    """Are an unknown name, a date before the first value and a bad date refused in French?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


def test_frais_stripe():
    """Is a 497 € payment charged 1.5 % + 0.25 € ≈ 7.71 €, and three instalments of 179 € ≈ 8.81 €?"""
    assert finances.frais_stripe(497, le="2027-05-18") == pytest.approx(0.015 * 497 + 0.25)
    assert round(finances.frais_stripe(497, le="2027-05-18"), 2) == 7.71
    assert round(3 * finances.frais_stripe(179, le="2027-05-18"), 2) == 8.8
    assert finances.frais_stripe(100, carte="internationale", le="2027-05-18") == pytest.approx(3.5)
    assert finances.frais_stripe(100, carte="Royaume_Uni", le="2027-05-18") == pytest.approx(2.75)
    with pytest.raises(DonneesInvalides, match="royaume_uni"):
        finances.frais_stripe(100, carte="visa")
    with pytest.raises(DonneesInvalides, match="négatif"):
        finances.frais_stripe(-100)
    with pytest.raises(DonneesInvalides, match="avant le"):
        finances.frais_stripe(100, le="2022-01-01")


def test_taux_penalites_retard():
    """Is the default penalty rate the ECB rate of 1 January or 1 July plus 10 points?"""
    assert finances.taux_penalites_retard("2026-03-01") == pytest.approx(0.0215 + 0.10)
    assert finances.taux_penalites_retard("2025-03-01") == pytest.approx(0.0315 + 0.10)  # rate of 1 Jan 2025
    assert finances.taux_penalites_retard("2025-06-30") == pytest.approx(0.1315)  # still the 1 Jan rate
    assert finances.taux_penalites_retard("2025-07-01") == pytest.approx(0.1215)  # rate of 1 July 2025
    with pytest.raises(DonneesInvalides, match="avant le"):
        finances.taux_penalites_retard("2024-11-01")


@REGLAGES
@given(st.one_of(valeurs, st.sampled_from(sorted(_brut()))),
       st.one_of(valeurs, st.datetimes(), st.just(pd.NaT), st.sampled_from(["2026-03-01", " 2027-05-18 "])),
       st.one_of(valeurs, st.sampled_from(["eee", "royaume_uni", "internationale"])))
def test_parametres_entrees_quelconques(nom, le, carte):
    """Does any name, date or card give a figure, a rate, fees or the obm error, nothing else?"""
    p = appeler(finances.parametre, nom, le)
    if p is not None:  # the figure in force that day: it applied from that day or before
        jour = finances._date(le)
        assert p.applicable_depuis <= jour
        assert p == max((x for x in finances._table()[p.nom] if x.applicable_depuis <= jour),
                        key=lambda x: x.applicable_depuis)
    taux = appeler(finances.taux_penalites_retard, le)
    assert taux is None or 0 < taux < 1
    frais = appeler(finances.frais_stripe, nom, carte=carte, le=le)
    assert frais is None or est_float_fini(frais)


# ---------------------------------------------------------------- module 19: margin, break-even date, contributions


def test_marge_et_taux_de_marge_sur_couts_variables():
    """Is the margin price − variable cost, and its rate the margin over the price (not cost ÷ price)?"""
    assert finances.marge_sur_couts_variables(300, 6) == pytest.approx(294)
    assert finances.taux_marge_sur_couts_variables(300, 6) == pytest.approx(0.98)
    assert finances.taux_marge_sur_couts_variables(100, 60) == pytest.approx(0.40)
    with pytest.raises(DonneesInvalides, match="ne dépasse pas"):
        finances.marge_sur_couts_variables(6, 6)


def test_point_mort_cumule_les_ventes():
    """Is the break-even date the first day the running total reaches the threshold, whatever the order?"""
    ventes = {dt.date(2027, 5, 19): 7, dt.date(2027, 5, 18): 16, dt.date(2027, 5, 20): 6}
    assert finances.point_mort(ventes, 16) == dt.date(2027, 5, 18)
    assert finances.point_mort(ventes, 17) == dt.date(2027, 5, 19)
    assert finances.point_mort(ventes, 30) is None
    serie = pd.Series([16, 7], index=pd.to_datetime(["2027-05-18", "2027-05-19"]))
    assert finances.point_mort(serie, 20) == dt.date(2027, 5, 19)
    assert type(finances.point_mort(serie, 20)) is dt.date


@pytest.mark.parametrize("appel, erreur", [
    (lambda: finances.point_mort([16, 7], 10), TypeInvalide),
    (lambda: finances.point_mort({}, 10), DonneesInvalides),
    (lambda: finances.point_mort({dt.date(2027, 5, 18): 2.5}, 10), DonneesInvalides),
    (lambda: finances.point_mort({"pas une date": 3}, 10), TypeInvalide),
    (lambda: finances.point_mort({dt.date(2027, 5, 18): 3}, -1), DonneesInvalides),
])
def test_point_mort_refuse_en_francais(appel, erreur):
    """Are impossible inputs refused with the obm error?"""
    with pytest.raises(erreur):
        appel()


def test_cotisations_micro_datees():
    """Is an OBM's contribution 25.6 % of cashed turnover in 2026–2027, 24.6 % in 2025, + CFP on request?"""
    assert finances.cotisations_micro(2750, le="2027-03-31") == pytest.approx(704)
    assert finances.cotisations_micro(1000, le="2025-06-30") == pytest.approx(246)
    assert finances.cotisations_micro(1000, le="2026-01-01", cfp=True) == pytest.approx(258)
    assert finances.cotisations_micro(1000, le="2026-01-01", cfp=True,
                                      versement_liberatoire=True) == pytest.approx(280)
    with pytest.raises(DonneesInvalides):
        finances.cotisations_micro(-5, le="2026-01-01")


# ---------------------------------------------------------------- module 19: the launch budget and cash plan


def test_budget_lancement_de_clara():
    """Does the default budget use Clara's file: fixed costs HT, break-even, 3-instalment cash spread?"""
    from obm.donnees import clara

    faits = clara()
    budget = finances.budget_lancement()
    assert budget.prix_ttc == faits.programme.prix_ttc and budget.mensualite_ttc == faits.programme.mensualite_ttc
    assert budget.ventes == faits.lancement.objectif_ventes
    attendu = (finances.prix_ht(faits.lancement.budget_pub_ttc) + 1200 + 1500 + 1520
               + 2 * faits.finances.outils_lancement_ht_par_mois)
    assert budget.total_charges_fixes_ht == pytest.approx(attendu)
    assert budget.seuil_ventes == finances.seuil_rentabilite(
        budget.total_charges_fixes_ht, budget.prix_moyen_ht, budget.cout_variable_moyen)
    tres = budget.tresorerie
    mensualites = budget.ventes_en_trois_fois * budget.mensualite_ttc
    assert list(tres.loc["Mensualités (paiement en 3 fois)"]) == [0, mensualites, mensualites, mensualites]
    assert tres.loc["Ventes payées en une fois", "juin"] == 0
    # The card's fixed fee is paid at each instalment.
    assert tres.loc["Frais de carte", "juillet"] == pytest.approx(
        -budget.ventes_en_trois_fois * finances.frais_stripe(budget.mensualite_ttc))
    # Cash is negative in April (costs before the first sale), and the running total adds up.
    assert tres.loc["Trésorerie en fin de mois", "avril"] < 0
    assert tres.loc["Trésorerie en fin de mois", "juillet"] == pytest.approx(tres.loc["Flux du mois"].sum())


def test_budget_lancement_repond_aux_curseurs():
    """Does more advertising raise the break-even, and more instalments lower May's cash?"""
    depart = finances.budget_lancement()
    plus_de_pub = finances.budget_lancement(budget_pub_ttc=depart.budget_pub_ttc + 1000)
    assert plus_de_pub.seuil_ventes == depart.seuil_ventes + 2
    tout_en_trois_fois = finances.budget_lancement(part_trois_fois=1)
    assert (tout_en_trois_fois.tresorerie.loc["Trésorerie en fin de mois", "mai"]
            < depart.tresorerie.loc["Trésorerie en fin de mois", "mai"])
    with pytest.raises(DonneesInvalides, match="0.8 pour 80"):
        finances.budget_lancement(part_trois_fois=40)


def test_export_budget_se_relit_et_ses_formules_redonnent_le_budget(tmp_path):
    """Does the .xlsx deliverable read back with openpyxl, and do its formulas, recomputed,
    give the library's break-even and cash plan?"""
    import openpyxl
    from tableur_formules import Classeur

    budget = finances.budget_lancement()
    chemin = finances.exporter_budget(budget, tmp_path / "19_budget_tresorerie.xlsx")
    classeur = openpyxl.load_workbook(chemin)
    assert classeur.sheetnames == ["Lisez-moi", "Hypothèses", "Budget", "Trésorerie"]
    calcul = Classeur(classeur)
    budget_feuille = classeur["Budget"]
    lignes = {budget_feuille.cell(r, 1).value: r for r in range(1, budget_feuille.max_row + 1)}
    assert calcul.valeur("Budget", f"B{lignes['Total des charges fixes']}") == pytest.approx(
        budget.total_charges_fixes_ht, abs=0.01)
    assert calcul.valeur("Budget", f"B{lignes['Seuil de rentabilité (ventes, arrondi au-dessus)']}") \
        == budget.seuil_ventes
    ligne_ca = lignes["Seuil de rentabilité (chiffre d'affaires HT)"]
    assert calcul.valeur("Budget", f"B{ligne_ca}") == pytest.approx(budget.seuil_ca_ht, abs=1)
    tres = classeur["Trésorerie"]
    par_poste = {tres.cell(r, 1).value: r for r in range(3, tres.max_row + 1)}
    for colonne, mois in zip("BCDE", finances.MOIS_LANCEMENT):
        for poste in ("Ventes payées en une fois", "Frais de carte", "TVA nette mise de côté",
                      "Trésorerie en fin de mois"):
            assert calcul.valeur("Trésorerie", f"{colonne}{par_poste[poste]}") == pytest.approx(
                budget.tresorerie.loc[poste, mois], abs=0.02), (poste, mois)


def test_export_budget_refuse_en_francais(tmp_path):
    """Are a wrong object and a wrong file name refused with the obm error?"""
    with pytest.raises(TypeInvalide, match="budget_lancement"):
        finances.exporter_budget("budget", tmp_path / "b.xlsx")
    with pytest.raises(DonneesInvalides, match=".xlsx"):
        finances.exporter_budget(finances.budget_lancement(), tmp_path / "b.csv")


# Each figure lesson 19 writes in its text, with the parameter and the date it must match. When
# parametres_france.toml gets next year's value, this test says which sentence of the lesson to
# update in the same commit.
_CHIFFRES_DE_LA_LECON_19 = [
    ("tva_taux_normal", "2027-05-18", "taux"),
    ("franchise_tva_services_seuil", "2027-01-01", "euros"),
    ("franchise_tva_services_seuil_majore", "2027-01-01", "euros"),
    ("micro_social_liberal", "2027-01-01", "taux"),
    ("micro_cfp_liberal", "2027-01-01", "taux"),
    ("micro_versement_liberatoire_bnc", "2027-01-01", "taux"),
    ("stripe_carte_eee_pourcentage", "2027-05-18", "taux"),
    ("stripe_frais_fixes", "2027-05-18", "euros"),
]


def _forme_francaise(valeur, unite):
    if unite == "taux":
        return f"{valeur * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " %"
    entier = f"{valeur:,.2f}".replace(",", " ").replace(".", ",").removesuffix(",00")
    return entier + " €"


@pytest.mark.parametrize("nom, le, unite", _CHIFFRES_DE_LA_LECON_19, ids=[c[0] for c in _CHIFFRES_DE_LA_LECON_19])
def test_la_lecon_19_cite_les_chiffres_en_vigueur(nom, le, unite):
    """Does lesson 19's text write the figure in force, as parametres_france.toml gives it?"""
    import json
    from pathlib import Path

    lecon = Path(__file__).resolve().parents[1] / "course" / "modules" / "19_finances" / "lecon.ipynb"
    cellules = json.loads(lecon.read_text(encoding="utf-8"))["cells"]
    texte = "\n".join("".join(c["source"]) for c in cellules if c["cell_type"] == "markdown")
    texte = texte.replace("\u202f", " ").replace("\u00a0", " ")
    forme = _forme_francaise(finances.parametre(nom, le).valeur, unite)
    assert forme in texte, (f"La leçon 19 devrait citer « {forme} » ({nom}, en vigueur le {le}) : "
                            "mets son texte à jour avec parametres_france.toml.")
