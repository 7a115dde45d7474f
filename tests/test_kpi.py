"""Tests of obm.kpi on small hand-made cases whose answers are worked out in the comments.

The module is imported as `kpi` (never `from obm.kpi import test_ab`: pytest would collect it).
"""

import io
import math
from statistics import NormalDist

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from obm import kpi
from obm.erreurs import (
    ColonneManquante,
    DonneesInvalides,
    ErreurOBM,
    IdentifiantInconnu,
    TypeInvalide,
)

# No example database: a run neither reads nor writes examples saved by earlier runs.
rapide = settings(database=None, deadline=None, max_examples=150)


# ---------------------------------------------------------------- formulas, known answers


def test_roas_cac_ltv_valeurs_connues():
    """Do ROAS, CAC and LTV give the textbook values on round numbers?"""
    assert kpi.roas(5000, 2000) == 2.5  # 5 000 € of sales for 2 000 € of ads
    assert kpi.cac(2500, 100) == 25.0  # 2 500 € for 100 new customers
    # 37 €/month × 90 % margin ÷ 8 % churn = 33.3 ÷ 0.08 = 416.25 €
    assert kpi.ltv(37, 0.9, 0.08) == pytest.approx(416.25)
    assert kpi.ltv(50, 1, 1) == 50.0  # everybody leaves after one month: one month of margin


def test_formules_rendent_des_float():
    """Do the formulas return plain floats, even for integer or numpy inputs?"""
    import numpy as np

    for valeur in (
        kpi.roas(10, 4),
        kpi.cac(np.int64(10), np.int64(4)),
        kpi.taux_conversion(1, 4),
        kpi.ltv(np.float64(10.0), 0.5, 0.25),
        kpi.taux_churn(3, 60),
        kpi.taux_remboursement(2, 50),
    ):
        assert isinstance(valeur, float)
    assert kpi.taux_conversion(np.int64(36), np.int64(1200)) == pytest.approx(0.03)


def test_taux_simples():
    """Are conversion, refund and churn rates the plain fractions numerator ÷ denominator?"""
    assert kpi.taux_conversion(36, 1200) == pytest.approx(0.03)
    assert kpi.taux_remboursement(4, 100) == pytest.approx(0.04)
    assert kpi.taux_churn(12, 150) == pytest.approx(0.08)
    assert kpi.taux_conversion(0, 10) == 0.0
    assert kpi.taux_conversion(10, 10) == 1.0


def test_ratio_ltv_cac_et_sa_lecture():
    """Does the LTV:CAC ratio read as non viable below 1, fragile below 3 and healthy from 3?"""
    r = kpi.ratio_ltv_cac(420, 140)  # 420 ÷ 140 = 3
    assert r == 3.0 and isinstance(r, float)
    assert "sain" in r.lecture
    assert "non viable" in kpi.ratio_ltv_cac(90, 100).lecture  # 0.9
    assert "fragile" in kpi.ratio_ltv_cac(200, 100).lecture  # 2.0
    assert "3:1" in kpi.ratio_ltv_cac(200, 100).lecture
    # Far above 5:1, practitioners read under-investment in acquisition, not « sain ».
    haut = kpi.ratio_ltv_cac(600, 100).lecture  # 6.0
    assert "sain" not in haut and "investir davantage" in haut and "faible autorité" in haut
    assert "sain" in kpi.ratio_ltv_cac(500, 100).lecture  # 5.0 is still around the benchmark


# ---------------------------------------------------------------- A/B test


def test_ab_exemple_calcule_a_la_main():
    """Does the A/B test give the z and p-value computed by hand for 30/1000 against 50/1000?"""
    # pooled rate p = 80 / 2000 = 0.04; SE = sqrt(0.04 × 0.96 × (1/1000 + 1/1000)) = sqrt(7.68e-5)
    # = 0.0087636; z = (0.05 − 0.03) / 0.0087636 = 2.2822.
    # Normal table: Φ(2.28) = 0.98870, Φ(2.29) = 0.98899 → Φ(2.2822) ≈ 0.98876, p = 2 × 0.01124 ≈ 0.0225.
    r = kpi.test_ab(30, 1000, 50, 1000)
    assert r.taux_a == pytest.approx(0.03) and r.taux_b == pytest.approx(0.05)
    assert r.ecart == pytest.approx(0.02)
    assert r.z == pytest.approx(2.2822, abs=1e-4)
    assert r.p_value == pytest.approx(0.0225, abs=2e-4)
    assert r.significatif is True
    assert "significative" in r.verdict and "B fait mieux" in r.verdict


def test_ab_non_significatif_et_seuil():
    """Is a small gap on small samples not significant, and does the threshold decide?"""
    # 10/200 vs 14/200: p = 24/400 = 0.06; SE = sqrt(0.06 × 0.94 × 0.01) = 0.023749;
    # z = 0.02 / 0.023749 = 0.8421 → p = 2 × (1 − Φ(0.8421)) ≈ 2 × 0.19986 ≈ 0.3997.
    r = kpi.test_ab(10, 200, 14, 200)
    assert r.z == pytest.approx(0.8421, abs=1e-4)
    assert r.p_value == pytest.approx(0.3997, abs=5e-4)
    assert r.significatif is False
    assert "non significative" in r.verdict and "hasard" in r.verdict
    # No « prolonge le test » (optional stopping): the sample size is fixed before the test.
    assert "Ne le prolonge pas" in r.verdict and "taille d'échantillon" in r.verdict
    assert "prolonge le test" not in r.verdict
    # 0.0225 is below 5 % but not below 1 %
    assert kpi.test_ab(30, 1000, 50, 1000, seuil=0.01).significatif is False


def test_ab_taux_poole_nul_ou_plein():
    """Is the p-value 1.0 when nobody, or everybody, converted in both versions?"""
    for r in (kpi.test_ab(0, 100, 0, 250), kpi.test_ab(100, 100, 40, 40)):
        assert r.p_value == 1.0 and r.z == 0.0 and r.significatif is False


@rapide
@given(
    st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
)
def test_ab_proprietes(a, b):
    """Is the p-value in [0, 1], symmetric in A and B, and equal to a reference normal CDF?"""
    (ca, na), (cb, nb) = a, b
    r = kpi.test_ab(ca, na, cb, nb)
    inverse = kpi.test_ab(cb, nb, ca, na)
    assert 0.0 <= r.p_value <= 1.0
    assert r.p_value == pytest.approx(inverse.p_value, abs=1e-12)
    assert r.z == pytest.approx(-inverse.z, abs=1e-9)
    assert r.significatif == (r.p_value < 0.05)
    poole = (ca + cb) / (na + nb)
    if 0 < poole < 1:
        z = (cb / nb - ca / na) / math.sqrt(poole * (1 - poole) * (1 / na + 1 / nb))
        assert r.z == pytest.approx(z, rel=1e-9, abs=1e-12)
        assert r.p_value == pytest.approx(2 * (1 - NormalDist().cdf(abs(z))), abs=1e-9)


