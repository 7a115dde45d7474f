"""Module 07 in a real browser (Chromium, 1440 × 900): the lesson runs through, its live analyser
answers typing as the lesson says, and the exercise's pre-check tells a rewrite that changed task
from a clear one.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The analyser starts on the lesson's message to Inès: « Consigne à préciser », with the vague
  words quoted. From the keyboard, a vague rewrite (« rapidement », no date) stays « à préciser »
  and names « rapidement » ; a rewrite with a name, a calendar date and « Terminé = … » turns the
  verdict into « Consigne claire », each part shown with an icon and a word.
- In the exercise, a text that ticks every box but speaks of another task gets « À revoir »; the
  rewrite for Hugo gets « Forme correcte » and the pre-check's point; Run All then writes the SOP
  into livrables/07_modele_sop.md.

Each step leaves a screenshot in artefacts/navigateur/ (07_…). Outside CI, the module skips when
Chromium or Playwright is missing; under CI=true it fails.
"""

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

LECON = "course/modules/07_clarte/lecon.ipynb"
EXERCICE = "exercises/07_clarte/exercice.ipynb"

serveur = no.fixture_serveur("07")


page = no.fixture_page("07", DELAI)


def test_lecon_07_analyseur_au_clavier(page, serveur):
    """Does the lesson run without error; in its analyser, does a vague instruction typed from the
    keyboard stay « à préciser » (quoting its vague word), and its rewrite become « claire »?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-analyseur-consigne")
    expect(widget).to_have_count(1)
    expect(widget).to_contain_text("Consigne à préciser")
    expect(widget).to_contain_text("checker")
    zone = widget.locator("textarea")
    zone.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Bonjour à toutes, il faut répondre rapidement aux commentaires du live.")
    expect(widget).to_contain_text("Consigne à préciser")
    expect(widget.locator("mark")).to_have_text(["rapidement"])
    expect(widget).to_contain_text("❌ Échéance")
    widget.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "07_analyseur_consigne_vague")

    page.keyboard.press("Control+A")
    page.keyboard.type("Inès, peux-tu répondre à chaque commentaire du live avant le jeudi 13 mai "
                       "2027 à 12:00, heure de Paris ? Terminé = chaque commentaire a une réponse.")
    expect(widget).to_contain_text("Consigne claire")
    for partie in ("✅ Aucun mot flou", "✅ Échéance", "✅ Responsable", "✅ Critère de fin"):
        expect(widget).to_contain_text(partie)
    widget.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "07_analyseur_consigne_claire")


def test_exercice_07_precontrole_puis_sop(page, serveur):
    """In exercise 07, does a text that ticks every box but changed task get « À revoir », the
    rewrite for Hugo « Forme correcte », and Run All write the SOP into livrables/?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, EXERCICE)
    executer_cellule(page, cellules.nth(index_cellule(serveur, EXERCICE, "preparation")))
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q6a"))
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q6a_precontrole"))

    ecrire_cellule(page, reponse, 'consigne_hugo = """Léa, range ton bureau le vendredi 23 avril '
                                  '2027 à 18:00. Terminé = une photo dans le dossier Bureau du Drive."""')
    page.keyboard.press("Shift+Enter")  # runs the answer, selects the check below
    page.keyboard.press("Shift+Enter")  # runs the check
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("ne parle plus de la tâche")
    no.capture(page, "07_exercice_precontrole_hors_sujet")

    ecrire_cellule(page, reponse, 'consigne_hugo = """Hugo, peux-tu créer les sous-titres des 3 vidéos '
                                  "du prélancement pour le vendredi 23 avril 2027 à 18:00, heure de "
                                  "Paris ? Terminé = un fichier .srt par vidéo dans le dossier "
                                  '« Prélancement / Sous-titres » du Drive."""')
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("Forme correcte")
    expect(retour).to_contain_text("son point est acquis")
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "07_exercice_precontrole_acquis")

    executer_tout(page)
    livrable = cellules.nth(index_cellule(serveur, EXERCICE, "livrable"))
    expect(livrable.locator(".jp-OutputArea-output")).to_contain_text("07_modele_sop.md")
    expect(livrable.locator(".jp-OutputArea-output")).to_contain_text("5 rubriques encore à compléter")
    sop = serveur.cours / "livrables" / "07_modele_sop.md"
    assert sop.read_text(encoding="utf-8").startswith("# SOP · Programmer les trois e-mails")
