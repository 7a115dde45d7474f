"""Le côté correcteur du moteur : lancer l'interpréteur chaud, puis parler aux deux processus
de chaque copie, avec des délais et des tailles bornés.

L'interpréteur chaud est un processus à part, lancé par ``subprocess`` (jamais un fork de
l'appelant : le formgrader appelle la correction dans le serveur Jupyter lui-même). Un même
processus garde son interpréteur chaud d'une copie à l'autre (:func:`serveur_partage`) ;
celui-ci s'arrête seul après deux minutes sans copie, ou avec l'appelant.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.bac_a_sable import (Limites, chemins_en_lecture, commande_serveur,
                                        groupes_de_controle, preparer_dossier, retirer_groupes)
from obm.correction.moteur import protocole, valeurs

# What the warm interpreter and the copies' processes get as environment: this list only,
# never the grader's own (a gradebook URL with its password, tokens…).
VARIABLES_TRANSMISES = ("TZ",)  # copied from the grader when set (not secret)
INACTIVITE_S = 120
MARGE_MEMOIRE = 768 * 1024**2  # the warm interpreter itself, in the memory group with its copy
_NUMEROS = itertools.count(1)


def environnement_minimal(travail: Path, racine_cours: Path) -> dict[str, str]:
    """L'environnement de l'interpréteur chaud (et donc des copies), variable par variable."""
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(travail),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONUTF8": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "MPLBACKEND": "agg",
        "MPLCONFIGDIR": str(travail / ".matplotlib"),
        "IPYTHONDIR": str(travail / ".ipython"),
        "OBM_COURS": str(racine_cours),
        "OBM_HOME": str(travail / ".obm"),
        "TMPDIR": "/tmp",
        "NBGRADER_EXECUTION": "autograde",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_MAX_THREADS": "1",
    }
    for nom in VARIABLES_TRANSMISES:
        if os.environ.get(nom):
            env[nom] = os.environ[nom]
    return env


def environnement_copie(role: str, dossier: Path) -> dict[str, str]:
    """Ce qui change pour chaque processus de copie (ses dossiers à lui)."""
    if role == "apprenante":
        return {"HOME": str(dossier), "OBM_HOME": str(dossier / ".obm"), "PWD": str(dossier),
                "MPLCONFIGDIR": "/tmp/.matplotlib"}
    return {"HOME": "/tmp", "OBM_HOME": "/tmp/.obm", "PWD": str(dossier), "MPLCONFIGDIR": "/tmp/.matplotlib"}


class MoteurIndisponible(Exception):
    """L'interpréteur chaud n'a pas pu démarrer ou l'isolement d'une copie a échoué."""


@dataclass
class Resultat:
    """Ce qu'a donné une cellule dans l'un des processus d'une copie."""

    sorties: list = field(default_factory=list)
    erreur: bool = False
    coupee: bool = False
    delai: bool = False        # stopped at its time limit (interrupted)
    muet: bool = False          # did not answer, even after the interrupt: killed
    mort: bool = False          # the process was gone
    refus: dict = field(default_factory=dict)
    note_invalide: str | None = None
    sondes: int = 0


