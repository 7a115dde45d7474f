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

import navigateur_outils as no
from test_navigateur import (  # noqa: F401
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

LECON = "course/modules/00_bienvenue/lecon.ipynb"
EXERCICE = "exercises/00_bienvenue/exercice.ipynb"
ECRAN = {"width": 1440, "height": 900}


serveur = no.fixture_serveur("00")


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


def test_lecon_cycle_des_verifications(page, serveur):
    """Does the lesson's demonstration show, in turn, « Pas encore fait », « À revoir » for an answer
    written as text, « À revoir » naming a typical mistake (its catalogue is found beside the lesson),
    then « Forme correcte », each with an icon and a word?"""
    from playwright.sync_api import expect

    page.set_viewport_size(ECRAN)
    cellules = ouvrir(page, serveur, LECON)
    executer_tout(page)
    sans_erreur(page)
    demo = cellules.filter(has_text='verifier("demo_part_objectif"')
    expect(demo).to_have_count(4)
    attendus = [("obm-pas_encore_fait", "⏳ Pas encore fait", "n'est pas encore défini"),
                ("obm-a_revoir", "🔁 À revoir", "c'est du texte"),
                ("obm-a_revoir", "🔁 À revoir", "Tu as divisé par les abonnées Instagram"),
                ("obm-forme_correcte", "☑️ Forme correcte", "la justesse sera vue à la correction")]
    for cellule, (classe, titre, message) in zip(demo.all(), attendus):
        retour = cellule.locator(".obm-verification")
        expect(retour).to_have_class(re.compile(classe))
        expect(retour).to_contain_text(titre)
        expect(retour).to_contain_text(message)
    expect(demo.last).to_contain_text("L'objectif de Clara représente 1\u00a0% de sa liste.")
    demo.nth(1).evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "00_lecon_cycle_des_verifications")


def _chemins_de_menus() -> set[tuple[str, str]]:
    """Every « Menu › Item » path that lesson 00 and exercise 00 quote (in bold)."""
    chemins = set()
    for chemin in (no.RACINE / LECON, no.RACINE / EXERCICE):
        for cellule in json.loads(chemin.read_text(encoding="utf-8"))["cells"]:
            if cellule["cell_type"] == "markdown":
                texte = "".join(cellule["source"])
                chemins |= set(re.findall(r"\*\*([^*›\n]+?) › ([^*\n]+?)\*\*", texte))
    return chemins


def test_menus_cites_existent_dans_jupyterlab_en_francais(page, serveur):
    """Is every menu path the module quotes (« Exécution › Exécuter toutes les cellules »…) an item
    of that menu, word for word, in JupyterLab's French interface?"""
    from playwright.sync_api import expect

    chemins = _chemins_de_menus()
    assert {menu for menu, _ in chemins} == {"Exécution", "Noyau"}, chemins
    page.set_viewport_size(ECRAN)
    ouvrir(page, serveur, LECON)
    for menu, article in sorted(chemins):
        page.locator(".lm-MenuBar-item", has_text=menu).click()
        libelles = page.locator(".lm-Menu .lm-Menu-itemLabel")
        expect(libelles.first).to_be_visible()
        textes = [t.strip() for t in libelles.all_inner_texts()]
        assert article in textes, f"« {menu} › {article} » n'existe pas ; le menu {menu} a : {textes}"
        no.capture(page, f"00_menu_{menu.lower().replace('é', 'e')}")
        page.keyboard.press("Escape")


def test_exercice_erreur_typique_duree_prise_pour_une_charge(page, serveur):
    """In exercise 00, does adding up the durations of Léa's tasks (a duration taken for a workload)
    get « À revoir » with the message that names that mistake, and the right answer « Forme
    correcte »?"""
    from playwright.sync_api import expect

    page.set_viewport_size(ECRAN)
    cellules = ouvrir(page, serveur, EXERCICE)
    for grade_id in ("preparation", "donnees_q3"):
        cellule = cellules.nth(index_cellule(serveur, EXERCICE, grade_id))
        executer_cellule(page, cellule)
        expect(cellule.locator(".jp-InputArea-prompt")).to_have_text(PROMPT_NUMEROTE)
    reponse = cellules.nth(index_cellule(serveur, EXERCICE, "reponse_q3"))
    verification = cellules.nth(index_cellule(serveur, EXERCICE, "q3_charge_lea"))
    tri = 'taches.sort_values("charge_heures", ascending=False).iloc[0]["tache"]'
    ecrire_cellule(page, reponse, 'heures_lea = taches[taches["responsable"] == "Léa"]'
                                  f'["duree_jours"].sum()\ntache_la_plus_lourde = {tri}')
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("Tu as additionné des durées")
    expect(retour).not_to_contain_text("18")  # the right number of hours is never shown
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "00_exercice_duree_prise_pour_une_charge")

    ecrire_cellule(page, reponse, 'heures_lea = taches[taches["responsable"] == "Léa"]'
                                  f'["charge_heures"].sum()\ntache_la_plus_lourde = {tri}')
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("Forme correcte")
