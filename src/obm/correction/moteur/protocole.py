"""Les messages entre le correcteur, l'interpréteur chaud et les processus d'une copie.

Un message : 4 octets (taille de l'en-tête), l'en-tête en JSON, 4 octets (taille de la charge),
la charge (des octets : le texte d'une cellule, des sorties en JSON, des valeurs encodées).
Le correcteur lit ce que lui envoie un processus de l'apprenante comme des données hostiles :
tailles bornées, délai borné, JSON seulement.
"""

from __future__ import annotations

import json
import socket
import struct
import time

LIMITE_ENTETE = 64 * 1024
_TAILLE = struct.Struct(">I")


class Coupure(Exception):
    """L'autre bout a fermé (processus mort) ou a envoyé un message illisible."""


class Delai(Exception):
    """Pas de message avant l'échéance."""


class TropGros(Coupure):
    """Un message plus gros que permis : l'échange avec ce processus s'arrête là."""


def envoyer(canal: socket.socket, entete: dict, charge: bytes = b"") -> None:
    texte = json.dumps(entete, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        canal.sendall(_TAILLE.pack(len(texte)) + texte + _TAILLE.pack(len(charge)) + charge)
    except OSError as erreur:
        raise Coupure(str(erreur)) from None


def _lire(canal: socket.socket, taille: int, echeance: float | None) -> bytes:
    morceaux, reste = [], taille
    while reste:
        if echeance is not None:
            delai = echeance - time.monotonic()
            if delai <= 0:
                raise Delai() if not morceaux else Coupure("message interrompu")
            canal.settimeout(delai)
        else:
            canal.settimeout(None)
        try:
            morceau = canal.recv(min(reste, 1 << 20))
        except socket.timeout:
            raise (Delai() if not morceaux else Coupure("message interrompu")) from None
        except OSError as erreur:
            raise Coupure(str(erreur)) from None
        if not morceau:
            raise Coupure("fin de l'échange")
        morceaux.append(morceau)
        reste -= len(morceau)
    return b"".join(morceaux)


def recevoir(canal: socket.socket, *, echeance: float | None = None,
             limite_charge: int = 64 * 1024**2) -> tuple[dict, bytes]:
    """Le message suivant (en-tête, charge) ; lève :class:`Delai`, :class:`Coupure`, :class:`TropGros`.

    Un délai dépassé au milieu d'un message laisse l'échange désynchronisé : l'appelant le
    traite comme une coupure s'il ne s'agit pas du tout début.
    """
    taille = _TAILLE.unpack(_lire(canal, 4, echeance))[0]
    if taille > LIMITE_ENTETE:
        raise TropGros(f"en-tête de {taille} octets")
    try:
        brut = _lire(canal, taille, echeance)
        entete = json.loads(brut)
        taille_charge = _TAILLE.unpack(_lire(canal, 4, echeance))[0]
        if taille_charge > limite_charge:
            raise TropGros(f"message de {taille_charge} octets")
        charge = _lire(canal, taille_charge, echeance) if taille_charge else b""
    except Delai:
        raise Coupure("message interrompu") from None
    except (ValueError, RecursionError):
        raise Coupure("message illisible") from None
    if not isinstance(entete, dict) or not isinstance(entete.get("type"), str):
        raise Coupure("message sans type")
    return entete, charge
