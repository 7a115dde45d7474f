"""L'exécution des copies pendant la correction : le moteur « réponses comme données », à la place
du préprocesseur ``Execute`` de nbgrader.

``nbgrader_config.py`` le met dans ``Autograde.autograde_preprocessors`` : ``obm corriger``,
``nbgrader autograde`` et le bouton du formgrader passent tous par lui. Pour chaque notebook :

- les cellules de test et les cellules verrouillées sont lues dans le **carnet de notes**
  (jamais dans la copie) ;
- le moteur (``obm.correction.moteur``) exécute la copie dans un processus et les tests dans un
  autre, forkés d'un interpréteur chaud, isolés par le bac à sable (``bac_a_sable``) ; les
  réponses passent de l'un à l'autre comme données ;
- **limites** réglables (section ``ExecutionSurveillee`` de ``nbgrader_config.py``) : mémoire,
  processus, temps processeur, taille des fichiers écrits, temps par cellule
  (``ExecutePreprocessor.timeout``) et par notebook, taille des sorties. Une limite atteinte
  met une erreur en français dans la cellule (la copie garde les points gagnés avant) ;
- **barème de nbgrader** : une cellule de test qui finit sur une erreur (ou écrit sur stderr)
  vaut 0, sinon tous ses points ; une cellule de test qui finit par une expression donne une
  note partielle, qui doit être exactement un nombre entre 0 et ses points (sinon 0, avec la
  raison).

**Pas de bac à sable, pas de correction** : sans bubblewrap utilisable, la correction refuse,
sauf réglage explicite ``bac_a_sable = "non"`` (ou ``OBM_BAC_A_SABLE=non``, ce que fait
``obm corriger --sans-bac-a-sable``), réservé aux copies de confiance.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from traitlets import Integer, Unicode

from nbgrader.preprocessors import NbGraderPreprocessor

from obm.correction.commun import (AVERTISSEMENT_SANS_BAC, JOURNAL, PREFIXE_JOURNAL,
                                   bac_a_sable_actif, message_sans_bac_a_sable)
from obm.correction.moteur.deroulement import CellulesDuCarnet, Deroulement, Reglages


class CorrectionImpossible(Exception):
    """La correction ne peut pas tourner ici (pas de bac à sable, moteur indisponible)."""


def cellules_du_carnet(db_url: str, assignment: str, notebook: str,
                       source: Path | None = None) -> CellulesDuCarnet:
    """Les cellules de test (texte complet, points) et les cellules verrouillées d'un notebook,
    lues dans le carnet de notes ; l'ordre des verrouillées est celui du notebook source."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as carnet:
        cahier = carnet.find_notebook(notebook, assignment)
        notes = {c.name: (c.max_score, c.cell_type) for c in cahier.grade_cells}
        reponses = {c.name for c in cahier.solution_cells}
        sources = {c.name: (c.source, c.locked, c.cell_type) for c in cahier.source_cells}
    tests = {nom: (sources[nom][0], float(points or 0)) for nom, (points, genre) in notes.items()
             if genre == "code" and nom not in reponses and nom in sources}
    verrouillees = {nom: texte for nom, (texte, verrou, genre) in sources.items()
                    if verrou and genre == "code" and nom not in notes and nom not in reponses}
    ordre = []
    if source is not None and source.is_file():
        import nbformat

        for cellule in nbformat.read(source, as_version=4).cells:
            nom = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if nom in verrouillees:
                ordre.append(nom)
    ordre += sorted(set(verrouillees) - set(ordre))
    return CellulesDuCarnet(tests=tests, verrouillees=[(nom, verrouillees[nom]) for nom in ordre])


