"""Module 08 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The reformulation widget starts on Inès's complaint and the echo: « À la dernière minute ? »,
  what an echo does (it invites her to say more) and its trap, each with an icon and words.
- Moved from the keyboard only, as the lesson tells the learner (Tab from one button to the next,
  Space to choose): the type goes from « écho » to « reflet », then to « clarification », which
  shows the clarification the lesson comments (pressure, not being taken into account), offered
  as a hypothesis; Shift+Tab back to the speaker buttons and Space on Clara shows hers (« tout
  porter seule »). The chosen button is marked (class mod-active: dark, bold, a check mark).
  Buttons, not <select> lists: in JupyterLab the arrow keys on a focused list move to the next
  cell, so a list could not be changed from the keyboard (this test failed with lists).

Each step leaves a screenshot in artefacts/navigateur/ (08_…). Outside CI, the module skips when
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

LECON = "course/modules/08_ecoute_active/lecon.ipynb"


serveur = no.fixture_serveur("08")


page = no.fixture_page("08", DELAI)


def test_lecon_08_widget_reformulations(page, serveur):
    """Does the lesson run without error; in its widget, moved from the keyboard, does choosing
    « clarification » then Clara show the lesson's clarification of Inès, then Clara's?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-reformulation")
    expect(widget).to_have_count(1)
    exemple, effet = widget.locator(".obm-exemple"), widget.locator(".obm-effet")
    expect(exemple).to_contain_text("Écho")
    expect(exemple).to_contain_text("À la dernière minute")
    expect(effet).to_contain_text("✅")
    expect(effet).to_contain_text("la personne développe")
    expect(widget.locator(".obm-piege")).to_contain_text("⚠️")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "08_widget_echo")

    boutons = widget.locator("button")
    expect(boutons).to_have_count(6)  # Inès, Clara, then the four types
    actif = re.compile(r"\bmod-active\b")
    expect(boutons.nth(2)).to_have_class(actif)  # écho
    boutons.nth(2).focus()
    page.keyboard.press("Tab")
    expect(boutons.nth(3)).to_be_focused()
    page.keyboard.press("Space")
    expect(exemple).to_contain_text("Reflet")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(boutons.nth(5)).to_be_focused()
    page.keyboard.press("Space")
    expect(boutons.nth(5)).to_have_class(actif)
    expect(boutons.nth(2)).not_to_have_class(actif)
    expect(exemple).to_contain_text("Clarification")
    expect(exemple).to_contain_text("sous pression")
    expect(effet).to_contain_text("hypothèse")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "08_widget_clarification_ines")

    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    expect(boutons.nth(1)).to_be_focused()
    page.keyboard.press("Space")
    expect(boutons.nth(1)).to_have_class(actif)
    expect(widget.locator(".obm-replique")).to_contain_text("Clara")
    expect(exemple).to_contain_text("tout porter")
    no.capture(page, "08_widget_clarification_clara")
