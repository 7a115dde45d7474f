"""Le catalogue des erreurs typiques d'un exercice, et son corrigé pour l'autoformation.

Côté autrice et formatrice (le dépôt du cours, avec ``solutions/`` et ``tests/mutants/``) :

- :func:`construire` exécute le corrigé, chaque réponse fausse enregistrée (les « mutants »
  de ``tests/mutants/NN_slug.toml``, chacun avec son ``message``) et chaque variante
  acceptable, relève l'empreinte de chaque vérification visible, et garde celles des mutants
  qui diffèrent du corrigé : c'est le catalogue, distribué avec l'exercice
  (``solutions/NN_slug/erreurs_typiques.json``, recopié par nbgrader dans ``exercises/``). Il
  ne contient que des empreintes de réponses fausses et les messages qui nomment l'idée fausse,
  jamais une bonne réponse, et rien pour une question à moins de six réponses possibles.
- :func:`corrige_de` calcule, en autoformation, les empreintes des réponses justes à partir du
  corrigé (gardées dans ``OBM_HOME`` tant que le corrigé ne change pas).
- :func:`catalogue_complet` sert aux retours de correction : toutes les erreurs typiques, y
  compris celles des questions à peu de choix, et l'idée à relire de chaque question.

Les valeurs ne sont jamais recopiées à la main : on exécute les réponses elles-mêmes.

``python -m obm.catalogue`` réécrit le catalogue de chaque exercice (``make release`` le fait).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from obm.empreintes import CATALOGUE

SOLUTION = "solution"


@dataclass
class Variante:
    """Une façon de remplir les cellules de réponse du corrigé (mutant ou variante acceptable)."""

    nom: str
    question: str
    notebook: str
    cellules: dict[str, str]
    message: str = ""


@dataclass
class ErreursEnregistrees:
    """Ce que ``tests/mutants/NN_slug.toml`` déclare pour un exercice."""

    mutants: list[Variante] = field(default_factory=list)
    variantes: list[Variante] = field(default_factory=list)
    a_relire: dict[str, str] = field(default_factory=dict)  # grade_id -> idée à relire


def charger(chemin: Path) -> ErreursEnregistrees:
    """Lit le fichier des erreurs typiques d'un exercice (absent : rien d'enregistré)."""
    if not chemin.is_file():
        return ErreursEnregistrees()
    brut = tomllib.loads(chemin.read_text(encoding="utf-8"))

    def lire(entrees):
        return [Variante(e["nom"], e["question"], e.get("notebook", "exercice.ipynb"),
                         dict(e["cellules"]), e.get("message", "")) for e in entrees]

    return ErreursEnregistrees(
        lire(brut.get("mutant", [])), lire(brut.get("variante", [])),
        {q: d.get("a_relire", "") for q, d in brut.get("questions", {}).items()},
    )


def _racine() -> Path:
    from obm.donnees import racine_cours

    return racine_cours()


# --- Exécuter des variantes d'un notebook -----------------------------------------------------

_MARQUES_SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")


def _code_visible(source: str) -> str:
    """Le code d'une cellule du corrigé, sans les tests cachés ni les marques de solution."""
    lignes, cache = [], False
    for ligne in source.split("\n"):
        marque = ligne.strip()
        if marque == "### BEGIN HIDDEN TESTS":
            cache = True
        elif marque == "### END HIDDEN TESTS":
            cache = False
        elif not cache and marque not in _MARQUES_SOLUTION:
            lignes.append(ligne)
    return "\n".join(lignes)


def _cellules(notebook: dict, remplacements: dict[str, str]) -> list[tuple[str | None, str]]:
    cellules = []
    for cellule in notebook.get("cells", []):
        if cellule.get("cell_type") != "code":
            continue
        source = cellule.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        grade_id = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in remplacements:
            source = remplacements[grade_id]
        cellules.append((grade_id, _code_visible(source)))
    return cellules


