"""How obm's result objects show themselves in a notebook (internal).

Every result of the formula modules (an estimate, an earned-value point, a RACI check…) is shown
the same way: a title, lines « libellé : valeur » with numbers written the French way by
``obm.fr``, then sentences that read the result. ``print(resultat)`` gives the text version;
a notebook shows the HTML version.
"""

from __future__ import annotations

import html

FINE = "\u202f"  # narrow no-break space, before « : ; ? ! » and inside « »


def texte(titre: str, lignes: list[tuple[str, str]], phrases: list[str] | None = None) -> str:
    """The plain-text view: the title, one line per value, then the reading sentences."""
    sortie = [titre]
    sortie += [f"- {libelle}{FINE}: {valeur}" for libelle, valeur in lignes]
    sortie += list(phrases or [])
    return "\n".join(sortie)


def bloc_html(titre: str, lignes: list[tuple[str, str]], phrases: list[str] | None = None,
              *, couleur: str = "#3a7ca5") -> str:
    """The notebook view: a framed table of the values and the reading sentences below it."""
    corps = "".join(
        f'<tr><th style="text-align:left;padding:2px 12px 2px 0;font-weight:normal">'
        f"{html.escape(libelle)}</th>"
        f'<td style="text-align:right;padding:2px 0">{html.escape(valeur)}</td></tr>'
        for libelle, valeur in lignes
    )
    texte_phrases = "".join(f'<p style="margin:4px 0">{html.escape(p)}</p>' for p in phrases or [])
    return (
        f'<div class="obm-resultat" style="border-left:5px solid {couleur};padding:6px 10px;'
        f'margin:4px 0;color:#222"><b>{html.escape(titre)}</b>'
        f'<table style="margin:4px 0;border-collapse:collapse">{corps}</table>{texte_phrases}</div>'
    )


# Numbers go through obm.fr (Babel). Beyond about 1e26 Babel's decimal context gives up
# (InvalidOperation), so absurdly large values are written in scientific notation instead.
_TRES_GRAND = 1e15


def _scientifique(x: float) -> str:
    return f"{x:.3e}".replace(".", ",")


def nombre(x: float, decimales: int | None = None) -> str:
    """A number the French way: '1 200,5'."""
    from obm.fr import nombre as _nombre

    return _scientifique(x) if abs(x) >= _TRES_GRAND else _nombre(x, decimales)


def euros(x: float, decimales: int | None = None) -> str:
    """An amount the French way: '3,14 €'."""
    from obm.fr import euros as _euros

    return _scientifique(x) + "\u00a0€" if abs(x) >= _TRES_GRAND else _euros(x, decimales)


def pourcentage(x: float, decimales: int = 0) -> str:
    """A fraction as a percentage the French way: '15 %'."""
    from obm.fr import pourcentage as _pourcentage

    return _scientifique(100 * x) + "\u00a0%" if abs(x) >= _TRES_GRAND else _pourcentage(x, decimales)
