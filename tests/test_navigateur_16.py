"""Module 16 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The weighted-matrix widget starts on the lesson's case (autumn launch, A live with a webinar
  against B evergreen): with revenue weighted 40 %, B leads, said in words with 🥇 (never a
  colour alone).
- From the keyboard only, revenue raised to 43 % (the others in proportion, the total still
  100 %): A now leads, the near tie that the sensitivity check reveals.

Each step leaves a screenshot in artefacts/navigateur/ (16_…). Outside CI, the module skips when
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

LECON = "course/modules/16_decision/lecon.ipynb"


serveur = no.fixture_serveur("16")


page = no.fixture_page("16", DELAI)


def test_lecon_16_la_bascule_des_ponderations(page, serveur):
    """Does the lesson run without error, and does raising the revenue weight by three points from
    the keyboard put the other option ahead?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-matrice")
    expect(widget).to_have_count(1)
    tete = widget.locator(".obm-tete")
    expect(tete).to_contain_text("🥇")
    expect(widget.locator(".obm-en-tete")).to_have_text("B")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "16_widget_b_en_tete")

    curseur = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseur).to_have_count(1)
    expect(curseur).to_contain_text("Sa pondération")
    expect(curseur.locator(".obm-valeur-curseur")).to_have_text("40\u00a0%")
    curseur.locator(".noUi-handle").focus()
    for _ in range(3):  # 40 % → 43 %, one point per key
        page.keyboard.press("ArrowRight")
    expect(curseur.locator(".obm-valeur-curseur")).to_have_text("43\u00a0%")
    expect(widget.locator(".obm-en-tete")).to_have_text("A")
    expect(widget).to_contain_text("total 100")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "16_widget_a_en_tete")