# ---------------------------------------------------------------- properties of the formulas


@rapide
@given(st.integers(1, 10**7).flatmap(lambda v: st.tuples(st.integers(0, v), st.just(v))))
def test_taux_entre_0_et_1(paire):
    """Is every rate of a count over a larger count between 0 and 1?"""
    c, v = paire
    for fonction in (kpi.taux_conversion, kpi.taux_remboursement, kpi.taux_churn):
        assert 0.0 <= fonction(c, v) <= 1.0


montants = st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False)


@rapide
@given(st.floats(min_value=0, max_value=1e7), montants)
def test_roas_fois_depenses_egale_ca(ca, depenses):
    """Does ROAS × ad spend give the revenue back?"""
    assert kpi.roas(ca, depenses) * depenses == pytest.approx(ca, rel=1e-9, abs=1e-9)


@rapide
@given(st.floats(min_value=0, max_value=1e7), st.integers(1, 10**6))
def test_cac_fois_clients_egale_depenses(depenses, clients):
    """Does CAC × new customers give the spend back?"""
    assert kpi.cac(depenses, clients) * clients == pytest.approx(depenses, rel=1e-9, abs=1e-9)


@rapide
@given(
    st.floats(min_value=0, max_value=1e5), st.floats(0, 1), st.floats(min_value=0.001, max_value=1)
)
def test_ltv_fois_churn_egale_marge_mensuelle(revenu, marge, churn):
    """Does LTV × churn give the monthly margin per customer back?"""
    assert kpi.ltv(revenu, marge, churn) * churn == pytest.approx(
        revenu * marge, rel=1e-9, abs=1e-9
    )


# ---------------------------------------------------------------- errors of the formulas


@pytest.mark.parametrize(
    ("appel", "erreur", "indice"),
    [
        (lambda: kpi.roas("12 500 €", 1000), TypeInvalide, "texte"),
        (lambda: kpi.roas(True, 1000), TypeInvalide, "booléen"),
        (lambda: kpi.roas(None, 1000), TypeInvalide, "vide"),
        (lambda: kpi.roas(pd.Series([1, 2]), 1000), TypeInvalide, ".sum()"),
        (lambda: kpi.roas(float("nan"), 1000), DonneesInvalides, "fini"),
        (lambda: kpi.roas(1000, float("inf")), DonneesInvalides, "fini"),
        (lambda: kpi.roas(1000, 0), DonneesInvalides, "canaux payants"),
        (lambda: kpi.roas(-10, 100), DonneesInvalides, "négatif"),
        (lambda: kpi.roas([1000], 100), TypeInvalide, "list"),
        (lambda: kpi.cac(2500, 0), DonneesInvalides, "division par zéro"),
        (lambda: kpi.cac(2500, -3), DonneesInvalides, "négatif"),
        (lambda: kpi.cac(2500, 2.5), DonneesInvalides, "entier"),
        (lambda: kpi.cac("2500", 10), TypeInvalide, "guillemets"),
        (lambda: kpi.ltv(37, 80, 0.08), DonneesInvalides, "0.8 pour 80 %"),
        (lambda: kpi.ltv(37, 0.8, 8), DonneesInvalides, "0.8 pour 80 %"),
        (lambda: kpi.ltv(37, -0.2, 0.08), DonneesInvalides, "négatif"),
        (lambda: kpi.ltv(37, 0.8, 0), DonneesInvalides, "strictement positif"),
        (lambda: kpi.ltv(-37, 0.8, 0.08), DonneesInvalides, "négatif"),
        (lambda: kpi.taux_conversion(50, 40), DonneesInvalides, "dépasse"),
        (lambda: kpi.taux_conversion(1, 0), DonneesInvalides, "zéro"),
        (lambda: kpi.taux_conversion(-1, 10), DonneesInvalides, "négatif"),
        (lambda: kpi.taux_conversion(0.03, 1000), DonneesInvalides, "entier"),
        (lambda: kpi.taux_remboursement(5, 3), DonneesInvalides, "dépasse"),
        (lambda: kpi.taux_churn(5, 0), DonneesInvalides, "zéro"),
        (lambda: kpi.ratio_ltv_cac(400, 0), DonneesInvalides, "infini"),
        (lambda: kpi.ratio_ltv_cac("400", 100), TypeInvalide, "texte"),
        (lambda: kpi.test_ab(60, 50, 1, 10), DonneesInvalides, "dépasse"),
        (lambda: kpi.test_ab(1, 0, 1, 10), DonneesInvalides, "zéro"),
        (lambda: kpi.test_ab(-1, 10, 1, 10), DonneesInvalides, "négatif"),
        (lambda: kpi.test_ab(1, 10, 1, 10, seuil=5), DonneesInvalides, "0.8 pour 80 %"),
        (lambda: kpi.test_ab(1, 10, 1, 10, seuil=1), DonneesInvalides, "entre 0 et 1"),
        (lambda: kpi.test_ab(1, 10, 1, 10, seuil=0), DonneesInvalides, "strictement positif"),
        (lambda: kpi.test_ab("3", 10, 1, 10), TypeInvalide, "texte"),
    ],
)
def test_erreurs_des_formules(appel, erreur, indice):
    """Does each foreseeable mistake raise the obm error, in French, with a hint to fix it?"""
    with pytest.raises(erreur) as info:
        appel()
    assert isinstance(info.value, ErreurOBM)
    assert indice in str(info.value)


# ---------------------------------------------------------------- benchmarks


def test_comparer_aux_reperes_positions():
    """Is a rate placed below, inside (bounds included) or above its range, with the source cited?"""
    # webinar show-up, range 35–45 %
    assert kpi.comparer_aux_reperes(0.30, "taux_presence_webinaire").position == "en dessous"
    assert (
        kpi.comparer_aux_reperes(0.35, "taux_presence_webinaire").position == "dans la fourchette"
    )
    assert (
        kpi.comparer_aux_reperes(0.45, "taux_presence_webinaire").position == "dans la fourchette"
    )
    c = kpi.comparer_aux_reperes(0.50, "taux_presence_webinaire")
    assert c.position == "au-dessus"
    assert "PCMA" in c.verdict and "35\u00a0% à 45\u00a0%" in c.verdict and "50\u00a0%" in c.verdict
    propre = kpi.Repere("Mon repère", 0.1, 0.2, "mon tableur 2026")
    assert "mon tableur 2026" in str(kpi.comparer_aux_reperes(0.15, propre))


