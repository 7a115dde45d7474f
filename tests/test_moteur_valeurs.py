"""Answers handed over as data: every type the grading engine passes from the learner's process
to the test process survives the trip with its exact type, and everything else is refused with
a French reason (obm.correction.moteur.valeurs). Reading never runs code: a payload can only
rebuild builtins, numpy, pandas and obm's own result objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import math
import pathlib
import zoneinfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obm.correction.moteur.valeurs import (LIMITE_OCTETS, PROFONDEUR_MAX, ValeurRefusee,
                                           aller_retour, decoder, encoder)


def meme(a, b) -> None:
    """Exact equality: same types all the way down, nan and -0.0 included."""
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, float):
        assert math.copysign(1, a) == math.copysign(1, b) and (a == b or (a != a and b != b))
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            meme(x, y)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for (k1, v1), (k2, v2) in zip(a.items(), b.items()):
            meme(k1, k2)
            meme(v1, v2)
    elif isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, check_index_type=True,
                                      check_column_type=True, check_freq=True)
        assert list(a.dtypes) == list(b.dtypes)
        for i in range(a.shape[1]):
            if a.dtypes.iloc[i] == object:
                for x, y in zip(a.iloc[:, i], b.iloc[:, i]):
                    meme(x, y)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True, check_index_type=True,
                                       check_freq=True)
        assert a.dtype == b.dtype
    elif isinstance(a, pd.Index):
        pd.testing.assert_index_equal(a, b, exact=True)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        assert np.array_equal(a, b, equal_nan=a.dtype.kind in "fcMm")
    elif isinstance(a, np.generic):
        assert a.dtype == b.dtype and (a == b or (a != a and b != b))
    elif a is pd.NaT or a is pd.NA:
        assert a is b
    elif isinstance(a, decimal.Decimal):
        assert str(a) == str(b)
    elif isinstance(a, dt.datetime):
        assert a == b and a.tzinfo == b.tzinfo and a.fold == b.fold
        assert a.utcoffset() == b.utcoffset()
    else:
        assert a == b


SIMPLES = [
    None, True, False, 0, -7, 2**80, -(2**70), 1.5, -0.0, float("nan"), float("inf"),
    float("-inf"), 1e300, "", "texte accentué é ✅", "\udcff", ..., [], [1, "a", None],
    (), (1, (2, [3])), {}, {"a": 1, 2: "b", (1, 2): [3], None: 0.5, dt.date(2027, 5, 18): "x"},
    set(), {1, 2, 3}, frozenset({"a", (1, 2)}), {frozenset({1}): 2},
    dt.date(2027, 5, 18), dt.datetime(2027, 5, 18, 9, 30, 15, 123456),
    dt.datetime(2027, 5, 18, 9, 30, tzinfo=dt.timezone.utc),
    dt.datetime(2027, 5, 18, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2), "CEST")),
    dt.datetime(2027, 10, 31, 2, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"), fold=1),
    dt.time(9, 40), dt.time(23, 59, 59, 999999, tzinfo=dt.timezone.utc),
    dt.timedelta(days=-3, seconds=5, microseconds=7), decimal.Decimal("2.31"),
    decimal.Decimal("-0.000"), decimal.Decimal("NaN"),
]


@pytest.mark.parametrize("valeur", SIMPLES, ids=[f"{i:02d}-{type(v).__name__}" for i, v in enumerate(SIMPLES)])
def test_valeurs_simples_aller_retour(valeur):
    """Does each builtin, date and Decimal value come back with its exact type and value?"""
    meme(valeur, aller_retour(valeur))


NUMPY = [np.int64(96), np.int32(-5), np.uint8(255), np.float64(47712.0), np.float32(0.1),
         np.float16(1.5), np.float64("nan"), np.float64(-0.0), np.bool_(True), np.bool_(False),
         np.complex128(1 + 2j), np.datetime64("2027-05-18"), np.datetime64("2027-05-18T09:00:00.123"),
         np.timedelta64(3, "D"), np.datetime64("NaT", "ns"), np.str_("Léa")]


@pytest.mark.parametrize("valeur", NUMPY, ids=[f"{i:02d}-{type(v).__name__}" for i, v in enumerate(NUMPY)])
def test_scalaires_numpy_aller_retour(valeur):
    """Do numpy scalars keep their exact dtype (np.int64 stays np.int64, not int)?"""
    retour = aller_retour(valeur)
    assert type(retour) is type(valeur) and retour.dtype == valeur.dtype
    if valeur.dtype.kind in "Mm":
        assert (np.isnat(valeur) and np.isnat(retour)) or retour == valeur
    else:
        meme(valeur, retour)


def test_tableaux_numpy_aller_retour():
    """Do numpy arrays keep their shape and dtype, object arrays item by item?"""
    objets = np.empty(3, dtype=object)
    objets[:] = [dt.date(2027, 5, 18), [1, 2], None]
    for tableau in (np.arange(6, dtype="int16").reshape(2, 3), np.array([1.5, np.nan, -0.0]),
                    np.array([True, False]), np.array(["a", "bé"]), objets,
                    np.array(["2027-05-18", "NaT"], dtype="datetime64[D]"),
                    np.array([1 + 1j, 2j]), np.zeros((0, 4))):
        retour = aller_retour(tableau)
        meme(tableau, retour)
    retour = aller_retour(objets)
    assert type(retour[0]) is dt.date and retour[1] == [1, 2]


def plan() -> pd.DataFrame:
    """A rétroplanning as obm returns it: datetime.date objects in object columns, lists too."""
    from obm.planification import retroplanning

    taches = [{"id": "OFF", "tache": "Valider l'offre", "duree": 1, "predecesseurs": []},
              {"id": "PAGE", "tache": "Écrire la page", "duree": 5, "predecesseurs": ["OFF"]}]
    return retroplanning(taches, "2027-05-18")


def test_dataframe_avec_des_dates_en_colonnes():
    """A rétroplanning: date objects in columns, lists, bool and int columns, a named str index."""
    original = plan()
    retour = aller_retour(original)
    meme(original, retour)
    assert type(retour.loc["OFF", "fin"]) is dt.date
    assert retour.loc["OFF", "fin"] == original.loc["OFF", "fin"]
    assert retour.index.name == "id" and retour["predecesseurs"].iloc[1] == ["OFF"]
    assert retour["critique"].dtype == bool and type(retour.loc["OFF", "marge"]) is type(
        original.loc["OFF", "marge"])


def cadres() -> list:
    heures = pd.date_range("2027-05-18", periods=3, freq="h", tz="Europe/Paris")
    return [
        pd.DataFrame({"a": [1, 2], "b": [0.5, np.nan], "c": ["x", None], "d": [True, False]}),
        pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "f": pd.array([0.5, None], dtype="Float64"),
                      "o": pd.array([True, None], dtype="boolean"),
                      "s": pd.array(["a", None], dtype="string")}),
        pd.DataFrame({"cat": pd.Categorical(["b", "a", "b"], categories=["b", "a"], ordered=True),
                      "quand": heures, "jour": pd.date_range("2027-01-01", periods=3, freq="D"),
                      "duree": pd.to_timedelta([1, 2, 3], unit="h")}),
        pd.DataFrame([[1, 2], [3, 4]], columns=["x", "x"]),  # duplicate labels
        pd.DataFrame({("v", 1): [1.0], ("v", 2): [2.0]}),  # MultiIndex columns
        pd.DataFrame({"x": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["l", "n"])),
        pd.DataFrame({"x": [1.0, 2.0]}, index=pd.date_range("2027-05-17", periods=2, freq="B", name="jour")),
        pd.DataFrame({0: [1], 1: ["a"]}, index=pd.RangeIndex(5, 6, name="rang")),
        pd.DataFrame(columns=["a", "b"]),
        pd.DataFrame(index=[1, 2]),
        pd.DataFrame({"o": [{"k": (1, 2)}, pd.Timestamp("2027-05-18"), dt.time(9, 40)]}),
        pd.read_csv(__import__("obm.donnees", fromlist=["x"]).chemin_donnees("lancement_entonnoir.csv")),
    ]


@pytest.mark.parametrize("numero", range(len(cadres())))
def test_dataframes_aller_retour(numero):
    """Do DataFrames keep dtypes (numpy, str, nullable, category, tz dates), index and names?"""
    original = cadres()[numero]
    meme(original, aller_retour(original))


def test_series_index_et_scalaires_pandas():
    """Series (named, indexed), Index kinds, Timestamp (unit and tz), Timedelta, NaT and NA."""
    valeurs = [
        pd.Series([1.5, 2.5], index=["a", "b"], name="ca"), pd.Series([], dtype="float64"),
        pd.Series([dt.date(2027, 5, 18)], name=("multi", 1)), pd.Series(["x"], dtype="category"),
        pd.Index(["a", "b"], name="id"), pd.Index([1, 2, 3]), pd.RangeIndex(10),
        pd.MultiIndex.from_product([["a"], [1, 2]]),
        pd.Timestamp("2027-05-18 09:00"), pd.Timestamp("2027-05-18", tz="Europe/Paris"),
        pd.Timestamp("2027-05-18").as_unit("s"), pd.Timedelta("1D 2h"), pd.NaT, pd.NA,
    ]
    for valeur in valeurs:
        retour = aller_retour(valeur)
        if isinstance(valeur, pd.Timestamp):
            assert type(retour) is pd.Timestamp and retour == valeur
            assert retour.unit == valeur.unit and str(retour.tz) == str(valeur.tz)
        elif isinstance(valeur, pd.Timedelta):
            assert type(retour) is pd.Timedelta and retour == valeur and retour.unit == valeur.unit
        else:
            meme(valeur, retour)


def test_resultats_obm_reconstruits_champ_par_champ():
    """obm's result objects (dataclasses of obm.*) come back as the same class, field by field."""
    from obm import kpi
    from obm.feedback import analyser_sbi

    for objet in (kpi.test_ab(40, 1000, 58, 1000),
                  analyser_sbi("Hier, pendant le webinaire, tu as coupé la parole à Inès : "
                               "elle n'a pas pu finir sa démonstration.")):
        retour = aller_retour(objet)
        assert type(retour) is type(objet)
        assert retour == objet
        for champ in dataclasses.fields(objet):
            meme(getattr(objet, champ.name), getattr(retour, champ.name))
    export = kpi.charger_export_ventes("ventes_export_brut.csv")
    retour = aller_retour(export)
    assert type(retour) is type(export)
    meme(export.ventes, retour.ventes)


