"""Module 06 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The widget « accepter ou payer ? » starts on the lesson's example (Samir's e-mails, 20 %): the
  response costs a little more than the risk, so the verdict says the EMV alone advises to accept,
  in words and with an icon (never a colour alone).
- From the keyboard only, the probability raised from 20 % to 30 % makes the response worth its
  price: the expected cost without a response rises above the one with it, which does not move.

Each step leaves a screenshot in artefacts/navigateur/ (06_…). Outside CI, the module skips when
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

LECON = "course/modules/06_imprevus/lecon.ipynb"


serveur = no.fixture_serveur("06")


page = no.fixture_page("06", DELAI)


def _euros(cellule) -> int:
    """The whole euros written in one cell of the widget (« 84 € » → 84)."""
    texte = cellule.inner_text().replace("\u202f", "").replace("\u00a0", "").replace("€", "").strip()
    return int(texte.replace("-", "").replace("−", ""))


def test_lecon_06_widget_accepter_ou_payer(page, serveur):
    """Does the lesson run without error; in its widget, does raising the probability from 20 % to
    30 % from the keyboard turn the verdict from « accepter » to « la réponse est rentable »?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-reponse-risque")
    expect(widget).to_have_count(1)
    verdict = widget.locator(".obm-verdict")
    expect(verdict).to_contain_text("⚖️")
    expect(verdict).to_contain_text("la VMA seule dit d'accepter")
    sans, avec = widget.locator(".obm-sans"), widget.locator(".obm-avec")
    assert _euros(sans) == 80 and _euros(avec) == 84, (sans.inner_text(), avec.inner_text())
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "06_widget_probabilite_20")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(3)
    probabilite = curseurs.nth(0)
    expect(probabilite).to_contain_text("Probabilité de la menace")
    probabilite.locator(".noUi-handle").focus()
    for _ in range(2):  # 20 % → 30 %, one step of 5 % per key
        page.keyboard.press("ArrowRight")
    expect(probabilite.locator(".obm-valeur-curseur")).to_have_text("30\u00a0%")
    expect(verdict).to_contain_text("✅")
    expect(verdict).to_contain_text("La réponse est rentable")
    assert _euros(sans) == 120 and _euros(avec) == 84, (sans.inner_text(), avec.inner_text())
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "06_widget_probabilite_30")
