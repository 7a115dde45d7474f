"""Les réponses passées comme données : un format dont la lecture n'exécute aucun code.

Le processus de l'apprenante encode les valeurs qu'une cellule de test lit ; le processus de
test les reconstruit avec leurs types exacts, à partir de ses propres modules (jamais ceux de
la copie). Pas de ``pickle`` : du JSON, où chaque valeur qui n'est pas un simple nombre, texte,
booléen, ``None`` ou liste est un objet étiqueté ``{"$": étiquette, ...}``.

Types transmis (``type(x) is …`` exact, jamais une sous-classe) :

- ``None``, ``bool``, ``int``, ``float`` (nan, inf, −0,0 compris), ``str``, ``...`` ;
- ``list``, ``tuple``, ``dict`` (clés hachables, ordre gardé), ``set``, ``frozenset`` ;
- ``datetime.date``, ``datetime``, ``time`` (fuseau UTC, décalage fixe ou zoneinfo),
  ``timedelta``, ``decimal.Decimal`` ;
- chemins (``pathlib``) qui restent dans le dossier de la copie ;
- scalaires et tableaux numpy (booléens, entiers, réels, complexes, dates, durées, textes,
  objets élément par élément) ;
- ``pandas.Timestamp``, ``Timedelta``, ``NaT``, ``NA``, ``Index`` (y compris ``RangeIndex``,
  ``MultiIndex``, ``DatetimeIndex`` et sa fréquence), ``Series`` et ``DataFrame`` : types des
  colonnes (numpy, ``str``/``string``, catégories, entiers et booléens à valeurs manquantes,
  dates avec fuseau), colonnes ``object`` élément par élément, index et noms ;
- les objets résultats d'``obm`` (des dataclasses des modules ``obm.*``), reconstruits champ
  par champ.

Tout le reste est refusé par :class:`ValeurRefusee`, avec la raison en français. Au plus
:data:`LIMITE_OCTETS` une fois encodé, et :data:`PROFONDEUR_MAX` niveaux d'imbrication.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import math
import os
import pathlib
import re
import sys
import types

LIMITE_OCTETS = 16 * 1024**2
PROFONDEUR_MAX = 50

_SIMPLES = "nombres, textes, booléens, listes, dictionnaires, dates, tableaux pandas"


class ValeurRefusee(Exception):
    """Une valeur qui ne peut pas passer du processus de l'apprenante au processus de test."""

    def __init__(self, raison: str):
        super().__init__(raison)
        self.raison = raison


def _nom_type(valeur) -> str:
    try:
        return type(valeur).__qualname__
    except Exception:  # noqa: BLE001 - a type that lies about its name
        return "?"


def _fait_maison(classe) -> bool:
    """Vrai pour une classe écrite dans la copie (ou ailleurs hors des bibliothèques installées)."""
    try:
        module = classe.__module__
        if module == "builtins" or module == "obm" or module.startswith("obm."):
            return False
        fichier = getattr(sys.modules.get(module), "__file__", None)
        if module == "__main__" or fichier is None:
            return True
        racines = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
        return not any(os.path.realpath(fichier).startswith(r + os.sep) for r in racines)
    except Exception:  # noqa: BLE001 - a class that lies about itself
        return True


def _refus_type(valeur) -> ValeurRefusee:
    classe = type(valeur)
    nom = _nom_type(valeur)
    if callable(valeur) and not isinstance(valeur, type) and _fait_maison(classe):
        return ValeurRefusee(f"« {nom} » est un objet appelable fait maison : seules les fonctions "
                             "écrites avec def (ou lambda) sont essayées par la correction")
    try:
        base = next((b for b in classe.__mro__[1:] if b.__module__ == "builtins" and b is not object),
                    None)
        module = classe.__module__
    except Exception:  # noqa: BLE001
        base, module = None, "?"
    if _fait_maison(classe):
        derive = f", dérivé de {base.__name__}" if base is not None else ""
        return ValeurRefusee(f"« {nom} » est un type fait maison{derive} : la correction ne "
                             f"transmet que les valeurs simples ({_SIMPLES})")
    if callable(valeur) and not isinstance(valeur, type):
        return ValeurRefusee(f"« {nom} » est appelable : une fonction ne peut être essayée que si "
                             "elle est la réponse elle-même, pas rangée dans une autre valeur")
    complet = nom if module == "builtins" else f"{module}.{nom}"
    return ValeurRefusee(f"un objet de type « {complet} » ne peut pas être transmis à la "
                         f"correction (seules les valeurs simples le peuvent : {_SIMPLES})")


