"""Tests of obm.projet: three-point (PERT) estimates and their sum for tasks in sequence.

Worked example of reference/domain-modules.md § 02: one video edit by Hugo, O 4 h, M 6 h,
P 14 h → E = 42 / 6 = 7 h, σ = 10 / 6 ≈ 1.67 h (triangular mean: 8 h); eight videos:
E = 56 h, σ = √(8 × (10/6)²) ≈ 4.71 h, not 8 × 1.67 ≈ 13.3 h.
"""

import math

import numpy as np
import pandas as pd
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, listes, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import projet
from obm.erreurs import DonneesInvalides, TypeInvalide


def test_exemple_du_montage_video():
    """Does Hugo's video edit (4 / 6 / 14 h) give E = 7 h, σ = 10/6 h and a triangular mean of 8 h?"""
    e = projet.estimation_trois_points(4, 6, 14)
    assert e.esperance == pytest.approx(42 / 6) and e.esperance == pytest.approx(7.0)
    assert e.ecart_type == pytest.approx(10 / 6)
    assert e.variance == pytest.approx((10 / 6) ** 2)
    assert e.esperance_triangulaire == pytest.approx(8.0)
    assert (e.optimiste, e.probable, e.pessimiste, e.nombre_taches) == (4.0, 6.0, 14.0, 1)


def test_huit_videos_variances_additionnees():
    """Do eight edits add up to E = 56 h and σ = √(8 σ²) ≈ 4.71 h, not the summed 13.3 h?"""
    une = projet.estimation_trois_points(4, 6, 14)
    huit = projet.cumuler_estimations([une] * 8)
    assert huit.esperance == pytest.approx(56.0)
    assert huit.ecart_type == pytest.approx(math.sqrt(8) * 10 / 6)
    assert huit.ecart_type == pytest.approx(4.714, abs=1e-3)
    assert huit.ecart_type != pytest.approx(8 * 10 / 6)  # the mutant "σ summed across tasks"
    assert huit.variance == pytest.approx(8 * (10 / 6) ** 2)
    assert huit.nombre_taches == 8
    assert (huit.optimiste, huit.probable, huit.pessimiste) == (32.0, 48.0, 112.0)
    assert type(huit) is projet.EstimationTroisPoints


def test_poids_de_la_formule():
    """Is the most likely value weighted 4 and the sum divided by 6 (not 4O…, not ÷ 3 after weighting)?"""
    e = projet.estimation_trois_points(0, 6, 6)
    assert e.esperance == pytest.approx(5.0)  # (0 + 24 + 6) / 6, while (4·0 + 6 + 6) / 6 = 2
    assert projet.estimation_trois_points(0, 0, 6).esperance == pytest.approx(1.0)
    assert projet.estimation_trois_points(5, 5, 5).ecart_type == 0.0


def test_cumul_de_cumuls_et_tache_unique():
    """Is a sum of sums the sum of all tasks, and the sum of one task that task?"""
    a = projet.estimation_trois_points(1, 2, 4)
    b = projet.estimation_trois_points(3, 5, 10)
    c = projet.estimation_trois_points(0, 1, 1)
    tout = projet.cumuler_estimations([a, b, c])
    par_morceaux = projet.cumuler_estimations([projet.cumuler_estimations([a, b]), c])
    assert par_morceaux.esperance == pytest.approx(tout.esperance)
    assert par_morceaux.variance == pytest.approx(tout.variance)
    assert par_morceaux.nombre_taches == 3
    seule = projet.cumuler_estimations([a])
    assert seule.esperance == a.esperance and seule.ecart_type == pytest.approx(a.ecart_type)
    # a tuple, a Series and a numpy array of estimates are lists too
    assert projet.cumuler_estimations((a, b)).esperance == pytest.approx(a.esperance + b.esperance)
    assert projet.cumuler_estimations(pd.Series([a, b])).nombre_taches == 2


def test_entrees_numpy_et_csv():
    """Are numpy scalars and integral floats read from a CSV accepted, and plain floats returned?"""
    e = projet.estimation_trois_points(np.int64(4), np.float64(6.0), 14.0)
    for champ in ("optimiste", "probable", "pessimiste", "esperance", "ecart_type", "variance",
                  "esperance_triangulaire"):
        assert type(getattr(e, champ)) is float
    assert e.esperance == 7.0


def test_fourchette():
    """Is the range E ± k σ, with a non-negative k?"""
    e = projet.estimation_trois_points(4, 6, 14)
    bas, haut = e.fourchette(2)
    assert bas == pytest.approx(7 - 20 / 6) and haut == pytest.approx(7 + 20 / 6)
    assert e.fourchette(0) == (7.0, 7.0)
    with pytest.raises(DonneesInvalides, match="négatif"):
        e.fourchette(-1)


