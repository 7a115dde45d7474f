"""Ce que le moteur lit dans le texte des cellules, sans les exécuter.

- :func:`noms_lus` : les noms libres qu'une cellule lit (fonctions imbriquées comprises) ;
- :func:`noms_poses` : les noms qu'une cellule définit à son premier niveau ;
- :func:`noms_verifies` : les noms passés en texte à ``verifier``/``controler`` d'``obm`` ;
- :func:`finit_par_expression` : une cellule de test à note partielle finit par une expression.

Le texte passe d'abord par les transformations d'IPython (``%magie``, ``!commande``), comme à
l'exécution. Les réponses sont gardées en mémoire (les mêmes cellules de test reviennent à chaque
copie) : des ``frozenset``, que personne ne peut modifier. Internals in English; nothing here runs cell code.
"""

from __future__ import annotations

import ast
import builtins
import functools
import symtable

# Names every IPython namespace provides: never read from the learner's process.
NOMS_IPYTHON = frozenset({"get_ipython", "display", "exit", "quit", "In", "Out", "_", "__", "___",
                          "_i", "_ii", "_iii", "_oh", "_dh", "_ih", "__builtins__", "__name__",
                          "__doc__", "__spec__", "__loader__", "__package__", "__file__",
                          "__builtin__"})
NOMS_FOURNIS = frozenset(dir(builtins)) | NOMS_IPYTHON
FONCTIONS_DE_VERIFICATION = ("verifier", "controler")


@functools.lru_cache(maxsize=512)
def python(source: str) -> str:
    """Le texte Python qu'IPython exécute pour cette cellule."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - left to the execution to report
        return source


@functools.lru_cache(maxsize=512)  # the same test cells come back with every copy; trees are only read
def _arbre(source: str) -> ast.Module | None:
    try:
        return ast.parse(python(source))
    except (SyntaxError, ValueError):
        return None


@functools.lru_cache(maxsize=512)
def _table(source: str):
    try:
        return symtable.symtable(python(source), "<cellule>", "exec")
    except (SyntaxError, ValueError):
        return None


@functools.lru_cache(maxsize=1024)
def noms_poses(source: str) -> frozenset[str]:
    """Les noms liés au premier niveau de la cellule (affectations, imports, def, class…)."""
    table = _table(source)
    if table is None:
        return frozenset()
    return frozenset(s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()
                     or s.is_namespace())


@functools.lru_cache(maxsize=1024)
def importe_tout(source: str) -> bool:
    """Vrai si la cellule fait un ``from … import *`` (ses noms ne se lisent pas dans le texte)."""
    arbre = _arbre(source)
    return arbre is None or any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names)
                                for n in ast.walk(arbre))


@functools.lru_cache(maxsize=1024)
def noms_lus(source: str) -> frozenset[str]:
    """Les noms que la cellule lit sans les avoir définis elle-même (noms de Python exclus).

    Un nom lu dans une fonction, une classe ou une compréhension de la cellule compte aussi,
    sauf s'il y est local ou vient d'une fonction englobante.
    """
    table = _table(source)
    if table is None:
        return frozenset()
    poses = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()
             or s.is_namespace()}
    lus = {s.get_name() for s in table.get_symbols() if s.is_referenced()}

    def parcourir(enfant) -> None:
        for symbole in enfant.get_symbols():
            if symbole.is_referenced() and symbole.is_global() and not symbole.is_local():
                lus.add(symbole.get_name())
        for petit in enfant.get_children():
            parcourir(petit)

    for enfant in table.get_children():
        parcourir(enfant)
    return frozenset(lus - poses - NOMS_FOURNIS)


def _identifiants(noeud) -> set[str]:
    return {n.value for n in ast.walk(noeud) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and n.value.isidentifier()}


@functools.lru_cache(maxsize=1024)
def noms_verifies(source: str) -> frozenset[str]:
    """Les noms donnés en texte à ``verifier(...)`` ou ``controler(...)`` (hors identifiant de
    la question, leur premier argument) : ces fonctions lisent la réponse par son nom."""
    arbre = _arbre(source)
    if arbre is None:
        return frozenset()
    noms: set[str] = set()
    for appel in ast.walk(arbre):
        if not isinstance(appel, ast.Call):
            continue
        fonction = appel.func
        if isinstance(fonction, ast.Name) and fonction.id in FONCTIONS_DE_VERIFICATION:
            for argument in appel.args[1:] + [k.value for k in appel.keywords if k.arg == "noms"]:
                noms |= _identifiants(argument)
    return frozenset(noms - NOMS_FOURNIS)


@functools.lru_cache(maxsize=1024)
def chaines_identifiants(source: str) -> frozenset[str]:
    """Tous les textes de la cellule qui ont la forme d'un nom Python (« reponses_quiz »…)."""
    arbre = _arbre(source)
    return frozenset(_identifiants(arbre) - NOMS_FOURNIS) if arbre is not None else frozenset()


@functools.lru_cache(maxsize=1024)
def finit_par_expression(source: str) -> bool:
    """Vrai si la dernière instruction de premier niveau est une expression (note partielle)."""
    arbre = _arbre(source)
    return bool(arbre is not None and arbre.body and isinstance(arbre.body[-1], ast.Expr))


NOM_NOTE = "__obm_note_partielle__"


class CaptureNote(ast.NodeTransformer):
    """Transforme la dernière expression d'une cellule en ``__obm_note_partielle__ = …``.

    Installée dans ``shell.ast_transformers`` du processus de test, pour une cellule à note
    partielle : la valeur est lue telle quelle, jamais à travers un affichage.
    """

    def visit_Module(self, module):  # noqa: N802 - ast's naming
        if module.body and isinstance(module.body[-1], ast.Expr):
            derniere = module.body[-1]
            affectation = ast.Assign(targets=[ast.Name(NOM_NOTE, ast.Store())], value=derniere.value)
            module.body[-1] = ast.copy_location(affectation, derniere)
            ast.fix_missing_locations(module)
        return module
