"""Ta progression dans le cours, lue dans tes propres notebooks (sans les modifier).

Pour chaque module publié : as-tu exécuté la leçon ? Combien de réponses de l'exercice as-tu
écrites, et que disent les cellules de vérification (pas encore fait, à revoir, forme correcte,
juste en autoformation) ?
À côté du module 00, ton autoévaluation (gardée dans ``OBM_HOME``).

Dans un notebook ::

    import obm
    obm.progression()

Les notebooks sont lus comme de simples fichiers JSON : aucun noyau n'est lancé, rien n'est
écrit. JupyterLab enregistre tout seul tes notebooks toutes les deux minutes ; pour voir ton
dernier travail, enregistre-le (Ctrl + S) avant de regarder ta progression.
"""

from __future__ import annotations

import html
import json
import re
import sys
import types
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from obm.donnees import racine_cours
from obm.erreurs import IdentifiantInconnu
from obm.syllabus import Module, charger
from obm.verifier import A_REVOIR, FORME_CORRECTE, JUSTE, MIME_STATUT, PAS_ENCORE_FAIT, STATUTS

# The release stubs of nbgrader_config.py (and those of earlier releases): an answer cell that
# still holds one is not answered.
MODELES_TEXTE = ("TA RÉPONSE ICI", "VOTRE RÉPONSE ICI", 'raise NotImplementedError("Remplace ces')
_PLACEHOLDER = re.compile(r"^\s*[A-Za-z_]\w*\s*=\s*\.\.\.\s*(#.*)?$")
# Statuses written by earlier versions of the course ("reussi" meant: the form is right).
_ANCIENS_STATUTS = {"reussi": FORME_CORRECTE}

# Visible checks named in a cell's source: verifier("q1_ca", …) or controler("q1_ca", …).
_APPEL_VERIFICATION = re.compile(r"""\b(?:verifier|controler)\(\s*["']([^"']+)["']""")

A_VENIR = "à venir"
PAS_COMMENCE = "pas commencé"
EN_COURS = "en cours"
TERMINE = "terminé"
ILLISIBLE = "illisible"
INTROUVABLE = "introuvable"


@dataclass(frozen=True)
class EtatExercice:
    """Ce qu'un exercice enregistré montre : réponses écrites et statuts des vérifications."""

    reponses_ecrites: int = 0
    reponses_total: int = 0
    # question id -> last machine-readable status shown in the saved notebook
    statuts: dict[str, str] = field(default_factory=dict)
    questions: tuple[str, ...] = ()
    probleme: str | None = None

    def nombre(self, statut: str) -> int:
        """Le nombre de questions dont la dernière vérification affichée a ce statut."""
        return sum(1 for q in self.questions if self.statuts.get(q) == statut)

    @property
    def etat(self) -> str:
        if self.probleme:
            return self.probleme
        commence = self.reponses_ecrites > 0 or any(
            s != PAS_ENCORE_FAIT for s in self.statuts.values())
        if not commence:
            return PAS_COMMENCE
        if (self.reponses_ecrites == self.reponses_total and self.questions
                and self.nombre(FORME_CORRECTE) + self.nombre(JUSTE) == len(self.questions)):
            return TERMINE
        return EN_COURS


@dataclass(frozen=True)
class LigneProgression:
    """La progression d'un module."""

    module: Module
    lecons_executees: int
    exercices: tuple[EtatExercice, ...]

    @property
    def lecon(self) -> str:
        if not self.module.publie:
            return A_VENIR
        total = len(self.module.lecons)
        if self.lecons_executees == 0:
            return "pas encore exécutée" if total == 1 else "pas encore exécutées"
        if self.lecons_executees == total:
            return "exécutée" if total == 1 else "exécutées"
        return f"{self.lecons_executees}/{total} exécutées"

    @property
    def exercice(self) -> str:
        if not self.module.publie:
            return A_VENIR
        if not self.exercices:
            return "—"
        etats = {e.etat for e in self.exercices}
        for prioritaire in (ILLISIBLE, INTROUVABLE):
            if prioritaire in etats:
                return prioritaire
        if etats == {TERMINE}:
            return TERMINE
        if etats == {PAS_COMMENCE}:
            return PAS_COMMENCE
        return EN_COURS

    def _somme(self, attribut: str) -> int:
        return sum(getattr(e, attribut) for e in self.exercices)

    @property
    def reponses(self) -> str:
        if not self.module.publie or not self.exercices:
            return ""
        return f"{self._somme('reponses_ecrites')}/{self._somme('reponses_total')}"

    @property
    def verifications(self) -> str:
        if not self.module.publie or not self.exercices:
            return ""
        total = sum(len(e.questions) for e in self.exercices)
        faites = sum(e.nombre(FORME_CORRECTE) for e in self.exercices)
        justes = sum(e.nombre(JUSTE) for e in self.exercices)
        a_revoir = sum(e.nombre(A_REVOIR) for e in self.exercices)
        # « fait » : la forme est correcte (justesse vue à la correction) ; « juste » : jugé
        # juste en autoformation. Les deux sont comptés à part.
        morceaux = [f"{faites + justes}/{total} faites"]
        if justes:
            morceaux.append(f"dont {justes} juste{'s' if justes > 1 else ''}")
        if a_revoir:
            morceaux.append(f"{a_revoir} à revoir")
        return ", ".join(morceaux)


