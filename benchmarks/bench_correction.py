"""make bench-grading : `obm corriger --jobs 2` contre `nbgrader autograde` (séquentiel), module par module.

Pour chaque module publié qui a un exercice (ou ceux donnés par --module), 40 copies (le corrigé,
des réponses fausses typiques, des copies à moitié faites, des copies vierges : des copies bien
formées), corrigées deux fois dans deux cours identiques : une fois par
`nbgrader autograde MODULE --force` tel quel (son préprocesseur Execute, un noyau par copie, sans
bac à sable), une fois par `obm corriger MODULE --jobs 2` (le moteur « réponses comme données »,
bac à sable, limites, comme en vrai). Affiche les deux temps (démarrage des commandes compris),
leur rapport (objectif ≤ 0,15 sur 03_retroplanning, sur la machine à 2 cœurs du projet), le
temps processeur de chaque outil (tous les processus qu'il lance, interpréteur chaud et copies
sous bubblewrap compris, comptés par un groupe cpuacct en root sous Linux ; ailleurs, seulement
les processus attendus), la charge moyenne de la machine au début et à la fin, et vérifie que les
notes sont identiques, cellule par cellule.

    python benchmarks/bench_correction.py [--module 03_retroplanning ...] [--copies 40] [--jobs 2]
                                          [--tours 1] [--profil]

--profil : en plus, le temps par copie vu de l'intérieur (moteur, pipeline de nbgrader, carnet),
mesuré sur une correction à un seul processus (voir la fin de ce fichier).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
OBJECTIFS = {"03_retroplanning": 0.15}
PROFILS = ["corrige", "mutant", "mutant", "moitie", "corrige", "mutant", "vierge", "mutant"]


def environnement(home: Path) -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["OBM_HOME"] = str(home)
    env.pop("OBM_GRADEBOOK_URL", None)
    env.setdefault("MPLBACKEND", "agg")
    return env


# The reference is plain nbgrader: its own Execute, no sandbox (the course's nbgrader_config.py
# puts obm's engine in its place).
NBGRADER_PUR = """
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
"""


def modules_publies() -> list[str]:
    sys.path.insert(0, str(RACINE / "src"))
    from obm.syllabus import charger

    return [m.id for m in charger().publies if (RACINE / "solutions" / m.id).is_dir()]


def preparer_cours(dossier: Path, module: str, env: dict, nbgrader_pur: bool = False) -> Path:
    cours = dossier
    cours.mkdir(parents=True)
    config = (RACINE / "nbgrader_config.py").read_text(encoding="utf-8")
    (cours / "nbgrader_config.py").write_text(config + (NBGRADER_PUR if nbgrader_pur else ""),
                                               encoding="utf-8")
    for nom in ("solutions", "course", "data"):
        (cours / nom).symlink_to(RACINE / nom, target_is_directory=True)
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", module, "--force",
                    "--log-level=ERROR"], cwd=cours, env=env, check=True, capture_output=True)
    return cours


def deposer_copies(cours: Path, module: str, nombre: int) -> None:
    import nbformat

    from obm.correction.demo import copie_fictive, mutants_du_module

    tirage = random.Random(40)
    mutants = mutants_du_module(RACINE, module)
    for chemin in sorted((cours / "exercises" / module).glob("*.ipynb")):
        distribuee = nbformat.read(chemin, as_version=4)
        corrigee = nbformat.read(RACINE / "solutions" / module / chemin.name, as_version=4)
        for numero in range(nombre):
            copie = copie_fictive(distribuee, corrigee, PROFILS[numero % len(PROFILS)], tirage, mutants,
                                  numero, chemin.name)
            dossier = cours / "submitted" / f"apprenante-{numero:02d}" / module
            dossier.mkdir(parents=True, exist_ok=True)
            nbformat.write(copie, dossier / chemin.name)


def notes(cours: Path) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook' / 'gradebook.db'}") as carnet:
        return {(a.name, s.student.id, nb.name, g.name): (g.auto_score, g.needs_manual_grade)
                for a in carnet.assignments for s in a.submissions
                for nb in s.notebooks for g in nb.grades}


CPUACCT = Path("/sys/fs/cgroup/cpuacct")


def _groupe_cpu() -> Path | None:
    """A fresh cgroup-v1 cpuacct group (root, Linux), or None: it counts the CPU of every process
    the command starts, including those no one waits for (the engine's warm interpreter runs
    under bubblewrap, whose processes the command's own accounting may not see)."""
    if not (CPUACCT / "cgroup.procs").exists() or not os.access(CPUACCT, os.W_OK):
        return None
    groupe = CPUACCT / f"obm-bench-{os.getpid()}-{time.monotonic_ns()}"
    try:
        groupe.mkdir()
    except OSError:
        return None
    return groupe


def _retirer_groupe(groupe: Path) -> None:
    for _ in range(50):
        try:
            groupe.rmdir()
            return
        except OSError:  # processes still leaving
            time.sleep(0.1)


def chronometrer(commande: list[str], cours: Path, env: dict) -> tuple[float, float, str]:
    """Wall time, and CPU time of the whole process tree: a cpuacct group where the machine has
    one (every process the command started), otherwise the processes it waited for."""
    import resource

    groupe = _groupe_cpu()
    entrer = None
    if groupe is not None:
        procs = str(groupe / "cgroup.procs")

        def entrer():
            with open(procs, "w") as fichier:
                fichier.write(str(os.getpid()))

    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    debut = time.perf_counter()
    sortie = subprocess.run(commande, cwd=cours, env=env, capture_output=True, text=True,
                            preexec_fn=entrer)
    duree = time.perf_counter() - debut
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (apres.ru_utime - avant.ru_utime) + (apres.ru_stime - avant.ru_stime)
    if groupe is not None:
        time.sleep(0.2)  # the warm interpreters stop with their workers
        cpu = int((groupe / "cpuacct.usage").read_text()) / 1e9
        _retirer_groupe(groupe)
    if sortie.returncode != 0:
        sys.exit(f"Échec de {' '.join(commande)} :\n{sortie.stdout[-3000:]}\n{sortie.stderr[-3000:]}")
    return duree, cpu, sortie.stdout


def mesurer(module: str, arguments, dossier: Path) -> tuple[float, float, int]:
    env = environnement(dossier / "obm_home")
    sequentiel = preparer_cours(dossier / "sequentiel", module, env, nbgrader_pur=True)
    parallele = preparer_cours(dossier / "parallele", module, env)
    deposer_copies(sequentiel, module, arguments.copies)
    deposer_copies(parallele, module, arguments.copies)
    print(f"{module} : {arguments.copies} copies ; charge moyenne au départ "
          f"{os.getloadavg()[0]:.2f}.", flush=True)
    commande_nbgrader = [sys.executable, "-m", "nbgrader", "autograde", module, "--force",
                         "--log-level=ERROR"]
    commande_obm = [sys.executable, "-m", "obm.correction.cli", "corriger", module,
                    "--jobs", str(arguments.jobs)]
    # Rounds in A B B A order, so that a load that rises or falls during the run (other
    # programs on the machine) weighs the same on both.
    temps = {"nbgrader": [], "obm": []}
    processeur = {"nbgrader": 0.0, "obm": 0.0}
    for tour in range(arguments.tours):
        ordre = ["nbgrader", "obm"] if tour % 2 == 0 else ["obm", "nbgrader"]
        for outil in ordre:
            if outil == "nbgrader":
                duree, cpu, _ = chronometrer(commande_nbgrader, sequentiel, env)
            else:
                duree, cpu, sortie_obm = chronometrer(commande_obm, parallele, env)
                bloc = sortie_obm[sortie_obm.rfind("Copies à vérifier :"):].strip()
                if bloc != "Copies à vérifier : aucune":
                    print("  " + bloc.replace("\n", "\n  "))
            temps[outil].append(duree)
            processeur[outil] += cpu
    t_nbgrader, t_obm = sum(temps["nbgrader"]), sum(temps["obm"])
    detail = lambda liste: " + ".join(f"{t:.1f}" for t in liste)  # noqa: E731
    n = arguments.tours * arguments.copies
    print(f"  nbgrader autograde (séquentiel) : {t_nbgrader:6.1f} s  ({detail(temps['nbgrader'])}) ; "
          f"processeur {processeur['nbgrader']:6.1f} s ({processeur['nbgrader'] / n:.2f} s par copie)")
    print(f"  obm corriger --jobs {arguments.jobs}           : {t_obm:6.1f} s  ({detail(temps['obm'])}) ; "
          f"processeur {processeur['obm']:6.1f} s ({processeur['obm'] / n:.2f} s par copie)")
    rapport = t_obm / t_nbgrader
    objectif = OBJECTIFS.get(module)
    verdict = "" if objectif is None else (f" (objectif ≤ {objectif}) "
                                           + ("ok" if rapport <= objectif else "AU-DESSUS DE L’OBJECTIF"))
    par_copie = t_obm / arguments.tours / arguments.copies
    print(f"  rapport des temps : {rapport:.3f}{verdict} ; {par_copie:.2f} s par copie avec obm ; "
          f"rapport des temps processeur {processeur['obm'] / processeur['nbgrader']:.3f} ; "
          f"charge moyenne à la fin {os.getloadavg()[0]:.2f}")
    a, b = notes(sequentiel), notes(parallele)
    differences = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    total = sum(s for s, _ in a.values() if s)
    print(f"  notes : {len(a)} cellules notées, {total:g} points au total ; "
          f"{'identiques' if not differences else f'{len(differences)} DIFFÉRENCE(S)'}", flush=True)
    for cle in differences[:10]:
        print(f"    {cle} : nbgrader {a.get(cle)} / obm {b.get(cle)}")
    if arguments.profil:
        profiler(parallele, module)
    return t_nbgrader, t_obm, len(differences)


def profiler(cours: Path, module: str) -> None:
    """Where the time of one copy goes: the engine's share, nbgrader's pipeline, the gradebook."""
    code = f"""
import cProfile, pstats, io, os, sys, time
import concurrent.futures as _cf


class _EnLigne:
    # The workers' pool replaced by this process itself, so that cProfile sees one copy's whole
    # path (the warm interpreter stays a separate process: its share shows as the engine's calls).
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        if initializer is not None:
            initializer(*initargs)

    def submit(self, fonction, *args, **kwargs):
        futur = _cf.Future()
        try:
            futur.set_result(fonction(*args, **kwargs))
        except BaseException as erreur:
            futur.set_exception(erreur)
        return futur

    def shutdown(self, wait=True):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


_cf.ProcessPoolExecutor = _EnLigne
_sortie = os.dup(1)  # the worker's set-up sends fds 1 and 2 to the grading log
from obm.correction.commun import charger_cours
from obm.correction import parallele
cours = charger_cours({str(cours)!r})
# warm: one full run first (interpreter start, imports), then the measured one
parallele.corriger(cours, {module!r}, processus=1, progression=io.StringIO())
profil = cProfile.Profile()
debut = time.perf_counter()
profil.enable()
bilan = parallele.corriger(cours, {module!r}, processus=1, progression=io.StringIO())
profil.disable()
n = len(bilan.copies)
os.dup2(_sortie, 1)
sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
print(f"  profil : {{(time.perf_counter() - debut) / n:.3f}} s par copie, un seul processus (cumul par appel, par copie) :")
stats = pstats.Stats(profil)
for motif, libelle in [
    ("corriger_une_copie", "une copie, dans le processus de correction"),
    ("deroulement.py:.*executer", "  le moteur : les cellules de la copie et les tests"),
    ("client.py:.*copie\\\\b", "  le moteur : forker et isoler les deux processus"),
    ("client.py:.*fermer", "  le moteur : arrêter les deux processus"),
    ("execution.py:.*cellules_du_carnet", "  le carnet : cellules de test et verrouillées"),
    ("converters/base.py:.*convert_single_notebook", "  nbgrader : lire, nettoyer, écrire le notebook"),
    ("saveautogrades.py:.*preprocess", "  nbgrader : enregistrer les notes"),
    ("overwritecells.py:.*preprocess", "  nbgrader : rétablir les cellules verrouillées"),
    ("savecells.py:.*preprocess", "  nbgrader : lire les cellules du carnet"),
    ("autograde.py:.*init_assignment", "  nbgrader : inscrire la copie au carnet"),
    ("fusion.py:.*fusionner", "fusion dans le carnet principal (processus principal)"),
]:
    import re
    total = sum(v[3] for k, v in stats.stats.items()
                if re.search(motif, f"{{k[0]}}:{{k[2]}}"))
    print(f"    {{libelle:<55}} {{total / n:.3f}} s")
sys.stdout.flush()
"""
    env = environnement(cours / "obm_home")
    sortie = subprocess.run([sys.executable, "-c", code], cwd=cours, env=env, capture_output=True,
                            text=True)
    print(sortie.stdout.rstrip() or sortie.stderr[-2000:], flush=True)


def main() -> int:
    analyseur = argparse.ArgumentParser(description="Correction par le moteur contre nbgrader séquentiel.")
    analyseur.add_argument("--module", action="append", help="module(s) à mesurer (par défaut : "
                                                             "tous les modules publiés)")
    analyseur.add_argument("--copies", type=int, default=40)
    analyseur.add_argument("--jobs", type=int, default=2)
    analyseur.add_argument("--tours", type=int, default=1,
                           help="nombre de mesures de chaque outil, dans l'ordre A B B A")
    analyseur.add_argument("--profil", action="store_true",
                           help="mesure aussi où va le temps d'une copie (un seul processus)")
    arguments = analyseur.parse_args()
    modules = arguments.module or modules_publies()
    print(f"Machine : {os.cpu_count()} cœurs ; modules : {', '.join(modules)}.", flush=True)
    resultats = {}
    for module in modules:
        with tempfile.TemporaryDirectory(prefix="obm-bench-correction-") as temporaire:
            resultats[module] = mesurer(module, arguments, Path(temporaire))
    print("\nRésumé :")
    for module, (t_nbgrader, t_obm, differences) in resultats.items():
        print(f"  {module:<20} nbgrader {t_nbgrader:6.1f} s · obm {t_obm:6.1f} s · rapport "
              f"{t_obm / t_nbgrader:.3f} · {'notes identiques' if not differences else 'DIFFÉRENCES'}")
    return 1 if any(d for _, _, d in resultats.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
