"""``obm retours MODULE`` : un retour de correction en HTML, en français, pour chaque apprenante.

La page est construite par obm à partir de ce que la correction décide de montrer, jamais en
recopiant le notebook corrigé :

- l'énoncé et les sources des cellules de l'apprenante (son propre texte, coloré ou mis en forme,
  puis assaini par ``nh3`` : aucune balise active, aucun lien, aucune image venue d'ailleurs) ;
- les verdicts de la correction : points de chaque question (lus dans le carnet), résultat des
  tests cachés (« réussis / pas réussis »), statut de chaque vérification (« pas encore fait »,
  « à revoir », « forme correcte », « juste » ; un statut inconnu se lit « à revoir »), une ligne
  française pour une question laissée sans réponse ou une limite atteinte, les commentaires de
  la formatrice ;
- rien d'autre : ni les sorties produites par la copie (un ``<script>``, un test caché relu dans
  l'historique d'IPython puis encodé y passeraient), ni les tests cachés, ni les fichiers de la
  copie.

La page tient dans un seul fichier, sans aucune ressource extérieure : une politique de sécurité
du contenu (Content-Security-Policy) interdit scripts, connexions, cadres et images autres que
celles du fichier lui-même ; elle s'ouvre hors ligne. Aucune page ne charge MathJax : les
exercices n'ont pas de formule ; une formule ``$…$`` resterait lisible telle qu'écrite.

Elle salue l'apprenante par son prénom (liste de la cohorte, carnet de notes), jamais par son
identifiant. ``release_feedback`` de nbgrader peut ensuite la déposer dans l'échange.
"""

from __future__ import annotations

import contextlib
import html
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.commun import Cours, JournalNbgrader, chemin_court, format_points, module_existe
from obm.correction.fichiers_surs import FICHIERS_NBGRADER, Refus, copier
from obm.correction.questions import titres_des_questions
from obm.erreurs import DonneesInvalides

DEBUT_CACHE, FIN_CACHE = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
MIME_STATUT = "application/vnd.obm.check+json"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
       "base-uri 'none'; form-action 'none'")

# The visible checks' statuses (DESIGN.md), in French; "reussi" is the former name of
# "forme_correcte". Any other status reads « à revoir ».
STATUTS = {
    "pas_encore_fait": ("⏳", "Pas encore fait", "#7a5c00", "#fff8e1"),
    "a_revoir": ("🔁", "À revoir", "#a4262c", "#fdecea"),
    "forme_correcte": ("✔️", "Forme correcte (la justesse est jugée par les tests cachés)", "#1e6b32", "#e8f5e9"),
    "juste": ("✅", "Juste", "#1e6b32", "#e8f5e9"),
}
STATUTS["reussi"] = STATUTS["forme_correcte"]

# Errors written into the graded notebook by the grader itself, read by their name only: the
# message shown is fixed here (a copy could raise an exception of the same name with any text).
ERREURS_DE_LA_CORRECTION = {
    "ExecutionArretee": "Le noyau Python s'est arrêté pendant cette cellule (mémoire épuisée, "
                        "plantage ou arrêt forcé) : les cellules suivantes n'ont pas été notées.",
    "SortieTropLongue": "Cette cellule affichait trop de texte (limite de {sortie_ko} Kio par "
                        "cellule, {sortie_mo} Mio pour tout le notebook) : la suite a été coupée "
                        "et la cellule interrompue.",
    "ExecutionTruquee": "Ce test n'a pas été exécuté : ton code trafique l'exécution des cellules "
                        "(il change le fonctionnement de Python). Un tel code ne rapporte pas de "
                        "points.",
    "CelluleNonExecutee": "Cette cellule n'a pas été exécutée : la correction s'était arrêtée "
                          "avant (limite atteinte plus haut).",
    "CellTimeoutError": "Cette cellule a dépassé la limite de {delai} s (boucle infinie ?) ou la "
                        "durée maximale du notebook ({duree} s) : elle a été interrompue.",
}
LIMITES_PAR_DEFAUT = {"delai": 30, "duree": 300, "sortie_ko": 1024, "sortie_mo": 32}
# Errors written by the grading engine itself (obm.correction.moteur.deroulement): a refused
# answer's text is French, built by the engine from the answer's name and type, and is the
# reason the learner needs; an invalid partial score gets a fixed line (its value comes from
# the hidden tests).
VALEUR_REFUSEE = "ValeurRefusee"
NOTE_INVALIDE = ("Ce test n'a pas pu lire une note valide pour ta réponse : la question vaut 0, "
                 "ta formatrice en est prévenue.")


