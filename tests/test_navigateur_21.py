"""Module 21 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The rubric widget starts with every criterion at its top level: 20,00 / 20, and the sentence says
  in words and with an icon (never a colour alone) that each criterion reaches the expected level.
- From the keyboard only, « Chaque écart a sa réponse » (15 %) goes down two levels (4 → 2): the
  descriptor of level 2 shows, the score drops by 15 % × 2/4 of 20 points (18,50 / 20), and the
  sentence names that criterion as below the expected level.

Each step leaves a screenshot in artefacts/navigateur/ (21_…). Outside CI, the module skips when
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

LECON = "course/modules/21_projet_final/lecon.ipynb"


serveur = no.fixture_serveur("21")


page = no.fixture_page("21", DELAI)


def _note(widget) -> str:
    return widget.locator(".obm-note").inner_text().replace("\u202f", " ").replace("\u00a0", " ").strip()


def test_lecon_21_widget_grille(page, serveur):
    """Does the lesson run without error; in its widget, does lowering one criterion two levels,
    from the keyboard, lower the weighted score by its share and name it below the expected level?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-grille-interactive")
    expect(widget).to_have_count(1)
    verdict = widget.locator(".obm-verdict")
    expect(verdict).to_contain_text("✅")
    expect(verdict).to_contain_text("atteint le niveau attendu")
    assert _note(widget) == "20,00 / 20", _note(widget)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "21_widget_tout_au_niveau_4")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(10)
    actions = curseurs.nth(1)
    expect(actions).to_contain_text("GP4")
    actions.locator(".noUi-handle").focus()
    for _ in range(2):  # niveau 4 → niveau 2, one level per key
        page.keyboard.press("ArrowLeft")
    expect(actions.locator(".obm-valeur-curseur")).to_have_text("niveau 2")
    expect(widget.locator(".obm-descripteur").nth(1)).to_contain_text("sans personne ni date")
    expect(verdict).to_contain_text("🔁")
    expect(verdict).to_contain_text("Chaque écart a sa réponse")
    assert _note(widget) == "18,50 / 20", _note(widget)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "21_widget_actions_niveau_2")
