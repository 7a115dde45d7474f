"""A deliverable she keeps: every published module writes the files its syllabus entry declares
(`livrables`) into livrables/, and each one reads back with its format's own reader."""

from __future__ import annotations

import csv
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from obm.syllabus import charger

RACINE = Path(__file__).resolve().parents[1]
SYLLABUS = charger(RACINE / "course" / "syllabus.toml")


def lire(chemin: Path) -> None:
    """Reads a deliverable with its format's own reader; raises if it is not a valid file."""
    suffixe = chemin.suffix.lower()
    assert chemin.stat().st_size > 0, f"{chemin.name} est vide"
    if suffixe == ".ics":
        import icalendar

        calendrier = icalendar.Calendar.from_ical(chemin.read_bytes())
        assert calendrier.walk("VEVENT"), f"{chemin.name} : aucun événement"
    elif suffixe == ".csv":
        with open(chemin, encoding="utf-8-sig", newline="") as f:
            entete = f.readline()
            f.seek(0)
            # A CSV for a French spreadsheet (Excel, LibreOffice) separates its columns with « ; ».
            separateur = ";" if entete.count(";") > entete.count(",") else ","
            lignes = list(csv.reader(f, delimiter=separateur))
        assert len(lignes) >= 2 and len(lignes[0]) >= 2, f"{chemin.name} : pas de tableau"
        assert all(len(ligne) == len(lignes[0]) for ligne in lignes), f"{chemin.name} : lignes inégales"
    elif suffixe == ".xlsx":
        import openpyxl

        classeur = openpyxl.load_workbook(chemin)
        assert classeur.sheetnames and classeur.active.max_row >= 2
    elif suffixe == ".md":
        texte = chemin.read_text(encoding="utf-8")
        assert texte.lstrip().startswith("#") and len(texte.split()) >= 30, chemin.name
    elif suffixe in (".html", ".htm"):
        class Lecteur(HTMLParser):
            titres = 0

            def handle_starttag(self, tag, attrs):
                self.titres += tag in ("h1", "h2")

        lecteur = Lecteur()
        lecteur.feed(chemin.read_text(encoding="utf-8"))
        assert lecteur.titres >= 1, f"{chemin.name} : page sans titre"
    elif suffixe == ".png":
        import matplotlib.image

        image = matplotlib.image.imread(chemin)
        assert image.shape[0] > 100 and image.shape[1] > 100
    elif suffixe == ".pdf":
        import pypdf

        lecteur = pypdf.PdfReader(chemin)
        assert lecteur.pages and lecteur.pages[0].extract_text().strip(), f"{chemin.name} : PDF vide"
    elif suffixe == ".json":
        json.loads(chemin.read_text(encoding="utf-8"))
    else:
        raise AssertionError(f"format de livrable inconnu : {chemin.name}")


@pytest.mark.parametrize("module", SYLLABUS.publies, ids=lambda m: m.id)
def test_le_module_declare_ses_livrables(module):
    """Does every published module declare the files it writes for the learner to keep?"""
    assert module.livrables, f"{module.id} ne déclare aucun livrable (livrables = [...] du syllabus)"


@pytest.mark.parametrize("module", [m for m in SYLLABUS.publies if m.livrables], ids=lambda m: m.id)
def test_les_livrables_sont_ecrits_et_se_relisent(module, tmp_path, monkeypatch):
    """Run the module's lessons and solutions: are its deliverables written and readable?"""
    livrables = tmp_path / "livrables"
    monkeypatch.setenv("OBM_LIVRABLES", str(livrables))
    monkeypatch.setenv("OBM_HOME", str(tmp_path / "obm_home"))
    if module.id == "21_projet_final":
        # The end-of-course radar is written once the end self-assessment is saved (« Enregistrer »,
        # a click): before, it would only repeat the start. Her start and end are recorded here.
        from datetime import datetime

        from obm import autoevaluation

        for note, jour in ((2, datetime(2027, 1, 11, 9, 0)), (4, datetime(2027, 6, 28, 17, 0))):
            autoevaluation.enregistrer({code: note for code in SYLLABUS.competences}, quand=jour)
    notebooks = [RACINE / "course" / "modules" / module.id / n for n in module.lecons]
    notebooks += [RACINE / "solutions" / module.id / n for n in module.exercices]
    for chemin in notebooks:
        travail = tmp_path / chemin.parent.name
        shutil.copytree(chemin.parent, travail, dirs_exist_ok=True)
        notebook = nbformat.read(travail / chemin.name, as_version=4)
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(travail)}}).execute()
    for nom in module.livrables:
        assert (livrables / nom).is_file(), f"{module.id} n'a pas écrit livrables/{nom}"
        lire(livrables / nom)


def test_dossier_en_lecture_seule_pendant_la_correction(tmp_path, monkeypatch):
    """In grading's test process the copy's folder is read-only: does ``chemin_livrable`` still
    give the path the copy's own process wrote to (and still fail outside a grading)?"""
    from obm import livrables

    def refuse(self, *args, **kwargs):
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.delenv("OBM_LIVRABLES", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert livrables.chemin_livrable("03_x.ics") == tmp_path / "livrables" / "03_x.ics"
    monkeypatch.delenv("NBGRADER_EXECUTION")
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "ailleurs"))
    with pytest.raises(OSError):
        livrables.chemin_livrable("03_x.ics")
