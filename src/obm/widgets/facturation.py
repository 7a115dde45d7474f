"""Le forfait d'OBM, interactif (module 20) : les heures faites dans le mois et les heures
incluses bougent, le montant du mois, le dépassement et le prix réel de l'heure se recalculent."""

from __future__ import annotations

import html


class ForfaitInteractif:
    """Le montant d'un mois de forfait selon les heures faites.

    Deux curseurs : les heures faites dans le mois et les heures incluses dans le forfait. Le
    forfait (dû en entier), les heures en dépassement, le montant du mois et le prix réel d'une
    heure pour la cliente se recalculent, avec une phrase qui dit ce qui se passe (une icône et
    des mots). Tout se fait au clavier : tabulation, puis flèches.
    """

    def __init__(self, heures_incluses, taux_horaire_ht, taux_depassement_ht, heures_realisees):
        import ipywidgets as w

        from obm import facturation

        self._facturation = facturation
        self.taux = facturation.forfait_mensuel(1, taux_horaire_ht)
        self.taux_depassement = facturation.forfait_mensuel(1, taux_depassement_ht)
        style = {"description_width": "200px"}
        disposition = w.Layout(width="560px")
        self.faites = w.IntSlider(
            value=round(heures_realisees), min=0, max=50, step=1, description="Heures faites dans le mois",
            style=style, layout=disposition, readout=False, continuous_update=False)
        self.incluses = w.IntSlider(
            value=round(heures_incluses), min=5, max=40, step=1, description="Heures incluses",
            style=style, layout=disposition, readout=False, continuous_update=False)
        self.curseurs = (self.faites, self.incluses)
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="90px")) for _ in self.curseurs)
        self.resultat = w.HTML()
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-forfait")
        for curseur in self.curseurs:
            curseur.observe(self._recalculer, names="value")
        self._recalculer()

    def _recalculer(self, _changement=None):
        from obm import fr

        for curseur, valeur in zip(self.curseurs, self.valeurs):
            valeur.value = f"<span class='obm-valeur-curseur'>{curseur.value}\u00a0h</span>"
        faites, incluses = self.faites.value, self.incluses.value
        forfait = self._facturation.forfait_mensuel(incluses, self.taux)
        montant = self._facturation.montant_mensuel(faites, incluses, self.taux, self.taux_depassement)
        en_plus = max(0, faites - incluses)
        if faites > incluses:
            phrase = (f"➕ <b>{en_plus}\u00a0h en dépassement</b>, facturées au taux de dépassement, "
                      "avec l'accord écrit de la cliente avant de les faire.")
        elif faites < incluses:
            phrase = (f"⚠️ <b>{incluses - faites}\u00a0h non utilisées</b>\u202f: le forfait reste dû en entier, "
                      "l'heure revient plus cher à la cliente. Un forfait trop large se revoit au bilan.")
        else:
            phrase = "✅ <b>Le forfait est utilisé exactement</b>\u202f: ni dépassement ni heure perdue."
        prix_heure = fr.euros(montant / faites) if faites else "sans objet (aucune heure faite)"
        self.resultat.value = (
            "<table class='obm-tableau'>"
            f"<tr><th>Forfait (dû en entier)</th><td class='obm-forfait-prix'>{html.escape(fr.euros(forfait))}</td></tr>"
            f"<tr><th>Dépassement</th><td class='obm-depassement'>{html.escape(fr.euros(montant - forfait))}</td></tr>"
            f"<tr><th>Montant du mois</th><td class='obm-montant'>{html.escape(fr.euros(montant))}</td></tr>"
            f"<tr><th>Prix réel d'une heure pour la cliente</th><td class='obm-prix-heure'>{html.escape(prix_heure)}</td></tr>"
            f"</table><p role='status' class='obm-verdict'>{phrase}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def forfait_interactif(heures_incluses, taux_horaire_ht, taux_depassement_ht, heures_realisees):
    """Affiche le montant d'un mois de forfait : heures faites et heures incluses modifiables au
    curseur (souris ou clavier). Taux en euros de l'heure, hors taxes."""
    return ForfaitInteractif(heures_incluses, taux_horaire_ht, taux_depassement_ht, heures_realisees)
