"""Réglages faits une fois à l'installation : JupyterLab en français, cache des polices.

Lancé par ``make`` après ``pip install`` ; sans effet sur le dossier du cours.
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


# Outils de nbgrader réservés à la formatrice : masqués dans le paquet des apprenantes.
# La liste des devoirs (assignment-list) et le bouton Validate restent.
EXTENSIONS_FORMATRICE_LAB = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                             "@jupyter/nbgrader:course-list"]
EXTENSIONS_FORMATRICE_SERVEUR = ["nbgrader.server_extensions.formgrader",
                                 "nbgrader.server_extensions.course_list"]


def desactiver_outils_formatrice(prefixe: Path | None = None) -> list[Path]:
    """Désactive, dans l'environnement Python courant, les outils de nbgrader de la formatrice.

    Écrit la configuration de JupyterLab (extensions désactivées) et du serveur Jupyter
    (extensions serveur coupées) sous ``<prefixe>/etc/jupyter`` ; renvoie les fichiers écrits.
    """
    etc = Path(prefixe or sys.prefix) / "etc" / "jupyter"
    labconfig = etc / "labconfig"
    serveur = etc / "jupyter_server_config.d"
    labconfig.mkdir(parents=True, exist_ok=True)
    serveur.mkdir(parents=True, exist_ok=True)
    page = labconfig / "page_config.json"
    config = json.loads(page.read_text(encoding="utf-8")) if page.exists() else {}
    desactivees = config.setdefault("disabledExtensions", {})
    desactivees.update({nom: True for nom in EXTENSIONS_FORMATRICE_LAB})
    page.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    extensions = serveur / "obm-apprenante.json"
    extensions.write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {nom: False for nom in EXTENSIONS_FORMATRICE_SERVEUR}}},
        indent=2) + "\n", encoding="utf-8")
    return [page, extensions]


# La vue « apprenante » de `make lab` dans le dépôt : ni outils de formatrice, ni dossiers de
# formatrice ou d'autrice dans le navigateur de fichiers (ils restent sur le disque).
DOSSIERS_MASQUES = ["src", "tests", "outils", "benchmarks", "deploiement", "docs", "gradebook",
                    "submitted", "autograded", "feedback", "distribution", "paquet", "notes",
                    "rapport", "artefacts", "release", "source", "nbgrader_config.py", "Makefile",
                    "pyproject.toml", "constraints.txt", "environment.yml", "*.egg-info",
                    "__pycache__", "*.pyc", ".*"]


def ecrire_vue_apprenante(dossier: Path) -> list[Path]:
    """Écrit un dossier de configuration Jupyter (``JUPYTER_CONFIG_DIR``) pour la vue apprenante.

    ``make lab`` l'utilise : la formatrice ouvre la vue complète avec ``make lab-formatrice``.
    """
    labconfig = Path(dossier) / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    page = labconfig / "page_config.json"
    page.write_text(json.dumps({"disabledExtensions": {nom: True for nom in EXTENSIONS_FORMATRICE_LAB}},
                               indent=2) + "\n", encoding="utf-8")
    serveur = Path(dossier) / "jupyter_server_config.json"
    serveur.write_text(json.dumps({
        "ServerApp": {"jpserver_extensions": {nom: False for nom in EXTENSIONS_FORMATRICE_SERVEUR}},
        "ContentsManager": {"hide_globs": DOSSIERS_MASQUES},
    }, indent=2) + "\n", encoding="utf-8")
    return [page, serveur]


def construire_cache_polices() -> None:
    """Construit le cache des polices de matplotlib maintenant, pas pendant une correction.

    Au premier import, matplotlib écrit un avertissement sur stderr pendant qu'il construit ce
    cache ; nbgrader donnerait alors 0 à la cellule de test qui l'importe.
    """
    import matplotlib

    matplotlib.use("agg")
    from matplotlib import font_manager

    font_manager.findfont("DejaVu Sans")


if __name__ == "__main__":
    print(f"JupyterLab configuré en français : {configurer_jupyterlab()}")
    vue = Path(sys.prefix) / "etc" / "obm-vue-apprenante"
    for chemin in ecrire_vue_apprenante(vue):
        print(f"Vue apprenante de make lab : {chemin}")
    if "--apprenante" in sys.argv[1:]:
        for chemin in desactiver_outils_formatrice():
            print(f"Outils de la formatrice désactivés : {chemin}")
    construire_cache_polices()
