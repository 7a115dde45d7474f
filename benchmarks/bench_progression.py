"""Le temps de `obm.progression()` pour tout le cours — objectif ≤ 1 s.

Trois mesures :
1. le cours tel qu'il est dans le dépôt (notebooks sans sorties) ;
2. un cours « plein » : les 22 modules publiés, chacun avec une leçon et un exercice exécutés
   (sorties, images du Gantt et statuts des vérifications), le pire cas d'une fin de parcours ;
3. une apprenante qui ouvre un noyau neuf : `import obm` puis `obm.progression()`, dans un
   nouveau processus (ce que fait la cellule de la page d'accueil, sans le widget).

    .venv/bin/python benchmarks/bench_progression.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
OBJECTIF = 1.0


def mediane(fonction, repetitions: int = 7) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def executer(source: Path, cible: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(source, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(source.parent)}}).execute()
    nbformat.write(notebook, cible)


def cours_plein(dossier: Path) -> Path:
    """Every module published, each with the executed lesson 03 and executed exercise 03."""
    from obm.syllabus import charger

    syllabus = (RACINE / "course" / "syllabus.toml").read_text(encoding="utf-8")
    (dossier / "course").mkdir(parents=True)
    (dossier / "course" / "syllabus.toml").write_text(
        syllabus.replace('etat = "prevu"', 'etat = "publie"'), encoding="utf-8")
    lecon, exercice = dossier / "lecon.ipynb", dossier / "exercice.ipynb"
    executer(RACINE / "course" / "modules" / "03_retroplanning" / "lecon.ipynb", lecon)
    executer(RACINE / "solutions" / "03_retroplanning" / "exercice.ipynb", exercice)
    for module in charger(dossier / "course" / "syllabus.toml").modules:
        for sous_dossier, noms, modele in (("course/modules", module.lecons, lecon),
                                           ("exercises", module.exercices, exercice)):
            (dossier / sous_dossier / module.id).mkdir(parents=True, exist_ok=True)
            for nom in noms:
                shutil.copy(modele, dossier / sous_dossier / module.id / nom)
    return dossier


def main() -> int:
    os.environ.setdefault("OBM_HOME", tempfile.mkdtemp(prefix="obm-bench-"))
    os.environ.setdefault("MPLBACKEND", "agg")
    from obm.progression import progression

    lent = 0
    t_depot = mediane(lambda: progression(RACINE))
    with tempfile.TemporaryDirectory(prefix="obm-bench-progression-") as temporaire:
        plein = cours_plein(Path(temporaire) / "cours")
        taille = sum(p.stat().st_size for p in plein.rglob("*.ipynb")) / 1e6
        resultat = progression(plein)
        publies = sum(ligne.module.publie for ligne in resultat.lignes)
        t_plein = mediane(lambda: progression(plein))
        code = "import obm; obm.progression()"
        t_froid = mediane(lambda: subprocess.run([sys.executable, "-c", code], check=True,
                                                 env={**os.environ, "OBM_COURS": str(plein)}), 5)
    print(f"obm.progression(), objectif ≤ {OBJECTIF:.0f} s (médianes) :")
    for libelle, duree in (("cours du dépôt", t_depot),
                           (f"cours plein ({publies} modules exécutés, {taille:.1f} Mo)", t_plein),
                           ("nouveau processus : import obm + progression, cours plein", t_froid)):
        ok = duree <= OBJECTIF
        lent += not ok
        print(f"  {'ok ' if ok else 'LENT'} {duree * 1000:7.1f} ms  {libelle}")
    return 1 if lent else 0


if __name__ == "__main__":
    sys.exit(main())
