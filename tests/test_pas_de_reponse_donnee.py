"""No answer given away: the values the hidden tests expect never appear in a hint of `obm` nor
in what a learner reads of an exercise (its statements and rubrics), unless the statement must
give them as data (they then stand in the exercise's locked code cells too).

Values are looked for in the forms a French text would write them: « 47712 », « 47 712 »,
« 24,84 », « 4 % », « 2,3 ».
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
SOLUTIONS = RACINE / "solutions"
EXERCICES = RACINE / "exercises"


def _source(cellule) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _tests_caches(source: str) -> str:
    lignes, dedans = [], False
    for ligne in source.split("\n"):
        if ligne.strip() == "### BEGIN HIDDEN TESTS":
            dedans = True
        elif ligne.strip() == "### END HIDDEN TESTS":
            dedans = False
        elif dedans:
            lignes.append(ligne)
    return "\n".join(lignes)


class _Attendus(ast.NodeVisitor):
    """Literal values a hidden test compares an answer with (==, abs(x - v) < tol, keys)."""

    def __init__(self):
        self.valeurs: list = []

    def _constante(self, noeud):
        try:
            return ast.literal_eval(noeud)
        except Exception:
            pass
        if isinstance(noeud, ast.BinOp):
            gauche, droite = self._constante(noeud.left), self._constante(noeud.right)
            if isinstance(gauche, (int, float)) and isinstance(droite, (int, float)):
                try:
                    return eval(compile(ast.Expression(noeud), "<cst>", "eval"), {})  # noqa: S307
                except Exception:
                    return None
        return None

    def _ajouter(self, valeur):
        if isinstance(valeur, (list, tuple, set)):
            for v in valeur:
                self._ajouter(v)
        elif isinstance(valeur, dict):
            for v in valeur.values():
                self._ajouter(v)
        elif valeur is not None and not isinstance(valeur, bool):
            self.valeurs.append(valeur)

    def visit_Compare(self, noeud):
        if any(isinstance(op, (ast.Eq, ast.In)) for op in noeud.ops):
            for cote in [noeud.left, *noeud.comparators]:
                self._ajouter(self._constante(cote))
        self.generic_visit(noeud)

    def visit_Call(self, noeud):
        # abs(x - 24.837) < 1e-6 : the expected value is the right operand of the subtraction.
        if isinstance(noeud.func, ast.Name) and noeud.func.id == "abs" and noeud.args:
            arg = noeud.args[0]
            if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Sub):
                self._ajouter(self._constante(arg.right))
        # date(2027, 5, 7)
        if isinstance(noeud.func, ast.Name) and noeud.func.id in ("date", "_date") and \
                len(noeud.args) == 3:
            parts = [self._constante(a) for a in noeud.args]
            if all(isinstance(p, int) for p in parts):
                self.valeurs.append(("date", *parts))
        self.generic_visit(noeud)

    def visit_Assign(self, noeud):
        # An answer key written as a dict or list (_cle = {...}).
        if any(isinstance(c, ast.Name) and "cle" in c.id for c in noeud.targets):
            self._ajouter(self._constante(noeud.value))
        self.generic_visit(noeud)


def valeurs_attendues(notebook: dict) -> list:
    attendus = _Attendus()
    for cellule in notebook["cells"]:
        code = _tests_caches(_source(cellule))
        if code.strip():
            try:
                attendus.visit(ast.parse(code))
            except SyntaxError:
                continue
    return attendus.valeurs


MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]


def formes(valeur, *, arrondis: bool = True) -> set[str]:
    """The ways a text may write a value (only those specific enough to mean something).

    ``arrondis=False``: only the exact value and its two-decimal form, not « 2,3 » or « 25 »
    (for a library message, where a rounded figure is far more likely to be something else).
    """
    resultat: set[str] = set()
    if isinstance(valeur, tuple) and valeur[0] == "date":
        _, a, m, j = valeur
        return {f"{j} {MOIS[m - 1]}", f"{j:02d}/{m:02d}", f"{a}-{m:02d}-{j:02d}"}
    if isinstance(valeur, str):
        # A label of a few characters (« a », « OBM ») is a choice the statement lists.
        return {valeur} if len(valeur) >= 12 else set()
    if not isinstance(valeur, (int, float)):
        return set()
    x = float(valeur)
    if abs(x) < 10 and x == int(x):
        return set()  # small whole numbers (counts of items) are everywhere in a text

    def milliers(n: int) -> set[str]:
        brut = str(n)
        groupes = f"{n:,}"
        return {brut} | {groupes.replace(",", sep) for sep in (" ", "\u202f", "\u00a0")}

    if x == int(x):
        resultat |= milliers(int(x))
    else:
        for decimales in ((2, 1) if arrondis else (2,)):
            arrondi = round(x, decimales)
            entier, _, frac = f"{arrondi:.{decimales}f}".partition(".")
            if len(entier + frac) >= 2 and frac.strip("0"):
                for e in milliers(int(entier)):
                    resultat |= {f"{e},{frac}", f"{e}.{frac}"}
        if abs(x) >= 10 and arrondis:
            resultat |= milliers(round(x))
        if 0 < abs(x) < 1 and arrondis:
            pourcent = round(100 * x, 1)
            texte = f"{pourcent:g}".replace(".", ",")
            resultat |= {f"{texte} %", f"{texte}\u00a0%", f"{texte}\u202f%", f"{texte}%"}
    return resultat


def trouve(forme: str, texte: str) -> bool:
    motif = r"(?<![\w,.])" + re.escape(forme) + r"(?![\w]|[,.]\d)"
    return re.search(motif, texte) is not None


def _exercices():
    return sorted(p for p in SOLUTIONS.glob("*/*.ipynb"))


# Values a statement must give although a hidden test checks them: (exercise, value) -> why.
DONNEES_DE_L_ENONCE = {
    ("03_retroplanning", "retroplanning_clara.ics"):
        "le nom du fichier à écrire : l'énoncé doit le dire pour qu'on le retrouve",
}


@pytest.mark.parametrize("solution", _exercices(), ids=lambda p: p.parent.name)
def test_enonces_et_baremes_ne_donnent_pas_les_reponses(solution):
    """Does no expected value of a hidden test appear in the learner's statements and rubrics?"""
    source = json.loads(solution.read_text(encoding="utf-8"))
    distribue = json.loads((EXERCICES / solution.parent.name / solution.name).read_text("utf-8"))
    visible = "\n".join(_source(c) for c in distribue["cells"] if c["cell_type"] == "markdown")
    # The module's own number (« Exercice 19 », « leçon 19 ») is no answer: without this, a true
    # answer that happens to equal it would be reported, and data would get bent to avoid it.
    numero = solution.parent.name.split("_")[0]
    visible = re.sub(rf"\b(?:[Ee]xercice|[Ll]eçon|[Mm]odule)s?[\s\u00a0\u202f]+0?{int(numero)}\b", "", visible)
    # Data the statement must give also stands in the exercise's locked code cells.
    donnees = "\n".join(_source(c) for c in distribue["cells"] if c["cell_type"] == "code"
                        and c["metadata"].get("nbgrader", {}).get("locked"))
    fuites = []
    for valeur in valeurs_attendues(source):
        if (solution.parent.name, valeur) in DONNEES_DE_L_ENONCE:
            continue
        for forme in formes(valeur):
            if trouve(forme, visible) and not trouve(forme, donnees):
                fuites.append(f"« {forme} » (valeur attendue {valeur!r})")
    assert not fuites, f"{solution.parent.name} : le texte distribué donne " + ", ".join(sorted(set(fuites)))