def test_reperes_viennent_de_domain_md():
    """Do the benchmark ranges carry the figures of the domain reference, each with a source?"""
    r = kpi.REPERES
    assert (r["taux_ouverture_email"].bas, r["taux_ouverture_email"].haut) == (0.2271, 0.2546)
    assert (r["taux_clic_email"].bas, r["taux_clic_email"].haut) == (0.0291, 0.0394)
    assert (r["taux_presence_webinaire"].bas, r["taux_presence_webinaire"].haut) == (0.35, 0.45)
    assert (r["taux_conversion_liste"].bas, r["taux_conversion_liste"].haut) == (0.01, 0.02)
    assert (r["taux_churn_abonnement"].bas, r["taux_churn_abonnement"].haut) == (0.07, 0.10)
    assert (r["part_ventes_48h"].bas, r["part_ventes_48h"].haut) == (0.40, 0.60)
    for repere in r.values():
        assert 0 <= repere.bas <= repere.haut <= 1
        assert repere.source.strip()


def test_comparer_aux_reperes_erreurs():
    """Are an unknown benchmark, a percentage written as 38 and a wrong type refused in French?"""
    with pytest.raises(IdentifiantInconnu, match="taux_presence_webinaire"):
        kpi.comparer_aux_reperes(0.38, "presence")
    with pytest.raises(DonneesInvalides, match="0.8 pour 80 %"):
        kpi.comparer_aux_reperes(38, "taux_presence_webinaire")
    with pytest.raises(TypeInvalide):
        kpi.comparer_aux_reperes(0.38, (0.35, 0.45))


@rapide
@given(st.floats(0, 1), st.sampled_from(sorted(kpi.REPERES)))
def test_position_coherente_avec_les_bornes(valeur, cle):
    """Does the position always agree with the bounds of the range?"""
    r = kpi.REPERES[cle]
    position = kpi.comparer_aux_reperes(valeur, cle).position
    attendu = (
        "en dessous" if valeur < r.bas else "au-dessus" if valeur > r.haut else "dans la fourchette"
    )
    assert position == attendu


# ---------------------------------------------------------------- funnel


def petit_lancement():
    # two days, two sources
    return pd.DataFrame(
        {
            "date": ["2027-05-18", "2027-05-18", "2027-05-19", "2027-05-19"],
            "source": ["email", "facebook_ads", "email", "facebook_ads"],
            "visites": [600, 300, 400, 200],
            "inscriptions_webinaire": [200, 60, 150, 40],
            "participants_webinaire": [90, 20, 60, 10],
            "ventes": [30, 5, 20, 5],
            "chiffre_affaires": [12000.0, 1500.0, 8000.0, 1000.0],
            "depenses_pub": [0.0, 800.0, 0.0, 450.0],
        }
    )


def test_entonnoir_a_la_main():
    """Are step counts the column sums, with step and overall rates computed from them?"""
    # visits 1500, registrations 450, attendees 180, sales 60
    e = kpi.entonnoir(petit_lancement())
    assert list(e.index) == [
        "visites",
        "inscriptions_webinaire",
        "participants_webinaire",
        "ventes",
    ]
    assert list(e["effectif"]) == [1500, 450, 180, 60]
    # 450/1500 = 0.30, 180/450 = 0.40, 60/180 = 1/3; overall 60/1500 = 0.04
    assert list(e["taux_etape"]) == pytest.approx([1.0, 0.30, 0.40, 1 / 3])
    assert list(e["taux_global"]) == pytest.approx([1.0, 0.30, 0.12, 0.04])
    assert kpi.etape_la_plus_faible(e) == "inscriptions_webinaire"


def test_entonnoir_etapes_choisies():
    """Can the learner pick her own steps, and is the weakest one the lowest step rate?"""
    e = kpi.entonnoir(petit_lancement(), etapes=["participants_webinaire", "ventes"])
    assert list(e["effectif"]) == [180, 60]
    assert kpi.etape_la_plus_faible(e) == "ventes"


@rapide
@given(st.lists(st.integers(1, 10**6), min_size=2, max_size=6))
def test_entonnoir_proprietes(tailles):
    """For any narrowing funnel, are step rates in (0, 1] and is the overall rate their product?"""
    tailles = sorted(tailles, reverse=True)
    df = pd.DataFrame({f"e{i}": [n] for i, n in enumerate(tailles)})
    e = kpi.entonnoir(df, etapes=list(df.columns))
    assert ((e["taux_etape"] > 0) & (e["taux_etape"] <= 1)).all()
    assert e["taux_global"].iloc[-1] == pytest.approx(math.prod(e["taux_etape"]))


def test_entonnoir_erreurs():
    """Are a missing column, text, blanks, negatives, a widening step and empty data refused?"""
    df = petit_lancement()
    with pytest.raises(ColonneManquante, match="participants_webinaire"):
        kpi.entonnoir(df.drop(columns="participants_webinaire"))
    with pytest.raises(TypeInvalide, match="« ventes »"):
        kpi.entonnoir(df.assign(ventes=["30", "5", "20", "5"]))
    with pytest.raises(DonneesInvalides, match="case"):
        kpi.entonnoir(df.assign(ventes=[30, None, 20, 5]))
    with pytest.raises(DonneesInvalides, match="négatives"):
        kpi.entonnoir(df.assign(ventes=[30, -5, 20, 5]))
    with pytest.raises(DonneesInvalides, match="dépasse l'étape précédente"):
        kpi.entonnoir(df, etapes=["ventes", "visites"])
    with pytest.raises(DonneesInvalides, match="vide"):
        kpi.entonnoir(df.iloc[0:0])
    with pytest.raises(DonneesInvalides, match="deux"):
        kpi.entonnoir(df, etapes=["visites"])
    with pytest.raises(DonneesInvalides, match="division par zéro"):
        kpi.entonnoir(df.assign(participants_webinaire=0, ventes=0))
    with pytest.raises(TypeInvalide, match="DataFrame"):
        kpi.entonnoir({"visites": 10, "ventes": 1})


# ---------------------------------------------------------------- email rates


