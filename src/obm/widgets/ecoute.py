"""Les reformulations, interactives (module 08) : on choisit une réplique de la leçon et un type de
reformulation ; le widget montre l'exemple, ce qu'il fait et son piège."""

from __future__ import annotations

import html


class ReformulationInteractive:
    """Deux listes déroulantes : la réplique (Inès ou Clara) et le type de reformulation (écho,
    reflet, synthèse, clarification). L'exemple, ce qu'il fait et son piège s'affichent en
    dessous. Tout se fait au clavier : tabulation, puis flèches haut et bas."""

    def __init__(self, qui: str = "Inès", type_de_reformulation: str = "écho"):
        import ipywidgets as w

        from obm import ecoute

        self._ecoute = ecoute
        ecoute.replique(qui)  # a name the lesson does not know raises the course's error
        ecoute.ce_que_fait(type_de_reformulation)
        style = {"description_width": "120px"}
        self.qui = w.Dropdown(options=[r.qui for r in ecoute.REPLIQUES], value=qui,
                              description="Réplique de", style=style)
        self.type = w.Dropdown(options=list(ecoute.TYPES_DE_REFORMULATION),
                               value=type_de_reformulation, description="Reformulation",
                               style=style)
        self.resultat = w.HTML()
        self.vue = w.VBox([self.qui, self.type, self.resultat])
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
    type (« écho », « reflet », « synthèse », « clarification ») dans les listes, à la souris ou
    au clavier."""
    return ReformulationInteractive(qui, type_de_reformulation)
