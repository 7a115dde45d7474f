"""Module 05 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error, and its
  earned-value point of 16 April reads « 🔴 météo rouge » (an icon and a word, never the colour
  alone), IPD 0,61.
- The widget's first trial, done from the keyboard only: the orange threshold lowered from 0,85 to
  0,60 turns the weather orange while the indices do not move (« la couleur est une convention du
  projet, les indices sont des faits »).
- Its second trial: a higher actual cost lowers the CPI and leaves the SPI alone.

Each step leaves a screenshot in artefacts/navigateur/ (05_…). Outside CI, the module skips when
Chromium or Playwright is missing; under CI=true it fails. This module has its own server so that
it never empties the screenshots of the other browser tests.
"""

import re

import navigateur_outils as no
from test_navigateur import (  # noqa: F401  (navigateur is a fixture)
    DELAI,
    executer_tout,
    navigateur,
    ouvrir,
    sans_erreur,
)

LECON = "course/modules/05_suivi/lecon.ipynb"


serveur = no.fixture_serveur("05")


page = no.fixture_page("05", DELAI)


def _valeur(ligne) -> str:
    """The value cell of one row of the widget's result table."""
    return ligne.locator("td").inner_text().strip()


def test_lecon_05_widget_seuils_et_cout_reel(page, serveur):
    """Does the lesson run without error; in its widget, does lowering the orange threshold to 0,60
    from the keyboard turn the weather from red to orange with the same indices, and does a higher
    actual cost lower the CPI but not the SPI?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-valeur-acquise")
    expect(widget).to_have_count(1)
    meteo = widget.locator(".obm-meteo")
    expect(meteo).to_have_text("🔴 météo rouge")
    ipd = widget.locator("tr", has_text="(IPD)")
    ipc = widget.locator("tr", has_text="(IPC)")
    ipd_avant, ipc_avant = _valeur(ipd), _valeur(ipc)
    assert re.fullmatch(r"0,6\d", ipd_avant), ipd_avant
    # The widget starts from the lesson's very point (919 € of earned value), not a rounded one.
    valeur_acquise = widget.locator("tr", has_text="Valeur acquise (VA)")
    assert _valeur(valeur_acquise) == "919\u00a0€", _valeur(valeur_acquise)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "05_widget_point_du_16_avril")

    # Trial 1, keyboard only: Tab reaches the orange threshold's handle, the arrows move it.
    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(4)
    seuil_orange = curseurs.nth(3)
    expect(seuil_orange).to_contain_text("Seuil de l'orange")
    seuil_orange.locator(".noUi-handle").focus()
    for _ in range(25):  # 0,85 → 0,60, one step of 0,01 per key
        page.keyboard.press("ArrowLeft")
    # The value is written the French way beside the slider, not ipywidgets' « 0.60 ».
    expect(seuil_orange.locator(".obm-valeur-curseur")).to_have_text("0,60")
    expect(meteo).to_have_text("🟠 météo orange")
    assert (_valeur(ipd), _valeur(ipc), _valeur(valeur_acquise)) == (ipd_avant, ipc_avant, "919\u00a0€")
    expect(widget).to_contain_text(re.compile(r"orange s'il est ≥\s?0,60,"))
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "05_widget_seuil_orange_a_0_60", readme=True)

    # Trial 2: the actual cost raised by 200 € (20 steps of 10 €). The CPI falls, the SPI stays.
    cout = curseurs.nth(1)
    expect(cout).to_contain_text("Coût réel")
    cout.locator(".noUi-handle").focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    expect(widget.locator("tr", has_text="(IPC)").locator("td")).not_to_have_text(ipc_avant)
    assert _valeur(ipd) == ipd_avant
    assert float(_valeur(ipc).replace(",", ".")) < float(ipc_avant.replace(",", "."))
    no.capture(page, "05_widget_cout_reel_plus_200")