def test_taux_email_a_la_main():
    """Are email rates computed on the right denominators, and the total weighted by volume?"""
    campagnes = pd.DataFrame(
        {
            "campagne": ["Invitation", "Dernier jour"],
            "envoyes": [1000, 2000],
            "delivres": [980, 1990],
            "ouvertures": [245, 398],
            "clics": [49, 60],
            "desinscriptions": [3, 4],
            "rebonds_durs": [8, 4],
            "rebonds_temporaires": [12, 6],
        }
    )
    t = kpi.taux_email(campagnes, total=True)
    inv = t.loc["Invitation"]
    assert inv["taux_delivrabilite"] == pytest.approx(0.98)  # 980 / 1000
    assert inv["taux_ouverture"] == pytest.approx(0.25)  # 245 / 980
    assert inv["taux_clic"] == pytest.approx(0.05)  # 49 / 980
    assert inv["taux_clic_ouverture"] == pytest.approx(0.20)  # 49 / 245
    assert inv["taux_desinscription"] == pytest.approx(3 / 980)
    assert inv["taux_rebond"] == pytest.approx(0.02)  # (1000 − 980) / 1000
    assert inv["taux_rebond_dur"] == pytest.approx(0.008) and inv[
        "taux_rebond_temporaire"
    ] == pytest.approx(0.012)
    # total: 643 opens for 2 970 delivered, not the mean of 25 % and 20 %
    assert t.loc["Total", "taux_ouverture"] == pytest.approx(643 / 2970)
    assert t.loc["Total", "taux_clic"] == pytest.approx(109 / 2970)
    assert list(t.index) == ["Invitation", "Dernier jour", "Total"]
    assert "taux_rebond_dur" not in kpi.taux_email(campagnes.drop(columns="rebonds_durs")).columns


def test_taux_email_erreurs():
    """Are a missing column, zero sends, more opens than deliveries and an empty table refused?"""
    base = pd.DataFrame(
        {
            "campagne": ["A"],
            "envoyes": [100],
            "delivres": [98],
            "ouvertures": [20],
            "clics": [3],
            "desinscriptions": [0],
        }
    )
    with pytest.raises(ColonneManquante, match="clics"):
        kpi.taux_email(base.drop(columns="clics"))
    with pytest.raises(DonneesInvalides, match="« A »"):
        kpi.taux_email(base.assign(envoyes=0, delivres=0, ouvertures=0, clics=0))
    with pytest.raises(DonneesInvalides, match="ouvertures"):
        kpi.taux_email(base.assign(ouvertures=120))
    with pytest.raises(DonneesInvalides, match="délivrés qu'envoyés"):
        kpi.taux_email(base.assign(delivres=101))
    with pytest.raises(DonneesInvalides, match="ouverture"):
        kpi.taux_email(base.assign(ouvertures=0, clics=0))
    with pytest.raises(DonneesInvalides, match="vide"):
        kpi.taux_email(base.iloc[0:0])


# ---------------------------------------------------------------- cohorts


def petits_abonnements():
    return pd.DataFrame(
        {
            "membre": ["A", "B", "C", "D"],
            "date_debut": ["2026-01-05", "2026-01-10", "2026-01-20", "2026-02-03"],
            "date_fin": ["2026-02-04", None, "2026-03-19", ""],  # A paid 1 month, C 2 months
        }
    )


def test_retention_cohortes_a_la_main():
    """Is each cell the share of the cohort still a member k months after joining, blank when not yet known?"""
    t = kpi.retention_cohortes(petits_abonnements(), date_observation="2026-04-15")
    assert list(t.index) == ["2026-01", "2026-02"]
    assert list(t.columns) == [0, 1, 2, 3]  # January → April
    # January (A, B, C; last arrival 20 Jan). k=1 (to 20 Feb at the latest): A ended 4 Feb < 5 Feb,
    # B active, C ends 19 Mar ≥ 20 Feb → 2/3. k=2: C ends 19 Mar < 20 Mar → 1/3 (B only).
    # k=3: 20 Apr is after 15 Apr → not known yet.
    jan = t.loc["2026-01"]
    assert list(jan[:3]) == pytest.approx([1.0, 2 / 3, 1 / 3])
    assert math.isnan(jan[3])
    # February (D alone, still a member): 3 Feb, 3 Mar, 3 Apr observed; 3 May not yet.
    assert list(t.loc["2026-02", :2]) == [1.0, 1.0, 1.0] and math.isnan(t.loc["2026-02", 3])


def test_retention_date_observation_par_defaut():
    """Without an observation date, is the most recent date of the table used?"""
    # latest date: C's end, 19 March 2026 → January's k=2 (20 March) is not known yet
    t = kpi.retention_cohortes(petits_abonnements())
    assert t.loc["2026-01", 1] == pytest.approx(2 / 3)
    assert math.isnan(t.loc["2026-01", 2])


def test_retention_dernier_jour_inclus():
    """Is a member whose last covered day falls exactly k months after her start still counted at k?"""
    # E: 1 March → last day 1 April, so she is still a member on 1 April (k=1); F left on 31 March.
    df = pd.DataFrame(
        {"date_debut": ["2026-03-01", "2026-03-01"], "date_fin": ["2026-04-01", "2026-03-31"]}
    )
    t = kpi.retention_cohortes(df, date_observation="2026-04-30")
    assert t.loc["2026-03", 1] == 0.5


def test_retention_erreurs():
    """Are a missing column, an unreadable date, an end before the start and no rows refused?"""
    df = petits_abonnements()
    with pytest.raises(ColonneManquante, match="date_fin"):
        kpi.retention_cohortes(df.drop(columns="date_fin"))
    with pytest.raises(DonneesInvalides, match="début"):
        kpi.retention_cohortes(
            df.assign(date_debut=["05/01/2026", "x", "2026-01-20", "2026-02-03"])
        )
    with pytest.raises(DonneesInvalides, match="illisible"):
        kpi.retention_cohortes(df.assign(date_fin=["fin février", None, None, None]))
    with pytest.raises(DonneesInvalides, match="avant leur date de début"):
        kpi.retention_cohortes(df.assign(date_fin=["2025-12-01", None, None, None]))
    with pytest.raises(DonneesInvalides, match="vide"):
        kpi.retention_cohortes(df.iloc[0:0])
    with pytest.raises(DonneesInvalides, match="date_observation"):
        kpi.retention_cohortes(df, date_observation="bientôt")


# ---------------------------------------------------------------- raw export


PETIT_EXPORT = (
    "N° commande;Date;E-mail;Produit;Formule;Montant;Statut;Source\n"
    "CMD-1;18/05/2027 09:10;ana@example.com;Cap Sérénité;paiement unique;497,00 €;payée;email\n"
    "CMD-1;18/05/2027 09:10;ana@example.com;Cap Sérénité;paiement unique;497,00 €;payée;email\n"
    "CMD-2;18/05/2027 10:00;bea@example.com;Cap Sérénité;3 fois;179,00 €;échouée;Instagram\n"
    "CMD-3;18/05/2027 10:04;bea@example.com;Cap Sérénité ;3 FOIS;179,00\u00a0€;payée;Instagram \n"
    "CMD-4;19/05/2027 21:00;;Cap Sérénité;paiement unique;497,00 €;payée;facebook ads\n"
    "CMD-5;19/05/2027 22:00;Cleo@Example.com;Cap Sérénité;3 fois;;payée;email\n"
    "CMD-6;20/05/2027 08:00;dia@example.com;Accompagnement individuel;paiement unique;1\u202f290,00 €;payée;organique\n"
    "CMD-1;27/05/2027;ana@example.com;Cap Sérénité;paiement unique;-497,00 €;remboursement;email\n"
)


