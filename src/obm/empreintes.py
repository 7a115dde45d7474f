"""Empreintes de réponses : reconnaître une erreur typique sans jamais écrire une bonne réponse.

Une empreinte est un court condensé (SHA-256) d'une réponse mise sous une forme normale : les
nombres gardent quatre chiffres significatifs (31,416 et 31,42 ont la même empreinte), les
textes sont comparés sans majuscules ni espaces en trop, les tableaux cellule par cellule.
On ne peut pas retrouver une réponse à partir de son empreinte.

Trois usages :

- le **catalogue des erreurs typiques** (``erreurs_typiques.json``, à côté de l'exercice) :
  l'empreinte de chaque réponse fausse enregistrée par le cours (les « mutants » de ses tests),
  avec le message qui nomme l'idée fausse. Il est construit à la publication en exécutant les
  mutants eux-mêmes (``obm.catalogue``), et ne contient aucune bonne réponse ;
- l'**autoformation** (``OBM_MODE=autonomie``, ou le fichier ``.obm-autonomie`` que
  ``make lab`` écrit à la racine du dépôt) : la vérification compare l'empreinte avec celle du
  corrigé, calculée sur place à partir de ``solutions/`` et gardée dans ``OBM_HOME`` ;
- l'**enregistrement** des empreintes pendant l'exécution d'un notebook
  (``OBM_EMPREINTES=fichier``), qui sert à construire le catalogue et les corrigés.

Jamais pendant une correction (``NBGRADER_EXECUTION``) : la justesse y est jugée par les tests
cachés, pas ici.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import numbers
import os
from decimal import Decimal
from pathlib import Path, PurePath

CATALOGUE = "erreurs_typiques.json"
MARQUEUR_AUTONOMIE = ".obm-autonomie"
# Below this many possible answers a question gets no catalogue: eliminating the recorded
# mistakes would leave the right answer.
CHOIX_MINIMUM = 6
CHIFFRES_SIGNIFICATIFS = 4


# --- Forme normale ---------------------------------------------------------------------------

def _nombre(x: float):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    chiffres = CHIFFRES_SIGNIFICATIFS - 1 - math.floor(math.log10(abs(x)))
    arrondi = round(x, chiffres)
    return format(arrondi, ".12g")


def forme_normale(valeur, profondeur: int = 0):
    """La réponse sous une forme normale, faite de textes et de listes (pour l'empreinte)."""
    if profondeur > 50:
        return "…"
    suivante = profondeur + 1
    if valeur is None or valeur is Ellipsis:
        return ["none"]
    module = type(valeur).__module__
    if isinstance(valeur, bool) or (module == "numpy" and type(valeur).__name__ in ("bool", "bool_")):
        return ["b", bool(valeur)]
    if isinstance(valeur, (numbers.Real, Decimal)):
        return ["n", _nombre(float(valeur))]
    if isinstance(valeur, str):
        return ["s", " ".join(valeur.split()).casefold()]
    if isinstance(valeur, _dt.datetime):
        return ["d", valeur.isoformat()]
    if isinstance(valeur, _dt.date):
        return ["d", valeur.isoformat()]
    if isinstance(valeur, PurePath):
        return ["s", valeur.name.casefold()]
    if isinstance(valeur, dict):
        paires = [[forme_normale(k, suivante), forme_normale(v, suivante)] for k, v in valeur.items()]
        return ["m", sorted(paires, key=lambda p: json.dumps(p[0], ensure_ascii=False))]
    if isinstance(valeur, (set, frozenset)):
        elements = [forme_normale(v, suivante) for v in valeur]
        return ["e", sorted(elements, key=lambda e: json.dumps(e, ensure_ascii=False))]
    if isinstance(valeur, (list, tuple)):
        return ["l", [forme_normale(v, suivante) for v in valeur]]
    if module.startswith("pandas"):
        nom = type(valeur).__name__
        if nom == "Timestamp":
            return ["d", valeur.isoformat()]
        if nom == "DataFrame":
            return ["t", [forme_normale(str(c), suivante) for c in valeur.columns],
                    [forme_normale(str(i), suivante) for i in valeur.index],
                    [[forme_normale(v, suivante) for v in ligne]
                     for ligne in valeur.itertuples(index=False, name=None)]]
        if nom == "Series":
            return ["t", [forme_normale(str(i), suivante) for i in valeur.index],
                    [forme_normale(v, suivante) for v in valeur.tolist()]]
        if valeur is getattr(__import__("pandas"), "NaT", None) or nom in ("NAType", "NaTType"):
            return ["none"]
    if module == "numpy" and hasattr(valeur, "tolist"):
        return forme_normale(valeur.tolist(), suivante)
    if hasattr(valeur, "__dataclass_fields__"):
        return ["o", type(valeur).__name__,
                [[k, forme_normale(getattr(valeur, k), suivante)]
                 for k in sorted(valeur.__dataclass_fields__)]]
    return ["r", type(valeur).__name__]


def empreinte(question: str, valeurs) -> str | None:
    """L'empreinte d'une réponse (la liste des valeurs lues par une vérification)."""
    try:
        forme = forme_normale(list(valeurs))
        texte = json.dumps([question, forme], ensure_ascii=False, sort_keys=True)
    except Exception:  # an exotic object: no fingerprint, the check goes on without it
        return None
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()[:20]


# --- Enregistrement (construction du catalogue et des corrigés) ------------------------------

def enregistrer(question: str, empreinte_: str | None, catalogue: bool) -> None:
    """Note l'empreinte d'une vérification dans le fichier ``OBM_EMPREINTES``, s'il est demandé."""
    chemin = os.environ.get("OBM_EMPREINTES")
    if not chemin or empreinte_ is None:
        return
    ligne = json.dumps({"question": question, "empreinte": empreinte_, "catalogue": catalogue})
    with open(chemin, "a", encoding="utf-8") as fichier:
        fichier.write(ligne + "\n")


# --- Le catalogue des erreurs typiques -------------------------------------------------------

_cache: dict[str, tuple[float, dict]] = {}


def _lire_json(chemin: Path) -> dict:
    try:
        horodatage = chemin.stat().st_mtime
    except OSError:
        return {}
    cle = str(chemin)
    if cle in _cache and _cache[cle][0] == horodatage:
        return _cache[cle][1]
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        donnees = {}
    _cache[cle] = (horodatage, donnees if isinstance(donnees, dict) else {})
    return _cache[cle][1]


def erreur_connue(question: str, empreinte_: str) -> str | None:
    """Le message de l'erreur typique dont c'est l'empreinte, ou ``None``.

    Le catalogue est cherché dans le dossier de l'exercice (le dossier courant du notebook).
    """
    catalogue = _lire_json(Path.cwd() / CATALOGUE)
    messages = catalogue.get("questions", {}).get(question, {})
    message = messages.get(empreinte_) if isinstance(messages, dict) else None
    return message if isinstance(message, str) else None


# --- L'autoformation -------------------------------------------------------------------------

def mode_autonomie() -> bool:
    """Vrai en autoformation (jamais pendant une correction).

    Choisi par ``OBM_MODE=autonomie`` (``OBM_MODE=cohorte`` l'interdit), ou par le fichier
    ``.obm-autonomie`` que ``make lab`` écrit à la racine du dépôt du cours. Le paquet remis
    aux apprenantes d'une cohorte ne le contient jamais.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return False
    mode = os.environ.get("OBM_MODE", "").strip().lower()
    if mode:
        return mode == "autonomie"
    try:
        from obm.donnees import racine_cours

        racine = racine_cours()
    except Exception:
        return False
    return (racine / MARQUEUR_AUTONOMIE).is_file() and (racine / "solutions").is_dir()


def juger_en_autoformation(question: str, empreinte_: str | None):
    """En autoformation : ``(juste, a_relire)`` ; sinon ``None`` (la vérification dit « forme correcte »)."""
    if empreinte_ is None or not mode_autonomie():
        return None
    try:
        from obm import catalogue

        corrige = catalogue.corrige_de(Path.cwd())
    except Exception:
        return None
    if corrige is None or question not in corrige.get("justes", {}):
        return None
    justes = corrige["justes"][question]
    return empreinte_ in justes, corrige.get("a_relire", {}).get(question)
