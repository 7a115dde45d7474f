"""L'analyseur de consigne en direct du module 07."""

from __future__ import annotations


class AnalyseurConsigne:
    """Une consigne à écrire, analysée pendant que tu tapes.

    À chaque frappe, l'analyse du cours (:func:`obm.clarte.analyser_consigne`) s'affiche sous
    la zone de texte : le verdict (« Consigne claire » ou « Consigne à préciser »), les mots
    flous surlignés, l'échéance, la responsable, le critère de fin, et les remarques qui disent
    quoi ajouter. Le widget ne note rien : seule compte la consigne écrite dans une cellule.
    """

    def __init__(self, texte: str = ""):
        import ipywidgets as w

        self.texte = w.Textarea(value=texte, description="Ta consigne",
                                placeholder="Léa, peux-tu… avant le … ? Terminé = …",
                                continuous_update=True,
                                style={"description_width": "110px"},
                                layout=w.Layout(width="640px", height="110px"))
        self.verdict = w.HTML()
        self.vue = w.VBox([self.texte, self.verdict])
        self.vue.add_class("obm-analyseur-consigne")
        self.texte.observe(self._analyser, names="value")
        self.analyse = None
        self._analyser()

    def _analyser(self, _changement=None):
        from obm.clarte import analyser_consigne

        if not self.texte.value.strip():
            self.analyse = None
            self.verdict.value = ("<i>Écris une consigne : le verdict et les remarques "
                                  "apparaissent ici pendant que tu tapes.</i>")
            return
        self.analyse = analyser_consigne(self.texte.value)
        self.verdict.value = self.analyse._repr_html_()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def analyseur_consigne(texte: str = "") -> AnalyseurConsigne:
    """Affiche un analyseur de consigne : écris ta consigne, le verdict se met à jour à chaque
    frappe (mots flous, échéance, responsable, critère de fin)."""
    return AnalyseurConsigne(texte)
