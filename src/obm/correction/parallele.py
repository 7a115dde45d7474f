"""``obm corriger MODULE`` : la correction automatique des copies, en parallèle, par nbgrader.

Comment (la piste de nbgrader #174 : des processus séparés, des carnets séparés, puis une fusion) :

1. Le processus principal sauvegarde le carnet, y inscrit le module s'il le faut, puis écrit un
   *gabarit* : un petit carnet SQLite qui ne contient que le module (notebooks, cellules notées,
   sources des cellules verrouillées).
2. Chaque copie est corrigée dans un processus de travail par le convertisseur ``Autograde`` de
   nbgrader lui-même (nettoyage, remise en place des cellules, exécution, notes), réglé comme
   ``nbgrader autograde`` par ``nbgrader_config.py`` ; seule différence : son carnet est une copie
   privée du gabarit. Aucun processus de travail n'ouvre le carnet principal.
3. Le processus principal, seul à écrire dans le carnet principal, y recopie au fil de l'eau les
   notes, commentaires et horodatages de chaque copie, avec les règles de ``SaveAutoGrades``.

Un seul écrivain : le carnet principal ne peut pas être « verrouillé » par la correction, quel
que soit le nombre de processus. Les processus de travail naissent par ``fork`` du processus
principal, nbgrader déjà importé (un serveur ``forkserver`` si le processus a des fils). L'exécution des notebooks reste celle de nbgrader (son
préprocesseur ``Execute``, à sa place dans ``Autograde.autograde_preprocessors``) : c'est la
pièce à remplacer pour aller plus vite, sans toucher à l'orchestration ci-dessous.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.commun import (AVERTISSEMENT_SANS_BAC, JOURNAL, PREFIXE_JOURNAL, Cours,
                                   JournalNbgrader, bac_a_sable_actif, bac_a_sable_coupe,
                                   charger_cours, chemin_court, format_points,
                                   message_sans_bac_a_sable, module_existe, url_lisible)
from obm.erreurs import DonneesInvalides, ErreurOBM


class CorrectionRefusee(ErreurOBM):
    """La correction ne peut pas tourner ici sans mettre la machine en danger."""

ENTETE_A_VERIFIER = "Copies à vérifier :"
# A submitted notebook larger than this is not read (an exercise weighs well under 1 Mio).
TAILLE_MAX_NOTEBOOK = 50 * 1024**2


# --- The result of one submission ------------------------------------------------------------

@dataclass
class Copie:
    """Le résultat de la correction d'une copie."""

    apprenante: str
    notee: bool
    raison: str | None = None          # why the submission could not be graded
    alertes: list[str] = field(default_factory=list)  # graded, but worth a look
    points: float | None = None
    maximum: float | None = None
    a_noter_a_la_main: int = 0
    duree: float = 0.0

    @property
    def a_verifier(self) -> str | None:
        """La raison, en français, de regarder cette copie (ou None)."""
        if not self.notee:
            return self.raison
        return " ; ".join(self.alertes) or None


@dataclass
class BilanCorrection:
    module: str
    copies: list[Copie]
    duree: float
    processus: int
    url: str
    sauvegarde: Path
    journal: Path
    bac_a_sable: bool = True

    def texte(self, racine: Path | None = None) -> str:
        """Le bilan à afficher ; il finit par le bloc « Copies à vérifier : »."""
        notees = sum(c.notee for c in self.copies)
        lignes = [] if self.bac_a_sable else [AVERTISSEMENT_SANS_BAC, ""]
        lignes += [
            f"Correction de {self.module} : {notees} copie(s) notée(s) sur {len(self.copies)} "
            f"en {self.duree:.0f} s, avec {self.processus} processus.",
            f"Carnet de notes : {url_lisible(self.url)}",
            f"Sauvegarde d'avant la correction : {chemin_court(self.sauvegarde, racine)}",
            f"Journal de nbgrader : {chemin_court(self.journal, racine)}",
            "",
        ]
        largeur = max(len(c.apprenante) for c in self.copies)
        for copie in self.copies:
            if not copie.notee:
                detail = "pas notée (voir ci-dessous)"
            else:
                detail = f"{format_points(copie.points)} / {format_points(copie.maximum)} points"
                if copie.a_noter_a_la_main:
                    detail += f" ({copie.a_noter_a_la_main} réponse(s) à noter à la main)"
            lignes.append(f"  {copie.apprenante:<{largeur}}  {detail}")
        lignes.append("")
        a_verifier = [(c.apprenante, c.a_verifier) for c in self.copies if c.a_verifier]
        if a_verifier:
            lignes.append(ENTETE_A_VERIFIER)
            lignes += [f"- {apprenante} : {raison}" for apprenante, raison in a_verifier]
        else:
            lignes.append(f"{ENTETE_A_VERIFIER} aucune")
        return "\n".join(lignes)


