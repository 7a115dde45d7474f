"""Le shell IPython des processus d'une copie : il exécute une cellule et en garde les sorties
au format des notebooks (flux, affichages, résultat, erreur), comme le ferait un noyau Jupyter.

Créé une fois dans l'interpréteur chaud, avant tout fork : chaque processus de copie en hérite
tout prêt. Internals in English.
"""

from __future__ import annotations

import base64
import io
import json
import sys

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets import Type


class SortieTropLongue(Exception):
    """Levée dans le code de la copie quand ses sorties dépassent le plafond de la cellule."""


def _donnees(format_dict: dict) -> dict:
    """A display's mime bundle as nbformat stores it (binary images in base64)."""
    donnees = {}
    for cle, valeur in format_dict.items():
        if isinstance(valeur, (bytes, bytearray)):
            valeur = base64.b64encode(valeur).decode("ascii")
        elif not isinstance(valeur, str):
            try:
                valeur = json.loads(json.dumps(valeur, default=str))
            except (TypeError, ValueError):
                valeur = str(valeur)
        donnees[str(cle)] = valeur
    return donnees


def _taille(sortie: dict) -> int:
    if sortie["output_type"] == "stream":
        return len(sortie["text"])
    if sortie["output_type"] == "error":
        return 0  # errors always stay: they decide the score
    return sum(len(v) if isinstance(v, str) else len(json.dumps(v)) for v in sortie["data"].values())


class Sorties:
    """Les sorties de la cellule en cours, avec un plafond (en caractères, comme le correcteur)."""

    def __init__(self):
        self.commencer(None)

    def commencer(self, plafond: int | None) -> None:
        self.liste: list[dict] = []
        self.plafond = plafond
        self.taille = 0
        self.coupee = False
        self.muette = False

    def ajouter(self, sortie: dict) -> None:
        if self.muette:
            return
        if self.coupee:
            raise SortieTropLongue()
        taille = _taille(sortie)
        if self.plafond is not None and self.taille + taille > self.plafond:
            reste = self.plafond - self.taille
            if sortie["output_type"] == "stream" and reste > 0:
                self._flux(sortie["name"], sortie["text"][:reste])
            self.taille = self.plafond
            self.coupee = True
            raise SortieTropLongue()
        self.taille += taille
        if sortie["output_type"] == "stream":
            self._flux(sortie["name"], sortie["text"])
        else:
            self.liste.append(sortie)

    def _flux(self, nom: str, texte: str) -> None:
        derniere = self.liste[-1] if self.liste else None
        if derniere is not None and derniere["output_type"] == "stream" and derniere["name"] == nom:
            derniere["text"] += texte
        else:
            self.liste.append({"output_type": "stream", "name": nom, "text": texte})

    def effacer(self) -> None:
        self.liste = []


SORTIES = Sorties()
COMPTE = [1]  # the execution count of the cell being run (what the notebook shows)


class Flux(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` d'un processus de copie."""

    def __init__(self, nom: str):
        super().__init__()
        self.nom = nom

    @property
    def encoding(self):
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, texte) -> int:
        if not isinstance(texte, str):
            raise TypeError(f"write() argument must be str, not {type(texte).__name__}")
        if texte:
            SORTIES.ajouter({"output_type": "stream", "name": self.nom, "text": texte})
        return len(texte)

    def flush(self) -> None:
        pass


class Publieur(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        SORTIES.ajouter({"output_type": "display_data", "data": _donnees(data),
                         "metadata": _donnees(metadata or {})})

    def clear_output(self, wait=False):
        SORTIES.effacer()


class Crochet(DisplayHook):
    """Le résultat d'une cellule (sa dernière expression) devient un ``execute_result``."""

    def start_displayhook(self):
        pass

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        SORTIES.ajouter({"output_type": "execute_result", "data": _donnees(format_dict),
                         "metadata": _donnees(md_dict or {}),
                         "execution_count": COMPTE[0]})

    def finish_displayhook(self):
        pass


class ShellCorrection(InteractiveShell):
    """InteractiveShell dont les sorties vont dans :data:`SORTIES`."""

    display_pub_class = Type(Publieur)
    displayhook_class = Type(Crochet)

    def _showtraceback(self, etype, evalue, stb):
        if SORTIES.coupee or SORTIES.muette:
            return
        try:
            nom = etype.__name__
        except AttributeError:
            nom = str(etype)
        try:
            texte = str(evalue)
        except Exception:  # noqa: BLE001 - an exception whose str() fails
            texte = ""
        SORTIES.liste.append({"output_type": "error", "ename": nom, "evalue": texte,
                              "traceback": [str(ligne) for ligne in stb]})

    def enable_gui(self, gui=None):
        pass


def creer_shell() -> ShellCorrection:
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "linux"
    config.InteractiveShell.autocall = 0
    shell = ShellCorrection.instance(config=config)
    return shell


def vider_espace(shell: ShellCorrection, initial: set[str]) -> None:
    """Remet l'espace de noms de l'utilisateur dans son état de départ (après l'échauffement)."""
    for nom in list(shell.user_ns):
        if nom not in initial:
            del shell.user_ns[nom]
    shell.execution_count = 1


def rediriger_flux() -> None:
    sys.stdout = Flux("stdout")
    sys.stderr = Flux("stderr")