class Progression:
    """Ta progression module par module ; s'affiche comme un tableau dans un notebook.

    ``lignes`` : un :class:`LigneProgression` par module du syllabus, dans l'ordre ;
    ``autoevaluation`` : où en est ton autoévaluation du module 00 ;
    ``tableau()`` : la même chose en DataFrame pandas.
    """

    COLONNES = ("module", "titre", "lecon", "reponses", "verifications", "exercice",
                "autoevaluation")

    def __init__(self, lignes: list[LigneProgression], autoevaluation: str):
        self.lignes = lignes
        self.autoevaluation = autoevaluation

    def ligne(self, module_id: str) -> LigneProgression:
        """La progression du module ``module_id`` (par exemple ``"03_retroplanning"``)."""
        for ligne in self.lignes:
            if ligne.module.id == module_id:
                return ligne
        connus = ", ".join(ligne.module.id for ligne in self.lignes)
        raise IdentifiantInconnu(
            f"Le module « {module_id} » n'existe pas. Modules connus : {connus}.")

    def enregistrements(self) -> list[dict[str, str]]:
        """Les lignes du tableau, une par module, en dictionnaires aux clés françaises."""
        return [
            {
                "module": ligne.module.numero,
                "titre": ligne.module.titre,
                "lecon": ligne.lecon,
                "reponses": ligne.reponses,
                "verifications": ligne.verifications,
                "exercice": ligne.exercice,
                "autoevaluation": self.autoevaluation if ligne.module.id == "00_bienvenue" else "",
            }
            for ligne in self.lignes
        ]

    def tableau(self):
        """Ta progression en tableau pandas (une ligne par module, colonnes en français)."""
        import pandas as pd

        return pd.DataFrame(self.enregistrements(), columns=list(self.COLONNES)).set_index("module")

    def __str__(self) -> str:
        lignes = [f"Autoévaluation : {self.autoevaluation}"]
        for e in self.enregistrements():
            if e["lecon"] == A_VENIR:
                continue
            lignes.append(f"{e['module']}. {e['titre']} — leçon {e['lecon']} ; exercice "
                          f"{e['exercice']} (réponses {e['reponses']}, {e['verifications']})")
        return "\n".join(lignes)

    def _repr_html_(self) -> str:
        entetes = ("Module", "Leçon", "Réponses écrites", "Vérifications", "Exercice")
        couleurs = {TERMINE: "#1e7d32", EN_COURS: "#8a6d00", ILLISIBLE: "#b3261e",
                    INTROUVABLE: "#b3261e"}
        corps = []
        for e in self.enregistrements():
            a_venir = e["lecon"] == A_VENIR
            style = ' style="color:#999"' if a_venir else ""
            couleur = couleurs.get(e["exercice"], "inherit")
            cellules = [
                f"{e['module']}. {html.escape(e['titre'])}",
                html.escape(e["lecon"]),
                html.escape(e["reponses"]),
                html.escape(e["verifications"]),
                f'<b style="color:{couleur}">{html.escape(e["exercice"])}</b>'
                if not a_venir else html.escape(e["exercice"]),
            ]
            corps.append(f"<tr{style}>" + "".join(
                f'<td style="text-align:left">{c}</td>' for c in cellules) + "</tr>")
        tete = "".join(f'<th style="text-align:left">{t}</th>' for t in entetes)
        return (
            '<div class="obm-progression">'
            f"<p><b>Autoévaluation (module 00) :</b> {html.escape(self.autoevaluation)}</p>"
            f"<table><thead><tr>{tete}</tr></thead><tbody>{''.join(corps)}</tbody></table>"
            "</div>"
        )


def _lire(chemin: Path) -> dict | None:
    try:
        # Read-only: the learner's file is never rewritten (no nbformat upgrade, no save).
        return json.loads(chemin.read_bytes())
    except (OSError, ValueError):
        return None


def _source(cellule: dict) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _nbgrader(cellule: dict) -> dict:
    return cellule.get("metadata", {}).get("nbgrader", {}) or {}


def lecon_executee(notebook: dict) -> bool:
    """Vrai si au moins une cellule de code a été exécutée (un compteur ou une sortie)."""
    return any(
        cellule.get("cell_type") == "code"
        and (cellule.get("execution_count") is not None or cellule.get("outputs"))
        for cellule in notebook.get("cells", [])
    )


