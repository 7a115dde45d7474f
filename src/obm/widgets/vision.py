"""L'arbre d'OKR interactif (module 15) : relier un projet à un résultat clé, et l'arbre se
redessine, avec ses projets orphelins et ses résultats clés non couverts.

ipywidgets n'a pas de glisser-déposer : on choisit le projet dans une liste, le résultat clé dans
une autre, puis on clique sur « Relier » (tout se fait aussi au clavier : tabulation, flèches,
Entrée).
"""

from __future__ import annotations

import base64
import html


class ArbreOKRInteractif:
    """Deux listes (un projet, un résultat clé) et deux boutons : « Relier » ajoute le lien,
    « Délier » le retire. L'arbre (image et texte alternatif), la liste des projets orphelins
    et celle des résultats clés non couverts se recalculent à chaque clic."""

    def __init__(self, vision, objectifs, resultats_cles, projets, *, titre="Arbre d'OKR"):
        import ipywidgets as w

        self._vision, self._objectifs, self._resultats_cles = vision, objectifs, resultats_cles
        self._titre = titre
        self.projets = {nom: list(liens) for nom, liens in projets.items()}
        largeur = {"description_width": "120px"}
        self.choix_projet = w.Dropdown(options=list(self.projets), description="Projet",
                                       style=largeur, layout=w.Layout(width="480px"))
        self.choix_resultat = w.Dropdown(
            options=[(f"{r['id']} : {r['texte']}", r["id"]) for r in resultats_cles],
            description="Résultat clé", style=largeur, layout=w.Layout(width="720px"))
        self.relier = w.Button(description="Relier", icon="link", button_style="primary")
        self.delier = w.Button(description="Délier", icon="unlink")
        self.relier.add_class("obm-relier")
        self.delier.add_class("obm-delier")
        self.message = w.HTML()
        self.listes = w.HTML()
        self.image = w.HTML()
        self.vue = w.VBox([self.choix_projet, self.choix_resultat,
                           w.HBox([self.relier, self.delier]), self.message, self.listes, self.image])
        self.vue.add_class("obm-arbre-okr")
        self.relier.on_click(self._relier)
        self.delier.on_click(self._delier)
        self._redessiner()

    def _relier(self, _bouton=None):
        projet, rc = self.choix_projet.value, self.choix_resultat.value
        if rc in self.projets[projet]:
            self._dire(f"ℹ️ « {projet} » est déjà relié à {rc}.")
            return
        self.projets[projet].append(rc)
        self._dire(f"🔗 « {projet} » est maintenant relié à {rc}.")
        self._redessiner()

    def _delier(self, _bouton=None):
        projet, rc = self.choix_projet.value, self.choix_resultat.value
        if rc not in self.projets[projet]:
            self._dire(f"ℹ️ « {projet} » n'est pas relié à {rc} : rien à délier.")
            return
        self.projets[projet].remove(rc)
        self._dire(f"✂️ Le lien entre « {projet} » et {rc} est retiré.")
        self._redessiner()

    def _dire(self, texte):
        from obm.fr import typographie

        self.message.value = f"<p role='status' class='obm-message'>{html.escape(typographie(texte))}</p>"

    def _redessiner(self):
        from obm import _figure_en_png
        from obm.fr import typographie
        from obm.vision import arbre_okr

        arbre = arbre_okr(self._vision, self._objectifs, self._resultats_cles, self.projets,
                          titre=self._titre)
        self.arbre = arbre

        def liste(elements):
            if not elements:
                return "<li>✅ aucun</li>"
            return "".join(f"<li>⚠️ {html.escape(e)}</li>" for e in elements)

        self.listes.value = (
            "<div style='display:flex;gap:3em'>"
            f"<div><b>{html.escape(typographie('Projets orphelins :'))}</b>"
            f"<ul class='obm-orphelins'>{liste(arbre.orphelins)}</ul></div>"
            f"<div><b>{html.escape(typographie('Résultats clés non couverts :'))}</b>"
            f"<ul class='obm-non-couverts'>{liste(arbre.non_couverts)}</ul></div></div>")
        image = base64.b64encode(_figure_en_png(arbre.figure)).decode("ascii")
        alternatif = html.escape(arbre.figure.get_label())
        self.image.value = (f"<figure class='obm-figure' style='margin:0'><img class='obm-arbre-image' "
                            f"style='max-width:100%' src='data:image/png;base64,{image}' alt='{alternatif}'>"
                            f"<figcaption style='font-size:90%;color:#333'>{alternatif}</figcaption></figure>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def arbre_okr_interactif(vision, objectifs, resultats_cles, projets, *, titre="Arbre d'OKR"):
    """Affiche l'arbre d'OKR avec deux listes (un projet, un résultat clé) et les boutons
    « Relier » et « Délier » : l'arbre, les projets orphelins et les résultats clés non couverts
    se redessinent à chaque clic. Les liens de départ ne sont pas modifiés."""
    return ArbreOKRInteractif(vision, objectifs, resultats_cles, projets, titre=titre)
