"""Réglages faits une fois à l'installation : JupyterLab en français, cache des polices.

Lancé par ``make`` après ``pip install`` ; sans effet sur le dossier du cours.
"""

import json
import sys
from pathlib import Path

# Réglages par défaut de JupyterLab pour cet environnement (overrides.json) :
# l'interface en français, sans aller chercher de nouvelles sur Internet.
REGLAGES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                     "checkForUpdates": False},
}


def configurer_jupyterlab(prefixe: Path | None = None) -> Path:
    """Écrit les réglages par défaut de JupyterLab dans l'environnement Python courant."""
    dossier = Path(prefixe or sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    dossier.mkdir(parents=True, exist_ok=True)
    chemin = dossier / "overrides.json"
    existants = json.loads(chemin.read_text(encoding="utf-8")) if chemin.exists() else {}
    existants.update(REGLAGES)
    chemin.write_text(json.dumps(existants, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return chemin


def construire_cache_polices() -> None:
    """Construit le cache des polices de matplotlib maintenant, pas pendant une correction.

    Au premier import, matplotlib écrit un avertissement sur stderr pendant qu'il construit ce
    cache ; nbgrader donnerait alors 0 à la cellule de test qui l'importe.
    """
    import matplotlib

    matplotlib.use("agg")
    from matplotlib import font_manager

    font_manager.findfont("DejaVu Sans")


if __name__ == "__main__":
    print(f"JupyterLab configuré en français : {configurer_jupyterlab()}")
    construire_cache_polices()
