"""Module 13 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The engagement widget starts on the followers: Clara's carrousel reads 3,3 %, with the sentence
  that says what the rate divides by (an icon and words, never a colour alone).
- From the keyboard only, choosing the « ÷ portée » button turns the same interactions into
  12,5 %: the denominator, not the post, changed.

Each step leaves a screenshot in artefacts/navigateur/ (13_…). Outside CI, the module skips when
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

LECON = "course/modules/13_marketing/lecon.ipynb"


serveur = no.fixture_serveur("13")


page = no.fixture_page("13", DELAI)


def test_lecon_13_widget_denominateur_de_l_engagement(page, serveur):
    """Does the lesson run without error; in its widget, does choosing the reach instead of the
    followers from the keyboard turn the same 400 interactions from 3,3 % into 12,5 %?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-engagement")
    expect(widget).to_have_count(1)
    taux = widget.locator(".obm-taux")
    expect(taux).to_have_text("3,3\u00a0%")
    expect(widget.locator(".obm-calcul")).to_contain_text("abonnés")
    expect(widget.locator(".obm-sens")).to_contain_text("ℹ️")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "13_widget_abonnes")

    # Keyboard only: Tab goes from the « abonnés » button to the « portée » one, Space chooses it.
    boutons = widget.locator("button")
    expect(boutons).to_have_count(3)
    boutons.nth(0).focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(taux).to_have_text("12,5\u00a0%")
    expect(widget.locator(".obm-calcul")).to_contain_text("portée")
    expect(widget.locator(".obm-sens")).to_contain_text("au moins une fois")
    no.capture(page, "13_widget_portee")