class Serveur:
    """Un interpréteur chaud, et son dossier de travail (où chaque copie a le sien)."""

    def __init__(self, *, racine_cours: Path, bac_a_sable: bool, limites: Limites,
                 inactivite: float = INACTIVITE_S):
        self.racine_cours = Path(racine_cours)
        self.bac_a_sable = bac_a_sable
        self.limites = limites
        self.inactivite = inactivite
        self.verrou = threading.RLock()
        self.travail = Path(tempfile.mkdtemp(prefix="obm-moteur-")).resolve()
        self.processus = None
        self.controle = None
        self.groupes = []
        self.journal = self.travail / ".serveur.log"
        self.duree_demarrage = None

    # --- life cycle

    def demarrer(self) -> "Serveur":
        preparer_dossier(self.travail)
        (self.travail / ".ipython").mkdir(exist_ok=True)
        controle, autre = socket.socketpair()
        self.groupes = groupes_de_controle(self.limites, MARGE_MEMOIRE)
        env = environnement_minimal(self.travail, self.racine_cours)
        commande = commande_serveur(travail=self.travail, racine_cours=self.racine_cours,
                                    limites=self.limites, environnement=env,
                                    bac_a_sable=self.bac_a_sable, groupes=self.groupes)
        import subprocess

        # The launch chain (lanceur, prlimit, bubblewrap) runs with the grader's environment, out
        # of the copies' sight; the interpreter itself starts with `env -i` and the minimal one.
        with open(self.journal, "ab") as journal:
            self.processus = subprocess.Popen(commande, stdin=autre.fileno(), stdout=journal,
                                              stderr=journal, close_fds=True, cwd=str(self.travail))
        autre.close()
        self.controle = controle
        try:
            protocole.envoyer(controle, {"type": "config", "racine": str(self.travail),
                                         "bac_a_sable": self.bac_a_sable, "inactivite": self.inactivite,
                                         "garder": chemins_en_lecture(self.travail, self.racine_cours)})
            entete, _ = protocole.recevoir(controle, echeance=time.monotonic() + 180)
        except (protocole.Coupure, protocole.Delai):
            entete = {"type": "absent"}
        if entete.get("type") != "pret":
            self.arreter()
            raise MoteurIndisponible("l'interpréteur de correction n'a pas démarré : "
                                     + self._fin_du_journal())
        self.duree_demarrage = entete.get("duree")
        return self

    def _fin_du_journal(self) -> str:
        try:
            lignes = self.journal.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            lignes = []
        return lignes[-1][:300] if lignes else "aucun message"

    @property
    def vivant(self) -> bool:
        return self.processus is not None and self.processus.poll() is None

    def arreter(self) -> None:
        with self.verrou:
            if self.controle is not None:
                try:
                    protocole.envoyer(self.controle, {"type": "quitter"})
                except protocole.Coupure:
                    pass
                self.controle.close()
                self.controle = None
            if self.processus is not None:
                try:
                    self.processus.wait(timeout=10)
                except Exception:  # noqa: BLE001 - stuck: kill it
                    self.processus.kill()
                    self.processus.wait()
            retirer_groupes(self.groupes)
            self.groupes = []
            shutil.rmtree(self.travail, ignore_errors=True)

    # --- requests

    def _demande(self, entete: dict, reponse: bool = True, delai: float = 30):
        try:
            protocole.envoyer(self.controle, entete)
            if reponse:
                return protocole.recevoir(self.controle, echeance=time.monotonic() + delai)[0]
        except (protocole.Coupure, protocole.Delai, AttributeError):
            raise MoteurIndisponible("l'interpréteur de correction ne répond plus") from None
        return None

    def signal(self, pid: int | None, numero: int) -> None:
        if pid is not None:
            self._demande({"type": "signal", "pid": pid, "signal": int(numero)}, reponse=False)

    def copie(self, source: Path | None, declares: set[str] = frozenset()) -> "Copie":
        """Une nouvelle copie : son dossier (les fichiers de données ``declares`` de ``source``,
        lus sans suivre de lien, jamais les notebooks) et ses deux processus, isolés. Lève
        :class:`MoteurIndisponible` si l'isolement échoue."""
        from obm.correction.fichiers_surs import preparer_dossier_de_travail

        dossier = self.travail / f"copie-{next(_NUMEROS)}"
        if source is not None and Path(source).is_dir():
            preparer_dossier_de_travail(source, dossier, set(declares))
        else:
            dossier.mkdir()
        limites = {"memoire": self.limites.memoire_octets, "fichier": self.limites.fichier_octets,
                   "processeur": self.limites.processeur_secondes, "tmp": self.limites.tmp_octets}
        try:
            environnements = {role: environnement_copie(role, dossier) for role in ("apprenante", "test")}
            protocole.envoyer(self.controle, {"type": "copie", "dossier": str(dossier),
                                              "limites": limites, "environnement": environnements})
            self.controle.settimeout(60)
            _, descripteurs, _, _ = socket.recv_fds(self.controle, 1, 2)
            entete, _ = protocole.recevoir(self.controle, echeance=time.monotonic() + 60)
        except (OSError, protocole.Coupure, protocole.Delai):
            shutil.rmtree(dossier, ignore_errors=True)
            raise MoteurIndisponible("l'interpréteur de correction ne répond plus") from None
        canaux = [socket.socket(fileno=fd) for fd in descripteurs]
        copie = Copie(self, dossier, canaux[0], entete.get("apprenante"), canaux[1], entete.get("test"))
        try:
            copie.accueillir()
        except MoteurIndisponible:
            copie.fermer()
            raise
        return copie


