"""Ce que font les deux processus d'une copie, une fois forkés et isolés (voir ``serveur``).

Le **processus de l'apprenante** est du code non fiable dès sa première cellule : rien de ce
qu'il envoie n'est cru sans vérification (le correcteur borne tailles et délais, le processus
de test relit les valeurs avec ``valeurs``). Le **processus de test** n'exécute que le carnet de
notes (cellules verrouillées et cellules de test) sur des données : aucun objet de la copie.
"""

from __future__ import annotations

import functools
import json
import os
import random
import signal
import socket
import sys
import types

from obm.correction.moteur import protocole, valeurs
from obm.correction.moteur.coquille import COMPTE, SORTIES, SortieTropLongue, rediriger_flux
from obm.sondes import ErreurDeLaFonction

SHELL = None  # the warm IPython shell, set by the server before any fork

FONCTIONS = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, functools.partial)


def _bloquer_interruptions():
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _debloquer(masque) -> None:
    signal.pthread_sigmask(signal.SIG_SETMASK, masque)


def _envoyer(canal, entete: dict, charge: bytes = b"") -> None:
    """Send without being cut by an interrupt (a pending SIGINT lands after, harmlessly)."""
    masque = _bloquer_interruptions()
    try:
        protocole.envoyer(canal, entete, charge)
    finally:
        _debloquer(masque)


def _sorties() -> bytes:
    return json.dumps(SORTIES.liste, ensure_ascii=False, allow_nan=True).encode("utf-8")


def _executer(source: str, compte: int, plafond: int | None) -> dict:
    SORTIES.commencer(plafond)
    SHELL.execution_count = COMPTE[0] = compte
    erreur = False
    try:
        resultat = SHELL.run_cell(source, store_history=True)
        erreur = bool(resultat.error_before_exec or resultat.error_in_exec)
    except SortieTropLongue:
        erreur = True
    except KeyboardInterrupt:
        erreur = True
        SORTIES.liste.append({"output_type": "error", "ename": "KeyboardInterrupt", "evalue": "",
                              "traceback": ["KeyboardInterrupt"]})
    return {"erreur": erreur, "coupee": SORTIES.coupee}


def _hasard() -> None:
    """Fresh randomness in each forked process (they all start from the warm interpreter's)."""
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(int.from_bytes(os.urandom(4), "little"))


def servir(role: str, canal: socket.socket, dossier: str, environnement: dict) -> None:
    """La boucle d'un processus de copie (ne revient pas)."""
    os.chdir(dossier)
    os.environ.update({str(k): str(v) for k, v in environnement.items()})
    _hasard()
    rediriger_flux()
    if role == "test":
        _preparer_test(dossier)
    protocole.envoyer(canal, {"type": "pret", "pid": os.getpid()})
    processus = Apprenante(canal, dossier) if role == "apprenante" else Test(canal, dossier)
    while True:
        try:
            entete, charge = protocole.recevoir(canal)
        except KeyboardInterrupt:
            continue
        except protocole.Coupure:
            os._exit(0)
        if entete["type"] == "fin":
            os._exit(0)
        try:
            processus.traiter(entete, charge)
        except KeyboardInterrupt:
            _envoyer(canal, {"type": "interrompu"})


# --- The learner's process -----------------------------------------------------------------------

def _est_fonction(valeur) -> bool:
    return any(type(valeur) is classe for classe in FONCTIONS)


