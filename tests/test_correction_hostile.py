"""Hostile submissions against `obm corriger`: limits, cheating, tampering, sabotage.

One throw-away course, one cohort of 00_bienvenue copies graded in one `obm corriger` run (the
real nbgrader, the real sandbox under CI=true). Each hostile copy starts from the right answers,
then breaks something: a limit (time, memory, output, processes, file size, notebook duration, a
kernel that dies or ignores interrupts), a cheat (monkeypatched builtins or numpy, silenced
tracebacks, hooks that run during the tests, objects equal to anything, a hijacked executor, an
edited or deleted test cell) or an attack on others (reading the hidden tests, the solutions or
the gradebook, writing into another learner's copy). Each test asserts the copy's score, the
French reason the trainer reads in « Copies à vérifier : », and that the other learners' grades
and files are untouched. A second small run of 10_feedback checks the partial-score cheat.
"""

import contextlib
import copy
import hashlib
import io
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction.bac_a_sable import _groupe_pids
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier

MODULE = "00_bienvenue"
LIMITES = {"timeout": 6, "duree_notebook_s": 14, "sortie_cellule_ko": 64, "sortie_notebook_mo": 1,
           "memoire_mo": 1024,
           "fichier_mo": 20, "processus": 32}

if os.environ.get("CI", "").lower() == "true" and shutil.which("bwrap") is None:
    pytest.fail("CI=true : bubblewrap manque (apt-get install -y bubblewrap)", pytrace=False)

Q1 = "ventes_estimees = 4800 * 0.02\nca_estime = ventes_estimees * 497"
FAUX_Q1 = "ventes_estimees = 50\nca_estime = 50 * 497"
FAUX_Q2 = "heures_hebdo_equipe = 3\nfreelances_a_la_mission = ['Léa']"

