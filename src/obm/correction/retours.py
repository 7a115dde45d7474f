"""``obm retours MODULE`` : un retour de correction en HTML, en français, pour chaque apprenante.

Le retour de nbgrader montre les tests cachés (nbgrader #917, « par conception ») : une
apprenante lirait le corrigé, et l'exercice ne servirait plus à la cohorte suivante. Ici, on
part d'une copie du notebook corrigé d'où sont retirés les tests cachés et tout ce qu'ils ont
produit (erreurs, tracebacks qui citent leurs lignes) ; à leur place, une ligne dit « Tests
cachés : réussis / pas réussis (n points sur p) ». Puis ``GenerateFeedback`` de nbgrader
(notes et commentaires lus dans le carnet) écrit ``feedback/<apprenante>/<module>/*.html``
avec un gabarit en français ; ``release_feedback`` peut ensuite les déposer dans l'échange.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.commun import (Cours, JournalNbgrader, chemin_court, format_points,
                                   module_existe)
from obm.erreurs import DonneesInvalides

MODELES = Path(__file__).resolve().parent / "modeles"
GABARIT = "retour_obm"
DEBUT_CACHE, FIN_CACHE = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
MIME_RESUME = "application/vnd.obm.tests-caches+json"


@dataclass
class BilanRetours:
    module: str
    fichiers: list[Path] = field(default_factory=list)
    sans_copie_corrigee: list[str] = field(default_factory=list)
    echange: bool = False

    def texte(self, racine: Path | None = None) -> str:
        lignes = [f"Retours de {self.module} : {len(self.fichiers)} fichier(s) HTML, sans les tests cachés."]
        lignes += [f"  {chemin_court(f, racine)}" for f in self.fichiers]
        if self.sans_copie_corrigee:
            lignes.append("Pas de copie corrigée (lance d'abord « obm corriger ») pour : "
                          + ", ".join(self.sans_copie_corrigee))
        if self.echange:
            lignes.append("Retours déposés dans l'échange de nbgrader : chaque apprenante les "
                          "récupère depuis son JupyterLab (Assignments › Fetch feedback).")
        return "\n".join(lignes)


def _retirer_caches(source: str) -> tuple[str, bool]:
    """La source sans la région des tests cachés, et si une région a été retirée."""
    lignes, dedans, retire = [], False, False
    for ligne in source.split("\n"):
        if DEBUT_CACHE in ligne:
            dedans = retire = True
        elif FIN_CACHE in ligne:
            dedans = False
        elif not dedans:
            lignes.append(ligne)
    return "\n".join(lignes).rstrip(), retire


def lignes_cachees(sources: list[str]) -> set[str]:
    """Les lignes des tests cachés (celles qui disent quelque chose) des sources données."""
    lignes = set()
    for source in sources:
        dedans = False
        for ligne in source.split("\n"):
            if DEBUT_CACHE in ligne:
                dedans = True
            elif FIN_CACHE in ligne:
                dedans = False
            elif dedans and any(c.isalnum() for c in ligne):
                lignes.add(ligne.strip())
    return lignes


def _texte_sortie(sortie) -> str:
    morceaux = [sortie.get("text", ""), sortie.get("evalue", ""), *sortie.get("traceback", [])]
    for donnee in sortie.get("data", {}).values():
        morceaux.append(donnee if isinstance(donnee, str) else str(donnee))
    return "\n".join(m if isinstance(m, str) else "".join(m) for m in morceaux)


def _resume(score, maximum) -> dict:
    """Une sortie qui dit, sans rien montrer des tests, s'ils sont réussis."""
    if maximum is None:
        texte, couleur = "Tests cachés : pas de note enregistrée", "#8a6d3b"
    elif score is None:
        texte, couleur = "Tests cachés : à noter par ta formatrice", "#8a6d3b"
    elif score >= maximum:
        texte, couleur = f"Tests cachés : réussis ({format_points(score)} points sur {format_points(maximum)})", "#2e7d32"
    elif score > 0:
        texte, couleur = (f"Tests cachés : en partie réussis ({format_points(score)} points sur "
                          f"{format_points(maximum)})"), "#b26a00"
    else:
        texte, couleur = f"Tests cachés : pas réussis (0 point sur {format_points(maximum)})", "#c62828"
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "text/plain": "🔒 " + texte,
            "text/html": (f'<div style="border-left:5px solid {couleur};padding:6px 10px;'
                          f'margin:4px 0;color:#222"><b style="color:{couleur}">🔒 '
                          f'{html.escape(texte)}</b></div>'),
            MIME_RESUME: {"score": score, "maximum": maximum},
        },
    }


def nettoyer(notebook, notes: dict[str, tuple[float | None, float | None]], cachees: set[str]):
    """Retire du notebook corrigé les tests cachés et ce qu'ils ont produit (en place).

    ``notes`` : grade_id -> (points obtenus, points possibles). ``cachees`` : les lignes des tests
    cachés du module ; toute sortie qui en cite une est masquée, quelle que soit la cellule.
    """
    import nbformat

    for cellule in notebook.cells:
        source, retire = _retirer_caches(cellule.source)
        if retire:
            cellule.source = source + "\n# 🔒 Tests cachés : non montrés (leur résultat est sous la cellule)."
        if cellule.cell_type != "code":
            continue
        sorties = []
        for sortie in cellule.get("outputs", []):
            if retire and sortie.get("output_type") != "display_data":
                continue  # errors, tracebacks, prints of a graded cell may quote the hidden tests
            texte = _texte_sortie(sortie)
            if any(ligne in texte for ligne in cachees):
                sortie = nbformat.v4.new_output(
                    "stream", name="stdout",
                    text="(sortie masquée : elle citait un test caché de l'exercice)\n")
            sorties.append(sortie)
        if retire:
            grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
            sorties.append(nbformat.from_dict(_resume(*notes.get(grade_id, (None, None)))))
        cellule.outputs = sorties
    return notebook


