"""Does obm.fr write numbers, amounts, percentages, dates and booleans as a French reader expects?"""

import datetime as dt

import numpy as np
import pytest

import obm
from obm import fr
from obm.erreurs import ErreurOBM

FINE, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("valeur, attendu", [
    (1200, f"1{FINE}200"),
    (4800, f"4{FINE}800"),
    (1200.5, f"1{FINE}200,5"),
    (2.3125, "2,31"),
    (0, "0"),
    (-1500, f"-1{FINE}500"),
    (np.int64(12000), f"12{FINE}000"),
    (np.float64(2.5), "2,5"),
])
def test_nombre(valeur, attendu):
    """Are thousands separated by a narrow no-break space and decimals by a comma?"""
    assert fr.nombre(valeur) == attendu


def test_nombre_decimales_imposees():
    """Does an explicit number of decimals pad and round half up?"""
    assert fr.nombre(2.5, 0) == "3"
    assert fr.nombre(2.0, 2) == "2,00"
    assert fr.nombre(float("nan")) == "non défini"


@pytest.mark.parametrize("valeur, attendu", [
    (497, f"497{NBSP}€"),
    (2.3125, f"2,31{NBSP}€"),
    (36662.0, f"36{FINE}662{NBSP}€"),
    (24.8370, f"24,84{NBSP}€"),
])
def test_euros(valeur, attendu):
    """Are amounts written with cents only when there are some, and a no-break space before €?"""
    assert fr.euros(valeur) == attendu


def test_liste_euros():
    """Is a list of amounts written as a French phrase (commas, then « et »), never as [2850, 200.0]?"""
    assert fr.liste_euros([2850, 2650, 2520, 2450]) == (
        f"2{FINE}850{NBSP}€, 2{FINE}650{NBSP}€, 2{FINE}520{NBSP}€ et 2{FINE}450{NBSP}€")
    assert fr.liste_euros([200.0, 130.0, 70.5]) == f"200{NBSP}€, 130{NBSP}€ et 70,50{NBSP}€"
    assert fr.liste_euros((np.int64(945),)) == f"945{NBSP}€"
    assert fr.liste_euros([]) == "—"
    with pytest.raises(ErreurOBM):
        fr.liste_euros("2850")


def test_pourcentage():
    """Is a fraction shown as a percentage, with a no-break space before %?"""
    assert fr.pourcentage(0.25) == f"25{NBSP}%"
    assert fr.pourcentage(0.2271, 1) == f"22,7{NBSP}%"
    assert fr.pourcentage(0.066) == f"7{NBSP}%"


def test_dates():
    """Are dates written in full, with « 1er » for the first of the month?"""
    assert fr.date(dt.date(2027, 5, 18)) == "mardi 18 mai 2027"
    assert fr.date(dt.date(2027, 5, 1)) == "samedi 1er mai 2027"
    assert fr.date("2027-05-18", "long") == "18 mai 2027"
    assert fr.date(dt.date(2027, 5, 18), "numerique") == "18/05/2027"
    assert fr.heure(dt.time(9, 40)) == f"9{NBSP}h{NBSP}40"
    assert fr.date_heure(dt.datetime(2027, 5, 11, 19, 0)) == f"mardi 11 mai 2027 à 19{NBSP}h"


def test_booleens_et_appel_direct():
    """Does obm.fr(x) answer « oui » / « non » for booleans and dispatch on the type?"""
    assert obm.fr(True) == "oui" and obm.fr(False) == "non"
    assert obm.fr(np.bool_(True)) == "oui"
    assert obm.fr(dt.date(2027, 5, 18)) == "mardi 18 mai 2027"
    assert obm.fr(1200) == f"1{FINE}200"
    assert obm.fr(None) == "—"


def test_erreurs_en_francais():
    """Does a wrong input raise the course's error, in French?"""
    with pytest.raises(ErreurOBM, match="attend un nombre"):
        fr.euros("497")
    with pytest.raises(ErreurOBM, match="style inconnu"):
        fr.date(dt.date(2027, 5, 18), "bizarre")
