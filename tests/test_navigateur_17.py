"""Module 17 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The small-team eNPS widget starts on Clara's four imagined marks (9, 8, 8, 6): eNPS 0, one
  promoter, two passives, one detractor; the sentence says that each person weighs 25 points,
  with an icon (never a colour alone).
- From the keyboard only, Hugo's mark moves from 8 to 9: one person changing her mind sends the
  eNPS from 0 to +25, as the lesson says.

Each step leaves a screenshot in artefacts/navigateur/ (17_…). Outside CI, the module skips when
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

LECON = "course/modules/17_motivation/lecon.ipynb"


serveur = no.fixture_serveur("17")


page = no.fixture_page("17", DELAI)


def test_lecon_17_widget_enps_petite_equipe(page, serveur):
    """Does the lesson run without error; in its widget, does one mark moved from 8 to 9, from the
    keyboard, send the eNPS of a team of four from 0 to +25?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-enps")
    expect(widget).to_have_count(1)
    score = widget.locator(".obm-enps-score")
    expect(score).to_have_text("0")
    verdict = widget.locator(".obm-verdict")
    expect(verdict).to_contain_text("⚠️")
    expect(verdict).to_contain_text("25\u00a0points")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "17_widget_avant")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(4)
    hugo = curseurs.nth(1)
    expect(hugo).to_contain_text("Hugo")
    hugo.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")  # 8 → 9: one passive becomes a promoter
    expect(hugo.locator(".obm-valeur-curseur")).to_have_text("9")
    expect(hugo.locator(".obm-groupe")).to_have_text("dans les promoteurs")
    expect(score).to_have_text("+25")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "17_widget_apres")
