"""The load-plan widget of module 04, without a browser: tick, choose, and read what it says."""

from obm import equipe

LIBELLES = {"REPONSES": "Répondre aux questions des prospects",
            "PAIEMENTS": "Vérifier les paiements et ouvrir les accès",
            "ACCUEIL": "Préparer l'accueil des acheteuses",
            "STORIES": "Publier les stories de l'ouverture",
            "COMMENTAIRES": "Modérer les commentaires Instagram"}
PERSONNES = {"REPONSES": "Léa", "PAIEMENTS": "Léa", "ACCUEIL": "Léa", "STORIES": "Inès",
             "COMMENTAIRES": "Inès"}
HEURES = {"REPONSES": 8, "PAIEMENTS": 6, "ACCUEIL": 5, "STORIES": 4, "COMMENTAIRES": 3}
LIMITES = {"REPONSES": "2027-05-21", "PAIEMENTS": "2027-05-21", "ACCUEIL": "2027-05-28",
           "STORIES": "2027-05-18", "COMMENTAIRES": "2027-05-21"}


def _vue():
    from obm.widgets import PlanDeChargeInteractif

    semaine = equipe.taches_de_la_semaine(LIBELLES, PERSONNES, HEURES, LIMITES, semaine="2027-05-17")
    return PlanDeChargeInteractif(semaine, {"Léa": 15, "Inès": 10})


def test_plan_de_charge_interactif_reagit():
    """Do ticking « sortir de la semaine » and choosing another person update the summary, the
    remarks (smoothing or levelling) and the chart?"""
    vue = _vue()
    image = bytes(vue.image.value)
    assert image.startswith(b"\x89PNG")
    assert "Léa</b>\u202f: 19\u00a0h pour 15\u00a0h · 127\u00a0% · ⚠ surcharge" in vue.resume.value
    vue.reporter["ACCUEIL"].value = True
    assert "93\u00a0%" in vue.resume.value and "lissage" in vue.remarques.value
    assert bytes(vue.image.value) != image
    vue.reporter["ACCUEIL"].value = False
    vue.confier["ACCUEIL"].value = "Inès"
    assert "Inès</b>\u202f: 12\u00a0h pour 10\u00a0h · 120\u00a0% · ⚠ surcharge" in vue.resume.value
    vue.confier["ACCUEIL"].value = "Léa"
    vue.reporter["REPONSES"].value = True
    assert "nivellement" in vue.remarques.value and "Semaine à revoir" in vue.resume.value


def test_plan_de_charge_interactif_sortie_prioritaire():
    """Is a task both ticked out and given to someone else simply moved out (no error shown)?"""
    vue = _vue()
    vue.confier["ACCUEIL"].value = "Inès"
    vue.reporter["ACCUEIL"].value = True
    assert vue.resultat.reportees == ["ACCUEIL"] and vue.resultat.reaffectees == {}