# --- Encoding (learner side) -------------------------------------------------------------------

def _np():
    return sys.modules.get("numpy")


def _pd():
    return sys.modules.get("pandas")


def _parmi(classe, *classes) -> bool:
    """``classe in classes`` by identity: a metaclass may redefine ``==`` to equal anything."""
    return any(classe is c for c in classes)


def _fuseau(tz) -> dict | None:
    """A time zone as data: UTC, a fixed offset or a zoneinfo key."""
    if tz is None:
        return None
    if tz is dt.timezone.utc:
        return {"utc": True}
    if type(tz) is dt.timezone:
        decalage = tz.utcoffset(None)
        return {"decalage": decalage.days * 86400 + decalage.seconds, "nom": tz.tzname(None)}
    cle = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if type(tz).__name__ in ("ZoneInfo",) and isinstance(cle, str):
        return {"zone": cle}
    if type(tz).__module__.startswith("pytz") and isinstance(cle, str):
        return {"zone": cle}
    raise ValeurRefusee(f"un fuseau horaire de type « {_nom_type(tz)} » ne peut pas être transmis")


def _encoder_dtype(dtype) -> dict:
    np, pd = _np(), _pd()
    if np is not None and type(dtype).__module__.startswith("numpy"):
        if dtype.kind in "biufcMmUO":
            return {"np": dtype.str}
        raise ValeurRefusee(f"le type de données numpy « {dtype} » ne peut pas être transmis")
    if pd is not None:
        if type(dtype) is pd.StringDtype:
            na = dtype.na_value
            return {"chaine": dtype.storage, "na": "NA" if na is pd.NA else "nan"}
        if type(dtype) is pd.CategoricalDtype:
            return {"categories": _encoder_index(dtype.categories, 1), "ordonne": bool(dtype.ordered)}
        if type(dtype) is pd.DatetimeTZDtype:
            return {"dates": dtype.unit, "fuseau": _fuseau(dtype.tz)}
        nom = getattr(dtype, "name", None)
        if nom in _MASQUES:
            return {"masque": nom}
    raise ValeurRefusee(f"une colonne de type « {dtype} » ne peut pas être transmise")


_MASQUES = ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
            "Float32", "Float64", "boolean")


def _encoder_tableau(valeurs, dtype, profondeur: int) -> dict:
    """A 1-D array of values (a column, an index level, a flat numpy array)."""
    np, pd = _np(), _pd()
    forme = _encoder_dtype(dtype)
    if "np" in forme:
        tableau = np.asarray(valeurs)
        genre = tableau.dtype.kind
        if genre in "Mm":
            return {"type": forme, "v": tableau.view("i8").tolist()}
        if genre == "c":
            return {"type": forme, "v": [[z.real, z.imag] for z in tableau.tolist()]}
        if genre == "O":
            return {"type": forme, "v": [_encoder(x, profondeur + 1) for x in tableau.tolist()]}
        return {"type": forme, "v": tableau.tolist()}
    if "categories" in forme:
        return {"type": forme, "v": np.asarray(pd.Categorical(valeurs).codes).tolist()}
    if "dates" in forme:
        index = pd.DatetimeIndex(valeurs)
        return {"type": forme, "v": index.tz_convert("UTC").tz_localize(None).as_unit(
            forme["dates"]).asi8.tolist()}
    # str/string and masked columns: item by item, a missing value as None.
    elements = []
    for x in list(valeurs):
        if x is None or x is pd.NA or (type(x) is float and math.isnan(x)):
            elements.append(None)
        elif np is not None and isinstance(x, np.generic):
            elements.append(x.item())
        else:
            elements.append(_encoder(x, profondeur + 1))
    return {"type": forme, "v": elements}


def _encoder_index(index, profondeur: int) -> dict:
    pd = _pd()
    if profondeur > PROFONDEUR_MAX:
        raise _trop_profond()
    classe = type(index)
    if classe is pd.RangeIndex:
        return {"range": [index.start, index.stop, index.step], "nom": _encoder(index.name, profondeur + 1)}
    if classe is pd.MultiIndex:
        return {"niveaux": [_encoder_index(n, profondeur + 1) for n in index.levels],
                "codes": [list(map(int, c)) for c in index.codes],
                "noms": [_encoder(n, profondeur + 1) for n in index.names]}
    if not _parmi(classe, pd.Index, pd.DatetimeIndex, pd.TimedeltaIndex, pd.CategoricalIndex):
        raise ValeurRefusee(f"un index de type « {classe.__name__} » ne peut pas être transmis")
    forme = {"v": _encoder_tableau(index, index.dtype, profondeur), "nom": _encoder(index.name, profondeur + 1)}
    frequence = getattr(index, "freqstr", None) if _parmi(classe, pd.DatetimeIndex, pd.TimedeltaIndex) \
        else None
    if frequence:
        forme["frequence"] = frequence
    return forme


