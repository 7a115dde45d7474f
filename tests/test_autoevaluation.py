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


@pytest.fixture
def livrables(tmp_path, monkeypatch):
    """A fresh livrables/ folder for one test."""
    dossier = tmp_path / "livrables"
    monkeypatch.setenv("OBM_LIVRABLES", str(dossier))
    return dossier


def test_description_du_radar():
    """Does the radar's text alternative say the highest and lowest marks and which competences?"""
    assert ae.description(notes(3)) == ("Radar de tes 18 compétences d'OBM, notées de 1 à 5\u202f: "
                                        "toutes à 3/5.")
    texte = ae.description(notes(2, CO4=5, TE2=1))
    assert "la plus haute note, 5/5, pour CO4" in texte
    assert "la plus basse, 1/5, pour TE2" in texte
    assert "moyenne 2,1" in texte  # (16 × 2 + 5 + 1) / 18 = 2.11, written the French way
    # Many competences at the same mark are counted, not listed one by one.
    assert "pour 17 compétences" in ae.description(notes(1, GP1=4))


def test_exporter_radar_sans_autoevaluation(obm_home, livrables):
    """Without any saved assessment, does exporting the last radar say what to do, in French?"""
    with pytest.raises(DonneesInvalides, match="Enregistrer"):
        ae.exporter_radar()
    assert not (livrables / ae.NOM_LIVRABLE).exists()


def test_exporter_radar_ecrit_le_livrable(obm_home, livrables):
    """Is the last radar written into livrables/ as a PNG, titled with its date, with the previous
    assessment and a text alternative stored in the file?"""
    from PIL import Image

    ae.enregistrer(notes(2), quand=datetime(2027, 1, 10, 9, 0))
    ae.enregistrer(notes(4, GP1=5), quand=datetime(2027, 6, 1, 9, 0))
    chemin = ae.exporter_radar()
    assert chemin == livrables / "00_radar_competences.png"
    with Image.open(chemin) as image:
        assert image.format == "PNG" and image.width > 1000 and image.height > 600
        assert image.info["Title"] == ("Mon radar de compétences OBM · autoévaluation du "
                                       "1er juin 2027")
        assert image.info["Description"].startswith("Radar de tes 18 compétences")
        assert "pour GP1" in image.info["Description"]


def test_radar_avec_legende():
    """Does the deliverable's radar list the 18 competences, their names and the change in marks?"""
    figure = ae.radar(notes(3, GP1=4), precedente=notes(3, GP1=2), legende=True, titre="Essai")
    textes = [t.get_text() for t in figure.texts]
    assert any(t.startswith("GP1") and "Créer des plans de projet" in t for t in textes)
    assert "2 → 4/5" in textes and textes.count("3/5") == 17
    assert "Gestion de projet" in textes


def test_widget_ecrit_le_radar_dans_les_livrables(obm_home, livrables):
    """Does the form write its radar into livrables/ when shown, and again on « Enregistrer »?"""
    from obm.widgets import Autoevaluation

    vue = Autoevaluation()
    chemin = livrables / ae.NOM_LIVRABLE
    assert chemin.is_file() and "00_radar_competences.png" in vue.message.value
    avant = chemin.read_bytes()
    vue.curseurs["TE2"].value = 4
    vue.bouton.click()
    assert chemin.read_bytes() != avant
    assert "Autoévaluation enregistrée" in vue.message.value
    assert "TE2" in vue.image.tooltip  # the text alternative follows the sliders


def test_widget_colonnes_de_largeur_fixe(obm_home, livrables):
    """Do every competence name and every slider have the same fixed width (so the tracks line
    up), and does the message wrap inside the radar's column instead of spreading over the
    sliders? (What a learner sees is checked in Chromium by tests/test_navigateur_00.py.)"""
    from obm.widgets import Autoevaluation
    from obm.widgets import autoevaluation as vue_module

    vue = Autoevaluation()
    largeurs = {c.layout.width for c in vue.curseurs.values()}
    codes = {c.style.description_width for c in vue.curseurs.values()}
    assert largeurs == {vue_module.LARGEUR_CURSEUR} and codes == {vue_module.LARGEUR_CODE}
    assert vue.message.layout.width == vue_module.LARGEUR_RADAR
    assert "overflow-wrap:anywhere" in vue.message.value