# learner -> (answer cells replaced, expected points out of 6, words of the trainer's reason)
# The right answers fill every other answer cell.
CAS = {
    "honnete": ({}, 6, None),
    "bruit": ({"reponse_q1": Q1 + "\nimport sys, warnings\nwarnings.simplefilter('error')\n"
               "print('un message sur stderr', file=sys.stderr)"}, 6, None),
    # --- limits: the points earned before stay, the cell that hit the limit gets zero
    "boucle-infinie": ({"reponse_q3": "while True:\n    pass"}, 4, ["reponse_q3", "limite de 6 s"]),
    "boucle-sourde": ({"reponse_q3": "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n"
                       "    except KeyboardInterrupt:\n        pass"}, 4, ["ne répondait plus"]),
    "memoire": ({"reponse_q3": "bloc = bytearray(3 * 1024**3)"}, 4, ["mémoire épuisée", "1024 Mio"]),
    "sortie-inondee": ({"reponse_q3": "while True:\n    print('x' * 1000)"}, 4, ["64 Kio"]),
    "sorties-en-serie": ({"_en_plus": ["print('y' * 60_000)"] * 20}, 6, ["1 Mio de sorties dans le notebook"]),
    "noyau-tue": ({"reponse_q3": "import os\nos._exit(1)"}, 4, ["noyau Python s'est arrêté"]),
    "fichier-geant": ({"reponse_q3": "with open('gros.bin', 'wb') as f:\n    f.write(b'0' * (40 * 1024**2))"},
                      4, ["fichier trop gros", "20 Mio"]),
    "fourche": ({"reponse_q3": "import os, time\nfor _ in range(200):\n    if os.fork() == 0:\n"
                 "        time.sleep(2)\n        os._exit(0)"}, 4, ["trop de processus"]),
    "notebook-trop-long": ({"reponse_q1": Q1 + "\nimport time\ntime.sleep(5)",
                            "reponse_q2": None, "reponse_q3": "@sol\nimport time\ntime.sleep(5)",
                            "_q2_sleep": True}, 4, ["durée maximale (14 s)"]),
    # --- cheats: a wrong answer stays wrong
    "traceback-muet": ({"reponse_q1": FAUX_Q1 + "\nip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
                        "ip.set_custom_exc((BaseException,), lambda *a, **k: None)"}, 4,
                       ["q1_ca_estime", "showtraceback"]),
    "builtins-remplaces": ({"reponse_q1": FAUX_Q1 + "\nimport builtins\nbuiltins.abs = lambda x: 0\n"
                            "builtins.sorted = lambda x, **k: ['Hugo', 'Samir']"}, 4, ["builtins.abs"]),
    "numpy-remplace": ({"reponse_q1": "import numpy\nclass Faux(float):\n"
                        "    def __new__(cls, affiche, vrai):\n        objet = float.__new__(cls, affiche)\n"
                        "        objet.vrai = vrai\n        return objet\n"
                        "    def __float__(self):\n        return self.vrai\n"
                        "numpy.float64 = Faux\nventes_estimees = Faux(50, 96.0)\n"
                        "ca_estime = Faux(50 * 497, 47712.0)"}, 4, ["numpy.float64"]),
    "egal-a-tout": ({"reponse_q1": "class Meta(type):\n    __eq__ = lambda *a: True\n    __hash__ = type.__hash__\n"
                     "class Nombre(metaclass=Meta):\n    __float__ = lambda self: 96.0\n"
                     "ventes_estimees = Nombre()\nca_estime = 47712.0"}, 4, ["fait maison"]),
    "objet-egal": ({"reponse_q1": "class Toujours(float):\n    __eq__ = lambda self, autre: True\n"
                    "    __float__ = lambda self: 96.0\nventes_estimees = Toujours(50)\nca_estime = 47712.0"},
                   4, ["fait maison"]),
    "crochets": ({"reponse_q1": FAUX_Q1 + "\nimport sys\nip = get_ipython()\n"
                  "ip.events.register('pre_run_cell', lambda info: print('FUITE', info.raw_cell))\n"
                  "ip.events.register('post_run_cell', lambda r: setattr(r, 'error_in_exec', None))\n"
                  "def traceur(cadre, evenement, arg):\n    return traceur\nsys.settrace(traceur)\n"
                  "sys.excepthook = lambda *a: None"}, 4, ["events.pre_run_cell", "sys.settrace"]),
    "transformateur": ({"reponse_q2": FAUX_Q2 + "\nget_ipython().input_transformers_cleanup.append("
                        "lambda lignes: ['pass\\n'])"}, 2, ["trafique l'exécution"]),
    "executeur-detourne": ({"reponse_q2": FAUX_Q2 + "\nfrom IPython.core.interactiveshell import "
                            "InteractiveShell, ExecutionResult, ExecutionInfo\n"
                            "async def faux(self, cellule, *a, **k):\n"
                            "    return ExecutionResult(ExecutionInfo(cellule, False, False, True, None))\n"
                            "InteractiveShell.run_cell_async = faux"}, 2, ["trafique l'exécution"]),
    "garde-retiree": ({"reponse_q2": FAUX_Q2 + "\nimport sys\nfor nom in list(sys.modules):\n"
                       "    if nom.startswith('obm'):\n        del sys.modules[nom]"}, 2,
                      ["garde des tests manquait"]),
    "minuteries": ({"reponse_q1": FAUX_Q1 + "\nimport io, signal, sys\n"
                    "signal.signal(signal.SIGALRM, lambda *a: globals().update(ventes_estimees=96.0))\n"
                    "signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)\n"
                    "sys.stdout = io.StringIO()\nsys.setrecursionlimit(80)"}, 4,
                   ["signal.setitimer", "sys.setrecursionlimit", "sys.stdout"]),
    "ctypes": ({"reponse_q1": FAUX_Q1 + "\nimport ctypes\ntry:\n    ctypes.py_object.from_address(id(abs))\n"
                "except RuntimeError as e:\n    print('refusé :', e)"}, 4, None),
    # --- locked cells
    "verrou-modifie": ({"reponse_q1": FAUX_Q1, "q1_ca_estime": "pass"}, 4, ["q1_ca_estime modifiée"]),
    "test-supprime": ({"reponse_q1": FAUX_Q1, "q1_ca_estime": None}, 4, ["q1_ca_estime supprimée"]),
    # --- attacks on the course and on other learners (paths filled in by the fixture)
    "espionne": ({"reponse_q1": FAUX_Q1 + "\n@espionne"}, 4, None),
}
VOISINE = "voisine"


ESPIONNE = '''
import os, shutil
for chemin in {lectures!r}:
    try:
        with open(chemin, "rb") as fichier:
            print("VU:", chemin, len(fichier.read()))
    except OSError:
        pass
for chemin in {ecritures!r}:
    try:
        with open(chemin, "ab") as fichier:
            fichier.write(b"sabotage")
        print("ECRIT:", chemin)
    except OSError:
        pass
try:
    shutil.rmtree({dossier_voisine!r})
    print("EFFACE:", {dossier_voisine!r})
except OSError:
    pass
'''


