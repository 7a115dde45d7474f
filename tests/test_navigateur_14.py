"""Module 14 in a real browser (Chromium, 1440 × 900): the lesson runs through and its widget
teaches what the lesson says.

- The lesson runs with « Exécution › Exécuter toutes les cellules » without any error.
- The widget « ce que rapporte une automatisation » starts on the lesson's example (10 runs a
  month, 5 minutes saved, 4 h of set-up, 2 h of maintenance a year): 8 h gained a year, paid back
  in 6 months, the verdict « ✅ Remboursée en moins d'un an » (an icon and words, never a colour
  alone).
- The lesson's first trial, from the keyboard only: 4 runs a month → 2 h a year, paid back in
  24 months, « ⚠️ ».
- Its second trial: 2 runs a month → the maintenance eats the whole gain, « jamais » and « ⛔ »,
  while the xkcd ceiling (which ignores maintenance) still shows 10 h.

Each step leaves a screenshot in artefacts/navigateur/ (14_…). Outside CI, the module skips when
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

LECON = "course/modules/14_automatisation/lecon.ipynb"


serveur = no.fixture_serveur("14")


page = no.fixture_page("14", DELAI)


def _nombre(cellule) -> str:
    """The text of one cell of the widget's table, spaces normalised (« 8,0 h »)."""
    return " ".join(cellule.inner_text().replace("\u202f", " ").replace("\u00a0", " ").split())


def test_lecon_14_widget_frequence_gain_et_retour(page, serveur):
    """Does the lesson run without error; in its widget, does lowering the runs per month from
    the keyboard shrink the yearly gain, stretch the payback, and at 2 runs a month show that the
    automation never pays back while the xkcd ceiling still says 10 h?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)

    widget = page.locator(".obm-gain-automatisation")
    expect(widget).to_have_count(1)
    gain, delai, xkcd = widget.locator(".obm-gain"), widget.locator(".obm-delai"), widget.locator(".obm-xkcd")
    verdict = widget.locator(".obm-verdict")
    expect(verdict).to_contain_text("✅")
    expect(verdict).to_contain_text("Remboursée en moins d'un an")
    assert (_nombre(gain), _nombre(delai)) == ("8,0 h", "6,0 mois"), (gain.inner_text(), delai.inner_text())
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "14_widget_10_par_mois")

    curseurs = widget.locator(".widget-hbox", has=page.locator(".widget-slider"))
    expect(curseurs).to_have_count(4)
    frequence = curseurs.nth(0)
    expect(frequence).to_contain_text("Exécutions par mois")
    frequence.locator(".noUi-handle").focus()
    for _ in range(6):  # 10 → 4 runs a month, one per key
        page.keyboard.press("ArrowLeft")
    expect(frequence.locator(".obm-valeur-curseur")).to_have_text("4")
    expect(verdict).to_contain_text("⚠️")
    assert (_nombre(gain), _nombre(delai)) == ("2,0 h", "24,0 mois"), (gain.inner_text(), delai.inner_text())
    no.capture(page, "14_widget_4_par_mois")

    for _ in range(2):  # 4 → 2 runs a month
        page.keyboard.press("ArrowLeft")
    expect(frequence.locator(".obm-valeur-curseur")).to_have_text("2")
    expect(verdict).to_contain_text("⛔")
    expect(verdict).to_contain_text("Ne se rembourse jamais")
    assert _nombre(delai) == "jamais", delai.inner_text()
    assert _nombre(xkcd) == "10,0 h", xkcd.inner_text()
    no.capture(page, "14_widget_2_par_mois")
