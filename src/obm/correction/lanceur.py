"""Lance le noyau d'une copie : lié à la vie du correcteur, et sous des limites de ressources.

``python -m obm.correction.lanceur [--parent=PID] [--memoire=OCTETS] [--fichier=OCTETS]
[--processeur=SECONDES] -- CMD…``

``--parent`` : sous Linux, la commande reçoit SIGKILL quand le correcteur meurt (même tué par
``kill -9`` pendant le démarrage du noyau), et ne démarre pas s'il est déjà mort. Les limites
servent à la correction sans bubblewrap.
"""

from __future__ import annotations

import os
import sys


def main(arguments: list[str] | None = None) -> None:
    import resource

    arguments = list(sys.argv[1:] if arguments is None else arguments)
    separateur = arguments.index("--")
    options = dict(a.lstrip("-").split("=", 1) for a in arguments[:separateur])
    commande = arguments[separateur + 1:]
    if "parent" in options and sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        if os.getppid() != int(options["parent"]):
            os._exit(1)  # the grader died before the kernel could start
    for nom, limite in (("memoire", resource.RLIMIT_AS), ("fichier", resource.RLIMIT_FSIZE),
                        ("processeur", resource.RLIMIT_CPU)):
        if nom in options:
            valeur = int(options[nom])
            try:
                resource.setrlimit(limite, (valeur, valeur))
            except (ValueError, OSError):  # macOS refuses some limits: keep the others
                pass
    os.execvp(commande[0], commande)


if __name__ == "__main__":
    main()
