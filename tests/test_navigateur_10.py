"""Module 10 in a real browser: what the trainer's review found broken, checked in Chromium.

The review read « Situation : True · Comportement : True… » and « 80% » in lesson 10, and its
tables of verdicts said True / False. Here the lesson runs to the end in JupyterLab; its outputs
say « oui » / « non » and « 80 % », its tables fit the page (no cut column, no horizontal
scroll), the live analyser answers typing from the keyboard, and in the exercise the pre-check
names the word at fault (« encore ») before granting the point, then the printable SBI sheet is
written. Each step leaves a screenshot in artefacts/navigateur/ (10_…).
"""

import re

import navigateur_outils as no
import pytest
from test_navigateur import (
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

__all__ = ["navigateur", "page"]  # fixtures used by name below

LECON = "course/modules/10_feedback/lecon.ipynb"
EXERCICE = "exercises/10_feedback/exercice.ipynb"
BOOLEEN_ANGLAIS = re.compile(r"\b(True|False)\b")
# Every table of the page: its first words, the cells whose content is cut (wider than the
# cell, or ended by an ellipsis), and whether it runs past the notebook's right edge.
_MESURER_TABLEAUX = """() => {
  const bord = document.querySelector('.jp-NotebookPanel .jp-Notebook').getBoundingClientRect().right;
  return [...document.querySelectorAll(
      '.jp-NotebookPanel .jp-OutputArea-output table, .jp-NotebookPanel .jp-RenderedMarkdown table')]
    .map(t => ({
      texte: t.innerText.slice(0, 60),
      coupees: [...t.querySelectorAll('td, th')].filter(c =>
          c.scrollWidth > c.clientWidth + 1 || /(\\.\\.\\.|…)$/.test(c.innerText.trim()))
        .map(c => c.innerText),
      deborde: t.getBoundingClientRect().right > bord + 1,
    }));
}"""


serveur = no.fixture_serveur("10")


@pytest.fixture
def grand_ecran(page):
    """The review's screen: 1440 × 900."""
    page.set_viewport_size({"width": 1440, "height": 900})
    return page


def deborde(element) -> bool:
    """Is the element wider than the space it is given (a cut column, a horizontal scrollbar)?"""
    return element.evaluate("e => e.scrollWidth > e.clientWidth + 1")


def tableaux_lisibles(page) -> None:
    """Does every table of the notebook show all its text, inside the notebook's width?"""
    for tableau in page.evaluate(_MESURER_TABLEAUX):
        assert not tableau["coupees"], f"texte coupé dans « {tableau['texte']} » : {tableau['coupees']}"
        assert not tableau["deborde"], f"« {tableau['texte']} » dépasse du notebook"


def test_lecon_10_en_francais_et_lisible(grand_ecran, serveur):
    """Does lesson 10 run without error and show « oui » / « non » and « 80 % » (never True,
    False or 80%), with its review and log tables readable in full?"""
    from playwright.sync_api import expect

    page = grand_ecran
    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    sorties = page.locator(".jp-OutputArea-output")
    textes = "\n".join(sorties.all_inner_texts())
    assert not BOOLEEN_ANGLAIS.search(textes), BOOLEEN_ANGLAIS.search(textes)
    assert "Situation : oui · Comportement : oui · Impact : oui" in textes.replace("\u202f", " ")
    assert re.search(r"4 feedbacks positifs sur 5 : 80[\u00a0\u202f]%", textes), textes[-2000:]
    assert not re.search(r"\d%", textes)

    revue = page.locator(".jp-OutputArea-output table", has_text="À reprendre")
    expect(revue.locator("tbody tr")).to_have_count(7)
    expect(revue.locator("tbody tr").first).to_contain_text("✗ non")
    expect(revue).to_contain_text("✓ oui")
    bilan = page.locator(".jp-OutputArea-output table", has_text="SBI complet")
    expect(bilan.locator("tbody tr")).to_have_count(5)
    tableaux_lisibles(page)
    revue.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "10_lecon_revue_oui_non")
    bilan.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "10_lecon_bilan_80_pourcent")

    # The live analyser, from the keyboard only: focus the text box, select all, type.
    widget = page.locator(".jupyter-widgets.widget-vbox", has=page.locator(".widget-radio")).last
    zone = widget.locator("textarea").first
    expect(widget).to_contain_text("À compléter")
    zone.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Hier, pendant le point d'équipe, tu as encore lu les échéances. "
                       "Personne ne m'a relancée.")
    expect(widget).to_contain_text(re.compile(r"«\s?encore\s?»\s?généralise"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Hier, pendant le point d'équipe, tu as lu à voix haute les trois "
                       "échéances. Du coup, personne ne m'a relancée.")
    expect(widget).to_contain_text("Feedback SBI complet")
    expect(widget).to_contain_text("✓ Situation")
    assert not deborde(widget), "le widget déborde de sa cellule"
    widget.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "10_lecon_analyseur_au_clavier", readme=True)

    # The mode is a pair of radio buttons: the chosen one is checked (not only a shade darker),
    # and the keyboard switches to « Trois parties » (Tab, Space); Tab then walks the three boxes.
    choisi = widget.locator("input[type=radio]:checked")
    expect(choisi).to_have_count(1)
    coche = widget.locator("label:has(input[type=radio]:checked)")
    expect(coche).to_have_text("Un seul texte")
    choisi.focus()
    page.keyboard.press("Tab")  # to the other mode's radio button
    page.keyboard.press("Space")
    expect(coche).to_have_text("Trois parties")
    expect(widget.locator("textarea")).to_have_count(3)
    widget.locator("textarea").first.focus()
    page.keyboard.type("Mardi, pendant le point d'équipe,")
    page.keyboard.press("Tab")
    page.keyboard.type("tu as coupé la parole à Inès deux fois")
    page.keyboard.press("Tab")
    page.keyboard.type("elle a fini la réunion caméra coupée.")
    expect(widget).to_contain_text("Feedback SBI complet")
    no.capture(page, "10_lecon_analyseur_trois_parties")


