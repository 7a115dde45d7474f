"""`obm importer`: do submissions from a folder, an LMS archive or nbgrader's exchange land in
submitted/ under the right learner id, never replacing a newer copy, with nothing dropped silently?"""

import datetime as dt
import os
import shutil
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from obm.correction.commun import charger_cours, identifiant
from obm.correction.importation import importer, lire_liste
from obm.erreurs import ColonneManquante, DonneesInvalides

RACINE = Path(__file__).resolve().parents[1]
MODULE = "00_bienvenue"
LISTE = (
    "identifiant;prenom;nom;email\n"
    "marie-dupont;Marie;Dupont;marie.dupont@example.org\n"
    ";Élodie;Le Goff;elodie.legoff@example.org\n"
    "cmartin;Chloé;Martin;chloe.martin@example.org\n"
)


def nouveau_cours(dossier: Path) -> Path:
    racine = dossier / "cours"
    racine.mkdir()
    shutil.copy(RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course"):
        (racine / nom).symlink_to(RACINE / nom, target_is_directory=True)
    return racine


def notebook_texte(marque: str) -> str:
    """A small valid notebook whose first cell says which copy it is."""
    return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"# {marque}")]))


def poser(chemin: Path, texte: str, quand: dt.datetime) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(texte, encoding="utf-8")
    horodatage = quand.replace(tzinfo=dt.timezone.utc).timestamp()
    os.utime(chemin, (horodatage, horodatage))
    return chemin


def marque(cours_racine: Path, apprenante: str) -> str:
    notebook = nbformat.read(cours_racine / "submitted" / apprenante / MODULE / "exercice.ipynb", 4)
    return notebook.cells[0].source


@pytest.fixture(scope="module")
def modele(tmp_path_factory):
    """A course whose gradebook already knows the module (registered once for the whole file)."""
    from obm.correction.publication import inscrire_module

    racine = nouveau_cours(tmp_path_factory.mktemp("modele"))
    inscrire_module(charger_cours(racine), MODULE)
    return racine


@pytest.fixture
def cours(modele, tmp_path):
    racine = tmp_path / "cours"
    shutil.copytree(modele, racine, symlinks=True)
    (tmp_path / "apprenantes.csv").write_text(LISTE, encoding="utf-8-sig")
    return charger_cours(racine)


def test_regle_des_identifiants():
    """Are names turned into ids by one rule: no accents, lower case, one hyphen between words?"""
    assert identifiant("Élodie Le Goff") == "elodie-le-goff"
    assert identifiant("  Marie-Hélène   DUPONT ") == "marie-helene-dupont"
    assert identifiant("Chloé_Œuvray") == "chloe-oeuvray"
    assert identifiant("marie.dupont@example.org") == "marie-dupont-example-org"


def test_liste_separateurs_bom_et_identifiant_deduit(tmp_path):
    """Does the roster read with ';' or ',', with or without BOM, deriving a missing id from the name?"""
    (tmp_path / "a.csv").write_text(LISTE, encoding="utf-8-sig")
    (tmp_path / "b.csv").write_text(LISTE.replace(";", ","), encoding="utf-8")
    for nom in ("a.csv", "b.csv"):
        liste = lire_liste(tmp_path / nom)
        assert [a.identifiant for a in liste.apprenantes] == ["marie-dupont", "elodie-le-goff", "cmartin"]
        assert liste.trouver("Le Goff Élodie")[0].identifiant == "elodie-le-goff"
        assert liste.trouver("chloe.martin@example.org")[0].identifiant == "cmartin"
        assert liste.trouver("Chloé Martin")[0].identifiant == "cmartin"
        inconnue, raison = liste.trouver("Zoé Inconnue")
        assert inconnue is None and "zoe-inconnue" in raison


def test_liste_mal_formee(tmp_path):
    """Does a roster without name columns, or with a duplicated id, raise a French error saying how to fix it?"""
    (tmp_path / "sans_nom.csv").write_text("courriel\nx@example.org\n", encoding="utf-8")
    with pytest.raises(ColonneManquante, match="identifiant;prenom;nom;email"):
        lire_liste(tmp_path / "sans_nom.csv")
    (tmp_path / "doublon.csv").write_text("prenom;nom\nMarie;Dupont\nmarie;DUPONT\n", encoding="utf-8")
    with pytest.raises(DonneesInvalides, match="Lignes 2 et 3.*marie-dupont"):
        lire_liste(tmp_path / "doublon.csv")


