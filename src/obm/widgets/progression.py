"""La progression de l'apprenante sur la page d'accueil."""

from __future__ import annotations


class ProgressionInteractive:
    """Ta progression dans le cours (leçons, exercices, autoévaluation), avec un bouton Actualiser.

    Le tableau est lu dans tes notebooks enregistrés : enregistre ton travail (Ctrl + S), puis
    clique sur « Actualiser ».
    """

    def __init__(self, racine=None):
        import ipywidgets as w

        self.racine = racine
        self.tableau = w.HTML()
        self.bouton = w.Button(description="Actualiser", icon="refresh",
                               tooltip="Relire tes notebooks enregistrés")
        self.vue = w.VBox([self.bouton, self.tableau])
        self.bouton.on_click(self.actualiser)
        self.progression = None
        self.actualiser()

    def actualiser(self, _bouton=None):
        """Relit tes notebooks et met le tableau à jour."""
        from obm.progression import progression

        self.progression = progression(self.racine)
        self.tableau.value = self.progression._repr_html_()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def progression_interactive(racine=None) -> ProgressionInteractive:
    """Affiche ta progression dans le cours, avec un bouton « Actualiser »."""
    return ProgressionInteractive(racine)
