"""The instruction analyser widget of lesson 07, without a browser: type, assert on the verdict."""

from obm.widgets import AnalyseurConsigne, analyseur_consigne

VAGUE = "Inès, tu peux checker les commentaires du live demain ?"
CLAIRE = ("Inès, peux-tu répondre à chaque commentaire du live avant le jeudi 13 mai 2027 à 12:00, "
          "heure de Paris ? Terminé = chaque commentaire a une réponse ou l'étiquette « à voir ».")


def test_verdict_mis_a_jour_a_chaque_frappe():
    """Does the verdict follow the text as it changes: empty, vague (words quoted), then clear?"""
    vue = analyseur_consigne()
    assert isinstance(vue, AnalyseurConsigne)
    assert vue.analyse is None and "Écris une consigne" in vue.verdict.value
    assert vue.texte.continuous_update

    vue.texte.value = VAGUE
    assert not vue.analyse.claire
    assert "Consigne à préciser" in vue.verdict.value
    assert "checker" in vue.verdict.value and "demain" in vue.verdict.value
    assert "❌ Échéance" in vue.verdict.value  # an icon and a word, never a colour alone

    vue.texte.value = CLAIRE
    assert vue.analyse.claire
    assert "Consigne claire" in vue.verdict.value
    assert "✅ Critère de fin" in vue.verdict.value


def test_texte_de_depart():
    """Does a widget opened on the lesson's message analyse it at once?"""
    vue = analyseur_consigne(VAGUE)
    assert vue.analyse.mots_flous == ["checker", "demain"]
    assert vue.analyse.responsable and not vue.analyse.echeance