def test_chemin_dans_la_copie_seulement(tmp_path):
    """A path stays a path when it leads inside the copy's folder; any other is refused."""
    (tmp_path / "retroplanning_clara.ics").write_text("x")
    for chemin in (pathlib.Path("retroplanning_clara.ics"), tmp_path / "retroplanning_clara.ics",
                   pathlib.PurePosixPath("livrables/plan.csv")):
        retour = aller_retour(chemin, dossier=str(tmp_path))
        assert type(retour) is type(chemin) and retour == chemin
    (tmp_path / "lien").symlink_to("/etc/passwd")
    for chemin in (pathlib.Path("/etc/passwd"), pathlib.Path("../voisine/exercice.ipynb"),
                   pathlib.Path("lien")):
        with pytest.raises(ValeurRefusee, match="sort du dossier de la copie"):
            aller_retour(chemin, dossier=str(tmp_path))


class Toujours(float):
    def __eq__(self, autre):
        return True

    __hash__ = float.__hash__


class Meta(type):
    __eq__ = lambda *a: True  # noqa: E731
    __hash__ = type.__hash__


class Nombre(metaclass=Meta):
    pass


class Liste(list):
    pass


@pytest.mark.parametrize("valeur, mots", [
    (Toujours(96.0), ["Toujours", "fait maison", "float"]),
    (Nombre(), ["Nombre", "fait maison"]),
    (Liste([1]), ["Liste", "fait maison", "list"]),
    ([1, Toujours(2.0)], ["fait maison"]),
    ({"a": lambda: 1}, ["appelable"]),
    (b"octets", ["bytes"]),
    (object(), ["object"]),
    (np.array(5), ["zéro dimension"]),
    (pd.Series([1]).to_frame().style, ["Styler"]),
    (pd.period_range("2027-01", periods=2, freq="M"), ["PeriodIndex"]),
    (pd.Series(pd.period_range("2027-01", periods=2, freq="M")), ["period"]),
    (dt.datetime(2027, 1, 1, tzinfo=__import__("datetime").timezone.utc).astimezone(
        dt.timezone(dt.timedelta(hours=1))).replace(tzinfo=type("Z", (dt.tzinfo,), {})()), ["fuseau"]),
])
def test_refus_avec_une_raison_en_francais(valeur, mots):
    """Custom classes, builtin subclasses, functions inside data, bytes, exotic pandas: refused."""
    with pytest.raises(ValeurRefusee) as refus:
        encoder(valeur)
    for mot in mots:
        assert mot in refus.value.raison, refus.value.raison


