"""La page d'accueil du cours (``accueil.ipynb``), générée à partir du syllabus.

Ne modifie pas ``accueil.ipynb`` à la main : modifie ``course/syllabus.toml`` puis lance
``make accueil``. Les tests vérifient que la page suit le syllabus.
"""

from __future__ import annotations

from pathlib import Path

from obm.donnees import racine_cours
from obm.installation import language_info
from obm.syllabus import Module, Syllabus, charger

NOM_FICHIER = "accueil.ipynb"

PROGRESSION_TEXTE = (
    "## Où en es-tu ?\n\n"
    "*À partir de ton deuxième passage.* Exécute la cellule ci-dessous (`Maj + Entrée`) : elle "
    "affiche ta progression, module par module, lue dans tes notebooks enregistrés : la leçon "
    "exécutée ou non, les réponses écrites, ce que disent les vérifications (faites, justes en "
    "autoformation, à revoir), ton autoévaluation du module 00 et les livrables déjà écrits dans "
    "ton dossier `livrables/`. Tes fichiers sont seulement lus, jamais modifiés.\n\n"
    "Après avoir travaillé, enregistre ton notebook (`Ctrl + S`) puis clique sur "
    "**Actualiser**. Dans n'importe quel notebook, `import obm` puis `obm.progression()` "
    "affiche le même tableau."
)
PROGRESSION_CODE = "from obm.widgets import progression_interactive\n\nprogression_interactive()"

# Ce que l'apprenante saura faire à la fin : des promesses concrètes, tenues par les modules.
PROMESSES = (
    "planifier un lancement à rebours, en jours ouvrés français, et l'exporter dans l'agenda "
    "et l'outil de l'équipe ;",
    "répartir le travail, suivre l'avancement et dire chaque semaine où en est le projet ;",
    "donner un feedback précis, qui décrit des faits plutôt que de juger une personne ;",
    "lire les chiffres d'un lancement face à des repères sourcés et recommander la suite ;",
    "chiffrer ton offre d'OBM et présenter ta transition à une cliente.",
)


def _duree(minutes: int) -> str:
    heures, reste = divmod(minutes, 60)
    if not heures:
        return f"{reste}\u00a0min"
    return f"{heures}\u00a0h\u00a0{reste:02d}" if reste else f"{heures}\u00a0h"


def _liens(module: Module) -> tuple[str, str]:
    lecons = " · ".join(
        f"[Leçon](course/modules/{module.id}/{n})" if len(module.lecons) == 1 else
        f"[Leçon {i}](course/modules/{module.id}/{n})" for i, n in enumerate(module.lecons, 1)
    )
    exercices = " · ".join(
        f"[Exercice](exercises/{module.id}/{n})" if len(module.exercices) == 1 else
        f"[Exercice {i}](exercises/{module.id}/{n})" for i, n in enumerate(module.exercices, 1)
    ) or "—"
    return lecons, exercices


