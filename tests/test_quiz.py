"""The quiz type of obm.quiz, tested both ways: well-formed answers pass, badly formed ones get a
French message naming the question and the allowed values; the template; no answer key inside."""

import ast
import dataclasses
import subprocess
import sys

import pytest

from obm import verifier as v
from obm.erreurs import DonneesInvalides
from obm.quiz import (
    Association,
    ChoixMultiple,
    ChoixUnique,
    Quiz,
    association,
    choix_multiple,
    choix_unique,
)

ETIQUETTES = ["OBM", "AV", "autre"]


def lire_code(texte: str) -> dict:
    """The names a pasted answer cell defines, read as pure literals (no code is run)."""
    arbre = ast.parse(texte)
    assert all(isinstance(n, ast.Assign) and len(n.targets) == 1 for n in arbre.body)
    return {n.targets[0].id: ast.literal_eval(n.value) for n in arbre.body}


def fabriquer_quiz() -> Quiz:
    return Quiz("reponses_quiz", [
        choix_unique("q1", "Quels sont les quatre domaines de l'OBM ?",
                     {"a": "projets, opérations, équipe, metrics", "b": "agenda, mails, factures",
                      "c": "vente, coaching, contenus"},
                     a_relire="Les quatre domaines de l'OBM"),
        choix_multiple("q2", "Qu'est-ce qui distingue l'OBM de l'AV ?",
                       {"a": "elle pilote", "b": "elle n'exécute jamais", "c": "elle suit la stratégie",
                        "d": "elle facture à l'heure"},
                       a_relire="Piloter ou contribuer"),
        association("q3", "Dans quel domaine tombe chaque livrable ?",
                    {"plan": "Le plan du lancement", "recrutement": "Recruter un monteur"},
                    ["projets", "operations", "equipe", "metrics"], a_relire="Les quatre domaines"),
        choix_unique("m01", "Construire le rétroplanning du lancement", ETIQUETTES, a_relire="Cas 1"),
        choix_unique("m02", "Programmer les e-mails du lancement", ETIQUETTES, a_relire="Cas 1"),
    ])


BONNE_FORME = {"q1": "b", "q2": ["a", "d"], "q3": {"plan": "metrics", "recrutement": "metrics"},
               "m01": "autre", "m02": "AV"}


def resultat(reponses, *questions):
    espace = {} if reponses is None else {"reponses_quiz": reponses}
    return fabriquer_quiz().controler(*questions, nom="essai", espace=espace)


def avec(**changements):
    reponses = {**BONNE_FORME}
    reponses.update(changements)
    return reponses


# --- Well-formed answers pass, whatever the choices -------------------------------------------

@pytest.mark.parametrize("q2", [["a"], ["a", "d"], ("b", "c"), {"a", "b", "c", "d"}])
def test_bonne_forme_reussit(q2):
    """Does any well-formed answer pass, a multiple choice being a list, tuple or set of letters?"""
    r = resultat(avec(q2=q2))
    assert r.statut == v.FORME_CORRECTE, r
    assert "justesse" in r.message


def test_verifier_lit_la_variable_du_notebook(capsys, monkeypatch):
    """Does quiz.verifier() read the answer from the caller's globals (a notebook's) and print it?"""
    monkeypatch.setitem(globals(), "reponses_quiz", dict(BONNE_FORME))
    fabriquer_quiz().verifier("q1", nom="quiz_q1")
    sortie = capsys.readouterr().out
    assert "Forme correcte (quiz_q1)" in sortie and "ta réponse à Q1" in sortie
    monkeypatch.setitem(globals(), "reponses_quiz", avec(q1="z"))
    fabriquer_quiz().verifier("q1", nom="quiz_q1")
    assert "🔁 À revoir (quiz_q1)" in capsys.readouterr().out


# --- Not done yet -----------------------------------------------------------------------------

def test_variable_absente_pas_encore_fait():
    """Does a quiz whose answer dict is not defined yet say "pas encore fait", never NameError?"""
    r = resultat(None)
    assert r.statut == v.PAS_ENCORE_FAIT
    assert "`reponses_quiz` n'est pas encore défini" in r.message


def test_modele_recopie_tel_quel_pas_encore_fait():
    """Does the template pasted untouched (all `...`) give "pas encore fait" naming every question?"""
    espace = lire_code(fabriquer_quiz().texte_modele())
    r = fabriquer_quiz().controler(nom="essai", espace=espace)
    assert r.statut == v.PAS_ENCORE_FAIT
    assert "Q1, Q2, Q3, M01, M02" in r.message


