"""The trainer's pipeline on a small cohort, with the real nbgrader: `obm corriger` (parallel)
against plain `nbgrader autograde`, then `obm retours`, `obm notes` and `obm rapport`.

One cohort of 00_bienvenue copies, graded once by each tool and shared by the tests of this file:
well-behaved copies (answers, a typical wrong answer, blank, half done) and copies that break
the grader or cheat (a deleted grade cell, a rewritten test cell, a broken file, a kernel that
dies, an infinite loop).
"""

import contextlib
import copy
import csv
import hashlib
import html
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier
from obm.correction.retours import lignes_cachees

MODULE = "00_bienvenue"
LIMITE = 10  # seconds per cell in this test course, so that the infinite loop ends quickly
BIEN_FORMEES = ["solution", "mutant", "vierge", "moitie", "cellule-supprimee", "verrou-modifie",
                "boucle-infinie"]
CASSEES = ["abimee", "noyau-mort"]


def nouveau_cours(dossier: Path) -> Path:
    racine = dossier
    racine.mkdir(parents=True)
    config = (oc.RACINE / "nbgrader_config.py").read_text(encoding="utf-8")
    (racine / "nbgrader_config.py").write_text(
        config + f"\nc.ExecutePreprocessor.timeout = {LIMITE}\n", encoding="utf-8")
    # tests/ holds the recorded typical mistakes: the feedback names them (obm retours).
    for nom in ("solutions", "course", "data", "tests"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    sortie = oc.nbgrader(["generate_assignment", MODULE, "--force"], racine, oc.environnement(dossier))
    assert sortie.returncode == 0, sortie.stderr
    return racine


def copies(distribuee, corrigee) -> dict:
    """The cohort: learner id -> notebook (or text, for the broken file)."""
    reponses = oc.reponses_de(corrigee)

    def remplie(**remplacements):
        return oc.remplir(distribuee, corrigee, **remplacements)

    mutant = next(m for m in oc.charger_mutants(MODULE) if m.nom == "oublie_le_prix")
    moitie = copy.deepcopy(distribuee)
    next(c for c in moitie.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reponse_q1").source = reponses["reponse_q1"]
    supprimee = remplie()
    supprimee.cells = [c for c in supprimee.cells
                       if c.metadata.get("nbgrader", {}).get("grade_id") != "q2_heures_equipe"]
    faux_q3 = next(m for m in oc.charger_mutants(MODULE) if m.question == "q3_charge_lea")
    return {
        "solution": remplie(),
        "mutant": remplie(**{k: v.strip("\n") for k, v in mutant.cellules.items()}),
        "vierge": copy.deepcopy(distribuee),
        "moitie": moitie,
        "cellule-supprimee": supprimee,
        # A wrong answer to Q3, and its test cell rewritten to pass: the test must be restored.
        "verrou-modifie": remplie(q3_charge_lea="pass",
                                  **{k: v.strip("\n") for k, v in faux_q3.cellules.items()}),
        "boucle-infinie": remplie(reponse_q2="while True:\n    pass"),
        "abimee": '{"cells": [{"cell_type": "code", "source": "ventes = 96',
        "noyau-mort": remplie(reponse_q1="import os\nos._exit(1)"),
    }


def deposer(racine: Path, cohorte: dict) -> None:
    for apprenante, notebook in cohorte.items():
        dossier = racine / "submitted" / apprenante / MODULE
        dossier.mkdir(parents=True)
        chemin = dossier / "exercice.ipynb"
        if isinstance(notebook, str):
            chemin.write_text(notebook, encoding="utf-8")
        else:
            nbformat.write(notebook, chemin)


def empreinte(dossier: Path) -> str:
    h = hashlib.sha256()
    for chemin in sorted(p for p in dossier.rglob("*") if p.is_file()):
        h.update(str(chemin.relative_to(dossier)).encode() + chemin.read_bytes())
    return h.hexdigest()


def notes(racine: Path) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}") as carnet:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for a in carnet.assignments for s in a.submissions
                for nb in s.notebooks for g in nb.grades}


def obm(racine: Path, *arguments: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(arguments))
    return code, sortie.getvalue(), erreurs.getvalue()


