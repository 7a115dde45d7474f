"""Hostile submissions against `obm corriger`: limits, cheating, tampering, sabotage.

One throw-away course, one cohort of 00_bienvenue copies graded in one `obm corriger` run (the
real nbgrader, the real engine and sandbox). Each hostile copy starts from the right answers,
then breaks something: a limit (time, memory, output, processes, file size, notebook duration, a
process that dies or ignores interrupts), a cheat (monkeypatched builtins or numpy, silenced
tracebacks, hooks, objects equal to anything, a hijacked executor or shell, names the tests call
rebound, threads, disguised code, files shipped with the copy, the history of IPython, the
environment of the grader) or an attack on others (reading the hidden tests, the solutions or
the gradebook, writing into another learner's copy, killing processes). Each test asserts the
copy's score, the French reason the trainer reads in « Copies à vérifier : », and that the
other learners' grades and files are untouched. On the answers-as-data engine, a cheat aimed at
the tests has nothing to act on: the copy scores what its answers are worth, no more. A run of
10_feedback checks the partial-score and pre-check cheats; a run of two copies at once checks
that neither sees the other's folder.

Hostile code runs only isolated: without a working sandbox this module skips (outside CI) with
the reason, and fails under CI=true.
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
from obm.correction.bac_a_sable import _groupe_pids, raison_indisponible
from obm.correction.cli import main
from obm.correction.commun import dans_le_dossier

MODULE = "00_bienvenue"
LIMITES = {"timeout": 6, "duree_notebook_s": 14, "sortie_cellule_ko": 64, "sortie_notebook_mo": 1,
           "memoire_mo": 1024,
           "fichier_mo": 20, "processus": 32}

_RAISON = raison_indisponible()
if _RAISON is not None:
    _MESSAGE = (f"copies hostiles jamais exécutées sans isolement : {_RAISON} "
                "(installe le paquet bubblewrap : apt-get install -y bubblewrap)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true : {_MESSAGE}", pytrace=False)
    pytest.skip(_MESSAGE, allow_module_level=True)

Q1 = "ventes_estimees = 4800 * 0.02\nca_estime = ventes_estimees * 497"
FAUX_Q1 = "ventes_estimees = 50\nca_estime = 50 * 497"
FAUX_Q2 = "heures_hebdo_equipe = 3\nfreelances_a_la_mission = ['Léa']"

Q3 = ('heures_lea = taches[taches["responsable"] == "Léa"]["charge_heures"].sum()\n'
      'tache_la_plus_lourde = taches.sort_values("charge_heures", ascending=False).iloc[0]["tache"]')
SECRET = "jeton-secret-de-la-correctrice-4f1c"  # in the grader's environment during the run

# Files a copy ships beside its notebook: each says « PIEGE » if it ever runs.
PIEGES = {nom: f"print('PIEGE {nom}')\nraise SystemExit('PIEGE')\n" for nom in
          (".ipython/profile_default/startup/00-piege.py", "obm/__init__.py", "obm/verifier.py",
           "sitecustomize.py", "usercustomize.py", "colorsys.py", "json.py", "numpy.py",
           "statistics.py", "fractions.py", "matplotlibrc.py")}

# learner -> (answer cells replaced, expected points out of 6, words of the trainer's reason)
# The right answers fill every other answer cell; None words: the copy is not listed at all.
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
    # --- cheats aimed at the tests: a wrong answer stays wrong, a right one right
    "traceback-muet": ({"reponse_q1": FAUX_Q1 + "\nip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
                        "ip.set_custom_exc((BaseException,), lambda *a, **k: None)"}, 4, None),
    "builtins-remplaces": ({"reponse_q1": FAUX_Q1 + "\nimport builtins\nbuiltins.abs = lambda x: 0\n"
                            "builtins.sorted = lambda x, **k: ['Hugo', 'Samir']"}, 4, None),
    "numpy-remplace": ({"reponse_q1": "import numpy\nclass Faux(float):\n"
                        "    def __new__(cls, affiche, vrai):\n        objet = float.__new__(cls, affiche)\n"
                        "        objet.vrai = vrai\n        return objet\n"
                        "    def __float__(self):\n        return self.vrai\n"
                        "numpy.float64 = Faux\nventes_estimees = Faux(50, 96.0)\n"
                        "ca_estime = Faux(50 * 497, 47712.0)"}, 4, ["ventes_estimees", "fait maison"]),
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
                  "sys.excepthook = lambda *a: None"}, 4, None),
    "transformateur": ({"reponse_q2": FAUX_Q2 + "\nget_ipython().input_transformers_cleanup.append("
                        "lambda lignes: ['pass\\n'])"}, 2, None),
    "executeur-detourne": ({"reponse_q2": FAUX_Q2 + "\nfrom IPython.core.interactiveshell import "
                            "InteractiveShell, ExecutionResult, ExecutionInfo\n"
                            "async def faux(self, cellule, *a, **k):\n"
                            "    return ExecutionResult(ExecutionInfo(cellule, False, False, True, None))\n"
                            "InteractiveShell.run_cell_async = faux"}, 2, None),
    "obm-retire": ({"reponse_q2": FAUX_Q2 + "\nimport sys\nfor nom in list(sys.modules):\n"
                    "    if nom.startswith('obm'):\n        del sys.modules[nom]"}, 4, None),
    "minuteries": ({"reponse_q1": FAUX_Q1 + "\nimport io, signal, sys\n"
                    "signal.signal(signal.SIGALRM, lambda *a: globals().update(ventes_estimees=96.0))\n"
                    "signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)\n"
                    "sys.stdout = io.StringIO()\nsys.setrecursionlimit(80)"}, 4, None),
    "ctypes": ({"reponse_q1": FAUX_Q1 + "\nimport ctypes\ntry:\n    ctypes.py_object.from_address(id(abs))\n"
                "except RuntimeError as e:\n    print('refusé :', e)"}, 4, None),
    # Names the grade cells call, rebound by the copy: verifier, the checks, __builtins__.
    "reliures": ({"reponse_q1": FAUX_Q1 + "\nverifier = lambda *a, **k: None\nnombre = lambda **k: None\n"
                  "__builtins__ = dict(vars(__import__('builtins')), type=lambda x: float, "
                  "abs=lambda x: 0.0)"}, 4, None),
    # The shell's class and traits swapped (run_cell always succeeds, every value displayed as 2).
    "classe-du-shell": ({"reponse_q1": FAUX_Q1, "reponse_q3": Q3 + "\nfrom IPython.core.interactiveshell import "
                         "ExecutionResult, ExecutionInfo\nip = get_ipython()\n"
                         "class Faux(type(ip)):\n    def run_cell(self, *a, **k):\n"
                         "        return ExecutionResult(ExecutionInfo('', False, False, True, None))\n"
                         "ip.__class__ = Faux\nip.ast_node_interactivity = 'all'\n"
                         "ip.display_formatter.formatters['text/plain'].for_type(float, lambda o, p, c: p.text('2'))"},
                        4, None),
    # Code dressed as library code: a spoofed co_filename, a functools.partial of a class.
    "code-deguise": ({"reponse_q1": FAUX_Q1, "reponse_q3": Q3 + "\nimport builtins, functools, numpy\n"
                      "f = lambda *a, **k: 0.0\nf.__code__ = f.__code__.replace(co_filename=numpy.__file__)\n"
                      "builtins.abs = f\nbuiltins.float = functools.partial(type('F', (float,), "
                      "{'__eq__': lambda *a: True}), 96.0)\nnumpy.float64 = functools.partial(float, 96.0)"},
                     4, None),
    # A thread that keeps rewriting what the tests use, and the answer, all along the run.
    "fil-d-execution": ({"reponse_q1": FAUX_Q1 + "\nimport threading, time, builtins, numpy\n"
                         "def saboter():\n    while True:\n        builtins.abs = lambda x: 0.0\n"
                         "        numpy.isclose = lambda *a, **k: True\n"
                         "        globals()['ventes_estimees'] = 96.0\n        time.sleep(0.001)\n"
                         "threading.Thread(target=saboter, daemon=True).start()"}, 4, None),
    # An answer that displays a result (a would-be score) when the tests look at it.
    "affichage-anticipe": ({"reponse_q1": "from IPython.display import display\nclass Note(float):\n"
                            "    def __repr__(self):\n        display({'text/plain': '2'}, raw=True)\n"
                            "        get_ipython().displayhook(2)\n        return '96.0'\n"
                            "ventes_estimees = Note(50)\nca_estime = Note(50 * 497)"}, 4,
                           ["ventes_estimees", "fait maison"]),
    # Files shipped with the copy (an IPython startup file, a package shadowing obm, modules
    # shadowing the standard library): none of them runs, in the tests or anywhere (they are
    # not even copied, and the trainer is told).
    "fichiers-pieges": ({"reponse_q1": FAUX_Q1, "_fichiers": PIEGES}, 4, ["laissés de côté"]),
    # The hidden tests read back from IPython's history, the output cache, the frames.
    "historique": ({"reponse_q3": Q3 + "\nip = get_ipython()\nprint('HISTOIRE', In, _ih, Out)\n"
                    "print('GESTIONNAIRE', ip.history_manager.input_hist_raw)\nimport sys, gc\n"
                    "print('CADRES', [c.f_code.co_filename for c in [sys._getframe()]])\n"
                    "print('TEXTES', [o for o in gc.get_objects() if isinstance(o, str) and 'ASSERT' in o.upper()"
                    " and ('_np' in o or 'faux' in o)][:20])"}, 6, None),
    # The grader's environment (a gradebook URL with its password, a token…) never reaches the copy.
    "environnement": ({"reponse_q3": Q3 + "\nimport os\nprint('ENV', dict(os.environ))\n"
                       "for chemin in ('/proc/self/environ', '/proc/1/environ', f'/proc/{os.getppid()}/environ'):\n"
                       "    try:\n        print('ENV', chemin, open(chemin, 'rb').read())\n"
                       "    except OSError as e:\n        print('ENV', chemin, e)"}, 6, None),
    # Signals to every process it can find (the tests, the grader): only its own are reachable.
    "tueuse": ({"reponse_q3": Q3 + "\nimport os, signal\nfor pid in range(1, 5000):\n"
                "    if pid != os.getpid():\n        try:\n            os.kill(pid, signal.SIGKILL)\n"
                "        except OSError:\n            pass\nos.kill(-1, signal.SIGSTOP)"}, 6, None),
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


def sorties_texte(racine: Path, apprenante: str, module: str = MODULE, *, tests: bool = True) -> str:
    """The text of a graded notebook's outputs (``tests=False``: the copy's own cells only)."""
    notebook = nbformat.read(racine / "autograded" / apprenante / module / "exercice.ipynb", as_version=4)
    morceaux = []
    for cellule in notebook.cells:
        meta = cellule.metadata.get("nbgrader", {})
        if not tests and meta.get("grade") and not meta.get("solution"):
            continue
        for sortie in cellule.get("outputs", []):
            morceaux.append(str(sortie.get("text", "")) + str(sortie.get("evalue", ""))
                            + str(sortie.get("data", {}).get("text/plain", "")))
    return "\n".join(morceaux)


def deposer(racine: Path, module: str, apprenante: str, notebook, fichiers: dict | None = None) -> None:
    cible = racine / "submitted" / apprenante / module
    cible.mkdir(parents=True)
    nbformat.write(notebook, cible / "exercice.ipynb")
    for relatif, contenu in (fichiers or {}).items():
        (cible / relatif).parent.mkdir(parents=True, exist_ok=True)
        (cible / relatif).write_text(contenu, encoding="utf-8")


def distribuee_de(racine: Path, module: str):
    return nbformat.read(racine / "exercises" / module / "exercice.ipynb", as_version=4)


def avec_reponses(notebook, **reponses: str):
    notebook = copy.deepcopy(notebook)
    for cellule in notebook.cells:
        grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in reponses:
            cellule.source = reponses[grade_id]
    return notebook


# 10_feedback: Q1 scores 0.5 per label (a partial score); Q2 a's pre-check runs the SBI analyser.
MOITIE = ('classement = {"A": "sbi_complet", "B": "jugement", "C": "en_public", '
          '"D": "generalisation", "E": "vague", "F": "jugement", "G": "vague", "H": "jugement"}')
MAUVAIS_SBI = 'reecriture_1 = """Hugo, tu es toujours en retard, tu te moques complètement de nos délais."""'
COHORTE_10 = {
    "partielle": {"reponse_q1": MOITIE},
    # A display formatter that prints every float as -1, and %precision 0.
    "formateur-negatif": {"reponse_q1": MOITIE + "\nip = get_ipython()\nip.display_formatter.formatters["
                          "'text/plain'].for_type(float, lambda o, p, cycle: p.text('-1'))\n%precision 0"},
    # Every expression displayed, a display hook fed a full score, a numpy scalar formatter.
    "interactivite": {"reponse_q1": MOITIE + "\nip = get_ipython()\nip.ast_node_interactivity = 'all'\n"
                      "import numpy\nip.display_formatter.formatters['text/plain'].for_type("
                      "numpy.float64, lambda o, p, c: p.text('4.0'))\nip.displayhook(4.0)\n4.0"},
    "precontrole-honnete": {"reponse_q1": MOITIE, "reponse_q2a": MAUVAIS_SBI},
    # The pre-check's interpreter and JSON reader replaced by the copy.
    "precontrole-triche": {"reponse_q1": MOITIE, "reponse_q2a": MAUVAIS_SBI + "\nimport sys, json\n"
                           "sys.executable = '/bin/true'\n"
                           "json.loads = lambda *a, **k: {'complet': True, 'remarques': []}\n"
                           "import obm.feedback\nobm.feedback.analyser_sbi = lambda t: type('V', (), "
                           "{'complet': True, 'en_dict': lambda s: {'complet': True, 'remarques': []}})()"},
}

# Two copies graded at the same moment, each looking for the other's folder for a few seconds.
CURIEUSE = r"""
import glob, os, time
moi = os.path.realpath(os.getcwd())
open("marque-{nom}", "w").write("ici")
debut, vues, ecrits, miennes = time.time(), set(), [], 0
while time.time() - debut < 4:
    for motif in ("/tmp/obm-*/*/marque-*", "/tmp/*/*/marque-*", os.path.dirname(moi) + "/*/marque-*",
                  "/proc/*/cwd/marque-*", "/proc/*/root/tmp/obm-*/*/marque-*", "/dev/shm/marque-*"):
        for chemin in glob.glob(motif):
            if os.path.realpath(chemin).startswith(moi + os.sep):
                miennes += 1
            else:
                vues.add(chemin)
    for dossier in glob.glob("/tmp/obm-*/*") + glob.glob(os.path.dirname(moi) + "/*") + glob.glob("/proc/*/cwd"):
        if os.path.isdir(dossier) and os.path.realpath(dossier) != moi:
            vues.add(dossier)
            try:
                with open(os.path.join(dossier, "intrusion-{nom}"), "w") as f:
                    f.write("{nom}")
                ecrits.append(dossier)
            except OSError:
                pass
    time.sleep(0.05)
