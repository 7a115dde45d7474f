"""Le formulaire d'autoévaluation du module 00 : curseurs, radar, historique."""

from __future__ import annotations

from obm import autoevaluation
from obm.syllabus import charger
from obm.widgets._commun import _png


class Autoevaluation:
    """Le formulaire d'autoévaluation : 18 curseurs de 1 à 5, le radar, un bouton Enregistrer.

    Les curseurs reprennent ta dernière autoévaluation s'il y en a une. Le radar se redessine
    quand tu bouges un curseur ; « Enregistrer » garde la version du jour dans ton historique.
    """

    def __init__(self):
        import ipywidgets as w

        self.syllabus = charger()
        self.precedente = autoevaluation.derniere()
        depart = self.precedente["notes"] if self.precedente else {}
        style = {"description_width": "initial"}
        self.curseurs = {
            code: w.IntSlider(
                value=depart.get(code, 1), min=1, max=5, step=1,
                description=f"{code} · {c.intitule}", style=style,
                layout=w.Layout(width="560px"), continuous_update=False,
            )
            for code, c in self.syllabus.competences.items()
        }
        familles = {}
        for code, competence in self.syllabus.competences.items():
            familles.setdefault(competence.famille, []).append(self.curseurs[code])
        colonnes = [w.VBox([w.HTML(f"<b>{famille}</b>"), *curseurs])
                    for famille, curseurs in familles.items()]
        self.image = w.Image(format="png", layout=w.Layout(width="420px"))
        self.bouton = w.Button(description="Enregistrer", icon="save", button_style="primary",
                               tooltip="Garder cette autoévaluation dans ton historique")
        self.message = w.HTML()
        echelle = " · ".join(f"{n} = {t}" for n, t in autoevaluation.ECHELLE.items())
        self.vue = w.VBox([
            w.HTML(f"<i>Échelle : {echelle}</i>"),
            w.HBox([w.VBox(colonnes), w.VBox([self.image, self.bouton, self.message])]),
        ])
        for curseur in self.curseurs.values():
            curseur.observe(self._redessiner, names="value")
        self.bouton.on_click(self._enregistrer)
        self._redessiner()

    @property
    def notes(self) -> dict[str, int]:
        """Les notes actuellement choisies sur les curseurs."""
        return {code: curseur.value for code, curseur in self.curseurs.items()}

    def _redessiner(self, _changement=None):
        precedente = self.precedente["notes"] if self.precedente else None
        self.image.value = _png(autoevaluation.radar(self.notes, precedente=precedente,
                                                     syllabus=self.syllabus))

    def _enregistrer(self, _bouton=None):
        chemin = autoevaluation.enregistrer(self.notes)
        pistes = autoevaluation.a_travailler(self.notes, syllabus=self.syllabus)
        lignes = "".join(
            f"<li>{p['code']} · {p['intitule']} ({p['note']}/5) : "
            f"{', '.join(p['modules']) or 'tout le parcours'}</li>"
            for p in pistes
        )
        self.message.value = (
            f"✅ Autoévaluation enregistrée dans <code>{chemin}</code>.<br>"
            f"Les compétences où tu te notes le plus bas, et les modules qui les travaillent :"
            f"<ul>{lignes}</ul>"
        )

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def autoevaluation_competences() -> Autoevaluation:
    """Affiche le formulaire d'autoévaluation des 18 compétences (à exécuter dans un notebook)."""
    return Autoevaluation()
