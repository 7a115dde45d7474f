"""L'exécution des copies pendant la correction : le préprocesseur ``Execute`` de nbgrader, surveillé.

``nbgrader_config.py`` le met à la place de ``Execute`` dans ``Autograde.autograde_preprocessors`` :
``obm corriger``, ``nbgrader autograde`` et le bouton du formgrader passent tous par lui.
Par rapport à celui de nbgrader (dont il garde la règle : une cellule dont la réponse du noyau
est une erreur est notée 0, même si la copie a fait taire l'affichage de l'erreur) :

- **bac à sable** : le noyau tourne sous bubblewrap dans une copie de travail du dossier (voir
  ``bac_a_sable``) ; sans bubblewrap, avec les seules limites de ressources, et un avertissement ;
- **limites** réglables (section ``ExecutionSurveillee`` de ``nbgrader_config.py``) : mémoire,
  processus, temps processeur, taille des fichiers écrits, temps par cellule
  (``ExecutePreprocessor.timeout``) et par notebook, taille des sorties d'une cellule.
  Une limite atteinte arrête ce qu'il faut, met une erreur en français dans la cellule (la copie
  garde les points gagnés avant) et la correction continue ;
- **garde** avant chaque cellule de test (voir ``garde``) : ce que la copie a remplacé ou
  accroché est rétabli, et un témoin vérifie que les erreurs remontent encore ;
- une cellule de test qui finit par une instruction ne peut pas rendre de note partielle : un
  ``execute_result`` qui y apparaît vient de la copie, il est retiré.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import secrets
import tempfile
import time
from pathlib import Path

from jupyter_core.utils import run_sync
from nbformat.notebooknode import NotebookNode
from traitlets import Integer, Unicode

from nbgrader.preprocessors import Execute

from obm.correction.fichiers_surs import declares_pour, preparer_dossier_de_travail
from obm.correction.commun import AVERTISSEMENT_SANS_BAC, JOURNAL, PREFIXE_JOURNAL, bac_a_sable_actif

# Error names written into the graded notebook (read back by ``obm corriger``).
ARRET = "ExecutionArretee"
SORTIE = "SortieTropLongue"
TRUCAGE = "ExecutionTruquee"
NON_EXECUTEE = "CelluleNonExecutee"
DELAI = "CellTimeoutError"  # nbgrader's own name for a cell stopped at the time limit
NOMS_ERREURS_OBM = (ARRET, SORTIE, TRUCAGE, NON_EXECUTEE, DELAI)

def _erreur(nom: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=nom, evalue=message,
                        traceback=[f"\x1b[0;31m{nom}\x1b[0m: {message}"])


def _est_test(cellule) -> bool:
    meta = cellule.get("metadata", {}).get("nbgrader", {})
    return cellule.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _finit_par_expression(source: str) -> bool:
    try:
        corps = ast.parse(source).body
    except SyntaxError:
        return True  # IPython syntax: keep nbgrader's reading
    return bool(corps) and isinstance(corps[-1], ast.Expr)


def _taille(message: dict) -> int:
    contenu = message.get("content", {})
    if "text" in contenu:
        return len(contenu["text"])
    return sum(len(v) if isinstance(v, str) else len(json.dumps(v)) for v in contenu.get("data", {}).values())


class ExecutionSurveillee(Execute):
    """Le préprocesseur d'exécution de la correction : bac à sable, limites et garde des tests."""

    memoire_mo = Integer(2048, help="Mémoire maximale du noyau d'une copie, en Mio.").tag(config=True)
    processus = Integer(48, help="Nombre maximal de processus du noyau d'une copie.").tag(config=True)
    processeur_s = Integer(600, help="Temps processeur maximal d'une copie, en secondes.").tag(config=True)
    fichier_mo = Integer(100, help="Taille maximale d'un fichier écrit par une copie, en Mio.").tag(config=True)
    duree_notebook_s = Integer(300, help="Durée maximale d'exécution d'un notebook, en secondes.").tag(config=True)
    sortie_cellule_ko = Integer(1024, help="Taille maximale des sorties d'une cellule, en Kio.").tag(config=True)
    sortie_notebook_mo = Integer(32, help="Taille maximale de toutes les sorties d'un notebook, "
                                 "en Mio (les cellules de test n'y sont pas coupées).").tag(config=True)
    tmp_mo = Integer(256, help="Taille du /tmp privé du bac à sable, en Mio.").tag(config=True)
    bac_a_sable = Unicode("auto", help="« auto » : bubblewrap s'il est installé ; « non » : "
                          "limites seules (déconseillé).").tag(config=True)

    def limites(self):
        from obm.correction.bac_a_sable import Limites

        return Limites(memoire_octets=self.memoire_mo * 1024**2,
                       fichier_octets=self.fichier_mo * 1024**2,
                       processeur_secondes=self.processeur_s, processus=self.processus,
                       tmp_octets=self.tmp_mo * 1024**2)

    # --- Kernel -------------------------------------------------------------------------------

    def create_kernel_manager(self):
        from obm.correction.bac_a_sable import NoyauIsoleAsync, NoyauLimite

        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        if bac_a_sable_actif(self.bac_a_sable):
            self.km = NoyauIsoleAsync(kernel_name=self.kernel_name, config=self.config,
                                      travail=str(self._travail), racine_cours=str(self._racine_cours()),
                                      limites=self.limites(), garde=True)
        else:
            self._signaler(AVERTISSEMENT_SANS_BAC)
            self.km = NoyauLimite(kernel_name=self.kernel_name, config=self.config,
                                  travail=str(self._travail), limites=self.limites(), garde=True)
        return self.km

    def _racine_cours(self) -> Path:
        """La racine du cours corrigé (``CourseDirectory.root``), sinon celle que trouve ``obm``."""
        from obm.donnees import racine_cours

        reglages = self.config.get("CourseDirectory", {})
        racine = reglages.get("root") if hasattr(reglages, "get") else None
        if racine and (Path(racine) / "course" / "syllabus.toml").exists():
            return Path(racine)
        return racine_cours()

    # --- Notebook ------------------------------------------------------------------------------

    def preprocess(self, nb, resources=None, km=None):
        resources = resources if resources is not None else {}
        metadata = resources.setdefault("metadata", {})
        original = metadata.get("path") or os.getcwd()
        with tempfile.TemporaryDirectory(prefix="obm-copie-") as dossier:
            # The kernel works on a scratch copy: the submission's folder is never written to.
            self._travail = Path(dossier) / "copie"
            preparer_dossier_de_travail(original, self._travail, declares_pour(self.config, resources))
            metadata["path"] = str(self._travail)
            self._arret: str | None = None
            self._echeance: float | None = None
            self._incidents: list[str] = []
            self._taille_notebook = 0
            try:
                return super().preprocess(nb, resources, km=km)
            finally:
                metadata["path"] = original
                for incident in self._incidents:
                    self._signaler(incident)

    def _signaler(self, message: str) -> None:
        """Dit un incident à la formatrice : journal de nbgrader et journal d'``obm corriger``."""
        import logging

        self.log.warning("%s %s", PREFIXE_JOURNAL, message)
        journal = logging.getLogger(JOURNAL)
        if journal.handlers and self.log is not journal:
            journal.warning("%s %s", PREFIXE_JOURNAL, message)

    def _get_timeout(self, cell):
        delai = super()._get_timeout(cell)
        if self._echeance is not None:
            reste = max(1, int(self._echeance - time.monotonic()) + 1)
            delai = reste if not delai else min(delai, reste)
        return delai

    def _nom(self, cellule, index: int) -> str:
        return cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"n° {index + 1}"

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self._echeance is None:
            self._echeance = time.monotonic() + self.duree_notebook_s
        if self._arret is None and time.monotonic() >= self._echeance:
            self._arreter(f"le notebook a dépassé sa durée maximale ({self.duree_notebook_s} s)")
        if self._arret is not None:
            cell.outputs = [_erreur(NON_EXECUTEE, f"Cellule non exécutée : {self._arret}.")]
            return cell
        test = _est_test(cell)
        rapport: list[str] = []
        if test:
            rapport = await self._garder(cell, cell_index)
            if self._arret is not None:
                cell.outputs = [_erreur(TRUCAGE, f"Cellule de test non exécutée : {self._arret}.")]
                return cell
        self._taille_cellule = 0
        self._sortie_coupee = False
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        try:
            cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except CellTimeoutError:
            # No output and no reply in time, even after the interrupt: nbclient gives up on it.
            cell.outputs.append(_erreur(DELAI, ""))
        except DeadKernelError:
            self._arreter("le noyau Python s'est arrêté (mémoire épuisée, plantage ou arrêt forcé) "
                          f"pendant la cellule {self._nom(cell, cell_index)}")
            cell.outputs.append(_erreur(ARRET, f"Le noyau Python s'est arrêté pendant cette cellule "
                                               "(mémoire épuisée, plantage ou arrêt forcé)."))
            return cell
        await self._apres_cellule(cell, cell_index, test)
        if test and rapport:
            noms = ", ".join(rapport)
            self._incidents.append(f"cellule {self._nom(cell, cell_index)} : avant le test, la garde "
                                   f"a rétabli ou relevé ce que la copie avait changé ou lancé ({noms})")
            texte = ("⚠️ Avant ce test, la correction a rétabli ou relevé ce que ton code avait "
                     f"changé ou lancé : {noms}. Un code qui change le fonctionnement de Python ne "
                     "rapporte pas de points.")
            cell.outputs.insert(0, NotebookNode(output_type="display_data", metadata={},
                                                data={"text/plain": texte}))
        return cell

    execute_cell = run_sync(async_execute_cell)

    def _arreter(self, raison: str) -> None:
        if self._arret is None:
            self._arret = raison
            self._incidents.append(raison)

    async def _apres_cellule(self, cell, cell_index, test: bool) -> None:
        delai = [o for o in cell.outputs if o.get("output_type") == "error" and o.get("ename") == DELAI]
        for sortie in delai:
            message = (f"La cellule a dépassé la limite de {self._get_timeout(None) or self.timeout} s "
                       "(boucle infinie ?) : elle a été interrompue.")
            if self._echeance is not None and time.monotonic() >= self._echeance:
                message = (f"Le notebook a dépassé sa durée maximale ({self.duree_notebook_s} s) "
                           "pendant cette cellule : elle a été interrompue.")
            sortie.evalue = message
            sortie.traceback = [f"\x1b[0;31m{DELAI}\x1b[0m: {message}"]
        if delai:
            if self._echeance is not None and time.monotonic() >= self._echeance:
                self._arreter(f"le notebook a dépassé sa durée maximale ({self.duree_notebook_s} s)")
            elif not await self._repond(10):
                self._arreter(f"le noyau ne répondait plus après l'interruption de la cellule "
                              f"{self._nom(cell, cell_index)} (boucle qui ignore l'interruption ?)")
        if test and not _finit_par_expression(cell.source):
            # No partial score can come from a test that ends with a statement.
            cell.outputs = [o for o in cell.outputs if o.get("output_type") != "execute_result"]

    async def _reponse(self, msg_id: str, delai: float):
        fin = time.monotonic() + delai
        while True:
            reste = fin - time.monotonic()
            if reste <= 0:
                return None
            try:
                message = await asyncio.wait_for(self.kc.shell_channel.get_msg(timeout=reste), reste + 1)
            except Exception:  # noqa: BLE001 - queue.Empty or timeout: no reply
                return None
            if message.get("parent_header", {}).get("msg_id") == msg_id:
                return message

    async def _repond(self, delai: float) -> bool:
        """Le noyau répond-il encore (une demande d'informations, traitée après la cellule) ?"""
        if not await self.km.is_alive():
            return False
        return await self._reponse(self.kc.kernel_info(), delai) is not None

    async def _garder(self, cell, cell_index) -> list[str]:
        """Envoie la garde avant une cellule de test ; renvoie ce qu'elle a rétabli."""
        jeton = secrets.token_hex(8)
        code = f'__import__("obm.correction.garde", fromlist=["_"]).verifier_et_temoigner("{jeton}")'
        msg_id = self.kc.execute(code, silent=True, store_history=False, stop_on_error=False)
        reponse = await self._reponse(msg_id, max(10, self.timeout or 30))
        contenu = (reponse or {}).get("content", {})
        if (contenu.get("status") == "error" and contenu.get("ename") == "GardeOBM"
                and str(contenu.get("evalue", "")).startswith(jeton)):
            if contenu["evalue"] == f"{jeton} ABSENTE":
                self._arreter("la garde des tests manquait dans le noyau (module retiré par la "
                              f"copie ?) : tests notés 0 à partir de {self._nom(cell, cell_index)}")
                return []
            try:
                return json.loads(contenu["evalue"][len(jeton):].strip() or "[]")
            except ValueError:
                return []
        if reponse is None:
            self._arreter(f"le noyau ne répondait plus avant la cellule de test {self._nom(cell, cell_index)}")
        else:
            self._arreter("le code de la copie trafique l'exécution des cellules (les erreurs des "
                          f"tests ne remontaient plus) : tests notés 0 à partir de {self._nom(cell, cell_index)}")
        return []

    def output(self, outs, msg, display_id, cell_index):
        if msg.get("msg_type") != "error":  # errors always stay: they decide the score
            taille = _taille(msg)
            self._taille_cellule = getattr(self, "_taille_cellule", 0) + taille
            self._taille_notebook = getattr(self, "_taille_notebook", 0) + taille
            cellule = self.nb.cells[cell_index]
            raison = None
            if self._taille_cellule > self.sortie_cellule_ko * 1024:
                raison = f"plus de {self.sortie_cellule_ko} Kio de sortie dans cette cellule"
            elif self._taille_notebook > self.sortie_notebook_mo * 1024**2 and not _est_test(cellule):
                # The tests' own outputs are never cut by the notebook's total: they are the grader's.
                raison = f"plus de {self.sortie_notebook_mo} Mio de sorties dans le notebook"
            if raison is not None:
                if not self._sortie_coupee:
                    self._sortie_coupee = True
                    nom = self._nom(cellule, cell_index)
                    incident = f"{raison}, sortie coupée et cellule interrompue"
                    if not any(incident in i for i in self._incidents):  # once per notebook
                        self._incidents.append(f"cellule {nom} : {incident}")
                    outs.append(_erreur(SORTIE, f"Sortie trop longue ({raison}) : la suite est coupée "
                                                "et la cellule interrompue."))
                    asyncio.ensure_future(self.km.interrupt_kernel())
                return None
        return super().output(outs, msg, display_id, cell_index)
