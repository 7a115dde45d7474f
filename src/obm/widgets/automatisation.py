"""Ce que rapporte une automatisation, interactif (module 14) : la fréquence, les minutes gagnées,
la mise en place et la maintenance bougent ; le gain annuel, le délai de retour et le plafond de
la table xkcd (cinq ans) se recalculent."""

from __future__ import annotations

import html
import math


class GainAutomatisationInteractif:
    """Quatre curseurs : exécutions par mois, minutes gagnées à chaque fois, heures de mise en
    place, heures de maintenance par an. Le gain annuel (heures), le délai de retour (mois) et le
    temps que la table xkcd permet d'investir (cinq ans) se recalculent, avec un verdict écrit
    (une icône et des mots). Tout se fait au clavier : tabulation, puis flèches.
    """

    def __init__(self, executions_par_mois, minutes_gagnees, mise_en_place_heures,
                 maintenance_heures_par_an):
        import ipywidgets as w

        from obm import automatisation

        self._auto = automatisation
        style = {"description_width": "260px"}
        disposition = w.Layout(width="620px")

        def curseur(valeur, maximum, pas, description):
            return w.FloatSlider(value=valeur, min=0, max=maximum, step=pas, description=description,
                                 style=style, layout=disposition, readout=False,
                                 continuous_update=False)

        self.frequence = curseur(executions_par_mois, 60, 1, "Exécutions par mois")
        self.minutes = curseur(minutes_gagnees, 30, 1, "Minutes gagnées à chaque fois")
        self.mise_en_place = curseur(mise_en_place_heures, 20, 0.5, "Mise en place (heures)")
        self.maintenance = curseur(maintenance_heures_par_an, 10, 0.5, "Maintenance (heures par an)")
        self.curseurs = (self.frequence, self.minutes, self.mise_en_place, self.maintenance)
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="110px")) for _ in self.curseurs)
        self.resultat = w.HTML()
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-gain-automatisation")
        for c in self.curseurs:
            c.observe(self._recalculer, names="value")
        self._recalculer()

    def _recalculer(self, _changement=None):
        from obm import fr

        textes = (fr.nombre(self.frequence.value, 0), f"{fr.nombre(self.minutes.value, 0)} min",
                  f"{fr.nombre(self.mise_en_place.value, 1)} h", f"{fr.nombre(self.maintenance.value, 1)} h")
        for valeur, texte in zip(self.valeurs, textes):
            valeur.value = f"<span class='obm-valeur-curseur'>{html.escape(texte)}</span>"
        par_an = 12 * self.frequence.value
        gain = self._auto.gain_annuel(par_an, self.minutes.value, self.maintenance.value)
        delai = self._auto.delai_de_retour(self.mise_en_place.value, gain)
        xkcd = self._auto.temps_rentable_xkcd(par_an, self.minutes.value)
        if math.isinf(delai):
            texte_delai = "jamais"
            verdict = ("⛔ <b>Ne se rembourse jamais</b> : la maintenance mange tout le temps gagné. "
                       "Garde la tâche à la main, ou simplifie-la.")
        else:
            texte_delai = f"{fr.nombre(12 * delai, 1)} mois"
            if delai < 1:
                verdict = "✅ <b>Remboursée en moins d'un an</b> : une bonne candidate."
            else:
                verdict = ("⚠️ <b>Remboursée en plus d'un an</b> : à comparer avec les autres "
                           "candidates, et avec la durée de vie de l'outil.")
        self.resultat.value = (
            "<table class='obm-tableau'>"
            f"<tr><th>Gain annuel</th><td class='obm-gain'>{html.escape(fr.nombre(gain, 1))} h</td></tr>"
            f"<tr><th>Délai de retour</th><td class='obm-delai'>{html.escape(texte_delai)}</td></tr>"
            f"<tr><th>Table xkcd : temps à investir au plus (5 ans)</th>"
            f"<td class='obm-xkcd'>{html.escape(fr.nombre(xkcd, 1))} h</td></tr>"
            f"</table><p role='status' class='obm-verdict'>{verdict}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def gain_automatisation_interactif(executions_par_mois, minutes_gagnees, mise_en_place_heures,
                                   maintenance_heures_par_an):
    """Affiche le gain annuel, le délai de retour et le plafond xkcd d'une automatisation, avec
    quatre curseurs (souris ou clavier) : exécutions par mois, minutes gagnées à chaque fois,
    heures de mise en place, heures de maintenance par an."""
    return GainAutomatisationInteractif(executions_par_mois, minutes_gagnees, mise_en_place_heures,
                                        maintenance_heures_par_an)
