"""Test harness around the real nbgrader: release, build submissions, autograde, read grades.

One autograde run per exercise grades the solution, the untouched release and every recorded
mutant as extra learners (nbgrader's own `autograde`, not a re-implementation).
"""

from __future__ import annotations

import builtins
import copy
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

RACINE = Path(__file__).resolve().parents[1]
SOLUTIONS = RACINE / "solutions"
EXERCICES = RACINE / "exercises"
MUTANTS = RACINE / "tests" / "mutants"
MIME_STATUT = "application/vnd.obm.check+json"

APPRENANTE_SOLUTION = "solution"
APPRENANTE_VIERGE = "vierge"
PREFIXE_MUTANT = "mutant-"
PREFIXE_VARIANTE = "variante-"


def exercices_sources() -> list[str]:
    """Every exercise folder of solutions/ (= nbgrader assignment ids)."""
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def environnement(home: Path) -> dict:
    env = dict(os.environ)
    # nbgrader runs `alembic` as a command: the virtualenv's bin must be on PATH.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["OBM_HOME"] = str(home)
    env["OBM_COURS"] = str(RACINE)
    env.pop("OBM_GRADEBOOK_URL", None)
    env.setdefault("MPLBACKEND", "agg")
    from obm.correction.bac_a_sable import disponible

    if not disponible():
        # Only the course's own notebooks (solutions, releases, mutants) are graded here.
        env["OBM_BAC_A_SABLE"] = "non"
    return env


def options_corriger() -> list[str]:
    """Options of `obm corriger` for the course's own copies (solutions, releases, mutants, broken
    files): without a working sandbox, they are graded with `--sans-bac-a-sable` (trusted code);
    hostile copies never are (their tests skip instead)."""
    from obm.correction.bac_a_sable import disponible

    return [] if disponible() else ["--sans-bac-a-sable"]


def nbgrader(args: list[str], racine: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=racine, env=env,
        capture_output=True, text=True, timeout=900,
    )


