"""La matrice de décision pondérée, interactive (module 16) : on choisit un critère, on bouge sa
pondération ; les autres se partagent le reste en gardant leurs proportions (le total reste
100 %), les scores se recalculent et l'option en tête s'affiche."""

from __future__ import annotations

import html


class MatriceInteractive:
    """Une matrice pondérée dont on fait bouger une pondération, au clavier ou à la souris.

    Une liste pour choisir le critère, un curseur pour sa pondération (en %, par pas de 1) : les
    autres critères se partagent le reste en gardant leurs proportions, pour que le total reste
    100 %. Le tableau des pondérations, des scores et des rangs se recalcule ; l'option en tête
    est écrite en mots, avec 🥇 (jamais par la couleur seule).
    """

    def __init__(self, options, ponderations, *, critere=None):
        import ipywidgets as w

        from obm import decision

        self._decision = decision
        self.options = options
        # Contrôle une fois les données (pondérations à 100 %, notes de 0 à 10).
        decision.scores_ponderes(options, ponderations)
        self.ponderations_depart = {str(c): float(p) for c, p in ponderations.items()}
        criteres = list(self.ponderations_depart)
        critere = criteres[0] if critere is None else critere
        if critere not in criteres:
            from obm.erreurs import DonneesInvalides

            raise DonneesInvalides(f"Le critère « {critere} » n'est pas dans les pondérations : "
                                   f"choisis parmi {', '.join(criteres)}.")
        style = {"description_width": "200px"}
        self.critere = w.Dropdown(options=criteres, value=critere, description="Critère à déplacer",
                                  style=style, layout=w.Layout(width="480px"))
        self.curseur = w.IntSlider(value=round(100 * self.ponderations_depart[critere]), min=0, max=100,
                                   step=1, description="Sa pondération (%)", style=style,
                                   layout=w.Layout(width="560px"), readout=False, continuous_update=False)
        self.valeur = w.HTML(layout=w.Layout(width="80px"))
        self.resultat = w.HTML()
        self.vue = w.VBox([self.critere, w.HBox([self.curseur, self.valeur]), self.resultat])
        self.vue.add_class("obm-matrice")
        self.critere.observe(self._changer_critere, names="value")
        self.curseur.observe(self._recalculer, names="value")
        self._recalculer()

    def _changer_critere(self, _changement=None):
        # Un autre critère : on repart des pondérations d'origine.
        self.curseur.value = round(100 * self.ponderations_depart[self.critere.value])
        self._recalculer()

    def ponderations(self) -> dict[str, float]:
        """Les pondérations affichées : celle du critère choisi vaut le curseur, les autres en proportion."""
        return self._decision.ponderations_deplacees(self.ponderations_depart, self.critere.value,
                                                    self.curseur.value / 100)

    def _recalculer(self, _changement=None):
        from obm import fr

        self.valeur.value = f"<span class='obm-valeur-curseur'>{html.escape(fr.pourcentage(self.curseur.value / 100))}</span>"
        poids = self.ponderations()
        scores = self._decision.scores_ponderes(self.options, poids)
        meilleur = max(scores.values())
        premieres = [o for o, s in scores.items() if abs(s - meilleur) < 1e-9]
        lignes = "".join(
            f"<tr><th scope='row' style='text-align:left'>{html.escape(c)}</th>"
            f"<td style='text-align:right'>{html.escape(fr.pourcentage(p, 1))}</td></tr>"
            for c, p in poids.items())
        colonnes = "".join(
            f"<tr><th scope='row' style='text-align:left'>{'🥇 ' if o in premieres else ''}{html.escape(o)}</th>"
            f"<td style='text-align:right'>{html.escape(fr(s, 2))}</td></tr>"
            for o, s in scores.items())
        if len(premieres) > 1:
            tete = (f"⚖️ <b>Égalité</b> entre {html.escape(' et '.join(premieres))} : "
                    "la matrice ne départage pas.")
        else:
            tete = f"🥇 En tête : <b class='obm-en-tete'>{html.escape(premieres[0])}</b>"
        self.resultat.value = (
            "<div style='display:flex;gap:40px'>"
            "<table><caption style='white-space:nowrap'>Pondérations (total 100 %)</caption>" + lignes + "</table>"
            "<table><caption style='white-space:nowrap'>Scores sur 10</caption>" + colonnes + "</table></div>"
            f"<p role='status' class='obm-tete'>{tete}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def matrice_interactive(options, ponderations, *, critere=None):
    """Affiche une matrice de décision pondérée dont tu fais bouger une pondération.

    ``options`` : ``{option: {critère: note de 0 à 10}}`` ; ``ponderations`` : ``{critère:
    fraction}`` qui font 100 %. Choisis le critère dans la liste, puis bouge le curseur (souris,
    ou tabulation puis flèches) : les autres pondérations s'ajustent pour que le total reste
    100 %, et l'option en tête s'affiche. ``critere`` : le critère choisi au départ (le premier
    par défaut).
    """
    return MatriceInteractive(options, ponderations, critere=critere)
