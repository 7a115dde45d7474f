"""Shared pieces of the tests of the formula modules (projet, equipe, suivi, risques, negociation,
finances): what a learner might type where a number is expected, and a caller that accepts only
a result or the obm error.
"""

import math
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from obm.erreurs import ErreurOBM

# No example database: a run neither reads nor writes examples saved by earlier runs.
REGLAGES = settings(database=None, deadline=None, max_examples=150,
                    suppress_health_check=[HealthCheck.too_slow])

# Anything a learner might type where a value is expected.
valeurs = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.integers(10**300, 10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.sampled_from(["3", "80 %", "1 200 €", "", "0,8"]),
    st.lists(st.integers(-2, 12), max_size=4), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.sampled_from([np.int64(7), np.float64(0.5), np.True_, np.float32(2.5), Decimal("0.2"),
                     Decimal("NaN"), Decimal("sNaN"), Decimal("1e400"), pd.NA, pd.NaT, math.nan,
                     np.array([1, 2]), pd.Series([1.0, 2.0])]),
)

# Plausible numbers (so that the happy path is explored too).
nombres = st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False), st.floats(0, 1))

# Lists of anything, or of numbers.
listes = st.one_of(valeurs, st.lists(st.one_of(valeurs, nombres), max_size=6),
                   st.lists(nombres, min_size=1, max_size=6).map(pd.Series))


def appeler(fonction, *args, **kwargs):
    """The result of the call, or None when it raised the obm error (with a message)."""
    try:
        return fonction(*args, **kwargs)
    except ErreurOBM as erreur:
        assert str(erreur).strip(), "une erreur obm sans message"
        return None


def est_float_fini(x) -> bool:
    """A plain Python float (not a numpy scalar, not a subclass) that is finite."""
    return type(x) is float and math.isfinite(x)
