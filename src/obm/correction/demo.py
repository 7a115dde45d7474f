"""``make demo`` : une cohorte fictive de 20 apprenantes, du rendu des copies au rapport.

Dans un cours de démonstration (``artefacts/demo/cours/``, hors du dépôt suivi par git) :
les exercices publiés sont distribués, puis chaque apprenante rend une copie tirée des
exercices eux-mêmes — le corrigé, une réponse fausse typique (les « mutants » de
``tests/mutants/``), une copie à moitié faite, une copie vierge, une cellule de note
supprimée, un fichier abîmé — dans une archive au format de Moodle, avec la liste de la
cohorte. Puis les étapes de la formatrice : ``obm importer``, ``obm corriger``, les notes
des réponses écrites (posées ici comme dans le formgrader), ``obm retours``, ``obm notes``
et ``obm rapport``. Tout est fictif ; le tirage est fixe (graine), la démo se rejoue à l'identique.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import sys
import time
import tomllib
import zipfile
from pathlib import Path

from obm.correction.commun import dans_le_dossier, identifiant

GRAINE = 2027
PROMOTION = [
    ("Amandine", "Roux"), ("Bérénice", "Faure"), ("Camille", "Nguyen"), ("Chloé", "Lefèvre"),
    ("Dounia", "Benali"), ("Élodie", "Marchand"), ("Fanny", "Garnier"), ("Gaëlle", "Perrin"),
    ("Hélène", "Chevalier"), ("Isabelle", "Fontaine"), ("Jeanne", "Mercier"), ("Karima", "Haddad"),
    ("Laure", "Dubois"), ("Manon", "Girard"), ("Nadia", "Lambert"), ("Océane", "Picard"),
    ("Pauline", "Roussel"), ("Rose", "Diallo"), ("Sophie", "Barbier"), ("Yasmine", "Ouali"),
]
# What each learner hands in, in the order of PROMOTION (the same profile for every module,
# shifted by one per module so that nobody is always the best or always absent).
PROFILS = ["corrige", "mutant", "corrige", "mutant", "moitie", "mutant", "corrige", "vierge",
           "mutant", "corrige", "mutant", "moitie", "mutant", "corrige", "cellule_supprimee",
           "mutant", "absente", "mutant", "corrige", "abimee"]
# Written answers (markdown cells graded by hand), for any module: the model answer, its first
# sentence only, or a sentence that says nothing; with the share of the points the trainer gives.
REPONSES_ECRITES = [
    ("corrige", 1.0, "Réponse complète et claire : tous les points de la grille y sont."),
    ("premiere_phrase", 0.5, "Juste, mais incomplète : reprends la grille point par point."),
    ("vide_de_sens", 0.0, "Trop court : la grille attend des arguments précis ; relis la leçon."),
]


def _sans_marqueurs(source: str) -> str:
    """La réponse d'une cellule de solution, sans les lignes BEGIN/END SOLUTION."""
    return "\n".join(l for l in source.split("\n")
                     if l.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def mutants_du_module(racine: Path, module: str) -> list[dict]:
    chemin = racine / "tests" / "mutants" / f"{module}.toml"
    if not chemin.is_file():
        return []
    return tomllib.loads(chemin.read_text(encoding="utf-8")).get("mutant", [])


def copie_fictive(distribuee, corrigee, profil: str, tirage: random.Random, mutants: list[dict],
           numero: int, notebook: str):
    """Le notebook rendu par une apprenante de ce profil (None : pas de copie, str : fichier abîmé)."""
    if profil == "absente":
        return None
    if profil == "abimee":
        return '{"cells": [{"cell_type": "code", "source": "ventes = 96'  # cut off mid-upload
    copie = copy.deepcopy(distribuee)
    if profil == "vierge":
        return copie
    solutions = {c.metadata["nbgrader"]["grade_id"]: c for c in corrigee.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    reponses = [c for c in copie.cells if c.metadata.get("nbgrader", {}).get("solution")]
    garder = len(reponses) // 2 if profil == "moitie" else len(reponses)
    for position, cellule in enumerate(reponses):
        grade_id = cellule.metadata["nbgrader"]["grade_id"]
        if position >= garder or grade_id not in solutions:
            continue
        if cellule.cell_type == "markdown":
            modele = _sans_marqueurs(solutions[grade_id].source).strip()
            maniere = REPONSES_ECRITES[numero % len(REPONSES_ECRITES)][0]
            cellule.source = {"corrige": modele,
                              "premiere_phrase": modele.split(". ")[0].rstrip(".") + ".",
                              "vide_de_sens": "Je ne sais pas encore bien l'expliquer."}[maniere]
        else:
            cellule.source = _sans_marqueurs(solutions[grade_id].source)
    if profil == "mutant":
        candidats = [m for m in mutants if m.get("notebook", "exercice.ipynb") == notebook]
        if candidats:
            mutant = tirage.choice(candidats)
            for cellule in copie.cells:
                grade_id = cellule.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id in mutant["cellules"]:
                    cellule.source = mutant["cellules"][grade_id].strip("\n")
    if profil == "cellule_supprimee":
        # The learner deleted a graded test cell: nbgrader puts it back before grading.
        notees = [c for c in copie.cells if c.metadata.get("nbgrader", {}).get("grade")
                  and not c.metadata["nbgrader"].get("solution")]
        copie.cells.remove(notees[-1])
    return copie


def construire_cohorte(racine_depot: Path, cours_demo: Path, modules: list[str]) -> dict[str, Path]:
    """Écrit la liste de la cohorte et une archive Moodle par module ; renvoie les archives."""
    import nbformat

    tirage = random.Random(GRAINE)
    entrees = cours_demo.parent / "depots"
    entrees.mkdir(parents=True, exist_ok=True)
    with (entrees / "apprenantes.csv").open("w", encoding="utf-8-sig") as liste:
        liste.write("identifiant;prenom;nom;email\n")
        for prenom, nom in PROMOTION:
            ident = identifiant(f"{prenom} {nom}")
            liste.write(f"{ident};{prenom};{nom};{ident.replace('-', '.')}@example.org\n")
    archives = {}
    horloge = (2027, 3, 1, 18, 0, 0)
    for decalage, module in enumerate(modules):
        mutants = mutants_du_module(racine_depot, module)
        archive = entrees / f"moodle_{module}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for numero, (prenom, nom) in enumerate(PROMOTION):
                profil = PROFILS[(numero + decalage) % len(PROFILS)]
                dossier = f"{prenom} {nom}_{100200 + numero}_assignsubmission_file"
                for chemin in sorted((cours_demo / "exercises" / module).glob("*.ipynb")):
                    distribuee = nbformat.read(chemin, as_version=4)
                    corrigee = nbformat.read(cours_demo / "solutions" / module / chemin.name, as_version=4)
                    copie = copie_fictive(distribuee, corrigee, profil, tirage, mutants, numero, chemin.name)
                    if copie is None:
                        continue
                    texte = copie if isinstance(copie, str) else nbformat.writes(copie)
                    info = zipfile.ZipInfo(f"{dossier}/{chemin.name}",
                                           date_time=horloge[:2] + (horloge[2] + decalage, 18,
                                                                    numero, 0))
                    zf.writestr(info, texte)
            # An old flat-layout upload by the first learner, older than her folder: set aside.
            prenom, nom = PROMOTION[0]
            info = zipfile.ZipInfo(f"{prenom} {nom}_100200_assignsubmission_file_brouillon.ipynb",
                                   date_time=horloge[:2] + (horloge[2] + decalage, 9, 0, 0))
            zf.writestr(info, nbformat.writes(nbformat.read(
                cours_demo / "exercises" / module / "exercice.ipynb", as_version=4)))
            # A learner who is not on the roster: listed, never dropped silently.
            info = zipfile.ZipInfo("Zoé Inconnue_100999_assignsubmission_file/exercice.ipynb",
                                   date_time=horloge[:2] + (horloge[2] + decalage, 20, 0, 0))
            zf.writestr(info, json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                          "nbformat_minor": 5}))
        archives[module] = archive
    return archives