def test_reponse_en_partie_faite():
    """Do the questions still at `...` (and an association half done) get named as left to answer?"""
    r = resultat(avec(q2=..., q3={"plan": "projets", "recrutement": ...}))
    assert r.statut == v.PAS_ENCORE_FAIT
    assert "Q2, Q3" in r.message and "Q1" not in r.message


# --- Badly formed answers: French message naming the question and the allowed values ----------

@pytest.mark.parametrize("changement, morceaux", [
    ({"q1": "d"}, ['Q1 : choisis "a", "b" ou "c"', 'tu as écrit "d"']),
    ({"q1": "B"}, ['Q1 : choisis "a", "b" ou "c"', 'écris "b"']),
    ({"q1": ["b"]}, ["Q1", 'écris "b", pas ["b"]']),
    ({"q1": 2}, ["Q1", "entre guillemets"]),
    ({"q2": "a, d"}, ['Q2 : écris une liste de lettres parmi "a", "b", "c", "d"', '["a", "d"]']),
    ({"q2": "ad"}, ["Q2", '["a", "d"]']),
    ({"q2": []}, ["Q2", "vide"]),
    ({"q2": ["a", "e"]}, ['Q2 : "e" n\'est pas un choix permis', '"a", "b", "c", "d"']),
    ({"q2": ["a", "a"]}, ["Q2", '"a" est écrite deux fois']),
    ({"q3": "projets"}, ["Q3 : écris un dictionnaire"]),
    ({"q3": {"plan": "projets"}}, ["Q3 : il manque l'élément \"recrutement\""]),
    ({"q3": {"plan": "projets", "recrutement": "equipe", "vente": "metrics"}},
     ['Q3 : "vente" n\'est pas un élément']),
    ({"q3": {"plan": "Projets", "recrutement": "equipe"}},
     ['Q3, "plan" : choisis "projets", "operations", "equipe" ou "metrics"', 'écris "projets"']),
    ({"m01": "obm"}, ['M01 : choisis "OBM", "AV" ou "autre"', 'écris "OBM"']),
    ({"m02": "assistante"}, ['M02 : choisis "OBM", "AV" ou "autre"']),
])
def test_mauvaise_forme_a_revoir(changement, morceaux):
    """Does a badly formed answer get "à revoir", naming the question and the allowed values?"""
    r = resultat(avec(**changement))
    assert r.statut == v.A_REVOIR, r
    texte = r.message + " " + (r.indice or "")
    for morceau in morceaux:
        assert morceau in texte, texte


def test_pas_un_dictionnaire():
    """Is a quiz answer that is not a dict refused with the way to write it?"""
    r = resultat(["b", "a"])
    assert r.statut == v.A_REVOIR and "dictionnaire" in r.message and "reponses_quiz = {" in r.indice


def test_cle_inconnue_et_cle_manquante():
    """Are a mistyped question key ("Q1") and a missing question both refused, by name?"""
    faute = {("Q1" if k == "q1" else k): val for k, val in BONNE_FORME.items()}
    r = resultat(faute)
    assert r.statut == v.A_REVOIR and '"Q1" n\'est pas une question' in r.message
    sans_q2 = {k: val for k, val in BONNE_FORME.items() if k != "q2"}
    r = resultat(sans_q2)
    assert r.statut == v.A_REVOIR and "Q2 manque" in r.message


def test_une_erreur_de_forme_passe_avant_les_questions_restantes():
    """With one malformed answer and others left at `...`, is the learner told to fix the form first?"""
    r = resultat(avec(q1="z", q2=...))
    assert r.statut == v.A_REVOIR and "Q1" in r.message


def test_plusieurs_erreurs_sont_annoncees():
    """When several questions are malformed, does the message name the others too?"""
    r = resultat(avec(q1="z", m02="obm"))
    assert r.statut == v.A_REVOIR and "Q1" in r.message and "À revoir aussi : M02" in r.message


def test_verifier_une_seule_question():
    """Does checking one question ignore the others, and say which question passed?"""
    r = resultat(avec(q2="pas une liste", m01=...), "q1")
    assert r.statut == v.FORME_CORRECTE and "ta réponse à Q1" in r.message
    assert resultat(avec(q2="pas une liste"), "q2").statut == v.A_REVOIR
    assert resultat(avec(m01=...), "m01").statut == v.PAS_ENCORE_FAIT


