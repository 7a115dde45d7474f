"""Les idées Python du cours, et où chacune est enseignée.

Le cours promet d'expliquer chaque idée Python la première fois qu'elle sert. Chaque module
déclare dans ``course/syllabus.toml`` les idées que sa leçon introduit (``python_introduit``) ;
un test lit le code des leçons et des cellules de réponse des corrigés et refuse une idée
employée avant le module qui l'introduit.

:func:`idees_du_code` dit quelles idées un bout de code emploie (par son arbre syntaxique).
"""

from __future__ import annotations

import ast

# id -> ce que c'est, en français (pour les messages et la fiche Python du cours).
IDEES = {
    "variable": "donner un nom à une valeur (x = …)",
    "calcul": "les opérations + − × ÷ (+ - * /)",
    "texte": "un texte entre guillemets",
    "liste": "une liste entre crochets [a, b]",
    "dictionnaire": "un dictionnaire entre accolades {clé: valeur}",
    "appel": "appeler une fonction : nom(arguments)",
    "import": "importer une bibliothèque (import, from … import …)",
    "cle": "lire un élément par sa clé ou sa position : d[\"Léa\"], liste[0]",
    "point": "lire un attribut ou appeler une méthode avec un point : tableau.sum()",
    "comparaison": "comparer : == != < > <= >=, in",
    "booleen": "les valeurs True et False",
    "none": "la valeur None (rien)",
    "tableau": "un tableau pandas (DataFrame) et ses colonnes",
    "filtre": "filtrer les lignes d'un tableau : tableau[tableau[\"col\"] == valeur]",
    "argument_nomme": "un argument nommé dans un appel : f(x, seuil=0.05)",
    "f_string": "un texte qui insère des valeurs : f\"… {x} …\"",
    "format_nombre": "un format de nombre dans un f-string : {x:.2f}",
    "date": "une date : date(2027, 5, 18)",
    "loc": "lire une case d'un tableau : .loc[ligne, colonne], .iloc[0]",
    "n_uplet": "un n-uplet (a, b) et le dépaquetage a, b = …",
    "si": "une condition : if … else …",
    "boucle": "une boucle : for … in …",
    "comprehension": "une liste construite par une boucle : [x for x in … if …]",
    "fonction": "écrire sa propre fonction : def nom(…): … return …",
    "lambda": "une petite fonction sans nom : lambda x: …",
    "groupby": "regrouper et résumer un tableau : .groupby(…)",
    "assign": "ajouter des colonnes calculées : .assign(…)",
    "methode_texte": "les méthodes de texte d'une colonne : .str.lower(), .str.replace(…)",
    "regex": "les expressions régulières (re, regex=True)",
    "essai": "attraper une erreur : try … except …",
    "avec": "ouvrir une ressource : with … as …",
    "ensemble": "un ensemble {a, b} ou set(…)",
}


