"""Le budget du lancement, interactif (module 19) : le prix, le budget publicitaire et la part des
paiements en 3 fois bougent ; le seuil de rentabilité et la courbe de trésorerie se recalculent."""

from __future__ import annotations

import html


class BudgetLancementInteractif:
    """Trois curseurs (prix TTC, budget publicitaire TTC, part des paiements en 3 fois) et, pour
    l'objectif de ventes de Clara, le seuil de rentabilité et la trésorerie d'avril à juillet :
    en chiffres (un tableau) et en courbe (avec sa description en texte). Tout se fait au
    clavier : tabulation, puis flèches.
    """

    def __init__(self, prix_ttc=None, budget_pub_ttc=None, part_trois_fois=None):
        import ipywidgets as w

        from obm import finances

        self._finances = finances
        depart = finances.budget_lancement(prix_ttc=prix_ttc, budget_pub_ttc=budget_pub_ttc,
                                           part_trois_fois=part_trois_fois)
        style = {"description_width": "230px"}
        disposition = w.Layout(width="600px")
        self.prix = w.IntSlider(
            value=round(depart.prix_ttc), min=297, max=697, step=10,
            description="Prix TTC (€)", style=style, layout=disposition,
            readout=False, continuous_update=False)
        self.pub = w.IntSlider(
            value=round(depart.budget_pub_ttc), min=0, max=5000, step=250,
            description="Budget publicitaire TTC (€)", style=style, layout=disposition,
            readout=False, continuous_update=False)
        self.part = w.IntSlider(
            value=round(100 * depart.part_trois_fois), min=0, max=100, step=10,
            description="Paiements en 3 fois (%)", style=style, layout=disposition,
            readout=False, continuous_update=False)
        self.curseurs = (self.prix, self.pub, self.part)
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="110px")) for _ in self.curseurs)
        self.resultat = w.HTML()
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-budget-lancement")
        for curseur in self.curseurs:
            curseur.observe(self._recalculer, names="value")
        self._recalculer()

    def _courbe(self, mois, soldes) -> str:
        """The cash curve as an inline SVG, with its text alternative."""
        from obm import fr

        largeur, hauteur, marge = 420, 160, 30
        bas, haut = min(0.0, *soldes), max(0.0, *soldes)
        etendue = (haut - bas) or 1.0

        def y(valeur):
            return marge / 2 + (haut - valeur) / etendue * (hauteur - marge)

        xs = [marge + i * (largeur - 2 * marge) / (len(mois) - 1) for i in range(len(mois))]
        points = " ".join(f"{x:.0f},{y(s):.0f}" for x, s in zip(xs, soldes))
        alt = "Trésorerie en fin de mois : " + " ; ".join(
            f"{m} {fr.euros(s, 0)}" for m, s in zip(mois, soldes)) + "."
        etiquettes = "".join(
            f"<text x='{x:.0f}' y='{hauteur - 2}' font-size='11' text-anchor='middle'>{m}</text>"
            for x, m in zip(xs, mois))
        return (f"<svg role='img' aria-label='{html.escape(alt)}' width='{largeur}' height='{hauteur}' "
                f"class='obm-courbe-tresorerie'><title>{html.escape(alt)}</title>"
                f"<line x1='{marge}' x2='{largeur - marge}' y1='{y(0):.0f}' y2='{y(0):.0f}' "
                "stroke='#888' stroke-dasharray='4'/>"
                f"<polyline points='{points}' fill='none' stroke='#3a7ca5' stroke-width='3'/>"
                f"{etiquettes}</svg>")

    def _recalculer(self, _changement=None):
        from obm import fr

        textes = (fr.euros(self.prix.value, 0), fr.euros(self.pub.value, 0),
                  fr.pourcentage(self.part.value / 100, 0))
        for valeur, texte in zip(self.valeurs, textes):
            valeur.value = f"<span class='obm-valeur-curseur'>{html.escape(texte)}</span>"
        budget = self._finances.budget_lancement(prix_ttc=self.prix.value, budget_pub_ttc=self.pub.value,
                                                 part_trois_fois=self.part.value / 100)
        self.budget = budget
        soldes = [float(s) for s in budget.tresorerie.loc["Trésorerie en fin de mois"]]
        mois = list(budget.tresorerie.columns)
        cellules = "".join(
            f"<td class='obm-tresorerie-{m}' style='padding: 0 12px'>{html.escape(fr.euros(s, 0))}</td>" for m, s in zip(mois, soldes))
        entetes = "".join(f"<th style='padding: 0 12px'>{m}</th>" for m in mois)
        plus_bas = min(soldes)
        if plus_bas < 0:
            alerte = (f"⚠️ <b>Trésorerie négative</b> en {mois[soldes.index(plus_bas)]} "
                      f"({html.escape(fr.euros(plus_bas, 0))}) : il faut cette somme d'avance.")
        else:
            alerte = "✅ <b>Trésorerie positive</b> chaque mois."
        self.resultat.value = (
            "<table class='obm-tableau'>"
            f"<tr><th>Mensualité (3 fois)</th><td>{html.escape(fr.euros(budget.mensualite_ttc))}</td></tr>"
            f"<tr><th>Charges fixes (HT)</th><td>{html.escape(fr.euros(budget.total_charges_fixes_ht, 0))}</td></tr>"
            f"<tr><th>Marge par vente (HT)</th><td>{html.escape(fr.euros(budget.marge_par_vente))}</td></tr>"
            f"<tr><th>Seuil de rentabilité</th><td class='obm-seuil'>{fr(budget.seuil_ventes)} ventes</td></tr>"
            "</table>"
            f"<p>Trésorerie en fin de mois, pour {fr(budget.ventes)} ventes (l'objectif) :</p>"
            f"<table class='obm-tableau'><tr>{entetes}</tr><tr>{cellules}</tr></table>"
            f"{self._courbe(mois, soldes)}"
            f"<p role='status' class='obm-alerte-tresorerie'>{alerte}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def budget_lancement_interactif(prix_ttc=None, budget_pub_ttc=None, part_trois_fois=None):
    """Affiche le budget du lancement de Clara avec trois curseurs (souris ou clavier) : le prix
    TTC, le budget publicitaire TTC et la part des paiements en 3 fois (en %). Le seuil de
    rentabilité et la trésorerie d'avril à juillet se recalculent à chaque mouvement.
    Sans argument, il part des chiffres de Clara.
    """
    return BudgetLancementInteractif(prix_ttc, budget_pub_ttc, part_trois_fois)