def test_dossier_de_notebooks_avec_liste(cours, tmp_path):
    """From a folder: are notebooks matched by name or e-mail, the unmatched and non-notebooks listed,
    the learners created in the gradebook with their names, and the file time kept?"""
    source = tmp_path / "copies"
    quand = dt.datetime(2027, 3, 2, 20, 15)
    poser(source / "Marie Dupont.ipynb", notebook_texte("marie"), quand)
    poser(source / "elodie.legoff.ipynb", notebook_texte("elodie"), quand)
    poser(source / "Copie sans nom.ipynb", notebook_texte("anonyme"), quand)
    poser(source / "notes.txt", "à lire", quand)
    bilan = importer(cours, source, MODULE, liste=tmp_path / "apprenantes.csv")

    assert sorted(a for a, _, _ in bilan.importees) == ["elodie-le-goff", "marie-dupont"]
    assert marque(cours.racine, "marie-dupont") == "# marie"
    assert marque(cours.racine, "elodie-le-goff") == "# elodie"
    non_reconnus = dict(bilan.non_reconnues)
    assert set(non_reconnus) == {"Copie sans nom.ipynb", "notes.txt"}
    assert "copie-sans-nom" in non_reconnus["Copie sans nom.ipynb"]
    assert bilan.sans_copie == ["cmartin"]
    horodatage = (cours.racine / "submitted" / "marie-dupont" / MODULE / "timestamp.txt").read_text()
    assert horodatage.startswith("2027-03-02 20:15:00")
    with cours.carnet() as carnet:
        marie = carnet.find_student("marie-dupont")
        assert (marie.first_name, marie.last_name, marie.email) == ("Marie", "Dupont",
                                                                    "marie.dupont@example.org")
    texte = bilan.texte()
    assert "Non reconnus (rien n'a été importé pour eux) :" in texte
    assert "- Copie sans nom.ipynb" in texte and "- notes.txt" in texte


def test_archive_moodle(cours, tmp_path):
    """From a Moodle "download all submissions" zip: folders and old flat files, the zip's times,
    the newest copy kept, a renamed notebook put under the module's name, online text listed?"""
    archive = tmp_path / "moodle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo("Marie Dupont_1001_assignsubmission_file/exercice (1).ipynb",
                                    (2027, 3, 2, 18, 0, 0)), notebook_texte("marie dossier"))
        zf.writestr(zipfile.ZipInfo("Marie Dupont_1001_assignsubmission_file_exercice.ipynb",
                                    (2027, 3, 1, 9, 0, 0)), notebook_texte("marie ancienne"))
        zf.writestr(zipfile.ZipInfo("Chloé Martin_1002_assignsubmission_file_exercice.ipynb",
                                    (2027, 3, 2, 19, 30, 0)), notebook_texte("chloe"))
        zf.writestr(zipfile.ZipInfo("Chloé Martin_1002_assignsubmission_onlinetext_/onlinetext.html",
                                    (2027, 3, 2, 19, 31, 0)), "<p>bonjour</p>")
        zf.writestr(zipfile.ZipInfo("Zoé Inconnue_1003_assignsubmission_file/exercice.ipynb",
                                    (2027, 3, 2, 19, 0, 0)), notebook_texte("zoe"))
    bilan = importer(cours, archive, MODULE, liste=tmp_path / "apprenantes.csv")

    assert "Moodle" in bilan.genre
    assert sorted(a for a, _, _ in bilan.importees) == ["cmartin", "marie-dupont"]
    assert marque(cours.racine, "marie-dupont") == "# marie dossier"
    assert (cours.racine / "submitted" / "marie-dupont" / MODULE / "exercice.ipynb").is_file()
    assert [o for o, _ in bilan.ecartees] == ["Marie Dupont_1001_assignsubmission_file_exercice.ipynb"]
    non_reconnus = [o for o, _ in bilan.non_reconnues]
    assert "Zoé Inconnue_1003_assignsubmission_file/" in non_reconnus
    assert "Chloé Martin_1002_assignsubmission_onlinetext_" in non_reconnus
    # Zip times have no time zone: read as this machine's local time, stored in UTC.
    attendu = dt.datetime.fromtimestamp(time.mktime((2027, 3, 2, 19, 30, 0, 0, 0, -1)),
                                        dt.timezone.utc).replace(tzinfo=None)
    horodatage = (cours.racine / "submitted" / "cmartin" / MODULE / "timestamp.txt").read_text()
    assert horodatage.startswith(attendu.strftime("%Y-%m-%d %H:%M:%S"))