print("INTERVALLE", debut, time.time())
print("MIENNES", miennes)
print("AUTRES", sorted(vues), "ECRITS", ecrits)
"""


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

    distribuee = distribuee_de(racine, MODULE)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    deposer(racine, MODULE, VOISINE, copie(distribuee, corrigee, {"reponse_q2": FAUX_Q2}, racine))
    for nom, (remplacements, _, _) in CAS.items():
        deposer(racine, MODULE, nom, copie(distribuee, corrigee, remplacements, racine),
                remplacements.get("_fichiers"))
    dix = distribuee_de(racine, "10_feedback")
    for apprenante, reponses in COHORTE_10.items():
        deposer(racine, "10_feedback", apprenante, avec_reponses(dix, **reponses))

    # The neighbour is graded first, alone: her grades and files must survive the hostile run.
    code, _, erreurs = obm(racine, "corriger", MODULE, "--apprenante", VOISINE)
    assert code == 0, erreurs
    voisine_avant = {k: v for k, v in notes(racine, MODULE).items() if k[0] == VOISINE}
    fichiers_voisine = empreinte(racine / "submitted" / VOISINE)
    soumis_avant = empreinte(racine / "submitted")

    # A secret in the grader's environment during the run (a gradebook password, a token).
    os.environ["OBM_JETON_DE_TEST"] = SECRET
    try:
        code, sortie, erreurs = obm(racine, "corriger", MODULE, "--jobs", "2")
    finally:
        del os.environ["OBM_JETON_DE_TEST"]
    assert code == 0, erreurs

    code10, sortie10, erreurs10 = obm(racine, "corriger", "10_feedback", "--jobs", "2")
    assert code10 == 0, erreurs10
    soumis_apres = empreinte(racine / "submitted")

    # Two curious copies, alone in their run: two workers, so both at the same moment.
    for nom in ("curieuse-a", "curieuse-b"):
        deposer(racine, MODULE, nom, copie(distribuee, corrigee,
                                           {"reponse_q3": Q3 + CURIEUSE.replace("{nom}", nom)}, racine))
    code2, sortie2, erreurs2 = obm(racine, "corriger", MODULE, "--jobs", "2",
                                   "--apprenante", "curieuse-a", "--apprenante", "curieuse-b")
    assert code2 == 0, erreurs2
    return {"racine": racine, "sortie": sortie, "notes": notes(racine, MODULE),
            "voisine_avant": voisine_avant, "fichiers_voisine": fichiers_voisine,
            "soumis_avant": soumis_avant, "soumis_apres": soumis_apres, "sortie10": sortie10, "notes10": notes(racine, "10_feedback"),
            "sortie_curieuses": sortie2}


def total(hostile, apprenante: str) -> float:
    return sum(v or 0 for (a, _), v in hostile["notes"].items() if a == apprenante)


@pytest.mark.parametrize("apprenante", list(CAS))
def test_copie_hostile(hostile, apprenante):
    """Does each hostile copy get exactly the points its answers are worth, with a French reason for
    the trainer where there is one, while the neighbour's grades and files stay as they were?"""
    _, attendu, mots = CAS[apprenante]
    assert total(hostile, apprenante) == attendu, sorties_texte(hostile["racine"], apprenante)[-1500:]
    raisons = a_verifier(hostile["sortie"])
    if mots is None:
        assert apprenante not in raisons, raisons.get(apprenante)
    else:
        assert apprenante in raisons, f"{apprenante} absente du bloc « Copies à vérifier : »"
        if apprenante == "fourche" and _groupe_pids(2) is None:
            pytest.fail("pas de groupe de contrôle « pids » : la limite de processus n'est pas appliquée")
        for mot in mots:
            assert mot in raisons[apprenante], raisons[apprenante]
    # Nobody else is touched: the neighbour keeps her grades and her files, honest copies 6/6.
    voisine = {k: v for k, v in hostile["notes"].items() if k[0] == VOISINE}
    assert voisine == hostile["voisine_avant"] and sum(voisine.values()) == 4
    assert empreinte(hostile["racine"] / "submitted" / VOISINE) == hostile["fichiers_voisine"]
    assert total(hostile, "honnete") == 6


