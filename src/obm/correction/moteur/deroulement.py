"""Le déroulement d'un notebook sur le moteur : quelle cellule va où, dans quel ordre, avec quelles
limites, et ce que le correcteur écrit dans chaque cellule.

Dans l'ordre du notebook, chaque cellule de code qui n'est pas une cellule de test (notée,
verrouillée, pas une réponse) s'exécute dans le processus de l'apprenante. À chaque cellule de
test, le processus de l'apprenante donne les valeurs que le test lit (ses noms libres et les
noms passés en texte à ``verifier``, moins ceux que posent les cellules verrouillées et les
tests précédents) et le processus de test l'exécute sur elles, avec son texte pris dans le
carnet de notes. Dès qu'un test lit une fonction de l'apprenante, ce test et les suivants
attendent la fin du notebook : les appels-sondes portent des entrées cachées, et plus rien de
ce que le processus de l'apprenante affiche n'est gardé une fois qu'ils ont commencé.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from nbformat.notebooknode import NotebookNode, from_dict

from obm.correction.moteur import cellules as lecture

# Error names written into the graded notebook (read back by ``obm corriger``).
ARRET = "ExecutionArretee"
SORTIE = "SortieTropLongue"
NON_EXECUTEE = "CelluleNonExecutee"
DELAI = "CellTimeoutError"  # nbgrader's own name for a cell stopped at the time limit
REFUS = "ValeurRefusee"
NOTE = "NotePartielleInvalide"


def erreur(nom: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=nom, evalue=message,
                        traceback=[f"\x1b[0;31m{nom}\x1b[0m: {message}"])


def _taille(sortie: dict) -> int:
    if sortie.get("output_type") == "stream":
        return len(sortie.get("text", ""))
    if sortie.get("output_type") == "error":
        return 0
    return sum(len(v) if isinstance(v, str) else len(json.dumps(v)) for v in sortie.get("data", {}).values())


@dataclass
class CellulesDuCarnet:
    """Ce que le carnet de notes dit d'un notebook : ses tests (texte complet, points) et ses
    cellules verrouillées non notées (dans l'ordre), telles que l'autrice les a écrites.

    Une cellule verrouillée qui lit un nom qu'aucune verrouillée avant elle ne pose lit une
    réponse (une fiche qui reprend les réponses de la copie, par exemple) : elle ne tourne que
    dans le processus de la copie (``ecartees``), et ce qu'elle pose, les tests le reçoivent
    comme une valeur de la copie. Après un ``import *``, plus rien n'est écarté (ce qu'il pose
    ne se lit pas dans le texte)."""

    tests: dict[str, tuple[str, float]]
    verrouillees: list[tuple[str, str]]
    poses: set[str] = field(default_factory=set)
    chaines: set[str] = field(default_factory=set)
    ecartees: list[str] = field(default_factory=list)

    def __post_init__(self):
        gardees, etoile = [], False
        for nom, source in self.verrouillees:
            if not etoile and lecture.noms_lus(source) - self.poses:
                self.ecartees.append(nom)
                continue
            etoile = etoile or lecture.importe_tout(source)
            gardees.append((nom, source))
            self.poses |= lecture.noms_poses(source)
            self.chaines |= lecture.chaines_identifiants(source)
        self.verrouillees = gardees


@dataclass
class Reglages:
    timeout: float = 30
    duree_notebook: float = 300
    sortie_cellule: int = 1024 * 1024
    sortie_notebook: int = 32 * 1024**2


def _a_des_fonctions(instantane: bytes | None) -> bool:
    """Does the snapshot hand over a learner's function? (Its last field, as the learner's
    process writes it; a process that lies only delays its own outputs' cut, see ``Copie``.)"""
    if not instantane:
        return False
    debut = instantane.rfind(b',"fonctions":[')
    if debut < 0:
        return False
    try:
        return bool(json.loads(instantane[debut + len(b',"fonctions":'):-1]))
    except ValueError:
        return False


