"""``obm notes`` : les notes de la cohorte en deux fichiers CSV, lus depuis le carnet de nbgrader.

- ``notes_par_module.csv`` : une ligne par apprenante et par module (statut, points, maximum,
  pourcentage, réponses encore à noter à la main, date de remise, raison d'une copie non notée) ;
- ``notes_pour_lms.csv`` : une ligne par apprenante, une colonne par module (points) et son
  statut, une par compétence du syllabus (pourcentage), prête à importer dans le carnet de notes
  d'un LMS.

Statuts : « notée », « à noter à la main » (une réponse écrite attend sa note), « non notée »
(la correction n'a pas pu la noter : points vides, jamais 0, voir :mod:`obm.correction.statut`)
et « non rendue ». Une copie non notée ne compte ni dans les points ni dans les compétences.

Par défaut, comme l'attend un tableur français : UTF-8 avec BOM, ``;`` entre les colonnes,
virgule décimale. Avec ``separateur=","`` : point décimal.

Le niveau d'une compétence est la part des points obtenus sur les questions qui l'entraînent
(``competences_par_note`` du syllabus, sinon les compétences du module), dans les modules rendus ;
une réponse écrite pas encore notée n'y compte pas.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.commun import Cours, cellule_csv

NOTEE, A_NOTER, NON_NOTEE, NON_RENDUE = "notée", "à noter à la main", "non notée", "non rendue"


@dataclass(frozen=True)
class NoteQuestion:
    module: str
    notebook: str
    question: str
    points: float
    maximum: float
    en_attente: bool          # a written answer not graded yet
    competences: tuple[str, ...]


@dataclass
class CopieRendue:
    module: str
    points: float
    maximum: float
    a_noter_a_la_main: int
    rendue_le: dt.datetime | None
    penalite: float
    questions: list[NoteQuestion] = field(default_factory=list)
    non_notee: str | None = None   # why the grader could not grade it (None: graded)

    @property
    def statut(self) -> str:
        if self.non_notee is not None:
            return NON_NOTEE
        return A_NOTER if self.a_noter_a_la_main else NOTEE


@dataclass
class Eleve:
    identifiant: str
    prenom: str
    nom: str
    email: str


@dataclass
class Releve:
    """Tout ce que le carnet dit de la cohorte, rangé pour les exports et le rapport."""

    def nom(self, apprenante: str) -> str:
        """« Prénom Nom » d'une apprenante (son identifiant si le carnet n'a pas son nom)."""
        eleve = next((e for e in self.apprenantes if e.identifiant == apprenante), None)
        complet = " ".join(x for x in (eleve.prenom, eleve.nom) if x) if eleve else ""
        return complet or apprenante

    apprenantes: list[Eleve]
    modules: list[str]                       # graded modules, in syllabus order
    titres: dict[str, str]
    maxima: dict[str, float]
    copies: dict[tuple[str, str], CopieRendue]
    competences: dict[str, str]              # code -> intitulé, in syllabus order

    def copie(self, apprenante: str, module: str) -> CopieRendue | None:
        return self.copies.get((apprenante, module))

    def niveaux(self, apprenante: str) -> dict[str, float | None]:
        """Compétence -> part des points obtenus (0 à 1), ou None si elle n'a pas été évaluée."""
        obtenus = {code: 0.0 for code in self.competences}
        possibles = {code: 0.0 for code in self.competences}
        for module in self.modules:
            copie = self.copie(apprenante, module)
            if copie is None or copie.non_notee is not None:
                continue
            for question in copie.questions:
                if question.en_attente:
                    continue
                for code in question.competences:
                    if code in obtenus:
                        obtenus[code] += question.points
                        possibles[code] += question.maximum
        return {code: (obtenus[code] / possibles[code] if possibles[code] else None)
                for code in self.competences}

    def competences_evaluees(self) -> list[str]:
        """Les compétences qu'au moins une question notée a évaluées, dans l'ordre du syllabus."""
        evaluees = {code for copie in self.copies.values() if copie.non_notee is None
                    for q in copie.questions if not q.en_attente for code in q.competences}
        return [code for code in self.competences if code in evaluees]


def _syllabus(cours: Cours):
    from obm.syllabus import charger

    chemin = cours.racine / "course" / "syllabus.toml"
    return charger(chemin) if chemin.is_file() else charger()


def lire_releve(cours: Cours) -> Releve:
    """Lit le carnet de notes (et le syllabus pour les compétences)."""
    from obm.correction.statut import raison_non_notee

    syllabus = _syllabus(cours)
    ordre = {m.id: i for i, m in enumerate(syllabus.modules)}
    with cours.carnet() as carnet:
        apprenantes = [Eleve(e.id, e.first_name or "", e.last_name or "", e.email or "")
                       for e in sorted(carnet.students, key=lambda e: e.id)]
        assignments = sorted(carnet.assignments, key=lambda a: (ordre.get(a.name, len(ordre)), a.name))
        modules = [a.name for a in assignments]
        titres, maxima, copies = {}, {}, {}
        for assignment in assignments:
            module = assignment.name
            connu = next((m for m in syllabus.modules if m.id == module), None)
            titres[module] = connu.titre if connu else module
            maxima[module] = float(assignment.max_score or 0)
            for soumission in assignment.submissions:
                questions = []
                for notebook in soumission.notebooks:
                    for note in notebook.grades:
                        en_attente = note.needs_manual_grade and note.manual_score is None \
                            and note.auto_score is None
                        questions.append(NoteQuestion(
                            module, notebook.name, note.name, float(note.score or 0),
                            float(note.max_score or 0), bool(en_attente),
                            connu.competences_de_note(note.name) if connu else ()))
                penalite = sum(float(nb.late_submission_penalty or 0) for nb in soumission.notebooks)
                copies[(soumission.student.id, module)] = CopieRendue(
                    module, float(soumission.score or 0) - penalite, float(soumission.max_score or 0),
                    sum(q.en_attente for q in questions), soumission.timestamp, penalite, questions,
                    raison_non_notee(soumission))
    competences = {code: c.intitule for code, c in syllabus.competences.items()}
    return Releve(apprenantes, modules, titres, maxima, copies, competences)


