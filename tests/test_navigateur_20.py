"""Module 20 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The forfait widget starts on a month of exactly the 25 included hours: 1 375 €, no overage,
  the sentence says so in words and with an icon (never a colour alone).
- From the keyboard only, three more hours worked (25 → 28) add three hours at the overage rate
  (180 €): the month comes to 1 555 € and the sentence names the overage; the forfait itself
  does not move.

Each step leaves a screenshot in artefacts/navigateur/ (20_…). Outside CI, the module skips when
Chromium or Playwright is missing; under CI=true it fails.
"""

import navigateur_outils as no
from test_navigateur import (  # noqa: F401  (navigateur is a fixture)
    DELAI,
    executer_tout,
    navigateur,
    ouvrir,
    sans_erreur,
)

LECON = "course/modules/20_devenir_obm/lecon.ipynb"


serveur = no.fixture_serveur("20")


page = no.fixture_page("20", DELAI)


def _euros(cellule) -> int:
    """The whole euros written in one cell of the widget (« 1 375 € » → 1375)."""
    texte = cellule.inner_text().replace("\u202f", "").replace("\u00a0", "").replace("€", "").strip()
    return int(texte)


def test_lecon_20_widget_forfait(page, serveur):
    """Does the lesson run without error; in its widget, do three more hours worked, from the
    keyboard, add three hours at the overage rate to the month, the forfait unchanged?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-forfait")
    expect(widget).to_have_count(1)
    verdict = widget.locator(".obm-verdict")
    expect(verdict).to_contain_text("✅")
    expect(verdict).to_contain_text("utilisé exactement")
    forfait, montant = widget.locator(".obm-forfait-prix"), widget.locator(".obm-montant")
    assert _euros(forfait) == 1375 and _euros(montant) == 1375, (forfait.inner_text(), montant.inner_text())
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "20_widget_25_heures")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(2)
    faites = curseurs.nth(0)
    expect(faites).to_contain_text("Heures faites")
    faites.locator(".noUi-handle").focus()
    for _ in range(3):  # 25 h → 28 h, one hour per key
        page.keyboard.press("ArrowRight")
    expect(faites.locator(".obm-valeur-curseur")).to_have_text("28\u00a0h")
    expect(verdict).to_contain_text("➕")
    expect(verdict).to_contain_text("3\u00a0h en dépassement")
    assert _euros(forfait) == 1375 and _euros(montant) == 1555, (forfait.inner_text(), montant.inner_text())
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "20_widget_28_heures")
