"""The `obm` command for trainers: French help for every step, and `obm publier`."""

import contextlib
import io
import json
import shutil
import zipfile

import pytest

import outils_correction as oc
from obm.correction.cli import construire_analyseur, main
from obm.correction.commun import dans_le_dossier

SOUS_COMMANDES = ["publier", "importer", "corriger", "retours", "notes", "rapport"]


def aide(*arguments: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        try:
            code = main(list(arguments))
        except SystemExit as fin:
            code = fin.code
    return code, sortie.getvalue(), erreurs.getvalue()


def test_toutes_les_etapes_sont_des_sous_commandes():
    """Does `obm --help` list the six trainer steps beside the existing sub-commands?"""
    code, sortie, _ = aide("--help")
    assert code == 0
    for nom in SOUS_COMMANDES + ["accueil", "syllabus"]:
        assert f"\n    {nom} " in sortie, nom


@pytest.mark.parametrize("sous_commande", SOUS_COMMANDES)
def test_aide_en_francais(sous_commande):
    """Is each step's --help in French, with its usage line written once?"""
    code, sortie, _ = aide(sous_commande, "--help")
    assert code == 0
    assert sortie.startswith(f"utilisation : obm {sous_commande}")
    assert sortie.count("utilisation :") == 1
    assert "affiche cette aide et quitte" in sortie
    assert "usage:" not in sortie and "show this help" not in sortie


def test_arguments_manquants_en_francais():
    """Does a missing argument end with a French error (exit code 2), not argparse's English?"""
    code, _, erreurs = aide("importer", "copies/")
    assert code == 2
    assert "obm : erreur : arguments obligatoires manquants : --module" in erreurs
    code, _, erreurs = aide("corriger", "00_bienvenue", "--jobs", "0")
    assert code == 2 and "nombre entier de processus" in erreurs


def test_hors_de_la_racine_du_cours(tmp_path):
    """Run outside a course root, does a step say where to run it from?"""
    with dans_le_dossier(tmp_path):
        code, _, erreurs = aide("notes")
    assert code == 1
    assert "Lance obm depuis la racine du cours" in erreurs


def test_publier_zip_echange_et_carnet(tmp_path):
    """Does `obm publier` write the release, a zip to hand out, the exchange copy, and register the module?"""
    racine = tmp_path / "cours"
    racine.mkdir()
    shutil.copy(oc.RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    echange = tmp_path / "echange"
    echange.mkdir()
    with dans_le_dossier(racine):
        code, sortie, erreurs = aide("publier", "00_bienvenue", "--echange", str(echange))
    assert code == 0, erreurs
    distribue = racine / "exercises" / "00_bienvenue" / "exercice.ipynb"
    # The release is nbgrader's: the same as the committed exercises/ folder.
    assert json.loads(distribue.read_text()) == json.loads(
        (oc.EXERCICES / "00_bienvenue" / "exercice.ipynb").read_text())
    with zipfile.ZipFile(racine / "distribution" / "00_bienvenue.zip") as zf:
        assert sorted(zf.namelist()) == ["LISEZMOI.txt", "exercises/00_bienvenue/erreurs_typiques.json",
                                         "exercises/00_bienvenue/exercice.ipynb"]
        assert zf.read("exercises/00_bienvenue/exercice.ipynb") == distribue.read_bytes()
    assert (echange / "academie-obm" / "outbound" / "00_bienvenue" / "exercice.ipynb").is_file()
    assert "distribution/00_bienvenue.zip" in sortie
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}") as carnet:
        assert [nb.name for nb in carnet.find_assignment("00_bienvenue").notebooks] == ["exercice"]


def test_analyseur_sans_anglais_residuel():
    """Are the sub-command titles French too ("arguments", "options")?"""
    texte = construire_analyseur().format_help()
    assert "positional arguments" not in texte and "optional arguments" not in texte


def test_corriger_inscrit_le_module_sans_toucher_exercises(tmp_path):
    """Does `obm corriger` register a module missing from the gradebook, without writing exercises/?"""
    racine = tmp_path / "cours"
    racine.mkdir()
    shutil.copy(oc.RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    copie = racine / "submitted" / "marie-dupont" / "00_bienvenue"
    copie.mkdir(parents=True)
    shutil.copy(oc.EXERCICES / "00_bienvenue" / "exercice.ipynb", copie / "exercice.ipynb")
    with dans_le_dossier(racine):
        code, sortie, erreurs = aide("corriger", "00_bienvenue", *oc.options_corriger())
    assert code == 0, erreurs
    assert "marie-dupont  0 / 6 points" in sortie  # the untouched release scores zero
    assert sortie.rstrip().endswith("Copies à vérifier : aucune")
    assert not (racine / "exercises").exists()


def test_obm_ne_compile_pas_les_grammaires_rfc3987():
    """Une commande obm neuve n'importe pas rfc3987_syntax (une quarantaine de grammaires compilées
    à l'import, 1 s avant la première copie), et nbformat valide toujours un notebook."""
    import subprocess
    import sys

    code = ("import sys\nfrom obm.correction.cli import _sans_grammaires_rfc3987\n"
            "_sans_grammaires_rfc3987()\nimport jsonschema, nbformat\n"
            "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1 + 1')])\n"
            "nbformat.validate(nb)\n"
            "print(sys.modules.get('rfc3987_syntax', 'absent'))\n")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == "None"


def test_metadonnees_verifiees_comme_nbgrader(monkeypatch):
    """Le validateur compilé une fois du processus de travail accepte et refuse les métadonnées
    nbgrader comme ``jsonschema.validate``, avec la même erreur."""
    import jsonschema
    from nbformat.notebooknode import from_dict
    from nbgrader.nbgraderformat import common
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    from obm.correction.travailleur import metadonnees_verifiees_une_fois

    validateur = MetadataValidatorV3()
    meta = {"schema_version": 3, "grade": True, "solution": False, "locked": True, "points": 2,
            "grade_id": "q1", "task": False}
    fausses = [meta | {"grade": "oui"}, meta | {"points": "deux"}, {"schema_version": 3}]
    attendues = []
    for fausse in fausses:
        with pytest.raises(jsonschema.ValidationError) as erreur:
            validateur.validate_cell(from_dict({"cell_type": "code", "metadata": {"nbgrader": fausse}}))
        attendues.append(str(erreur.value))

    monkeypatch.setattr(common, "jsonschema", common.jsonschema)  # restored after the test
    metadonnees_verifiees_une_fois()
    assert common.jsonschema is not jsonschema
    validateur.validate_cell(from_dict({"cell_type": "code", "metadata": {"nbgrader": meta}}))
    sans_tache = {k: v for k, v in meta.items() if k != "task"}
    cellule = from_dict({"cell_type": "code", "metadata": {"nbgrader": dict(sans_tache)}})
    validateur.validate_cell(cellule)
    assert cellule.metadata["nbgrader"] == sans_tache  # validated, never filled with defaults
    for fausse, attendue in zip(fausses, attendues):
        with pytest.raises(jsonschema.ValidationError) as erreur:
            validateur.validate_cell(from_dict({"cell_type": "code", "metadata": {"nbgrader": fausse}}))
        assert str(erreur.value) == attendue