def _trop_profond() -> ValeurRefusee:
    return ValeurRefusee(f"la valeur est imbriquée sur plus de {PROFONDEUR_MAX} niveaux")


def _encoder(valeur, profondeur: int = 0):
    if profondeur > PROFONDEUR_MAX:
        raise _trop_profond()
    classe = type(valeur)
    if valeur is None or _parmi(classe, bool, str):
        return valeur
    if classe is int:
        return valeur
    if classe is float:
        if valeur != valeur and math.copysign(1.0, valeur) < 0:
            return {"$": "-nan"}  # JSON's NaN has no sign
        return valeur
    if valeur is Ellipsis:
        return {"$": "..."}
    if classe is list:
        return [_encoder(x, profondeur + 1) for x in valeur]
    if classe is tuple:
        return {"$": "tuple", "v": [_encoder(x, profondeur + 1) for x in valeur]}
    if classe is dict:
        return {"$": "dict", "v": [[_encoder(k, profondeur + 1), _encoder(v, profondeur + 1)]
                                   for k, v in valeur.items()]}
    if _parmi(classe, set, frozenset):
        return {"$": classe.__name__, "v": [_encoder(x, profondeur + 1) for x in valeur]}
    if classe is dt.date:
        return {"$": "date", "v": valeur.isoformat()}
    if classe is dt.datetime:
        return {"$": "datetime", "v": valeur.replace(tzinfo=None).isoformat(),
                "fuseau": _fuseau(valeur.tzinfo), "pli": valeur.fold}
    if classe is dt.time:
        return {"$": "time", "v": valeur.replace(tzinfo=None).isoformat(),
                "fuseau": _fuseau(valeur.tzinfo), "pli": valeur.fold}
    if classe is dt.timedelta:
        return {"$": "timedelta", "v": [valeur.days, valeur.seconds, valeur.microseconds]}
    if classe is decimal.Decimal:
        return {"$": "decimal", "v": str(valeur)}
    if classe is types.ModuleType:
        return {"$": "module", "v": valeur.__name__}
    if _parmi(classe, pathlib.PosixPath, pathlib.PurePosixPath):
        return {"$": "chemin", "classe": classe.__name__, "v": str(valeur)}
    module = getattr(classe, "__module__", "") or ""
    if module.startswith("numpy"):
        return _encoder_numpy(valeur, profondeur)
    if module.startswith("pandas"):
        return _encoder_pandas(valeur, profondeur)
    if module.startswith("obm.") and not module.startswith("obm.correction") \
            and dataclasses.is_dataclass(classe) and not isinstance(valeur, type):
        return {"$": "obm", "classe": f"{module}.{classe.__qualname__}",
                "champs": [[c.name, _encoder(getattr(valeur, c.name), profondeur + 1)]
                           for c in dataclasses.fields(classe)]}
    raise _refus_type(valeur)


def _encoder_numpy(valeur, profondeur: int):
    np = _np()
    classe = type(valeur)
    if classe is np.ndarray:
        if valeur.ndim == 0:
            raise ValeurRefusee("un tableau numpy à zéro dimension ne peut pas être transmis")
        plat = _encoder_tableau(valeur.reshape(-1), valeur.dtype, profondeur)
        return {"$": "ndarray", "forme": list(valeur.shape), "v": plat}
    if isinstance(valeur, np.generic) and _parmi(classe, *np.sctypeDict.values()):
        genre = valeur.dtype.kind
        if genre not in "biufcMmU":
            raise _refus_type(valeur)
        if genre in "Mm":
            v = int(valeur.view("i8"))
        elif genre == "c":
            v = [float(valeur.real), float(valeur.imag)]
        else:
            v = valeur.item()
        return {"$": "np", "type": valeur.dtype.str, "v": v}
    raise _refus_type(valeur)