def test_soumissions_jamais_modifiees(hostile):
    """Are submitted/ files byte-for-byte what the learners handed in, after the hostile run?"""
    assert hostile["soumis_apres"] == hostile["soumis_avant"]


def test_espionne_ne_voit_ni_n_ecrit_rien(hostile):
    """Does the spying copy see no hidden test, solution, gradebook or other copy, and write nothing?"""
    texte = sorties_texte(hostile["racine"], "espionne")
    assert "VU:" not in texte and "ECRIT:" not in texte and "EFFACE:" not in texte, texte[-1500:]
    assert b"sabotage" not in (oc.RACINE / "src" / "obm" / "verifier.py").read_bytes()


def test_aucune_ligne_des_tests_dans_les_sorties_de_la_copie(hostile):
    """Hooks, history, output cache, memory: nothing the copy prints holds a hidden-test line (its
    process never receives a test cell)."""
    from obm.correction.retours import lignes_cachees

    source = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    cachees = {l for l in lignes_cachees([c.source for c in source.cells]) if len(l) > 12}
    assert cachees
    for apprenante in CAS:
        texte = sorties_texte(hostile["racine"], apprenante, tests=False)
        fuites = [l for l in cachees if l in texte]
        assert not fuites, (apprenante, fuites)
    assert "HISTOIRE" in sorties_texte(hostile["racine"], "historique", tests=False)
    assert "FUITE" in sorties_texte(hostile["racine"], "crochets", tests=False)  # its hook did run


