"""L'interpréteur chaud : ``python -m obm.correction.moteur.serveur`` (lancé par ``client``).

Il importe une fois IPython, numpy, pandas, matplotlib (Agg) et ``obm``, prépare un shell IPython,
puis attend les demandes du correcteur sur son entrée standard (une socket Unix). Pour chaque
copie, il forke deux processus isolés (voir ``isolement``) et passe au correcteur une socket
vers chacun :

- le **processus de l'apprenante** exécute les cellules de la copie, sauf les cellules de test ;
  il donne, quand on le lui demande, les valeurs qu'une cellule de test lit (encodées par
  ``valeurs``), et répond aux appels-sondes sur les fonctions de l'apprenante ;
- le **processus de test** exécute les cellules verrouillées (depuis le carnet de notes), puis
  chaque cellule de test sur les valeurs reçues ; il lit les fichiers de la copie en lecture
  seule.

L'interpréteur chaud n'exécute jamais de code de copie ni de test : ce qui est forké de lui
n'a rien vu d'une autre copie. Il s'arrête quand le correcteur ferme la socket, ou après un
moment sans demande.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import sys
import time

from obm.correction.moteur import protocole

# Modules imported once, before any fork (their import is what a cold kernel pays per copy).
MODULES_CHAUDS = (
    "numpy", "pandas", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "ipywidgets",
    "icalendar", "holidays", "babel.numbers", "babel.dates", "openpyxl", "json", "subprocess",
    "decimal", "statistics", "zoneinfo",
)


def _importer_obm() -> None:
    import importlib
    import pkgutil

    import obm

    for module in pkgutil.iter_modules(obm.__path__):
        if module.name not in ("correction", "installation", "accueil"):
            try:
                importlib.import_module(f"obm.{module.name}")
            except Exception:  # noqa: BLE001 - a module that cannot load is reported by its cell
                pass


def _echauffer_les_donnees() -> None:
    """What the course's functions load lazily on their first call, loaded once here rather than
    in every copy's two processes: the French public holidays of the ``holidays`` package (its
    country registry imports some 280 modules), Babel's French locale data, Clara's and Maëlle's
    facts (``data/*.toml``, parsed once and cached by ``obm.donnees``)."""
    import datetime

    try:
        from obm import donnees, fr, planification

        for zone in planification.ZONES:
            planification._feries_paquet(range(2024, 2031), zone)
        fr.nombre(1234.5, 1), fr.euros(1234.5), fr.pourcentage(0.25), fr.date(datetime.date(2027, 3, 1))
        fr.heure(datetime.time(9, 30)), fr.date(datetime.date(2027, 3, 1), "court")
        donnees.clara(), donnees.maelle()
    except Exception:  # noqa: BLE001 - a warm-up only: the copies load what is missing themselves
        pass


def prechauffer() -> tuple[object, set[str]]:
    """Importe ce que les cellules utilisent, prépare le shell et l'échauffe ; renvoie le shell
    et les noms de son espace de départ."""
    import importlib
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from obm.correction.moteur.coquille import creer_shell

    shell = creer_shell()
    for nom in MODULES_CHAUDS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                importlib.import_module(nom)
        except Exception:  # noqa: BLE001 - optional
            pass
    _importer_obm()
    import obm

    obm._afficher_les_figures()
    try:
        shell.enable_matplotlib("inline")
    except Exception:  # noqa: BLE001 - figures are still shown by obm's own formatter
        pass
    initial = set(shell.user_ns)
    from obm.correction.moteur.coquille import SORTIES, vider_espace

    # Throw-away cells: IPython's compiler and transformers, pandas' first operations and HTML
    # display, a first figure drawn to PNG (fonts, text layout, dates on an axis).
    SORTIES.commencer(None)
    SORTIES.muette = True
    shell.run_cell("import pandas as _pd\n_x = _pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})"
                   ".groupby('a').sum()\n_x", store_history=True)
    shell.run_cell("import datetime as _dt\nfrom matplotlib.figure import Figure as _F\n_f = _F()\n"
                   "_a = _f.add_subplot()\n_a.barh(['é', 'b'], [1, 2], left=[_dt.date(2027, 5, 3)] * 2)\n"
                   "_a.set_title('Titre')\n_a.xaxis_date()\n_f.autofmt_xdate()\n_f", store_history=True)
    # A failing cell: IPython's coloured traceback (stack_data, pygments' lexer tables, inspect's
    # module cache) costs more than most cells the first time; a wrong copy fails often.
    shell.run_cell("def _f(x):\n    return 1 / x\n\n_f(0)", store_history=True)
    _echauffer_les_donnees()
    SORTIES.muette = False
    # Nothing of the warm-up's error is inherited by the copies.
    sys.last_type = sys.last_value = sys.last_traceback = None
    shell.last_execution_succeeded = True
    vider_espace(shell, initial)
    import gc

    gc.collect()
    gc.freeze()  # keep the warm objects out of the children's garbage collections (copy-on-write)
    return shell, initial


# --- Server side ---------------------------------------------------------------------------------

class Serveur:
    def __init__(self, controle: socket.socket, reglages: dict):
        self.controle = controle
        self.racine = reglages["racine"]
        self.bac_a_sable = bool(reglages.get("bac_a_sable"))
        self.inactivite = float(reglages.get("inactivite", 120))
        self.garder = [str(c) for c in reglages.get("garder", [])]
        self.enfants: dict[int, int] = {}  # pid of the process running the copy -> pid to reap

    def boucle(self) -> None:
        dernier = time.monotonic()
        while True:
            self._recolter()
            attente = None if self.enfants else max(0.0, dernier + self.inactivite - time.monotonic())
            pret, _, _ = select.select([self.controle], [], [], 1.0 if attente is None else min(attente, 1.0))
            if not pret:
                if not self.enfants and time.monotonic() - dernier >= self.inactivite:
                    return
                continue
            try:
                entete, _ = protocole.recevoir(self.controle)
            except protocole.Coupure:
                return
            dernier = time.monotonic()
            genre = entete["type"]
            if genre == "copie":
                self._copie(entete)
            elif genre == "signal":
                self._signal(int(entete["pid"]), int(entete["signal"]))
            elif genre == "finir":
                self._finir([int(p) for p in entete.get("pids", [])])
                protocole.envoyer(self.controle, {"type": "fini"})
            elif genre == "quitter":
                return

    def _recolter(self) -> None:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for cle, valeur in list(self.enfants.items()):
                if valeur == pid:
                    del self.enfants[cle]

    def _signal(self, pid: int, numero: int) -> None:
        if pid in self.enfants:
            try:
                if numero == signal.SIGKILL and not self.bac_a_sable:
                    os.killpg(pid, numero)  # no pid namespace: the copy's whole process group
                else:
                    os.kill(pid, numero)
            except (ProcessLookupError, PermissionError):
                pass

    def _finir(self, pids: list[int]) -> None:
        for pid in pids:
            self._signal(pid, signal.SIGKILL)
        fin = time.monotonic() + 10
        while any(p in self.enfants for p in pids) and time.monotonic() < fin:
            self._recolter()
            time.sleep(0.005)

    def _copie(self, demande: dict) -> None:
        prises, pids = [], {}
        for role in ("apprenante", "test"):
            parent, pid, a_recolter = self._forker(role, demande)
            prises.append(parent)
            pids[role] = pid
            self.enfants[pid if pid is not None else -a_recolter] = a_recolter
        socket.send_fds(self.controle, [b"F"], [p.fileno() for p in prises])
        for prise in prises:
            prise.close()
        protocole.envoyer(self.controle, {"type": "copie", **pids})

    def _forker(self, role: str, demande: dict):
        parent, enfant = socket.socketpair()
        lecture, ecriture = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(lecture)
            parent.close()
            self._enfant(role, demande, enfant, ecriture)
        os.close(ecriture)
        enfant.close()
        texte = b""
        fin = time.monotonic() + 30
        while time.monotonic() < fin:
            pret, _, _ = select.select([lecture], [], [], 0.5)
            if pret:
                morceau = os.read(lecture, 64)
                if not morceau:
                    break
                texte += morceau
                if texte.endswith(b"\n"):
                    break
        os.close(lecture)
        try:
            cible = int(texte.strip())
        except ValueError:
            cible = None
        return parent, cible, pid

    def _enfant(self, role: str, demande: dict, canal: socket.socket, ecriture: int):  # pragma: no cover
        from obm.correction.moteur import isolement

        statut = 70
        try:
            nul = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(nul, fd)
            garder = {canal.fileno(), ecriture}
            for fd in range(3, _max_fd()):
                if fd not in garder:
                    try:
                        os.close(fd)
                    except OSError:
                        pass
            isolement.lier_au_parent()
            os.setsid()
            dossier = demande["dossier"]
            limites = demande.get("limites", {})
            if self.bac_a_sable:
                isolement.separer()
                isolement.cacher_les_autres_copies(self.racine, dossier, ecriture=(role == "apprenante"),
                                                  tmp_octets=int(limites.get("tmp") or 64 * 1024**2),
                                                  garder=self.garder)
                pid = os.fork()
                if pid:
                    os.write(ecriture, f"{pid}\n".encode())
                    os.close(ecriture)
                    canal.close()
                    while True:
                        try:
                            _, etat = os.waitpid(pid, 0)
                            statut = os.waitstatus_to_exitcode(etat) & 0xFF
                            break
                        except InterruptedError:
                            continue
                        except ChildProcessError:
                            break
                    os._exit(statut)
                os.close(ecriture)
                isolement.lier_au_parent()
                isolement.monter_proc()
            else:
                os.write(ecriture, f"{os.getpid()}\n".encode())
                os.close(ecriture)
            isolement.limiter(memoire=limites.get("memoire"), fichier=limites.get("fichier"),
                              processeur=limites.get("processeur"))
            if self.bac_a_sable:
                isolement.abandonner_les_droits()
            from obm.correction.moteur import processus

            processus.servir(role, canal, dossier, (demande.get("environnement") or {}).get(role, {}))
            statut = 0
        except BaseException as erreur:  # noqa: BLE001 - say why, then go
            try:
                protocole.envoyer(canal, {"type": "erreur", "message": f"{type(erreur).__name__} : {erreur}"})
            except Exception:  # noqa: BLE001
                pass
        finally:
            os._exit(statut)


def _max_fd() -> int:
    try:
        return min(os.sysconf("SC_OPEN_MAX"), 4096)
    except (ValueError, OSError):
        return 1024


def main() -> None:
    controle = socket.socket(fileno=os.dup(0))
    nul = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nul, 0)
    os.close(nul)
    entete, _ = protocole.recevoir(controle)
    debut = time.perf_counter()
    shell, _ = prechauffer()
    from obm.correction.moteur import processus

    processus.SHELL = shell
    from obm.correction.moteur import isolement

    protocole.envoyer(controle, {"type": "pret", "duree": time.perf_counter() - debut,
                                 "memoire": isolement.memoire_virtuelle(), "pid": os.getpid()})
    Serveur(controle, entete).boucle()


if __name__ == "__main__":
    sys.exit(main())