class ExecutionSurveillee(NbGraderPreprocessor):
    """Le préprocesseur d'exécution de la correction (le moteur, ses limites, son barème)."""

    memoire_mo = Integer(2048, help="Mémoire maximale d'un processus de copie, en Mio.").tag(config=True)
    processus = Integer(48, help="Nombre maximal de processus d'une copie.").tag(config=True)
    processeur_s = Integer(600, help="Temps processeur maximal d'une copie, en secondes.").tag(config=True)
    fichier_mo = Integer(100, help="Taille maximale d'un fichier écrit par une copie, en Mio.").tag(config=True)
    duree_notebook_s = Integer(300, help="Durée maximale d'exécution d'un notebook, en secondes.").tag(config=True)
    sortie_cellule_ko = Integer(1024, help="Taille maximale des sorties d'une cellule, en Kio.").tag(config=True)
    sortie_notebook_mo = Integer(32, help="Taille maximale de toutes les sorties d'un notebook, "
                                 "en Mio (les cellules de test n'y sont pas coupées).").tag(config=True)
    tmp_mo = Integer(256, help="Taille du /tmp privé d'une copie, en Mio.").tag(config=True)
    bac_a_sable = Unicode("auto", help="« auto » : bubblewrap obligatoire (la correction refuse "
                          "sans lui) ; « non » : sans isolement, pour des copies de confiance "
                          "seulement.").tag(config=True)

    @property
    def timeout(self) -> int:
        """Le temps maximal d'une cellule (``ExecutePreprocessor.timeout``, 30 s par défaut)."""
        for section in ("ExecutionSurveillee", "Execute", "ExecutePreprocessor"):
            reglages = self.config.get(section, {})
            valeur = reglages.get("timeout") if hasattr(reglages, "get") else None
            if isinstance(valeur, int) and valeur > 0:
                return valeur
        return 30

    def limites(self):
        from obm.correction.bac_a_sable import Limites

        return Limites(memoire_octets=self.memoire_mo * 1024**2,
                       fichier_octets=self.fichier_mo * 1024**2,
                       processeur_secondes=self.processeur_s, processus=self.processus,
                       tmp_octets=self.tmp_mo * 1024**2)

    def _racine_cours(self) -> Path:
        """La racine du cours corrigé (``CourseDirectory.root``), sinon celle que trouve ``obm``."""
        from obm.donnees import racine_cours

        reglages = self.config.get("CourseDirectory", {})
        racine = reglages.get("root") if hasattr(reglages, "get") else None
        if racine and (Path(racine) / "course" / "syllabus.toml").exists():
            return Path(racine)
        try:
            return racine_cours()
        except Exception:  # noqa: BLE001 - a course without syllabus: its root all the same
            return Path(racine or os.getcwd())

    def _source(self, assignment: str, notebook: str) -> Path | None:
        try:
            from nbgrader.coursedir import CourseDirectory

            dossier = CourseDirectory(config=self.config)
            return Path(dossier.format_path(dossier.source_directory, ".", assignment)) / f"{notebook}.ipynb"
        except Exception:  # noqa: BLE001 - only used for the order of the locked cells
            return None

    def _signaler(self, message: str, auteur: bool = False) -> None:
        """Dit un incident à la formatrice : journal de nbgrader et journal d'``obm corriger``.
        Une erreur de l'autrice (une cellule verrouillée qui échoue) est une erreur du journal."""
        niveau = logging.ERROR if auteur else logging.WARNING
        self.log.log(niveau, "%s %s", PREFIXE_JOURNAL, message)
        journal = logging.getLogger(JOURNAL)
        if journal.handlers and self.log is not journal:
            journal.log(niveau, "%s %s", PREFIXE_JOURNAL, message)

    def preprocess(self, nb, resources):
        from obm.correction.fichiers_surs import declares_pour
        from obm.correction.moteur.client import MoteurIndisponible, serveur_partage

        resources = resources if resources is not None else {}
        infos = resources.get("nbgrader") or {}
        if not infos.get("db_url"):
            raise CorrectionImpossible("le moteur de correction lit les tests dans le carnet de notes "
                                       "de nbgrader : lance-le par nbgrader autograde ou obm corriger")
        sandbox = bac_a_sable_actif(self.bac_a_sable)
        if not sandbox:
            if os.environ.get("OBM_BAC_A_SABLE", self.bac_a_sable).strip().lower() not in (
                    "non", "no", "0", "false"):
                raise CorrectionImpossible(message_sans_bac_a_sable())
            self._signaler(AVERTISSEMENT_SANS_BAC)
        carnet = cellules_du_carnet(infos["db_url"], infos["assignment"], infos["notebook"],
                                    self._source(infos["assignment"], infos["notebook"]))
        original = resources.get("metadata", {}).get("path") or os.getcwd()
        incidents: list[str] = []
        vus: set[str] = set()

        def signaler(message: str, auteur: bool = False, une_fois: str | None = None) -> None:
            if une_fois is not None:
                if une_fois in vus:
                    return
                vus.add(une_fois)
            if auteur:
                self._signaler(message, auteur=True)
            elif message not in incidents:
                incidents.append(message)

        reglages = Reglages(timeout=self.timeout, duree_notebook=self.duree_notebook_s,
                            sortie_cellule=self.sortie_cellule_ko * 1024,
                            sortie_notebook=self.sortie_notebook_mo * 1024**2)
        try:
            serveur = serveur_partage(racine_cours=self._racine_cours(), bac_a_sable=sandbox,
                                      limites=self.limites())
            with serveur.verrou:
                # Only the data files the exercise declares, read without following a link.
                copie = serveur.copie(Path(original), declares_pour(self.config, resources))
                try:
                    Deroulement(nb, carnet, copie, reglages, signaler).executer()
                finally:
                    copie.fermer()
        except MoteurIndisponible as erreur:
            raise CorrectionImpossible(f"moteur de correction indisponible : {erreur}") from None
        finally:
            for incident in incidents:
                self._signaler(incident)
        return nb, resources
