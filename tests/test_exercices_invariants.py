"""The exercise invariants, checked for every exercise of solutions/ with the real nbgrader.

(a) the solution gets full autograded points; (b) the untouched release gets zero, without a
grader error; (c) each recorded mutant loses points on the question it targets; (d) exercises/
equals a fresh `make release`; (e) no solution or hidden-test line leaks into exercises/.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

import outils_correction as oc

EXERCICES = oc.exercices_sources()


@pytest.fixture(scope="module")
def corrections(tmp_path_factory):
    """One autograde run per exercise, shared by the tests of this module.

    The runs are independent nbgrader processes (one temp course each), so they go side by
    side: this module lands on a single xdist worker (--dist loadscope).
    """
    dossiers = {e: tmp_path_factory.mktemp(e) for e in EXERCICES}
    with ThreadPoolExecutor(max_workers=max(1, min(len(EXERCICES), os.cpu_count() or 1))) as pool:
        futurs = {e: pool.submit(oc.corriger_exercice, e, dossiers[e]) for e in EXERCICES}
        resultats = {e: f.result() for e, f in futurs.items()}
    return resultats.__getitem__


def test_au_moins_un_exercice():
    """Is there at least one exercise to check (an empty solutions/ would make this suite vacuous)?"""
    assert EXERCICES, "solutions/ ne contient aucun exercice"


@pytest.mark.parametrize("exercice", EXERCICES)
def test_autograde_sans_erreur(corrections, exercice):
    """Does nbgrader autograde every submission (solution, release, mutants) without an error?"""
    correction = corrections(exercice)
    journal = correction.sortie.stdout + correction.sortie.stderr
    assert correction.sortie.returncode == 0, journal
    assert "| ERROR]" not in journal, journal
    for apprenante, notes in correction.notes.items():
        attendues = sum(len(p) for p in correction.points.values())
        assert len(notes) == attendues, f"{apprenante} : notes manquantes dans le carnet\n{journal}"


@pytest.mark.parametrize("exercice", EXERCICES)
def test_solution_tous_les_points(corrections, exercice):
    """(a) Does the solution notebook get full autograded points, and do its visible checks all pass?"""
    correction = corrections(exercice)
    assert correction.maximum > 0, "l'exercice n'a aucune cellule notée automatiquement"
    assert correction.total(oc.APPRENANTE_SOLUTION) == correction.maximum, correction.notes
    statuts = correction.statuts[oc.APPRENANTE_SOLUTION]
    assert statuts, "aucune vérification visible dans l'exercice"
    assert {s["statut"] for s in statuts} == {"reussi"}, statuts


@pytest.mark.parametrize("exercice", EXERCICES)
def test_solution_sans_incident_du_moteur(corrections, exercice):
    """Does the grading engine take the solution as it is: every value a test reads handed over
    (none refused), every partial score valid, every cell run?"""
    from obm.correction.moteur.deroulement import ARRET, DELAI, NON_EXECUTEE, NOTE, REFUS, SORTIE

    correction = corrections(exercice)
    chemin = correction.racine / "autograded" / oc.APPRENANTE_SOLUTION / exercice
    for notebook in chemin.glob("*.ipynb"):
        for cellule in oc.nbformat.read(notebook, as_version=4).cells:
            noms = {s.get("ename") for s in cellule.get("outputs", []) if s.get("output_type") == "error"}
            assert not noms & {ARRET, DELAI, NON_EXECUTEE, NOTE, REFUS, SORTIE}, (notebook.name, cellule.get("id"), noms)


@pytest.mark.parametrize("exercice", EXERCICES)
def test_solution_sans_rien_sur_stderr(corrections, exercice):
    """Does the graded solution write nothing to stderr (nbgrader scores such a test cell 0)?"""
    assert corrections(exercice).stderr[oc.APPRENANTE_SOLUTION] == []


@pytest.mark.parametrize("exercice", EXERCICES)
def test_version_distribuee_zero_point(corrections, exercice):
    """(b) Does the untouched release get zero autograded points, its checks saying "pas encore fait"?"""
    correction = corrections(exercice)
    assert correction.total(oc.APPRENANTE_VIERGE) == 0, correction.notes[oc.APPRENANTE_VIERGE]
    statuts = correction.statuts[oc.APPRENANTE_VIERGE]
    assert statuts and {s["statut"] for s in statuts} == {"pas_encore_fait"}, statuts


@pytest.mark.parametrize("exercice", EXERCICES)
def test_chaque_question_a_trois_mutants(exercice):
    """(c) Does every autograded question have at least three recorded typical wrong answers?"""
    mutants = oc.charger_mutants(exercice)
    source = {p.name: oc.nbformat.read(p, as_version=4)
              for p in (oc.SOLUTIONS / exercice).glob("*.ipynb")}
    for notebook, points in ((n, oc.notes_par_cellule(nb)) for n, nb in source.items()):
        for grade_id in points:
            nombre = sum(1 for m in mutants if m.notebook == notebook and m.question == grade_id)
            assert nombre >= 3, f"{exercice}/{notebook} : {grade_id} n'a que {nombre} mutant(s)"


@pytest.mark.parametrize("exercice", EXERCICES)
def test_mutants_perdent_des_points(corrections, exercice):
    """(c) Does each mutant lose points on the question it targets (graded in the same run)?"""
    correction = corrections(exercice)
    assert correction.mutants, f"aucun mutant enregistré pour {exercice}"
    for mutant in correction.mutants:
        apprenante = oc.PREFIXE_MUTANT + mutant.nom
        maximum = correction.points[mutant.notebook][mutant.question]
        obtenu = correction.notes[apprenante][(mutant.notebook, mutant.question)]
        assert obtenu < maximum, f"le mutant {mutant.nom} garde {obtenu}/{maximum} à {mutant.question}"
        assert correction.total(apprenante) < correction.maximum


@pytest.mark.parametrize("exercice", EXERCICES)
def test_exercises_egal_a_make_release(corrections, exercice):
    """(d) Is the committed exercises/ folder exactly what a fresh `make release` produces?"""
    correction = corrections(exercice)
    frais = correction.racine / "exercises" / exercice
    commis = oc.EXERCICES / exercice
    message = (f"exercises/{exercice} ne correspond plus à solutions/{exercice} : "
               "lance `make release` puis committe le résultat.")
    assert commis.is_dir(), message
    noms_frais = sorted(p.relative_to(frais).as_posix() for p in frais.rglob("*") if p.is_file())
    noms_commis = sorted(p.relative_to(commis).as_posix() for p in commis.rglob("*") if p.is_file())
    assert noms_commis == noms_frais, message
    for nom in noms_frais:
        if nom.endswith(".ipynb"):
            assert oc.notebook_normalise(commis / nom) == oc.notebook_normalise(frais / nom), \
                f"{message} (fichier {nom})"
        else:
            assert (commis / nom).read_bytes() == (frais / nom).read_bytes(), f"{message} ({nom})"


@pytest.mark.parametrize("exercice", EXERCICES)
def test_aucune_fuite_dans_exercises(exercice):
    """(e) Does no line of a solution region or of the hidden tests appear in exercises/?"""
    cachees = set()
    for chemin in (oc.SOLUTIONS / exercice).glob("*.ipynb"):
        cachees |= oc.lignes_cachees(oc.nbformat.read(chemin, as_version=4))
    assert cachees, "aucune région de solution ni de test caché : la source est-elle complète ?"
    for chemin in (oc.EXERCICES / exercice).glob("*.ipynb"):
        notebook = oc.nbformat.read(chemin, as_version=4)
        for cellule in notebook.cells:
            fuites = [l.strip() for l in cellule.source.splitlines() if l.strip() in cachees]
            assert not fuites, f"{chemin.name} (cellule {cellule.get('id')}) montre : {fuites}"