# --- Progress bar ------------------------------------------------------------------------------

class Progression:
    """Une barre de progression en texte, sur la sortie d'erreur, avec le temps restant estimé."""

    def __init__(self, total: int, titre: str, flux=None, largeur: int = 24):
        self.total, self.titre, self.largeur = total, titre, largeur
        self.flux = sys.stderr if flux is None else flux
        self.faites = 0
        self.debut = time.monotonic()
        self.interactif = hasattr(self.flux, "isatty") and self.flux.isatty()
        self._afficher()

    @staticmethod
    def _duree(secondes: float) -> str:
        secondes = int(round(secondes))
        return f"{secondes // 60} min {secondes % 60:02d} s" if secondes >= 60 else f"{secondes} s"

    def ligne(self) -> str:
        plein = self.largeur * self.faites // max(self.total, 1)
        barre = "#" * plein + "." * (self.largeur - plein)
        ecoule = time.monotonic() - self.debut
        texte = f"{self.titre} [{barre}] {self.faites}/{self.total} · {self._duree(ecoule)}"
        if 0 < self.faites < self.total:
            reste = ecoule / self.faites * (self.total - self.faites)
            texte += f" · reste ≈ {self._duree(reste)}"
        elif self.faites == 0:
            texte += " · reste : estimation après la première copie"
        return texte

    def _afficher(self) -> None:
        if self.interactif:
            self.flux.write("\r" + self.ligne() + "\x1b[K")
            if self.faites == self.total:
                self.flux.write("\n")
        else:
            self.flux.write(self.ligne() + "\n")
        self.flux.flush()

    def avancer(self) -> None:
        self.faites += 1
        self._afficher()


# --- Worker side -------------------------------------------------------------------------------

@dataclass
class _Tache:
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


def _initialiser_processus(journal: str, environnement: dict) -> None:
    """Dans chaque processus de travail : l'environnement du processus principal (les noyaux en
    héritent), et la sortie (celle des noyaux comprise) dans le journal."""
    import warnings

    os.environ.clear()
    os.environ.update(environnement)
    # Python's default warning filters, whatever -W flags the main process got: nbgrader must
    # run as `nbgrader autograde` does (an SQLAlchemy warning in nbgrader is not an error).
    warnings.resetwarnings()
    for categorie in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter("ignore", categorie)
    descripteur = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(descripteur, 1)
    os.dup2(descripteur, 2)
    os.close(descripteur)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False, buffering=1)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)


def _source_distribuee(source: str) -> str:
    """Ce que l'apprenante reçoit d'une cellule verrouillée : la source sans les tests cachés."""
    lignes, cache = [], False
    for ligne in source.split("\n"):
        if "BEGIN HIDDEN TESTS" in ligne:
            cache = True
        elif "END HIDDEN TESTS" in ligne:
            cache = False
        elif not cache:
            lignes.append(ligne)
    return "\n".join(lignes)


