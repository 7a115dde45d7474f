"""L'estimation interactive du module 02 : bouger les trois points et le nombre de tâches.

On voit l'espérance et l'écart-type d'une tâche, puis ceux de plusieurs tâches identiques mises
bout à bout : les variances s'additionnent, l'écart-type du total grandit comme la racine du
nombre de tâches, pas comme le nombre de tâches.
"""

from __future__ import annotations

from obm.widgets._commun import _png


class EstimationInteractive:
    """Une estimation à trois points à manipuler : optimiste, probable, pessimiste (en heures
    entières) et nombre de tâches identiques. Le résumé et la figure se recalculent ; une
    saisie impossible (optimiste au-dessus du probable…) s'affiche en français à la place."""

    def __init__(self, optimiste=4, probable=6, pessimiste=14, nombre_taches=8):
        import ipywidgets as w

        from obm import _validation as v
        from obm import projet

        self._projet = projet
        depart = projet.estimation_trois_points(optimiste, probable, pessimiste)  # validated once
        n = v.entier(nombre_taches, "nombre_taches", bas=1, haut=20, quoi="un nombre de tâches")
        style = {"description_width": "220px"}
        disposition = w.Layout(width="560px")

        def curseur(valeur, description):
            return w.IntSlider(value=round(valeur), min=0, max=60, step=1, description=description,
                               style=style, layout=disposition, continuous_update=False)

        self.optimiste = curseur(depart.optimiste, "Optimiste (heures)")
        self.probable = curseur(depart.probable, "Probable (heures)")
        self.pessimiste = curseur(depart.pessimiste, "Pessimiste (heures)")
        self.nombre = w.IntSlider(value=n, min=1, max=20, step=1,
                                  description="Nombre de tâches identiques", style=style,
                                  layout=disposition, continuous_update=False)
        self.resume = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="860px"))
        self.vue = w.VBox([self.optimiste, self.probable, self.pessimiste, self.nombre,
                           self.resume, self.image])
        for curseur_ in (self.optimiste, self.probable, self.pessimiste, self.nombre):
            curseur_.observe(self._redessiner, names="value")
        self._redessiner()

    def _redessiner(self, _changement=None):
        import html

        from obm._affichage import nombre as fr
        from obm.erreurs import ErreurOBM

        p = self._projet
        try:
            une = p.estimation_trois_points(self.optimiste.value, self.probable.value,
                                            self.pessimiste.value)
        except ErreurOBM as erreur:
            self.resume.value = (f'<p role="status" style="color:#a1221b">🔁 <b>À revoir\u202f:</b> '
                                 f"{html.escape(str(erreur))}</p>")
            return
        n = self.nombre.value
        total = p.cumuler_estimations([une] * n)
        h = "\u00a0h"
        phrases = [f"<b>Une tâche\u202f:</b> espérance {fr(une.esperance)}{h}, écart-type "
                   f"{fr(une.ecart_type)}{h}."]
        if n == 1:
            phrases.append("Avec une seule tâche, il n'y a rien à additionner : augmente le "
                           "nombre de tâches.")
        else:
            phrases.append(
                f"<b>Pour {n} tâches\u202f:</b> espérance {fr(total.esperance)}{h}, écart-type "
                f"{fr(total.ecart_type)}{h} (les variances s'additionnent : √{n} × "
                f"{fr(une.ecart_type)}{h}).")
            if une.ecart_type > 0:
                phrases.append(
                    f"En additionnant les écarts-types, tu trouverais {fr(n * une.ecart_type)}{h}, "
                    f"soit {fr(n * une.ecart_type / total.ecart_type)} fois trop.")
        bas, haut = total.fourchette(2)
        phrases.append(f"Fourchette probable (± 2 écarts-types)\u202f: de {fr(bas)}{h} à "
                       f"{fr(haut)}{h}.")
        self.resume.value = "".join(f'<p style="margin:2px 0">{t}</p>' for t in phrases)
        self.image.value = _png(p.diagramme_cumul(une, n))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def estimation_interactive(optimiste=4, probable=6, pessimiste=14, nombre_taches=8):
    """Affiche une estimation à trois points à manipuler, et le cumul de plusieurs tâches."""
    return EstimationInteractive(optimiste, probable, pessimiste, nombre_taches)
