"""Lance une commande sous des limites de ressources (la correction sans bubblewrap).

``python -m obm.correction.lanceur --memoire=OCTETS --fichier=OCTETS --processeur=SECONDES -- CMD…``
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
