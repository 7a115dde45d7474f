"""The feedback analyser widget, without a browser: instantiate, type, assert on the verdict."""

from obm.widgets import AnalyseurFeedback, analyseur_feedback

COMPLET = ("Hier, pendant l'appel avec Maison Lumière, tu as résumé leur demande en trois points. "
           "Leur responsable m'a écrit qu'elle se sentait comprise.")


def test_texte_libre_mis_a_jour_a_chaque_frappe():
    """Does the verdict follow the free text as it changes, from empty to complete to judging?"""
    vue = analyseur_feedback()
    assert vue.analyse is None and "Écris ton feedback" in vue.verdict.value
    assert vue.champs.children == (vue.texte,)
    assert vue.texte.continuous_update

    vue.texte.value = COMPLET
    assert vue.analyse.complet
    assert "Feedback SBI complet" in vue.verdict.value

    vue.texte.value = "Hier, pendant l'appel avec Maison Lumière, tu as été brillante."
    assert not vue.analyse.comportement and not vue.analyse.impact
    assert "brillante" in vue.verdict.value and "À compléter" in vue.verdict.value


def test_trois_parties():
    """Does the three-field mode show three boxes and analyse each part in its own field?"""
    vue = AnalyseurFeedback(en_trois_parties=True)
    assert vue.champs.children == (vue.situation, vue.comportement, vue.impact)
    vue.situation.value = "Pendant les réunions,"
    vue.comportement.value = "tu as coupé la parole à Inès trois fois"
    assert not vue.analyse.situation and vue.analyse.comportement and not vue.analyse.impact
    assert "habitude" in vue.verdict.value
    vue.situation.value = "Mardi, pendant le point d'équipe,"
    vue.impact.value = "elle a fini la réunion caméra coupée."
    assert vue.analyse.complet and "Feedback SBI complet" in vue.verdict.value


def test_changer_de_mode():
    """Does switching mode swap the fields and re-analyse what the other mode holds?"""
    vue = analyseur_feedback(COMPLET)
    assert vue.analyse.complet
    vue.mode.value = AnalyseurFeedback.MODES[1]
    assert vue.champs.children == (vue.situation, vue.comportement, vue.impact)
    assert vue.analyse is None
    vue.mode.value = AnalyseurFeedback.MODES[0]
    assert vue.analyse.complet


def test_erreur_affichee_en_francais():
    """Is a text too long shown as the French obm error instead of breaking the widget?"""
    vue = analyseur_feedback()
    vue.texte.value = "Hier, tu as envoyé le mail. " * 300
    assert vue.analyse is None
    assert "quelques phrases" in vue.verdict.value and "#b3261e" in vue.verdict.value
