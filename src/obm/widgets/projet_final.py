"""La grille analytique du projet final, interactive (module 21) : un curseur de niveau par
critère ; la note pondérée et le descripteur du niveau choisi se recalculent."""

from __future__ import annotations

import html


class GrilleInteractive:
    """Noter une copie avec une grille analytique : un curseur par critère (niveau 1 au niveau
    maximal). Sous chaque curseur, le descripteur du niveau choisi ; en bas, la part de chaque
    critère et la note pondérée (Σ pondération × niveau ÷ niveau maximal), sur les points de la
    grille, avec une phrase qui dit si chaque critère atteint le niveau attendu (une icône et des
    mots). Tout se fait au clavier : tabulation, puis flèches.
    """

    def __init__(self, grille, niveaux=None):
        import ipywidgets as w

        from obm import projet_final

        self._projet_final = projet_final
        self.grille = grille
        self.criteres = list(grille["criteres"])
        depart = dict(niveaux or {})
        style = {"description_width": "110px"}
        self.curseurs, self.valeurs, self.descripteurs, lignes = [], [], [], []
        for critere in self.criteres:
            maximum = len(critere["descripteurs"])
            titre = w.HTML(f"<b class='obm-critere'>{html.escape(critere['titre'])}</b>")
            curseur = w.IntSlider(
                value=int(depart.get(critere["id"], maximum)), min=1, max=maximum, step=1,
                description=f"{critere['competence']} · {critere['ponderation']}\u00a0%",
                style=style, layout=w.Layout(width="520px"), readout=False, continuous_update=False)
            valeur = w.HTML(layout=w.Layout(width="110px"))
            descripteur = w.HTML(layout=w.Layout(width="760px"))
            curseur.observe(self._recalculer, names="value")
            self.curseurs.append(curseur)
            self.valeurs.append(valeur)
            self.descripteurs.append(descripteur)
            lignes += [titre, w.HBox([curseur, valeur]), descripteur]
        self.resultat = w.HTML()
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-grille-interactive")
        self._recalculer()

    @property
    def niveaux(self) -> dict:
        """Les niveaux choisis, ``{id du critère: niveau}``."""
        return {c["id"]: s.value for c, s in zip(self.criteres, self.curseurs)}

    def _recalculer(self, _changement=None):
        from obm import fr

        noms = list(self.grille.get("noms_niveaux", []))
        attendu = self.grille.get("niveau_attendu", 0)
        en_deca = []
        for critere, curseur, valeur, descripteur in zip(self.criteres, self.curseurs, self.valeurs,
                                                         self.descripteurs):
            niveau = curseur.value
            nom = noms[niveau - 1] if len(noms) >= niveau else ""
            valeur.value = f"<span class='obm-valeur-curseur'>niveau {niveau}</span>"
            descripteur.value = (f"<p class='obm-descripteur'><i>{html.escape(nom)}</i>\u202f: "
                                 f"{html.escape(critere['descripteurs'][niveau - 1])}</p>")
            if niveau < attendu:
                en_deca.append(critere["titre"])
        points = self.grille["points"]
        note = self._projet_final.note_grille(self.grille, self.niveaux, points=points)
        lignes = "".join(
            f"<tr><th>{html.escape(c['titre'])}</th><td>{c['ponderation']}\u00a0% × {s.value}/{len(c['descripteurs'])}</td>"
            f"<td>{html.escape(fr.nombre(c['ponderation'] / 100 * s.value / len(c['descripteurs']) * points, 2))} pt</td></tr>"
            for c, s in zip(self.criteres, self.curseurs))
        if en_deca:
            phrase = ("🔁 <b>En deçà du niveau attendu</b> pour "
                      + html.escape(", ".join(f"« {t} »" for t in en_deca))
                      + "\u202f: c'est là que le retour de la formatrice portera d'abord.")
        else:
            phrase = "✅ <b>Chaque critère atteint le niveau attendu</b>\u202f: le travail est prêt pour la cliente."
        self.resultat.value = (
            f"<table class='obm-tableau'>{lignes}"
            f"<tr><th>Note pondérée</th><td></td><td class='obm-note'>{html.escape(fr.nombre(note, 2))} / {points}</td></tr>"
            f"</table><p role='status' class='obm-verdict'>{phrase}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def grille_interactive(grille, niveaux=None):
    """Affiche une grille analytique à manipuler : choisis le niveau de chaque critère au curseur
    (souris ou clavier) et lis le descripteur du niveau et la note pondérée. ``niveaux`` :
    les niveaux de départ, ``{id du critère: niveau}`` (par défaut, le plus haut)."""
    return GrilleInteractive(grille, niveaux)
