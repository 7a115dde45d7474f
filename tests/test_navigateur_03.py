"""Module 03 in a real browser (Chromium, 1440 × 900, as the trainer's review): the screens it fixed.

- The Gantt charts of the lesson: the names of holidays and targets were rotated, about 8 pixels
  tall and on top of each other; they are now horizontal, in rows, and must show at 12 pixels or
  more on screen. Whether two names overlap is a property of the image itself, checked on the very
  same figures in tests/test_planification.py; here Chromium tells how large the image is drawn.
- The plan shown as a French table (no « True », no cut column), and the widget's two trials.
- The exercise: a recorded typical mistake (the lesson's critical path copied) is named.

Each step leaves a screenshot in artefacts/navigateur/ (03_…). Outside CI, the module skips when
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

from obm.planification import TAILLE_ETIQUETTES

LECON = "course/modules/03_retroplanning/lecon.ipynb"
EXERCICE = "exercises/03_retroplanning/exercice.ipynb"
# Pixels per inch of the Gantt images: matplotlib's default figure dpi in a notebook, and the dpi
# the widget draws at (obm.widgets.planification.DPI).
DPI_NOTEBOOK = 100
TAILLE_MINIMALE_PX = 12


serveur = no.fixture_serveur("03")


page = no.fixture_page("03", DELAI)


def taille_des_noms_px(image, dpi):
    """On-screen height (CSS pixels) of the Gantt's names: their size in points, at the image's
    dpi, times the factor by which Chromium draws the image (drawn width ÷ natural width)."""
    naturelle, affichee = image.evaluate("e => [e.naturalWidth, e.getBoundingClientRect().width]")
    assert naturelle > 0, "l'image du Gantt n'est pas chargée"
    return TAILLE_ETIQUETTES / 72 * dpi * affichee / naturelle


def test_lecon_03_gantt_lisible_et_plan_en_francais(page, serveur):
    """Does the lesson run without error, draw its two Gantt charts with a text alternative and
    names 12 px tall or more, and show the plan as a French table with no column cut off?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    tableau = page.locator(".jp-OutputArea-output table.obm-tableau", has_text="marge (jours ouvrés)")
    expect(tableau).to_have_count(1)
    expect(tableau).to_contain_text("ven. 26 mars")
    expect(tableau).to_contain_text("oui")
    assert "True" not in tableau.inner_text() and "2027-" not in tableau.inner_text()
    # No cut column: the table is as wide as its content and fits in its output area.
    largeurs = tableau.evaluate("e => [e.scrollWidth, e.closest('.jp-OutputArea-output').clientWidth]")
    assert largeurs[0] <= largeurs[1], largeurs
    tableau.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "03_lecon_plan_en_francais")

    gantts = page.locator(".jp-OutputArea-output img[alt^='Diagramme de Gantt']")
    expect(gantts).to_have_count(2)
    for k in range(2):
        gantt = gantts.nth(k)
        assert "chemin critique" in gantt.get_attribute("alt")
        taille = taille_des_noms_px(gantt, DPI_NOTEBOOK)
        assert taille >= TAILLE_MINIMALE_PX, f"noms du Gantt n° {k + 1} : {taille:.1f} px à l'écran"
    gantts.nth(1).evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "03_lecon_gantt_noms_lisibles", readme=True)


def test_lecon_03_widget_les_deux_essais(page, serveur):
    """In the widget, does typing 10 for the editing (MONT) keep the critical path and move the
    start to Monday 5 April, as the lesson's debrief says, with a readable redrawn Gantt?"""
    from playwright.sync_api import expect

    from obm.widgets.planification import DPI

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    widget = page.locator(".jupyter-widgets.widget-vbox", has=page.locator(".widget-datepicker"))
    gantt = widget.locator("img.widget-image")
    expect(gantt).to_have_attribute("src", re.compile("^blob:"))
    expect(widget).to_contain_text("Début au plus tard : vendredi 26 mars 2027")
    avant = gantt.get_attribute("src")

    montage = widget.locator(".widget-inline-hbox", has_text="MONT ·").locator("input")
    montage.fill("10")
    montage.press("Tab")  # the keyboard is enough to change a duration
    expect(widget).to_contain_text("Début au plus tard : lundi 5 avril 2027")
    expect(widget).to_contain_text("OFF → TOUR → MONT → MEL (29 jours ouvrés)")
    expect(gantt).not_to_have_attribute("src", avant)
    taille = taille_des_noms_px(gantt, DPI)
    assert taille >= TAILLE_MINIMALE_PX, f"noms du Gantt du widget : {taille:.1f} px à l'écran"
    gantt.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "03_widget_montage_en_10_jours")

    # Back to 15, and the Whit Monday opening: not a single day of preparation lost.
    montage.fill("15")
    montage.press("Tab")
    widget.locator(".widget-datepicker input").fill("2027-05-17")
    expect(widget).to_contain_text("Début au plus tard : vendredi 26 mars 2027")


def test_exercice_03_erreur_typique_nommee(page, serveur):
    """In exercise 03, untouched, does every check say « Pas encore fait »; and does copying the
    lesson's critical path get « À revoir » with the recorded mistake's message, the right
    reading « Forme correcte »?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, EXERCICE)
    executer_tout(page)
    sans_erreur(page)
    verifications = page.locator(".obm-verification")
    expect(verifications).to_have_count(6)
    assert all("Pas encore fait" in t for t in verifications.all_inner_texts())

    reponses = {
        "reponse_q1": 'durees = {"OFF": 1, "PAGE": 5, "MAIL": 4, "INT": 2, "PROG": 1, "TOUR": 15, '
                      '"MONT": 15, "BA": 3, "MEL": 3, "PAIE": 1}\n'
                      'predecesseurs = {"OFF": "", "PAGE": "OFF", "MAIL": "PAGE", "INT": "PAGE, BA", '
                      '"PROG": "MAIL, INT", "TOUR": "OFF", "MONT": "TOUR", "BA": "MONT", "MEL": "MONT", '
                      '"PAIE": "OFF"}\n'
                      "taches_lancement = tableau_des_taches(libelles, durees, predecesseurs)",
        "reponse_q2": "plan_lancement = retroplanning(taches_lancement, ouverture_des_ventes)",
        # The lesson's critical path, copied instead of read in this plan.
        "reponse_q3": 'chemin_critique = ["OFF", "TOUR", "MONT", "MEL"]\n'
                      'debut_au_plus_tard = plan_lancement["debut"].min()',
    }
    for grade_id, code in reponses.items():
        ecrire_cellule(page, cellules.nth(index_cellule(serveur, EXERCICE, grade_id)), code)
        page.keyboard.press("Shift+Enter")  # runs the answer, selects the check below
        page.keyboard.press("Shift+Enter")  # runs the check
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q3_chemin_et_debut"))
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("celui de la leçon")
    expect(retour).to_contain_text("Relis « Le chemin critique »")
    for grade_id in ("q1_durees_dependances", "q2_plan_lancement"):
        expect(cellules.nth(index_cellule(serveur, EXERCICE, grade_id)).locator(".obm-verification")
               ).to_contain_text("Forme correcte")
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "03_exercice_erreur_typique_nommee", readme=True)

    lecture = ('chemin_critique = list(plan_lancement[plan_lancement["critique"]]'
               '.sort_values("debut").index)\ndebut_au_plus_tard = plan_lancement["debut"].min()')
    ecrire_cellule(page, cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q3")), lecture)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("Forme correcte")
    expect(retour).not_to_contain_text("À revoir")
