"""Le processus de travail d'``obm corriger`` : il corrige une copie à la fois avec le convertisseur
``Autograde`` de nbgrader lui-même (nettoyage, remise en place des cellules, exécution par le
moteur, notes), réglé comme ``nbgrader autograde`` par ``nbgrader_config.py``. Seule différence :
son carnet est une copie privée du gabarit du module, une par processus ; il n'ouvre jamais le
carnet principal.

Pour aller plus vite sans rien changer aux notes : le carnet privé écrit sans attendre le disque
(il est jetable), et les moteurs SQLAlchemy que nbgrader crée à chaque ouverture du carnet sont
partagés dans le processus (leurs requêtes compilées servent d'une copie à l'autre).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from obm.correction.commun import (AVERTISSEMENT_SANS_BAC, JOURNAL, PREFIXE_JOURNAL, Cours,
                                   JournalNbgrader, charger_cours)
from obm.correction.signalements import (PASSAGERS, alertes, cellules_modifiees, depassements,
                                         raison_echec)

# A submitted notebook larger than this is not read (an exercise weighs well under 1 Mio).
TAILLE_MAX_NOTEBOOK = 50 * 1024**2


@dataclass
class Tache:
    racine: str
    module: str
    apprenante: str
    numero: int
    gabarit: str
    dossier_travail: str
    etudiante: dict
    extension: object  # datetime.timedelta | None
    journal: str
    sans_bac_a_sable: bool = False


_COURS_DU_PROCESSUS: dict[str, Cours] = {}
_SOURCES_DU_PROCESSUS: dict[tuple, dict] = {}


def initialiser_processus(journal: str, environnement: dict, racine: str | None = None,
                          sans_bac_a_sable: bool = False) -> None:
    """Dans chaque processus de travail : l'environnement du processus principal (les noyaux en
    héritent), la sortie (celle des noyaux comprise) dans le journal, et, avec ``racine``,
    l'interpréteur chaud du moteur démarré tout de suite (voir :func:`demarrer_le_moteur`)."""
    import warnings

    os.environ.clear()
    os.environ.update(environnement)
    # Python's default warning filters, whatever -W flags the main process got: nbgrader must
    # run as `nbgrader autograde` does (an SQLAlchemy warning in nbgrader is not an error).
    warnings.resetwarnings()
    for categorie in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter("ignore", categorie)
    carnet_prive_rapide()
    metadonnees_verifiees_une_fois()
    descripteur = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(descripteur, 1)
    os.dup2(descripteur, 2)
    os.close(descripteur)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False, buffering=1)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)
    if racine is not None:
        demarrer_le_moteur(racine, sans_bac_a_sable)


def demarrer_le_moteur(racine: str, sans_bac_a_sable: bool) -> None:
    """Démarre l'interpréteur chaud de ce processus de travail avec les réglages que la
    correction de ses copies lui demandera (``serveur_partage`` le retrouvera) : ses imports
    (plus d'une seconde) se font pendant que le processus principal sauvegarde le carnet et écrit
    le gabarit. S'il ne démarre pas, la première copie réessaie et dit pourquoi."""
    try:
        from obm.correction.commun import bac_a_sable_actif
        from obm.correction.execution import ExecutionSurveillee
        from obm.correction.moteur.client import serveur_partage

        config = _cours_du_processus(racine).config_modifiable()
        if sans_bac_a_sable:
            config.ExecutionSurveillee.bac_a_sable = "non"
        execution = ExecutionSurveillee(config=config)
        serveur_partage(racine_cours=execution._racine_cours(),
                        bac_a_sable=bac_a_sable_actif(execution.bac_a_sable), limites=execution.limites())
    except Exception:  # noqa: BLE001 - the first copy starts it again and reports the reason
        pass


def carnet_prive_rapide() -> None:
    """Dans un processus de travail : son carnet privé (une copie jetable du gabarit, nommée
    ``travailleur-*.db``) écrit sans attendre le disque (``PRAGMA synchronous=OFF``), et les
    moteurs SQLAlchemy que nbgrader crée à chaque ``Gradebook(...)`` sont partagés par URL : les
    requêtes qu'ils compilent servent d'une ouverture du carnet à l'autre. Le carnet principal
    n'est jamais ouvert ici."""
    import nbgrader.api
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _reglages(connexion, _enregistrement):
        if not type(connexion).__module__.startswith("sqlite3"):
            return
        curseur = connexion.cursor()
        try:
            fichiers = [ligne[2] for ligne in curseur.execute("PRAGMA database_list")]
            if fichiers and fichiers[0] and Path(fichiers[0]).name.startswith("travailleur-"):
                curseur.execute("PRAGMA synchronous=OFF")
        finally:
            curseur.close()

    moteurs: dict = {}

    def moteur_partage(url, **options):
        cle = (str(url), tuple(sorted(options.items())))
        if cle not in moteurs:
            moteurs[cle] = create_engine(url, **options)
        return moteurs[cle]

    nbgrader.api.create_engine = moteur_partage

    # Each Gradebook(...) also checks every table of the schema (create_all): a dozen openings per
    # copy. The private gradebook's tables exist once the first check is done: later ones skip it.
    creer_tables = nbgrader.api.Base.metadata.create_all
    faits: set[str] = set()

    def tables_une_fois(bind=None, **options):
        url = getattr(bind, "url", None)
        prive = url is not None and Path(str(url.database or "")).name.startswith("travailleur-")
        if prive and str(url) in faits:
            return
        creer_tables(bind=bind, **options)
        if prive:
            faits.add(str(url))

    nbgrader.api.Base.metadata.create_all = tables_une_fois