class _Lecteur(ast.NodeVisitor):
    def __init__(self):
        self.idees: set[str] = set()

    def ajouter(self, idee: str) -> None:
        self.idees.add(idee)

    def visit_Assign(self, noeud):
        self.ajouter("variable")
        if any(isinstance(c, ast.Tuple) for c in noeud.targets):
            self.ajouter("n_uplet")
        self.generic_visit(noeud)

    def visit_AugAssign(self, noeud):
        self.ajouter("variable")
        self.ajouter("calcul")
        self.generic_visit(noeud)

    def visit_BinOp(self, noeud):
        self.ajouter("calcul")
        self.generic_visit(noeud)

    def visit_Constant(self, noeud):
        if isinstance(noeud.value, str):
            self.ajouter("texte")
        elif isinstance(noeud.value, bool):
            self.ajouter("booleen")
        elif noeud.value is None:
            self.ajouter("none")

    def visit_List(self, noeud):
        self.ajouter("liste")
        self.generic_visit(noeud)

    def visit_Dict(self, noeud):
        self.ajouter("dictionnaire")
        self.generic_visit(noeud)

    def visit_Set(self, noeud):
        self.ajouter("ensemble")
        self.generic_visit(noeud)

    def visit_Tuple(self, noeud):
        # A tuple as a subscript (df.loc[a, b]) is part of .loc, not an idea of its own.
        self.generic_visit(noeud)

    def visit_Import(self, noeud):
        self.ajouter("import")
        if any(a.name == "re" for a in noeud.names):
            self.ajouter("regex")

    def visit_ImportFrom(self, noeud):
        self.ajouter("import")
        if noeud.module == "datetime":
            self.ajouter("date")

    def visit_Call(self, noeud):
        self.ajouter("appel")
        if noeud.keywords:
            self.ajouter("argument_nomme")
            if any(k.arg == "regex" for k in noeud.keywords):
                self.ajouter("regex")
        fonction = noeud.func
        nom = fonction.id if isinstance(fonction, ast.Name) else (
            fonction.attr if isinstance(fonction, ast.Attribute) else "")
        if nom in ("DataFrame", "read_csv", "read_excel", "Series"):
            self.ajouter("tableau")
        elif nom == "date" or nom == "datetime":
            self.ajouter("date")
        elif nom == "groupby":
            self.ajouter("groupby")
        elif nom == "assign":
            self.ajouter("assign")
        elif nom == "set":
            self.ajouter("ensemble")
        self.generic_visit(noeud)

    def visit_Attribute(self, noeud):
        self.ajouter("point")
        if noeud.attr in ("loc", "iloc", "at", "iat"):
            self.ajouter("loc")
        if noeud.attr == "str":
            self.ajouter("methode_texte")
        self.generic_visit(noeud)

    def visit_Subscript(self, noeud):
        self.ajouter("cle")
        tranche = noeud.slice
        if isinstance(tranche, (ast.Compare, ast.BoolOp)) or (
                isinstance(tranche, ast.BinOp) and isinstance(tranche.op, (ast.BitAnd, ast.BitOr))) or (
                isinstance(tranche, ast.UnaryOp) and isinstance(tranche.op, ast.Invert)):
            self.ajouter("filtre")
        self.generic_visit(noeud)

    def visit_Compare(self, noeud):
        self.ajouter("comparaison")
        self.generic_visit(noeud)

    def visit_JoinedStr(self, noeud):
        self.ajouter("f_string")
        for valeur in noeud.values:
            if isinstance(valeur, ast.FormattedValue) and valeur.format_spec is not None:
                self.ajouter("format_nombre")
        self.generic_visit(noeud)

    def visit_If(self, noeud):
        self.ajouter("si")
        self.generic_visit(noeud)

    def visit_IfExp(self, noeud):
        self.ajouter("si")
        self.generic_visit(noeud)

    def visit_For(self, noeud):
        self.ajouter("boucle")
        if isinstance(noeud.target, ast.Tuple):
            self.ajouter("n_uplet")
        self.generic_visit(noeud)

    def visit_While(self, noeud):
        self.ajouter("boucle")
        self.generic_visit(noeud)

    def _comprehension(self, noeud):
        self.ajouter("comprehension")
        self.generic_visit(noeud)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_FunctionDef(self, noeud):
        self.ajouter("fonction")
        self.generic_visit(noeud)

    def visit_Lambda(self, noeud):
        self.ajouter("lambda")
        self.generic_visit(noeud)

    def visit_Try(self, noeud):
        self.ajouter("essai")
        self.generic_visit(noeud)

    def visit_With(self, noeud):
        self.ajouter("avec")
        self.generic_visit(noeud)


def idees_du_code(code: str) -> set[str]:
    """Les idées Python qu'un bout de code emploie (les commandes magiques % sont ignorées)."""
    lignes = [l for l in code.splitlines() if not l.lstrip().startswith(("%", "!"))]
    try:
        arbre = ast.parse("\n".join(lignes))
    except SyntaxError:
        return set()
    lecteur = _Lecteur()
    lecteur.visit(arbre)
    return lecteur.idees