def test_exercice_10_precontrole_puis_fiche(grand_ecran, serveur):
    """In exercise 10, does the pre-check of a rewrite that keeps « encore » say « À revoir »
    and quote the word, the same feedback without it get « Forme correcte » with the point, and
    the last cell write the printable SBI sheet into livrables/?"""
    from playwright.sync_api import expect

    page = grand_ecran
    cellules = ouvrir(page, serveur, EXERCICE)
    preparation = cellules.nth(index_cellule(serveur, EXERCICE, "preparation"))
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q2a"))
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q2a_precontrole"))
    executer_cellule(page, preparation)
    expect(preparation.locator(".jp-InputArea-prompt")).to_have_text(PROMPT_NUMEROTE)
    # The statement's table of eight feedbacks is read in full (no cut column).
    enonce = page.locator(".jp-RenderedMarkdown table", has_text="comment il est donné")
    expect(enonce.locator("tbody tr")).to_have_count(8)
    tableaux_lisibles(page)

    ecrire_cellule(page, reponse, 'reecriture_1 = """Hugo, mercredi 5 mai à 18 h, tu as encore '
                                  'envoyé une vidéo en retard. Léa a dû reprogrammer l\'e-mail '
                                  "d'annonce.\"\"\"")
    page.keyboard.press("Shift+Enter")  # runs the answer, selects the check below
    page.keyboard.press("Shift+Enter")  # runs the check
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("ne trouve pas encore le comportement")
    expect(retour).to_contain_text("généralise")
    assert "`" not in retour.inner_text()
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "10_exercice_precontrole_a_revoir", readme=True)

    ecrire_cellule(page, reponse, 'reecriture_1 = """Hugo, mercredi 5 mai à 18 h, tu as envoyé la '
                                  "vidéo 3, attendue le lundi 3 mai à 9 h, sans message avant. "
                                  "Cela a obligé Léa à reprogrammer l'e-mail d'annonce.\"\"\"")
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("Forme correcte")
    expect(retour).to_contain_text("pré-contrôle est acquis")
    no.capture(page, "10_exercice_precontrole_acquis")

    # The menu path the exercise's last cell names exists as written in the French interface.
    page.locator(".lm-MenuBar-item", has_text="Noyau").click()
    expect(page.locator(".lm-Menu").first).to_contain_text(
        "Redémarrer le noyau et Exécuter toutes les cellules…")
    page.keyboard.press("Escape")
    assert "Noyau › Redémarrer le noyau et Exécuter toutes les cellules…" in \
        (serveur.cours / EXERCICE).read_text(encoding="utf-8").replace("\u202f", " ")

    # The sheet: Run All, then the last cell reports the files written in livrables/.
    executer_tout(page)
    fiche = cellules.nth(index_cellule(serveur, EXERCICE, "fiche")).locator(".obm-fiche")
    expect(fiche).to_contain_text("Ta fiche SBI est écrite")
    expect(fiche).to_contain_text("1 feedback écrit sur 4")
    expect(fiche).to_contain_text("10_fiche_sbi.html")
    fiche.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "10_exercice_fiche_ecrite")
    livrable = serveur.cours / "livrables" / "10_fiche_sbi.html"
    assert "Cela a obligé Léa" in livrable.read_text(encoding="utf-8")


def test_fiche_sbi_tient_sur_deux_pages_a4(navigateur, tmp_path, monkeypatch):
    """Printed from Chromium on A4, is the SBI sheet two pages: the method card alone on the
    first (to keep by the keyboard), the learner's four feedbacks on the second?"""
    import json

    from obm.feedback import ecrire_fiche_sbi

    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    corrige = json.loads((no.RACINE / "solutions" / "10_feedback" / "exercice.ipynb")
                         .read_text(encoding="utf-8"))
    reponses = {}
    for cellule in corrige["cells"]:
        source = "".join(cellule["source"])
        if "### BEGIN SOLUTION" in source:
            exec(source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0], reponses)
    fiche = ecrire_fiche_sbi({"Pour Hugo": reponses["reecriture_1"],
                              "Pour Léa": reponses["reecriture_2"],
                              "Pour Inès": reponses["feedback_positif"],
                              "Pour Samir": reponses["feedback_correctif"]})
    page = navigateur.new_page()
    try:
        page.goto(fiche.html.as_uri())
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        # A4 (210 mm) minus the sheet's 12 mm margins, at 96 px per inch: the printed width.
        page.set_viewport_size({"width": round((210 - 24) / 25.4 * 96), "height": 1000})
        no.capture(page, "10_fiche_sbi_impression")
        hauteur_page = (297 - 24) / 25.4 * 96
        haut = page.evaluate("document.querySelector('h2.mes-feedbacks').getBoundingClientRect().top")
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 2, f"la fiche imprimée fait {pages} page(s)"
    assert haut < hauteur_page, "la méthode ne tient pas sur la première page"
