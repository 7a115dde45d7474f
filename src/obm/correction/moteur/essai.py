"""L'essai du bac à sable : ``python -m obm.correction.moteur.essai DOSSIER``, lancé sous bubblewrap.

Refait, sans rien importer de lourd, ce que l'interpréteur chaud fait pour chaque copie : un
processus forké s'isole (espaces de noms, montages, ``/proc``, abandon des droits), puis vérifie
qu'il ne voit pas le dossier d'une autre copie et ne peut plus rien monter. Écrit
« ISOLEMENT OK » si tout a marché.
"""

from __future__ import annotations

import os
import sys


def _enfant(racine: str, copie: str) -> int:
    from obm.correction.moteur import isolement

    isolement.lier_au_parent()
    isolement.separer()
    isolement.cacher_les_autres_copies(racine, copie, ecriture=False, tmp_octets=8 * 1024**2)
    pid = os.fork()
    if pid:
        _, etat = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(etat)
    try:
        if not isolement.monter_proc():
            return 3
        isolement.limiter(memoire=256 * 1024**2, fichier=1024**2, processeur=10)
        isolement.abandonner_les_droits()
        if os.listdir(racine) != [os.path.basename(copie)]:
            return 4
        try:
            open(os.path.join(copie, "ecrit"), "w").close()
            return 5  # the test process's copy must be read-only
        except OSError:
            pass
        try:
            isolement._monter("tmpfs", "/tmp", "tmpfs", 0)
            return 6
        except isolement.IsolementImpossible:
            pass
        return 0
    except BaseException as erreur:  # noqa: BLE001
        print(f"{type(erreur).__name__} : {erreur}", flush=True)
        return 7
    finally:
        sys.stdout.flush()


def main() -> int:
    racine = sys.argv[1]
    copie = os.path.join(racine, "copie-a")
    for nom in ("copie-a", "copie-b"):
        os.makedirs(os.path.join(racine, nom), exist_ok=True)
    pid = os.fork()
    if pid == 0:
        try:
            code = _enfant(racine, copie)
        except BaseException as erreur:  # noqa: BLE001
            print(f"{type(erreur).__name__} : {erreur}", flush=True)
            code = 2
        os._exit(code)
    _, etat = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(etat)
    print("ISOLEMENT OK" if code == 0 else f"ISOLEMENT IMPOSSIBLE (étape {code})", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
