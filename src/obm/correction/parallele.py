"""``obm corriger MODULE`` : la correction automatique des copies, en parallèle, par nbgrader.

Comment (la piste de nbgrader #174 : des processus séparés, des carnets séparés, puis une fusion) :

1. Le processus principal sauvegarde le carnet, y inscrit le module s'il le faut, puis écrit un
   *gabarit* : un petit carnet SQLite qui ne contient que le module (notebooks, cellules notées,
   sources des cellules verrouillées).
2. Chaque copie est corrigée dans un processus de travail (``travailleur``) par le convertisseur
   ``Autograde`` de nbgrader lui-même, réglé comme ``nbgrader autograde`` par
   ``nbgrader_config.py`` (l'exécution y est celle du moteur, ``execution``) ; seule différence :
   son carnet est une copie privée du gabarit. Aucun processus de travail n'ouvre le carnet
   principal.
3. Le processus principal, seul à écrire dans le carnet principal, y recopie au fil de l'eau les
   notes, commentaires et horodatages de chaque copie (``fusion``), avec les règles de
   ``SaveAutoGrades`` ; la barre de progression (``barre``) avance, et le bilan (``bilan``)
   finit par « Copies à vérifier : » (raisons dans ``signalements``).

Un seul écrivain : le carnet principal ne peut pas être « verrouillé » par la correction, quel
que soit le nombre de processus. Les processus de travail naissent par ``fork`` du processus
principal, nbgrader déjà importé (un serveur ``forkserver`` si le processus a des fils) ;
chacun lance, à sa première copie, l'interpréteur chaud du moteur, qui sert à toutes les suivantes.
Ce qu'une correction tuée laisse dans le dossier temporaire est effacé à la suivante (``menage``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from obm.correction.barre import BarreCorrection
from obm.correction.bilan import BilanCorrection, Copie
from obm.correction.commun import (AVERTISSEMENT_SANS_BAC, Cours, bac_a_sable_actif,
                                   bac_a_sable_coupe, message_sans_bac_a_sable, module_existe)
from obm.correction.fusion import completer, fusionner
from obm.correction.menage import balayer_temporaires
from obm.correction.statut import consigner_bilan
from obm.correction.travailleur import Tache, corriger_une_copie, initialiser_processus
from obm.erreurs import DonneesInvalides, ErreurOBM


class CorrectionRefusee(ErreurOBM):
    """La correction ne peut pas tourner ici sans mettre la machine en danger."""


def _resultat(futur, tache: Tache, essais: dict[str, int]) -> dict | None:
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
                                  "fois : copie non notée"}
    except Exception as erreur:  # noqa: BLE001 - keep the batch going
        return echec | {"raison": f"erreur inattendue ({type(erreur).__name__} : {erreur})"}


def _contexte_processus():
    """Comment lancer les processus de travail.

    ``fork`` quand ce processus n'a qu'un fil d'exécution (la commande ``obm``) : les processus
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

    ``processus`` : nombre de copies corrigées en même temps (par défaut, le nombre de cœurs).
    ``progression`` : le flux où écrire la barre de progression (par défaut la sortie d'erreur).
    ``sans_bac_a_sable`` : corriger sans isolement (copies de confiance seulement) ; sinon, pas
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
                f"Pas de copie de {module} dans submitted/ pour : {', '.join(inconnues)}. "
                "Importe-les d'abord avec « obm importer »."
            )
        toutes = [a for a in toutes if a in set(apprenantes)]
    if not toutes:
        raise DonneesInvalides(
            f"Aucune copie du module {module} dans {cours.dossier('submitted')} : importe d'abord "
            f"les copies avec « obm importer SOURCE --module {module} »."
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
    balayer_temporaires()
    dossier_carnet = cours.racine / "gradebook"
    dossier_carnet.mkdir(exist_ok=True)
    url = cours.db_url
    journal = dossier_carnet / f"journal-corriger-{module}.log"
    journal.write_text(f"obm corriger {module} — {time.strftime('%Y-%m-%d %H:%M:%S')}\n",
                       encoding="utf-8")
    processus = max(1, min(processus or os.cpu_count() or 1, len(toutes)))

    def nouveau_pool(copies: int):
        executeur = ProcessPoolExecutor(
            max_workers=min(processus, copies), mp_context=contexte, initializer=initialiser_processus,
            initargs=(str(journal), dict(os.environ), str(cours.racine), sans_bac_a_sable))
        # A first (empty) task starts the workers now: each one starts its warm interpreter
        # while this process saves the gradebook and writes the template.
        executeur.submit(int)
        return executeur

    with tempfile.TemporaryDirectory(prefix="obm-corriger-") as travail:
        sys.stdout.flush()  # nothing buffered here may be written twice by a forked worker
        executeur = nouveau_pool(len(toutes))
        try:
            # Opened once the workers exist: none of them inherits a gradebook connection.
            inscrire_module(cours, module)
            sauvegarde = sauvegarder(url, dossier_carnet, f"corriger-{module}")
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
                    taches.append(Tache(str(cours.racine), module, apprenante, numero, str(gabarit),
                                         travail, infos, extension, str(journal), sans_bac_a_sable))

            copies: dict[str, Copie] = {}
            barre = BarreCorrection(len(taches), f"Correction {module}", progression)
            essais: dict[str, int] = {}
            restantes = list(taches)
            while restantes:
                if executeur is None:  # a worker died: retry with a fresh pool
                    executeur = nouveau_pool(len(restantes))
                en_cours = {executeur.submit(corriger_une_copie, t): t for t in restantes}
                restantes = []
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
                            fusionner(carnet, module, resultat)
                            copie = Copie(tache.apprenante, resultat["notee"], resultat["raison"],
                                          resultat["alertes"], duree=resultat["duree"])
                            completer(carnet, module, copie)
                            copies[tache.apprenante] = copie
                            barre.avancer()
                if restantes:
                    executeur.shutdown(wait=True)
                    executeur = None
        finally:
            if executeur is not None:
                executeur.shutdown(wait=True)
    bilan = BilanCorrection(module, [copies[a] for a in toutes], time.monotonic() - debut,
                            processus, url, sauvegarde, journal, bac_a_sable=sandbox)
    consigner_bilan(journal, bilan)  # the reasons stay in the run's log, not only on screen
    return bilan