def _noter_reponses_ecrites(cours, module: str) -> tuple[int, int]:
    """Pose les notes des réponses écrites, comme la formatrice dans le formgrader ; une copie
    non notée (fichier illisible…) est refusée, comme elle le serait pour la formatrice.
    Renvoie (réponses notées, copies refusées)."""
    from obm.correction.statut import noter_a_la_main, raison_non_notee
    from obm.erreurs import DonneesInvalides

    a_noter, refusees = [], set()
    with cours.carnet() as carnet:
        for soumission in carnet.find_assignment(module).submissions:
            for notebook in soumission.notebooks:
                ecrites = {c.name for c in notebook.comments}
                for note in notebook.grades:
                    if note.name in ecrites and note.needs_manual_grade and note.auto_score is None \
                            or (raison_non_notee(soumission) and note.name in ecrites):
                        a_noter.append((soumission.student.id, notebook.name, note.name,
                                        note.max_score))
    for apprenante, notebook, cellule, maximum in a_noter:
        numero = [identifiant(f"{p} {n}") for p, n in PROMOTION].index(apprenante)
        _, part, remarque = REPONSES_ECRITES[numero % len(REPONSES_ECRITES)]
        try:
            # Half points round to the half point, as a trainer would.
            noter_a_la_main(cours, module, apprenante, notebook, cellule,
                            round(2 * part * maximum) / 2, remarque)
        except DonneesInvalides:
            refusees.add(apprenante)
    return len(a_noter) - sum(1 for a, *_ in a_noter if a in refusees), len(refusees)