class Copie:
    """Les deux processus d'une copie, vus du correcteur."""

    def __init__(self, serveur: Serveur, dossier: Path, apprenante, pid_apprenante, test, pid_test):
        self.serveur = serveur
        self.dossier = dossier
        self.canaux = {"apprenante": apprenante, "test": test}
        self.pids = {"apprenante": pid_apprenante, "test": pid_test}
        self.morts = set()
        self.sondage = False  # probes have carried hidden inputs to the learner's process

    def accueillir(self) -> None:
        for role in ("apprenante", "test"):
            try:
                entete, _ = protocole.recevoir(self.canaux[role], echeance=time.monotonic() + 60)
            except (protocole.Coupure, protocole.Delai):
                entete = {"type": "erreur", "message": "processus absent"}
            if entete.get("type") != "pret":
                raise MoteurIndisponible(f"isolement impossible ({role}) : "
                                         f"{str(entete.get('message', '?'))[:300]}")

    # --- low level

    def _interrompre(self, role: str) -> None:
        try:
            self.serveur.signal(self.pids[role], signal.SIGINT)
        except MoteurIndisponible:
            pass

    def tuer(self, role: str) -> None:
        self.morts.add(role)
        try:
            self.serveur.signal(self.pids[role], signal.SIGKILL)
        except MoteurIndisponible:
            pass

    def _attendre(self, role: str, echeance: float, limite: int, *, gerer_sonde=None):
        """Le message de fin d'une demande : (en-tête, charge, statut) où statut vaut « ok »,
        « delai » (interrompu à l'échéance, puis a répondu) ou « muet » / « mort »."""
        canal = self.canaux[role]
        interrompu = False
        while True:
            try:
                entete, charge = protocole.recevoir(canal, echeance=echeance, limite_charge=limite)
            except protocole.Delai:
                if interrompu:
                    self.tuer(role)
                    return None, b"", "muet"
                interrompu = True
                self._interrompre(role)
                echeance = time.monotonic() + 5
                continue
            except protocole.Coupure:
                self.tuer(role)
                return None, b"", "mort"
            if entete["type"] == "sonde" and gerer_sonde is not None:
                gerer_sonde(entete, charge, echeance)
                # The probe ran the learner's code, bounded by the cell's deadline: once its
                # answer is back, the test process gets a few seconds to conclude the cell.
                echeance = max(echeance, time.monotonic() + 5)
                continue
            return entete, charge, ("delai" if interrompu else "ok")

    def vivant(self, role: str) -> bool:
        return role not in self.morts

    # --- the learner's process

    def executer(self, source: str, *, compte: int, plafond: int, echeance: float) -> Resultat:
        if not self.vivant("apprenante"):
            return Resultat(mort=True)
        try:
            protocole.envoyer(self.canaux["apprenante"], {"type": "executer", "compte": compte,
                                                         "plafond": plafond}, source.encode("utf-8"))
        except protocole.Coupure:
            self.tuer("apprenante")
            return Resultat(mort=True)
        entete, charge, statut = self._attendre("apprenante", echeance, 8 * plafond + 1024**2)
        if statut in ("muet", "mort"):
            return Resultat(muet=statut == "muet", mort=statut == "mort")
        sorties = sorties_valides(charge)
        if self.sondage:
            sorties = []
        return Resultat(sorties=sorties, erreur=bool(entete.get("erreur")),
                        coupee=bool(entete.get("coupee")), delai=statut == "delai")

    def valeurs(self, requis: list[str], facultatifs: list[str], *, numero: int,
                echeance: float) -> tuple[bytes | None, str]:
        """L'instantané des valeurs qu'un test lit (octets JSON, relus par le processus de test)."""
        if not self.vivant("apprenante"):
            return None, "mort"
        try:
            protocole.envoyer(self.canaux["apprenante"], {"type": "valeurs", "requis": requis,
                                                         "facultatifs": facultatifs, "instantane": numero})
        except protocole.Coupure:
            self.tuer("apprenante")
            return None, "mort"
        entete, charge, statut = self._attendre("apprenante", echeance, valeurs.LIMITE_OCTETS + 1024**2)
        if statut != "ok" or entete.get("type") != "valeurs":
            return None, statut if statut != "ok" else "interrompu"
        return charge, "ok"

    # --- the test process

    def preparer(self, cellules: list[tuple[str, str]]) -> None:
        import json

        protocole.envoyer(self.canaux["test"], {"type": "preparer"},
                          json.dumps(cellules, ensure_ascii=False).encode("utf-8"))

    def attendre_preparation(self, echeance: float) -> tuple[list, str]:
        entete, _, statut = self._attendre("test", echeance, 1024**2)
        if statut != "ok":
            return [], statut
        erreurs = entete.get("erreurs")
        return (erreurs if isinstance(erreurs, list) else []), "ok"

    def tester(self, source: str, instantane: bytes | None, *, compte: int, points: float,
               partielle: bool, requis: list[str], facultatifs: list[str], numero: int,
               plafond: int, echeance: float) -> Resultat:
        if not self.vivant("test"):
            return Resultat(mort=True)
        import json

        charge = (b'{"source":' + json.dumps(source, ensure_ascii=False).encode("utf-8")
                  + b',"instantane":' + (instantane or b"null") + b"}")
        try:
            protocole.envoyer(self.canaux["test"], {
                "type": "tester", "compte": compte, "points": points, "partielle": partielle,
                "requis": requis, "facultatifs": facultatifs, "instantane": numero,
                "plafond": plafond}, charge)
        except protocole.Coupure:
            self.tuer("test")
            return Resultat(mort=True)
        compteur = {"sondes": 0}

        def gerer_sonde(entete, arguments, echeance_test):
            compteur["sondes"] += 1
            self.sondage = True
            reponse, charge_reponse = self._sonder(entete, arguments, echeance_test)
            try:
                protocole.envoyer(self.canaux["test"], {"type": "reponse_sonde", **reponse}, charge_reponse)
            except protocole.Coupure:
                pass

        entete, charge, statut = self._attendre("test", echeance, 8 * plafond + 1024**2,
                                                gerer_sonde=gerer_sonde)
        if statut in ("muet", "mort"):
            return Resultat(muet=statut == "muet", mort=statut == "mort", sondes=compteur["sondes"])
        refus = entete.get("refus") if isinstance(entete.get("refus"), dict) else {}
        note = entete.get("note_invalide")
        return Resultat(sorties=sorties_valides(charge), erreur=bool(entete.get("erreur")),
                        coupee=bool(entete.get("coupee")), delai=statut == "delai",
                        refus={str(k): str(v) for k, v in refus.items()},
                        note_invalide=str(note) if note else None, sondes=compteur["sondes"])

    def _sonder(self, demande: dict, arguments: bytes, echeance: float) -> tuple[dict, bytes]:
        """Un appel-sonde : les arguments vont au processus de l'apprenante, le résultat revient
        (octets JSON relus par le processus de test)."""
        if not self.vivant("apprenante"):
            return {"statut": "erreur", "types": ["ProcessLookupError"],
                    "message": "le processus de la copie s'est arrêté"}, b""
        try:
            protocole.envoyer(self.canaux["apprenante"], {"type": "sonde", "nom": demande.get("nom"),
                                                         "instantane": demande.get("instantane")},
                              arguments)
        except protocole.Coupure:
            self.tuer("apprenante")
            return {"statut": "erreur", "types": ["ProcessLookupError"],
                    "message": "le processus de la copie s'est arrêté"}, b""
        entete, charge, statut = self._attendre("apprenante", echeance, valeurs.LIMITE_OCTETS + 1024**2)
        if statut != "ok" or entete.get("type") != "sonde":
            return {"statut": "delai", "message": "la fonction n'a pas répondu à temps"}, b""
        reponse = {"statut": str(entete.get("statut"))}
        if isinstance(entete.get("types"), list):
            reponse["types"] = [str(t)[:100] for t in entete["types"][:20]]
        for cle in ("message", "raison"):
            if entete.get(cle) is not None:
                reponse[cle] = str(entete[cle])[:2000]
        return reponse, charge if reponse["statut"] == "ok" else b""

    # --- end

    def fermer(self) -> None:
        for role, canal in self.canaux.items():
            try:
                if self.vivant(role):
                    protocole.envoyer(canal, {"type": "fin"})
            except protocole.Coupure:
                pass
        pids = [p for p in self.pids.values() if p is not None]
        try:
            self.serveur._demande({"type": "finir", "pids": pids}, delai=30)
        except MoteurIndisponible:
            pass
        for canal in self.canaux.values():
            canal.close()
        shutil.rmtree(self.dossier, ignore_errors=True)


