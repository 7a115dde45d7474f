"""La réponse à une menace, interactive (module 06) : la probabilité, la probabilité résiduelle et
le coût de la réponse bougent, les deux coûts attendus et le verdict de la VMA se recalculent."""

from __future__ import annotations

import html


class ReponseRisqueInteractive:
    """Compare « accepter » et « atténuer » une menace, en valeur monétaire attendue.

    Trois curseurs : la probabilité de la menace, sa probabilité résiduelle une fois la réponse en
    place, et le coût de la réponse. Le coût attendu sans réponse (probabilité × impact) et avec
    réponse (coût de la réponse + probabilité résiduelle × impact) se recalculent, avec un verdict
    écrit (une icône et des mots). Tout se fait au clavier : tabulation, puis flèches.
    """

    def __init__(self, impact, probabilite, probabilite_residuelle, cout_reponse):
        import ipywidgets as w

        from obm import risques

        self._risques = risques
        self.impact = abs(risques.valeur_monetaire_attendue(1, impact))
        style = {"description_width": "230px"}
        disposition = w.Layout(width="600px")
        self.probabilite = w.IntSlider(
            value=round(100 * probabilite), min=0, max=100, step=5,
            description="Probabilité de la menace (%)", style=style, layout=disposition,
            readout=False, continuous_update=False)
        self.residuelle = w.IntSlider(
            value=round(100 * probabilite_residuelle), min=0, max=100, step=5,
            description="Probabilité résiduelle (%)", style=style, layout=disposition,
            readout=False, continuous_update=False)
        self.cout = w.IntSlider(
            value=round(cout_reponse), min=0, max=round(self.impact), step=10,
            description="Coût de la réponse (€)", style=style, layout=disposition,
            readout=False, continuous_update=False)
        self.curseurs = (self.probabilite, self.residuelle, self.cout)
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="110px")) for _ in self.curseurs)
        self.resultat = w.HTML()
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-reponse-risque")
        for curseur in self.curseurs:
            curseur.observe(self._recalculer, names="value")
        self._recalculer()

    def _recalculer(self, _changement=None):
        from obm import fr

        textes = (fr.pourcentage(self.probabilite.value / 100, 0),
                  fr.pourcentage(self.residuelle.value / 100, 0), fr.euros(self.cout.value, 0))
        for valeur, texte in zip(self.valeurs, textes):
            valeur.value = f"<span class='obm-valeur-curseur'>{html.escape(texte)}</span>"
        sans = -self._risques.valeur_monetaire_attendue(self.probabilite.value / 100, -self.impact)
        avec = self.cout.value - self._risques.valeur_monetaire_attendue(
            self.residuelle.value / 100, -self.impact)
        if avec < sans:
            verdict = ("✅ <b>La réponse est rentable</b> : elle coûte moins, en moyenne, que le risque "
                       "qu'elle retire.")
        else:
            verdict = ("⚖️ <b>La réponse coûte plus qu'elle ne rapporte en moyenne</b> : la VMA seule "
                       "dit d'accepter ; une date qui ne peut pas bouger peut justifier de payer quand même.")
        self.resultat.value = (
            "<table class='obm-tableau'>"
            f"<tr><th>Coût attendu sans réponse</th><td class='obm-sans'>{html.escape(fr.euros(sans, 0))}</td></tr>"
            f"<tr><th>Coût attendu avec la réponse</th><td class='obm-avec'>{html.escape(fr.euros(avec, 0))}</td></tr>"
            f"</table><p role='status' class='obm-verdict'>{verdict}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def reponse_risque_interactive(impact, probabilite, probabilite_residuelle, cout_reponse):
    """Affiche la comparaison « accepter ou atténuer » d'une menace : probabilité, probabilité
    résiduelle et coût de la réponse modifiables au curseur (souris ou clavier).

    ``impact`` en euros (négatif pour une menace, ou positif : seule sa taille compte ici),
    probabilités en fractions (0.3 pour 30 %), coût de la réponse en euros.
    """
    return ReponseRisqueInteractive(impact, probabilite, probabilite_residuelle, cout_reponse)
