"""Les reformulations, interactives (module 08) : on choisit une réplique de la leçon et un type de
reformulation ; le widget montre l'exemple, ce qu'il fait et son piège."""

from __future__ import annotations

import html

# Buttons, not drop-down lists: in JupyterLab the arrow keys on a focused <select> move to the
# next cell (notebook shortcut), so a list could not be changed from the keyboard. A button is
# reached with Tab and chosen with Space, as in module 01's questionnaire, whose look the chosen
# button takes (dark, bold, a check mark: not by its colour alone).
def _style() -> str:
    from obm.widgets.quiz import STYLE

    return STYLE.replace(".obm-questionnaire", ".obm-reformulation")


class ReformulationInteractive:
    """Deux rangées de boutons : la réplique (Inès ou Clara) et le type de reformulation (écho,
    reflet, synthèse, clarification). L'exemple, ce qu'il fait et son piège s'affichent en
    dessous. Tout se fait aussi au clavier : la touche de tabulation pour aller d'un bouton à
    l'autre, la barre d'espace pour choisir."""

    def __init__(self, qui: str = "Inès", type_de_reformulation: str = "écho"):
        import ipywidgets as w

        from obm import ecoute

        self._ecoute = ecoute
        ecoute.replique(qui)  # a name the lesson does not know raises the course's error
        ecoute.ce_que_fait(type_de_reformulation)
        style = {"description_width": "120px"}
        self.qui = w.ToggleButtons(options=[r.qui for r in ecoute.REPLIQUES], value=qui,
                                   description="Réplique de", style=style)
        self.type = w.ToggleButtons(options=list(ecoute.TYPES_DE_REFORMULATION),
                                    value=type_de_reformulation, description="Reformulation",
                                    style=style)
        self.resultat = w.HTML()
        self.vue = w.VBox([w.HTML(_style()), self.qui, self.type, self.resultat])
        self.vue.add_class("obm-reformulation")
        self.qui.observe(self._afficher, names="value")
        self.type.observe(self._afficher, names="value")
        self._afficher()

    def _afficher(self, _changement=None):
        r = self._ecoute.replique(self.qui.value)
        effet, piege = self._ecoute.ce_que_fait(self.type.value)
        self.resultat.value = (
            f"<p class='obm-replique'>💬 <b>{html.escape(r.qui)}</b> : « {html.escape(r.texte)} »</p>"
            f"<p class='obm-exemple'>👂 <b>{html.escape(self.type.value.capitalize())}</b> : "
            f"{html.escape(r.reformulations[self.type.value])}</p>"
            f"<p role='status' class='obm-effet'>✅ <b>Ce qu'elle fait</b> : {html.escape(effet)}</p>"
            f"<p class='obm-piege'>⚠️ <b>Le piège</b> : {html.escape(piege)}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def reformulation_interactive(qui: str = "Inès", type_de_reformulation: str = "écho"):
    """Affiche les reformulations de la leçon : choisis une réplique (« Inès » ou « Clara ») et un
    type (« écho », « reflet », « synthèse », « clarification ») avec les boutons, à la souris ou
    au clavier (tabulation, puis barre d'espace)."""
    return ReformulationInteractive(qui, type_de_reformulation)
