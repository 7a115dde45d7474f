"""Module 09 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The ZOPA widget starts on the lesson's case (Clara sells workshops to Maison Lumière): a zone
  from 1 800 € to 2 600 € HT, and at the agreed 2 450 € Clara gains 650 €, Maison Lumière 150 €,
  said in words and with an icon (never a colour alone).
- From the keyboard only, Clara's reservation price raised above Maison Lumière's makes the zone
  disappear: the text says there is no zone of agreement and no surplus to share.
- Brought back, then the agreed price moved down by one step: the surplus is split otherwise,
  what one gains the other loses.

Each step leaves a screenshot in artefacts/navigateur/ (09_…). Outside CI, the module skips when
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

LECON = "course/modules/09_negociation/lecon.ipynb"


serveur = no.fixture_serveur("09")


page = no.fixture_page("09", DELAI)


def _euros(element) -> int:
    """The whole euros written in one element of the widget (« 650 € » → 650)."""
    texte = element.inner_text().replace("\u202f", "").replace("\u00a0", "").replace("€", "").strip()
    return int(texte)


def test_lecon_09_widget_zopa(page, serveur):
    """Does the lesson run without error; in its widget, does raising Clara's reservation above
    Maison Lumière's from the keyboard remove the zone, and does moving the price change the split?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-zopa")
    expect(widget).to_have_count(1)
    zone, partage = widget.locator(".obm-zone"), widget.locator(".obm-partage")
    expect(zone).to_contain_text("✅")
    expect(zone).to_contain_text("Zone d'accord")
    vendeuse, acheteuse = partage.locator(".obm-gain-vendeuse"), partage.locator(".obm-gain-acheteuse")
    assert _euros(vendeuse) == 650 and _euros(acheteuse) == 150, (vendeuse.inner_text(), acheteuse.inner_text())
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "09_widget_zone_d_accord")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(3)
    reservation_clara = curseurs.nth(0)
    expect(reservation_clara).to_contain_text("Réservation de Clara")
    poignee = reservation_clara.locator(".noUi-handle")
    poignee.focus()
    for _ in range(17):  # 1 800 € → 2 650 €, one step of 50 € per key: above Maison Lumière's 2 600 €
        page.keyboard.press("ArrowRight")
    expect(reservation_clara.locator(".obm-valeur-curseur")).to_have_text("2\u202f650\u00a0€")
    expect(zone).to_contain_text("❌")
    expect(zone).to_contain_text("Pas de zone d'accord")
    expect(partage).to_contain_text("Pas de partage")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "09_widget_pas_de_zone")

    for _ in range(17):  # back to 1 800 €
        page.keyboard.press("ArrowLeft")
    expect(zone).to_contain_text("✅")
    prix = curseurs.nth(2)
    expect(prix).to_contain_text("Prix convenu")
    prix.locator(".noUi-handle").focus()
    for _ in range(3):  # 2 450 € → 2 300 €
        page.keyboard.press("ArrowLeft")
    expect(prix.locator(".obm-valeur-curseur")).to_have_text("2\u202f300\u00a0€")
    expect(vendeuse).to_have_text("500\u00a0€")
    assert _euros(vendeuse) + _euros(acheteuse) == 800, (vendeuse.inner_text(), acheteuse.inner_text())
    no.capture(page, "09_widget_autre_partage")