def contenu_markdown(syllabus: Syllabus) -> list[tuple[str, str]]:
    """Les cellules de la page d'accueil, sous forme de paires (identifiant, texte markdown)."""
    from obm.fr import nombre, typographie_markdown

    publies = [m for m in syllabus.modules if m.publie]
    prevus = [m for m in syllabus.modules if not m.publie]
    duree_publiee = sum(m.duree_minutes for m in publies)
    premier = publies[0] if publies else syllabus.modules[0]
    intro = (
        f"# {syllabus.titre}\n\n"
        f"**{syllabus.sous_titre}**\n\n"
        "Ce cours s'adresse aux assistantes virtuelles et aux cheffes de projet qui veulent "
        "devenir OBM. **Aucun prérequis en Python** : le peu de Python nécessaire s'apprend au module "
        "00, et chaque idée nouvelle est expliquée là où elle sert. Un même cas te suit du début "
        "à la fin : celui de Clara Morel, coach en organisation, dont tu deviens l'OBM.\n\n"
        "## Par où commencer\n\n"
        f"👉 **[Commence ici : la leçon du module {premier.numero}, {premier.titre}]"
        f"(course/modules/{premier.id}/{premier.lecons[0]})** (environ "
        f"{_duree(premier.duree_minutes)} avec son exercice). Elle te montre JupyterLab, le "
        "peu de Python du cours et le fonctionnement des exercices.\n\n"
        "Pour chaque module, lis d'abord la leçon en exécutant ses cellules une à une "
        "(`Maj + Entrée`), puis fais l'exercice. Sous chaque réponse, une vérification te dit "
        "tout de suite si c'est ⏳ *pas encore fait*, 🔁 *à revoir* (avec l'erreur probable et "
        "un indice) ou ☑️ *forme correcte* ; en autoformation, elle te dit aussi ✅ *juste*. Les "
        "mots du métier sont expliqués dans le [glossaire](course/glossaire.ipynb), et le peu de "
        "Python du cours, ligne par ligne, dans la [fiche Python](course/fiche_python.ipynb).\n\n"
        "## À la fin du parcours, tu sauras\n\n"
        + "\n".join(f"- {p}" for p in PROMESSES) + "\n\n"
        "Et tu repars avec des **livrables** pour ton vrai travail : chaque module en écrit un "
        "dans ton dossier `livrables/` (un agenda, un fichier pour Asana, une fiche de poste, "
        "un tableau de bord…), listés dans le tableau ci-dessous.\n\n"
        "## L'état du cours\n\n"
        f"{len(publies)} modules sur {len(syllabus.modules)} sont publiés, soit environ "
        f"{_duree(duree_publiee)} de travail. Les {len(prevus)} autres sont en préparation : "
        "leur liste est en bas de page."
    )
    legende = ["## Les compétences travaillées\n",
               "Chaque module travaille une ou plusieurs des "
               f"{nombre(len(syllabus.competences))} compétences du métier, repérées par un "
               "code :\n",
               "| Code | Famille | Compétence |", "|---|---|---|"]
    legende += [f"| {c.code} | {c.famille} | {c.intitule} |" for c in syllabus.competences.values()]
    lignes = [
        "## Les modules publiés\n",
        "| Module | Durée | Compétences | Pour commencer | Tu gardes |",
        "|---|---|---|---|---|",
    ]
    for module in publies:
        lecon, exercice = _liens(module)
        if len(module.competences) == len(syllabus.competences):
            competences = "toutes"
        else:
            competences = ", ".join(module.competences)
        lignes.append(
            f"| **{module.numero}. {module.titre}** : {module.objectif} | "
            f"{_duree(module.duree_minutes)} | {competences} | {lecon} · {exercice} | "
            f"{module.a_garder} |"
        )
    cellules = [
        ("accueil-intro", intro),
        ("accueil-competences", "\n".join(legende)),
        ("accueil-modules", "\n".join(lignes)),
    ]
    if prevus:
        texte = ["## En préparation\n",
                 "Ces modules sont écrits en ce moment ; ils apparaîtront dans le tableau "
                 "ci-dessus une fois publiés, avec leur leçon et leur exercice.\n"]
        texte += [f"- **{m.numero}. {m.titre}** : {m.objectif}" for m in prevus]
        cellules.append(("accueil-en-preparation", "\n".join(texte)))
    return [(ident, typographie_markdown(texte)) for ident, texte in cellules]


def generer(syllabus: Syllabus | None = None):
    """Construit le notebook d'accueil (objet nbformat) à partir du syllabus."""
    import nbformat

    from obm.fr import typographie_markdown

    syllabus = syllabus or charger()
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        # As the kernel announces it: JupyterLab then has nothing to change when it opens the page.
        "language_info": language_info(),
    }
    cellules = [
        nbformat.v4.new_markdown_cell(texte, id=ident)
        for ident, texte in contenu_markdown(syllabus)
    ]
    # The progress widget comes right after the introduction: it is what a returning learner
    # looks for first (its text says so).
    cellules[1:1] = [
        nbformat.v4.new_markdown_cell(typographie_markdown(PROGRESSION_TEXTE), id="accueil-progression"),
        nbformat.v4.new_code_cell(PROGRESSION_CODE, id="accueil-progression-code"),
    ]
    notebook.cells = cellules
    return notebook


def texte_accueil(syllabus: Syllabus | None = None) -> str:
    """Le contenu exact du fichier ``accueil.ipynb`` attendu."""
    import nbformat

    return nbformat.writes(generer(syllabus)) + "\n"


def ecrire(chemin: str | Path | None = None) -> Path:
    """Écrit ``accueil.ipynb`` à la racine du cours et renvoie son chemin."""
    chemin = Path(chemin) if chemin is not None else racine_cours() / NOM_FICHIER
    chemin.write_text(texte_accueil(), encoding="utf-8")
    return chemin


if __name__ == "__main__":
    from obm import fiche_python, glossaire

    print(f"Page d'accueil écrite\u202f: {ecrire()}")
    print(f"Glossaire écrit\u202f: {glossaire.ecrire()}")
    print(f"Fiche Python écrite\u202f: {fiche_python.ecrire()}")
