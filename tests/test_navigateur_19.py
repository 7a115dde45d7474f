"""Module 19 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The budget widget starts on Clara's figures: its break-even is shown in sales, the cash plan
  dips below zero in April (said in words and with an icon, never a colour alone).
- From the keyboard only, raising the ad budget by 1 000 € raises the break-even by two sales,
  as the lesson says; then moving every buyer to the 3-instalment option lowers the cash at the
  end of May, while the break-even barely moves.

Each step leaves a screenshot in artefacts/navigateur/ (19_…). Outside CI, the module skips when
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

LECON = "course/modules/19_finances/lecon.ipynb"


serveur = no.fixture_serveur("19")


page = no.fixture_page("19", DELAI)


def _entier(cellule) -> int:
    """The whole number written in one cell of the widget (« −3 351 € » → −3351, « 16 ventes » → 16)."""
    texte = cellule.inner_text()
    for caractere in ("\u202f", "\u00a0", " ", "€", "ventes"):
        texte = texte.replace(caractere, "")
    return int(texte.replace("−", "-"))


def test_lecon_19_widget_budget_et_tresorerie(page, serveur):
    """Does the lesson run without error; in its widget, does a larger ad budget raise the
    break-even, and does a 100 % share of instalments lower the cash at the end of May?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-budget-lancement")
    expect(widget).to_have_count(1)
    seuil, mai = widget.locator(".obm-seuil"), widget.locator(".obm-tresorerie-mai")
    alerte = widget.locator(".obm-alerte-tresorerie")
    expect(alerte).to_contain_text("⚠️")
    expect(alerte).to_contain_text("Trésorerie négative")
    expect(widget.locator("svg.obm-courbe-tresorerie title")).to_contain_text("Trésorerie en fin de mois")
    seuil_depart, mai_depart = _entier(seuil), _entier(mai)
    seuil_texte, mai_texte = seuil.inner_text(), mai.inner_text()
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "19_widget_depart")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(3)
    pub = curseurs.nth(1)
    expect(pub).to_contain_text("Budget publicitaire")
    pub.locator(".noUi-handle").focus()
    for _ in range(4):  # 2 500 € → 3 500 €, 250 € per key
        page.keyboard.press("ArrowRight")
    expect(pub.locator(".obm-valeur-curseur")).to_have_text("3\u202f500\u00a0€")
    expect(seuil).not_to_have_text(seuil_texte)
    assert _entier(seuil) == seuil_depart + 2, seuil.inner_text()
    no.capture(page, "19_widget_publicite_3500")

    part = curseurs.nth(2)
    expect(part).to_contain_text("Paiements en 3 fois")
    part.locator(".noUi-handle").focus()
    page.keyboard.press("End")  # 100 %: every buyer pays in three instalments
    expect(part.locator(".obm-valeur-curseur")).to_have_text("100\u00a0%")
    expect(mai).not_to_have_text(mai_texte)
    assert _entier(mai) < mai_depart, (mai.inner_text(), mai_depart)
    assert abs(_entier(seuil) - (seuil_depart + 2)) <= 1, seuil.inner_text()
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "19_widget_trois_fois_100")