def test_profondeur_et_taille_limitees():
    """More than 50 levels, a cycle, or more than 16 MiB: refused, never a crash."""
    profond = []
    for _ in range(PROFONDEUR_MAX + 1):
        profond = [profond]
    with pytest.raises(ValeurRefusee, match="50 niveaux"):
        encoder(profond)
    ok = []
    for _ in range(PROFONDEUR_MAX - 1):
        ok = [ok]
    meme(ok, aller_retour(ok))
    cycle = []
    cycle.append(cycle)
    with pytest.raises(ValeurRefusee, match="niveaux"):
        encoder(cycle)
    with pytest.raises(ValeurRefusee, match="16 Mio"):
        encoder("x" * (LIMITE_OCTETS + 1))
    with pytest.raises(ValeurRefusee, match="16 Mio"):
        decoder(b"[" * (LIMITE_OCTETS + 1))
    with pytest.raises(ValeurRefusee, match="niveaux"):
        decoder("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize("texte", [
    '{"a": 1}', '{"$": "pickle", "v": "x"}', '{"$": "tuple"}', '{"$": "tuple", "v": 1}',
    '{"$": "dict", "v": [[[1], 2]]}', '{"$": "set", "v": [[1]]}', '{"$": "date", "v": "hier"}',
    '{"$": "obm", "classe": "obm.correction.moteur.valeurs.ValeurRefusee", "champs": []}',
    '{"$": "obm", "classe": "os.system", "champs": []}',
    '{"$": "obm", "classe": "obm.kpi.charger_export_ventes", "champs": []}',
    '{"$": "obm", "classe": "obm.kpi.ResultatTestAB", "champs": [["x", 1]]}',
    '{"$": "np", "type": "O", "v": 1}', '{"$": "np", "type": "<i8", "v": "1"}',
    '{"$": "np", "type": "V8", "v": 1}',
    '{"$": "Series", "v": {"type": {"np": "<i8"}, "v": [1]}, "index": {"range": [0, 2, 1], "nom": null}, "nom": null}',
    '{"$": "datetime", "v": "2027-05-18T09:00", "fuseau": {"zone": "../../etc/passwd"}}',
    '{"$": "Index", "v": {"v": {"type": {"masque": "object"}, "v": []}, "nom": null}}',
    '12' + '3' * 5000, 'NaN]', b'\xff\xfe',
])
def test_transmission_illisible_refusee(texte):
    """A malformed or forged payload is refused (never a crash, never a foreign constructor)."""
    with pytest.raises(ValeurRefusee):
        decoder(texte)


