"""La commande `obm`, lancée depuis la racine du cours (le dossier de nbgrader_config.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from obm.erreurs import ErreurOBM


class _Formateur(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it builds a sub-command's name: keep it empty then.
        return super().add_usage(usage, actions, groups,
                                 "utilisation : " if prefix is None else prefix)


class _Analyseur(argparse.ArgumentParser):
    """argparse, mais en français : titres, aide et messages d'erreur."""

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
            "the following arguments are required:": "arguments obligatoires manquants :",
            "unrecognized arguments": "arguments inconnus",
            "invalid choice": "choix invalide",
            "choose from": "choisis parmi",
            "expected one argument": "une valeur attendue",
        }
        for anglais, francais in traductions.items():
            message = message.replace(anglais, francais)
        self.print_usage(sys.stderr)
        self.exit(2, f"obm : erreur : {message}\n")


def _accueil(_arguments) -> int:
    from obm.accueil import ecrire

    print(f"Page d'accueil régénérée depuis le syllabus : {ecrire()}")
    return 0


def _syllabus(_arguments) -> int:
    from obm.syllabus import charger

    syllabus = charger()
    print(f"{syllabus.titre} : {len(syllabus.competences)} compétences, "
          f"{len(syllabus.modules)} modules dont {len(syllabus.publies)} publié(s).")
    for module in syllabus.modules:
        etat = "publié" if module.publie else "prévu"
        print(f"  {module.id:<22} {etat:<7} {module.duree_minutes:>3} min  "
              f"{', '.join(module.competences) if len(module.competences) < 18 else 'toutes'}")
    return 0


def _cours():
    from obm.correction.commun import charger_cours

    return charger_cours()


def _publier(arguments) -> int:
    from obm.correction.publication import publier

    cours = _cours()
    echange = arguments.echange is not None
    publication = publier(cours, arguments.module, archive=arguments.zip, echange=echange,
                          racine_echange=arguments.echange or None)
    print(f"{arguments.module} publié : version distribuée dans "
          f"{publication.dossier_distribue.relative_to(cours.racine)}/ (module inscrit au carnet).")
    print(f"Archive à remettre aux apprenantes : {publication.archive}")
    if publication.echange:
        print(f"Déposé dans l'échange de nbgrader : {publication.echange}")
    return 0


def _importer(arguments) -> int:
    from obm.correction.importation import importer

    bilan = importer(_cours(), arguments.source, arguments.module, liste=arguments.liste)
    print(bilan.texte())
    return 0


def _corriger(arguments) -> int:
    from obm.correction.parallele import corriger

    cours = _cours()
    bilan = corriger(cours, arguments.module, processus=arguments.jobs,
                     apprenantes=arguments.apprenante, sans_bac_a_sable=arguments.sans_bac_a_sable)
    print(bilan.texte(cours.racine))
    return 0


def _retours(arguments) -> int:
    from obm.correction.retours import generer_retours

    cours = _cours()
    bilan = generer_retours(cours, arguments.module, apprenantes=arguments.apprenante,
                            echange=arguments.echange is not None,
                            racine_echange=arguments.echange or None)
    print(bilan.texte(cours.racine))
    return 0


def _notes(arguments) -> int:
    from obm.correction.notes import exporter_notes

    fichiers = exporter_notes(_cours(), arguments.dossier, separateur=arguments.separateur)
    print(f"Notes de {fichiers.apprenantes} apprenante(s) exportées :")
    print(f"  {fichiers.par_module}  (une ligne par apprenante et par module)")
    print(f"  {fichiers.pour_lms}  (une ligne par apprenante, pour le carnet de notes du LMS)")
    return 0


def _rapport(arguments) -> int:
    from obm.correction.rapport import ecrire_rapport

    rapport = ecrire_rapport(_cours(), arguments.dossier)
    print(f"Rapport de compétences : {rapport.page}")
    print(f"  {len(rapport.figures)} figure(s) dans {rapport.page.parent / 'figures'}")
    if rapport.modules_en_difficulte:
        print(f"  Modules où la cohorte peine : {', '.join(rapport.modules_en_difficulte)}")
    return 0


def _nombre_de_processus(texte: str) -> int:
    try:
        valeur = int(texte)
    except ValueError:
        valeur = 0
    if valeur < 1:
        raise argparse.ArgumentTypeError(f"« {texte} » : donne un nombre entier de processus, 1 ou plus")
    return valeur


def _decrire(texte: str) -> str:
    import textwrap

    return textwrap.fill(texte, width=88)


