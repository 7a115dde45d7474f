"""Exercise 10 as a learner runs it: the SBI pre-check's visible verdict, in every mode, and the
printable sheet it leaves in livrables/.

A written feedback never equals the model answer word for word, so its pre-check cannot be judged
by comparing fingerprints with the solution (what self-study does for every other question): the
pre-check's visible cell runs the grading's own analyser and says « juste » in self-study,
« forme correcte » in a cohort, « à revoir » with the analyser's remarks otherwise.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser

import nbformat
from nbclient import NotebookClient

import outils_correction as oc

EXERCICE = "10_feedback"
# A right answer written otherwise than the model (the review's annex A, « Cela a obligé… »).
AUTRE_BONNE_REECRITURE = '''reecriture_1 = """Mercredi 5 mai à 18 h, tu as envoyé la vidéo 3, attendue le lundi 3 mai à 9 h, sans message avant. Cela a obligé Léa à reprogrammer l'e-mail d'annonce et Inès à décaler deux publications Instagram."""'''
# A generalising adverb the old analyser let through (annex A, « tu as encore envoyé… »).
REECRITURE_ENCORE = '''reecriture_1 = """Hugo, mercredi 5 mai à 18 h, tu as encore envoyé une vidéo en retard, sans prévenir. Léa a dû reprogrammer l'e-mail d'annonce et Inès a décalé deux publications."""'''
VIDE = "reecriture_1 = ...\n# TON CODE ICI\n..."


def executer(dossier, remplacements: dict[str, str], mode: str, monkeypatch, *,
             tout_remplir: bool = False) -> tuple[dict[str, dict], nbformat.NotebookNode]:
    """Runs the released exercise 10 in a copy, some answers given; returns question -> status."""
    copie = dossier / "exercises" / EXERCICE
    shutil.copytree(oc.EXERCICES / EXERCICE, copie)
    notebook = nbformat.read(copie / "exercice.ipynb", as_version=4)
    if tout_remplir:
        corrige = nbformat.read(oc.SOLUTIONS / EXERCICE / "exercice.ipynb", as_version=4)
        notebook = oc.remplir(notebook, corrige, **remplacements)
    else:
        for cellule in notebook.cells:
            grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in remplacements:
                cellule.source = remplacements[grade_id]
    monkeypatch.setenv("OBM_MODE", mode)
    monkeypatch.setenv("OBM_COURS", str(oc.RACINE))
    monkeypatch.setenv("OBM_HOME", str(dossier / "home"))
    monkeypatch.setenv("OBM_LIVRABLES", str(dossier / "livrables"))
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(copie)}}).execute()
    statuts = {}
    for cellule in notebook.cells:
        for sortie in cellule.get("outputs", []):
            assert sortie.get("output_type") != "error", sortie
            if oc.MIME_STATUT in sortie.get("data", {}):
                donnees = sortie["data"][oc.MIME_STATUT]
                statuts[donnees["question"]] = dict(donnees,
                                                    texte=sortie["data"].get("text/plain", ""))
    return statuts, notebook


def test_precontrole_juste_en_autoformation_pour_une_autre_bonne_reecriture(tmp_path, monkeypatch):
    """In self-study, does a good feedback written otherwise than the model get « juste » (not
    « pas celle du corrigé »), a generalising one « à revoir » quoting « encore », and an untouched
    one « pas encore fait »?"""
    statuts, _ = executer(tmp_path, {"reponse_q2a": AUTRE_BONNE_REECRITURE}, "autonomie",
                          monkeypatch)
    assert statuts["q2a_precontrole"]["statut"] == "juste", statuts["q2a_precontrole"]
    assert "pas celle du corrigé" not in statuts["q2a_precontrole"]["texte"]
    assert statuts["q2b_precontrole"]["statut"] == "pas_encore_fait"
    statuts, _ = executer(tmp_path / "b", {"reponse_q2a": REECRITURE_ENCORE}, "autonomie",
                          monkeypatch)
    assert statuts["q2a_precontrole"]["statut"] == "a_revoir"
    assert "«\u202fencore\u202f» généralise" in statuts["q2a_precontrole"]["texte"]


def test_precontrole_forme_correcte_en_cohorte(tmp_path, monkeypatch):
    """In a cohort's bundle, does the same good feedback get « forme correcte » (no key travels),
    with a message saying what the pre-check judged?"""
    statuts, _ = executer(tmp_path, {"reponse_q2a": AUTRE_BONNE_REECRITURE}, "cohorte",
                          monkeypatch)
    assert statuts["q2a_precontrole"]["statut"] == "forme_correcte"
    assert "le point du pré-contrôle est acquis" in statuts["q2a_precontrole"]["texte"]


def test_la_fiche_sbi_reprend_les_feedbacks_de_l_apprenante(tmp_path, monkeypatch):
    """Run to the end with every answer given: is the printable sheet written as HTML and
    Markdown in livrables/, with her own four feedbacks (one written otherwise than the model),
    each with the analyser's verdict, and nothing « pas encore écrit »?"""
    statuts, _ = executer(tmp_path, {"reponse_q2a": AUTRE_BONNE_REECRITURE}, "cohorte",
                          monkeypatch, tout_remplir=True)
    assert {s["statut"] for s in statuts.values()} == {"forme_correcte"}
    page = (tmp_path / "livrables" / "10_fiche_sbi.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "livrables" / "10_fiche_sbi.md").read_text(encoding="utf-8")

    class Titres(HTMLParser):
        def __init__(self):
            super().__init__()
            self.dans, self.titres = None, []

        def handle_starttag(self, tag, attrs):
            self.dans = tag if tag in ("h1", "h2", "h3") else None

        def handle_data(self, data):
            if self.dans:
                self.titres.append((self.dans, data.strip()))

    lecteur = Titres()
    lecteur.feed(page)
    feedbacks = [t for balise, t in lecteur.titres if balise == "h3"]
    assert feedbacks == ["Pour Hugo, correctif (partie 2 a)", "Pour Léa, positif (partie 2 b)",
                         "Pour Inès, positif (partie 3 a)", "Pour Samir, correctif (partie 3 b)"]
    assert ("h2", "Modèle de message écrit") in lecteur.titres
    assert "Cela a obligé Léa à reprogrammer" in page and "Cela a obligé Léa" in markdown
    assert page.count("situation ✓ oui · comportement ✓ oui · impact ✓ oui") == 4
    assert "Pas encore écrit" not in page and "Pas encore écrit" not in markdown


def test_exercice_vierge_ecrit_une_fiche_a_completer(tmp_path, monkeypatch):
    """Untouched, does the last cell still write the sheet, every feedback « pas encore écrit »?"""
    statuts, _ = executer(tmp_path, {}, "cohorte", monkeypatch)
    assert {s["statut"] for s in statuts.values()} == {"pas_encore_fait"}
    markdown = (tmp_path / "livrables" / "10_fiche_sbi.md").read_text(encoding="utf-8")
    assert markdown.count("Pas encore écrit") == 4 and markdown.startswith("# Fiche SBI")
