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
# Le bouton Validate reste ; la liste des devoirs (assignment-list) aussi, quand il y a un échange.
EXTENSIONS_FORMATRICE_LAB = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                             "@jupyter/nbgrader:course-list"]
EXTENSIONS_FORMATRICE_SERVEUR = ["nbgrader.server_extensions.formgrader",
                                 "nbgrader.server_extensions.course_list"]
# Sans échange de nbgrader (un ordinateur portable), la liste des devoirs ne peut qu'afficher des
# erreurs en anglais (« Error fetching courses! ») : elle est masquée avec son menu ; le LISEZMOI
# dit comment rendre sa copie.
EXTENSIONS_ECHANGE_LAB = ["@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"]
EXTENSIONS_ECHANGE_SERVEUR = ["nbgrader.server_extensions.assignment_list"]
ECHANGE_PAR_DEFAUT = Path("/srv/nbgrader/exchange")  # nbgrader's Exchange.root by default


def desactiver_outils_formatrice(prefixe: Path | None = None,
                                 echange: Path | None = ECHANGE_PAR_DEFAUT) -> list[Path]:
    """Désactive, dans l'environnement Python courant, les outils de nbgrader de la formatrice,
    et la liste des devoirs quand le dossier d'échange ``echange`` n'existe pas.

    Écrit la configuration de JupyterLab (extensions désactivées) et du serveur Jupyter
    (extensions serveur coupées) sous ``<prefixe>/etc/jupyter`` ; renvoie les fichiers écrits.
    """
    sans_echange = echange is None or not Path(echange).is_dir()
    lab = EXTENSIONS_FORMATRICE_LAB + (EXTENSIONS_ECHANGE_LAB if sans_echange else [])
    serveur_ = EXTENSIONS_FORMATRICE_SERVEUR + (EXTENSIONS_ECHANGE_SERVEUR if sans_echange else [])
    etc = Path(prefixe or sys.prefix) / "etc" / "jupyter"
    labconfig = etc / "labconfig"
    serveur = etc / "jupyter_server_config.d"
    labconfig.mkdir(parents=True, exist_ok=True)
    serveur.mkdir(parents=True, exist_ok=True)
    page = labconfig / "page_config.json"
    config = json.loads(page.read_text(encoding="utf-8")) if page.exists() else {}
    desactivees = config.setdefault("disabledExtensions", {})
    desactivees.update({nom: True for nom in lab})
    for nom in EXTENSIONS_ECHANGE_LAB:
        if not sans_echange:
            desactivees.pop(nom, None)
    page.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    extensions = serveur / "obm-apprenante.json"
    extensions.write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {nom: False for nom in serveur_}}},
        indent=2) + "\n", encoding="utf-8")
    return [page, extensions]


def language_info() -> dict:
    """Les métadonnées ``language_info`` que le noyau Python (ipykernel) de cet environnement
    annonce à JupyterLab. Un notebook qui les porte déjà n'est pas modifié à l'ouverture
    (JupyterLab les y écrit sinon, et le notebook apparaît modifié)."""
    import platform

    return {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
            "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
            "pygments_lexer": "ipython3", "version": platform.python_version()}


def aligner_accueil(chemin: Path) -> bool:
    """Met dans ``chemin`` (la page d'accueil) le ``language_info`` du noyau de cet environnement,
    s'il diffère ; renvoie True si le fichier a été réécrit. Rien d'autre n'est touché."""
    import nbformat

    notebook = nbformat.read(chemin, as_version=4)
    if notebook.metadata.get("language_info") == language_info():
        return False
    notebook.metadata["language_info"] = language_info()
    Path(chemin).write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    return True


