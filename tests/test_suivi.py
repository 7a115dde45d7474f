"""Tests of obm.suivi.valeur_acquise: earned value at a date and the project's « météo ».

Worked example of reference/domain-modules.md § 05, « 8 vidéos du programme »: BAC 4 000 € HT,
planned evenly over 8 weeks; end of week 4 PV 2 000; 3 videos accepted → EV 1 500; AC 1 800.
SV −500; CV −300; SPI 0.75; CPI 0.83; EAC ≈ 4 800; ETC 3 000; VAC −800; TCPI 1.14.
"""

import math

import numpy as np
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import suivi
from obm.erreurs import DonneesInvalides, TypeInvalide


def test_exemple_des_huit_videos():
    """Does the week-4 point of the eight videos give every figure of the worked example?"""
    r = suivi.valeur_acquise(4000, 4 / 8, 3 / 8, 1800)
    assert r.valeur_planifiee == pytest.approx(2000)
    assert r.valeur_acquise == pytest.approx(1500)
    assert r.cout_reel == 1800
    assert r.ecart_delai == pytest.approx(-500)
    assert r.ecart_cout == pytest.approx(-300)
    assert r.ipd == pytest.approx(0.75)
    assert r.ipc == pytest.approx(1500 / 1800) and round(r.ipc, 2) == 0.83
    assert r.estimation_a_terminaison == pytest.approx(4800)
    assert r.reste_a_faire == pytest.approx(3000)
    assert r.ecart_a_terminaison == pytest.approx(-800)
    assert r.indice_pour_finir == pytest.approx(2500 / 2200) and round(r.indice_pour_finir, 2) == 1.14
    assert r.meteo == "rouge" and r.meteo_texte == "météo rouge"
    assert r.seuils == (0.95, 0.85)


def test_pas_les_erreurs_typiques():
    """Are the signs and ratios those of PMBOK, not the usual mistakes (CV = AC − EV, SPI = PV/EV…)?"""
    r = suivi.valeur_acquise(4000, 0.5, 0.375, 1800)
    assert r.ecart_cout < 0 and r.ecart_cout != pytest.approx(1800 - 1500)  # CV = AC − EV
    assert r.ipd < 1 and r.ipd != pytest.approx(2000 / 1500)  # SPI = PV / EV
    assert r.estimation_a_terminaison != pytest.approx(4000 * r.ipc)  # EAC = BAC × CPI
    assert r.reste_a_faire != pytest.approx(4000 - 1800)  # ETC = BAC − AC
    assert r.ecart_a_terminaison < 0  # VAC sign
    # EV comes from work done, not from elapsed time (0.5) nor from spending (1 800 / 4 000)
    assert r.valeur_acquise != pytest.approx(2000) and r.valeur_acquise != pytest.approx(1800)


def test_calcul_independant():
    """Do all the fields match a plain recomputation on another case (ahead and under budget)?"""
    bac, prevue, realisee, ac = 12_000, 0.4, 0.5, 5_000
    r = suivi.valeur_acquise(bac, prevue, realisee, ac)
    pv, ev = bac * prevue, bac * realisee
    cpi = ev / ac
    eac = bac / cpi
    attendu = {"valeur_planifiee": pv, "valeur_acquise": ev, "ecart_delai": ev - pv,
               "ecart_cout": ev - ac, "ipd": ev / pv, "ipc": cpi, "estimation_a_terminaison": eac,
               "reste_a_faire": eac - ac, "ecart_a_terminaison": bac - eac,
               "indice_pour_finir": (bac - ev) / (bac - ac)}
    for champ, valeur in attendu.items():
        assert getattr(r, champ) == pytest.approx(valeur), champ
        assert type(getattr(r, champ)) is float
    assert r.meteo == "vert"


@pytest.mark.parametrize(("part_realisee", "meteo"), [
    (0.95, "vert"),       # min(IPD, IPC) = 0.95 exactly: green
    (0.9499, "orange"),
    (0.85, "orange"),     # exactly 0.85: orange
    (0.8499, "rouge"),
])
def test_seuils_de_la_meteo(part_realisee, meteo):
    """Is the weather green from 0.95, orange from 0.85, red below, on the weaker of IPD and IPC?"""
    # budget 1000, planned 100 %, spent 1000: IPD = IPC = part réalisée
    assert suivi.valeur_acquise(1000, 1.0, part_realisee, 1000).meteo == meteo


def test_meteo_prend_le_plus_faible_des_indices():
    """Is a project on time but over budget judged on its cost index (no green with a red dimension)?"""
    r = suivi.valeur_acquise(1000, 0.5, 0.5, 800)  # IPD 1, IPC 0.625
    assert r.ipd == 1.0 and r.meteo == "rouge"
    r = suivi.valeur_acquise(1000, 0.5, 0.45, 400)  # IPD 0.9, IPC 1.125
    assert r.meteo == "orange"