def metadonnees_verifiees_une_fois() -> None:
    """nbgrader vérifie les métadonnées de chaque cellule de chaque copie avec
    ``jsonschema.validate``, qui revérifie le schéma et construit un validateur à chaque appel.
    Ici le schéma est vérifié et compilé une fois par processus de travail (``fastjsonschema``) ;
    une cellule que le validateur compilé refuse repasse par ``jsonschema.validate`` lui-même :
    mêmes erreurs, mêmes messages que nbgrader."""
    import fastjsonschema
    import jsonschema
    from nbgrader.nbgraderformat import common

    compiles: dict[int, tuple] = {}

    def valider(instance, schema):
        cle = id(schema)
        if cle not in compiles or compiles[cle][0] is not schema:
            jsonschema.validators.validator_for(schema).check_schema(schema)
            compiles[cle] = (schema, fastjsonschema.compile(schema, use_default=False))
        try:
            compiles[cle][1](instance)
        except fastjsonschema.JsonSchemaException:
            jsonschema.validate(instance, schema)

    class _Jsonschema:
        validate = staticmethod(valider)
        ValidationError = jsonschema.ValidationError

    common.jsonschema = _Jsonschema


def _cours_du_processus(racine: str) -> Cours:
    if racine not in _COURS_DU_PROCESSUS:
        _COURS_DU_PROCESSUS[racine] = charger_cours(racine)
    return _COURS_DU_PROCESSUS[racine]