# La vue « apprenante » de `make lab` dans le dépôt : ni outils de formatrice, ni dossiers de
# formatrice ou d'autrice dans le navigateur de fichiers (ils restent sur le disque).
DOSSIERS_MASQUES = ["src", "tests", "outils", "benchmarks", "deploiement", "docs", "gradebook",
                    "submitted", "autograded", "feedback", "distribution", "paquet", "notes",
                    "rapport", "artefacts", "release", "source", "nbgrader_config.py", "Makefile",
                    "pyproject.toml", "constraints.txt", "environment.yml", "*.egg-info",
                    "__pycache__", "*.pyc", ".*"]


def ecrire_vue_apprenante(dossier: Path, echange: Path | None = ECHANGE_PAR_DEFAUT) -> list[Path]:
    """Écrit un dossier de configuration Jupyter (``JUPYTER_CONFIG_DIR``) pour la vue apprenante.

    ``make lab`` l'utilise : la formatrice ouvre la vue complète avec ``make lab-formatrice``.
    Sans dossier d'échange, la liste des devoirs est masquée, comme dans le paquet.
    """
    sans_echange = echange is None or not Path(echange).is_dir()
    lab = EXTENSIONS_FORMATRICE_LAB + (EXTENSIONS_ECHANGE_LAB if sans_echange else [])
    serveur_ = EXTENSIONS_FORMATRICE_SERVEUR + (EXTENSIONS_ECHANGE_SERVEUR if sans_echange else [])
    labconfig = Path(dossier) / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    page = labconfig / "page_config.json"
    page.write_text(json.dumps({"disabledExtensions": {nom: True for nom in lab}},
                               indent=2) + "\n", encoding="utf-8")
    serveur = Path(dossier) / "jupyter_server_config.json"
    serveur.write_text(json.dumps({
        "ServerApp": {"jpserver_extensions": {nom: False for nom in serveur_}},
        "ContentsManager": {"hide_globs": DOSSIERS_MASQUES},
    }, indent=2) + "\n", encoding="utf-8")
    return [page, serveur]


def configurer_garde_formgrader(dossier: Path | None = None) -> Path:
    """Active, pour la vue de la formatrice (``make lab-formatrice``), l'extension serveur
    :mod:`obm.correction.garde_formgrader` : le formgrader y refuse toute note posée sur une copie
    « non notée ». ``dossier`` : un dossier de configuration Jupyter (par défaut
    ``<sys.prefix>/etc/jupyter``) ; écrit ``jupyter_server_config.d/obm-formatrice.json``."""
    chemin = Path(dossier or Path(sys.prefix) / "etc" / "jupyter") / "jupyter_server_config.d" \
        / "obm-formatrice.json"
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {"obm.correction.garde_formgrader": True}}},
        indent=2) + "\n", encoding="utf-8")
    return chemin


CONFIG_NBGRADER_APPRENANTE = """# Écrit par « python -m obm.installation --apprenante » : le bouton Validate du cours.
from obm.validation_copie import configurer_validation

c = get_config()  # noqa: F821
configurer_validation(c)
"""


def configurer_validate(prefixe: Path | None = None) -> Path:
    """Écrit ``<prefixe>/etc/jupyter/nbgrader_config.py`` : le Validate de nbgrader y liste chaque
    question « pas encore fait » ou « à revoir » (voir :mod:`obm.validation_copie`)."""
    chemin = Path(prefixe or sys.prefix) / "etc" / "jupyter" / "nbgrader_config.py"
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(CONFIG_NBGRADER_APPRENANTE, encoding="utf-8")
    return chemin


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
    if "--apprenante" not in sys.argv[1:]:
        print(f"Formgrader : pas de note sur une copie non notée : {configurer_garde_formgrader()}")
    if "--apprenante" in sys.argv[1:]:
        for chemin in desactiver_outils_formatrice():
            print(f"Outils de la formatrice désactivés : {chemin}")
        print(f"Bouton Validate réglé pour le cours : {configurer_validate()}")
        accueil = Path.cwd() / "accueil.ipynb"
        if accueil.is_file() and aligner_accueil(accueil):
            print(f"Page d'accueil accordée à ce Python (JupyterLab ne la modifiera pas) : {accueil}")
    construire_cache_polices()
