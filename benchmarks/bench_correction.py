"""make bench-grading : `obm corriger --jobs 2` contre `nbgrader autograde` (séquentiel), même run.

40 copies d'un module (le corrigé, des réponses fausses typiques, des copies à moitié faites,
des copies vierges : des copies bien formées), corrigées deux fois dans deux cours identiques :
une fois par `nbgrader autograde MODULE --force` tel quel (son préprocesseur Execute, sans bac à
sable ni garde), une fois par `obm corriger MODULE --jobs 2` (bac à sable bubblewrap, limites
et garde des tests, comme en vrai).
Affiche les deux temps (démarrage des commandes compris), le rapport des temps (objectif ≤ 0,6
sur une machine à 2 cœurs) et vérifie que les notes sont identiques, cellule par cellule.

    python benchmarks/bench_correction.py [--module 03_retroplanning] [--copies 40] [--jobs 2]
                                          [--tours 2]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
OBJECTIF = 0.6
PROFILS = ["corrige", "mutant", "mutant", "moitie", "corrige", "mutant", "vierge", "mutant"]


def environnement(home: Path) -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["OBM_HOME"] = str(home)
    env.pop("OBM_GRADEBOOK_URL", None)
    env.setdefault("MPLBACKEND", "agg")
    return env


# The reference is plain nbgrader: its own Execute, no sandbox, no guard (the course's
# nbgrader_config.py puts obm's supervised executor in its place).
NBGRADER_PUR = """
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
"""


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


def chronometrer(commande: list[str], cours: Path, env: dict) -> tuple[float, str]:
    debut = time.perf_counter()
    sortie = subprocess.run(commande, cwd=cours, env=env, capture_output=True, text=True)
    duree = time.perf_counter() - debut
    if sortie.returncode != 0:
        sys.exit(f"Échec de {' '.join(commande)} :\n{sortie.stdout[-3000:]}\n{sortie.stderr[-3000:]}")
    return duree, sortie.stdout


def main() -> int:
    analyseur = argparse.ArgumentParser(description="Correction parallèle contre nbgrader séquentiel.")
    analyseur.add_argument("--module", default="03_retroplanning")
    analyseur.add_argument("--copies", type=int, default=40)
    analyseur.add_argument("--jobs", type=int, default=2)
    analyseur.add_argument("--tours", type=int, default=1,
                           help="nombre de mesures de chaque outil, dans l'ordre A B B A")
    arguments = analyseur.parse_args()
    module = arguments.module

    with tempfile.TemporaryDirectory(prefix="obm-bench-correction-") as temporaire:
        dossier = Path(temporaire)
        env = environnement(dossier / "obm_home")
        sequentiel = preparer_cours(dossier / "sequentiel", module, env, nbgrader_pur=True)
        parallele = preparer_cours(dossier / "parallele", module, env)
        deposer_copies(sequentiel, module, arguments.copies)
        deposer_copies(parallele, module, arguments.copies)
        print(f"{arguments.copies} copies de {module} ; machine : {os.cpu_count()} cœurs, "
              f"charge moyenne au départ {os.getloadavg()[0]:.2f}.", flush=True)

        commande_nbgrader = [sys.executable, "-m", "nbgrader", "autograde", module, "--force",
                             "--log-level=ERROR"]
        commande_obm = [sys.executable, "-m", "obm.correction.cli", "corriger", module,
                        "--jobs", str(arguments.jobs)]
        # Rounds in A B B A order, so that a load that rises or falls during the run (other
        # programs on the machine) weighs the same on both.
        temps = {"nbgrader": [], "obm": []}
        for tour in range(arguments.tours):
            ordre = ["nbgrader", "obm"] if tour % 2 == 0 else ["obm", "nbgrader"]
            for outil in ordre:
                if outil == "nbgrader":
                    duree, _ = chronometrer(commande_nbgrader, sequentiel, env)
                else:
                    duree, sortie_obm = chronometrer(commande_obm, parallele, env)
                    bloc = sortie_obm[sortie_obm.rfind("Copies à vérifier :"):].strip()
                    if bloc != "Copies à vérifier : aucune":
                        print("  " + bloc.replace("\n", "\n  "))
                temps[outil].append(duree)
        t_nbgrader, t_obm = sum(temps["nbgrader"]), sum(temps["obm"])
        detail = lambda liste: " + ".join(f"{t:.1f}" for t in liste)  # noqa: E731
        print(f"  nbgrader autograde (séquentiel)   : {t_nbgrader:6.1f} s  ({detail(temps['nbgrader'])})")
        print(f"  obm corriger --jobs {arguments.jobs}             : {t_obm:6.1f} s  ({detail(temps['obm'])})")
        rapport = t_obm / t_nbgrader
        print(f"  rapport des temps : {rapport:.2f} (objectif ≤ {OBJECTIF}) "
              f"{'ok' if rapport <= OBJECTIF else 'AU-DESSUS DE L’OBJECTIF'} ; charge moyenne à la "
              f"fin {os.getloadavg()[0]:.2f}")

        a, b = notes(sequentiel), notes(parallele)
        differences = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        total = sum(s for s, _ in a.values() if s)
        print(f"  notes : {len(a)} cellules notées, {total:g} points au total ; "
              f"{'identiques' if not differences else f'{len(differences)} DIFFÉRENCE(S)'}")
        for cle in differences[:10]:
            print(f"    {cle} : nbgrader {a.get(cle)} / obm {b.get(cle)}")
        return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