def _encoder_pandas(valeur, profondeur: int):
    pd = _pd()
    classe = type(valeur)
    if valeur is pd.NaT:
        return {"$": "NaT"}
    if valeur is pd.NA:
        return {"$": "NA"}
    if classe is pd.Timestamp:
        naif = valeur.tz_convert("UTC").tz_localize(None) if valeur.tz is not None else valeur
        return {"$": "Timestamp", "v": int(naif.to_datetime64().view("i8")), "unite": naif.unit,
                "fuseau": _fuseau(valeur.tz)}
    if classe is pd.Timedelta:
        return {"$": "Timedelta", "v": int(valeur.to_timedelta64().view("i8")), "unite": valeur.unit}
    if _parmi(classe, pd.Index, pd.RangeIndex, pd.MultiIndex, pd.DatetimeIndex, pd.TimedeltaIndex,
              pd.CategoricalIndex):
        return {"$": "Index", "v": _encoder_index(valeur, profondeur + 1)}
    if classe is pd.Series:
        return {"$": "Series", "v": _encoder_tableau(valeur.array, valeur.dtype, profondeur + 1),
                "index": _encoder_index(valeur.index, profondeur + 1),
                "nom": _encoder(valeur.name, profondeur + 1)}
    if classe is pd.DataFrame:
        colonnes = [_encoder_tableau(valeur.iloc[:, i].array, valeur.dtypes.iloc[i], profondeur + 1)
                    for i in range(valeur.shape[1])]
        return {"$": "DataFrame", "colonnes": _encoder_index(valeur.columns, profondeur + 1),
                "index": _encoder_index(valeur.index, profondeur + 1), "v": colonnes}
    raise _refus_type(valeur)


def encoder(valeur) -> str:
    """Le texte JSON d'une valeur (lève :class:`ValeurRefusee` si elle ne peut pas passer)."""
    try:
        texte = json.dumps(_encoder(valeur), ensure_ascii=False, allow_nan=True,
                           separators=(",", ":"))
    except ValeurRefusee:
        raise
    except RecursionError:
        raise _trop_profond() from None
    except (ValueError, OverflowError) as erreur:
        raise ValeurRefusee(f"la valeur ne peut pas être écrite ({erreur})") from None
    if len(texte) > LIMITE_OCTETS:
        raise ValeurRefusee(f"la valeur dépasse {LIMITE_OCTETS // 1024**2} Mio une fois transmise")
    return texte


# --- Decoding (test side): nothing but our own constructors, on checked data -------------------

_ILLISIBLE = "la transmission de la valeur est illisible"


def _exiger(condition, raison: str = _ILLISIBLE) -> None:
    if not condition:
        raise ValeurRefusee(raison)


def _cles(objet: dict, *cles: str) -> None:
    _exiger(set(objet) <= set(cles) | {"$"})


_CLE_ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")


def _construire_fuseau(forme):
    if forme is None:
        return None
    _exiger(type(forme) is dict)
    if forme.get("utc") is True and len(forme) == 1:
        return dt.timezone.utc
    if "decalage" in forme:
        _cles(forme, "decalage", "nom")
        _exiger(type(forme["decalage"]) is int and abs(forme["decalage"]) < 86400)
        nom = forme.get("nom")
        _exiger(nom is None or type(nom) is str)
        return dt.timezone(dt.timedelta(seconds=forme["decalage"]), nom) if nom else \
            dt.timezone(dt.timedelta(seconds=forme["decalage"]))
    _cles(forme, "zone")
    cle = forme.get("zone")
    _exiger(type(cle) is str and len(cle) < 64 and _CLE_ZONE.match(cle) and ".." not in cle)
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(cle)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValeurRefusee(f"fuseau horaire inconnu : {cle}") from None