def test_affichage_francais():
    """Are the estimates shown in French with French numbers, in text and in HTML?"""
    e = projet.estimation_trois_points(4, 6, 14)
    texte = str(e)
    assert "Espérance" in texte and "1,67" in texte and "1.67" not in texte
    assert "<table" in e._repr_html_() and "1,67" in e._repr_html_()
    huit = str(projet.cumuler_estimations([e] * 8))
    assert "Cumul de 8 estimations" in huit and "4,71" in huit and "somme des variances" in huit


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: projet.estimation_trois_points(6, 4, 14), DonneesInvalides, "optimiste (6) dépasse le probable"),
    (lambda: projet.estimation_trois_points(4, 16, 14), DonneesInvalides, "probable (16) dépasse le pessimiste"),
    (lambda: projet.estimation_trois_points(14, 6, 4), DonneesInvalides, "inversé"),
    (lambda: projet.estimation_trois_points(-1, 6, 14), DonneesInvalides, "négatif"),
    (lambda: projet.estimation_trois_points("4 h", 6, 14), TypeInvalide, "texte"),
    (lambda: projet.estimation_trois_points(4, True, 14), TypeInvalide, "booléen"),
    (lambda: projet.estimation_trois_points(4, 6, math.nan), DonneesInvalides, "NaN"),
    (lambda: projet.estimation_trois_points(4, 6, None), TypeInvalide, "vide"),
    (lambda: projet.estimation_trois_points(0, 1e308, 1e308), DonneesInvalides, "trop grands"),
    (lambda: projet.cumuler_estimations([]), DonneesInvalides, "vide"),
    (lambda: projet.cumuler_estimations(projet.estimation_trois_points(1, 2, 3)), TypeInvalide,
     "liste d'estimations"),
    (lambda: projet.cumuler_estimations([(4, 6, 14)]), TypeInvalide, "estimation_trois_points("),
    (lambda: projet.cumuler_estimations([7.0, 8.0]), TypeInvalide, "valeur n°\u00a01"),
    (lambda: projet.cumuler_estimations([projet.estimation_trois_points(0, 1e308, 1e308)] * 2), DonneesInvalides,
     "trop grands"),
])
def test_erreurs(appel, erreur, morceau):
    """Is every impossible estimate refused with the obm error, in French, saying how to fix it?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


triplets = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=3, max_size=3).map(sorted)


@REGLAGES
@given(triplets)
def test_proprietes_d_une_estimation(triplet):
    """Is E between O and P, σ = (P − O)/6 ≥ 0, and E the weighted mean computed independently?"""
    o, m, p = triplet
    e = projet.estimation_trois_points(o, m, p)
    assert o - 1e-9 <= e.esperance <= p + 1e-9
    assert e.ecart_type >= 0 and e.ecart_type == pytest.approx((p - o) / 6)
    assert e.esperance == pytest.approx((o + 4 * m + p) / 6, rel=1e-12, abs=1e-9)
    assert e.variance == pytest.approx(e.ecart_type ** 2, rel=1e-12, abs=1e-12)


@REGLAGES
@given(st.lists(triplets, min_size=1, max_size=8))
def test_proprietes_d_un_cumul(liste):
    """Does a sum add expectations and variances, and is its σ at most the sum of the σ's?"""
    estimations = [projet.estimation_trois_points(*t) for t in liste]
    total = projet.cumuler_estimations(estimations)
    assert total.esperance == pytest.approx(sum(e.esperance for e in estimations), rel=1e-9, abs=1e-9)
    assert total.ecart_type == pytest.approx(math.sqrt(sum(e.ecart_type ** 2 for e in estimations)),
                                             rel=1e-9, abs=1e-9)
    assert total.ecart_type <= sum(e.ecart_type for e in estimations) + 1e-6
    assert total.ecart_type >= max(e.ecart_type for e in estimations) - 1e-6


@REGLAGES
@given(valeurs, valeurs, valeurs)
def test_entrees_quelconques_estimation(o, m, p):
    """Does any input give an estimate with finite floats, or the obm error, nothing else?"""
    e = appeler(projet.estimation_trois_points, o, m, p)
    if e is not None:
        assert all(est_float_fini(x) for x in (e.esperance, e.ecart_type, e.variance))


@REGLAGES
@given(listes)
def test_entrees_quelconques_cumul(liste):
    """Does any list (of numbers, text, estimates…) give a sum or the obm error, nothing else?"""
    appeler(projet.cumuler_estimations, liste)
