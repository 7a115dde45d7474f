"""Écrire les nombres, les montants, les pourcentages et les dates comme une lectrice française.

Tout ce que le cours affiche passe par ici (leçons, vérifications, widgets, figures), pour
qu'on lise partout ``1 200``, ``3,14 €``, ``25 %`` et ``mardi 18 mai 2027``, jamais
``1,200``, ``3.14`` ou ``True``. Le travail est fait par Babel (données CLDR, locale ``fr_FR``).

Dans un notebook ::

    import obm
    obm.fr(1200)                      # '1 200'
    obm.fr.euros(3.1416)              # '3,14 €'
    obm.fr.pourcentage(0.25)          # '25 %'
    obm.fr.date(date(2027, 5, 18))    # 'mardi 18 mai 2027'
    obm.fr(True)                      # 'oui'

Les espaces sont insécables, comme le veut la typographie française : espace fine insécable
(U+202F) entre les milliers, espace insécable (U+00A0) avant « € » et « % » (c'est ce que donne
CLDR). Ainsi un nombre n'est jamais coupé en fin de ligne.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
import sys
import types

from obm.erreurs import TypeInvalide

LOCALE = "fr_FR"
FINE = "\u202f"  # espace fine insécable
INSECABLE = "\u00a0"  # espace insécable

__all__ = ["date", "date_heure", "duree_jours", "euros", "fr", "heure", "liste_euros", "nombre",
           "oui_non", "pourcentage", "typographie", "typographie_markdown"]


def _reel(x, quoi: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeInvalide(f"{quoi} attend un nombre, pas {x!r} ({type(x).__name__}).")
    return float(x)


def _motif(decimales: int | None, valeur: float) -> str:
    if decimales is None:
        # Up to two decimals, trailing zeros dropped: 1200 -> "1 200", 2.5 -> "2,5".
        return "#,##0.##"
    if decimales <= 0:
        return "#,##0"
    return "#,##0." + "0" * decimales


def nombre(x, decimales: int | None = None) -> str:
    """Un nombre à la française : ``nombre(1200.5)`` → ``'1 200,5'``.

    ``decimales`` : le nombre de chiffres après la virgule (par défaut : au plus deux,
    sans zéros inutiles). Un nombre non fini s'écrit « non défini ».
    """
    from babel.numbers import format_decimal

    valeur = _reel(x, "nombre()")
    if not math.isfinite(valeur):
        return "non défini"
    if abs(valeur) >= 1e18:  # beyond any amount of the course: scientific notation
        mantisse, exposant = f"{valeur:.3e}".split("e")
        return f"{mantisse.replace('.', ',')}{FINE}×{FINE}10^{int(exposant)}"
    if decimales is not None and decimales <= 0:
        valeur = _arrondi(valeur, 0)
    return format_decimal(valeur, format=_motif(decimales, valeur), locale=LOCALE)


def _arrondi(valeur: float, decimales: int) -> float:
    # Half away from zero, as a reader expects (2.5 -> 3), not banker's rounding.
    from decimal import ROUND_HALF_UP, Decimal

    pas = Decimal(1).scaleb(-decimales)
    return float(Decimal(repr(valeur)).quantize(pas, rounding=ROUND_HALF_UP))


def euros(x, decimales: int | None = None) -> str:
    """Un montant en euros : ``euros(3.1416)`` → ``'3,14 €'``, ``euros(497)`` → ``'497 €'``.

    Par défaut : les centimes s'il y en a, sinon un montant rond. ``decimales=2`` les
    montre toujours (``'497,00 €'``), ``decimales=0`` arrondit à l'euro.
    """
    valeur = _reel(x, "euros()")
    if not math.isfinite(valeur):
        return "non défini"
    if decimales is None:
        decimales = 0 if _arrondi(valeur, 2) == round(valeur) else 2
    return nombre(_arrondi(valeur, max(decimales, 0)), decimales) + INSECABLE + "€"


def liste_euros(montants, decimales: int | None = None) -> str:
    """Une liste de montants, écrite comme une phrase : ``liste_euros([2850, 2650, 70.5])`` →
    ``'2 850 €, 2 650 € et 70,50 €'``.

    ``decimales`` : comme pour ``euros``, appliqué à chaque montant. Une liste vide donne ``'—'``.
    """
    if isinstance(montants, (str, bytes, dict)) or not hasattr(montants, "__iter__"):
        raise TypeInvalide("liste_euros() attend une liste de montants, par ex. [2850, 2650, 2520].")
    textes = [euros(x, decimales) for x in montants]
    if not textes:
        return "—"
    if len(textes) == 1:
        return textes[0]
    return ", ".join(textes[:-1]) + " et " + textes[-1]


def pourcentage(x, decimales: int = 0) -> str:
    """Un taux écrit en fraction, affiché en pourcentage : ``pourcentage(0.25)`` → ``'25 %'``.

    ``decimales`` : chiffres après la virgule (``pourcentage(0.2271, 1)`` → ``'22,7 %'``).
    """
    valeur = _reel(x, "pourcentage()")
    if not math.isfinite(valeur):
        return "non défini"
    texte = nombre(_arrondi(100 * valeur, decimales), decimales if decimales > 0 else 0)
    return texte + INSECABLE + "%"


def oui_non(x) -> str:
    """Un booléen comme on le dit : ``oui`` ou ``non``."""
    return "oui" if bool(x) else "non"


def _en_date(d) -> _dt.date:
    if isinstance(d, _dt.datetime):
        return d.date()
    if isinstance(d, _dt.date):
        return d
    if hasattr(d, "to_pydatetime"):  # pandas.Timestamp
        return d.to_pydatetime().date()
    if isinstance(d, str):
        try:
            return _dt.date.fromisoformat(d.strip()[:10])
        except ValueError:
            pass
    raise TypeInvalide(f"date() attend une date (par ex. date(2027, 5, 18)), pas {d!r}.")


def date(d, style: str = "complet") -> str:
    """Une date en toutes lettres.

    ``style`` : ``"complet"`` → ``'mardi 18 mai 2027'`` ; ``"long"`` → ``'18 mai 2027'`` ;
    ``"court"`` → ``'mar. 18 mai'`` ; ``"numerique"`` → ``'18/05/2027'``.
    Accepte une ``date``, un ``datetime``, un ``pandas.Timestamp`` ou un texte ISO (``"2027-05-18"``).
    """
    from babel.dates import format_date

    jour = _en_date(d)
    motifs = {"complet": "EEEE d MMMM y", "long": "d MMMM y", "court": "EEE d MMMM",
              "numerique": "dd/MM/y"}
    if style not in motifs:
        raise TypeInvalide(f"date() : style inconnu {style!r} ; choisis parmi "
                           + ", ".join(repr(s) for s in motifs) + ".")
    texte = format_date(jour, format=motifs[style], locale=LOCALE)
    # CLDR writes "1 mai"; French typography writes the first of the month "1er".
    if jour.day == 1 and style in ("complet", "long", "court"):
        texte = texte.replace(" 1 ", " 1er ", 1) if not texte.startswith("1 ") else "1er " + texte[2:]
    return texte


def heure(t) -> str:
    """Une heure à la française : ``heure(time(19, 0))`` → ``'19 h'``, ``time(9, 40)`` → ``'9 h 40'``."""
    if isinstance(t, _dt.datetime):
        t = t.time()
    if not isinstance(t, _dt.time):
        raise TypeInvalide(f"heure() attend une heure (par ex. time(19, 0)), pas {t!r}.")
    texte = f"{t.hour}{INSECABLE}h"
    return texte + (f"{INSECABLE}{t.minute:02d}" if t.minute else "")


def date_heure(d) -> str:
    """Une date et son heure : ``'mardi 11 mai 2027 à 19 h'``."""
    if not isinstance(d, _dt.datetime):
        if hasattr(d, "to_pydatetime"):
            d = d.to_pydatetime()
        else:
            raise TypeInvalide(f"date_heure() attend une date avec son heure, pas {d!r}.")
    return f"{date(d)} à {heure(d)}"


def duree_jours(n) -> str:
    """Un nombre de jours : ``'1 jour'``, ``'12 jours'``."""
    valeur = _reel(n, "duree_jours()")
    return f"{nombre(valeur)}{INSECABLE}jour" + ("s" if abs(valeur) >= 2 else "")


def fr(x, decimales: int | None = None) -> str:
    """Écrit n'importe quelle valeur comme une lectrice française l'attend.

    Booléen → ``oui`` / ``non`` ; date → ``mardi 18 mai 2027`` ; nombre → ``1 200,5`` ;
    texte → tel quel ; ``None`` → ``—``.
    """
    if x is None:
        return "—"
    if isinstance(x, bool) or (type(x).__module__ == "numpy"
                               and type(x).__name__ in ("bool", "bool_")):
        return oui_non(x)
    if isinstance(x, (_dt.date, _dt.datetime)) or hasattr(x, "to_pydatetime"):
        return date_heure(x) if isinstance(x, _dt.datetime) and (x.hour or x.minute) else date(x)
    if isinstance(x, numbers.Real):
        return nombre(x, decimales)
    if isinstance(x, str):
        return x
    raise TypeInvalide(f"fr() ne sait pas écrire un objet de type {type(x).__name__}.")


# --- Typographie ---------------------------------------------------------------------------
# Les règles appliquées par outils/typographie.py aux notebooks et aux chaînes du cours, et par
# les pages générées (accueil, widgets) à leur texte.

# A plain space (or a no-break space of the wrong kind) before a double punctuation mark, when
# the mark follows a word or a closing sign. « ![ » (a Markdown image) and « ?= » are left alone.
_AVANT = re.compile(r"(?<=[\w)\]»’'%€*_`\"\ue001])[ \u00a0]([:;?!])(?![\[=:])")
# Inside French quotes.
_OUVRANT = re.compile(r"«[ \u00a0]")
_FERMANT = re.compile(r"[ \u00a0]»")
# A double punctuation mark glued to the word before it (« Attention: »), in prose only.
_COLLE = re.compile(r"(?<=[a-zà-ÿ])([;!?])(?=\s|$)")


# Thousands: « 36 662 » keeps its groups together (U+202F, as Babel writes them).
_MILLIERS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?![\d,])")
# A number and its unit stay on one line (U+00A0, as Babel writes « 3,14 € »).
_UNITE = re.compile(r"(?<=\d) (?=(?:€|%|h\b|min\b|s\b|ms\b|jours?\b|semaines?\b|heures?\b|"
                    r"mois\b|ans?\b|minutes?\b|secondes?\b|Mo\b|Go\b|Kio\b|Mio\b|Gio\b|km\b))")


def typographie(texte: str) -> str:
    """La typographie française appliquée à un texte (sans code) : espaces insécables avant
    ``: ; ? !``, dans « », entre les milliers et avant une unité (``497 €``, ``15 h``)."""
    texte = _MILLIERS.sub(lambda m: m.group(1) + m.group(2).replace(" ", FINE), texte)
    texte = _UNITE.sub("\u00a0", texte)
    texte = _AVANT.sub(FINE + r"\1", texte)
    texte = _OUVRANT.sub("«" + FINE, texte)
    texte = _FERMANT.sub(FINE + "»", texte)
    return texte


# --- Markdown ----------------------------------------------------------------------------------

_PROTEGE = re.compile(
    r"```.*?```"          # fenced code
    r"|`[^`\n]*`"         # inline code
    r"|<[^>\n]+>"         # HTML tags
    r"|\]\([^)\s]*\)"     # link targets
    r"|https?://\S+"      # bare URLs
    r"|\$[^$\n]+\$",      # LaTeX
    re.S,
)


def typographie_markdown(texte: str) -> str:
    """Corrige le texte d'une cellule Markdown en laissant le code, les liens et le HTML."""
    # Each protected piece is replaced by a marker that counts as a word, then put back: the
    # rule still sees « `code` : » as a word followed by a colon.
    proteges = [m.group(0) for m in _PROTEGE.finditer(texte)]
    masque = typographie(_PROTEGE.sub("\ue000\ue001", texte))
    morceaux = masque.split("\ue000\ue001")
    return morceaux[0] + "".join(p + m for p, m in zip(proteges, morceaux[1:]))



class _ModuleAppelable(types.ModuleType):
    # `obm.fr(x)` and `obm.fr.euros(x)` both work: the module itself is callable.
    def __call__(self, x, decimales: int | None = None) -> str:
        return fr(x, decimales)


sys.modules[__name__].__class__ = _ModuleAppelable
