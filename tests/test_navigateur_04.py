"""Module 04 in a real browser (Chromium): the lesson runs, its load-plan widget is moved from the
keyboard, and the exercise names a recorded typical mistake.

- The lesson: every cell runs without error; the RACI matrix shows with its legend; the load chart
  has its text alternative; in the widget, taking « ACCUEIL » out of the week (space bar on its
  box) brings Léa from 127 % to 93 % and the remarks call it a smoothing, as the lesson says.
- The exercise: two A's on one task (a recorded mistake) gets « À revoir » and its message.

Each step leaves a screenshot in artefacts/navigateur/ (04_…). Outside CI, the module skips when
Chromium or Playwright is missing; under CI=true it fails.
"""

import re

import navigateur_outils as no
from test_navigateur import (  # noqa: F401  (navigateur is a fixture)
    DELAI,
    ecrire_cellule,
    executer_cellule,
    executer_tout,
    index_cellule,
    navigateur,
    ouvrir,
    sans_erreur,
)

LECON = "course/modules/04_coordination/lecon.ipynb"
EXERCICE = "exercises/04_coordination/exercice.ipynb"
FINE, INSECABLE = "\u202f", "\u00a0"


serveur = no.fixture_serveur("04")


page = no.fixture_page("04", DELAI)


def test_lecon_04_et_son_plan_de_charge_au_clavier(page, serveur):
    """Does the lesson run without error, show the RACI with its legend and the chart with its text
    alternative, and does taking ACCUEIL out of the week (from the keyboard) smooth Léa's load?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    raci = page.locator(".obm-raci").first
    expect(raci).to_contain_text("Légende")
    expect(raci.locator('abbr[title="Réalise"]').first).to_be_visible()
    graphique = page.locator("figure.obm-figure img").first
    expect(graphique).to_have_attribute("alt", f"Semaine du lundi 17 mai 2027, avant rééquilibrage. "
                                               f"Léa{FINE}: 19{INSECABLE}h pour 15{INSECABLE}h "
                                               f"(127{INSECABLE}%, surcharge). Inès{FINE}: 7{INSECABLE}h "
                                               f"pour 10{INSECABLE}h (70{INSECABLE}%, dans sa capacité).")

    widget = page.locator(".jupyter-widgets.widget-vbox", has=page.locator(".widget-checkbox")).first
    image = widget.locator("img.widget-image")
    expect(image).to_have_attribute("src", re.compile("^blob:"))
    expect(widget).to_contain_text(f"19{INSECABLE}h pour 15{INSECABLE}h · 127{INSECABLE}% · ⚠ surcharge")
    avant = image.get_attribute("src")
    case = widget.locator(".widget-hbox", has_text="ACCUEIL").locator("input[type=checkbox]")
    case.focus()
    page.keyboard.press("Space")
    expect(case).to_be_checked()
    expect(widget).to_contain_text(f"14{INSECABLE}h pour 15{INSECABLE}h · 93{INSECABLE}% · ✓ dans sa capacité")
    expect(widget).to_contain_text("C'est un lissage.")
    expect(image).not_to_have_attribute("src", avant)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "04_lecon_plan_de_charge_widget")


def test_exercice_04_nomme_deux_approbatrices(page, serveur):
    """In the released exercise, is a RACI with two A's on one task named as its typical mistake?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, EXERCICE)
    executer_cellule(page, cellules.nth(index_cellule(serveur, EXERCICE, "preparation")))
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q1"))
    ecrire_cellule(page, reponse, (
        'raci_webinaire = {\n'
        '    "W-DIAPO": {"Clara": "A/R", "Samir": "C", "Léa": "I"},\n'
        '    "W-INVIT": {"Léa": "R", "OBM": "A", "Inès": "C", "Clara": "A"},\n'
        '    "W-REPLAY": {"Hugo": "R", "Clara": "A", "Léa": "I", "Inès": "I", "Samir": "I"},\n'
        '    "W-MAIL": {"Samir": "R", "OBM": "A", "Clara": "C", "Léa": "I"},\n'
        '}\n'))
    executer_cellule(page, reponse)
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q1_raci_webinaire"))
    executer_cellule(page, verification)
    sortie = verification.locator(".jp-OutputArea-output").first
    expect(sortie).to_contain_text("À revoir")
    expect(sortie).to_contain_text(f"Une tâche a deux personnes A{FINE}:")
    sortie.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "04_exercice_erreur_typique")