class _Lecteur:
    def __init__(self, dossier: str | None):
        self.dossier = os.path.realpath(dossier) if dossier else None

    # values

    def valeur(self, forme, profondeur: int = 0):
        if profondeur > PROFONDEUR_MAX:
            raise _trop_profond()
        classe = type(forme)
        if forme is None or classe in (bool, int, float, str):
            return forme
        if classe is list:
            return [self.valeur(x, profondeur + 1) for x in forme]
        _exiger(classe is dict and type(forme.get("$")) is str)
        etiquette = forme["$"]
        methode = _ETIQUETTES.get(etiquette)
        _exiger(methode is not None)
        return methode(self, forme, profondeur)

    def _liste(self, forme, profondeur):
        _exiger(type(forme.get("v")) is list)
        return [self.valeur(x, profondeur + 1) for x in forme["v"]]

    def _points(self, forme, profondeur):
        _cles(forme)
        return Ellipsis

    def _moins_nan(self, forme, profondeur):
        _cles(forme)
        return -math.nan

    def _tuple(self, forme, profondeur):
        _cles(forme, "v")
        return tuple(self._liste(forme, profondeur))

    def _ensemble(self, forme, profondeur):
        _cles(forme, "v")
        try:
            return (set if forme["$"] == "set" else frozenset)(self._liste(forme, profondeur))
        except TypeError:
            raise ValeurRefusee("un ensemble contient une valeur non hachable") from None

    def _dict(self, forme, profondeur):
        _cles(forme, "v")
        _exiger(type(forme.get("v")) is list)
        resultat = {}
        for paire in forme["v"]:
            _exiger(type(paire) is list and len(paire) == 2)
            cle = self.valeur(paire[0], profondeur + 1)
            try:
                resultat[cle] = self.valeur(paire[1], profondeur + 1)
            except TypeError:
                raise ValeurRefusee("un dictionnaire a une clé non hachable") from None
        return resultat

    def _texte(self, forme, *autres):
        _cles(forme, "v", *autres)
        _exiger(type(forme.get("v")) is str and len(forme["v"]) < 100)
        return forme["v"]

    def _date(self, forme, profondeur):
        try:
            return dt.date.fromisoformat(self._texte(forme))
        except ValueError:
            raise ValeurRefusee(_ILLISIBLE) from None

    def _pli(self, forme) -> int:
        pli = forme.get("pli", 0)
        _exiger(pli in (0, 1) and type(pli) is int)
        return pli

    def _datetime(self, forme, profondeur):
        texte = self._texte(forme, "fuseau", "pli")
        try:
            valeur = dt.datetime.fromisoformat(texte)
        except ValueError:
            raise ValeurRefusee(_ILLISIBLE) from None
        _exiger(valeur.tzinfo is None)
        return valeur.replace(tzinfo=_construire_fuseau(forme.get("fuseau")), fold=self._pli(forme))

    def _time(self, forme, profondeur):
        texte = self._texte(forme, "fuseau", "pli")
        try:
            valeur = dt.time.fromisoformat(texte)
        except ValueError:
            raise ValeurRefusee(_ILLISIBLE) from None
        _exiger(valeur.tzinfo is None)
        return valeur.replace(tzinfo=_construire_fuseau(forme.get("fuseau")), fold=self._pli(forme))

    def _timedelta(self, forme, profondeur):
        _cles(forme, "v")
        v = forme.get("v")
        _exiger(type(v) is list and len(v) == 3 and all(type(x) is int for x in v))
        try:
            return dt.timedelta(days=v[0], seconds=v[1], microseconds=v[2])
        except OverflowError:
            raise ValeurRefusee(_ILLISIBLE) from None

    def _decimal(self, forme, profondeur):
        _cles(forme, "v")
        texte = forme.get("v")
        _exiger(type(texte) is str and len(texte) < 10_000)
        try:
            return decimal.Decimal(texte)
        except decimal.InvalidOperation:
            raise ValeurRefusee(_ILLISIBLE) from None

    def _chemin(self, forme, profondeur):
        _cles(forme, "v", "classe")
        texte, classe = forme.get("v"), forme.get("classe")
        _exiger(type(texte) is str and "\x00" not in texte and classe in ("PosixPath", "PurePosixPath"))
        if self.dossier is None:
            raise ValeurRefusee("un chemin ne peut être transmis que depuis le dossier de la copie")
        reel = os.path.realpath(os.path.join(self.dossier, texte))
        if reel != self.dossier and not reel.startswith(self.dossier + os.sep):
            raise ValeurRefusee(f"le chemin « {texte} » sort du dossier de la copie")
        return getattr(pathlib, classe)(texte)

    def _module(self, forme, profondeur):
        _cles(forme, "v")
        nom = forme.get("v")
        _exiger(type(nom) is str)
        module = sys.modules.get(nom)  # only a module this process has already loaded: no import
        if type(module) is not types.ModuleType or nom == "__main__":
            raise ValeurRefusee(f"le module « {nom} » n'est pas disponible pour la correction")
        return module

    def _obm(self, forme, profondeur):
        _cles(forme, "classe", "champs")
        chemin, champs = forme.get("classe"), forme.get("champs")
        _exiger(type(chemin) is str and type(champs) is list)
        module, _, nom = chemin.rpartition(".")
        _exiger(module.startswith("obm.") and not module.startswith("obm.correction")
                and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", chemin) is not None)
        import importlib

        try:
            classe = importlib.import_module(module)
            for partie in nom.split("."):
                classe = getattr(classe, partie)
        except (ImportError, AttributeError):
            raise ValeurRefusee(f"« {chemin} » n'est pas un résultat connu d'obm") from None
        _exiger(isinstance(classe, type) and dataclasses.is_dataclass(classe)
                and classe.__module__ == module, f"« {chemin} » n'est pas un résultat connu d'obm")
        noms = [c.name for c in dataclasses.fields(classe)]
        _exiger(all(type(p) is list and len(p) == 2 for p in champs) and [p[0] for p in champs] == noms)
        objet = object.__new__(classe)
        for nom_champ, valeur in champs:
            object.__setattr__(objet, nom_champ, self.valeur(valeur, profondeur + 1))
        return objet

    # numpy

    def _dtype_numpy(self, texte):
        np = _import_numpy()
        _exiger(type(texte) is str and len(texte) < 32)
        try:
            dtype = np.dtype(texte)
        except TypeError:
            raise ValeurRefusee(_ILLISIBLE) from None
        _exiger(dtype.kind in "biufcMmUO" and dtype.names is None and dtype.subdtype is None)
        return dtype

    def _np(self, forme, profondeur):
        _cles(forme, "type", "v")
        np = _import_numpy()
        dtype = self._dtype_numpy(forme.get("type"))
        v = forme.get("v")
        _exiger(dtype.kind != "O")
        try:
            if dtype.kind in "Mm":
                _exiger(type(v) is int)
                return np.array([v], dtype="i8").view(dtype)[0]
            if dtype.kind == "c":
                _exiger(type(v) is list and len(v) == 2 and all(type(x) in (int, float) for x in v))
                return dtype.type(complex(v[0], v[1]))
            if dtype.kind == "U":
                _exiger(type(v) is str)
            elif dtype.kind == "b":
                _exiger(type(v) is bool)
            else:
                _exiger(type(v) in (int, float) and (dtype.kind == "f" or type(v) is int))
            return dtype.type(v)
        except (OverflowError, ValueError):
            raise ValeurRefusee(_ILLISIBLE) from None

    def _ndarray(self, forme, profondeur):
        _cles(forme, "forme", "v")
        np = _import_numpy()
        dimensions = forme.get("forme")
        _exiger(type(dimensions) is list and 1 <= len(dimensions) <= 32
                and all(type(d) is int and d >= 0 for d in dimensions))
        plat = self.tableau(forme.get("v"), profondeur + 1)
        _exiger(type(plat) is np.ndarray and plat.size == math.prod(dimensions))
        return plat.reshape(dimensions)

    # pandas

    def dtype(self, forme, profondeur):
        _exiger(type(forme) is dict and len(forme) >= 1)
        if "np" in forme:
            _cles(forme, "np")
            return self._dtype_numpy(forme["np"])
        pd = _import_pandas()
        if "chaine" in forme:
            _cles(forme, "chaine", "na")
            _exiger(forme["chaine"] in ("python", "pyarrow") and forme.get("na") in ("NA", "nan"))
            na = pd.NA if forme["na"] == "NA" else float("nan")
            try:
                return pd.StringDtype(forme["chaine"], na_value=na)
            except ImportError:
                raise ValeurRefusee("une colonne de texte pyarrow ne peut pas être relue ici") from None
        if "categories" in forme:
            _cles(forme, "categories", "ordonne")
            _exiger(type(forme.get("ordonne")) is bool)
            return pd.CategoricalDtype(self.index(forme["categories"], profondeur + 1), forme["ordonne"])
        if "dates" in forme:
            _cles(forme, "dates", "fuseau")
            _exiger(forme["dates"] in ("s", "ms", "us", "ns"))
            fuseau = _construire_fuseau(forme.get("fuseau"))
            _exiger(fuseau is not None)
            return pd.DatetimeTZDtype(forme["dates"], fuseau)
        _cles(forme, "masque")
        _exiger(forme.get("masque") in _MASQUES)
        return pd.api.types.pandas_dtype(forme["masque"])

    def tableau(self, forme, profondeur):
        """A 1-D numpy array or pandas extension array."""
        if profondeur > PROFONDEUR_MAX:
            raise _trop_profond()
        _exiger(type(forme) is dict and set(forme) == {"type", "v"} and type(forme["v"]) is list)
        np = _import_numpy()
        dtype = self.dtype(forme["type"], profondeur)
        v = forme["v"]
        try:
            if isinstance(dtype, np.dtype):
                genre = dtype.kind
                if genre in "Mm":
                    _exiger(all(type(x) is int for x in v))
                    return np.array(v, dtype="i8").view(dtype)
                if genre == "c":
                    _exiger(all(type(x) is list and len(x) == 2 for x in v))
                    return np.array([complex(a, b) for a, b in v], dtype=dtype)
                if genre == "O":
                    tableau = np.empty(len(v), dtype=object)
                    for i, x in enumerate(v):
                        tableau[i] = self.valeur(x, profondeur + 1)
                    return tableau
                attendus = {"b": (bool,), "U": (str,), "f": (int, float)}.get(genre, (int,))
                _exiger(all(type(x) in attendus for x in v))
                return np.array(v, dtype=dtype)
            pd = _import_pandas()
            if type(dtype) is pd.CategoricalDtype:
                _exiger(all(type(x) is int and -1 <= x < len(dtype.categories) for x in v))
                return pd.Categorical.from_codes(v, dtype=dtype)
            if type(dtype) is pd.DatetimeTZDtype:
                _exiger(all(type(x) is int for x in v))
                naif = np.array(v, dtype="i8").view(f"datetime64[{dtype.unit}]")
                return pd.DatetimeIndex(naif).tz_localize("UTC").tz_convert(dtype.tz).array
            elements = [None if x is None else self.valeur(x, profondeur + 1) for x in v]
            if type(dtype) is pd.StringDtype:
                _exiger(all(x is None or type(x) is str for x in elements))
            else:
                _exiger(all(x is None or type(x) in (bool, int, float) for x in elements))
            return pd.array(elements, dtype=dtype)
        except ValeurRefusee:
            raise
        except (ValueError, TypeError, OverflowError):
            raise ValeurRefusee(_ILLISIBLE) from None

    def index(self, forme, profondeur):
        if profondeur > PROFONDEUR_MAX:
            raise _trop_profond()
        pd = _import_pandas()
        _exiger(type(forme) is dict)
        try:
            if "range" in forme:
                _exiger(set(forme) == {"range", "nom"})
                bornes = forme["range"]
                _exiger(type(bornes) is list and len(bornes) == 3 and all(type(b) is int for b in bornes)
                        and bornes[2] != 0)
                return pd.RangeIndex(*bornes, name=self._nom(forme["nom"], profondeur))
            if "niveaux" in forme:
                _exiger(set(forme) == {"niveaux", "codes", "noms"})
                niveaux, codes, noms = forme["niveaux"], forme["codes"], forme["noms"]
                _exiger(type(niveaux) is list and type(codes) is list and type(noms) is list
                        and len(niveaux) == len(codes) == len(noms) >= 1)
                _exiger(all(type(c) is list and all(type(x) is int for x in c) for c in codes))
                return pd.MultiIndex(levels=[self.index(n, profondeur + 1) for n in niveaux],
                                     codes=codes, names=[self._nom(n, profondeur) for n in noms])
            _exiger(set(forme) <= {"v", "nom", "frequence"})
            valeurs = self.tableau(forme.get("v"), profondeur + 1)
            nom = self._nom(forme.get("nom"), profondeur)
            index = pd.Index(valeurs, dtype=valeurs.dtype, name=nom, copy=False)
            frequence = forme.get("frequence")
            if frequence is not None:
                _exiger(type(frequence) is str and len(frequence) < 32
                        and type(index) in (pd.DatetimeIndex, pd.TimedeltaIndex))
                index = type(index)(index, freq=frequence, name=nom)
            return index
        except ValeurRefusee:
            raise
        except (ValueError, TypeError, OverflowError):
            raise ValeurRefusee(_ILLISIBLE) from None

    def _nom(self, forme, profondeur):
        nom = self.valeur(forme, profondeur + 1)
        try:
            hash(nom)
        except TypeError:
            raise ValeurRefusee("un nom d'index ou de colonne n'est pas hachable") from None
        return nom

    def _index_valeur(self, forme, profondeur):
        _cles(forme, "v")
        return self.index(forme.get("v"), profondeur + 1)

    def _series(self, forme, profondeur):
        _cles(forme, "v", "index", "nom")
        pd = _import_pandas()
        valeurs = self.tableau(forme.get("v"), profondeur + 1)
        index = self.index(forme.get("index"), profondeur + 1)
        _exiger(len(index) == len(valeurs))
        return pd.Series(valeurs, index=index, name=self._nom(forme.get("nom"), profondeur),
                         dtype=valeurs.dtype, copy=False)

    def _dataframe(self, forme, profondeur):
        _cles(forme, "v", "index", "colonnes")
        pd = _import_pandas()
        colonnes = self.index(forme.get("colonnes"), profondeur + 1)
        index = self.index(forme.get("index"), profondeur + 1)
        donnees = forme.get("v")
        _exiger(type(donnees) is list and len(donnees) == len(colonnes))
        series = {}
        for i, colonne in enumerate(donnees):
            valeurs = self.tableau(colonne, profondeur + 1)
            _exiger(len(valeurs) == len(index))
            series[i] = pd.Series(valeurs, index=index, dtype=valeurs.dtype, copy=False)
        tableau = pd.DataFrame(series, index=index, copy=False) if series else pd.DataFrame(index=index)
        tableau.columns = colonnes
        return tableau

    def _timestamp(self, forme, profondeur):
        _cles(forme, "v", "unite", "fuseau")
        pd = _import_pandas()
        v, unite = forme.get("v"), forme.get("unite")
        _exiger(type(v) is int and unite in ("s", "ms", "us", "ns"))
        np = _import_numpy()
        try:
            valeur = pd.Timestamp(np.datetime64(v, unite)).as_unit(unite)
        except (ValueError, OverflowError):
            raise ValeurRefusee(_ILLISIBLE) from None
        fuseau = _construire_fuseau(forme.get("fuseau"))
        return valeur.tz_localize("UTC").tz_convert(fuseau) if fuseau is not None else valeur

    def _timedelta_pd(self, forme, profondeur):
        _cles(forme, "v", "unite")
        pd = _import_pandas()
        v, unite = forme.get("v"), forme.get("unite")
        _exiger(type(v) is int and unite in ("s", "ms", "us", "ns"))
        np = _import_numpy()
        try:
            return pd.Timedelta(np.timedelta64(v, unite)).as_unit(unite)
        except (ValueError, OverflowError):
            raise ValeurRefusee(_ILLISIBLE) from None

    def _nat(self, forme, profondeur):
        _cles(forme)
        return _import_pandas().NaT

    def _na(self, forme, profondeur):
        _cles(forme)
        return _import_pandas().NA


def _import_numpy():
    import numpy

    return numpy


def _import_pandas():
    import pandas

    return pandas


_ETIQUETTES = {
    "...": _Lecteur._points, "-nan": _Lecteur._moins_nan, "tuple": _Lecteur._tuple, "dict": _Lecteur._dict,
    "set": _Lecteur._ensemble, "frozenset": _Lecteur._ensemble, "date": _Lecteur._date,
    "datetime": _Lecteur._datetime, "time": _Lecteur._time, "timedelta": _Lecteur._timedelta,
    "decimal": _Lecteur._decimal, "chemin": _Lecteur._chemin, "obm": _Lecteur._obm, "module": _Lecteur._module,
    "np": _Lecteur._np, "ndarray": _Lecteur._ndarray, "Index": _Lecteur._index_valeur,
    "Series": _Lecteur._series, "DataFrame": _Lecteur._dataframe, "Timestamp": _Lecteur._timestamp,
    "Timedelta": _Lecteur._timedelta_pd, "NaT": _Lecteur._nat, "NA": _Lecteur._na,
}


def decoder(texte: str | bytes, *, dossier: str | None = None):
    """Reconstruit une valeur encodée par :func:`encoder` (lève :class:`ValeurRefusee`).

    ``dossier`` : le dossier de la copie, le seul où un chemin transmis peut mener.
    """
    if len(texte) > LIMITE_OCTETS:
        raise ValeurRefusee(f"la valeur dépasse {LIMITE_OCTETS // 1024**2} Mio une fois transmise")
    try:
        forme = json.loads(texte)
    except RecursionError:
        raise _trop_profond() from None
    except (ValueError, UnicodeDecodeError):
        raise ValeurRefusee(_ILLISIBLE) from None
    try:
        return _Lecteur(dossier).valeur(forme)
    except RecursionError:
        raise _trop_profond() from None


def construire(forme, *, dossier: str | None = None):
    """Comme :func:`decoder`, à partir du JSON déjà lu (une valeur d'un instantané)."""
    try:
        return _Lecteur(dossier).valeur(forme)
    except RecursionError:
        raise _trop_profond() from None


def aller_retour(valeur, *, dossier: str | None = None):
    """La valeur telle que le processus de test la reçoit (pour les tests et les autrices)."""
    return decoder(encoder(valeur), dossier=dossier)
