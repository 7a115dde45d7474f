"""The exercise invariants, checked for every exercise of solutions/ with the real nbgrader.

(a) the solution gets full autograded points, and so does every recorded acceptable variant;
(b) the untouched release gets zero, without a grader error; (c) each recorded mutant loses
points on the question it targets, carries a French message, and its visible check shows that
message when the question has a catalogue; (d) exercises/ equals a fresh `make release`, the
catalogue of typical mistakes included; (e) no solution or hidden-test line leaks into exercises/.
"""

import json

import pytest

import outils_correction as oc

EXERCICES = oc.exercices_sources()


_CORRECTIONS: dict = {}


@pytest.fixture(scope="session")
def corrections(tmp_path_factory):
    """One autograde run per exercise, made the first time a test of that exercise asks for it.

    Every test of an exercise carries the same xdist group (see pytestmark below): under
    `--dist loadgroup` they all run on one worker, which grades that exercise once, while the
    other worker grades another exercise.
    """

    def obtenir(exercice):
        if exercice not in _CORRECTIONS:
            _CORRECTIONS[exercice] = oc.corriger_exercice(exercice, tmp_path_factory.mktemp(exercice))
        return _CORRECTIONS[exercice]

    return obtenir


def pytest_generate_tests(metafunc):
    # Parametrised by exercise, each case in the xdist group of its exercise.
    if "exercice" in metafunc.fixturenames:
        metafunc.parametrize("exercice", [
            pytest.param(e, marks=pytest.mark.xdist_group(f"invariants-{e}"), id=e)
            for e in EXERCICES])


def test_au_moins_un_exercice():
    """Is there at least one exercise to check (an empty solutions/ would make this suite vacuous)?"""
    assert EXERCICES, "solutions/ ne contient aucun exercice"


def test_autograde_sans_erreur(corrections, exercice):
    """Does nbgrader autograde every submission (solution, release, mutants) without an error?"""
    correction = corrections(exercice)
    journal = correction.sortie.stdout + correction.sortie.stderr
    assert correction.sortie.returncode == 0, journal
    assert "| ERROR]" not in journal, journal
    for apprenante, notes in correction.notes.items():
        attendues = sum(len(p) for p in correction.points.values())
        assert len(notes) == attendues, f"{apprenante} : notes manquantes dans le carnet\n{journal}"


def test_solution_tous_les_points(corrections, exercice):
    """(a) Does the solution notebook get full autograded points, and do its visible checks all pass?"""
    correction = corrections(exercice)
    assert correction.maximum > 0, "l'exercice n'a aucune cellule notée automatiquement"
    assert correction.total(oc.APPRENANTE_SOLUTION) == correction.maximum, correction.notes
    statuts = correction.statuts[oc.APPRENANTE_SOLUTION]
    assert statuts, "aucune vérification visible dans l'exercice"
    # During grading the checks judge the form only: never « juste », never a known mistake.
    assert {s["statut"] for s in statuts} == {"forme_correcte"}, statuts


def test_variantes_acceptables_tous_les_points(corrections, exercice):
    """(a) Does every recorded acceptable variant of a right answer keep full marks?"""
    correction = corrections(exercice)
    for variante in correction.variantes:
        apprenante = oc.PREFIXE_VARIANTE + variante.nom
        assert correction.total(apprenante) == correction.maximum, \
            f"la variante acceptable {variante.nom} perd des points : {correction.notes[apprenante]}"
        assert not any(s.get("erreur_typique") for s in correction.statuts[apprenante]), \
            f"la variante acceptable {variante.nom} est prise pour une erreur typique"


def test_solution_sans_incident_du_moteur(corrections, exercice):
    """Does the grading engine take the solution as it is: every value a test reads handed over
    (none refused), every partial score valid, every cell run?"""
    from obm.correction.moteur.deroulement import ARRET, DELAI, NON_EXECUTEE, NOTE, REFUS, SORTIE

    correction = corrections(exercice)
    chemin = correction.racine / "autograded" / oc.APPRENANTE_SOLUTION / exercice
    for notebook in chemin.glob("*.ipynb"):
        for cellule in oc.nbformat.read(notebook, as_version=4).cells:
            noms = {s.get("ename") for s in cellule.get("outputs", []) if s.get("output_type") == "error"}
            assert not noms & {ARRET, DELAI, NON_EXECUTEE, NOTE, REFUS, SORTIE}, (
                notebook.name, cellule.get("id"), noms)


def test_solution_sans_rien_sur_stderr(corrections, exercice):
    """Does the graded solution write nothing to stderr (nbgrader scores such a test cell 0)?"""
    assert corrections(exercice).stderr[oc.APPRENANTE_SOLUTION] == []


