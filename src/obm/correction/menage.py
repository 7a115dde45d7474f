"""Le ménage des fichiers temporaires : ce qu'une correction tuée n'a pas pu effacer (des
dossiers de travail qui contiennent des copies d'apprenantes)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path


def balayer_temporaires(age: float = 6 * 3600) -> None:
    """Supprime les dossiers de travail laissés par une correction tuée (plus vieux que ``age`` s) :
    ils contiennent des copies d'apprenantes."""
    racine = Path(tempfile.gettempdir())
    for dossier in [d for motif in ("obm-corriger-*", "obm-copie-*", "obm-moteur-*")
                    for d in racine.glob(motif)]:
        try:
            if time.time() - dossier.stat().st_mtime > age:
                shutil.rmtree(dossier, ignore_errors=True)
        except OSError:
            pass
