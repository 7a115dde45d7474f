"""The self-assessment of module 00: validation, history under OBM_HOME, radar and widget."""

import json
from datetime import datetime

import pytest
from matplotlib.figure import Figure

from obm import autoevaluation as ae
from obm.erreurs import DonneesInvalides, IdentifiantInconnu, TypeInvalide
from obm.syllabus import charger

CODES = list(charger().competences)


def notes(valeur=3, **autres):
    resultat = {code: valeur for code in CODES}
    resultat.update(autres)
    return resultat


def test_enregistre_sous_obm_home_et_garde_l_historique(obm_home):
    """Are assessments appended, with their date, to a JSON file under OBM_HOME (not the course)?"""
    assert ae.historique() == [] and ae.derniere() is None
    chemin = ae.enregistrer(notes(2), quand=datetime(2027, 1, 10, 9, 0))
    ae.enregistrer(notes(4, GP1=5), quand=datetime(2027, 6, 1, 9, 0))
    assert chemin == obm_home / "autoevaluation.json"
    contenu = json.loads(chemin.read_text(encoding="utf-8"))
    assert [e["date"] for e in contenu["autoevaluations"]] == ["2027-01-10T09:00:00",
                                                               "2027-06-01T09:00:00"]
    assert ae.derniere()["notes"]["GP1"] == 5
    assert list(ae.derniere()["notes"]) == CODES


@pytest.mark.parametrize("mauvaises, erreur", [
    ([3] * 18, TypeInvalide),
    ({**notes(), "XX1": 3}, IdentifiantInconnu),
    ({c: 3 for c in CODES[:-1]}, DonneesInvalides),
    (notes(GP1=6), DonneesInvalides),
    (notes(GP1=2.5), DonneesInvalides),
    (notes(GP1=True), DonneesInvalides),
])
def test_notes_invalides(obm_home, mauvaises, erreur):
    """Do wrong assessments (not a dict, unknown or missing code, note outside 1–5) give French errors?"""
    with pytest.raises(erreur):
        ae.enregistrer(mauvaises)
    assert not (obm_home / "autoevaluation.json").exists()


def test_fichier_abime(obm_home):
    """Does a damaged history file give a French message saying what to do?"""
    obm_home.mkdir(parents=True, exist_ok=True)
    (obm_home / "autoevaluation.json").write_text("{pas du json", encoding="utf-8")
    with pytest.raises(DonneesInvalides, match="abîmé"):
        ae.historique()


def test_a_travailler_designe_les_modules():
    """Does the self-assessment point the lowest competences to the modules that teach them?"""
    pistes = ae.a_travailler(notes(4, CO4=1, TE2=2), n=2)
    assert [p["code"] for p in pistes] == ["CO4", "TE2"]
    assert "10. Feedback constructif" in pistes[0]["modules"]
    assert "12. Analyse des données et KPI" in pistes[1]["modules"]
    assert all("00." not in m and "21." not in m for p in pistes for m in p["modules"])


def test_radar():
    """Does the radar draw one axis per competence, plus the previous assessment when given?"""
    figure = ae.radar(notes(3), precedente=notes(2))
    assert isinstance(figure, Figure)
    axe = figure.axes[0]
    assert [t.get_text() for t in axe.get_xticklabels()] == CODES
    assert len(axe.get_lines()) == 2


def test_widget_autoevaluation(obm_home):
    """Without a browser: do the sliders redraw the radar, and does Enregistrer save the notes?"""
    from obm.widgets import Autoevaluation

    vue = Autoevaluation()
    assert set(vue.curseurs) == set(CODES)
    image_depart = bytes(vue.image.value)
    assert image_depart.startswith(b"\x89PNG")
    vue.curseurs["CO4"].value = 5
    assert bytes(vue.image.value) != image_depart
    vue.bouton.click()
    assert ae.derniere()["notes"]["CO4"] == 5
    assert "Autoévaluation enregistrée" in vue.message.value
    # A new form starts from the last saved assessment.
    assert Autoevaluation().curseurs["CO4"].value == 5
