"""Le taux d'engagement selon son dénominateur (module 13) : les mêmes interactions, divisées par
les abonnés, la portée ou les impressions, donnent trois taux qui ne se comparent pas entre eux."""

from __future__ import annotations

import html

_LIBELLES = {
    "abonnes": ("abonnés", "les personnes abonnées au compte, qu'elles aient vu la publication ou non"),
    "portee": ("portée", "les comptes qui ont vu la publication au moins une fois"),
    "impressions": ("impressions", "le nombre d'affichages, une même personne pouvant la voir plusieurs fois"),
}


class EngagementInteractif:
    """Choisis le dénominateur du taux d'engagement d'une publication et vois le taux changer.

    Trois boutons (atteints au clavier par la tabulation, choisis avec la barre d'espace ou
    Entrée) proposent les abonnés, la portée ou les impressions ; le taux, son calcul et une
    phrase qui dit ce qu'il mesure se mettent à jour.
    """

    def __init__(self, interactions, abonnes, portee, impressions, *, denominateur="abonnes"):
        import ipywidgets as w

        from obm import marketing

        self._marketing = marketing
        self.interactions = interactions
        self.bases = {"abonnes": abonnes, "portee": portee, "impressions": impressions}
        for nom, valeur in self.bases.items():
            marketing.taux_engagement(interactions, **{nom: valeur})  # checks every input once
        self.choix = w.ToggleButtons(
            options=[(f"÷ {_LIBELLES[n][0]}", n) for n in self.bases], value=denominateur,
            description="Dénominateur", style={"description_width": "120px"},
            tooltips=[_LIBELLES[n][1] for n in self.bases])
        self.resultat = w.HTML()
        self.vue = w.VBox([self.choix, self.resultat])
        self.vue.add_class("obm-engagement")
        self.choix.observe(self._recalculer, names="value")
        self._recalculer()

    def _recalculer(self, _changement=None):
        from obm import fr

        nom = self.choix.value
        base = self.bases[nom]
        taux = self._marketing.taux_engagement(self.interactions, **{nom: base})
        libelle, sens = _LIBELLES[nom]
        self.resultat.value = (
            f"<p class='obm-calcul'>{html.escape(fr.nombre(self.interactions))} interactions ÷ "
            f"{html.escape(fr.nombre(base))} {html.escape(libelle)} = "
            f"<b class='obm-taux'>{html.escape(fr.pourcentage(taux, 1))}</b></p>"
            f"<p role='status' class='obm-sens'>ℹ️ Ce taux divise par {html.escape(sens)}. "
            "Il ne se compare qu'à un taux calculé avec les mêmes interactions et le même dénominateur.</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def engagement_interactif(interactions, abonnes, portee, impressions, *, denominateur="abonnes"):
    """Affiche le taux d'engagement d'une publication avec le dénominateur de ton choix
    (``"abonnes"``, ``"portee"`` ou ``"impressions"``), à choisir parmi trois boutons."""
    return EngagementInteractif(interactions, abonnes, portee, impressions, denominateur=denominateur)
