"""Module 15 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The OKR tree widget starts on Clara's project list of January 2027: « Refonte du logo » is the
  one orphan project and O1-RC4 (the NPS) the one uncovered key result, each flagged with an
  icon and words (never a colour alone).
- The lesson's first trial: choosing « Refonte du logo » and O1-RC4 in the two lists and pressing
  « Relier » from the keyboard links them: the logo is no longer listed as an orphan, O1-RC4 is
  covered, and the tree's image is redrawn (its picture and its text alternative change).

Each step leaves a screenshot in artefacts/navigateur/ (15_…). Outside CI, the module skips when
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

LECON = "course/modules/15_vision/lecon.ipynb"


serveur = no.fixture_serveur("15")


page = no.fixture_page("15", DELAI)


def test_lecon_15_widget_relier_un_orphelin(page, serveur):
    """Does the lesson run without error; in its widget, does linking the orphan project to the
    uncovered key result take both off their lists and redraw the tree?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-arbre-okr")
    expect(widget).to_have_count(1)
    orphelins, non_couverts = widget.locator(".obm-orphelins"), widget.locator(".obm-non-couverts")
    expect(orphelins).to_contain_text("⚠️ Refonte du logo")
    expect(non_couverts).to_contain_text("⚠️ O1-RC4")
    image = widget.locator("img.obm-arbre-image")
    expect(image).to_have_count(1)
    avant_src, avant_alt = image.get_attribute("src"), image.get_attribute("alt")
    assert "Refonte du logo" in avant_alt
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "15_widget_janvier")

    listes = widget.locator("select")
    expect(listes).to_have_count(2)
    listes.nth(0).select_option(label="Refonte du logo")
    listes.nth(1).select_option(value=listes.nth(1).locator("option", has_text="O1-RC4").get_attribute("value"))
    widget.locator("button.obm-relier").focus()
    page.keyboard.press("Enter")

    expect(widget.locator(".obm-message")).to_contain_text("maintenant relié à O1-RC4")
    expect(orphelins).not_to_contain_text("Refonte du logo")
    expect(orphelins).to_contain_text("aucun")
    expect(non_couverts).not_to_contain_text("O1-RC4")
    expect(image).not_to_have_attribute("src", avant_src)
    assert image.get_attribute("alt") != avant_alt
    assert "Projets orphelins\u202f: aucun" in image.get_attribute("alt")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "15_widget_logo_relie")
