"""Configuration nbgrader de l'Académie OBM.

Les chemins sont relatifs à ce fichier : la racine du cours est le dossier qui le contient.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (fourni par nbgrader au chargement)

racine = Path(__file__).resolve().parent

c.CourseDirectory.root = str(racine)
c.CourseDirectory.course_id = "academie-obm"
# Une seule source par exercice : solutions/ ; exercises/ en est la version distribuée.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# Le carnet de notes : SQLite par défaut, dans gradebook/ (ignoré par git).
# Pour une académie plus grande, mettre ici (ou dans OBM_GRADEBOOK_URL) une URL SQLAlchemy,
# par exemple "postgresql+psycopg://obm@127.0.0.1:5432/gradebook".
_url = os.environ.get("OBM_GRADEBOOK_URL")
if not _url:
    (racine / "gradebook").mkdir(exist_ok=True)
    _url = f"sqlite:///{racine / 'gradebook' / 'gradebook.db'}"
c.CourseDirectory.db_url = _url

# Les bouts de code et de texte qui remplacent les solutions dans la version distribuée.
# `...` est une instruction valide partout (même dans le corps d'une fonction) : un exercice
# non touché s'exécute jusqu'au bout, et chaque vérification y dit « pas encore fait ».
c.ClearSolutions.code_stub = {"python": "# TON CODE ICI\n..."}
c.ClearSolutions.text_stub = "TA RÉPONSE ICI"

# Fichiers que les notebooks écrivent en s'exécutant (agenda .ics…) : jamais dans une version
# distribuée ni recopiés d'une copie rendue.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.ics"]

# L'exécution des copies pendant la correction : le moteur « réponses comme données » d'obm, à la
# place du préprocesseur Execute de nbgrader (la copie et les tests dans deux processus isolés,
# forkés d'un interpréteur chaud, sous bubblewrap ; voir src/obm/correction/execution.py).
c.Autograde.autograde_preprocessors = [
    "obm.correction.execution.ExecutionSurveillee",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Temps maximal d'exécution d'une cellule pendant la correction (secondes).
c.ExecutePreprocessor.timeout = 30
# Les limites d'une copie (les valeurs ci-dessous sont celles par défaut) :
c.ExecutionSurveillee.memoire_mo = 2048        # mémoire d'un processus de copie, en Mio
c.ExecutionSurveillee.processus = 48           # processus (groupe de contrôle « pids » sous Linux)
c.ExecutionSurveillee.processeur_s = 600       # temps processeur d'une copie, en secondes
c.ExecutionSurveillee.fichier_mo = 100         # taille d'un fichier écrit, en Mio
c.ExecutionSurveillee.duree_notebook_s = 300   # durée d'exécution d'un notebook, en secondes
c.ExecutionSurveillee.sortie_cellule_ko = 1024  # sorties d'une cellule, en Kio
c.ExecutionSurveillee.sortie_notebook_mo = 32  # sorties de tout le notebook, en Mio
c.ExecutionSurveillee.tmp_mo = 256             # /tmp privé d'une copie, en Mio
# « auto » : bubblewrap obligatoire (pas de bac à sable, pas de correction) ; « non » : sans
# isolement, limites seules, pour des copies de confiance (voir le README).
c.ExecutionSurveillee.bac_a_sable = "auto"

# Une cellule de note supprimée par l'apprenante est remise en place plutôt que laissée
# « à corriger à la main ».
c.OverwriteCells.add_missing_cells = True
# Le texte mis en tête d'une cellule remise en place : l'apprenante le lit dans son retour.
c.OverwriteCells.missing_cell_notification = (
    "Cette cellule (id : {cell_id}) manquait dans ta copie : elle a été remise en place "
    "avant la correction.\n\n"
)

# Le bouton Validate (côté apprenante) : il liste chaque question encore « pas encore fait » ou
# « à revoir » et ne dit jamais « Success » avant (réglages sous c.Validator seulement : la
# correction n'en dépend pas ; voir src/obm/validation_copie.py).
from obm.validation_copie import configurer_validation  # noqa: E402

configurer_validation(c)