class Apprenante:
    def __init__(self, canal, dossier: str):
        self.canal = canal
        self.dossier = dossier
        self.sondables: dict[int, dict[str, object]] = {}
        self.sondage = False  # once probes carry hidden inputs, nothing it prints is kept

    def traiter(self, entete: dict, charge: bytes) -> None:
        genre = entete["type"]
        if genre == "executer":
            etat = _executer(charge.decode("utf-8", "replace"), int(entete.get("compte", 1)),
                             entete.get("plafond"))
            if self.sondage:
                SORTIES.liste = []
            _envoyer(self.canal, {"type": "resultat", **etat}, _sorties())
        elif genre == "valeurs":
            _envoyer(self.canal, {"type": "valeurs"}, self.instantane(entete))
        elif genre == "sonde":
            self.sondage = True
            self.sonde(entete, charge)

    def instantane(self, demande: dict) -> bytes:
        """Les valeurs qu'une cellule de test lit, telles qu'elles sont maintenant."""
        espace = SHELL.user_ns
        numero = int(demande.get("instantane", 0))
        requis = [str(n) for n in demande.get("requis", [])]
        facultatifs = [str(n) for n in demande.get("facultatifs", [])]
        morceaux, refus, absents, fonctions = [], {}, [], []
        taille = 0
        SORTIES.commencer(None)
        SORTIES.muette = True
        try:
            for nom in requis + facultatifs:
                if nom not in espace:
                    absents.append(nom)
                    continue
                valeur = espace[nom]
                if _est_fonction(valeur):
                    self.sondables.setdefault(numero, {})[nom] = valeur
                    fonctions.append(nom)
                    continue
                try:
                    texte = valeurs.encoder(valeur)
                except valeurs.ValeurRefusee as refus_valeur:
                    refus[nom] = refus_valeur.raison
                    continue
                except Exception as erreur:  # noqa: BLE001 - a value whose reading fails
                    refus[nom] = f"la valeur n'a pas pu être lue ({type(erreur).__name__})"
                    continue
                taille += len(texte)
                if taille > valeurs.LIMITE_OCTETS:
                    refus[nom] = (f"les valeurs lues par ce test dépassent "
                                  f"{valeurs.LIMITE_OCTETS // 1024**2} Mio une fois transmises")
                    continue
                morceaux.append(json.dumps(nom) + ":" + texte)
        finally:
            SORTIES.muette = False
        texte = ('{"valeurs":{' + ",".join(morceaux) + '},"refus":' + json.dumps(refus, ensure_ascii=False)
                 + ',"absents":' + json.dumps(absents) + ',"fonctions":' + json.dumps(fonctions) + "}")
        return texte.encode("utf-8")

    def sonde(self, demande: dict, charge: bytes) -> None:
        SORTIES.commencer(None)
        SORTIES.muette = True
        fonction = self.sondables.get(int(demande.get("instantane", -1)), {}).get(str(demande.get("nom")))
        if fonction is None:
            _envoyer(self.canal, {"type": "sonde", "statut": "refus",
                                  "raison": "cette fonction n'a pas été transmise"})
            return
        try:
            appel = valeurs.decoder(charge, dossier=self.dossier)
            arguments, options = appel["args"], appel["kwargs"]
        except (valeurs.ValeurRefusee, KeyError, TypeError) as erreur:
            _envoyer(self.canal, {"type": "sonde", "statut": "refus", "raison": str(erreur)})
            return
        try:
            resultat = fonction(*arguments, **options)
        except KeyboardInterrupt:
            _envoyer(self.canal, {"type": "sonde", "statut": "interrompue"})
            return
        except BaseException as erreur:  # noqa: BLE001 - the learner's function failed: say how
            try:
                noms = [c.__name__ for c in type(erreur).__mro__ if c not in (BaseException, object)]
                message = str(erreur)[:2000]
            except Exception:  # noqa: BLE001
                noms, message = ["Exception"], ""
            _envoyer(self.canal, {"type": "sonde", "statut": "erreur", "types": noms[:20],
                                  "message": message})
            return
        try:
            texte = valeurs.encoder(resultat)
        except valeurs.ValeurRefusee as refus:
            _envoyer(self.canal, {"type": "sonde", "statut": "refus", "raison": refus.raison})
            return
        except Exception as erreur:  # noqa: BLE001
            _envoyer(self.canal, {"type": "sonde", "statut": "refus",
                                  "raison": f"le résultat n'a pas pu être lu ({type(erreur).__name__})"})
            return
        _envoyer(self.canal, {"type": "sonde", "statut": "ok"}, texte.encode("utf-8"))


# --- The test process ----------------------------------------------------------------------------