# A library text that writes an expected value's two-decimal form for an unrelated reason:
# (file, expected value) -> why it is no hint. The expected value stays in the hidden test as a
# literal, so the statements and every other library text are still checked for it.
FAUX_POSITIFS_OBM = {
    ("src/obm/kpi.py", 0.0786):
        "0,0786 (le plancher des pénalités de l'exercice 20) arrondi à « 0.08 » est le taux de "
        "résiliation de l'exemple de taux_churn (12 sur 150), sans rapport avec les pénalités",
    ("src/obm/motivation.py", "charge de travail"):
        "la réponse de la question 4 de l'exercice 17 est l'un des six thèmes de THEMES, la liste "
        "que l'énoncé affiche et parmi laquelle l'apprenante choisit : le nom du thème est forcément "
        "dans obm.motivation, comme chacun des cinq autres",
}


def _chaines_obm() -> list[tuple[str, str]]:
    chaines = []
    for chemin in sorted((RACINE / "src" / "obm").rglob("*.py")):
        if "correction" in chemin.parts:
            continue  # the trainer's side never speaks to a learner during an exercise
        for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
                chaines.append((f"{chemin.relative_to(RACINE)}:{noeud.lineno}", noeud.value))
    return chaines


def _specifique(valeur) -> bool:
    """A value precise enough to be recognised out of its exercise (47712, 24,84, a sentence),
    not a round number, a date or a label that any message may use (25, 3 mai, sbi_complet)."""
    if isinstance(valeur, tuple):
        return False
    if isinstance(valeur, str):
        return re.fullmatch(r"[a-z0-9_]+", valeur) is None
    if isinstance(valeur, (int, float)) and not isinstance(valeur, bool):
        return len(f"{float(valeur):.6g}".replace(".", "").replace("-", "").strip("0")) >= 3
    return True


def test_les_indices_d_obm_ne_donnent_aucune_reponse():
    """Does no hint or message of `obm` contain a value that is an answer in any exercise?"""
    attendus = [v for s in _exercices() for v in valeurs_attendues(
        json.loads(s.read_text(encoding="utf-8"))) if _specifique(v)]
    assert attendus, "aucune valeur attendue trouvée dans les tests cachés"
    fuites = []
    for endroit, chaine in _chaines_obm():
        for valeur in attendus:
            if (endroit.split(":")[0], valeur) in FAUX_POSITIFS_OBM:
                continue
            for forme in formes(valeur, arrondis=False):
                if trouve(forme, chaine):
                    fuites.append(f"{endroit} : « {forme} »")
    assert not fuites, "des messages d'obm donnent une réponse :\n" + "\n".join(sorted(set(fuites)))


def test_le_detecteur_trouve_une_fuite():
    """Would the check have caught the 47712 hint and a rubric giving « 4 % »?"""
    assert trouve("47712", "enlève les guillemets : `47712`, pas `'47712'`")
    assert any(trouve(f, "environ 4 % de remboursements") for f in formes(0.04))
    assert any(trouve(f, "un ROAS d'environ 2,3") for f in formes(5726.0 / 2483.7))
    assert not any(trouve(f, "la ligne 24,837 12") for f in formes(4.0))
