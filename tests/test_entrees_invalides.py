"""Random, often invalid, inputs to learner-facing functions: a result or the obm error, nothing else.

A learner's mistake must end in a French `ErreurOBM` message, never in a bare TypeError,
KeyError or ZeroDivisionError from inside the library.
"""

import math
from datetime import date, datetime

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obm import kpi, planification
from obm.erreurs import ErreurOBM

REGLAGES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Anything a learner might type where a value is expected.
valeurs = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["3", "3 jours", "2027-05-18", "18/05/2027", "", " ", "A, B"]),
    st.lists(st.integers(-2, 5), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.just(math.nan), st.just(float("inf")),
)
identifiants = st.one_of(st.sampled_from(["A", "B", "C", "1", 1, " A ", ""]), valeurs)


def appeler(fonction, *args, **kwargs):
    try:
        return fonction(*args, **kwargs)
    except ErreurOBM as erreur:
        assert str(erreur).strip(), "une erreur obm sans message"
        return None


taches_desordonnees = st.lists(
    st.dictionaries(
        st.sampled_from(["id", "tache", "duree", "predecesseurs", "responsable"]),
        st.one_of(identifiants, st.lists(identifiants, max_size=3)),
        min_size=0, max_size=5),
    max_size=6)


@REGLAGES
@given(taches=taches_desordonnees, cible=valeurs)
def test_retroplanning_entrees_quelconques(taches, cible):
    """Does retroplanning answer any list of task dicts and any target with a plan or the obm error?"""
    appeler(planification.retroplanning, taches, cible)


@REGLAGES
@given(taches=taches_desordonnees, depart=valeurs)
def test_planning_au_plus_tot_entrees_quelconques(taches, depart):
    """Does the forward plan answer any input with a plan or the obm error?"""
    appeler(planification.planning_au_plus_tot, taches, depart)


@REGLAGES
@given(taches=valeurs, cible=valeurs)
def test_retroplanning_pas_une_liste(taches, cible):
    """Does retroplanning given something that is not a task list give the obm error?"""
    appeler(planification.retroplanning, taches, cible)


@REGLAGES
@given(debut=valeurs, fin=valeurs, n=valeurs, zone=st.one_of(valeurs, st.sampled_from(["metropole", "alsace-moselle"])))
def test_jours_ouvres_entrees_quelconques(debut, fin, n, zone):
    """Do the working-day helpers answer any input with a value or the obm error?"""
    appeler(planification.jours_ouvres_entre, debut, fin, zone=zone)
    appeler(planification.ajouter_jours_ouvres, debut, n, zone=zone)
    appeler(planification.jours_feries, n, zone=zone)


@REGLAGES
@given(a=valeurs, b=valeurs, c=valeurs, d=valeurs)
def test_formules_kpi_entrees_quelconques(a, b, c, d):
    """Do the KPI formulas answer any input with a finite float or the obm error?"""
    for fonction, arguments in [(kpi.roas, (a, b)), (kpi.cac, (a, b)), (kpi.ltv, (a, b, c)),
                                (kpi.taux_conversion, (a, b)), (kpi.taux_remboursement, (a, b)),
                                (kpi.taux_churn, (a, b)), (kpi.ratio_ltv_cac, (a, b))]:
        resultat = appeler(fonction, *arguments)
        if resultat is not None:
            assert isinstance(resultat, float) and math.isfinite(resultat), (fonction.__name__, arguments)
    resultat = appeler(kpi.test_ab, a, b, c, d)
    if resultat is not None:
        assert 0.0 <= resultat.p_value <= 1.0


colonnes_entonnoir = ["date", "source", "visites", "inscriptions_webinaire", "participants_webinaire",
                      "ventes", "chiffre_affaires", "depenses_pub"]


@REGLAGES
@given(st.lists(st.fixed_dictionaries({}, optional={c: valeurs for c in colonnes_entonnoir}), max_size=4))
def test_entonnoir_tableau_quelconque(lignes):
    """Does the funnel answer any small table (missing columns, text, NaN) with a result or the obm error?"""
    appeler(kpi.entonnoir, pd.DataFrame(lignes))


@REGLAGES
@given(valeur=valeurs, repere=st.one_of(valeurs, st.sampled_from(sorted(kpi.REPERES))))
def test_comparer_aux_reperes_quelconque(valeur, repere):
    """Does the benchmark comparison answer any input with a verdict or the obm error?"""
    appeler(kpi.comparer_aux_reperes, valeur, repere)