def limites_du_cours(cours: Cours) -> dict:
    """Les limites de la correction lues dans la configuration du cours (pour les phrases)."""
    config = cours.config
    limites = dict(LIMITES_PAR_DEFAUT)
    for section, cle, nom in (("ExecutePreprocessor", "timeout", "delai"),
                              ("ExecutionSurveillee", "duree_notebook_s", "duree"),
                              ("ExecutionSurveillee", "sortie_cellule_ko", "sortie_ko"),
                              ("ExecutionSurveillee", "sortie_notebook_mo", "sortie_mo")):
        valeur = config.get(section, {}).get(cle) if hasattr(config, "get") else None
        if isinstance(valeur, int) and not isinstance(valeur, bool):
            limites[nom] = valeur
    return limites


def _erreurs_connues() -> set[str]:
    import builtins

    return {nom for nom, valeur in vars(builtins).items()
            if isinstance(valeur, type) and issubclass(valeur, BaseException)}


@dataclass
class BilanRetours:
    module: str
    fichiers: list[Path] = field(default_factory=list)
    sans_copie_corrigee: list[str] = field(default_factory=list)
    non_notees: list[str] = field(default_factory=list)
    echange: bool = False

    def texte(self, racine: Path | None = None) -> str:
        from obm.correction.commun import texte_sur

        lignes = [f"Retours de {self.module} : {len(self.fichiers)} page(s) HTML, sans les tests cachés."]
        lignes += [f"  {texte_sur(chemin_court(f, racine), 300)}" for f in self.fichiers]
        if self.non_notees:
            lignes.append("Pas de retour pour les copies non notées (à faire renvoyer) : "
                          + ", ".join(texte_sur(a) for a in self.non_notees))
        if self.sans_copie_corrigee:
            lignes.append("Pas de copie corrigée (lance d'abord « obm corriger ») pour : "
                          + ", ".join(texte_sur(a) for a in self.sans_copie_corrigee))
        if self.echange:
            lignes.append("Retours déposés dans l'échange de nbgrader : chaque apprenante les "
                          "récupère depuis son JupyterLab (Assignments › Fetch feedback).")
        return "\n".join(lignes)


def _retirer_caches(source: str) -> tuple[str, bool]:
    """La source sans la région des tests cachés, et si une région a été retirée."""
    lignes, dedans, retire = [], False, False
    for ligne in source.split("\n"):
        if DEBUT_CACHE in ligne:
            dedans = retire = True
        elif FIN_CACHE in ligne:
            dedans = False
        elif not dedans:
            lignes.append(ligne)
    return "\n".join(lignes).rstrip(), retire


def lignes_cachees(sources: list[str]) -> set[str]:
    """Les lignes des tests cachés (celles qui disent quelque chose) des sources données."""
    lignes = set()
    for source in sources:
        dedans = False
        for ligne in source.split("\n"):
            if DEBUT_CACHE in ligne:
                dedans = True
            elif FIN_CACHE in ligne:
                dedans = False
            elif dedans and any(c.isalnum() for c in ligne):
                lignes.add(ligne.strip())
    return lignes


# --- What the grader read in the gradebook --------------------------------------------------------

@dataclass
class NoteCellule:
    score: float | None          # None: not graded yet (a written answer)
    maximum: float
    commentaire_auto: str | None
    commentaire: str | None      # the trainer's own comment


@dataclass
class Copie:
    """Ce que le carnet dit d'une copie : à qui la page s'adresse, ses notes, ses commentaires."""

    prenom: str
    nom: str
    notes: dict[str, NoteCellule]
    total: float | None
    maximum: float
    penalite: float
    cachees: set[str]


def lire_copie(carnet, module: str, apprenante: str, notebook: str) -> Copie:
    from nbgrader.api import MissingEntry

    nb = carnet.find_notebook(notebook, module)
    cachees = lignes_cachees([c.source for c in nb.source_cells])
    eleve = carnet.find_student(apprenante)
    notes, total, maximum, penalite = {}, None, float(nb.max_score or 0), 0.0
    try:
        soumis = carnet.find_submission_notebook(notebook, module, apprenante)
    except MissingEntry:
        soumis = None
    if soumis is not None:
        commentaires = {c.name: c for c in soumis.comments}
        for note in soumis.grades:
            notee = note.auto_score is not None or note.manual_score is not None
            commentaire = commentaires.get(note.name)
            notes[note.name] = NoteCellule(
                float(note.score) if notee else None, float(note.max_score or 0),
                commentaire.auto_comment if commentaire else None,
                commentaire.manual_comment if commentaire else None)
        for nom, commentaire in commentaires.items():
            notes.setdefault(nom, NoteCellule(None, 0.0, commentaire.auto_comment,
                                              commentaire.manual_comment))
        penalite = float(soumis.late_submission_penalty or 0)
        total = float(soumis.score or 0) - penalite
    return Copie(eleve.first_name or "", eleve.last_name or "", notes, total, maximum, penalite, cachees)


