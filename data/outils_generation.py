"""What the single-file generators of data/ share: write a file, check it, and the command line.

A generator gives its file name, a function that returns the file's text, and its messages;
``main`` then offers ``--verifier`` (fail when the committed file differs from what the generator
writes). Used by ``generer_enquete_enps.py``; standard library only, so that `make data` never
depends on a package version.
"""

import argparse
import sys
import tempfile
from pathlib import Path


def ecrire(dossier, fichier, texte):
    """Write `texte` into `dossier/fichier` (UTF-8, `\\n` line ends as given)."""
    (Path(dossier) / fichier).write_text(texte, encoding="utf-8")


def fichiers_differents(dossier, fichier, texte):
    """[fichier] if the file in `dossier` differs from `texte` once written, else []."""
    with tempfile.TemporaryDirectory() as tmp:
        ecrire(tmp, fichier, texte)
        chemin = Path(dossier) / fichier
        if not chemin.is_file() or chemin.read_bytes() != (Path(tmp) / fichier).read_bytes():
            return [fichier]
        return []


def main(argv, *, dossier, fichier, texte, description, message_ecart, message_ok):
    """The command line of a generator: write the file, or check it with --verifier."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--verifier", action="store_true",
                        help="ne rien écrire ; échouer si le fichier diffère du générateur")
    args = parser.parse_args(argv)
    if args.verifier:
        if fichiers_differents(dossier, fichier, texte()):
            print(f"{message_ecart} (fichier concerné : {fichier}).", file=sys.stderr)
            return 1
        print(message_ok)
        return 0
    ecrire(dossier, fichier, texte())
    print(f"Données écrites dans {dossier} : {fichier}.")
    return 0
