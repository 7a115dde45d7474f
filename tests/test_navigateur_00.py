"""Module 00 in a real browser (Chromium, 1440 × 900): what a learner sees in the welcome lesson
and its exercise.

What was broken and is asserted here: after « Enregistrer », the self-assessment's message
column covered the 1–5 readouts of the 18 sliders, and the slider tracks started at ragged
positions; the lesson named menus that JupyterLab's French interface calls otherwise. Each test
leaves a screenshot in artefacts/navigateur/ (00_…png).

The fixtures `navigateur` and `page` and the page helpers come from tests/test_navigateur.py;
this module has its own server fixture, which does not empty artefacts/navigateur/ (the other
module's screenshots stay).
"""

import json
import re

import pytest

import navigateur_outils as no
from test_navigateur import (PROMPT_NUMEROTE, ecrire_cellule, executer_cellule,  # noqa: F401
                             executer_tout, index_cellule, navigateur, ouvrir, page, sans_erreur)

LECON = "course/modules/00_bienvenue/lecon.ipynb"
EXERCICE = "exercises/00_bienvenue/exercice.ipynb"
ECRAN = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    no.chromium()
    no.exiger_playwright()
    no.francais_par_defaut()
    serveur = no.ServeurJupyter(tmp_path_factory.mktemp("navigateur_00"))
    serveur.demarrer()
    try:
        yield serveur
    finally:
        serveur.arreter()
        no.garder_journal(serveur)


def _boite(locator) -> dict:
    boite = locator.bounding_box()
    assert boite is not None, "élément invisible"
    return boite


def _se_chevauchent(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def _visible_au_premier_plan(page, locator) -> bool:
    """Is the element's centre painted by the element itself (nothing drawn over it)?"""
    return locator.evaluate(
        """e => {
            e.scrollIntoView({block: 'center'});
            const r = e.getBoundingClientRect();
            const dessus = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return dessus !== null && (dessus === e || e.contains(dessus));
        }""")


def test_autoevaluation_lisible_apres_enregistrement(page, serveur):
    """At 1440 × 900, do the 18 slider tracks start at the same position, and after « Enregistrer »
    does every 1–5 readout stay visible, uncovered by the message, while the radar is written into
    livrables/?"""
    from playwright.sync_api import expect

    page.set_viewport_size(ECRAN)
    ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    widget = page.locator(".jupyter-widgets.widget-vbox", has_text="Échelle").first
    curseurs = widget.locator(".widget-slider")
    expect(curseurs).to_have_count(18)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")

    # The tracks start at the same x (ragged before: each label had its own width).
    pistes = [_boite(c.locator(".slider-container")) for c in curseurs.all()]
    departs = {round(p["x"]) for p in pistes}
    assert max(departs) - min(departs) <= 1, f"pistes qui commencent à des x différents : {sorted(departs)}"
    largeurs = {round(p["width"]) for p in pistes}
    assert max(largeurs) - min(largeurs) <= 1, f"pistes de largeurs différentes : {sorted(largeurs)}"

    # Keyboard: GP1 from 1 to 2, the radar is redrawn.
    radar = widget.locator("img.widget-image")
    avant = radar.get_attribute("src")
    widget.locator(".noUi-handle").first.press("ArrowRight")
    expect(widget.locator(".widget-readout").first).to_have_text("2")
    expect(radar).not_to_have_attribute("src", avant)

    widget.locator("button", has_text="Enregistrer").click()
    message = widget.locator(".obm-autoevaluation-message")
    expect(message).to_contain_text("Autoévaluation enregistrée")
    expect(message).to_contain_text("00_radar_competences.png")
    boite_message = _boite(message)
    lectures = widget.locator(".widget-readout")
    expect(lectures).to_have_count(18)
    for numero, lecture in enumerate(lectures.all(), start=1):
        expect(lecture).to_be_visible()
        assert re.fullmatch(r"[1-5]", lecture.inner_text().strip()), lecture.inner_text()
        assert not _se_chevauchent(_boite(lecture), boite_message), \
            f"le message couvre la valeur du curseur n° {numero}"
        assert _visible_au_premier_plan(page, lecture), \
            f"la valeur du curseur n° {numero} est cachée par un autre élément"
    # The text alternative of the radar, read by a screen reader and shown below it.
    assert "18 compétences" in (radar.get_attribute("title") or "")

    enregistre = json.loads((serveur.obm_home / "autoevaluation.json").read_text(encoding="utf-8"))
    assert enregistre["autoevaluations"][-1]["notes"]["GP1"] == 2
    png = serveur.cours / "livrables" / "00_radar_competences.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "00_autoevaluation_apres_enregistrement")