def cours_temporaire(dossier: Path) -> Path:
    """A throw-away course root that uses the repository's config and sources."""
    racine = dossier / "cours"
    racine.mkdir()
    shutil.copy(RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    (racine / "solutions").symlink_to(SOLUTIONS, target_is_directory=True)
    return racine


def notes_par_cellule(notebook: nbformat.NotebookNode) -> dict[str, float]:
    """Autograded test cells (grade, not solution) of a source notebook, with their points."""
    points = {}
    for cellule in notebook.cells:
        meta = cellule.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            points[meta["grade_id"]] = float(meta.get("points", 0))
    return points


@dataclass
class Mutant:
    nom: str
    question: str
    notebook: str
    cellules: dict[str, str]
    message: str = ""


def _charger(exercice: str, cle: str) -> list[Mutant]:
    chemin = MUTANTS / f"{exercice}.toml"
    if not chemin.exists():
        return []
    brut = tomllib.loads(chemin.read_text(encoding="utf-8"))
    return [
        Mutant(m["nom"], m["question"], m.get("notebook", "exercice.ipynb"), dict(m["cellules"]),
               m.get("message", ""))
        for m in brut.get(cle, [])
    ]


def charger_mutants(exercice: str) -> list[Mutant]:
    """The recorded typical wrong answers of an exercise (tests/mutants/<exercice>.toml)."""
    return _charger(exercice, "mutant")


def charger_variantes(exercice: str) -> list[Mutant]:
    """The recorded acceptable variants of a right answer (they must keep full marks)."""
    return _charger(exercice, "variante")


def appliquer_mutant(source: nbformat.NotebookNode, mutant: Mutant) -> nbformat.NotebookNode:
    notebook = copy.deepcopy(source)
    restantes = dict(mutant.cellules)
    for cellule in notebook.cells:
        grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in restantes:
            cellule.source = restantes.pop(grade_id).strip("\n")
    if restantes:
        raise AssertionError(f"mutant {mutant.nom}: no cell with grade_id {sorted(restantes)}")
    return notebook


@dataclass
class Correction:
    """The result of one autograde run over the solution, the release and the mutants."""

    exercice: str
    racine: Path
    sortie: subprocess.CompletedProcess
    points: dict[str, dict[str, float]]  # notebook -> grade_id -> max points
    mutants: list[Mutant]
    variantes: list[Mutant] = field(default_factory=list)
    notes: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    statuts: dict[str, list[dict]] = field(default_factory=dict)
    stderr: dict[str, list[str]] = field(default_factory=dict)

    @property
    def maximum(self) -> float:
        return sum(sum(p.values()) for p in self.points.values())

    def total(self, apprenante: str) -> float:
        return sum(self.notes[apprenante].values())


def corriger_exercice(exercice: str, dossier: Path) -> Correction:
    """Release the exercise in a temp course, submit solution + release + mutants, autograde once."""
    racine = cours_temporaire(dossier)
    env = environnement(dossier / "obm_home")
    sortie = nbgrader(["generate_assignment", exercice, "--force"], racine, env)
    if sortie.returncode != 0:
        raise AssertionError(f"generate_assignment failed:\n{sortie.stdout}\n{sortie.stderr}")

    sources = {p.name: nbformat.read(p, as_version=4)
               for p in sorted((SOLUTIONS / exercice).glob("*.ipynb"))}
    mutants = charger_mutants(exercice)
    variantes = charger_variantes(exercice)
    soumissions = {
        APPRENANTE_SOLUTION: {nom: nb for nom, nb in sources.items()},
        APPRENANTE_VIERGE: {nom: nbformat.read(racine / "exercises" / exercice / nom, as_version=4)
                            for nom in sources},
    }
    for mutant in mutants:
        notebooks = dict(soumissions[APPRENANTE_SOLUTION])
        notebooks[mutant.notebook] = appliquer_mutant(sources[mutant.notebook], mutant)
        soumissions[PREFIXE_MUTANT + mutant.nom] = notebooks
    for variante in variantes:
        notebooks = dict(soumissions[APPRENANTE_SOLUTION])
        notebooks[variante.notebook] = appliquer_mutant(sources[variante.notebook], variante)
        soumissions[PREFIXE_VARIANTE + variante.nom] = notebooks
    for apprenante, notebooks in soumissions.items():
        dossier_soumis = racine / "submitted" / apprenante / exercice
        dossier_soumis.mkdir(parents=True)
        for nom, notebook in notebooks.items():
            nbformat.write(notebook, dossier_soumis / nom)

    sortie = nbgrader(["autograde", exercice, "--create", "--force"], racine, env)
    correction = Correction(
        exercice, racine, sortie,
        points={nom: notes_par_cellule(nb) for nom, nb in sources.items()},
        mutants=mutants,
        variantes=variantes,
    )
    _lire_notes(correction, list(soumissions))
    return correction


def _lire_notes(correction: Correction, apprenantes: list[str]) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    url = f"sqlite:///{correction.racine / 'gradebook' / 'gradebook.db'}"
    with Gradebook(url) as carnet:
        for apprenante in apprenantes:
            notes = {}
            for notebook, cellules in correction.points.items():
                nom = Path(notebook).stem
                for grade_id in cellules:
                    try:
                        note = carnet.find_grade(grade_id, nom, correction.exercice, apprenante)
                    except MissingEntry:
                        continue
                    notes[(notebook, grade_id)] = float(note.auto_score or 0.0)
            correction.notes[apprenante] = notes
            correction.statuts[apprenante], correction.stderr[apprenante] = _sorties(
                correction, apprenante)


def _sorties(correction: Correction, apprenante: str) -> tuple[list[dict], list[str]]:
    """The visible checks' machine-readable outcomes, and any stderr text, in the autograded notebooks."""
    statuts, stderr = [], []
    dossier = correction.racine / "autograded" / apprenante / correction.exercice
    for chemin in sorted(dossier.glob("*.ipynb")):
        notebook = json.loads(chemin.read_text(encoding="utf-8"))
        for cellule in notebook["cells"]:
            for sortie in cellule.get("outputs", []):
                donnees = sortie.get("data", {})
                if MIME_STATUT in donnees:
                    statuts.append(donnees[MIME_STATUT])
                if sortie.get("output_type") == "stream" and sortie.get("name") == "stderr":
                    stderr.append(f"{cellule.get('id')}: {''.join(sortie.get('text', ''))[:300]}")
    return statuts, stderr


_EXCEPTIONS_NATIVES = {nom for nom, objet in vars(builtins).items()
                       if isinstance(objet, type) and issubclass(objet, BaseException)}


def lignes_cachees(source: nbformat.NotebookNode) -> set[str]:
    """Every meaningful line between solution or hidden-test markers of a source notebook."""
    lignes: set[str] = set()
    for cellule in source.cells:
        dedans = False
        for ligne in cellule.source.splitlines():
            texte = ligne.strip()
            if texte in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
                dedans = True
            elif texte in ("### END SOLUTION", "### END HIDDEN TESTS"):
                dedans = False
            elif dedans and not all(keyword.iskeyword(mot) or mot in _EXCEPTIONS_NATIVES
                                    for mot in re.findall(r"\w+", texte)):
                # Lines of bare punctuation, keywords and built-in exception names (")", "try:",
                # "else:", "except Exception:") reveal nothing.
                lignes.add(texte)
    return lignes


def notebook_normalise(chemin: Path) -> dict:
    """A notebook's JSON, for comparing a committed release with a fresh one."""
    return json.loads(chemin.read_text(encoding="utf-8"))


def sans_marqueurs(source: str) -> str:
    """A solution cell's text without nbgrader's BEGIN/END SOLUTION lines."""
    return "\n".join(l for l in source.split("\n")
                     if l.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def reponses_de(corrigee: nbformat.NotebookNode) -> dict[str, str]:
    """grade_id -> the solution's answer, for every answer cell of a solution notebook."""
    return {c.metadata["nbgrader"]["grade_id"]: sans_marqueurs(c.source) for c in corrigee.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def remplir(distribuee: nbformat.NotebookNode, corrigee: nbformat.NotebookNode,
            **remplacements: str) -> nbformat.NotebookNode:
    """The released notebook with every answer cell filled from the solution (or replaced)."""
    reponses = reponses_de(corrigee)
    notebook = copy.deepcopy(distribuee)
    for cellule in notebook.cells:
        grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in remplacements:
            cellule.source = remplacements[grade_id]
        elif grade_id in reponses:
            cellule.source = reponses[grade_id]
    return notebook


def questions_perdues(notebook, dossier: Path, questions, *, delai: int = 120) -> set[str]:
    """The grade cells among ``questions`` that raised when ``notebook`` (a source exercise with
    its hidden tests, one answer cell replaced) ran in ``dossier``: the questions that lost their
    points (the « a mistake costs one question only » tests of exercises 09, 16 and 21)."""
    from nbclient import NotebookClient

    NotebookClient(notebook, timeout=delai, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(dossier)}}).execute()
    perdues = set()
    for cellule in notebook.cells:
        grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in questions and any(s.get("output_type") == "error"
                                         for s in cellule.get("outputs", [])):
            perdues.add(grade_id)
    return perdues