_TYPES_SORTIE = {"stream", "display_data", "execute_result", "error"}


def sorties_valides(charge: bytes) -> list[dict]:
    """Les sorties envoyées par un processus de copie, gardées seulement si elles ont la forme
    des sorties de notebook (le processus de l'apprenante n'est pas digne de confiance)."""
    import json

    try:
        liste = json.loads(charge) if charge else []
    except (ValueError, RecursionError):
        return []
    gardees = []
    for sortie in liste if isinstance(liste, list) else []:
        if not isinstance(sortie, dict) or sortie.get("output_type") not in _TYPES_SORTIE:
            continue
        genre = sortie["output_type"]
        if genre == "stream":
            if sortie.get("name") in ("stdout", "stderr") and isinstance(sortie.get("text"), str):
                gardees.append({"output_type": genre, "name": sortie["name"], "text": sortie["text"]})
        elif genre == "error":
            trace = sortie.get("traceback")
            if isinstance(sortie.get("ename"), str) and isinstance(sortie.get("evalue"), str) \
                    and isinstance(trace, list) and all(isinstance(t, str) for t in trace):
                gardees.append({"output_type": genre, "ename": sortie["ename"],
                                "evalue": sortie["evalue"], "traceback": trace})
        else:
            donnees, meta = sortie.get("data"), sortie.get("metadata", {})
            if not isinstance(donnees, dict) or not isinstance(meta, dict) \
                    or not all(isinstance(k, str) for k in donnees):
                continue
            propre = {"output_type": genre, "data": donnees, "metadata": meta}
            if genre == "execute_result":
                compte = sortie.get("execution_count")
                propre["execution_count"] = compte if isinstance(compte, int) else None
            gardees.append(propre)
    return gardees


# --- One warm interpreter per process, reused from one copy to the next --------------------------

_SERVEURS: dict[tuple, Serveur] = {}
_VERROU = threading.Lock()


def serveur_partage(*, racine_cours: Path, bac_a_sable: bool, limites: Limites) -> Serveur:
    """L'interpréteur chaud de ce processus pour ces réglages (démarré s'il le faut)."""
    cle = (str(Path(racine_cours).resolve()), bac_a_sable, limites)
    with _VERROU:
        serveur = _SERVEURS.get(cle)
        if serveur is not None and serveur.vivant:
            return serveur
        if serveur is not None:
            serveur.arreter()
        serveur = Serveur(racine_cours=racine_cours, bac_a_sable=bac_a_sable, limites=limites).demarrer()
        _SERVEURS[cle] = serveur
        # A multiprocessing worker ends without atexit: its finalizers stop the server too.
        from multiprocessing import util

        util.Finalize(serveur, serveur.arreter, exitpriority=100)
        return serveur


def arreter_les_serveurs() -> None:
    with _VERROU:
        for serveur in _SERVEURS.values():
            serveur.arreter()
        _SERVEURS.clear()


atexit.register(arreter_les_serveurs)