def copie(distribuee, corrigee, remplacements: dict, racine: Path):
    reponses = oc.reponses_de(corrigee)
    notebook = copy.deepcopy(distribuee)
    gardees = []
    for cellule in notebook.cells:
        grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
        source = remplacements.get(grade_id, reponses.get(grade_id, cellule.source))
        if grade_id in remplacements and remplacements[grade_id] is None and grade_id not in reponses:
            continue  # a deleted test cell
        if source is None:
            source = reponses[grade_id]
        source = source.replace("@sol", reponses.get(grade_id, ""))
        if grade_id == "reponse_q2" and remplacements.get("_q2_sleep"):
            source = reponses[grade_id] + "\nimport time\ntime.sleep(5)"
        if "@espionne" in source:
            source = source.replace("@espionne", ESPIONNE.format(
                lectures=[str(racine / "source" / MODULE / "exercice.ipynb"),
                          str(racine / "solutions" / MODULE / "exercice.ipynb"),
                          str(oc.RACINE / "solutions" / MODULE / "exercice.ipynb"),
                          str(racine / "gradebook" / "gradebook.db"),
                          str(racine / "submitted" / VOISINE / MODULE / "exercice.ipynb"),
                          str(oc.RACINE / "tests" / "mutants" / "00.toml"), "/root/.bashrc",
                          "/etc/shadow"],
                ecritures=[str(racine / "gradebook" / "gradebook.db"),
                           str(racine / "submitted" / VOISINE / MODULE / "exercice.ipynb"),
                           str(oc.RACINE / "src" / "obm" / "verifier.py")],
                dossier_voisine=str(racine / "submitted" / VOISINE)))
        cellule.source = source
        gardees.append(cellule)
    # Extra cells of the learner's own, at the end (their cut costs time, not the tests' run).
    gardees += [nbformat.v4.new_code_cell(s) for s in remplacements.get("_en_plus", [])]
    notebook.cells = gardees
    return notebook


def empreinte(dossier: Path) -> str:
    h = hashlib.sha256()
    for chemin in sorted(p for p in dossier.rglob("*") if p.is_file()):
        h.update(str(chemin.relative_to(dossier)).encode() + chemin.read_bytes())
    return h.hexdigest()


def obm(racine: Path, *arguments: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(arguments))
    return code, sortie.getvalue(), erreurs.getvalue()


def notes(racine: Path, module: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}") as carnet:
        return {(s.student.id, g.name): g.auto_score for s in carnet.assignment_submissions(module)
                for nb in s.notebooks for g in nb.grades}


def a_verifier(sortie: str) -> dict[str, str]:
    lignes = sortie.rstrip().split("\n")
    debut = max(i for i, l in enumerate(lignes) if l.startswith("Copies à vérifier :"))
    return dict(re.fullmatch(r"- (\S+) : (.+)", l).groups() for l in lignes[debut + 1:])