def test_export_nettoye_a_la_main():
    """Does cleaning a tiny dirty export keep the right orders with proper types and amounts?"""
    export = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT))
    v = export.ventes
    # 8 rows: one duplicate, one failed payment, one refund → orders CMD-1, 3, 4, 5, 6
    assert list(v["commande"]) == ["CMD-1", "CMD-3", "CMD-4", "CMD-5", "CMD-6"]
    assert str(v["date"].dtype).startswith("datetime64") and str(v["jour"].dtype).startswith(
        "datetime64"
    )
    assert v["montant"].dtype == "float64"
    # CMD-5's blank amount is the usual amount of Cap Sérénité in 3 fois (CMD-3): 179
    assert list(v["montant"]) == [497.0, 179.0, 497.0, 179.0, 1290.0]
    assert list(v["statut"]) == ["remboursée", "payée", "payée", "payée", "payée"]
    assert list(v["source"]) == ["email", "instagram", "facebook_ads", "email", "organique"]
    assert list(v["formule"]) == [
        "paiement unique",
        "3 fois",
        "paiement unique",
        "3 fois",
        "paiement unique",
    ]
    assert list(v["produit"][:4]) == ["Cap Sérénité"] * 4
    assert v.loc[3, "email"] == "cleo@example.com" and pd.isna(v.loc[2, "email"])
    assert v.loc[0, "date"] == pd.Timestamp("2027-05-18 09:10") and v.loc[
        0, "jour"
    ] == pd.Timestamp("2027-05-18")
    r = export.remboursements
    assert list(r["commande"]) == ["CMD-1"] and list(r["montant"]) == [497.0]
    assert r.loc[0, "date"] == pd.Timestamp("2027-05-27")


def test_export_rapport_compte_ce_qui_est_retire():
    """Does the cleaning report count duplicates, refunds, failed payments and blanks, in French?"""
    export = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT))
    c = export.comptes
    assert c["lignes_lues"] == 8
    assert c["doublons"] == 1
    assert c["remboursements"] == 1
    assert c["paiements_echoues"] == 1
    assert c["emails_manquants"] == 1
    assert c["montants_completes"] == 1
    assert c["commandes"] == 5
    # « Instagram » (CMD-2); « Cap Sérénité␣», « 3 FOIS », « Instagram␣» (CMD-3); « facebook ads »
    # (CMD-4); « Cleo@Example.com » (CMD-5) → 6 cells rewritten
    assert c["textes_nettoyes"] == 6
    texte = str(export)
    assert "Lignes en double supprimées : 1." in texte
    assert "Remboursements : 1" in texte
    assert "Paiements échoués ou refusés supprimés (ce ne sont pas des ventes) : 1." in texte
    assert "E-mails manquants : 1" in texte
    assert "Montants manquants complétés" in texte and ": 1." in texte
    assert (
        "Commandes gardées : 5 (Cap Sérénité : 4, Accompagnement individuel : 1), dont 1 remboursée(s)."
        in texte
    )
    assert export._repr_markdown_().startswith("**Nettoyage")


def test_export_cas_rares():
    """Are unknown statuses, unreadable dates, orphan refunds and undeducible amounts reported?"""
    texte = (
        "N° commande;Date;E-mail;Produit;Formule;Montant;Statut;Source\n"
        "CMD-1;18/05/2027 09:10;a@example.com;Cap Sérénité;paiement unique;497,00 €;payée;email\n"
        "CMD-2;hier;b@example.com;Cap Sérénité;paiement unique;497,00 €;payée;email\n"
        "CMD-3;18/05/2027 11:00;c@example.com;Cap Sérénité;paiement unique;497,00 €;en attente;email\n"
        "CMD-4;18/05/2027 12:00;d@example.com;Atelier;paiement unique;;payée;email\n"
        "CMD-9;20/05/2027;e@example.com;Cap Sérénité;paiement unique;-497,00 €;remboursement;email\n"
        "CMD-1;18/05/2027 13:00;a@example.com;Cap Sérénité;paiement unique;497,00 €;payée;instagram\n"
    )
    export = kpi.charger_export_ventes(io.StringIO(texte))
    c = export.comptes
    assert c["dates_illisibles"] == 1
    assert c["statuts_inconnus"] == 1
    assert (
        c["montants_manquants_supprimes"] == 1
    )  # no other « Atelier » order to copy the amount from
    assert c["remboursements_sans_commande"] == 1
    assert c["numeros_en_double"] == 1
    assert list(export.ventes["commande"]) == ["CMD-1"]
    rapport = str(export)
    assert (
        "« en attente »" in rapport
        and "date est illisible" in rapport
        and "absente de l'export" in rapport
    )


def test_export_erreurs(tmp_path):
    """Are a missing column, a missing file, a wrong argument and an empty file refused in French?"""
    sans_source = "\n".join(ligne.rsplit(";", 1)[0] for ligne in PETIT_EXPORT.splitlines())
    with pytest.raises(ColonneManquante, match="source"):
        kpi.charger_export_ventes(io.StringIO(sans_source))
    with pytest.raises(DonneesInvalides, match="n'existe pas"):
        kpi.charger_export_ventes(tmp_path / "absent.csv")
    with pytest.raises(TypeInvalide, match="chemin"):
        kpi.charger_export_ventes(42)
    vide = tmp_path / "vide.csv"
    vide.write_text("", encoding="utf-8")
    with pytest.raises(DonneesInvalides, match="vide"):
        kpi.charger_export_ventes(vide)
    virgules = tmp_path / "virgules.csv"
    virgules.write_text(PETIT_EXPORT.replace(";", ","), encoding="utf-8")
    with pytest.raises(ColonneManquante, match="séparées par « ; »"):
        kpi.charger_export_ventes(virgules)


def test_export_depuis_un_chemin(tmp_path):
    """Can the export be read from a path as well as from an open file?"""
    chemin = tmp_path / "export.csv"
    chemin.write_text(PETIT_EXPORT, encoding="utf-8")
    assert kpi.charger_export_ventes(chemin).comptes["commandes"] == 5
    assert kpi.charger_export_ventes(str(chemin)).comptes["commandes"] == 5


# ---------------------------------------------------------------- dashboard


def textes(ax):
    return " ".join(t.get_text() for t in ax.texts)


def test_tableau_de_bord_sans_donnees():
    """Given no data, does the dashboard draw « pas de données » in each panel instead of failing?"""
    for vide in (pd.DataFrame(), petit_lancement().iloc[0:0], None):
        fig = kpi.tableau_de_bord_lancement(vide)
        assert isinstance(fig, Figure)
        assert len(fig.axes) == 3
        for ax in fig.axes:
            assert "pas de données" in textes(ax)