def executer(chemin_notebook: Path, variantes: dict[str, dict[str, str]],
             racine: Path | None = None, delai: float = 600) -> dict[str, list[dict]]:
    """Exécute le notebook une fois par variante (nom -> cellules remplacées).

    Renvoie, pour chaque variante, les vérifications relevées dans l'ordre :
    ``{"question", "empreinte", "catalogue", "cellule"}``. Tout tourne dans un seul processus
    Python à part (un interpréteur IPython, remis à zéro entre deux variantes), dans une copie
    temporaire du dossier de l'exercice.
    """
    racine = racine or _racine()
    notebook = json.loads(Path(chemin_notebook).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="obm-catalogue-") as tmp:
        travail = Path(tmp) / "exercice"
        shutil.copytree(Path(chemin_notebook).parent, travail,
                        ignore=shutil.ignore_patterns("*.ipynb", CATALOGUE, ".ipynb_checkpoints"))
        plan = {
            "dossier": str(travail),
            "variantes": {nom: _cellules(notebook, r) for nom, r in variantes.items()},
        }
        (Path(tmp) / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ)
        env.update({"OBM_COURS": str(racine), "OBM_HOME": str(Path(tmp) / "home"),
                    "OBM_LIVRABLES": str(Path(tmp) / "livrables"), "OBM_MODE": "cohorte",
                    "MPLBACKEND": "agg", "MPLCONFIGDIR": str(Path(tmp) / "mpl"),
                    "IPYTHONDIR": str(Path(tmp) / "ipython"), "PYTHONHASHSEED": "0"})
        env.pop("NBGRADER_EXECUTION", None)
        sortie = subprocess.run(
            [sys.executable, "-m", "obm.catalogue", "--executer", str(Path(tmp) / "plan.json")],
            cwd=travail, env=env, capture_output=True, text=True, timeout=delai)
        if sortie.returncode != 0:
            raise RuntimeError(f"l'exécution des variantes de {chemin_notebook} a échoué :\n"
                               f"{sortie.stderr[-3000:]}")
        return json.loads((Path(tmp) / "releves.json").read_text(encoding="utf-8"))


def _executer_le_plan(chemin_plan: Path) -> None:
    """Runs inside the helper process: one IPython shell, every variant in a fresh namespace."""
    import contextlib
    import io

    from IPython.core.interactiveshell import InteractiveShell

    plan = json.loads(chemin_plan.read_text(encoding="utf-8"))
    os.chdir(plan["dossier"])
    shell = InteractiveShell.instance()
    releves = {}
    fichier = chemin_plan.parent / "empreintes.jsonl"
    for nom, cellules in plan["variantes"].items():
        shell.reset(new_session=False)
        lignes = []
        for grade_id, code in cellules:
            fichier.write_text("", encoding="utf-8")
            os.environ["OBM_EMPREINTES"] = str(fichier)
            bruit = io.StringIO()
            with contextlib.redirect_stdout(bruit), contextlib.redirect_stderr(bruit):
                shell.run_cell(code, store_history=False, silent=True)
            for ligne in fichier.read_text(encoding="utf-8").splitlines():
                releve = json.loads(ligne)
                releve["cellule"] = grade_id
                lignes.append(releve)
        releves[nom] = lignes
    os.environ.pop("OBM_EMPREINTES", None)
    (chemin_plan.parent / "releves.json").write_text(json.dumps(releves), encoding="utf-8")


# --- Construire le catalogue ------------------------------------------------------------------

def _chemins(exercice: str, racine: Path) -> tuple[Path, Path]:
    return racine / "solutions" / exercice, racine / "tests" / "mutants" / f"{exercice}.toml"


def _releves_par_notebook(exercice: str, racine: Path, erreurs: ErreursEnregistrees,
                          avec_mutants: bool = True):
    """notebook -> {variante: relevés}, pour le corrigé, les variantes acceptables et les mutants."""
    dossier, _ = _chemins(exercice, racine)
    resultats = {}
    for chemin in sorted(dossier.glob("*.ipynb")):
        variantes = {SOLUTION: {}}
        for v in erreurs.variantes + (erreurs.mutants if avec_mutants else []):
            if v.notebook == chemin.name:
                variantes[v.nom] = v.cellules
        resultats[chemin.name] = executer(chemin, variantes, racine)
    return resultats


def _justes(releves: dict[str, list[dict]], erreurs: ErreursEnregistrees) -> dict[str, set[str]]:
    justes: dict[str, set[str]] = {}
    acceptables = {SOLUTION} | {v.nom for v in erreurs.variantes}
    for nom, lignes in releves.items():
        if nom in acceptables:
            for r in lignes:
                justes.setdefault(r["question"], set()).add(r["empreinte"])
    return justes


def _erreurs(releves, erreurs: ErreursEnregistrees, *, tout: bool) -> dict[str, dict[str, str]]:
    justes = _justes(releves, erreurs)
    catalogue: dict[str, dict[str, str]] = {}
    for mutant in erreurs.mutants:
        for r in releves.get(mutant.nom, []):
            if r["empreinte"] in justes.get(r["question"], set()):
                continue
            if not r["catalogue"] and not tout:
                continue
            messages = catalogue.setdefault(r["question"], {})
            if r["empreinte"] in messages and mutant.message not in messages[r["empreinte"]]:
                messages[r["empreinte"]] += " Ou encore : " + mutant.message
            else:
                messages.setdefault(r["empreinte"], mutant.message)
    return catalogue