def test_echange_nbgrader_garde_la_plus_recente(cours, tmp_path):
    """From nbgrader's exchange: is each learner's newest submission of this module taken, in the
    order the trainer's side saw them arrive (never by the date written in the folder name or in
    timestamp.txt), and are other modules left alone?"""
    import pwd
    import time as temps

    moi = pwd.getpwuid(os.geteuid()).pw_name  # the exchange folder must be owned by its learner
    inbound = tmp_path / "echange" / "academie-obm" / "inbound"
    # The first copy claims a date far in the future: it must not win for that.
    for horodatage, texte in (("2099-01-01 00:00:00.000000 UTC", "premiere"),
                              ("2027-03-02 11:30:00.000000 UTC", "seconde")):
        dossier = inbound / f"{moi}+{MODULE}+{horodatage}+{texte}"
        poser(dossier / "exercice.ipynb", notebook_texte(texte), dt.datetime(2020, 1, 1))
        (dossier / "timestamp.txt").write_text(horodatage, encoding="utf-8")
        temps.sleep(0.05)  # the second folder arrives later (its ctime, set by the system)
    autre = inbound / f"{moi}+03_retroplanning+2027-03-02 12:00:00.000000 UTC+x"
    poser(autre / "exercice.ipynb", notebook_texte("autre module"), dt.datetime(2020, 1, 1))
    bilan = importer(cours, tmp_path / "echange", MODULE)

    ident = identifiant(moi)
    assert bilan.genre == "échange de nbgrader"
    assert [a for a, _, _ in bilan.importees] == [ident]
    assert marque(cours.racine, ident) == "# seconde"
    assert len(bilan.ecartees) == 1 and "premiere" in bilan.ecartees[0][0]
    horodatage = (cours.racine / "submitted" / ident / MODULE / "timestamp.txt").read_text()
    assert not horodatage.startswith("2099") and not horodatage.startswith("2027-03-02 11:30")
    assert [p.name for p in (cours.racine / "submitted" / ident).iterdir()] == [MODULE]


def test_jamais_remplacee_par_une_copie_plus_ancienne(cours, tmp_path):
    """Is an imported copy kept when an older one arrives, left alone when the same one is imported
    again, and replaced only by a newer one?"""
    liste = tmp_path / "apprenantes.csv"

    def source(nom, texte, quand):
        dossier = tmp_path / nom
        poser(dossier / "Marie Dupont.ipynb", notebook_texte(texte), quand)
        return dossier

    recente = source("recente", "v2", dt.datetime(2027, 3, 2, 12, 0))
    assert len(importer(cours, recente, MODULE, liste=liste).importees) == 1

    ancienne = importer(cours, source("ancienne", "v1", dt.datetime(2027, 3, 1, 12, 0)), MODULE, liste=liste)
    assert not ancienne.importees and "plus ancienne" in ancienne.ecartees[0][1]
    assert marque(cours.racine, "marie-dupont") == "# v2"

    encore = importer(cours, recente, MODULE, liste=liste)
    assert not encore.importees and encore.ecartees[0][1] == "déjà importée"

    nouvelle = importer(cours, source("nouvelle", "v3", dt.datetime(2027, 3, 3, 12, 0)), MODULE, liste=liste)
    assert len(nouvelle.importees) == 1
    assert marque(cours.racine, "marie-dupont") == "# v3"


def test_sans_liste_les_noms_deviennent_des_identifiants(cours, tmp_path):
    """Without a roster, does each file name become the learner id by the documented rule?"""
    source = tmp_path / "copies"
    poser(source / "Gaëlle PERRIN.ipynb", notebook_texte("gaelle"), dt.datetime(2027, 3, 2))
    bilan = importer(cours, source, MODULE)
    assert [a for a, _, _ in bilan.importees] == ["gaelle-perrin"]
    with cours.carnet() as carnet:
        assert carnet.find_student("gaelle-perrin").id == "gaelle-perrin"


def test_source_introuvable(cours, tmp_path):
    """Does a missing source or an unknown module raise a French error that says what to do?"""
    with pytest.raises(DonneesInvalides, match="n'existe pas"):
        importer(cours, tmp_path / "absent", MODULE)
    (tmp_path / "vide").mkdir()
    with pytest.raises(Exception, match="Modules disponibles"):
        importer(cours, tmp_path / "vide", "99_inconnu")