def test_seuils_propres_au_projet():
    """Do thresholds set for a project change the weather, and are they kept in the result?"""
    r = suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.75, 0.5))
    assert r.meteo == "vert" and r.seuils == (0.75, 0.5)
    assert suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=[0.8, 0.7]).meteo == "orange"
    assert suivi.SEUILS_METEO == (0.95, 0.85)


def test_budget_deja_depense():
    """Is the to-complete index None once the budget is spent (no division by a negative rest)?"""
    r = suivi.valeur_acquise(1000, 0.8, 0.6, 1000)
    assert r.indice_pour_finir is None
    assert suivi.valeur_acquise(1000, 0.8, 0.6, 1200).indice_pour_finir is None


def test_entrees_numpy():
    """Are numpy scalars accepted and plain floats returned?"""
    r = suivi.valeur_acquise(np.int64(4000), np.float64(0.5), 0.375, np.int32(1800))
    assert type(r.ipc) is float and r.ipd == 0.75


def test_affichage_francais_avec_icone_et_mot():
    """Is the status shown with an icon and a word (never colour alone) and French numbers?"""
    r = suivi.valeur_acquise(4000, 0.5, 0.375, 1800)
    texte = str(r)
    assert "🔴 météo rouge" in texte and "0,75" in texte and "4\u202f800\u00a0€" in texte
    assert "Seuils de ce projet" in texte and "cause, une action" in texte
    html = r._repr_html_()
    assert "météo rouge" in html and "<table" in html
    vert = str(suivi.valeur_acquise(1000, 0.5, 0.5, 500))
    assert "🟢 météo verte" in vert and "≥ 1" in vert


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: suivi.valeur_acquise(0, 0.5, 0.375, 1800), DonneesInvalides, "BAC"),
    (lambda: suivi.valeur_acquise(-4000, 0.5, 0.375, 1800), DonneesInvalides, "négatif"),
    (lambda: suivi.valeur_acquise(4000, 0, 0.375, 1800), DonneesInvalides, "aucun travail n'était prévu"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0, 1800), DonneesInvalides, "aucun travail n'est terminé"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 0), DonneesInvalides, "sans dépense"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, -1), DonneesInvalides, "négatif"),
    (lambda: suivi.valeur_acquise(4000, 50, 0.375, 1800), DonneesInvalides, "écris 0.8 pour 80 %"),
    (lambda: suivi.valeur_acquise(4000, 0.5, -0.1, 1800), DonneesInvalides, "négatif"),
    (lambda: suivi.valeur_acquise("4 000 €", 0.5, 0.375, 1800), TypeInvalide, "texte"),
    (lambda: suivi.valeur_acquise(4000, True, 0.375, 1800), TypeInvalide, "booléen"),
    (lambda: suivi.valeur_acquise(4000, 0.5, math.nan, 1800), DonneesInvalides, "NaN"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=0.95), TypeInvalide, "couple"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.95,)), TypeInvalide, "couple"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.85, 0.95)), DonneesInvalides,
     "au moins celui de l'orange"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(95, 85)), DonneesInvalides,
     "écris 0.8 pour 80 %"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.95, 0)), DonneesInvalides,
     "strictement positif"),
    (lambda: suivi.valeur_acquise(1e308, 1e-300, 1, 1e-300), DonneesInvalides, "trop grands"),
])
def test_erreurs(appel, erreur, morceau):
    """Is every impossible point refused with the obm error, in French, saying how to fix it?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


fractions = st.floats(0.01, 1)
montants = st.floats(1, 1e7)


@REGLAGES
@given(montants, fractions, fractions, montants)
def test_identites(bac, prevue, realisee, ac):
    """Do the identities of earned value hold (EAC × IPC = BAC, RAF + CR = EAC, weather from min)?"""
    r = suivi.valeur_acquise(bac, prevue, realisee, ac)
    assert r.estimation_a_terminaison * r.ipc == pytest.approx(bac, rel=1e-9)
    assert r.reste_a_faire + r.cout_reel == pytest.approx(r.estimation_a_terminaison, rel=1e-9)
    assert r.ecart_delai == pytest.approx(r.valeur_acquise - r.valeur_planifiee, rel=1e-9, abs=1e-6)
    plus_faible = min(r.ipd, r.ipc)
    attendu = "vert" if plus_faible >= 0.95 else "orange" if plus_faible >= 0.85 else "rouge"
    assert r.meteo == attendu


@REGLAGES
@given(valeurs, valeurs, valeurs, valeurs, st.one_of(valeurs, st.tuples(valeurs, valeurs)))
def test_entrees_quelconques(bac, prevue, realisee, ac, seuils):
    """Does any input give an earned-value point with finite floats, or the obm error, nothing else?"""
    r = appeler(suivi.valeur_acquise, bac, prevue, realisee, ac, seuils=seuils)
    if r is not None:
        assert all(est_float_fini(x) for x in (r.ipd, r.ipc, r.estimation_a_terminaison))
        assert r.meteo in suivi.METEOS