def test_lecture_n_execute_pas_de_code(monkeypatch):
    """Reading only builds known types: no import of a module named by the payload outside obm."""
    import importlib

    appels = []
    vrai = importlib.import_module
    monkeypatch.setattr(importlib, "import_module", lambda nom, *a: appels.append(nom) or vrai(nom, *a))
    for texte in ('{"$": "obm", "classe": "subprocess.Popen", "champs": []}',
                  '{"$": "obm", "classe": "obmx.y", "champs": []}'):
        with pytest.raises(ValeurRefusee):
            decoder(texte)
    assert appels == []
    assert json.loads(encoder({"a": 1}))["$"] == "dict"


valeurs_imbriquees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
    | st.dates() | st.decimals(allow_nan=False) | st.timedeltas(),
    lambda enfants: st.lists(enfants, max_size=4) | st.tuples(enfants, enfants)
    | st.dictionaries(st.text(max_size=5) | st.integers(), enfants, max_size=4)
    | st.frozensets(st.integers() | st.text(max_size=3), max_size=4),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(valeurs_imbriquees)
def test_aller_retour_quelconque(valeur):
    """Any nesting of the simple types comes back identical, types included."""
    meme(valeur, aller_retour(valeur))


def test_modules_deja_charges_seulement():
    """A module value (an author's test that forgot its import) comes back as the test process's
    own module when already loaded there; reading never imports one."""
    import sys
    import types

    assert aller_retour(np) is np and aller_retour(json) is json
    faux = types.ModuleType("module_pas_charge_xyz")
    with pytest.raises(ValeurRefusee, match="pas disponible"):
        aller_retour(faux)
    assert "module_pas_charge_xyz" not in sys.modules
