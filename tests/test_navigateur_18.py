"""Module 18 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The widget of the two axes starts in the middle (5, 5): the mode shown is the compromise, said in
  words with an icon (never a colour alone).
- From the keyboard only, as the lesson tells the learner (Tab to a slider, then the arrows):
  assertiveness raised to 9 gives competition; cooperation raised to 9 in turn gives
  collaboration, not compromise (the typical mistake is to put the compromise high on both axes);
  both brought down to 1 give avoidance. The point's text alternative follows.

Each step leaves a screenshot in artefacts/navigateur/ (18_…). Outside CI, the module skips when
Chromium or Playwright is missing; under CI=true it fails.
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

LECON = "course/modules/18_conflits/lecon.ipynb"


serveur = no.fixture_serveur("18")


page = no.fixture_page("18", DELAI)


def test_lecon_18_widget_modes(page, serveur):
    """Does the lesson run without error; in its widget, moved from the keyboard, do the two sliders
    name competition, then collaboration (not compromise) high on both axes, then avoidance?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-modes-conflit")
    expect(widget).to_have_count(1)
    mode = widget.locator(".obm-mode")
    expect(mode).to_contain_text("🎯")
    expect(mode).to_contain_text("compromis")
    expect(mode).to_contain_text("milieu sur les deux axes")
    expect(widget.locator(".obm-risque")).to_contain_text("⚠️")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "18_widget_compromis")

    curseurs = widget.locator(".widget-slider")
    expect(curseurs).to_have_count(2)
    affirmation, cooperation = curseurs.nth(0), curseurs.nth(1)
    expect(affirmation).to_contain_text("Affirmation de soi")
    affirmation.locator(".noUi-handle").focus()
    for _ in range(4):  # 5 → 9
        page.keyboard.press("ArrowRight")
    expect(affirmation.locator(".widget-readout")).to_have_text("9")
    expect(mode).to_contain_text("compétition")
    expect(mode).to_contain_text("affrontement")
    no.capture(page, "18_widget_competition")

    cooperation.locator(".noUi-handle").focus()
    for _ in range(4):  # 5 → 9: high on both axes
        page.keyboard.press("ArrowRight")
    expect(cooperation.locator(".widget-readout")).to_have_text("9")
    expect(mode).to_contain_text("collaboration")
    expect(mode).not_to_contain_text("compromis")
    expect(widget.locator("svg[role='img']")).to_have_attribute(
        "aria-label", re.compile("à 9 en affirmation et 9 en coopération, dans la zone collaboration"))
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "18_widget_collaboration")

    for _ in range(8):  # 9 → 1
        page.keyboard.press("ArrowLeft")
    affirmation.locator(".noUi-handle").focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    expect(mode).to_contain_text("évitement")
    no.capture(page, "18_widget_evitement")