def _sous_commandes_formatrice(sous) -> None:
    publier = sous.add_parser(
        "publier", help="distribue l'exercice d'un module (zip, échange de nbgrader)",
        description=_decrire(
            "Génère la version distribuée de l'exercice (nbgrader generate_assignment, "
            "qui inscrit aussi le module au carnet de notes), écrit une archive zip à "
            "remettre aux apprenantes et, avec --echange, la dépose dans l'échange de "
            "nbgrader (JupyterHub)."))
    publier.add_argument("module", metavar="MODULE", help="le module, par exemple 03_retroplanning")
    publier.add_argument("--zip", metavar="CHEMIN", type=Path,
                         help="où écrire l'archive (par défaut distribution/MODULE.zip)")
    publier.add_argument("--echange", metavar="DOSSIER", nargs="?", const="",
                         help="dépose aussi l'exercice dans l'échange de nbgrader (par défaut le "
                              "dossier Exchange.root de nbgrader_config.py)")
    publier.set_defaults(action=_publier)

    importer = sous.add_parser(
        "importer", help="range les copies rendues dans submitted/",
        description=_decrire(
            "Range les copies d'un module dans submitted/<apprenante>/<module>/ : depuis "
            "un dossier de notebooks, une archive d'un LMS (Moodle : « Télécharger tous "
            "les travaux remis ») ou l'échange de nbgrader. Les noms deviennent des "
            "identifiants (sans accents, en minuscules, un tiret entre les mots) cherchés "
            "dans la liste de la cohorte ; une copie ne remplace jamais une copie plus "
            "récente (dans l'échange : l'ordre de collecte, et le dossier doit appartenir à "
            "l'apprenante) ; seuls les notebooks attendus et les données de l'exercice sont "
            "copiés, sans suivre de lien ; ce qui n'est pas reconnu ou pas copié est listé."))
    importer.add_argument("source", metavar="SOURCE", type=Path,
                          help="dossier de notebooks, archive .zip ou dossier d'échange")
    importer.add_argument("--module", required=True, metavar="MODULE",
                          help="le module rendu, par exemple 03_retroplanning")
    importer.add_argument("--liste", metavar="CSV", type=Path,
                          help="la liste de la cohorte (CSV : identifiant;prenom;nom;email)")
    importer.set_defaults(action=_importer)

    corriger = sous.add_parser(
        "corriger", help="corrige les copies d'un module, en parallèle",
        description=_decrire(
            "Corrige automatiquement toutes les copies de submitted/*/MODULE/ avec "
            "nbgrader (mêmes notes que nbgrader autograde), plusieurs copies à la fois, "
            "chacune isolée dans le bac à sable (bubblewrap ; sans lui, la correction "
            "refuse). Sauvegarde d'abord le carnet de notes ; ne modifie jamais "
            "submitted/. Finit par la liste des copies à vérifier."))
    corriger.add_argument("module", metavar="MODULE", help="le module, par exemple 03_retroplanning")
    corriger.add_argument("--jobs", "-j", metavar="N", type=_nombre_de_processus,
                          help="nombre de copies corrigées en même temps (par défaut : le nombre "
                               "de cœurs)")
    corriger.add_argument("--apprenante", metavar="ID", action="append",
                          help="ne corrige que cette apprenante (option répétable)")
    corriger.add_argument("--sans-bac-a-sable", action="store_true",
                          help="corrige sans isolement, avec les seules limites de ressources : "
                               "pour des copies de confiance seulement (sans bubblewrap, la "
                               "correction refuse sinon)")
    corriger.set_defaults(action=_corriger)

    retours = sous.add_parser(
        "retours", help="écrit le retour HTML de chaque apprenante, sans les tests cachés",
        description=_decrire(
            "Écrit feedback/<apprenante>/MODULE/*.html, une page en français qui salue "
            "l'apprenante par son prénom : notes par question, statut de chaque "
            "vérification, résultat des tests cachés et commentaires de la formatrice, sans "
            "jamais montrer ces tests ni les sorties de la copie, sans script ni ressource "
            "extérieure. Pas de page pour une copie non notée."))
    retours.add_argument("module", metavar="MODULE", help="le module, par exemple 03_retroplanning")
    retours.add_argument("--apprenante", metavar="ID", action="append",
                         help="seulement cette apprenante (option répétable)")
    retours.add_argument("--echange", metavar="DOSSIER", nargs="?", const="",
                         help="dépose aussi les retours dans l'échange de nbgrader")
    retours.set_defaults(action=_retours)

    notes = sous.add_parser(
        "notes", help="exporte les notes en CSV (par module, et pour le LMS)",
        description=_decrire(
            "Écrit notes_par_module.csv (une ligne par apprenante et par module, avec son "
            "statut) et notes_pour_lms.csv (une ligne par apprenante, les points et le statut "
            "de chaque module, une colonne par compétence). Une copie non notée a des points "
            "vides, jamais 0. UTF-8 avec BOM ; « ; » et virgule décimale par défaut, comme "
            "l'attend un tableur français ; aucune cellule n'y est lue comme une formule."))
    notes.add_argument("--dossier", metavar="DOSSIER", type=Path,
                       help="où écrire les fichiers (par défaut notes/)")
    notes.add_argument("--separateur", choices=[";", ","], default=";", metavar="SEP",
                       help="séparateur de colonnes : « ; » (virgule décimale, par défaut) ou "
                            "« , » (point décimal)")
    notes.set_defaults(action=_notes)

    rapport = sous.add_parser(
        "rapport", help="écrit le rapport de compétences (HTML et figures PNG)",
        description=_decrire(
            "Écrit une page HTML avec, pour la cohorte, une carte de chaleur apprenantes × "
            "compétences et les modules où elle peine, et pour chaque apprenante un radar "
            "de ses compétences."))
    rapport.add_argument("--dossier", metavar="DOSSIER", type=Path,
                         help="où écrire le rapport (par défaut rapport/)")
    rapport.set_defaults(action=_rapport)


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
    _sous_commandes_formatrice(sous)
    return analyseur


def _sans_grammaires_rfc3987() -> None:
    """In a fresh ``obm`` process, keep ``jsonschema`` from importing ``rfc3987_syntax``: that
    optional package compiles some forty Lark grammars when imported (about 1.2 s here, before
    any copy is graded). It only serves the « iri » format check, which neither nbformat nor
    nbgrader asks for (they validate without a format checker). A process that has already
    imported jsonschema (tests, a Jupyter server) is left as it is."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def main(argv: list[str] | None = None) -> int:
    _sans_grammaires_rfc3987()
    arguments = construire_analyseur().parse_args(argv)
    try:
        return arguments.action(arguments)
    except ErreurOBM as erreur:
        print(f"obm : {erreur}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
