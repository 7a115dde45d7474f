"""Module 01 in a real browser (Chromium, 1440 × 900): the screens a trainer's review found broken.

- The lesson's tables cut their text with « … » (pandas' truncated columns): every table must now
  show all of its text, wrapped, inside the notebook's width.
- In the quiz toggles, the chosen answer was barely darker than the others: it must now stand out
  without relying on colour (a check mark and the answer written beside the question), with
  strong contrast, and be choosable from the keyboard.
- The training correction names the misconception of a known mistake (« 🔁 À revoir » and its
  message), and the exercise's role description is written into livrables/ and shown.

Each step leaves a screenshot in artefacts/navigateur/ (prefix 01_). The server and browser come
from tests/navigateur_outils.py and the fixtures of tests/test_navigateur.py; this module has its
own server so that it never empties the screenshots of the other browser tests.
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

LECON = "course/modules/01_metier_obm/lecon.ipynb"
EXERCICE = "exercises/01_metier_obm/exercice.ipynb"


serveur = no.fixture_serveur("01")


@pytest.fixture
def grand_ecran(page):
    """The review's screen: 1440 × 900."""
    page.set_viewport_size({"width": 1440, "height": 900})
    return page


def _rgb(texte: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", texte)[:3])


def _contraste(a: str, b: str) -> float:
    """WCAG contrast ratio between two CSS rgb() colours."""
    def luminance(rgb):
        canaux = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in canaux]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    clair, fonce = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (clair + 0.05) / (fonce + 0.05)


# For every table of the page: its text, whether a cell's content is cut (wider than the cell,
# or ended by an ellipsis), and whether the table runs past the right edge of the notebook.
_MESURER_TABLEAUX = """() => {
  const bord = document.querySelector('.jp-NotebookPanel .jp-Notebook').getBoundingClientRect().right;
  return [...document.querySelectorAll(
      '.jp-NotebookPanel .jp-OutputArea-output table, .jp-NotebookPanel .jp-RenderedMarkdown table')]
    .map(t => ({
      texte: t.innerText.slice(0, 80),
      lignes: t.querySelectorAll('tbody tr').length,
      coupees: [...t.querySelectorAll('td, th')].filter(c =>
          c.scrollWidth > c.clientWidth + 1 || /(\\.\\.\\.|…)$/.test(c.innerText.trim()))
        .map(c => c.innerText),
      deborde: t.getBoundingClientRect().right > bord + 1,
    }));
}"""


def test_lecon_01_tableaux_lisibles(grand_ecran, serveur):
    """Does the lesson run through, and are all its tables readable: no text cut with « … », no
    cell wider than its column, no table running past the notebook's edge?"""
    from playwright.sync_api import expect

    page = grand_ecran
    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    tableaux = page.evaluate(_MESURER_TABLEAUX)
    # The deliverables of the 22 modules and Clara's team (obm tables), the four domains (Markdown).
    textes = " ".join(t["texte"] for t in tableaux)
    assert len(tableaux) >= 3 and "module" in textes and "prénom" in textes, tableaux
    for tableau in tableaux:
        assert not tableau["coupees"], f"texte coupé dans « {tableau['texte']} » : {tableau['coupees']}"
        assert not tableau["deborde"], f"le tableau « {tableau['texte']} » dépasse le notebook"
    livrables = page.locator("table.obm-tableau", has_text="ce que tu gardes")
    expect(livrables.locator("tbody tr")).to_have_count(22)
    expect(livrables).to_contain_text("Ta fiche de poste d'OBM d'une page")
    livrables.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "01_lecon_tableau_des_livrables")
    equipe = page.locator("table.obm-tableau", has_text="prénom")
    expect(equipe).to_contain_text("à la mission (écrire la page de vente et les e-mails du lancement)")
    equipe.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "01_lecon_tableau_equipe")


def test_lecon_01_reponse_choisie_visible_et_erreur_nommee(grand_ecran, serveur):
    """In the lesson's questionnaire, does the chosen answer stand out by more than its colour (a
    check mark, « ta réponse : AV » beside the question, strong contrast), from the mouse and the
    keyboard? And does the training correction name the misconception of a wrong answer?"""
    from playwright.sync_api import expect

    page = grand_ecran
    cellules = ouvrir(page, serveur, LECON)
    quiz = cellules.filter(has_text="quiz_essai = Quiz(").first
    executer_cellule(page, quiz)
    questionnaire = quiz.locator(".obm-questionnaire")
    expect(questionnaire).to_be_visible()
    rangees = questionnaire.locator(".widget-toggle-buttons")
    expect(rangees).to_have_count(4)

    choisi = rangees.nth(0).locator("button", has_text="AV")
    autre = rangees.nth(0).locator("button", has_text="OBM")
    choisi.click()
    expect(choisi).to_have_class(re.compile(r"\bmod-active\b"))
    expect(questionnaire).to_contain_text("ta réponse\u202f: AV")
    style = choisi.evaluate("e => { const s = getComputedStyle(e); return {fond: s.backgroundColor, "
                            "texte: s.color, poids: s.fontWeight, "
                            "avant: getComputedStyle(e, '::before').content}; }")
    style_autre = autre.evaluate("e => { const s = getComputedStyle(e); return {fond: "
                                 "s.backgroundColor, avant: getComputedStyle(e, '::before').content}; }")
    assert "✔" in style["avant"] and "✔" not in style_autre["avant"], (style, style_autre)
    assert _contraste(style["fond"], style["texte"]) >= 4.5, style
    # Before: a chosen button barely darker than the others. Now a dark button among light ones.
    assert _contraste(style["fond"], style_autre["fond"]) >= 3, (style, style_autre)
    assert int(style["poids"]) >= 600, style

    # From the keyboard: Tab to a button of E2, then Space.
    rangees.nth(1).locator("button", has_text="OBM").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(rangees.nth(1).locator("button", has_text="AV")).to_have_class(re.compile(r"\bmod-active\b"))
    questionnaire.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "01_questionnaire_reponse_choisie")

    # The training answers, with one typical mistake (E2: the execution of a plan taken for piloting).
    reponse = cellules.filter(has_text="reponses_essai = {").first
    ecrire_cellule(page, reponse, 'reponses_essai = {"e1": "OBM", "e2": "OBM", "e3": "autre", '
                                  '"e4": "AV"}')
    page.keyboard.press("Shift+Enter")  # the answer
    page.keyboard.press("Shift+Enter")  # its check
    verification = cellules.filter(has_text="quiz_essai.verifier()").first
    expect(verification.locator(".obm-verification")).to_contain_text("Forme correcte")
    correction = cellules.filter(has_text="quiz_essai.corriger(corrige_essai)").first
    executer_cellule(page, correction)
    lignes = correction.locator(".obm-correction")
    expect(lignes).to_have_count(4)
    expect(lignes.nth(0)).to_contain_text("✅ Juste")
    expect(lignes.nth(1)).to_contain_text("🔁 À revoir")
    expect(lignes.nth(1)).to_contain_text("Tu as pris l'exécution d'un plan pour du pilotage")
    expect(lignes.nth(1)).to_contain_text("Relis «\u202fCas 1 · Le lancement d'un programme en ligne\u202f»")
    correction.locator(".obm-correction").last.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "01_correction_erreur_nommee")


