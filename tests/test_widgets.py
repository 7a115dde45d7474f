"""The course widgets, without a browser: instantiate, change values, assert on state and output."""

from datetime import date

TACHES = [
    {"id": "OFF", "tache": "Valider l'offre", "duree": 1, "predecesseurs": []},
    {"id": "TOUR", "tache": "Tourner", "duree": 15, "predecesseurs": ["OFF"]},
    {"id": "PAGE", "tache": "Page de vente", "duree": 5, "predecesseurs": ["OFF"]},
]


def test_retroplanning_interactif_reagit():
    """Do the target date and the durations redraw the Gantt and update the critical path?"""
    from obm.widgets import RetroplanningInteractif

    vue = RetroplanningInteractif(TACHES, "2027-05-18")
    image = bytes(vue.image.value)
    assert image.startswith(b"\x89PNG")
    # TOUR ends Fri 14 May (Ascension 6 May skipped) and spans 15 working days from Fri 23 April.
    assert "OFF → TOUR" in vue.resume.value and "jeudi 22 avril 2027" in vue.resume.value
    # Moving the target a week earlier moves the start and redraws the chart.
    vue.date.value = date(2027, 5, 11)
    assert bytes(vue.image.value) != image
    assert vue.plan.loc["TOUR", "fin"] == date(2027, 5, 10)
    # Making the sales page the longest task moves the critical path onto it.
    vue.durees["PAGE"].value = 20
    critiques = vue.resume.value.split("tâches critiques")[1]
    assert "OFF → PAGE" in critiques and "TOUR" not in critiques


def test_retroplanning_interactif_erreur_en_francais():
    """Does an impossible duration show the French obm error instead of breaking the widget?"""
    from obm.widgets import RetroplanningInteractif

    vue = RetroplanningInteractif(TACHES, "2027-05-18")
    vue.durees["PAGE"].min = 0
    vue.durees["PAGE"].value = 0
    assert "PAGE" in vue.resume.value and "color:#b3261e" in vue.resume.value
