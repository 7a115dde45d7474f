"""Le syllabus du cours (``course/syllabus.toml``) : compétences, modules, notebooks, durées.

C'est la colonne vertébrale du cours : la page d'accueil, les vérifications de cohérence et,
côté formatrice, le rapport de compétences en sont tirés.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from obm.donnees import racine_cours
from obm.erreurs import DonneesInvalides, IdentifiantInconnu

ETATS = ("publie", "prevu")
DUREE_MIN, DUREE_MAX = 45, 90
# The final project (module 21) may take longer: a whole launch run end to end (issue 21).
DUREE_MAX_PROJET_FINAL = 240
_ID_MODULE = re.compile(r"^\d\d_[a-z0-9_]+$")


@dataclass(frozen=True)
class Competence:
    code: str
    famille: str
    intitule: str


@dataclass(frozen=True)
class Module:
    id: str
    titre: str
    competences: tuple[str, ...]
    duree_minutes: int
    etat: str
    objectif: str
    a_garder: str
    lecons: tuple[str, ...]
    exercices: tuple[str, ...]
    competences_par_note: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Les idées Python que la leçon de ce module introduit (voir obm.idees_python).
    python_introduit: tuple[str, ...] = ()
    # Les fichiers que ses notebooks écrivent dans livrables/ (ce que l'apprenante garde).
    livrables: tuple[str, ...] = ()

    @property
    def publie(self) -> bool:
        return self.etat == "publie"

    @property
    def numero(self) -> str:
        return self.id[:2]

    def competences_de_note(self, grade_id: str) -> tuple[str, ...]:
        """Les compétences qu'entraîne une question notée (par défaut, celles du module)."""
        return self.competences_par_note.get(grade_id, self.competences)


@dataclass(frozen=True)
class Syllabus:
    titre: str
    sous_titre: str
    competences: dict[str, Competence]
    modules: tuple[Module, ...]

    def module(self, module_id: str) -> Module:
        """Renvoie le module ``module_id`` (par exemple ``"03_retroplanning"``)."""
        for module in self.modules:
            if module.id == module_id:
                return module
        connus = ", ".join(m.id for m in self.modules)
        raise IdentifiantInconnu(
            f"Le module « {module_id} » n'existe pas dans le syllabus. Modules connus : {connus}."
        )

    @property
    def publies(self) -> tuple[Module, ...]:
        return tuple(m for m in self.modules if m.publie)


def chemin_syllabus() -> Path:
    return racine_cours() / "course" / "syllabus.toml"


def charger(chemin: str | Path | None = None) -> Syllabus:
    """Lit et valide le syllabus ; lève une erreur en français s'il est incohérent."""
    chemin = Path(chemin) if chemin is not None else chemin_syllabus()
    try:
        brut = tomllib.loads(chemin.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as erreur:
        raise DonneesInvalides(f"Le syllabus {chemin} n'est pas un TOML valide : {erreur}.") from None
    return _construire(brut, chemin)


def _exiger(condition: bool, message: str) -> None:
    if not condition:
        raise DonneesInvalides(f"Syllabus incohérent : {message}")


def _construire(brut: dict, chemin: Path) -> Syllabus:
    cours = brut.get("cours", {})
    competences: dict[str, Competence] = {}
    for entree in brut.get("competences", []):
        code = entree.get("code", "")
        _exiger(code not in competences, f"la compétence {code} est déclarée deux fois.")
        _exiger(all(entree.get(k) for k in ("code", "famille", "intitule")),
                f"la compétence {code or '?'} doit avoir code, famille et intitule.")
        competences[code] = Competence(code, entree["famille"], entree["intitule"])

    modules: list[Module] = []
    obligatoires = ("id", "titre", "competences", "duree_minutes", "etat", "objectif",
                    "a_garder", "lecons", "exercices")
    for entree in brut.get("modules", []):
        ident = entree.get("id", "?")
        manquants = [k for k in obligatoires if k not in entree]
        _exiger(not manquants, f"le module {ident} n'a pas {', '.join(manquants)}.")
        _exiger(bool(_ID_MODULE.match(ident)),
                f"l'identifiant « {ident} » doit avoir la forme NN_mot (ex. 03_retroplanning).")
        _exiger(ident not in {m.id for m in modules}, f"le module {ident} est déclaré deux fois.")
        _exiger(entree["etat"] in ETATS,
                f"l'état du module {ident} doit être {' ou '.join(ETATS)}, pas {entree['etat']!r}.")
        duree = entree["duree_minutes"]
        plafond = DUREE_MAX_PROJET_FINAL if ident == "21_projet_final" else DUREE_MAX
        _exiger(isinstance(duree, int) and DUREE_MIN <= duree <= plafond,
                f"la durée du module {ident} doit être un entier de {DUREE_MIN} à {plafond} minutes.")
        inconnues = [c for c in entree["competences"] if c not in competences]
        _exiger(not inconnues, f"le module {ident} cite des compétences inconnues : {inconnues}.")
        par_note = {}
        for grade_id, codes in entree.get("competences_par_note", {}).items():
            inconnues = [c for c in codes if c not in competences]
            _exiger(not inconnues,
                    f"la note {grade_id} du module {ident} cite des compétences inconnues : {inconnues}.")
            par_note[grade_id] = tuple(codes)
        _exiger(bool(entree["lecons"]), f"le module {ident} doit avoir au moins une leçon.")
        from obm.idees_python import IDEES

        idees = tuple(entree.get("python_introduit", ()))
        inconnues = [i for i in idees if i not in IDEES]
        _exiger(not inconnues, f"le module {ident} introduit des idées Python inconnues : "
                f"{inconnues} (les idées connues sont dans obm/idees_python.py).")
        livrables = tuple(entree.get("livrables", ()))
        _exiger(all(isinstance(n, str) and "/" not in n and n for n in livrables),
                f"les livrables du module {ident} sont des noms de fichiers (sans dossier).")
        modules.append(Module(
            id=ident, titre=entree["titre"], competences=tuple(entree["competences"]),
            duree_minutes=duree, etat=entree["etat"], objectif=entree["objectif"],
            a_garder=entree["a_garder"], lecons=tuple(entree["lecons"]),
            exercices=tuple(entree["exercices"]), competences_par_note=par_note,
            python_introduit=idees, livrables=livrables,
        ))
    _exiger([m.id for m in modules] == sorted(m.id for m in modules),
            "les modules doivent être rangés dans l'ordre de leurs numéros.")
    return Syllabus(
        titre=cours.get("titre", "Académie OBM"),
        sous_titre=cours.get("sous_titre", ""),
        competences=competences,
        modules=tuple(modules),
    )


def tableau_livrables(chemin: str | Path | None = None):
    """Ce que le cours te fait produire, module par module : le livrable que tu gardes pour ton
    travail (``a_garder`` du syllabus) et l'état du module (publié ou en préparation).

    C'est la liste des promesses du cours, pas une mesure : elle dit ce que tu auras construit.
    """
    from obm.metier import Tableau

    syllabus = charger(chemin)
    lignes = tuple(
        (f"{m.numero} · {m.titre}", m.a_garder, "publié" if m.publie else "en préparation")
        for m in syllabus.modules)
    return Tableau(("module", "ce que tu gardes pour ton travail", "état"), lignes,
                   "Les livrables du cours, module par module")