@pytest.fixture(scope="module")
def chaine(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("chaine")
    avec_obm = nouveau_cours(dossier / "obm")
    avec_nbgrader = nouveau_cours(dossier / "nbgrader")
    distribuee = nbformat.read(avec_obm / "exercises" / MODULE / "exercice.ipynb", as_version=4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    cohorte = copies(distribuee, corrigee)
    deposer(avec_obm, cohorte)
    deposer(avec_nbgrader, cohorte)

    reference = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", MODULE],
                               cwd=avec_nbgrader, env=oc.environnement(dossier),
                               capture_output=True, text=True, timeout=900)
    avant = empreinte(avec_obm / "submitted")
    premier = obm(avec_obm, "corriger", MODULE, "--jobs", "2", *oc.options_corriger())
    notes_premier = notes(avec_obm)
    second = obm(avec_obm, "corriger", MODULE, "--jobs", "6", *oc.options_corriger())
    return {"obm": avec_obm, "nbgrader": avec_nbgrader, "reference": reference,
            "premier": premier, "second": second, "notes_premier": notes_premier,
            "submitted_avant": avant}


def bloc_a_verifier(sortie: str) -> dict[str, str]:
    lignes = sortie.rstrip().split("\n")
    debut = max(i for i, l in enumerate(lignes) if l.startswith("Copies à vérifier :"))
    assert lignes[debut] == "Copies à vérifier :", "le bloc doit commencer par « Copies à vérifier : »"
    raisons = {}
    for ligne in lignes[debut + 1:]:
        trouve = re.fullmatch(r"- (\S+) : (.+)", ligne)
        assert trouve, f"ligne inattendue dans le bloc : {ligne!r}"
        raisons[trouve.group(1)] = trouve.group(2)
    return raisons


# --- obm corriger -----------------------------------------------------------------------------

def test_memes_notes_que_nbgrader_autograde(chaine):
    """Does every well-behaved copy get exactly nbgrader autograde's scores, cell by cell?"""
    reference, obtenues = notes(chaine["nbgrader"]), notes(chaine["obm"])
    cles = [k for k in reference if k[0] in BIEN_FORMEES]
    assert len(cles) == 3 * len(BIEN_FORMEES), reference
    assert {k: obtenues.get(k) for k in cles} == {k: reference[k] for k in cles}
    # The comparison means something: the cohort spans several totals (6, 4, 2, 0 points).
    totaux = {a: sum(reference[(a, q)][0] or 0 for q in ("q1_ca_estime", "q2_heures_equipe", "q3_charge_lea"))
              for a in BIEN_FORMEES}
    assert totaux["solution"] == 6 and totaux["vierge"] == 0 and totaux["mutant"] == 4
    assert totaux["moitie"] == 2


def test_copies_cassees_signalees_et_la_correction_continue(chaine):
    """Does a copy that breaks the grader get a clear French reason, the others still graded?"""
    code, sortie, _ = chaine["premier"]
    assert code == 0
    raisons = bloc_a_verifier(sortie)
    assert "fichier illisible" in raisons["abimee"]
    assert "noyau Python s'est arrêté" in raisons["noyau-mort"]
    assert "q2_heures_equipe supprimée" in raisons["cellule-supprimee"]
    assert "q3_charge_lea modifiée" in raisons["verrou-modifie"]
    assert f"limite de {LIMITE} s" in raisons["boucle-infinie"]
    assert set(raisons) == {"abimee", "noyau-mort", "cellule-supprimee", "verrou-modifie", "boucle-infinie"}
    obtenues = chaine["notes_premier"]
    assert obtenues[("solution", "q1_ca_estime")] == (2.0, False)
    # A kernel that dies keeps the copy graded: the points before (none here), zero after.
    assert all(obtenues[("noyau-mort", q)][0] == 0.0 for q in ("q1_ca_estime", "q3_charge_lea"))


def test_bloc_aucune_quand_tout_va_bien(chaine):
    """Does the summary end with "Copies à vérifier : aucune" when every copy graded normally?"""
    code, sortie, _ = obm(chaine["obm"], "corriger", MODULE, *oc.options_corriger(), "--apprenante", "solution",
                          "--apprenante", "mutant")
    assert code == 0
    assert sortie.rstrip().split("\n")[-1] == "Copies à vérifier : aucune"


def test_cellule_supprimee_remise_en_place_et_notee(chaine):
    """Is a deleted grade cell put back and graded automatically, not left "needs manual grade"?"""
    assert chaine["notes_premier"][("cellule-supprimee", "q2_heures_equipe")] == (2.0, False)
    corrige = nbformat.read(chaine["obm"] / "autograded" / "cellule-supprimee" / MODULE / "exercice.ipynb", 4)
    remise = next(c for c in corrige.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q2_heures_equipe")
    assert "manquait dans ta copie" in remise.source


def test_cellule_verrouillee_reecrite_est_retablie(chaine):
    """Is a test cell rewritten to `pass` replaced by the real test, so a wrong answer scores zero?"""
    assert chaine["notes_premier"][("verrou-modifie", "q3_charge_lea")] == (0.0, False)


def test_nouvelle_correction_memes_notes_et_sauvegarde(chaine):
    """Does a second run (more processes than cores) give the same grades, after backing up the first?"""
    code, sortie, _ = chaine["second"]
    assert code == 0
    assert notes(chaine["obm"]) == chaine["notes_premier"]
    sauvegardes = sorted((chaine["obm"] / "gradebook").glob("gradebook.avant-corriger-*.db"))
    assert len(sauvegardes) >= 2
    from nbgrader.api import Gradebook

    # The backup taken before the second run holds the first run's grades.
    with Gradebook(f"sqlite:///{sauvegardes[1]}") as carnet:
        sauvees = {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                   for a in carnet.assignments for s in a.submissions
                   for nb in s.notebooks for g in nb.grades}
    assert sauvees == chaine["notes_premier"]


def test_jamais_de_base_verrouillee_ni_de_submitted_modifie(chaine):
    """Is "database is locked" absent at any --jobs, and is submitted/ left byte for byte as it was?"""
    journal = (chaine["obm"] / "gradebook" / f"journal-corriger-{MODULE}.log").read_text(encoding="utf-8")
    for _, sortie, erreurs in (chaine["premier"], chaine["second"]):
        assert "database is locked" not in sortie + erreurs + journal
    assert empreinte(chaine["obm"] / "submitted") == chaine["submitted_avant"]


def test_apprenantes_creees_dans_le_carnet(chaine):
    """Are learners unknown to the gradebook created, as nbgrader's --create does?"""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{chaine['obm'] / 'gradebook' / 'gradebook.db'}") as carnet:
        assert {e.id for e in carnet.students} == set(BIEN_FORMEES + CASSEES)


def test_barre_de_progression_avec_temps_restant(chaine):
    """Does stderr show a progress bar with the copies done and an estimate of the time left?"""
    _, _, erreurs = chaine["premier"]
    total = len(BIEN_FORMEES + CASSEES)
    assert f"{total}/{total}" in erreurs
    assert "reste ≈" in erreurs


def test_module_inconnu_ou_sans_copie(chaine, tmp_path):
    """Do an unknown module and a module without copies end with a French message, not a traceback?"""
    code, _, erreurs = obm(chaine["obm"], "corriger", "99_inconnu")
    assert code == 1 and "n'a pas de notebook" in erreurs
    code, _, erreurs = obm(chaine["obm"], "corriger", "03_retroplanning")
    assert code == 1 and "obm importer" in erreurs


# --- obm retours ----------------------------------------------------------------------------

class _Texte(HTMLParser):
    def __init__(self):
        super().__init__()
        self.morceaux, self._ignore = [], 0

    def handle_starttag(self, tag, attrs):
        self._ignore += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._ignore -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._ignore:
            self.morceaux.append(data)


def texte_html(chemin: Path) -> str:
    lecteur = _Texte()
    lecteur.feed(chemin.read_text(encoding="utf-8"))
    return html.unescape("".join(lecteur.morceaux))


@pytest.fixture(scope="module")
def retours(chaine):
    code, sortie, erreurs = obm(chaine["obm"], "retours", MODULE)
    assert code == 0, erreurs
    return {p.parent.parent.name: p for p in (chaine["obm"] / "feedback").glob(f"*/{MODULE}/exercice.html")}


def test_aucune_ligne_de_test_cache_dans_les_retours(chaine, retours):
    """Does no line of the hidden tests of solutions/ reach any learner's feedback?"""
    source = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    cachees = lignes_cachees([c.source for c in source.cells])
    assert len(cachees) > 10
    # Not vacuous: the graded notebooks do hold those lines (nbgrader puts the tests back).
    corrige = (chaine["obm"] / "autograded" / "mutant" / MODULE / "exercice.ipynb").read_text(encoding="utf-8")
    assert "assert abs(float(ca_estime) - 47712.0)" in corrige
    # Every graded copy has its feedback: the well-formed ones and the one whose kernel died.
    assert set(retours) == set(BIEN_FORMEES) | {"noyau-mort"}
    for apprenante, chemin in retours.items():
        texte = texte_html(chemin)
        brut = html.unescape(chemin.read_text(encoding="utf-8"))
        fuites = [l for l in cachees if l in texte or l in brut]
        assert not fuites, f"{apprenante} : {fuites}"


def test_retours_en_francais_avec_le_resultat_des_tests_caches(retours):
    """Is the feedback French, with the visible check's message and "Tests cachés : réussis / pas réussis"?"""
    solution = texte_html(retours["solution"]).replace("\u202f", " ")
    mutant = texte_html(retours["mutant"]).replace("\u202f", " ")
    assert "Retour de correction" in solution and "Ta note : 6 / 6" in solution
    assert "Tests cachés : réussis (2 points sur 2)" in solution
    assert "Tests cachés : pas réussis (0 point sur 2)" in mutant
    # The misconception the copy made, named by its recorded message (issue 15), never the key.
    oublie_le_prix = next(m for m in oc.charger_mutants(MODULE) if m.nom == "oublie_le_prix")
    assert "À retravailler : " + oublie_le_prix.message.replace("\u202f", " ") in mutant
    assert "À retravailler" not in solution
    # The visible check's status, as the grader read it (never the copy's own output).
    assert "Ta vérification : Forme correcte" in solution
    assert "Score" not in solution and "Student" not in solution
    assert "manquait dans ta copie" in texte_html(retours["cellule-supprimee"])


# --- obm notes ----------------------------------------------------------------------------------

def lire_csv(chemin: Path, separateur: str) -> list[dict]:
    octets = chemin.read_bytes()
    assert octets.startswith(b"\xef\xbb\xbf"), "le fichier doit commencer par le BOM UTF-8"
    return list(csv.DictReader(io.StringIO(octets.decode("utf-8-sig")), delimiter=separateur))


def test_notes_deux_fichiers_pour_un_tableur_francais(chaine, tmp_path):
    """Are the long and wide CSVs in UTF-8 with BOM, ';' and decimal commas, with hand-checked values?"""
    code, _, _ = obm(chaine["obm"], "notes", "--dossier", str(tmp_path))
    assert code == 0
    longues = lire_csv(tmp_path / "notes_par_module.csv", ";")
    assert len(longues) == len(BIEN_FORMEES + CASSEES)  # one module: one row per learner
    par_id = {l["apprenante"]: l for l in longues}
    assert (par_id["solution"]["points"], par_id["solution"]["points_max"]) == ("6", "6")
    # The mutant misses Q1 only: 4 points out of 6 = 66.7 %.
    assert par_id["mutant"]["points"] == "4" and par_id["mutant"]["pourcentage"] == "66,7"
    larges = {l["apprenante"]: l for l in lire_csv(tmp_path / "notes_pour_lms.csv", ";")}
    assert larges["mutant"]["00_bienvenue (sur 6)"] == "4"
    # Syllabus: q1 trains FI1, q2 GP2, q3 TE2 (competences_par_note of 00_bienvenue).
    assert larges["mutant"]["FI1 Planification financière et analyse des indicateurs (%)"] == "0"
    assert larges["mutant"]["GP2 Coordonner les équipes (%)"] == "100"
    assert larges["solution"]["TE2 Analyse des données (%)"] == "100"
    assert larges["solution"]["LD1 Vision stratégique (%)"] == ""  # not assessed by this module
    competences = [c for c in larges["solution"] if c.endswith("(%)")]
    assert len(competences) == 18


def test_notes_avec_la_virgule_pour_separateur(chaine, tmp_path):
    """With `--separateur ,`, are columns separated by commas and decimals written with a point?"""
    code, _, _ = obm(chaine["obm"], "notes", "--dossier", str(tmp_path), "--separateur", ",")
    assert code == 0
    longues = {l["apprenante"]: l for l in lire_csv(tmp_path / "notes_par_module.csv", ",")}
    assert longues["mutant"]["pourcentage"] == "66.7"


# --- obm rapport --------------------------------------------------------------------------------

def test_rapport_de_competences(chaine, tmp_path):
    """Does the report hold a cohort heatmap, one radar per learner (PNG) and the struggling module?"""
    code, sortie, _ = obm(chaine["obm"], "rapport", "--dossier", str(tmp_path))
    assert code == 0
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Rapport de compétences de la cohorte" in page
    figures = sorted((tmp_path / "figures").glob("*.png"))
    assert len(figures) == 1 + len(BIEN_FORMEES + CASSEES)
    assert all(f.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for f in figures)
    assert all(f'figures/{f.name}' in page for f in figures)
    # Totals 6, 4, 0, 2, 6, 4, 4 and 0 for the kernel that died (graded); the unreadable copy is
    # « non notée », out of the averages: 26 / 48 ≈ 54 % < 60 %.
    assert "Modules où la cohorte peine : 00_bienvenue" in sortie.replace("\u202f", " ")