def sorties_texte(racine: Path, apprenante: str, module: str = MODULE) -> str:
    notebook = nbformat.read(racine / "autograded" / apprenante / module / "exercice.ipynb", as_version=4)
    morceaux = []
    for cellule in notebook.cells:
        for sortie in cellule.get("outputs", []):
            morceaux.append(str(sortie.get("text", "")) + str(sortie.get("evalue", ""))
                            + str(sortie.get("data", {}).get("text/plain", "")))
    return "\n".join(morceaux)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("hostile")
    racine = dossier / "cours"
    racine.mkdir()
    config = (oc.RACINE / "nbgrader_config.py").read_text(encoding="utf-8")
    config += f"\nc.ExecutePreprocessor.timeout = {LIMITES['timeout']}\n"
    config += "".join(f"c.ExecutionSurveillee.{k} = {v}\n" for k, v in LIMITES.items() if k != "timeout")
    (racine / "nbgrader_config.py").write_text(config, encoding="utf-8")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    env = oc.environnement(dossier)
    for module in (MODULE, "10_feedback"):
        sortie = oc.nbgrader(["generate_assignment", module, "--force"], racine, env)
        assert sortie.returncode == 0, sortie.stderr

    distribuee = nbformat.read(racine / "release" / MODULE / "exercice.ipynb", as_version=4) \
        if (racine / "release" / MODULE).exists() else \
        nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", as_version=4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    cohorte = {VOISINE: copie(distribuee, corrigee, {"reponse_q2": FAUX_Q2}, racine)}
    cohorte |= {nom: copie(distribuee, corrigee, remplacements, racine)
                for nom, (remplacements, _, _) in CAS.items()}
    for apprenante, notebook in cohorte.items():
        cible = racine / "submitted" / apprenante / MODULE
        cible.mkdir(parents=True)
        nbformat.write(notebook, cible / "exercice.ipynb")

    # Partial-score cheat (10_feedback, Q1 scores 0.5 per label): a display formatter that
    # prints every float as -1 would turn a partial score into full points.
    partiel = nbformat.read(racine / "release" / "10_feedback" / "exercice.ipynb", as_version=4) \
        if (racine / "release" / "10_feedback").exists() else \
        nbformat.read(racine / "exercises" / "10_feedback" / "exercice.ipynb", as_version=4)
    moitie = ('classement = {"A": "sbi_complet", "B": "sans_situation", "C": "sans_impact", '
              '"D": "jugement", "E": "vague", "F": "vague", "G": "jugement", "H": "vague"}')
    triche = moitie + ("\nip = get_ipython()\nip.display_formatter.formatters['text/plain'].for_type("
                       "float, lambda o, p, cycle: p.text('-1'))\n%precision 0")
    for apprenante, source in (("partielle", moitie), ("formateur-negatif", triche)):
        notebook = copy.deepcopy(partiel)
        for cellule in notebook.cells:
            if cellule.metadata.get("nbgrader", {}).get("grade_id") == "reponse_q1":
                cellule.source = source
        cible = racine / "submitted" / apprenante / "10_feedback"
        cible.mkdir(parents=True)
        nbformat.write(notebook, cible / "exercice.ipynb")
    # The neighbour is graded first, alone: her grades and files must survive the hostile run.
    code, _, erreurs = obm(racine, "corriger", MODULE, "--apprenante", VOISINE)
    assert code == 0, erreurs
    voisine_avant = {k: v for k, v in notes(racine, MODULE).items() if k[0] == VOISINE}
    fichiers_voisine = empreinte(racine / "submitted" / VOISINE)
    soumis_avant = empreinte(racine / "submitted")

    code, sortie, erreurs = obm(racine, "corriger", MODULE, "--jobs", "2")
    assert code == 0, erreurs

    code10, sortie10, erreurs10 = obm(racine, "corriger", "10_feedback", "--jobs", "2")
    assert code10 == 0, erreurs10
    return {"racine": racine, "sortie": sortie, "notes": notes(racine, MODULE),
            "voisine_avant": voisine_avant, "fichiers_voisine": fichiers_voisine,
            "soumis_avant": soumis_avant, "sortie10": sortie10, "notes10": notes(racine, "10_feedback")}


def total(hostile, apprenante: str) -> float:
    return sum(v or 0 for (a, _), v in hostile["notes"].items() if a == apprenante)


@pytest.mark.parametrize("apprenante", list(CAS))
def test_copie_hostile(hostile, apprenante):
    """Does each hostile copy get exactly the points it earned honestly, with a French reason for
    the trainer, while the neighbour's grades and files stay as they were?"""
    _, attendu, mots = CAS[apprenante]
    assert total(hostile, apprenante) == attendu, sorties_texte(hostile["racine"], apprenante)[-1500:]
    raisons = a_verifier(hostile["sortie"])
    if mots is None:
        assert apprenante not in raisons or "garde" in raisons[apprenante], raisons.get(apprenante)
    else:
        assert apprenante in raisons, f"{apprenante} absente du bloc « Copies à vérifier : »"
        if apprenante == "fourche" and _groupe_pids(2) is None:
            pytest.fail("pas de groupe de contrôle « pids » : la limite de processus n'est pas appliquée")
        for mot in mots:
            assert mot in raisons[apprenante], raisons[apprenante]
    # Nobody else is touched: the neighbour keeps her grades and her files, honest copies 6/6.
    voisine = {k: v for k, v in hostile["notes"].items() if k[0] == VOISINE}
    assert voisine == hostile["voisine_avant"] and sum(voisine.values()) == 4
    assert empreinte(hostile["racine"] / "submitted" / VOISINE) == hostile["fichiers_voisine"]
    assert total(hostile, "honnete") == 6