def test_question_inconnue_est_une_erreur_d_autrice():
    """Is checking an id the quiz does not have an author's error, raised at once (not shown as à revoir)?"""
    with pytest.raises(DonneesInvalides, match="pas de question 'q9'"):
        fabriquer_quiz().controler("q9", espace={})


# --- The template -----------------------------------------------------------------------------

def test_modele_montre_les_valeurs_permises(capsys):
    """Does modele() print the dict to copy, every question at `...` with its allowed values?"""
    fabriquer_quiz().modele()
    texte = capsys.readouterr().out
    assert texte.startswith("reponses_quiz = {\n") and texte.rstrip().endswith("}")
    assert '"q1": ...,  # une seule réponse : "a", "b" ou "c"' in texte
    assert '"q2": ...,  # une liste parmi "a", "b", "c", "d" (au moins une)' in texte
    assert '"q3": {  # pour chaque élément : "projets", "operations", "equipe" ou "metrics"' in texte
    assert '"plan": ...,  # Le plan du lancement' in texte
    assert "#   a · projets, opérations, équipe, metrics" in texte
    # Questions that share the same plain labels get the allowed values once, above them.
    assert texte.count('Réponds par "OBM", "AV" ou "autre"') == 1
    assert '"m01": ...,  # Construire le rétroplanning du lancement' in texte


def test_modele_rempli_se_relit_a_l_identique():
    """Does the filled template, read back, give exactly the answers it was filled with?"""
    quiz = fabriquer_quiz()
    espace = lire_code(quiz.texte_modele(BONNE_FORME))
    assert espace["reponses_quiz"] == BONNE_FORME
    assert quiz.problemes(espace["reponses_quiz"]) == []


def test_affichage_markdown_des_questions():
    """Does the quiz display its questions, lettered choices and the items of an association?"""
    texte = fabriquer_quiz()._repr_markdown_()
    assert "**Q1.** Quels sont les quatre domaines" in texte and "- **a** · projets" in texte
    assert "*(une ou plusieurs réponses)*" in texte
    assert "| `recrutement` | Recruter un monteur |" in texte
    assert 'Réponds par "OBM", "AV" ou "autre" pour chaque ligne' in texte


# --- No key inside, and author mistakes -------------------------------------------------------

def test_aucun_corrige_dans_le_quiz():
    """Do questions hold only id, statement, allowed values and idea to reread (no answer key)?"""
    assert [f.name for f in dataclasses.fields(ChoixUnique)] == ["id", "enonce", "choix", "a_relire"]
    assert [f.name for f in dataclasses.fields(ChoixMultiple)] == ["id", "enonce", "choix", "a_relire"]
    assert [f.name for f in dataclasses.fields(Association)] == [
        "id", "enonce", "elements", "etiquettes", "a_relire"]
    assert set(vars(fabriquer_quiz())) == {"variable", "questions"}
    with pytest.raises(TypeError):
        choix_unique("q1", "?", ["a", "b"], a_relire="x", reponse="a")


@pytest.mark.parametrize("fabrique, motif", [
    (lambda: choix_unique("q 1", "?", ["a", "b"], a_relire="x"), "mot ASCII"),
    (lambda: choix_unique("q1", "?", ["a"], a_relire="x"), "au moins deux choix"),
    (lambda: choix_unique("q1", "?", ["a", "a"], a_relire="x"), "deux fois la même valeur"),
    (lambda: choix_unique("q1", "?", ["a", "b"], a_relire=""), "a_relire"),
    (lambda: choix_multiple("q1", "?", "ab", a_relire="x"), "liste de valeurs"),
    (lambda: association("q1", "?", {"x": "X"}, ["seule"], a_relire="x"), "deux étiquettes"),
    (lambda: Quiz("reponses-quiz", []), "nom de variable"),
    (lambda: Quiz("r", [choix_unique("q1", "?", ["a", "b"], a_relire="x")] * 2), "'q1'"),
])
def test_erreurs_d_autrice_en_francais(fabrique, motif):
    """Are an author's mistakes (bad id, one choice, duplicates, no idea to reread) refused in French?"""
    with pytest.raises(DonneesInvalides, match=motif):
        fabrique()


def test_import_leger():
    """Does `import obm.quiz` stay light (no ipywidgets, no pandas, no verifier layer at import)?"""
    code = ("import sys, obm.quiz; "
            "print(sorted(m for m in ('ipywidgets', 'pandas', 'obm.verifier', 'obm.widgets') "
            "if m in sys.modules))")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == "[]"