def _etape(commande: list[str]) -> None:
    from obm.correction.cli import main

    print(f"\n$ obm {' '.join(commande)}", flush=True)
    if main(commande) != 0:
        raise SystemExit(f"La démo s'arrête : « obm {' '.join(commande)} » a échoué.")


def lancer(racine_depot: Path | None = None, processus: int | None = None) -> Path:
    """Construit la cohorte fictive, enchaîne les étapes de la formatrice et renvoie le rapport."""
    import nbformat  # noqa: F401 - fail early, before building anything, if nbgrader is missing

    from obm.correction.commun import charger_cours
    from obm.donnees import racine_cours
    from obm.syllabus import charger

    debut = time.monotonic()
    racine_depot = Path(racine_depot or racine_cours()).resolve()
    modules = [m.id for m in charger(racine_depot / "course" / "syllabus.toml").publies
               if (racine_depot / "solutions" / m.id).is_dir()]
    demo = racine_depot / "artefacts" / "demo"
    if demo.exists():
        shutil.rmtree(demo)
    cours_demo = demo / "cours"
    cours_demo.mkdir(parents=True)
    shutil.copy(racine_depot / "nbgrader_config.py", cours_demo / "nbgrader_config.py")
    for dossier in ("solutions", "course", "data"):
        (cours_demo / dossier).symlink_to(racine_depot / dossier, target_is_directory=True)

    print(f"Démo : une cohorte fictive de {len(PROMOTION)} apprenantes, modules {', '.join(modules)}.")
    from obm.correction.bac_a_sable import disponible

    # Fictional copies drawn from the course's own solutions and mistakes: trusted code.
    sans_bac = [] if disponible() else ["--sans-bac-a-sable"]
    if sans_bac:
        print("Pas de bac à sable ici : la démo corrige ses copies fictives (tirées du corrigé) avec "
              "--sans-bac-a-sable ; de vraies copies, elles, ne se corrigent qu'isolées.")
    print(f"Cours de démonstration : {cours_demo}")
    with dans_le_dossier(cours_demo):
        for module in modules:
            _etape(["publier", module])
        archives = construire_cohorte(racine_depot, cours_demo, modules)
        liste = archives[modules[0]].parent / "apprenantes.csv"
        for module in modules:
            _etape(["importer", str(archives[module]), "--module", module, "--liste", str(liste)])
            jobs = ["--jobs", str(processus)] if processus else []
            _etape(["corriger", module, *jobs, *sans_bac])
        cours = charger_cours(cours_demo)
        for module in modules:
            notees, refusees = _noter_reponses_ecrites(cours, module)
            if notees:
                print(f"\n(La formatrice note {notees} réponse(s) écrite(s) de {module} dans le "
                      "formgrader ; la démo les pose directement dans le carnet.)")
            if refusees:
                print(f"({refusees} copie(s) non notée(s) de {module} : pas de note à la main "
                      "tant qu'elles ne sont pas renvoyées et corrigées.)")
        for module in modules:
            _etape(["retours", module])
        _etape(["notes"])
        _etape(["rapport"])
    rapport = cours_demo / "rapport" / "index.html"
    print(f"\nDémo terminée en {time.monotonic() - debut:.0f} s.")
    print(f"Le rapport de compétences : {rapport}")
    print(f"Les retours des apprenantes : {cours_demo / 'feedback'}")
    print(f"Les notes : {cours_demo / 'notes'}")
    return rapport


if __name__ == "__main__":
    lancer()
    sys.exit(0)
