"""L'eNPS d'une petite équipe, interactif (module 17) : chaque curseur est la note d'une personne ;
l'eNPS se recalcule, et une seule personne qui change d'avis le fait sauter de 25 points."""

from __future__ import annotations

import html


class EnpsPetiteEquipeInteractif:
    """L'eNPS d'une équipe de quelques personnes, une note (0 à 10) par curseur.

    Le score, le nombre de promoteurs, de passifs et de détracteurs se recalculent, avec une
    phrase qui dit ce que vaut une seule réponse (une icône et des mots, jamais une couleur
    seule). Tout se fait au clavier : tabulation, puis flèches.
    """

    def __init__(self, notes):
        import ipywidgets as w

        from obm.equipe import repartition_enps

        self._repartition = repartition_enps
        if not isinstance(notes, dict) or not notes:
            from obm.erreurs import TypeInvalide

            raise TypeInvalide("Donne les notes comme un dictionnaire {prénom: note}, par ex. {\"Léa\": 9}.")
        repartition_enps(list(notes.values()))  # the same checks as enps (0–10, whole numbers)
        style = {"description_width": "120px"}
        disposition = w.Layout(width="460px")
        self.curseurs = tuple(
            w.IntSlider(value=int(note), min=0, max=10, step=1, description=str(nom), style=style,
                        layout=disposition, readout=False, continuous_update=False)
            for nom, note in notes.items())
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="190px")) for _ in self.curseurs)
        self.resultat = w.HTML()
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-enps")
        for curseur in self.curseurs:
            curseur.observe(self._recalculer, names="value")
        self._recalculer()

    @staticmethod
    def _groupe(note: int) -> str:
        # The group's name, in the plural: « Léa · dans les promoteurs », never « Léa (promoteur) ».
        if note >= 9:
            return "promoteurs"
        return "passifs" if note >= 7 else "détracteurs"

    def _recalculer(self, _changement=None):
        from obm import fr

        for curseur, valeur in zip(self.curseurs, self.valeurs):
            valeur.value = (f"<span class='obm-valeur-curseur'>{curseur.value}</span> "
                            f"<span class='obm-groupe'>dans les {self._groupe(curseur.value)}</span>")
        detail = self._repartition([c.value for c in self.curseurs])
        n = detail.nombre_reponses
        signe = "+" if detail.enps > 0 else ""
        score = f"{signe}{fr.nombre(round(detail.enps, 1))}"
        poids = fr.nombre(round(100 / n, 1))
        phrase = (f"⚠️ Avec {n}\u00a0personnes, chacune pèse {poids}\u00a0points\u202f: une seule note qui passe de 8 à 9 "
                  f"(ou de 6 à 7) fait bouger l'eNPS de {poids}\u00a0points. "
                  "Et chacune sait qui a mis quelle note.")
        self.resultat.value = (
            "<table class='obm-tableau'>"
            f"<tr><th>eNPS</th><td class='obm-enps-score'>{html.escape(score)}</td></tr>"
            f"<tr><th>Promoteurs (9–10)</th><td>{detail.promoteurs}</td></tr>"
            f"<tr><th>Passifs (7–8)</th><td>{detail.passifs}</td></tr>"
            f"<tr><th>Détracteurs (0–6)</th><td>{detail.detracteurs}</td></tr>"
            f"</table><p role='status' class='obm-verdict'>{phrase}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def enps_petite_equipe_interactif(notes):
    """Affiche l'eNPS d'une petite équipe : ``notes`` est un dictionnaire {prénom: note de 0 à 10},
    chaque note modifiable au curseur (souris ou clavier)."""
    return EnpsPetiteEquipeInteractif(notes)