# --- Accents, the fingerprint of one question, and the training correction of a lesson --------

def quiz_accents() -> Quiz:
    return Quiz("reponses_quiz", [
        choix_unique("q1", "?", {"a": "A", "b": "B", "c": "C"}, a_relire="Un"),
        choix_multiple("q2", "?", {"a": "A", "b": "B", "c": "C", "d": "D"}, a_relire="Deux"),
        association("q3", "?", {"plan": "Le plan", "recrutement": "Recruter"},
                    ["projets", "opérations", "équipe", "indicateurs"], a_relire="Trois"),
    ])


def test_une_etiquette_sans_accents_est_acceptee():
    """Is « equipe » accepted for « équipe » (same answer), while a wrong case still gets its hint?"""
    quiz = quiz_accents()
    bonne = {"q1": "a", "q2": ["a"], "q3": {"plan": "projets", "recrutement": "equipe"}}
    assert quiz.controler("q3", espace={"reponses_quiz": bonne}).statut == v.FORME_CORRECTE
    r = quiz.controler("q3", espace={"reponses_quiz": {**bonne, "q3": {"plan": "projets",
                                                                        "recrutement": "Équipe"}}})
    assert r.statut == v.A_REVOIR and 'écris "équipe"' in r.indice


def test_l_empreinte_d_une_question_ne_depend_que_de_sa_reponse():
    """Does a check of Q2 fingerprint only Q2, in its reference form (order and accents aside), so
    that a typical mistake on Q2 is recognised whatever the other answers?"""
    quiz = quiz_accents()
    base = {"q1": "a", "q2": ["b", "a"], "q3": {"plan": "opérations", "recrutement": "équipe"}}
    autre = {"q1": "c", "q2": ["a", "b"], "q3": {"plan": "operations", "recrutement": "equipe"}}
    e = lambda reponses, *q: quiz.controler(*q, espace={"reponses_quiz": reponses}).empreinte
    assert e(base, "q2") == e(autre, "q2")
    assert e(base, "q3") == e(autre, "q3")
    assert e(base, "q1") != e(autre, "q1")
    assert e({**base, "q2": ["a", "c"]}, "q2") != e(base, "q2")


CORRIGE = {
    "m01": {"reponse": "OBM", "pourquoi": "construire le plan, c'est piloter."},
    "m02": {"reponse": "AV", "pourquoi": "programmer ce qui est écrit, c'est exécuter.",
            "erreurs": {"OBM": "Tu as pris l'exécution d'un plan pour du pilotage."}},
}


def test_correction_d_un_entrainement():
    """In a lesson, does the training correction say « juste », « à revoir » with the misconception
    named and what was expected, or « pas encore répondu », on every line with an icon and a word?"""
    quiz = fabriquer_quiz()
    correction = quiz.corriger(CORRIGE, espace={"reponses_quiz": {"m01": "OBM", "m02": "OBM"}})
    texte = str(correction)
    assert "✅ Juste · M01" in texte and correction.justes == 1
    assert "🔁 À revoir · M02 · tu as répondu «\u202fOBM\u202f»" in texte
    assert "Tu as pris l'exécution d'un plan pour du pilotage." in texte
    assert "Il fallait «\u202fAV\u202f»" in texte and "Relis «\u202fCas 1\u202f»" in texte
    html = correction._repr_html_()
    assert html.count('role="listitem"') == 2 and "✅ Juste" in html and "🔁 À revoir" in html
    vide = quiz.corriger(CORRIGE, espace={"reponses_quiz": {"m01": ..., "m02": ...}})
    assert str(vide).splitlines() == ["⏳ Pas encore répondu · M01", "⏳ Pas encore répondu · M02"]
    assert "Pas encore répondu" in str(quiz.corriger(CORRIGE, espace={}))


@pytest.mark.parametrize("corrige, motif", [
    ({}, "dictionnaire"),
    ({"m09": {"reponse": "AV", "pourquoi": "x"}}, "pas de question 'm09'"),
    ({"m01": {"reponse": "AV"}}, "pourquoi"),
    ({"m01": {"reponse": "chef", "pourquoi": "x"}}, "forme d'une réponse permise"),
    ({"m01": {"reponse": "AV", "pourquoi": "x", "erreurs": {"AV": "y"}}}, "autre valeur permise"),
])
def test_correction_mal_ecrite_est_une_erreur_d_autrice(corrige, motif):
    with pytest.raises(DonneesInvalides, match=motif):
        fabriquer_quiz().corriger(corrige, espace={})