def construire(exercice: str, racine: Path | None = None) -> dict:
    """Le catalogue distribué d'un exercice (empreintes de réponses fausses et messages)."""
    racine = racine or _racine()
    _, chemin_mutants = _chemins(exercice, racine)
    erreurs = charger(chemin_mutants)
    questions: dict[str, dict[str, str]] = {}
    for releves in _releves_par_notebook(exercice, racine, erreurs).values():
        for question, messages in _erreurs(releves, erreurs, tout=False).items():
            questions.setdefault(question, {}).update(messages)
    return {
        "exercice": exercice,
        "explication": "Empreintes de réponses fausses typiques et le message qui nomme "
                       "l'idée fausse. Aucune bonne réponse n'est ici.",
        "questions": {q: dict(sorted(m.items())) for q, m in sorted(questions.items())},
    }


def texte(catalogue: dict) -> str:
    """Le catalogue tel qu'il est écrit sur disque (stable, pour les comparaisons)."""
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def ecrire(exercice: str, racine: Path | None = None) -> Path:
    """Écrit ``solutions/<exercice>/erreurs_typiques.json`` (nbgrader le recopie à la publication)."""
    racine = racine or _racine()
    chemin = racine / "solutions" / exercice / CATALOGUE
    chemin.write_text(texte(construire(exercice, racine)), encoding="utf-8")
    return chemin


def catalogue_complet(exercice: str, racine: Path | None = None) -> dict:
    """Pour les retours de correction : toutes les erreurs typiques et l'idée à relire.

    ``{"questions": {question_visible: {empreinte: message}}, "cellules": {question_visible:
    grade_id}, "a_relire": {grade_id: texte}}``.
    """
    racine = racine or _racine()
    _, chemin_mutants = _chemins(exercice, racine)
    erreurs = charger(chemin_mutants)
    questions: dict[str, dict[str, str]] = {}
    cellules: dict[str, str] = {}
    for releves in _releves_par_notebook(exercice, racine, erreurs).values():
        for question, messages in _erreurs(releves, erreurs, tout=True).items():
            questions.setdefault(question, {}).update(messages)
        for r in releves.get(SOLUTION, []):
            if r.get("cellule"):
                cellules.setdefault(r["question"], r["cellule"])
    return {"questions": questions, "cellules": cellules, "a_relire": erreurs.a_relire}


# --- Le corrigé de l'autoformation ------------------------------------------------------------

def corrige_de(dossier_exercice: Path) -> dict | None:
    """Les empreintes des réponses justes de l'exercice ouvert, calculées à partir du corrigé.

    ``None`` si le corrigé n'est pas là (paquet d'une cohorte). Le calcul prend quelques
    secondes la première fois, puis il est gardé dans ``OBM_HOME/corriges/``.
    """
    from obm.donnees import dossier_apprenante

    racine = _racine()
    exercice = Path(dossier_exercice).name
    dossier, chemin_mutants = _chemins(exercice, racine)
    notebooks = sorted(dossier.glob("*.ipynb"))
    if not notebooks:
        return None
    condense = hashlib.sha256()
    for chemin in notebooks + ([chemin_mutants] if chemin_mutants.is_file() else []):
        condense.update(chemin.read_bytes())
    cache = dossier_apprenante() / "corriges" / f"{exercice}-{condense.hexdigest()[:16]}.json"
    if cache.is_file():
        try:
            return json.loads(cache.read_text(encoding="utf-8"))
        except ValueError:
            pass
    erreurs = charger(chemin_mutants)
    justes: dict[str, set[str]] = {}
    a_relire: dict[str, str] = {}
    for releves in _releves_par_notebook(exercice, racine, erreurs, avec_mutants=False).values():
        for question, empreintes_ in _justes(releves, erreurs).items():
            justes.setdefault(question, set()).update(empreintes_)
        for r in releves.get(SOLUTION, []):
            if r.get("cellule") in erreurs.a_relire:
                a_relire.setdefault(r["question"], erreurs.a_relire[r["cellule"]])
    corrige = {"justes": {q: sorted(e) for q, e in justes.items()}, "a_relire": a_relire}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(corrige), encoding="utf-8")
    return corrige


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--executer"]:
        _executer_le_plan(Path(argv[1]))
        return 0
    racine = _racine()
    exercices = argv or sorted(p.name for p in (racine / "solutions").iterdir()
                               if p.is_dir() and any(p.glob("*.ipynb")))
    for exercice in exercices:
        chemin = ecrire(exercice, racine)
        nombre = sum(len(m) for m in json.loads(chemin.read_text(encoding="utf-8"))["questions"].values())
        print(f"{chemin.relative_to(racine)} : {nombre} erreur(s) typique(s) reconnue(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
