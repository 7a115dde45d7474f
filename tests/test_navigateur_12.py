"""Module 12 in a real browser (Chromium, 1440 × 900, French JupyterLab): the screens the trainer's
review found broken, each with a screenshot in artefacts/navigateur/.

- The lesson's tables (`lancement.head(8)` overflowed: a cut column, dates on two lines) are now
  drawn by `kpi.apercu`: none overflows its output area, no cell wraps, and no raw pandas table
  is left in the lesson.
- The dashboard widget's headline ROAS is the paid channel's own, on the lesson's revenue (net
  closed sales), and it follows the source filter.
- In the exercise, a typical mistake (the whole revenue divided by the ad spend) is named by the
  visible check.

Same tools and fixtures as tests/test_navigateur.py (one JupyterLab for this module, on a copy of
the course); outside CI, skipped when Chromium or Playwright is missing, under CI=true it fails.
"""

import re

import navigateur_outils as no
from test_navigateur import (  # noqa: F401  (fixtures and helpers shared with the main browser test)
    DELAI,
    PROMPT_NUMEROTE,
    ecrire_cellule,
    executer_cellule,
    executer_tout,
    index_cellule,
    navigateur,
    ouvrir,
    sans_erreur,
)

from obm import fr, kpi

LECON = "course/modules/12_analyse_donnees/lecon.ipynb"
EXERCICE = "exercises/12_analyse_donnees/exercice.ipynb"


serveur = no.fixture_serveur("12")


page = no.fixture_page("12", DELAI)


# For every table of the lesson's outputs: does it fit in its output area, and is every cell on
# one line and fully shown? (A cell is on one line when it is no taller than about 1.6 lines.)
_MESURER_LES_TABLEAUX = """
() => [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => {
    const zone = t.closest('.jp-OutputArea-output');
    const cases = [...t.querySelectorAll('td')];
    const hauteurLigne = c => parseFloat(getComputedStyle(c).lineHeight) || 18;
    return {
        pandas: t.classList.contains('dataframe'),
        apercu: t.closest('.obm-apercu') !== null,
        deborde: t.getBoundingClientRect().right > zone.getBoundingClientRect().right + 1,
        coupees: cases.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent),
        sur_deux_lignes: cases.filter(c => c.offsetHeight > 1.6 * hauteurLigne(c) + 6)
                              .map(c => c.textContent),
    };
})
"""