class Deroulement:
    def __init__(self, nb, carnet: CellulesDuCarnet, copie, reglages: Reglages, signaler):
        self.nb, self.carnet, self.copie, self.reglages = nb, carnet, copie, reglages
        self.signaler = signaler  # signaler(message, auteur=False)
        self.arret: str | None = None
        self.echeance = time.monotonic() + reglages.duree_notebook
        self.taille_notebook = 0
        self.poses_tests: set[str] = set()
        self.preparation_lue = False
        self.test_arrete: str | None = None
        self.numero = 0

    # --- helpers

    def _nom(self, cellule, index: int) -> str:
        return cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"n° {index + 1}"

    def _arreter(self, raison: str) -> None:
        if self.arret is None:
            self.arret = raison
            self.signaler(raison)

    def _echeance_cellule(self) -> float:
        return min(time.monotonic() + self.reglages.timeout, self.echeance)

    def _message_delai(self) -> str:
        if time.monotonic() >= self.echeance - 0.05:
            return (f"Le notebook a dépassé sa durée maximale ({self.reglages.duree_notebook:g} s) "
                    "pendant cette cellule : elle a été interrompue.")
        return (f"La cellule a dépassé la limite de {self.reglages.timeout:g} s (boucle infinie ?) : "
                "elle a été interrompue.")

    def _duree_depassee(self) -> bool:
        if time.monotonic() >= self.echeance:
            self._arreter(f"le notebook a dépassé sa durée maximale ({self.reglages.duree_notebook:g} s)")
            return True
        return False

    # --- the run

    def executer(self) -> None:
        self.copie.preparer(self.carnet.verrouillees)
        differes = []
        vus = set()
        compte = 0
        for index, cellule in enumerate(self.nb.cells):
            if cellule.get("cell_type") != "code":
                continue
            cellule.outputs = []
            if not cellule.source.strip():
                cellule.execution_count = None
                continue
            compte += 1
            cellule.execution_count = compte
            self._duree_depassee()
            if self.arret is not None:
                cellule.outputs = [erreur(NON_EXECUTEE, f"Cellule non exécutée : {self.arret}.")]
                continue
            nom = self._nom(cellule, index)
            if nom in self.carnet.tests and nom not in vus:
                vus.add(nom)
                attente = self._instantane(cellule, index, nom, compte)
                if attente is None:
                    continue
                if differes or _a_des_fonctions(attente[-1]):
                    differes.append(attente)
                else:
                    self._tester(*attente)
            else:
                self._cellule_de_la_copie(cellule, index, compte)
        for attente in differes:
            if self.arret is None and not self._duree_depassee():
                self._tester(*attente)
            else:
                attente[0].outputs = [erreur(NON_EXECUTEE, f"Cellule non exécutée : {self.arret}.")]

    def _cellule_de_la_copie(self, cellule, index: int, compte: int) -> None:
        reste = self.reglages.sortie_notebook - self.taille_notebook
        plafond = max(0, min(self.reglages.sortie_cellule, reste))
        resultat = self.copie.executer(cellule.source, compte=compte, plafond=plafond,
                                       echeance=self._echeance_cellule())
        nom = self._nom(cellule, index)
        if resultat.mort:
            cellule.outputs = [erreur(ARRET, "Le noyau Python s'est arrêté pendant cette cellule "
                                             "(mémoire épuisée, plantage ou arrêt forcé).")]
            self._arreter("le noyau Python s'est arrêté (mémoire épuisée, plantage ou arrêt forcé) "
                          f"pendant la cellule {nom}")
            return
        if resultat.muet:
            cellule.outputs = [erreur(DELAI, self._message_delai())]
            if not self._duree_depassee():
                self._arreter(f"le noyau ne répondait plus après l'interruption de la cellule {nom} "
                              "(boucle qui ignore l'interruption ?)")
            return
        sorties = [from_dict(s) for s in resultat.sorties]
        if resultat.delai:
            sorties = [s for s in sorties if not (s.output_type == "error" and s.ename == "KeyboardInterrupt")]
            sorties.append(erreur(DELAI, self._message_delai()))
            self._duree_depassee()
        if resultat.coupee:
            if plafond < self.reglages.sortie_cellule:
                raison = f"plus de {self.reglages.sortie_notebook // 1024**2} Mio de sorties dans le notebook"
            else:
                raison = f"plus de {self.reglages.sortie_cellule // 1024} Kio de sortie dans cette cellule"
            sorties.append(erreur(SORTIE, f"Sortie trop longue ({raison}) : la suite est coupée et la "
                                          "cellule interrompue."))
            self.signaler(f"cellule {nom} : {raison}, sortie coupée et cellule interrompue", une_fois=raison)
        self.taille_notebook += sum(_taille(s) for s in sorties)
        cellule.outputs = sorties

    def _requis(self, source: str) -> tuple[list[str], list[str]]:
        exclus = self.carnet.poses | self.poses_tests
        requis = (lecture.noms_lus(source) | lecture.noms_verifies(source)) - exclus
        facultatifs = ((lecture.chaines_identifiants(source) | self.carnet.chaines) - requis - exclus
                       - lecture.noms_poses(source))
        return sorted(requis), sorted(facultatifs)

    def _instantane(self, cellule, index: int, nom: str, compte: int):
        source, points = self.carnet.tests[nom]
        requis, facultatifs = self._requis(source)
        self.poses_tests |= lecture.noms_poses(source)
        self.numero += 1
        instantane, statut = self.copie.valeurs(requis, facultatifs, numero=self.numero,
                                                echeance=self._echeance_cellule())
        if statut == "mort":
            self._arreter("le noyau Python s'est arrêté (mémoire épuisée, plantage ou arrêt forcé) "
                          f"avant la cellule de test {nom}")
        elif statut == "muet":
            self._arreter(f"le noyau ne répondait plus avant la cellule de test {nom}")
        elif statut != "ok":
            self._arreter(f"les valeurs lues par la cellule de test {nom} n'ont pas pu être "
                          "transmises à temps")
        if instantane is None:
            cellule.outputs = [erreur(NON_EXECUTEE, f"Cellule de test non exécutée : {self.arret}.")]
            return None
        return cellule, index, nom, compte, source, points, requis, facultatifs, self.numero, instantane

    def _lire_preparation(self) -> None:
        if self.preparation_lue:
            return
        self.preparation_lue = True
        erreurs, statut = self.copie.attendre_preparation(time.monotonic() + max(60, self.reglages.timeout))
        if statut != "ok":
            self.test_arrete = "le processus de test ne s'est pas préparé (cellules verrouillées)"
            self.signaler(self.test_arrete, auteur=True)
        for nom, genre, message in (e for e in erreurs if isinstance(e, list) and len(e) == 3):
            self.signaler(f"la cellule verrouillée {nom} échoue dans le processus de test ({genre} : "
                          f"{message}) : une cellule verrouillée ne doit lire aucune réponse", auteur=True)

    def _tester(self, cellule, index, nom, compte, source, points, requis, facultatifs, numero, instantane):
        self._lire_preparation()
        if self.test_arrete is not None:
            cellule.outputs = [erreur(NON_EXECUTEE, f"Cellule de test non exécutée : {self.test_arrete}.")]
            return
        resultat = self.copie.tester(source, instantane, compte=compte, points=points,
                                     partielle=lecture.finit_par_expression(source), requis=requis,
                                     facultatifs=facultatifs, numero=numero,
                                     plafond=self.reglages.sortie_cellule,
                                     echeance=self._echeance_cellule())
        if resultat.mort or resultat.muet:
            self.test_arrete = (f"le processus de test s'est arrêté pendant la cellule {nom}" if resultat.mort
                                else f"le processus de test ne répondait plus pendant la cellule {nom}")
            self.signaler(self.test_arrete)
            cellule.outputs = [erreur(ARRET if resultat.mort else DELAI,
                                      f"Cellule de test non terminée : {self.test_arrete}.")]
            return
        sorties = [from_dict(s) for s in resultat.sorties]
        if resultat.delai:
            sorties = [s for s in sorties if not (s.output_type == "error" and s.ename == "KeyboardInterrupt")]
            sorties.append(erreur(DELAI, self._message_delai()))
        if resultat.refus:
            details = " ; ".join(f"{n} : {r}" for n, r in resultat.refus.items())
            self.signaler(f"cellule {nom} : valeur refusée ({details})")
        if resultat.note_invalide:
            self.signaler(f"cellule {nom} : note partielle invalide ({resultat.note_invalide}), notée 0")
        cellule.outputs = sorties