def _texte(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def _cellules_modifiees(notebook: dict, sources: dict) -> list[str]:
    """Les cellules verrouillées dont l'apprenante a changé le texte (nbgrader les rétablit).

    ``notebook`` est le JSON du notebook rendu ; verrouillée au sens de nbgrader : une cellule de
    note qui n'est pas une réponse, ou une cellule marquée ``locked``.
    """
    modifiees = []
    for cellule in notebook.get("cells", []):
        meta = cellule.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        verrouillee = not meta.get("solution") and (meta.get("grade") or meta.get("locked"))
        if grade_id in sources and verrouillee:
            attendu = _source_distribuee(sources[grade_id])
            if _texte(cellule.get("source", "")).strip() != attendu.strip():
                modifiees.append(grade_id)
    return modifiees


_ALERTES = [
    (re.compile(r"Missing grade cell (\S+) encountered"),
     "cellule de note {0} supprimée dans la copie : remise en place avant la correction"),
    (re.compile(r"Cell with id '(.+)' exists multiple times"),
     "cellule {0} en double dans la copie (copiée-collée ?) : une seule a été gardée"),
    (re.compile(r"Cell '(.+)' does not exist in the database"),
     "cellule {0} inconnue du module dans la copie : ignorée"),
    (re.compile(r"Attribute '(?:cell_type|locked|points)' for cell (\S+) has changed"),
     "réglages de la cellule {0} modifiés dans la copie : rétablis avant la correction"),
    (re.compile(r"No submitted file: .*?([^/\\]+\.ipynb)$"),
     "{0} manque dans la copie : 0 point pour ce notebook"),
    (re.compile(r"Skipping unknown notebook: .*?([^/\\]+\.ipynb)$"),
     "notebook {0} inconnu du module : pas corrigé (garde le nom du notebook distribué)"),
]

# Kernel start-up failures that a second try usually fixes (a busy machine, a port taken).
_PASSAGERS = ("Kernel didn't respond", "Kernel died before replying to kernel_info",
              "Address already in use")

_ECHECS = [
    (_PASSAGERS,
     "le noyau Python n'a pas démarré, deux fois (machine trop chargée ?) : relance la "
     "correction de cette copie avec --apprenante"),
    (("DeadKernelError", "Kernel died"),
     "le noyau Python s'est arrêté pendant l'exécution (plantage ou mémoire épuisée) : copie non notée"),
    (("UnresponsiveKernelError", "kernel became unresponsive"),
     "le noyau Python ne répondait plus, même après interruption (boucle infinie ?) : copie non notée"),
    (("No notebooks found", "No notebooks were matched"),
     "aucun notebook du module dans la copie (garde le nom du notebook distribué) : copie non notée"),
    (("SchemaTooOld", "SchemaTooNew", "metadata format"),
     "les métadonnées nbgrader de la copie viennent d'une autre version : copie non notée"),
    (("NotJSONError", "ValidationError", "does not appear to be JSON"),
     "fichier illisible : ce n'est pas un notebook valide ; demande-lui de le renvoyer"),
]


def _alertes(messages: list[str]) -> list[str]:
    alertes = []
    for message in messages:
        for motif, texte in _ALERTES:
            trouve = motif.search(message.strip())
            if trouve:
                alerte = texte.format(*trouve.groups())
                if alerte not in alertes:
                    alertes.append(alerte)
    return alertes


def _raison_echec(messages: list[str], journal: str) -> str:
    tout = "\n".join(messages)
    for indices, texte in _ECHECS:
        if any(indice in tout for indice in indices):
            return texte
    # Otherwise the last exception line of nbgrader's traceback says what went wrong.
    exceptions = [l.strip() for l in tout.splitlines()
                  if re.match(r"^[A-Za-z_][\w.]*(Error|Exception)\b", l.strip())]
    cause = exceptions[-1][:160] if exceptions else "erreur sans message"
    return f"le correcteur nbgrader a échoué ({cause}) : voir le journal {journal}"


# Limits a submission can hit inside a cell, read from the graded notebooks' error outputs.
_LIMITES_CELLULES = [
    (lambda s: s.get("ename") == "CellTimeoutError", "arrêtée(s) à la limite de {temps} s (boucle infinie ?)"),
    (lambda s: s.get("ename") == "MemoryError", "arrêtée(s) : mémoire épuisée (limite de {memoire} Mio)"),
    (lambda s: "File too large" in str(s.get("evalue", "")),
     "arrêtée(s) : fichier trop gros (limite de {fichier} Mio par fichier)"),
    (lambda s: s.get("ename") == "BlockingIOError" or "Resource temporarily unavailable" in str(s.get("evalue", "")),
     "arrêtée(s) : trop de processus lancés (limite de {processus})"),
]


def _depassements(dossier: Path, limites: dict) -> list[str]:
    """Les cellules arrêtées par une limite (temps, mémoire, fichiers, processus), lues dans les
    notebooks corrigés ; une phrase par limite atteinte."""
    touchees: dict[str, list[str]] = {}
    for chemin in sorted(dossier.glob("*.ipynb")):
        try:
            notebook = json.loads(chemin.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        for numero, cellule in enumerate(notebook.get("cells", []), start=1):
            for sortie in cellule.get("outputs", []):
                if sortie.get("output_type") != "error":
                    continue
                for test, texte in _LIMITES_CELLULES:
                    if test(sortie):
                        nom = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"n° {numero}"
                        if nom not in touchees.setdefault(texte, []):
                            touchees[texte].append(nom)
                        break
    return [f"{'cellules' if len(noms) > 1 else 'cellule'} {', '.join(noms)} "
            f"{texte.format(**limites)} : zéro sur ces cellules" for texte, noms in touchees.items()]


def _cours_du_processus(racine: str) -> Cours:
    if racine not in _COURS_DU_PROCESSUS:
        _COURS_DU_PROCESSUS[racine] = charger_cours(racine)
    return _COURS_DU_PROCESSUS[racine]


def corriger_une_copie(tache: _Tache) -> dict:
    """Corrige une copie avec l'Autograde de nbgrader, contre un carnet privé ; renvoie ses résultats.

    Tourne dans un processus de travail : n'ouvre jamais le carnet principal.
    """
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.converters import Autograde, NbGraderException

    from obm.correction.execution import ExecutionSurveillee

    debut = time.perf_counter()
    cours = _cours_du_processus(tache.racine)
    prive = Path(tache.dossier_travail) / f"copie-{tache.numero}.db"
    shutil.copyfile(tache.gabarit, prive)
    url = f"sqlite:///{prive}"
    course_id = cours.course_id
    resultat = {"apprenante": tache.apprenante, "notee": False, "raison": None, "alertes": [],
                "horodatage": None, "notes": [], "commentaires": [], "penalites": {},
                "soumis": [], "duree": 0.0}
    journal = JournalNbgrader("autograde")
    try:
        with Gradebook(url, course_id) as carnet:
            carnet.add_student(tache.apprenante, **tache.etudiante)
            if tache.extension is not None:
                carnet.add_submission(tache.module, tache.apprenante, extension=tache.extension)
            sources = {nb.name: {c.name: c.source for c in nb.source_cells}
                       for nb in carnet.find_assignment(tache.module).notebooks}

        dossier = cours.dossier("submitted") / tache.apprenante / tache.module

        def non_notee(raison: str) -> dict:
            # Not graded, but the submission time is still recorded.
            resultat["horodatage"] = cours.coursedir().get_existing_timestamp(str(dossier))
            resultat["raison"] = raison
            return resultat

        resultat["soumis"] = sorted(p.stem for p in dossier.glob("*.ipynb"))
        if not resultat["soumis"]:
            trouves = sorted(p.name for p in dossier.iterdir() if p.is_file())[:5]
            attendus = ", ".join(f"{nom}.ipynb" for nom in sources) or "le notebook distribué"
            return non_notee("aucun notebook (.ipynb) dans la copie"
                             + (f" (fichiers trouvés : {', '.join(trouves)})" if trouves else "")
                             + f" : copie non notée ; demande-lui de renvoyer {attendus}")
        for nom in resultat["soumis"]:
            taille = (dossier / f"{nom}.ipynb").stat().st_size
            if taille > TAILLE_MAX_NOTEBOOK:
                # Not read at all: a huge file would fill the grader's memory.
                return non_notee(f"fichier trop gros : {nom}.ipynb pèse {taille / 1024**2:.0f} Mio "
                                 f"(plus de {TAILLE_MAX_NOTEBOOK // 1024**2} Mio) ; demande-lui de "
                                 "le renvoyer sans les sorties (Édition › Effacer toutes les sorties)")
            try:
                notebook = json.loads((dossier / f"{nom}.ipynb").read_text(encoding="utf-8"))
                if not isinstance(notebook, dict):
                    raise ValueError("not a notebook")
            except (ValueError, UnicodeDecodeError):
                # nbgrader would stop on this file too.
                return non_notee(f"fichier illisible : {nom}.ipynb n'est pas un notebook "
                                 "valide ; demande-lui de le renvoyer")
            if isinstance(notebook.get("nbformat"), int) and notebook["nbformat"] < 4:
                import nbformat

                resultat["alertes"].append(f"{nom}.ipynb est au format {notebook['nbformat']} (ancien "
                                           "Jupyter) : converti au format 4 pour la correction ; "
                                           "vérifie la copie")
                try:
                    notebook = nbformat.reads(json.dumps(notebook), as_version=4)
                except Exception:  # noqa: BLE001 - nbgrader will say what is wrong with it
                    notebook = {"cells": []}
            for grade_id in _cellules_modifiees(notebook, sources.get(nom, {})):
                resultat["alertes"].append(f"cellule verrouillée {grade_id} modifiée dans la copie : "
                                           "rétablie avant la correction")

        config = cours.config_modifiable()
        config.BaseConverter.force = True
        if tache.sans_bac_a_sable:
            config.ExecutionSurveillee.bac_a_sable = "non"
        coursedir = cours.coursedir(config, db_url=url, student_id=tache.apprenante,
                                    assignment_id=tache.module)
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
        resultat["alertes"] += [a for a in _alertes(messages) if a not in resultat["alertes"]]
        if resultat["notee"]:
            execution = ExecutionSurveillee(config=config)
            limites = {"temps": execution.timeout, "memoire": execution.memoire_mo,
                       "fichier": execution.fichier_mo, "processus": execution.processus}
            resultat["alertes"] += [a for a in _depassements(cours.dossier("autograded") / tache.apprenante
                                                             / tache.module, limites)
                                    if a not in resultat["alertes"]]
        else:
            resultat["raison"] = _raison_echec(messages, tache.journal)
            if resultat["raison"].startswith("aucun notebook du module") and resultat["soumis"]:
                trouves = ", ".join(f"{nom}.ipynb" for nom in resultat["soumis"][:5])
                resultat["raison"] += f" ; trouvé : {trouves}"
            resultat["passager"] = any(indice in m for m in messages for indice in _PASSAGERS)
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
        prive.unlink(missing_ok=True)
        resultat["duree"] = time.perf_counter() - debut


# --- Main process: merge into the one gradebook -----------------------------------------------

def _fusionner(carnet, module: str, resultat: dict) -> None:
    """Recopie dans le carnet principal ce qu'Autograde a écrit dans le carnet privé.

    Mêmes règles que nbgrader : l'apprenante est créée si besoin, l'horodatage de la copie est
    repris, la note manuelle déjà posée n'est jamais écrasée (la cellule repasse alors « à
    revoir », comme avec ``SaveAutoGrades``).
    """
    import warnings

    from sqlalchemy.exc import SAWarning

    apprenante = resultat["apprenante"]
    with warnings.catch_warnings():
        # nbgrader's add_submission triggers a harmless SQLAlchemy autoflush warning.
        warnings.simplefilter("ignore", SAWarning)
        carnet.update_or_create_student(apprenante)
        if resultat["horodatage"] is not None:
            carnet.update_or_create_submission(module, apprenante, timestamp=resultat["horodatage"])
        else:
            carnet.update_or_create_submission(module, apprenante)
    if not resultat["notee"]:
        return
    soumis = set(resultat["soumis"])
    for notebook, cellule, auto, a_revoir in resultat["notes"]:
        note = carnet.find_grade(cellule, notebook, module, apprenante)
        note.auto_score = auto
        # SaveAutoGrades: an existing manual score puts the cell back to review; a notebook
        # missing from the submission is set to zero without review.
        note.needs_manual_grade = bool(a_revoir or (notebook in soumis and note.manual_score is not None))
    for notebook, cellule, auto in resultat["commentaires"]:
        if notebook in soumis:
            carnet.find_comment(cellule, notebook, module, apprenante).auto_comment = auto
    for notebook, penalite in resultat["penalites"].items():
        if notebook in soumis:
            carnet.find_submission_notebook(notebook, module, apprenante).late_submission_penalty = penalite
    carnet.db.commit()


def _completer(carnet, module: str, copie: Copie) -> None:
    from nbgrader.api import MissingEntry

    try:
        soumission = carnet.find_submission(module, copie.apprenante)
    except MissingEntry:
        return
    copie.maximum = soumission.max_score
    if copie.notee:
        copie.points = soumission.score
        copie.a_noter_a_la_main = sum(n.needs_manual_grade for nb in soumission.notebooks
                                      for n in nb.grades)


def _resultat(futur, tache: _Tache, essais: dict[str, int]) -> dict | None:
    """Le résultat d'une copie, ou None s'il faut la relancer (processus de travail mort)."""
    from concurrent.futures.process import BrokenProcessPool

    echec = {"apprenante": tache.apprenante, "notee": False, "alertes": [], "horodatage": None,
             "duree": 0.0}
    try:
        return futur.result()
    except BrokenProcessPool:
        essais[tache.apprenante] = essais.get(tache.apprenante, 0) + 1
        if essais[tache.apprenante] < 2:
            return None
        return echec | {"raison": "le processus de correction s'est arrêté brutalement, deux "
                                  "fois : copie non notée"}
    except Exception as erreur:  # noqa: BLE001 - keep the batch going
        return echec | {"raison": f"erreur inattendue ({type(erreur).__name__} : {erreur})"}


def _contexte_processus():
    """Comment lancer les processus de travail.

    ``fork`` quand ce processus n'a qu'un fil d'exécution (la commande ``obm``) : les processus
    de travail naissent avec nbgrader déjà importé. Sinon (dans un programme qui a des fils,
    où ``fork`` peut bloquer) un serveur ``forkserver`` qui importe nbgrader une fois.
    """
    import multiprocessing
    import threading

    methodes = multiprocessing.get_all_start_methods()
    if "fork" in methodes and threading.active_count() == 1:
        import nbgrader.converters  # noqa: F401 - imported once here, inherited by every worker

        return multiprocessing.get_context("fork")
    if "forkserver" in methodes:
        contexte = multiprocessing.get_context("forkserver")
        contexte.set_forkserver_preload(["obm.correction.parallele", "nbgrader.converters",
                                         "nbgrader.api", "nbformat"])
        return contexte
    return multiprocessing.get_context("spawn")


def _balayer_temporaires(age: float = 6 * 3600) -> None:
    """Supprime les dossiers de travail laissés par une correction tuée (plus vieux que ``age`` s) :
    ils contiennent des copies d'apprenantes."""
    racine = Path(tempfile.gettempdir())
    for dossier in [d for motif in ("obm-corriger-*", "obm-copie-*", "obm-moteur-*")
                    for d in racine.glob(motif)]:
        try:
            if time.time() - dossier.stat().st_mtime > age:
                shutil.rmtree(dossier, ignore_errors=True)
        except OSError:
            pass


def _reglage_bac_a_sable(cours: Cours) -> str:
    reglages = cours.config.get("ExecutionSurveillee", {}) if hasattr(cours.config, "get") else {}
    return str(reglages.get("bac_a_sable", "auto"))


def copies_du_module(cours: Cours, module: str) -> list[str]:
    """Les apprenantes qui ont une copie du module dans ``submitted/``."""
    dossier = cours.dossier("submitted")
    if not dossier.is_dir():
        return []
    return sorted(d.name for d in dossier.iterdir() if (d / module).is_dir())


def corriger(cours: Cours, module: str, *, processus: int | None = None,
             apprenantes: list[str] | None = None, progression=None,
             sans_bac_a_sable: bool = False) -> BilanCorrection:
    """Corrige toutes les copies du module (ou celles des ``apprenantes`` données) et renvoie le bilan.

    ``processus`` : nombre de copies corrigées en même temps (par défaut, le nombre de cœurs).
    ``progression`` : le flux où écrire la barre de progression (par défaut la sortie d'erreur).
    ``sans_bac_a_sable`` : corriger sans isolement (copies de confiance seulement) ; sinon, pas
    de bac à sable, pas de correction.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from nbgrader.api import MissingEntry

    from obm.correction.carnet import gabarit_module, sauvegarder
    from obm.correction.publication import inscrire_module

    debut = time.monotonic()
    module_existe(cours, module)
    toutes = copies_du_module(cours, module)
    if apprenantes:
        inconnues = sorted(set(apprenantes) - set(toutes))
        if inconnues:
            raise DonneesInvalides(
                f"Pas de copie de {module} dans submitted/ pour : {', '.join(inconnues)}. "
                "Importe-les d'abord avec « obm importer »."
            )
        toutes = [a for a in toutes if a in set(apprenantes)]
    if not toutes:
        raise DonneesInvalides(
            f"Aucune copie du module {module} dans {cours.dossier('submitted')} : importe d'abord "
            f"les copies avec « obm importer SOURCE --module {module} »."
        )
    reglage = "non" if sans_bac_a_sable else _reglage_bac_a_sable(cours)
    sandbox = bac_a_sable_actif(reglage)
    if not sandbox:
        if not bac_a_sable_coupe(reglage):
            raise CorrectionRefusee(message_sans_bac_a_sable())
        sans_bac_a_sable = True
        print(AVERTISSEMENT_SANS_BAC, file=sys.stderr, flush=True)
    contexte = _contexte_processus()
    if contexte.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        # The fork server imports nbgrader while this process backs up the gradebook.
        forkserver.ensure_running()
    _balayer_temporaires()
    dossier_carnet = cours.racine / "gradebook"
    dossier_carnet.mkdir(exist_ok=True)
    url = cours.db_url
    inscrire_module(cours, module)
    sauvegarde = sauvegarder(url, dossier_carnet, f"corriger-{module}")
    journal = dossier_carnet / f"journal-corriger-{module}.log"
    journal.write_text(f"obm corriger {module} — {time.strftime('%Y-%m-%d %H:%M:%S')}\n",
                       encoding="utf-8")
    processus = max(1, min(processus or os.cpu_count() or 1, len(toutes)))

    with tempfile.TemporaryDirectory(prefix="obm-corriger-") as travail:
        gabarit = Path(travail) / "gabarit.db"
        gabarit_module(url, module, gabarit)
        taches = []
        with cours.carnet() as carnet:
            etudiantes = {e.id: e for e in carnet.students}
            for numero, apprenante in enumerate(toutes):
                etudiante = etudiantes.get(apprenante)
                infos = {}
                if etudiante is not None:
                    infos = {"first_name": etudiante.first_name, "last_name": etudiante.last_name,
                             "email": etudiante.email, "lms_user_id": etudiante.lms_user_id}
                extension = None
                try:
                    extension = carnet.find_submission(module, apprenante).extension
                except MissingEntry:  # not graded before: no extension granted
                    pass
                taches.append(_Tache(str(cours.racine), module, apprenante, numero, str(gabarit),
                                     travail, infos, extension, str(journal), sans_bac_a_sable))

        copies: dict[str, Copie] = {}
        barre = Progression(len(taches), f"Correction {module}", progression)
        essais: dict[str, int] = {}
        restantes = list(taches)
        sys.stdout.flush()  # nothing buffered here may be written twice by a forked worker
        while restantes:
            with ProcessPoolExecutor(max_workers=min(processus, len(restantes)),
                                     mp_context=contexte, initializer=_initialiser_processus,
                                     initargs=(str(journal), dict(os.environ))) as executeur:
                en_cours = {executeur.submit(corriger_une_copie, t): t for t in restantes}
                restantes = []
                # Opened once the workers exist: none of them inherits a gradebook connection.
                with cours.carnet() as carnet:
                    while en_cours:
                        faits, _ = wait(en_cours, return_when=FIRST_COMPLETED)
                        for futur in faits:
                            tache = en_cours.pop(futur)
                            resultat = _resultat(futur, tache, essais)
                            if resultat is None:  # a worker died: retry with a fresh pool
                                restantes.append(tache)
                                continue
                            if resultat.get("passager") and essais.get(tache.apprenante, 0) < 1:
                                # The kernel did not start (busy machine): one more try.
                                essais[tache.apprenante] = 1
                                try:
                                    en_cours[executeur.submit(corriger_une_copie, tache)] = tache
                                except RuntimeError:  # the pool broke meanwhile
                                    restantes.append(tache)
                                continue
                            _fusionner(carnet, module, resultat)
                            copie = Copie(tache.apprenante, resultat["notee"], resultat["raison"],
                                          resultat["alertes"], duree=resultat["duree"])
                            _completer(carnet, module, copie)
                            copies[tache.apprenante] = copie
                            barre.avancer()
    return BilanCorrection(module, [copies[a] for a in toutes], time.monotonic() - debut,
                           processus, url, sauvegarde, journal, bac_a_sable=sandbox)