def test_lecon_12_tableaux_lisibles_et_tableau_de_bord(page, serveur):
    """Does the lesson run without error, are all its tables readable (none overflows, no cut or
    wrapped cell, no raw pandas table), and does the dashboard show with its text alternative?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    tableaux = page.evaluate(_MESURER_LES_TABLEAUX)
    assert len(tableaux) >= 8, tableaux
    assert not [t for t in tableaux if t["pandas"]], "un tableau pandas brut reste dans la leçon"
    for tableau in tableaux:
        assert not tableau["deborde"], tableau
        assert not tableau["coupees"], tableau
        assert not tableau["sur_deux_lignes"], tableau
    # The first table, the one that used to overflow (lancement.head(8)), with dates on one line.
    premier = cellules.nth(index_cellule_lecon(serveur, "donnees")).locator(".obm-apercu table")
    expect(premier.locator("tbody tr").first).to_contain_text("26/04/2027")
    premier.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "12_lecon_tableau_lisible")

    bilan = cellules.nth(index_cellule_lecon(serveur, "ca"))
    expect(bilan).to_contain_text("Chiffre d'affaires TTC (ventes conclues nettes)")
    expect(bilan).to_contain_text("Encaissé le jour des commandes")
    bilan.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "12_lecon_chiffre_d_affaires")

    figure = page.locator('img[alt^="Tableau de bord du lancement."]').first
    expect(figure).to_be_visible()
    assert "ventes conclues nettes" in figure.get_attribute("alt")


def index_cellule_lecon(serveur, identifiant):
    """The position of a lesson cell by its id, in the served copy."""
    import json

    cellules = json.loads((serveur.cours / LECON).read_text(encoding="utf-8"))["cells"]
    return next(i for i, c in enumerate(cellules) if c["id"] == identifiant)


def test_lecon_12_widget_roas_du_canal_payant(page, serveur):
    """In the lesson's dashboard widget, is the headline ROAS the paid channel's own, on net
    closed sales, and does choosing a source without ads say it has no ROAS?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, LECON)
    executer_tout(page)
    widget = cellules.nth(index_cellule_lecon(serveur, "widget")).locator(".jupyter-widgets.widget-vbox").first
    chiffres = widget.locator(".widget-html").first
    export = kpi.charger_export_ventes(serveur.cours / "data" / "ventes_export_brut.csv")
    meta = kpi.bilan_ventes(export, source="facebook_ads")
    import pandas as pd

    lancement = pd.read_csv(serveur.cours / "data" / "lancement_entonnoir.csv")
    depenses = lancement.loc[lancement["source"] == "facebook_ads", "depenses_pub"].sum()
    roas = fr.nombre(kpi.roas(meta.ventes_nettes_ttc, depenses), 2)
    expect(chiffres).to_contain_text(re.compile(rf"ROAS facebook_ads\s*:\s*{roas}"))
    expect(chiffres).to_contain_text("ventes conclues nettes")
    image = widget.locator("img.widget-image")
    expect(image).to_have_attribute("src", re.compile("^blob:"))
    avant = image.get_attribute("src")
    # From the keyboard: focus the source list and type the first letter of « email ».
    liste = widget.locator(".widget-dropdown select")
    liste.focus()
    page.keyboard.press("e")
    expect(liste).to_have_value("email")
    expect(chiffres).to_contain_text("sans objet")
    expect(image).not_to_have_attribute("src", avant)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "12_lecon_widget_email")
    avant = image.get_attribute("src")
    liste.select_option("facebook_ads")
    expect(chiffres).to_contain_text(re.compile(rf"ROAS facebook_ads\s*:\s*{roas}"))
    expect(image).not_to_have_attribute("src", avant)
    expect(widget.locator(".widget-html").last).to_contain_text("ROAS\u202f: facebook_ads")
    no.capture(page, "12_lecon_widget_facebook_ads")


def test_exercice_12_erreur_typique_nommee(page, serveur):
    """In exercise 12, is a ROAS computed on the whole revenue « à revoir », with its misconception
    named, while the right answer only gets « forme correcte »?"""
    from playwright.sync_api import expect

    cellules = ouvrir(page, serveur, EXERCICE)
    preparation = cellules.nth(index_cellule(serveur, EXERCICE, "preparation"))
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q2"))
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q2_ca_publicite"))
    executer_cellule(page, preparation)
    expect(preparation.locator(".jp-InputArea-prompt")).to_have_text(PROMPT_NUMEROTE)
    debut = ('cap = export.ventes[export.ventes["produit"] == "Cap Sérénité"]\n'
             'gardees = cap[cap["statut"] == "payée"]\n'
             'ca_net_ttc = gardees["valeur_commande"].sum()\n'
             'depenses_meta = lancement[lancement["source"] == "facebook_ads"]["depenses_pub"].sum()\n'
             'cout_par_cliente_meta = kpi.cac(depenses_meta, len(cap[cap["source"] == "facebook_ads"]))\n')
    ecrire_cellule(page, reponse, debut + "roas_meta = kpi.roas(ca_net_ttc, depenses_meta)")
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("chiffre d'affaires de tout le lancement")
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "12_exercice_erreur_typique")

    juste = ('gardees_meta = gardees[gardees["source"] == "facebook_ads"]\n'
             'roas_meta = kpi.roas(gardees_meta["valeur_commande"].sum(), depenses_meta)')
    ecrire_cellule(page, reponse, debut + juste)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("Forme correcte")
    expect(retour).not_to_contain_text("À revoir")