def test_tableau_de_bord_petit_lancement():
    """Does the dashboard draw the funnel, revenue by source, and ROAS only for paid channels?"""
    fig = kpi.tableau_de_bord_lancement(petit_lancement())
    ax_entonnoir, ax_ca, ax_roas = fig.axes
    assert sorted(p.get_width() for p in ax_entonnoir.patches) == [60, 180, 450, 1500]
    # revenue: email 12 000 + 8 000 = 20 000; facebook_ads 1 500 + 1 000 = 2 500
    assert [p.get_height() for p in ax_ca.patches] == [20000, 2500]
    assert "20\u202f000\u00a0€" in textes(ax_ca)  # obm.fr : French digit groups and euro sign
    # ROAS of facebook_ads only: 2 500 / (800 + 450) = 2.0; email has no ad spend
    assert [p.get_height() for p in ax_roas.patches] == pytest.approx([2.0])
    assert [t.get_text() for t in ax_roas.get_xticklabels()] == ["facebook_ads"]


def test_tableau_de_bord_sans_pub_ni_vente():
    """Without ad spend or sales, do those panels say « pas de données » while the funnel is drawn?"""
    df = petit_lancement().assign(depenses_pub=0.0, chiffre_affaires=0.0)
    fig = kpi.tableau_de_bord_lancement(df)
    assert "pas de données" not in textes(fig.axes[0])
    assert "pas de données" in textes(fig.axes[1]) and "pas de données" in textes(fig.axes[2])


def test_tableau_de_bord_erreurs():
    """Are a missing column and text amounts refused in French?"""
    with pytest.raises(ColonneManquante, match="depenses_pub"):
        kpi.tableau_de_bord_lancement(petit_lancement().drop(columns="depenses_pub"))
    with pytest.raises(TypeInvalide, match="chiffre_affaires"):
        kpi.tableau_de_bord_lancement(petit_lancement().assign(chiffre_affaires="12 000 €"))


# ---------------------------------------------------------------- sample size, fixed before the test


def test_taille_echantillon_a_la_main():
    """Is the sample size per version the two-proportion formula, rounded up?"""
    # 3 % → 4.5 %, α = 5 % two-sided (z = 1.96), power 80 % (z = 0.8416); p̄ = 0.0375:
    # √(2 × 0.0375 × 0.9625) = 0.268677 ; √(0.03 × 0.97 + 0.045 × 0.955) = 0.268468
    # (1.96 × 0.268677 + 0.8416 × 0.268468)² = 0.752550² = 0.566331 ; ÷ 0.015² = 2 517.03 → 2 518.
    assert kpi.taille_echantillon(0.03, 0.045) == 2518
    # The classic example of A/B calculators: 10 % → 12 % needs 3 841 visitors per version.
    assert kpi.taille_echantillon(0.10, 0.12) == 3841
    assert isinstance(kpi.taille_echantillon(0.10, 0.12), int)


@rapide
@given(st.floats(0.01, 0.5), st.floats(0.005, 0.2))
def test_taille_echantillon_proprietes(base, ecart):
    """Does a smaller gap, a stricter threshold or more power always ask for more visitors?"""
    vise = base + ecart
    n = kpi.taille_echantillon(base, vise)
    assert n >= 1
    assert kpi.taille_echantillon(base, base + ecart / 2) >= n
    assert kpi.taille_echantillon(base, vise, seuil=0.01) >= n
    assert kpi.taille_echantillon(base, vise, puissance=0.9) >= n


@pytest.mark.parametrize(
    "appel, indice",
    [
        (lambda: kpi.taille_echantillon(0.04, 0.04), "aucun écart"),
        (lambda: kpi.taille_echantillon(4, 5), "0.8 pour 80 %"),
        (lambda: kpi.taille_echantillon(0.04, 0.05, puissance=1), "strictement entre 0 et 1"),
        (lambda: kpi.taille_echantillon(0, 0.05), "0"),
    ],
)
def test_taille_echantillon_erreurs(appel, indice):
    """Are equal rates, percentages and impossible settings refused in French?"""
    with pytest.raises(ErreurOBM, match=indice):
        appel()


# ---------------------------------------------------------------- several rates against benchmarks


def test_face_aux_reperes_place_dans_la_fourchette():
    """Does each rate get its place in its range (0 at the bottom, 1 at the top), in the given order?"""
    t = kpi.face_aux_reperes({"taux_conversion_liste": 0.018,         # (0.018 − 0.01) ÷ 0.01 = 0.8
                              "taux_presence_webinaire": 0.36,        # (0.36 − 0.35) ÷ 0.10 = 0.1
                              "taux_conversion_page_vente_chaude": 0.02})  # (0.02 − 0.03) ÷ 0.02 = −0.5
    assert list(t.index) == ["taux_conversion_liste", "taux_presence_webinaire",
                             "taux_conversion_page_vente_chaude"]
    assert list(t["place"]) == pytest.approx([0.8, 0.1, -0.5])
    assert list(t["position"]) == ["dans la fourchette", "dans la fourchette", "en dessous"]
    # The smallest rate is not the weakest against its benchmark, and the reverse.
    assert t["valeur"].idxmin() == "taux_conversion_liste"
    assert t["place"].idxmin() == "taux_conversion_page_vente_chaude"
    assert t.loc["taux_presence_webinaire", "indicateur"].startswith("Présence au webinaire")


def test_face_aux_reperes_erreurs():
    """Are an empty or non-dict input and an unknown benchmark refused in French?"""
    with pytest.raises(TypeInvalide, match="dictionnaire"):
        kpi.face_aux_reperes([0.3])
    with pytest.raises(TypeInvalide, match="dictionnaire"):
        kpi.face_aux_reperes({})
    with pytest.raises(IdentifiantInconnu, match="taux_presence_webinaire"):
        kpi.face_aux_reperes({"presence": 0.38})


# ---------------------------------------------------------------- monthly attrition (churn)


def cercle_miniature():
    # Opened on 1 January; observed until 31 March.
    return pd.DataFrame({
        "date_debut": ["2026-01-01", "2026-01-01", "2026-01-10", "2026-02-01", "2026-02-15"],
        "date_fin": ["2026-01-31", "", "2026-03-09", "2026-02-28", ""],
    })


