"""Module 08 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The reformulation widget starts on Inès's complaint and the echo: « À la dernière minute ? »,
  what an echo does (it invites her to say more) and its trap, each with an icon and words.
- The type list moved from « écho » to « clarification » shows the clarification the lesson
  comments (pressure, not being taken into account), offered as a hypothesis; the speaker list
  moved to Clara shows hers (« tout porter seule »). Both lists are native <select> elements,
  usable from the keyboard; the test chooses with Playwright's select_option (arrow keys on a
  closed <select> do not change its value in headless Chromium).

Each step leaves a screenshot in artefacts/navigateur/ (08_…). Outside CI, the module skips when
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

LECON = "course/modules/08_ecoute_active/lecon.ipynb"


serveur = no.fixture_serveur("08")


page = no.fixture_page("08", DELAI)


def test_lecon_08_widget_reformulations(page, serveur):
    """Does the lesson run without error; in its widget, does choosing « clarification » then
    Clara show the lesson's clarification of Inès, then Clara's?"""
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

    listes = widget.locator("select")
    expect(listes).to_have_count(2)
    listes.nth(1).select_option(label="clarification")
    expect(exemple).to_contain_text("Clarification")
    expect(exemple).to_contain_text("sous pression")
    expect(effet).to_contain_text("hypothèse")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "08_widget_clarification_ines")

    listes.nth(0).select_option(label="Clara")
    expect(widget.locator(".obm-replique")).to_contain_text("Clara")
    expect(exemple).to_contain_text("tout porter")
    no.capture(page, "08_widget_clarification_clara")