# --- The page -------------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1d1d1d; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } .sous-titre { color: #555; margin-top: 0; }
table.sommaire { border-collapse: collapse; margin: .8rem 0 1.5rem; }
table.sommaire th, table.sommaire td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
table.sommaire td.points { text-align: right; white-space: nowrap; }
section.cellule { margin: .8rem 0; }
.question { border: 1px solid #b8c7dc; border-radius: 6px; }
.question > header { background: #eef3fa; padding: .35rem .7rem; font-weight: 600;
                     display: flex; justify-content: space-between; gap: 1rem; }
.question > .corps { padding: .3rem .7rem; }
pre.code, div.code pre { background: #f7f7f7; border: 1px solid #e3e3e3; padding: .5rem .7rem;
                         overflow-x: auto; font-size: .9rem; margin: .3rem 0; }
.verdict { border-left: 5px solid; padding: .35rem .7rem; margin: .35rem 0; }
.verdict b { margin-right: .3rem; }
.commentaire { background: #f4f1fb; border-left: 5px solid #5b3f9e; padding: .35rem .7rem; margin: .35rem 0; }
.enonce { padding: 0 .2rem; }
summary { cursor: pointer; font-weight: 600; }
.formule { font-family: ui-monospace, monospace; }
@media print { section.cellule { page-break-inside: avoid; } }
"""

_BALISES = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em",
            "b", "i", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
            "del", "span", "details", "summary"}
# Les seules balises écrites dans l'énoncé qui sont rendues : un bloc repliable (« 💡 Un indice »),
# exactement sous ces formes, sans aucun attribut. Tout autre HTML reste échappé.
_REPLIABLE = re.compile(r"&lt;(/?)(details|summary)&gt;")


def _markdown(texte: str) -> str:
    """Du Markdown en HTML inerte : le HTML écrit dans le texte est échappé (affiché tel quel),
    sauf les balises <details> et <summary> sans attribut (un bloc repliable) ;
    puis le résultat passe par nh3 (aucun script, lien, image ni attribut d'événement)."""
    import mistune
    import nh3

    rendu = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])(texte)
    rendu = _REPLIABLE.sub(r"<\1\2>", rendu)
    propre = nh3.clean(rendu, tags=_BALISES, attributes={"th": {"align"}, "td": {"align"}},
                       url_schemes=set(), link_rel=None, strip_comments=True)
    return propre.replace("<p></p>", "")  # laissés par le repli autour d'un paragraphe


def _code(source: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(source, PythonLexer(), HtmlFormatter(cssclass="code"))


def _style_code() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".code")


def _verdict(icone: str, texte: str, couleur: str, fond: str) -> str:
    return (f'<div class="verdict" style="border-color:{couleur};background:{fond}">'
            f'<b style="color:{couleur}">{icone}</b>{html.escape(texte)}</div>')


def _statuts(cellule) -> list[str]:
    """Les statuts des vérifications affichées par la cellule (dans l'ordre)."""
    statuts = []
    for sortie in cellule.get("outputs", []):
        donnees = sortie.get("data", {}).get(MIME_STATUT)
        if isinstance(donnees, dict):
            statut = donnees.get("statut")
            statuts.append(statut if statut in STATUTS else "a_revoir")
    return statuts


def _resume_tests(note: NoteCellule | None) -> str:
    if note is None or note.maximum is None:
        return _verdict("🔒", "Tests cachés : pas de note enregistrée", "#7a5c00", "#fff8e1")
    if note.score is None:
        return _verdict("🔒", "Tests cachés : à noter par ta formatrice", "#7a5c00", "#fff8e1")
    points = f"{format_points(note.score)} point{'s' if note.score > 1 else ''} sur {format_points(note.maximum)}"
    if note.score >= note.maximum:
        return _verdict("🔒", f"Tests cachés : réussis ({points})", "#1e6b32", "#e8f5e9")
    if note.score > 0:
        return _verdict("🔒", f"Tests cachés : en partie réussis ({points})", "#8a4b00", "#fff3e0")
    return _verdict("🔒", f"Tests cachés : pas réussis ({points})", "#a4262c", "#fdecea")


def _sans_reponse(source: str, note: NoteCellule | None, modeles: set[str]) -> bool:
    """Vrai si la réponse est restée le modèle distribué (« # TON CODE ICI » puis « ... »,
    « TA RÉPONSE ICI »…) ou vide."""
    if note is not None and (note.commentaire_auto or "").strip() == "No response.":
        return True
    texte = source.strip()
    if not texte or texte in modeles:
        return True
    utiles = [l.strip() for l in texte.splitlines() if l.strip() and not l.strip().startswith("#")]
    return all(l in ("...", "pass") for l in utiles) or any(m and m in texte for m in modeles if "\n" in m)


def _erreurs(cellule, reponse: bool, limites: dict | None = None) -> list[str]:
    """Des lignes françaises, fixées ici, pour les erreurs de la cellule (jamais leur texte)."""
    limites = limites or LIMITES_PAR_DEFAUT
    connues = _erreurs_connues()
    lignes = []
    for sortie in cellule.get("outputs", []):
        if sortie.get("output_type") == "display_data" and str(
                sortie.get("data", {}).get("text/plain", "")).startswith("⚠️ Avant ce test"):
            lignes.append("Avant ce test, la correction a rétabli ce que ton code avait changé dans "
                          "Python : un tel code ne rapporte pas de points.")
        if sortie.get("output_type") != "error":
            continue
        nom = str(sortie.get("ename", ""))
        if nom in ERREURS_DE_LA_CORRECTION:
            lignes.append(ERREURS_DE_LA_CORRECTION[nom].format(**limites))
        elif nom == VALEUR_REFUSEE:
            lignes.append(str(sortie.get("evalue", "")).strip() or "Ta réponse n'a pas pu être transmise aux tests.")
        elif nom == "NotePartielleInvalide":
            lignes.append(NOTE_INVALIDE)
        elif reponse:
            quoi = f"une erreur {nom}" if nom in connues else "une erreur"
            lignes.append(f"Ton code s'est arrêté sur {quoi} : exécute cette cellule dans ton "
                          "notebook pour lire le message et corriger.")
    return list(dict.fromkeys(lignes))


def _points(note: NoteCellule | None) -> str:
    if note is None:
        return ""
    if note.score is None:
        return f"à noter · sur {format_points(note.maximum)}"
    return f"{format_points(note.score)} / {format_points(note.maximum)}"


def page_de_retour(notebook, copie: Copie, *, titre_module: str, nom_notebook: str,
                   modeles: set[str], limites: dict | None = None,
                   erreurs: dict[str, list[str]] | None = None) -> str:
    """La page de retour d'un notebook corrigé, construite par obm (voir le module).

    ``erreurs`` : pour chaque question qui a perdu des points, l'erreur typique reconnue ou
    l'idée à relire (textes du cours, voir ``obm.correction.erreurs_typiques``).
    """
    erreurs = erreurs or {}
    e = html.escape
    titres = titres_des_questions(notebook)
    sommaire, corps = [], []
    for index, cellule in enumerate(notebook.cells):
        meta = cellule.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        note = copie.notes.get(grade_id) if grade_id else None
        ancre = f"cellule-{index}"
        titre = titres.get(grade_id, "")
        source, retire = _retirer_caches(cellule.get("source", ""))
        if any(ligne in source for ligne in copie.cachees):
            source, retire = "# (cellule masquée : elle citait un test caché)", True
        if cellule.get("cell_type") == "markdown" and not meta.get("solution"):
            corps.append(f'<section class="cellule enonce" id="{ancre}">{_markdown(source)}</section>')
            continue
        if cellule.get("cell_type") not in ("markdown", "code"):
            continue
        morceaux = []
        if meta.get("solution"):
            entete = "Ta réponse écrite" if cellule.get("cell_type") == "markdown" else "Ta réponse"
            if _sans_reponse(source, note, modeles):
                # One French line instead of the stub and its traceback.
                morceaux.append(_verdict("✏️", "Tu n'as pas encore répondu à cette question : "
                                         "reprends-la dans ton notebook.", "#7a5c00", "#fff8e1"))
            else:
                morceaux.append(f'<div class="enonce">{_markdown(source)}</div>'
                                if cellule.get("cell_type") == "markdown" else _code(source))
                morceaux += [_verdict("⚠️", l, "#a4262c", "#fdecea") for l in _erreurs(cellule, True, limites)]
            if meta.get("grade") and note is not None and note.score is None:
                morceaux.append(_verdict("🕓", "Réponse à noter par ta formatrice.", "#7a5c00", "#fff8e1"))
        elif meta.get("grade"):
            entete = "Vérification et tests de la question"
            morceaux.append(_code(source + ("\n# 🔒 Tests cachés : non montrés (leur résultat est "
                                            "ci-dessous)." if retire else "")))
        else:
            entete = ""
            morceaux.append(_code(source))
        for statut in _statuts(cellule):
            icone, libelle, couleur, fond = STATUTS[statut]
            morceaux.append(_verdict(icone, f"Ta vérification : {libelle}", couleur, fond))
        if meta.get("grade") and not meta.get("solution"):
            morceaux += [_verdict("⚠️", l, "#a4262c", "#fdecea") for l in _erreurs(cellule, False, limites)]
            morceaux.append(_resume_tests(note))
            # The misconception behind the lost points (a text of the course, never the answer).
            morceaux += [_verdict("💡", f"À retravailler : {m}", "#4a3b00", "#fffbe6")
                         for m in erreurs.get(grade_id, [])]
        if note is not None and (note.commentaire or "").strip():
            commentaire = e(note.commentaire.strip()).replace("\n", "<br>")
            morceaux.append(f'<div class="commentaire"><b>Commentaire de ta formatrice :</b> {commentaire}</div>')
        if meta.get("grade"):
            sommaire.append(f'<tr><td><a href="#{ancre}">{e(titre or "Question")}</a></td>'
                            f'<td>{e(entete)}</td><td class="points">{e(_points(note))}</td></tr>')
        if entete:
            droite = f"<span>{e(_points(note))}</span>" if meta.get("grade") else ""
            corps.append(f'<section class="cellule question" id="{ancre}"><header><span>{e(entete)}'
                         f'{" · " + e(titre) if titre else ""}</span>{droite}</header>'
                         f'<div class="corps">{"".join(morceaux)}</div></section>')
        else:
            corps.append(f'<section class="cellule" id="{ancre}">{"".join(morceaux)}</section>')

    salut = f"Bonjour {copie.prenom}," if copie.prenom else (
        f"Bonjour {copie.prenom} {copie.nom},".replace("  ", " ") if copie.nom else "Bonjour,")
    if copie.total is None:
        note_globale = "Ta copie n'a pas encore de note."
    else:
        note_globale = f"Ta note : {format_points(copie.total)} / {format_points(copie.maximum)}."
        if copie.penalite:
            note_globale += f" (Pénalité de retard : −{format_points(copie.penalite)}.)"
    tete = [
        "<!DOCTYPE html>", '<html lang="fr">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Retour de correction · {e(titre_module)}</title>",
        f"<style>{_STYLE}{_style_code()}</style>", "</head>", "<body>",
        f"<h1>Retour de correction · {e(titre_module)}</h1>",
        f'<p class="sous-titre">Notebook {e(nom_notebook)}.ipynb</p>',
        f"<p>{e(salut)}</p>",
        f"<p><b>{e(note_globale)}</b> Sous chaque question, tu retrouves le statut de ta "
        "vérification, le résultat des tests cachés (réussis ou non, avec les points) et, pour "
        "les réponses écrites, la note et le commentaire de ta formatrice. Les tests eux-mêmes "
        "ne sont pas montrés : l'exercice resservira.</p>",
    ]
    if sommaire:
        tete += ['<table class="sommaire"><thead><tr><th>Question</th><th>Partie</th><th>Points</th>'
                 "</tr></thead><tbody>", *sommaire, "</tbody></table>"]
    return "\n".join(tete + corps + ["</body>", "</html>", ""])


def _modeles_de_reponse(cours: Cours) -> set[str]:
    """Les textes que nbgrader met à la place des solutions (``ClearSolutions``) et ceux du cours."""
    reglages = cours.config.get("ClearSolutions", {}) if hasattr(cours.config, "get") else {}
    code = reglages.get("code_stub", {}) if hasattr(reglages, "get") else {}
    textes = {"# TON CODE ICI\n...", "TA RÉPONSE ICI", "VOTRE RÉPONSE ICI",
              "YOUR ANSWER HERE", "# YOUR CODE HERE\nraise NotImplementedError()"}
    textes |= {str(v).strip() for v in (code.values() if hasattr(code, "values") else [code])}
    if reglages.get("text_stub") if hasattr(reglages, "get") else None:
        textes.add(str(reglages["text_stub"]).strip())
    return {t for t in textes if t}


def _titre_module(cours: Cours, module: str) -> str:
    try:
        from obm.correction.notes import _syllabus

        connu = next((m for m in _syllabus(cours).modules if m.id == module), None)
    except Exception:  # noqa: BLE001 - a title is a nicety, the module id will do
        connu = None
    return f"{module[:2]} · {connu.titre}" if connu else module


def generer_retours(cours: Cours, module: str, *, apprenantes: list[str] | None = None,
                    echange: bool = False, racine_echange: str | None = None) -> BilanRetours:
    """Écrit la page de retour de chaque copie corrigée du module (sans les tests cachés) dans
    ``feedback/<apprenante>/<module>/``, avec ``timestamp.txt`` et ``submission_secret.txt``."""
    import nbformat

    from obm.correction.erreurs_typiques import messages_par_question
    from obm.correction.statut import non_notees

    module_existe(cours, module)
    corriges = cours.dossier("autograded")
    presentes = sorted(d.name for d in corriges.iterdir() if (d / module).is_dir()) if corriges.is_dir() else []
    bilan = BilanRetours(module)
    ecartees = non_notees(cours, module)
    bilan.non_notees = sorted(a for a in ecartees if not apprenantes or a in apprenantes)
    presentes = [a for a in presentes if a not in ecartees]
    if apprenantes:
        bilan.sans_copie_corrigee = sorted(set(apprenantes) - set(presentes) - set(ecartees))
        presentes = [a for a in presentes if a in set(apprenantes)]
    if not presentes:
        raise DonneesInvalides(
            f"Aucune copie corrigée de {module} dans {corriges} : lance d'abord « obm corriger {module} »."
        )
    retours = cours.dossier("feedback")
    titre = _titre_module(cours, module)
    modeles = _modeles_de_reponse(cours)
    limites = limites_du_cours(cours)
    with cours.carnet() as carnet:
        for apprenante in presentes:
            source = corriges / apprenante / module
            cible = retours / apprenante / module
            cible.mkdir(parents=True, exist_ok=True)
            for ancien in cible.glob("*.html"):
                ancien.unlink()
            # Only nbgrader's timestamp.txt and submission_secret.txt go along (release_feedback
            # needs them), read without following links: no other file of the copy goes back.
            for autre in FICHIERS_NBGRADER:
                with contextlib.suppress(Refus):
                    copier(source, autre, cible / autre, taille_max=4096)
            for chemin in sorted(source.glob("*.ipynb")):
                if chemin.is_symlink():
                    continue
                copie = lire_copie(carnet, module, apprenante, chemin.stem)
                corrige = nbformat.read(chemin, as_version=4)
                perdues = {q for q, n in copie.notes.items()
                           if n.score is not None and n.score < n.maximum}
                erreurs = messages_par_question(corrige, module, perdues, cours.racine)
                page = page_de_retour(corrige, copie, titre_module=titre,
                                      nom_notebook=chemin.stem, modeles=modeles,
                                      limites=limites, erreurs=erreurs)
                (cible / f"{chemin.stem}.html").write_text(page, encoding="utf-8")
                bilan.fichiers.append(cible / f"{chemin.stem}.html")
    if echange:
        _deposer(cours, module, racine_echange)
        bilan.echange = True
    return bilan


def _deposer(cours: Cours, module: str, racine_echange: str | None) -> None:
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeError, ExchangeFactory

    config = cours.config_modifiable()
    if racine_echange:
        config.Exchange.root = str(racine_echange)
    coursedir = cours.coursedir(config, assignment_id=module)
    journal = JournalNbgrader("release_feedback")
    depot = ExchangeFactory(config=config).ReleaseFeedback(
        coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    depot.log = journal.logger
    try:
        with warnings.catch_warnings():
            # nbgrader 0.9 reads timestamp.txt without closing it (a ResourceWarning only).
            warnings.simplefilter("ignore", ResourceWarning)
            depot.start()
    except ExchangeError:
        raise DonneesInvalides(
            f"Le dépôt des retours de {module} dans l'échange a échoué (nbgrader dit : "
            f"{' ; '.join(journal.messages()) or 'rien'}). Vérifie le dossier d'échange "
            "(Exchange.root dans nbgrader_config.py)."
        ) from None
    finally:
        journal.fermer()