FICHE = (
    'fiche_de_poste = {\n'
    '"mission": "Copiloter l\'entreprise de Clara avec elle et faire avancer ses projets.",\n'
    '"projets": "Je pilote le lancement de printemps de Cap Sérénité, avec un point chaque lundi.",\n'
    '"operations": "Je suis garante des procédures écrites et des accès aux outils.",\n'
    '"equipe": "Je confie à chaque prestataire un livrable, une échéance et des critères de réception.",\n'
    '"indicateurs": "Je suis les ventes et le taux de conversion, et je les présente chaque mois.",\n'
    '"ce_que_je_ne_fais_pas": "Léa reprend la programmation des e-mails ; Samir écrit les textes de vente.",\n'
    '"organisation": "Un forfait de 20 heures par mois, davantage en lancement, et un contrat de prestation.",\n'
    '}')


def test_exercice_01_fiche_de_poste_ecrite_et_affichee(grand_ecran, serveur):
    """In the released exercise, does the role description say « pas encore fait » while it is
    the template, then, once filled, get written into livrables/ (Markdown and HTML) and shown?"""
    from playwright.sync_api import expect

    page = grand_ecran
    cellules = ouvrir(page, serveur, EXERCICE)
    preparation = cellules.nth(index_cellule(serveur, EXERCICE, "preparation"))
    executer_cellule(page, preparation)
    expect(preparation.locator(".jp-InputArea-prompt")).to_have_text(PROMPT_NUMEROTE)
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_fiche_de_poste"))
    enregistrement = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_fiche_de_poste") + 1)
    executer_cellule(page, reponse)
    executer_cellule(page, enregistrement)
    expect(enregistrement.locator(".obm-verification")).to_contain_text("Pas encore fait")
    assert not (serveur.cours / "livrables" / "01_fiche_de_poste_obm.html").exists()

    ecrire_cellule(page, reponse, FICHE)
    page.keyboard.press("Shift+Enter")  # the answer
    page.keyboard.press("Shift+Enter")  # the recording cell below
    expect(enregistrement.locator(".obm-verification")).to_contain_text("Forme correcte")
    fiche = enregistrement.locator(".obm-fiche")
    expect(fiche.locator("h1")).to_have_text("OBM de Clara Morel · fiche de poste")
    expect(fiche.locator("h2")).to_have_count(7)
    expect(fiche).to_contain_text("un livrable, une échéance et des critères de réception")
    for nom in ("01_fiche_de_poste_obm.md", "01_fiche_de_poste_obm.html"):
        assert (serveur.cours / "livrables" / nom).is_file(), nom
    fiche.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "01_exercice_fiche_de_poste")


def test_exercice_01_association_au_clavier(grand_ecran, serveur):
    """In the exercise's questionnaire, can each deliverable of the association (Q3) get its domain
    from the keyboard (Tab, then Space), with « ta réponse : … » said beside it? A drop-down list
    used to stand there, which the keyboard could not change in JupyterLab."""
    from playwright.sync_api import expect

    page = grand_ecran
    cellules = ouvrir(page, serveur, EXERCICE)
    executer_cellule(page, cellules.nth(index_cellule(serveur, EXERCICE, "preparation")))
    quiz = cellules.nth(index_cellule(serveur, EXERCICE, "quiz_role"))
    executer_cellule(page, quiz)
    questionnaire = quiz.locator(".obm-questionnaire")
    expect(questionnaire).to_be_visible()
    expect(questionnaire.locator("select")).to_have_count(0)
    element = questionnaire.locator(".widget-vbox", has_text="Le plan du lancement").last
    rangee = element.locator(".widget-toggle-buttons")
    expect(rangee).to_have_count(1)
    rangee.locator("button").first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(rangee.locator("button").nth(1)).to_have_class(re.compile(r"\bmod-active\b"))
    expect(element).to_contain_text("ta réponse\u202f: opérations")
    element.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "01_exercice_association_au_clavier")