def _preparer_test(dossier: str) -> None:
    """Nothing of the copy's folder is importable here, and library warnings cost no points."""
    import warnings

    reel = os.path.realpath(dossier)
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and os.path.realpath(p) != reel
                   and not os.path.realpath(p).startswith(reel + os.sep)]
    warnings.resetwarnings()
    warnings.simplefilter("ignore")


class FonctionApprenante:
    """Une fonction de l'apprenante, vue du processus de test : l'appeler est un appel-sonde."""

    __slots__ = ("nom", "_instantane", "_canal", "_dossier")

    def __init__(self, nom: str, instantane: int, canal, dossier: str):
        self.nom, self._instantane, self._canal, self._dossier = nom, instantane, canal, dossier

    def __repr__(self) -> str:
        return f"<fonction {self.nom} de l'apprenante (appel-sonde)>"

    def __call__(self, *arguments, **options):
        try:
            charge = valeurs.encoder({"args": list(arguments), "kwargs": dict(options)})
        except valeurs.ValeurRefusee as refus:
            raise valeurs.ValeurRefusee(f"argument de sonde non transmissible : {refus.raison}") from None
        protocole.envoyer(self._canal, {"type": "sonde", "instantane": self._instantane, "nom": self.nom},
                          charge.encode("utf-8"))
        entete, reponse = protocole.recevoir(self._canal)
        statut = entete.get("statut")
        if statut == "ok":
            return valeurs.decoder(reponse, dossier=self._dossier)
        if statut == "erreur":
            noms = entete.get("types")
            noms = tuple(str(n) for n in noms) if isinstance(noms, list) else ("Exception",)
            raise ErreurDeLaFonction(noms, str(entete.get("message", "")))
        if statut == "refus":
            raise valeurs.ValeurRefusee(f"{self.nom}(…) : {entete.get('raison', 'résultat refusé')}")
        raise ErreurDeLaFonction(("TimeoutError",), str(entete.get("message") or
                                 f"{self.nom}(…) n'a pas répondu à temps"))


def _description(valeur) -> str:
    texte = repr(valeur)
    return texte if len(texte) <= 60 else texte[:57] + "…"


def note_partielle(valeur, points: float) -> tuple[float | None, str | None]:
    """La note d'une cellule à note partielle, ou la raison (en français) de lui donner 0."""
    numpy = sys.modules.get("numpy")
    nombre = type(valeur) in (int, float) or (
        numpy is not None and isinstance(valeur, (numpy.integer, numpy.floating))
        and type(valeur) in numpy.sctypeDict.values())
    if not nombre:
        return None, f"elle a donné {_description(valeur)} (type {type(valeur).__name__}), pas un nombre"
    note = float(valeur)
    if note != note or note in (float("inf"), float("-inf")):
        return None, f"elle a donné {_description(valeur)}"
    if not 0 <= note <= points:
        return None, f"elle a donné {_description(valeur)}, hors de 0 à {points:g}"
    return note, None


