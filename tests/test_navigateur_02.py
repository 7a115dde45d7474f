"""Module 02 in a real browser: does the lesson run, does its widget teach what the lesson says
(the σ of a sum grows as √n, not n), and does the exercise name a recorded mistake?

Same JupyterLab and Chromium set-up as tests/test_navigateur.py (its fixtures are reused); this
module's screenshots go to artefacts/navigateur/ beside the others. Outside CI, it skips when
Chromium or Playwright is missing; under CI=true it fails.
"""

import re

import navigateur_outils as no
from test_navigateur import (  # noqa: F401  (fixtures, found by pytest under these names)
    PROMPT_NUMEROTE,
    ecrire_cellule,
    executer_cellule,
    executer_tout,
    index_cellule,
    navigateur,
    ouvrir,
    page,
    sans_erreur,
)

LECON = "course/modules/02_plan_de_projet/lecon.ipynb"
EXERCICE = "exercises/02_plan_de_projet/exercice.ipynb"


serveur = no.fixture_serveur("02")


def test_lecon_plan_de_projet_et_son_widget(page, serveur):
    """Does lesson 02 run all its cells without error, and when the learner moves the number of
    tasks from 8 to 9 with the keyboard, does the sum's σ become 5 h (√9 × 10/6), not 15 h?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    # The plan of the video branch shows its tree, durations and budget in French.
    plan = page.locator(".obm-plan").first
    expect(plan).to_contain_text("Les vidéos de Cap Sérénité")
    expect(plan).to_contain_text("3 à prévoir (15 jours ouvrés)")
    expect(plan).to_contain_text("1 650 €")
    plan.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "02_lecon_plan_des_videos")

    widget = page.locator(".jupyter-widgets.widget-vbox", has_text="Nombre de tâches identiques")
    figure = widget.locator("img.widget-image")
    expect(figure).to_have_attribute("src", re.compile("^blob:"))
    # Hugo's edits, 4 / 6 / 14 h each: 8 of them expect 56 h, σ = √8 × 10/6 ≈ 4.71 h.
    expect(widget).to_contain_text("Pour 8 tâches : espérance 56 h, écart-type 4,71 h")
    expect(widget).to_contain_text("tu trouverais 13,33 h")
    avant = figure.get_attribute("src")
    curseur = widget.locator(".noUi-handle").nth(3)  # optimiste, probable, pessimiste, nombre
    curseur.focus()
    curseur.press("ArrowRight")
    expect(widget.locator(".widget-readout").nth(3)).to_have_text("9")
    # 9 edits: 63 h, σ = √9 × 10/6 = 5 h exactly, against 9 × 10/6 = 15 h if σ were added.
    expect(widget).to_contain_text("Pour 9 tâches : espérance 63 h, écart-type 5 h")
    expect(widget).to_contain_text("tu trouverais 15 h, soit 3 fois trop")
    expect(figure).not_to_have_attribute("src", avant)
    figure.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "02_lecon_plan_de_projet_widget")


def test_exercice_nomme_une_erreur_typique(page, serveur):
    """In exercise 02, does a SDP that keeps what sells the programme get « À revoir » with the
    recorded misconception, and does the Kernel menu hold the command the exercise names?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, EXERCICE)
    for grade_id in ("preparation", "catalogue"):
        cellule = cellules.nth(index_cellule(serveur, EXERCICE, grade_id))
        executer_cellule(page, cellule)
        expect(cellule.locator(".jp-InputArea-prompt")).to_have_text(PROMPT_NUMEROTE)
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q2"))
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q2_sdp"))
    ecrire_cellule(page, reponse, 'lots_retenus = ["RUSHS", "VIDEOS", "TEXTES", "CAHIERS", "ESPACE", '
                                  '"MODULES", "PLAN", "PAGE", "WEBI"]')
    page.keyboard.press("Shift+Enter")  # runs the answer, selects the check below
    page.keyboard.press("Shift+Enter")  # runs the check
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("ce qui sert à faire connaître et à vendre le programme")
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "02_exercice_erreur_typique")

    # « Noyau › Redémarrer le noyau et Exécuter toutes les cellules… » (JupyterLab's own
    # capital E), as the exercise says.
    page.locator(".lm-MenuBar-item", has_text="Noyau").click()
    expect(page.locator(".lm-Menu").first).to_contain_text(
        "Redémarrer le noyau et Exécuter toutes les cellules…")
    page.keyboard.press("Escape")