def test_churn_mensuel_a_la_main():
    """Are members counted on the 1st of each month and leavers in the month, January left out?"""
    t = kpi.churn_mensuel(cercle_miniature(), date_observation="2026-03-31")
    # January is the opening month: not counted.
    # February 1st: members 2 and 3 (member 1 ended on 31 January, member 4 starts on the 1st,
    # counted present) → 3 present, member 4 ends on 28 February → 1 of 3.
    # March 1st: members 2, 3, 5 → member 3 ends on 9 March → 1 of 3.
    assert list(t.index) == ["2026-02", "2026-03", "Ensemble"]
    assert list(t["membres_debut_mois"]) == [3, 3, 6]
    assert list(t["resiliations"]) == [1, 1, 2]
    assert list(t["taux_churn"]) == pytest.approx([1 / 3, 1 / 3, 2 / 6])
    # A month the observation date does not cover in full is left out.
    assert list(kpi.churn_mensuel(cercle_miniature(), date_observation="2026-03-30").index) == \
        ["2026-02", "Ensemble"]


def test_churn_mensuel_sur_les_donnees():
    """On abonnements.csv, is the whole-period rate the one of data/README.md (7,96 %)?"""
    from obm.donnees import chemin_donnees, clara

    cercle = next(o for o in clara().autres_offres if o.nom == "Cercle Sérénité")
    t = kpi.churn_mensuel(pd.read_csv(chemin_donnees("abonnements.csv")),
                          date_observation=cercle.date_observation)
    assert t.index[0] == "2026-01" and t.index[-2] == "2027-05"
    assert t.loc["Ensemble", "resiliations"] == 163 and t.loc["Ensemble", "membres_debut_mois"] == 2048
    assert round(100 * t.loc["Ensemble", "taux_churn"], 2) == 7.96


def test_churn_mensuel_erreurs():
    """Are a missing column, an unreadable date and an empty table refused in French?"""
    with pytest.raises(ColonneManquante, match="date_fin"):
        kpi.churn_mensuel(pd.DataFrame({"date_debut": ["2026-01-01"]}))
    with pytest.raises(DonneesInvalides, match="date de début"):
        kpi.churn_mensuel(pd.DataFrame({"date_debut": ["janvier"], "date_fin": [""]}))
    with pytest.raises(DonneesInvalides, match="vide"):
        kpi.churn_mensuel(pd.DataFrame({"date_debut": [], "date_fin": []}))


# ---------------------------------------------------------------- revenue, defined once


def test_valeur_commande_compte_toutes_les_echeances():
    """Does an order paid in 3 instalments count 3 × 179 € in valeur_commande, 179 € in montant?"""
    v = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT)).ventes
    # CMD-1, 3, 4, 5, 6: paiement unique, 3 fois, unique, 3 fois, unique (coaching 1 290 €)
    assert list(v["valeur_commande"]) == [497.0, 537.0, 497.0, 537.0, 1290.0]
    assert list(v["montant"]) == [497.0, 179.0, 497.0, 179.0, 1290.0]


def test_bilan_ventes_a_la_main():
    """Do the definitions of revenue give what is worked out by hand on the tiny export?"""
    export = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT))
    b = kpi.bilan_ventes(export, "Cap Sérénité")
    # Cap Sérénité: CMD-1 (497, refunded), CMD-3 (3 × 179), CMD-4 (497), CMD-5 (3 × 179)
    assert (b.commandes, b.paiements_uniques, b.paiements_echelonnes, b.remboursements) == (4, 2, 2, 1)
    assert b.encaisse_commandes_ttc == 497 + 179 + 497 + 179
    assert b.ventes_conclues_ttc == 497 + 537 + 497 + 537
    assert b.rembourse_ttc == 497
    assert b.ventes_nettes_ttc == 537 + 497 + 537
    assert b.ventes_nettes_ht == pytest.approx((537 + 497 + 537) / 1.2)
    assert b.a_encaisser_ttc == 2 * 2 * 179  # two more instalments of each 3-fois order
    meta = kpi.bilan_ventes(export, "Cap Sérénité", source="facebook_ads")
    assert (meta.commandes, meta.ventes_nettes_ttc) == (1, 497)
    texte = str(b)
    assert "1\u202f571\u00a0€" in texte and "Chiffre d'affaires TTC" in texte
    assert "obm-resultat" in b._repr_html_()


def test_bilan_ventes_sur_les_donnees_comme_clara_toml():
    """On the real export, do the figures match the launch results of data/clara.toml?"""
    from obm.donnees import clara

    r = clara().lancement.resultats
    b = kpi.bilan_ventes(kpi.charger_export_ventes("ventes_export_brut.csv"))
    assert b.commandes == r.ventes and b.remboursements == r.remboursements
    assert (b.paiements_uniques, b.paiements_echelonnes) == (r.paiements_uniques,
                                                              r.paiements_en_trois_fois)
    assert b.encaisse_commandes_ttc == r.encaisse_commandes_ttc
    assert b.ventes_conclues_ttc == r.ventes_conclues_ttc
    assert b.ventes_nettes_ttc == r.ventes_conclues_nettes_ttc
    assert b.a_encaisser_ttc == b.ventes_nettes_ttc - (b.encaisse_commandes_ttc - b.rembourse_ttc)


def test_bilan_ventes_erreurs():
    """Are a raw table, an unknown product and an unknown source refused in French?"""
    export = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT))
    with pytest.raises(TypeInvalide, match="charger_export_ventes"):
        kpi.bilan_ventes(export.ventes)
    with pytest.raises(IdentifiantInconnu, match="Cap Sérénité"):
        kpi.bilan_ventes(export, "Cap Serenite")
    with pytest.raises(IdentifiantInconnu, match="youtube"):
        kpi.bilan_ventes(export, "Cap Sérénité", source="youtube")


def test_export_enregistre_en_classeur(tmp_path):
    """Is the cleaned export saved as a workbook: sales with real dates and numbers, and the report?"""
    import datetime as dt

    import openpyxl

    export = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT))
    chemin = export.enregistrer_excel(tmp_path / "ventes.xlsx")
    classeur = openpyxl.load_workbook(chemin)
    assert classeur.sheetnames == ["Ventes", "Rapport"]
    ventes = classeur["Ventes"]
    entetes = [c.value for c in ventes[1]]
    assert entetes == list(export.ventes.columns)
    premiere = dict(zip(entetes, (c.value for c in ventes[2])))
    assert premiere["date"] == dt.datetime(2027, 5, 18, 9, 10)
    assert premiere["valeur_commande"] == 497 and ventes.max_row == 1 + len(export.ventes)
    assert [c.value for c in classeur["Rapport"]["A"]][1:] == export.rapport
    with pytest.raises(DonneesInvalides, match=".xlsx"):
        export.enregistrer_excel(tmp_path / "ventes.csv")


# ---------------------------------------------------------------- readable tables