def corriger_une_copie(tache: Tache) -> dict:
    """Corrige une copie avec l'Autograde de nbgrader, contre un carnet privé ; renvoie ses résultats.

    Tourne dans un processus de travail : n'ouvre jamais le carnet principal.
    """
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.converters import Autograde, NbGraderException

    from obm.correction.execution import ExecutionSurveillee
    from obm.correction.fichiers_surs import copie_a_corriger

    debut = time.perf_counter()
    cours = _cours_du_processus(tache.racine)
    # One private gradebook per worker process, copied from the template at its first copy.
    prive = Path(tache.dossier_travail) / f"travailleur-{os.getpid()}.db"
    if not prive.exists():
        shutil.copyfile(tache.gabarit, prive)
    url = f"sqlite:///{prive}"
    course_id = cours.course_id
    resultat = {"apprenante": tache.apprenante, "notee": False, "raison": None, "alertes": [],
                "horodatage": None, "notes": [], "commentaires": [], "penalites": {},
                "soumis": [], "duree": 0.0}
    journal = JournalNbgrader("autograde")
    try:
        with Gradebook(url, course_id) as carnet:
            carnet.update_or_create_student(tache.apprenante, **tache.etudiante)
            if tache.extension is not None:
                carnet.update_or_create_submission(tache.module, tache.apprenante,
                                                   extension=tache.extension)
            cle = (tache.gabarit, tache.module)
            if cle not in _SOURCES_DU_PROCESSUS:
                _SOURCES_DU_PROCESSUS[cle] = {nb.name: {c.name: c.source for c in nb.source_cells}
                                              for nb in carnet.find_assignment(tache.module).notebooks}
            sources = _SOURCES_DU_PROCESSUS[cle]

        # What the grader reads: a copy of submitted/ without links, hidden files or Python code.
        depot, dossier, resultat["alertes"] = copie_a_corriger(cours, tache.module, tache.apprenante,
                                                              tache.dossier_travail, tache.numero)

        def non_notee(raison: str) -> dict:
            # Not graded, but the submission time is still recorded.
            resultat["horodatage"] = cours.coursedir().get_existing_timestamp(str(dossier))
            resultat["raison"] = raison
            # No stale graded copy left for the formgrader to grade by hand: it is « non notée ».
            shutil.rmtree(cours.dossier("autograded") / tache.apprenante / tache.module, ignore_errors=True)
            return resultat

        resultat["soumis"] = sorted(p.stem for p in dossier.glob("*.ipynb"))
        if not resultat["soumis"]:
            trouves = sorted(p.name for p in dossier.iterdir() if p.is_file())[:5]
            attendus = ", ".join(f"{nom}.ipynb" for nom in sources) or "le notebook distribué"
            return non_notee("aucun notebook (.ipynb) dans la copie"
                             + (f" (fichiers trouvés : {', '.join(trouves)})" if trouves else "")
                             + f" : copie non notée ; demande-lui de renvoyer {attendus}")
        for nom in resultat["soumis"]:
            taille = (dossier / f"{nom}.ipynb").stat().st_size
            if taille > TAILLE_MAX_NOTEBOOK:
                # Not read at all: a huge file would fill the grader's memory.
                return non_notee(f"fichier trop gros : {nom}.ipynb pèse {taille / 1024**2:.0f} Mio "
                                 f"(plus de {TAILLE_MAX_NOTEBOOK // 1024**2} Mio) ; demande-lui de "
                                 "le renvoyer sans les sorties (Édition › Effacer toutes les sorties)")
            try:
                notebook = json.loads((dossier / f"{nom}.ipynb").read_text(encoding="utf-8"))
                if not isinstance(notebook, dict):
                    raise ValueError("not a notebook")
            except (ValueError, UnicodeDecodeError):
                # nbgrader would stop on this file too.
                return non_notee(f"fichier illisible : {nom}.ipynb n'est pas un notebook "
                                 "valide ; demande-lui de le renvoyer")
            if isinstance(notebook.get("nbformat"), int) and notebook["nbformat"] < 4:
                import nbformat

                resultat["alertes"].append(f"{nom}.ipynb est au format {notebook['nbformat']} (ancien "
                                           "Jupyter) : converti au format 4 pour la correction ; "
                                           "vérifie la copie")
                try:
                    notebook = nbformat.reads(json.dumps(notebook), as_version=4)
                except Exception:  # noqa: BLE001 - nbgrader will say what is wrong with it
                    notebook = {"cells": []}
            for grade_id in cellules_modifiees(notebook, sources.get(nom, {})):
                resultat["alertes"].append(f"cellule verrouillée {grade_id} modifiée dans la copie : "
                                           "rétablie avant la correction")

        config = cours.config_modifiable()
        config.BaseConverter.force = True
        if tache.sans_bac_a_sable:
            config.ExecutionSurveillee.bac_a_sable = "non"
        coursedir = cours.coursedir(config, db_url=url, student_id=tache.apprenante,
                                    assignment_id=tache.module, submitted_directory=str(depot))
        convertisseur = Autograde(coursedir=coursedir, config=config)
        convertisseur.log = journal.logger
        import logging

        execution = logging.getLogger(JOURNAL)
        execution.handlers = list(journal.logger.handlers)
        execution.propagate = False
        try:
            convertisseur.start()
            resultat["notee"] = True
        except NbGraderException:
            pass
        except Exception as erreur:  # noqa: BLE001 - one broken copy must not stop the batch
            journal.logger.error("%s: %s", type(erreur).__name__, erreur)
        finally:
            execution.handlers = []
        messages = journal.messages()
        for message in messages:
            if message.startswith(PREFIXE_JOURNAL) and AVERTISSEMENT_SANS_BAC not in message:
                alerte = message[len(PREFIXE_JOURNAL):].strip()
                if alerte not in resultat["alertes"]:
                    resultat["alertes"].append(alerte)
        resultat["alertes"] += [a for a in alertes(messages) if a not in resultat["alertes"]]
        if resultat["notee"]:
            execution = ExecutionSurveillee(config=config)
            limites = {"temps": execution.timeout, "memoire": execution.memoire_mo,
                       "fichier": execution.fichier_mo, "processus": execution.processus}
            resultat["alertes"] += [a for a in depassements(cours.dossier("autograded") / tache.apprenante
                                                             / tache.module, limites)
                                    if a not in resultat["alertes"]]
        else:
            resultat["raison"] = raison_echec(messages, tache.journal)
            if resultat["raison"].startswith("aucun notebook du module") and resultat["soumis"]:
                trouves = ", ".join(f"{nom}.ipynb" for nom in resultat["soumis"][:5])
                resultat["raison"] += f" ; trouvé : {trouves}"
            resultat["passager"] = any(indice in m for m in messages for indice in PASSAGERS)
        print(f"--- {tache.apprenante} ({time.perf_counter() - debut:.1f} s) ---", *messages,
              sep="\n", flush=True)

        with Gradebook(url, course_id) as carnet:
            try:
                soumission = carnet.find_submission(tache.module, tache.apprenante)
            except MissingEntry:
                return resultat
            resultat["horodatage"] = soumission.timestamp
            for notebook in soumission.notebooks:
                resultat["penalites"][notebook.name] = notebook.late_submission_penalty
                for note in notebook.grades:
                    resultat["notes"].append((notebook.name, note.name, note.auto_score,
                                              note.needs_manual_grade))
                for commentaire in notebook.comments:
                    resultat["commentaires"].append((notebook.name, commentaire.name,
                                                     commentaire.auto_comment))
        return resultat
    finally:
        journal.fermer()
        shutil.rmtree(Path(tache.dossier_travail) / f"depot-{tache.numero}", ignore_errors=True)
        resultat["duree"] = time.perf_counter() - debut


