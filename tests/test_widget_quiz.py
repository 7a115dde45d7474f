"""The clickable questionnaire of a quiz, without a browser: set widget values, read its state."""

import ast

from obm.quiz import Quiz, association, choix_multiple, choix_unique
from obm.widgets import Questionnaire, questionnaire


def fabriquer_quiz() -> Quiz:
    return Quiz("reponses_quiz", [
        choix_unique("q1", "Quels domaines ?", {"a": "projets…", "b": "agenda…"}, a_relire="Domaines"),
        choix_multiple("q2", "Qu'est-ce qui distingue l'OBM ?", {"a": "piloter", "b": "exécuter",
                                                                  "c": "suivre la stratégie"},
                       a_relire="Piloter"),
        association("q3", "Quel domaine ?", {"plan": "Le plan", "recrutement": "Recruter"},
                    ["projets", "equipe"], a_relire="Domaines"),
        choix_unique("m01", "Construire le rétroplanning", ["OBM", "AV", "autre"], a_relire="Cas 1"),
    ])


def test_rien_a_coller_tant_que_tout_n_est_pas_repondu():
    """Before every question has an answer, does the questionnaire list what is left and hide the code?"""
    vue = questionnaire(fabriquer_quiz())
    assert isinstance(vue, Questionnaire)
    assert "Q1, Q2, Q3, M01" in vue.etat.value
    assert vue.code.value == "" and vue.code.layout.display == "none"
    vue._champs["q1"].value = "b"
    vue._champs["q3"]["plan"].value = "projets"  # half of the association
    assert "Q2, Q3, M01" in vue.etat.value and "Q1," not in vue.etat.value


def test_tout_repondu_donne_le_code_exact_a_coller():
    """Once all is answered, is the code shown exactly the answer dict, ready to paste and check?"""
    quiz = fabriquer_quiz()
    vue = Questionnaire(quiz)
    vue._champs["q1"].value = "a"
    vue._champs["q2"]["a"].value = True
    vue._champs["q2"]["c"].value = True
    vue._champs["q3"]["plan"].value = "projets"
    vue._champs["q3"]["recrutement"].value = "equipe"
    vue._champs["m01"].value = "OBM"
    assert "Tout est répondu" in vue.etat.value and vue.code.layout.display is None
    (affectation,) = ast.parse(vue.code.value).body  # one assignment of a pure literal
    espace = {affectation.targets[0].id: ast.literal_eval(affectation.value)}
    attendu = {"q1": "a", "q2": ["a", "c"], "q3": {"plan": "projets", "recrutement": "equipe"},
               "m01": "OBM"}
    assert espace["reponses_quiz"] == attendu
    assert quiz.controler(espace=espace).reussi
    # Unticking the only boxes of Q2 takes the code away again.
    vue._champs["q2"]["a"].value = False
    vue._champs["q2"]["c"].value = False
    assert "Q2" in vue.etat.value and vue.code.value == ""


def test_les_choix_affiches_sont_ceux_du_quiz():
    """Do the buttons, boxes and menus offer exactly the quiz's allowed values, nothing preselected?"""
    vue = Questionnaire(fabriquer_quiz())
    assert [v for _, v in vue._champs["q1"].options] == ["a", "b"]
    assert vue._champs["q1"].value is None
    assert list(vue._champs["q2"]) == ["a", "b", "c"]
    # An association offers one row of buttons per element (a drop-down list could not be
    # changed from the keyboard in JupyterLab), nothing preselected.
    assert list(vue._champs["q3"]["plan"].options) == ["projets", "equipe"]
    assert vue._champs["q3"]["plan"].value is None
    assert list(vue._champs["m01"].options) == ["OBM", "AV", "autre"]


def test_la_reponse_choisie_se_lit_sans_la_couleur():
    """Is the chosen answer of a plain-choice question said in words beside it (« ta réponse :
    AV »), and styled by the questionnaire's own rules (check mark, dark button)?"""
    vue = Questionnaire(fabriquer_quiz())
    assert "pas encore de réponse" in vue._lectures["m01"].value
    vue._champs["m01"].value = "AV"
    assert "✔ ta réponse\u202f: AV" in vue._lectures["m01"].value
    assert "obm-questionnaire" in vue.vue._dom_classes
    style = vue.vue.children[0].value
    assert ".mod-active::before" in style and "font-weight: 700" in style


def test_association_la_reponse_de_chaque_element_se_lit():
    """Is each element of an association followed by its own « ta réponse : … » line?"""
    vue = Questionnaire(fabriquer_quiz())
    assert "pas encore de réponse" in vue._lectures[("q3", "recrutement")].value
    vue._champs["q3"]["recrutement"].value = "equipe"
    assert "✔ ta réponse\u202f: equipe" in vue._lectures[("q3", "recrutement")].value
    assert "pas encore de réponse" in vue._lectures[("q3", "plan")].value