def test_fichiers_de_la_copie_jamais_executes(hostile):
    """A startup file, a package shadowing obm and modules shadowing the standard library, shipped
    with the copy: none of them runs, in the copy's process or in the tests'."""
    assert "PIEGE" not in sorties_texte(hostile["racine"], "fichiers-pieges")


def test_environnement_de_la_correctrice_jamais_transmis(hostile):
    """A secret in the grader's environment (a gradebook URL, a token) never reaches a copy."""
    texte = sorties_texte(hostile["racine"], "environnement")
    assert "ENV" in texte and "OBM_HOME" in texte  # not vacuous: the environment was printed
    for apprenante in CAS:
        assert SECRET not in sorties_texte(hostile["racine"], apprenante), apprenante


def test_deux_copies_en_meme_temps_ne_se_voient_pas(hostile):
    """Two copies graded at the same moment look for each other's folder for 4 s: each sees only its
    own, writes nowhere else, and both keep their points."""
    intervalles = {}
    for nom in ("curieuse-a", "curieuse-b"):
        texte = sorties_texte(hostile["racine"], nom)
        assert total(hostile | {"notes": notes(hostile["racine"], MODULE)}, nom) == 6, texte[-1000:]
        assert "AUTRES [] ECRITS []" in texte, texte[-1500:]
        assert int(re.search(r"MIENNES (\d+)", texte).group(1)) > 0  # the search does find its own
        debut, fin = map(float, re.search(r"INTERVALLE (\S+) (\S+)", texte).groups())
        intervalles[nom] = (debut, fin)
    (a0, a1), (b0, b1) = intervalles.values()
    assert a0 < b1 and b0 < a1, f"les deux copies n'ont pas tourné en même temps : {intervalles}"
    assert a_verifier(hostile["sortie_curieuses"]) == {}