def reponse_ecrite(source: str) -> bool:
    """Vrai si une cellule de réponse ne contient plus le modèle distribué.

    Le modèle : des lignes ``nom = ...``, ``# TON CODE ICI`` puis ``...`` (ou ``TA RÉPONSE
    ICI`` pour un texte). Une réponse écrite remplace chaque ``...`` par quelque chose.
    """
    if any(modele in source for modele in MODELES_TEXTE):
        return False
    lignes = [l for l in source.splitlines() if l.strip() and not l.strip().startswith("#")]
    if any(_PLACEHOLDER.match(l) for l in lignes):
        return False
    return any(l.strip() != "..." for l in lignes)


def etat_exercice(notebook: dict) -> EtatExercice:
    """Lit un exercice enregistré : réponses écrites et dernier statut de chaque vérification."""
    ecrites = total = 0
    questions: dict[str, None] = {}  # ordered set
    statuts: dict[str, str] = {}
    for cellule in notebook.get("cells", []):
        meta = _nbgrader(cellule)
        source = _source(cellule)
        if meta.get("solution"):
            total += 1
            ecrites += reponse_ecrite(source)
        if meta.get("grade") and not meta.get("solution") and cellule.get("cell_type") == "code":
            questions.update(dict.fromkeys(_APPEL_VERIFICATION.findall(source)))
        for sortie in cellule.get("outputs", []) or []:
            donnees = (sortie.get("data") or {}).get(MIME_STATUT)
            if isinstance(donnees, str):  # some front ends save JSON outputs as text
                try:
                    donnees = json.loads(donnees)
                except ValueError:
                    continue
            if not isinstance(donnees, dict) or not donnees.get("question"):
                continue
            statut = _ANCIENS_STATUTS.get(donnees.get("statut"), donnees.get("statut"))
            if statut in STATUTS:
                question = str(donnees["question"])
                statuts[question] = statut
                questions.setdefault(question, None)
    return EtatExercice(ecrites, total, statuts, tuple(questions))


def _etat_autoevaluation() -> str:
    from obm import autoevaluation
    from obm.erreurs import ErreurOBM

    try:
        toutes = autoevaluation.historique()
    except ErreurOBM:
        return "fichier abîmé (refais-la dans la leçon 00)"
    if not toutes:
        return "pas encore faite (leçon 00, partie 5)"
    try:
        quand = datetime.fromisoformat(toutes[-1]["date"]).strftime("%d/%m/%Y")
    except (KeyError, TypeError, ValueError):
        quand = "?"
    return f"faite le {quand}" + (f" ({len(toutes)} au total)" if len(toutes) > 1 else "")


def progression(racine: str | Path | None = None) -> Progression:
    """Ta progression dans le cours, module par module, lue dans tes notebooks enregistrés.

    Pour chaque module publié : la leçon a-t-elle été exécutée, combien de réponses de
    l'exercice sont écrites (chaque ``...`` du modèle remplacé), et ce que disent les
    vérifications (faites, justes en autoformation, à revoir). Tes fichiers sont seulement lus, jamais modifiés.
    ``racine`` : le dossier du cours (par défaut, celui où tu travailles).
    Pense à enregistrer ton notebook (Ctrl + S) pour que ton dernier travail soit compté.
    """
    racine = Path(racine) if racine is not None else racine_cours()
    syllabus = charger(racine / "course" / "syllabus.toml")
    lignes = []
    for module in syllabus.modules:
        if not module.publie:
            lignes.append(LigneProgression(module, 0, ()))
            continue
        executees = 0
        for nom in module.lecons:
            notebook = _lire(racine / "course" / "modules" / module.id / nom)
            executees += bool(notebook and lecon_executee(notebook))
        exercices = []
        for nom in module.exercices:
            chemin = racine / "exercises" / module.id / nom
            if not chemin.is_file():
                exercices.append(EtatExercice(probleme=INTROUVABLE))
                continue
            notebook = _lire(chemin)
            exercices.append(etat_exercice(notebook) if isinstance(notebook, dict)
                             else EtatExercice(probleme=ILLISIBLE))
        lignes.append(LigneProgression(module, executees, tuple(exercices)))
    return Progression(lignes, _etat_autoevaluation())


class _ModuleAppelable(types.ModuleType):
    # `obm.progression` names both this module and the function: once the submodule is imported,
    # Python binds the module to the attribute `obm.progression`. Making the module callable
    # keeps `obm.progression()` working whatever was imported first.
    def __call__(self, racine: str | Path | None = None) -> Progression:
        return progression(racine)


sys.modules[__name__].__class__ = _ModuleAppelable
