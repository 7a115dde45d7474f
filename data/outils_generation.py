"""What the single-file generators of data/ share: write a file, check it, and the command line.

A one-file generator gives its file name, a function that returns the file's text, and its
messages, and calls ``main``; a generator that writes several files gives their names and its
``generer(dossier)`` to ``main_fichiers``. Both offer ``--verifier`` (fail when a committed file
differs from what the generator writes). Used by every ``generer*.py`` of data/; standard library
only, so that `make data` never depends on a package version.
"""

import argparse
import csv
import sys
import tempfile
from pathlib import Path


def ecrire(dossier, fichier, texte):
    """Write `texte` into `dossier/fichier` (UTF-8, `\\n` line ends as given)."""
    (Path(dossier) / fichier).write_text(texte, encoding="utf-8")


def ecrire_csv(chemin, lignes):
    """Write the rows (dicts with the same keys, in column order) as a CSV file at `chemin`."""
    with open(chemin, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(lignes[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(lignes)


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


def fichiers_generes_differents(dossier, fichiers, generer):
    """Names among `fichiers` that are missing from `dossier` or differ from what `generer(tmp)`
    writes (a generator that writes several files)."""
    with tempfile.TemporaryDirectory() as tmp:
        generer(tmp)
        return [nom for nom in fichiers
                if not (Path(dossier) / nom).is_file()
                or (Path(dossier) / nom).read_bytes() != (Path(tmp) / nom).read_bytes()]


def main_fichiers(argv, *, dossier, fichiers, generer, description, message_ecart, message_ok):
    """The command line of a generator that writes several files (or one, through `generer`):
    write them, or check them with --verifier."""
    parser = argparse.ArgumentParser(description=description)
    pluriel = len(fichiers) > 1
    parser.add_argument("--verifier", action="store_true",
                        help="ne rien écrire ; échouer si un fichier diffère du générateur")
    args = parser.parse_args(argv)
    if args.verifier:
        ecarts = fichiers_generes_differents(dossier, fichiers, generer)
        if ecarts:
            print(f"{message_ecart} (fichier{'s' if pluriel else ''} concerné{'s' if pluriel else ''}\u202f: "
                  f"{', '.join(ecarts)}).", file=sys.stderr)
            return 1
        print(message_ok)
        return 0
    generer(dossier)
    print(f"Données écrites dans {dossier}\u202f: {', '.join(fichiers)}.")
    return 0