class Test:
    def __init__(self, canal, dossier: str):
        self.canal = canal
        self.dossier = dossier

    def traiter(self, entete: dict, charge: bytes) -> None:
        genre = entete["type"]
        if genre == "preparer":
            _envoyer(self.canal, {"type": "prepare", "erreurs": self.preparer(json.loads(charge))})
        elif genre == "tester":
            etat = self.tester(entete, charge)
            _envoyer(self.canal, {"type": "resultat", **etat}, _sorties())

    def preparer(self, cellules: list) -> list:
        """Exécute les cellules verrouillées (sorties jetées) ; renvoie leurs erreurs."""
        erreurs = []
        SHELL.ast_node_interactivity = "none"
        for nom, source in cellules:
            SORTIES.commencer(None)
            resultat = SHELL.run_cell(str(source), store_history=False)
            if not resultat.success:
                echec = resultat.error_in_exec or resultat.error_before_exec
                erreurs.append([str(nom), type(echec).__name__, str(echec)[:500]])
        SORTIES.commencer(None)
        return erreurs

    def _recevoir_valeurs(self, instantane, requis: list, facultatifs: list, numero: int) -> dict:
        """Met les valeurs reçues dans l'espace du test ; renvoie les refus (nom -> raison)."""
        espace = SHELL.user_ns
        refus = {}
        forme_valide = (isinstance(instantane, dict) and isinstance(instantane.get("valeurs"), dict)
                        and isinstance(instantane.get("refus"), dict)
                        and isinstance(instantane.get("fonctions"), list))
        if not forme_valide:
            return {nom: "la transmission des valeurs est illisible" for nom in requis}
        recues, refusees = instantane["valeurs"], instantane["refus"]
        fonctions = {n for n in instantane["fonctions"] if isinstance(n, str)}
        for nom in requis + facultatifs:
            if nom in recues:
                try:
                    espace[nom] = valeurs.construire(recues[nom], dossier=self.dossier)
                    continue
                except valeurs.ValeurRefusee as erreur:
                    raison = erreur.raison
            elif nom in fonctions:
                espace[nom] = FonctionApprenante(nom, numero, self.canal, self.dossier)
                continue
            elif nom in refusees:
                raison = str(refusees[nom])[:500]
            else:
                espace.pop(nom, None)
                continue
            espace.pop(nom, None)
            if nom in requis:
                refus[nom] = raison
        return refus

    def tester(self, demande: dict, charge: bytes) -> dict:
        from obm.correction.moteur.cellules import NOM_NOTE, CaptureNote

        compte = int(demande.get("compte", 1))
        points = float(demande.get("points", 0))
        partielle = bool(demande.get("partielle"))
        requis = [str(n) for n in demande.get("requis", [])]
        facultatifs = [str(n) for n in demande.get("facultatifs", [])]
        try:
            donnees = json.loads(charge)
            source = str(donnees["source"])
            instantane = donnees.get("instantane")
        except (ValueError, KeyError, TypeError, RecursionError):
            source, instantane = "", None
        refus = self._recevoir_valeurs(instantane, requis, facultatifs, int(demande.get("instantane", 0)))
        SORTIES.commencer(demande.get("plafond"))
        if refus:
            details = " ; ".join(f"{nom} : {raison}" for nom, raison in refus.items())
            # Shown to the learner (the feedback keeps display data, never a test cell's errors).
            texte = (f"⛔ Ta réponse n'a pas pu être corrigée — {details}. Écris-la avec des valeurs "
                     "simples (nombres, textes, listes, dictionnaires, dates, tableaux pandas).")
            SORTIES.liste.append({"output_type": "display_data", "metadata": {},
                                  "data": {"text/plain": texte, "text/markdown": texte}})
            SORTIES.liste.append({"output_type": "error", "ename": "ValeurRefusee",
                                  "evalue": f"Test non exécuté, valeur refusée — {details}.",
                                  "traceback": [f"ValeurRefusee : test non exécuté, valeur refusée — {details}."]})
            return {"erreur": True, "refus": refus}
        SHELL.execution_count = COMPTE[0] = compte
        SHELL.ast_node_interactivity = "none"
        SHELL.ast_transformers = [CaptureNote()] if partielle else []
        SHELL.user_ns.pop(NOM_NOTE, None)
        try:
            resultat = SHELL.run_cell(source, store_history=True)
            erreur = bool(resultat.error_before_exec or resultat.error_in_exec)
        except SortieTropLongue:
            erreur = True
        finally:
            SHELL.ast_transformers = []
        etat = {"erreur": erreur, "coupee": SORTIES.coupee}
        if partielle and not erreur:
            note, raison = note_partielle(SHELL.user_ns.pop(NOM_NOTE, None), points)
            if raison is not None:
                message = (f"Note partielle invalide : cette cellule de test doit finir par un seul "
                           f"nombre entre 0 et {points:g} ; {raison}. Elle vaut 0.")
                SORTIES.liste.append({"output_type": "error", "ename": "NotePartielleInvalide",
                                      "evalue": message, "traceback": [message]})
                etat.update(erreur=True, note_invalide=raison)
            else:
                SORTIES.liste.append({"output_type": "execute_result", "execution_count": compte,
                                      "data": {"text/plain": repr(note)}, "metadata": {}})
        return etat
