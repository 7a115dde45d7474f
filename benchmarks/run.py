"""make bench : les temps qui comptent pour une apprenante, mesurés (pas des tests chronométrés).

1. « Tout exécuter » de chaque leçon et de chaque exercice (corrigé) dans un noyau neuf,
   démarrage du noyau compris — objectif ≤ 5 s chacun.
2. `import obm` : médiane de 10 lancements à froid dans un nouveau processus, comparée à un
   `import pandas` seul — objectif : le surcoût d'obm ≤ 0,3 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
OBJECTIF_NOTEBOOK = 5.0
OBJECTIF_IMPORT = 0.3


def executer_notebook(chemin: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(chemin, as_version=4)
    debut = time.perf_counter()
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(chemin.parent)}}).execute()
    return time.perf_counter() - debut


def duree_import(code: str, repetitions: int = 10) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def main() -> int:
    os.environ.setdefault("OBM_HOME", tempfile.mkdtemp(prefix="obm-bench-"))
    os.environ.setdefault("MPLBACKEND", "agg")
    notebooks = sorted((RACINE / "course" / "modules").rglob("*.ipynb"))
    notebooks += sorted((RACINE / "solutions").rglob("*.ipynb"))
    depassements = 0
    print("Tout exécuter dans un noyau neuf (démarrage compris), objectif ≤ 5 s :")
    for chemin in notebooks:
        duree = executer_notebook(chemin)
        ok = duree <= OBJECTIF_NOTEBOOK
        depassements += not ok
        print(f"  {'ok ' if ok else 'LENT'} {duree:5.2f} s  {chemin.relative_to(RACINE)}")

    t_obm = duree_import("import obm")
    t_pandas = duree_import("import pandas")
    t_les_deux = duree_import("import pandas, obm")
    surcout = t_les_deux - t_pandas
    print("\nImport à froid (médiane de 10 processus) :")
    print(f"  import obm            {t_obm:.3f} s")
    print(f"  import pandas         {t_pandas:.3f} s")
    print(f"  import pandas, obm    {t_les_deux:.3f} s  → surcoût d'obm {surcout:+.3f} s "
          f"(objectif ≤ {OBJECTIF_IMPORT} s) {'ok' if surcout <= OBJECTIF_IMPORT else 'TROP LENT'}")
    print(f"  import obm − import pandas = {t_obm - t_pandas:+.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