def _notes_et_caches(cours: Cours, module: str, apprenante: str, notebook: str):
    from nbgrader.api import MissingEntry

    with cours.carnet() as carnet:
        nb = carnet.find_notebook(notebook, module)
        cachees = lignes_cachees([c.source for c in nb.source_cells])
        notes = {}
        try:
            soumis = carnet.find_submission_notebook(notebook, module, apprenante)
        except MissingEntry:
            return {}, cachees
        for note in soumis.grades:
            notes[note.name] = (note.score if (note.auto_score is not None or note.manual_score is not None)
                                else None, note.max_score)
        return notes, cachees


def generer_retours(cours: Cours, module: str, *, apprenantes: list[str] | None = None,
                    echange: bool = False, racine_echange: str | None = None) -> BilanRetours:
    """Écrit le retour HTML de chaque copie corrigée du module, sans les tests cachés."""
    import nbformat
    import nbgrader
    from nbgrader.converters import GenerateFeedback, NbGraderException

    module_existe(cours, module)
    corriges = cours.dossier("autograded")
    presentes = sorted(d.name for d in corriges.iterdir() if (d / module).is_dir()) if corriges.is_dir() else []
    bilan = BilanRetours(module)
    if apprenantes:
        bilan.sans_copie_corrigee = sorted(set(apprenantes) - set(presentes))
        presentes = [a for a in presentes if a in set(apprenantes)]
    if not presentes:
        raise DonneesInvalides(
            f"Aucune copie corrigée de {module} dans {corriges} : lance d'abord « obm corriger {module} »."
        )
    retours = cours.dossier("feedback")
    with tempfile.TemporaryDirectory(prefix="obm-retours-") as temporaire:
        racine_temp = Path(temporaire)
        for apprenante in presentes:
            # The other files (timestamp.txt, submission_secret.txt…) go along, as nbgrader
            # copies them into feedback/: release_feedback needs them to reach the learner.
            for autre in sorted((corriges / apprenante / module).rglob("*")):
                if autre.is_file() and autre.suffix != ".ipynb":
                    cible = racine_temp / "autograded" / apprenante / module / autre.relative_to(
                        corriges / apprenante / module)
                    cible.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(autre, cible)
            for chemin in sorted((corriges / apprenante / module).glob("*.ipynb")):
                notes, cachees = _notes_et_caches(cours, module, apprenante, chemin.stem)
                notebook = nettoyer(nbformat.read(chemin, as_version=4), notes, cachees)
                cible = racine_temp / "autograded" / apprenante / module / chemin.name
                cible.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(notebook, cible)

        config = cours.config_modifiable()
        config.BaseConverter.force = True
        config.HTMLExporter.template_name = GABARIT
        nbgrader_modeles = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
        config.HTMLExporter.extra_template_basedirs = [str(MODELES), str(nbgrader_modeles)]
        config.HTMLExporter.filters = {"points_fr": format_points}
        coursedir = cours.coursedir(config, root=str(racine_temp), autograded_directory="autograded",
                                    feedback_directory=str(retours), assignment_id=module,
                                    student_id="*")
        journal = JournalNbgrader("generate_feedback")
        convertisseur = GenerateFeedback(coursedir=coursedir, config=config)
        convertisseur.log = journal.logger
        try:
            convertisseur.start()
        except NbGraderException:
            details = " ; ".join(m.splitlines()[-1] for m in journal.messages() if m.strip())
            raise DonneesInvalides(
                f"nbgrader n'a pas pu écrire les retours de {module} (il dit : {details or 'rien'}). "
                "Vérifie que les copies ont été corrigées avec « obm corriger »."
            ) from None
        finally:
            journal.fermer()
    bilan.fichiers = sorted(f for a in presentes for f in (retours / a / module).glob("*.html"))
    if echange:
        _deposer(cours, module, racine_echange)
        bilan.echange = True
    return bilan


def _deposer(cours: Cours, module: str, racine_echange: str | None) -> None:
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeError, ExchangeFactory

    config = cours.config_modifiable()
    if racine_echange:
        config.Exchange.root = str(racine_echange)
    coursedir = cours.coursedir(config, assignment_id=module)
    journal = JournalNbgrader("release_feedback")
    depot = ExchangeFactory(config=config).ReleaseFeedback(
        coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    depot.log = journal.logger
    try:
        with warnings.catch_warnings():
            # nbgrader 0.9 reads timestamp.txt without closing it (a ResourceWarning only).
            warnings.simplefilter("ignore", ResourceWarning)
            depot.start()
    except ExchangeError:
        raise DonneesInvalides(
            f"Le dépôt des retours de {module} dans l'échange a échoué (nbgrader dit : "
            f"{' ; '.join(journal.messages()) or 'rien'}). Vérifie le dossier d'échange "
            "(Exchange.root dans nbgrader_config.py)."
        ) from None
    finally:
        journal.fermer()