def test_soumissions_jamais_modifiees(hostile):
    """Are submitted/ files byte-for-byte what the learners handed in, after the hostile run?"""
    assert empreinte(hostile["racine"] / "submitted") == hostile["soumis_avant"]


def test_espionne_ne_voit_ni_n_ecrit_rien(hostile):
    """Does the spying copy see no hidden test, solution, gradebook or other copy, and write nothing?"""
    texte = sorties_texte(hostile["racine"], "espionne")
    assert "VU:" not in texte and "ECRIT:" not in texte and "EFFACE:" not in texte, texte[-1500:]
    assert b"sabotage" not in (oc.RACINE / "src" / "obm" / "verifier.py").read_bytes()


def test_crochets_ne_lisent_pas_les_tests(hostile):
    """Does a pre_run_cell hook installed by the copy stay silent during the hidden tests?"""
    assert "FUITE" not in sorties_texte(hostile["racine"], "crochets")


def test_sortie_inondee_coupee(hostile):
    """Is a flooding cell's output cut near the limit, so the graded notebook stays small?"""
    chemin = hostile["racine"] / "autograded" / "sortie-inondee" / MODULE / "exercice.ipynb"
    assert chemin.stat().st_size < 20 * LIMITES["sortie_cellule_ko"] * 1024


def test_limites_dites_dans_le_retour(hostile):
    """Does the learner's feedback say, in French, which limit stopped her cell?"""
    code, _, erreurs = obm(hostile["racine"], "retours", MODULE)
    assert code == 0, erreurs
    for apprenante, mot in (("boucle-infinie", "limite de 6 s"), ("sortie-inondee", "64 Kio"),
                            ("noyau-tue", "noyau Python s'est arrêté"),
                            ("transformateur", "trafique l'exécution")):
        pages = list((hostile["racine"] / "feedback" / apprenante / MODULE).glob("*.html"))
        assert pages, apprenante
        texte = pages[0].read_text(encoding="utf-8").replace("&#39;", "'").replace("&#x27;", "'")
        assert mot in texte, (apprenante, mot)


def test_note_partielle_non_truquee(hostile):
    """Does a float display formatter (−1 shown instead of the score) leave the partial score as is?"""
    q1 = {a: v for (a, nom), v in hostile["notes10"].items() if nom == "q1_classement"}
    assert q1["partielle"] == 2.0
    assert q1["formateur-negatif"] == q1["partielle"]
    assert "formateur-negatif" in a_verifier(hostile["sortie10"])


def test_sans_bac_a_sable_limites_seules_et_avertissement(tmp_path, monkeypatch):
    """Without bubblewrap (a trainer on macOS; forced here by OBM_BAC_A_SABLE=non), does grading
    still run with the resource limits, and say so loudly at the top of the summary?"""
    racine = tmp_path / "cours"
    racine.mkdir()
    config = (oc.RACINE / "nbgrader_config.py").read_text(encoding="utf-8")
    (racine / "nbgrader_config.py").write_text(
        config + "\nc.ExecutionSurveillee.memoire_mo = 1024\n", encoding="utf-8")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    sortie = oc.nbgrader(["generate_assignment", MODULE, "--force"], racine, oc.environnement(tmp_path))
    assert sortie.returncode == 0, sortie.stderr
    distribuee = nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", as_version=4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    for apprenante, remplacements in (("honnete", {}), ("memoire", CAS["memoire"][0])):
        cible = racine / "submitted" / apprenante / MODULE
        cible.mkdir(parents=True)
        nbformat.write(copie(distribuee, corrigee, remplacements, racine), cible / "exercice.ipynb")
    monkeypatch.setenv("OBM_BAC_A_SABLE", "non")
    code, sortie, erreurs = obm(racine, "corriger", MODULE, "--jobs", "2")
    assert code == 0, erreurs
    assert sortie.startswith("ATTENTION : bubblewrap est absent"), sortie[:300]
    assert "SANS bac à sable" in erreurs
    obtenues = notes(racine, MODULE)
    assert sum(v for (a, _), v in obtenues.items() if a == "honnete") == 6
    assert sum(v for (a, _), v in obtenues.items() if a == "memoire") == 4
    assert "mémoire épuisée" in a_verifier(sortie)["memoire"]
