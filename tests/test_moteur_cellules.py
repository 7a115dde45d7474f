"""What the grading engine reads in a cell's text without running it: the names a test cell
reads (they travel from the learner's process), the names it sets, the answer names given to
`verifier` as text, and whether it ends with an expression (a partial-credit cell).
"""

import nbformat
import pytest

import outils_correction as oc
from obm.correction.moteur.cellules import (chaines_identifiants, finit_par_expression,
                                            noms_lus, noms_poses, noms_verifies)


def test_noms_libres_fonctions_imbriquees_comprises():
    """Free names at top level and inside nested functions, minus what the cell binds itself."""
    source = '''
def _coherence(plan):
    from datetime import date
    inconnues = [t for t in chemin if t not in plan_lancement.index]
    return [date(2027, 1, 1), plan, len(inconnues)]
class _C:
    seuil = marge_securite
_attendu = 3
assert sorted(resultat) == _attendu, "faux"
verifier("q3", "chemin")
lambda x: x + decalage
'''
    assert noms_lus(source) == {"chemin", "plan_lancement", "marge_securite", "resultat",
                                "verifier", "decalage"}
    assert noms_poses(source) == {"_coherence", "_C", "_attendu"}


def test_closures_et_builtins_ne_sont_pas_lus():
    """A closure variable comes from the enclosing function, builtins and IPython names are ours."""
    source = '''
def f():
    locale = 1
    def g():
        return locale + externe
    return g
print(len(sorted(x)), get_ipython(), display, _)
'''
    assert noms_lus(source) == {"externe", "x"}


def test_magies_ipython_transformees():
    """IPython syntax (%magic, !cmd) is read as IPython runs it."""
    assert noms_lus("%precision 3\nvaleur") == {"valeur"}
    assert noms_lus("x = 1\n!echo $y") == set()


def test_noms_donnes_en_texte_a_verifier():
    """The answer names verifier reads by name (not the question id, not other strings)."""
    source = '''
verifier("q1_ca", {"ventes_estimees": nombre(), "ca_estime": nombre()}, _coherence)
verifier("q3_debut", ["chemin_critique", "debut_au_plus_tard"])
controler("q9", "taux", espace=None)
quiz.verifier("q2", nom="quiz_q2")
print("pas un nom !", "autre_texte")
'''
    assert noms_verifies(source) == {"ventes_estimees", "ca_estime", "chemin_critique",
                                     "debut_au_plus_tard", "taux"}
    assert {"q2", "quiz_q2", "autre_texte", "q1_ca"} <= chaines_identifiants(source)


@pytest.mark.parametrize("source, attendu", [
    ("_note = 0.5 * 3\n_note", True), ("assert x == 1", False), ("x = 1; x", True),
    ("verifier('q', 'x')", True), ("for i in []:\n    i", False), ("", False), ("def (", False),
])
def test_finit_par_expression(source, attendu):
    """A partial-credit cell is one whose last top-level statement is an expression."""
    assert finit_par_expression(source) is attendu


@pytest.mark.parametrize("exercice", oc.exercices_sources())
def test_cellules_de_test_du_cours(exercice):
    """On every exercise: each test cell reads at least one answer, and a test cell that ends with
    an expression is a partial-credit cell as DESIGN.md says (never a bare verifier call)."""
    for chemin in (oc.SOLUTIONS / exercice).glob("*.ipynb"):
        notebook = nbformat.read(chemin, as_version=4)
        poses = set()
        reponses = set()
        for cellule in notebook.cells:
            meta = cellule.metadata.get("nbgrader", {})
            if cellule.cell_type != "code":
                continue
            if meta.get("solution"):
                reponses |= noms_poses(cellule.source)
            elif meta.get("grade"):
                lus = (noms_lus(cellule.source) | noms_verifies(cellule.source)) - poses
                assert lus & reponses, (meta["grade_id"], lus)
                if finit_par_expression(cellule.source):
                    derniere = cellule.source.rstrip().splitlines()[-1]
                    assert "verifier" not in derniere, (meta["grade_id"], derniere)
            elif meta.get("locked"):
                poses |= noms_poses(cellule.source)


def test_verrouillee_qui_lit_une_reponse_reste_dans_la_copie():
    """A locked cell that reads an answer (a summary card of the learner's texts) never runs in
    the test process, and what it sets comes from the copy; after ``import *`` nothing is set
    aside (its names cannot be read in the text)."""
    from obm.correction.moteur.deroulement import CellulesDuCarnet

    carnet = CellulesDuCarnet(tests={}, verrouillees=[
        ("imports", "import math\nfrom obm.feedback import ecrire_fiche_sbi"),
        ("donnees", "rayon = math.pi"),
        ("fiche", "chemin = ecrire_fiche_sbi({'Pour Hugo': reecriture_1})"),
        ("apres", "aire = rayon * 2"),
    ])
    assert carnet.ecartees == ["fiche"]
    assert [nom for nom, _ in carnet.verrouillees] == ["imports", "donnees", "apres"]
    assert "chemin" not in carnet.poses and {"rayon", "aire", "math"} <= carnet.poses
    etoile = CellulesDuCarnet(tests={}, verrouillees=[("tout", "from math import *"), ("usage", "x = pi")])
    assert etoile.ecartees == [] and len(etoile.verrouillees) == 2


def test_lectures_gardees_en_memoire_et_non_modifiables():
    """Les mêmes cellules de test reviennent à chaque copie : leur lecture est gardée, sous une
    forme que l'appelant ne peut pas modifier (sinon une copie changerait ce que voit la suivante)."""
    source = "total = prix * quantite\nverifier('q1', 'total', noms=['remise'])"
    premiere = noms_lus(source)
    assert premiere == {"prix", "quantite", "verifier"}
    assert noms_lus(source) is premiere
    with pytest.raises(AttributeError):
        premiere.add("autre")  # type: ignore[attr-defined]
    assert noms_verifies(source) == {"total", "remise"}
    assert isinstance(noms_poses(source), frozenset)
    assert isinstance(chaines_identifiants(source), frozenset)


def test_interpreteur_chaud_echauffe_ce_que_les_copies_chargent(tmp_path):
    """L'interpréteur chaud charge une fois ce que les fonctions du cours chargent à leur premier
    appel (jours fériés, données de la langue française, faits de Clara), et son espace de noms
    reste vide : les copies forkées n'ont plus à le payer, et n'héritent d'aucun nom."""
    import subprocess
    import sys

    code = ("import sys\nfrom obm.correction.moteur.serveur import prechauffer\n"
            "shell, initial = prechauffer()\nfrom obm import donnees\nimport babel.localedata\n"
            "print('holidays.countries.france' in sys.modules, len(donnees._TOML_LUS),\n"
            "      'fr' in babel.localedata._cache, sorted(set(shell.user_ns) - initial))\n")
    env = oc.environnement(tmp_path / "obm_home")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert sortie.returncode == 0, sortie.stderr[-2000:]
    assert sortie.stdout.split("\n")[-2] == "True 2 True []"