def test_sortie_inondee_coupee(hostile):
    """Is a flooding cell's output cut near the limit, so the graded notebook stays small?"""
    chemin = hostile["racine"] / "autograded" / "sortie-inondee" / MODULE / "exercice.ipynb"
    assert chemin.stat().st_size < 20 * LIMITES["sortie_cellule_ko"] * 1024


def test_limites_dites_dans_le_retour(hostile):
    """Does the learner's feedback say, in French, which limit stopped her cell or which answer
    could not be graded?"""
    code, _, erreurs = obm(hostile["racine"], "retours", MODULE)
    assert code == 0, erreurs
    for apprenante, mot in (("boucle-infinie", "limite de 6 s"), ("sortie-inondee", "64 Kio"),
                            ("noyau-tue", "noyau Python s'est arrêté"),
                            ("numpy-remplace", "fait maison")):
        pages = list((hostile["racine"] / "feedback" / apprenante / MODULE).glob("*.html"))
        assert pages, apprenante
        texte = pages[0].read_text(encoding="utf-8").replace("&#39;", "'").replace("&#x27;", "'")
        assert mot in texte, (apprenante, mot)


def test_note_partielle_non_truquee(hostile):
    """Float printers, %precision, every expression displayed, a fed display hook: the partial score
    stays the honest half answer's."""
    q1 = {a: v for (a, nom), v in hostile["notes10"].items() if nom == "q1_reconnaitre"}
    assert q1["partielle"] == 2.0
    assert q1["formateur-negatif"] == q1["interactivite"] == q1["partielle"]


def test_precontrole_non_truque(hostile):
    """The SBI pre-check runs in the test process: a copy that swaps the interpreter, the JSON
    reader or the analyser in its own process still fails it with a feedback that is not SBI."""
    q2a = {a: v for (a, nom), v in hostile["notes10"].items() if nom == "q2a_precontrole"}
    assert q2a["precontrole-honnete"] == 0
    assert q2a["precontrole-triche"] == 0
