"""La fiche Python du cours : chaque idée Python, une ligne, avec le module qui l'explique.

Les modules déclarent dans ``course/syllabus.toml`` les idées que leur leçon introduit
(``python_introduit``, voir :mod:`obm.idees_python`) ; la fiche ``course/fiche_python.ipynb`` en
est générée par ``make accueil``, dans l'ordre du parcours. Un test vérifie qu'elle est à jour et
un autre qu'aucune idée n'est employée avant son module : la fiche dit donc vrai.
"""

from __future__ import annotations

from pathlib import Path

from obm.donnees import racine_cours

NOTEBOOK = Path("course") / "fiche_python.ipynb"


def lignes(racine: Path | None = None) -> list[tuple[str, str, str]]:
    """(idée, ce que c'est, module) pour chaque idée introduite, dans l'ordre du parcours."""
    from obm.idees_python import IDEES
    from obm.syllabus import charger

    racine = racine or racine_cours()
    syllabus = charger(racine / "course" / "syllabus.toml")
    resultat = []
    for module in syllabus.modules:
        for idee in module.python_introduit:
            resultat.append((idee, IDEES[idee], module.id))
    return resultat


# id -> (ce que c'est, comment ça s'écrit, tiré des cas du cours). Un test vérifie que chaque
# idée d'obm.idees_python a sa ligne.
FICHE = {
    "variable": ("Donner un nom à une valeur, puis utiliser le nom", 'heures_lea = 15'),
    "calcul": ("Calculer : plus, moins, fois, divisé ; la virgule décimale est un point",
               "3 * 179 - 497"),
    "texte": ("Un texte, entre guillemets droits", '"Cap Sérénité"'),
    "liste": ("Une liste de valeurs, entre crochets", '["Léa", "Hugo", "Inès", "Samir"]'),
    "dictionnaire": ("Des valeurs rangées sous des clés, entre accolades", '{"Léa": 15, "Inès": 10}'),
    "appel": ("Appeler une fonction avec ses arguments entre parenthèses", "round(36.5)"),
    "import": ("Prendre une fonction dans une bibliothèque", "from obm import donnees"),
    "cle": ("Lire un élément par sa clé ou par sa position (la première est 0)",
            'heures["Léa"]'),
    "point": ("Lire un attribut ou appeler une méthode avec un point", 'ventes["montant"].sum()'),
    "comparaison": ("Comparer deux valeurs, ou chercher dans une liste", 'taux >= 0.95'),
    "booleen": ("Les deux réponses d'une comparaison : vrai ou faux", "True"),
    "none": ("La valeur « rien » (une case vide, une réponse absente)", "None"),
    "tableau": ("Un tableau de données pandas (un DataFrame) et ses colonnes",
                'lancement["ventes"]'),
    "filtre": ("Garder les lignes d'un tableau qui vérifient une condition",
               'ventes[ventes["canal"] == "e-mail"]'),
    "argument_nomme": ("Donner un argument par son nom", "test_ab(12, 400, 21, 410, seuil=0.05)"),
    "f_string": ("Un texte qui insère des valeurs entre accolades", 'f"{ventes} ventes"'),
    "format_nombre": ("Un format de nombre dans un texte f", 'f"{taux:.1%}"'),
    "date": ("Une date : année, mois, jour", "date(2027, 5, 18)"),
    "loc": ("Lire une case d'un tableau par sa ligne et sa colonne", 'plan.loc["A", "fin"]'),
    "n_uplet": ("Plusieurs valeurs ensemble, et les ranger dans plusieurs noms d'un coup",
                "bas, haut = (900, 1100)"),
    "si": ("Faire une chose ou une autre selon une condition", 'if ipc < 0.85: ...'),
    "boucle": ("Répéter une action pour chaque élément d'une liste", "for nom in equipe: ..."),
    "comprehension": ("Construire une liste à partir d'une autre, en filtrant",
                      "[t for t in taches if t.critique]"),
    "fonction": ("Écrire sa propre fonction", "def marge(prix, cout): return prix - cout"),
    "lambda": ("Une petite fonction sans nom", "lambda x: x * 1.2"),
    "groupby": ("Regrouper les lignes d'un tableau et résumer chaque groupe",
                'ventes.groupby("canal")["montant"].sum()'),
    "assign": ("Ajouter à un tableau des colonnes calculées", "tableau.assign(ht=tableau.ttc / 1.2)"),
    "methode_texte": ("Transformer le texte de toute une colonne", 'emails.str.lower()'),
    "regex": ("Chercher un motif dans un texte (expression régulière)",
              r're.findall(r"\d+", texte)'),
    "essai": ("Attraper une erreur au lieu de s'arrêter", "try: ... except ErreurOBM: ..."),
    "avec": ("Ouvrir une ressource et la refermer à la fin", 'with open("f.csv") as f: ...'),
    "ensemble": ("Un ensemble de valeurs sans doublon", 'set(["Léa", "Hugo"])'),
}


def generer(racine: Path | None = None):
    """Le notebook de la fiche (objet nbformat) : une introduction, puis un tableau par module."""
    import nbformat

    from obm.fr import typographie_markdown
    from obm.glossaire import notebook_genere
    from obm.syllabus import charger

    racine = racine or racine_cours()
    syllabus = charger(racine / "course" / "syllabus.toml")
    cellules = [nbformat.v4.new_markdown_cell(typographie_markdown(
        "# La fiche Python du cours\n\n"
        "Tout le Python dont le cours se sert, une ligne par idée, avec le module dont la leçon "
        "l'explique la première fois. Aucun exercice ne te demande une idée avant son module : "
        "si une ligne de code t'arrête, cherche ici où elle est expliquée et relis ce passage. "
        "Les mots du métier, eux, sont dans le [glossaire](glossaire.ipynb).\n\n"
        "Ce notebook est généré : pour le compléter, modifie `python_introduit` dans "
        "`course/syllabus.toml` puis lance `make accueil`."), id="fiche-intro")]
    par_module: dict[str, list[tuple[str, str, str]]] = {}
    for idee, description, module in lignes(racine):
        par_module.setdefault(module, []).append((idee, description, module))
    titres = {m.id: m for m in syllabus.modules}
    for module_id, groupe in par_module.items():
        module = titres[module_id]
        texte = [f"## Module {module.numero} · {module.titre}\n",
                 f"Expliqué dans la [leçon du module {module.numero}]"
                 f"(modules/{module.id}/{module.lecons[0]}).\n",
                 "| Idée | Comment elle s'écrit |", "|---|---|"]
        texte += [f"| {FICHE[idee][0]} | `{FICHE[idee][1]}` |" for idee, _, _ in groupe]
        cellules.append(nbformat.v4.new_markdown_cell(
            typographie_markdown("\n".join(texte)), id=f"fiche-{module_id}"))
    return notebook_genere(cellules)


def texte_fiche(racine: Path | None = None) -> str:
    """Le contenu exact attendu de ``course/fiche_python.ipynb``."""
    import nbformat

    return nbformat.writes(generer(racine)) + "\n"


def ecrire(racine: Path | None = None) -> Path:
    """Écrit ``course/fiche_python.ipynb`` et renvoie son chemin."""
    racine = racine or racine_cours()
    chemin = racine / NOTEBOOK
    chemin.write_text(texte_fiche(racine), encoding="utf-8")
    return chemin
