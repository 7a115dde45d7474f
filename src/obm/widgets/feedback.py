"""L'analyseur de feedback en direct du module 10."""

from __future__ import annotations


class AnalyseurFeedback:
    """Un feedback à écrire, analysé pendant que tu tapes (modèle SBI).

    Choisis « Un seul texte » pour écrire le feedback d'un bloc, ou « Trois parties » pour
    écrire la situation, le comportement et l'impact dans trois cases. Le verdict et les
    remarques (ce qu'il faut ajouter ou reformuler) se mettent à jour à chaque frappe.
    """

    MODES = ("Un seul texte", "Trois parties")

    def __init__(self, texte: str = "", *, en_trois_parties: bool = False):
        import ipywidgets as w

        style = {"description_width": "110px"}
        largeur = w.Layout(width="640px")
        # Radio buttons, not toggle buttons: the chosen mode shows a filled dot beside its name
        # (not a slightly darker button); Tab reaches each, Space chooses it.
        self.mode = w.RadioButtons(options=self.MODES, value=self.MODES[en_trois_parties],
                                   description="Écrire", orientation="horizontal", style=style)
        self.texte = w.Textarea(value=texte, description="Ton feedback",
                                placeholder="Hier, pendant le point d'équipe, tu as… Du coup, …",
                                continuous_update=True, style=style,
                                layout=w.Layout(width="640px", height="110px"))
        self.situation = w.Textarea(description="Situation", placeholder="Mardi, pendant…",
                                    continuous_update=True, style=style, layout=largeur)
        self.comportement = w.Textarea(description="Comportement", placeholder="tu as…",
                                       continuous_update=True, style=style, layout=largeur)
        self.impact = w.Textarea(description="Impact", placeholder="du coup, Inès a…",
                                 continuous_update=True, style=style, layout=largeur)
        self.champs = w.VBox()
        self.verdict = w.HTML()
        self.vue = w.VBox([self.mode, self.champs, self.verdict])
        for champ in (self.mode, self.texte, self.situation, self.comportement, self.impact):
            champ.observe(self._analyser, names="value")
        self.analyse = None
        self._analyser()

    def _analyser(self, _changement=None):
        import html

        from obm.erreurs import ErreurOBM
        from obm.feedback import analyser_sbi, analyser_sbi_parties

        trois = self.mode.value == self.MODES[1]
        self.champs.children = ((self.situation, self.comportement, self.impact) if trois
                                else (self.texte,))
        parties = (self.situation.value, self.comportement.value, self.impact.value)
        vide = not any(p.strip() for p in parties) if trois else not self.texte.value.strip()
        if vide:
            self.analyse = None
            self.verdict.value = ("<i>Écris ton feedback : le verdict et les remarques "
                                  "apparaissent ici pendant que tu tapes.</i>")
            return
        try:
            self.analyse = analyser_sbi_parties(*parties) if trois else \
                analyser_sbi(self.texte.value)
        except ErreurOBM as erreur:
            self.analyse = None
            self.verdict.value = f"<b style='color:#b3261e'>{html.escape(str(erreur))}</b>"
            return
        self.verdict.value = self.analyse._repr_html_()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def analyseur_feedback(texte: str = "", *, en_trois_parties: bool = False) -> AnalyseurFeedback:
    """Affiche un analyseur de feedback SBI : écris ton feedback, le verdict se met à jour."""
    return AnalyseurFeedback(texte, en_trois_parties=en_trois_parties)