def test_version_distribuee_zero_point(corrections, exercice):
    """(b) Does the untouched release get zero autograded points, its checks saying "pas encore fait"?"""
    correction = corrections(exercice)
    assert correction.total(oc.APPRENANTE_VIERGE) == 0, correction.notes[oc.APPRENANTE_VIERGE]
    statuts = correction.statuts[oc.APPRENANTE_VIERGE]
    assert statuts and {s["statut"] for s in statuts} == {"pas_encore_fait"}, statuts


def test_chaque_question_a_trois_mutants(exercice):
    """(c) Does every autograded question have at least three recorded typical wrong answers?"""
    mutants = oc.charger_mutants(exercice)
    source = {p.name: oc.nbformat.read(p, as_version=4)
              for p in (oc.SOLUTIONS / exercice).glob("*.ipynb")}
    for notebook, points in ((n, oc.notes_par_cellule(nb)) for n, nb in source.items()):
        for grade_id in points:
            nombre = sum(1 for m in mutants if m.notebook == notebook and m.question == grade_id)
            assert nombre >= 3, f"{exercice}/{notebook} : {grade_id} n'a que {nombre} mutant(s)"


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


def test_chaque_mutant_a_son_message(exercice):
    """(c) Does every recorded mistake carry a French message that names the misconception?"""
    for mutant in oc.charger_mutants(exercice):
        assert len(mutant.message.split()) >= 6, f"le mutant {mutant.nom} n'a pas de message"


def test_mutants_reconnus_dans_le_notebook(corrections, exercice):
    """(c) Does the visible check of each mutant whose question has a catalogue show its message?"""
    correction = corrections(exercice)
    catalogue = json.loads((oc.SOLUTIONS / exercice / "erreurs_typiques.json").read_text("utf-8"))
    messages = {m for q in catalogue["questions"].values() for m in q.values()}
    for mutant in correction.mutants:
        if not any(mutant.message in m for m in messages):
            continue  # a question with fewer than six possible answers: no catalogue
        statuts = correction.statuts[oc.PREFIXE_MUTANT + mutant.nom]
        assert any(s.get("erreur_typique") and s["statut"] == "a_revoir" for s in statuts), \
            f"la vérification du mutant {mutant.nom} ne nomme pas son erreur : {statuts}"


def test_catalogue_a_jour(exercice):
    """(d) Is the committed catalogue of typical mistakes what `make release` builds now?"""
    from obm import catalogue

    chemin = oc.SOLUTIONS / exercice / "erreurs_typiques.json"
    attendu = catalogue.texte(catalogue.construire(exercice, oc.RACINE))
    assert chemin.is_file() and chemin.read_text(encoding="utf-8") == attendu, (
        f"solutions/{exercice}/erreurs_typiques.json n'est plus à jour : lance `make release` "
        "puis committe le résultat.")


def test_exercises_egal_a_make_release(corrections, exercice):
    """(d) Is the committed exercises/ folder exactly what a fresh `make release` produces?"""
    correction = corrections(exercice)
    frais = correction.racine / "exercises" / exercice
    commis = oc.EXERCICES / exercice
    message = (f"exercises/{exercice} ne correspond plus à solutions/{exercice} : "
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


def test_aucune_fuite_dans_exercises(exercice):
    """(e) Does no line of a solution region or of the hidden tests appear in exercises/?"""
    cachees = set()
    for chemin in (oc.SOLUTIONS / exercice).glob("*.ipynb"):
        cachees |= oc.lignes_cachees(oc.nbformat.read(chemin, as_version=4))
    assert cachees, "aucune région de solution ni de test caché : la source est-elle complète ?"
    for chemin in (oc.EXERCICES / exercice).glob("*.ipynb"):
        notebook = oc.nbformat.read(chemin, as_version=4)
        for cellule in notebook.cells:
            fuites = [l.strip() for l in cellule.source.splitlines() if l.strip() in cachees]
            assert not fuites, f"{chemin.name} (cellule {cellule.get('id')}) montre : {fuites}"


def test_retour_de_correction_nomme_chaque_mutant(corrections, exercice):
    """(c) After grading, does the feedback of each mutant name its misconception on its question?"""
    from obm.correction.erreurs_typiques import messages_par_question

    correction = corrections(exercice)
    for mutant in correction.mutants:
        apprenante = oc.PREFIXE_MUTANT + mutant.nom
        perdues = {q for (nb, q), note in correction.notes[apprenante].items()
                   if nb == mutant.notebook and note < correction.points[nb][q]}
        chemin = correction.racine / "autograded" / apprenante / exercice / mutant.notebook
        notebook = json.loads(chemin.read_text(encoding="utf-8"))
        messages = messages_par_question(notebook, exercice, perdues, oc.RACINE)
        assert mutant.message in messages.get(mutant.question, []), (
            f"le retour du mutant {mutant.nom} ne nomme pas son erreur à {mutant.question} : "
            f"{messages.get(mutant.question)}")
