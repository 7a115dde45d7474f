"""La page d'accueil du cours (``accueil.ipynb``), générée à partir du syllabus.

Ne modifie pas ``accueil.ipynb`` à la main : modifie ``course/syllabus.toml`` puis lance
``make accueil``. Les tests vérifient que la page suit le syllabus.
"""

from __future__ import annotations

from pathlib import Path

from obm.donnees import racine_cours
from obm.installation import language_info
from obm.syllabus import Module, Syllabus, charger

NOM_FICHIER = "accueil.ipynb"

PROGRESSION_TEXTE = (
    "## Où en es-tu ?\n\n"
    "Exécute la cellule ci-dessous (`Maj + Entrée`) : elle affiche ta progression, module par "
    "module, lue dans tes notebooks enregistrés. Pour chaque module, tu vois si tu as exécuté la "
    "leçon, combien de réponses de l'exercice tu as écrites et ce que disent ses vérifications "
    "(réussies, à revoir) ; ton autoévaluation du module 00 apparaît au-dessus du tableau. "
    "Tes fichiers sont seulement lus, jamais modifiés.\n\n"
    "Après avoir travaillé, enregistre ton notebook (`Ctrl + S`) puis clique sur "
    "**Actualiser**. Dans n'importe quel notebook, `import obm` puis `obm.progression()` "
    "affiche le même tableau."
)
PROGRESSION_CODE = "from obm.widgets import progression_interactive\n\nprogression_interactive()"


def _duree(minutes: int) -> str:
    heures, reste = divmod(minutes, 60)
    if not heures:
        return f"{reste} min"
    return f"{heures} h {reste:02d}" if reste else f"{heures} h"


def _liens(module: Module) -> tuple[str, str]:
    if not module.publie:
        return "à venir", "à venir"
    lecons = " · ".join(
        f"[{Path(n).stem}](course/modules/{module.id}/{n})" for n in module.lecons
    )
    exercices = " · ".join(
        f"[{Path(n).stem}](exercises/{module.id}/{n})" for n in module.exercices
    ) or "—"
    return lecons, exercices


def contenu_markdown(syllabus: Syllabus) -> list[tuple[str, str]]:
    """Les cellules de la page d'accueil, sous forme de paires (identifiant, texte markdown)."""
    duree_totale = sum(m.duree_minutes for m in syllabus.modules)
    intro = (
        f"# {syllabus.titre}\n\n"
        f"**{syllabus.sous_titre}**\n\n"
        f"Le parcours compte {len(syllabus.modules)} modules (environ {duree_totale // 60} heures) "
        f"et travaille {len(syllabus.competences)} compétences. Un même cas te suit du début à la "
        "fin : celui de Clara Morel, coach en organisation, dont tu deviens l'OBM.\n\n"
        "**Comment travailler.** Pour chaque module, lis d'abord la leçon en exécutant ses "
        "cellules une à une (`Maj + Entrée`), puis fais l'exercice. Sous chaque réponse, une "
        "cellule de vérification te dit tout de suite si c'est *pas encore fait*, *à revoir* ou "
        "*réussi*. Commence par le module 00 : il t'explique tout cela en cinq minutes."
    )
    lignes = [
        "## Les modules\n",
        "| Module | Durée | Compétences | Leçon | Exercice |",
        "|---|---|---|---|---|",
    ]
    for module in syllabus.modules:
        lecon, exercice = _liens(module)
        if len(module.competences) == len(syllabus.competences):
            competences = "toutes"
        else:
            competences = ", ".join(module.competences)
        lignes.append(
            f"| **{module.numero}. {module.titre}** — {module.objectif} | "
            f"{_duree(module.duree_minutes)} | {competences} | {lecon} | {exercice} |"
        )
    tableau = "\n".join(lignes)
    legende = ["## Les compétences\n", "| Code | Famille | Compétence |", "|---|---|---|"]
    legende += [f"| {c.code} | {c.famille} | {c.intitule} |" for c in syllabus.competences.values()]
    return [
        ("accueil-intro", intro),
        ("accueil-modules", tableau),
        ("accueil-competences", "\n".join(legende)),
    ]


def generer(syllabus: Syllabus | None = None):
    """Construit le notebook d'accueil (objet nbformat) à partir du syllabus."""
    import nbformat

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
    # looks for first.
    cellules[1:1] = [
        nbformat.v4.new_markdown_cell(PROGRESSION_TEXTE, id="accueil-progression"),
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
    print(f"Page d'accueil écrite : {ecrire()}")
