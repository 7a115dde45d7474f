"""Module 11 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error, and its
  widget starts at the point of Tuesday 4 May, 9 h, with « ⏰ 2 cartes en retard » (an icon and a
  word, never a colour alone).
- The widget's first trial, from the keyboard only: the hour of the point moved back to Monday
  3 May, 23 h, leaves one overdue card (the card due at midnight in Paris is not late yet).
- Its second trial: ticking « Lire l'heure UTC comme l'heure de Paris » (the classic mistake)
  makes that card overdue two hours too early: two cards again.

Each step leaves a screenshot in artefacts/navigateur/ (11_…). Outside CI, the module skips when
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

LECON = "course/modules/11_outils/lecon.ipynb"


serveur = no.fixture_serveur("11")


page = no.fixture_page("11", DELAI)


def test_lecon_11_widget_heure_du_point_et_utc(page, serveur):
    """Does the lesson run without error; in its widget, does moving the point back to Monday
    23 h from the keyboard leave one overdue card, and does misreading UTC as Paris time bring
    the midnight card back among the overdue ones?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-cartes-en-retard")
    expect(widget).to_have_count(1)
    nombre = widget.locator(".obm-nombre-retard")
    expect(nombre).to_have_text("⏰ 2 cartes en retard")
    expect(widget).to_contain_text("Mettre les modules en ligne")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "11_widget_mardi_9_h")

    # Trial 1, keyboard only: Tab reaches the slider's handle, each arrow moves it by one hour.
    curseur = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseur).to_have_count(1)
    curseur.locator(".noUi-handle").focus()
    for _ in range(10):  # mardi 9 h → lundi 23 h
        page.keyboard.press("ArrowLeft")
    expect(curseur.locator(".obm-valeur-curseur")).to_have_text(re.compile(r"lundi\s3\smai\s2027,\s23\sh"))
    expect(nombre).to_have_text("⏰ 1 carte en retard")
    expect(widget).not_to_contain_text("Mettre les modules en ligne")
    no.capture(page, "11_widget_lundi_23_h")

    # Trial 2: the UTC time of the export misread as Paris time.
    case = widget.locator("input[type=checkbox]")
    case.focus()
    page.keyboard.press("Space")
    expect(case).to_be_checked()
    expect(nombre).to_have_text("⏰ 2 cartes en retard")
    expect(widget).to_contain_text("Mettre les modules en ligne")
    no.capture(page, "11_widget_utc_lu_comme_paris")
