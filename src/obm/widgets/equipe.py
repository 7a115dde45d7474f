"""Le plan de charge interactif du module 04 : sortir une tâche de la semaine ou la confier à
quelqu'un d'autre, et voir aussitôt la charge de chacun et ce que le changement veut dire."""

from __future__ import annotations

import html

from obm.widgets._commun import _png


class PlanDeChargeInteractif:
    """Une semaine à rééquilibrer : une case « sortir de la semaine » et un choix de personne par
    tâche. Le résumé (charge, capacité, taux, statut), les remarques (lissage ou nivellement) et le
    graphique se mettent à jour à chaque changement. Tout se fait au clavier : la touche de
    tabulation passe d'un champ à l'autre, la barre d'espace coche une case, les flèches
    choisissent une personne.
    """

    def __init__(self, semaine, capacites):
        import ipywidgets as w

        from obm import equipe

        self._eq = equipe
        self.capacites = dict(capacites)
        equipe.reequilibrer(semaine, self.capacites)  # validates the input once
        self.semaine = semaine
        personnes = list(self.capacites)
        personnes += [p for p in semaine["personne"] if p not in personnes]
        self.reporter, self.confier = {}, {}
        lignes = []
        for code, ligne in semaine.iterrows():
            marge = int(ligne["marge"])
            texte_marge = "aucune marge" if marge == 0 else f"marge\u202f: {marge}\u00a0j. ouvrés"
            etiquette = w.HTML(
                f"<b>{html.escape(str(code))}</b> · {html.escape(str(ligne['tache']))} · "
                f"{equipe._heures(ligne['heures'])} · {texte_marge}",
                layout=w.Layout(width="520px"))
            self.reporter[code] = w.Checkbox(value=False, description="sortir de la semaine",
                                             indent=False, layout=w.Layout(width="180px"))
            self.confier[code] = w.Dropdown(options=personnes, value=ligne["personne"],
                                            description="confiée à", layout=w.Layout(width="200px"))
            lignes.append(w.HBox([etiquette, self.reporter[code], self.confier[code]]))
        self.resume = w.HTML()
        self.remarques = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="820px"))
        self.vue = w.VBox([*lignes, self.resume, self.remarques, self.image])
        for champ in [*self.reporter.values(), *self.confier.values()]:
            champ.observe(self._redessiner, names="value")
        self.resultat = None
        self._redessiner()

    def _redessiner(self, _changement=None):
        from obm.erreurs import ErreurOBM

        reportees = [code for code, case in self.reporter.items() if case.value]
        reaffectees = {code: choix.value for code, choix in self.confier.items()
                       if code not in reportees and choix.value != self.semaine.loc[code, "personne"]}
        try:
            self.resultat = self._eq.reequilibrer(self.semaine, self.capacites, reportees, reaffectees)
        except ErreurOBM as erreur:
            self.resume.value = f"<b style='color:#b3261e'>⚠ {html.escape(str(erreur))}</b>"
            return
        lignes = []
        for personne, charge, capacite in self._eq._lignes_plan(self.resultat.apres):
            taux = charge / capacite
            lignes.append(f"<li><b>{html.escape(personne)}</b>\u202f: {self._eq._heures(charge)} pour "
                          f"{self._eq._heures(capacite)} · {self._eq._pct(taux)} · "
                          f"{self._eq._statut_charge(taux)}</li>")
        titre = self.resultat._titre()
        self.resume.value = f"<p style='margin:6px 0 2px 0'><b>{html.escape(titre)}</b></p><ul>{''.join(lignes)}</ul>"
        self.remarques.value = "".join(f"<p style='margin:3px 0'>{html.escape(r)}</p>"
                                       for r in self.resultat.remarques)
        self.image.value = _png(self._eq.graphique_charge(self.resultat))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def plan_de_charge_interactif(semaine, capacites):
    """Affiche la semaine à rééquilibrer : coche « sortir de la semaine » ou change la personne
    d'une tâche, et regarde la charge de chacun, le graphique et ce que le changement veut dire."""
    return PlanDeChargeInteractif(semaine, capacites)
