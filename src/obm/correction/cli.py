"""La commande `obm`, lancée depuis la racine du cours (le dossier de nbgrader_config.py)."""

from __future__ import annotations

import argparse
import sys

from obm.erreurs import ErreurOBM


class _Formateur(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix or "utilisation : ")


class _Analyseur(argparse.ArgumentParser):
    """argparse, mais en français : titres, aide et messages d'erreur."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formateur)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="affiche cette aide et quitte")

    def error(self, message):
        traductions = {
            "the following arguments are required": "arguments obligatoires manquants",
            "unrecognized arguments": "arguments inconnus",
            "invalid choice": "choix invalide",
            "choose from": "choisis parmi",
        }
        for anglais, francais in traductions.items():
            message = message.replace(anglais, francais)
        self.print_usage(sys.stderr)
        self.exit(2, f"obm : erreur : {message}\n")


def _accueil(_arguments) -> int:
    from obm.accueil import ecrire

    print(f"Page d'accueil régénérée depuis le syllabus : {ecrire()}")
    return 0


def _syllabus(_arguments) -> int:
    from obm.syllabus import charger

    syllabus = charger()
    print(f"{syllabus.titre} : {len(syllabus.competences)} compétences, "
          f"{len(syllabus.modules)} modules dont {len(syllabus.publies)} publié(s).")
    for module in syllabus.modules:
        etat = "publié" if module.publie else "prévu"
        print(f"  {module.id:<22} {etat:<7} {module.duree_minutes:>3} min  "
              f"{', '.join(module.competences) if len(module.competences) < 18 else 'toutes'}")
    return 0


def construire_analyseur() -> argparse.ArgumentParser:
    analyseur = _Analyseur(
        prog="obm",
        description="Outils de l'Académie OBM pour les formatrices et les autrices du cours.\n"
                    "À lancer depuis la racine du cours (le dossier qui contient nbgrader_config.py).",
    )
    from obm import __version__

    analyseur.add_argument("--version", action="version", version=f"obm {__version__}",
                           help="affiche la version et quitte")
    sous = analyseur.add_subparsers(title="sous-commandes", metavar="SOUS-COMMANDE",
                                    parser_class=_Analyseur)
    sous.required = True
    accueil = sous.add_parser("accueil", help="régénère la page d'accueil depuis le syllabus",
                              description="Régénère accueil.ipynb à partir de course/syllabus.toml.")
    accueil.set_defaults(action=_accueil)
    syllabus = sous.add_parser("syllabus", help="vérifie le syllabus et résume les modules",
                               description="Lit course/syllabus.toml, vérifie sa cohérence et "
                                           "affiche les modules avec leur état.")
    syllabus.set_defaults(action=_syllabus)
    return analyseur


def main(argv: list[str] | None = None) -> int:
    arguments = construire_analyseur().parse_args(argv)
    try:
        return arguments.action(arguments)
    except ErreurOBM as erreur:
        print(f"obm : {erreur}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