def test_apercu_ecrit_a_la_francaise_sans_rien_couper():
    """Does apercu write numbers, amounts, rates and dates the French way, cells kept on one line?"""
    a = kpi.apercu(petit_lancement(), 3)
    assert a.entetes[:2] == ["date", "source"]
    assert a.lignes[0][:3] == ["18/05/2027", "email", "600"]
    assert a.lignes[1][-2:] == ["1\u202f500\u00a0€", "800\u00a0€"]
    assert a.note == "3 premières lignes sur 4."
    html = a._repr_html_()
    assert "white-space:nowrap" in html and "…" not in html
    assert "inscriptions_\u200bwebinaire" in html  # headers may wrap after an underscore only
    e = kpi.apercu(kpi.entonnoir(petit_lancement()))
    assert e.entetes[0] == "etape" and e.lignes[1][2] == "30\u00a0%"  # 450 ÷ 1 500
    assert "13\u202f182" not in str(e)
    with pytest.raises(TypeInvalide, match="DataFrame"):
        kpi.apercu([1, 2])


# ---------------------------------------------------------------- the dashboard on the course's revenue


def test_tableau_de_bord_avec_l_export_utilise_les_ventes_conclues_nettes():
    """With the export, are revenue and ROAS the net closed sales of each source, said in the titles?"""
    export = kpi.charger_export_ventes(io.StringIO(PETIT_EXPORT))
    df = petit_lancement()
    fig = kpi.tableau_de_bord_lancement(df, export)
    _, ax_ca, ax_roas = fig.axes
    # Cap Sérénité kept orders: instagram CMD-3 (537), facebook_ads CMD-4 (497), email CMD-5
    # (537); CMD-1 is refunded and CMD-6 is another product.
    assert sorted(p.get_height() for p in ax_ca.patches) == [497.0, 537.0, 537.0]
    assert "ventes conclues nettes" in ax_ca.get_title()
    # ROAS of facebook_ads on its own net sales: 497 ÷ (800 + 450), never the whole revenue.
    assert [p.get_height() for p in ax_roas.patches] == pytest.approx([497 / 1250])
    assert "ventes conclues nettes" in ax_roas.get_title()
    # The cost per customer brought by the ad is written on its bar: 1 250 ÷ 10 orders.
    assert "125\u00a0€" in textes(ax_roas)
    # A text alternative says what the figure shows.
    assert fig.get_label().startswith("Tableau de bord du lancement.") and "ROAS" in fig.get_label()
    sans_export = kpi.tableau_de_bord_lancement(df)
    assert "encaissé le jour des commandes" in sans_export.axes[1].get_title()


# ---------------------------------------------------------------- the one-page report


def test_bilan_du_lancement_ecrit_ses_reponses(tmp_path):
    """Does the report carry the learner's answers in French, and « à compléter » where missing?"""
    (tmp_path / kpi.TABLEAU_DE_BORD_PNG).write_bytes(b"\x89PNG\r\n\x1a\n")
    bilan = kpi.ecrire_bilan_lancement(
        tmp_path / "bilan.md", chiffre_affaires_ttc=12000.0, roas_meta=2.5,
        cout_par_cliente_meta=80.0, indicateurs={"taux_presence_webinaire": 0.4},
        test_ab=kpi.test_ab(10, 200, 14, 200), decision_ab="garder A",
        recommandation="Clara, voici ce que je te propose.")
    texte = bilan.chemin.read_text(encoding="utf-8")
    assert texte.startswith("# Bilan du lancement de printemps 2027")
    assert "12\u202f000\u00a0€" in texte and "10\u202f000\u00a0€" in texte  # TTC and HT (÷ 1,2)
    assert "| 2,50 |" in texte and "80\u00a0€" in texte
    assert "Présence au webinaire" in texte and "PCMA" in texte
    assert "Décision\u202f: garder A." in texte and "Clara, voici ce que je te propose." in texte
    assert f"]({kpi.TABLEAU_DE_BORD_PNG})" in texte
    assert "Bilan enregistré" in bilan._repr_markdown_() and "](12_" not in bilan._repr_markdown_()
    vide = kpi.ecrire_bilan_lancement(tmp_path / "vide.md", chiffre_affaires_ttc=...,
                                      recommandation=...).chemin.read_text(encoding="utf-8")
    assert vide.count("à compléter") >= 4 and vide.count("À compléter") >= 3
    faux = kpi.ecrire_bilan_lancement(tmp_path / "faux.md", chiffre_affaires_ttc="49 000 €",
                                      indicateurs={"inconnu": 0.3}).chemin.read_text(encoding="utf-8")
    assert "à revoir ('49 000 €')" in faux and "Je ne connais pas le repère" in faux


# ---------------------------------------------------------------- Clara's facts used by module 12


def test_faits_du_module_12_concordent_avec_les_donnees():
    """Do the costs, the A/B test, the sales-page visits and the list size of clara.toml agree with
    the other facts and with the data sets?"""
    import csv

    from obm.donnees import chemin_donnees, clara

    faits = clara()
    lancement = faits.lancement
    couts = {c.poste.split()[0]: c for c in lancement.couts_vente_marketing}
    assert couts["Publicité"].montant_ht == pytest.approx(lancement.resultats.depenses_pub_ttc / 1.2)
    samir = couts["Samir"]
    assert samir.montant_ht == faits.membre("Samir").budget_mission_ht
    ines = couts["Inès"]
    assert ines.montant_ht == ines.heures * faits.membre("Inès").taux_horaire_ht
    with open(chemin_donnees("lancement_entonnoir.csv"), encoding="utf-8") as f:
        lignes = list(csv.DictReader(f))
    panier = [l for l in lignes if l["date"] >= lancement.ouverture_panier.isoformat()]
    assert sum(int(l["visites"]) for l in panier) == lancement.resultats.visites_page_de_vente
    ab = lancement.test_ab_titres
    assert ab.ventes_a + ab.ventes_b == lancement.resultats.ventes  # every sale went through the page
    assert ab.visiteuses_a + ab.visiteuses_b <= lancement.resultats.visites_page_de_vente
    # The list on the morning the cart opened (data/README.md): 4 800 + opt-ins − unsubscribes
    # and hard bounces of the e-mails sent before.
    with open(chemin_donnees("campagnes_email.csv"), encoding="utf-8") as f:
        campagnes = list(csv.DictReader(f))
    jour = lancement.ouverture_panier.isoformat()
    taille = (faits.audience.liste_email
              + sum(int(l["inscriptions_liste"]) for l in lignes if l["date"] < jour)
              - sum(int(c["desinscriptions"]) + int(c["rebonds_durs"]) for c in campagnes
                    if c["date"] < jour))
    assert taille == lancement.resultats.liste_email_ouverture_panier
    cercle = next(o for o in faits.autres_offres if o.nom == "Cercle Sérénité")
    assert 0 < cercle.taux_marge_brute < 1