class _Ecrivain:
    """Un ``csv.writer`` dont chaque cellule passe par :func:`cellule_csv` : un nom commençant
    par ``=``, ``+``, ``-``, ``@``, une tabulation ou un retour chariot (modifiable par
    l'apprenante dans le LMS) n'est jamais lu comme une formule par le tableur."""

    def __init__(self, fichier, separateur: str):
        self._csv = csv.writer(fichier, delimiter=separateur)

    def writerow(self, cellules) -> None:
        self._csv.writerow([cellule_csv(c) for c in cellules])


def _nombre(valeur: float | None, decimale: str, chiffres: int = 2) -> str:
    if valeur is None:
        return ""
    texte = f"{valeur:.{chiffres}f}".rstrip("0").rstrip(".")
    return texte.replace(".", decimale)


@dataclass
class FichiersNotes:
    par_module: Path
    pour_lms: Path
    lignes_par_module: int
    apprenantes: int


def exporter_notes(cours: Cours, dossier: str | Path | None = None, *,
                   separateur: str = ";") -> FichiersNotes:
    """Écrit ``notes_par_module.csv`` et ``notes_pour_lms.csv`` dans ``dossier`` (par défaut ``notes/``)."""
    if separateur not in (";", ","):
        from obm.erreurs import DonneesInvalides

        raise DonneesInvalides(f"Séparateur « {separateur} » inconnu : choisis « ; » ou « , ».")
    decimale = "," if separateur == ";" else "."
    releve = lire_releve(cours)
    dossier = Path(dossier) if dossier else cours.racine / "notes"
    dossier.mkdir(parents=True, exist_ok=True)

    par_module = dossier / "notes_par_module.csv"
    lignes = 0
    with par_module.open("w", encoding="utf-8-sig", newline="") as fichier:
        ecrivain = _Ecrivain(fichier, separateur)
        ecrivain.writerow(["apprenante", "prenom", "nom", "email", "module", "titre", "rendue",
                           "statut", "points", "points_max", "pourcentage", "a_noter_a_la_main",
                           "penalite_retard", "rendue_le_utc", "raison"])
        for eleve in releve.apprenantes:
            for module in releve.modules:
                copie = releve.copie(eleve.identifiant, module)
                maximum = releve.maxima[module]
                debut = [eleve.identifiant, eleve.prenom, eleve.nom, eleve.email, module,
                         releve.titres[module]]
                if copie is None:
                    ecrivain.writerow(debut + ["non", NON_RENDUE, "", _nombre(maximum, decimale),
                                               "", "", "", "", ""])
                    lignes += 1
                    continue
                rendue_le = copie.rendue_le.strftime("%Y-%m-%d %H:%M") if copie.rendue_le else ""
                if copie.non_notee is not None:
                    # Empty points, never 0: the copy could not be graded.
                    ecrivain.writerow(debut + ["oui", NON_NOTEE, "", _nombre(maximum, decimale), "",
                                               "", "", rendue_le, copie.non_notee])
                else:
                    pourcentage = 100 * copie.points / maximum if maximum else None
                    ecrivain.writerow(debut + [
                        "oui", copie.statut, _nombre(copie.points, decimale),
                        _nombre(maximum, decimale), _nombre(pourcentage, decimale, 1),
                        copie.a_noter_a_la_main, _nombre(copie.penalite, decimale), rendue_le, ""])
                lignes += 1

    pour_lms = dossier / "notes_pour_lms.csv"
    with pour_lms.open("w", encoding="utf-8-sig", newline="") as fichier:
        ecrivain = _Ecrivain(fichier, separateur)
        ecrivain.writerow(["apprenante", "prenom", "nom", "email"]
                          + [titre for m in releve.modules
                             for titre in (f"{m} (sur {_nombre(releve.maxima[m], decimale)})",
                                           f"{m} statut")]
                          + [f"{code} {intitule} (%)" for code, intitule in releve.competences.items()])
        for eleve in releve.apprenantes:
            points = []
            for module in releve.modules:
                copie = releve.copie(eleve.identifiant, module)
                if copie is None:
                    points += ["", NON_RENDUE]
                elif copie.non_notee is not None:
                    points += ["", NON_NOTEE]  # never 0 sent to the LMS
                else:
                    points += [_nombre(copie.points, decimale), copie.statut]
            niveaux = releve.niveaux(eleve.identifiant)
            ecrivain.writerow([eleve.identifiant, eleve.prenom, eleve.nom, eleve.email] + points
                              + [_nombre(None if niveaux[c] is None else 100 * niveaux[c], decimale, 1)
                                 for c in releve.competences])
    return FichiersNotes(par_module, pour_lms, lignes, len(releve.apprenantes))
